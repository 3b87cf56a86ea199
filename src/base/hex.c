/* SPDX-License-Identifier: Apache-2.0 */
/* Base16 (RFC 4648 section 8). */
#include "base/hex.h"

static const char digits[] = "0123456789abcdef";

enum mc_rc mc_hex_encode(struct mc_buf *out, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        char two[2] = { digits[s[i] >> 4], digits[s[i] & 15] };
        enum mc_rc rc = mc_buf_append(out, two, 2);
        if (rc)
            return rc;
    }
    return MC_OK;
}

int mc_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

enum mc_rc mc_hex_decode(struct mc_buf *out, const char *s, size_t len, struct mc_err *e)
{
    if (len % 2)
        return mc_err_set(e, MC_ERR_INVALID, "hex text has an odd number of digits (%zu)", len);
    for (size_t i = 0; i < len; i += 2) {
        int hi = mc_hex_digit(s[i]), lo = mc_hex_digit(s[i + 1]);
        if (hi < 0 || lo < 0) {
            size_t at = hi < 0 ? i : i + 1;
            return mc_err_set(e, MC_ERR_INVALID, "not a hex digit at offset %zu (byte 0x%02x)", at,
                              (unsigned char)s[at]);
        }
        if (mc_buf_putc(out, (char)(hi << 4 | lo)))
            return mc_err_set(e, MC_ERR_TOO_LARGE, "decoded hex is larger than %zu bytes",
                              out->max);
    }
    return MC_OK;
}
