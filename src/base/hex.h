/* SPDX-License-Identifier: Apache-2.0 */
/* Base16 (RFC 4648 section 8): lower-case out, either case in. */
#ifndef MC_BASE_HEX_H
#define MC_BASE_HEX_H

#include <stddef.h>
#include <stdint.h>

#include "mcred/buf.h"

/* Append the lower-case hex of p[0..n). MC_ERR_TOO_LARGE past the buffer's cap. */
enum mc_rc mc_hex_encode(struct mc_buf *out, const void *p, size_t n);
/* Append the bytes that the hex text s[0..len) stands for. An odd length or a character that is
 * not a hex digit is MC_ERR_INVALID naming its offset. */
/* The value of one hex digit (either case), or -1. */
int mc_hex_digit(char c);

enum mc_rc mc_hex_decode(struct mc_buf *out, const char *s, size_t len, struct mc_err *e);

#endif
