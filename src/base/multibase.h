/* SPDX-License-Identifier: Apache-2.0 */
/* Multibase (a one-character prefix naming the encoding) and unsigned varints for multicodec. */
#ifndef MC_BASE_MULTIBASE_H
#define MC_BASE_MULTIBASE_H

#include <stddef.h>
#include <stdint.h>

#include "mcred/buf.h"

/* The prefixes we read and write. */
enum mc_multibase {
    MC_MULTIBASE_BASE58BTC = 'z',
    MC_MULTIBASE_BASE64URL = 'u', /* no padding */
    MC_MULTIBASE_BASE64 = 'm',    /* no padding, as the multibase table says */
    MC_MULTIBASE_BASE16 = 'f',    /* lower case; 'F' (upper) is read too */
};

/* Append the prefix and the encoding of p[0..n). */
enum mc_rc mc_multibase_encode(struct mc_buf *out, enum mc_multibase base, const void *p, size_t n);
/* Append the bytes s[0..len) encodes; `base` (may be NULL) gets the prefix. An empty text is
 * MC_ERR_INVALID; an unknown prefix is MC_ERR_UNSUPPORTED naming it. */
enum mc_rc mc_multibase_decode(struct mc_buf *out, const char *s, size_t len,
                               enum mc_multibase *base, struct mc_err *e);

/* Multicodec codes used by did:key and Multikey. */
#define MC_MULTICODEC_ED25519_PUB  0xed
#define MC_MULTICODEC_ED25519_PRIV 0x1300

/* Append `v` as an unsigned LEB128 varint (the multiformats unsigned-varint). Values of 2^63 and
 * more take 10 bytes, which mc_varint_decode refuses as the spec says: keep codes below 2^63. */
enum mc_rc mc_varint_encode(struct mc_buf *out, uint64_t v);
/* Read a varint from p[0..len): the value into *v, its length into *used. At most 9 bytes and
 * minimally encoded, as the multiformats spec requires; otherwise MC_ERR_INVALID. */
enum mc_rc mc_varint_decode(const unsigned char *p, size_t len, uint64_t *v, size_t *used,
                            struct mc_err *e);

#endif
