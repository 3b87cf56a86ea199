/* SPDX-License-Identifier: Apache-2.0 */
/* JSON Canonicalization Scheme (RFC 8785): one byte string for every JSON value. */
#ifndef MC_BASE_JCS_H
#define MC_BASE_JCS_H

#include <jansson.h>

#include "mcred/buf.h"

/* The longest text a number takes ("-1.7976931348623157e+308" and NUL, with room). */
#define MC_JCS_NUMBER_SIZE 32

/*
 * Append the canonical form of `v` (borrowed): object members sorted by the UTF-16 code units
 * of their names (section 3.2.3), strings escaped as section 3.2.2.2 says, numbers as ECMAScript
 * writes them (section 3.2.2.3), no white space. jansson integers are taken as IEEE-754 doubles,
 * as ECMAScript would read them; parse documents for JCS with JSON_DECODE_INT_AS_REAL so that
 * integers beyond 2^53 are rounded the same way. NaN and infinities (which JSON cannot carry
 * anyway) are MC_ERR_INVALID; nesting deeper than 1000 is MC_ERR_TOO_LARGE.
 */
enum mc_rc mc_jcs_serialize(const json_t *v, struct mc_buf *out, struct mc_err *e);

/* Format a finite double as ECMAScript's Number.prototype.toString does: the shortest digits
 * that read back as the same double. MC_ERR_INVALID for NaN and infinities. */
enum mc_rc mc_jcs_format_number(double d, char out[MC_JCS_NUMBER_SIZE]);

#endif
