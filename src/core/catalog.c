/* SPDX-License-Identifier: Apache-2.0 */
/* Stable names of the catalog's enumerations, and parsing them back. */
#include "core/catalog.h"

#include "mcred/buf.h"

/*
 * Look `s` up in `names` (`count` of them). On failure the message lists every accepted name, so
 * a person sees what to type instead.
 */
static enum mc_rc parse_name(struct mc_str s, const char *const *names, int count, int *out,
                             const char *what, struct mc_err *e)
{
    for (int i = 0; i < count; i++) {
        if (mc_str_eqz(s, names[i])) {
            *out = i;
            return MC_OK;
        }
    }
    struct mc_buf b;
    mc_buf_init(&b, 400);
    for (int i = 0; i < count; i++) {
        if (mc_buf_printf(&b, "%s%s", i ? ", " : "", names[i]))
            break;
    }
    mc_err_set(e, MC_ERR_INVALID, "unknown %s '%.*s': use one of %s", what,
               MC_STR_FMT(mc_str_sub(s, 0, 64)), mc_buf_cstr(&b));
    mc_buf_free(&b);
    return MC_ERR_INVALID;
}

static const char *name_of(const char *const *names, int count, int v)
{
    return v >= 0 && v < count ? names[v] : "?";
}

static const char *const org_kinds[MC_ORG_KIND_COUNT] = {
    "platform", "university", "company", "employer", "training",
};

static const char *const program_types[MC_PROG_TYPE_COUNT] = {
    "micro-credential", "nano-degree", "professional-certificate",
    "specialization",   "xseries",     "micromasters",
    "microbachelors",   "mastertrack", "course",
    "degree",           "program",     "certificate",
};

static const char *const program_labels[MC_PROG_TYPE_COUNT] = {
    "Micro-credential", "Nanodegree",  "Professional Certificate",
    "Specialization",   "XSeries",     "MicroMasters",
    "MicroBachelors",   "MasterTrack", "Course",
    "Degree",           "Program",     "Certificate",
};

static const char *const price_models[MC_PRICE_MODEL_COUNT] = {
    "free",
    "subscription",
    "fee",
    "tuition",
};

static const char *const assessment_kinds[MC_ASSESS_KIND_COUNT] = {
    "test",
    "project",
    "essay",
};

static const char *const question_kinds[MC_QUESTION_KIND_COUNT] = {
    "single",
    "multiple",
    "numeric",
};

static const char *const participations[MC_PARTICIPATION_COUNT] = {
    "online",
    "onsite",
    "blended",
};

static const char *const supervisions[MC_SUPERVISION_COUNT] = {
    "none",
    "supervised",
    "id-verified",
};

static const char *const publish_statuses[MC_STATUS_COUNT] = {
    "draft",
    "published",
    "retired",
};

const char *mc_org_kind_name(enum mc_org_kind k)
{
    return name_of(org_kinds, MC_ORG_KIND_COUNT, (int)k);
}

enum mc_rc mc_org_kind_parse(struct mc_str s, enum mc_org_kind *out, struct mc_err *e)
{
    int v = 0;
    enum mc_rc rc = parse_name(s, org_kinds, MC_ORG_KIND_COUNT, &v, "organisation kind", e);
    if (rc == MC_OK)
        *out = (enum mc_org_kind)v;
    return rc;
}

const char *mc_program_type_name(enum mc_program_type t)
{
    return name_of(program_types, MC_PROG_TYPE_COUNT, (int)t);
}

const char *mc_program_type_label(enum mc_program_type t)
{
    return name_of(program_labels, MC_PROG_TYPE_COUNT, (int)t);
}

enum mc_rc mc_program_type_parse(struct mc_str s, enum mc_program_type *out, struct mc_err *e)
{
    int v = 0;
    enum mc_rc rc = parse_name(s, program_types, MC_PROG_TYPE_COUNT, &v, "program type", e);
    if (rc == MC_OK)
        *out = (enum mc_program_type)v;
    return rc;
}

const char *mc_price_model_name(enum mc_price_model m)
{
    return name_of(price_models, MC_PRICE_MODEL_COUNT, (int)m);
}

enum mc_rc mc_price_model_parse(struct mc_str s, enum mc_price_model *out, struct mc_err *e)
{
    int v = 0;
    enum mc_rc rc = parse_name(s, price_models, MC_PRICE_MODEL_COUNT, &v, "price model", e);
    if (rc == MC_OK)
        *out = (enum mc_price_model)v;
    return rc;
}

const char *mc_assessment_kind_name(enum mc_assessment_kind k)
{
    return name_of(assessment_kinds, MC_ASSESS_KIND_COUNT, (int)k);
}

enum mc_rc mc_assessment_kind_parse(struct mc_str s, enum mc_assessment_kind *out, struct mc_err *e)
{
    int v = 0;
    enum mc_rc rc = parse_name(s, assessment_kinds, MC_ASSESS_KIND_COUNT, &v, "assessment kind", e);
    if (rc == MC_OK)
        *out = (enum mc_assessment_kind)v;
    return rc;
}

const char *mc_question_kind_name(enum mc_question_kind k)
{
    return name_of(question_kinds, MC_QUESTION_KIND_COUNT, (int)k);
}

enum mc_rc mc_question_kind_parse(struct mc_str s, enum mc_question_kind *out, struct mc_err *e)
{
    int v = 0;
    enum mc_rc rc = parse_name(s, question_kinds, MC_QUESTION_KIND_COUNT, &v, "question kind", e);
    if (rc == MC_OK)
        *out = (enum mc_question_kind)v;
    return rc;
}

const char *mc_participation_name(enum mc_participation p)
{
    return name_of(participations, MC_PARTICIPATION_COUNT, (int)p);
}

enum mc_rc mc_participation_parse(struct mc_str s, enum mc_participation *out, struct mc_err *e)
{
    int v = 0;
    enum mc_rc rc =
            parse_name(s, participations, MC_PARTICIPATION_COUNT, &v, "form of participation", e);
    if (rc == MC_OK)
        *out = (enum mc_participation)v;
    return rc;
}

const char *mc_supervision_name(enum mc_supervision s)
{
    return name_of(supervisions, MC_SUPERVISION_COUNT, (int)s);
}

enum mc_rc mc_supervision_parse(struct mc_str s, enum mc_supervision *out, struct mc_err *e)
{
    int v = 0;
    enum mc_rc rc = parse_name(s, supervisions, MC_SUPERVISION_COUNT, &v, "supervision", e);
    if (rc == MC_OK)
        *out = (enum mc_supervision)v;
    return rc;
}

const char *mc_publish_status_name(enum mc_publish_status s)
{
    return name_of(publish_statuses, MC_STATUS_COUNT, (int)s);
}

enum mc_rc mc_publish_status_parse(struct mc_str s, enum mc_publish_status *out, struct mc_err *e)
{
    int v = 0;
    enum mc_rc rc = parse_name(s, publish_statuses, MC_STATUS_COUNT, &v, "publication status", e);
    if (rc == MC_OK)
        *out = (enum mc_publish_status)v;
    return rc;
}
