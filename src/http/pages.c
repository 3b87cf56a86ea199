/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers for HTML pages: render a template as the response, and the HTML error page. */
#include <string.h>

#include "http/http.h"
#include "http/template.h"

enum mc_rc mc_http_reply_page(const struct mc_http_request *req, struct mc_http_response *res,
                              int status, const char *tpl, const json_t *ctx, struct mc_err *e)
{
    mc_buf_reset(&res->body);
    res->status = status;
    res->content_type = "text/html; charset=utf-8";
    if (!req->templates)
        return mc_err_set(e, MC_ERR_INTERNAL, "no templates are loaded");
    return mc_tpl_render(req->templates, tpl, ctx, &res->body, e);
}

enum mc_rc mc_http_reply_error_page(const struct mc_http_request *req, struct mc_http_response *res,
                                    int status, const char *title, const char *message)
{
    json_t *ctx = json_object();
    json_object_set_new(ctx, "title", json_string(title));
    json_t *msg = json_string(message);
    json_object_set_new(ctx, "message", msg ? msg : json_string("The request was not valid."));
    json_object_set_new(ctx, "status", json_integer(status));
    struct mc_err e;
    mc_err_clear(&e);
    enum mc_rc rc = mc_http_reply_page(req, res, status, "error.html", ctx, &e);
    json_decref(ctx);
    if (rc) {
        /* No template: a minimal page, still escaped. */
        static const char head[] = "<!doctype html><html lang=\"en\"><title>Error</title><p>";
        mc_buf_reset(&res->body);
        rc = mc_buf_appendz(&res->body, head);
        if (!rc)
            rc = mc_tpl_escape(&res->body, title, strlen(title));
        res->status = status;
    }
    return rc;
}
