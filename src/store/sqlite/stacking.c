/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: what stacked awards read — the programs with rules, what a learner holds. */
#include <string.h>

#include "store/sqlite/sqlite.h"

#define MAX_ROWS 10000

static const char sql_stacked[] =
        "SELECT id, slug, coalesce(achievement_id, 0), institution_org_id, stacking_rule, "
        "stacking_revoke_on_loss "
        "FROM programs WHERE stacking_rule IS NOT NULL ORDER BY id LIMIT ?1";
static const char sql_held[] =
        "SELECT (SELECT a2.id FROM achievements a2 WHERE a2.slug = a.slug "
        "        ORDER BY a2.version DESC LIMIT 1), "
        "c.issuer_org_id, a.ects, a.workload_hours, c.id, c.idempotency_key "
        "FROM credentials c JOIN achievements a ON a.id = c.achievement_id "
        "WHERE c.recipient_user_id = ?1 AND c.status = 'active' AND c.valid_from <= ?2 "
        "AND (c.valid_until IS NULL OR c.valid_until > ?2) ORDER BY c.issued_at, c.id LIMIT ?3";

enum mc_rc mc_sqlite_stacked_programs(struct mc_store *s, struct mc_arena *arena,
                                      struct mc_stacked_program **out, size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_stacked, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int(st, 1, MAX_ROWS);
    struct mc_stacked_program *list = NULL;
    size_t count = 0, cap = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        list = mc_arena_grow(arena, list, count, 1, &cap, sizeof *list);
        struct mc_stacked_program *p = &list[count++];
        p->id = sqlite3_column_int64(st, 0);
        p->slug = mc_sqlite_col_text(st, 1, arena);
        p->achievement_id = sqlite3_column_int64(st, 2);
        p->institution_org_id = sqlite3_column_int64(st, 3);
        p->rule = mc_sqlite_col_text(st, 4, arena);
        p->revoke_on_loss = sqlite3_column_int(st, 5) != 0;
    }
    if (r != SQLITE_DONE)
        rc = mc_sqlite_fail(q, "listing programs with stacking rules", e);
    sqlite3_reset(st);
    *out = list;
    *n = count;
    return rc;
}

enum mc_rc mc_sqlite_held_achievements(struct mc_store *s, int64_t user_id, int64_t now,
                                       struct mc_arena *arena, struct mc_held_achievement **out,
                                       size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_held, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int(st, 3, MAX_ROWS);
    struct mc_held_achievement *list = NULL;
    size_t count = 0, cap = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        list = mc_arena_grow(arena, list, count, 1, &cap, sizeof *list);
        struct mc_held_achievement *h = &list[count++];
        h->achievement_id = sqlite3_column_int64(st, 0);
        h->issuer_org_id = sqlite3_column_int64(st, 1);
        h->ects = mc_sqlite_col_opt_double(st, 2);
        h->hours = mc_sqlite_col_opt_double(st, 3);
        h->credential_id = mc_sqlite_col_text(st, 4, arena);
        h->idempotency_key = mc_sqlite_col_text(st, 5, arena);
    }
    if (r != SQLITE_DONE)
        rc = mc_sqlite_fail(q, "reading a learner's achievements", e);
    sqlite3_reset(st);
    *out = list;
    *n = count;
    return rc;
}

static const char sql_set_rule[] =
        "UPDATE programs SET stacking_rule = ?2, stacking_revoke_on_loss = ?3 WHERE id = ?1";

enum mc_rc mc_sqlite_program_set_rule(struct mc_store *s, int64_t program_id, const char *rule,
                                      bool revoke_on_loss, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_set_rule, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, program_id);
    mc_sqlite_bind_text(st, 2, rule);
    sqlite3_bind_int(st, 3, revoke_on_loss);
    rc = mc_sqlite_exec_stmt(q, st, "saving a stacking rule", e);
    if (!rc && sqlite3_changes(q->db) != 1)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no program with id %lld", (long long)program_id);
    return rc;
}
