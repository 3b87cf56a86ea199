/* SPDX-License-Identifier: Apache-2.0 */
#include "app/job-roles.h"

json_t *mc_job_role_json(const struct mc_job_role *r)
{
    json_t *skills = json_array();
    for (size_t i = 0; i < r->n_skills; i++)
        json_array_append_new(
                skills, json_pack("{s:s?, s:s?, s:i}", "skill", r->skills[i].skill_slug, "name",
                                  r->skills[i].skill_name, "level", r->skills[i].level));
    json_t *org = r->org_slug ? json_pack("{s:s, s:s?}", "slug", r->org_slug, "name", r->org_name)
                              : json_null();
    return json_pack("{s:s, s:s, s:s?, s:o, s:o, s:b}", "slug", r->slug, "title", r->title,
                     "description", r->description, "organisation", org, "skills", skills, "demo",
                     r->is_demo);
}
