/* SPDX-License-Identifier: Apache-2.0 */
/* Decoding of request targets: percent-decoding, the path, the query string; URL encoding. */
#include "http/query.h"

#include <stdio.h>
#include <string.h>

#include "base/hex.h"
#include "base/utf8.h"

enum mc_rc mc_http_percent_decode(const char *p, size_t len, bool plus_is_space, struct mc_arena *a,
                                  const char *what, char **out, size_t *out_len, struct mc_err *e)
{
    /* Decoding never makes the text longer. */
    char *d = mc_arena_alloc(a, len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '%') {
            int hi = i + 1 < len ? mc_hex_digit((char)p[i + 1]) : -1;
            int lo = i + 2 < len ? mc_hex_digit((char)p[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return mc_err_set(e, MC_ERR_INVALID,
                                  "%s: '%%' at byte %zu is not followed by two hex digits", what,
                                  i);
            c = (unsigned char)(hi * 16 + lo);
            if (c == 0)
                return mc_err_set(e, MC_ERR_INVALID, "%s: %%00 (a NUL byte) at byte %zu", what, i);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        } else if (c == 0) {
            return mc_err_set(e, MC_ERR_INVALID, "%s: a NUL byte at byte %zu", what, i);
        }
        d[n++] = (char)c;
    }
    d[n] = '\0';
    size_t bad = 0;
    if (!mc_utf8_valid(d, n, &bad))
        return mc_err_set(e, MC_ERR_INVALID, "%s is not valid UTF-8 (at decoded byte %zu)", what,
                          bad);
    *out = d;
    *out_len = n;
    return MC_OK;
}

enum mc_rc mc_http_query_parse(const char *p, size_t len, struct mc_arena *a,
                               struct mc_http_query *out, struct mc_err *e)
{
    enum mc_rc rc = MC_OK;
    size_t cap = 0;
    for (size_t i = 0; i < len; i++)
        if (p[i] == '&')
            cap++;
    cap++;
    if (cap > MC_HTTP_MAX_QUERY_PARAMS)
        cap = MC_HTTP_MAX_QUERY_PARAMS + 1;
    out->items = mc_arena_calloc(a, cap, sizeof *out->items);
    out->count = 0;

    size_t start = 0;
    while (start <= len) {
        size_t end = start;
        while (end < len && p[end] != '&')
            end++;
        if (end > start) {
            if (out->count == MC_HTTP_MAX_QUERY_PARAMS) {
                rc = mc_err_set(e, MC_ERR_TOO_LARGE, "the query has more than %d parameters",
                                MC_HTTP_MAX_QUERY_PARAMS);
                mc_err_where(e, "query");
                goto out;
            }
            size_t eq = start;
            while (eq < end && p[eq] != '=')
                eq++;
            struct mc_http_param *prm = &out->items[out->count];
            char *name = NULL;
            char *value = NULL;
            size_t nlen = 0;
            size_t vlen = 0;
            rc = mc_http_percent_decode(p + start, eq - start, true, a, "a query parameter name",
                                        &name, &nlen, e);
            if (rc) {
                mc_err_where(e, "query");
                goto out;
            }
            if (eq < end) {
                char *what = mc_arena_printf(a, "query parameter '%s'", name);
                rc = mc_http_percent_decode(p + eq + 1, end - eq - 1, true, a, what, &value, &vlen,
                                            e);
                if (rc) {
                    mc_err_where(e, "%s", name);
                    goto out;
                }
            } else {
                value = mc_arena_strdup(a, "");
            }
            prm->name = name;
            prm->value = value;
            prm->value_len = vlen;
            out->count++;
        }
        start = end + 1;
    }
out:
    return rc;
}

enum mc_rc mc_http_target_parse(const char *target, size_t len, struct mc_arena *a, char **path,
                                char **raw_query, struct mc_err *e)
{
    size_t q = 0;
    while (q < len && target[q] != '?')
        q++;
    /* A fragment is never sent by clients; if one is, it is part of the query and rejected by
     * the endpoint as an unknown parameter or bad value. */
    if (q == 0 || target[0] != '/')
        return mc_err_set(e, MC_ERR_INVALID, "the request path must start with '/'");
    size_t plen = 0;
    enum mc_rc rc = mc_http_percent_decode(target, q, false, a, "the path", path, &plen, e);
    if (rc) {
        mc_err_where(e, "path");
        return rc;
    }
    *raw_query =
            q < len ? mc_arena_memdupz(a, target + q + 1, len - q - 1) : mc_arena_strdup(a, "");
    return MC_OK;
}

enum mc_rc mc_http_url_encode(struct mc_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    enum mc_rc rc = MC_OK;
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        bool plain = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                     (*c >= '0' && *c <= '9') || *c == '-' || *c == '.' || *c == '_' || *c == '~';
        if (plain) {
            rc = mc_buf_putc(b, (char)*c);
        } else {
            char enc[3] = { '%', hex[*c >> 4], hex[*c & 15] };
            rc = mc_buf_append(b, enc, 3);
        }
        if (rc)
            return rc;
    }
    return rc;
}

const char *mc_http_query_get(const struct mc_http_query *q, const char *name)
{
    for (size_t i = 0; i < q->count; i++)
        if (strcmp(q->items[i].name, name) == 0)
            return q->items[i].value;
    return NULL;
}

enum mc_rc mc_http_query_check(const struct mc_http_query *q, const char *const *allowed,
                               const char **code, struct mc_err *e)
{
    for (size_t i = 0; i < q->count; i++) {
        const char *name = q->items[i].name;
        bool known = false;
        for (const char *const *k = allowed; *k; k++)
            if (strcmp(*k, name) == 0)
                known = true;
        if (!known) {
            /* List what is accepted, so the message says what to do. */
            char list[256] = "";
            size_t used = 0;
            for (const char *const *k = allowed; *k && used < sizeof list; k++) {
                int n = snprintf(list + used, sizeof list - used, "%s%s", k == allowed ? "" : ", ",
                                 *k);
                if (n < 0)
                    break;
                used += (size_t)n;
            }
            mc_err_set(e, MC_ERR_INVALID, "unknown query parameter '%s' (accepted: %s)", name,
                       list);
            mc_err_where(e, "%s", name);
            if (code)
                *code = "unknown_parameter";
            return MC_ERR_INVALID;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(q->items[j].name, name) == 0) {
                mc_err_set(e, MC_ERR_INVALID, "query parameter '%s' is given more than once", name);
                mc_err_where(e, "%s", name);
                if (code)
                    *code = "repeated_parameter";
                return MC_ERR_INVALID;
            }
        }
    }
    return MC_OK;
}
