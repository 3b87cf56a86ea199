/* SPDX-License-Identifier: Apache-2.0 */
/* The path planner: the cheapest or quickest set of offerings that teaches a learner's missing
 * skills. */
#ifndef MC_CORE_PLANNER_H
#define MC_CORE_PLANNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcred/error.h"

/*
 * Given the skills a learner holds and a target (a set of skills; a job role is resolved to its
 * skills by the caller), the planner picks offerings (programs, courses, achievements) that
 * together teach every missing target skill at the least total cost or the least total time, with
 * the other as the tie-breaker, and returns them in an order that respects prerequisites. It is a
 * weighted set cover with precedence constraints, solved exactly by branch and bound within a
 * time and a work limit (docs/internals/core.md, "The path planner").
 *
 * Identifiers are dense indices chosen by the caller, which maps them to its own rows:
 * - a skill is an index in [0, n_skills) of the catalog;
 * - an offering is its index in the array given to mc_planner_catalog_new; its `id` (a program's
 *   or an achievement's row id) is only reported back and named in messages.
 *
 * Prerequisites are offerings, all of which are needed (AND): an offering can be taken when each
 * offering it requires is held by the learner or is taken before it in the plan, transitively.
 * Choosing an offering therefore brings in its whole prerequisite closure. A held offering
 * satisfies prerequisites even when it is no longer offered, and its skills count as held.
 * Prerequisite cycles are refused when the catalog is built.
 *
 * Time is one unit, total hours of study: duration in weeks times hours per week
 * (mc_planner_hours). Money is in cents of one currency; converting is the caller's job.
 */

/* One offering as the planner sees it. The arrays are copied by mc_planner_catalog_new. */
struct mc_planner_offering {
    int64_t id;               /* the caller's id, reported back and named in messages */
    int64_t cost_cents;       /* 0 .. MC_PLANNER_MAX_COST */
    int64_t hours;            /* total hours of study, 0 .. MC_PLANNER_MAX_HOURS */
    const uint32_t *skills;   /* skills it teaches (indices < n_skills; duplicates ignored) */
    size_t n_skills;          /* may be 0 for an offering that is only a prerequisite */
    const uint32_t *requires; /* offerings (indices) to hold or take first; all of them */
    size_t n_requires;
    bool unavailable; /* cannot be taken now (retired, closed); still satisfies when held */
};

#define MC_PLANNER_MAX_COST  1000000000000LL /* ten billion dollars */
#define MC_PLANNER_MAX_HOURS 10000000LL

/* A checked, indexed catalog, built once and used by many plans (read-only, so several threads
 * may plan over one catalog at once). */
struct mc_planner_catalog;

/*
 * Check and index `n` offerings over `n_skills` skills. Refuses (MC_ERR_INVALID, with `e` naming
 * the offering by position and id) a skill or prerequisite index out of range, a negative or too
 * large cost or time, and prerequisite cycles, naming the offerings of one cycle in order.
 * On success *out is the caller's, freed with mc_planner_catalog_free; nothing borrowed is kept.
 */
enum mc_rc mc_planner_catalog_new(const struct mc_planner_offering *offerings, size_t n,
                                  uint32_t n_skills, struct mc_planner_catalog **out,
                                  struct mc_err *e);
void mc_planner_catalog_free(struct mc_planner_catalog *c);
size_t mc_planner_catalog_size(const struct mc_planner_catalog *c);

enum mc_planner_objective {
    MC_PLANNER_COST, /* least total cost, then least total hours */
    MC_PLANNER_TIME, /* least total hours, then least total cost */
};

struct mc_planner_request {
    const uint32_t *held_skills; /* verified skills of the learner */
    size_t n_held_skills;
    const uint32_t *held_offerings; /* offerings the learner completed (their skills count too) */
    size_t n_held_offerings;
    const uint32_t *target; /* skills wanted */
    size_t n_target;
    enum mc_planner_objective objective;
    int64_t time_limit_ms; /* stop the search after this long; 0: no limit */
    uint64_t work_limit;   /* stop after this many search nodes; 0: no limit */
};

enum mc_planner_status {
    MC_PLANNER_NOTHING_MISSING, /* every target skill is held: an empty plan */
    MC_PLANNER_OPTIMAL,         /* the plan is proven optimal */
    MC_PLANNER_BEST_FOUND,      /* a limit stopped the proof: the best plan found, see reason */
    MC_PLANNER_IMPOSSIBLE,      /* some target skills cannot be learned: see unteachable, blocked */
};

/* One offering of a plan. */
struct mc_planner_step {
    uint32_t offering; /* index in the catalog */
    int64_t id;
    int64_t cost_cents;
    int64_t hours;
    uint32_t *skills; /* the missing target skills it teaches, ascending (others may too) */
    size_t n_skills;
    bool prerequisite; /* another step of the plan requires it */
};

/* A target skill only taught by offerings that cannot be taken: `offering` teaches it and
 * `blocker` is the offering that stops it (itself when unavailable, else a prerequisite that is
 * unavailable and not held). */
struct mc_planner_blocked {
    uint32_t skill;
    uint32_t offering;
    uint32_t blocker;
};

struct mc_planner_result {
    enum mc_planner_status status;
    bool optimal; /* true only when proven (or nothing is missing) */
    /* the plan, prerequisites before the offerings that need them */
    struct mc_planner_step *steps;
    size_t n_steps;
    int64_t total_cost_cents;
    int64_t total_hours;
    /* a proven lower bound of the objective's total (cents or hours): equal to the plan's
     * total when optimal, below it when a limit stopped the search */
    int64_t lower_bound;
    uint32_t *missing; /* target skills not held, ascending */
    size_t n_missing;
    uint32_t *unteachable; /* missing skills no offering teaches, ascending */
    size_t n_unteachable;
    struct mc_planner_blocked *blocked; /* missing skills taught only by blocked offerings */
    size_t n_blocked;
    char reason[MC_ERR_MSG_MAX]; /* for people: why impossible, or which limit stopped it */
    /* what the search did */
    size_t n_candidates; /* offerings teaching a missing skill that can be taken */
    size_t n_branchable; /* of those, not dominated by another */
    uint64_t nodes;      /* search nodes visited */
    double ms;           /* wall time of the call */
};

/*
 * Plan. On MC_OK, `out` is filled (statuses above) and owns its arrays: free them with
 * mc_planner_result_free. Fails with MC_ERR_INVALID for a skill or offering index out of range
 * in the request (named in `e`), MC_ERR_TOO_LARGE when the totals involved cannot be added in 64
 * bits. An impossible target is not a failure: it is MC_OK with status MC_PLANNER_IMPOSSIBLE and
 * the skills named in the result and in `reason`.
 */
enum mc_rc mc_planner_solve(const struct mc_planner_catalog *c, const struct mc_planner_request *r,
                            struct mc_planner_result *out, struct mc_err *e);
/* Free what a result owns and zero it. NULL and a zeroed result are fine. */
void mc_planner_result_free(struct mc_planner_result *r);

/* Total hours of study: weeks x hours per week, rounded up; `fallback_per_week` when the hours
 * per week are not stated (< 0). Never negative. */
int64_t mc_planner_hours(int duration_weeks, double hours_per_week, double fallback_per_week);

#endif
