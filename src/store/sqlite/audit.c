/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: the append-only audit log, and the deployment settings. */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "store/sqlite/sqlite.h"

static const char sql_audit_put[] =
        "INSERT INTO audit_log (at, actor_user_id, org_id, action, target_type, target_id, "
        "detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_audit_list[] =
        "SELECT id, at, actor_user_id, org_id, action, target_type, target_id, detail "
        "FROM audit_log WHERE (?1 IS NULL OR target_type = ?1) AND (?2 IS NULL OR target_id = ?2) "
        "ORDER BY at DESC, id DESC LIMIT ?3";

enum mc_rc mc_sqlite_audit_append(struct mc_store *s, struct mc_audit_entry *entry,
                                  struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_audit_put, &st, e);
    if (rc)
        return rc;
    if (!entry->at)
        entry->at = mc_sqlite_now();
    sqlite3_bind_int64(st, 1, entry->at);
    mc_sqlite_bind_id(st, 2, entry->actor_user_id);
    mc_sqlite_bind_id(st, 3, entry->org_id);
    mc_sqlite_bind_text(st, 4, entry->action);
    mc_sqlite_bind_text(st, 5, entry->target_type);
    mc_sqlite_bind_text(st, 6, entry->target_id);
    mc_sqlite_bind_text(st, 7, entry->detail_json);
    rc = mc_sqlite_exec_stmt(q, st, "appending to the audit log", e);
    if (rc == MC_ERR_INVALID) {
        if (strstr(e ? e->msg : "", "FOREIGN KEY"))
            return mc_err_set(e, rc, "audit entry '%s': the actor or organisation does not exist",
                              entry->action);
        return mc_err_set(e, rc, "audit entry '%s': detail is not valid JSON", entry->action);
    }
    if (rc)
        return rc;
    entry->id = sqlite3_last_insert_rowid(q->db);
    return MC_OK;
}

enum mc_rc mc_sqlite_audit_list(struct mc_store *s, const char *target_type, const char *target_id,
                                int64_t limit, struct mc_arena *arena, struct mc_audit_entry **out,
                                size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_audit_list, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, target_type);
    mc_sqlite_bind_text(st, 2, target_id);
    sqlite3_bind_int64(st, 3, limit);
    /* limit is at most 1000 (store.c checks), so one arena array of that size is bounded */
    struct mc_audit_entry *list = mc_arena_calloc(arena, (size_t)limit, sizeof *list);
    size_t count = 0;
    int r;
    for (;;) {
        r = sqlite3_step(st);
        if (r != SQLITE_ROW || count == (size_t)limit)
            break;
        struct mc_audit_entry *a = &list[count++];
        a->id = sqlite3_column_int64(st, 0);
        a->at = sqlite3_column_int64(st, 1);
        a->actor_user_id = sqlite3_column_int64(st, 2);
        a->org_id = sqlite3_column_int64(st, 3);
        a->action = mc_sqlite_col_text(st, 4, arena);
        a->target_type = mc_sqlite_col_text(st, 5, arena);
        a->target_id = mc_sqlite_col_text(st, 6, arena);
        a->detail_json = mc_sqlite_col_text(st, 7, arena);
    }
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        rc = mc_sqlite_fail(q, "reading the audit log", e);
    sqlite3_reset(st);
    *out = count ? list : NULL;
    *n = count;
    return rc;
}

/* --- settings (kept here: like the audit log, they belong to the deployment, not the domain) */

static const char sql_setting_get[] = "SELECT value FROM settings WHERE name = ?1";
static const char sql_setting_set[] =
        "INSERT INTO settings (name, value, updated_at) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

enum mc_rc mc_sqlite_setting_get(struct mc_store *s, const char *name, struct mc_arena *arena,
                                 const char **value, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_setting_get, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, name);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *value = mc_sqlite_col_text(st, 0, arena);
    else if (r == SQLITE_DONE)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "setting %s is not set", name);
    else
        rc = mc_sqlite_fail(q, "reading a setting", e);
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_setting_set(struct mc_store *s, const char *name, const char *value,
                                 struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_setting_set, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, name);
    mc_sqlite_bind_text(st, 2, value);
    sqlite3_bind_int64(st, 3, mc_sqlite_now());
    return mc_sqlite_exec_stmt(q, st, "saving a setting", e);
}
