/* SPDX-License-Identifier: Apache-2.0 */
/* A fixed pool of worker threads with a bounded queue for password hashing jobs. */
#include "app/hash-pool.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

/* A job lives on its submitter's stack until `done` is set under the pool's lock. */
struct job {
    void (*fn)(void *arg);
    void *arg;
    struct job *next;
    bool done;
};

struct mc_hash_pool {
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* workers wait here for jobs */
    pthread_cond_t done_cv; /* submitters wait here for theirs */
    struct job *head, *tail;
    size_t queued, running, peak_run;
    size_t queue_max;
    uint64_t done, busy;
    bool stopping;
    pthread_t *threads;
    size_t n_threads;
};

static void *worker(void *arg)
{
    struct mc_hash_pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->head && !p->stopping)
            pthread_cond_wait(&p->work_cv, &p->mu);
        if (!p->head)
            break; /* stopping, and nothing left to run */
        struct job *j = p->head;
        p->head = j->next;
        if (!p->head)
            p->tail = NULL;
        p->queued--;
        p->running++;
        if (p->running > p->peak_run)
            p->peak_run = p->running;
        pthread_mutex_unlock(&p->mu);

        j->fn(j->arg);

        pthread_mutex_lock(&p->mu);
        p->running--;
        p->done++;
        j->done = true;
        /* Several submitters share done_cv; each checks its own job's flag. */
        pthread_cond_broadcast(&p->done_cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

enum mc_rc mc_hash_pool_new(size_t workers, size_t queue_max, struct mc_hash_pool **out,
                            struct mc_err *e)
{
    *out = NULL;
    if (workers < 1 || workers > 64)
        return mc_err_set(e, MC_ERR_INVALID, "hash pool: %zu workers is outside 1..64", workers);
    if (queue_max > 100000)
        return mc_err_set(e, MC_ERR_INVALID, "hash pool: a queue of %zu is outside 0..100000",
                          queue_max);
    struct mc_hash_pool *p = mc_xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->work_cv, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    p->queue_max = queue_max;
    p->threads = mc_xcalloc(workers, sizeof *p->threads);
    for (size_t i = 0; i < workers; i++) {
        if (pthread_create(&p->threads[i], NULL, worker, p) != 0) {
            mc_hash_pool_free(p);
            return mc_err_set(e, MC_ERR_INTERNAL, "hash pool: cannot start thread %zu of %zu",
                              i + 1, workers);
        }
        p->n_threads++;
    }
    /* Make the dummy hash now, so the first sign-in to an unknown account does not take the
     * extra time of making it (which would tell that the account does not exist). */
    mc_password_verify_dummy("", 0);
    *out = p;
    return MC_OK;
}

void mc_hash_pool_free(struct mc_hash_pool *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->stopping = true;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
    for (size_t i = 0; i < p->n_threads; i++)
        pthread_join(p->threads[i], NULL);
    pthread_cond_destroy(&p->done_cv);
    pthread_cond_destroy(&p->work_cv);
    pthread_mutex_destroy(&p->mu);
    free(p->threads);
    free(p);
}

enum mc_rc mc_hash_pool_run(struct mc_hash_pool *p, void (*fn)(void *arg), void *arg,
                            struct mc_err *e)
{
    if (!p) {
        fn(arg);
        return MC_OK;
    }
    struct job j = { .fn = fn, .arg = arg };
    pthread_mutex_lock(&p->mu);
    if (p->stopping) {
        pthread_mutex_unlock(&p->mu);
        return mc_err_set(e, MC_ERR_INTERNAL, "the password hashing pool is stopping");
    }
    /* Every worker busy and queue_max waiting: refuse rather than queue without bound. */
    if (p->queued + p->running >= p->n_threads + p->queue_max) {
        p->busy++;
        pthread_mutex_unlock(&p->mu);
        return mc_err_set(e, MC_ERR_TOO_LARGE,
                          "busy, try again: too many sign-ins are being checked at once");
    }
    if (p->tail)
        p->tail->next = &j;
    else
        p->head = &j;
    p->tail = &j;
    p->queued++;
    pthread_cond_signal(&p->work_cv);
    while (!j.done)
        pthread_cond_wait(&p->done_cv, &p->mu);
    pthread_mutex_unlock(&p->mu);
    return MC_OK;
}

struct hash_job {
    const char *pw;
    size_t len;
    char *out;
    enum mc_rc rc;
    struct mc_err err;
};

static void run_hash(void *arg)
{
    struct hash_job *h = arg;
    h->rc = mc_password_hash(h->pw, h->len, h->out, &h->err);
}

enum mc_rc mc_hash_pool_hash(struct mc_hash_pool *p, const char *pw, size_t len,
                             char out[MC_PASSWORD_HASH_SIZE], struct mc_err *e)
{
    struct hash_job h = { .pw = pw, .len = len, .out = out };
    out[0] = '\0';
    mc_err_clear(&h.err);
    enum mc_rc rc = mc_hash_pool_run(p, run_hash, &h, e);
    if (rc)
        return rc;
    if (h.rc && e)
        *e = h.err;
    return h.rc;
}

struct verify_job {
    const char *hash;
    const char *pw;
    size_t len;
    enum mc_rc rc;
    struct mc_err err;
};

static void run_verify(void *arg)
{
    struct verify_job *v = arg;
    if (v->hash) {
        v->rc = mc_password_verify(v->hash, v->pw, v->len, &v->err);
    } else {
        mc_password_verify_dummy(v->pw, v->len);
        v->rc = mc_err_set(&v->err, MC_ERR_AUTH, "wrong password");
    }
}

enum mc_rc mc_hash_pool_verify(struct mc_hash_pool *p, const char *hash, const char *pw, size_t len,
                               struct mc_err *e)
{
    struct verify_job v = { .hash = hash, .pw = pw, .len = len };
    mc_err_clear(&v.err);
    enum mc_rc rc = mc_hash_pool_run(p, run_verify, &v, e);
    if (rc)
        return rc;
    if (v.rc && e)
        *e = v.err;
    return v.rc;
}

void mc_hash_pool_stats(struct mc_hash_pool *p, struct mc_hash_pool_stats *out)
{
    memset(out, 0, sizeof *out);
    pthread_mutex_lock(&p->mu);
    out->workers = p->n_threads;
    out->queue_max = p->queue_max;
    out->running = p->running;
    out->queued = p->queued;
    out->done = p->done;
    out->busy = p->busy;
    out->peak_run = p->peak_run;
    pthread_mutex_unlock(&p->mu);
}
