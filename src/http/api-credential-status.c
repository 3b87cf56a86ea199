/* SPDX-License-Identifier: Apache-2.0 */
/* GET /api/v1/credentials/{uuid}/status: a credential's status for its issuer (credentials:read;
 * another organisation's credential is 404). */
#include "app/auth.h"
#include "http/resources.h"

static enum mc_rc api_credential_status(struct mc_http_request *req, struct mc_http_response *res,
                                        struct mc_err *e)
{
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_CREDENTIALS_READ);
    if (!p)
        return MC_OK;
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_credential_row c;
    bool answered = false;
    enum mc_rc rc = mc_http_credential_lookup(req, res, s, p, &c, &answered, e);
    mc_store_pool_release(req->pool, s);
    if (rc || answered)
        return rc;
    json_t *o = mc_http_credential_json(req, &c);
    mc_http_response_header(res, "Cache-Control", "no-store");
    rc = mc_http_reply_json(res, 200, o);
    json_decref(o);
    return rc;
}

const struct mc_http_route mc_route_api_credential_status = {
    .method = "GET",
    .pattern = "/api/v1/credentials/{uuid}/status",
    .kind = MC_HTTP_API,
    .handler = api_credential_status,
};
