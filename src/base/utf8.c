/* SPDX-License-Identifier: Apache-2.0 */
/* Strict UTF-8 (RFC 3629 section 4, the well-formed byte sequences table). */
#include "base/utf8.h"

int32_t mc_utf8_decode(const char *p, size_t len, size_t *n)
{
    const unsigned char *s = (const unsigned char *)p;
    unsigned char c = s[0];
    *n = 1;
    if (c < 0x80)
        return c;
    size_t need;
    uint32_t cp;
    unsigned char lo = 0x80, hi = 0xBF; /* the allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        cp = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0; /* no overlongs */
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        cp = c & 0x07;
        if (c == 0xF0)
            lo = 0x90; /* no overlongs */
        else if (c == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        return -1; /* a continuation byte, C0/C1 (overlong) or F5..FF */
    }
    if (len < need)
        return -1;
    if (s[1] < lo || s[1] > hi)
        return -1;
    cp = (cp << 6) | (s[1] & 0x3F);
    for (size_t i = 2; i < need; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF)
            return -1;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    *n = need;
    return (int32_t)cp;
}

bool mc_utf8_valid(const char *p, size_t len, size_t *bad_offset)
{
    size_t i = 0;
    while (i < len) {
        /* Skip ASCII quickly: most input is ASCII. */
        if ((unsigned char)p[i] < 0x80) {
            i++;
            continue;
        }
        size_t n;
        if (mc_utf8_decode(p + i, len - i, &n) < 0) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

size_t mc_utf8_put(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

enum mc_rc mc_utf8_encode(struct mc_buf *b, uint32_t cp)
{
    char out[4];
    size_t n = mc_utf8_put(cp, out);
    return n ? mc_buf_append(b, out, n) : MC_ERR_INVALID;
}
