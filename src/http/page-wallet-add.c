/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /account/wallet: the account page's form adds a credential to the learner's wallet — a
 * pasted credential (JSON or VC-JWT) or an uploaded file (JSON, JWT, or a PNG or SVG badge).
 * The answer is a page saying whether it was added, with the verification report.
 */
#include <string.h>
#include <strings.h>

#include "app/auth.h"
#include "http/multipart.h"
#include "http/resources.h"

static bool blank(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return false;
    return true;
}

static enum mc_rc page(struct mc_http_request *req, struct mc_http_response *res, int status,
                       const char *message, bool added, const json_t *report, struct mc_err *e)
{
    json_t *ctx = json_pack("{s:s, s:s, s:b}", "title", "Add to your wallet", "message", message,
                            "added", added);
    if (report)
        json_object_set_new(ctx, "report", mc_http_report_view_of_json(report));
    mc_http_response_header(res, "Cache-Control", "no-store");
    enum mc_rc rc = mc_http_reply_page(req, res, status, "wallet-added.html", ctx, e);
    json_decref(ctx);
    return rc;
}

static enum mc_rc page_wallet_add(struct mc_http_request *req, struct mc_http_response *res,
                                  struct mc_err *e)
{
    const struct mc_principal *p = NULL;
    enum mc_rc rc = mc_http_page_signed_in(req, res, &p, e);
    if (rc || !p)
        return rc;
    const char *sent = mc_http_form_field(req, MC_AUTH_CSRF_FIELD);
    if (!mc_auth_csrf_check(p, sent, sent ? strlen(sent) : 0))
        return mc_http_reply_error_page(req, res, 403, "Not added",
                                        "The form did not carry this session's token. Add the "
                                        "credential from your account page.");
    const char *ct = mc_http_header(req, "Content-Type");
    struct mc_err err;
    mc_err_clear(&err);
    struct mc_multipart_part parts[MC_MULTIPART_MAX_PARTS];
    size_t n = 0;
    if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0 ||
        mc_multipart_parse(ct, req->body, req->body_len, req->arena, parts, MC_MULTIPART_MAX_PARTS,
                           &n, &err))
        return page(req, res, 400, err.msg[0] ? err.msg : "The form was not sent as a file upload.",
                    false, NULL, e);
    const struct mc_multipart_part *file = mc_multipart_find(parts, n, "file");
    const struct mc_multipart_part *text = mc_multipart_find(parts, n, "credential");
    const struct mc_multipart_part *what = file && !blank(file->data, file->len)   ? file
                                           : text && !blank(text->data, text->len) ? text
                                                                                   : NULL;
    if (!what)
        return page(req, res, 400, "Paste a credential or choose a file.", false, NULL, e);
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_http_wallet_result w;
    rc = mc_http_wallet_add(req, s, p->user_id, what->data, what->len, &w, &err);
    mc_store_pool_release(req->pool, s);
    if (rc) {
        json_decref(w.report);
        return mc_err_set(e, rc, "wallet: %s", err.msg);
    }
    rc = page(req, res, w.status == 201 ? 200 : w.status, w.message, w.added || w.status == 200,
              w.report, e);
    json_decref(w.report);
    return rc;
}

const struct mc_http_route mc_route_page_wallet_add = {
    .method = "POST",
    .pattern = "/account/wallet",
    .kind = MC_HTTP_PAGE,
    .handler = page_wallet_add,
};
