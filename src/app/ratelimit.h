/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A limiter of failed attempts (sign-ins) per key, in fixed memory and safe to share between
 * threads. A key is any string the caller picks: the login service uses one per client address
 * and one per account.
 *
 * Each key counts its failures in a window; `max_failures` of them within `window` seconds lock
 * the key for `lockout` seconds, and every further lockout doubles that, up to `lockout_max`. A
 * key that has been quiet for `forget` seconds starts again from nothing. While a key is locked,
 * mc_ratelimit_check refuses it and says for how long.
 *
 * Memory is fixed at `capacity` entries of a few dozen bytes. Keys are not kept: an entry holds
 * a 128-bit keyed BLAKE2b digest of its key (the key of the digest is random per limiter), so
 * the table neither stores email addresses nor can be steered into collisions. When the table is
 * full the least recently used entry that is not locked is reused (a locked one only if the
 * oldest few are all locked), so a flood of new keys cannot unlock an attacker's key quickly.
 */
#ifndef MC_APP_RATELIMIT_H
#define MC_APP_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcred/error.h"

struct mc_ratelimit_config {
    size_t capacity;     /* entries; 16..1,000,000 */
    int max_failures;    /* failures in a window that lock the key; >= 1 */
    int64_t window;      /* seconds */
    int64_t lockout;     /* seconds of the first lockout */
    int64_t lockout_max; /* the longest lockout, seconds */
    int64_t forget;      /* seconds without failures after which a key starts afresh */
};

/* The defaults: 65,536 keys; 5 failures in 15 minutes lock a key for 1 minute, then 2, 4, ...
 * up to 1 hour; a key quiet for a day is forgotten. */
#define MC_RATELIMIT_DEFAULTS                              \
    ((struct mc_ratelimit_config){ .capacity = 65536,      \
                                   .max_failures = 5,      \
                                   .window = 15 * 60,      \
                                   .lockout = 60,          \
                                   .lockout_max = 60 * 60, \
                                   .forget = 24 * 3600 })

struct mc_ratelimit;

/* A new limiter (`cfg` NULL: the defaults). MC_ERR_INVALID naming a field out of range. The
 * caller frees it with mc_ratelimit_free. */
enum mc_rc mc_ratelimit_new(const struct mc_ratelimit_config *cfg, struct mc_ratelimit **out,
                            struct mc_err *e);
/* NULL is allowed. */
void mc_ratelimit_free(struct mc_ratelimit *r);

/*
 * May `key[0..len)` try at `now`? MC_OK, or MC_ERR_FORBIDDEN "too many attempts, try again in
 * N s" with N in `*retry_after` (which may be NULL; 0 on MC_OK).
 */
enum mc_rc mc_ratelimit_check(struct mc_ratelimit *r, const char *key, size_t len, int64_t now,
                              int64_t *retry_after, struct mc_err *e);

/* Count a failure of `key` at `now`. Returns true when this failure locked the key. */
bool mc_ratelimit_fail(struct mc_ratelimit *r, const char *key, size_t len, int64_t now);

/* Forget `key` (after a success). */
void mc_ratelimit_reset(struct mc_ratelimit *r, const char *key, size_t len);

/* The number of keys held (for tests and metrics). */
size_t mc_ratelimit_count(struct mc_ratelimit *r);

#endif
