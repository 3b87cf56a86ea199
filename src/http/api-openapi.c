/* SPDX-License-Identifier: Apache-2.0 */
/* GET /api/openapi.json: the OpenAPI 3.1 description of the /api/ routes (data/openapi.json). */
#include "base/embed.h"
#include "http/resources.h"

static enum mc_rc api_openapi(struct mc_http_request *req, struct mc_http_response *res,
                              struct mc_err *e)
{
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_embed_file *f = mc_embed_find(&mc_embed_openapi, "openapi.json");
    if (!f)
        return mc_err_set(e, MC_ERR_INTERNAL, "the OpenAPI document is not embedded");
    mc_buf_reset(&res->body);
    res->status = 200;
    res->content_type = "application/json; charset=utf-8";
    mc_http_response_header(res, "Cache-Control", "public, max-age=300");
    return mc_buf_append(&res->body, (const char *)f->data, f->len);
}

const struct mc_http_route mc_route_api_openapi = {
    .method = "GET",
    .pattern = "/api/openapi.json",
    .kind = MC_HTTP_API,
    .handler = api_openapi,
};
