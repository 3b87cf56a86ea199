/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JSON Web Keys (RFC 7517, RFC 7518 §6, RFC 8037) as OpenSSL EVP_PKEYs, for the JWS algorithms we
 * implement: RSA (RS256), EC P-256 (ES256) and OKP Ed25519 (EdDSA). Keys are built with the
 * OpenSSL 3 parameter builder (EVP_PKEY_fromdata); no deprecated OpenSSL API is used.
 *
 * Internal header: it exposes EVP_PKEY, so nothing under include/ may include it.
 */
#ifndef MC_CRYPTO_JWK_H
#define MC_CRYPTO_JWK_H

#include <jansson.h>
#include <openssl/evp.h>
#include <stdbool.h>

#include "mcred/error.h"

/* RSA moduli below this are refused (RFC 7518 §3.3 asks for 2048 bits); above the maximum OpenSSL
 * will not verify, and a huge key would make one verification cost seconds. */
#define MC_JWK_RSA_MIN_BITS 2048
#define MC_JWK_RSA_MAX_BITS 16384

/* RFC 7638 thumbprint: base64url of a SHA-256 is 43 characters, and the NUL. */
#define MC_JWK_THUMBPRINT_SIZE 44

/*
 * Build an OpenSSL key from a JWK object (borrowed). With `want_private` the private members are
 * required (d, and for RSA optionally all of p q dp dq qi) and checked against the public ones;
 * without it only the public members are read and any private ones are ignored. Members are
 * strict base64url and of the exact size the curve needs. Unknown kty or crv and RSA "oth"
 * (multi-prime) are MC_ERR_UNSUPPORTED; RSA keys under MC_JWK_RSA_MIN_BITS and malformed or
 * inconsistent members are MC_ERR_INVALID naming the member (also in e->where, as "/x").
 * `*out` is a new key the caller frees with EVP_PKEY_free(); NULL on failure.
 */
enum mc_rc mc_jwk_to_pkey(const json_t *jwk, bool want_private, EVP_PKEY **out, struct mc_err *e);

/*
 * The JWK of `k` (borrowed): a new object {kty, crv, x, y} / {kty, crv, x} / {kty, n, e}, with
 * the private members too (d; p q dp dq qi for RSA keys that have them) when `include_private`;
 * asking for them from a public-only key is MC_ERR_INVALID. Other key types or curves are
 * MC_ERR_UNSUPPORTED.
 */
enum mc_rc mc_jwk_from_pkey(EVP_PKEY *k, bool include_private, json_t **out, struct mc_err *e);

/*
 * A fresh private JWK (new reference) for "RS256" (RSA 2048, e = 65537), "ES256" (P-256) or
 * "EdDSA" (Ed25519); "RSA", "EC", "OKP" and "Ed25519" are read as the same. The JWK carries "alg"
 * so it cannot later be used with another algorithm. Random from OpenSSL's DRBG.
 */
enum mc_rc mc_jwk_generate(const char *kty_or_alg, json_t **private_jwk, struct mc_err *e);

/*
 * Check that the JWK may be used with JWS `alg`: the kty (and crv) the algorithm needs
 * (RS256: RSA, ES256: EC P-256, EdDSA: OKP Ed25519), its own "alg" if it has one, and "use",
 * if present, "sig". MC_ERR_INVALID on a mismatch, MC_ERR_UNSUPPORTED for an unknown alg.
 */
enum mc_rc mc_jwk_check_alg(const json_t *jwk, const char *alg, struct mc_err *e);

/* A copy of the JWK (new reference) without its private members (d p q dp dq qi oth k), as a
 * key is published. NULL if `jwk` is not an object. */
json_t *mc_jwk_public(const json_t *jwk);

/*
 * The RFC 7638 thumbprint of the JWK's public key: SHA-256 over the required members in
 * lexicographic order without white space, base64url. MC_ERR_INVALID when a required member is
 * missing or not a string, MC_ERR_UNSUPPORTED for an unknown kty.
 */
enum mc_rc mc_jwk_thumbprint(const json_t *jwk, char out[MC_JWK_THUMBPRINT_SIZE], struct mc_err *e);

#endif
