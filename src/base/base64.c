/* SPDX-License-Identifier: Apache-2.0 */
/* Base64 and base64url (RFC 4648 sections 4 and 5), strict on input. */
#include "base/base64.h"

#include <string.h>

static const char std_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const char url_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

enum mc_rc mc_b64_encode(struct mc_buf *out, enum mc_b64_alphabet a, const void *p, size_t n)
{
    const char *chars = a == MC_B64_URL ? url_chars : std_chars;
    const unsigned char *s = p;
    size_t i = 0;
    char q[4];
    enum mc_rc rc = MC_OK;
    for (; i + 3 <= n && !rc; i += 3) {
        unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
        q[0] = chars[v >> 18];
        q[1] = chars[(v >> 12) & 63];
        q[2] = chars[(v >> 6) & 63];
        q[3] = chars[v & 63];
        rc = mc_buf_append(out, q, 4);
    }
    if (rc || i == n)
        return rc;
    unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0);
    q[0] = chars[v >> 18];
    q[1] = chars[(v >> 12) & 63];
    q[2] = i + 1 < n ? chars[(v >> 6) & 63] : '=';
    q[3] = '=';
    size_t len = 4;
    if (a == MC_B64_URL)
        len = i + 1 < n ? 3 : 2;
    return mc_buf_append(out, q, len);
}

static int value(enum mc_b64_alphabet a, char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == (a == MC_B64_URL ? '-' : '+'))
        return 62;
    if (c == (a == MC_B64_URL ? '_' : '/'))
        return 63;
    return -1;
}

enum mc_rc mc_b64_decode(struct mc_buf *out, enum mc_b64_alphabet a, const char *s, size_t len,
                         struct mc_err *e)
{
    const char *name = a == MC_B64_URL ? "base64url" : "base64";
    size_t data = len;
    if (a == MC_B64_STD) {
        if (len % 4)
            return mc_err_set(e, MC_ERR_INVALID,
                              "%s text must be a multiple of 4 characters long, not %zu", name,
                              len);
        while (data > 0 && len - data < 2 && s[data - 1] == '=')
            data--;
    }
    if (data % 4 == 1)
        return mc_err_set(e, MC_ERR_INVALID, "%s text of %zu characters cannot be complete", name,
                          data);
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < data; i++) {
        int v = value(a, s[i]);
        if (v < 0)
            return mc_err_set(e, MC_ERR_INVALID, "not a %s character at offset %zu (byte 0x%02x)",
                              name, i, (unsigned char)s[i]);
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (mc_buf_putc(out, (char)((acc >> bits) & 0xFF)))
                return mc_err_set(e, MC_ERR_TOO_LARGE, "decoded %s is larger than %zu bytes", name,
                                  out->max);
        }
    }
    /* The bits left over must be zero, so each byte string has exactly one encoding. */
    if (bits && (acc & ((1u << bits) - 1)))
        return mc_err_set(e, MC_ERR_INVALID,
                          "%s text has non-zero padding bits in its last character (offset %zu)",
                          name, data - 1);
    if (a == MC_B64_STD && len != data) {
        size_t pad = len - data, want = (4 - data % 4) % 4;
        if (pad != want)
            return mc_err_set(e, MC_ERR_INVALID, "%s text has %zu '=' where %zu belong", name, pad,
                              want);
    }
    return MC_OK;
}
