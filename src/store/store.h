/* SPDX-License-Identifier: Apache-2.0 */
/* The store: one interface to the domain's persistent state, whatever database is behind it. */
#ifndef MC_STORE_STORE_H
#define MC_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "core/catalog.h"
#include "mcred/error.h"

/*
 * A struct mc_store is one connection to the database. It is not thread-safe: a thread uses its
 * own, or borrows one from a struct mc_store_pool. Functions speak of the domain (organisations,
 * programs, credentials), never of SQL; each backend (SQLite now, PostgreSQL later) implements
 * the same operations (store-backend.h). Results point into an arena the caller passes.
 */
struct mc_store;

enum mc_store_flags {
    MC_STORE_CREATE = 1 << 0,   /* create the database if it does not exist */
    MC_STORE_READONLY = 1 << 1, /* open for reading only (no migrations are run) */
};

/*
 * Open the database at `location` (a file path for SQLite) and bring its schema up to date by
 * running the numbered migrations it has not had yet. Without MC_STORE_CREATE a missing
 * database is MC_ERR_NOT_FOUND. If the database cannot be created or migrated, nothing is left
 * behind that was not there before (a new file is removed). On success `*out` is the caller's,
 * closed with mc_store_close().
 */
enum mc_rc mc_store_open(const char *location, unsigned flags, struct mc_store **out,
                         struct mc_err *e);
/* Close and free. NULL is allowed. */
void mc_store_close(struct mc_store *s);

/* The schema version: the number of the last migration applied. */
enum mc_rc mc_store_schema_version(struct mc_store *s, int *out, struct mc_err *e);
/* The schema version this build's migrations reach. */
int mc_store_schema_latest(void);

/* Transactions: begin, then commit or roll back. They do not nest. */
enum mc_rc mc_store_begin(struct mc_store *s, struct mc_err *e);
enum mc_rc mc_store_commit(struct mc_store *s, struct mc_err *e);
void mc_store_rollback(struct mc_store *s);

/*
 * The public catalog: published programs matching `f`, ordered by title then id, one page of
 * them, and the total number of matches. Invalid filter values are MC_ERR_INVALID with a
 * message naming the field (and e->where set to it): an unknown type, limit outside 1..100,
 * offset < 0, a q longer than MC_CATALOG_Q_MAX bytes or with more than MC_CATALOG_WORDS_MAX
 * words. q matches ASCII case-insensitively; '%' and '_' in it are plain characters. The page
 * points into `arena`.
 */
#define MC_CATALOG_Q_MAX     256
#define MC_CATALOG_WORDS_MAX 8
enum mc_rc mc_store_catalog_search(struct mc_store *s, const struct mc_catalog_filter *f,
                                   struct mc_arena *arena, struct mc_catalog_page *out,
                                   struct mc_err *e);

/*
 * A fixed set of connections to one database, shared by threads (the HTTP server's pool).
 * acquire blocks until one is free; release gives it back.
 */
struct mc_store_pool;

enum mc_rc mc_store_pool_new(const char *location, unsigned flags, size_t size,
                             struct mc_store_pool **out, struct mc_err *e);
void mc_store_pool_free(struct mc_store_pool *p);
struct mc_store *mc_store_pool_acquire(struct mc_store_pool *p);
void mc_store_pool_release(struct mc_store_pool *p, struct mc_store *s);

/*
 * --- entity operations ---
 *
 * Conventions for all of them:
 * - A put inserts a new row, reads the struct only during the call and fills in its `id` (and
 *   the ids of child rows where the struct has them). A slug that exists already is
 *   MC_ERR_CONFLICT with a message naming it; a missing required field, a malformed slug
 *   ([a-z0-9-], 1..100 bytes) or an enum out of range is MC_ERR_INVALID naming the field; a
 *   reference to a row that does not exist is MC_ERR_INVALID ("... does not exist"). A put with
 *   child rows is all-or-nothing, inside or outside a transaction.
 * - A get fills `*out` with strings and arrays allocated from `arena` (they live as long as the
 *   arena); an unknown slug is MC_ERR_NOT_FOUND with a message naming it.
 * - Timestamps are Unix seconds (UTC).
 */

/* Whether `slug` is one by the rules every put applies ([a-z0-9-], 1..100 bytes), so a caller
 * can check one before it writes: MC_ERR_INVALID naming `field` (also in e->where) if not. */
enum mc_rc mc_store_slug_check(const char *slug, const char *field, struct mc_err *e);

/* Organisations. */
enum mc_rc mc_store_org_put(struct mc_store *s, struct mc_org *o, struct mc_err *e);
enum mc_rc mc_store_org_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                            struct mc_org *out, struct mc_err *e);
enum mc_rc mc_store_org_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                  struct mc_org *out, struct mc_err *e);
/* Set the operator's trust flags of an organisation (MC_ERR_NOT_FOUND for an unknown id). */
enum mc_rc mc_store_org_set_trust(struct mc_store *s, int64_t id, bool verified, bool accredited,
                                  struct mc_err *e);
/* How many organisations are marked is_demo: non-zero means the demo data is loaded. */
enum mc_rc mc_store_demo_org_count(struct mc_store *s, int64_t *out, struct mc_err *e);

/* Skill frameworks and skills (a skill's slug is unique across frameworks). */
enum mc_rc mc_store_skill_framework_put(struct mc_store *s, struct mc_skill_framework *f,
                                        struct mc_err *e);
enum mc_rc mc_store_skill_framework_get(struct mc_store *s, const char *slug,
                                        struct mc_arena *arena, struct mc_skill_framework *out,
                                        struct mc_err *e);
enum mc_rc mc_store_skill_put(struct mc_store *s, struct mc_skill *k, struct mc_err *e);
/* Every skill (at most MC_STORE_SKILLS_LISTED), by name then slug: an arena array of `*n`. */
#define MC_STORE_SKILLS_LISTED 10000
enum mc_rc mc_store_skill_list(struct mc_store *s, struct mc_arena *arena, struct mc_skill **out,
                               size_t *n, struct mc_err *e);
enum mc_rc mc_store_skill_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                              struct mc_skill *out, struct mc_err *e);

/*
 * Achievements, with their learning outcomes (in order) and aligned skills. (slug, version) is
 * unique: a new version is a put with the same slug and a higher version. get with version 0
 * returns the highest version.
 */
enum mc_rc mc_store_achievement_put(struct mc_store *s, struct mc_achievement *a, struct mc_err *e);
enum mc_rc mc_store_achievement_get(struct mc_store *s, const char *slug, int version,
                                    struct mc_arena *arena, struct mc_achievement *out,
                                    struct mc_err *e);

/* Courses. */
enum mc_rc mc_store_course_put(struct mc_store *s, struct mc_course *c, struct mc_err *e);
enum mc_rc mc_store_course_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                               struct mc_course *out, struct mc_err *e);

/*
 * Assessments of a course, with their questions (and options) or rubric criteria. put fills in
 * a->id and questions[i].id. Assessments have no slug: get by id, or list a course's in order
 * of creation.
 */
enum mc_rc mc_store_assessment_put(struct mc_store *s, struct mc_assessment *a, struct mc_err *e);
enum mc_rc mc_store_assessment_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                   struct mc_assessment *out, struct mc_err *e);
/* `*out` is an arena array of `*n` assessments (questions and rubric filled in). */
enum mc_rc mc_store_assessment_list(struct mc_store *s, int64_t course_id, struct mc_arena *arena,
                                    struct mc_assessment **out, size_t *n, struct mc_err *e);

/* Programs, with their ordered parts (exactly one of course, child program or achievement set
 * per part) and skills. */
enum mc_rc mc_store_program_put(struct mc_store *s, struct mc_program *p, struct mc_err *e);
enum mc_rc mc_store_program_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                struct mc_program *out, struct mc_err *e);
/* Publish, unpublish (draft) or retire a program; MC_ERR_NOT_FOUND naming an unknown slug. */
enum mc_rc mc_store_program_set_status(struct mc_store *s, const char *slug,
                                       enum mc_publish_status status, struct mc_err *e);

/* --- users and memberships --- */

struct mc_user {
    int64_t id;
    const char *email;         /* unique, compared case-insensitively; required */
    const char *name;          /* required */
    const char *password_hash; /* an encoded password hash (crypto/), NULL if none set */
    bool is_platform_admin;
    bool search_opt_in; /* employers may find this learner by skill */
    const char *did;    /* the learner's DID, optional */
    int64_t created_at; /* set by put when 0 */
};

/* A person's role in an organisation. */
enum mc_role {
    MC_ROLE_OWNER,
    MC_ROLE_ISSUER_ADMIN,
    MC_ROLE_ASSESSOR,
    MC_ROLE_LEARNER,
    MC_ROLE_EMPLOYER,
    MC_ROLE_COUNT
};

/* "owner", "issuer-admin", "assessor", "learner", "employer"; "?" out of range. */
const char *mc_role_name(enum mc_role r);
/* MC_ERR_INVALID listing the accepted names. */
enum mc_rc mc_role_parse(struct mc_str s, enum mc_role *out, struct mc_err *e);

struct mc_membership {
    int64_t user_id;
    int64_t org_id;
    const char *org_slug; /* filled by list */
    const char *org_name; /* filled by list */
    enum mc_role role;
};

/* A new user; an email in use is MC_ERR_CONFLICT. */
enum mc_rc mc_store_user_put(struct mc_store *s, struct mc_user *u, struct mc_err *e);
enum mc_rc mc_store_user_get_by_email(struct mc_store *s, const char *email, struct mc_arena *arena,
                                      struct mc_user *out, struct mc_err *e);
enum mc_rc mc_store_user_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                             struct mc_user *out, struct mc_err *e);
/* Give a user a role in an organisation; having it already is MC_ERR_CONFLICT. */
enum mc_rc mc_store_membership_add(struct mc_store *s, int64_t user_id, int64_t org_id,
                                   enum mc_role role, struct mc_err *e);
/* A user's memberships, ordered by organisation slug then role: an arena array of `*n`. */
enum mc_rc mc_store_membership_list(struct mc_store *s, int64_t user_id, struct mc_arena *arena,
                                    struct mc_membership **out, size_t *n, struct mc_err *e);

/* --- sessions and API tokens --- */

/*
 * Sign-in sessions (a browser's cookie) and API tokens (a program's bearer token). The store
 * keeps only a hash of each secret token (app/auth.c makes and hashes them), so a copy of the
 * database signs nobody in. A lookup by hash that finds nothing, or a session or token that
 * expired or was revoked, is MC_ERR_AUTH with a message saying which.
 */
#define MC_TOKEN_HASH_LEN 32

struct mc_session {
    int64_t id;
    uint8_t token_hash[MC_TOKEN_HASH_LEN];
    int64_t user_id;        /* required */
    const char *csrf_token; /* required: the token forms must send back */
    int64_t created_at;     /* set by put when 0 */
    int64_t last_seen_at;   /* set to created_at by put when 0 */
    int64_t expires_at;     /* required, after created_at */
    const char *user_agent; /* optional, at most 512 bytes kept */
    const char *ip;         /* optional */
};

/* A new session; fills in id (and the times left 0). A user that does not exist is
 * MC_ERR_INVALID. */
enum mc_rc mc_store_session_put(struct mc_store *s, struct mc_session *ses, struct mc_err *e);
/* The session with this token hash: MC_ERR_AUTH "no such session" when there is none, "session
 * expired" when expires_at <= now. */
enum mc_rc mc_store_session_get(struct mc_store *s, const uint8_t token_hash[MC_TOKEN_HASH_LEN],
                                int64_t now, struct mc_arena *arena, struct mc_session *out,
                                struct mc_err *e);
/*
 * The session was used at `now`: last_seen_at = now and the expiry slides to now + idle, but
 * never past created_at + max_age (the absolute cap). MC_ERR_AUTH when the session is gone or
 * has expired already. `*expires_at` (may be NULL) gets the new expiry.
 */
enum mc_rc mc_store_session_touch(struct mc_store *s, int64_t id, int64_t now, int64_t idle,
                                  int64_t max_age, int64_t *expires_at, struct mc_err *e);
/* Sign out: delete one session (gone already is MC_OK). */
enum mc_rc mc_store_session_delete(struct mc_store *s, int64_t id, struct mc_err *e);
/* Delete every session of a user (after a password change, or "sign out everywhere");
 * `*count` (may be NULL) gets how many. */
enum mc_rc mc_store_session_delete_user(struct mc_store *s, int64_t user_id, int64_t *count,
                                        struct mc_err *e);
/* Delete the sessions that expired before `now` (housekeeping). */
enum mc_rc mc_store_session_purge(struct mc_store *s, int64_t now, int64_t *count,
                                  struct mc_err *e);

struct mc_api_token {
    int64_t id;
    uint8_t token_hash[MC_TOKEN_HASH_LEN];
    const char *prefix;   /* required: the token's first characters ("mct_ab12cd34"), shown in
                             lists so people can tell their tokens apart; unique */
    int64_t user_id;      /* required: the token acts as this user */
    int64_t org_id;       /* 0: not limited to one organisation */
    const char *org_slug; /* filled by get and list when org_id is set */
    const char *name;     /* required: what it is for */
    const char *scopes;   /* required: scope names separated by single spaces */
    int64_t created_at;   /* set by put when 0 */
    int64_t expires_at;   /* 0: does not expire */
    int64_t last_used_at; /* 0: never used */
    int64_t revoked_at;   /* 0: not revoked */
};

/* A new token; fills in id. A prefix in use is MC_ERR_CONFLICT. */
enum mc_rc mc_store_api_token_put(struct mc_store *s, struct mc_api_token *t, struct mc_err *e);
/* The token with this hash: MC_ERR_AUTH "unknown token", "token revoked" or "token expired"
 * (expires_at <= now). */
enum mc_rc mc_store_api_token_get(struct mc_store *s, const uint8_t token_hash[MC_TOKEN_HASH_LEN],
                                  int64_t now, struct mc_arena *arena, struct mc_api_token *out,
                                  struct mc_err *e);
/* The token with this prefix, whatever its state (MC_ERR_NOT_FOUND naming it). */
enum mc_rc mc_store_api_token_get_by_prefix(struct mc_store *s, const char *prefix,
                                            struct mc_arena *arena, struct mc_api_token *out,
                                            struct mc_err *e);
/* A user's tokens, revoked and expired ones too, newest first: an arena array of `*n`. */
enum mc_rc mc_store_api_token_list(struct mc_store *s, int64_t user_id, struct mc_arena *arena,
                                   struct mc_api_token **out, size_t *n, struct mc_err *e);
/* Revoke a token at `at` (0: now); revoked already is MC_ERR_CONFLICT, unknown MC_ERR_NOT_FOUND. */
enum mc_rc mc_store_api_token_revoke(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e);
/* The token was used at `at`. */
enum mc_rc mc_store_api_token_touch(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e);

/* Replace a user's password hash (NULL: no password, the user cannot sign in with one). */
enum mc_rc mc_store_user_set_password_hash(struct mc_store *s, int64_t user_id, const char *hash,
                                           struct mc_err *e);
/* Make a user a platform administrator, or not. */
enum mc_rc mc_store_user_set_platform_admin(struct mc_store *s, int64_t user_id, bool is_admin,
                                            struct mc_err *e);

/* --- signing keys --- */

/*
 * An issuer's signing key. The secret is stored sealed (crypto/seal.h) under the deployment's
 * master key, bound to key_id. Rotation retires the key that signs and adds a new one; a retired
 * key stays in the issuer's controller document so what it signed still verifies. A revoked key
 * (compromised) is left out of it. At most one key per organisation is neither retired nor
 * revoked: the one that signs.
 */
struct mc_signing_key {
    int64_t id;
    int64_t org_id;
    const char *key_id;           /* the verification method's fragment, unique; required */
    const char *algorithm;        /* "Ed25519" (the default when NULL) */
    const char *public_multibase; /* required */
    const uint8_t *secret_sealed; /* required */
    size_t secret_sealed_len;
    int64_t created_at;         /* set by put when 0 */
    int64_t retired_at;         /* 0: it signs */
    int64_t revoked_at;         /* 0: not revoked */
    const char *revoked_reason; /* when revoked */
};

/* A new key; a second key that signs for the same organisation is MC_ERR_CONFLICT (retire the
 * old one first, in the same transaction). */
enum mc_rc mc_store_signing_key_put(struct mc_store *s, struct mc_signing_key *k, struct mc_err *e);
/* An organisation's keys, newest first: an arena array of `*n` (NULL when none). */
enum mc_rc mc_store_signing_key_list(struct mc_store *s, int64_t org_id, struct mc_arena *arena,
                                     struct mc_signing_key **out, size_t *n, struct mc_err *e);
/* Every key of every organisation, by id (for resealing under a new master key). */
enum mc_rc mc_store_signing_key_list_all(struct mc_store *s, struct mc_arena *arena,
                                         struct mc_signing_key **out, size_t *n, struct mc_err *e);
/* Stop a key signing (at `at`); revoking also takes it out of the controller document, with a
 * reason (required). A key already retired (or revoked) is MC_ERR_CONFLICT; unknown,
 * MC_ERR_NOT_FOUND. */
enum mc_rc mc_store_signing_key_retire(struct mc_store *s, int64_t id, int64_t at,
                                       struct mc_err *e);
enum mc_rc mc_store_signing_key_revoke(struct mc_store *s, int64_t id, int64_t at,
                                       const char *reason, struct mc_err *e);
/* Replace a key's sealed secret (the same secret sealed under a new master key). */
enum mc_rc mc_store_signing_key_reseal(struct mc_store *s, int64_t id, const uint8_t *sealed,
                                       size_t len, struct mc_err *e);

/* --- status lists --- */

/*
 * A Bitstring Status List of an organisation. Lists come in pairs, one per purpose, with the same
 * group number and size: a credential gets the same random index in both. `path` is relative to
 * the public URL ("/status/<org>/<group>/<purpose>"), so the lists follow the URL the platform
 * is served at.
 */
struct mc_status_list_row {
    int64_t id;
    int64_t org_id;
    const char *purpose; /* "revocation" or "suspension" */
    int64_t group;       /* 1, 2, ... per organisation */
    int64_t size;        /* entries (bits), at least 131,072 */
    const uint8_t *bits; /* size / 8 bytes */
    int64_t used;        /* indexes handed out */
    const char *path;
    const char *published; /* the signed list credential (JSON), NULL until published */
    int64_t updated_at;
};

/* A new list; fills in id. (org, purpose, group) and path are unique. */
enum mc_rc mc_store_status_list_put(struct mc_store *s, struct mc_status_list_row *l,
                                    struct mc_err *e);
/* The organisation's newest list for `purpose` (MC_ERR_NOT_FOUND when it has none). */
enum mc_rc mc_store_status_list_latest(struct mc_store *s, int64_t org_id, const char *purpose,
                                       struct mc_arena *arena, struct mc_status_list_row *out,
                                       struct mc_err *e);
/* By id, or by path when `path` is not NULL. */
enum mc_rc mc_store_status_list_get(struct mc_store *s, int64_t id, const char *path,
                                    struct mc_arena *arena, struct mc_status_list_row *out,
                                    struct mc_err *e);
/* Whether index `idx` of the list is handed out. */
enum mc_rc mc_store_status_list_taken(struct mc_store *s, int64_t list_id, int64_t idx, bool *taken,
                                      struct mc_err *e);
/* Hand out index `idx` of the list to a credential (stored already); MC_ERR_CONFLICT when it is
 * taken. Counts it in `used`. */
enum mc_rc mc_store_status_list_claim(struct mc_store *s, int64_t list_id, int64_t idx,
                                      const char *credential_id, struct mc_err *e);
/* Store new bits and the list credential signed over them. */
enum mc_rc mc_store_status_list_update(struct mc_store *s, int64_t list_id, const uint8_t *bits,
                                       size_t len, const char *published, struct mc_err *e);

/* --- credentials --- */

/* An issued (or imported) credential: the signed document verbatim and what the platform needs
 * to find it, list it and change its status. */
struct mc_credential_row {
    const char *id; /* the credential's id, "urn:uuid:..."; required */
    int64_t achievement_id;
    int achievement_version;
    int64_t issuer_org_id;
    int64_t signing_key_id;           /* 0: none (imported) */
    int64_t recipient_user_id;        /* 0: not a platform user */
    const char *recipient_email_hash; /* the IdentityObject's "sha256$..." */
    const char *recipient_did;
    const char *recipient_name; /* for the issuer's own records; the document holds a hash */
    int64_t issued_at, valid_from;
    int64_t valid_until; /* 0: does not expire */
    const char *status;  /* "active" (default), "revoked", "suspended" */
    const char *status_reason;
    int64_t status_changed_at;
    const char *document;                         /* required */
    const char *format;                           /* "ob3-ldp" (default), "ob3-jwt", "clr2-ldp" */
    int64_t revocation_list_id, revocation_index; /* 0 / -1: none */
    int64_t suspension_list_id, suspension_index;
    const char *idempotency_key; /* unique per issuer when set */
    int64_t enrollment_id;
    const char *search_name;
    bool is_imported;
};

/* A new credential. An idempotency key the issuer used already is MC_ERR_CONFLICT naming it. */
enum mc_rc mc_store_credential_put(struct mc_store *s, struct mc_credential_row *c,
                                   struct mc_err *e);
/* By id (MC_ERR_NOT_FOUND naming it). */
enum mc_rc mc_store_credential_get(struct mc_store *s, const char *id, struct mc_arena *arena,
                                   struct mc_credential_row *out, struct mc_err *e);
/* The issuer's credential with this idempotency key (MC_ERR_NOT_FOUND when none). */
enum mc_rc mc_store_credential_by_key(struct mc_store *s, int64_t org_id, const char *key,
                                      struct mc_arena *arena, struct mc_credential_row *out,
                                      struct mc_err *e);
/* Set status ("active", "revoked", "suspended") with its reason and time. */
enum mc_rc mc_store_credential_set_status(struct mc_store *s, const char *id, const char *status,
                                          const char *reason, int64_t at, struct mc_err *e);
/* How many credentials an issuer has issued (all statuses). */
enum mc_rc mc_store_credential_count(struct mc_store *s, int64_t org_id, int64_t *out,
                                     struct mc_err *e);
/* One page of an issuer's credentials, newest first (by issued_at, then the order they were
 * stored): `limit` 1..100, `offset` >= 0 (MC_ERR_INVALID naming them otherwise). An arena array
 * of `*n` rows (NULL when none), documents included. */
enum mc_rc mc_store_credential_list(struct mc_store *s, int64_t org_id, int64_t limit,
                                    int64_t offset, struct mc_arena *arena,
                                    struct mc_credential_row **out, size_t *n, struct mc_err *e);

/* An achievement by id, with its outcomes and skills. */
enum mc_rc mc_store_achievement_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                          struct mc_achievement *out, struct mc_err *e);
/* The skills of `ids[0..n)` in the same order (an arena array), for alignments. */
enum mc_rc mc_store_skills_by_id(struct mc_store *s, const int64_t *ids, size_t n,
                                 struct mc_arena *arena, struct mc_skill **out, struct mc_err *e);

/* --- issuer analytics --- */

#define MC_ANALYTICS_MAX_ROWS   500 /* programs listed */
#define MC_ANALYTICS_TOP_SKILLS 10  /* skills listed */

struct mc_analytics_month {
    const char *month; /* "YYYY-MM" (UTC) */
    int64_t issued;
};
struct mc_analytics_program {
    const char *slug, *title;
    int64_t enrolled, completed; /* enrollments, and those completed */
    int64_t credentials;         /* issued for the program's achievement */
};
struct mc_analytics_skill {
    const char *slug, *name;
    int64_t credentials; /* active credentials certifying it */
};
/* An issuer's figures (credentials it issued, not imported ones). Arrays in `arena`. */
struct mc_issuer_analytics {
    struct mc_analytics_month *months; /* issued per month since `since`, oldest first */
    size_t n_months;
    int64_t active, revoked, suspended;
    struct mc_analytics_program *programs; /* the programs it offers, by title */
    size_t n_programs;
    struct mc_analytics_skill *skills; /* the most certified skills, most first */
    size_t n_skills;
};

enum mc_rc mc_store_issuer_analytics(struct mc_store *s, int64_t org_id, int64_t since,
                                     struct mc_arena *arena, struct mc_issuer_analytics *out,
                                     struct mc_err *e);

/* --- learner profiles --- */

/* A learner's public profile at /u/<handle>, shown only when `public_profile` is set. */
struct mc_learner_profile {
    int64_t user_id;
    const char *handle;   /* [a-z0-9-], 2..40, unique */
    const char *name;     /* the user's name (read only) */
    const char *headline; /* optional, at most 200 bytes */
    bool public_profile;
};

/* Create or replace a user's profile; a handle in use is MC_ERR_CONFLICT, a malformed one
 * MC_ERR_INVALID naming it. */
enum mc_rc mc_store_profile_set(struct mc_store *s, const struct mc_learner_profile *p,
                                struct mc_err *e);
/* By handle (public or not: the caller decides what to show). */
enum mc_rc mc_store_profile_get(struct mc_store *s, const char *handle, struct mc_arena *arena,
                                struct mc_learner_profile *out, struct mc_err *e);

/* A line of a learner's list of credentials. */
struct mc_credential_summary {
    const char *id;
    const char *name; /* the achievement's name at issue time */
    int64_t issuer_org_id;
    const char *issuer_slug, *issuer_name;
    int64_t issued_at, valid_until; /* valid_until 0: does not expire */
    const char *status;             /* active, revoked, suspended */
    bool is_imported;
};
/* The credentials issued to (or imported by) a platform user, newest first, at most `limit`
 * (1..1000): an arena array of `*n`. */
enum mc_rc mc_store_credential_list_for_user(struct mc_store *s, int64_t user_id, int64_t limit,
                                             struct mc_arena *arena,
                                             struct mc_credential_summary **out, size_t *n,
                                             struct mc_err *e);

/* --- stacking --- */

/* A program with a stacking rule: the credential its rule awards. */
struct mc_stacked_program {
    int64_t id;
    const char *slug;
    int64_t achievement_id;     /* 0: the program awards nothing */
    int64_t institution_org_id; /* who issues the stacked credential */
    const char *rule;           /* the rule's JSON text */
    bool revoke_on_loss; /* revoke, not suspend, the stacked credential when the rule fails */
};
/* Every program that has a stacking rule (at most 10,000): an arena array of `*n`. */
enum mc_rc mc_store_stacked_programs(struct mc_store *s, struct mc_arena *arena,
                                     struct mc_stacked_program **out, size_t *n, struct mc_err *e);

/* An achievement a learner holds: an active credential, valid at `now`, named by the newest
 * version of its achievement (rules name achievements by slug, which the newest version
 * carries). */
struct mc_held_achievement {
    int64_t achievement_id;
    int64_t issuer_org_id;
    double ects, hours; /* < 0: not stated */
    const char *credential_id;
    const char *idempotency_key;
};
/* What platform user `user_id` holds (at most 10,000): an arena array of `*n`. */
enum mc_rc mc_store_held_achievements(struct mc_store *s, int64_t user_id, int64_t now,
                                      struct mc_arena *arena, struct mc_held_achievement **out,
                                      size_t *n, struct mc_err *e);

/* --- planning --- */

/* A published program as the path planner sees it. */
struct mc_plan_offering {
    int64_t id;
    const char *slug, *title;
    enum mc_program_type type;
    int64_t price_cents;
    enum mc_price_model price_model;
    const char *currency;
    int duration_weeks;
    double hours_per_week; /* < 0: not stated */
    int64_t achievement_id;
    int64_t *skill_ids; /* the program's and its achievement's skills, each once */
    size_t n_skills;
};
/* Every published program (at most 100,000), by id: an arena array of `*n`. */
enum mc_rc mc_store_plan_offerings(struct mc_store *s, struct mc_arena *arena,
                                   struct mc_plan_offering **out, size_t *n, struct mc_err *e);
/* The skills a learner holds: declared ones with a credential behind them, and those of the
 * achievements of their active credentials valid at `now` (each once). */
enum mc_rc mc_store_learner_skill_ids(struct mc_store *s, int64_t user_id, int64_t now,
                                      struct mc_arena *arena, int64_t **out, size_t *n,
                                      struct mc_err *e);
/* The skills a job role requires (MC_ERR_NOT_FOUND naming an unknown role). */
enum mc_rc mc_store_job_role_skill_ids(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                       int64_t **out, size_t *n, struct mc_err *e);

/* --- achievement versions --- */

/* Move the courses, programs and program parts that award achievement row `old_id` to `new_id`
 * (a newer version of it); credentials keep the version they were issued under. */
enum mc_rc mc_store_achievement_repoint(struct mc_store *s, int64_t old_id, int64_t new_id,
                                        struct mc_err *e);

/* --- talent search and job roles --- */

/* A learner found by skill: only learners who opted in to employer search are ever returned. */
struct mc_talent {
    int64_t user_id;
    const char *name;
    const char *handle;  /* their public profile's handle, NULL if none is public */
    size_t n_verified;   /* the searched skills backed by an active credential */
    size_t n_declared;   /* the searched skills only declared by the learner */
    int64_t credentials; /* active credentials */
};
#define MC_TALENT_SKILLS_MAX 50
/* Learners who opted in and hold every skill of `skill_ids` (verified by an active, unexpired
 * credential; with `verified_only` false, declared skills count too), most verified skills and
 * credentials first, at most `limit` (1..200): an arena array of `*n`. */
enum mc_rc mc_store_talent_search(struct mc_store *s, const int64_t *skill_ids, size_t n_skills,
                                  bool verified_only, int64_t now, int64_t limit,
                                  struct mc_arena *arena, struct mc_talent **out, size_t *n,
                                  struct mc_err *e);
/* Whether employers may find the user by skill. */
enum mc_rc mc_store_user_set_search_opt_in(struct mc_store *s, int64_t user_id, bool opt_in,
                                           struct mc_err *e);

struct mc_job_role_skill {
    int64_t skill_id;
    int level;                           /* 1..5 */
    const char *skill_slug, *skill_name; /* filled on read; ignored by put */
};
struct mc_job_role {
    int64_t id;
    const char *slug, *title, *description;
    int64_t org_id;                  /* 0: a general role */
    const char *org_slug, *org_name; /* filled on read (NULL for a general role); ignored by put */
    bool is_demo;                    /* demo data (mcred demo) */
    const struct mc_job_role_skill *skills;
    size_t n_skills;
};
/* The most skills a job role lists, and the most roles a list returns. */
#define MC_JOB_ROLE_SKILLS_MAX 100
#define MC_JOB_ROLES_MAX       10000
/* A new job role with its skills, at most MC_JOB_ROLE_SKILLS_MAX (slug in use: MC_ERR_CONFLICT). */
enum mc_rc mc_store_job_role_put(struct mc_store *s, struct mc_job_role *r, struct mc_err *e);
/*
 * Every job role, ordered by title then slug (at most MC_JOB_ROLES_MAX): an arena array of `*n`,
 * NULL when there are none. Each role comes with its organisation's slug and name and its
 * skills (highest level first, then by skill slug) with their slugs and names, all in `arena`.
 */
enum mc_rc mc_store_job_role_list(struct mc_store *s, struct mc_arena *arena,
                                  struct mc_job_role **out, size_t *n, struct mc_err *e);
/* One job role by slug, filled as by mc_store_job_role_list (strings in `arena`);
 * MC_ERR_NOT_FOUND naming the slug when there is none. */
enum mc_rc mc_store_job_role_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                 struct mc_job_role *out, struct mc_err *e);

/* --- stacking rules --- */

/* Store a program's stacking rule (its canonical JSON text; NULL removes it) and whether a
 * stacked credential is revoked rather than suspended when the rule fails. MC_ERR_NOT_FOUND for
 * an unknown program. The caller checked the rule (core/stacking.h). */
enum mc_rc mc_store_program_set_rule(struct mc_store *s, int64_t program_id, const char *rule,
                                     bool revoke_on_loss, struct mc_err *e);

/* --- corporate training --- */

/* A program an organisation assigned to one of its people. */
struct mc_assignment {
    int64_t id;
    int64_t org_id, user_id, program_id;
    int64_t assigned_by_user_id; /* 0: the system */
    int64_t due_at;              /* 0: no date */
    int64_t created_at;          /* set by put when 0 */
};
enum mc_rc mc_store_assignment_put(struct mc_store *s, struct mc_assignment *a, struct mc_err *e);

/* One cell group of a team skill matrix: a member, a skill they hold (verified by an active
 * credential), or an assignment with the member's enrollment status in it. */
struct mc_team_member {
    int64_t user_id;
    const char *name, *email;
};
struct mc_team_skill {
    int64_t user_id, skill_id;
    const char *skill_slug, *skill_name;
};
struct mc_team_assignment {
    int64_t user_id;
    const char *program_slug, *program_title;
    int64_t due_at;
    const char *enrollment; /* the member's enrollment status in it, NULL if not enrolled */
};
struct mc_team {
    struct mc_team_member *members; /* the organisation's learners and employers, by name */
    size_t n_members;
    struct mc_team_skill *skills; /* every verified skill of every member */
    size_t n_skills;
    struct mc_team_assignment *assignments;
    size_t n_assignments;
};
/* An organisation's team (at most 10,000 rows of each kind), in `arena`. */
enum mc_rc mc_store_team(struct mc_store *s, int64_t org_id, int64_t now, struct mc_arena *arena,
                         struct mc_team *out, struct mc_err *e);

/* --- recognition agreements --- */

/* A university's agreement: achievement X from provider P counts toward its program Y. */
struct mc_recognition {
    int64_t id;
    int64_t university_org_id, provider_org_id, achievement_id, target_program_id;
    double credits;
    const char *unit;   /* "ects" or "hours" */
    double max_credits; /* < 0: no cap */
    int64_t valid_from; /* Unix seconds */
    int64_t valid_to;   /* 0: open-ended */
    const char *note;
};
enum mc_rc mc_store_recognition_put(struct mc_store *s, struct mc_recognition *r, struct mc_err *e);
/* The agreements toward program `program_id` of its institution, each naming the newest
 * version of its achievement (so credentials of any version match): an arena array. */
enum mc_rc mc_store_recognitions_for(struct mc_store *s, int64_t program_id, struct mc_arena *arena,
                                     struct mc_recognition **out, size_t *n, struct mc_err *e);
/* A learner's active credentials for counting credit: id, achievement (newest version of it),
 * issuer, issue date. */
struct mc_credit_row {
    const char *id;
    int64_t achievement_id, issuer_org_id, issued_at;
};
enum mc_rc mc_store_credit_credentials(struct mc_store *s, int64_t user_id, int64_t now,
                                       struct mc_arena *arena, struct mc_credit_row **out,
                                       size_t *n, struct mc_err *e);

/* --- settings --- */

/* A deployment setting ("public_url", ...): MC_ERR_NOT_FOUND when unset. */
enum mc_rc mc_store_setting_get(struct mc_store *s, const char *name, struct mc_arena *arena,
                                const char **value, struct mc_err *e);
/* Set (or replace) a setting. */
enum mc_rc mc_store_setting_set(struct mc_store *s, const char *name, const char *value,
                                struct mc_err *e);

/* --- audit log --- */

struct mc_audit_entry {
    int64_t id;
    int64_t at;              /* set by append when 0 */
    int64_t actor_user_id;   /* 0: the system (CLI, demo loader) */
    int64_t org_id;          /* 0: none */
    const char *action;      /* required, e.g. "credential.issue", "demo.load" */
    const char *target_type; /* optional, e.g. "credential" */
    const char *target_id;   /* optional, e.g. "urn:uuid:..." or a slug */
    const char *detail_json; /* optional JSON text */
};

/* Append one entry; fills in e->id and e->at (if 0). */
enum mc_rc mc_store_audit_append(struct mc_store *s, struct mc_audit_entry *entry,
                                 struct mc_err *e);
/* The newest `limit` (1..1000) entries about one target (both NULL: about anything), newest
 * first: an arena array of `*n`. */
enum mc_rc mc_store_audit_list(struct mc_store *s, const char *target_type, const char *target_id,
                               int64_t limit, struct mc_arena *arena, struct mc_audit_entry **out,
                               size_t *n, struct mc_err *e);

/* --- learning --- */

/*
 * Enrollments, submissions, their answers and results, as app/learning.c uses them. Every
 * write is one statement or runs inside a savepoint, so it is all-or-nothing; the service
 * wraps them in its transaction (an attempt number is max + 1 of the learner's attempts, read
 * and written in the same statement).
 */

enum mc_enrollment_status {
    MC_ENROLL_ACTIVE,
    MC_ENROLL_COMPLETED,
    MC_ENROLL_WITHDRAWN,
    MC_ENROLL_REFUNDED,
    MC_ENROLL_EXPIRED,
    MC_ENROLL_STATUS_COUNT
};
/* "active", "completed", "withdrawn", "refunded", "expired"; "?" out of range. */
const char *mc_enrollment_status_name(enum mc_enrollment_status st);

/* A learner's enrollment in a course or a program (exactly one), with the price terms that
 * applied when they enrolled. */
struct mc_enrollment {
    int64_t id;
    int64_t learner_user_id; /* required */
    int64_t course_id;       /* a course, or */
    int64_t program_id;      /* a program */
    enum mc_enrollment_status status;
    enum mc_price_model price_model;
    int64_t price_cents;  /* >= 0 */
    const char *currency; /* ISO 4217; "USD" when NULL */
    bool audit_only;      /* taking it free, without assessments or a credential */
    int64_t enrolled_at;  /* set by put when 0 */
    int64_t completed_at; /* 0: not completed */
    int64_t withdrawn_at; /* 0: not withdrawn */
};

/* A new enrollment; fills in id. The learner enrolled in that course or program already is
 * MC_ERR_CONFLICT; a learner, course or program that does not exist is MC_ERR_INVALID. */
enum mc_rc mc_store_enrollment_put(struct mc_store *s, struct mc_enrollment *en, struct mc_err *e);
/* By id (MC_ERR_NOT_FOUND naming it). */
enum mc_rc mc_store_enrollment_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                   struct mc_enrollment *out, struct mc_err *e);
/* A learner's enrollments, oldest first: an arena array of `*n` (NULL when none). */
enum mc_rc mc_store_enrollment_list(struct mc_store *s, int64_t learner_user_id,
                                    struct mc_arena *arena, struct mc_enrollment **out, size_t *n,
                                    struct mc_err *e);
/* Set the status at `at` (0: now): completed sets completed_at, withdrawn sets withdrawn_at.
 * MC_ERR_NOT_FOUND for an unknown enrollment. */
enum mc_rc mc_store_enrollment_set_status(struct mc_store *s, int64_t id,
                                          enum mc_enrollment_status status, int64_t at,
                                          struct mc_err *e);

enum mc_content_kind {
    MC_CONTENT_ANSWERS, /* a test's answers (rows of mc_store_answers_put) */
    MC_CONTENT_TEXT,    /* an essay's text */
    MC_CONTENT_URL,     /* a link to the work (a repository, a portfolio) */
    MC_CONTENT_FILE,    /* an uploaded file */
    MC_CONTENT_KIND_COUNT
};
/* "answers", "text", "url", "file"; "?" out of range. */
const char *mc_content_kind_name(enum mc_content_kind k);

enum mc_submission_status {
    MC_SUBMISSION_SUBMITTED,
    MC_SUBMISSION_GRADING,
    MC_SUBMISSION_GRADED,
    MC_SUBMISSION_WITHDRAWN,
    MC_SUBMISSION_STATUS_COUNT
};
/* "submitted", "grading", "graded", "withdrawn"; "?" out of range. */
const char *mc_submission_status_name(enum mc_submission_status st);

/* Text is bounded so an essay stays an essay; a file is bounded by MC_SUBMISSION_FILE_MAX. */
#define MC_SUBMISSION_TEXT_MAX (1024 * 1024)
#define MC_SUBMISSION_URL_MAX  2048
#define MC_SUBMISSION_FILE_MAX (10 * 1024 * 1024)

/* One attempt at an assessment. */
struct mc_submission {
    int64_t id;
    int64_t assessment_id;   /* required */
    int64_t learner_user_id; /* required */
    int attempt;             /* set by put: 1, 2, ... per learner and assessment */
    enum mc_content_kind kind;
    const char *text;      /* text: required, at most MC_SUBMISSION_TEXT_MAX bytes */
    const char *url;       /* url: required, http(s), at most MC_SUBMISSION_URL_MAX bytes */
    const char *file_name; /* file: required */
    const char *file_type; /* file: a media type, optional */
    const uint8_t *file_data;
    size_t file_len;         /* file: 1..MC_SUBMISSION_FILE_MAX bytes */
    uint8_t file_sha256[32]; /* file: the SHA-256 of the bytes (the caller computes it) */
    enum mc_submission_status status;
    int64_t submitted_at; /* set by put when 0 */
};

/* A new submission; fills in id and attempt. get also returns the file's bytes (in `arena`). */
enum mc_rc mc_store_submission_put(struct mc_store *s, struct mc_submission *sub, struct mc_err *e);
enum mc_rc mc_store_submission_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                   struct mc_submission *out, struct mc_err *e);
/* How many attempts a learner has made at an assessment (submissions of every status). */
enum mc_rc mc_store_submission_count(struct mc_store *s, int64_t learner_user_id,
                                     int64_t assessment_id, int *out, struct mc_err *e);

/* A stored answer to one question of a test submission. */
struct mc_answer_row {
    int64_t question_id;
    const int *selected; /* chosen option positions; NULL with n_selected 0: none */
    size_t n_selected;
    bool has_value; /* numeric_value was given */
    double numeric_value;
    double points; /* what grading gave it */
};

/* Store the answers of a test submission (all or none). A question answered twice is
 * MC_ERR_CONFLICT. */
enum mc_rc mc_store_answers_put(struct mc_store *s, int64_t submission_id,
                                const struct mc_answer_row *rows, size_t n, struct mc_err *e);
/* The answers of a submission, in the order of the test's questions: an arena array. */
enum mc_rc mc_store_answers_list(struct mc_store *s, int64_t submission_id, struct mc_arena *arena,
                                 struct mc_answer_row **out, size_t *n, struct mc_err *e);

/* An assessor's points for one rubric criterion, named by its position in the rubric. */
struct mc_rubric_score_row {
    int position;
    double points;       /* >= 0 */
    const char *comment; /* optional */
};

/* The grade of one submission. */
struct mc_result {
    int64_t id;
    int64_t submission_id; /* required */
    double score;          /* percent, 0..100 */
    bool passed;
    int64_t graded_by_user_id; /* 0: graded automatically */
    const char *feedback;      /* optional */
    int64_t graded_at;         /* set by put when 0 */
    struct mc_rubric_score_row *rubric;
    size_t n_rubric;
};

/*
 * Store the result of a submission, replacing the one it had (a re-grade), with its rubric
 * scores, and mark the submission graded; fills in id (the same id on a re-grade). A position
 * that is not a criterion of the submission's assessment is MC_ERR_INVALID.
 */
enum mc_rc mc_store_result_put(struct mc_store *s, struct mc_result *r, struct mc_err *e);
/* The result of a submission (MC_ERR_NOT_FOUND when it has none), rubric scores by position. */
enum mc_rc mc_store_result_get(struct mc_store *s, int64_t submission_id, struct mc_arena *arena,
                               struct mc_result *out, struct mc_err *e);

/* A learner's best result at one assessment of a course. */
struct mc_best_result {
    int64_t assessment_id;
    int attempts;              /* submissions made */
    int64_t result_id;         /* 0: nothing graded yet */
    int64_t submission_id;     /* the submission of the best result */
    double score;              /* the best score, -1 when nothing is graded */
    bool passed;               /* some result passed */
    enum mc_content_kind kind; /* of the best submission */
    const char *url;           /* its URL when it is a link */
};

/* One row per assessment of the course, in the order of mc_store_assessment_list: the best
 * result by score (a passing one first), or none. An arena array of `*n`. */
enum mc_rc mc_store_best_results(struct mc_store *s, int64_t learner_user_id, int64_t course_id,
                                 struct mc_arena *arena, struct mc_best_result **out, size_t *n,
                                 struct mc_err *e);

/* A submission waiting for an assessor. */
struct mc_queue_item {
    int64_t submission_id;
    int64_t assessment_id;
    enum mc_assessment_kind kind; /* project or essay */
    const char *assessment_title;
    int64_t course_id;
    const char *course_slug;
    int64_t learner_user_id;
    const char *learner_name;
    int attempt;
    enum mc_content_kind content_kind;
    int64_t submitted_at;
};

/* The grading queue of an organisation: submitted, ungraded project and essay submissions of
 * its courses, oldest first; `limit` 1..100, `offset` >= 0. An arena array of `*n`. */
enum mc_rc mc_store_grading_queue(struct mc_store *s, int64_t org_id, int64_t limit, int64_t offset,
                                  struct mc_arena *arena, struct mc_queue_item **out, size_t *n,
                                  struct mc_err *e);

/* Catalog lookups by id that learning needs: a course; a program with its parts and skills. */
enum mc_rc mc_store_course_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                     struct mc_course *out, struct mc_err *e);
enum mc_rc mc_store_program_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                      struct mc_program *out, struct mc_err *e);
/* Whether a user holds an active credential of the achievement `achievement_id` (any version of
 * its slug). */
enum mc_rc mc_store_user_holds_achievement(struct mc_store *s, int64_t user_id,
                                           int64_t achievement_id, bool *out, struct mc_err *e);

/* --- OAuth 2.0 and the Open Badges 3.0 API --- */

/*
 * What app/oauth.c keeps: clients registered with RFC 7591, authorization codes and refresh
 * tokens, each secret as its SHA-256 only (MC_TOKEN_HASH_LEN bytes). A grant is the chain of
 * refresh tokens that started at one code (grant_id is the code's row id); access tokens are
 * rows of api_tokens, linked from the refresh token issued with them. And the credentials users
 * add to their record through the Open Badges API (imported_credentials).
 */

struct mc_oauth_client {
    int64_t id;
    const char *client_id; /* required, unique */
    bool has_secret;       /* false: a public client */
    uint8_t secret_hash[MC_TOKEN_HASH_LEN];
    const char *name;          /* required */
    const char *redirect_uris; /* required: one per line */
    const char *scope;         /* required: scope names separated by single spaces */
    const char *auth_method;   /* "client_secret_basic", "client_secret_post" or "none" */
    const char *metadata;      /* required: the registered metadata as JSON text */
    int64_t created_at;        /* set by put when 0 */
};

/* A new client; fills in id. A client_id in use is MC_ERR_CONFLICT. */
enum mc_rc mc_store_oauth_client_put(struct mc_store *s, struct mc_oauth_client *c,
                                     struct mc_err *e);
/* By client_id (MC_ERR_NOT_FOUND), or by row id with mc_store_oauth_client_get_by_id. */
enum mc_rc mc_store_oauth_client_get(struct mc_store *s, const char *client_id,
                                     struct mc_arena *arena, struct mc_oauth_client *out,
                                     struct mc_err *e);
enum mc_rc mc_store_oauth_client_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                           struct mc_oauth_client *out, struct mc_err *e);

struct mc_oauth_code {
    int64_t id;
    uint8_t code_hash[MC_TOKEN_HASH_LEN];
    int64_t client_id; /* the client's row id; required */
    int64_t user_id;   /* required */
    const char *redirect_uri;
    bool redirect_given; /* the authorization request named the redirect URI */
    const char *scope;
    const char *code_challenge; /* PKCE S256 */
    int64_t created_at;
    int64_t expires_at;
    int64_t used_at; /* 0: not exchanged yet */
};

/* A new code; fills in id. */
enum mc_rc mc_store_oauth_code_put(struct mc_store *s, struct mc_oauth_code *c, struct mc_err *e);
/* The code with this hash, used or not (MC_ERR_NOT_FOUND when unknown). */
enum mc_rc mc_store_oauth_code_get(struct mc_store *s, const uint8_t hash[MC_TOKEN_HASH_LEN],
                                   struct mc_arena *arena, struct mc_oauth_code *out,
                                   struct mc_err *e);
/* Mark a code used at `at`; used already is MC_ERR_CONFLICT (so two exchanges of one code
 * cannot both win). */
enum mc_rc mc_store_oauth_code_use(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e);

struct mc_oauth_refresh {
    int64_t id;
    uint8_t token_hash[MC_TOKEN_HASH_LEN];
    int64_t grant_id;        /* the code the chain started at; required */
    int64_t client_id;       /* required */
    int64_t user_id;         /* required */
    const char *scope;       /* required */
    int64_t access_token_id; /* the access token issued with it; 0: none */
    int64_t created_at;
    int64_t expires_at;
    int64_t used_at;    /* 0: not rotated */
    int64_t revoked_at; /* 0: not revoked */
};

/* A new refresh token; fills in id. */
enum mc_rc mc_store_oauth_refresh_put(struct mc_store *s, struct mc_oauth_refresh *r,
                                      struct mc_err *e);
/* The refresh token with this hash, whatever its state (MC_ERR_NOT_FOUND when unknown). */
enum mc_rc mc_store_oauth_refresh_get(struct mc_store *s, const uint8_t hash[MC_TOKEN_HASH_LEN],
                                      struct mc_arena *arena, struct mc_oauth_refresh *out,
                                      struct mc_err *e);
/* The refresh token issued with access token `api_token_id` (MC_ERR_NOT_FOUND when none). */
enum mc_rc mc_store_oauth_refresh_by_access(struct mc_store *s, int64_t api_token_id,
                                            struct mc_arena *arena, struct mc_oauth_refresh *out,
                                            struct mc_err *e);
/* Mark a refresh token rotated at `at`; rotated or revoked already is MC_ERR_CONFLICT. */
enum mc_rc mc_store_oauth_refresh_use(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e);
/* Revoke a grant at `at`: every refresh token of it and the access tokens issued with them.
 * `*count` (may be NULL) gets how many refresh tokens were revoked now. */
enum mc_rc mc_store_oauth_grant_revoke(struct mc_store *s, int64_t grant_id, int64_t at,
                                       int64_t *count, struct mc_err *e);

/* One credential of a user's record, as the Open Badges API lists it. */
struct mc_ob_credential {
    const char *id;       /* the credential's id */
    const char *document; /* verbatim */
    const char *format;   /* "ob3-ldp" or "ob3-jwt" */
    int64_t issued_at;
    bool is_imported; /* added through the API, not issued here */
};

/*
 * A user's credentials: those the platform issued to them (not revoked; Open Badges formats
 * only) and those they imported, issued after `since` (INT64_MIN: all), ordered by issue time
 * then id; `limit` 1..1000, `offset` >= 0. An arena array of `*n`, and the number of all that
 * match in `*total`.
 */
enum mc_rc mc_store_ob_credential_list(struct mc_store *s, int64_t user_id, int64_t since,
                                       int64_t limit, int64_t offset, struct mc_arena *arena,
                                       struct mc_ob_credential **out, size_t *n, int64_t *total,
                                       struct mc_err *e);

struct mc_imported_credential {
    int64_t id;
    int64_t user_id;           /* required */
    const char *credential_id; /* required */
    const char *issuer;        /* optional */
    const char *document;      /* required */
    const char *format;        /* "ob3-ldp", "ob3-jwt" or "ob2" (any OB 2.0 assertion form) */
    int64_t issued_at;
    int64_t at; /* when it was added or replaced; 0: now */
};

/* Add a credential to a user's record, or replace the one with the same credential id there:
 * `*created` says which. */
enum mc_rc mc_store_imported_credential_put(struct mc_store *s, struct mc_imported_credential *c,
                                            bool *created, struct mc_err *e);
/* The credentials a user added to their wallet, newest first (`at` is when each was added or
 * last replaced), at most `limit` (1..1000): an arena array of `*n`. */
enum mc_rc mc_store_imported_credential_list(struct mc_store *s, int64_t user_id, int64_t limit,
                                             struct mc_arena *arena,
                                             struct mc_imported_credential **out, size_t *n,
                                             struct mc_err *e);

/* Change a user's display name (1..200 bytes). MC_ERR_NOT_FOUND for an unknown user. */
enum mc_rc mc_store_user_set_name(struct mc_store *s, int64_t user_id, const char *name,
                                  struct mc_err *e);

#endif
