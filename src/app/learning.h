/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The learning service: enrolling, taking tests, submitting projects and essays, grading them
 * against their rubrics, and awarding a course's or a program's credential automatically when
 * a result completes it.
 *
 * Transactions: each function here opens its own transaction on env->store (which must have
 * none open: MC_ERR_INTERNAL otherwise), does everything in it and commits. A result and the
 * credentials it earns commit together or not at all: when issuing fails (the issuer has no
 * signing key, say) the result is not stored either and the error says why. The outcome is
 * filled in only after the commit succeeded, so nothing is reported as awarded that was not
 * stored.
 *
 * The rules (grading, completion, the course grade) are core/grading.h's; this file applies
 * them to the store. docs/internals/app.md, "learning.c", has the whole story.
 */
#ifndef MC_APP_LEARNING_H
#define MC_APP_LEARNING_H

#include <stdbool.h>
#include <stdint.h>

#include "app/issue.h"
#include "base/arena.h"
#include "core/grading.h"
#include "store/store.h"

/* Programs nest at most this deep (a program whose parts are programs whose parts are ...);
 * deeper, or a cycle, is MC_ERR_TOO_LARGE naming the program. */
#define MC_LEARNING_NESTING_MAX 8

/* --- enrolling --- */

struct mc_enroll_request {
    int64_t learner_user_id;
    /* Exactly one: a course, or a program (which must be published). */
    const char *course_slug;
    const char *program_slug;
    /* Take it free without a credential; only where the program offers free_audit. An audit
     * enrollment takes no graded assessments. */
    bool audit_only;
};

/*
 * Enroll a learner. A program enrollment records the program's price terms (model, price,
 * currency; free when auditing); a course taken on its own is recorded as free, since prices
 * belong to programs. Enrolled already: MC_ERR_CONFLICT. `*enrollment_id` gets the new id.
 */
enum mc_rc mc_learning_enroll(const struct mc_issuer_env *env, const struct mc_enroll_request *req,
                              int64_t *enrollment_id, struct mc_err *e);

/* Withdraw from an enrollment of one's own (active only: a completed one is MC_ERR_CONFLICT). */
enum mc_rc mc_learning_withdraw(const struct mc_issuer_env *env, int64_t learner_user_id,
                                int64_t enrollment_id, struct mc_err *e);

/* --- what a submission or a grade led to --- */

/* A credential issued because a result completed a course or a program. */
struct mc_learning_award {
    char credential_id[64]; /* "urn:uuid:..." */
    int64_t achievement_id;
    int64_t enrollment_id;
    int64_t course_id;  /* the course completed, or 0 */
    int64_t program_id; /* the program completed, or 0 */
};

struct mc_learning_outcome {
    int64_t submission_id;
    int attempt;
    bool graded; /* a result was stored (a test at once; work once an assessor grades it) */
    double score;
    bool passed;
    struct mc_course_standing course; /* the learner's standing in the course afterwards */
    /* Enrollments this marked completed, and credentials it issued (arena arrays). A re-grade of
     * work already awarded issues nothing again. */
    int64_t *completed_enrollments;
    size_t n_completed;
    struct mc_learning_award *awards;
    size_t n_awards;
};

/* --- tests --- */

/*
 * Take a test: check the learner is enrolled in its course (or in a program that includes it,
 * not auditing), that an attempt is left, grade the answers (core/grading.h: answers[i]
 * answers question i), then store the submission, its answers and the result, and award what
 * it completes. An answer in error refuses the attempt and stores nothing (it does not count).
 * Arrays in `out` come from `arena`.
 */
enum mc_rc mc_learning_submit_test(const struct mc_issuer_env *env, int64_t learner_user_id,
                                   int64_t assessment_id, const struct mc_answer *answers,
                                   size_t n_answers, struct mc_arena *arena,
                                   struct mc_learning_outcome *out, struct mc_err *e);

/* --- projects and essays --- */

/* Work handed in: text, a link or a file (borrowed, read during the call). */
struct mc_work {
    enum mc_content_kind kind; /* MC_CONTENT_TEXT, MC_CONTENT_URL or MC_CONTENT_FILE */
    const char *text;
    const char *url; /* http(s) */
    const char *file_name;
    const char *file_type; /* optional media type */
    const uint8_t *file_data;
    size_t file_len; /* at most MC_SUBMISSION_FILE_MAX (MC_ERR_TOO_LARGE) */
};

/* Submit a project or an essay (the same checks as a test); it waits in the organisation's
 * grading queue (mc_store_grading_queue). A file's SHA-256 is stored with it. */
enum mc_rc mc_learning_submit_work(const struct mc_issuer_env *env, int64_t learner_user_id,
                                   int64_t assessment_id, const struct mc_work *work,
                                   struct mc_arena *arena, struct mc_learning_outcome *out,
                                   struct mc_err *e);

struct mc_grade_request {
    int64_t assessor_user_id;
    int64_t submission_id;
    const struct mc_rubric_score *scores; /* one per criterion, in rubric order */
    size_t n_scores;
    const char *feedback; /* optional, for the learner */
};

/*
 * An assessor grades a project or essay submission against its rubric (core/grading.h). The
 * assessor must hold assessor, issuer-admin or owner in the organisation of the course
 * (MC_ERR_FORBIDDEN otherwise, and for one's own submission). Grading a graded submission again
 * replaces its result; a credential already awarded is not issued again (nor withdrawn).
 */
enum mc_rc mc_learning_grade(const struct mc_issuer_env *env, const struct mc_grade_request *req,
                             struct mc_arena *arena, struct mc_learning_outcome *out,
                             struct mc_err *e);

#endif
