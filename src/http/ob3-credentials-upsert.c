/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /ims/ob/v3p0/credentials (upsertCredential, scope credential.upsert): a client adds a
 * credential to its user's record. The body is the credential (application/json,
 * application/ld+json or application/vc+ld+json) or a VC-JWT (text/plain, application/vc+jwt,
 * application/jwt). It is verified with the platform's verifier first: one that does not verify
 * is a 400 naming the checks that failed. Then 201 when the record did not have a credential
 * with that id, 200 when it did (replaced, or the platform issued it to the user already); the
 * answer repeats the credential.
 */
#include <string.h>
#include <strings.h>

#include "base/json.h"
#include "base/time.h"
#include "http/oauth-http.h"
#include "http/resources.h"
#include "vc/jws.h"
#include "vc/verify.h"

/* The failed checks' messages, for the client's developer (arena). */
static const char *failures(struct mc_arena *a, const struct mc_report *r)
{
    struct mc_buf b;
    mc_buf_init(&b, 4096);
    mc_buf_appendz(&b, "the credential does not verify");
    const char *sep = ": ";
    for (size_t i = 0; i < r->count; i++) {
        if (r->checks[i].status != MC_CHECK_FAIL)
            continue;
        mc_buf_printf(&b, "%s%s: %s", sep, r->checks[i].name, r->checks[i].message);
        sep = "; ";
    }
    const char *out = mc_arena_memdupz(a, b.data ? b.data : "", b.len);
    mc_buf_free(&b);
    return out;
}

static enum mc_rc ob3_upsert(struct mc_http_request *req, struct mc_http_response *res,
                             struct mc_err *e)
{
    static const char *const allowed[] = { NULL };
    const char *code = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    if (mc_http_query_check(&req->query, allowed, &code, &err))
        return mc_ob3_reply_status(res, 400, "invalid_query_parameter", err.msg);
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_principal p;
    bool ok = false;
    json_t *doc = NULL;
    struct mc_report r;
    mc_report_init(&r);
    enum mc_rc rc = mc_ob3_principal(req, res, s, MC_SCOPE_OB_CREDENTIAL_UPSERT, &p, &ok, e);
    if (rc || !ok)
        goto out;

    const char *ct = mc_http_header(req, "Content-Type");
    bool is_json = mc_http_media_is(ct, "application/json") ||
                   mc_http_media_is(ct, "application/ld+json") ||
                   mc_http_media_is(ct, "application/vc+ld+json");
    bool is_jwt = mc_http_media_is(ct, "text/plain") ||
                  mc_http_media_is(ct, "application/vc+jwt") ||
                  mc_http_media_is(ct, "application/jwt");
    if (!is_json && !is_jwt) {
        rc = mc_ob3_reply_status(res, 415, "invalid_data",
                                 "send the credential as application/json or a VC-JWT as "
                                 "text/plain");
        goto out;
    }
    const char *body = req->body;
    size_t len = req->body_len;
    if (is_jwt) {
        while (len && (body[len - 1] == '\n' || body[len - 1] == '\r' || body[len - 1] == ' '))
            len--;
        struct mc_jws jws;
        memset(&jws, 0, sizeof jws);
        if (mc_jws_parse(body, len, &jws, &err) == MC_OK)
            mc_vcjwt_credential(&jws, &doc, &err);
        mc_jws_free(&jws);
        if (!doc) {
            rc = mc_ob3_reply_status(res, 400, "invalid_data", err.msg);
            goto out;
        }
        mc_http_verify_bytes(req, s, body, len, &r);
    } else {
        struct mc_json_limits lim = { len + 1, 256 };
        /* Parsed as the verify API does (numbers as reals, which the JSON-LD processor
         * expects); the record keeps and the answer repeats the bytes sent. */
        if (mc_json_parse(body, len, JSON_DECODE_INT_AS_REAL, &lim, &doc, &err) ||
            !json_is_object(doc)) {
            rc = mc_ob3_reply_status(res, 400, "invalid_data",
                                     "the body must be the credential, a JSON object");
            goto out;
        }
        mc_http_verify_json(req, s, doc, &r);
    }
    if (!mc_report_valid(&r)) {
        rc = mc_ob3_reply_status(res, 400, "invalid_data", failures(req->arena, &r));
        goto out;
    }
    const char *id = r.id ? r.id : json_string_value(json_object_get(doc, "id"));
    if (!id || !*id) {
        rc = mc_ob3_reply_status(res, 400, "invalid_data",
                                 "an OpenBadgeCredential needs an id to be kept and replaced");
        goto out;
    }

    /* The platform's own credential issued to this user is in the record already. */
    bool created = false;
    struct mc_credential_row own;
    struct mc_err scratch;
    bool owned = mc_store_credential_get(s, id, req->arena, &own, &scratch) == MC_OK &&
                 own.recipient_user_id == p.user_id;
    if (!owned) {
        struct mc_imported_credential c = {
            .user_id = p.user_id,
            .credential_id = id,
            .issuer = r.issuer,
            .document = mc_arena_memdupz(req->arena, body, len),
            .format = is_jwt ? "ob3-jwt" : "ob3-ldp",
            .issued_at = mc_http_credential_issued_at(doc),
        };
        rc = mc_store_imported_credential_put(s, &c, &created, e);
        if (rc)
            goto out;
    }
    mc_http_response_header(res, "Cache-Control", "no-store");
    res->status = created ? 201 : 200;
    res->content_type = is_jwt ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
    rc = mc_buf_append(&res->body, body, len);
out:
    mc_store_pool_release(req->pool, s);
    mc_report_free(&r);
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_ob3_credentials_upsert = {
    .method = "POST",
    .pattern = MC_OB3_BASE "/credentials",
    .kind = MC_HTTP_API,
    .handler = ob3_upsert,
};
