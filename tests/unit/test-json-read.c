/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/json-read.c: the values it reads, the texts it refuses and where it says the
 * fault is, and agreement with jansson's reader on every JSON document the build embeds. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/embed.h"
#include "base/json.h"
#include "test.h"

struct value_case {
    const char *name;
    const char *in;
    size_t len; /* 0: strlen(in) */
    size_t flags;
    const char *want; /* the value as compact JSON with sorted keys */
};

#define ANY  JSON_DECODE_ANY
#define REAL JSON_DECODE_INT_AS_REAL

static const struct value_case values[] = {
    { "empty containers", " { } ", 0, 0, "{}" },
    { "nested", "{\"a\":[1,{\"b\":[]},null,true,false],\"c\":\"d\"}", 0, 0,
      "{\"a\": [1, {\"b\": []}, null, true, false], \"c\": \"d\"}" },
    { "every kind of space", "\t[\r\n1 ,\n2 ]\n", 0, 0, "[1, 2]" },
    { "simple escapes", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", 0, ANY, "\"\\\"\\\\/\\b\\f\\n\\r\\t\"" },
    { "escape in the middle of text", "[\"ab\\ncd\\u00e9f\"]", 0, 0, "[\"ab\\ncdéf\"]" },
    { "surrogate pair", "\"\\ud83d\\ude00\"", 0, ANY, "\"\xf0\x9f\x98\x80\"" },
    { "raw UTF-8 kept", "\"caf\xc3\xa9 \xe2\x82\xac\"", 0, ANY, "\"caf\xc3\xa9 \xe2\x82\xac\"" },
    { "escaped member name", "{\"k\\u00e9y\":\"v\\u00e9\",\"b\":1}", 0, 0,
      "{\"b\": 1, \"k\xc3\xa9y\": \"v\xc3\xa9\"}" },
    { "\\u0000 with JSON_ALLOW_NUL", "[\"a\\u0000b\"]", 0, JSON_ALLOW_NUL, "[\"a\\u0000b\"]" },
    { "integers at the edges", "[9223372036854775807,-9223372036854775808,-0,0]", 0, 0,
      "[9223372036854775807, -9223372036854775808, 0, 0]" },
    { "integers as reals", "[1,-2,123456789012345678901234567890]", 0, REAL,
      "[1.0, -2.0, 1.2345678901234568e29]" },
    { "reals", "[0.5,-1.25e2,1E-3,2e+1,5e-324,1e-400]", 0, 0,
      "[0.5, -125.0, 0.001, 20.0, 4.9406564584124654e-324, 0.0]" },
    { "the length is honoured", "[1]xyz", 3, 0, "[1]" },
    { "a scalar with JSON_DECODE_ANY", " \"x\" ", 0, ANY, "\"x\"" },
};

struct error_case {
    const char *name;
    const char *in;
    size_t len; /* 0: strlen(in) */
    size_t flags;
    const char *want_where;
    const char *want_in_msg;
};

static const struct error_case errors[] = {
    { "empty", "", 0, ANY, "line 1, column 1", "expected a value, not the end of the text" },
    { "a scalar at the top", "1", 0, 0, "line 1, column 1", "expected '{' or '['" },
    { "trailing comma in an array", "[1,]", 0, 0, "line 1, column 4", "expected a value, not ']'" },
    { "trailing comma in an object", "{\"a\":1,}", 0, 0, "line 1, column 8",
      "expected a member name" },
    { "missing colon", "{\"a\" 1}", 0, 0, "line 1, column 6", "expected ':'" },
    { "missing comma", "[1 2]", 0, 0, "line 1, column 4", "expected ',' or ']'" },
    { "unclosed array", "[1", 0, 0, "line 1, column 3", "not the end of the text" },
    { "unclosed string", "[\"abc", 0, 0, "line 1, column 2", "not closed" },
    { "control character", "[\"a\tb\"]", 0, 0, "line 1, column 4", "U+0009" },
    { "bad escape", "[\"\\x\"]", 0, 0, "line 1, column 3", "backslash followed by 'x'" },
    { "short \\u", "[\"\\u12\"]", 0, 0, "line 1, column 3", "four hex digits" },
    { "lone high surrogate", "[\"\\ud800x\"]", 0, 0, "line 1, column 3", "high surrogate" },
    { "lone low surrogate", "[\"\\udc00\"]", 0, 0, "line 1, column 3", "low surrogate" },
    { "\\u0000 without JSON_ALLOW_NUL", "[\"\\u0000\"]", 0, 0, "line 1, column 3", "\\u0000" },
    { "\\u0000 in a member name", "{\"\\u0000\":1}", 0, JSON_ALLOW_NUL, "line 1, column 3",
      "member name" },
    { "overlong UTF-8", "[\"\xc0\xaf\"]", 0, 0, "line 1, column 3", "invalid UTF-8" },
    { "UTF-8 surrogate", "[\"\xed\xa0\x80\"]", 0, 0, "line 1, column 3", "invalid UTF-8" },
    { "raw NUL between values", "[1\0]", 4, 0, "line 1, column 3", "byte 0x00" },
    { "leading zero", "[01]", 0, 0, "line 1, column 2", "may not start with 0" },
    { "bare minus", "[-]", 0, 0, "line 1, column 3", "a digit must follow '-'" },
    { "bare decimal point", "[1.]", 0, 0, "line 1, column 4", "decimal point" },
    { "empty exponent", "[1e+]", 0, 0, "line 1, column 5", "exponent" },
    { "integer over 64 bits", "[9223372036854775808]", 0, 0, "line 1, column 2", "too large" },
    { "negative integer over 64 bits", "[-9223372036854775809]", 0, 0, "line 1, column 2",
      "too large" },
    { "real overflow", "[1e400]", 0, 0, "line 1, column 2", "too large" },
    { "misspelt literal", "[ture]", 0, 0, "line 1, column 2", "misspelt true" },
    { "duplicate member", "{\"a\":1,\n \"a\":2}", 0, 0, "line 2, column 2",
      "duplicate member name \"a\"" },
    { "duplicate after an escape", "{\"\\u0061\":1,\"a\":2}", 0, 0, "line 1, column 13",
      "duplicate" },
    { "columns count characters", "[\"\xc3\xa9\xc3\xa9\" x]", 0, 0, "line 1, column 7", "not 'x'" },
    { "text after the value", "{} x", 0, 0, "line 1, column 4", "end of file expected" },
    { "byte order mark", "\xef\xbb\xbf{}", 0, 0, "line 1, column 1", "byte 0xEF" },
};

/* Every JSON file of an embedded folder reads as jansson reads it. */
static void same_as_jansson(const struct mc_embed_dir *dir)
{
    for (size_t i = 0; i < dir->count; i++) {
        const struct mc_embed_file *f = &dir->files[i];
        if (!strstr(f->path, ".json"))
            continue;
        mc_test_case("same as jansson: %s/%s", dir->name, f->path);
        struct mc_err e;
        json_t *ours = NULL;
        struct mc_json_limits lim = { 0, 256 };
        CHECK_INT(mc_json_parse((const char *)f->data, f->len, ANY, &lim, &ours, &e), MC_OK);
        json_t *theirs = json_loadb((const char *)f->data, f->len, ANY, NULL);
        CHECK(theirs != NULL);
        CHECK(ours && theirs && json_equal(ours, theirs));
        json_decref(ours);
        json_decref(theirs);
    }
}

int main(void)
{
    struct mc_err e;
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        const struct value_case *c = &values[i];
        mc_test_case("value: %s", c->name);
        json_t *v = NULL;
        size_t len = c->len ? c->len : strlen(c->in);
        if (!CHECK_INT(mc_json_parse(c->in, len, c->flags, NULL, &v, &e), MC_OK)) {
            fprintf(stderr, "  message: %s\n", e.msg);
            continue;
        }
        char *got = json_dumps(v, JSON_ENCODE_ANY | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
        CHECK_STR(got, c->want);
        free(got);
        json_t *theirs = json_loadb(c->in, len, c->flags, NULL);
        CHECK(json_equal(v, theirs));
        json_decref(theirs);
        json_decref(v);
    }

    mc_test_case("value: -0 as a real keeps its sign");
    json_t *z = NULL;
    CHECK_INT(mc_json_parse("[-0]", 4, REAL, NULL, &z, &e), MC_OK);
    CHECK(signbit(json_real_value(json_array_get(z, 0))));
    json_decref(z);

    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        const struct error_case *c = &errors[i];
        mc_test_case("refused: %s", c->name);
        json_t *v = (json_t *)&e; /* must be reset to NULL */
        size_t len = c->len ? c->len : strlen(c->in);
        mc_err_clear(&e);
        CHECK_INT(mc_json_parse(c->in, len, c->flags, NULL, &v, &e), MC_ERR_INVALID);
        CHECK(v == NULL);
        CHECK_STR(e.where, c->want_where);
        if (!CHECK(strstr(e.msg, c->want_in_msg) != NULL))
            fprintf(stderr, "  message: %s\n", e.msg);
        CHECK(strstr(e.msg, "JSON syntax error at ") == e.msg);
    }

    mc_test_case("refused: nesting past the ceiling, whatever the limit asked");
    static char deep[5000];
    memset(deep, '[', sizeof deep);
    struct mc_json_limits lim = { 0, 1000000 };
    json_t *v = NULL;
    CHECK_INT(mc_json_parse(deep, sizeof deep, 0, &lim, &v, &e), MC_ERR_TOO_LARGE);
    CHECK(v == NULL);
    CHECK_STR(e.where, "byte 2048");

    same_as_jansson(&mc_embed_contexts);
    same_as_jansson(&mc_embed_schemas);
    same_as_jansson(&mc_embed_demo);
    return mc_test_done();
}
