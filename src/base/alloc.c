/* SPDX-License-Identifier: Apache-2.0 */
/* Allocators that never return failure. */
#include "base/alloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Noreturn void mc_oom(const char *what, size_t n)
{
    fprintf(stderr, "mcred: out of memory (%s of %zu bytes)\n", what, n);
    abort();
}

void *mc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        mc_oom("malloc", n);
    return p;
}

void *mc_xcalloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        mc_oom("calloc overflow", n);
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        mc_oom("calloc", n * size);
    return p;
}

void *mc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        mc_oom("realloc", n);
    return q;
}

void *mc_xreallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        mc_oom("reallocarray overflow", n);
    return mc_xrealloc(p, n * size);
}

char *mc_xstrdup(const char *s)
{
    return mc_xmemdupz(s, strlen(s));
}

char *mc_xstrndup(const char *s, size_t n)
{
    const char *end = memchr(s, '\0', n);
    return mc_xmemdupz(s, end ? (size_t)(end - s) : n);
}

char *mc_xmemdupz(const void *p, size_t n)
{
    if (n == SIZE_MAX)
        mc_oom("memdupz overflow", n);
    char *q = mc_xmalloc(n + 1);
    if (n)
        memcpy(q, p, n);
    q[n] = '\0';
    return q;
}

char *mc_xasprintf(const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        mc_oom("asprintf format", 0);
    char *s = mc_xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return s;
}
