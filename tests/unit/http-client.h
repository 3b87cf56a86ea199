/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the in-process HTTP tests share: a server started on a free loopback port over a test
 * database, and a small libcurl client whose replies keep the status, the headers and the body
 * (parsed as JSON when it is JSON). Compiled into every test-http-* program.
 */
#ifndef MC_TEST_HTTP_CLIENT_H
#define MC_TEST_HTTP_CLIENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "app/auth.h"
#include "crypto/seal.h"
#include "http/http.h"
#include "mcred/buf.h"
#include "store/store.h"

/* "http://127.0.0.1:PORT" of the running server, and the public URL it was started with. */
extern char mc_test_base[128];
extern const char *mc_test_public;

struct mc_test_server {
    struct mc_store_pool *pool;
    struct mc_http_server *srv;
};
/* Start a server on `db` (offline, quiet, 2 threads) and point the client at it; false (with
 * the reason printed and a failed check) when it does not start. */
bool mc_test_server_start(const char *db, const char *public_url, const struct mc_master_key *mk,
                          struct mc_test_server *t);
void mc_test_server_stop(struct mc_test_server *t);

struct mc_test_reply {
    long status;
    struct mc_buf head;
    struct mc_buf body; /* NUL-terminated */
    json_t *json;       /* the body parsed, when it is JSON; NULL otherwise */
};

/* A request to mc_test_base + `path`; `headers` is a NULL-terminated list ("Accept: ...") or
 * NULL, `body` may be NULL. No redirects are followed. */
void mc_test_http(const char *method, const char *path, const char *const *headers,
                  const char *body, size_t body_len, struct mc_test_reply *r);
/* The same with a NUL-terminated body. */
void mc_test_http_text(const char *method, const char *path, const char *const *headers,
                       const char *body, struct mc_test_reply *r);
/* GET with an Accept header when `accept` is not NULL. */
void mc_test_get(const char *path, const char *accept, struct mc_test_reply *r);
void mc_test_reply_free(struct mc_test_reply *r);
/* The value of a response header (a static buffer), or "". */
const char *mc_test_header(const struct mc_test_reply *r, const char *name);
/* Whether the body contains `s`. */
bool mc_test_has(const struct mc_test_reply *r, const char *s);
/* A problem details answer with this status and code, typed under the public URL; `where` NULL
 * when the place is not checked. */
void mc_test_check_problem(const struct mc_test_reply *r, long status, const char *code,
                           const char *where);

/* A user with `email` as name too, a password when `password` is not NULL, platform
 * administration when `admin`, and `role` in organisation `org` when it is not NULL: the id. */
int64_t mc_test_add_user(struct mc_store *s, const char *email, const char *password,
                         const char *org, enum mc_role role, bool admin);
/* An API token of `user` with `scopes` (space-separated) into `out`. */
void mc_test_add_token(struct mc_store *s, int64_t user, const char *scopes,
                       char out[MC_AUTH_TOKEN_SIZE]);

#endif
