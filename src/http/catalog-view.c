/* SPDX-License-Identifier: Apache-2.0 */
/* What the catalog API and page share: filter parsing, amounts, item JSON, paging URLs. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "http/query.h"
#include "http/resources.h"
#include "store/store.h"

#define DEFAULT_LIMIT 20
#define MAX_CENTS     ((int64_t)100000000000) /* a billion in the currency: past any price */

const char *const mc_http_catalog_params[] = {
    "type", "provider", "skill", "max_price", "max_weeks", "q", "limit", "offset", NULL,
};

enum mc_rc mc_http_parse_amount(const char *s, int64_t *cents, const char *what, struct mc_err *e)
{
    size_t len = strlen(s);
    size_t i = 0;
    int64_t whole = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        whole = whole * 10 + (s[i] - '0');
        if (whole * 100 > MAX_CENTS)
            goto bad;
        i++;
    }
    if (i == 0)
        goto bad;
    int64_t frac = 0;
    if (i < len && s[i] == '.') {
        size_t start = ++i;
        while (i < len && s[i] >= '0' && s[i] <= '9' && i - start < 2) {
            frac = frac * 10 + (s[i] - '0');
            i++;
        }
        if (i == start)
            goto bad;
        if (i - start == 1)
            frac *= 10;
    }
    if (i != len)
        goto bad;
    *cents = whole * 100 + frac;
    return MC_OK;
bad:
    mc_err_set(e, MC_ERR_INVALID,
               "%s must be an amount in the currency like 600 or 536.50 (at most two decimals, "
               "up to %" PRId64 "), not '%.40s'",
               what, MAX_CENTS / 100, s);
    mc_err_where(e, "%s", what);
    return MC_ERR_INVALID;
}

void mc_http_format_amount(int64_t cents, char *buf, size_t size)
{
    const char *sign = cents < 0 ? "-" : "";
    uint64_t v = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    snprintf(buf, size, "%s%" PRIu64 ".%02" PRIu64, sign, v / 100, v % 100);
}

static enum mc_rc int_param(const struct mc_http_request *req, const char *name, int64_t min,
                            int64_t max, int64_t *out, struct mc_err *e)
{
    const char *v = mc_http_query_get(&req->query, name);
    if (!v)
        return MC_OK;
    enum mc_rc rc = mc_str_to_i64(mc_str_z(v), min, max, out, name, e);
    if (rc)
        mc_err_where(e, "%s", name);
    return rc;
}

/* An optional text filter: absent or empty means no filter. */
static const char *text_param(const struct mc_http_request *req, const char *name)
{
    const char *v = mc_http_query_get(&req->query, name);
    return v && *v ? v : NULL;
}

enum mc_rc mc_http_catalog_filter(const struct mc_http_request *req, struct mc_catalog_filter *f,
                                  const char **code, struct mc_err *e)
{
    enum mc_rc rc = mc_http_query_check(&req->query, mc_http_catalog_params, code, e);
    if (rc)
        return rc;
    *code = "invalid_parameter";
    memset(f, 0, sizeof *f);
    f->max_price_cents = -1;
    f->max_weeks = -1;
    f->limit = DEFAULT_LIMIT;
    f->offset = 0;
    f->type = text_param(req, "type");
    f->provider = text_param(req, "provider");
    f->skill = text_param(req, "skill");
    f->q = text_param(req, "q");
    if (f->type) {
        enum mc_program_type t;
        rc = mc_program_type_parse(mc_str_z(f->type), &t, e);
        if (rc) {
            mc_err_where(e, "type");
            return rc;
        }
    }
    if (f->q && strlen(f->q) > MC_CATALOG_Q_MAX) {
        mc_err_set(e, MC_ERR_INVALID, "q is longer than %d bytes", MC_CATALOG_Q_MAX);
        mc_err_where(e, "q");
        return MC_ERR_INVALID;
    }
    const char *price = text_param(req, "max_price");
    if (price) {
        rc = mc_http_parse_amount(price, &f->max_price_cents, "max_price", e);
        if (rc)
            return rc;
    }
    rc = int_param(req, "max_weeks", 0, 100000, &f->max_weeks, e);
    if (rc)
        return rc;
    rc = int_param(req, "limit", 1, 100, &f->limit, e);
    if (rc)
        return rc;
    rc = int_param(req, "offset", 0, INT32_MAX, &f->offset, e);
    return rc;
}

static json_t *str_or_null(const char *s)
{
    json_t *v = s ? json_string(s) : NULL;
    return v ? v : json_null();
}

json_t *mc_http_catalog_item_json(const struct mc_catalog_item *it)
{
    const struct mc_program *p = &it->program;
    char amount[32];
    mc_http_format_amount(p->price_cents, amount, sizeof amount);
    json_t *price = json_object();
    json_object_set_new(price, "amount", json_string(amount));
    json_object_set_new(price, "currency", str_or_null(p->currency));
    json_object_set_new(price, "model", json_string(mc_price_model_name(p->price_model)));
    json_object_set_new(price, "per",
                        p->price_model == MC_PRICE_SUBSCRIPTION ? json_string("month")
                                                                : json_null());
    json_object_set_new(price, "note", str_or_null(p->price_note));

    json_t *terms = json_object();
    json_object_set_new(terms, "free_audit", json_boolean(p->free_audit));
    json_object_set_new(terms, "trial_days", json_integer(p->trial_days));
    json_object_set_new(terms, "refund_days", json_integer(p->refund_days));
    json_object_set_new(terms, "financial_aid", json_boolean(p->financial_aid));

    json_t *skills = json_array();
    for (size_t i = 0; i < it->n_skills; i++) {
        json_t *s = json_object();
        json_object_set_new(s, "slug", str_or_null(it->skills[i].slug));
        json_object_set_new(s, "name", str_or_null(it->skills[i].name));
        json_array_append_new(skills, s);
    }

    json_t *provider = json_object();
    json_object_set_new(provider, "slug", str_or_null(it->platform_slug));
    json_object_set_new(provider, "name", str_or_null(it->platform_name));
    json_t *inst = json_object();
    json_object_set_new(inst, "slug", str_or_null(it->institution_slug));
    json_object_set_new(inst, "name", str_or_null(it->institution_name));

    json_t *o = json_object();
    json_object_set_new(o, "slug", str_or_null(p->slug));
    json_object_set_new(o, "type", json_string(mc_program_type_name(p->type)));
    json_object_set_new(o, "type_label", json_string(mc_program_type_label(p->type)));
    json_object_set_new(o, "title", str_or_null(p->title));
    json_object_set_new(o, "summary", str_or_null(p->summary));
    json_object_set_new(o, "provider", provider);
    json_object_set_new(o, "institution", inst);
    json_object_set_new(o, "duration_weeks", json_integer(p->duration_weeks));
    json_object_set_new(o, "hours_per_week",
                        p->hours_per_week < 0 ? json_null() : json_real(p->hours_per_week));
    json_object_set_new(o, "price", price);
    json_object_set_new(o, "terms", terms);
    json_object_set_new(o, "skills", skills);
    json_object_set_new(o, "courses", json_integer((json_int_t)it->n_courses));
    json_object_set_new(o, "demo", json_boolean(p->is_demo));
    return o;
}

char *mc_http_catalog_page_url(const struct mc_http_request *req, const char *base, bool absolute,
                               int64_t offset)
{
    struct mc_buf b;
    mc_buf_init(&b, 16384);
    if (absolute)
        mc_buf_appendz(&b, req->base_url);
    mc_buf_appendz(&b, base);
    char sep = '?';
    for (const char *const *k = mc_http_catalog_params; *k; k++) {
        if (strcmp(*k, "offset") == 0)
            continue;
        const char *v = mc_http_query_get(&req->query, *k);
        if (!v || !*v)
            continue;
        mc_buf_putc(&b, sep);
        mc_buf_appendz(&b, *k);
        mc_buf_putc(&b, '=');
        mc_http_url_encode(&b, v);
        sep = '&';
    }
    mc_buf_printf(&b, "%coffset=%" PRId64, sep, offset);
    char *url = mc_arena_strdup(req->arena, mc_buf_cstr(&b));
    mc_buf_free(&b);
    return url;
}
