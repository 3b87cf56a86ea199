/* SPDX-License-Identifier: Apache-2.0 */
/* GET /ims/ob/v3p0/profile (getProfile, scope profile.readonly): the token's user's Profile. */
#include "http/oauth-http.h"
#include "http/resources.h"

json_t *mc_ob3_profile_json(const struct mc_http_request *req, const struct mc_user *u)
{
    const char *id = u->did && *u->did ? u->did
                                       : mc_arena_printf(req->arena, "%s/users/%lld", req->base_url,
                                                         (long long)u->id);
    json_t *doc = json_pack("{s:s, s:[s]}", "id", id, "type", "Profile");
    json_t *name = json_string(u->name);
    if (name)
        json_object_set_new(doc, "name", name);
    json_t *email = json_string(u->email);
    if (email)
        json_object_set_new(doc, "email", email);
    return doc;
}

static enum mc_rc ob3_profile(struct mc_http_request *req, struct mc_http_response *res,
                              struct mc_err *e)
{
    static const char *const allowed[] = { NULL };
    const char *code = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    if (mc_http_query_check(&req->query, allowed, &code, &err))
        return mc_ob3_reply_status(res, 400, "invalid_query_parameter", err.msg);
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_principal p;
    bool ok = false;
    struct mc_user u;
    enum mc_rc rc = mc_ob3_principal(req, res, s, MC_SCOPE_OB_PROFILE_READONLY, &p, &ok, e);
    if (!rc && ok)
        rc = mc_store_user_get(s, p.user_id, req->arena, &u, e);
    mc_store_pool_release(req->pool, s);
    if (rc == MC_ERR_NOT_FOUND)
        return mc_ob3_reply_status(res, 404, "not_found", "the token's user no longer exists");
    if (rc || !ok)
        return rc;
    json_t *doc = mc_ob3_profile_json(req, &u);
    mc_http_response_header(res, "Cache-Control", "no-store");
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_ob3_profile = {
    .method = "GET",
    .pattern = MC_OB3_BASE "/profile",
    .kind = MC_HTTP_API,
    .handler = ob3_profile,
};
