/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/enrollments {"program": SLUG} or {"course": SLUG}, optionally "audit": true:
 * the signed-in learner enrolls (the program's price model is recorded; payment is not taken
 * here). 201 with the enrollment; 409 when enrolled already.
 */
#include "app/auth.h"
#include "app/learning.h"
#include "http/resources.h"

static enum mc_rc api_enroll(struct mc_http_request *req, struct mc_http_response *res,
                             struct mc_err *e)
{
    static const char *const members[] = { "program", "course", "audit", NULL };
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_PROFILE_WRITE);
    if (!p)
        return MC_OK;
    json_t *body = mc_http_json_body(req, res);
    if (!body)
        return MC_OK;
    const char *program = NULL, *course = NULL;
    enum mc_rc rc = MC_OK;
    if (!mc_http_json_known(res, body, members) ||
        !mc_http_json_string(res, body, "program", &program) ||
        !mc_http_json_string(res, body, "course", &course))
        goto out;
    json_t *audit = json_object_get(body, "audit");
    if (audit && !json_is_boolean(audit)) {
        rc = mc_http_reply_error(res, 400, "invalid_field", "audit is true or false", "/audit");
        goto out;
    }
    if (!program == !course) {
        rc = mc_http_reply_error(res, 400, "invalid_field",
                                 "give exactly one of program and course", "/program");
        goto out;
    }
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_issuer_env env;
    mc_http_issuer_env(req, NULL, s, &env);
    struct mc_enroll_request er = {
        .learner_user_id = p->user_id,
        .course_slug = course,
        .program_slug = program,
        .audit_only = json_is_true(audit),
    };
    int64_t id = 0;
    struct mc_err err;
    mc_err_clear(&err);
    rc = mc_learning_enroll(&env, &er, &id, &err);
    struct mc_enrollment en;
    if (!rc)
        rc = mc_store_enrollment_get(s, id, req->arena, &en, &err);
    mc_store_pool_release(req->pool, s);
    if (rc) {
        rc = mc_http_reply_rc(res, rc, &err, e);
        goto out;
    }
    json_t *o = json_pack(
            "{s:I, s:s, s:s?, s:s?, s:b, s:s, s:I, s:s}", "id", (json_int_t)en.id, "status",
            mc_enrollment_status_name(en.status), "program", program, "course", course, "audit",
            en.audit_only, "price_model", mc_price_model_name(en.price_model), "price_cents",
            (json_int_t)en.price_cents, "currency", en.currency ? en.currency : "USD");
    rc = mc_http_reply_json(res, 201, o);
    json_decref(o);
out:
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_enroll = {
    .method = "POST",
    .pattern = "/api/v1/enrollments",
    .kind = MC_HTTP_API,
    .handler = api_enroll,
};
