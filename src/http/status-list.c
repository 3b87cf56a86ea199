/* SPDX-License-Identifier: Apache-2.0 */
/* GET /status/{org}/{group}/{purpose}: an issuer's signed Bitstring Status List credential. */
#include <string.h>

#include "http/resources.h"
#include "store/store.h"

/* Verifiers re-read lists to see revocations: a short cache keeps the load low and the news
 * fresh (Bitstring Status List v1.0 §5.3 leaves the policy to the issuer). */
#define CACHE_CONTROL "public, max-age=60"

static const char *const offers[] = { "application/vc+ld+json", "application/ld+json",
                                      "application/json", NULL };

static enum mc_rc status_list(struct mc_http_request *req, struct mc_http_response *res,
                              struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const char *purpose = mc_http_path_param(req, "purpose");
    const char *group = mc_http_path_param(req, "group");
    bool ok_group = group[0] && strspn(group, "0123456789") == strlen(group);
    if (!ok_group || (strcmp(purpose, "revocation") != 0 && strcmp(purpose, "suspension") != 0))
        return mc_http_reply_error(res, 404, "not_found",
                                   mc_arena_printf(req->arena,
                                                   "there is no status list at %s: lists are "
                                                   "/status/ORG/GROUP/revocation or suspension",
                                                   req->path),
                                   "path");
    int offer = mc_http_negotiate(req, offers);
    if (offer < 0)
        return mc_http_reply_error(res, 406, "not_acceptable",
                                   "a status list is available as application/vc+ld+json or "
                                   "application/ld+json",
                                   "Accept");
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_status_list_row row;
    enum mc_rc rc = mc_store_status_list_get(s, 0, req->path, req->arena, &row, &err);
    if (rc == MC_ERR_NOT_FOUND || (!rc && !row.published)) {
        rc = mc_http_reply_error(
                res, 404, "not_found",
                mc_arena_printf(req->arena, "there is no status list at %s", req->path), "path");
    } else if (rc) {
        mc_err_set(e, rc, "%s", err.msg);
    } else {
        res->status = 200;
        res->content_type = offers[offer];
        mc_http_response_header(res, "Cache-Control", CACHE_CONTROL);
        mc_http_response_header(res, "Vary", "Accept");
        rc = mc_buf_append(&res->body, row.published, strlen(row.published));
        if (rc)
            mc_err_set(e, rc, "the status list %s is larger than the response limit", req->path);
    }
    mc_store_pool_release(req->pool, s);
    return rc;
}

const struct mc_http_route mc_route_status_list = {
    .method = "GET",
    .pattern = "/status/{org}/{group}/{purpose}",
    .kind = MC_HTTP_API,
    .handler = status_list,
};
