/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers the authenticated JSON API shares: bodies, typed members, errors, issuing context. */
#include <string.h>
#include <strings.h>

#include "app/auth.h"
#include "base/json.h"
#include "base/time.h"
#include "http/resources.h"

bool mc_http_is_json(const struct mc_http_request *req)
{
    const char *ct = mc_http_header(req, "Content-Type");
    if (!ct)
        return false;
    size_t n = strcspn(ct, "; \t");
    return (n == 16 && strncasecmp(ct, "application/json", 16) == 0) ||
           (n == 19 && strncasecmp(ct, "application/ld+json", 19) == 0);
}

json_t *mc_http_json_body(struct mc_http_request *req, struct mc_http_response *res)
{
    if (!mc_http_is_json(req)) {
        mc_http_reply_error(res, 415, "unsupported_media_type", "send the body as application/json",
                            "Content-Type");
        return NULL;
    }
    struct mc_err e;
    mc_err_clear(&e);
    json_t *doc = NULL;
    struct mc_json_limits lim = { req->body_len + 1, 64 };
    if (mc_json_parse(req->body, req->body_len, 0, &lim, &doc, &e)) {
        mc_http_reply_error(res, 400, "invalid_body", e.msg, "body");
        return NULL;
    }
    if (!json_is_object(doc)) {
        json_decref(doc);
        mc_http_reply_error(res, 400, "invalid_body", "the body must be a JSON object", "body");
        return NULL;
    }
    return doc;
}

bool mc_http_json_string(struct mc_http_response *res, const json_t *o, const char *name,
                         const char **out)
{
    const json_t *v = json_object_get(o, name);
    *out = NULL;
    if (!v || json_is_null(v))
        return true;
    if (!json_is_string(v)) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s must be a string", name);
        mc_http_reply_error(res, 400, "invalid_body", msg, name);
        return false;
    }
    *out = json_string_length(v) ? json_string_value(v) : NULL;
    return true;
}

bool mc_http_json_known(struct mc_http_response *res, const json_t *o, const char *const *allowed)
{
    const char *key;
    const json_t *v;
    json_object_foreach ((json_t *)o, key, v) {
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, key) == 0;
        if (!ok) {
            char msg[300];
            snprintf(msg, sizeof msg, "unknown member '%.100s' in the body", key);
            mc_http_reply_error(res, 400, "invalid_body", msg, key);
            return false;
        }
    }
    return true;
}

enum mc_rc mc_http_reply_rc(struct mc_http_response *res, enum mc_rc rc, const struct mc_err *err,
                            struct mc_err *e)
{
    const char *where = err->where[0] ? err->where : NULL;
    switch (rc) {
    case MC_ERR_INVALID: return mc_http_reply_error(res, 400, "invalid_field", err->msg, where);
    case MC_ERR_NOT_FOUND: return mc_http_reply_error(res, 404, "not_found", err->msg, where);
    case MC_ERR_CONFLICT: return mc_http_reply_error(res, 409, "conflict", err->msg, where);
    case MC_ERR_FORBIDDEN: return mc_http_reply_error(res, 403, "forbidden", err->msg, where);
    case MC_ERR_AUTH: return mc_http_reply_error(res, 401, "unauthorized", err->msg, where);
    case MC_ERR_TOO_LARGE: return mc_http_reply_error(res, 413, "body_too_large", err->msg, where);
    default: return mc_err_set(e, rc, "%s", err->msg);
    }
}

void mc_http_issuer_env(struct mc_http_request *req, const struct mc_master_key *mk,
                        struct mc_store *s, struct mc_issuer_env *env)
{
    memset(env, 0, sizeof *env);
    env->store = s;
    env->master_key = mk;
    env->public_url = req->base_url;
    env->di = mc_http_di();
}

const char *mc_http_credential_id(struct mc_http_request *req, const char *uuid)
{
    /* 8-4-4-4-12 hexadecimal digits, lower case as the platform writes them. */
    if (!uuid || strlen(uuid) != 36)
        return NULL;
    for (size_t i = 0; i < 36; i++) {
        char c = uuid[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return NULL;
    }
    return mc_arena_printf(req->arena, "urn:uuid:%s", uuid);
}

json_t *mc_http_credential_json(const struct mc_http_request *req,
                                const struct mc_credential_row *c)
{
    char issued[MC_TIME_RFC3339_SIZE], changed[MC_TIME_RFC3339_SIZE];
    mc_time_format_rfc3339(c->issued_at, issued);
    const char *uuid = strncmp(c->id, "urn:uuid:", 9) == 0 ? c->id + 9 : c->id;
    json_t *o =
            json_pack("{s:s, s:s, s:s?, s:i, s:s, s:s?, s:s?, s:s}", "id", c->id, "url",
                      mc_arena_printf(req->arena, "%s/credentials/%s", req->base_url, uuid),
                      "achievement", c->search_name, "achievement_version", c->achievement_version,
                      "status", c->status ? c->status : "active", "recipient_name",
                      c->recipient_name, "recipient_did", c->recipient_did, "issued_at", issued);
    if (!o)
        return json_pack("{s:s}", "id", c->id);
    if (c->status_changed_at) {
        mc_time_format_rfc3339(c->status_changed_at, changed);
        json_object_set_new(o, "status_changed_at", json_string(changed));
        json_t *why = c->status_reason ? json_string(c->status_reason) : NULL;
        if (why)
            json_object_set_new(o, "status_reason", why);
    }
    return o;
}

enum mc_rc mc_http_credential_lookup(struct mc_http_request *req, struct mc_http_response *res,
                                     struct mc_store *s, const struct mc_principal *p,
                                     struct mc_credential_row *row, bool *answered,
                                     struct mc_err *e)
{
    *answered = false;
    const char *uuid = mc_http_path_param(req, "uuid");
    const char *id = mc_http_credential_id(req, uuid);
    struct mc_err err;
    mc_err_clear(&err);
    enum mc_rc rc = id ? mc_store_credential_get(s, id, req->arena, row, &err) : MC_ERR_NOT_FOUND;
    if (rc && rc != MC_ERR_NOT_FOUND)
        return mc_err_set(e, rc, "%s", err.msg);
    /* One answer for "no such credential" and "another organisation's". */
    if (rc || !mc_http_can_act(p, row->issuer_org_id, MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN))) {
        *answered = true;
        return mc_http_reply_error(res, 404, "not_found",
                                   mc_arena_printf(req->arena,
                                                   "there is no credential %.60s you can act for",
                                                   uuid ? uuid : ""),
                                   "uuid");
    }
    return MC_OK;
}

int64_t mc_http_acting_org(struct mc_http_request *req, struct mc_http_response *res,
                           struct mc_store *s, const struct mc_principal *p, const char *slug,
                           uint32_t role_mask, struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    if (slug) {
        struct mc_org org;
        enum mc_rc rc = mc_store_org_get(s, slug, req->arena, &org, &err);
        if (rc && rc != MC_ERR_NOT_FOUND && rc != MC_ERR_INVALID) {
            mc_err_set(e, rc, "%s", err.msg);
            return -1;
        }
        if (rc || !mc_http_can_act(p, org.id, role_mask)) {
            mc_http_reply_error(res, 404, "not_found",
                                mc_arena_printf(req->arena,
                                                "there is no organisation %.100s you can act for",
                                                slug),
                                "org");
            return 0;
        }
        return org.id;
    }
    if (p->org_id)
        return p->org_id;
    /* Not named: the one organisation where the principal holds such a role. */
    int64_t found = 0;
    size_t n = 0;
    for (size_t i = 0; i < p->n_memberships; i++) {
        const struct mc_membership *m = &p->memberships[i];
        if ((mc_role_grants(m->role) & role_mask) && m->org_id != found) {
            found = m->org_id;
            n++;
        }
    }
    if (n == 1)
        return found;
    mc_http_reply_error(res, 400, "invalid_parameter",
                        n ? "you act for several organisations: name one with ?org=SLUG"
                          : "you hold no role that allows this in any organisation; a platform "
                            "administrator names one with ?org=SLUG",
                        "org");
    return 0;
}

enum mc_rc mc_http_achievement_lookup(struct mc_http_request *req, struct mc_http_response *res,
                                      struct mc_store *s, const struct mc_principal *p,
                                      const char *text, const char **slug, int *version,
                                      bool *answered, struct mc_err *e)
{
    *answered = false;
    *version = 0;
    if (!text) {
        *answered = true;
        return mc_http_reply_error(res, 400, "invalid_body",
                                   "achievement is required: its slug, or slug@version",
                                   "achievement");
    }
    char *sl = mc_arena_strdup(req->arena, text);
    char *at = strchr(sl, '@');
    if (at) {
        *at = '\0';
        int64_t v = 0;
        if (mc_str_to_i64(mc_str_z(at + 1), 1, 1000000, &v, "version", NULL)) {
            *answered = true;
            return mc_http_reply_error(res, 400, "invalid_field",
                                       "achievement is SLUG or SLUG@VERSION (a version from 1)",
                                       "achievement");
        }
        *version = (int)v;
    }
    struct mc_err err;
    mc_err_clear(&err);
    struct mc_achievement ach;
    enum mc_rc rc = mc_store_achievement_get(s, sl, *version, req->arena, &ach, &err);
    if (rc && rc != MC_ERR_NOT_FOUND && rc != MC_ERR_INVALID)
        return mc_err_set(e, rc, "%s", err.msg);
    if (rc || !mc_http_can_act(p, ach.issuer_org_id, MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN))) {
        *answered = true;
        return mc_http_reply_error(
                res, 404, "not_found",
                mc_arena_printf(req->arena, "there is no achievement %.100s you can issue", text),
                "achievement");
    }
    *slug = sl;
    return MC_OK;
}
