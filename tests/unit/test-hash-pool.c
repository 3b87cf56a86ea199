/* SPDX-License-Identifier: Apache-2.0 */
/* The password hashing pool: bounded concurrency, a bounded queue, many submitters at once. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "app/hash-pool.h"
#include "test.h"

static atomic_int in_flight;
static atomic_int peak;
static atomic_int ran;

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* A job that notes how many jobs run at once. */
static void slow_job(void *arg)
{
    int now = atomic_fetch_add(&in_flight, 1) + 1;
    int p = atomic_load(&peak);
    while (now > p && !atomic_compare_exchange_weak(&peak, &p, now)) {
    }
    sleep_ms(arg ? *(long *)arg : 5);
    atomic_fetch_sub(&in_flight, 1);
    atomic_fetch_add(&ran, 1);
}

struct submitter {
    struct mc_hash_pool *pool;
    int jobs;
    int ok, busy, other;
    long ms;
};

static void *submit(void *arg)
{
    struct submitter *s = arg;
    for (int i = 0; i < s->jobs; i++) {
        struct mc_err e;
        enum mc_rc rc = mc_hash_pool_run(s->pool, slow_job, &s->ms, &e);
        if (rc == MC_OK)
            s->ok++;
        else if (rc == MC_ERR_TOO_LARGE && strstr(e.msg, "busy, try again"))
            s->busy++;
        else
            s->other++;
    }
    return NULL;
}

static void reset_counters(void)
{
    atomic_store(&in_flight, 0);
    atomic_store(&peak, 0);
    atomic_store(&ran, 0);
}

static void test_bounds(void)
{
    struct mc_err e;
    struct mc_hash_pool *p = NULL;
    mc_test_case("sizes out of range");
    CHECK_INT(mc_hash_pool_new(0, 4, &p, &e), MC_ERR_INVALID);
    CHECK_INT(mc_hash_pool_new(65, 4, &p, &e), MC_ERR_INVALID);
    CHECK_INT(mc_hash_pool_new(2, 100001, &p, &e), MC_ERR_INVALID);
    CHECK(p == NULL);
    mc_hash_pool_free(NULL);

    mc_test_case("no pool: the job runs on the calling thread");
    reset_counters();
    long ms = 0;
    CHECK_INT(mc_hash_pool_run(NULL, slow_job, &ms, &e), MC_OK);
    CHECK_INT(atomic_load(&ran), 1);
}

static void test_concurrent_submitters(void)
{
    struct mc_err e;
    struct mc_hash_pool *p = NULL;
    mc_test_case("16 submitters, 2 workers, room for all: every job runs, two at a time");
    CHECK_INT(mc_hash_pool_new(2, 64, &p, &e), MC_OK);
    reset_counters();
    enum { N = 16, JOBS = 4 };
    pthread_t th[N];
    struct submitter subs[N];
    for (int i = 0; i < N; i++) {
        subs[i] = (struct submitter){ .pool = p, .jobs = JOBS, .ms = 3 };
        pthread_create(&th[i], NULL, submit, &subs[i]);
    }
    int ok = 0, busy = 0, other = 0;
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        ok += subs[i].ok;
        busy += subs[i].busy;
        other += subs[i].other;
    }
    CHECK_INT(ok, N * JOBS);
    CHECK_INT(busy, 0);
    CHECK_INT(other, 0);
    CHECK_INT(atomic_load(&ran), N * JOBS);
    CHECK(atomic_load(&peak) <= 2);
    struct mc_hash_pool_stats st;
    mc_hash_pool_stats(p, &st);
    CHECK_INT(st.workers, 2);
    CHECK_INT(st.done, N * JOBS);
    CHECK(st.peak_run <= 2 && st.peak_run >= 1);
    CHECK_INT(st.running, 0);
    CHECK_INT(st.queued, 0);
    mc_hash_pool_free(p);

    mc_test_case("a flood: the queue holds 4, the rest is refused as busy");
    CHECK_INT(mc_hash_pool_new(2, 4, &p, &e), MC_OK);
    reset_counters();
    for (int i = 0; i < N; i++) {
        subs[i] = (struct submitter){ .pool = p, .jobs = 3, .ms = 30 };
        pthread_create(&th[i], NULL, submit, &subs[i]);
    }
    ok = busy = other = 0;
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        ok += subs[i].ok;
        busy += subs[i].busy;
        other += subs[i].other;
    }
    CHECK_INT(ok + busy, N * 3);
    CHECK_INT(other, 0);
    CHECK(busy > 0);
    CHECK(ok >= 6); /* at least the first two and four queued went through */
    CHECK_INT(atomic_load(&ran), ok);
    CHECK(atomic_load(&peak) <= 2);
    mc_hash_pool_stats(p, &st);
    CHECK_INT(st.busy, busy);
    CHECK(st.peak_run <= 2);
    mc_hash_pool_free(p);
}

/* One worker and four callers at once: three wait in the queue, and every one gets its job run. */
static void test_queue_in_turn(void)
{
    struct mc_err e;
    struct mc_hash_pool *p = NULL;
    mc_test_case("jobs waiting in the queue all run, in turn");
    CHECK_INT(mc_hash_pool_new(1, 8, &p, &e), MC_OK);
    reset_counters();
    enum { N = 4 };
    pthread_t th[N];
    struct submitter subs[N];
    for (int i = 0; i < N; i++) {
        subs[i] = (struct submitter){ .pool = p, .jobs = 1, .ms = 20 };
        pthread_create(&th[i], NULL, submit, &subs[i]);
    }
    /* wait until all four are in the pool */
    for (int spin = 0; spin < 500; spin++) {
        struct mc_hash_pool_stats st;
        mc_hash_pool_stats(p, &st);
        if (st.running + st.queued == N)
            break;
        sleep_ms(2);
    }
    for (int i = 0; i < N; i++) {
        pthread_join(th[i], NULL);
        CHECK_INT(subs[i].ok, 1);
    }
    mc_hash_pool_free(p);
    CHECK_INT(atomic_load(&ran), N);
    CHECK_INT(atomic_load(&peak), 1);
}

static void test_passwords_on_the_pool(void)
{
    struct mc_err e;
    struct mc_hash_pool *p = NULL;
    mc_password_use_test_cost(true);
    CHECK_INT(mc_hash_pool_new(2, 8, &p, &e), MC_OK);
    for (int with_pool = 0; with_pool < 2; with_pool++) {
        struct mc_hash_pool *pool = with_pool ? p : NULL;
        mc_test_case("hash and verify %s", with_pool ? "on the pool" : "inline");
        char h[MC_PASSWORD_HASH_SIZE];
        CHECK_INT(mc_hash_pool_hash(pool, "open sesame 123", 15, h, &e), MC_OK);
        CHECK(strncmp(h, "$argon2id$", 10) == 0);
        CHECK_INT(mc_hash_pool_verify(pool, h, "open sesame 123", 15, &e), MC_OK);
        CHECK_INT(mc_hash_pool_verify(pool, h, "open sesame 124", 15, &e), MC_ERR_AUTH);
        CHECK_STR(e.msg, "wrong password");
        CHECK_INT(mc_hash_pool_verify(pool, NULL, "open sesame 123", 15, &e), MC_ERR_AUTH);
        CHECK_INT(mc_hash_pool_verify(pool, "$2y$nope", "open sesame 123", 15, &e), MC_ERR_INVALID);
    }
    mc_hash_pool_free(p);
}

int main(void)
{
    test_bounds();
    test_concurrent_submitters();
    test_queue_in_turn();
    test_passwords_on_the_pool();
    return mc_test_done();
}
