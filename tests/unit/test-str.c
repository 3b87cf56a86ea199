/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/str.c: views, trimming, cutting and checked number parsing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mcred/str.h"
#include "test.h"

struct i64_case {
    const char *in;
    int64_t min, max;
    enum mc_rc rc;
    int64_t want;
};

static const struct i64_case i64_cases[] = {
    { "0", INT64_MIN, INT64_MAX, MC_OK, 0 },
    { "42", 0, 100, MC_OK, 42 },
    { "-7", -10, 10, MC_OK, -7 },
    { "9223372036854775807", INT64_MIN, INT64_MAX, MC_OK, INT64_MAX },
    { "-9223372036854775808", INT64_MIN, INT64_MAX, MC_OK, INT64_MIN },
    { "9223372036854775808", INT64_MIN, INT64_MAX, MC_ERR_INVALID, 0 },
    { "-9223372036854775809", INT64_MIN, INT64_MAX, MC_ERR_INVALID, 0 },
    { "99999999999999999999999", INT64_MIN, INT64_MAX, MC_ERR_INVALID, 0 },
    { "101", 0, 100, MC_ERR_INVALID, 0 },
    { "-1", 0, 100, MC_ERR_INVALID, 0 },
    { "", 0, 100, MC_ERR_INVALID, 0 },
    { "-", 0, 100, MC_ERR_INVALID, 0 },
    { "+1", 0, 100, MC_ERR_INVALID, 0 },
    { " 1", 0, 100, MC_ERR_INVALID, 0 },
    { "1 ", 0, 100, MC_ERR_INVALID, 0 },
    { "1e3", 0, 10000, MC_ERR_INVALID, 0 },
    { "0x10", 0, 100, MC_ERR_INVALID, 0 },
    { "12abc", 0, 100, MC_ERR_INVALID, 0 },
    { "007", 0, 100, MC_OK, 7 },
};

struct double_case {
    const char *in;
    enum mc_rc rc;
    double want;
};

static const struct double_case double_cases[] = {
    { "12", MC_OK, 12 },
    { "-3.5", MC_OK, -3.5 },
    { "1e3", MC_OK, 1000 },
    { "2.5E-1", MC_OK, 0.25 },
    { "536.50", MC_OK, 536.5 },
    { "", MC_ERR_INVALID, 0 },
    { ".5", MC_ERR_INVALID, 0 },
    { "5.", MC_ERR_INVALID, 0 },
    { "inf", MC_ERR_INVALID, 0 },
    { "nan", MC_ERR_INVALID, 0 },
    { "0x1p3", MC_ERR_INVALID, 0 },
    { "1e", MC_ERR_INVALID, 0 },
    { "1e999", MC_ERR_INVALID, 0 },
    { "+1", MC_ERR_INVALID, 0 },
    { "1,5", MC_ERR_INVALID, 0 },
};

int main(void)
{
    for (size_t i = 0; i < sizeof i64_cases / sizeof i64_cases[0]; i++) {
        const struct i64_case *c = &i64_cases[i];
        mc_test_case("i64 \"%s\"", c->in);
        int64_t v = -12345;
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_str_to_i64(mc_str_z(c->in), c->min, c->max, &v, "limit", &e), c->rc);
        if (c->rc == MC_OK)
            CHECK_INT(v, c->want);
        else
            CHECK(strstr(e.msg, "limit") != NULL); /* the message names the field */
    }
    for (size_t i = 0; i < sizeof double_cases / sizeof double_cases[0]; i++) {
        const struct double_case *c = &double_cases[i];
        mc_test_case("double \"%s\"", c->in);
        double v = -1;
        CHECK_INT(mc_str_to_double(mc_str_z(c->in), &v, "price", NULL), c->rc);
        if (c->rc == MC_OK)
            CHECK(v == c->want);
    }

    mc_test_case("views");
    struct mc_str s = MC_STR("  hello world \r\n");
    CHECK(mc_str_eqz(mc_str_trim(s), "hello world"));
    CHECK(mc_str_eqz(mc_str_trim(MC_STR(" \t ")), ""));
    CHECK(mc_str_starts(MC_STR("prefix-rest"), "prefix"));
    CHECK(!mc_str_starts(MC_STR("pre"), "prefix"));
    CHECK(mc_str_ends(MC_STR("file.json"), ".json"));
    CHECK(!mc_str_ends(MC_STR("json"), ".json"));
    CHECK(mc_str_ieqz(MC_STR("Content-Type"), "content-type"));
    CHECK(!mc_str_ieqz(MC_STR("Content-Type"), "content-typ"));
    CHECK_INT(mc_str_find(MC_STR("a=b=c"), '=', 0), 1);
    CHECK_INT(mc_str_find(MC_STR("a=b=c"), '=', 2), 3);
    CHECK(mc_str_find(MC_STR("abc"), '=', 0) == SIZE_MAX);
    CHECK(mc_str_find(MC_STR("abc"), 'a', 10) == SIZE_MAX);
    CHECK(mc_str_eqz(mc_str_sub(MC_STR("abcdef"), 2, 3), "cde"));
    CHECK(mc_str_eqz(mc_str_sub(MC_STR("abcdef"), 4, 100), "ef"));
    CHECK(mc_str_eqz(mc_str_sub(MC_STR("abc"), 10, 1), ""));
    CHECK(mc_str_eq(mc_str_z(NULL), MC_STR("")));

    mc_test_case("cut");
    struct mc_str head;
    struct mc_str rest = mc_str_cut(MC_STR("key=value=x"), '=', &head);
    CHECK(mc_str_eqz(head, "key"));
    CHECK(mc_str_eqz(rest, "value=x"));
    rest = mc_str_cut(MC_STR("novalue"), '=', &head);
    CHECK(mc_str_eqz(head, "novalue"));
    CHECK(rest.p == NULL && rest.len == 0);
    rest = mc_str_cut(MC_STR("k="), '=', &head);
    CHECK(mc_str_eqz(head, "k") && rest.p != NULL && rest.len == 0);

    mc_test_case("dupz");
    char *d = mc_str_dupz(mc_str_sub(MC_STR("abcdef"), 1, 2));
    CHECK_STR(d, "bc");
    free(d);
    return mc_test_done();
}
