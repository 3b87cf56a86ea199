/* SPDX-License-Identifier: Apache-2.0 */
/* base58btc: big-number base conversion between 256 and 58, leading zeros as '1'. */
#include "base/base58.h"

#include <stdbool.h>
#include <stdint.h>
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

/* Each character's digit value plus one; zero for characters outside the alphabet. */
static const unsigned char digit_plus_one[256] = {
    ['1'] = 1,  ['2'] = 2,  ['3'] = 3,  ['4'] = 4,  ['5'] = 5,  ['6'] = 6,  ['7'] = 7,  ['8'] = 8,
    ['9'] = 9,  ['A'] = 10, ['B'] = 11, ['C'] = 12, ['D'] = 13, ['E'] = 14, ['F'] = 15, ['G'] = 16,
    ['H'] = 17, ['J'] = 18, ['K'] = 19, ['L'] = 20, ['M'] = 21, ['N'] = 22, ['P'] = 23, ['Q'] = 24,
    ['R'] = 25, ['S'] = 26, ['T'] = 27, ['U'] = 28, ['V'] = 29, ['W'] = 30, ['X'] = 31, ['Y'] = 32,
    ['Z'] = 33, ['a'] = 34, ['b'] = 35, ['c'] = 36, ['d'] = 37, ['e'] = 38, ['f'] = 39, ['g'] = 40,
    ['h'] = 41, ['i'] = 42, ['j'] = 43, ['k'] = 44, ['m'] = 45, ['n'] = 46, ['o'] = 47, ['p'] = 48,
    ['q'] = 49, ['r'] = 50, ['s'] = 51, ['t'] = 52, ['u'] = 53, ['v'] = 54, ['w'] = 55, ['x'] = 56,
    ['y'] = 57, ['z'] = 58
};

static int value(char c)
{
    return (int)digit_plus_one[(unsigned char)c] - 1;
}

/*
 * Five digits at a time (58^5 < 2^32) into 32-bit limbs, least significant first: a proofValue
 * (88 digits) is decoded on every verification, and a byte at a time costs twenty times more.
 */
enum mc_rc mc_b58_decode(struct mc_buf *out, const char *s, size_t len, struct mc_err *e)
{
    if (len > MC_B58_MAX)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "base58 text is longer than %d characters",
                          MC_B58_MAX);
    size_t ones = 0;
    while (ones < len && s[ones] == '1')
        ones++;
    uint32_t limbs[MC_B58_MAX / 4 + 2]; /* 58 < 256: never more bytes than digits */
    size_t nl = 0;
    for (size_t i = ones; i < len;) {
        uint32_t mul = 1, add = 0;
        for (int k = 0; k < 5 && i < len; k++, i++) {
            int v = value(s[i]);
            if (v < 0)
                return mc_err_set(e, MC_ERR_INVALID,
                                  "not a base58btc character at offset %zu (byte 0x%02x)", i,
                                  (unsigned char)s[i]);
            mul *= 58;
            add = add * 58 + (uint32_t)v;
        }
        uint64_t carry = add;
        for (size_t j = 0; j < nl; j++) {
            carry += (uint64_t)limbs[j] * mul;
            limbs[j] = (uint32_t)carry;
            carry >>= 32;
        }
        if (carry)
            limbs[nl++] = (uint32_t)carry; /* below 58^5: one limb */
    }
    /* The bytes in a local buffer first: one append instead of one call per byte. */
    unsigned char bytes[MC_B58_MAX + sizeof limbs];
    memset(bytes, 0, ones);
    size_t n = ones;
    bool started = false; /* the number's leading zero bytes are not written */
    for (size_t j = nl; j-- > 0;) {
        for (int shift = 24; shift >= 0; shift -= 8) {
            unsigned char b = (unsigned char)(limbs[j] >> shift);
            started = started || b;
            if (started)
                bytes[n++] = b;
        }
    }
    if (mc_buf_append(out, bytes, n))
        goto too_large;
    return MC_OK;
too_large:
    return mc_err_set(e, MC_ERR_TOO_LARGE, "decoded base58 is larger than %zu bytes", out->max);
}
