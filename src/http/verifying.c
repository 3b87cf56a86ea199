/* SPDX-License-Identifier: Apache-2.0 */
/* Verifying what clients send or what the store holds, and the report's JSON for the API. */
#include <string.h>

#include "app/public-docs.h"
#include "base/json.h"
#include "base/time.h"
#include "http/resources.h"
#include "vc/bake.h"
#include "vc/fetch.h"

#define MAX_FETCHED 16

/*
 * The fallback for documents not published by this platform: fetched with the safe fetcher
 * (https only, 1 MiB, 5 s, never a private address), each URL once per verification, at most
 * MAX_FETCHED of them. With the server offline nothing is fetched.
 */
struct fetcher {
    struct mc_doc_source source;
    bool offline;
    json_t *held; /* object: URL -> document */
    size_t fetched;
    struct mc_err err;
};

static const json_t *fetch_get(void *self, const char *url, const char **why)
{
    struct fetcher *f = self;
    const json_t *have = json_object_get(f->held, url);
    if (have)
        return have;
    if (f->offline) {
        *why = "this server does not fetch documents from other hosts";
        return NULL;
    }
    if (f->fetched == MAX_FETCHED) {
        *why = "too many documents fetched for one credential";
        return NULL;
    }
    f->fetched++;
    struct mc_buf body;
    mc_buf_init(&body, 1u << 20);
    json_t *j = NULL;
    if (mc_fetch(url, NULL, &body, &f->err) ||
        mc_json_parse(body.data ? body.data : "", body.len, JSON_DECODE_INT_AS_REAL, NULL, &j,
                      &f->err)) {
        mc_buf_free(&body);
        *why = f->err.msg;
        return NULL;
    }
    mc_buf_free(&body);
    json_object_set_new(f->held, url, j);
    return j;
}

/* Everything one verification needs besides the input; set up and torn down around it. */
struct verify_env {
    struct fetcher fetcher;
    struct mc_public_docs docs;
    struct mc_verify_options o;
};

static void env_init(struct verify_env *v, const struct mc_http_request *req, struct mc_store *s)
{
    memset(v, 0, sizeof *v);
    v->fetcher.source.get = fetch_get;
    v->fetcher.source.self = &v->fetcher;
    v->fetcher.offline = req->config && req->config->offline;
    v->fetcher.held = json_object();
    mc_public_docs_init(&v->docs, s, req->base_url, &v->fetcher.source);
    v->o.now = mc_time_now();
    v->o.docs = &v->docs.source;
}

static void env_free(struct verify_env *v)
{
    mc_public_docs_free(&v->docs);
    json_decref(v->fetcher.held);
}

/*
 * The trust registry's word on the issuer, as one more check: an issuer of this platform that
 * the operator verified (and perhaps a quality-assurance body accredits) passes; one not verified
 * is a warning; an issuer from elsewhere is skipped (the registry says nothing about it).
 */
static void trust_check(const struct mc_http_request *req, struct mc_store *s, struct mc_report *r)
{
    if (!r->issuer)
        return;
    size_t blen = strlen(req->base_url);
    const char *prefix = "/issuers/";
    if (strncmp(r->issuer, req->base_url, blen) != 0 ||
        strncmp(r->issuer + blen, prefix, strlen(prefix)) != 0) {
        mc_report_add(r, "trust", MC_CHECK_SKIP,
                      "the issuer is not registered on this platform, so its trust registry says "
                      "nothing about it");
        return;
    }
    const char *slug = r->issuer + blen + strlen(prefix);
    struct mc_org org;
    if (mc_store_org_get(s, slug, req->arena, &org, NULL)) {
        mc_report_add(r, "trust", MC_CHECK_WARN,
                      "the issuer's address is on this platform, but no such issuer is registered");
        return;
    }
    if (org.verified && org.accredited)
        mc_report_add(r, "trust", MC_CHECK_PASS,
                      "%s: the platform verified who it is, and a quality-assurance body "
                      "accredits it",
                      org.name);
    else if (org.verified)
        mc_report_add(r, "trust", MC_CHECK_PASS,
                      "%s: the platform verified who it is (no accreditation recorded)", org.name);
    else
        mc_report_add(r, "trust", MC_CHECK_WARN,
                      "%s: the platform has not verified who this issuer is", org.name);
}

/* A parsed credential, as jansson (`json`) or as a jv tree (`tree`, when `json` is NULL). */
static void verify_parsed(const struct mc_http_request *req, struct mc_store *s, const json_t *json,
                          const struct jv *tree, struct mc_report *r)
{
    struct verify_env v;
    env_init(&v, req, s);
    if (json)
        mc_verify_credential(mc_http_verifier(), json, &v.o, r);
    else
        mc_verify_tree(mc_http_verifier(), tree, &v.o, r);
    env_free(&v);
    trust_check(req, s, r);
}

void mc_http_verify_json(const struct mc_http_request *req, struct mc_store *s, const json_t *cred,
                         struct mc_report *r)
{
    verify_parsed(req, s, cred, NULL, r);
}

void mc_http_verify_tree(const struct mc_http_request *req, struct mc_store *s,
                         const struct jv *cred, struct mc_report *r)
{
    verify_parsed(req, s, NULL, cred, r);
}

void mc_http_verify_bytes(const struct mc_http_request *req, struct mc_store *s, const char *data,
                          size_t len, struct mc_report *r)
{
    struct verify_env v;
    env_init(&v, req, s);
    enum mc_image_kind kind;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_image_detect(data, len, &kind, &e) != MC_OK) {
        mc_verify_text(mc_http_verifier(), data, len, &v.o, r);
        env_free(&v);
        trust_check(req, s, r);
        return;
    }
    const char *what = kind == MC_IMAGE_PNG ? "PNG" : "SVG";
    struct mc_baked b = { 0 };
    if (mc_bake_extract(data, len, &b, &e)) {
        mc_report_add(r, "baked", MC_CHECK_FAIL, "%s", e.msg);
    } else {
        mc_report_add(r, "baked", MC_CHECK_PASS, "an Open Badges %d.0 credential baked in a %s",
                      b.version, what);
        mc_verify_text(mc_http_verifier(), b.text, b.len, &v.o, r);
    }
    mc_baked_free(&b);
    env_free(&v);
    trust_check(req, s, r);
}

json_t *mc_http_report_json(const struct mc_report *r)
{
    json_t *checks = json_array();
    for (size_t i = 0; i < r->count; i++) {
        const struct mc_check *c = &r->checks[i];
        json_t *msg = json_string(c->message);
        json_array_append_new(checks,
                              json_pack("{s:s, s:s, s:o}", "name", c->name, "status",
                                        mc_check_status_name(c->status), "message",
                                        msg ? msg : json_string("(the message was not UTF-8)")));
    }
    json_t *j = json_pack("{s:b}", "verified", mc_report_valid(r));
    json_t *id = r->id ? json_string(r->id) : NULL;
    json_t *issuer = r->issuer ? json_string(r->issuer) : NULL;
    if (id)
        json_object_set_new(j, "id", id);
    if (issuer)
        json_object_set_new(j, "issuer", issuer);
    if (r->format)
        json_object_set_new(j, "format", json_string(r->format));
    json_object_set_new(j, "checks", checks);
    return j;
}

/* The checks a person reads on a page: failures first named in the summary. */
json_t *mc_http_report_view(const struct mc_report *r)
{
    json_t *j = mc_http_report_json(r);
    json_t *view = mc_http_report_view_of_json(j);
    json_decref(j);
    return view;
}

json_t *mc_http_report_view_of_json(const json_t *report)
{
    json_t *j = json_deep_copy(report);
    json_t *failing = json_array();
    json_t *checks = json_object_get(j, "checks");
    size_t i;
    json_t *c;
    json_array_foreach (checks, i, c) {
        const char *st = json_string_value(json_object_get(c, "status"));
        json_object_set_new(c, "pass", json_boolean(strcmp(st, "pass") == 0));
        json_object_set_new(c, "fail", json_boolean(strcmp(st, "fail") == 0));
        json_object_set_new(c, "warning", json_boolean(strcmp(st, "warning") == 0));
        json_object_set_new(c, "skipped", json_boolean(strcmp(st, "skipped") == 0));
        if (strcmp(st, "fail") == 0)
            json_array_append(failing, c);
    }
    json_object_set_new(j, "has_failing", json_boolean(json_array_size(failing) > 0));
    json_object_set_new(j, "failing", failing);
    return j;
}
