/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Tests for the QR encoder: the Reed-Solomon example of the standard, the alignment pattern
 * table, capacities, the symbol's structure (finders, timing, format and version information),
 * and, when the qrencode program is installed, the same modules as qrencode for the same text:
 * with its mask forced, every module must match, and the chosen mask should match too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/qr.h"
#include "test.h"

static struct mc_qr *q;

static void test_rs(void)
{
    mc_test_case("Reed-Solomon: the example of ISO/IEC 18004 Annex I (1-M, \"01234567\")");
    static const uint8_t data[16] = { 0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11,
                                      0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11 };
    static const uint8_t want[10] = { 0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55 };
    uint8_t ecc[10];
    mc_qr_rs_ecc(data, sizeof data, ecc, sizeof ecc);
    CHECK_MEM(ecc, sizeof ecc, want, sizeof want);
}

struct align_case {
    int version;
    int n;
    int pos[7];
};

/* Annex E, table E.1 */
static const struct align_case align_cases[] = {
    { 1, 0, { 0 } },
    { 2, 2, { 6, 18 } },
    { 6, 2, { 6, 34 } },
    { 7, 3, { 6, 22, 38 } },
    { 10, 3, { 6, 28, 50 } },
    { 14, 4, { 6, 26, 46, 66 } },
    { 16, 4, { 6, 26, 50, 74 } },
    { 22, 5, { 6, 26, 50, 74, 98 } },
    { 32, 6, { 6, 34, 60, 86, 112, 138 } },
    { 36, 7, { 6, 24, 50, 76, 102, 128, 154 } },
    { 40, 7, { 6, 30, 58, 86, 114, 142, 170 } },
};

static void test_alignment(void)
{
    for (size_t i = 0; i < sizeof align_cases / sizeof align_cases[0]; i++) {
        const struct align_case *c = &align_cases[i];
        mc_test_case("alignment positions of version %d", c->version);
        int pos[7] = { 0 };
        int n = mc_qr_alignment_positions(c->version, pos);
        CHECK_INT(n, c->n);
        for (int k = 0; k < n && k < 7; k++)
            CHECK_INT(pos[k], c->pos[k]);
    }
}

/* Table 7, level M, byte mode */
static const int capacity_m[41] = {
    0,    14,   26,   42,   62,   84,   106,  122,  152,  180,  213,  251,  287,  331,
    362,  412,  450,  504,  560,  624,  666,  711,  779,  857,  911,  997,  1059, 1125,
    1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
};

static void test_capacity(void)
{
    for (int v = 1; v <= 40; v++) {
        mc_test_case("capacity of version %d-M", v);
        CHECK_INT(mc_qr_capacity(v), capacity_m[v]);
    }
}

/* Read the 15 format bits of copy 1 and copy 2. */
static void read_format(const struct mc_qr *s, unsigned *f1, unsigned *f2)
{
    int n = s->size;
    *f1 = *f2 = 0;
    for (int i = 0; i < 15; i++) {
        int x, y;
        if (i < 6) {
            x = 8;
            y = i;
        } else if (i < 8) {
            x = 8;
            y = i + 1;
        } else if (i == 8) {
            x = 7;
            y = 8;
        } else {
            x = 14 - i;
            y = 8;
        }
        *f1 |= (unsigned)mc_qr_dark(s, x, y) << i;
        if (i < 8)
            *f2 |= (unsigned)mc_qr_dark(s, n - 1 - i, 8) << i;
        else
            *f2 |= (unsigned)mc_qr_dark(s, 8, n - 15 + i) << i;
    }
}

static void check_structure(const struct mc_qr *s)
{
    int n = s->size;
    CHECK_INT(n, 17 + 4 * s->version);
    /* finder corners and centres */
    int corners[3][2] = { { 0, 0 }, { n - 7, 0 }, { 0, n - 7 } };
    for (int c = 0; c < 3; c++) {
        int x0 = corners[c][0], y0 = corners[c][1];
        for (int k = 0; k < 7; k++) {
            CHECK(mc_qr_dark(s, x0 + k, y0) && mc_qr_dark(s, x0 + k, y0 + 6));
            CHECK(mc_qr_dark(s, x0, y0 + k) && mc_qr_dark(s, x0 + 6, y0 + k));
        }
        CHECK(!mc_qr_dark(s, x0 + 1, y0 + 1) && mc_qr_dark(s, x0 + 3, y0 + 3));
    }
    /* timing patterns */
    for (int i = 8; i < n - 8; i++) {
        CHECK_INT(mc_qr_dark(s, i, 6), i % 2 == 0);
        CHECK_INT(mc_qr_dark(s, 6, i), i % 2 == 0);
    }
    CHECK(mc_qr_dark(s, 8, n - 8));
    /* the two copies of the format information agree: level M and the mask */
    unsigned f1, f2;
    read_format(s, &f1, &f2);
    CHECK_INT(f1, f2);
    unsigned data = (f1 ^ 0x5412) >> 10;
    CHECK_INT(data >> 3, 0); /* level M */
    CHECK_INT(data & 7, s->mask);
}

static char *run_qrencode(const char *text, size_t len, int *size)
{
    char *in = mc_xasprintf("%s/qr-in", mc_test_tmpdir());
    FILE *f = fopen(in, "wb");
    if (!f) {
        free(in);
        return NULL;
    }
    fwrite(text, 1, len, f);
    fclose(f);
    char *cmd = mc_xasprintf("qrencode -l M -8 -m 0 -t ASCII -r '%s' -o - 2>/dev/null", in);
    FILE *p = popen(cmd, "r");
    free(cmd);
    free(in);
    if (!p)
        return NULL;
    char *grid = mc_xcalloc(MC_QR_MAX_SIZE * MC_QR_MAX_SIZE + 1, 1);
    char line[2 * MC_QR_MAX_SIZE + 8];
    int rows = 0, cols = 0;
    while (fgets(line, sizeof line, p) && rows < MC_QR_MAX_SIZE) {
        size_t l = strcspn(line, "\n");
        cols = (int)(l / 2);
        for (int x = 0; x < cols; x++)
            grid[rows * MC_QR_MAX_SIZE + x] = line[2 * x] == '#' ? 1 : 0;
        rows++;
    }
    int st = pclose(p);
    if (st != 0 || rows == 0 || rows != cols) {
        free(grid);
        return NULL;
    }
    *size = rows;
    return grid;
}

static void test_against_qrencode(void)
{
    if (system("command -v qrencode >/dev/null 2>&1") != 0) {
        printf("qrencode is not installed: comparison with it skipped\n");
        return;
    }
    static const char *const texts[] = {
        "hi",
        "https://creds.example/credentials/0b5c6f5e-6a53-4b4d-9a2f-0e7d2c3f4a1b",
        "http://127.0.0.1:8080/credentials/7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "Hello, world! 0123456789",
        "\xc3\xa9t\xc3\xa9 \xe2\x82\xac 100",
    };
    char buf[2400];
    int masks_same = 0, total = 0;
    for (size_t t = 0; t < sizeof texts / sizeof texts[0] + 12; t++) {
        const char *text;
        size_t len;
        if (t < sizeof texts / sizeof texts[0]) {
            text = texts[t];
            len = strlen(text);
        } else {
            /* lengths that reach versions 1 to 40 */
            static const size_t lens[12] = { 14,  15,  60,  100, 120,  150,
                                             180, 213, 214, 400, 1000, 2331 };
            len = lens[t - sizeof texts / sizeof texts[0]];
            for (size_t i = 0; i < len; i++)
                buf[i] = (char)('a' + (i * 7 + i / 26) % 26);
            text = buf;
        }
        mc_test_case("the same symbol as qrencode for %zu bytes", len);
        int size = 0;
        char *grid = run_qrencode(text, len, &size);
        CHECK(grid != NULL);
        if (!grid)
            continue;
        struct mc_err e;
        CHECK_INT(mc_qr_encode(text, len, 40, -1, q, &e), MC_OK);
        CHECK_INT(q->size, size);
        check_structure(q);
        /* qrencode's mask, from its format information */
        struct mc_qr *theirs = mc_xcalloc(1, sizeof *theirs);
        theirs->size = size;
        theirs->version = (size - 17) / 4;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                theirs->modules[y * size + x] = (uint8_t)grid[y * MC_QR_MAX_SIZE + x];
        unsigned f1, f2;
        read_format(theirs, &f1, &f2);
        int their_mask = (int)(((f1 ^ 0x5412) >> 10) & 7);
        total++;
        masks_same += their_mask == q->mask;
        CHECK_INT(mc_qr_encode(text, len, 40, their_mask, q, &e), MC_OK);
        int diff = 0;
        for (int i = 0; i < size * size; i++)
            diff += q->modules[i] != theirs->modules[i];
        CHECK_INT(diff, 0);
        free(theirs);
        free(grid);
    }
    printf("mask chosen as qrencode does: %d of %d\n", masks_same, total);
    mc_test_case("the mask is chosen as qrencode chooses it");
    CHECK(masks_same * 10 >= total * 8);
}

static void test_limits_and_svg(void)
{
    struct mc_err e;
    mc_test_case("too long for the version limit: a clear error");
    char big[100];
    memset(big, 'x', sizeof big);
    CHECK_INT(mc_qr_encode(big, sizeof big, 5, -1, q, &e), MC_ERR_TOO_LARGE);
    CHECK(strstr(e.msg, "at most 84") != NULL);
    CHECK_INT(mc_qr_encode(big, sizeof big, 40, 9, q, &e), MC_ERR_INVALID);

    mc_test_case("every forced mask gives a well-formed symbol");
    for (int m = 0; m < 8; m++) {
        CHECK_INT(mc_qr_encode("https://example.org/x", 21, 40, m, q, &e), MC_OK);
        CHECK_INT(q->mask, m);
        CHECK_INT(q->version, 2);
        check_structure(q);
    }

    mc_test_case("version information of a version 7 symbol");
    char big7[110];
    memset(big7, 'y', sizeof big7);
    CHECK_INT(mc_qr_encode(big7, sizeof big7, 40, -1, q, &e), MC_OK);
    CHECK_INT(q->version, 7);
    /* 0x07c94 for version 7 (Annex D), read from the bottom-left block */
    unsigned bits = 0;
    for (int i = 0; i < 18; i++)
        bits |= (unsigned)mc_qr_dark(q, i / 3, q->size - 11 + i % 3) << i;
    CHECK_INT(bits, 0x07c94);

    mc_test_case("SVG output");
    struct mc_buf b;
    mc_buf_init(&b, 1 << 20);
    CHECK_INT(mc_qr_encode("hi", 2, 40, -1, q, &e), MC_OK);
    CHECK_INT(mc_qr_svg(q, 4, "QR code <of> this page", &b), MC_OK);
    CHECK(strncmp(mc_buf_cstr(&b),
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 29 29\"", 58) == 0);
    CHECK(strstr(mc_buf_cstr(&b), "<title>QR code &lt;of&gt; this page</title>") != NULL);
    CHECK(strstr(mc_buf_cstr(&b), "M4 4h7v1h-7z") != NULL); /* the top finder's first row */
    mc_buf_free(&b);
}

int main(void)
{
    q = mc_xcalloc(1, sizeof *q);
    test_rs();
    test_alignment();
    test_capacity();
    test_limits_and_svg();
    test_against_qrencode();
    free(q);
    return mc_test_done();
}
