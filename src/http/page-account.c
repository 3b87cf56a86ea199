/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /account: who is signed in and their roles; as a learner, their progress toward every
 * stack they are on, their wallet (with the form that adds to it), their record as a signed CLR
 * from each provider that issued them a credential, and the way to plan what to learn next;
 * the sign-out form.
 */
#include <string.h>

#include "app/auth.h"
#include "app/stacking-awards.h"
#include "base/time.h"
#include "http/resources.h"

#define HELD_MAX 1000

/* The organisations that issued the learner an active credential, each once: who can sign
 * their record. */
static enum mc_rc record_issuers(struct mc_http_request *req, struct mc_store *s, int64_t user_id,
                                 json_t **out, struct mc_err *e)
{
    struct mc_credential_summary *list = NULL;
    size_t n = 0;
    *out = json_array();
    enum mc_rc rc =
            mc_store_credential_list_for_user(s, user_id, HELD_MAX, req->arena, &list, &n, e);
    for (size_t i = 0; !rc && i < n; i++) {
        if (list[i].is_imported || strcmp(list[i].status, "active") != 0 || !list[i].issuer_slug)
            continue;
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = list[k].issuer_org_id == list[i].issuer_org_id && !list[k].is_imported &&
                   strcmp(list[k].status, "active") == 0;
        if (!seen)
            json_array_append_new(*out, json_pack("{s:s, s:s?}", "slug", list[i].issuer_slug,
                                                  "name", list[i].issuer_name));
    }
    return rc;
}

static enum mc_rc page_account(struct mc_http_request *req, struct mc_http_response *res,
                               struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    enum mc_rc query_rc;
    if (!mc_http_page_query_ok(req, res, NULL, &query_rc))
        return query_rc;
    const struct mc_principal *p = NULL;
    enum mc_rc rc = mc_http_page_signed_in(req, res, &p, e);
    if (rc || !p)
        return rc;
    json_t *list = json_array();
    bool searcher = mc_authz_require(p, 0, MC_HTTP_TALENT_SEARCHERS, 0, &err) == MC_OK;
    mc_err_clear(&err);
    for (size_t i = 0; i < p->n_memberships; i++) {
        const struct mc_membership *m = &p->memberships[i];
        json_array_append_new(list, json_pack("{s:s?, s:s?, s:s}", "slug", m->org_slug, "name",
                                              m->org_name, "role", mc_role_name(m->role)));
    }

    struct mc_store *s = mc_store_pool_acquire(req->pool);
    json_t *items = NULL, *wallet = NULL, *issuers = NULL;
    rc = mc_stacking_progress_all(s, p->user_id, mc_time_now(), &items, &err);
    if (!rc)
        rc = mc_http_wallet_list(req, s, p->user_id, &wallet, &err);
    if (!rc)
        rc = record_issuers(req, s, p->user_id, &issuers, &err);
    json_t *stacks = rc ? NULL : mc_http_stack_view(s, req->arena, items);
    mc_store_pool_release(req->pool, s);
    if (rc) {
        json_decref(list);
        json_decref(items);
        json_decref(wallet);
        json_decref(issuers);
        return mc_err_set(e, rc, "the account page: %s", err.msg);
    }
    json_decref(items);

    json_t *ctx = json_pack(
            "{s:s, s:s?, s:s?, s:b, s:b, s:o, s:s?, s:o, s:b, s:o, s:b, s:o, s:b, s:b}", "title",
            "Your account", "name", p->name, "email", p->email, "admin", p->is_platform_admin,
            "has_memberships", p->n_memberships > 0, "memberships", list, "csrf", p->csrf, "stacks",
            stacks, "has_stacks", json_array_size(stacks) > 0, "wallet", wallet, "has_wallet",
            json_array_size(wallet) > 0, "record_issuers", issuers, "has_record",
            json_array_size(issuers) > 0, "searcher", searcher);
    if (!ctx)
        return mc_err_set(e, MC_ERR_INTERNAL, "the account page's context could not be built");
    mc_http_response_header(res, "Cache-Control", "no-store");
    rc = mc_http_reply_page(req, res, 200, "account.html", ctx, e);
    json_decref(ctx);
    return rc;
}

const struct mc_http_route mc_route_page_account = {
    .method = "GET",
    .pattern = "/account",
    .kind = MC_HTTP_PAGE,
    .handler = page_account,
};
