/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/core/stacking.c: rules parsed good and bad, cycles, limits, evaluation, JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "core/stacking.h"
#include "mcred/buf.h"
#include "test.h"

/* --- a small fake catalog --- */

struct fake_org {
    int64_t id;
    const char *slug;
};

struct fake_achievement {
    int64_t id;
    const char *slug;
    int64_t issuer;
    double ects, hours;
};

struct fake_program {
    int64_t id;
    const char *slug;
    const char *rule; /* NULL: none */
};

static const struct fake_org orgs[] = {
    { 1, "udacity" },
    { 2, "coursera" },
    { 3, "edx" },
    { 4, "open-university" },
};

static const struct fake_achievement achievements[] = {
    { 10, "python-basics", 1, 5, 125 }, { 11, "sql-basics", 1, 4, 100 },
    { 12, "statistics", 1, 6, 150 },    { 13, "visualisation", 1, 3, 75 },
    { 14, "ml-intro", 2, 5, 125 },      { 15, "no-credits", 1, -1, -1 },
    { 16, "excel", 2, 2, 50 },
};

static struct fake_program programs[64] = {
    { 100, "data-analyst-nanodegree",
      "{\"all-of\": [{\"achievement\": \"python-basics\"}, {\"achievement\": \"sql-basics\"},"
      " {\"achievement\": \"statistics\"}]}" },
    { 200, "self-loop",
      "{\"all-of\": [{\"achievement\": \"python-basics\"},"
      " {\"program\": \"self-loop\"}]}" },
    { 201, "ping", "{\"program\": \"pong\"}" },
    { 202, "pong", "{\"all-of\": [{\"achievement\": \"excel\"}, {\"program\": \"ping\"}]}" },
    { 210, "c1", "{\"program\": \"c2\"}" },
    { 211, "c2", "{\"n-of\": 1, \"of\": [{\"program\": \"c3\"}]}" },
    { 212, "c3", "{\"all-of\": [{\"program\": \"c1\"}]}" },
    { 213, "into-cycle", "{\"program\": \"c1\"}" },
    { 205, "no-rule", NULL },
    { 206, "bad-nested", "{\"all-of\": [{\"achievement\": \"nope\"}]}" },
    { 207, "ml-track",
      "{\"n-of\": 1, \"of\": [{\"achievement\": \"ml-intro\"}, {\"achievement\": "
      "\"statistics\"}]}" },
};
static size_t n_programs = 11;

/* d1 -> d2 -> ... -> d20 -> python-basics; x0 .. x14 each nest the next twice. */
static void add_chains(void)
{
    static char slugs[64][16], rules[64][160];
    for (int k = 1; k <= 20; k++) {
        size_t i = n_programs++;
        snprintf(slugs[i], sizeof slugs[i], "d%d", k);
        if (k < 20)
            snprintf(rules[i], sizeof rules[i], "{\"program\": \"d%d\"}", k + 1);
        else
            snprintf(rules[i], sizeof rules[i], "{\"achievement\": \"python-basics\"}");
        programs[i] = (struct fake_program){ 300 + k, slugs[i], rules[i] };
    }
    for (int k = 0; k <= 14; k++) {
        size_t i = n_programs++;
        snprintf(slugs[i], sizeof slugs[i], "x%d", k);
        if (k < 14)
            snprintf(rules[i], sizeof rules[i],
                     "{\"all-of\": [{\"program\": \"x%d\"}, {\"n-of\": 1, \"of\": [{\"program\":"
                     " \"x%d\"}]}]}",
                     k + 1, k + 1);
        else
            snprintf(rules[i], sizeof rules[i], "{\"achievement\": \"python-basics\"}");
        programs[i] = (struct fake_program){ 400 + k, slugs[i], rules[i] };
    }
}

static bool ref_is(const struct mc_stacking_ref *ref, int64_t id, const char *slug)
{
    return ref->slug.len ? mc_str_eqz(ref->slug, slug) : ref->id == id;
}

static enum mc_rc fake_lookup(void *ctx, const struct mc_stacking_ref *ref,
                              struct mc_stacking_entity *out, struct mc_err *e)
{
    (void)ctx;
    switch (ref->kind) {
    case MC_STACKING_REF_ACHIEVEMENT:
        for (size_t i = 0; i < sizeof achievements / sizeof achievements[0]; i++) {
            const struct fake_achievement *a = &achievements[i];
            if (!ref_is(ref, a->id, a->slug))
                continue;
            out->id = a->id;
            out->slug = a->slug;
            out->issuer_id = a->issuer;
            out->issuer_slug = orgs[a->issuer - 1].slug;
            out->ects = a->ects;
            out->hours = a->hours;
            return MC_OK;
        }
        break;
    case MC_STACKING_REF_PROGRAM:
        for (size_t i = 0; i < n_programs; i++) {
            if (!ref_is(ref, programs[i].id, programs[i].slug))
                continue;
            out->id = programs[i].id;
            out->slug = programs[i].slug;
            out->rule = programs[i].rule;
            out->rule_len = programs[i].rule ? strlen(programs[i].rule) : 0;
            return MC_OK;
        }
        break;
    case MC_STACKING_REF_ISSUER:
        for (size_t i = 0; i < sizeof orgs / sizeof orgs[0]; i++) {
            if (!ref_is(ref, orgs[i].id, orgs[i].slug))
                continue;
            out->id = orgs[i].id;
            out->slug = orgs[i].slug;
            return MC_OK;
        }
        break;
    }
    if (ref->slug.len && mc_str_eqz(ref->slug, "db-down"))
        return mc_err_set(e, MC_ERR_DB, "the database is locked");
    return MC_ERR_NOT_FOUND;
}

static const struct mc_stacking_catalog catalog = { NULL, fake_lookup };

static const char *program_rule(const char *slug)
{
    for (size_t i = 0; i < n_programs; i++) {
        if (strcmp(programs[i].slug, slug) == 0)
            return programs[i].rule;
    }
    return NULL;
}

static int64_t program_id(const char *slug)
{
    for (size_t i = 0; i < n_programs; i++) {
        if (strcmp(programs[i].slug, slug) == 0)
            return programs[i].id;
    }
    return 0;
}

static enum mc_rc compile(struct mc_arena *a, const char *slug, const char *rule,
                          const struct mc_stacking_limits *lim, struct mc_stacking_rule **r,
                          struct mc_err *e)
{
    mc_err_clear(e);
    return mc_stacking_compile(rule, strlen(rule), program_id(slug), slug, &catalog, lim, a, r, e);
}

/* --- parsing: good rules and their canonical form --- */

struct good_case {
    const char *rule;
    const char *canonical;
    size_t nodes;
};

static const struct good_case good[] = {
    { "{\"achievement\": \"python-basics\"}", "{\"achievement\":\"python-basics\"}", 1 },
    { "{\"achievement\": 10}", "{\"achievement\":\"python-basics\"}", 1 },
    { "{\"of\": [{\"achievement\": 11}, {\"achievement\": \"statistics\"}], \"n-of\": 2}",
      "{\"n-of\":2,\"of\":[{\"achievement\":\"sql-basics\"},{\"achievement\":\"statistics\"}]}",
      3 },
    { "{\"unit\": \"hours\", \"credits-at-least\": 200.5, \"of\": [{\"achievement\": "
      "\"python-basics\"}, {\"achievement\": \"sql-basics\"}]}",
      "{\"credits-at-least\":200.5,\"unit\":\"hours\",\"of\":[{\"achievement\":\"python-basics\"},"
      "{\"achievement\":\"sql-basics\"}]}",
      3 },
    { "{\"achievement\": \"python-basics\", \"recognized-from\": [\"edx\", 2]}",
      "{\"achievement\":\"python-basics\",\"recognized-from\":[\"edx\",\"coursera\"]}", 1 },
    /* nested programs are expanded in the tree, kept by name in the canonical form */
    { "{\"all-of\": [{\"program\": \"data-analyst-nanodegree\"}, {\"program\": 207}]}",
      "{\"all-of\":[{\"program\":\"data-analyst-nanodegree\"},{\"program\":\"ml-track\"}]}",
      1 + 1 + 4 + 1 + 3 },
    /* the same achievement at different levels is allowed (counted once when evaluated) */
    { "{\"all-of\": [{\"achievement\": \"excel\"}, {\"n-of\": 1, \"of\": [{\"achievement\": "
      "\"excel\"}, {\"achievement\": \"ml-intro\"}]}]}",
      "{\"all-of\":[{\"achievement\":\"excel\"},{\"n-of\":1,\"of\":[{\"achievement\":\"excel\"},"
      "{\"achievement\":\"ml-intro\"}]}]}",
      5 },
    /* a diamond: d-a nested twice through different lists */
    { "{\"n-of\": 1, \"of\": [{\"program\": \"d19\"}, {\"all-of\": [{\"program\": \"d19\"}]}]}",
      "{\"n-of\":1,\"of\":[{\"program\":\"d19\"},{\"all-of\":[{\"program\":\"d19\"}]}]}",
      1 + 3 + 1 + 3 },
};

static void test_good(void)
{
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        const struct good_case *c = &good[i];
        mc_test_case("good %zu: %s", i, c->rule);
        struct mc_arena *a = mc_arena_new(0);
        struct mc_err e;
        struct mc_stacking_rule *r = NULL;
        if (!CHECK_INT(compile(a, "target", c->rule, NULL, &r, &e), MC_OK)) {
            printf("  %s (%s)\n", e.msg, e.where);
            mc_arena_free(a);
            continue;
        }
        CHECK_INT(r->n_nodes, c->nodes);
        struct mc_buf b;
        mc_buf_init(&b, 1 << 16);
        CHECK_INT(mc_stacking_rule_json(r, &b), MC_OK);
        CHECK_STR(mc_buf_cstr(&b), c->canonical);
        /* The canonical form compiles to itself. */
        struct mc_stacking_rule *r2 = NULL;
        CHECK_INT(compile(a, "target", mc_buf_cstr(&b), NULL, &r2, &e), MC_OK);
        struct mc_buf b2;
        mc_buf_init(&b2, 1 << 16);
        if (r2)
            mc_stacking_rule_json(r2, &b2);
        CHECK_STR(mc_buf_cstr(&b2), c->canonical);
        mc_buf_free(&b);
        mc_buf_free(&b2);
        mc_arena_free(a);
    }
}

/* --- parsing: bad rules, each with its pointer and a fragment of its message --- */

struct bad_case {
    const char *program; /* whose rule it is ("target" is not in the catalog) */
    const char *rule;
    enum mc_rc rc;
    const char *where;
    const char *fragment;
};

#define PY  "{\"achievement\": \"python-basics\"}"
#define SQL "{\"achievement\": \"sql-basics\"}"

static const struct bad_case bad[] = {
    { "target", "[]", MC_ERR_INVALID, "/", "/: expected a rule node (a JSON object)" },
    { "target", "{}", MC_ERR_INVALID, "/", "empty node" },
    { "target", "{\"any-of\": []}", MC_ERR_INVALID, "/any-of", "unknown node kind 'any-of'" },
    { "target", "{\"a/b~\": 1}", MC_ERR_INVALID, "/a~1b~0", "unknown node kind 'a/b~'" },
    { "target", "{\"all-of\": [" PY "], \"n-of\": 1}", MC_ERR_INVALID, "/",
      "a node has one kind, not both 'all-of' and 'n-of'" },
    { "target", "{\"all-of\": [" PY "], \"of\": []}", MC_ERR_INVALID, "/of",
      "unknown member 'of' in an all-of node" },
    { "target", "{\"all-of\": []}", MC_ERR_INVALID, "/all-of", "non-empty array of rule nodes" },
    { "target", "{\"all-of\": {}}", MC_ERR_INVALID, "/all-of", "non-empty array" },
    { "target", "{\"all-of\": [" PY ", 3]}", MC_ERR_INVALID, "/all-of/1",
      "/all-of/1: expected a rule node" },
    { "target", "{\"n-of\": 3, \"of\": [" PY ", " SQL "]}", MC_ERR_INVALID, "/n-of",
      "/n-of: n is 3 but the list has only 2 parts" },
    { "target", "{\"all-of\": [{\"n-of\": 2, \"of\": [" PY "]}]}", MC_ERR_INVALID, "/all-of/0/n-of",
      "n is 2 but the list has only 1 part" },
    { "target", "{\"n-of\": 0, \"of\": [" PY "]}", MC_ERR_INVALID, "/n-of",
      "n must be at least 1, not 0" },
    { "target", "{\"n-of\": -2, \"of\": [" PY "]}", MC_ERR_INVALID, "/n-of", "not -2" },
    { "target", "{\"n-of\": 1.5, \"of\": [" PY "]}", MC_ERR_INVALID, "/n-of",
      "expected a whole number" },
    { "target", "{\"n-of\": 1}", MC_ERR_INVALID, "/of", "non-empty array" },
    { "target", "{\"credits-at-least\": 0, \"unit\": \"ects\", \"of\": [" PY "]}", MC_ERR_INVALID,
      "/credits-at-least", "more than 0, not 0" },
    { "target", "{\"credits-at-least\": -3, \"unit\": \"ects\", \"of\": [" PY "]}", MC_ERR_INVALID,
      "/credits-at-least", "more than 0, not -3" },
    { "target", "{\"credits-at-least\": \"5\", \"unit\": \"ects\", \"of\": [" PY "]}",
      MC_ERR_INVALID, "/credits-at-least", "expected a number" },
    { "target", "{\"credits-at-least\": 5e7, \"unit\": \"ects\", \"of\": [" PY "]}", MC_ERR_INVALID,
      "/credits-at-least", "at most 1e+06" },
    { "target", "{\"credits-at-least\": 5, \"unit\": \"credits\", \"of\": [" PY "]}",
      MC_ERR_INVALID, "/unit", "unknown unit 'credits': use ects or hours" },
    { "target", "{\"credits-at-least\": 5, \"of\": [" PY "]}", MC_ERR_INVALID, "/unit",
      "required, and missing" },
    { "target", "{\"credits-at-least\": 100, \"unit\": \"ects\", \"of\": [" PY ", " SQL "]}",
      MC_ERR_INVALID, "/credits-at-least", "needs 100 ects but its parts carry at most 9 ects" },
    { "target",
      "{\"credits-at-least\": 1, \"unit\": \"hours\", \"of\": [{\"achievement\": \"no-credits\"}]}",
      MC_ERR_INVALID, "/credits-at-least", "at most 0 hours" },
    { "target", "{\"all-of\": [{\"achievement\": \"pyhton-basics\"}]}", MC_ERR_INVALID,
      "/all-of/0/achievement", "/all-of/0/achievement: unknown achievement 'pyhton-basics'" },
    { "target", "{\"achievement\": 999}", MC_ERR_INVALID, "/achievement",
      "unknown achievement with id 999" },
    { "target", "{\"achievement\": \"\"}", MC_ERR_INVALID, "/achievement", "1 to 200 bytes" },
    { "target", "{\"achievement\": 0}", MC_ERR_INVALID, "/achievement",
      "expected an achievement's slug" },
    { "target", "{\"achievement\": true}", MC_ERR_INVALID, "/achievement",
      "expected an achievement's slug (a string) or id" },
    { "target", "{\"achievement\": \"db-down\"}", MC_ERR_DB, "/achievement",
      "the database is locked" },
    { "target", "{\"program\": \"nope\"}", MC_ERR_INVALID, "/program", "unknown program 'nope'" },
    { "target", "{\"program\": [1]}", MC_ERR_INVALID, "/program", "expected a program's slug" },
    { "target", "{\"achievement\": \"python-basics\", \"recognized-from\": [\"nobody\"]}",
      MC_ERR_INVALID, "/recognized-from/0", "unknown issuer 'nobody'" },
    { "target", "{\"achievement\": \"python-basics\", \"recognized-from\": [\"edx\", 3]}",
      MC_ERR_INVALID, "/recognized-from/1", "issuer with id 3 is listed twice" },
    { "target", "{\"achievement\": \"python-basics\", \"recognized-from\": [\"udacity\"]}",
      MC_ERR_INVALID, "/recognized-from/0", "issues the achievement itself" },
    { "target", "{\"achievement\": \"python-basics\", \"recognized-from\": []}", MC_ERR_INVALID,
      "/recognized-from", "non-empty array of issuers" },
    { "target", "{\"achievement\": \"python-basics\", \"of\": []}", MC_ERR_INVALID, "/of",
      "unknown member 'of' in an achievement node" },
    { "target", "{\"all-of\": [" PY ", {\"achievement\": 10}]}", MC_ERR_INVALID, "/all-of/1",
      "achievement 'python-basics' is already part 0 of this list" },
    { "target", "{\"n-of\": 1, \"of\": [{\"program\": \"ml-track\"}, {\"program\": 207}]}",
      MC_ERR_INVALID, "/of/1", "program 'ml-track' is already part 0" },
    { "target", "{\"program\": \"no-rule\"}", MC_ERR_INVALID, "/program",
      "program 'no-rule' has no stacking rule to nest" },
    { "target", "{\"all-of\": [" PY ", {\"program\": \"bad-nested\"}]}", MC_ERR_INVALID,
      "/all-of/1/program",
      "/all-of/1/program: in program 'bad-nested': /all-of/0/achievement: unknown achievement "
      "'nope'" },
    { "target", "{\"all-of\": [", MC_ERR_INVALID, "line 1", "JSON syntax error" },
    { "target", "{\"all-of\": [" PY "], \"all-of\": [" SQL "]}", MC_ERR_INVALID, "line 1",
      "duplicate" },
    /* cycles of length 1, 2 and 3, and a cycle the rule leads into */
    { "self-loop", "{\"all-of\": [" PY ", {\"program\": \"self-loop\"}]}", MC_ERR_INVALID,
      "/all-of/1/program", "programs nest in a cycle: program self-loop → self-loop" },
    { "self-loop", "{\"program\": 200}", MC_ERR_INVALID, "/program",
      "cycle: program self-loop → self-loop" },
    { "ping", "{\"program\": \"pong\"}", MC_ERR_INVALID, "/program",
      "/program: in program 'pong': /all-of/1/program: programs nest in a cycle: program ping "
      "→ pong → ping" },
    { "c1", "{\"program\": \"c2\"}", MC_ERR_INVALID, "/program",
      "programs nest in a cycle: program c1 → c2 → c3 → c1" },
    { "target", "{\"program\": \"into-cycle\"}", MC_ERR_INVALID, "/program",
      "in program 'into-cycle': /program: in program 'c1': /program: in program 'c2': "
      "/of/0/program: in program 'c3': /all-of/0/program: programs nest in a cycle: program c1 "
      "→ c2 → c3 → c1" },
    /* limits */
    { "target", "{\"program\": \"d1\"}", MC_ERR_TOO_LARGE, "/program",
      "rules nest deeper than 16 levels" },
};

static void test_bad(void)
{
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const struct bad_case *c = &bad[i];
        mc_test_case("bad %zu: %s", i, c->rule);
        struct mc_arena *a = mc_arena_new(0);
        struct mc_err e;
        struct mc_stacking_rule *r = (void *)1;
        CHECK_INT(compile(a, c->program, c->rule, NULL, &r, &e), c->rc);
        CHECK(r == NULL);
        CHECK_INT(e.rc, c->rc);
        if (strncmp(c->where, "line ", 5) == 0)
            CHECK(strncmp(e.where, c->where, strlen(c->where)) == 0);
        else
            CHECK_STR(e.where, c->where);
        if (!CHECK(strstr(e.msg, c->fragment) != NULL))
            printf("  message: %s\n  wanted:  %s\n", e.msg, c->fragment);
        mc_arena_free(a);
    }
}

/* Nesting, node and byte limits on generated rules. */
static void test_limits(void)
{
    struct mc_buf b;
    mc_buf_init(&b, 1 << 22);
    struct mc_err e;
    struct mc_stacking_rule *r;

    /* 16 levels of all-of pass, 17 do not; the error points at the 17th. */
    for (int levels = 15; levels <= 16; levels++) {
        mc_test_case("all-of nested %d deep around an achievement", levels);
        mc_buf_reset(&b);
        for (int i = 0; i < levels; i++)
            mc_buf_appendz(&b, "{\"all-of\": [");
        mc_buf_appendz(&b, PY);
        for (int i = 0; i < levels; i++)
            mc_buf_appendz(&b, "]}");
        struct mc_arena *a = mc_arena_new(0);
        enum mc_rc rc = compile(a, "target", mc_buf_cstr(&b), NULL, &r, &e);
        if (levels == 15) {
            CHECK_INT(rc, MC_OK);
        } else {
            CHECK_INT(rc, MC_ERR_TOO_LARGE);
            struct mc_buf want;
            mc_buf_init(&want, 4096);
            for (int i = 0; i < levels; i++)
                mc_buf_appendz(&want, "/all-of/0");
            CHECK_STR(e.where, mc_buf_cstr(&want));
            CHECK(strstr(e.msg, "deeper than 16 levels") != NULL);
            mc_buf_free(&want);
        }
        mc_arena_free(a);
    }

    /* Very deep JSON is refused before it is walked. */
    mc_test_case("1000 nested arrays");
    mc_buf_reset(&b);
    for (int i = 0; i < 1000; i++)
        mc_buf_putc(&b, '[');
    struct mc_arena *a = mc_arena_new(0);
    CHECK_INT(compile(a, "target", mc_buf_cstr(&b), NULL, &r, &e), MC_ERR_TOO_LARGE);
    CHECK_STR(e.where, "byte 40");
    CHECK(strstr(e.msg, "JSON nests deeper than 40 levels") != NULL);
    mc_arena_free(a);

    /* Too many nodes in one rule. */
    mc_test_case("1001 nodes");
    mc_buf_reset(&b);
    mc_buf_appendz(&b, "{\"all-of\": [");
    for (int i = 0; i < 500; i++)
        mc_buf_appendz(&b, i ? ", {\"all-of\": [" PY "]}" : "{\"all-of\": [" PY "]}");
    mc_buf_appendz(&b, "]}");
    a = mc_arena_new(0);
    CHECK_INT(compile(a, "target", mc_buf_cstr(&b), NULL, &r, &e), MC_ERR_TOO_LARGE);
    CHECK_STR(e.where, "/all-of/499/all-of/0");
    struct mc_stacking_limits more = { 0, 0, 1001 };
    CHECK_INT(compile(a, "target", mc_buf_cstr(&b), &more, &r, &e), MC_OK);
    mc_arena_free(a);

    mc_test_case("bytes");
    struct mc_stacking_limits small = { 20, 0, 0 };
    a = mc_arena_new(0);
    CHECK_INT(compile(a, "target", PY, &small, &r, &e), MC_ERR_TOO_LARGE);
    CHECK(strstr(e.msg, "/: a rule has at most 20 bytes") != NULL);
    CHECK_STR(e.where, "/");
    small.max_bytes = 40;
    CHECK_INT(compile(a, "target", PY, &small, &r, &e), MC_OK);
    mc_arena_free(a);

    /* A deeper limit lets the chain d1 .. d20 through. */
    mc_test_case("d1 with max_depth 21");
    struct mc_stacking_limits deep = { 0, 21, 0 };
    a = mc_arena_new(0);
    CHECK_INT(compile(a, "target", "{\"program\": \"d1\"}", &deep, &r, &e), MC_OK);
    CHECK_INT(r ? r->n_nodes : 0, 21);
    mc_arena_free(a);

    /* Programs nesting the next one twice: 2^15 copies if expanded, stopped at the node limit. */
    mc_test_case("x0: exponential nesting");
    struct mc_stacking_limits wide = { 0, 64, 0 };
    a = mc_arena_new(0);
    CHECK_INT(compile(a, "target", "{\"program\": \"x0\"}", &wide, &r, &e), MC_ERR_TOO_LARGE);
    CHECK_STR(e.where, "/program");
    if (!CHECK(strstr(e.msg, "a rule has at most 1000") != NULL))
        printf("  %s\n", e.msg);
    mc_arena_free(a);
    mc_buf_free(&b);
}

/* --- evaluation --- */

#define UDACITY  1
#define COURSERA 2
#define EDX      3

struct held_set {
    struct mc_stacking_held h[8];
    size_t n;
};

/* An award that states no credits of its own (the catalog's count). */
#define AWARD(achievement, issuer, credential)        \
    {                                                 \
        (achievement), (issuer), -1, -1, (credential) \
    }

struct eval_case {
    const char *name;
    const char *rule;
    struct held_set held;
    bool met;
    size_t children_met; /* of the root */
    double credits;      /* of the root, for credits-at-least */
    size_t n_counted;    /* of the root */
    size_t n_missing;
    const char *missing0; /* slug of the first missing achievement, or NULL */
};

static const struct eval_case evals[] = {
    { "nanodegree, two of three",
      "{\"all-of\": [" PY ", " SQL ", {\"achievement\": \"statistics\"}]}",
      { { AWARD(10, UDACITY, "c-py"), AWARD(11, UDACITY, "c-sql") }, 2 },
      false,
      2,
      0,
      2,
      1,
      "statistics" },
    { "nanodegree, all three",
      "{\"all-of\": [" PY ", " SQL ", {\"achievement\": \"statistics\"}]}",
      { { AWARD(12, UDACITY, "c-st"), AWARD(10, UDACITY, "c-py"), AWARD(11, UDACITY, "c-sql") },
        3 },
      true,
      3,
      0,
      3,
      0,
      NULL },
    { "n-of with more than n met",
      "{\"n-of\": 2, \"of\": [" PY ", " SQL ", {\"achievement\": \"statistics\"}]}",
      { { AWARD(10, UDACITY, "a"), AWARD(11, UDACITY, "b"), AWARD(12, UDACITY, "c") }, 3 },
      true,
      3,
      0,
      3,
      0,
      NULL },
    { "n-of, one short",
      "{\"n-of\": 2, \"of\": [" PY ", " SQL ", {\"achievement\": \"statistics\"}]}",
      { { AWARD(11, UDACITY, "b") }, 1 },
      false,
      1,
      0,
      1,
      2,
      "python-basics" },
    /* sql-basics is held, but its all-of is not met, so its credits do not count */
    { "credits over met parts only",
      "{\"credits-at-least\": 10, \"unit\": \"ects\", \"of\": [" PY ", {\"all-of\": [" SQL
      ", {\"achievement\": \"statistics\"}]}, {\"achievement\": \"ml-intro\"}]}",
      { { AWARD(10, UDACITY, "a"), AWARD(11, UDACITY, "b") }, 2 },
      false,
      1,
      5,
      1,
      2,
      "statistics" },
    { "credits reached",
      "{\"credits-at-least\": 10, \"unit\": \"ects\", \"of\": [" PY ", {\"all-of\": [" SQL
      ", {\"achievement\": \"statistics\"}]}, {\"achievement\": \"ml-intro\"}]}",
      { { AWARD(10, UDACITY, "a"), AWARD(11, UDACITY, "b"), AWARD(14, COURSERA, "c") }, 3 },
      true,
      2,
      10,
      2,
      0,
      NULL },
    { "credits in hours",
      "{\"credits-at-least\": 200, \"unit\": \"hours\", \"of\": [" PY ", " SQL "]}",
      { { AWARD(10, UDACITY, "a"), AWARD(11, UDACITY, "b") }, 2 },
      true,
      2,
      225,
      2,
      0,
      NULL },
    /* one award named twice under a credits node counts once */
    { "an award counts once",
      "{\"credits-at-least\": 7, \"unit\": \"ects\", \"of\": [" PY ", {\"n-of\": 1, \"of\": [" PY
      ", {\"achievement\": \"excel\"}]}]}",
      { { AWARD(10, UDACITY, "a") }, 1 },
      false,
      2,
      5,
      1,
      1,
      "excel" },
    /* the award states its own credits (its achievement version): they win over the catalog */
    { "award's own credits",
      "{\"credits-at-least\": 7, \"unit\": \"ects\", \"of\": [" PY ", {\"achievement\": "
      "\"excel\"}]}",
      { { { 10, UDACITY, 7, -1, "a" } }, 1 },
      true,
      1,
      7,
      1,
      0,
      NULL },
    { "nested program met",
      "{\"all-of\": [{\"program\": \"data-analyst-nanodegree\"}, {\"achievement\": "
      "\"ml-intro\"}]}",
      { { AWARD(10, UDACITY, "a"), AWARD(11, UDACITY, "b"), AWARD(12, UDACITY, "c"),
          AWARD(14, COURSERA, "d") },
        4 },
      true,
      2,
      0,
      4,
      0,
      NULL },
    { "nested program unmet",
      "{\"all-of\": [{\"program\": \"data-analyst-nanodegree\"}, {\"achievement\": "
      "\"ml-intro\"}]}",
      { { AWARD(10, UDACITY, "a"), AWARD(14, COURSERA, "d") }, 2 },
      false,
      1,
      0,
      1,
      2,
      "sql-basics" },
    { "recognised issuer",
      "{\"achievement\": \"python-basics\", \"recognized-from\": [\"edx\"]}",
      { { AWARD(10, EDX, "e") }, 1 },
      true,
      0,
      0,
      1,
      0,
      NULL },
    { "issuer not recognised",
      "{\"achievement\": \"python-basics\", \"recognized-from\": [\"edx\"]}",
      { { AWARD(10, COURSERA, "e") }, 1 },
      false,
      0,
      0,
      0,
      1,
      "python-basics" },
    { "nothing held",
      "{\"all-of\": [" PY ", " SQL "]}",
      { { { 0 } }, 0 },
      false,
      0,
      0,
      0,
      2,
      "python-basics" },
};

static void test_evaluate(void)
{
    for (size_t i = 0; i < sizeof evals / sizeof evals[0]; i++) {
        const struct eval_case *c = &evals[i];
        mc_test_case("evaluate: %s", c->name);
        struct mc_arena *a = mc_arena_new(0);
        struct mc_err e;
        struct mc_stacking_rule *r = NULL;
        if (!CHECK_INT(compile(a, "target", c->rule, NULL, &r, &e), MC_OK)) {
            printf("  %s\n", e.msg);
            mc_arena_free(a);
            continue;
        }
        struct mc_stacking_progress *p = NULL;
        CHECK_INT(mc_stacking_evaluate(r, c->held.h, c->held.n, a, &p, &e), MC_OK);
        CHECK_INT(p->met, c->met);
        CHECK_INT(p->root->met, c->met);
        if (r->root->kind != MC_STACKING_ACHIEVEMENT)
            CHECK_INT(p->root->children_met, c->children_met);
        CHECK(p->root->credits > c->credits - 1e-9 && p->root->credits < c->credits + 1e-9);
        CHECK_INT(p->root->n_counted, c->n_counted);
        CHECK_INT(p->n_missing, c->n_missing);
        if (c->missing0 && p->n_missing)
            CHECK_STR(p->missing[0].node->slug, c->missing0);

        /* The order of the held awards does not change the output. */
        struct mc_stacking_held rev[8];
        for (size_t k = 0; k < c->held.n; k++)
            rev[k] = c->held.h[c->held.n - 1 - k];
        struct mc_stacking_progress *q = NULL;
        CHECK_INT(mc_stacking_evaluate(r, rev, c->held.n, a, &q, &e), MC_OK);
        struct mc_buf j1, j2;
        mc_buf_init(&j1, 1 << 16);
        mc_buf_init(&j2, 1 << 16);
        CHECK_INT(mc_stacking_progress_json(p, &j1), MC_OK);
        CHECK_INT(mc_stacking_progress_json(q, &j2), MC_OK);
        CHECK_STR(mc_buf_cstr(&j1), mc_buf_cstr(&j2));
        mc_buf_free(&j1);
        mc_buf_free(&j2);
        mc_arena_free(a);
    }
}

/* --- progress JSON, golden --- */

struct golden_case {
    const char *name;
    const char *program;
    const char *rule; /* NULL: the program's own from the catalog */
    struct held_set held;
    const char *json;
};

static const struct golden_case goldens[] = {
    { "nanodegree two of three",
      "data-analyst-nanodegree",
      NULL,
      { { AWARD(11, UDACITY, "urn:uuid:sql"), AWARD(10, UDACITY, "urn:uuid:py") }, 2 },
      "{\"program\":\"data-analyst-nanodegree\",\"met\":false,"
      "\"rule\":{\"kind\":\"all-of\",\"pointer\":\"\",\"met\":false,\"parts_met\":2,\"parts\":3,"
      "\"needed\":1,\"children\":["
      "{\"kind\":\"achievement\",\"pointer\":\"/all-of/0\",\"met\":true,"
      "\"achievement\":\"python-basics\",\"credential\":\"urn:uuid:py\",\"issuer\":\"udacity\","
      "\"recognized\":false},"
      "{\"kind\":\"achievement\",\"pointer\":\"/all-of/1\",\"met\":true,"
      "\"achievement\":\"sql-basics\",\"credential\":\"urn:uuid:sql\",\"issuer\":\"udacity\","
      "\"recognized\":false},"
      "{\"kind\":\"achievement\",\"pointer\":\"/all-of/2\",\"met\":false,"
      "\"achievement\":\"statistics\"}]},"
      "\"counted\":[{\"achievement\":\"python-basics\",\"issuer\":\"udacity\","
      "\"credential\":\"urn:uuid:py\",\"recognized\":false,\"ects\":5,\"hours\":125},"
      "{\"achievement\":\"sql-basics\",\"issuer\":\"udacity\",\"credential\":\"urn:uuid:sql\","
      "\"recognized\":false,\"ects\":4,\"hours\":100}],"
      "\"missing\":[{\"program\":\"data-analyst-nanodegree\",\"pointer\":\"/all-of/2\","
      "\"kind\":\"achievement\",\"achievement\":\"statistics\"}]}" },
    { "degree with a nested program, credits and a recognised award",
      "msc-data",
      "{\"all-of\": [{\"program\": \"ml-track\"}, {\"credits-at-least\": 6.5, \"unit\": "
      "\"ects\", \"of\": [{\"achievement\": \"python-basics\", \"recognized-from\": "
      "[\"edx\"]}, {\"achievement\": \"excel\"}, {\"achievement\": \"visualisation\"}]}]}",
      { { AWARD(10, EDX, NULL),
          AWARD(16, COURSERA, "x"),
          AWARD(13, UDACITY, "v"),
          { 14, COURSERA, 5.5, -1, "m" } },
        4 },
      "{\"program\":\"msc-data\",\"met\":true,"
      "\"rule\":{\"kind\":\"all-of\",\"pointer\":\"\",\"met\":true,\"parts_met\":2,\"parts\":2,"
      "\"needed\":0,\"children\":["
      "{\"kind\":\"program\",\"pointer\":\"/all-of/0\",\"met\":true,\"program\":\"ml-track\","
      "\"rule\":{\"kind\":\"n-of\",\"pointer\":\"\",\"met\":true,\"n\":1,\"parts_met\":1,"
      "\"parts\":2,\"needed\":0,\"children\":["
      "{\"kind\":\"achievement\",\"pointer\":\"/of/0\",\"met\":true,\"achievement\":\"ml-intro\","
      "\"credential\":\"m\",\"issuer\":\"coursera\",\"recognized\":false},"
      "{\"kind\":\"achievement\",\"pointer\":\"/of/1\",\"met\":false,"
      "\"achievement\":\"statistics\"}]}},"
      "{\"kind\":\"credits-at-least\",\"pointer\":\"/all-of/1\",\"met\":true,\"unit\":\"ects\","
      "\"required\":6.5,\"credits\":10,\"remaining\":0,"
      "\"counted\":[\"python-basics\",\"visualisation\",\"excel\"],"
      "\"parts_met\":3,\"parts\":3,\"children\":["
      "{\"kind\":\"achievement\",\"pointer\":\"/all-of/1/of/0\",\"met\":true,"
      "\"achievement\":\"python-basics\",\"credential\":null,\"issuer\":\"edx\","
      "\"recognized\":true},"
      "{\"kind\":\"achievement\",\"pointer\":\"/all-of/1/of/1\",\"met\":true,"
      "\"achievement\":\"excel\",\"credential\":\"x\",\"issuer\":\"coursera\","
      "\"recognized\":false},"
      "{\"kind\":\"achievement\",\"pointer\":\"/all-of/1/of/2\",\"met\":true,"
      "\"achievement\":\"visualisation\",\"credential\":\"v\",\"issuer\":\"udacity\","
      "\"recognized\":false}]}]},"
      "\"counted\":["
      "{\"achievement\":\"python-basics\",\"issuer\":\"edx\",\"credential\":null,"
      "\"recognized\":true,\"ects\":5,\"hours\":125},"
      "{\"achievement\":\"visualisation\",\"issuer\":\"udacity\",\"credential\":\"v\","
      "\"recognized\":false,\"ects\":3,\"hours\":75},"
      "{\"achievement\":\"ml-intro\",\"issuer\":\"coursera\",\"credential\":\"m\","
      "\"recognized\":false,\"ects\":5.5,\"hours\":125},"
      "{\"achievement\":\"excel\",\"issuer\":\"coursera\",\"credential\":\"x\","
      "\"recognized\":false,\"ects\":2,\"hours\":50}],"
      "\"missing\":[]}" },
    { "credits short with nothing left to earn",
      "short",
      "{\"credits-at-least\": 8, \"unit\": \"ects\", \"of\": [" PY ", {\"achievement\": "
      "\"visualisation\"}]}",
      { { { 10, UDACITY, 4, -1, "p" }, { 13, UDACITY, 3, -1, "v" } }, 2 },
      "{\"program\":\"short\",\"met\":false,"
      "\"rule\":{\"kind\":\"credits-at-least\",\"pointer\":\"\",\"met\":false,\"unit\":\"ects\","
      "\"required\":8,\"credits\":7,\"remaining\":1,"
      "\"counted\":[\"python-basics\",\"visualisation\"],\"parts_met\":2,\"parts\":2,"
      "\"children\":["
      "{\"kind\":\"achievement\",\"pointer\":\"/of/0\",\"met\":true,"
      "\"achievement\":\"python-basics\",\"credential\":\"p\",\"issuer\":\"udacity\","
      "\"recognized\":false},"
      "{\"kind\":\"achievement\",\"pointer\":\"/of/1\",\"met\":true,"
      "\"achievement\":\"visualisation\",\"credential\":\"v\",\"issuer\":\"udacity\","
      "\"recognized\":false}]},"
      "\"counted\":[{\"achievement\":\"python-basics\",\"issuer\":\"udacity\","
      "\"credential\":\"p\",\"recognized\":false,\"ects\":4,\"hours\":125},"
      "{\"achievement\":\"visualisation\",\"issuer\":\"udacity\",\"credential\":\"v\","
      "\"recognized\":false,\"ects\":3,\"hours\":75}],"
      "\"missing\":[{\"program\":\"short\",\"pointer\":\"\",\"kind\":\"credits-at-least\","
      "\"unit\":\"ects\",\"remaining\":1}]}" },
};

static void test_golden(void)
{
    for (size_t i = 0; i < sizeof goldens / sizeof goldens[0]; i++) {
        const struct golden_case *c = &goldens[i];
        mc_test_case("golden: %s", c->name);
        struct mc_arena *a = mc_arena_new(0);
        struct mc_err e;
        struct mc_stacking_rule *r = NULL;
        const char *rule = c->rule ? c->rule : program_rule(c->program);
        if (!CHECK_INT(compile(a, c->program, rule, NULL, &r, &e), MC_OK)) {
            printf("  %s\n", e.msg);
            mc_arena_free(a);
            continue;
        }
        struct mc_stacking_progress *p = NULL;
        CHECK_INT(mc_stacking_evaluate(r, c->held.h, c->held.n, a, &p, &e), MC_OK);
        struct mc_buf b;
        mc_buf_init(&b, 1 << 16);
        CHECK_INT(mc_stacking_progress_json(p, &b), MC_OK);
        CHECK_STR(mc_buf_cstr(&b), c->json);
        /* A buffer too small is left as it was. */
        struct mc_buf tiny;
        mc_buf_init(&tiny, 64);
        mc_buf_appendz(&tiny, "x");
        CHECK_INT(mc_stacking_progress_json(p, &tiny), MC_ERR_TOO_LARGE);
        CHECK_STR(mc_buf_cstr(&tiny), "x");
        mc_buf_free(&tiny);
        mc_buf_free(&b);
        mc_arena_free(a);
    }
}

/* --- change detection: awards and revocations --- */

static void test_change(void)
{
    mc_test_case("change of the nanodegree");
    struct mc_arena *a = mc_arena_new(0);
    struct mc_err e;
    struct mc_stacking_rule *r = NULL;
    CHECK_INT(compile(a, "data-analyst-nanodegree", program_rule("data-analyst-nanodegree"), NULL,
                      &r, &e),
              MC_OK);
    struct mc_stacking_held h[4] = { AWARD(10, UDACITY, "a"), AWARD(11, UDACITY, "b"),
                                     AWARD(12, UDACITY, "c"), AWARD(14, COURSERA, "d") };
    struct mc_stacking_progress *two, *three, *three_more, *revoked;
    CHECK_INT(mc_stacking_evaluate(r, h, 2, a, &two, &e), MC_OK);
    CHECK_INT(mc_stacking_evaluate(r, h, 3, a, &three, &e), MC_OK);
    CHECK_INT(mc_stacking_evaluate(r, h, 4, a, &three_more, &e), MC_OK);
    CHECK_INT(mc_stacking_evaluate(r, h + 1, 3, a, &revoked, &e), MC_OK);

    /* The third micro-credential completes it: issue the nanodegree. */
    CHECK_INT(mc_stacking_change(two, three), MC_STACKING_NOW_MET);
    /* Another award, unrelated: nothing to do. */
    CHECK_INT(mc_stacking_change(three, three_more), MC_STACKING_UNCHANGED);
    /* python-basics revoked: suspend the nanodegree. */
    CHECK_INT(mc_stacking_change(three_more, revoked), MC_STACKING_NOW_UNMET);
    CHECK_INT(mc_stacking_change(revoked, two), MC_STACKING_UNCHANGED);
    CHECK_INT(mc_stacking_change(NULL, three), MC_STACKING_NOW_MET);
    CHECK_INT(mc_stacking_change(NULL, two), MC_STACKING_UNCHANGED);
    CHECK_INT(mc_stacking_change(three, NULL), MC_STACKING_NOW_UNMET);

    /* A nested program flips its parent too. */
    mc_test_case("change through a nested program");
    struct mc_stacking_rule *outer = NULL;
    CHECK_INT(compile(a, "target",
                      "{\"n-of\": 1, \"of\": [{\"program\": \"data-analyst-nanodegree\"}, "
                      "{\"achievement\": \"excel\"}]}",
                      NULL, &outer, &e),
              MC_OK);
    struct mc_stacking_progress *before, *after;
    CHECK_INT(mc_stacking_evaluate(outer, h, 2, a, &before, &e), MC_OK);
    CHECK_INT(mc_stacking_evaluate(outer, h, 3, a, &after, &e), MC_OK);
    CHECK_INT(mc_stacking_change(before, after), MC_STACKING_NOW_MET);
    CHECK_INT(mc_stacking_change(after, before), MC_STACKING_NOW_UNMET);
    mc_arena_free(a);
}

static void test_names(void)
{
    mc_test_case("names");
    CHECK_STR(mc_stacking_kind_name(MC_STACKING_CREDITS), "credits-at-least");
    CHECK_STR(mc_stacking_kind_name(MC_STACKING_KIND_COUNT), "?");
    struct mc_err e;
    struct mc_stacking_held h = AWARD(1, 1, NULL);
    struct mc_arena *a = mc_arena_new(0);
    struct mc_stacking_rule *r = NULL;
    CHECK_INT(compile(a, "target", PY, NULL, &r, &e), MC_OK);
    struct mc_stacking_progress *p = (void *)1;
    CHECK_INT(mc_stacking_evaluate(r, &h, MC_STACKING_MAX_HELD + 1, a, &p, &e), MC_ERR_TOO_LARGE);
    CHECK(p == NULL);
    mc_arena_free(a);
}

int main(void)
{
    add_chains();
    test_names();
    test_good();
    test_bad();
    test_limits();
    test_evaluate();
    test_golden();
    test_change();
    return mc_test_done();
}
