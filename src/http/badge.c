/* SPDX-License-Identifier: Apache-2.0 */
/* Generated badge images (PNG and SVG) with the credential baked in, and QR codes for pages. */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/png.h"
#include "base/qr.h"
#include "http/resources.h"
#include "http/template.h"
#include "vc/bake.h"

#define PNG_SIDE 256
#define QR_MAX_V 10 /* page URLs are short; this bounds the work */

/* Colours of the medal: the site's navy and amber, readable on white. */
static const uint8_t navy[3] = { 0x12, 0x26, 0x3f };
static const uint8_t amber[3] = { 0xf0, 0xa5, 0x00 };
static const uint8_t white[3] = { 0xff, 0xff, 0xff };
static const uint8_t black[3] = { 0x00, 0x00, 0x00 };

static void put(uint8_t *img, int x, int y, const uint8_t c[3])
{
    memcpy(img + ((size_t)y * PNG_SIDE + (size_t)x) * 3, c, 3);
}

/* A medal: navy disc, amber ring, white face, and the QR code of the page in the face. */
enum mc_rc mc_http_badge_png(const char *page_url, const char *cred, size_t clen,
                             struct mc_buf *out, struct mc_err *e)
{
    struct mc_qr *q = mc_xcalloc(1, sizeof *q);
    uint8_t *img = mc_xmalloc((size_t)PNG_SIDE * PNG_SIDE * 3);
    struct mc_buf png;
    mc_buf_init(&png, 1u << 20);
    enum mc_rc rc = mc_qr_encode(page_url, strlen(page_url), QR_MAX_V, -1, q, e);
    if (rc)
        goto out;
    int c = PNG_SIDE / 2;
    for (int y = 0; y < PNG_SIDE; y++)
        for (int x = 0; x < PNG_SIDE; x++) {
            int dx = x - c, dy = y - c, d2 = dx * dx + dy * dy;
            put(img, x, y,
                d2 > 126 * 126   ? white
                : d2 > 116 * 116 ? navy
                : d2 > 108 * 108 ? amber
                                 : white);
        }
    /* The code with a quiet zone of 2 modules fits a square inscribed in the face (radius
     * 108 minus a margin): side 144 at most. */
    int modules = q->size + 4;
    int scale = 144 / modules;
    if (scale < 1)
        scale = 1;
    int side = modules * scale;
    int x0 = c - side / 2 + 2 * scale, y0 = c - side / 2 + 2 * scale;
    for (int my = 0; my < q->size; my++)
        for (int mx = 0; mx < q->size; mx++)
            if (mc_qr_dark(q, mx, my))
                for (int py = 0; py < scale; py++)
                    for (int px = 0; px < scale; px++)
                        put(img, x0 + mx * scale + px, y0 + my * scale + py, black);
    rc = mc_png_write_rgb(img, PNG_SIDE, PNG_SIDE, &png, e);
    if (!rc)
        rc = mc_bake(png.data, png.len, cred, clen, out, e);
out:
    mc_buf_free(&png);
    free(img);
    free(q);
    return rc;
}

/* Escape `s[0..len)` for XML text and attributes. */
static enum mc_rc xml(struct mc_buf *b, const char *s, size_t len)
{
    return mc_tpl_escape(b, s, len);
}

/* The next line of at most `max` bytes of `s`, broken at a space when it can be (never inside a
 * UTF-8 sequence). Returns its length; *next is where the rest starts. */
static size_t line_of(const char *s, size_t max, const char **next)
{
    size_t len = strlen(s);
    if (len <= max) {
        *next = s + len;
        return len;
    }
    size_t cut = max;
    while (cut > 0 && s[cut] != ' ')
        cut--;
    if (cut == 0) {
        cut = max;
        while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
            cut--;
        *next = s + cut;
        return cut;
    }
    *next = s + cut + 1;
    return cut;
}

enum mc_rc mc_http_badge_svg(const char *title, const char *issuer, const char *page_url,
                             const char *cred, size_t clen, struct mc_buf *out, struct mc_err *e)
{
    struct mc_qr *q = mc_xcalloc(1, sizeof *q);
    struct mc_buf svg;
    mc_buf_init(&svg, 1u << 20);
    enum mc_rc rc = mc_qr_encode(page_url, strlen(page_url), QR_MAX_V, -1, q, e);
    if (rc)
        goto out;
    mc_buf_appendz(&svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"400\" "
                         "viewBox=\"0 0 400 400\" role=\"img\" aria-labelledby=\"badge-title\">"
                         "<title id=\"badge-title\">");
    xml(&svg, title, strlen(title));
    mc_buf_appendz(&svg, ", issued by ");
    xml(&svg, issuer, strlen(issuer));
    mc_buf_appendz(&svg, "</title><circle cx=\"200\" cy=\"200\" r=\"196\" fill=\"#12263f\"/>"
                         "<circle cx=\"200\" cy=\"200\" r=\"182\" fill=\"#f0a500\"/>"
                         "<circle cx=\"200\" cy=\"200\" r=\"172\" fill=\"#fff\"/>"
                         "<g font-family=\"system-ui, sans-serif\" text-anchor=\"middle\" "
                         "fill=\"#12263f\">");
    /* The title in up to three lines above the code, the issuer below it. */
    const char *p = title;
    for (int i = 0; i < 3 && *p; i++) {
        const char *next;
        size_t n = line_of(p, 26, &next);
        bool last = i == 2 && *next;
        mc_buf_printf(&svg, "<text x=\"200\" y=\"%d\" font-size=\"17\" font-weight=\"700\">",
                      80 + 21 * i);
        xml(&svg, p, n);
        if (last)
            mc_buf_appendz(&svg, "\xe2\x80\xa6");
        mc_buf_appendz(&svg, "</text>");
        p = next;
    }
    const char *next;
    size_t n = line_of(issuer, 30, &next);
    mc_buf_appendz(&svg, "<text x=\"200\" y=\"330\" font-size=\"15\">");
    xml(&svg, issuer, n);
    mc_buf_appendz(&svg, "</text></g>");
    /* the QR code: 120 units wide, centred under the title */
    double unit = 120.0 / (q->size + 2);
    mc_buf_printf(&svg,
                  "<g transform=\"translate(140 155) scale(%.4f)\"><rect width=\"%d\" "
                  "height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" shape-rendering=\"crispEdges\" "
                  "d=\"",
                  unit, q->size + 2, q->size + 2);
    for (int y = 0; y < q->size; y++)
        for (int x = 0; x < q->size;) {
            if (!mc_qr_dark(q, x, y)) {
                x++;
                continue;
            }
            int run = 1;
            while (mc_qr_dark(q, x + run, y))
                run++;
            mc_buf_printf(&svg, "M%d %dh%dv1h-%dz", x + 1, y + 1, run, run);
            x += run;
        }
    rc = mc_buf_appendz(&svg, "\"/></g></svg>\n");
    if (rc) {
        rc = mc_err_set(e, MC_ERR_TOO_LARGE, "the badge image is larger than its limit");
        goto out;
    }
    rc = mc_bake(svg.data, svg.len, cred, clen, out, e);
out:
    mc_buf_free(&svg);
    free(q);
    return rc;
}

char *mc_http_qr_svg(struct mc_arena *a, const char *url, const char *label)
{
    struct mc_qr *q = mc_xcalloc(1, sizeof *q);
    struct mc_buf b;
    mc_buf_init(&b, 1u << 20);
    char *svg = NULL;
    if (!mc_qr_encode(url, strlen(url), QR_MAX_V, -1, q, NULL) && !mc_qr_svg(q, 4, label, &b))
        svg = mc_arena_memdupz(a, b.data, b.len);
    mc_buf_free(&b);
    free(q);
    return svg;
}
