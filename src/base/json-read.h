/* SPDX-License-Identifier: Apache-2.0 */
/* JSON text (RFC 8259) into jansson values in one pass; mc_json_parse (base/json.h) wraps it. */
#ifndef MC_BASE_JSON_READ_H
#define MC_BASE_JSON_READ_H

#include <jansson.h>
#include <stddef.h>

#include "mcred/error.h"

/* Where and why reading failed. */
struct mc_json_read_error {
    enum mc_rc rc; /* MC_ERR_INVALID for bad JSON; MC_ERR_TOO_LARGE past max_depth, or no memory */
    size_t offset; /* the byte at fault */
    char what[160];
};

/*
 * Read p[0..len) as one JSON value into *out (a new reference), or NULL with *err filled. The
 * result is the value json_loadb(p, len, flags | JSON_REJECT_DUPLICATES) makes, for the flags
 * JSON_DECODE_ANY, JSON_DECODE_INT_AS_REAL and JSON_ALLOW_NUL; the input is refused in the same
 * cases, and also when arrays and objects nest deeper than max_depth. One pass over the text with
 * no per-character calls: jansson's own reader takes several times as long.
 */
json_t *mc_json_read(const char *p, size_t len, size_t flags, size_t max_depth,
                     struct mc_json_read_error *err);

#endif
