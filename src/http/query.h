/* SPDX-License-Identifier: Apache-2.0 */
/* Decoding of request targets: percent-decoding, the path, the query string; URL encoding. */
#ifndef MC_HTTP_QUERY_H
#define MC_HTTP_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "http/http.h"
#include "mcred/buf.h"
#include "mcred/error.h"

/* At most this many parameters in one query string (more is MC_ERR_TOO_LARGE). */
#define MC_HTTP_MAX_QUERY_PARAMS 64

/*
 * Percent-decode `len` bytes at `p` into a NUL-terminated arena string (`*out`, `*out_len`).
 * With `plus_is_space`, '+' becomes a space (query strings). A '%' not followed by two hex
 * digits, a decoded NUL byte or a result that is not valid UTF-8 is MC_ERR_INVALID; the message
 * says what and at which byte offset of the input. `what` names the part for the message
 * ("path", "query parameter 'q'").
 */
enum mc_rc mc_http_percent_decode(const char *p, size_t len, bool plus_is_space, struct mc_arena *a,
                                  const char *what, char **out, size_t *out_len, struct mc_err *e);

/*
 * Parse a query string (the text after '?', without it) into `*out`, allocated from `a`.
 * Parameters are separated by '&'; empty pieces are skipped; a piece without '=' has the value
 * "". Names and values are decoded as above. Errors name the parameter in e->where.
 */
enum mc_rc mc_http_query_parse(const char *p, size_t len, struct mc_arena *a,
                               struct mc_http_query *out, struct mc_err *e);

/* Split a raw request target "/path?query" into the decoded path (which must start with '/') and
 * the raw query ("" if none), both arena strings. */
enum mc_rc mc_http_target_parse(const char *target, size_t len, struct mc_arena *a, char **path,
                                char **raw_query, struct mc_err *e);

/* Append `s` percent-encoded for a query value (unreserved characters stay, space is "%20"). */
enum mc_rc mc_http_url_encode(struct mc_buf *b, const char *s);

#endif
