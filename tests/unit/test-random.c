/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/random.c: shapes of the ids, uniqueness, and the range of mc_random_below. */
#include <string.h>

#include "base/base58.h"
#include "base/random.h"
#include "test.h"

static bool all_in(const char *s, const char *set)
{
    return strspn(s, set) == strlen(s);
}

int main(void)
{
    mc_test_case("random bytes fill the whole buffer and differ");
    unsigned char a[64], b[64], zero[64] = { 0 };
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    mc_random_bytes(a, sizeof a);
    mc_random_bytes(b, sizeof b);
    CHECK(memcmp(a, b, sizeof a) != 0);
    CHECK(memcmp(a + 56, zero, 8) != 0); /* the tail is written too (2^-64 to fail by chance) */
    mc_random_bytes(a, 0);               /* zero bytes is allowed */
    static unsigned char big[1 << 20];   /* more than one getrandom call may return */
    mc_random_bytes(big, sizeof big);
    CHECK(memcmp(big + sizeof big - 8, zero, 8) != 0);

    mc_test_case("uuid v4 shape");
    char u1[MC_UUID_SIZE], u2[MC_UUID_SIZE], urn[MC_URN_UUID_SIZE];
    mc_random_uuid(u1);
    mc_random_uuid(u2);
    CHECK_INT(strlen(u1), 36);
    CHECK(strcmp(u1, u2) != 0);
    CHECK(u1[8] == '-' && u1[13] == '-' && u1[18] == '-' && u1[23] == '-');
    CHECK_INT(u1[14], '4');                /* version 4 */
    CHECK(strchr("89ab", u1[19]) != NULL); /* RFC 4122 variant */
    char hexpart[37];
    size_t k = 0;
    for (size_t i = 0; u1[i]; i++)
        if (u1[i] != '-')
            hexpart[k++] = u1[i];
    hexpart[k] = '\0';
    CHECK_INT(k, 32);
    CHECK(all_in(hexpart, "0123456789abcdef"));

    mc_test_case("urn:uuid form");
    mc_random_urn_uuid(urn);
    CHECK(strncmp(urn, "urn:uuid:", 9) == 0);
    CHECK_INT(strlen(urn), 45);
    CHECK_INT(urn[9 + 14], '4');

    mc_test_case("random id is base58 of 16 bytes");
    char id1[MC_RANDOM_ID_SIZE], id2[MC_RANDOM_ID_SIZE];
    mc_random_id(id1);
    mc_random_id(id2);
    CHECK(strlen(id1) >= 16 && strlen(id1) <= 22);
    CHECK(strcmp(id1, id2) != 0);
    CHECK(all_in(id1, "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"));
    struct mc_buf raw;
    mc_buf_init(&raw, 64);
    CHECK_INT(mc_b58_decode(&raw, id1, strlen(id1), NULL), MC_OK);
    CHECK(raw.len <= 16); /* leading zero bytes would show as '1's and decode back to 16 */
    mc_buf_free(&raw);

    struct below_case {
        uint64_t bound;
        int draws;
    };
    static const struct below_case cases[] = {
        { 1, 100 },
        { 2, 2000 },
        { 7, 7000 },
        { 1000, 2000 },
        { (uint64_t)1 << 63, 2000 },
        { ((uint64_t)1 << 63) + 1, 2000 }, /* the worst case: almost half the draws rejected */
        { UINT64_MAX, 2000 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct below_case *c = &cases[i];
        mc_test_case("random below %llu", (unsigned long long)c->bound);
        size_t out_of_range = 0;
        for (int j = 0; j < c->draws; j++)
            if (mc_random_below(c->bound) >= c->bound)
                out_of_range++;
        CHECK_INT(out_of_range, 0);
    }

    mc_test_case("random below 7 covers every value evenly");
    unsigned seen[7] = { 0 };
    for (int i = 0; i < 7000; i++)
        seen[mc_random_below(7)]++;
    for (int i = 0; i < 7; i++)
        CHECK(seen[i] > 700 && seen[i] < 1300); /* expected 1000 each; these are far tails */

    mc_test_case("random below 2^63+1 reaches the top half");
    uint64_t top = 0;
    for (int i = 0; i < 64; i++) {
        uint64_t r = mc_random_below(((uint64_t)1 << 63) + 1);
        if (r > top)
            top = r;
    }
    CHECK(top >= (uint64_t)1 << 62); /* fails with chance 2^-64 */
    return mc_test_done();
}
