/* SPDX-License-Identifier: Apache-2.0 */
/* The low-level SHA-2 interface below is deprecated in OpenSSL 3, not removed. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "crypto/digest.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <pthread.h>
#include <stdlib.h>

#include "base/alloc.h"

/*
 * The digest implementations, fetched once: with OpenSSL 3 an EVP_sha256() passed to
 * EVP_DigestInit_ex is looked up in the provider again on every call, which costs more than
 * hashing the short strings RDFC-1.0 hashes.
 */
static EVP_MD *fetched[2];
static pthread_once_t fetch_once = PTHREAD_ONCE_INIT;

static void fetch(void)
{
    fetched[MC_DIGEST_SHA256] = EVP_MD_fetch(NULL, "SHA256", NULL);
    fetched[MC_DIGEST_SHA384] = EVP_MD_fetch(NULL, "SHA384", NULL);
}

static const EVP_MD *md_of(enum mc_digest_alg alg)
{
    pthread_once(&fetch_once, fetch);
    const EVP_MD *md = fetched[alg == MC_DIGEST_SHA384 ? MC_DIGEST_SHA384 : MC_DIGEST_SHA256];
    if (md)
        return md;
    return alg == MC_DIGEST_SHA384 ? EVP_sha384() : EVP_sha256();
}

size_t mc_digest_len(enum mc_digest_alg alg)
{
    return alg == MC_DIGEST_SHA384 ? MC_SHA384_LEN : MC_SHA256_LEN;
}

/*
 * Incremental digests use OpenSSL's low-level SHA-2 functions (deprecated in favour of EVP, still
 * part of OpenSSL 3): they run the same code, with SHA extensions where the CPU has them, without
 * EVP's per-call provider dispatch, which costs more than hashing the few short lines of a first
 * degree hash in RDFC-1.0 (about six of those per credential verified).
 */
union sha_state {
    SHA256_CTX s256;
    SHA512_CTX s384;
};

void mc_digest_init(struct mc_digest *d, enum mc_digest_alg alg)
{
    if (!d->ctx)
        d->ctx = mc_xmalloc(sizeof(union sha_state));
    union sha_state *st = d->ctx;
    d->alg = alg == MC_DIGEST_SHA384 ? MC_DIGEST_SHA384 : MC_DIGEST_SHA256;
    if (d->alg == MC_DIGEST_SHA384)
        SHA384_Init(&st->s384);
    else
        SHA256_Init(&st->s256);
}

void mc_digest_update(struct mc_digest *d, const void *p, size_t n)
{
    union sha_state *st = d->ctx;
    if (!n)
        return;
    if (d->alg == MC_DIGEST_SHA384)
        SHA384_Update(&st->s384, p, n);
    else
        SHA256_Update(&st->s256, p, n);
}

void mc_digest_final(struct mc_digest *d, uint8_t *out)
{
    union sha_state *st = d->ctx;
    if (d->alg == MC_DIGEST_SHA384)
        SHA384_Final(out, &st->s384);
    else
        SHA256_Final(out, &st->s256);
}

void mc_digest_release(struct mc_digest *d)
{
    if (d->ctx)
        OPENSSL_cleanse(d->ctx, sizeof(union sha_state));
    free(d->ctx);
    d->ctx = NULL;
}

void mc_digest(enum mc_digest_alg alg, const void *p, size_t n, uint8_t *out)
{
    unsigned int len = 0;
    if (EVP_Digest(p, n, out, &len, md_of(alg), NULL) != 1)
        mc_oom("digest context", sizeof(struct mc_digest));
}
