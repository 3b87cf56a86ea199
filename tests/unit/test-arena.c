/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/arena.c: alignment, many and big allocations, reset, strings. */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "test.h"

int main(void)
{
    static const size_t sizes[] = { 0, 1, 3, 8, 15, 16, 17, 100, 1000, 2047, 2048, 4096, 100000 };
    struct mc_arena *a = mc_arena_new(8192);
    for (int round = 0; round < 3; round++) {
        size_t total = 0;
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            mc_test_case("round %d size %zu", round, sizes[i]);
            unsigned char *p = mc_arena_alloc(a, sizes[i]);
            CHECK(p != NULL);
            CHECK((uintptr_t)p % alignof(max_align_t) == 0);
            memset(p, 0xAB, sizes[i]); /* ASan catches a short block */
            total += sizes[i];
        }
        CHECK(mc_arena_used(a) >= total);
        mc_arena_reset(a);
        CHECK_INT(mc_arena_used(a), 0);
    }

    mc_test_case("many small allocations keep their contents");
    char *ptrs[5000];
    for (int i = 0; i < 5000; i++)
        ptrs[i] = mc_arena_printf(a, "item-%d", i);
    int wrong = 0;
    char want[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(want, sizeof want, "item-%d", i);
        wrong += strcmp(ptrs[i], want) != 0;
    }
    CHECK_INT(wrong, 0);

    mc_test_case("calloc zeroes");
    int *z = mc_arena_calloc(a, 1000, sizeof *z);
    int nonzero = 0;
    for (int i = 0; i < 1000; i++)
        nonzero += z[i] != 0;
    CHECK_INT(nonzero, 0);

    mc_test_case("strings");
    CHECK_STR(mc_arena_strdup(a, "hello"), "hello");
    CHECK_STR(mc_arena_strz(a, MC_STR("view")), "view");
    char *m = mc_arena_memdupz(a, "a\0b", 3);
    CHECK_MEM(m, 3, "a\0b", 3);
    CHECK_INT(m[3], 0);
    mc_arena_free(a);
    mc_arena_free(NULL);

    mc_test_case("growing an array");
    a = mc_arena_new(0);
    int *xs = NULL;
    size_t n = 0, cap = 0;
    for (int i = 0; i < 100; i++) {
        xs = mc_arena_grow(a, xs, n, 1, &cap, sizeof *xs);
        xs[n++] = i;
    }
    CHECK(cap >= 100 && cap < 200);
    bool kept = true;
    for (int i = 0; i < 100; i++)
        kept = kept && xs[i] == i;
    CHECK(kept);
    int *same = mc_arena_grow(a, xs, n, cap - n, &cap, sizeof *xs);
    CHECK(same == xs);
    xs = mc_arena_grow(a, xs, n, 1000, &cap, sizeof *xs);
    CHECK(cap >= 1100 && xs[99] == 99 && xs[100] == 0);
    mc_arena_free(a);

    mc_test_case("default block size");
    a = mc_arena_new(0);
    CHECK(mc_arena_alloc(a, 1) != NULL);
    mc_arena_free(a);
    return mc_test_done();
}
