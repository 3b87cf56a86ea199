/* SPDX-License-Identifier: Apache-2.0 */
/* Grading: tests, attempts, rubrics, the course grade and completion, as tables of cases. */
#include <math.h>
#include <string.h>

#include "core/grading.h"
#include "test.h"

/* A test worth 10 points, pass mark 70:
 *   1. single, 2 points: options 0 (correct), 1, 2
 *   2. multiple, 3 points: options 0 and 1 correct, 2 and 3 not
 *   3. numeric, 1 point: 0.5 within 0.001
 *   4. numeric, 4 points: exactly 75 */
static struct mc_question_option q1_opts[] = { { "a", true }, { "b", false }, { "c", false } };
static struct mc_question_option q2_opts[] = {
    { "a", true }, { "b", true }, { "c", false }, { "d", false }
};
static struct mc_question questions[] = {
    { .id = 1,
      .kind = MC_QUESTION_SINGLE,
      .prompt = "one",
      .points = 2,
      .options = q1_opts,
      .n_options = 3 },
    { .id = 2,
      .kind = MC_QUESTION_MULTIPLE,
      .prompt = "two",
      .points = 3,
      .options = q2_opts,
      .n_options = 4 },
    { .id = 3,
      .kind = MC_QUESTION_NUMERIC,
      .prompt = "three",
      .points = 1,
      .numeric_answer = 0.5,
      .numeric_tolerance = 0.001 },
    { .id = 4,
      .kind = MC_QUESTION_NUMERIC,
      .prompt = "four",
      .points = 4,
      .numeric_answer = 75,
      .numeric_tolerance = 0 },
};
static const struct mc_assessment test10 = {
    .id = 10,
    .kind = MC_ASSESS_TEST,
    .title = "Quiz",
    .pass_mark = 70,
    .max_attempts = 2,
    .weight = 1,
    .questions = questions,
    .n_questions = 4,
};

/* Three 1-point questions: 2 right is 66.666...%. */
static struct mc_question_option yes_no[] = { { "yes", true }, { "no", false } };
static struct mc_question thirds_q[] = {
    { .kind = MC_QUESTION_SINGLE, .prompt = "a", .points = 1, .options = yes_no, .n_options = 2 },
    { .kind = MC_QUESTION_SINGLE, .prompt = "b", .points = 1, .options = yes_no, .n_options = 2 },
    { .kind = MC_QUESTION_SINGLE, .prompt = "c", .points = 1, .options = yes_no, .n_options = 2 },
};

#define OPTS(...) \
    (const int[]){ __VA_ARGS__ }, sizeof((const int[]){ __VA_ARGS__ }) / sizeof(int), false, 0
#define NUM(v) NULL, 0, true, (v)
#define NONE   NULL, 0, false, 0

static const struct answer_case {
    const char *name;
    struct mc_answer answers[5];
    size_t n;
    enum mc_rc rc;
    double earned;
    bool passed;
    const char *msg; /* a part of the message, for errors */
    const char *where;
} answer_cases[] = {
    { "all right",
      { { OPTS(0) }, { OPTS(0, 1) }, { NUM(0.5) }, { NUM(75) } },
      4,
      MC_OK,
      10,
      true,
      NULL,
      NULL },
    { "multiple in another order",
      { { OPTS(0) }, { OPTS(1, 0) }, { NUM(0.5) }, { NUM(75) } },
      4,
      MC_OK,
      10,
      true,
      NULL,
      NULL },
    { "exactly the pass mark (7 of 10)",
      { { OPTS(1) }, { OPTS(0, 1) }, { NUM(0.6) }, { NUM(75) } },
      4,
      MC_OK,
      7,
      true,
      NULL,
      NULL },
    { "just below the pass mark (6 of 10)",
      { { OPTS(0) }, { OPTS(0) }, { NUM(0.6) }, { NUM(75) } },
      4,
      MC_OK,
      6,
      false,
      NULL,
      NULL },
    { "multiple: some correct options only earns nothing",
      { { NONE }, { OPTS(1) }, { NONE }, { NONE } },
      4,
      MC_OK,
      0,
      false,
      NULL,
      NULL },
    { "multiple: the correct ones and a wrong one earns nothing",
      { { NONE }, { OPTS(0, 1, 2) }, { NONE }, { NONE } },
      4,
      MC_OK,
      0,
      false,
      NULL,
      NULL },
    { "multiple: every option earns nothing",
      { { NONE }, { OPTS(3, 2, 1, 0) }, { NONE }, { NONE } },
      4,
      MC_OK,
      0,
      false,
      NULL,
      NULL },
    { "tolerance: at the upper edge",
      { { NONE }, { NONE }, { NUM(0.501) }, { NONE } },
      4,
      MC_OK,
      1,
      false,
      NULL,
      NULL },
    { "tolerance: at the lower edge",
      { { NONE }, { NONE }, { NUM(0.499) }, { NONE } },
      4,
      MC_OK,
      1,
      false,
      NULL,
      NULL },
    { "tolerance: just outside",
      { { NONE }, { NONE }, { NUM(0.5011) }, { NONE } },
      4,
      MC_OK,
      0,
      false,
      NULL,
      NULL },
    { "tolerance 0: exact",
      { { NONE }, { NONE }, { NONE }, { NUM(75.0) } },
      4,
      MC_OK,
      4,
      false,
      NULL,
      NULL },
    { "tolerance 0: a little off",
      { { NONE }, { NONE }, { NONE }, { NUM(75.001) } },
      4,
      MC_OK,
      0,
      false,
      NULL,
      NULL },
    { "no answers at all", { { NONE } }, 0, MC_OK, 0, false, NULL, NULL },
    { "fewer answers than questions",
      { { OPTS(0) }, { OPTS(0, 1) } },
      2,
      MC_OK,
      5,
      false,
      NULL,
      NULL },
    { "an empty option list is unanswered",
      { { NULL, 0, false, 0 } },
      1,
      MC_OK,
      0,
      false,
      NULL,
      NULL },
    { "duplicate option",
      { { OPTS(0) }, { OPTS(0, 0) } },
      2,
      MC_ERR_INVALID,
      0,
      false,
      "question 2: option 0 is chosen twice",
      "answers[1]" },
    { "duplicate option in a single-choice question",
      { { OPTS(0, 0) } },
      1,
      MC_ERR_INVALID,
      0,
      false,
      "takes one option, not 2",
      "answers[0]" },
    { "option that does not exist",
      { { OPTS(7) } },
      1,
      MC_ERR_INVALID,
      0,
      false,
      "question 1: option 7 does not exist: the options are 0 to 2",
      "answers[0]" },
    { "negative option",
      { { NONE }, { OPTS(-1) } },
      2,
      MC_ERR_INVALID,
      0,
      false,
      "question 2: option -1 does not exist",
      "answers[1]" },
    { "two options for a single-choice question",
      { { OPTS(0, 1) } },
      1,
      MC_ERR_INVALID,
      0,
      false,
      "question 1: a single-choice question takes one option, not 2",
      "answers[0]" },
    { "NaN",
      { { NONE }, { NONE }, { NUM(NAN) } },
      3,
      MC_ERR_INVALID,
      0,
      false,
      "question 3: nan is not a finite number",
      "answers[2]" },
    { "infinity",
      { { NONE }, { NONE }, { NONE }, { NUM(INFINITY) } },
      4,
      MC_ERR_INVALID,
      0,
      false,
      "question 4: inf is not a finite number",
      "answers[3]" },
    { "options for a numeric question",
      { { NONE }, { NONE }, { OPTS(0) } },
      3,
      MC_ERR_INVALID,
      0,
      false,
      "question 3: a numeric question takes a number, not options",
      "answers[2]" },
    { "a number for a choice question",
      { { NUM(1) } },
      1,
      MC_ERR_INVALID,
      0,
      false,
      "question 1: a single-choice question takes options, not a number",
      "answers[0]" },
    { "more answers than questions",
      { { NONE }, { NONE }, { NONE }, { NONE }, { NONE } },
      5,
      MC_ERR_INVALID,
      0,
      false,
      "5 answers for a test of 4 questions",
      "" },
};

static void test_answers(void)
{
    for (size_t i = 0; i < sizeof answer_cases / sizeof answer_cases[0]; i++) {
        const struct answer_case *c = &answer_cases[i];
        mc_test_case("answers: %s", c->name);
        struct mc_err e;
        mc_err_clear(&e);
        struct mc_grade g;
        double points[4] = { -1, -1, -1, -1 };
        CHECK_INT(mc_grade_test(&test10, c->answers, c->n, points, &g, &e), c->rc);
        if (c->rc) {
            CHECK(strstr(e.msg, c->msg) != NULL);
            CHECK_STR(e.where, c->where);
            continue;
        }
        CHECK(fabs(g.earned - c->earned) < 1e-12);
        CHECK(fabs(g.total - 10) < 1e-12);
        CHECK(fabs(g.score - c->earned * 10) < 1e-9);
        CHECK_INT(g.passed, c->passed);
        double sum = 0;
        for (size_t k = 0; k < 4; k++)
            sum += points[k];
        CHECK(fabs(sum - c->earned) < 1e-12);
    }
}

static const struct {
    const char *name;
    double pass_mark;
    int right; /* of 3 */
    bool passed;
} threshold_cases[] = {
    { "2 of 3 against 66.67", 66.67, 2, false },
    { "2 of 3 against 66.666666667 (rounding)", 66.666666667, 2, true },
    { "2 of 3 against 66.6", 66.6, 2, true },
    { "3 of 3 against 100", 100, 3, true },
    { "0 of 3 against 0", 0, 0, true },
    { "2 of 3 against 100", 100, 2, false },
};

static void test_thresholds(void)
{
    for (size_t i = 0; i < sizeof threshold_cases / sizeof threshold_cases[0]; i++) {
        mc_test_case("pass mark: %s", threshold_cases[i].name);
        struct mc_assessment a = { .kind = MC_ASSESS_TEST,
                                   .title = "t",
                                   .pass_mark = threshold_cases[i].pass_mark,
                                   .questions = thirds_q,
                                   .n_questions = 3 };
        static const int right[] = { 0 }, wrong[] = { 1 };
        struct mc_answer ans[3];
        for (int k = 0; k < 3; k++)
            ans[k] =
                    (struct mc_answer){ k < threshold_cases[i].right ? right : wrong, 1, false, 0 };
        struct mc_grade g;
        CHECK_INT(mc_grade_test(&a, ans, 3, NULL, &g, NULL), MC_OK);
        CHECK_INT(g.passed, threshold_cases[i].passed);
    }
}

/* Tests the catalog got wrong: refused before any answer is looked at. */
static void test_bad_tests(void)
{
    static struct mc_question_option two_right[] = { { "a", true }, { "b", true } };
    static struct mc_question_option none_right[] = { { "a", false }, { "b", false } };
    static const struct {
        const char *name;
        struct mc_question q;
        const char *msg;
    } cases[] = {
        { "single with two correct options",
          { .kind = MC_QUESTION_SINGLE,
            .prompt = "p",
            .points = 1,
            .options = two_right,
            .n_options = 2 },
          "question 1: a single-choice question needs exactly one correct option, it has 2" },
        { "multiple with none correct",
          { .kind = MC_QUESTION_MULTIPLE,
            .prompt = "p",
            .points = 1,
            .options = none_right,
            .n_options = 2 },
          "question 1: a multiple-answer question needs at least one correct option" },
        { "numeric with a negative tolerance",
          { .kind = MC_QUESTION_NUMERIC,
            .prompt = "p",
            .points = 1,
            .numeric_answer = 1,
            .numeric_tolerance = -1 },
          "needs a finite answer and a tolerance >= 0" },
        { "numeric with a NaN answer",
          { .kind = MC_QUESTION_NUMERIC, .prompt = "p", .points = 1, .numeric_answer = NAN },
          "needs a finite answer" },
        { "negative points",
          { .kind = MC_QUESTION_NUMERIC, .prompt = "p", .points = -2 },
          "question 1: points -2 must be a number >= 0" },
        { "no points at all",
          { .kind = MC_QUESTION_NUMERIC, .prompt = "p", .points = 0 },
          "is worth no points" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("bad test: %s", cases[i].name);
        struct mc_question q = cases[i].q;
        struct mc_assessment a = {
            .id = 5, .kind = MC_ASSESS_TEST, .questions = &q, .n_questions = 1
        };
        struct mc_err e;
        struct mc_grade g;
        CHECK_INT(mc_grade_test(&a, NULL, 0, NULL, &g, &e), MC_ERR_INVALID);
        CHECK(strstr(e.msg, cases[i].msg) != NULL);
    }
    mc_test_case("bad test: no questions");
    struct mc_assessment empty = { .id = 6, .kind = MC_ASSESS_TEST };
    struct mc_err e;
    struct mc_grade g;
    CHECK_INT(mc_grade_test(&empty, NULL, 0, NULL, &g, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "has no questions") != NULL);
    mc_test_case("bad test: an essay is not a test");
    struct mc_assessment essay = test10;
    essay.kind = MC_ASSESS_ESSAY;
    CHECK_INT(mc_grade_test(&essay, NULL, 0, NULL, &g, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "assessment 10 is not a test") != NULL);
}

static void test_attempts(void)
{
    static const struct {
        int max, so_far;
        enum mc_rc rc;
    } cases[] = {
        { 2, 0, MC_OK },
        { 2, 1, MC_OK },
        { 2, 2, MC_ERR_FORBIDDEN },
        { 2, 7, MC_ERR_FORBIDDEN },
        { 1, 1, MC_ERR_FORBIDDEN },
        { 0, 0, MC_OK },
        { 0, 100000, MC_OK },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("attempts: %d made of %d allowed", cases[i].so_far, cases[i].max);
        struct mc_assessment a = test10;
        a.max_attempts = cases[i].max;
        struct mc_err e;
        CHECK_INT(mc_grade_check_attempt(&a, cases[i].so_far, &e), cases[i].rc);
        if (cases[i].rc)
            CHECK(strstr(e.msg, "no attempts left: 'Quiz' allows") != NULL);
    }
}

/* A project rubric worth 40 points, pass mark 60. */
static struct mc_rubric_criterion rubric[] = {
    { "Analysis", "", 10 },
    { "Code", "", 20 },
    { "Report", "", 10 },
};
static const struct mc_assessment project = {
    .id = 20,
    .kind = MC_ASSESS_PROJECT,
    .title = "Capstone",
    .pass_mark = 60,
    .weight = 1,
    .rubric = rubric,
    .n_rubric = 3,
};

static void test_rubric(void)
{
    static const struct {
        const char *name;
        double p[3];
        size_t n;
        enum mc_rc rc;
        double score;
        bool passed;
        const char *msg;
        const char *where;
    } cases[] = {
        { "full marks", { 10, 20, 10 }, 3, MC_OK, 100, true, NULL, NULL },
        { "exactly the pass mark", { 6, 12, 6 }, 3, MC_OK, 60, true, NULL, NULL },
        { "just below", { 6, 12, 5.9 }, 3, MC_OK, 59.75, false, NULL, NULL },
        { "nothing", { 0, 0, 0 }, 3, MC_OK, 0, false, NULL, NULL },
        { "over a criterion's maximum",
          { 11, 0, 0 },
          3,
          MC_ERR_INVALID,
          0,
          false,
          "criterion 1 'Analysis': 11 points is more than its 10",
          "scores[0]" },
        { "below zero",
          { 0, -1, 0 },
          3,
          MC_ERR_INVALID,
          0,
          false,
          "criterion 2 'Code': -1 points is below 0",
          "scores[1]" },
        { "not a number",
          { 0, 0, NAN },
          3,
          MC_ERR_INVALID,
          0,
          false,
          "criterion 3 'Report': nan is not a finite number",
          "scores[2]" },
        { "a criterion left out",
          { 1, 2 },
          2,
          MC_ERR_INVALID,
          0,
          false,
          "2 scores for a rubric of 3 criteria",
          "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("rubric: %s", cases[i].name);
        struct mc_rubric_score sc[3];
        for (size_t k = 0; k < 3; k++)
            sc[k] = (struct mc_rubric_score){ cases[i].p[k], NULL };
        struct mc_err e;
        mc_err_clear(&e);
        struct mc_grade g;
        CHECK_INT(mc_grade_rubric(&project, sc, cases[i].n, &g, &e), cases[i].rc);
        if (cases[i].rc) {
            CHECK(strstr(e.msg, cases[i].msg) != NULL);
            CHECK_STR(e.where, cases[i].where);
            continue;
        }
        CHECK(fabs(g.score - cases[i].score) < 1e-9);
        CHECK_INT(g.passed, cases[i].passed);
    }
    struct mc_err e;
    struct mc_grade g;
    struct mc_rubric_score sc[3] = { { 1, NULL }, { 1, NULL }, { 1, NULL } };
    mc_test_case("rubric: a test is graded automatically");
    CHECK_INT(mc_grade_rubric(&test10, sc, 3, &g, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "graded automatically") != NULL);
    mc_test_case("rubric: none to grade against");
    struct mc_assessment bare = project;
    bare.n_rubric = 0;
    CHECK_INT(mc_grade_rubric(&bare, sc, 0, &g, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "no rubric") != NULL);
    mc_test_case("rubric: worth no points");
    struct mc_rubric_criterion zero[] = { { "Only", "", 0 } };
    bare.rubric = zero;
    bare.n_rubric = 1;
    struct mc_rubric_score z = { 0, NULL };
    CHECK_INT(mc_grade_rubric(&bare, &z, 1, &g, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "worth no points") != NULL);
}

static void test_course(void)
{
    static const struct {
        const char *name;
        struct mc_assessment_standing a[3];
        size_t n;
        double grade;
        bool complete;
    } cases[] = {
        { "both passed, weighted", { { 0.5, 80, true }, { 1, 60, true } }, 2, 200.0 / 3, true },
        { "one not passed", { { 0.5, 80, true }, { 1, 50, false } }, 2, 60, false },
        { "one not attempted counts 0", { { 1, 90, true }, { 1, -1, false } }, 2, 45, false },
        { "nothing graded", { { 1, -1, false } }, 1, 0, false },
        { "every weight 0: the plain mean", { { 0, 70, true }, { 0, 90, true } }, 2, 80, true },
        { "a weight of 0 among others does not count",
          { { 0, 10, true }, { 1, 90, true } },
          2,
          90,
          true },
        { "no assessments: never complete", { { 0, 0, false } }, 0, 0, false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("course: %s", cases[i].name);
        struct mc_course_standing st;
        mc_grade_course(cases[i].a, cases[i].n, &st);
        CHECK(fabs(st.grade - cases[i].grade) < 1e-9);
        CHECK_INT(st.complete, cases[i].complete);
        CHECK_INT(st.n_total, cases[i].n);
    }
}

static void test_program(void)
{
    static const struct {
        const char *name;
        struct mc_part_standing p[3];
        size_t n;
        bool complete;
    } cases[] = {
        { "every required part complete", { { true, true }, { true, true } }, 2, true },
        { "a required part missing", { { true, true }, { true, false } }, 2, false },
        { "an optional part missing", { { true, true }, { false, false } }, 2, true },
        { "only optional parts", { { false, true }, { false, true } }, 2, false },
        { "no parts", { { false, false } }, 0, false },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("program: %s", cases[i].name);
        CHECK_INT(mc_grade_program_complete(cases[i].p, cases[i].n), cases[i].complete);
    }
}

static void test_format(void)
{
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        { 87.5, "87.5" },   { 100, "100" }, { 200.0 / 3, "66.67" }, { 0, "0" }, { 70.004, "70" },
        { 59.75, "59.75" }, { -3, "0" },    { 1000, "100" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("format: %g", cases[i].v);
        char out[16];
        mc_grade_format(cases[i].v, out);
        CHECK_STR(out, cases[i].want);
    }
}

int main(void)
{
    test_answers();
    test_thresholds();
    test_bad_tests();
    test_attempts();
    test_rubric();
    test_course();
    test_program();
    test_format();
    return mc_test_done();
}
