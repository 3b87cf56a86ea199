/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzes the decoders (hex, base64, base64url, base58btc, multibase, varint): whatever decodes
 * must encode back to the same text, and nothing crashes. */
#include <stdlib.h>
#include <string.h>

#include "base/base58.h"
#include "base/base64.h"
#include "base/hex.h"
#include "base/multibase.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void same(const struct mc_buf *a, const char *s, size_t n)
{
    if (a->len != n || (n && memcmp(a->data, s, n) != 0))
        abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *s = (const char *)data;
    struct mc_buf raw, text;
    mc_buf_init(&raw, 1 << 16);
    mc_buf_init(&text, 1 << 17);
    struct mc_err e;

    if (mc_b64_decode(&raw, MC_B64_URL, s, size, &e) == MC_OK) {
        mc_b64_encode(&text, MC_B64_URL, raw.data, raw.len);
        same(&text, s, size); /* strict decoding: one spelling per byte string */
    }
    mc_buf_reset(&raw);
    mc_buf_reset(&text);
    if (mc_b64_decode(&raw, MC_B64_STD, s, size, &e) == MC_OK) {
        mc_b64_encode(&text, MC_B64_STD, raw.data, raw.len);
        same(&text, s, size);
    }
    mc_buf_reset(&raw);
    mc_buf_reset(&text);
    if (mc_b58_decode(&raw, s, size, &e) == MC_OK) {
        mc_b58_encode(&text, raw.data, raw.len);
        same(&text, s, size);
    }
    mc_buf_reset(&raw);
    mc_buf_reset(&text);
    if (mc_hex_decode(&raw, s, size, &e) == MC_OK) {
        mc_hex_encode(&text, raw.data, raw.len);
        if (text.len != size)
            abort();
    }
    mc_buf_reset(&raw);
    enum mc_multibase base;
    (void)mc_multibase_decode(&raw, s, size, &base, &e);
    uint64_t v;
    size_t used;
    (void)mc_varint_decode(data, size, &v, &used, &e);
    mc_buf_free(&raw);
    mc_buf_free(&text);
    return 0;
}
