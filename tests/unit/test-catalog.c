/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/core/catalog.c: every enum name parses back to itself; bad names are refused. */
#include <string.h>

#include "core/catalog.h"
#include "test.h"

/* One enumeration: its size, its name function and its parse function, behind int. */
struct enum_case {
    const char *what;
    int count;
    const char *(*name)(int);
    enum mc_rc (*parse)(struct mc_str, int *, struct mc_err *);
    const char *first;
    const char *last;
};

#define WRAP(fn, type)                                                    \
    static const char *fn##_n(int v)                                      \
    {                                                                     \
        return fn##_name((type)v);                                        \
    }                                                                     \
    static enum mc_rc fn##_p(struct mc_str s, int *out, struct mc_err *e) \
    {                                                                     \
        type t;                                                           \
        enum mc_rc rc = fn##_parse(s, &t, e);                             \
        if (rc == MC_OK)                                                  \
            *out = (int)t;                                                \
        return rc;                                                        \
    }

WRAP(mc_org_kind, enum mc_org_kind)
WRAP(mc_program_type, enum mc_program_type)
WRAP(mc_price_model, enum mc_price_model)
WRAP(mc_assessment_kind, enum mc_assessment_kind)
WRAP(mc_question_kind, enum mc_question_kind)
WRAP(mc_participation, enum mc_participation)
WRAP(mc_supervision, enum mc_supervision)
WRAP(mc_publish_status, enum mc_publish_status)

static const struct enum_case enums[] = {
    { "org kind", MC_ORG_KIND_COUNT, mc_org_kind_n, mc_org_kind_p, "platform", "training" },
    { "program type", MC_PROG_TYPE_COUNT, mc_program_type_n, mc_program_type_p, "micro-credential",
      "certificate" },
    { "price model", MC_PRICE_MODEL_COUNT, mc_price_model_n, mc_price_model_p, "free", "tuition" },
    { "assessment kind", MC_ASSESS_KIND_COUNT, mc_assessment_kind_n, mc_assessment_kind_p, "test",
      "essay" },
    { "question kind", MC_QUESTION_KIND_COUNT, mc_question_kind_n, mc_question_kind_p, "single",
      "numeric" },
    { "participation", MC_PARTICIPATION_COUNT, mc_participation_n, mc_participation_p, "online",
      "blended" },
    { "supervision", MC_SUPERVISION_COUNT, mc_supervision_n, mc_supervision_p, "none",
      "id-verified" },
    { "publish status", MC_STATUS_COUNT, mc_publish_status_n, mc_publish_status_p, "draft",
      "retired" },
};

static void test_round_trips(void)
{
    for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
        const struct enum_case *c = &enums[i];
        mc_test_case("%s", c->what);
        CHECK_STR(c->name(0), c->first);
        CHECK_STR(c->name(c->count - 1), c->last);
        CHECK_STR(c->name(c->count), "?");
        CHECK_STR(c->name(-1), "?");
        for (int v = 0; v < c->count; v++) {
            const char *n = c->name(v);
            /* stable names are kebab-case: a-z, 0-9 and '-' */
            CHECK(strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(n));
            int back = -1;
            struct mc_err e;
            CHECK_INT(c->parse(mc_str_z(n), &back, &e), MC_OK);
            CHECK_INT(back, v);
            /* names are distinct */
            for (int w = 0; w < v; w++)
                CHECK(strcmp(c->name(w), n) != 0);
        }
    }
}

static void test_bad_names(void)
{
    static const struct {
        const char *input;
    } bad[] = { { "" },           { "Nano-Degree" }, { "nano-degree " }, { " nano-degree" },
                { "nanodegree" }, { "x" },           { "nano-degree\n" } };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("bad program type '%s'", bad[i].input);
        enum mc_program_type t = MC_PROG_DEGREE;
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_program_type_parse(mc_str_z(bad[i].input), &t, &e), MC_ERR_INVALID);
        CHECK_INT(t, MC_PROG_DEGREE); /* untouched */
        CHECK(strstr(e.msg, "unknown program type") != NULL);
        CHECK(strstr(e.msg, "nano-degree, professional-certificate") != NULL);
    }
    mc_test_case("length-delimited input: bytes after len are ignored");
    enum mc_org_kind k;
    CHECK_INT(mc_org_kind_parse((struct mc_str){ "employerXYZ", 8 }, &k, NULL), MC_OK);
    CHECK_INT(k, MC_ORG_EMPLOYER);
    mc_test_case("a NUL inside the view does not match");
    CHECK_INT(mc_org_kind_parse((struct mc_str){ "employer\0", 9 }, &k, NULL), MC_ERR_INVALID);
}

static void test_labels(void)
{
    static const struct {
        enum mc_program_type t;
        const char *label;
    } cases[] = {
        { MC_PROG_NANO_DEGREE, "Nanodegree" },
        { MC_PROG_MICROMASTERS, "MicroMasters" },
        { MC_PROG_PROFESSIONAL_CERTIFICATE, "Professional Certificate" },
        { MC_PROG_XSERIES, "XSeries" },
        { MC_PROG_MASTERTRACK, "MasterTrack" },
        { MC_PROG_TYPE_COUNT, "?" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("label %d", (int)cases[i].t);
        CHECK_STR(mc_program_type_label(cases[i].t), cases[i].label);
    }
}

int main(void)
{
    test_round_trips();
    test_bad_names();
    test_labels();
    return mc_test_done();
}
