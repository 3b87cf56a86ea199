/* SPDX-License-Identifier: Apache-2.0 */
/* The learning service: enrolling, tests, projects and essays, grading, automatic awards. */
#include "app/learning.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/time.h"
#include "crypto/digest.h"

/* --- one call's state --- */

/* What one service call carries: the environment, a scratch arena freed at the end, and what it
 * completed and awarded, reported only after the commit. */
struct call {
    const struct mc_issuer_env *env;
    struct mc_store *s;
    struct mc_arena *arena;
    int64_t now;
    int64_t actor_user_id;
    int64_t *completed;
    size_t n_completed, cap_completed;
    struct mc_learning_award *awards;
    size_t n_awards, cap_awards;
};

static void call_init(struct call *c, const struct mc_issuer_env *env, int64_t actor)
{
    memset(c, 0, sizeof *c);
    c->env = env;
    c->s = env->store;
    c->arena = mc_arena_new(0);
    c->now = env->now ? env->now : mc_time_now();
    c->actor_user_id = actor;
}

static void call_free(struct call *c)
{
    free(c->completed);
    free(c->awards);
    mc_arena_free(c->arena);
}

static void note_completed(struct call *c, int64_t enrollment_id)
{
    if (c->n_completed == c->cap_completed) {
        c->cap_completed = c->cap_completed ? c->cap_completed * 2 : 4;
        c->completed = mc_xreallocarray(c->completed, c->cap_completed, sizeof *c->completed);
    }
    c->completed[c->n_completed++] = enrollment_id;
}

static struct mc_learning_award *note_award(struct call *c)
{
    if (c->n_awards == c->cap_awards) {
        c->cap_awards = c->cap_awards ? c->cap_awards * 2 : 4;
        c->awards = mc_xreallocarray(c->awards, c->cap_awards, sizeof *c->awards);
    }
    struct mc_learning_award *a = &c->awards[c->n_awards++];
    memset(a, 0, sizeof *a);
    return a;
}

/* Commit, then (only then) copy what was completed and awarded into the caller's arena. */
static enum mc_rc commit(struct call *c, struct mc_arena *arena, struct mc_learning_outcome *out,
                         struct mc_err *e)
{
    enum mc_rc rc = mc_store_commit(c->s, e);
    if (rc || !out)
        return rc;
    if (c->n_completed) {
        out->completed_enrollments = mc_arena_calloc(arena, c->n_completed, sizeof(int64_t));
        memcpy(out->completed_enrollments, c->completed, c->n_completed * sizeof(int64_t));
        out->n_completed = c->n_completed;
    }
    if (c->n_awards) {
        out->awards = mc_arena_calloc(arena, c->n_awards, sizeof *out->awards);
        memcpy(out->awards, c->awards, c->n_awards * sizeof *out->awards);
        out->n_awards = c->n_awards;
    }
    return MC_OK;
}

static enum mc_rc audit(struct call *c, int64_t org_id, const char *action, const char *type,
                        int64_t target, json_t *detail, struct mc_err *e)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)target);
    char *text = detail ? json_dumps(detail, JSON_COMPACT) : NULL;
    json_decref(detail);
    struct mc_audit_entry a = {
        .at = c->now,
        .actor_user_id = c->actor_user_id,
        .org_id = org_id,
        .action = action,
        .target_type = type,
        .target_id = id,
        .detail_json = text,
    };
    enum mc_rc rc = mc_store_audit_append(c->s, &a, e);
    free(text);
    return rc;
}

static bool enrollment_open(const struct mc_enrollment *en)
{
    return en->status == MC_ENROLL_ACTIVE || en->status == MC_ENROLL_COMPLETED;
}

/* --- what includes what --- */

/* Whether program `program_id` includes course `course_id`, directly or through its child
 * programs. */
static enum mc_rc program_includes(struct call *c, int64_t program_id, int64_t course_id, int depth,
                                   bool *out, struct mc_err *e)
{
    *out = false;
    if (depth >= MC_LEARNING_NESTING_MAX)
        return mc_err_set(e, MC_ERR_TOO_LARGE,
                          "program %lld nests programs more than %d deep (or in a cycle)",
                          (long long)program_id, MC_LEARNING_NESTING_MAX);
    struct mc_program p;
    enum mc_rc rc = mc_store_program_get_by_id(c->s, program_id, c->arena, &p, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < p.n_parts && !*out; i++) {
        if (p.parts[i].course_id == course_id)
            *out = true;
        else if (p.parts[i].child_program_id) {
            rc = program_includes(c, p.parts[i].child_program_id, course_id, depth + 1, out, e);
            if (rc)
                return rc;
        }
    }
    return MC_OK;
}

/*
 * The enrollment under which a learner takes course `course`: their own enrollment in it, or
 * else the first enrollment in a program that includes it; withdrawn, refunded and expired ones
 * do not count. `*out` is zeroed when there is none. `*audit_only` says the only ones found are
 * audit enrollments (which take no graded assessments).
 */
static enum mc_rc covering_enrollment(struct call *c, int64_t learner, int64_t course_id,
                                      struct mc_enrollment *out, bool *audit_only, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    *audit_only = false;
    struct mc_enrollment *list = NULL;
    size_t n = 0;
    enum mc_rc rc = mc_store_enrollment_list(c->s, learner, c->arena, &list, &n, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        if (list[i].course_id == course_id && enrollment_open(&list[i])) {
            if (!list[i].audit_only) {
                *out = list[i];
                return MC_OK;
            }
            *audit_only = true;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!list[i].program_id || !enrollment_open(&list[i]))
            continue;
        bool in = false;
        rc = program_includes(c, list[i].program_id, course_id, 0, &in, e);
        if (rc)
            return rc;
        if (!in)
            continue;
        if (!list[i].audit_only) {
            *out = list[i];
            return MC_OK;
        }
        *audit_only = true;
    }
    return MC_OK;
}

/* --- completion --- */

/* A learner's standing in a course, with the best results behind it (arena). */
struct course_state {
    struct mc_course course;
    struct mc_assessment *assessments;
    struct mc_best_result *best; /* parallel to assessments */
    size_t n;
    struct mc_course_standing standing;
};

static enum mc_rc course_state(struct call *c, int64_t learner, int64_t course_id,
                               struct course_state *out, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_store_course_get_by_id(c->s, course_id, c->arena, &out->course, e);
    if (!rc)
        rc = mc_store_assessment_list(c->s, course_id, c->arena, &out->assessments, &out->n, e);
    size_t n_best = 0;
    if (!rc)
        rc = mc_store_best_results(c->s, learner, course_id, c->arena, &out->best, &n_best, e);
    if (rc)
        return rc;
    if (n_best != out->n)
        return mc_err_set(e, MC_ERR_INTERNAL, "course %lld changed while it was read",
                          (long long)course_id);
    struct mc_assessment_standing *st =
            out->n ? mc_arena_calloc(c->arena, out->n, sizeof *st) : NULL;
    for (size_t i = 0; i < out->n; i++) {
        if (out->best[i].assessment_id != out->assessments[i].id)
            return mc_err_set(e, MC_ERR_INTERNAL, "course %lld changed while it was read",
                              (long long)course_id);
        st[i].weight = out->assessments[i].weight;
        st[i].best_score = out->best[i].score;
        st[i].passed = out->best[i].passed;
    }
    mc_grade_course(st, out->n, &out->standing);
    return MC_OK;
}

/* Whether a program is complete for a learner (core/grading.h: every required part). */
static enum mc_rc program_complete(struct call *c, int64_t learner, int64_t program_id, int depth,
                                   bool *out, double *grade, struct mc_err *e)
{
    *out = false;
    if (grade)
        *grade = -1;
    if (depth >= MC_LEARNING_NESTING_MAX)
        return mc_err_set(e, MC_ERR_TOO_LARGE,
                          "program %lld nests programs more than %d deep (or in a cycle)",
                          (long long)program_id, MC_LEARNING_NESTING_MAX);
    struct mc_program p;
    enum mc_rc rc = mc_store_program_get_by_id(c->s, program_id, c->arena, &p, e);
    if (rc)
        return rc;
    struct mc_part_standing *parts =
            p.n_parts ? mc_arena_calloc(c->arena, p.n_parts, sizeof *parts) : NULL;
    double sum = 0;
    size_t courses = 0;
    for (size_t i = 0; i < p.n_parts; i++) {
        const struct mc_program_part *pt = &p.parts[i];
        parts[i].required = pt->required;
        if (!pt->required)
            continue; /* optional parts do not decide completion */
        if (pt->course_id) {
            struct course_state cs;
            rc = course_state(c, learner, pt->course_id, &cs, e);
            if (rc)
                return rc;
            parts[i].complete = cs.standing.complete;
            sum += cs.standing.grade;
            courses++;
        } else if (pt->child_program_id) {
            rc = program_complete(c, learner, pt->child_program_id, depth + 1, &parts[i].complete,
                                  NULL, e);
        } else {
            rc = mc_store_user_holds_achievement(c->s, learner, pt->achievement_id,
                                                 &parts[i].complete, e);
        }
        if (rc)
            return rc;
    }
    *out = mc_grade_program_complete(parts, p.n_parts);
    if (grade && courses)
        *grade = sum / (double)courses;
    return MC_OK;
}

/* --- awarding --- */

/*
 * Issue achievement `achievement_id` to the learner, in the caller's transaction, unless they
 * hold it already. The idempotency key "enrollment:<id>:achievement:<id>" makes a repeat give
 * back the first credential, so a re-grade never issues twice.
 */
static enum mc_rc award(struct call *c, const struct mc_user *learner, int64_t achievement_id,
                        int64_t enrollment_id, const struct mc_ob3_result *result,
                        const struct mc_ob3_evidence *evidence, size_t n_evidence,
                        int64_t course_id, int64_t program_id, struct mc_err *e)
{
    bool holds = false;
    enum mc_rc rc = mc_store_user_holds_achievement(c->s, learner->id, achievement_id, &holds, e);
    if (rc || holds)
        return rc;
    char key[96];
    snprintf(key, sizeof key, "enrollment:%lld:achievement:%lld", (long long)enrollment_id,
             (long long)achievement_id);
    struct mc_issue_request req = {
        .achievement_id = achievement_id,
        .recipient_user_id = learner->id,
        .recipient_email = learner->email,
        .recipient_did = learner->did,
        .recipient_name = learner->name,
        .results = result,
        .n_results = result ? 1 : 0,
        .evidence = evidence,
        .n_evidence = n_evidence,
        .issued_at = c->now,
        .idempotency_key = key,
        .enrollment_id = enrollment_id,
        .actor_user_id = c->actor_user_id,
    };
    struct mc_issue_result res;
    rc = mc_issue_credential_tx(c->env, &req, &res, e);
    if (rc) {
        mc_err_prefix(e, "awarding achievement %lld", (long long)achievement_id);
        return rc;
    }
    if (res.existed)
        return MC_OK;
    struct mc_learning_award *a = note_award(c);
    snprintf(a->credential_id, sizeof a->credential_id, "%s", res.id);
    a->achievement_id = achievement_id;
    a->enrollment_id = enrollment_id;
    a->course_id = course_id;
    a->program_id = program_id;
    return MC_OK;
}

static enum mc_rc mark_completed(struct call *c, const struct mc_enrollment *en, struct mc_err *e)
{
    if (en->status != MC_ENROLL_ACTIVE)
        return MC_OK;
    enum mc_rc rc = mc_store_enrollment_set_status(c->s, en->id, MC_ENROLL_COMPLETED, c->now, e);
    if (!rc)
        note_completed(c, en->id);
    return rc;
}

/* The evidence of a completed course: each assessment's best submission, as its link when it
 * is one, else the submission's page on the platform. */
static size_t course_evidence(struct call *c, const struct course_state *cs,
                              struct mc_ob3_evidence **out)
{
    struct mc_ob3_evidence *ev = cs->n ? mc_arena_calloc(c->arena, cs->n, sizeof *ev) : NULL;
    size_t n = 0;
    for (size_t i = 0; i < cs->n; i++) {
        const struct mc_best_result *b = &cs->best[i];
        if (!b->submission_id)
            continue;
        ev[n].id = b->kind == MC_CONTENT_URL && b->url
                           ? b->url
                           : mc_arena_printf(c->arena, "%s/submissions/%lld", c->env->public_url,
                                             (long long)b->submission_id);
        ev[n].name = cs->assessments[i].title;
        n++;
    }
    *out = ev;
    return n;
}

/*
 * After a result of `learner` in course `course_id` is stored (same transaction): if the course
 * is now complete, mark its enrollment completed and award the course's achievement; then do
 * the same for every program the learner is enrolled in that is now complete. A pass repeats
 * while something new completed, so a program whose part is another program's achievement sees
 * that achievement awarded in the same transaction.
 */
static enum mc_rc after_result(struct call *c, int64_t learner_id, int64_t course_id,
                               struct mc_course_standing *standing, struct mc_err *e)
{
    struct course_state cs;
    enum mc_rc rc = course_state(c, learner_id, course_id, &cs, e);
    if (rc)
        return rc;
    *standing = cs.standing;
    if (!cs.standing.complete)
        return MC_OK;
    struct mc_user learner;
    rc = mc_store_user_get(c->s, learner_id, c->arena, &learner, e);
    if (rc)
        return rc;
    struct mc_enrollment cover;
    bool audit_only = false;
    rc = covering_enrollment(c, learner_id, course_id, &cover, &audit_only, e);
    if (rc || !cover.id)
        return rc; /* withdrawn since: the result stands, nothing is awarded */
    if (cover.course_id == course_id) {
        rc = mark_completed(c, &cover, e);
        if (rc)
            return rc;
    }
    if (cs.course.achievement_id) {
        char grade[16];
        mc_grade_format(cs.standing.grade, grade);
        struct mc_ob3_result result = { mc_arena_strdup(c->arena, grade), "Completed" };
        struct mc_ob3_evidence *ev = NULL;
        size_t n_ev = course_evidence(c, &cs, &ev);
        rc = award(c, &learner, cs.course.achievement_id, cover.id, &result, ev, n_ev, course_id, 0,
                   e);
        if (rc)
            return rc;
    }

    /* Programs: each of the learner's open, non-audit program enrollments. */
    for (int pass = 0; pass < MC_LEARNING_NESTING_MAX; pass++) {
        struct mc_enrollment *list = NULL;
        size_t n = 0;
        rc = mc_store_enrollment_list(c->s, learner_id, c->arena, &list, &n, e);
        if (rc)
            return rc;
        size_t before = c->n_completed;
        for (size_t i = 0; i < n; i++) {
            const struct mc_enrollment *en = &list[i];
            if (!en->program_id || en->audit_only || en->status != MC_ENROLL_ACTIVE)
                continue;
            bool done = false;
            double grade = -1;
            rc = program_complete(c, learner_id, en->program_id, 0, &done, &grade, e);
            if (rc || !done) {
                if (rc)
                    return rc;
                continue;
            }
            rc = mark_completed(c, en, e);
            if (rc)
                return rc;
            struct mc_program p;
            rc = mc_store_program_get_by_id(c->s, en->program_id, c->arena, &p, e);
            if (rc)
                return rc;
            if (!p.achievement_id)
                continue;
            char value[16];
            mc_grade_format(grade, value);
            struct mc_ob3_result result = { grade >= 0 ? mc_arena_strdup(c->arena, value) : NULL,
                                            "Completed" };
            /* Evidence: the best work of each of the program's courses. */
            struct mc_ob3_evidence *ev = NULL;
            size_t n_ev = 0, cap = 0;
            for (size_t k = 0; k < p.n_parts; k++) {
                if (!p.parts[k].course_id)
                    continue;
                struct course_state ps;
                rc = course_state(c, learner_id, p.parts[k].course_id, &ps, e);
                if (rc)
                    return rc;
                struct mc_ob3_evidence *part = NULL;
                size_t n_part = course_evidence(c, &ps, &part);
                ev = mc_arena_grow(c->arena, ev, n_ev, n_part, &cap, sizeof *ev);
                if (n_part)
                    memcpy(ev + n_ev, part, n_part * sizeof *part);
                n_ev += n_part;
            }
            rc = award(c, &learner, p.achievement_id, en->id, &result, ev, n_ev, 0, p.id, e);
            if (rc)
                return rc;
        }
        if (c->n_completed == before)
            break;
    }
    return MC_OK;
}

/* --- enrolling --- */

static enum mc_rc enroll_tx(struct call *c, const struct mc_enroll_request *req, int64_t *id,
                            struct mc_err *e)
{
    struct mc_enrollment en = {
        .learner_user_id = req->learner_user_id,
        .status = MC_ENROLL_ACTIVE,
        .price_model = MC_PRICE_FREE,
        .audit_only = req->audit_only,
        .enrolled_at = c->now,
    };
    int64_t org_id = 0;
    const char *what = NULL;
    enum mc_rc rc;
    if (req->course_slug) {
        struct mc_course course;
        rc = mc_store_course_get(c->s, req->course_slug, c->arena, &course, e);
        if (rc)
            return rc;
        en.course_id = course.id;
        org_id = course.org_id;
        what = course.slug;
    } else {
        struct mc_program p;
        rc = mc_store_program_get(c->s, req->program_slug, c->arena, &p, e);
        if (rc)
            return rc;
        if (p.status != MC_STATUS_PUBLISHED)
            return mc_err_set(e, MC_ERR_INVALID, "program '%s' is %s: it takes no enrollments",
                              p.slug, mc_publish_status_name(p.status));
        if (req->audit_only && !p.free_audit)
            return mc_err_set(e, MC_ERR_INVALID, "program '%s' cannot be audited for free", p.slug);
        en.program_id = p.id;
        if (!req->audit_only) {
            en.price_model = p.price_model;
            en.price_cents = p.price_cents;
            en.currency = p.currency;
        }
        org_id = p.institution_org_id;
        what = p.slug;
    }
    rc = mc_store_enrollment_put(c->s, &en, e);
    if (rc == MC_ERR_CONFLICT)
        return mc_err_set(e, rc, "already enrolled in %s '%s'",
                          req->course_slug ? "course" : "program", what);
    if (rc)
        return rc;
    *id = en.id;
    return audit(c, org_id, "enrollment.create", "enrollment", en.id,
                 json_pack("{s:s, s:s, s:b}", req->course_slug ? "course" : "program", what,
                           "price_model", mc_price_model_name(en.price_model), "audit_only",
                           (int)en.audit_only),
                 e);
}

enum mc_rc mc_learning_enroll(const struct mc_issuer_env *env, const struct mc_enroll_request *req,
                              int64_t *enrollment_id, struct mc_err *e)
{
    *enrollment_id = 0;
    if ((req->course_slug != NULL) == (req->program_slug != NULL))
        return mc_err_set(e, MC_ERR_INVALID, "enroll in exactly one course or program");
    struct call c;
    call_init(&c, env, req->learner_user_id);
    int64_t id = 0;
    enum mc_rc rc = mc_store_begin(c.s, e);
    if (rc) {
        call_free(&c); /* a transaction of the caller's stays as it was */
        return rc;
    }
    rc = enroll_tx(&c, req, &id, e);
    if (!rc)
        rc = commit(&c, NULL, NULL, e);
    if (rc)
        mc_store_rollback(c.s);
    else
        *enrollment_id = id;
    call_free(&c);
    return rc;
}

static enum mc_rc withdraw_tx(struct call *c, int64_t learner, int64_t id, struct mc_err *e)
{
    struct mc_enrollment en;
    enum mc_rc rc = mc_store_enrollment_get(c->s, id, c->arena, &en, e);
    if (rc)
        return rc;
    /* Someone else's enrollment reads as one that does not exist. */
    if (en.learner_user_id != learner)
        return mc_err_set(e, MC_ERR_NOT_FOUND, "no enrollment with id %lld", (long long)id);
    if (en.status != MC_ENROLL_ACTIVE)
        return mc_err_set(e, MC_ERR_CONFLICT,
                          "enrollment %lld is %s: only an active one can be "
                          "withdrawn from",
                          (long long)id, mc_enrollment_status_name(en.status));
    rc = mc_store_enrollment_set_status(c->s, id, MC_ENROLL_WITHDRAWN, c->now, e);
    if (rc)
        return rc;
    return audit(c, 0, "enrollment.withdraw", "enrollment", id, NULL, e);
}

enum mc_rc mc_learning_withdraw(const struct mc_issuer_env *env, int64_t learner_user_id,
                                int64_t enrollment_id, struct mc_err *e)
{
    struct call c;
    call_init(&c, env, learner_user_id);
    enum mc_rc rc = mc_store_begin(c.s, e);
    if (rc) {
        call_free(&c); /* a transaction of the caller's stays as it was */
        return rc;
    }
    rc = withdraw_tx(&c, learner_user_id, enrollment_id, e);
    if (!rc)
        rc = commit(&c, NULL, NULL, e);
    if (rc)
        mc_store_rollback(c.s);
    call_free(&c);
    return rc;
}

/* --- submitting --- */

/*
 * The checks before any attempt: the assessment exists and is of the expected family (a test,
 * or work), the learner is enrolled in its course (not auditing), and an attempt is left.
 */
static enum mc_rc may_attempt(struct call *c, int64_t learner, int64_t assessment_id, bool test,
                              struct mc_assessment *a, struct mc_course *course, struct mc_err *e)
{
    enum mc_rc rc = mc_store_assessment_get(c->s, assessment_id, c->arena, a, e);
    if (rc)
        return rc;
    if (test != (a->kind == MC_ASSESS_TEST))
        return mc_err_set(e, MC_ERR_INVALID, "assessment %lld (%s) %s", (long long)a->id,
                          mc_assessment_kind_name(a->kind),
                          test ? "takes work graded against its rubric, not answers"
                               : "is a test: answer its questions, it takes no work");
    rc = mc_store_course_get_by_id(c->s, a->course_id, c->arena, course, e);
    if (rc)
        return rc;
    struct mc_enrollment cover;
    bool audit_only = false;
    rc = covering_enrollment(c, learner, course->id, &cover, &audit_only, e);
    if (rc)
        return rc;
    if (!cover.id && audit_only)
        return mc_err_set(e, MC_ERR_FORBIDDEN,
                          "an audit enrollment takes no graded assessments: enroll in '%s' "
                          "for a certificate to take '%s'",
                          course->slug, a->title);
    if (!cover.id)
        return mc_err_set(e, MC_ERR_FORBIDDEN,
                          "learner %lld is not enrolled in course '%s' or a program that "
                          "includes it",
                          (long long)learner, course->slug);
    int attempts = 0;
    rc = mc_store_submission_count(c->s, learner, a->id, &attempts, e);
    if (rc)
        return rc;
    return mc_grade_check_attempt(a, attempts, e);
}

static enum mc_rc submit_test_tx(struct call *c, int64_t learner, int64_t assessment_id,
                                 const struct mc_answer *answers, size_t n_answers,
                                 struct mc_learning_outcome *out, struct mc_err *e)
{
    struct mc_assessment a;
    struct mc_course course;
    enum mc_rc rc = may_attempt(c, learner, assessment_id, true, &a, &course, e);
    if (rc)
        return rc;
    double *points = mc_arena_calloc(c->arena, a.n_questions ? a.n_questions : 1, sizeof *points);
    struct mc_grade g;
    rc = mc_grade_test(&a, answers, n_answers, points, &g, e);
    if (rc)
        return rc;
    struct mc_submission sub = {
        .assessment_id = a.id,
        .learner_user_id = learner,
        .kind = MC_CONTENT_ANSWERS,
        .status = MC_SUBMISSION_SUBMITTED,
        .submitted_at = c->now,
    };
    rc = mc_store_submission_put(c->s, &sub, e);
    if (rc)
        return rc;
    struct mc_answer_row *rows = mc_arena_calloc(c->arena, a.n_questions, sizeof *rows);
    for (size_t i = 0; i < a.n_questions; i++) {
        rows[i].question_id = a.questions[i].id;
        if (i < n_answers) {
            rows[i].selected = answers[i].options;
            rows[i].n_selected = answers[i].n_options;
            rows[i].has_value = answers[i].has_value;
            rows[i].numeric_value = answers[i].value;
        }
        rows[i].points = points[i];
    }
    rc = mc_store_answers_put(c->s, sub.id, rows, a.n_questions, e);
    if (rc)
        return rc;
    struct mc_result r = {
        .submission_id = sub.id,
        .score = g.score,
        .passed = g.passed,
        .graded_at = c->now,
    };
    rc = mc_store_result_put(c->s, &r, e);
    if (!rc)
        rc = audit(c, course.org_id, "submission.test", "submission", sub.id,
                   json_pack("{s:I, s:i, s:f, s:b}", "assessment", (json_int_t)a.id, "attempt",
                             sub.attempt, "score", g.score, "passed", (int)g.passed),
                   e);
    if (rc)
        return rc;
    out->submission_id = sub.id;
    out->attempt = sub.attempt;
    out->graded = true;
    out->score = g.score;
    out->passed = g.passed;
    return after_result(c, learner, course.id, &out->course, e);
}

enum mc_rc mc_learning_submit_test(const struct mc_issuer_env *env, int64_t learner_user_id,
                                   int64_t assessment_id, const struct mc_answer *answers,
                                   size_t n_answers, struct mc_arena *arena,
                                   struct mc_learning_outcome *out, struct mc_err *e)
{
    struct mc_learning_outcome o = { 0 };
    memset(out, 0, sizeof *out);
    struct call c;
    call_init(&c, env, learner_user_id);
    enum mc_rc rc = mc_store_begin(c.s, e);
    if (rc) {
        call_free(&c); /* a transaction of the caller's stays as it was */
        return rc;
    }
    rc = submit_test_tx(&c, learner_user_id, assessment_id, answers, n_answers, &o, e);
    if (!rc)
        rc = commit(&c, arena, &o, e);
    if (rc)
        mc_store_rollback(c.s);
    else
        *out = o;
    call_free(&c);
    return rc;
}

static enum mc_rc submit_work_tx(struct call *c, int64_t learner, int64_t assessment_id,
                                 const struct mc_work *w, struct mc_learning_outcome *out,
                                 struct mc_err *e)
{
    if (w->kind != MC_CONTENT_TEXT && w->kind != MC_CONTENT_URL && w->kind != MC_CONTENT_FILE)
        return mc_err_set(e, MC_ERR_INVALID, "work is handed in as text, a URL or a file");
    struct mc_assessment a;
    struct mc_course course;
    enum mc_rc rc = may_attempt(c, learner, assessment_id, false, &a, &course, e);
    if (rc)
        return rc;
    struct mc_submission sub = {
        .assessment_id = a.id,
        .learner_user_id = learner,
        .kind = w->kind,
        .text = w->text,
        .url = w->url,
        .file_name = w->file_name,
        .file_type = w->file_type,
        .file_data = w->file_data,
        .file_len = w->file_len,
        .status = MC_SUBMISSION_SUBMITTED,
        .submitted_at = c->now,
    };
    /* Hash only what the store will accept, so an oversized file is refused before reading. */
    if (w->kind == MC_CONTENT_FILE && w->file_data && w->file_len <= MC_SUBMISSION_FILE_MAX)
        mc_digest(MC_DIGEST_SHA256, w->file_data, w->file_len, sub.file_sha256);
    rc = mc_store_submission_put(c->s, &sub, e);
    if (!rc)
        rc = audit(c, course.org_id, "submission.work", "submission", sub.id,
                   json_pack("{s:I, s:i, s:s}", "assessment", (json_int_t)a.id, "attempt",
                             sub.attempt, "content", mc_content_kind_name(sub.kind)),
                   e);
    if (rc)
        return rc;
    out->submission_id = sub.id;
    out->attempt = sub.attempt;
    /* Nothing is graded yet, but say where the learner stands. */
    struct course_state cs;
    rc = course_state(c, learner, course.id, &cs, e);
    if (!rc)
        out->course = cs.standing;
    return rc;
}

enum mc_rc mc_learning_submit_work(const struct mc_issuer_env *env, int64_t learner_user_id,
                                   int64_t assessment_id, const struct mc_work *work,
                                   struct mc_arena *arena, struct mc_learning_outcome *out,
                                   struct mc_err *e)
{
    struct mc_learning_outcome o = { 0 };
    memset(out, 0, sizeof *out);
    struct call c;
    call_init(&c, env, learner_user_id);
    enum mc_rc rc = mc_store_begin(c.s, e);
    if (rc) {
        call_free(&c); /* a transaction of the caller's stays as it was */
        return rc;
    }
    rc = submit_work_tx(&c, learner_user_id, assessment_id, work, &o, e);
    if (!rc)
        rc = commit(&c, arena, &o, e);
    if (rc)
        mc_store_rollback(c.s);
    else
        *out = o;
    call_free(&c);
    return rc;
}

/* --- grading --- */

/*
 * Authorization: may `user_id` grade work of organisation `org_id`? They must hold assessor,
 * issuer-admin or owner there. This is the place to call the general check
 * (app/auth.h: mc_authz_require with the assessor role and the assessments:grade scope) once
 * callers pass a principal instead of a user id.
 */
static enum mc_rc may_grade(struct call *c, int64_t user_id, int64_t org_id, struct mc_err *e)
{
    struct mc_membership *m = NULL;
    size_t n = 0;
    enum mc_rc rc = mc_store_membership_list(c->s, user_id, c->arena, &m, &n, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        if (m[i].org_id == org_id &&
            (m[i].role == MC_ROLE_ASSESSOR || m[i].role == MC_ROLE_ISSUER_ADMIN ||
             m[i].role == MC_ROLE_OWNER))
            return MC_OK;
    return mc_err_set(e, MC_ERR_FORBIDDEN,
                      "not allowed: grading needs the role assessor, issuer-admin or owner in the "
                      "organisation that teaches the course");
}

static enum mc_rc grade_tx(struct call *c, const struct mc_grade_request *req,
                           struct mc_learning_outcome *out, struct mc_err *e)
{
    struct mc_submission sub;
    enum mc_rc rc = mc_store_submission_get(c->s, req->submission_id, c->arena, &sub, e);
    if (rc)
        return rc;
    struct mc_assessment a;
    struct mc_course course;
    rc = mc_store_assessment_get(c->s, sub.assessment_id, c->arena, &a, e);
    if (!rc)
        rc = mc_store_course_get_by_id(c->s, a.course_id, c->arena, &course, e);
    if (!rc)
        rc = may_grade(c, req->assessor_user_id, course.org_id, e);
    if (rc)
        return rc;
    if (sub.learner_user_id == req->assessor_user_id)
        return mc_err_set(e, MC_ERR_FORBIDDEN, "not allowed: nobody grades their own work");
    if (sub.status == MC_SUBMISSION_WITHDRAWN)
        return mc_err_set(e, MC_ERR_CONFLICT, "submission %lld was withdrawn", (long long)sub.id);
    struct mc_grade g;
    rc = mc_grade_rubric(&a, req->scores, req->n_scores, &g, e);
    if (rc)
        return rc;
    struct mc_rubric_score_row *rows =
            mc_arena_calloc(c->arena, a.n_rubric ? a.n_rubric : 1, sizeof *rows);
    for (size_t i = 0; i < a.n_rubric; i++) {
        rows[i].position = (int)i;
        rows[i].points = req->scores[i].points;
        rows[i].comment = req->scores[i].comment;
    }
    bool regrade = sub.status == MC_SUBMISSION_GRADED;
    struct mc_result r = {
        .submission_id = sub.id,
        .score = g.score,
        .passed = g.passed,
        .graded_by_user_id = req->assessor_user_id,
        .feedback = req->feedback,
        .graded_at = c->now,
        .rubric = rows,
        .n_rubric = a.n_rubric,
    };
    rc = mc_store_result_put(c->s, &r, e);
    if (!rc)
        rc = audit(c, course.org_id, regrade ? "submission.regrade" : "submission.grade",
                   "submission", sub.id,
                   json_pack("{s:f, s:b}", "score", g.score, "passed", (int)g.passed), e);
    if (rc)
        return rc;
    out->submission_id = sub.id;
    out->attempt = sub.attempt;
    out->graded = true;
    out->score = g.score;
    out->passed = g.passed;
    return after_result(c, sub.learner_user_id, course.id, &out->course, e);
}

enum mc_rc mc_learning_grade(const struct mc_issuer_env *env, const struct mc_grade_request *req,
                             struct mc_arena *arena, struct mc_learning_outcome *out,
                             struct mc_err *e)
{
    struct mc_learning_outcome o = { 0 };
    memset(out, 0, sizeof *out);
    if (req->feedback && strlen(req->feedback) > 65536)
        return mc_err_set(e, MC_ERR_INVALID, "feedback is longer than 65536 bytes");
    struct call c;
    call_init(&c, env, req->assessor_user_id);
    enum mc_rc rc = mc_store_begin(c.s, e);
    if (rc) {
        call_free(&c); /* a transaction of the caller's stays as it was */
        return rc;
    }
    rc = grade_tx(&c, req, &o, e);
    if (!rc)
        rc = commit(&c, arena, &o, e);
    if (rc)
        mc_store_rollback(c.s);
    else
        *out = o;
    call_free(&c);
    return rc;
}
