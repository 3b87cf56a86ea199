/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/programs/{slug}/publish and /unpublish: show a program in the public catalog or
 * take it out (back to draft). catalog:write and the issuer-admin role in the program's
 * institution; another organisation's program is 404 as if it did not exist.
 */
#include "app/auth.h"
#include "http/resources.h"

static enum mc_rc set_status(struct mc_http_request *req, struct mc_http_response *res,
                             enum mc_publish_status status, struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_CATALOG_WRITE);
    if (!p)
        return MC_OK;
    const char *slug = mc_http_path_param(req, "slug");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_program prog;
    enum mc_rc rc = mc_store_program_get(s, slug, req->arena, &prog, &err);
    if (rc && rc != MC_ERR_NOT_FOUND && rc != MC_ERR_INVALID) {
        rc = mc_err_set(e, rc, "%s", err.msg);
        goto out;
    }
    if (rc || !mc_http_can_act(p, prog.institution_org_id, MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN))) {
        rc = mc_http_reply_error(
                res, 404, "not_found",
                mc_arena_printf(req->arena, "there is no program %.100s you can manage", slug),
                "slug");
        goto out;
    }
    rc = mc_store_begin(s, &err);
    if (!rc)
        rc = mc_store_program_set_status(s, slug, status, &err);
    if (!rc) {
        struct mc_audit_entry a = {
            .actor_user_id = p->user_id,
            .org_id = prog.institution_org_id,
            .action = status == MC_STATUS_PUBLISHED ? "program.publish" : "program.unpublish",
            .target_type = "program",
            .target_id = slug,
        };
        rc = mc_store_audit_append(s, &a, &err);
    }
    if (!rc)
        rc = mc_store_commit(s, &err);
    if (rc) {
        mc_store_rollback(s);
        rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    json_t *o = json_pack("{s:s, s:s}", "slug", slug, "status", mc_publish_status_name(status));
    rc = mc_http_reply_json(res, 200, o);
    json_decref(o);
out:
    mc_store_pool_release(req->pool, s);
    return rc;
}

static enum mc_rc publish(struct mc_http_request *req, struct mc_http_response *res,
                          struct mc_err *e)
{
    return set_status(req, res, MC_STATUS_PUBLISHED, e);
}

static enum mc_rc unpublish(struct mc_http_request *req, struct mc_http_response *res,
                            struct mc_err *e)
{
    return set_status(req, res, MC_STATUS_DRAFT, e);
}

const struct mc_http_route mc_route_api_program_publish = {
    .method = "POST",
    .pattern = "/api/v1/programs/{slug}/publish",
    .kind = MC_HTTP_API,
    .handler = publish,
};

const struct mc_http_route mc_route_api_program_unpublish = {
    .method = "POST",
    .pattern = "/api/v1/programs/{slug}/unpublish",
    .kind = MC_HTTP_API,
    .handler = unpublish,
};
