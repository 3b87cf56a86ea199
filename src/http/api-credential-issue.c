/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/credentials: issue one credential. {"achievement": "slug[@version]", "email" or
 * "did", "name", "result", "evidence_url", "issued_at", "idempotency_key"} (the key may come as
 * an Idempotency-Key header instead). 201 with the id, the page URL and the signed document;
 * 200 with the credential issued the first time when the key was used already. The caller must
 * be an issuer-admin (or owner) of the achievement's organisation, with credentials:issue.
 */
#include <string.h>

#include "app/auth.h"
#include "app/bulk-issue.h"
#include "base/json.h"
#include "http/resources.h"

static const char *const members[] = { "achievement", "email",           "did",
                                       "name",        "result",          "evidence_url",
                                       "issued_at",   "idempotency_key", NULL };

static enum mc_rc api_credential_issue(struct mc_http_request *req, struct mc_http_response *res,
                                       struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_CREDENTIALS_ISSUE);
    if (!p)
        return MC_OK;
    const struct mc_master_key *mk = mc_http_master_key(req, res);
    if (!mk)
        return MC_OK;
    json_t *body = mc_http_json_body(req, res);
    if (!body)
        return MC_OK;
    enum mc_rc rc = MC_OK;
    struct mc_store *s = NULL;
    json_t *doc = NULL;
    const char *ach = NULL;
    struct mc_bulk_row row;
    memset(&row, 0, sizeof row);
    if (!mc_http_json_known(res, body, members) ||
        !mc_http_json_string(res, body, "achievement", &ach) ||
        !mc_http_json_string(res, body, "email", &row.email) ||
        !mc_http_json_string(res, body, "did", &row.did) ||
        !mc_http_json_string(res, body, "name", &row.name) ||
        !mc_http_json_string(res, body, "result", &row.result) ||
        !mc_http_json_string(res, body, "evidence_url", &row.evidence_url) ||
        !mc_http_json_string(res, body, "issued_at", &row.issued_at) ||
        !mc_http_json_string(res, body, "idempotency_key", &row.idempotency_key))
        goto out;
    const char *hkey = mc_http_header(req, "Idempotency-Key");
    if (hkey && *hkey) {
        if (row.idempotency_key && strcmp(row.idempotency_key, hkey) != 0) {
            rc = mc_http_reply_error(res, 400, "invalid_field",
                                     "the Idempotency-Key header and idempotency_key differ",
                                     "Idempotency-Key");
            goto out;
        }
        row.idempotency_key = hkey;
    }
    if (!row.email && !row.did) {
        rc = mc_http_reply_error(res, 400, "invalid_body",
                                 "the recipient is required: email or did", "email");
        goto out;
    }
    s = mc_store_pool_acquire(req->pool);
    const char *slug = NULL;
    int version = 0;
    bool answered = false;
    rc = mc_http_achievement_lookup(req, res, s, p, ach, &slug, &version, &answered, e);
    if (rc || answered)
        goto out;
    struct mc_issuer_env env;
    mc_http_issuer_env(req, mk, s, &env);
    struct mc_issue_result out;
    rc = mc_store_begin(s, &err);
    if (!rc)
        rc = mc_bulk_issue_row_tx(&env, slug, version, &row, p->user_id, &out, &err);
    if (!rc)
        rc = mc_store_commit(s, &err);
    if (rc) {
        mc_store_rollback(s);
        if (rc == MC_ERR_NOT_FOUND)
            rc = mc_http_reply_error(res, 409, "issuer_not_ready", err.msg, NULL);
        else
            rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    struct mc_credential_row c;
    rc = mc_store_credential_get(s, out.id, req->arena, &c, &err);
    if (!rc)
        rc = mc_json_parse(c.document, strlen(c.document), 0, NULL, &doc, &err);
    if (rc) {
        rc = mc_err_set(e, rc, "%s", err.msg);
        goto out;
    }
    json_t *o = mc_http_credential_json(req, &c);
    json_object_set_new(o, "existing", json_boolean(out.existed));
    json_object_set(o, "credential", doc);
    if (!out.existed)
        mc_http_response_header(
                res, "Location",
                mc_arena_strdup(req->arena, json_string_value(json_object_get(o, "url"))));
    rc = mc_http_reply_json(res, out.existed ? 200 : 201, o);
    json_decref(o);
out:
    if (s)
        mc_store_pool_release(req->pool, s);
    json_decref(doc);
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_credential_issue = {
    .method = "POST",
    .pattern = "/api/v1/credentials",
    .kind = MC_HTTP_API,
    .handler = api_credential_issue,
};
