/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /talent/match?handle=H&role=R: for employers, how a learner who opted in to be found meets
 * a job role — the skills they hold, those missing, and the cheapest path to the missing ones
 * with its totals.
 */
#include <string.h>

#include "app/auth.h"
#include "http/resources.h"

static enum mc_rc page_match(struct mc_http_request *req, struct mc_http_response *res,
                             struct mc_err *e)
{
    static const char *const allowed[] = { "handle", "role", NULL };
    enum mc_rc rc;
    if (!mc_http_talent_page_gate(req, res, allowed,
                                  "Matching people to roles needs the employer role in an "
                                  "organisation.",
                                  &rc, e))
        return rc;
    struct mc_http_answer a;
    rc = mc_http_talent_match(req, mc_http_query_get(&req->query, "handle"),
                              mc_http_query_get(&req->query, "role"), &a, e);
    if (rc)
        return rc;
    if (a.status != 200)
        return mc_http_reply_error_page(req, res, a.status,
                                        a.status == 404 ? "Not found" : "The address is not valid",
                                        a.message);
    json_t *plan = json_object_get(a.doc, "plan");
    mc_http_plan_view(req->arena, plan);
    json_object_set_new(a.doc, "title", json_string("How a learner meets a role"));
    json_object_set_new(a.doc, "has_covered",
                        json_boolean(json_array_size(json_object_get(a.doc, "covered")) > 0));
    json_object_set_new(a.doc, "has_missing",
                        json_boolean(json_array_size(json_object_get(a.doc, "missing")) > 0));
    mc_http_response_header(res, "Cache-Control", "no-store");
    rc = mc_http_reply_page(req, res, 200, "talent-match.html", a.doc, e);
    json_decref(a.doc);
    return rc;
}

const struct mc_http_route mc_route_page_talent_match = {
    .method = "GET",
    .pattern = "/talent/match",
    .kind = MC_HTTP_PAGE,
    .handler = page_match,
};
