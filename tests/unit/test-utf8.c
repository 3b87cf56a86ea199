/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/utf8.c: the RFC 3629 well-formed table, edge by edge. */
#include <string.h>

#include "base/utf8.h"
#include "test.h"

struct valid_case {
    const char *in;
    size_t len;
    bool ok;
    size_t bad; /* offset of the first bad byte when !ok */
};

#define C(s, ok, bad)             \
    {                             \
        s, sizeof(s) - 1, ok, bad \
    }

static const struct valid_case valid_cases[] = {
    C("", true, 0),
    C("plain ASCII", true, 0),
    C("caf\xc3\xa9", true, 0),      /* U+00E9 */
    C("\xe2\x82\xac", true, 0),     /* U+20AC euro */
    C("\xf0\x9f\x98\x80", true, 0), /* U+1F600 */
    C("\xef\xbf\xbf", true, 0),     /* U+FFFF */
    C("\xf4\x8f\xbf\xbf", true, 0), /* U+10FFFF, the last */
    C("\xed\x9f\xbf", true, 0),     /* U+D7FF, just below the surrogates */
    C("\xee\x80\x80", true, 0),     /* U+E000, just above them */
    C("a\x00z", true, 0),           /* NUL is a valid code point */
    C("\x80", false, 0),            /* lone continuation */
    C("ab\xbf", false, 2),
    C("\xc0\xaf", false, 0),         /* overlong '/' */
    C("\xc1\xbf", false, 0),         /* overlong */
    C("\xe0\x80\xaf", false, 0),     /* overlong three-byte */
    C("\xe0\x9f\xbf", false, 0),     /* overlong U+07FF */
    C("\xf0\x80\x80\xaf", false, 0), /* overlong four-byte */
    C("\xf0\x8f\xbf\xbf", false, 0), /* overlong U+FFFF */
    C("\xed\xa0\x80", false, 0),     /* U+D800 surrogate */
    C("\xed\xbf\xbf", false, 0),     /* U+DFFF surrogate */
    C("\xf4\x90\x80\x80", false, 0), /* U+110000 */
    C("\xf5\x80\x80\x80", false, 0),
    C("\xff", false, 0),
    C("\xfe", false, 0),
    C("ok\xc3", false, 2), /* truncated at the end */
    C("ok\xe2\x82", false, 2),
    C("ok\xf0\x9f\x98", false, 2),
    C("\xc3\x28", false, 0), /* bad continuation */
    C("\xe2\x28\xa1", false, 0),
    C("x\xe2\x82\xacy\xe2\x28", false, 5),
};

struct encode_case {
    uint32_t cp;
    const char *want;
    size_t want_len;
    enum mc_rc rc;
};

static const struct encode_case encode_cases[] = {
    { 0x41, "A", 1, MC_OK },
    { 0x00, "\x00", 1, MC_OK },
    { 0x7F, "\x7f", 1, MC_OK },
    { 0x80, "\xc2\x80", 2, MC_OK },
    { 0x7FF, "\xdf\xbf", 2, MC_OK },
    { 0x800, "\xe0\xa0\x80", 3, MC_OK },
    { 0x20AC, "\xe2\x82\xac", 3, MC_OK },
    { 0xFFFF, "\xef\xbf\xbf", 3, MC_OK },
    { 0x10000, "\xf0\x90\x80\x80", 4, MC_OK },
    { 0x10FFFF, "\xf4\x8f\xbf\xbf", 4, MC_OK },
    { 0xD800, "", 0, MC_ERR_INVALID },
    { 0xDFFF, "", 0, MC_ERR_INVALID },
    { 0x110000, "", 0, MC_ERR_INVALID },
};

int main(void)
{
    for (size_t i = 0; i < sizeof valid_cases / sizeof valid_cases[0]; i++) {
        const struct valid_case *c = &valid_cases[i];
        mc_test_case("valid #%zu", i);
        size_t bad = 12345;
        CHECK_INT(mc_utf8_valid(c->in, c->len, &bad), c->ok);
        if (!c->ok)
            CHECK_INT(bad, c->bad);
        CHECK_INT(mc_utf8_valid(c->in, c->len, NULL), c->ok);
    }
    for (size_t i = 0; i < sizeof encode_cases / sizeof encode_cases[0]; i++) {
        const struct encode_case *c = &encode_cases[i];
        mc_test_case("encode U+%04X", (unsigned)c->cp);
        struct mc_buf b;
        mc_buf_init(&b, 16);
        CHECK_INT(mc_utf8_encode(&b, c->cp), c->rc);
        CHECK_MEM(b.data, b.len, c->want, c->want_len);
        if (c->rc == MC_OK) {
            size_t n = 0;
            CHECK_INT(mc_utf8_decode(b.data, b.len, &n), (long long)c->cp);
            CHECK_INT(n, c->want_len);
            CHECK(mc_utf8_valid(b.data, b.len, NULL));
        }
        mc_buf_free(&b);
    }
    /* Every code point round-trips through encode, decode and validate. */
    mc_test_case("all scalar values");
    size_t wrong = 0;
    struct mc_buf b;
    mc_buf_init(&b, 8);
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        mc_buf_reset(&b);
        size_t n = 0;
        if (mc_utf8_encode(&b, cp) || mc_utf8_decode(b.data, b.len, &n) != (int32_t)cp ||
            n != b.len || !mc_utf8_valid(b.data, b.len, NULL))
            wrong++;
    }
    mc_buf_free(&b);
    CHECK_INT(wrong, 0);
    return mc_test_done();
}
