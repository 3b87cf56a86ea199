/* SPDX-License-Identifier: Apache-2.0 */
/* A minimal PNG writer: 8-bit RGB, no interlace, one zlib-compressed IDAT chunk. */
#include "base/png.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/alloc.h"

static void be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* A chunk: length, type, data, and the CRC-32 of type and data. */
static enum mc_rc chunk(struct mc_buf *out, const char type[4], const uint8_t *data, size_t len)
{
    uint8_t head[8], tail[4];
    be32(head, (uint32_t)len);
    memcpy(head + 4, type, 4);
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, (const Bytef *)type, 4);
    if (len)
        crc = crc32(crc, data, (uInt)len);
    be32(tail, (uint32_t)crc);
    enum mc_rc rc = mc_buf_append(out, head, sizeof head);
    if (!rc && len)
        rc = mc_buf_append(out, data, len);
    if (!rc)
        rc = mc_buf_append(out, tail, sizeof tail);
    return rc;
}

enum mc_rc mc_png_write_rgb(const uint8_t *rgb, int width, int height, struct mc_buf *out,
                            struct mc_err *e)
{
    if (width <= 0 || height <= 0 || width > MC_PNG_MAX_SIDE || height > MC_PNG_MAX_SIDE)
        return mc_err_set(e, MC_ERR_INVALID, "a PNG of %d x %d pixels: each side must be 1..%d",
                          width, height, MC_PNG_MAX_SIDE);
    size_t row = (size_t)width * 3 + 1;
    size_t raw_len = row * (size_t)height;
    uint8_t *raw = mc_xmalloc(raw_len);
    for (int y = 0; y < height; y++) {
        raw[(size_t)y * row] = 0; /* filter type None */
        memcpy(raw + (size_t)y * row + 1, rgb + (size_t)y * (size_t)width * 3, (size_t)width * 3);
    }
    uLongf zlen = compressBound((uLong)raw_len);
    uint8_t *z = mc_xmalloc(zlen);
    enum mc_rc rc = MC_OK;
    size_t start = out->len;
    if (compress2(z, &zlen, raw, (uLong)raw_len, Z_BEST_COMPRESSION) != Z_OK) {
        rc = mc_err_set(e, MC_ERR_INTERNAL, "zlib could not compress the image");
        goto out;
    }
    static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    uint8_t ihdr[13];
    be32(ihdr, (uint32_t)width);
    be32(ihdr + 4, (uint32_t)height);
    ihdr[8] = 8;  /* bit depth */
    ihdr[9] = 2;  /* colour type: truecolour */
    ihdr[10] = 0; /* deflate */
    ihdr[11] = 0; /* adaptive filtering */
    ihdr[12] = 0; /* no interlace */
    rc = mc_buf_append(out, sig, sizeof sig);
    if (!rc)
        rc = chunk(out, "IHDR", ihdr, sizeof ihdr);
    if (!rc)
        rc = chunk(out, "IDAT", z, zlen);
    if (!rc)
        rc = chunk(out, "IEND", NULL, 0);
    if (rc) {
        mc_buf_truncate(out, start);
        rc = mc_err_set(e, MC_ERR_TOO_LARGE, "the PNG is larger than the output limit");
    }
out:
    free(z);
    free(raw);
    return rc;
}
