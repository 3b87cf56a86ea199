/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/assessments/{id}/submissions {"text": ...} or {"url": ...}: the signed-in
 * learner hands in a project or an essay, to be graded by the organisation's assessors against
 * the rubric. 201 with the submission; 409 past the attempt limit.
 */
#include "app/auth.h"
#include "app/learning.h"
#include "http/resources.h"

static enum mc_rc api_work(struct mc_http_request *req, struct mc_http_response *res,
                           struct mc_err *e)
{
    static const char *const members[] = { "text", "url", NULL };
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
    const char *text = NULL, *url = NULL;
    if (!mc_http_json_known(res, body, members) || !mc_http_json_string(res, body, "text", &text) ||
        !mc_http_json_string(res, body, "url", &url))
        goto out;
    if (!text == !url) {
        rc = mc_http_reply_error(res, 400, "invalid_field", "give exactly one of text and url",
                                 "/text");
        goto out;
    }
    struct mc_work w = {
        .kind = text ? MC_CONTENT_TEXT : MC_CONTENT_URL,
        .text = text,
        .url = url,
    };
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_issuer_env env;
    mc_http_issuer_env(req, mk, s, &env);
    struct mc_learning_outcome o;
    struct mc_err err;
    mc_err_clear(&err);
    rc = mc_learning_submit_work(&env, p->user_id, assessment, &w, req->arena, &o, &err);
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

const struct mc_http_route mc_route_api_work = {
    .method = "POST",
    .pattern = "/api/v1/assessments/{id}/submissions",
    .kind = MC_HTTP_API,
    .handler = api_work,
};
