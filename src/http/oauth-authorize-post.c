/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /oauth/authorize: the person's decision on the consent page (CSRF-checked). The request
 * is checked again; "approve" sends a new authorization code to the client's redirect URI,
 * anything else error=access_denied, both with the state (RFC 6749 §4.1.2).
 *
 * The answer is a short page with a `Refresh` header to the redirect URI rather than a 303:
 * every page carries the Content-Security-Policy "form-action 'self'", and browsers apply
 * form-action to redirects that follow a form submission, which would stop a redirect to the
 * client's own host.
 */
#include <string.h>

#include "base/time.h"
#include "http/oauth-http.h"
#include "http/resources.h"

static enum mc_rc continue_page(struct mc_http_request *req, struct mc_http_response *res,
                                const char *url, struct mc_err *e)
{
    json_t *ctx = json_object();
    json_object_set_new(ctx, "title", json_string("Returning you to the application"));
    json_t *c = json_object();
    json_t *u = json_string(url);
    json_object_set_new(c, "url", u ? u : json_string(""));
    json_object_set_new(c, "redirect_host", json_string(mc_oauth_uri_host(req->arena, url)));
    json_object_set_new(ctx, "continue", c);
    mc_http_response_header(res, "Refresh", mc_arena_printf(req->arena, "0; url=%s", url));
    mc_http_response_header(res, "Cache-Control", "no-store");
    enum mc_rc rc = mc_http_reply_page(req, res, 200, "consent.html", ctx, e);
    json_decref(ctx);
    return rc;
}

static enum mc_rc oauth_authorize_post(struct mc_http_request *req, struct mc_http_response *res,
                                       struct mc_err *e)
{
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    struct mc_err err;
    mc_err_clear(&err);
    struct mc_http_query form;
    if (mc_oauth_form(req, &form, &err))
        return mc_http_reply_error_page(req, res, 400, "The form is not valid", err.msg);
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_principal p;
    bool signed_in = false;
    enum mc_rc rc = mc_oauth_session(req, s, &p, &signed_in, e);
    if (rc)
        goto out;
    bool repeated = false;
    const char *csrf = mc_oauth_param(&form, MC_AUTH_CSRF_FIELD, &repeated);
    if (!signed_in || !csrf || !mc_auth_csrf_check(&p, csrf, strlen(csrf))) {
        rc = mc_http_reply_error_page(req, res, 403, "Please try again",
                                      "Your session ended or the form was not the one we sent: "
                                      "go back to the application and start again.");
        goto out;
    }
    struct mc_oauth_authz_request r;
    mc_oauth_authz_params(&form, &r, &repeated);
    const char *decision = mc_oauth_param(&form, "decision", &repeated);
    struct mc_oauth_authz az;
    bool can_redirect = false;
    enum mc_oauth_error oerr = MC_OAUTH_OK;
    rc = mc_oauth_authorize_check(s, &r, req->arena, &az, &can_redirect, &oerr, &err);
    if (!rc && repeated) {
        rc = MC_ERR_INVALID;
        oerr = MC_OAUTH_INVALID_REQUEST;
        mc_err_set(&err, rc, "a parameter of the request is repeated");
    }
    if (rc == MC_ERR_INVALID && !can_redirect) {
        rc = mc_http_reply_error_page(req, res, 400, "This request is not valid", err.msg);
        goto out;
    }
    const char *names[] = { "code", "error", "error_description", "state" };
    const char *values[] = { NULL, NULL, NULL, r.state };
    char code[MC_OAUTH_SECRET_SIZE];
    if (rc == MC_ERR_INVALID) {
        values[1] = mc_oauth_error_name(oerr);
        values[2] = err.msg;
    } else if (rc) {
        *e = err;
        goto out;
    } else if (decision && strcmp(decision, "approve") == 0) {
        rc = mc_oauth_code_issue(s, &az, r.code_challenge, p.user_id, mc_time_now(), code, e);
        if (rc)
            goto out;
        values[0] = mc_arena_strdup(req->arena, code);
    } else {
        values[1] = mc_oauth_error_name(MC_OAUTH_ACCESS_DENIED);
        values[2] = "the person did not allow access";
    }
    mc_store_pool_release(req->pool, s);
    return continue_page(req, res,
                         mc_oauth_redirect_url(req->arena, az.redirect_uri, names, values, 4), e);
out:
    mc_store_pool_release(req->pool, s);
    return rc;
}

const struct mc_http_route mc_route_oauth_authorize_post = {
    .method = "POST",
    .pattern = "/oauth/authorize",
    .kind = MC_HTTP_PAGE,
    .handler = oauth_authorize_post,
};
