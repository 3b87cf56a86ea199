/* SPDX-License-Identifier: Apache-2.0 */
/* Password policy and argon2id hashing over libsodium's crypto_pwhash. */
#include "crypto/password.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

_Static_assert(MC_PASSWORD_HASH_SIZE == crypto_pwhash_STRBYTES, "hash text size");
_Static_assert(MC_PASSWORD_MEMLIMIT == crypto_pwhash_MEMLIMIT_INTERACTIVE, "interactive memory");
_Static_assert(MC_PASSWORD_OPSLIMIT == crypto_pwhash_OPSLIMIT_INTERACTIVE, "interactive passes");

#define TEST_OPSLIMIT crypto_pwhash_argon2id_OPSLIMIT_MIN
#define TEST_MEMLIMIT crypto_pwhash_argon2id_MEMLIMIT_MIN

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
/* 1: the test cost; 0: the normal one. Set from the environment once, then by the function. */
static atomic_int fast_cost;

static void init(void)
{
    if (sodium_init() < 0) {
        fputs("mcred: libsodium could not be initialised\n", stderr);
        abort();
    }
    const char *v = getenv("MCRED_PWHASH_FAST");
    if (v && strcmp(v, "1") == 0)
        atomic_store(&fast_cost, 1);
}

void mc_password_use_test_cost(bool fast)
{
    pthread_once(&init_once, init);
    atomic_store(&fast_cost, fast ? 1 : 0);
}

bool mc_password_test_cost(void)
{
    pthread_once(&init_once, init);
    return atomic_load(&fast_cost) != 0;
}

static void current_cost(unsigned long long *ops, size_t *mem)
{
    if (mc_password_test_cost()) {
        *ops = TEST_OPSLIMIT;
        *mem = TEST_MEMLIMIT;
    } else {
        *ops = MC_PASSWORD_OPSLIMIT;
        *mem = MC_PASSWORD_MEMLIMIT;
    }
}

enum mc_rc mc_password_check_policy(const char *pw, size_t len, struct mc_err *e)
{
    if (len < MC_PASSWORD_MIN)
        return mc_err_set(e, MC_ERR_INVALID,
                          "a password needs at least %d characters; a few unrelated words make a "
                          "good one",
                          MC_PASSWORD_MIN);
    if (len > MC_PASSWORD_MAX)
        return mc_err_set(e, MC_ERR_INVALID, "a password may have at most %d bytes",
                          MC_PASSWORD_MAX);
    size_t bad = 0;
    if (!mc_utf8_valid(pw, len, &bad))
        return mc_err_set(e, MC_ERR_INVALID,
                          "a password must be UTF-8 text: byte %zu is not part of a UTF-8 "
                          "character",
                          bad + 1);
    if (memchr(pw, '\0', len))
        return mc_err_set(e, MC_ERR_INVALID, "a password must not contain the NUL character");
    /* One character repeated ("aaaaaaaaaa", "ééééééééé"): compare every code point with the
     * first. */
    size_t n0 = 0, n = 0;
    int32_t first = mc_utf8_decode(pw, len, &n0);
    bool same = true;
    for (size_t i = n0; same && i < len; i += n)
        same = mc_utf8_decode(pw + i, len - i, &n) == first;
    if (same)
        return mc_err_set(e, MC_ERR_INVALID, "a password must not be one character repeated");
    return MC_OK;
}

enum mc_rc mc_password_hash(const char *pw, size_t len, char out[MC_PASSWORD_HASH_SIZE],
                            struct mc_err *e)
{
    out[0] = '\0';
    if (len > MC_PASSWORD_MAX)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "a password may have at most %d bytes",
                          MC_PASSWORD_MAX);
    unsigned long long ops;
    size_t mem;
    current_cost(&ops, &mem);
    if (crypto_pwhash_str_alg(out, pw, len, ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        out[0] = '\0';
        return mc_err_set(e, MC_ERR_INTERNAL,
                          "hashing a password failed (argon2id needs %zu KiB of memory)",
                          mem / 1024);
    }
    return MC_OK;
}

static bool is_argon2id(const char *hash)
{
    static const char prefix[] = "$argon2id$";
    return hash && strncmp(hash, prefix, sizeof prefix - 1) == 0 &&
           strnlen(hash, MC_PASSWORD_HASH_SIZE) < MC_PASSWORD_HASH_SIZE;
}

enum mc_rc mc_password_verify(const char *hash, const char *pw, size_t len, struct mc_err *e)
{
    pthread_once(&init_once, init);
    if (!is_argon2id(hash))
        return mc_err_set(e, MC_ERR_INVALID, "the stored password hash is not an argon2id hash");
    if (len > MC_PASSWORD_MAX)
        return mc_err_set(e, MC_ERR_AUTH, "wrong password");
    if (crypto_pwhash_str_verify(hash, pw, len) != 0)
        return mc_err_set(e, MC_ERR_AUTH, "wrong password");
    return MC_OK;
}

/* One dummy hash per cost, made on first use from a random password nobody knows. */
static pthread_mutex_t dummy_mu = PTHREAD_MUTEX_INITIALIZER;
static char dummy[2][MC_PASSWORD_HASH_SIZE];

void mc_password_verify_dummy(const char *pw, size_t len)
{
    int which = mc_password_test_cost() ? 1 : 0;
    char hash[MC_PASSWORD_HASH_SIZE];
    pthread_mutex_lock(&dummy_mu);
    if (!dummy[which][0]) {
        unsigned char secret[32];
        randombytes_buf(secret, sizeof secret);
        if (mc_password_hash((const char *)secret, sizeof secret, dummy[which], NULL) != MC_OK)
            dummy[which][0] = '\0';
        sodium_memzero(secret, sizeof secret);
    }
    memcpy(hash, dummy[which], sizeof hash);
    pthread_mutex_unlock(&dummy_mu);
    /* Only the time spent matters: the caller answers "wrong password" whatever this says. */
    int ignored = hash[0] ? crypto_pwhash_str_verify(hash, pw,
                                                     len > MC_PASSWORD_MAX ? MC_PASSWORD_MAX : len)
                          : -1;
    (void)ignored;
}

bool mc_password_needs_rehash(const char *hash)
{
    if (!is_argon2id(hash))
        return true;
    unsigned long long ops;
    size_t mem;
    current_cost(&ops, &mem);
    return crypto_pwhash_str_needs_rehash(hash, ops, mem) != 0;
}
