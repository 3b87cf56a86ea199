/* SPDX-License-Identifier: Apache-2.0 */
/* Writing PNG images (RFC 2083 / PNG 3rd edition): 8-bit RGB, one IDAT, for generated badges. */
#ifndef MC_BASE_PNG_H
#define MC_BASE_PNG_H

#include <stdint.h>

#include "mcred/buf.h"
#include "mcred/error.h"

#define MC_PNG_MAX_SIDE 4096

/*
 * Append a PNG of `width` x `height` pixels to `out`: rgb holds 3 bytes per pixel, rows top to
 * bottom. Chunks IHDR, IDAT (zlib, filter type 0 on every row) and IEND. A side of 0 or past
 * MC_PNG_MAX_SIDE is MC_ERR_INVALID; past the cap of `out` MC_ERR_TOO_LARGE (and `out` is left as
 * it was).
 */
enum mc_rc mc_png_write_rgb(const uint8_t *rgb, int width, int height, struct mc_buf *out,
                            struct mc_err *e);

#endif
