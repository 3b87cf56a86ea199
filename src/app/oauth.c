/* SPDX-License-Identifier: Apache-2.0 */
/* OAuth 2.0 for the Open Badges 3.0 API: registration, codes with PKCE, tokens, rotation,
 * revocation (docs/internals/app.md). */
#include "app/oauth.h"

#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/base64.h"
#include "base/random.h"
#include "crypto/digest.h"

#define CLIENT_NAME_MAX   200
#define REDIRECT_URI_MAX  2000
#define REDIRECT_URIS_MAX 10
#define STATE_MAX         1024
#define TOKEN_TEXT_MAX    128

static const char *const error_names[] = {
    [MC_OAUTH_OK] = "ok",
    [MC_OAUTH_INVALID_REQUEST] = "invalid_request",
    [MC_OAUTH_INVALID_CLIENT] = "invalid_client",
    [MC_OAUTH_INVALID_GRANT] = "invalid_grant",
    [MC_OAUTH_UNAUTHORIZED_CLIENT] = "unauthorized_client",
    [MC_OAUTH_UNSUPPORTED_GRANT_TYPE] = "unsupported_grant_type",
    [MC_OAUTH_INVALID_SCOPE] = "invalid_scope",
    [MC_OAUTH_ACCESS_DENIED] = "access_denied",
    [MC_OAUTH_UNSUPPORTED_RESPONSE_TYPE] = "unsupported_response_type",
    [MC_OAUTH_SERVER_ERROR] = "server_error",
    [MC_OAUTH_INVALID_REDIRECT_URI] = "invalid_redirect_uri",
    [MC_OAUTH_INVALID_CLIENT_METADATA] = "invalid_client_metadata",
    [MC_OAUTH_UNSUPPORTED_TOKEN_TYPE] = "unsupported_token_type",
};

const char *mc_oauth_error_name(enum mc_oauth_error err)
{
    if ((size_t)err < sizeof error_names / sizeof error_names[0] && error_names[err])
        return error_names[err];
    return "server_error";
}

/* Fail with an OAuth error code and a message for the client's developer. */
static enum mc_rc fail(enum mc_oauth_error *oerr, enum mc_oauth_error code, struct mc_err *e,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static enum mc_rc fail(enum mc_oauth_error *oerr, enum mc_oauth_error code, struct mc_err *e,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(e, MC_ERR_INVALID, fmt, ap);
    va_end(ap);
    if (oerr)
        *oerr = code;
    return MC_ERR_INVALID;
}

/* --- secrets --- */

/* `prefix` then base64url of `n` random bytes, into out[0..cap). */
static void new_secret(const char *prefix, size_t n, char *out, size_t cap)
{
    uint8_t raw[32];
    if (n > sizeof raw)
        abort(); /* a bug */
    mc_random_bytes(raw, n);
    struct mc_buf b;
    mc_buf_init(&b, 256);
    mc_buf_appendz(&b, prefix);
    mc_b64_encode(&b, MC_B64_URL, raw, n);
    sodium_memzero(raw, sizeof raw);
    if (b.len + 1 > cap)
        abort(); /* the sizes in oauth.h are wrong: a bug */
    memcpy(out, b.data, b.len);
    out[b.len] = '\0';
    sodium_memzero(b.data, b.len);
    mc_buf_free(&b);
}

static void hash_text(const char *text, uint8_t out[MC_TOKEN_HASH_LEN])
{
    mc_digest(MC_DIGEST_SHA256, text, strlen(text), out);
}

/* Whether `t` looks like one of our secrets with `prefix` (bounded, no hashing of megabytes). */
static bool secret_form(const char *t, const char *prefix)
{
    size_t n = t ? strnlen(t, TOKEN_TEXT_MAX + 1) : 0;
    size_t p = strlen(prefix);
    return n > p && n <= TOKEN_TEXT_MAX && memcmp(t, prefix, p) == 0;
}

static enum mc_rc audit(struct mc_store *s, int64_t actor, const char *action, const char *target,
                        json_t *detail, int64_t at, struct mc_err *e)
{
    char *text = detail ? json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(detail);
    struct mc_audit_entry a = {
        .at = at,
        .actor_user_id = actor,
        .action = action,
        .target_type = "oauth-client",
        .target_id = target,
        .detail_json = text,
    };
    enum mc_rc rc = mc_store_audit_append(s, &a, e);
    free(text);
    return rc;
}

/* --- PKCE --- */

static bool unreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

bool mc_oauth_pkce_verifier_valid(const char *v, size_t len)
{
    if (!v || len < 43 || len > 128)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!unreserved(v[i]))
            return false;
    return true;
}

bool mc_oauth_pkce_challenge_valid(const char *c, size_t len)
{
    if (!c || len != 43)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!unreserved(c[i]) || c[i] == '.' || c[i] == '~')
            return false;
    return true;
}

void mc_oauth_pkce_s256(const char *verifier, size_t len, char out[44])
{
    uint8_t h[32];
    mc_digest(MC_DIGEST_SHA256, verifier, len, h);
    struct mc_buf b;
    mc_buf_init(&b, 64);
    mc_b64_encode(&b, MC_B64_URL, h, sizeof h);
    memcpy(out, b.data, 43);
    out[43] = '\0';
    mc_buf_free(&b);
}

bool mc_oauth_pkce_check(const char *verifier, size_t len, const char *challenge)
{
    if (!mc_oauth_pkce_verifier_valid(verifier, len) || !challenge || strlen(challenge) != 43)
        return false;
    char got[44];
    mc_oauth_pkce_s256(verifier, len, got);
    return sodium_memcmp(got, challenge, 43) == 0;
}

/* --- clients --- */

/* The host part's end after "scheme://": at ':', '/', '?' or the end. */
static bool loopback_host(const char *p)
{
    static const char *const hosts[] = { "localhost", "127.0.0.1", "[::1]" };
    for (size_t i = 0; i < sizeof hosts / sizeof hosts[0]; i++) {
        size_t n = strlen(hosts[i]);
        if (strncmp(p, hosts[i], n) == 0 &&
            (p[n] == '\0' || p[n] == ':' || p[n] == '/' || p[n] == '?'))
            return true;
    }
    return false;
}

enum mc_rc mc_oauth_redirect_uri_check(const char *uri, struct mc_err *e)
{
    if (!uri || !*uri)
        return mc_err_set(e, MC_ERR_INVALID, "a redirect URI is empty");
    size_t n = strnlen(uri, REDIRECT_URI_MAX + 1);
    if (n > REDIRECT_URI_MAX)
        return mc_err_set(e, MC_ERR_INVALID, "a redirect URI is longer than %d bytes",
                          REDIRECT_URI_MAX);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)uri[i] <= 0x20 || (unsigned char)uri[i] >= 0x7f)
            return mc_err_set(e, MC_ERR_INVALID,
                              "redirect URI %s has a space, a control or a non-ASCII character "
                              "(percent-encode it)",
                              uri);
    if (strchr(uri, '#'))
        return mc_err_set(e, MC_ERR_INVALID, "redirect URI %s has a fragment (RFC 6749 §3.1.2)",
                          uri);
    const char *host = NULL;
    if (strncmp(uri, "https://", 8) == 0)
        host = uri + 8;
    else if (strncmp(uri, "http://", 7) == 0 && loopback_host(uri + 7))
        host = uri + 7;
    if (!host)
        return mc_err_set(e, MC_ERR_INVALID,
                          "redirect URI %s must be https, or http on localhost, 127.0.0.1 or "
                          "[::1] for an app on the person's device",
                          uri);
    if (*host == '\0' || *host == '/' || *host == ':' || *host == '?' || strchr(uri, '@'))
        return mc_err_set(e, MC_ERR_INVALID, "redirect URI %s has no host (or has user info)", uri);
    return MC_OK;
}

enum mc_rc mc_oauth_scope_parse(const char *text, uint32_t allowed, uint32_t *mask,
                                struct mc_err *e)
{
    *mask = 0;
    const char *p = text ? text : "";
    while (*p == ' ')
        p++;
    if (!*p) {
        *mask = allowed & MC_OAUTH_SCOPES;
        return MC_OK;
    }
    uint32_t m = 0;
    enum mc_rc rc = mc_scope_parse(p, &m, e);
    if (rc)
        return rc;
    uint32_t bad = m & ~(allowed & MC_OAUTH_SCOPES);
    if (bad) {
        uint32_t bit = bad & (~bad + 1u);
        return mc_err_set(e, MC_ERR_INVALID, "scope %s is not one this client may ask for",
                          mc_scope_name(bit));
    }
    *mask = m;
    return MC_OK;
}

/* An optional URL of the client's metadata: https when present. */
static enum mc_rc check_https(const char *v, const char *field, enum mc_oauth_error *oerr,
                              struct mc_err *e)
{
    if (!v)
        return MC_OK;
    if (strncmp(v, "https://", 8) != 0 || strlen(v) > REDIRECT_URI_MAX)
        return fail(oerr, MC_OAUTH_INVALID_CLIENT_METADATA, e,
                    "%s must be an https URL of at most %d bytes", field, REDIRECT_URI_MAX);
    return MC_OK;
}

static void set_opt(json_t *o, const char *k, const char *v)
{
    json_t *s = v ? json_string(v) : NULL;
    if (s)
        json_object_set_new(o, k, s);
}

enum mc_rc mc_oauth_register(struct mc_store *s, const struct mc_oauth_registration *reg,
                             int64_t now, struct mc_arena *arena, struct mc_oauth_registered *out,
                             enum mc_oauth_error *oerr, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    *oerr = MC_OAUTH_OK;
    if (!reg->client_name || !*reg->client_name || strlen(reg->client_name) > CLIENT_NAME_MAX)
        return fail(oerr, MC_OAUTH_INVALID_CLIENT_METADATA, e,
                    "client_name is required (1..%d bytes): people see it when they are asked "
                    "to allow access",
                    CLIENT_NAME_MAX);
    if (reg->n_redirect_uris == 0 || reg->n_redirect_uris > REDIRECT_URIS_MAX)
        return fail(oerr, MC_OAUTH_INVALID_REDIRECT_URI, e, "redirect_uris must list 1..%d URIs",
                    REDIRECT_URIS_MAX);
    struct mc_buf uris;
    mc_buf_init(&uris, REDIRECT_URIS_MAX * (REDIRECT_URI_MAX + 1));
    for (size_t i = 0; i < reg->n_redirect_uris; i++) {
        enum mc_rc rc = mc_oauth_redirect_uri_check(reg->redirect_uris[i], e);
        if (rc) {
            mc_buf_free(&uris);
            *oerr = MC_OAUTH_INVALID_REDIRECT_URI;
            return rc;
        }
        if (i)
            mc_buf_putc(&uris, '\n');
        mc_buf_appendz(&uris, reg->redirect_uris[i]);
    }
    const char *uris_text = mc_arena_memdupz(arena, uris.data, uris.len);
    mc_buf_free(&uris);

    uint32_t mask = 0;
    enum mc_rc rc = mc_oauth_scope_parse(reg->scope, MC_OAUTH_SCOPES, &mask, e);
    if (rc || !mask)
        return fail(oerr, MC_OAUTH_INVALID_CLIENT_METADATA, e,
                    "scope must be Open Badges 3.0 scopes (" MC_SCOPE_OB_PREFIX
                    "credential.readonly, ...upsert, profile.readonly, profile.update)");
    const char *method = reg->auth_method ? reg->auth_method : "client_secret_basic";
    if (strcmp(method, "client_secret_basic") != 0 && strcmp(method, "client_secret_post") != 0 &&
        strcmp(method, "none") != 0)
        return fail(oerr, MC_OAUTH_INVALID_CLIENT_METADATA, e,
                    "token_endpoint_auth_method must be client_secret_basic, client_secret_post "
                    "or none");
    if (check_https(reg->client_uri, "client_uri", oerr, e) ||
        check_https(reg->logo_uri, "logo_uri", oerr, e) ||
        check_https(reg->tos_uri, "tos_uri", oerr, e) ||
        check_https(reg->policy_uri, "policy_uri", oerr, e))
        return MC_ERR_INVALID;

    const char *scope = mc_scope_format(mask, arena);
    json_t *meta = json_object();
    set_opt(meta, "client_name", reg->client_name);
    json_t *ru = json_array();
    for (size_t i = 0; i < reg->n_redirect_uris; i++)
        json_array_append_new(ru, json_string(reg->redirect_uris[i]));
    json_object_set_new(meta, "redirect_uris", ru);
    set_opt(meta, "scope", scope);
    set_opt(meta, "token_endpoint_auth_method", method);
    json_object_set_new(meta, "grant_types",
                        json_pack("[s, s]", "authorization_code", "refresh_token"));
    json_object_set_new(meta, "response_types", json_pack("[s]", "code"));
    set_opt(meta, "client_uri", reg->client_uri);
    set_opt(meta, "logo_uri", reg->logo_uri);
    set_opt(meta, "tos_uri", reg->tos_uri);
    set_opt(meta, "policy_uri", reg->policy_uri);
    set_opt(meta, "software_id", reg->software_id);
    set_opt(meta, "software_version", reg->software_version);
    char *meta_text = json_dumps(meta, JSON_COMPACT);
    json_decref(meta);
    if (!meta_text)
        return fail(oerr, MC_OAUTH_INVALID_CLIENT_METADATA, e,
                    "the client metadata is not valid UTF-8");

    bool public_client = strcmp(method, "none") == 0;
    struct mc_oauth_client c = {
        .has_secret = !public_client,
        .name = mc_arena_strdup(arena, reg->client_name),
        .redirect_uris = uris_text,
        .scope = scope,
        .auth_method = mc_arena_strdup(arena, method),
        .metadata = mc_arena_strdup(arena, meta_text),
        .created_at = now,
    };
    free(meta_text);
    rc = mc_store_begin(s, e);
    if (rc)
        return rc;
    rc = MC_ERR_CONFLICT;
    for (int attempt = 0; attempt < 3 && rc == MC_ERR_CONFLICT; attempt++) {
        new_secret("mcc_", 16, out->client_id, sizeof out->client_id);
        c.client_id = mc_arena_strdup(arena, out->client_id);
        if (!public_client) {
            new_secret("mcs_", 32, out->client_secret, sizeof out->client_secret);
            hash_text(out->client_secret, c.secret_hash);
        }
        rc = mc_store_oauth_client_put(s, &c, e);
    }
    if (!rc)
        rc = audit(s, 0, "oauth.client-register", c.client_id,
                   json_pack("{s:s, s:s}", "name", c.name, "scope", c.scope), now, e);
    if (!rc)
        rc = mc_store_commit(s, e);
    if (rc) {
        mc_store_rollback(s);
        sodium_memzero(out, sizeof *out);
        return rc;
    }
    out->row = c;
    return MC_OK;
}

enum mc_rc mc_oauth_client_auth(struct mc_store *s, const char *client_id, const char *secret,
                                struct mc_arena *arena, struct mc_oauth_client *out,
                                struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    if (!client_id || !*client_id || strlen(client_id) > TOKEN_TEXT_MAX)
        return mc_err_set(e, MC_ERR_AUTH, "client authentication failed: no client_id");
    struct mc_oauth_client c;
    enum mc_rc rc = mc_store_oauth_client_get(s, client_id, arena, &c, e);
    if (rc == MC_ERR_NOT_FOUND)
        return mc_err_set(e, MC_ERR_AUTH, "client authentication failed");
    if (rc)
        return rc;
    if (!c.has_secret) {
        if (secret)
            return mc_err_set(e, MC_ERR_AUTH,
                              "client authentication failed: this client is public and has no "
                              "secret");
        *out = c;
        return MC_OK;
    }
    if (!secret_form(secret, "mcs_"))
        return mc_err_set(e, MC_ERR_AUTH, "client authentication failed");
    uint8_t h[MC_TOKEN_HASH_LEN];
    hash_text(secret, h);
    if (sodium_memcmp(h, c.secret_hash, MC_TOKEN_HASH_LEN) != 0)
        return mc_err_set(e, MC_ERR_AUTH, "client authentication failed");
    *out = c;
    return MC_OK;
}

bool mc_oauth_client_has_redirect(const struct mc_oauth_client *c, const char *uri)
{
    if (!uri || !c->redirect_uris)
        return false;
    size_t n = strlen(uri);
    const char *p = c->redirect_uris;
    while (*p) {
        size_t len = strcspn(p, "\n");
        if (len == n && memcmp(p, uri, n) == 0)
            return true;
        p += len;
        if (*p == '\n')
            p++;
    }
    return false;
}

/* --- the authorization endpoint --- */

enum mc_rc mc_oauth_authorize_check(struct mc_store *s, const struct mc_oauth_authz_request *r,
                                    struct mc_arena *arena, struct mc_oauth_authz *out,
                                    bool *can_redirect, enum mc_oauth_error *oerr, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    *can_redirect = false;
    *oerr = MC_OAUTH_OK;
    if (!r->client_id || !*r->client_id)
        return fail(oerr, MC_OAUTH_INVALID_REQUEST, e, "the request has no client_id");
    enum mc_rc rc = strlen(r->client_id) > TOKEN_TEXT_MAX
                            ? mc_err_set(e, MC_ERR_NOT_FOUND, "unknown client")
                            : mc_store_oauth_client_get(s, r->client_id, arena, &out->client, e);
    if (rc == MC_ERR_NOT_FOUND)
        return fail(oerr, MC_OAUTH_INVALID_CLIENT, e,
                    "the application that sent you here is not registered with this service");
    if (rc)
        return rc;
    if (r->redirect_uri) {
        if (!mc_oauth_client_has_redirect(&out->client, r->redirect_uri))
            return fail(oerr, MC_OAUTH_INVALID_REQUEST, e,
                        "redirect_uri is not one the application registered");
        out->redirect_uri = mc_arena_strdup(arena, r->redirect_uri);
        out->redirect_given = true;
    } else {
        if (strchr(out->client.redirect_uris, '\n'))
            return fail(oerr, MC_OAUTH_INVALID_REQUEST, e,
                        "redirect_uri is required: the application registered several");
        out->redirect_uri = out->client.redirect_uris;
    }
    /* From here on errors go back to the application. */
    *can_redirect = true;
    if (r->state && strlen(r->state) > STATE_MAX)
        return fail(oerr, MC_OAUTH_INVALID_REQUEST, e, "state is longer than %d bytes", STATE_MAX);
    if (!r->response_type)
        return fail(oerr, MC_OAUTH_INVALID_REQUEST, e, "response_type is required");
    if (strcmp(r->response_type, "code") != 0)
        return fail(oerr, MC_OAUTH_UNSUPPORTED_RESPONSE_TYPE, e,
                    "response_type must be code (the authorization code grant)");
    if (!r->code_challenge || !r->code_challenge_method)
        return fail(oerr, MC_OAUTH_INVALID_REQUEST, e,
                    "PKCE is required: send code_challenge and code_challenge_method=S256");
    if (strcmp(r->code_challenge_method, "S256") != 0)
        return fail(oerr, MC_OAUTH_INVALID_REQUEST, e,
                    "code_challenge_method must be S256 (plain is not accepted)");
    if (!mc_oauth_pkce_challenge_valid(r->code_challenge, strlen(r->code_challenge)))
        return fail(oerr, MC_OAUTH_INVALID_REQUEST, e,
                    "code_challenge must be 43 base64url characters (an S256 challenge)");
    uint32_t allowed = 0;
    rc = mc_oauth_scope_parse(out->client.scope, MC_OAUTH_SCOPES, &allowed, e);
    if (rc)
        return rc;
    rc = mc_oauth_scope_parse(r->scope, allowed, &out->scopes, e);
    if (rc || !out->scopes) {
        *oerr = MC_OAUTH_INVALID_SCOPE;
        return rc ? rc : mc_err_set(e, MC_ERR_INVALID, "no scope was asked for");
    }
    return MC_OK;
}

enum mc_rc mc_oauth_code_issue(struct mc_store *s, const struct mc_oauth_authz *a,
                               const char *code_challenge, int64_t user_id, int64_t now,
                               char code[MC_OAUTH_SECRET_SIZE], struct mc_err *e)
{
    struct mc_arena *arena = mc_arena_new(0);
    new_secret("mco_", 32, code, MC_OAUTH_SECRET_SIZE);
    struct mc_oauth_code c = {
        .client_id = a->client.id,
        .user_id = user_id,
        .redirect_uri = a->redirect_uri,
        .redirect_given = a->redirect_given,
        .scope = mc_scope_format(a->scopes, arena),
        .code_challenge = code_challenge,
        .created_at = now,
        .expires_at = now + MC_OAUTH_CODE_TTL,
    };
    hash_text(code, c.code_hash);
    enum mc_rc rc = mc_store_oauth_code_put(s, &c, e);
    mc_arena_free(arena);
    if (rc)
        sodium_memzero(code, MC_OAUTH_SECRET_SIZE);
    return rc;
}

/* --- the token endpoint --- */

/* The access token's name in token lists: "OAuth: <client name>", cut on a character boundary
 * to fit the store's 200 bytes. */
static const char *token_name(const struct mc_oauth_client *c, struct mc_arena *arena)
{
    size_t n = strlen(c->name);
    if (n > 180) {
        n = 180;
        while (n > 0 && ((unsigned char)c->name[n] & 0xC0) == 0x80)
            n--;
    }
    return mc_arena_printf(arena, "OAuth: %.*s", (int)n, c->name);
}

/* A new access token and refresh token for a grant, inside the caller's transaction. */
static enum mc_rc issue_pair(struct mc_store *s, const struct mc_oauth_client *client,
                             int64_t user_id, int64_t grant_id, uint32_t scopes, int64_t now,
                             struct mc_arena *arena, struct mc_oauth_tokens *out, struct mc_err *e)
{
    const char *scope = mc_scope_format(scopes, arena);
    struct mc_api_token t = {
        .user_id = user_id,
        .name = token_name(client, arena),
        .scopes = scope,
        .created_at = now,
        .expires_at = now + MC_OAUTH_ACCESS_TTL,
    };
    enum mc_rc rc = MC_ERR_CONFLICT;
    /* The access token has the form of every API token, so mc_auth_token resolves it. A
     * prefix that clashes with another token's (48 random bits) is drawn again. */
    for (int attempt = 0; attempt < 3 && rc == MC_ERR_CONFLICT; attempt++) {
        new_secret(MC_AUTH_TOKEN_PREFIX, 32, out->access_token, sizeof out->access_token);
        hash_text(out->access_token, t.token_hash);
        t.prefix = mc_arena_memdupz(arena, out->access_token, MC_AUTH_TOKEN_PREFIX_LEN);
        rc = mc_store_api_token_put(s, &t, e);
    }
    if (rc)
        return rc;
    new_secret("mcr_", 32, out->refresh_token, sizeof out->refresh_token);
    struct mc_oauth_refresh r = {
        .grant_id = grant_id,
        .client_id = client->id,
        .user_id = user_id,
        .scope = scope,
        .access_token_id = t.id,
        .created_at = now,
        .expires_at = now + MC_OAUTH_REFRESH_TTL,
    };
    hash_text(out->refresh_token, r.token_hash);
    rc = mc_store_oauth_refresh_put(s, &r, e);
    if (rc)
        return rc;
    out->expires_in = MC_OAUTH_ACCESS_TTL;
    out->scopes = scopes;
    out->scope = scope;
    return MC_OK;
}

/* Revoke a grant that was replayed and say so: the revocation is committed, the answer is an
 * error. */
static enum mc_rc revoke_replayed(struct mc_store *s, int64_t grant_id, int64_t user_id,
                                  const struct mc_oauth_client *client, const char *what,
                                  int64_t now, enum mc_oauth_error *oerr, struct mc_err *e)
{
    int64_t count = 0;
    enum mc_rc rc = mc_store_oauth_grant_revoke(s, grant_id, now, &count, e);
    if (!rc)
        rc = audit(s, user_id, "oauth.replay", client->client_id,
                   json_pack("{s:s, s:I, s:I}", "what", what, "grant", (json_int_t)grant_id,
                             "revoked", (json_int_t)count),
                   now, e);
    if (!rc)
        rc = mc_store_commit(s, e);
    if (rc) {
        mc_store_rollback(s);
        return rc;
    }
    return fail(oerr, MC_OAUTH_INVALID_GRANT, e,
                "the %s was used already; the access it gave has been revoked", what);
}

enum mc_rc mc_oauth_exchange_code(struct mc_store *s, const struct mc_oauth_client *client,
                                  const char *code, const char *redirect_uri, const char *verifier,
                                  int64_t now, struct mc_arena *arena, struct mc_oauth_tokens *out,
                                  enum mc_oauth_error *oerr, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    *oerr = MC_OAUTH_OK;
    if (!code || !*code)
        return fail(oerr, MC_OAUTH_INVALID_REQUEST, e, "code is required");
    if (!verifier)
        return fail(oerr, MC_OAUTH_INVALID_REQUEST, e,
                    "code_verifier is required (PKCE, RFC 7636)");
    if (!secret_form(code, "mco_"))
        return fail(oerr, MC_OAUTH_INVALID_GRANT, e, "unknown authorization code");
    uint8_t h[MC_TOKEN_HASH_LEN];
    hash_text(code, h);
    enum mc_rc rc = mc_store_begin(s, e);
    if (rc)
        return rc;
    struct mc_oauth_code c;
    rc = mc_store_oauth_code_get(s, h, arena, &c, e);
    if (rc == MC_ERR_NOT_FOUND || (!rc && c.client_id != client->id)) {
        mc_store_rollback(s);
        return fail(oerr, MC_OAUTH_INVALID_GRANT, e, "unknown authorization code");
    }
    if (rc)
        goto out;
    if (c.used_at)
        return revoke_replayed(s, c.id, c.user_id, client, "authorization code", now, oerr, e);
    if (c.expires_at <= now) {
        rc = fail(oerr, MC_OAUTH_INVALID_GRANT, e,
                  "the authorization code expired (it lasts %d s): ask the person again",
                  MC_OAUTH_CODE_TTL);
        goto out;
    }
    if ((c.redirect_given || redirect_uri) &&
        (!redirect_uri || strcmp(redirect_uri, c.redirect_uri) != 0)) {
        rc = fail(oerr, MC_OAUTH_INVALID_GRANT, e,
                  "redirect_uri is not the one of the authorization request");
        goto out;
    }
    if (!mc_oauth_pkce_check(verifier, strlen(verifier), c.code_challenge)) {
        rc = fail(oerr, MC_OAUTH_INVALID_GRANT, e,
                  "code_verifier does not match the code_challenge (S256)");
        goto out;
    }
    uint32_t scopes = 0;
    rc = mc_oauth_scope_parse(c.scope, MC_OAUTH_SCOPES, &scopes, e);
    if (!rc)
        rc = mc_store_oauth_code_use(s, c.id, now, e);
    if (rc == MC_ERR_CONFLICT) {
        rc = fail(oerr, MC_OAUTH_INVALID_GRANT, e, "the authorization code was used already");
        goto out;
    }
    if (!rc)
        rc = issue_pair(s, client, c.user_id, c.id, scopes, now, arena, out, e);
    if (!rc)
        rc = audit(s, c.user_id, "oauth.grant", client->client_id,
                   json_pack("{s:s, s:I}", "scope", out->scope, "grant", (json_int_t)c.id), now, e);
    if (!rc)
        rc = mc_store_commit(s, e);
out:
    if (rc) {
        mc_store_rollback(s);
        sodium_memzero(out, sizeof *out);
    }
    return rc;
}

enum mc_rc mc_oauth_refresh(struct mc_store *s, const struct mc_oauth_client *client,
                            const char *refresh_token, const char *scope, int64_t now,
                            struct mc_arena *arena, struct mc_oauth_tokens *out,
                            enum mc_oauth_error *oerr, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    *oerr = MC_OAUTH_OK;
    if (!refresh_token || !*refresh_token)
        return fail(oerr, MC_OAUTH_INVALID_REQUEST, e, "refresh_token is required");
    if (!secret_form(refresh_token, "mcr_"))
        return fail(oerr, MC_OAUTH_INVALID_GRANT, e, "unknown refresh token");
    uint8_t h[MC_TOKEN_HASH_LEN];
    hash_text(refresh_token, h);
    enum mc_rc rc = mc_store_begin(s, e);
    if (rc)
        return rc;
    struct mc_oauth_refresh r;
    rc = mc_store_oauth_refresh_get(s, h, arena, &r, e);
    if (rc == MC_ERR_NOT_FOUND || (!rc && r.client_id != client->id)) {
        mc_store_rollback(s);
        return fail(oerr, MC_OAUTH_INVALID_GRANT, e, "unknown refresh token");
    }
    if (rc)
        goto out;
    if (r.revoked_at) {
        rc = fail(oerr, MC_OAUTH_INVALID_GRANT, e, "the refresh token was revoked");
        goto out;
    }
    if (r.used_at)
        return revoke_replayed(s, r.grant_id, r.user_id, client, "refresh token", now, oerr, e);
    if (r.expires_at <= now) {
        rc = fail(oerr, MC_OAUTH_INVALID_GRANT, e,
                  "the refresh token expired: ask the person again");
        goto out;
    }
    uint32_t had = 0, want = 0;
    rc = mc_oauth_scope_parse(r.scope, MC_OAUTH_SCOPES, &had, e);
    if (rc)
        goto out;
    if (mc_oauth_scope_parse(scope, had, &want, e) || !want) {
        rc = fail(oerr, MC_OAUTH_INVALID_SCOPE, e, "scope may only name scopes the grant has (%s)",
                  r.scope);
        goto out;
    }
    rc = mc_store_oauth_refresh_use(s, r.id, now, e);
    if (rc == MC_ERR_CONFLICT) {
        rc = fail(oerr, MC_OAUTH_INVALID_GRANT, e, "the refresh token was used already");
        goto out;
    }
    if (!rc && r.access_token_id) {
        rc = mc_store_api_token_revoke(s, r.access_token_id, now, e);
        if (rc == MC_ERR_CONFLICT || rc == MC_ERR_NOT_FOUND)
            rc = MC_OK; /* revoked already, or removed */
    }
    if (!rc)
        rc = issue_pair(s, client, r.user_id, r.grant_id, want, now, arena, out, e);
    if (!rc)
        rc = mc_store_commit(s, e);
out:
    if (rc) {
        mc_store_rollback(s);
        sodium_memzero(out, sizeof *out);
    }
    return rc;
}

enum mc_rc mc_oauth_revoke(struct mc_store *s, const struct mc_oauth_client *client,
                           const char *token, int64_t now, struct mc_err *e)
{
    struct mc_arena *arena = mc_arena_new(0);
    uint8_t h[MC_TOKEN_HASH_LEN];
    struct mc_oauth_refresh r;
    int64_t grant = 0, access = 0;
    enum mc_rc rc = MC_OK;
    struct mc_err scratch;
    if (secret_form(token, "mcr_")) {
        hash_text(token, h);
        if (mc_store_oauth_refresh_get(s, h, arena, &r, &scratch) == MC_OK &&
            r.client_id == client->id)
            grant = r.grant_id;
    } else if (secret_form(token, MC_AUTH_TOKEN_PREFIX)) {
        hash_text(token, h);
        struct mc_api_token t;
        if (mc_store_api_token_get(s, h, now, arena, &t, &scratch) == MC_OK &&
            mc_store_oauth_refresh_by_access(s, t.id, arena, &r, &scratch) == MC_OK &&
            r.client_id == client->id)
            access = t.id;
    }
    if (grant || access) {
        rc = mc_store_begin(s, e);
        if (!rc)
            rc = grant ? mc_store_oauth_grant_revoke(s, grant, now, NULL, e)
                       : mc_store_api_token_revoke(s, access, now, e);
        if (rc == MC_ERR_CONFLICT)
            rc = MC_OK;
        if (!rc)
            rc = audit(s, r.user_id, "oauth.revoke", client->client_id,
                       json_pack("{s:s}", "what", grant ? "grant" : "access token"), now, e);
        if (!rc)
            rc = mc_store_commit(s, e);
        if (rc)
            mc_store_rollback(s);
    }
    mc_arena_free(arena);
    return rc;
}
