/* SPDX-License-Identifier: Apache-2.0 */
/* DELETE /api/v1/session: sign out (the session's CSRF token in X-CSRF-Token); 204. */
#include "app/auth.h"
#include "http/resources.h"

static enum mc_rc api_session_end(struct mc_http_request *req, struct mc_http_response *res,
                                  struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, 0);
    if (!p)
        return MC_OK;
    if (p->kind != MC_PRINCIPAL_SESSION)
        return mc_http_reply_error(res, 400, "invalid_request",
                                   "this request carries an API token, not a session; an API "
                                   "token ends when it is revoked (mcred token revoke)",
                                   "Authorization");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    enum mc_rc rc = mc_auth_logout(s, p, &err);
    mc_store_pool_release(req->pool, s);
    if (rc)
        return mc_err_set(e, rc, "%s", err.msg);
    mc_http_set_session_cookie(req, res, NULL, 0);
    res->status = 204;
    return MC_OK;
}

const struct mc_http_route mc_route_api_session_end = {
    .method = "DELETE",
    .pattern = "/api/v1/session",
    .kind = MC_HTTP_API,
    .handler = api_session_end,
};
