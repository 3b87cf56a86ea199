/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Verifying Open Badges 2.0 assertions (OB 2.0 "Verification": HostedBadge and SignedBadge) into
 * the same report as credentials (vc/verify.h). The badge objects an assertion links to (the
 * hosted copy, the BadgeClass, the issuer Profile, the CryptographicKey, the RevocationList) come
 * from the options' document source; at most MC_OB2_MAX_DOCS of them per assertion.
 *
 * Checks, in the order they are added:
 *   json / jws   the input parses (JSON text, or a compact JWS whose alg is RS256)
 *   context      the @context is Open Badges 2.0; 1.0 and 1.1 assertions are recognised and
 *                fail, saying only 2.0 is verified
 *   hosted       (hosted) the assertion is served at its id, which is its own URL; the served
 *                copy is the one verified, and a given copy that differs is a warning
 *   types        the Assertion's required properties and their types
 *   badge        the BadgeClass (embedded, or fetched from its URL) and its required properties
 *   issuer       the issuer Profile, always fetched from its id, with a name and a url
 *   origin       (hosted) the id is within the issuer's verification policy: startsWith,
 *                allowedOrigins, else the issuer id's origin
 *   key          (signed) the CryptographicKey named by verification.creator (or the Profile's
 *                publicKey): listed in the Profile, owned by the issuer, an RSA publicKeyPem
 *   proof        (signed) the JWS signature verifies with that key
 *   recipient    the IdentityObject; when an expected recipient is given, it matches (plain, or
 *                the salted sha256 / md5 hash)
 *   validity     issuedOn is a date-time; expires is not past
 *   revocation   (hosted) the served copy is not revoked: true; (signed) the id or uid is not in
 *                the issuer's RevocationList
 */
#ifndef MC_VC_OB2_H
#define MC_VC_OB2_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "vc/verify.h"

#define MC_OB2_CONTEXT  "https://w3id.org/openbadges/v2"
#define MC_OB1_CONTEXT  "https://w3id.org/openbadges/v1"
#define MC_OB2_MAX_DOCS 8 /* documents asked of the source for one assertion */

/*
 * Whether `doc` (borrowed) is an Open Badges assertion of any version: its @context names the
 * Open Badges 2.0 or 1.1 context, or it has no Verifiable Credentials context and its type is
 * Assertion, or it has no @context and the 1.0 shape (recipient and badge).
 */
bool mc_ob2_is_assertion(const json_t *doc);
/* The same for a jv tree (ld/jv.h), as the verifier reads JSON text. */
struct jv;
bool mc_ob2_is_assertion_jv(const struct jv *doc);

/*
 * Whether text[0..len) (white space around it allowed) is Open Badges 2.0 input that is not JSON:
 * an http(s) URL (a hosted assertion) or a compact JWS whose payload is an assertion.
 */
bool mc_ob2_detect(const char *text, size_t len);

/*
 * Verify an assertion given as JSON text, a compact JWS (signed) or the URL of a hosted
 * assertion, text[0..len), into `r` (initialised by the caller). Sets r->format to "ob2-hosted"
 * or "ob2-signed" ("ob2" when the verification type is not known), r->id and r->issuer. Never
 * fails otherwise: every problem is a failed check.
 */
void mc_ob2_verify(const char *text, size_t len, const struct mc_verify_options *o,
                   struct mc_report *r);

/* The same for an assertion already parsed (borrowed): JSON input, so hosted verification. */
void mc_ob2_verify_assertion(const json_t *assertion, const struct mc_verify_options *o,
                             struct mc_report *r);

/*
 * Whether the identity `who` hashed with `salt` (may be NULL: no salt) gives `hash`
 * ("sha256$hex" or "md5$hex", hex in either case). MC_ERR_INVALID when `hash` is not of that
 * form, MC_ERR_CRYPTO when it does not match.
 */
enum mc_rc mc_ob2_identity_check(const char *hash, const char *who, const char *salt,
                                 struct mc_err *e);

#endif
