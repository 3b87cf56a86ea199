/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PUT /api/v1/achievements/{slug}: a provider edits its achievement (the catalog data format of a
 * program's "achievement"). The edit becomes a new version: credentials issued under earlier
 * versions keep theirs, and the courses and programs that awarded the achievement award the new
 * version from now on. catalog:write and the issuer-admin role in the achievement's
 * organisation; another organisation's achievement is 404 as if it did not exist.
 */
#include <string.h>

#include "app/auth.h"
#include "app/demo.h"
#include "http/resources.h"

static enum mc_rc api_achievement_edit(struct mc_http_request *req, struct mc_http_response *res,
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
    const char *slug = mc_http_path_param(req, "slug");
    const char *given = NULL;
    enum mc_rc rc = MC_OK;
    struct mc_store *s = NULL;
    if (!mc_http_json_string(res, body, "slug", &given))
        goto out;
    if (given && strcmp(given, slug) != 0) {
        rc = mc_http_reply_error(res, 400, "invalid_field",
                                 "the slug in the body differs from the one in the address",
                                 "/slug");
        goto out;
    }
    json_object_set_new(body, "slug", json_string(slug));
    s = mc_store_pool_acquire(req->pool);
    struct mc_achievement cur;
    bool visible = !mc_store_achievement_get(s, slug, 0, req->arena, &cur, NULL) &&
                   mc_http_can_act(p, cur.issuer_org_id, MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN));
    if (!visible) {
        rc = mc_http_reply_error(res, 404, "not_found", "no such achievement", NULL);
        goto out;
    }
    int64_t id = 0;
    int version = 0;
    rc = mc_store_begin(s, &err);
    if (!rc)
        rc = mc_app_catalog_edit_achievement(s, body, cur.issuer_org_id, &id, &version, &err);
    if (!rc) {
        struct mc_audit_entry a = { .actor_user_id = p->user_id,
                                    .org_id = cur.issuer_org_id,
                                    .action = "achievement.edit",
                                    .target_type = "achievement",
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
    json_t *o = json_pack("{s:s, s:i, s:i}", "slug", slug, "version", version, "previous_version",
                          cur.version);
    rc = mc_http_reply_json(res, 200, o);
    json_decref(o);
out:
    if (s)
        mc_store_pool_release(req->pool, s);
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_achievement_edit = {
    .method = "PUT",
    .pattern = "/api/v1/achievements/{slug}",
    .kind = MC_HTTP_API,
    .handler = api_achievement_edit,
};
