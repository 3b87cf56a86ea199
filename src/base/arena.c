/* SPDX-License-Identifier: Apache-2.0 */
/* A region allocator made of a chain of blocks. */
#include "base/arena.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

#define DEFAULT_BLOCK 8192
#define ALIGN         alignof(max_align_t)

struct block {
    struct block *next;
    size_t size; /* bytes of data[] */
    size_t used;
    alignas(max_align_t) unsigned char data[];
};

struct mc_arena {
    struct block *head;  /* the block being filled; older ones follow */
    struct block *first; /* the block made with the arena, kept by reset */
    size_t block_size;
    size_t used_total;
};

static struct block *block_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(struct block))
        mc_oom("arena block overflow", size);
    struct block *b = mc_xmalloc(sizeof(struct block) + size);
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

struct mc_arena *mc_arena_new(size_t block_size)
{
    struct mc_arena *a = mc_xcalloc(1, sizeof *a);
    a->block_size = block_size ? block_size : DEFAULT_BLOCK;
    a->head = block_new(a->block_size);
    a->first = a->head;
    return a;
}

void mc_arena_free(struct mc_arena *a)
{
    if (!a)
        return;
    struct block *b = a->head;
    while (b) {
        struct block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void mc_arena_reset(struct mc_arena *a)
{
    /* Keep the block made with the arena (of the default size) and free the rest. */
    struct block *b = a->head;
    while (b) {
        struct block *next = b->next;
        if (b != a->first)
            free(b);
        b = next;
    }
    a->first->next = NULL;
    a->first->used = 0;
    a->head = a->first;
    a->used_total = 0;
}

void *mc_arena_alloc(struct mc_arena *a, size_t n)
{
    if (n > SIZE_MAX - ALIGN)
        mc_oom("arena overflow", n);
    size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need == 0)
        need = ALIGN;
    struct block *b = a->head;
    if (b->size - b->used < need) {
        if (need > a->block_size / 4) {
            /* A big allocation gets its own block behind the current one, so the current
             * block's free space is not wasted. */
            struct block *big = block_new(need);
            big->used = need;
            big->next = b->next;
            b->next = big;
            a->used_total += need;
            return big->data;
        }
        b = block_new(a->block_size);
        b->next = a->head;
        a->head = b;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->used_total += need;
    return p;
}

void *mc_arena_calloc(struct mc_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        mc_oom("arena calloc overflow", n);
    void *p = mc_arena_alloc(a, n * size);
    memset(p, 0, n * size);
    return p;
}

void *mc_arena_grow(struct mc_arena *a, void *items, size_t count, size_t more, size_t *cap,
                    size_t size)
{
    if (count + more <= *cap)
        return items;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < count + more)
        ncap *= 2;
    void *fresh = mc_arena_calloc(a, ncap, size);
    if (count)
        memcpy(fresh, items, count * size);
    *cap = ncap;
    return fresh;
}

char *mc_arena_memdupz(struct mc_arena *a, const void *p, size_t n)
{
    if (n == SIZE_MAX)
        mc_oom("arena memdupz overflow", n);
    char *s = mc_arena_alloc(a, n + 1);
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

char *mc_arena_strdup(struct mc_arena *a, const char *s)
{
    return mc_arena_memdupz(a, s, strlen(s));
}

char *mc_arena_strz(struct mc_arena *a, struct mc_str s)
{
    return mc_arena_memdupz(a, s.p, s.len);
}

char *mc_arena_printf(struct mc_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        mc_oom("arena printf format", 0);
    char *s = mc_arena_alloc(a, (size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return s;
}

size_t mc_arena_used(const struct mc_arena *a)
{
    return a->used_total;
}
