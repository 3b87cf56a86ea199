/* SPDX-License-Identifier: Apache-2.0 */
/* RFC 3339 parsing and formatting over days-from-civil arithmetic (no timegm, no time zones). */
#include "base/time.h"

#include <stdbool.h>
#include <time.h>

/* The algorithm counts eras of 400 years (146097 days) from 0000-03-01. */
int64_t mc_time_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void mc_time_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
    days += 719468;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static bool leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(int64_t y, unsigned m)
{
    static const unsigned days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Read exactly `n` digits at p[*i]; false if they are not all digits. */
static bool digits(const char *p, size_t len, size_t *i, size_t n, unsigned *out)
{
    if (len - *i < n)
        return false;
    unsigned v = 0;
    for (size_t k = 0; k < n; k++) {
        char c = p[*i + k];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (unsigned)(c - '0');
    }
    *i += n;
    *out = v;
    return true;
}

static bool expect(const char *p, size_t len, size_t *i, char c)
{
    if (*i < len && p[*i] == c) {
        (*i)++;
        return true;
    }
    return false;
}

static enum mc_rc bad(struct mc_err *e, const char *what, size_t at)
{
    return mc_err_set(e, MC_ERR_INVALID, "not an RFC 3339 date-time: %s at offset %zu", what, at);
}

/* full-date: YYYY-MM-DD into days since the epoch. */
static enum mc_rc parse_date(const char *p, size_t len, size_t *i, int64_t *days, struct mc_err *e)
{
    unsigned y, m, d;
    if (!digits(p, len, i, 4, &y))
        return bad(e, "expected a four-digit year", *i);
    if (!expect(p, len, i, '-'))
        return bad(e, "expected '-'", *i);
    size_t at = *i;
    if (!digits(p, len, i, 2, &m) || m < 1 || m > 12)
        return bad(e, "expected a month 01-12", at);
    if (!expect(p, len, i, '-'))
        return bad(e, "expected '-'", *i);
    at = *i;
    if (!digits(p, len, i, 2, &d) || d < 1 || d > days_in_month(y, m))
        return bad(e, "the day does not exist in that month", at);
    *days = mc_time_days_from_civil(y, m, d);
    return MC_OK;
}

enum mc_rc mc_time_parse_date(const char *p, size_t len, int64_t *sec, struct mc_err *e)
{
    size_t i = 0;
    int64_t days = 0;
    enum mc_rc rc = parse_date(p, len, &i, &days, e);
    if (rc)
        return rc;
    if (i != len)
        return bad(e, "unexpected text after the date", i);
    *sec = days * 86400;
    return MC_OK;
}

enum mc_rc mc_time_parse_rfc3339(const char *p, size_t len, int64_t *sec, int32_t *nsec,
                                 struct mc_err *e)
{
    size_t i = 0;
    int64_t days = 0;
    enum mc_rc rc = parse_date(p, len, &i, &days, e);
    if (rc)
        return rc;
    if (!(expect(p, len, &i, 'T') || expect(p, len, &i, 't') || expect(p, len, &i, ' ')))
        return bad(e, "expected 'T' between date and time", i);
    unsigned hh, mm, ss;
    size_t at = i;
    if (!digits(p, len, &i, 2, &hh) || hh > 23)
        return bad(e, "expected an hour 00-23", at);
    if (!expect(p, len, &i, ':'))
        return bad(e, "expected ':'", i);
    at = i;
    if (!digits(p, len, &i, 2, &mm) || mm > 59)
        return bad(e, "expected minutes 00-59", at);
    if (!expect(p, len, &i, ':'))
        return bad(e, "expected ':'", i);
    at = i;
    if (!digits(p, len, &i, 2, &ss) || ss > 60)
        return bad(e, "expected seconds 00-60", at);
    if (ss == 60)
        ss = 59; /* a leap second: POSIX time has no :60 */
    int32_t frac = 0;
    if (expect(p, len, &i, '.')) {
        size_t n = 0;
        int32_t scale = 100000000;
        while (i < len && p[i] >= '0' && p[i] <= '9') {
            if (n < 9) {
                frac += (int32_t)(p[i] - '0') * scale;
                scale /= 10;
            }
            i++;
            n++;
        }
        if (n == 0)
            return bad(e, "expected digits after '.'", i);
    }
    int64_t offset = 0;
    if (expect(p, len, &i, 'Z') || expect(p, len, &i, 'z')) {
        offset = 0;
    } else if (i < len && (p[i] == '+' || p[i] == '-')) {
        int sign = p[i] == '-' ? -1 : 1;
        i++;
        unsigned oh, om;
        at = i;
        if (!digits(p, len, &i, 2, &oh) || oh > 23)
            return bad(e, "expected an offset hour 00-23", at);
        if (!expect(p, len, &i, ':'))
            return bad(e, "expected ':' in the offset", i);
        at = i;
        if (!digits(p, len, &i, 2, &om) || om > 59)
            return bad(e, "expected offset minutes 00-59", at);
        offset = sign * (int64_t)(oh * 3600 + om * 60);
    } else {
        return bad(e, "expected 'Z' or an offset like +01:00", i);
    }
    if (i != len)
        return bad(e, "unexpected text after the time", i);
    *sec = days * 86400 + hh * 3600 + mm * 60 + ss - offset;
    if (nsec)
        *nsec = frac;
    return MC_OK;
}

static void civil(int64_t sec, int64_t *y, unsigned *mo, unsigned *d, unsigned *h, unsigned *mi,
                  unsigned *s)
{
    /* Clamp to years 0000..9999 so the text always has the promised shape. */
    const int64_t lo = mc_time_days_from_civil(0, 1, 1) * 86400;
    const int64_t hi = mc_time_days_from_civil(9999, 12, 31) * 86400 + 86399;
    if (sec < lo)
        sec = lo;
    if (sec > hi)
        sec = hi;
    int64_t days = sec >= 0 ? sec / 86400 : -((-sec + 86399) / 86400);
    int64_t rem = sec - days * 86400;
    mc_time_civil_from_days(days, y, mo, d);
    *h = (unsigned)(rem / 3600);
    *mi = (unsigned)(rem % 3600 / 60);
    *s = (unsigned)(rem % 60);
}

/* `v` in `width` decimal digits, zero-padded, at `out`; returns the end. Not snprintf: a verifier
 * formats the time for every credential, and snprintf costs ten times as much. */
static char *put_digits(char *out, unsigned v, int width)
{
    for (int i = width - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
    return out + width;
}

/* "YYYY-MM-DDTHH:MM:SS" at `out`; returns the end. */
static char *put_date_time(char *out, int64_t sec)
{
    int64_t y;
    unsigned mo, d, h, mi, s;
    civil(sec, &y, &mo, &d, &h, &mi, &s);
    out = put_digits(out, (unsigned)y % 10000u, 4);
    *out++ = '-';
    out = put_digits(out, mo, 2);
    *out++ = '-';
    out = put_digits(out, d, 2);
    *out++ = 'T';
    out = put_digits(out, h, 2);
    *out++ = ':';
    out = put_digits(out, mi, 2);
    *out++ = ':';
    return put_digits(out, s, 2);
}

void mc_time_format_rfc3339(int64_t sec, char out[MC_TIME_RFC3339_SIZE])
{
    char *p = put_date_time(out, sec);
    p[0] = 'Z';
    p[1] = '\0';
}

void mc_time_format_rfc3339_ms(int64_t sec, int32_t nsec, char out[MC_TIME_RFC3339_MS_SIZE])
{
    char *p = put_date_time(out, sec);
    *p++ = '.';
    p = put_digits(p, nsec > 0 ? (unsigned)(nsec / 1000000) % 1000u : 0, 3);
    p[0] = 'Z';
    p[1] = '\0';
}

int64_t mc_time_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec;
}

int64_t mc_time_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}
