/* SPDX-License-Identifier: Apache-2.0 */
/* RFC 8785 JSON Canonicalization Scheme. */
#include "base/jcs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/utf8.h"

#define MAX_DEPTH 1000

/*
 * RFC 8785 section 3.2.2.3 defers to ECMAScript's Number::toString: take the shortest digit
 * string s (k digits) and exponent n with s x 10^(n-k) == d, then lay it out by n. The shortest
 * digits are found by printing with 1..17 significant digits and keeping the first that reads
 * back as d; printf rounds correctly, so that is also the closest such string.
 */
enum mc_rc mc_jcs_format_number(double d, char out[MC_JCS_NUMBER_SIZE])
{
    if (!isfinite(d))
        return MC_ERR_INVALID;
    if (d == 0) {
        memcpy(out, "0", 2); /* and -0 too */
        return MC_OK;
    }
    char buf[40];
    char *o = out;
    if (d < 0) {
        *o++ = '-';
        d = -d;
    }
    int p;
    for (p = 1; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, d);
        if (strtod(buf, NULL) == d) /* checked: our own printf output, always a number */
            break;
    }
    /* buf is "D.DDDDe[+-]XX": collect the digits and the exponent. */
    char digits[20];
    int k = 0;
    const char *c = buf;
    for (; *c && *c != 'e'; c++)
        if (*c >= '0' && *c <= '9')
            digits[k++] = *c;
    int exp10 = 0, sign = 1;
    c++;
    if (*c == '-' || *c == '+')
        sign = *c++ == '-' ? -1 : 1;
    for (; *c; c++)
        exp10 = exp10 * 10 + (*c - '0');
    exp10 *= sign;
    while (k > 1 && digits[k - 1] == '0')
        k--; /* "1.0e+21" prints more digits than it needs */
    int n = exp10 + 1;

    if (k <= n && n <= 21) {
        memcpy(o, digits, (size_t)k);
        o += k;
        for (int i = 0; i < n - k; i++)
            *o++ = '0';
    } else if (0 < n && n <= 21) {
        memcpy(o, digits, (size_t)n);
        o += n;
        *o++ = '.';
        memcpy(o, digits + n, (size_t)(k - n));
        o += k - n;
    } else if (-6 < n && n <= 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -n; i++)
            *o++ = '0';
        memcpy(o, digits, (size_t)k);
        o += k;
    } else {
        *o++ = digits[0];
        if (k > 1) {
            *o++ = '.';
            memcpy(o, digits + 1, (size_t)(k - 1));
            o += k - 1;
        }
        o += snprintf(o, 8, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
    }
    *o = '\0';
    return MC_OK;
}

/* Section 3.2.2.2: the short escapes, \u00xx for other controls, everything else as it is. */
static enum mc_rc put_string(struct mc_buf *out, const char *s, size_t len)
{
    enum mc_rc rc = mc_buf_putc(out, '"');
    size_t run = 0; /* start of the bytes not yet copied */
    for (size_t i = 0; i < len && !rc; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[7];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        default:
            if (c < 0x20) {
                snprintf(u, sizeof u, "\\u%04x", c);
                esc = u;
            }
        }
        if (!esc)
            continue;
        rc = mc_buf_append(out, s + run, i - run);
        if (!rc)
            rc = mc_buf_appendz(out, esc);
        run = i + 1;
    }
    if (!rc)
        rc = mc_buf_append(out, s + run, len - run);
    if (!rc)
        rc = mc_buf_putc(out, '"');
    return rc;
}

/* The next UTF-16 code unit of a UTF-8 string; *pending holds a low surrogate still to come. */
static unsigned next_unit(const char *s, size_t len, size_t *i, unsigned *pending)
{
    if (*pending) {
        unsigned u = *pending;
        *pending = 0;
        return u;
    }
    size_t n;
    int32_t cp = mc_utf8_decode(s + *i, len - *i, &n);
    *i += n;
    if (cp < 0)
        cp = 0xFFFD; /* jansson only hands us valid UTF-8; be safe anyway */
    if (cp < 0x10000)
        return (unsigned)cp;
    cp -= 0x10000;
    *pending = 0xDC00 + ((unsigned)cp & 0x3FF);
    return 0xD800 + ((unsigned)cp >> 10);
}

struct member {
    const char *key;
    size_t len;
    json_t *value;
};

/* Section 3.2.3: compare names as arrays of UTF-16 code units. */
static int cmp_utf16(const void *a, const void *b)
{
    const struct member *x = a, *y = b;
    size_t i = 0, j = 0;
    unsigned px = 0, py = 0;
    while ((i < x->len || px) && (j < y->len || py)) {
        unsigned ux = next_unit(x->key, x->len, &i, &px);
        unsigned uy = next_unit(y->key, y->len, &j, &py);
        if (ux != uy)
            return ux < uy ? -1 : 1;
    }
    bool x_more = i < x->len || px, y_more = j < y->len || py;
    return x_more - y_more;
}

static enum mc_rc serialize(const json_t *v, struct mc_buf *out, int depth, struct mc_err *e)
{
    if (depth > MAX_DEPTH)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "JSON nests deeper than %d levels", MAX_DEPTH);
    char num[MC_JCS_NUMBER_SIZE];
    enum mc_rc rc = MC_OK;
    switch (json_typeof(v)) {
    case JSON_NULL: return mc_buf_appendz(out, "null");
    case JSON_TRUE: return mc_buf_appendz(out, "true");
    case JSON_FALSE: return mc_buf_appendz(out, "false");
    case JSON_INTEGER:
    case JSON_REAL:
        if (mc_jcs_format_number(json_number_value(v), num))
            return mc_err_set(e, MC_ERR_INVALID, "JSON cannot carry NaN or infinity");
        return mc_buf_appendz(out, num);
    case JSON_STRING: return put_string(out, json_string_value(v), json_string_length(v));
    case JSON_ARRAY: {
        rc = mc_buf_putc(out, '[');
        for (size_t i = 0; i < json_array_size(v) && !rc; i++) {
            if (i)
                rc = mc_buf_putc(out, ',');
            if (!rc)
                rc = serialize(json_array_get(v, i), out, depth + 1, e);
        }
        return rc ? rc : mc_buf_putc(out, ']');
    }
    case JSON_OBJECT: {
        size_t n = json_object_size(v), k = 0;
        struct member *m = mc_xcalloc(n + 1, sizeof *m);
        const char *key;
        size_t key_len;
        json_t *val;
        json_object_keylen_foreach((json_t *)v, key, key_len, val)
        {
            m[k++] = (struct member){ key, key_len, val };
        }
        qsort(m, k, sizeof *m, cmp_utf16);
        rc = mc_buf_putc(out, '{');
        for (size_t i = 0; i < k && !rc; i++) {
            if (i)
                rc = mc_buf_putc(out, ',');
            if (!rc)
                rc = put_string(out, m[i].key, m[i].len);
            if (!rc)
                rc = mc_buf_putc(out, ':');
            if (!rc)
                rc = serialize(m[i].value, out, depth + 1, e);
        }
        free(m);
        return rc ? rc : mc_buf_putc(out, '}');
    }
    }
    return mc_err_set(e, MC_ERR_INTERNAL, "unknown JSON type");
}

enum mc_rc mc_jcs_serialize(const json_t *v, struct mc_buf *out, struct mc_err *e)
{
    size_t start = out->len;
    mc_err_clear(e);
    enum mc_rc rc = serialize(v, out, 0, e);
    if (rc == MC_ERR_TOO_LARGE && (!e || e->rc != MC_ERR_TOO_LARGE))
        mc_err_set(e, rc, "canonical JSON is larger than %zu bytes", out->max);
    if (rc)
        mc_buf_truncate(out, start);
    return rc;
}
