/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Building unsigned Comprehensive Learner Records (CLR 2.0 ClrCredential): a learner's signed Open
 * Badges credentials gathered into one credential, with the achievements they add up to and the
 * associations between achievements (a course is part of a program, one course precedes another).
 * The included credentials are copied verbatim with their proofs, so each still verifies alone
 * and the CLR's own proof covers them.
 */
#ifndef MC_VC_CLR_H
#define MC_VC_CLR_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "mcred/error.h"
#include "vc/build.h"

#define MC_CLR_CONTEXT "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
#define MC_CLR_SCHEMA \
    "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"

/* CLR 2.0 associationType: how the source achievement relates to the target. */
enum mc_clr_association_type {
    MC_CLR_ASSOC_BY_NAME = 0, /* the type is given as text in type_name */
    MC_CLR_ASSOC_EXACT_MATCH_OF,
    MC_CLR_ASSOC_IS_CHILD_OF,
    MC_CLR_ASSOC_IS_PARENT_OF,
    MC_CLR_ASSOC_IS_PART_OF,
    MC_CLR_ASSOC_IS_PEER_OF,
    MC_CLR_ASSOC_IS_RELATED_TO,
    MC_CLR_ASSOC_PRECEDES,
    MC_CLR_ASSOC_REPLACED_BY,
};

/* The associationType text ("isParentOf", ...) of `t`; NULL for MC_CLR_ASSOC_BY_NAME or a value
 * out of range. */
const char *mc_clr_association_name(enum mc_clr_association_type t);
/* The type named `name` (exact, case-sensitive), or MC_CLR_ASSOC_BY_NAME when it is not one of
 * the eight CLR 2.0 names. */
enum mc_clr_association_type mc_clr_association_parse(const char *name);

struct mc_clr_association {
    enum mc_clr_association_type type;
    const char *type_name; /* used when type is MC_CLR_ASSOC_BY_NAME; must be one of the eight */
    const char *source_id; /* absolute IRI of the source achievement */
    const char *target_id; /* absolute IRI of the target achievement */
};

struct mc_clr_record {
    const char *credential_id; /* NULL: a new urn:uuid */
    const struct mc_ob3_issuer *issuer;
    /* The learner: a DID or URL, and/or an email address hashed with a salt into an
     * IdentityObject (never written in clear). At least one of the two. */
    const char *learner_id;
    const char *learner_email;
    const char *salt; /* NULL: random */
    const char *name;
    const char *description; /* optional */
    int64_t valid_from;      /* Unix seconds */
    bool has_partial;        /* write `partial` (a CLR that is not the learner's whole record) */
    bool partial;
    /* Borrowed; deep-copied into the CLR. A non-empty array of signed OpenBadgeCredentials or
     * AchievementCredentials, each with its proof. */
    const json_t *credentials;
    /* Borrowed, optional (NULL or an array): Achievement objects, e.g. the program the
     * credentials stack into. Each needs an id and the type Achievement. */
    const json_t *achievements;
    const struct mc_clr_association *associations;
    size_t n_associations;
};

/*
 * The unsigned ClrCredential (new reference in *out), with the contexts VC 2.0, CLR 2.0.1,
 * Open Badges 3.0.3 and the Open Badges extensions (for the credentialSchema type), in the order
 * of the CLR 2.0 test vector. MC_ERR_INVALID names the record field that is missing or wrong
 * (e->msg) and the place in the CLR it would have gone (e->where, a JSON pointer).
 */
enum mc_rc mc_clr_build(const struct mc_clr_record *r, json_t **out, struct mc_err *e);

#endif
