/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/programs: a provider adds a program with its achievement, courses and
 * assessments, in the catalog data format (docs/demo-data.md; app/demo.h). The institution it
 * names must be one where the caller is an issuer-admin or owner (catalog:write); any other is
 * 404 as if it did not exist. 201 with the program's slug and catalog state.
 */
#include "app/auth.h"
#include "app/demo.h"
#include "http/resources.h"

static enum mc_rc api_programs(struct mc_http_request *req, struct mc_http_response *res,
                               struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_CATALOG_WRITE);
    if (!p)
        return MC_OK;
    json_t *body = mc_http_json_body(req, res);
    if (!body)
        return MC_OK;
    const char *inst = NULL;
    const char *slug = NULL;
    enum mc_rc rc = MC_OK;
    struct mc_store *s = NULL;
    if (!mc_http_json_string(res, body, "institution", &inst) ||
        !mc_http_json_string(res, body, "slug", &slug))
        goto out;
    if (!inst) {
        rc = mc_http_reply_error(res, 400, "invalid_field",
                                 "institution is required: the slug of your organisation",
                                 "/institution");
        goto out;
    }
    s = mc_store_pool_acquire(req->pool);
    int64_t org = mc_http_acting_org(req, res, s, p, inst, MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN), e);
    if (org <= 0) {
        rc = org < 0 ? MC_ERR_DB : MC_OK;
        goto out;
    }
    int64_t id = 0;
    rc = mc_store_begin(s, &err);
    if (!rc)
        rc = mc_app_catalog_add_program(s, body, org, &id, &err);
    if (!rc) {
        struct mc_audit_entry a = { .actor_user_id = p->user_id,
                                    .org_id = org,
                                    .action = "program.add",
                                    .target_type = "program",
                                    .target_id = slug };
        rc = mc_store_audit_append(s, &a, &err);
    }
    if (!rc)
        rc = mc_store_commit(s, &err);
    if (rc) {
        mc_store_rollback(s);
        rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    struct mc_program prog;
    rc = mc_store_program_get(s, slug, req->arena, &prog, &err);
    if (rc) {
        rc = mc_err_set(e, rc, "%s", err.msg);
        goto out;
    }
    json_t *o = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)id, "slug", prog.slug, "status",
                          mc_publish_status_name(prog.status), "institution", inst);
    rc = mc_http_reply_json(res, 201, o);
    json_decref(o);
out:
    if (s)
        mc_store_pool_release(req->pool, s);
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_programs = {
    .method = "POST",
    .pattern = "/api/v1/programs",
    .kind = MC_HTTP_API,
    .handler = api_programs,
};
