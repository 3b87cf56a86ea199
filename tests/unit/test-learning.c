/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The learning service end to end over a real database with the demo catalog: enrolling, a
 * failed test and a passed retake, the attempt limit, a project graded by the right assessor
 * only, the course's credential issued automatically in the grading transaction (stored,
 * verifiable, with the grade and the evidence), re-grading that issues nothing twice, a failed
 * award that leaves neither result nor credential behind, and a program completed through its
 * course.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/demo.h"
#include "app/issuer-keys.h"
#include "app/learning.h"
#include "app/public-docs.h"
#include "base/alloc.h"
#include "base/embed.h"
#include "base/time.h"
#include "crypto/digest.h"
#include "test.h"
#include "vc/verify.h"

#define PUBLIC "https://learn.example"

struct fixture {
    struct mc_store *s;
    struct mc_master_key mk;
    struct mc_di *di;
    struct mc_verifier *v;
    struct mc_issuer_env env;
    struct mc_arena *arena;
    struct mc_org udacity, coursera;
    int64_t course_id, test_id, project_id, program_id;
    const char *course_slug, *program_slug;
};

static int64_t add_user(struct fixture *f, const char *email, const char *name)
{
    struct mc_user u = { .email = email, .name = name };
    struct mc_err e;
    CHECK_INT(mc_store_user_put(f->s, &u, &e), MC_OK);
    return u.id;
}

static int64_t add_achievement(struct fixture *f, const char *slug, const char *name)
{
    static const char *outcomes[] = { "Explain the workflow", "Build a working model" };
    struct mc_achievement a = {
        .slug = slug,
        .version = 1,
        .issuer_org_id = f->udacity.id,
        .name = name,
        .description = "Completed the course with its test and its graded project.",
        .criteria = "Pass the test and the project.",
        .achievement_type = "Certificate",
        .outcomes = outcomes,
        .n_outcomes = 2,
        .workload_hours = 20,
        .ects = -1,
        .eqf_level = 5,
        .assessment_type = "a test and a graded project",
        .participation = MC_PARTICIPATION_ONLINE,
        .language = "en",
        .supervision = MC_SUPERVISION_NONE,
        .status = MC_STATUS_PUBLISHED,
    };
    struct mc_err e;
    CHECK_INT(mc_store_achievement_put(f->s, &a, &e), MC_OK);
    return a.id;
}

/*
 * The demo courses that have a test and a project award nothing of their own (their programs
 * do), so the course under test is made here, taught by a demo organisation: a test of three
 * questions (70 to pass, two attempts, weight 0.4) and a project with a two-criterion rubric
 * (60 to pass, weight 0.6), with its own achievement; and a program whose one part it is.
 */
static void make_catalog(struct fixture *f)
{
    struct mc_err e;
    static struct mc_question_option q1[] = { { "k-means", true },
                                              { "Logistic regression", false },
                                              { "Decision tree", false } };
    static struct mc_question_option q2[] = { { "Regularisation", true },
                                              { "Early stopping", true },
                                              { "More epochs", false } };
    static struct mc_question qs[] = {
        { .kind = MC_QUESTION_SINGLE,
          .prompt = "Clusters around k centroids?",
          .points = 1,
          .options = q1,
          .n_options = 3 },
        { .kind = MC_QUESTION_MULTIPLE,
          .prompt = "Which reduce overfitting?",
          .points = 1,
          .options = q2,
          .n_options = 3 },
        { .kind = MC_QUESTION_NUMERIC,
          .prompt = "6 times 7?",
          .points = 1,
          .numeric_answer = 42,
          .numeric_tolerance = 0.5 },
    };
    static struct mc_rubric_criterion rubric[] = {
        { "Analysis", "Frames the problem and the data", 10 },
        { "Code", "Runs, is readable and tested", 10 },
    };
    int64_t ach = add_achievement(f, "learning-test-course", "ML Workflow Certificate");
    struct mc_course c = {
        .slug = "learning-test-course",
        .org_id = f->udacity.id,
        .title = "Your First ML Workflow",
        .description = "A course with a test and a project.",
        .duration_weeks = 4,
        .workload_hours = 20,
        .achievement_id = ach,
    };
    CHECK_INT(mc_store_course_put(f->s, &c, &e), MC_OK);
    f->course_id = c.id;
    f->course_slug = c.slug;
    struct mc_assessment t = {
        .course_id = c.id,
        .kind = MC_ASSESS_TEST,
        .title = "Quiz",
        .pass_mark = 70,
        .max_attempts = 2,
        .weight = 0.4,
        .questions = qs,
        .n_questions = 3,
    };
    CHECK_INT(mc_store_assessment_put(f->s, &t, &e), MC_OK);
    f->test_id = t.id;
    struct mc_assessment p = {
        .course_id = c.id,
        .kind = MC_ASSESS_PROJECT,
        .title = "Capstone project",
        .pass_mark = 60,
        .weight = 0.6,
        .rubric = rubric,
        .n_rubric = 2,
    };
    CHECK_INT(mc_store_assessment_put(f->s, &p, &e), MC_OK);
    f->project_id = p.id;

    int64_t pach = add_achievement(f, "learning-test-program", "ML Workflow Program");
    struct mc_program_part part = { .course_id = c.id, .required = true };
    struct mc_program prog = {
        .slug = "learning-test-program",
        .type = MC_PROG_NANO_DEGREE,
        .title = "ML Workflow Nanodegree",
        .summary = "One course, one credential.",
        .platform_org_id = f->udacity.id,
        .institution_org_id = f->udacity.id,
        .achievement_id = pach,
        .duration_weeks = 4,
        .hours_per_week = 5,
        .language = "en",
        .price_cents = 39900,
        .currency = "USD",
        .price_model = MC_PRICE_SUBSCRIPTION,
        .status = MC_STATUS_PUBLISHED,
        .parts = &part,
        .n_parts = 1,
    };
    CHECK_INT(mc_store_program_put(f->s, &prog, &e), MC_OK);
    f->program_id = prog.id;
    f->program_slug = prog.slug;
}

static void setup(struct fixture *f)
{
    struct mc_err e;
    memset(f, 0, sizeof *f);
    char *path = mc_xasprintf("%s/learning.db", mc_test_tmpdir());
    CHECK_INT(mc_store_open(path, MC_STORE_CREATE, &f->s, &e), MC_OK);
    free(path);
    CHECK_INT(mc_app_demo_load(f->s, &mc_embed_demo, NULL, &e), MC_OK);
    mc_master_key_generate(&f->mk);
    f->di = mc_di_new(NULL);
    f->v = mc_verifier_new(NULL);
    f->env = (struct mc_issuer_env){
        .store = f->s, .master_key = &f->mk, .public_url = PUBLIC, .di = f->di
    };
    f->arena = mc_arena_new(0);
    CHECK_INT(mc_store_org_get(f->s, "udacity", f->arena, &f->udacity, &e), MC_OK);
    CHECK_INT(mc_store_org_get(f->s, "coursera", f->arena, &f->coursera, &e), MC_OK);
    make_catalog(f);
}

static void teardown(struct fixture *f)
{
    mc_arena_free(f->arena);
    mc_verifier_free(f->v);
    mc_di_free(f->di);
    mc_store_close(f->s);
}

/* Verify the stored credential; `failing` gets the first failing check. */
static bool verify_stored(struct fixture *f, const char *id, char *failing, size_t n)
{
    struct mc_err e;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_credential_row row;
    CHECK_INT(mc_store_credential_get(f->s, id, arena, &row, &e), MC_OK);
    json_t *doc = json_loads(row.document ? row.document : "", 0, NULL);
    struct mc_public_docs docs;
    mc_public_docs_init(&docs, f->s, PUBLIC, NULL);
    struct mc_verify_options o = { .now = mc_time_now(), .docs = &docs.source };
    struct mc_report r;
    mc_report_init(&r);
    mc_verify_credential(f->v, doc, &o, &r);
    bool ok = mc_report_valid(&r);
    failing[0] = 0;
    for (size_t i = 0; i < r.count && !failing[0]; i++)
        if (r.checks[i].status == MC_CHECK_FAIL)
            snprintf(failing, n, "%s: %s", r.checks[i].name, r.checks[i].message);
    mc_report_free(&r);
    mc_public_docs_free(&docs);
    json_decref(doc);
    mc_arena_free(arena);
    return ok;
}

static const int opt0[] = { 0 }, opt1[] = { 1 }, opts01[] = { 0, 1 }, opt9[] = { 9 };
static const struct mc_answer all_right[] = { { opt0, 1, false, 0 },
                                              { opts01, 2, false, 0 },
                                              { NULL, 0, true, 42.2 } };
static const struct mc_answer one_right[] = { { opt1, 1, false, 0 },
                                              { opt0, 1, false, 0 },
                                              { NULL, 0, true, 42 } };
static const struct mc_answer bad_option[] = { { opt9, 1, false, 0 } };

static int64_t count_issued(struct fixture *f)
{
    int64_t n = -1;
    struct mc_err e;
    CHECK_INT(mc_store_credential_count(f->s, f->udacity.id, &n, &e), MC_OK);
    return n;
}

static size_t queue_len(struct fixture *f, int64_t org_id)
{
    struct mc_queue_item *q = NULL;
    size_t n = 0;
    struct mc_err e;
    CHECK_INT(mc_store_grading_queue(f->s, org_id, 100, 0, f->arena, &q, &n, &e), MC_OK);
    return n;
}

static void course_path(struct fixture *f)
{
    struct mc_err e;
    struct mc_learning_outcome out;
    int64_t ada = add_user(f, "ada@example.org", "Ada Lovelace");
    int64_t grader = add_user(f, "grace@udacity.example", "Grace Hopper");
    int64_t stranger = add_user(f, "alan@coursera.example", "Alan Turing");
    CHECK_INT(mc_store_membership_add(f->s, grader, f->udacity.id, MC_ROLE_ASSESSOR, &e), MC_OK);
    CHECK_INT(mc_store_membership_add(f->s, stranger, f->coursera.id, MC_ROLE_ASSESSOR, &e), MC_OK);

    mc_test_case("a test before enrolling is refused");
    CHECK_INT(mc_learning_submit_test(&f->env, ada, f->test_id, all_right, 3, f->arena, &out, &e),
              MC_ERR_FORBIDDEN);
    CHECK(strstr(e.msg, "not enrolled in course 'learning-test-course'") != NULL);

    mc_test_case("enroll once; a second time is a conflict");
    int64_t en = 0;
    struct mc_enroll_request req = { .learner_user_id = ada, .course_slug = f->course_slug };
    CHECK_INT(mc_learning_enroll(&f->env, &req, &en, &e), MC_OK);
    CHECK(en > 0);
    int64_t again = 0;
    CHECK_INT(mc_learning_enroll(&f->env, &req, &again, &e), MC_ERR_CONFLICT);
    CHECK_STR(e.msg, "already enrolled in course 'learning-test-course'");
    struct mc_enrollment row;
    CHECK_INT(mc_store_enrollment_get(f->s, en, f->arena, &row, &e), MC_OK);
    CHECK_INT(row.status, MC_ENROLL_ACTIVE);
    CHECK_INT(row.price_model, MC_PRICE_FREE);

    mc_test_case("first attempt fails, graded at once");
    CHECK_INT(mc_learning_submit_test(&f->env, ada, f->test_id, one_right, 3, f->arena, &out, &e),
              MC_OK);
    CHECK_INT(out.attempt, 1);
    CHECK(out.graded && !out.passed);
    CHECK(out.score > 33.33 && out.score < 33.34);
    CHECK_INT(out.n_awards, 0);
    CHECK(!out.course.complete);
    struct mc_answer_row *answers = NULL;
    size_t n_answers = 0;
    CHECK_INT(mc_store_answers_list(f->s, out.submission_id, f->arena, &answers, &n_answers, &e),
              MC_OK);
    CHECK_INT(n_answers, 3);
    CHECK_INT(answers[0].n_selected, 1);
    CHECK_INT(answers[0].selected[0], 1);
    CHECK(answers[2].has_value && answers[2].numeric_value == 42 && answers[2].points == 1);

    mc_test_case("an answer in error stores nothing and costs no attempt");
    CHECK_INT(mc_learning_submit_test(&f->env, ada, f->test_id, bad_option, 1, f->arena, &out, &e),
              MC_ERR_INVALID);
    CHECK(strstr(e.msg, "question 1: option 9 does not exist") != NULL);
    int attempts = 0;
    CHECK_INT(mc_store_submission_count(f->s, ada, f->test_id, &attempts, &e), MC_OK);
    CHECK_INT(attempts, 1);

    mc_test_case("second attempt passes; the project is still to do");
    CHECK_INT(mc_learning_submit_test(&f->env, ada, f->test_id, all_right, 3, f->arena, &out, &e),
              MC_OK);
    CHECK_INT(out.attempt, 2);
    CHECK(out.passed && out.score == 100);
    CHECK(!out.course.complete);
    CHECK_INT(out.course.n_passed, 1);
    CHECK(out.course.grade > 39.99 && out.course.grade < 40.01);

    mc_test_case("a third attempt is beyond the limit");
    CHECK_INT(mc_learning_submit_test(&f->env, ada, f->test_id, all_right, 3, f->arena, &out, &e),
              MC_ERR_FORBIDDEN);
    CHECK(strstr(e.msg, "no attempts left: 'Quiz' allows 2 attempts") != NULL);

    mc_test_case("answers are not work, work is not answers");
    struct mc_work link = { .kind = MC_CONTENT_URL, .url = "https://github.com/ada/capstone" };
    CHECK_INT(mc_learning_submit_work(&f->env, ada, f->test_id, &link, f->arena, &out, &e),
              MC_ERR_INVALID);
    CHECK_INT(
            mc_learning_submit_test(&f->env, ada, f->project_id, all_right, 3, f->arena, &out, &e),
            MC_ERR_INVALID);
    struct mc_work ftp = { .kind = MC_CONTENT_URL, .url = "ftp://example.org/x" };
    CHECK_INT(mc_learning_submit_work(&f->env, ada, f->project_id, &ftp, f->arena, &out, &e),
              MC_ERR_INVALID);
    CHECK_STR(e.where, "submission.url");
    static const uint8_t byte = 1;
    struct mc_work huge = { .kind = MC_CONTENT_FILE,
                            .file_name = "big.zip",
                            .file_data = &byte,
                            .file_len = MC_SUBMISSION_FILE_MAX + 1 };
    CHECK_INT(mc_learning_submit_work(&f->env, ada, f->project_id, &huge, f->arena, &out, &e),
              MC_ERR_TOO_LARGE);

    mc_test_case("the project is submitted and waits in its organisation's queue");
    CHECK_INT(mc_learning_submit_work(&f->env, ada, f->project_id, &link, f->arena, &out, &e),
              MC_OK);
    int64_t project_sub = out.submission_id;
    CHECK(!out.graded);
    CHECK_INT(out.attempt, 1);
    CHECK_INT(queue_len(f, f->udacity.id), 1);
    CHECK_INT(queue_len(f, f->coursera.id), 0);

    mc_test_case("an assessor of another organisation may not grade it");
    struct mc_rubric_score good[] = { { 8, "Clear framing" }, { 7, NULL } };
    struct mc_grade_request g = { .assessor_user_id = stranger,
                                  .submission_id = project_sub,
                                  .scores = good,
                                  .n_scores = 2,
                                  .feedback = "Well done" };
    CHECK_INT(mc_learning_grade(&f->env, &g, f->arena, &out, &e), MC_ERR_FORBIDDEN);
    g.assessor_user_id = ada;
    CHECK_INT(mc_learning_grade(&f->env, &g, f->arena, &out, &e), MC_ERR_FORBIDDEN);

    mc_test_case("an award that cannot be issued leaves no result behind");
    g.assessor_user_id = grader;
    CHECK_INT(mc_learning_grade(&f->env, &g, f->arena, &out, &e), MC_ERR_NOT_FOUND);
    CHECK(strstr(e.msg, "signing key") != NULL);
    CHECK_INT(out.n_awards, 0);
    struct mc_result res;
    CHECK_INT(mc_store_result_get(f->s, project_sub, f->arena, &res, &e), MC_ERR_NOT_FOUND);
    CHECK_INT(count_issued(f), 0);
    CHECK_INT(queue_len(f, f->udacity.id), 1);
    CHECK_INT(mc_store_enrollment_get(f->s, en, f->arena, &row, &e), MC_OK);
    CHECK_INT(row.status, MC_ENROLL_ACTIVE);

    mc_test_case("the right assessor grades; the course completes and awards itself");
    CHECK_INT(mc_issuer_key_rotate(f->s, &f->mk, f->udacity.id, NULL, f->arena, NULL, &e), MC_OK);
    struct mc_rubric_score over[] = { { 11, NULL }, { 7, NULL } };
    g.scores = over;
    CHECK_INT(mc_learning_grade(&f->env, &g, f->arena, &out, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "criterion 1 'Analysis': 11 points is more than its 10") != NULL);
    g.scores = good;
    CHECK_INT(mc_learning_grade(&f->env, &g, f->arena, &out, &e), MC_OK);
    CHECK(out.graded && out.passed && out.score == 75);
    CHECK(out.course.complete);
    CHECK(out.course.grade > 84.99 && out.course.grade < 85.01); /* 0.4 * 100 + 0.6 * 75 */
    CHECK_INT(out.n_completed, 1);
    CHECK_INT(out.n_completed ? out.completed_enrollments[0] : 0, en);
    CHECK_INT(out.n_awards, 1);
    CHECK_INT(queue_len(f, f->udacity.id), 0);
    CHECK_INT(mc_store_enrollment_get(f->s, en, f->arena, &row, &e), MC_OK);
    CHECK_INT(row.status, MC_ENROLL_COMPLETED);
    CHECK(row.completed_at > 0);
    CHECK_INT(mc_store_result_get(f->s, project_sub, f->arena, &res, &e), MC_OK);
    CHECK_INT(res.graded_by_user_id, grader);
    CHECK_STR(res.feedback, "Well done");
    CHECK_INT(res.n_rubric, 2);
    CHECK_STR(res.n_rubric ? res.rubric[0].comment : "", "Clear framing");

    mc_test_case("the credential is stored, carries the grade and evidence, and verifies");
    const char *cred_id = out.n_awards ? out.awards[0].credential_id : "";
    CHECK_INT(out.n_awards ? out.awards[0].course_id : 0, f->course_id);
    struct mc_credential_row cred;
    CHECK_INT(mc_store_credential_get(f->s, cred_id, f->arena, &cred, &e), MC_OK);
    CHECK_INT(cred.recipient_user_id, ada);
    CHECK_INT(cred.enrollment_id, en);
    char key[96];
    snprintf(key, sizeof key, "enrollment:%lld:achievement:%lld", (long long)en,
             (long long)cred.achievement_id);
    CHECK_STR(cred.idempotency_key, key);
    CHECK(cred.document && strstr(cred.document, "\"value\":\"85\"") != NULL);
    CHECK(cred.document && strstr(cred.document, "\"status\":\"Completed\"") != NULL);
    CHECK(cred.document && strstr(cred.document, "https://github.com/ada/capstone") != NULL);
    CHECK(cred.document && strstr(cred.document, PUBLIC "/submissions/") != NULL);
    CHECK(cred.document && strstr(cred.document, "ada@example.org") == NULL);
    char why[600];
    CHECK(verify_stored(f, cred_id, why, sizeof why));
    CHECK_STR(why, "");
    CHECK_INT(count_issued(f), 1);

    mc_test_case("re-grading replaces the result and issues nothing again");
    struct mc_rubric_score better[] = { { 10, "Excellent" }, { 9, NULL } };
    g.scores = better;
    CHECK_INT(mc_learning_grade(&f->env, &g, f->arena, &out, &e), MC_OK);
    CHECK(out.score == 95);
    CHECK_INT(out.n_awards, 0);
    CHECK_INT(out.n_completed, 0);
    CHECK_INT(count_issued(f), 1);
    CHECK_INT(mc_store_result_get(f->s, project_sub, f->arena, &res, &e), MC_OK);
    CHECK(res.score == 95);
    CHECK_STR(res.n_rubric ? res.rubric[0].comment : "", "Excellent");
    struct mc_rubric_score poor[] = { { 1, NULL }, { 1, NULL } };
    g.scores = poor;
    CHECK_INT(mc_learning_grade(&f->env, &g, f->arena, &out, &e), MC_OK);
    CHECK(!out.passed && !out.course.complete);
    CHECK_INT(out.n_awards, 0);
    CHECK_INT(count_issued(f), 1);
    CHECK(verify_stored(f, cred_id, why, sizeof why));

    mc_test_case("a file is kept with its SHA-256");
    static const uint8_t report[] = "project report";
    struct mc_work file = { .kind = MC_CONTENT_FILE,
                            .file_name = "report.txt",
                            .file_type = "text/plain",
                            .file_data = report,
                            .file_len = sizeof report - 1 };
    CHECK_INT(mc_learning_submit_work(&f->env, ada, f->project_id, &file, f->arena, &out, &e),
              MC_OK);
    CHECK_INT(out.attempt, 2);
    struct mc_submission sub;
    CHECK_INT(mc_store_submission_get(f->s, out.submission_id, f->arena, &sub, &e), MC_OK);
    CHECK_INT(sub.kind, MC_CONTENT_FILE);
    CHECK_MEM(sub.file_data, sub.file_len, report, sizeof report - 1);
    uint8_t want_sha[MC_SHA256_LEN];
    mc_digest(MC_DIGEST_SHA256, report, sizeof report - 1, want_sha);
    CHECK_MEM(sub.file_sha256, sizeof sub.file_sha256, want_sha, sizeof want_sha);

    mc_test_case("withdrawn: no more attempts");
    int64_t bob = add_user(f, "bob@example.org", "Bob");
    int64_t ben = 0;
    struct mc_enroll_request breq = { .learner_user_id = bob, .course_slug = f->course_slug };
    CHECK_INT(mc_learning_enroll(&f->env, &breq, &ben, &e), MC_OK);
    CHECK_INT(mc_learning_withdraw(&f->env, ada, ben, &e), MC_ERR_NOT_FOUND);
    CHECK_INT(mc_learning_withdraw(&f->env, bob, ben, &e), MC_OK);
    CHECK_INT(mc_learning_withdraw(&f->env, bob, ben, &e), MC_ERR_CONFLICT);
    CHECK_INT(mc_learning_submit_test(&f->env, bob, f->test_id, all_right, 3, f->arena, &out, &e),
              MC_ERR_FORBIDDEN);

    mc_test_case("store: references are checked and named");
    CHECK_INT(mc_store_enrollment_set_status(f->s, 999999, MC_ENROLL_COMPLETED, 0, &e),
              MC_ERR_NOT_FOUND);
    struct mc_enrollment both = { .learner_user_id = ada,
                                  .course_id = f->course_id,
                                  .program_id = f->program_id };
    CHECK_INT(mc_store_enrollment_put(f->s, &both, &e), MC_ERR_INVALID);
    struct mc_enrollment ghost = { .learner_user_id = 999999, .course_id = f->course_id };
    CHECK_INT(mc_store_enrollment_put(f->s, &ghost, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "enrollment.learner_user_id");
    struct mc_answer_row stray = { .question_id = 1 }; /* a demo test's question */
    CHECK_INT(mc_store_answers_put(f->s, project_sub, &stray, 1, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "is not a question of submission") != NULL);
    struct mc_rubric_score_row wrong_pos = { .position = 5, .points = 1 };
    struct mc_result bad = {
        .submission_id = project_sub, .score = 10, .rubric = &wrong_pos, .n_rubric = 1
    };
    CHECK_INT(mc_store_result_put(f->s, &bad, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "position 5 is not a criterion") != NULL);
    CHECK_INT(mc_store_result_get(f->s, project_sub, f->arena, &res, &e), MC_OK);
    CHECK(res.score == 10); /* the failed put changed nothing */
    bad.score = 101;
    CHECK_INT(mc_store_result_put(f->s, &bad, &e), MC_ERR_INVALID);

    mc_test_case("a caller's open transaction is left alone");
    CHECK_INT(mc_store_begin(f->s, &e), MC_OK);
    CHECK_INT(mc_learning_enroll(&f->env, &breq, &ben, &e), MC_ERR_INTERNAL);
    mc_store_rollback(f->s);
}

static void program_path(struct fixture *f)
{
    struct mc_err e;
    struct mc_learning_outcome out;
    int64_t cy = add_user(f, "cy@example.org", "Cy Young");
    int64_t grader = 0;
    struct mc_user u;
    CHECK_INT(mc_store_user_get_by_email(f->s, "grace@udacity.example", f->arena, &u, &e), MC_OK);
    grader = u.id;

    mc_test_case("a program enrollment records its price terms");
    int64_t pen = 0;
    struct mc_enroll_request req = { .learner_user_id = cy, .program_slug = f->program_slug };
    struct mc_enroll_request audit = req;
    audit.audit_only = true;
    CHECK_INT(mc_learning_enroll(&f->env, &audit, &pen, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "cannot be audited") != NULL);
    CHECK_INT(mc_learning_enroll(&f->env, &req, &pen, &e), MC_OK);
    struct mc_enrollment row;
    CHECK_INT(mc_store_enrollment_get(f->s, pen, f->arena, &row, &e), MC_OK);
    CHECK_INT(row.price_model, MC_PRICE_SUBSCRIPTION);
    CHECK_INT(row.price_cents, 39900);
    CHECK_STR(row.currency, "USD");
    struct mc_enrollment *list = NULL;
    size_t n = 0;
    CHECK_INT(mc_store_enrollment_list(f->s, cy, f->arena, &list, &n, &e), MC_OK);
    CHECK_INT(n, 1);

    mc_test_case("the program's course is taken under the program enrollment");
    CHECK_INT(mc_learning_submit_test(&f->env, cy, f->test_id, all_right, 3, f->arena, &out, &e),
              MC_OK);
    CHECK(out.passed);
    struct mc_work text = { .kind = MC_CONTENT_TEXT, .text = "An essay-length write-up." };
    CHECK_INT(mc_learning_submit_work(&f->env, cy, f->project_id, &text, f->arena, &out, &e),
              MC_OK);
    int64_t before = count_issued(f);
    struct mc_rubric_score sc[] = { { 6, NULL }, { 6, NULL } };
    struct mc_grade_request g = {
        .assessor_user_id = grader,
        .submission_id = out.submission_id,
        .scores = sc,
        .n_scores = 2,
    };

    mc_test_case("completing the course completes the program: both awarded at once");
    CHECK_INT(mc_learning_grade(&f->env, &g, f->arena, &out, &e), MC_OK);
    CHECK(out.course.complete);
    CHECK_INT(out.n_awards, 2);
    CHECK_INT(out.n_completed, 1);
    CHECK_INT(count_issued(f), before + 2);
    bool course_award = false, program_award = false;
    for (size_t i = 0; i < out.n_awards; i++) {
        course_award |= out.awards[i].course_id == f->course_id;
        program_award |= out.awards[i].program_id == f->program_id;
        CHECK_INT(out.awards[i].enrollment_id, pen);
        char why[600];
        CHECK(verify_stored(f, out.awards[i].credential_id, why, sizeof why));
        CHECK_STR(why, "");
    }
    CHECK(course_award && program_award);
    CHECK_INT(mc_store_enrollment_get(f->s, pen, f->arena, &row, &e), MC_OK);
    CHECK_INT(row.status, MC_ENROLL_COMPLETED);
    bool holds = false;
    struct mc_program prog;
    CHECK_INT(mc_store_program_get_by_id(f->s, f->program_id, f->arena, &prog, &e), MC_OK);
    CHECK_INT(mc_store_user_holds_achievement(f->s, cy, prog.achievement_id, &holds, &e), MC_OK);
    CHECK(holds);
}

int main(void)
{
    struct fixture f;
    setup(&f);
    course_path(&f);
    program_path(&f);
    teardown(&f);
    return mc_test_done();
}
