/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /issuers/{slug}: an issuer's document (its Open Badges Profile and controller document,
 * the id its credentials name) for machines, or its profile page for people: who it is, whether
 * the platform verified or accredits it, and what it offers.
 */
#include <string.h>

#include "app/public-docs.h"
#include "http/resources.h"
#include "store/store.h"

/* Machines first: verifiers that send no Accept header (or any type) get the document. */
static const char *const offers[] = { "application/ld+json", "application/json", "text/html",
                                      NULL };

static enum mc_rc issuer_page(struct mc_http_request *req, struct mc_http_response *res,
                              struct mc_store *s, const struct mc_org *org, const json_t *doc,
                              struct mc_err *e)
{
    json_t *ctx = json_object();
    json_object_set_new(ctx, "title", json_string(org->name));
    json_t *o = json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:b, s:b, s:b}", "name", org->name,
                          "kind", mc_org_kind_name(org->kind), "url", org->url, "email", org->email,
                          "description", org->description, "country", org->country, "verified",
                          org->verified, "accredited", org->accredited, "demo", org->is_demo);
    json_object_set_new(ctx, "org", o);
    json_object_set_new(ctx, "id", json_deep_copy(json_object_get(doc, "id")));
    json_object_set_new(
            ctx, "keys",
            json_integer((json_int_t)json_array_size(json_object_get(doc, "assertionMethod"))));
    /* What it publishes in the catalog: its programs, as platform or as institution. */
    struct mc_catalog_filter f = {
        .provider = org->slug, .max_price_cents = -1, .max_weeks = -1, .limit = 100
    };
    struct mc_catalog_page page;
    json_t *items = json_array();
    if (!mc_store_catalog_search(s, &f, req->arena, &page, NULL)) {
        for (size_t i = 0; i < page.count; i++) {
            const struct mc_program *p = &page.items[i].program;
            json_array_append_new(items,
                                  json_pack("{s:s?, s:s?, s:s}", "title", p->title, "summary",
                                            p->summary, "type", mc_program_type_label(p->type)));
        }
        json_object_set_new(ctx, "total", json_integer(page.total));
    }
    json_object_set_new(ctx, "has_items", json_boolean(json_array_size(items) > 0));
    json_object_set_new(ctx, "items", items);
    mc_http_response_header(res, "Vary", "Accept");
    mc_http_response_header(res, "Cache-Control", "public, max-age=60");
    enum mc_rc rc = mc_http_reply_page(req, res, 200, "issuer.html", ctx, e);
    json_decref(ctx);
    return rc;
}

static enum mc_rc page_issuer(struct mc_http_request *req, struct mc_http_response *res,
                              struct mc_err *e)
{
    int offer = mc_http_negotiate(req, offers);
    bool json = offer != 2;
    static const char *const none[] = { NULL };
    const char *code = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    if (mc_http_query_check(&req->query, none, &code, &err))
        return json ? mc_http_reply_error(res, 400, code, err.msg, err.where)
                    : mc_http_reply_error_page(req, res, 400, "The address is not valid", err.msg);
    if (offer < 0)
        return mc_http_reply_error(res, 406, "not_acceptable",
                                   "an issuer is available as application/ld+json, "
                                   "application/json or text/html",
                                   "Accept");
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    const char *slug = mc_http_path_param(req, "slug");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_org org;
    json_t *doc = NULL;
    enum mc_rc rc = mc_store_org_get(s, slug, req->arena, &org, &err);
    if (rc == MC_ERR_NOT_FOUND || rc == MC_ERR_INVALID) {
        char *msg = mc_arena_printf(req->arena, "there is no issuer %s on this platform", slug);
        rc = json ? mc_http_reply_error(res, 404, "not_found", msg, "slug")
                  : mc_http_reply_error_page(req, res, 404, "Issuer not found", msg);
        goto out;
    }
    if (!rc)
        rc = mc_issuer_document(s, req->base_url, &org, &doc, &err);
    if (rc) {
        mc_err_set(e, rc, "%s", err.msg);
        goto out;
    }
    if (json) {
        rc = mc_http_reply_json(res, 200, doc);
        res->content_type = offer == 1 ? "application/json" : "application/ld+json";
        mc_http_response_header(res, "Vary", "Accept");
        mc_http_response_header(res, "Cache-Control", "public, max-age=60");
    } else {
        rc = issuer_page(req, res, s, &org, doc, e);
    }
out:
    json_decref(doc);
    mc_store_pool_release(req->pool, s);
    return rc;
}

const struct mc_http_route mc_route_page_issuer = {
    .method = "GET",
    .pattern = "/issuers/{slug}",
    .kind = MC_HTTP_PAGE,
    .handler = page_issuer,
};
