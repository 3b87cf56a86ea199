/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /api/v1/talent?skills=a,b[&verified=false][&limit=N]: employers search learners by skill.
 * Only learners who opted in to employer search are ever found; by default every skill must be
 * backed by an active credential (verified=false also counts skills learners declared). Needs
 * learners:read and the employer role (or any issuer role) in an organisation. The search page
 * (page-talent.c) asks the same question through mc_http_talent_query.
 */
#include <string.h>

#include "app/auth.h"
#include "base/time.h"
#include "http/resources.h"

/* Skill slugs of a comma- or space-separated list as ids; false after refusing. */
static bool skill_ids(struct mc_http_request *req, struct mc_store *s, const char *list,
                      int64_t *ids, size_t max, size_t *n, struct mc_http_answer *out)
{
    *n = 0;
    char *copy = mc_arena_strdup(req->arena, list), *save = NULL;
    for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
        struct mc_skill k;
        if (*n == max) {
            mc_http_refuse(out, 400, "too many skills", "skills");
            return false;
        }
        if (mc_store_skill_get(s, tok, req->arena, &k, NULL)) {
            mc_http_refuse(out, 400, mc_arena_printf(req->arena, "unknown skill '%.100s'", tok),
                           "skills");
            return false;
        }
        ids[(*n)++] = k.id;
    }
    if (!*n) {
        mc_http_refuse(out, 400, "give skills=a,b,c", "skills");
        return false;
    }
    return true;
}

enum mc_rc mc_http_talent_query(struct mc_http_request *req, const char *skills,
                                struct mc_http_answer *out, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    const char *verified = mc_http_query_get(&req->query, "verified");
    if (verified && strcmp(verified, "true") != 0 && strcmp(verified, "false") != 0) {
        return mc_http_refuse(out, 400, "verified is true or false", "verified");
    }
    bool verified_only = !verified || strcmp(verified, "true") == 0;
    int64_t limit = 50;
    const char *lim = mc_http_query_get(&req->query, "limit");
    if (lim && mc_str_to_i64(mc_str_z(lim), 1, 200, &limit, "limit", NULL)) {
        return mc_http_refuse(out, 400, "limit is 1..200", "limit");
    }
    if (!skills)
        skills = mc_http_query_get(&req->query, "skills");
    if (!skills) {
        return mc_http_refuse(out, 400, "give skills=a,b,c", "skills");
    }
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    int64_t ids[MC_TALENT_SKILLS_MAX];
    size_t n = 0;
    struct mc_talent *found = NULL;
    size_t nf = 0;
    struct mc_err err;
    mc_err_clear(&err);
    enum mc_rc rc = MC_OK;
    if (skill_ids(req, s, skills, ids, MC_TALENT_SKILLS_MAX, &n, out))
        rc = mc_store_talent_search(s, ids, n, verified_only, mc_time_now(), limit, req->arena,
                                    &found, &nf, &err);
    mc_store_pool_release(req->pool, s);
    if (rc)
        return mc_err_set(e, rc, "talent search: %s", err.msg);
    if (out->status)
        return MC_OK;
    json_t *items = json_array();
    for (size_t i = 0; i < nf; i++) {
        json_t *o = json_pack("{s:s, s:s?, s:I, s:I, s:I}", "name", found[i].name, "handle",
                              found[i].handle, "verified_skills", (json_int_t)found[i].n_verified,
                              "declared_skills", (json_int_t)found[i].n_declared, "credentials",
                              (json_int_t)found[i].credentials);
        if (found[i].handle)
            json_object_set_new(o, "profile",
                                json_string(mc_arena_printf(req->arena, "%s/u/%s", req->base_url,
                                                            found[i].handle)));
        json_array_append_new(items, o);
    }
    out->doc = json_pack("{s:o, s:b}", "items", items, "verified_only", verified_only);
    out->status = 200;
    return MC_OK;
}

bool mc_http_talent_api_gate(struct mc_http_request *req, struct mc_http_response *res,
                             const char *const *allowed, const char *refusal)
{
    if (!mc_http_api_query_ok(req, res, allowed))
        return false;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_LEARNERS_READ);
    if (!p)
        return false;
    struct mc_err err;
    if (mc_authz_require(p, 0, MC_HTTP_TALENT_SEARCHERS, 0, &err)) {
        mc_http_reply_error(res, 403, "forbidden", refusal, NULL);
        return false;
    }
    return true;
}

bool mc_http_talent_page_gate(struct mc_http_request *req, struct mc_http_response *res,
                              const char *const *allowed, const char *refusal, enum mc_rc *rc,
                              struct mc_err *e)
{
    if (!mc_http_page_query_ok(req, res, allowed, rc))
        return false;
    const struct mc_principal *p = NULL;
    *rc = mc_http_page_signed_in(req, res, &p, e);
    if (*rc || !p)
        return false;
    struct mc_err err;
    if (mc_authz_require(p, 0, MC_HTTP_TALENT_SEARCHERS, 0, &err)) {
        *rc = mc_http_reply_error_page(req, res, 403, "Not for this account", refusal);
        return false;
    }
    return true;
}

static enum mc_rc api_talent(struct mc_http_request *req, struct mc_http_response *res,
                             struct mc_err *e)
{
    static const char *const allowed[] = { "skills", "verified", "limit", NULL };
    if (!mc_http_talent_api_gate(req, res, allowed,
                                 "searching learners needs the employer role in an organisation"))
        return MC_OK;
    struct mc_http_answer a;
    enum mc_rc rc = mc_http_talent_query(req, NULL, &a, e);
    if (rc)
        return rc;
    return mc_http_reply_answer(res, &a);
}

const struct mc_http_route mc_route_api_talent = {
    .method = "GET",
    .pattern = "/api/v1/talent",
    .kind = MC_HTTP_API,
    .handler = api_talent,
};
