/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JWS compact serialization (RFC 7515 §7.1) with RS256, ES256 (RFC 7518 §3.3, §3.4) and EdDSA
 * over Ed25519 (RFC 8037 §3.1), and VC-JWT on top of it: VC 2.0 JOSE (VC-JOSE-COSE §3.1.1, the
 * payload is the credential) and the VC 1.1 JWT encoding (VC Data Model 1.1 §6.3.1, a "vc" claim
 * and registered claims), as Open Badges 3.0 uses them.
 *
 * Who checks what:
 *   mc_jws_parse         shape and size, strict base64url, header (alg known and not "none",
 *                        no unknown crit, no private jwk), payload a JSON object, signature size
 *   mc_jws_verify        the signature, and that the key fits alg (kty, crv, the JWK's own alg
 *                        and use); nothing about who the key belongs to
 *   mc_vcjwt_credential  typ, and that the JWT claims (iss sub jti nbf exp) agree with the
 *                        credential
 *   the caller           which key to use (resolving kid or a jwk header and binding it to the
 *                        issuer), time validity (nbf, exp, validFrom, validUntil against now),
 *                        aud, status, and verifying the credential itself
 */
#ifndef MC_VC_JWS_H
#define MC_VC_JWS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "mcred/buf.h"
#include "mcred/error.h"

/* The largest compact JWS read or written: credentials with images embedded get large, but not
 * this large. */
#define MC_JWS_MAX_BYTES (256u * 1024)

/* A parsed compact JWS. Everything in it is owned by it; mc_jws_free releases it. */
struct mc_jws {
    json_t *header;      /* the protected header: an object with alg */
    json_t *payload;     /* the payload: a JSON object */
    char *signing_input; /* "b64(header).b64(payload)", NUL-terminated */
    size_t signing_input_len;
    unsigned char *sig; /* the decoded signature */
    size_t sig_len;
    char alg[16]; /* "RS256", "ES256" or "EdDSA" */
    char *kid;    /* the header's kid, or NULL */
};

/*
 * Parse compact[0..len) (no surrounding white space: trim first). Larger than MC_JWS_MAX_BYTES is
 * MC_ERR_TOO_LARGE ("JWT is larger than 256 KiB"); a JWE (five parts), an unknown alg or crit
 * entry, and unencoded payloads (b64: false) are MC_ERR_UNSUPPORTED; anything else wrong is
 * MC_ERR_INVALID naming the part ("header", "payload", "signature") in the message and e->where.
 * The signature is not checked. On failure `*out` holds nothing (mc_jws_free is still harmless).
 */
enum mc_rc mc_jws_parse(const char *compact, size_t len, struct mc_jws *out, struct mc_err *e);

/*
 * Check the signature of a parsed JWS with a public JWK (borrowed; private members are
 * ignored). A key that does not fit the alg is MC_ERR_INVALID; a signature that does not verify
 * is MC_ERR_CRYPTO "signature does not verify".
 */
enum mc_rc mc_jws_verify(const struct mc_jws *jws, const json_t *public_jwk, struct mc_err *e);

/*
 * Sign `payload` (a JSON object, borrowed) and append the compact JWS to `out`. The header is
 * {"alg": alg, "typ": "JWT"} merged with `header_extra` (may be NULL): its members are added or
 * replace typ, and a null member removes one ("typ": null for no typ). `alg` NULL takes the JWK's
 * own alg, else the one its kty implies. An extra alg that differs, a crit, or a jwk with private
 * members is refused. On failure `out` is left as it was.
 */
enum mc_rc mc_jws_sign(const json_t *header_extra, const json_t *payload, const json_t *private_jwk,
                       const char *alg, struct mc_buf *out, struct mc_err *e);

/* Release what a parsed JWS holds and zero it. */
void mc_jws_free(struct mc_jws *j);

/*
 * The primitives under the compact form: check `sig` over input[0..len), or append the signature
 * of it to `sig_out` (raw bytes: R || S for ES256). Same rules and codes as above; they exist for
 * JWS whose payload is not JSON (RFC 8037's examples) and for other serializations.
 */
enum mc_rc mc_jws_verify_bytes(const char *alg, const void *input, size_t len,
                               const unsigned char *sig, size_t sig_len, const json_t *public_jwk,
                               struct mc_err *e);
enum mc_rc mc_jws_sign_bytes(const char *alg, const void *input, size_t len,
                             const json_t *private_jwk, struct mc_buf *sig_out, struct mc_err *e);

/*
 * The credential a verified VC-JWT secures (new reference in *credential). The header's typ, if
 * present, must be vc+jwt, vc+ld+json+jwt, vc+ld+jwt or JWT (an "application/" prefix and case
 * are ignored).
 *
 * - VC 1.1 style (a "vc" claim): the credential is the vc claim, and the registered claims are
 *   mapped into it where it lacks them: iss -> issuer (or issuer.id), sub -> credentialSubject.id,
 *   jti -> id, nbf -> validFrom (v2 context) or issuanceDate, exp -> validUntil or expirationDate.
 * - VC 2.0 style (no "vc" claim, also Open Badges 3.0): the credential is the payload without the
 *   registered claims iss sub jti nbf exp iat aud; nothing is mapped.
 *
 * In both, a claim present together with its credential property must agree with it (times to the
 * second), else MC_ERR_INVALID naming both values. A "vp" claim (a presentation) is
 * MC_ERR_UNSUPPORTED. Time validity against the clock is not checked here.
 */
enum mc_rc mc_vcjwt_credential(const struct mc_jws *jws, json_t **credential, struct mc_err *e);

/*
 * Sign `credential` (borrowed) as a VC 2.0 VC-JWT: header {"alg", "typ": "vc+jwt", "kid"} (no kid
 * when `kid` is NULL), payload the credential as it is. `alg` as for mc_jws_sign. Appends to
 * `out`; on failure `out` is left as it was.
 */
enum mc_rc mc_vcjwt_issue(const json_t *credential, const json_t *private_jwk, const char *alg,
                          const char *kid, struct mc_buf *out, struct mc_err *e);

#endif
