/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /talent[?skills=a,b | ?role=R][&verified=false]: the employer search for people.
 * Signed-in employers (or issuers) name skills, or a job role for its skills, and see the
 * learners who opted in to be found and hold them — by default only skills a credential backs —
 * with links to their public profiles and, for a role, to how each meets it.
 */
#include <string.h>

#include "app/auth.h"
#include "http/resources.h"

/* The skills of job role `role`, comma-separated (arena), or NULL after noting the error. */
static const char *role_skills(struct mc_http_request *req, struct mc_store *s, const char *role,
                               json_t *ctx)
{
    struct mc_job_role jr;
    struct mc_err err;
    mc_err_clear(&err);
    if (mc_store_job_role_get(s, role, req->arena, &jr, &err)) {
        json_object_set_new(ctx, "error", json_string(err.msg));
        return NULL;
    }
    const char *list = "";
    for (size_t i = 0; i < jr.n_skills; i++)
        list = mc_arena_printf(req->arena, "%s%s%s", list, i ? "," : "", jr.skills[i].skill_slug);
    json_object_set_new(ctx, "role_title", json_string(jr.title));
    return list;
}

static enum mc_rc page_talent(struct mc_http_request *req, struct mc_http_response *res,
                              struct mc_err *e)
{
    static const char *const allowed[] = { "skills", "role", "verified", NULL };
    enum mc_rc rc;
    if (!mc_http_talent_page_gate(req, res, allowed,
                                  "Searching people by skill needs the employer role in an "
                                  "organisation.",
                                  &rc, e))
        return rc;
    const char *skills = mc_http_query_get(&req->query, "skills");
    const char *role = mc_http_query_get(&req->query, "role");
    const char *verified = mc_http_query_get(&req->query, "verified");
    if (skills && !*skills)
        skills = NULL;
    if (role && !*role)
        role = NULL;
    int status = 200;
    json_t *ctx = json_pack("{s:s, s:s, s:s?, s:b}", "title", "Find people by skill",
                            "skills_value", skills ? skills : "", "role", role, "declared_too",
                            verified && strcmp(verified, "false") == 0);
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    json_object_set_new(ctx, "role_options", mc_http_role_options(req, s, role));
    /* A role stands for its skills when no skills are named. */
    const char *wanted = skills;
    if (!wanted && role && !(wanted = role_skills(req, s, role, ctx)))
        status = 404;
    mc_store_pool_release(req->pool, s);
    if (wanted) {
        struct mc_http_answer a;
        rc = mc_http_talent_query(req, wanted, &a, e);
        if (rc) {
            json_decref(ctx);
            return rc;
        }
        status = a.status;
        if (a.doc) {
            json_t *items = json_object_get(a.doc, "items");
            json_object_set_new(ctx, "asked", json_true());
            json_object_set_new(ctx, "found", json_boolean(json_array_size(items) > 0));
            json_object_set(ctx, "items", items);
            json_decref(a.doc);
        } else {
            json_object_set_new(ctx, "error", json_string(a.message));
        }
    }
    mc_http_response_header(res, "Cache-Control", "no-store");
    rc = mc_http_reply_page(req, res, status, "talent.html", ctx, e);
    json_decref(ctx);
    return rc;
}

const struct mc_http_route mc_route_page_talent = {
    .method = "GET",
    .pattern = "/talent",
    .kind = MC_HTTP_PAGE,
    .handler = page_talent,
};
