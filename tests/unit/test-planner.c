/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/core/planner.c: exact against brute force, valid plans, impossible targets, limits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/planner.h"
#include "mcred/str.h"
#include "test.h"

/* ------------------------------------------------------------------ helpers */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* splitmix64: a fixed seed, so a failure is reproducible */
static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint32_t below(uint32_t n)
{
    return (uint32_t)(rnd() % n);
}

#define MAXO 16
#define MAXS 16

/* A small instance with its own storage. */
struct inst {
    size_t n;
    uint32_t n_skills;
    struct mc_planner_offering o[MAXO];
    uint32_t sk[MAXO][MAXS];
    uint32_t rq[MAXO][MAXO];
    uint32_t held_sk[MAXS], target[MAXS], held_off[MAXO];
    size_t n_held_sk, n_target, n_held_off;
};

static bool has(const uint32_t *v, size_t n, uint32_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

/* Everything a result must satisfy whatever the instance: a valid order, the totals, the
 * skills listed, and coverage of the missing skills unless the target is impossible. Returns
 * false on the first breach. */
static bool plan_is_valid(const struct inst *in, const struct mc_planner_result *r)
{
    uint32_t taught = 0;
    int64_t cost = 0, hours = 0;
    for (size_t i = 0; i < r->n_steps; i++) {
        const struct mc_planner_step *st = &r->steps[i];
        uint32_t x = st->offering;
        if (x >= in->n || has(in->held_off, in->n_held_off, x) || in->o[x].unavailable)
            return false;
        if (st->id != in->o[x].id || st->cost_cents != in->o[x].cost_cents ||
            st->hours != in->o[x].hours)
            return false;
        for (size_t k = 0; k < in->o[x].n_requires; k++) {
            uint32_t p = in->rq[x][k];
            bool before = false;
            for (size_t z = 0; z < i; z++)
                before |= r->steps[z].offering == p;
            if (!before && !has(in->held_off, in->n_held_off, p))
                return false;
        }
        for (size_t z = 0; z < i; z++)
            if (r->steps[z].offering == x)
                return false;
        /* the skills listed: exactly the missing skills it teaches, ascending */
        size_t k = 0;
        for (size_t z = 0; z < r->n_missing; z++)
            if (has(in->sk[x], in->o[x].n_skills, r->missing[z])) {
                if (k >= st->n_skills || st->skills[k] != r->missing[z])
                    return false;
                k++;
            }
        if (k != st->n_skills)
            return false;
        for (size_t z = 0; z < in->o[x].n_skills; z++)
            taught |= 1u << in->sk[x][z];
        cost += st->cost_cents;
        hours += st->hours;
    }
    if (cost != r->total_cost_cents || hours != r->total_hours)
        return false;
    if (r->status == MC_PLANNER_IMPOSSIBLE)
        return r->n_steps == 0;
    for (size_t z = 0; z < r->n_missing; z++)
        if (!(taught & (1u << r->missing[z])))
            return false;
    return true;
}

struct brute {
    bool found;
    int64_t p, s;       /* best (primary, secondary) */
    uint32_t missing;   /* skill mask */
    uint32_t coverable; /* skills the takeable offerings teach */
    uint32_t teachable; /* skills some offering teaches at all */
};

/* Every subset of the offerings, checked the slow, obvious way. */
static struct brute brute_force(const struct inst *in, enum mc_planner_objective obj)
{
    struct brute b = { .found = false };
    uint32_t held = 0, heldo = 0, tm[MAXO], rm[MAXO];
    for (size_t i = 0; i < in->n_held_sk; i++)
        held |= 1u << in->held_sk[i];
    for (size_t i = 0; i < in->n_held_off; i++)
        heldo |= 1u << in->held_off[i];
    for (size_t x = 0; x < in->n; x++) {
        tm[x] = rm[x] = 0;
        for (size_t k = 0; k < in->o[x].n_skills; k++)
            tm[x] |= 1u << in->sk[x][k];
        for (size_t k = 0; k < in->o[x].n_requires; k++)
            rm[x] |= 1u << in->rq[x][k];
        if (heldo & (1u << x))
            held |= tm[x];
        b.teachable |= tm[x];
    }
    for (size_t i = 0; i < in->n_target; i++)
        if (!(held & (1u << in->target[i])))
            b.missing |= 1u << in->target[i];
    /* takeable: a fixed point */
    uint32_t ok = 0;
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t x = 0; x < in->n; x++)
            if (!(ok & (1u << x)) && !(heldo & (1u << x)) && !in->o[x].unavailable &&
                (rm[x] & ~(ok | heldo)) == 0) {
                ok |= 1u << x;
                changed = true;
            }
    }
    for (size_t x = 0; x < in->n; x++)
        if (ok & (1u << x))
            b.coverable |= tm[x];
    for (uint32_t set = 0; set < (1u << in->n); set++) {
        if (set & ~ok)
            continue;
        uint32_t cov = 0;
        int64_t c = 0, h = 0;
        bool valid = true;
        for (size_t x = 0; x < in->n && valid; x++)
            if (set & (1u << x)) {
                if (rm[x] & ~(set | heldo))
                    valid = false;
                cov |= tm[x];
                c += in->o[x].cost_cents;
                h += in->o[x].hours;
            }
        if (!valid || (b.missing & ~cov))
            continue;
        int64_t p = obj == MC_PLANNER_COST ? c : h, s = obj == MC_PLANNER_COST ? h : c;
        if (!b.found || p < b.p || (p == b.p && s < b.s)) {
            b.found = true;
            b.p = p;
            b.s = s;
        }
    }
    return b;
}

static void random_instance(struct inst *in)
{
    memset(in, 0, sizeof *in);
    in->n = 6 + below(11);
    in->n_skills = 3 + below(9);
    uint32_t perm[MAXO];
    for (size_t i = 0; i < in->n; i++)
        perm[i] = (uint32_t)i;
    for (size_t i = in->n - 1; i > 0; i--) {
        uint32_t j = below((uint32_t)i + 1), t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
    }
    for (size_t i = 0; i < in->n; i++) {
        uint32_t x = perm[i];
        struct mc_planner_offering *o = &in->o[x];
        o->id = 1000 + x;
        o->cost_cents = (int64_t)below(6) * 100; /* ties and zeros on purpose */
        o->hours = (int64_t)below(5) * 10;
        o->unavailable = below(100) < 6;
        size_t k = below(10) == 0 ? 0 : 1 + below(4); /* 0 for a pure prerequisite */
        for (size_t z = 0; z < k; z++)
            in->sk[x][o->n_skills++] = below(in->n_skills);
        if (i > 0 && below(100) < 35) {
            size_t nr = 1 + below(2);
            for (size_t z = 0; z < nr; z++)
                in->rq[x][o->n_requires++] = perm[below((uint32_t)i)];
        }
        o->skills = in->sk[x];
        o->requires = in->rq[x];
    }
    in->n_target = 3 + below(8);
    if (in->n_target > in->n_skills)
        in->n_target = in->n_skills;
    for (size_t i = 0; i < in->n_target; i++)
        in->target[i] = below(in->n_skills); /* duplicates allowed */
    in->n_held_sk = below(4);
    for (size_t i = 0; i < in->n_held_sk; i++)
        in->held_sk[i] = below(in->n_skills);
    if (below(100) < 20)
        in->held_off[in->n_held_off++] = below((uint32_t)in->n);
}

static struct mc_planner_request request_of(const struct inst *in, enum mc_planner_objective obj)
{
    return (struct mc_planner_request){ .held_skills = in->held_sk,
                                        .n_held_skills = in->n_held_sk,
                                        .held_offerings = in->held_off,
                                        .n_held_offerings = in->n_held_off,
                                        .target = in->target,
                                        .n_target = in->n_target,
                                        .objective = obj };
}

/* ------------------------------------------------------------------ brute force */

static void test_against_brute_force(void)
{
    int instances = 2000;
    const char *more = getenv("MC_PLANNER_INSTANCES"); /* a longer run, by hand */
    int64_t v;
    struct mc_err ve;
    if (more && mc_str_to_i64(mc_str_z(more), 1, 100000000, &v, "MC_PLANNER_INSTANCES", &ve) == 0)
        instances = (int)v;
    int compared = 0, impossible = 0, nothing = 0, failures = 0;
    for (int it = 0; it < instances; it++) {
        struct inst in;
        random_instance(&in);
        struct mc_planner_catalog *cat = NULL;
        struct mc_err e;
        mc_test_case("random instance %d", it);
        if (!CHECK_INT(mc_planner_catalog_new(in.o, in.n, in.n_skills, &cat, &e), MC_OK)) {
            fprintf(stderr, "  %s\n", e.msg);
            continue;
        }
        for (int ob = 0; ob < 2; ob++) {
            enum mc_planner_objective obj = ob ? MC_PLANNER_TIME : MC_PLANNER_COST;
            mc_test_case("random instance %d, objective %s", it, ob ? "time" : "cost");
            struct brute b = brute_force(&in, obj);
            struct mc_planner_request rq = request_of(&in, obj);
            struct mc_planner_result r;
            if (!CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_OK)) {
                failures++;
                continue;
            }
            bool ok = plan_is_valid(&in, &r);
            uint32_t missing = 0;
            for (size_t z = 0; z < r.n_missing; z++)
                missing |= 1u << r.missing[z];
            ok &= missing == b.missing;
            if (!b.missing) {
                nothing++;
                ok &= r.status == MC_PLANNER_NOTHING_MISSING && r.optimal && r.n_steps == 0;
            } else if (b.found) {
                compared++;
                int64_t p = obj == MC_PLANNER_COST ? r.total_cost_cents : r.total_hours;
                int64_t s = obj == MC_PLANNER_COST ? r.total_hours : r.total_cost_cents;
                ok &= r.status == MC_PLANNER_OPTIMAL && r.optimal;
                ok &= p == b.p && s == b.s && r.lower_bound == p;
                if (p != b.p || s != b.s)
                    fprintf(stderr, "  planner (%lld, %lld), brute force (%lld, %lld)\n",
                            (long long)p, (long long)s, (long long)b.p, (long long)b.s);
            } else {
                impossible++;
                uint32_t un = 0, bl = 0;
                for (size_t z = 0; z < r.n_unteachable; z++)
                    un |= 1u << r.unteachable[z];
                for (size_t z = 0; z < r.n_blocked; z++)
                    bl |= 1u << r.blocked[z].skill;
                ok &= r.status == MC_PLANNER_IMPOSSIBLE && !r.optimal && r.n_steps == 0;
                ok &= (un | bl) == (b.missing & ~b.coverable);
                ok &= un == (b.missing & ~b.teachable);
                ok &= (un & bl) == 0 && r.reason[0] != 0;
            }
            if (!CHECK(ok))
                failures++;
            mc_planner_result_free(&r);
        }
        mc_planner_catalog_free(cat);
    }
    mc_test_case("brute force summary");
    printf("brute force: %d instances x 2 objectives: %d optimal plans equal to brute force, %d "
           "impossible targets, %d with nothing missing, %d failures\n",
           instances, compared, impossible, nothing, failures);
    CHECK(compared > 2000);
    CHECK(impossible > 50);
}

/* ------------------------------------------------------------------ dynamic programming */

/*
 * Larger instances without prerequisites (40 to 90 offerings, 8 to 12 target skills) against a
 * dynamic program over the subsets of the target: best[mask] is the least (primary, secondary)
 * that teaches the skills of mask. These reach the deeper search: Lagrangian bounds and
 * reduced-cost fixing.
 */
static void test_against_dp(void)
{
    enum { N = 90, M = 12 };
    static struct mc_planner_offering o[N];
    static uint32_t sk[N][6];
    int instances = 300, failures = 0;
    uint64_t nodes = 0;
    for (int it = 0; it < instances; it++) {
        size_t n = 40 + below(51);
        uint32_t m = 8 + below(5), n_skills = m + 3;
        for (size_t x = 0; x < n; x++) {
            size_t k = 1 + below(5);
            for (size_t z = 0; z < k; z++)
                sk[x][z] = below(n_skills);
            o[x] = (struct mc_planner_offering){ .id = (int64_t)x,
                                                 .cost_cents =
                                                         100 * (1 + (int64_t)below(8)) * (int64_t)k,
                                                 .hours = 5 * (1 + (int64_t)below(6)),
                                                 .skills = sk[x],
                                                 .n_skills = k };
        }
        uint32_t target[M];
        for (uint32_t j = 0; j < m; j++)
            target[j] = j;
        struct mc_planner_catalog *cat = NULL;
        struct mc_err e;
        mc_test_case("dp instance %d", it);
        if (!CHECK_INT(mc_planner_catalog_new(o, n, n_skills, &cat, &e), MC_OK))
            continue;
        for (int ob = 0; ob < 2; ob++) {
            enum mc_planner_objective obj = ob ? MC_PLANNER_TIME : MC_PLANNER_COST;
            static int64_t bp[1 << M], bs[1 << M];
            uint32_t full = (1u << m) - 1;
            for (uint32_t mask = 0; mask <= full; mask++)
                bp[mask] = bs[mask] = INT64_MAX;
            bp[0] = bs[0] = 0;
            for (uint32_t mask = 0; mask <= full; mask++) {
                if (bp[mask] == INT64_MAX)
                    continue;
                for (size_t x = 0; x < n; x++) {
                    uint32_t tmask = 0;
                    for (size_t z = 0; z < o[x].n_skills; z++)
                        if (sk[x][z] < m)
                            tmask |= 1u << sk[x][z];
                    uint32_t to = mask | tmask;
                    if (to == mask)
                        continue;
                    int64_t p = bp[mask] + (ob ? o[x].hours : o[x].cost_cents);
                    int64_t s = bs[mask] + (ob ? o[x].cost_cents : o[x].hours);
                    if (p < bp[to] || (p == bp[to] && s < bs[to])) {
                        bp[to] = p;
                        bs[to] = s;
                    }
                }
            }
            struct mc_planner_request rq = { .target = target, .n_target = m, .objective = obj };
            struct mc_planner_result r;
            mc_test_case("dp instance %d, objective %s", it, ob ? "time" : "cost");
            if (!CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_OK)) {
                failures++;
                continue;
            }
            int64_t p = ob ? r.total_hours : r.total_cost_cents;
            int64_t s = ob ? r.total_cost_cents : r.total_hours;
            uint32_t cov = 0;
            for (size_t i = 0; i < r.n_steps; i++)
                for (size_t z = 0; z < r.steps[i].n_skills; z++)
                    cov |= 1u << r.steps[i].skills[z];
            nodes += r.nodes;
            if (bp[full] == INT64_MAX) { /* a target skill nobody teaches */
                CHECK_INT(r.status, MC_PLANNER_IMPOSSIBLE);
                mc_planner_result_free(&r);
                continue;
            }
            if (!CHECK(r.status == MC_PLANNER_OPTIMAL && p == bp[full] && s == bs[full] &&
                       cov == full)) {
                failures++;
                fprintf(stderr, "  planner (%lld, %lld), dynamic programming (%lld, %lld)\n",
                        (long long)p, (long long)s, (long long)bp[full], (long long)bs[full]);
            }
            mc_planner_result_free(&r);
        }
        mc_planner_catalog_free(cat);
    }
    printf("dynamic programming: %d instances x 2 objectives (40 to 90 offerings, 8 to 12 "
           "skills): %llu search nodes in all, %d failures\n",
           instances, (unsigned long long)nodes, failures);
}

/* ------------------------------------------------------------------ named cases */

/* The seed documents' comparison: two certificates against a master's degree. */
static void test_certificates_or_masters(void)
{
    enum { ML, DS, STATS, PYTHON, TINYML, N_SKILLS };
    const uint32_t tinyml[] = { ML, TINYML }, ds[] = { DS, STATS, PYTHON },
                   masters[] = { ML, DS, STATS, PYTHON, TINYML }, intro[] = { PYTHON };
    const struct mc_planner_offering o[] = {
        { .id = 1, .cost_cents = 53700, .hours = 120, .skills = tinyml, .n_skills = 2 },
        { .id = 2, .cost_cents = 79300, .hours = 300, .skills = ds, .n_skills = 3 },
        { .id = 3, .cost_cents = 3978900, .hours = 3600, .skills = masters, .n_skills = 5 },
        { .id = 4, .cost_cents = 0, .hours = 20, .skills = intro, .n_skills = 1 },
    };
    struct mc_planner_catalog *cat = NULL;
    struct mc_err e;
    mc_test_case("certificates or a master's");
    CHECK_INT(mc_planner_catalog_new(o, 4, N_SKILLS, &cat, &e), MC_OK);
    const uint32_t target[] = { ML, DS, STATS, TINYML, PYTHON };
    for (int ob = 0; ob < 2; ob++) {
        struct mc_planner_request rq = { .target = target,
                                         .n_target = 5,
                                         .objective = ob ? MC_PLANNER_TIME : MC_PLANNER_COST,
                                         .time_limit_ms = 1000 };
        struct mc_planner_result r;
        CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_OK);
        CHECK_INT(r.status, MC_PLANNER_OPTIMAL);
        CHECK_INT(r.n_steps, 2);
        CHECK_INT(r.total_cost_cents, 133000);
        CHECK_INT(r.total_hours, 420);
        mc_planner_result_free(&r);
    }
    /* holding Python already changes nothing but the missing list */
    const uint32_t held[] = { PYTHON };
    struct mc_planner_request rq = {
        .held_skills = held, .n_held_skills = 1, .target = target, .n_target = 5
    };
    struct mc_planner_result r;
    CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_OK);
    CHECK_INT(r.n_missing, 4);
    CHECK_INT(r.total_cost_cents, 133000);
    mc_planner_result_free(&r);
    /* everything held: an empty plan */
    const uint32_t all[] = { ML, DS, STATS, TINYML, PYTHON };
    rq = (struct mc_planner_request){
        .held_skills = all, .n_held_skills = 5, .target = target, .n_target = 5
    };
    CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_OK);
    CHECK_INT(r.status, MC_PLANNER_NOTHING_MISSING);
    CHECK(r.optimal);
    CHECK_INT(r.n_steps, 0);
    mc_planner_result_free(&r);
    mc_planner_catalog_free(cat);
}

/* Prerequisites come first; ties on cost go to the shorter plan; held offerings count. */
static void test_prerequisites_and_ties(void)
{
    const uint32_t s0[] = { 0 }, s1[] = { 1 }, s2[] = { 2 };
    const uint32_t need2[] = { 2 }, need1[] = { 1 }, need3[] = { 3 };
    const struct mc_planner_offering o[] = {
        /* 0 teaches skill 2 and needs 2, which needs 1 */
        { .id = 10,
          .cost_cents = 100,
          .hours = 10,
          .skills = s2,
          .n_skills = 1,
          .requires = need2,
          .n_requires = 1 },
        { .id = 11, .cost_cents = 100, .hours = 10, .skills = s0, .n_skills = 1 },
        { .id = 12, .cost_cents = 100, .hours = 10, .requires = need1, .n_requires = 1 },
        /* an unavailable course that a held learner still counts */
        { .id = 13, .cost_cents = 0, .hours = 0, .unavailable = true },
        /* two ways to learn skill 1 at the same cost: the shorter must win */
        { .id = 14, .cost_cents = 500, .hours = 40, .skills = s1, .n_skills = 1 },
        { .id = 15,
          .cost_cents = 500,
          .hours = 30,
          .skills = s1,
          .n_skills = 1,
          .requires = need3,
          .n_requires = 1 },
    };
    struct mc_planner_catalog *cat = NULL;
    struct mc_err e;
    mc_test_case("prerequisites and ties");
    CHECK_INT(mc_planner_catalog_new(o, 6, 3, &cat, &e), MC_OK);
    const uint32_t target[] = { 2, 1 };
    struct mc_planner_request rq = { .target = target, .n_target = 2 };
    struct mc_planner_result r;
    CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_OK);
    CHECK_INT(r.status, MC_PLANNER_OPTIMAL);
    CHECK_INT(r.n_steps, 4);
    /* 11 before 12 before 10; 14 (15 needs the unavailable 13) */
    int pos[6] = { -1, -1, -1, -1, -1, -1 };
    for (size_t i = 0; i < r.n_steps; i++)
        pos[r.steps[i].offering] = (int)i;
    CHECK(pos[1] >= 0 && pos[2] > pos[1] && pos[0] > pos[2]);
    CHECK(pos[4] >= 0 && pos[5] < 0);
    CHECK(r.steps[pos[1]].prerequisite && r.steps[pos[2]].prerequisite);
    CHECK(!r.steps[pos[0]].prerequisite);
    CHECK_INT(r.total_cost_cents, 800);
    mc_planner_result_free(&r);
    /* holding 13 unlocks 15, which is as cheap and shorter */
    const uint32_t held_off[] = { 3 };
    rq.held_offerings = held_off;
    rq.n_held_offerings = 1;
    CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_OK);
    CHECK_INT(r.total_cost_cents, 800);
    CHECK_INT(r.total_hours, 60);
    bool has15 = false;
    for (size_t i = 0; i < r.n_steps; i++)
        has15 |= r.steps[i].id == 15;
    CHECK(has15);
    mc_planner_result_free(&r);
    mc_planner_catalog_free(cat);
}

/* Impossible targets name the skills and the offerings that block them. */
static void test_impossible(void)
{
    const uint32_t s0[] = { 0 }, s4[] = { 4 }, need1[] = { 1 };
    const struct mc_planner_offering o[] = {
        { .id = 100, .cost_cents = 100, .hours = 5, .skills = s0, .n_skills = 1 },
        { .id = 101, .cost_cents = 100, .hours = 5, .unavailable = true },
        { .id = 102,
          .cost_cents = 100,
          .hours = 5,
          .skills = s4,
          .n_skills = 1,
          .requires = need1,
          .n_requires = 1 },
    };
    struct mc_planner_catalog *cat = NULL;
    struct mc_err e;
    mc_test_case("impossible targets");
    CHECK_INT(mc_planner_catalog_new(o, 3, 6, &cat, &e), MC_OK);
    const uint32_t target[] = { 0, 3, 4, 5 };
    struct mc_planner_request rq = { .target = target, .n_target = 4, .time_limit_ms = 100 };
    struct mc_planner_result r;
    CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_OK);
    CHECK_INT(r.status, MC_PLANNER_IMPOSSIBLE);
    CHECK(!r.optimal);
    CHECK_INT(r.n_steps, 0);
    CHECK_INT(r.n_unteachable, 2);
    CHECK(r.n_unteachable == 2 && r.unteachable[0] == 3 && r.unteachable[1] == 5);
    CHECK_INT(r.n_blocked, 1);
    CHECK(r.n_blocked == 1 && r.blocked[0].skill == 4 && r.blocked[0].offering == 2 &&
          r.blocked[0].blocker == 1);
    CHECK_STR(r.reason, "no offering teaches skills 3, 5; skill 4 is taught only by offerings "
                        "that cannot be taken (id 102 needs id 101, which is unavailable)");
    mc_planner_result_free(&r);
    mc_planner_catalog_free(cat);
}

/* Bad input is refused with a message naming what is wrong. */
static void test_bad_input(void)
{
    const uint32_t s0[] = { 0 }, s9[] = { 9 }, r1[] = { 1 }, r2[] = { 2 }, r0[] = { 0 },
                   r3[] = { 3 }, r7[] = { 7 };
    struct mc_planner_catalog *cat = NULL;
    struct mc_err e;

    mc_test_case("cycle");
    const struct mc_planner_offering cyc[] = {
        { .id = 10, .skills = s0, .n_skills = 1, .requires = r1, .n_requires = 1 },
        { .id = 11, .requires = r2, .n_requires = 1 },
        { .id = 12, .requires = r0, .n_requires = 1 },
        { .id = 13, .requires = r0, .n_requires = 1 },
    };
    CHECK_INT(mc_planner_catalog_new(cyc, 4, 1, &cat, &e), MC_ERR_INVALID);
    CHECK(cat == NULL);
    CHECK_STR(e.msg, "prerequisites form a cycle: offering 0 (id 10) requires offering 1 (id "
                     "11) requires offering 2 (id 12) requires offering 0 (id 10); remove one "
                     "of these requirements");

    mc_test_case("cycle reached from outside it");
    const struct mc_planner_offering cyc2[] = {
        { .id = 20, .requires = r1, .n_requires = 1 },
        { .id = 21, .requires = r2, .n_requires = 1 },
        { .id = 22, .requires = r3, .n_requires = 1 },
        { .id = 23, .requires = r2, .n_requires = 1 },
    };
    CHECK_INT(mc_planner_catalog_new(cyc2, 4, 1, &cat, &e), MC_ERR_INVALID);
    CHECK_STR(e.msg, "prerequisites form a cycle: offering 2 (id 22) requires offering 3 (id "
                     "23) requires offering 2 (id 22); remove one of these requirements");

    mc_test_case("self");
    const struct mc_planner_offering self[] = { { .id = 30, .requires = r0, .n_requires = 1 } };
    CHECK_INT(mc_planner_catalog_new(self, 1, 1, &cat, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "(id 30) requires itself") != NULL);

    mc_test_case("skill out of range");
    const struct mc_planner_offering bad_skill[] = { { .id = 40, .skills = s9, .n_skills = 1 } };
    CHECK_INT(mc_planner_catalog_new(bad_skill, 1, 5, &cat, &e), MC_ERR_INVALID);
    CHECK_STR(e.msg, "offering 0 (id 40) teaches skill 9, but there are only 5 skills");

    mc_test_case("prerequisite out of range");
    const struct mc_planner_offering bad_req[] = { { .id = 50, .requires = r7, .n_requires = 1 } };
    CHECK_INT(mc_planner_catalog_new(bad_req, 1, 5, &cat, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "requires offering 7") != NULL);

    mc_test_case("negative cost");
    const struct mc_planner_offering neg[] = { { .id = 60, .cost_cents = -1 } };
    CHECK_INT(mc_planner_catalog_new(neg, 1, 5, &cat, &e), MC_ERR_INVALID);

    mc_test_case("request out of range");
    const struct mc_planner_offering fine[] = { { .id = 70, .skills = s0, .n_skills = 1 } };
    CHECK_INT(mc_planner_catalog_new(fine, 1, 5, &cat, &e), MC_OK);
    struct mc_planner_result r;
    struct mc_planner_request rq = { .target = s9, .n_target = 1 };
    CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_ERR_INVALID);
    CHECK_STR(e.msg, "target skill 9 (entry 0) is out of range: there are 5");
    rq = (struct mc_planner_request){ .held_skills = s9, .n_held_skills = 1 };
    CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_ERR_INVALID);
    rq = (struct mc_planner_request){ .held_offerings = r1, .n_held_offerings = 1 };
    CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "held offering 1") != NULL);
    mc_planner_catalog_free(cat);
}

/* ------------------------------------------------------------------ limits */

/* Many offerings of near-equal cost teaching overlapping random skills: hard set cover. */
struct hard {
    struct mc_planner_offering o[400];
    uint32_t sk[400][10];
    uint32_t target[120];
};

static void hard_instance(struct hard *h, size_t n, uint32_t m)
{
    for (size_t x = 0; x < n; x++) {
        for (size_t k = 0; k < 10; k++)
            h->sk[x][k] = below(m);
        h->o[x] = (struct mc_planner_offering){ .id = (int64_t)x,
                                                .cost_cents = 1000 + below(30),
                                                .hours = 10 + below(5),
                                                .skills = h->sk[x],
                                                .n_skills = 10 };
    }
    for (uint32_t j = 0; j < m; j++)
        h->target[j] = j;
}

static bool valid_cover(const struct hard *h, const struct mc_planner_result *r, uint32_t m)
{
    uint8_t cov[120] = { 0 };
    int64_t cost = 0;
    for (size_t i = 0; i < r->n_steps; i++) {
        const struct mc_planner_offering *o = &h->o[r->steps[i].offering];
        for (size_t k = 0; k < o->n_skills; k++)
            cov[o->skills[k]] = 1;
        cost += o->cost_cents;
    }
    for (uint32_t j = 0; j < m; j++)
        if (!cov[j])
            return false;
    return cost == r->total_cost_cents && r->lower_bound <= cost;
}

static double ms_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void test_limits(void)
{
    static struct hard h;
    const size_t n = 400;
    const uint32_t m = 120;
    hard_instance(&h, n, m);
    struct mc_planner_catalog *cat = NULL;
    struct mc_err e;
    mc_test_case("time limit");
    CHECK_INT(mc_planner_catalog_new(h.o, n, m, &cat, &e), MC_OK);
    struct mc_planner_request rq = {
        .target = h.target, .n_target = m, .objective = MC_PLANNER_COST, .time_limit_ms = 50
    };
    struct mc_planner_result r;
    double t0 = ms_now();
    CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_OK);
    double took = ms_now() - t0;
    printf("time limit: 50 ms asked, returned after %.0f ms, %llu nodes, status %d, cost %lld, "
           "lower bound %lld\n",
           took, (unsigned long long)r.nodes, (int)r.status, (long long)r.total_cost_cents,
           (long long)r.lower_bound);
    CHECK(took < 1000); /* generous: sanitizer builds on a loaded machine */
    CHECK_INT(r.status, MC_PLANNER_BEST_FOUND);
    CHECK(!r.optimal);
    CHECK(strstr(r.reason, "time limit (50 ms)") != NULL);
    CHECK(strstr(r.reason, "% above the best") != NULL);
    CHECK(valid_cover(&h, &r, m));
    CHECK(r.lower_bound > 0 && r.lower_bound < r.total_cost_cents);
    mc_planner_result_free(&r);

    mc_test_case("work limit");
    rq.time_limit_ms = 0;
    rq.work_limit = 20;
    CHECK_INT(mc_planner_solve(cat, &rq, &r, &e), MC_OK);
    CHECK_INT(r.status, MC_PLANNER_BEST_FOUND);
    CHECK_INT(r.nodes, 20);
    CHECK(strstr(r.reason, "work limit (20 nodes)") != NULL);
    CHECK(valid_cover(&h, &r, m));
    mc_planner_result_free(&r);
    mc_planner_catalog_free(cat);
}

static void test_hours(void)
{
    mc_test_case("hours");
    CHECK_INT(mc_planner_hours(12, 5, 10), 60);
    CHECK_INT(mc_planner_hours(3, 2.5, 10), 8);
    CHECK_INT(mc_planner_hours(4, -1, 10), 40);
    CHECK_INT(mc_planner_hours(0, 5, 10), 0);
    CHECK_INT(mc_planner_hours(-3, 5, 10), 0);
}

int main(void)
{
    test_certificates_or_masters();
    test_prerequisites_and_ties();
    test_impossible();
    test_bad_input();
    test_hours();
    test_limits();
    test_against_brute_force();
    test_against_dp();
    return mc_test_done();
}
