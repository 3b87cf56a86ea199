/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/session: sign in with {"email", "password"} for a browser application. Sets the
 * session cookie and answers 201 with the user, their roles and the CSRF token that every
 * state-changing request of the session must send back in X-CSRF-Token.
 */
#include <string.h>
#include <time.h>

#include "app/auth.h"
#include "base/time.h"
#include "http/resources.h"

static json_t *principal_json(const struct mc_principal *p)
{
    json_t *roles = json_array();
    for (size_t i = 0; i < p->n_memberships; i++)
        json_array_append_new(roles, json_pack("{s:s?, s:s}", "org", p->memberships[i].org_slug,
                                               "role", mc_role_name(p->memberships[i].role)));
    json_t *u = json_pack("{s:I, s:s?, s:s?, s:b, s:o}", "id", (json_int_t)p->user_id, "email",
                          p->email, "name", p->name, "platform_admin", p->is_platform_admin,
                          "memberships", roles);
    return u ? u : json_object();
}

static enum mc_rc api_session(struct mc_http_request *req, struct mc_http_response *res,
                              struct mc_err *e)
{
    static const char *const members[] = { "email", "password", NULL };
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    json_t *body = mc_http_json_body(req, res);
    if (!body)
        return MC_OK;
    const char *email = NULL, *password = NULL;
    enum mc_rc rc = MC_OK;
    if (!mc_http_json_known(res, body, members) ||
        !mc_http_json_string(res, body, "email", &email) ||
        !mc_http_json_string(res, body, "password", &password))
        goto out;
    if (!email || !password) {
        rc = mc_http_reply_error(res, 400, "invalid_body", "email and password are required",
                                 email ? "password" : "email");
        goto out;
    }
    struct mc_auth_login_out lo;
    memset(&lo, 0, sizeof lo);
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    int64_t now = (int64_t)time(NULL);
    rc = mc_auth_login(s, req->hash_pool, req->limits, email, password, strlen(password),
                       req->remote_addr, mc_http_header(req, "User-Agent"), now, &lo, &err);
    struct mc_principal p;
    if (!rc)
        rc = mc_auth_session(s, lo.token, strlen(lo.token), now, req->arena, &p, &err);
    mc_store_pool_release(req->pool, s);
    int status = mc_http_login_status(req, res, rc, lo.retry_after);
    if (status) {
        rc = mc_http_reply_error(res, status, mc_http_login_code(status), err.msg,
                                 status == 400 ? err.where : NULL);
        if (status == 401)
            mc_http_response_header(res, "WWW-Authenticate", "Bearer");
        goto out;
    }
    if (rc) {
        rc = mc_err_set(e, rc, "%s", err.msg);
        goto out;
    }
    char expires[MC_TIME_RFC3339_SIZE];
    mc_time_format_rfc3339(lo.expires_at, expires);
    json_t *o = json_pack("{s:o, s:s, s:s}", "user", principal_json(&p), "csrf_token", lo.csrf,
                          "expires_at", expires);
    mc_http_set_session_cookie(req, res, lo.token, lo.expires_at);
    rc = mc_http_reply_json(res, 201, o);
    json_decref(o);
out:
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_session = {
    .method = "POST",
    .pattern = "/api/v1/session",
    .kind = MC_HTTP_API,
    .handler = api_session,
};
