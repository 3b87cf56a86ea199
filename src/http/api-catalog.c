/* SPDX-License-Identifier: Apache-2.0 */
/* GET /api/v1/catalog: search the public catalog, one page of programs as JSON. */
#include <string.h>

#include "http/resources.h"
#include "store/store.h"

static enum mc_rc api_catalog(struct mc_http_request *req, struct mc_http_response *res,
                              struct mc_err *e)
{
    struct mc_catalog_filter f;
    struct mc_err err;
    mc_err_clear(&err);
    const char *code = "invalid_parameter";
    enum mc_rc rc = mc_http_catalog_filter(req, &f, &code, &err);
    if (rc)
        return mc_http_reply_error(res, 400, code, err.msg, err.where);
    if (!req->pool)
        return mc_http_reply_error(res, 503, "unavailable", "the server has no database", NULL);
    struct mc_catalog_page page;
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    rc = mc_store_catalog_search(s, &f, req->arena, &page, &err);
    mc_store_pool_release(req->pool, s);
    if (rc == MC_ERR_INVALID)
        return mc_http_reply_error(res, 400, "invalid_parameter", err.msg, err.where);
    if (rc) {
        mc_err_set(e, rc, "catalog search: %s", err.msg);
        return rc;
    }
    json_t *items = json_array();
    for (size_t i = 0; i < page.count; i++)
        json_array_append_new(items, mc_http_catalog_item_json(&page.items[i]));
    int64_t next_offset = f.offset + (int64_t)page.count;
    json_t *next = page.count > 0 && next_offset < page.total
                           ? json_string(mc_http_catalog_page_url(req, "/api/v1/catalog", true,
                                                                  next_offset))
                           : json_null();
    json_t *doc = json_object();
    json_object_set_new(doc, "items", items);
    json_object_set_new(doc, "total", json_integer(page.total));
    json_object_set_new(doc, "limit", json_integer(f.limit));
    json_object_set_new(doc, "offset", json_integer(f.offset));
    json_object_set_new(doc, "next", next ? next : json_null());
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    if (rc)
        mc_err_set(e, rc, "the catalog page is larger than the response limit");
    return rc;
}

const struct mc_http_route mc_route_api_catalog = {
    .method = "GET",
    .pattern = "/api/v1/catalog",
    .kind = MC_HTTP_API,
    .handler = api_catalog,
};
