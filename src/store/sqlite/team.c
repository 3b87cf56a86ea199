/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: corporate training — programs assigned to an organisation's people, and the
 * team's skill matrix. */
#include <string.h>

#include "store/sqlite/sqlite.h"

#define MAX_ROWS 10000

static const char sql_assign[] =
        "INSERT INTO training_assignments (org_id, assigned_by_user_id, user_id, program_id, "
        "due_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
#define TEAM                                                       \
    "(SELECT DISTINCT user_id FROM memberships WHERE org_id = ?1 " \
    "AND role IN ('learner', 'employer'))"
static const char sql_members[] = "SELECT u.id, u.name, u.email FROM users u WHERE u.id IN " TEAM
                                  " ORDER BY u.name, u.id LIMIT ?2";
static const char sql_skills[] =
        "SELECT DISTINCT c.recipient_user_id, k.id, k.slug, k.name FROM credentials c "
        "JOIN achievement_skills ak ON ak.achievement_id = c.achievement_id "
        "JOIN skills k ON k.id = ak.skill_id "
        "WHERE c.recipient_user_id IN " TEAM " AND c.status = 'active' AND c.valid_from <= ?3 "
        "AND (c.valid_until IS NULL OR c.valid_until > ?3) ORDER BY 1, k.slug LIMIT ?2";
static const char sql_assignments[] =
        "SELECT t.user_id, p.slug, p.title, coalesce(t.due_at, 0), "
        "(SELECT e.status FROM enrollments e WHERE e.learner_user_id = t.user_id "
        " AND e.program_id = t.program_id) FROM training_assignments t "
        "JOIN programs p ON p.id = t.program_id WHERE t.org_id = ?1 "
        "ORDER BY t.user_id, t.created_at, t.id LIMIT ?2";

enum mc_rc mc_sqlite_assignment_put(struct mc_store *s, struct mc_assignment *a, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_assign, &st, e);
    if (rc)
        return rc;
    if (!a->created_at)
        a->created_at = mc_sqlite_now();
    sqlite3_bind_int64(st, 1, a->org_id);
    mc_sqlite_bind_id(st, 2, a->assigned_by_user_id);
    sqlite3_bind_int64(st, 3, a->user_id);
    sqlite3_bind_int64(st, 4, a->program_id);
    mc_sqlite_bind_id(st, 5, a->due_at);
    sqlite3_bind_int64(st, 6, a->created_at);
    rc = mc_sqlite_exec_stmt(q, st, "assigning a program", e);
    if (rc == MC_ERR_INVALID)
        return mc_err_set(e, rc, "the organisation, person or program does not exist");
    if (!rc)
        a->id = sqlite3_last_insert_rowid(q->db);
    return rc;
}

enum mc_rc mc_sqlite_team(struct mc_store *s, int64_t org_id, int64_t now, struct mc_arena *arena,
                          struct mc_team *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    size_t cap = 0;
    int r;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_members, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_int(st, 2, MAX_ROWS);
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        out->members =
                mc_arena_grow(arena, out->members, out->n_members, 1, &cap, sizeof *out->members);
        struct mc_team_member *m = &out->members[out->n_members++];
        m->user_id = sqlite3_column_int64(st, 0);
        m->name = mc_sqlite_col_text(st, 1, arena);
        m->email = mc_sqlite_col_text(st, 2, arena);
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return mc_sqlite_fail(q, "reading a team", e);
    rc = mc_sqlite_stmt(q, sql_skills, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_int(st, 2, MAX_ROWS);
    sqlite3_bind_int64(st, 3, now);
    cap = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        out->skills =
                mc_arena_grow(arena, out->skills, out->n_skills, 1, &cap, sizeof *out->skills);
        struct mc_team_skill *k = &out->skills[out->n_skills++];
        k->user_id = sqlite3_column_int64(st, 0);
        k->skill_id = sqlite3_column_int64(st, 1);
        k->skill_slug = mc_sqlite_col_text(st, 2, arena);
        k->skill_name = mc_sqlite_col_text(st, 3, arena);
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return mc_sqlite_fail(q, "reading a team's skills", e);
    rc = mc_sqlite_stmt(q, sql_assignments, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_int(st, 2, MAX_ROWS);
    cap = 0;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        out->assignments = mc_arena_grow(arena, out->assignments, out->n_assignments, 1, &cap,
                                         sizeof *out->assignments);
        struct mc_team_assignment *a = &out->assignments[out->n_assignments++];
        a->user_id = sqlite3_column_int64(st, 0);
        a->program_slug = mc_sqlite_col_text(st, 1, arena);
        a->program_title = mc_sqlite_col_text(st, 2, arena);
        a->due_at = sqlite3_column_int64(st, 3);
        a->enrollment = mc_sqlite_col_text(st, 4, arena);
    }
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return mc_sqlite_fail(q, "reading a team's assignments", e);
    return MC_OK;
}
