/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/organisations/{slug}/agreements: a university records a recognition agreement —
 * achievement X from provider P counts N credits (ects or hours) toward its program Y, with an
 * optional cap and validity window. {"provider", "achievement", "program", "credits", "unit",
 * "max_credits", "valid_from", "valid_to", "note"}. The program must be the university's own.
 * catalog:write and the owner or issuer-admin role in the university.
 */
#include <string.h>

#include "app/auth.h"
#include "base/time.h"
#include "http/resources.h"

static bool date_field(struct mc_http_response *res, const char *text, const char *where,
                       int64_t *out)
{
    int32_t ns = 0;
    if (!text)
        return true;
    if (!mc_time_parse_rfc3339(text, strlen(text), out, &ns, NULL) ||
        !mc_time_parse_date(text, strlen(text), out, NULL))
        return true;
    mc_http_reply_error(res, 400, "invalid_field", "an RFC 3339 date-time or a YYYY-MM-DD date",
                        where);
    return false;
}

static enum mc_rc api_agreement(struct mc_http_request *req, struct mc_http_response *res,
                                struct mc_err *e)
{
    static const char *const members[] = { "provider", "achievement", "program",    "credits",
                                           "unit",     "max_credits", "valid_from", "valid_to",
                                           "note",     NULL };
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_CATALOG_WRITE);
    if (!p)
        return MC_OK;
    json_t *body = mc_http_json_body(req, res);
    if (!body)
        return MC_OK;
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    enum mc_rc rc = MC_OK;
    const char *provider = NULL, *ach = NULL, *program = NULL, *unit = NULL, *from = NULL,
               *to = NULL, *note = NULL;
    if (!mc_http_json_known(res, body, members) ||
        !mc_http_json_string(res, body, "provider", &provider) ||
        !mc_http_json_string(res, body, "achievement", &ach) ||
        !mc_http_json_string(res, body, "program", &program) ||
        !mc_http_json_string(res, body, "unit", &unit) ||
        !mc_http_json_string(res, body, "valid_from", &from) ||
        !mc_http_json_string(res, body, "valid_to", &to) ||
        !mc_http_json_string(res, body, "note", &note))
        goto out;
    int64_t uni = mc_http_acting_org(req, res, s, p, mc_http_path_param(req, "slug"),
                                     MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN), e);
    if (uni <= 0) {
        rc = uni < 0 ? MC_ERR_DB : MC_OK;
        goto out;
    }
    const json_t *cr = json_object_get(body, "credits"), *mx = json_object_get(body, "max_credits");
    if (!json_is_number(cr) || (mx && !json_is_null(mx) && !json_is_number(mx))) {
        rc = mc_http_reply_error(res, 400, "invalid_field", "credits (and max_credits) are numbers",
                                 json_is_number(cr) ? "/max_credits" : "/credits");
        goto out;
    }
    struct mc_recognition r = {
        .university_org_id = uni,
        .credits = json_number_value(cr),
        .unit = unit ? unit : "ects",
        .max_credits = json_is_number(mx) ? json_number_value(mx) : -1,
        .note = note,
    };
    if (!date_field(res, from, "/valid_from", &r.valid_from) ||
        !date_field(res, to, "/valid_to", &r.valid_to))
        goto out;
    struct mc_org prov;
    struct mc_achievement a;
    struct mc_program prog;
    if (!provider || mc_store_org_get(s, provider, req->arena, &prov, NULL)) {
        rc = mc_http_reply_error(res, 400, "invalid_field", "no such provider", "/provider");
        goto out;
    }
    if (!ach || mc_store_achievement_get(s, ach, 0, req->arena, &a, NULL)) {
        rc = mc_http_reply_error(res, 400, "invalid_field", "no such achievement", "/achievement");
        goto out;
    }
    if (!program || mc_store_program_get(s, program, req->arena, &prog, NULL) ||
        prog.institution_org_id != uni) {
        rc = mc_http_reply_error(res, 400, "invalid_field", "no such program of this university",
                                 "/program");
        goto out;
    }
    r.provider_org_id = prov.id;
    r.achievement_id = a.id;
    r.target_program_id = prog.id;
    struct mc_err err;
    mc_err_clear(&err);
    rc = mc_store_recognition_put(s, &r, &err);
    if (rc) {
        rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:f, s:s}", "id", (json_int_t)r.id, "provider",
                          provider, "achievement", ach, "program", program, "credits", r.credits,
                          "unit", r.unit);
    rc = mc_http_reply_json(res, 201, o);
    json_decref(o);
out:
    mc_store_pool_release(req->pool, s);
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_agreement = {
    .method = "POST",
    .pattern = "/api/v1/organisations/{slug}/agreements",
    .kind = MC_HTTP_API,
    .handler = api_agreement,
};
