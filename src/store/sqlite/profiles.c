/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: learners' public profiles and the credentials shown on them. */
#include <string.h>

#include "store/sqlite/sqlite.h"

static const char sql_profile_set[] =
        "INSERT INTO learner_profiles (user_id, handle, headline, public, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (user_id) DO UPDATE SET handle = excluded.handle, "
        "headline = excluded.headline, public = excluded.public, updated_at = excluded.updated_at";
static const char sql_profile_get[] =
        "SELECT p.user_id, p.handle, u.name, p.headline, p.public FROM learner_profiles p "
        "JOIN users u ON u.id = p.user_id WHERE p.handle = ?1";
static const char sql_user_credentials[] =
        "SELECT c.id, c.search_name, c.issuer_org_id, o.slug, o.name, c.issued_at, "
        "c.valid_until, c.status, c.is_imported FROM credentials c "
        "JOIN organisations o ON o.id = c.issuer_org_id WHERE c.recipient_user_id = ?1 "
        "ORDER BY c.issued_at DESC, c.id LIMIT ?2";

enum mc_rc mc_sqlite_profile_set(struct mc_store *s, const struct mc_learner_profile *p,
                                 struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_profile_set, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, p->user_id);
    mc_sqlite_bind_text(st, 2, p->handle);
    mc_sqlite_bind_text(st, 3, p->headline);
    sqlite3_bind_int(st, 4, p->public_profile);
    sqlite3_bind_int64(st, 5, mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, "saving a learner profile", e);
    if (rc == MC_ERR_CONFLICT)
        return mc_err_set(e, rc, "the handle '%.40s' is taken", p->handle);
    if (rc == MC_ERR_INVALID)
        return mc_err_set(e, rc, "user %lld does not exist", (long long)p->user_id);
    return rc;
}

enum mc_rc mc_sqlite_profile_get(struct mc_store *s, const char *handle, struct mc_arena *arena,
                                 struct mc_learner_profile *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, sql_profile_get, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, handle);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        out->user_id = sqlite3_column_int64(st, 0);
        out->handle = mc_sqlite_col_text(st, 1, arena);
        out->name = mc_sqlite_col_text(st, 2, arena);
        out->headline = mc_sqlite_col_text(st, 3, arena);
        out->public_profile = sqlite3_column_int(st, 4);
    } else if (r == SQLITE_DONE) {
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no profile '%.40s'", handle);
    } else {
        rc = mc_sqlite_fail(q, "reading a learner profile", e);
    }
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_credential_list_for_user(struct mc_store *s, int64_t user_id, int64_t limit,
                                              struct mc_arena *arena,
                                              struct mc_credential_summary **out, size_t *n,
                                              struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_user_credentials, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, limit);
    /* limit is at most 1000 (store.c checks), so one arena array of that size is bounded */
    struct mc_credential_summary *list = mc_arena_calloc(arena, (size_t)limit, sizeof *list);
    size_t count = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW && count < (size_t)limit) {
        struct mc_credential_summary *c = &list[count++];
        c->id = mc_sqlite_col_text(st, 0, arena);
        c->name = mc_sqlite_col_text(st, 1, arena);
        c->issuer_org_id = sqlite3_column_int64(st, 2);
        c->issuer_slug = mc_sqlite_col_text(st, 3, arena);
        c->issuer_name = mc_sqlite_col_text(st, 4, arena);
        c->issued_at = sqlite3_column_int64(st, 5);
        c->valid_until = sqlite3_column_int64(st, 6);
        c->status = mc_sqlite_col_text(st, 7, arena);
        c->is_imported = sqlite3_column_int(st, 8);
    }
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        rc = mc_sqlite_fail(q, "listing a learner's credentials", e);
    sqlite3_reset(st);
    *out = count ? list : NULL;
    *n = count;
    return rc;
}
