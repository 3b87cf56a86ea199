/* SPDX-License-Identifier: Apache-2.0 */
/* Length-delimited strings and checked number parsing. */
#include "mcred/str.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

struct mc_str mc_str_z(const char *s)
{
    struct mc_str r = { s ? s : "", s ? strlen(s) : 0 };
    return r;
}

bool mc_str_eq(struct mc_str a, struct mc_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

bool mc_str_eqz(struct mc_str a, const char *z)
{
    return mc_str_eq(a, mc_str_z(z));
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

bool mc_str_ieqz(struct mc_str a, const char *z)
{
    size_t n = strlen(z);
    if (n != a.len)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower(a.p[i]) != lower(z[i]))
            return false;
    return true;
}

bool mc_str_starts(struct mc_str s, const char *prefix)
{
    size_t n = strlen(prefix);
    return s.len >= n && memcmp(s.p, prefix, n) == 0;
}

bool mc_str_ends(struct mc_str s, const char *suffix)
{
    size_t n = strlen(suffix);
    return s.len >= n && memcmp(s.p + s.len - n, suffix, n) == 0;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

struct mc_str mc_str_trim(struct mc_str s)
{
    while (s.len && is_space(s.p[0])) {
        s.p++;
        s.len--;
    }
    while (s.len && is_space(s.p[s.len - 1]))
        s.len--;
    return s;
}

size_t mc_str_find(struct mc_str s, char c, size_t from)
{
    if (from >= s.len)
        return SIZE_MAX;
    const char *hit = memchr(s.p + from, c, s.len - from);
    return hit ? (size_t)(hit - s.p) : SIZE_MAX;
}

struct mc_str mc_str_sub(struct mc_str s, size_t off, size_t n)
{
    if (off > s.len)
        off = s.len;
    if (n > s.len - off)
        n = s.len - off;
    struct mc_str r = { s.p + off, n };
    return r;
}

struct mc_str mc_str_cut(struct mc_str s, char sep, struct mc_str *head)
{
    size_t i = mc_str_find(s, sep, 0);
    if (i == SIZE_MAX) {
        *head = s;
        struct mc_str none = { NULL, 0 };
        return none;
    }
    head->p = s.p;
    head->len = i;
    struct mc_str rest = { s.p + i + 1, s.len - i - 1 };
    return rest;
}

/* Quote at most 40 bytes of the offending text in messages. */
#define QUOTE_MAX 40

enum mc_rc mc_str_to_i64(struct mc_str s, int64_t min, int64_t max, int64_t *out, const char *what,
                         struct mc_err *e)
{
    size_t i = 0;
    bool neg = false;
    if (s.len && s.p[0] == '-') {
        neg = true;
        i = 1;
    }
    if (i == s.len)
        goto bad;
    /* Accumulate as a negative number so INT64_MIN is representable. */
    int64_t v = 0;
    for (; i < s.len; i++) {
        char c = s.p[i];
        if (c < '0' || c > '9')
            goto bad;
        int d = c - '0';
        if (v < (INT64_MIN + d) / 10)
            goto range;
        v = v * 10 - d;
    }
    if (!neg) {
        if (v == INT64_MIN)
            goto range;
        v = -v;
    }
    if (v < min || v > max)
        goto range;
    *out = v;
    return MC_OK;
bad:
    return mc_err_set(e, MC_ERR_INVALID, "%s must be a whole number, not \"%.*s%s\"", what,
                      (int)(s.len > QUOTE_MAX ? QUOTE_MAX : s.len), s.p,
                      s.len > QUOTE_MAX ? "..." : "");
range:
    return mc_err_set(e, MC_ERR_INVALID, "%s must be between %lld and %lld, not \"%.*s%s\"", what,
                      (long long)min, (long long)max, (int)(s.len > QUOTE_MAX ? QUOTE_MAX : s.len),
                      s.p, s.len > QUOTE_MAX ? "..." : "");
}

enum mc_rc mc_str_to_double(struct mc_str s, double *out, const char *what, struct mc_err *e)
{
    /* Allow only the JSON number shape: -?digits(.digits)?([eE][+-]?digits)? */
    size_t i = 0;
    char tmp[64];
    if (s.len == 0 || s.len >= sizeof tmp)
        goto bad;
    if (s.p[i] == '-')
        i++;
    size_t digits = 0;
    while (i < s.len && s.p[i] >= '0' && s.p[i] <= '9') {
        i++;
        digits++;
    }
    if (!digits)
        goto bad;
    if (i < s.len && s.p[i] == '.') {
        i++;
        digits = 0;
        while (i < s.len && s.p[i] >= '0' && s.p[i] <= '9') {
            i++;
            digits++;
        }
        if (!digits)
            goto bad;
    }
    if (i < s.len && (s.p[i] == 'e' || s.p[i] == 'E')) {
        i++;
        if (i < s.len && (s.p[i] == '+' || s.p[i] == '-'))
            i++;
        digits = 0;
        while (i < s.len && s.p[i] >= '0' && s.p[i] <= '9') {
            i++;
            digits++;
        }
        if (!digits)
            goto bad;
    }
    if (i != s.len)
        goto bad;
    memcpy(tmp, s.p, s.len);
    tmp[s.len] = '\0';
    errno = 0;
    double v = strtod(tmp, NULL);
    if (errno == ERANGE && isinf(v))
        return mc_err_set(e, MC_ERR_INVALID, "%s is out of range: \"%s\"", what, tmp);
    *out = v;
    return MC_OK;
bad:
    return mc_err_set(e, MC_ERR_INVALID, "%s must be a number, not \"%.*s%s\"", what,
                      (int)(s.len > QUOTE_MAX ? QUOTE_MAX : s.len), s.p,
                      s.len > QUOTE_MAX ? "..." : "");
}

char *mc_str_dupz(struct mc_str s)
{
    return mc_xmemdupz(s.p, s.len);
}
