/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Baked badges: Open Badges credentials in PNG text chunks and SVG elements (OB 3.0 §5.3 "Baked
 * Badge", OB 2.0 "Badge Baking").
 *
 * Where the PNG chunk goes. Neither spec says; the PNG spec lets iTXt sit anywhere between IHDR
 * and IEND. We put it right after IHDR, as Mozilla's openbadges-bakery (streampng) does: both
 * specs extract by reading "until the first iTXt chunk with the keyword" and discarding the rest,
 * so a reader that streams finds the credential before the image data, and the chunks that
 * follow keep their order.
 *
 * The SVG side is text processing, not an XML library: a tokenizer that knows tags, attributes,
 * comments, CDATA, processing instructions and the doctype, and checks that tags nest. That is
 * enough to find the root, the credential elements and their extents, and to edit the bytes
 * around them while keeping every other byte.
 */
#include "vc/bake.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/alloc.h"
#include "base/json.h"
#include "base/utf8.h"
#include "mcred/str.h"

#define KW3  "openbadgecredential" /* the OB 3.0 PNG keyword */
#define KW2  "openbadges"          /* the OB 2.0 PNG keyword */
#define NONE SIZE_MAX

static enum mc_rc fail_at(struct mc_err *e, enum mc_rc rc, size_t at, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* An error at byte `at` of the image: the message says where, and so does e->where. */
static enum mc_rc fail_at(struct mc_err *e, enum mc_rc rc, size_t at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(e, rc, fmt, ap);
    va_end(ap);
    mc_err_where(e, "byte %zu", at);
    return rc;
}

/* Append unless an earlier append failed, so a writer checks once at the end. */
static void put(struct mc_buf *b, const void *p, size_t n, enum mc_rc *rc)
{
    if (!*rc && n)
        *rc = mc_buf_append(b, p, n);
}

static void putz(struct mc_buf *b, const char *s, enum mc_rc *rc)
{
    put(b, s, strlen(s), rc);
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* ---- the credential to bake ---- */

enum cred_kind { CRED_JSON, CRED_JWS };

static bool is_b64url(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
}

/*
 * Check what is to be baked: a JSON object or a compact JWS (header.payload.signature, base64url),
 * as OB 3.0 §5.3 allows. The signature is not checked: baking does not verify. *s gets the
 * credential without the white space around it.
 */
static enum mc_rc check_credential(const char *cred, size_t clen, struct mc_str *s,
                                   enum cred_kind *kind, struct mc_err *e)
{
    if (clen > MC_BAKE_MAX_TEXT)
        return mc_err_set(e, MC_ERR_TOO_LARGE,
                          "the credential is %zu bytes, over the limit of %u MiB", clen,
                          MC_BAKE_MAX_TEXT >> 20);
    *s = mc_str_trim((struct mc_str){ cred ? cred : "", cred ? clen : 0 });
    if (!s->len)
        return mc_err_set(e, MC_ERR_INVALID, "the credential to bake is empty");
    size_t bad = 0;
    if (!mc_utf8_valid(s->p, s->len, &bad))
        return mc_err_set(e, MC_ERR_INVALID, "the credential is not UTF-8 (byte %zu)",
                          bad + (size_t)(s->p - cred));
    if (s->p[0] == '{') {
        json_t *j = NULL;
        struct mc_json_limits lim = { MC_BAKE_MAX_TEXT, 512 };
        enum mc_rc rc = mc_json_parse(s->p, s->len, 0, &lim, &j, e);
        json_decref(j);
        if (rc) {
            mc_err_prefix(e, "the credential is not JSON");
            return rc;
        }
        *kind = CRED_JSON;
        return MC_OK;
    }
    size_t dots = 0, part = 0;
    for (size_t i = 0; i < s->len; i++) {
        if (s->p[i] == '.') {
            if (part == 0 || ++dots > 2)
                break;
            part = 0;
        } else if (is_b64url(s->p[i])) {
            part++;
        } else {
            dots = 3; /* not a JWS */
            break;
        }
    }
    if (dots != 2 || part == 0)
        return mc_err_set(e, MC_ERR_INVALID,
                          "the credential is neither a JSON object nor a compact JWS (three "
                          "base64url parts separated by '.')");
    *kind = CRED_JWS;
    return MC_OK;
}

/*
 * The common end of extraction: the text must be UTF-8 without NUL and not empty once the white
 * space around it is gone. `what` names the chunk or element for messages.
 */
static enum mc_rc finish(const struct mc_buf *text, int version, enum mc_image_kind kind, size_t at,
                         const char *what, struct mc_baked *out, struct mc_err *e)
{
    const char *p = text->data ? text->data : "";
    const char *nul = memchr(p, 0, text->len);
    if (nul)
        return fail_at(e, MC_ERR_INVALID, at, "%s holds a NUL byte (byte %zu of its text)", what,
                       (size_t)(nul - p));
    size_t bad = 0;
    if (!mc_utf8_valid(p, text->len, &bad))
        return fail_at(e, MC_ERR_INVALID, at, "the text of %s is not UTF-8 (byte %zu of it)", what,
                       bad);
    struct mc_str s = mc_str_trim((struct mc_str){ p, text->len });
    if (!s.len)
        return fail_at(e, MC_ERR_INVALID, at, "%s is empty", what);
    out->version = version;
    out->kind = kind;
    out->text = mc_xmemdupz(s.p, s.len);
    out->len = s.len;
    return MC_OK;
}

/* ---- PNG (ISO/IEC 15948, "PNG Specification" §5) ---- */

static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

struct chunk {
    size_t off; /* of its length field */
    uint32_t len;
    char type[5];
    const unsigned char *data;
};

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static bool is_letter(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/*
 * Split a PNG into its chunks (§5.3), checking everything a writer relies on: the signature, each
 * chunk's length, type and CRC, IHDR first, IEND last and nothing after it. *out (the caller
 * frees it) points into `p`.
 */
static enum mc_rc png_parse(const unsigned char *p, size_t len, struct chunk **out, size_t *count,
                            struct mc_err *e)
{
    *out = NULL;
    *count = 0;
    if (len < 8 || memcmp(p, png_sig, 8) != 0)
        return fail_at(e, MC_ERR_INVALID, 0, "not a PNG: it does not start with the PNG signature");
    struct chunk *c = NULL;
    size_t n = 0, cap = 0, off = 8;
    enum mc_rc rc = MC_OK;
    for (;;) {
        if (off == len) {
            rc = fail_at(e, MC_ERR_INVALID, off, "the PNG ends at byte %zu without an IEND chunk",
                         off);
            goto fail;
        }
        if (len - off < 8) {
            rc = fail_at(e, MC_ERR_INVALID, off,
                         "truncated PNG: a chunk starts at byte %zu but only %zu of its 8 header "
                         "bytes are there",
                         off, len - off);
            goto fail;
        }
        uint32_t clen = be32(p + off);
        const unsigned char *t = p + off + 4;
        if (!is_letter(t[0]) || !is_letter(t[1]) || !is_letter(t[2]) || !is_letter(t[3])) {
            rc = fail_at(e, MC_ERR_INVALID, off,
                         "the chunk at byte %zu has the type bytes %02x %02x %02x %02x, not four "
                         "ASCII letters",
                         off, t[0], t[1], t[2], t[3]);
            goto fail;
        }
        struct chunk ch = {
            off, clen, { (char)t[0], (char)t[1], (char)t[2], (char)t[3], 0 }, p + off + 8
        };
        if (clen > 0x7fffffffu) {
            rc = fail_at(e, MC_ERR_INVALID, off,
                         "the %s chunk at byte %zu declares %u data bytes, over the PNG limit of "
                         "2^31-1",
                         ch.type, off, clen);
            goto fail;
        }
        if ((size_t)clen + 4 > len - off - 8) {
            rc = fail_at(e, MC_ERR_INVALID, off,
                         "truncated PNG: the %s chunk at byte %zu declares %u data bytes and a "
                         "4-byte CRC, but only %zu bytes follow its header",
                         ch.type, off, clen, len - off - 8);
            goto fail;
        }
        uint32_t crc = (uint32_t)crc32(0, t, 4);
        crc = (uint32_t)crc32(crc, ch.data, clen);
        uint32_t stored = be32(ch.data + clen);
        if (crc != stored) {
            rc = fail_at(e, MC_ERR_INVALID, off,
                         "the %s chunk at byte %zu has a bad CRC (stored %08x, computed %08x)",
                         ch.type, off, stored, crc);
            goto fail;
        }
        bool ihdr = strcmp(ch.type, "IHDR") == 0;
        if (n == 0 && !ihdr) {
            rc = fail_at(e, MC_ERR_INVALID, off, "the first chunk (at byte %zu) is %s, not IHDR",
                         off, ch.type);
            goto fail;
        }
        if (n == 0 && clen != 13) {
            rc = fail_at(e, MC_ERR_INVALID, off,
                         "the IHDR chunk at byte %zu has %u data bytes, not 13", off, clen);
            goto fail;
        }
        if (n > 0 && ihdr) {
            rc = fail_at(e, MC_ERR_INVALID, off, "a second IHDR chunk at byte %zu", off);
            goto fail;
        }
        if (n == MC_BAKE_MAX_CHUNKS) {
            rc = fail_at(e, MC_ERR_TOO_LARGE, off, "the PNG has more than %d chunks",
                         MC_BAKE_MAX_CHUNKS);
            goto fail;
        }
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            c = mc_xreallocarray(c, cap, sizeof *c);
        }
        c[n++] = ch;
        off += 12 + (size_t)clen;
        if (strcmp(ch.type, "IEND") == 0) {
            if (clen != 0) {
                rc = fail_at(e, MC_ERR_INVALID, ch.off,
                             "the IEND chunk at byte %zu has %u data bytes; it must be empty",
                             ch.off, clen);
                goto fail;
            }
            if (off != len) {
                rc = fail_at(e, MC_ERR_INVALID, off,
                             "%zu bytes follow the IEND chunk (which ends at byte %zu)", len - off,
                             off);
                goto fail;
            }
            break;
        }
    }
    *out = c;
    *count = n;
    return MC_OK;
fail:
    free(c);
    return rc;
}

/* 3 or 2 when `c` is a text chunk (tEXt, zTXt or iTXt, §11.3.4) with the OB 3.0 or OB 2.0
 * keyword; 0 otherwise. */
static int png_text_version(const struct chunk *c)
{
    if (strcmp(c->type, "tEXt") != 0 && strcmp(c->type, "zTXt") != 0 &&
        strcmp(c->type, "iTXt") != 0)
        return 0;
    if (c->len >= sizeof KW3 && memcmp(c->data, KW3, sizeof KW3) == 0)
        return 3;
    if (c->len >= sizeof KW2 && memcmp(c->data, KW2, sizeof KW2) == 0)
        return 2;
    return 0;
}

/* Inflate a zlib stream (RFC 1950) into `out`, which caps it. */
static enum mc_rc inflate_text(const unsigned char *d, size_t n, struct mc_buf *out,
                               const struct chunk *c, struct mc_err *e)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit(&zs) != Z_OK)
        return mc_err_set(e, MC_ERR_INTERNAL, "zlib could not start inflating");
    zs.next_in = (Bytef *)(uintptr_t)d;
    zs.avail_in = (uInt)n;
    enum mc_rc rc = MC_OK;
    unsigned char tmp[16384];
    for (;;) {
        zs.next_out = tmp;
        zs.avail_out = sizeof tmp;
        int z = inflate(&zs, Z_NO_FLUSH);
        size_t got = sizeof tmp - zs.avail_out;
        if (got && mc_buf_append(out, tmp, got)) {
            rc = fail_at(e, MC_ERR_TOO_LARGE, c->off,
                         "the text of the %s chunk at byte %zu inflates to more than %zu MiB",
                         c->type, c->off, out->max >> 20);
            goto out;
        }
        if (z == Z_STREAM_END)
            break;
        if (z == Z_OK)
            continue;
        if (z == Z_BUF_ERROR && zs.avail_in == 0)
            rc = fail_at(e, MC_ERR_INVALID, c->off,
                         "the compressed text of the %s chunk at byte %zu is cut short", c->type,
                         c->off);
        else
            rc = fail_at(e, MC_ERR_INVALID, c->off,
                         "the compressed text of the %s chunk at byte %zu is not a valid zlib "
                         "stream (%s)",
                         c->type, c->off, zs.msg ? zs.msg : "it needs a preset dictionary");
        goto out;
    }
    if (zs.avail_in)
        rc = fail_at(e, MC_ERR_INVALID, c->off,
                     "%u bytes follow the compressed text in the %s chunk at byte %zu", zs.avail_in,
                     c->type, c->off);
out:
    inflateEnd(&zs);
    return rc;
}

/*
 * The text of a tEXt, zTXt or iTXt chunk (§11.3.4.3-5) whose keyword is known to be `kwlen`
 * bytes: inflated if compressed, and as UTF-8 (tEXt and zTXt are Latin-1).
 */
static enum mc_rc png_chunk_text(const struct chunk *c, size_t kwlen, struct mc_buf *out,
                                 struct mc_err *e)
{
    const unsigned char *d = c->data + kwlen + 1;
    size_t n = c->len - kwlen - 1;
    bool compressed = false, latin1 = true;
    if (strcmp(c->type, "zTXt") == 0) {
        if (n < 1 || d[0] != 0)
            return fail_at(e, MC_ERR_INVALID, c->off,
                           "the zTXt chunk at byte %zu has no compression method or an unknown "
                           "one",
                           c->off);
        compressed = true;
        d++;
        n--;
    } else if (strcmp(c->type, "iTXt") == 0) {
        latin1 = false;
        if (n < 2 || d[0] > 1 || (d[0] == 1 && d[1] != 0))
            return fail_at(e, MC_ERR_INVALID, c->off,
                           "the iTXt chunk at byte %zu has a bad compression flag or method",
                           c->off);
        compressed = d[0] == 1;
        d += 2;
        n -= 2;
        for (int field = 0; field < 2; field++) { /* language tag, translated keyword */
            const unsigned char *z = memchr(d, 0, n);
            if (!z)
                return fail_at(e, MC_ERR_INVALID, c->off,
                               "the %s of the iTXt chunk at byte %zu is not ended by a NUL byte",
                               field ? "translated keyword" : "language tag", c->off);
            n -= (size_t)(z - d) + 1;
            d = z + 1;
        }
    }
    struct mc_buf raw;
    mc_buf_init(&raw, MC_BAKE_MAX_TEXT);
    enum mc_rc rc = MC_OK;
    if (compressed) {
        rc = inflate_text(d, n, &raw, c, e);
        if (rc)
            goto out;
        d = (const unsigned char *)raw.data;
        n = raw.len;
    } else if (n > MC_BAKE_MAX_TEXT) {
        rc = fail_at(e, MC_ERR_TOO_LARGE, c->off,
                     "the text of the %s chunk at byte %zu is over the limit of %u MiB", c->type,
                     c->off, MC_BAKE_MAX_TEXT >> 20);
        goto out;
    }
    if (!latin1) {
        rc = mc_buf_append(out, d, n);
    } else {
        for (size_t i = 0; i < n && !rc; i++) {
            if (d[i] < 0x80) {
                rc = mc_buf_putc(out, (char)d[i]);
            } else {
                char two[2] = { (char)(0xC0 | d[i] >> 6), (char)(0x80 | (d[i] & 0x3F)) };
                rc = mc_buf_append(out, two, 2);
            }
        }
    }
    if (rc)
        rc = fail_at(e, MC_ERR_TOO_LARGE, c->off,
                     "the text of the %s chunk at byte %zu is over the limit of %zu MiB", c->type,
                     c->off, out->max >> 20);
out:
    mc_buf_free(&raw);
    return rc;
}

static void put_be32(struct mc_buf *b, uint32_t v, enum mc_rc *rc)
{
    unsigned char q[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
                           (unsigned char)(v >> 8), (unsigned char)v };
    put(b, q, 4, rc);
}

static enum mc_rc png_bake(const unsigned char *p, size_t len, struct mc_str cred,
                           struct mc_buf *out, struct mc_err *e)
{
    struct chunk *c = NULL;
    size_t n = 0;
    enum mc_rc rc = png_parse(p, len, &c, &n, e);
    if (rc)
        return rc;
    /* keyword, NUL, compression flag 0 and method 0, empty language tag and translated keyword */
    static const char head[] = KW3 "\0\0\0\0";
    size_t base = out->len;
    put(out, png_sig, 8, &rc);
    put(out, p + c[0].off, 12 + (size_t)c[0].len, &rc);
    put_be32(out, (uint32_t)(sizeof head + cred.len), &rc);
    uint32_t crc = (uint32_t)crc32(0, (const Bytef *)"iTXt", 4);
    crc = (uint32_t)crc32(crc, (const Bytef *)head, sizeof head);
    crc = (uint32_t)crc32(crc, (const Bytef *)cred.p, (uInt)cred.len);
    put(out, "iTXt", 4, &rc);
    put(out, head, sizeof head, &rc);
    put(out, cred.p, cred.len, &rc);
    put_be32(out, crc, &rc);
    for (size_t i = 1; i < n; i++)
        if (!png_text_version(&c[i]))
            put(out, p + c[i].off, 12 + (size_t)c[i].len, &rc);
    free(c);
    if (rc) {
        mc_buf_truncate(out, base);
        return mc_err_set(e, MC_ERR_TOO_LARGE, "the baked image is larger than %zu bytes",
                          out->max);
    }
    return MC_OK;
}

static enum mc_rc png_extract(const unsigned char *p, size_t len, struct mc_baked *out,
                              struct mc_err *e)
{
    struct chunk *c = NULL;
    size_t n = 0;
    enum mc_rc rc = png_parse(p, len, &c, &n, e);
    if (rc)
        return rc;
    const struct chunk *found = NULL;
    int version = 0;
    for (size_t i = 0; i < n; i++) {
        int v = png_text_version(&c[i]);
        if (v > version) {
            found = &c[i];
            version = v;
            if (v == 3)
                break;
        }
    }
    if (!found) {
        free(c);
        return mc_err_set(e, MC_ERR_NOT_FOUND,
                          "the PNG has no baked credential (no openbadgecredential or openbadges "
                          "text chunk)");
    }
    struct mc_buf text;
    mc_buf_init(&text, MC_BAKE_MAX_TEXT);
    rc = png_chunk_text(found, version == 3 ? strlen(KW3) : strlen(KW2), &text, e);
    if (!rc) {
        char what[80];
        snprintf(what, sizeof what, "the %s %s chunk at byte %zu", version == 3 ? KW3 : KW2,
                 found->type, found->off);
        rc = finish(&text, version, MC_IMAGE_PNG, found->off, what, out, e);
    }
    mc_buf_free(&text);
    free(c);
    return rc;
}

/* ---- SVG: a tokenizer for the XML 1.0 it needs ---- */

enum tok_kind { T_EOF, T_TEXT, T_START, T_EMPTY, T_END, T_COMMENT, T_PI, T_CDATA, T_DOCTYPE };

struct tok {
    enum tok_kind kind;
    size_t start, end;  /* the token is p[start..end) */
    struct mc_str name; /* T_START, T_EMPTY, T_END */
    size_t attrs_end;   /* T_START, T_EMPTY: just after the last attribute, or the name */
};

struct xml {
    const char *p;
    size_t len, pos;
    struct mc_err *e;
};

/* NameStartChar and NameChar (XML 1.0 §2.3) for ASCII; every non-ASCII byte is let through. */
static bool name_start(unsigned char c)
{
    return is_letter(c) || c == '_' || c == ':' || c >= 0x80;
}

static bool name_char(unsigned char c)
{
    return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static size_t name_end(const char *p, size_t len, size_t at)
{
    if (at >= len || !name_start((unsigned char)p[at]))
        return at;
    size_t i = at + 1;
    while (i < len && name_char((unsigned char)p[i]))
        i++;
    return i;
}

/* Names in messages are cut to 64 bytes. */
#define NAME_FMT(s) (int)((s).len > 64 ? 64 : (s).len), (s).p

static bool starts(const struct xml *x, size_t at, const char *lit)
{
    size_t n = strlen(lit);
    return x->len - at >= n && memcmp(x->p + at, lit, n) == 0;
}

static size_t find(const struct xml *x, size_t from, const char *lit)
{
    if (from > x->len)
        return NONE;
    const char *q = memmem(x->p + from, x->len - from, lit, strlen(lit));
    return q ? (size_t)(q - x->p) : NONE;
}

/* A doctype (§2.8), internal subset included: '>' ends it outside quotes and brackets. */
static enum mc_rc skip_doctype(struct xml *x, struct tok *t)
{
    const char *p = x->p;
    size_t i = t->start + 9;
    int depth = 0;
    while (i < x->len) {
        char c = p[i];
        if (c == '"' || c == '\'') {
            const char *q = memchr(p + i + 1, c, x->len - i - 1);
            if (!q)
                break;
            i = (size_t)(q - p) + 1;
            continue;
        }
        if (depth > 0 && starts(x, i, "<!--")) {
            size_t q = find(x, i + 4, "-->");
            if (q == NONE)
                break;
            i = q + 3;
            continue;
        }
        if (c == '[') {
            depth++;
        } else if (c == ']' && depth > 0) {
            depth--;
        } else if (c == '>' && depth == 0) {
            t->kind = T_DOCTYPE;
            t->end = i + 1;
            return MC_OK;
        }
        i++;
    }
    return fail_at(x->e, MC_ERR_INVALID, t->start, "the doctype at byte %zu is not closed",
                   t->start);
}

/* A start tag (§3.1): name, attributes with quoted values, '>' or "/>". */
static enum mc_rc read_start_tag(struct xml *x, struct tok *t)
{
    const char *p = x->p;
    size_t at = t->start, ne = name_end(p, x->len, at + 1);
    if (ne == at + 1)
        return fail_at(x->e, MC_ERR_INVALID, at, "expected an element name after '<' at byte %zu",
                       at);
    t->name = (struct mc_str){ p + at + 1, ne - at - 1 };
    size_t i = ne;
    t->attrs_end = ne;
    for (;;) {
        size_t ws = i;
        while (i < x->len && is_ws(p[i]))
            i++;
        if (i >= x->len)
            return fail_at(x->e, MC_ERR_INVALID, at,
                           "the start tag <%.*s> at byte %zu is not closed", NAME_FMT(t->name), at);
        if (p[i] == '>') {
            t->kind = T_START;
            t->end = i + 1;
            return MC_OK;
        }
        if (p[i] == '/') {
            if (i + 1 < x->len && p[i + 1] == '>') {
                t->kind = T_EMPTY;
                t->end = i + 2;
                return MC_OK;
            }
            return fail_at(x->e, MC_ERR_INVALID, i,
                           "expected '>' after '/' in the start tag <%.*s> at byte %zu",
                           NAME_FMT(t->name), at);
        }
        size_t an = name_end(p, x->len, i);
        if (i == ws || an == i)
            return fail_at(x->e, MC_ERR_INVALID, i,
                           "expected white space and an attribute, '>' or '/>' at byte %zu in "
                           "the start tag <%.*s>",
                           i, NAME_FMT(t->name));
        struct mc_str an_s = { p + i, an - i };
        i = an;
        while (i < x->len && is_ws(p[i]))
            i++;
        if (i >= x->len || p[i] != '=')
            return fail_at(x->e, MC_ERR_INVALID, i,
                           "expected '=' after the attribute %.*s at byte %zu", NAME_FMT(an_s), i);
        i++;
        while (i < x->len && is_ws(p[i]))
            i++;
        if (i >= x->len || (p[i] != '"' && p[i] != '\''))
            return fail_at(x->e, MC_ERR_INVALID, i,
                           "expected a quoted value for the attribute %.*s at byte %zu",
                           NAME_FMT(an_s), i);
        const char *q = memchr(p + i + 1, p[i], x->len - i - 1);
        if (!q)
            return fail_at(x->e, MC_ERR_INVALID, i,
                           "the value of the attribute %.*s at byte %zu is not closed",
                           NAME_FMT(an_s), i);
        const char *lt = memchr(p + i + 1, '<', (size_t)(q - p) - i - 1);
        if (lt)
            return fail_at(x->e, MC_ERR_INVALID, (size_t)(lt - p),
                           "'<' at byte %zu in the value of the attribute %.*s (write &lt;)",
                           (size_t)(lt - p), NAME_FMT(an_s));
        i = (size_t)(q - p) + 1;
        t->attrs_end = i;
    }
}

/* The next token from x->pos. */
static enum mc_rc next_tok(struct xml *x, struct tok *t)
{
    const char *p = x->p;
    size_t at = x->pos;
    memset(t, 0, sizeof *t);
    t->start = at;
    enum mc_rc rc = MC_OK;
    if (at >= x->len) {
        t->kind = T_EOF;
        t->end = at;
        return MC_OK;
    }
    if (p[at] != '<') {
        const char *lt = memchr(p + at, '<', x->len - at);
        t->kind = T_TEXT;
        t->end = lt ? (size_t)(lt - p) : x->len;
    } else if (starts(x, at, "<!--")) {
        size_t q = find(x, at + 4, "-->");
        if (q == NONE)
            return fail_at(x->e, MC_ERR_INVALID, at, "the comment at byte %zu is not closed", at);
        t->kind = T_COMMENT;
        t->end = q + 3;
    } else if (starts(x, at, "<![CDATA[")) {
        size_t q = find(x, at + 9, "]]>");
        if (q == NONE)
            return fail_at(x->e, MC_ERR_INVALID, at, "the CDATA section at byte %zu is not closed",
                           at);
        t->kind = T_CDATA;
        t->end = q + 3;
    } else if (starts(x, at, "<!DOCTYPE")) {
        rc = skip_doctype(x, t);
    } else if (starts(x, at, "<!")) {
        return fail_at(x->e, MC_ERR_INVALID, at,
                       "'<!' at byte %zu starts no comment, CDATA section or doctype", at);
    } else if (starts(x, at, "<?")) {
        size_t q = find(x, at + 2, "?>");
        if (q == NONE)
            return fail_at(x->e, MC_ERR_INVALID, at,
                           "the processing instruction at byte %zu is not closed", at);
        t->kind = T_PI;
        t->end = q + 2;
    } else if (starts(x, at, "</")) {
        size_t ne = name_end(p, x->len, at + 2), i = ne;
        if (ne == at + 2)
            return fail_at(x->e, MC_ERR_INVALID, at,
                           "expected an element name after '</' at byte %zu", at);
        t->name = (struct mc_str){ p + at + 2, ne - at - 2 };
        while (i < x->len && is_ws(p[i]))
            i++;
        if (i >= x->len || p[i] != '>')
            return fail_at(x->e, MC_ERR_INVALID, at,
                           "expected '>' to close the end tag </%.*s> at byte %zu",
                           NAME_FMT(t->name), at);
        t->kind = T_END;
        t->end = i + 1;
    } else {
        rc = read_start_tag(x, t);
    }
    if (!rc)
        x->pos = t->end;
    return rc;
}

static bool all_ws(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_ws(p[i]))
            return false;
    return true;
}

static const char *tok_name(enum tok_kind k)
{
    switch (k) {
    case T_TEXT: return "text";
    case T_START:
    case T_EMPTY: return "a start tag";
    case T_END: return "an end tag";
    case T_COMMENT: return "a comment";
    case T_PI: return "a processing instruction";
    case T_CDATA: return "a CDATA section";
    case T_DOCTYPE: return "a doctype";
    case T_EOF: break;
    }
    return "the end";
}

static struct mc_str local_name(struct mc_str name)
{
    const char *colon = memchr(name.p, ':', name.len);
    if (!colon)
        return name;
    return (struct mc_str){ colon + 1, name.len - (size_t)(colon + 1 - name.p) };
}

/* Past the prolog (§2.8: XML declaration, comments, processing instructions, doctype) to the
 * root element's start tag, which must be svg. A UTF-8 byte order mark is skipped. */
static enum mc_rc find_root(struct xml *x, struct tok *root)
{
    x->pos = starts(x, 0, "\xEF\xBB\xBF") ? 3 : 0;
    bool doctype = false;
    for (;;) {
        enum mc_rc rc = next_tok(x, root);
        if (rc)
            return rc;
        switch (root->kind) {
        case T_COMMENT:
        case T_PI: continue;
        case T_TEXT:
            if (all_ws(x->p + root->start, root->end - root->start))
                continue;
            return fail_at(x->e, MC_ERR_INVALID, root->start,
                           "text before the root element at byte %zu", root->start);
        case T_DOCTYPE:
            if (!doctype) {
                doctype = true;
                continue;
            }
            break;
        case T_START:
        case T_EMPTY:
            if (!mc_str_eqz(local_name(root->name), "svg"))
                return fail_at(x->e, MC_ERR_UNSUPPORTED, root->start,
                               "the root element is <%.*s>, not <svg>", NAME_FMT(root->name));
            return MC_OK;
        case T_EOF:
            return fail_at(x->e, MC_ERR_INVALID, root->start,
                           "the document ends before its root element");
        default: break;
        }
        return fail_at(x->e, MC_ERR_INVALID, root->start, "%s before the root element at byte %zu",
                       tok_name(root->kind), root->start);
    }
}

/* An attribute of a start tag that read_start_tag accepted, so the syntax is known good. */
struct attr {
    struct mc_str name;
    size_t val, val_end; /* inside the quotes */
};

static bool attr_next(const char *p, const struct tok *t, size_t *pos, struct attr *a)
{
    size_t i = *pos ? *pos : t->start + 1 + t->name.len;
    while (i < t->attrs_end && is_ws(p[i]))
        i++;
    if (i >= t->attrs_end)
        return false;
    size_t n = i;
    while (p[i] != '=' && !is_ws(p[i]))
        i++;
    a->name = (struct mc_str){ p + n, i - n };
    while (p[i] != '"' && p[i] != '\'')
        i++;
    char q = p[i++];
    a->val = i;
    while (p[i] != q)
        i++;
    a->val_end = i;
    *pos = i + 1;
    return true;
}

static bool attr_find(const char *p, const struct tok *t, const char *name, struct attr *a)
{
    size_t pos = 0;
    while (attr_next(p, t, &pos, a))
        if (mc_str_eqz(a->name, name))
            return true;
    return false;
}

/* Does `t` declare xmlns:PREFIX="ns"? */
static bool binds(const char *p, const struct tok *t, struct mc_str prefix, const char *ns)
{
    size_t pos = 0;
    struct attr a;
    while (attr_next(p, t, &pos, &a)) {
        if (a.name.len == 6 + prefix.len && memcmp(a.name.p, "xmlns:", 6) == 0 &&
            memcmp(a.name.p + 6, prefix.p, prefix.len) == 0)
            return mc_str_eqz((struct mc_str){ p + a.val, a.val_end - a.val }, ns);
    }
    return false;
}

struct span {
    size_t start, end;
};

/* An OB element: the first of its version. */
struct found {
    bool ok;
    struct tok tag;        /* its start tag */
    size_t body, body_end; /* between its start and end tags (empty for <x/>) */
};

struct svg {
    struct tok root;
    struct span *drop; /* every OB element (the outermost ones), in document order */
    size_t ndrop, cap;
    struct found ob3, ob2;
    struct mc_str pfx3[8], pfx2[8]; /* prefixes the root binds to the OB 3.0 and 2.0 namespaces */
    size_t n3, n2;
};

/* Note the root's bindings once, so that classifying an element does not read the root again. */
static void root_bindings(const char *p, struct svg *s)
{
    size_t pos = 0;
    struct attr a;
    while (attr_next(p, &s->root, &pos, &a)) {
        if (a.name.len <= 6 || memcmp(a.name.p, "xmlns:", 6) != 0)
            continue;
        struct mc_str prefix = { a.name.p + 6, a.name.len - 6 },
                      v = { p + a.val, a.val_end - a.val };
        if (mc_str_eqz(v, MC_BAKE_OB3_NS) && s->n3 < 8)
            s->pfx3[s->n3++] = prefix;
        else if (mc_str_eqz(v, MC_BAKE_OB2_NS) && s->n2 < 8)
            s->pfx2[s->n2++] = prefix;
    }
}

/*
 * 3 for an OB 3.0 credential element, 2 for an OB 2.0 assertion, else 0. The prefix "openbadges"
 * counts whatever it is bound to, as the specs name the elements that way; another prefix counts
 * when the element or the root binds it to the namespace. (Only the root's declarations are
 * looked at, not those of the elements in between: badges do not nest namespaces.)
 */
static int classify(const char *p, const struct svg *s, const struct tok *t)
{
    const char *colon = memchr(t->name.p, ':', t->name.len);
    if (!colon)
        return 0;
    struct mc_str prefix = { t->name.p, (size_t)(colon - t->name.p) };
    struct mc_str local = local_name(t->name);
    int v = mc_str_eqz(local, "credential") ? 3 : mc_str_eqz(local, "assertion") ? 2 : 0;
    if (!v || mc_str_eqz(prefix, "openbadges"))
        return v;
    const struct mc_str *pfx = v == 3 ? s->pfx3 : s->pfx2;
    size_t n = v == 3 ? s->n3 : s->n2;
    for (size_t i = 0; i < n; i++)
        if (mc_str_eq(pfx[i], prefix))
            return v;
    return binds(p, t, prefix, v == 3 ? MC_BAKE_OB3_NS : MC_BAKE_OB2_NS) ? v : 0;
}

static void record(struct svg *s, int v, const struct tok *tag, size_t end, size_t body,
                   size_t body_end)
{
    if (s->ndrop == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 4;
        s->drop = mc_xreallocarray(s->drop, s->cap, sizeof *s->drop);
    }
    s->drop[s->ndrop++] = (struct span){ tag->start, end };
    struct found *f = v == 3 ? &s->ob3 : &s->ob2;
    if (!f->ok)
        *f = (struct found){ true, *tag, body, body_end };
}

/*
 * Read the whole document: the root, every OB element, and that tags nest (§3 "element"
 * production, well-formedness constraint "Element Type Match"), with nothing but comments,
 * processing instructions and white space after the root.
 */
static enum mc_rc svg_scan(struct xml *x, struct svg *s)
{
    memset(s, 0, sizeof *s);
    enum mc_rc rc = find_root(x, &s->root);
    if (rc)
        return rc;
    root_bindings(x->p, s);
    size_t *open = NULL; /* start offsets of the open elements */
    size_t depth = 0, cap = 0, ob_depth = 0;
    int ob_v = 0;
    struct tok ob_tag = { 0 };
    if (s->root.kind == T_START) {
        open = mc_xmalloc(16 * sizeof *open);
        cap = 16;
        open[depth++] = s->root.start;
    }
    struct tok t;
    while (depth > 0) {
        rc = next_tok(x, &t);
        if (rc)
            goto out;
        if (t.kind == T_START || t.kind == T_EMPTY) {
            int v = ob_depth ? 0 : classify(x->p, s, &t);
            if (t.kind == T_EMPTY) {
                if (v)
                    record(s, v, &t, t.end, t.end, t.end);
                continue;
            }
            if (depth == MC_BAKE_MAX_DEPTH) {
                rc = fail_at(x->e, MC_ERR_TOO_LARGE, t.start,
                             "elements nest deeper than %d levels (at byte %zu)", MC_BAKE_MAX_DEPTH,
                             t.start);
                goto out;
            }
            if (depth == cap) {
                cap *= 2;
                open = mc_xreallocarray(open, cap, sizeof *open);
            }
            open[depth++] = t.start;
            if (v) {
                ob_depth = depth;
                ob_v = v;
                ob_tag = t;
            }
        } else if (t.kind == T_END) {
            size_t st = open[depth - 1];
            struct mc_str name = { x->p + st + 1, name_end(x->p, x->len, st + 1) - st - 1 };
            if (!mc_str_eq(name, t.name)) {
                rc = fail_at(x->e, MC_ERR_INVALID, t.start,
                             "the end tag </%.*s> at byte %zu does not match the start tag "
                             "<%.*s> at byte %zu",
                             NAME_FMT(t.name), t.start, NAME_FMT(name), st);
                goto out;
            }
            if (ob_depth == depth) {
                record(s, ob_v, &ob_tag, t.end, ob_tag.end, t.start);
                ob_depth = 0;
            }
            depth--;
        } else if (t.kind == T_EOF) {
            size_t st = open[depth - 1];
            struct mc_str name = { x->p + st + 1, name_end(x->p, x->len, st + 1) - st - 1 };
            rc = fail_at(x->e, MC_ERR_INVALID, t.start,
                         "the document ends inside <%.*s> (the start tag at byte %zu)",
                         NAME_FMT(name), st);
            goto out;
        } else if (t.kind == T_DOCTYPE) {
            rc = fail_at(x->e, MC_ERR_INVALID, t.start, "a doctype inside the root at byte %zu",
                         t.start);
            goto out;
        }
    }
    for (;;) {
        rc = next_tok(x, &t);
        if (rc || t.kind == T_EOF)
            break;
        if (t.kind == T_COMMENT || t.kind == T_PI ||
            (t.kind == T_TEXT && all_ws(x->p + t.start, t.end - t.start)))
            continue;
        rc = fail_at(x->e, MC_ERR_INVALID, t.start, "%s after the root element at byte %zu",
                     tok_name(t.kind), t.start);
        break;
    }
out:
    free(open);
    if (rc) {
        free(s->drop);
        s->drop = NULL;
    }
    return rc;
}

/* Is `cp` a Char (XML 1.0 §2.2)? */
static bool xml_char(uint32_t cp)
{
    if (cp < 0x20)
        return cp == 0x9 || cp == 0xA || cp == 0xD;
    return (cp < 0xD800) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/*
 * Character data with references resolved (§4.1, §4.6): the five predefined entities and
 * character references; any other entity is refused, as a badge has no reason to define one.
 * `attr` also applies attribute-value normalization (§3.3.3): literal tab, CR and LF become
 * spaces. Line ends in text are kept as they are. `at` is the offset of p[0] in the document.
 */
static enum mc_rc unescape(const char *p, size_t n, size_t at, bool attr, struct mc_buf *out,
                           struct mc_err *e)
{
    enum mc_rc rc = MC_OK;
    size_t i = 0;
    while (i < n && !rc) {
        char c = p[i];
        if (c != '&') {
            size_t j = i;
            while (j < n && p[j] != '&' && !(attr && is_ws(p[j]) && p[j] != ' '))
                j++;
            if (j > i) {
                rc = mc_buf_append(out, p + i, j - i);
                i = j;
            } else {
                rc = mc_buf_putc(out, ' ');
                i++;
            }
            continue;
        }
        const char *semi = memchr(p + i, ';', n - i < 16 ? n - i : 16);
        if (!semi)
            return fail_at(e, MC_ERR_INVALID, at + i,
                           "'&' at byte %zu starts no reference (write &amp; for '&')", at + i);
        struct mc_str ref = { p + i + 1, (size_t)(semi - p) - i - 1 };
        const char *named[5][2] = {
            { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
        };
        bool done = false;
        for (int k = 0; k < 5 && !done; k++) {
            if (mc_str_eqz(ref, named[k][0])) {
                rc = mc_buf_putc(out, named[k][1][0]);
                done = true;
            }
        }
        if (!done) {
            bool hex = ref.len > 1 && ref.p[0] == '#' && ref.p[1] == 'x';
            size_t d = hex ? 2 : 1;
            uint32_t cp = 0;
            bool ok = ref.len > d && ref.p[0] == '#';
            for (size_t k = d; ok && k < ref.len; k++) {
                char h = ref.p[k];
                int v = h >= '0' && h <= '9'          ? h - '0'
                        : hex && h >= 'a' && h <= 'f' ? h - 'a' + 10
                        : hex && h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                      : -1;
                if (v < 0 || cp > 0x10FFFF)
                    ok = false;
                else
                    cp = cp * (hex ? 16 : 10) + (uint32_t)v;
            }
            if (!ok || !xml_char(cp))
                return fail_at(e, MC_ERR_INVALID, at + i,
                               "'&%.*s;' at byte %zu is not &amp;, &lt;, &gt;, &quot;, &apos; or "
                               "a reference to a character XML allows",
                               (int)ref.len, ref.p, at + i);
            rc = mc_utf8_encode(out, cp);
        }
        i = (size_t)(semi - p) + 1;
    }
    if (rc)
        return fail_at(e, MC_ERR_TOO_LARGE, at, "the text at byte %zu is over the limit of %zu MiB",
                       at, out->max >> 20);
    return MC_OK;
}

/* The text of an element's body: text with references resolved and CDATA sections as they are
 * (split sections join up again); comments and processing instructions are skipped. */
static enum mc_rc body_text(const char *p, const struct found *f, struct mc_buf *out,
                            struct mc_err *e)
{
    struct xml x = { p, f->body_end, f->body, e };
    for (;;) {
        struct tok t;
        enum mc_rc rc = next_tok(&x, &t);
        if (rc)
            return rc;
        switch (t.kind) {
        case T_EOF: return MC_OK;
        case T_TEXT: rc = unescape(p + t.start, t.end - t.start, t.start, false, out, e); break;
        case T_CDATA:
            if (mc_buf_append(out, p + t.start + 9, t.end - t.start - 12))
                rc = fail_at(e, MC_ERR_TOO_LARGE, t.start,
                             "the text at byte %zu is over the limit of %zu MiB", t.start,
                             out->max >> 20);
            break;
        case T_COMMENT:
        case T_PI: break;
        default:
            return fail_at(e, MC_ERR_INVALID, t.start,
                           "%s at byte %zu inside <%.*s> (at byte %zu), which holds only text",
                           tok_name(t.kind), t.start, NAME_FMT(f->tag.name), f->tag.start);
        }
        if (rc)
            return rc;
    }
}

static enum mc_rc svg_extract(const char *p, size_t len, struct mc_baked *out, struct mc_err *e)
{
    struct xml x = { p, len, 0, e };
    struct svg s;
    enum mc_rc rc = svg_scan(&x, &s);
    if (rc)
        return rc;
    free(s.drop);
    int v = s.ob3.ok ? 3 : s.ob2.ok ? 2 : 0;
    if (!v)
        return mc_err_set(e, MC_ERR_NOT_FOUND,
                          "the SVG has no baked credential (no <openbadges:credential> or "
                          "<openbadges:assertion> element)");
    const struct found *f = v == 3 ? &s.ob3 : &s.ob2;
    struct mc_buf verify, body;
    mc_buf_init(&verify, MC_BAKE_MAX_TEXT);
    mc_buf_init(&body, MC_BAKE_MAX_TEXT);
    struct attr a;
    if (attr_find(p, &f->tag, "verify", &a))
        rc = unescape(p + a.val, a.val_end - a.val, a.val, true, &verify, e);
    if (!rc)
        rc = body_text(p, f, &body, e);
    if (!rc) {
        /* OB 3.0: a VC-JWT is in verify, JSON in the body. OB 2.0: the body is the assertion
         * and verify its URL, or verify alone is a JWS. */
        bool has_verify = mc_str_trim((struct mc_str){ mc_buf_cstr(&verify), verify.len }).len;
        bool has_body = mc_str_trim((struct mc_str){ mc_buf_cstr(&body), body.len }).len;
        const struct mc_buf *text =
                v == 3 ? (has_verify ? &verify : &body) : (has_body ? &body : &verify);
        char what[128];
        snprintf(what, sizeof what, "the <%.*s> element at byte %zu", NAME_FMT(f->tag.name),
                 f->tag.start);
        rc = finish(text, v, MC_IMAGE_SVG, f->tag.start, what, out, e);
    }
    mc_buf_free(&verify);
    mc_buf_free(&body);
    return rc;
}

/* Refuse an XML declaration naming an encoding other than UTF-8: a UTF-8 credential would be
 * misread in it. */
static enum mc_rc svg_check_encoding(const char *p, size_t len, struct mc_err *e)
{
    struct xml x = { p, len, 0, e };
    x.pos = starts(&x, 0, "\xEF\xBB\xBF") ? 3 : 0;
    if (!starts(&x, x.pos, "<?xml") || x.pos + 5 >= len || !is_ws(p[x.pos + 5]))
        return MC_OK;
    size_t end = find(&x, x.pos, "?>");
    const char *enc = memmem(p + x.pos, end - x.pos, "encoding", 8);
    if (!enc)
        return MC_OK;
    size_t i = (size_t)(enc - p) + 8;
    while (i < end && (is_ws(p[i]) || p[i] == '='))
        i++;
    if (i >= end || (p[i] != '"' && p[i] != '\''))
        return MC_OK;
    const char *q = memchr(p + i + 1, p[i], end - i - 1);
    if (!q)
        return MC_OK;
    struct mc_str name = { p + i + 1, (size_t)(q - p) - i - 1 };
    if (mc_str_ieqz(name, "utf-8") || mc_str_ieqz(name, "utf8"))
        return MC_OK;
    return fail_at(e, MC_ERR_UNSUPPORTED, i,
                   "the SVG declares the encoding %.*s; only UTF-8 SVGs can be baked",
                   NAME_FMT(name));
}

/* A CDATA section cannot hold "]]>": end the section after "]]" and start another for ">". */
static void put_cdata(struct mc_buf *out, struct mc_str s, enum mc_rc *rc)
{
    putz(out, "<![CDATA[", rc);
    size_t i = 0;
    for (;;) {
        const char *q = memmem(s.p + i, s.len - i, "]]>", 3);
        if (!q)
            break;
        size_t k = (size_t)(q - s.p) + 2;
        put(out, s.p + i, k - i, rc);
        putz(out, "]]><![CDATA[", rc);
        i = k;
    }
    put(out, s.p + i, s.len - i, rc);
    putz(out, "]]>", rc);
}

static enum mc_rc svg_bake(const char *p, size_t len, struct mc_str cred, enum cred_kind kind,
                           struct mc_buf *out, struct mc_err *e)
{
    for (size_t i = 0; i + 2 < cred.len; i++) {
        const unsigned char *u = (const unsigned char *)cred.p + i;
        if (u[0] == 0xEF && u[1] == 0xBF && (u[2] == 0xBE || u[2] == 0xBF))
            return mc_err_set(e, MC_ERR_INVALID,
                              "the credential holds U+%04X (byte %zu), which XML cannot carry",
                              u[2] == 0xBE ? 0xFFFEu : 0xFFFFu, i);
    }
    struct xml x = { p, len, 0, e };
    struct svg s;
    enum mc_rc rc = svg_scan(&x, &s);
    if (!rc)
        rc = svg_check_encoding(p, len, e); /* after the scan, which checked the "?>" is there */
    if (rc) {
        free(s.drop);
        return rc;
    }
    const struct tok *r = &s.root;
    size_t base = out->len;

    /* Bind the prefix on the root (OB 3.0 §5.3.2.1): keep a binding to the OB 3.0 namespace,
     * rebind an OB 2.0 one, or add one after the last attribute. */
    struct attr a;
    size_t cut = r->attrs_end, resume = r->attrs_end;
    const char *ins = " xmlns:openbadges=\"" MC_BAKE_OB3_NS "\"";
    if (attr_find(p, r, "xmlns:openbadges", &a)) {
        ins = "";
        if (!mc_str_eqz((struct mc_str){ p + a.val, a.val_end - a.val }, MC_BAKE_OB3_NS)) {
            cut = a.val;
            resume = a.val_end;
            ins = MC_BAKE_OB3_NS;
        }
    }
    put(out, p, cut, &rc);
    putz(out, ins, &rc);
    if (r->kind == T_EMPTY) { /* <svg/> becomes <svg>credential</svg> */
        put(out, p + resume, r->end - 2 - resume, &rc);
        putz(out, ">", &rc);
    } else {
        put(out, p + resume, r->end - resume, &rc);
    }
    if (kind == CRED_JWS) {
        putz(out, "<openbadges:credential verify=\"", &rc);
        put(out, cred.p, cred.len, &rc); /* base64url and '.': nothing to escape */
        putz(out, "\"></openbadges:credential>", &rc);
    } else {
        putz(out, "<openbadges:credential>", &rc);
        put_cdata(out, cred, &rc);
        putz(out, "</openbadges:credential>", &rc);
    }
    if (r->kind == T_EMPTY) {
        putz(out, "</", &rc);
        put(out, r->name.p, r->name.len, &rc);
        putz(out, ">", &rc);
    }
    size_t at = r->end;
    for (size_t i = 0; i < s.ndrop; i++) {
        put(out, p + at, s.drop[i].start - at, &rc);
        at = s.drop[i].end;
    }
    put(out, p + at, len - at, &rc);
    free(s.drop);
    if (rc) {
        mc_buf_truncate(out, base);
        return mc_err_set(e, MC_ERR_TOO_LARGE, "the baked image is larger than %zu bytes",
                          out->max);
    }
    return MC_OK;
}

/* ---- the interface ---- */

enum mc_rc mc_image_detect(const void *data, size_t len, enum mc_image_kind *kind, struct mc_err *e)
{
    if (len >= 8 && memcmp(data, png_sig, 8) == 0) {
        *kind = MC_IMAGE_PNG;
        return MC_OK;
    }
    struct mc_err sub;
    mc_err_clear(&sub);
    struct xml x = { data, len, 0, &sub };
    struct tok root;
    /* A root <svg with broken attributes is an SVG still, and its errors are for the reader. */
    if (len && (find_root(&x, &root) == MC_OK || (root.kind == T_EOF && root.name.len &&
                                                  mc_str_eqz(local_name(root.name), "svg")))) {
        *kind = MC_IMAGE_SVG;
        return MC_OK;
    }
    if (!len)
        return mc_err_set(e, MC_ERR_UNSUPPORTED, "not a PNG or SVG image: it is empty");
    mc_err_where(e, "%s", sub.where);
    return mc_err_set(e, MC_ERR_UNSUPPORTED,
                      "not a PNG or SVG image (no PNG signature, and as XML: %s)", sub.msg);
}

/* The size limit and the kind of an image, for both entry points. */
static enum mc_rc image_kind(const void *image, size_t len, enum mc_image_kind *kind,
                             struct mc_err *e)
{
    mc_err_clear(e);
    if (len > MC_BAKE_MAX_IMAGE)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "the image is %zu bytes, over the limit of %u MiB",
                          len, MC_BAKE_MAX_IMAGE >> 20);
    return mc_image_detect(image, len, kind, e);
}

enum mc_rc mc_bake(const void *image, size_t len, const char *cred, size_t clen, struct mc_buf *out,
                   struct mc_err *e)
{
    enum mc_image_kind kind;
    enum mc_rc rc = image_kind(image, len, &kind, e);
    if (rc)
        return rc;
    struct mc_str s;
    enum cred_kind ck = CRED_JSON;
    rc = check_credential(cred, clen, &s, &ck, e);
    if (rc)
        return rc;
    if (kind == MC_IMAGE_PNG)
        return png_bake(image, len, s, out, e);
    return svg_bake(image, len, s, ck, out, e);
}

enum mc_rc mc_bake_extract(const void *image, size_t len, struct mc_baked *out, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    enum mc_image_kind kind;
    enum mc_rc rc = image_kind(image, len, &kind, e);
    if (rc)
        return rc;
    if (kind == MC_IMAGE_PNG)
        return png_extract(image, len, out, e);
    return svg_extract(image, len, out, e);
}

void mc_baked_free(struct mc_baked *b)
{
    if (!b)
        return;
    free(b->text);
    memset(b, 0, sizeof *b);
}
