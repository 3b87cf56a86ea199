/* SPDX-License-Identifier: Apache-2.0 */
/* Catalog search speed: the store's search over a synthetic catalog, per filter, as medians. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "store/store.h"

/*
 * Builds a catalog of PROGRAMS programs (each with two skills, spread over ORGS organisations and
 * SKILLS skills) in a temporary SQLite file, then runs each query RUNS times and prints the
 * median and 90th percentile time per search and the searches per second on one core.
 * Usage: bench-catalog [PROGRAMS]   (default 10000); MC_BENCH_KEEP=1 keeps the database to look
 * at query plans.
 */
#define ORGS   40
#define SKILLS 200
#define RUNS   200

static double now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void die(const char *what, const struct mc_err *e)
{
    fprintf(stderr, "bench-catalog: %s: %s\n", what, e->msg);
    exit(1);
}

static void build(struct mc_store *s, int64_t programs)
{
    struct mc_err e;
    char slug[64], name[128];
    int64_t org_ids[ORGS], skill_ids[SKILLS];
    if (mc_store_begin(s, &e))
        die("begin", &e);
    struct mc_skill_framework fw = { .slug = "bench", .name = "Benchmark skills" };
    if (mc_store_skill_framework_put(s, &fw, &e))
        die("framework", &e);
    for (int i = 0; i < SKILLS; i++) {
        snprintf(slug, sizeof slug, "skill-%d", i);
        snprintf(name, sizeof name, "Skill number %d", i);
        struct mc_skill k = { .framework_id = fw.id, .slug = slug, .name = name };
        if (mc_store_skill_put(s, &k, &e))
            die("skill", &e);
        skill_ids[i] = k.id;
    }
    for (int i = 0; i < ORGS; i++) {
        snprintf(slug, sizeof slug, "org-%d", i);
        snprintf(name, sizeof name, "Organisation %d", i);
        struct mc_org o = { .slug = slug,
                            .name = name,
                            .kind = i % 2 ? MC_ORG_UNIVERSITY : MC_ORG_PLATFORM,
                            .url = "https://example.org/",
                            .country = "GB" };
        if (mc_store_org_put(s, &o, &e))
            die("org", &e);
        org_ids[i] = o.id;
    }
    for (int64_t i = 0; i < programs; i++) {
        char title[128], summary[160];
        snprintf(slug, sizeof slug, "program-%lld", (long long)i);
        snprintf(title, sizeof title, "Program %lld in topic %lld", (long long)i,
                 (long long)(i % 97));
        snprintf(summary, sizeof summary, "A synthetic program about subject %lld and area %lld",
                 (long long)(i % 31), (long long)(i % 53));
        int64_t skills[2] = { skill_ids[i % SKILLS], skill_ids[(i * 7 + 3) % SKILLS] };
        struct mc_program p = {
            .slug = slug,
            .type = (enum mc_program_type)(i % MC_PROG_TYPE_COUNT),
            .title = title,
            .summary = summary,
            .platform_org_id = org_ids[i % ORGS],
            .institution_org_id = org_ids[(i / ORGS) % ORGS],
            .duration_weeks = (int)(2 + i % 50),
            .hours_per_week = 5,
            .language = "en",
            .price_cents = (i % 100) * 1000,
            .currency = "USD",
            .price_model = (enum mc_price_model)(i % MC_PRICE_MODEL_COUNT),
            .status = MC_STATUS_PUBLISHED,
            .skill_ids = skills,
            .n_skills = skills[0] == skills[1] ? 1 : 2,
        };
        if (mc_store_program_put(s, &p, &e))
            die("program", &e);
    }
    if (mc_store_commit(s, &e))
        die("commit", &e);
}

struct query {
    const char *name;
    struct mc_catalog_filter f;
};

int main(int argc, char **argv)
{
    int64_t programs = 10000;
    struct mc_err e;
    if (argc > 1 && mc_str_to_i64(mc_str_z(argv[1]), 1, 1000000, &programs, "PROGRAMS", &e)) {
        fprintf(stderr, "bench-catalog: %s\nusage: bench-catalog [PROGRAMS]\n", e.msg);
        return 2;
    }
    char path[] = "/tmp/mcred-bench-catalog-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        return 1;
    }
    close(fd);
    unlink(path);
    struct mc_store *s = NULL;
    if (mc_store_open(path, MC_STORE_CREATE, &s, &e))
        die("open", &e);
    double t0 = now_us();
    build(s, programs);
    printf("catalog: %lld programs, %d organisations, %d skills, built in %.0f ms\n",
           (long long)programs, ORGS, SKILLS, (now_us() - t0) / 1000);

    const struct query queries[] = {
        { "first page, no filter", { .max_price_cents = -1, .max_weeks = -1, .limit = 20 } },
        { "type", { .type = "nano-degree", .max_price_cents = -1, .max_weeks = -1, .limit = 20 } },
        { "provider",
          { .provider = "org-7", .max_price_cents = -1, .max_weeks = -1, .limit = 20 } },
        { "skill", { .skill = "skill-42", .max_price_cents = -1, .max_weeks = -1, .limit = 20 } },
        { "price + weeks", { .max_price_cents = 20000, .max_weeks = 10, .limit = 20 } },
        { "q one word", { .q = "topic", .max_price_cents = -1, .max_weeks = -1, .limit = 20 } },
        { "q two words",
          { .q = "subject 12", .max_price_cents = -1, .max_weeks = -1, .limit = 20 } },
        { "deep page", { .max_price_cents = -1, .max_weeks = -1, .limit = 100, .offset = 5000 } },
    };
    printf("%-24s %10s %10s %12s %8s\n", "query", "median ms", "p90 ms", "searches/s", "total");
    struct mc_arena *arena = mc_arena_new(0);
    double samples[RUNS];
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        int64_t total = 0;
        for (int r = 0; r < RUNS; r++) {
            struct mc_catalog_page page;
            double a = now_us();
            if (mc_store_catalog_search(s, &queries[q].f, arena, &page, &e))
                die(queries[q].name, &e);
            samples[r] = now_us() - a;
            total = page.total;
            mc_arena_reset(arena);
        }
        qsort(samples, RUNS, sizeof samples[0], cmp_double);
        double median = samples[RUNS / 2];
        printf("%-24s %10.3f %10.3f %12.0f %8lld\n", queries[q].name, median / 1000,
               samples[RUNS * 9 / 10] / 1000, 1e6 / median, (long long)total);
    }
    mc_arena_free(arena);
    mc_store_close(s);
    if (getenv("MC_BENCH_KEEP")) {
        printf("database kept at %s\n", path);
        return 0;
    }
    unlink(path);
    char side[sizeof path + 8];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    return 0;
}
