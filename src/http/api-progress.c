/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /api/v1/progress: the signed-in learner's progress toward every program with a stacking
 * rule — for each, whether it is met and the rule's tree with what counted, the credits so far
 * and what is missing.
 */
#include "app/auth.h"
#include "app/stacking-awards.h"
#include "base/time.h"
#include "http/resources.h"

static enum mc_rc api_progress(struct mc_http_request *req, struct mc_http_response *res,
                               struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_PROFILE_READ);
    if (!p)
        return MC_OK;
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    json_t *items = NULL;
    enum mc_rc rc = mc_stacking_progress_all(s, p->user_id, mc_time_now(), &items, &err);
    mc_store_pool_release(req->pool, s);
    if (rc)
        return mc_err_set(e, rc, "progress: %s", err.msg);
    json_t *doc = json_pack("{s:o}", "items", items);
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_api_progress = {
    .method = "GET",
    .pattern = "/api/v1/progress",
    .kind = MC_HTTP_API,
    .handler = api_progress,
};
