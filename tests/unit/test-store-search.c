/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for the catalog search (every filter, paging, bad values) and the connection pool. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "mcred/buf.h"
#include "store/store.h"
#include "test.h"

static struct mc_store *open_store(const char *name)
{
    char *path = mc_xasprintf("%s/%s", mc_test_tmpdir(), name);
    struct mc_store *s = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_store_open(path, MC_STORE_CREATE, &s, &e)) {
        fprintf(stderr, "cannot open %s: %s\n", path, e.msg);
        exit(1);
    }
    free(path);
    return s;
}

static int64_t put_org(struct mc_store *s, const char *slug, const char *name,
                       enum mc_org_kind kind)
{
    struct mc_org o = { .slug = slug, .name = name, .kind = kind };
    CHECK_INT(mc_store_org_put(s, &o, NULL), MC_OK);
    return o.id;
}

static int64_t put_skill(struct mc_store *s, int64_t fw, const char *slug, const char *name)
{
    struct mc_skill k = { .framework_id = fw, .slug = slug, .name = name };
    CHECK_INT(mc_store_skill_put(s, &k, NULL), MC_OK);
    return k.id;
}

static void load_catalog(struct mc_store *s)
{
    int64_t coursera = put_org(s, "coursera", "Coursera", MC_ORG_PLATFORM);
    int64_t edx = put_org(s, "edx", "edX", MC_ORG_PLATFORM);
    int64_t udacity = put_org(s, "udacity", "Udacity", MC_ORG_PLATFORM);
    int64_t google = put_org(s, "google", "Google", MC_ORG_COMPANY);
    int64_t harvard = put_org(s, "harvard", "Harvard University", MC_ORG_UNIVERSITY);
    struct mc_skill_framework fw = { .slug = "demo", .name = "Demo skills" };
    CHECK_INT(mc_store_skill_framework_put(s, &fw, NULL), MC_OK);
    int64_t ml = put_skill(s, fw.id, "machine-learning", "Machine learning");
    int64_t py = put_skill(s, fw.id, "python", "Python");
    int64_t ux = put_skill(s, fw.id, "ux-design", "UX design");
    int64_t data = put_skill(s, fw.id, "data-analysis", "Data analysis");
    struct mc_achievement a_ml = { .slug = "a-ml",
                                   .version = 1,
                                   .issuer_org_id = udacity,
                                   .name = "ML Engineer",
                                   .skill_ids = &ml,
                                   .n_skills = 1,
                                   .ects = -1,
                                   .workload_hours = -1 };
    struct mc_achievement a_ux = { .slug = "a-ux",
                                   .version = 1,
                                   .issuer_org_id = google,
                                   .name = "UX",
                                   .skill_ids = &ux,
                                   .n_skills = 1,
                                   .ects = -1,
                                   .workload_hours = -1 };
    CHECK_INT(mc_store_achievement_put(s, &a_ml, NULL), MC_OK);
    CHECK_INT(mc_store_achievement_put(s, &a_ux, NULL), MC_OK);
    struct mc_course c1 = { .slug = "foundations", .org_id = google, .title = "Foundations" };
    struct mc_course c2 = { .slug = "ask-questions", .org_id = google, .title = "Ask" };
    CHECK_INT(mc_store_course_put(s, &c1, NULL), MC_OK);
    CHECK_INT(mc_store_course_put(s, &c2, NULL), MC_OK);
    struct mc_program_part gda_parts[] = { { .course_id = c1.id, .required = true },
                                           { .course_id = c2.id, .required = true },
                                           { .achievement_id = a_ux.id } };
    int64_t py_and_data[] = { py, data };

    struct mc_program progs[] = {
        { .slug = "gda",
          .type = MC_PROG_PROFESSIONAL_CERTIFICATE,
          .title = "Google Data Analytics",
          .summary = "Prepare for a career in data analytics",
          .platform_org_id = coursera,
          .institution_org_id = google,
          .duration_weeks = 24,
          .price_cents = 4900,
          .price_model = MC_PRICE_SUBSCRIPTION,
          .status = MC_STATUS_PUBLISHED,
          .parts = gda_parts,
          .n_parts = 3,
          .skill_ids = &data,
          .n_skills = 1,
          .hours_per_week = 10 },
        { .slug = "mle",
          .type = MC_PROG_NANO_DEGREE,
          .title = "Machine Learning Engineer",
          .summary = "Build and deploy models",
          .platform_org_id = udacity,
          .institution_org_id = udacity,
          .achievement_id = a_ml.id,
          .duration_weeks = 12,
          .price_cents = 24900,
          .price_model = MC_PRICE_SUBSCRIPTION,
          .status = MC_STATUS_PUBLISHED,
          .skill_ids = py_and_data,
          .n_skills = 2,
          .hours_per_week = -1 },
        { .slug = "cs50",
          .type = MC_PROG_XSERIES,
          .title = "CS50 Computer Science",
          .summary = "The intro course",
          .description = "Harvard's 100% introduction to_computer science",
          .platform_org_id = edx,
          .institution_org_id = harvard,
          .duration_weeks = 12,
          .price_cents = 0,
          .price_model = MC_PRICE_FREE,
          .status = MC_STATUS_PUBLISHED,
          .skill_ids = &py,
          .n_skills = 1,
          .hours_per_week = -1 },
        { .slug = "gux",
          .type = MC_PROG_PROFESSIONAL_CERTIFICATE,
          .title = "Google UX Design",
          .summary = "Start a career in UX",
          .platform_org_id = coursera,
          .institution_org_id = google,
          .achievement_id = a_ux.id,
          .duration_weeks = 26,
          .price_cents = 4900,
          .price_model = MC_PRICE_SUBSCRIPTION,
          .status = MC_STATUS_PUBLISHED,
          .hours_per_week = -1 },
        { .slug = "draft",
          .type = MC_PROG_MICROMASTERS,
          .title = "A Draft MicroMasters",
          .summary = "Not yet",
          .platform_org_id = edx,
          .institution_org_id = harvard,
          .status = MC_STATUS_DRAFT,
          .hours_per_week = -1 },
        { .slug = "old",
          .type = MC_PROG_MICROMASTERS,
          .title = "An Old Google Program",
          .summary = "Retired",
          .platform_org_id = edx,
          .institution_org_id = harvard,
          .status = MC_STATUS_RETIRED,
          .hours_per_week = -1 },
    };
    for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++)
        CHECK_INT(mc_store_program_put(s, &progs[i], NULL), MC_OK);
}

/* The slugs of a page, joined with ','. */
static const char *slugs(const struct mc_catalog_page *p, struct mc_arena *arena)
{
    struct mc_buf b;
    mc_buf_init(&b, 4096);
    for (size_t i = 0; i < p->count; i++)
        mc_buf_printf(&b, "%s%s", i ? "," : "", p->items[i].program.slug);
    char *out = mc_arena_strdup(arena, mc_buf_cstr(&b));
    mc_buf_free(&b);
    return out;
}

/*
 * The tables start each filter from "no filter, 20 a page" and override single fields, which
 * reads better than spelling every field in every row; the compilers' warning about overridden
 * initializers is switched off for that reason only.
 */
#define NOF .max_price_cents = -1, .max_weeks = -1, .limit = 20
#ifdef __clang__
#pragma clang diagnostic ignored "-Winitializer-overrides"
#else
#pragma GCC diagnostic ignored "-Woverride-init"
#endif

static void test_filters(struct mc_store *s, struct mc_arena *arena)
{
    static const struct {
        const char *name;
        struct mc_catalog_filter f;
        const char *want;
        int64_t total;
    } cases[] = {
        { "everything published", { NOF }, "cs50,gda,gux,mle", 4 },
        { "type", { NOF, .type = "professional-certificate" }, "gda,gux", 2 },
        { "type with only drafts", { NOF, .type = "micromasters" }, "", 0 },
        { "provider as institution", { NOF, .provider = "google" }, "gda,gux", 2 },
        { "provider as platform", { NOF, .provider = "coursera" }, "gda,gux", 2 },
        { "provider as both", { NOF, .provider = "udacity" }, "mle", 1 },
        { "provider university", { NOF, .provider = "harvard" }, "cs50", 1 },
        { "unknown provider", { NOF, .provider = "nobody" }, "", 0 },
        { "skill via achievement", { NOF, .skill = "machine-learning" }, "mle", 1 },
        { "skill via program", { NOF, .skill = "python" }, "cs50,mle", 2 },
        { "skill via achievement only", { NOF, .skill = "ux-design" }, "gux", 1 },
        { "skill of program and achievement", { NOF, .skill = "data-analysis" }, "gda,mle", 2 },
        { "unknown skill", { NOF, .skill = "cobol" }, "", 0 },
        { "free", { NOF, .max_price_cents = 0 }, "cs50", 1 },
        { "max price", { NOF, .max_price_cents = 4900 }, "cs50,gda,gux", 3 },
        { "max weeks", { NOF, .max_weeks = 12 }, "cs50,mle", 2 },
        { "max weeks 0", { NOF, .max_weeks = 0 }, "", 0 },
        { "q title and org", { NOF, .q = "google" }, "gda,gux", 2 },
        { "q any case, two words", { NOF, .q = "GOOGLE ux" }, "gux", 1 },
        { "q org name", { NOF, .q = "harvard" }, "cs50", 1 },
        { "q skill name", { NOF, .q = "python" }, "cs50,mle", 2 },
        { "q summary", { NOF, .q = "career" }, "gda,gux", 2 },
        { "q spaces", { NOF, .q = "  data \t analytics  " }, "gda", 1 },
        { "q percent is literal", { NOF, .q = "100%" }, "cs50", 1 },
        { "q lone percent", { NOF, .q = "%" }, "cs50", 1 },
        { "q underscore is literal", { NOF, .q = "to_computer" }, "cs50", 1 },
        { "q underscore is not a wildcard", { NOF, .q = "e_d" }, "", 0 },
        { "q backslash", { NOF, .q = "\\" }, "", 0 },
        { "q empty", { NOF, .q = "" }, "cs50,gda,gux,mle", 4 },
        { "q only spaces", { NOF, .q = "   " }, "cs50,gda,gux,mle", 4 },
        { "q no match", { NOF, .q = "google zebra" }, "", 0 },
        { "q quote", { NOF, .q = "harvard's" }, "cs50", 1 },
        { "q sql", { NOF, .q = "' OR 1=1 --" }, "", 0 },
        { "combined",
          { NOF, .type = "professional-certificate", .q = "ux", .max_price_cents = 5000 },
          "gux",
          1 },
        { "combined none", { NOF, .provider = "udacity", .max_weeks = 11 }, "", 0 },
        { "page 1", { NOF, .limit = 2 }, "cs50,gda", 4 },
        { "page 2", { NOF, .limit = 2, .offset = 2 }, "gux,mle", 4 },
        { "last partial page", { NOF, .limit = 2, .offset = 3 }, "mle", 4 },
        { "past the end", { NOF, .limit = 2, .offset = 4 }, "", 4 },
        { "far past the end", { NOF, .limit = 100, .offset = 1000000 }, "", 4 },
        { "limit 1", { NOF, .limit = 1, .offset = 1 }, "gda", 4 },
        { "limit 100", { NOF, .limit = 100 }, "cs50,gda,gux,mle", 4 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("search: %s", cases[i].name);
        struct mc_catalog_page page;
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_store_catalog_search(s, &cases[i].f, arena, &page, &e), MC_OK);
        CHECK_STR(slugs(&page, arena), cases[i].want);
        CHECK_INT(page.total, cases[i].total);
    }
}

static void test_item_details(struct mc_store *s, struct mc_arena *arena)
{
    mc_test_case("item details");
    struct mc_catalog_filter f = { NOF };
    struct mc_catalog_page page;
    struct mc_err e;
    CHECK_INT(mc_store_catalog_search(s, &f, arena, &page, &e), MC_OK);
    CHECK_INT(page.count, 4);
    if (page.count != 4)
        return;
    const struct mc_catalog_item *mle = &page.items[3];
    CHECK_STR(mle->program.title, "Machine Learning Engineer");
    CHECK_INT(mle->program.type, MC_PROG_NANO_DEGREE);
    CHECK_INT(mle->program.price_cents, 24900);
    CHECK_INT(mle->program.price_model, MC_PRICE_SUBSCRIPTION);
    CHECK(mle->program.hours_per_week < 0);
    CHECK(mle->program.parts == NULL && mle->program.n_parts == 0);
    CHECK_STR(mle->platform_slug, "udacity");
    CHECK_STR(mle->platform_name, "Udacity");
    CHECK_STR(mle->institution_slug, "udacity");
    CHECK_STR(mle->achievement_slug, "a-ml");
    CHECK_INT(mle->n_courses, 0);
    CHECK_INT(mle->n_skills, 3); /* program: python, data; achievement: machine learning */
    if (mle->n_skills == 3) {
        CHECK_STR(mle->skills[0].name, "Data analysis");
        CHECK_STR(mle->skills[1].slug, "machine-learning");
        CHECK_STR(mle->skills[2].slug, "python");
    }
    const struct mc_catalog_item *gda = &page.items[1];
    CHECK_STR(gda->platform_name, "Coursera");
    CHECK_STR(gda->institution_name, "Google");
    CHECK(gda->achievement_slug == NULL);
    CHECK_INT(gda->n_courses, 2); /* the achievement part is not a course */
    CHECK(gda->program.hours_per_week == 10);
    CHECK_INT(gda->n_skills, 1);
    const struct mc_catalog_item *cs50 = &page.items[0];
    CHECK_STR(cs50->institution_name, "Harvard University");
    CHECK_STR(cs50->program.description, "Harvard's 100% introduction to_computer science");
}

static void test_bad_filters(struct mc_store *s, struct mc_arena *arena)
{
    char long_q[MC_CATALOG_Q_MAX + 2];
    memset(long_q, 'a', sizeof long_q - 1);
    long_q[sizeof long_q - 1] = '\0';
    char ok_q[MC_CATALOG_Q_MAX + 1];
    memset(ok_q, 'a', sizeof ok_q - 1);
    ok_q[sizeof ok_q - 1] = '\0';
    const struct {
        const char *name;
        struct mc_catalog_filter f;
        enum mc_rc rc;
        const char *where;
        const char *msg;
    } cases[] = {
        { "limit 0", { NOF, .limit = 0 }, MC_ERR_INVALID, "limit", "between 1 and 100" },
        { "limit 101", { NOF, .limit = 101 }, MC_ERR_INVALID, "limit", "between 1 and 100" },
        { "limit negative", { NOF, .limit = -1 }, MC_ERR_INVALID, "limit", "between" },
        { "offset negative", { NOF, .offset = -1 }, MC_ERR_INVALID, "offset", "0 or more" },
        { "unknown type",
          { NOF, .type = "nanodegree" },
          MC_ERR_INVALID,
          "type",
          "unknown program type 'nanodegree'" },
        { "empty type", { NOF, .type = "" }, MC_ERR_INVALID, "type", "unknown program type" },
        { "q too long", { NOF, .q = long_q }, MC_ERR_INVALID, "q", "longer than 256" },
        { "q longest allowed", { NOF, .q = ok_q }, MC_OK, "", "" },
        { "q 9 words",
          { NOF, .q = "a b c d e f g h i" },
          MC_ERR_INVALID,
          "q",
          "more than 8 words" },
        { "q 8 words", { NOF, .q = "a b c d e f g h" }, MC_OK, "", "" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("bad filter: %s", cases[i].name);
        struct mc_catalog_page page;
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_store_catalog_search(s, &cases[i].f, arena, &page, &e), cases[i].rc);
        CHECK_STR(e.where, cases[i].where);
        CHECK(strstr(e.msg, cases[i].msg) != NULL);
        if (cases[i].rc)
            CHECK_INT(page.count, 0);
    }
}

/* --- the pool --- */

#define POOL_SIZE  3
#define THREADS    8
#define ITERATIONS 40

struct pool_ctx {
    struct mc_store_pool *pool;
    pthread_mutex_t mu;
    struct mc_store *in_use[THREADS];
    int overlaps;
    int failures;
};

struct worker {
    struct pool_ctx *ctx;
    int index;
};

static void *work(void *arg)
{
    struct worker *w = arg;
    struct pool_ctx *ctx = w->ctx;
    struct mc_arena *arena = mc_arena_new(0);
    for (int j = 0; j < ITERATIONS; j++) {
        struct mc_store *s = mc_store_pool_acquire(ctx->pool);
        pthread_mutex_lock(&ctx->mu);
        for (int t = 0; t < THREADS; t++)
            if (ctx->in_use[t] == s)
                ctx->overlaps++;
        ctx->in_use[w->index] = s;
        pthread_mutex_unlock(&ctx->mu);

        char slug[64];
        snprintf(slug, sizeof slug, "t%d-%d", w->index, j);
        struct mc_org o = { .slug = slug, .name = "Thread org", .kind = MC_ORG_TRAINING };
        struct mc_err e;
        enum mc_rc rc = mc_store_org_put(s, &o, &e);
        struct mc_catalog_filter f = { NOF, .q = "google" };
        struct mc_catalog_page page;
        if (rc == MC_OK)
            rc = mc_store_catalog_search(s, &f, arena, &page, &e);
        if (rc == MC_OK && page.total != 2)
            rc = MC_ERR_INTERNAL;
        if (j % 5 == 0 && rc == MC_OK)
            mc_store_begin(s, &e); /* left open: release must roll it back */

        pthread_mutex_lock(&ctx->mu);
        if (rc) {
            ctx->failures++;
            fprintf(stderr, "thread %d: %s\n", w->index, e.msg);
        }
        ctx->in_use[w->index] = NULL;
        pthread_mutex_unlock(&ctx->mu);
        mc_store_pool_release(ctx->pool, s);
        mc_arena_reset(arena);
    }
    mc_arena_free(arena);
    return NULL;
}

static void test_pool(void)
{
    mc_test_case("pool");
    char *path = mc_xasprintf("%s/pool.db", mc_test_tmpdir());
    struct pool_ctx ctx = { 0 };
    pthread_mutex_init(&ctx.mu, NULL);
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_store_pool_new(path, MC_STORE_CREATE, POOL_SIZE, &ctx.pool, &e), MC_OK);
    struct mc_store *s = mc_store_pool_acquire(ctx.pool);
    load_catalog(s);
    mc_store_pool_release(ctx.pool, s);

    pthread_t th[THREADS];
    struct worker w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (struct worker){ &ctx, i };
        pthread_create(&th[i], NULL, work, &w[i]);
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(th[i], NULL);
    CHECK_INT(ctx.overlaps, 0);
    CHECK_INT(ctx.failures, 0);

    /* Every put outside an open transaction was kept: THREADS * ITERATIONS + 5 catalog orgs.
     * The ones made just before a begin were committed already (autocommit). */
    s = mc_store_pool_acquire(ctx.pool);
    struct mc_arena *arena = mc_arena_new(0);
    int64_t found = 0;
    for (int i = 0; i < THREADS; i++) {
        for (int j = 0; j < ITERATIONS; j++) {
            char slug[64];
            snprintf(slug, sizeof slug, "t%d-%d", i, j);
            struct mc_org o;
            if (mc_store_org_get(s, slug, arena, &o, NULL) == MC_OK)
                found++;
        }
    }
    CHECK_INT(found, THREADS * ITERATIONS);
    mc_store_pool_release(ctx.pool, s);
    mc_arena_free(arena);
    mc_store_pool_free(ctx.pool);
    pthread_mutex_destroy(&ctx.mu);

    mc_test_case("pool: bad size and bad location");
    struct mc_store_pool *p = NULL;
    CHECK_INT(mc_store_pool_new(path, 0, 0, &p, &e), MC_ERR_INVALID);
    CHECK(p == NULL);
    char *missing = mc_xasprintf("%s/none/pool.db", mc_test_tmpdir());
    CHECK_INT(mc_store_pool_new(missing, 0, 2, &p, &e), MC_ERR_NOT_FOUND);
    CHECK(p == NULL);
    free(missing);
    free(path);
}

int main(void)
{
    struct mc_store *s = open_store("search.db");
    struct mc_arena *arena = mc_arena_new(0);
    load_catalog(s);
    test_filters(s, arena);
    test_item_details(s, arena);
    test_bad_filters(s, arena);
    mc_store_close(s);
    mc_arena_free(arena);
    test_pool();
    return mc_test_done();
}
