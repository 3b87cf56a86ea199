/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: an issuer's figures — credentials per month and by status, completion per
 * program, the skills its credentials certify most. */
#include <string.h>

#include "store/sqlite/sqlite.h"

static const char sql_months[] =
        "SELECT strftime('%Y-%m', issued_at, 'unixepoch') AS m, count(*) FROM credentials "
        "WHERE issuer_org_id = ?1 AND is_imported = 0 AND issued_at >= ?2 GROUP BY m ORDER BY m";
static const char sql_statuses[] =
        "SELECT status, count(*) FROM credentials WHERE issuer_org_id = ?1 AND is_imported = 0 "
        "GROUP BY status";
static const char sql_programs[] =
        "SELECT p.slug, p.title, "
        "(SELECT count(*) FROM enrollments e WHERE e.program_id = p.id), "
        "(SELECT count(*) FROM enrollments e WHERE e.program_id = p.id AND e.status = "
        "'completed'), "
        "(SELECT count(*) FROM credentials c WHERE c.achievement_id = p.achievement_id "
        " AND c.is_imported = 0) "
        "FROM programs p WHERE p.institution_org_id = ?1 ORDER BY p.title, p.id LIMIT ?2";
static const char sql_skills[] =
        "SELECT k.slug, k.name, count(*) AS n FROM credentials c "
        "JOIN achievement_skills s ON s.achievement_id = c.achievement_id "
        "JOIN skills k ON k.id = s.skill_id "
        "WHERE c.issuer_org_id = ?1 AND c.is_imported = 0 AND c.status = 'active' "
        "GROUP BY k.id ORDER BY n DESC, k.slug LIMIT ?2";

/* Step through a query, growing an arena array of `size`-byte items; `row` fills one. */
static enum mc_rc collect(struct mc_sqlite *q, sqlite3_stmt *st, struct mc_arena *arena,
                          size_t size, size_t max, void **out, size_t *n,
                          void (*row)(sqlite3_stmt *, struct mc_arena *, void *), struct mc_err *e)
{
    char *items = mc_arena_calloc(arena, max ? max : 1, size);
    size_t count = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW && count < max)
        row(st, arena, items + count++ * size);
    enum mc_rc rc = MC_OK;
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = mc_sqlite_fail(q, "reading an issuer's figures", e);
    sqlite3_reset(st);
    *out = items;
    *n = count;
    return rc;
}

static void month_row(sqlite3_stmt *st, struct mc_arena *arena, void *item)
{
    struct mc_analytics_month *m = item;
    m->month = mc_sqlite_col_text(st, 0, arena);
    m->issued = sqlite3_column_int64(st, 1);
}

static void program_row(sqlite3_stmt *st, struct mc_arena *arena, void *item)
{
    struct mc_analytics_program *p = item;
    p->slug = mc_sqlite_col_text(st, 0, arena);
    p->title = mc_sqlite_col_text(st, 1, arena);
    p->enrolled = sqlite3_column_int64(st, 2);
    p->completed = sqlite3_column_int64(st, 3);
    p->credentials = sqlite3_column_int64(st, 4);
}

static void skill_row(sqlite3_stmt *st, struct mc_arena *arena, void *item)
{
    struct mc_analytics_skill *k = item;
    k->slug = mc_sqlite_col_text(st, 0, arena);
    k->name = mc_sqlite_col_text(st, 1, arena);
    k->credentials = sqlite3_column_int64(st, 2);
}

enum mc_rc mc_sqlite_issuer_analytics(struct mc_store *s, int64_t org_id, int64_t since,
                                      struct mc_arena *arena, struct mc_issuer_analytics *out,
                                      struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_months, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_int64(st, 2, since);
    void *items = NULL;
    rc = collect(q, st, arena, sizeof *out->months, 1200, &items, &out->n_months, month_row, e);
    out->months = items;
    if (!rc)
        rc = mc_sqlite_stmt(q, sql_statuses, &st, e);
    if (!rc) {
        sqlite3_bind_int64(st, 1, org_id);
        int r;
        while ((r = sqlite3_step(st)) == SQLITE_ROW) {
            struct mc_str status = mc_sqlite_col_str(st, 0);
            int64_t n = sqlite3_column_int64(st, 1);
            if (mc_str_eqz(status, "active"))
                out->active = n;
            else if (mc_str_eqz(status, "revoked"))
                out->revoked = n;
            else if (mc_str_eqz(status, "suspended"))
                out->suspended = n;
        }
        if (r != SQLITE_DONE)
            rc = mc_sqlite_fail(q, "counting credentials by status", e);
        sqlite3_reset(st);
    }
    if (!rc)
        rc = mc_sqlite_stmt(q, sql_programs, &st, e);
    if (!rc) {
        sqlite3_bind_int64(st, 1, org_id);
        sqlite3_bind_int64(st, 2, MC_ANALYTICS_MAX_ROWS);
        rc = collect(q, st, arena, sizeof *out->programs, MC_ANALYTICS_MAX_ROWS, &items,
                     &out->n_programs, program_row, e);
        out->programs = items;
    }
    if (!rc)
        rc = mc_sqlite_stmt(q, sql_skills, &st, e);
    if (!rc) {
        sqlite3_bind_int64(st, 1, org_id);
        sqlite3_bind_int64(st, 2, MC_ANALYTICS_TOP_SKILLS);
        rc = collect(q, st, arena, sizeof *out->skills, MC_ANALYTICS_TOP_SKILLS, &items,
                     &out->n_skills, skill_row, e);
        out->skills = items;
    }
    return rc;
}
