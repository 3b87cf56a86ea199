/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tests for jv_parse (src/ld/jv.c): the values it reads, compared with jansson's reading of the
 * same text; numbers compared with strtod bit for bit; strings of every length against the end of
 * the text; and the texts it refuses, with the message, line and column it gives. Each text is
 * parsed from a buffer of exactly its length, so a sanitizer build catches a read past it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/embed.h"
#include "ld/jv.h"
#include "test.h"

#define FLAGS (JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL)
#define BOM   "\xEF\xBB\xBF"

static struct mc_arena *arena;

/* jv_parse on a copy of in[0..len) in a buffer of exactly that size, freed (and scribbled over)
 * before returning: the parsed value must not point into the text. */
static enum mc_rc parse(const char *in, size_t len, size_t max_depth, struct jv **out,
                        struct mc_err *e)
{
    char *copy = malloc(len ? len : 1);
    memcpy(copy, in, len);
    mc_err_clear(e);
    enum mc_rc rc = jv_parse(arena, copy, len, max_depth, out, e);
    memset(copy, '#', len);
    free(copy);
    return rc;
}

/* Whether v holds exactly what jansson read into j (numbers to the bit, -0 included). */
static bool same(const struct jv *v, const json_t *j)
{
    switch (v->kind) {
    case JV_NULL: return v == &jv_null_value && json_is_null(j);
    case JV_TRUE: return v == &jv_true_value && json_is_true(j);
    case JV_FALSE: return v == &jv_false_value && json_is_false(j);
    case JV_NUMBER: {
        double d = json_number_value(j);
        return json_is_number(j) && memcmp(&d, &v->u.num, sizeof d) == 0;
    }
    case JV_STRING:
        return json_is_string(j) && json_string_length(j) == v->len &&
               memcmp(json_string_value(j), v->u.str, v->len) == 0 && v->u.str[v->len] == '\0';
    case JV_ARRAY:
        if (!json_is_array(j) || json_array_size(j) != v->len || v->cap != v->len)
            return false;
        for (uint32_t i = 0; i < v->len; i++)
            if (!same(v->u.items[i], json_array_get(j, i)))
                return false;
        return true;
    case JV_OBJECT:
        if (!json_is_object(j) || json_object_size(j) != v->len || v->cap != v->len)
            return false;
        for (uint32_t i = 0; i < v->len; i++) {
            const json_t *x = json_object_get(j, v->u.members[i].key);
            if (!x || !same(v->u.members[i].value, x))
                return false;
        }
        return true;
    }
    return false;
}

/* Members in document order (jansson keeps insertion order too), and the sorted index on objects
 * large enough for one, with jv_get finding every member. */
static bool well_formed(const struct jv *v, const json_t *j)
{
    if (v->kind == JV_ARRAY) {
        for (uint32_t i = 0; i < v->len; i++)
            if (!well_formed(v->u.items[i], json_array_get(j, i)))
                return false;
        return true;
    }
    if (v->kind != JV_OBJECT)
        return v->index == NULL;
    if ((v->index != NULL) != (v->len > 12))
        return false;
    const char *k;
    json_t *x;
    uint32_t i = 0;
    json_object_foreach ((json_t *)j, k, x) {
        if (strcmp(v->u.members[i].key, k) != 0 || jv_get(v, k) != v->u.members[i].value ||
            !well_formed(v->u.members[i].value, x))
            return false;
        i++;
    }
    for (i = 1; v->index && i < v->len; i++)
        if (strcmp(v->u.members[v->index[i - 1]].key, v->u.members[v->index[i]].key) >= 0)
            return false;
    return jv_get(v, "no such key\x01") == NULL;
}

/* jv_parse reads `in` as jansson does (a byte order mark aside, which jansson refuses). */
static void check_same_as_jansson(const char *in, size_t len)
{
    struct jv *v = NULL;
    struct mc_err e;
    if (!CHECK_INT(parse(in, len, 1000, &v, &e), MC_OK)) {
        fprintf(stderr, "  message: %s\n", e.msg);
        return;
    }
    size_t skip = len >= 3 && memcmp(in, BOM, 3) == 0 ? 3 : 0;
    json_error_t je;
    json_t *j = json_loadb(in + skip, len - skip, FLAGS, &je);
    if (!CHECK(j != NULL)) {
        fprintf(stderr, "  jansson: %s\n", je.text);
        return;
    }
    CHECK(same(v, j));
    CHECK(well_formed(v, j));
    json_decref(j);
    mc_arena_reset(arena);
}

struct value_case {
    const char *name;
    const char *in;
    size_t len; /* 0: strlen(in) */
};

static const struct value_case values[] = {
    { "null", "null", 0 },
    { "true and false", "[true,false]", 0 },
    { "a number alone", "42", 0 },
    { "a string alone", "\"x\"", 0 },
    { "empty string", "\"\"", 0 },
    { "empty containers", "[{},[],{\"a\":{}},[[]]]", 0 },
    { "white space everywhere", " \t\r\n{ \"a\" :\n[ 1 ,\t2 ] , \"b\"\r: { } }\n ", 0 },
    { "nested", "{\"a\":[1,{\"b\":[]},null,true,false],\"c\":\"d\"}", 0 },
    { "byte order mark", BOM "{\"a\":1}", 0 },
    { "byte order mark then space", BOM " [ ] ", 0 },
    { "simple escapes", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", 0 },
    { "escapes between text", "[\"ab\\ncd\\u00e9f\\\\\"]", 0 },
    { "escaped quote at a 16-byte edge", "[\"0123456789abcde\\\"0123456789abcdef\\\"x\"]", 0 },
    { "\\u escapes of every length", "\"\\u0041\\u00e9\\u20ac\\uFFFF\\u007f\"", 0 },
    { "surrogate pair", "\"\\ud83d\\ude00 \\uD834\\uDD1E\"", 0 },
    { "raw UTF-8 of every length", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf\"",
      0 },
    { "DEL is no control character", "\"\x7f\"", 0 },
    { "non-ASCII key", "{\"cl\xc3\xa9\":1,\"\\u00e9t\\u00e9\":2}", 0 },
    { "\\u0000 in a value", "[\"a\\u0000b\",\"\\u0000\"]", 0 },
    { "keys that differ late", "{\"abcdefgh1\":1,\"abcdefgh2\":2,\"abcdefgi1\":3,\"a\":4,\"\":5}",
      0 },
    { "keys with one length, first and last byte", "{\"axb\":1,\"ayb\":2,\"azb\":3}", 0 },
    { "integers", "[0,-0,1,-1,9007199254740992,9007199254740993,-9223372036854775808]", 0 },
    { "integers past 64 bits", "[123456789012345678901234567890,18446744073709551616]", 0 },
    { "reals", "[0.5,-1.25e2,1E-3,2e+1,1.5E+2,0.1,0.30000000000000004,1e22,1e23]", 0 },
    { "range edges",
      "[1e308,1.7976931348623157e308,-1.7976931348623157e308,2.2250738585072014e-308]", 0 },
    { "subnormals and underflow", "[5e-324,4.9406564584124654e-324,2e-324,1e-400,-1e-400]", 0 },
    { "long mantissas",
      "[3.141592653589793238462643383279502884197,0.1000000000000000055511151231257827,"
      "9007199254740993.0000000000000000001,1."
      "00000000000000011102230246251565404236316680908203125]",
      0 },
    { "zeros with exponents", "[0e0,0E+999999999999,-0.0e-999999999,0.000000000000000000000000]",
      0 },
    { "long exponents", "[1e0000000000000000000000001,1e-0000000000000000000000001]", 0 },
    { "the length is honoured", "[1]xyz", 3 },
    { "a NUL byte after the value is not read", "[1]\0", 3 },
};

/* Numbers: jv_parse gives strtod's double to the bit (the fast path for short decimals too). */
static void check_number(const char *text)
{
    struct jv *v = NULL;
    struct mc_err e;
    mc_test_case("number %s", text);
    if (!CHECK_INT(parse(text, strlen(text), 1, &v, &e), MC_OK)) {
        fprintf(stderr, "  message: %s\n", e.msg);
        return;
    }
    double want = strtod(text, NULL);
    CHECK(v->kind == JV_NUMBER && memcmp(&v->u.num, &want, sizeof want) == 0);
    mc_arena_reset(arena);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void check_numbers(void)
{
    static const char *fixed[] = {
        "0",
        "-0",
        "-0.0",
        "1",
        "9007199254740991",
        "9007199254740992",
        "9007199254740993",
        "18014398509481985",
        "9999999999999999999",
        "10000000000000000000",
        "99999999999999999999",
        "0.1",
        "0.2",
        "0.3",
        "123.456",
        "1e22",
        "1e23",
        "9007199254740993e22",
        "4503599627370497e22",
        "1.5e-22",
        "1.5e-23",
        "7e-22",
        "8.589973e9",
        "2.2250738585072011e-308",
        "2.2250738585072012e-308",
        "1.7976931348623158e308",
        "0.0000000000000000000000000000001",
        "100000000000000000000000000000000000000000000000000000000000000000000000.0",
        "1234567890123456789e-10",
        "123456789012345678e-5",
        "12345678901234567890e-10",
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        check_number(fixed[i]);

    char text[64];
    for (int i = 0; i < 20000; i++) {
        uint64_t r = rng();
        int kind = (int)(r % 4);
        if (kind == 0) {
            /* a random finite double, printed to a random precision */
            double d;
            uint64_t bits = rng();
            memcpy(&d, &bits, sizeof d);
            if (!isfinite(d))
                continue;
            int precision = (int)((r >> 8) % 18);
            if ((r >> 16) & 1)
                snprintf(text, sizeof text, "%.*g", precision, d);
            else
                snprintf(text, sizeof text, "%.*e", precision, d);
        } else {
            /* short decimals with small exponents: where the fast path works */
            int digits = 1 + (int)((r >> 8) % 20), frac = 1 + (int)((r >> 16) % 8);
            int exp = (int)((r >> 24) % 61) - 30;
            char mant[32];
            size_t n = 0;
            mant[n++] = (char)('1' + rng() % 9);
            while ((int)n < digits)
                mant[n++] = (char)('0' + rng() % 10);
            mant[n] = '\0';
            const char *sign = (r >> 40) & 1 ? "-" : "";
            if (kind == 1)
                snprintf(text, sizeof text, "%s%s", sign, mant);
            else if (kind == 2 && frac < digits)
                snprintf(text, sizeof text, "%s%.*s.%s", sign, digits - frac, mant,
                         mant + digits - frac);
            else
                snprintf(text, sizeof text, "%s%se%d", sign, mant, exp);
        }
        if (isfinite(strtod(text, NULL))) /* rounding up can pass the largest double */
            check_number(text);
    }
}

/*
 * Strings of every length up to 80, ending at the end of the text and followed by more, with
 * an escape, a non-ASCII character, a control character or invalid UTF-8 at each place: the
 * scan works on 8- and 16-byte blocks, and copies in words.
 */
static void check_string_lengths(void)
{
    char in[128], want[128];
    struct jv *v = NULL;
    struct mc_err e;
    for (size_t n = 0; n <= 80; n++) {
        for (size_t at = 0; at <= n; at++) {
            for (int kind = 0; kind < 5; kind++) {
                if (kind && at == n)
                    continue;
                /* text: "ab...": the byte at `at` replaced by an escape or a special byte */
                size_t len = 0, wl = 0;
                in[len++] = '"';
                for (size_t i = 0; i < n; i++) {
                    char c = (char)('a' + (i * 7) % 26);
                    if (kind && i == at) {
                        static const char *raw[] = { "", "\\n", "\xc3\xa9", "\x01", "\xc3" };
                        static const char *dec[] = { "", "\n", "\xc3\xa9", "", "" };
                        memcpy(in + len, raw[kind], strlen(raw[kind]));
                        len += strlen(raw[kind]);
                        memcpy(want + wl, dec[kind], strlen(dec[kind]));
                        wl += strlen(dec[kind]);
                    } else {
                        in[len++] = c;
                        want[wl++] = c;
                    }
                }
                in[len++] = '"';
                for (int tail = 0; tail < 2; tail++) {
                    size_t tl = len;
                    if (tail) {
                        memcpy(in + tl, " ", 1);
                        tl++;
                    }
                    mc_test_case("string of %zu bytes, kind %d at %zu, tail %d", n, kind, at, tail);
                    enum mc_rc rc = parse(in, tl, 1, &v, &e);
                    if (kind == 3) {
                        CHECK_INT(rc, MC_ERR_INVALID);
                        char where[64];
                        snprintf(where, sizeof where, "line 1, column %zu", at + 2);
                        CHECK_STR(e.where, where);
                        CHECK(strstr(e.msg, "control character in a string at ") == e.msg);
                    } else if (kind == 4) {
                        CHECK_INT(rc, MC_ERR_INVALID);
                        char where[64];
                        snprintf(where, sizeof where, "line 1, column %zu", at + 2);
                        CHECK_STR(e.where, where);
                        CHECK(strstr(e.msg, "invalid UTF-8 at ") == e.msg);
                    } else if (CHECK_INT(rc, MC_OK)) {
                        CHECK(v->kind == JV_STRING);
                        CHECK_MEM(v->u.str, v->len, want, wl);
                        CHECK(v->u.str[v->len] == '\0');
                    }
                    mc_arena_reset(arena);
                }
            }
        }
    }
}

/* Objects of n members "k0".."k{n-1}" (in a scrambled order), each with a string value. */
static char *object_text(size_t n, bool duplicate)
{
    size_t cap = 32 + n * 40, len = 0;
    char *t = malloc(cap);
    t[len++] = '{';
    for (size_t i = 0; i < n; i++) {
        size_t k = (i * 7919) % n;
        if (duplicate && i == n - 1)
            k = (0 * 7919) % n;
        len += (size_t)snprintf(t + len, cap - len, "%s\"k%zu\":\"v%zu\"", i ? "," : "", k, k);
    }
    t[len++] = '}';
    t[len] = '\0';
    return t;
}

static void check_objects(void)
{
    static const size_t sizes[] = { 1, 2, 11, 12, 13, 14, 64, 65, 1000 };
    struct jv *v = NULL;
    struct mc_err e;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        size_t n = sizes[i];
        char *t = object_text(n, false);
        mc_test_case("object of %zu members", n);
        check_same_as_jansson(t, strlen(t));
        if (CHECK_INT(parse(t, strlen(t), 1, &v, &e), MC_OK)) {
            CHECK_INT(v->len, n);
            CHECK((v->index != NULL) == (n > 12));
            char key[32];
            for (size_t k = 0; k < n; k++) {
                snprintf(key, sizeof key, "k%zu", k);
                const char *s = jv_str(jv_get(v, key));
                CHECK(s && strcmp(s, key) != 0 && strcmp(s + 1, key + 1) == 0);
            }
            CHECK(jv_get(v, "k") == NULL);
        }
        mc_arena_reset(arena);
        free(t);

        if (n < 2)
            continue;
        t = object_text(n, true);
        mc_test_case("object of %zu members, the last a duplicate", n);
        CHECK_INT(parse(t, strlen(t), 1, &v, &e), MC_ERR_INVALID);
        char want[128];
        snprintf(want, sizeof want, "duplicate key in an object at line 1, column %zu",
                 strlen(t) + 1);
        CHECK_STR(e.msg, want);
        mc_arena_reset(arena);
        free(t);
    }
}

/* Many items pending at several levels at once: the stack of collected items grows past its
 * first size while outer containers still hold theirs on it. */
static void check_wide_and_deep(void)
{
    size_t cap = 1 << 20, len = 0;
    char *t = malloc(cap);
    t[len++] = '[';
    for (int i = 0; i < 50; i++) {
        len += (size_t)snprintf(t + len, cap - len, "%s{\"n\":%d,\"items\":[", i ? "," : "", i);
        for (int k = 0; k < 200; k++)
            len += (size_t)snprintf(t + len, cap - len, "%s[%d,\"s%d\",{\"k\":[%d]}]", k ? "," : "",
                                    k, k, -k);
        len += (size_t)snprintf(t + len, cap - len, "],\"after\":true}");
    }
    t[len++] = ']';
    mc_test_case("50 objects of 200 items each");
    check_same_as_jansson(t, len);

    /* nesting: max_depth levels are allowed, one more is too many, wherever it is */
    static const size_t depths[] = { 1, 2, 63, 64, 65, 300 };
    struct jv *v = NULL;
    struct mc_err e;
    for (size_t i = 0; i < sizeof depths / sizeof depths[0]; i++) {
        size_t d = depths[i];
        len = 0;
        for (size_t k = 0; k < d; k++)
            len += (size_t)snprintf(t + len, cap - len, k % 2 ? "{\"a\":" : "[");
        t[len++] = '1';
        for (size_t k = d; k-- > 0;)
            t[len++] = k % 2 ? '}' : ']';
        mc_test_case("nesting %zu levels deep", d);
        check_same_as_jansson(t, len);
        CHECK_INT(parse(t, len, d, &v, &e), MC_OK);
        mc_arena_reset(arena);
        CHECK_INT(parse(t, len, d - 1, &v, &e), MC_ERR_TOO_LARGE);
        size_t col = 1 + (d - 1) / 2 * 6 + ((d - 1) % 2); /* "[" is 1 column, "{\"a\":" 5 */
        char want[96];
        snprintf(want, sizeof want, "nested too deeply at line 1, column %zu", col);
        CHECK_STR(e.msg, want);
        mc_arena_reset(arena);
    }

    /* far deeper than allowed: refused at the limit, without going deeper */
    memset(t, '[', cap);
    mc_test_case("a million '[' with a limit of 64");
    CHECK_INT(parse(t, cap, 64, &v, &e), MC_ERR_TOO_LARGE);
    CHECK_STR(e.where, "line 1, column 65");
    mc_arena_reset(arena);
    free(t);
}

/* Long strings, some larger than the chunks values are cut from, many in one arena. */
static void check_long_strings(void)
{
    static const size_t lens[] = { 1000, 1023, 1024, 1025, 2047, 2048, 2049, 5000, 100000 };
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        size_t n = lens[i], len = 0;
        char *t = malloc(3 * n + 16);
        t[len++] = '[';
        for (int k = 0; k < 3; k++) {
            t[len++] = k ? ',' : '"';
            if (k)
                t[len++] = '"';
            for (size_t j = 0; j < n; j++)
                if (k == 1 && j % 100 == 50)
                    t[len++] = '\\';
                else if (k == 1 && j % 100 == 51)
                    t[len++] = 'n';
                else
                    t[len++] = (char)('A' + (j + k) % 26);
            t[len++] = '"';
        }
        t[len++] = ']';
        mc_test_case("three strings of %zu bytes", n);
        check_same_as_jansson(t, len);
        free(t);
    }
}

struct error_case {
    const char *name;
    const char *in;
    size_t len;       /* 0: strlen(in) */
    size_t max_depth; /* 0: 64 */
    enum mc_rc rc;
    const char *msg; /* the whole message */
};

#define INV MC_ERR_INVALID

static const struct error_case errors[] = {
    { "empty", "", 0, 0, INV, "unexpected end of the document at line 1, column 1" },
    { "only space", " \n ", 0, 0, INV, "unexpected end of the document at line 2, column 2" },
    { "only a byte order mark", BOM, 0, 0, INV,
      "unexpected end of the document at line 1, column 2" },
    { "two byte order marks", BOM BOM "1", 0, 0, INV, "expected a JSON value at line 1, column 2" },
    { "unclosed array", "[1", 0, 0, INV, "expected ',' or ']' in an array at line 1, column 3" },
    { "unclosed array after a comma", "[1,", 0, 0, INV,
      "unexpected end of the document at line 1, column 4" },
    { "unclosed object", "{", 0, 0, INV, "expected a string key at line 1, column 2" },
    { "unclosed object after a value", "{\"a\":1", 0, 0, INV,
      "expected ',' or '}' in an object at line 1, column 7" },
    { "trailing comma in an array", "[1,]", 0, 0, INV,
      "expected a JSON value at line 1, column 4" },
    { "trailing comma in an object", "{\"a\":1,}", 0, 0, INV,
      "expected a string key at line 1, column 8" },
    { "a key that is no string", "{1:2}", 0, 0, INV, "expected a string key at line 1, column 2" },
    { "missing colon", "{\"a\" 1}", 0, 0, INV, "expected ':' after a key at line 1, column 6" },
    { "missing value", "{\"a\":}", 0, 0, INV, "expected a JSON value at line 1, column 6" },
    { "missing comma in an array", "[1 2]", 0, 0, INV,
      "expected ',' or ']' in an array at line 1, column 4" },
    { "missing comma in an object", "{\"a\":1 \"b\":2}", 0, 0, INV,
      "expected ',' or '}' in an object at line 1, column 8" },
    { "mismatched bracket", "[1}", 0, 0, INV,
      "expected ',' or ']' in an array at line 1, column 3" },
    { "text after the value", "{} x", 0, 0, INV, "text after the JSON value at line 1, column 4" },
    { "two values", "1 2", 0, 0, INV, "text after the JSON value at line 1, column 3" },
    { "misspelt literal", "[ture]", 0, 0, INV, "expected a JSON value at line 1, column 2" },
    { "cut literal", "nul", 0, 0, INV, "expected a JSON value at line 1, column 1" },
    { "literal with more letters", "truex", 0, 0, INV,
      "text after the JSON value at line 1, column 5" },
    { "single quotes", "['a']", 0, 0, INV, "expected a JSON value at line 1, column 2" },
    { "raw NUL between values", "[1\0]", 4, 0, INV,
      "expected ',' or ']' in an array at line 1, column 3" },
    { "raw NUL after the value", "[1]\0", 4, 0, INV,
      "text after the JSON value at line 1, column 4" },
    /* strings */
    { "unterminated string", "[\"abc", 0, 0, INV, "unterminated string at line 1, column 2" },
    { "unterminated after a backslash", "\"abc\\", 0, 0, INV,
      "unterminated string at line 1, column 1" },
    { "unterminated after an escaped quote", "\"abc\\\"", 0, 0, INV,
      "unterminated string at line 1, column 1" },
    { "unterminated long string", "[\"0123456789abcdef0123456789", 0, 0, INV,
      "unterminated string at line 1, column 2" },
    { "control character", "[\"a\tb\"]", 0, 0, INV,
      "control character in a string at line 1, column 4" },
    { "raw NUL in a string", "\"a\0b\"", 5, 0, INV,
      "control character in a string at line 1, column 3" },
    { "raw newline in a string", "[\"a\nb\"]", 0, 0, INV,
      "control character in a string at line 1, column 4" },
    { "control character after a bad escape", "\"\\x \x01\"", 0, 0, INV,
      "control character in a string at line 1, column 5" },
    { "unterminated after a bad escape", "\"\\x", 0, 0, INV,
      "unterminated string at line 1, column 1" },
    { "bad escape", "[\"\\x\"]", 0, 0, INV, "invalid escape in a string at line 1, column 3" },
    { "escaped control character", "\"\\\x01\"", 0, 0, INV,
      "invalid escape in a string at line 1, column 2" },
    { "escaped non-ASCII", "\"ab\\\xc3\xa9\"", 0, 0, INV,
      "invalid escape in a string at line 1, column 4" },
    { "upper-case escape", "\"\\N\"", 0, 0, INV, "invalid escape in a string at line 1, column 2" },
    { "short \\u", "[\"\\u12\"]", 0, 0, INV, "invalid \\u escape at line 1, column 3" },
    { "\\u with no digits", "\"\\u\"", 0, 0, INV, "invalid \\u escape at line 1, column 2" },
    { "\\u not hex", "\"\\u00g0\"", 0, 0, INV, "invalid \\u escape at line 1, column 2" },
    { "bad escape after good ones", "\"\\n\\u0041\\q\"", 0, 0, INV,
      "invalid escape in a string at line 1, column 10" },
    { "lone high surrogate", "[\"\\ud800x\"]", 0, 0, INV,
      "unpaired surrogate in a \\u escape at line 1, column 3" },
    { "high surrogate at the end", "\"\\ud800\"", 0, 0, INV,
      "unpaired surrogate in a \\u escape at line 1, column 2" },
    { "two high surrogates", "\"\\ud800\\ud800\"", 0, 0, INV,
      "unpaired surrogate in a \\u escape at line 1, column 2" },
    { "high surrogate and a letter", "\"\\ud800\\u0041\"", 0, 0, INV,
      "unpaired surrogate in a \\u escape at line 1, column 2" },
    { "high surrogate and a bad \\u", "\"\\ud800\\u12\"", 0, 0, INV,
      "unpaired surrogate in a \\u escape at line 1, column 2" },
    { "lone low surrogate", "[\"\\udc00\"]", 0, 0, INV,
      "unpaired surrogate in a \\u escape at line 1, column 3" },
    { "\\u0000 in a key", "{\"a\\u0000\":1}", 0, 0, INV,
      "a key cannot contain \\u0000 at line 1, column 11" },
    { "duplicate key", "{\"a\":1,\n \"a\":2}", 0, 0, INV,
      "duplicate key in an object at line 2, column 8" },
    { "duplicate key after an escape", "{\"\\u0061\":1,\"a\":[2]}", 0, 0, INV,
      "duplicate key in an object at line 1, column 21" },
    { "duplicate empty key", "{\"\":1,\"b\":2,\"\":3}", 0, 0, INV,
      "duplicate key in an object at line 1, column 18" },
    { "an error inside comes before the duplicate", "{\"a\":1,\"a\":[x]}", 0, 0, INV,
      "expected a JSON value at line 1, column 13" },
    /* UTF-8: reported first, wherever it is */
    { "overlong UTF-8", "[\"\xc0\xaf\"]", 0, 0, INV, "invalid UTF-8 at line 1, column 3" },
    { "UTF-8 surrogate", "[\"\xed\xa0\x80\"]", 0, 0, INV, "invalid UTF-8 at line 1, column 3" },
    { "UTF-8 past U+10FFFF", "\"\xf4\x90\x80\x80\"", 0, 0, INV,
      "invalid UTF-8 at line 1, column 2" },
    { "truncated UTF-8 at the end", "\"\xc3", 0, 0, INV, "invalid UTF-8 at line 1, column 2" },
    { "truncated UTF-8 before the quote", "\"\xe2\x82\"", 0, 0, INV,
      "invalid UTF-8 at line 1, column 2" },
    { "lone continuation byte", "\"ab\x80\"", 0, 0, INV, "invalid UTF-8 at line 1, column 4" },
    { "invalid UTF-8 outside strings", "[\xff]", 0, 0, INV, "invalid UTF-8 at line 1, column 2" },
    { "non-ASCII outside strings", "[\xc3\xa9]", 0, 0, INV,
      "expected a JSON value at line 1, column 2" },
    { "invalid UTF-8 after a syntax error", "[x, \"\xff\"]", 0, 0, INV,
      "invalid UTF-8 at line 1, column 6" },
    { "invalid UTF-8 after the value", "[] \xff", 0, 0, INV, "invalid UTF-8 at line 1, column 4" },
    { "invalid UTF-8 past the depth limit", "[[[\xff]]]", 0, 2, INV,
      "invalid UTF-8 at line 1, column 4" },
    { "invalid UTF-8 in a later key", "{\"a\":1,\"\xc3\x28\":2}", 0, 0, INV,
      "invalid UTF-8 at line 1, column 9" },
    { "invalid UTF-8 after a bad escape", "\"\\x\xff\"", 0, 0, INV,
      "invalid UTF-8 at line 1, column 4" },
    { "invalid UTF-8 in a long string", "\"0123456789abcdef0123456789\xfe\"", 0, 0, INV,
      "invalid UTF-8 at line 1, column 28" },
    /* numbers */
    { "leading zero", "[01]", 0, 0, INV, "expected ',' or ']' in an array at line 1, column 3" },
    { "leading zero alone", "01", 0, 0, INV, "text after the JSON value at line 1, column 2" },
    { "bare minus", "[-]", 0, 0, INV, "invalid number at line 1, column 2" },
    { "minus at the end", "-", 0, 0, INV, "invalid number at line 1, column 1" },
    { "plus sign", "[+1]", 0, 0, INV, "expected a JSON value at line 1, column 2" },
    { "leading decimal point", "[.5]", 0, 0, INV, "expected a JSON value at line 1, column 2" },
    { "bare decimal point", "[1.]", 0, 0, INV,
      "a digit must follow the decimal point at line 1, column 4" },
    { "decimal point at the end", "1.", 0, 0, INV,
      "a digit must follow the decimal point at line 1, column 3" },
    { "empty exponent", "[1e+]", 0, 0, INV,
      "a digit must follow the exponent at line 1, column 5" },
    { "exponent at the end", "-2.5E", 0, 0, INV,
      "a digit must follow the exponent at line 1, column 6" },
    { "hex", "0x10", 0, 0, INV, "text after the JSON value at line 1, column 2" },
    { "real overflow", "[1e400]", 0, 0, INV, "number out of range at line 1, column 2" },
    { "negative overflow", "[0,\n-1.8e308]", 0, 0, INV, "number out of range at line 2, column 1" },
    { "overflow with a long exponent", "1e99999999999999999999", 0, 0, INV,
      "number out of range at line 1, column 1" },
    { "integer overflow",
      "[1"
      "000000000000000000000000000000000000000000000000000000000000"
      "000000000000000000000000000000000000000000000000000000000000"
      "000000000000000000000000000000000000000000000000000000000000"
      "000000000000000000000000000000000000000000000000000000000000"
      "000000000000000000000000000000000000000000000000000000000000"
      "0000000000]",
      0, 0, INV, "number out of range at line 1, column 2" },
    { "NaN", "NaN", 0, 0, INV, "expected a JSON value at line 1, column 1" },
    { "Infinity", "[-Infinity]", 0, 0, INV, "invalid number at line 1, column 2" },
    /* nesting */
    { "nesting past the limit", "[[[]]]", 0, 2, MC_ERR_TOO_LARGE,
      "nested too deeply at line 1, column 3" },
    { "an object past the limit", "{\"a\":{\"b\":{}}}", 0, 2, MC_ERR_TOO_LARGE,
      "nested too deeply at line 1, column 11" },
    { "no containers at all", "[]", 0, (size_t)-1, MC_ERR_TOO_LARGE,
      "nested too deeply at line 1, column 1" },
    /* places */
    { "lines and columns", "{\n  \"a\": [1,\n  2,,]\n}", 0, 0, INV,
      "expected a JSON value at line 3, column 5" },
    { "columns count characters", "[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\", x]", 0, 0, INV,
      "expected a JSON value at line 1, column 9" },
    { "a carriage return is a column", "[\r\n x\r]", 0, 0, INV,
      "expected a JSON value at line 2, column 2" },
    { "the byte order mark is a column", BOM "[x]", 0, 0, INV,
      "expected a JSON value at line 1, column 3" },
    { "place after a long line", "[\"0123456789abcdefghijklmnopqrstuvwxyz\",\n\n\t\"\xc3\xa9\",?]",
      0, 0, INV, "expected a JSON value at line 3, column 6" },
};

static void check_errors(void)
{
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        const struct error_case *c = &errors[i];
        mc_test_case("refused: %s", c->name);
        struct jv *v = NULL;
        struct mc_err e;
        size_t len = c->len ? c->len : strlen(c->in);
        size_t depth = c->max_depth == (size_t)-1 ? 0 : c->max_depth ? c->max_depth : 64;
        CHECK_INT(parse(c->in, len, depth, &v, &e), c->rc);
        CHECK_INT(e.rc, c->rc);
        CHECK_STR(e.msg, c->msg);
        const char *at = strstr(c->msg, " at line ");
        CHECK_STR(e.where, at ? at + 4 : "");
        mc_arena_reset(arena);
    }
}

/* Every JSON file the build embeds (contexts, schemas, demo data) reads as jansson reads it. */
static void check_embedded(const struct mc_embed_dir *dir)
{
    for (size_t i = 0; i < dir->count; i++) {
        const struct mc_embed_file *f = &dir->files[i];
        if (!strstr(f->path, ".json"))
            continue;
        mc_test_case("embedded %s/%s", dir->name, f->path);
        check_same_as_jansson((const char *)f->data, f->len);
    }
}

int main(void)
{
    arena = mc_arena_new(0);
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        const struct value_case *c = &values[i];
        mc_test_case("value: %s", c->name);
        check_same_as_jansson(c->in, c->len ? c->len : strlen(c->in));
    }

    struct jv *v = NULL;
    struct mc_err e;
    mc_test_case("\\u0000 counts in a string's length");
    if (CHECK_INT(parse("\"a\\u0000b\"", 10, 1, &v, &e), MC_OK)) {
        CHECK_INT(v->len, 3);
        CHECK_MEM(v->u.str, 4, "a\0b", 4);
    }
    mc_test_case("-0 keeps its sign");
    if (CHECK_INT(parse("[-0,-0.0,0]", 11, 1, &v, &e), MC_OK)) {
        CHECK(signbit(v->u.items[0]->u.num) && signbit(v->u.items[1]->u.num));
        CHECK(!signbit(v->u.items[2]->u.num));
    }
    mc_test_case("literals are the shared constants; empty containers have no arrays");
    if (CHECK_INT(parse("[null,true,false,{},[]]", 23, 2, &v, &e), MC_OK)) {
        CHECK(v->u.items[0] == &jv_null_value && v->u.items[1] == &jv_true_value &&
              v->u.items[2] == &jv_false_value);
        CHECK(v->u.items[3]->u.members == NULL && v->u.items[3]->len == 0);
        CHECK(v->u.items[4]->u.items == NULL && v->u.items[4]->len == 0);
    }
    mc_test_case("a scalar at the top needs no depth");
    CHECK_INT(parse("\"s\"", 3, 0, &v, &e), MC_OK);
    mc_test_case("a parsed array can grow");
    if (CHECK_INT(parse("[1,2]", 5, 1, &v, &e), MC_OK)) {
        jv_push(arena, v, &jv_null_value);
        CHECK(v->len == 3 && v->u.items[0]->u.num == 1 && v->u.items[2] == &jv_null_value);
    }
    mc_arena_reset(arena);

    check_numbers();
    check_string_lengths();
    check_objects();
    check_wide_and_deep();
    check_long_strings();
    check_errors();
    check_embedded(&mc_embed_contexts);
    check_embedded(&mc_embed_schemas);
    check_embedded(&mc_embed_demo);
    mc_arena_free(arena);
    return mc_test_done();
}
