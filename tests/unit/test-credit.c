/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/core/credit.c: recognition agreements applied to credentials, with reasons. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/time.h"
#include "core/credit.h"
#include "mcred/buf.h"
#include "test.h"

#define COURSERA 2
#define UDACITY  1
#define EDX      3

#define ML       14 /* ml-intro, Coursera */
#define PYTHON   10 /* python-basics, Udacity */
#define SQL      11 /* sql-basics, Udacity */
#define STATS    12 /* statistics, Udacity */
#define EXCEL    16 /* no agreement names it */
#define WORKSHOP 20 /* a repeatable edX workshop badge */
#define LAB      21 /* another repeatable edX badge */

static int64_t day(int y, unsigned m, unsigned d)
{
    return mc_time_days_from_civil(y, m, d) * 86400;
}

/* The university's agreements for one target program. Dates are set in main(). */
static struct mc_credit_agreement agreements[] = {
    /* id, provider, achievement, credits, unit, max, from, to */
    { 1, COURSERA, ML, 5, MC_CREDIT_ECTS, -1, 0, 0 },    /* 2023-01-01 .. 2025-12-31 */
    { 2, UDACITY, PYTHON, 4, MC_CREDIT_ECTS, -1, 0, 0 }, /* 2024-01-01 .. */
    { 3, UDACITY, SQL, 40, MC_CREDIT_HOURS, -1, 0, 0 },  /* open */
    { 4, EDX, WORKSHOP, 1, MC_CREDIT_ECTS, 3, 0, 0 },    /* 2020-01-01 .. */
    { 5, UDACITY, STATS, 6, MC_CREDIT_ECTS, -1, 0, 0 },  /* 2020-01-01 .. 2022-12-31 */
    { 6, UDACITY, STATS, 3, MC_CREDIT_ECTS, -1, 0, 0 },  /* 2023-01-01 .. */
    { 7, EDX, LAB, 2, MC_CREDIT_ECTS, 3, 0, 0 },         /* open */
};
#define N_AGREEMENTS (sizeof agreements / sizeof agreements[0])

static void set_dates(void)
{
    agreements[0].valid_from = day(2023, 1, 1);
    agreements[0].valid_to = day(2025, 12, 31);
    agreements[1].valid_from = day(2024, 1, 1);
    agreements[3].valid_from = day(2020, 1, 1);
    agreements[4].valid_from = day(2020, 1, 1);
    agreements[4].valid_to = day(2022, 12, 31);
    agreements[5].valid_from = day(2023, 1, 1);
}

struct expect {
    const char *credential;
    enum mc_credit_reason reason;
    int64_t agreement;
    double credits;
    enum mc_credit_reason capped_by;
    const char *detail; /* a fragment */
};

struct credit_case {
    const char *name;
    struct mc_credit_target target;
    struct mc_credit_credential creds[8];
    size_t n_creds;
    double total;
    bool capped;
    struct expect lines[8]; /* in the order considered: issue date, then id */
};

#define ECTS                  \
    {                         \
        MC_CREDIT_ECTS, -1, 0 \
    }
/* Issue dates by credential id, filled in from this table so the cases stay constant. */
struct dated {
    const char *id;
    int y;
    unsigned m, d;
};

static const struct dated dates[] = {
    { "ml-2024", 2024, 5, 1 }, { "ml-edx", 2024, 5, 2 },    { "ml-2026", 2026, 2, 1 },
    { "py-2023", 2023, 6, 1 }, { "py-2024", 2024, 6, 1 },   { "sql", 2024, 7, 1 },
    { "ws-1", 2024, 1, 1 },    { "ws-2", 2024, 1, 2 },      { "ws-3", 2024, 1, 3 },
    { "ws-4", 2024, 1, 4 },    { "st-2021", 2021, 6, 1 },   { "st-2024", 2024, 6, 1 },
    { "excel", 2024, 8, 1 },   { "lab-1", 2024, 2, 1 },     { "lab-2", 2024, 2, 2 },
    { "lab-3", 2024, 2, 3 },   { "ml-edge", 2025, 12, 31 }, { "py-edge", 2024, 1, 1 },
};

static int64_t issued(const char *id)
{
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        if (strcmp(dates[i].id, id) == 0)
            return day(dates[i].y, dates[i].m, dates[i].d);
    }
    return 0;
}

#define CRED(id, ach, iss)    \
    {                         \
        (id), (ach), (iss), 0 \
    }

static const struct credit_case cases[] = {
    { "one counted",
      ECTS,
      { CRED("ml-2024", ML, COURSERA) },
      1,
      5,
      false,
      { { "ml-2024", MC_CREDIT_COUNTED, 1, 5, MC_CREDIT_COUNTED,
          "agreement 1 counts it for 5 ects" } } },
    { "wrong provider",
      ECTS,
      { CRED("ml-edx", ML, EDX) },
      1,
      0,
      false,
      { { "ml-edx", MC_CREDIT_WRONG_PROVIDER, 1, 0, MC_CREDIT_COUNTED,
          "from provider 2, not from issuer 3" } } },
    { "agreement expired at issue time",
      ECTS,
      { CRED("ml-2026", ML, COURSERA) },
      1,
      0,
      false,
      { { "ml-2026", MC_CREDIT_EXPIRED, 1, 0, MC_CREDIT_COUNTED,
          "issued 2026-02-01T00:00:00Z, after agreement 1 ended on 2025-12-31T00:00:00Z" } } },
    { "window ends inclusive",
      ECTS,
      { CRED("ml-edge", ML, COURSERA) },
      1,
      5,
      false,
      { { "ml-edge", MC_CREDIT_COUNTED, 1, 5, MC_CREDIT_COUNTED, "" } } },
    { "window starts inclusive",
      ECTS,
      { CRED("py-edge", PYTHON, UDACITY) },
      1,
      4,
      false,
      { { "py-edge", MC_CREDIT_COUNTED, 2, 4, MC_CREDIT_COUNTED, "" } } },
    { "agreement not yet valid",
      ECTS,
      { CRED("py-2023", PYTHON, UDACITY) },
      1,
      0,
      false,
      { { "py-2023", MC_CREDIT_NOT_YET_VALID, 2, 0, MC_CREDIT_COUNTED,
          "before agreement 2 took effect on 2024-01-01" } } },
    { "wrong unit",
      ECTS,
      { CRED("sql", SQL, UDACITY) },
      1,
      0,
      false,
      { { "sql", MC_CREDIT_WRONG_UNIT, 3, 0, MC_CREDIT_COUNTED,
          "agreement 3 counts hours and the program counts ects" } } },
    { "unit converted",
      { MC_CREDIT_ECTS, -1, 25 },
      { CRED("sql", SQL, UDACITY) },
      1,
      1.6,
      false,
      { { "sql", MC_CREDIT_COUNTED, 3, 1.6, MC_CREDIT_COUNTED, "counts it for 1.6 ects" } } },
    { "program in hours",
      { MC_CREDIT_HOURS, -1, 25 },
      { CRED("sql", SQL, UDACITY), CRED("ml-2024", ML, COURSERA) },
      2,
      165,
      false,
      { { "ml-2024", MC_CREDIT_COUNTED, 1, 125, MC_CREDIT_COUNTED, "" },
        { "sql", MC_CREDIT_COUNTED, 3, 40, MC_CREDIT_COUNTED, "" } } },
    { "no agreement",
      ECTS,
      { CRED("excel", EXCEL, UDACITY) },
      1,
      0,
      false,
      { { "excel", MC_CREDIT_NO_AGREEMENT, 0, 0, MC_CREDIT_COUNTED,
          "no agreement recognises achievement 16" } } },
    /* a repeatable badge counts until the agreement's cap */
    { "agreement cap",
      ECTS,
      { CRED("ws-4", WORKSHOP, EDX), CRED("ws-2", WORKSHOP, EDX), CRED("ws-1", WORKSHOP, EDX),
        CRED("ws-3", WORKSHOP, EDX) },
      4,
      3,
      false,
      { { "ws-1", MC_CREDIT_COUNTED, 4, 1, MC_CREDIT_COUNTED, "" },
        { "ws-2", MC_CREDIT_COUNTED, 4, 1, MC_CREDIT_COUNTED, "" },
        { "ws-3", MC_CREDIT_COUNTED, 4, 1, MC_CREDIT_COUNTED, "" },
        { "ws-4", MC_CREDIT_AGREEMENT_CAP, 4, 0, MC_CREDIT_COUNTED,
          "agreement 4's cap of 3 ects is used up" } } },
    { "agreement cap cuts one in part",
      ECTS,
      { CRED("lab-1", LAB, EDX), CRED("lab-2", LAB, EDX), CRED("lab-3", LAB, EDX) },
      3,
      3,
      false,
      { { "lab-1", MC_CREDIT_COUNTED, 7, 2, MC_CREDIT_COUNTED, "" },
        { "lab-2", MC_CREDIT_COUNTED, 7, 1, MC_CREDIT_AGREEMENT_CAP,
          "agreement 7 counts 1 of its 2 ects: its cap of 3 ects is reached" },
        { "lab-3", MC_CREDIT_AGREEMENT_CAP, 7, 0, MC_CREDIT_COUNTED, "" } } },
    /* the agreement in force at issue time applies */
    { "successor agreement",
      ECTS,
      { CRED("st-2024", STATS, UDACITY) },
      1,
      3,
      false,
      { { "st-2024", MC_CREDIT_COUNTED, 6, 3, MC_CREDIT_COUNTED, "" } } },
    { "earlier agreement",
      ECTS,
      { CRED("st-2021", STATS, UDACITY) },
      1,
      6,
      false,
      { { "st-2021", MC_CREDIT_COUNTED, 5, 6, MC_CREDIT_COUNTED, "" } } },
    { "achievement earned twice",
      ECTS,
      { CRED("st-2024", STATS, UDACITY), CRED("st-2021", STATS, UDACITY) },
      2,
      6,
      false,
      { { "st-2021", MC_CREDIT_COUNTED, 5, 6, MC_CREDIT_COUNTED, "" },
        { "st-2024", MC_CREDIT_DUPLICATE, 6, 0, MC_CREDIT_COUNTED,
          "achievement 12 already counted through credential st-2021" } } },
    { "same credential twice",
      ECTS,
      { CRED("ml-2024", ML, COURSERA), CRED("ml-2024", ML, COURSERA) },
      2,
      5,
      false,
      { { "ml-2024", MC_CREDIT_COUNTED, 1, 5, MC_CREDIT_COUNTED, "" },
        { "ml-2024", MC_CREDIT_DUPLICATE, 0, 0, MC_CREDIT_COUNTED, "given twice" } } },
    /* the program's overall cap, the last one in part */
    { "program cap",
      { MC_CREDIT_ECTS, 7, 0 },
      { CRED("st-2024", STATS, UDACITY), CRED("ml-2024", ML, COURSERA),
        CRED("ws-1", WORKSHOP, EDX) },
      3,
      7,
      true,
      { { "ws-1", MC_CREDIT_COUNTED, 4, 1, MC_CREDIT_COUNTED, "" },
        { "ml-2024", MC_CREDIT_COUNTED, 1, 5, MC_CREDIT_COUNTED, "" },
        { "st-2024", MC_CREDIT_COUNTED, 6, 1, MC_CREDIT_PROGRAM_CAP,
          "agreement 6 counts 1 of its 3 ects: the program's cap of 7 ects is reached" } } },
    { "program cap reached",
      { MC_CREDIT_ECTS, 5, 0 },
      { CRED("ml-2024", ML, COURSERA), CRED("st-2024", STATS, UDACITY) },
      2,
      5,
      true,
      { { "ml-2024", MC_CREDIT_COUNTED, 1, 5, MC_CREDIT_COUNTED, "" },
        { "st-2024", MC_CREDIT_PROGRAM_CAP, 6, 0, MC_CREDIT_COUNTED,
          "the program's cap of 5 ects is reached" } } },
    { "nothing", ECTS, { { 0 } }, 0, 0, false, { { 0 } } },
};

static void test_cases(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct credit_case *c = &cases[i];
        mc_test_case("%s", c->name);
        struct mc_credit_credential creds[8];
        for (size_t k = 0; k < c->n_creds; k++) {
            creds[k] = c->creds[k];
            creds[k].issued_at = issued(creds[k].id);
        }
        struct mc_arena *a = mc_arena_new(0);
        struct mc_err e;
        mc_err_clear(&e);
        struct mc_credit_result *r = NULL;
        if (!CHECK_INT(mc_credit_compute(&c->target, agreements, N_AGREEMENTS, creds, c->n_creds, a,
                                         &r, &e),
                       MC_OK)) {
            printf("  %s\n", e.msg);
            mc_arena_free(a);
            continue;
        }
        CHECK(r->total > c->total - 1e-9 && r->total < c->total + 1e-9);
        CHECK_INT(r->capped, c->capped);
        CHECK_INT(r->n_lines, c->n_creds);
        size_t counted = 0;
        for (size_t k = 0; k < r->n_lines; k++) {
            const struct mc_credit_line *l = &r->lines[k];
            const struct expect *x = &c->lines[k];
            mc_test_case("%s, line %zu", c->name, k);
            CHECK_STR(l->credential.id, x->credential);
            CHECK_STR(mc_credit_reason_name(l->reason), mc_credit_reason_name(x->reason));
            CHECK_INT(l->agreement_id, x->agreement);
            CHECK(l->credits > x->credits - 1e-9 && l->credits < x->credits + 1e-9);
            CHECK_STR(mc_credit_reason_name(l->capped_by), mc_credit_reason_name(x->capped_by));
            if (!CHECK(strstr(l->detail, x->detail) != NULL))
                printf("  detail: %s\n", l->detail);
            counted += l->reason == MC_CREDIT_COUNTED;
        }
        CHECK_INT(r->n_counted, counted);

        /* The order of the input does not change the result. */
        struct mc_credit_credential rev[8];
        for (size_t k = 0; k < c->n_creds; k++)
            rev[k] = creds[c->n_creds - 1 - k];
        struct mc_credit_result *r2 = NULL;
        CHECK_INT(mc_credit_compute(&c->target, agreements, N_AGREEMENTS, rev, c->n_creds, a, &r2,
                                    &e),
                  MC_OK);
        struct mc_buf j1, j2;
        mc_buf_init(&j1, 1 << 16);
        mc_buf_init(&j2, 1 << 16);
        CHECK_INT(mc_credit_result_json(r, &j1), MC_OK);
        CHECK_INT(mc_credit_result_json(r2, &j2), MC_OK);
        CHECK_STR(mc_buf_cstr(&j1), mc_buf_cstr(&j2));
        mc_buf_free(&j1);
        mc_buf_free(&j2);
        mc_arena_free(a);
    }
}

static void test_json(void)
{
    mc_test_case("json");
    struct mc_credit_credential creds[] = {
        { "urn:uuid:lab-2", LAB, EDX, day(2024, 2, 2) },
        { "urn:uuid:lab-1", LAB, EDX, day(2024, 2, 1) },
        { "urn:uuid:ml", ML, EDX, day(2024, 3, 1) },
        { NULL, EXCEL, UDACITY, day(2024, 4, 1) },
    };
    struct mc_credit_target t = { MC_CREDIT_ECTS, 30, 0 };
    struct mc_arena *a = mc_arena_new(0);
    struct mc_err e;
    struct mc_credit_result *r = NULL;
    CHECK_INT(mc_credit_compute(&t, agreements, N_AGREEMENTS, creds, 4, a, &r, &e), MC_OK);
    struct mc_buf b;
    mc_buf_init(&b, 1 << 16);
    CHECK_INT(mc_credit_result_json(r, &b), MC_OK);
    CHECK_STR(mc_buf_cstr(&b),
              "{\"unit\":\"ects\",\"total\":3,\"max_total\":30,\"capped\":false,\"counted\":["
              "{\"credential\":\"urn:uuid:lab-1\",\"achievement_id\":21,\"issuer_id\":3,"
              "\"issued_at\":\"2024-02-01T00:00:00Z\",\"agreement\":7,\"offered\":2,"
              "\"credits\":2,\"detail\":\"agreement 7 counts it for 2 ects\"},"
              "{\"credential\":\"urn:uuid:lab-2\",\"achievement_id\":21,\"issuer_id\":3,"
              "\"issued_at\":\"2024-02-02T00:00:00Z\",\"agreement\":7,\"offered\":2,"
              "\"credits\":1,\"capped_by\":\"agreement-cap\",\"detail\":\"agreement 7 counts 1 "
              "of its 2 ects: its cap of 3 ects is reached\"}],"
              "\"not_counted\":["
              "{\"credential\":\"urn:uuid:ml\",\"achievement_id\":14,\"issuer_id\":3,"
              "\"issued_at\":\"2024-03-01T00:00:00Z\",\"reason\":\"wrong-provider\","
              "\"agreement\":1,\"offered\":0,\"credits\":0,\"detail\":\"agreement 1 recognises "
              "achievement 14 from provider 2, not from issuer 3\"},"
              "{\"credential\":null,\"achievement_id\":16,\"issuer_id\":1,"
              "\"issued_at\":\"2024-04-01T00:00:00Z\",\"reason\":\"no-agreement\","
              "\"agreement\":null,\"offered\":0,\"credits\":0,\"detail\":\"no agreement "
              "recognises achievement 16\"}]}");
    /* Without a cap, max_total is null. */
    t.max_total = -1;
    CHECK_INT(mc_credit_compute(&t, agreements, N_AGREEMENTS, creds, 1, a, &r, &e), MC_OK);
    mc_buf_reset(&b);
    CHECK_INT(mc_credit_result_json(r, &b), MC_OK);
    CHECK(strstr(mc_buf_cstr(&b), "\"max_total\":null,") != NULL);
    /* Too small a buffer is left as it was. */
    struct mc_buf tiny;
    mc_buf_init(&tiny, 40);
    CHECK_INT(mc_credit_result_json(r, &tiny), MC_ERR_TOO_LARGE);
    CHECK_INT(tiny.len, 0);
    mc_buf_free(&tiny);
    mc_buf_free(&b);
    mc_arena_free(a);
}

struct bad_agreement {
    struct mc_credit_agreement g;
    const char *fragment;
};

static void test_invalid(void)
{
    static const struct bad_agreement bad[] = {
        { { 9, 1, 1, 0, MC_CREDIT_ECTS, -1, 0, 0 }, "agreement 9: credits must be more than 0" },
        { { 9, 1, 1, -2, MC_CREDIT_ECTS, -1, 0, 0 }, "credits must be more than 0" },
        { { 9, 1, 1, 5, MC_CREDIT_ECTS, 4, 0, 0 }, "max_credits must be at least credits" },
        { { 9, 1, 1, 5, MC_CREDIT_ECTS, -1, 100, 50 }, "valid_to is before valid_from" },
        { { 9, 1, 1, 5, (enum mc_credit_unit)7, -1, 0, 0 }, "not ects or hours" },
    };
    struct mc_arena *a = mc_arena_new(0);
    struct mc_credit_target t = ECTS;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("invalid agreement %zu", i);
        struct mc_credit_agreement list[2] = { agreements[0], bad[i].g };
        struct mc_err e;
        mc_err_clear(&e);
        struct mc_credit_result *r = (void *)1;
        CHECK_INT(mc_credit_compute(&t, list, 2, NULL, 0, a, &r, &e), MC_ERR_INVALID);
        CHECK(r == NULL);
        CHECK_STR(e.where, "agreements[1]");
        CHECK(strstr(e.msg, bad[i].fragment) != NULL);
    }
    mc_test_case("invalid target");
    struct mc_err e;
    struct mc_credit_result *r;
    struct mc_credit_target neg = { MC_CREDIT_ECTS, -1, -3 };
    CHECK_INT(mc_credit_compute(&neg, agreements, 1, NULL, 0, a, &r, &e), MC_ERR_INVALID);
    CHECK_INT(mc_credit_compute(&t, agreements, MC_CREDIT_MAX_ITEMS + 1, NULL, 0, a, &r, &e),
              MC_ERR_TOO_LARGE);
    mc_arena_free(a);

    mc_test_case("names");
    CHECK_STR(mc_credit_unit_name(MC_CREDIT_HOURS), "hours");
    CHECK_STR(mc_credit_unit_name(MC_CREDIT_UNIT_COUNT), "?");
    CHECK_STR(mc_credit_reason_name(MC_CREDIT_EXPIRED), "agreement-expired");
    CHECK_STR(mc_credit_reason_name(MC_CREDIT_REASON_COUNT), "?");
    enum mc_credit_unit u = MC_CREDIT_HOURS;
    CHECK_INT(mc_credit_unit_parse(MC_STR("ects"), &u, NULL), MC_OK);
    CHECK_INT(u, MC_CREDIT_ECTS);
    CHECK_INT(mc_credit_unit_parse(MC_STR("ECTS"), &u, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "use one of ects, hours") != NULL);
    for (int k = 0; k < MC_CREDIT_UNIT_COUNT; k++) {
        CHECK_INT(mc_credit_unit_parse(mc_str_z(mc_credit_unit_name((enum mc_credit_unit)k)), &u,
                                       NULL),
                  MC_OK);
        CHECK_INT(u, k);
    }
}

int main(void)
{
    set_dates();
    test_cases();
    test_json();
    test_invalid();
    return mc_test_done();
}
