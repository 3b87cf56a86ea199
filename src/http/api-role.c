/* SPDX-License-Identifier: Apache-2.0 */
/* GET /api/v1/roles/{slug}: one job role, public, as in the list (api-roles.c); 404 naming an
 * unknown slug. */
#include "http/resources.h"

static enum mc_rc api_role(struct mc_http_request *req, struct mc_http_response *res,
                           struct mc_err *e)
{
    static const char *const allowed[] = { NULL };
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, allowed))
        return MC_OK;
    if (!req->pool)
        return mc_http_reply_error(res, 503, "unavailable", "the server has no database", NULL);
    const char *slug = mc_http_path_param(req, "slug");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_job_role r;
    enum mc_rc rc = mc_store_job_role_get(s, slug, req->arena, &r, &err);
    mc_store_pool_release(req->pool, s);
    if (rc == MC_ERR_NOT_FOUND || rc == MC_ERR_INVALID)
        return mc_http_reply_error(
                res, 404, "not_found",
                mc_arena_printf(req->arena, "there is no job role '%.100s'", slug ? slug : ""),
                "slug");
    if (rc)
        return mc_err_set(e, rc, "reading a job role: %s", err.msg);
    json_t *doc = mc_http_job_role_json(req, &r);
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_api_role = {
    .method = "GET",
    .pattern = "/api/v1/roles/{slug}",
    .kind = MC_HTTP_API,
    .handler = api_role,
};
