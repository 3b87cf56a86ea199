/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/csv.c: a table of inputs, each read whole and in every chunking. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/csv.h"
#include "mcred/buf.h"
#include "test.h"

/* A source that hands out the input in chunks: `fixed` bytes each, or split once at `split`, or
 * random sizes from `rng`. */
struct chunks {
    const char *p;
    size_t len, off;
    size_t fixed;
    size_t split;   /* SIZE_MAX: not used */
    uint64_t rng;   /* 0: not used */
    size_t fail_at; /* fail with MC_ERR_IO once `off` reaches this (SIZE_MAX: never) */
};

static uint64_t next_rand(uint64_t *s)
{
    /* xorshift64 */
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = x;
    return x;
}

static enum mc_rc chunk_read(void *ctx, char *buf, size_t cap, size_t *got, struct mc_err *e)
{
    struct chunks *c = ctx;
    if (c->off >= c->fail_at)
        return mc_err_set(e, MC_ERR_IO, "simulated read failure");
    size_t n = c->len - c->off;
    if (c->fixed && n > c->fixed)
        n = c->fixed;
    if (c->split != SIZE_MAX && c->off < c->split && n > c->split - c->off)
        n = c->split - c->off;
    if (c->rng && n > 1)
        n = 1 + (size_t)(next_rand(&c->rng) % (n < 17 ? n : 17));
    if (n > cap)
        n = cap;
    memcpy(buf, c->p + c->off, n);
    c->off += n;
    *got = n;
    return MC_OK;
}

/* Append a field so the transcript shows every byte unambiguously. */
static void put_field(struct mc_buf *b, struct mc_str f)
{
    for (size_t k = 0; k < f.len; k++) {
        unsigned char c = (unsigned char)f.p[k];
        if (c == '|' || c == '\\')
            mc_buf_printf(b, "\\%c", c);
        else if (c == '\n')
            mc_buf_appendz(b, "\\n");
        else if (c == '\r')
            mc_buf_appendz(b, "\\r");
        else if (c < 0x20 || c == 0x7f)
            mc_buf_printf(b, "\\x%02x", c);
        else
            mc_buf_putc(b, (char)c);
    }
}

/*
 * Read everything from `src` into a transcript, one line per record ("N@first-last [f1|f2]") or
 * refused record ("N@first E code where"), then "blank=N" if empty lines were skipped. `full`
 * adds offsets and messages, for comparing chunkings.
 */
static char *transcript(const struct mc_csv_opts *o, struct mc_csv_source src, bool full)
{
    struct mc_buf b;
    mc_buf_init(&b, 1 << 24);
    struct mc_csv_reader *r = mc_csv_reader_new(o, src);
    for (int guard = 0; guard < 100000; guard++) {
        struct mc_csv_record rec;
        struct mc_err e;
        mc_err_clear(&e);
        enum mc_rc rc = mc_csv_next(r, &rec, &e);
        if (rc == MC_OK && rec.nfields == 0)
            break;
        if (rc == MC_OK) {
            mc_buf_printf(&b, "%llu@%llu-%llu [", (unsigned long long)rec.number,
                          (unsigned long long)rec.first_line, (unsigned long long)rec.last_line);
            for (size_t k = 0; k < rec.nfields; k++) {
                if (k)
                    mc_buf_putc(&b, '|');
                put_field(&b, rec.fields[k]);
            }
            mc_buf_putc(&b, ']');
        } else {
            mc_buf_printf(&b, "%llu@%llu E %s %s", (unsigned long long)rec.number,
                          (unsigned long long)rec.first_line, mc_rc_name(rc), e.where);
            if (full)
                mc_buf_printf(&b, " last=%llu: %s", (unsigned long long)rec.last_line, e.msg);
            if (rc != MC_ERR_INVALID && rc != MC_ERR_TOO_LARGE) {
                mc_buf_appendz(&b, "\n");
                break;
            }
        }
        if (full)
            mc_buf_printf(&b, " off=%llu", (unsigned long long)rec.offset);
        mc_buf_putc(&b, '\n');
    }
    struct mc_csv_stats st = mc_csv_reader_stats(r);
    if (st.blank_lines)
        mc_buf_printf(&b, "blank=%llu\n", (unsigned long long)st.blank_lines);
    if (full)
        mc_buf_printf(&b, "records=%llu refused=%llu bytes=%llu\n", (unsigned long long)st.records,
                      (unsigned long long)st.refused, (unsigned long long)st.bytes);
    mc_csv_reader_free(r);
    return mc_buf_steal(&b, NULL);
}

static char *transcript_chunks(const struct mc_csv_opts *o, const char *p, size_t len, size_t fixed,
                               size_t split, uint64_t rng, bool full)
{
    struct chunks c = { p, len, 0, fixed, split, rng, SIZE_MAX };
    struct mc_csv_source src = { chunk_read, &c };
    return transcript(o, src, full);
}

struct csv_case {
    const char *name;
    const char *in;
    size_t len;
    size_t max_field, max_record, max_fields; /* 0: default */
    const char *want;
};

#define T(name, in, want)                       \
    {                                           \
        name, in, sizeof(in) - 1, 0, 0, 0, want \
    }
#define TL(name, in, mf, mr, mn, want)             \
    {                                              \
        name, in, sizeof(in) - 1, mf, mr, mn, want \
    }

static const struct csv_case csv_cases[] = {
    T("empty input", "", ""),
    T("simple", "a,b\nc,d\n", "1@1-1 [a|b]\n2@2-2 [c|d]\n"),
    T("no final line end", "a,b\nc,d", "1@1-1 [a|b]\n2@2-2 [c|d]\n"),
    T("CRLF", "a,b\r\nc,d\r\n", "1@1-1 [a|b]\n2@2-2 [c|d]\n"),
    T("CRLF and LF mixed", "a\r\nb\nc\r\nd", "1@1-1 [a]\n2@2-2 [b]\n3@3-3 [c]\n4@4-4 [d]\n"),
    T("empty fields", ",\n,,\na,\n,a", "1@1-1 [|]\n2@2-2 [||]\n3@3-3 [a|]\n4@4-4 [|a]\n"),
    T("trailing comma at the end", "a,", "1@1-1 [a|]\n"),
    T("spaces kept", " a , b \n", "1@1-1 [ a | b ]\n"),
    T("a line of spaces is a record", " \n", "1@1-1 [ ]\n"),
    T("quoted", "\"a,b\",\"c\"\"d\"\n", "1@1-1 [a,b|c\"d]\n"),
    T("quoted empty", "\"\"\n\"\",\"\"\n", "1@1-1 []\n2@2-2 [|]\n"),
    T("quoted quote only", "\"\"\"\"\n", "1@1-1 [\"]\n"),
    T("quoted many escapes", "\"\"\"a\"\"\"\"b\"\"\",x\"y\"\"\"\n",
      "1@1 E invalid line 1, column 15\n"),
    T("quoted escapes in two fields", "\"\"\"a\"\"\",\"b\"\"\"\"\"\n", "1@1-1 [\"a\"|b\"\"]\n"),
    T("quoted line break", "\"x\ny\",z\nq\n", "1@1-2 [x\\ny|z]\n2@3-3 [q]\n"),
    T("quoted CRLF kept", "\"x\r\ny\"\r\nq", "1@1-2 [x\\r\\ny]\n2@3-3 [q]\n"),
    T("quoted CR alone kept", "\"x\ry\"\n", "1@1-1 [x\\ry]\n"),
    T("quoted at the end", "\"a\"", "1@1-1 [a]\n"),
    T("quoted comma at the end", "\"a\",", "1@1-1 [a|]\n"),
    T("quoted many lines", "1,\"a\n\nb\n\",2\n3\n", "1@1-4 [1|a\\n\\nb\\n|2]\n2@5-5 [3]\n"),
    T("BOM",
      "\xef\xbb\xbf"
      "a,b\n",
      "1@1-1 [a|b]\n"),
    T("BOM only", "\xef\xbb\xbf", ""),
    T("BOM then quoted", "\xef\xbb\xbf\"a\"\n", "1@1-1 [a]\n"),
    T("BOM not at the start is data", "a\n\xef\xbb\xbf\n", "1@1-1 [a]\n2@2-2 [\xef\xbb\xbf]\n"),
    T("blank lines skipped", "\n\na\n\r\n\nb\n\n", "1@3-3 [a]\n2@6-6 [b]\nblank=5\n"),
    T("only blank lines", "\r\n\n", "blank=2\n"),
    T("UTF-8", "caf\xc3\xa9,\xe2\x82\xac,\xf0\x9f\x98\x80\n",
      "1@1-1 [caf\xc3\xa9|\xe2\x82\xac|\xf0\x9f\x98\x80]\n"),
    T("tab and control characters are data", "a\tb,\x01\n", "1@1-1 [a\\x09b|\\x01]\n"),

    /* Errors: the position of the offending byte, then the rest goes on. */
    T("quote in unquoted field", "ab\"c,d\nx\n", "1@1 E invalid line 1, column 3\n2@2-2 [x]\n"),
    T("quote in unquoted second field", "a,b\"\nx\n",
      "1@1 E invalid line 1, column 4\n2@2-2 [x]\n"),
    T("space before an opening quote", "a, \"b\"\nx\n",
      "1@1 E invalid line 1, column 4\n2@2-2 [x]\n"),
    T("characters after a closing quote", "\"ab\"c,d\nx\n",
      "1@1 E invalid line 1, column 5\n2@2-2 [x]\n"),
    T("space after a closing quote", "\"ab\" ,d\nx\n",
      "1@1 E invalid line 1, column 5\n2@2-2 [x]\n"),
    T("after a closing quote on a later line", "\"a\nb\"c\nx\n",
      "1@1 E invalid line 2, column 3\n2@3-3 [x]\n"),
    T("unterminated quote", "a\n\"bc\nd\n", "1@1-1 [a]\n2@2 E invalid line 2, column 1\n"),
    T("unterminated quote in a later field", "x,\"bc", "1@1 E invalid line 1, column 3\n"),
    T("unterminated quote after an escape", "\"a\"\"", "1@1 E invalid line 1, column 1\n"),
    T("NUL", "a\0b\nc\n", "1@1 E invalid line 1, column 2\n2@2-2 [c]\n"),
    T("NUL quoted", "\"a\0\"\nc\n", "1@1 E invalid line 1, column 3\n2@2-2 [c]\n"),
    T("NUL after a closing quote", "\"a\"\0\nc\n", "1@1 E invalid line 1, column 4\n2@2-2 [c]\n"),
    T("invalid UTF-8", "ok\nca\xff\nz\n",
      "1@1-1 [ok]\n2@2 E invalid line 2, column 3\n3@3-3 [z]\n"),
    T("overlong UTF-8", "\xc0\xaf\n", "1@1 E invalid line 1, column 1\n"),
    T("surrogate", "a,\xed\xa0\x80\n", "1@1 E invalid line 1, column 3\n"),
    T("truncated UTF-8 at the end", "a\xc3", "1@1 E invalid line 1, column 2\n"),
    T("truncated UTF-8 before a comma", "a\xe2\x82,b\nc\n",
      "1@1 E invalid line 1, column 2\n2@2-2 [c]\n"),
    T("invalid UTF-8 in a quoted field", "x,\"\xc3\xa9\n\xc3\xa9\xff\"\nz\n",
      "1@1 E invalid line 2, column 2\n2@3-3 [z]\n"),
    T("UTF-16",
      "\xff\xfe"
      "a\0",
      "1@1 E invalid line 1, column 1\n"),
    T("columns count characters", "\xc3\xa9\xe2\x82\xac\"x\n", "1@1 E invalid line 1, column 3\n"),
    T("columns after a BOM",
      "\xef\xbb\xbf"
      "ab\"\n",
      "1@1 E invalid line 1, column 3\n"),
    T("bare CR", "a\rb\nc\n", "1@1 E invalid line 1, column 2\n2@2-2 [c]\n"),
    T("bare CR at the end", "a\r", "1@1 E invalid line 1, column 2\n"),
    T("bare CR at a record start", "\rb\nc\n", "1@1 E invalid line 1, column 1\n2@2-2 [c]\n"),
    T("bare CR after a closing quote", "\"a\"\rb\nc\n",
      "1@1 E invalid line 1, column 4\n2@2-2 [c]\n"),
    T("resynchronise past a quoted line break", "a\"b,\"x\ny\"\nok\n",
      "1@1 E invalid line 1, column 2\n2@3-3 [ok]\n"),
    T("resynchronise past doubled quotes", "a\0,\"x\"\"\ny\"\nok\n",
      "1@1 E invalid line 1, column 2\n2@3-3 [ok]\n"),
    T("errors in successive records", "a\"\nb\"\n\"c\"d\nok\n",
      "1@1 E invalid line 1, column 2\n2@2 E invalid line 2, column 2\n"
      "3@3 E invalid line 3, column 4\n4@4-4 [ok]\n"),
    T("a refused record counts, blank lines do not", "\nx\"\n\ny\n",
      "1@2 E invalid line 2, column 2\n2@4-4 [y]\nblank=2\n"),
    T("unclosed quote while skipping ends the input", "a\"b,\"x\ny\n",
      "1@1 E invalid line 1, column 2\n"),

    /* Limits. */
    TL("field at the limit", "abc,d\n", 3, 0, 0, "1@1-1 [abc|d]\n"),
    TL("field past the limit", "abcd,e\nabc\n", 3, 0, 0,
       "1@1 E too_large line 1, column 4\n2@2-2 [abc]\n"),
    TL("last field past the limit", "a,abcd", 3, 0, 0, "1@1 E too_large line 1, column 6\n"),
    TL("quoted field at the limit", "\"a\"\"b\"\n", 3, 0, 0, "1@1-1 [a\"b]\n"),
    TL("quoted field past the limit", "\"ab\"\"c\"\nx\n", 3, 0, 0,
       "1@1 E too_large line 1, column 6\n2@2-2 [x]\n"),
    TL("quoted escape past the limit", "\"abc\"\"\"\nx\n", 3, 0, 0,
       "1@1 E too_large line 1, column 5\n2@2-2 [x]\n"),
    TL("quoted line break past the limit", "\"abc\n\"\nx\n", 3, 0, 0,
       "1@1 E too_large line 1, column 5\n2@3-3 [x]\n"),
    TL("UTF-8 past the field limit", "ab\xc3\xa9\nx\n", 3, 0, 0,
       "1@1 E too_large line 1, column 3\n2@2-2 [x]\n"),
    TL("record at the limit", "ab,cd\r\nx\n", 0, 5, 0, "1@1-1 [ab|cd]\n2@2-2 [x]\n"),
    TL("record past the limit at a comma", "ab,cd,e\nx\n", 0, 5, 0,
       "1@1 E too_large line 1, column 6\n2@2-2 [x]\n"),
    TL("record past the limit in a field", "ab,cdef\nx\n", 0, 5, 0,
       "1@1 E too_large line 1, column 6\n2@2-2 [x]\n"),
    TL("record past the limit at a closing quote", "\"abcd\"\nx\n", 0, 5, 0,
       "1@1 E too_large line 1, column 6\n2@2-2 [x]\n"),
    TL("record past the limit at an opening quote", "abcd,\"e\"\nx\n", 0, 5, 0,
       "1@1 E too_large line 1, column 6\n2@2-2 [x]\n"),
    TL("record past the limit across lines", "\"ab\ncdef\"\nx\n", 0, 6, 0,
       "1@1 E too_large line 2, column 3\n2@3-3 [x]\n"),
    TL("unclosed quote runs into the record limit", "a\n\"bcdefghijkl\nmn\n", 0, 8, 0,
       "1@1-1 [a]\n2@2 E too_large line 2, column 9\n"),
    TL("fields at the limit", "a,b\n", 0, 0, 2, "1@1-1 [a|b]\n"),
    TL("too many fields", "a,b,c\nd\n", 0, 0, 2, "1@1 E too_large line 1, column 4\n2@2-2 [d]\n"),
    TL("too many fields after a quote", "\"a\",\"b\",c\nd\n", 0, 0, 2,
       "1@1 E too_large line 1, column 8\n2@2-2 [d]\n"),
    TL("too many fields, then quoted line break", "a,b,\"c\nd\"\ne\n", 0, 0, 2,
       "1@1 E too_large line 1, column 4\n2@3-3 [e]\n"),
    TL("one field allowed", "a\nb,c\nd\n", 0, 0, 1,
       "1@1-1 [a]\n2@2 E too_large line 2, column 2\n3@3-3 [d]\n"),
    TL("tiny record limit", "a\nbb\n\"\"\n", 0, 1, 0,
       "1@1-1 [a]\n2@2 E too_large line 2, column 2\n3@3 E too_large line 3, column 2\n"),
};

/* Every chunking of the input must give the same full transcript as reading it whole. */
static void check_chunkings(const struct csv_case *c, const struct mc_csv_opts *o)
{
    char *whole = transcript_chunks(o, c->in, c->len, 0, SIZE_MAX, 0, true);
    size_t fixed[] = { 1, 2, 3, 5, 7, 64 };
    for (size_t k = 0; k < sizeof fixed / sizeof fixed[0]; k++) {
        char *t = transcript_chunks(o, c->in, c->len, fixed[k], SIZE_MAX, 0, true);
        mc_test_case("%s: chunks of %zu", c->name, fixed[k]);
        CHECK_STR(t, whole);
        free(t);
    }
    for (size_t at = 0; at <= c->len; at++) {
        char *t = transcript_chunks(o, c->in, c->len, 0, at, 0, true);
        mc_test_case("%s: split at %zu", c->name, at);
        CHECK_STR(t, whole);
        free(t);
    }
    for (uint64_t seed = 1; seed <= 20; seed++) {
        char *t = transcript_chunks(o, c->in, c->len, 0, SIZE_MAX, seed * 0x9E3779B97F4A7C15ull,
                                    true);
        mc_test_case("%s: random chunks, seed %llu", c->name, (unsigned long long)seed);
        CHECK_STR(t, whole);
        free(t);
    }
    free(whole);
}

static void test_table(void)
{
    for (size_t i = 0; i < sizeof csv_cases / sizeof csv_cases[0]; i++) {
        const struct csv_case *c = &csv_cases[i];
        struct mc_csv_opts o = { c->max_field, c->max_record, c->max_fields };
        mc_test_case("%s", c->name);
        char *t = transcript_chunks(&o, c->in, c->len, 0, SIZE_MAX, 0, false);
        CHECK_STR(t, c->want);
        free(t);
        check_chunkings(c, &o);
    }
}

/* The first error of `in` read with `o`: its code, and its message in `msg`. */
static enum mc_rc first_error(const char *in, size_t len, const struct mc_csv_opts *o,
                              struct mc_err *e)
{
    struct mc_csv_mem m = { in, len, 0 };
    struct mc_csv_source src = { mc_csv_read_mem, &m };
    struct mc_csv_reader *r = mc_csv_reader_new(o, src);
    enum mc_rc rc;
    for (;;) {
        struct mc_csv_record rec;
        mc_err_clear(e);
        rc = mc_csv_next(r, &rec, e);
        if (rc || rec.nfields == 0)
            break;
    }
    mc_csv_reader_free(r);
    return rc;
}

static void test_messages(void)
{
    struct {
        const char *in;
        size_t len; /* 0: strlen(in) */
        struct mc_csv_opts o;
        const char *want[3];
    } cases[] = {
        { "a\nb\"c\n", 0, { 0 }, { "quote", "line 2", "\"\"" } },
        { "\"a\"b\n", 0, { 0 }, { "after the closing quote", "line 1", NULL } },
        { "x\n\"a\nb", 0, { 0 }, { "starts at line 2, column 1", "close it", NULL } },
        { "a\xff\n", 0, { 0 }, { "UTF-8", "0xff", NULL } },
        { "a\0\n", 3, { 0 }, { "NUL", NULL, NULL } },
        { "a\rb\n", 0, { 0 }, { "carriage return", NULL, NULL } },
        { "abcd\n", 0, { 3, 0, 0 }, { "field 1", "line 1", "limit of 3 bytes" } },
        { "\n\nabcdef\n", 0, { 0, 4, 0 }, { "line 3", "limit of 4 bytes", NULL } },
        { "\"abcdef\n", 0, { 0, 4, 0 }, { "limit of 4 bytes", "closing quote", "column 1" } },
        { "a,b,c\n", 0, { 0, 0, 2 }, { "more than 2 fields", "line 1", NULL } },
        { "\xff\xfe"
          "a\0",
          4,
          { 0 },
          { "UTF-16", NULL, NULL } },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct mc_err e;
        mc_test_case("message #%zu", i);
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].in);
        enum mc_rc rc = first_error(cases[i].in, len, &cases[i].o, &e);
        CHECK(rc == MC_ERR_INVALID || rc == MC_ERR_TOO_LARGE);
        CHECK_INT(e.rc, rc);
        for (size_t k = 0; k < 3 && cases[i].want[k]; k++) {
            if (!CHECK(strstr(e.msg, cases[i].want[k]) != NULL))
                fprintf(stderr, "  message: %s\n  want: %s\n", e.msg, cases[i].want[k]);
        }
    }
}

static void test_record_fields(void)
{
    mc_test_case("record numbers, lines and offsets");
    const char *in = "\xef\xbb\xbfh1,h2\r\n\r\n\"a\nb\",c\nbad\"\nx,y";
    struct mc_csv_mem m = { in, strlen(in), 0 };
    struct mc_csv_reader *r =
            mc_csv_reader_new(NULL, (struct mc_csv_source){ mc_csv_read_mem, &m });
    struct mc_csv_record rec;
    struct mc_err e;
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_OK);
    CHECK_INT(rec.number, 1);
    CHECK_INT(rec.offset, 3);
    CHECK_INT(rec.nfields, 2);
    CHECK(mc_str_eqz(mc_csv_field(&rec, 1), "h2"));
    CHECK(mc_str_eqz(mc_csv_field(&rec, 2), ""));
    CHECK(mc_str_eqz(mc_csv_field(&rec, MC_CSV_NO_COLUMN), ""));
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_OK);
    CHECK_INT(rec.number, 2);
    CHECK_INT(rec.first_line, 3);
    CHECK_INT(rec.last_line, 4);
    CHECK_INT(rec.offset, 12);
    CHECK(mc_str_eqz(rec.fields[0], "a\nb"));
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_ERR_INVALID);
    CHECK_INT(rec.number, 3);
    CHECK_INT(rec.first_line, 5);
    CHECK_INT(rec.nfields, 0);
    CHECK_STR(e.where, "line 5, column 4");
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_OK);
    CHECK_INT(rec.number, 4);
    CHECK_INT(rec.first_line, 6);
    CHECK(mc_str_eqz(rec.fields[1], "y"));
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_OK);
    CHECK_INT(rec.nfields, 0);
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_OK);
    CHECK_INT(rec.nfields, 0);
    struct mc_csv_stats st = mc_csv_reader_stats(r);
    CHECK_INT(st.records, 3);
    CHECK_INT(st.refused, 1);
    CHECK_INT(st.blank_lines, 1);
    CHECK_INT(st.bytes, strlen(in));
    mc_csv_reader_free(r);
}

static void test_io_error(void)
{
    mc_test_case("a read failure stops the reader");
    const char *in = "a,b\nc,d\ne,f\n";
    struct chunks c = { in, strlen(in), 0, 4, SIZE_MAX, 0, 4 };
    struct mc_csv_reader *r = mc_csv_reader_new(NULL, (struct mc_csv_source){ chunk_read, &c });
    struct mc_csv_record rec;
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_OK);
    CHECK_INT(rec.nfields, 2);
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_ERR_IO);
    CHECK_STR(e.msg, "simulated read failure");
    mc_err_clear(&e);
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_ERR_IO);
    CHECK_STR(e.msg, "simulated read failure");
    CHECK_INT(mc_csv_next(r, &rec, NULL), MC_ERR_IO);
    mc_csv_reader_free(r);
}

static void test_fd(void)
{
    mc_test_case("file descriptor source");
    char path[600];
    snprintf(path, sizeof path, "%s/in.csv", mc_test_tmpdir());
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("email,name\nada@example.org,\"Lovelace, Ada\"\n", f);
    fclose(f);
    int fd = open(path, O_RDONLY);
    CHECK(fd >= 0);
    struct mc_csv_reader *r =
            mc_csv_reader_new(NULL, (struct mc_csv_source){ mc_csv_read_fd, &fd });
    struct mc_csv_record rec;
    struct mc_err e;
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_OK);
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_OK);
    CHECK(mc_str_eqz(mc_csv_field(&rec, 1), "Lovelace, Ada"));
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_OK);
    CHECK_INT(rec.nfields, 0);
    mc_csv_reader_free(r);
    close(fd);

    mc_test_case("file descriptor read failure");
    int bad = -1;
    r = mc_csv_reader_new(NULL, (struct mc_csv_source){ mc_csv_read_fd, &bad });
    CHECK_INT(mc_csv_next(r, &rec, &e), MC_ERR_IO);
    CHECK(strstr(e.msg, "reading the CSV input failed") != NULL);
    mc_csv_reader_free(r);
}

/* Read one record of `in` as a header. */
static enum mc_rc header_of(const char *in, const struct mc_csv_column *cols, size_t ncols,
                            unsigned flags, size_t *index, size_t *unknown, size_t *nunknown,
                            struct mc_err *e)
{
    struct mc_csv_mem m = { in, strlen(in), 0 };
    struct mc_csv_reader *r =
            mc_csv_reader_new(NULL, (struct mc_csv_source){ mc_csv_read_mem, &m });
    struct mc_csv_record rec;
    enum mc_rc rc = mc_csv_next(r, &rec, e);
    if (rc == MC_OK)
        rc = mc_csv_header_index(&rec, cols, ncols, flags, index, unknown, nunknown, e);
    mc_csv_reader_free(r);
    return rc;
}

static void test_header(void)
{
    static const struct mc_csv_column cols[] = {
        { "email", true },
        { "name", true },
        { "result", false },
        { "idempotency_key", false },
    };
    const size_t n = sizeof cols / sizeof cols[0];
    struct {
        const char *in;
        unsigned flags;
        enum mc_rc rc;
        size_t index[4];
        const char *unknown; /* indexes of unknown fields, as digits */
        const char *where;
        const char *msg_has;
    } cases[] = {
        { "email,name,result,idempotency_key\n", 0, MC_OK, { 0, 1, 2, 3 }, "", "", NULL },
        { "name,email\n", 0, MC_OK, { 1, 0, MC_CSV_NO_COLUMN, MC_CSV_NO_COLUMN }, "", "", NULL },
        { "\xef\xbb\xbf email , name\t,evidence_url,issued_at\n",
          0,
          MC_OK,
          { 0, 1, MC_CSV_NO_COLUMN, MC_CSV_NO_COLUMN },
          "23",
          "",
          NULL },
        { "Email,NAME\n", 0, MC_ERR_INVALID, { 0 }, "", "line 1", "no \"email\" column" },
        { "Email,NAME,Result\n",
          MC_CSV_HEADER_NOCASE,
          MC_OK,
          { 0, 1, 2, MC_CSV_NO_COLUMN },
          "",
          "",
          NULL },
        { "email,name,email\n", 0, MC_ERR_INVALID, { 0 }, "", "line 1, field 3", "twice" },
        { "email,name,x, X \n",
          MC_CSV_HEADER_NOCASE,
          MC_ERR_INVALID,
          { 0 },
          "",
          "line 1, field 4",
          "fields 3 and 4" },
        { "email,name,x, X \n",
          0,
          MC_OK,
          { 0, 1, MC_CSV_NO_COLUMN, MC_CSV_NO_COLUMN },
          "23",
          "",
          NULL },
        { "email,,name\n", 0, MC_ERR_INVALID, { 0 }, "", "line 1, field 2", "no name" },
        { "email,name,extra\n",
          MC_CSV_HEADER_STRICT,
          MC_ERR_INVALID,
          { 0 },
          "",
          "line 1, field 3",
          "unknown column \"extra\"" },
        { "email,name,result\n",
          MC_CSV_HEADER_STRICT,
          MC_OK,
          { 0, 1, 2, MC_CSV_NO_COLUMN },
          "",
          "",
          NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("header #%zu", i);
        size_t index[4], unknown[8], nunknown = 99;
        struct mc_err e;
        mc_err_clear(&e);
        enum mc_rc rc =
                header_of(cases[i].in, cols, n, cases[i].flags, index, unknown, &nunknown, &e);
        CHECK_INT(rc, cases[i].rc);
        CHECK_STR(e.where, cases[i].where);
        if (cases[i].msg_has && !CHECK(strstr(e.msg, cases[i].msg_has) != NULL))
            fprintf(stderr, "  message: %s\n", e.msg);
        if (rc)
            continue;
        for (size_t k = 0; k < n; k++)
            CHECK_INT(index[k], cases[i].index[k]);
        char got[16] = "";
        for (size_t k = 0; k < nunknown && k < 15; k++)
            got[k] = (char)('0' + unknown[k]);
        got[nunknown < 15 ? nunknown : 15] = '\0';
        CHECK_STR(got, cases[i].unknown);
    }
    mc_test_case("header without the unknown list");
    size_t index[4];
    CHECK_INT(header_of("email,name,zzz\n", cols, n, 0, index, NULL, NULL, NULL), MC_OK);
}

/* Bulk issuing rows: `rows` of them, with quoted names every few rows. */
static char *make_rows(size_t rows, size_t *len)
{
    struct mc_buf b;
    mc_buf_init(&b, (size_t)1 << 31);
    mc_buf_appendz(&b, "email,name,result,evidence_url,issued_at,idempotency_key\r\n");
    for (size_t i = 0; i < rows; i++) {
        if (i % 10 == 3)
            mc_buf_printf(&b,
                          "learner%zu@example.org,\"Lovelace, Ada \"\"%zu\"\"\",%zu,"
                          "https://ex.org/e/%zu,2026-03-01T00:00:00Z,row-%zu\n",
                          i, i, i % 101, i, i);
        else
            mc_buf_printf(&b,
                          "learner%zu@example.org,Ada Lovelace,%zu,https://ex.org/e/%zu,"
                          "2026-03-01T00:00:00Z,row-%zu\n",
                          i, i % 101, i, i);
    }
    return mc_buf_steal(&b, len);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read all of `p` and check the rows; returns the seconds it took. */
static double read_rows(const char *p, size_t len, const struct mc_csv_opts *o, size_t rows)
{
    struct mc_csv_mem m = { p, len, 0 };
    double t0 = now_seconds();
    struct mc_csv_reader *r = mc_csv_reader_new(o, (struct mc_csv_source){ mc_csv_read_mem, &m });
    size_t n = 0, bad = 0, quoted_ok = 0;
    for (;;) {
        struct mc_csv_record rec;
        struct mc_err e;
        enum mc_rc rc = mc_csv_next(r, &rec, &e);
        if (rc) {
            bad++;
            continue;
        }
        if (!rec.nfields)
            break;
        if (rec.nfields != 6)
            bad++;
        else if (n % 10 == 4 && rec.fields[1].len >= 17 && rec.fields[1].p[14] == '"')
            quoted_ok++;
        n++;
    }
    double t = now_seconds() - t0;
    mc_csv_reader_free(r);
    CHECK_INT(n, rows + 1);
    CHECK_INT(bad, 0);
    CHECK_INT(quoted_ok, rows / 10);
    return t;
}

static void test_large(void)
{
    mc_test_case("100,000 rows");
    const size_t rows = 100000;
    size_t len;
    char *p = make_rows(rows, &len);
    double best = 1e9;
    for (int k = 0; k < 5; k++) {
        double t = read_rows(p, len, NULL, rows);
        if (t < best)
            best = t;
    }
    printf("csv: %zu rows, %.1f MB in %.2f ms: %.0f MB/s\n", rows, (double)len / 1e6, best * 1e3,
           (double)len / 1e6 / best);

    /* Memory is bounded by the record limit, not the input: a 200-byte limit reads it all. */
    mc_test_case("100,000 rows with a 200-byte record limit");
    struct mc_csv_opts small = { 100, 200, 8 };
    read_rows(p, len, &small, rows);
    free(p);
}

int main(void)
{
    test_table();
    test_messages();
    test_record_fields();
    test_io_error();
    test_fd();
    test_header();
    test_large();
    return mc_test_done();
}
