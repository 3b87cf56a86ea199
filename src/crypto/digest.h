/* SPDX-License-Identifier: Apache-2.0 */
/* SHA-2 digests (OpenSSL's libcrypto): one-shot and incremental. */
#ifndef MC_CRYPTO_DIGEST_H
#define MC_CRYPTO_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#define MC_SHA256_LEN     32
#define MC_SHA384_LEN     48
#define MC_DIGEST_MAX_LEN 64

enum mc_digest_alg {
    MC_DIGEST_SHA256 = 0,
    MC_DIGEST_SHA384,
};

/* Length in bytes of a digest of `alg`. */
size_t mc_digest_len(enum mc_digest_alg alg);

/* An incremental digest; reusable after mc_digest_final (call mc_digest_init again). */
struct mc_digest {
    void *ctx; /* the SHA-2 state, allocated on first init */
    enum mc_digest_alg alg;
};

void mc_digest_init(struct mc_digest *d, enum mc_digest_alg alg);
void mc_digest_update(struct mc_digest *d, const void *p, size_t n);
/* Writes mc_digest_len(alg) bytes to `out`. */
void mc_digest_final(struct mc_digest *d, uint8_t *out);
/* Release the context; the struct may be initialised again afterwards. */
void mc_digest_release(struct mc_digest *d);

/* One-shot digest of `n` bytes. */
void mc_digest(enum mc_digest_alg alg, const void *p, size_t n, uint8_t *out);

#endif
