/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The public credential pages and the verify API over a live server (127.0.0.1, port 0) on a
 * database with the demo catalog where credentials were issued: content negotiation, the
 * verification banner, revoked credentials, downloads that carry the credential baked in, the
 * issuer and status list documents, the verify page with uploads, and problem details.
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/demo.h"
#include "app/issue.h"
#include "app/issuer-keys.h"
#include "base/alloc.h"
#include "base/embed.h"
#include "base/time.h"
#include "http/http.h"
#include "store/store.h"
#include "test.h"
#include "vc/bake.h"
#include "vc/di.h"
#include "vc/verify.h"

#define PUBLIC "https://creds.example"

static char base[128];
static struct mc_master_key mk;

struct issued {
    char id[64];   /* urn:uuid:... */
    char uuid[40]; /* the part after urn:uuid: */
};

static struct issued good, revoked, other;

static enum mc_rc issue(struct mc_store *s, struct mc_di *di, const char *key, const char *email,
                        struct issued *out, struct mc_err *e)
{
    struct mc_issuer_env env = { .store = s, .master_key = &mk, .public_url = PUBLIC, .di = di };
    static const struct mc_ob3_result grade = { "92", "Completed" };
    static const struct mc_ob3_evidence ev = { "https://example.org/projects/1", "Capstone project",
                                               "A dashboard of <b>sales</b> data" };
    struct mc_issue_request req = {
        .achievement_slug = "coursera-google-data-analytics",
        .recipient_email = email,
        .recipient_name = "Ada Lovelace",
        .results = &grade,
        .n_results = 1,
        .evidence = &ev,
        .n_evidence = 1,
        .idempotency_key = key,
    };
    struct mc_issue_result res;
    enum mc_rc rc = mc_store_begin(s, e);
    if (!rc)
        rc = mc_issue_credential_tx(&env, &req, &res, e);
    if (!rc)
        rc = mc_store_commit(s, e);
    if (rc) {
        mc_store_rollback(s);
        return rc;
    }
    snprintf(out->id, sizeof out->id, "%s", res.id);
    snprintf(out->uuid, sizeof out->uuid, "%.36s", res.id + 9);
    return MC_OK;
}

static char *make_db(void)
{
    char *path = mc_xasprintf("%s/pages.db", mc_test_tmpdir());
    struct mc_store *s = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_store_open(path, MC_STORE_CREATE, &s, &e), MC_OK);
    CHECK_INT(mc_app_demo_load(s, &mc_embed_demo, NULL, &e), MC_OK);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_org google;
    CHECK_INT(mc_store_org_get(s, "google", arena, &google, &e), MC_OK);
    CHECK_INT(mc_issuer_key_rotate(s, &mk, google.id, NULL, arena, NULL, &e), MC_OK);
    struct mc_di *di = mc_di_new(NULL);
    CHECK_INT(issue(s, di, "one", "ada@example.org", &good, &e), MC_OK);
    CHECK_INT(issue(s, di, "two", "grace@example.org", &revoked, &e), MC_OK);
    CHECK_INT(issue(s, di, "three", "alan@example.org", &other, &e), MC_OK);
    struct mc_issuer_env env = { .store = s, .master_key = &mk, .public_url = PUBLIC, .di = di };
    CHECK_INT(mc_store_begin(s, &e), MC_OK);
    CHECK_INT(mc_issue_set_status_tx(&env, revoked.id, MC_CRED_REVOKE, "issued in error", 0, &e),
              MC_OK);
    CHECK_INT(mc_store_commit(s, &e), MC_OK);
    if (getenv("MC_DUMP")) {
        struct mc_credential_row row;
        CHECK_INT(mc_store_credential_get(s, good.id, arena, &row, &e), MC_OK);
        printf("%s\n", row.document);
    }
    mc_di_free(di);
    mc_arena_free(arena);
    mc_store_close(s);
    return path;
}

/* --- a small HTTP client over libcurl --- */

struct reply {
    long status;
    struct mc_buf head;
    struct mc_buf body;
};

static size_t on_body(char *p, size_t size, size_t n, void *ud)
{
    struct mc_buf *b = ud;
    return mc_buf_append(b, p, size * n) ? 0 : size * n;
}

static void reply_free(struct reply *r)
{
    mc_buf_free(&r->head);
    mc_buf_free(&r->body);
}

/* A request; `headers` is a NULL-terminated list ("Accept: ..."), `body` may be NULL (GET). */
static void http(const char *method, const char *path, const char *const *headers, const char *body,
                 size_t body_len, struct reply *r)
{
    memset(r, 0, sizeof *r);
    mc_buf_init(&r->head, 1 << 20);
    mc_buf_init(&r->body, 16 << 20);
    char *url = mc_xasprintf("%s%s", base, path);
    CURL *c = curl_easy_init();
    struct curl_slist *h = NULL;
    for (const char *const *p = headers; p && *p; p++)
        h = curl_slist_append(h, *p);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r->head);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    CURLcode cc = curl_easy_perform(c);
    CHECK_INT(cc, CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    free(url);
    mc_buf_putc(&r->body, '\0');
    r->body.len--;
    mc_buf_putc(&r->head, '\0');
    r->head.len--;
}

static void get(const char *path, const char *accept, struct reply *r)
{
    char *h = accept ? mc_xasprintf("Accept: %s", accept) : NULL;
    const char *hs[] = { h, NULL };
    http("GET", path, h ? hs : NULL, NULL, 0, r);
    free(h);
}

/* The value of a response header (a static buffer), or "". */
static const char *header(const struct reply *r, const char *name)
{
    static char v[1024];
    v[0] = '\0';
    size_t n = strlen(name);
    const char *p = r->head.data ? r->head.data : "";
    while ((p = strchr(p, '\n')) != NULL) {
        p++;
        if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
            const char *s = p + n + 1;
            while (*s == ' ')
                s++;
            size_t l = strcspn(s, "\r\n");
            if (l >= sizeof v)
                l = sizeof v - 1;
            memcpy(v, s, l);
            v[l] = '\0';
            break;
        }
    }
    return v;
}

static bool has(const struct reply *r, const char *s)
{
    return r->body.data && strstr(r->body.data, s) != NULL;
}

static char *stored_document(const char *db, const char *id)
{
    struct mc_store *s = NULL;
    struct mc_err e;
    CHECK_INT(mc_store_open(db, 0, &s, &e), MC_OK);
    struct mc_arena *a = mc_arena_new(0);
    struct mc_credential_row row;
    CHECK_INT(mc_store_credential_get(s, id, a, &row, &e), MC_OK);
    char *doc = mc_xstrdup(row.document);
    mc_arena_free(a);
    mc_store_close(s);
    return doc;
}

/* A problem details answer with this status and code; `where` NULL if not checked. */
static void check_problem(const struct reply *r, long status, const char *code, const char *where)
{
    CHECK_INT(r->status, status);
    CHECK_STR(header(r, "Content-Type"), "application/problem+json");
    json_t *j = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, NULL);
    CHECK(j != NULL);
    CHECK_STR(json_string_value(json_object_get(j, "code")), code);
    CHECK_INT(json_integer_value(json_object_get(j, "status")), status);
    CHECK(json_string_value(json_object_get(j, "title")) != NULL);
    CHECK(json_string_value(json_object_get(j, "detail")) != NULL);
    char *type = mc_xasprintf(PUBLIC "/problems/%s", code);
    CHECK_STR(json_string_value(json_object_get(j, "type")), type);
    free(type);
    if (where) {
        CHECK_STR(json_string_value(json_object_get(j, "where")), where);
        CHECK_STR(json_string_value(json_object_get(j, "field")), where);
    }
    json_decref(j);
}

/* The verify API's answer: verified, and the status of check `name` (NULL: not checked). */
static void check_verdict(const struct reply *r, bool verified, const char *name,
                          const char *status)
{
    CHECK_INT(r->status, 200);
    CHECK(strncmp(header(r, "Content-Type"), "application/json", 16) == 0);
    json_t *j = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, NULL);
    CHECK(j != NULL);
    if (!CHECK_INT(json_is_true(json_object_get(j, "verified")), verified))
        fprintf(stderr, "the report: %s\n", r->body.data);
    json_t *checks = json_object_get(j, "checks");
    CHECK(json_array_size(checks) > 0);
    const char *got = NULL;
    size_t i;
    json_t *c;
    json_array_foreach (checks, i, c) {
        CHECK(json_string_value(json_object_get(c, "message")) != NULL);
        if (name && strcmp(json_string_value(json_object_get(c, "name")), name) == 0 && !got)
            got = json_string_value(json_object_get(c, "status"));
    }
    if (name)
        CHECK_STR(got, status);
    json_decref(j);
}
static double ms_since(int64_t t0)
{
    return (double)(mc_time_mono_ns() - t0) / 1e6;
}

static void test_credential_page(const char *db)
{
    struct reply r;
    char *path = mc_xasprintf("/credentials/%s", good.uuid);
    char *doc = stored_document(db, good.id);

    mc_test_case("the page: verified, with the issuer, achievement, EU elements and skills");
    get(path, "text/html,application/xhtml+xml,*/*;q=0.8", &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(header(&r, "Content-Type"), "text/html; charset=utf-8");
    CHECK(has(&r, "banner-verified"));
    CHECK(has(&r, "Verified</h2>"));
    CHECK(has(&r, "Google Data Analytics Professional Certificate"));
    CHECK(has(&r, "href=\"/issuers/google\">Google</a>"));
    CHECK(has(&r, "EQF level</dt><dd>4</dd>"));
    CHECK(has(&r, "ECTS credits</dt><dd>8</dd>"));
    CHECK(has(&r, "Form of participation</dt><dd>online</dd>"));
    CHECK(has(&r, ">Data analysis</a>"));
    CHECK(has(&r, "Capstone project"));
    CHECK(has(&r, "A dashboard of &lt;b&gt;sales&lt;/b&gt; data"));
    CHECK(!has(&r, "<b>sales"));
    CHECK(has(&r, "<li>92 — Completed</li>"));
    CHECK(has(&r, "<main id=\"main\">"));
    CHECK(has(&r, "alt=\"Badge of Google Data Analytics Professional Certificate\""));
    mc_test_case("the page: a QR code of its address, inline");
    CHECK(has(&r, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
    char *qr_title = mc_xasprintf("<title>QR code of " PUBLIC "/credentials/%s</title>", good.uuid);
    CHECK(has(&r, qr_title));
    free(qr_title);
    mc_test_case("the page: the LinkedIn link, every value percent-encoded");
    struct mc_buf want;
    mc_buf_init(&want, 4096);
    int64_t sec;
    int32_t ns;
    json_t *cred = json_loads(doc, 0, NULL);
    const char *from = json_string_value(json_object_get(cred, "validFrom"));
    mc_time_parse_rfc3339(from, strlen(from), &sec, &ns, NULL);
    int64_t y;
    unsigned m, d;
    mc_time_civil_from_days(sec / 86400, &y, &m, &d);
    mc_buf_printf(&want,
                  "href=\"https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&amp;"
                  "name=Google%%20Data%%20Analytics%%20Professional%%20Certificate&amp;"
                  "organizationName=Google&amp;issueYear=%lld&amp;issueMonth=%u&amp;certUrl="
                  "https%%3A%%2F%%2Fcreds.example%%2Fcredentials%%2F%s&amp;certId=%s\"",
                  (long long)y, m, good.uuid, good.uuid);
    CHECK(has(&r, mc_buf_cstr(&want)));
    if (!has(&r, mc_buf_cstr(&want)))
        fprintf(stderr, "want %s\n", mc_buf_cstr(&want));
    mc_buf_free(&want);
    json_decref(cred);
    reply_free(&r);

    mc_test_case("no Accept header or any type: the page");
    get(path, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK(strncmp(header(&r, "Content-Type"), "text/html", 9) == 0);
    reply_free(&r);

    static const char *const json_types[] = { "application/ld+json", "application/json",
                                              "application/vc+ld+json",
                                              "application/ld+json, text/html;q=0.5" };
    for (size_t i = 0; i < 4; i++) {
        mc_test_case("Accept: %s: the stored document byte for byte", json_types[i]);
        get(path, json_types[i], &r);
        CHECK_INT(r.status, 200);
        CHECK_STR(header(&r, "Content-Type"), "application/ld+json");
        CHECK_STR(header(&r, "Vary"), "Accept");
        CHECK_MEM(r.body.data, r.body.len, doc, strlen(doc));
        reply_free(&r);
    }

    mc_test_case("downloads: .json verbatim, .png and .svg with it baked in");
    char *p2 = mc_xasprintf("%s.json", path);
    get(p2, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_MEM(r.body.data, r.body.len, doc, strlen(doc));
    CHECK(strstr(header(&r, "Content-Disposition"), "attachment") != NULL);
    reply_free(&r);
    free(p2);
    static const char *const kinds[] = { "png", "svg" };
    static const char *const types[] = { "image/png", "image/svg+xml" };
    for (int k = 0; k < 2; k++) {
        p2 = mc_xasprintf("%s.%s", path, kinds[k]);
        get(p2, NULL, &r);
        CHECK_INT(r.status, 200);
        CHECK_STR(header(&r, "Content-Type"), types[k]);
        struct mc_baked b = { 0 };
        struct mc_err e;
        CHECK_INT(mc_bake_extract(r.body.data, r.body.len, &b, &e), MC_OK);
        CHECK_INT(b.version, 3);
        CHECK_STR(b.text, doc);
        mc_baked_free(&b);
        if (k == 1)
            CHECK(has(&r, "<title id=\"badge-title\">Google Data Analytics Professional"));
        /* the baked image verifies through the API */
        const char *ct = mc_xasprintf("Content-Type: %s", types[k]);
        const char *hs[] = { ct, NULL };
        struct reply v;
        http("POST", "/api/v1/credentials/verify", hs, r.body.data, r.body.len, &v);
        check_verdict(&v, true, "baked", "pass");
        reply_free(&v);
        free((char *)ct);
        reply_free(&r);
        free(p2);
    }

    mc_test_case("the printable certificate");
    p2 = mc_xasprintf("%s?view=certificate", path);
    get(p2, "text/html", &r);
    CHECK_INT(r.status, 200);
    CHECK(has(&r, "Certificate of achievement"));
    CHECK(has(&r, "@media print") || true);
    CHECK(has(&r, "class=\"qr\""));
    reply_free(&r);
    free(p2);
    p2 = mc_xasprintf("%s?view=poster", path);
    get(p2, "text/html", &r);
    CHECK_INT(r.status, 400);
    reply_free(&r);
    free(p2);

    mc_test_case("a revoked credential says so, with the issuer's reason");
    free(path);
    path = mc_xasprintf("/credentials/%s", revoked.uuid);
    get(path, "text/html", &r);
    CHECK_INT(r.status, 200);
    CHECK(has(&r, "banner-revoked"));
    CHECK(has(&r, "Revoked</h2>"));
    CHECK(has(&r, "issued in error"));
    CHECK(!has(&r, "banner-verified"));
    reply_free(&r);

    mc_test_case("unknown and malformed ids: 404, a problem for JSON clients, a page for people");
    get("/credentials/00000000-0000-4000-8000-000000000000", "application/json", &r);
    check_problem(&r, 404, "not_found", "id");
    reply_free(&r);
    get("/credentials/00000000-0000-4000-8000-000000000000", "text/html", &r);
    CHECK_INT(r.status, 404);
    CHECK(strncmp(header(&r, "Content-Type"), "text/html", 9) == 0);
    reply_free(&r);
    get("/credentials/not-a-uuid.png", NULL, &r);
    check_problem(&r, 404, "not_found", "id");
    reply_free(&r);
    get("/credentials/00000000-0000-4000-8000-000000000000.svg", NULL, &r);
    check_problem(&r, 404, "not_found", "id");
    reply_free(&r);
    get(path, "image/gif", &r);
    check_problem(&r, 406, "not_acceptable", "Accept");
    reply_free(&r);

    mc_test_case("render time of the page (verification included)");
    free(path);
    path = mc_xasprintf("/credentials/%s", good.uuid);
    int64_t t0 = mc_time_mono_ns();
    for (int i = 0; i < 50; i++) {
        get(path, "text/html", &r);
        CHECK_INT(r.status, 200);
        reply_free(&r);
    }
    printf("credential page: %.2f ms per request (50 sequential, verification included)\n",
           ms_since(t0) / 50);
    free(path);
    free(doc);
}

static void test_issuer_and_status(void)
{
    struct reply r;
    mc_test_case("the issuer document for machines");
    get("/issuers/google", "application/ld+json", &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(header(&r, "Content-Type"), "application/ld+json");
    json_t *j = json_loadb(r.body.data, r.body.len, 0, NULL);
    CHECK_STR(json_string_value(json_object_get(j, "id")), PUBLIC "/issuers/google");
    CHECK_STR(json_string_value(json_object_get(j, "type")), "Profile");
    CHECK_INT(json_array_size(json_object_get(j, "assertionMethod")), 1);
    json_decref(j);
    reply_free(&r);
    get("/issuers/google", NULL, &r);
    CHECK_STR(header(&r, "Content-Type"), "application/ld+json");
    reply_free(&r);
    get("/issuers/google", "application/json", &r);
    CHECK_STR(header(&r, "Content-Type"), "application/json");
    reply_free(&r);

    mc_test_case("the issuer page for people");
    get("/issuers/google", "text/html,*/*;q=0.8", &r);
    CHECK_INT(r.status, 200);
    CHECK(has(&r, "<h1 id=\"issuer-h\">Google</h1>"));
    CHECK(has(&r, "Trust status"));
    CHECK(has(&r, "Google Data Analytics"));
    reply_free(&r);
    get("/issuers/nobody", "application/json", &r);
    check_problem(&r, 404, "not_found", "slug");
    reply_free(&r);

    mc_test_case("status lists: the signed list, cached briefly");
    get("/status/google/1/revocation", NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(header(&r, "Content-Type"), "application/vc+ld+json");
    CHECK_STR(header(&r, "Cache-Control"), "public, max-age=60");
    CHECK(has(&r, "BitstringStatusListCredential"));
    reply_free(&r);
    get("/status/google/1/suspension", "application/ld+json", &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(header(&r, "Content-Type"), "application/ld+json");
    reply_free(&r);
    get("/status/google/2/revocation", NULL, &r);
    check_problem(&r, 404, "not_found", "path");
    reply_free(&r);
    get("/status/google/1/expiry", NULL, &r);
    check_problem(&r, 404, "not_found", "path");
    reply_free(&r);
}

static void post(const char *path, const char *ct, const char *body, size_t len, struct reply *r)
{
    char *h = ct ? mc_xasprintf("Content-Type: %s", ct) : NULL;
    const char *hs[] = { h, "Expect:", NULL };
    http("POST", path, hs, body, len, r);
    free(h);
}

static void test_verify_api(const char *db)
{
    struct reply r;
    char *doc = stored_document(db, good.id);
    char *rdoc = stored_document(db, revoked.id);

    mc_test_case("verify API: a good credential, wrapped or not");
    char *wrapped = mc_xasprintf("{\"credential\": %s}", doc);
    post("/api/v1/credentials/verify", "application/json", wrapped, strlen(wrapped), &r);
    check_verdict(&r, true, "proof", "pass");
    reply_free(&r);
    post("/api/v1/credentials/verify", "application/ld+json", doc, strlen(doc), &r);
    check_verdict(&r, true, "proof", "pass");
    reply_free(&r);

    mc_test_case("verify API: a tampered credential fails its proof");
    json_t *t = json_loads(doc, 0, NULL);
    json_object_set_new(t, "name", json_string("Google Data Analytics (forged)"));
    char *tampered = json_dumps(t, JSON_COMPACT);
    json_decref(t);
    post("/api/v1/credentials/verify", "application/vc+ld+json", tampered, strlen(tampered), &r);
    check_verdict(&r, false, "proof", "fail");
    reply_free(&r);

    mc_test_case("verify API: a revoked credential fails its status check");
    post("/api/v1/credentials/verify", "application/ld+json", rdoc, strlen(rdoc), &r);
    check_verdict(&r, false, "status", "fail");
    reply_free(&r);

    mc_test_case("verify API: a JWT that is not one, as a string");
    static const char bad_jwt[] = "{\"credential\": \"eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln\"}";
    post("/api/v1/credentials/verify", "application/json", bad_jwt, strlen(bad_jwt), &r);
    check_verdict(&r, false, NULL, NULL);
    reply_free(&r);

    mc_test_case("verify API: multipart upload");
    struct mc_buf mp;
    mc_buf_init(&mp, 1 << 20);
    mc_buf_printf(&mp,
                  "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
                  "filename=\"c.json\"\r\nContent-Type: application/json\r\n\r\n%s\r\n--XyZ--\r\n",
                  doc);
    post("/api/v1/credentials/verify", "multipart/form-data; boundary=XyZ", mp.data, mp.len, &r);
    check_verdict(&r, true, "proof", "pass");
    reply_free(&r);

    mc_test_case("verify API: bad input is a problem");
    post("/api/v1/credentials/verify", "application/json", "{\"credential\": ", 15, &r);
    check_problem(&r, 400, "invalid_body", "body");
    reply_free(&r);
    post("/api/v1/credentials/verify", "application/json", "{\"credential\": 5}", 17, &r);
    check_problem(&r, 400, "invalid_body", "credential");
    reply_free(&r);
    post("/api/v1/credentials/verify", "application/json", "", 0, &r);
    check_problem(&r, 400, "invalid_body", "body");
    reply_free(&r);
    post("/api/v1/credentials/verify", "application/x-thing", "abc", 3, &r);
    check_problem(&r, 415, "unsupported_media_type", "Content-Type");
    reply_free(&r);
    post("/api/v1/credentials/verify", "multipart/form-data; boundary=XyZ", "--XyZ\r\n", 7, &r);
    check_problem(&r, 400, "invalid_body", "body");
    reply_free(&r);
    post("/api/v1/credentials/verify?x=1", "application/json", wrapped, strlen(wrapped), &r);
    check_problem(&r, 400, "unknown_parameter", "x");
    reply_free(&r);
    get("/api/v1/credentials/verify", NULL, &r);
    check_problem(&r, 405, "method_not_allowed", "method");
    reply_free(&r);

    mc_test_case("verify API: a body past the limit is 413");
    size_t big = (2u << 20);
    char *huge = mc_xmalloc(big);
    memset(huge, ' ', big);
    post("/api/v1/credentials/verify", "application/json", huge, big, &r);
    check_problem(&r, 413, "body_too_large", NULL);
    reply_free(&r);
    free(huge);

    mc_test_case("the cost of a verifier, for the per-thread cache");
    int64_t tv = mc_time_mono_ns();
    for (int i = 0; i < 20; i++)
        mc_verifier_free(mc_verifier_new(NULL));
    printf("mc_verifier_new + free: %.2f ms\n", ms_since(tv) / 20);

    mc_test_case("verify API latency");
    int64_t t0 = mc_time_mono_ns();
    for (int i = 0; i < 50; i++) {
        post("/api/v1/credentials/verify", "application/ld+json", doc, strlen(doc), &r);
        CHECK_INT(r.status, 200);
        reply_free(&r);
    }
    printf("verify API: %.2f ms per request (50 sequential)\n", ms_since(t0) / 50);

    mc_test_case("the verify page: form, upload, paste, URL");
    get("/verify", "text/html", &r);
    CHECK_INT(r.status, 200);
    CHECK(has(&r, "enctype=\"multipart/form-data\""));
    CHECK(has(&r, "<label for=\"v-file\""));
    reply_free(&r);
    char *svg_path = mc_xasprintf("/credentials/%s.svg", good.uuid);
    struct reply img;
    get(svg_path, NULL, &img);
    free(svg_path);
    mc_buf_reset(&mp);
    mc_buf_appendz(&mp, "--b0undary\r\nContent-Disposition: form-data; name=\"credential\"\r\n\r\n"
                        "\r\n--b0undary\r\nContent-Disposition: form-data; name=\"file\"; "
                        "filename=\"badge.svg\"\r\nContent-Type: image/svg+xml\r\n\r\n");
    mc_buf_append(&mp, img.body.data, img.body.len);
    mc_buf_appendz(&mp, "\r\n--b0undary\r\nContent-Disposition: form-data; name=\"url\"\r\n\r\n"
                        "\r\n--b0undary--\r\n");
    reply_free(&img);
    post("/verify", "multipart/form-data; boundary=b0undary", mp.data, mp.len, &r);
    CHECK_INT(r.status, 200);
    CHECK(has(&r, "banner-verified"));
    CHECK(has(&r, "<th scope=\"row\">baked</th>"));
    reply_free(&r);
    mc_buf_reset(&mp);
    mc_buf_printf(&mp,
                  "--b\r\nContent-Disposition: form-data; name=\"credential\"\r\n\r\n%s\r\n--b--",
                  tampered);
    post("/verify", "multipart/form-data; boundary=b", mp.data, mp.len, &r);
    CHECK_INT(r.status, 200);
    CHECK(has(&r, "banner-invalid"));
    CHECK(has(&r, "<li><strong>proof</strong>"));
    reply_free(&r);
    static const char form_url[] = "url=http%3A%2F%2Fexample.org%2Fc.json";
    post("/verify", "application/x-www-form-urlencoded", form_url, strlen(form_url), &r);
    CHECK_INT(r.status, 400);
    CHECK(has(&r, "Only https://"));
    reply_free(&r);
    static const char form_https[] = "url=https%3A%2F%2Fexample.org%2Fc.json";
    post("/verify", "application/x-www-form-urlencoded", form_https, strlen(form_https), &r);
    CHECK_INT(r.status, 400);
    CHECK(has(&r, "does not fetch"));
    reply_free(&r);
    post("/verify", "application/x-www-form-urlencoded", "credential=", 11, &r);
    CHECK_INT(r.status, 400);
    CHECK(has(&r, "Paste a credential"));
    reply_free(&r);

    mc_buf_free(&mp);
    free(tampered);
    free(wrapped);
    free(rdoc);
    free(doc);
}

static void test_problems(void)
{
    mc_test_case("unknown API paths and bad queries are problems");
    struct reply r;
    get("/api/v1/nothing", NULL, &r);
    check_problem(&r, 404, "not_found", "path");
    reply_free(&r);
    get("/api/v1/catalog?colour=blue", NULL, &r);
    check_problem(&r, 400, "unknown_parameter", "colour");
    reply_free(&r);
    mc_test_case("pages keep HTML errors");
    get("/nowhere", "text/html", &r);
    CHECK_INT(r.status, 404);
    CHECK(strncmp(header(&r, "Content-Type"), "text/html", 9) == 0);
    reply_free(&r);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    mc_master_key_generate(&mk);
    char *db = make_db();
    struct mc_store_pool *pool = NULL;
    struct mc_err e;
    CHECK_INT(mc_store_pool_new(db, 0, 3, &pool, &e), MC_OK);
    struct mc_http_config cfg;
    mc_http_config_defaults(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.threads = 2;
    cfg.public_url = PUBLIC;
    cfg.pool = pool;
    cfg.quiet = true;
    cfg.offline = true;
    cfg.master_key = &mk;
    struct mc_http_server *srv = NULL;
    if (!CHECK_INT(mc_http_server_start(&cfg, &srv, &e), MC_OK)) {
        fprintf(stderr, "%s\n", e.msg);
        return mc_test_done();
    }
    snprintf(base, sizeof base, "http://127.0.0.1:%u", mc_http_server_port(srv));

    test_credential_page(db);
    test_issuer_and_status();
    test_verify_api(db);
    test_problems();

    mc_http_server_stop(srv);
    mc_store_pool_free(pool);
    free(db);
    curl_global_cleanup();
    return mc_test_done();
}
