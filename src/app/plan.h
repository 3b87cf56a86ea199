/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Learning paths: the published programs that teach what a learner is missing of a target (a
 * set of skills, or a job role's), at the least total cost or the least total time, found by
 * the exact planner (core/planner.h) and set beside a full degree's cost and duration.
 *
 * The catalog as the planner sees it: each published program is an offering; its cost is its
 * price (a subscription's monthly price times the months its duration takes, rounded up; a free
 * program costs 0); its time is duration × hours per week (10 when not stated); it teaches the
 * skills of the program and of its achievement. The catalog states no prerequisites between
 * programs, so plans have none. What the learner holds: the skills of their active credentials
 * and the programs whose achievement they hold.
 */
#ifndef MC_APP_PLAN_H
#define MC_APP_PLAN_H

#include <jansson.h>
#include <stdint.h>

#include "core/planner.h"
#include "store/store.h"

/* A full master's degree as the comparison point: the average total cost of a US master's
 * degree the seed documents quote, and two years full time. */
#define MC_PLAN_DEGREE_COST_CENTS 3978900
#define MC_PLAN_DEGREE_WEEKS      104
#define MC_PLAN_DEGREE_HOURS      (MC_PLAN_DEGREE_WEEKS * 40)

struct mc_plan_request {
    int64_t learner_user_id;        /* 0: a learner who holds nothing */
    const char *const *skill_slugs; /* the target, or */
    size_t n_skills;
    const char *role_slug; /* a job role's skills */
    enum mc_planner_objective by;
    int64_t time_limit_ms; /* 0: 2,000 ms */
};

/*
 * Plan (new reference in `*out`): {"by", "status" (optimal, best-found, impossible,
 * nothing-missing), "optimal", "reason", "target", "held", "missing", "unteachable",
 * "steps": [{"program", "title", "cost_cents", "currency", "hours", "weeks", "teaches"}],
 * "total": {"cost_cents", "hours"}, "degree": {"cost_cents", "hours", "cheaper", "quicker"},
 * "ms"}. MC_ERR_INVALID naming the field for an unknown skill or no target; MC_ERR_NOT_FOUND
 * for an unknown role or learner.
 */
enum mc_rc mc_app_plan(struct mc_store *s, const struct mc_plan_request *req, json_t **out,
                       struct mc_err *e);

#endif
