/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: employers' search of learners by skill (opted-in learners only), job roles
 * (adding one, listing them, reading one). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite/sqlite.h"

/* The wanted skills come as a JSON array bound to ?1, so one statement serves any number. */
static const char sql_search[] =
        "WITH wanted(skill_id) AS (SELECT DISTINCT value FROM json_each(?1)), "
        "verified(user_id, skill_id) AS ("
        " SELECT DISTINCT c.recipient_user_id, ak.skill_id FROM credentials c"
        " JOIN achievement_skills ak ON ak.achievement_id = c.achievement_id"
        " WHERE c.status = 'active' AND c.recipient_user_id IS NOT NULL"
        " AND c.valid_from <= ?3 AND (c.valid_until IS NULL OR c.valid_until > ?3)"
        " AND ak.skill_id IN (SELECT skill_id FROM wanted)), "
        "declared(user_id, skill_id) AS ("
        " SELECT DISTINCT ls.user_id, ls.skill_id FROM learner_skills ls"
        " WHERE ?2 = 0 AND ls.credential_id IS NULL AND ls.skill_id IN (SELECT skill_id FROM "
        "wanted)"
        " EXCEPT SELECT user_id, skill_id FROM verified), "
        "held(user_id, skill_id, v) AS ("
        " SELECT user_id, skill_id, 1 FROM verified UNION ALL SELECT user_id, skill_id, 0 FROM "
        "declared) "
        "SELECT u.id, u.name, "
        " (SELECT p.handle FROM learner_profiles p WHERE p.user_id = u.id AND p.public = 1), "
        " sum(h.v), count(*) - sum(h.v), "
        " (SELECT count(*) FROM credentials c2 WHERE c2.recipient_user_id = u.id"
        "  AND c2.status = 'active') AS n_creds "
        "FROM held h JOIN users u ON u.id = h.user_id WHERE u.search_opt_in = 1 "
        "GROUP BY u.id HAVING count(*) = (SELECT count(*) FROM wanted) "
        "ORDER BY sum(h.v) DESC, n_creds DESC, u.id LIMIT ?4";
static const char sql_opt_in[] = "UPDATE users SET search_opt_in = ?2 WHERE id = ?1";
static const char sql_role_put[] = "INSERT INTO job_roles (slug, title, description, org_id, "
                                   "is_demo) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_role_skill_put[] =
        "INSERT INTO job_role_skills (job_role_id, skill_id, level) VALUES (?1, ?2, ?3)";

/* A role's columns, and its skills' columns (role id first), for read_roles and read_skills. */
#define ROLE_COLS                                                                             \
    "r.id, r.slug, r.title, r.description, coalesce(r.org_id, 0), o.slug, o.name, r.is_demo " \
    "FROM job_roles r LEFT JOIN organisations o ON o.id = r.org_id"
#define ROLE_SKILL_COLS                                                       \
    "rs.job_role_id, rs.skill_id, rs.level, k.slug, k.name FROM job_roles r " \
    "JOIN job_role_skills rs ON rs.job_role_id = r.id JOIN skills k ON k.id = rs.skill_id"
#define ROLE_SKILL_ORDER " ORDER BY r.title, r.slug, rs.level DESC, k.slug"
#define MAX_SKILL_ROWS   (MC_JOB_ROLES_MAX * MC_JOB_ROLE_SKILLS_MAX)

static const char sql_role_list[] = "SELECT " ROLE_COLS " ORDER BY r.title, r.slug LIMIT ?1";
static const char sql_role_list_skills[] = "SELECT " ROLE_SKILL_COLS ROLE_SKILL_ORDER " LIMIT ?1";
static const char sql_role_get[] = "SELECT " ROLE_COLS " WHERE r.slug = ?1";
static const char sql_role_get_skills[] =
        "SELECT " ROLE_SKILL_COLS " WHERE r.id = ?1" ROLE_SKILL_ORDER " LIMIT ?2";

enum mc_rc mc_sqlite_talent_search(struct mc_store *s, const int64_t *skill_ids, size_t n_skills,
                                   bool verified_only, int64_t now, int64_t limit,
                                   struct mc_arena *arena, struct mc_talent **out, size_t *n,
                                   struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    *out = NULL;
    *n = 0;
    char ids[MC_TALENT_SKILLS_MAX * 21 + 4];
    size_t at = 0;
    ids[at++] = '[';
    for (size_t i = 0; i < n_skills; i++)
        at += (size_t)snprintf(ids + at, sizeof ids - at, "%s%lld", i ? "," : "",
                               (long long)skill_ids[i]);
    ids[at++] = ']';
    ids[at] = '\0';
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_search, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, ids);
    sqlite3_bind_int(st, 2, verified_only);
    sqlite3_bind_int64(st, 3, now);
    sqlite3_bind_int64(st, 4, limit);
    struct mc_talent *list = mc_arena_calloc(arena, (size_t)limit, sizeof *list);
    size_t count = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW && count < (size_t)limit) {
        struct mc_talent *t = &list[count++];
        t->user_id = sqlite3_column_int64(st, 0);
        t->name = mc_sqlite_col_text(st, 1, arena);
        t->handle = mc_sqlite_col_text(st, 2, arena);
        t->n_verified = (size_t)sqlite3_column_int64(st, 3);
        t->n_declared = (size_t)sqlite3_column_int64(st, 4);
        t->credentials = sqlite3_column_int64(st, 5);
    }
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        rc = mc_sqlite_fail(q, "searching learners by skill", e);
    sqlite3_reset(st);
    *out = count ? list : NULL;
    *n = count;
    return rc;
}

enum mc_rc mc_sqlite_user_set_search_opt_in(struct mc_store *s, int64_t user_id, bool opt_in,
                                            struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_opt_in, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int(st, 2, opt_in);
    rc = mc_sqlite_exec_stmt(q, st, "setting a user's search opt-in", e);
    if (!rc && sqlite3_changes(q->db) != 1)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no user with id %lld", (long long)user_id);
    return rc;
}

enum mc_rc mc_sqlite_job_role_put(struct mc_store *s, struct mc_job_role *r, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    enum mc_rc rc = mc_sqlite_savepoint(q, e);
    sqlite3_stmt *st = NULL;
    if (!rc)
        rc = mc_sqlite_stmt(q, sql_role_put, &st, e);
    if (!rc) {
        mc_sqlite_bind_text(st, 1, r->slug);
        mc_sqlite_bind_text(st, 2, r->title);
        mc_sqlite_bind_text(st, 3, r->description);
        mc_sqlite_bind_id(st, 4, r->org_id);
        sqlite3_bind_int(st, 5, r->is_demo);
        rc = mc_sqlite_exec_stmt(q, st, "adding a job role", e);
        if (rc == MC_ERR_CONFLICT)
            rc = mc_err_set(e, rc, "a job role '%.100s' exists already", r->slug);
        else if (rc == MC_ERR_INVALID)
            rc = mc_err_set(e, rc, "job_role.org_id: %lld does not exist", (long long)r->org_id);
    }
    if (!rc)
        r->id = sqlite3_last_insert_rowid(q->db);
    for (size_t i = 0; !rc && i < r->n_skills; i++) {
        rc = mc_sqlite_stmt(q, sql_role_skill_put, &st, e);
        if (rc)
            break;
        sqlite3_bind_int64(st, 1, r->id);
        sqlite3_bind_int64(st, 2, r->skills[i].skill_id);
        sqlite3_bind_int(st, 3, r->skills[i].level);
        rc = mc_sqlite_exec_stmt(q, st, "adding a job role's skill", e);
        /* A skill listed twice is bad input, not a clash with a stored role. */
        if (rc == MC_ERR_INVALID || rc == MC_ERR_CONFLICT) {
            rc = mc_err_set(e, MC_ERR_INVALID,
                            rc == MC_ERR_INVALID
                                    ? "job_role.skills[%zu]: skill %lld does not exist"
                                    : "job_role.skills[%zu]: skill %lld is listed twice",
                            i, (long long)r->skills[i].skill_id);
            mc_err_where(e, "job_role.skills[%zu]", i);
        }
    }
    return mc_sqlite_savepoint_end(q, rc, e);
}

/* Up to `max` rows of ROLE_COLS from `st` (bound already) into an arena array; resets `st`. */
static enum mc_rc read_roles(struct mc_sqlite *q, sqlite3_stmt *st, size_t max,
                             struct mc_arena *arena, struct mc_job_role **out, size_t *n,
                             struct mc_err *e)
{
    size_t cap = 0;
    int r = SQLITE_DONE;
    while (*n < max && (r = sqlite3_step(st)) == SQLITE_ROW) {
        *out = mc_arena_grow(arena, *out, *n, 1, &cap, sizeof **out);
        struct mc_job_role *j = &(*out)[(*n)++];
        memset(j, 0, sizeof *j);
        j->id = sqlite3_column_int64(st, 0);
        j->slug = mc_sqlite_col_text(st, 1, arena);
        j->title = mc_sqlite_col_text(st, 2, arena);
        j->description = mc_sqlite_col_text(st, 3, arena);
        j->org_id = sqlite3_column_int64(st, 4);
        j->org_slug = mc_sqlite_col_text(st, 5, arena);
        j->org_name = mc_sqlite_col_text(st, 6, arena);
        j->is_demo = sqlite3_column_int(st, 7) != 0;
    }
    if (*n == max)
        r = SQLITE_DONE;
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MC_OK : mc_sqlite_fail(q, "reading job roles", e);
}

/* A role's id and where it is in the list, sorted by id to find a skill row's role. */
struct role_at {
    int64_t id;
    size_t i;
};

static int cmp_role_at(const void *a, const void *b)
{
    int64_t x = ((const struct role_at *)a)->id, y = ((const struct role_at *)b)->id;
    return (x > y) - (x < y);
}

/*
 * Attach the rows of ROLE_SKILL_COLS from `st` (bound already) to `roles` (whose skills are
 * none yet). The rows come grouped by role; a row of a role not in `roles` (past the list's cap,
 * or added since the roles were read) is skipped. Resets `st`.
 */
static enum mc_rc read_skills(struct mc_sqlite *q, sqlite3_stmt *st, struct mc_arena *arena,
                              struct mc_job_role *roles, size_t n, struct mc_err *e)
{
    struct role_at *by_id = mc_arena_calloc(arena, n, sizeof *by_id);
    for (size_t i = 0; i < n; i++)
        by_id[i] = (struct role_at){ roles[i].id, i };
    qsort(by_id, n, sizeof *by_id, cmp_role_at);
    struct mc_job_role *cur = NULL;
    struct mc_job_role_skill *list = NULL;
    size_t cap = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t id = sqlite3_column_int64(st, 0);
        if (!cur || cur->id != id) {
            struct role_at key = { id, 0 };
            const struct role_at *found = bsearch(&key, by_id, n, sizeof *by_id, cmp_role_at);
            cur = found ? &roles[found->i] : NULL;
            list = NULL;
            cap = 0;
            if (!cur || cur->n_skills) {
                cur = NULL; /* unknown, or its rows came apart: keep what it has */
                continue;
            }
        }
        list = mc_arena_grow(arena, list, cur->n_skills, 1, &cap, sizeof *list);
        struct mc_job_role_skill *k = &list[cur->n_skills++];
        k->skill_id = sqlite3_column_int64(st, 1);
        k->level = sqlite3_column_int(st, 2);
        k->skill_slug = mc_sqlite_col_text(st, 3, arena);
        k->skill_name = mc_sqlite_col_text(st, 4, arena);
        cur->skills = list;
    }
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MC_OK : mc_sqlite_fail(q, "reading job roles' skills", e);
}

enum mc_rc mc_sqlite_job_role_list(struct mc_store *s, struct mc_arena *arena,
                                   struct mc_job_role **out, size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_role_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int(st, 1, MC_JOB_ROLES_MAX);
    rc = read_roles(q, st, MC_JOB_ROLES_MAX, arena, out, n, e);
    if (!rc && *n)
        rc = mc_sqlite_stmt(q, sql_role_list_skills, &st, e);
    if (!rc && *n) {
        sqlite3_bind_int(st, 1, MAX_SKILL_ROWS);
        rc = read_skills(q, st, arena, *out, *n, e);
    }
    return rc;
}

enum mc_rc mc_sqlite_job_role_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                  struct mc_job_role *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    struct mc_job_role *found = NULL;
    size_t n = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_role_get, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, slug);
    rc = read_roles(q, st, 1, arena, &found, &n, e);
    if (!rc && !n)
        return mc_err_set(e, MC_ERR_NOT_FOUND, "no job role '%.100s'", slug);
    if (!rc)
        rc = mc_sqlite_stmt(q, sql_role_get_skills, &st, e);
    if (!rc) {
        sqlite3_bind_int64(st, 1, found->id);
        sqlite3_bind_int(st, 2, MC_JOB_ROLE_SKILLS_MAX);
        rc = read_skills(q, st, arena, found, 1, e);
    }
    if (!rc)
        *out = *found;
    return rc;
}
