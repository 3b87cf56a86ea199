/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /api/v1/record?issuer=SLUG: the signed-in learner's record as a signed CLR 2.0
 * ClrCredential (app/records.h): every active credential issued to them here, each with its own
 * proof, and how their achievements stack. It is signed by organisation SLUG, which must have
 * issued the learner an active credential itself: a learner asks a provider they studied with
 * to vouch for their record, not any organisation. Served as a download.
 */
#include <string.h>

#include "app/auth.h"
#include "app/records.h"
#include "http/resources.h"

#define HELD_MAX 1000

/* Whether organisation `org_id` issued the learner a credential that is active now. */
static enum mc_rc issued_by(struct mc_store *s, struct mc_arena *a, int64_t user_id, int64_t org_id,
                            bool *yes, struct mc_err *e)
{
    struct mc_credential_summary *list = NULL;
    size_t n = 0;
    *yes = false;
    enum mc_rc rc = mc_store_credential_list_for_user(s, user_id, HELD_MAX, a, &list, &n, e);
    for (size_t i = 0; !rc && i < n && !*yes; i++)
        *yes = list[i].issuer_org_id == org_id && !list[i].is_imported &&
               strcmp(list[i].status, "active") == 0;
    return rc;
}

static enum mc_rc api_record(struct mc_http_request *req, struct mc_http_response *res,
                             struct mc_err *e)
{
    static const char *const allowed[] = { "issuer", NULL };
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, allowed))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_PROFILE_READ);
    if (!p)
        return MC_OK;
    const char *slug = mc_http_query_get(&req->query, "issuer");
    if (!slug || !*slug)
        return mc_http_reply_error(res, 400, "invalid_parameter",
                                   "give issuer=SLUG, an organisation that issued you a "
                                   "credential, to sign the record",
                                   "issuer");
    const struct mc_master_key *mk = mc_http_master_key(req, res);
    if (!mk)
        return MC_OK;
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_org org;
    bool may = false;
    json_t *clr = NULL;
    enum mc_rc rc = mc_store_org_get(s, slug, req->arena, &org, &err);
    if (rc == MC_ERR_NOT_FOUND || rc == MC_ERR_INVALID) {
        rc = mc_http_reply_error(res, 404, "not_found",
                                 mc_arena_printf(req->arena, "no organisation '%.100s'", slug),
                                 "issuer");
        goto out;
    }
    if (!rc)
        rc = issued_by(s, req->arena, p->user_id, org.id, &may, &err);
    if (rc)
        goto fail;
    if (!may) {
        rc = mc_http_reply_error(res, 403, "forbidden",
                                 mc_arena_printf(req->arena,
                                                 "%s has issued you no active credential, so it "
                                                 "cannot sign your record",
                                                 org.name),
                                 "issuer");
        goto out;
    }
    struct mc_issuer_env env;
    mc_http_issuer_env(req, mk, s, &env);
    rc = mc_records_export_clr(&env, p->user_id, org.id, &clr, &err);
    if (rc)
        goto fail;
    mc_http_response_header(res, "Cache-Control", "no-store");
    mc_http_response_header(
            res, "Content-Disposition",
            mc_arena_printf(req->arena, "attachment; filename=\"record-%s.json\"", org.slug));
    rc = mc_http_reply_json(res, 200, clr);
    goto out;
fail:
    rc = mc_http_reply_rc(res, rc, &err, e);
out:
    mc_store_pool_release(req->pool, s);
    json_decref(clr);
    return rc;
}

const struct mc_http_route mc_route_api_record = {
    .method = "GET",
    .pattern = "/api/v1/record",
    .kind = MC_HTTP_API,
    .handler = api_record,
};
