/* SPDX-License-Identifier: Apache-2.0 */
/* The catalog's plain data: organisations, skills, achievements, programs, courses, assessments. */
#ifndef MC_CORE_CATALOG_H
#define MC_CORE_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcred/error.h"
#include "mcred/str.h"

/*
 * These structs are what the store reads and writes and what the services and the HTTP layer
 * pass around. No SQL, no JSON, no HTTP here (design.md, "core/").
 *
 * Ownership: string fields are borrowed. A struct handed to a store "put" function is only read
 * during the call; a struct filled by a store "get" or "search" function points into the arena
 * the caller passed, and lives as long as that arena. An optional string is NULL when absent.
 * Row ids are int64_t, 0 meaning "none" (or "new" for a put, which then fills it in). Public,
 * stable references are the `slug` fields (unique per kind, [a-z0-9-]).
 * Money is in minor units (cents) with an ISO 4217 currency; durations in whole weeks; workload
 * in hours. A negative number means "not stated" where a field is optional.
 */

/* --- enumerations: each has a stable kebab-case name used in the database, JSON and URLs --- */

enum mc_org_kind {
    MC_ORG_PLATFORM,   /* a learning platform that hosts others' programs: Coursera, edX, ... */
    MC_ORG_UNIVERSITY, /* Harvard, Imperial College London, the Open University, ... */
    MC_ORG_COMPANY,    /* Google, IBM, Microsoft, SAP, ... as course authors */
    MC_ORG_EMPLOYER,   /* hires and verifies; may run corporate training */
    MC_ORG_TRAINING,   /* any other training provider */
    MC_ORG_KIND_COUNT
};

enum mc_program_type {
    MC_PROG_MICRO_CREDENTIAL,
    MC_PROG_NANO_DEGREE,
    MC_PROG_PROFESSIONAL_CERTIFICATE,
    MC_PROG_SPECIALIZATION,
    MC_PROG_XSERIES,
    MC_PROG_MICROMASTERS,
    MC_PROG_MICROBACHELORS,
    MC_PROG_MASTERTRACK,
    MC_PROG_COURSE,
    MC_PROG_DEGREE,
    MC_PROG_PROGRAM,     /* a platform's generic "program" (FutureLearn, Kadenze) */
    MC_PROG_CERTIFICATE, /* a certificate of completion (LinkedIn Learning) */
    MC_PROG_TYPE_COUNT
};

enum mc_price_model {
    MC_PRICE_FREE,         /* no charge, certificate included */
    MC_PRICE_SUBSCRIPTION, /* price is per month while enrolled */
    MC_PRICE_FEE,          /* price is once per program */
    MC_PRICE_TUITION,      /* a degree's total tuition */
    MC_PRICE_MODEL_COUNT
};

enum mc_assessment_kind {
    MC_ASSESS_TEST,    /* questions, auto-graded against a pass mark */
    MC_ASSESS_PROJECT, /* submitted work graded by an assessor against a rubric */
    MC_ASSESS_ESSAY,   /* written text graded by an assessor against a rubric */
    MC_ASSESS_KIND_COUNT
};

enum mc_question_kind {
    MC_QUESTION_SINGLE,   /* one correct option */
    MC_QUESTION_MULTIPLE, /* every correct option, no wrong one */
    MC_QUESTION_NUMERIC,  /* a number within a tolerance */
    MC_QUESTION_KIND_COUNT
};

/* EU standard element "form of participation". */
enum mc_participation {
    MC_PARTICIPATION_ONLINE,
    MC_PARTICIPATION_ONSITE,
    MC_PARTICIPATION_BLENDED,
    MC_PARTICIPATION_COUNT
};

/* EU optional element "supervision and identity verification during assessment". */
enum mc_supervision {
    MC_SUPERVISION_NONE,        /* unsupervised, no identity verification */
    MC_SUPERVISION_SUPERVISED,  /* supervised, no identity verification */
    MC_SUPERVISION_ID_VERIFIED, /* supervised online or onsite, with identity verification */
    MC_SUPERVISION_COUNT
};

enum mc_publish_status { MC_STATUS_DRAFT, MC_STATUS_PUBLISHED, MC_STATUS_RETIRED, MC_STATUS_COUNT };

/* Names and parsing. The name functions return a static string ("?" if out of range); the parse
 * functions return MC_ERR_INVALID with a message listing the accepted names. */
const char *mc_org_kind_name(enum mc_org_kind k);
enum mc_rc mc_org_kind_parse(struct mc_str s, enum mc_org_kind *out, struct mc_err *e);
const char *mc_program_type_name(enum mc_program_type t);
/* A person's label: "Nanodegree", "MicroMasters", "Professional Certificate", ... */
const char *mc_program_type_label(enum mc_program_type t);
enum mc_rc mc_program_type_parse(struct mc_str s, enum mc_program_type *out, struct mc_err *e);
const char *mc_price_model_name(enum mc_price_model m);
enum mc_rc mc_price_model_parse(struct mc_str s, enum mc_price_model *out, struct mc_err *e);
const char *mc_assessment_kind_name(enum mc_assessment_kind k);
enum mc_rc mc_assessment_kind_parse(struct mc_str s, enum mc_assessment_kind *out,
                                    struct mc_err *e);
const char *mc_question_kind_name(enum mc_question_kind k);
enum mc_rc mc_question_kind_parse(struct mc_str s, enum mc_question_kind *out, struct mc_err *e);
const char *mc_participation_name(enum mc_participation p);
enum mc_rc mc_participation_parse(struct mc_str s, enum mc_participation *out, struct mc_err *e);
const char *mc_supervision_name(enum mc_supervision s);
enum mc_rc mc_supervision_parse(struct mc_str s, enum mc_supervision *out, struct mc_err *e);
const char *mc_publish_status_name(enum mc_publish_status s);
enum mc_rc mc_publish_status_parse(struct mc_str s, enum mc_publish_status *out, struct mc_err *e);

/* --- entities --- */

struct mc_org {
    int64_t id;
    const char *slug; /* "coursera", "harvard" */
    const char *name;
    enum mc_org_kind kind;
    const char *url;         /* home page */
    const char *country;     /* ISO 3166-1 alpha-2: the EU element "country of the issuer" */
    const char *description; /* optional */
    bool is_demo;            /* demo data, marked as such on every page */
    /* public issuer profile (OB 3.0 Profile) and trust flags set by the platform operator */
    const char *email; /* public contact address, optional */
    bool verified;     /* the operator checked the organisation is who it says */
    bool accredited;   /* a recognised quality-assurance body accredits it */
};

struct mc_skill_framework {
    int64_t id;
    const char *slug; /* "esco", "microcred-demo" */
    const char *name;
    const char *uri;       /* optional */
    const char *publisher; /* optional */
};

struct mc_skill {
    int64_t id;
    int64_t framework_id;
    const char *slug; /* unique across frameworks, e.g. "machine-learning" */
    const char *name;
    const char *code;        /* the framework's own code, optional */
    const char *uri;         /* e.g. an ESCO skill URI, optional */
    const char *description; /* optional */
};

/* An achievement: what a credential says was achieved (Open Badges 3.0 Achievement), with the
 * EU standard elements. Editing one after awards creates a new version (a new row with the same
 * slug and version + 1); issued credentials keep the version they were issued under. */
struct mc_achievement {
    int64_t id;
    const char *slug;
    int version; /* 1, 2, ... */
    int64_t issuer_org_id;
    const char *name; /* EU: title */
    const char *description;
    const char *criteria; /* how it is earned, for people (OB criteria.narrative) */
    const char
            *achievement_type; /* OB 3.0 AchievementType: "Certificate", "MicroCredential", ... */
    const char *image_url;     /* optional */
    /* EU standard elements */
    const char **outcomes; /* learning outcomes, in order */
    size_t n_outcomes;
    double workload_hours;       /* notional workload, < 0 if not stated */
    double ects;                 /* ECTS credits, < 0 if not stated */
    int eqf_level;               /* 1..8, 0 if not applicable */
    const char *assessment_type; /* "tests and a graded project", ... */
    enum mc_participation participation;
    const char *quality_assurance;
    const char *prerequisites; /* optional */
    const char *language;      /* BCP 47, e.g. "en" */
    enum mc_supervision supervision;
    bool stackable;    /* EU "integration/stackability": stackable toward a larger credential */
    int validity_days; /* 0: does not expire */
    enum mc_publish_status status;
    int64_t *skill_ids; /* aligned skills */
    size_t n_skills;
    bool is_demo;
};

struct mc_course {
    int64_t id;
    const char *slug;
    int64_t org_id; /* who teaches it */
    const char *title;
    const char *description;
    int duration_weeks;
    double workload_hours;  /* < 0 if not stated */
    int64_t achievement_id; /* the course's own credential, 0 if none */
    bool is_demo;
};

struct mc_question_option {
    const char *text;
    bool correct;
};

struct mc_question {
    int64_t id;
    enum mc_question_kind kind;
    const char *prompt;
    double points;
    struct mc_question_option *options; /* single and multiple */
    size_t n_options;
    double numeric_answer;    /* numeric */
    double numeric_tolerance; /* numeric: |given - answer| <= tolerance */
};

struct mc_rubric_criterion {
    const char *name;
    const char *description;
    double max_points;
};

struct mc_assessment {
    int64_t id;
    int64_t course_id;
    enum mc_assessment_kind kind;
    const char *title;
    const char *instructions;
    double pass_mark;              /* percent of the points, 0..100 */
    int max_attempts;              /* 0: unlimited */
    double weight;                 /* share of the course grade, 0..1 */
    struct mc_question *questions; /* tests */
    size_t n_questions;
    struct mc_rubric_criterion *rubric; /* projects and essays */
    size_t n_rubric;
};

/* One part of a program, in order: a course, a nested program, or an achievement. */
struct mc_program_part {
    int64_t course_id;
    int64_t child_program_id;
    int64_t achievement_id;
    bool required;
};

struct mc_program {
    int64_t id;
    const char *slug;
    enum mc_program_type type;
    const char *title;
    const char *summary;        /* one line */
    const char *description;    /* optional */
    int64_t platform_org_id;    /* where it is offered: Coursera, edX, ... */
    int64_t institution_org_id; /* who made it: Harvard, Google, ...; may equal the platform */
    int64_t achievement_id;     /* what completing it awards, 0 if nothing */
    int duration_weeks;         /* at the suggested pace */
    double hours_per_week;      /* < 0 if not stated */
    const char *level;          /* "beginner", "intermediate", "advanced", "graduate"; optional */
    const char *language;       /* BCP 47 */
    /* price and terms */
    int64_t price_cents;  /* per month for a subscription, total otherwise */
    const char *currency; /* ISO 4217, "USD" */
    enum mc_price_model price_model;
    const char *price_note; /* e.g. "£29,000 (about $39,789)"; optional */
    bool free_audit;        /* courses can be taken free, without a certificate */
    int trial_days;         /* free trial, 0 if none */
    int refund_days;        /* refund window, 0 if none */
    bool financial_aid;
    const char *stacking_rule; /* JSON text of the stacking rule tree, NULL if none */
    enum mc_publish_status status;
    bool is_demo;
    struct mc_program_part *parts;
    size_t n_parts;
    int64_t *skill_ids; /* skills it teaches (besides those of its achievements) */
    size_t n_skills;
};

/* --- the public catalog: what /api/v1/catalog and /catalog show --- */

/* Every field is optional: NULL or negative means "no filter". */
struct mc_catalog_filter {
    const char *type;        /* a program type name: "nano-degree" */
    const char *provider;    /* an org slug, matching the platform or the institution */
    const char *skill;       /* a skill slug */
    int64_t max_price_cents; /* price_cents <= this (a subscription compares its monthly price) */
    int64_t max_weeks;       /* duration_weeks <= this */
    const char *q;           /* words that must all appear in the title, summary, orgs or skills */
    int64_t limit;           /* 1..100 */
    int64_t offset;          /* >= 0 */
};

struct mc_catalog_skill {
    const char *slug;
    const char *name;
};

/* A program as the catalog lists it; everything points into the arena of the search. */
struct mc_catalog_item {
    struct mc_program program; /* parts and skill_ids are not filled */
    const char *platform_slug;
    const char *platform_name;
    const char *institution_slug;
    const char *institution_name;
    const char *achievement_slug; /* NULL if none */
    size_t n_courses;
    struct mc_catalog_skill *skills; /* union of the program's and its achievement's skills */
    size_t n_skills;
};

struct mc_catalog_page {
    struct mc_catalog_item *items;
    size_t count;
    int64_t total; /* matches in all pages */
};

#endif
