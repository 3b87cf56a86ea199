/* SPDX-License-Identifier: Apache-2.0 */
/* A job role as JSON, the one shape the API (/api/v1/roles) and `mcred role list --json` show. */
#ifndef MC_APP_JOB_ROLES_H
#define MC_APP_JOB_ROLES_H

#include <jansson.h>

#include "store/store.h"

/* {"slug", "title", "description"?, "organisation": {"slug", "name"?} or null, "skills":
 * [{"skill", "name", "level"}], "demo"} (new reference). */
json_t *mc_job_role_json(const struct mc_job_role *r);

#endif
