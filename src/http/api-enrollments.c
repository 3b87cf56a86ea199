/* SPDX-License-Identifier: Apache-2.0 */
/* GET /api/v1/enrollments: the signed-in learner's enrollments, newest first. */
#include "app/auth.h"
#include "http/resources.h"

static enum mc_rc api_enrollments(struct mc_http_request *req, struct mc_http_response *res,
                                  struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_PROFILE_READ);
    if (!p)
        return MC_OK;
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_enrollment *list = NULL;
    size_t n = 0;
    enum mc_rc rc = mc_store_enrollment_list(s, p->user_id, req->arena, &list, &n, &err);
    json_t *items = json_array();
    for (size_t i = 0; !rc && i < n; i++) {
        const struct mc_enrollment *en = &list[i];
        json_t *o = json_pack("{s:I, s:s, s:b, s:s, s:I}", "id", (json_int_t)en->id, "status",
                              mc_enrollment_status_name(en->status), "audit", en->audit_only,
                              "price_model", mc_price_model_name(en->price_model), "enrolled_at",
                              (json_int_t)en->enrolled_at);
        if (en->program_id) {
            struct mc_program prog;
            if (!mc_store_program_get_by_id(s, en->program_id, req->arena, &prog, NULL))
                json_object_set_new(o, "program", json_string(prog.slug));
        }
        if (en->course_id) {
            struct mc_course c;
            if (!mc_store_course_get_by_id(s, en->course_id, req->arena, &c, NULL))
                json_object_set_new(o, "course", json_string(c.slug));
        }
        if (en->completed_at)
            json_object_set_new(o, "completed_at", json_integer(en->completed_at));
        json_array_append_new(items, o);
    }
    mc_store_pool_release(req->pool, s);
    if (rc) {
        json_decref(items);
        return mc_err_set(e, rc, "enrollments: %s", err.msg);
    }
    json_t *doc = json_pack("{s:o}", "items", items);
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_api_enrollments = {
    .method = "GET",
    .pattern = "/api/v1/enrollments",
    .kind = MC_HTTP_API,
    .handler = api_enrollments,
};
