/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/app/demo.c: the demo catalog loads whole, faithfully, once; bad files name the
 * place and change nothing. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "app/demo.h"
#include "base/arena.h"
#include "store/store.h"
#include "test.h"

static struct mc_store *fresh_store(const char *name)
{
    char path[600];
    snprintf(path, sizeof path, "%s/%s", mc_test_tmpdir(), name);
    struct mc_store *s = NULL;
    struct mc_err e;
    if (mc_store_open(path, MC_STORE_CREATE, &s, &e)) {
        fprintf(stderr, "open %s: %s\n", path, e.msg);
        return NULL;
    }
    return s;
}

static int64_t search_total(struct mc_store *s, struct mc_catalog_filter f)
{
    struct mc_arena *a = mc_arena_new(0);
    struct mc_catalog_page page = { 0 };
    struct mc_err e;
    if (!f.limit)
        f.limit = 100;
    int64_t total = -1;
    if (mc_store_catalog_search(s, &f, a, &page, &e) == MC_OK)
        total = page.total;
    else
        fprintf(stderr, "search: %s\n", e.msg);
    mc_arena_free(a);
    return total;
}

#define NOF .max_price_cents = -1, .max_weeks = -1

static void test_load_demo(void)
{
    struct mc_store *s = fresh_store("demo.db");
    if (!CHECK(s != NULL))
        return;
    struct mc_err e;
    bool loaded = true;
    CHECK_INT(mc_app_demo_is_loaded(s, &loaded, &e), MC_OK);
    CHECK(!loaded);
    struct mc_demo_stats st = { 0 };
    mc_test_case("load");
    if (!CHECK_INT(mc_app_demo_load(s, &mc_embed_demo, &st, &e), MC_OK))
        fprintf(stderr, "  %s\n", e.msg);
    CHECK(st.orgs >= 15);
    CHECK(st.programs >= 25);
    CHECK(st.courses >= 3 * st.programs);
    CHECK(st.courses <= 4 * st.programs);
    CHECK(st.assessments >= st.courses);
    CHECK(st.questions > 0);
    CHECK_INT(mc_app_demo_is_loaded(s, &loaded, &e), MC_OK);
    CHECK(loaded);

    /* Each provider the documents name, each with programs. */
    static const char *const providers[] = { "coursera",    "edx",       "udacity",
                                             "futurelearn", "kadenze",   "linkedin-learning",
                                             "harvard",     "imperial",  "open-university",
                                             "stanford",    "mit",       "google",
                                             "ibm",         "microsoft", "sap" };
    for (size_t i = 0; i < sizeof providers / sizeof providers[0]; i++) {
        mc_test_case("provider %s", providers[i]);
        CHECK(search_total(s, (struct mc_catalog_filter){ .provider = providers[i], NOF }) > 0);
    }

    /* Every program type the documents name is modelled. */
    static const char *const types[] = { "specialization", "professional-certificate",
                                         "mastertrack",    "xseries",
                                         "micromasters",   "microbachelors",
                                         "nano-degree",    "micro-credential",
                                         "program",        "certificate",
                                         "degree" };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        mc_test_case("type %s", types[i]);
        CHECK(search_total(s, (struct mc_catalog_filter){ .type = types[i], NOF }) > 0);
    }
    mc_test_case("nanodegrees are Udacity's");
    CHECK_INT(search_total(s, (struct mc_catalog_filter){ .type = "nano-degree", NOF }),
              search_total(s, (struct mc_catalog_filter){
                                      .type = "nano-degree", .provider = "udacity", NOF }));

    /* The documents' own figures. */
    struct mc_arena *a = mc_arena_new(0);
    struct {
        const char *slug;
        int64_t cents;
        enum mc_price_model model;
        int trial, refund;
    } figures[] = {
        { "edx-harvard-tiny-machine-learning", 53700, MC_PRICE_FEE, 0, 0 },
        { "edx-harvard-data-science", 79300, MC_PRICE_FEE, 0, 0 },
        { "coursera-imperial-msc-ml-ds", 3978900, MC_PRICE_TUITION, 0, 0 },
        { "coursera-google-data-analytics", 3900, MC_PRICE_SUBSCRIPTION, 7, 0 },
        { "udacity-machine-learning-engineer", 39900, MC_PRICE_SUBSCRIPTION, 0, 0 },
        { "udacity-ios-developer", 27900, MC_PRICE_SUBSCRIPTION, 0, 0 },
        { "kadenze-music-technology", 2000, MC_PRICE_SUBSCRIPTION, 0, 0 },
        { "futurelearn-digital-marketing", 19900, MC_PRICE_FEE, 0, 14 },
    };
    for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
        mc_test_case("figure %s", figures[i].slug);
        struct mc_program p;
        if (!CHECK_INT(mc_store_program_get(s, figures[i].slug, a, &p, &e), MC_OK))
            continue;
        CHECK_INT(p.price_cents, figures[i].cents);
        CHECK_INT(p.price_model, figures[i].model);
        CHECK_INT(p.trial_days, figures[i].trial);
        CHECK_INT(p.refund_days, figures[i].refund);
        CHECK(p.is_demo);
        CHECK(p.n_parts >= 3 && p.n_parts <= 4);
        /* Every course has at least one assessment. */
        for (size_t j = 0; j < p.n_parts; j++) {
            struct mc_assessment *as = NULL;
            size_t n = 0;
            CHECK_INT(mc_store_assessment_list(s, p.parts[j].course_id, a, &as, &n, &e), MC_OK);
            CHECK(n >= 1);
        }
        /* The awarded achievement carries the EU standard elements. */
        struct mc_org inst;
        CHECK_INT(mc_store_org_get_by_id(s, p.institution_org_id, a, &inst, &e), MC_OK);
        CHECK(p.achievement_id != 0);
    }
    struct mc_achievement ach;
    mc_test_case("EU standard elements");
    if (CHECK_INT(mc_store_achievement_get(s, "edx-harvard-tiny-machine-learning", 0, a, &ach, &e),
                  MC_OK)) {
        CHECK(ach.n_outcomes >= 3);
        CHECK(ach.ects > 0);
        CHECK(ach.workload_hours > 0);
        CHECK(ach.eqf_level >= 1 && ach.eqf_level <= 8);
        CHECK(ach.assessment_type && ach.assessment_type[0]);
        CHECK(ach.quality_assurance && ach.quality_assurance[0]);
        CHECK(ach.n_skills > 0);
        CHECK(ach.is_demo);
    }
    mc_arena_free(a);

    mc_test_case("loading twice is refused");
    CHECK_INT(mc_app_demo_load(s, &mc_embed_demo, &st, &e), MC_ERR_CONFLICT);
    CHECK(strstr(e.msg, "already") != NULL);
    mc_store_close(s);
}

/* Every program of the catalog, not just the figures: 3–4 courses, each with assessments that
 * are gradable (tests with a correct answer, projects and essays with a 3–4 criterion rubric),
 * and an achievement with the EU standard elements. */
static void check_program(struct mc_store *s, const struct mc_catalog_item *it, struct mc_arena *a,
                          int *min_weeks, int *max_weeks, int kinds[3])
{
    struct mc_err e;
    struct mc_program p;
    mc_test_case("program %s", it->program.slug);
    if (!CHECK_INT(mc_store_program_get(s, it->program.slug, a, &p, &e), MC_OK))
        return;
    CHECK(p.is_demo);
    CHECK(p.n_parts >= 3 && p.n_parts <= 4);
    CHECK(p.title && p.title[0] && p.summary && p.summary[0]);
    CHECK(p.currency && strlen(p.currency) == 3);
    if (p.duration_weeks < *min_weeks)
        *min_weeks = p.duration_weeks;
    if (p.duration_weeks > *max_weeks)
        *max_weeks = p.duration_weeks;
    for (size_t j = 0; j < p.n_parts; j++) {
        struct mc_assessment *as = NULL;
        size_t n = 0;
        CHECK_INT(mc_store_assessment_list(s, p.parts[j].course_id, a, &as, &n, &e), MC_OK);
        CHECK(n >= 1);
        for (size_t k = 0; k < n; k++) {
            kinds[as[k].kind == MC_ASSESS_TEST ? 0 : as[k].kind == MC_ASSESS_PROJECT ? 1 : 2]++;
            if (as[k].kind != MC_ASSESS_TEST) {
                CHECK(as[k].n_rubric >= 3 && as[k].n_rubric <= 4);
                continue;
            }
            CHECK(as[k].n_questions >= 1);
            for (size_t q = 0; q < as[k].n_questions; q++) {
                const struct mc_question *qu = &as[k].questions[q];
                size_t correct = 0;
                for (size_t o = 0; o < qu->n_options; o++)
                    correct += qu->options[o].correct;
                if (qu->kind == MC_QUESTION_SINGLE)
                    CHECK_INT(correct, 1);
                else if (qu->kind == MC_QUESTION_MULTIPLE)
                    CHECK(correct >= 1);
                else
                    CHECK_INT(qu->n_options, 0);
            }
        }
    }
    struct mc_achievement ach;
    if (!CHECK(it->achievement_slug != NULL))
        return;
    if (!CHECK_INT(mc_store_achievement_get(s, it->achievement_slug, 0, a, &ach, &e), MC_OK))
        return;
    CHECK(ach.is_demo);
    CHECK(ach.n_outcomes >= 1);
    CHECK(ach.workload_hours > 0);
    CHECK(ach.ects > 0);
    CHECK(ach.eqf_level >= 1 && ach.eqf_level <= 8);
    CHECK(ach.assessment_type && ach.assessment_type[0]);
    CHECK(ach.quality_assurance && ach.quality_assurance[0]);
    CHECK(ach.language && ach.language[0]);
}

static void test_whole_catalog(void)
{
    struct mc_store *s = fresh_store("whole.db");
    if (!CHECK(s != NULL))
        return;
    struct mc_err e;
    struct mc_demo_stats st = { 0 };
    if (!CHECK_INT(mc_app_demo_load(s, &mc_embed_demo, &st, &e), MC_OK)) {
        fprintf(stderr, "  %s\n", e.msg);
        mc_store_close(s);
        return;
    }
    struct mc_arena *a = mc_arena_new(0);
    int min_weeks = 1 << 30, max_weeks = 0, kinds[3] = { 0, 0, 0 };
    size_t seen = 0;
    for (int64_t offset = 0;; offset += 100) {
        struct mc_catalog_filter f = { NOF, .limit = 100, .offset = offset };
        struct mc_catalog_page page = { 0 };
        if (!CHECK_INT(mc_store_catalog_search(s, &f, a, &page, &e), MC_OK))
            break;
        for (size_t i = 0; i < page.count; i++)
            check_program(s, &page.items[i], a, &min_weeks, &max_weeks, kinds);
        seen += page.count;
        if (page.count < 100)
            break;
    }
    mc_test_case("whole catalog");
    CHECK_INT(seen, st.programs);
    CHECK(min_weeks <= 2);  /* "from two weeks" */
    CHECK(max_weeks >= 52); /* "to a year" */
    CHECK(kinds[0] > 0 && kinds[1] > 0 && kinds[2] > 0);
    CHECK(st.programs >= 28 && st.programs <= 35);
    CHECK(st.courses >= 90);
    mc_arena_free(a);
    mc_store_close(s);
}

/* The loader for a directory on disk reads the same files and gives the same counts. */
static void test_load_dir(void)
{
    mc_test_case("load_dir");
    char dir[600];
    snprintf(dir, sizeof dir, "%s/seed", mc_test_tmpdir());
    if (!CHECK_INT(mkdir(dir, 0700), 0))
        return;
    for (size_t i = 0; i < mc_embed_demo.count; i++) {
        char path[800];
        snprintf(path, sizeof path, "%s/%s", dir, mc_embed_demo.files[i].path);
        FILE *f = fopen(path, "wb");
        if (!CHECK(f != NULL))
            return;
        CHECK_INT(fwrite(mc_embed_demo.files[i].data, 1, mc_embed_demo.files[i].len, f),
                  mc_embed_demo.files[i].len);
        fclose(f);
    }
    struct mc_err e;
    struct mc_demo_stats from_dir = { 0 }, embedded = { 0 };
    struct mc_store *s = fresh_store("dir.db");
    struct mc_store *t = fresh_store("embedded.db");
    if (CHECK(s != NULL && t != NULL)) {
        if (!CHECK_INT(mc_app_demo_load_dir(s, dir, &from_dir, &e), MC_OK))
            fprintf(stderr, "  %s\n", e.msg);
        CHECK_INT(mc_app_demo_load(t, &mc_embed_demo, &embedded, &e), MC_OK);
        CHECK_INT(from_dir.orgs, embedded.orgs);
        CHECK_INT(from_dir.skills, embedded.skills);
        CHECK_INT(from_dir.achievements, embedded.achievements);
        CHECK_INT(from_dir.programs, embedded.programs);
        CHECK_INT(from_dir.courses, embedded.courses);
        CHECK_INT(from_dir.assessments, embedded.assessments);
        CHECK_INT(from_dir.questions, embedded.questions);
        CHECK(from_dir.programs > 0);
        mc_test_case("load_dir: a missing directory");
        char missing[700];
        snprintf(missing, sizeof missing, "%s/no-such-dir", mc_test_tmpdir());
        CHECK_INT(mc_app_demo_load_dir(t, missing, NULL, &e), MC_ERR_IO);
        CHECK(strstr(e.msg, "no-such-dir") != NULL);
    }
    mc_store_close(s);
    mc_store_close(t);
}

/* A catalog made in memory, to check errors name the file and field and leave nothing. */
#define FILE_OF(name, text)                                   \
    {                                                         \
        name, (const unsigned char *)(text), sizeof(text) - 1 \
    }

static const char orgs_json[] =
        "{\"organisations\":[{\"slug\":\"acme\",\"name\":\"Acme\",\"kind\":\"company\","
        "\"url\":\"https://acme.example\",\"country\":\"GB\"}]}";
static const char skills_json[] =
        "{\"frameworks\":[{\"slug\":\"fw\",\"name\":\"FW\"}],"
        "\"skills\":[{\"slug\":\"go\",\"name\":\"Go\",\"framework\":\"fw\"}]}";

struct bad_case {
    const char *name;
    const char *text;
    const char *want; /* in the message */
};

static const struct bad_case bad_cases[] = {
    { "syntax", "{\"programs\": [", "zz.json:1:" },
    { "unknown field", "{\"programz\": []}", "zz.json: /programz: unknown field" },
    { "not an array", "{\"programs\": {}}", "zz.json: /programs: expected an array" },
    { "bad type", "{\"programs\":[{\"slug\":\"p\",\"type\":\"spaceship\"}]}",
      "zz.json: /programs/0/type:" },
    { "price not a number",
      "{\"programs\":[{\"slug\":\"p\",\"type\":\"course\",\"title\":\"T\",\"summary\":\"S\","
      "\"platform\":\"acme\",\"institution\":\"acme\",\"duration_weeks\":2,\"language\":\"en\","
      "\"price\":{\"amount\":\"ten\",\"currency\":\"USD\",\"model\":\"fee\"}}]}",
      "zz.json: /programs/0/price/amount: expected a number" },
    { "unknown org",
      "{\"programs\":[{\"slug\":\"p\",\"type\":\"course\",\"title\":\"T\",\"summary\":\"S\","
      "\"platform\":\"nobody\",\"institution\":\"acme\",\"duration_weeks\":2,\"language\":\"en\","
      "\"price\":{\"amount\":1,\"currency\":\"USD\",\"model\":\"fee\"},\"courses\":[]}]}",
      "zz.json: /programs/0/platform: no organisation \"nobody\"" },
};

static void test_bad_files(void)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        mc_test_case("bad file: %s", bad_cases[i].name);
        char name[64];
        snprintf(name, sizeof name, "bad-%zu.db", i);
        struct mc_store *s = fresh_store(name);
        if (!CHECK(s != NULL))
            continue;
        struct mc_embed_file files[] = {
            FILE_OF("orgs.json", orgs_json),
            FILE_OF("skills.json", skills_json),
            { "zz.json", (const unsigned char *)bad_cases[i].text, strlen(bad_cases[i].text) },
        };
        struct mc_embed_dir dir = { "bad", files, 3 };
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_app_demo_load(s, &dir, NULL, &e), MC_ERR_INVALID);
        if (!CHECK(strstr(e.msg, bad_cases[i].want) != NULL))
            fprintf(stderr, "  message: %s\n  want: %s\n", e.msg, bad_cases[i].want);
        /* All or nothing: the organisation from orgs.json was rolled back too. */
        bool loaded = true;
        CHECK_INT(mc_app_demo_is_loaded(s, &loaded, &e), MC_OK);
        CHECK(!loaded);
        mc_store_close(s);
    }
}

int main(void)
{
    test_load_demo();
    test_whole_catalog();
    test_load_dir();
    test_bad_files();
    return mc_test_done();
}
