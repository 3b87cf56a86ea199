/* SPDX-License-Identifier: Apache-2.0 */
/* Failed-attempt limiter: a fixed hash table of keyed digests with LRU reuse, behind a mutex. */
#include "app/ratelimit.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

#define DIGEST_LEN 16
#define NIL        UINT32_MAX
/* How many of the least recently used entries eviction looks at for one that is not locked. */
#define EVICT_SCAN 8

struct entry {
    uint8_t digest[DIGEST_LEN];
    uint32_t next;               /* in its bucket's chain */
    uint32_t lru_prev, lru_next; /* in the LRU list (head: most recent); free list uses next */
    uint32_t failures;           /* in the current window */
    uint32_t lockouts;           /* how many times locked since it was last forgotten */
    int64_t window_start;
    int64_t locked_until;
    int64_t last_fail;
};

struct mc_ratelimit {
    pthread_mutex_t mu;
    struct mc_ratelimit_config cfg;
    uint8_t hash_key[crypto_generichash_KEYBYTES];
    struct entry *entries; /* cfg.capacity of them */
    uint32_t *buckets;     /* heads of chains; n_buckets, a power of two */
    uint32_t n_buckets;
    uint32_t lru_head, lru_tail;
    uint32_t free_head;
    size_t count;
};

enum mc_rc mc_ratelimit_new(const struct mc_ratelimit_config *cfg, struct mc_ratelimit **out,
                            struct mc_err *e)
{
    *out = NULL;
    struct mc_ratelimit_config c = cfg ? *cfg : MC_RATELIMIT_DEFAULTS;
    if (c.capacity < 16 || c.capacity > 1000000)
        return mc_err_set(e, MC_ERR_INVALID, "rate limit: capacity %zu is outside 16..1000000",
                          c.capacity);
    if (c.max_failures < 1)
        return mc_err_set(e, MC_ERR_INVALID, "rate limit: max_failures must be at least 1");
    if (c.window < 1 || c.lockout < 1 || c.lockout_max < c.lockout || c.forget < 1)
        return mc_err_set(e, MC_ERR_INVALID,
                          "rate limit: window, lockout and forget must be positive and "
                          "lockout_max at least lockout");
    if (sodium_init() < 0)
        return mc_err_set(e, MC_ERR_INTERNAL, "libsodium could not be initialised");
    struct mc_ratelimit *r = mc_xcalloc(1, sizeof *r);
    pthread_mutex_init(&r->mu, NULL);
    r->cfg = c;
    randombytes_buf(r->hash_key, sizeof r->hash_key);
    r->entries = mc_xcalloc(c.capacity, sizeof *r->entries);
    r->n_buckets = 16;
    while (r->n_buckets < c.capacity)
        r->n_buckets *= 2;
    r->buckets = mc_xcalloc(r->n_buckets, sizeof *r->buckets);
    for (uint32_t i = 0; i < r->n_buckets; i++)
        r->buckets[i] = NIL;
    /* Every entry starts on the free list. */
    for (size_t i = 0; i < c.capacity; i++)
        r->entries[i].next = i + 1 < c.capacity ? (uint32_t)(i + 1) : NIL;
    r->free_head = 0;
    r->lru_head = r->lru_tail = NIL;
    *out = r;
    return MC_OK;
}

void mc_ratelimit_free(struct mc_ratelimit *r)
{
    if (!r)
        return;
    pthread_mutex_destroy(&r->mu);
    sodium_memzero(r->hash_key, sizeof r->hash_key);
    free(r->buckets);
    free(r->entries);
    free(r);
}

static void digest(const struct mc_ratelimit *r, const char *key, size_t len,
                   uint8_t out[DIGEST_LEN])
{
    crypto_generichash(out, DIGEST_LEN, (const unsigned char *)key, len, r->hash_key,
                       sizeof r->hash_key);
}

static uint32_t bucket_of(const struct mc_ratelimit *r, const uint8_t d[DIGEST_LEN])
{
    uint32_t h;
    memcpy(&h, d, sizeof h);
    return h & (r->n_buckets - 1);
}

static void lru_unlink(struct mc_ratelimit *r, uint32_t i)
{
    struct entry *x = &r->entries[i];
    if (x->lru_prev != NIL)
        r->entries[x->lru_prev].lru_next = x->lru_next;
    else
        r->lru_head = x->lru_next;
    if (x->lru_next != NIL)
        r->entries[x->lru_next].lru_prev = x->lru_prev;
    else
        r->lru_tail = x->lru_prev;
}

static void lru_push_front(struct mc_ratelimit *r, uint32_t i)
{
    struct entry *x = &r->entries[i];
    x->lru_prev = NIL;
    x->lru_next = r->lru_head;
    if (r->lru_head != NIL)
        r->entries[r->lru_head].lru_prev = i;
    r->lru_head = i;
    if (r->lru_tail == NIL)
        r->lru_tail = i;
}

/* The entry of digest `d`, or NIL; `*prev` gets its predecessor in the chain (NIL: the head). */
static uint32_t find(const struct mc_ratelimit *r, const uint8_t d[DIGEST_LEN], uint32_t *prev)
{
    uint32_t p = NIL;
    for (uint32_t i = r->buckets[bucket_of(r, d)]; i != NIL; p = i, i = r->entries[i].next) {
        if (memcmp(r->entries[i].digest, d, DIGEST_LEN) == 0) {
            if (prev)
                *prev = p;
            return i;
        }
    }
    return NIL;
}

/* Take entry `i` out of the table (its chain and the LRU list) and put it on the free list. */
static void remove_entry(struct mc_ratelimit *r, uint32_t i)
{
    uint32_t prev = NIL;
    uint32_t found = find(r, r->entries[i].digest, &prev);
    if (found != i)
        abort(); /* the table is inconsistent: a bug */
    if (prev == NIL)
        r->buckets[bucket_of(r, r->entries[i].digest)] = r->entries[i].next;
    else
        r->entries[prev].next = r->entries[i].next;
    lru_unlink(r, i);
    r->entries[i].next = r->free_head;
    r->free_head = i;
    r->count--;
}

/* An entry for `d`, new or reused, at the front of the LRU list and in its chain. */
static uint32_t insert(struct mc_ratelimit *r, const uint8_t d[DIGEST_LEN], int64_t now)
{
    if (r->free_head == NIL) {
        /* Full: reuse the least recently used entry that is not locked, looking at a few. */
        uint32_t victim = r->lru_tail;
        uint32_t i = r->lru_tail;
        for (int k = 0; k < EVICT_SCAN && i != NIL; k++, i = r->entries[i].lru_prev) {
            if (r->entries[i].locked_until <= now) {
                victim = i;
                break;
            }
        }
        remove_entry(r, victim);
    }
    uint32_t i = r->free_head;
    struct entry *x = &r->entries[i];
    r->free_head = x->next;
    memset(x, 0, sizeof *x);
    memcpy(x->digest, d, DIGEST_LEN);
    uint32_t b = bucket_of(r, d);
    x->next = r->buckets[b];
    r->buckets[b] = i;
    lru_push_front(r, i);
    r->count++;
    return i;
}

enum mc_rc mc_ratelimit_check(struct mc_ratelimit *r, const char *key, size_t len, int64_t now,
                              int64_t *retry_after, struct mc_err *e)
{
    if (retry_after)
        *retry_after = 0;
    uint8_t d[DIGEST_LEN];
    digest(r, key, len, d);
    int64_t wait = 0;
    pthread_mutex_lock(&r->mu);
    uint32_t i = find(r, d, NULL);
    if (i != NIL && r->entries[i].locked_until > now)
        wait = r->entries[i].locked_until - now;
    pthread_mutex_unlock(&r->mu);
    if (!wait)
        return MC_OK;
    if (retry_after)
        *retry_after = wait;
    return mc_err_set(e, MC_ERR_FORBIDDEN, "too many attempts, try again in %lld s",
                      (long long)wait);
}

bool mc_ratelimit_fail(struct mc_ratelimit *r, const char *key, size_t len, int64_t now)
{
    uint8_t d[DIGEST_LEN];
    digest(r, key, len, d);
    const struct mc_ratelimit_config *c = &r->cfg;
    bool locked = false;
    pthread_mutex_lock(&r->mu);
    uint32_t i = find(r, d, NULL);
    if (i == NIL) {
        i = insert(r, d, now);
    } else {
        lru_unlink(r, i);
        lru_push_front(r, i);
    }
    struct entry *x = &r->entries[i];
    if (x->last_fail && now - x->last_fail >= c->forget && x->locked_until <= now) {
        x->lockouts = 0; /* quiet long enough: start afresh */
        x->failures = 0;
    }
    if (x->locked_until > now) {
        /* A failure while locked (the caller did not check): it neither counts nor extends. */
    } else {
        if (!x->failures || now - x->window_start >= c->window) {
            x->failures = 0;
            x->window_start = now;
        }
        x->failures++;
        if (x->failures >= (uint32_t)c->max_failures) {
            int64_t span = c->lockout;
            for (uint32_t k = 0; k < x->lockouts && span < c->lockout_max; k++)
                span *= 2;
            if (span > c->lockout_max)
                span = c->lockout_max;
            x->lockouts++;
            x->locked_until = now + span;
            x->failures = 0;
            locked = true;
        }
    }
    x->last_fail = now;
    pthread_mutex_unlock(&r->mu);
    return locked;
}

void mc_ratelimit_reset(struct mc_ratelimit *r, const char *key, size_t len)
{
    uint8_t d[DIGEST_LEN];
    digest(r, key, len, d);
    pthread_mutex_lock(&r->mu);
    uint32_t i = find(r, d, NULL);
    if (i != NIL)
        remove_entry(r, i);
    pthread_mutex_unlock(&r->mu);
}

size_t mc_ratelimit_count(struct mc_ratelimit *r)
{
    pthread_mutex_lock(&r->mu);
    size_t n = r->count;
    pthread_mutex_unlock(&r->mu);
    return n;
}
