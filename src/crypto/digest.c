/* SPDX-License-Identifier: Apache-2.0 */
#include "crypto/digest.h"

#include <openssl/evp.h>
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

void mc_digest_init(struct mc_digest *d, enum mc_digest_alg alg)
{
    if (!d->ctx) {
        d->ctx = EVP_MD_CTX_new();
        if (!d->ctx)
            mc_oom("digest context", sizeof(struct mc_digest));
    }
    d->alg = alg;
    /* Only fails on allocation failure inside OpenSSL. */
    if (EVP_DigestInit_ex(d->ctx, md_of(alg), NULL) != 1)
        mc_oom("digest context", sizeof(struct mc_digest));
}

void mc_digest_update(struct mc_digest *d, const void *p, size_t n)
{
    if (n)
        EVP_DigestUpdate(d->ctx, p, n);
}

void mc_digest_final(struct mc_digest *d, uint8_t *out)
{
    unsigned int len = 0;
    EVP_DigestFinal_ex(d->ctx, out, &len);
}

void mc_digest_release(struct mc_digest *d)
{
    EVP_MD_CTX_free(d->ctx);
    d->ctx = NULL;
}

void mc_digest(enum mc_digest_alg alg, const void *p, size_t n, uint8_t *out)
{
    unsigned int len = 0;
    if (EVP_Digest(p, n, out, &len, md_of(alg), NULL) != 1)
        mc_oom("digest context", sizeof(struct mc_digest));
}
