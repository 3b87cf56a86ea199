/* SPDX-License-Identifier: Apache-2.0 */
/* base58btc (the Bitcoin alphabet), as multibase 'z', did:key and Multikey use it. */
#ifndef MC_BASE_BASE58_H
#define MC_BASE_BASE58_H

#include <stddef.h>

#include "mcred/buf.h"

/* The longest input either direction takes: base58 is quadratic, so keys and signatures, not
 * documents. */
#define MC_B58_MAX 1024

/* Append the base58btc text of p[0..n) (n <= MC_B58_MAX); each leading zero byte becomes '1'. */
enum mc_rc mc_b58_encode(struct mc_buf *out, const void *p, size_t n);
/* Append the bytes s[0..len) stands for (len <= MC_B58_MAX); a character outside the alphabet
 * (0, O, I and l are not in it) is MC_ERR_INVALID naming its offset. */
enum mc_rc mc_b58_decode(struct mc_buf *out, const char *s, size_t len, struct mc_err *e);

#endif
