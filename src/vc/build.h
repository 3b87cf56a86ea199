/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Building unsigned Open Badges 3.0 credentials from the catalog's achievements, with the EU
 * standard elements of micro-credentials mapped onto Open Badges fields (docs/ob3-eu-mapping.md).
 * Only terms the VC 2.0 and Open Badges 3.0.3 contexts define are used, so the result is valid
 * JSON-LD in safe mode and conforms to the 1EdTech JSON Schema.
 */
#ifndef MC_VC_BUILD_H
#define MC_VC_BUILD_H

#include <jansson.h>
#include <stdint.h>

#include "core/catalog.h"
#include "mcred/error.h"

#define MC_OB3_CONTEXT "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

/* The issuer, as its Open Badges Profile. */
struct mc_ob3_issuer {
    const char *id; /* did:key or the https URL of the issuer */
    const char *name;
    const char *url;   /* optional */
    const char *email; /* optional */
    const char *image; /* optional: URL */
};

/* A skill the achievement is aligned to (ESCO or the provider's framework). */
struct mc_ob3_alignment {
    const char *name;
    const char *url;
    const char *framework; /* optional */
    const char *code;      /* optional */
};

/* A Result: a grade or a state for one of the achievement's result descriptions. */
struct mc_ob3_result {
    const char *value;  /* e.g. "92" or "A" */
    const char *status; /* optional: "Completed", "Exempt", ... */
};

struct mc_ob3_evidence {
    const char *id; /* URL of the evidence */
    const char *name;
    const char *narrative; /* optional */
};

struct mc_ob3_award {
    const char *credential_id; /* NULL: a new urn:uuid */
    const char *achievement_url;
    const struct mc_achievement *achievement;
    const struct mc_ob3_issuer *issuer;
    /* The recipient: a DID or URL, or an email address hashed with a salt into an
     * IdentityObject (never written in clear). */
    const char *recipient_id;
    const char *recipient_email;
    const char *salt;           /* NULL: random */
    const char *recipient_name; /* optional: written as an IdentityObject of type name, hashed */
    const struct mc_ob3_alignment *alignments;
    size_t n_alignments;
    const struct mc_ob3_result *results;
    size_t n_results;
    const struct mc_ob3_evidence *evidence;
    size_t n_evidence;
    int64_t valid_from; /* Unix seconds */
    /* validUntil is valid_from + the achievement's validity_days when it has one. */
    const char *status_list_url; /* optional: adds revocation and suspension entries */
    size_t revocation_index, suspension_index;
};

/* The credential (new reference). MC_ERR_INVALID names a missing required input. */
enum mc_rc mc_ob3_build(const struct mc_ob3_award *a, json_t **out, struct mc_err *e);

/* "sha256$" + hex(SHA-256(text + salt)), the Open Badges hashed identifier. */
void mc_ob3_hash_identity(const char *text, const char *salt, char out[7 + 65]);

#endif
