/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers over jansson. */
#include "base/json.h"

#include "base/json-read.h"
#include "base/utf8.h"

#include <math.h>
#include <stdio.h>

#define DEFAULT_MAX_BYTES (16u << 20)
#define DEFAULT_MAX_DEPTH 64

/* Line and column (both from 1; the column counts characters) of byte `offset` of p. */
static void line_column(const char *p, size_t offset, int *line, int *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < offset; i++) {
        if (p[i] == '\n') {
            ++*line;
            *column = 1;
        } else if (((unsigned char)p[i] & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

enum mc_rc mc_json_parse(const char *p, size_t len, size_t flags,
                         const struct mc_json_limits *limits, json_t **out, struct mc_err *e)
{
    size_t max_bytes = limits && limits->max_bytes ? limits->max_bytes : DEFAULT_MAX_BYTES;
    size_t max_depth = limits && limits->max_depth ? limits->max_depth : DEFAULT_MAX_DEPTH;
    *out = NULL;
    if (len > max_bytes)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "JSON of %zu bytes is over the limit of %zu", len,
                          max_bytes);
    struct mc_json_read_error re;
    *out = mc_json_read(p, len, flags, max_depth, &re);
    if (*out)
        return MC_OK;
    if (re.rc == MC_ERR_TOO_LARGE) {
        mc_err_where(e, "byte %zu", re.offset);
        return mc_err_set(e, MC_ERR_TOO_LARGE, "%s (at byte %zu)", re.what, re.offset);
    }
    int line, column;
    line_column(p, re.offset, &line, &column);
    mc_err_where(e, "line %d, column %d", line, column);
    return mc_err_set(e, MC_ERR_INVALID, "JSON syntax error at line %d, column %d: %s", line,
                      column, re.what);
}

/*
 * Write "<ptr>/<key>" into e->where with the key escaped as RFC 6901 section 3 says ('~' as "~0",
 * '/' as "~1"), so the place is a JSON pointer a person or a tool can follow.
 */
size_t mc_json_pointer_escape(const char *key, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *k = key; *k; k++) {
        bool esc = *k == '~' || *k == '/';
        if (n + (esc ? 3 : 2) > cap)
            break; /* and the NUL */
        if (esc) {
            out[n++] = '~';
            out[n++] = *k == '~' ? '0' : '1';
        } else {
            out[n++] = *k;
        }
    }
    if (cap)
        out[n] = '\0';
    return n;
}

static void where_member(struct mc_err *e, const char *ptr, const char *key)
{
    if (!e)
        return;
    char esc[MC_ERR_WHERE_MAX];
    mc_json_pointer_escape(key, esc, sizeof esc);
    mc_err_where(e, "%s/%s", ptr, esc);
}

/* A failure at member `key` of the object at `ptr`: the place into e->where, the message names
 * it too. */
static enum mc_rc fail_member(struct mc_err *e, const char *ptr, const char *key, const char *what)
{
    if (!e)
        return MC_ERR_INVALID;
    mc_err_set(e, MC_ERR_INVALID, "%s", what);
    where_member(e, ptr, key);
    mc_err_prefix(e, "%s", e->where);
    return MC_ERR_INVALID;
}

static enum mc_rc member(const json_t *obj, const char *ptr, const char *key, bool required,
                         json_t **v, struct mc_err *e)
{
    *v = NULL;
    if (!json_is_object(obj)) {
        mc_err_where(e, "%s", ptr[0] ? ptr : "/");
        return mc_err_set(e, MC_ERR_INVALID, "%s: expected an object", ptr[0] ? ptr : "/");
    }
    *v = json_object_get(obj, key);
    if (*v && json_is_null(*v))
        *v = NULL;
    if (!*v && required)
        return fail_member(e, ptr, key, "required, and missing");
    return MC_OK;
}

static enum mc_rc wrong(const char *ptr, const char *key, const char *what, struct mc_err *e)
{
    char msg[96];
    snprintf(msg, sizeof msg, "expected %s", what);
    return fail_member(e, ptr, key, msg);
}

enum mc_rc mc_json_get_string(const json_t *obj, const char *ptr, const char *key, bool required,
                              const char **out, struct mc_err *e)
{
    json_t *v;
    enum mc_rc rc = member(obj, ptr, key, required, &v, e);
    if (rc || !v)
        return rc;
    if (!json_is_string(v))
        return wrong(ptr, key, "a string", e);
    *out = json_string_value(v);
    return MC_OK;
}

enum mc_rc mc_json_get_int(const json_t *obj, const char *ptr, const char *key, bool required,
                           int64_t min, int64_t max, int64_t *out, struct mc_err *e)
{
    json_t *v;
    enum mc_rc rc = member(obj, ptr, key, required, &v, e);
    if (rc || !v)
        return rc;
    if (!json_is_integer(v))
        return wrong(ptr, key, "a whole number", e);
    json_int_t i = json_integer_value(v);
    if (i < min || i > max) {
        char msg[128];
        snprintf(msg, sizeof msg, "must be between %lld and %lld, not %lld", (long long)min,
                 (long long)max, (long long)i);
        return fail_member(e, ptr, key, msg);
    }
    *out = i;
    return MC_OK;
}

enum mc_rc mc_json_get_double(const json_t *obj, const char *ptr, const char *key, bool required,
                              double *out, struct mc_err *e)
{
    json_t *v;
    enum mc_rc rc = member(obj, ptr, key, required, &v, e);
    if (rc || !v)
        return rc;
    if (!json_is_number(v))
        return wrong(ptr, key, "a number", e);
    *out = json_number_value(v);
    return MC_OK;
}

enum mc_rc mc_json_get_bool(const json_t *obj, const char *ptr, const char *key, bool required,
                            bool *out, struct mc_err *e)
{
    json_t *v;
    enum mc_rc rc = member(obj, ptr, key, required, &v, e);
    if (rc || !v)
        return rc;
    if (!json_is_boolean(v))
        return wrong(ptr, key, "true or false", e);
    *out = json_is_true(v);
    return MC_OK;
}

enum mc_rc mc_json_get_object(const json_t *obj, const char *ptr, const char *key, bool required,
                              json_t **out, struct mc_err *e)
{
    json_t *v;
    enum mc_rc rc = member(obj, ptr, key, required, &v, e);
    if (rc || !v)
        return rc;
    if (!json_is_object(v))
        return wrong(ptr, key, "an object", e);
    *out = v;
    return MC_OK;
}

enum mc_rc mc_json_get_array(const json_t *obj, const char *ptr, const char *key, bool required,
                             json_t **out, struct mc_err *e)
{
    json_t *v;
    enum mc_rc rc = member(obj, ptr, key, required, &v, e);
    if (rc || !v)
        return rc;
    if (!json_is_array(v))
        return wrong(ptr, key, "an array", e);
    *out = v;
    return MC_OK;
}

static int dump_cb(const char *p, size_t n, void *data)
{
    return mc_buf_append(data, p, n) ? -1 : 0;
}

enum mc_rc mc_json_dump(const json_t *v, size_t flags, struct mc_buf *out)
{
    size_t start = out->len;
    /* Without an indent, no spaces after ',' and ':' either (jansson adds them by default). */
    if (!(flags & JSON_MAX_INDENT))
        flags |= JSON_COMPACT;
    if (json_dump_callback(v, dump_cb, out, flags | JSON_ENCODE_ANY) != 0) {
        mc_buf_truncate(out, start);
        return MC_ERR_TOO_LARGE;
    }
    return MC_OK;
}

enum mc_rc mc_json_put_string(struct mc_buf *out, const char *s, size_t len)
{
    if (!mc_utf8_valid(s, len, NULL))
        return MC_ERR_INVALID;
    json_t *str = json_stringn_nocheck(s, len);
    if (!str)
        return MC_ERR_INVALID;
    enum mc_rc rc = mc_json_dump(str, JSON_ENCODE_ANY, out);
    json_decref(str);
    return rc;
}
