/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The authenticated JSON API over a live server (127.0.0.1, port 0) on the demo catalog: signing
 * in (sessions with CSRF, the pages, lockouts), bearer tokens and their scopes, answers that do
 * not reveal other organisations' objects, issuing one credential and replaying it, batches in
 * CSV and JSON with bad rows, revoking and verifying, programs, the trust registry, and problem
 * details on every error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "app/demo.h"
#include "app/issuer-keys.h"
#include "base/alloc.h"
#include "base/embed.h"
#include "crypto/password.h"
#include "http-client.h"
#include "http/http.h"
#include "store/store.h"
#include "test.h"

#define PUBLIC   "https://creds.example"
#define PASSWORD "correct horse battery"
#define ACH      "coursera-google-data-analytics"

static struct mc_master_key mk;

/* Tokens: Alice is an issuer-admin of google, Bob of ibm, Root a platform administrator. */
static char tok_alice[MC_AUTH_TOKEN_SIZE], tok_alice_read[MC_AUTH_TOKEN_SIZE],
        tok_alice_org[MC_AUTH_TOKEN_SIZE], tok_bob[MC_AUTH_TOKEN_SIZE],
        tok_root[MC_AUTH_TOKEN_SIZE], tok_root_noscope[MC_AUTH_TOKEN_SIZE];

static char *make_db(void)
{
    char *path = mc_xasprintf("%s/api.db", mc_test_tmpdir());
    struct mc_store *s = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_store_open(path, MC_STORE_CREATE, &s, &e), MC_OK);
    CHECK_INT(mc_app_demo_load(s, &mc_embed_demo, NULL, &e), MC_OK);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_org google;
    CHECK_INT(mc_store_org_get(s, "google", arena, &google, &e), MC_OK);
    CHECK_INT(mc_issuer_key_rotate(s, &mk, google.id, NULL, arena, NULL, &e), MC_OK);
    int64_t alice = mc_test_add_user(s, "alice@example.org", PASSWORD, "google",
                                     MC_ROLE_ISSUER_ADMIN, false);
    int64_t bob =
            mc_test_add_user(s, "bob@example.org", PASSWORD, "ibm", MC_ROLE_ISSUER_ADMIN, false);
    int64_t root = mc_test_add_user(s, "root@example.org", PASSWORD, NULL, MC_ROLE_OWNER, true);
    mc_test_add_user(s, "carol@example.org", PASSWORD, "google", MC_ROLE_ASSESSOR, false);
    static const char all[] = "credentials:read credentials:issue credentials:revoke catalog:write";
    mc_test_add_token(s, alice, all, tok_alice);
    mc_test_add_token(s, alice, "credentials:read", tok_alice_read);
    mc_test_add_token(s, alice, "org:manage credentials:read", tok_alice_org);
    mc_test_add_token(s, bob, all, tok_bob);
    mc_test_add_token(s, root, "org:manage", tok_root);
    mc_test_add_token(s, root, "credentials:read", tok_root_noscope);
    mc_arena_free(arena);
    mc_store_close(s);
    return path;
}

/* A request with a bearer token (may be NULL), a JSON body (may be NULL) and extra headers. */
static void api(const char *method, const char *path, const char *token, const char *json,
                const char *extra, struct mc_test_reply *r)
{
    char *auth = token ? mc_xasprintf("Authorization: Bearer %s", token) : NULL;
    const char *hs[4] = { 0 };
    size_t n = 0;
    if (auth)
        hs[n++] = auth;
    if (json)
        hs[n++] = "Content-Type: application/json";
    if (extra)
        hs[n++] = extra;
    mc_test_http(method, path, hs, json, json ? strlen(json) : 0, r);
    free(auth);
}

static json_t *body_json(const struct mc_test_reply *r)
{
    json_t *j = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, NULL);
    CHECK(j != NULL);
    return j;
}

/* The session cookie "name=value" from a Set-Cookie header (static buffer). */
static const char *session_cookie(const struct mc_test_reply *r)
{
    static char c[256];
    const char *v = mc_test_header(r, "Set-Cookie");
    size_t n = strcspn(v, ";");
    snprintf(c, sizeof c, "Cookie: %.*s", (int)n, v);
    return c;
}

static char issued_id[64], issued_uuid[40];

static void test_sessions(void)
{
    struct mc_test_reply r;
    mc_test_case("signing in through the API: wrong password, then right");
    api("POST", "/api/v1/session", NULL,
        "{\"email\": \"alice@example.org\", \"password\": \"wrong password!\"}", NULL, &r);
    mc_test_check_problem(&r, 401, "unauthorized", NULL);
    mc_test_reply_free(&r);
    api("POST", "/api/v1/session", NULL, "{\"email\": \"alice@example.org\"}", NULL, &r);
    mc_test_check_problem(&r, 400, "invalid_body", "password");
    mc_test_reply_free(&r);
    api("POST", "/api/v1/session", NULL,
        "{\"email\": \"alice@example.org\", \"password\": \"" PASSWORD "\"}", NULL, &r);
    CHECK_INT(r.status, 201);
    const char *sc = mc_test_header(&r, "Set-Cookie");
    CHECK(strncmp(sc, "__Host-mcred_session=", 21) == 0);
    CHECK(strstr(sc, "HttpOnly") && strstr(sc, "SameSite=Lax") && strstr(sc, "Path=/") &&
          strstr(sc, "Max-Age=") && strstr(sc, "Secure"));
    char cookie[256];
    snprintf(cookie, sizeof cookie, "%s", session_cookie(&r));
    json_t *j = body_json(&r);
    char csrf[64];
    snprintf(csrf, sizeof csrf, "%s", json_string_value(json_object_get(j, "csrf_token")));
    CHECK(strlen(csrf) == 43);
    CHECK_STR(json_string_value(json_object_get(
                      json_array_get(json_object_get(json_object_get(j, "user"), "memberships"), 0),
                      "role")),
              "issuer-admin");
    json_decref(j);
    mc_test_reply_free(&r);

    mc_test_case("a session's state-changing request needs its CSRF token");
    static const char one[] = "{\"achievement\": \"" ACH "\", \"email\": \"csrf@example.org\"}";
    const char *hs[] = { cookie, "Content-Type: application/json", NULL, NULL };
    mc_test_http("POST", "/api/v1/credentials", hs, one, strlen(one), &r);
    mc_test_check_problem(&r, 403, "csrf_failed", "X-CSRF-Token");
    mc_test_reply_free(&r);
    hs[2] = "X-CSRF-Token: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    mc_test_http("POST", "/api/v1/credentials", hs, one, strlen(one), &r);
    mc_test_check_problem(&r, 403, "csrf_failed", "X-CSRF-Token");
    mc_test_reply_free(&r);
    char good_csrf[128];
    snprintf(good_csrf, sizeof good_csrf, "X-CSRF-Token: %s", csrf);
    hs[2] = good_csrf;
    mc_test_http("POST", "/api/v1/credentials", hs, one, strlen(one), &r);
    CHECK_INT(r.status, 201);
    mc_test_reply_free(&r);
    mc_test_case("reading needs no CSRF token");
    const char *ro[] = { cookie, NULL };
    mc_test_http("GET", "/api/v1/credentials?org=google", ro, NULL, 0, &r);
    CHECK_INT(r.status, 200);
    mc_test_reply_free(&r);

    mc_test_case("signing out: CSRF checked, then the cookie no longer works");
    const char *out_bad[] = { cookie, NULL };
    mc_test_http("DELETE", "/api/v1/session", out_bad, NULL, 0, &r);
    mc_test_check_problem(&r, 403, "csrf_failed", "X-CSRF-Token");
    mc_test_reply_free(&r);
    const char *out_ok[] = { cookie, good_csrf, NULL };
    mc_test_http("DELETE", "/api/v1/session", out_ok, NULL, 0, &r);
    CHECK_INT(r.status, 204);
    CHECK(strstr(mc_test_header(&r, "Set-Cookie"), "Max-Age=0") != NULL);
    mc_test_reply_free(&r);
    mc_test_http("GET", "/api/v1/credentials?org=google", ro, NULL, 0, &r);
    mc_test_check_problem(&r, 401, "unauthorized", NULL);
    CHECK(strncmp(mc_test_header(&r, "WWW-Authenticate"), "Bearer", 6) == 0);
    mc_test_reply_free(&r);
}

static void test_pages(void)
{
    struct mc_test_reply r;
    mc_test_case("the sign-in page, the account page and signing out");
    mc_test_get("/login", "text/html", &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "<label for=\"l-email\">") &&
          mc_test_has(&r, "autocomplete=\"current-password\""));
    mc_test_reply_free(&r);
    static const char form[] = "email=alice%40example.org&password=correct+horse+battery";
    const char *hs[] = { "Content-Type: application/x-www-form-urlencoded", NULL, NULL };
    mc_test_http("POST", "/login", hs, form, strlen(form), &r);
    CHECK_INT(r.status, 303);
    CHECK_STR(mc_test_header(&r, "Location"), "/account");
    char cookie[256];
    snprintf(cookie, sizeof cookie, "%s", session_cookie(&r));
    mc_test_reply_free(&r);
    static const char wrong[] = "email=alice%40example.org&password=not+the+password";
    mc_test_http("POST", "/login", hs, wrong, strlen(wrong), &r);
    CHECK_INT(r.status, 401);
    CHECK(mc_test_has(&r, "wrong email or password"));
    mc_test_reply_free(&r);
    const char *ah[] = { cookie, "Accept: text/html", NULL };
    mc_test_http("GET", "/account", ah, NULL, 0, &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "alice@example.org") && mc_test_has(&r, "issuer-admin") &&
          mc_test_has(&r, "/issuers/google"));
    const char *p = strstr(r.body.data, "name=\"csrf_token\" value=\"");
    CHECK(p != NULL);
    char csrf[64] = "";
    if (p)
        snprintf(csrf, sizeof csrf, "%.43s", p + 25);
    mc_test_reply_free(&r);
    mc_test_get("/account", "text/html", &r);
    CHECK_INT(r.status, 303);
    CHECK_STR(mc_test_header(&r, "Location"), "/login");
    mc_test_reply_free(&r);
    const char *lh[] = { cookie, "Content-Type: application/x-www-form-urlencoded",
                         "Accept: text/html", NULL };
    mc_test_http("POST", "/logout", lh, "csrf_token=nope", 15, &r);
    CHECK_INT(r.status, 403);
    mc_test_reply_free(&r);
    char *f = mc_xasprintf("csrf_token=%s", csrf);
    mc_test_http("POST", "/logout", lh, f, strlen(f), &r);
    free(f);
    CHECK_INT(r.status, 303);
    mc_test_reply_free(&r);
    mc_test_http("GET", "/account", ah, NULL, 0, &r);
    CHECK_INT(r.status, 303);
    mc_test_reply_free(&r);
}

static void test_tokens_and_issue(void)
{
    struct mc_test_reply r;
    static const char one[] = "{\"achievement\": \"" ACH "\", \"email\": \"ada@example.org\", "
                              "\"name\": \"Ada\", \"result\": \"95\", \"issued_at\": "
                              "\"2026-01-15\"}";
    mc_test_case("no token, a bad token, a token without the scope");
    api("POST", "/api/v1/credentials", NULL, one, NULL, &r);
    mc_test_check_problem(&r, 401, "unauthorized", NULL);
    CHECK_STR(mc_test_header(&r, "WWW-Authenticate"), "Bearer");
    mc_test_reply_free(&r);
    api("POST", "/api/v1/credentials", "mct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", one, NULL,
        &r);
    mc_test_check_problem(&r, 401, "unauthorized", "Authorization");
    mc_test_reply_free(&r);
    api("POST", "/api/v1/credentials", tok_alice_read, one, NULL, &r);
    mc_test_check_problem(&r, 403, "insufficient_scope", "scope");
    CHECK(strstr(mc_test_header(&r, "WWW-Authenticate"), "credentials:issue") != NULL);
    mc_test_reply_free(&r);

    mc_test_case("issue one, then replay it with the same Idempotency-Key");
    api("POST", "/api/v1/credentials", tok_alice, one, "Idempotency-Key: ada-1", &r);
    CHECK_INT(r.status, 201);
    json_t *j = body_json(&r);
    snprintf(issued_id, sizeof issued_id, "%s", json_string_value(json_object_get(j, "id")));
    snprintf(issued_uuid, sizeof issued_uuid, "%.36s", issued_id + 9);
    CHECK(strncmp(issued_id, "urn:uuid:", 9) == 0);
    CHECK(json_is_false(json_object_get(j, "existing")));
    CHECK_STR(json_string_value(json_object_get(json_object_get(j, "credential"), "id")),
              issued_id);
    CHECK(json_object_get(json_object_get(j, "credential"), "proof") != NULL);
    char *url = mc_xasprintf(PUBLIC "/credentials/%s", issued_uuid);
    CHECK_STR(json_string_value(json_object_get(j, "url")), url);
    CHECK_STR(mc_test_header(&r, "Location"), url);
    free(url);
    json_decref(j);
    mc_test_reply_free(&r);
    api("POST", "/api/v1/credentials", tok_alice, one, "Idempotency-Key: ada-1", &r);
    CHECK_INT(r.status, 200);
    j = body_json(&r);
    CHECK_STR(json_string_value(json_object_get(j, "id")), issued_id);
    CHECK(json_is_true(json_object_get(j, "existing")));
    json_decref(j);
    mc_test_reply_free(&r);

    mc_test_case("bad input is a problem naming the field");
    api("POST", "/api/v1/credentials", tok_alice,
        "{\"achievement\": \"" ACH "\", \"email\": \"not-an-email\"}", NULL, &r);
    mc_test_check_problem(&r, 400, "invalid_field", "email");
    mc_test_reply_free(&r);
    api("POST", "/api/v1/credentials", tok_alice,
        "{\"achievement\": \"" ACH "\", \"email\": \"a@example.org\", \"colour\": \"red\"}", NULL,
        &r);
    mc_test_check_problem(&r, 400, "invalid_body", "colour");
    mc_test_reply_free(&r);
    api("POST", "/api/v1/credentials", tok_alice, "{\"achievement\": ", NULL, &r);
    mc_test_check_problem(&r, 400, "invalid_body", "body");
    mc_test_reply_free(&r);
    const char *plain[] = { NULL, "Content-Type: text/plain", NULL };
    char *auth = mc_xasprintf("Authorization: Bearer %s", tok_alice);
    plain[0] = auth;
    mc_test_http("POST", "/api/v1/credentials", plain, "x", 1, &r);
    mc_test_check_problem(&r, 415, "unsupported_media_type", "Content-Type");
    mc_test_reply_free(&r);
    free(auth);

    mc_test_case("a body past the server's limit is 413 on ordinary routes");
    size_t big = (1u << 20) + 10;
    char *huge = mc_xmalloc(big + 1);
    memset(huge, ' ', big);
    huge[big] = '\0';
    api("POST", "/api/v1/credentials", tok_alice, huge, NULL, &r);
    mc_test_check_problem(&r, 413, "body_too_large", NULL);
    mc_test_reply_free(&r);
    free(huge);
}

static void test_other_org(void)
{
    struct mc_test_reply r;
    mc_test_case("another organisation's objects answer 404, like missing ones");
    static const char one[] = "{\"achievement\": \"" ACH "\", \"email\": \"eve@example.org\"}";
    api("POST", "/api/v1/credentials", tok_bob, one, NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "achievement");
    mc_test_reply_free(&r);
    api("POST", "/api/v1/credentials", tok_bob,
        "{\"achievement\": \"no-such-achievement\", \"email\": \"eve@example.org\"}", NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "achievement");
    mc_test_reply_free(&r);
    char *p = mc_xasprintf("/api/v1/credentials/%s/revoke", issued_uuid);
    api("POST", p, tok_bob, "{\"reason\": \"mischief\"}", NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "uuid");
    mc_test_reply_free(&r);
    free(p);
    api("POST", "/api/v1/credentials/00000000-0000-4000-8000-000000000000/revoke", tok_bob,
        "{\"reason\": \"mischief\"}", NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "uuid");
    mc_test_reply_free(&r);
    p = mc_xasprintf("/api/v1/credentials/%s/status", issued_uuid);
    api("GET", p, tok_bob, NULL, NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "uuid");
    mc_test_reply_free(&r);
    api("GET", p, tok_alice, NULL, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "\"status\":\"active\""));
    mc_test_reply_free(&r);
    free(p);
    api("GET", "/api/v1/credentials?org=google", tok_bob, NULL, NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "org");
    mc_test_reply_free(&r);
    mc_test_case("the issuer lists its own, newest first");
    api("GET", "/api/v1/credentials?limit=1", tok_alice, NULL, NULL, &r);
    CHECK_INT(r.status, 200);
    json_t *j = body_json(&r);
    CHECK_INT(json_array_size(json_object_get(j, "items")), 1);
    CHECK(json_integer_value(json_object_get(j, "total")) >= 2);
    json_decref(j);
    mc_test_reply_free(&r);
    api("GET", "/api/v1/credentials?limit=0", tok_alice, NULL, NULL, &r);
    mc_test_check_problem(&r, 400, "invalid_parameter", "limit");
    mc_test_reply_free(&r);
}

static void test_batch(void)
{
    struct mc_test_reply r;
    mc_test_case("a CSV batch with bad rows: reported by line and field, the rest issued");
    static const char csv[] = "email,name,issued_at,evidence_url\n"
                              "b1@example.org,One,2026-01-01,\n"
                              "bad-email,Two,2026-01-01,\n"
                              "b3@example.org,Three,yesterday,\n"
                              "b4@ex\"ample.org,Four,2026-01-01,\n"
                              "b5@example.org,Five,2026-01-02,https://example.org/work/5\n";
    char *auth = mc_xasprintf("Authorization: Bearer %s", tok_alice);
    const char *hs[] = { auth, "Content-Type: text/csv; charset=utf-8", NULL };
    mc_test_http("POST", "/api/v1/credentials/batch?achievement=" ACH, hs, csv, strlen(csv), &r);
    CHECK_INT(r.status, 200);
    json_t *j = body_json(&r);
    CHECK_INT(json_integer_value(json_object_get(j, "issued")), 2);
    CHECK_INT(json_integer_value(json_object_get(j, "existing")), 0);
    CHECK_INT(json_integer_value(json_object_get(j, "failed")), 3);
    json_t *rows = json_object_get(j, "rows");
    CHECK_INT(json_array_size(rows), 5);
    json_t *r3 = json_array_get(rows, 1);
    CHECK_INT(json_integer_value(json_object_get(r3, "line")), 3);
    CHECK_STR(json_string_value(json_object_get(r3, "status")), "error");
    CHECK_STR(json_string_value(json_object_get(r3, "field")), "email");
    json_t *r4 = json_array_get(rows, 2);
    CHECK_INT(json_integer_value(json_object_get(r4, "line")), 4);
    CHECK_STR(json_string_value(json_object_get(r4, "field")), "issued_at");
    CHECK_INT(json_integer_value(json_object_get(json_array_get(rows, 3), "line")), 5);
    CHECK_STR(json_string_value(json_object_get(json_array_get(rows, 4), "status")), "issued");
    json_decref(j);
    mc_test_reply_free(&r);

    mc_test_case("posting it again issues nothing twice");
    mc_test_http("POST", "/api/v1/credentials/batch?achievement=" ACH, hs, csv, strlen(csv), &r);
    CHECK_INT(r.status, 200);
    j = body_json(&r);
    CHECK_INT(json_integer_value(json_object_get(j, "issued")), 0);
    CHECK_INT(json_integer_value(json_object_get(j, "existing")), 2);
    json_decref(j);
    mc_test_reply_free(&r);

    mc_test_case("a JSON batch: the same semantics; a row that is not an object is an error");
    static const char rows_json[] =
            "{\"achievement\": \"" ACH "\", \"rows\": [{\"email\": \"b1@example.org\", "
            "\"issued_at\": \"2026-01-01\"}, {\"did\": \"did:example:123\"}, 7, "
            "{\"email\": 5}]}";
    api("POST", "/api/v1/credentials/batch", tok_alice, rows_json, NULL, &r);
    CHECK_INT(r.status, 200);
    j = body_json(&r);
    CHECK_INT(json_integer_value(json_object_get(j, "existing")), 1);
    CHECK_INT(json_integer_value(json_object_get(j, "issued")), 1);
    CHECK_INT(json_integer_value(json_object_get(j, "failed")), 2);
    CHECK_STR(json_string_value(
                      json_object_get(json_array_get(json_object_get(j, "rows"), 3), "field")),
              "email");
    json_decref(j);
    mc_test_reply_free(&r);

    mc_test_case("a bad header is refused whole; other organisations' achievements are 404");
    static const char bad_header[] = "name,colour\nx,y\n";
    mc_test_http("POST", "/api/v1/credentials/batch?achievement=" ACH, hs, bad_header,
                 strlen(bad_header), &r);
    mc_test_check_problem(&r, 400, "invalid_body", NULL);
    mc_test_reply_free(&r);
    char *bob = mc_xasprintf("Authorization: Bearer %s", tok_bob);
    const char *bh[] = { bob, "Content-Type: text/csv", NULL };
    mc_test_http("POST", "/api/v1/credentials/batch?achievement=" ACH, bh, csv, strlen(csv), &r);
    mc_test_check_problem(&r, 404, "not_found", "achievement");
    mc_test_reply_free(&r);
    free(bob);

    mc_test_case("the batch route reads bodies past the server's 1 MiB; the answer is bounded");
    struct mc_buf big;
    mc_buf_init(&big, 8u << 20);
    mc_buf_appendz(&big, "email,name\n");
    for (int i = 0; big.len < (1u << 20) + 4096; i++)
        mc_buf_printf(&big, "not-an-email-%d,Someone %d\n", i, i);
    mc_test_http("POST", "/api/v1/credentials/batch?achievement=" ACH, hs, big.data, big.len, &r);
    CHECK_INT(r.status, 200);
    j = body_json(&r);
    CHECK(json_integer_value(json_object_get(j, "failed")) > 20000);
    CHECK_INT(json_integer_value(json_object_get(j, "issued")), 0);
    CHECK(json_is_true(json_object_get(j, "truncated")));
    json_decref(j);
    mc_test_reply_free(&r);
    mc_buf_free(&big);
    free(auth);
}

static void test_revoke(const char *db)
{
    struct mc_test_reply r;
    mc_test_case("revoke, then the verify API says revoked");
    char *p = mc_xasprintf("/api/v1/credentials/%s/revoke", issued_uuid);
    api("POST", p, tok_alice_read, "{\"reason\": \"x\"}", NULL, &r);
    mc_test_check_problem(&r, 403, "insufficient_scope", "scope");
    mc_test_reply_free(&r);
    api("POST", p, tok_alice, "{}", NULL, &r);
    mc_test_check_problem(&r, 400, "invalid_field", "reason");
    mc_test_reply_free(&r);
    char *sp = mc_xasprintf("/api/v1/credentials/%s/suspend", issued_uuid);
    api("POST", sp, tok_alice, "{\"reason\": \"under review\"}", NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "\"status\":\"suspended\""));
    mc_test_reply_free(&r);
    char *up = mc_xasprintf("/api/v1/credentials/%s/unsuspend", issued_uuid);
    api("POST", up, tok_alice, "{\"reason\": \"review done\"}", NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "\"status\":\"active\""));
    mc_test_reply_free(&r);
    api("POST", p, tok_alice, "{\"reason\": \"issued in error\"}", NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "\"status\":\"revoked\"") && mc_test_has(&r, "issued in error"));
    mc_test_reply_free(&r);
    api("POST", up, tok_alice, "{\"reason\": \"again\"}", NULL, &r);
    mc_test_check_problem(&r, 409, "conflict", NULL);
    mc_test_reply_free(&r);
    free(sp);
    free(up);
    free(p);

    struct mc_store *s = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_store_open(db, 0, &s, &e), MC_OK);
    struct mc_arena *a = mc_arena_new(0);
    struct mc_credential_row row;
    CHECK_INT(mc_store_credential_get(s, issued_id, a, &row, &e), MC_OK);
    char *body = mc_xasprintf("{\"credential\": %s}", row.document);
    mc_arena_free(a);
    mc_store_close(s);
    api("POST", "/api/v1/credentials/verify", NULL, body, NULL, &r);
    CHECK_INT(r.status, 200);
    json_t *j = body_json(&r);
    CHECK(json_is_false(json_object_get(j, "verified")));
    bool revoked = false;
    size_t i;
    json_t *c;
    json_array_foreach (json_object_get(j, "checks"), i, c)
        if (strcmp(json_string_value(json_object_get(c, "name")), "status") == 0 &&
            strcmp(json_string_value(json_object_get(c, "status")), "fail") == 0 &&
            strstr(json_string_value(json_object_get(c, "message")), "revoked"))
            revoked = true;
    if (!CHECK(revoked))
        fprintf(stderr, "%s\n", r.body.data);
    json_decref(j);
    mc_test_reply_free(&r);
    free(body);
}

/* A demo program of Google's, renamed, as a provider would post it. */
static char *new_program(void)
{
    char *path = mc_xasprintf("%s/data/demo/coursera.json", mc_test_source_dir());
    json_t *file = json_load_file(path, 0, NULL);
    free(path);
    json_t *found = NULL;
    size_t i;
    json_t *p;
    json_array_foreach (json_object_get(file, "programs"), i, p)
        if (!found && strcmp(json_string_value(json_object_get(p, "institution")), "google") == 0)
            found = json_deep_copy(p);
    json_decref(file);
    if (!found)
        return mc_xstrdup("{}");
    json_object_set_new(found, "slug", json_string("acme-api-basics"));
    json_object_set_new(found, "title", json_string("Zyxwvut Basics"));
    json_object_set_new(json_object_get(found, "achievement"), "slug",
                        json_string("acme-api-basics"));
    json_t *c;
    json_array_foreach (json_object_get(found, "courses"), i, c) {
        char *slug = mc_xasprintf("acme-api-course-%zu", i);
        json_object_set_new(c, "slug", json_string(slug));
        free(slug);
    }
    char *text = json_dumps(found, JSON_COMPACT);
    json_decref(found);
    return text;
}

static void test_programs(void)
{
    struct mc_test_reply r;
    mc_test_case("a provider adds a program; only its own organisation");
    char *prog = new_program();
    api("POST", "/api/v1/programs", tok_alice_read, prog, NULL, &r);
    mc_test_check_problem(&r, 403, "insufficient_scope", "scope");
    mc_test_reply_free(&r);
    api("POST", "/api/v1/programs", tok_bob, prog, NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "org");
    mc_test_reply_free(&r);
    api("POST", "/api/v1/programs", tok_alice, prog, NULL, &r);
    CHECK_INT(r.status, 201);
    CHECK(mc_test_has(&r, "\"status\":\"published\""));
    mc_test_reply_free(&r);
    api("POST", "/api/v1/programs", tok_alice, prog, NULL, &r);
    mc_test_check_problem(&r, 409, "conflict", NULL);
    mc_test_reply_free(&r);
    free(prog);
    mc_test_get("/api/v1/catalog?q=zyxwvut", NULL, &r);
    CHECK(mc_test_has(&r, "\"total\":1"));
    mc_test_reply_free(&r);

    mc_test_case("unpublish and publish; another organisation's program is 404");
    api("POST", "/api/v1/programs/acme-api-basics/unpublish", tok_bob, NULL, NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "slug");
    mc_test_reply_free(&r);
    api("POST", "/api/v1/programs/acme-api-basics/unpublish", tok_alice, NULL, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "\"status\":\"draft\""));
    mc_test_reply_free(&r);
    mc_test_get("/api/v1/catalog?q=zyxwvut", NULL, &r);
    CHECK(mc_test_has(&r, "\"total\":0"));
    mc_test_reply_free(&r);
    api("POST", "/api/v1/programs/acme-api-basics/publish", tok_alice, NULL, NULL, &r);
    CHECK_INT(r.status, 200);
    mc_test_reply_free(&r);
    mc_test_get("/api/v1/catalog?q=zyxwvut", NULL, &r);
    CHECK(mc_test_has(&r, "\"total\":1"));
    mc_test_reply_free(&r);
    api("POST", "/api/v1/programs/no-such-program/publish", tok_alice, NULL, NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "slug");
    mc_test_reply_free(&r);
}

static void test_trust(void)
{
    struct mc_test_reply r;
    mc_test_case("trust flags: platform administrators only");
    static const char flags[] = "{\"verified\": true, \"accredited\": true}";
    api("POST", "/api/v1/organisations/google/trust", tok_alice_org, flags, NULL, &r);
    mc_test_check_problem(&r, 403, "forbidden", NULL);
    mc_test_reply_free(&r);
    api("POST", "/api/v1/organisations/google/trust", tok_root_noscope, flags, NULL, &r);
    mc_test_check_problem(&r, 403, "insufficient_scope", "scope");
    mc_test_reply_free(&r);
    api("POST", "/api/v1/organisations/nowhere/trust", tok_root, flags, NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "slug");
    mc_test_reply_free(&r);
    api("POST", "/api/v1/organisations/google/trust", tok_root, "{\"verified\": \"yes\"}", NULL,
        &r);
    mc_test_check_problem(&r, 400, "invalid_body", "verified");
    mc_test_reply_free(&r);
    mc_test_get("/issuers/google", "text/html", &r);
    CHECK(mc_test_has(&r, "Not verified"));
    mc_test_reply_free(&r);
    api("POST", "/api/v1/organisations/google/trust", tok_root, flags, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK(mc_test_has(&r, "\"verified\":true") && mc_test_has(&r, "\"accredited\":true"));
    mc_test_reply_free(&r);
    mc_test_get("/issuers/google", "text/html", &r);
    CHECK(mc_test_has(&r, "Verified issuer") && mc_test_has(&r, "<strong>Accredited:</strong>"));
    mc_test_reply_free(&r);
}

static void test_lockout(void)
{
    struct mc_test_reply r;
    mc_test_case("failed sign-ins lock the account: 429 with Retry-After");
    static const char bad[] = "{\"email\": \"carol@example.org\", \"password\": \"not it at all\"}";
    /* The address has failed twice before (above), so it may lock first. */
    for (int i = 0; i < 5; i++) {
        api("POST", "/api/v1/session", NULL, bad, NULL, &r);
        CHECK(r.status == 401 || r.status == 429);
        CHECK_STR(mc_test_header(&r, "Content-Type"), "application/problem+json");
        mc_test_reply_free(&r);
    }
    api("POST", "/api/v1/session", NULL,
        "{\"email\": \"carol@example.org\", \"password\": \"" PASSWORD "\"}", NULL, &r);
    mc_test_check_problem(&r, 429, "too_many_attempts", NULL);
    int64_t after = 0;
    CHECK_INT(mc_str_to_i64(mc_str_z(mc_test_header(&r, "Retry-After")), 1, 3600, &after,
                            "Retry-After", NULL),
              MC_OK);
    mc_test_reply_free(&r);
    mc_test_case("the sign-in page says so too");
    static const char form[] = "email=carol%40example.org&password=correct+horse+battery";
    const char *hs[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
    mc_test_http("POST", "/login", hs, form, strlen(form), &r);
    CHECK_INT(r.status, 429);
    CHECK(mc_test_header(&r, "Retry-After")[0] != '\0');
    CHECK(mc_test_has(&r, "too many attempts"));
    mc_test_reply_free(&r);
}

int main(void)
{
    mc_password_use_test_cost(true);
    mc_master_key_generate(&mk);
    char *db = make_db();
    struct mc_test_server ts;
    if (!mc_test_server_start(db, PUBLIC, &mk, &ts))
        return mc_test_done();

    test_sessions();
    test_pages();
    test_tokens_and_issue();
    test_other_org();
    test_batch();
    test_revoke(db);
    test_programs();
    test_trust();
    test_lockout(); /* last: it locks the test client's address for a minute */

    mc_test_server_stop(&ts);
    free(db);
    return mc_test_done();
}
