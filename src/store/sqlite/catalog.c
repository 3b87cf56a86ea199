/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: organisations, skills, achievements, courses, assessments and programs. */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "store/sqlite/sqlite.h"

struct mc_str mc_sqlite_col_str(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    if (!t)
        return (struct mc_str){ "", 0 };
    return (struct mc_str){ (const char *)t, (size_t)sqlite3_column_bytes(st, i) };
}

static const char sql_org_exists[] = "SELECT 1 FROM organisations WHERE id = ?1";
static const char sql_framework_exists[] = "SELECT 1 FROM skill_frameworks WHERE id = ?1";
static const char sql_skill_exists[] = "SELECT 1 FROM skills WHERE id = ?1";
static const char sql_achievement_exists[] = "SELECT 1 FROM achievements WHERE id = ?1";
static const char sql_course_exists[] = "SELECT 1 FROM courses WHERE id = ?1";
static const char sql_program_exists[] = "SELECT 1 FROM programs WHERE id = ?1";

/* After a failed insert: say which slug clashed. */
static enum mc_rc conflict(enum mc_rc rc, const char *what, const char *slug, struct mc_err *e)
{
    if (rc == MC_ERR_CONFLICT)
        mc_err_set(e, rc, "%s '%s' exists already", what, slug);
    return rc;
}

static enum mc_rc not_found(const char *what, const char *slug, struct mc_err *e)
{
    return mc_err_set(e, MC_ERR_NOT_FOUND, "no %s '%.200s'", what, slug);
}

/* --- organisations --- */

static const char sql_org_put[] =
        "INSERT INTO organisations (slug, name, kind, url, country, description, email, "
        "verified, accredited, is_demo, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
#define ORG_COLS \
    "id, slug, name, kind, url, country, description, email, verified, accredited, is_demo"
static const char sql_org_by_slug[] = "SELECT " ORG_COLS " FROM organisations WHERE slug = ?1";
static const char sql_org_by_id[] = "SELECT " ORG_COLS " FROM organisations WHERE id = ?1";
static const char sql_demo_count[] = "SELECT count(*) FROM organisations WHERE is_demo = 1";

enum mc_rc mc_sqlite_org_put(struct mc_store *s, struct mc_org *o, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_org_put, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, o->slug);
    mc_sqlite_bind_text(st, 2, o->name);
    mc_sqlite_bind_text(st, 3, mc_org_kind_name(o->kind));
    mc_sqlite_bind_text(st, 4, o->url);
    mc_sqlite_bind_text(st, 5, o->country);
    mc_sqlite_bind_text(st, 6, o->description);
    mc_sqlite_bind_text(st, 7, o->email);
    sqlite3_bind_int(st, 8, o->verified);
    sqlite3_bind_int(st, 9, o->accredited);
    sqlite3_bind_int(st, 10, o->is_demo);
    sqlite3_bind_int64(st, 11, mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, "adding an organisation", e);
    if (rc)
        return conflict(rc, "organisation", o->slug, e);
    o->id = sqlite3_last_insert_rowid(q->db);
    return MC_OK;
}

enum mc_rc mc_sqlite_org_get(struct mc_store *s, const char *slug, int64_t id,
                             struct mc_arena *arena, struct mc_org *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, slug ? sql_org_by_slug : sql_org_by_id, &st, e);
    if (rc)
        return rc;
    if (slug)
        mc_sqlite_bind_text(st, 1, slug);
    else
        sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    if (r == SQLITE_DONE) {
        if (slug)
            rc = not_found("organisation", slug, e);
        else
            rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no organisation with id %lld", (long long)id);
        goto out;
    }
    if (r != SQLITE_ROW) {
        rc = mc_sqlite_fail(q, "reading an organisation", e);
        goto out;
    }
    out->id = sqlite3_column_int64(st, 0);
    out->slug = mc_sqlite_col_text(st, 1, arena);
    out->name = mc_sqlite_col_text(st, 2, arena);
    if (mc_org_kind_parse(mc_sqlite_col_str(st, 3), &out->kind, NULL)) {
        rc = mc_sqlite_bad_column(q, "organisations.kind", e);
        goto out;
    }
    out->url = mc_sqlite_col_text(st, 4, arena);
    out->country = mc_sqlite_col_text(st, 5, arena);
    out->description = mc_sqlite_col_text(st, 6, arena);
    out->email = mc_sqlite_col_text(st, 7, arena);
    out->verified = sqlite3_column_int(st, 8);
    out->accredited = sqlite3_column_int(st, 9);
    out->is_demo = sqlite3_column_int(st, 10);
out:
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_demo_org_count(struct mc_store *s, int64_t *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    *out = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_demo_count, &st, e);
    if (rc)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else
        rc = mc_sqlite_fail(q, "counting demo organisations", e);
    sqlite3_reset(st);
    return rc;
}

/* --- skill frameworks and skills --- */

static const char sql_framework_put[] =
        "INSERT INTO skill_frameworks (slug, name, uri, publisher) VALUES (?1, ?2, ?3, ?4)";
static const char sql_framework_get[] =
        "SELECT id, slug, name, uri, publisher FROM skill_frameworks WHERE slug = ?1";
static const char sql_skill_put[] =
        "INSERT INTO skills (framework_id, slug, name, code, uri, description) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_skill_get[] =
        "SELECT id, framework_id, slug, name, code, uri, description FROM skills WHERE slug = ?1";

enum mc_rc mc_sqlite_skill_framework_put(struct mc_store *s, struct mc_skill_framework *f,
                                         struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_framework_put, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, f->slug);
    mc_sqlite_bind_text(st, 2, f->name);
    mc_sqlite_bind_text(st, 3, f->uri);
    mc_sqlite_bind_text(st, 4, f->publisher);
    rc = mc_sqlite_exec_stmt(q, st, "adding a skill framework", e);
    if (rc)
        return conflict(rc, "skill framework", f->slug, e);
    f->id = sqlite3_last_insert_rowid(q->db);
    return MC_OK;
}

enum mc_rc mc_sqlite_skill_framework_get(struct mc_store *s, const char *slug,
                                         struct mc_arena *arena, struct mc_skill_framework *out,
                                         struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, sql_framework_get, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, slug);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->slug = mc_sqlite_col_text(st, 1, arena);
        out->name = mc_sqlite_col_text(st, 2, arena);
        out->uri = mc_sqlite_col_text(st, 3, arena);
        out->publisher = mc_sqlite_col_text(st, 4, arena);
    } else if (r == SQLITE_DONE) {
        rc = not_found("skill framework", slug, e);
    } else {
        rc = mc_sqlite_fail(q, "reading a skill framework", e);
    }
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_skill_put(struct mc_store *s, struct mc_skill *k, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc =
            mc_sqlite_ref_exists(q, sql_framework_exists, k->framework_id, "skill.framework_id", e);
    if (rc)
        return rc;
    rc = mc_sqlite_stmt(q, sql_skill_put, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, k->framework_id);
    mc_sqlite_bind_text(st, 2, k->slug);
    mc_sqlite_bind_text(st, 3, k->name);
    mc_sqlite_bind_text(st, 4, k->code);
    mc_sqlite_bind_text(st, 5, k->uri);
    mc_sqlite_bind_text(st, 6, k->description);
    rc = mc_sqlite_exec_stmt(q, st, "adding a skill", e);
    if (rc)
        return conflict(rc, "skill", k->slug, e);
    k->id = sqlite3_last_insert_rowid(q->db);
    return MC_OK;
}

static const char sql_skill_list[] =
        "SELECT id, framework_id, slug, name, code, uri, description FROM skills "
        "ORDER BY name COLLATE NOCASE, slug LIMIT ?1";

/* The columns of sql_skill_get and sql_skill_list. */
static void read_skill(sqlite3_stmt *st, struct mc_arena *arena, struct mc_skill *out)
{
    out->id = sqlite3_column_int64(st, 0);
    out->framework_id = sqlite3_column_int64(st, 1);
    out->slug = mc_sqlite_col_text(st, 2, arena);
    out->name = mc_sqlite_col_text(st, 3, arena);
    out->code = mc_sqlite_col_text(st, 4, arena);
    out->uri = mc_sqlite_col_text(st, 5, arena);
    out->description = mc_sqlite_col_text(st, 6, arena);
}

enum mc_rc mc_sqlite_skill_list(struct mc_store *s, struct mc_arena *arena, struct mc_skill **out,
                                size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_skill_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, MC_STORE_SKILLS_LISTED);
    struct mc_sqlite_vec v = { .size = sizeof(struct mc_skill) };
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        read_skill(st, arena, mc_sqlite_vec_push(&v));
    *out = mc_sqlite_vec_finish(q, st, r, &v, arena, n, &rc, "listing skills", e);
    return rc;
}

enum mc_rc mc_sqlite_skill_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                               struct mc_skill *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, sql_skill_get, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, slug);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        read_skill(st, arena, out);
    } else if (r == SQLITE_DONE) {
        rc = not_found("skill", slug, e);
    } else {
        rc = mc_sqlite_fail(q, "reading a skill", e);
    }
    sqlite3_reset(st);
    return rc;
}

/* --- achievements --- */

static const char sql_ach_put[] =
        "INSERT INTO achievements (slug, version, issuer_org_id, name, description, criteria, "
        "achievement_type, image_url, workload_hours, ects, eqf_level, assessment_type, "
        "participation, quality_assurance, prerequisites, language, supervision, stackable, "
        "validity_days, status, is_demo, created_at) "
        "VALUES (?1, ?2, ?3, ?4, coalesce(?5, ''), coalesce(?6, ''), "
        "coalesce(?7, 'MicroCredential'), ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
        "coalesce(?16, 'en'), ?17, ?18, ?19, ?20, ?21, ?22)";
static const char sql_ach_supersede[] =
        "UPDATE achievements SET superseded_by = ?1 "
        "WHERE slug = ?2 AND version < ?3 AND superseded_by IS NULL";
static const char sql_ach_outcome_put[] =
        "INSERT INTO achievement_outcomes (achievement_id, position, text) VALUES (?1, ?2, ?3)";
static const char sql_ach_skill_put[] =
        "INSERT INTO achievement_skills (achievement_id, skill_id) VALUES (?1, ?2)";
#define ACH_COLS                                                                          \
    "SELECT id, slug, version, issuer_org_id, name, description, criteria, "              \
    "achievement_type, image_url, workload_hours, ects, eqf_level, assessment_type, "     \
    "participation, quality_assurance, prerequisites, language, supervision, stackable, " \
    "validity_days, status, is_demo FROM achievements "
static const char sql_ach_get[] =
        ACH_COLS "WHERE slug = ?1 AND (?2 = 0 OR version = ?2) ORDER BY version DESC LIMIT 1";
static const char sql_ach_get_by_id[] = ACH_COLS "WHERE id = ?1";
static const char sql_ach_outcomes[] =
        "SELECT text FROM achievement_outcomes WHERE achievement_id = ?1 ORDER BY position";
static const char sql_ach_skills[] =
        "SELECT skill_id FROM achievement_skills WHERE achievement_id = ?1 ORDER BY rowid";

/* Insert the children of a new achievement: outcomes in order, then skills. */
static enum mc_rc achievement_children(struct mc_sqlite *q, const struct mc_achievement *a,
                                       struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = MC_OK;
    for (size_t i = 0; i < a->n_outcomes; i++) {
        rc = mc_sqlite_stmt(q, sql_ach_outcome_put, &st, e);
        if (rc)
            return rc;
        sqlite3_bind_int64(st, 1, a->id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        mc_sqlite_bind_text(st, 3, a->outcomes[i]);
        rc = mc_sqlite_exec_stmt(q, st, "adding a learning outcome", e);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < a->n_skills; i++) {
        rc = mc_sqlite_ref_exists(q, sql_skill_exists, a->skill_ids[i], "achievement.skill_ids", e);
        if (rc)
            return rc;
        rc = mc_sqlite_stmt(q, sql_ach_skill_put, &st, e);
        if (rc)
            return rc;
        sqlite3_bind_int64(st, 1, a->id);
        sqlite3_bind_int64(st, 2, a->skill_ids[i]);
        rc = mc_sqlite_exec_stmt(q, st, "aligning a skill", e);
        if (rc == MC_ERR_CONFLICT)
            return mc_err_set(e, MC_ERR_INVALID, "achievement '%s' lists skill %lld twice", a->slug,
                              (long long)a->skill_ids[i]);
        if (rc)
            return rc;
    }
    st = NULL;
    rc = mc_sqlite_stmt(q, sql_ach_supersede, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, a->id);
    mc_sqlite_bind_text(st, 2, a->slug);
    sqlite3_bind_int(st, 3, a->version);
    return mc_sqlite_exec_stmt(q, st, "marking older versions superseded", e);
}

enum mc_rc mc_sqlite_achievement_put(struct mc_store *s, struct mc_achievement *a, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_ref_exists(q, sql_org_exists, a->issuer_org_id,
                                         "achievement.issuer_org_id", e);
    if (rc)
        return rc;
    rc = mc_sqlite_savepoint(q, e);
    if (rc)
        return rc;
    rc = mc_sqlite_stmt(q, sql_ach_put, &st, e);
    if (rc)
        goto out;
    mc_sqlite_bind_text(st, 1, a->slug);
    sqlite3_bind_int(st, 2, a->version);
    sqlite3_bind_int64(st, 3, a->issuer_org_id);
    mc_sqlite_bind_text(st, 4, a->name);
    mc_sqlite_bind_text(st, 5, a->description);
    mc_sqlite_bind_text(st, 6, a->criteria);
    mc_sqlite_bind_text(st, 7, a->achievement_type);
    mc_sqlite_bind_text(st, 8, a->image_url);
    mc_sqlite_bind_opt_double(st, 9, a->workload_hours);
    mc_sqlite_bind_opt_double(st, 10, a->ects);
    sqlite3_bind_int(st, 11, a->eqf_level);
    mc_sqlite_bind_text(st, 12, a->assessment_type);
    mc_sqlite_bind_text(st, 13, mc_participation_name(a->participation));
    mc_sqlite_bind_text(st, 14, a->quality_assurance);
    mc_sqlite_bind_text(st, 15, a->prerequisites);
    mc_sqlite_bind_text(st, 16, a->language);
    mc_sqlite_bind_text(st, 17, mc_supervision_name(a->supervision));
    sqlite3_bind_int(st, 18, a->stackable);
    sqlite3_bind_int(st, 19, a->validity_days);
    mc_sqlite_bind_text(st, 20, mc_publish_status_name(a->status));
    sqlite3_bind_int(st, 21, a->is_demo);
    sqlite3_bind_int64(st, 22, mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, "adding an achievement", e);
    if (rc == MC_ERR_CONFLICT) {
        mc_err_set(e, rc, "achievement '%s' version %d exists already", a->slug, a->version);
        goto out;
    }
    if (rc)
        goto out;
    a->id = sqlite3_last_insert_rowid(q->db);
    rc = achievement_children(q, a, e);
out:
    rc = mc_sqlite_savepoint_end(q, rc, e);
    if (rc)
        a->id = 0;
    return rc;
}

enum mc_rc mc_sqlite_achievement_get(struct mc_store *s, const char *slug, int version, int64_t id,
                                     struct mc_arena *arena, struct mc_achievement *out,
                                     struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, slug ? sql_ach_get : sql_ach_get_by_id, &st, e);
    if (rc)
        return rc;
    if (slug) {
        mc_sqlite_bind_text(st, 1, slug);
        sqlite3_bind_int(st, 2, version);
    } else {
        sqlite3_bind_int64(st, 1, id);
    }
    int r = sqlite3_step(st);
    if (r == SQLITE_DONE) {
        if (!slug)
            rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no achievement with id %lld", (long long)id);
        else if (version)
            rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no achievement '%.200s' version %d", slug,
                            version);
        else
            rc = not_found("achievement", slug, e);
        goto out;
    }
    if (r != SQLITE_ROW) {
        rc = mc_sqlite_fail(q, "reading an achievement", e);
        goto out;
    }
    out->id = sqlite3_column_int64(st, 0);
    out->slug = mc_sqlite_col_text(st, 1, arena);
    out->version = sqlite3_column_int(st, 2);
    out->issuer_org_id = sqlite3_column_int64(st, 3);
    out->name = mc_sqlite_col_text(st, 4, arena);
    out->description = mc_sqlite_col_text(st, 5, arena);
    out->criteria = mc_sqlite_col_text(st, 6, arena);
    out->achievement_type = mc_sqlite_col_text(st, 7, arena);
    out->image_url = mc_sqlite_col_text(st, 8, arena);
    out->workload_hours = mc_sqlite_col_opt_double(st, 9);
    out->ects = mc_sqlite_col_opt_double(st, 10);
    out->eqf_level = sqlite3_column_int(st, 11);
    out->assessment_type = mc_sqlite_col_text(st, 12, arena);
    if (mc_participation_parse(mc_sqlite_col_str(st, 13), &out->participation, NULL)) {
        rc = mc_sqlite_bad_column(q, "achievements.participation", e);
        goto out;
    }
    out->quality_assurance = mc_sqlite_col_text(st, 14, arena);
    out->prerequisites = mc_sqlite_col_text(st, 15, arena);
    out->language = mc_sqlite_col_text(st, 16, arena);
    if (mc_supervision_parse(mc_sqlite_col_str(st, 17), &out->supervision, NULL)) {
        rc = mc_sqlite_bad_column(q, "achievements.supervision", e);
        goto out;
    }
    out->stackable = sqlite3_column_int(st, 18);
    out->validity_days = sqlite3_column_int(st, 19);
    if (mc_publish_status_parse(mc_sqlite_col_str(st, 20), &out->status, NULL)) {
        rc = mc_sqlite_bad_column(q, "achievements.status", e);
        goto out;
    }
    out->is_demo = sqlite3_column_int(st, 21);
    sqlite3_reset(st);

    rc = mc_sqlite_stmt(q, sql_ach_outcomes, &st, e);
    if (rc)
        goto out;
    sqlite3_bind_int64(st, 1, out->id);
    struct mc_sqlite_vec v = { .size = sizeof(const char *) };
    for (;;) {
        r = sqlite3_step(st);
        if (r != SQLITE_ROW)
            break;
        *(const char **)mc_sqlite_vec_push(&v) = mc_sqlite_col_text(st, 0, arena);
    }
    out->outcomes = mc_sqlite_vec_to_arena(&v, arena);
    out->n_outcomes = v.n;
    free(v.data);
    if (r != SQLITE_DONE) {
        rc = mc_sqlite_fail(q, "reading learning outcomes", e);
        goto out;
    }
    sqlite3_reset(st);
    rc = mc_sqlite_stmt(q, sql_ach_skills, &st, e);
    if (rc)
        goto out;
    sqlite3_bind_int64(st, 1, out->id);
    rc = mc_sqlite_read_ids(q, st, arena, &out->skill_ids, &out->n_skills, e);
out:
    mc_sqlite_reset(st);
    return rc;
}

/* --- courses --- */

static const char sql_course_put[] =
        "INSERT INTO courses (slug, org_id, title, description, duration_weeks, workload_hours, "
        "achievement_id, is_demo, created_at) "
        "VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5, ?6, ?7, ?8, ?9)";
static const char sql_course_get[] =
        "SELECT id, slug, org_id, title, description, duration_weeks, workload_hours, "
        "achievement_id, is_demo FROM courses WHERE slug = ?1";

enum mc_rc mc_sqlite_course_put(struct mc_store *s, struct mc_course *c, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_ref_exists(q, sql_org_exists, c->org_id, "course.org_id", e);
    if (rc == MC_OK && c->achievement_id)
        rc = mc_sqlite_ref_exists(q, sql_achievement_exists, c->achievement_id,
                                  "course.achievement_id", e);
    if (rc)
        return rc;
    rc = mc_sqlite_stmt(q, sql_course_put, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, c->slug);
    sqlite3_bind_int64(st, 2, c->org_id);
    mc_sqlite_bind_text(st, 3, c->title);
    mc_sqlite_bind_text(st, 4, c->description);
    sqlite3_bind_int(st, 5, c->duration_weeks);
    mc_sqlite_bind_opt_double(st, 6, c->workload_hours);
    mc_sqlite_bind_id(st, 7, c->achievement_id);
    sqlite3_bind_int(st, 8, c->is_demo);
    sqlite3_bind_int64(st, 9, mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, "adding a course", e);
    if (rc)
        return conflict(rc, "course", c->slug, e);
    c->id = sqlite3_last_insert_rowid(q->db);
    return MC_OK;
}

enum mc_rc mc_sqlite_course_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                struct mc_course *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, sql_course_get, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, slug);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        out->id = sqlite3_column_int64(st, 0);
        out->slug = mc_sqlite_col_text(st, 1, arena);
        out->org_id = sqlite3_column_int64(st, 2);
        out->title = mc_sqlite_col_text(st, 3, arena);
        out->description = mc_sqlite_col_text(st, 4, arena);
        out->duration_weeks = sqlite3_column_int(st, 5);
        out->workload_hours = mc_sqlite_col_opt_double(st, 6);
        out->achievement_id = sqlite3_column_int64(st, 7);
        out->is_demo = sqlite3_column_int(st, 8);
    } else if (r == SQLITE_DONE) {
        rc = not_found("course", slug, e);
    } else {
        rc = mc_sqlite_fail(q, "reading a course", e);
    }
    sqlite3_reset(st);
    return rc;
}

/* --- assessments --- */

static const char sql_assess_put[] =
        "INSERT INTO assessments (course_id, kind, title, instructions, pass_mark, "
        "max_attempts, weight, created_at) VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5, ?6, ?7, ?8)";
static const char sql_question_put[] =
        "INSERT INTO questions (assessment_id, position, kind, prompt, points, numeric_answer, "
        "numeric_tolerance) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_option_put[] =
        "INSERT INTO question_options (question_id, position, text, correct) "
        "VALUES (?1, ?2, ?3, ?4)";
static const char sql_rubric_put[] =
        "INSERT INTO rubric_criteria (assessment_id, position, name, description, max_points) "
        "VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5)";
static const char sql_assess_get[] =
        "SELECT id, course_id, kind, title, instructions, pass_mark, max_attempts, weight "
        "FROM assessments WHERE id = ?1";
static const char sql_assess_ids[] = "SELECT id FROM assessments WHERE course_id = ?1 ORDER BY id";
static const char sql_questions_get[] =
        "SELECT id, kind, prompt, points, numeric_answer, numeric_tolerance FROM questions "
        "WHERE assessment_id = ?1 ORDER BY position";
static const char sql_options_get[] =
        "SELECT text, correct FROM question_options WHERE question_id = ?1 ORDER BY position";
static const char sql_rubric_get[] =
        "SELECT name, description, max_points FROM rubric_criteria WHERE assessment_id = ?1 "
        "ORDER BY position";

static enum mc_rc question_put(struct mc_sqlite *q, int64_t assessment_id, size_t pos,
                               struct mc_question *qu, struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_question_put, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, assessment_id);
    sqlite3_bind_int64(st, 2, (int64_t)pos);
    mc_sqlite_bind_text(st, 3, mc_question_kind_name(qu->kind));
    mc_sqlite_bind_text(st, 4, qu->prompt);
    sqlite3_bind_double(st, 5, qu->points);
    if (qu->kind == MC_QUESTION_NUMERIC) {
        sqlite3_bind_double(st, 6, qu->numeric_answer);
        sqlite3_bind_double(st, 7, qu->numeric_tolerance);
    }
    rc = mc_sqlite_exec_stmt(q, st, "adding a question", e);
    if (rc)
        return rc;
    qu->id = sqlite3_last_insert_rowid(q->db);
    for (size_t j = 0; j < qu->n_options; j++) {
        rc = mc_sqlite_stmt(q, sql_option_put, &st, e);
        if (rc)
            return rc;
        sqlite3_bind_int64(st, 1, qu->id);
        sqlite3_bind_int64(st, 2, (int64_t)j);
        mc_sqlite_bind_text(st, 3, qu->options[j].text);
        sqlite3_bind_int(st, 4, qu->options[j].correct);
        rc = mc_sqlite_exec_stmt(q, st, "adding an answer option", e);
        if (rc)
            return rc;
    }
    return MC_OK;
}

enum mc_rc mc_sqlite_assessment_put(struct mc_store *s, struct mc_assessment *a, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc =
            mc_sqlite_ref_exists(q, sql_course_exists, a->course_id, "assessment.course_id", e);
    if (rc)
        return rc;
    rc = mc_sqlite_savepoint(q, e);
    if (rc)
        return rc;
    rc = mc_sqlite_stmt(q, sql_assess_put, &st, e);
    if (rc)
        goto out;
    sqlite3_bind_int64(st, 1, a->course_id);
    mc_sqlite_bind_text(st, 2, mc_assessment_kind_name(a->kind));
    mc_sqlite_bind_text(st, 3, a->title);
    mc_sqlite_bind_text(st, 4, a->instructions);
    sqlite3_bind_double(st, 5, a->pass_mark);
    sqlite3_bind_int(st, 6, a->max_attempts);
    sqlite3_bind_double(st, 7, a->weight);
    sqlite3_bind_int64(st, 8, mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, "adding an assessment", e);
    if (rc)
        goto out;
    a->id = sqlite3_last_insert_rowid(q->db);
    for (size_t i = 0; i < a->n_questions; i++) {
        rc = question_put(q, a->id, i, &a->questions[i], e);
        if (rc) {
            mc_err_where(e, "assessment.questions[%zu]", i);
            goto out;
        }
    }
    for (size_t i = 0; i < a->n_rubric; i++) {
        rc = mc_sqlite_stmt(q, sql_rubric_put, &st, e);
        if (rc)
            goto out;
        sqlite3_bind_int64(st, 1, a->id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        mc_sqlite_bind_text(st, 3, a->rubric[i].name);
        mc_sqlite_bind_text(st, 4, a->rubric[i].description);
        sqlite3_bind_double(st, 5, a->rubric[i].max_points);
        rc = mc_sqlite_exec_stmt(q, st, "adding a rubric criterion", e);
        if (rc) {
            mc_err_where(e, "assessment.rubric[%zu]", i);
            goto out;
        }
    }
out:
    rc = mc_sqlite_savepoint_end(q, rc, e);
    if (rc) {
        a->id = 0;
        for (size_t i = 0; i < a->n_questions; i++)
            a->questions[i].id = 0;
    }
    return rc;
}

static enum mc_rc read_options(struct mc_sqlite *q, struct mc_question *qu, struct mc_arena *arena,
                               struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_options_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, qu->id);
    struct mc_sqlite_vec v = { .size = sizeof(struct mc_question_option) };
    int r;
    for (;;) {
        r = sqlite3_step(st);
        if (r != SQLITE_ROW)
            break;
        struct mc_question_option *o = mc_sqlite_vec_push(&v);
        o->text = mc_sqlite_col_text(st, 0, arena);
        o->correct = sqlite3_column_int(st, 1);
    }
    qu->options = mc_sqlite_vec_finish(q, st, r, &v, arena, &qu->n_options, &rc,
                                       "reading answer options", e);
    return rc;
}

static enum mc_rc read_questions(struct mc_sqlite *q, struct mc_assessment *a,
                                 struct mc_arena *arena, struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_questions_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, a->id);
    struct mc_sqlite_vec v = { .size = sizeof(struct mc_question) };
    int r;
    for (;;) {
        r = sqlite3_step(st);
        if (r != SQLITE_ROW)
            break;
        struct mc_question *qu = mc_sqlite_vec_push(&v);
        qu->id = sqlite3_column_int64(st, 0);
        if (mc_question_kind_parse(mc_sqlite_col_str(st, 1), &qu->kind, NULL)) {
            rc = mc_sqlite_bad_column(q, "questions.kind", e);
            break;
        }
        qu->prompt = mc_sqlite_col_text(st, 2, arena);
        qu->points = sqlite3_column_double(st, 3);
        qu->numeric_answer = sqlite3_column_double(st, 4);
        qu->numeric_tolerance = sqlite3_column_double(st, 5);
    }
    a->questions =
            mc_sqlite_vec_finish(q, st, r, &v, arena, &a->n_questions, &rc, "reading questions", e);
    for (size_t i = 0; rc == MC_OK && i < a->n_questions; i++)
        rc = read_options(q, &a->questions[i], arena, e);
    return rc;
}

static enum mc_rc read_rubric(struct mc_sqlite *q, struct mc_assessment *a, struct mc_arena *arena,
                              struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_rubric_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, a->id);
    struct mc_sqlite_vec v = { .size = sizeof(struct mc_rubric_criterion) };
    int r;
    for (;;) {
        r = sqlite3_step(st);
        if (r != SQLITE_ROW)
            break;
        struct mc_rubric_criterion *c = mc_sqlite_vec_push(&v);
        c->name = mc_sqlite_col_text(st, 0, arena);
        c->description = mc_sqlite_col_text(st, 1, arena);
        c->max_points = sqlite3_column_double(st, 2);
    }
    a->rubric = mc_sqlite_vec_finish(q, st, r, &v, arena, &a->n_rubric, &rc,
                                     "reading rubric criteria", e);
    return rc;
}

enum mc_rc mc_sqlite_assessment_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                    struct mc_assessment *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, sql_assess_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    if (r == SQLITE_DONE) {
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no assessment with id %lld", (long long)id);
        goto out;
    }
    if (r != SQLITE_ROW) {
        rc = mc_sqlite_fail(q, "reading an assessment", e);
        goto out;
    }
    out->id = sqlite3_column_int64(st, 0);
    out->course_id = sqlite3_column_int64(st, 1);
    if (mc_assessment_kind_parse(mc_sqlite_col_str(st, 2), &out->kind, NULL)) {
        rc = mc_sqlite_bad_column(q, "assessments.kind", e);
        goto out;
    }
    out->title = mc_sqlite_col_text(st, 3, arena);
    out->instructions = mc_sqlite_col_text(st, 4, arena);
    out->pass_mark = sqlite3_column_double(st, 5);
    out->max_attempts = sqlite3_column_int(st, 6);
    out->weight = sqlite3_column_double(st, 7);
    sqlite3_reset(st);
    st = NULL;
    rc = read_questions(q, out, arena, e);
    if (rc == MC_OK)
        rc = read_rubric(q, out, arena, e);
out:
    mc_sqlite_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_assessment_list(struct mc_store *s, int64_t course_id, struct mc_arena *arena,
                                     struct mc_assessment **out, size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_assess_ids, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, course_id);
    int64_t *ids = NULL;
    size_t n_ids = 0;
    rc = mc_sqlite_read_ids(q, st, arena, &ids, &n_ids, e);
    if (rc)
        return rc;
    struct mc_assessment *list = n_ids ? mc_arena_calloc(arena, n_ids, sizeof *list) : NULL;
    for (size_t i = 0; i < n_ids; i++) {
        rc = mc_sqlite_assessment_get(s, ids[i], arena, &list[i], e);
        if (rc)
            return rc;
    }
    *out = list;
    *n = n_ids;
    return MC_OK;
}

/* --- programs --- */

static const char sql_program_put[] =
        "INSERT INTO programs (slug, type, title, summary, description, platform_org_id, "
        "institution_org_id, achievement_id, duration_weeks, hours_per_week, level, language, "
        "price_cents, currency, price_model, price_note, free_audit, trial_days, refund_days, "
        "financial_aid, stacking_rule, status, is_demo, created_at) "
        "VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5, ?6, ?7, ?8, ?9, ?10, ?11, coalesce(?12, 'en'), "
        "?13, coalesce(?14, 'USD'), ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)";
static const char sql_part_put[] =
        "INSERT INTO program_parts (program_id, position, course_id, child_program_id, "
        "achievement_id, required) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_program_skill_put[] =
        "INSERT INTO program_skills (program_id, skill_id) VALUES (?1, ?2)";
static const char sql_program_get[] =
        "SELECT " MC_SQLITE_PROGRAM_COLS " FROM programs p WHERE p.slug = ?1";
static const char sql_parts_get[] =
        "SELECT course_id, child_program_id, achievement_id, required FROM program_parts "
        "WHERE program_id = ?1 ORDER BY position";
static const char sql_program_skills_get[] =
        "SELECT skill_id FROM program_skills WHERE program_id = ?1 ORDER BY rowid";

enum mc_rc mc_sqlite_read_program(sqlite3_stmt *st, struct mc_arena *arena, struct mc_program *out,
                                  struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(st, 0);
    out->slug = mc_sqlite_col_text(st, 1, arena);
    if (mc_program_type_parse(mc_sqlite_col_str(st, 2), &out->type, NULL))
        return mc_err_set(e, MC_ERR_DB, "programs.type holds a value this build does not know");
    out->title = mc_sqlite_col_text(st, 3, arena);
    out->summary = mc_sqlite_col_text(st, 4, arena);
    out->description = mc_sqlite_col_text(st, 5, arena);
    out->platform_org_id = sqlite3_column_int64(st, 6);
    out->institution_org_id = sqlite3_column_int64(st, 7);
    out->achievement_id = sqlite3_column_int64(st, 8);
    out->duration_weeks = sqlite3_column_int(st, 9);
    out->hours_per_week = mc_sqlite_col_opt_double(st, 10);
    out->level = mc_sqlite_col_text(st, 11, arena);
    out->language = mc_sqlite_col_text(st, 12, arena);
    out->price_cents = sqlite3_column_int64(st, 13);
    out->currency = mc_sqlite_col_text(st, 14, arena);
    if (mc_price_model_parse(mc_sqlite_col_str(st, 15), &out->price_model, NULL))
        return mc_err_set(e, MC_ERR_DB,
                          "programs.price_model holds a value this build does not know");
    out->price_note = mc_sqlite_col_text(st, 16, arena);
    out->free_audit = sqlite3_column_int(st, 17);
    out->trial_days = sqlite3_column_int(st, 18);
    out->refund_days = sqlite3_column_int(st, 19);
    out->financial_aid = sqlite3_column_int(st, 20);
    out->stacking_rule = mc_sqlite_col_text(st, 21, arena);
    if (mc_publish_status_parse(mc_sqlite_col_str(st, 22), &out->status, NULL))
        return mc_err_set(e, MC_ERR_DB, "programs.status holds a value this build does not know");
    out->is_demo = sqlite3_column_int(st, 23);
    return MC_OK;
}

static enum mc_rc program_refs(struct mc_sqlite *q, const struct mc_program *p, struct mc_err *e)
{
    enum mc_rc rc = mc_sqlite_ref_exists(q, sql_org_exists, p->platform_org_id,
                                         "program.platform_org_id", e);
    if (rc == MC_OK)
        rc = mc_sqlite_ref_exists(q, sql_org_exists, p->institution_org_id,
                                  "program.institution_org_id", e);
    if (rc == MC_OK && p->achievement_id)
        rc = mc_sqlite_ref_exists(q, sql_achievement_exists, p->achievement_id,
                                  "program.achievement_id", e);
    for (size_t i = 0; rc == MC_OK && i < p->n_parts; i++) {
        const struct mc_program_part *pt = &p->parts[i];
        if (pt->course_id)
            rc = mc_sqlite_ref_exists(q, sql_course_exists, pt->course_id,
                                      "program.parts[].course_id", e);
        else if (pt->child_program_id)
            rc = mc_sqlite_ref_exists(q, sql_program_exists, pt->child_program_id,
                                      "program.parts[].child_program_id", e);
        else
            rc = mc_sqlite_ref_exists(q, sql_achievement_exists, pt->achievement_id,
                                      "program.parts[].achievement_id", e);
        if (rc)
            mc_err_where(e, "program.parts[%zu]", i);
    }
    for (size_t i = 0; rc == MC_OK && i < p->n_skills; i++)
        rc = mc_sqlite_ref_exists(q, sql_skill_exists, p->skill_ids[i], "program.skill_ids", e);
    return rc;
}

static enum mc_rc program_children(struct mc_sqlite *q, const struct mc_program *p,
                                   struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = MC_OK;
    for (size_t i = 0; i < p->n_parts; i++) {
        const struct mc_program_part *pt = &p->parts[i];
        rc = mc_sqlite_stmt(q, sql_part_put, &st, e);
        if (rc)
            return rc;
        sqlite3_bind_int64(st, 1, p->id);
        sqlite3_bind_int64(st, 2, (int64_t)i);
        mc_sqlite_bind_id(st, 3, pt->course_id);
        mc_sqlite_bind_id(st, 4, pt->child_program_id);
        mc_sqlite_bind_id(st, 5, pt->achievement_id);
        sqlite3_bind_int(st, 6, pt->required);
        rc = mc_sqlite_exec_stmt(q, st, "adding a program part", e);
        if (rc) {
            mc_err_where(e, "program.parts[%zu]", i);
            return rc;
        }
    }
    for (size_t i = 0; i < p->n_skills; i++) {
        rc = mc_sqlite_stmt(q, sql_program_skill_put, &st, e);
        if (rc)
            return rc;
        sqlite3_bind_int64(st, 1, p->id);
        sqlite3_bind_int64(st, 2, p->skill_ids[i]);
        rc = mc_sqlite_exec_stmt(q, st, "adding a program skill", e);
        if (rc == MC_ERR_CONFLICT)
            return mc_err_set(e, MC_ERR_INVALID, "program '%s' lists skill %lld twice", p->slug,
                              (long long)p->skill_ids[i]);
        if (rc)
            return rc;
    }
    return MC_OK;
}

enum mc_rc mc_sqlite_program_put(struct mc_store *s, struct mc_program *p, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = program_refs(q, p, e);
    if (rc)
        return rc;
    rc = mc_sqlite_savepoint(q, e);
    if (rc)
        return rc;
    rc = mc_sqlite_stmt(q, sql_program_put, &st, e);
    if (rc)
        goto out;
    mc_sqlite_bind_text(st, 1, p->slug);
    mc_sqlite_bind_text(st, 2, mc_program_type_name(p->type));
    mc_sqlite_bind_text(st, 3, p->title);
    mc_sqlite_bind_text(st, 4, p->summary);
    mc_sqlite_bind_text(st, 5, p->description);
    sqlite3_bind_int64(st, 6, p->platform_org_id);
    sqlite3_bind_int64(st, 7, p->institution_org_id);
    mc_sqlite_bind_id(st, 8, p->achievement_id);
    sqlite3_bind_int(st, 9, p->duration_weeks);
    mc_sqlite_bind_opt_double(st, 10, p->hours_per_week);
    mc_sqlite_bind_text(st, 11, p->level);
    mc_sqlite_bind_text(st, 12, p->language);
    sqlite3_bind_int64(st, 13, p->price_cents);
    mc_sqlite_bind_text(st, 14, p->currency);
    mc_sqlite_bind_text(st, 15, mc_price_model_name(p->price_model));
    mc_sqlite_bind_text(st, 16, p->price_note);
    sqlite3_bind_int(st, 17, p->free_audit);
    sqlite3_bind_int(st, 18, p->trial_days);
    sqlite3_bind_int(st, 19, p->refund_days);
    sqlite3_bind_int(st, 20, p->financial_aid);
    mc_sqlite_bind_text(st, 21, p->stacking_rule);
    mc_sqlite_bind_text(st, 22, mc_publish_status_name(p->status));
    sqlite3_bind_int(st, 23, p->is_demo);
    sqlite3_bind_int64(st, 24, mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, "adding a program", e);
    if (rc == MC_ERR_INVALID && p->stacking_rule) {
        mc_err_set(e, rc, "program '%s': stacking_rule is not valid JSON", p->slug);
        mc_err_where(e, "program.stacking_rule");
        goto out;
    }
    if (rc) {
        conflict(rc, "program", p->slug, e);
        goto out;
    }
    p->id = sqlite3_last_insert_rowid(q->db);
    rc = program_children(q, p, e);
    if (!rc)
        rc = mc_sqlite_program_search_refresh(q, p->id, e);
out:
    rc = mc_sqlite_savepoint_end(q, rc, e);
    if (rc)
        p->id = 0;
    return rc;
}

enum mc_rc mc_sqlite_program_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                 struct mc_program *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, sql_program_get, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, slug);
    int r = sqlite3_step(st);
    if (r == SQLITE_DONE) {
        rc = not_found("program", slug, e);
        goto out;
    }
    if (r != SQLITE_ROW) {
        rc = mc_sqlite_fail(q, "reading a program", e);
        goto out;
    }
    rc = mc_sqlite_read_program(st, arena, out, e);
    if (rc)
        goto out;
    sqlite3_reset(st);
    rc = mc_sqlite_stmt(q, sql_parts_get, &st, e);
    if (rc)
        goto out;
    sqlite3_bind_int64(st, 1, out->id);
    struct mc_sqlite_vec v = { .size = sizeof(struct mc_program_part) };
    for (;;) {
        r = sqlite3_step(st);
        if (r != SQLITE_ROW)
            break;
        struct mc_program_part *pt = mc_sqlite_vec_push(&v);
        pt->course_id = sqlite3_column_int64(st, 0);
        pt->child_program_id = sqlite3_column_int64(st, 1);
        pt->achievement_id = sqlite3_column_int64(st, 2);
        pt->required = sqlite3_column_int(st, 3);
    }
    out->parts = mc_sqlite_vec_to_arena(&v, arena);
    out->n_parts = v.n;
    free(v.data);
    if (r != SQLITE_DONE) {
        rc = mc_sqlite_fail(q, "reading program parts", e);
        goto out;
    }
    sqlite3_reset(st);
    rc = mc_sqlite_stmt(q, sql_program_skills_get, &st, e);
    if (rc)
        goto out;
    sqlite3_bind_int64(st, 1, out->id);
    rc = mc_sqlite_read_ids(q, st, arena, &out->skill_ids, &out->n_skills, e);
out:
    mc_sqlite_reset(st);
    return rc;
}

/* --- status and trust flags --- */

static const char sql_program_status[] = "UPDATE programs SET status = ?2 WHERE slug = ?1";
static const char sql_org_trust[] =
        "UPDATE organisations SET verified = ?2, accredited = ?3 WHERE id = ?1";

enum mc_rc mc_sqlite_program_set_status(struct mc_store *s, const char *slug,
                                        enum mc_publish_status status, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_program_status, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, slug);
    mc_sqlite_bind_text(st, 2, mc_publish_status_name(status));
    rc = mc_sqlite_exec_stmt(q, st, "changing a program's status", e);
    if (!rc && sqlite3_changes(q->db) != 1)
        rc = not_found("program", slug, e);
    return rc;
}

enum mc_rc mc_sqlite_org_set_trust(struct mc_store *s, int64_t id, bool verified, bool accredited,
                                   struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_org_trust, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, verified);
    sqlite3_bind_int(st, 3, accredited);
    rc = mc_sqlite_exec_stmt(q, st, "setting an organisation's trust flags", e);
    if (!rc && sqlite3_changes(q->db) != 1)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no organisation with id %lld", (long long)id);
    return rc;
}

/* --- achievement versions --- */

static const char sql_repoint_courses[] =
        "UPDATE courses SET achievement_id = ?2 WHERE achievement_id = ?1";
static const char sql_repoint_programs[] =
        "UPDATE programs SET achievement_id = ?2 WHERE achievement_id = ?1";
static const char sql_repoint_parts[] =
        "UPDATE program_parts SET achievement_id = ?2 WHERE achievement_id = ?1";

enum mc_rc mc_sqlite_achievement_repoint(struct mc_store *s, int64_t old_id, int64_t new_id,
                                         struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    static const char *const sqls[] = { sql_repoint_courses, sql_repoint_programs,
                                        sql_repoint_parts };
    enum mc_rc rc = mc_sqlite_savepoint(q, e);
    for (size_t i = 0; !rc && i < sizeof sqls / sizeof sqls[0]; i++) {
        sqlite3_stmt *st = NULL;
        rc = mc_sqlite_stmt(q, sqls[i], &st, e);
        if (rc)
            break;
        sqlite3_bind_int64(st, 1, old_id);
        sqlite3_bind_int64(st, 2, new_id);
        rc = mc_sqlite_exec_stmt(q, st, "moving to a new achievement version", e);
    }
    return mc_sqlite_savepoint_end(q, rc, e);
}
