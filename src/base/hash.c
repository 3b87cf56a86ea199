/* SPDX-License-Identifier: Apache-2.0 */
#include "base/hash.h"

/*
 * Multiplicative, sixteen bytes at a step in two independent lanes (so that one lane's
 * multiplication need not wait for the other's), the last short step in one go. Canonicalization
 * and JSON-LD hash every term and key of every document, so a byte at a step, each waiting on a
 * multiplication, would cost more than the lookups.
 */
uint64_t mc_hash_bytes(uint64_t seed, const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = seed, h2 = seed ^ 0x6A09E667F3BCC908ull;
    for (; n >= 16; s += 16, n -= 16) {
        uint64_t w, w2;
        memcpy(&w, s, 8);
        memcpy(&w2, s + 8, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ull;
        h2 = (h2 ^ w2) * 0xC2B2AE3D27D4EB4Full;
        h ^= h >> 29;
        h2 ^= h2 >> 31;
    }
    if (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0x9E3779B97F4A7C15ull;
        h ^= h >> 29;
        s += 8;
        n -= 8;
    }
    uint64_t w = (uint64_t)n << 56;
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)s[i] << (8 * i);
    h = (h ^ w ^ (h2 * 0x165667B19E3779F9ull)) * 0x100000001b3ull;
    return h ^ (h >> 31);
}
