/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Hashes for in-memory hash tables, whose hits are always confirmed by comparing the keys: not
 * digests, never stored, and free to change. Every table of strings in the library uses these.
 */
#ifndef MC_BASE_HASH_H
#define MC_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define MC_HASH_SEED 0xcbf29ce484222325ull

/* `n` bytes at `p`, chained from `seed` (MC_HASH_SEED, or the hash of what came before); every
 * bit depends on every byte and on `n`. */
uint64_t mc_hash_bytes(uint64_t seed, const void *p, size_t n);

static inline uint64_t mc_hash_str(const char *s)
{
    return mc_hash_bytes(MC_HASH_SEED, s, strlen(s));
}

/* The bits of `x` (a number, a pointer) spread over the high bits and back down to the low ones,
 * for tables that take the low bits. */
static inline uint64_t mc_hash_mix(uint64_t x)
{
    x *= 0x9E3779B97F4A7C15ull;
    return x ^ (x >> 29);
}

#endif
