/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /api/v1/courses/{slug}: a course with its assessments, as a learner takes them: tests with
 * their questions and options (never which options are correct, nor numeric answers), projects
 * and essays with their rubric, pass marks and attempt limits. Public, like the catalog.
 */
#include "http/resources.h"
#include "store/store.h"

static json_t *assessment_json(const struct mc_assessment *a)
{
    json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:f, s:i, s:f}", "id", (json_int_t)a->id, "kind",
                          mc_assessment_kind_name(a->kind), "title", a->title, "instructions",
                          a->instructions, "pass_mark", a->pass_mark, "max_attempts",
                          a->max_attempts, "weight", a->weight);
    if (a->n_questions) {
        json_t *qs = json_array();
        for (size_t i = 0; i < a->n_questions; i++) {
            const struct mc_question *q = &a->questions[i];
            json_t *jq = json_pack("{s:s, s:s, s:f}", "kind", mc_question_kind_name(q->kind),
                                   "prompt", q->prompt, "points", q->points);
            if (q->n_options) {
                json_t *opts = json_array();
                for (size_t k = 0; k < q->n_options; k++)
                    json_array_append_new(opts, json_string(q->options[k].text));
                json_object_set_new(jq, "options", opts);
            }
            json_array_append_new(qs, jq);
        }
        json_object_set_new(o, "questions", qs);
    }
    if (a->n_rubric) {
        json_t *rub = json_array();
        for (size_t i = 0; i < a->n_rubric; i++)
            json_array_append_new(rub, json_pack("{s:s, s:s?, s:f}", "name", a->rubric[i].name,
                                                 "description", a->rubric[i].description,
                                                 "max_points", a->rubric[i].max_points));
        json_object_set_new(o, "rubric", rub);
    }
    return o;
}

static enum mc_rc api_course(struct mc_http_request *req, struct mc_http_response *res,
                             struct mc_err *e)
{
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, NULL))
        return MC_OK;
    if (!req->pool)
        return mc_err_set(e, MC_ERR_DB, "the server has no database");
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    struct mc_course c;
    struct mc_assessment *list = NULL;
    size_t n = 0;
    enum mc_rc rc = mc_store_course_get(s, mc_http_path_param(req, "slug"), req->arena, &c, &err);
    if (!rc)
        rc = mc_store_assessment_list(s, c.id, req->arena, &list, &n, &err);
    mc_store_pool_release(req->pool, s);
    if (rc == MC_ERR_NOT_FOUND || rc == MC_ERR_INVALID)
        return mc_http_reply_error(res, 404, "not_found", "no such course", NULL);
    if (rc)
        return mc_err_set(e, rc, "course: %s", err.msg);
    json_t *as = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(as, assessment_json(&list[i]));
    json_t *doc =
            json_pack("{s:s, s:s, s:s?, s:i, s:o}", "slug", c.slug, "title", c.title, "description",
                      c.description, "duration_weeks", c.duration_weeks, "assessments", as);
    rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_api_course = {
    .method = "GET",
    .pattern = "/api/v1/courses/{slug}",
    .kind = MC_HTTP_API,
    .handler = api_course,
};
