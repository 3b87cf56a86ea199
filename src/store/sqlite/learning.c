/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: enrollments, submissions, answers, results, best results, the grading queue. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "store/sqlite/sqlite.h"

/* --- helpers --- */

/* A stored enum name read back: its index among `count` names, or -1 if this build does not
 * know it (someone edited the file by hand). */
static int name_index(struct mc_str s, const char *(*name)(int), int count)
{
    for (int i = 0; i < count; i++)
        if (mc_str_eqz(s, name(i)))
            return i;
    return -1;
}

static const char *enroll_status_name(int i)
{
    return mc_enrollment_status_name((enum mc_enrollment_status)i);
}

static const char *content_name(int i)
{
    return mc_content_kind_name((enum mc_content_kind)i);
}

static const char *submission_status_name(int i)
{
    return mc_submission_status_name((enum mc_submission_status)i);
}

static const char *price_name(int i)
{
    return mc_price_model_name((enum mc_price_model)i);
}

static const char *assessment_kind_name(int i)
{
    return mc_assessment_kind_name((enum mc_assessment_kind)i);
}

static const char sql_user_exists[] = "SELECT 1 FROM users WHERE id = ?1";
static const char sql_course_exists[] = "SELECT 1 FROM courses WHERE id = ?1";
static const char sql_program_exists[] = "SELECT 1 FROM programs WHERE id = ?1";
static const char sql_assessment_exists[] = "SELECT 1 FROM assessments WHERE id = ?1";
static const char sql_submission_exists[] = "SELECT 1 FROM submissions WHERE id = ?1";

/* --- enrollments --- */

#define ENROLL_COLS                                                                            \
    "id, learner_user_id, program_id, course_id, status, price_model, price_cents, currency, " \
    "audit_only, enrolled_at, completed_at, withdrawn_at"
static const char sql_enroll_put[] =
        "INSERT INTO enrollments (learner_user_id, program_id, course_id, status, price_model, "
        "price_cents, currency, audit_only, enrolled_at, completed_at, withdrawn_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce(?7, 'USD'), ?8, ?9, ?10, ?11)";
static const char sql_enroll_get[] = "SELECT " ENROLL_COLS " FROM enrollments WHERE id = ?1";
static const char sql_enroll_list[] =
        "SELECT " ENROLL_COLS " FROM enrollments WHERE learner_user_id = ?1 ORDER BY id";
static const char sql_enroll_status[] =
        "UPDATE enrollments SET status = ?2, "
        "completed_at = CASE WHEN ?2 = 'completed' THEN ?3 ELSE completed_at END, "
        "withdrawn_at = CASE WHEN ?2 = 'withdrawn' THEN ?3 ELSE withdrawn_at END WHERE id = ?1";

enum mc_rc mc_sqlite_enrollment_put(struct mc_store *s, struct mc_enrollment *en, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_ref_exists(q, sql_user_exists, en->learner_user_id,
                                         "enrollment.learner_user_id", e);
    if (!rc && en->course_id)
        rc = mc_sqlite_ref_exists(q, sql_course_exists, en->course_id, "enrollment.course_id", e);
    if (!rc && en->program_id)
        rc = mc_sqlite_ref_exists(q, sql_program_exists, en->program_id, "enrollment.program_id",
                                  e);
    if (!rc)
        rc = mc_sqlite_stmt(q, sql_enroll_put, &st, e);
    if (rc)
        return rc;
    if (!en->enrolled_at)
        en->enrolled_at = mc_sqlite_now();
    sqlite3_bind_int64(st, 1, en->learner_user_id);
    mc_sqlite_bind_id(st, 2, en->program_id);
    mc_sqlite_bind_id(st, 3, en->course_id);
    mc_sqlite_bind_text(st, 4, mc_enrollment_status_name(en->status));
    mc_sqlite_bind_text(st, 5, mc_price_model_name(en->price_model));
    sqlite3_bind_int64(st, 6, en->price_cents);
    mc_sqlite_bind_text(st, 7, en->currency);
    sqlite3_bind_int(st, 8, en->audit_only);
    sqlite3_bind_int64(st, 9, en->enrolled_at);
    mc_sqlite_bind_id(st, 10, en->completed_at);
    mc_sqlite_bind_id(st, 11, en->withdrawn_at);
    rc = mc_sqlite_exec_stmt(q, st, "adding an enrollment", e);
    if (rc == MC_ERR_CONFLICT)
        return mc_err_set(e, rc, "learner %lld is enrolled in %s %lld already",
                          (long long)en->learner_user_id, en->course_id ? "course" : "program",
                          (long long)(en->course_id ? en->course_id : en->program_id));
    if (rc)
        return rc;
    en->id = sqlite3_last_insert_rowid(q->db);
    return MC_OK;
}

static enum mc_rc read_enrollment(struct mc_sqlite *q, sqlite3_stmt *st, struct mc_arena *arena,
                                  struct mc_enrollment *out, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(st, 0);
    out->learner_user_id = sqlite3_column_int64(st, 1);
    out->program_id = sqlite3_column_int64(st, 2);
    out->course_id = sqlite3_column_int64(st, 3);
    int status = name_index(mc_sqlite_col_str(st, 4), enroll_status_name, MC_ENROLL_STATUS_COUNT);
    int price = name_index(mc_sqlite_col_str(st, 5), price_name, MC_PRICE_MODEL_COUNT);
    if (status < 0)
        return mc_sqlite_bad_column(q, "enrollments.status", e);
    if (price < 0)
        return mc_sqlite_bad_column(q, "enrollments.price_model", e);
    out->status = (enum mc_enrollment_status)status;
    out->price_model = (enum mc_price_model)price;
    out->price_cents = sqlite3_column_int64(st, 6);
    out->currency = mc_sqlite_col_text(st, 7, arena);
    out->audit_only = sqlite3_column_int(st, 8);
    out->enrolled_at = sqlite3_column_int64(st, 9);
    out->completed_at = sqlite3_column_int64(st, 10);
    out->withdrawn_at = sqlite3_column_int64(st, 11);
    return MC_OK;
}

enum mc_rc mc_sqlite_enrollment_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                    struct mc_enrollment *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, sql_enroll_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        rc = read_enrollment(q, st, arena, out, e);
    else if (r == SQLITE_DONE)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no enrollment with id %lld", (long long)id);
    else
        rc = mc_sqlite_fail(q, "reading an enrollment", e);
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_enrollment_list(struct mc_store *s, int64_t learner_user_id,
                                     struct mc_arena *arena, struct mc_enrollment **out, size_t *n,
                                     struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_enroll_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, learner_user_id);
    struct mc_sqlite_vec v = { .size = sizeof(struct mc_enrollment) };
    int r = SQLITE_DONE;
    while (rc == MC_OK && (r = sqlite3_step(st)) == SQLITE_ROW)
        rc = read_enrollment(q, st, arena, mc_sqlite_vec_push(&v), e);
    *out = mc_sqlite_vec_finish(q, st, r, &v, arena, n, &rc, "listing enrollments", e);
    return rc;
}

enum mc_rc mc_sqlite_enrollment_set_status(struct mc_store *s, int64_t id,
                                           enum mc_enrollment_status status, int64_t at,
                                           struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_enroll_status, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    mc_sqlite_bind_text(st, 2, mc_enrollment_status_name(status));
    sqlite3_bind_int64(st, 3, at ? at : mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, "changing an enrollment's status", e);
    if (rc)
        return rc;
    if (sqlite3_changes(q->db) == 0)
        return mc_err_set(e, MC_ERR_NOT_FOUND, "no enrollment with id %lld", (long long)id);
    return MC_OK;
}

/* --- submissions --- */

/* The attempt number is read and written by the same statement, inside the caller's
 * transaction: two submissions cannot both become attempt 2. */
static const char sql_sub_put[] =
        "INSERT INTO submissions (assessment_id, learner_user_id, attempt, content_kind, text, "
        "url, file_name, file_type, file_data, file_sha256, status, submitted_at) "
        "SELECT ?1, ?2, coalesce(max(attempt), 0) + 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 "
        "FROM submissions WHERE assessment_id = ?1 AND learner_user_id = ?2";
static const char sql_sub_attempt[] = "SELECT attempt FROM submissions WHERE id = ?1";
static const char sql_sub_get[] =
        "SELECT id, assessment_id, learner_user_id, attempt, content_kind, text, url, file_name, "
        "file_type, file_data, file_sha256, status, submitted_at FROM submissions WHERE id = ?1";
static const char sql_sub_count[] =
        "SELECT count(*) FROM submissions WHERE learner_user_id = ?1 AND assessment_id = ?2";

enum mc_rc mc_sqlite_submission_put(struct mc_store *s, struct mc_submission *sub, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_ref_exists(q, sql_assessment_exists, sub->assessment_id,
                                         "submission.assessment_id", e);
    if (!rc)
        rc = mc_sqlite_ref_exists(q, sql_user_exists, sub->learner_user_id,
                                  "submission.learner_user_id", e);
    if (!rc)
        rc = mc_sqlite_stmt(q, sql_sub_put, &st, e);
    if (rc)
        return rc;
    if (!sub->submitted_at)
        sub->submitted_at = mc_sqlite_now();
    bool file = sub->kind == MC_CONTENT_FILE;
    sqlite3_bind_int64(st, 1, sub->assessment_id);
    sqlite3_bind_int64(st, 2, sub->learner_user_id);
    mc_sqlite_bind_text(st, 3, mc_content_kind_name(sub->kind));
    mc_sqlite_bind_text(st, 4, sub->kind == MC_CONTENT_TEXT ? sub->text : NULL);
    mc_sqlite_bind_text(st, 5, sub->kind == MC_CONTENT_URL ? sub->url : NULL);
    mc_sqlite_bind_text(st, 6, file ? sub->file_name : NULL);
    mc_sqlite_bind_text(st, 7, file ? sub->file_type : NULL);
    if (file) {
        sqlite3_bind_blob64(st, 8, sub->file_data, sub->file_len, SQLITE_STATIC);
        sqlite3_bind_blob(st, 9, sub->file_sha256, (int)sizeof sub->file_sha256, SQLITE_STATIC);
    }
    mc_sqlite_bind_text(st, 10, mc_submission_status_name(sub->status));
    sqlite3_bind_int64(st, 11, sub->submitted_at);
    rc = mc_sqlite_exec_stmt(q, st, "adding a submission", e);
    if (rc)
        return rc;
    sub->id = sqlite3_last_insert_rowid(q->db);
    rc = mc_sqlite_stmt(q, sql_sub_attempt, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, sub->id);
    if (sqlite3_step(st) == SQLITE_ROW)
        sub->attempt = sqlite3_column_int(st, 0);
    else
        rc = mc_sqlite_fail(q, "reading an attempt number", e);
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_submission_get(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                    struct mc_submission *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, sql_sub_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    if (r == SQLITE_DONE) {
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no submission with id %lld", (long long)id);
        goto out;
    }
    if (r != SQLITE_ROW) {
        rc = mc_sqlite_fail(q, "reading a submission", e);
        goto out;
    }
    out->id = sqlite3_column_int64(st, 0);
    out->assessment_id = sqlite3_column_int64(st, 1);
    out->learner_user_id = sqlite3_column_int64(st, 2);
    out->attempt = sqlite3_column_int(st, 3);
    int kind = name_index(mc_sqlite_col_str(st, 4), content_name, MC_CONTENT_KIND_COUNT);
    int status = name_index(mc_sqlite_col_str(st, 11), submission_status_name,
                            MC_SUBMISSION_STATUS_COUNT);
    if (kind < 0 || status < 0) {
        rc = mc_sqlite_bad_column(q, kind < 0 ? "submissions.content_kind" : "submissions.status",
                                  e);
        goto out;
    }
    out->kind = (enum mc_content_kind)kind;
    out->status = (enum mc_submission_status)status;
    out->text = mc_sqlite_col_text(st, 5, arena);
    out->url = mc_sqlite_col_text(st, 6, arena);
    out->file_name = mc_sqlite_col_text(st, 7, arena);
    out->file_type = mc_sqlite_col_text(st, 8, arena);
    const void *blob = sqlite3_column_blob(st, 9);
    size_t len = (size_t)sqlite3_column_bytes(st, 9);
    if (blob && len) {
        out->file_data = (const uint8_t *)mc_arena_memdupz(arena, blob, len);
        out->file_len = len;
    }
    if (sqlite3_column_bytes(st, 10) == (int)sizeof out->file_sha256)
        memcpy(out->file_sha256, sqlite3_column_blob(st, 10), sizeof out->file_sha256);
    out->submitted_at = sqlite3_column_int64(st, 12);
out:
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_submission_count(struct mc_store *s, int64_t learner_user_id,
                                      int64_t assessment_id, int *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_sub_count, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, learner_user_id);
    sqlite3_bind_int64(st, 2, assessment_id);
    if (sqlite3_step(st) == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    else
        rc = mc_sqlite_fail(q, "counting attempts", e);
    sqlite3_reset(st);
    return rc;
}

/* --- answers --- */

/* An answer is stored only for a question of the submission's own test. */
static const char sql_answer_put[] =
        "INSERT INTO answers (submission_id, question_id, selected, numeric_value, points) "
        "SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM questions q "
        "JOIN submissions s ON s.assessment_id = q.assessment_id WHERE q.id = ?2 AND s.id = ?1)";
static const char sql_answers_list[] =
        "SELECT a.question_id, a.selected, a.numeric_value, a.points FROM answers a "
        "JOIN questions q ON q.id = a.question_id WHERE a.submission_id = ?1 ORDER BY q.position";

/* The positions as a JSON array of integers: "[0,2]" (heap). */
static char *selected_json(const int *sel, size_t n)
{
    size_t cap = n * 12 + 3, len = 0;
    char *out = mc_xmalloc(cap);
    out[len++] = '[';
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(out + len, cap - len, "%s%d", i ? "," : "", sel[i]);
    out[len++] = ']';
    out[len] = '\0';
    return out;
}

/* Read back what selected_json wrote; false for anything else. */
static bool parse_selected(struct mc_str s, struct mc_arena *arena, int **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (s.len < 2 || s.p[0] != '[' || s.p[s.len - 1] != ']')
        return false;
    size_t count = 0;
    for (size_t i = 1; i + 1 < s.len; i++)
        count += s.p[i] == ',';
    bool empty = s.len == 2;
    if (!empty)
        count++;
    int *v = count ? mc_arena_calloc(arena, count, sizeof *v) : NULL;
    size_t k = 0, i = 1;
    while (!empty && i + 1 < s.len) {
        int64_t x = 0;
        size_t digits = 0;
        while (i + 1 < s.len && s.p[i] >= '0' && s.p[i] <= '9' && digits < 10) {
            x = x * 10 + (s.p[i] - '0');
            i++;
            digits++;
        }
        if (!digits || x > 1000000 || k == count)
            return false;
        v[k++] = (int)x;
        if (i + 1 < s.len) {
            if (s.p[i] != ',')
                return false;
            i++;
        }
    }
    if (k != count)
        return false;
    *out = v;
    *n = count;
    return true;
}

enum mc_rc mc_sqlite_answers_put(struct mc_store *s, int64_t submission_id,
                                 const struct mc_answer_row *rows, size_t n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_ref_exists(q, sql_submission_exists, submission_id,
                                         "answer.submission_id", e);
    if (rc)
        return rc;
    rc = mc_sqlite_savepoint(q, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && rc == MC_OK; i++) {
        const struct mc_answer_row *a = &rows[i];
        rc = mc_sqlite_stmt(q, sql_answer_put, &st, e);
        if (rc)
            break;
        char *sel = a->n_selected ? selected_json(a->selected, a->n_selected) : NULL;
        sqlite3_bind_int64(st, 1, submission_id);
        sqlite3_bind_int64(st, 2, a->question_id);
        mc_sqlite_bind_text(st, 3, sel);
        if (a->has_value)
            sqlite3_bind_double(st, 4, a->numeric_value);
        sqlite3_bind_double(st, 5, a->points);
        rc = mc_sqlite_exec_stmt(q, st, "adding an answer", e);
        free(sel);
        if (rc == MC_ERR_CONFLICT)
            rc = mc_err_set(e, rc, "question %lld is answered twice", (long long)a->question_id);
        else if (rc == MC_OK && sqlite3_changes(q->db) == 0)
            rc = mc_err_set(e, MC_ERR_INVALID,
                            "question %lld is not a question of submission %lld's test",
                            (long long)a->question_id, (long long)submission_id);
        if (rc)
            mc_err_where(e, "answers[%zu]", i);
    }
    return mc_sqlite_savepoint_end(q, rc, e);
}

enum mc_rc mc_sqlite_answers_list(struct mc_store *s, int64_t submission_id, struct mc_arena *arena,
                                  struct mc_answer_row **out, size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_answers_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, submission_id);
    struct mc_sqlite_vec v = { .size = sizeof(struct mc_answer_row) };
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct mc_answer_row *a = mc_sqlite_vec_push(&v);
        a->question_id = sqlite3_column_int64(st, 0);
        if (sqlite3_column_type(st, 1) != SQLITE_NULL) {
            int *sel = NULL;
            if (!parse_selected(mc_sqlite_col_str(st, 1), arena, &sel, &a->n_selected)) {
                rc = mc_sqlite_bad_column(q, "answers.selected", e);
                break;
            }
            a->selected = sel;
        }
        a->has_value = sqlite3_column_type(st, 2) != SQLITE_NULL;
        a->numeric_value = sqlite3_column_double(st, 2);
        a->points = sqlite3_column_double(st, 3);
    }
    *out = mc_sqlite_vec_finish(q, st, r, &v, arena, n, &rc, "reading answers", e);
    return rc;
}

/* --- results --- */

static const char sql_result_id[] = "SELECT id FROM results WHERE submission_id = ?1";
static const char sql_result_insert[] =
        "INSERT INTO results (submission_id, score, passed, graded_by_user_id, feedback, "
        "graded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_result_update[] =
        "UPDATE results SET score = ?2, passed = ?3, graded_by_user_id = ?4, feedback = ?5, "
        "graded_at = ?6 WHERE id = ?1";
static const char sql_result_scores_clear[] =
        "DELETE FROM result_rubric_scores WHERE result_id = ?1";
/* A score is stored only for a criterion of the submission's own assessment. */
static const char sql_result_score_put[] =
        "INSERT INTO result_rubric_scores (result_id, criterion_id, points, comment) "
        "SELECT ?1, rc.id, ?3, ?4 FROM rubric_criteria rc "
        "JOIN submissions s ON s.assessment_id = rc.assessment_id WHERE s.id = ?2 "
        "AND rc.position = ?5";
static const char sql_submission_graded[] =
        "UPDATE submissions SET status = 'graded' WHERE id = ?1";
static const char sql_result_get[] =
        "SELECT id, submission_id, score, passed, graded_by_user_id, feedback, graded_at "
        "FROM results WHERE submission_id = ?1";
static const char sql_result_scores_get[] =
        "SELECT rc.position, r.points, r.comment FROM result_rubric_scores r "
        "JOIN rubric_criteria rc ON rc.id = r.criterion_id WHERE r.result_id = ?1 "
        "ORDER BY rc.position";

static enum mc_rc result_row(struct mc_sqlite *q, struct mc_result *r, struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_result_id, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, r->submission_id);
    int step = sqlite3_step(st);
    int64_t prior = step == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return mc_sqlite_fail(q, "reading a result", e);
    rc = mc_sqlite_stmt(q, prior ? sql_result_update : sql_result_insert, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, prior ? prior : r->submission_id);
    sqlite3_bind_double(st, 2, r->score);
    sqlite3_bind_int(st, 3, r->passed);
    mc_sqlite_bind_id(st, 4, r->graded_by_user_id);
    mc_sqlite_bind_text(st, 5, r->feedback);
    sqlite3_bind_int64(st, 6, r->graded_at);
    rc = mc_sqlite_exec_stmt(q, st, "storing a result", e);
    if (rc)
        return rc;
    r->id = prior ? prior : sqlite3_last_insert_rowid(q->db);
    if (!prior)
        return MC_OK;
    rc = mc_sqlite_stmt(q, sql_result_scores_clear, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, prior);
    return mc_sqlite_exec_stmt(q, st, "replacing rubric scores", e);
}

enum mc_rc mc_sqlite_result_put(struct mc_store *s, struct mc_result *r, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_ref_exists(q, sql_submission_exists, r->submission_id,
                                         "result.submission_id", e);
    if (!rc && r->graded_by_user_id)
        rc = mc_sqlite_ref_exists(q, sql_user_exists, r->graded_by_user_id,
                                  "result.graded_by_user_id", e);
    if (rc)
        return rc;
    if (!r->graded_at)
        r->graded_at = mc_sqlite_now();
    rc = mc_sqlite_savepoint(q, e);
    if (rc)
        return rc;
    rc = result_row(q, r, e);
    for (size_t i = 0; rc == MC_OK && i < r->n_rubric; i++) {
        const struct mc_rubric_score_row *sc = &r->rubric[i];
        rc = mc_sqlite_stmt(q, sql_result_score_put, &st, e);
        if (rc)
            break;
        sqlite3_bind_int64(st, 1, r->id);
        sqlite3_bind_int64(st, 2, r->submission_id);
        sqlite3_bind_double(st, 3, sc->points);
        mc_sqlite_bind_text(st, 4, sc->comment);
        sqlite3_bind_int(st, 5, sc->position);
        rc = mc_sqlite_exec_stmt(q, st, "storing a rubric score", e);
        if (rc == MC_ERR_CONFLICT)
            rc = mc_err_set(e, MC_ERR_INVALID, "criterion at position %d is scored twice",
                            sc->position);
        else if (rc == MC_OK && sqlite3_changes(q->db) == 0)
            rc = mc_err_set(e, MC_ERR_INVALID,
                            "position %d is not a criterion of the submission's rubric",
                            sc->position);
        if (rc)
            mc_err_where(e, "result.rubric[%zu]", i);
    }
    if (rc == MC_OK) {
        rc = mc_sqlite_stmt(q, sql_submission_graded, &st, e);
        if (rc == MC_OK) {
            sqlite3_bind_int64(st, 1, r->submission_id);
            rc = mc_sqlite_exec_stmt(q, st, "marking a submission graded", e);
        }
    }
    rc = mc_sqlite_savepoint_end(q, rc, e);
    if (rc)
        r->id = 0;
    return rc;
}

enum mc_rc mc_sqlite_result_get(struct mc_store *s, int64_t submission_id, struct mc_arena *arena,
                                struct mc_result *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = mc_sqlite_stmt(q, sql_result_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, submission_id);
    int r = sqlite3_step(st);
    if (r == SQLITE_DONE) {
        sqlite3_reset(st);
        return mc_err_set(e, MC_ERR_NOT_FOUND, "submission %lld has no result",
                          (long long)submission_id);
    }
    if (r != SQLITE_ROW) {
        sqlite3_reset(st);
        return mc_sqlite_fail(q, "reading a result", e);
    }
    out->id = sqlite3_column_int64(st, 0);
    out->submission_id = sqlite3_column_int64(st, 1);
    out->score = sqlite3_column_double(st, 2);
    out->passed = sqlite3_column_int(st, 3);
    out->graded_by_user_id = sqlite3_column_int64(st, 4);
    out->feedback = mc_sqlite_col_text(st, 5, arena);
    out->graded_at = sqlite3_column_int64(st, 6);
    sqlite3_reset(st);
    rc = mc_sqlite_stmt(q, sql_result_scores_get, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, out->id);
    struct mc_sqlite_vec v = { .size = sizeof(struct mc_rubric_score_row) };
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct mc_rubric_score_row *sc = mc_sqlite_vec_push(&v);
        sc->position = sqlite3_column_int(st, 0);
        sc->points = sqlite3_column_double(st, 1);
        sc->comment = mc_sqlite_col_text(st, 2, arena);
    }
    out->rubric = mc_sqlite_vec_finish(q, st, r, &v, arena, &out->n_rubric, &rc,
                                       "reading rubric scores", e);
    return rc;
}

/* --- best results, the grading queue --- */

static const char sql_course_assessments[] =
        "SELECT id FROM assessments WHERE course_id = ?1 ORDER BY id";
/* A passing result before a failing one, then the higher score, then the later one. */
static const char sql_best_result[] =
        "SELECT r.id, r.submission_id, r.score, r.passed, s.content_kind, s.url FROM results r "
        "JOIN submissions s ON s.id = r.submission_id "
        "WHERE s.assessment_id = ?1 AND s.learner_user_id = ?2 "
        "ORDER BY r.passed DESC, r.score DESC, r.id DESC LIMIT 1";
static const char sql_queue[] =
        "SELECT s.id, s.assessment_id, a.kind, a.title, c.id, c.slug, s.learner_user_id, u.name, "
        "s.attempt, s.content_kind, s.submitted_at FROM submissions s "
        "JOIN assessments a ON a.id = s.assessment_id JOIN courses c ON c.id = a.course_id "
        "JOIN users u ON u.id = s.learner_user_id "
        "WHERE c.org_id = ?1 AND s.status = 'submitted' AND a.kind IN ('project', 'essay') "
        "AND NOT EXISTS (SELECT 1 FROM results r WHERE r.submission_id = s.id) "
        "ORDER BY s.submitted_at, s.id LIMIT ?2 OFFSET ?3";

static enum mc_rc best_one(struct mc_sqlite *q, int64_t learner, struct mc_best_result *b,
                           struct mc_arena *arena, struct mc_err *e)
{
    enum mc_rc rc =
            mc_sqlite_submission_count(&q->base, learner, b->assessment_id, &b->attempts, e);
    if (rc)
        return rc;
    sqlite3_stmt *st = NULL;
    rc = mc_sqlite_stmt(q, sql_best_result, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, b->assessment_id);
    sqlite3_bind_int64(st, 2, learner);
    b->score = -1;
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        b->result_id = sqlite3_column_int64(st, 0);
        b->submission_id = sqlite3_column_int64(st, 1);
        b->score = sqlite3_column_double(st, 2);
        b->passed = sqlite3_column_int(st, 3);
        int kind = name_index(mc_sqlite_col_str(st, 4), content_name, MC_CONTENT_KIND_COUNT);
        if (kind < 0)
            rc = mc_sqlite_bad_column(q, "submissions.content_kind", e);
        else
            b->kind = (enum mc_content_kind)kind;
        b->url = mc_sqlite_col_text(st, 5, arena);
    } else if (r != SQLITE_DONE) {
        rc = mc_sqlite_fail(q, "reading the best result", e);
    }
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_best_results(struct mc_store *s, int64_t learner_user_id, int64_t course_id,
                                  struct mc_arena *arena, struct mc_best_result **out, size_t *n,
                                  struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_course_assessments, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, course_id);
    struct mc_sqlite_vec v = { .size = sizeof(struct mc_best_result) };
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        ((struct mc_best_result *)mc_sqlite_vec_push(&v))->assessment_id =
                sqlite3_column_int64(st, 0);
    if (r != SQLITE_DONE)
        rc = mc_sqlite_fail(q, "listing a course's assessments", e);
    sqlite3_reset(st);
    struct mc_best_result *list = rc ? NULL : mc_sqlite_vec_to_arena(&v, arena);
    size_t count = v.n;
    free(v.data);
    for (size_t i = 0; rc == MC_OK && i < count; i++)
        rc = best_one(q, learner_user_id, &list[i], arena, e);
    if (rc)
        return rc;
    *out = list;
    *n = count;
    return MC_OK;
}

enum mc_rc mc_sqlite_grading_queue(struct mc_store *s, int64_t org_id, int64_t limit,
                                   int64_t offset, struct mc_arena *arena,
                                   struct mc_queue_item **out, size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_queue, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_int64(st, 2, limit);
    sqlite3_bind_int64(st, 3, offset);
    struct mc_sqlite_vec v = { .size = sizeof(struct mc_queue_item) };
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        struct mc_queue_item *it = mc_sqlite_vec_push(&v);
        it->submission_id = sqlite3_column_int64(st, 0);
        it->assessment_id = sqlite3_column_int64(st, 1);
        int kind = name_index(mc_sqlite_col_str(st, 2), assessment_kind_name, MC_ASSESS_KIND_COUNT);
        int content = name_index(mc_sqlite_col_str(st, 9), content_name, MC_CONTENT_KIND_COUNT);
        if (kind < 0 || content < 0) {
            rc = mc_sqlite_bad_column(q, kind < 0 ? "assessments.kind" : "submissions.content_kind",
                                      e);
            break;
        }
        it->kind = (enum mc_assessment_kind)kind;
        it->assessment_title = mc_sqlite_col_text(st, 3, arena);
        it->course_id = sqlite3_column_int64(st, 4);
        it->course_slug = mc_sqlite_col_text(st, 5, arena);
        it->learner_user_id = sqlite3_column_int64(st, 6);
        it->learner_name = mc_sqlite_col_text(st, 7, arena);
        it->attempt = sqlite3_column_int(st, 8);
        it->content_kind = (enum mc_content_kind)content;
        it->submitted_at = sqlite3_column_int64(st, 10);
    }
    *out = mc_sqlite_vec_finish(q, st, r, &v, arena, n, &rc, "reading the grading queue", e);
    return rc;
}

/* --- catalog lookups by id --- */

static const char sql_course_slug[] = "SELECT slug FROM courses WHERE id = ?1";
static const char sql_program_slug[] = "SELECT slug FROM programs WHERE id = ?1";
static const char sql_holds[] =
        "SELECT 1 FROM credentials c JOIN achievements a ON a.id = c.achievement_id "
        "WHERE c.recipient_user_id = ?1 AND c.status = 'active' "
        "AND a.slug = (SELECT slug FROM achievements WHERE id = ?2) LIMIT 1";

/* The slug of row `id` (`sql` selects it by ?1), in the arena; MC_ERR_NOT_FOUND naming it. */
static enum mc_rc slug_of(struct mc_sqlite *q, const char *sql, const char *what, int64_t id,
                          struct mc_arena *arena, const char **out, struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *out = mc_sqlite_col_text(st, 0, arena);
    else if (r == SQLITE_DONE)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no %s with id %lld", what, (long long)id);
    else
        rc = mc_sqlite_fail(q, "reading a slug", e);
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_course_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                      struct mc_course *out, struct mc_err *e)
{
    const char *slug = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = slug_of(mc_sqlite_of(s), sql_course_slug, "course", id, arena, &slug, e);
    if (rc)
        return rc;
    return mc_sqlite_course_get(s, slug, arena, out, e);
}

enum mc_rc mc_sqlite_program_get_by_id(struct mc_store *s, int64_t id, struct mc_arena *arena,
                                       struct mc_program *out, struct mc_err *e)
{
    const char *slug = NULL;
    memset(out, 0, sizeof *out);
    enum mc_rc rc = slug_of(mc_sqlite_of(s), sql_program_slug, "program", id, arena, &slug, e);
    if (rc)
        return rc;
    return mc_sqlite_program_get(s, slug, arena, out, e);
}

enum mc_rc mc_sqlite_user_holds_achievement(struct mc_store *s, int64_t user_id,
                                            int64_t achievement_id, bool *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_holds, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, achievement_id);
    int r = sqlite3_step(st);
    if (r == SQLITE_ROW || r == SQLITE_DONE)
        *out = r == SQLITE_ROW;
    else
        rc = mc_sqlite_fail(q, "checking a learner's credentials", e);
    sqlite3_reset(st);
    return rc;
}
