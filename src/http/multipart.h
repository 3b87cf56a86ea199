/* SPDX-License-Identifier: Apache-2.0 */
/* multipart/form-data request bodies (RFC 7578), parsed in place with bounded work. */
#ifndef MC_HTTP_MULTIPART_H
#define MC_HTTP_MULTIPART_H

#include <stddef.h>

#include "base/arena.h"
#include "mcred/error.h"

#define MC_MULTIPART_MAX_PARTS  16        /* more parts are MC_ERR_INVALID */
#define MC_MULTIPART_MAX_HEADER (8 << 10) /* bytes of one part's header block */

/* One part of a form. Strings are NUL-terminated arena copies; `data` points into the body. */
struct mc_multipart_part {
    const char *name;         /* the form field ("" if the part had none) */
    const char *filename;     /* NULL when the part is not a file */
    const char *content_type; /* NULL when not given */
    const char *data;
    size_t len;
};

/*
 * Split body[0..len) sent with Content-Type `content_type` ("multipart/form-data; boundary=...",
 * the boundary quoted or not, 1..70 characters) into at most `max` parts (and at most
 * MC_MULTIPART_MAX_PARTS). Another media type, no boundary, a missing delimiter or closing
 * delimiter, a part header block without its end or longer than MC_MULTIPART_MAX_HEADER, or a
 * part without Content-Disposition: form-data is MC_ERR_INVALID saying which (e->where "body").
 * Work is linear in len.
 */
enum mc_rc mc_multipart_parse(const char *content_type, const char *body, size_t len,
                              struct mc_arena *a, struct mc_multipart_part *parts, size_t max,
                              size_t *n, struct mc_err *e);

/* The first part named `name`, or NULL. */
const struct mc_multipart_part *mc_multipart_find(const struct mc_multipart_part *parts, size_t n,
                                                  const char *name);

#endif
