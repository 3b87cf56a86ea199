/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/store/: opening, migrations, every put/get, conflicts, transactions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "store/sqlite/sqlite.h"
#include "store/store.h"
#include "test.h"

static char *tmp_path(const char *name)
{
    return mc_xasprintf("%s/%s", mc_test_tmpdir(), name);
}

static bool file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

static sqlite3 *raw(struct mc_store *s)
{
    return mc_sqlite_of(s)->db;
}

static int64_t count_rows(struct mc_store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(raw(s), sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static bool contains(const char *hay, const char *needle)
{
    return strstr(hay, needle) != NULL;
}

/* --- opening and migrations --- */

static void test_fresh_and_reopen(void)
{
    mc_test_case("fresh database");
    char *path = tmp_path("fresh.db");
    struct mc_store *s = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_store_open(path, MC_STORE_CREATE, &s, &e), MC_OK);
    CHECK(s != NULL);
    CHECK(mc_store_schema_latest() >= 1);
    int v = -1;
    CHECK_INT(mc_store_schema_version(s, &v, &e), MC_OK);
    CHECK_INT(v, mc_store_schema_latest());
    static const char *const tables[] = { "organisations",
                                          "users",
                                          "memberships",
                                          "sessions",
                                          "api_tokens",
                                          "skill_frameworks",
                                          "skills",
                                          "achievements",
                                          "achievement_outcomes",
                                          "achievement_skills",
                                          "programs",
                                          "program_parts",
                                          "program_skills",
                                          "courses",
                                          "assessments",
                                          "questions",
                                          "question_options",
                                          "rubric_criteria",
                                          "enrollments",
                                          "submissions",
                                          "answers",
                                          "results",
                                          "result_rubric_scores",
                                          "signing_keys",
                                          "credentials",
                                          "status_lists",
                                          "status_list_entries",
                                          "recognition_agreements",
                                          "job_roles",
                                          "job_role_skills",
                                          "learner_skills",
                                          "training_assignments",
                                          "audit_log",
                                          "schema_migrations" };
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        mc_test_case("table %s exists", tables[i]);
        char *sql = mc_xasprintf(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='%s'", tables[i]);
        CHECK_INT(count_rows(s, sql), 1);
        free(sql);
    }
    mc_test_case("pragmas");
    CHECK_INT(count_rows(s, "PRAGMA foreign_keys"), 1);
    CHECK_INT(count_rows(s, "PRAGMA synchronous"), 1); /* NORMAL */
    CHECK(file_exists(path));

    mc_test_case("foreign keys are enforced");
    static const char *const dangling[] = {
        "INSERT INTO skills (framework_id, slug, name) VALUES (999, 'x', 'X')",
        "INSERT INTO courses (slug, org_id, title, created_at) VALUES ('c', 999, 'C', 0)",
        ("INSERT INTO memberships (user_id, org_id, role, created_at) VALUES (998, 999, "
         "'owner', 0)"),
    };
    for (size_t i = 0; i < sizeof dangling / sizeof dangling[0]; i++) {
        mc_test_case("dangling reference %zu", i);
        CHECK_INT(sqlite3_exec(raw(s), dangling[i], NULL, NULL, NULL),
                  SQLITE_CONSTRAINT_FOREIGNKEY);
    }
    mc_test_case("CHECK constraints on enumerations");
    CHECK_INT(sqlite3_exec(raw(s),
                           "INSERT INTO organisations (slug, name, kind, created_at) VALUES "
                           "('o', 'O', 'castle', 0)",
                           NULL, NULL, NULL),
              SQLITE_CONSTRAINT_CHECK);
    mc_store_close(s);

    mc_test_case("reopen is a no-op");
    s = NULL;
    CHECK_INT(mc_store_open(path, 0, &s, &e), MC_OK);
    CHECK_INT(mc_store_schema_version(s, &v, &e), MC_OK);
    CHECK_INT(v, mc_store_schema_latest());
    CHECK_INT(count_rows(s, "SELECT count(*) FROM schema_migrations"), mc_store_schema_latest());
    mc_store_close(s);

    mc_test_case("sqlite: prefix, read-only open");
    char *loc = mc_xasprintf("sqlite:%s", path);
    s = NULL;
    CHECK_INT(mc_store_open(loc, MC_STORE_READONLY, &s, &e), MC_OK);
    struct mc_org o = { .slug = "ro", .name = "RO", .kind = MC_ORG_TRAINING };
    CHECK_INT(mc_store_org_put(s, &o, &e), MC_ERR_DB);
    mc_store_close(s);
    free(loc);

    mc_test_case("an old database is not migrated read-only");
    char *empty = tmp_path("empty.db");
    sqlite3 *raw_db = NULL;
    CHECK_INT(sqlite3_open(empty, &raw_db), SQLITE_OK);
    CHECK_INT(sqlite3_exec(raw_db, "CREATE TABLE t (x)", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(raw_db);
    s = NULL;
    CHECK_INT(mc_store_open(empty, MC_STORE_READONLY, &s, &e), MC_ERR_UNSUPPORTED);
    CHECK(contains(e.msg, "schema version 0, older"));
    CHECK_INT(mc_store_open(empty, 0, &s, &e), MC_OK); /* read-write migrates it */
    CHECK_INT(mc_store_schema_version(s, &v, &e), MC_OK);
    CHECK_INT(v, mc_store_schema_latest());
    mc_store_close(s);
    free(empty);

    mc_test_case("a newer database is refused");
    s = NULL;
    CHECK_INT(mc_store_open(path, 0, &s, &e), MC_OK);
    CHECK_INT(sqlite3_exec(raw(s),
                           "INSERT INTO schema_migrations VALUES (9999, '9999-future.sql', 0)",
                           NULL, NULL, NULL),
              SQLITE_OK);
    mc_store_close(s);
    s = NULL;
    mc_err_clear(&e);
    CHECK_INT(mc_store_open(path, 0, &s, &e), MC_ERR_UNSUPPORTED);
    CHECK(s == NULL);
    CHECK(contains(e.msg, "schema version 9999"));
    CHECK(contains(e.msg, "newer"));
    CHECK(contains(e.msg, path));
    CHECK_INT(mc_store_open(path, MC_STORE_READONLY, &s, &e), MC_ERR_UNSUPPORTED);
    CHECK(file_exists(path)); /* an existing database is never removed */
    free(path);
}

static void test_open_failures(void)
{
    static const struct {
        const char *name; /* under the tmp dir; "" for none */
        const char *location;
        unsigned flags;
        enum mc_rc rc;
        const char *msg; /* a part of the message */
    } cases[] = {
        { "missing dir", "nope/sub/x.db", MC_STORE_CREATE, MC_ERR_IO, "does not exist" },
        { "parent is a file", "afile/x.db", MC_STORE_CREATE, MC_ERR_IO, "is not a directory" },
        { "missing without create", "absent.db", 0, MC_ERR_NOT_FOUND, "does not exist" },
        { "not a database", "garbage.db", MC_STORE_CREATE, MC_ERR_DB, "not a SQLite database" },
        { "a directory", "adir", MC_STORE_CREATE, MC_ERR_IO, "is a directory" },
    };
    char *afile = tmp_path("afile");
    FILE *f = fopen(afile, "w");
    fputs("x", f);
    fclose(f);
    char *garbage = tmp_path("garbage.db");
    f = fopen(garbage, "w");
    for (int i = 0; i < 200; i++)
        fputs("this is not a database file at all ", f);
    fclose(f);
    char *adir = tmp_path("adir");
    mkdir(adir, 0755);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("%s", cases[i].name);
        char *path = tmp_path(cases[i].location);
        struct mc_store *s = NULL;
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_store_open(path, cases[i].flags, &s, &e), cases[i].rc);
        CHECK(s == NULL);
        CHECK(contains(e.msg, cases[i].msg));
        if (!contains(e.msg, cases[i].msg))
            fprintf(stderr, "  message: %s\n", e.msg);
        CHECK(contains(e.msg, mc_test_tmpdir())); /* names the path */
        char *wal = mc_xasprintf("%s-wal", path);
        CHECK(!file_exists(wal));
        free(wal);
        free(path);
    }
    mc_test_case("garbage file is left alone");
    CHECK(file_exists(garbage));

    static const struct {
        const char *location;
        enum mc_rc rc;
        const char *msg;
    } locs[] = {
        { "postgres://db.example/mcred", MC_ERR_UNSUPPORTED, "PostgreSQL" },
        { "postgresql://x", MC_ERR_UNSUPPORTED, "PostgreSQL" },
        { "", MC_ERR_INVALID, "no database location" },
        { "sqlite:", MC_ERR_INVALID, "no file path" },
    };
    for (size_t i = 0; i < sizeof locs / sizeof locs[0]; i++) {
        mc_test_case("location '%s'", locs[i].location);
        struct mc_store *s = NULL;
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_store_open(locs[i].location, MC_STORE_CREATE, &s, &e), locs[i].rc);
        CHECK(contains(e.msg, locs[i].msg));
    }

    mc_test_case("read-only directory");
    char *rodir = tmp_path("ro");
    mkdir(rodir, 0555);
    char *ropath = tmp_path("ro/x.db");
    if (geteuid() == 0) {
        /* root writes anywhere; the permission check cannot be shown here */
        printf("note: running as root, the read-only directory case is skipped\n");
    } else {
        struct mc_store *s = NULL;
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_store_open(ropath, MC_STORE_CREATE, &s, &e), MC_ERR_IO);
        CHECK(contains(e.msg, "not writable"));
        CHECK(contains(e.msg, rodir));
        CHECK(!file_exists(ropath));
    }
    chmod(rodir, 0755);
    free(ropath);
    free(rodir);
    free(adir);
    free(garbage);
    free(afile);
}

/* --- entities --- */

struct fixture {
    struct mc_store *s;
    struct mc_arena *arena;
    struct mc_org platform, uni;
    struct mc_skill_framework fw;
    struct mc_skill ml, py;
};

static void setup(struct fixture *fx, const char *name)
{
    memset(fx, 0, sizeof *fx);
    char *path = tmp_path(name);
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_store_open(path, MC_STORE_CREATE, &fx->s, &e)) {
        fprintf(stderr, "cannot open %s: %s\n", path, e.msg);
        exit(1);
    }
    free(path);
    fx->arena = mc_arena_new(0);
    fx->platform = (struct mc_org){ .slug = "coursera",
                                    .name = "Coursera",
                                    .kind = MC_ORG_PLATFORM,
                                    .url = "https://www.coursera.org",
                                    .country = "US",
                                    .description = "Online courses",
                                    .is_demo = true,
                                    .email = "support@coursera.example",
                                    .verified = true,
                                    .accredited = false };
    fx->uni = (struct mc_org){ .slug = "imperial",
                               .name = "Imperial College London",
                               .kind = MC_ORG_UNIVERSITY,
                               .country = "GB",
                               .accredited = true };
    CHECK_INT(mc_store_org_put(fx->s, &fx->platform, &e), MC_OK);
    CHECK_INT(mc_store_org_put(fx->s, &fx->uni, &e), MC_OK);
    fx->fw = (struct mc_skill_framework){ .slug = "esco",
                                          .name = "ESCO",
                                          .uri = "http://data.europa.eu/esco",
                                          .publisher = "European Commission" };
    CHECK_INT(mc_store_skill_framework_put(fx->s, &fx->fw, &e), MC_OK);
    fx->ml = (struct mc_skill){ .framework_id = fx->fw.id,
                                .slug = "machine-learning",
                                .name = "Machine learning",
                                .code = "S1.2",
                                .uri = "http://data.europa.eu/esco/s/ml",
                                .description = "Build models that learn" };
    fx->py = (struct mc_skill){ .framework_id = fx->fw.id, .slug = "python", .name = "Python" };
    CHECK_INT(mc_store_skill_put(fx->s, &fx->ml, &e), MC_OK);
    CHECK_INT(mc_store_skill_put(fx->s, &fx->py, &e), MC_OK);
}

static void teardown(struct fixture *fx)
{
    mc_store_close(fx->s);
    mc_arena_free(fx->arena);
}

static void test_orgs_and_skills(void)
{
    struct fixture fx;
    setup(&fx, "orgs.db");
    struct mc_err e;
    mc_err_clear(&e);

    mc_test_case("org round trip");
    CHECK(fx.platform.id > 0);
    CHECK(fx.uni.id > fx.platform.id);
    struct mc_org o;
    CHECK_INT(mc_store_org_get(fx.s, "coursera", fx.arena, &o, &e), MC_OK);
    CHECK_INT(o.id, fx.platform.id);
    CHECK_STR(o.slug, "coursera");
    CHECK_STR(o.name, "Coursera");
    CHECK_INT(o.kind, MC_ORG_PLATFORM);
    CHECK_STR(o.url, "https://www.coursera.org");
    CHECK_STR(o.country, "US");
    CHECK_STR(o.description, "Online courses");
    CHECK_STR(o.email, "support@coursera.example");
    CHECK(o.is_demo && o.verified && !o.accredited);
    CHECK_INT(mc_store_org_get_by_id(fx.s, fx.uni.id, fx.arena, &o, &e), MC_OK);
    CHECK_STR(o.slug, "imperial");
    CHECK(o.url == NULL && o.description == NULL && o.email == NULL);
    CHECK(o.accredited && !o.is_demo);

    mc_test_case("demo count");
    int64_t n = -1;
    CHECK_INT(mc_store_demo_org_count(fx.s, &n, &e), MC_OK);
    CHECK_INT(n, 1);

    static const struct {
        const char *name;
        struct mc_org org;
        enum mc_rc rc;
        const char *msg;
    } bad[] = {
        { "duplicate",
          { .slug = "coursera", .name = "Again", .kind = MC_ORG_PLATFORM },
          MC_ERR_CONFLICT,
          "organisation 'coursera' exists already" },
        { "no slug",
          { .name = "X", .kind = MC_ORG_PLATFORM },
          MC_ERR_INVALID,
          "org.slug is required" },
        { "bad slug",
          { .slug = "Has Space", .name = "X" },
          MC_ERR_INVALID,
          "'Has Space' is not a valid slug" },
        { "no name", { .slug = "x" }, MC_ERR_INVALID, "org.name is required" },
        { "bad kind",
          { .slug = "x", .name = "X", .kind = (enum mc_org_kind)42 },
          MC_ERR_INVALID,
          "org.kind" },
        { "bad country",
          { .slug = "x", .name = "X", .country = "usa" },
          MC_ERR_INVALID,
          "org.country" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("org put: %s", bad[i].name);
        struct mc_org b = bad[i].org;
        mc_err_clear(&e);
        CHECK_INT(mc_store_org_put(fx.s, &b, &e), bad[i].rc);
        CHECK(contains(e.msg, bad[i].msg));
        CHECK_INT(b.id, 0);
    }
    mc_test_case("org not found");
    CHECK_INT(mc_store_org_get(fx.s, "nobody", fx.arena, &o, &e), MC_ERR_NOT_FOUND);
    CHECK(contains(e.msg, "'nobody'"));
    CHECK_INT(mc_store_org_get_by_id(fx.s, 12345, fx.arena, &o, &e), MC_ERR_NOT_FOUND);

    mc_test_case("skill framework and skills");
    struct mc_skill_framework f;
    CHECK_INT(mc_store_skill_framework_get(fx.s, "esco", fx.arena, &f, &e), MC_OK);
    CHECK_INT(f.id, fx.fw.id);
    CHECK_STR(f.name, "ESCO");
    CHECK_STR(f.uri, "http://data.europa.eu/esco");
    CHECK_STR(f.publisher, "European Commission");
    struct mc_skill k;
    CHECK_INT(mc_store_skill_get(fx.s, "machine-learning", fx.arena, &k, &e), MC_OK);
    CHECK_INT(k.id, fx.ml.id);
    CHECK_INT(k.framework_id, fx.fw.id);
    CHECK_STR(k.name, "Machine learning");
    CHECK_STR(k.code, "S1.2");
    CHECK_STR(k.uri, "http://data.europa.eu/esco/s/ml");
    CHECK_STR(k.description, "Build models that learn");
    CHECK_INT(mc_store_skill_get(fx.s, "python", fx.arena, &k, &e), MC_OK);
    CHECK(k.code == NULL && k.uri == NULL);
    struct mc_skill dup = { .framework_id = fx.fw.id, .slug = "python", .name = "Py" };
    CHECK_INT(mc_store_skill_put(fx.s, &dup, &e), MC_ERR_CONFLICT);
    CHECK(contains(e.msg, "skill 'python' exists already"));
    struct mc_skill orphan = { .framework_id = 777, .slug = "orphan", .name = "O" };
    CHECK_INT(mc_store_skill_put(fx.s, &orphan, &e), MC_ERR_INVALID);
    CHECK(contains(e.msg, "skill.framework_id: 777 does not exist"));
    struct mc_skill_framework fdup = { .slug = "esco", .name = "E" };
    CHECK_INT(mc_store_skill_framework_put(fx.s, &fdup, &e), MC_ERR_CONFLICT);
    CHECK_INT(mc_store_skill_framework_get(fx.s, "onet", fx.arena, &f, &e), MC_ERR_NOT_FOUND);
    CHECK_INT(mc_store_skill_get(fx.s, "cobol", fx.arena, &k, &e), MC_ERR_NOT_FOUND);
    teardown(&fx);
}

static void test_achievements_courses(void)
{
    struct fixture fx;
    setup(&fx, "ach.db");
    struct mc_err e;
    mc_err_clear(&e);

    mc_test_case("achievement round trip");
    const char *outcomes[] = { "Explain supervised learning", "Train a model in Python",
                               "Evaluate a classifier" };
    int64_t skills[] = { fx.py.id, fx.ml.id };
    struct mc_achievement a = { .slug = "ml-cert",
                                .version = 1,
                                .issuer_org_id = fx.uni.id,
                                .name = "Machine Learning",
                                .description = "A certificate",
                                .criteria = "Pass all courses",
                                .achievement_type = "Certificate",
                                .image_url = "https://img.example/ml.png",
                                .outcomes = outcomes,
                                .n_outcomes = 3,
                                .workload_hours = 120.5,
                                .ects = 4,
                                .eqf_level = 6,
                                .assessment_type = "tests and a graded project",
                                .participation = MC_PARTICIPATION_BLENDED,
                                .quality_assurance = "QAA",
                                .prerequisites = "Algebra",
                                .language = "en-GB",
                                .supervision = MC_SUPERVISION_ID_VERIFIED,
                                .stackable = true,
                                .validity_days = 730,
                                .status = MC_STATUS_PUBLISHED,
                                .skill_ids = skills,
                                .n_skills = 2,
                                .is_demo = true };
    CHECK_INT(mc_store_achievement_put(fx.s, &a, &e), MC_OK);
    CHECK(a.id > 0);
    struct mc_achievement g;
    CHECK_INT(mc_store_achievement_get(fx.s, "ml-cert", 0, fx.arena, &g, &e), MC_OK);
    CHECK_INT(g.id, a.id);
    CHECK_STR(g.slug, "ml-cert");
    CHECK_INT(g.version, 1);
    CHECK_INT(g.issuer_org_id, fx.uni.id);
    CHECK_STR(g.name, "Machine Learning");
    CHECK_STR(g.description, "A certificate");
    CHECK_STR(g.criteria, "Pass all courses");
    CHECK_STR(g.achievement_type, "Certificate");
    CHECK_STR(g.image_url, "https://img.example/ml.png");
    CHECK_INT(g.n_outcomes, 3);
    for (size_t i = 0; i < 3 && i < g.n_outcomes; i++)
        CHECK_STR(g.outcomes[i], outcomes[i]);
    CHECK(g.workload_hours == 120.5);
    CHECK(g.ects == 4);
    CHECK_INT(g.eqf_level, 6);
    CHECK_STR(g.assessment_type, "tests and a graded project");
    CHECK_INT(g.participation, MC_PARTICIPATION_BLENDED);
    CHECK_STR(g.quality_assurance, "QAA");
    CHECK_STR(g.prerequisites, "Algebra");
    CHECK_STR(g.language, "en-GB");
    CHECK_INT(g.supervision, MC_SUPERVISION_ID_VERIFIED);
    CHECK(g.stackable);
    CHECK_INT(g.validity_days, 730);
    CHECK_INT(g.status, MC_STATUS_PUBLISHED);
    CHECK(g.is_demo);
    CHECK_INT(g.n_skills, 2);
    if (g.n_skills == 2) {
        CHECK_INT(g.skill_ids[0], fx.py.id);
        CHECK_INT(g.skill_ids[1], fx.ml.id);
    }

    mc_test_case("achievement versions");
    struct mc_achievement a2 = { .slug = "ml-cert",
                                 .version = 2,
                                 .issuer_org_id = fx.uni.id,
                                 .name = "Machine Learning v2",
                                 .workload_hours = -1,
                                 .ects = -1 };
    CHECK_INT(mc_store_achievement_put(fx.s, &a2, &e), MC_OK);
    CHECK_INT(mc_store_achievement_get(fx.s, "ml-cert", 0, fx.arena, &g, &e), MC_OK);
    CHECK_INT(g.version, 2);
    CHECK(g.workload_hours < 0 && g.ects < 0);
    CHECK_INT(g.n_outcomes, 0);
    CHECK_STR(g.achievement_type, "MicroCredential"); /* default */
    CHECK_STR(g.language, "en");
    CHECK_INT(mc_store_achievement_get(fx.s, "ml-cert", 1, fx.arena, &g, &e), MC_OK);
    CHECK_STR(g.name, "Machine Learning");
    CHECK_INT(count_rows(fx.s, "SELECT superseded_by FROM achievements WHERE version = 1"), a2.id);
    CHECK_INT(mc_store_achievement_get(fx.s, "ml-cert", 3, fx.arena, &g, &e), MC_ERR_NOT_FOUND);
    CHECK(contains(e.msg, "version 3"));

    static const struct {
        const char *name;
        struct mc_achievement a;
        enum mc_rc rc;
        const char *msg;
    } bad[] = {
        { "same version",
          { .slug = "ml-cert", .version = 2, .issuer_org_id = 1, .name = "X" },
          MC_ERR_CONFLICT,
          "achievement 'ml-cert' version 2 exists already" },
        { "version 0",
          { .slug = "v0", .version = 0, .issuer_org_id = 1, .name = "X" },
          MC_ERR_INVALID,
          "achievement.version" },
        { "eqf 9",
          { .slug = "e9", .version = 1, .issuer_org_id = 1, .name = "X", .eqf_level = 9 },
          MC_ERR_INVALID,
          "achievement.eqf_level" },
        { "no issuer",
          { .slug = "ni", .version = 1, .name = "X" },
          MC_ERR_INVALID,
          "achievement.issuer_org_id is required" },
        { "unknown issuer",
          { .slug = "ui", .version = 1, .issuer_org_id = 999, .name = "X" },
          MC_ERR_INVALID,
          "achievement.issuer_org_id: 999 does not exist" },
        { "bad status",
          { .slug = "bs",
            .version = 1,
            .issuer_org_id = 1,
            .name = "X",
            .status = (enum mc_publish_status)7 },
          MC_ERR_INVALID,
          "achievement.status" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("achievement put: %s", bad[i].name);
        struct mc_achievement b = bad[i].a;
        mc_err_clear(&e);
        CHECK_INT(mc_store_achievement_put(fx.s, &b, &e), bad[i].rc);
        CHECK(contains(e.msg, bad[i].msg));
        CHECK_INT(b.id, 0);
    }

    mc_test_case("achievement with a bad skill leaves nothing behind");
    int64_t bad_skills[] = { fx.ml.id, 4242 };
    struct mc_achievement half = { .slug = "half",
                                   .version = 1,
                                   .issuer_org_id = fx.uni.id,
                                   .name = "Half",
                                   .outcomes = outcomes,
                                   .n_outcomes = 1,
                                   .skill_ids = bad_skills,
                                   .n_skills = 2 };
    CHECK_INT(mc_store_achievement_put(fx.s, &half, &e), MC_ERR_INVALID);
    CHECK(contains(e.msg, "4242 does not exist"));
    CHECK_INT(half.id, 0);
    CHECK_INT(mc_store_achievement_get(fx.s, "half", 0, fx.arena, &g, &e), MC_ERR_NOT_FOUND);
    CHECK_INT(count_rows(fx.s, "SELECT count(*) FROM achievement_outcomes"), 3);
    int64_t twice[] = { fx.ml.id, fx.ml.id };
    half.skill_ids = twice;
    CHECK_INT(mc_store_achievement_put(fx.s, &half, &e), MC_ERR_INVALID);
    CHECK(contains(e.msg, "twice"));
    CHECK_INT(mc_store_achievement_get(fx.s, "half", 0, fx.arena, &g, &e), MC_ERR_NOT_FOUND);

    mc_test_case("course round trip");
    struct mc_course c = { .slug = "ml-101",
                           .org_id = fx.uni.id,
                           .title = "ML 101",
                           .description = "Basics",
                           .duration_weeks = 6,
                           .workload_hours = 30,
                           .achievement_id = a.id,
                           .is_demo = true };
    CHECK_INT(mc_store_course_put(fx.s, &c, &e), MC_OK);
    CHECK(c.id > 0);
    struct mc_course gc;
    CHECK_INT(mc_store_course_get(fx.s, "ml-101", fx.arena, &gc, &e), MC_OK);
    CHECK_INT(gc.id, c.id);
    CHECK_INT(gc.org_id, fx.uni.id);
    CHECK_STR(gc.title, "ML 101");
    CHECK_STR(gc.description, "Basics");
    CHECK_INT(gc.duration_weeks, 6);
    CHECK(gc.workload_hours == 30);
    CHECK_INT(gc.achievement_id, a.id);
    CHECK(gc.is_demo);
    struct mc_course c2 = {
        .slug = "ml-102", .org_id = fx.uni.id, .title = "ML 102", .workload_hours = -1
    };
    CHECK_INT(mc_store_course_put(fx.s, &c2, &e), MC_OK);
    CHECK_INT(mc_store_course_get(fx.s, "ml-102", fx.arena, &gc, &e), MC_OK);
    CHECK(gc.workload_hours < 0);
    CHECK_INT(gc.achievement_id, 0);
    CHECK_STR(gc.description, "");
    c2.id = 0;
    CHECK_INT(mc_store_course_put(fx.s, &c2, &e), MC_ERR_CONFLICT);
    CHECK(contains(e.msg, "course 'ml-102' exists already"));
    struct mc_course c3 = { .slug = "c3", .org_id = 5555, .title = "T" };
    CHECK_INT(mc_store_course_put(fx.s, &c3, &e), MC_ERR_INVALID);
    CHECK(contains(e.msg, "course.org_id: 5555 does not exist"));
    CHECK_INT(mc_store_course_get(fx.s, "none", fx.arena, &gc, &e), MC_ERR_NOT_FOUND);

    mc_test_case("assessment round trip: a test");
    struct mc_question_option opts1[] = { { "Yes", true }, { "No", false } };
    struct mc_question_option opts2[] = { { "A", true }, { "B", true }, { "C", false } };
    struct mc_question qs[] = {
        { .kind = MC_QUESTION_SINGLE,
          .prompt = "Is ML fun?",
          .points = 1,
          .options = opts1,
          .n_options = 2 },
        { .kind = MC_QUESTION_MULTIPLE,
          .prompt = "Pick",
          .points = 2,
          .options = opts2,
          .n_options = 3 },
        { .kind = MC_QUESTION_NUMERIC,
          .prompt = "2+2?",
          .points = 1.5,
          .numeric_answer = 4,
          .numeric_tolerance = 0.01 },
    };
    struct mc_assessment t = { .course_id = c.id,
                               .kind = MC_ASSESS_TEST,
                               .title = "Quiz",
                               .instructions = "Answer all",
                               .pass_mark = 70,
                               .max_attempts = 3,
                               .weight = 0.4,
                               .questions = qs,
                               .n_questions = 3 };
    CHECK_INT(mc_store_assessment_put(fx.s, &t, &e), MC_OK);
    CHECK(t.id > 0);
    CHECK(qs[0].id > 0 && qs[1].id > qs[0].id && qs[2].id > qs[1].id);
    struct mc_assessment ga;
    CHECK_INT(mc_store_assessment_get(fx.s, t.id, fx.arena, &ga, &e), MC_OK);
    CHECK_INT(ga.course_id, c.id);
    CHECK_INT(ga.kind, MC_ASSESS_TEST);
    CHECK_STR(ga.title, "Quiz");
    CHECK_STR(ga.instructions, "Answer all");
    CHECK(ga.pass_mark == 70 && ga.weight == 0.4);
    CHECK_INT(ga.max_attempts, 3);
    CHECK_INT(ga.n_questions, 3);
    CHECK_INT(ga.n_rubric, 0);
    if (ga.n_questions == 3) {
        for (size_t i = 0; i < 3; i++) {
            mc_test_case("question %zu", i);
            CHECK_INT(ga.questions[i].id, qs[i].id);
            CHECK_INT(ga.questions[i].kind, qs[i].kind);
            CHECK_STR(ga.questions[i].prompt, qs[i].prompt);
            CHECK(ga.questions[i].points == qs[i].points);
            CHECK_INT(ga.questions[i].n_options, qs[i].n_options);
            for (size_t j = 0; j < qs[i].n_options && j < ga.questions[i].n_options; j++) {
                CHECK_STR(ga.questions[i].options[j].text, qs[i].options[j].text);
                CHECK_INT(ga.questions[i].options[j].correct, qs[i].options[j].correct);
            }
        }
        CHECK(ga.questions[2].numeric_answer == 4);
        CHECK(ga.questions[2].numeric_tolerance == 0.01);
    }

    mc_test_case("assessment round trip: a project with a rubric");
    struct mc_rubric_criterion rub[] = { { "Correctness", "Works", 10 }, { "Style", NULL, 5 } };
    struct mc_assessment p = { .course_id = c.id,
                               .kind = MC_ASSESS_PROJECT,
                               .title = "Project",
                               .pass_mark = 60,
                               .weight = 0.6,
                               .rubric = rub,
                               .n_rubric = 2 };
    CHECK_INT(mc_store_assessment_put(fx.s, &p, &e), MC_OK);
    struct mc_assessment *list = NULL;
    size_t n = 0;
    CHECK_INT(mc_store_assessment_list(fx.s, c.id, fx.arena, &list, &n, &e), MC_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_INT(list[0].id, t.id);
        CHECK_INT(list[1].id, p.id);
        CHECK_INT(list[1].kind, MC_ASSESS_PROJECT);
        CHECK_INT(list[1].n_rubric, 2);
        if (list[1].n_rubric == 2) {
            CHECK_STR(list[1].rubric[0].name, "Correctness");
            CHECK_STR(list[1].rubric[0].description, "Works");
            CHECK(list[1].rubric[0].max_points == 10);
            CHECK_STR(list[1].rubric[1].description, "");
        }
        CHECK_INT(list[0].n_questions, 3);
    }
    CHECK_INT(mc_store_assessment_list(fx.s, c2.id, fx.arena, &list, &n, &e), MC_OK);
    CHECK_INT(n, 0);
    CHECK_INT(mc_store_assessment_get(fx.s, 99999, fx.arena, &ga, &e), MC_ERR_NOT_FOUND);

    static const struct {
        const char *name;
        struct mc_assessment a;
        const char *msg;
    } bad_a[] = {
        { "no course", { .title = "X", .pass_mark = 1 }, "assessment.course_id is required" },
        { "unknown course", { .course_id = 4040, .title = "X" }, "4040 does not exist" },
        { "pass mark", { .course_id = 1, .title = "X", .pass_mark = 101 }, "assessment.pass_mark" },
        { "weight", { .course_id = 1, .title = "X", .weight = 2 }, "assessment.weight" },
        { "kind",
          { .course_id = 1, .title = "X", .kind = (enum mc_assessment_kind)9 },
          "assessment.kind" },
        { "no title", { .course_id = 1 }, "assessment.title is required" },
    };
    for (size_t i = 0; i < sizeof bad_a / sizeof bad_a[0]; i++) {
        mc_test_case("assessment put: %s", bad_a[i].name);
        struct mc_assessment b = bad_a[i].a;
        mc_err_clear(&e);
        CHECK_INT(mc_store_assessment_put(fx.s, &b, &e), MC_ERR_INVALID);
        CHECK(contains(e.msg, bad_a[i].msg));
    }
    mc_test_case("question without a prompt");
    struct mc_question noprompt = { .kind = MC_QUESTION_SINGLE };
    struct mc_assessment bq = {
        .course_id = c.id, .title = "Q", .questions = &noprompt, .n_questions = 1
    };
    CHECK_INT(mc_store_assessment_put(fx.s, &bq, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "assessment.questions[0]");
    teardown(&fx);
}

static void test_programs(void)
{
    struct fixture fx;
    setup(&fx, "prog.db");
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_achievement a = { .slug = "ds",
                                .version = 1,
                                .issuer_org_id = fx.uni.id,
                                .name = "Data Science",
                                .workload_hours = -1,
                                .ects = -1 };
    CHECK_INT(mc_store_achievement_put(fx.s, &a, &e), MC_OK);
    struct mc_course c1 = { .slug = "c1", .org_id = fx.uni.id, .title = "C1" };
    struct mc_course c2 = { .slug = "c2", .org_id = fx.uni.id, .title = "C2" };
    CHECK_INT(mc_store_course_put(fx.s, &c1, &e), MC_OK);
    CHECK_INT(mc_store_course_put(fx.s, &c2, &e), MC_OK);
    struct mc_program child = { .slug = "child",
                                .type = MC_PROG_COURSE,
                                .title = "Child",
                                .platform_org_id = fx.platform.id,
                                .institution_org_id = fx.uni.id,
                                .hours_per_week = -1 };
    CHECK_INT(mc_store_program_put(fx.s, &child, &e), MC_OK);

    mc_test_case("program round trip");
    struct mc_program_part parts[] = { { .course_id = c2.id, .required = true },
                                       { .course_id = c1.id, .required = false },
                                       { .child_program_id = child.id },
                                       { .achievement_id = a.id, .required = true } };
    int64_t skills[] = { fx.ml.id };
    struct mc_program p = { .slug = "ds-specialization",
                            .type = MC_PROG_SPECIALIZATION,
                            .title = "Data Science",
                            .summary = "Learn data science",
                            .description = "A long description",
                            .platform_org_id = fx.platform.id,
                            .institution_org_id = fx.uni.id,
                            .achievement_id = a.id,
                            .duration_weeks = 16,
                            .hours_per_week = 5.5,
                            .level = "intermediate",
                            .language = "en",
                            .price_cents = 4900,
                            .currency = "USD",
                            .price_model = MC_PRICE_SUBSCRIPTION,
                            .price_note = "$49/month",
                            .free_audit = true,
                            .trial_days = 7,
                            .refund_days = 14,
                            .financial_aid = true,
                            .stacking_rule = "{\"all\":[\"c1\",\"c2\"]}",
                            .status = MC_STATUS_PUBLISHED,
                            .is_demo = true,
                            .parts = parts,
                            .n_parts = 4,
                            .skill_ids = skills,
                            .n_skills = 1 };
    CHECK_INT(mc_store_program_put(fx.s, &p, &e), MC_OK);
    CHECK(p.id > child.id);
    struct mc_program g;
    CHECK_INT(mc_store_program_get(fx.s, "ds-specialization", fx.arena, &g, &e), MC_OK);
    CHECK_INT(g.id, p.id);
    CHECK_STR(g.slug, "ds-specialization");
    CHECK_INT(g.type, MC_PROG_SPECIALIZATION);
    CHECK_STR(g.title, "Data Science");
    CHECK_STR(g.summary, "Learn data science");
    CHECK_STR(g.description, "A long description");
    CHECK_INT(g.platform_org_id, fx.platform.id);
    CHECK_INT(g.institution_org_id, fx.uni.id);
    CHECK_INT(g.achievement_id, a.id);
    CHECK_INT(g.duration_weeks, 16);
    CHECK(g.hours_per_week == 5.5);
    CHECK_STR(g.level, "intermediate");
    CHECK_STR(g.language, "en");
    CHECK_INT(g.price_cents, 4900);
    CHECK_STR(g.currency, "USD");
    CHECK_INT(g.price_model, MC_PRICE_SUBSCRIPTION);
    CHECK_STR(g.price_note, "$49/month");
    CHECK(g.free_audit && g.financial_aid && g.is_demo);
    CHECK_INT(g.trial_days, 7);
    CHECK_INT(g.refund_days, 14);
    CHECK_STR(g.stacking_rule, "{\"all\":[\"c1\",\"c2\"]}");
    CHECK_INT(g.status, MC_STATUS_PUBLISHED);
    CHECK_INT(g.n_parts, 4);
    if (g.n_parts == 4) {
        for (size_t i = 0; i < 4; i++) {
            mc_test_case("part %zu", i);
            CHECK_INT(g.parts[i].course_id, parts[i].course_id);
            CHECK_INT(g.parts[i].child_program_id, parts[i].child_program_id);
            CHECK_INT(g.parts[i].achievement_id, parts[i].achievement_id);
            CHECK_INT(g.parts[i].required, parts[i].required);
        }
    }
    CHECK_INT(g.n_skills, 1);
    if (g.n_skills == 1)
        CHECK_INT(g.skill_ids[0], fx.ml.id);
    mc_test_case("program defaults");
    CHECK_INT(mc_store_program_get(fx.s, "child", fx.arena, &g, &e), MC_OK);
    CHECK(g.hours_per_week < 0);
    CHECK(g.description == NULL && g.stacking_rule == NULL && g.level == NULL);
    CHECK_STR(g.currency, "USD");
    CHECK_STR(g.summary, "");
    CHECK_INT(g.status, MC_STATUS_DRAFT);
    CHECK_INT(g.n_parts, 0);

    struct mc_program_part two = { .course_id = c1.id, .achievement_id = a.id };
    struct mc_program_part none = { .required = true };
    struct mc_program_part ghost = { .course_id = 8888 };
    int64_t dup_skills[] = { fx.ml.id, fx.ml.id };
    static struct {
        const char *name;
        struct mc_program p;
        enum mc_rc rc;
        const char *msg;
    } bad[] = {
        { "duplicate",
          { .slug = "child", .title = "X" },
          MC_ERR_CONFLICT,
          "program 'child' exists already" },
        { "bad type",
          { .slug = "bt", .title = "X", .type = (enum mc_program_type)99 },
          MC_ERR_INVALID,
          "program.type" },
        { "bad price",
          { .slug = "bp", .title = "X", .price_cents = -5 },
          MC_ERR_INVALID,
          "program.price_cents" },
        { "bad currency",
          { .slug = "bc", .title = "X", .currency = "DOLLARS" },
          MC_ERR_INVALID,
          "program.currency" },
        { "bad json",
          { .slug = "bj", .title = "X", .stacking_rule = "{all:" },
          MC_ERR_INVALID,
          "stacking_rule is not valid JSON" },
        { "two refs in a part",
          { .slug = "p2", .title = "X", .n_parts = 1 },
          MC_ERR_INVALID,
          "program.parts[0] must name exactly one" },
        { "no ref in a part",
          { .slug = "p0", .title = "X", .n_parts = 1 },
          MC_ERR_INVALID,
          "must name exactly one" },
        { "unknown course",
          { .slug = "pg", .title = "X", .n_parts = 1 },
          MC_ERR_INVALID,
          "8888 does not exist" },
        { "skill twice",
          { .slug = "st", .title = "X", .n_skills = 2 },
          MC_ERR_INVALID,
          "lists skill" },
        { "unknown platform",
          { .slug = "up", .title = "X" },
          MC_ERR_INVALID,
          "program.platform_org_id: 6767 does not exist" },
    };
    bad[5].p.parts = &two;
    bad[6].p.parts = &none;
    bad[7].p.parts = &ghost;
    bad[8].p.skill_ids = dup_skills;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("program put: %s", bad[i].name);
        struct mc_program b = bad[i].p;
        b.platform_org_id = i == 9 ? 6767 : fx.platform.id;
        b.institution_org_id = fx.uni.id;
        mc_err_clear(&e);
        CHECK_INT(mc_store_program_put(fx.s, &b, &e), bad[i].rc);
        CHECK(contains(e.msg, bad[i].msg));
        if (!contains(e.msg, bad[i].msg))
            fprintf(stderr, "  message: %s\n", e.msg);
        CHECK_INT(b.id, 0);
    }
    mc_test_case("a failed program put leaves no rows");
    CHECK_INT(count_rows(fx.s, "SELECT count(*) FROM programs"), 2);
    CHECK_INT(count_rows(fx.s, "SELECT count(*) FROM program_parts"), 4);
    CHECK_INT(count_rows(fx.s, "SELECT count(*) FROM program_skills"), 1);
    CHECK_INT(mc_store_program_get(fx.s, "st", fx.arena, &g, &e), MC_ERR_NOT_FOUND);
    CHECK(contains(e.msg, "'st'"));
    teardown(&fx);
}

static void test_users_audit(void)
{
    struct fixture fx;
    setup(&fx, "users.db");
    struct mc_err e;
    mc_err_clear(&e);

    mc_test_case("user round trip");
    struct mc_user u = { .email = "Ada@Example.org",
                         .name = "Ada Lovelace",
                         .password_hash = "$argon2id$v=19$x",
                         .is_platform_admin = true,
                         .search_opt_in = true,
                         .did = "did:key:z6MkAda" };
    CHECK_INT(mc_store_user_put(fx.s, &u, &e), MC_OK);
    CHECK(u.id > 0);
    CHECK(u.created_at > 0);
    struct mc_user g;
    CHECK_INT(mc_store_user_get_by_email(fx.s, "ada@example.org", fx.arena, &g, &e), MC_OK);
    CHECK_INT(g.id, u.id);
    CHECK_STR(g.email, "Ada@Example.org");
    CHECK_STR(g.name, "Ada Lovelace");
    CHECK_STR(g.password_hash, "$argon2id$v=19$x");
    CHECK(g.is_platform_admin && g.search_opt_in);
    CHECK_STR(g.did, "did:key:z6MkAda");
    CHECK_INT(g.created_at, u.created_at);
    CHECK_INT(mc_store_user_get(fx.s, u.id, fx.arena, &g, &e), MC_OK);
    CHECK_STR(g.name, "Ada Lovelace");
    struct mc_user b = { .email = "bob@example.org", .name = "Bob", .created_at = 1000 };
    CHECK_INT(mc_store_user_put(fx.s, &b, &e), MC_OK);
    CHECK_INT(mc_store_user_get(fx.s, b.id, fx.arena, &g, &e), MC_OK);
    CHECK(g.password_hash == NULL && g.did == NULL && !g.is_platform_admin);
    CHECK_INT(g.created_at, 1000);

    static const struct {
        const char *name;
        struct mc_user u;
        enum mc_rc rc;
        const char *msg;
    } bad[] = {
        { "same email, other case",
          { .email = "ADA@example.ORG", .name = "A" },
          MC_ERR_CONFLICT,
          "email 'ADA@example.ORG' exists already" },
        { "same did",
          { .email = "c@example.org", .name = "C", .did = "did:key:z6MkAda" },
          MC_ERR_CONFLICT,
          "did 'did:key:z6MkAda'" },
        { "no email", { .name = "X" }, MC_ERR_INVALID, "user.email is required" },
        { "not an email",
          { .email = "nobody", .name = "X" },
          MC_ERR_INVALID,
          "'nobody' is not an email address" },
        { "no name", { .email = "x@y.z" }, MC_ERR_INVALID, "user.name is required" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("user put: %s", bad[i].name);
        struct mc_user x = bad[i].u;
        mc_err_clear(&e);
        CHECK_INT(mc_store_user_put(fx.s, &x, &e), bad[i].rc);
        CHECK(contains(e.msg, bad[i].msg));
    }
    CHECK_INT(mc_store_user_get_by_email(fx.s, "zed@example.org", fx.arena, &g, &e),
              MC_ERR_NOT_FOUND);

    mc_test_case("memberships");
    CHECK_INT(mc_store_membership_add(fx.s, u.id, fx.uni.id, MC_ROLE_ISSUER_ADMIN, &e), MC_OK);
    CHECK_INT(mc_store_membership_add(fx.s, u.id, fx.uni.id, MC_ROLE_ASSESSOR, &e), MC_OK);
    CHECK_INT(mc_store_membership_add(fx.s, u.id, fx.platform.id, MC_ROLE_OWNER, &e), MC_OK);
    CHECK_INT(mc_store_membership_add(fx.s, u.id, fx.uni.id, MC_ROLE_ASSESSOR, &e),
              MC_ERR_CONFLICT);
    CHECK(contains(e.msg, "already has the role assessor"));
    CHECK_INT(mc_store_membership_add(fx.s, 9191, fx.uni.id, MC_ROLE_LEARNER, &e), MC_ERR_INVALID);
    CHECK(contains(e.msg, "no user with id 9191"));
    CHECK_INT(mc_store_membership_add(fx.s, u.id, 9292, MC_ROLE_LEARNER, &e), MC_ERR_INVALID);
    CHECK_INT(mc_store_membership_add(fx.s, u.id, fx.uni.id, (enum mc_role)8, &e), MC_ERR_INVALID);
    struct mc_membership *ms = NULL;
    size_t n = 0;
    CHECK_INT(mc_store_membership_list(fx.s, u.id, fx.arena, &ms, &n, &e), MC_OK);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(ms[0].org_slug, "coursera");
        CHECK_STR(ms[0].org_name, "Coursera");
        CHECK_INT(ms[0].role, MC_ROLE_OWNER);
        CHECK_STR(ms[1].org_slug, "imperial");
        CHECK_INT(ms[1].role, MC_ROLE_ASSESSOR); /* "assessor" < "issuer-admin" */
        CHECK_INT(ms[2].role, MC_ROLE_ISSUER_ADMIN);
        CHECK_INT(ms[2].user_id, u.id);
        CHECK_INT(ms[2].org_id, fx.uni.id);
    }
    CHECK_INT(mc_store_membership_list(fx.s, b.id, fx.arena, &ms, &n, &e), MC_OK);
    CHECK_INT(n, 0);

    mc_test_case("role names");
    for (int r = 0; r < MC_ROLE_COUNT; r++) {
        enum mc_role back;
        CHECK_INT(mc_role_parse(mc_str_z(mc_role_name((enum mc_role)r)), &back, &e), MC_OK);
        CHECK_INT(back, r);
    }
    enum mc_role back;
    CHECK_INT(mc_role_parse(MC_STR("admin"), &back, &e), MC_ERR_INVALID);
    CHECK(contains(e.msg, "owner, issuer-admin"));
    CHECK_STR(mc_role_name(MC_ROLE_COUNT), "?");

    mc_test_case("audit log");
    struct mc_audit_entry a1 = { .at = 100,
                                 .actor_user_id = u.id,
                                 .org_id = fx.uni.id,
                                 .action = "program.publish",
                                 .target_type = "program",
                                 .target_id = "ds",
                                 .detail_json = "{\"from\":\"draft\"}" };
    struct mc_audit_entry a2 = {
        .at = 200, .action = "program.retire", .target_type = "program", .target_id = "ds"
    };
    struct mc_audit_entry a3 = { .action = "demo.load" };
    CHECK_INT(mc_store_audit_append(fx.s, &a1, &e), MC_OK);
    CHECK_INT(mc_store_audit_append(fx.s, &a2, &e), MC_OK);
    CHECK_INT(mc_store_audit_append(fx.s, &a3, &e), MC_OK);
    CHECK(a1.id > 0 && a2.id > a1.id);
    CHECK(a3.at > 1000000000);
    struct mc_audit_entry *list = NULL;
    CHECK_INT(mc_store_audit_list(fx.s, "program", "ds", 10, fx.arena, &list, &n, &e), MC_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(list[0].action, "program.retire");
        CHECK(list[0].actor_user_id == 0 && list[0].org_id == 0 && !list[0].detail_json);
        CHECK_STR(list[1].action, "program.publish");
        CHECK_INT(list[1].at, 100);
        CHECK_INT(list[1].actor_user_id, u.id);
        CHECK_INT(list[1].org_id, fx.uni.id);
        CHECK_STR(list[1].target_type, "program");
        CHECK_STR(list[1].target_id, "ds");
        CHECK_STR(list[1].detail_json, "{\"from\":\"draft\"}");
    }
    CHECK_INT(mc_store_audit_list(fx.s, NULL, NULL, 1, fx.arena, &list, &n, &e), MC_OK);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_STR(list[0].action, "demo.load");
    CHECK_INT(mc_store_audit_list(fx.s, NULL, NULL, 0, fx.arena, &list, &n, &e), MC_ERR_INVALID);
    CHECK_INT(mc_store_audit_list(fx.s, NULL, NULL, 1001, fx.arena, &list, &n, &e), MC_ERR_INVALID);
    struct mc_audit_entry bad_json = { .action = "x", .detail_json = "{nope" };
    CHECK_INT(mc_store_audit_append(fx.s, &bad_json, &e), MC_ERR_INVALID);
    CHECK(contains(e.msg, "not valid JSON"));
    struct mc_audit_entry bad_actor = { .action = "x", .actor_user_id = 5150 };
    CHECK_INT(mc_store_audit_append(fx.s, &bad_actor, &e), MC_ERR_INVALID);
    CHECK(contains(e.msg, "does not exist"));
    struct mc_audit_entry no_action = { .target_id = "x" };
    CHECK_INT(mc_store_audit_append(fx.s, &no_action, &e), MC_ERR_INVALID);
    teardown(&fx);
}

static void test_transactions(void)
{
    struct fixture fx;
    setup(&fx, "tx.db");
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_org o;

    mc_test_case("rollback leaves nothing");
    CHECK_INT(mc_store_begin(fx.s, &e), MC_OK);
    CHECK_INT(mc_store_begin(fx.s, &e), MC_ERR_INTERNAL); /* no nesting */
    CHECK(contains(e.msg, "do not nest"));
    struct mc_org t = { .slug = "temp", .name = "Temp", .kind = MC_ORG_TRAINING };
    CHECK_INT(mc_store_org_put(fx.s, &t, &e), MC_OK);
    struct mc_course c = { .slug = "temp-course", .org_id = t.id, .title = "T" };
    CHECK_INT(mc_store_course_put(fx.s, &c, &e), MC_OK);
    CHECK_INT(mc_store_org_get(fx.s, "temp", fx.arena, &o, &e), MC_OK);
    mc_store_rollback(fx.s);
    CHECK_INT(mc_store_org_get(fx.s, "temp", fx.arena, &o, &e), MC_ERR_NOT_FOUND);
    struct mc_course gc;
    CHECK_INT(mc_store_course_get(fx.s, "temp-course", fx.arena, &gc, &e), MC_ERR_NOT_FOUND);
    mc_store_rollback(fx.s); /* a second rollback is harmless */

    mc_test_case("commit keeps; a failed put inside keeps the rest");
    CHECK_INT(mc_store_begin(fx.s, &e), MC_OK);
    t.id = 0;
    CHECK_INT(mc_store_org_put(fx.s, &t, &e), MC_OK);
    int64_t twice[] = { fx.ml.id, fx.ml.id };
    struct mc_program p = { .slug = "tp",
                            .title = "TP",
                            .platform_org_id = t.id,
                            .institution_org_id = t.id,
                            .skill_ids = twice,
                            .n_skills = 2 };
    CHECK_INT(mc_store_program_put(fx.s, &p, &e), MC_ERR_INVALID);
    CHECK_INT(mc_store_commit(fx.s, &e), MC_OK);
    CHECK_INT(mc_store_org_get(fx.s, "temp", fx.arena, &o, &e), MC_OK);
    struct mc_program gp;
    CHECK_INT(mc_store_program_get(fx.s, "tp", fx.arena, &gp, &e), MC_ERR_NOT_FOUND);
    CHECK_INT(mc_store_commit(fx.s, &e), MC_ERR_INTERNAL);

    mc_test_case("close with an open transaction rolls back");
    CHECK_INT(mc_store_begin(fx.s, &e), MC_OK);
    struct mc_org t2 = { .slug = "temp2", .name = "Temp 2", .kind = MC_ORG_TRAINING };
    CHECK_INT(mc_store_org_put(fx.s, &t2, &e), MC_OK);
    teardown(&fx);
    char *path = tmp_path("tx.db");
    struct mc_store *s = NULL;
    struct mc_arena *arena = mc_arena_new(0);
    CHECK_INT(mc_store_open(path, 0, &s, &e), MC_OK);
    CHECK_INT(mc_store_org_get(s, "temp2", arena, &o, &e), MC_ERR_NOT_FOUND);
    CHECK_INT(mc_store_org_get(s, "temp", arena, &o, &e), MC_OK);
    mc_store_close(s);
    mc_arena_free(arena);
    free(path);
}

static void test_job_roles(void)
{
    struct fixture fx;
    setup(&fx, "roles.db");
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_job_role *list = NULL;
    size_t n = 9;

    mc_test_case("no job roles yet: an empty list");
    CHECK_INT(mc_store_job_role_list(fx.s, fx.arena, &list, &n, &e), MC_OK);
    CHECK_INT(n, 0);
    CHECK(list == NULL);

    mc_test_case("put: a general role and an organisation's, read back with names");
    struct mc_job_role_skill ks[] = { { fx.py.id, 2, NULL, NULL }, { fx.ml.id, 4, NULL, NULL } };
    struct mc_job_role ml = { .slug = "ml-engineer",
                              .title = "Machine learning engineer",
                              .description = "Builds models",
                              .org_id = fx.uni.id,
                              .skills = ks,
                              .n_skills = 2 };
    CHECK_INT(mc_store_job_role_put(fx.s, &ml, &e), MC_OK);
    struct mc_job_role_skill one[] = { { fx.py.id, 1, NULL, NULL } };
    struct mc_job_role dev = {
        .slug = "developer", .title = "Developer", .is_demo = true, .skills = one, .n_skills = 1
    };
    CHECK_INT(mc_store_job_role_put(fx.s, &dev, &e), MC_OK);
    /* Same title as "developer": the slug orders them. */
    struct mc_job_role dev2 = {
        .slug = "a-developer", .title = "Developer", .skills = one, .n_skills = 1
    };
    CHECK_INT(mc_store_job_role_put(fx.s, &dev2, &e), MC_OK);
    struct mc_job_role none = { .slug = "no-skills", .title = "Zookeeper" };
    CHECK_INT(mc_store_job_role_put(fx.s, &none, &e), MC_OK);

    mc_test_case("list: by title then slug, each with its skills, highest level first");
    CHECK_INT(mc_store_job_role_list(fx.s, fx.arena, &list, &n, &e), MC_OK);
    if (CHECK_INT(n, 4)) {
        CHECK_STR(list[0].slug, "a-developer");
        CHECK_STR(list[1].slug, "developer");
        CHECK_STR(list[2].slug, "ml-engineer");
        CHECK_STR(list[3].slug, "no-skills");
        CHECK(list[1].is_demo && !list[0].is_demo);
        CHECK(list[1].org_slug == NULL && list[1].org_name == NULL && list[1].org_id == 0);
        CHECK(list[1].description == NULL);
        CHECK_INT(list[1].n_skills, 1);
        CHECK_STR(list[1].skills[0].skill_slug, "python");
        CHECK_INT(list[0].n_skills, 1);
        CHECK_STR(list[2].org_slug, "imperial");
        CHECK_STR(list[2].org_name, "Imperial College London");
        CHECK_STR(list[2].description, "Builds models");
        if (CHECK_INT(list[2].n_skills, 2)) {
            CHECK_STR(list[2].skills[0].skill_slug, "machine-learning");
            CHECK_STR(list[2].skills[0].skill_name, "Machine learning");
            CHECK_INT(list[2].skills[0].level, 4);
            CHECK_INT(list[2].skills[0].skill_id, fx.ml.id);
            CHECK_STR(list[2].skills[1].skill_slug, "python");
            CHECK_INT(list[2].skills[1].level, 2);
        }
        CHECK_INT(list[3].n_skills, 0);
        CHECK(list[3].skills == NULL);
    }

    mc_test_case("get: one role, filled the same way");
    struct mc_job_role got;
    CHECK_INT(mc_store_job_role_get(fx.s, "ml-engineer", fx.arena, &got, &e), MC_OK);
    CHECK_INT(got.id, ml.id);
    CHECK_STR(got.title, "Machine learning engineer");
    CHECK_INT(got.org_id, fx.uni.id);
    CHECK_STR(got.org_slug, "imperial");
    if (CHECK_INT(got.n_skills, 2)) {
        CHECK_STR(got.skills[0].skill_slug, "machine-learning");
        CHECK_STR(got.skills[1].skill_name, "Python");
    }
    CHECK(!got.is_demo);

    mc_test_case("get: an unknown slug is named; an empty one is required");
    CHECK_INT(mc_store_job_role_get(fx.s, "astronaut", fx.arena, &got, &e), MC_ERR_NOT_FOUND);
    CHECK(contains(e.msg, "astronaut"));
    CHECK_INT(mc_store_job_role_get(fx.s, "", fx.arena, &got, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "job_role");

    mc_test_case("put: a slug in use, a bad slug, too many skills, a bad level");
    CHECK_INT(mc_store_job_role_put(fx.s, &dev, &e), MC_ERR_CONFLICT);
    CHECK(contains(e.msg, "'developer' exists already"));
    struct mc_job_role bad = { .slug = "Bad Slug", .title = "X" };
    CHECK_INT(mc_store_job_role_put(fx.s, &bad, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "job_role.slug");
    struct mc_job_role_skill many[MC_JOB_ROLE_SKILLS_MAX + 1];
    for (size_t i = 0; i < sizeof many / sizeof many[0]; i++)
        many[i] = (struct mc_job_role_skill){ fx.py.id, 1, NULL, NULL };
    struct mc_job_role big = {
        .slug = "big", .title = "Big", .skills = many, .n_skills = MC_JOB_ROLE_SKILLS_MAX + 1
    };
    CHECK_INT(mc_store_job_role_put(fx.s, &big, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "job_role.skills");
    struct mc_job_role_skill lvl[] = { { fx.py.id, 6, NULL, NULL } };
    struct mc_job_role badlvl = { .slug = "lvl", .title = "L", .skills = lvl, .n_skills = 1 };
    CHECK_INT(mc_store_job_role_put(fx.s, &badlvl, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "job_role.skills[].level");
    struct mc_job_role_skill twice[] = { { fx.py.id, 1, NULL, NULL }, { fx.py.id, 2, NULL, NULL } };
    struct mc_job_role dup = { .slug = "dup", .title = "D", .skills = twice, .n_skills = 2 };
    CHECK_INT(mc_store_job_role_put(fx.s, &dup, &e), MC_ERR_INVALID);
    CHECK(contains(e.msg, "listed twice"));
    CHECK_STR(e.where, "job_role.skills[1]");
    CHECK_INT(mc_store_job_role_get(fx.s, "dup", fx.arena, &got, &e), MC_ERR_NOT_FOUND);

    mc_test_case("the slug rules, for callers");
    CHECK_INT(mc_store_slug_check("data-analyst-2", "slug", &e), MC_OK);
    CHECK_INT(mc_store_slug_check("Data", "slug", &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "slug");
    CHECK_INT(mc_store_slug_check("", "slug", &e), MC_ERR_INVALID);
    CHECK_INT(mc_store_slug_check(NULL, "slug", &e), MC_ERR_INVALID);
    teardown(&fx);
}

int main(void)
{
    test_fresh_and_reopen();
    test_open_failures();
    test_orgs_and_skills();
    test_achievements_courses();
    test_programs();
    test_users_audit();
    test_transactions();
    test_job_roles();
    return mc_test_done();
}
