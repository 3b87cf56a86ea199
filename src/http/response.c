/* SPDX-License-Identifier: Apache-2.0 */
/* Response helpers: headers, JSON, HTML and the one JSON error shape. */
#include <string.h>

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

enum mc_rc mc_http_reply_error(struct mc_http_response *res, int status, const char *code,
                               const char *message, const char *where)
{
    json_t *err = json_object();
    json_object_set_new(err, "code", json_string(code));
    /* Messages may quote what the client sent; json_string() refuses text that is not UTF-8. */
    json_t *msg = json_string(message);
    json_object_set_new(err, "message", msg ? msg : json_string("(the message was not UTF-8)"));
    if (where && *where) {
        json_t *w = json_string(where);
        if (w)
            json_object_set_new(err, "where", w);
    }
    json_t *doc = json_pack("{s:o}", "error", err);
    enum mc_rc rc = mc_http_reply_json(res, status, doc);
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
