/* SPDX-License-Identifier: Apache-2.0 */
#include "base/hash.h"

static inline uint64_t load64(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, 8);
    return w;
}

static inline uint64_t load32(const unsigned char *s)
{
    uint32_t w;
    memcpy(&w, s, 4);
    return w;
}

/*
 * Multiplicative, sixteen bytes at a step in two independent lanes (so that one lane's
 * multiplication need not wait for the other's). The last 0 to 15 bytes are read in at most two
 * overlapping loads, not a byte at a time: terms and keys are short, and a loop over their last
 * bytes, of a length that changes from one key to the next, costs more than the rest.
 */
uint64_t mc_hash_bytes(uint64_t seed, const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = seed ^ ((uint64_t)n * 0xFF51AFD7ED558CCDull), h2 = seed ^ 0x6A09E667F3BCC908ull;
    for (; n >= 16; s += 16, n -= 16) {
        h = (h ^ load64(s)) * 0x9E3779B97F4A7C15ull;
        h2 = (h2 ^ load64(s + 8)) * 0xC2B2AE3D27D4EB4Full;
        h ^= h >> 29;
        h2 ^= h2 >> 31;
    }
    /* Every one of the last n bytes is in w or w2 (the loads overlap when n is not 8 or 4). */
    uint64_t w = 0, w2 = 0;
    if (n >= 8) {
        w = load64(s);
        w2 = load64(s + n - 8);
    } else if (n >= 4) {
        w = load32(s) | load32(s + n - 4) << 32;
    } else if (n > 0) {
        w = (uint64_t)s[0] | (uint64_t)s[n / 2] << 8 | (uint64_t)s[n - 1] << 16;
    }
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    h2 = (h2 ^ w2) * 0xC2B2AE3D27D4EB4Full;
    h = (h ^ (h >> 29) ^ (h2 ^ (h2 >> 31)) * 0x165667B19E3779F9ull) * 0x100000001b3ull;
    return h ^ (h >> 31);
}
