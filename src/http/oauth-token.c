/* SPDX-License-Identifier: Apache-2.0 */
/* POST /oauth/token: the token endpoint (RFC 6749 §3.2): grant_type authorization_code (with
 * the PKCE code_verifier) and refresh_token; clients authenticate with HTTP Basic or
 * client_secret_post, public clients with their client_id. */
#include <string.h>

#include "base/time.h"
#include "http/oauth-http.h"
#include "http/resources.h"

static enum mc_rc oauth_token(struct mc_http_request *req, struct mc_http_response *res,
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
    const char *grant_type = mc_oauth_param(&form, "grant_type", &repeated);
    const char *code = mc_oauth_param(&form, "code", &repeated);
    const char *redirect_uri = mc_oauth_param(&form, "redirect_uri", &repeated);
    const char *verifier = mc_oauth_param(&form, "code_verifier", &repeated);
    const char *refresh = mc_oauth_param(&form, "refresh_token", &repeated);
    const char *scope = mc_oauth_param(&form, "scope", &repeated);
    if (repeated)
        return mc_oauth_reply_error(res, 400, MC_OAUTH_INVALID_REQUEST,
                                    "a parameter is repeated (RFC 6749 §3.2)");
    if (!grant_type)
        return mc_oauth_reply_error(res, 400, MC_OAUTH_INVALID_REQUEST, "grant_type is required");
    bool by_code = strcmp(grant_type, "authorization_code") == 0;
    if (!by_code && strcmp(grant_type, "refresh_token") != 0)
        return mc_oauth_reply_error(res, 400, MC_OAUTH_UNSUPPORTED_GRANT_TYPE,
                                    "grant_type must be authorization_code or refresh_token");

    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_oauth_client client;
    bool ok = false;
    enum mc_rc rc = mc_oauth_http_client(req, res, s, &form, &client, &ok, e);
    if (rc || !ok)
        goto out;
    struct mc_oauth_tokens t;
    enum mc_oauth_error oerr = MC_OAUTH_OK;
    int64_t now = mc_time_now();
    if (by_code)
        rc = mc_oauth_exchange_code(s, &client, code, redirect_uri, verifier, now, req->arena, &t,
                                    &oerr, &err);
    else
        rc = mc_oauth_refresh(s, &client, refresh, scope, now, req->arena, &t, &oerr, &err);
    if (rc == MC_ERR_INVALID && oerr) {
        rc = mc_oauth_reply_error(res, 400, oerr, err.msg);
        goto out;
    }
    if (rc) {
        *e = err;
        goto out;
    }
    json_t *doc = json_pack("{s:s, s:s, s:I, s:s, s:s}", "access_token", t.access_token,
                            "token_type", "Bearer", "expires_in", (json_int_t)t.expires_in,
                            "refresh_token", t.refresh_token, "scope", t.scope);
    mc_oauth_no_store(res);
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
out:
    mc_store_pool_release(req->pool, s);
    return rc;
}

const struct mc_http_route mc_route_oauth_token = {
    .method = "POST",
    .pattern = "/oauth/token",
    .kind = MC_HTTP_API,
    .handler = oauth_token,
};
