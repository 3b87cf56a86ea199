/* SPDX-License-Identifier: Apache-2.0 */
/* The operations a store backend implements (SQLite now, PostgreSQL later); store.c dispatches. */
#ifndef MC_STORE_BACKEND_H
#define MC_STORE_BACKEND_H

#include "store/store.h"

/*
 * The catalog filter after store.c has checked it: the type is a known name, limit is 1..100,
 * offset >= 0, negative numbers mean "no filter", and q is split into 0..MC_CATALOG_WORDS_MAX
 * words (NUL-terminated, no white space, not escaped: the backend matches them as plain text,
 * ASCII case-insensitively, anywhere in title, summary, description, org names, skill names).
 */
struct mc_catalog_query {
    const char *type;
    const char *provider;
    const char *skill;
    int64_t max_price_cents;
    int64_t max_weeks;
    const char *words[MC_CATALOG_WORDS_MAX];
    size_t n_words;
    int64_t limit;
    int64_t offset;
};

/*
 * Every backend's connection struct starts with a struct mc_store, so the functions below can
 * take the public handle and the backend can cast it to its own type. store.c has validated the
 * arguments (slugs, required fields, enum ranges, limits) before it calls an operation, and it
 * tracks whether a transaction is open.
 */
struct mc_store {
    const struct mc_store_ops *ops;
    bool in_tx;
};

struct mc_store_ops {
    const char *name; /* "sqlite" */
    /* `location` is the backend's own part (a path for SQLite); `*out` is freed by close. */
    enum mc_rc (*open)(const char *location, unsigned flags, struct mc_store **out,
                       struct mc_err *e);
    void (*close)(struct mc_store *s);
    enum mc_rc (*schema_version)(struct mc_store *s, int *out, struct mc_err *e);
    enum mc_rc (*begin)(struct mc_store *s, struct mc_err *e);
    enum mc_rc (*commit)(struct mc_store *s, struct mc_err *e);
    void (*rollback)(struct mc_store *s);

    enum mc_rc (*catalog_search)(struct mc_store *s, const struct mc_catalog_query *q,
                                 struct mc_arena *arena, struct mc_catalog_page *out,
                                 struct mc_err *e);

    enum mc_rc (*org_put)(struct mc_store *s, struct mc_org *o, struct mc_err *e);
    /* by slug when `slug` is not NULL, else by id */
    enum mc_rc (*org_get)(struct mc_store *s, const char *slug, int64_t id, struct mc_arena *arena,
                          struct mc_org *out, struct mc_err *e);
    enum mc_rc (*demo_org_count)(struct mc_store *s, int64_t *out, struct mc_err *e);
    enum mc_rc (*skill_framework_put)(struct mc_store *s, struct mc_skill_framework *f,
                                      struct mc_err *e);
    enum mc_rc (*skill_framework_get)(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                      struct mc_skill_framework *out, struct mc_err *e);
    enum mc_rc (*skill_put)(struct mc_store *s, struct mc_skill *k, struct mc_err *e);
    enum mc_rc (*skill_list)(struct mc_store *s, struct mc_arena *arena, struct mc_skill **out,
                             size_t *n, struct mc_err *e);
    enum mc_rc (*skill_get)(struct mc_store *s, const char *slug, struct mc_arena *arena,
                            struct mc_skill *out, struct mc_err *e);
    enum mc_rc (*achievement_put)(struct mc_store *s, struct mc_achievement *a, struct mc_err *e);
    /* by slug (and version) when `slug` is not NULL, else by id */
    enum mc_rc (*achievement_get)(struct mc_store *s, const char *slug, int version, int64_t id,
                                  struct mc_arena *arena, struct mc_achievement *out,
                                  struct mc_err *e);
    enum mc_rc (*course_put)(struct mc_store *s, struct mc_course *c, struct mc_err *e);
    enum mc_rc (*course_get)(struct mc_store *s, const char *slug, struct mc_arena *arena,
                             struct mc_course *out, struct mc_err *e);
    enum mc_rc (*assessment_put)(struct mc_store *s, struct mc_assessment *a, struct mc_err *e);
    enum mc_rc (*assessment_get)(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                 struct mc_assessment *out, struct mc_err *e);
    enum mc_rc (*assessment_list)(struct mc_store *s, int64_t course_id, struct mc_arena *arena,
                                  struct mc_assessment **out, size_t *n, struct mc_err *e);
    enum mc_rc (*program_put)(struct mc_store *s, struct mc_program *p, struct mc_err *e);
    enum mc_rc (*program_get)(struct mc_store *s, const char *slug, struct mc_arena *arena,
                              struct mc_program *out, struct mc_err *e);

    enum mc_rc (*user_put)(struct mc_store *s, struct mc_user *u, struct mc_err *e);
    /* by email when `email` is not NULL, else by id */
    enum mc_rc (*user_get)(struct mc_store *s, const char *email, int64_t id,
                           struct mc_arena *arena, struct mc_user *out, struct mc_err *e);
    enum mc_rc (*membership_add)(struct mc_store *s, int64_t user_id, int64_t org_id,
                                 enum mc_role role, struct mc_err *e);
    enum mc_rc (*membership_list)(struct mc_store *s, int64_t user_id, struct mc_arena *arena,
                                  struct mc_membership **out, size_t *n, struct mc_err *e);

    /* sessions and API tokens */
    enum mc_rc (*session_put)(struct mc_store *s, struct mc_session *ses, struct mc_err *e);
    enum mc_rc (*session_get)(struct mc_store *s, const uint8_t *token_hash, int64_t now,
                              struct mc_arena *arena, struct mc_session *out, struct mc_err *e);
    enum mc_rc (*session_touch)(struct mc_store *s, int64_t id, int64_t now, int64_t idle,
                                int64_t max_age, int64_t *expires_at, struct mc_err *e);
    /* one session when id > 0; else every session of user_id, or (both 0) every session that
     * expired before `now`; `*count` (may be NULL) gets how many went */
    enum mc_rc (*session_delete)(struct mc_store *s, int64_t id, int64_t user_id, int64_t now,
                                 int64_t *count, struct mc_err *e);
    enum mc_rc (*api_token_put)(struct mc_store *s, struct mc_api_token *t, struct mc_err *e);
    /* by prefix when `prefix` is not NULL (any state), else by hash (valid at `now`) */
    enum mc_rc (*api_token_get)(struct mc_store *s, const uint8_t *token_hash, const char *prefix,
                                int64_t now, struct mc_arena *arena, struct mc_api_token *out,
                                struct mc_err *e);
    enum mc_rc (*api_token_list)(struct mc_store *s, int64_t user_id, struct mc_arena *arena,
                                 struct mc_api_token **out, size_t *n, struct mc_err *e);
    enum mc_rc (*api_token_revoke)(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e);
    enum mc_rc (*api_token_touch)(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e);
    enum mc_rc (*user_set_password_hash)(struct mc_store *s, int64_t user_id, const char *hash,
                                         struct mc_err *e);
    enum mc_rc (*user_set_platform_admin)(struct mc_store *s, int64_t user_id, bool is_admin,
                                          struct mc_err *e);

    enum mc_rc (*signing_key_put)(struct mc_store *s, struct mc_signing_key *k, struct mc_err *e);
    /* org_id 0: every organisation's, by id */
    enum mc_rc (*signing_key_list)(struct mc_store *s, int64_t org_id, struct mc_arena *arena,
                                   struct mc_signing_key **out, size_t *n, struct mc_err *e);
    /* reason NULL: retire; else revoke */
    enum mc_rc (*signing_key_retire)(struct mc_store *s, int64_t id, int64_t at, const char *reason,
                                     struct mc_err *e);
    enum mc_rc (*signing_key_reseal)(struct mc_store *s, int64_t id, const uint8_t *sealed,
                                     size_t len, struct mc_err *e);

    enum mc_rc (*status_list_put)(struct mc_store *s, struct mc_status_list_row *l,
                                  struct mc_err *e);
    /* the newest of (org_id, purpose) when `purpose` is not NULL; else by path when not NULL;
     * else by id */
    enum mc_rc (*status_list_get)(struct mc_store *s, int64_t org_id, const char *purpose,
                                  int64_t id, const char *path, struct mc_arena *arena,
                                  struct mc_status_list_row *out, struct mc_err *e);
    enum mc_rc (*status_list_taken)(struct mc_store *s, int64_t list_id, int64_t idx, bool *taken,
                                    struct mc_err *e);
    enum mc_rc (*status_list_claim)(struct mc_store *s, int64_t list_id, int64_t idx,
                                    const char *credential_id, struct mc_err *e);
    enum mc_rc (*status_list_update)(struct mc_store *s, int64_t list_id, const uint8_t *bits,
                                     size_t len, const char *published, struct mc_err *e);
    enum mc_rc (*credential_put)(struct mc_store *s, struct mc_credential_row *c, struct mc_err *e);
    /* by (org_id, idempotency key) when `key` is not NULL, else by id */
    enum mc_rc (*credential_get)(struct mc_store *s, int64_t org_id, const char *id,
                                 const char *key, struct mc_arena *arena,
                                 struct mc_credential_row *out, struct mc_err *e);
    enum mc_rc (*credential_set_status)(struct mc_store *s, const char *id, const char *status,
                                        const char *reason, int64_t at, struct mc_err *e);
    enum mc_rc (*credential_count)(struct mc_store *s, int64_t org_id, int64_t *out,
                                   struct mc_err *e);
    enum mc_rc (*credential_list)(struct mc_store *s, int64_t org_id, int64_t limit, int64_t offset,
                                  struct mc_arena *arena, struct mc_credential_row **out, size_t *n,
                                  struct mc_err *e);
    enum mc_rc (*program_set_status)(struct mc_store *s, const char *slug,
                                     enum mc_publish_status status, struct mc_err *e);
    enum mc_rc (*org_set_trust)(struct mc_store *s, int64_t id, bool verified, bool accredited,
                                struct mc_err *e);
    enum mc_rc (*skills_by_id)(struct mc_store *s, const int64_t *ids, size_t n,
                               struct mc_arena *arena, struct mc_skill **out, struct mc_err *e);

    enum mc_rc (*issuer_analytics)(struct mc_store *s, int64_t org_id, int64_t since,
                                   struct mc_arena *arena, struct mc_issuer_analytics *out,
                                   struct mc_err *e);
    enum mc_rc (*profile_set)(struct mc_store *s, const struct mc_learner_profile *p,
                              struct mc_err *e);
    enum mc_rc (*profile_get)(struct mc_store *s, const char *handle, struct mc_arena *arena,
                              struct mc_learner_profile *out, struct mc_err *e);
    enum mc_rc (*credential_list_for_user)(struct mc_store *s, int64_t user_id, int64_t limit,
                                           struct mc_arena *arena,
                                           struct mc_credential_summary **out, size_t *n,
                                           struct mc_err *e);
    enum mc_rc (*stacked_programs)(struct mc_store *s, struct mc_arena *arena,
                                   struct mc_stacked_program **out, size_t *n, struct mc_err *e);
    enum mc_rc (*held_achievements)(struct mc_store *s, int64_t user_id, int64_t now,
                                    struct mc_arena *arena, struct mc_held_achievement **out,
                                    size_t *n, struct mc_err *e);
    enum mc_rc (*plan_offerings)(struct mc_store *s, struct mc_arena *arena,
                                 struct mc_plan_offering **out, size_t *n, struct mc_err *e);
    enum mc_rc (*learner_skill_ids)(struct mc_store *s, int64_t user_id, int64_t now,
                                    struct mc_arena *arena, int64_t **out, size_t *n,
                                    struct mc_err *e);
    enum mc_rc (*job_role_skill_ids)(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                     int64_t **out, size_t *n, struct mc_err *e);
    enum mc_rc (*achievement_repoint)(struct mc_store *s, int64_t old_id, int64_t new_id,
                                      struct mc_err *e);
    enum mc_rc (*talent_search)(struct mc_store *s, const int64_t *skill_ids, size_t n_skills,
                                bool verified_only, int64_t now, int64_t limit,
                                struct mc_arena *arena, struct mc_talent **out, size_t *n,
                                struct mc_err *e);
    enum mc_rc (*user_set_search_opt_in)(struct mc_store *s, int64_t user_id, bool opt_in,
                                         struct mc_err *e);
    enum mc_rc (*job_role_put)(struct mc_store *s, struct mc_job_role *r, struct mc_err *e);
    enum mc_rc (*job_role_list)(struct mc_store *s, struct mc_arena *arena,
                                struct mc_job_role **out, size_t *n, struct mc_err *e);
    enum mc_rc (*job_role_get)(struct mc_store *s, const char *slug, struct mc_arena *arena,
                               struct mc_job_role *out, struct mc_err *e);
    enum mc_rc (*program_set_rule)(struct mc_store *s, int64_t program_id, const char *rule,
                                   bool revoke_on_loss, struct mc_err *e);
    enum mc_rc (*assignment_put)(struct mc_store *s, struct mc_assignment *a, struct mc_err *e);
    enum mc_rc (*team)(struct mc_store *s, int64_t org_id, int64_t now, struct mc_arena *arena,
                       struct mc_team *out, struct mc_err *e);
    enum mc_rc (*recognition_put)(struct mc_store *s, struct mc_recognition *r, struct mc_err *e);
    enum mc_rc (*recognitions_for)(struct mc_store *s, int64_t program_id, struct mc_arena *arena,
                                   struct mc_recognition **out, size_t *n, struct mc_err *e);
    enum mc_rc (*credit_credentials)(struct mc_store *s, int64_t user_id, int64_t now,
                                     struct mc_arena *arena, struct mc_credit_row **out, size_t *n,
                                     struct mc_err *e);
    enum mc_rc (*setting_get)(struct mc_store *s, const char *name, struct mc_arena *arena,
                              const char **value, struct mc_err *e);
    enum mc_rc (*setting_set)(struct mc_store *s, const char *name, const char *value,
                              struct mc_err *e);

    enum mc_rc (*audit_append)(struct mc_store *s, struct mc_audit_entry *entry, struct mc_err *e);
    enum mc_rc (*audit_list)(struct mc_store *s, const char *target_type, const char *target_id,
                             int64_t limit, struct mc_arena *arena, struct mc_audit_entry **out,
                             size_t *n, struct mc_err *e);

    /* --- learning --- */
    enum mc_rc (*enrollment_put)(struct mc_store *s, struct mc_enrollment *en, struct mc_err *e);
    enum mc_rc (*enrollment_get)(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                 struct mc_enrollment *out, struct mc_err *e);
    enum mc_rc (*enrollment_list)(struct mc_store *s, int64_t learner_user_id,
                                  struct mc_arena *arena, struct mc_enrollment **out, size_t *n,
                                  struct mc_err *e);
    enum mc_rc (*enrollment_set_status)(struct mc_store *s, int64_t id,
                                        enum mc_enrollment_status status, int64_t at,
                                        struct mc_err *e);
    enum mc_rc (*submission_put)(struct mc_store *s, struct mc_submission *sub, struct mc_err *e);
    enum mc_rc (*submission_get)(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                 struct mc_submission *out, struct mc_err *e);
    enum mc_rc (*submission_count)(struct mc_store *s, int64_t learner_user_id,
                                   int64_t assessment_id, int *out, struct mc_err *e);
    enum mc_rc (*answers_put)(struct mc_store *s, int64_t submission_id,
                              const struct mc_answer_row *rows, size_t n, struct mc_err *e);
    enum mc_rc (*answers_list)(struct mc_store *s, int64_t submission_id, struct mc_arena *arena,
                               struct mc_answer_row **out, size_t *n, struct mc_err *e);
    enum mc_rc (*result_put)(struct mc_store *s, struct mc_result *r, struct mc_err *e);
    enum mc_rc (*result_get)(struct mc_store *s, int64_t submission_id, struct mc_arena *arena,
                             struct mc_result *out, struct mc_err *e);
    enum mc_rc (*best_results)(struct mc_store *s, int64_t learner_user_id, int64_t course_id,
                               struct mc_arena *arena, struct mc_best_result **out, size_t *n,
                               struct mc_err *e);
    enum mc_rc (*grading_queue)(struct mc_store *s, int64_t org_id, int64_t limit, int64_t offset,
                                struct mc_arena *arena, struct mc_queue_item **out, size_t *n,
                                struct mc_err *e);
    enum mc_rc (*course_get_by_id)(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                   struct mc_course *out, struct mc_err *e);
    enum mc_rc (*program_get_by_id)(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                    struct mc_program *out, struct mc_err *e);
    enum mc_rc (*user_holds_achievement)(struct mc_store *s, int64_t user_id,
                                         int64_t achievement_id, bool *out, struct mc_err *e);

    /* --- OAuth 2.0 and the Open Badges 3.0 API --- */
    enum mc_rc (*oauth_client_put)(struct mc_store *s, struct mc_oauth_client *c, struct mc_err *e);
    /* by client_id when it is not NULL, else by row id */
    enum mc_rc (*oauth_client_get)(struct mc_store *s, const char *client_id, int64_t id,
                                   struct mc_arena *arena, struct mc_oauth_client *out,
                                   struct mc_err *e);
    enum mc_rc (*oauth_code_put)(struct mc_store *s, struct mc_oauth_code *c, struct mc_err *e);
    enum mc_rc (*oauth_code_get)(struct mc_store *s, const uint8_t *hash, struct mc_arena *arena,
                                 struct mc_oauth_code *out, struct mc_err *e);
    enum mc_rc (*oauth_code_use)(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e);
    enum mc_rc (*oauth_refresh_put)(struct mc_store *s, struct mc_oauth_refresh *r,
                                    struct mc_err *e);
    /* by hash when it is not NULL, else by access token id */
    enum mc_rc (*oauth_refresh_get)(struct mc_store *s, const uint8_t *hash,
                                    int64_t access_token_id, struct mc_arena *arena,
                                    struct mc_oauth_refresh *out, struct mc_err *e);
    enum mc_rc (*oauth_refresh_use)(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e);
    enum mc_rc (*oauth_grant_revoke)(struct mc_store *s, int64_t grant_id, int64_t at,
                                     int64_t *count, struct mc_err *e);
    enum mc_rc (*ob_credential_list)(struct mc_store *s, int64_t user_id, int64_t since,
                                     int64_t limit, int64_t offset, struct mc_arena *arena,
                                     struct mc_ob_credential **out, size_t *n, int64_t *total,
                                     struct mc_err *e);
    enum mc_rc (*imported_credential_put)(struct mc_store *s, struct mc_imported_credential *c,
                                          bool *created, struct mc_err *e);
    enum mc_rc (*imported_credential_list)(struct mc_store *s, int64_t user_id, int64_t limit,
                                           struct mc_arena *arena,
                                           struct mc_imported_credential **out, size_t *n,
                                           struct mc_err *e);
    enum mc_rc (*user_set_name)(struct mc_store *s, int64_t user_id, const char *name,
                                struct mc_err *e);
};

/* The SQLite backend (src/store/sqlite/). */
extern const struct mc_store_ops mc_store_sqlite_ops;
/* The number of the last migration embedded for SQLite. */
int mc_store_sqlite_schema_latest(void);

#endif
