/* SPDX-License-Identifier: Apache-2.0 */
/* Multibase (draft-multiformats-multibase) and the unsigned varint of multicodec. */
#include "base/multibase.h"

#include <stdbool.h>

#include "base/base58.h"
#include "base/base64.h"
#include "base/hex.h"

enum mc_rc mc_multibase_encode(struct mc_buf *out, enum mc_multibase base, const void *p, size_t n)
{
    size_t start = out->len;
    enum mc_rc rc = mc_buf_putc(out, (char)base);
    if (rc)
        return rc;
    switch (base) {
    case MC_MULTIBASE_BASE58BTC: rc = mc_b58_encode(out, p, n); break;
    case MC_MULTIBASE_BASE64URL: rc = mc_b64_encode(out, MC_B64_URL, p, n); break;
    case MC_MULTIBASE_BASE16: rc = mc_hex_encode(out, p, n); break;
    case MC_MULTIBASE_BASE64:
        rc = mc_b64_encode(out, MC_B64_STD, p, n);
        while (!rc && out->len > start + 1 && out->data[out->len - 1] == '=')
            mc_buf_truncate(out, out->len - 1);
        break;
    default: rc = MC_ERR_UNSUPPORTED;
    }
    if (rc)
        mc_buf_truncate(out, start);
    return rc;
}

enum mc_rc mc_multibase_decode(struct mc_buf *out, const char *s, size_t len,
                               enum mc_multibase *base, struct mc_err *e)
{
    if (len == 0)
        return mc_err_set(e, MC_ERR_INVALID, "a multibase value cannot be empty");
    enum mc_rc rc;
    switch (s[0]) {
    case 'z': rc = mc_b58_decode(out, s + 1, len - 1, e); break;
    case 'u': rc = mc_b64_decode(out, MC_B64_URL, s + 1, len - 1, e); break;
    case 'f':
    case 'F': rc = mc_hex_decode(out, s + 1, len - 1, e); break;
    case 'm': {
        /* Unpadded standard base64: decode with the URL rules after mapping the alphabet. */
        struct mc_buf tmp;
        mc_buf_init(&tmp, len);
        rc = MC_OK;
        for (size_t i = 1; i < len && !rc; i++) {
            char c = s[i];
            bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alnum && c != '+' && c != '/') {
                rc = mc_err_set(e, MC_ERR_INVALID,
                                "not a base64 character at offset %zu (byte 0x%02x)", i - 1,
                                (unsigned char)c);
                break;
            }
            rc = mc_buf_putc(&tmp, c == '+' ? '-' : c == '/' ? '_' : c);
        }
        if (!rc)
            rc = mc_b64_decode(out, MC_B64_URL, mc_buf_cstr(&tmp), tmp.len, e);
        mc_buf_free(&tmp);
        break;
    }
    default:
        return mc_err_set(e, MC_ERR_UNSUPPORTED,
                          "unsupported multibase prefix '%c' (0x%02x); this reads z (base58btc), "
                          "u (base64url), m (base64) and f (base16)",
                          (s[0] >= 0x20 && s[0] < 0x7f) ? s[0] : '?', (unsigned char)s[0]);
    }
    if (rc) {
        /* Offsets in the message are within the text after the prefix. */
        mc_err_prefix(e, "multibase '%c'", s[0]);
        return rc;
    }
    if (base)
        *base = s[0] == 'F' ? MC_MULTIBASE_BASE16 : (enum mc_multibase)s[0];
    return MC_OK;
}

enum mc_rc mc_varint_encode(struct mc_buf *out, uint64_t v)
{
    unsigned char b[10];
    size_t n = 0;
    do {
        b[n] = (unsigned char)(v & 0x7F);
        v >>= 7;
        if (v)
            b[n] |= 0x80;
        n++;
    } while (v);
    return mc_buf_append(out, b, n);
}

enum mc_rc mc_varint_decode(const unsigned char *p, size_t len, uint64_t *v, size_t *used,
                            struct mc_err *e)
{
    uint64_t x = 0;
    for (size_t i = 0; i < len && i < 9; i++) {
        x |= (uint64_t)(p[i] & 0x7F) << (7 * i);
        if (!(p[i] & 0x80)) {
            if (i > 0 && p[i] == 0)
                return mc_err_set(e, MC_ERR_INVALID, "varint is not minimally encoded");
            *v = x;
            *used = i + 1;
            return MC_OK;
        }
    }
    return mc_err_set(e, MC_ERR_INVALID,
                      len < 9 ? "varint is cut short" : "varint is longer than 9 bytes");
}
