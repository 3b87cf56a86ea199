/* SPDX-License-Identifier: Apache-2.0 */
/* The capped growable buffer. */
#include "mcred/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

void mc_buf_init(struct mc_buf *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->max = max;
}

void mc_buf_free(struct mc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void mc_buf_reset(struct mc_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

/* Make room for `n` more bytes plus the NUL; MC_ERR_TOO_LARGE past the cap. */
static enum mc_rc reserve(struct mc_buf *b, size_t n)
{
    if (n > b->max || b->len > b->max - n)
        return MC_ERR_TOO_LARGE;
    size_t need = b->len + n + 1;
    if (need <= b->cap)
        return MC_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    /* Never allocate far past the cap (+1 for the NUL; a cap of SIZE_MAX has no room for it,
     * and need, which fits, is enough then). */
    if (b->max < SIZE_MAX && cap > b->max + 1)
        cap = b->max + 1;
    b->data = mc_xrealloc(b->data, cap);
    b->cap = cap;
    return MC_OK;
}

enum mc_rc mc_buf_append(struct mc_buf *b, const void *p, size_t n)
{
    enum mc_rc rc = reserve(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return MC_OK;
}

enum mc_rc mc_buf_appendz(struct mc_buf *b, const char *s)
{
    return mc_buf_append(b, s, strlen(s));
}

enum mc_rc mc_buf_putc(struct mc_buf *b, char c)
{
    return mc_buf_append(b, &c, 1);
}

enum mc_rc mc_buf_vprintf(struct mc_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return MC_ERR_INVALID;
    enum mc_rc rc = reserve(b, (size_t)n);
    if (rc)
        return rc;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return MC_OK;
}

enum mc_rc mc_buf_printf(struct mc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    enum mc_rc rc = mc_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

const char *mc_buf_cstr(const struct mc_buf *b)
{
    return b->data ? b->data : "";
}

char *mc_buf_steal(struct mc_buf *b, size_t *len_out)
{
    char *s = b->data ? b->data : mc_xstrdup("");
    if (len_out)
        *len_out = b->len;
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    return s;
}

void mc_buf_truncate(struct mc_buf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->data[len] = '\0';
    }
}
