/* SPDX-License-Identifier: Apache-2.0 */
/* Strict UTF-8 (RFC 3629): validation, decoding and encoding of code points. */
#ifndef MC_BASE_UTF8_H
#define MC_BASE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcred/buf.h"

/*
 * True if p[0..len) is well-formed UTF-8: no overlong forms, no surrogates (U+D800..U+DFFF),
 * nothing above U+10FFFF, no truncated sequence. When false and `bad_offset` is not NULL, it
 * gets the offset of the first byte that is not part of a well-formed sequence.
 */
bool mc_utf8_valid(const char *p, size_t len, size_t *bad_offset);

/*
 * Decode the code point at p[0..len): its length in bytes (1..4) goes to *n and the code point
 * is returned; -1 (and *n = 1) for an ill-formed sequence, so a caller can skip one byte.
 * len must be at least 1.
 */
int32_t mc_utf8_decode(const char *p, size_t len, size_t *n);

/* The UTF-8 encoding of `cp` into out: its length, or 0 for surrogates and values above
 * U+10FFFF. */
size_t mc_utf8_put(uint32_t cp, char out[4]);

/* Append the UTF-8 encoding of `cp` (a Unicode scalar value); MC_ERR_INVALID for surrogates
 * and values above U+10FFFF, MC_ERR_TOO_LARGE past the buffer's cap. */
enum mc_rc mc_utf8_encode(struct mc_buf *b, uint32_t cp);

#endif
