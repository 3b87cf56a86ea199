/* SPDX-License-Identifier: Apache-2.0 */
/* GET /login[?next=PATH]: the sign-in form; after signing in the browser goes to PATH (a path
 * on this site only) or the account page. */
#include "http/resources.h"

static enum mc_rc page_login(struct mc_http_request *req, struct mc_http_response *res,
                             struct mc_err *e)
{
    static const char *const allowed[] = { "next", NULL };
    enum mc_rc query_rc;
    if (!mc_http_page_query_ok(req, res, allowed, &query_rc))
        return query_rc;
    return mc_http_login_page(req, res, 200, NULL, NULL, e);
}

const struct mc_http_route mc_route_page_login = {
    .method = "GET",
    .pattern = "/login",
    .kind = MC_HTTP_PAGE,
    .handler = page_login,
};
