/* SPDX-License-Identifier: Apache-2.0 */
/* GET /catalog: the catalog search as an HTML page (filters form, result cards, paging). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "http/resources.h"
#include "store/store.h"

/* The form keeps what the person typed, valid or not. */
static void form_values(const struct mc_http_request *req, json_t *ctx)
{
    json_t *form = json_object();
    for (const char *const *k = mc_http_catalog_params; *k; k++) {
        const char *v = mc_http_query_get(&req->query, *k);
        json_t *s = v ? json_string(v) : NULL;
        if (s)
            json_object_set_new(form, *k, s);
    }
    json_object_set_new(ctx, "form", form);
    const char *type = mc_http_query_get(&req->query, "type");
    json_t *types = json_array();
    for (int t = 0; t < MC_PROG_TYPE_COUNT; t++) {
        const char *name = mc_program_type_name((enum mc_program_type)t);
        json_array_append_new(types, json_pack("{s:s, s:s, s:b}", "value", name, "label",
                                               mc_program_type_label((enum mc_program_type)t),
                                               "selected", type && strcmp(type, name) == 0));
    }
    json_object_set_new(ctx, "types", types);
}

static const char *model_label(enum mc_price_model m)
{
    switch (m) {
    case MC_PRICE_FREE: return "free";
    case MC_PRICE_SUBSCRIPTION: return "subscription";
    case MC_PRICE_FEE: return "one-time fee";
    case MC_PRICE_TUITION: return "tuition";
    default: return "";
    }
}

static json_t *card(const struct mc_catalog_item *it)
{
    const struct mc_program *p = &it->program;
    char amount[32];
    mc_http_format_amount(p->price_cents, amount, sizeof amount);
    char price[96];
    if (p->price_model == MC_PRICE_FREE || p->price_cents == 0)
        snprintf(price, sizeof price, "Free");
    else
        snprintf(price, sizeof price, "%s %s%s", p->currency ? p->currency : "", amount,
                 p->price_model == MC_PRICE_SUBSCRIPTION ? " / month" : "");
    json_t *skills = json_array();
    for (size_t i = 0; i < it->n_skills; i++)
        json_array_append_new(skills, json_pack("{s:s?}", "name", it->skills[i].name));
    json_t *c = json_object();
    json_object_set_new(c, "title", json_string(p->title ? p->title : ""));
    json_object_set_new(c, "summary", json_string(p->summary ? p->summary : ""));
    json_object_set_new(c, "type_label", json_string(mc_program_type_label(p->type)));
    json_object_set_new(c, "provider", json_string(it->platform_name ? it->platform_name : ""));
    json_object_set_new(c, "institution",
                        json_string(it->institution_name ? it->institution_name : ""));
    json_object_set_new(c, "same_org",
                        json_boolean(it->institution_slug && it->platform_slug &&
                                     strcmp(it->institution_slug, it->platform_slug) == 0));
    json_object_set_new(c, "weeks", json_integer(p->duration_weeks));
    if (p->hours_per_week >= 0)
        json_object_set_new(c, "hours_per_week", json_real(p->hours_per_week));
    json_object_set_new(c, "price", json_string(price));
    if (p->price_model != MC_PRICE_FREE)
        json_object_set_new(c, "price_model", json_string(model_label(p->price_model)));
    if (p->price_note)
        json_object_set_new(c, "price_note", json_string(p->price_note));
    json_object_set_new(c, "skills", skills);
    json_object_set_new(c, "demo", json_boolean(p->is_demo));
    return c;
}

static enum mc_rc page_catalog(struct mc_http_request *req, struct mc_http_response *res,
                               struct mc_err *e)
{
    json_t *ctx = json_object();
    json_object_set_new(ctx, "title", json_string("Catalog"));
    form_values(req, ctx);
    int status = 200;
    struct mc_catalog_filter f;
    struct mc_err err;
    mc_err_clear(&err);
    const char *code = NULL;
    enum mc_rc rc = mc_http_catalog_filter(req, &f, &code, &err);
    if (!rc && !req->pool)
        rc = mc_err_set(&err, MC_ERR_DB, "the server has no database");
    if (!rc) {
        struct mc_catalog_page page;
        struct mc_store *s = mc_store_pool_acquire(req->pool);
        rc = mc_store_catalog_search(s, &f, req->arena, &page, &err);
        mc_store_pool_release(req->pool, s);
        if (!rc) {
            json_t *items = json_array();
            for (size_t i = 0; i < page.count; i++)
                json_array_append_new(items, card(&page.items[i]));
            json_object_set_new(ctx, "items", items);
            json_object_set_new(ctx, "total", json_integer(page.total));
            json_object_set_new(ctx, "first", json_integer(page.count ? f.offset + 1 : 0));
            json_object_set_new(ctx, "last", json_integer(f.offset + (int64_t)page.count));
            int64_t next = f.offset + (int64_t)page.count;
            if (page.count > 0 && next < page.total)
                json_object_set_new(
                        ctx, "next_url",
                        json_string(mc_http_catalog_page_url(req, "/catalog", false, next)));
            if (f.offset > 0) {
                int64_t prev = f.offset > f.limit ? f.offset - f.limit : 0;
                json_object_set_new(
                        ctx, "prev_url",
                        json_string(mc_http_catalog_page_url(req, "/catalog", false, prev)));
            }
        }
    }
    if (rc == MC_ERR_INVALID) {
        status = 400;
        json_t *msg = json_string(err.msg);
        json_object_set_new(ctx, "error", msg ? msg : json_string("A filter value is not valid."));
        rc = MC_OK;
    } else if (rc) {
        status = 503;
        json_object_set_new(ctx, "error",
                            json_string("The catalog is not available right now. Please try "
                                        "again in a moment."));
        rc = MC_OK;
    }
    rc = mc_http_reply_page(req, res, status, "catalog.html", ctx, e);
    json_decref(ctx);
    return rc;
}

const struct mc_http_route mc_route_page_catalog = {
    .method = "GET",
    .pattern = "/catalog",
    .kind = MC_HTTP_PAGE,
    .handler = page_catalog,
};
