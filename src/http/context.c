/* SPDX-License-Identifier: Apache-2.0 */
/* Per-thread verifier and signer for handlers: built on first use, freed when the thread ends. */
#include <pthread.h>
#include <stdlib.h>

#include "base/alloc.h"
#include "http/http.h"
#include "vc/di.h"
#include "vc/verify.h"

/*
 * Building a verifier parses the bundled Open Badges JSON Schemas and starts empty JSON-LD
 * caches; doing it per request would cost more than verifying a credential whose contexts are
 * already cached (numbers in docs/internals/http.md). Neither object is thread-safe, so each
 * server thread keeps its own. A pthread key (not only _Thread_local) gives a destructor that
 * runs when the thread exits: libmicrohttpd's pool threads exit in mc_http_server_stop().
 */
struct thread_ctx {
    struct mc_verifier *verifier;
    struct mc_di *di;
};

static pthread_key_t key;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void thread_ctx_free(void *p)
{
    struct thread_ctx *t = p;
    mc_verifier_free(t->verifier);
    mc_di_free(t->di);
    free(t);
}

static void make_key(void)
{
    if (pthread_key_create(&key, thread_ctx_free) != 0)
        abort(); /* only when the process is out of keys: nothing sensible to do */
}

static struct thread_ctx *thread_ctx(void)
{
    pthread_once(&once, make_key);
    struct thread_ctx *t = pthread_getspecific(key);
    if (!t) {
        t = mc_xcalloc(1, sizeof *t);
        if (pthread_setspecific(key, t) != 0)
            abort();
    }
    return t;
}

struct mc_verifier *mc_http_verifier(void)
{
    struct thread_ctx *t = thread_ctx();
    if (!t->verifier)
        t->verifier = mc_verifier_new(NULL);
    return t->verifier;
}

struct mc_di *mc_http_di(void)
{
    struct thread_ctx *t = thread_ctx();
    if (!t->di)
        t->di = mc_di_new(NULL);
    return t->di;
}

const struct mc_master_key *mc_http_master_key(const struct mc_http_request *req,
                                               struct mc_http_response *res)
{
    if (req->config && req->config->master_key)
        return req->config->master_key;
    mc_http_reply_error(res, 503, "issuing_unavailable",
                        "this server was started without the master key that unseals the "
                        "issuers' signing keys, so it cannot issue; start it with --master-key "
                        "FILE (or MCRED_MASTER_KEY)",
                        NULL);
    return NULL;
}
