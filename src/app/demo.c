/* SPDX-License-Identifier: Apache-2.0 */
/* Loading the demo catalog: JSON files of organisations, skills and programs, into the store. */
#include "app/demo.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/file.h"
#include "mcred/buf.h"

#define FILE_MAX (16u << 20) /* a seed file larger than this is surely a mistake */

/* One load: where we are (file and JSON pointer) for error messages, and what was written. */
struct loader {
    struct mc_store *s;
    struct mc_arena *arena; /* strings looked up from the store; freed after the load */
    struct mc_demo_stats st;
    const char *file;
    struct mc_err *e;
    bool not_demo;            /* a provider's own data, not marked as demo */
    int64_t only_institution; /* when set, programs must be this organisation's */
    int achievement_version;  /* the version achievements are stored as; 0 means 1 */
};

/* Fail with "<file>: <pointer>: <message>", the place also in e->where. */
__attribute__((format(printf, 3, 4))) static enum mc_rc fail(struct loader *L, const char *ptr,
                                                             const char *fmt, ...)
{
    char msg[MC_ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mc_err_set(L->e, MC_ERR_INVALID, "%s: %s: %s", L->file, ptr[0] ? ptr : "/", msg);
    mc_err_where(L->e, "%s: %s", L->file, ptr[0] ? ptr : "/");
    return MC_ERR_INVALID;
}

/* A store error while loading: say which file and item it was about. */
static enum mc_rc store_fail(struct loader *L, const char *ptr, enum mc_rc rc)
{
    char inner[MC_ERR_MSG_MAX] = "";
    if (L->e)
        memcpy(inner, L->e->msg, sizeof inner);
    mc_err_set(L->e, rc, "%s: %s: %s", L->file, ptr, inner);
    mc_err_where(L->e, "%s: %s", L->file, ptr);
    return rc;
}

static const char *at(struct loader *L, const char *ptr, const char *key)
{
    return mc_arena_printf(L->arena, "%s/%s", ptr, key);
}

static const char *at_i(struct loader *L, const char *ptr, size_t i)
{
    return mc_arena_printf(L->arena, "%s/%zu", ptr, i);
}

/* Reject keys not in `allowed` (NULL-terminated), so a misspelt field is not silently lost. */
static enum mc_rc check_keys(struct loader *L, json_t *obj, const char *ptr,
                             const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach (obj, key, v) {
        bool ok = false;
        for (size_t i = 0; allowed[i] && !ok; i++)
            ok = strcmp(key, allowed[i]) == 0;
        if (!ok)
            return fail(L, at(L, ptr, key), "unknown field \"%s\"", key);
    }
    return MC_OK;
}

static enum mc_rc need_object(struct loader *L, json_t *v, const char *ptr)
{
    return json_is_object(v) ? MC_OK : fail(L, ptr, "expected an object");
}

/* A string member; NULL if absent and not required. */
static enum mc_rc get_str(struct loader *L, json_t *obj, const char *ptr, const char *key,
                          bool required, const char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return required ? fail(L, at(L, ptr, key), "required, and missing") : MC_OK;
    if (!json_is_string(v))
        return fail(L, at(L, ptr, key), "expected a string");
    if (required && json_string_length(v) == 0)
        return fail(L, at(L, ptr, key), "must not be empty");
    *out = json_string_value(v);
    return MC_OK;
}

static enum mc_rc get_num(struct loader *L, json_t *obj, const char *ptr, const char *key,
                          bool required, double min, double max, double dflt, double *out)
{
    json_t *v = json_object_get(obj, key);
    *out = dflt;
    if (!v || json_is_null(v))
        return required ? fail(L, at(L, ptr, key), "required, and missing") : MC_OK;
    if (!json_is_number(v))
        return fail(L, at(L, ptr, key), "expected a number");
    double d = json_number_value(v);
    if (!(d >= min && d <= max))
        return fail(L, at(L, ptr, key), "must be between %g and %g, not %g", min, max, d);
    *out = d;
    return MC_OK;
}

static enum mc_rc get_int(struct loader *L, json_t *obj, const char *ptr, const char *key,
                          bool required, int min, int max, int dflt, int *out)
{
    json_t *v = json_object_get(obj, key);
    *out = dflt;
    if (!v || json_is_null(v))
        return required ? fail(L, at(L, ptr, key), "required, and missing") : MC_OK;
    if (!json_is_integer(v))
        return fail(L, at(L, ptr, key), "expected a whole number");
    json_int_t i = json_integer_value(v);
    if (i < min || i > max)
        return fail(L, at(L, ptr, key), "must be between %d and %d, not %lld", min, max,
                    (long long)i);
    *out = (int)i;
    return MC_OK;
}

static enum mc_rc get_bool(struct loader *L, json_t *obj, const char *ptr, const char *key,
                           bool dflt, bool *out)
{
    json_t *v = json_object_get(obj, key);
    *out = dflt;
    if (!v || json_is_null(v))
        return MC_OK;
    if (!json_is_boolean(v))
        return fail(L, at(L, ptr, key), "expected true or false");
    *out = json_is_true(v);
    return MC_OK;
}

/* An array member (absent: an empty array unless required). */
static enum mc_rc get_array(struct loader *L, json_t *obj, const char *ptr, const char *key,
                            bool required, json_t **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return required ? fail(L, at(L, ptr, key), "required, and missing") : MC_OK;
    if (!json_is_array(v))
        return fail(L, at(L, ptr, key), "expected an array");
    *out = v;
    return MC_OK;
}

/*
 * Enum members: each catalog parse function gets a wrapper with one signature (the enum types
 * differ), generated here, and the caller assigns the int it gives.
 */
typedef enum mc_rc (*parse_fn)(struct mc_str, int *, struct mc_err *);
#define ENUM_PARSER(T, fn)                                                  \
    static enum mc_rc fn##_int(struct mc_str s, int *out, struct mc_err *e) \
    {                                                                       \
        enum T v;                                                           \
        enum mc_rc rc = fn(s, &v, e);                                       \
        if (!rc)                                                            \
            *out = (int)v;                                                  \
        return rc;                                                          \
    }
ENUM_PARSER(mc_org_kind, mc_org_kind_parse)
ENUM_PARSER(mc_program_type, mc_program_type_parse)
ENUM_PARSER(mc_price_model, mc_price_model_parse)
ENUM_PARSER(mc_assessment_kind, mc_assessment_kind_parse)
ENUM_PARSER(mc_question_kind, mc_question_kind_parse)
ENUM_PARSER(mc_participation, mc_participation_parse)
ENUM_PARSER(mc_supervision, mc_supervision_parse)

static enum mc_rc get_enum(struct loader *L, json_t *obj, const char *ptr, const char *key,
                           bool required, parse_fn parse, int *out)
{
    const char *s;
    enum mc_rc rc = get_str(L, obj, ptr, key, required, &s);
    if (rc || !s)
        return rc;
    struct mc_err pe;
    mc_err_clear(&pe);
    if (parse(mc_str_z(s), out, &pe))
        return fail(L, at(L, ptr, key), "%s", pe.msg);
    return MC_OK;
}

/* An array of skill slugs into an arena array of skill ids. */
static enum mc_rc get_skills(struct loader *L, json_t *obj, const char *ptr, int64_t **ids,
                             size_t *n)
{
    json_t *arr;
    *ids = NULL;
    *n = 0;
    enum mc_rc rc = get_array(L, obj, ptr, "skills", false, &arr);
    if (rc || !arr)
        return rc;
    *ids = mc_arena_calloc(L->arena, json_array_size(arr) + 1, sizeof **ids);
    size_t i;
    json_t *v;
    json_array_foreach (arr, i, v) {
        const char *p = at_i(L, at(L, ptr, "skills"), i);
        if (!json_is_string(v))
            return fail(L, p, "expected a skill slug");
        struct mc_skill k;
        struct mc_err se;
        if (mc_store_skill_get(L->s, json_string_value(v), L->arena, &k, &se))
            return fail(L, p, "no skill \"%s\" (skills are defined in skills.json)",
                        json_string_value(v));
        (*ids)[(*n)++] = k.id;
    }
    return MC_OK;
}

static enum mc_rc org_id(struct loader *L, const char *ptr, const char *slug, int64_t *out)
{
    struct mc_org o;
    struct mc_err oe;
    if (mc_store_org_get(L->s, slug, L->arena, &o, &oe))
        return fail(L, ptr, "no organisation \"%s\" (organisations are defined in orgs.json)",
                    slug);
    *out = o.id;
    return MC_OK;
}

static enum mc_rc load_org(struct loader *L, json_t *v, const char *ptr)
{
    static const char *const keys[] = { "slug",    "name",        "kind",  "url",
                                        "country", "description", "email", NULL };
    struct mc_org o = { .is_demo = true };
    int e_kind = 0;
    enum mc_rc rc = need_object(L, v, ptr);
    if (!rc)
        rc = check_keys(L, v, ptr, keys);
    if (!rc)
        rc = get_str(L, v, ptr, "slug", true, &o.slug);
    if (!rc)
        rc = get_str(L, v, ptr, "name", true, &o.name);
    if (!rc)
        rc = get_enum(L, v, ptr, "kind", true, mc_org_kind_parse_int, &e_kind);
    if (!rc)
        o.kind = e_kind;
    if (!rc)
        rc = get_str(L, v, ptr, "url", true, &o.url);
    if (!rc)
        rc = get_str(L, v, ptr, "country", true, &o.country);
    if (!rc)
        rc = get_str(L, v, ptr, "description", false, &o.description);
    if (!rc)
        rc = get_str(L, v, ptr, "email", false, &o.email);
    if (rc)
        return rc;
    rc = mc_store_org_put(L->s, &o, L->e);
    if (rc)
        return store_fail(L, ptr, rc);
    L->st.orgs++;
    return MC_OK;
}

static enum mc_rc load_framework(struct loader *L, json_t *v, const char *ptr)
{
    static const char *const keys[] = { "slug", "name", "uri", "publisher", NULL };
    struct mc_skill_framework f = { 0 };
    enum mc_rc rc = need_object(L, v, ptr);
    if (!rc)
        rc = check_keys(L, v, ptr, keys);
    if (!rc)
        rc = get_str(L, v, ptr, "slug", true, &f.slug);
    if (!rc)
        rc = get_str(L, v, ptr, "name", true, &f.name);
    if (!rc)
        rc = get_str(L, v, ptr, "uri", false, &f.uri);
    if (!rc)
        rc = get_str(L, v, ptr, "publisher", false, &f.publisher);
    if (rc)
        return rc;
    rc = mc_store_skill_framework_put(L->s, &f, L->e);
    if (rc)
        return store_fail(L, ptr, rc);
    L->st.frameworks++;
    return MC_OK;
}

static enum mc_rc load_skill(struct loader *L, json_t *v, const char *ptr)
{
    static const char *const keys[] = { "slug", "name",        "framework", "code",
                                        "uri",  "description", NULL };
    struct mc_skill k = { 0 };
    const char *fw = NULL;
    enum mc_rc rc = need_object(L, v, ptr);
    if (!rc)
        rc = check_keys(L, v, ptr, keys);
    if (!rc)
        rc = get_str(L, v, ptr, "slug", true, &k.slug);
    if (!rc)
        rc = get_str(L, v, ptr, "name", true, &k.name);
    if (!rc)
        rc = get_str(L, v, ptr, "framework", true, &fw);
    if (!rc)
        rc = get_str(L, v, ptr, "code", false, &k.code);
    if (!rc)
        rc = get_str(L, v, ptr, "uri", false, &k.uri);
    if (!rc)
        rc = get_str(L, v, ptr, "description", false, &k.description);
    if (rc)
        return rc;
    struct mc_skill_framework f;
    struct mc_err fe;
    if (mc_store_skill_framework_get(L->s, fw, L->arena, &f, &fe))
        return fail(L, at(L, ptr, "framework"), "no skill framework \"%s\"", fw);
    k.framework_id = f.id;
    rc = mc_store_skill_put(L->s, &k, L->e);
    if (rc)
        return store_fail(L, ptr, rc);
    L->st.skills++;
    return MC_OK;
}

/* The achievement a program awards; its issuer defaults to the program's institution. */
static enum mc_rc load_achievement(struct loader *L, json_t *v, const char *ptr,
                                   int64_t default_issuer, int64_t *id_out)
{
    static const char *const keys[] = {
        "slug",        "name",          "description",       "criteria",      "type",
        "image",       "outcomes",      "workload_hours",    "ects",          "eqf_level",
        "assessment",  "participation", "quality_assurance", "prerequisites", "language",
        "supervision", "stackable",     "validity_days",     "skills",        "issuer",
        NULL,
    };
    struct mc_achievement a = { .version = L->achievement_version ? L->achievement_version : 1,
                                .status = MC_STATUS_PUBLISHED,
                                .is_demo = !L->not_demo };
    const char *issuer = NULL;
    json_t *outcomes;
    int e_participation = 0;
    int e_supervision = 0;
    enum mc_rc rc = need_object(L, v, ptr);
    if (!rc)
        rc = check_keys(L, v, ptr, keys);
    if (!rc)
        rc = get_str(L, v, ptr, "slug", true, &a.slug);
    if (!rc)
        rc = get_str(L, v, ptr, "name", true, &a.name);
    if (!rc)
        rc = get_str(L, v, ptr, "description", true, &a.description);
    if (!rc)
        rc = get_str(L, v, ptr, "criteria", true, &a.criteria);
    if (!rc)
        rc = get_str(L, v, ptr, "type", true, &a.achievement_type);
    if (!rc)
        rc = get_str(L, v, ptr, "image", false, &a.image_url);
    if (!rc)
        rc = get_array(L, v, ptr, "outcomes", true, &outcomes);
    if (!rc)
        rc = get_num(L, v, ptr, "workload_hours", false, 0, 100000, -1, &a.workload_hours);
    if (!rc)
        rc = get_num(L, v, ptr, "ects", false, 0, 1000, -1, &a.ects);
    if (!rc)
        rc = get_int(L, v, ptr, "eqf_level", false, 0, 8, 0, &a.eqf_level);
    if (!rc)
        rc = get_str(L, v, ptr, "assessment", true, &a.assessment_type);
    if (!rc)
        rc = get_enum(L, v, ptr, "participation", true, mc_participation_parse_int,
                      &e_participation);
    if (!rc)
        a.participation = e_participation;
    if (!rc)
        rc = get_str(L, v, ptr, "quality_assurance", true, &a.quality_assurance);
    if (!rc)
        rc = get_str(L, v, ptr, "prerequisites", false, &a.prerequisites);
    if (!rc)
        rc = get_str(L, v, ptr, "language", true, &a.language);
    if (!rc)
        rc = get_enum(L, v, ptr, "supervision", true, mc_supervision_parse_int, &e_supervision);
    if (!rc)
        a.supervision = e_supervision;
    if (!rc)
        rc = get_bool(L, v, ptr, "stackable", false, &a.stackable);
    if (!rc)
        rc = get_int(L, v, ptr, "validity_days", false, 0, 36500, 0, &a.validity_days);
    if (!rc)
        rc = get_skills(L, v, ptr, &a.skill_ids, &a.n_skills);
    if (!rc)
        rc = get_str(L, v, ptr, "issuer", false, &issuer);
    if (rc)
        return rc;
    a.issuer_org_id = default_issuer;
    if (issuer) {
        rc = org_id(L, at(L, ptr, "issuer"), issuer, &a.issuer_org_id);
        if (rc)
            return rc;
    }
    a.n_outcomes = json_array_size(outcomes);
    if (a.n_outcomes == 0)
        return fail(L, at(L, ptr, "outcomes"),
                    "an achievement needs at least one learning "
                    "outcome (an EU standard element)");
    a.outcomes = mc_arena_calloc(L->arena, a.n_outcomes, sizeof *a.outcomes);
    for (size_t i = 0; i < a.n_outcomes; i++) {
        json_t *o = json_array_get(outcomes, i);
        if (!json_is_string(o) || json_string_length(o) == 0)
            return fail(L, at_i(L, at(L, ptr, "outcomes"), i), "expected a non-empty string");
        a.outcomes[i] = json_string_value(o);
    }
    rc = mc_store_achievement_put(L->s, &a, L->e);
    if (rc)
        return store_fail(L, ptr, rc);
    L->st.achievements++;
    *id_out = a.id;
    return MC_OK;
}

static enum mc_rc load_question(struct loader *L, json_t *v, const char *ptr, struct mc_question *q)
{
    static const char *const keys[] = { "kind",   "prompt",    "points", "options",
                                        "answer", "tolerance", NULL };
    json_t *options;
    memset(q, 0, sizeof *q);
    int e_kind = 0;
    enum mc_rc rc = need_object(L, v, ptr);
    if (!rc)
        rc = check_keys(L, v, ptr, keys);
    if (!rc)
        rc = get_enum(L, v, ptr, "kind", true, mc_question_kind_parse_int, &e_kind);
    if (!rc)
        q->kind = e_kind;
    if (!rc)
        rc = get_str(L, v, ptr, "prompt", true, &q->prompt);
    if (!rc)
        rc = get_num(L, v, ptr, "points", false, 0, 1000, 1, &q->points);
    if (!rc)
        rc = get_array(L, v, ptr, "options", q->kind != MC_QUESTION_NUMERIC, &options);
    if (rc)
        return rc;
    if (q->kind == MC_QUESTION_NUMERIC) {
        rc = get_num(L, v, ptr, "answer", true, -1e15, 1e15, 0, &q->numeric_answer);
        if (!rc)
            rc = get_num(L, v, ptr, "tolerance", false, 0, 1e15, 0, &q->numeric_tolerance);
        return rc;
    }
    q->n_options = json_array_size(options);
    q->options = mc_arena_calloc(L->arena, q->n_options + 1, sizeof *q->options);
    size_t correct = 0;
    for (size_t i = 0; i < q->n_options; i++) {
        static const char *const okeys[] = { "text", "correct", NULL };
        json_t *o = json_array_get(options, i);
        const char *p = at_i(L, at(L, ptr, "options"), i);
        rc = need_object(L, o, p);
        if (!rc)
            rc = check_keys(L, o, p, okeys);
        if (!rc)
            rc = get_str(L, o, p, "text", true, &q->options[i].text);
        if (!rc)
            rc = get_bool(L, o, p, "correct", false, &q->options[i].correct);
        if (rc)
            return rc;
        correct += q->options[i].correct;
    }
    if (q->n_options < 2)
        return fail(L, at(L, ptr, "options"), "a choice question needs at least two options");
    if (q->kind == MC_QUESTION_SINGLE && correct != 1)
        return fail(L, at(L, ptr, "options"),
                    "a single-choice question needs exactly one correct option, not %zu", correct);
    if (q->kind == MC_QUESTION_MULTIPLE && correct < 1)
        return fail(L, at(L, ptr, "options"), "mark at least one option correct");
    return MC_OK;
}

static enum mc_rc load_assessment(struct loader *L, json_t *v, const char *ptr, int64_t course_id)
{
    static const char *const keys[] = { "kind",      "title",        "instructions",
                                        "pass_mark", "max_attempts", "weight",
                                        "questions", "rubric",       NULL };
    struct mc_assessment a = { .course_id = course_id };
    json_t *questions, *rubric;
    int e_kind = 0;
    enum mc_rc rc = need_object(L, v, ptr);
    if (!rc)
        rc = check_keys(L, v, ptr, keys);
    if (!rc)
        rc = get_enum(L, v, ptr, "kind", true, mc_assessment_kind_parse_int, &e_kind);
    if (!rc)
        a.kind = e_kind;
    if (!rc)
        rc = get_str(L, v, ptr, "title", true, &a.title);
    if (!rc)
        rc = get_str(L, v, ptr, "instructions", true, &a.instructions);
    if (!rc)
        rc = get_num(L, v, ptr, "pass_mark", true, 0, 100, 0, &a.pass_mark);
    if (!rc)
        rc = get_int(L, v, ptr, "max_attempts", false, 0, 100, 0, &a.max_attempts);
    if (!rc)
        rc = get_num(L, v, ptr, "weight", true, 0, 1, 0, &a.weight);
    if (!rc)
        rc = get_array(L, v, ptr, "questions", a.kind == MC_ASSESS_TEST, &questions);
    if (!rc)
        rc = get_array(L, v, ptr, "rubric", a.kind != MC_ASSESS_TEST, &rubric);
    if (rc)
        return rc;
    if (a.kind == MC_ASSESS_TEST) {
        a.n_questions = json_array_size(questions);
        if (a.n_questions == 0)
            return fail(L, at(L, ptr, "questions"), "a test needs at least one question");
        a.questions = mc_arena_calloc(L->arena, a.n_questions, sizeof *a.questions);
        for (size_t i = 0; i < a.n_questions; i++) {
            rc = load_question(L, json_array_get(questions, i), at_i(L, at(L, ptr, "questions"), i),
                               &a.questions[i]);
            if (rc)
                return rc;
        }
        L->st.questions += a.n_questions;
    } else {
        a.n_rubric = json_array_size(rubric);
        if (a.n_rubric == 0)
            return fail(L, at(L, ptr, "rubric"), "a project or essay needs a rubric");
        a.rubric = mc_arena_calloc(L->arena, a.n_rubric, sizeof *a.rubric);
        for (size_t i = 0; i < a.n_rubric; i++) {
            static const char *const rkeys[] = { "name", "description", "max_points", NULL };
            json_t *r = json_array_get(rubric, i);
            const char *p = at_i(L, at(L, ptr, "rubric"), i);
            rc = need_object(L, r, p);
            if (!rc)
                rc = check_keys(L, r, p, rkeys);
            if (!rc)
                rc = get_str(L, r, p, "name", true, &a.rubric[i].name);
            if (!rc)
                rc = get_str(L, r, p, "description", true, &a.rubric[i].description);
            if (!rc)
                rc = get_num(L, r, p, "max_points", true, 0, 1000, 0, &a.rubric[i].max_points);
            if (rc)
                return rc;
        }
    }
    rc = mc_store_assessment_put(L->s, &a, L->e);
    if (rc)
        return store_fail(L, ptr, rc);
    L->st.assessments++;
    return MC_OK;
}

static enum mc_rc load_course(struct loader *L, json_t *v, const char *ptr, int64_t default_org,
                              int64_t *id_out)
{
    static const char *const keys[] = { "slug",           "title", "description", "duration_weeks",
                                        "workload_hours", "org",   "assessments", NULL };
    struct mc_course c = { .org_id = default_org, .is_demo = !L->not_demo };
    const char *org = NULL;
    json_t *assessments;
    enum mc_rc rc = need_object(L, v, ptr);
    if (!rc)
        rc = check_keys(L, v, ptr, keys);
    if (!rc)
        rc = get_str(L, v, ptr, "slug", true, &c.slug);
    if (!rc)
        rc = get_str(L, v, ptr, "title", true, &c.title);
    if (!rc)
        rc = get_str(L, v, ptr, "description", true, &c.description);
    if (!rc)
        rc = get_int(L, v, ptr, "duration_weeks", true, 1, 520, 0, &c.duration_weeks);
    if (!rc)
        rc = get_num(L, v, ptr, "workload_hours", false, 0, 100000, -1, &c.workload_hours);
    if (!rc)
        rc = get_str(L, v, ptr, "org", false, &org);
    if (!rc)
        rc = get_array(L, v, ptr, "assessments", true, &assessments);
    if (!rc && org)
        rc = org_id(L, at(L, ptr, "org"), org, &c.org_id);
    if (rc)
        return rc;
    if (json_array_size(assessments) == 0)
        return fail(L, at(L, ptr, "assessments"), "a course needs at least one assessment");
    rc = mc_store_course_put(L->s, &c, L->e);
    if (rc)
        return store_fail(L, ptr, rc);
    L->st.courses++;
    size_t i;
    json_t *a;
    json_array_foreach (assessments, i, a) {
        rc = load_assessment(L, a, at_i(L, at(L, ptr, "assessments"), i), c.id);
        if (rc)
            return rc;
    }
    *id_out = c.id;
    return MC_OK;
}

static enum mc_rc load_price(struct loader *L, json_t *v, const char *ptr, struct mc_program *p)
{
    static const char *const keys[] = { "amount", "currency", "model", "note", NULL };
    double amount;
    int e_model = 0;
    enum mc_rc rc = need_object(L, v, ptr);
    if (!rc)
        rc = check_keys(L, v, ptr, keys);
    if (!rc)
        rc = get_num(L, v, ptr, "amount", true, 0, 1e9, 0, &amount);
    if (!rc)
        rc = get_str(L, v, ptr, "currency", true, &p->currency);
    if (!rc)
        rc = get_enum(L, v, ptr, "model", true, mc_price_model_parse_int, &e_model);
    if (!rc)
        p->price_model = e_model;
    if (!rc)
        rc = get_str(L, v, ptr, "note", false, &p->price_note);
    if (rc)
        return rc;
    p->price_cents = (int64_t)llround(amount * 100);
    return MC_OK;
}

static enum mc_rc load_terms(struct loader *L, json_t *v, const char *ptr, struct mc_program *p)
{
    static const char *const keys[] = { "free_audit", "trial_days", "refund_days", "financial_aid",
                                        NULL };
    if (!v)
        return MC_OK;
    enum mc_rc rc = need_object(L, v, ptr);
    if (!rc)
        rc = check_keys(L, v, ptr, keys);
    if (!rc)
        rc = get_bool(L, v, ptr, "free_audit", false, &p->free_audit);
    if (!rc)
        rc = get_int(L, v, ptr, "trial_days", false, 0, 365, 0, &p->trial_days);
    if (!rc)
        rc = get_int(L, v, ptr, "refund_days", false, 0, 365, 0, &p->refund_days);
    if (!rc)
        rc = get_bool(L, v, ptr, "financial_aid", false, &p->financial_aid);
    return rc;
}

static enum mc_rc load_program(struct loader *L, json_t *v, const char *ptr)
{
    static const char *const keys[] = {
        "slug",        "type",           "title",          "summary", "description", "platform",
        "institution", "duration_weeks", "hours_per_week", "level",   "language",    "price",
        "terms",       "skills",         "achievement",    "courses", NULL,
    };
    struct mc_program p = { .status = MC_STATUS_PUBLISHED, .is_demo = !L->not_demo };
    const char *platform, *institution;
    json_t *courses, *ach;
    int e_type = 0;
    enum mc_rc rc = need_object(L, v, ptr);
    if (!rc)
        rc = check_keys(L, v, ptr, keys);
    if (!rc)
        rc = get_str(L, v, ptr, "slug", true, &p.slug);
    if (!rc)
        rc = get_enum(L, v, ptr, "type", true, mc_program_type_parse_int, &e_type);
    if (!rc)
        p.type = e_type;
    if (!rc)
        rc = get_str(L, v, ptr, "title", true, &p.title);
    if (!rc)
        rc = get_str(L, v, ptr, "summary", true, &p.summary);
    if (!rc)
        rc = get_str(L, v, ptr, "description", false, &p.description);
    if (!rc)
        rc = get_str(L, v, ptr, "platform", true, &platform);
    if (!rc)
        rc = get_str(L, v, ptr, "institution", true, &institution);
    if (!rc)
        rc = get_int(L, v, ptr, "duration_weeks", true, 1, 520, 0, &p.duration_weeks);
    if (!rc)
        rc = get_num(L, v, ptr, "hours_per_week", false, 0, 80, -1, &p.hours_per_week);
    if (!rc)
        rc = get_str(L, v, ptr, "level", false, &p.level);
    if (!rc)
        rc = get_str(L, v, ptr, "language", true, &p.language);
    if (!rc)
        rc = load_price(L, json_object_get(v, "price"), at(L, ptr, "price"), &p);
    if (!rc)
        rc = load_terms(L, json_object_get(v, "terms"), at(L, ptr, "terms"), &p);
    if (!rc)
        rc = get_skills(L, v, ptr, &p.skill_ids, &p.n_skills);
    if (!rc)
        rc = get_array(L, v, ptr, "courses", true, &courses);
    if (!rc)
        rc = org_id(L, at(L, ptr, "platform"), platform, &p.platform_org_id);
    if (!rc)
        rc = org_id(L, at(L, ptr, "institution"), institution, &p.institution_org_id);
    if (rc)
        return rc;
    if (L->only_institution && p.institution_org_id != L->only_institution)
        return fail(L, at(L, ptr, "institution"),
                    "'%s' is another organisation: a provider adds its own programs only",
                    institution);
    ach = json_object_get(v, "achievement");
    if (!ach)
        return fail(L, at(L, ptr, "achievement"), "required, and missing");
    rc = load_achievement(L, ach, at(L, ptr, "achievement"), p.institution_org_id,
                          &p.achievement_id);
    if (rc)
        return rc;
    p.n_parts = json_array_size(courses);
    if (p.n_parts == 0)
        return fail(L, at(L, ptr, "courses"), "a program needs at least one course");
    p.parts = mc_arena_calloc(L->arena, p.n_parts, sizeof *p.parts);
    for (size_t i = 0; i < p.n_parts; i++) {
        rc = load_course(L, json_array_get(courses, i), at_i(L, at(L, ptr, "courses"), i),
                         p.institution_org_id, &p.parts[i].course_id);
        if (rc)
            return rc;
        p.parts[i].required = true;
    }
    rc = mc_store_program_put(L->s, &p, L->e);
    if (rc)
        return store_fail(L, ptr, rc);
    L->st.programs++;
    return MC_OK;
}

/* A job role: the skills it requires, each {"skill", "level"}, and the organisation it belongs
 * to (none: a general role). Its skills and organisation must be loaded already. */
static enum mc_rc load_role(struct loader *L, json_t *v, const char *ptr)
{
    static const char *const keys[] = { "slug",         "title",  "description",
                                        "organisation", "skills", NULL };
    static const char *const skill_keys[] = { "skill", "level", NULL };
    struct mc_job_role r = { .is_demo = !L->not_demo };
    const char *org = NULL;
    json_t *arr = NULL;
    enum mc_rc rc = need_object(L, v, ptr);
    if (!rc)
        rc = check_keys(L, v, ptr, keys);
    if (!rc)
        rc = get_str(L, v, ptr, "slug", true, &r.slug);
    if (!rc)
        rc = get_str(L, v, ptr, "title", true, &r.title);
    if (!rc)
        rc = get_str(L, v, ptr, "description", false, &r.description);
    if (!rc)
        rc = get_str(L, v, ptr, "organisation", false, &org);
    if (!rc && org)
        rc = org_id(L, at(L, ptr, "organisation"), org, &r.org_id);
    if (!rc)
        rc = get_array(L, v, ptr, "skills", true, &arr);
    if (!rc && (json_array_size(arr) == 0 || json_array_size(arr) > MC_JOB_ROLE_SKILLS_MAX))
        rc = fail(L, at(L, ptr, "skills"), "a role lists 1 to %d skills", MC_JOB_ROLE_SKILLS_MAX);
    if (rc)
        return rc;
    struct mc_job_role_skill *skills =
            mc_arena_calloc(L->arena, json_array_size(arr), sizeof *skills);
    size_t i;
    json_t *k;
    json_array_foreach (arr, i, k) {
        const char *p = at_i(L, at(L, ptr, "skills"), i);
        const char *slug = NULL;
        rc = need_object(L, k, p);
        if (!rc)
            rc = check_keys(L, k, p, skill_keys);
        if (!rc)
            rc = get_str(L, k, p, "skill", true, &slug);
        if (!rc)
            rc = get_int(L, k, p, "level", false, 1, 5, 1, &skills[i].level);
        if (rc)
            return rc;
        struct mc_skill sk;
        struct mc_err se;
        if (mc_store_skill_get(L->s, slug, L->arena, &sk, &se))
            return fail(L, at(L, p, "skill"), "no skill \"%s\" (skills are defined in skills.json)",
                        slug);
        skills[i].skill_id = sk.id;
    }
    r.skills = skills;
    r.n_skills = json_array_size(arr);
    rc = mc_store_job_role_put(L->s, &r, L->e);
    if (rc)
        return store_fail(L, ptr, rc);
    L->st.roles++;
    return MC_OK;
}

/* Load one section ("organisations", ...) of a file with `fn` per element. */
static enum mc_rc load_section(struct loader *L, json_t *root, const char *key,
                               enum mc_rc (*fn)(struct loader *, json_t *, const char *))
{
    json_t *arr;
    enum mc_rc rc = get_array(L, root, "", key, false, &arr);
    if (rc || !arr)
        return rc;
    size_t i;
    json_t *v;
    json_array_foreach (arr, i, v) {
        rc = fn(L, v, at_i(L, at(L, "", key), i));
        if (rc)
            return rc;
    }
    return MC_OK;
}

static enum mc_rc load_file(struct loader *L, const char *name, const char *data, size_t len)
{
    static const char *const keys[] = { "organisations", "frameworks", "skills", "programs",
                                        "roles",         "about",      NULL };
    L->file = name;
    json_error_t je;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        mc_err_set(L->e, MC_ERR_INVALID, "%s:%d:%d: %s", name, je.line, je.column, je.text);
        mc_err_where(L->e, "%s:%d:%d", name, je.line, je.column);
        return MC_ERR_INVALID;
    }
    enum mc_rc rc = need_object(L, root, "");
    if (!rc)
        rc = check_keys(L, root, "", keys);
    if (!rc)
        rc = load_section(L, root, "organisations", load_org);
    if (!rc)
        rc = load_section(L, root, "frameworks", load_framework);
    if (!rc)
        rc = load_section(L, root, "skills", load_skill);
    if (!rc)
        rc = load_section(L, root, "programs", load_program);
    if (!rc)
        rc = load_section(L, root, "roles", load_role);
    json_decref(root);
    return rc;
}

enum mc_rc mc_app_demo_is_loaded(struct mc_store *s, bool *loaded, struct mc_err *e)
{
    int64_t n = 0;
    enum mc_rc rc = mc_store_demo_org_count(s, &n, e);
    *loaded = n > 0;
    return rc;
}

/* A file to load: its name and bytes (borrowed). */
struct seed_file {
    const char *name;
    const char *data;
    size_t len;
};

/* orgs.json first, then skills.json, then the rest in the order given (sorted by name). */
static int file_rank(const char *name)
{
    if (strcmp(name, "orgs.json") == 0)
        return 0;
    if (strcmp(name, "skills.json") == 0)
        return 1;
    return 2;
}

static enum mc_rc load_files(struct mc_store *s, const struct seed_file *files, size_t n,
                             struct mc_demo_stats *stats, struct mc_err *e)
{
    bool loaded = false;
    enum mc_rc rc = mc_app_demo_is_loaded(s, &loaded, e);
    if (rc)
        return rc;
    if (loaded)
        return mc_err_set(e, MC_ERR_CONFLICT, "the demo data is loaded already");
    if (n == 0)
        return mc_err_set(e, MC_ERR_NOT_FOUND, "there are no .json files to load");
    struct loader L = { .s = s, .arena = mc_arena_new(64 * 1024), .e = e };
    rc = mc_store_begin(s, e);
    if (rc)
        goto out;
    for (int rank = 0; rank <= 2 && !rc; rank++)
        for (size_t i = 0; i < n && !rc; i++)
            if (file_rank(files[i].name) == rank)
                rc = load_file(&L, files[i].name, files[i].data, files[i].len);
    if (rc) {
        mc_store_rollback(s);
        goto out;
    }
    rc = mc_store_commit(s, e);
    if (!rc && stats)
        *stats = L.st;
out:
    mc_arena_free(L.arena);
    return rc;
}

enum mc_rc mc_app_demo_load(struct mc_store *s, const struct mc_embed_dir *dir,
                            struct mc_demo_stats *stats, struct mc_err *e)
{
    struct seed_file *files = mc_xcalloc(dir->count + 1, sizeof *files);
    size_t n = 0;
    for (size_t i = 0; i < dir->count; i++) {
        const char *name = dir->files[i].path;
        size_t len = strlen(name);
        if (len < 5 || strcmp(name + len - 5, ".json") != 0)
            continue;
        files[n++] =
                (struct seed_file){ name, (const char *)dir->files[i].data, dir->files[i].len };
    }
    enum mc_rc rc = load_files(s, files, n, stats, e);
    free(files);
    return rc;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(((const struct seed_file *)a)->name, ((const struct seed_file *)b)->name);
}

enum mc_rc mc_app_demo_load_dir(struct mc_store *s, const char *path, struct mc_demo_stats *stats,
                                struct mc_err *e)
{
    DIR *d = opendir(path);
    if (!d)
        return mc_err_set(e, MC_ERR_IO, "cannot open the directory %s: %s", path, strerror(errno));
    struct seed_file *files = NULL;
    size_t n = 0, cap = 0;
    enum mc_rc rc = MC_OK;
    for (;;) {
        struct dirent *de = readdir(d);
        if (!de)
            break;
        size_t len = strlen(de->d_name);
        if (len < 5 || strcmp(de->d_name + len - 5, ".json") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            files = mc_xreallocarray(files, cap, sizeof *files);
        }
        char *full = mc_xasprintf("%s/%s", path, de->d_name);
        char *data = NULL;
        size_t dlen = 0;
        rc = mc_file_read(full, FILE_MAX, &data, &dlen, e);
        free(full);
        if (rc)
            break;
        files[n++] = (struct seed_file){ mc_xstrdup(de->d_name), data, dlen };
    }
    closedir(d);
    if (!rc) {
        qsort(files, n, sizeof *files, cmp_names);
        rc = load_files(s, files, n, stats, e);
    }
    for (size_t i = 0; i < n; i++) {
        free((char *)files[i].name);
        free((char *)files[i].data);
    }
    free(files);
    return rc;
}

enum mc_rc mc_app_catalog_add_program(struct mc_store *s, const json_t *program,
                                      int64_t institution_org_id, int64_t *program_id,
                                      struct mc_err *e)
{
    struct loader L = {
        .s = s,
        .arena = mc_arena_new(16 * 1024),
        .file = "program",
        .e = e,
        .not_demo = true,
        .only_institution = institution_org_id,
    };
    enum mc_rc rc = load_program(&L, (json_t *)program, "");
    if (!rc && program_id) {
        struct mc_program p;
        rc = mc_store_program_get(s, json_string_value(json_object_get(program, "slug")), L.arena,
                                  &p, e);
        if (!rc)
            *program_id = p.id;
    }
    mc_arena_free(L.arena);
    return rc;
}

enum mc_rc mc_app_catalog_edit_achievement(struct mc_store *s, const json_t *achievement,
                                           int64_t institution_org_id, int64_t *new_id,
                                           int *new_version, struct mc_err *e)
{
    const char *slug = json_string_value(json_object_get(achievement, "slug"));
    if (!slug) {
        mc_err_set(e, MC_ERR_INVALID, "achievement: /slug: required, and missing");
        mc_err_where(e, "achievement: /slug");
        return MC_ERR_INVALID;
    }
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_achievement old;
    enum mc_rc rc = mc_store_achievement_get(s, slug, 0, arena, &old, e);
    if (!rc && old.issuer_org_id != institution_org_id)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no achievement '%.100s'", slug);
    if (rc) {
        mc_arena_free(arena);
        return rc;
    }
    struct loader L = {
        .s = s,
        .arena = mc_arena_new(16 * 1024),
        .file = "achievement",
        .e = e,
        .not_demo = true,
        .achievement_version = old.version + 1,
    };
    int64_t id = 0;
    rc = load_achievement(&L, (json_t *)achievement, "", institution_org_id, &id);
    if (!rc)
        rc = mc_store_achievement_repoint(s, old.id, id, e);
    if (!rc) {
        *new_id = id;
        *new_version = old.version + 1;
    }
    mc_arena_free(L.arena);
    mc_arena_free(arena);
    return rc;
}
