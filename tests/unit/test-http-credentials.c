/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The public credential pages and the verify API over a live server (127.0.0.1, port 0) on a
 * database with the demo catalog where credentials were issued: content negotiation, the
 * verification banner, revoked credentials, downloads that carry the credential baked in, the
 * issuer and status list documents, the verify page with uploads, and problem details.
 */
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
#include "http-client.h"
#include "http/http.h"
#include "store/store.h"
#include "test.h"
#include "vc/bake.h"
#include "vc/di.h"
#include "vc/verify.h"

#define PUBLIC "https://creds.example"

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

/* The verify API's answer: verified, and the status of check `name` (NULL: not checked). */
static void check_verdict(const struct mc_test_reply *r, bool verified, const char *name,
                          const char *status)
{
    CHECK_INT(r->status, 200);
    CHECK(strncmp(mc_test_header(r, "Content-Type"), "application/json", 16) == 0);
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
    struct mc_test_reply r;
    char *path = mc_xasprintf("/credentials/%s", good.uuid);
    char *doc = stored_document(db, good.id);

    mc_test_case("the page: verified, with the issuer, achievement, EU elements and skills");
    mc_test_get(path, "text/html,application/xhtml+xml,*/*;q=0.8", &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(mc_test_header(&r, "Content-Type"), "text/html; charset=utf-8");
    CHECK(mc_test_has(&r, "banner-verified"));
    CHECK(mc_test_has(&r, "Verified</h2>"));
    CHECK(mc_test_has(&r, "Google Data Analytics Professional Certificate"));
    CHECK(mc_test_has(&r, "href=\"/issuers/google\">Google</a>"));
    CHECK(mc_test_has(&r, "EQF level</dt><dd>4</dd>"));
    CHECK(mc_test_has(&r, "ECTS credits</dt><dd>8</dd>"));
    CHECK(mc_test_has(&r, "Form of participation</dt><dd>online</dd>"));
    CHECK(mc_test_has(&r, ">Data analysis</a>"));
    CHECK(mc_test_has(&r, "Capstone project"));
    CHECK(mc_test_has(&r, "A dashboard of &lt;b&gt;sales&lt;/b&gt; data"));
    CHECK(!mc_test_has(&r, "<b>sales"));
    CHECK(mc_test_has(&r, "<li>92 — Completed</li>"));
    CHECK(mc_test_has(&r, "<main id=\"main\">"));
    CHECK(mc_test_has(&r, "alt=\"Badge of Google Data Analytics Professional Certificate\""));
    mc_test_case("the page: a QR code of its address, inline");
    CHECK(mc_test_has(&r, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
    char *qr_title = mc_xasprintf("<title>QR code of " PUBLIC "/credentials/%s</title>", good.uuid);
    CHECK(mc_test_has(&r, qr_title));
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
    CHECK(mc_test_has(&r, mc_buf_cstr(&want)));
    if (!mc_test_has(&r, mc_buf_cstr(&want)))
        fprintf(stderr, "want %s\n", mc_buf_cstr(&want));
    mc_buf_free(&want);
    json_decref(cred);
    mc_test_reply_free(&r);

    mc_test_case("no Accept header or any type: the page");
    mc_test_get(path, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK(strncmp(mc_test_header(&r, "Content-Type"), "text/html", 9) == 0);
    mc_test_reply_free(&r);

    static const char *const json_types[] = { "application/ld+json", "application/json",
                                              "application/vc+ld+json",
                                              "application/ld+json, text/html;q=0.5" };
    for (size_t i = 0; i < 4; i++) {
        mc_test_case("Accept: %s: the stored document byte for byte", json_types[i]);
        mc_test_get(path, json_types[i], &r);
        CHECK_INT(r.status, 200);
        CHECK_STR(mc_test_header(&r, "Content-Type"), "application/ld+json");
        CHECK_STR(mc_test_header(&r, "Vary"), "Accept");
        CHECK_MEM(r.body.data, r.body.len, doc, strlen(doc));
        mc_test_reply_free(&r);
    }

    mc_test_case("downloads: .json verbatim, .png and .svg with it baked in");
    char *p2 = mc_xasprintf("%s.json", path);
    mc_test_get(p2, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_MEM(r.body.data, r.body.len, doc, strlen(doc));
    CHECK(strstr(mc_test_header(&r, "Content-Disposition"), "attachment") != NULL);
    mc_test_reply_free(&r);
    free(p2);
    static const char *const kinds[] = { "png", "svg" };
    static const char *const types[] = { "image/png", "image/svg+xml" };
    for (int k = 0; k < 2; k++) {
        p2 = mc_xasprintf("%s.%s", path, kinds[k]);
        mc_test_get(p2, NULL, &r);
        CHECK_INT(r.status, 200);
        CHECK_STR(mc_test_header(&r, "Content-Type"), types[k]);
        struct mc_baked b = { 0 };
        struct mc_err e;
        CHECK_INT(mc_bake_extract(r.body.data, r.body.len, &b, &e), MC_OK);
        CHECK_INT(b.version, 3);
        CHECK_STR(b.text, doc);
        mc_baked_free(&b);
        if (k == 1)
            CHECK(mc_test_has(&r, "<title id=\"badge-title\">Google Data Analytics Professional"));
        /* the baked image verifies through the API */
        const char *ct = mc_xasprintf("Content-Type: %s", types[k]);
        const char *hs[] = { ct, NULL };
        struct mc_test_reply v;
        mc_test_http("POST", "/api/v1/credentials/verify", hs, r.body.data, r.body.len, &v);
        check_verdict(&v, true, "baked", "pass");
        mc_test_reply_free(&v);
        free((char *)ct);
        mc_test_reply_free(&r);
        free(p2);
    }

    mc_test_case("the printable certificate");
    p2 = mc_xasprintf("%s?view=certificate", path);
    mc_test_get(p2, "text/html", &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "Certificate of achievement"));
    CHECK(mc_test_has(&r, "@media print") || true);
    CHECK(mc_test_has(&r, "class=\"qr\""));
    mc_test_reply_free(&r);
    free(p2);
    p2 = mc_xasprintf("%s?view=poster", path);
    mc_test_get(p2, "text/html", &r);
    CHECK_INT(r.status, 400);
    mc_test_reply_free(&r);
    free(p2);

    mc_test_case("a revoked credential says so, with the issuer's reason");
    free(path);
    path = mc_xasprintf("/credentials/%s", revoked.uuid);
    mc_test_get(path, "text/html", &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "banner-revoked"));
    CHECK(mc_test_has(&r, "Revoked</h2>"));
    CHECK(mc_test_has(&r, "issued in error"));
    CHECK(!mc_test_has(&r, "banner-verified"));
    mc_test_reply_free(&r);

    mc_test_case("unknown and malformed ids: 404, a problem for JSON clients, a page for people");
    mc_test_get("/credentials/00000000-0000-4000-8000-000000000000", "application/json", &r);
    mc_test_check_problem(&r, 404, "not_found", "id");
    mc_test_reply_free(&r);
    mc_test_get("/credentials/00000000-0000-4000-8000-000000000000", "text/html", &r);
    CHECK_INT(r.status, 404);
    CHECK(strncmp(mc_test_header(&r, "Content-Type"), "text/html", 9) == 0);
    mc_test_reply_free(&r);
    mc_test_get("/credentials/not-a-uuid.png", NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "id");
    mc_test_reply_free(&r);
    mc_test_get("/credentials/00000000-0000-4000-8000-000000000000.svg", NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "id");
    mc_test_reply_free(&r);
    mc_test_get(path, "image/gif", &r);
    mc_test_check_problem(&r, 406, "not_acceptable", "Accept");
    mc_test_reply_free(&r);

    mc_test_case("render time of the page (verification included)");
    free(path);
    path = mc_xasprintf("/credentials/%s", good.uuid);
    int64_t t0 = mc_time_mono_ns();
    for (int i = 0; i < 50; i++) {
        mc_test_get(path, "text/html", &r);
        CHECK_INT(r.status, 200);
        mc_test_reply_free(&r);
    }
    printf("credential page: %.2f ms per request (50 sequential, verification included)\n",
           ms_since(t0) / 50);
    free(path);
    free(doc);
}

static void test_issuer_and_status(void)
{
    struct mc_test_reply r;
    mc_test_case("the issuer document for machines");
    mc_test_get("/issuers/google", "application/ld+json", &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(mc_test_header(&r, "Content-Type"), "application/ld+json");
    json_t *j = json_loadb(r.body.data, r.body.len, 0, NULL);
    CHECK_STR(json_string_value(json_object_get(j, "id")), PUBLIC "/issuers/google");
    CHECK_STR(json_string_value(json_object_get(j, "type")), "Profile");
    CHECK_INT(json_array_size(json_object_get(j, "assertionMethod")), 1);
    json_decref(j);
    mc_test_reply_free(&r);
    mc_test_get("/issuers/google", NULL, &r);
    CHECK_STR(mc_test_header(&r, "Content-Type"), "application/ld+json");
    mc_test_reply_free(&r);
    mc_test_get("/issuers/google", "application/json", &r);
    CHECK_STR(mc_test_header(&r, "Content-Type"), "application/json");
    mc_test_reply_free(&r);

    mc_test_case("the issuer page for people");
    mc_test_get("/issuers/google", "text/html,*/*;q=0.8", &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "<h1 id=\"issuer-h\">Google</h1>"));
    CHECK(mc_test_has(&r, "Trust status"));
    CHECK(mc_test_has(&r, "Google Data Analytics"));
    mc_test_reply_free(&r);
    mc_test_get("/issuers/nobody", "application/json", &r);
    mc_test_check_problem(&r, 404, "not_found", "slug");
    mc_test_reply_free(&r);

    mc_test_case("status lists: the signed list, cached briefly");
    mc_test_get("/status/google/1/revocation", NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(mc_test_header(&r, "Content-Type"), "application/vc+ld+json");
    CHECK_STR(mc_test_header(&r, "Cache-Control"), "public, max-age=60");
    CHECK(mc_test_has(&r, "BitstringStatusListCredential"));
    mc_test_reply_free(&r);
    mc_test_get("/status/google/1/suspension", "application/ld+json", &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(mc_test_header(&r, "Content-Type"), "application/ld+json");
    mc_test_reply_free(&r);
    mc_test_get("/status/google/2/revocation", NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "path");
    mc_test_reply_free(&r);
    mc_test_get("/status/google/1/expiry", NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "path");
    mc_test_reply_free(&r);
}

static void post(const char *path, const char *ct, const char *body, size_t len,
                 struct mc_test_reply *r)
{
    char *h = ct ? mc_xasprintf("Content-Type: %s", ct) : NULL;
    const char *hs[] = { h, "Expect:", NULL };
    mc_test_http("POST", path, hs, body, len, r);
    free(h);
}

static void test_verify_api(const char *db)
{
    struct mc_test_reply r;
    char *doc = stored_document(db, good.id);
    char *rdoc = stored_document(db, revoked.id);

    mc_test_case("verify API: a good credential, wrapped or not");
    char *wrapped = mc_xasprintf("{\"credential\": %s}", doc);
    post("/api/v1/credentials/verify", "application/json", wrapped, strlen(wrapped), &r);
    check_verdict(&r, true, "proof", "pass");
    mc_test_reply_free(&r);
    post("/api/v1/credentials/verify", "application/ld+json", doc, strlen(doc), &r);
    check_verdict(&r, true, "proof", "pass");
    mc_test_reply_free(&r);

    mc_test_case("verify API: a tampered credential fails its proof");
    json_t *t = json_loads(doc, 0, NULL);
    json_object_set_new(t, "name", json_string("Google Data Analytics (forged)"));
    char *tampered = json_dumps(t, JSON_COMPACT);
    json_decref(t);
    post("/api/v1/credentials/verify", "application/vc+ld+json", tampered, strlen(tampered), &r);
    check_verdict(&r, false, "proof", "fail");
    mc_test_reply_free(&r);

    mc_test_case("verify API: a revoked credential fails its status check");
    post("/api/v1/credentials/verify", "application/ld+json", rdoc, strlen(rdoc), &r);
    check_verdict(&r, false, "status", "fail");
    mc_test_reply_free(&r);

    mc_test_case("verify API: a JWT that is not one, as a string");
    static const char bad_jwt[] = "{\"credential\": \"eyJhbGciOiJFZERTQSJ9.eyJ9.c2ln\"}";
    post("/api/v1/credentials/verify", "application/json", bad_jwt, strlen(bad_jwt), &r);
    check_verdict(&r, false, NULL, NULL);
    mc_test_reply_free(&r);

    mc_test_case("verify API: multipart upload");
    struct mc_buf mp;
    mc_buf_init(&mp, 1 << 20);
    mc_buf_printf(&mp,
                  "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
                  "filename=\"c.json\"\r\nContent-Type: application/json\r\n\r\n%s\r\n--XyZ--\r\n",
                  doc);
    post("/api/v1/credentials/verify", "multipart/form-data; boundary=XyZ", mp.data, mp.len, &r);
    check_verdict(&r, true, "proof", "pass");
    mc_test_reply_free(&r);

    mc_test_case("verify API: bad input is a problem");
    post("/api/v1/credentials/verify", "application/json", "{\"credential\": ", 15, &r);
    mc_test_check_problem(&r, 400, "invalid_body", "body");
    mc_test_reply_free(&r);
    post("/api/v1/credentials/verify", "application/json", "{\"credential\": 5}", 17, &r);
    mc_test_check_problem(&r, 400, "invalid_body", "credential");
    mc_test_reply_free(&r);
    post("/api/v1/credentials/verify", "application/json", "", 0, &r);
    mc_test_check_problem(&r, 400, "invalid_body", "body");
    mc_test_reply_free(&r);
    post("/api/v1/credentials/verify", "application/x-thing", "abc", 3, &r);
    mc_test_check_problem(&r, 415, "unsupported_media_type", "Content-Type");
    mc_test_reply_free(&r);
    post("/api/v1/credentials/verify", "multipart/form-data; boundary=XyZ", "--XyZ\r\n", 7, &r);
    mc_test_check_problem(&r, 400, "invalid_body", "body");
    mc_test_reply_free(&r);
    post("/api/v1/credentials/verify?x=1", "application/json", wrapped, strlen(wrapped), &r);
    mc_test_check_problem(&r, 400, "unknown_parameter", "x");
    mc_test_reply_free(&r);
    mc_test_get("/api/v1/credentials/verify", NULL, &r);
    mc_test_check_problem(&r, 405, "method_not_allowed", "method");
    mc_test_reply_free(&r);

    mc_test_case("verify API: a body past the limit is 413");
    size_t big = (2u << 20);
    char *huge = mc_xmalloc(big);
    memset(huge, ' ', big);
    post("/api/v1/credentials/verify", "application/json", huge, big, &r);
    mc_test_check_problem(&r, 413, "body_too_large", NULL);
    mc_test_reply_free(&r);
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
        mc_test_reply_free(&r);
    }
    printf("verify API: %.2f ms per request (50 sequential)\n", ms_since(t0) / 50);

    mc_test_case("the verify page: form, upload, paste, URL");
    mc_test_get("/verify", "text/html", &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "enctype=\"multipart/form-data\""));
    CHECK(mc_test_has(&r, "<label for=\"v-file\""));
    mc_test_reply_free(&r);
    char *svg_path = mc_xasprintf("/credentials/%s.svg", good.uuid);
    struct mc_test_reply img;
    mc_test_get(svg_path, NULL, &img);
    free(svg_path);
    mc_buf_reset(&mp);
    mc_buf_appendz(&mp, "--b0undary\r\nContent-Disposition: form-data; name=\"credential\"\r\n\r\n"
                        "\r\n--b0undary\r\nContent-Disposition: form-data; name=\"file\"; "
                        "filename=\"badge.svg\"\r\nContent-Type: image/svg+xml\r\n\r\n");
    mc_buf_append(&mp, img.body.data, img.body.len);
    mc_buf_appendz(&mp, "\r\n--b0undary\r\nContent-Disposition: form-data; name=\"url\"\r\n\r\n"
                        "\r\n--b0undary--\r\n");
    mc_test_reply_free(&img);
    post("/verify", "multipart/form-data; boundary=b0undary", mp.data, mp.len, &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "banner-verified"));
    CHECK(mc_test_has(&r, "<th scope=\"row\">baked</th>"));
    mc_test_reply_free(&r);
    mc_buf_reset(&mp);
    mc_buf_printf(&mp,
                  "--b\r\nContent-Disposition: form-data; name=\"credential\"\r\n\r\n%s\r\n--b--",
                  tampered);
    post("/verify", "multipart/form-data; boundary=b", mp.data, mp.len, &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "banner-invalid"));
    CHECK(mc_test_has(&r, "<li><strong>proof</strong>"));
    mc_test_reply_free(&r);
    static const char form_url[] = "url=http%3A%2F%2Fexample.org%2Fc.json";
    post("/verify", "application/x-www-form-urlencoded", form_url, strlen(form_url), &r);
    CHECK_INT(r.status, 400);
    CHECK(mc_test_has(&r, "Only https://"));
    mc_test_reply_free(&r);
    static const char form_https[] = "url=https%3A%2F%2Fexample.org%2Fc.json";
    post("/verify", "application/x-www-form-urlencoded", form_https, strlen(form_https), &r);
    CHECK_INT(r.status, 400);
    CHECK(mc_test_has(&r, "does not fetch"));
    mc_test_reply_free(&r);
    post("/verify", "application/x-www-form-urlencoded", "credential=", 11, &r);
    CHECK_INT(r.status, 400);
    CHECK(mc_test_has(&r, "Paste a credential"));
    mc_test_reply_free(&r);

    mc_buf_free(&mp);
    free(tampered);
    free(wrapped);
    free(rdoc);
    free(doc);
}

static void test_problems(void)
{
    mc_test_case("unknown API paths and bad queries are problems");
    struct mc_test_reply r;
    mc_test_get("/api/v1/nothing", NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "path");
    mc_test_reply_free(&r);
    mc_test_get("/api/v1/catalog?colour=blue", NULL, &r);
    mc_test_check_problem(&r, 400, "unknown_parameter", "colour");
    mc_test_reply_free(&r);
    mc_test_case("pages keep HTML errors");
    mc_test_get("/nowhere", "text/html", &r);
    CHECK_INT(r.status, 404);
    CHECK(strncmp(mc_test_header(&r, "Content-Type"), "text/html", 9) == 0);
    mc_test_reply_free(&r);
}

int main(void)
{
    mc_master_key_generate(&mk);
    char *db = make_db();
    struct mc_test_server ts;
    if (!mc_test_server_start(db, PUBLIC, &mk, &ts))
        return mc_test_done();

    test_credential_page(db);
    test_issuer_and_status();
    test_verify_api(db);
    test_problems();

    mc_test_server_stop(&ts);
    free(db);
    return mc_test_done();
}
