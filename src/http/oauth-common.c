/* SPDX-License-Identifier: Apache-2.0 */
/* What the OAuth endpoints and the Open Badges API share: error documents, tokens, sessions,
 * form bodies, client authentication, redirect URLs. */
#include <string.h>
#include <strings.h>

#include "base/base64.h"
#include "base/time.h"
#include "http/oauth-http.h"
#include "http/query.h"

/* --- the Open Badges 3.0 API --- */

enum mc_rc mc_ob3_reply_status(struct mc_http_response *res, int status, const char *minor,
                               const char *description)
{
    json_t *doc = json_pack("{s:s, s:s}", "imsx_codeMajor", "failure", "imsx_severity", "error");
    json_t *d = json_string(description ? description : mc_http_reason(status));
    json_object_set_new(doc, "imsx_description", d ? d : json_string(mc_http_reason(status)));
    if (minor)
        json_object_set_new(doc, "imsx_codeMinor",
                            json_pack("{s:[{s:s, s:s}]}", "imsx_codeMinorField",
                                      "imsx_codeMinorFieldName", "TargetEndSystem",
                                      "imsx_codeMinorFieldValue", minor));
    enum mc_rc rc = mc_http_reply_json(res, status, doc);
    json_decref(doc);
    return rc;
}

/* The token of "Authorization: Bearer <token>" (RFC 6750 §2.1), or NULL. */
static const char *bearer_token(const struct mc_http_request *req)
{
    const char *h = mc_http_header(req, "Authorization");
    if (!h || strncasecmp(h, "Bearer ", 7) != 0)
        return NULL;
    h += 7;
    while (*h == ' ')
        h++;
    return *h ? h : NULL;
}

enum mc_rc mc_ob3_principal(struct mc_http_request *req, struct mc_http_response *res,
                            struct mc_store *s, uint32_t scope, struct mc_principal *p, bool *ok,
                            struct mc_err *e)
{
    *ok = false;
    memset(p, 0, sizeof *p);
    const char *token = bearer_token(req);
    if (!token) {
        mc_http_response_header(res, "WWW-Authenticate", "Bearer realm=\"Open Badges\"");
        return mc_ob3_reply_status(res, 401, "unauthorizedrequest",
                                   "this needs an access token: Authorization: Bearer <token>");
    }
    struct mc_err err;
    mc_err_clear(&err);
    enum mc_rc rc = mc_auth_token(s, token, strlen(token), mc_time_now(), req->arena, p, &err);
    if (rc == MC_ERR_AUTH) {
        mc_http_response_header(res, "WWW-Authenticate",
                                "Bearer realm=\"Open Badges\", error=\"invalid_token\"");
        return mc_ob3_reply_status(res, 401, "unauthorizedrequest", err.msg);
    }
    if (rc) {
        *e = err;
        return rc;
    }
    rc = mc_authz_require(p, 0, 0, scope, &err);
    if (rc == MC_ERR_FORBIDDEN || rc == MC_ERR_AUTH) {
        char *h = mc_arena_printf(req->arena,
                                  "Bearer realm=\"Open Badges\", error=\"insufficient_scope\", "
                                  "scope=\"%s\"",
                                  mc_scope_name(scope));
        mc_http_response_header(res, "WWW-Authenticate", h);
        return mc_ob3_reply_status(res, 403, "forbidden", err.msg);
    }
    if (rc) {
        *e = err;
        return rc;
    }
    *ok = true;
    return MC_OK;
}

/* --- OAuth --- */

void mc_oauth_no_store(struct mc_http_response *res)
{
    mc_http_response_header(res, "Cache-Control", "no-store");
    mc_http_response_header(res, "Pragma", "no-cache");
}

enum mc_rc mc_oauth_reply_error(struct mc_http_response *res, int status, enum mc_oauth_error err,
                                const char *description)
{
    json_t *doc = json_pack("{s:s}", "error", mc_oauth_error_name(err));
    json_t *d = description ? json_string(description) : NULL;
    if (d)
        json_object_set_new(doc, "error_description", d);
    mc_oauth_no_store(res);
    enum mc_rc rc = mc_http_reply_json(res, status, doc);
    json_decref(doc);
    return rc;
}

enum mc_rc mc_oauth_form(const struct mc_http_request *req, struct mc_http_query *out,
                         struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    const char *ct = mc_http_header(req, "Content-Type");
    size_t n = ct ? strcspn(ct, "; \t") : 0;
    if (!ct || n != 33 || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
        return mc_err_set(e, MC_ERR_UNSUPPORTED,
                          "the body must be application/x-www-form-urlencoded");
    return mc_http_query_parse(req->body, req->body_len, req->arena, out, e);
}

const char *mc_oauth_param(const struct mc_http_query *q, const char *name, bool *repeated)
{
    const char *v = NULL;
    for (size_t i = 0; i < q->count; i++) {
        if (strcmp(q->items[i].name, name) != 0)
            continue;
        if (v)
            *repeated = true;
        v = q->items[i].value;
    }
    return v && *v ? v : NULL;
}

/* The value of cookie `name` in the Cookie header (RFC 6265 §5.4), or NULL; arena. */
static const char *cookie(const struct mc_http_request *req, const char *name)
{
    const char *h = mc_http_header(req, "Cookie");
    size_t n = strlen(name);
    while (h && *h) {
        while (*h == ' ' || *h == ';')
            h++;
        size_t len = strcspn(h, ";");
        if (len > n && strncmp(h, name, n) == 0 && h[n] == '=')
            return mc_arena_memdupz(req->arena, h + n + 1, len - n - 1);
        h += len;
    }
    return NULL;
}

enum mc_rc mc_oauth_session(struct mc_http_request *req, struct mc_store *s, struct mc_principal *p,
                            bool *signed_in, struct mc_err *e)
{
    *signed_in = false;
    memset(p, 0, sizeof *p);
    const char *v = cookie(req, "__Host-" MC_AUTH_COOKIE_NAME);
    if (!v)
        v = cookie(req, MC_AUTH_COOKIE_NAME);
    if (!v || !*v)
        return MC_OK;
    struct mc_err err;
    mc_err_clear(&err);
    enum mc_rc rc = mc_auth_session(s, v, strlen(v), mc_time_now(), req->arena, p, &err);
    if (rc == MC_ERR_AUTH) {
        memset(p, 0, sizeof *p);
        return MC_OK;
    }
    if (rc) {
        *e = err;
        return rc;
    }
    *signed_in = true;
    return MC_OK;
}

/* client_id and client_secret from "Authorization: Basic", each form-urlencoded (§2.3.1). */
static bool basic_credentials(struct mc_http_request *req, const char **id, const char **secret)
{
    const char *h = mc_http_header(req, "Authorization");
    if (!h || strncasecmp(h, "Basic ", 6) != 0)
        return false;
    h += 6;
    while (*h == ' ')
        h++;
    struct mc_buf b;
    mc_buf_init(&b, 1024);
    struct mc_err e;
    bool ok = mc_b64_decode(&b, MC_B64_STD, h, strlen(h), &e) == MC_OK && b.len > 0;
    const char *colon = ok ? memchr(b.data, ':', b.len) : NULL;
    char *a = NULL, *c = NULL;
    size_t an = 0, cn = 0;
    ok = colon &&
         mc_http_percent_decode(b.data, (size_t)(colon - b.data), true, req->arena, "client_id", &a,
                                &an, &e) == MC_OK &&
         mc_http_percent_decode(colon + 1, b.len - (size_t)(colon - b.data) - 1, true, req->arena,
                                "client_secret", &c, &cn, &e) == MC_OK;
    mc_buf_free(&b);
    *id = ok ? a : "";
    *secret = ok ? c : "";
    return true;
}

enum mc_rc mc_oauth_http_client(struct mc_http_request *req, struct mc_http_response *res,
                                struct mc_store *s, const struct mc_http_query *form,
                                struct mc_oauth_client *client, bool *ok, struct mc_err *e)
{
    *ok = false;
    bool repeated = false;
    const char *id = mc_oauth_param(form, "client_id", &repeated);
    const char *secret = mc_oauth_param(form, "client_secret", &repeated);
    const char *bid = NULL, *bsecret = NULL;
    bool basic = basic_credentials(req, &bid, &bsecret);
    if (repeated)
        return mc_oauth_reply_error(res, 400, MC_OAUTH_INVALID_REQUEST,
                                    "client_id or client_secret is repeated");
    if (basic && secret)
        return mc_oauth_reply_error(res, 400, MC_OAUTH_INVALID_REQUEST,
                                    "use one way to authenticate the client: HTTP Basic or "
                                    "client_secret in the body, not both");
    if (basic) {
        if (id && strcmp(id, bid) != 0)
            return mc_oauth_reply_error(res, 400, MC_OAUTH_INVALID_REQUEST,
                                        "client_id differs from the one in Authorization");
        id = bid;
        secret = bsecret;
    }
    struct mc_err err;
    mc_err_clear(&err);
    enum mc_rc rc = mc_oauth_client_auth(s, id, secret, req->arena, client, &err);
    if (rc == MC_ERR_AUTH) {
        mc_http_response_header(res, "WWW-Authenticate", "Basic realm=\"oauth\"");
        return mc_oauth_reply_error(res, 401, MC_OAUTH_INVALID_CLIENT, err.msg);
    }
    if (rc) {
        *e = err;
        return rc;
    }
    *ok = true;
    return MC_OK;
}

char *mc_oauth_redirect_url(struct mc_arena *a, const char *uri, const char *const *names,
                            const char *const *values, size_t n)
{
    struct mc_buf b;
    mc_buf_init(&b, 16384);
    mc_buf_appendz(&b, uri);
    char sep = strchr(uri, '?') ? '&' : '?';
    for (size_t i = 0; i < n; i++) {
        if (!values[i])
            continue;
        mc_buf_putc(&b, sep);
        sep = '&';
        mc_http_url_encode(&b, names[i]);
        mc_buf_putc(&b, '=');
        mc_http_url_encode(&b, values[i]);
    }
    char *out = mc_arena_memdupz(a, b.data ? b.data : "", b.len);
    mc_buf_free(&b);
    return out;
}

void mc_oauth_authz_params(const struct mc_http_query *q, struct mc_oauth_authz_request *r,
                           bool *repeated)
{
    memset(r, 0, sizeof *r);
    r->response_type = mc_oauth_param(q, "response_type", repeated);
    r->client_id = mc_oauth_param(q, "client_id", repeated);
    r->redirect_uri = mc_oauth_param(q, "redirect_uri", repeated);
    r->scope = mc_oauth_param(q, "scope", repeated);
    r->state = mc_oauth_param(q, "state", repeated);
    r->code_challenge = mc_oauth_param(q, "code_challenge", repeated);
    r->code_challenge_method = mc_oauth_param(q, "code_challenge_method", repeated);
}

const char *mc_oauth_uri_host(struct mc_arena *a, const char *uri)
{
    const char *p = strstr(uri, "://");
    p = p ? p + 3 : uri;
    return mc_arena_memdupz(a, p, strcspn(p, "/?#"));
}
