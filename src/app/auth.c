/* SPDX-License-Identifier: Apache-2.0 */
/* Signing in, sessions, API tokens, principals and the authorization check. */
#include "app/auth.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/base64.h"
#include "base/random.h"
#include "crypto/digest.h"

#define SECRET_BYTES 32
/* Longer cookie or bearer values are not ours: refuse them before hashing. */
#define TOKEN_TEXT_MAX 128
/* An API token's use is written at most this often (seconds). */
#define TOKEN_TOUCH_EVERY 60

/* --- roles and scopes --- */

uint32_t mc_role_grants(enum mc_role r)
{
    switch (r) {
    case MC_ROLE_OWNER:
        return MC_ROLE_BIT(MC_ROLE_OWNER) | MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN) |
               MC_ROLE_BIT(MC_ROLE_ASSESSOR);
    case MC_ROLE_ISSUER_ADMIN:
        return MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN) | MC_ROLE_BIT(MC_ROLE_ASSESSOR);
    case MC_ROLE_ASSESSOR: return MC_ROLE_BIT(MC_ROLE_ASSESSOR);
    case MC_ROLE_LEARNER: return MC_ROLE_BIT(MC_ROLE_LEARNER);
    case MC_ROLE_EMPLOYER: return MC_ROLE_BIT(MC_ROLE_EMPLOYER);
    default: return 0;
    }
}

/* In the order of enum mc_scope's bits. */
static const char *const scope_names[MC_SCOPE_COUNT] = {
    "credentials:read",
    "credentials:issue",
    "credentials:revoke",
    "catalog:write",
    "learners:read",
    "assessments:grade",
    "profile:read",
    "profile:write",
    "org:manage",
    MC_SCOPE_OB_PREFIX "credential.readonly",
    MC_SCOPE_OB_PREFIX "credential.upsert",
    MC_SCOPE_OB_PREFIX "profile.readonly",
    MC_SCOPE_OB_PREFIX "profile.update",
};

const char *mc_scope_name(uint32_t scope)
{
    for (unsigned i = 0; i < MC_SCOPE_COUNT; i++)
        if (scope == 1u << i)
            return scope_names[i];
    return NULL;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Parse names separated by white space. Strict: an unknown name is an error; lenient (scopes
 * stored by a newer build) skips it. */
static enum mc_rc parse_scopes(const char *text, bool strict, uint32_t *mask, struct mc_err *e)
{
    *mask = 0;
    size_t i = 0, n = text ? strlen(text) : 0, words = 0;
    while (i < n) {
        while (i < n && is_space(text[i]))
            i++;
        size_t start = i;
        while (i < n && !is_space(text[i]))
            i++;
        if (i == start)
            break;
        words++;
        uint32_t bit = 0;
        for (unsigned k = 0; k < MC_SCOPE_COUNT && !bit; k++)
            if (strlen(scope_names[k]) == i - start &&
                memcmp(scope_names[k], text + start, i - start) == 0)
                bit = 1u << k;
        if (!bit && strict) {
            char known[1024];
            size_t used = 0;
            for (unsigned k = 0; k < MC_SCOPE_COUNT && used < sizeof known; k++)
                used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", k ? ", " : "",
                                         scope_names[k]);
            return mc_err_set(e, MC_ERR_INVALID, "unknown scope '%.*s'; the scopes are: %s",
                              (int)(i - start > 100 ? 100 : i - start), text + start, known);
        }
        *mask |= bit;
    }
    if (strict && !words)
        return mc_err_set(e, MC_ERR_INVALID, "name at least one scope");
    return MC_OK;
}

enum mc_rc mc_scope_parse(const char *text, uint32_t *mask, struct mc_err *e)
{
    return parse_scopes(text, true, mask, e);
}

char *mc_scope_format(uint32_t mask, struct mc_arena *arena)
{
    size_t len = 0;
    for (unsigned k = 0; k < MC_SCOPE_COUNT; k++)
        if (mask & (1u << k))
            len += strlen(scope_names[k]) + 1;
    char *out = mc_arena_alloc(arena, len + 1);
    size_t at = 0;
    for (unsigned k = 0; k < MC_SCOPE_COUNT; k++) {
        if (!(mask & (1u << k)))
            continue;
        if (at)
            out[at++] = ' ';
        size_t l = strlen(scope_names[k]);
        memcpy(out + at, scope_names[k], l);
        at += l;
    }
    out[at] = '\0';
    return out;
}

/* --- helpers --- */

/* `prefix` then base64url of 32 random bytes, into out[0..cap). */
static void new_secret(const char *prefix, char *out, size_t cap)
{
    uint8_t raw[SECRET_BYTES];
    mc_random_bytes(raw, sizeof raw);
    struct mc_buf b;
    mc_buf_init(&b, 256);
    mc_buf_appendz(&b, prefix);
    mc_b64_encode(&b, MC_B64_URL, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    if (b.len + 1 > cap)
        abort(); /* the sizes in auth.h are wrong: a bug */
    memcpy(out, b.data, b.len);
    out[b.len] = '\0';
    sodium_memzero(b.data, b.len);
    mc_buf_free(&b);
}

static void token_hash(const char *text, size_t len, uint8_t out[MC_TOKEN_HASH_LEN])
{
    mc_digest(MC_DIGEST_SHA256, text, len, out);
}

/* Append an audit entry; `detail` (may be NULL) is stolen. */
static enum mc_rc audit(struct mc_store *s, int64_t actor, int64_t org_id, const char *action,
                        const char *target_type, const char *target_id, json_t *detail, int64_t at,
                        struct mc_err *e)
{
    char *text = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(detail);
    struct mc_audit_entry a = {
        .at = at,
        .actor_user_id = actor,
        .org_id = org_id,
        .action = action,
        .target_type = target_type,
        .target_id = target_id,
        .detail_json = text,
    };
    enum mc_rc rc = mc_store_audit_append(s, &a, e);
    free(text);
    return rc;
}

static void id_text(int64_t id, char out[24])
{
    snprintf(out, 24, "%lld", (long long)id);
}

/* Fill the user part of a principal: the user's row and memberships. */
static enum mc_rc load_user(struct mc_store *s, int64_t user_id, struct mc_arena *arena,
                            struct mc_principal *p, struct mc_err *e)
{
    struct mc_user u;
    enum mc_rc rc = mc_store_user_get(s, user_id, arena, &u, e);
    if (rc == MC_ERR_NOT_FOUND)
        return mc_err_set(e, MC_ERR_AUTH, "the account no longer exists");
    if (rc)
        return rc;
    p->user_id = u.id;
    p->email = u.email;
    p->name = u.name;
    p->is_platform_admin = u.is_platform_admin;
    struct mc_membership *ms = NULL;
    size_t n = 0;
    rc = mc_store_membership_list(s, user_id, arena, &ms, &n, e);
    if (rc)
        return rc;
    p->memberships = ms;
    p->n_memberships = n;
    return MC_OK;
}

/* --- signing in --- */

/* Rate limiter keys: one per client address, one per account (the email in ASCII lower case,
 * as the store compares it). */
static size_t limit_key(char *out, size_t cap, const char *kind, const char *value)
{
    int n = snprintf(out, cap, "%s\n%s", kind, value ? value : "");
    size_t len = n < 0 ? 0 : (size_t)n >= cap ? cap - 1 : (size_t)n;
    for (size_t i = 0; i < len; i++)
        if (out[i] >= 'A' && out[i] <= 'Z')
            out[i] = (char)(out[i] - 'A' + 'a');
    return len;
}

static void login_failed(struct mc_store *s, struct mc_ratelimit *limits, const char *ipkey,
                         size_t iplen, const char *acctkey, size_t acctlen, int64_t user_id,
                         const char *reason, const char *ip, int64_t now)
{
    bool locked = false;
    if (limits) {
        if (ip)
            locked |= mc_ratelimit_fail(limits, ipkey, iplen, now);
        locked |= mc_ratelimit_fail(limits, acctkey, acctlen, now);
    }
    char id[24];
    id_text(user_id, id);
    json_t *d = json_pack("{s:s, s:s?}", "reason", reason, "ip", ip);
    if (locked)
        json_object_set_new(d, "locked", json_true());
    /* The answer is "wrong email or password" whether or not this is recorded. */
    audit(s, user_id, 0, "user.login-failed", user_id ? "user" : NULL, user_id ? id : NULL, d, now,
          NULL);
}

static enum mc_rc login_commit(struct mc_store *s, const struct mc_user *u, const char *new_hash,
                               const char *ip, const char *user_agent, int64_t now,
                               struct mc_auth_login_out *out, struct mc_err *e)
{
    enum mc_rc rc = mc_store_begin(s, e);
    if (rc)
        return rc;
    if (new_hash)
        rc = mc_store_user_set_password_hash(s, u->id, new_hash, e);
    struct mc_session ses = {
        .user_id = u->id,
        .csrf_token = out->csrf,
        .created_at = now,
        .last_seen_at = now,
        .expires_at = now + MC_AUTH_SESSION_IDLE,
        .user_agent = user_agent,
        .ip = ip,
    };
    token_hash(out->token, strlen(out->token), ses.token_hash);
    if (!rc)
        rc = mc_store_session_put(s, &ses, e);
    if (!rc) {
        char id[24];
        id_text(u->id, id);
        json_t *d = json_pack("{s:s?, s:b}", "ip", ip, "rehashed", new_hash != NULL);
        rc = audit(s, u->id, 0, "user.login", "user", id, d, now, e);
    }
    if (!rc)
        rc = mc_store_commit(s, e);
    if (rc) {
        mc_store_rollback(s);
        return rc;
    }
    out->session_id = ses.id;
    out->user_id = u->id;
    out->expires_at = ses.expires_at;
    return MC_OK;
}

enum mc_rc mc_auth_login(struct mc_store *s, struct mc_hash_pool *pool, struct mc_ratelimit *limits,
                         const char *email, const char *password, size_t password_len,
                         const char *ip, const char *user_agent, int64_t now,
                         struct mc_auth_login_out *out, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    if (!email || !*email)
        return mc_err_set(e, MC_ERR_INVALID, "an email address is required to sign in");
    if (!password || !password_len)
        return mc_err_set(e, MC_ERR_INVALID, "a password is required to sign in");
    if (password_len > MC_PASSWORD_MAX)
        return mc_err_set(e, MC_ERR_INVALID, "a password has at most %d bytes", MC_PASSWORD_MAX);
    if (strlen(email) > 254)
        return mc_err_set(e, MC_ERR_INVALID, "an email address has at most 254 characters");

    char ipkey[128], acctkey[300];
    size_t iplen = limit_key(ipkey, sizeof ipkey, "ip", ip);
    size_t acctlen = limit_key(acctkey, sizeof acctkey, "account", email);
    if (limits) {
        enum mc_rc rc = MC_OK;
        if (ip)
            rc = mc_ratelimit_check(limits, ipkey, iplen, now, &out->retry_after, e);
        if (!rc)
            rc = mc_ratelimit_check(limits, acctkey, acctlen, now, &out->retry_after, e);
        if (rc)
            return rc;
    }

    struct mc_arena *arena = mc_arena_new(0);
    struct mc_user u;
    struct mc_err le;
    mc_err_clear(&le);
    enum mc_rc rc = mc_store_user_get_by_email(s, email, arena, &u, &le);
    bool known = rc == MC_OK;
    if (rc && rc != MC_ERR_NOT_FOUND) {
        if (e)
            *e = le;
        goto out;
    }
    /* An unknown email, or an account without a password, is checked against a dummy hash in
     * the same time as a real one. */
    const char *hash = known ? u.password_hash : NULL;
    rc = mc_hash_pool_verify(pool, hash, password, password_len, &le);
    if (rc == MC_ERR_TOO_LARGE || rc == MC_ERR_INTERNAL) {
        if (e)
            *e = le;
        goto out;
    }
    if (rc) {
        const char *reason = !known                 ? "unknown-email"
                             : !hash                ? "no-password"
                             : rc == MC_ERR_INVALID ? "unreadable-hash"
                                                    : "wrong-password";
        login_failed(s, limits, ipkey, iplen, acctkey, acctlen, known ? u.id : 0, reason, ip, now);
        rc = mc_err_set(e, MC_ERR_AUTH, "wrong email or password");
        goto out;
    }

    /* A hash made at an older cost is replaced while we have the password. Failing to is not a
     * reason to refuse the sign-in. */
    char new_hash[MC_PASSWORD_HASH_SIZE];
    bool rehash = mc_password_needs_rehash(hash) &&
                  mc_hash_pool_hash(pool, password, password_len, new_hash, NULL) == MC_OK;
    if (limits)
        mc_ratelimit_reset(limits, acctkey, acctlen);
    new_secret("", out->token, sizeof out->token);
    new_secret("", out->csrf, sizeof out->csrf);
    rc = login_commit(s, &u, rehash ? new_hash : NULL, ip, user_agent, now, out, e);
    if (rc) {
        sodium_memzero(out->token, sizeof out->token);
        out->csrf[0] = '\0';
    }
out:
    mc_arena_free(arena);
    return rc;
}

/* --- sessions --- */

enum mc_rc mc_auth_session(struct mc_store *s, const char *token, size_t len, int64_t now,
                           struct mc_arena *arena, struct mc_principal *out, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    if (!token || !len || len > TOKEN_TEXT_MAX)
        return mc_err_set(e, MC_ERR_AUTH, "no such session: sign in");
    uint8_t h[MC_TOKEN_HASH_LEN];
    token_hash(token, len, h);
    struct mc_session ses;
    enum mc_rc rc = mc_store_session_get(s, h, now, arena, &ses, e);
    if (rc)
        return rc;
    int64_t expires = ses.expires_at;
    if (now - ses.last_seen_at >= MC_AUTH_TOUCH_EVERY) {
        rc = mc_store_session_touch(s, ses.id, now, MC_AUTH_SESSION_IDLE, MC_AUTH_SESSION_MAX_AGE,
                                    &expires, e);
        if (rc)
            return rc;
    }
    rc = load_user(s, ses.user_id, arena, out, e);
    if (rc) {
        memset(out, 0, sizeof *out);
        return rc;
    }
    out->kind = MC_PRINCIPAL_SESSION;
    out->scopes = MC_SCOPE_ALL;
    out->session_id = ses.id;
    out->expires_at = expires;
    out->csrf = ses.csrf_token;
    return MC_OK;
}

enum mc_rc mc_auth_logout(struct mc_store *s, const struct mc_principal *p, struct mc_err *e)
{
    if (!p || p->kind != MC_PRINCIPAL_SESSION || !p->session_id)
        return mc_err_set(e, MC_ERR_INVALID, "signing out needs a session");
    enum mc_rc rc = mc_store_begin(s, e);
    if (rc)
        return rc;
    rc = mc_store_session_delete(s, p->session_id, e);
    if (!rc) {
        char id[24];
        id_text(p->user_id, id);
        rc = audit(s, p->user_id, 0, "user.logout", "user", id, NULL, 0, e);
    }
    if (!rc)
        rc = mc_store_commit(s, e);
    if (rc)
        mc_store_rollback(s);
    return rc;
}

bool mc_auth_csrf_check(const struct mc_principal *p, const char *submitted, size_t len)
{
    if (!p)
        return false;
    if (p->kind == MC_PRINCIPAL_TOKEN)
        return true;
    if (p->kind != MC_PRINCIPAL_SESSION || !p->csrf || !submitted)
        return false;
    size_t want = strlen(p->csrf);
    if (!want || len != want)
        return false;
    return sodium_memcmp(p->csrf, submitted, want) == 0;
}

/* --- API tokens --- */

/* Whether the user may limit a token to `org_id`: a role there, or platform administrator. */
static enum mc_rc check_token_org(struct mc_store *s, int64_t user_id, int64_t org_id,
                                  struct mc_arena *arena, struct mc_err *e)
{
    struct mc_principal p = { 0 };
    enum mc_rc rc = load_user(s, user_id, arena, &p, e);
    if (rc == MC_ERR_AUTH)
        return mc_err_set(e, MC_ERR_INVALID, "no user with id %lld", (long long)user_id);
    if (rc)
        return rc;
    if (p.is_platform_admin)
        return MC_OK;
    for (size_t i = 0; i < p.n_memberships; i++)
        if (p.memberships[i].org_id == org_id)
            return MC_OK;
    return mc_err_set(e, MC_ERR_INVALID,
                      "%s has no role in that organisation, so a token limited to it could do "
                      "nothing; add a membership first",
                      p.email);
}

static enum mc_rc token_create_in_tx(struct mc_store *s, int64_t actor, struct mc_api_token *t,
                                     char token[MC_AUTH_TOKEN_SIZE], int64_t now,
                                     struct mc_arena *arena, struct mc_err *e)
{
    enum mc_rc rc = MC_ERR_CONFLICT;
    /* A random prefix of 48 bits clashes with another almost never; try again if it does. */
    for (int attempt = 0; attempt < 3 && rc == MC_ERR_CONFLICT; attempt++) {
        new_secret(MC_AUTH_TOKEN_PREFIX, token, MC_AUTH_TOKEN_SIZE);
        token_hash(token, strlen(token), t->token_hash);
        t->prefix = mc_arena_memdupz(arena, token, MC_AUTH_TOKEN_PREFIX_LEN);
        rc = mc_store_api_token_put(s, t, e);
    }
    if (rc)
        return rc;
    json_t *d = json_pack("{s:s, s:s, s:I}", "name", t->name, "scopes", t->scopes, "user_id",
                          (json_int_t)t->user_id);
    if (t->expires_at)
        json_object_set_new(d, "expires_at", json_integer(t->expires_at));
    return audit(s, actor, t->org_id, "api-token.create", "api-token", t->prefix, d, now, e);
}

enum mc_rc mc_auth_token_create(struct mc_store *s, int64_t actor_user_id, int64_t user_id,
                                const char *name, const char *scopes, int64_t org_id,
                                int64_t expires_at, int64_t now, struct mc_arena *arena,
                                char token[MC_AUTH_TOKEN_SIZE], struct mc_api_token *row,
                                struct mc_err *e)
{
    token[0] = '\0';
    uint32_t mask = 0;
    enum mc_rc rc = mc_scope_parse(scopes, &mask, e);
    if (rc)
        return rc;
    if (!name || !*name)
        return mc_err_set(e, MC_ERR_INVALID, "a token needs a name that says what it is for");
    if (expires_at && expires_at <= now)
        return mc_err_set(e, MC_ERR_INVALID, "a token's expiry must be in the future");
    if (org_id) {
        rc = check_token_org(s, user_id, org_id, arena, e);
        if (rc)
            return rc;
    }
    struct mc_api_token t = {
        .user_id = user_id,
        .org_id = org_id,
        .name = mc_arena_strdup(arena, name),
        .scopes = mc_scope_format(mask, arena),
        .created_at = now,
        .expires_at = expires_at,
    };
    rc = mc_store_begin(s, e);
    if (rc)
        return rc;
    rc = token_create_in_tx(s, actor_user_id, &t, token, now, arena, e);
    if (!rc)
        rc = mc_store_commit(s, e);
    if (rc) {
        mc_store_rollback(s);
        sodium_memzero(token, MC_AUTH_TOKEN_SIZE);
        return rc;
    }
    if (row)
        *row = t;
    return MC_OK;
}

enum mc_rc mc_auth_token(struct mc_store *s, const char *bearer, size_t len, int64_t now,
                         struct mc_arena *arena, struct mc_principal *out, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    size_t plen = strlen(MC_AUTH_TOKEN_PREFIX);
    if (!bearer || len <= plen || len > TOKEN_TEXT_MAX ||
        memcmp(bearer, MC_AUTH_TOKEN_PREFIX, plen) != 0)
        return mc_err_set(e, MC_ERR_AUTH, "unknown token");
    uint8_t h[MC_TOKEN_HASH_LEN];
    token_hash(bearer, len, h);
    struct mc_api_token t;
    enum mc_rc rc = mc_store_api_token_get(s, h, now, arena, &t, e);
    if (rc)
        return rc;
    uint32_t mask = 0;
    parse_scopes(t.scopes, false, &mask, NULL);
    if (!t.last_used_at || now - t.last_used_at >= TOKEN_TOUCH_EVERY) {
        rc = mc_store_api_token_touch(s, t.id, now, e);
        if (rc)
            return rc;
    }
    rc = load_user(s, t.user_id, arena, out, e);
    if (rc) {
        memset(out, 0, sizeof *out);
        return rc;
    }
    out->kind = MC_PRINCIPAL_TOKEN;
    out->scopes = mask;
    out->org_id = t.org_id;
    out->token_id = t.id;
    out->token_prefix = t.prefix;
    out->expires_at = t.expires_at;
    return MC_OK;
}

enum mc_rc mc_auth_token_revoke(struct mc_store *s, int64_t actor_user_id, const char *prefix,
                                int64_t now, struct mc_err *e)
{
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_api_token t;
    enum mc_rc rc = mc_store_api_token_get_by_prefix(s, prefix, arena, &t, e);
    if (rc)
        goto out;
    rc = mc_store_begin(s, e);
    if (rc)
        goto out;
    rc = mc_store_api_token_revoke(s, t.id, now, e);
    if (rc == MC_ERR_CONFLICT)
        mc_err_set(e, rc, "API token %s is revoked already", t.prefix);
    if (!rc) {
        json_t *d = json_pack("{s:s, s:I}", "name", t.name, "user_id", (json_int_t)t.user_id);
        rc = audit(s, actor_user_id, t.org_id, "api-token.revoke", "api-token", t.prefix, d, now,
                   e);
    }
    if (!rc)
        rc = mc_store_commit(s, e);
    if (rc)
        mc_store_rollback(s);
out:
    mc_arena_free(arena);
    return rc;
}

/* --- passwords --- */

enum mc_rc mc_auth_new_password_hash(struct mc_hash_pool *pool, const char *password, size_t len,
                                     char out[MC_PASSWORD_HASH_SIZE], struct mc_err *e)
{
    out[0] = '\0';
    enum mc_rc rc = mc_password_check_policy(password, len, e);
    if (rc)
        return rc;
    return mc_hash_pool_hash(pool, password, len, out, e);
}

enum mc_rc mc_auth_set_password(struct mc_store *s, struct mc_hash_pool *pool,
                                int64_t actor_user_id, int64_t user_id, const char *password,
                                size_t len, struct mc_err *e)
{
    char hash[MC_PASSWORD_HASH_SIZE];
    enum mc_rc rc = mc_auth_new_password_hash(pool, password, len, hash, e);
    if (rc)
        return rc;
    rc = mc_store_begin(s, e);
    if (rc)
        return rc;
    rc = mc_store_user_set_password_hash(s, user_id, hash, e);
    int64_t gone = 0;
    if (!rc)
        rc = mc_store_session_delete_user(s, user_id, &gone, e);
    if (!rc) {
        char id[24];
        id_text(user_id, id);
        json_t *d = json_pack("{s:I}", "sessions_ended", (json_int_t)gone);
        rc = audit(s, actor_user_id, 0, "user.password-set", "user", id, d, 0, e);
    }
    if (!rc)
        rc = mc_store_commit(s, e);
    if (rc)
        mc_store_rollback(s);
    return rc;
}

/* --- authorization --- */

/* "owner or issuer-admin" for a role mask. */
static void role_list(uint32_t mask, char *out, size_t cap)
{
    size_t used = 0;
    out[0] = '\0';
    unsigned listed = 0;
    for (int r = 0; r < MC_ROLE_COUNT && used < cap; r++) {
        if (!(mask & MC_ROLE_BIT(r)))
            continue;
        int n = snprintf(out + used, cap - used, "%s%s", listed ? " or " : "",
                         mc_role_name((enum mc_role)r));
        if (n > 0)
            used += (size_t)n;
        listed++;
    }
}

enum mc_rc mc_authz_require(const struct mc_principal *p, int64_t org_id, uint32_t role_mask,
                            uint32_t scope, struct mc_err *e)
{
    if (!p || p->kind == MC_PRINCIPAL_NONE || !p->user_id)
        return mc_err_set(e, MC_ERR_AUTH, "sign in first");
    if (scope && (p->scopes & scope) != scope) {
        const char *name = mc_scope_name(scope);
        return mc_err_set(e, MC_ERR_FORBIDDEN,
                          "not allowed: this token does not carry the scope %s",
                          name ? name : "needed");
    }
    if (org_id && p->org_id && p->org_id != org_id)
        return mc_err_set(e, MC_ERR_FORBIDDEN,
                          "not allowed: this token is limited to another organisation");
    if (!role_mask || p->is_platform_admin)
        return MC_OK;
    for (size_t i = 0; i < p->n_memberships; i++) {
        const struct mc_membership *m = &p->memberships[i];
        if (org_id && m->org_id != org_id)
            continue;
        if (p->org_id && m->org_id != p->org_id)
            continue; /* a role elsewhere does not count for a token limited to one org */
        if (mc_role_grants(m->role) & role_mask)
            return MC_OK;
    }
    char roles[128];
    role_list(role_mask, roles, sizeof roles);
    return mc_err_set(e, MC_ERR_FORBIDDEN, "not allowed: this needs the role %s in %s", roles,
                      org_id ? "the organisation" : "an organisation");
}
