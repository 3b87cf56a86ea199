/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: OAuth clients, codes, refresh tokens and grants; a user's credentials for the
 * Open Badges API. */
#include <stdlib.h>
#include <string.h>

#include "store/sqlite/sqlite.h"

static const char sql_client_put[] =
        "INSERT INTO oauth_clients (client_id, secret_hash, name, redirect_uris, scope, "
        "auth_method, metadata, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
#define CLIENT_COLS                                                                          \
    "SELECT id, client_id, secret_hash, name, redirect_uris, scope, auth_method, metadata, " \
    "created_at FROM oauth_clients "
static const char sql_client_get[] = CLIENT_COLS "WHERE client_id = ?1";
static const char sql_client_get_id[] = CLIENT_COLS "WHERE id = ?1";

static const char sql_code_put[] =
        "INSERT INTO oauth_codes (code_hash, client_id, user_id, redirect_uri, redirect_given, "
        "scope, code_challenge, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "?9)";
static const char sql_code_get[] =
        "SELECT id, code_hash, client_id, user_id, redirect_uri, redirect_given, scope, "
        "code_challenge, created_at, expires_at, used_at FROM oauth_codes WHERE code_hash = ?1";
static const char sql_code_use[] =
        "UPDATE oauth_codes SET used_at = ?2 WHERE id = ?1 AND used_at IS NULL";

static const char sql_refresh_put[] =
        "INSERT INTO oauth_refresh_tokens (token_hash, grant_id, client_id, user_id, scope, "
        "access_token_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
#define REFRESH_COLS                                                                            \
    "SELECT id, token_hash, grant_id, client_id, user_id, scope, access_token_id, created_at, " \
    "expires_at, used_at, revoked_at FROM oauth_refresh_tokens "
static const char sql_refresh_get[] = REFRESH_COLS "WHERE token_hash = ?1";
static const char sql_refresh_by_access[] = REFRESH_COLS "WHERE access_token_id = ?1";
static const char sql_refresh_use[] = "UPDATE oauth_refresh_tokens SET used_at = ?2 WHERE id = ?1 "
                                      "AND used_at IS NULL AND revoked_at IS NULL";
static const char sql_grant_revoke_access[] =
        "UPDATE api_tokens SET revoked_at = ?2 WHERE revoked_at IS NULL AND id IN (SELECT "
        "access_token_id FROM oauth_refresh_tokens WHERE grant_id = ?1)";
static const char sql_grant_revoke_refresh[] =
        "UPDATE oauth_refresh_tokens SET revoked_at = ?2 WHERE grant_id = ?1 AND revoked_at IS "
        "NULL";

/* The user's credentials: issued here (not revoked, Open Badges formats) and imported ones
 * that are not copies of those. ?1 user, ?2 since. */
#define OB_CREDENTIALS                                                                          \
    "SELECT id, document, format, issued_at, 0 AS imported FROM credentials "                   \
    "WHERE recipient_user_id = ?1 AND is_imported = 0 AND status <> 'revoked' "                 \
    "AND format IN ('ob3-ldp', 'ob3-jwt') AND issued_at > ?2 "                                  \
    "UNION ALL SELECT credential_id, document, format, issued_at, 1 FROM imported_credentials " \
    "WHERE user_id = ?1 AND issued_at > ?2 AND format IN ('ob3-ldp', 'ob3-jwt') "               \
    "AND credential_id NOT IN (SELECT id FROM "                                                 \
    "credentials WHERE recipient_user_id = ?1)"
static const char sql_ob_list[] =
        "SELECT id, document, format, issued_at, imported FROM (" OB_CREDENTIALS
        ") ORDER BY issued_at, id LIMIT ?3 OFFSET ?4";
static const char sql_ob_count[] = "SELECT count(*) FROM (" OB_CREDENTIALS ")";

static const char sql_imported_exists[] =
        "SELECT id FROM imported_credentials WHERE user_id = ?1 AND credential_id = ?2";
static const char sql_imported_put[] =
        "INSERT INTO imported_credentials (user_id, credential_id, issuer, document, format, "
        "issued_at, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) "
        "ON CONFLICT (user_id, credential_id) DO UPDATE SET issuer = excluded.issuer, "
        "document = excluded.document, format = excluded.format, issued_at = excluded.issued_at, "
        "updated_at = excluded.updated_at RETURNING id";

static const char sql_imported_list[] =
        "SELECT id, credential_id, issuer, document, format, issued_at, updated_at FROM "
        "imported_credentials WHERE user_id = ?1 ORDER BY updated_at DESC, id DESC LIMIT ?2";

static const char sql_user_set_name[] = "UPDATE users SET name = ?2 WHERE id = ?1";

static bool col_hash(sqlite3_stmt *st, int i, uint8_t out[MC_TOKEN_HASH_LEN])
{
    if (sqlite3_column_bytes(st, i) != MC_TOKEN_HASH_LEN)
        return false;
    memcpy(out, sqlite3_column_blob(st, i), MC_TOKEN_HASH_LEN);
    return true;
}

static int64_t col_opt_i64(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, i);
}

/* --- clients --- */

enum mc_rc mc_sqlite_oauth_client_put(struct mc_store *s, struct mc_oauth_client *c,
                                      struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_client_put, &st, e);
    if (rc)
        return rc;
    if (!c->created_at)
        c->created_at = mc_sqlite_now();
    mc_sqlite_bind_text(st, 1, c->client_id);
    if (c->has_secret)
        sqlite3_bind_blob(st, 2, c->secret_hash, MC_TOKEN_HASH_LEN, SQLITE_STATIC);
    mc_sqlite_bind_text(st, 3, c->name);
    mc_sqlite_bind_text(st, 4, c->redirect_uris);
    mc_sqlite_bind_text(st, 5, c->scope);
    mc_sqlite_bind_text(st, 6, c->auth_method);
    mc_sqlite_bind_text(st, 7, c->metadata);
    sqlite3_bind_int64(st, 8, c->created_at);
    rc = mc_sqlite_exec_stmt(q, st, "adding an OAuth client", e);
    if (rc == MC_ERR_CONFLICT)
        return mc_err_set(e, rc, "OAuth client %s exists already", c->client_id);
    if (rc)
        return rc;
    c->id = sqlite3_last_insert_rowid(q->db);
    return MC_OK;
}

enum mc_rc mc_sqlite_oauth_client_get(struct mc_store *s, const char *client_id, int64_t id,
                                      struct mc_arena *arena, struct mc_oauth_client *out,
                                      struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, client_id ? sql_client_get : sql_client_get_id, &st, e);
    if (rc)
        return rc;
    if (client_id)
        mc_sqlite_bind_text(st, 1, client_id);
    else
        sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->client_id = mc_sqlite_col_text(st, 1, arena);
        out->has_secret = sqlite3_column_type(st, 2) != SQLITE_NULL;
        if (out->has_secret && !col_hash(st, 2, out->secret_hash))
            rc = mc_err_set(e, MC_ERR_DB, "oauth_clients.secret_hash of %s is not %d bytes",
                            out->client_id, MC_TOKEN_HASH_LEN);
        out->name = mc_sqlite_col_text(st, 3, arena);
        out->redirect_uris = mc_sqlite_col_text(st, 4, arena);
        out->scope = mc_sqlite_col_text(st, 5, arena);
        out->auth_method = mc_sqlite_col_text(st, 6, arena);
        out->metadata = mc_sqlite_col_text(st, 7, arena);
        out->created_at = sqlite3_column_int64(st, 8);
    } else if (r == SQLITE_DONE) {
        rc = client_id ? mc_err_set(e, MC_ERR_NOT_FOUND, "no OAuth client %s", client_id)
                       : mc_err_set(e, MC_ERR_NOT_FOUND, "no OAuth client with id %lld",
                                    (long long)id);
    } else {
        rc = mc_sqlite_fail(q, "reading an OAuth client", e);
    }
    sqlite3_reset(st);
    return rc;
}

/* --- codes --- */

enum mc_rc mc_sqlite_oauth_code_put(struct mc_store *s, struct mc_oauth_code *c, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_code_put, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_blob(st, 1, c->code_hash, MC_TOKEN_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, c->client_id);
    sqlite3_bind_int64(st, 3, c->user_id);
    mc_sqlite_bind_text(st, 4, c->redirect_uri);
    sqlite3_bind_int(st, 5, c->redirect_given);
    mc_sqlite_bind_text(st, 6, c->scope);
    mc_sqlite_bind_text(st, 7, c->code_challenge);
    sqlite3_bind_int64(st, 8, c->created_at);
    sqlite3_bind_int64(st, 9, c->expires_at);
    rc = mc_sqlite_exec_stmt(q, st, "adding an authorization code", e);
    if (rc)
        return rc;
    c->id = sqlite3_last_insert_rowid(q->db);
    return MC_OK;
}

enum mc_rc mc_sqlite_oauth_code_get(struct mc_store *s, const uint8_t *hash, struct mc_arena *arena,
                                    struct mc_oauth_code *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, sql_code_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_blob(st, 1, hash, MC_TOKEN_HASH_LEN, SQLITE_STATIC);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        col_hash(st, 1, out->code_hash);
        out->client_id = sqlite3_column_int64(st, 2);
        out->user_id = sqlite3_column_int64(st, 3);
        out->redirect_uri = mc_sqlite_col_text(st, 4, arena);
        out->redirect_given = sqlite3_column_int(st, 5) != 0;
        out->scope = mc_sqlite_col_text(st, 6, arena);
        out->code_challenge = mc_sqlite_col_text(st, 7, arena);
        out->created_at = sqlite3_column_int64(st, 8);
        out->expires_at = sqlite3_column_int64(st, 9);
        out->used_at = col_opt_i64(st, 10);
    } else if (r == SQLITE_DONE) {
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "unknown authorization code");
    } else {
        rc = mc_sqlite_fail(q, "reading an authorization code", e);
    }
    sqlite3_reset(st);
    return rc;
}

/* Run a conditional UPDATE of one row: MC_ERR_CONFLICT when it changed nothing. */
static enum mc_rc update_once(struct mc_sqlite *q, const char *sql, int64_t id, int64_t at,
                              const char *doing, const char *conflict, struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at ? at : mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, doing, e);
    if (rc)
        return rc;
    if (sqlite3_changes(q->db) == 0)
        return mc_err_set(e, MC_ERR_CONFLICT, "%s", conflict);
    return MC_OK;
}

enum mc_rc mc_sqlite_oauth_code_use(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e)
{
    return update_once(mc_sqlite_of(s), sql_code_use, id, at, "using an authorization code",
                       "the authorization code was used already", e);
}

/* --- refresh tokens and grants --- */

enum mc_rc mc_sqlite_oauth_refresh_put(struct mc_store *s, struct mc_oauth_refresh *r,
                                       struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_refresh_put, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_blob(st, 1, r->token_hash, MC_TOKEN_HASH_LEN, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, r->grant_id);
    sqlite3_bind_int64(st, 3, r->client_id);
    sqlite3_bind_int64(st, 4, r->user_id);
    mc_sqlite_bind_text(st, 5, r->scope);
    mc_sqlite_bind_id(st, 6, r->access_token_id);
    sqlite3_bind_int64(st, 7, r->created_at);
    sqlite3_bind_int64(st, 8, r->expires_at);
    rc = mc_sqlite_exec_stmt(q, st, "adding a refresh token", e);
    if (rc)
        return rc;
    r->id = sqlite3_last_insert_rowid(q->db);
    return MC_OK;
}

enum mc_rc mc_sqlite_oauth_refresh_get(struct mc_store *s, const uint8_t *hash,
                                       int64_t access_token_id, struct mc_arena *arena,
                                       struct mc_oauth_refresh *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, hash ? sql_refresh_get : sql_refresh_by_access, &st, e);
    if (rc)
        return rc;
    if (hash)
        sqlite3_bind_blob(st, 1, hash, MC_TOKEN_HASH_LEN, SQLITE_STATIC);
    else
        sqlite3_bind_int64(st, 1, access_token_id);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        col_hash(st, 1, out->token_hash);
        out->grant_id = sqlite3_column_int64(st, 2);
        out->client_id = sqlite3_column_int64(st, 3);
        out->user_id = sqlite3_column_int64(st, 4);
        out->scope = mc_sqlite_col_text(st, 5, arena);
        out->access_token_id = col_opt_i64(st, 6);
        out->created_at = sqlite3_column_int64(st, 7);
        out->expires_at = sqlite3_column_int64(st, 8);
        out->used_at = col_opt_i64(st, 9);
        out->revoked_at = col_opt_i64(st, 10);
    } else if (r == SQLITE_DONE) {
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "unknown refresh token");
    } else {
        rc = mc_sqlite_fail(q, "reading a refresh token", e);
    }
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_oauth_refresh_use(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e)
{
    return update_once(mc_sqlite_of(s), sql_refresh_use, id, at, "rotating a refresh token",
                       "the refresh token was used or revoked already", e);
}

enum mc_rc mc_sqlite_oauth_grant_revoke(struct mc_store *s, int64_t grant_id, int64_t at,
                                        int64_t *count, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    if (!at)
        at = mc_sqlite_now();
    enum mc_rc rc = mc_sqlite_stmt(q, sql_grant_revoke_access, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, grant_id);
    sqlite3_bind_int64(st, 2, at);
    rc = mc_sqlite_exec_stmt(q, st, "revoking a grant's access tokens", e);
    if (rc)
        return rc;
    rc = mc_sqlite_stmt(q, sql_grant_revoke_refresh, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, grant_id);
    sqlite3_bind_int64(st, 2, at);
    rc = mc_sqlite_exec_stmt(q, st, "revoking a grant's refresh tokens", e);
    if (rc)
        return rc;
    if (count)
        *count = sqlite3_changes(q->db);
    return MC_OK;
}

/* --- the Open Badges API --- */

enum mc_rc mc_sqlite_ob_credential_list(struct mc_store *s, int64_t user_id, int64_t since,
                                        int64_t limit, int64_t offset, struct mc_arena *arena,
                                        struct mc_ob_credential **out, size_t *n, int64_t *total,
                                        struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_ob_count, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, since);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = mc_sqlite_fail(q, "counting a user's credentials", e);
        sqlite3_reset(st);
        return rc;
    }
    *total = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (*total <= offset)
        return MC_OK;
    rc = mc_sqlite_stmt(q, sql_ob_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, since);
    sqlite3_bind_int64(st, 3, limit);
    sqlite3_bind_int64(st, 4, offset);
    size_t cap = (size_t)limit;
    if (cap > (size_t)(*total - offset))
        cap = (size_t)(*total - offset);
    struct mc_ob_credential *rows = mc_arena_calloc(arena, cap ? cap : 1, sizeof *rows);
    size_t k = 0;
    int r;
    for (;;) {
        r = sqlite3_step(st);
        if (r != SQLITE_ROW || k == cap)
            break;
        rows[k].id = mc_sqlite_col_text(st, 0, arena);
        rows[k].document = mc_sqlite_col_text(st, 1, arena);
        rows[k].format = mc_sqlite_col_text(st, 2, arena);
        rows[k].issued_at = sqlite3_column_int64(st, 3);
        rows[k].is_imported = sqlite3_column_int(st, 4) != 0;
        k++;
    }
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = mc_sqlite_fail(q, "listing a user's credentials", e);
    sqlite3_reset(st);
    if (rc)
        return rc;
    *out = rows;
    *n = k;
    return MC_OK;
}

enum mc_rc mc_sqlite_imported_credential_put(struct mc_store *s, struct mc_imported_credential *c,
                                             bool *created, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_imported_exists, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, c->user_id);
    mc_sqlite_bind_text(st, 2, c->credential_id);
    int r = sqlite3_step(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = mc_sqlite_fail(q, "looking up an imported credential", e);
    *created = r == SQLITE_DONE;
    sqlite3_reset(st);
    if (rc)
        return rc;
    rc = mc_sqlite_stmt(q, sql_imported_put, &st, e);
    if (rc)
        return rc;
    if (!c->at)
        c->at = mc_sqlite_now();
    sqlite3_bind_int64(st, 1, c->user_id);
    mc_sqlite_bind_text(st, 2, c->credential_id);
    mc_sqlite_bind_text(st, 3, c->issuer);
    mc_sqlite_bind_text(st, 4, c->document);
    mc_sqlite_bind_text(st, 5, c->format);
    sqlite3_bind_int64(st, 6, c->issued_at);
    sqlite3_bind_int64(st, 7, c->at);
    r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        c->id = sqlite3_column_int64(st, 0);
        r = sqlite3_step(st); /* finish the statement so the write completes */
    }
    if (r != SQLITE_DONE)
        rc = mc_sqlite_fail(q, "storing an imported credential", e);
    sqlite3_reset(st);
    if (rc == MC_ERR_DB && sqlite3_extended_errcode(q->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
        rc = mc_err_set(e, MC_ERR_INVALID, "no user with id %lld", (long long)c->user_id);
    return rc;
}

enum mc_rc mc_sqlite_imported_credential_list(struct mc_store *s, int64_t user_id, int64_t limit,
                                              struct mc_arena *arena,
                                              struct mc_imported_credential **out, size_t *n,
                                              struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_imported_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, limit);
    struct mc_sqlite_vec v = { .size = sizeof(struct mc_imported_credential) };
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct mc_imported_credential *c = mc_sqlite_vec_push(&v);
        c->id = sqlite3_column_int64(st, 0);
        c->user_id = user_id;
        c->credential_id = mc_sqlite_col_text(st, 1, arena);
        c->issuer = mc_sqlite_col_text(st, 2, arena);
        c->document = mc_sqlite_col_text(st, 3, arena);
        c->format = mc_sqlite_col_text(st, 4, arena);
        c->issued_at = sqlite3_column_int64(st, 5);
        c->at = sqlite3_column_int64(st, 6);
    }
    *out = mc_sqlite_vec_finish(q, st, r, &v, arena, n, &rc, "listing a user's wallet", e);
    return rc;
}

enum mc_rc mc_sqlite_user_set_name(struct mc_store *s, int64_t user_id, const char *name,
                                   struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_user_set_name, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    mc_sqlite_bind_text(st, 2, name);
    rc = mc_sqlite_exec_stmt(q, st, "renaming a user", e);
    if (rc)
        return rc;
    if (sqlite3_changes(q->db) == 0)
        return mc_err_set(e, MC_ERR_NOT_FOUND, "no user with id %lld", (long long)user_id);
    return MC_OK;
}
