/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/jcs.c against RFC 8785's own examples (src/base/json.c: test-json.c). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/jcs.h"
#include "base/json.h"
#include "test.h"

/* RFC 8785 section 3.2.2.3 / Appendix B: IEEE-754 bit patterns and their canonical text. */
struct num_case {
    uint64_t bits;
    const char *want; /* NULL: must be refused (NaN, Infinity) */
};

static const struct num_case num_cases[] = {
    { 0x0000000000000000ull, "0" },
    { 0x8000000000000000ull, "0" },
    { 0x0000000000000001ull, "5e-324" },
    { 0x8000000000000001ull, "-5e-324" },
    { 0x7fefffffffffffffull, "1.7976931348623157e+308" },
    { 0xffefffffffffffffull, "-1.7976931348623157e+308" },
    { 0x4340000000000000ull, "9007199254740992" },
    { 0xc340000000000000ull, "-9007199254740992" },
    { 0x4430000000000000ull, "295147905179352830000" },
    { 0x7fffffffffffffffull, NULL },
    { 0x7ff0000000000000ull, NULL },
    { 0x44b52d02c7e14af5ull, "9.999999999999997e+22" },
    { 0x44b52d02c7e14af6ull, "1e+23" },
    { 0x44b52d02c7e14af7ull, "1.0000000000000001e+23" },
    { 0x444b1ae4d6e2ef4eull, "999999999999999700000" },
    { 0x444b1ae4d6e2ef4full, "999999999999999900000" },
    { 0x444b1ae4d6e2ef50ull, "1e+21" },
    { 0x3eb0c6f7a0b5ed8cull, "9.999999999999997e-7" },
    { 0x3eb0c6f7a0b5ed8dull, "0.000001" },
    { 0x41b3de4355555553ull, "333333333.3333332" },
    { 0x41b3de4355555554ull, "333333333.33333325" },
    { 0x41b3de4355555555ull, "333333333.3333333" },
    { 0x41b3de4355555556ull, "333333333.3333334" },
    { 0x41b3de4355555557ull, "333333333.33333343" },
    { 0xbecbf647612f3696ull, "-0.0000033333333333333333" },
    { 0x43143ff3c1cb0959ull, "1424953923781206.2" },
    /* around 1e20, where the plain layout still pads with zeros */
    { 0x4415af1d78b58c3full, "99999999999999980000" },
    { 0x4415af1d78b58c40ull, "100000000000000000000" },
    { 0x4415af1d78b58c41ull, "100000000000000020000" },
    /* other layouts of section 3.2.2.3's rules */
    { 0x3ff8000000000000ull, "1.5" },
    { 0xbff0000000000000ull, "-1" },
    { 0x3fb999999999999aull, "0.1" },
    { 0x3fd5555555555555ull, "0.3333333333333333" },
    { 0x3eb0000000000000ull, "9.5367431640625e-7" },
    { 0x7ff8000000000000ull, NULL }, /* quiet NaN */
    { 0xfff0000000000000ull, NULL }, /* -Infinity */
};

struct doc_case {
    const char *name;
    const char *in;
    const char *want;
};

static const struct doc_case doc_cases[] = {
    /* RFC 8785 section 3.2.4 */
    { "rfc 3.2.4",
      "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
      "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
      "  \"literals\": [null, true, false]\n}",
      "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
      "\"string\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}" },
    /* RFC 8785 section 3.2.3: sorting by UTF-16 code units */
    { "rfc 3.2.3",
      "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter "
      "Dalet With Dagesh\", \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", "
      "\"\\u0080\": \"Control\", \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}",
      "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xc2\x80\":\"Control\",\"\xc3\xb6\":\"Latin "
      "Small Letter O With Diaeresis\",\"\xe2\x82\xac\":\"Euro "
      "Sign\",\"\xf0\x9f\x98\x80\":\"Emoji: "
      "Grinning Face\",\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}" },
    { "nested and empty", "{ \"b\": [ {}, [], {\"z\":1, \"a\":2} ], \"a\": \"\" }",
      "{\"a\":\"\",\"b\":[{},[],{\"a\":2,\"z\":1}]}" },
    { "integers as doubles", "[1, -0, 10, 1e2, 9007199254740993, 123456789012345678901]",
      "[1,0,10,100,9007199254740992,123456789012345680000]" },
    { "controls", "\"\\u0000\\u001f\\b\\f\\t\\u007f\\u2028\"",
      "\"\\u0000\\u001f\\b\\f\\t\x7f\xe2\x80\xa8\"" },
    /* U+E000 sorts after U+1F600 in UTF-16 (0xE000 > 0xD83D), though not in UTF-8 or code points */
    { "private use after astral", "{\"\\ue000\":1,\"\\ud83d\\ude00\":2,\"\\uffff\":3,\"z\":4}",
      "{\"z\":4,\"\xf0\x9f\x98\x80\":2,\"\xee\x80\x80\":1,\"\xef\xbf\xbf\":3}" },
    { "prefix keys", "{\"ab\":1,\"a\":2,\"\":3}", "{\"\":3,\"a\":2,\"ab\":1}" },
};

int main(void)
{
    char out[MC_JCS_NUMBER_SIZE];
    for (size_t i = 0; i < sizeof num_cases / sizeof num_cases[0]; i++) {
        const struct num_case *c = &num_cases[i];
        mc_test_case("number 0x%016llx", (unsigned long long)c->bits);
        double d;
        memcpy(&d, &c->bits, sizeof d);
        enum mc_rc rc = mc_jcs_format_number(d, out);
        if (c->want) {
            CHECK_INT(rc, MC_OK);
            CHECK_STR(out, c->want);
        } else {
            CHECK_INT(rc, MC_ERR_INVALID);
        }
    }
    for (size_t i = 0; i < sizeof doc_cases / sizeof doc_cases[0]; i++) {
        const struct doc_case *c = &doc_cases[i];
        mc_test_case("document %s", c->name);
        json_t *v = NULL;
        struct mc_err e;
        if (!CHECK_INT(mc_json_parse(c->in, strlen(c->in),
                                     JSON_DECODE_INT_AS_REAL | JSON_DECODE_ANY | JSON_ALLOW_NUL,
                                     NULL, &v, &e),
                       MC_OK)) {
            fprintf(stderr, "  %s\n", e.msg);
            continue;
        }
        struct mc_buf b;
        mc_buf_init(&b, 1 << 16);
        CHECK_INT(mc_jcs_serialize(v, &b, &e), MC_OK);
        CHECK_STR(mc_buf_cstr(&b), c->want);
        mc_buf_free(&b);
        json_decref(v);
    }

    mc_test_case("a cap that is too small leaves the buffer as it was");
    json_t *v = json_pack("{s:s}", "key", "a long enough value");
    struct mc_buf b;
    struct mc_err e;
    mc_buf_init(&b, 10);
    CHECK_INT(mc_buf_appendz(&b, "xy"), MC_OK);
    CHECK_INT(mc_jcs_serialize(v, &b, &e), MC_ERR_TOO_LARGE);
    CHECK_STR(mc_buf_cstr(&b), "xy");
    mc_buf_free(&b);

    mc_test_case("nesting past 1000 levels is refused, not recursed into");
    json_t *deep = json_array();
    for (int i = 0; i < 1001; i++) {
        json_t *outer = json_array();
        json_array_append_new(outer, deep);
        deep = outer;
    }
    mc_buf_init(&b, 1 << 16);
    CHECK_INT(mc_jcs_serialize(deep, &b, &e), MC_ERR_TOO_LARGE);
    CHECK(strstr(e.msg, "deeper") != NULL);
    CHECK_INT(b.len, 0);
    mc_buf_free(&b);
    json_decref(deep);

    json_decref(v);
    return mc_test_done();
}
