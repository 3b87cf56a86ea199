/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JSON text into jansson values by recursive descent over the bytes. Strings without escapes are
 * handed to jansson straight from the text, integers are read digit by digit, and a member name
 * is hashed once (a duplicate shows as an object that did not grow).
 */
#include "base/json-read.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/hex.h"
#include "base/utf8.h"

/* jansson's own reader stops here too; it also bounds the C stack this reader's recursion uses. */
#define DEPTH_CEILING 2048

struct reader {
    const char *p, *start, *end;
    size_t flags, max_depth, depth;
    struct mc_json_read_error *err;
    char *scratch; /* strings with escapes are decoded here */
    size_t scratch_len, scratch_cap;
};

static const char *end_or_char(const struct reader *r, const char *at, char buf[16])
{
    if (at >= r->end)
        return "the end of the text";
    unsigned char c = (unsigned char)*at;
    if (c >= 0x21 && c < 0x7F)
        snprintf(buf, 16, "'%c'", c);
    else
        snprintf(buf, 16, "byte 0x%02X", c);
    return buf;
}

static json_t *fail(struct reader *r, const char *at, enum mc_rc rc, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static json_t *fail(struct reader *r, const char *at, enum mc_rc rc, const char *fmt, ...)
{
    r->err->rc = rc;
    r->err->offset = (size_t)(at - r->start);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err->what, sizeof r->err->what, fmt, ap);
    va_end(ap);
    return NULL;
}

static void skip_space(struct reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
        r->p++;
}

static bool is_digit(const struct reader *r, const char *q)
{
    return q < r->end && *q >= '0' && *q <= '9';
}

static void scratch_put(struct reader *r, const char *s, size_t n)
{
    if (!n)
        return;
    if (r->scratch_len + n > r->scratch_cap) {
        size_t cap = r->scratch_cap ? r->scratch_cap : 256;
        while (cap < r->scratch_len + n)
            cap *= 2;
        r->scratch = mc_xrealloc(r->scratch, cap);
        r->scratch_cap = cap;
    }
    memcpy(r->scratch + r->scratch_len, s, n);
    r->scratch_len += n;
}

/* Bytes that stand for themselves inside a string: printable ASCII but '"' and '\'. */
static bool plain(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* Four hex digits at q (the text past "\u"), or -1. */
static int32_t hex4(const struct reader *r, const char *q)
{
    if (r->end - q < 4)
        return -1;
    int32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int d = mc_hex_digit(q[i]);
        if (d < 0)
            return -1;
        v = v << 4 | d;
    }
    return v;
}

/* One escape at q (the backslash) into the scratch buffer; returns the text past it or NULL. */
static const char *read_escape(struct reader *r, const char *q, bool key)
{
    static const char simple_in[] = "\"\\/bfnrt", simple_out[] = "\"\\/\b\f\n\r\t";
    if (q + 1 >= r->end)
        return fail(r, q, MC_ERR_INVALID, "the string ends inside an escape"), NULL;
    const char *s = strchr(simple_in, q[1]);
    if (s && q[1]) {
        scratch_put(r, &simple_out[s - simple_in], 1);
        return q + 2;
    }
    char buf[16];
    if (q[1] != 'u')
        return fail(r, q, MC_ERR_INVALID, "invalid escape: a backslash followed by %s",
                    end_or_char(r, q + 1, buf)),
               NULL;
    int32_t cp = hex4(r, q + 2);
    if (cp < 0)
        return fail(r, q, MC_ERR_INVALID, "\\u must be followed by four hex digits"), NULL;
    const char *next = q + 6;
    if (cp >= 0xDC00 && cp <= 0xDFFF)
        return fail(r, q, MC_ERR_INVALID, "\\u%04X is a low surrogate with no high one before it",
                    (unsigned)cp),
               NULL;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        int32_t low =
                next + 1 < r->end && next[0] == '\\' && next[1] == 'u' ? hex4(r, next + 2) : -1;
        if (low < 0xDC00 || low > 0xDFFF)
            return fail(r, q, MC_ERR_INVALID,
                        "\\u%04X is a high surrogate not followed by a low one (\\uDC00-\\uDFFF)",
                        (unsigned)cp),
                   NULL;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        next += 6;
    }
    if (cp == 0 && (key || !(r->flags & JSON_ALLOW_NUL)))
        return fail(r, q, MC_ERR_INVALID, "\\u0000 is not allowed in %s",
                    key ? "a member name" : "a string here"),
               NULL;
    char u[4];
    scratch_put(r, u, mc_utf8_put((uint32_t)cp, u)); /* a scalar value: never 0 bytes */
    return next;
}

/*
 * The string whose opening quote is at r->p: its bytes (in the text when it has no escapes, else
 * decoded in the scratch buffer) and length. r->p moves past the closing quote.
 */
static bool read_string(struct reader *r, bool key, const char **out, size_t *len)
{
    const char *open = r->p, *s = r->p + 1, *q = s;
    bool escaped = false;
    for (;;) {
        while (q < r->end && plain((unsigned char)*q))
            q++;
        if (q >= r->end)
            return fail(r, open, MC_ERR_INVALID, "the string starting here is not closed"), false;
        unsigned char c = (unsigned char)*q;
        if (c == '"')
            break;
        if (c == '\\') {
            if (!escaped) {
                escaped = true;
                r->scratch_len = 0;
            }
            scratch_put(r, s, (size_t)(q - s));
            if (!(q = read_escape(r, q, key)))
                return false;
            s = q;
            continue;
        }
        if (c < 0x20)
            return fail(r, q, MC_ERR_INVALID,
                        "control character U+%04X in a string (it must be escaped)", c),
                   false;
        size_t n;
        if (mc_utf8_decode(q, (size_t)(r->end - q), &n) < 0)
            return fail(r, q, MC_ERR_INVALID, "invalid UTF-8 in a string"), false;
        q += n;
    }
    if (escaped) {
        scratch_put(r, s, (size_t)(q - s));
        *out = r->scratch;
        *len = r->scratch_len;
    } else {
        *out = s;
        *len = (size_t)(q - s);
    }
    r->p = q + 1;
    return true;
}

/* The number s[0..n) (well-formed JSON) as the nearest double, as strtod reads it. */
static bool read_double(struct reader *r, const char *s, size_t n, double *out)
{
    r->scratch_len = 0;
    scratch_put(r, s, n);
    scratch_put(r, "", 1);
    /* In the C locale, whatever LC_NUMERIC the program that links us has set: JSON's decimal
     * point is '.'. glibc answers "C" with its built-in locale, allocating nothing. */
    locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (!c_locale)
        return fail(r, s, MC_ERR_INVALID, "no C locale to read the number %.*s with",
                    (int)(n < 40 ? n : 40), s),
               false;
    *out = strtod_l(r->scratch, NULL, c_locale);
    freelocale(c_locale);
    if (isinf(*out))
        return fail(r, s, MC_ERR_INVALID, "the number %.*s is too large", (int)(n < 40 ? n : 40),
                    s),
               false;
    return true;
}

static json_t *read_number(struct reader *r)
{
    const char *s = r->p, *q = s;
    bool neg = *q == '-';
    char buf[16];
    if (neg)
        q++;
    if (!is_digit(r, q))
        return fail(r, q, MC_ERR_INVALID, "a digit must follow '-', not %s",
                    end_or_char(r, q, buf));
    const char *digits = q;
    uint64_t u = 0;
    bool too_big = false; /* for a 64-bit integer */
    if (*q == '0') {
        q++;
        if (is_digit(r, q))
            return fail(r, digits, MC_ERR_INVALID, "a number may not start with 0");
    } else {
        for (; is_digit(r, q); q++) {
            unsigned d = (unsigned)(*q - '0');
            if (u > (UINT64_MAX - d) / 10)
                too_big = true;
            else
                u = u * 10 + d;
        }
    }
    size_t ndigits = (size_t)(q - digits);
    bool integer = true;
    if (q < r->end && *q == '.') {
        integer = false;
        if (!is_digit(r, ++q))
            return fail(r, q, MC_ERR_INVALID, "a digit must follow the decimal point");
        while (is_digit(r, q))
            q++;
    }
    if (q < r->end && (*q == 'e' || *q == 'E')) {
        integer = false;
        q++;
        if (q < r->end && (*q == '+' || *q == '-'))
            q++;
        if (!is_digit(r, q))
            return fail(r, q, MC_ERR_INVALID, "the exponent needs a digit");
        while (is_digit(r, q))
            q++;
    }
    r->p = q;
    size_t n = (size_t)(q - s);
    if (integer && !(r->flags & JSON_DECODE_INT_AS_REAL)) {
        uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
        if (too_big || u > limit)
            return fail(r, s, MC_ERR_INVALID, "the integer %.*s is too large (over 64 bits)",
                        (int)(n < 40 ? n : 40), s);
        json_t *v = json_integer(neg ? (json_int_t)(0 - u) : (json_int_t)u);
        return v ? v : fail(r, s, MC_ERR_TOO_LARGE, "out of memory for a number");
    }
    double d;
    if (integer && ndigits <= 15) /* exact in a double, so what strtod gives */
        d = neg ? -(double)u : (double)u;
    else if (!read_double(r, s, n, &d))
        return NULL;
    json_t *v = json_real(d);
    return v ? v : fail(r, s, MC_ERR_TOO_LARGE, "out of memory for a number");
}

static json_t *read_value(struct reader *r);

/* The word at r->p must be `word`. */
static json_t *read_literal(struct reader *r, const char *word, size_t n, json_t *v)
{
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return fail(r, r->p, MC_ERR_INVALID, "expected a value (a misspelt %s?)", word);
    r->p += n;
    return v;
}

/* The '[' or '{' at r->p: 1 when items follow, 0 when `close` follows at once (the container is
 * empty and done), -1 past the depth limit. */
static int open_container(struct reader *r, char close)
{
    if (++r->depth > r->max_depth) {
        fail(r, r->p, MC_ERR_TOO_LARGE, "JSON nests deeper than %zu levels", r->max_depth);
        return -1;
    }
    r->p++;
    skip_space(r);
    if (r->p < r->end && *r->p == close) {
        r->p++;
        r->depth--;
        return 0;
    }
    return 1;
}

/* After an item of an array or a member of an object: 1 for a ',' (another follows), 0 for the
 * closing bracket `close` (the container is done), -1 for anything else. */
static int next_or_close(struct reader *r, char close, const char *after)
{
    skip_space(r);
    char buf[16];
    if (r->p < r->end && *r->p == ',') {
        r->p++;
        return 1;
    }
    if (r->p < r->end && *r->p == close) {
        r->p++;
        r->depth--;
        return 0;
    }
    fail(r, r->p, MC_ERR_INVALID, "expected ',' or '%c' after %s, not %s", close, after,
         end_or_char(r, r->p, buf));
    return -1;
}

static json_t *read_array(struct reader *r)
{
    int more = open_container(r, ']');
    if (more < 0)
        return NULL;
    json_t *a = json_array();
    if (!a)
        return fail(r, r->p, MC_ERR_TOO_LARGE, "out of memory for an array");
    while (more) {
        json_t *v = read_value(r);
        if (!v)
            goto bad;
        if (json_array_append_new(a, v)) {
            fail(r, r->p, MC_ERR_TOO_LARGE, "out of memory for an array item");
            goto bad;
        }
        if ((more = next_or_close(r, ']', "an array item")) < 0)
            goto bad;
    }
    return a;
bad:
    json_decref(a);
    return NULL;
}

static json_t *read_object(struct reader *r)
{
    int more = open_container(r, '}');
    if (more < 0)
        return NULL;
    json_t *o = json_object();
    if (!o)
        return fail(r, r->p, MC_ERR_TOO_LARGE, "out of memory for an object");
    char *key_copy = NULL;
    char buf[16];
    while (more) {
        skip_space(r);
        if (r->p >= r->end || *r->p != '"') {
            fail(r, r->p, MC_ERR_INVALID, "expected a member name in double quotes, not %s",
                 end_or_char(r, r->p, buf));
            goto bad;
        }
        const char *at = r->p, *key;
        size_t klen;
        if (!read_string(r, true, &key, &klen))
            goto bad;
        if (key == r->scratch) { /* the value may decode its own strings there */
            key_copy = mc_xmalloc(klen + 1);
            memcpy(key_copy, key, klen);
            key = key_copy;
        }
        skip_space(r);
        if (r->p >= r->end || *r->p != ':') {
            fail(r, r->p, MC_ERR_INVALID, "expected ':' after the member name, not %s",
                 end_or_char(r, r->p, buf));
            goto bad;
        }
        r->p++;
        json_t *v = read_value(r);
        if (!v)
            goto bad;
        size_t before = json_object_size(o);
        if (json_object_setn_new_nocheck(o, key, klen, v)) {
            fail(r, at, MC_ERR_TOO_LARGE, "out of memory for a member");
            goto bad;
        }
        if (json_object_size(o) == before) {
            fail(r, at, MC_ERR_INVALID, "duplicate member name \"%.*s\"",
                 (int)(klen < 60 ? klen : 60), key);
            goto bad;
        }
        free(key_copy);
        key_copy = NULL;
        if ((more = next_or_close(r, '}', "an object member")) < 0)
            goto bad;
    }
    return o;
bad:
    free(key_copy);
    json_decref(o);
    return NULL;
}

static json_t *read_value(struct reader *r)
{
    skip_space(r);
    char buf[16];
    if (r->p >= r->end)
        return fail(r, r->p, MC_ERR_INVALID, "expected a value, not the end of the text");
    switch (*r->p) {
    case '{': return read_object(r);
    case '[': return read_array(r);
    case '"': {
        const char *s;
        size_t n;
        if (!read_string(r, false, &s, &n))
            return NULL;
        json_t *v = json_stringn_nocheck(s, n);
        return v ? v : fail(r, r->p, MC_ERR_TOO_LARGE, "out of memory for a string");
    }
    case 't': return read_literal(r, "true", 4, json_true());
    case 'f': return read_literal(r, "false", 5, json_false());
    case 'n': return read_literal(r, "null", 4, json_null());
    default:
        if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9'))
            return read_number(r);
        return fail(r, r->p, MC_ERR_INVALID, "expected a value, not %s", end_or_char(r, r->p, buf));
    }
}

json_t *mc_json_read(const char *p, size_t len, size_t flags, size_t max_depth,
                     struct mc_json_read_error *err)
{
    struct reader r = {
        .p = p,
        .start = p,
        .end = p + len,
        .flags = flags,
        .max_depth = max_depth < DEPTH_CEILING ? max_depth : DEPTH_CEILING,
        .err = err,
    };
    json_t *v = NULL;
    skip_space(&r);
    char buf[16];
    if (!(flags & JSON_DECODE_ANY) && (r.p >= r.end || (*r.p != '{' && *r.p != '[')))
        fail(&r, r.p, MC_ERR_INVALID, "expected '{' or '[' to begin the JSON text, not %s",
             end_or_char(&r, r.p, buf));
    else if ((v = read_value(&r))) {
        skip_space(&r);
        if (r.p < r.end) {
            fail(&r, r.p, MC_ERR_INVALID, "end of file expected after the value, not %s",
                 end_or_char(&r, r.p, buf));
            json_decref(v);
            v = NULL;
        }
    }
    free(r.scratch);
    return v;
}
