/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /api/v1/roles: the job roles, public — each with its organisation (null for a general
 * role) and the skills it requires with their levels, ordered by title. A role's slug is what
 * the planner (/api/v1/plan?role=) and employers' matching (/api/v1/talent/match?role=) take.
 */
#include "app/job-roles.h"
#include "http/resources.h"

json_t *mc_http_job_role_json(const struct mc_http_request *req, const struct mc_job_role *r)
{
    json_t *o = mc_job_role_json(r);
    json_object_set_new(
            o, "url",
            json_string(mc_arena_printf(req->arena, "%s/api/v1/roles/%s", req->base_url, r->slug)));
    return o;
}

static enum mc_rc api_roles(struct mc_http_request *req, struct mc_http_response *res,
                            struct mc_err *e)
{
    static const char *const allowed[] = { NULL };
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, allowed))
        return MC_OK;
    if (!req->pool)
        return mc_http_reply_error(res, 503, "unavailable", "the server has no database", NULL);
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_job_role *roles = NULL;
    size_t n = 0;
    enum mc_rc rc = mc_store_job_role_list(s, req->arena, &roles, &n, &err);
    mc_store_pool_release(req->pool, s);
    if (rc)
        return mc_err_set(e, rc, "listing job roles: %s", err.msg);
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, mc_http_job_role_json(req, &roles[i]));
    json_t *doc = json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)n);
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    if (rc)
        mc_err_set(e, rc, "the list of job roles is larger than the response limit");
    return rc;
}

const struct mc_http_route mc_route_api_roles = {
    .method = "GET",
    .pattern = "/api/v1/roles",
    .kind = MC_HTTP_API,
    .handler = api_roles,
};
