/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Open Badges 3.0 API and its OAuth 2.0 over a live server (127.0.0.1, port 0) on the demo
 * catalog: discovery, dynamic registration, the authorization code dance with PKCE (sign-in by
 * a session made in the store), the token endpoint, getCredentials with paging headers,
 * getProfile and putProfile, upsertCredential of a credential the platform issued to someone
 * else (201, then 200) and of a tampered one (400), scopes enforced, refresh with rotation,
 * revocation; errors as Imsx_StatusInfo and RFC 6749 JSON.
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
#include "crypto/digest.h"
#include "http-client.h"
#include "http/http.h"
#include "store/store.h"
#include "test.h"
#include "vc/di.h"

#define PUBLIC    "https://creds.example"
#define REDIRECT  "http://127.0.0.1:8765/callback"
#define VERIFIER  "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define CHALLENGE "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
#define COOKIE    "mcred_session=test-session-0123456789abcdefghijklmnopqrstuvw"
#define CSRF      "csrf-0123456789abcdefghijklmnopqrstuvwxyzABCDEF"
#define OB_SCOPE  "https://purl.imsglobal.org/spec/ob/v3p0/scope/"

static struct mc_master_key mk;
static char own_id[64], other_id[64];
static char *other_doc;

static enum mc_rc issue(struct mc_store *s, struct mc_di *di, const char *key, const char *email,
                        char id[64], struct mc_err *e)
{
    struct mc_issuer_env env = { .store = s, .master_key = &mk, .public_url = PUBLIC, .di = di };
    struct mc_issue_request req = {
        .achievement_slug = "coursera-google-data-analytics",
        .recipient_email = email,
        .recipient_name = "Lea Learner",
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
    snprintf(id, 64, "%s", res.id);
    return MC_OK;
}

/* The demo catalog, a learner with a session (the cookie above), a credential issued to her
 * and one issued to someone else. */
static char *make_db(void)
{
    char *path = mc_xasprintf("%s/ob3.db", mc_test_tmpdir());
    struct mc_store *s = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_store_open(path, MC_STORE_CREATE, &s, &e), MC_OK);
    CHECK_INT(mc_app_demo_load(s, &mc_embed_demo, NULL, &e), MC_OK);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_org google;
    CHECK_INT(mc_store_org_get(s, "google", arena, &google, &e), MC_OK);
    CHECK_INT(mc_issuer_key_rotate(s, &mk, google.id, NULL, arena, NULL, &e), MC_OK);
    struct mc_user u = { .email = "lea@example.org", .name = "Lea Learner" };
    CHECK_INT(mc_store_user_put(s, &u, &e), MC_OK);
    const char *token = strchr(COOKIE, '=') + 1;
    struct mc_session ses = { .user_id = u.id,
                              .csrf_token = CSRF,
                              .expires_at = mc_time_now() + 3600 };
    mc_digest(MC_DIGEST_SHA256, token, strlen(token), ses.token_hash);
    CHECK_INT(mc_store_session_put(s, &ses, &e), MC_OK);
    struct mc_di *di = mc_di_new(NULL);
    CHECK_INT(issue(s, di, "own", "lea@example.org", own_id, &e), MC_OK);
    CHECK_INT(issue(s, di, "other", "someone@example.org", other_id, &e), MC_OK);
    /* Linked to the account when the platform knows the address; make sure for this test. */
    struct mc_credential_row row;
    CHECK_INT(mc_store_credential_get(s, own_id, arena, &row, &e), MC_OK);
    CHECK_INT(row.recipient_user_id, u.id);
    CHECK_INT(mc_store_credential_get(s, other_id, arena, &row, &e), MC_OK);
    other_doc = mc_xstrdup(row.document);
    mc_di_free(di);
    mc_arena_free(arena);
    mc_store_close(s);
    return path;
}

static const char *jstr(const struct mc_test_reply *r, const char *key)
{
    const char *v = json_string_value(json_object_get(r->json, key));
    return v ? v : "";
}

/* A query parameter of a URL (heap), or NULL; values here need no decoding but %20 and %3A. */
static char *url_param(const char *url, const char *name)
{
    size_t n = strlen(name);
    const char *q = strchr(url, '?');
    while (q) {
        q++;
        if (strncmp(q, name, n) == 0 && q[n] == '=') {
            size_t l = strcspn(q + n + 1, "&");
            return mc_xasprintf("%.*s", (int)l, q + n + 1);
        }
        q = strchr(q, '&');
    }
    return NULL;
}

/* An Imsx_StatusInfo answer with this status and code minor. */
static void check_status_info(const struct mc_test_reply *r, long status, const char *minor)
{
    CHECK_INT(r->status, status);
    CHECK_STR(jstr(r, "imsx_codeMajor"), "failure");
    CHECK_STR(jstr(r, "imsx_severity"), "error");
    CHECK(*jstr(r, "imsx_description") != '\0');
    const json_t *f = json_array_get(
            json_object_get(json_object_get(r->json, "imsx_codeMinor"), "imsx_codeMinorField"), 0);
    const char *got = json_string_value(json_object_get(f, "imsx_codeMinorFieldValue"));
    CHECK_STR(got ? got : "", minor);
}

static char client_id[64], client_secret[64];

static void basic_header(char *out, size_t size)
{
    char raw[160];
    snprintf(raw, sizeof raw, "%s:%s", client_id, client_secret);
    struct mc_buf b;
    mc_buf_init(&b, 512);
    mc_buf_appendz(&b, "Authorization: Basic ");
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t n = strlen(raw);
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned char)raw[i] << 16;
        if (i + 1 < n)
            v |= (unsigned char)raw[i + 1] << 8;
        if (i + 2 < n)
            v |= (unsigned char)raw[i + 2];
        mc_buf_putc(&b, tbl[(v >> 18) & 63]);
        mc_buf_putc(&b, tbl[(v >> 12) & 63]);
        mc_buf_putc(&b, i + 1 < n ? tbl[(v >> 6) & 63] : '=');
        mc_buf_putc(&b, i + 2 < n ? tbl[v & 63] : '=');
    }
    snprintf(out, size, "%s", mc_buf_cstr(&b));
    mc_buf_free(&b);
}

static void test_discovery_and_register(void)
{
    mc_test_case("discovery");
    struct mc_test_reply r;
    mc_test_http_text("GET", "/ims/ob/v3p0/discovery", NULL, NULL, &r);
    CHECK_INT(r.status, 200);
    const json_t *scheme = json_object_get(
            json_object_get(json_object_get(r.json, "components"), "securitySchemes"), "OAuth2ACG");
    CHECK_STR(json_string_value(json_object_get(scheme, "x-imssf-registrationUrl")),
              PUBLIC "/oauth/register");
    const json_t *flow = json_object_get(json_object_get(scheme, "flows"), "authorizationCode");
    CHECK_STR(json_string_value(json_object_get(flow, "authorizationUrl")),
              PUBLIC "/oauth/authorize");
    CHECK_STR(json_string_value(json_object_get(flow, "tokenUrl")), PUBLIC "/oauth/token");
    CHECK(json_object_get(json_object_get(flow, "scopes"), OB_SCOPE "credential.upsert") != NULL);
    CHECK(json_string_value(json_object_get(json_object_get(r.json, "info"),
                                            "x-imssf-privacyPolicyUrl")) != NULL);
    CHECK(json_object_get(json_object_get(r.json, "paths"), "/credentials") != NULL);
    mc_test_reply_free(&r);

    mc_test_case("register");
    const char *json_ct[] = { "Content-Type: application/json", NULL };
    mc_test_http_text(
            "POST", "/oauth/register", json_ct,
            "{\"client_name\": \"Test Wallet\", \"redirect_uris\": [\"" REDIRECT "\"], "
            "\"client_uri\": \"https://wallet.example\", \"scope\": \"" OB_SCOPE
            "credential.readonly " OB_SCOPE "credential.upsert " OB_SCOPE
            "profile.readonly " OB_SCOPE
            "profile.update\", \"grant_types\": [\"authorization_code\", \"refresh_token\"]}",
            &r);
    CHECK_INT(r.status, 201);
    CHECK_STR(mc_test_header(&r, "Cache-Control"), "no-store");
    snprintf(client_id, sizeof client_id, "%s", jstr(&r, "client_id"));
    snprintf(client_secret, sizeof client_secret, "%s", jstr(&r, "client_secret"));
    CHECK(strncmp(client_id, "mcc_", 4) == 0);
    CHECK(strncmp(client_secret, "mcs_", 4) == 0);
    CHECK_STR(jstr(&r, "client_name"), "Test Wallet");
    mc_test_reply_free(&r);

    mc_test_case("register: bad metadata");
    mc_test_http_text("POST", "/oauth/register", json_ct,
                      "{\"client_name\": \"W\", \"redirect_uris\": [\"http://wallet.example/cb\"]}",
                      &r);
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(&r, "error"), "invalid_redirect_uri");
    mc_test_reply_free(&r);
    mc_test_http_text("POST", "/oauth/register", json_ct,
                      "{\"client_name\": \"W\", \"redirect_uris\": [\"" REDIRECT
                      "\"], \"grant_types\": [\"implicit\"]}",
                      &r);
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(&r, "error"), "invalid_client_metadata");
    mc_test_reply_free(&r);
}

/* Authorize for `scope` (already URL-encoded) and approve: the code (heap). */
static char *authorize(const char *scope)
{
    char *q = mc_xasprintf("/oauth/authorize?response_type=code&client_id=%s&redirect_uri=%s&"
                           "scope=%s&state=xyz&code_challenge=%s&code_challenge_method=S256",
                           client_id, "http%3A%2F%2F127.0.0.1%3A8765%2Fcallback", scope, CHALLENGE);
    const char *cookie[] = { "Cookie: " COOKIE, NULL };
    struct mc_test_reply r;
    mc_test_http_text("GET", q, cookie, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK(strstr(r.body.data, "Test Wallet") != NULL);
    CHECK(strstr(r.body.data, CSRF) != NULL);
    CHECK_STR(mc_test_header(&r, "Cache-Control"), "no-store");
    mc_test_reply_free(&r);
    char *form = mc_xasprintf("csrf_token=%s&response_type=code&client_id=%s&redirect_uri=%s&"
                              "scope=%s&state=xyz&code_challenge=%s&code_challenge_method=S256&"
                              "decision=approve",
                              CSRF, client_id, "http%3A%2F%2F127.0.0.1%3A8765%2Fcallback", scope,
                              CHALLENGE);
    const char *h[] = { "Cookie: " COOKIE, "Content-Type: application/x-www-form-urlencoded",
                        NULL };
    mc_test_http_text("POST", "/oauth/authorize", h, form, &r);
    CHECK_INT(r.status, 200);
    const char *refresh = mc_test_header(&r, "Refresh");
    CHECK(strncmp(refresh, "0; url=" REDIRECT "?code=mco_", 7 + strlen(REDIRECT) + 10) == 0);
    char *code = url_param(refresh + 7, "code");
    char *state = url_param(refresh + 7, "state");
    CHECK_STR(state ? state : "", "xyz");
    free(state);
    mc_test_reply_free(&r);
    free(form);
    free(q);
    return code;
}

static void test_authorize_errors(void)
{
    struct mc_test_reply r;
    mc_test_case("authorize: not signed in");
    char *q = mc_xasprintf("/oauth/authorize?response_type=code&client_id=%s&state=s&"
                           "code_challenge=%s&code_challenge_method=S256",
                           client_id, CHALLENGE);
    mc_test_http_text("GET", q, NULL, NULL, &r);
    CHECK_INT(r.status, 302);
    CHECK(strncmp(mc_test_header(&r, "Location"), "/login?next=%2Foauth%2Fauthorize%3F", 35) == 0);
    mc_test_reply_free(&r);
    free(q);

    mc_test_case("authorize: unknown client is shown, not redirected");
    const char *cookie[] = { "Cookie: " COOKIE, NULL };
    mc_test_http_text(
            "GET",
            "/oauth/authorize?response_type=code&client_id=mcc_nobody&code_challenge=" CHALLENGE
            "&code_challenge_method=S256",
            cookie, NULL, &r);
    CHECK_INT(r.status, 400);
    CHECK_STR(mc_test_header(&r, "Location"), "");
    mc_test_reply_free(&r);

    mc_test_case("authorize: errors go back with the state");
    q = mc_xasprintf("/oauth/authorize?response_type=code&client_id=%s&state=s1&scope=%s",
                     client_id, "credentials%3Aissue");
    mc_test_http_text("GET", q, cookie, NULL, &r);
    CHECK_INT(r.status, 302);
    CHECK(strncmp(mc_test_header(&r, "Location"), REDIRECT "?error=invalid_request", 30) == 0);
    CHECK(strstr(mc_test_header(&r, "Location"), "&state=s1") != NULL);
    mc_test_reply_free(&r);
    free(q);

    mc_test_case("authorize: a decision without the CSRF token, and a denial");
    const char *h[] = { "Cookie: " COOKIE, "Content-Type: application/x-www-form-urlencoded",
                        NULL };
    char *form = mc_xasprintf("response_type=code&client_id=%s&state=s2&code_challenge=%s&"
                              "code_challenge_method=S256&decision=approve",
                              client_id, CHALLENGE);
    mc_test_http_text("POST", "/oauth/authorize", h, form, &r);
    CHECK_INT(r.status, 403);
    mc_test_reply_free(&r);
    free(form);
    form = mc_xasprintf("csrf_token=%s&response_type=code&client_id=%s&state=s3&"
                        "code_challenge=%s&code_challenge_method=S256&decision=deny",
                        CSRF, client_id, CHALLENGE);
    mc_test_http_text("POST", "/oauth/authorize", h, form, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(mc_test_header(&r, "Refresh"),
              "0; url=" REDIRECT "?error=access_denied&error_description="
              "the%20person%20did%20not%20allow%20access&state=s3");
    mc_test_reply_free(&r);
    free(form);
}

/* POST /oauth/token with Basic authentication; the reply is the caller's. */
static void token_request(const char *form, struct mc_test_reply *r)
{
    char auth[512];
    basic_header(auth, sizeof auth);
    const char *h[] = { auth, "Content-Type: application/x-www-form-urlencoded", NULL };
    mc_test_http_text("POST", "/oauth/token", h, form, r);
}

struct tokens {
    char access[128];
    char refresh[128];
};

/* Exchange a code; with `replay`, present it again (which revokes what it gave). */
static void exchange(const char *code, struct tokens *t, bool replay)
{
    char *form = mc_xasprintf("grant_type=authorization_code&code=%s&redirect_uri=%s&"
                              "code_verifier=%s",
                              code, "http%3A%2F%2F127.0.0.1%3A8765%2Fcallback", VERIFIER);
    struct mc_test_reply r;
    token_request(form, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(mc_test_header(&r, "Cache-Control"), "no-store");
    CHECK_STR(jstr(&r, "token_type"), "Bearer");
    CHECK_INT(json_integer_value(json_object_get(r.json, "expires_in")), 3600);
    snprintf(t->access, sizeof t->access, "%s", jstr(&r, "access_token"));
    snprintf(t->refresh, sizeof t->refresh, "%s", jstr(&r, "refresh_token"));
    mc_test_reply_free(&r);
    if (!replay) {
        free(form);
        return;
    }
    mc_test_case("token: a code is single use, and its replay revokes the grant");
    token_request(form, &r);
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(&r, "error"), "invalid_grant");
    mc_test_reply_free(&r);
    free(form);
}

static void bearer(const char *token, char *out, size_t size)
{
    snprintf(out, size, "Authorization: Bearer %s", token);
}

static void test_api(void)
{
    struct mc_test_reply r;
    char *code =
            authorize(OB_SCOPE "credential.readonly%20" OB_SCOPE "credential.upsert%20" OB_SCOPE
                               "profile.readonly%20" OB_SCOPE "profile.update");
    struct tokens t;
    mc_test_case("token: the exchange");
    exchange(code, &t, false);
    free(code);

    mc_test_case("token: client authentication");
    snprintf(client_secret + 4, 8, "%s", "wrong"); /* restored from saved_secret later */
    token_request("grant_type=refresh_token&refresh_token=mcr_x", &r);
    CHECK_INT(r.status, 401);
    CHECK_STR(jstr(&r, "error"), "invalid_client");
    mc_test_reply_free(&r);

    char auth[256];
    bearer(t.access, auth, sizeof auth);
    const char *h[] = { auth, NULL };

    mc_test_case("getCredentials");
    mc_test_http_text("GET", "/ims/ob/v3p0/credentials", NULL, NULL, &r);
    check_status_info(&r, 401, "unauthorizedrequest");
    CHECK(strncmp(mc_test_header(&r, "WWW-Authenticate"), "Bearer", 6) == 0);
    mc_test_reply_free(&r);
    mc_test_http_text("GET", "/ims/ob/v3p0/credentials", h, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(mc_test_header(&r, "X-Total-Count"), "1");
    const json_t *creds = json_object_get(r.json, "credential");
    CHECK_INT(json_array_size(creds), 1);
    CHECK_STR(json_string_value(json_object_get(json_array_get(creds, 0), "id")), own_id);
    CHECK(json_is_array(json_object_get(r.json, "compactJwsString")));
    CHECK(strstr(mc_test_header(&r, "Link"), "rel=\"last\"") != NULL);
    mc_test_reply_free(&r);
    mc_test_http_text("GET", "/ims/ob/v3p0/credentials?limit=0", h, NULL, &r);
    check_status_info(&r, 400, "invalid_query_parameter");
    mc_test_reply_free(&r);

    mc_test_case("errors outside the handlers are Imsx_StatusInfo too");
    mc_test_http_text("GET", "/ims/ob/v3p0/nosuch", h, NULL, &r);
    check_status_info(&r, 404, "not_found");
    mc_test_reply_free(&r);
    mc_test_http_text("DELETE", "/ims/ob/v3p0/credentials", h, NULL, &r);
    check_status_info(&r, 405, "invalid_data");
    CHECK(mc_test_header(&r, "Allow") != NULL);
    mc_test_reply_free(&r);
    mc_test_http_text("GET", "/ims/ob/v3p0/credentials?limit=%zz", h, NULL, &r);
    check_status_info(&r, 400, "invalid_query_parameter");
    mc_test_reply_free(&r);

    mc_test_case("getProfile");
    mc_test_http_text("GET", "/ims/ob/v3p0/profile", h, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(jstr(&r, "name"), "Lea Learner");
    CHECK_STR(jstr(&r, "email"), "lea@example.org");
    mc_test_reply_free(&r);

    mc_test_case("upsertCredential");
    const char *post[] = { auth, "Content-Type: application/json", NULL };
    mc_test_http_text("POST", "/ims/ob/v3p0/credentials", post, other_doc, &r);
    CHECK_INT(r.status, 201);
    mc_test_reply_free(&r);
    mc_test_http_text("POST", "/ims/ob/v3p0/credentials", post, other_doc, &r);
    CHECK_INT(r.status, 200);
    mc_test_reply_free(&r);
    /* The platform issued this one to her: in the record already. */
    char *own_doc = NULL;
    mc_test_http_text("GET", "/ims/ob/v3p0/credentials?limit=1&offset=0", h, NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(mc_test_header(&r, "X-Total-Count"), "2");
    CHECK(strstr(mc_test_header(&r, "Link"), "offset=1>; rel=\"next\"") != NULL);
    own_doc = json_dumps(json_array_get(json_object_get(r.json, "credential"), 0), 0);
    mc_test_reply_free(&r);
    mc_test_http_text("POST", "/ims/ob/v3p0/credentials", post, own_doc, &r);
    CHECK_INT(r.status, 200);
    mc_test_reply_free(&r);
    free(own_doc);
    mc_test_http_text("GET", "/ims/ob/v3p0/credentials?since=2000-01-01T00:00:00", h, NULL, &r);
    CHECK_STR(mc_test_header(&r, "X-Total-Count"), "2");
    mc_test_reply_free(&r);

    mc_test_case("upsertCredential: tampered");
    char *tampered = mc_xstrdup(other_doc);
    char *p = strstr(tampered, "Lea");
    char *q = p ? p : strstr(tampered, "Google");
    if (CHECK(q != NULL))
        q[0] = q[0] == 'X' ? 'Y' : 'X';
    mc_test_http_text("POST", "/ims/ob/v3p0/credentials", post, tampered, &r);
    check_status_info(&r, 400, "invalid_data");
    mc_test_reply_free(&r);
    free(tampered);

    mc_test_case("putProfile");
    const char *put[] = { auth, "Content-Type: application/json", NULL };
    mc_test_http_text("PUT", "/ims/ob/v3p0/profile", put,
                      "{\"id\": \"x\", \"type\": [\"Profile\"], \"name\": \"Lea L. Learner\"}", &r);
    CHECK_INT(r.status, 200);
    CHECK_STR(jstr(&r, "name"), "Lea L. Learner");
    mc_test_reply_free(&r);
}

static char saved_secret[64];

/* Refresh (client_secret_post), scopes enforced on a read-only grant, and revocation. */
static void test_refresh_scopes_revoke(void)
{
    struct mc_test_reply r;
    snprintf(client_secret, sizeof client_secret, "%s", saved_secret);
    char *code = authorize(OB_SCOPE "credential.readonly");
    struct tokens t;
    exchange(code, &t, false);
    free(code);
    char auth[256];
    bearer(t.access, auth, sizeof auth);

    mc_test_case("scopes: a read-only token cannot upsert or read the profile");
    const char *post[] = { auth, "Content-Type: application/json", NULL };
    mc_test_http_text("POST", "/ims/ob/v3p0/credentials", post, other_doc, &r);
    check_status_info(&r, 403, "forbidden");
    CHECK(strstr(mc_test_header(&r, "WWW-Authenticate"), "insufficient_scope") != NULL);
    mc_test_reply_free(&r);
    const char *h[] = { auth, NULL };
    mc_test_http_text("GET", "/ims/ob/v3p0/profile", h, NULL, &r);
    check_status_info(&r, 403, "forbidden");
    mc_test_reply_free(&r);

    mc_test_case("refresh: rotation with client_secret_post");
    char *form = mc_xasprintf("grant_type=refresh_token&refresh_token=%s&client_id=%s&"
                              "client_secret=%s",
                              t.refresh, client_id, client_secret);
    const char *ct[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
    mc_test_http_text("POST", "/oauth/token", ct, form, &r);
    CHECK_INT(r.status, 200);
    struct tokens t2;
    snprintf(t2.access, sizeof t2.access, "%s", jstr(&r, "access_token"));
    snprintf(t2.refresh, sizeof t2.refresh, "%s", jstr(&r, "refresh_token"));
    CHECK(strcmp(t2.refresh, t.refresh) != 0);
    mc_test_reply_free(&r);
    mc_test_http_text("GET", "/ims/ob/v3p0/credentials", h, NULL, &r);
    check_status_info(&r, 401, "unauthorizedrequest"); /* the old access token */
    mc_test_reply_free(&r);
    char auth2[256];
    bearer(t2.access, auth2, sizeof auth2);
    const char *h2[] = { auth2, NULL };
    mc_test_http_text("GET", "/ims/ob/v3p0/credentials", h2, NULL, &r);
    CHECK_INT(r.status, 200);
    mc_test_reply_free(&r);

    mc_test_case("revoke");
    char *rev = mc_xasprintf("token=%s&client_id=%s&client_secret=%s", t2.refresh, client_id,
                             client_secret);
    mc_test_http_text("POST", "/oauth/revoke", ct, rev, &r);
    CHECK_INT(r.status, 200);
    mc_test_reply_free(&r);
    mc_test_http_text("GET", "/ims/ob/v3p0/credentials", h2, NULL, &r);
    check_status_info(&r, 401, "unauthorizedrequest");
    mc_test_reply_free(&r);
    mc_test_http_text("POST", "/oauth/token", ct, form,
                      &r); /* the first refresh token, rotated and revoked */
    CHECK_INT(r.status, 400);
    CHECK_STR(jstr(&r, "error"), "invalid_grant");
    mc_test_reply_free(&r);
    free(rev);
    free(form);

    code = authorize(OB_SCOPE "profile.readonly");
    exchange(code, &t, true);
    free(code);
    bearer(t.access, auth, sizeof auth);
    mc_test_http_text("GET", "/ims/ob/v3p0/profile", h, NULL, &r);
    check_status_info(&r, 401, "unauthorizedrequest");
    mc_test_reply_free(&r);
}

int main(void)
{
    mc_master_key_generate(&mk);
    char *db = make_db();
    struct mc_test_server ts;
    if (!mc_test_server_start(db, PUBLIC, &mk, &ts))
        return mc_test_done();

    test_discovery_and_register();
    snprintf(saved_secret, sizeof saved_secret, "%s", client_secret);
    test_authorize_errors();
    test_api();
    test_refresh_scopes_revoke();

    mc_test_server_stop(&ts);
    free(other_doc);
    free(db);
    return mc_test_done();
}
