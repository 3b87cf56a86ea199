/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /api/v1/credit?program=SLUG: the signed-in learner's credit toward a university's program
 * under its recognition agreements — the total, and for every credential whether it counted,
 * for how much, and why not when it did not.
 */
#include "app/auth.h"
#include "app/recognition.h"
#include "base/time.h"
#include "http/resources.h"

static enum mc_rc api_credit(struct mc_http_request *req, struct mc_http_response *res,
                             struct mc_err *e)
{
    static const char *const allowed[] = { "program", NULL };
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, allowed))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_PROFILE_READ);
    if (!p)
        return MC_OK;
    const char *program = mc_http_query_get(&req->query, "program");
    if (!program)
        return mc_http_reply_error(res, 400, "invalid_parameter", "give program=SLUG", "program");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    json_t *doc = NULL;
    enum mc_rc rc = mc_recognition_credit(s, p->user_id, program, mc_time_now(), &doc, &err);
    mc_store_pool_release(req->pool, s);
    if (rc == MC_ERR_NOT_FOUND || rc == MC_ERR_INVALID)
        return mc_http_reply_error(res, 404, "not_found", "no such program", "program");
    if (rc)
        return mc_err_set(e, rc, "credit: %s", err.msg);
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_api_credit = {
    .method = "GET",
    .pattern = "/api/v1/credit",
    .kind = MC_HTTP_API,
    .handler = api_credit,
};
