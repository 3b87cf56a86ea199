/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Accounts and authorization: signing in with a password (verified off the request threads,
 * rate limited), browser sessions, API tokens, the principal a request acts as, and the one
 * authorization check every endpoint makes, mc_authz_require.
 *
 * Secrets (session tokens, API tokens) are 32 random bytes; the database keeps only their
 * SHA-256, so reading it gives nobody a way in. CSRF tokens are kept in clear with the session
 * (they are not credentials on their own).
 */
#ifndef MC_APP_AUTH_H
#define MC_APP_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/hash-pool.h"
#include "app/ratelimit.h"
#include "base/arena.h"
#include "store/store.h"

/* --- the role lattice --- */

/*
 * A role held in an organisation grants itself and the roles below it:
 *
 *     owner  >  issuer-admin  >  assessor          learner          employer
 *
 * An owner manages the organisation (members, keys) and can do all an issuer-admin can; an
 * issuer-admin manages the catalog and issues and revokes credentials, and can do all an
 * assessor can; an assessor grades submissions. learner and employer stand alone: they grant
 * nothing of the issuing side, and the issuing roles do not grant them. Platform administrators
 * (users.is_platform_admin) pass every role check in every organisation.
 */
#define MC_ROLE_BIT(r) (1u << (unsigned)(r))
/* The roles (a mask of MC_ROLE_BIT) that holding `r` grants; 0 for an unknown role. */
uint32_t mc_role_grants(enum mc_role r);

/* --- scopes --- */

/*
 * What an API token may do, whoever its user is; a session (a person in a browser) carries all
 * of them. Each scope is one bit; a token's scopes are stored as their names separated by
 * spaces. The last four are the Open Badges 3.0 API's OAuth scopes.
 */
enum mc_scope {
    MC_SCOPE_CREDENTIALS_READ = 1u << 0,       /* "credentials:read" */
    MC_SCOPE_CREDENTIALS_ISSUE = 1u << 1,      /* "credentials:issue" */
    MC_SCOPE_CREDENTIALS_REVOKE = 1u << 2,     /* "credentials:revoke" (and suspend) */
    MC_SCOPE_CATALOG_WRITE = 1u << 3,          /* "catalog:write" */
    MC_SCOPE_LEARNERS_READ = 1u << 4,          /* "learners:read" */
    MC_SCOPE_ASSESSMENTS_GRADE = 1u << 5,      /* "assessments:grade" */
    MC_SCOPE_PROFILE_READ = 1u << 6,           /* "profile:read" */
    MC_SCOPE_PROFILE_WRITE = 1u << 7,          /* "profile:write" */
    MC_SCOPE_ORG_MANAGE = 1u << 8,             /* "org:manage" (members, keys, settings) */
    MC_SCOPE_OB_CREDENTIAL_READONLY = 1u << 9, /* ".../scope/credential.readonly" */
    MC_SCOPE_OB_CREDENTIAL_UPSERT = 1u << 10,  /* ".../scope/credential.upsert" */
    MC_SCOPE_OB_PROFILE_READONLY = 1u << 11,   /* ".../scope/profile.readonly" */
    MC_SCOPE_OB_PROFILE_UPDATE = 1u << 12,     /* ".../scope/profile.update" */
};
#define MC_SCOPE_COUNT 13
#define MC_SCOPE_ALL   ((1u << MC_SCOPE_COUNT) - 1u)
/* The prefix of the Open Badges 3.0 scopes' names. */
#define MC_SCOPE_OB_PREFIX "https://purl.imsglobal.org/spec/ob/v3p0/scope/"

/* The name of one scope bit ("credentials:issue"); NULL for anything else. */
const char *mc_scope_name(uint32_t scope);
/*
 * Parse scope names separated by white space into a mask. An unknown name is MC_ERR_INVALID
 * quoting it and listing the known ones; no names at all is MC_ERR_INVALID too.
 */
enum mc_rc mc_scope_parse(const char *text, uint32_t *mask, struct mc_err *e);
/* The names of `mask` separated by single spaces, in the order of enum mc_scope (arena). */
char *mc_scope_format(uint32_t mask, struct mc_arena *arena);

/* --- principals --- */

enum mc_principal_kind {
    MC_PRINCIPAL_NONE = 0, /* nobody signed in */
    MC_PRINCIPAL_SESSION,  /* a browser session (cookie) */
    MC_PRINCIPAL_TOKEN,    /* an API token (Authorization: Bearer) */
};

/* Who a request acts as. Strings and arrays are in the arena the resolving call was given. */
struct mc_principal {
    enum mc_principal_kind kind;
    int64_t user_id;
    const char *email;
    const char *name;
    bool is_platform_admin;
    const struct mc_membership *memberships; /* the user's roles, by organisation slug */
    size_t n_memberships;
    uint32_t scopes; /* MC_SCOPE_ALL for a session */
    int64_t org_id;  /* a token limited to one organisation; 0: not limited */
    /* sessions */
    int64_t session_id;
    int64_t expires_at;
    const char *csrf; /* the token state-changing requests must send back */
    /* tokens */
    int64_t token_id;
    const char *token_prefix;
};

/* --- sessions --- */

/*
 * Sessions last MC_AUTH_SESSION_IDLE seconds after the last request (sliding), and never more
 * than MC_AUTH_SESSION_MAX_AGE after signing in. The slide is written at most every
 * MC_AUTH_TOUCH_EVERY seconds, so most requests do not write to the database.
 */
#define MC_AUTH_SESSION_IDLE    (2 * 24 * 3600)
#define MC_AUTH_SESSION_MAX_AGE (14 * 24 * 3600)
#define MC_AUTH_TOUCH_EVERY     300

/* For the HTTP layer: the session cookie's name (prefixed "__Host-" when served over https) and
 * the form field and header that carry the CSRF token. */
#define MC_AUTH_COOKIE_NAME "mcred_session"
#define MC_AUTH_CSRF_FIELD  "csrf_token"
#define MC_AUTH_CSRF_HEADER "X-CSRF-Token"

/* A session token or CSRF token: base64url of 32 random bytes (43 characters) and NUL. */
#define MC_AUTH_SECRET_SIZE 44

struct mc_auth_login_out {
    char token[MC_AUTH_SECRET_SIZE]; /* the session cookie's value; shown to nobody else */
    char csrf[MC_AUTH_SECRET_SIZE];
    int64_t session_id;
    int64_t user_id;
    int64_t expires_at;
    int64_t retry_after; /* seconds, when the answer is MC_ERR_FORBIDDEN (rate limited) */
};

/*
 * Sign in with an email address and a password, from client address `ip` (may be NULL) with
 * `user_agent` (may be NULL), at `now`. The password is verified on `pool` (NULL: on this
 * thread). On success a session is created and `out` holds its token and CSRF token; a
 * password hash made at an older cost is replaced. Audited as "user.login", failures as
 * "user.login-failed" with the reason and the address (never the password, nor an email that
 * has no account).
 *
 * Answers: MC_ERR_AUTH "wrong email or password" (the same for an unknown email, which costs
 * the same time); MC_ERR_FORBIDDEN "too many attempts, try again in N s" with out->retry_after
 * when `limits` (may be NULL) locks the address or the account; MC_ERR_TOO_LARGE when the pool
 * is busy; MC_ERR_INVALID when the email or password is missing or the password is longer than
 * MC_PASSWORD_MAX. Opens its own transaction: the caller must not have one open.
 */
enum mc_rc mc_auth_login(struct mc_store *s, struct mc_hash_pool *pool, struct mc_ratelimit *limits,
                         const char *email, const char *password, size_t password_len,
                         const char *ip, const char *user_agent, int64_t now,
                         struct mc_auth_login_out *out, struct mc_err *e);

/*
 * The principal of a session cookie's value `token[0..len)` at `now`. MC_ERR_AUTH "no such
 * session" or "session expired". Slides the expiry (see above).
 */
enum mc_rc mc_auth_session(struct mc_store *s, const char *token, size_t len, int64_t now,
                           struct mc_arena *arena, struct mc_principal *out, struct mc_err *e);

/* Sign out: delete the principal's session, audited as "user.logout". */
enum mc_rc mc_auth_logout(struct mc_store *s, const struct mc_principal *p, struct mc_err *e);

/*
 * Whether `submitted[0..len)` is the session's CSRF token, compared in constant time. Always
 * true for an API token (a browser never sends one by itself, so it cannot be forged across
 * sites); false for a session when nothing or something else was submitted.
 */
bool mc_auth_csrf_check(const struct mc_principal *p, const char *submitted, size_t len);

/* --- API tokens --- */

/* "mct_" and base64url of 32 random bytes; the first MC_AUTH_TOKEN_PREFIX_LEN characters are
 * the prefix lists show. */
#define MC_AUTH_TOKEN_PREFIX     "mct_"
#define MC_AUTH_TOKEN_SIZE       (4 + 43 + 1)
#define MC_AUTH_TOKEN_PREFIX_LEN 12

/*
 * A new API token for `user_id` named `name`, carrying the scopes named in `scopes` (separated
 * by white space), limited to organisation `org_id` (0: not limited; otherwise the user must
 * hold a role there or be a platform administrator), expiring at `expires_at` (0: never). The
 * token's text goes to `token` — the only time it exists outside the caller: show it once. The
 * stored row goes to `*row` (may be NULL; strings in `arena`). Audited as "api-token.create" by
 * `actor_user_id` (0: the system).
 */
enum mc_rc mc_auth_token_create(struct mc_store *s, int64_t actor_user_id, int64_t user_id,
                                const char *name, const char *scopes, int64_t org_id,
                                int64_t expires_at, int64_t now, struct mc_arena *arena,
                                char token[MC_AUTH_TOKEN_SIZE], struct mc_api_token *row,
                                struct mc_err *e);

/*
 * The principal of a bearer token `bearer[0..len)` at `now`: MC_ERR_AUTH "unknown token",
 * "token revoked" or "token expired". Records the use (at most once a minute).
 */
enum mc_rc mc_auth_token(struct mc_store *s, const char *bearer, size_t len, int64_t now,
                         struct mc_arena *arena, struct mc_principal *out, struct mc_err *e);

/* Revoke the token with this prefix, audited as "api-token.revoke" by `actor_user_id`.
 * MC_ERR_NOT_FOUND, or MC_ERR_CONFLICT when revoked already. */
enum mc_rc mc_auth_token_revoke(struct mc_store *s, int64_t actor_user_id, const char *prefix,
                                int64_t now, struct mc_err *e);

/* --- passwords --- */

/*
 * Check a new password against the policy and hash it on `pool` (NULL: on this thread), for
 * a user about to be created. MC_ERR_INVALID with the policy's message.
 */
enum mc_rc mc_auth_new_password_hash(struct mc_hash_pool *pool, const char *password, size_t len,
                                     char out[MC_PASSWORD_HASH_SIZE], struct mc_err *e);

/*
 * Give a user a new password (checked against the policy) and sign out all of their sessions,
 * audited as "user.password-set" by `actor_user_id`. Opens its own transaction.
 */
enum mc_rc mc_auth_set_password(struct mc_store *s, struct mc_hash_pool *pool,
                                int64_t actor_user_id, int64_t user_id, const char *password,
                                size_t len, struct mc_err *e);

/* --- authorization --- */

/*
 * The one check every endpoint makes before it acts: may `p` do something that needs
 * `scope` (one MC_SCOPE_* bit, or 0 for none) and one of the roles in `role_mask` (a mask of
 * MC_ROLE_BIT; 0 for none) in organisation `org_id` (0: the action belongs to no
 * organisation, and a role anywhere will do)?
 *
 * - Nobody signed in: MC_ERR_AUTH.
 * - The token lacks the scope: MC_ERR_FORBIDDEN naming the scope. Scopes bind platform
 *   administrators' tokens too.
 * - A token limited to another organisation: MC_ERR_FORBIDDEN.
 * - Platform administrators pass the role check; anyone else must hold, in `org_id`, a role
 *   that grants (mc_role_grants) one in `role_mask`.
 *
 * A refusal about an organisation says the same whether or not the organisation, or the object
 * the caller looked up in it, exists ("not allowed: this needs the role ... in the
 * organisation"), so it reveals nothing about other organisations.
 */
enum mc_rc mc_authz_require(const struct mc_principal *p, int64_t org_id, uint32_t role_mask,
                            uint32_t scope, struct mc_err *e);

#endif
