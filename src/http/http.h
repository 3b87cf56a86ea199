/* SPDX-License-Identifier: Apache-2.0 */
/* The HTTP layer's interface: server start/stop, requests, responses, routes and helpers. */
#ifndef MC_HTTP_HTTP_H
#define MC_HTTP_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "mcred/buf.h"
#include "mcred/error.h"

/*
 * Handlers and the CLI see only this header, never libmicrohttpd (docs/internals/http.md).
 * A request lives in its own arena: everything a handler allocates for one request comes from
 * `req->arena` and is freed in one go when the response has been sent.
 */

struct mc_store_pool;
struct mc_tpl_set;
struct mc_master_key;
struct mc_verifier;
struct mc_di;
struct mc_hash_pool;
struct mc_ratelimit;
struct mc_principal;

/* --- server --- */

struct mc_http_config {
    const char *listen;         /* "127.0.0.1:8080", "[::1]:8080", "localhost:0"; borrowed */
    unsigned threads;           /* threads in the pool; 0 means 2 x cores (at least 2) */
    size_t max_header_bytes;    /* request line + headers; default 16 KiB (431 beyond) */
    size_t max_body_bytes;      /* default 1 MiB (413 beyond) */
    unsigned timeout_seconds;   /* idle connection timeout; default 30 */
    const char *public_url;     /* "https://example.org" for links; NULL: http://<listen> */
    struct mc_store_pool *pool; /* borrowed; must outlive the server */
    FILE *access_log;           /* borrowed; NULL means stderr */
    bool quiet;                 /* no access or error log lines when access_log is NULL */
    /* The key that unseals the issuers' signing keys (borrowed; must outlive the server). NULL:
     * the server verifies but does not issue, and issuing endpoints answer 503. */
    const struct mc_master_key *master_key;
    /* Verifying never fetches documents from other hosts (tests, air-gapped deployments): only
     * the platform's own issuer documents and status lists, read from the store, resolve. */
    bool offline;
};

/* Fill `c` with the defaults above (listen 127.0.0.1:8080, no pool). */
void mc_http_config_defaults(struct mc_http_config *c);

struct mc_http_server;

/*
 * Bind the listen address, parse the templates and start the thread pool. The config is copied
 * (its pointers are borrowed). A bad address, an address in use or a template that does not
 * parse is an error naming it. On success `*out` is the caller's, ended by mc_http_server_stop().
 */
enum mc_rc mc_http_server_start(const struct mc_http_config *c, struct mc_http_server **out,
                                struct mc_err *e);
/* The port the server is bound to (useful after listening on port 0). */
unsigned mc_http_server_port(const struct mc_http_server *s);
/* The base URL people use: the public URL, or http://host:port (NUL-terminated, cut to fit). */
void mc_http_server_url(const struct mc_http_server *s, char *buf, size_t size);
/* "http://HOST:PORT" of the listening socket (the port a ":0" listen got), whatever the public
 * URL is. */
void mc_http_server_listen_url(const struct mc_http_server *s, char *buf, size_t size);
/* Stop accepting, let requests in flight finish (up to 10 s), close everything and free the
 * server. NULL is allowed. */
void mc_http_server_stop(struct mc_http_server *s);

/* --- requests --- */

/* One query or path parameter: decoded, valid UTF-8 without NUL bytes, NUL-terminated. */
struct mc_http_param {
    const char *name;
    const char *value;
    size_t value_len;
};

/* Query parameters in the order they came. */
struct mc_http_query {
    struct mc_http_param *items;
    size_t count;
};

#define MC_HTTP_MAX_PATH_PARAMS 8

struct mc_http_request {
    const char *method;    /* "GET", "HEAD", "POST", ... */
    const char *path;      /* percent-decoded, valid UTF-8, no NUL, starts with '/' */
    const char *raw_query; /* the text after '?', undecoded; "" if none */
    struct mc_http_query query;
    const char *body; /* `body_len` bytes, NUL-terminated; "" if none */
    size_t body_len;
    struct mc_http_param path_params[MC_HTTP_MAX_PATH_PARAMS]; /* from "{name}" in the pattern */
    size_t n_path_params;
    const char *request_id;
    const char *remote_addr;
    struct mc_arena *arena; /* freed when the response is done */
    struct mc_store_pool *pool;
    const struct mc_http_config *config;
    const struct mc_tpl_set *templates;
    const char *base_url; /* public URL without a trailing '/' */
    void *conn;           /* the library's connection; only server.c looks at it */
    /* The server's password hashing pool and failed sign-in limiter (auth.c uses them). */
    struct mc_hash_pool *hash_pool;
    struct mc_ratelimit *limits;
    /* Who the request acts as, resolved once by mc_http_principal (auth.c). */
    bool auth_done;
    enum mc_rc auth_rc;
    const struct mc_principal *principal;
    const char *auth_error; /* why a credential sent was refused, for the 401 */
};

/* The value of a request header (case-insensitive name), or NULL. Borrowed for the request. */
const char *mc_http_header(const struct mc_http_request *r, const char *name);
/* A path parameter by name, or NULL. */
const char *mc_http_path_param(const struct mc_http_request *r, const char *name);

/* --- responses --- */

#define MC_HTTP_MAX_HEADERS  8
#define MC_HTTP_MAX_RESPONSE (8u << 20) /* the cap on any response body */

struct mc_http_header_kv {
    const char *name;
    const char *value;
};

struct mc_http_response {
    int status;               /* 200 unless set */
    const char *content_type; /* borrowed (static or request arena) */
    struct mc_http_header_kv headers[MC_HTTP_MAX_HEADERS];
    size_t n_headers;
    struct mc_buf body; /* capped at MC_HTTP_MAX_RESPONSE; the server frees it */
    /* "<public>/problems/", the prefix of problem type URLs; set by the server. NULL: problems
     * have type "about:blank". */
    const char *problem_base;
};

/* Add a header (name and value borrowed for the request). Past MC_HTTP_MAX_HEADERS it is
 * MC_ERR_TOO_LARGE. */
enum mc_rc mc_http_response_header(struct mc_http_response *res, const char *name,
                                   const char *value);

/* Answer `status` with `json` serialised (compact, UTF-8). `json` is borrowed. */
enum mc_rc mc_http_reply_json(struct mc_http_response *res, int status, const json_t *json);
/* Answer `status` with HTML text (copied). */
enum mc_rc mc_http_reply_html(struct mc_http_response *res, int status, const char *html,
                              size_t len);

/*
 * Answer `status` with an RFC 9457 problem, Content-Type application/problem+json:
 * {"type": "<public>/problems/<code>", "title", "status", "detail": message, "code": code,
 *  "field": where, "where": where}. `code` is a stable snake_case identifier clients may test
 * ("unknown_parameter", "not_found", ...); `title` is the same for every problem of a code.
 * `where` (a parameter, header or body field name) may be NULL and the two members naming it
 * are then left out.
 */
enum mc_rc mc_http_reply_error(struct mc_http_response *res, int status, const char *code,
                               const char *message, const char *where);
/* The same problem with the members of object `extra` (borrowed) added after the standard ones
 * (which it cannot replace), e.g. the verification report of a credential that was refused. */
enum mc_rc mc_http_reply_problem(struct mc_http_response *res, int status, const char *code,
                                 const char *message, const char *where, const json_t *extra);
/*
 * Render template `tpl` (from req->templates) with `ctx` (borrowed) as an HTML page with
 * `status`. A template failure is returned (the server then answers 500).
 */
enum mc_rc mc_http_reply_page(const struct mc_http_request *req, struct mc_http_response *res,
                              int status, const char *tpl, const json_t *ctx, struct mc_err *e);
/* An HTML error page ("error.html") with `status`, a title and a message for people. */
enum mc_rc mc_http_reply_error_page(const struct mc_http_request *req, struct mc_http_response *res,
                                    int status, const char *title, const char *message);

/* The title of problems with `code` (a fixed phrase for known codes, else the reason phrase of
 * `status`), and the reason phrase of a status ("Not Found"). Static strings. */
const char *mc_http_problem_title(const char *code, int status);
const char *mc_http_reason(int status);

/* The HTTP status that goes with a result code (MC_ERR_INVALID -> 400, NOT_FOUND -> 404, ...). */
int mc_http_status_for(enum mc_rc rc);

/* --- routes --- */

/* A handler fills `res` (with the helpers above) and returns MC_OK; any other result is a bug or
 * an outage and the server answers 500 with the message in `e` logged, not shown. */
typedef enum mc_rc (*mc_http_handler)(struct mc_http_request *req, struct mc_http_response *res,
                                      struct mc_err *e);

enum mc_http_kind {
    MC_HTTP_API,  /* errors are JSON */
    MC_HTTP_PAGE, /* errors are HTML pages */
};

/* One resource: a method and a path pattern ("/api/v1/catalog", "/credentials/{id}"). GET routes
 * also answer HEAD. Each resource file exports exactly one of these; routes.c lists them. */
struct mc_http_route {
    const char *method;
    const char *pattern;
    enum mc_http_kind kind;
    mc_http_handler handler;
};

/* The registry (routes.c). */
extern const struct mc_http_route *const mc_http_routes[];
extern const size_t mc_http_routes_count;

/* Routes that read bodies larger than the server's max_body_bytes (bulk uploads), and their own
 * limit (routes.c). The server finds the route when the headers are in, before the body. */
struct mc_http_body_limit {
    const struct mc_http_route *route;
    size_t max_body_bytes;
};
extern const struct mc_http_body_limit mc_http_body_limits[];
extern const size_t mc_http_body_limits_count;

/* --- query helpers for handlers --- */

/* The value of query parameter `name`, or NULL if absent. */
const char *mc_http_query_get(const struct mc_http_query *q, const char *name);
/*
 * Check that every parameter is one of `allowed` (a NULL-terminated list) and none comes twice.
 * MC_ERR_INVALID otherwise, with the message naming the parameter and e->where set to it, and
 * `*code` (if `code` is not NULL) "unknown_parameter" or "repeated_parameter".
 */
enum mc_rc mc_http_query_check(const struct mc_http_query *q, const char *const *allowed,
                               const char **code, struct mc_err *e);
/*
 * The JSON API's form of that check: false after answering 400 with an error that names the
 * parameter, when one is not in `allowed` (NULL: the resource takes none) or comes twice.
 */
bool mc_http_api_query_ok(struct mc_http_request *req, struct mc_http_response *res,
                          const char *const *allowed);
/* The same for a page: false after answering with a 400 error page (`*rc` its outcome). */
bool mc_http_page_query_ok(struct mc_http_request *req, struct mc_http_response *res,
                           const char *const *allowed, enum mc_rc *rc);

/*
 * Content negotiation on the Accept header (RFC 9110 §12.5.1): the index in `offers` (media
 * types like "text/html", NULL-terminated, in the server's order of preference) of the one the
 * client prefers, by q-value, then specificity (an exact type over "text/" wildcards over the
 * any-type wildcard), then the order of `offers`. No Accept header accepts anything (the first
 * offer wins). -1 when the client accepts
 * none of them.
 */
int mc_http_negotiate(const struct mc_http_request *req, const char *const *offers);
/* Whether Content-Type value `ct` (may be NULL) is media type `type`, parameters aside. */
bool mc_http_media_is(const char *ct, const char *type);

/* --- per-thread helpers (context.c) --- */

/*
 * A verifier and a Data Integrity signer for the calling thread, created on first use and kept
 * for the thread's life (they cache parsed contexts and schemas, so a request does not pay for
 * building them: see docs/internals/http.md). Freed when the thread exits, which for the
 * server's threads is at mc_http_server_stop(). Never NULL; never share them across threads.
 */
struct mc_verifier *mc_http_verifier(void);
struct mc_di *mc_http_di(void);
/* The master key for endpoints that issue, or NULL after answering 503 `issuing_unavailable`
 * (the server was started without one): `if (!mk) return MC_OK;`. */
const struct mc_master_key *mc_http_master_key(const struct mc_http_request *req,
                                               struct mc_http_response *res);

/* --- who the request acts as (auth.c; docs/internals/http.md, "Signing in") --- */

/*
 * The principal of the request, resolved once and cached on it: `Authorization: Bearer mct_...`
 * (an API token), else the session cookie. MC_OK with `*p` set; MC_ERR_AUTH with `*p` NULL when
 * nobody is signed in or what was sent is not valid (req->auth_error says which); MC_ERR_DB when
 * the store failed. Borrowed for the request.
 */
enum mc_rc mc_http_principal(struct mc_http_request *req, const struct mc_principal **p);

/*
 * The principal a handler acts for, or NULL after answering: 401 (with `WWW-Authenticate:
 * Bearer` on API routes) when nobody is signed in, 403 `csrf_failed` when a state-changing
 * request (not GET or HEAD) authenticated by a session cookie lacks the session's CSRF token
 * (the X-CSRF-Token header or a csrf_token form field), 403 `insufficient_scope` when a token
 * lacks `scope` (0: none needed), 503 when the store is down. `if (!p) return MC_OK;`.
 */
const struct mc_principal *mc_http_authenticate(struct mc_http_request *req,
                                                struct mc_http_response *res, uint32_t scope);

/* Whether `p` may act in organisation `org_id` with one of the roles of `role_mask`
 * (mc_authz_require without the scope). Handlers answer 404 for an object of an organisation
 * the principal may not act for, as if it did not exist. */
bool mc_http_can_act(const struct mc_principal *p, int64_t org_id, uint32_t role_mask);

/* The session cookie's name: "__Host-mcred_session" when the public URL is https, else
 * "mcred_session". */
const char *mc_http_cookie_name(const struct mc_http_request *req);
/* Add the Set-Cookie header for a new session (`token`, expiring at `expires_at`), or one that
 * clears the cookie when `token` is NULL. */
void mc_http_set_session_cookie(struct mc_http_request *req, struct mc_http_response *res,
                                const char *token, int64_t expires_at);
/* The person a page that needs signing in is for: MC_OK with `*p` set, or MC_OK with `*p` NULL
 * after answering 303 to /login; an error when the session could not be read.
 * `if (rc || !p) return rc;`. */
enum mc_rc mc_http_page_signed_in(struct mc_http_request *req, struct mc_http_response *res,
                                  const struct mc_principal **p, struct mc_err *e);
/* The value of form field `name` of an application/x-www-form-urlencoded or multipart/form-data
 * body (an arena string), or NULL. */
const char *mc_http_form_field(struct mc_http_request *req, const char *name);

#endif
