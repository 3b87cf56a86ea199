/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tests for src/base/hash.c: every byte and the length count, at every length the step loop and
 * the overlapping loads of the last bytes handle, and the hash reads no byte past the end.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "test.h"

#define LEN_MAX 48

int main(void)
{
    unsigned char buf[LEN_MAX];
    for (size_t i = 0; i < LEN_MAX; i++)
        buf[i] = (unsigned char)(i * 37 + 11);

    mc_test_case("a change to any one byte changes the hash, at every length");
    size_t missed = 0;
    for (size_t n = 1; n <= LEN_MAX; n++) {
        uint64_t base = mc_hash_bytes(MC_HASH_SEED, buf, n);
        for (size_t at = 0; at < n; at++) {
            for (unsigned bit = 0; bit < 8; bit++) {
                buf[at] ^= (unsigned char)(1u << bit);
                missed += mc_hash_bytes(MC_HASH_SEED, buf, n) == base;
                buf[at] ^= (unsigned char)(1u << bit);
            }
        }
    }
    CHECK_INT(missed, 0);

    mc_test_case("runs of zero bytes of different lengths hash apart");
    unsigned char zeros[LEN_MAX] = { 0 };
    uint64_t seen[LEN_MAX + 1];
    for (size_t n = 0; n <= LEN_MAX; n++) {
        seen[n] = mc_hash_bytes(MC_HASH_SEED, zeros, n);
        for (size_t m = 0; m < n; m++)
            CHECK(seen[m] != seen[n]);
    }

    mc_test_case("the seed chains: the same bytes after different text hash apart");
    CHECK(mc_hash_bytes(1, buf, 5) != mc_hash_bytes(2, buf, 5));
    CHECK(mc_hash_bytes(MC_HASH_SEED, "", 0) != mc_hash_bytes(0, "", 0));

    mc_test_case("only the n bytes count: what follows them does not");
    for (size_t n = 0; n < 20; n++) {
        /* Each copy sits at the end of its own allocation, so a read past it would be caught by
         * AddressSanitizer; the bytes after it differ in the two buffers. */
        unsigned char *a = malloc(n ? n : 1), *b = malloc(n + 8);
        memcpy(a, buf, n);
        memcpy(b, buf, n);
        memset(b + n, 0xAB, 8);
        CHECK(mc_hash_bytes(MC_HASH_SEED, a, n) == mc_hash_bytes(MC_HASH_SEED, b, n));
        free(a);
        free(b);
    }

    mc_test_case("mc_hash_str is the hash of the string's bytes");
    CHECK(mc_hash_str("credential") == mc_hash_bytes(MC_HASH_SEED, "credential", 10));
    return mc_test_done();
}
