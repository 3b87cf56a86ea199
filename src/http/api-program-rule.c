/* SPDX-License-Identifier: Apache-2.0 */
/*
 * PUT /api/v1/programs/{slug}/rule: a provider sets what its program requires, as a stacking
 * rule (docs/internals/core.md, "Stacking rules"). The rule is checked against the catalog on
 * save — unknown achievements, programs or issuers and cycles through nested programs are a 400
 * naming the JSON pointer — and stored in its canonical form, which the answer gives back. The
 * body is the rule, or {"rule": <the rule>, "on_loss": "suspend" | "revoke"} to say what
 * happens to a learner's stacked credential when the rule stops holding for them (suspend, the
 * default, reinstates it when the rule holds again).
 * catalog:write and the issuer-admin role in the program's institution; another organisation's
 * program is 404 as if it did not exist.
 */
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "app/stacking-awards.h"
#include "http/resources.h"

static enum mc_rc api_program_rule(struct mc_http_request *req, struct mc_http_response *res,
                                   struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_CATALOG_WRITE);
    if (!p)
        return MC_OK;
    json_t *body = mc_http_json_body(req, res);
    if (!body)
        return MC_OK;
    const char *slug = mc_http_path_param(req, "slug");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_program prog;
    enum mc_rc rc = MC_OK;
    if (mc_store_program_get(s, slug, req->arena, &prog, NULL) ||
        !mc_http_can_act(p, prog.institution_org_id, MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN))) {
        rc = mc_http_reply_error(res, 404, "not_found", "no such program", NULL);
        goto out;
    }
    const json_t *rule = body;
    bool revoke = false;
    if (json_object_get(body, "rule")) {
        static const char *const members[] = { "rule", "on_loss", NULL };
        const char *on_loss = NULL;
        if (!mc_http_json_known(res, body, members) ||
            !mc_http_json_string(res, body, "on_loss", &on_loss))
            goto out;
        if (on_loss && strcmp(on_loss, "suspend") != 0 && strcmp(on_loss, "revoke") != 0) {
            rc = mc_http_reply_error(res, 400, "invalid_field", "on_loss is suspend or revoke",
                                     "on_loss");
            goto out;
        }
        revoke = on_loss && strcmp(on_loss, "revoke") == 0;
        rule = json_object_get(body, "rule");
    }
    char *text = json_dumps(rule, JSON_COMPACT);
    char *canonical = NULL;
    rc = mc_store_begin(s, &err);
    if (!rc)
        rc = mc_stacking_save_rule_tx(s, slug, text, strlen(text), revoke, &canonical, &err);
    if (!rc) {
        struct mc_audit_entry a = { .actor_user_id = p->user_id,
                                    .org_id = prog.institution_org_id,
                                    .action = "program.rule",
                                    .target_type = "program",
                                    .target_id = slug,
                                    .detail_json = canonical };
        rc = mc_store_audit_append(s, &a, &err);
    }
    if (!rc)
        rc = mc_store_commit(s, &err);
    free(text);
    if (rc) {
        mc_store_rollback(s);
        free(canonical);
        if (rc == MC_ERR_INVALID || rc == MC_ERR_TOO_LARGE)
            rc = mc_http_reply_error(res, 400, "invalid_rule", err.msg, err.where);
        else
            rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    json_t *doc =
            json_pack("{s:s, s:o, s:s}", "program", slug, "rule", json_loads(canonical, 0, NULL),
                      "on_loss", revoke ? "revoke" : "suspend");
    free(canonical);
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
out:
    mc_store_pool_release(req->pool, s);
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_program_rule = {
    .method = "PUT",
    .pattern = "/api/v1/programs/{slug}/rule",
    .kind = MC_HTTP_API,
    .handler = api_program_rule,
};
