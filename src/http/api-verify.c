/* SPDX-License-Identifier: Apache-2.0 */
/* POST /api/v1/credentials/verify: verify a credential sent as JSON, a VC-JWT or a baked image. */
#include <string.h>
#include <strings.h>

#include "base/json.h"
#include "http/multipart.h"
#include "http/resources.h"
#include "ld/jv.h"
#include "store/store.h"
#include "vc/verify.h"

/* The media type of a Content-Type value without parameters, lowercase, in the arena. */
static char *media_type(struct mc_arena *a, const char *ct)
{
    if (!ct)
        return NULL;
    size_t n = strcspn(ct, "; \t");
    char *m = mc_arena_memdupz(a, ct, n);
    for (char *p = m; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return m;
}

static bool is_one_of(const char *m, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(m, *list) == 0)
            return true;
    return false;
}

#define MAX_DEPTH 256 /* of a JSON body */

static const char *const json_types[] = { "application/json", "application/ld+json",
                                          "application/vc+ld+json", "application/vc", NULL };
static const char *const text_types[] = { "application/jwt", "application/vc+jwt",
                                          "application/vc+ld+jwt", "text/plain", NULL };
static const char *const image_types[] = { "image/png", "image/svg+xml", NULL };

/*
 * What to verify, from the body: `*cred` (in the request's arena) for a JSON credential, or
 * data[0..len) for text and images. MC_ERR_INVALID (answered as a problem) when the body is not
 * what its Content-Type says.
 */
static enum mc_rc read_input(struct mc_http_request *req, const struct jv **cred, const char **data,
                             size_t *len, const char **code, struct mc_err *e)
{
    const char *ct = mc_http_header(req, "Content-Type");
    char *m = media_type(req->arena, ct);
    *code = "invalid_body";
    if (req->body_len == 0) {
        mc_err_set(e, MC_ERR_INVALID,
                   "the body is empty: send {\"credential\": ...}, a VC-JWT, or "
                   "a PNG or SVG badge");
        mc_err_where(e, "body");
        return MC_ERR_INVALID;
    }
    if (!m) {
        *code = "unsupported_media_type";
        mc_err_set(e, MC_ERR_UNSUPPORTED, "the request has no Content-Type; use application/json");
        mc_err_where(e, "Content-Type");
        return MC_ERR_UNSUPPORTED;
    }
    if (is_one_of(m, json_types)) {
        /* Read straight into the tree the verifier's checks read. */
        struct jv *doc;
        if (jv_parse(req->arena, req->body, req->body_len, MAX_DEPTH, &doc, e)) {
            mc_err_where(e, "body");
            return MC_ERR_INVALID;
        }
        const struct jv *c = jv_get(doc, "credential");
        if (jv_is_string(c)) {
            *data = c->u.str;
            *len = c->len;
            return MC_OK;
        }
        if (jv_is_object(c)) {
            *cred = c;
            return MC_OK;
        }
        if (c || !jv_is_object(doc) || !jv_get(doc, "@context")) {
            mc_err_set(e, MC_ERR_INVALID,
                       "credential must be the credential (a JSON object) or a VC-JWT (a string)");
            mc_err_where(e, "credential");
            return MC_ERR_INVALID;
        }
        *cred = doc; /* the credential itself, not wrapped */
        return MC_OK;
    }
    if (is_one_of(m, text_types) || is_one_of(m, image_types)) {
        *data = req->body;
        *len = req->body_len;
        return MC_OK;
    }
    if (strcmp(m, "multipart/form-data") == 0) {
        struct mc_multipart_part parts[MC_MULTIPART_MAX_PARTS];
        size_t n = 0;
        if (mc_multipart_parse(ct, req->body, req->body_len, req->arena, parts,
                               MC_MULTIPART_MAX_PARTS, &n, e))
            return MC_ERR_INVALID;
        const struct mc_multipart_part *p = mc_multipart_find(parts, n, "credential");
        if (!p)
            p = mc_multipart_find(parts, n, "file");
        if (!p || p->len == 0) {
            mc_err_set(e, MC_ERR_INVALID,
                       "the form has no non-empty part named credential or file");
            mc_err_where(e, "credential");
            return MC_ERR_INVALID;
        }
        *data = p->data;
        *len = p->len;
        return MC_OK;
    }
    *code = "unsupported_media_type";
    mc_err_set(e, MC_ERR_UNSUPPORTED,
               "Content-Type %s is not one this endpoint reads: use application/json (with "
               "{\"credential\": ...}), application/ld+json, application/vc+jwt, image/png, "
               "image/svg+xml or multipart/form-data",
               m);
    mc_err_where(e, "Content-Type");
    return MC_ERR_UNSUPPORTED;
}

static enum mc_rc api_verify(struct mc_http_request *req, struct mc_http_response *res,
                             struct mc_err *e)
{
    static const char *const allowed[] = { NULL };
    const char *code = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, allowed))
        return MC_OK;
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    const struct jv *cred = NULL;
    const char *data = NULL;
    size_t len = 0;
    enum mc_rc rc = read_input(req, &cred, &data, &len, &code, &err);
    if (rc)
        return mc_http_reply_error(res, rc == MC_ERR_UNSUPPORTED ? 415 : 400, code, err.msg,
                                   err.where[0] ? err.where : "body");
    struct mc_report r;
    mc_report_init(&r);
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    if (cred)
        mc_http_verify_tree(req, s, cred, &r);
    else
        mc_http_verify_bytes(req, s, data, len, &r);
    mc_store_pool_release(req->pool, s);
    json_t *out = mc_http_report_json(&r);
    mc_report_free(&r);
    mc_http_response_header(res, "Cache-Control", "no-store");
    rc = mc_http_reply_json(res, 200, out);
    json_decref(out);
    return rc;
}

const struct mc_http_route mc_route_api_verify = {
    .method = "POST",
    .pattern = "/api/v1/credentials/verify",
    .kind = MC_HTTP_API,
    .handler = api_verify,
};
