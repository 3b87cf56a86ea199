/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /api/v1/talent/match?handle=H&role=R: how a learner who opted in to employer search meets a
 * job role — the role's skills they hold (backed by active credentials), those missing, and the
 * cheapest learning path to the missing ones. A learner who did not opt in is 404, as if there
 * were none. Needs learners:read and the employer role (or an issuer role) in an organisation.
 */
#include <string.h>
#include <time.h>

#include "app/auth.h"
#include "app/plan.h"
#include "http/resources.h"

static enum mc_rc api_match(struct mc_http_request *req, struct mc_http_response *res,
                            struct mc_err *e)
{
    static const char *const allowed[] = { "handle", "role", NULL };
    const char *code = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    if (mc_http_query_check(&req->query, allowed, &code, &err))
        return mc_http_reply_error(res, 400, code, err.msg, err.where);
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_LEARNERS_READ);
    if (!p)
        return MC_OK;
    if (mc_authz_require(p, 0,
                         MC_ROLE_BIT(MC_ROLE_EMPLOYER) | MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN) |
                                 MC_ROLE_BIT(MC_ROLE_OWNER),
                         0, &err))
        return mc_http_reply_error(res, 403, "forbidden",
                                   "matching learners needs the employer role in an organisation",
                                   NULL);
    const char *handle = mc_http_query_get(&req->query, "handle");
    const char *role = mc_http_query_get(&req->query, "role");
    if (!handle || !role)
        return mc_http_reply_error(res, 400, "invalid_parameter", "give handle=H and role=R",
                                   handle ? "role" : "handle");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    enum mc_rc rc = MC_OK;
    struct mc_learner_profile prof;
    struct mc_user u;
    if (mc_store_profile_get(s, handle, req->arena, &prof, NULL) ||
        mc_store_user_get(s, prof.user_id, req->arena, &u, NULL) || !u.search_opt_in) {
        rc = mc_http_reply_error(res, 404, "not_found", "no such learner", "handle");
        goto out;
    }
    int64_t *need = NULL, *have = NULL;
    size_t n_need = 0, n_have = 0;
    rc = mc_store_job_role_skill_ids(s, role, req->arena, &need, &n_need, &err);
    if (rc == MC_ERR_NOT_FOUND) {
        rc = mc_http_reply_error(res, 404, "not_found", err.msg, "role");
        goto out;
    }
    if (!rc)
        rc = mc_store_learner_skill_ids(s, u.id, (int64_t)time(NULL), req->arena, &have, &n_have,
                                        &err);
    if (rc) {
        rc = mc_err_set(e, rc, "match: %s", err.msg);
        goto out;
    }
    json_t *covered = json_array(), *missing = json_array();
    for (size_t i = 0; i < n_need; i++) {
        bool held = false;
        for (size_t k = 0; k < n_have && !held; k++)
            held = have[k] == need[i];
        struct mc_skill *sk = NULL;
        if (mc_store_skills_by_id(s, &need[i], 1, req->arena, &sk, NULL))
            continue;
        json_array_append_new(held ? covered : missing, json_string(sk->slug));
    }
    json_t *plan = NULL;
    struct mc_plan_request pr = { .learner_user_id = u.id,
                                  .role_slug = role,
                                  .by = MC_PLANNER_COST };
    rc = mc_app_plan(s, &pr, &plan, &err);
    if (rc) {
        json_decref(covered);
        json_decref(missing);
        rc = mc_err_set(e, rc, "match: %s", err.msg);
        goto out;
    }
    json_t *doc = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "learner", u.name, "handle", handle,
                            "role", role, "covered", covered, "missing", missing, "plan", plan);
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
out:
    mc_store_pool_release(req->pool, s);
    return rc;
}

const struct mc_http_route mc_route_api_talent_match = {
    .method = "GET",
    .pattern = "/api/v1/talent/match",
    .kind = MC_HTTP_API,
    .handler = api_match,
};
