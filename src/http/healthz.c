/* SPDX-License-Identifier: Apache-2.0 */
/* GET /healthz: 200 with the version and schema once the database answers, 503 otherwise. */
#include "http/resources.h"
#include "mcred/version.h"
#include "store/store.h"

static enum mc_rc healthz(struct mc_http_request *req, struct mc_http_response *res,
                          struct mc_err *e)
{
    if (req->query.count > 0) {
        const char *name = req->query.items[0].name;
        char *msg = mc_arena_printf(req->arena, "unknown query parameter '%s' (none are accepted)",
                                    name);
        return mc_http_reply_error(res, 400, "unknown_parameter", msg, name);
    }
    if (!req->pool)
        return mc_http_reply_error(res, 503, "unavailable", "the server has no database", NULL);
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    int schema = 0;
    struct mc_err err;
    mc_err_clear(&err);
    enum mc_rc rc = mc_store_schema_version(s, &schema, &err);
    mc_store_pool_release(req->pool, s);
    if (rc)
        return mc_http_reply_error(res, 503, "database_unavailable",
                                   "the database does not answer; see the server log", NULL);
    json_t *doc =
            json_pack("{s:s, s:s, s:i}", "status", "ok", "version", mc_version(), "schema", schema);
    mc_http_response_header(res, "Cache-Control", "no-store");
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_healthz = {
    .method = "GET",
    .pattern = "/healthz",
    .kind = MC_HTTP_API,
    .handler = healthz,
};
