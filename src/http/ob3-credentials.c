/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /ims/ob/v3p0/credentials?limit&offset&since (getCredentials, scope credential.readonly):
 * the token's user's credentials — issued to them here, and those they added through the API —
 * as a GetOpenBadgeCredentialsResponse, JSON-LD credentials in "credential" and VC-JWTs in
 * "compactJwsString", with X-Total-Count and RFC 8288 Link headers for paging.
 */
#include <stdint.h>
#include <string.h>

#include "base/json.h"
#include "base/time.h"
#include "http/oauth-http.h"
#include "http/query.h"
#include "http/resources.h"
#include "mcred/str.h"

#define LIMIT_DEFAULT 100
#define LIMIT_MAX     1000

/* "since": RFC 3339, or the spec's "YYYY-MM-DDThh:mm:ss" without a zone (taken as UTC). */
static bool parse_since(const char *v, int64_t *out)
{
    int32_t ns = 0;
    size_t n = strlen(v);
    if (mc_time_parse_rfc3339(v, n, out, &ns, NULL) == MC_OK)
        return true;
    if (n != 19)
        return false;
    char z[21];
    memcpy(z, v, 19);
    z[19] = 'Z';
    z[20] = '\0';
    return mc_time_parse_rfc3339(z, 20, out, &ns, NULL) == MC_OK;
}

/* The URL of the page at `offset`, keeping `since`; appended to `b` as "<url>; rel=...". */
static void link(struct mc_http_request *req, struct mc_buf *b, int64_t limit, int64_t offset,
                 const char *since, const char *rel)
{
    if (b->len)
        mc_buf_appendz(b, ", ");
    mc_buf_printf(b, "<%s%s?limit=%lld&offset=%lld", req->base_url, MC_OB3_BASE "/credentials",
                  (long long)limit, (long long)offset);
    if (since) {
        mc_buf_appendz(b, "&since=");
        mc_http_url_encode(b, since);
    }
    mc_buf_printf(b, ">; rel=\"%s\"", rel);
}

static enum mc_rc ob3_credentials(struct mc_http_request *req, struct mc_http_response *res,
                                  struct mc_err *e)
{
    static const char *const allowed[] = { "limit", "offset", "since", NULL };
    const char *code = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    if (mc_http_query_check(&req->query, allowed, &code, &err))
        return mc_ob3_reply_status(res, 400, "invalid_query_parameter", err.msg);
    int64_t limit = LIMIT_DEFAULT, offset = 0, since = INT64_MIN;
    const char *v = mc_http_query_get(&req->query, "limit");
    if (v && mc_str_to_i64(mc_str_z(v), 1, LIMIT_MAX, &limit, "limit", &err))
        return mc_ob3_reply_status(res, 400, "invalid_query_parameter", err.msg);
    v = mc_http_query_get(&req->query, "offset");
    if (v && mc_str_to_i64(mc_str_z(v), 0, INT32_MAX, &offset, "offset", &err))
        return mc_ob3_reply_status(res, 400, "invalid_query_parameter", err.msg);
    const char *since_text = mc_http_query_get(&req->query, "since");
    if (since_text && !parse_since(since_text, &since))
        return mc_ob3_reply_status(res, 400, "invalid_query_parameter",
                                   "since must be a date and time, such as 2025-01-31T12:00:00Z");
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");

    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_principal p;
    bool ok = false;
    enum mc_rc rc = mc_ob3_principal(req, res, s, MC_SCOPE_OB_CREDENTIAL_READONLY, &p, &ok, e);
    struct mc_ob_credential *rows = NULL;
    size_t n = 0;
    int64_t total = 0;
    if (!rc && ok)
        rc = mc_store_ob_credential_list(s, p.user_id, since, limit, offset, req->arena, &rows, &n,
                                         &total, e);
    mc_store_pool_release(req->pool, s);
    if (rc || !ok)
        return rc;

    json_t *creds = json_array();
    json_t *jws = json_array();
    for (size_t i = 0; i < n; i++) {
        if (strcmp(rows[i].format, "ob3-jwt") == 0) {
            json_t *t = json_string(rows[i].document);
            if (t)
                json_array_append_new(jws, t);
            continue;
        }
        json_t *doc = NULL;
        if (mc_json_parse(rows[i].document, strlen(rows[i].document), 0, NULL, &doc, NULL) == MC_OK)
            json_array_append_new(creds, doc);
    }
    json_t *out = json_pack("{s:o, s:o}", "credential", creds, "compactJwsString", jws);

    struct mc_buf links;
    mc_buf_init(&links, 16384);
    int64_t last = total > 0 ? (total - 1) / limit * limit : 0;
    if (offset + limit < total)
        link(req, &links, limit, offset + limit, since_text, "next");
    link(req, &links, limit, last, since_text, "last");
    link(req, &links, limit, 0, since_text, "first");
    if (offset > 0)
        link(req, &links, limit, offset > limit ? offset - limit : 0, since_text, "prev");
    mc_http_response_header(res, "X-Total-Count",
                            mc_arena_printf(req->arena, "%lld", (long long)total));
    mc_http_response_header(res, "Link", mc_arena_memdupz(req->arena, links.data, links.len));
    mc_http_response_header(res, "Cache-Control", "no-store");
    mc_buf_free(&links);
    rc = mc_http_reply_json(res, 200, out);
    json_decref(out);
    return rc;
}

const struct mc_http_route mc_route_ob3_credentials = {
    .method = "GET",
    .pattern = MC_OB3_BASE "/credentials",
    .kind = MC_HTTP_API,
    .handler = ob3_credentials,
};
