/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/json.c: bounded parsing, located errors, typed getters, dumping, escaping. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "test.h"

struct parse_case {
    const char *name;
    const char *in;
    size_t max_bytes, max_depth; /* 0: the defaults */
    enum mc_rc want;
    const char *want_where; /* NULL: not checked */
    const char *want_in_msg;
};

static const struct parse_case parse_cases[] = {
    { "object", "{\"a\": [1, 2, {\"b\": null}]}", 0, 0, MC_OK, NULL, NULL },
    { "scalar at the top", "42", 0, 0, MC_OK, NULL, NULL },
    { "syntax error", "{\"a\": }", 0, 0, MC_ERR_INVALID, "line 1, column 7", "line 1, column 7" },
    { "error on line 3", "{\n\"a\": 1,\n\"b\" 2}", 0, 0, MC_ERR_INVALID, "line 3, column 5",
      "line 3" },
    { "duplicate key", "{\"a\":1,\"a\":2}", 0, 0, MC_ERR_INVALID, NULL, "duplicate" },
    { "trailing garbage", "{} x", 0, 0, MC_ERR_INVALID, NULL, "end of file expected" },
    { "empty", "", 0, 0, MC_ERR_INVALID, NULL, "syntax error" },
    { "bad UTF-8", "\"\xc0\xaf\"", 0, 0, MC_ERR_INVALID, NULL, "syntax error" },
    { "over the size limit", "[1,2,3]", 5, 0, MC_ERR_TOO_LARGE, NULL, "limit of 5" },
    { "at the size limit", "[1,2]", 5, 0, MC_OK, NULL, NULL },
    { "over the depth limit", "[[[1]]]", 0, 2, MC_ERR_TOO_LARGE, "byte 2", "deeper than 2" },
    { "at the depth limit", "[[1],[2]]", 0, 2, MC_OK, NULL, NULL },
    { "brackets inside strings do not count", "[[\"[[[[\\\"{{\"]]", 0, 2, MC_OK, NULL, NULL },
};

int main(void)
{
    struct mc_err e;
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        const struct parse_case *c = &parse_cases[i];
        mc_test_case("parse: %s", c->name);
        struct mc_json_limits lim = { c->max_bytes, c->max_depth };
        json_t *v = (json_t *)&e; /* must be reset to NULL on failure */
        mc_err_clear(&e);
        enum mc_rc rc = mc_json_parse(c->in, strlen(c->in), JSON_DECODE_ANY, &lim, &v, &e);
        CHECK_INT(rc, c->want);
        if (rc) {
            CHECK(v == NULL);
            if (c->want_where)
                CHECK_STR(e.where, c->want_where);
            if (c->want_in_msg && !CHECK(strstr(e.msg, c->want_in_msg) != NULL))
                fprintf(stderr, "  message: %s\n", e.msg);
        }
        json_decref(v);
    }

    mc_test_case("parse: deep nesting is refused before jansson recurses");
    static char deep[200000];
    memset(deep, '[', sizeof deep);
    json_t *v = NULL;
    CHECK_INT(mc_json_parse(deep, sizeof deep, 0, NULL, &v, &e), MC_ERR_TOO_LARGE);
    CHECK(v == NULL);
    CHECK_STR(e.where, "byte 64");

    mc_test_case("parse: the length is honoured, not a NUL");
    CHECK_INT(mc_json_parse("[1]xyz", 3, 0, NULL, &v, &e), MC_OK);
    CHECK(json_is_array(v) && json_array_size(v) == 1);
    json_decref(v);

    /* Typed getters: {ptr, key, kind, required} -> rc, where, message. */
    json_t *doc = json_pack("{s:s, s:i, s:f, s:b, s:{}, s:[], s:n, s:i, s:s, s:I}", "name", "Ada",
                            "n", 42, "x", 1.5, "ok", 1, "obj", "arr", "nothing", "a/b~c", 1,
                            "int as text", "7", "big", (json_int_t)INT64_MAX);

    mc_test_case("getters: present and right");
    const char *s = NULL;
    int64_t n = 0;
    double x = 0;
    bool ok = false;
    json_t *o = NULL, *a = NULL;
    CHECK_INT(mc_json_get_string(doc, "/subject", "name", true, &s, &e), MC_OK);
    CHECK_STR(s, "Ada");
    CHECK_INT(mc_json_get_int(doc, "", "n", true, 0, 100, &n, &e), MC_OK);
    CHECK_INT(n, 42);
    CHECK_INT(mc_json_get_int(doc, "", "big", true, INT64_MIN, INT64_MAX, &n, &e), MC_OK);
    CHECK(n == INT64_MAX);
    CHECK_INT(mc_json_get_double(doc, "", "x", true, &x, &e), MC_OK);
    CHECK(x == 1.5);
    CHECK_INT(mc_json_get_double(doc, "", "n", true, &x, &e), MC_OK); /* integers are numbers */
    CHECK(x == 42.0);
    CHECK_INT(mc_json_get_bool(doc, "", "ok", true, &ok, &e), MC_OK);
    CHECK(ok);
    CHECK_INT(mc_json_get_object(doc, "", "obj", true, &o, &e), MC_OK);
    CHECK(json_is_object(o));
    CHECK_INT(mc_json_get_array(doc, "", "arr", true, &a, &e), MC_OK);
    CHECK(json_is_array(a));

    mc_test_case("getters: absent or null and optional leave the default");
    s = "default";
    n = -1;
    ok = true;
    CHECK_INT(mc_json_get_string(doc, "", "nothing", false, &s, &e), MC_OK);
    CHECK_STR(s, "default");
    CHECK_INT(mc_json_get_int(doc, "", "absent", false, 0, 9, &n, &e), MC_OK);
    CHECK_INT(n, -1);
    CHECK_INT(mc_json_get_bool(doc, "", "absent", false, &ok, &e), MC_OK);
    CHECK(ok);

    struct get_fail {
        const char *ptr, *key;
        char kind; /* s i d b o a */
        const char *want_where, *want_msg;
    };
    static const struct get_fail fails[] = {
        { "/subject", "n", 's', "/subject/n", "/subject/n: expected a string" },
        { "", "missing", 's', "/missing", "/missing: required, and missing" },
        { "", "nothing", 'i', "/nothing", "/nothing: required, and missing" },
        { "", "x", 'i', "/x", "/x: expected a whole number" },
        { "", "int as text", 'i', "/int as text", "/int as text: expected a whole number" },
        { "", "n", 'b', "/n", "/n: expected true or false" },
        { "", "name", 'd', "/name", "/name: expected a number" },
        { "/a", "obj", 'a', "/a/obj", "/a/obj: expected an array" },
        { "/a", "arr", 'o', "/a/arr", "/a/arr: expected an object" },
        { "", "a/b~c", 's', "/a~1b~0c", "/a~1b~0c: expected a string" },
        { "", "n", 'r', "/n", "/n: must be between 0 and 10, not 42" },
    };
    for (size_t i = 0; i < sizeof fails / sizeof fails[0]; i++) {
        const struct get_fail *f = &fails[i];
        mc_test_case("getters: %s%s/%s as %c", f->ptr[0] ? "" : "(root)", f->ptr, f->key, f->kind);
        mc_err_clear(&e);
        enum mc_rc rc = MC_OK;
        switch (f->kind) {
        case 's': rc = mc_json_get_string(doc, f->ptr, f->key, true, &s, &e); break;
        case 'i': rc = mc_json_get_int(doc, f->ptr, f->key, true, 0, 100, &n, &e); break;
        case 'r': rc = mc_json_get_int(doc, f->ptr, f->key, true, 0, 10, &n, &e); break;
        case 'd': rc = mc_json_get_double(doc, f->ptr, f->key, true, &x, &e); break;
        case 'b': rc = mc_json_get_bool(doc, f->ptr, f->key, true, &ok, &e); break;
        case 'o': rc = mc_json_get_object(doc, f->ptr, f->key, true, &o, &e); break;
        case 'a': rc = mc_json_get_array(doc, f->ptr, f->key, true, &a, &e); break;
        }
        CHECK_INT(rc, MC_ERR_INVALID);
        CHECK_INT(e.rc, MC_ERR_INVALID);
        CHECK_STR(e.where, f->want_where);
        CHECK_STR(e.msg, f->want_msg);
    }

    mc_test_case("getters: not an object");
    json_t *arr = json_array();
    CHECK_INT(mc_json_get_string(arr, "/list", "k", false, &s, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "/list");
    CHECK_INT(mc_json_get_string(arr, "", "k", false, &s, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "/");
    CHECK_INT(mc_json_get_string(doc, "", "n", true, &s, NULL), MC_ERR_INVALID); /* e may be NULL */
    json_decref(arr);

    struct dump_case {
        const char *in;
        size_t flags;
        const char *want;
    };
    static const struct dump_case dumps[] = {
        { "{\"b\": [1, 2], \"a\": {\"c\": true}}", 0, "{\"b\":[1,2],\"a\":{\"c\":true}}" },
        { "{\"b\": [1, 2], \"a\": {\"c\": true}}", JSON_SORT_KEYS,
          "{\"a\":{\"c\":true},\"b\":[1,2]}" },
        { "{\"b\": 1, \"a\": [2]}", JSON_SORT_KEYS | JSON_INDENT(2),
          "{\n  \"a\": [\n    2\n  ],\n  \"b\": 1\n}" },
        { "\"caf\xc3\xa9 / \\u0001\"", 0, "\"caf\xc3\xa9 / \\u0001\"" },
        { "null", 0, "null" },
    };
    for (size_t i = 0; i < sizeof dumps / sizeof dumps[0]; i++) {
        mc_test_case("dump #%zu", i);
        json_t *d = NULL;
        if (!CHECK_INT(
                    mc_json_parse(dumps[i].in, strlen(dumps[i].in), JSON_DECODE_ANY, NULL, &d, &e),
                    MC_OK))
            continue;
        struct mc_buf b;
        mc_buf_init(&b, 1024);
        CHECK_INT(mc_json_dump(d, dumps[i].flags, &b), MC_OK);
        CHECK_STR(mc_buf_cstr(&b), dumps[i].want);
        mc_buf_free(&b);
        json_decref(d);
    }

    mc_test_case("dump past the cap leaves the buffer as it was");
    struct mc_buf b;
    mc_buf_init(&b, 12);
    CHECK_INT(mc_buf_appendz(&b, "ab"), MC_OK);
    CHECK_INT(mc_json_dump(doc, 0, &b), MC_ERR_TOO_LARGE);
    CHECK_STR(mc_buf_cstr(&b), "ab");
    mc_buf_free(&b);

    struct str_case {
        const char *in;
        size_t len;
        enum mc_rc want;
        const char *out;
    };
    static const struct str_case strs[] = {
        { "plain", 5, MC_OK, "\"plain\"" },
        { "", 0, MC_OK, "\"\"" },
        { "a\"b\\\n\x01", 6, MC_OK, "\"a\\\"b\\\\\\n\\u0001\"" },
        { "tab\there\r", 9, MC_OK, "\"tab\\there\\r\"" },
        { "nul\0in", 6, MC_OK, "\"nul\\u0000in\"" },
        { "\xe2\x82\xac \xf0\x9f\x98\x80", 8, MC_OK, "\"\xe2\x82\xac \xf0\x9f\x98\x80\"" },
        { "</script>", 9, MC_OK, "\"</script>\"" },
        { "\xff", 1, MC_ERR_INVALID, "" },
        { "ok\xed\xa0\x80", 5, MC_ERR_INVALID, "" }, /* a surrogate */
    };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        mc_test_case("put string #%zu", i);
        mc_buf_init(&b, 256);
        CHECK_INT(mc_json_put_string(&b, strs[i].in, strs[i].len), strs[i].want);
        CHECK_STR(mc_buf_cstr(&b), strs[i].out);
        mc_buf_free(&b);
    }

    json_decref(doc);

    mc_test_case("JSON pointer tokens");
    char tok[8];
    CHECK_INT(mc_json_pointer_escape("a/b~c", tok, sizeof tok), 7);
    CHECK_STR(tok, "a~1b~0c");
    CHECK_INT(mc_json_pointer_escape("abcdefghij", tok, sizeof tok), 7); /* cut to fit */
    CHECK_STR(tok, "abcdefg");
    return mc_test_done();
}
