/* SPDX-License-Identifier: Apache-2.0 */
/*
 * OAuth 2.0 protocol logic without HTTP (app/oauth.c): PKCE S256 against RFC 7636 Appendix B,
 * redirect URI and scope rules, registration and client authentication, authorization request
 * checks, code exchange (single use, expiry, redirect URI and verifier binding, another
 * client's code), refresh rotation with reuse detection, and revocation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "app/oauth.h"
#include "base/alloc.h"
#include "test.h"

#define NOW      1800000000
#define REDIRECT "https://wallet.example/callback"
/* RFC 7636 Appendix B. */
#define VERIFIER  "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define CHALLENGE "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

#define SCOPE_READ    MC_SCOPE_OB_PREFIX "credential.readonly"
#define SCOPE_UPSERT  MC_SCOPE_OB_PREFIX "credential.upsert"
#define SCOPE_PROFILE MC_SCOPE_OB_PREFIX "profile.readonly"

static void test_pkce(void)
{
    char out[44];
    mc_oauth_pkce_s256(VERIFIER, strlen(VERIFIER), out);
    CHECK_STR(out, CHALLENGE);
    CHECK(mc_oauth_pkce_check(VERIFIER, strlen(VERIFIER), CHALLENGE));
    CHECK(!mc_oauth_pkce_check("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj", 43, CHALLENGE));
    CHECK(mc_oauth_pkce_challenge_valid(CHALLENGE, strlen(CHALLENGE)));
    CHECK(!mc_oauth_pkce_challenge_valid("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c", 42));
    CHECK(!mc_oauth_pkce_challenge_valid("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c=", 43));

    static const struct {
        const char *v;
        bool ok;
    } verifiers[] = {
        { VERIFIER, true },
        { "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ", true },   /* 43 */
        { "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP", false },   /* 42: too short */
        { "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO.~_-", true }, /* unreserved marks */
        { "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP+", false },  /* '+' */
        { "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP Q", false }, /* space */
    };
    for (size_t i = 0; i < sizeof verifiers / sizeof verifiers[0]; i++) {
        mc_test_case("verifier %zu", i);
        CHECK(mc_oauth_pkce_verifier_valid(verifiers[i].v, strlen(verifiers[i].v)) ==
              verifiers[i].ok);
    }
    char long_v[130];
    memset(long_v, 'a', 129);
    long_v[129] = '\0';
    CHECK(mc_oauth_pkce_verifier_valid(long_v, 128));
    CHECK(!mc_oauth_pkce_verifier_valid(long_v, 129));
}

static void test_redirect_and_scope(void)
{
    static const struct {
        const char *uri;
        bool ok;
    } cases[] = {
        { "https://wallet.example/cb", true },
        { "https://wallet.example:8443/cb?x=1", true },
        { "http://localhost:5000/cb", true },
        { "http://127.0.0.1/cb", true },
        { "http://[::1]:9/cb", true },
        { "http://wallet.example/cb", false },
        { "http://localhost.evil.example/cb", false },
        { "https://wallet.example/cb#frag", false },
        { "https:///cb", false },
        { "https://user@wallet.example/cb", false },
        { "https://wallet.example/c b", false },
        { "com.example.app:/cb", false },
        { "", false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("redirect %s", cases[i].uri);
        struct mc_err e;
        CHECK((mc_oauth_redirect_uri_check(cases[i].uri, &e) == MC_OK) == cases[i].ok);
    }
    mc_test_case("scopes");
    struct mc_err e;
    uint32_t m = 0;
    CHECK_INT(mc_oauth_scope_parse(NULL, MC_OAUTH_SCOPES, &m, &e), MC_OK);
    CHECK_INT(m, MC_OAUTH_SCOPES);
    CHECK_INT(mc_oauth_scope_parse(SCOPE_READ " " SCOPE_PROFILE, MC_OAUTH_SCOPES, &m, &e), MC_OK);
    CHECK_INT(m, MC_SCOPE_OB_CREDENTIAL_READONLY | MC_SCOPE_OB_PROFILE_READONLY);
    CHECK_INT(mc_oauth_scope_parse(SCOPE_UPSERT, MC_SCOPE_OB_CREDENTIAL_READONLY, &m, &e),
              MC_ERR_INVALID);
    CHECK(strstr(e.msg, "credential.upsert") != NULL);
    /* The platform's own scopes are not for OAuth clients. */
    CHECK_INT(mc_oauth_scope_parse("credentials:issue", MC_OAUTH_SCOPES, &m, &e), MC_ERR_INVALID);
    CHECK_INT(mc_oauth_scope_parse("no-such-scope", MC_OAUTH_SCOPES, &m, &e), MC_ERR_INVALID);
}

/* A registered client for the tests below. */
struct client {
    struct mc_oauth_registered reg;
    struct mc_oauth_client row; /* as the token endpoint authenticated it */
};

static void reg_client(struct mc_store *s, struct mc_arena *a, const char *method,
                       const char *scope, struct client *out)
{
    const char *uris[] = { REDIRECT, "http://127.0.0.1:8765/cb" };
    struct mc_oauth_registration reg = {
        .client_name = "Test Wallet",
        .redirect_uris = uris,
        .n_redirect_uris = 2,
        .scope = scope,
        .auth_method = method,
        .client_uri = "https://wallet.example",
    };
    enum mc_oauth_error oe;
    struct mc_err e;
    mc_err_clear(&e);
    if (!CHECK_INT(mc_oauth_register(s, &reg, NOW, a, &out->reg, &oe, &e), MC_OK))
        fprintf(stderr, "%s\n", e.msg);
    const char *secret = out->reg.client_secret[0] ? out->reg.client_secret : NULL;
    CHECK_INT(mc_oauth_client_auth(s, out->reg.client_id, secret, a, &out->row, &e), MC_OK);
}

static void test_register(struct mc_store *s, struct mc_arena *a)
{
    struct client c;
    reg_client(s, a, NULL, NULL, &c);
    CHECK(strncmp(c.reg.client_id, "mcc_", 4) == 0);
    CHECK(strncmp(c.reg.client_secret, "mcs_", 4) == 0);
    CHECK(strstr(c.reg.row.metadata, "\"token_endpoint_auth_method\":\"client_secret_basic\"") !=
          NULL);
    CHECK(strstr(c.reg.row.metadata, SCOPE_UPSERT) != NULL);
    struct mc_err e;
    struct mc_oauth_client got;
    CHECK_INT(mc_oauth_client_auth(s, c.reg.client_id, "mcs_wrong", a, &got, &e), MC_ERR_AUTH);
    CHECK_INT(mc_oauth_client_auth(s, c.reg.client_id, NULL, a, &got, &e), MC_ERR_AUTH);
    CHECK_INT(mc_oauth_client_auth(s, "mcc_unknown", c.reg.client_secret, a, &got, &e),
              MC_ERR_AUTH);

    struct client pub;
    reg_client(s, a, "none", SCOPE_READ, &pub);
    CHECK_STR(pub.reg.client_secret, "");
    CHECK_INT(mc_oauth_client_auth(s, pub.reg.client_id, "mcs_anything", a, &got, &e), MC_ERR_AUTH);

    static const struct {
        const char *name, *uri, *scope, *method;
        enum mc_oauth_error want;
    } bad[] = {
        { "", REDIRECT, NULL, NULL, MC_OAUTH_INVALID_CLIENT_METADATA },
        { "W", "http://wallet.example/cb", NULL, NULL, MC_OAUTH_INVALID_REDIRECT_URI },
        { "W", REDIRECT, "credentials:issue", NULL, MC_OAUTH_INVALID_CLIENT_METADATA },
        { "W", REDIRECT, NULL, "private_key_jwt", MC_OAUTH_INVALID_CLIENT_METADATA },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("bad registration %zu", i);
        const char *uris[] = { bad[i].uri };
        struct mc_oauth_registration reg = { .client_name = bad[i].name,
                                             .redirect_uris = uris,
                                             .n_redirect_uris = 1,
                                             .scope = bad[i].scope,
                                             .auth_method = bad[i].method };
        struct mc_oauth_registered out;
        enum mc_oauth_error oe = MC_OAUTH_OK;
        CHECK_INT(mc_oauth_register(s, &reg, NOW, a, &out, &oe, &e), MC_ERR_INVALID);
        CHECK_STR(mc_oauth_error_name(oe), mc_oauth_error_name(bad[i].want));
    }
}

static void test_authorize_check(struct mc_store *s, struct mc_arena *a, const struct client *c)
{
    static const struct {
        const char *name, *response_type, *client_id, *redirect, *scope, *challenge, *method;
        bool ok, can_redirect;
        enum mc_oauth_error want;
    } cases[] = {
        { "good", "code", NULL, REDIRECT, SCOPE_READ, CHALLENGE, "S256", true, true, 0 },
        { "unknown client", "code", "mcc_nobody", REDIRECT, NULL, CHALLENGE, "S256", false, false,
          MC_OAUTH_INVALID_CLIENT },
        { "unregistered redirect", "code", NULL, "https://evil.example/cb", NULL, CHALLENGE, "S256",
          false, false, MC_OAUTH_INVALID_REQUEST },
        { "prefix of a registered redirect", "code", NULL, REDIRECT "/x", NULL, CHALLENGE, "S256",
          false, false, MC_OAUTH_INVALID_REQUEST },
        { "no redirect, two registered", "code", NULL, NULL, NULL, CHALLENGE, "S256", false, false,
          MC_OAUTH_INVALID_REQUEST },
        { "implicit grant", "token", NULL, REDIRECT, NULL, CHALLENGE, "S256", false, true,
          MC_OAUTH_UNSUPPORTED_RESPONSE_TYPE },
        { "no PKCE", "code", NULL, REDIRECT, NULL, NULL, NULL, false, true,
          MC_OAUTH_INVALID_REQUEST },
        { "plain PKCE", "code", NULL, REDIRECT, NULL, CHALLENGE, "plain", false, true,
          MC_OAUTH_INVALID_REQUEST },
        { "bad challenge", "code", NULL, REDIRECT, NULL, "short", "S256", false, true,
          MC_OAUTH_INVALID_REQUEST },
        { "other scope", "code", NULL, REDIRECT, "credentials:read", CHALLENGE, "S256", false, true,
          MC_OAUTH_INVALID_SCOPE },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("authorize: %s", cases[i].name);
        struct mc_oauth_authz_request r = {
            .response_type = cases[i].response_type,
            .client_id = cases[i].client_id ? cases[i].client_id : c->reg.client_id,
            .redirect_uri = cases[i].redirect,
            .scope = cases[i].scope,
            .state = "xyz",
            .code_challenge = cases[i].challenge,
            .code_challenge_method = cases[i].method,
        };
        struct mc_oauth_authz out;
        bool can = false;
        enum mc_oauth_error oe = MC_OAUTH_OK;
        struct mc_err e;
        CHECK_INT(mc_oauth_authorize_check(s, &r, a, &out, &can, &oe, &e),
                  cases[i].ok ? MC_OK : MC_ERR_INVALID);
        if (!cases[i].ok) {
            CHECK(can == cases[i].can_redirect);
            CHECK_STR(mc_oauth_error_name(oe), mc_oauth_error_name(cases[i].want));
        } else {
            CHECK_STR(out.redirect_uri, REDIRECT);
            CHECK_INT(out.scopes, MC_SCOPE_OB_CREDENTIAL_READONLY);
        }
    }
}

/* A code for `user` approved for `scope` through the client's first redirect URI. */
static void new_code(struct mc_store *s, struct mc_arena *a, const struct client *c, int64_t user,
                     const char *scope, int64_t now, char code[MC_OAUTH_SECRET_SIZE])
{
    struct mc_oauth_authz_request r = { .response_type = "code",
                                        .client_id = c->reg.client_id,
                                        .redirect_uri = REDIRECT,
                                        .scope = scope,
                                        .code_challenge = CHALLENGE,
                                        .code_challenge_method = "S256" };
    struct mc_oauth_authz az;
    bool can;
    enum mc_oauth_error oe;
    struct mc_err e;
    CHECK_INT(mc_oauth_authorize_check(s, &r, a, &az, &can, &oe, &e), MC_OK);
    CHECK_INT(mc_oauth_code_issue(s, &az, CHALLENGE, user, now, code, &e), MC_OK);
    CHECK(strncmp(code, "mco_", 4) == 0);
}

/* What an access token resolves to now: MC_OK with its scopes, or the refusal. */
static enum mc_rc resolve(struct mc_store *s, struct mc_arena *a, const char *token, int64_t now,
                          uint32_t *scopes)
{
    struct mc_principal p;
    struct mc_err e;
    enum mc_rc rc = mc_auth_token(s, token, strlen(token), now, a, &p, &e);
    if (scopes)
        *scopes = rc ? 0 : p.scopes;
    return rc;
}

static void test_code_exchange(struct mc_store *s, struct mc_arena *a, const struct client *c,
                               const struct client *other, int64_t user)
{
    struct mc_err e;
    enum mc_oauth_error oe;
    struct mc_oauth_tokens t;
    char code[MC_OAUTH_SECRET_SIZE];

    mc_test_case("exchange: success");
    new_code(s, a, c, user, SCOPE_READ " " SCOPE_PROFILE, NOW, code);
    /* Wrong verifier, another client, another redirect URI: refused, the code stays usable. */
    CHECK_INT(mc_oauth_exchange_code(s, &c->row, code, REDIRECT,
                                     "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXj", NOW + 1, a, &t,
                                     &oe, &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_GRANT);
    CHECK_INT(mc_oauth_exchange_code(s, &other->row, code, REDIRECT, VERIFIER, NOW + 1, a, &t, &oe,
                                     &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_GRANT);
    CHECK_INT(mc_oauth_exchange_code(s, &c->row, code, "http://127.0.0.1:8765/cb", VERIFIER,
                                     NOW + 1, a, &t, &oe, &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_GRANT);
    CHECK_INT(mc_oauth_exchange_code(s, &c->row, code, NULL, VERIFIER, NOW + 1, a, &t, &oe, &e),
              MC_ERR_INVALID);
    CHECK_INT(mc_oauth_exchange_code(s, &c->row, code, REDIRECT, NULL, NOW + 1, a, &t, &oe, &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_REQUEST);
    if (!CHECK_INT(mc_oauth_exchange_code(s, &c->row, code, REDIRECT, VERIFIER, NOW + 2, a, &t, &oe,
                                          &e),
                   MC_OK))
        fprintf(stderr, "%s\n", e.msg);
    CHECK(strncmp(t.access_token, MC_AUTH_TOKEN_PREFIX, 4) == 0);
    CHECK(strncmp(t.refresh_token, "mcr_", 4) == 0);
    CHECK_INT(t.expires_in, MC_OAUTH_ACCESS_TTL);
    CHECK_STR(t.scope, SCOPE_READ " " SCOPE_PROFILE);
    uint32_t scopes = 0;
    CHECK_INT(resolve(s, a, t.access_token, NOW + 3, &scopes), MC_OK);
    CHECK_INT(scopes, MC_SCOPE_OB_CREDENTIAL_READONLY | MC_SCOPE_OB_PROFILE_READONLY);
    CHECK_INT(resolve(s, a, t.access_token, NOW + 2 + MC_OAUTH_ACCESS_TTL, NULL), MC_ERR_AUTH);

    mc_test_case("exchange: a code is single use, and a replay revokes its grant");
    struct mc_oauth_tokens again;
    CHECK_INT(mc_oauth_exchange_code(s, &c->row, code, REDIRECT, VERIFIER, NOW + 4, a, &again, &oe,
                                     &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_GRANT);
    CHECK_INT(resolve(s, a, t.access_token, NOW + 5, NULL), MC_ERR_AUTH);
    CHECK_INT(mc_oauth_refresh(s, &c->row, t.refresh_token, NULL, NOW + 5, a, &again, &oe, &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_GRANT);

    mc_test_case("exchange: expiry");
    new_code(s, a, c, user, NULL, NOW, code);
    CHECK_INT(mc_oauth_exchange_code(s, &c->row, code, REDIRECT, VERIFIER, NOW + MC_OAUTH_CODE_TTL,
                                     a, &t, &oe, &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_GRANT);
    CHECK(strstr(e.msg, "expired") != NULL);

    mc_test_case("exchange: unknown codes");
    CHECK_INT(mc_oauth_exchange_code(s, &c->row, "mco_nothing", REDIRECT, VERIFIER, NOW, a, &t, &oe,
                                     &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_GRANT);
    CHECK_INT(mc_oauth_exchange_code(s, &c->row, "", REDIRECT, VERIFIER, NOW, a, &t, &oe, &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_REQUEST);
}

static void test_refresh(struct mc_store *s, struct mc_arena *a, const struct client *c,
                         const struct client *other, int64_t user)
{
    struct mc_err e;
    enum mc_oauth_error oe;
    struct mc_oauth_tokens t1, t2, t3;
    char code[MC_OAUTH_SECRET_SIZE];
    new_code(s, a, c, user, SCOPE_READ " " SCOPE_UPSERT, NOW, code);
    CHECK_INT(mc_oauth_exchange_code(s, &c->row, code, REDIRECT, VERIFIER, NOW, a, &t1, &oe, &e),
              MC_OK);

    mc_test_case("refresh: rotation");
    CHECK_INT(mc_oauth_refresh(s, &other->row, t1.refresh_token, NULL, NOW + 10, a, &t2, &oe, &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_GRANT);
    CHECK_INT(mc_oauth_refresh(s, &c->row, t1.refresh_token, SCOPE_PROFILE, NOW + 10, a, &t2, &oe,
                               &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_SCOPE);
    CHECK_INT(mc_oauth_refresh(s, &c->row, t1.refresh_token, SCOPE_READ, NOW + 10, a, &t2, &oe, &e),
              MC_OK);
    CHECK(strcmp(t1.refresh_token, t2.refresh_token) != 0);
    CHECK_STR(t2.scope, SCOPE_READ);
    uint32_t scopes = 0;
    CHECK_INT(resolve(s, a, t1.access_token, NOW + 11, NULL), MC_ERR_AUTH); /* replaced */
    CHECK_INT(resolve(s, a, t2.access_token, NOW + 11, &scopes), MC_OK);
    CHECK_INT(scopes, MC_SCOPE_OB_CREDENTIAL_READONLY);
    CHECK_INT(mc_oauth_refresh(s, &c->row, t2.refresh_token, NULL, NOW + 20, a, &t3, &oe, &e),
              MC_OK);
    CHECK_INT(resolve(s, a, t3.access_token, NOW + 21, NULL), MC_OK);

    mc_test_case("refresh: reuse of a rotated token revokes the grant");
    struct mc_oauth_tokens t4;
    CHECK_INT(mc_oauth_refresh(s, &c->row, t1.refresh_token, NULL, NOW + 30, a, &t4, &oe, &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_GRANT);
    CHECK_INT(resolve(s, a, t3.access_token, NOW + 31, NULL), MC_ERR_AUTH);
    CHECK_INT(mc_oauth_refresh(s, &c->row, t3.refresh_token, NULL, NOW + 31, a, &t4, &oe, &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_GRANT);

    mc_test_case("refresh: expiry");
    new_code(s, a, c, user, NULL, NOW, code);
    CHECK_INT(mc_oauth_exchange_code(s, &c->row, code, REDIRECT, VERIFIER, NOW, a, &t1, &oe, &e),
              MC_OK);
    CHECK_INT(mc_oauth_refresh(s, &c->row, t1.refresh_token, NULL, NOW + MC_OAUTH_REFRESH_TTL, a,
                               &t2, &oe, &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_GRANT);
}

static void test_revoke(struct mc_store *s, struct mc_arena *a, const struct client *c,
                        const struct client *other, int64_t user)
{
    struct mc_err e;
    enum mc_oauth_error oe;
    struct mc_oauth_tokens t, u;
    char code[MC_OAUTH_SECRET_SIZE];

    mc_test_case("revoke: an access token, only by its client");
    new_code(s, a, c, user, NULL, NOW, code);
    CHECK_INT(mc_oauth_exchange_code(s, &c->row, code, REDIRECT, VERIFIER, NOW, a, &t, &oe, &e),
              MC_OK);
    CHECK_INT(mc_oauth_revoke(s, &other->row, t.access_token, NOW + 1, &e), MC_OK);
    CHECK_INT(resolve(s, a, t.access_token, NOW + 2, NULL), MC_OK);
    CHECK_INT(mc_oauth_revoke(s, &c->row, t.access_token, NOW + 3, &e), MC_OK);
    CHECK_INT(resolve(s, a, t.access_token, NOW + 4, NULL), MC_ERR_AUTH);
    /* The refresh token still works. */
    CHECK_INT(mc_oauth_refresh(s, &c->row, t.refresh_token, NULL, NOW + 5, a, &u, &oe, &e), MC_OK);

    mc_test_case("revoke: a refresh token takes the grant with it");
    CHECK_INT(mc_oauth_revoke(s, &c->row, u.refresh_token, NOW + 6, &e), MC_OK);
    CHECK_INT(resolve(s, a, u.access_token, NOW + 7, NULL), MC_ERR_AUTH);
    CHECK_INT(mc_oauth_refresh(s, &c->row, u.refresh_token, NULL, NOW + 7, a, &t, &oe, &e),
              MC_ERR_INVALID);
    CHECK_INT(oe, MC_OAUTH_INVALID_GRANT);
    /* Unknown and repeated revocations are fine (RFC 7009 §2.2). */
    CHECK_INT(mc_oauth_revoke(s, &c->row, u.refresh_token, NOW + 8, &e), MC_OK);
    CHECK_INT(mc_oauth_revoke(s, &c->row, "mcr_unknown", NOW + 8, &e), MC_OK);
    CHECK_INT(mc_oauth_revoke(s, &c->row, "garbage", NOW + 8, &e), MC_OK);
}

int main(void)
{
    test_pkce();
    test_redirect_and_scope();

    char *path = mc_xasprintf("%s/oauth.db", mc_test_tmpdir());
    struct mc_store *s = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    if (!CHECK_INT(mc_store_open(path, MC_STORE_CREATE, &s, &e), MC_OK)) {
        fprintf(stderr, "%s\n", e.msg);
        free(path);
        return mc_test_done();
    }
    struct mc_user u = { .email = "learner@example.org", .name = "Lea Learner" };
    CHECK_INT(mc_store_user_put(s, &u, &e), MC_OK);
    struct mc_arena *a = mc_arena_new(0);

    test_register(s, a);
    struct client c, other;
    reg_client(s, a, "client_secret_post", NULL, &c);
    reg_client(s, a, NULL, NULL, &other);
    test_authorize_check(s, a, &c);
    test_code_exchange(s, a, &c, &other, u.id);
    test_refresh(s, a, &c, &other, u.id);
    test_revoke(s, a, &c, &other, u.id);

    mc_arena_free(a);
    mc_store_close(s);
    free(path);
    return mc_test_done();
}
