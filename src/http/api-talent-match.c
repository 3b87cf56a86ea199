/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /api/v1/talent/match?handle=H&role=R: how a learner who opted in to employer search meets a
 * job role — the role's skills they hold (backed by active credentials), those missing, and the
 * cheapest learning path to the missing ones. A learner who did not opt in is 404, as if there
 * were none. Needs learners:read and the employer role (or an issuer role) in an organisation.
 * The match page (page-talent-match.c) asks the same through mc_http_talent_match.
 */
#include <string.h>

#include "app/auth.h"
#include "app/plan.h"
#include "base/time.h"
#include "http/resources.h"

enum mc_rc mc_http_talent_match(struct mc_http_request *req, const char *handle, const char *role,
                                struct mc_http_answer *out, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    if (!handle || !*handle || !role || !*role)
        return mc_http_refuse(out, 400, "give handle=H and role=R",
                              handle && *handle ? "role" : "handle");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    enum mc_rc rc = MC_OK;
    struct mc_err err;
    mc_err_clear(&err);
    struct mc_learner_profile prof;
    struct mc_user u;
    struct mc_job_role jr;
    json_t *plan = NULL;
    if (mc_store_profile_get(s, handle, req->arena, &prof, NULL) ||
        mc_store_user_get(s, prof.user_id, req->arena, &u, NULL) || !u.search_opt_in) {
        mc_http_refuse(out, 404, "no such learner", "handle");
        goto out;
    }
    rc = mc_store_job_role_get(s, role, req->arena, &jr, &err);
    if (rc == MC_ERR_NOT_FOUND || rc == MC_ERR_INVALID) {
        rc = MC_OK;
        mc_http_refuse(out, 404, mc_arena_strdup(req->arena, err.msg), "role");
        goto out;
    }
    int64_t *have = NULL;
    size_t n_have = 0;
    if (!rc)
        rc = mc_store_learner_skill_ids(s, u.id, mc_time_now(), req->arena, &have, &n_have, &err);
    struct mc_plan_request pr = { .learner_user_id = u.id,
                                  .role_slug = role,
                                  .by = MC_PLANNER_COST };
    if (!rc)
        rc = mc_app_plan(s, &pr, &plan, &err);
    if (rc) {
        rc = mc_err_set(e, rc, "match: %s", err.msg);
        goto out;
    }
    json_t *covered = json_array(), *missing = json_array();
    for (size_t i = 0; i < jr.n_skills; i++) {
        bool held = false;
        for (size_t k = 0; k < n_have && !held; k++)
            held = have[k] == jr.skills[i].skill_id;
        json_array_append_new(held ? covered : missing, json_string(jr.skills[i].skill_slug));
    }
    out->doc = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:O}", "learner", u.name, "handle", handle,
                         "role", role, "role_title", jr.title, "covered", covered, "missing",
                         missing, "plan", plan);
    out->status = 200;
out:
    json_decref(plan);
    mc_store_pool_release(req->pool, s);
    return rc;
}

static enum mc_rc api_match(struct mc_http_request *req, struct mc_http_response *res,
                            struct mc_err *e)
{
    static const char *const allowed[] = { "handle", "role", NULL };
    if (!mc_http_talent_api_gate(req, res, allowed,
                                 "matching learners needs the employer role in an organisation"))
        return MC_OK;
    struct mc_http_answer a;
    enum mc_rc rc = mc_http_talent_match(req, mc_http_query_get(&req->query, "handle"),
                                         mc_http_query_get(&req->query, "role"), &a, e);
    if (rc)
        return rc;
    return mc_http_reply_answer(res, &a);
}

const struct mc_http_route mc_route_api_talent_match = {
    .method = "GET",
    .pattern = "/api/v1/talent/match",
    .kind = MC_HTTP_API,
    .handler = api_match,
};
