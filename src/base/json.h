/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers over jansson: bounded parsing with located errors, typed getters, dumping to a mc_buf. */
#ifndef MC_BASE_JSON_H
#define MC_BASE_JSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcred/buf.h"

/* Limits for parsing JSON from outside. */
struct mc_json_limits {
    size_t max_bytes; /* 0: 16 MiB */
    size_t max_depth; /* 0: 64 */
};

/*
 * Parse p[0..len) into `*out` (new reference; the caller json_decref()s it). `flags` are
 * jansson's decoding flags JSON_DECODE_ANY, JSON_DECODE_INT_AS_REAL and JSON_ALLOW_NUL; duplicate
 * member names are always refused. The value is the one jansson's json_loadb makes, read by
 * base/json-read.c in a fraction of the time. Too large or too deep input is MC_ERR_TOO_LARGE; a
 * syntax error is MC_ERR_INVALID with "line L, column C" (the column in characters) in the
 * message and in e->where. `limits` may be NULL for the defaults.
 */
enum mc_rc mc_json_parse(const char *p, size_t len, size_t flags,
                         const struct mc_json_limits *limits, json_t **out, struct mc_err *e);

/*
 * Typed members of an object. `ptr` is the JSON pointer of the object ("" for the root), used
 * with the key for e->where and the message ("/credentialSubject/name: expected a string"); the
 * key is escaped as RFC 6901 wants ("a/b" is "a~1b", "a~b" is "a~0b").
 * `required` false: an absent or null member leaves the default and returns MC_OK. Strings are
 * borrowed from the object.
 */
enum mc_rc mc_json_get_string(const json_t *obj, const char *ptr, const char *key, bool required,
                              const char **out, struct mc_err *e);
enum mc_rc mc_json_get_int(const json_t *obj, const char *ptr, const char *key, bool required,
                           int64_t min, int64_t max, int64_t *out, struct mc_err *e);
enum mc_rc mc_json_get_double(const json_t *obj, const char *ptr, const char *key, bool required,
                              double *out, struct mc_err *e);
enum mc_rc mc_json_get_bool(const json_t *obj, const char *ptr, const char *key, bool required,
                            bool *out, struct mc_err *e);
/* Borrowed references. */
enum mc_rc mc_json_get_object(const json_t *obj, const char *ptr, const char *key, bool required,
                              json_t **out, struct mc_err *e);
enum mc_rc mc_json_get_array(const json_t *obj, const char *ptr, const char *key, bool required,
                             json_t **out, struct mc_err *e);

/* Append `v` (borrowed, any type) as JSON with jansson's `flags`: 0 gives compact JSON (no spaces),
 * JSON_SORT_KEYS sorts members, JSON_INDENT(n) pretty-prints. MC_ERR_TOO_LARGE past the buffer's
 * cap, and then the buffer is left as it was. */
enum mc_rc mc_json_dump(const json_t *v, size_t flags, struct mc_buf *out);

/*
 * Escape one JSON pointer token as RFC 6901 §3 says ('~' as "~0", '/' as "~1") into out, which has
 * room for `cap` bytes and is always NUL-terminated (the token is cut to fit). Returns the length.
 */
size_t mc_json_pointer_escape(const char *key, char *out, size_t cap);

/* Append s[0..len) as a JSON string literal, quotes included, for writers that build JSON by
 * hand. Control characters and '"' '\' are escaped; the text must be valid UTF-8. */
enum mc_rc mc_json_put_string(struct mc_buf *out, const char *s, size_t len);

#endif
