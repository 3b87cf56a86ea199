/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/submissions/{id}/grade {"scores": [{"points", "comment"}...], "feedback"}: an
 * assessor of the course's organisation grades a project or essay against the rubric (one score
 * per criterion, in order). When the result completes the course (or a program), the credential
 * is issued in the same transaction. 200 with the outcome; another organisation's submission is
 * 404 as if it did not exist.
 */
#include "app/auth.h"
#include "app/learning.h"
#include "http/resources.h"

#define MAX_SCORES 200

static enum mc_rc api_grade(struct mc_http_request *req, struct mc_http_response *res,
                            struct mc_err *e)
{
    static const char *const members[] = { "scores", "feedback", NULL };
    int64_t submission = mc_http_path_id(req, "id");
    if (!submission)
        return mc_http_reply_error(res, 404, "not_found", "no such submission", NULL);
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_ASSESSMENTS_GRADE);
    if (!p)
        return MC_OK;
    const struct mc_master_key *mk = mc_http_master_key(req, res);
    if (!mk)
        return MC_OK;
    json_t *body = mc_http_json_body(req, res);
    if (!body)
        return MC_OK;
    enum mc_rc rc = MC_OK;
    const char *feedback = NULL;
    if (!mc_http_json_known(res, body, members) ||
        !mc_http_json_string(res, body, "feedback", &feedback))
        goto out;
    const json_t *arr = json_object_get(body, "scores");
    if (!json_is_array(arr) || json_array_size(arr) > MAX_SCORES) {
        rc = mc_http_reply_error(res, 400, "invalid_field",
                                 "scores is an array with one score per rubric criterion",
                                 "/scores");
        goto out;
    }
    size_t n = json_array_size(arr);
    struct mc_rubric_score *scores = mc_arena_calloc(req->arena, n ? n : 1, sizeof *scores);
    for (size_t i = 0; i < n; i++) {
        const json_t *v = json_array_get(arr, i);
        const json_t *pts = json_object_get(v, "points");
        const json_t *comment = json_object_get(v, "comment");
        if (!json_is_number(pts) || (comment && !json_is_string(comment))) {
            rc = mc_http_reply_error(res, 400, "invalid_field",
                                     "a score is {\"points\": number, \"comment\": text}",
                                     mc_arena_printf(req->arena, "/scores/%zu", i));
            goto out;
        }
        scores[i].points = json_number_value(pts);
        scores[i].comment =
                comment ? mc_arena_strdup(req->arena, json_string_value(comment)) : NULL;
    }
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_issuer_env env;
    mc_http_issuer_env(req, mk, s, &env);
    struct mc_grade_request gr = {
        .assessor_user_id = p->user_id,
        .submission_id = submission,
        .scores = scores,
        .n_scores = n,
        .feedback = feedback,
    };
    struct mc_learning_outcome o;
    struct mc_err err;
    mc_err_clear(&err);
    rc = mc_learning_grade(&env, &gr, req->arena, &o, &err);
    mc_store_pool_release(req->pool, s);
    if (rc == MC_ERR_FORBIDDEN) {
        /* Not an assessor of the submission's organisation: as if it did not exist. */
        rc = mc_http_reply_error(res, 404, "not_found", "no such submission", NULL);
        goto out;
    }
    if (rc) {
        rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    json_t *j = mc_http_outcome_json(req, &o);
    rc = mc_http_reply_json(res, 200, j);
    json_decref(j);
out:
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_grade = {
    .method = "POST",
    .pattern = "/api/v1/submissions/{id}/grade",
    .kind = MC_HTTP_API,
    .handler = api_grade,
};
