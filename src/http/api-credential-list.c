/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /api/v1/credentials?org&limit&offset: the credentials an organisation issued, newest
 * first (credentials:read, issuer-admin there). `org` may be left out when the caller acts for
 * one organisation only (or the token is limited to one).
 */
#include "app/auth.h"
#include "http/resources.h"

static bool int_param(struct mc_http_request *req, struct mc_http_response *res, const char *name,
                      int64_t min, int64_t max, int64_t *out)
{
    const char *v = mc_http_query_get(&req->query, name);
    if (!v)
        return true;
    if (mc_str_to_i64(mc_str_z(v), min, max, out, name, NULL)) {
        mc_http_reply_error(res, 400, "invalid_parameter",
                            mc_arena_printf(req->arena, "%s must be a whole number in %lld..%lld",
                                            name, (long long)min, (long long)max),
                            name);
        return false;
    }
    return true;
}

static enum mc_rc api_credential_list(struct mc_http_request *req, struct mc_http_response *res,
                                      struct mc_err *e)
{
    static const char *const allowed[] = { "org", "limit", "offset", NULL };
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, allowed))
        return MC_OK;
    int64_t limit = 20, offset = 0;
    if (!int_param(req, res, "limit", 1, 100, &limit) ||
        !int_param(req, res, "offset", 0, INT64_MAX / 2, &offset))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_CREDENTIALS_READ);
    if (!p)
        return MC_OK;
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    enum mc_rc rc = MC_OK;
    int64_t org = mc_http_acting_org(req, res, s, p, mc_http_query_get(&req->query, "org"),
                                     MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN), e);
    if (org <= 0) {
        rc = org < 0 ? MC_ERR_DB : MC_OK;
        goto out;
    }
    struct mc_credential_row *rows = NULL;
    size_t n = 0;
    int64_t total = 0;
    rc = mc_store_credential_list(s, org, limit, offset, req->arena, &rows, &n, &err);
    if (!rc)
        rc = mc_store_credential_count(s, org, &total, &err);
    if (rc) {
        rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(items, mc_http_credential_json(req, &rows[i]));
    json_t *o = json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total,
                          "limit", (json_int_t)limit, "offset", (json_int_t)offset);
    mc_http_response_header(res, "Cache-Control", "no-store");
    rc = mc_http_reply_json(res, 200, o);
    json_decref(o);
out:
    mc_store_pool_release(req->pool, s);
    return rc;
}

const struct mc_http_route mc_route_api_credential_list = {
    .method = "GET",
    .pattern = "/api/v1/credentials",
    .kind = MC_HTTP_API,
    .handler = api_credential_list,
};
