/* SPDX-License-Identifier: Apache-2.0 */
/*
 * QR codes (ISO/IEC 18004:2015), enough for URLs: byte mode, error correction level M, versions
 * 1 to 40, the mask chosen by the penalty score. Output is the module matrix, or an SVG image of
 * it for pages.
 */
#ifndef MC_BASE_QR_H
#define MC_BASE_QR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcred/buf.h"
#include "mcred/error.h"

#define MC_QR_MAX_VERSION 40
#define MC_QR_MAX_SIZE    (17 + 4 * MC_QR_MAX_VERSION)

/* A symbol: `size` x `size` modules, modules[y * size + x] is 1 for dark. */
struct mc_qr {
    int version; /* 1..40 */
    int size;    /* 17 + 4 * version */
    int mask;    /* 0..7, the mask pattern applied */
    uint8_t modules[MC_QR_MAX_SIZE * MC_QR_MAX_SIZE];
};

/*
 * Encode data[0..len) in byte mode at level M in the smallest version from 1 to `max_version`
 * that holds it. `mask` is 0..7 to force a mask pattern (tests), or -1 to choose the one with
 * the lowest penalty (§7.8.3). Data too long for `max_version` is MC_ERR_TOO_LARGE saying how
 * many bytes fit. `out` is large (about 31 KiB): allocate it rather than put it on a small stack.
 */
enum mc_rc mc_qr_encode(const void *data, size_t len, int max_version, int mask, struct mc_qr *out,
                        struct mc_err *e);

/* Whether module (x, y) is dark; false outside the symbol. */
bool mc_qr_dark(const struct mc_qr *q, int x, int y);

/*
 * Append an SVG image of the symbol to `out`: a viewBox of size + 2 * border modules (the quiet
 * zone is 4 by the standard), one path of the dark modules, shape-rendering crispEdges, and
 * `label` (escaped) as its accessible name. No width or height: it scales to its container.
 */
enum mc_rc mc_qr_svg(const struct mc_qr *q, int border, const char *label, struct mc_buf *out);

/* The `necc` Reed–Solomon error correction codewords of data[0..n) (§7.5.2, GF(256) with the
 * polynomial 0x11d); necc is at most 68. */
void mc_qr_rs_ecc(const uint8_t *data, size_t n, uint8_t *ecc, size_t necc);

/* The centre coordinates of version `version`'s alignment patterns along one axis, in increasing
 * order (§6.3.6, Annex E): returns how many (0 for version 1, at most 7). */
int mc_qr_alignment_positions(int version, int pos[7]);

/* The byte-mode capacity of a version at level M. */
size_t mc_qr_capacity(int version);

#endif
