/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: what the path planner reads — published programs with their skills, a
 * learner's skills, a job role's skills. */
#include <string.h>

#include "store/sqlite/sqlite.h"

#define MAX_OFFERINGS 100000
#define MAX_IDS       100000

static const char sql_offerings[] =
        "SELECT p.id, p.slug, p.title, p.type, p.price_cents, p.price_model, p.currency, "
        "p.duration_weeks, p.hours_per_week, coalesce(p.achievement_id, 0) FROM programs p "
        "WHERE p.status = 'published' ORDER BY p.id LIMIT ?1";
static const char sql_offering_skills[] =
        "SELECT ps.program_id, ps.skill_id FROM program_skills ps "
        "JOIN programs p ON p.id = ps.program_id WHERE p.status = 'published' "
        "UNION SELECT p.id, ak.skill_id FROM programs p "
        "JOIN achievement_skills ak ON ak.achievement_id = p.achievement_id "
        "WHERE p.status = 'published' ORDER BY 1, 2";
static const char sql_learner_skills[] =
        "SELECT skill_id FROM learner_skills WHERE user_id = ?1 AND credential_id IS NOT NULL "
        "UNION SELECT ak.skill_id FROM credentials c "
        "JOIN achievement_skills ak ON ak.achievement_id = c.achievement_id "
        "WHERE c.recipient_user_id = ?1 AND c.status = 'active' AND c.valid_from <= ?2 "
        "AND (c.valid_until IS NULL OR c.valid_until > ?2) ORDER BY 1 LIMIT ?3";
static const char sql_role[] = "SELECT id FROM job_roles WHERE slug = ?1";
static const char sql_role_skills[] =
        "SELECT skill_id FROM job_role_skills WHERE job_role_id = ?1 ORDER BY skill_id LIMIT ?2";

enum mc_rc mc_sqlite_plan_offerings(struct mc_store *s, struct mc_arena *arena,
                                    struct mc_plan_offering **out, size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_offerings, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int(st, 1, MAX_OFFERINGS);
    struct mc_plan_offering *list = NULL;
    size_t count = 0, cap = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        list = mc_arena_grow(arena, list, count, 1, &cap, sizeof *list);
        struct mc_plan_offering *o = &list[count++];
        memset(o, 0, sizeof *o);
        o->id = sqlite3_column_int64(st, 0);
        o->slug = mc_sqlite_col_text(st, 1, arena);
        o->title = mc_sqlite_col_text(st, 2, arena);
        mc_program_type_parse(mc_sqlite_col_str(st, 3), &o->type, NULL);
        o->price_cents = sqlite3_column_int64(st, 4);
        mc_price_model_parse(mc_sqlite_col_str(st, 5), &o->price_model, NULL);
        o->currency = mc_sqlite_col_text(st, 6, arena);
        o->duration_weeks = sqlite3_column_int(st, 7);
        o->hours_per_week = mc_sqlite_col_opt_double(st, 8);
        o->achievement_id = sqlite3_column_int64(st, 9);
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return mc_sqlite_fail(q, "listing programs for planning", e);
    /* Skills: both lists are ordered by id, so one merge pass attaches them. */
    rc = mc_sqlite_stmt(q, sql_offering_skills, &st, e);
    if (rc)
        return rc;
    size_t at = 0, scap = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t pid = sqlite3_column_int64(st, 0), sid = sqlite3_column_int64(st, 1);
        while (at < count && list[at].id < pid) {
            at++;
            scap = 0;
        }
        if (at == count || list[at].id != pid)
            continue;
        struct mc_plan_offering *o = &list[at];
        o->skill_ids =
                mc_arena_grow(arena, o->skill_ids, o->n_skills, 1, &scap, sizeof *o->skill_ids);
        o->skill_ids[o->n_skills++] = sid;
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return mc_sqlite_fail(q, "reading program skills for planning", e);
    *out = list;
    *n = count;
    return MC_OK;
}

enum mc_rc mc_sqlite_learner_skill_ids(struct mc_store *s, int64_t user_id, int64_t now,
                                       struct mc_arena *arena, int64_t **out, size_t *n,
                                       struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_learner_skills, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int(st, 3, MAX_IDS);
    return mc_sqlite_read_ids(q, st, arena, out, n, e);
}

enum mc_rc mc_sqlite_job_role_skill_ids(struct mc_store *s, const char *slug,
                                        struct mc_arena *arena, int64_t **out, size_t *n,
                                        struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_role, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, slug);
    int r = sqlite3_step(st);
    int64_t role = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return mc_sqlite_fail(q, "reading a job role", e);
    if (!role)
        return mc_err_set(e, MC_ERR_NOT_FOUND, "no job role '%.100s'", slug);
    rc = mc_sqlite_stmt(q, sql_role_skills, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, role);
    sqlite3_bind_int(st, 2, MAX_IDS);
    return mc_sqlite_read_ids(q, st, arena, out, n, e);
}
