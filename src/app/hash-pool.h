/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A small fixed pool of threads that runs password hashing and verification off the request
 * threads. Each argon2id job holds 64 MiB for about 50-100 ms (crypto/password.h); running them
 * on the HTTP server's own threads would let a flood of logins take every thread and as many
 * times 64 MiB. Here at most `workers` jobs run at once, at most `queue_max` more wait in line,
 * and anything beyond that is refused at once with MC_ERR_TOO_LARGE ("busy, try again") instead
 * of queueing without bound.
 *
 * A caller submits a job and sleeps on a condition variable until a worker has run it; the job
 * lives on the caller's stack, so submitting allocates nothing.
 */
#ifndef MC_APP_HASH_POOL_H
#define MC_APP_HASH_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "crypto/password.h"
#include "mcred/error.h"

/* The server's defaults: two workers (two hashes, 128 MiB, at a time), 64 waiting. */
#define MC_HASH_POOL_WORKERS   2
#define MC_HASH_POOL_QUEUE_MAX 64

struct mc_hash_pool;

/*
 * Start `workers` threads (1..64) with room for `queue_max` (0..100000) waiting jobs, and make
 * the dummy hash of mc_password_verify_dummy at the current cost (one hash: about 100 ms). `*out`
 * is the caller's, stopped with mc_hash_pool_free. MC_ERR_INVALID for sizes out of range;
 * MC_ERR_INTERNAL when a thread cannot be started.
 */
enum mc_rc mc_hash_pool_new(size_t workers, size_t queue_max, struct mc_hash_pool **out,
                            struct mc_err *e);

/*
 * Stop the pool: the threads finish the jobs queued, then are joined, and everything is freed.
 * NULL is allowed. Call it only when no thread can be inside mc_hash_pool_run any more (the
 * server stops its request threads first): the callers' waits use the pool's lock.
 */
void mc_hash_pool_free(struct mc_hash_pool *p);

/*
 * Run `fn(arg)` on one of the pool's threads and wait until it has run. With `p` NULL the job
 * runs on the calling thread (for the command line, which has no other work). MC_ERR_TOO_LARGE
 * ("busy, try again") when `queue_max` jobs are waiting already; MC_ERR_INTERNAL when the pool
 * is stopping. `fn` must not call back into the pool.
 */
enum mc_rc mc_hash_pool_run(struct mc_hash_pool *p, void (*fn)(void *arg), void *arg,
                            struct mc_err *e);

/* mc_password_hash on the pool. */
enum mc_rc mc_hash_pool_hash(struct mc_hash_pool *p, const char *pw, size_t len,
                             char out[MC_PASSWORD_HASH_SIZE], struct mc_err *e);
/* mc_password_verify on the pool: MC_OK, MC_ERR_AUTH (wrong password), MC_ERR_INVALID (not a
 * hash), or the pool's own refusal. With `hash` NULL it runs mc_password_verify_dummy and answers
 * MC_ERR_AUTH, in the same time. */
enum mc_rc mc_hash_pool_verify(struct mc_hash_pool *p, const char *hash, const char *pw, size_t len,
                               struct mc_err *e);

/* Counters, for metrics and tests. */
struct mc_hash_pool_stats {
    size_t workers;
    size_t queue_max;
    size_t running;  /* jobs running now */
    size_t queued;   /* jobs waiting now */
    uint64_t done;   /* jobs run since the start */
    uint64_t busy;   /* jobs refused because the queue was full */
    size_t peak_run; /* the most jobs that ever ran at once */
};
void mc_hash_pool_stats(struct mc_hash_pool *p, struct mc_hash_pool_stats *out);

#endif
