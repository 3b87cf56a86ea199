/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/assessments/{id}/attempts {"answers": [...]}: the signed-in learner takes a test.
 * One answer per question, in order: an array of option positions (from 0) for single and
 * multiple choice, a number for numeric questions, or null for none. It is graded at once;
 * when it completes the course (or a program), the credential is issued in the same
 * transaction and listed in the answer. 201 with the outcome; 400 naming the question for a
 * malformed answer (the attempt does not count); 409 past the attempt limit.
 */
#include "app/auth.h"
#include "app/learning.h"
#include "http/resources.h"

#define MAX_ANSWERS 1000

static bool read_answers(struct mc_http_request *req, struct mc_http_response *res,
                         const json_t *arr, struct mc_answer **out, size_t *n)
{
    if (!json_is_array(arr) || json_array_size(arr) > MAX_ANSWERS) {
        mc_http_reply_error(res, 400, "invalid_field",
                            "answers is an array with one answer per question (at most 1000)",
                            "/answers");
        return false;
    }
    size_t count = json_array_size(arr);
    struct mc_answer *a = mc_arena_calloc(req->arena, count ? count : 1, sizeof *a);
    for (size_t i = 0; i < count; i++) {
        const json_t *v = json_array_get(arr, i);
        char *where = mc_arena_printf(req->arena, "/answers/%zu", i);
        if (json_is_null(v))
            continue;
        if (json_is_number(v)) {
            a[i].has_value = true;
            a[i].value = json_number_value(v);
            continue;
        }
        if (!json_is_array(v) || json_array_size(v) > 256) {
            mc_http_reply_error(res, 400, "invalid_field",
                                "an answer is an array of option positions, a number or null",
                                where);
            return false;
        }
        int *opts = mc_arena_calloc(req->arena, json_array_size(v) + 1, sizeof *opts);
        for (size_t k = 0; k < json_array_size(v); k++) {
            const json_t *o = json_array_get(v, k);
            if (!json_is_integer(o) || json_integer_value(o) < 0 || json_integer_value(o) > 10000) {
                mc_http_reply_error(res, 400, "invalid_field",
                                    "an option position is a whole number from 0", where);
                return false;
            }
            opts[k] = (int)json_integer_value(o);
        }
        a[i].options = opts;
        a[i].n_options = json_array_size(v);
    }
    *out = a;
    *n = count;
    return true;
}

static enum mc_rc api_attempt(struct mc_http_request *req, struct mc_http_response *res,
                              struct mc_err *e)
{
    static const char *const members[] = { "answers", NULL };
    int64_t assessment = mc_http_path_id(req, "id");
    if (!assessment)
        return mc_http_reply_error(res, 404, "not_found", "no such assessment", NULL);
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_PROFILE_WRITE);
    if (!p)
        return MC_OK;
    const struct mc_master_key *mk = mc_http_master_key(req, res);
    if (!mk)
        return MC_OK;
    json_t *body = mc_http_json_body(req, res);
    if (!body)
        return MC_OK;
    enum mc_rc rc = MC_OK;
    struct mc_answer *answers = NULL;
    size_t n = 0;
    if (!mc_http_json_known(res, body, members) ||
        !read_answers(req, res, json_object_get(body, "answers"), &answers, &n))
        goto out;
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_issuer_env env;
    mc_http_issuer_env(req, mk, s, &env);
    struct mc_learning_outcome o;
    struct mc_err err;
    mc_err_clear(&err);
    rc = mc_learning_submit_test(&env, p->user_id, assessment, answers, n, req->arena, &o, &err);
    mc_store_pool_release(req->pool, s);
    if (rc) {
        rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    json_t *j = mc_http_outcome_json(req, &o);
    rc = mc_http_reply_json(res, 201, j);
    json_decref(j);
out:
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_attempt = {
    .method = "POST",
    .pattern = "/api/v1/assessments/{id}/attempts",
    .kind = MC_HTTP_API,
    .handler = api_attempt,
};
