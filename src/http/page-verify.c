/* SPDX-License-Identifier: Apache-2.0 */
/* GET /verify: the form to verify a credential (pasted, uploaded, or at a URL). */
#include "http/resources.h"

enum mc_rc mc_http_verify_page(const struct mc_http_request *req, struct mc_http_response *res,
                               int status, const json_t *report, const char *error,
                               struct mc_err *e)
{
    json_t *ctx = json_object();
    json_object_set_new(ctx, "title", json_string("Verify a credential"));
    if (report) {
        json_object_set(ctx, "report", (json_t *)report);
        json_object_set_new(ctx, "verified",
                            json_boolean(json_is_true(json_object_get(report, "verified"))));
    }
    if (error) {
        json_t *m = json_string(error);
        json_object_set_new(ctx, "error", m ? m : json_string("The input could not be read."));
    }
    mc_http_response_header(res, "Cache-Control", "no-store");
    enum mc_rc rc = mc_http_reply_page(req, res, status, "verify.html", ctx, e);
    json_decref(ctx);
    return rc;
}

static enum mc_rc page_verify(struct mc_http_request *req, struct mc_http_response *res,
                              struct mc_err *e)
{
    static const char *const none[] = { NULL };
    const char *code = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    if (mc_http_query_check(&req->query, none, &code, &err))
        return mc_http_verify_page(req, res, 400, NULL, err.msg, e);
    return mc_http_verify_page(req, res, 200, NULL, NULL, e);
}

const struct mc_http_route mc_route_page_verify = {
    .method = "GET",
    .pattern = "/verify",
    .kind = MC_HTTP_PAGE,
    .handler = page_verify,
};
