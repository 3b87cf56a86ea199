/* SPDX-License-Identifier: Apache-2.0 */
/* What the learning endpoints share: a learning outcome as JSON, and an id from the path. */
#include <string.h>

#include "app/learning.h"
#include "http/resources.h"

int64_t mc_http_path_id(struct mc_http_request *req, const char *name)
{
    int64_t id = 0;
    const char *v = mc_http_path_param(req, name);
    if (!v || mc_str_to_i64(mc_str_z(v), 1, INT64_MAX, &id, name, NULL))
        return 0;
    return id;
}

json_t *mc_http_outcome_json(const struct mc_http_request *req, const struct mc_learning_outcome *o)
{
    json_t *j = json_pack("{s:I, s:i, s:b}", "submission", (json_int_t)o->submission_id, "attempt",
                          o->attempt, "graded", o->graded);
    if (o->graded) {
        json_object_set_new(j, "score", json_real(o->score));
        json_object_set_new(j, "passed", json_boolean(o->passed));
    }
    json_object_set_new(j, "course",
                        json_pack("{s:f, s:I, s:I, s:b}", "grade", o->course.grade, "passed",
                                  (json_int_t)o->course.n_passed, "assessments",
                                  (json_int_t)o->course.n_total, "complete", o->course.complete));
    json_t *done = json_array();
    for (size_t i = 0; i < o->n_completed; i++)
        json_array_append_new(done, json_integer(o->completed_enrollments[i]));
    json_object_set_new(j, "completed_enrollments", done);
    json_t *awards = json_array();
    for (size_t i = 0; i < o->n_awards; i++) {
        const char *id = o->awards[i].credential_id;
        const char *uuid = strncmp(id, "urn:uuid:", 9) == 0 ? id + 9 : id;
        json_array_append_new(awards, json_pack("{s:s, s:s}", "id", id, "url",
                                                mc_arena_printf(req->arena, "%s/credentials/%s",
                                                                req->base_url, uuid)));
    }
    json_object_set_new(j, "credentials", awards);
    return j;
}
