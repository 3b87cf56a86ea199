/* SPDX-License-Identifier: Apache-2.0 */
/* The failed-attempt limiter: lockouts, back-off, windows, forgetting, fixed memory, threads. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "app/ratelimit.h"
#include "test.h"

#define K(s) (s), strlen(s)

static void test_config(void)
{
    struct mc_err e;
    struct mc_ratelimit *r = NULL;
    static const struct {
        const char *name;
        struct mc_ratelimit_config c;
    } bad[] = {
        { "capacity too small", { 8, 5, 900, 60, 3600, 86400 } },
        { "no failures allowed", { 64, 0, 900, 60, 3600, 86400 } },
        { "no window", { 64, 5, 0, 60, 3600, 86400 } },
        { "lockout_max below lockout", { 64, 5, 900, 60, 30, 86400 } },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("config: %s", bad[i].name);
        CHECK_INT(mc_ratelimit_new(&bad[i].c, &r, &e), MC_ERR_INVALID);
        CHECK(r == NULL);
    }
    mc_test_case("config: the defaults");
    CHECK_INT(mc_ratelimit_new(NULL, &r, &e), MC_OK);
    mc_ratelimit_free(r);
    mc_ratelimit_free(NULL);
}

static void test_lockout(void)
{
    struct mc_err e;
    struct mc_ratelimit *r = NULL;
    struct mc_ratelimit_config c = MC_RATELIMIT_DEFAULTS;
    c.capacity = 64;
    CHECK_INT(mc_ratelimit_new(&c, &r, &e), MC_OK);
    int64_t t = 1000000, wait = -1;

    mc_test_case("four failures do not lock; the fifth does");
    for (int i = 0; i < 4; i++) {
        CHECK_INT(mc_ratelimit_check(r, K("ip\n192.0.2.1"), t + i, &wait, &e), MC_OK);
        CHECK_INT(wait, 0);
        CHECK(!mc_ratelimit_fail(r, K("ip\n192.0.2.1"), t + i));
    }
    CHECK(mc_ratelimit_fail(r, K("ip\n192.0.2.1"), t + 4));
    CHECK_INT(mc_ratelimit_check(r, K("ip\n192.0.2.1"), t + 4, &wait, &e), MC_ERR_FORBIDDEN);
    CHECK_INT(wait, 60);
    CHECK_STR(e.msg, "too many attempts, try again in 60 s");
    CHECK_INT(mc_ratelimit_check(r, K("ip\n192.0.2.1"), t + 34, &wait, &e), MC_ERR_FORBIDDEN);
    CHECK_INT(wait, 30);

    mc_test_case("other keys are not affected");
    CHECK_INT(mc_ratelimit_check(r, K("ip\n192.0.2.2"), t + 5, &wait, &e), MC_OK);

    mc_test_case("failures while locked neither count nor extend the lock");
    CHECK(!mc_ratelimit_fail(r, K("ip\n192.0.2.1"), t + 10));
    CHECK_INT(mc_ratelimit_check(r, K("ip\n192.0.2.1"), t + 63, &wait, &e), MC_ERR_FORBIDDEN);
    CHECK_INT(wait, 1);

    mc_test_case("the lock ends; the next lockout doubles, up to the maximum");
    int64_t at = t + 64;
    CHECK_INT(mc_ratelimit_check(r, K("ip\n192.0.2.1"), at, &wait, &e), MC_OK);
    static const int64_t expect[] = { 120, 240, 480, 960, 1920, 3600, 3600 };
    for (size_t k = 0; k < sizeof expect / sizeof expect[0]; k++) {
        for (int i = 0; i < 4; i++)
            CHECK(!mc_ratelimit_fail(r, K("ip\n192.0.2.1"), at));
        CHECK(mc_ratelimit_fail(r, K("ip\n192.0.2.1"), at));
        CHECK_INT(mc_ratelimit_check(r, K("ip\n192.0.2.1"), at, &wait, &e), MC_ERR_FORBIDDEN);
        CHECK_INT(wait, expect[k]);
        at += wait;
    }

    mc_test_case("a day of quiet forgets the back-off");
    at += 24 * 3600;
    for (int i = 0; i < 4; i++)
        CHECK(!mc_ratelimit_fail(r, K("ip\n192.0.2.1"), at));
    CHECK(mc_ratelimit_fail(r, K("ip\n192.0.2.1"), at));
    CHECK_INT(mc_ratelimit_check(r, K("ip\n192.0.2.1"), at, &wait, &e), MC_ERR_FORBIDDEN);
    CHECK_INT(wait, 60);

    mc_test_case("failures spread beyond the window do not add up");
    for (int i = 0; i < 20; i++)
        CHECK(!mc_ratelimit_fail(r, K("account\nada@example.org"), t + i * 240));
    CHECK_INT(mc_ratelimit_check(r, K("account\nada@example.org"), t + 20 * 240, &wait, &e), MC_OK);

    mc_test_case("reset forgets a key");
    for (int i = 0; i < 4; i++)
        mc_ratelimit_fail(r, K("account\nbob@example.org"), t);
    mc_ratelimit_reset(r, K("account\nbob@example.org"));
    CHECK(!mc_ratelimit_fail(r, K("account\nbob@example.org"), t));
    mc_ratelimit_reset(r, K("account\nnobody"));
    mc_ratelimit_free(r);
}

static void test_fixed_memory(void)
{
    struct mc_err e;
    struct mc_ratelimit *r = NULL;
    struct mc_ratelimit_config c = MC_RATELIMIT_DEFAULTS;
    c.capacity = 16;
    CHECK_INT(mc_ratelimit_new(&c, &r, &e), MC_OK);
    int64_t t = 5000, wait = 0;

    mc_test_case("a locked key survives a flood of new keys");
    for (int i = 0; i < 5; i++)
        mc_ratelimit_fail(r, K("ip\nattacker"), t);
    char key[64];
    for (int i = 0; i < 10000; i++) {
        snprintf(key, sizeof key, "ip\n10.0.%d.%d", i / 256, i % 256);
        mc_ratelimit_fail(r, key, strlen(key), t + 1);
        CHECK(mc_ratelimit_count(r) <= 16);
    }
    CHECK_INT(mc_ratelimit_count(r), 16);
    CHECK_INT(mc_ratelimit_check(r, K("ip\nattacker"), t + 2, &wait, &e), MC_ERR_FORBIDDEN);

    mc_test_case("with every entry locked, the oldest goes");
    for (int i = 0; i < 40; i++) {
        snprintf(key, sizeof key, "ip\nlocked-%d", i);
        for (int k = 0; k < 5; k++)
            mc_ratelimit_fail(r, key, strlen(key), t + 10 + i);
    }
    CHECK_INT(mc_ratelimit_count(r), 16);
    CHECK_INT(mc_ratelimit_check(r, K("ip\nlocked-39"), t + 60, &wait, &e), MC_ERR_FORBIDDEN);
    CHECK_INT(mc_ratelimit_check(r, K("ip\nlocked-0"), t + 60, &wait, &e), MC_OK);

    mc_test_case("removal and reuse keep the table consistent");
    for (int i = 0; i < 40; i++) {
        snprintf(key, sizeof key, "ip\nlocked-%d", i);
        mc_ratelimit_reset(r, key, strlen(key));
    }
    CHECK(mc_ratelimit_count(r) <= 16);
    for (int i = 0; i < 100; i++) {
        snprintf(key, sizeof key, "k%d", i);
        mc_ratelimit_fail(r, key, strlen(key), t + 100);
        if (i % 3 == 0)
            mc_ratelimit_reset(r, key, strlen(key));
    }
    CHECK(mc_ratelimit_count(r) <= 16);
    mc_ratelimit_free(r);
}

struct worker {
    struct mc_ratelimit *r;
    int id;
};

static void *hammer(void *arg)
{
    struct worker *w = arg;
    char key[32];
    for (int i = 0; i < 20000; i++) {
        snprintf(key, sizeof key, "k%d", (i * 7 + w->id) % 300);
        int64_t wait = 0;
        if (mc_ratelimit_check(w->r, key, strlen(key), i / 100, &wait, NULL) == MC_OK)
            mc_ratelimit_fail(w->r, key, strlen(key), i / 100);
        if (i % 17 == 0)
            mc_ratelimit_reset(w->r, key, strlen(key));
    }
    return NULL;
}

static void test_threads(void)
{
    struct mc_err e;
    struct mc_ratelimit *r = NULL;
    struct mc_ratelimit_config c = MC_RATELIMIT_DEFAULTS;
    c.capacity = 128;
    CHECK_INT(mc_ratelimit_new(&c, &r, &e), MC_OK);
    mc_test_case("8 threads failing, checking and resetting 300 keys in 128 entries");
    pthread_t th[8];
    struct worker w[8];
    for (int i = 0; i < 8; i++) {
        w[i] = (struct worker){ r, i };
        pthread_create(&th[i], NULL, hammer, &w[i]);
    }
    for (int i = 0; i < 8; i++)
        pthread_join(th[i], NULL);
    CHECK(mc_ratelimit_count(r) <= 128);
    mc_ratelimit_free(r);
}

int main(void)
{
    test_config();
    test_lockout();
    test_fixed_memory();
    test_threads();
    return mc_test_done();
}
