/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Building unsigned Open Badges 3.0 EndorsementCredentials: an issuer's signed statement about
 * another issuer's Profile, an Achievement or a credential (OB 3.0 §EndorsementCredential). The
 * result conforms to the 1EdTech EndorsementCredential JSON Schema it names in credentialSchema.
 */
#ifndef MC_VC_ENDORSEMENT_H
#define MC_VC_ENDORSEMENT_H

#include <jansson.h>
#include <stdint.h>

#include "mcred/error.h"
#include "vc/build.h"

#define MC_ENDORSEMENT_SCHEMA                              \
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/" \
    "ob_v3p0_endorsementcredential_schema.json"

struct mc_endorsement {
    const char *credential_id;          /* NULL: a new urn:uuid */
    const struct mc_ob3_issuer *issuer; /* who endorses */
    /* What is endorsed, as an absolute IRI: the id of an issuer's Profile, of an Achievement or
     * of a credential. */
    const char *subject_id;
    const char *comment; /* optional: endorsementComment, the endorser's words */
    const char *name;    /* the credential's name, e.g. "Endorsement of the Data Science track" */
    const char *description; /* optional */
    int64_t valid_from;      /* Unix seconds */
    int64_t valid_until;     /* Unix seconds; 0: no end */
};

/*
 * The unsigned EndorsementCredential (new reference in *out): contexts VC 2.0, Open Badges 3.0.3
 * and the Open Badges extensions (which define the credentialSchema type), type
 * [VerifiableCredential, EndorsementCredential], an EndorsementSubject, the issuer Profile and
 * credentialSchema. MC_ERR_INVALID names the field that is missing or wrong (e->msg) and its
 * place in the credential (e->where, a JSON pointer).
 */
enum mc_rc mc_endorsement_build(const struct mc_endorsement *en, json_t **out, struct mc_err *e);

#endif
