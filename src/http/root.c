/* SPDX-License-Identifier: Apache-2.0 */
/* GET /: people who open the bare address land on the catalog. */
#include "http/resources.h"

static enum mc_rc root(struct mc_http_request *req, struct mc_http_response *res, struct mc_err *e)
{
    mc_http_response_header(res, "Location", "/catalog");
    static const char body[] = "<!doctype html><title>Microcred</title>"
                               "<p><a href=\"/catalog\">The catalog</a></p>";
    return mc_http_reply_html(res, 302, body, sizeof body - 1);
}

const struct mc_http_route mc_route_root = {
    .method = "GET",
    .pattern = "/",
    .kind = MC_HTTP_PAGE,
    .handler = root,
};
