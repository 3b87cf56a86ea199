/* SPDX-License-Identifier: Apache-2.0 */
/* Response helpers: headers, JSON, HTML and the one error shape (RFC 9457 problem details). */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "http/http.h"

enum mc_rc mc_http_response_header(struct mc_http_response *res, const char *name,
                                   const char *value)
{
    if (res->n_headers == MC_HTTP_MAX_HEADERS)
        return MC_ERR_TOO_LARGE;
    res->headers[res->n_headers].name = name;
    res->headers[res->n_headers].value = value;
    res->n_headers++;
    return MC_OK;
}

/* jansson's dump callback: append to our capped buffer. */
static int dump_to_buf(const char *p, size_t len, void *data)
{
    return mc_buf_append(data, p, len) == MC_OK ? 0 : -1;
}

enum mc_rc mc_http_reply_json(struct mc_http_response *res, int status, const json_t *json)
{
    mc_buf_reset(&res->body);
    res->status = status;
    res->content_type = "application/json; charset=utf-8";
    if (json_dump_callback(json, dump_to_buf, &res->body, JSON_COMPACT) != 0)
        return MC_ERR_TOO_LARGE;
    return mc_buf_putc(&res->body, '\n');
}

enum mc_rc mc_http_reply_html(struct mc_http_response *res, int status, const char *html,
                              size_t len)
{
    mc_buf_reset(&res->body);
    res->status = status;
    res->content_type = "text/html; charset=utf-8";
    return mc_buf_append(&res->body, html, len);
}

/* Titles of the problem types clients meet most; others get the HTTP reason phrase. A title
 * stays the same for every occurrence of a type (RFC 9457 §3.1.3); the detail says what happened
 * this time. */
static const struct {
    const char *code;
    const char *title;
} problem_titles[] = {
    { "unknown_parameter", "Unknown query parameter" },
    { "repeated_parameter", "Repeated query parameter" },
    { "invalid_parameter", "Invalid parameter value" },
    { "bad_query", "Malformed query string" },
    { "bad_path", "Malformed path" },
    { "not_found", "Not found" },
    { "method_not_allowed", "Method not allowed" },
    { "headers_too_large", "Request headers too large" },
    { "body_too_large", "Request body too large" },
    { "invalid_body", "Invalid request body" },
    { "unsupported_media_type", "Unsupported media type" },
    { "not_acceptable", "Not acceptable" },
    { "unavailable", "Service unavailable" },
    { "issuing_unavailable", "Issuing is not configured" },
    { "internal_error", "Internal error" },
    { "unauthorized", "Authentication required" },
    { "forbidden", "Not allowed" },
    { "csrf_failed", "CSRF token missing or wrong" },
    { "insufficient_scope", "Token scope missing" },
    { "too_many_attempts", "Too many sign-in attempts" },
    { "busy", "Busy, try again" },
    { "invalid_field", "Invalid field" },
    { "conflict", "Conflict" },
    { "issuer_not_ready", "The issuer cannot sign yet" },
};

const char *mc_http_reason(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Server Error" : "Client Error";
    }
}

const char *mc_http_problem_title(const char *code, int status)
{
    for (size_t i = 0; code && i < sizeof problem_titles / sizeof problem_titles[0]; i++)
        if (strcmp(problem_titles[i].code, code) == 0)
            return problem_titles[i].title;
    return mc_http_reason(status);
}

/* A code is a snake_case identifier, so it can go in a URL path as it is. */
static bool code_is_token(const char *code)
{
    if (!code || !*code)
        return false;
    for (const char *p = code; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
            return false;
    return true;
}

enum mc_rc mc_http_reply_error(struct mc_http_response *res, int status, const char *code,
                               const char *message, const char *where)
{
    return mc_http_reply_problem(res, status, code, message, where, NULL);
}

enum mc_rc mc_http_reply_problem(struct mc_http_response *res, int status, const char *code,
                                 const char *message, const char *where, const json_t *extra)
{
    json_t *doc = json_object();
    if (res->problem_base && code_is_token(code)) {
        char *type = mc_xasprintf("%s%s", res->problem_base, code);
        json_object_set_new(doc, "type", json_string(type));
        free(type);
    } else {
        json_object_set_new(doc, "type", json_string("about:blank"));
    }
    json_object_set_new(doc, "title", json_string(mc_http_problem_title(code, status)));
    json_object_set_new(doc, "status", json_integer(status));
    /* Messages may quote what the client sent; json_string() refuses text that is not UTF-8. */
    json_t *msg = json_string(message ? message : "");
    json_object_set_new(doc, "detail", msg ? msg : json_string("(the message was not UTF-8)"));
    json_t *c = code ? json_string(code) : NULL;
    if (c)
        json_object_set_new(doc, "code", c);
    if (where && *where) {
        json_t *w = json_string(where);
        if (w) {
            json_object_set(doc, "field", w);
            json_object_set_new(doc, "where", w);
        }
    }
    if (extra)
        json_object_update_missing(doc, (json_t *)extra);
    enum mc_rc rc = mc_http_reply_json(res, status, doc);
    res->content_type = "application/problem+json";
    json_decref(doc);
    return rc;
}

int mc_http_status_for(enum mc_rc rc)
{
    switch (rc) {
    case MC_OK: return 200;
    case MC_ERR_INVALID: return 400;
    case MC_ERR_NOT_FOUND: return 404;
    case MC_ERR_CONFLICT: return 409;
    case MC_ERR_TOO_LARGE: return 413;
    case MC_ERR_UNSUPPORTED: return 501;
    case MC_ERR_AUTH: return 401;
    case MC_ERR_FORBIDDEN: return 403;
    case MC_ERR_CRYPTO: return 400;
    case MC_ERR_IO:
    case MC_ERR_DB: return 503;
    case MC_ERR_INTERNAL:
    default: return 500;
    }
}

bool mc_http_api_query_ok(struct mc_http_request *req, struct mc_http_response *res,
                          const char *const *allowed)
{
    static const char *const none[] = { NULL };
    const char *code = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_query_check(&req->query, allowed ? allowed : none, &code, &err))
        return true;
    mc_http_reply_error(res, 400, code, err.msg, err.where);
    return false;
}

bool mc_http_page_query_ok(struct mc_http_request *req, struct mc_http_response *res,
                           const char *const *allowed, enum mc_rc *rc)
{
    static const char *const none[] = { NULL };
    struct mc_err err;
    mc_err_clear(&err);
    *rc = MC_OK;
    if (!mc_http_query_check(&req->query, allowed ? allowed : none, NULL, &err))
        return true;
    *rc = mc_http_reply_error_page(req, res, 400, "The address is not valid", err.msg);
    return false;
}
