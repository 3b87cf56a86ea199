/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/organisations/{slug}/roles: an organisation defines a job role of its own —
 * {"slug", "title", "description"?, "skills": ["sql", ...] or [{"skill": "sql", "level": 1..5},
 * ...]} (a bare slug is level 1). catalog:write and the owner, issuer-admin or employer role in
 * the organisation (another organisation is 404 as if it did not exist). 201 with the role and
 * its Location; 409 when the slug is taken; 400 naming the field (a JSON pointer) otherwise.
 */
#include <string.h>

#include "app/auth.h"
#include "http/resources.h"

#define MANAGERS \
    (MC_ROLE_BIT(MC_ROLE_OWNER) | MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN) | MC_ROLE_BIT(MC_ROLE_EMPLOYER))
#define TITLE_MAX       200
#define DESCRIPTION_MAX 4000

/* Answer 400 invalid_field naming `where` (a JSON pointer into the body); false. */
static bool bad(struct mc_http_response *res, const char *detail, const char *where)
{
    mc_http_reply_error(res, 400, "invalid_field", detail, where);
    return false;
}

/* One element of "skills" (`v`, at `ptr`) into `out`; false after answering 400. */
static bool parse_skill(struct mc_http_request *req, struct mc_http_response *res,
                        struct mc_store *s, const json_t *v, const char *ptr,
                        struct mc_job_role_skill *out)
{
    const char *slug = NULL;
    const char *slug_at = ptr;
    int64_t level = 1;
    if (json_is_string(v)) {
        slug = json_string_value(v);
    } else if (json_is_object(v)) {
        const char *key;
        const json_t *m;
        json_object_foreach ((json_t *)v, key, m) {
            if (strcmp(key, "skill") != 0 && strcmp(key, "level") != 0)
                return bad(res,
                           mc_arena_printf(req->arena,
                                           "unknown member '%.100s': a skill is {\"skill\", "
                                           "\"level\"}",
                                           key),
                           mc_arena_printf(req->arena, "%s/%.100s", ptr, key));
        }
        const json_t *k = json_object_get(v, "skill"), *l = json_object_get(v, "level");
        slug_at = mc_arena_printf(req->arena, "%s/skill", ptr);
        if (!json_is_string(k))
            return bad(res, "skill is required: a skill's slug", slug_at);
        slug = json_string_value(k);
        if (l && (!json_is_integer(l) || json_integer_value(l) < 1 || json_integer_value(l) > 5))
            return bad(res, "level is an integer from 1 to 5",
                       mc_arena_printf(req->arena, "%s/level", ptr));
        if (l)
            level = json_integer_value(l);
    } else {
        return bad(res, "a skill is its slug or {\"skill\": SLUG, \"level\": 1..5}", ptr);
    }
    struct mc_skill k;
    if (!*slug || mc_store_skill_get(s, slug, req->arena, &k, NULL))
        return bad(res, mc_arena_printf(req->arena, "unknown skill '%.100s'", slug), slug_at);
    *out = (struct mc_job_role_skill){ .skill_id = k.id, .level = (int)level };
    return true;
}

/* The body's "skills" into an arena array; false after answering 400. */
static bool parse_skills(struct mc_http_request *req, struct mc_http_response *res,
                         struct mc_store *s, const json_t *arr, struct mc_job_role_skill **out,
                         size_t *n)
{
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return bad(res,
                   "skills is required: a non-empty array of skill slugs or {\"skill\", "
                   "\"level\"} objects",
                   "/skills");
    size_t count = json_array_size(arr);
    if (count > MC_JOB_ROLE_SKILLS_MAX)
        return bad(res,
                   mc_arena_printf(req->arena, "a role lists at most %d skills, not %zu",
                                   MC_JOB_ROLE_SKILLS_MAX, count),
                   "/skills");
    struct mc_job_role_skill *list = mc_arena_calloc(req->arena, count, sizeof *list);
    for (size_t i = 0; i < count; i++) {
        const char *ptr = mc_arena_printf(req->arena, "/skills/%zu", i);
        if (!parse_skill(req, res, s, json_array_get(arr, i), ptr, &list[i]))
            return false;
        for (size_t j = 0; j < i; j++)
            if (list[j].skill_id == list[i].skill_id)
                return bad(res,
                           mc_arena_printf(req->arena,
                                           "this skill is listed twice (first at /skills/%zu)", j),
                           ptr);
    }
    *out = list;
    *n = count;
    return true;
}

static enum mc_rc api_role_add(struct mc_http_request *req, struct mc_http_response *res,
                               struct mc_err *e)
{
    static const char *const members[] = { "slug", "title", "description", "skills", NULL };
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_CATALOG_WRITE);
    if (!p)
        return MC_OK;
    json_t *body = mc_http_json_body(req, res);
    if (!body)
        return MC_OK;
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    enum mc_rc rc = MC_OK;
    struct mc_job_role r = { 0 };
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_json_known(res, body, members) ||
        !mc_http_json_string(res, body, "slug", &r.slug) ||
        !mc_http_json_string(res, body, "title", &r.title) ||
        !mc_http_json_string(res, body, "description", &r.description))
        goto out;
    r.org_id = mc_http_acting_org(req, res, s, p, mc_http_path_param(req, "slug"), MANAGERS, e);
    if (r.org_id <= 0) {
        rc = r.org_id < 0 ? MC_ERR_DB : MC_OK;
        goto out;
    }
    if (mc_store_slug_check(r.slug, "slug", &err)) {
        rc = mc_http_reply_error(res, 400, "invalid_field", err.msg, "/slug");
        goto out;
    }
    if (!r.title || strlen(r.title) > TITLE_MAX) {
        rc = mc_http_reply_error(res, 400, "invalid_field",
                                 r.title ? "title is at most 200 bytes" : "title is required",
                                 "/title");
        goto out;
    }
    if (r.description && strlen(r.description) > DESCRIPTION_MAX) {
        rc = mc_http_reply_error(res, 400, "invalid_field", "description is at most 4000 bytes",
                                 "/description");
        goto out;
    }
    struct mc_job_role_skill *skills = NULL;
    if (!parse_skills(req, res, s, json_object_get(body, "skills"), &skills, &r.n_skills))
        goto out;
    r.skills = skills;
    rc = mc_store_job_role_put(s, &r, &err);
    if (rc == MC_ERR_CONFLICT) {
        rc = mc_http_reply_error(res, 409, "conflict", err.msg, "/slug");
        goto out;
    }
    struct mc_job_role back;
    if (!rc)
        rc = mc_store_job_role_get(s, r.slug, req->arena, &back, &err);
    if (rc) {
        rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    json_t *doc = mc_http_job_role_json(req, &back);
    /* The header is borrowed until the response is sent: an arena copy, not the JSON's. */
    mc_http_response_header(
            res, "Location",
            mc_arena_strdup(req->arena, json_string_value(json_object_get(doc, "url"))));
    rc = mc_http_reply_json(res, 201, doc);
    json_decref(doc);
out:
    mc_store_pool_release(req->pool, s);
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_role_add = {
    .method = "POST",
    .pattern = "/api/v1/organisations/{slug}/roles",
    .kind = MC_HTTP_API,
    .handler = api_role_add,
};
