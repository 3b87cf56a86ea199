/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for the live server on 127.0.0.1 (port 0): healthz, the catalog API and page, limits. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "http/http.h"
#include "mcred/buf.h"
#include "mcred/str.h"
#include "store/store.h"
#include "test.h"

static unsigned port;

/* --- a test database --- */

static int64_t put_org(struct mc_store *s, const char *slug, const char *name,
                       enum mc_org_kind kind)
{
    struct mc_org o = { .slug = slug, .name = name, .kind = kind, .country = "US" };
    CHECK_INT(mc_store_org_put(s, &o, NULL), MC_OK);
    return o.id;
}

static char *make_db(void)
{
    char *path = mc_xasprintf("%s/http.db", mc_test_tmpdir());
    struct mc_store *s = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_store_open(path, MC_STORE_CREATE, &s, &e)) {
        fprintf(stderr, "cannot open %s: %s\n", path, e.msg);
        exit(1);
    }
    int64_t coursera = put_org(s, "coursera", "Coursera", MC_ORG_PLATFORM);
    int64_t edx = put_org(s, "edx", "edX", MC_ORG_PLATFORM);
    int64_t udacity = put_org(s, "udacity", "Udacity", MC_ORG_PLATFORM);
    int64_t google = put_org(s, "google", "Google", MC_ORG_COMPANY);
    int64_t harvard = put_org(s, "harvard", "Harvard University", MC_ORG_UNIVERSITY);
    struct mc_skill_framework fw = { .slug = "demo", .name = "Demo skills" };
    CHECK_INT(mc_store_skill_framework_put(s, &fw, NULL), MC_OK);
    struct mc_skill py = { .framework_id = fw.id, .slug = "python", .name = "Python" };
    struct mc_skill data = { .framework_id = fw.id,
                             .slug = "data-analysis",
                             .name = "Data analysis" };
    CHECK_INT(mc_store_skill_put(s, &py, NULL), MC_OK);
    CHECK_INT(mc_store_skill_put(s, &data, NULL), MC_OK);
    struct mc_course c1 = {
        .slug = "foundations", .org_id = google, .title = "Foundations", .workload_hours = -1
    };
    CHECK_INT(mc_store_course_put(s, &c1, NULL), MC_OK);
    struct mc_program_part gda_parts[] = { { .course_id = c1.id, .required = true } };
    struct mc_program progs[] = {
        { .slug = "gda",
          .type = MC_PROG_PROFESSIONAL_CERTIFICATE,
          .title = "Google Data Analytics",
          .summary = "A career in data analytics",
          .platform_org_id = coursera,
          .institution_org_id = google,
          .duration_weeks = 24,
          .hours_per_week = 10,
          .price_cents = 4900,
          .currency = "USD",
          .price_model = MC_PRICE_SUBSCRIPTION,
          .trial_days = 7,
          .financial_aid = true,
          .free_audit = true,
          .status = MC_STATUS_PUBLISHED,
          .parts = gda_parts,
          .n_parts = 1,
          .skill_ids = &data.id,
          .n_skills = 1,
          .language = "en" },
        { .slug = "mle",
          .type = MC_PROG_NANO_DEGREE,
          .title = "Machine Learning Engineer",
          .summary = "Build and deploy models",
          .platform_org_id = udacity,
          .institution_org_id = udacity,
          .duration_weeks = 12,
          .hours_per_week = -1,
          .price_cents = 24900,
          .currency = "USD",
          .price_model = MC_PRICE_SUBSCRIPTION,
          .status = MC_STATUS_PUBLISHED,
          .skill_ids = &py.id,
          .n_skills = 1,
          .language = "en" },
        { .slug = "cs50",
          .type = MC_PROG_XSERIES,
          .title = "CS50 Computer Science",
          .summary = "The intro course",
          .platform_org_id = edx,
          .institution_org_id = harvard,
          .duration_weeks = 12,
          .hours_per_week = -1,
          .price_cents = 0,
          .currency = "USD",
          .price_model = MC_PRICE_FREE,
          .status = MC_STATUS_PUBLISHED,
          .skill_ids = &py.id,
          .n_skills = 1,
          .language = "en" },
        { .slug = "xss",
          .type = MC_PROG_MICRO_CREDENTIAL,
          .title = "<script>alert(1)</script> Hacking 101",
          .summary = "Tom & \"Jerry\"",
          .platform_org_id = edx,
          .institution_org_id = harvard,
          .duration_weeks = 4,
          .hours_per_week = 5,
          .price_cents = 53650,
          .currency = "USD",
          .price_model = MC_PRICE_FEE,
          .price_note = "about <b>430</b> GBP",
          .refund_days = 14,
          .status = MC_STATUS_PUBLISHED,
          .is_demo = true,
          .language = "en" },
    };
    for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++) {
        mc_err_clear(&e);
        if (mc_store_program_put(s, &progs[i], &e))
            fprintf(stderr, "program %s: %s\n", progs[i].slug, e.msg);
    }
    mc_store_close(s);
    return path;
}

/* --- a tiny HTTP client --- */

struct reply {
    int status;
    char *head; /* status line and headers */
    char *body;
    size_t body_len;
};

static void reply_free(struct reply *r)
{
    free(r->head);
    free(r->body);
    memset(r, 0, sizeof *r);
}

static int connect_to(unsigned p)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)p) };
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    struct timeval tv = { .tv_sec = 10 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool send_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/* The value of header `name` in a reply's head (a static buffer), or NULL. */
static const char *header(const struct reply *r, const char *name)
{
    static char value[1024];
    if (!r->head)
        return NULL;
    size_t nlen = strlen(name);
    for (const char *line = strstr(r->head, "\r\n"); line; line = strstr(line + 2, "\r\n")) {
        const char *l = line + 2;
        if (strncasecmp(l, name, nlen) == 0 && l[nlen] == ':') {
            const char *v = l + nlen + 1;
            while (*v == ' ')
                v++;
            size_t vlen = strcspn(v, "\r");
            if (vlen >= sizeof value)
                vlen = sizeof value - 1;
            memcpy(value, v, vlen);
            value[vlen] = '\0';
            return value;
        }
    }
    return NULL;
}

/* Read one response from `fd` (Content-Length framed; no body for HEAD). */
static bool read_reply(int fd, bool head_only, struct reply *r)
{
    memset(r, 0, sizeof *r);
    struct mc_buf b;
    mc_buf_init(&b, 16u << 20);
    size_t head_end = 0;
    for (;;) {
        if (b.data) {
            char *end = strstr(b.data, "\r\n\r\n");
            if (end) {
                head_end = (size_t)(end - b.data) + 4;
                break;
            }
        }
        char tmp[4096];
        ssize_t n = recv(fd, tmp, sizeof tmp, 0);
        if (n <= 0) {
            mc_buf_free(&b);
            return false;
        }
        mc_buf_append(&b, tmp, (size_t)n);
    }
    r->head = mc_xmemdupz(b.data, head_end - 2);
    int64_t status = 0;
    mc_str_to_i64(mc_str_sub(mc_str_z(r->head), 9, 3), 100, 599, &status, "status", NULL);
    r->status = (int)status;
    const char *cl = header(r, "Content-Length");
    int64_t length = 0;
    if (cl && !head_only && mc_str_to_i64(mc_str_z(cl), 0, 16 << 20, &length, "length", NULL))
        length = 0;
    size_t want = (size_t)length;
    while (b.len - head_end < want) {
        char tmp[4096];
        ssize_t n = recv(fd, tmp, sizeof tmp, 0);
        if (n <= 0)
            break;
        mc_buf_append(&b, tmp, (size_t)n);
    }
    r->body_len = b.len - head_end;
    r->body = mc_xmemdupz(b.data + head_end, r->body_len);
    mc_buf_free(&b);
    return r->body_len >= want;
}

/* One request on a new connection. */
static bool request(const char *raw, struct reply *r)
{
    int fd = connect_to(port);
    if (fd < 0)
        return false;
    bool ok = send_all(fd, raw, strlen(raw)) && read_reply(fd, strncmp(raw, "HEAD", 4) == 0, r);
    close(fd);
    return ok;
}

static bool get(const char *target, struct reply *r)
{
    char *raw = mc_xasprintf("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", target);
    bool ok = request(raw, r);
    free(raw);
    return ok;
}

static json_t *body_json(const struct reply *r)
{
    json_error_t je;
    return json_loadb(r->body, r->body_len, 0, &je);
}

static void check_still_serving(void)
{
    struct reply r;
    CHECK(get("/healthz", &r));
    CHECK_INT(r.status, 200);
    reply_free(&r);
}

/* An RFC 9457 problem: status, the stable code, and the place it names. */
static void check_error(const struct reply *r, int status, const char *code, const char *where)
{
    CHECK_INT(r->status, status);
    CHECK_STR(header(r, "Content-Type"), "application/problem+json");
    json_t *j = body_json(r);
    CHECK(j != NULL);
    const char *got_code = json_string_value(json_object_get(j, "code"));
    const char *got_where = json_string_value(json_object_get(j, "where"));
    const char *detail = json_string_value(json_object_get(j, "detail"));
    CHECK_STR(got_code, code);
    CHECK_INT(json_integer_value(json_object_get(j, "status")), status);
    CHECK(json_string_value(json_object_get(j, "title")) != NULL);
    char *type = mc_xasprintf("http://127.0.0.1:%u/problems/%s", port, code);
    CHECK_STR(json_string_value(json_object_get(j, "type")), type);
    free(type);
    if (where) {
        CHECK_STR(got_where, where);
        CHECK_STR(json_string_value(json_object_get(j, "field")), where);
    }
    CHECK(detail && *detail);
    json_decref(j);
}

/* --- tests --- */

static void test_healthz(void)
{
    mc_test_case("healthz");
    struct reply r;
    CHECK(get("/healthz", &r));
    CHECK_INT(r.status, 200);
    json_t *j = body_json(&r);
    CHECK_STR(json_string_value(json_object_get(j, "status")), "ok");
    CHECK(json_string_value(json_object_get(j, "version")) != NULL);
    CHECK_INT(json_integer_value(json_object_get(j, "schema")), mc_store_schema_latest());
    json_decref(j);
    CHECK_STR(header(&r, "Content-Type"), "application/json; charset=utf-8");
    CHECK_STR(header(&r, "X-Content-Type-Options"), "nosniff");
    CHECK_STR(header(&r, "X-Frame-Options"), "DENY");
    CHECK_STR(header(&r, "Referrer-Policy"), "no-referrer");
    CHECK(header(&r, "Content-Security-Policy") &&
          strstr(header(&r, "Content-Security-Policy"), "default-src 'none'"));
    CHECK(header(&r, "X-Request-Id") && strlen(header(&r, "X-Request-Id")) == 16);
    reply_free(&r);

    mc_test_case("HEAD healthz");
    CHECK(request("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n", &r));
    CHECK_INT(r.status, 200);
    CHECK_INT(r.body_len, 0);
    reply_free(&r);

    mc_test_case("healthz takes no parameters");
    CHECK(get("/healthz?verbose=1", &r));
    check_error(&r, 400, "unknown_parameter", "verbose");
    reply_free(&r);
}

struct catalog_case {
    const char *query;
    const char *slugs; /* in order, comma-separated */
    int total;
    bool has_next;
};

static const struct catalog_case catalog_cases[] = {
    { "", "xss,cs50,gda,mle", 4, false },
    { "type=nano-degree", "mle", 1, false },
    { "type=professional-certificate", "gda", 1, false },
    { "type=", "xss,cs50,gda,mle", 4, false },
    { "provider=edx", "xss,cs50", 2, false },
    { "provider=google", "gda", 1, false },
    { "provider=nobody", "", 0, false },
    { "skill=python", "cs50,mle", 2, false },
    { "skill=data-analysis", "gda", 1, false },
    { "max_price=600", "xss,cs50,gda,mle", 4, false },
    { "max_price=536.50", "xss,cs50,gda,mle", 4, false },
    { "max_price=536.49", "cs50,gda,mle", 3, false },
    { "max_price=49", "cs50,gda", 2, false },
    { "max_price=0", "cs50", 1, false },
    { "max_weeks=12", "xss,cs50,mle", 3, false },
    { "max_weeks=4", "xss", 1, false },
    { "q=google", "gda", 1, false },
    { "q=data+analytics", "gda", 1, false },
    { "q=DATA%20analytics", "gda", 1, false },
    { "q=nothing-like-this", "", 0, false },
    { "limit=2", "xss,cs50", 4, true },
    { "limit=2&offset=2", "gda,mle", 4, false },
    { "limit=1&offset=3", "mle", 4, false },
    { "offset=10", "", 4, false },
    { "provider=edx&max_weeks=12&skill=python", "cs50", 1, false },
};

static void test_catalog_api(void)
{
    for (size_t i = 0; i < sizeof catalog_cases / sizeof catalog_cases[0]; i++) {
        const struct catalog_case *c = &catalog_cases[i];
        mc_test_case("catalog ?%s", c->query);
        char *target = mc_xasprintf("/api/v1/catalog?%s", c->query);
        struct reply r;
        CHECK(get(target, &r));
        free(target);
        CHECK_INT(r.status, 200);
        json_t *j = body_json(&r);
        CHECK(j != NULL);
        char slugs[256] = "";
        size_t used = 0;
        json_t *items = json_object_get(j, "items");
        for (size_t k = 0; k < json_array_size(items); k++)
            used += (size_t)snprintf(
                    slugs + used, sizeof slugs - used, "%s%s", k ? "," : "",
                    json_string_value(json_object_get(json_array_get(items, k), "slug")));
        CHECK_STR(slugs, c->slugs);
        CHECK_INT(json_integer_value(json_object_get(j, "total")), c->total);
        CHECK_INT(json_is_string(json_object_get(j, "next")), c->has_next);
        json_decref(j);
        reply_free(&r);
    }

    mc_test_case("catalog item fields and the next link");
    struct reply r;
    CHECK(get("/api/v1/catalog?limit=1&q=Hacking", &r));
    json_t *j = body_json(&r);
    json_t *it = json_array_get(json_object_get(j, "items"), 0);
    CHECK_STR(json_string_value(json_object_get(it, "title")),
              "<script>alert(1)</script> Hacking 101");
    CHECK_STR(json_string_value(json_object_get(it, "type")), "micro-credential");
    CHECK(json_string_value(json_object_get(it, "type_label")) != NULL);
    CHECK_STR(json_string_value(json_object_get(json_object_get(it, "provider"), "slug")), "edx");
    CHECK_STR(json_string_value(json_object_get(json_object_get(it, "institution"), "name")),
              "Harvard University");
    json_t *price = json_object_get(it, "price");
    CHECK_STR(json_string_value(json_object_get(price, "amount")), "536.50");
    CHECK_STR(json_string_value(json_object_get(price, "currency")), "USD");
    CHECK_STR(json_string_value(json_object_get(price, "model")), "fee");
    CHECK(json_is_null(json_object_get(price, "per")));
    CHECK_STR(json_string_value(json_object_get(price, "note")), "about <b>430</b> GBP");
    CHECK_INT(json_integer_value(json_object_get(json_object_get(it, "terms"), "refund_days")), 14);
    CHECK(json_is_true(json_object_get(it, "demo")));
    CHECK_INT(json_integer_value(json_object_get(it, "duration_weeks")), 4);
    CHECK_INT(json_integer_value(json_object_get(j, "limit")), 1);
    CHECK_INT(json_integer_value(json_object_get(j, "offset")), 0);
    json_decref(j);
    reply_free(&r);

    CHECK(get("/api/v1/catalog?q=google&limit=1", &r));
    j = body_json(&r);
    it = json_array_get(json_object_get(j, "items"), 0);
    price = json_object_get(it, "price");
    CHECK_STR(json_string_value(json_object_get(price, "amount")), "49.00");
    CHECK_STR(json_string_value(json_object_get(price, "per")), "month");
    CHECK(json_is_true(json_object_get(json_object_get(it, "terms"), "financial_aid")));
    CHECK_INT(json_integer_value(json_object_get(json_object_get(it, "terms"), "trial_days")), 7);
    CHECK_INT(json_integer_value(json_object_get(it, "courses")), 1);
    CHECK_STR(json_string_value(
                      json_object_get(json_array_get(json_object_get(it, "skills"), 0), "slug")),
              "data-analysis");
    CHECK_INT(json_number_value(json_object_get(it, "hours_per_week")), 10);
    json_decref(j);
    reply_free(&r);

    CHECK(get("/api/v1/catalog?limit=2&q=e", &r));
    j = body_json(&r);
    char *want = mc_xasprintf("http://127.0.0.1:%u/api/v1/catalog?q=e&limit=2&offset=2", port);
    CHECK_STR(json_string_value(json_object_get(j, "next")), want);
    free(want);
    json_decref(j);
    reply_free(&r);
}

struct bad_case {
    const char *target;
    int status;
    const char *code;
    const char *where;
};

static const struct bad_case bad_cases[] = {
    { "/api/v1/catalog?foo=1", 400, "unknown_parameter", "foo" },
    { "/api/v1/catalog?limit=0", 400, "invalid_parameter", "limit" },
    { "/api/v1/catalog?limit=101", 400, "invalid_parameter", "limit" },
    { "/api/v1/catalog?limit=ten", 400, "invalid_parameter", "limit" },
    { "/api/v1/catalog?limit=", 400, "invalid_parameter", "limit" },
    { "/api/v1/catalog?offset=-1", 400, "invalid_parameter", "offset" },
    { "/api/v1/catalog?max_price=abc", 400, "invalid_parameter", "max_price" },
    { "/api/v1/catalog?max_price=1.234", 400, "invalid_parameter", "max_price" },
    { "/api/v1/catalog?max_price=-5", 400, "invalid_parameter", "max_price" },
    { "/api/v1/catalog?max_price=1e3", 400, "invalid_parameter", "max_price" },
    { "/api/v1/catalog?max_weeks=x", 400, "invalid_parameter", "max_weeks" },
    { "/api/v1/catalog?type=bogus", 400, "invalid_parameter", "type" },
    { "/api/v1/catalog?limit=1&limit=2", 400, "repeated_parameter", "limit" },
    { "/api/v1/catalog?q=%ff", 400, "bad_query", "q" },
    { "/api/v1/catalog?q=%c3%28", 400, "bad_query", "q" },
    { "/api/v1/catalog?q=\xff", 400, "bad_query", "q" },
    { "/api/v1/catalog?q=%zz", 400, "bad_query", "q" },
    { "/api/v1/catalog?q=%00", 400, "bad_query", "q" },
    { "/api/v1/%ff", 400, "bad_path", "path" },
    { "/api/v1/nothing", 404, "not_found", "path" },
    { "/nothing/here", 404, "not_found", "path" },
    { "/static/catalog.html", 404, "not_found", "path" },
    { "/static/nope.css", 404, "not_found", "path" },
};

static void test_bad_requests(void)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const struct bad_case *c = &bad_cases[i];
        mc_test_case("bad request %s", c->target);
        struct reply r;
        CHECK(get(c->target, &r));
        check_error(&r, c->status, c->code, c->where);
        CHECK_STR(header(&r, "X-Content-Type-Options"), "nosniff");
        reply_free(&r);
        check_still_serving();
    }

    mc_test_case("405 with Allow");
    struct reply r;
    CHECK(request("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", &r));
    check_error(&r, 405, "method_not_allowed", "method");
    CHECK_STR(header(&r, "Allow"), "GET, HEAD");
    reply_free(&r);
    check_still_serving();

    mc_test_case("404 page for browsers");
    CHECK(request("GET /nowhere HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n", &r));
    CHECK_INT(r.status, 404);
    CHECK(strstr(header(&r, "Content-Type"), "text/html") != NULL);
    CHECK(strstr(r.body, "<html lang=\"en\">") != NULL);
    reply_free(&r);
}

static void test_limits(void)
{
    mc_test_case("over-long header: our 431");
    struct mc_buf b;
    mc_buf_init(&b, 1 << 20);
    mc_buf_appendz(&b, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ");
    for (int i = 0; i < 20000; i++)
        mc_buf_putc(&b, 'a');
    mc_buf_appendz(&b, "\r\n\r\n");
    struct reply r;
    CHECK(request(mc_buf_cstr(&b), &r));
    check_error(&r, 431, "headers_too_large", "headers");
    reply_free(&r);
    check_still_serving();

    mc_test_case("huge header: still a 431");
    mc_buf_reset(&b);
    mc_buf_appendz(&b, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ");
    for (int i = 0; i < 200000; i++)
        mc_buf_putc(&b, 'a');
    mc_buf_appendz(&b, "\r\n\r\n");
    int fd = connect_to(port);
    send_all(fd, b.data, b.len);
    CHECK(read_reply(fd, false, &r));
    CHECK_INT(r.status, 431);
    close(fd);
    reply_free(&r);
    check_still_serving();

    mc_test_case("body too large by Content-Length: 413 before reading");
    CHECK(request("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n", &r));
    check_error(&r, 413, "body_too_large", "Content-Length");
    reply_free(&r);
    check_still_serving();

    mc_test_case("body too large while reading (chunked): 413");
    mc_buf_reset(&b);
    mc_buf_appendz(&b, "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 4; i++) {
        mc_buf_appendz(&b, "800\r\n");
        for (int k = 0; k < 0x800; k++)
            mc_buf_putc(&b, 'x');
        mc_buf_appendz(&b, "\r\n");
    }
    mc_buf_appendz(&b, "0\r\n\r\n");
    CHECK(request(mc_buf_cstr(&b), &r));
    check_error(&r, 413, "body_too_large", "body");
    reply_free(&r);
    check_still_serving();
    mc_buf_free(&b);

    mc_test_case("a slow client is timed out");
    fd = connect_to(port);
    send_all(fd, "GET /healthz HTTP/1.1\r\nHo", 25);
    char tmp[256];
    ssize_t n = recv(fd, tmp, sizeof tmp, 0); /* the timeout is 1 s; recv waits up to 10 */
    CHECK(n <= 0 || strncmp(tmp, "HTTP/1.1 408", 12) == 0);
    close(fd);
    check_still_serving();
}

static void test_keep_alive(void)
{
    mc_test_case("keep-alive: two requests on one socket");
    int fd = connect_to(port);
    CHECK(fd >= 0);
    const char *req = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    struct reply r1, r2, r3;
    CHECK(send_all(fd, req, strlen(req)));
    CHECK(read_reply(fd, false, &r1));
    CHECK_INT(r1.status, 200);
    CHECK(header(&r1, "Connection") == NULL || strcasecmp(header(&r1, "Connection"), "close") != 0);
    const char *req2 = "GET /api/v1/catalog?limit=1 HTTP/1.1\r\nHost: x\r\n\r\n";
    CHECK(send_all(fd, req2, strlen(req2)));
    CHECK(read_reply(fd, false, &r2));
    CHECK_INT(r2.status, 200);
    /* An error answer keeps the connection too. */
    const char *req3 = "GET /api/v1/catalog?bad=1 HTTP/1.1\r\nHost: x\r\n\r\n";
    CHECK(send_all(fd, req3, strlen(req3)));
    CHECK(read_reply(fd, false, &r3));
    CHECK_INT(r3.status, 400);
    CHECK(strcmp(header(&r1, "X-Request-Id") ? header(&r1, "X-Request-Id") : "", "") != 0);
    reply_free(&r1);
    reply_free(&r2);
    reply_free(&r3);
    close(fd);
}

static void test_catalog_page(void)
{
    mc_test_case("catalog page");
    struct reply r;
    CHECK(get("/catalog", &r));
    CHECK_INT(r.status, 200);
    CHECK_STR(header(&r, "Content-Type"), "text/html; charset=utf-8");
    CHECK(strstr(r.body, "&lt;script&gt;alert(1)&lt;/script&gt; Hacking 101") != NULL);
    CHECK(strstr(r.body, "<script>") == NULL);
    CHECK(strstr(r.body, "about &lt;b&gt;430&lt;/b&gt; GBP") != NULL);
    CHECK(strstr(r.body, "Tom &amp; &quot;Jerry&quot;") != NULL);
    CHECK(strstr(r.body, "Demo data") != NULL);
    CHECK(strstr(r.body, "<html lang=\"en\">") != NULL);
    CHECK(strstr(r.body, "name=\"viewport\"") != NULL);
    CHECK(strstr(r.body, "<main") != NULL);
    CHECK(strstr(r.body, "<label for=\"f-q\"") != NULL);
    CHECK(strstr(r.body, "USD 536.50") != NULL);
    CHECK(strstr(r.body, "USD 49.00 / month") != NULL);
    CHECK(strstr(r.body, "Google Data Analytics") != NULL);
    reply_free(&r);

    mc_test_case("catalog page paging and kept filters");
    CHECK(get("/catalog?limit=2&q=e", &r));
    CHECK_INT(r.status, 200);
    CHECK(strstr(r.body, "href=\"/catalog?q=e&amp;limit=2&amp;offset=2\"") != NULL);
    CHECK(strstr(r.body, "value=\"e\"") != NULL);
    reply_free(&r);

    mc_test_case("catalog page with a bad filter: 400 with a message, the form kept");
    CHECK(get("/catalog?max_price=lots%22%3E", &r));
    CHECK_INT(r.status, 400);
    CHECK(strstr(r.body, "max_price must be an amount") != NULL);
    CHECK(strstr(r.body, "value=\"lots&quot;&gt;\"") != NULL);
    reply_free(&r);
    CHECK(get("/catalog?color=red", &r));
    CHECK_INT(r.status, 400);
    CHECK(strstr(r.body, "unknown query parameter &#39;color&#39;") != NULL);
    reply_free(&r);
    CHECK(get("/catalog?q=%ff", &r));
    CHECK_INT(r.status, 400);
    CHECK(strstr(header(&r, "Content-Type"), "text/html") != NULL);
    reply_free(&r);

    mc_test_case("the style sheet");
    CHECK(get("/static/style.css", &r));
    CHECK_INT(r.status, 200);
    CHECK_STR(header(&r, "Content-Type"), "text/css; charset=utf-8");
    CHECK(r.body_len > 100);
    reply_free(&r);
}

static void test_start_errors(struct mc_store_pool *pool)
{
    struct mc_http_config cfg;
    mc_http_config_defaults(&cfg);
    cfg.pool = pool;
    cfg.quiet = true;
    cfg.threads = 2;
    struct mc_http_server *s = NULL;
    struct mc_err e;

    static const char *const bad[] = { "nonsense", "127.0.0.1:", "127.0.0.1:99999",
                                       "[::1:80",  ":80",        "127.0.0.1:http" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("bad listen address '%s'", bad[i]);
        cfg.listen = bad[i];
        mc_err_clear(&e);
        CHECK_INT(mc_http_server_start(&cfg, &s, &e), MC_ERR_INVALID);
        CHECK(s == NULL);
        CHECK(strstr(e.msg, bad[i]) != NULL);
    }

    mc_test_case("address in use");
    char *in_use = mc_xasprintf("127.0.0.1:%u", port);
    cfg.listen = in_use;
    mc_err_clear(&e);
    CHECK_INT(mc_http_server_start(&cfg, &s, &e), MC_ERR_IO);
    CHECK(strstr(e.msg, "in use") != NULL);
    free(in_use);

    mc_test_case("IPv6 loopback");
    cfg.listen = "[::1]:0";
    mc_err_clear(&e);
    enum mc_rc rc = mc_http_server_start(&cfg, &s, &e);
    if (rc == MC_OK) {
        char url[128];
        mc_http_server_url(s, url, sizeof url);
        CHECK(strncmp(url, "http://[::1]:", 13) == 0);
        CHECK(mc_http_server_port(s) > 0);
        mc_http_server_stop(s);
    } else {
        fprintf(stderr, "(IPv6 loopback not available here: %s)\n", e.msg);
    }
}

static void *stop_thread(void *srv)
{
    mc_http_server_stop(srv);
    return NULL;
}

/* Stopping lets a request in flight finish, then refuses new connections. */
static void test_graceful_stop(struct mc_store_pool *pool)
{
    mc_test_case("graceful stop");
    struct mc_http_config cfg;
    mc_http_config_defaults(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.threads = 2;
    cfg.pool = pool;
    cfg.quiet = true;
    struct mc_http_server *srv = NULL;
    struct mc_err e;
    if (!CHECK_INT(mc_http_server_start(&cfg, &srv, &e), MC_OK))
        return;
    unsigned p = mc_http_server_port(srv);
    int fd = connect_to(p);
    const char *part1 = "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab";
    CHECK(send_all(fd, part1, strlen(part1)));
    struct timespec pause = { 0, 200 * 1000000 };
    nanosleep(&pause, NULL); /* the request line is in: the request is in flight */
    pthread_t t;
    pthread_create(&t, NULL, stop_thread, srv);
    nanosleep(&pause, NULL);
    int late = connect_to(p);
    CHECK(late < 0); /* no longer accepting */
    if (late >= 0)
        close(late);
    CHECK(send_all(fd, "cde", 3));
    struct reply r;
    CHECK(read_reply(fd, false, &r));
    CHECK_INT(r.status, 405); /* answered in full */
    reply_free(&r);
    close(fd);
    pthread_join(t, NULL);
}

int main(void)
{
    signal(SIGPIPE, SIG_IGN);
    char *db = make_db();
    struct mc_store_pool *pool = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_store_pool_new(db, 0, 3, &pool, &e)) {
        fprintf(stderr, "pool: %s\n", e.msg);
        return 1;
    }
    char *log_path = mc_xasprintf("%s/access.log", mc_test_tmpdir());
    FILE *log = fopen(log_path, "w");
    struct mc_http_config cfg;
    mc_http_config_defaults(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.threads = 2;
    cfg.pool = pool;
    cfg.access_log = log;
    cfg.max_body_bytes = 4096;
    cfg.timeout_seconds = 1;
    struct mc_http_server *srv = NULL;
    mc_test_case("start");
    if (!CHECK_INT(mc_http_server_start(&cfg, &srv, &e), MC_OK)) {
        fprintf(stderr, "start: %s\n", e.msg);
        return mc_test_done();
    }
    port = mc_http_server_port(srv);
    CHECK(port > 0);

    test_healthz();
    test_catalog_api();
    test_bad_requests();
    test_limits();
    test_keep_alive();
    test_catalog_page();
    test_start_errors(pool);
    test_graceful_stop(pool);

    mc_http_server_stop(srv);
    fclose(log);

    mc_test_case("the access log");
    FILE *f = fopen(log_path, "r");
    char line[4096];
    int lines = 0;
    int ok_lines = 0;
    while (f && fgets(line, sizeof line, f)) {
        lines++;
        if (strstr(line, "time=") == line && strstr(line, " method=\"GET\"") &&
            strstr(line, " path=\"/healthz\"") && strstr(line, " status=200 ") &&
            strstr(line, " dur_us=") && strstr(line, " remote=\"127.0.0.1\"") &&
            strstr(line, " request_id="))
            ok_lines++;
    }
    if (f)
        fclose(f);
    CHECK(lines > 50);
    CHECK(ok_lines > 10);
    free(log_path);
    mc_store_pool_free(pool);
    free(db);
    return mc_test_done();
}
