/* SPDX-License-Identifier: Apache-2.0 */
/* Baked badges: PNG and SVG round trips, re-baking, OB 2.0 images, compressed text, and every way
 * an image or a credential can be refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "test.h"
#include "vc/bake.h"

#define CRED_JSON \
    "{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"name\":\"Caf\xc3\xa9\"}"
#define CRED_JWS "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJkaWQ6ZXhhbXBsZSJ9.c2lnbmF0dXJl"

/* ---- building PNGs ---- */

static void put32(struct mc_buf *b, uint32_t v)
{
    unsigned char q[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
                           (unsigned char)(v >> 8), (unsigned char)v };
    mc_buf_append(b, q, 4);
}

static void chunk(struct mc_buf *b, const char *type, const void *data, size_t n)
{
    put32(b, (uint32_t)n);
    mc_buf_append(b, type, 4);
    mc_buf_append(b, data, n);
    uint32_t crc = (uint32_t)crc32(0, (const Bytef *)type, 4);
    crc = (uint32_t)crc32(crc, data, (uInt)n);
    put32(b, crc);
}

static void deflate_into(struct mc_buf *b, const void *p, size_t n)
{
    uLongf cap = compressBound((uLong)n);
    unsigned char *z = malloc(cap);
    compress(z, &cap, p, (uLong)n);
    mc_buf_append(b, z, cap);
    free(z);
}

/* The signature and IHDR of a 1x1 grey image. */
static void png_head(struct mc_buf *b)
{
    mc_buf_append(b, "\x89PNG\r\n\x1a\n", 8);
    static const unsigned char ihdr[13] = { 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0 };
    chunk(b, "IHDR", ihdr, 13);
}

/* IDAT (one filter byte, one pixel) and IEND. */
static void png_tail(struct mc_buf *b)
{
    struct mc_buf z;
    mc_buf_init(&z, 1 << 20);
    deflate_into(&z, "\0\x80", 2);
    chunk(b, "IDAT", z.data, z.len);
    mc_buf_free(&z);
    chunk(b, "IEND", "", 0);
}

/* A minimal PNG with an optional text chunk before IDAT. `body` is the chunk data. */
static void png_with(struct mc_buf *b, const char *type, const void *body, size_t n)
{
    mc_buf_reset(b);
    png_head(b);
    if (type)
        chunk(b, type, body, n);
    png_tail(b);
}

/* keyword NUL flag method lang NUL translated NUL text, the text deflated if `compressed`. */
static void itxt_body(struct mc_buf *d, const char *kw, int compressed, const char *text, size_t n)
{
    mc_buf_reset(d);
    mc_buf_appendz(d, kw);
    mc_buf_append(d, "\0", 1);
    mc_buf_putc(d, (char)compressed);
    mc_buf_append(d, "\0", 1);
    mc_buf_append(d, "en\0", 3);
    mc_buf_append(d, "x\0", 2);
    if (compressed)
        deflate_into(d, text, n);
    else
        mc_buf_append(d, text, n);
}

static size_t count(const struct mc_buf *b, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (size_t i = 0; i + k <= b->len; i++)
        if (memcmp(b->data + i, needle, k) == 0)
            n++;
    return n;
}

/* Extract and compare; names the case on failure. */
static void check_extract(const void *img, size_t len, int version, enum mc_image_kind kind,
                          const char *want)
{
    struct mc_baked b;
    struct mc_err e;
    enum mc_rc rc = mc_bake_extract(img, len, &b, &e);
    if (!CHECK_INT(rc, MC_OK)) {
        fprintf(stderr, "  error: %s (%s)\n", e.msg, e.where);
        return;
    }
    CHECK_INT(b.version, version);
    CHECK_INT(b.kind, kind);
    CHECK_STR(b.text, want);
    CHECK_INT(b.len, strlen(want));
    mc_baked_free(&b);
}

static void check_extract_fails(const void *img, size_t len, enum mc_rc want, const char *msg_part)
{
    struct mc_baked b;
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_bake_extract(img, len, &b, &e), want);
    CHECK(b.text == NULL);
    if (msg_part && !CHECK(strstr(e.msg, msg_part) != NULL))
        fprintf(stderr, "  message: %s\n", e.msg);
}

static void test_detect(void)
{
    static const struct {
        const char *in;
        int kind; /* 0: unsupported */
    } cases[] = {
        { "<svg/>", MC_IMAGE_SVG },
        { "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG "
          "1.1//EN\" \"x.dtd\" [ <!ENTITY a \"]>\"> ]>\n<?pi x?><svg xmlns='x'>",
          MC_IMAGE_SVG },
        { "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"></svg:svg>", MC_IMAGE_SVG },
        { "<html><svg/></html>", 0 },
        { "hello <svg/>", 0 },
        { "<!-- not closed <svg/>", 0 },
        { "<svgx/>", 0 },
        { "GIF89a", 0 },
        { "", 0 },
        { "\x89PNG\r\n\x1a\n", MC_IMAGE_PNG },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("detect %zu", i);
        enum mc_image_kind k = 0;
        struct mc_err e;
        enum mc_rc rc = mc_image_detect(cases[i].in, strlen(cases[i].in), &k, &e);
        CHECK_INT(rc, cases[i].kind ? MC_OK : MC_ERR_UNSUPPORTED);
        if (cases[i].kind)
            CHECK_INT(k, cases[i].kind);
    }
}

static void test_png(void)
{
    struct mc_buf png, out, out2, d;
    mc_buf_init(&png, 64 << 20);
    mc_buf_init(&out, 64 << 20);
    mc_buf_init(&out2, 64 << 20);
    mc_buf_init(&d, 64 << 20);
    struct mc_err e;

    mc_test_case("png: bake JSON, extract");
    png_with(&png, NULL, NULL, 0);
    CHECK_INT(mc_bake(png.data, png.len, "  " CRED_JSON "\n", strlen(CRED_JSON) + 3, &out, &e),
              MC_OK);
    check_extract(out.data, out.len, 3, MC_IMAGE_PNG, CRED_JSON);
    /* right after IHDR (8 + 25 bytes), uncompressed, empty language tag and translated keyword */
    CHECK_MEM(out.data + 37, 4, "iTXt", 4);
    CHECK_MEM(out.data + 41, 24, "openbadgecredential\0\0\0\0\0", 24);
    CHECK_MEM(out.data + 65, strlen(CRED_JSON), CRED_JSON, strlen(CRED_JSON));
    CHECK_INT(out.len, png.len + 12 + 24 + strlen(CRED_JSON));
    /* everything else is the image as it was */
    CHECK_MEM(out.data, 33, png.data, 33);
    CHECK_MEM(out.data + out.len - (png.len - 33), png.len - 33, png.data + 33, png.len - 33);

    mc_test_case("png: re-baking replaces");
    mc_buf_reset(&out2);
    CHECK_INT(mc_bake(out.data, out.len, CRED_JWS, strlen(CRED_JWS), &out2, &e), MC_OK);
    check_extract(out2.data, out2.len, 3, MC_IMAGE_PNG, CRED_JWS);
    CHECK_INT(count(&out2, "openbadgecredential"), 1);
    mc_buf_reset(&out);
    CHECK_INT(mc_bake(png.data, png.len, CRED_JWS, strlen(CRED_JWS), &out, &e), MC_OK);
    CHECK_MEM(out2.data, out2.len, out.data, out.len);

    mc_test_case("png: nothing baked");
    check_extract_fails(png.data, png.len, MC_ERR_NOT_FOUND, "no baked credential");

    mc_test_case("png: OB 2.0 tEXt hosted URL (Latin-1), replaced by baking");
    png_with(&png, "tEXt", "openbadges\0https://example.org/a/\xe9", 34);
    check_extract(png.data, png.len, 2, MC_IMAGE_PNG, "https://example.org/a/\xc3\xa9");
    mc_buf_reset(&out);
    CHECK_INT(mc_bake(png.data, png.len, CRED_JSON, strlen(CRED_JSON), &out, &e), MC_OK);
    check_extract(out.data, out.len, 3, MC_IMAGE_PNG, CRED_JSON);
    CHECK_INT(count(&out, "openbadges\0"), 0);
    CHECK_INT(count(&out, "tEXt"), 0);

    mc_test_case("png: OB 2.0 iTXt JSON; OB 3.0 wins over it");
    itxt_body(&d, "openbadges", 0, "{\"type\":\"Assertion\"}", 20);
    png_with(&png, "iTXt", d.data, d.len);
    check_extract(png.data, png.len, 2, MC_IMAGE_PNG, "{\"type\":\"Assertion\"}");
    mc_buf_reset(&out);
    png_head(&out);
    chunk(&out, "iTXt", d.data, d.len);
    itxt_body(&d, "openbadgecredential", 0, CRED_JWS, strlen(CRED_JWS));
    chunk(&out, "iTXt", d.data, d.len);
    png_tail(&out);
    check_extract(out.data, out.len, 3, MC_IMAGE_PNG, CRED_JWS);
    mc_buf_reset(&out2);
    CHECK_INT(mc_bake(out.data, out.len, CRED_JSON, strlen(CRED_JSON), &out2, &e), MC_OK);
    CHECK_INT(count(&out2, "openbadge"), 1);

    mc_test_case("png: OB 2.0 zTXt");
    mc_buf_reset(&d);
    mc_buf_append(&d, "openbadges\0\0", 12);
    deflate_into(&d, "https://example.org/b", 21);
    png_with(&png, "zTXt", d.data, d.len);
    check_extract(png.data, png.len, 2, MC_IMAGE_PNG, "https://example.org/b");

    mc_test_case("png: compressed iTXt");
    itxt_body(&d, "openbadgecredential", 1, CRED_JSON, strlen(CRED_JSON));
    png_with(&png, "iTXt", d.data, d.len);
    check_extract(png.data, png.len, 3, MC_IMAGE_PNG, CRED_JSON);

    mc_test_case("png: compressed iTXt over 16 MiB inflated");
    {
        size_t n = MC_BAKE_MAX_TEXT + 1;
        char *big = malloc(n);
        memset(big, ' ', n);
        big[0] = 'x';
        itxt_body(&d, "openbadgecredential", 1, big, n);
        free(big);
        png_with(&png, "iTXt", d.data, d.len);
        check_extract_fails(png.data, png.len, MC_ERR_TOO_LARGE, "inflates to more than 16 MiB");
    }

    mc_test_case("png: broken compressed text");
    mc_buf_reset(&d);
    mc_buf_append(&d, "openbadgecredential\0\1\0\0\0", 24);
    mc_buf_append(&d, "not zlib", 8);
    png_with(&png, "iTXt", d.data, d.len);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "not a valid zlib stream");
    itxt_body(&d, "openbadgecredential", 1, CRED_JSON, strlen(CRED_JSON));
    png_with(&png, "iTXt", d.data, d.len - 4);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "cut short");
    itxt_body(&d, "openbadgecredential", 1, CRED_JSON, strlen(CRED_JSON));
    mc_buf_append(&d, "junk", 4);
    png_with(&png, "iTXt", d.data, d.len);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "4 bytes follow the compressed text");

    mc_test_case("png: broken iTXt fields");
    png_with(&png, "iTXt", "openbadgecredential\0\2\0\0\0x", 25);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "compression flag");
    png_with(&png, "iTXt", "openbadgecredential\0\0\0en", 24);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "language tag");
    png_with(&png, "iTXt", "openbadgecredential\0\0\0\0\0  ", 26);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "is empty");
    png_with(&png, "iTXt", "openbadgecredential\0\0\0\0\0\xff", 25);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "not UTF-8");
    png_with(&png, "iTXt", "openbadgecredential\0\0\0\0\0a\0b", 27);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "NUL byte");

    mc_test_case("png: structure errors");
    png_with(&png, NULL, NULL, 0);
    size_t good = png.len;
    /* bad signature: not an image at all */
    png.data[1] = 'Q';
    check_extract_fails(png.data, png.len, MC_ERR_UNSUPPORTED, "not a PNG or SVG");
    png.data[1] = 'P';
    /* bad CRC in IHDR */
    png.data[29] ^= 1;
    mc_err_clear(&e);
    mc_buf_reset(&out);
    CHECK_INT(mc_bake(png.data, png.len, CRED_JSON, strlen(CRED_JSON), &out, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "IHDR chunk at byte 8 has a bad CRC") != NULL);
    CHECK_STR(e.where, "byte 8");
    CHECK_INT(out.len, 0);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "bad CRC");
    png.data[29] ^= 1;
    /* truncated in the middle of IDAT, and in a chunk header */
    check_extract_fails(png.data, good - 14, MC_ERR_INVALID,
                        "truncated PNG: the IDAT chunk at byte 33");
    check_extract_fails(png.data, 36, MC_ERR_INVALID, "truncated PNG: a chunk starts at byte 33");
    /* no IEND */
    check_extract_fails(png.data, good - 12, MC_ERR_INVALID, "without an IEND chunk");
    /* bytes after IEND */
    mc_buf_append(&png, "x", 1);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "1 bytes follow the IEND chunk");
    /* IHDR not first */
    mc_buf_reset(&png);
    mc_buf_append(&png, "\x89PNG\r\n\x1a\n", 8);
    png_tail(&png);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "is IDAT, not IHDR");
    /* a type that is not letters, and a length over 2^31-1 */
    png_with(&png, "tE1t", "x", 1);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "not four ASCII letters");
    png_with(&png, NULL, NULL, 0);
    memcpy(png.data + 33, "\x80\0\0\0", 4);
    check_extract_fails(png.data, png.len, MC_ERR_INVALID, "over the PNG limit");

    mc_test_case("png: output cap");
    png_with(&png, NULL, NULL, 0);
    struct mc_buf small;
    mc_buf_init(&small, 60);
    mc_buf_appendz(&small, "kept");
    CHECK_INT(mc_bake(png.data, png.len, CRED_JSON, strlen(CRED_JSON), &small, &e),
              MC_ERR_TOO_LARGE);
    CHECK_STR(mc_buf_cstr(&small), "kept");
    mc_buf_free(&small);

    mc_buf_free(&png);
    mc_buf_free(&out);
    mc_buf_free(&out2);
    mc_buf_free(&d);
}

static void bake_svg(const char *svg, const char *cred, struct mc_buf *out)
{
    struct mc_err e;
    mc_buf_reset(out);
    enum mc_rc rc = mc_bake(svg, strlen(svg), cred, strlen(cred), out, &e);
    if (!CHECK_INT(rc, MC_OK))
        fprintf(stderr, "  error: %s (%s)\n", e.msg, e.where);
}

static void test_svg(void)
{
    struct mc_buf out, out2;
    mc_buf_init(&out, 1 << 20);
    mc_buf_init(&out2, 1 << 20);
    struct mc_err e;

    mc_test_case("svg: bake JSON");
    const char *svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\" >\n"
                      "  <circle r=\"1\"/>\n</svg>\n";
    bake_svg(svg, CRED_JSON, &out);
    CHECK_STR(mc_buf_cstr(&out),
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\" "
              "xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\" >"
              "<openbadges:credential><![CDATA[" CRED_JSON "]]></openbadges:credential>\n"
              "  <circle r=\"1\"/>\n</svg>\n");
    check_extract(out.data, out.len, 3, MC_IMAGE_SVG, CRED_JSON);

    mc_test_case("svg: bake a JWS (verify attribute), re-baking replaces");
    bake_svg(out.data, CRED_JWS, &out2);
    CHECK(strstr(mc_buf_cstr(&out2), "<openbadges:credential verify=\"" CRED_JWS
                                     "\"></openbadges:credential>\n  <circle") != NULL);
    CHECK_INT(count(&out2, "openbadges:credential"), 2);
    CHECK_INT(count(&out2, "xmlns:openbadges"), 1);
    check_extract(out2.data, out2.len, 3, MC_IMAGE_SVG, CRED_JWS);
    bake_svg(svg, CRED_JWS, &out);
    CHECK_STR(mc_buf_cstr(&out2), mc_buf_cstr(&out));

    mc_test_case("svg: a credential holding ]]>");
    const char *tricky = "{\"a\":\"x]]>y\",\"b\":\"]]]]>>\"}";
    bake_svg("<svg/>", tricky, &out);
    CHECK_STR(
            mc_buf_cstr(&out),
            "<svg xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">"
            "<openbadges:credential><![CDATA[{\"a\":\"x]]]]><![CDATA[>y\",\"b\":\"]]]]]]><![CDATA[>"
            ">\"}]]></openbadges:credential></svg>");
    check_extract(out.data, out.len, 3, MC_IMAGE_SVG, tricky);

    mc_test_case("svg: an OB 2.0 badge is rebound and replaced");
    const char *ob2 = "<svg xmlns:openbadges='http://openbadges.org'>\n"
                      "<openbadges:assertion verify=\"https://example.org/a?x=1&amp;y=2\">"
                      "<![CDATA[ {\"type\": \"Assertion\"} ]]></openbadges:assertion>"
                      "<g><openbadges:assertion verify=\"a.b.c\"/></g></svg>";
    check_extract(ob2, strlen(ob2), 2, MC_IMAGE_SVG, "{\"type\": \"Assertion\"}");
    bake_svg(ob2, CRED_JSON, &out);
    CHECK_STR(mc_buf_cstr(&out), "<svg xmlns:openbadges='https://purl.imsglobal.org/ob/v3p0'>"
                                 "<openbadges:credential><![CDATA[" CRED_JSON
                                 "]]></openbadges:credential>\n<g></g></svg>");

    mc_test_case("svg: OB 2.0 verify alone, with references");
    const char *ob2v = "<svg><openbadges:assertion verify=\" https://example.org/a?x=1&amp;y=&#x32;"
                       "&#51;\n\"></openbadges:assertion></svg>";
    check_extract(ob2v, strlen(ob2v), 2, MC_IMAGE_SVG, "https://example.org/a?x=1&y=23");

    mc_test_case("svg: the spec's example layout, text content, other prefixes");
    const char *spec = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "  <svg xmlns=\"http://www.w3.org/2000/svg\"\n"
                       "    xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"\n"
                       "    viewBox=\"0 0 512 512\">\n"
                       "    <openbadges:credential>\n"
                       "      <![CDATA[\n        {\"id\": \"x\"}\n      ]]>\n"
                       "    </openbadges:credential>\n\n    <!-- rest-of-image -->\n  </svg>";
    check_extract(spec, strlen(spec), 3, MC_IMAGE_SVG, "{\"id\": \"x\"}");
    const char *text = "<svg><openbadges:credential>{&quot;a&quot;:&#60;1&gt;<!-- c -->}"
                       "</openbadges:credential></svg>";
    check_extract(text, strlen(text), 3, MC_IMAGE_SVG, "{\"a\":<1>}");
    const char *ob = "<svg xmlns:ob=\"https://purl.imsglobal.org/ob/v3p0\"><x:credential>no"
                     "</x:credential><ob:credential verify=\"" CRED_JWS "\"/></svg>";
    check_extract(ob, strlen(ob), 3, MC_IMAGE_SVG, CRED_JWS);
    bake_svg(ob, CRED_JSON, &out);
    CHECK(strstr(mc_buf_cstr(&out), "ob:credential") == NULL);
    CHECK(strstr(mc_buf_cstr(&out), "<x:credential>no</x:credential>") != NULL);
    check_extract(out.data, out.len, 3, MC_IMAGE_SVG, CRED_JSON);

    mc_test_case("svg: nothing baked, and broken");
    static const struct {
        const char *svg;
        enum mc_rc rc;
        const char *msg;
    } bad[] = {
        { "<svg><g/></svg>", MC_ERR_NOT_FOUND, "no baked credential" },
        { "<svg><g></svg>", MC_ERR_INVALID, "</svg> at byte 8 does not match the start tag <g>" },
        { "<svg><g>", MC_ERR_INVALID, "ends inside <g>" },
        { "<svg></svg><svg/>", MC_ERR_INVALID, "a start tag after the root element" },
        { "<svg></svg>x", MC_ERR_INVALID, "text after the root element" },
        { "<svg><!-- </svg>", MC_ERR_INVALID, "comment at byte 5 is not closed" },
        { "<svg a=\"1\"b=\"2\"/>", MC_ERR_INVALID, "expected white space" },
        { "<svg a=1/>", MC_ERR_INVALID, "quoted value" },
        { "<svg a=\"<\"/>", MC_ERR_INVALID, "'<' at byte 8" },
        { "<svg><![CDATA[x</svg>", MC_ERR_INVALID, "CDATA section at byte 5 is not closed" },
        { "<svg><openbadges:credential>&nbsp;</openbadges:credential></svg>", MC_ERR_INVALID,
          "'&nbsp;' at byte 28" },
        { "<svg><openbadges:credential>&#0;</openbadges:credential></svg>", MC_ERR_INVALID,
          "'&#0;'" },
        { "<svg><openbadges:credential>a & b</openbadges:credential></svg>", MC_ERR_INVALID,
          "'&' at byte 30 starts no reference" },
        { "<svg><openbadges:credential> <![CDATA[ ]]> </openbadges:credential></svg>",
          MC_ERR_INVALID, "is empty" },
        { "<svg><openbadges:credential><b>x</b></openbadges:credential></svg>", MC_ERR_INVALID,
          "a start tag at byte 28 inside <openbadges:credential>" },
        { "<html/>", MC_ERR_UNSUPPORTED, "root element is <html>" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("svg: bad %zu: %s", i, bad[i].svg);
        check_extract_fails(bad[i].svg, strlen(bad[i].svg), bad[i].rc, bad[i].msg);
    }

    mc_test_case("svg: encodings other than UTF-8 are not baked");
    const char *latin = "<?xml version='1.0' encoding='ISO-8859-1'?><svg/>";
    mc_buf_reset(&out);
    CHECK_INT(mc_bake(latin, strlen(latin), CRED_JSON, strlen(CRED_JSON), &out, &e),
              MC_ERR_UNSUPPORTED);
    CHECK(strstr(e.msg, "ISO-8859-1") != NULL);
    CHECK_INT(out.len, 0);

    mc_test_case("svg: depth limit");
    {
        struct mc_buf deep;
        mc_buf_init(&deep, 1 << 20);
        mc_buf_appendz(&deep, "<svg>");
        for (int i = 0; i < MC_BAKE_MAX_DEPTH; i++)
            mc_buf_appendz(&deep, "<g>");
        check_extract_fails(deep.data, deep.len, MC_ERR_TOO_LARGE, "nest deeper");
        mc_buf_free(&deep);
    }

    mc_buf_free(&out);
    mc_buf_free(&out2);
}

static void test_credentials(void)
{
    static const struct {
        const char *cred;
        enum mc_rc rc;
        const char *msg;
    } cases[] = {
        { "", MC_ERR_INVALID, "empty" },
        { " \n\t", MC_ERR_INVALID, "empty" },
        { "{\"a\":", MC_ERR_INVALID, "not JSON" },
        { "[1]", MC_ERR_INVALID, "neither a JSON object nor a compact JWS" },
        { "a.b", MC_ERR_INVALID, "neither" },
        { "a.b.c.d", MC_ERR_INVALID, "neither" },
        { "a..c", MC_ERR_INVALID, "neither" },
        { "a.b.", MC_ERR_INVALID, "neither" },
        { "a.b+.c", MC_ERR_INVALID, "neither" },
        { "{\"a\":\"\xff\"}", MC_ERR_INVALID, "not UTF-8 (byte 6)" },
        { "{\"a\":\"\xef\xbf\xbf\"}", MC_ERR_INVALID, "U+FFFF" }, /* SVG only */
        { "a.b.c", MC_OK, NULL },
    };
    struct mc_buf png, out;
    mc_buf_init(&png, 1 << 20);
    mc_buf_init(&out, 1 << 20);
    png_with(&png, NULL, NULL, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("credential %zu: %s", i, cases[i].cred);
        struct mc_err e;
        mc_err_clear(&e);
        mc_buf_reset(&out);
        size_t n = strlen(cases[i].cred);
        CHECK_INT(mc_bake("<svg/>", 6, cases[i].cred, n, &out, &e), cases[i].rc);
        if (cases[i].msg && !CHECK(strstr(e.msg, cases[i].msg) != NULL))
            fprintf(stderr, "  message: %s\n", e.msg);
        if (i != 10)
            CHECK_INT(mc_bake(png.data, png.len, cases[i].cred, n, &out, &e), cases[i].rc);
    }
    mc_buf_free(&png);
    mc_buf_free(&out);
}

int main(void)
{
    test_detect();
    test_png();
    test_svg();
    test_credentials();
    return mc_test_done();
}
