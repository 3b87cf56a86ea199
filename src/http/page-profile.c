/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /u/{handle}: a learner's public profile, when the learner opted in — who they are and the
 * credentials they hold, each linking to its verifying page. A profile that is private, or no
 * profile at all, answers the same 404, so a handle says nothing about a person who did not opt
 * in. JSON for machines (Accept: application/json), a page for people.
 */
#include <string.h>

#include "base/time.h"
#include "http/resources.h"
#include "store/store.h"

static const char *const offers[] = { "text/html", "application/json", NULL };

#define MAX_LISTED 200

static json_t *credential_json(const struct mc_http_request *req,
                               const struct mc_credential_summary *c)
{
    char issued[MC_TIME_RFC3339_SIZE], until[MC_TIME_RFC3339_SIZE];
    mc_time_format_rfc3339(c->issued_at, issued);
    const char *uuid = strncmp(c->id, "urn:uuid:", 9) == 0 ? c->id + 9 : c->id;
    json_t *o = json_pack("{s:s, s:s?, s:s?, s:s?, s:s, s:s, s:b, s:s}", "id", c->id, "name",
                          c->name, "issuer", c->issuer_name, "issuer_slug", c->issuer_slug,
                          "issued", issued, "status", c->status, "imported", c->is_imported, "url",
                          mc_arena_printf(req->arena, "%s/credentials/%s", req->base_url, uuid));
    if (c->valid_until) {
        mc_time_format_rfc3339(c->valid_until, until);
        json_object_set_new(o, "expires", json_string(until));
    }
    json_object_set_new(o, "active", json_boolean(strcmp(c->status, "active") == 0));
    return o;
}

static enum mc_rc page_profile(struct mc_http_request *req, struct mc_http_response *res,
                               struct mc_err *e)
{
    int offer = mc_http_negotiate(req, offers);
    bool json = offer == 1;
    if (offer < 0)
        return mc_http_reply_error(res, 406, "not_acceptable",
                                   "a profile is available as text/html or application/json",
                                   "Accept");
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    const char *handle = mc_http_path_param(req, "handle");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_learner_profile p;
    struct mc_err err;
    mc_err_clear(&err);
    enum mc_rc rc = mc_store_profile_get(s, handle, req->arena, &p, &err);
    if (rc == MC_ERR_NOT_FOUND || rc == MC_ERR_INVALID || (!rc && !p.public_profile)) {
        mc_store_pool_release(req->pool, s);
        return json ? mc_http_reply_error(res, 404, "not_found", "there is no public profile here",
                                          NULL)
                    : mc_http_reply_error_page(req, res, 404, "No such profile",
                                               "There is no public profile at this address.");
    }
    struct mc_credential_summary *items = NULL;
    size_t n = 0;
    if (!rc)
        rc = mc_store_credential_list_for_user(s, p.user_id, MAX_LISTED, req->arena, &items, &n,
                                               &err);
    mc_store_pool_release(req->pool, s);
    if (rc)
        return mc_err_set(e, rc, "profile %s: %s", handle, err.msg);

    json_t *creds = json_array();
    size_t active = 0;
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(creds, credential_json(req, &items[i]));
        active += strcmp(items[i].status, "active") == 0;
    }
    json_t *ctx = json_pack("{s:s, s:s?, s:s?, s:o, s:I, s:b}", "handle", p.handle, "name", p.name,
                            "headline", p.headline, "credentials", creds, "active",
                            (json_int_t)active, "has_credentials", n > 0);
    mc_http_response_header(res, "Vary", "Accept");
    mc_http_response_header(res, "Cache-Control", "no-cache");
    if (json) {
        json_object_del(ctx, "has_credentials");
        rc = mc_http_reply_json(res, 200, ctx);
    } else {
        json_object_set_new(ctx, "title", json_string(p.name ? p.name : p.handle));
        rc = mc_http_reply_page(req, res, 200, "profile.html", ctx, e);
    }
    json_decref(ctx);
    return rc;
}

const struct mc_http_route mc_route_page_profile = {
    .method = "GET",
    .pattern = "/u/{handle}",
    .kind = MC_HTTP_PAGE,
    .handler = page_profile,
};
