/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Accounts and authorization over a real database: the store's sessions and API tokens,
 * signing in (wrong passwords, unknown emails, rate limits, rehashing), sessions that slide and
 * expire, API tokens with scopes, the authorization matrix (every role, same and other
 * organisation, scopes, token limits) and the CSRF check.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "base/alloc.h"
#include "crypto/digest.h"
#include "test.h"

#define PW "correct horse battery staple"

struct fixture {
    struct mc_store *s;
    struct mc_arena *arena;
    struct mc_org a, b;
    struct mc_user ada; /* issuer-admin of a, with a password */
    struct mc_user bob; /* no password */
};

static void setup(struct fixture *f, const char *name)
{
    memset(f, 0, sizeof *f);
    struct mc_err e;
    char *path = mc_xasprintf("%s/%s", mc_test_tmpdir(), name);
    if (mc_store_open(path, MC_STORE_CREATE, &f->s, &e)) {
        fprintf(stderr, "cannot open %s: %s\n", path, e.msg);
        exit(1);
    }
    free(path);
    f->arena = mc_arena_new(0);
    f->a = (struct mc_org){ .slug = "alpha-college",
                            .name = "Alpha College",
                            .kind = MC_ORG_UNIVERSITY };
    f->b = (struct mc_org){ .slug = "beta-corp", .name = "Beta Corp", .kind = MC_ORG_COMPANY };
    CHECK_INT(mc_store_org_put(f->s, &f->a, &e), MC_OK);
    CHECK_INT(mc_store_org_put(f->s, &f->b, &e), MC_OK);
    char hash[MC_PASSWORD_HASH_SIZE];
    CHECK_INT(mc_auth_new_password_hash(NULL, PW, strlen(PW), hash, &e), MC_OK);
    f->ada = (struct mc_user){ .email = "ada@example.org", .name = "Ada", .password_hash = hash };
    CHECK_INT(mc_store_user_put(f->s, &f->ada, &e), MC_OK);
    f->ada.password_hash = NULL;
    f->bob = (struct mc_user){ .email = "bob@example.org", .name = "Bob" };
    CHECK_INT(mc_store_user_put(f->s, &f->bob, &e), MC_OK);
    CHECK_INT(mc_store_membership_add(f->s, f->ada.id, f->a.id, MC_ROLE_ISSUER_ADMIN, &e), MC_OK);
}

static void teardown(struct fixture *f)
{
    mc_store_close(f->s);
    mc_arena_free(f->arena);
}

static void hash_of(const char *text, uint8_t out[MC_TOKEN_HASH_LEN])
{
    mc_digest(MC_DIGEST_SHA256, text, strlen(text), out);
}

/* The newest audit entry with `action`, or NULL. */
static const struct mc_audit_entry *last_audit(struct fixture *f, const char *action)
{
    struct mc_audit_entry *list = NULL;
    size_t n = 0;
    if (mc_store_audit_list(f->s, NULL, NULL, 1000, f->arena, &list, &n, NULL))
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].action, action) == 0)
            return &list[i];
    return NULL;
}

static size_t count_audit(struct fixture *f, const char *action)
{
    struct mc_audit_entry *list = NULL;
    size_t n = 0, c = 0;
    if (mc_store_audit_list(f->s, NULL, NULL, 1000, f->arena, &list, &n, NULL))
        return 0;
    for (size_t i = 0; i < n; i++)
        c += strcmp(list[i].action, action) == 0;
    return c;
}

/* --- the store --- */

static void test_store_sessions(void)
{
    struct fixture f;
    setup(&f, "sessions.db");
    struct mc_err e;
    int64_t t = 1700000000;

    mc_test_case("session round trip");
    struct mc_session s1 = { .user_id = f.ada.id,
                             .csrf_token = "csrf-1",
                             .created_at = t,
                             .expires_at = t + 3600,
                             .user_agent = "Firefox",
                             .ip = "192.0.2.7" };
    hash_of("token-1", s1.token_hash);
    CHECK_INT(mc_store_session_put(f.s, &s1, &e), MC_OK);
    CHECK(s1.id > 0);
    CHECK_INT(s1.last_seen_at, t);
    struct mc_session g;
    CHECK_INT(mc_store_session_get(f.s, s1.token_hash, t + 10, f.arena, &g, &e), MC_OK);
    CHECK_INT(g.id, s1.id);
    CHECK_INT(g.user_id, f.ada.id);
    CHECK_STR(g.csrf_token, "csrf-1");
    CHECK_STR(g.user_agent, "Firefox");
    CHECK_STR(g.ip, "192.0.2.7");
    CHECK_INT(g.expires_at, t + 3600);
    CHECK_MEM(g.token_hash, MC_TOKEN_HASH_LEN, s1.token_hash, MC_TOKEN_HASH_LEN);

    mc_test_case("an unknown hash, and an expired session");
    uint8_t other[MC_TOKEN_HASH_LEN];
    hash_of("token-x", other);
    CHECK_INT(mc_store_session_get(f.s, other, t, f.arena, &g, &e), MC_ERR_AUTH);
    CHECK(strstr(e.msg, "no such session") != NULL);
    CHECK_INT(mc_store_session_get(f.s, s1.token_hash, t + 3600, f.arena, &g, &e), MC_ERR_AUTH);
    CHECK(strstr(e.msg, "session expired") != NULL);

    mc_test_case("touch slides the expiry, up to the absolute cap");
    int64_t exp = 0;
    CHECK_INT(mc_store_session_touch(f.s, s1.id, t + 600, 3600, 5000, &exp, &e), MC_OK);
    CHECK_INT(exp, t + 4200);
    CHECK_INT(mc_store_session_touch(f.s, s1.id, t + 4000, 3600, 5000, &exp, &e), MC_OK);
    CHECK_INT(exp, t + 5000);
    CHECK_INT(mc_store_session_get(f.s, s1.token_hash, t + 4999, f.arena, &g, &e), MC_OK);
    CHECK_INT(g.last_seen_at, t + 4000);
    CHECK_INT(mc_store_session_touch(f.s, s1.id, t + 5000, 3600, 5000, &exp, &e), MC_ERR_AUTH);
    CHECK_INT(mc_store_session_touch(f.s, s1.id, t, 3600, 60, &exp, &e), MC_ERR_INVALID);

    mc_test_case("invalid sessions");
    struct mc_session bad = { .user_id = f.ada.id, .created_at = t, .expires_at = t + 1 };
    CHECK_INT(mc_store_session_put(f.s, &bad, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "session.csrf_token is required") != NULL);
    bad.csrf_token = "c";
    bad.expires_at = t;
    CHECK_INT(mc_store_session_put(f.s, &bad, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "expires_at") != NULL);
    bad.expires_at = t + 10;
    bad.user_id = 4242;
    CHECK_INT(mc_store_session_put(f.s, &bad, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "no user with id 4242") != NULL);
    bad.user_id = f.ada.id;
    memcpy(bad.token_hash, s1.token_hash, MC_TOKEN_HASH_LEN);
    CHECK_INT(mc_store_session_put(f.s, &bad, &e), MC_ERR_CONFLICT);

    mc_test_case("delete one, all of a user's, and the expired");
    struct mc_session s2 = {
        .user_id = f.ada.id, .csrf_token = "c2", .created_at = t, .expires_at = t + 100
    };
    struct mc_session s3 = {
        .user_id = f.ada.id, .csrf_token = "c3", .created_at = t, .expires_at = t + 100000
    };
    struct mc_session s4 = {
        .user_id = f.bob.id, .csrf_token = "c4", .created_at = t, .expires_at = t + 100000
    };
    hash_of("token-2", s2.token_hash);
    hash_of("token-3", s3.token_hash);
    hash_of("token-4", s4.token_hash);
    CHECK_INT(mc_store_session_put(f.s, &s2, &e), MC_OK);
    CHECK_INT(mc_store_session_put(f.s, &s3, &e), MC_OK);
    CHECK_INT(mc_store_session_put(f.s, &s4, &e), MC_OK);
    int64_t n = -1;
    CHECK_INT(mc_store_session_purge(f.s, t + 100, &n, &e), MC_OK);
    CHECK_INT(n, 1); /* s2 */
    CHECK_INT(mc_store_session_delete(f.s, s1.id, &e), MC_OK);
    CHECK_INT(mc_store_session_delete(f.s, s1.id, &e), MC_OK);
    CHECK_INT(mc_store_session_get(f.s, s1.token_hash, t, f.arena, &g, &e), MC_ERR_AUTH);
    CHECK_INT(mc_store_session_delete_user(f.s, f.ada.id, &n, &e), MC_OK);
    CHECK_INT(n, 1); /* s3 */
    CHECK_INT(mc_store_session_get(f.s, s4.token_hash, t, f.arena, &g, &e), MC_OK);
    teardown(&f);
}

static void test_store_tokens(void)
{
    struct fixture f;
    setup(&f, "tokens.db");
    struct mc_err e;
    int64_t t = 1700000000;

    mc_test_case("token round trip");
    struct mc_api_token t1 = { .prefix = "mct_aaaa1111",
                               .user_id = f.ada.id,
                               .org_id = f.a.id,
                               .name = "CI",
                               .scopes = "credentials:issue credentials:read",
                               .created_at = t,
                               .expires_at = t + 1000 };
    hash_of("mct_aaaa1111-secret", t1.token_hash);
    CHECK_INT(mc_store_api_token_put(f.s, &t1, &e), MC_OK);
    CHECK(t1.id > 0);
    struct mc_api_token g;
    CHECK_INT(mc_store_api_token_get(f.s, t1.token_hash, t + 1, f.arena, &g, &e), MC_OK);
    CHECK_INT(g.id, t1.id);
    CHECK_STR(g.prefix, "mct_aaaa1111");
    CHECK_STR(g.name, "CI");
    CHECK_STR(g.scopes, "credentials:issue credentials:read");
    CHECK_INT(g.org_id, f.a.id);
    CHECK_STR(g.org_slug, "alpha-college");
    CHECK_INT(g.expires_at, t + 1000);
    CHECK_INT(g.last_used_at, 0);
    CHECK_INT(g.revoked_at, 0);

    mc_test_case("a prefix in use; bad scopes; missing fields");
    struct mc_api_token dup = t1;
    hash_of("other", dup.token_hash);
    CHECK_INT(mc_store_api_token_put(f.s, &dup, &e), MC_ERR_CONFLICT);
    CHECK(strstr(e.msg, "mct_aaaa1111") != NULL);
    dup.prefix = "mct_bbbb2222";
    dup.scopes = "credentials:issue  two-spaces";
    CHECK_INT(mc_store_api_token_put(f.s, &dup, &e), MC_ERR_INVALID);
    dup.scopes = "Upper";
    CHECK_INT(mc_store_api_token_put(f.s, &dup, &e), MC_ERR_INVALID);
    dup.scopes = "profile:read";
    dup.name = "";
    CHECK_INT(mc_store_api_token_put(f.s, &dup, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "api_token.name is required") != NULL);
    dup.name = "x";
    dup.org_id = 999;
    CHECK_INT(mc_store_api_token_put(f.s, &dup, &e), MC_ERR_INVALID);
    dup.org_id = 0;
    dup.expires_at = t - 1;
    CHECK_INT(mc_store_api_token_put(f.s, &dup, &e), MC_ERR_INVALID);

    mc_test_case("a second token, not limited, never expiring; list newest first");
    struct mc_api_token t2 = { .prefix = "mct_cccc3333",
                               .user_id = f.ada.id,
                               .name = "laptop",
                               .scopes = "profile:read",
                               .created_at = t + 5 };
    hash_of("mct_cccc3333-secret", t2.token_hash);
    CHECK_INT(mc_store_api_token_put(f.s, &t2, &e), MC_OK);
    struct mc_api_token *list = NULL;
    size_t n = 0;
    CHECK_INT(mc_store_api_token_list(f.s, f.ada.id, f.arena, &list, &n, &e), MC_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(list[0].prefix, "mct_cccc3333");
        CHECK(list[0].org_slug == NULL && list[0].org_id == 0);
        CHECK_STR(list[1].prefix, "mct_aaaa1111");
    }
    CHECK_INT(mc_store_api_token_list(f.s, f.bob.id, f.arena, &list, &n, &e), MC_OK);
    CHECK_INT(n, 0);

    mc_test_case("expired, unknown");
    CHECK_INT(mc_store_api_token_get(f.s, t1.token_hash, t + 1000, f.arena, &g, &e), MC_ERR_AUTH);
    CHECK_STR(e.msg, "token expired");
    CHECK_INT(mc_store_api_token_get(f.s, t2.token_hash, t + 100000000, f.arena, &g, &e), MC_OK);
    uint8_t h[MC_TOKEN_HASH_LEN];
    hash_of("nope", h);
    CHECK_INT(mc_store_api_token_get(f.s, h, t, f.arena, &g, &e), MC_ERR_AUTH);
    CHECK_STR(e.msg, "unknown token");

    mc_test_case("touch, revoke, by prefix");
    CHECK_INT(mc_store_api_token_touch(f.s, t2.id, t + 50, &e), MC_OK);
    CHECK_INT(mc_store_api_token_revoke(f.s, t2.id, t + 60, &e), MC_OK);
    CHECK_INT(mc_store_api_token_revoke(f.s, t2.id, t + 70, &e), MC_ERR_CONFLICT);
    CHECK_INT(mc_store_api_token_revoke(f.s, 9999, t + 70, &e), MC_ERR_NOT_FOUND);
    CHECK_INT(mc_store_api_token_get(f.s, t2.token_hash, t + 80, f.arena, &g, &e), MC_ERR_AUTH);
    CHECK_STR(e.msg, "token revoked");
    CHECK_INT(mc_store_api_token_get_by_prefix(f.s, "mct_cccc3333", f.arena, &g, &e), MC_OK);
    CHECK_INT(g.last_used_at, t + 50);
    CHECK_INT(g.revoked_at, t + 60);
    CHECK_INT(mc_store_api_token_get_by_prefix(f.s, "mct_zzzz", f.arena, &g, &e), MC_ERR_NOT_FOUND);
    CHECK(strstr(e.msg, "mct_zzzz") != NULL);

    mc_test_case("password hash and platform administrator flag");
    struct mc_user u;
    CHECK_INT(mc_store_user_set_password_hash(f.s, f.bob.id, "$argon2id$x", &e), MC_OK);
    CHECK_INT(mc_store_user_set_platform_admin(f.s, f.bob.id, true, &e), MC_OK);
    CHECK_INT(mc_store_user_get(f.s, f.bob.id, f.arena, &u, &e), MC_OK);
    CHECK_STR(u.password_hash, "$argon2id$x");
    CHECK(u.is_platform_admin);
    CHECK_INT(mc_store_user_set_password_hash(f.s, f.bob.id, NULL, &e), MC_OK);
    CHECK_INT(mc_store_user_set_platform_admin(f.s, f.bob.id, false, &e), MC_OK);
    CHECK_INT(mc_store_user_get(f.s, f.bob.id, f.arena, &u, &e), MC_OK);
    CHECK(u.password_hash == NULL && !u.is_platform_admin);
    CHECK_INT(mc_store_user_set_password_hash(f.s, 777, "h", &e), MC_ERR_NOT_FOUND);
    CHECK_INT(mc_store_user_set_platform_admin(f.s, 777, true, &e), MC_ERR_NOT_FOUND);
    CHECK_INT(mc_store_user_set_password_hash(f.s, f.bob.id, "", &e), MC_ERR_INVALID);
    teardown(&f);
}

/* --- scopes --- */

static void test_scopes(void)
{
    struct mc_err e;
    struct mc_arena *arena = mc_arena_new(0);
    uint32_t m = 0;
    mc_test_case("scope names round trip");
    for (unsigned i = 0; i < MC_SCOPE_COUNT; i++) {
        const char *name = mc_scope_name(1u << i);
        CHECK(name != NULL);
        CHECK_INT(mc_scope_parse(name, &m, &e), MC_OK);
        CHECK_INT(m, 1u << i);
    }
    CHECK(mc_scope_name(0) == NULL);
    CHECK(mc_scope_name(3) == NULL);
    CHECK(mc_scope_name(1u << MC_SCOPE_COUNT) == NULL);

    mc_test_case("parse a list in any order and spacing; format it in one order");
    CHECK_INT(mc_scope_parse("  credentials:revoke\tcredentials:issue\n"
                             "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert ",
                             &m, &e),
              MC_OK);
    CHECK_INT(m, MC_SCOPE_CREDENTIALS_ISSUE | MC_SCOPE_CREDENTIALS_REVOKE |
                         MC_SCOPE_OB_CREDENTIAL_UPSERT);
    CHECK_STR(mc_scope_format(m, arena),
              "credentials:issue credentials:revoke "
              "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert");
    CHECK_STR(mc_scope_format(0, arena), "");
    CHECK_INT(mc_scope_parse("profile:read profile:read", &m, &e), MC_OK);
    CHECK_INT(m, MC_SCOPE_PROFILE_READ);
    CHECK_STR(mc_scope_name(MC_SCOPE_OB_PROFILE_READONLY),
              "https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly");
    CHECK_STR(mc_scope_name(MC_SCOPE_OB_PROFILE_UPDATE),
              "https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.update");
    CHECK_STR(mc_scope_name(MC_SCOPE_OB_CREDENTIAL_READONLY),
              "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly");

    mc_test_case("unknown and missing scopes");
    CHECK_INT(mc_scope_parse("credentials:issue everything", &m, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "unknown scope 'everything'") != NULL);
    CHECK(strstr(e.msg, "catalog:write") != NULL);
    CHECK_INT(mc_scope_parse("  ", &m, &e), MC_ERR_INVALID);
    CHECK_INT(mc_scope_parse(NULL, &m, &e), MC_ERR_INVALID);
    mc_arena_free(arena);
}

/* --- signing in --- */

static void test_login(void)
{
    struct fixture f;
    setup(&f, "login.db");
    struct mc_err e;
    struct mc_auth_login_out out;
    struct mc_ratelimit *limits = NULL;
    struct mc_hash_pool *pool = NULL;
    CHECK_INT(mc_ratelimit_new(NULL, &limits, &e), MC_OK);
    CHECK_INT(mc_hash_pool_new(2, 8, &pool, &e), MC_OK);
    int64_t t = 1700000000;

    mc_test_case("sign in, then resolve the session");
    CHECK_INT(mc_auth_login(f.s, pool, limits, "ADA@example.org", PW, strlen(PW), "192.0.2.1",
                            "Firefox", t, &out, &e),
              MC_OK);
    CHECK_INT(strlen(out.token), 43);
    CHECK_INT(strlen(out.csrf), 43);
    CHECK(strcmp(out.token, out.csrf) != 0);
    CHECK_INT(out.user_id, f.ada.id);
    CHECK_INT(out.expires_at, t + MC_AUTH_SESSION_IDLE);
    struct mc_principal p;
    CHECK_INT(mc_auth_session(f.s, out.token, strlen(out.token), t + 1, f.arena, &p, &e), MC_OK);
    CHECK_INT(p.kind, MC_PRINCIPAL_SESSION);
    CHECK_INT(p.user_id, f.ada.id);
    CHECK_STR(p.email, "ada@example.org");
    CHECK_INT(p.scopes, MC_SCOPE_ALL);
    CHECK_INT(p.n_memberships, 1);
    CHECK_STR(p.csrf, out.csrf);
    CHECK(mc_auth_csrf_check(&p, out.csrf, strlen(out.csrf)));
    CHECK_INT(mc_authz_require(&p, f.a.id, MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN),
                               MC_SCOPE_CREDENTIALS_ISSUE, &e),
              MC_OK);
    CHECK_INT(mc_authz_require(&p, f.b.id, MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN),
                               MC_SCOPE_CREDENTIALS_ISSUE, &e),
              MC_ERR_FORBIDDEN);
    const struct mc_audit_entry *a = last_audit(&f, "user.login");
    CHECK(a && a->actor_user_id == f.ada.id && a->detail_json &&
          strstr(a->detail_json, "192.0.2.1"));

    mc_test_case("the database keeps only the token's hash");
    uint8_t h[MC_TOKEN_HASH_LEN];
    hash_of(out.token, h);
    struct mc_session ses;
    CHECK_INT(mc_store_session_get(f.s, h, t + 1, f.arena, &ses, &e), MC_OK);
    CHECK_INT(ses.id, out.session_id);
    CHECK_STR(ses.user_agent, "Firefox");

    mc_test_case("a wrong password, an unknown email, an account without a password");
    const char *wrong_pw = "correct horse battery stapler";
    CHECK_INT(mc_auth_login(f.s, pool, limits, "ada@example.org", wrong_pw, strlen(wrong_pw),
                            "192.0.2.2", NULL, t, &out, &e),
              MC_ERR_AUTH);
    CHECK_STR(e.msg, "wrong email or password");
    CHECK(out.token[0] == '\0');
    a = last_audit(&f, "user.login-failed");
    CHECK(a && a->actor_user_id == f.ada.id && strstr(a->detail_json, "wrong-password") &&
          !strstr(a->detail_json, "stapler"));
    CHECK_INT(mc_auth_login(f.s, pool, limits, "nobody@example.org", PW, strlen(PW), "192.0.2.3",
                            NULL, t, &out, &e),
              MC_ERR_AUTH);
    CHECK_STR(e.msg, "wrong email or password");
    a = last_audit(&f, "user.login-failed");
    CHECK(a && a->actor_user_id == 0 && strstr(a->detail_json, "unknown-email") &&
          !strstr(a->detail_json, "nobody"));
    CHECK_INT(mc_auth_login(f.s, pool, limits, "bob@example.org", PW, strlen(PW), "192.0.2.4", NULL,
                            t, &out, &e),
              MC_ERR_AUTH);
    CHECK_STR(e.msg, "wrong email or password");
    CHECK_INT(count_audit(&f, "user.login-failed"), 3);

    mc_test_case("missing and oversized input");
    CHECK_INT(mc_auth_login(f.s, pool, limits, "", PW, strlen(PW), NULL, NULL, t, &out, &e),
              MC_ERR_INVALID);
    CHECK_INT(mc_auth_login(f.s, pool, limits, "ada@example.org", "", 0, NULL, NULL, t, &out, &e),
              MC_ERR_INVALID);
    static char big[MC_PASSWORD_MAX + 1];
    memset(big, 'x', sizeof big);
    CHECK_INT(mc_auth_login(f.s, pool, limits, "ada@example.org", big, sizeof big, NULL, NULL, t,
                            &out, &e),
              MC_ERR_INVALID);

    mc_test_case("five failures lock the account, whatever the address, even for the right "
                 "password");
    for (int i = 0; i < 4; i++)
        CHECK_INT(mc_auth_login(f.s, pool, limits, "ada@example.org", wrong_pw, strlen(wrong_pw),
                                i % 2 ? "198.51.100.1" : "198.51.100.2", NULL, t + 10, &out, &e),
                  MC_ERR_AUTH);
    CHECK_INT(mc_auth_login(f.s, pool, limits, "ada@example.org", PW, strlen(PW), "203.0.113.9",
                            NULL, t + 11, &out, &e),
              MC_ERR_FORBIDDEN);
    CHECK(strstr(e.msg, "too many attempts, try again in") != NULL);
    CHECK(out.retry_after > 0 && out.retry_after <= 60);
    a = last_audit(&f, "user.login-failed");
    CHECK(a && strstr(a->detail_json, "\"locked\":true"));
    mc_test_case("the lock ends; a success clears the account's count");
    CHECK_INT(mc_auth_login(f.s, pool, limits, "ada@example.org", PW, strlen(PW), "203.0.113.9",
                            NULL, t + 80, &out, &e),
              MC_OK);
    for (int i = 0; i < 4; i++)
        CHECK_INT(mc_auth_login(f.s, pool, limits, "ada@example.org", wrong_pw, strlen(wrong_pw),
                                "203.0.113.10", NULL, t + 81, &out, &e),
                  MC_ERR_AUTH);
    CHECK_INT(mc_auth_login(f.s, pool, limits, "ada@example.org", PW, strlen(PW), "203.0.113.11",
                            NULL, t + 82, &out, &e),
              MC_OK);

    mc_test_case("one address trying many accounts is locked too");
    for (int i = 0; i < 5; i++) {
        char email[64];
        snprintf(email, sizeof email, "guess%d@example.org", i);
        CHECK_INT(mc_auth_login(f.s, pool, limits, email, PW, strlen(PW), "233.252.0.1", NULL,
                                t + 100, &out, &e),
                  MC_ERR_AUTH);
    }
    CHECK_INT(mc_auth_login(f.s, pool, limits, "ada@example.org", PW, strlen(PW), "233.252.0.1",
                            NULL, t + 101, &out, &e),
              MC_ERR_FORBIDDEN);
    CHECK_INT(mc_auth_login(f.s, pool, limits, "ada@example.org", PW, strlen(PW), "233.252.0.2",
                            NULL, t + 101, &out, &e),
              MC_OK);

    mc_test_case("a hash made at an older cost is replaced at sign-in");
    mc_password_use_test_cost(false);
    struct mc_user u;
    CHECK_INT(mc_store_user_get(f.s, f.ada.id, f.arena, &u, &e), MC_OK);
    CHECK(mc_password_needs_rehash(u.password_hash));
    CHECK_INT(mc_auth_login(f.s, pool, NULL, "ada@example.org", PW, strlen(PW), NULL, NULL, t + 200,
                            &out, &e),
              MC_OK);
    CHECK_INT(mc_store_user_get(f.s, f.ada.id, f.arena, &u, &e), MC_OK);
    CHECK(strncmp(u.password_hash, "$argon2id$v=19$m=65536,t=2,p=1$", 31) == 0);
    a = last_audit(&f, "user.login");
    CHECK(a && strstr(a->detail_json, "\"rehashed\":true"));
    mc_password_use_test_cost(true);

    mc_hash_pool_free(pool);
    mc_ratelimit_free(limits);
    teardown(&f);
}

static void test_sessions(void)
{
    struct fixture f;
    setup(&f, "session-life.db");
    struct mc_err e;
    struct mc_auth_login_out out;
    struct mc_principal p;
    int64_t t = 1700000000;
    CHECK_INT(mc_auth_login(f.s, NULL, NULL, "ada@example.org", PW, strlen(PW), NULL, NULL, t, &out,
                            &e),
              MC_OK);

    mc_test_case("garbage and unknown cookies");
    CHECK_INT(mc_auth_session(f.s, "", 0, t, f.arena, &p, &e), MC_ERR_AUTH);
    CHECK_INT(mc_auth_session(f.s, "x", 1, t, f.arena, &p, &e), MC_ERR_AUTH);
    CHECK_INT(p.kind, MC_PRINCIPAL_NONE);
    CHECK_INT(mc_authz_require(&p, 0, 0, 0, &e), MC_ERR_AUTH);

    mc_test_case("requests within the touch interval do not move the expiry");
    CHECK_INT(mc_auth_session(f.s, out.token, strlen(out.token), t + 60, f.arena, &p, &e), MC_OK);
    CHECK_INT(p.expires_at, t + MC_AUTH_SESSION_IDLE);

    mc_test_case("the expiry slides with use");
    int64_t at = t;
    for (int day = 1; day <= 12; day++) {
        at = t + day * 24 * 3600;
        CHECK_INT(mc_auth_session(f.s, out.token, strlen(out.token), at, f.arena, &p, &e), MC_OK);
        CHECK_INT(p.expires_at, at + MC_AUTH_SESSION_IDLE);
    }
    mc_test_case("but never past the absolute cap");
    at = t + 13 * 24 * 3600;
    CHECK_INT(mc_auth_session(f.s, out.token, strlen(out.token), at, f.arena, &p, &e), MC_OK);
    CHECK_INT(p.expires_at, t + MC_AUTH_SESSION_MAX_AGE);
    CHECK_INT(mc_auth_session(f.s, out.token, strlen(out.token), t + MC_AUTH_SESSION_MAX_AGE,
                              f.arena, &p, &e),
              MC_ERR_AUTH);
    CHECK(strstr(e.msg, "session expired") != NULL);

    mc_test_case("an idle session expires");
    CHECK_INT(mc_auth_login(f.s, NULL, NULL, "ada@example.org", PW, strlen(PW), NULL, NULL, t, &out,
                            &e),
              MC_OK);
    CHECK_INT(mc_auth_session(f.s, out.token, strlen(out.token), t + MC_AUTH_SESSION_IDLE, f.arena,
                              &p, &e),
              MC_ERR_AUTH);

    mc_test_case("sign out");
    CHECK_INT(mc_auth_login(f.s, NULL, NULL, "ada@example.org", PW, strlen(PW), NULL, NULL, t, &out,
                            &e),
              MC_OK);
    CHECK_INT(mc_auth_session(f.s, out.token, strlen(out.token), t + 1, f.arena, &p, &e), MC_OK);
    CHECK_INT(mc_auth_logout(f.s, &p, &e), MC_OK);
    CHECK_INT(mc_auth_session(f.s, out.token, strlen(out.token), t + 2, f.arena, &p, &e),
              MC_ERR_AUTH);
    CHECK(last_audit(&f, "user.logout") != NULL);

    mc_test_case("a new password ends every session (the four still stored)");
    struct mc_auth_login_out o1, o2;
    CHECK_INT(mc_auth_login(f.s, NULL, NULL, "ada@example.org", PW, strlen(PW), NULL, NULL, t, &o1,
                            &e),
              MC_OK);
    CHECK_INT(mc_auth_login(f.s, NULL, NULL, "ada@example.org", PW, strlen(PW), NULL, NULL, t, &o2,
                            &e),
              MC_OK);
    CHECK_INT(mc_auth_set_password(f.s, NULL, 0, f.ada.id, "aaaa", 4, &e), MC_ERR_INVALID);
    CHECK_INT(mc_auth_set_password(f.s, NULL, 0, f.ada.id, "a new long passphrase", 21, &e), MC_OK);
    CHECK_INT(mc_auth_session(f.s, o1.token, strlen(o1.token), t + 1, f.arena, &p, &e),
              MC_ERR_AUTH);
    CHECK_INT(mc_auth_session(f.s, o2.token, strlen(o2.token), t + 1, f.arena, &p, &e),
              MC_ERR_AUTH);
    CHECK_INT(mc_auth_login(f.s, NULL, NULL, "ada@example.org", PW, strlen(PW), NULL, NULL, t, &out,
                            &e),
              MC_ERR_AUTH);
    CHECK_INT(mc_auth_login(f.s, NULL, NULL, "ada@example.org", "a new long passphrase", 21, NULL,
                            NULL, t, &out, &e),
              MC_OK);
    const struct mc_audit_entry *a = last_audit(&f, "user.password-set");
    CHECK(a && strstr(a->detail_json, "\"sessions_ended\":4"));
    teardown(&f);
}

static void test_tokens(void)
{
    struct fixture f;
    setup(&f, "api-tokens.db");
    struct mc_err e;
    struct mc_principal p;
    struct mc_api_token row;
    char tok[MC_AUTH_TOKEN_SIZE];
    int64_t t = 1700000000;

    mc_test_case("create a token limited to an organisation; it resolves with its scopes");
    CHECK_INT(mc_auth_token_create(f.s, 0, f.ada.id, "CI", "credentials:revoke credentials:issue",
                                   f.a.id, t + 3600, t, f.arena, tok, &row, &e),
              MC_OK);
    CHECK_INT(strlen(tok), MC_AUTH_TOKEN_SIZE - 1);
    CHECK(strncmp(tok, "mct_", 4) == 0);
    CHECK_INT(strlen(row.prefix), MC_AUTH_TOKEN_PREFIX_LEN);
    CHECK(strncmp(tok, row.prefix, MC_AUTH_TOKEN_PREFIX_LEN) == 0);
    CHECK_STR(row.scopes, "credentials:issue credentials:revoke");
    const struct mc_audit_entry *a = last_audit(&f, "api-token.create");
    CHECK(a && a->target_id && strcmp(a->target_id, row.prefix) == 0 &&
          !strstr(a->detail_json, tok + 4));
    CHECK_INT(mc_auth_token(f.s, tok, strlen(tok), t + 10, f.arena, &p, &e), MC_OK);
    CHECK_INT(p.kind, MC_PRINCIPAL_TOKEN);
    CHECK_INT(p.user_id, f.ada.id);
    CHECK_INT(p.scopes, MC_SCOPE_CREDENTIALS_ISSUE | MC_SCOPE_CREDENTIALS_REVOKE);
    CHECK_INT(p.org_id, f.a.id);
    CHECK_STR(p.token_prefix, row.prefix);
    CHECK(p.csrf == NULL);
    CHECK(mc_auth_csrf_check(&p, NULL, 0));
    CHECK_INT(mc_authz_require(&p, f.a.id, MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN),
                               MC_SCOPE_CREDENTIALS_ISSUE, &e),
              MC_OK);
    CHECK_INT(mc_authz_require(&p, f.a.id, MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN),
                               MC_SCOPE_CATALOG_WRITE, &e),
              MC_ERR_FORBIDDEN);
    CHECK(strstr(e.msg, "catalog:write") != NULL);
    struct mc_api_token g;
    CHECK_INT(mc_store_api_token_get_by_prefix(f.s, row.prefix, f.arena, &g, &e), MC_OK);
    CHECK_INT(g.last_used_at, t + 10);

    mc_test_case("the token text is not stored");
    uint8_t h[MC_TOKEN_HASH_LEN];
    hash_of(tok, h);
    CHECK_MEM(g.token_hash, MC_TOKEN_HASH_LEN, h, MC_TOKEN_HASH_LEN);

    mc_test_case("bad bearer values");
    CHECK_INT(mc_auth_token(f.s, "mct_", 4, t, f.arena, &p, &e), MC_ERR_AUTH);
    CHECK_INT(mc_auth_token(f.s, tok + 4, strlen(tok) - 4, t, f.arena, &p, &e), MC_ERR_AUTH);
    char altered[MC_AUTH_TOKEN_SIZE];
    memcpy(altered, tok, sizeof altered);
    altered[20] = altered[20] == 'A' ? 'B' : 'A';
    CHECK_INT(mc_auth_token(f.s, altered, strlen(altered), t, f.arena, &p, &e), MC_ERR_AUTH);
    CHECK_STR(e.msg, "unknown token");
    CHECK_INT(mc_auth_token(f.s, tok, strlen(tok), t + 3600, f.arena, &p, &e), MC_ERR_AUTH);
    CHECK_STR(e.msg, "token expired");

    mc_test_case("refused: unknown scopes, no name, past expiry, an organisation without a role");
    CHECK_INT(mc_auth_token_create(f.s, 0, f.ada.id, "x", "credentials:all", 0, 0, t, f.arena, tok,
                                   &row, &e),
              MC_ERR_INVALID);
    CHECK(strstr(e.msg, "unknown scope 'credentials:all'") != NULL);
    CHECK_INT(mc_auth_token_create(f.s, 0, f.ada.id, "", "profile:read", 0, 0, t, f.arena, tok,
                                   &row, &e),
              MC_ERR_INVALID);
    CHECK_INT(mc_auth_token_create(f.s, 0, f.ada.id, "x", "profile:read", 0, t, t, f.arena, tok,
                                   &row, &e),
              MC_ERR_INVALID);
    CHECK_INT(mc_auth_token_create(f.s, 0, f.ada.id, "x", "profile:read", f.b.id, 0, t, f.arena,
                                   tok, &row, &e),
              MC_ERR_INVALID);
    CHECK(strstr(e.msg, "no role in that organisation") != NULL);
    CHECK_INT(mc_auth_token_create(f.s, 0, 4242, "x", "profile:read", 0, 0, t, f.arena, tok, &row,
                                   &e),
              MC_ERR_INVALID);

    mc_test_case("revoke by prefix");
    CHECK_INT(mc_auth_token_create(f.s, f.ada.id, f.ada.id, "laptop",
                                   MC_SCOPE_OB_PREFIX "credential.readonly", 0, 0, t, f.arena, tok,
                                   &row, &e),
              MC_OK);
    CHECK_INT(mc_auth_token(f.s, tok, strlen(tok), t + 1, f.arena, &p, &e), MC_OK);
    CHECK_INT(p.org_id, 0);
    CHECK_INT(mc_auth_token_revoke(f.s, f.ada.id, row.prefix, t + 2, &e), MC_OK);
    CHECK_INT(mc_auth_token(f.s, tok, strlen(tok), t + 3, f.arena, &p, &e), MC_ERR_AUTH);
    CHECK_STR(e.msg, "token revoked");
    CHECK_INT(mc_auth_token_revoke(f.s, f.ada.id, row.prefix, t + 4, &e), MC_ERR_CONFLICT);
    CHECK(strstr(e.msg, "revoked already") != NULL);
    CHECK_INT(mc_auth_token_revoke(f.s, f.ada.id, "mct_nothing", t + 4, &e), MC_ERR_NOT_FOUND);
    a = last_audit(&f, "api-token.revoke");
    CHECK(a && a->actor_user_id == f.ada.id && strcmp(a->target_id, row.prefix) == 0);

    mc_test_case("a platform administrator may limit a token to any organisation");
    CHECK_INT(mc_store_user_set_platform_admin(f.s, f.bob.id, true, &e), MC_OK);
    CHECK_INT(mc_auth_token_create(f.s, 0, f.bob.id, "ops", "org:manage", f.b.id, 0, t, f.arena,
                                   tok, &row, &e),
              MC_OK);
    CHECK_INT(mc_auth_token(f.s, tok, strlen(tok), t + 1, f.arena, &p, &e), MC_OK);
    CHECK(p.is_platform_admin);
    CHECK_INT(mc_authz_require(&p, f.b.id, MC_ROLE_BIT(MC_ROLE_OWNER), MC_SCOPE_ORG_MANAGE, &e),
              MC_OK);
    CHECK_INT(mc_authz_require(&p, f.a.id, MC_ROLE_BIT(MC_ROLE_OWNER), MC_SCOPE_ORG_MANAGE, &e),
              MC_ERR_FORBIDDEN);
    teardown(&f);
}

/* --- the authorization matrix --- */

/* Which held role grants which needed role: written out, not derived from mc_role_grants. */
static const bool grants[MC_ROLE_COUNT][MC_ROLE_COUNT] = {
    /*                  owner  issuer-admin assessor learner employer */
    [MC_ROLE_OWNER] = { true, true, true, false, false },
    [MC_ROLE_ISSUER_ADMIN] = { false, true, true, false, false },
    [MC_ROLE_ASSESSOR] = { false, false, true, false, false },
    [MC_ROLE_LEARNER] = { false, false, false, true, false },
    [MC_ROLE_EMPLOYER] = { false, false, false, false, true },
};

enum kind {
    SESSION,
    TOKEN_WITH_SCOPE,
    TOKEN_WITHOUT_SCOPE,
    TOKEN_LIMITED_TO_A,
    TOKEN_LIMITED_TO_B,
    N_KINDS
};
static const char *const kind_names[N_KINDS] = { "session", "token with the scope",
                                                 "token without the scope", "token limited to A",
                                                 "token limited to B" };

static struct mc_principal principal_of(enum kind k, int64_t user, bool admin,
                                        const struct mc_membership *ms, size_t n, uint32_t scope)
{
    struct mc_principal p = {
        .user_id = user, .is_platform_admin = admin, .memberships = ms, .n_memberships = n
    };
    p.kind = k == SESSION ? MC_PRINCIPAL_SESSION : MC_PRINCIPAL_TOKEN;
    p.scopes = k == SESSION               ? MC_SCOPE_ALL
               : k == TOKEN_WITHOUT_SCOPE ? (MC_SCOPE_ALL & ~scope)
                                          : scope | MC_SCOPE_PROFILE_READ;
    p.org_id = k == TOKEN_LIMITED_TO_A ? 1 : k == TOKEN_LIMITED_TO_B ? 2 : 0;
    return p;
}

static void test_authz_matrix(void)
{
    const int64_t A = 1, B = 2, C = 3, NOWHERE = 999;
    const uint32_t scopes[] = { MC_SCOPE_CREDENTIALS_ISSUE, MC_SCOPE_CREDENTIALS_REVOKE,
                                MC_SCOPE_CATALOG_WRITE, MC_SCOPE_OB_CREDENTIAL_UPSERT };
    struct mc_err e, e_nowhere;
    size_t cases = 0;
    for (int held = 0; held < MC_ROLE_COUNT; held++) {
        /* The user holds `held` in A, and learner in B (a role that grants no issuing). */
        struct mc_membership ms[2] = { { .user_id = 7, .org_id = A, .role = (enum mc_role)held },
                                       { .user_id = 7, .org_id = B, .role = MC_ROLE_LEARNER } };
        for (int needed = 0; needed < MC_ROLE_COUNT; needed++) {
            for (int k = 0; k < N_KINDS; k++) {
                for (size_t si = 0; si < sizeof scopes / sizeof scopes[0]; si++) {
                    uint32_t scope = scopes[si];
                    struct mc_principal p = principal_of((enum kind)k, 7, false, ms, 2, scope);
                    bool scope_ok = k != TOKEN_WITHOUT_SCOPE;
                    /* in A */
                    mc_test_case("holds %s in A, needs %s in A, %s, %s", mc_role_name(held),
                                 mc_role_name(needed), kind_names[k], mc_scope_name(scope));
                    bool want = scope_ok && k != TOKEN_LIMITED_TO_B && grants[held][needed];
                    CHECK_INT(mc_authz_require(&p, A, MC_ROLE_BIT(needed), scope, &e),
                              want ? MC_OK : MC_ERR_FORBIDDEN);
                    /* in B: only learner is held there */
                    mc_test_case("holds %s in A, needs %s in B, %s, %s", mc_role_name(held),
                                 mc_role_name(needed), kind_names[k], mc_scope_name(scope));
                    want = scope_ok && k != TOKEN_LIMITED_TO_A && needed == MC_ROLE_LEARNER;
                    CHECK_INT(mc_authz_require(&p, B, MC_ROLE_BIT(needed), scope, &e),
                              want ? MC_OK : MC_ERR_FORBIDDEN);
                    /* An organisation that does not exist gets the same answer as one that
                     * does (C) where the user has no role: nothing tells them apart. */
                    mc_err_clear(&e);
                    mc_err_clear(&e_nowhere);
                    CHECK_INT(mc_authz_require(&p, C, MC_ROLE_BIT(needed), scope, &e),
                              MC_ERR_FORBIDDEN);
                    CHECK_INT(mc_authz_require(&p, NOWHERE, MC_ROLE_BIT(needed), scope, &e_nowhere),
                              MC_ERR_FORBIDDEN);
                    CHECK_STR(e_nowhere.msg, e.msg);
                    CHECK(!strstr(e_nowhere.msg, "999"));
                    cases++;
                }
            }
        }
    }
    mc_test_case("matrix size");
    CHECK_INT(cases, MC_ROLE_COUNT * MC_ROLE_COUNT * N_KINDS * 4);

    mc_test_case("a mask of several roles: any of them will do");
    struct mc_membership assessor = { .user_id = 7, .org_id = A, .role = MC_ROLE_ASSESSOR };
    struct mc_principal p = principal_of(SESSION, 7, false, &assessor, 1, 0);
    uint32_t admin_or_assessor = MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN) | MC_ROLE_BIT(MC_ROLE_ASSESSOR);
    CHECK_INT(mc_authz_require(&p, A, admin_or_assessor, 0, &e), MC_OK);
    CHECK_INT(mc_authz_require(&p, A, MC_ROLE_BIT(MC_ROLE_OWNER) | MC_ROLE_BIT(MC_ROLE_LEARNER), 0,
                               &e),
              MC_ERR_FORBIDDEN);
    CHECK(strstr(e.msg, "owner or learner") != NULL);

    mc_test_case("no role needed: only the scope and the token's limit count");
    CHECK_INT(mc_authz_require(&p, B, 0, MC_SCOPE_PROFILE_READ, &e), MC_OK);
    struct mc_principal tok =
            principal_of(TOKEN_LIMITED_TO_A, 7, false, &assessor, 1, MC_SCOPE_PROFILE_READ);
    CHECK_INT(mc_authz_require(&tok, 0, 0, MC_SCOPE_PROFILE_READ, &e), MC_OK);
    CHECK_INT(mc_authz_require(&tok, B, 0, MC_SCOPE_PROFILE_READ, &e), MC_ERR_FORBIDDEN);
    CHECK_INT(mc_authz_require(&tok, 0, 0, MC_SCOPE_PROFILE_WRITE, &e), MC_ERR_FORBIDDEN);

    mc_test_case("org 0 with roles: a role in any organisation (within the token's limit)");
    CHECK_INT(mc_authz_require(&p, 0, MC_ROLE_BIT(MC_ROLE_ASSESSOR), 0, &e), MC_OK);
    CHECK_INT(mc_authz_require(&p, 0, MC_ROLE_BIT(MC_ROLE_EMPLOYER), 0, &e), MC_ERR_FORBIDDEN);
    CHECK(strstr(e.msg, "in an organisation") != NULL);
    struct mc_principal tok_b = principal_of(TOKEN_LIMITED_TO_B, 7, false, &assessor, 1, 0);
    CHECK_INT(mc_authz_require(&tok_b, 0, MC_ROLE_BIT(MC_ROLE_ASSESSOR), 0, &e), MC_ERR_FORBIDDEN);

    mc_test_case("platform administrators pass every role check, but not a token's scope or "
                 "limit");
    for (int needed = 0; needed < MC_ROLE_COUNT; needed++) {
        struct mc_principal adm = principal_of(SESSION, 8, true, NULL, 0, 0);
        CHECK_INT(mc_authz_require(&adm, A, MC_ROLE_BIT(needed), MC_SCOPE_CATALOG_WRITE, &e),
                  MC_OK);
        CHECK_INT(mc_authz_require(&adm, NOWHERE, MC_ROLE_BIT(needed), 0, &e), MC_OK);
        adm = principal_of(TOKEN_WITHOUT_SCOPE, 8, true, NULL, 0, MC_SCOPE_CATALOG_WRITE);
        CHECK_INT(mc_authz_require(&adm, A, MC_ROLE_BIT(needed), MC_SCOPE_CATALOG_WRITE, &e),
                  MC_ERR_FORBIDDEN);
        adm = principal_of(TOKEN_LIMITED_TO_A, 8, true, NULL, 0, MC_SCOPE_CATALOG_WRITE);
        CHECK_INT(mc_authz_require(&adm, A, MC_ROLE_BIT(needed), MC_SCOPE_CATALOG_WRITE, &e),
                  MC_OK);
        CHECK_INT(mc_authz_require(&adm, B, MC_ROLE_BIT(needed), MC_SCOPE_CATALOG_WRITE, &e),
                  MC_ERR_FORBIDDEN);
    }

    mc_test_case("nobody signed in");
    CHECK_INT(mc_authz_require(NULL, A, 0, 0, &e), MC_ERR_AUTH);
    struct mc_principal none = { 0 };
    CHECK_INT(mc_authz_require(&none, 0, 0, 0, &e), MC_ERR_AUTH);

    mc_test_case("the lattice itself");
    CHECK_INT(mc_role_grants(MC_ROLE_OWNER), MC_ROLE_BIT(MC_ROLE_OWNER) |
                                                     MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN) |
                                                     MC_ROLE_BIT(MC_ROLE_ASSESSOR));
    CHECK_INT(mc_role_grants((enum mc_role)MC_ROLE_COUNT), 0);
}

static void test_csrf(void)
{
    struct mc_principal p = { .kind = MC_PRINCIPAL_SESSION,
                              .user_id = 1,
                              .csrf = "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nOpQ" };
    const char *good = "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nOpQ";
    mc_test_case("csrf: the session's token, and anything else");
    CHECK(mc_auth_csrf_check(&p, good, strlen(good)));
    CHECK(!mc_auth_csrf_check(&p, "Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh7jKl0nOpR", 43));
    CHECK(!mc_auth_csrf_check(&p, good, 42));
    CHECK(!mc_auth_csrf_check(&p, "", 0));
    CHECK(!mc_auth_csrf_check(&p, NULL, 0));
    CHECK(!mc_auth_csrf_check(NULL, good, strlen(good)));
    struct mc_principal none = { 0 };
    CHECK(!mc_auth_csrf_check(&none, good, strlen(good)));
    struct mc_principal nocsrf = { .kind = MC_PRINCIPAL_SESSION, .user_id = 1 };
    CHECK(!mc_auth_csrf_check(&nocsrf, "", 0));
    struct mc_principal tok = { .kind = MC_PRINCIPAL_TOKEN, .user_id = 1 };
    CHECK(mc_auth_csrf_check(&tok, NULL, 0));
}

int main(void)
{
    mc_password_use_test_cost(true);
    test_store_sessions();
    test_store_tokens();
    test_scopes();
    test_login();
    test_sessions();
    test_tokens();
    test_authz_matrix();
    test_csrf();
    return mc_test_done();
}
