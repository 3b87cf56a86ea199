/* SPDX-License-Identifier: Apache-2.0 */
/* Length-delimited strings: input from outside is pointer + length, never NUL-terminated. */
#ifndef MCRED_STR_H
#define MCRED_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcred/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A borrowed view of `len` bytes at `p`; not NUL-terminated, may contain NUL. */
struct mc_str {
    const char *p;
    size_t len;
};

/* A view of a string literal. */
#define MC_STR(lit) ((struct mc_str){ (lit), sizeof(lit) - 1 })
/* A view of a NUL-terminated string (NULL gives the empty view). */
struct mc_str mc_str_z(const char *s);
/* printf helpers: printf("%.*s", MC_STR_FMT(s)). Lengths are capped at INT_MAX. */
#define MC_STR_FMT(s) (int)((s).len > 2147483647u ? 2147483647u : (s).len), (s).p

bool mc_str_eq(struct mc_str a, struct mc_str b);
bool mc_str_eqz(struct mc_str a, const char *z);
/* ASCII case-insensitive comparison, for header names and tokens. */
bool mc_str_ieqz(struct mc_str a, const char *z);
bool mc_str_starts(struct mc_str s, const char *prefix);
bool mc_str_ends(struct mc_str s, const char *suffix);
/* Remove ASCII white space (space, tab, CR, LF) from both ends. */
struct mc_str mc_str_trim(struct mc_str s);
/* Index of the first `c` at or after `from`, or SIZE_MAX. */
size_t mc_str_find(struct mc_str s, char c, size_t from);
/* The part of `s` from `off`, at most `n` bytes (clamped to the string). */
struct mc_str mc_str_sub(struct mc_str s, size_t off, size_t n);
/*
 * Split at the first `sep`: `*head` gets what is before it, the return value what is after it.
 * Without `sep`, `*head` is all of `s` and the return value is empty with p == NULL.
 */
struct mc_str mc_str_cut(struct mc_str s, char sep, struct mc_str *head);

/*
 * Checked number parsing: the whole string must be the number (optional leading '-' for signed,
 * decimal digits only, no spaces, no '+'), within [min, max]. MC_ERR_INVALID otherwise, with a
 * message that quotes the text; `what` names the field for that message.
 */
enum mc_rc mc_str_to_i64(struct mc_str s, int64_t min, int64_t max, int64_t *out, const char *what,
                         struct mc_err *e);
/* A finite decimal number ("12", "-3.5", "1e3"); no hex, no inf/nan. */
enum mc_rc mc_str_to_double(struct mc_str s, double *out, const char *what, struct mc_err *e);

/* A heap copy with a NUL terminator; the caller frees it. */
char *mc_str_dupz(struct mc_str s);

#ifdef __cplusplus
}
#endif

#endif
