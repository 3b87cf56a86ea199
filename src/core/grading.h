/* SPDX-License-Identifier: Apache-2.0 */
/* Grading: tests marked against their answers, work against a rubric, and completion rules. */
#ifndef MC_CORE_GRADING_H
#define MC_CORE_GRADING_H

#include <stdbool.h>
#include <stddef.h>

#include "core/catalog.h"
#include "mcred/error.h"

/*
 * Pure logic over the catalog's structs (design.md, "core/"): no SQL, no JSON, no I/O. The
 * learning service (app/learning.c) reads what it needs from the store, calls these, and stores
 * what they decide. The rules are in docs/internals/core.md, "Grading".
 *
 * Numbering in messages: questions and rubric criteria are counted from 1 ("question 3" is the
 * third); options are named by their position, counted from 0 as they are stored and sent
 * ("option 7 does not exist: the options are 0 to 3"). `e->where` gets "answers[i]" or
 * "scores[i]" with i counted from 0.
 */

/* Scores are percentages; a score within this much below the pass mark still passes, so that
 * 100 * 2 / 3 compared with a pass mark written as 66.666666667 is not failed by rounding. */
#define MC_GRADE_EPSILON 1e-9

/* The most options one answer may choose, and the most answers one attempt may carry. */
#define MC_GRADE_OPTIONS_MAX   256
#define MC_GRADE_QUESTIONS_MAX 1000

/* A learner's answer to one question of a test. Borrowed: read only during the call. */
struct mc_answer {
    const int *options; /* single, multiple: the chosen option positions (0-based) */
    size_t n_options;   /* 0: not answered */
    bool has_value;     /* numeric: answered */
    double value;       /* numeric: the number given */
};

/* What grading decided: points earned out of the total, the score (percent of the total, 0..100)
 * and whether it reaches the pass mark. */
struct mc_grade {
    double earned;
    double total;
    double score;
    bool passed;
};

/*
 * Check that a test can be graded: at least one question, at most MC_GRADE_QUESTIONS_MAX, points
 * finite and >= 0 with a positive total, a single-choice question with exactly one correct
 * option, a multiple-answer question with at least one, a numeric question with a finite answer
 * and a finite tolerance >= 0. MC_ERR_INVALID naming the question otherwise (the catalog's
 * fault, not the learner's). mc_grade_test calls it first.
 */
enum mc_rc mc_grade_check_test(const struct mc_assessment *a, struct mc_err *e);

/*
 * Grade one attempt at test `a`. answers[i] answers a->questions[i]; there may be fewer answers
 * than questions (the rest are unanswered) but not more. Rules:
 *  - single: full points when exactly the correct option is chosen; choosing more than one
 *    option is an error;
 *  - multiple: all or nothing (catalog.h, MC_QUESTION_MULTIPLE): full points when the chosen
 *    options are exactly the correct ones, none otherwise;
 *  - numeric: full points when |value - answer| <= tolerance (+ a rounding slack of 1e-9 times
 *    max(1, |answer|)); a NaN or infinite value is an error;
 *  - an unanswered question earns 0 points; so does a wrong answer;
 *  - errors in an answer (an option that does not exist, one chosen twice, options given to a
 *    numeric question or a number to a choice question) refuse the whole attempt with
 *    MC_ERR_INVALID naming the question: "question 3: option 7 does not exist: ...".
 * score = 100 * earned / total; passed = score >= pass_mark (within MC_GRADE_EPSILON).
 * `points` (may be NULL) gets the points of each question: an array of a->n_questions.
 */
enum mc_rc mc_grade_test(const struct mc_assessment *a, const struct mc_answer *answers,
                         size_t n_answers, double *points, struct mc_grade *out, struct mc_err *e);

/*
 * May a learner who has made `attempts_so_far` attempts at `a` make another? MC_OK when
 * a->max_attempts is 0 (unlimited) or attempts_so_far < max_attempts; otherwise
 * MC_ERR_FORBIDDEN "no attempts left: ... allows N attempts and all N have been used".
 */
enum mc_rc mc_grade_check_attempt(const struct mc_assessment *a, int attempts_so_far,
                                  struct mc_err *e);

/* An assessor's points for one rubric criterion, with an optional comment. */
struct mc_rubric_score {
    double points;
    const char *comment; /* optional */
};

/*
 * Grade work (a project or an essay) against its rubric. scores[i] scores a->rubric[i]; there
 * must be exactly one score per criterion. Each score is finite and within 0..max_points of its
 * criterion ("criterion 2 'Analysis': 12 points is more than its 10"); the rubric must be worth
 * more than 0 points. score = 100 * sum(points) / sum(max_points); passed = score >= pass_mark.
 * Feedback is the assessor's and is not graded. MC_ERR_INVALID naming the criterion otherwise.
 */
enum mc_rc mc_grade_rubric(const struct mc_assessment *a, const struct mc_rubric_score *scores,
                           size_t n_scores, struct mc_grade *out, struct mc_err *e);

/* --- completion --- */

/* Where a learner stands on one assessment of a course. */
struct mc_assessment_standing {
    double weight;     /* the assessment's weight, 0..1 */
    double best_score; /* the best score of any attempt, percent; < 0: no graded attempt */
    bool passed;       /* some graded attempt passed */
};

struct mc_course_standing {
    double grade;    /* the course grade, percent 0..100 */
    size_t n_passed; /* assessments passed */
    size_t n_total;  /* assessments */
    bool complete;
};

/*
 * The course grade and completion. The grade is the weighted mean of each assessment's best
 * score (an assessment not yet graded counts 0), weights normalised by their sum; when every
 * weight is 0 it is the plain mean. The course is complete when it has at least one assessment
 * and every one of them is passed (the weights shape the grade, not completion). A course with
 * no assessments is never complete: there is nothing to award it on.
 */
void mc_grade_course(const struct mc_assessment_standing *a, size_t n,
                     struct mc_course_standing *out);

/* One part of a program as a learner stands on it: a course complete, a child program complete,
 * an achievement held. */
struct mc_part_standing {
    bool required;
    bool complete;
};

/*
 * A program is complete when it has at least one required part and every required part is
 * complete; optional parts do not count either way. (A program with only optional parts is
 * never completed by this rule: it says nothing a learner must do.)
 */
bool mc_grade_program_complete(const struct mc_part_standing *parts, size_t n);

/* The grade as a credential's result value: "87.5", at most two decimals, no trailing zeros. */
void mc_grade_format(double score, char out[16]);

#endif
