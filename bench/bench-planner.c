/* SPDX-License-Identifier: Apache-2.0 */
/* Path planner speed: plans for 50 target skills over a synthetic catalog of 10,000 programs. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "core/planner.h"
#include "mcred/str.h"

/*
 * The catalog: PROGRAMS programs over SKILLS skills. Each teaches 3 to 12 skills drawn with a
 * Zipf-like popularity (a few skills such as "python" are taught everywhere, most by a handful
 * of programs); 12% are free, the rest cost about $30 to $400 per skill taught (at most $5,000);
 * each lasts 2 to 2k+1 weeks at 3 to 10 hours a week; 15% require one or two earlier programs
 * that teach one of their skills ("advanced X" needs "introduction to X"); 3% are retired.
 * A learner holds 5 skills (popular ones are likelier) and, one time in three, a program.
 * A target is TARGET skills a job role might list: drawn with the square root of popularity, so
 * both common and rare skills appear. Each target is planned for least cost and for least time
 * with a limit of 1 s; the figures are wall times of mc_planner_solve on one core.
 * Usage: bench-planner [PROGRAMS [TARGETS]]   (defaults 10000 and 200)
 */
#define SKILLS    2000
#define TARGET    50
#define HELD      5
#define ZIPF      0.9
#define MASTERS   3978900 /* cents: the seed documents' online master's, £29,000 */
#define MASTERS_Y 2

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
    uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double unit(void)
{
    return (double)(rnd() >> 11) / 9007199254740992.0;
}

/* An index drawn from the cumulative weights `cum` (n entries, last one the total). */
static uint32_t draw(const double *cum, uint32_t n)
{
    double u = unit() * cum[n - 1];
    uint32_t lo = 0, hi = n - 1;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (cum[mid] <= u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool has(const uint32_t *v, size_t n, uint32_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static void print_machine(void)
{
    struct utsname u;
    char model[256] = "unknown CPU";
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        char line[512];
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "model name", 10) == 0) {
                const char *v = strchr(line, ':');
                if (v) {
                    v++;
                    while (*v == ' ')
                        v++;
                    snprintf(model, sizeof model, "%.*s", (int)strcspn(v, "\n"), v);
                }
                break;
            }
        fclose(f);
    }
    char load[64] = "?";
    f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fgets(load, sizeof load, f))
            load[strcspn(load, " ")] = 0; /* the 1-minute load: other work on the machine */
        fclose(f);
    }
    if (uname(&u) == 0)
        printf("machine: %s %s %s; %ld cores; %s; load %s\n", u.sysname, u.release, u.machine,
               sysconf(_SC_NPROCESSORS_ONLN), model, load);
}

/* "12,345" */
static void thousands(int64_t v, char *out, size_t cap)
{
    long long d = (long long)v;
    if (d >= 1000000)
        snprintf(out, cap, "%lld,%03lld,%03lld", d / 1000000, d / 1000 % 1000, d % 1000);
    else if (d >= 1000)
        snprintf(out, cap, "%lld,%03lld", d / 1000, d % 1000);
    else
        snprintf(out, cap, "%lld", d);
}

/* "$12,345" */
static void dollars(int64_t cents, char *out, size_t cap)
{
    if (cap < 2)
        return;
    out[0] = '$';
    thousands((cents + 50) / 100, out + 1, cap - 1);
}

struct figures {
    double *ms;
    int64_t *nodes, *cost, *hours, *steps;
    int optimal, impossible;
};

int main(int argc, char **argv)
{
    int64_t programs = 10000, targets = 200;
    struct mc_err e;
    if ((argc > 1 && mc_str_to_i64(mc_str_z(argv[1]), 100, 1000000, &programs, "PROGRAMS", &e)) ||
        (argc > 2 && mc_str_to_i64(mc_str_z(argv[2]), 1, 100000, &targets, "TARGETS", &e))) {
        fprintf(stderr, "bench-planner: %s\nusage: bench-planner [PROGRAMS [TARGETS]]\n", e.msg);
        return 2;
    }
    print_machine();
    size_t n = (size_t)programs;

    /* skill popularity */
    double *pop = mc_xmalloc(SKILLS * sizeof *pop), *tpop = mc_xmalloc(SKILLS * sizeof *tpop);
    double acc = 0, tacc = 0;
    for (uint32_t s = 0; s < SKILLS; s++) {
        acc += 1.0 / pow((double)s + 1, ZIPF);
        tacc += 1.0 / pow((double)s + 1, ZIPF / 2);
        pop[s] = acc;
        tpop[s] = tacc;
    }

    /* the catalog */
    struct mc_planner_offering *o = mc_xcalloc(n, sizeof *o);
    uint32_t *sk = mc_xmalloc(n * 12 * sizeof *sk), *rq = mc_xmalloc(n * 2 * sizeof *rq);
    /* who teaches each skill so far, to pick prerequisites on the same subject */
    uint32_t **by_skill = mc_xcalloc(SKILLS, sizeof *by_skill);
    size_t *n_by = mc_xcalloc(SKILLS, sizeof *n_by), *cap_by = mc_xcalloc(SKILLS, sizeof *cap_by);
    size_t n_prereq = 0, n_retired = 0, n_free = 0;
    for (size_t x = 0; x < n; x++) {
        uint32_t *s = sk + x * 12;
        size_t k = 3 + rnd() % 10, got = 0;
        while (got < k) {
            uint32_t v = draw(pop, SKILLS);
            if (!has(s, got, v))
                s[got++] = v;
        }
        int64_t cost = 0;
        if (unit() < 0.12)
            n_free++;
        else {
            cost = (int64_t)k * (30 + (int64_t)(rnd() % 371)) * 100;
            if (cost > 500000)
                cost = 500000;
        }
        int weeks = 2 + (int)(rnd() % (2 * k));
        o[x] = (struct mc_planner_offering){
            .id = (int64_t)x + 1,
            .cost_cents = cost,
            .hours = mc_planner_hours(weeks, 3 + (double)(rnd() % 8), 5),
            .skills = s,
            .n_skills = k,
            .requires = rq + x * 2,
            .unavailable = unit() < 0.03,
        };
        n_retired += o[x].unavailable;
        if (unit() < 0.15) {
            size_t nr = 1 + rnd() % 2;
            for (size_t t = 0; t < nr; t++) {
                uint32_t v = s[rnd() % k];
                if (n_by[v] == 0)
                    continue;
                uint32_t p = by_skill[v][rnd() % n_by[v]];
                if (!has(rq + x * 2, o[x].n_requires, p))
                    rq[x * 2 + o[x].n_requires++] = p;
            }
            n_prereq += o[x].n_requires > 0;
        }
        for (size_t t = 0; t < k; t++) {
            uint32_t v = s[t];
            if (n_by[v] == cap_by[v]) {
                cap_by[v] = cap_by[v] ? cap_by[v] * 2 : 8;
                by_skill[v] = mc_xreallocarray(by_skill[v], cap_by[v], sizeof **by_skill);
            }
            by_skill[v][n_by[v]++] = (uint32_t)x;
        }
    }
    size_t taught_by[SKILLS];
    for (uint32_t v = 0; v < SKILLS; v++)
        taught_by[v] = n_by[v];
    size_t sorted_by[SKILLS];
    memcpy(sorted_by, taught_by, sizeof sorted_by);
    for (size_t i = 1; i < SKILLS; i++) /* insertion sort, once */
        for (size_t j = i; j > 0 && sorted_by[j - 1] > sorted_by[j]; j--) {
            size_t t = sorted_by[j];
            sorted_by[j] = sorted_by[j - 1];
            sorted_by[j - 1] = t;
        }
    struct mc_planner_catalog *cat = NULL;
    double t0 = now_ms();
    if (mc_planner_catalog_new(o, n, SKILLS, &cat, &e)) {
        fprintf(stderr, "bench-planner: %s\n", e.msg);
        return 1;
    }
    printf("catalog: %zu programs over %d skills, 3 to 12 skills each (the most taught skill is "
           "taught by %zu programs, the median skill by %zu); %zu free, %zu with prerequisites, "
           "%zu retired; checked and indexed in %.1f ms\n",
           n, SKILLS, sorted_by[SKILLS - 1], sorted_by[SKILLS / 2], n_free, n_prereq, n_retired,
           now_ms() - t0);

    /* the requests */
    size_t nt = (size_t)targets;
    struct figures fig[2];
    for (int ob = 0; ob < 2; ob++) {
        fig[ob] = (struct figures){ .ms = mc_xcalloc(nt, sizeof(double)),
                                    .nodes = mc_xcalloc(nt, sizeof(int64_t)),
                                    .cost = mc_xcalloc(nt, sizeof(int64_t)),
                                    .hours = mc_xcalloc(nt, sizeof(int64_t)),
                                    .steps = mc_xcalloc(nt, sizeof(int64_t)) };
    }
    size_t n_fig[2] = { 0, 0 };
    int64_t candidates = 0, branchable = 0;
    for (size_t it = 0; it < nt; it++) {
        uint32_t target[TARGET], held[HELD], held_off[1];
        size_t got = 0;
        while (got < TARGET) {
            uint32_t v = draw(tpop, SKILLS);
            if (taught_by[v] > 0 && !has(target, got, v))
                target[got++] = v;
        }
        for (size_t h = 0; h < HELD; h++)
            held[h] = draw(pop, SKILLS);
        size_t n_held_off = 0;
        if (rnd() % 3 == 0)
            held_off[n_held_off++] = (uint32_t)(rnd() % n);
        for (int ob = 0; ob < 2; ob++) {
            struct mc_planner_request rq2 = {
                .held_skills = held,
                .n_held_skills = HELD,
                .held_offerings = held_off,
                .n_held_offerings = n_held_off,
                .target = target,
                .n_target = TARGET,
                .objective = ob ? MC_PLANNER_TIME : MC_PLANNER_COST,
                .time_limit_ms = 1000,
            };
            struct mc_planner_result r;
            double a = now_ms();
            if (mc_planner_solve(cat, &rq2, &r, &e)) {
                fprintf(stderr, "bench-planner: %s\n", e.msg);
                return 1;
            }
            double ms = now_ms() - a;
            struct figures *f = &fig[ob];
            if (r.status == MC_PLANNER_IMPOSSIBLE) {
                f->impossible++;
                mc_planner_result_free(&r);
                continue;
            }
            size_t i = n_fig[ob]++;
            f->ms[i] = ms;
            f->nodes[i] = (int64_t)r.nodes;
            f->cost[i] = r.total_cost_cents;
            f->hours[i] = r.total_hours;
            f->steps[i] = (int64_t)r.n_steps;
            f->optimal += r.optimal;
            if (ob == 0) {
                candidates += (int64_t)r.n_candidates;
                branchable += (int64_t)r.n_branchable;
            }
            mc_planner_result_free(&r);
        }
    }
    printf("requests: %zu learners, each holding %d skills (and a program one time in three), "
           "each wanting %d skills; on average %lld programs teach a missing skill, %lld of them "
           "undominated\n",
           nt, HELD, TARGET, (long long)(candidates / (int64_t)nt),
           (long long)(branchable / (int64_t)nt));
    printf("%-10s %10s %10s %10s %8s %14s %12s %9s %10s %8s\n", "objective", "median ms", "p95 ms",
           "max ms", "nodes", "proven optimal", "impossible", "programs", "cost", "hours");
    int64_t med_cost = 0, med_hours = 0, med_steps = 0;
    for (int ob = 0; ob < 2; ob++) {
        struct figures *f = &fig[ob];
        size_t k = n_fig[ob];
        if (k == 0)
            continue;
        qsort(f->ms, k, sizeof *f->ms, cmp_double);
        qsort(f->nodes, k, sizeof *f->nodes, cmp_i64);
        qsort(f->cost, k, sizeof *f->cost, cmp_i64);
        qsort(f->hours, k, sizeof *f->hours, cmp_i64);
        qsort(f->steps, k, sizeof *f->steps, cmp_i64);
        char proven[32], money[32];
        snprintf(proven, sizeof proven, "%d/%zu", f->optimal, k);
        dollars(f->cost[k / 2], money, sizeof money);
        printf("%-10s %10.2f %10.2f %10.2f %8lld %14s %12d %9lld %10s %8lld\n",
               ob ? "time" : "cost", f->ms[k / 2],
               f->ms[(k * 95) / 100 < k ? (k * 95) / 100 : k - 1], f->ms[k - 1],
               (long long)f->nodes[k / 2], proven, f->impossible, (long long)f->steps[k / 2], money,
               (long long)f->hours[k / 2]);
        if (ob == 0) {
            med_cost = f->cost[k / 2];
            med_hours = f->hours[k / 2];
            med_steps = f->steps[k / 2];
        }
    }
    /* the comparison the product shows next to a plan (the median least-cost plan) */
    char plan[32], degree[32], hours[32];
    dollars(med_cost, plan, sizeof plan);
    dollars(MASTERS, degree, sizeof degree);
    thousands(med_hours, hours, sizeof hours);
    double full_time = (double)med_hours / 40.0, part_time = (double)med_hours / 10.0;
    printf("the median least-cost plan as the product shows it:\n  Your plan: %lld programs teach "
           "the skills you want for %s and %s hours of study (about %.0f weeks full time, or "
           "%.0f weeks at 10 hours a week). A master's degree: %s and %d years full time. "
           "%.0fx cheaper, %.1fx quicker.\n",
           (long long)med_steps, plan, hours, full_time, part_time, degree, MASTERS_Y,
           med_cost ? (double)MASTERS / (double)med_cost : 0.0,
           full_time > 0 ? 52.0 * MASTERS_Y / full_time : 0.0);
    for (int ob = 0; ob < 2; ob++) {
        free(fig[ob].ms);
        free(fig[ob].nodes);
        free(fig[ob].cost);
        free(fig[ob].hours);
        free(fig[ob].steps);
    }
    mc_planner_catalog_free(cat);
    for (uint32_t v = 0; v < SKILLS; v++)
        free(by_skill[v]);
    free(by_skill);
    free(n_by);
    free(cap_by);
    free(rq);
    free(sk);
    free(o);
    free(tpop);
    free(pop);
    return 0;
}
