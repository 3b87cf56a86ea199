/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/organisations/{slug}/trust {"verified": bool, "accredited": bool}: the trust
 * registry. Only platform administrators set the flags (with org:manage for a token); issuer
 * pages and verification show them. A flag left out keeps its value.
 */
#include "app/auth.h"
#include "http/resources.h"

static bool flag(struct mc_http_response *res, const json_t *body, const char *name, bool *v)
{
    const json_t *j = json_object_get(body, name);
    if (!j)
        return true;
    if (!json_is_boolean(j)) {
        mc_http_reply_error(res, 400, "invalid_body", "verified and accredited are true or false",
                            name);
        return false;
    }
    *v = json_is_true(j);
    return true;
}

static enum mc_rc api_org_trust(struct mc_http_request *req, struct mc_http_response *res,
                                struct mc_err *e)
{
    static const char *const members[] = { "verified", "accredited", NULL };
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_ORG_MANAGE);
    if (!p)
        return MC_OK;
    if (!p->is_platform_admin)
        return mc_http_reply_error(res, 403, "forbidden",
                                   "only platform administrators set an organisation's trust "
                                   "flags",
                                   NULL);
    json_t *body = mc_http_json_body(req, res);
    if (!body)
        return MC_OK;
    const char *slug = mc_http_path_param(req, "slug");
    enum mc_rc rc = MC_OK;
    struct mc_store *s = NULL;
    if (!mc_http_json_known(res, body, members))
        goto out;
    s = mc_store_pool_acquire(req->pool);
    struct mc_org org;
    rc = mc_store_org_get(s, slug, req->arena, &org, &err);
    if (rc) {
        rc = rc == MC_ERR_INVALID || rc == MC_ERR_NOT_FOUND
                     ? mc_http_reply_error(
                               res, 404, "not_found",
                               mc_arena_printf(req->arena, "there is no organisation %.100s", slug),
                               "slug")
                     : mc_err_set(e, rc, "%s", err.msg);
        goto out;
    }
    bool verified = org.verified, accredited = org.accredited;
    if (!flag(res, body, "verified", &verified) || !flag(res, body, "accredited", &accredited))
        goto out;
    rc = mc_store_begin(s, &err);
    if (!rc)
        rc = mc_store_org_set_trust(s, org.id, verified, accredited, &err);
    if (!rc) {
        char detail[64];
        snprintf(detail, sizeof detail, "{\"verified\":%s,\"accredited\":%s}",
                 verified ? "true" : "false", accredited ? "true" : "false");
        struct mc_audit_entry a = { .actor_user_id = p->user_id,
                                    .org_id = org.id,
                                    .action = "org.trust",
                                    .target_type = "organisation",
                                    .target_id = org.slug,
                                    .detail_json = detail };
        rc = mc_store_audit_append(s, &a, &err);
    }
    if (!rc)
        rc = mc_store_commit(s, &err);
    if (rc) {
        mc_store_rollback(s);
        rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    json_t *o = json_pack("{s:s, s:b, s:b}", "slug", org.slug, "verified", verified, "accredited",
                          accredited);
    rc = mc_http_reply_json(res, 200, o);
    json_decref(o);
out:
    if (s)
        mc_store_pool_release(req->pool, s);
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_org_trust = {
    .method = "POST",
    .pattern = "/api/v1/organisations/{slug}/trust",
    .kind = MC_HTTP_API,
    .handler = api_org_trust,
};
