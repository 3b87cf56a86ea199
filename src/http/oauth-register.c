/* SPDX-License-Identifier: Apache-2.0 */
/* POST /oauth/register: dynamic client registration (RFC 7591), as the Open Badges 3.0 API
 * requires: no initial access token. */
#include <string.h>

#include "base/json.h"
#include "base/time.h"
#include "http/oauth-http.h"
#include "http/resources.h"

#define REDIRECT_URIS_MAX 10

/* An optional string member: `*out` NULL when absent; false when present but not a string. */
static bool opt_string(const json_t *doc, const char *key, const char **out)
{
    const json_t *v = json_object_get(doc, key);
    *out = json_string_value(v);
    return !v || json_is_string(v);
}

/* Every item of an optional array member is one of `allowed` (NULL-terminated). */
static bool only_values(const json_t *doc, const char *key, const char *const *allowed)
{
    const json_t *v = json_object_get(doc, key);
    if (!v)
        return true;
    if (!json_is_array(v) || json_array_size(v) == 0)
        return false;
    size_t i;
    const json_t *item;
    json_array_foreach (v, i, item) {
        const char *s = json_string_value(item);
        bool known = false;
        for (const char *const *a = allowed; s && *a; a++)
            known = known || strcmp(s, *a) == 0;
        if (!known)
            return false;
    }
    return true;
}

static enum mc_rc reply_bad(struct mc_http_response *res, enum mc_oauth_error err, const char *msg)
{
    return mc_oauth_reply_error(res, 400, err, msg);
}

static enum mc_rc oauth_register(struct mc_http_request *req, struct mc_http_response *res,
                                 struct mc_err *e)
{
    static const char *const grant_types[] = { "authorization_code", "refresh_token", NULL };
    static const char *const response_types[] = { "code", NULL };
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    const char *ct = mc_http_header(req, "Content-Type");
    if (!ct || strncmp(ct, "application/json", 16) != 0 || (ct[16] && ct[16] != ';'))
        return reply_bad(res, MC_OAUTH_INVALID_CLIENT_METADATA,
                         "send the client metadata as application/json (RFC 7591 §3.1)");
    json_t *doc = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    struct mc_json_limits lim = { req->body_len + 1, 16 };
    if (mc_json_parse(req->body, req->body_len, 0, &lim, &doc, &err) || !json_is_object(doc)) {
        json_decref(doc);
        return reply_bad(res, MC_OAUTH_INVALID_CLIENT_METADATA,
                         "the body must be a JSON object of client metadata");
    }
    struct mc_oauth_registration reg = { 0 };
    const char *uris[REDIRECT_URIS_MAX];
    const json_t *ru = json_object_get(doc, "redirect_uris");
    enum mc_rc rc = MC_OK;
    if (!json_is_array(ru) || json_array_size(ru) == 0 || json_array_size(ru) > REDIRECT_URIS_MAX) {
        rc = reply_bad(res, MC_OAUTH_INVALID_REDIRECT_URI,
                       "redirect_uris must be an array of 1 to 10 URIs");
        goto out;
    }
    for (size_t i = 0; i < json_array_size(ru); i++) {
        uris[i] = json_string_value(json_array_get(ru, i));
        if (!uris[i]) {
            rc = reply_bad(res, MC_OAUTH_INVALID_REDIRECT_URI, "redirect_uris must be strings");
            goto out;
        }
    }
    reg.redirect_uris = uris;
    reg.n_redirect_uris = json_array_size(ru);
    if (!opt_string(doc, "client_name", &reg.client_name) ||
        !opt_string(doc, "scope", &reg.scope) ||
        !opt_string(doc, "token_endpoint_auth_method", &reg.auth_method) ||
        !opt_string(doc, "client_uri", &reg.client_uri) ||
        !opt_string(doc, "logo_uri", &reg.logo_uri) || !opt_string(doc, "tos_uri", &reg.tos_uri) ||
        !opt_string(doc, "policy_uri", &reg.policy_uri) ||
        !opt_string(doc, "software_id", &reg.software_id) ||
        !opt_string(doc, "software_version", &reg.software_version)) {
        rc = reply_bad(res, MC_OAUTH_INVALID_CLIENT_METADATA,
                       "client_name, scope, token_endpoint_auth_method and the URIs must be "
                       "strings");
        goto out;
    }
    if (!only_values(doc, "grant_types", grant_types)) {
        rc = reply_bad(res, MC_OAUTH_INVALID_CLIENT_METADATA,
                       "grant_types may only be authorization_code and refresh_token");
        goto out;
    }
    if (!only_values(doc, "response_types", response_types)) {
        rc = reply_bad(res, MC_OAUTH_INVALID_CLIENT_METADATA, "response_types may only be code");
        goto out;
    }

    struct mc_oauth_registered out;
    enum mc_oauth_error oerr = MC_OAUTH_OK;
    int64_t now = mc_time_now();
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    rc = mc_oauth_register(s, &reg, now, req->arena, &out, &oerr, &err);
    mc_store_pool_release(req->pool, s);
    if (rc == MC_ERR_INVALID && oerr) {
        rc = reply_bad(res, oerr, err.msg);
        goto out;
    }
    if (rc) {
        *e = err;
        goto out;
    }
    json_t *answer = NULL;
    mc_json_parse(out.row.metadata, strlen(out.row.metadata), 0, NULL, &answer, NULL);
    if (!answer)
        answer = json_object();
    json_object_set_new(answer, "client_id", json_string(out.client_id));
    json_object_set_new(answer, "client_id_issued_at", json_integer(now));
    if (out.client_secret[0]) {
        json_object_set_new(answer, "client_secret", json_string(out.client_secret));
        json_object_set_new(answer, "client_secret_expires_at", json_integer(0));
    }
    mc_oauth_no_store(res);
    rc = mc_http_reply_json(res, 201, answer);
    json_decref(answer);
out:
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_oauth_register = {
    .method = "POST",
    .pattern = "/oauth/register",
    .kind = MC_HTTP_API,
    .handler = oauth_register,
};
