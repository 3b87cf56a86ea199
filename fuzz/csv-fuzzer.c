/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzes the CSV reader with small limits: fields and records stay within them, positions only
 * move forward, any chunking reads the same as the whole input, and what it returns written back
 * as CSV reads the same again. */
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/utf8.h"
#include "mcred/buf.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* A source handing out the input in pseudo-random chunks of 1..`most` bytes (whole if 0). */
struct chunks {
    const char *p;
    size_t len, off;
    uint64_t rng;
    size_t most;
};

static enum mc_rc chunk_read(void *ctx, char *buf, size_t cap, size_t *got, struct mc_err *e)
{
    struct chunks *c = ctx;
    size_t n = c->len - c->off;
    if (c->most && n > 1) {
        c->rng ^= c->rng << 13;
        c->rng ^= c->rng >> 7;
        c->rng ^= c->rng << 17;
        size_t k = 1 + (size_t)(c->rng % c->most);
        if (n > k)
            n = k;
    }
    if (n > cap)
        n = cap;
    memcpy(buf, c->p + c->off, n);
    c->off += n;
    *got = n;
    return MC_OK;
}

/*
 * Read everything, checking the invariants, into a transcript of records, errors and
 * positions. `out`, when not NULL, gets the good records written back as CSV, every field quoted.
 * Returns the number of refused records.
 */
static size_t read_all(const struct mc_csv_opts *o, struct chunks *c, struct mc_buf *t,
                       struct mc_buf *out)
{
    struct mc_csv_reader *r = mc_csv_reader_new(o, (struct mc_csv_source){ chunk_read, c });
    uint64_t number = 0, last_line = 0, offset = 0;
    size_t refused = 0;
    bool first = true;
    for (size_t calls = 0;; calls++) {
        if (calls > c->len + 2)
            abort(); /* every call but the last consumes at least one byte */
        struct mc_csv_record rec;
        struct mc_err e;
        mc_err_clear(&e);
        enum mc_rc rc = mc_csv_next(r, &rec, &e);
        if (rc == MC_OK && rec.nfields == 0) {
            /* The end stays the end. */
            if (mc_csv_next(r, &rec, &e) != MC_OK || rec.nfields != 0)
                abort();
            break;
        }
        if (rec.number != number + 1 || rec.first_line < 1 || rec.last_line < rec.first_line)
            abort();
        if (!first && (rec.first_line <= last_line || rec.offset <= offset))
            abort();
        if (rec.offset >= c->len)
            abort();
        number = rec.number;
        last_line = rec.last_line;
        offset = rec.offset;
        first = false;
        mc_buf_printf(t, "%d %llu %llu %llu %llu|", (int)rc, (unsigned long long)rec.number,
                      (unsigned long long)rec.first_line, (unsigned long long)rec.last_line,
                      (unsigned long long)rec.offset);
        if (rc) {
            if ((rc != MC_ERR_INVALID && rc != MC_ERR_TOO_LARGE) || e.rc != rc || !e.msg[0] ||
                strncmp(e.where, "line ", 5) != 0 || rec.nfields != 0)
                abort();
            mc_buf_printf(t, "%s|%s\n", e.where, e.msg);
            refused++;
            continue;
        }
        if (rec.nfields > o->max_fields)
            abort();
        size_t total = rec.nfields - 1;
        for (size_t k = 0; k < rec.nfields; k++) {
            struct mc_str f = rec.fields[k];
            if (f.len > o->max_field || memchr(f.p, 0, f.len) || !mc_utf8_valid(f.p, f.len, NULL))
                abort();
            total += f.len;
            mc_buf_printf(t, "%zu:", f.len);
            mc_buf_append(t, f.p, f.len);
            if (out) {
                mc_buf_putc(out, '"');
                for (size_t j = 0; j < f.len; j++) {
                    if (f.p[j] == '"')
                        mc_buf_putc(out, '"');
                    mc_buf_putc(out, f.p[j]);
                }
                mc_buf_appendz(out, k + 1 < rec.nfields ? "\"," : "\"\r\n");
            }
        }
        if (total > o->max_record)
            abort();
        mc_buf_putc(t, '\n');
    }
    mc_csv_reader_free(r);
    return refused;
}

/* Only the fields of the good records in a transcript, for comparing with the written copy. */
static void good_fields(const struct mc_buf *t, struct mc_buf *f)
{
    const char *p = mc_buf_cstr(t), *end = p + t->len;
    while (p < end) {
        const char *bar = memchr(p, '|', (size_t)(end - p));
        if (!bar)
            abort();
        bool ok = p[0] == '0' && p[1] == ' ';
        p = bar + 1;
        /* A record is a run of LEN:BYTES ending in '\n'; an error is where|msg ending in '\n'. */
        if (!ok) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            p = nl + 1;
            continue;
        }
        while (*p != '\n') {
            char *colon;
            size_t len = strtoul(p, &colon, 10); /* checked: our own transcript */
            mc_buf_append(f, p, (size_t)(colon + 1 - p) + len);
            p = colon + 1 + len;
        }
        mc_buf_putc(f, '\n');
        p++;
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 4 || size > 1 << 16)
        return 0;
    /* The first bytes pick small limits, so that they are hit often. */
    struct mc_csv_opts o = { 1 + data[0] % 24u, 1 + data[1] % 64u, 1 + data[2] % 8u };
    if (o.max_field > o.max_record)
        o.max_field = o.max_record; /* as the reader does, for the checks above */
    unsigned most = data[3] % 16u;
    const char *p = (const char *)data + 4;
    size_t len = size - 4;
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < size; i++)
        seed = (seed ^ data[i]) * 0x100000001B3ull;
    if (!seed)
        seed = 1;

    struct mc_buf whole, chunked, out;
    mc_buf_init(&whole, 1 << 24);
    mc_buf_init(&chunked, 1 << 24);
    mc_buf_init(&out, 1 << 24);
    struct chunks c1 = { p, len, 0, seed, 0 };
    read_all(&o, &c1, &whole, &out);
    struct chunks c2 = { p, len, 0, seed, most ? most : 1 };
    read_all(&o, &c2, &chunked, NULL);
    if (whole.len != chunked.len || memcmp(mc_buf_cstr(&whole), mc_buf_cstr(&chunked), whole.len))
        abort();

    /* Written back with every field quoted, the good records read the same, without errors. */
    struct mc_csv_opts big = { 1 << 20, 1 << 20, 1 << 10 };
    struct mc_buf again, f1, f2;
    mc_buf_init(&again, 1 << 24);
    mc_buf_init(&f1, 1 << 24);
    mc_buf_init(&f2, 1 << 24);
    struct chunks c3 = { mc_buf_cstr(&out), out.len, 0, seed, most };
    if (read_all(&big, &c3, &again, NULL) != 0)
        abort();
    good_fields(&whole, &f1);
    good_fields(&again, &f2);
    if (f1.len != f2.len || memcmp(mc_buf_cstr(&f1), mc_buf_cstr(&f2), f1.len))
        abort();

    mc_buf_free(&whole);
    mc_buf_free(&chunked);
    mc_buf_free(&out);
    mc_buf_free(&again);
    mc_buf_free(&f1);
    mc_buf_free(&f2);
    return 0;
}
