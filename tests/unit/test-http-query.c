/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/http/query.c: percent-decoding, query strings, targets, URL encoding. */
#include <string.h>

#include "base/arena.h"
#include "http/query.h"
#include "mcred/buf.h"
#include "test.h"

/* A query and what it parses to: "name=value" pairs joined by '|', or the error code and the
 * expected e->where. */
struct query_case {
    const char *in;
    enum mc_rc rc;
    const char *want; /* pairs on success, e->where on failure */
};

static const struct query_case query_cases[] = {
    { "", MC_OK, "" },
    { "a=1", MC_OK, "a=1" },
    { "a=1&b=2", MC_OK, "a=1|b=2" },
    { "q=data+science", MC_OK, "q=data science" },
    { "q=data%20science", MC_OK, "q=data science" },
    { "q=a%2Bb", MC_OK, "q=a+b" },
    { "q=%e2%82%ac", MC_OK, "q=\xe2\x82\xac" },
    { "q=%E2%82%AC", MC_OK, "q=\xe2\x82\xac" },
    { "q=caf\xc3\xa9", MC_OK, "q=caf\xc3\xa9" },
    { "a=", MC_OK, "a=" },
    { "a", MC_OK, "a=" },
    { "a&b", MC_OK, "a=|b=" },
    { "&&a=1&&", MC_OK, "a=1" },
    { "a=1&a=2", MC_OK, "a=1|a=2" },
    { "a=b=c", MC_OK, "a=b=c" },
    { "%61=x", MC_OK, "a=x" },
    { "=x", MC_OK, "=x" },
    { "q=%", MC_ERR_INVALID, "q" },
    { "q=%4", MC_ERR_INVALID, "q" },
    { "q=%zz", MC_ERR_INVALID, "q" },
    { "q=%00", MC_ERR_INVALID, "q" },
    { "q=%ff", MC_ERR_INVALID, "q" },
    { "q=%c3", MC_ERR_INVALID, "q" },
    { "q=%c0%af", MC_ERR_INVALID, "q" },
    { "q=%ed%a0%80", MC_ERR_INVALID, "q" },
    { "q=\xff", MC_ERR_INVALID, "q" },
    { "%zz=1", MC_ERR_INVALID, "query" },
    { "%ff=1", MC_ERR_INVALID, "query" },
};

static void test_query_table(void)
{
    struct mc_arena *a = mc_arena_new(0);
    for (size_t i = 0; i < sizeof query_cases / sizeof query_cases[0]; i++) {
        const struct query_case *c = &query_cases[i];
        mc_test_case("query '%s'", c->in);
        struct mc_http_query q;
        struct mc_err e;
        mc_err_clear(&e);
        enum mc_rc rc = mc_http_query_parse(c->in, strlen(c->in), a, &q, &e);
        CHECK_INT(rc, c->rc);
        if (rc) {
            CHECK_STR(e.where, c->want);
            CHECK(e.msg[0] != '\0');
            continue;
        }
        struct mc_buf b;
        mc_buf_init(&b, 4096);
        for (size_t k = 0; k < q.count; k++)
            mc_buf_printf(&b, "%s%s=%s", k ? "|" : "", q.items[k].name, q.items[k].value);
        CHECK_STR(mc_buf_cstr(&b), c->want);
        mc_buf_free(&b);
    }
    mc_arena_free(a);
}

static void test_query_limits(void)
{
    mc_test_case("too many parameters");
    struct mc_arena *a = mc_arena_new(0);
    struct mc_buf b;
    mc_buf_init(&b, 65536);
    for (int i = 0; i < MC_HTTP_MAX_QUERY_PARAMS; i++)
        mc_buf_printf(&b, "p%d=1&", i);
    struct mc_http_query q;
    struct mc_err e;
    CHECK_INT(mc_http_query_parse(b.data, b.len, a, &q, &e), MC_OK);
    CHECK_INT(q.count, MC_HTTP_MAX_QUERY_PARAMS);
    mc_buf_appendz(&b, "one=more");
    CHECK_INT(mc_http_query_parse(b.data, b.len, a, &q, &e), MC_ERR_TOO_LARGE);
    mc_buf_free(&b);

    mc_test_case("a NUL byte in the raw query");
    CHECK_INT(mc_http_query_parse("a=1\0b", 5, a, &q, &e), MC_ERR_INVALID);

    mc_test_case("value lengths");
    CHECK_INT(mc_http_query_parse("a=%41%42c", 9, a, &q, &e), MC_OK);
    CHECK_INT(q.items[0].value_len, 3);
    mc_arena_free(a);
}

struct check_case {
    const char *in;
    enum mc_rc rc;
    const char *where;
    const char *code;
};

static void test_query_check(void)
{
    static const char *const allowed[] = { "q", "limit", NULL };
    static const struct check_case cases[] = {
        { "", MC_OK, "", NULL },
        { "q=a&limit=2", MC_OK, "", NULL },
        { "q=a&sort=x", MC_ERR_INVALID, "sort", "unknown_parameter" },
        { "q=a&q=b", MC_ERR_INVALID, "q", "repeated_parameter" },
        { "limit=1&q=&limit=2", MC_ERR_INVALID, "limit", "repeated_parameter" },
    };
    struct mc_arena *a = mc_arena_new(0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("check '%s'", cases[i].in);
        struct mc_http_query q;
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_http_query_parse(cases[i].in, strlen(cases[i].in), a, &q, &e), MC_OK);
        const char *code = NULL;
        CHECK_INT(mc_http_query_check(&q, allowed, &code, &e), cases[i].rc);
        CHECK_STR(e.where, cases[i].where);
        if (cases[i].code)
            CHECK_STR(code, cases[i].code);
    }
    mc_test_case("get");
    struct mc_http_query q;
    CHECK_INT(mc_http_query_parse("a=1&b=&a=3", 10, a, &q, NULL), MC_OK);
    CHECK_STR(mc_http_query_get(&q, "a"), "1");
    CHECK_STR(mc_http_query_get(&q, "b"), "");
    CHECK(mc_http_query_get(&q, "c") == NULL);
    mc_arena_free(a);
}

struct target_case {
    const char *in;
    enum mc_rc rc;
    const char *path;
    const char *query;
};

static void test_target(void)
{
    static const struct target_case cases[] = {
        { "/", MC_OK, "/", "" },
        { "/catalog?q=x", MC_OK, "/catalog", "q=x" },
        { "/a%20b?", MC_OK, "/a b", "" },
        { "/a+b", MC_OK, "/a+b", "" },
        { "/credentials/%C3%A9", MC_OK, "/credentials/\xc3\xa9", "" },
        { "/x?a=%zz", MC_OK, "/x", "a=%zz" }, /* the query is decoded later */
        { "/a%2", MC_ERR_INVALID, NULL, NULL },
        { "/a%00b", MC_ERR_INVALID, NULL, NULL },
        { "/a%ff", MC_ERR_INVALID, NULL, NULL },
        { "/\xc3", MC_ERR_INVALID, NULL, NULL },
        { "catalog", MC_ERR_INVALID, NULL, NULL },
        { "", MC_ERR_INVALID, NULL, NULL },
        { "*", MC_ERR_INVALID, NULL, NULL },
    };
    struct mc_arena *a = mc_arena_new(0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("target '%s'", cases[i].in);
        char *path = NULL;
        char *query = NULL;
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_http_target_parse(cases[i].in, strlen(cases[i].in), a, &path, &query, &e),
                  cases[i].rc);
        if (cases[i].rc == MC_OK) {
            CHECK_STR(path, cases[i].path);
            CHECK_STR(query, cases[i].query);
        } else {
            CHECK(e.msg[0] != '\0');
        }
    }
    mc_arena_free(a);
}

static void test_url_encode(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        { "", "" },
        { "abc-XYZ_0.9~", "abc-XYZ_0.9~" },
        { "data science", "data%20science" },
        { "a&b=c?d/e#f+g%", "a%26b%3Dc%3Fd%2Fe%23f%2Bg%25" },
        { "\xe2\x82\xac", "%E2%82%AC" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("encode '%s'", cases[i].in);
        struct mc_buf b;
        mc_buf_init(&b, 1024);
        CHECK_INT(mc_http_url_encode(&b, cases[i].in), MC_OK);
        CHECK_STR(mc_buf_cstr(&b), cases[i].want);
        /* And it decodes back. */
        struct mc_arena *a = mc_arena_new(0);
        char *d = NULL;
        size_t n = 0;
        CHECK_INT(mc_http_percent_decode(b.data ? b.data : "", b.len, true, a, "x", &d, &n, NULL),
                  MC_OK);
        CHECK_STR(d, cases[i].in);
        mc_arena_free(a);
        mc_buf_free(&b);
    }
}

int main(void)
{
    test_query_table();
    test_query_limits();
    test_query_check();
    test_target();
    test_url_encode();
    return mc_test_done();
}
