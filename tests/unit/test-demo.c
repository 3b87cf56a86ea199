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

/* Whether `id` is among `ids`. */
static bool has_id(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return true;
    return false;
}

/*
 * The demo job roles: each is there with its organisation, every skill it requires is taught
 * by a published program (so the planner finds a path), and the demo learner's credentials
 * (mcred demo --with-credentials: these three achievements) cover some of its skills but not
 * all (so matching and planning have something to show).
 */
static void test_demo_roles(struct mc_store *s, struct mc_arena *a)
{
    static const struct {
        const char *slug, *org;
        size_t n_skills;
    } roles[] = {
        { "junior-data-analyst", "google", 5 },
        { "cloud-support-associate", "microsoft", 4 },
        { "machine-learning-engineer", NULL, 5 },
    };
    static const char *const learner_awards[] = { "coursera-google-data-analytics",
                                                  "ibm-blockchain-essentials",
                                                  "microsoft-azure-fundamentals" };
    struct mc_err e;
    int64_t held[64];
    size_t n_held = 0;
    for (size_t i = 0; i < sizeof learner_awards / sizeof learner_awards[0]; i++) {
        struct mc_achievement ach;
        mc_test_case("demo learner's achievement %s", learner_awards[i]);
        if (!CHECK_INT(mc_store_achievement_get(s, learner_awards[i], 0, a, &ach, &e), MC_OK))
            continue;
        for (size_t k = 0; k < ach.n_skills && n_held < 64; k++)
            held[n_held++] = ach.skill_ids[k];
    }
    struct mc_plan_offering *offers = NULL;
    size_t n_offers = 0;
    CHECK_INT(mc_store_plan_offerings(s, a, &offers, &n_offers, &e), MC_OK);
    struct mc_job_role *list = NULL;
    size_t n = 0;
    mc_test_case("demo job roles listed");
    CHECK_INT(mc_store_job_role_list(s, a, &list, &n, &e), MC_OK);
    CHECK_INT(n, sizeof roles / sizeof roles[0]);
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
        mc_test_case("demo job role %s", roles[i].slug);
        struct mc_job_role r;
        if (!CHECK_INT(mc_store_job_role_get(s, roles[i].slug, a, &r, &e), MC_OK))
            continue;
        CHECK(r.is_demo);
        CHECK(r.title && r.title[0] && r.description && r.description[0]);
        if (roles[i].org)
            CHECK_STR(r.org_slug, roles[i].org);
        else
            CHECK(r.org_slug == NULL);
        CHECK_INT(r.n_skills, roles[i].n_skills);
        size_t have = 0;
        for (size_t k = 0; k < r.n_skills; k++) {
            bool taught = false;
            for (size_t o = 0; o < n_offers && !taught; o++)
                taught = has_id(offers[o].skill_ids, offers[o].n_skills, r.skills[k].skill_id);
            if (!CHECK(taught))
                fprintf(stderr, "  no program teaches %s\n", r.skills[k].skill_slug);
            have += has_id(held, n_held, r.skills[k].skill_id);
        }
        CHECK(have >= 1);
        CHECK(have < r.n_skills);
    }
}

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
    CHECK_INT(st.roles, 3);
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
    test_demo_roles(s, a);
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
        CHECK_INT(from_dir.roles, embedded.roles);
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
    { "role: unknown skill",
      "{\"roles\":[{\"slug\":\"r\",\"title\":\"R\",\"skills\":[{\"skill\":\"go\"},"
      "{\"skill\":\"cobol\",\"level\":2}]}]}",
      "zz.json: /roles/0/skills/1/skill: no skill \"cobol\"" },
    { "role: level out of range",
      "{\"roles\":[{\"slug\":\"r\",\"title\":\"R\",\"skills\":[{\"skill\":\"go\",\"level\":6}]}]}",
      "zz.json: /roles/0/skills/0/level: must be between 1 and 5, not 6" },
    { "role: unknown organisation",
      "{\"roles\":[{\"slug\":\"r\",\"title\":\"R\",\"organisation\":\"nobody\","
      "\"skills\":[{\"skill\":\"go\"}]}]}",
      "zz.json: /roles/0/organisation: no organisation \"nobody\"" },
    { "role: no skills", "{\"roles\":[{\"slug\":\"r\",\"title\":\"R\",\"skills\":[]}]}",
      "zz.json: /roles/0/skills: a role lists 1 to 100 skills" },
    { "role: a skill given twice",
      "{\"roles\":[{\"slug\":\"r\",\"title\":\"R\",\"skills\":[{\"skill\":\"go\"},"
      "{\"skill\":\"go\"}]}]}",
      "zz.json: /roles/0: job_role.skills[1]: skill" },
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
