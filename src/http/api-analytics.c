/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /api/v1/organisations/{slug}/analytics: an issuer's figures for its dashboards —
 * credentials issued per month (the last 24 months) and by status, enrolment and completion per
 * program, and the skills its credentials certify most. Needs learners:read and the
 * issuer-admin role there; another organisation is 404 as if it did not exist.
 */
#include <time.h>

#include "app/auth.h"
#include "http/resources.h"

static enum mc_rc api_analytics(struct mc_http_request *req, struct mc_http_response *res,
                                struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_LEARNERS_READ);
    if (!p)
        return MC_OK;
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    int64_t org = mc_http_acting_org(req, res, s, p, mc_http_path_param(req, "slug"),
                                     MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN), e);
    if (org <= 0) {
        mc_store_pool_release(req->pool, s);
        return org == 0 ? MC_OK : e->rc;
    }
    struct mc_issuer_analytics a;
    int64_t since = (int64_t)time(NULL) - 24 * 31 * 86400;
    enum mc_rc rc = mc_store_issuer_analytics(s, org, since, req->arena, &a, &err);
    mc_store_pool_release(req->pool, s);
    if (rc)
        return mc_err_set(e, rc, "analytics: %s", err.msg);
    json_t *months = json_array(), *programs = json_array(), *skills = json_array();
    for (size_t i = 0; i < a.n_months; i++)
        json_array_append_new(months, json_pack("{s:s, s:I}", "month", a.months[i].month, "issued",
                                                (json_int_t)a.months[i].issued));
    for (size_t i = 0; i < a.n_programs; i++) {
        const struct mc_analytics_program *pr = &a.programs[i];
        json_t *o =
                json_pack("{s:s, s:s, s:I, s:I, s:I}", "slug", pr->slug, "title", pr->title,
                          "enrolled", (json_int_t)pr->enrolled, "completed",
                          (json_int_t)pr->completed, "credentials", (json_int_t)pr->credentials);
        json_object_set_new(o, "completion_rate",
                            pr->enrolled ? json_real((double)pr->completed / (double)pr->enrolled)
                                         : json_null());
        json_array_append_new(programs, o);
    }
    for (size_t i = 0; i < a.n_skills; i++)
        json_array_append_new(skills, json_pack("{s:s, s:s, s:I}", "slug", a.skills[i].slug, "name",
                                                a.skills[i].name, "credentials",
                                                (json_int_t)a.skills[i].credentials));
    json_t *doc = json_pack("{s:o, s:{s:I, s:I, s:I}, s:o, s:o}", "issued_per_month", months,
                            "credentials", "active", (json_int_t)a.active, "revoked",
                            (json_int_t)a.revoked, "suspended", (json_int_t)a.suspended, "programs",
                            programs, "top_skills", skills);
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_api_analytics = {
    .method = "GET",
    .pattern = "/api/v1/organisations/{slug}/analytics",
    .kind = MC_HTTP_API,
    .handler = api_analytics,
};
