/* SPDX-License-Identifier: Apache-2.0 */
/* The store front: picks the backend from the location, validates arguments, dispatches. */
#include "store/store.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "store/store-backend.h"

#define SLUG_MAX 100

/* --- checks shared by every backend, so each one gets the same clean input --- */

static enum mc_rc check_slug(const char *slug, const char *field, struct mc_err *e)
{
    if (!slug || !*slug) {
        mc_err_set(e, MC_ERR_INVALID, "%s is required", field);
        mc_err_where(e, "%s", field);
        return MC_ERR_INVALID;
    }
    size_t n = strlen(slug);
    bool ok = n <= SLUG_MAX;
    for (size_t i = 0; ok && i < n; i++) {
        char c = slug[i];
        ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }
    if (!ok) {
        mc_err_set(e, MC_ERR_INVALID,
                   "%s '%.100s' is not a valid slug: use 1..%d of a-z, 0-9 and '-'", field, slug,
                   SLUG_MAX);
        mc_err_where(e, "%s", field);
        return MC_ERR_INVALID;
    }
    return MC_OK;
}

enum mc_rc mc_store_slug_check(const char *slug, const char *field, struct mc_err *e)
{
    return check_slug(slug, field, e);
}

static enum mc_rc check_text(const char *s, const char *field, struct mc_err *e)
{
    if (s && *s)
        return MC_OK;
    mc_err_set(e, MC_ERR_INVALID, "%s is required", field);
    mc_err_where(e, "%s", field);
    return MC_ERR_INVALID;
}

static enum mc_rc check_enum(int v, int count, const char *field, struct mc_err *e)
{
    if (v >= 0 && v < count)
        return MC_OK;
    mc_err_set(e, MC_ERR_INVALID, "%s: %d is not a known value", field, v);
    mc_err_where(e, "%s", field);
    return MC_ERR_INVALID;
}

static enum mc_rc check_range(double v, double lo, double hi, const char *field, struct mc_err *e)
{
    if (v >= lo && v <= hi)
        return MC_OK;
    mc_err_set(e, MC_ERR_INVALID, "%s: %g is out of range %g..%g", field, v, lo, hi);
    mc_err_where(e, "%s", field);
    return MC_ERR_INVALID;
}

static enum mc_rc check_id(int64_t id, const char *field, struct mc_err *e)
{
    if (id > 0)
        return MC_OK;
    mc_err_set(e, MC_ERR_INVALID, "%s is required", field);
    mc_err_where(e, "%s", field);
    return MC_ERR_INVALID;
}

/* --- roles --- */

static const char *const role_names[MC_ROLE_COUNT] = {
    "owner", "issuer-admin", "assessor", "learner", "employer",
};

const char *mc_role_name(enum mc_role r)
{
    if ((int)r < 0 || r >= MC_ROLE_COUNT)
        return "?";
    return role_names[r];
}

enum mc_rc mc_role_parse(struct mc_str s, enum mc_role *out, struct mc_err *e)
{
    for (int i = 0; i < MC_ROLE_COUNT; i++) {
        if (mc_str_eqz(s, role_names[i])) {
            *out = (enum mc_role)i;
            return MC_OK;
        }
    }
    return mc_err_set(e, MC_ERR_INVALID,
                      "unknown role '%.*s': use owner, issuer-admin, assessor, learner or employer",
                      MC_STR_FMT(mc_str_sub(s, 0, 64)));
}

/* --- open, close, transactions --- */

enum mc_rc mc_store_open(const char *location, unsigned flags, struct mc_store **out,
                         struct mc_err *e)
{
    *out = NULL;
    if (!location || !*location)
        return mc_err_set(e, MC_ERR_INVALID, "no database location given");
    struct mc_str loc = mc_str_z(location);
    if (mc_str_starts(loc, "postgres://") || mc_str_starts(loc, "postgresql://"))
        return mc_err_set(e, MC_ERR_UNSUPPORTED,
                          "PostgreSQL databases are not supported yet: use a SQLite file path "
                          "(or sqlite:PATH)");
    const char *path = location;
    if (mc_str_starts(loc, "sqlite:"))
        path = location + strlen("sqlite:");
    if (!*path)
        return mc_err_set(e, MC_ERR_INVALID, "database location '%s' has no file path", location);
    return mc_store_sqlite_ops.open(path, flags, out, e);
}

void mc_store_close(struct mc_store *s)
{
    if (!s)
        return;
    if (s->in_tx)
        s->ops->rollback(s);
    s->ops->close(s);
}

enum mc_rc mc_store_schema_version(struct mc_store *s, int *out, struct mc_err *e)
{
    return s->ops->schema_version(s, out, e);
}

int mc_store_schema_latest(void)
{
    return mc_store_sqlite_schema_latest();
}

enum mc_rc mc_store_begin(struct mc_store *s, struct mc_err *e)
{
    if (s->in_tx)
        return mc_err_set(e, MC_ERR_INTERNAL, "a transaction is already open (they do not nest)");
    enum mc_rc rc = s->ops->begin(s, e);
    if (rc == MC_OK)
        s->in_tx = true;
    return rc;
}

enum mc_rc mc_store_commit(struct mc_store *s, struct mc_err *e)
{
    if (!s->in_tx)
        return mc_err_set(e, MC_ERR_INTERNAL, "commit without a transaction");
    enum mc_rc rc = s->ops->commit(s, e);
    if (rc)
        s->ops->rollback(s);
    s->in_tx = false;
    return rc;
}

void mc_store_rollback(struct mc_store *s)
{
    if (!s->in_tx)
        return;
    s->ops->rollback(s);
    s->in_tx = false;
}

/* --- catalog search --- */

static enum mc_rc filter_invalid(struct mc_err *e, const char *field, const char *what)
{
    mc_err_set(e, MC_ERR_INVALID, "%s: %s", field, what);
    mc_err_where(e, "%s", field);
    return MC_ERR_INVALID;
}

enum mc_rc mc_store_catalog_search(struct mc_store *s, const struct mc_catalog_filter *f,
                                   struct mc_arena *arena, struct mc_catalog_page *out,
                                   struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    struct mc_catalog_query q = { .max_price_cents = -1, .max_weeks = -1 };
    if (f->type) {
        enum mc_program_type t;
        enum mc_rc rc = mc_program_type_parse(mc_str_z(f->type), &t, e);
        if (rc) {
            mc_err_prefix(e, "type");
            mc_err_where(e, "type");
            return rc;
        }
        q.type = mc_program_type_name(t);
    }
    if (f->provider && *f->provider)
        q.provider = f->provider;
    if (f->skill && *f->skill)
        q.skill = f->skill;
    q.max_price_cents = f->max_price_cents < 0 ? -1 : f->max_price_cents;
    q.max_weeks = f->max_weeks < 0 ? -1 : f->max_weeks;
    if (f->limit < 1 || f->limit > 100)
        return filter_invalid(e, "limit", "must be between 1 and 100");
    if (f->offset < 0)
        return filter_invalid(e, "offset", "must be 0 or more");
    q.limit = f->limit;
    q.offset = f->offset;
    if (f->q) {
        size_t len = strlen(f->q);
        if (len > MC_CATALOG_Q_MAX)
            return filter_invalid(e, "q", "is longer than 256 bytes");
        char *copy = mc_arena_memdupz(arena, f->q, len);
        char *p = copy;
        for (;;) {
            while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
                p++;
            if (!*p)
                break;
            if (q.n_words == MC_CATALOG_WORDS_MAX)
                return filter_invalid(e, "q", "has more than 8 words");
            q.words[q.n_words++] = p;
            while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
                p++;
            if (!*p)
                break;
            *p++ = '\0';
        }
    }
    return s->ops->catalog_search(s, &q, arena, out, e);
}

/* --- organisations, skills --- */

enum mc_rc mc_store_org_put(struct mc_store *s, struct mc_org *o, struct mc_err *e)
{
    enum mc_rc rc = check_slug(o->slug, "org.slug", e);
    if (rc)
        return rc;
    rc = check_text(o->name, "org.name", e);
    if (rc)
        return rc;
    rc = check_enum((int)o->kind, MC_ORG_KIND_COUNT, "org.kind", e);
    if (rc)
        return rc;
    if (o->country && (strlen(o->country) != 2 || !isupper((unsigned char)o->country[0]) ||
                       !isupper((unsigned char)o->country[1]))) {
        mc_err_set(e, MC_ERR_INVALID, "org.country '%.16s' is not an ISO 3166-1 alpha-2 code",
                   o->country);
        mc_err_where(e, "org.country");
        return MC_ERR_INVALID;
    }
    return s->ops->org_put(s, o, e);
}

enum mc_rc mc_store_org_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                            struct mc_org *out, struct mc_err *e)
{
    if (!slug)
        return mc_err_set(e, MC_ERR_INVALID, "no organisation slug given");
    return s->ops->org_get(s, slug, 0, arena, out, e);
}

enum mc_rc mc_store_org_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                  struct mc_org *out, struct mc_err *e)
{
    return s->ops->org_get(s, NULL, id, arena, out, e);
}

enum mc_rc mc_store_demo_org_count(struct mc_store *s, int64_t *out, struct mc_err *e)
{
    return s->ops->demo_org_count(s, out, e);
}

enum mc_rc mc_store_skill_framework_put(struct mc_store *s, struct mc_skill_framework *f,
                                        struct mc_err *e)
{
    enum mc_rc rc = check_slug(f->slug, "skill_framework.slug", e);
    if (rc)
        return rc;
    rc = check_text(f->name, "skill_framework.name", e);
    if (rc)
        return rc;
    return s->ops->skill_framework_put(s, f, e);
}

enum mc_rc mc_store_skill_framework_get(struct mc_store *s, const char *slug,
                                        struct mc_arena *arena, struct mc_skill_framework *out,
                                        struct mc_err *e)
{
    if (!slug)
        return mc_err_set(e, MC_ERR_INVALID, "no skill framework slug given");
    return s->ops->skill_framework_get(s, slug, arena, out, e);
}

enum mc_rc mc_store_skill_put(struct mc_store *s, struct mc_skill *k, struct mc_err *e)
{
    enum mc_rc rc = check_slug(k->slug, "skill.slug", e);
    if (rc)
        return rc;
    rc = check_text(k->name, "skill.name", e);
    if (rc)
        return rc;
    rc = check_id(k->framework_id, "skill.framework_id", e);
    if (rc)
        return rc;
    return s->ops->skill_put(s, k, e);
}

enum mc_rc mc_store_skill_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                              struct mc_skill *out, struct mc_err *e)
{
    if (!slug)
        return mc_err_set(e, MC_ERR_INVALID, "no skill slug given");
    return s->ops->skill_get(s, slug, arena, out, e);
}

enum mc_rc mc_store_skill_list(struct mc_store *s, struct mc_arena *arena, struct mc_skill **out,
                               size_t *n, struct mc_err *e)
{
    *out = NULL;
    *n = 0;
    return s->ops->skill_list(s, arena, out, n, e);
}

/* --- achievements, courses, assessments, programs --- */

enum mc_rc mc_store_achievement_put(struct mc_store *s, struct mc_achievement *a, struct mc_err *e)
{
    enum mc_rc rc = check_slug(a->slug, "achievement.slug", e);
    if (rc)
        return rc;
    rc = check_text(a->name, "achievement.name", e);
    if (rc)
        return rc;
    rc = check_id(a->issuer_org_id, "achievement.issuer_org_id", e);
    if (rc)
        return rc;
    rc = check_range(a->version, 1, 1000000, "achievement.version", e);
    if (rc)
        return rc;
    rc = check_range(a->eqf_level, 0, 8, "achievement.eqf_level", e);
    if (rc)
        return rc;
    rc = check_range(a->validity_days, 0, 1000000, "achievement.validity_days", e);
    if (rc)
        return rc;
    rc = check_enum((int)a->participation, MC_PARTICIPATION_COUNT, "achievement.participation", e);
    if (rc)
        return rc;
    rc = check_enum((int)a->supervision, MC_SUPERVISION_COUNT, "achievement.supervision", e);
    if (rc)
        return rc;
    rc = check_enum((int)a->status, MC_STATUS_COUNT, "achievement.status", e);
    if (rc)
        return rc;
    for (size_t i = 0; i < a->n_outcomes; i++) {
        if (!a->outcomes[i] || !*a->outcomes[i]) {
            mc_err_set(e, MC_ERR_INVALID, "achievement.outcomes[%zu] is empty", i);
            mc_err_where(e, "achievement.outcomes[%zu]", i);
            return MC_ERR_INVALID;
        }
    }
    for (size_t i = 0; i < a->n_skills; i++) {
        rc = check_id(a->skill_ids[i], "achievement.skill_ids[]", e);
        if (rc)
            return rc;
    }
    return s->ops->achievement_put(s, a, e);
}

enum mc_rc mc_store_achievement_get(struct mc_store *s, const char *slug, int version,
                                    struct mc_arena *arena, struct mc_achievement *out,
                                    struct mc_err *e)
{
    if (!slug)
        return mc_err_set(e, MC_ERR_INVALID, "no achievement slug given");
    if (version < 0)
        return mc_err_set(e, MC_ERR_INVALID, "achievement version %d is negative", version);
    return s->ops->achievement_get(s, slug, version, 0, arena, out, e);
}

enum mc_rc mc_store_course_put(struct mc_store *s, struct mc_course *c, struct mc_err *e)
{
    enum mc_rc rc = check_slug(c->slug, "course.slug", e);
    if (rc)
        return rc;
    rc = check_text(c->title, "course.title", e);
    if (rc)
        return rc;
    rc = check_id(c->org_id, "course.org_id", e);
    if (rc)
        return rc;
    rc = check_range(c->duration_weeks, 0, 10000, "course.duration_weeks", e);
    if (rc)
        return rc;
    return s->ops->course_put(s, c, e);
}

enum mc_rc mc_store_course_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                               struct mc_course *out, struct mc_err *e)
{
    if (!slug)
        return mc_err_set(e, MC_ERR_INVALID, "no course slug given");
    return s->ops->course_get(s, slug, arena, out, e);
}

enum mc_rc mc_store_assessment_put(struct mc_store *s, struct mc_assessment *a, struct mc_err *e)
{
    enum mc_rc rc = check_id(a->course_id, "assessment.course_id", e);
    if (rc)
        return rc;
    rc = check_text(a->title, "assessment.title", e);
    if (rc)
        return rc;
    rc = check_enum((int)a->kind, MC_ASSESS_KIND_COUNT, "assessment.kind", e);
    if (rc)
        return rc;
    rc = check_range(a->pass_mark, 0, 100, "assessment.pass_mark", e);
    if (rc)
        return rc;
    rc = check_range(a->weight, 0, 1, "assessment.weight", e);
    if (rc)
        return rc;
    rc = check_range(a->max_attempts, 0, 1000000, "assessment.max_attempts", e);
    if (rc)
        return rc;
    for (size_t i = 0; i < a->n_questions; i++) {
        const struct mc_question *qu = &a->questions[i];
        rc = check_enum((int)qu->kind, MC_QUESTION_KIND_COUNT, "assessment.questions[].kind", e);
        if (rc == MC_OK)
            rc = check_text(qu->prompt, "assessment.questions[].prompt", e);
        for (size_t j = 0; rc == MC_OK && j < qu->n_options; j++)
            rc = check_text(qu->options[j].text, "assessment.questions[].options[].text", e);
        if (rc) {
            mc_err_where(e, "assessment.questions[%zu]", i);
            return rc;
        }
    }
    for (size_t i = 0; i < a->n_rubric; i++) {
        rc = check_text(a->rubric[i].name, "assessment.rubric[].name", e);
        if (rc == MC_OK)
            rc = check_range(a->rubric[i].max_points, 0, 1e9, "assessment.rubric[].max_points", e);
        if (rc) {
            mc_err_where(e, "assessment.rubric[%zu]", i);
            return rc;
        }
    }
    return s->ops->assessment_put(s, a, e);
}

enum mc_rc mc_store_assessment_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                   struct mc_assessment *out, struct mc_err *e)
{
    return s->ops->assessment_get(s, id, arena, out, e);
}

enum mc_rc mc_store_assessment_list(struct mc_store *s, int64_t course_id, struct mc_arena *arena,
                                    struct mc_assessment **out, size_t *n, struct mc_err *e)
{
    return s->ops->assessment_list(s, course_id, arena, out, n, e);
}

enum mc_rc mc_store_program_put(struct mc_store *s, struct mc_program *p, struct mc_err *e)
{
    enum mc_rc rc = check_slug(p->slug, "program.slug", e);
    if (rc)
        return rc;
    rc = check_text(p->title, "program.title", e);
    if (rc)
        return rc;
    rc = check_enum((int)p->type, MC_PROG_TYPE_COUNT, "program.type", e);
    if (rc)
        return rc;
    rc = check_enum((int)p->price_model, MC_PRICE_MODEL_COUNT, "program.price_model", e);
    if (rc)
        return rc;
    rc = check_enum((int)p->status, MC_STATUS_COUNT, "program.status", e);
    if (rc)
        return rc;
    rc = check_id(p->platform_org_id, "program.platform_org_id", e);
    if (rc)
        return rc;
    rc = check_id(p->institution_org_id, "program.institution_org_id", e);
    if (rc)
        return rc;
    rc = check_range((double)p->price_cents, 0, 1e15, "program.price_cents", e);
    if (rc)
        return rc;
    rc = check_range(p->duration_weeks, 0, 10000, "program.duration_weeks", e);
    if (rc)
        return rc;
    rc = check_range(p->trial_days, 0, 100000, "program.trial_days", e);
    if (rc)
        return rc;
    rc = check_range(p->refund_days, 0, 100000, "program.refund_days", e);
    if (rc)
        return rc;
    if (p->currency && strlen(p->currency) != 3) {
        mc_err_set(e, MC_ERR_INVALID, "program.currency '%.16s' is not an ISO 4217 code",
                   p->currency);
        mc_err_where(e, "program.currency");
        return MC_ERR_INVALID;
    }
    for (size_t i = 0; i < p->n_parts; i++) {
        const struct mc_program_part *pt = &p->parts[i];
        int set = (pt->course_id > 0) + (pt->child_program_id > 0) + (pt->achievement_id > 0);
        if (set != 1) {
            mc_err_set(e, MC_ERR_INVALID,
                       "program.parts[%zu] must name exactly one course, child program or "
                       "achievement",
                       i);
            mc_err_where(e, "program.parts[%zu]", i);
            return MC_ERR_INVALID;
        }
    }
    for (size_t i = 0; i < p->n_skills; i++) {
        rc = check_id(p->skill_ids[i], "program.skill_ids[]", e);
        if (rc)
            return rc;
    }
    return s->ops->program_put(s, p, e);
}

enum mc_rc mc_store_program_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                struct mc_program *out, struct mc_err *e)
{
    if (!slug)
        return mc_err_set(e, MC_ERR_INVALID, "no program slug given");
    return s->ops->program_get(s, slug, arena, out, e);
}

/* --- users and memberships --- */

enum mc_rc mc_store_user_put(struct mc_store *s, struct mc_user *u, struct mc_err *e)
{
    enum mc_rc rc = check_text(u->email, "user.email", e);
    if (rc)
        return rc;
    rc = check_text(u->name, "user.name", e);
    if (rc)
        return rc;
    const char *at = strchr(u->email, '@');
    if (!at || at == u->email || !at[1] || strlen(u->email) > 254 || strchr(u->email, ' ')) {
        mc_err_set(e, MC_ERR_INVALID, "user.email '%.254s' is not an email address", u->email);
        mc_err_where(e, "user.email");
        return MC_ERR_INVALID;
    }
    return s->ops->user_put(s, u, e);
}

enum mc_rc mc_store_user_get_by_email(struct mc_store *s, const char *email, struct mc_arena *arena,
                                      struct mc_user *out, struct mc_err *e)
{
    if (!email)
        return mc_err_set(e, MC_ERR_INVALID, "no email given");
    return s->ops->user_get(s, email, 0, arena, out, e);
}

enum mc_rc mc_store_user_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                             struct mc_user *out, struct mc_err *e)
{
    return s->ops->user_get(s, NULL, id, arena, out, e);
}

enum mc_rc mc_store_membership_add(struct mc_store *s, int64_t user_id, int64_t org_id,
                                   enum mc_role role, struct mc_err *e)
{
    enum mc_rc rc = check_enum((int)role, MC_ROLE_COUNT, "membership.role", e);
    if (rc)
        return rc;
    return s->ops->membership_add(s, user_id, org_id, role, e);
}

enum mc_rc mc_store_membership_list(struct mc_store *s, int64_t user_id, struct mc_arena *arena,
                                    struct mc_membership **out, size_t *n, struct mc_err *e)
{
    return s->ops->membership_list(s, user_id, arena, out, n, e);
}

/* --- sessions and API tokens --- */

enum mc_rc mc_store_session_put(struct mc_store *s, struct mc_session *ses, struct mc_err *e)
{
    enum mc_rc rc = check_id(ses->user_id, "session.user_id", e);
    if (!rc)
        rc = check_text(ses->csrf_token, "session.csrf_token", e);
    if (!rc && (ses->expires_at <= 0 || (ses->created_at && ses->expires_at <= ses->created_at))) {
        mc_err_set(e, MC_ERR_INVALID, "session.expires_at must be after created_at");
        mc_err_where(e, "session.expires_at");
        rc = MC_ERR_INVALID;
    }
    if (rc)
        return rc;
    return s->ops->session_put(s, ses, e);
}

enum mc_rc mc_store_session_get(struct mc_store *s, const uint8_t token_hash[MC_TOKEN_HASH_LEN],
                                int64_t now, struct mc_arena *arena, struct mc_session *out,
                                struct mc_err *e)
{
    if (!token_hash)
        return mc_err_set(e, MC_ERR_INVALID, "no session token hash given");
    return s->ops->session_get(s, token_hash, now, arena, out, e);
}

enum mc_rc mc_store_session_touch(struct mc_store *s, int64_t id, int64_t now, int64_t idle,
                                  int64_t max_age, int64_t *expires_at, struct mc_err *e)
{
    if (idle < 1 || max_age < idle)
        return mc_err_set(e, MC_ERR_INVALID,
                          "session idle time must be positive and at most the maximum age");
    return s->ops->session_touch(s, id, now, idle, max_age, expires_at, e);
}

enum mc_rc mc_store_session_delete(struct mc_store *s, int64_t id, struct mc_err *e)
{
    enum mc_rc rc = check_id(id, "session.id", e);
    if (rc)
        return rc;
    return s->ops->session_delete(s, id, 0, 0, NULL, e);
}

enum mc_rc mc_store_session_delete_user(struct mc_store *s, int64_t user_id, int64_t *count,
                                        struct mc_err *e)
{
    enum mc_rc rc = check_id(user_id, "session.user_id", e);
    if (rc)
        return rc;
    return s->ops->session_delete(s, 0, user_id, 0, count, e);
}

enum mc_rc mc_store_session_purge(struct mc_store *s, int64_t now, int64_t *count, struct mc_err *e)
{
    return s->ops->session_delete(s, 0, 0, now, count, e);
}

/* Scope names: [a-z0-9:._/-] words separated by single spaces, as app/auth.h defines them. */
static enum mc_rc check_scopes(const char *scopes, struct mc_err *e)
{
    enum mc_rc rc = check_text(scopes, "api_token.scopes", e);
    if (rc)
        return rc;
    size_t n = strlen(scopes);
    bool ok = n <= 2000 && scopes[0] != ' ' && scopes[n - 1] != ' ';
    for (size_t i = 0; ok && i < n; i++) {
        char c = scopes[i];
        ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr(":._/-", c) ||
             (c == ' ' && scopes[i + 1] != ' ');
    }
    if (ok)
        return MC_OK;
    mc_err_set(e, MC_ERR_INVALID,
               "api_token.scopes must be scope names separated by single spaces");
    mc_err_where(e, "api_token.scopes");
    return MC_ERR_INVALID;
}

enum mc_rc mc_store_api_token_put(struct mc_store *s, struct mc_api_token *t, struct mc_err *e)
{
    enum mc_rc rc = check_id(t->user_id, "api_token.user_id", e);
    if (!rc)
        rc = check_text(t->prefix, "api_token.prefix", e);
    if (!rc)
        rc = check_text(t->name, "api_token.name", e);
    if (!rc)
        rc = check_scopes(t->scopes, e);
    if (!rc && (strlen(t->prefix) > 40 || strlen(t->name) > 200)) {
        mc_err_set(e, MC_ERR_INVALID, "api_token: the prefix (40) or name (200 bytes) is too long");
        rc = MC_ERR_INVALID;
    }
    if (!rc && (t->org_id < 0 || t->expires_at < 0 ||
                (t->expires_at && t->created_at && t->expires_at <= t->created_at))) {
        mc_err_set(e, MC_ERR_INVALID, "api_token.expires_at must be after created_at");
        mc_err_where(e, "api_token.expires_at");
        rc = MC_ERR_INVALID;
    }
    if (rc)
        return rc;
    return s->ops->api_token_put(s, t, e);
}

enum mc_rc mc_store_api_token_get(struct mc_store *s, const uint8_t token_hash[MC_TOKEN_HASH_LEN],
                                  int64_t now, struct mc_arena *arena, struct mc_api_token *out,
                                  struct mc_err *e)
{
    if (!token_hash)
        return mc_err_set(e, MC_ERR_INVALID, "no API token hash given");
    return s->ops->api_token_get(s, token_hash, NULL, now, arena, out, e);
}

enum mc_rc mc_store_api_token_get_by_prefix(struct mc_store *s, const char *prefix,
                                            struct mc_arena *arena, struct mc_api_token *out,
                                            struct mc_err *e)
{
    enum mc_rc rc = check_text(prefix, "api_token.prefix", e);
    if (rc)
        return rc;
    return s->ops->api_token_get(s, NULL, prefix, 0, arena, out, e);
}

enum mc_rc mc_store_api_token_list(struct mc_store *s, int64_t user_id, struct mc_arena *arena,
                                   struct mc_api_token **out, size_t *n, struct mc_err *e)
{
    *out = NULL;
    *n = 0;
    enum mc_rc rc = check_id(user_id, "api_token.user_id", e);
    if (rc)
        return rc;
    return s->ops->api_token_list(s, user_id, arena, out, n, e);
}

enum mc_rc mc_store_api_token_revoke(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e)
{
    enum mc_rc rc = check_id(id, "api_token.id", e);
    if (rc)
        return rc;
    return s->ops->api_token_revoke(s, id, at, e);
}

enum mc_rc mc_store_api_token_touch(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e)
{
    enum mc_rc rc = check_id(id, "api_token.id", e);
    if (rc)
        return rc;
    return s->ops->api_token_touch(s, id, at, e);
}

enum mc_rc mc_store_user_set_password_hash(struct mc_store *s, int64_t user_id, const char *hash,
                                           struct mc_err *e)
{
    enum mc_rc rc = check_id(user_id, "user.id", e);
    if (!rc && hash && (!*hash || strlen(hash) > 512))
        rc = mc_err_set(e, MC_ERR_INVALID, "user.password_hash is empty or too long");
    if (rc)
        return rc;
    return s->ops->user_set_password_hash(s, user_id, hash, e);
}

enum mc_rc mc_store_user_set_platform_admin(struct mc_store *s, int64_t user_id, bool is_admin,
                                            struct mc_err *e)
{
    enum mc_rc rc = check_id(user_id, "user.id", e);
    if (rc)
        return rc;
    return s->ops->user_set_platform_admin(s, user_id, is_admin, e);
}

/* --- signing keys --- */

enum mc_rc mc_store_signing_key_put(struct mc_store *s, struct mc_signing_key *k, struct mc_err *e)
{
    enum mc_rc rc = check_id(k->org_id, "signing_key.org_id", e);
    if (!rc)
        rc = check_text(k->key_id, "signing_key.key_id", e);
    if (!rc)
        rc = check_text(k->public_multibase, "signing_key.public_multibase", e);
    if (rc)
        return rc;
    if (!k->algorithm)
        k->algorithm = "Ed25519";
    if (strcmp(k->algorithm, "Ed25519") != 0 && strcmp(k->algorithm, "RS256") != 0 &&
        strcmp(k->algorithm, "ES256") != 0) {
        mc_err_set(e, MC_ERR_INVALID,
                   "signing_key.algorithm '%.40s' is not one of Ed25519, RS256, ES256",
                   k->algorithm);
        mc_err_where(e, "signing_key.algorithm");
        return MC_ERR_INVALID;
    }
    if (!k->secret_sealed || !k->secret_sealed_len) {
        mc_err_set(e, MC_ERR_INVALID, "signing_key.secret_sealed is required");
        mc_err_where(e, "signing_key.secret_sealed");
        return MC_ERR_INVALID;
    }
    return s->ops->signing_key_put(s, k, e);
}

enum mc_rc mc_store_signing_key_list(struct mc_store *s, int64_t org_id, struct mc_arena *arena,
                                     struct mc_signing_key **out, size_t *n, struct mc_err *e)
{
    enum mc_rc rc = check_id(org_id, "signing_key.org_id", e);
    if (rc)
        return rc;
    return s->ops->signing_key_list(s, org_id, arena, out, n, e);
}

enum mc_rc mc_store_signing_key_list_all(struct mc_store *s, struct mc_arena *arena,
                                         struct mc_signing_key **out, size_t *n, struct mc_err *e)
{
    return s->ops->signing_key_list(s, 0, arena, out, n, e);
}

enum mc_rc mc_store_signing_key_retire(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e)
{
    return s->ops->signing_key_retire(s, id, at, NULL, e);
}

enum mc_rc mc_store_signing_key_revoke(struct mc_store *s, int64_t id, int64_t at,
                                       const char *reason, struct mc_err *e)
{
    enum mc_rc rc = check_text(reason, "signing_key.revoked_reason", e);
    if (rc)
        return rc;
    return s->ops->signing_key_retire(s, id, at, reason, e);
}

enum mc_rc mc_store_signing_key_reseal(struct mc_store *s, int64_t id, const uint8_t *sealed,
                                       size_t len, struct mc_err *e)
{
    if (!sealed || !len)
        return mc_err_set(e, MC_ERR_INVALID, "signing_key.secret_sealed is required");
    return s->ops->signing_key_reseal(s, id, sealed, len, e);
}

/* --- status lists --- */

static enum mc_rc check_purpose(const char *purpose, struct mc_err *e)
{
    if (purpose && (strcmp(purpose, "revocation") == 0 || strcmp(purpose, "suspension") == 0))
        return MC_OK;
    mc_err_set(e, MC_ERR_INVALID, "status_list.purpose '%.40s' is not revocation or suspension",
               purpose ? purpose : "");
    mc_err_where(e, "status_list.purpose");
    return MC_ERR_INVALID;
}

enum mc_rc mc_store_status_list_put(struct mc_store *s, struct mc_status_list_row *l,
                                    struct mc_err *e)
{
    enum mc_rc rc = check_id(l->org_id, "status_list.org_id", e);
    if (!rc)
        rc = check_purpose(l->purpose, e);
    if (!rc)
        rc = check_text(l->path, "status_list.path", e);
    if (!rc)
        rc = check_range((double)l->group, 1, 1e12, "status_list.group", e);
    if (!rc && (l->size < 131072 || l->size % 8 || l->size > (int64_t)1 << 30 || !l->bits)) {
        mc_err_set(e, MC_ERR_INVALID,
                   "status_list.size %lld must be a multiple of 8 from 131072, with its bits",
                   (long long)l->size);
        mc_err_where(e, "status_list.size");
        rc = MC_ERR_INVALID;
    }
    if (rc)
        return rc;
    return s->ops->status_list_put(s, l, e);
}

enum mc_rc mc_store_status_list_latest(struct mc_store *s, int64_t org_id, const char *purpose,
                                       struct mc_arena *arena, struct mc_status_list_row *out,
                                       struct mc_err *e)
{
    enum mc_rc rc = check_purpose(purpose, e);
    if (rc)
        return rc;
    return s->ops->status_list_get(s, org_id, purpose, 0, NULL, arena, out, e);
}

enum mc_rc mc_store_status_list_get(struct mc_store *s, int64_t id, const char *path,
                                    struct mc_arena *arena, struct mc_status_list_row *out,
                                    struct mc_err *e)
{
    return s->ops->status_list_get(s, 0, NULL, id, path, arena, out, e);
}

enum mc_rc mc_store_status_list_taken(struct mc_store *s, int64_t list_id, int64_t idx, bool *taken,
                                      struct mc_err *e)
{
    return s->ops->status_list_taken(s, list_id, idx, taken, e);
}

enum mc_rc mc_store_status_list_claim(struct mc_store *s, int64_t list_id, int64_t idx,
                                      const char *credential_id, struct mc_err *e)
{
    if (idx < 0)
        return mc_err_set(e, MC_ERR_INVALID, "status list index %lld is negative", (long long)idx);
    return s->ops->status_list_claim(s, list_id, idx, credential_id, e);
}

enum mc_rc mc_store_status_list_update(struct mc_store *s, int64_t list_id, const uint8_t *bits,
                                       size_t len, const char *published, struct mc_err *e)
{
    return s->ops->status_list_update(s, list_id, bits, len, published, e);
}

/* --- credentials --- */

static bool one_of(const char *v, const char *const *names)
{
    for (; *names; names++)
        if (strcmp(v, *names) == 0)
            return true;
    return false;
}

static const char *const credential_statuses[] = { "active", "revoked", "suspended", NULL };

enum mc_rc mc_store_credential_put(struct mc_store *s, struct mc_credential_row *c,
                                   struct mc_err *e)
{
    static const char *const formats[] = { "ob3-ldp", "ob3-jwt", "clr2-ldp", NULL };
    enum mc_rc rc = check_text(c->id, "credential.id", e);
    if (!rc)
        rc = check_text(c->document, "credential.document", e);
    if (!rc)
        rc = check_id(c->achievement_id, "credential.achievement_id", e);
    if (!rc)
        rc = check_id(c->issuer_org_id, "credential.issuer_org_id", e);
    if (!rc && c->achievement_version < 1)
        rc = mc_err_set(e, MC_ERR_INVALID, "credential.achievement_version is required");
    if (!rc && !c->recipient_user_id && !c->recipient_email_hash && !c->recipient_did)
        rc = mc_err_set(e, MC_ERR_INVALID,
                        "credential: a recipient (user, email hash or DID) is required");
    if (!rc && c->status && !one_of(c->status, credential_statuses))
        rc = mc_err_set(e, MC_ERR_INVALID,
                        "credential.status '%.40s' is not active, revoked or "
                        "suspended",
                        c->status);
    if (!rc && c->format && !one_of(c->format, formats))
        rc = mc_err_set(e, MC_ERR_INVALID,
                        "credential.format '%.40s' is not ob3-ldp, ob3-jwt "
                        "or clr2-ldp",
                        c->format);
    if (!rc && c->valid_until && c->valid_until < c->valid_from)
        rc = mc_err_set(e, MC_ERR_INVALID, "credential.valid_until is before valid_from");
    if (rc)
        return rc;
    return s->ops->credential_put(s, c, e);
}

enum mc_rc mc_store_credential_get(struct mc_store *s, const char *id, struct mc_arena *arena,
                                   struct mc_credential_row *out, struct mc_err *e)
{
    enum mc_rc rc = check_text(id, "credential.id", e);
    if (rc)
        return rc;
    return s->ops->credential_get(s, 0, id, NULL, arena, out, e);
}

enum mc_rc mc_store_credential_by_key(struct mc_store *s, int64_t org_id, const char *key,
                                      struct mc_arena *arena, struct mc_credential_row *out,
                                      struct mc_err *e)
{
    enum mc_rc rc = check_text(key, "credential.idempotency_key", e);
    if (rc)
        return rc;
    return s->ops->credential_get(s, org_id, NULL, key, arena, out, e);
}

enum mc_rc mc_store_credential_set_status(struct mc_store *s, const char *id, const char *status,
                                          const char *reason, int64_t at, struct mc_err *e)
{
    if (!status || !one_of(status, credential_statuses))
        return mc_err_set(e, MC_ERR_INVALID,
                          "credential status '%.40s' is not active, revoked or suspended",
                          status ? status : "");
    return s->ops->credential_set_status(s, id, status, reason, at, e);
}

enum mc_rc mc_store_credential_count(struct mc_store *s, int64_t org_id, int64_t *out,
                                     struct mc_err *e)
{
    return s->ops->credential_count(s, org_id, out, e);
}

enum mc_rc mc_store_credential_list(struct mc_store *s, int64_t org_id, int64_t limit,
                                    int64_t offset, struct mc_arena *arena,
                                    struct mc_credential_row **out, size_t *n, struct mc_err *e)
{
    *out = NULL;
    *n = 0;
    if (limit < 1 || limit > 100) {
        mc_err_set(e, MC_ERR_INVALID, "limit must be 1..100, not %lld", (long long)limit);
        mc_err_where(e, "limit");
        return MC_ERR_INVALID;
    }
    if (offset < 0) {
        mc_err_set(e, MC_ERR_INVALID, "offset must be 0 or more, not %lld", (long long)offset);
        mc_err_where(e, "offset");
        return MC_ERR_INVALID;
    }
    return s->ops->credential_list(s, org_id, limit, offset, arena, out, n, e);
}

enum mc_rc mc_store_program_set_status(struct mc_store *s, const char *slug,
                                       enum mc_publish_status status, struct mc_err *e)
{
    enum mc_rc rc = check_slug(slug, "program.slug", e);
    if (rc)
        return rc;
    if ((unsigned)status >= MC_STATUS_COUNT)
        return mc_err_set(e, MC_ERR_INVALID, "program status %d is out of range", (int)status);
    return s->ops->program_set_status(s, slug, status, e);
}

enum mc_rc mc_store_org_set_trust(struct mc_store *s, int64_t id, bool verified, bool accredited,
                                  struct mc_err *e)
{
    return s->ops->org_set_trust(s, id, verified, accredited, e);
}

enum mc_rc mc_store_achievement_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                          struct mc_achievement *out, struct mc_err *e)
{
    return s->ops->achievement_get(s, NULL, 0, id, arena, out, e);
}

enum mc_rc mc_store_skills_by_id(struct mc_store *s, const int64_t *ids, size_t n,
                                 struct mc_arena *arena, struct mc_skill **out, struct mc_err *e)
{
    return s->ops->skills_by_id(s, ids, n, arena, out, e);
}

/* --- issuer analytics --- */

enum mc_rc mc_store_issuer_analytics(struct mc_store *s, int64_t org_id, int64_t since,
                                     struct mc_arena *arena, struct mc_issuer_analytics *out,
                                     struct mc_err *e)
{
    enum mc_rc rc = check_id(org_id, "analytics.org_id", e);
    if (rc)
        return rc;
    return s->ops->issuer_analytics(s, org_id, since, arena, out, e);
}

/* --- learner profiles --- */

enum mc_rc mc_store_profile_set(struct mc_store *s, const struct mc_learner_profile *p,
                                struct mc_err *e)
{
    enum mc_rc rc = check_id(p->user_id, "profile.user_id", e);
    if (rc)
        return rc;
    size_t len = p->handle ? strlen(p->handle) : 0;
    bool ok = len >= 2 && len <= 40 && p->handle[0] != '-' && p->handle[len - 1] != '-';
    for (size_t i = 0; ok && i < len; i++)
        ok = (p->handle[i] >= 'a' && p->handle[i] <= 'z') ||
             (p->handle[i] >= '0' && p->handle[i] <= '9') || p->handle[i] == '-';
    if (!ok) {
        mc_err_set(e, MC_ERR_INVALID,
                   "profile.handle '%.60s' must be 2 to 40 of a-z, 0-9 and '-', not starting or "
                   "ending with '-'",
                   p->handle ? p->handle : "");
        mc_err_where(e, "profile.handle");
        return MC_ERR_INVALID;
    }
    if (p->headline && strlen(p->headline) > 200) {
        mc_err_set(e, MC_ERR_INVALID, "profile.headline is longer than 200 bytes");
        mc_err_where(e, "profile.headline");
        return MC_ERR_INVALID;
    }
    return s->ops->profile_set(s, p, e);
}

enum mc_rc mc_store_profile_get(struct mc_store *s, const char *handle, struct mc_arena *arena,
                                struct mc_learner_profile *out, struct mc_err *e)
{
    enum mc_rc rc = check_text(handle, "profile.handle", e);
    if (rc)
        return rc;
    return s->ops->profile_get(s, handle, arena, out, e);
}

enum mc_rc mc_store_credential_list_for_user(struct mc_store *s, int64_t user_id, int64_t limit,
                                             struct mc_arena *arena,
                                             struct mc_credential_summary **out, size_t *n,
                                             struct mc_err *e)
{
    enum mc_rc rc = check_id(user_id, "user_id", e);
    if (!rc)
        rc = check_range((double)limit, 1, 1000, "limit", e);
    if (rc)
        return rc;
    return s->ops->credential_list_for_user(s, user_id, limit, arena, out, n, e);
}

/* --- stacking --- */

enum mc_rc mc_store_stacked_programs(struct mc_store *s, struct mc_arena *arena,
                                     struct mc_stacked_program **out, size_t *n, struct mc_err *e)
{
    return s->ops->stacked_programs(s, arena, out, n, e);
}

enum mc_rc mc_store_held_achievements(struct mc_store *s, int64_t user_id, int64_t now,
                                      struct mc_arena *arena, struct mc_held_achievement **out,
                                      size_t *n, struct mc_err *e)
{
    enum mc_rc rc = check_id(user_id, "user_id", e);
    if (rc)
        return rc;
    return s->ops->held_achievements(s, user_id, now, arena, out, n, e);
}

/* --- planning --- */

enum mc_rc mc_store_plan_offerings(struct mc_store *s, struct mc_arena *arena,
                                   struct mc_plan_offering **out, size_t *n, struct mc_err *e)
{
    return s->ops->plan_offerings(s, arena, out, n, e);
}

enum mc_rc mc_store_learner_skill_ids(struct mc_store *s, int64_t user_id, int64_t now,
                                      struct mc_arena *arena, int64_t **out, size_t *n,
                                      struct mc_err *e)
{
    enum mc_rc rc = check_id(user_id, "user_id", e);
    if (rc)
        return rc;
    return s->ops->learner_skill_ids(s, user_id, now, arena, out, n, e);
}

enum mc_rc mc_store_job_role_skill_ids(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                       int64_t **out, size_t *n, struct mc_err *e)
{
    enum mc_rc rc = check_text(slug, "job_role", e);
    if (rc)
        return rc;
    return s->ops->job_role_skill_ids(s, slug, arena, out, n, e);
}

/* --- achievement versions --- */

enum mc_rc mc_store_achievement_repoint(struct mc_store *s, int64_t old_id, int64_t new_id,
                                        struct mc_err *e)
{
    enum mc_rc rc = check_id(old_id, "achievement.old_id", e);
    if (!rc)
        rc = check_id(new_id, "achievement.new_id", e);
    if (rc)
        return rc;
    return s->ops->achievement_repoint(s, old_id, new_id, e);
}

/* --- talent search and job roles --- */

enum mc_rc mc_store_talent_search(struct mc_store *s, const int64_t *skill_ids, size_t n_skills,
                                  bool verified_only, int64_t now, int64_t limit,
                                  struct mc_arena *arena, struct mc_talent **out, size_t *n,
                                  struct mc_err *e)
{
    if (n_skills < 1 || n_skills > MC_TALENT_SKILLS_MAX) {
        mc_err_set(e, MC_ERR_INVALID, "search for 1 to %d skills, not %zu", MC_TALENT_SKILLS_MAX,
                   n_skills);
        mc_err_where(e, "skills");
        return MC_ERR_INVALID;
    }
    enum mc_rc rc = check_range((double)limit, 1, 200, "limit", e);
    if (rc)
        return rc;
    return s->ops->talent_search(s, skill_ids, n_skills, verified_only, now, limit, arena, out, n,
                                 e);
}

enum mc_rc mc_store_user_set_search_opt_in(struct mc_store *s, int64_t user_id, bool opt_in,
                                           struct mc_err *e)
{
    enum mc_rc rc = check_id(user_id, "user_id", e);
    if (rc)
        return rc;
    return s->ops->user_set_search_opt_in(s, user_id, opt_in, e);
}

enum mc_rc mc_store_job_role_put(struct mc_store *s, struct mc_job_role *r, struct mc_err *e)
{
    enum mc_rc rc = check_slug(r->slug, "job_role.slug", e);
    if (!rc)
        rc = check_text(r->title, "job_role.title", e);
    if (!rc && r->n_skills > MC_JOB_ROLE_SKILLS_MAX) {
        rc = mc_err_set(e, MC_ERR_INVALID, "job_role.skills: at most %d, not %zu",
                        MC_JOB_ROLE_SKILLS_MAX, r->n_skills);
        mc_err_where(e, "job_role.skills");
    }
    for (size_t i = 0; !rc && i < r->n_skills; i++) {
        rc = check_id(r->skills[i].skill_id, "job_role.skills[].skill_id", e);
        if (!rc)
            rc = check_range(r->skills[i].level, 1, 5, "job_role.skills[].level", e);
    }
    if (rc)
        return rc;
    return s->ops->job_role_put(s, r, e);
}

enum mc_rc mc_store_job_role_list(struct mc_store *s, struct mc_arena *arena,
                                  struct mc_job_role **out, size_t *n, struct mc_err *e)
{
    *out = NULL;
    *n = 0;
    return s->ops->job_role_list(s, arena, out, n, e);
}

enum mc_rc mc_store_job_role_get(struct mc_store *s, const char *slug, struct mc_arena *arena,
                                 struct mc_job_role *out, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    enum mc_rc rc = check_text(slug, "job_role", e);
    if (rc)
        return rc;
    return s->ops->job_role_get(s, slug, arena, out, e);
}

/* --- stacking rules --- */

enum mc_rc mc_store_program_set_rule(struct mc_store *s, int64_t program_id, const char *rule,
                                     bool revoke_on_loss, struct mc_err *e)
{
    enum mc_rc rc = check_id(program_id, "program_id", e);
    if (rc)
        return rc;
    return s->ops->program_set_rule(s, program_id, rule, revoke_on_loss, e);
}

/* --- corporate training --- */

enum mc_rc mc_store_assignment_put(struct mc_store *s, struct mc_assignment *a, struct mc_err *e)
{
    enum mc_rc rc = check_id(a->org_id, "assignment.org_id", e);
    if (!rc)
        rc = check_id(a->user_id, "assignment.user_id", e);
    if (!rc)
        rc = check_id(a->program_id, "assignment.program_id", e);
    if (rc)
        return rc;
    return s->ops->assignment_put(s, a, e);
}

enum mc_rc mc_store_team(struct mc_store *s, int64_t org_id, int64_t now, struct mc_arena *arena,
                         struct mc_team *out, struct mc_err *e)
{
    enum mc_rc rc = check_id(org_id, "org_id", e);
    if (rc)
        return rc;
    return s->ops->team(s, org_id, now, arena, out, e);
}

/* --- recognition agreements --- */

enum mc_rc mc_store_recognition_put(struct mc_store *s, struct mc_recognition *r, struct mc_err *e)
{
    enum mc_rc rc = check_id(r->university_org_id, "agreement.university", e);
    if (!rc)
        rc = check_id(r->provider_org_id, "agreement.provider", e);
    if (!rc)
        rc = check_id(r->achievement_id, "agreement.achievement", e);
    if (!rc)
        rc = check_id(r->target_program_id, "agreement.program", e);
    if (!rc)
        rc = check_range(r->credits, 0.001, 1e6, "agreement.credits", e);
    if (!rc && (!r->unit || (strcmp(r->unit, "ects") != 0 && strcmp(r->unit, "hours") != 0))) {
        mc_err_set(e, MC_ERR_INVALID, "agreement.unit is ects or hours");
        mc_err_where(e, "agreement.unit");
        rc = MC_ERR_INVALID;
    }
    if (!rc && r->max_credits >= 0 && r->max_credits < r->credits) {
        mc_err_set(e, MC_ERR_INVALID, "agreement.max_credits is less than its credits");
        mc_err_where(e, "agreement.max_credits");
        rc = MC_ERR_INVALID;
    }
    if (!rc && r->valid_to && r->valid_to < r->valid_from) {
        mc_err_set(e, MC_ERR_INVALID, "agreement.valid_to is before valid_from");
        mc_err_where(e, "agreement.valid_to");
        rc = MC_ERR_INVALID;
    }
    if (rc)
        return rc;
    return s->ops->recognition_put(s, r, e);
}

enum mc_rc mc_store_recognitions_for(struct mc_store *s, int64_t program_id, struct mc_arena *arena,
                                     struct mc_recognition **out, size_t *n, struct mc_err *e)
{
    return s->ops->recognitions_for(s, program_id, arena, out, n, e);
}

enum mc_rc mc_store_credit_credentials(struct mc_store *s, int64_t user_id, int64_t now,
                                       struct mc_arena *arena, struct mc_credit_row **out,
                                       size_t *n, struct mc_err *e)
{
    return s->ops->credit_credentials(s, user_id, now, arena, out, n, e);
}

/* --- settings --- */

enum mc_rc mc_store_setting_get(struct mc_store *s, const char *name, struct mc_arena *arena,
                                const char **value, struct mc_err *e)
{
    enum mc_rc rc = check_text(name, "setting.name", e);
    if (rc)
        return rc;
    return s->ops->setting_get(s, name, arena, value, e);
}

enum mc_rc mc_store_setting_set(struct mc_store *s, const char *name, const char *value,
                                struct mc_err *e)
{
    enum mc_rc rc = check_text(name, "setting.name", e);
    if (!rc && !value)
        rc = mc_err_set(e, MC_ERR_INVALID, "setting %s needs a value", name);
    if (rc)
        return rc;
    return s->ops->setting_set(s, name, value, e);
}

/* --- audit --- */

enum mc_rc mc_store_audit_append(struct mc_store *s, struct mc_audit_entry *entry, struct mc_err *e)
{
    enum mc_rc rc = check_text(entry->action, "audit.action", e);
    if (rc)
        return rc;
    if (strlen(entry->action) > 100)
        return mc_err_set(e, MC_ERR_INVALID, "audit.action is longer than 100 bytes");
    return s->ops->audit_append(s, entry, e);
}

enum mc_rc mc_store_audit_list(struct mc_store *s, const char *target_type, const char *target_id,
                               int64_t limit, struct mc_arena *arena, struct mc_audit_entry **out,
                               size_t *n, struct mc_err *e)
{
    *out = NULL;
    *n = 0;
    if (limit < 1 || limit > 1000)
        return filter_invalid(e, "limit", "must be between 1 and 1000");
    return s->ops->audit_list(s, target_type, target_id, limit, arena, out, n, e);
}

/* --- learning --- */

static const char *const enrollment_status_names[MC_ENROLL_STATUS_COUNT] = {
    "active", "completed", "withdrawn", "refunded", "expired",
};

const char *mc_enrollment_status_name(enum mc_enrollment_status st)
{
    if ((int)st < 0 || st >= MC_ENROLL_STATUS_COUNT)
        return "?";
    return enrollment_status_names[st];
}

static const char *const content_kind_names[MC_CONTENT_KIND_COUNT] = {
    "answers",
    "text",
    "url",
    "file",
};

const char *mc_content_kind_name(enum mc_content_kind k)
{
    if ((int)k < 0 || k >= MC_CONTENT_KIND_COUNT)
        return "?";
    return content_kind_names[k];
}

static const char *const submission_status_names[MC_SUBMISSION_STATUS_COUNT] = {
    "submitted",
    "grading",
    "graded",
    "withdrawn",
};

const char *mc_submission_status_name(enum mc_submission_status st)
{
    if ((int)st < 0 || st >= MC_SUBMISSION_STATUS_COUNT)
        return "?";
    return submission_status_names[st];
}

static enum mc_rc invalid_field(struct mc_err *e, const char *field, const char *what)
{
    mc_err_set(e, MC_ERR_INVALID, "%s %s", field, what);
    mc_err_where(e, "%s", field);
    return MC_ERR_INVALID;
}

enum mc_rc mc_store_enrollment_put(struct mc_store *s, struct mc_enrollment *en, struct mc_err *e)
{
    enum mc_rc rc = check_id(en->learner_user_id, "enrollment.learner_user_id", e);
    if (rc)
        return rc;
    if ((en->course_id > 0) + (en->program_id > 0) != 1 || en->course_id < 0 || en->program_id < 0)
        return invalid_field(e, "enrollment", "must name exactly one course or program");
    rc = check_enum((int)en->status, MC_ENROLL_STATUS_COUNT, "enrollment.status", e);
    if (!rc)
        rc = check_enum((int)en->price_model, MC_PRICE_MODEL_COUNT, "enrollment.price_model", e);
    if (!rc)
        rc = check_range((double)en->price_cents, 0, 1e15, "enrollment.price_cents", e);
    if (rc)
        return rc;
    if (en->currency && strlen(en->currency) != 3)
        return invalid_field(e, "enrollment.currency", "is not an ISO 4217 code");
    return s->ops->enrollment_put(s, en, e);
}

enum mc_rc mc_store_enrollment_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                   struct mc_enrollment *out, struct mc_err *e)
{
    enum mc_rc rc = check_id(id, "enrollment.id", e);
    if (rc)
        return rc;
    return s->ops->enrollment_get(s, id, arena, out, e);
}

enum mc_rc mc_store_enrollment_list(struct mc_store *s, int64_t learner_user_id,
                                    struct mc_arena *arena, struct mc_enrollment **out, size_t *n,
                                    struct mc_err *e)
{
    *out = NULL;
    *n = 0;
    enum mc_rc rc = check_id(learner_user_id, "enrollment.learner_user_id", e);
    if (rc)
        return rc;
    return s->ops->enrollment_list(s, learner_user_id, arena, out, n, e);
}

enum mc_rc mc_store_enrollment_set_status(struct mc_store *s, int64_t id,
                                          enum mc_enrollment_status status, int64_t at,
                                          struct mc_err *e)
{
    enum mc_rc rc = check_id(id, "enrollment.id", e);
    if (!rc)
        rc = check_enum((int)status, MC_ENROLL_STATUS_COUNT, "enrollment.status", e);
    if (rc)
        return rc;
    return s->ops->enrollment_set_status(s, id, status, at, e);
}

/* An http(s) URL without white space or control characters. */
static bool plausible_url(const char *u)
{
    size_t n = strlen(u);
    if (!((n > 8 && strncmp(u, "https://", 8) == 0) || (n > 7 && strncmp(u, "http://", 7) == 0)))
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)u[i] <= ' ' || u[i] == 0x7f)
            return false;
    return true;
}

enum mc_rc mc_store_submission_put(struct mc_store *s, struct mc_submission *sub, struct mc_err *e)
{
    enum mc_rc rc = check_id(sub->assessment_id, "submission.assessment_id", e);
    if (!rc)
        rc = check_id(sub->learner_user_id, "submission.learner_user_id", e);
    if (!rc)
        rc = check_enum((int)sub->kind, MC_CONTENT_KIND_COUNT, "submission.kind", e);
    if (!rc)
        rc = check_enum((int)sub->status, MC_SUBMISSION_STATUS_COUNT, "submission.status", e);
    if (rc)
        return rc;
    switch (sub->kind) {
    case MC_CONTENT_ANSWERS: break;
    case MC_CONTENT_TEXT:
        rc = check_text(sub->text, "submission.text", e);
        if (!rc && strlen(sub->text) > MC_SUBMISSION_TEXT_MAX)
            return mc_err_set(e, MC_ERR_TOO_LARGE,
                              "submission.text is longer than %d bytes: submit it as a file",
                              MC_SUBMISSION_TEXT_MAX);
        break;
    case MC_CONTENT_URL:
        rc = check_text(sub->url, "submission.url", e);
        if (!rc && strlen(sub->url) > MC_SUBMISSION_URL_MAX)
            return invalid_field(e, "submission.url", "is longer than 2048 bytes");
        if (!rc && !plausible_url(sub->url))
            return invalid_field(e, "submission.url",
                                 "must be an http or https URL without spaces");
        break;
    case MC_CONTENT_FILE:
        rc = check_text(sub->file_name, "submission.file_name", e);
        if (!rc && strlen(sub->file_name) > 255)
            return invalid_field(e, "submission.file_name", "is longer than 255 bytes");
        if (!rc && (!sub->file_data || sub->file_len == 0))
            return invalid_field(e, "submission.file_data", "is empty");
        if (!rc && sub->file_len > MC_SUBMISSION_FILE_MAX)
            return mc_err_set(e, MC_ERR_TOO_LARGE,
                              "submission file '%.100s' is %zu bytes, more than the %d MiB "
                              "allowed",
                              sub->file_name, sub->file_len, MC_SUBMISSION_FILE_MAX >> 20);
        break;
    default: break;
    }
    if (rc)
        return rc;
    return s->ops->submission_put(s, sub, e);
}

enum mc_rc mc_store_submission_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                   struct mc_submission *out, struct mc_err *e)
{
    enum mc_rc rc = check_id(id, "submission.id", e);
    if (rc)
        return rc;
    return s->ops->submission_get(s, id, arena, out, e);
}

enum mc_rc mc_store_submission_count(struct mc_store *s, int64_t learner_user_id,
                                     int64_t assessment_id, int *out, struct mc_err *e)
{
    *out = 0;
    enum mc_rc rc = check_id(learner_user_id, "submission.learner_user_id", e);
    if (!rc)
        rc = check_id(assessment_id, "submission.assessment_id", e);
    if (rc)
        return rc;
    return s->ops->submission_count(s, learner_user_id, assessment_id, out, e);
}

enum mc_rc mc_store_answers_put(struct mc_store *s, int64_t submission_id,
                                const struct mc_answer_row *rows, size_t n, struct mc_err *e)
{
    enum mc_rc rc = check_id(submission_id, "answer.submission_id", e);
    if (rc)
        return rc;
    if (n && !rows)
        return invalid_field(e, "answers", "are missing");
    for (size_t i = 0; i < n; i++) {
        const struct mc_answer_row *a = &rows[i];
        rc = check_id(a->question_id, "answer.question_id", e);
        if (!rc && a->n_selected && !a->selected)
            rc = invalid_field(e, "answer.selected", "is missing");
        if (!rc && a->n_selected > 1000)
            rc = invalid_field(e, "answer.selected", "has more than 1000 options");
        for (size_t k = 0; !rc && k < a->n_selected; k++)
            if (a->selected[k] < 0)
                rc = invalid_field(e, "answer.selected", "has a negative position");
        if (!rc && a->has_value && !(a->numeric_value == a->numeric_value))
            rc = invalid_field(e, "answer.numeric_value", "is not a number");
        if (!rc && !(a->points >= 0 && a->points <= 1e9))
            rc = invalid_field(e, "answer.points", "is out of range 0..1e9");
        if (rc) {
            mc_err_where(e, "answers[%zu]", i);
            return rc;
        }
    }
    return s->ops->answers_put(s, submission_id, rows, n, e);
}

enum mc_rc mc_store_answers_list(struct mc_store *s, int64_t submission_id, struct mc_arena *arena,
                                 struct mc_answer_row **out, size_t *n, struct mc_err *e)
{
    *out = NULL;
    *n = 0;
    enum mc_rc rc = check_id(submission_id, "answer.submission_id", e);
    if (rc)
        return rc;
    return s->ops->answers_list(s, submission_id, arena, out, n, e);
}

enum mc_rc mc_store_result_put(struct mc_store *s, struct mc_result *r, struct mc_err *e)
{
    enum mc_rc rc = check_id(r->submission_id, "result.submission_id", e);
    if (!rc)
        rc = check_range(r->score, 0, 100, "result.score", e);
    if (!rc && r->graded_by_user_id < 0)
        rc = invalid_field(e, "result.graded_by_user_id", "is negative");
    if (!rc && r->feedback && strlen(r->feedback) > 65536)
        rc = invalid_field(e, "result.feedback", "is longer than 65536 bytes");
    if (!rc && r->n_rubric && !r->rubric)
        rc = invalid_field(e, "result.rubric", "is missing");
    for (size_t i = 0; !rc && i < r->n_rubric; i++) {
        rc = check_range(r->rubric[i].points, 0, 1e9, "result.rubric[].points", e);
        if (!rc && r->rubric[i].position < 0)
            rc = invalid_field(e, "result.rubric[].position", "is negative");
        if (!rc && r->rubric[i].comment && strlen(r->rubric[i].comment) > 65536)
            rc = invalid_field(e, "result.rubric[].comment", "is longer than 65536 bytes");
        if (rc)
            mc_err_where(e, "result.rubric[%zu]", i);
    }
    if (rc)
        return rc;
    return s->ops->result_put(s, r, e);
}

enum mc_rc mc_store_result_get(struct mc_store *s, int64_t submission_id, struct mc_arena *arena,
                               struct mc_result *out, struct mc_err *e)
{
    enum mc_rc rc = check_id(submission_id, "result.submission_id", e);
    if (rc)
        return rc;
    return s->ops->result_get(s, submission_id, arena, out, e);
}

enum mc_rc mc_store_best_results(struct mc_store *s, int64_t learner_user_id, int64_t course_id,
                                 struct mc_arena *arena, struct mc_best_result **out, size_t *n,
                                 struct mc_err *e)
{
    *out = NULL;
    *n = 0;
    enum mc_rc rc = check_id(learner_user_id, "learner_user_id", e);
    if (!rc)
        rc = check_id(course_id, "course_id", e);
    if (rc)
        return rc;
    return s->ops->best_results(s, learner_user_id, course_id, arena, out, n, e);
}

enum mc_rc mc_store_grading_queue(struct mc_store *s, int64_t org_id, int64_t limit, int64_t offset,
                                  struct mc_arena *arena, struct mc_queue_item **out, size_t *n,
                                  struct mc_err *e)
{
    *out = NULL;
    *n = 0;
    enum mc_rc rc = check_id(org_id, "org_id", e);
    if (rc)
        return rc;
    if (limit < 1 || limit > 100)
        return filter_invalid(e, "limit", "must be between 1 and 100");
    if (offset < 0)
        return filter_invalid(e, "offset", "must be 0 or more");
    return s->ops->grading_queue(s, org_id, limit, offset, arena, out, n, e);
}

enum mc_rc mc_store_course_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                     struct mc_course *out, struct mc_err *e)
{
    enum mc_rc rc = check_id(id, "course.id", e);
    if (rc)
        return rc;
    return s->ops->course_get_by_id(s, id, arena, out, e);
}

enum mc_rc mc_store_program_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                      struct mc_program *out, struct mc_err *e)
{
    enum mc_rc rc = check_id(id, "program.id", e);
    if (rc)
        return rc;
    return s->ops->program_get_by_id(s, id, arena, out, e);
}

enum mc_rc mc_store_user_holds_achievement(struct mc_store *s, int64_t user_id,
                                           int64_t achievement_id, bool *out, struct mc_err *e)
{
    *out = false;
    enum mc_rc rc = check_id(user_id, "user.id", e);
    if (!rc)
        rc = check_id(achievement_id, "achievement.id", e);
    if (rc)
        return rc;
    return s->ops->user_holds_achievement(s, user_id, achievement_id, out, e);
}

/* --- the pool --- */

struct mc_store_pool {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct mc_store **all;
    struct mc_store **idle; /* a stack of the free ones */
    size_t size;
    size_t n_idle;
};

enum mc_rc mc_store_pool_new(const char *location, unsigned flags, size_t size,
                             struct mc_store_pool **out, struct mc_err *e)
{
    *out = NULL;
    if (size < 1 || size > 1024)
        return mc_err_set(e, MC_ERR_INVALID, "a store pool needs 1..1024 connections, not %zu",
                          size);
    struct mc_store_pool *p = mc_xcalloc(1, sizeof *p);
    p->all = mc_xcalloc(size, sizeof *p->all);
    p->idle = mc_xcalloc(size, sizeof *p->idle);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    enum mc_rc rc = MC_OK;
    for (size_t i = 0; i < size; i++) {
        /* Only the first connection may create and migrate; the rest find it ready. */
        rc = mc_store_open(location, i == 0 ? flags : (flags & ~(unsigned)MC_STORE_CREATE),
                           &p->all[i], e);
        if (rc)
            goto out;
        p->size++;
        p->idle[p->n_idle++] = p->all[i];
    }
out:
    if (rc) {
        mc_store_pool_free(p);
        return rc;
    }
    *out = p;
    return MC_OK;
}

void mc_store_pool_free(struct mc_store_pool *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->size; i++)
        mc_store_close(p->all[i]);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    free(p->idle);
    free(p->all);
    free(p);
}

struct mc_store *mc_store_pool_acquire(struct mc_store_pool *p)
{
    pthread_mutex_lock(&p->mu);
    while (p->n_idle == 0)
        pthread_cond_wait(&p->cv, &p->mu);
    struct mc_store *s = p->idle[--p->n_idle];
    pthread_mutex_unlock(&p->mu);
    return s;
}

void mc_store_pool_release(struct mc_store_pool *p, struct mc_store *s)
{
    if (!s)
        return;
    /* A connection comes back clean: an open transaction is rolled back. */
    mc_store_rollback(s);
    pthread_mutex_lock(&p->mu);
    p->idle[p->n_idle++] = s;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

/* --- OAuth 2.0 and the Open Badges 3.0 API --- */

static bool oauth_method_known(const char *m)
{
    return m && (strcmp(m, "client_secret_basic") == 0 || strcmp(m, "client_secret_post") == 0 ||
                 strcmp(m, "none") == 0);
}

enum mc_rc mc_store_oauth_client_put(struct mc_store *s, struct mc_oauth_client *c,
                                     struct mc_err *e)
{
    enum mc_rc rc = check_text(c->client_id, "oauth_client.client_id", e);
    if (!rc)
        rc = check_text(c->name, "oauth_client.name", e);
    if (!rc)
        rc = check_text(c->redirect_uris, "oauth_client.redirect_uris", e);
    if (!rc)
        rc = check_text(c->scope, "oauth_client.scope", e);
    if (!rc)
        rc = check_text(c->metadata, "oauth_client.metadata", e);
    if (!rc && !oauth_method_known(c->auth_method)) {
        mc_err_set(e, MC_ERR_INVALID,
                   "oauth_client.auth_method must be client_secret_basic, client_secret_post or "
                   "none");
        mc_err_where(e, "oauth_client.auth_method");
        rc = MC_ERR_INVALID;
    }
    if (!rc && (strcmp(c->auth_method, "none") == 0) == c->has_secret) {
        mc_err_set(e, MC_ERR_INVALID, "a client has a secret exactly when it authenticates");
        mc_err_where(e, "oauth_client.auth_method");
        rc = MC_ERR_INVALID;
    }
    if (rc)
        return rc;
    return s->ops->oauth_client_put(s, c, e);
}

enum mc_rc mc_store_oauth_client_get(struct mc_store *s, const char *client_id,
                                     struct mc_arena *arena, struct mc_oauth_client *out,
                                     struct mc_err *e)
{
    enum mc_rc rc = check_text(client_id, "client_id", e);
    if (rc)
        return rc;
    return s->ops->oauth_client_get(s, client_id, 0, arena, out, e);
}

enum mc_rc mc_store_oauth_client_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                           struct mc_oauth_client *out, struct mc_err *e)
{
    enum mc_rc rc = check_id(id, "oauth_client.id", e);
    if (rc)
        return rc;
    return s->ops->oauth_client_get(s, NULL, id, arena, out, e);
}

enum mc_rc mc_store_oauth_code_put(struct mc_store *s, struct mc_oauth_code *c, struct mc_err *e)
{
    enum mc_rc rc = check_id(c->client_id, "oauth_code.client_id", e);
    if (!rc)
        rc = check_id(c->user_id, "oauth_code.user_id", e);
    if (!rc)
        rc = check_text(c->redirect_uri, "oauth_code.redirect_uri", e);
    if (!rc)
        rc = check_text(c->scope, "oauth_code.scope", e);
    if (!rc)
        rc = check_text(c->code_challenge, "oauth_code.code_challenge", e);
    if (!rc && c->expires_at <= c->created_at) {
        mc_err_set(e, MC_ERR_INVALID, "oauth_code.expires_at must be after created_at");
        rc = MC_ERR_INVALID;
    }
    if (rc)
        return rc;
    return s->ops->oauth_code_put(s, c, e);
}

enum mc_rc mc_store_oauth_code_get(struct mc_store *s, const uint8_t hash[MC_TOKEN_HASH_LEN],
                                   struct mc_arena *arena, struct mc_oauth_code *out,
                                   struct mc_err *e)
{
    if (!hash)
        return mc_err_set(e, MC_ERR_INVALID, "no code hash given");
    return s->ops->oauth_code_get(s, hash, arena, out, e);
}

enum mc_rc mc_store_oauth_code_use(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e)
{
    enum mc_rc rc = check_id(id, "oauth_code.id", e);
    if (rc)
        return rc;
    return s->ops->oauth_code_use(s, id, at, e);
}

enum mc_rc mc_store_oauth_refresh_put(struct mc_store *s, struct mc_oauth_refresh *r,
                                      struct mc_err *e)
{
    enum mc_rc rc = check_id(r->grant_id, "oauth_refresh.grant_id", e);
    if (!rc)
        rc = check_id(r->client_id, "oauth_refresh.client_id", e);
    if (!rc)
        rc = check_id(r->user_id, "oauth_refresh.user_id", e);
    if (!rc)
        rc = check_text(r->scope, "oauth_refresh.scope", e);
    if (!rc && r->expires_at <= r->created_at) {
        mc_err_set(e, MC_ERR_INVALID, "oauth_refresh.expires_at must be after created_at");
        rc = MC_ERR_INVALID;
    }
    if (rc)
        return rc;
    return s->ops->oauth_refresh_put(s, r, e);
}

enum mc_rc mc_store_oauth_refresh_get(struct mc_store *s, const uint8_t hash[MC_TOKEN_HASH_LEN],
                                      struct mc_arena *arena, struct mc_oauth_refresh *out,
                                      struct mc_err *e)
{
    if (!hash)
        return mc_err_set(e, MC_ERR_INVALID, "no refresh token hash given");
    return s->ops->oauth_refresh_get(s, hash, 0, arena, out, e);
}

enum mc_rc mc_store_oauth_refresh_by_access(struct mc_store *s, int64_t api_token_id,
                                            struct mc_arena *arena, struct mc_oauth_refresh *out,
                                            struct mc_err *e)
{
    enum mc_rc rc = check_id(api_token_id, "api_token.id", e);
    if (rc)
        return rc;
    return s->ops->oauth_refresh_get(s, NULL, api_token_id, arena, out, e);
}

enum mc_rc mc_store_oauth_refresh_use(struct mc_store *s, int64_t id, int64_t at, struct mc_err *e)
{
    enum mc_rc rc = check_id(id, "oauth_refresh.id", e);
    if (rc)
        return rc;
    return s->ops->oauth_refresh_use(s, id, at, e);
}

enum mc_rc mc_store_oauth_grant_revoke(struct mc_store *s, int64_t grant_id, int64_t at,
                                       int64_t *count, struct mc_err *e)
{
    if (count)
        *count = 0;
    enum mc_rc rc = check_id(grant_id, "oauth grant id", e);
    if (rc)
        return rc;
    return s->ops->oauth_grant_revoke(s, grant_id, at, count, e);
}

enum mc_rc mc_store_ob_credential_list(struct mc_store *s, int64_t user_id, int64_t since,
                                       int64_t limit, int64_t offset, struct mc_arena *arena,
                                       struct mc_ob_credential **out, size_t *n, int64_t *total,
                                       struct mc_err *e)
{
    *out = NULL;
    *n = 0;
    *total = 0;
    enum mc_rc rc = check_id(user_id, "user_id", e);
    if (rc)
        return rc;
    if (limit < 1 || limit > 1000) {
        mc_err_set(e, MC_ERR_INVALID, "limit must be 1..1000, not %lld", (long long)limit);
        mc_err_where(e, "limit");
        return MC_ERR_INVALID;
    }
    if (offset < 0) {
        mc_err_set(e, MC_ERR_INVALID, "offset must be 0 or more");
        mc_err_where(e, "offset");
        return MC_ERR_INVALID;
    }
    return s->ops->ob_credential_list(s, user_id, since, limit, offset, arena, out, n, total, e);
}

enum mc_rc mc_store_imported_credential_put(struct mc_store *s, struct mc_imported_credential *c,
                                            bool *created, struct mc_err *e)
{
    *created = false;
    enum mc_rc rc = check_id(c->user_id, "imported_credential.user_id", e);
    if (!rc)
        rc = check_text(c->credential_id, "imported_credential.credential_id", e);
    if (!rc)
        rc = check_text(c->document, "imported_credential.document", e);
    if (!rc &&
        (!c->format || (strcmp(c->format, "ob3-ldp") != 0 && strcmp(c->format, "ob3-jwt") != 0 &&
                        strcmp(c->format, "ob2") != 0))) {
        mc_err_set(e, MC_ERR_INVALID, "imported_credential.format must be ob3-ldp, ob3-jwt or ob2");
        mc_err_where(e, "imported_credential.format");
        rc = MC_ERR_INVALID;
    }
    if (rc)
        return rc;
    return s->ops->imported_credential_put(s, c, created, e);
}

enum mc_rc mc_store_imported_credential_list(struct mc_store *s, int64_t user_id, int64_t limit,
                                             struct mc_arena *arena,
                                             struct mc_imported_credential **out, size_t *n,
                                             struct mc_err *e)
{
    *out = NULL;
    *n = 0;
    enum mc_rc rc = check_id(user_id, "user_id", e);
    if (!rc && (limit < 1 || limit > 1000)) {
        mc_err_set(e, MC_ERR_INVALID, "limit must be 1..1000");
        mc_err_where(e, "limit");
        rc = MC_ERR_INVALID;
    }
    if (rc)
        return rc;
    return s->ops->imported_credential_list(s, user_id, limit, arena, out, n, e);
}

enum mc_rc mc_store_user_set_name(struct mc_store *s, int64_t user_id, const char *name,
                                  struct mc_err *e)
{
    enum mc_rc rc = check_id(user_id, "user.id", e);
    if (!rc)
        rc = check_text(name, "user.name", e);
    if (!rc && strlen(name) > 200) {
        mc_err_set(e, MC_ERR_INVALID, "user.name is longer than 200 bytes");
        mc_err_where(e, "user.name");
        rc = MC_ERR_INVALID;
    }
    if (rc)
        return rc;
    return s->ops->user_set_name(s, user_id, name, e);
}
