/* SPDX-License-Identifier: Apache-2.0 */
/* QR code encoder: byte mode, level M, versions 1-40, mask by penalty (ISO/IEC 18004:2015). */
#include "base/qr.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

/* Table 9, level M: error correction codewords per block and the number of blocks, by version
 * (index 0 unused). A version's codewords split into blocks of two lengths differing by one
 * data codeword; the shorter ones come first. */
static const uint8_t ecc_per_block[41] = {
    0,  10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
    26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
};
static const uint8_t n_blocks[41] = {
    0,  1,  1,  1,  2,  2,  4,  4,  4,  5,  5,  5,  8,  9,  9,  10, 10, 11, 13, 14, 16,
    17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
};

/* --- GF(256) and Reed-Solomon (§7.5.2) --- */

/* Multiply in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1 (0x11d), bit by bit: no tables to get
 * wrong, and fast enough for a few hundred codewords. */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    unsigned r = 0, x = a;
    for (int i = 0; i < 8; i++) {
        if (b & (1u << i))
            r ^= x;
        x <<= 1;
        if (x & 0x100)
            x ^= 0x11d;
    }
    return (uint8_t)r;
}

void mc_qr_rs_ecc(const uint8_t *data, size_t n, uint8_t *ecc, size_t necc)
{
    /* The generator g(x) = (x - a^0)(x - a^1)...(x - a^(necc-1)), a = 2, kept without its
     * leading 1: gen[0] is the coefficient of x^(necc-1). */
    uint8_t gen[68] = { 0 };
    if (necc == 0 || necc > sizeof gen)
        return;
    gen[necc - 1] = 1;
    uint8_t root = 1;
    for (size_t i = 0; i < necc; i++) {
        /* multiply by (x + root): shift up one degree and add root times the old value */
        for (size_t j = 0; j < necc; j++) {
            gen[j] = gf_mul(gen[j], root);
            if (j + 1 < necc)
                gen[j] ^= gen[j + 1];
        }
        root = gf_mul(root, 2);
    }
    /* The remainder of data(x) * x^necc divided by g(x), by long division. */
    memset(ecc, 0, necc);
    for (size_t i = 0; i < n; i++) {
        uint8_t factor = data[i] ^ ecc[0];
        memmove(ecc, ecc + 1, necc - 1);
        ecc[necc - 1] = 0;
        for (size_t j = 0; j < necc; j++)
            ecc[j] ^= gf_mul(gen[j], factor);
    }
}

/* --- sizes --- */

/* Codewords of a version: the modules left after the function patterns, over 8 (§7.1). */
static int raw_codewords(int v)
{
    int size = 17 + 4 * v;
    int modules = size * size;
    modules -= 3 * 64;          /* finders with their separators */
    modules -= 2 * (size - 16); /* timing patterns */
    modules -= 31;              /* format information and the dark module */
    if (v >= 7)
        modules -= 36; /* version information */
    if (v >= 2) {
        int n = v / 7 + 2;
        int aligns = n * n - 3; /* not where the finders are */
        modules -= aligns * 25;
        modules += 2 * (n - 2) * 5; /* those on the timing lines share 5 modules each */
    }
    return modules / 8;
}

static int data_codewords(int v)
{
    return raw_codewords(v) - ecc_per_block[v] * n_blocks[v];
}

size_t mc_qr_capacity(int v)
{
    if (v < 1 || v > MC_QR_MAX_VERSION)
        return 0;
    int count_bits = v < 10 ? 8 : 16;
    int bits = data_codewords(v) * 8 - 4 - count_bits;
    size_t cap = (size_t)(bits / 8);
    size_t limit = v < 10 ? 255 : 65535;
    return cap < limit ? cap : limit;
}

int mc_qr_alignment_positions(int v, int pos[7])
{
    if (v < 2 || v > MC_QR_MAX_VERSION)
        return 0;
    int n = v / 7 + 2;
    int size = 17 + 4 * v;
    /* Evenly spaced from 6 to size - 7 with an even step, rounded up, the first gap taking
     * what is left; Annex E has one exception, version 32. */
    int step = v == 32 ? 26 : ((size - 13) + 2 * (n - 1) - 1) / (2 * (n - 1)) * 2;
    pos[0] = 6;
    for (int i = n - 1, p = size - 7; i >= 1; i--, p -= step)
        pos[i] = p;
    return n;
}

/* --- the matrix --- */

struct grid {
    int size;
    uint8_t *dark; /* size * size */
    uint8_t *func; /* 1 for function pattern modules (not data, not masked) */
};

static void set_func(struct grid *g, int x, int y, bool dark)
{
    g->dark[y * g->size + x] = dark;
    g->func[y * g->size + x] = 1;
}

static void draw_finder(struct grid *g, int cx, int cy)
{
    /* 7x7 with its light separator: dark where the Chebyshev distance is 0..1 or 3 */
    for (int dy = -4; dy <= 4; dy++)
        for (int dx = -4; dx <= 4; dx++) {
            int x = cx + dx, y = cy + dy;
            if (x < 0 || y < 0 || x >= g->size || y >= g->size)
                continue;
            int d = abs(dx) > abs(dy) ? abs(dx) : abs(dy);
            set_func(g, x, y, d != 2 && d != 4);
        }
}

static void draw_alignment(struct grid *g, int cx, int cy)
{
    for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++) {
            int d = abs(dx) > abs(dy) ? abs(dx) : abs(dy);
            set_func(g, cx + dx, cy + dy, d != 1);
        }
}

/* The 15 format bits for level M and `mask`: BCH(15,5), then XOR 0x5412 (§7.9.1). */
static unsigned format_bits(int mask)
{
    unsigned data = (0u << 3) | (unsigned)mask; /* level M is 00 */
    unsigned rem = data << 10;
    for (int i = 14; i >= 10; i--)
        if (rem & (1u << i))
            rem ^= 0x537u << (i - 10);
    return ((data << 10) | rem) ^ 0x5412;
}

/* The 18 version bits: BCH(18,6) with 0x1f25 (§7.10). */
static unsigned version_bits(int v)
{
    unsigned rem = (unsigned)v << 12;
    for (int i = 17; i >= 12; i--)
        if (rem & (1u << i))
            rem ^= 0x1f25u << (i - 12);
    return ((unsigned)v << 12) | rem;
}

/* Format information, both copies (Figure 25); bit 0 is the least significant. */
static void draw_format(struct grid *g, int mask)
{
    unsigned f = format_bits(mask);
    int n = g->size;
    for (int i = 0; i < 15; i++) {
        bool b = (f >> i) & 1;
        /* around the top-left finder: down column 8 (skipping the timing row), then left along
         * row 8 */
        if (i < 6)
            set_func(g, 8, i, b);
        else if (i < 8)
            set_func(g, 8, i + 1, b);
        else if (i == 8)
            set_func(g, 7, 8, b);
        else
            set_func(g, 14 - i, 8, b);
        /* the second copy: row 8 from the right edge, then column 8 up to the bottom edge */
        if (i < 8)
            set_func(g, n - 1 - i, 8, b);
        else
            set_func(g, 8, n - 15 + i, b);
    }
    set_func(g, 8, n - 8, true); /* the dark module */
}

static void draw_function_patterns(struct grid *g, int v)
{
    int n = g->size;
    for (int i = 0; i < n; i++) {
        set_func(g, 6, i, i % 2 == 0);
        set_func(g, i, 6, i % 2 == 0);
    }
    draw_finder(g, 3, 3);
    draw_finder(g, n - 4, 3);
    draw_finder(g, 3, n - 4);
    int pos[7];
    int na = mc_qr_alignment_positions(v, pos);
    for (int i = 0; i < na; i++)
        for (int j = 0; j < na; j++) {
            bool corner = (i == 0 && j == 0) || (i == 0 && j == na - 1) || (i == na - 1 && j == 0);
            if (!corner)
                draw_alignment(g, pos[i], pos[j]);
        }
    draw_format(g, 0); /* reserves the area; drawn again with the chosen mask */
    if (v >= 7) {
        unsigned bits = version_bits(v);
        for (int i = 0; i < 18; i++) {
            bool b = (bits >> i) & 1;
            int a = n - 11 + i % 3, c = i / 3;
            set_func(g, a, c, b);
            set_func(g, c, a, b);
        }
    }
}

/* Place the codewords' bits in the two-module-wide columns, right to left, going up and down
 * alternately, skipping the vertical timing column and function modules (§7.7.3). */
static void place_data(struct grid *g, const uint8_t *cw, size_t ncw)
{
    int n = g->size;
    size_t bit = 0, nbits = ncw * 8;
    int col_pair = 0;
    for (int right = n - 1; right >= 1; right -= 2, col_pair++) {
        if (right == 6)
            right = 5;
        bool up = col_pair % 2 == 0;
        for (int k = 0; k < n; k++) {
            int y = up ? n - 1 - k : k;
            for (int dx = 0; dx < 2; dx++) {
                int x = right - dx;
                if (g->func[y * n + x])
                    continue;
                bool b = false;
                if (bit < nbits)
                    b = (cw[bit / 8] >> (7 - bit % 8)) & 1;
                g->dark[y * n + x] = b; /* remainder bits are light */
                bit++;
            }
        }
    }
}

static bool mask_bit(int mask, int x, int y)
{
    int i = y, j = x; /* the standard's row and column */
    switch (mask) {
    case 0: return (i + j) % 2 == 0;
    case 1: return i % 2 == 0;
    case 2: return j % 3 == 0;
    case 3: return (i + j) % 3 == 0;
    case 4: return (i / 2 + j / 3) % 2 == 0;
    case 5: return (i * j) % 2 + (i * j) % 3 == 0;
    case 6: return ((i * j) % 2 + (i * j) % 3) % 2 == 0;
    default: return ((i + j) % 2 + (i * j) % 3) % 2 == 0;
    }
}

static void apply_mask(struct grid *g, int mask)
{
    for (int y = 0; y < g->size; y++)
        for (int x = 0; x < g->size; x++)
            if (!g->func[y * g->size + x] && mask_bit(mask, x, y))
                g->dark[y * g->size + x] ^= 1;
}

/* The penalty of one line of modules (a row or a column) for rules N1 and N3, from its runs of
 * one colour. */
static long line_penalty(const uint8_t *m, int n, int stride)
{
    int len[MC_QR_MAX_SIZE];
    uint8_t col[MC_QR_MAX_SIZE];
    int nr = 0;
    for (int i = 0; i < n; i++) {
        uint8_t c = m[i * stride];
        if (nr > 0 && col[nr - 1] == c) {
            len[nr - 1]++;
        } else {
            col[nr] = c;
            len[nr++] = 1;
        }
    }
    long p = 0;
    for (int r = 0; r < nr; r++) {
        /* N1: a run of five or more modules of one colour costs 3, plus 1 per module past 5 */
        if (len[r] >= 5)
            p += 3 + (len[r] - 5);
        /* N3: dark, light, dark, light, dark runs in the ratio 1:1:3:1:1 (a finder's look)
         * with light four times the unit wide on at least one side (beyond the edge is the
         * light quiet zone) cost 40; run r is the middle one */
        if (!col[r] || r < 2 || r + 2 >= nr || len[r] % 3 != 0)
            continue;
        int f = len[r] / 3;
        if (len[r - 2] != f || len[r - 1] != f || len[r + 1] != f || len[r + 2] != f)
            continue;
        bool before = r == 2 || len[r - 3] >= 4 * f;
        bool after = r + 3 >= nr || len[r + 3] >= 4 * f;
        if (before || after)
            p += 40;
    }
    return p;
}

/* The score of §7.8.3: rules N1 to N4 over the whole symbol. */
static long penalty(const struct grid *g)
{
    int n = g->size;
    long p = 0;
    for (int i = 0; i < n; i++) {
        p += line_penalty(g->dark + i * n, n, 1);
        p += line_penalty(g->dark + i, n, n);
    }
    /* N2: each 2x2 block of one colour costs 3 */
    for (int y = 0; y + 1 < n; y++)
        for (int x = 0; x + 1 < n; x++) {
            uint8_t c = g->dark[y * n + x];
            if (g->dark[y * n + x + 1] == c && g->dark[(y + 1) * n + x] == c &&
                g->dark[(y + 1) * n + x + 1] == c)
                p += 3;
        }
    /* N4: 10 for every full 5 % the dark share (in whole percent) is away from 50 % */
    long dark = 0;
    for (int i = 0; i < n * n; i++)
        dark += g->dark[i];
    long total = (long)n * n;
    long pct = (dark * 200 + total) / (2 * total); /* rounded */
    p += 10 * (labs(pct - 50) / 5);
    return p;
}

/* Append `nbits` bits of `value` (most significant first) to the bit stream. */
static void put_bits(uint8_t *buf, size_t *bitpos, unsigned value, int nbits)
{
    for (int i = nbits - 1; i >= 0; i--) {
        if ((value >> i) & 1)
            buf[*bitpos / 8] |= (uint8_t)(0x80 >> (*bitpos % 8));
        (*bitpos)++;
    }
}

enum mc_rc mc_qr_encode(const void *data, size_t len, int max_version, int mask, struct mc_qr *out,
                        struct mc_err *e)
{
    if (max_version < 1 || max_version > MC_QR_MAX_VERSION)
        max_version = MC_QR_MAX_VERSION;
    if (mask < -1 || mask > 7)
        return mc_err_set(e, MC_ERR_INVALID, "QR mask %d: it must be 0..7, or -1 to choose", mask);
    int v = 1;
    while (v <= max_version && mc_qr_capacity(v) < len)
        v++;
    if (v > max_version)
        return mc_err_set(e, MC_ERR_TOO_LARGE,
                          "%zu bytes do not fit a QR code of version %d at level M (at most %zu)",
                          len, max_version, mc_qr_capacity(max_version));

    /* The bit stream (§7.4): mode 0100, the count, the bytes, a terminator of up to four zeros,
     * zeros to a byte boundary, then the pad codewords 0xec 0x11 alternately. */
    int ndata = data_codewords(v);
    uint8_t *stream = mc_xcalloc((size_t)ndata, 1);
    size_t bitpos = 0;
    put_bits(stream, &bitpos, 0x4, 4);
    put_bits(stream, &bitpos, (unsigned)len, v < 10 ? 8 : 16);
    for (size_t i = 0; i < len; i++)
        put_bits(stream, &bitpos, ((const uint8_t *)data)[i], 8);
    size_t cap_bits = (size_t)ndata * 8;
    size_t term = cap_bits - bitpos < 4 ? cap_bits - bitpos : 4;
    bitpos += term;
    bitpos = (bitpos + 7) / 8 * 8;
    for (size_t i = bitpos / 8, k = 0; i < (size_t)ndata; i++, k++)
        stream[i] = k % 2 == 0 ? 0xec : 0x11;

    /* Blocks and their error correction, interleaved (§7.5.2, §7.6). */
    int nb = n_blocks[v], necc = ecc_per_block[v];
    int raw = raw_codewords(v);
    int n_short = nb - raw % nb;
    int short_data = raw / nb - necc;
    uint8_t *ecc = mc_xcalloc((size_t)nb * (size_t)necc, 1);
    int *start = mc_xcalloc((size_t)nb, sizeof *start);
    for (int b = 0, off = 0; b < nb; b++) {
        int dlen = short_data + (b < n_short ? 0 : 1);
        start[b] = off;
        mc_qr_rs_ecc(stream + off, (size_t)dlen, ecc + (size_t)b * (size_t)necc, (size_t)necc);
        off += dlen;
    }
    uint8_t *cw = mc_xcalloc((size_t)raw, 1);
    size_t k = 0;
    for (int i = 0; i <= short_data; i++)
        for (int b = 0; b < nb; b++) {
            int dlen = short_data + (b < n_short ? 0 : 1);
            if (i < dlen)
                cw[k++] = stream[start[b] + i];
        }
    for (int i = 0; i < necc; i++)
        for (int b = 0; b < nb; b++)
            cw[k++] = ecc[(size_t)b * (size_t)necc + (size_t)i];

    struct grid g = { .size = 17 + 4 * v };
    size_t cells = (size_t)g.size * (size_t)g.size;
    g.dark = mc_xcalloc(cells, 1);
    g.func = mc_xcalloc(cells, 1);
    draw_function_patterns(&g, v);
    place_data(&g, cw, k);

    int best = mask;
    if (best < 0) {
        long best_p = -1;
        for (int m = 0; m < 8; m++) {
            apply_mask(&g, m);
            draw_format(&g, m);
            long p = penalty(&g);
            if (best_p < 0 || p < best_p) {
                best_p = p;
                best = m;
            }
            apply_mask(&g, m); /* undo: the mask is its own inverse */
        }
    }
    apply_mask(&g, best);
    draw_format(&g, best);

    out->version = v;
    out->size = g.size;
    out->mask = best;
    memcpy(out->modules, g.dark, cells);
    free(g.dark);
    free(g.func);
    free(cw);
    free(start);
    free(ecc);
    free(stream);
    return MC_OK;
}

bool mc_qr_dark(const struct mc_qr *q, int x, int y)
{
    if (x < 0 || y < 0 || x >= q->size || y >= q->size)
        return false;
    return q->modules[y * q->size + x] != 0;
}

/* Escape text for an XML text node. */
static enum mc_rc xml_text(struct mc_buf *out, const char *s)
{
    enum mc_rc rc = MC_OK;
    for (; *s && !rc; s++) {
        switch (*s) {
        case '&': rc = mc_buf_appendz(out, "&amp;"); break;
        case '<': rc = mc_buf_appendz(out, "&lt;"); break;
        case '>': rc = mc_buf_appendz(out, "&gt;"); break;
        case '"': rc = mc_buf_appendz(out, "&quot;"); break;
        default: rc = mc_buf_putc(out, *s);
        }
    }
    return rc;
}

enum mc_rc mc_qr_svg(const struct mc_qr *q, int border, const char *label, struct mc_buf *out)
{
    if (border < 0)
        border = 4;
    int dim = q->size + 2 * border;
    enum mc_rc rc =
            mc_buf_printf(out,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                          "shape-rendering=\"crispEdges\" role=\"img\" class=\"qr\"><title>",
                          dim, dim);
    if (!rc)
        rc = xml_text(out, label ? label : "QR code");
    if (!rc)
        rc = mc_buf_printf(out,
                           "</title><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path "
                           "fill=\"#000\" d=\"",
                           dim, dim);
    /* One horizontal segment per run of dark modules keeps the path short. */
    for (int y = 0; y < q->size && !rc; y++) {
        for (int x = 0; x < q->size && !rc;) {
            if (!mc_qr_dark(q, x, y)) {
                x++;
                continue;
            }
            int run = 1;
            while (mc_qr_dark(q, x + run, y))
                run++;
            rc = mc_buf_printf(out, "M%d %dh%dv1h-%dz", x + border, y + border, run, run);
            x += run;
        }
    }
    if (!rc)
        rc = mc_buf_appendz(out, "\"/></svg>");
    return rc;
}
