/* SPDX-License-Identifier: Apache-2.0 */
/* A region allocator: many small allocations, freed together (one per HTTP request). */
#ifndef MC_BASE_ARENA_H
#define MC_BASE_ARENA_H

#include <stddef.h>

#include "mcred/str.h"

/*
 * Memory handed out by an arena belongs to the arena: it is never freed one piece at a time,
 * only all at once by mc_arena_reset() or mc_arena_free(). Allocation aborts on out-of-memory,
 * like mc_xmalloc. Not thread-safe: one arena per request or per thread.
 */
struct mc_arena;

/* A new arena whose blocks are at least `block_size` bytes (0 picks a default). Free with
 * mc_arena_free(). */
struct mc_arena *mc_arena_new(size_t block_size);
/* Free the arena and everything allocated from it. NULL is allowed. */
void mc_arena_free(struct mc_arena *a);
/* Free everything allocated from it, keeping the first block for reuse. */
void mc_arena_reset(struct mc_arena *a);

/* `n` bytes aligned for any type; uninitialised. */
void *mc_arena_alloc(struct mc_arena *a, size_t n);
/* `n * size` zeroed bytes; aborts on overflow. */
void *mc_arena_calloc(struct mc_arena *a, size_t n, size_t size);
/*
 * Room for `more` further items of `size` bytes after the `count` in `items` (an arena array of
 * capacity *cap, NULL with *cap 0 at first): `items` itself when they fit, else a copy twice as
 * large (at least 16 items, new ones zeroed), and *cap updated. The old block stays in the arena
 * until it is freed, so this suits arrays built once per request or call.
 */
void *mc_arena_grow(struct mc_arena *a, void *items, size_t count, size_t more, size_t *cap,
                    size_t size);
/* A NUL-terminated copy of `n` bytes. */
char *mc_arena_memdupz(struct mc_arena *a, const void *p, size_t n);
char *mc_arena_strdup(struct mc_arena *a, const char *s);
char *mc_arena_strz(struct mc_arena *a, struct mc_str s);
char *mc_arena_printf(struct mc_arena *a, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

/* Bytes handed out since the last reset (for limits and metrics). */
size_t mc_arena_used(const struct mc_arena *a);

#endif
