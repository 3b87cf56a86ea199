/* SPDX-License-Identifier: Apache-2.0 */
/* GET /static/{file}: the style sheet and other assets embedded from src/http/templates/. */
#include <string.h>

#include "base/embed.h"
#include "http/resources.h"

static enum mc_rc static_file(struct mc_http_request *req, struct mc_http_response *res,
                              struct mc_err *e)
{
    const char *name = mc_http_path_param(req, "file");
    const char *type = NULL;
    struct mc_str n = mc_str_z(name);
    if (mc_str_ends(n, ".css"))
        type = "text/css; charset=utf-8";
    else if (mc_str_ends(n, ".js"))
        type = "text/javascript; charset=utf-8";
    else if (mc_str_ends(n, ".svg"))
        type = "image/svg+xml";
    /* Templates are not served: only the asset kinds above. */
    const struct mc_embed_file *f = type ? mc_embed_find(&mc_embed_templates, name) : NULL;
    if (!f) {
        char *msg = mc_arena_printf(req->arena, "there is no file %s", req->path);
        return mc_http_reply_error(res, 404, "not_found", msg, "path");
    }
    res->status = 200;
    res->content_type = type;
    mc_http_response_header(res, "Cache-Control", "public, max-age=3600");
    enum mc_rc rc = mc_buf_append(&res->body, f->data, f->len);
    if (rc)
        mc_err_set(e, rc, "%s is larger than the response limit", name);
    return rc;
}

const struct mc_http_route mc_route_static = {
    .method = "GET",
    .pattern = "/static/{file}",
    .kind = MC_HTTP_API,
    .handler = static_file,
};
