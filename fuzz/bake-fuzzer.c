/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzes baked-badge extraction on any bytes, and baking into whatever is detected as an image:
 * what is baked extracts back, re-baking replaces, and an image baking refuses as broken does
 * not extract either. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "vc/bake.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* Both need care in an SVG: "]]>" splits the CDATA section, '&' and '<' stay as they are. */
static const char cred_json[] = "{\"a\":\"]]>\",\"b\":\"x&amp;<y>]]]]>\"}";
static const char cred_jws[] = "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln";

static void check_extracts(const struct mc_buf *img, enum mc_image_kind kind, const char *want)
{
    struct mc_baked b;
    struct mc_err e;
    if (mc_bake_extract(img->data, img->len, &b, &e) != MC_OK)
        abort();
    if (b.version != 3 || b.kind != kind || b.len != strlen(want) || strcmp(b.text, want) != 0)
        abort();
    mc_baked_free(&b);
}

/* Mutations almost never keep PNG CRCs right, so each input also runs with them repaired: that
 * reaches the text chunk and inflate code. Returns false when nothing changed. */
static bool fix_crcs(unsigned char *p, size_t len)
{
    bool changed = false;
    if (len < 8 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) != 0)
        return false;
    for (size_t off = 8; len - off >= 12;) {
        size_t n = (size_t)p[off] << 24 | (size_t)p[off + 1] << 16 | (size_t)p[off + 2] << 8 |
                   p[off + 3];
        if (n > len - off - 12)
            break;
        uint32_t crc = (uint32_t)crc32(0, p + off + 4, (uInt)(n + 4));
        unsigned char q[4] = { (unsigned char)(crc >> 24), (unsigned char)(crc >> 16),
                               (unsigned char)(crc >> 8), (unsigned char)crc };
        if (memcmp(p + off + 8 + n, q, 4) != 0) {
            memcpy(p + off + 8 + n, q, 4);
            changed = true;
        }
        off += 12 + n;
    }
    return changed;
}

static void one(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size > 1 << 18)
        return 0;
    one(data, size);
    unsigned char *copy = malloc(size ? size : 1);
    memcpy(copy, data, size);
    if (fix_crcs(copy, size))
        one(copy, size);
    free(copy);
    return 0;
}

static void one(const unsigned char *data, size_t size)
{
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_baked b;
    enum mc_rc extracted = mc_bake_extract(data, size, &b, &e);
    if (extracted == MC_OK) {
        if ((b.version != 2 && b.version != 3) || !b.text || !b.len || strlen(b.text) != b.len)
            abort();
        if (b.text[0] == ' ' || b.text[0] == '\n' || b.text[b.len - 1] == ' ' ||
            b.text[b.len - 1] == '\n')
            abort(); /* trimmed */
        mc_baked_free(&b);
    } else if (!e.msg[0] || b.text) {
        abort(); /* a refusal says why and leaves nothing behind */
    }

    enum mc_image_kind kind;
    if (mc_image_detect(data, size, &kind, &e) != MC_OK)
        return;
    struct mc_buf a, again, direct;
    mc_buf_init(&a, 64u << 20);
    mc_buf_init(&again, 64u << 20);
    mc_buf_init(&direct, 64u << 20);
    enum mc_rc rc = mc_bake(data, size, cred_json, sizeof cred_json - 1, &a, &e);
    if (rc == MC_ERR_INVALID && extracted == MC_OK)
        abort(); /* bake and extract read images by the same rules */
    if (rc == MC_OK) {
        check_extracts(&a, kind, cred_json);
        /* re-baking replaces: the same bytes as baking the original */
        if (mc_bake(a.data, a.len, cred_jws, sizeof cred_jws - 1, &again, &e) != MC_OK ||
            mc_bake(data, size, cred_jws, sizeof cred_jws - 1, &direct, &e) != MC_OK)
            abort();
        if (again.len != direct.len || memcmp(again.data, direct.data, again.len) != 0)
            abort();
        check_extracts(&again, kind, cred_jws);
    } else if (a.len != 0) {
        abort(); /* a failed bake writes nothing */
    }
    mc_buf_free(&a);
    mc_buf_free(&again);
    mc_buf_free(&direct);
}
