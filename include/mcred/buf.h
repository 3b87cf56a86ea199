/* SPDX-License-Identifier: Apache-2.0 */
/* The one growable output buffer; every instance has a hard size cap. */
#ifndef MCRED_BUF_H
#define MCRED_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "mcred/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A growable byte buffer with a cap. All output (JSON, N-Quads, HTML, CSV, JWS) goes through it.
 * Appending past `max` fails with MC_ERR_TOO_LARGE and leaves the buffer as it was. The content is
 * always followed by a NUL byte that is not counted in `len`, so `data` can be used as a C string
 * when the content has no NUL of its own. `data` is NULL until the first append.
 */
struct mc_buf {
    char *data;
    size_t len;
    size_t cap;
    size_t max;
};

/* An empty buffer that may grow to `max` bytes. Nothing is allocated until the first append. */
void mc_buf_init(struct mc_buf *b, size_t max);

/* Free the memory and make the buffer empty again (with the same cap). */
void mc_buf_free(struct mc_buf *b);

/* Empty the buffer, keeping its memory. */
void mc_buf_reset(struct mc_buf *b);

/* Append bytes. MC_ERR_TOO_LARGE if the cap would be passed (then nothing is appended). */
enum mc_rc mc_buf_append(struct mc_buf *b, const void *p, size_t n);
/* Append a NUL-terminated string. */
enum mc_rc mc_buf_appendz(struct mc_buf *b, const char *s);
/* Append one byte. */
enum mc_rc mc_buf_putc(struct mc_buf *b, char c);
/* Append printf-style formatted text. */
enum mc_rc mc_buf_printf(struct mc_buf *b, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
enum mc_rc mc_buf_vprintf(struct mc_buf *b, const char *fmt, va_list ap)
        __attribute__((format(printf, 2, 0)));

/* The content as a C string: "" for an empty buffer, never NULL. Borrowed; valid until the next
 * change to the buffer. */
const char *mc_buf_cstr(const struct mc_buf *b);

/* Take the content out as a heap string (never NULL; the caller frees it with free()) and leave
 * the buffer empty. `len_out` may be NULL. */
char *mc_buf_steal(struct mc_buf *b, size_t *len_out);

/* Cut the content to its first `len` bytes (no change if it is shorter). */
void mc_buf_truncate(struct mc_buf *b, size_t len);

#ifdef __cplusplus
}
#endif

#endif
