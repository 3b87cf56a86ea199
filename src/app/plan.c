/* SPDX-License-Identifier: Apache-2.0 */
/* Learning paths over the catalog: the store's programs and skills mapped onto the planner. */
#include "app/plan.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/time.h"

/* Dense skill indices for the planner, from the store's skill ids: every skill of every program
 * is looked up, so the lookup is a hash table (open addressing, kept at most half full). */
struct skill_map {
    int64_t *ids; /* index -> skill id */
    size_t n, cap;
    uint32_t *slots; /* skill id's hash -> index + 1; 0: empty */
    size_t n_slots;
    struct mc_arena *arena;
};

static size_t slot_of(const struct skill_map *m, int64_t id)
{
    size_t mask = m->n_slots - 1;
    size_t i = (size_t)((uint64_t)id * 0x9e3779b97f4a7c15ull >> 17) & mask;
    while (m->slots[i] && m->ids[m->slots[i] - 1] != id)
        i = (i + 1) & mask;
    return i;
}

static uint32_t skill_index(struct skill_map *m, int64_t id)
{
    if (m->n_slots && m->slots[slot_of(m, id)])
        return m->slots[slot_of(m, id)] - 1;
    m->ids = mc_arena_grow(m->arena, m->ids, m->n, 1, &m->cap, sizeof *m->ids);
    m->ids[m->n++] = id;
    if (2 * m->n > m->n_slots) {
        m->n_slots = m->n_slots ? 2 * m->n_slots : 512;
        m->slots = mc_arena_calloc(m->arena, m->n_slots, sizeof *m->slots);
        for (size_t i = 0; i < m->n; i++)
            m->slots[slot_of(m, m->ids[i])] = (uint32_t)(i + 1);
    } else {
        m->slots[slot_of(m, id)] = (uint32_t)m->n;
    }
    return (uint32_t)(m->n - 1);
}

static int64_t offering_cost(const struct mc_plan_offering *o)
{
    if (o->price_model == MC_PRICE_FREE)
        return 0;
    if (o->price_model == MC_PRICE_SUBSCRIPTION) {
        int64_t months = (o->duration_weeks * 7 + 29) / 30;
        return o->price_cents * (months > 0 ? months : 1);
    }
    return o->price_cents;
}

static const char *status_name(enum mc_planner_status s)
{
    switch (s) {
    case MC_PLANNER_NOTHING_MISSING: return "nothing-missing";
    case MC_PLANNER_OPTIMAL: return "optimal";
    case MC_PLANNER_BEST_FOUND: return "best-found";
    case MC_PLANNER_IMPOSSIBLE: return "impossible";
    }
    return "?";
}

/* The slugs of skill indices, for the answer. */
static json_t *slugs(struct mc_store *s, const struct skill_map *m, const uint32_t *idx, size_t n,
                     struct mc_arena *arena)
{
    json_t *arr = json_array();
    struct mc_skill *skills = NULL;
    for (size_t i = 0; i < n; i++) {
        int64_t id = m->ids[idx[i]];
        if (!mc_store_skills_by_id(s, &id, 1, arena, &skills, NULL))
            json_array_append_new(arr, json_string(skills[0].slug));
    }
    return arr;
}

enum mc_rc mc_app_plan(struct mc_store *s, const struct mc_plan_request *req, json_t **out,
                       struct mc_err *e)
{
    *out = NULL;
    if (!req->n_skills && !req->role_slug) {
        mc_err_set(e, MC_ERR_INVALID, "give the skills wanted or a job role");
        mc_err_where(e, "skills");
        return MC_ERR_INVALID;
    }
    struct mc_arena *arena = mc_arena_new(0);
    struct skill_map map = { .arena = arena };
    enum mc_rc rc = MC_OK;

    /* The target. */
    uint32_t *target = NULL;
    size_t n_target = 0;
    if (req->role_slug) {
        int64_t *ids = NULL;
        size_t n = 0;
        rc = mc_store_job_role_skill_ids(s, req->role_slug, arena, &ids, &n, e);
        if (!rc && !n)
            rc = mc_err_set(e, MC_ERR_INVALID, "job role '%s' requires no skills", req->role_slug);
        target = mc_arena_calloc(arena, n + 1, sizeof *target);
        for (size_t i = 0; !rc && i < n; i++)
            target[n_target++] = skill_index(&map, ids[i]);
    } else {
        target = mc_arena_calloc(arena, req->n_skills + 1, sizeof *target);
        for (size_t i = 0; !rc && i < req->n_skills; i++) {
            struct mc_skill k;
            struct mc_err err;
            if (mc_store_skill_get(s, req->skill_slugs[i], arena, &k, &err)) {
                mc_err_set(e, MC_ERR_INVALID, "unknown skill '%.100s'", req->skill_slugs[i]);
                mc_err_where(e, "skills[%zu]", i);
                rc = MC_ERR_INVALID;
                break;
            }
            target[n_target++] = skill_index(&map, k.id);
        }
    }

    /* What the learner holds. */
    uint32_t *held = NULL;
    size_t n_held = 0;
    int64_t *held_ids = NULL;
    if (!rc && req->learner_user_id) {
        struct mc_user u;
        rc = mc_store_user_get(s, req->learner_user_id, arena, &u, e);
        if (!rc)
            rc = mc_store_learner_skill_ids(s, req->learner_user_id, mc_time_now(), arena,
                                            &held_ids, &n_held, e);
        held = mc_arena_calloc(arena, n_held + 1, sizeof *held);
        for (size_t i = 0; !rc && i < n_held; i++)
            held[i] = skill_index(&map, held_ids[i]);
    }

    /* The catalog. */
    struct mc_plan_offering *progs = NULL;
    size_t n_progs = 0;
    if (!rc)
        rc = mc_store_plan_offerings(s, arena, &progs, &n_progs, e);
    struct mc_planner_offering *offs = mc_arena_calloc(arena, n_progs + 1, sizeof *offs);
    for (size_t i = 0; !rc && i < n_progs; i++) {
        const struct mc_plan_offering *p = &progs[i];
        uint32_t *sk = mc_arena_calloc(arena, p->n_skills + 1, sizeof *sk);
        for (size_t k = 0; k < p->n_skills; k++)
            sk[k] = skill_index(&map, p->skill_ids[k]);
        offs[i] = (struct mc_planner_offering){
            .id = p->id,
            .cost_cents = offering_cost(p),
            .hours = mc_planner_hours(p->duration_weeks, p->hours_per_week, 10),
            .skills = sk,
            .n_skills = p->n_skills,
        };
    }
    struct mc_planner_catalog *cat = NULL;
    if (!rc)
        rc = mc_planner_catalog_new(offs, n_progs, (uint32_t)map.n, &cat, e);
    struct mc_planner_result res;
    memset(&res, 0, sizeof res);
    if (!rc) {
        struct mc_planner_request pr = {
            .held_skills = held,
            .n_held_skills = n_held,
            .target = target,
            .n_target = n_target,
            .objective = req->by,
            .time_limit_ms = req->time_limit_ms ? req->time_limit_ms : 2000,
        };
        rc = mc_planner_solve(cat, &pr, &res, e);
    }
    if (!rc) {
        json_t *steps = json_array();
        for (size_t i = 0; i < res.n_steps; i++) {
            const struct mc_planner_step *st = &res.steps[i];
            const struct mc_plan_offering *p = &progs[st->offering];
            json_array_append_new(
                    steps, json_pack("{s:s, s:s, s:I, s:s, s:I, s:i, s:o}", "program", p->slug,
                                     "title", p->title, "cost_cents", (json_int_t)st->cost_cents,
                                     "currency", p->currency ? p->currency : "USD", "hours",
                                     (json_int_t)st->hours, "weeks", p->duration_weeks, "teaches",
                                     slugs(s, &map, st->skills, st->n_skills, arena)));
        }
        json_t *doc = json_pack("{s:s, s:s, s:b, s:s, s:o, s:o, s:o, s:o, s:o, s:{s:I, s:I}, s:f}",
                                "by", req->by == MC_PLANNER_TIME ? "time" : "cost", "status",
                                status_name(res.status), "optimal", res.optimal, "reason",
                                res.reason, "target", slugs(s, &map, target, n_target, arena),
                                "held", slugs(s, &map, held, n_held, arena), "missing",
                                slugs(s, &map, res.missing, res.n_missing, arena), "unteachable",
                                slugs(s, &map, res.unteachable, res.n_unteachable, arena), "steps",
                                steps, "total", "cost_cents", (json_int_t)res.total_cost_cents,
                                "hours", (json_int_t)res.total_hours, "ms", res.ms);
        json_t *deg =
                json_pack("{s:I, s:I, s:i}", "cost_cents", (json_int_t)MC_PLAN_DEGREE_COST_CENTS,
                          "hours", (json_int_t)MC_PLAN_DEGREE_HOURS, "weeks", MC_PLAN_DEGREE_WEEKS);
        if (res.total_cost_cents > 0)
            json_object_set_new(
                    deg, "cheaper",
                    json_real((double)MC_PLAN_DEGREE_COST_CENTS / (double)res.total_cost_cents));
        if (res.total_hours > 0)
            json_object_set_new(deg, "quicker",
                                json_real((double)MC_PLAN_DEGREE_HOURS / (double)res.total_hours));
        json_object_set_new(doc, "degree", deg);
        *out = doc;
    }
    mc_planner_result_free(&res);
    mc_planner_catalog_free(cat);
    mc_arena_free(arena);
    return rc;
}
