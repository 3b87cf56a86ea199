/* SPDX-License-Identifier: Apache-2.0 */
/* Grading: tests marked against their answers, work against a rubric, and completion rules. */
#include "core/grading.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The failure helpers keep the message and set where, so callers read as one line each. */
__attribute__((format(printf, 4, 5))) static enum mc_rc fail_at(struct mc_err *e, const char *list,
                                                                size_t i, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(e, MC_ERR_INVALID, fmt, ap);
    va_end(ap);
    mc_err_where(e, "%s[%zu]", list, i);
    return MC_ERR_INVALID;
}

static size_t count_correct(const struct mc_question *q)
{
    size_t n = 0;
    for (size_t j = 0; j < q->n_options; j++)
        n += q->options[j].correct;
    return n;
}

enum mc_rc mc_grade_check_test(const struct mc_assessment *a, struct mc_err *e)
{
    if (a->kind != MC_ASSESS_TEST)
        return mc_err_set(e, MC_ERR_INVALID,
                          "assessment %lld is not a test (it is graded against a rubric)",
                          (long long)a->id);
    if (a->n_questions == 0)
        return mc_err_set(e, MC_ERR_INVALID, "test %lld has no questions", (long long)a->id);
    if (a->n_questions > MC_GRADE_QUESTIONS_MAX)
        return mc_err_set(e, MC_ERR_INVALID, "test %lld has %zu questions, more than %d",
                          (long long)a->id, a->n_questions, MC_GRADE_QUESTIONS_MAX);
    double total = 0;
    for (size_t i = 0; i < a->n_questions; i++) {
        const struct mc_question *q = &a->questions[i];
        if (!isfinite(q->points) || q->points < 0)
            return fail_at(e, "questions", i, "question %zu: points %g must be a number >= 0",
                           i + 1, q->points);
        total += q->points;
        size_t correct = count_correct(q);
        switch (q->kind) {
        case MC_QUESTION_SINGLE:
            if (correct != 1)
                return fail_at(e, "questions", i,
                               "question %zu: a single-choice question needs exactly one correct "
                               "option, it has %zu",
                               i + 1, correct);
            break;
        case MC_QUESTION_MULTIPLE:
            if (correct == 0)
                return fail_at(e, "questions", i,
                               "question %zu: a multiple-answer question needs at least one "
                               "correct option",
                               i + 1);
            break;
        case MC_QUESTION_NUMERIC:
            if (!isfinite(q->numeric_answer) || !isfinite(q->numeric_tolerance) ||
                q->numeric_tolerance < 0)
                return fail_at(e, "questions", i,
                               "question %zu: a numeric question needs a finite answer and a "
                               "tolerance >= 0",
                               i + 1);
            break;
        default:
            return fail_at(e, "questions", i, "question %zu: unknown kind %d", i + 1, (int)q->kind);
        }
    }
    if (!(total > 0) || !isfinite(total))
        return mc_err_set(e, MC_ERR_INVALID, "test %lld is worth no points", (long long)a->id);
    return MC_OK;
}

/* Check the chosen options of a choice question: each exists and is chosen once. */
static enum mc_rc check_options(const struct mc_question *q, const struct mc_answer *ans, size_t i,
                                struct mc_err *e)
{
    if (ans->has_value)
        return fail_at(e, "answers", i,
                       "question %zu: a %s-choice question takes options, not a "
                       "number",
                       i + 1, q->kind == MC_QUESTION_SINGLE ? "single" : "multiple");
    if (ans->n_options > MC_GRADE_OPTIONS_MAX || (ans->n_options && !ans->options))
        return fail_at(e, "answers", i, "question %zu: %zu options chosen, more than it has", i + 1,
                       ans->n_options);
    if (q->kind == MC_QUESTION_SINGLE && ans->n_options > 1)
        return fail_at(e, "answers", i,
                       "question %zu: a single-choice question takes one option, not %zu", i + 1,
                       ans->n_options);
    for (size_t k = 0; k < ans->n_options; k++) {
        int o = ans->options[k];
        if (o < 0 || (size_t)o >= q->n_options)
            return fail_at(e, "answers", i,
                           "question %zu: option %d does not exist: the options are 0 to %zu",
                           i + 1, o, q->n_options - 1);
        for (size_t m = 0; m < k; m++)
            if (ans->options[m] == o)
                return fail_at(e, "answers", i, "question %zu: option %d is chosen twice", i + 1,
                               o);
    }
    return MC_OK;
}

/* Whether a checked choice answer is right: exactly the correct options (all or nothing). */
static bool choice_right(const struct mc_question *q, const struct mc_answer *ans)
{
    if (ans->n_options == 0)
        return false;
    for (size_t k = 0; k < ans->n_options; k++)
        if (!q->options[ans->options[k]].correct)
            return false;
    /* No option is chosen twice, so equal counts mean every correct option was chosen. */
    return ans->n_options == count_correct(q);
}

static bool numeric_right(const struct mc_question *q, double v)
{
    double slack = 1e-9 * fmax(1.0, fabs(q->numeric_answer));
    return fabs(v - q->numeric_answer) <= q->numeric_tolerance + slack;
}

static void finish(struct mc_grade *out, double earned, double total, double pass_mark)
{
    out->earned = earned;
    out->total = total;
    double score = earned * 100.0 / total;
    if (score < 0)
        score = 0;
    if (score > 100)
        score = 100;
    out->score = score;
    out->passed = score + MC_GRADE_EPSILON >= pass_mark;
}

enum mc_rc mc_grade_test(const struct mc_assessment *a, const struct mc_answer *answers,
                         size_t n_answers, double *points, struct mc_grade *out, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_grade_check_test(a, e);
    if (rc)
        return rc;
    if (n_answers > a->n_questions)
        return mc_err_set(e, MC_ERR_INVALID, "%zu answers for a test of %zu questions", n_answers,
                          a->n_questions);
    if (n_answers && !answers)
        return mc_err_set(e, MC_ERR_INVALID, "no answers given");
    double earned = 0, total = 0;
    for (size_t i = 0; i < a->n_questions; i++) {
        const struct mc_question *q = &a->questions[i];
        static const struct mc_answer none = { 0 };
        const struct mc_answer *ans = i < n_answers ? &answers[i] : &none;
        bool right = false;
        if (q->kind == MC_QUESTION_NUMERIC) {
            if (ans->n_options)
                return fail_at(e, "answers", i,
                               "question %zu: a numeric question takes a number, not options",
                               i + 1);
            if (ans->has_value && !isfinite(ans->value))
                return fail_at(e, "answers", i, "question %zu: %g is not a finite number", i + 1,
                               ans->value);
            right = ans->has_value && numeric_right(q, ans->value);
        } else {
            rc = check_options(q, ans, i, e);
            if (rc)
                return rc;
            right = choice_right(q, ans);
        }
        double p = right ? q->points : 0;
        if (points)
            points[i] = p;
        earned += p;
        total += q->points;
    }
    finish(out, earned, total, a->pass_mark);
    return MC_OK;
}

enum mc_rc mc_grade_check_attempt(const struct mc_assessment *a, int attempts_so_far,
                                  struct mc_err *e)
{
    if (a->max_attempts <= 0 || attempts_so_far < a->max_attempts)
        return MC_OK;
    return mc_err_set(e, MC_ERR_FORBIDDEN,
                      "no attempts left: '%.200s' allows %d attempt%s and all %d have been used",
                      a->title ? a->title : "the assessment", a->max_attempts,
                      a->max_attempts == 1 ? "" : "s", attempts_so_far);
}

enum mc_rc mc_grade_rubric(const struct mc_assessment *a, const struct mc_rubric_score *scores,
                           size_t n_scores, struct mc_grade *out, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    if (a->kind == MC_ASSESS_TEST)
        return mc_err_set(e, MC_ERR_INVALID,
                          "assessment %lld is a test: tests are graded automatically",
                          (long long)a->id);
    if (a->n_rubric == 0)
        return mc_err_set(e, MC_ERR_INVALID, "assessment %lld has no rubric to grade against",
                          (long long)a->id);
    if (n_scores != a->n_rubric)
        return mc_err_set(e, MC_ERR_INVALID,
                          "%zu scores for a rubric of %zu criteria: score every criterion once",
                          n_scores, a->n_rubric);
    double earned = 0, total = 0;
    for (size_t i = 0; i < a->n_rubric; i++) {
        const struct mc_rubric_criterion *c = &a->rubric[i];
        const char *name = c->name ? c->name : "";
        double p = scores[i].points;
        if (!isfinite(c->max_points) || c->max_points < 0)
            return fail_at(e, "scores", i, "criterion %zu '%.100s': its maximum %g is not valid",
                           i + 1, name, c->max_points);
        if (!isfinite(p))
            return fail_at(e, "scores", i, "criterion %zu '%.100s': %g is not a finite number",
                           i + 1, name, p);
        if (p < 0)
            return fail_at(e, "scores", i, "criterion %zu '%.100s': %g points is below 0", i + 1,
                           name, p);
        if (p > c->max_points)
            return fail_at(e, "scores", i, "criterion %zu '%.100s': %g points is more than its %g",
                           i + 1, name, p, c->max_points);
        earned += p;
        total += c->max_points;
    }
    if (!(total > 0))
        return mc_err_set(e, MC_ERR_INVALID, "the rubric of assessment %lld is worth no points",
                          (long long)a->id);
    finish(out, earned, total, a->pass_mark);
    return MC_OK;
}

void mc_grade_course(const struct mc_assessment_standing *a, size_t n,
                     struct mc_course_standing *out)
{
    memset(out, 0, sizeof *out);
    out->n_total = n;
    double wsum = 0, weighted = 0, plain = 0;
    for (size_t i = 0; i < n; i++) {
        double best = a[i].best_score < 0 ? 0 : fmin(a[i].best_score, 100);
        double w = isfinite(a[i].weight) && a[i].weight > 0 ? a[i].weight : 0;
        wsum += w;
        weighted += w * best;
        plain += best;
        out->n_passed += a[i].passed;
    }
    if (n)
        out->grade = wsum > 0 ? weighted / wsum : plain / (double)n;
    out->complete = n > 0 && out->n_passed == n;
}

bool mc_grade_program_complete(const struct mc_part_standing *parts, size_t n)
{
    size_t required = 0;
    for (size_t i = 0; i < n; i++) {
        if (!parts[i].required)
            continue;
        if (!parts[i].complete)
            return false;
        required++;
    }
    return required > 0;
}

void mc_grade_format(double score, char out[16])
{
    if (!isfinite(score) || score < 0)
        score = 0;
    if (score > 100)
        score = 100;
    /* Two decimals, rounded, then the trailing zeros (and a bare point) dropped. */
    snprintf(out, 16, "%.2f", score);
    char *dot = strchr(out, '.');
    if (!dot)
        return;
    char *end = out + strlen(out);
    while (end > dot + 1 && end[-1] == '0')
        *--end = '\0';
    if (end == dot + 1)
        *dot = '\0';
}
