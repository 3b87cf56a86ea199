/* SPDX-License-Identifier: Apache-2.0 */
/* Internals of the SQLite backend: the connection, the statement cache, binding helpers. */
#ifndef MC_STORE_SQLITE_H
#define MC_STORE_SQLITE_H

#include <sqlite3.h>

#include "store/store-backend.h"

/* Room for every statement of the backend's files (about 160 now) with some to spare. */
#define MC_SQLITE_CACHE_MAX 256

/* One SQLite connection. Statements are prepared once per connection and kept, keyed by the
 * address of their (static) SQL text. */
struct mc_sqlite {
    struct mc_store base; /* first: a struct mc_store * is a struct mc_sqlite * */
    sqlite3 *db;
    char *path; /* owned */
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } cache[MC_SQLITE_CACHE_MAX];
    size_t n_cache;
};

static inline struct mc_sqlite *mc_sqlite_of(struct mc_store *s)
{
    return (struct mc_sqlite *)s;
}

/*
 * The cached statement for `sql` (a string with static storage), reset and with its bindings
 * cleared. Borrowed: the connection owns it. Call mc_sqlite_reset() when done reading it.
 */
enum mc_rc mc_sqlite_stmt(struct mc_sqlite *q, const char *sql, sqlite3_stmt **out,
                          struct mc_err *e);
/* Reset a statement so it holds no locks; NULL is allowed. */
void mc_sqlite_reset(sqlite3_stmt *st);
/* Record the connection's last error as MC_ERR_DB, saying what we were doing. */
enum mc_rc mc_sqlite_fail(struct mc_sqlite *q, const char *doing, struct mc_err *e);
/*
 * Map the result of sqlite3_step for a write: SQLITE_DONE is MC_OK; a UNIQUE or PRIMARY KEY
 * violation is MC_ERR_CONFLICT; FOREIGN KEY, CHECK and NOT NULL violations are MC_ERR_INVALID;
 * anything else MC_ERR_DB. The message says what we were doing; callers may replace it.
 */
enum mc_rc mc_sqlite_step_done(struct mc_sqlite *q, sqlite3_stmt *st, const char *doing,
                               struct mc_err *e);

/* Run a write statement that returns nothing and reset it. */
enum mc_rc mc_sqlite_exec_stmt(struct mc_sqlite *q, sqlite3_stmt *st, const char *doing,
                               struct mc_err *e);

/* A savepoint around a put with child rows, so it is all-or-nothing in or out of a transaction. */
enum mc_rc mc_sqlite_savepoint(struct mc_sqlite *q, struct mc_err *e);
/* Release it when `rc` is MC_OK, else roll back to it; returns `rc` (or the release failure). */
enum mc_rc mc_sqlite_savepoint_end(struct mc_sqlite *q, enum mc_rc rc, struct mc_err *e);

/* Binding: NULL text, an id of 0 and a negative optional number bind SQL NULL. */
void mc_sqlite_bind_text(sqlite3_stmt *st, int i, const char *s);
void mc_sqlite_bind_id(sqlite3_stmt *st, int i, int64_t id);
void mc_sqlite_bind_opt_double(sqlite3_stmt *st, int i, double v);

/* Reading: a NULL column gives NULL (text), 0 (id) or -1 (optional number). Text is copied
 * into `arena`. */
const char *mc_sqlite_col_text(sqlite3_stmt *st, int i, struct mc_arena *arena);
double mc_sqlite_col_opt_double(sqlite3_stmt *st, int i);

/* Rows read one at a time into a growing heap array of `size`-byte items (zeroed as pushed),
 * copied into an arena when complete (NULL when empty); the caller frees `data` (rows.c). */
struct mc_sqlite_vec {
    char *data;
    size_t n, cap, size;
};
void *mc_sqlite_vec_push(struct mc_sqlite_vec *v);
void *mc_sqlite_vec_to_arena(struct mc_sqlite_vec *v, struct mc_arena *arena);
/* The end of reading rows into `v`: `r` is the last sqlite3_step() result and `*rc` what reading
 * the rows came to so far; a step that did not end with SQLITE_DONE becomes a failure of
 * "`what`". Resets `st`, frees `v`'s heap array, and gives the rows in `arena` with their count
 * in `*n` (NULL and 0 after a failure). */
void *mc_sqlite_vec_finish(struct mc_sqlite *q, sqlite3_stmt *st, int r, struct mc_sqlite_vec *v,
                           struct mc_arena *arena, size_t *n, enum mc_rc *rc, const char *what,
                           struct mc_err *e);
/* Column 0 of every row of `st` (bound already) as int64s, into an arena array; resets `st`. */
enum mc_rc mc_sqlite_read_ids(struct mc_sqlite *q, sqlite3_stmt *st, struct mc_arena *arena,
                              int64_t **out, size_t *n, struct mc_err *e);
/* Whether the row `id` exists (`sql` selects it by ?1), so a bad reference gets a message that
 * names the field rather than SQLite's "FOREIGN KEY constraint failed": MC_ERR_INVALID. */
enum mc_rc mc_sqlite_ref_exists(struct mc_sqlite *q, const char *sql, int64_t id, const char *field,
                                struct mc_err *e);
/* A stored enum name this build does not know (someone edited the database by hand). */
enum mc_rc mc_sqlite_bad_column(struct mc_sqlite *q, const char *column, struct mc_err *e);

/* Unix seconds now. */
int64_t mc_sqlite_now(void);

/* A view of a text column (borrowed until the statement moves on); empty for NULL. */
struct mc_str mc_sqlite_col_str(sqlite3_stmt *st, int i);
/* The columns mc_sqlite_read_program reads, for a table aliased `p`. */
#define MC_SQLITE_PROGRAM_COLS                                                              \
    "p.id, p.slug, p.type, p.title, p.summary, p.description, p.platform_org_id, "          \
    "p.institution_org_id, p.achievement_id, p.duration_weeks, p.hours_per_week, p.level, " \
    "p.language, p.price_cents, p.currency, p.price_model, p.price_note, p.free_audit, "    \
    "p.trial_days, p.refund_days, p.financial_aid, p.stacking_rule, p.status, p.is_demo"
#define MC_SQLITE_PROGRAM_NCOLS 24
/* Fill `out` (not its parts and skills) from MC_SQLITE_PROGRAM_COLS starting at column 0. */
enum mc_rc mc_sqlite_read_program(sqlite3_stmt *st, struct mc_arena *arena, struct mc_program *out,
                                  struct mc_err *e);

/* The operations of each area (catalog.c, search.c, users.c, keys.c, credentials.c, audit.c). */
enum mc_rc mc_sqlite_catalog_search(struct mc_store *s, const struct mc_catalog_query *q,
                                    struct mc_arena *arena, struct mc_catalog_page *out,
                                    struct mc_err *e);
enum mc_rc mc_sqlite_org_put(struct mc_store *s, struct mc_org *o, struct mc_err *e);
enum mc_rc mc_sqlite_org_get(struct mc_store *s, const char *slug, int64_t id,
                             struct mc_arena *arena, struct mc_org *out, struct mc_err *e);
enum mc_rc mc_sqlite_demo_org_count(struct mc_store *s, int64_t *out, struct mc_err *e);
enum mc_rc mc_sqlite_skill_framework_put(struct mc_store *s, struct mc_skill_framework *f,
                                         struct mc_err *e);
enum mc_rc mc_sqlite_skill_framework_get(struct mc_store *s, const char *slug,
                                         struct mc_arena *arena, struct mc_skill_framework *out,
                                         struct mc_err *e);
enum mc_rc mc_sqlite_skill_put(struct mc_store *s, struct mc_skill *k, struct mc_err *e);
enum mc_rc mc_sqlite_skill_list(struct mc_store *s, struct mc_arena *arena, struct mc_skill **out,
                                size_t *n, struct mc_err *e);
enum mc_rc mc_sqlite_skill_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                               struct mc_skill *out, struct mc_err *e);
enum mc_rc mc_sqlite_achievement_put(struct mc_store *s, struct mc_achievement *a,
                                     struct mc_err *e);
enum mc_rc mc_sqlite_achievement_get(struct mc_store *s, const char *slug, int version, int64_t id,
                                     struct mc_arena *arena, struct mc_achievement *out,
                                     struct mc_err *e);
enum mc_rc mc_sqlite_course_put(struct mc_store *s, struct mc_course *c, struct mc_err *e);
enum mc_rc mc_sqlite_course_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                struct mc_course *out, struct mc_err *e);
enum mc_rc mc_sqlite_assessment_put(struct mc_store *s, struct mc_assessment *a, struct mc_err *e);
enum mc_rc mc_sqlite_assessment_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                    struct mc_assessment *out, struct mc_err *e);
enum mc_rc mc_sqlite_assessment_list(struct mc_store *s, int64_t course_id, struct mc_arena *arena,
                                     struct mc_assessment **out, size_t *n, struct mc_err *e);
/* Rewrite a program's row in program_search (the text word searches match) from its current
 * title, summary, organisations and skills. */
enum mc_rc mc_sqlite_program_search_refresh(struct mc_sqlite *q, int64_t program_id,
                                            struct mc_err *e);
enum mc_rc mc_sqlite_program_put(struct mc_store *s, struct mc_program *p, struct mc_err *e);
enum mc_rc mc_sqlite_program_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                 struct mc_program *out, struct mc_err *e);
enum mc_rc mc_sqlite_user_put(struct mc_store *s, struct mc_user *u, struct mc_err *e);
enum mc_rc mc_sqlite_user_get(struct mc_store *s, const char *email, int64_t id,
                              struct mc_arena *arena, struct mc_user *out, struct mc_err *e);
enum mc_rc mc_sqlite_membership_add(struct mc_store *s, int64_t user_id, int64_t org_id,
                                    enum mc_role role, struct mc_err *e);
enum mc_rc mc_sqlite_membership_list(struct mc_store *s, int64_t user_id, struct mc_arena *arena,
                                     struct mc_membership **out, size_t *n, struct mc_err *e);
/* auth.c: sessions, API tokens, password hashes and the platform administrator flag. */
enum mc_rc mc_sqlite_session_put(struct mc_store *s, struct mc_session *ses, struct mc_err *e);
enum mc_rc mc_sqlite_session_get(struct mc_store *s, const uint8_t *token_hash, int64_t now,
                                 struct mc_arena *arena, struct mc_session *out, struct mc_err *e);
enum mc_rc mc_sqlite_session_touch(struct mc_store *s, int64_t id, int64_t now, int64_t idle,
                                   int64_t max_age, int64_t *expires_at, struct mc_err *e);
enum mc_rc mc_sqlite_session_delete(struct mc_store *s, int64_t id, int64_t user_id, int64_t now,
                                    int64_t *count, struct mc_err *e);
enum mc_rc mc_sqlite_api_token_put(struct mc_store *s, struct mc_api_token *t, struct mc_err *e);
enum mc_rc mc_sqlite_api_token_get(struct mc_store *s, const uint8_t *token_hash,
                                   const char *prefix, int64_t now, struct mc_arena *arena,
                                   struct mc_api_token *out, struct mc_err *e);
enum mc_rc mc_sqlite_api_token_list(struct mc_store *s, int64_t user_id, struct mc_arena *arena,
                                    struct mc_api_token **out, size_t *n, struct mc_err *e);
enum mc_rc mc_sqlite_api_token_revoke(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e);
enum mc_rc mc_sqlite_api_token_touch(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e);
enum mc_rc mc_sqlite_user_set_password_hash(struct mc_store *s, int64_t user_id, const char *hash,
                                            struct mc_err *e);
enum mc_rc mc_sqlite_user_set_platform_admin(struct mc_store *s, int64_t user_id, bool is_admin,
                                             struct mc_err *e);
enum mc_rc mc_sqlite_signing_key_put(struct mc_store *s, struct mc_signing_key *k,
                                     struct mc_err *e);
enum mc_rc mc_sqlite_signing_key_list(struct mc_store *s, int64_t org_id, struct mc_arena *arena,
                                      struct mc_signing_key **out, size_t *n, struct mc_err *e);
enum mc_rc mc_sqlite_signing_key_retire(struct mc_store *s, int64_t id, int64_t at,
                                        const char *reason, struct mc_err *e);
enum mc_rc mc_sqlite_signing_key_reseal(struct mc_store *s, int64_t id, const uint8_t *sealed,
                                        size_t len, struct mc_err *e);
enum mc_rc mc_sqlite_status_list_put(struct mc_store *s, struct mc_status_list_row *l,
                                     struct mc_err *e);
enum mc_rc mc_sqlite_status_list_get(struct mc_store *s, int64_t org_id, const char *purpose,
                                     int64_t id, const char *path, struct mc_arena *arena,
                                     struct mc_status_list_row *out, struct mc_err *e);
enum mc_rc mc_sqlite_status_list_taken(struct mc_store *s, int64_t list_id, int64_t idx,
                                       bool *taken, struct mc_err *e);
enum mc_rc mc_sqlite_status_list_claim(struct mc_store *s, int64_t list_id, int64_t idx,
                                       const char *credential_id, struct mc_err *e);
enum mc_rc mc_sqlite_status_list_update(struct mc_store *s, int64_t list_id, const uint8_t *bits,
                                        size_t len, const char *published, struct mc_err *e);
enum mc_rc mc_sqlite_credential_put(struct mc_store *s, struct mc_credential_row *c,
                                    struct mc_err *e);
enum mc_rc mc_sqlite_credential_get(struct mc_store *s, int64_t org_id, const char *id,
                                    const char *key, struct mc_arena *arena,
                                    struct mc_credential_row *out, struct mc_err *e);
enum mc_rc mc_sqlite_credential_set_status(struct mc_store *s, const char *id, const char *status,
                                           const char *reason, int64_t at, struct mc_err *e);
enum mc_rc mc_sqlite_credential_list(struct mc_store *s, int64_t org_id, int64_t limit,
                                     int64_t offset, struct mc_arena *arena,
                                     struct mc_credential_row **out, size_t *n, struct mc_err *e);
enum mc_rc mc_sqlite_program_set_status(struct mc_store *s, const char *slug,
                                        enum mc_publish_status status, struct mc_err *e);
enum mc_rc mc_sqlite_org_set_trust(struct mc_store *s, int64_t id, bool verified, bool accredited,
                                   struct mc_err *e);
enum mc_rc mc_sqlite_credential_count(struct mc_store *s, int64_t org_id, int64_t *out,
                                      struct mc_err *e);
enum mc_rc mc_sqlite_skills_by_id(struct mc_store *s, const int64_t *ids, size_t n,
                                  struct mc_arena *arena, struct mc_skill **out, struct mc_err *e);
enum mc_rc mc_sqlite_issuer_analytics(struct mc_store *s, int64_t org_id, int64_t since,
                                      struct mc_arena *arena, struct mc_issuer_analytics *out,
                                      struct mc_err *e);
enum mc_rc mc_sqlite_profile_set(struct mc_store *s, const struct mc_learner_profile *p,
                                 struct mc_err *e);
enum mc_rc mc_sqlite_profile_get(struct mc_store *s, const char *handle, struct mc_arena *arena,
                                 struct mc_learner_profile *out, struct mc_err *e);
enum mc_rc mc_sqlite_credential_list_for_user(struct mc_store *s, int64_t user_id, int64_t limit,
                                              struct mc_arena *arena,
                                              struct mc_credential_summary **out, size_t *n,
                                              struct mc_err *e);
enum mc_rc mc_sqlite_stacked_programs(struct mc_store *s, struct mc_arena *arena,
                                      struct mc_stacked_program **out, size_t *n, struct mc_err *e);
enum mc_rc mc_sqlite_held_achievements(struct mc_store *s, int64_t user_id, int64_t now,
                                       struct mc_arena *arena, struct mc_held_achievement **out,
                                       size_t *n, struct mc_err *e);
enum mc_rc mc_sqlite_plan_offerings(struct mc_store *s, struct mc_arena *arena,
                                    struct mc_plan_offering **out, size_t *n, struct mc_err *e);
enum mc_rc mc_sqlite_learner_skill_ids(struct mc_store *s, int64_t user_id, int64_t now,
                                       struct mc_arena *arena, int64_t **out, size_t *n,
                                       struct mc_err *e);
enum mc_rc mc_sqlite_job_role_skill_ids(struct mc_store *s, const char *slug,
                                        struct mc_arena *arena, int64_t **out, size_t *n,
                                        struct mc_err *e);
enum mc_rc mc_sqlite_achievement_repoint(struct mc_store *s, int64_t old_id, int64_t new_id,
                                         struct mc_err *e);
enum mc_rc mc_sqlite_talent_search(struct mc_store *s, const int64_t *skill_ids, size_t n_skills,
                                   bool verified_only, int64_t now, int64_t limit,
                                   struct mc_arena *arena, struct mc_talent **out, size_t *n,
                                   struct mc_err *e);
enum mc_rc mc_sqlite_user_set_search_opt_in(struct mc_store *s, int64_t user_id, bool opt_in,
                                            struct mc_err *e);
enum mc_rc mc_sqlite_job_role_put(struct mc_store *s, struct mc_job_role *r, struct mc_err *e);
enum mc_rc mc_sqlite_job_role_list(struct mc_store *s, struct mc_arena *arena,
                                   struct mc_job_role **out, size_t *n, struct mc_err *e);
enum mc_rc mc_sqlite_job_role_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                  struct mc_job_role *out, struct mc_err *e);
enum mc_rc mc_sqlite_program_set_rule(struct mc_store *s, int64_t program_id, const char *rule,
                                      bool revoke_on_loss, struct mc_err *e);
enum mc_rc mc_sqlite_assignment_put(struct mc_store *s, struct mc_assignment *a, struct mc_err *e);
enum mc_rc mc_sqlite_team(struct mc_store *s, int64_t org_id, int64_t now, struct mc_arena *arena,
                          struct mc_team *out, struct mc_err *e);
enum mc_rc mc_sqlite_recognition_put(struct mc_store *s, struct mc_recognition *r,
                                     struct mc_err *e);
enum mc_rc mc_sqlite_recognitions_for(struct mc_store *s, int64_t program_id,
                                      struct mc_arena *arena, struct mc_recognition **out,
                                      size_t *n, struct mc_err *e);
enum mc_rc mc_sqlite_credit_credentials(struct mc_store *s, int64_t user_id, int64_t now,
                                        struct mc_arena *arena, struct mc_credit_row **out,
                                        size_t *n, struct mc_err *e);
enum mc_rc mc_sqlite_setting_get(struct mc_store *s, const char *name, struct mc_arena *arena,
                                 const char **value, struct mc_err *e);
enum mc_rc mc_sqlite_setting_set(struct mc_store *s, const char *name, const char *value,
                                 struct mc_err *e);
enum mc_rc mc_sqlite_audit_append(struct mc_store *s, struct mc_audit_entry *entry,
                                  struct mc_err *e);
enum mc_rc mc_sqlite_audit_list(struct mc_store *s, const char *target_type, const char *target_id,
                                int64_t limit, struct mc_arena *arena, struct mc_audit_entry **out,
                                size_t *n, struct mc_err *e);

/* --- learning --- */
/* learning.c: enrollments, submissions, answers, results, best results, the grading queue. */
enum mc_rc mc_sqlite_enrollment_put(struct mc_store *s, struct mc_enrollment *en, struct mc_err *e);
enum mc_rc mc_sqlite_enrollment_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                    struct mc_enrollment *out, struct mc_err *e);
enum mc_rc mc_sqlite_enrollment_list(struct mc_store *s, int64_t learner_user_id,
                                     struct mc_arena *arena, struct mc_enrollment **out, size_t *n,
                                     struct mc_err *e);
enum mc_rc mc_sqlite_enrollment_set_status(struct mc_store *s, int64_t id,
                                           enum mc_enrollment_status status, int64_t at,
                                           struct mc_err *e);
enum mc_rc mc_sqlite_submission_put(struct mc_store *s, struct mc_submission *sub,
                                    struct mc_err *e);
enum mc_rc mc_sqlite_submission_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                    struct mc_submission *out, struct mc_err *e);
enum mc_rc mc_sqlite_submission_count(struct mc_store *s, int64_t learner_user_id,
                                      int64_t assessment_id, int *out, struct mc_err *e);
enum mc_rc mc_sqlite_answers_put(struct mc_store *s, int64_t submission_id,
                                 const struct mc_answer_row *rows, size_t n, struct mc_err *e);
enum mc_rc mc_sqlite_answers_list(struct mc_store *s, int64_t submission_id, struct mc_arena *arena,
                                  struct mc_answer_row **out, size_t *n, struct mc_err *e);
enum mc_rc mc_sqlite_result_put(struct mc_store *s, struct mc_result *r, struct mc_err *e);
enum mc_rc mc_sqlite_result_get(struct mc_store *s, int64_t submission_id, struct mc_arena *arena,
                                struct mc_result *out, struct mc_err *e);
enum mc_rc mc_sqlite_best_results(struct mc_store *s, int64_t learner_user_id, int64_t course_id,
                                  struct mc_arena *arena, struct mc_best_result **out, size_t *n,
                                  struct mc_err *e);
enum mc_rc mc_sqlite_grading_queue(struct mc_store *s, int64_t org_id, int64_t limit,
                                   int64_t offset, struct mc_arena *arena,
                                   struct mc_queue_item **out, size_t *n, struct mc_err *e);
enum mc_rc mc_sqlite_course_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                      struct mc_course *out, struct mc_err *e);
enum mc_rc mc_sqlite_program_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                       struct mc_program *out, struct mc_err *e);
enum mc_rc mc_sqlite_user_holds_achievement(struct mc_store *s, int64_t user_id,
                                            int64_t achievement_id, bool *out, struct mc_err *e);

/* --- OAuth 2.0 and the Open Badges 3.0 API --- */
/* oauth.c: OAuth clients, codes, refresh tokens and grants; a user's credentials for the API. */
enum mc_rc mc_sqlite_oauth_client_put(struct mc_store *s, struct mc_oauth_client *c,
                                      struct mc_err *e);
enum mc_rc mc_sqlite_oauth_client_get(struct mc_store *s, const char *client_id, int64_t id,
                                      struct mc_arena *arena, struct mc_oauth_client *out,
                                      struct mc_err *e);
enum mc_rc mc_sqlite_oauth_code_put(struct mc_store *s, struct mc_oauth_code *c, struct mc_err *e);
enum mc_rc mc_sqlite_oauth_code_get(struct mc_store *s, const uint8_t *hash, struct mc_arena *arena,
                                    struct mc_oauth_code *out, struct mc_err *e);
enum mc_rc mc_sqlite_oauth_code_use(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e);
enum mc_rc mc_sqlite_oauth_refresh_put(struct mc_store *s, struct mc_oauth_refresh *r,
                                       struct mc_err *e);
enum mc_rc mc_sqlite_oauth_refresh_get(struct mc_store *s, const uint8_t *hash,
                                       int64_t access_token_id, struct mc_arena *arena,
                                       struct mc_oauth_refresh *out, struct mc_err *e);
enum mc_rc mc_sqlite_oauth_refresh_use(struct mc_store *s, int64_t id, int64_t at,
                                       struct mc_err *e);
enum mc_rc mc_sqlite_oauth_grant_revoke(struct mc_store *s, int64_t grant_id, int64_t at,
                                        int64_t *count, struct mc_err *e);
enum mc_rc mc_sqlite_ob_credential_list(struct mc_store *s, int64_t user_id, int64_t since,
                                        int64_t limit, int64_t offset, struct mc_arena *arena,
                                        struct mc_ob_credential **out, size_t *n, int64_t *total,
                                        struct mc_err *e);
enum mc_rc mc_sqlite_imported_credential_list(struct mc_store *s, int64_t user_id, int64_t limit,
                                              struct mc_arena *arena,
                                              struct mc_imported_credential **out, size_t *n,
                                              struct mc_err *e);
enum mc_rc mc_sqlite_imported_credential_put(struct mc_store *s, struct mc_imported_credential *c,
                                             bool *created, struct mc_err *e);
enum mc_rc mc_sqlite_user_set_name(struct mc_store *s, int64_t user_id, const char *name,
                                   struct mc_err *e);

#endif
