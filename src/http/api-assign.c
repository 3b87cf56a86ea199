/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/organisations/{slug}/assignments {"email", "program", "due"}: an organisation
 * assigns a program to one of its people (a member with the learner or employer role there).
 * learners:read and the owner, issuer-admin or employer role in the organisation; another
 * organisation is 404 as if it did not exist.
 */
#include <string.h>

#include "app/auth.h"
#include "base/time.h"
#include "http/resources.h"

#define MANAGERS \
    (MC_ROLE_BIT(MC_ROLE_OWNER) | MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN) | MC_ROLE_BIT(MC_ROLE_EMPLOYER))

static bool member_of(struct mc_store *s, struct mc_arena *arena, int64_t user_id, int64_t org_id)
{
    struct mc_membership *m = NULL;
    size_t n = 0;
    if (mc_store_membership_list(s, user_id, arena, &m, &n, NULL))
        return false;
    for (size_t i = 0; i < n; i++)
        if (m[i].org_id == org_id &&
            (m[i].role == MC_ROLE_LEARNER || m[i].role == MC_ROLE_EMPLOYER))
            return true;
    return false;
}

static enum mc_rc api_assign(struct mc_http_request *req, struct mc_http_response *res,
                             struct mc_err *e)
{
    static const char *const members[] = { "email", "program", "due", NULL };
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_LEARNERS_READ);
    if (!p)
        return MC_OK;
    json_t *body = mc_http_json_body(req, res);
    if (!body)
        return MC_OK;
    const char *email = NULL, *program = NULL, *due = NULL;
    enum mc_rc rc = MC_OK;
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    if (!mc_http_json_known(res, body, members) ||
        !mc_http_json_string(res, body, "email", &email) ||
        !mc_http_json_string(res, body, "program", &program) ||
        !mc_http_json_string(res, body, "due", &due))
        goto out;
    int64_t org = mc_http_acting_org(req, res, s, p, mc_http_path_param(req, "slug"), MANAGERS, e);
    if (org <= 0) {
        rc = org < 0 ? MC_ERR_DB : MC_OK;
        goto out;
    }
    if (!email || !program) {
        rc = mc_http_reply_error(res, 400, "invalid_field", "email and program are required",
                                 email ? "/program" : "/email");
        goto out;
    }
    struct mc_assignment a = { .org_id = org, .assigned_by_user_id = p->user_id };
    if (due) {
        int32_t ns = 0;
        if (mc_time_parse_rfc3339(due, strlen(due), &a.due_at, &ns, NULL) &&
            mc_time_parse_date(due, strlen(due), &a.due_at, NULL)) {
            rc = mc_http_reply_error(res, 400, "invalid_field",
                                     "due is an RFC 3339 date-time or a YYYY-MM-DD date", "/due");
            goto out;
        }
    }
    struct mc_user u;
    if (mc_store_user_get_by_email(s, email, req->arena, &u, NULL) ||
        !member_of(s, req->arena, u.id, org)) {
        rc = mc_http_reply_error(res, 404, "not_found",
                                 "no such person in this organisation (a learner or employer "
                                 "member)",
                                 "/email");
        goto out;
    }
    struct mc_program prog;
    if (mc_store_program_get(s, program, req->arena, &prog, NULL) ||
        prog.status != MC_STATUS_PUBLISHED) {
        rc = mc_http_reply_error(res, 404, "not_found", "no such published program", "/program");
        goto out;
    }
    a.user_id = u.id;
    a.program_id = prog.id;
    struct mc_err err;
    mc_err_clear(&err);
    rc = mc_store_assignment_put(s, &a, &err);
    if (rc) {
        rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    json_t *o = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)a.id, "email", email, "program",
                          program);
    if (a.due_at)
        json_object_set_new(o, "due_at", json_integer(a.due_at));
    rc = mc_http_reply_json(res, 201, o);
    json_decref(o);
out:
    mc_store_pool_release(req->pool, s);
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_assign = {
    .method = "POST",
    .pattern = "/api/v1/organisations/{slug}/assignments",
    .kind = MC_HTTP_API,
    .handler = api_assign,
};
