/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The signed-in learner's wallet through the API:
 *   GET  /api/v1/wallet  the credentials they added, newest first
 *   POST /api/v1/wallet  add one: the body is the credential (application/json,
 *                        application/ld+json, application/vc+ld+json), a VC-JWT (text/plain,
 *                        application/vc+jwt, application/jwt) or a badge image with one baked in
 *                        (image/png, image/svg+xml). 201 when added, 200 when it replaced the
 *                        same credential or was issued here to the learner already; 422 with
 *                        the verification report when it does not verify.
 */
#include <string.h>
#include <strings.h>

#include "app/auth.h"
#include "http/resources.h"

static enum mc_rc api_wallet_list(struct mc_http_request *req, struct mc_http_response *res,
                                  struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_OB_CREDENTIAL_READONLY);
    if (!p)
        return MC_OK;
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    json_t *list = NULL;
    enum mc_rc rc = mc_http_wallet_list(req, s, p->user_id, &list, &err);
    mc_store_pool_release(req->pool, s);
    if (rc)
        return mc_err_set(e, rc, "wallet: %s", err.msg);
    json_t *doc = json_pack("{s:o}", "credentials", list);
    mc_http_response_header(res, "Cache-Control", "no-store");
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    return rc;
}

static enum mc_rc api_wallet_add(struct mc_http_request *req, struct mc_http_response *res,
                                 struct mc_err *e)
{
    static const char *const accepted[] = {
        "application/json", "application/ld+json", "application/vc+ld+json",
        "text/plain",       "application/vc+jwt",  "application/jwt",
        "image/png",        "image/svg+xml",       NULL,
    };
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_OB_CREDENTIAL_UPSERT);
    if (!p)
        return MC_OK;
    const char *ct = mc_http_header(req, "Content-Type");
    bool known = false;
    for (size_t i = 0; accepted[i] && !known; i++)
        known = mc_http_media_is(ct, accepted[i]);
    if (!known)
        return mc_http_reply_error(res, 415, "unsupported_media_type",
                                   "send the credential as application/json, a VC-JWT as "
                                   "text/plain, or a badge as image/png or image/svg+xml",
                                   "Content-Type");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_http_wallet_result w;
    enum mc_rc rc = mc_http_wallet_add(req, s, p->user_id, req->body, req->body_len, &w, &err);
    mc_store_pool_release(req->pool, s);
    if (rc) {
        json_decref(w.report);
        return mc_err_set(e, rc, "wallet: %s", err.msg);
    }
    json_t *verification = w.report ? w.report : json_null();
    if (w.status >= 400) {
        json_t *extra = json_pack("{s:O}", "verification", verification);
        rc = mc_http_reply_problem(res, w.status, w.status == 422 ? "not_verified" : "invalid_body",
                                   w.message, w.status == 422 ? NULL : "body", extra);
        json_decref(extra);
    } else {
        json_t *doc = json_pack("{s:b, s:s, s:s, s:s?, s:s, s:O}", "added", w.added, "message",
                                w.message, "id", w.id, "issuer", w.issuer, "format", w.format,
                                "verification", verification);
        mc_http_response_header(res, "Cache-Control", "no-store");
        rc = mc_http_reply_json(res, w.status, doc);
        json_decref(doc);
    }
    json_decref(verification);
    return rc;
}

const struct mc_http_route mc_route_api_wallet_list = {
    .method = "GET",
    .pattern = "/api/v1/wallet",
    .kind = MC_HTTP_API,
    .handler = api_wallet_list,
};

const struct mc_http_route mc_route_api_wallet_add = {
    .method = "POST",
    .pattern = "/api/v1/wallet",
    .kind = MC_HTTP_API,
    .handler = api_wallet_add,
};
