/* SPDX-License-Identifier: Apache-2.0 */
/* Ed25519 (RFC 8032, pure EdDSA) over libsodium. */
#ifndef MC_CRYPTO_ED25519_H
#define MC_CRYPTO_ED25519_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MC_ED25519_SEED_LEN   32
#define MC_ED25519_PUBLIC_LEN 32
#define MC_ED25519_SECRET_LEN 64 /* seed || public key, libsodium's form */
#define MC_ED25519_SIG_LEN    64

/* A key pair from a 32-byte seed; with `seed` NULL, from fresh random bytes. */
void mc_ed25519_keypair(const uint8_t *seed, uint8_t pk[MC_ED25519_PUBLIC_LEN],
                        uint8_t sk[MC_ED25519_SECRET_LEN]);
void mc_ed25519_sign(const uint8_t sk[MC_ED25519_SECRET_LEN], const void *msg, size_t len,
                     uint8_t sig[MC_ED25519_SIG_LEN]);
/* True when `sig` is a valid signature of `msg` by `pk` (libsodium refuses small-order keys and
 * non-canonical signatures). */
bool mc_ed25519_verify(const uint8_t pk[MC_ED25519_PUBLIC_LEN], const void *msg, size_t len,
                       const uint8_t sig[MC_ED25519_SIG_LEN]);

#endif
