/* SPDX-License-Identifier: Apache-2.0 */
/* Who a request acts as: bearer tokens and session cookies, CSRF, and the refusals' answers. */
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app/auth.h"
#include "http/http.h"
#include "http/multipart.h"
#include "http/query.h"
#include "http/resources.h"

/* Whether the public URL is https: then the cookie is Secure and carries the __Host- prefix,
 * which browsers accept only from a secure origin with Path=/ and no Domain. */
static bool over_https(const struct mc_http_request *req)
{
    return req->base_url && strncmp(req->base_url, "https://", 8) == 0;
}

const char *mc_http_cookie_name(const struct mc_http_request *req)
{
    return over_https(req) ? "__Host-" MC_AUTH_COOKIE_NAME : MC_AUTH_COOKIE_NAME;
}

void mc_http_set_session_cookie(struct mc_http_request *req, struct mc_http_response *res,
                                const char *token, int64_t expires_at)
{
    int64_t age = 0;
    if (token) {
        age = expires_at - (int64_t)time(NULL);
        if (age < 0)
            age = 0;
    }
    char *v = mc_arena_printf(req->arena, "%s=%s; HttpOnly; SameSite=Lax; Path=/; Max-Age=%lld%s",
                              mc_http_cookie_name(req), token ? token : "", (long long)age,
                              over_https(req) ? "; Secure" : "");
    mc_http_response_header(res, "Set-Cookie", v);
    mc_http_response_header(res, "Cache-Control", "no-store");
}

/* The value of cookie `name` in the Cookie header (RFC 6265 §5.4: "a=b; c=d"), or NULL. */
static const char *cookie_value(struct mc_http_request *req, const char *name, size_t *len)
{
    const char *h = mc_http_header(req, "Cookie");
    size_t nlen = strlen(name);
    while (h && *h) {
        while (*h == ' ' || *h == ';')
            h++;
        size_t pair = strcspn(h, ";");
        if (pair > nlen && strncmp(h, name, nlen) == 0 && h[nlen] == '=') {
            const char *v = h + nlen + 1;
            size_t vlen = pair - nlen - 1;
            while (vlen && v[vlen - 1] == ' ')
                vlen--;
            if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
                v++;
                vlen -= 2;
            }
            *len = vlen;
            return v;
        }
        h += pair;
    }
    return NULL;
}

const char *mc_http_form_field(struct mc_http_request *req, const char *name)
{
    const char *ct = mc_http_header(req, "Content-Type");
    struct mc_err e;
    mc_err_clear(&e);
    if (ct && strncasecmp(ct, "multipart/form-data", 19) == 0) {
        /* A form with a file upload: the field is a part of its own. */
        struct mc_multipart_part parts[MC_MULTIPART_MAX_PARTS];
        size_t n = 0;
        if (mc_multipart_parse(ct, req->body, req->body_len, req->arena, parts,
                               MC_MULTIPART_MAX_PARTS, &n, &e))
            return NULL;
        const struct mc_multipart_part *f = mc_multipart_find(parts, n, name);
        return f ? mc_arena_memdupz(req->arena, f->data, f->len) : NULL;
    }
    if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
        return NULL;
    struct mc_http_query q;
    if (mc_http_query_parse(req->body, req->body_len, req->arena, &q, &e))
        return NULL;
    return mc_http_query_get(&q, name);
}

enum mc_rc mc_http_principal(struct mc_http_request *req, const struct mc_principal **p)
{
    if (req->auth_done) {
        *p = req->principal;
        return req->auth_rc;
    }
    *p = NULL;
    struct mc_principal *out = mc_arena_calloc(req->arena, 1, sizeof *out);
    const char *authz = mc_http_header(req, "Authorization");
    size_t clen = 0;
    const char *cookie = cookie_value(req, mc_http_cookie_name(req), &clen);
    enum mc_rc rc = MC_ERR_AUTH;
    struct mc_err e;
    mc_err_clear(&e);
    if (authz || (cookie && clen)) {
        if (!req->pool)
            return MC_ERR_DB;
        struct mc_store *s = mc_store_pool_acquire(req->pool);
        int64_t now = (int64_t)time(NULL);
        if (authz) {
            if (strncasecmp(authz, "Bearer ", 7) == 0) {
                const char *t = authz + 7;
                while (*t == ' ')
                    t++;
                rc = mc_auth_token(s, t, strlen(t), now, req->arena, out, &e);
            } else {
                mc_err_set(&e, MC_ERR_AUTH, "the Authorization header must be 'Bearer mct_...'");
            }
        } else {
            rc = mc_auth_session(s, cookie, clen, now, req->arena, out, &e);
        }
        mc_store_pool_release(req->pool, s);
        if (rc == MC_ERR_AUTH)
            req->auth_error = mc_arena_strdup(req->arena, e.msg);
    }
    req->auth_done = rc == MC_OK || rc == MC_ERR_AUTH;
    req->auth_rc = rc;
    req->principal = rc ? NULL : out;
    *p = req->principal;
    return rc;
}

static bool state_changing(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
           strcmp(method, "OPTIONS") != 0;
}

const struct mc_principal *mc_http_authenticate(struct mc_http_request *req,
                                                struct mc_http_response *res, uint32_t scope)
{
    const struct mc_principal *p = NULL;
    enum mc_rc rc = mc_http_principal(req, &p);
    if (rc == MC_ERR_AUTH) {
        const char *why = req->auth_error ? req->auth_error : "nobody is signed in";
        char *msg = mc_arena_printf(req->arena,
                                    "%s: send 'Authorization: Bearer mct_...' with an API token, "
                                    "or sign in at /login or POST /api/v1/session",
                                    why);
        mc_http_reply_error(res, 401, "unauthorized", msg,
                            mc_http_header(req, "Authorization") ? "Authorization" : NULL);
        mc_http_response_header(res, "WWW-Authenticate",
                                req->auth_error ? "Bearer error=\"invalid_token\"" : "Bearer");
        return NULL;
    }
    if (rc) {
        mc_http_reply_error(res, 503, "unavailable",
                            "the service cannot reach its database; try again shortly", NULL);
        return NULL;
    }
    if (p->kind == MC_PRINCIPAL_SESSION && state_changing(req->method)) {
        const char *sent = mc_http_header(req, MC_AUTH_CSRF_HEADER);
        if (!sent)
            sent = mc_http_form_field(req, MC_AUTH_CSRF_FIELD);
        if (!mc_auth_csrf_check(p, sent, sent ? strlen(sent) : 0)) {
            mc_http_reply_error(res, 403, "csrf_failed",
                                sent ? "the CSRF token does not match this session's"
                                     : "a request signed in by a session cookie must send the "
                                       "session's CSRF token in the X-CSRF-Token header or the "
                                       "csrf_token form field",
                                MC_AUTH_CSRF_HEADER);
            return NULL;
        }
    }
    struct mc_err e;
    mc_err_clear(&e);
    if (scope && mc_authz_require(p, 0, 0, scope, &e)) {
        mc_http_reply_error(res, 403, "insufficient_scope", e.msg, "scope");
        mc_http_response_header(res, "WWW-Authenticate",
                                mc_arena_printf(req->arena,
                                                "Bearer error=\"insufficient_scope\", scope=\"%s\"",
                                                mc_scope_name(scope)));
        return NULL;
    }
    return p;
}

bool mc_http_can_act(const struct mc_principal *p, int64_t org_id, uint32_t role_mask)
{
    return p && mc_authz_require(p, org_id, role_mask, 0, NULL) == MC_OK;
}

int mc_http_login_status(struct mc_http_request *req, struct mc_http_response *res, enum mc_rc rc,
                         int64_t retry_after)
{
    switch (rc) {
    case MC_ERR_FORBIDDEN:
        mc_http_response_header(res, "Retry-After",
                                mc_arena_printf(req->arena, "%lld",
                                                (long long)(retry_after > 0 ? retry_after : 1)));
        return 429;
    case MC_ERR_TOO_LARGE: mc_http_response_header(res, "Retry-After", "1"); return 503;
    case MC_ERR_AUTH: return 401;
    case MC_ERR_INVALID: return 400;
    default: return 0;
    }
}

const char *mc_http_login_code(int status)
{
    switch (status) {
    case 429: return "too_many_attempts";
    case 503: return "busy";
    case 401: return "unauthorized";
    default: return "invalid_body";
    }
}

enum mc_rc mc_http_page_signed_in(struct mc_http_request *req, struct mc_http_response *res,
                                  const struct mc_principal **p, struct mc_err *e)
{
    enum mc_rc rc = mc_http_principal(req, p);
    if (rc == MC_ERR_AUTH) {
        *p = NULL;
        mc_http_response_header(res, "Location", "/login");
        mc_http_response_header(res, "Cache-Control", "no-store");
        return mc_http_reply_html(res, 303, "", 0);
    }
    if (rc)
        return mc_err_set(e, rc, "the session could not be read");
    return MC_OK;
}
