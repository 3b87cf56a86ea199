/* SPDX-License-Identifier: Apache-2.0 */
/* POST /oauth/revoke: token revocation (RFC 7009). A refresh token takes its whole grant with
 * it; an access token only itself. Unknown tokens get the same 200 (§2.2). */
#include "base/time.h"
#include "http/oauth-http.h"
#include "http/resources.h"

static enum mc_rc oauth_revoke(struct mc_http_request *req, struct mc_http_response *res,
                               struct mc_err *e)
{
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    struct mc_err err;
    mc_err_clear(&err);
    struct mc_http_query form;
    if (mc_oauth_form(req, &form, &err))
        return mc_oauth_reply_error(res, 400, MC_OAUTH_INVALID_REQUEST, err.msg);
    bool repeated = false;
    const char *token = mc_oauth_param(&form, "token", &repeated);
    if (repeated || !token)
        return mc_oauth_reply_error(res, 400, MC_OAUTH_INVALID_REQUEST, "token is required, once");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_oauth_client client;
    bool ok = false;
    enum mc_rc rc = mc_oauth_http_client(req, res, s, &form, &client, &ok, e);
    if (!rc && ok)
        rc = mc_oauth_revoke(s, &client, token, mc_time_now(), e);
    mc_store_pool_release(req->pool, s);
    if (rc || !ok)
        return rc;
    mc_oauth_no_store(res);
    res->status = 200;
    res->content_type = "text/plain; charset=utf-8";
    return MC_OK;
}

const struct mc_http_route mc_route_oauth_revoke = {
    .method = "POST",
    .pattern = "/oauth/revoke",
    .kind = MC_HTTP_API,
    .handler = oauth_revoke,
};
