/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: sign-in sessions, API tokens, password hashes, the platform administrator flag.
 */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "store/sqlite/sqlite.h"

#define USER_AGENT_MAX 512

/* --- sessions --- */

static const char sql_session_put[] =
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
        "expires_at, user_agent, ip) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_session_get[] =
        "SELECT id, token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, "
        "user_agent, ip FROM sessions WHERE token_hash = ?1";
static const char sql_session_touch[] =
        "UPDATE sessions SET last_seen_at = ?2, expires_at = min(?2 + ?3, created_at + ?4) "
        "WHERE id = ?1 AND expires_at > ?2 RETURNING expires_at";
static const char sql_session_delete[] = "DELETE FROM sessions WHERE id = ?1";
static const char sql_session_delete_user[] = "DELETE FROM sessions WHERE user_id = ?1";
static const char sql_session_purge[] = "DELETE FROM sessions WHERE expires_at <= ?1";

/* Copy a hash column into a fixed array; false when it is not MC_TOKEN_HASH_LEN bytes. */
static bool col_hash(sqlite3_stmt *st, int i, uint8_t out[MC_TOKEN_HASH_LEN])
{
    if (sqlite3_column_bytes(st, i) != MC_TOKEN_HASH_LEN)
        return false;
    memcpy(out, sqlite3_column_blob(st, i), MC_TOKEN_HASH_LEN);
    return true;
}

enum mc_rc mc_sqlite_session_put(struct mc_store *s, struct mc_session *ses, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_session_put, &st, e);
    if (rc)
        return rc;
    if (!ses->created_at)
        ses->created_at = mc_sqlite_now();
    if (!ses->last_seen_at)
        ses->last_seen_at = ses->created_at;
    sqlite3_bind_blob(st, 1, ses->token_hash, MC_TOKEN_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, ses->user_id);
    mc_sqlite_bind_text(st, 3, ses->csrf_token);
    sqlite3_bind_int64(st, 4, ses->created_at);
    sqlite3_bind_int64(st, 5, ses->last_seen_at);
    sqlite3_bind_int64(st, 6, ses->expires_at);
    if (ses->user_agent)
        sqlite3_bind_text(st, 7, ses->user_agent, (int)strnlen(ses->user_agent, USER_AGENT_MAX),
                          SQLITE_TRANSIENT);
    mc_sqlite_bind_text(st, 8, ses->ip);
    rc = mc_sqlite_exec_stmt(q, st, "adding a session", e);
    if (rc == MC_ERR_INVALID)
        return mc_err_set(e, rc, "no user with id %lld", (long long)ses->user_id);
    if (rc == MC_ERR_CONFLICT)
        return mc_err_set(e, rc, "a session with this token exists already");
    if (rc)
        return rc;
    ses->id = sqlite3_last_insert_rowid(q->db);
    return MC_OK;
}

enum mc_rc mc_sqlite_session_get(struct mc_store *s, const uint8_t *token_hash, int64_t now,
                                 struct mc_arena *arena, struct mc_session *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, sql_session_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_blob(st, 1, token_hash, MC_TOKEN_HASH_LEN, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        if (!col_hash(st, 1, out->token_hash))
            rc = mc_err_set(e, MC_ERR_DB, "sessions.token_hash of session %lld is not %d bytes",
                            (long long)out->id, MC_TOKEN_HASH_LEN);
        out->user_id = sqlite3_column_int64(st, 2);
        out->csrf_token = mc_sqlite_col_text(st, 3, arena);
        out->created_at = sqlite3_column_int64(st, 4);
        out->last_seen_at = sqlite3_column_int64(st, 5);
        out->expires_at = sqlite3_column_int64(st, 6);
        out->user_agent = mc_sqlite_col_text(st, 7, arena);
        out->ip = mc_sqlite_col_text(st, 8, arena);
        if (!rc && out->expires_at <= now)
            rc = mc_err_set(e, MC_ERR_AUTH, "session expired: sign in again");
    } else if (r == SQLITE_DONE) {
        rc = mc_err_set(e, MC_ERR_AUTH, "no such session: sign in");
    } else {
        rc = mc_sqlite_fail(q, "reading a session", e);
    }
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_session_touch(struct mc_store *s, int64_t id, int64_t now, int64_t idle,
                                   int64_t max_age, int64_t *expires_at, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_session_touch, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int64(st, 3, idle);
    sqlite3_bind_int64(st, 4, max_age);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        if (expires_at)
            *expires_at = sqlite3_column_int64(st, 0);
        r = sqlite3_step(st); /* finish the statement so the write completes */
    } else if (r == SQLITE_DONE) {
        rc = mc_err_set(e, MC_ERR_AUTH, "session expired: sign in again");
    }
    if (r != SQLITE_DONE && !rc)
        rc = mc_sqlite_fail(q, "updating a session", e);
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_session_delete(struct mc_store *s, int64_t id, int64_t user_id, int64_t now,
                                    int64_t *count, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    const char *sql = id > 0        ? sql_session_delete
                      : user_id > 0 ? sql_session_delete_user
                                    : sql_session_purge;
    enum mc_rc rc = mc_sqlite_stmt(q, sql, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id > 0 ? id : user_id > 0 ? user_id : now);
    rc = mc_sqlite_exec_stmt(q, st, "deleting sessions", e);
    if (!rc && count)
        *count = sqlite3_changes(q->db);
    return rc;
}

/* --- API tokens --- */

static const char sql_token_put[] =
        "INSERT INTO api_tokens (token_hash, prefix, user_id, org_id, name, scopes, created_at, "
        "expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
#define TOKEN_COLS                                                                          \
    "t.id, t.token_hash, t.prefix, t.user_id, t.org_id, o.slug, t.name, t.scopes, "         \
    "t.created_at, t.expires_at, t.last_used_at, t.revoked_at FROM api_tokens t LEFT JOIN " \
    "organisations o ON o.id = t.org_id"
static const char sql_token_by_hash[] = "SELECT " TOKEN_COLS " WHERE t.token_hash = ?1";
static const char sql_token_by_prefix[] = "SELECT " TOKEN_COLS " WHERE t.prefix = ?1";
static const char sql_token_list[] =
        "SELECT " TOKEN_COLS " WHERE t.user_id = ?1 ORDER BY t.created_at DESC, t.id DESC";
static const char sql_token_revoke[] =
        "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL";
static const char sql_token_exists[] = "SELECT 1 FROM api_tokens WHERE id = ?1";
static const char sql_token_touch[] = "UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1";

static enum mc_rc read_token(sqlite3_stmt *st, struct mc_arena *arena, struct mc_api_token *t,
                             struct mc_err *e)
{
    memset(t, 0, sizeof *t);
    t->id = sqlite3_column_int64(st, 0);
    if (!col_hash(st, 1, t->token_hash))
        return mc_err_set(e, MC_ERR_DB, "api_tokens.token_hash of token %lld is not %d bytes",
                          (long long)t->id, MC_TOKEN_HASH_LEN);
    t->prefix = mc_sqlite_col_text(st, 2, arena);
    t->user_id = sqlite3_column_int64(st, 3);
    t->org_id = sqlite3_column_int64(st, 4);
    t->org_slug = mc_sqlite_col_text(st, 5, arena);
    t->name = mc_sqlite_col_text(st, 6, arena);
    t->scopes = mc_sqlite_col_text(st, 7, arena);
    t->created_at = sqlite3_column_int64(st, 8);
    t->expires_at = sqlite3_column_int64(st, 9);
    t->last_used_at = sqlite3_column_int64(st, 10);
    t->revoked_at = sqlite3_column_int64(st, 11);
    return MC_OK;
}

enum mc_rc mc_sqlite_api_token_put(struct mc_store *s, struct mc_api_token *t, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    /* The prefix names the token in lists and on the command line, so it must be unique; the
     * schema has no index for it, so look first (a clash of random prefixes is very rare). */
    enum mc_rc rc = mc_sqlite_stmt(q, sql_token_by_prefix, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, t->prefix);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r == SQLITE_ROW)
        return mc_err_set(e, MC_ERR_CONFLICT, "an API token with prefix %.40s exists already",
                          t->prefix);
    if (r != SQLITE_DONE)
        return mc_sqlite_fail(q, "reading API tokens", e);

    rc = mc_sqlite_stmt(q, sql_token_put, &st, e);
    if (rc)
        return rc;
    if (!t->created_at)
        t->created_at = mc_sqlite_now();
    sqlite3_bind_blob(st, 1, t->token_hash, MC_TOKEN_HASH_LEN, SQLITE_STATIC);
    mc_sqlite_bind_text(st, 2, t->prefix);
    sqlite3_bind_int64(st, 3, t->user_id);
    mc_sqlite_bind_id(st, 4, t->org_id);
    mc_sqlite_bind_text(st, 5, t->name);
    mc_sqlite_bind_text(st, 6, t->scopes);
    sqlite3_bind_int64(st, 7, t->created_at);
    mc_sqlite_bind_id(st, 8, t->expires_at);
    rc = mc_sqlite_exec_stmt(q, st, "adding an API token", e);
    if (rc == MC_ERR_INVALID)
        return mc_err_set(e, rc, "the token's user %lld or organisation %lld does not exist",
                          (long long)t->user_id, (long long)t->org_id);
    if (rc == MC_ERR_CONFLICT)
        return mc_err_set(e, rc, "an API token with this secret exists already");
    if (rc)
        return rc;
    t->id = sqlite3_last_insert_rowid(q->db);
    t->last_used_at = t->revoked_at = 0;
    return MC_OK;
}

enum mc_rc mc_sqlite_api_token_get(struct mc_store *s, const uint8_t *token_hash,
                                   const char *prefix, int64_t now, struct mc_arena *arena,
                                   struct mc_api_token *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, prefix ? sql_token_by_prefix : sql_token_by_hash, &st, e);
    if (rc)
        return rc;
    if (prefix)
        mc_sqlite_bind_text(st, 1, prefix);
    else
        sqlite3_bind_blob(st, 1, token_hash, MC_TOKEN_HASH_LEN, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        rc = read_token(st, arena, out, e);
        if (!rc && !prefix && out->revoked_at)
            rc = mc_err_set(e, MC_ERR_AUTH, "token revoked");
        else if (!rc && !prefix && out->expires_at && out->expires_at <= now)
            rc = mc_err_set(e, MC_ERR_AUTH, "token expired");
    } else if (r == SQLITE_DONE) {
        if (prefix)
            rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no API token with prefix %.40s", prefix);
        else
            rc = mc_err_set(e, MC_ERR_AUTH, "unknown token");
    } else {
        rc = mc_sqlite_fail(q, "reading an API token", e);
    }
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_api_token_list(struct mc_store *s, int64_t user_id, struct mc_arena *arena,
                                    struct mc_api_token **out, size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_token_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    struct mc_api_token *tmp = NULL;
    size_t cap = 0, count = 0;
    int r;
    for (;;) {
        r = sqlite3_step(st);
        if (r != SQLITE_ROW)
            break;
        if (count == cap) {
            cap = cap ? cap * 2 : 8;
            tmp = mc_xreallocarray(tmp, cap, sizeof *tmp);
        }
        rc = read_token(st, arena, &tmp[count], e);
        if (rc)
            goto out;
        count++;
    }
    if (r != SQLITE_DONE) {
        rc = mc_sqlite_fail(q, "reading API tokens", e);
        goto out;
    }
    if (count) {
        *out = mc_arena_calloc(arena, count, sizeof **out);
        memcpy(*out, tmp, count * sizeof *tmp);
        *n = count;
    }
out:
    sqlite3_reset(st);
    free(tmp);
    return rc;
}

enum mc_rc mc_sqlite_api_token_revoke(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_token_revoke, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at > 0 ? at : mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, "revoking an API token", e);
    if (rc)
        return rc;
    if (sqlite3_changes(q->db) == 1)
        return MC_OK;
    rc = mc_sqlite_stmt(q, sql_token_exists, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r == SQLITE_ROW)
        return mc_err_set(e, MC_ERR_CONFLICT, "API token %lld is revoked already", (long long)id);
    if (r == SQLITE_DONE)
        return mc_err_set(e, MC_ERR_NOT_FOUND, "no API token with id %lld", (long long)id);
    return mc_sqlite_fail(q, "reading an API token", e);
}

enum mc_rc mc_sqlite_api_token_touch(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_token_touch, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at);
    return mc_sqlite_exec_stmt(q, st, "recording an API token's use", e);
}

/* --- users: password hash and platform administrator flag --- */

static const char sql_user_set_password[] = "UPDATE users SET password_hash = ?2 WHERE id = ?1";
static const char sql_user_set_admin[] = "UPDATE users SET is_platform_admin = ?2 WHERE id = ?1";

static enum mc_rc update_user(struct mc_store *s, const char *sql, int64_t user_id,
                              const char *text, int flag, const char *doing, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    if (sql == sql_user_set_password)
        mc_sqlite_bind_text(st, 2, text);
    else
        sqlite3_bind_int(st, 2, flag);
    rc = mc_sqlite_exec_stmt(q, st, doing, e);
    if (!rc && sqlite3_changes(q->db) != 1)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no user with id %lld", (long long)user_id);
    return rc;
}

enum mc_rc mc_sqlite_user_set_password_hash(struct mc_store *s, int64_t user_id, const char *hash,
                                            struct mc_err *e)
{
    return update_user(s, sql_user_set_password, user_id, hash, 0, "setting a password", e);
}

enum mc_rc mc_sqlite_user_set_platform_admin(struct mc_store *s, int64_t user_id, bool is_admin,
                                             struct mc_err *e)
{
    return update_user(s, sql_user_set_admin, user_id, NULL, is_admin ? 1 : 0,
                       "setting the platform administrator flag", e);
}
