/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /oauth/authorize: the authorization endpoint (RFC 6749 §4.1.1, PKCE RFC 7636 §4.3). A
 * request that names an unknown client or redirect URI is shown to the person as an error and
 * never redirected; other errors go back to the client's redirect URI with the state. Someone
 * not signed in is sent to /login?next=... and comes back here; someone signed in sees the
 * consent page, whose form posts to POST /oauth/authorize.
 */
#include <string.h>

#include "http/oauth-http.h"
#include "http/query.h"
#include "http/resources.h"

/* What each scope lets the client do, in the words the consent page uses. */
static const struct {
    uint32_t scope;
    const char *text;
} scope_texts[] = {
    { MC_SCOPE_OB_CREDENTIAL_READONLY, "see your credentials" },
    { MC_SCOPE_OB_CREDENTIAL_UPSERT, "add credentials to your record, or replace them" },
    { MC_SCOPE_OB_PROFILE_READONLY, "see your profile: your name and email address" },
    { MC_SCOPE_OB_PROFILE_UPDATE, "change your profile" },
};

/* Send the person to the sign-in page, to come back to this very request. */
static enum mc_rc to_login(struct mc_http_request *req, struct mc_http_response *res)
{
    struct mc_buf b;
    mc_buf_init(&b, 16384);
    mc_buf_appendz(&b, "/login?next=");
    char *back = mc_arena_printf(req->arena, "%s%s%s", req->path, req->raw_query[0] ? "?" : "",
                                 req->raw_query);
    mc_http_url_encode(&b, back);
    char *loc = mc_arena_memdupz(req->arena, b.data, b.len);
    mc_buf_free(&b);
    res->status = 302;
    mc_http_response_header(res, "Location", loc);
    mc_http_response_header(res, "Cache-Control", "no-store");
    return MC_OK;
}

static enum mc_rc consent_page(struct mc_http_request *req, struct mc_http_response *res,
                               const struct mc_principal *p, const struct mc_oauth_authz *az,
                               const struct mc_oauth_authz_request *r, struct mc_err *e)
{
    json_t *ctx = json_object();
    json_t *c = json_object();
    json_object_set_new(ctx, "title", json_string("Allow access"));
    json_object_set_new(c, "client_name", json_string(az->client.name));
    json_t *meta = json_loads(az->client.metadata, 0, NULL);
    const char *client_uri = json_string_value(json_object_get(meta, "client_uri"));
    if (client_uri)
        json_object_set_new(c, "client_uri", json_string(client_uri));
    json_decref(meta);
    json_object_set_new(c, "user_name", json_string(p->name ? p->name : ""));
    json_object_set_new(c, "user_email", json_string(p->email ? p->email : ""));
    json_object_set_new(c, "redirect_host",
                        json_string(mc_oauth_uri_host(req->arena, az->redirect_uri)));
    json_object_set_new(c, "csrf_token", json_string(p->csrf ? p->csrf : ""));
    json_t *scopes = json_array();
    for (size_t i = 0; i < sizeof scope_texts / sizeof scope_texts[0]; i++)
        if (az->scopes & scope_texts[i].scope)
            json_array_append_new(scopes, json_pack("{s:s, s:s}", "text", scope_texts[i].text,
                                                    "name", mc_scope_name(scope_texts[i].scope)));
    json_object_set_new(c, "scopes", scopes);
    /* The request goes back with the decision, checked again then. */
    const char *names[] = { "response_type", "client_id",      "redirect_uri",         "scope",
                            "state",         "code_challenge", "code_challenge_method" };
    const char *values[] = { r->response_type,
                             r->client_id,
                             r->redirect_uri,
                             mc_scope_format(az->scopes, req->arena),
                             r->state,
                             r->code_challenge,
                             r->code_challenge_method };
    json_t *fields = json_array();
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        json_t *v = values[i] ? json_string(values[i]) : NULL;
        if (v)
            json_array_append_new(fields, json_pack("{s:s, s:o}", "name", names[i], "value", v));
    }
    json_object_set_new(c, "fields", fields);
    json_object_set_new(ctx, "consent", c);
    mc_http_response_header(res, "Cache-Control", "no-store");
    enum mc_rc rc = mc_http_reply_page(req, res, 200, "consent.html", ctx, e);
    json_decref(ctx);
    return rc;
}

static enum mc_rc oauth_authorize(struct mc_http_request *req, struct mc_http_response *res,
                                  struct mc_err *e)
{
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    struct mc_oauth_authz_request r;
    bool repeated = false;
    mc_oauth_authz_params(&req->query, &r, &repeated);
    struct mc_err err;
    mc_err_clear(&err);
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_oauth_authz az;
    bool can_redirect = false;
    enum mc_oauth_error oerr = MC_OAUTH_OK;
    enum mc_rc rc = mc_oauth_authorize_check(s, &r, req->arena, &az, &can_redirect, &oerr, &err);
    if (!rc && repeated) {
        rc = MC_ERR_INVALID;
        oerr = MC_OAUTH_INVALID_REQUEST;
        mc_err_set(&err, rc, "a parameter of the request is repeated");
    }
    if (rc == MC_ERR_INVALID && !can_redirect) {
        mc_store_pool_release(req->pool, s);
        return mc_http_reply_error_page(req, res, 400, "This sign-in link is not valid", err.msg);
    }
    if (rc == MC_ERR_INVALID) {
        mc_store_pool_release(req->pool, s);
        const char *names[] = { "error", "error_description", "state" };
        const char *values[] = { mc_oauth_error_name(oerr), err.msg, r.state };
        res->status = 302;
        mc_http_response_header(
                res, "Location",
                mc_oauth_redirect_url(req->arena, az.redirect_uri, names, values, 3));
        return MC_OK;
    }
    if (rc) {
        mc_store_pool_release(req->pool, s);
        *e = err;
        return rc;
    }
    struct mc_principal p;
    bool signed_in = false;
    rc = mc_oauth_session(req, s, &p, &signed_in, e);
    mc_store_pool_release(req->pool, s);
    if (rc)
        return rc;
    if (!signed_in)
        return to_login(req, res);
    return consent_page(req, res, &p, &az, &r, e);
}

const struct mc_http_route mc_route_oauth_authorize = {
    .method = "GET",
    .pattern = "/oauth/authorize",
    .kind = MC_HTTP_PAGE,
    .handler = oauth_authorize,
};
