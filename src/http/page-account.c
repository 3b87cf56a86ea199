/* SPDX-License-Identifier: Apache-2.0 */
/* GET /account: who is signed in, their organisations and roles, and the sign-out form. */
#include "app/auth.h"
#include "http/resources.h"

static enum mc_rc page_account(struct mc_http_request *req, struct mc_http_response *res,
                               struct mc_err *e)
{
    static const char *const none[] = { NULL };
    const char *code = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    if (mc_http_query_check(&req->query, none, &code, &err))
        return mc_http_reply_error_page(req, res, 400, "The address is not valid", err.msg);
    const struct mc_principal *p = NULL;
    enum mc_rc rc = mc_http_principal(req, &p);
    if (rc == MC_ERR_AUTH) {
        mc_http_response_header(res, "Location", "/login");
        mc_http_response_header(res, "Cache-Control", "no-store");
        return mc_http_reply_html(res, 303, "", 0);
    }
    if (rc)
        return mc_err_set(e, rc, "the session could not be read");
    json_t *list = json_array();
    for (size_t i = 0; i < p->n_memberships; i++) {
        const struct mc_membership *m = &p->memberships[i];
        json_array_append_new(list, json_pack("{s:s?, s:s?, s:s}", "slug", m->org_slug, "name",
                                              m->org_name, "role", mc_role_name(m->role)));
    }
    json_t *ctx =
            json_pack("{s:s, s:s?, s:s?, s:b, s:b, s:o, s:s?}", "title", "Your account", "name",
                      p->name, "email", p->email, "admin", p->is_platform_admin, "has_memberships",
                      p->n_memberships > 0, "memberships", list, "csrf", p->csrf);
    if (!ctx)
        return mc_err_set(e, MC_ERR_INTERNAL, "the account page's context could not be built");
    mc_http_response_header(res, "Cache-Control", "no-store");
    rc = mc_http_reply_page(req, res, 200, "account.html", ctx, e);
    json_decref(ctx);
    return rc;
}

const struct mc_http_route mc_route_page_account = {
    .method = "GET",
    .pattern = "/account",
    .kind = MC_HTTP_PAGE,
    .handler = page_account,
};
