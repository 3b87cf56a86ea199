/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: opening a database, running the migrations, transactions, statement cache. */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/embed.h"
#include "store/sqlite/sqlite.h"

#define BUSY_TIMEOUT_MS 5000

/* --- helpers shared by the backend's files --- */

enum mc_rc mc_sqlite_stmt(struct mc_sqlite *q, const char *sql, sqlite3_stmt **out,
                          struct mc_err *e)
{
    for (size_t i = 0; i < q->n_cache; i++) {
        if (q->cache[i].sql == sql) {
            sqlite3_reset(q->cache[i].st);
            sqlite3_clear_bindings(q->cache[i].st);
            *out = q->cache[i].st;
            return MC_OK;
        }
    }
    if (q->n_cache == MC_SQLITE_CACHE_MAX)
        return mc_err_set(e, MC_ERR_INTERNAL, "the SQLite statement cache is full");
    sqlite3_stmt *st = NULL;
    int r = sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (r != SQLITE_OK)
        return mc_sqlite_fail(q, "preparing a statement", e);
    q->cache[q->n_cache].sql = sql;
    q->cache[q->n_cache].st = st;
    q->n_cache++;
    *out = st;
    return MC_OK;
}

void mc_sqlite_reset(sqlite3_stmt *st)
{
    if (st)
        sqlite3_reset(st);
}

enum mc_rc mc_sqlite_fail(struct mc_sqlite *q, const char *doing, struct mc_err *e)
{
    return mc_err_set(e, MC_ERR_DB, "database error while %s in '%s': %s", doing, q->path,
                      sqlite3_errmsg(q->db));
}

enum mc_rc mc_sqlite_step_done(struct mc_sqlite *q, sqlite3_stmt *st, const char *doing,
                               struct mc_err *e)
{
    int r = sqlite3_step(st);
    if (r == SQLITE_DONE || r == SQLITE_ROW)
        return MC_OK;
    int x = sqlite3_extended_errcode(q->db);
    enum mc_rc rc = MC_ERR_DB;
    if (x == SQLITE_CONSTRAINT_UNIQUE || x == SQLITE_CONSTRAINT_PRIMARYKEY)
        rc = MC_ERR_CONFLICT;
    else if (x == SQLITE_CONSTRAINT_FOREIGNKEY || x == SQLITE_CONSTRAINT_CHECK ||
             x == SQLITE_CONSTRAINT_NOTNULL)
        rc = MC_ERR_INVALID;
    return mc_err_set(e, rc, "%s: %s", doing, sqlite3_errmsg(q->db));
}

enum mc_rc mc_sqlite_exec_stmt(struct mc_sqlite *q, sqlite3_stmt *st, const char *doing,
                               struct mc_err *e)
{
    enum mc_rc rc = mc_sqlite_step_done(q, st, doing, e);
    sqlite3_reset(st);
    return rc;
}

static const char sql_savepoint[] = "SAVEPOINT mc_put";
static const char sql_release[] = "RELEASE mc_put";
static const char sql_rollback_to[] = "ROLLBACK TO mc_put";

enum mc_rc mc_sqlite_savepoint(struct mc_sqlite *q, struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_savepoint, &st, e);
    if (rc)
        return rc;
    return mc_sqlite_exec_stmt(q, st, "starting a savepoint", e);
}

enum mc_rc mc_sqlite_savepoint_end(struct mc_sqlite *q, enum mc_rc rc, struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    if (rc) {
        /* Keep the caller's error: roll back and release with a scratch error. */
        struct mc_err scratch;
        if (mc_sqlite_stmt(q, sql_rollback_to, &st, &scratch) == MC_OK)
            mc_sqlite_exec_stmt(q, st, "rolling back", &scratch);
        if (mc_sqlite_stmt(q, sql_release, &st, &scratch) == MC_OK)
            mc_sqlite_exec_stmt(q, st, "releasing a savepoint", &scratch);
        return rc;
    }
    rc = mc_sqlite_stmt(q, sql_release, &st, e);
    if (rc)
        return rc;
    return mc_sqlite_exec_stmt(q, st, "releasing a savepoint", e);
}

void mc_sqlite_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

void mc_sqlite_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
    if (id)
        sqlite3_bind_int64(st, i, id);
    else
        sqlite3_bind_null(st, i);
}

void mc_sqlite_bind_opt_double(sqlite3_stmt *st, int i, double v)
{
    if (v >= 0)
        sqlite3_bind_double(st, i, v);
    else
        sqlite3_bind_null(st, i);
}

const char *mc_sqlite_col_text(sqlite3_stmt *st, int i, struct mc_arena *arena)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NULL;
    const unsigned char *t = sqlite3_column_text(st, i);
    int n = sqlite3_column_bytes(st, i);
    return mc_arena_memdupz(arena, t ? (const char *)t : "", t ? (size_t)n : 0);
}

double mc_sqlite_col_opt_double(sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return -1;
    return sqlite3_column_double(st, i);
}

int64_t mc_sqlite_now(void)
{
    return (int64_t)time(NULL);
}

/* --- migrations --- */

/* The number a migration file starts with ("0007-x.sql" -> 7), or -1 if it is not NNNN-*.sql. */
static int migration_number(const char *name)
{
    struct mc_str s = mc_str_z(name);
    if (s.len < 9 || s.p[4] != '-' || !mc_str_ends(s, ".sql"))
        return -1;
    int64_t n = 0;
    if (mc_str_to_i64(mc_str_sub(s, 0, 4), 1, 9999, &n, "migration", NULL))
        return -1;
    return (int)n;
}

int mc_store_sqlite_schema_latest(void)
{
    const struct mc_embed_dir *d = &mc_embed_sqlite_migrations;
    return d->count ? migration_number(d->files[d->count - 1].path) : 0;
}

static enum mc_rc exec_sql(struct mc_sqlite *q, const char *sql, const char *doing,
                           struct mc_err *e)
{
    char *msg = NULL;
    int r = sqlite3_exec(q->db, sql, NULL, NULL, &msg);
    if (r == SQLITE_OK)
        return MC_OK;
    if (r == SQLITE_NOTADB)
        mc_err_set(e, MC_ERR_DB, "'%s' is not a SQLite database (%s)", q->path,
                   msg ? msg : sqlite3_errstr(r));
    else
        mc_err_set(e, MC_ERR_DB, "database error while %s in '%s': %s", doing, q->path,
                   msg ? msg : sqlite3_errstr(r));
    sqlite3_free(msg);
    return MC_ERR_DB;
}

static enum mc_rc read_version(struct mc_sqlite *q, int *out, struct mc_err *e)
{
    static const char sql_has[] =
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
            "'schema_migrations'";
    static const char sql_max[] = "SELECT coalesce(max(version), 0) FROM schema_migrations";
    sqlite3_stmt *st = NULL;
    *out = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_has, &st, e);
    if (rc)
        return rc;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = mc_sqlite_fail(q, "reading the schema version", e);
        goto out;
    }
    int has = sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    if (!has)
        goto out;
    /* Not cached: the table may not have existed when the cache was filled. */
    st = NULL;
    if (sqlite3_prepare_v2(q->db, sql_max, -1, &st, NULL) != SQLITE_OK) {
        rc = mc_sqlite_fail(q, "reading the schema version", e);
        goto out;
    }
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = mc_sqlite_fail(q, "reading the schema version", e);
        sqlite3_finalize(st);
        st = NULL;
        goto out;
    }
    *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    st = NULL;
out:
    mc_sqlite_reset(st);
    return rc;
}

static enum mc_rc check_not_newer(struct mc_sqlite *q, int version, struct mc_err *e)
{
    int latest = mc_store_sqlite_schema_latest();
    if (version <= latest)
        return MC_OK;
    return mc_err_set(e, MC_ERR_UNSUPPORTED,
                      "database '%s' has schema version %d, newer than this build of mcred knows "
                      "(%d): use a newer mcred, or restore a backup made by this version",
                      q->path, version, latest);
}

/* Apply one migration and record it, in one transaction. */
static enum mc_rc apply_migration(struct mc_sqlite *q, const struct mc_embed_file *f, int number,
                                  struct mc_err *e)
{
    static const char sql_record[] =
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)";
    enum mc_rc rc = exec_sql(q, (const char *)f->data, "migrating", e);
    if (rc) {
        mc_err_prefix(e, "migration %s failed", f->path);
        return rc;
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(q->db, sql_record, -1, &st, NULL) != SQLITE_OK)
        return mc_sqlite_fail(q, "recording a migration", e);
    sqlite3_bind_int(st, 1, number);
    sqlite3_bind_text(st, 2, f->path, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, mc_sqlite_now());
    rc = mc_sqlite_step_done(q, st, "recording a migration", e);
    sqlite3_finalize(st);
    return rc;
}

/*
 * Bring the schema up to date: each migration the database has not had runs in its own
 * transaction, taken with BEGIN IMMEDIATE so two processes opening a new file do not both run it
 * (the second re-reads the version inside its transaction and finds nothing to do).
 */
static enum mc_rc migrate(struct mc_sqlite *q, struct mc_err *e)
{
    const struct mc_embed_dir *d = &mc_embed_sqlite_migrations;
    enum mc_rc rc =
            exec_sql(q,
                     "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                     "name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
                     "creating schema_migrations", e);
    if (rc)
        return rc;
    for (size_t i = 0; i < d->count; i++) {
        int number = migration_number(d->files[i].path);
        if (number != (int)i + 1)
            return mc_err_set(e, MC_ERR_INTERNAL,
                              "embedded migration '%s' is out of sequence: expected number %04zu",
                              d->files[i].path, i + 1);
        rc = exec_sql(q, "BEGIN IMMEDIATE", "starting a migration", e);
        if (rc)
            return rc;
        int version = 0;
        rc = read_version(q, &version, e);
        if (rc == MC_OK)
            rc = check_not_newer(q, version, e);
        if (rc == MC_OK && version < number)
            rc = apply_migration(q, &d->files[i], number, e);
        if (rc) {
            exec_sql(q, "ROLLBACK", "rolling back a migration", NULL);
            return rc;
        }
        rc = exec_sql(q, "COMMIT", "committing a migration", e);
        if (rc)
            return rc;
    }
    int version = 0;
    rc = read_version(q, &version, e);
    if (rc)
        return rc;
    return check_not_newer(q, version, e);
}

/* --- open and close --- */

static void sqlite_close(struct mc_store *s)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    for (size_t i = 0; i < q->n_cache; i++)
        sqlite3_finalize(q->cache[i].st);
    sqlite3_close_v2(q->db);
    free(q->path);
    free(q);
}

static void remove_files(const char *path)
{
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char *p = mc_xasprintf("%s%s", path, suffixes[i]);
        unlink(p);
        free(p);
    }
}

/* Explain why a new database file cannot be made at `path`, naming the directory. */
static enum mc_rc check_dir(const char *path, struct mc_err *e)
{
    char *copy = mc_xstrdup(path);
    const char *dir = dirname(copy);
    struct stat sb;
    enum mc_rc rc = MC_OK;
    if (stat(dir, &sb) != 0)
        rc = mc_err_set(e, MC_ERR_IO,
                        "cannot create database '%s': directory '%s' does not exist (%s)", path,
                        dir, strerror(errno));
    else if (!S_ISDIR(sb.st_mode))
        rc = mc_err_set(e, MC_ERR_IO, "cannot create database '%s': '%s' is not a directory", path,
                        dir);
    else if (access(dir, W_OK | X_OK) != 0)
        rc = mc_err_set(e, MC_ERR_IO,
                        "cannot create database '%s': directory '%s' is not writable (%s)", path,
                        dir, strerror(errno));
    free(copy);
    return rc;
}

static enum mc_rc sqlite_open(const char *path, unsigned flags, struct mc_store **out,
                              struct mc_err *e)
{
    bool readonly = flags & MC_STORE_READONLY;
    bool memory = strcmp(path, ":memory:") == 0;
    struct stat sb;
    bool existed = memory || stat(path, &sb) == 0;
    if (!existed) {
        if (!(flags & MC_STORE_CREATE) || readonly)
            return mc_err_set(e, MC_ERR_NOT_FOUND,
                              "database '%s' does not exist: create it with 'mcred init'", path);
        enum mc_rc rc = check_dir(path, e);
        if (rc)
            return rc;
    } else if (!memory && S_ISDIR(sb.st_mode)) {
        return mc_err_set(e, MC_ERR_IO, "database '%s' is a directory, not a file", path);
    }

    struct mc_sqlite *q = mc_xcalloc(1, sizeof *q);
    q->base.ops = &mc_store_sqlite_ops;
    q->path = mc_xstrdup(path);
    int oflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    oflags |= readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (!existed)
        oflags |= SQLITE_OPEN_CREATE;
    enum mc_rc rc = MC_OK;
    int r = sqlite3_open_v2(path, &q->db, oflags, NULL);
    if (r != SQLITE_OK) {
        rc = mc_err_set(e, MC_ERR_IO, "cannot open database '%s': %s", path,
                        q->db ? sqlite3_errmsg(q->db) : sqlite3_errstr(r));
        goto out;
    }
    sqlite3_extended_result_codes(q->db, 1);
    sqlite3_busy_timeout(q->db, BUSY_TIMEOUT_MS);
    /* Reading the schema first tells a file that is not a database apart early. */
    rc = exec_sql(q, "SELECT count(*) FROM sqlite_master", "reading the schema", e);
    if (rc)
        goto out;
    if (!readonly && !memory) {
        rc = exec_sql(q, "PRAGMA journal_mode = WAL", "switching to WAL", e);
        if (rc)
            goto out;
    }
    rc = exec_sql(q, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", "setting pragmas", e);
    if (rc)
        goto out;
    if (readonly) {
        int version = 0;
        rc = read_version(q, &version, e);
        if (rc == MC_OK)
            rc = check_not_newer(q, version, e);
        if (rc == MC_OK && version < mc_store_sqlite_schema_latest())
            rc = mc_err_set(
                    e, MC_ERR_UNSUPPORTED,
                    "database '%s' has schema version %d, older than this build's (%d), and "
                    "was opened read-only: open it once for writing to migrate it",
                    path, version, mc_store_sqlite_schema_latest());
    } else {
        rc = migrate(q, e);
    }
out:
    if (rc) {
        sqlite_close(&q->base);
        if (!existed)
            remove_files(path);
        return rc;
    }
    *out = &q->base;
    return MC_OK;
}

static enum mc_rc sqlite_schema_version(struct mc_store *s, int *out, struct mc_err *e)
{
    return read_version(mc_sqlite_of(s), out, e);
}

static enum mc_rc run_cached(struct mc_store *s, const char *sql, const char *doing,
                             struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql, &st, e);
    if (rc)
        return rc;
    return mc_sqlite_exec_stmt(q, st, doing, e);
}

static const char sql_begin[] = "BEGIN IMMEDIATE";
static const char sql_commit[] = "COMMIT";
static const char sql_rollback[] = "ROLLBACK";

static enum mc_rc sqlite_begin(struct mc_store *s, struct mc_err *e)
{
    return run_cached(s, sql_begin, "starting a transaction", e);
}

static enum mc_rc sqlite_commit(struct mc_store *s, struct mc_err *e)
{
    return run_cached(s, sql_commit, "committing", e);
}

static void sqlite_rollback(struct mc_store *s)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    if (sqlite3_get_autocommit(q->db))
        return; /* nothing open (SQLite may have rolled back by itself) */
    run_cached(s, sql_rollback, "rolling back", NULL);
}

const struct mc_store_ops mc_store_sqlite_ops = {
    .name = "sqlite",
    .open = sqlite_open,
    .close = sqlite_close,
    .schema_version = sqlite_schema_version,
    .begin = sqlite_begin,
    .commit = sqlite_commit,
    .rollback = sqlite_rollback,
    .catalog_search = mc_sqlite_catalog_search,
    .org_put = mc_sqlite_org_put,
    .org_get = mc_sqlite_org_get,
    .demo_org_count = mc_sqlite_demo_org_count,
    .skill_framework_put = mc_sqlite_skill_framework_put,
    .skill_framework_get = mc_sqlite_skill_framework_get,
    .skill_put = mc_sqlite_skill_put,
    .skill_get = mc_sqlite_skill_get,
    .skill_list = mc_sqlite_skill_list,
    .achievement_put = mc_sqlite_achievement_put,
    .achievement_get = mc_sqlite_achievement_get,
    .course_put = mc_sqlite_course_put,
    .course_get = mc_sqlite_course_get,
    .assessment_put = mc_sqlite_assessment_put,
    .assessment_get = mc_sqlite_assessment_get,
    .assessment_list = mc_sqlite_assessment_list,
    .program_put = mc_sqlite_program_put,
    .program_get = mc_sqlite_program_get,
    .user_put = mc_sqlite_user_put,
    .user_get = mc_sqlite_user_get,
    .membership_add = mc_sqlite_membership_add,
    .membership_list = mc_sqlite_membership_list,
    .session_put = mc_sqlite_session_put,
    .session_get = mc_sqlite_session_get,
    .session_touch = mc_sqlite_session_touch,
    .session_delete = mc_sqlite_session_delete,
    .api_token_put = mc_sqlite_api_token_put,
    .api_token_get = mc_sqlite_api_token_get,
    .api_token_list = mc_sqlite_api_token_list,
    .api_token_revoke = mc_sqlite_api_token_revoke,
    .api_token_touch = mc_sqlite_api_token_touch,
    .user_set_password_hash = mc_sqlite_user_set_password_hash,
    .user_set_platform_admin = mc_sqlite_user_set_platform_admin,
    .signing_key_put = mc_sqlite_signing_key_put,
    .signing_key_list = mc_sqlite_signing_key_list,
    .signing_key_retire = mc_sqlite_signing_key_retire,
    .signing_key_reseal = mc_sqlite_signing_key_reseal,
    .status_list_put = mc_sqlite_status_list_put,
    .status_list_get = mc_sqlite_status_list_get,
    .status_list_taken = mc_sqlite_status_list_taken,
    .status_list_claim = mc_sqlite_status_list_claim,
    .status_list_update = mc_sqlite_status_list_update,
    .credential_put = mc_sqlite_credential_put,
    .credential_get = mc_sqlite_credential_get,
    .credential_set_status = mc_sqlite_credential_set_status,
    .credential_count = mc_sqlite_credential_count,
    .credential_list = mc_sqlite_credential_list,
    .program_set_status = mc_sqlite_program_set_status,
    .org_set_trust = mc_sqlite_org_set_trust,
    .skills_by_id = mc_sqlite_skills_by_id,
    .issuer_analytics = mc_sqlite_issuer_analytics,
    .profile_set = mc_sqlite_profile_set,
    .profile_get = mc_sqlite_profile_get,
    .credential_list_for_user = mc_sqlite_credential_list_for_user,
    .stacked_programs = mc_sqlite_stacked_programs,
    .held_achievements = mc_sqlite_held_achievements,
    .plan_offerings = mc_sqlite_plan_offerings,
    .learner_skill_ids = mc_sqlite_learner_skill_ids,
    .job_role_skill_ids = mc_sqlite_job_role_skill_ids,
    .achievement_repoint = mc_sqlite_achievement_repoint,
    .talent_search = mc_sqlite_talent_search,
    .user_set_search_opt_in = mc_sqlite_user_set_search_opt_in,
    .job_role_put = mc_sqlite_job_role_put,
    .job_role_list = mc_sqlite_job_role_list,
    .job_role_get = mc_sqlite_job_role_get,
    .program_set_rule = mc_sqlite_program_set_rule,
    .assignment_put = mc_sqlite_assignment_put,
    .team = mc_sqlite_team,
    .recognition_put = mc_sqlite_recognition_put,
    .recognitions_for = mc_sqlite_recognitions_for,
    .credit_credentials = mc_sqlite_credit_credentials,
    .setting_get = mc_sqlite_setting_get,
    .setting_set = mc_sqlite_setting_set,
    .audit_append = mc_sqlite_audit_append,
    .audit_list = mc_sqlite_audit_list,
    /* learning */
    .enrollment_put = mc_sqlite_enrollment_put,
    .enrollment_get = mc_sqlite_enrollment_get,
    .enrollment_list = mc_sqlite_enrollment_list,
    .enrollment_set_status = mc_sqlite_enrollment_set_status,
    .submission_put = mc_sqlite_submission_put,
    .submission_get = mc_sqlite_submission_get,
    .submission_count = mc_sqlite_submission_count,
    .answers_put = mc_sqlite_answers_put,
    .answers_list = mc_sqlite_answers_list,
    .result_put = mc_sqlite_result_put,
    .result_get = mc_sqlite_result_get,
    .best_results = mc_sqlite_best_results,
    .grading_queue = mc_sqlite_grading_queue,
    .course_get_by_id = mc_sqlite_course_get_by_id,
    .program_get_by_id = mc_sqlite_program_get_by_id,
    .user_holds_achievement = mc_sqlite_user_holds_achievement,
    /* OAuth 2.0 and the Open Badges 3.0 API */
    .oauth_client_put = mc_sqlite_oauth_client_put,
    .oauth_client_get = mc_sqlite_oauth_client_get,
    .oauth_code_put = mc_sqlite_oauth_code_put,
    .oauth_code_get = mc_sqlite_oauth_code_get,
    .oauth_code_use = mc_sqlite_oauth_code_use,
    .oauth_refresh_put = mc_sqlite_oauth_refresh_put,
    .oauth_refresh_get = mc_sqlite_oauth_refresh_get,
    .oauth_refresh_use = mc_sqlite_oauth_refresh_use,
    .oauth_grant_revoke = mc_sqlite_oauth_grant_revoke,
    .ob_credential_list = mc_sqlite_ob_credential_list,
    .imported_credential_put = mc_sqlite_imported_credential_put,
    .imported_credential_list = mc_sqlite_imported_credential_list,
    .user_set_name = mc_sqlite_user_set_name,
};
