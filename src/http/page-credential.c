/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /credentials/{id}: a credential the platform issued. By content negotiation the signed
 * document verbatim (JSON-LD) or a page that verifies it as it is shown; /credentials/{uuid}.json,
 * .png and .svg are downloads (the images with the credential baked in); ?view=certificate is a
 * printable certificate.
 */
#include <stdio.h>
#include <string.h>

#include "base/json.h"
#include "base/time.h"
#include "http/query.h"
#include "http/resources.h"
#include "mcred/str.h"
#include "store/store.h"
#include "vc/verify.h"

enum variant { V_NEGOTIATE, V_JSON, V_PNG, V_SVG };

/* "<uuid>" or "<uuid>.json" etc.: the lowercase UUID into `uuid`, the suffix into `v`. */
static bool parse_id(const char *param, char uuid[37], enum variant *v)
{
    size_t len = strlen(param);
    *v = V_NEGOTIATE;
    if (len == 41 && strcmp(param + 36, ".json") == 0)
        *v = V_JSON;
    else if (len == 40 && strcmp(param + 36, ".png") == 0)
        *v = V_PNG;
    else if (len == 40 && strcmp(param + 36, ".svg") == 0)
        *v = V_SVG;
    else if (len != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        char c = param[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (c >= 'A' && c <= 'F') {
            c = (char)(c - 'A' + 'a');
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
        uuid[i] = c;
    }
    uuid[36] = '\0';
    return true;
}

static const char *const page_offers[] = { "text/html", "application/ld+json", "application/json",
                                           "application/vc+ld+json", NULL };

/* Errors in the form the client reads: a problem for JSON clients and downloads, else a page. */
static enum mc_rc reply_error(const struct mc_http_request *req, struct mc_http_response *res,
                              bool json, int status, const char *code, const char *title,
                              const char *msg, const char *where)
{
    if (json)
        return mc_http_reply_error(res, status, code, msg, where);
    return mc_http_reply_error_page(req, res, status, title, msg);
}

static const char *str(const json_t *o, const char *k)
{
    return json_string_value(json_object_get(o, k));
}

static void set_str(json_t *o, const char *k, const char *v)
{
    json_t *s = v ? json_string(v) : NULL;
    if (s)
        json_object_set_new(o, k, s);
}

/* "23 November 2026" from an RFC 3339 time; *year and *month for LinkedIn. NULL if invalid. */
static char *human_date(struct mc_arena *a, const char *t, int64_t *year, unsigned *month,
                        int64_t *sec)
{
    static const char *const names[] = { "January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December" };
    int64_t s;
    int32_t ns;
    if (!t || mc_time_parse_rfc3339(t, strlen(t), &s, &ns, NULL))
        return NULL;
    int64_t days = s >= 0 ? s / 86400 : (s - 86399) / 86400;
    int64_t y;
    unsigned m, d;
    mc_time_civil_from_days(days, &y, &m, &d);
    if (year)
        *year = y;
    if (month)
        *month = m;
    if (sec)
        *sec = s;
    return mc_arena_printf(a, "%u %s %lld", d, names[(m - 1) % 12], (long long)y);
}

/* The credential JSON out of the stored document: JSON-LD, or the payload of a VC-JWT. */
static json_t *parse_document(const char *doc)
{
    json_t *j = NULL;
    if (!mc_json_parse(doc, strlen(doc), JSON_DECODE_INT_AS_REAL, NULL, &j, NULL))
        return j;
    return NULL;
}

static void add_eu(json_t *eu, const char *label, const char *value)
{
    if (value && *value)
        json_array_append_new(eu, json_pack("{s:s, s:s}", "label", label, "value", value));
}

/* The EU standard elements of the achievement the credential was issued for (the version it
 * was issued with, from the catalog). */
static json_t *eu_elements(struct mc_arena *a, const struct mc_achievement *ach)
{
    json_t *eu = json_array();
    if (ach->ects >= 0)
        add_eu(eu, "ECTS credits", mc_arena_printf(a, "%g", ach->ects));
    if (ach->workload_hours >= 0)
        add_eu(eu, "Notional workload", mc_arena_printf(a, "%g hours", ach->workload_hours));
    if (ach->eqf_level > 0)
        add_eu(eu, "EQF level", mc_arena_printf(a, "%d", ach->eqf_level));
    add_eu(eu, "Type of assessment", ach->assessment_type);
    add_eu(eu, "Form of participation", mc_participation_name(ach->participation));
    add_eu(eu, "Quality assurance", ach->quality_assurance);
    add_eu(eu, "Prerequisites", ach->prerequisites);
    add_eu(eu, "Supervision and identity verification", mc_supervision_name(ach->supervision));
    add_eu(eu, "Language", ach->language);
    add_eu(eu, "Stackable", ach->stackable ? "yes, toward larger credentials" : "no");
    if (ach->validity_days > 0)
        add_eu(eu, "Validity",
               mc_arena_printf(a, "%d days from the date of issue", ach->validity_days));
    return eu;
}

/* https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=...: every value
 * percent-encoded. */
static char *linkedin_url(struct mc_arena *a, const char *name, const char *org, int64_t iy,
                          unsigned im, const char *cert_url, const char *cert_id, int64_t ey,
                          unsigned em)
{
    struct mc_buf b;
    mc_buf_init(&b, 8192);
    mc_buf_appendz(&b, "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=");
    mc_http_url_encode(&b, name);
    mc_buf_appendz(&b, "&organizationName=");
    mc_http_url_encode(&b, org);
    mc_buf_printf(&b, "&issueYear=%lld&issueMonth=%u", (long long)iy, im);
    if (ey > 0)
        mc_buf_printf(&b, "&expirationYear=%lld&expirationMonth=%u", (long long)ey, em);
    mc_buf_appendz(&b, "&certUrl=");
    mc_http_url_encode(&b, cert_url);
    mc_buf_appendz(&b, "&certId=");
    mc_http_url_encode(&b, cert_id);
    char *s = mc_arena_memdupz(a, b.data ? b.data : "", b.len);
    mc_buf_free(&b);
    return s;
}

/* The banner: what a person needs to know first. */
static json_t *banner(struct mc_arena *a, const struct mc_credential_row *row,
                      const struct mc_report *r, const char *expires, int64_t until)
{
    json_t *b = json_object();
    const char *state, *heading, *text = NULL;
    char *when = NULL;
    if (row->status_changed_at > 0) {
        char t[MC_TIME_RFC3339_SIZE];
        mc_time_format_rfc3339(row->status_changed_at, t);
        when = human_date(a, t, NULL, NULL, NULL);
    }
    bool valid = mc_report_valid(r);
    if (row->status && strcmp(row->status, "revoked") == 0) {
        state = "revoked";
        heading = "Revoked";
        text = mc_arena_printf(a, "The issuer revoked this credential%s%s. It is no longer valid.",
                               when ? " on " : "", when ? when : "");
    } else if (row->status && strcmp(row->status, "suspended") == 0) {
        state = "suspended";
        heading = "Suspended";
        text = mc_arena_printf(a,
                               "The issuer suspended this credential%s%s. It is not valid while "
                               "suspended.",
                               when ? " on " : "", when ? when : "");
    } else if (until > 0 && until < mc_time_now()) {
        state = "expired";
        heading = "Expired";
        text = mc_arena_printf(a, "This credential expired on %s.", expires ? expires : "?");
    } else if (valid) {
        state = "verified";
        heading = "Verified";
        text = "The signature, the issuer's key, the validity period and the status lists were "
               "checked just now.";
    } else {
        state = "invalid";
        heading = "Not valid";
        text = "These checks failed:";
    }
    set_str(b, "state", state);
    set_str(b, "heading", heading);
    set_str(b, "text", text);
    json_object_set_new(b, "ok", json_boolean(strcmp(state, "verified") == 0));
    if (strcmp(state, "revoked") == 0 || strcmp(state, "suspended") == 0)
        set_str(b, "reason", row->status_reason);
    return b;
}

static enum mc_rc page(struct mc_http_request *req, struct mc_http_response *res,
                       struct mc_store *s, const struct mc_credential_row *row, const char *uuid,
                       bool certificate, struct mc_err *e)
{
    struct mc_arena *a = req->arena;
    json_t *cred = parse_document(row->document);
    if (!cred)
        return mc_err_set(e, MC_ERR_INTERNAL, "the stored credential %s does not parse", row->id);
    struct mc_report r;
    mc_report_init(&r);
    mc_http_verify_json(req, s, cred, &r);

    const char *page_url = mc_arena_printf(a, "%s/credentials/%s", req->base_url, uuid);
    json_t *ctx = json_object();
    const json_t *subject = json_object_get(cred, "credentialSubject");
    const json_t *ach = json_object_get(subject, "achievement");
    const char *name = str(ach, "name") ? str(ach, "name") : str(cred, "name");
    set_str(ctx, "title", name ? name : "Credential");
    set_str(ctx, "page_url", page_url);
    set_str(ctx, "uuid", uuid);
    set_str(ctx, "credential_id", row->id);

    /* dates */
    int64_t iy = 0, ey = 0, until = 0;
    unsigned im = 0, em = 0;
    char *issued = human_date(a, str(cred, "validFrom"), &iy, &im, NULL);
    char *expires = human_date(a, str(cred, "validUntil"), &ey, &em, &until);
    set_str(ctx, "issued", issued);
    set_str(ctx, "expires", expires);
    json_object_set_new(ctx, "banner", banner(a, row, &r, expires, until));
    json_object_set_new(ctx, "report", mc_http_report_view(&r));

    /* the issuer: what the credential says, and what the platform knows of it */
    const json_t *iss = json_object_get(cred, "issuer");
    json_t *issuer = json_object();
    set_str(issuer, "name", json_is_string(iss) ? json_string_value(iss) : str(iss, "name"));
    set_str(issuer, "url", str(iss, "url"));
    struct mc_org org;
    if (!mc_store_org_get_by_id(s, row->issuer_org_id, a, &org, NULL)) {
        set_str(issuer, "name", org.name);
        set_str(issuer, "profile", mc_arena_printf(a, "/issuers/%s", org.slug));
        json_object_set_new(issuer, "verified", json_boolean(org.verified));
        json_object_set_new(issuer, "accredited", json_boolean(org.accredited));
        json_object_set_new(issuer, "demo", json_boolean(org.is_demo));
        set_str(issuer, "country", org.country);
    }
    const char *issuer_name = str(issuer, "name") ? str(issuer, "name") : "the issuer";
    json_object_set_new(ctx, "issuer", issuer);

    /* the achievement */
    json_t *achievement = json_object();
    set_str(achievement, "name", name);
    set_str(achievement, "description", str(ach, "description"));
    set_str(achievement, "criteria", str(json_object_get(ach, "criteria"), "narrative"));
    set_str(achievement, "type", str(ach, "achievementType"));
    json_object_set_new(ctx, "achievement", achievement);
    struct mc_achievement cat;
    if (row->achievement_id > 0 &&
        !mc_store_achievement_get_by_id(s, row->achievement_id, a, &cat, NULL)) {
        json_t *eu = eu_elements(a, &cat);
        json_object_set_new(ctx, "has_eu", json_boolean(json_array_size(eu) > 0));
        json_object_set_new(ctx, "eu", eu);
        json_object_set_new(ctx, "demo", json_boolean(cat.is_demo));
    }

    /* skills: the alignments but the EQF level (shown with the EU elements) */
    json_t *skills = json_array();
    size_t i;
    const json_t *al;
    json_array_foreach (json_object_get(ach, "alignment"), i, al) {
        const char *fw = str(al, "targetFramework");
        if (fw && strcmp(fw, "European Qualifications Framework") == 0)
            continue;
        json_t *k = json_object();
        set_str(k, "name", str(al, "targetName"));
        set_str(k, "url", str(al, "targetUrl"));
        set_str(k, "code", str(al, "targetCode"));
        set_str(k, "framework", fw);
        json_array_append_new(skills, k);
    }
    json_object_set_new(ctx, "has_skills", json_boolean(json_array_size(skills) > 0));
    json_object_set_new(ctx, "skills", skills);
    json_t *results = json_array();
    const json_t *x;
    json_array_foreach (json_object_get(subject, "result"), i, x) {
        json_t *k = json_object();
        set_str(k, "value", str(x, "value"));
        set_str(k, "status", str(x, "status"));
        json_array_append_new(results, k);
    }
    json_object_set_new(ctx, "has_results", json_boolean(json_array_size(results) > 0));
    json_object_set_new(ctx, "results", results);
    json_t *evidence = json_array();
    json_array_foreach (json_object_get(cred, "evidence"), i, x) {
        json_t *k = json_object();
        const char *id = str(x, "id");
        /* only web links become links */
        if (id && (strncmp(id, "https://", 8) == 0 || strncmp(id, "http://", 7) == 0))
            set_str(k, "url", id);
        set_str(k, "name", str(x, "name") ? str(x, "name") : id);
        set_str(k, "narrative", str(x, "narrative"));
        json_array_append_new(evidence, k);
    }
    json_object_set_new(ctx, "has_evidence", json_boolean(json_array_size(evidence) > 0));
    json_object_set_new(ctx, "evidence", evidence);
    const char *recipient = str(subject, "id");
    set_str(ctx, "recipient",
            recipient ? recipient
                      : "the person the issuer awarded it to (identified in the credential by a "
                        "hashed email address)");

    /* sharing */
    set_str(ctx, "qr_svg",
            mc_http_qr_svg(a, page_url, mc_arena_printf(a, "QR code of %s", page_url)));
    if (iy > 0)
        set_str(ctx, "linkedin",
                linkedin_url(a, name ? name : "Credential", issuer_name, iy, im, page_url, uuid, ey,
                             em));
    set_str(ctx, "json_url", mc_arena_printf(a, "/credentials/%s.json", uuid));
    set_str(ctx, "png_url", mc_arena_printf(a, "/credentials/%s.png", uuid));
    set_str(ctx, "svg_url", mc_arena_printf(a, "/credentials/%s.svg", uuid));
    set_str(ctx, "certificate_url", mc_arena_printf(a, "/credentials/%s?view=certificate", uuid));
    set_str(ctx, "page_path", mc_arena_printf(a, "/credentials/%s", uuid));

    mc_http_response_header(res, "Cache-Control", "no-cache");
    mc_http_response_header(res, "Vary", "Accept");
    enum mc_rc rc = mc_http_reply_page(
            req, res, 200, certificate ? "certificate.html" : "credential.html", ctx, e);
    json_decref(ctx);
    mc_report_free(&r);
    json_decref(cred);
    return rc;
}

/* A download: the document, or a badge image with it baked in. */
static enum mc_rc download(struct mc_http_request *req, struct mc_http_response *res,
                           struct mc_store *s, const struct mc_credential_row *row,
                           const char *uuid, enum variant v, struct mc_err *e)
{
    const char *doc = row->document;
    size_t len = strlen(doc);
    bool jwt = row->format && strstr(row->format, "jwt");
    mc_http_response_header(res, "Cache-Control", "public, max-age=300");
    if (v == V_JSON) {
        res->status = 200;
        res->content_type = jwt ? "application/vc+jwt" : "application/ld+json";
        mc_http_response_header(res, "Content-Disposition",
                                mc_arena_printf(req->arena,
                                                "attachment; filename=\"credential-%s.%s\"", uuid,
                                                jwt ? "jwt" : "json"));
        enum mc_rc rc = mc_buf_append(&res->body, doc, len);
        if (rc)
            mc_err_set(e, rc, "credential %s is larger than the response limit", row->id);
        return rc;
    }
    const char *page_url = mc_arena_printf(req->arena, "%s/credentials/%s", req->base_url, uuid);
    enum mc_rc rc;
    if (v == V_PNG) {
        rc = mc_http_badge_png(page_url, doc, len, &res->body, e);
        res->content_type = "image/png";
    } else {
        json_t *cred = parse_document(doc);
        const json_t *ach =
                json_object_get(json_object_get(cred, "credentialSubject"), "achievement");
        const char *title = str(ach, "name") ? str(ach, "name") : "Credential";
        struct mc_org org;
        const char *issuer = "";
        if (!mc_store_org_get_by_id(s, row->issuer_org_id, req->arena, &org, NULL))
            issuer = org.name;
        rc = mc_http_badge_svg(title, issuer, page_url, doc, len, &res->body, e);
        json_decref(cred);
        res->content_type = "image/svg+xml";
    }
    res->status = 200;
    return rc;
}

static enum mc_rc page_credential(struct mc_http_request *req, struct mc_http_response *res,
                                  struct mc_err *e)
{
    char uuid[37];
    enum variant v;
    bool valid_id = parse_id(mc_http_path_param(req, "id"), uuid, &v);
    /* a download's errors are problems even when its id is malformed */
    struct mc_str param = mc_str_z(mc_http_path_param(req, "id"));
    bool download_path =
            mc_str_ends(param, ".json") || mc_str_ends(param, ".png") || mc_str_ends(param, ".svg");
    int offer = v == V_NEGOTIATE && !download_path ? mc_http_negotiate(req, page_offers) : 1;
    bool json = v != V_NEGOTIATE || download_path || offer != 0;
    if (!valid_id)
        return reply_error(req, res, json, 404, "not_found", "Credential not found",
                           "a credential address is /credentials/ followed by its UUID "
                           "(and .json, .png or .svg for a download)",
                           "id");
    if (offer < 0)
        return mc_http_reply_error(res, 406, "not_acceptable",
                                   "this credential is available as text/html, "
                                   "application/ld+json or application/json",
                                   "Accept");
    static const char *const params[] = { "view", NULL };
    static const char *const none[] = { NULL };
    const char *code = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    if (mc_http_query_check(&req->query, json ? none : params, &code, &err))
        return reply_error(req, res, json, 400, code, "The address is not valid", err.msg,
                           err.where);
    const char *view = mc_http_query_get(&req->query, "view");
    if (view && strcmp(view, "certificate") != 0)
        return reply_error(req, res, json, 400, "invalid_parameter", "The address is not valid",
                           "view may only be 'certificate'", "view");
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");

    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_credential_row row;
    char *id = mc_arena_printf(req->arena, "urn:uuid:%s", uuid);
    enum mc_rc rc = mc_store_credential_get(s, id, req->arena, &row, &err);
    if (rc == MC_ERR_NOT_FOUND) {
        rc = reply_error(
                req, res, json, 404, "not_found", "Credential not found",
                mc_arena_printf(req->arena, "there is no credential %s on this platform", id),
                "id");
    } else if (rc) {
        mc_err_set(e, rc, "%s", err.msg);
    } else if (v == V_NEGOTIATE && offer > 0) {
        /* the signed document, byte for byte as issued */
        res->status = 200;
        res->content_type = "application/ld+json";
        mc_http_response_header(res, "Vary", "Accept");
        mc_http_response_header(res, "Cache-Control", "public, max-age=300");
        rc = mc_buf_append(&res->body, row.document, strlen(row.document));
        if (rc)
            mc_err_set(e, rc, "credential %s is larger than the response limit", id);
    } else if (v == V_NEGOTIATE) {
        rc = page(req, res, s, &row, uuid, view != NULL, e);
    } else {
        rc = download(req, res, s, &row, uuid, v, e);
    }
    mc_store_pool_release(req->pool, s);
    return rc;
}

const struct mc_http_route mc_route_page_credential = {
    .method = "GET",
    .pattern = "/credentials/{id}",
    .kind = MC_HTTP_PAGE,
    .handler = page_credential,
};
