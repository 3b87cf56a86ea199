/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PUT /ims/ob/v3p0/profile (putProfile, scope profile.update): the client changes its user's
 * Profile. Only the name is taken ("name", or "givenName" and "familyName" joined); the id and
 * the email address are the account's and stay as they are. Answers 200 with the Profile.
 */
#include <string.h>

#include "base/json.h"
#include "http/oauth-http.h"
#include "http/resources.h"

#define NAME_MAX_BYTES 200

static enum mc_rc ob3_profile_put(struct mc_http_request *req, struct mc_http_response *res,
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
    json_t *doc = NULL;
    struct mc_user u;
    enum mc_rc rc = mc_ob3_principal(req, res, s, MC_SCOPE_OB_PROFILE_UPDATE, &p, &ok, e);
    if (rc || !ok)
        goto out;
    const char *ct = mc_http_header(req, "Content-Type");
    if (!ct || strncmp(ct, "application/json", 16) != 0) {
        rc = mc_ob3_reply_status(res, 415, "invalid_data", "send the Profile as application/json");
        goto out;
    }
    struct mc_json_limits lim = { req->body_len + 1, 32 };
    if (mc_json_parse(req->body, req->body_len, 0, &lim, &doc, &err) || !json_is_object(doc)) {
        rc = mc_ob3_reply_status(res, 400, "invalid_data", "the body must be a Profile object");
        goto out;
    }
    const char *name = json_string_value(json_object_get(doc, "name"));
    const char *given = json_string_value(json_object_get(doc, "givenName"));
    const char *family = json_string_value(json_object_get(doc, "familyName"));
    if (!name && given && family)
        name = mc_arena_printf(req->arena, "%s %s", given, family);
    else if (!name)
        name = given ? given : family;
    if (!name || !*name || strlen(name) > NAME_MAX_BYTES) {
        rc = mc_ob3_reply_status(res, 400, "invalid_data",
                                 "the Profile needs a name of 1 to 200 bytes");
        goto out;
    }
    rc = mc_store_user_set_name(s, p.user_id, name, e);
    if (!rc)
        rc = mc_store_user_get(s, p.user_id, req->arena, &u, e);
    if (rc == MC_ERR_NOT_FOUND) {
        rc = mc_ob3_reply_status(res, 404, "not_found", "the token's user no longer exists");
        goto out;
    }
    if (rc)
        goto out;
    json_t *answer = mc_ob3_profile_json(req, &u);
    mc_http_response_header(res, "Cache-Control", "no-store");
    rc = mc_http_reply_json(res, 200, answer);
    json_decref(answer);
out:
    mc_store_pool_release(req->pool, s);
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_ob3_profile_put = {
    .method = "PUT",
    .pattern = MC_OB3_BASE "/profile",
    .kind = MC_HTTP_API,
    .handler = ob3_profile_put,
};
