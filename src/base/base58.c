/* SPDX-License-Identifier: Apache-2.0 */
/* base58btc: big-number base conversion between 256 and 58, leading zeros as '1'. */
#include "base/base58.h"

#include <string.h>

static const char alphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

enum mc_rc mc_b58_encode(struct mc_buf *out, const void *p, size_t n)
{
    const unsigned char *s = p;
    if (n > MC_B58_MAX)
        return MC_ERR_TOO_LARGE;
    size_t zeros = 0;
    while (zeros < n && s[zeros] == 0)
        zeros++;
    /* log(256)/log(58) < 1.37: this many base-58 digits always suffice. */
    unsigned char digits[MC_B58_MAX * 138 / 100 + 1];
    size_t nd = 0;
    for (size_t i = zeros; i < n; i++) {
        unsigned carry = s[i];
        for (size_t j = 0; j < nd; j++) {
            carry += (unsigned)digits[j] << 8;
            digits[j] = (unsigned char)(carry % 58);
            carry /= 58;
        }
        while (carry) {
            digits[nd++] = (unsigned char)(carry % 58);
            carry /= 58;
        }
    }
    for (size_t i = 0; i < zeros; i++)
        if (mc_buf_putc(out, '1'))
            return MC_ERR_TOO_LARGE;
    for (size_t i = nd; i-- > 0;)
        if (mc_buf_putc(out, alphabet[digits[i]]))
            return MC_ERR_TOO_LARGE;
    return MC_OK;
}

static int value(char c)
{
    const char *hit = c ? memchr(alphabet, c, sizeof alphabet - 1) : NULL;
    return hit ? (int)(hit - alphabet) : -1;
}

enum mc_rc mc_b58_decode(struct mc_buf *out, const char *s, size_t len, struct mc_err *e)
{
    if (len > MC_B58_MAX)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "base58 text is longer than %d characters",
                          MC_B58_MAX);
    size_t ones = 0;
    while (ones < len && s[ones] == '1')
        ones++;
    unsigned char bytes[MC_B58_MAX]; /* 58 < 256: never more bytes than digits */
    size_t nb = 0;
    for (size_t i = ones; i < len; i++) {
        int v = value(s[i]);
        if (v < 0)
            return mc_err_set(e, MC_ERR_INVALID,
                              "not a base58btc character at offset %zu (byte 0x%02x)", i,
                              (unsigned char)s[i]);
        unsigned carry = (unsigned)v;
        for (size_t j = 0; j < nb; j++) {
            carry += (unsigned)bytes[j] * 58;
            bytes[j] = (unsigned char)(carry & 0xFF);
            carry >>= 8;
        }
        while (carry) {
            bytes[nb++] = (unsigned char)(carry & 0xFF);
            carry >>= 8;
        }
    }
    for (size_t i = 0; i < ones; i++)
        if (mc_buf_putc(out, 0))
            goto too_large;
    for (size_t i = nb; i-- > 0;)
        if (mc_buf_putc(out, (char)bytes[i]))
            goto too_large;
    return MC_OK;
too_large:
    return mc_err_set(e, MC_ERR_TOO_LARGE, "decoded base58 is larger than %zu bytes", out->max);
}
