/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: users and their roles in organisations. */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "store/sqlite/sqlite.h"

static const char sql_user_put[] =
        "INSERT INTO users (email, name, password_hash, is_platform_admin, search_opt_in, did, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
#define USER_COLS \
    "id, email, name, password_hash, is_platform_admin, search_opt_in, did, created_at"
static const char sql_user_by_email[] = "SELECT " USER_COLS " FROM users WHERE email = ?1";
static const char sql_user_by_id[] = "SELECT " USER_COLS " FROM users WHERE id = ?1";
static const char sql_membership_add[] =
        "INSERT INTO memberships (user_id, org_id, role, created_at) VALUES (?1, ?2, ?3, ?4)";
static const char sql_membership_list[] =
        "SELECT m.user_id, m.org_id, o.slug, o.name, m.role FROM memberships m "
        "JOIN organisations o ON o.id = m.org_id WHERE m.user_id = ?1 ORDER BY o.slug, m.role";
static const char sql_user_exists[] = "SELECT 1 FROM users WHERE id = ?1";
static const char sql_org_exists[] = "SELECT 1 FROM organisations WHERE id = ?1";

enum mc_rc mc_sqlite_user_put(struct mc_store *s, struct mc_user *u, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_user_put, &st, e);
    if (rc)
        return rc;
    if (!u->created_at)
        u->created_at = mc_sqlite_now();
    mc_sqlite_bind_text(st, 1, u->email);
    mc_sqlite_bind_text(st, 2, u->name);
    mc_sqlite_bind_text(st, 3, u->password_hash);
    sqlite3_bind_int(st, 4, u->is_platform_admin);
    sqlite3_bind_int(st, 5, u->search_opt_in);
    mc_sqlite_bind_text(st, 6, u->did);
    sqlite3_bind_int64(st, 7, u->created_at);
    rc = mc_sqlite_exec_stmt(q, st, "adding a user", e);
    if (rc == MC_ERR_CONFLICT) {
        /* email and did are the unique columns; say which one clashed */
        if (strstr(e ? e->msg : "", "did"))
            return mc_err_set(e, rc, "a user with did '%.200s' exists already", u->did);
        return mc_err_set(e, rc, "a user with email '%.254s' exists already", u->email);
    }
    if (rc)
        return rc;
    u->id = sqlite3_last_insert_rowid(q->db);
    return MC_OK;
}

enum mc_rc mc_sqlite_user_get(struct mc_store *s, const char *email, int64_t id,
                              struct mc_arena *arena, struct mc_user *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, email ? sql_user_by_email : sql_user_by_id, &st, e);
    if (rc)
        return rc;
    if (email)
        mc_sqlite_bind_text(st, 1, email);
    else
        sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->email = mc_sqlite_col_text(st, 1, arena);
        out->name = mc_sqlite_col_text(st, 2, arena);
        out->password_hash = mc_sqlite_col_text(st, 3, arena);
        out->is_platform_admin = sqlite3_column_int(st, 4);
        out->search_opt_in = sqlite3_column_int(st, 5);
        out->did = mc_sqlite_col_text(st, 6, arena);
        out->created_at = sqlite3_column_int64(st, 7);
    } else if (r == SQLITE_DONE) {
        if (email)
            rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no user with email '%.254s'", email);
        else
            rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no user with id %lld", (long long)id);
    } else {
        rc = mc_sqlite_fail(q, "reading a user", e);
    }
    sqlite3_reset(st);
    return rc;
}

static enum mc_rc exists(struct mc_sqlite *q, const char *sql, int64_t id, const char *what,
                         struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r == SQLITE_ROW)
        return MC_OK;
    if (r != SQLITE_DONE)
        return mc_sqlite_fail(q, "checking a reference", e);
    return mc_err_set(e, MC_ERR_INVALID, "no %s with id %lld", what, (long long)id);
}

enum mc_rc mc_sqlite_membership_add(struct mc_store *s, int64_t user_id, int64_t org_id,
                                    enum mc_role role, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = exists(q, sql_user_exists, user_id, "user", e);
    if (rc == MC_OK)
        rc = exists(q, sql_org_exists, org_id, "organisation", e);
    if (rc)
        return rc;
    rc = mc_sqlite_stmt(q, sql_membership_add, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, org_id);
    mc_sqlite_bind_text(st, 3, mc_role_name(role));
    sqlite3_bind_int64(st, 4, mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, "adding a membership", e);
    if (rc == MC_ERR_CONFLICT)
        return mc_err_set(e, rc, "user %lld already has the role %s in organisation %lld",
                          (long long)user_id, mc_role_name(role), (long long)org_id);
    return rc;
}

enum mc_rc mc_sqlite_membership_list(struct mc_store *s, int64_t user_id, struct mc_arena *arena,
                                     struct mc_membership **out, size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_membership_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    struct mc_membership *tmp = NULL;
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
        struct mc_membership *m = &tmp[count];
        m->user_id = sqlite3_column_int64(st, 0);
        m->org_id = sqlite3_column_int64(st, 1);
        m->org_slug = mc_sqlite_col_text(st, 2, arena);
        m->org_name = mc_sqlite_col_text(st, 3, arena);
        if (mc_role_parse(mc_sqlite_col_str(st, 4), &m->role, NULL)) {
            rc = mc_err_set(e, MC_ERR_DB,
                            "memberships.role holds a value this build does not "
                            "know");
            goto out;
        }
        count++;
    }
    if (r != SQLITE_DONE) {
        rc = mc_sqlite_fail(q, "reading memberships", e);
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
