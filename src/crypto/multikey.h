/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Ed25519 keys as Multikey (W3C Controlled Identifiers, vc-di-eddsa §2.1.1) and as did:key.
 * publicKeyMultibase is "z" + base58btc(0xed 0x01 || 32-byte key): always "z6Mk...".
 * secretKeyMultibase is "z" + base58btc(0x80 0x26 || 32-byte seed) ("z3u2...") or the same header
 * with the 64-byte seed || public key ("zrv..."); both are read, the 32-byte form is written.
 */
#ifndef MC_CRYPTO_MULTIKEY_H
#define MC_CRYPTO_MULTIKEY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "crypto/ed25519.h"
#include "mcred/error.h"

/* Longest "z6Mk..." / "z3u2..." text plus NUL. */
#define MC_MULTIKEY_TEXT_MAX 128

/* An Ed25519 key with its verification method id and controller. */
struct mc_key {
    uint8_t pk[MC_ED25519_PUBLIC_LEN];
    uint8_t sk[MC_ED25519_SECRET_LEN]; /* when has_secret */
    bool has_secret;
    char *id;         /* heap: "did:key:z6Mk...#z6Mk..." or "<controller>#z6Mk..." (or as read) */
    char *controller; /* heap: "did:key:z6Mk..." or the issuer's URL */
};

void mc_multikey_public_text(const uint8_t pk[MC_ED25519_PUBLIC_LEN],
                             char out[MC_MULTIKEY_TEXT_MAX]);
void mc_multikey_secret_text(const uint8_t seed[MC_ED25519_SEED_LEN],
                             char out[MC_MULTIKEY_TEXT_MAX]);
/* Decode "z6Mk..."; any other multibase or multicodec header is refused, naming what it was. */
enum mc_rc mc_multikey_public_decode(const char *text, uint8_t pk[MC_ED25519_PUBLIC_LEN],
                                     struct mc_err *e);
/* Decode a secret key into its seed; *pk_out (may be NULL) gets the public key when the text is
 * the 64-byte form. */
enum mc_rc mc_multikey_secret_decode(const char *text, uint8_t seed[MC_ED25519_SEED_LEN],
                                     bool *has_pk, uint8_t pk[MC_ED25519_PUBLIC_LEN],
                                     struct mc_err *e);

/* A new key (from `seed`, or random when NULL). Without a controller it is a did:key. */
void mc_key_generate(struct mc_key *k, const uint8_t *seed, const char *controller);
/* Read a Multikey JSON object (type Multikey; publicKeyMultibase; secretKeyMultibase or
 * privateKeyMultibase; id; controller). The public key must match the secret key. */
enum mc_rc mc_key_from_json(const json_t *j, struct mc_key *k, struct mc_err *e);
/* The Multikey JSON of `k` (new reference), with the secret key when asked and known. */
json_t *mc_key_to_json(const struct mc_key *k, bool with_secret);
/* The key as a JWK (new reference): {"kty": "OKP", "crv": "Ed25519", "x"} and "d" (the seed)
 * when asked and known (RFC 8037), for VC-JWTs signed with EdDSA. */
json_t *mc_key_to_jwk(const struct mc_key *k, bool with_secret);
/* The JWK of a bare Ed25519 public key. */
json_t *mc_ed25519_public_jwk(const uint8_t pk[MC_ED25519_PUBLIC_LEN]);

/* Free the strings and wipe the secret. */
void mc_key_free(struct mc_key *k);

/* The public key of a did:key DID or DID URL ("did:key:z6Mk..." with an optional "#z6Mk..."
 * fragment, which must then name the same key). */
enum mc_rc mc_didkey_public(const char *did_url, uint8_t pk[MC_ED25519_PUBLIC_LEN],
                            struct mc_err *e);

#endif
