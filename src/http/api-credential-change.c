/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/credentials/{uuid}/revoke, /suspend and /unsuspend with {"reason"}: change a
 * credential's status (its status list bit, re-signed and published). Needs credentials:revoke
 * and the issuer-admin role in the credential's organisation; another organisation's credential
 * is 404 as if it did not exist. 200 with the credential's new state; 409 when the change does
 * not apply (revoked already, not suspended, ...).
 */
#include "app/auth.h"
#include "http/resources.h"

static enum mc_rc change(struct mc_http_request *req, struct mc_http_response *res,
                         enum mc_status_change what, struct mc_err *e)
{
    static const char *const members[] = { "reason", NULL };
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_CREDENTIALS_REVOKE);
    if (!p)
        return MC_OK;
    const struct mc_master_key *mk = mc_http_master_key(req, res);
    if (!mk)
        return MC_OK;
    json_t *body = mc_http_json_body(req, res);
    if (!body)
        return MC_OK;
    enum mc_rc rc = MC_OK;
    const char *reason = NULL;
    struct mc_store *s = NULL;
    if (!mc_http_json_known(res, body, members) ||
        !mc_http_json_string(res, body, "reason", &reason))
        goto out;
    s = mc_store_pool_acquire(req->pool);
    struct mc_credential_row c;
    bool answered = false;
    rc = mc_http_credential_lookup(req, res, s, p, &c, &answered, e);
    if (rc || answered)
        goto out;
    struct mc_issuer_env env;
    mc_http_issuer_env(req, mk, s, &env);
    rc = mc_store_begin(s, &err);
    if (!rc)
        rc = mc_issue_set_status_tx(&env, c.id, what, reason, p->user_id, &err);
    if (!rc)
        rc = mc_store_commit(s, &err);
    if (rc) {
        mc_store_rollback(s);
        rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    rc = mc_store_credential_get(s, c.id, req->arena, &c, &err);
    if (rc) {
        rc = mc_err_set(e, rc, "%s", err.msg);
        goto out;
    }
    json_t *o = mc_http_credential_json(req, &c);
    rc = mc_http_reply_json(res, 200, o);
    json_decref(o);
out:
    if (s)
        mc_store_pool_release(req->pool, s);
    json_decref(body);
    return rc;
}

static enum mc_rc revoke(struct mc_http_request *req, struct mc_http_response *res,
                         struct mc_err *e)
{
    return change(req, res, MC_CRED_REVOKE, e);
}

static enum mc_rc suspend(struct mc_http_request *req, struct mc_http_response *res,
                          struct mc_err *e)
{
    return change(req, res, MC_CRED_SUSPEND, e);
}

static enum mc_rc unsuspend(struct mc_http_request *req, struct mc_http_response *res,
                            struct mc_err *e)
{
    return change(req, res, MC_CRED_UNSUSPEND, e);
}

const struct mc_http_route mc_route_api_credential_revoke = {
    .method = "POST",
    .pattern = "/api/v1/credentials/{uuid}/revoke",
    .kind = MC_HTTP_API,
    .handler = revoke,
};

const struct mc_http_route mc_route_api_credential_suspend = {
    .method = "POST",
    .pattern = "/api/v1/credentials/{uuid}/suspend",
    .kind = MC_HTTP_API,
    .handler = suspend,
};

const struct mc_http_route mc_route_api_credential_unsuspend = {
    .method = "POST",
    .pattern = "/api/v1/credentials/{uuid}/unsuspend",
    .kind = MC_HTTP_API,
    .handler = unsuspend,
};
