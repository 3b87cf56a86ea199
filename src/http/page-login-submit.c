/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /login: the sign-in form's answer. A success sets the session cookie and goes to the
 * form's `next` path (a path on this site only) or the account page; a refusal shows the form again
 * with what went wrong (401, 429 with Retry-After while the address or the account is locked, 503
 * when the hashing pool is busy).
 */
#include <string.h>
#include <time.h>

#include "app/auth.h"
#include "http/resources.h"

/*
 * Where to go after signing in: a path on this site ("/oauth/authorize?..."), never another
 * site — not "//host", not "/\\host", nothing with a scheme or control characters — so the
 * form cannot be used to send people elsewhere. NULL when `next` is not one.
 */
const char *mc_http_login_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 2048)
        return NULL;
    for (const char *p = next; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
            return NULL;
    return next;
}

enum mc_rc mc_http_login_page(struct mc_http_request *req, struct mc_http_response *res, int status,
                              const char *email, const char *error, struct mc_err *e)
{
    const char *next = mc_http_form_field(req, "next");
    if (!next)
        next = mc_http_query_get(&req->query, "next");
    json_t *ctx = json_pack("{s:s, s:s?, s:s?, s:s?}", "title", "Sign in", "email", email, "error",
                            error, "next", mc_http_login_next(next));
    if (!ctx)
        ctx = json_pack("{s:s}", "title", "Sign in");
    mc_http_response_header(res, "Cache-Control", "no-store");
    enum mc_rc rc = mc_http_reply_page(req, res, status, "login.html", ctx, e);
    json_decref(ctx);
    return rc;
}

static enum mc_rc page_login_submit(struct mc_http_request *req, struct mc_http_response *res,
                                    struct mc_err *e)
{
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    const char *email = mc_http_form_field(req, "email");
    const char *password = mc_http_form_field(req, "password");
    if (!email || !*email || !password || !*password)
        return mc_http_login_page(req, res, 400, email, "Give your email address and password.", e);
    struct mc_auth_login_out out;
    struct mc_err err;
    mc_err_clear(&err);
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    enum mc_rc rc = mc_auth_login(s, req->hash_pool, req->limits, email, password, strlen(password),
                                  req->remote_addr, mc_http_header(req, "User-Agent"),
                                  (int64_t)time(NULL), &out, &err);
    mc_store_pool_release(req->pool, s);
    int status = mc_http_login_status(req, res, rc, out.retry_after);
    if (status)
        return mc_http_login_page(req, res, status, email, err.msg, e);
    if (rc)
        return mc_err_set(e, rc, "%s", err.msg);
    mc_http_set_session_cookie(req, res, out.token, out.expires_at);
    const char *next = mc_http_login_next(mc_http_form_field(req, "next"));
    mc_http_response_header(res, "Location", next ? next : "/account");
    return mc_http_reply_html(res, 303, "", 0);
}

const struct mc_http_route mc_route_page_login_submit = {
    .method = "POST",
    .pattern = "/login",
    .kind = MC_HTTP_PAGE,
    .handler = page_login_submit,
};
