/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /api/v1/organisations/{slug}/team: the team skill matrix of an organisation — its people
 * (learner and employer members), the skills each holds verified by an active credential, the
 * skills as columns, and the programs assigned to each with their enrollment status. The same
 * access as assigning programs.
 */
#include <string.h>

#include "app/auth.h"
#include "base/time.h"
#include "http/resources.h"

static enum mc_rc api_team(struct mc_http_request *req, struct mc_http_response *res,
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
    int64_t org =
            mc_http_acting_org(req, res, s, p, mc_http_path_param(req, "slug"),
                               MC_ROLE_BIT(MC_ROLE_OWNER) | MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN) |
                                       MC_ROLE_BIT(MC_ROLE_EMPLOYER),
                               e);
    if (org <= 0) {
        mc_store_pool_release(req->pool, s);
        return org == 0 ? MC_OK : e->rc;
    }
    struct mc_team t;
    enum mc_rc rc = mc_store_team(s, org, mc_time_now(), req->arena, &t, &err);
    mc_store_pool_release(req->pool, s);
    if (rc)
        return mc_err_set(e, rc, "team: %s", err.msg);
    json_t *columns = json_object(); /* skill slug -> name, the matrix's columns */
    json_t *people = json_array();
    for (size_t i = 0; i < t.n_members; i++) {
        json_t *skills = json_array(), *assigned = json_array();
        for (size_t k = 0; k < t.n_skills; k++)
            if (t.skills[k].user_id == t.members[i].user_id) {
                json_array_append_new(skills, json_string(t.skills[k].skill_slug));
                json_object_set_new(columns, t.skills[k].skill_slug,
                                    json_string(t.skills[k].skill_name));
            }
        for (size_t k = 0; k < t.n_assignments; k++)
            if (t.assignments[k].user_id == t.members[i].user_id) {
                json_t *o = json_pack("{s:s, s:s, s:s?}", "program", t.assignments[k].program_slug,
                                      "title", t.assignments[k].program_title, "enrollment",
                                      t.assignments[k].enrollment);
                if (t.assignments[k].due_at)
                    json_object_set_new(o, "due_at", json_integer(t.assignments[k].due_at));
                json_array_append_new(assigned, o);
            }
        json_array_append_new(people, json_pack("{s:s, s:s, s:o, s:o}", "name", t.members[i].name,
                                                "email", t.members[i].email, "skills", skills,
                                                "assigned", assigned));
    }
    json_t *doc = json_pack("{s:o, s:o}", "skills", columns, "people", people);
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_api_team = {
    .method = "GET",
    .pattern = "/api/v1/organisations/{slug}/team",
    .kind = MC_HTTP_API,
    .handler = api_team,
};
