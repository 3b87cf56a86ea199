/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: issuers' signing keys (sealed secrets, rotation, revocation). */
#include <string.h>

#include "store/sqlite/sqlite.h"

static const char sql_key_put[] =
        "INSERT INTO signing_keys (org_id, key_id, algorithm, public_multibase, secret_encrypted, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
#define KEY_COLS                                                                      \
    "id, org_id, key_id, algorithm, public_multibase, secret_encrypted, created_at, " \
    "retired_at, revoked_at, revocation_reason"
static const char sql_key_list_org[] =
        "SELECT " KEY_COLS " FROM signing_keys WHERE org_id = ?1 ORDER BY created_at DESC, id DESC";
static const char sql_key_list_all[] = "SELECT " KEY_COLS " FROM signing_keys ORDER BY id";
static const char sql_key_state[] = "SELECT retired_at, revoked_at FROM signing_keys WHERE id = ?1";
static const char sql_key_retire[] =
        "UPDATE signing_keys SET retired_at = ?2 WHERE id = ?1 AND retired_at IS NULL";
static const char sql_key_revoke[] =
        "UPDATE signing_keys SET retired_at = coalesce(retired_at, ?2), revoked_at = ?2, "
        "revocation_reason = ?3 WHERE id = ?1 AND revoked_at IS NULL";
static const char sql_key_reseal[] = "UPDATE signing_keys SET secret_encrypted = ?2 WHERE id = ?1";

enum mc_rc mc_sqlite_signing_key_put(struct mc_store *s, struct mc_signing_key *k, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_key_put, &st, e);
    if (rc)
        return rc;
    if (!k->created_at)
        k->created_at = mc_sqlite_now();
    sqlite3_bind_int64(st, 1, k->org_id);
    mc_sqlite_bind_text(st, 2, k->key_id);
    mc_sqlite_bind_text(st, 3, k->algorithm);
    mc_sqlite_bind_text(st, 4, k->public_multibase);
    sqlite3_bind_blob(st, 5, k->secret_sealed, (int)k->secret_sealed_len, SQLITE_STATIC);
    sqlite3_bind_int64(st, 6, k->created_at);
    rc = mc_sqlite_exec_stmt(q, st, "adding a signing key", e);
    if (rc == MC_ERR_CONFLICT) {
        if (strstr(e ? e->msg : "", "key_id"))
            return mc_err_set(e, rc, "a signing key with id '%.200s' exists already", k->key_id);
        return mc_err_set(e, rc,
                          "organisation %lld has a signing key in use already; retire it first",
                          (long long)k->org_id);
    }
    if (rc == MC_ERR_INVALID)
        return mc_err_set(e, rc, "organisation %lld does not exist", (long long)k->org_id);
    if (rc)
        return rc;
    k->id = sqlite3_last_insert_rowid(q->db);
    k->retired_at = k->revoked_at = 0;
    k->revoked_reason = NULL;
    return MC_OK;
}

static void read_key(sqlite3_stmt *st, struct mc_arena *arena, struct mc_signing_key *k)
{
    k->id = sqlite3_column_int64(st, 0);
    k->org_id = sqlite3_column_int64(st, 1);
    k->key_id = mc_sqlite_col_text(st, 2, arena);
    k->algorithm = mc_sqlite_col_text(st, 3, arena);
    k->public_multibase = mc_sqlite_col_text(st, 4, arena);
    int n = sqlite3_column_bytes(st, 5);
    const void *blob = sqlite3_column_blob(st, 5);
    uint8_t *copy = mc_arena_alloc(arena, n > 0 ? (size_t)n : 1);
    if (n > 0)
        memcpy(copy, blob, (size_t)n);
    k->secret_sealed = copy;
    k->secret_sealed_len = n > 0 ? (size_t)n : 0;
    k->created_at = sqlite3_column_int64(st, 6);
    k->retired_at = sqlite3_column_int64(st, 7);
    k->revoked_at = sqlite3_column_int64(st, 8);
    k->revoked_reason = mc_sqlite_col_text(st, 9, arena);
}

enum mc_rc mc_sqlite_signing_key_list(struct mc_store *s, int64_t org_id, struct mc_arena *arena,
                                      struct mc_signing_key **out, size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, org_id ? sql_key_list_org : sql_key_list_all, &st, e);
    if (rc)
        return rc;
    if (org_id)
        sqlite3_bind_int64(st, 1, org_id);
    /* Keys are few (one per rotation); grow an arena array by doubling. */
    struct mc_signing_key *list = NULL;
    size_t count = 0, cap = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        list = mc_arena_grow(arena, list, count, 1, &cap, sizeof *list);
        read_key(st, arena, &list[count++]);
    }
    if (r != SQLITE_DONE)
        rc = mc_sqlite_fail(q, "reading signing keys", e);
    sqlite3_reset(st);
    if (!rc) {
        *out = list;
        *n = count;
    }
    return rc;
}

enum mc_rc mc_sqlite_signing_key_retire(struct mc_store *s, int64_t id, int64_t at,
                                        const char *reason, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, reason ? sql_key_revoke : sql_key_retire, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, at ? at : mc_sqlite_now());
    if (reason)
        mc_sqlite_bind_text(st, 3, reason);
    rc = mc_sqlite_exec_stmt(q, st, reason ? "revoking a signing key" : "retiring a signing key",
                             e);
    if (rc)
        return rc;
    if (sqlite3_changes(q->db) == 1)
        return MC_OK;
    /* Nothing changed: say whether the key is unknown or already in that state. */
    rc = mc_sqlite_stmt(q, sql_key_state, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r == SQLITE_ROW)
        return mc_err_set(e, MC_ERR_CONFLICT, "signing key %lld is %s already", (long long)id,
                          reason ? "revoked" : "retired");
    if (r == SQLITE_DONE)
        return mc_err_set(e, MC_ERR_NOT_FOUND, "no signing key with id %lld", (long long)id);
    return mc_sqlite_fail(q, "reading a signing key", e);
}

enum mc_rc mc_sqlite_signing_key_reseal(struct mc_store *s, int64_t id, const uint8_t *sealed,
                                        size_t len, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_key_reseal, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_blob(st, 2, sealed, (int)len, SQLITE_STATIC);
    rc = mc_sqlite_exec_stmt(q, st, "resealing a signing key", e);
    if (rc)
        return rc;
    if (sqlite3_changes(q->db) != 1)
        return mc_err_set(e, MC_ERR_NOT_FOUND, "no signing key with id %lld", (long long)id);
    return MC_OK;
}
