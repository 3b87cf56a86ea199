/* SPDX-License-Identifier: Apache-2.0 */
/* POST /logout: end the session (the form sends its CSRF token) and clear the cookie. */
#include <string.h>

#include "app/auth.h"
#include "http/resources.h"

static enum mc_rc page_logout(struct mc_http_request *req, struct mc_http_response *res,
                              struct mc_err *e)
{
    const struct mc_principal *p = NULL;
    enum mc_rc rc = mc_http_principal(req, &p);
    if (rc == MC_ERR_AUTH) {
        /* Nobody to sign out: clear whatever cookie is left and go to the form. */
        mc_http_set_session_cookie(req, res, NULL, 0);
        mc_http_response_header(res, "Location", "/login");
        return mc_http_reply_html(res, 303, "", 0);
    }
    if (rc)
        return mc_err_set(e, rc, "the session could not be read");
    const char *sent = mc_http_form_field(req, MC_AUTH_CSRF_FIELD);
    if (!sent)
        sent = mc_http_header(req, MC_AUTH_CSRF_HEADER);
    if (!mc_auth_csrf_check(p, sent, sent ? strlen(sent) : 0))
        return mc_http_reply_error_page(req, res, 403, "Not signed out",
                                        "The form did not carry this session's token. Sign out "
                                        "from your account page.");
    struct mc_err err;
    mc_err_clear(&err);
    if (p->kind == MC_PRINCIPAL_SESSION) {
        struct mc_store *s = mc_store_pool_acquire(req->pool);
        rc = mc_auth_logout(s, p, &err);
        mc_store_pool_release(req->pool, s);
        if (rc)
            return mc_err_set(e, rc, "%s", err.msg);
    }
    mc_http_set_session_cookie(req, res, NULL, 0);
    mc_http_response_header(res, "Location", "/login");
    return mc_http_reply_html(res, 303, "", 0);
}

const struct mc_http_route mc_route_page_logout = {
    .method = "POST",
    .pattern = "/logout",
    .kind = MC_HTTP_PAGE,
    .handler = page_logout,
};
