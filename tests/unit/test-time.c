/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/time.c (RFC 3339 section 5.8 examples and edges). */
#include <string.h>

#include "base/time.h"
#include "test.h"

struct parse_case {
    const char *in;
    enum mc_rc rc;
    int64_t sec;
    int32_t nsec;
};

static const struct parse_case parse_cases[] = {
    /* RFC 3339 section 5.8 */
    { "1985-04-12T23:20:50.52Z", MC_OK, 482196050, 520000000 },
    { "1996-12-19T16:39:57-08:00", MC_OK, 851042397, 0 },
    { "1990-12-31T23:59:60Z", MC_OK, 662687999, 0 }, /* leap second, folded */
    { "1990-12-31T15:59:60-08:00", MC_OK, 662687999, 0 },
    { "1937-01-01T12:00:27.87+00:20", MC_OK, -1041337173, 870000000 },
    /* edges */
    { "1970-01-01T00:00:00Z", MC_OK, 0, 0 },
    { "1970-01-01t00:00:00z", MC_OK, 0, 0 },
    { "1970-01-01 00:00:00Z", MC_OK, 0, 0 },
    { "2000-02-29T00:00:00Z", MC_OK, 951782400, 0 },
    { "2024-02-29T12:00:00+01:00", MC_OK, 1709204400, 0 },
    { "0000-01-01T00:00:00Z", MC_OK, -62167219200, 0 },
    { "9999-12-31T23:59:59Z", MC_OK, 253402300799, 0 },
    { "2026-11-23T04:33:51.123456789123Z", MC_OK, 1795408431, 123456789 },
    /* bad */
    { "1900-02-29T00:00:00Z", MC_ERR_INVALID, 0, 0 }, /* not a leap year */
    { "2023-02-29T00:00:00Z", MC_ERR_INVALID, 0, 0 },
    { "2023-04-31T00:00:00Z", MC_ERR_INVALID, 0, 0 },
    { "2023-13-01T00:00:00Z", MC_ERR_INVALID, 0, 0 },
    { "2023-00-01T00:00:00Z", MC_ERR_INVALID, 0, 0 },
    { "2023-01-00T00:00:00Z", MC_ERR_INVALID, 0, 0 },
    { "2023-01-01T24:00:00Z", MC_ERR_INVALID, 0, 0 },
    { "2023-01-01T00:60:00Z", MC_ERR_INVALID, 0, 0 },
    { "2023-01-01T00:00:61Z", MC_ERR_INVALID, 0, 0 },
    { "2023-01-01T00:00:00", MC_ERR_INVALID, 0, 0 }, /* no zone */
    { "2023-01-01T00:00:00.Z", MC_ERR_INVALID, 0, 0 },
    { "2023-01-01T00:00:00+0100", MC_ERR_INVALID, 0, 0 },
    { "2023-01-01T00:00:00Zjunk", MC_ERR_INVALID, 0, 0 },
    { "2023-1-01T00:00:00Z", MC_ERR_INVALID, 0, 0 },
    { "23-01-01T00:00:00Z", MC_ERR_INVALID, 0, 0 },
    { "", MC_ERR_INVALID, 0, 0 },
    { "2023-01-01", MC_ERR_INVALID, 0, 0 },
};

int main(void)
{
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        const struct parse_case *c = &parse_cases[i];
        mc_test_case("parse \"%s\"", c->in);
        int64_t sec = -1;
        int32_t nsec = -1;
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_time_parse_rfc3339(c->in, strlen(c->in), &sec, &nsec, &e), c->rc);
        if (c->rc == MC_OK) {
            CHECK_INT(sec, c->sec);
            CHECK_INT(nsec, c->nsec);
        } else {
            CHECK(strstr(e.msg, "offset") != NULL);
        }
    }

    mc_test_case("format");
    char out[MC_TIME_RFC3339_SIZE], ms[MC_TIME_RFC3339_MS_SIZE];
    mc_time_format_rfc3339(0, out);
    CHECK_STR(out, "1970-01-01T00:00:00Z");
    mc_time_format_rfc3339(482196050, out);
    CHECK_STR(out, "1985-04-12T23:20:50Z");
    mc_time_format_rfc3339(-1041337173, out);
    CHECK_STR(out, "1937-01-01T11:40:27Z");
    mc_time_format_rfc3339(253402300799, out);
    CHECK_STR(out, "9999-12-31T23:59:59Z");
    mc_time_format_rfc3339(INT64_MAX, out);
    CHECK_STR(out, "9999-12-31T23:59:59Z"); /* clamped */
    mc_time_format_rfc3339(INT64_MIN, out);
    CHECK_STR(out, "0000-01-01T00:00:00Z");
    mc_time_format_rfc3339_ms(482196050, 520000000, ms);
    CHECK_STR(ms, "1985-04-12T23:20:50.520Z");

    mc_test_case("every day from 1600 to 2400 round-trips");
    size_t wrong = 0;
    int64_t first = mc_time_days_from_civil(1600, 1, 1), last = mc_time_days_from_civil(2400, 1, 1);
    for (int64_t d = first; d <= last; d++) {
        int64_t y;
        unsigned m, dd;
        mc_time_civil_from_days(d, &y, &m, &dd);
        if (mc_time_days_from_civil(y, m, dd) != d)
            wrong++;
        mc_time_format_rfc3339(d * 86400 + 3661, out);
        int64_t back;
        if (mc_time_parse_rfc3339(out, strlen(out), &back, NULL, NULL) || back != d * 86400 + 3661)
            wrong++;
    }
    CHECK_INT(wrong, 0);

    mc_test_case("date");
    int64_t sec;
    CHECK_INT(mc_time_parse_date("2026-11-23", 10, &sec, NULL), MC_OK);
    CHECK_INT(sec, 1795392000);
    CHECK_INT(mc_time_parse_date("2026-11-31", 10, &sec, NULL), MC_ERR_INVALID);
    CHECK_INT(mc_time_parse_date("2026-11-23T", 11, &sec, NULL), MC_ERR_INVALID);

    mc_test_case("clocks");
    CHECK(mc_time_now() > 1700000000);
    int64_t a = mc_time_mono_ns(), b = mc_time_mono_ns();
    CHECK(b >= a);
    return mc_test_done();
}
