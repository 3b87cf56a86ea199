/* SPDX-License-Identifier: Apache-2.0 */
/* Base64 and base64url (RFC 4648 sections 4 and 5). */
#ifndef MC_BASE_BASE64_H
#define MC_BASE_BASE64_H

#include <stdbool.h>
#include <stddef.h>

#include "mcred/buf.h"

enum mc_b64_alphabet {
    MC_B64_STD, /* A-Z a-z 0-9 + /, padded with '=' */
    MC_B64_URL, /* A-Z a-z 0-9 - _, not padded (as JWS and multibase 'u' use it) */
};

/* Append the encoding of p[0..n). MC_ERR_TOO_LARGE past the buffer's cap. */
enum mc_rc mc_b64_encode(struct mc_buf *out, enum mc_b64_alphabet a, const void *p, size_t n);

/*
 * Append the bytes s[0..len) encodes. Standard: padding is required to make a multiple of four;
 * url: no padding. A character outside the alphabet, a length no encoding has, or non-zero bits
 * left over in the last character (a second spelling of the same bytes) is MC_ERR_INVALID naming
 * the offset.
 */
enum mc_rc mc_b64_decode(struct mc_buf *out, enum mc_b64_alphabet a, const char *s, size_t len,
                         struct mc_err *e);

#endif
