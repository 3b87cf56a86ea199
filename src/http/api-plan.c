/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /api/v1/plan?skills=a,b,c | ?role=SLUG [&by=cost|time]: the published programs that
 * teach the skills missing of the target, cheapest or quickest (app/plan.h), beside a master's
 * degree. Signed in, the learner's credentials count as held; anonymous, nothing is held.
 * 400 naming the parameter for an unknown skill; a target no program can teach is a 200 whose
 * status is "impossible" and whose reason names the skills. The plan page (page-plan.c) asks
 * the same question through mc_http_plan_query.
 */
#include <string.h>

#include "app/auth.h"
#include "app/plan.h"
#include "http/resources.h"

#define MAX_SKILLS 200

enum mc_rc mc_http_reply_answer(struct mc_http_response *res, struct mc_http_answer *a)
{
    if (a->status != 200)
        return mc_http_reply_error(res, a->status,
                                   a->status == 404 ? "not_found" : "invalid_parameter", a->message,
                                   a->where);
    enum mc_rc rc = mc_http_reply_json(res, 200, a->doc);
    json_decref(a->doc);
    a->doc = NULL;
    return rc;
}

enum mc_rc mc_http_refuse(struct mc_http_answer *out, int status, const char *message,
                          const char *where)
{
    out->status = status;
    out->message = message;
    out->where = where;
    return MC_OK;
}

enum mc_rc mc_http_plan_query(struct mc_http_request *req, struct mc_http_answer *out,
                              struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    const char *skills = mc_http_query_get(&req->query, "skills");
    const char *role = mc_http_query_get(&req->query, "role");
    const char *by = mc_http_query_get(&req->query, "by");
    if (skills && !*skills)
        skills = NULL; /* an empty form field */
    if (role && !*role)
        role = NULL;
    if (!skills == !role) {
        return mc_http_refuse(out, 400, "give skills=a,b,c or role=SLUG, not both", "skills");
    }
    if (by && strcmp(by, "cost") != 0 && strcmp(by, "time") != 0) {
        return mc_http_refuse(out, 400, "by is cost or time", "by");
    }
    const char **list = mc_arena_calloc(req->arena, MAX_SKILLS, sizeof *list);
    size_t n = 0;
    if (skills) {
        char *copy = mc_arena_strdup(req->arena, skills);
        char *save = NULL;
        for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
            if (n == MAX_SKILLS) {
                return mc_http_refuse(out, 400, "at most 200 skills", "skills");
            }
            list[n++] = tok;
        }
    }
    /* Signed in or not: a learner's plan, or anyone's. */
    const struct mc_principal *p = NULL;
    if (mc_http_header(req, "Authorization") || mc_http_header(req, "Cookie"))
        mc_http_principal(req, &p);
    struct mc_plan_request pr = {
        .learner_user_id = p ? p->user_id : 0,
        .skill_slugs = list,
        .n_skills = n,
        .role_slug = role,
        .by = by && strcmp(by, "time") == 0 ? MC_PLANNER_TIME : MC_PLANNER_COST,
    };
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_err err;
    mc_err_clear(&err);
    enum mc_rc rc = mc_app_plan(s, &pr, &out->doc, &err);
    mc_store_pool_release(req->pool, s);
    if (rc == MC_ERR_INVALID || rc == MC_ERR_NOT_FOUND) {
        return mc_http_refuse(out, rc == MC_ERR_INVALID ? 400 : 404,
                              mc_arena_strdup(req->arena, err.msg), role ? "role" : "skills");
    }
    if (rc)
        return mc_err_set(e, rc, "plan: %s", err.msg);
    out->status = 200;
    return MC_OK;
}

static enum mc_rc api_plan(struct mc_http_request *req, struct mc_http_response *res,
                           struct mc_err *e)
{
    static const char *const allowed[] = { "skills", "role", "by", NULL };
    if (!mc_http_api_query_ok(req, res, allowed))
        return MC_OK;
    struct mc_http_answer a;
    enum mc_rc rc = mc_http_plan_query(req, &a, e);
    if (rc)
        return rc;
    return mc_http_reply_answer(res, &a);
}

const struct mc_http_route mc_route_api_plan = {
    .method = "GET",
    .pattern = "/api/v1/plan",
    .kind = MC_HTTP_API,
    .handler = api_plan,
};
