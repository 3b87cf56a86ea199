/* SPDX-License-Identifier: Apache-2.0 */
/* Allocators that never return failure: out of memory aborts with a message. */
#ifndef MC_BASE_ALLOC_H
#define MC_BASE_ALLOC_H

#include <stddef.h>

/*
 * These abort the process on out-of-memory and on `n * size` overflow, so callers never check
 * for NULL. Sizes that come from users must be checked against a limit before they get here.
 * All returned memory is the caller's, freed with free().
 */
void *mc_xmalloc(size_t n);
void *mc_xcalloc(size_t n, size_t size);
void *mc_xrealloc(void *p, size_t n);
void *mc_xreallocarray(void *p, size_t n, size_t size);
char *mc_xstrdup(const char *s);
/* Copy at most `n` bytes of `s` (stopping at a NUL) and terminate the copy. */
char *mc_xstrndup(const char *s, size_t n);
/* Copy exactly `n` bytes and add a NUL. */
char *mc_xmemdupz(const void *p, size_t n);
char *mc_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Called on out-of-memory: prints `what` and aborts. */
_Noreturn void mc_oom(const char *what, size_t n);

#endif
