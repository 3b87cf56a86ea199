/* SPDX-License-Identifier: Apache-2.0 */
/*
 * OAuth 2.0 for the Open Badges 3.0 API, as its security section asks: dynamic client
 * registration (RFC 7591), the authorization code grant (RFC 6749 §4.1) with PKCE (RFC 7636,
 * S256 only), refresh tokens (§6) rotated at each use with reuse detection, and revocation
 * (RFC 7009). The protocol logic, without HTTP: the HTTP layer parses requests into the structs
 * below and turns the answers into redirects and JSON.
 *
 * Access tokens are the platform's API tokens (app/auth.h), carrying only the Open Badges
 * scopes granted, so mc_auth_token resolves them like any other. Codes, refresh tokens and
 * client secrets are random 32-byte secrets stored as their SHA-256.
 */
#ifndef MC_APP_OAUTH_H
#define MC_APP_OAUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/auth.h"
#include "base/arena.h"
#include "store/store.h"

/* Lifetimes in seconds. */
#define MC_OAUTH_CODE_TTL    60
#define MC_OAUTH_ACCESS_TTL  3600
#define MC_OAUTH_REFRESH_TTL (90 * 24 * 3600)

/* The scopes a client may ask for: the four of the Open Badges 3.0 API. */
#define MC_OAUTH_SCOPES                                                \
    (MC_SCOPE_OB_CREDENTIAL_READONLY | MC_SCOPE_OB_CREDENTIAL_UPSERT | \
     MC_SCOPE_OB_PROFILE_READONLY | MC_SCOPE_OB_PROFILE_UPDATE)

/* Secrets we hand out: a prefix ("mco_" codes, "mcr_" refresh tokens, "mcs_" client secrets,
 * "mcc_" client ids) and base64url, NUL-terminated. */
#define MC_OAUTH_SECRET_SIZE 48

/* The error codes of RFC 6749 §4.1.2.1 and §5.2, RFC 7591 §3.2.2 and RFC 7009 §2.2.1. */
enum mc_oauth_error {
    MC_OAUTH_OK = 0,
    MC_OAUTH_INVALID_REQUEST,
    MC_OAUTH_INVALID_CLIENT,
    MC_OAUTH_INVALID_GRANT,
    MC_OAUTH_UNAUTHORIZED_CLIENT,
    MC_OAUTH_UNSUPPORTED_GRANT_TYPE,
    MC_OAUTH_INVALID_SCOPE,
    MC_OAUTH_ACCESS_DENIED,
    MC_OAUTH_UNSUPPORTED_RESPONSE_TYPE,
    MC_OAUTH_SERVER_ERROR,
    MC_OAUTH_INVALID_REDIRECT_URI,
    MC_OAUTH_INVALID_CLIENT_METADATA,
    MC_OAUTH_UNSUPPORTED_TOKEN_TYPE,
};

/* "invalid_request", ...; "server_error" for anything unknown. */
const char *mc_oauth_error_name(enum mc_oauth_error err);

/* --- PKCE (RFC 7636) --- */

/* §4.1: a code verifier is 43..128 characters of [A-Za-z0-9-._~]. */
bool mc_oauth_pkce_verifier_valid(const char *v, size_t len);
/* An S256 challenge is base64url of a SHA-256 without padding: 43 characters. */
bool mc_oauth_pkce_challenge_valid(const char *c, size_t len);
/* §4.2: code_challenge = BASE64URL(SHA256(ASCII(code_verifier))), into out[0..44). */
void mc_oauth_pkce_s256(const char *verifier, size_t len, char out[44]);
/* §4.6: whether `verifier` is valid and its S256 is `challenge` (compared in constant time). */
bool mc_oauth_pkce_check(const char *verifier, size_t len, const char *challenge);

/* --- clients --- */

/*
 * A redirect URI a client may register: an absolute https URI, or http on a loopback host
 * (localhost, 127.0.0.1, [::1]) for native apps (RFC 8252 §7.3), without a fragment, at most
 * 2000 bytes, no white space. MC_ERR_INVALID saying why.
 */
enum mc_rc mc_oauth_redirect_uri_check(const char *uri, struct mc_err *e);

/*
 * Parse scope names separated by spaces into a mask of MC_OAUTH_SCOPES bits. An empty or
 * absent text is MC_OAUTH_SCOPES. An unknown scope, or one outside `allowed`, is
 * MC_ERR_INVALID naming it.
 */
enum mc_rc mc_oauth_scope_parse(const char *text, uint32_t allowed, uint32_t *mask,
                                struct mc_err *e);

/* Client metadata (RFC 7591 §2) as a client sends it. Strings are borrowed. */
struct mc_oauth_registration {
    const char *client_name;          /* required */
    const char *const *redirect_uris; /* at least one */
    size_t n_redirect_uris;
    const char *scope;       /* NULL: all four Open Badges scopes */
    const char *auth_method; /* token_endpoint_auth_method; NULL: client_secret_basic */
    const char *client_uri, *logo_uri, *tos_uri, *policy_uri; /* optional https URLs */
    const char *software_id, *software_version;               /* optional */
};

struct mc_oauth_registered {
    char client_id[MC_OAUTH_SECRET_SIZE];
    char client_secret[MC_OAUTH_SECRET_SIZE]; /* "" for a public client: shown once */
    struct mc_oauth_client row;               /* strings in the arena */
};

/*
 * Register a client (RFC 7591 §3.1): check the metadata and store it with a new client id and,
 * unless auth_method is "none", a new secret. out->row.metadata is the registered metadata as
 * JSON text (client_name, redirect_uris, scope, token_endpoint_auth_method, grant_types,
 * response_types and the optional members given), which the registration response repeats.
 * MC_ERR_INVALID with `*oerr` invalid_redirect_uri or invalid_client_metadata and a message
 * naming the field. Grant types other than authorization_code and refresh_token are refused by
 * the HTTP layer. Audited as "oauth.client-register".
 */
enum mc_rc mc_oauth_register(struct mc_store *s, const struct mc_oauth_registration *reg,
                             int64_t now, struct mc_arena *arena, struct mc_oauth_registered *out,
                             enum mc_oauth_error *oerr, struct mc_err *e);

/*
 * Authenticate a client at the token or revocation endpoint: a confidential client must send
 * its secret (`secret`, by HTTP Basic or in the body: either is accepted), compared as hashes in
 * constant time; a public client (registered with "none") must send none (NULL). MC_ERR_AUTH
 * otherwise, saying the same for an unknown client_id.
 */
enum mc_rc mc_oauth_client_auth(struct mc_store *s, const char *client_id, const char *secret,
                                struct mc_arena *arena, struct mc_oauth_client *out,
                                struct mc_err *e);

/* Whether `uri` is one of the client's registered redirect URIs (exact match). */
bool mc_oauth_client_has_redirect(const struct mc_oauth_client *c, const char *uri);

/* --- the authorization endpoint --- */

/* The parameters of an authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3); borrowed. */
struct mc_oauth_authz_request {
    const char *response_type;
    const char *client_id;
    const char *redirect_uri; /* NULL: the client's only registered one */
    const char *scope;        /* NULL: what the client registered */
    const char *state;
    const char *code_challenge;
    const char *code_challenge_method;
};

/* A checked authorization request. */
struct mc_oauth_authz {
    struct mc_oauth_client client;
    const char *redirect_uri; /* where to answer (arena) */
    bool redirect_given;
    uint32_t scopes;
};

/*
 * Check an authorization request. Errors are MC_ERR_INVALID with `*oerr` set; with
 * `*can_redirect` false (an unknown client, a redirect URI missing, unregistered or ambiguous)
 * the error must be shown to the person and never sent to the redirect URI (§4.1.2.1);
 * otherwise `out->redirect_uri` is where to send it, with the state.
 */
enum mc_rc mc_oauth_authorize_check(struct mc_store *s, const struct mc_oauth_authz_request *r,
                                    struct mc_arena *arena, struct mc_oauth_authz *out,
                                    bool *can_redirect, enum mc_oauth_error *oerr,
                                    struct mc_err *e);

/* A new authorization code for `user_id`, after they approved `a` (checked as above), bound to
 * the client, the redirect URI, the scopes and the PKCE challenge; valid MC_OAUTH_CODE_TTL s. */
enum mc_rc mc_oauth_code_issue(struct mc_store *s, const struct mc_oauth_authz *a,
                               const char *code_challenge, int64_t user_id, int64_t now,
                               char code[MC_OAUTH_SECRET_SIZE], struct mc_err *e);

/* --- the token endpoint --- */

struct mc_oauth_tokens {
    char access_token[MC_AUTH_TOKEN_SIZE];
    char refresh_token[MC_OAUTH_SECRET_SIZE];
    int64_t expires_in;
    uint32_t scopes;
    const char *scope; /* the granted scopes' names (arena) */
};

/*
 * grant_type=authorization_code (§4.1.3, RFC 7636 §4.6): the code must be the client's,
 * unused and unexpired; the redirect URI must be the one of the authorization request when
 * that request named one; the verifier must match the challenge. A code presented a second
 * time is refused and the grant issued with it is revoked (§4.1.2). Answers MC_ERR_INVALID with
 * `*oerr` invalid_grant or invalid_request. Opens its own transaction.
 */
enum mc_rc mc_oauth_exchange_code(struct mc_store *s, const struct mc_oauth_client *client,
                                  const char *code, const char *redirect_uri, const char *verifier,
                                  int64_t now, struct mc_arena *arena, struct mc_oauth_tokens *out,
                                  enum mc_oauth_error *oerr, struct mc_err *e);

/*
 * grant_type=refresh_token (§6): a new access token and a new refresh token (rotation); the old
 * refresh token stops working and its access token is revoked. `scope` (NULL: the same) may
 * only narrow. A refresh token presented after it was rotated is a replay: the whole grant is
 * revoked (OAuth 2.0 Security BCP §4.14.2) and the answer is invalid_grant. Opens its own
 * transaction.
 */
enum mc_rc mc_oauth_refresh(struct mc_store *s, const struct mc_oauth_client *client,
                            const char *refresh_token, const char *scope, int64_t now,
                            struct mc_arena *arena, struct mc_oauth_tokens *out,
                            enum mc_oauth_error *oerr, struct mc_err *e);

/*
 * RFC 7009: revoke a refresh token (and its whole grant) or an access token issued to
 * `client`. A token that is unknown, already revoked or another client's is MC_OK (§2.2: the
 * answer does not tell). Opens its own transaction.
 */
enum mc_rc mc_oauth_revoke(struct mc_store *s, const struct mc_oauth_client *client,
                           const char *token, int64_t now, struct mc_err *e);

#endif
