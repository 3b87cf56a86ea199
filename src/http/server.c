/* SPDX-License-Identifier: Apache-2.0 */
/* The server: libmicrohttpd behind our request/response/router interface, limits, access log. */
#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "app/hash-pool.h"
#include "app/ratelimit.h"
#include "base/alloc.h"
#include "base/embed.h"
#include "http/http.h"
#include "http/oauth-http.h"
#include "http/query.h"
#include "http/router.h"
#include "http/template.h"

#define DEFAULT_LISTEN     "127.0.0.1:8080"
#define DEFAULT_MAX_HEADER (16u * 1024)
#define DEFAULT_MAX_BODY   (1024u * 1024)
#define DEFAULT_TIMEOUT    30
#define MAX_CONNECTIONS    1024
#define STOP_GRACE_MS      10000
#define LOG_LINE_MAX       2048
#define CONTENT_SECURITY_POL                                                           \
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; " \
    "frame-ancestors 'none'; base-uri 'none'"

struct mc_http_server {
    struct MHD_Daemon *daemon;
    struct mc_http_config cfg;
    char *listen;     /* owned copy */
    char *public_url; /* owned copy, NULL if none */
    char base_url[256];
    char problem_base[300]; /* base_url + "/problems/" */
    unsigned port;
    int listen_fd;
    struct mc_tpl_set *templates;
    atomic_long in_flight;
    atomic_ullong next_id;
    unsigned id_prefix;
    int log_fd; /* -1: no access log */
    /* Sign-in: password hashing off the request threads, and the failed-attempt limiter. */
    struct mc_hash_pool *hash_pool;
    struct mc_ratelimit *limits;
};

/* One request's state, from the request line to the end of the response. */
struct req_ctx {
    struct mc_http_server *srv;
    struct mc_arena *arena;
    struct mc_http_request req;
    const char *target; /* the raw request target */
    bool started;
    /* an error found before the handler runs (header size, body size): answered at the end */
    int err_status;
    const char *err_code;
    const char *err_msg;
    const char *err_where;
    struct mc_buf body;
    size_t body_limit; /* the server's max_body_bytes, or the route's own when larger */
    size_t discarded;
    struct timespec t0;
    int status;
    size_t bytes;
};

void mc_http_config_defaults(struct mc_http_config *c)
{
    memset(c, 0, sizeof *c);
    c->listen = DEFAULT_LISTEN;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    c->threads = cores > 1 ? (unsigned)(2 * cores) : 2;
    c->max_header_bytes = DEFAULT_MAX_HEADER;
    c->max_body_bytes = DEFAULT_MAX_BODY;
    c->timeout_seconds = DEFAULT_TIMEOUT;
}

/* --- logging: one write() per line, so threads do not interleave --- */

/* Append `s` as a logfmt value: quoted, with '"', '\' and control bytes escaped. */
static void logfmt_value(struct mc_buf *b, const char *s)
{
    mc_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            mc_buf_putc(b, '\\');
            mc_buf_putc(b, (char)*p);
        } else if (*p < 0x20 || *p == 0x7f) {
            mc_buf_printf(b, "\\x%02x", *p);
        } else {
            mc_buf_putc(b, (char)*p);
        }
    }
    mc_buf_putc(b, '"');
}

static void log_time(struct mc_buf *b)
{
    struct timespec ts;
    struct tm tm;
    char t[40];
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(t, sizeof t, "%Y-%m-%dT%H:%M:%S", &tm);
    mc_buf_printf(b, "time=%s.%03ldZ", t, ts.tv_nsec / 1000000);
}

static void log_write(const struct mc_http_server *s, struct mc_buf *b)
{
    if (s->log_fd < 0 || !b->data)
        return;
    if (b->len && b->data[b->len - 1] != '\n') {
        if (mc_buf_putc(b, '\n')) {
            b->data[b->len - 1] = '\n'; /* the line was cut at the cap: end it anyway */
        }
    }
    /* A short write on a pipe or file is retried; an error is dropped (logging must not fail
     * a request). */
    size_t off = 0;
    while (off < b->len) {
        ssize_t n = write(s->log_fd, b->data + off, b->len - off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        off += (size_t)n;
    }
}

__attribute__((format(printf, 2, 0))) static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
    struct mc_http_server *s = cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    struct mc_buf b;
    mc_buf_init(&b, LOG_LINE_MAX);
    log_time(&b);
    mc_buf_appendz(&b, " level=error src=httpd msg=");
    logfmt_value(&b, msg);
    log_write(s, &b);
    mc_buf_free(&b);
}

static void log_access(struct req_ctx *c, enum MHD_RequestTerminationCode toe)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long us =
            (long long)(t1.tv_sec - c->t0.tv_sec) * 1000000 + (t1.tv_nsec - c->t0.tv_nsec) / 1000;
    struct mc_buf b;
    mc_buf_init(&b, LOG_LINE_MAX);
    log_time(&b);
    mc_buf_appendz(&b, " method=");
    logfmt_value(&b, c->req.method ? c->req.method : "-");
    mc_buf_appendz(&b, " path=");
    /* The raw target without its query: what the client sent, escaped for the log. */
    const char *t = c->target ? c->target : "-";
    size_t plen = strcspn(t, "?");
    char *path = mc_arena_memdupz(c->arena, t, plen > 512 ? 512 : plen);
    logfmt_value(&b, path);
    mc_buf_printf(&b, " status=%d bytes=%zu dur_us=%lld remote=", c->status, c->bytes, us);
    logfmt_value(&b, c->req.remote_addr ? c->req.remote_addr : "-");
    mc_buf_printf(&b, " request_id=%s", c->req.request_id ? c->req.request_id : "-");
    if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK) {
        static const char *const why[] = { "ok",       "error",      "timeout",
                                           "shutdown", "read_error", "client_abort" };
        mc_buf_printf(&b, " end=%s", (unsigned)toe < 6 ? why[toe] : "other");
    }
    log_write(c->srv, &b);
    mc_buf_free(&b);
}

/* --- request life cycle --- */

/* Called by the library once the request line is read: the request's context starts here. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct mc_http_server *s = cls;
    struct req_ctx *c = mc_xcalloc(1, sizeof *c);
    c->srv = s;
    clock_gettime(CLOCK_MONOTONIC, &c->t0);
    c->arena = mc_arena_new(0);
    c->target = mc_arena_strdup(c->arena, uri ? uri : "");
    mc_buf_init(&c->body, s->cfg.max_body_bytes);
    unsigned long long id = atomic_fetch_add(&s->next_id, 1);
    c->req.request_id = mc_arena_printf(c->arena, "%08x%08llx", s->id_prefix, id);
    c->req.arena = c->arena;
    c->req.pool = s->cfg.pool;
    c->req.config = &s->cfg;
    c->req.templates = s->templates;
    c->req.base_url = s->base_url;
    c->req.conn = conn;
    c->req.hash_pool = s->hash_pool;
    c->req.limits = s->limits;
    c->body_limit = s->cfg.max_body_bytes;
    const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char host[INET6_ADDRSTRLEN + 1] = "-";
    if (ci && ci->client_addr) {
        socklen_t len = ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                                               : sizeof(struct sockaddr_in);
        if (getnameinfo(ci->client_addr, len, host, sizeof host, NULL, 0, NI_NUMERICHOST))
            snprintf(host, sizeof host, "-");
    }
    c->req.remote_addr = mc_arena_strdup(c->arena, host);
    atomic_fetch_add(&s->in_flight, 1);
    return c;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct mc_http_server *s = cls;
    struct req_ctx *c = *con_cls;
    if (!c)
        return;
    *con_cls = NULL;
    log_access(c, toe);
    mc_buf_free(&c->body);
    mc_arena_free(c->arena);
    free(c);
    atomic_fetch_sub(&s->in_flight, 1);
}

const char *mc_http_header(const struct mc_http_request *r, const char *name)
{
    if (!r->conn)
        return NULL;
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *mc_http_path_param(const struct mc_http_request *r, const char *name)
{
    for (size_t i = 0; i < r->n_path_params; i++)
        if (strcmp(r->path_params[i].name, name) == 0)
            return r->path_params[i].value;
    return NULL;
}

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                    const char *value)
{
    size_t *sum = cls;
    *sum += strlen(key) + (value ? strlen(value) : 0) + 4; /* ": " and CRLF */
    return MHD_YES;
}

static void set_error(struct req_ctx *c, int status, const char *code, const char *msg,
                      const char *where)
{
    if (c->err_status)
        return; /* the first problem is the one reported */
    c->err_status = status;
    c->err_code = code;
    c->err_msg = msg;
    c->err_where = where;
}

/* Whether a path's errors are JSON: the API and machine endpoints, or a client that does not
 * ask for HTML. */
static bool wants_json(const struct mc_http_request *r, const char *path)
{
    if (strncmp(path, "/api/", 5) == 0 || strncmp(path, "/ims/", 5) == 0 ||
        strcmp(path, "/healthz") == 0)
        return true;
    const char *accept = mc_http_header(r, "Accept");
    return !(accept && strstr(accept, "text/html"));
}

/* The Open Badges API's codeMinor for an error the server answers before (or instead of) the
 * route's handler. */
static const char *ob3_minor(int status, const char *code)
{
    if (status == 404)
        return "not_found";
    if (status >= 500)
        return "internal_server_error";
    return strcmp(code, "bad_query") == 0 ? "invalid_query_parameter" : "invalid_data";
}

static void reply_problem(struct req_ctx *c, struct mc_http_response *res, bool json, int status,
                          const char *code, const char *msg, const char *where)
{
    const char *path = c->req.path;
    if (json && path && strncmp(path, MC_OB3_BASE "/", strlen(MC_OB3_BASE) + 1) == 0) {
        /* The Open Badges API answers its errors as Imsx_StatusInfo, wherever they arise. */
        mc_ob3_reply_status(res, status, ob3_minor(status, code), msg);
        return;
    }
    if (json) {
        mc_http_reply_error(res, status, code, msg, where);
        return;
    }
    const char *title = status == 404   ? "Page not found"
                        : status == 405 ? "Method not allowed"
                        : status >= 500 ? "Something went wrong"
                                        : "The request was not valid";
    mc_http_reply_error_page(&c->req, res, status, title, msg);
}

/* Decode the target, find the route, parse the query and run the handler. */
static void dispatch(struct req_ctx *c, struct mc_http_response *res)
{
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_http_request *req = &c->req;
    char *path = NULL;
    char *raw_query = NULL;
    enum mc_rc rc =
            mc_http_target_parse(c->target, strlen(c->target), c->arena, &path, &raw_query, &e);
    if (rc) {
        reply_problem(c, res, true, 400, "bad_path", e.msg, "path");
        return;
    }
    req->path = path;
    req->raw_query = raw_query;
    req->body = c->body.data ? c->body.data : "";
    req->body_len = c->body.len;

    struct mc_route_match m;
    enum mc_route_result found = mc_http_route_find(mc_http_routes, mc_http_routes_count,
                                                    req->method, path, c->arena, &m);
    if (found == MC_ROUTE_NOT_FOUND) {
        char *msg = mc_arena_printf(c->arena, "there is nothing at %s", path);
        reply_problem(c, res, wants_json(req, path), 404, "not_found", msg, "path");
        return;
    }
    if (found == MC_ROUTE_METHOD_MISMATCH) {
        char *allow = mc_arena_strdup(c->arena, m.allow);
        char *msg = mc_arena_printf(c->arena, "%s is not allowed on %s; use %s", req->method, path,
                                    allow);
        reply_problem(c, res, wants_json(req, path), 405, "method_not_allowed", msg, "method");
        mc_http_response_header(res, "Allow", allow);
        return;
    }
    bool json = m.route->kind == MC_HTTP_API;
    memcpy(req->path_params, m.params, sizeof m.params);
    req->n_path_params = m.n_params;

    rc = mc_http_query_parse(raw_query, strlen(raw_query), c->arena, &req->query, &e);
    if (rc) {
        const char *where = mc_arena_strdup(c->arena, e.where[0] ? e.where : "query");
        if (json)
            reply_problem(c, res, true, 400, "bad_query", e.msg, where);
        else
            mc_http_reply_error_page(req, res, 400, "The address is not valid", e.msg);
        return;
    }
    mc_err_clear(&e);
    rc = m.route->handler(req, res, &e);
    if (rc) {
        /* The details are for the log, not for the client. */
        struct mc_buf b;
        mc_buf_init(&b, LOG_LINE_MAX);
        log_time(&b);
        mc_buf_printf(&b, " level=error request_id=%s rc=%s msg=", req->request_id, mc_rc_name(rc));
        logfmt_value(&b, e.msg);
        log_write(c->srv, &b);
        mc_buf_free(&b);
        mc_buf_reset(&res->body);
        res->n_headers = 0;
        res->content_type = NULL;
        int status = rc == MC_ERR_DB || rc == MC_ERR_IO ? 503 : 500;
        reply_problem(c, res, json, status, status == 503 ? "unavailable" : "internal_error",
                      status == 503 ? "the service cannot reach its database; try again shortly"
                                    : "an internal error stopped this request; it has been logged",
                      NULL);
    }
}

static void free_body(void *p)
{
    free(p);
}

static enum MHD_Result send_response(struct req_ctx *c, struct MHD_Connection *conn,
                                     struct mc_http_response *res)
{
    size_t len = 0;
    char *data = mc_buf_steal(&res->body, &len);
    struct MHD_Response *r =
            MHD_create_response_from_buffer_with_free_callback(len, data, free_body);
    if (!r) {
        free(data);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type",
                            res->content_type ? res->content_type : "text/plain; charset=utf-8");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy", CONTENT_SECURITY_POL);
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "X-Request-Id", c->req.request_id);
    for (size_t i = 0; i < res->n_headers; i++)
        MHD_add_response_header(r, res->headers[i].name, res->headers[i].value);
    c->status = res->status;
    c->bytes = strcmp(c->req.method, "HEAD") == 0 ? 0 : len;
    enum MHD_Result ok = MHD_queue_response(conn, (unsigned)res->status, r);
    MHD_destroy_response(r);
    return ok;
}

/* The body limit of the route a request goes to: the server's, or the route's own when it reads
 * more (bulk uploads). A path that does not parse or match gets the server's. */
static size_t route_body_limit(struct req_ctx *c, const char *method)
{
    size_t limit = c->srv->cfg.max_body_bytes;
    char *path = NULL;
    char *query = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_http_target_parse(c->target, strlen(c->target), c->arena, &path, &query, &e))
        return limit;
    struct mc_route_match m;
    if (mc_http_route_find(mc_http_routes, mc_http_routes_count, method, path, c->arena, &m) !=
        MC_ROUTE_FOUND)
        return limit;
    for (size_t i = 0; i < mc_http_body_limits_count; i++)
        if (mc_http_body_limits[i].route == m.route &&
            mc_http_body_limits[i].max_body_bytes > limit)
            limit = mc_http_body_limits[i].max_body_bytes;
    return limit;
}

/*
 * The library calls this several times per request: first when the headers are in (we only set
 * up: queueing a response then makes libmicrohttpd 0.9.75 close the connection, breaking
 * keep-alive), then once per piece of body, then once more with no data, when we answer.
 */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct mc_http_server *s = cls;
    struct req_ctx *c = *con_cls;
    if (!c) {
        c = on_uri(s, url, conn);
        *con_cls = c;
    }
    if (!c->started) {
        c->started = true;
        c->req.method = mc_arena_strdup(c->arena, method);
        c->req.conn = conn;
        c->body_limit = route_body_limit(c, method);
        if (c->body_limit != s->cfg.max_body_bytes) {
            mc_buf_free(&c->body);
            mc_buf_init(&c->body, c->body_limit);
        }
        size_t head = strlen(method) + strlen(c->target) + strlen(version) + 4;
        MHD_get_connection_values(conn, MHD_HEADER_KIND, count_header, &head);
        if (head > s->cfg.max_header_bytes)
            set_error(c, 431, "headers_too_large",
                      mc_arena_printf(c->arena,
                                      "the request line and headers are %zu bytes; the limit is "
                                      "%zu",
                                      head, s->cfg.max_header_bytes),
                      "headers");
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        if (cl) {
            int64_t n = 0;
            if (mc_str_to_i64(mc_str_z(cl), 0, INT64_MAX, &n, "Content-Length", NULL) ||
                (uint64_t)n > c->body_limit) {
                /* Refuse before reading the body; the connection closes after this answer. */
                struct mc_http_response res = { .status = 413, .problem_base = s->problem_base };
                mc_buf_init(&res.body, MC_HTTP_MAX_RESPONSE);
                char *msg =
                        mc_arena_printf(c->arena, "the body is %s bytes; the limit is %zu bytes",
                                        cl, c->body_limit);
                mc_http_reply_error(&res, 413, "body_too_large", msg, "Content-Length");
                enum MHD_Result ok = send_response(c, conn, &res);
                mc_buf_free(&res.body);
                return ok;
            }
        }
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (c->err_status) {
            /* Read and drop, up to a bound; past it, drop the connection. */
            c->discarded += n;
            return c->discarded > c->body_limit + 4 * s->cfg.max_body_bytes ? MHD_NO : MHD_YES;
        }
        if (mc_buf_append(&c->body, upload_data, n)) {
            mc_buf_free(&c->body);
            c->discarded = n;
            set_error(c, 413, "body_too_large",
                      mc_arena_printf(c->arena, "the body is larger than the limit of %zu bytes",
                                      c->body_limit),
                      "body");
        }
        return MHD_YES;
    }

    struct mc_http_response res = { .status = 200, .problem_base = s->problem_base };
    mc_buf_init(&res.body, MC_HTTP_MAX_RESPONSE);
    if (c->err_status)
        mc_http_reply_error(&res, c->err_status, c->err_code, c->err_msg, c->err_where);
    else
        dispatch(c, &res);
    enum MHD_Result ok = send_response(c, conn, &res);
    mc_buf_free(&res.body);
    return ok;
}

/* --- start and stop --- */

/* Split "host:port" or "[v6]:port" and bind a listening socket to it. */
static enum mc_rc bind_listen(const char *listen_addr, int *fd_out, struct mc_err *e)
{
    enum mc_rc rc = MC_OK;
    struct addrinfo *ai = NULL;
    int fd = -1;
    const char *colon = strrchr(listen_addr, ':');
    if (!colon || colon == listen_addr)
        return mc_err_set(e, MC_ERR_INVALID,
                          "listen address '%s' must be HOST:PORT, like 127.0.0.1:8080 or "
                          "[::1]:8080",
                          listen_addr);
    char host[256];
    size_t hlen = (size_t)(colon - listen_addr);
    const char *h = listen_addr;
    if (h[0] == '[') {
        if (hlen < 2 || h[hlen - 1] != ']')
            return mc_err_set(e, MC_ERR_INVALID,
                              "listen address '%s': an IPv6 address goes in brackets, like "
                              "[::1]:8080",
                              listen_addr);
        h++;
        hlen -= 2;
    }
    if (hlen == 0 || hlen >= sizeof host)
        return mc_err_set(e, MC_ERR_INVALID, "listen address '%s' has no usable host", listen_addr);
    memcpy(host, h, hlen);
    host[hlen] = '\0';
    int64_t port = 0;
    if (mc_str_to_i64(mc_str_z(colon + 1), 0, 65535, &port, "port", NULL))
        return mc_err_set(e, MC_ERR_INVALID,
                          "listen address '%s': the port must be a number in 0..65535",
                          listen_addr);
    char service[8];
    snprintf(service, sizeof service, "%d", (int)port);
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_NUMERICSERV | AI_ADDRCONFIG };
    int gai = getaddrinfo(host, service, &hints, &ai);
    if (gai) {
        rc = mc_err_set(e, MC_ERR_INVALID, "listen address '%s': %s", listen_addr,
                        gai_strerror(gai));
        goto out;
    }
    fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        rc = mc_err_set(e, MC_ERR_IO, "listen address '%s': socket: %s", listen_addr,
                        strerror(errno));
        goto out;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (ai->ai_family == AF_INET6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
        rc = mc_err_set(e, MC_ERR_IO, "cannot listen on %s: %s%s", listen_addr, strerror(errno),
                        errno == EADDRINUSE ? " (another program uses it; pick another port)" : "");
        goto out;
    }
    if (listen(fd, 1024) != 0) {
        rc = mc_err_set(e, MC_ERR_IO, "cannot listen on %s: %s", listen_addr, strerror(errno));
        goto out;
    }
    *fd_out = fd;
    fd = -1;
out:
    if (fd >= 0)
        close(fd);
    if (ai)
        freeaddrinfo(ai);
    return rc;
}

enum mc_rc mc_http_server_start(const struct mc_http_config *cfg, struct mc_http_server **out,
                                struct mc_err *e)
{
    enum mc_rc rc = MC_OK;
    struct mc_http_server *s = mc_xcalloc(1, sizeof *s);
    s->listen_fd = -1;
    s->cfg = *cfg;
    s->listen = mc_xstrdup(cfg->listen ? cfg->listen : DEFAULT_LISTEN);
    s->cfg.listen = s->listen;
    if (cfg->public_url) {
        s->public_url = mc_xstrdup(cfg->public_url);
        size_t n = strlen(s->public_url);
        while (n && s->public_url[n - 1] == '/')
            s->public_url[--n] = '\0';
        s->cfg.public_url = s->public_url;
    }
    if (s->cfg.threads == 0) {
        struct mc_http_config d;
        mc_http_config_defaults(&d);
        s->cfg.threads = d.threads;
    }
    if (s->cfg.max_header_bytes == 0)
        s->cfg.max_header_bytes = DEFAULT_MAX_HEADER;
    if (s->cfg.max_body_bytes == 0)
        s->cfg.max_body_bytes = DEFAULT_MAX_BODY;
    if (s->cfg.timeout_seconds == 0)
        s->cfg.timeout_seconds = DEFAULT_TIMEOUT;
    if (s->cfg.access_log)
        s->log_fd = fileno(s->cfg.access_log);
    else
        s->log_fd = s->cfg.quiet ? -1 : STDERR_FILENO;
    if (s->cfg.access_log)
        fflush(s->cfg.access_log);
    unsigned seed = 0;
    if (getrandom(&seed, sizeof seed, 0) != (ssize_t)sizeof seed)
        seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    s->id_prefix = seed;

    rc = mc_tpl_set_load_embed(&mc_embed_templates, &s->templates, e);
    if (rc)
        goto out;
    rc = mc_hash_pool_new(MC_HASH_POOL_WORKERS, MC_HASH_POOL_QUEUE_MAX, &s->hash_pool, e);
    if (rc)
        goto out;
    rc = mc_ratelimit_new(NULL, &s->limits, e);
    if (rc)
        goto out;
    rc = bind_listen(s->listen, &s->listen_fd, e);
    if (rc)
        goto out;
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    if (getsockname(s->listen_fd, (struct sockaddr *)&ss, &sl) == 0)
        s->port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                                 : ((struct sockaddr_in *)&ss)->sin_port);
    if (s->public_url) {
        snprintf(s->base_url, sizeof s->base_url, "%s", s->public_url);
    } else {
        const char *colon = strrchr(s->listen, ':');
        snprintf(s->base_url, sizeof s->base_url, "http://%.*s:%u", (int)(colon - s->listen),
                 s->listen, s->port);
    }
    snprintf(s->problem_base, sizeof s->problem_base, "%s/problems/", s->base_url);

    /* Headers may take up to max_header_bytes; the pool also holds the read buffer, so it gets
     * room beyond that (headers past the whole pool get libmicrohttpd's own 431). The logger
     * goes first so that messages about the other options reach it too. */
    size_t mem = s->cfg.max_header_bytes * 2 + 16384;
    unsigned flags =
            MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (ss.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    s->daemon = MHD_start_daemon(
            flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, s,
            MHD_OPTION_LISTEN_SOCKET, s->listen_fd, MHD_OPTION_THREAD_POOL_SIZE,
            (unsigned)s->cfg.threads, MHD_OPTION_CONNECTION_MEMORY_LIMIT, mem,
            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)s->cfg.timeout_seconds,
            MHD_OPTION_CONNECTION_LIMIT, (unsigned)MAX_CONNECTIONS, MHD_OPTION_URI_LOG_CALLBACK,
            on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
    if (!s->daemon) {
        /* Whether the library closed the socket on failure is not documented: leaking one
         * descriptor on this rare path is safer than closing it twice. */
        s->listen_fd = -1;
        rc = mc_err_set(e, MC_ERR_IO, "cannot start the HTTP server on %s (see the log above)",
                        s->listen);
        goto out;
    }
out:
    if (rc) {
        if (s->listen_fd >= 0)
            close(s->listen_fd);
        mc_tpl_set_free(s->templates);
        mc_hash_pool_free(s->hash_pool);
        mc_ratelimit_free(s->limits);
        free(s->listen);
        free(s->public_url);
        free(s);
        s = NULL;
    }
    *out = s;
    return rc;
}

unsigned mc_http_server_port(const struct mc_http_server *s)
{
    return s->port;
}

void mc_http_server_url(const struct mc_http_server *s, char *buf, size_t size)
{
    snprintf(buf, size, "%s", s->base_url);
}

void mc_http_server_listen_url(const struct mc_http_server *s, char *buf, size_t size)
{
    const char *colon = strrchr(s->listen, ':');
    snprintf(buf, size, "http://%.*s:%u", (int)(colon ? colon - s->listen : 0), s->listen, s->port);
}

void mc_http_server_stop(struct mc_http_server *s)
{
    if (!s)
        return;
    /* Quiescing hands the listening socket back; closing it at once refuses new connections
     * while the requests in flight finish. */
    MHD_socket fd = MHD_quiesce_daemon(s->daemon);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    for (int waited = 0; waited < STOP_GRACE_MS && atomic_load(&s->in_flight) > 0; waited += 5) {
        struct timespec ts = { 0, 5 * 1000000 };
        nanosleep(&ts, NULL);
    }
    MHD_stop_daemon(s->daemon);
    /* After the request threads: nobody can be waiting on the pool any more. */
    mc_hash_pool_free(s->hash_pool);
    mc_ratelimit_free(s->limits);
    mc_tpl_set_free(s->templates);
    free(s->listen);
    free(s->public_url);
    free(s);
}
