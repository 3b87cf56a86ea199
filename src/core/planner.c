/* SPDX-License-Identifier: Apache-2.0 */
/* The path planner: exact weighted set cover with prerequisites, by branch and bound. */
#include "core/planner.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"

/*
 * How it works (docs/internals/core.md, "The path planner", says it at more length):
 *
 * 1. The catalog is checked once, its lists sorted and deduplicated, an index from each skill to
 *    the offerings that teach it built, and a topological order of the prerequisites computed
 *    (Kahn); a leftover means a cycle, which is walked and named.
 * 2. A request drops held skills (and the skills of held offerings) from the target, finds which
 *    offerings can be taken (available, and every prerequisite held or takeable: one pass in
 *    topological order), and reports the missing skills no takeable offering teaches.
 * 3. The "pool" is the takeable offerings that teach a missing skill (teachers) plus their
 *    prerequisite closures. Each teacher is a bundle: itself and every prerequisite not held.
 *    Skills are renumbered 0..m-1 and held in bitsets of W words.
 * 4. Weights combine both objectives exactly: w = primary * K + secondary with K larger than
 *    any plan's secondary total, so comparing w is comparing (primary, secondary).
 * 5. Dominance: teacher b is not branched on when another teacher a has (w, index) below b's,
 *    a's bundle teaches every missing skill b teaches, and a's prerequisites are among b's.
 *    An optimal plan whose top-level offerings (those no other one requires) are all
 *    undominated teachers always exists: replacing a dominated top by its dominator keeps the
 *    plan valid and no dearer, and strictly lowers the sum of ranks.
 * 6. Branch and bound, depth first: branch on the uncovered skill with the fewest usable
 *    candidates (an undominated bundle teaching it), least marginal weight per newly taught
 *    skill first; after a branch, its candidate is forbidden in its later siblings, so no set is
 *    visited twice. Lower bounds, each valid for every completion of the node, the largest
 *    taken; they need only the teachers inside undominated bundles (nothing else can be in a
 *    plan the search builds):
 *    A. dual ascent from zero: prices y_s >= 0 of the uncovered skills such that no usable
 *       teacher's uncovered skills are priced above its weight (a feasible dual of the set
 *       cover LP), raised skill by skill, dearest first; for skills taught by disjoint
 *       offerings this is the sum of their cheapest teachers;
 *    B. the same ascent started from the cost-per-skill shares, min over teachers of w / count;
 *    C. with prerequisites, the largest over skills of the cheapest bundle teaching it;
 *    D. a Lagrangian bound with subgradient steps, prerequisites included through shares of
 *       their reduced costs, computed exactly in integers, followed by reduced-cost fixing.
 * 7. The first upper bound is greedy (least marginal bundle weight per new skill) with the
 *    offerings that became redundant taken out again.
 */

#define NONE UINT32_MAX

struct mc_planner_catalog {
    size_t n;
    uint32_t n_skills;
    int64_t *id, *cost, *hours;
    uint8_t *unavailable;
    uint32_t *sk_start, *sk; /* skills of each offering, sorted, unique */
    uint32_t *rq_start, *rq; /* prerequisites of each offering, sorted, unique */
    uint32_t *te_start, *te; /* offerings teaching each skill */
    uint32_t *topo;          /* prerequisites first */
    uint32_t *topo_pos;
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Sort and deduplicate `n` values; returns the new count. */
static size_t sort_unique(uint32_t *v, size_t n)
{
    if (n < 2)
        return n;
    qsort(v, n, sizeof *v, cmp_u32);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

/* Append to a fixed message buffer, cutting with "..." when full. */
static void msg_add(char *buf, size_t cap, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static void msg_add(char *buf, size_t cap, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(buf + len, cap - len, fmt, ap);
    va_end(ap);
    if (k >= 0 && (size_t)k >= cap - len && cap > 4)
        memcpy(buf + cap - 4, "...", 4);
}

void mc_planner_catalog_free(struct mc_planner_catalog *c)
{
    if (!c)
        return;
    free(c->id);
    free(c->cost);
    free(c->hours);
    free(c->unavailable);
    free(c->sk_start);
    free(c->sk);
    free(c->rq_start);
    free(c->rq);
    free(c->te_start);
    free(c->te);
    free(c->topo);
    free(c->topo_pos);
    free(c);
}

size_t mc_planner_catalog_size(const struct mc_planner_catalog *c)
{
    return c ? c->n : 0;
}

/* The first prerequisite of x that the topological sort left over. */
static uint32_t first_left(const struct mc_planner_catalog *c, const uint32_t *indeg, uint32_t x)
{
    for (uint32_t k = c->rq_start[x]; k < c->rq_start[x + 1]; k++)
        if (indeg[c->rq[k]] > 0)
            return c->rq[k];
    return NONE; /* not reached: every offering left has a prerequisite left */
}

/* Kahn's algorithm over "requires" edges. When offerings are left over they lie on or behind a
 * cycle: every one left has a prerequisite left, so following those must repeat an offering. */
static enum mc_rc topo_sort(struct mc_planner_catalog *c, struct mc_err *e)
{
    size_t n = c->n;
    enum mc_rc rc = MC_OK;
    uint32_t *indeg = mc_xcalloc(n ? n : 1, sizeof *indeg);
    uint32_t *dep_start = mc_xcalloc(n + 1, sizeof *dep_start);
    uint32_t *dep = mc_xcalloc(c->rq_start[n] ? c->rq_start[n] : 1, sizeof *dep);
    uint32_t *fill = mc_xcalloc(n + 1, sizeof *fill);
    uint32_t *seen = NULL;
    for (size_t x = 0; x < n; x++) {
        indeg[x] = c->rq_start[x + 1] - c->rq_start[x];
        for (uint32_t k = c->rq_start[x]; k < c->rq_start[x + 1]; k++)
            dep_start[c->rq[k] + 1]++;
    }
    for (size_t x = 0; x < n; x++)
        dep_start[x + 1] += dep_start[x];
    memcpy(fill, dep_start, (n + 1) * sizeof *fill);
    for (size_t x = 0; x < n; x++)
        for (uint32_t k = c->rq_start[x]; k < c->rq_start[x + 1]; k++)
            dep[fill[c->rq[k]]++] = (uint32_t)x;
    size_t head = 0, tail = 0;
    for (size_t x = 0; x < n; x++)
        if (indeg[x] == 0)
            c->topo[tail++] = (uint32_t)x;
    while (head < tail) {
        uint32_t x = c->topo[head++];
        for (uint32_t k = dep_start[x]; k < dep_start[x + 1]; k++)
            if (--indeg[dep[k]] == 0)
                c->topo[tail++] = dep[k];
    }
    if (tail < n) {
        uint32_t x = 0;
        while (indeg[x] == 0)
            x++;
        /* walk prerequisites that are left until one repeats; seen[x] = step + 1 */
        seen = mc_xcalloc(n, sizeof *seen);
        uint32_t step = 0;
        while (!seen[x]) {
            seen[x] = ++step;
            x = first_left(c, indeg, x);
        }
        char cyc[MC_ERR_MSG_MAX] = "";
        uint32_t start = x;
        do {
            msg_add(cyc, sizeof cyc, "offering %u (id %lld) requires ", x, (long long)c->id[x]);
            x = first_left(c, indeg, x);
        } while (x != start);
        msg_add(cyc, sizeof cyc, "offering %u (id %lld)", start, (long long)c->id[start]);
        rc = mc_err_set(e, MC_ERR_INVALID,
                        "prerequisites form a cycle: %s; remove one of these requirements", cyc);
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        c->topo_pos[c->topo[i]] = (uint32_t)i;
out:
    free(seen);
    free(fill);
    free(dep);
    free(dep_start);
    free(indeg);
    return rc;
}

enum mc_rc mc_planner_catalog_new(const struct mc_planner_offering *offerings, size_t n,
                                  uint32_t n_skills, struct mc_planner_catalog **out,
                                  struct mc_err *e)
{
    enum mc_rc rc = MC_OK;
    *out = NULL;
    if (n >= NONE)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "too many offerings: %zu", n);
    if (n && !offerings)
        return mc_err_set(e, MC_ERR_INVALID, "no offerings array for %zu offerings", n);
    size_t total_sk = 0, total_rq = 0;
    for (size_t x = 0; x < n; x++) {
        const struct mc_planner_offering *o = &offerings[x];
        if (o->cost_cents < 0 || o->cost_cents > MC_PLANNER_MAX_COST)
            return mc_err_set(e, MC_ERR_INVALID,
                              "offering %zu (id %lld): cost %lld cents is out of range (0 to %lld)",
                              x, (long long)o->id, (long long)o->cost_cents,
                              (long long)MC_PLANNER_MAX_COST);
        if (o->hours < 0 || o->hours > MC_PLANNER_MAX_HOURS)
            return mc_err_set(e, MC_ERR_INVALID,
                              "offering %zu (id %lld): %lld hours is out of range (0 to %lld)", x,
                              (long long)o->id, (long long)o->hours,
                              (long long)MC_PLANNER_MAX_HOURS);
        if ((o->n_skills && !o->skills) || (o->n_requires && !o->requires))
            return mc_err_set(e, MC_ERR_INVALID, "offering %zu (id %lld): a list is missing", x,
                              (long long)o->id);
        for (size_t k = 0; k < o->n_skills; k++)
            if (o->skills[k] >= n_skills)
                return mc_err_set(e, MC_ERR_INVALID,
                                  "offering %zu (id %lld) teaches skill %u, but there are only "
                                  "%u skills",
                                  x, (long long)o->id, o->skills[k], n_skills);
        for (size_t k = 0; k < o->n_requires; k++) {
            if (o->requires[k] >= n)
                return mc_err_set(e, MC_ERR_INVALID,
                                  "offering %zu (id %lld) requires offering %u, but there are "
                                  "only %zu offerings",
                                  x, (long long)o->id, o->requires[k], n);
            if (o->requires[k] == x)
                return mc_err_set(e, MC_ERR_INVALID,
                                  "prerequisites form a cycle: offering %zu (id %lld) requires "
                                  "itself; remove that requirement",
                                  x, (long long)o->id);
        }
        total_sk += o->n_skills;
        total_rq += o->n_requires;
    }
    if (total_sk >= NONE || total_rq >= NONE)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "too many skills or prerequisites in the catalog");

    struct mc_planner_catalog *c = mc_xcalloc(1, sizeof *c);
    c->n = n;
    c->n_skills = n_skills;
    c->id = mc_xcalloc(n ? n : 1, sizeof *c->id);
    c->cost = mc_xcalloc(n ? n : 1, sizeof *c->cost);
    c->hours = mc_xcalloc(n ? n : 1, sizeof *c->hours);
    c->unavailable = mc_xcalloc(n ? n : 1, 1);
    c->sk_start = mc_xcalloc(n + 1, sizeof *c->sk_start);
    c->rq_start = mc_xcalloc(n + 1, sizeof *c->rq_start);
    c->sk = mc_xcalloc(total_sk ? total_sk : 1, sizeof *c->sk);
    c->rq = mc_xcalloc(total_rq ? total_rq : 1, sizeof *c->rq);
    c->te_start = mc_xcalloc((size_t)n_skills + 1, sizeof *c->te_start);
    c->topo = mc_xcalloc(n ? n : 1, sizeof *c->topo);
    c->topo_pos = mc_xcalloc(n ? n : 1, sizeof *c->topo_pos);
    uint32_t ns = 0, nr = 0;
    for (size_t x = 0; x < n; x++) {
        const struct mc_planner_offering *o = &offerings[x];
        c->id[x] = o->id;
        c->cost[x] = o->cost_cents;
        c->hours[x] = o->hours;
        c->unavailable[x] = o->unavailable;
        c->sk_start[x] = ns;
        if (o->n_skills) {
            memcpy(c->sk + ns, o->skills, o->n_skills * sizeof *c->sk);
            ns += (uint32_t)sort_unique(c->sk + ns, o->n_skills);
        }
        c->rq_start[x] = nr;
        if (o->n_requires) {
            memcpy(c->rq + nr, o->requires, o->n_requires * sizeof *c->rq);
            nr += (uint32_t)sort_unique(c->rq + nr, o->n_requires);
        }
    }
    c->sk_start[n] = ns;
    c->rq_start[n] = nr;
    /* skill -> offerings teaching it */
    for (uint32_t k = 0; k < ns; k++)
        c->te_start[c->sk[k] + 1]++;
    for (uint32_t s = 0; s < n_skills; s++)
        c->te_start[s + 1] += c->te_start[s];
    c->te = mc_xcalloc(ns ? ns : 1, sizeof *c->te);
    uint32_t *fill = mc_xcalloc((size_t)n_skills + 1, sizeof *fill);
    memcpy(fill, c->te_start, ((size_t)n_skills + 1) * sizeof *fill);
    for (size_t x = 0; x < n; x++)
        for (uint32_t k = c->sk_start[x]; k < c->sk_start[x + 1]; k++)
            c->te[fill[c->sk[k]]++] = (uint32_t)x;
    free(fill);
    rc = topo_sort(c, e);
    if (rc) {
        mc_planner_catalog_free(c);
        return rc;
    }
    *out = c;
    return MC_OK;
}

int64_t mc_planner_hours(int duration_weeks, double hours_per_week, double fallback_per_week)
{
    double per = hours_per_week >= 0 ? hours_per_week : fallback_per_week;
    if (duration_weeks <= 0 || !(per > 0))
        return 0;
    double h = ceil((double)duration_weeks * per - 1e-9);
    if (h > (double)MC_PLANNER_MAX_HOURS)
        return MC_PLANNER_MAX_HOURS;
    return (int64_t)h;
}

void mc_planner_result_free(struct mc_planner_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_steps; i++)
        free(r->steps[i].skills);
    free(r->steps);
    free(r->missing);
    free(r->unteachable);
    free(r->blocked);
    memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------------ the search */

/* A candidate at a search node, with its sort key. */
struct cand {
    uint32_t x;
    double key;
};

/*
 * The request's pool and the search state. Pool items 0..T-1 are the teachers (they teach a
 * missing skill), T..P-1 prerequisites that teach none. Skill masks are W words per item.
 */
struct bb {
    size_t P, T, W, m;
    uint32_t *off;           /* pool -> catalog index */
    int64_t *w;              /* combined weight */
    uint64_t *tm;            /* P * W: missing skills the item teaches */
    uint64_t *bm;            /* T * W: missing skills its bundle teaches */
    uint32_t *cl_start, *cl; /* T + 1: bundle (closure) members, the teacher included */
    uint32_t *cd_start, *cd; /* m + 1: undominated teachers whose bundle teaches the skill */
    uint32_t *sg_start, *sg; /* m + 1: teachers of exactly one missing skill, by (w, index) */
    uint32_t *mt_start, *mt; /* m + 1: teachers of two or more missing skills */
    uint64_t *all;           /* W: every missing skill */
    bool has_prereq;
    /* state */
    uint8_t *chosen;
    uint32_t *forb;
    uint64_t *cov; /* W */
    uint32_t *path;
    size_t npath;
    int64_t cur;
    /* best so far */
    uint32_t *best;
    size_t nbest;
    int64_t best_w;
    int64_t root_lb;
    /* scratch */
    uint64_t *vstamp; /* P: validity cache stamp */
    uint8_t *vval;
    uint64_t *istamp; /* P: residuals set up in this bound call */
    uint32_t *ml;     /* P: the usable multi teachers of this bound call */
    size_t nml;
    size_t nu;              /* uncovered skills in ul */
    double *ud, *ubest, *g; /* m: Lagrange multipliers, the best ones, the subgradient */
    double *ustore;         /* rows of m: each depth's best multipliers, for its children */
    size_t ustore_rows;
    uint32_t *share; /* P: how many bound teachers need it as a prerequisite */
    uint32_t *fix;   /* offerings fixed out by reduced costs, undone on return */
    size_t nfix, capfix;
    uint64_t stamp;
    int64_t *res, *res2; /* P */
    uint32_t *cnt;       /* P */
    uint32_t *ul;        /* m */
    int64_t *sv, *mw, *y;
    struct cand *cs;
    size_t ctop, ccap;
    uint64_t *covstack; /* (m + 1) * W */
    uint64_t *u;        /* (m + 1) * W */
    /* limits */
    uint64_t nodes, work_limit;
    double deadline; /* 0: none */
    int stop;        /* 0, 1: work limit, 2: time limit */
};

static int popcount_and(const uint64_t *a, const uint64_t *b, size_t W)
{
    int k = 0;
    for (size_t i = 0; i < W; i++)
        k += __builtin_popcountll(a[i] & b[i]);
    return k;
}

static bool is_subset(const uint64_t *a, const uint64_t *b, size_t W)
{
    for (size_t i = 0; i < W; i++)
        if (a[i] & ~b[i])
            return false;
    return true;
}

static bool lower_rank(const struct bb *s, uint32_t a, uint32_t b)
{
    return s->w[a] < s->w[b] || (s->w[a] == s->w[b] && a < b);
}

/* Can teacher x still be added here: not chosen, and neither it nor a prerequisite forbidden. */
static bool usable(const struct bb *s, uint32_t x)
{
    if (s->chosen[x])
        return false;
    for (uint32_t k = s->cl_start[x]; k < s->cl_start[x + 1]; k++)
        if (s->forb[s->cl[k]])
            return false;
    return true;
}

static bool usable_cached(struct bb *s, uint32_t x)
{
    if (s->vstamp[x] != s->stamp) {
        s->vstamp[x] = s->stamp;
        s->vval[x] = usable(s, x);
    }
    return s->vval[x];
}

/* The weight the bundle of x adds to the current plan. */
static int64_t marginal(const struct bb *s, uint32_t x)
{
    int64_t t = 0;
    for (uint32_t k = s->cl_start[x]; k < s->cl_start[x + 1]; k++)
        if (!s->chosen[s->cl[k]])
            t += s->w[s->cl[k]];
    return t;
}

/*
 * A lower bound of the weight any completion of the current node adds, for the uncovered skills
 * `U` (docs: bounds A, B and C). Returns INT64_MAX when some uncovered skill has no usable
 * teacher, and may stop early, returning a value >= `cutoff`, once the bound reaches it.
 */
static int64_t bound(struct bb *s, const uint64_t *U, int64_t cutoff)
{
    s->stamp++;
    s->nml = 0;
    size_t nu = 0;
    for (size_t i = 0; i < s->W; i++)
        for (uint64_t b = U[i]; b; b &= b - 1)
            s->ul[nu++] = (uint32_t)(i * 64 + (size_t)__builtin_ctzll(b));
    /* per skill: the cheapest usable single teacher, the cheapest teacher of all; per usable
     * multi teacher: its count of uncovered skills and its residual weights for A and B */
    for (size_t q = 0; q < nu; q++) {
        uint32_t j = s->ul[q];
        int64_t sv = INT64_MAX;
        for (uint32_t k = s->sg_start[j]; k < s->sg_start[j + 1]; k++)
            if (usable_cached(s, s->sg[k])) {
                sv = s->w[s->sg[k]];
                break;
            }
        int64_t mw = sv;
        for (uint32_t k = s->mt_start[j]; k < s->mt_start[j + 1]; k++) {
            uint32_t x = s->mt[k];
            if (!usable_cached(s, x))
                continue;
            if (s->istamp[x] != s->stamp) {
                s->istamp[x] = s->stamp;
                s->ml[s->nml++] = x;
                s->cnt[x] = (uint32_t)popcount_and(s->tm + (size_t)x * s->W, U, s->W);
                s->res[x] = s->w[x];
                s->res2[x] = s->w[x];
            }
            if (s->w[x] < mw)
                mw = s->w[x];
        }
        if (mw == INT64_MAX)
            return INT64_MAX;
        s->sv[j] = sv;
        s->mw[j] = mw;
    }
    s->nu = nu;
    /* order: dearest cheapest-teacher first (insertion sort: nu is small) */
    for (size_t q = 1; q < nu; q++) {
        uint32_t j = s->ul[q];
        size_t r = q;
        while (r > 0 && s->mw[s->ul[r - 1]] < s->mw[j]) {
            s->ul[r] = s->ul[r - 1];
            r--;
        }
        s->ul[r] = j;
    }
    /* A: dual ascent from zero */
    int64_t lba = 0;
    for (size_t q = 0; q < nu; q++) {
        uint32_t j = s->ul[q];
        int64_t y = s->sv[j];
        for (uint32_t k = s->mt_start[j]; k < s->mt_start[j + 1]; k++) {
            uint32_t x = s->mt[k];
            if (s->vval[x] && s->res[x] < y)
                y = s->res[x];
        }
        lba += y;
        for (uint32_t k = s->mt_start[j]; k < s->mt_start[j + 1]; k++) {
            uint32_t x = s->mt[k];
            if (s->vval[x])
                s->res[x] -= y;
        }
    }
    if (lba >= cutoff)
        return lba;
    /* B: cost-per-skill shares, then the same ascent over what is left */
    for (size_t q = 0; q < nu; q++) {
        uint32_t j = s->ul[q];
        int64_t y = s->sv[j];
        for (uint32_t k = s->mt_start[j]; k < s->mt_start[j + 1]; k++) {
            uint32_t x = s->mt[k];
            if (s->vval[x] && s->w[x] / s->cnt[x] < y)
                y = s->w[x] / s->cnt[x];
        }
        s->y[j] = y;
        for (uint32_t k = s->mt_start[j]; k < s->mt_start[j + 1]; k++) {
            uint32_t x = s->mt[k];
            if (s->vval[x])
                s->res2[x] -= y;
        }
    }
    int64_t lbb = 0;
    for (size_t q = 0; q < nu; q++) {
        uint32_t j = s->ul[q];
        int64_t d = s->sv[j] - s->y[j];
        for (uint32_t k = s->mt_start[j]; k < s->mt_start[j + 1]; k++) {
            uint32_t x = s->mt[k];
            if (s->vval[x] && s->res2[x] < d)
                d = s->res2[x];
        }
        for (uint32_t k = s->mt_start[j]; k < s->mt_start[j + 1]; k++) {
            uint32_t x = s->mt[k];
            if (s->vval[x])
                s->res2[x] -= d;
        }
        s->y[j] += d;
        lbb += s->y[j];
    }
    int64_t lb = lba > lbb ? lba : lbb;
    if (lb >= cutoff || !s->has_prereq)
        return lb;
    /* C: some bundle teaching the skill must be added whole */
    for (size_t q = 0; q < nu; q++) {
        uint32_t j = s->ul[q];
        int64_t best = INT64_MAX;
        for (uint32_t k = s->sg_start[j]; k < s->sg_start[j + 1]; k++) {
            uint32_t x = s->sg[k];
            if (s->w[x] >= best)
                break;
            if (usable_cached(s, x)) {
                int64_t mc = marginal(s, x);
                if (mc < best)
                    best = mc;
            }
        }
        for (uint32_t k = s->mt_start[j]; k < s->mt_start[j + 1]; k++) {
            uint32_t x = s->mt[k];
            if (s->w[x] < best && usable_cached(s, x)) {
                int64_t mc = marginal(s, x);
                if (mc < best)
                    best = mc;
            }
        }
        if (best > lb)
            lb = best;
    }
    return lb;
}

/* Weight minus the multipliers of the uncovered skills x teaches (its reduced cost). */
static double reduced_d(const struct bb *s, uint32_t x, const uint64_t *U, const double *u)
{
    double r = (double)s->w[x];
    for (size_t i = 0; i < s->W; i++)
        for (uint64_t b = s->tm[(size_t)x * s->W + i] & U[i]; b; b &= b - 1)
            r -= u[i * 64 + (size_t)__builtin_ctzll(b)];
    return r;
}

static __int128 reduced_i(const struct bb *s, uint32_t x, const uint64_t *U, const int64_t *u)
{
    __int128 r = s->w[x];
    for (size_t i = 0; i < s->W; i++)
        for (uint64_t b = s->tm[(size_t)x * s->W + i] & U[i]; b; b &= b - 1)
            r -= u[i * 64 + (size_t)__builtin_ctzll(b)];
    return r;
}

/* The reduced cost of teacher x plus its share of the positive reduced costs of the
 * prerequisites it would bring in (each split among all the teachers that need it). */
static double adjusted_d(const struct bb *s, uint32_t x, const uint64_t *U, const double *u)
{
    double r = reduced_d(s, x, U, u);
    for (uint32_t k = s->cl_start[x] + 1; k < s->cl_start[x + 1]; k++) {
        uint32_t p = s->cl[k];
        if (s->chosen[p])
            continue;
        double rp = reduced_d(s, p, U, u);
        if (rp > 0)
            r += rp / s->share[p];
    }
    return r;
}

/* The same in integers, the shares rounded down (so never above the exact value). */
static __int128 adjusted_i(const struct bb *s, uint32_t x, const uint64_t *U, const int64_t *u)
{
    __int128 r = reduced_i(s, x, U, u);
    for (uint32_t k = s->cl_start[x] + 1; k < s->cl_start[x + 1]; k++) {
        uint32_t p = s->cl[k];
        if (s->chosen[p])
            continue;
        __int128 rp = reduced_i(s, p, U, u);
        if (rp > 0)
            r += rp / s->share[p];
    }
    return r;
}

static void fix_out(struct bb *s, uint32_t x)
{
    if (s->nfix == s->capfix) {
        s->capfix *= 2;
        s->fix = mc_xreallocarray(s->fix, s->capfix, sizeof *s->fix);
    }
    s->fix[s->nfix++] = x;
    s->forb[x]++;
}

/*
 * Lagrangian bound (bound D in the docs). Relax "every uncovered skill is taught" with
 * multipliers u >= 0: any completion Z weighs at least sum u_j + sum over x in Z of the reduced
 * cost rc_x = w_x - (u_j of the uncovered skills x teaches). Keeping the prerequisites, each
 * teacher x with rc_x < 0 also pays, for each prerequisite p it brings in with rc_p > 0, the
 * share rc_p / share[p] (at most share[p] teachers of Z need p, and p is paid once), so
 * L(u) = sum u_j + sum over usable teachers of min(0, adjusted rc) is below every completion.
 * Subgradient steps move u towards the best L, from the parent's multipliers (at the root,
 * from the dual of bound B). The best multipliers are rounded down and L recomputed in
 * integers, so the bound is exact. Then reduced-cost fixing: a teacher that no bound teacher
 * needs, or whose own rc is negative, and whose adjusted rc is >= ub - L cannot be in a plan
 * better than the incumbent, so it is forbidden below this node (undone by the caller).
 * Must follow a call of bound() for the same node (it uses ul, ml, mw and the caches).
 */
static int64_t lagrange(struct bb *s, const uint64_t *U, size_t depth, int64_t ub)
{
    size_t nu = s->nu, m = s->m;
    double *u = s->ud, *g = s->g;
    if (depth >= s->ustore_rows) { /* rows as deep as the search goes, not m of them */
        s->ustore_rows = (depth + 1) * 2;
        s->ustore = mc_xreallocarray(s->ustore, s->ustore_rows * m, sizeof *s->ustore);
    }
    const double *parent = depth > 0 ? s->ustore + (depth - 1) * m : NULL;
    for (size_t q = 0; q < nu; q++) {
        uint32_t j = s->ul[q];
        u[j] = parent ? parent[j] : (double)s->y[j];
        s->ubest[j] = u[j];
    }
    int iters = depth == 0 ? 300 : 30, patience = depth == 0 ? 20 : 5, stall = 0;
    double lambda = depth == 0 ? 2.0 : 0.5, best = -1.0;
    for (int it = 0; it < iters; it++) {
        double L = 0;
        for (size_t q = 0; q < nu; q++) {
            uint32_t j = s->ul[q];
            L += u[j];
            g[j] = 1;
            for (uint32_t k = s->sg_start[j]; k < s->sg_start[j + 1]; k++) {
                uint32_t x = s->sg[k];
                if ((double)s->w[x] >= u[j])
                    break;
                if (usable_cached(s, x)) {
                    L += (double)s->w[x] - u[j];
                    g[j] -= 1;
                }
            }
        }
        for (size_t k = 0; k < s->nml; k++) {
            uint32_t x = s->ml[k];
            double r = adjusted_d(s, x, U, u);
            if (r < 0) {
                L += r;
                for (size_t i = 0; i < s->W; i++)
                    for (uint64_t b = s->tm[(size_t)x * s->W + i] & U[i]; b; b &= b - 1)
                        g[i * 64 + (size_t)__builtin_ctzll(b)] -= 1;
            }
        }
        if (L > best) {
            best = L;
            for (size_t q = 0; q < nu; q++)
                s->ubest[s->ul[q]] = u[s->ul[q]];
            stall = 0;
        } else if (++stall >= patience) {
            lambda /= 2;
            stall = 0;
        }
        if (best >= (double)ub)
            break;
        double norm = 0;
        for (size_t q = 0; q < nu; q++)
            norm += g[s->ul[q]] * g[s->ul[q]];
        if (norm == 0)
            break; /* the relaxed solution teaches every skill exactly once */
        double step = lambda * ((double)ub - L) / norm;
        for (size_t q = 0; q < nu; q++) {
            uint32_t j = s->ul[q];
            double v = u[j] + step * g[j];
            /* past the cheapest teacher's weight a multiplier only adds penalties */
            u[j] = v < 0 ? 0 : v > (double)s->mw[j] ? (double)s->mw[j] : v;
        }
    }
    /* exact integer bound with the best multipliers, rounded down */
    int64_t *ui = s->sv; /* reused: the singles' weights are not needed any more */
    __int128 L = 0;
    for (size_t q = 0; q < nu; q++) {
        uint32_t j = s->ul[q];
        double v = floor(s->ubest[j]);
        ui[j] = v <= 0 ? 0 : (int64_t)v;
        L += ui[j];
        for (uint32_t k = s->sg_start[j]; k < s->sg_start[j + 1]; k++) {
            uint32_t x = s->sg[k];
            if (s->w[x] >= ui[j])
                break;
            if (usable_cached(s, x))
                L += (__int128)s->w[x] - ui[j];
        }
    }
    for (size_t k = 0; k < s->nml; k++) {
        __int128 r = adjusted_i(s, s->ml[k], U, ui);
        if (r < 0)
            L += r;
    }
    double *keep = s->ustore + depth * m;
    for (size_t q = 0; q < nu; q++)
        keep[s->ul[q]] = s->ubest[s->ul[q]];
    if (L >= ub)
        return ub;
    if (L < 0)
        return 0;
    /* reduced-cost fixing */
    for (size_t q = 0; q < nu; q++) {
        uint32_t j = s->ul[q];
        for (uint32_t k = s->sg_start[j]; k < s->sg_start[j + 1]; k++) {
            uint32_t x = s->sg[k];
            if (!s->forb[x] && s->share[x] == 0 && usable_cached(s, x) && L + s->w[x] - ui[j] >= ub)
                fix_out(s, x);
        }
    }
    for (size_t k = 0; k < s->nml; k++) {
        uint32_t x = s->ml[k];
        if (s->forb[x] || (s->share[x] > 0 && reduced_i(s, x, U, ui) >= 0))
            continue;
        __int128 r = adjusted_i(s, x, U, ui);
        if (r >= 0 && L + r >= ub)
            fix_out(s, x);
    }
    return (int64_t)L;
}

/* Add the bundle of teacher x to the plan. */
static void take(struct bb *s, uint32_t x)
{
    for (uint32_t k = s->cl_start[x]; k < s->cl_start[x + 1]; k++) {
        uint32_t c = s->cl[k];
        if (!s->chosen[c]) {
            s->chosen[c] = 1;
            s->path[s->npath++] = c;
            s->cur += s->w[c];
        }
    }
    for (size_t i = 0; i < s->W; i++)
        s->cov[i] |= s->bm[(size_t)x * s->W + i];
}

static void untake(struct bb *s, size_t npath, int64_t cur, const uint64_t *cov)
{
    while (s->npath > npath)
        s->chosen[s->path[--s->npath]] = 0;
    s->cur = cur;
    memcpy(s->cov, cov, s->W * sizeof *cov);
}

static bool all_covered(const struct bb *s)
{
    for (size_t i = 0; i < s->W; i++)
        if ((s->cov[i] & s->all[i]) != s->all[i])
            return false;
    return true;
}

static void record(struct bb *s)
{
    if (s->cur >= s->best_w)
        return;
    s->best_w = s->cur;
    s->nbest = s->npath;
    memcpy(s->best, s->path, s->npath * sizeof *s->path);
}

static int cmp_cand(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->x > y->x) - (x->x < y->x);
}

static void search(struct bb *s, size_t depth)
{
    if (s->work_limit && s->nodes >= s->work_limit) {
        s->stop = 1;
        return;
    }
    s->nodes++;
    if (s->deadline > 0 && (s->nodes & 63) == 0 && now_ms() > s->deadline) {
        s->stop = 2;
        return;
    }
    if (all_covered(s)) {
        record(s);
        return;
    }
    uint64_t *U = s->u + depth * s->W;
    for (size_t i = 0; i < s->W; i++)
        U[i] = s->all[i] & ~s->cov[i];
    int64_t ub = s->best_w - s->cur;
    int64_t lb = bound(s, U, ub);
    size_t nfix = s->nfix;
    if (lb != INT64_MAX && lb < ub) {
        int64_t ll = lagrange(s, U, depth, ub);
        if (ll > lb)
            lb = ll;
    }
    if (depth == 0)
        s->root_lb = lb == INT64_MAX || lb > ub ? s->best_w : lb;
    if (lb == INT64_MAX || lb >= ub)
        goto out;
    /* the uncovered skill with the fewest usable candidates */
    uint32_t bj = NONE, bn = NONE;
    for (size_t i = 0; i < s->W && bn > 1; i++)
        for (uint64_t b = U[i]; b && bn > 1; b &= b - 1) {
            uint32_t j = (uint32_t)(i * 64 + (size_t)__builtin_ctzll(b));
            uint32_t k = 0;
            for (uint32_t q = s->cd_start[j]; q < s->cd_start[j + 1] && k < bn; q++)
                if (usable(s, s->cd[q]))
                    k++;
            if (k == 0)
                goto out;
            if (k < bn) {
                bn = k;
                bj = j;
            }
        }
    /* candidates, cheapest marginal weight per newly covered skill first */
    size_t base = s->ctop;
    if (s->ctop + bn > s->ccap) {
        s->ccap = (s->ctop + bn) * 2;
        s->cs = mc_xreallocarray(s->cs, s->ccap, sizeof *s->cs);
    }
    for (uint32_t q = s->cd_start[bj]; q < s->cd_start[bj + 1]; q++) {
        uint32_t x = s->cd[q];
        if (!usable(s, x))
            continue;
        int k = popcount_and(s->bm + (size_t)x * s->W, U, s->W);
        s->cs[s->ctop].x = x;
        s->cs[s->ctop].key = (double)marginal(s, x) / (double)k;
        s->ctop++;
    }
    size_t n = s->ctop - base;
    qsort(s->cs + base, n, sizeof *s->cs, cmp_cand);
    uint64_t *saved = s->covstack + depth * s->W;
    memcpy(saved, s->cov, s->W * sizeof *saved);
    size_t npath = s->npath;
    int64_t cur = s->cur;
    size_t forbidden = 0;
    for (size_t i = 0; i < n && !s->stop; i++) {
        uint32_t x = s->cs[base + i].x;
        if (!usable(s, x) || s->cur + marginal(s, x) >= s->best_w) {
            s->forb[x]++;
            forbidden++;
            continue;
        }
        take(s, x);
        search(s, depth + 1);
        untake(s, npath, cur, saved);
        /* later siblings do without x: every set with x was searched under this branch */
        s->forb[x]++;
        forbidden++;
    }
    for (size_t i = 0; i < forbidden; i++)
        s->forb[s->cs[base + i].x]--;
    s->ctop = base;
out:
    while (s->nfix > nfix)
        s->forb[s->fix[--s->nfix]]--;
}

/* Greedy first plan: repeatedly the bundle with the least marginal weight per new skill; then
 * drop, dearest first, offerings nothing requires whose skills the rest still teach, until none
 * is left to drop. Leaves the search state empty. */
static void greedy(struct bb *s, const struct mc_planner_catalog *c)
{
    uint64_t *U = s->u;
    while (!all_covered(s)) {
        for (size_t i = 0; i < s->W; i++)
            U[i] = s->all[i] & ~s->cov[i];
        uint32_t bx = NONE;
        double bk = 0;
        for (size_t i = 0; i < s->W; i++)
            for (uint64_t b = U[i]; b; b &= b - 1) {
                uint32_t j = (uint32_t)(i * 64 + (size_t)__builtin_ctzll(b));
                for (uint32_t q = s->cd_start[j]; q < s->cd_start[j + 1]; q++) {
                    uint32_t x = s->cd[q];
                    if (s->chosen[x])
                        continue;
                    int k = popcount_and(s->bm + (size_t)x * s->W, U, s->W);
                    double key = (double)marginal(s, x) / (double)k;
                    if (bx == NONE || key < bk || (key == bk && x < bx)) {
                        bx = x;
                        bk = key;
                    }
                }
            }
        if (bx == NONE)
            return; /* cannot happen: every missing skill has a candidate */
        take(s, bx);
    }
    /* drop redundant offerings, dearest first */
    for (size_t i = 1; i < s->npath; i++) {
        uint32_t x = s->path[i];
        size_t r = i;
        while (r > 0 && lower_rank(s, s->path[r - 1], x)) {
            s->path[r] = s->path[r - 1];
            r--;
        }
        s->path[r] = x;
    }
    uint64_t *cov = s->covstack;
    for (size_t i = 0; i < s->npath;) {
        uint32_t x = s->path[i];
        bool needed = false;
        uint32_t ox = s->off[x];
        for (size_t k = 0; k < s->npath && !needed; k++) {
            uint32_t y = s->off[s->path[k]];
            for (uint32_t q = c->rq_start[y]; q < c->rq_start[y + 1]; q++)
                if (c->rq[q] == ox)
                    needed = true;
        }
        if (!needed) {
            memset(cov, 0, s->W * sizeof *cov);
            for (size_t k = 0; k < s->npath; k++)
                if (k != i)
                    for (size_t q = 0; q < s->W; q++)
                        cov[q] |= s->tm[(size_t)s->path[k] * s->W + q];
            if (is_subset(s->all, cov, s->W)) {
                s->chosen[x] = 0;
                s->cur -= s->w[x];
                memmove(s->path + i, s->path + i + 1, (s->npath - i - 1) * sizeof *s->path);
                s->npath--;
                i = 0; /* its prerequisites may have become redundant too */
                continue;
            }
        }
        i++;
    }
    record(s);
    while (s->npath)
        s->chosen[s->path[--s->npath]] = 0;
    s->cur = 0;
    memset(s->cov, 0, s->W * sizeof *s->cov);
}

/* ------------------------------------------------------------------ the request */

struct req {
    uint8_t *held_sk, *held_off;
    int32_t *midx;   /* catalog skill -> missing index, -1 */
    uint32_t *blk;   /* catalog offering -> NONE when takeable (or held), else the blocker */
    int32_t *pmap;   /* catalog offering -> pool index, -1 */
    uint32_t *mlist; /* missing index -> catalog skill */
    uint32_t *stack;
};

static void req_free(struct req *q)
{
    free(q->held_sk);
    free(q->held_off);
    free(q->midx);
    free(q->blk);
    free(q->pmap);
    free(q->mlist);
    free(q->stack);
}

static void bb_free(struct bb *s)
{
    free(s->off);
    free(s->w);
    free(s->tm);
    free(s->bm);
    free(s->cl_start);
    free(s->cl);
    free(s->cd_start);
    free(s->cd);
    free(s->sg_start);
    free(s->sg);
    free(s->mt_start);
    free(s->mt);
    free(s->all);
    free(s->chosen);
    free(s->forb);
    free(s->cov);
    free(s->path);
    free(s->best);
    free(s->vstamp);
    free(s->vval);
    free(s->istamp);
    free(s->ml);
    free(s->ud);
    free(s->ubest);
    free(s->g);
    free(s->ustore);
    free(s->fix);
    free(s->share);
    free(s->res);
    free(s->res2);
    free(s->cnt);
    free(s->ul);
    free(s->sv);
    free(s->mw);
    free(s->y);
    free(s->cs);
    free(s->covstack);
    free(s->u);
}

static enum mc_rc check_ids(const uint32_t *v, size_t n, uint32_t max, const char *what,
                            struct mc_err *e)
{
    if (n && !v)
        return mc_err_set(e, MC_ERR_INVALID, "the %s list is missing", what);
    for (size_t i = 0; i < n; i++)
        if (v[i] >= max)
            return mc_err_set(e, MC_ERR_INVALID, "%s %u (entry %zu) is out of range: there are %u",
                              what, v[i], i, max);
    return MC_OK;
}

/* The missing skills no takeable offering teaches: fills unteachable, blocked and reason. */
static void explain_impossible(const struct mc_planner_catalog *c, const struct req *q,
                               const uint8_t *teachable, size_t m, struct mc_planner_result *out)
{
    size_t nu = 0, nb = 0;
    for (size_t j = 0; j < m; j++) {
        uint32_t sk = q->mlist[j];
        if (teachable[j])
            continue;
        if (c->te_start[sk] == c->te_start[sk + 1])
            nu++;
        else
            nb += c->te_start[sk + 1] - c->te_start[sk];
    }
    out->unteachable = mc_xcalloc(nu ? nu : 1, sizeof *out->unteachable);
    out->blocked = mc_xcalloc(nb ? nb : 1, sizeof *out->blocked);
    char *r = out->reason;
    size_t cap = sizeof out->reason;
    r[0] = 0;
    for (size_t j = 0; j < m; j++) {
        uint32_t sk = q->mlist[j];
        if (!teachable[j] && c->te_start[sk] == c->te_start[sk + 1])
            out->unteachable[out->n_unteachable++] = sk;
    }
    if (out->n_unteachable) {
        msg_add(r, cap, "no offering teaches skill%s", out->n_unteachable > 1 ? "s" : "");
        for (size_t i = 0; i < out->n_unteachable; i++)
            msg_add(r, cap, "%s %u", i ? "," : "", out->unteachable[i]);
    }
    for (size_t j = 0; j < m; j++) {
        uint32_t sk = q->mlist[j];
        if (teachable[j] || c->te_start[sk] == c->te_start[sk + 1])
            continue;
        msg_add(r, cap, "%sskill %u is taught only by offerings that cannot be taken (",
                r[0] ? "; " : "", sk);
        for (uint32_t k = c->te_start[sk]; k < c->te_start[sk + 1]; k++) {
            uint32_t x = c->te[k], b = q->blk[x];
            out->blocked[out->n_blocked++] =
                    (struct mc_planner_blocked){ .skill = sk, .offering = x, .blocker = b };
            if (b == x)
                msg_add(r, cap, "%sid %lld is unavailable", k > c->te_start[sk] ? "; " : "",
                        (long long)c->id[x]);
            else
                msg_add(r, cap, "%sid %lld needs id %lld, which is unavailable",
                        k > c->te_start[sk] ? "; " : "", (long long)c->id[x], (long long)c->id[b]);
        }
        msg_add(r, cap, ")");
    }
}

enum mc_rc mc_planner_solve(const struct mc_planner_catalog *c, const struct mc_planner_request *r,
                            struct mc_planner_result *out, struct mc_err *e)
{
    double t0 = now_ms();
    enum mc_rc rc = MC_OK;
    struct req q = { 0 };
    struct bb s = { 0 };
    uint8_t *teachable = NULL;
    uint32_t *tmp = NULL;
    memset(out, 0, sizeof *out);
    if (!c || !r)
        return mc_err_set(e, MC_ERR_INVALID, "no catalog or no request");
    if (r->objective != MC_PLANNER_COST && r->objective != MC_PLANNER_TIME)
        return mc_err_set(e, MC_ERR_INVALID, "unknown objective %d", (int)r->objective);
    if (r->time_limit_ms < 0)
        return mc_err_set(e, MC_ERR_INVALID, "negative time limit");
    rc = check_ids(r->held_skills, r->n_held_skills, c->n_skills, "held skill", e);
    if (!rc)
        rc = check_ids(r->target, r->n_target, c->n_skills, "target skill", e);
    if (!rc)
        rc = check_ids(r->held_offerings, r->n_held_offerings, (uint32_t)c->n, "held offering", e);
    if (rc)
        return rc;
    size_t n = c->n, ns = c->n_skills;

    /* 1. what is missing */
    q.held_sk = mc_xcalloc(ns ? ns : 1, 1);
    q.held_off = mc_xcalloc(n ? n : 1, 1);
    q.midx = mc_xmalloc((ns ? ns : 1) * sizeof *q.midx);
    for (size_t i = 0; i < r->n_held_skills; i++)
        q.held_sk[r->held_skills[i]] = 1;
    for (size_t i = 0; i < r->n_held_offerings; i++) {
        uint32_t x = r->held_offerings[i];
        q.held_off[x] = 1;
        for (uint32_t k = c->sk_start[x]; k < c->sk_start[x + 1]; k++)
            q.held_sk[c->sk[k]] = 1;
    }
    for (size_t i = 0; i < ns; i++)
        q.midx[i] = -1;
    tmp = mc_xcalloc(r->n_target ? r->n_target : 1, sizeof *tmp);
    size_t m = 0;
    for (size_t i = 0; i < r->n_target; i++)
        if (!q.held_sk[r->target[i]])
            tmp[m++] = r->target[i];
    m = sort_unique(tmp, m);
    q.mlist = tmp;
    tmp = NULL;
    out->missing = mc_xcalloc(m ? m : 1, sizeof *out->missing);
    memcpy(out->missing, q.mlist, m * sizeof *q.mlist);
    out->n_missing = m;
    for (size_t j = 0; j < m; j++)
        q.midx[q.mlist[j]] = (int32_t)j;
    if (m == 0) {
        out->status = MC_PLANNER_NOTHING_MISSING;
        out->optimal = true;
        goto done;
    }

    /* 2. which offerings can be taken: in topological order, prerequisites first */
    q.blk = mc_xmalloc((n ? n : 1) * sizeof *q.blk);
    for (size_t i = 0; i < n; i++) {
        uint32_t x = c->topo[i];
        uint32_t b = NONE;
        if (!q.held_off[x]) {
            if (c->unavailable[x])
                b = x;
            for (uint32_t k = c->rq_start[x]; k < c->rq_start[x + 1] && b == NONE; k++)
                b = q.blk[c->rq[k]];
        }
        q.blk[x] = b;
    }
    teachable = mc_xcalloc(m, 1);
    bool impossible = false;
    size_t T = 0;
    q.pmap = mc_xmalloc((n ? n : 1) * sizeof *q.pmap);
    for (size_t i = 0; i < n; i++)
        q.pmap[i] = -1;
    for (size_t j = 0; j < m; j++) {
        uint32_t sk = q.mlist[j];
        for (uint32_t k = c->te_start[sk]; k < c->te_start[sk + 1]; k++) {
            uint32_t x = c->te[k];
            if (q.blk[x] == NONE && !q.held_off[x]) {
                teachable[j] = 1;
                if (q.pmap[x] < 0)
                    q.pmap[x] = (int32_t)T++;
            }
        }
        if (!teachable[j])
            impossible = true;
    }
    if (impossible) {
        explain_impossible(c, &q, teachable, m, out);
        out->status = MC_PLANNER_IMPOSSIBLE;
        goto done;
    }

    /* 3. the pool: teachers first, then the prerequisites of their bundles */
    size_t P = T, W = (m + 63) / 64;
    s.off = mc_xmalloc((n ? n : 1) * sizeof *s.off);
    for (size_t x = 0; x < n; x++)
        if (q.pmap[x] >= 0)
            s.off[q.pmap[x]] = (uint32_t)x;
    s.cl_start = mc_xcalloc(T + 1, sizeof *s.cl_start);
    size_t clcap = T * 2, ncl = 0;
    s.cl = mc_xmalloc(clcap * sizeof *s.cl);
    q.stack = mc_xmalloc((n ? n : 1) * sizeof *q.stack);
    uint32_t *seen = mc_xcalloc(n ? n : 1, sizeof *seen); /* stamp: teacher index + 1 */
    for (size_t t = 0; t < T; t++) {
        s.cl_start[t] = (uint32_t)ncl;
        size_t sp = 0;
        q.stack[sp++] = s.off[t];
        seen[s.off[t]] = (uint32_t)t + 1;
        while (sp) {
            uint32_t x = q.stack[--sp];
            if (q.pmap[x] < 0) {
                q.pmap[x] = (int32_t)P;
                s.off[P++] = x;
            }
            if (ncl == clcap) {
                clcap *= 2;
                s.cl = mc_xreallocarray(s.cl, clcap, sizeof *s.cl);
            }
            s.cl[ncl++] = (uint32_t)q.pmap[x];
            for (uint32_t k = c->rq_start[x]; k < c->rq_start[x + 1]; k++) {
                uint32_t y = c->rq[k];
                if (!q.held_off[y] && seen[y] != t + 1) {
                    seen[y] = (uint32_t)t + 1;
                    q.stack[sp++] = y;
                }
            }
        }
        if (ncl - s.cl_start[t] > 1)
            s.has_prereq = true;
    }
    s.cl_start[T] = (uint32_t)ncl;
    free(seen);
    s.P = P;
    s.T = T;
    s.W = W;
    s.m = m;

    /* 4. weights: (primary, secondary) folded into one number */
    const int64_t *prim = r->objective == MC_PLANNER_COST ? c->cost : c->hours;
    const int64_t *sec = r->objective == MC_PLANNER_COST ? c->hours : c->cost;
    int64_t sum_p = 0, sum_s = 0, K, big;
    for (size_t i = 0; i < P; i++) {
        sum_p += prim[s.off[i]];
        sum_s += sec[s.off[i]];
    }
    if (__builtin_add_overflow(sum_s, 1, &K) || __builtin_mul_overflow(sum_p, K, &big) ||
        __builtin_add_overflow(big, sum_s, &big) || big > INT64_MAX / 4) {
        rc = mc_err_set(e, MC_ERR_TOO_LARGE,
                        "the costs and hours of the %zu offerings involved are too large to "
                        "compare exactly",
                        P);
        goto out;
    }
    s.w = mc_xmalloc(P * sizeof *s.w);
    for (size_t i = 0; i < P; i++)
        s.w[i] = prim[s.off[i]] * K + sec[s.off[i]];
    s.tm = mc_xcalloc(P * W, sizeof *s.tm);
    for (size_t i = 0; i < P; i++) {
        uint32_t x = s.off[i];
        for (uint32_t k = c->sk_start[x]; k < c->sk_start[x + 1]; k++) {
            int32_t j = q.midx[c->sk[k]];
            if (j >= 0)
                s.tm[i * W + (size_t)j / 64] |= 1ULL << (j % 64);
        }
    }
    s.bm = mc_xcalloc(T * W, sizeof *s.bm);
    for (size_t t = 0; t < T; t++)
        for (uint32_t k = s.cl_start[t]; k < s.cl_start[t + 1]; k++)
            for (size_t i = 0; i < W; i++)
                s.bm[t * W + i] |= s.tm[(size_t)s.cl[k] * W + i];
    s.all = mc_xcalloc(W, sizeof *s.all);
    for (size_t j = 0; j < m; j++)
        s.all[j / 64] |= 1ULL << (j % 64);

    /* 5. per skill, the teachers whose bundle teaches it (for dominance and branching) */
    uint32_t *bt_start = mc_xcalloc(m + 1, sizeof *bt_start);
    for (size_t t = 0; t < T; t++)
        for (size_t i = 0; i < W; i++)
            for (uint64_t b = s.bm[t * W + i]; b; b &= b - 1)
                bt_start[i * 64 + (size_t)__builtin_ctzll(b) + 1]++;
    for (size_t j = 0; j < m; j++)
        bt_start[j + 1] += bt_start[j];
    uint32_t *bt = mc_xmalloc((bt_start[m] ? bt_start[m] : 1) * sizeof *bt);
    {
        uint32_t *fb = mc_xmalloc((m + 1) * sizeof *fb);
        memcpy(fb, bt_start, (m + 1) * sizeof *fb);
        for (size_t t = 0; t < T; t++)
            for (size_t i = 0; i < W; i++)
                for (uint64_t b = s.bm[t * W + i]; b; b &= b - 1)
                    bt[fb[i * 64 + (size_t)__builtin_ctzll(b)]++] = (uint32_t)t;
        free(fb);
    }

    /* 6. dominance */
    uint8_t *dom = mc_xcalloc(T ? T : 1, 1);
    {
        /* per skill, the best teacher of it without prerequisites */
        uint32_t *free_best = mc_xmalloc(m * sizeof *free_best);
        for (size_t j = 0; j < m; j++)
            free_best[j] = NONE;
        for (size_t t = 0; t < T; t++) {
            if (s.cl_start[t + 1] - s.cl_start[t] != 1)
                continue;
            for (size_t i = 0; i < W; i++)
                for (uint64_t b = s.tm[t * W + i]; b; b &= b - 1) {
                    size_t j = i * 64 + (size_t)__builtin_ctzll(b);
                    if (free_best[j] == NONE || lower_rank(&s, (uint32_t)t, free_best[j]))
                        free_best[j] = (uint32_t)t;
                }
        }
        uint8_t *mark = mc_xcalloc(P, 1);
        for (size_t b = 0; b < T; b++) {
            /* the rarest skill b teaches, and the fast case of one skill */
            size_t jr = m, own = 0;
            for (size_t i = 0; i < W; i++)
                for (uint64_t v = s.tm[b * W + i]; v; v &= v - 1) {
                    size_t j = i * 64 + (size_t)__builtin_ctzll(v);
                    own++;
                    if (jr == m || bt_start[j + 1] - bt_start[j] < bt_start[jr + 1] - bt_start[jr])
                        jr = j;
                }
            if (own == 1 && free_best[jr] != NONE && free_best[jr] != b &&
                lower_rank(&s, free_best[jr], (uint32_t)b)) {
                dom[b] = 1;
                continue;
            }
            for (uint32_t k = s.cl_start[b]; k < s.cl_start[b + 1]; k++)
                mark[s.cl[k]] = 1;
            for (uint32_t k = bt_start[jr]; k < bt_start[jr + 1] && !dom[b]; k++) {
                uint32_t a = bt[k];
                if (a == b || !lower_rank(&s, a, (uint32_t)b) ||
                    !is_subset(s.tm + b * W, s.bm + (size_t)a * W, W))
                    continue;
                bool sub = true;
                for (uint32_t z = s.cl_start[a]; z < s.cl_start[a + 1] && sub; z++)
                    if (s.cl[z] != a && (!mark[s.cl[z]] || s.cl[z] == b))
                        sub = false;
                if (sub)
                    dom[b] = 1;
            }
            for (uint32_t k = s.cl_start[b]; k < s.cl_start[b + 1]; k++)
                mark[s.cl[k]] = 0;
        }
        free(mark);
        free(free_best);
    }
    s.cd_start = mc_xcalloc(m + 1, sizeof *s.cd_start);
    for (size_t j = 0; j < m; j++) {
        uint32_t k = 0;
        for (uint32_t z = bt_start[j]; z < bt_start[j + 1]; z++)
            k += !dom[bt[z]];
        s.cd_start[j + 1] = s.cd_start[j] + k;
    }
    s.cd = mc_xmalloc((s.cd_start[m] ? s.cd_start[m] : 1) * sizeof *s.cd);
    for (size_t j = 0, k = 0; j < m; j++)
        for (uint32_t z = bt_start[j]; z < bt_start[j + 1]; z++)
            if (!dom[bt[z]])
                s.cd[k++] = bt[z];
    out->n_candidates = T;
    for (size_t t = 0; t < T; t++)
        out->n_branchable += !dom[t];
    /* The bounds need only the teachers a plan made of undominated bundles can contain: the
     * members of those bundles. Singles teach one missing skill and need no prerequisite; the
     * others are "multis". share[p]: how many of those teachers need p. */
    uint8_t *reach = mc_xcalloc(P, 1);
    for (size_t t = 0; t < T; t++)
        if (!dom[t])
            for (uint32_t k = s.cl_start[t]; k < s.cl_start[t + 1]; k++)
                reach[s.cl[k]] = 1;
    s.share = mc_xcalloc(P, sizeof *s.share);
    for (size_t t = 0; t < T; t++)
        if (reach[t])
            for (uint32_t k = s.cl_start[t] + 1; k < s.cl_start[t + 1]; k++)
                s.share[s.cl[k]]++;
    s.sg_start = mc_xcalloc(m + 1, sizeof *s.sg_start);
    s.mt_start = mc_xcalloc(m + 1, sizeof *s.mt_start);
    for (int pass = 0; pass < 2; pass++) {
        for (size_t t = 0; t < T; t++) {
            if (!reach[t])
                continue;
            bool single = popcount_and(s.tm + t * W, s.all, W) == 1 &&
                          s.cl_start[t + 1] - s.cl_start[t] == 1;
            uint32_t *start = single ? s.sg_start : s.mt_start;
            uint32_t *list = single ? s.sg : s.mt;
            for (size_t i = 0; i < W; i++)
                for (uint64_t b = s.tm[t * W + i]; b; b &= b - 1) {
                    size_t j = i * 64 + (size_t)__builtin_ctzll(b);
                    if (pass == 0)
                        start[j + 1]++;
                    else
                        list[start[j]++] = (uint32_t)t;
                }
        }
        if (pass == 0) {
            for (size_t j = 0; j < m; j++) {
                s.sg_start[j + 1] += s.sg_start[j];
                s.mt_start[j + 1] += s.mt_start[j];
            }
            s.sg = mc_xmalloc((s.sg_start[m] ? s.sg_start[m] : 1) * sizeof *s.sg);
            s.mt = mc_xmalloc((s.mt_start[m] ? s.mt_start[m] : 1) * sizeof *s.mt);
        } else {
            /* the second pass moved each start to the next one's: shift back */
            memmove(s.sg_start + 1, s.sg_start, m * sizeof *s.sg_start);
            memmove(s.mt_start + 1, s.mt_start, m * sizeof *s.mt_start);
            s.sg_start[0] = s.mt_start[0] = 0;
        }
    }
    free(reach);
    /* singles by (w, index): insertion sort per skill */
    for (size_t j = 0; j < m; j++)
        for (uint32_t a = s.sg_start[j] + 1; a < s.sg_start[j + 1]; a++) {
            uint32_t x = s.sg[a], b = a;
            while (b > s.sg_start[j] && lower_rank(&s, x, s.sg[b - 1])) {
                s.sg[b] = s.sg[b - 1];
                b--;
            }
            s.sg[b] = x;
        }
    free(dom);
    free(bt);
    free(bt_start);

    /* 7. search */
    s.chosen = mc_xcalloc(P, 1);
    s.forb = mc_xcalloc(P, sizeof *s.forb);
    s.cov = mc_xcalloc(W, sizeof *s.cov);
    s.path = mc_xmalloc(P * sizeof *s.path);
    s.best = mc_xmalloc(P * sizeof *s.best);
    s.vstamp = mc_xcalloc(P, sizeof *s.vstamp);
    s.vval = mc_xcalloc(P, 1);
    s.istamp = mc_xcalloc(P, sizeof *s.istamp);
    s.ml = mc_xmalloc(P * sizeof *s.ml);
    s.ud = mc_xcalloc(m, sizeof *s.ud);
    s.ubest = mc_xcalloc(m, sizeof *s.ubest);
    s.g = mc_xcalloc(m, sizeof *s.g);
    s.ustore_rows = 8;
    s.ustore = mc_xcalloc(s.ustore_rows * m, sizeof *s.ustore);
    s.capfix = 64;
    s.fix = mc_xmalloc(s.capfix * sizeof *s.fix);
    s.res = mc_xcalloc(P, sizeof *s.res);
    s.res2 = mc_xcalloc(P, sizeof *s.res2);
    s.cnt = mc_xcalloc(P, sizeof *s.cnt);
    s.ul = mc_xmalloc(m * sizeof *s.ul);
    s.sv = mc_xmalloc(m * sizeof *s.sv);
    s.mw = mc_xmalloc(m * sizeof *s.mw);
    s.y = mc_xmalloc(m * sizeof *s.y);
    s.ccap = 64;
    s.cs = mc_xmalloc(s.ccap * sizeof *s.cs);
    s.covstack = mc_xcalloc((m + 1) * W, sizeof *s.covstack);
    s.u = mc_xcalloc((m + 1) * W, sizeof *s.u);
    s.best_w = INT64_MAX;
    s.work_limit = r->work_limit;
    s.deadline = r->time_limit_ms > 0 ? t0 + (double)r->time_limit_ms : 0;
    greedy(&s, c);
    search(&s, 0);
    out->nodes = s.nodes;
    out->optimal = s.stop == 0 || s.best_w <= s.root_lb;
    out->status = out->optimal ? MC_PLANNER_OPTIMAL : MC_PLANNER_BEST_FOUND;
    if (!out->optimal)
        snprintf(out->reason, sizeof out->reason,
                 "the %s limit (%lld %s) stopped the search after %llu nodes; this is the "
                 "best plan found, not proven optimal",
                 s.stop == 2 ? "time" : "work",
                 s.stop == 2 ? (long long)r->time_limit_ms : (long long)r->work_limit,
                 s.stop == 2 ? "ms" : "nodes", (unsigned long long)s.nodes);

    /* 8. the plan, in topological order */
    for (size_t i = 1; i < s.nbest; i++) {
        uint32_t x = s.best[i];
        size_t k = i;
        while (k > 0 && c->topo_pos[s.off[s.best[k - 1]]] > c->topo_pos[s.off[x]]) {
            s.best[k] = s.best[k - 1];
            k--;
        }
        s.best[k] = x;
    }
    out->steps = mc_xcalloc(s.nbest ? s.nbest : 1, sizeof *out->steps);
    out->n_steps = s.nbest;
    for (size_t i = 0; i < s.nbest; i++) {
        uint32_t px = s.best[i], x = s.off[px];
        struct mc_planner_step *st = &out->steps[i];
        st->offering = x;
        st->id = c->id[x];
        st->cost_cents = c->cost[x];
        st->hours = c->hours[x];
        out->total_cost_cents += st->cost_cents;
        out->total_hours += st->hours;
        int k = popcount_and(s.tm + (size_t)px * W, s.all, W);
        st->skills = mc_xcalloc(k ? (size_t)k : 1, sizeof *st->skills);
        for (size_t i2 = 0; i2 < W; i2++)
            for (uint64_t b = s.tm[(size_t)px * W + i2]; b; b &= b - 1)
                st->skills[st->n_skills++] = q.mlist[i2 * 64 + (size_t)__builtin_ctzll(b)];
        for (size_t z = 0; z < s.nbest && !st->prerequisite; z++) {
            uint32_t y = s.off[s.best[z]];
            for (uint32_t k2 = c->rq_start[y]; k2 < c->rq_start[y + 1]; k2++)
                if (c->rq[k2] == x)
                    st->prerequisite = true;
        }
    }
    int64_t total = r->objective == MC_PLANNER_COST ? out->total_cost_cents : out->total_hours;
    out->lower_bound = out->optimal ? total : s.root_lb / K;
    if (!out->optimal && out->lower_bound > 0)
        msg_add(out->reason, sizeof out->reason,
                "; no plan can be below %lld %s, so this one is at most %.0f%% above the best",
                (long long)out->lower_bound, r->objective == MC_PLANNER_COST ? "cents" : "hours",
                100.0 * (double)(total - out->lower_bound) / (double)out->lower_bound);
done:
    out->ms = now_ms() - t0;
out:
    if (rc)
        mc_planner_result_free(out);
    free(teachable);
    free(tmp);
    req_free(&q);
    bb_free(&s);
    return rc;
}
