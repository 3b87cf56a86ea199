/* SPDX-License-Identifier: Apache-2.0 */
#include "crypto/ed25519.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init(void)
{
    if (sodium_init() < 0) {
        fputs("mcred: libsodium could not be initialised\n", stderr);
        abort();
    }
}

void mc_ed25519_keypair(const uint8_t *seed, uint8_t pk[MC_ED25519_PUBLIC_LEN],
                        uint8_t sk[MC_ED25519_SECRET_LEN])
{
    pthread_once(&init_once, init);
    if (seed)
        crypto_sign_seed_keypair(pk, sk, seed);
    else
        crypto_sign_keypair(pk, sk);
}

void mc_ed25519_sign(const uint8_t sk[MC_ED25519_SECRET_LEN], const void *msg, size_t len,
                     uint8_t sig[MC_ED25519_SIG_LEN])
{
    pthread_once(&init_once, init);
    crypto_sign_detached(sig, NULL, msg, len, sk);
}

bool mc_ed25519_verify(const uint8_t pk[MC_ED25519_PUBLIC_LEN], const void *msg, size_t len,
                       const uint8_t sig[MC_ED25519_SIG_LEN])
{
    pthread_once(&init_once, init);
    return crypto_sign_verify_detached(sig, msg, len, pk) == 0;
}
