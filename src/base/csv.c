/* SPDX-License-Identifier: Apache-2.0 */
/* A streaming RFC 4180 CSV reader: a resumable state machine over a one-record buffer. */
#include "base/csv.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/utf8.h"

/*
 * How it works. The buffer holds the bytes [rs, end) still needed: rs is where the current record
 * starts, pos is how far it has been scanned. Scanning never goes back, and the state (which part
 * of a field we are in, the fields so far as offsets from rs) survives a refill, so any chunking
 * of the input gives the same records and the same errors. Refilling moves [rs, end) to the front
 * and grows the buffer up to max_record plus the few bytes of lookahead (a CR's LF, a quote's next
 * byte, a UTF-8 sequence) that deciding about the record's last byte can need.
 *
 * The raw bytes of a record are left untouched until it is complete, so an error can count the
 * characters of its line for the column. Quoted fields are undoubled in place only when the
 * record is handed out.
 *
 * After an error the same machine runs "skipping": no checks, no fields kept, bytes dropped as
 * they are scanned, until the record's line end outside quotes.
 */

enum state {
    ST_RECORD,      /* between records */
    ST_FIELD,       /* at the start of a field */
    ST_UNQUOTED,    /* inside an unquoted field */
    ST_QUOTED,      /* inside a quoted field */
    ST_AFTER_QUOTE, /* just after a closing quote */
};

/* What one run of the machine ended with. */
enum step {
    STEP_RECORD, /* a record is complete */
    STEP_ERROR,  /* a record-level error, in e */
    STEP_NEED,   /* more input is needed */
    STEP_END,    /* the end of the input */
};

struct field {
    size_t off;  /* first raw byte of the value (after an opening quote), from rs */
    size_t end;  /* just past the last raw byte of the value, from rs */
    size_t nesc; /* doubled quotes in it */
};

struct mc_csv_reader {
    struct mc_csv_opts o;
    struct mc_csv_source src;
    char *buf;
    size_t cap, maxcap;
    size_t rs, pos, end; /* see above */
    uint64_t base;       /* input offset of buf[0] */
    bool eof, bom_done, skipping;
    enum mc_rc fatal;
    enum mc_rc refused_rc; /* the code of the last record-level error */
    struct mc_err fatal_err;
    enum state st;
    uint64_t line;       /* the line of pos */
    uint64_t line_start; /* input offset of the first byte of that line */
    /* The record being read. */
    uint64_t rec_no, rec_line, rec_last_line;
    struct field cur;
    struct field *fields;
    size_t nfields, fields_cap;
    /* The opening quote of the current quoted field, for "not closed" errors. */
    uint64_t q_line, q_line_start, q_off;
    struct mc_str *views;
    size_t views_cap;
    struct mc_csv_stats stats;
};

/*
 * Bytes that stop the fast scan of each state. Everything else is an ordinary value byte. The
 * lenient tables are for skipping a refused record: then only the commas (a field after one may
 * be quoted), the quotes and the line ends matter.
 */
#define X16(v)  v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
#define X128(v) X16(v), X16(v), X16(v), X16(v), X16(v), X16(v), X16(v), X16(v)
static const unsigned char tab_unquoted[256] = {
    [0] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1, [0x80] = X128(2),
};
static const unsigned char tab_quoted[256] = {
    [0] = 1,
    ['\n'] = 1,
    ['"'] = 1,
    [0x80] = X128(2),
};
static const unsigned char tab_unquoted_skip[256] = { ['\n'] = 1, ['\r'] = 1, [','] = 1 };
static const unsigned char tab_quoted_skip[256] = { ['\n'] = 1, ['"'] = 1 };

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

struct mc_csv_reader *mc_csv_reader_new(const struct mc_csv_opts *o, struct mc_csv_source src)
{
    struct mc_csv_reader *r = mc_xcalloc(1, sizeof *r);
    if (o)
        r->o = *o;
    if (!r->o.max_record)
        r->o.max_record = MC_CSV_DEFAULT_MAX_RECORD;
    if (r->o.max_record > MC_CSV_MAX_RECORD_CEILING)
        r->o.max_record = MC_CSV_MAX_RECORD_CEILING;
    if (!r->o.max_field)
        r->o.max_field = MC_CSV_DEFAULT_MAX_FIELD;
    if (r->o.max_field > r->o.max_record)
        r->o.max_field = r->o.max_record; /* a field cannot be longer anyway */
    if (!r->o.max_fields)
        r->o.max_fields = MC_CSV_DEFAULT_MAX_FIELDS;
    r->src = src;
    /* The record, a CR LF or a quote and its next byte after it, or the rest of a UTF-8
     * sequence begun before its end. */
    r->maxcap = r->o.max_record + 8;
    r->line = 1;
    r->st = ST_RECORD;
    return r;
}

void mc_csv_reader_free(struct mc_csv_reader *r)
{
    if (!r)
        return;
    free(r->buf);
    free(r->fields);
    free(r->views);
    free(r);
}

struct mc_csv_stats mc_csv_reader_stats(const struct mc_csv_reader *r)
{
    return r->stats;
}

struct mc_str mc_csv_field(const struct mc_csv_record *rec, size_t i)
{
    if (i == MC_CSV_NO_COLUMN || i >= rec->nfields)
        return MC_STR("");
    return rec->fields[i];
}

enum mc_rc mc_csv_read_fd(void *ctx, char *buf, size_t cap, size_t *got, struct mc_err *e)
{
    int fd = *(const int *)ctx;
    for (;;) {
        ssize_t n = read(fd, buf, cap);
        if (n >= 0) {
            *got = (size_t)n;
            return MC_OK;
        }
        if (errno != EINTR)
            return mc_err_set(e, MC_ERR_IO, "reading the CSV input failed: %s", strerror(errno));
    }
}

enum mc_rc mc_csv_read_mem(void *ctx, char *buf, size_t cap, size_t *got, struct mc_err *e)
{
    struct mc_csv_mem *m = ctx;
    size_t n = m->len - m->off;
    if (n > cap)
        n = cap;
    if (n)
        memcpy(buf, m->p + m->off, n);
    m->off += n;
    *got = n;
    return MC_OK;
}

/* Move the bytes still needed to the front, grow if full, and read more. */
static enum mc_rc fill(struct mc_csv_reader *r, struct mc_err *e)
{
    if (r->rs > 0) {
        memmove(r->buf, r->buf + r->rs, r->end - r->rs);
        r->base += r->rs;
        r->pos -= r->rs;
        r->end -= r->rs;
        r->rs = 0;
    }
    if (r->end == r->cap) {
        if (r->cap >= r->maxcap)
            return mc_err_set(e, MC_ERR_INTERNAL, "CSV reader buffer full at %zu bytes", r->cap);
        size_t ncap = r->cap ? r->cap * 2 : 64 * 1024;
        if (ncap > r->maxcap)
            ncap = r->maxcap;
        r->buf = mc_xrealloc(r->buf, ncap);
        r->cap = ncap;
    }
    size_t got = 0;
    enum mc_rc rc = r->src.read(r->src.ctx, r->buf + r->end, r->cap - r->end, &got, e);
    if (rc)
        return rc;
    if (got > r->cap - r->end)
        return mc_err_set(e, MC_ERR_INTERNAL, "CSV source returned more than it was asked for");
    if (!got)
        r->eof = true;
    r->end += got;
    r->stats.bytes += got;
    return MC_OK;
}

/* The 1-based character column of buffer offset `i` on the line that starts at input offset
 * `line_start`; the bytes between are in the buffer and valid UTF-8. */
static uint64_t column_of(const struct mc_csv_reader *r, uint64_t line_start, size_t i)
{
    size_t from = (size_t)(line_start - r->base);
    uint64_t col = 1;
    for (size_t k = from; k < i; k++)
        if (((unsigned char)r->buf[k] & 0xC0) != 0x80)
            col++;
    return col;
}

/*
 * Refuse the current record because of the byte at buffer offset `i` (on the current line):
 * fill in `e` and switch to skipping, leaving pos at `i` so the skipping run decides what that
 * byte means for the record's end.
 */
static enum step __attribute__((format(printf, 5, 6)))
refuse(struct mc_csv_reader *r, size_t i, enum mc_rc rc, struct mc_err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(e, rc, fmt, ap);
    va_end(ap);
    mc_err_where(e, "line %llu, column %llu", (unsigned long long)r->line,
                 (unsigned long long)column_of(r, r->line_start, i));
    r->refused_rc = rc;
    r->rec_last_line = r->line;
    r->pos = i;
    r->skipping = true;
    r->stats.refused++;
    return STEP_ERROR;
}

static enum step refuse_field_size(struct mc_csv_reader *r, size_t i, struct mc_err *e)
{
    return refuse(
            r, i, MC_ERR_TOO_LARGE, e,
            "field %zu of the record starting at line %llu is longer than the limit of %zu bytes",
            r->nfields + 1, (unsigned long long)r->rec_line, r->o.max_field);
}

static enum step refuse_record_size(struct mc_csv_reader *r, size_t i, struct mc_err *e)
{
    if (r->st == ST_QUOTED) {
        return refuse(
                r, i, MC_ERR_TOO_LARGE, e,
                "the record starting at line %llu is longer than the limit of %zu bytes; "
                "is the quoted field opened at line %llu, column %llu missing its closing "
                "quote?",
                (unsigned long long)r->rec_line, r->o.max_record, (unsigned long long)r->q_line,
                (unsigned long long)column_of(r, r->q_line_start, (size_t)(r->q_off - r->base)));
    }
    return refuse(r, i, MC_ERR_TOO_LARGE, e,
                  "the record starting at line %llu is longer than the limit of %zu bytes",
                  (unsigned long long)r->rec_line, r->o.max_record);
}

static enum step refuse_utf8(struct mc_csv_reader *r, size_t i, struct mc_err *e)
{
    const unsigned char *p = (const unsigned char *)r->buf;
    if (r->base + i == 0 && r->end - i >= 2 &&
        ((p[i] == 0xFF && p[i + 1] == 0xFE) || (p[i] == 0xFE && p[i + 1] == 0xFF)))
        return refuse(r, i, MC_ERR_INVALID, e,
                      "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as "
                      "UTF-8");
    return refuse(r, i, MC_ERR_INVALID, e,
                  "invalid UTF-8 (byte 0x%02x) in the record starting at line %llu; save the file "
                  "as UTF-8",
                  p[i], (unsigned long long)r->rec_line);
}

static enum step refuse_nul(struct mc_csv_reader *r, size_t i, struct mc_err *e)
{
    return refuse(r, i, MC_ERR_INVALID, e,
                  "a NUL byte in the record starting at line %llu; CSV is text, and this looks "
                  "like a binary or UTF-16 file",
                  (unsigned long long)r->rec_line);
}

static enum step refuse_cr(struct mc_csv_reader *r, size_t i, struct mc_err *e)
{
    return refuse(r, i, MC_ERR_INVALID, e,
                  "a carriage return (CR) not followed by a line feed (LF) in the record starting "
                  "at line %llu; end lines with CRLF or LF, or put the field in quotes",
                  (unsigned long long)r->rec_line);
}

/* Keep the field that ends at buffer offset `i` (unquoted) or that was closed before (quoted). */
static void push_field(struct mc_csv_reader *r)
{
    if (r->skipping)
        return;
    if (r->nfields == r->fields_cap) {
        r->fields_cap = r->fields_cap ? r->fields_cap * 2 : 16;
        r->fields = mc_xreallocarray(r->fields, r->fields_cap, sizeof *r->fields);
    }
    r->fields[r->nfields++] = r->cur;
}

/* Account for the LF just before buffer offset `i`. */
static void newline(struct mc_csv_reader *r, size_t i)
{
    r->line++;
    r->line_start = r->base + i;
}

/*
 * The record ends just before buffer offset `i` (after its line end, if it has one). A skipped
 * record ends quietly and the machine goes on; a kept one is returned.
 */
static bool end_record(struct mc_csv_reader *r, size_t i, bool had_newline)
{
    r->rec_last_line = r->line;
    if (had_newline)
        newline(r, i);
    r->pos = i;
    r->st = ST_RECORD;
    if (r->skipping) {
        r->skipping = false;
        return false;
    }
    return true;
}

/* Run the machine from pos until a record is complete, an error, the need for input or the end. */
static enum step step(struct mc_csv_reader *r, struct mc_err *e)
{
    const unsigned char *p = (const unsigned char *)r->buf;
    size_t i = r->pos, end = r->end;
    const size_t max_field = r->o.max_field, max_record = r->o.max_record;

    if (!r->bom_done) {
        if (end - i < 3 && !r->eof)
            goto need;
        if (end - i >= 3 && p[i] == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF)
            i += 3;
        r->bom_done = true;
        r->line_start = r->base + i;
    }

    for (;;) {
        switch (r->st) {
        case ST_RECORD:
            r->rs = i; /* what is before is no longer needed */
            if (i == end) {
                if (!r->eof)
                    goto need;
                r->pos = i;
                return STEP_END;
            }
            if (p[i] == '\n' || p[i] == '\r') {
                size_t n = p[i] == '\n' ? 1 : 2;
                if (n == 2 && i + 1 == end && !r->eof)
                    goto need;
                if (n == 1 || (i + 1 < end && p[i + 1] == '\n')) {
                    i += n;
                    newline(r, i);
                    r->stats.blank_lines++;
                    continue;
                }
            }
            r->rec_no++;
            r->rec_line = r->line;
            r->nfields = 0;
            r->skipping = false;
            r->st = ST_FIELD;
            continue;

        case ST_FIELD:
            if (i == end && !r->eof)
                goto need;
            r->cur.nesc = 0;
            if (i < end && p[i] == '"') {
                if (!r->skipping && i - r->rs >= max_record)
                    return refuse_record_size(r, i, e);
                r->q_line = r->line;
                r->q_line_start = r->line_start;
                r->q_off = r->base + i;
                i++;
                r->cur.off = i - r->rs;
                r->st = ST_QUOTED;
            } else {
                r->cur.off = i - r->rs;
                r->st = ST_UNQUOTED;
            }
            continue;

        case ST_UNQUOTED: {
            const unsigned char *tab = r->skipping ? tab_unquoted_skip : tab_unquoted;
            size_t flim = r->rs + r->cur.off + max_field, rlim = r->rs + max_record;
            size_t stop = r->skipping ? end : min3(end, flim, rlim);
            while (i < stop && !tab[p[i]])
                i++;
            if (i == end) {
                if (!r->eof)
                    goto need;
                r->cur.end = i - r->rs;
                push_field(r);
                if (end_record(r, i, false))
                    return STEP_RECORD;
                continue;
            }
            unsigned char c = p[i];
            if (!tab[c]) /* stopped at a limit before an ordinary byte */
                return i >= flim ? refuse_field_size(r, i, e) : refuse_record_size(r, i, e);
            if (c == ',') {
                if (!r->skipping && i >= rlim)
                    return refuse_record_size(r, i, e);
                r->cur.end = i - r->rs;
                push_field(r);
                if (!r->skipping && r->nfields >= r->o.max_fields)
                    return refuse(r, i, MC_ERR_TOO_LARGE, e,
                                  "the record starting at line %llu has more than %zu fields",
                                  (unsigned long long)r->rec_line, r->o.max_fields);
                i++;
                r->st = ST_FIELD;
                continue;
            }
            if (c == '\n') {
                r->cur.end = i - r->rs;
                push_field(r);
                if (end_record(r, i + 1, true))
                    return STEP_RECORD;
                i = r->pos;
                continue;
            }
            if (c == '\r') {
                if (i + 1 == end && !r->eof)
                    goto need;
                if (i + 1 < end && p[i + 1] == '\n') {
                    r->cur.end = i - r->rs;
                    push_field(r);
                    if (end_record(r, i + 2, true))
                        return STEP_RECORD;
                    i = r->pos;
                    continue;
                }
                if (r->skipping) {
                    i++;
                    continue;
                }
                return refuse_cr(r, i, e);
            }
            if (c == '"')
                return refuse(r, i, MC_ERR_INVALID, e,
                              "a quote (\") inside field %zu of the record starting at line %llu, "
                              "which does not start with a quote; put the whole field in quotes "
                              "and double the quotes inside it (\"\")",
                              r->nfields + 1, (unsigned long long)r->rec_line);
            if (c == 0)
                return refuse_nul(r, i, e);
            goto utf8;
        }

        case ST_QUOTED: {
            const unsigned char *tab = r->skipping ? tab_quoted_skip : tab_quoted;
            size_t flim = r->rs + r->cur.off + r->cur.nesc + max_field, rlim = r->rs + max_record;
            size_t stop = r->skipping ? end : min3(end, flim, rlim);
            while (i < stop && !tab[p[i]])
                i++;
            if (i == end) {
                if (!r->eof)
                    goto need;
                if (r->skipping) { /* the refused record runs to the end */
                    r->skipping = false;
                    r->st = ST_RECORD;
                    continue;
                }
                enum step s = refuse(
                        r, i, MC_ERR_INVALID, e,
                        "the input ends inside the quoted field that starts at line %llu, column "
                        "%llu (in the record starting at line %llu); close it with a quote (\")",
                        (unsigned long long)r->q_line,
                        (unsigned long long)column_of(r, r->q_line_start,
                                                      (size_t)(r->q_off - r->base)),
                        (unsigned long long)r->rec_line);
                mc_err_where(e, "line %llu, column %llu", (unsigned long long)r->q_line,
                             (unsigned long long)column_of(r, r->q_line_start,
                                                           (size_t)(r->q_off - r->base)));
                r->skipping = false;
                r->st = ST_RECORD;
                return s;
            }
            unsigned char c = p[i];
            if (!tab[c])
                return i >= flim ? refuse_field_size(r, i, e) : refuse_record_size(r, i, e);
            if (c == '"') {
                if (i + 1 == end && !r->eof)
                    goto need;
                if (i + 1 < end && p[i + 1] == '"') {
                    if (!r->skipping) {
                        if (i - r->rs - r->cur.off - r->cur.nesc >= max_field)
                            return refuse_field_size(r, i, e);
                        if (i + 2 - r->rs > max_record)
                            return refuse_record_size(r, i, e);
                    }
                    r->cur.nesc++;
                    i += 2;
                    continue;
                }
                if (!r->skipping && i >= rlim)
                    return refuse_record_size(r, i, e);
                r->cur.end = i - r->rs;
                i++;
                r->st = ST_AFTER_QUOTE;
                continue;
            }
            if (c == '\n') {
                if (!r->skipping) {
                    if (i >= flim)
                        return refuse_field_size(r, i, e);
                    if (i >= rlim)
                        return refuse_record_size(r, i, e);
                }
                i++;
                newline(r, i);
                continue;
            }
            if (c == 0)
                return refuse_nul(r, i, e);
            goto utf8;
        }

        case ST_AFTER_QUOTE: {
            if (i == end) {
                if (!r->eof)
                    goto need;
                push_field(r);
                if (end_record(r, i, false))
                    return STEP_RECORD;
                continue;
            }
            unsigned char c = p[i];
            if (c == ',') {
                if (!r->skipping && i >= r->rs + max_record)
                    return refuse_record_size(r, i, e);
                push_field(r);
                if (!r->skipping && r->nfields >= r->o.max_fields)
                    return refuse(r, i, MC_ERR_TOO_LARGE, e,
                                  "the record starting at line %llu has more than %zu fields",
                                  (unsigned long long)r->rec_line, r->o.max_fields);
                i++;
                r->st = ST_FIELD;
                continue;
            }
            if (c == '\n') {
                push_field(r);
                if (end_record(r, i + 1, true))
                    return STEP_RECORD;
                i = r->pos;
                continue;
            }
            if (c == '\r') {
                if (i + 1 == end && !r->eof)
                    goto need;
                if (i + 1 < end && p[i + 1] == '\n') {
                    push_field(r);
                    if (end_record(r, i + 2, true))
                        return STEP_RECORD;
                    i = r->pos;
                    continue;
                }
                if (!r->skipping)
                    return refuse_cr(r, i, e);
            }
            if (r->skipping) { /* the rest is ordinary bytes up to a line end */
                r->st = ST_UNQUOTED;
                continue;
            }
            if (c == 0)
                return refuse_nul(r, i, e);
            return refuse(r, i, MC_ERR_INVALID, e,
                          "characters after the closing quote of field %zu of the record starting "
                          "at line %llu; a quoted field ends with a quote followed by a comma or a "
                          "line end (write a quote inside it as \"\")",
                          r->nfields + 1, (unsigned long long)r->rec_line);
        }
        }
        continue;

    utf8 : {
        /* A byte >= 0x80 in a field, when not skipping: check the whole sequence. */
        size_t n;
        if (mc_utf8_decode((const char *)p + i, end - i, &n) < 0) {
            if (end - i < 4 && !r->eof)
                goto need;
            return refuse_utf8(r, i, e);
        }
        size_t vlen = i - r->rs - r->cur.off - r->cur.nesc;
        if (vlen + n > max_field)
            return refuse_field_size(r, i, e);
        if (i + n - r->rs > max_record)
            return refuse_record_size(r, i, e);
        i += n;
        continue;
    }
    }

need:
    r->pos = i;
    if (r->skipping || r->st == ST_RECORD)
        r->rs = i; /* nothing before i is needed any more */
    return STEP_NEED;
}

/* Undouble the quotes of a field in place; returns its length. */
static size_t undouble(char *s, size_t len)
{
    size_t w = 0;
    for (size_t k = 0; k < len; k++) {
        s[w++] = s[k];
        if (s[k] == '"')
            k++; /* the raw value holds quotes only in pairs */
    }
    return w;
}

static void hand_out(struct mc_csv_reader *r, struct mc_csv_record *rec)
{
    if (r->nfields > r->views_cap) {
        r->views_cap = r->nfields > 16 ? r->nfields : 16;
        r->views = mc_xreallocarray(r->views, r->views_cap, sizeof *r->views);
    }
    char *b = r->buf + r->rs;
    for (size_t k = 0; k < r->nfields; k++) {
        const struct field *f = &r->fields[k];
        size_t len = f->end - f->off;
        if (f->nesc)
            len = undouble(b + f->off, len);
        r->views[k].p = b + f->off;
        r->views[k].len = len;
    }
    rec->fields = r->views;
    rec->nfields = r->nfields;
    rec->last_line = r->rec_last_line;
    r->stats.records++;
}

enum mc_rc mc_csv_next(struct mc_csv_reader *r, struct mc_csv_record *rec, struct mc_err *e)
{
    memset(rec, 0, sizeof *rec);
    if (r->fatal) {
        if (e)
            *e = r->fatal_err;
        return r->fatal;
    }
    for (;;) {
        enum step s = step(r, e);
        if (s == STEP_NEED) {
            struct mc_err fe;
            mc_err_clear(&fe);
            enum mc_rc rc = fill(r, &fe);
            if (rc) {
                r->fatal = rc;
                r->fatal_err = fe;
                if (e)
                    *e = fe;
                return rc;
            }
            continue;
        }
        if (s == STEP_END)
            return MC_OK;
        rec->number = r->rec_no;
        rec->first_line = r->rec_line;
        rec->offset = r->base + r->rs;
        if (s == STEP_ERROR) {
            rec->last_line = r->rec_last_line;
            return r->refused_rc;
        }
        hand_out(r, rec);
        return MC_OK;
    }
}

/* ASCII case-insensitive or exact comparison of two names. */
static bool name_eq(struct mc_str a, struct mc_str b, bool nocase)
{
    if (a.len != b.len)
        return false;
    if (!nocase)
        return a.len == 0 || memcmp(a.p, b.p, a.len) == 0;
    for (size_t k = 0; k < a.len; k++) {
        unsigned char x = (unsigned char)a.p[k], y = (unsigned char)b.p[k];
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

enum mc_rc mc_csv_header_index(const struct mc_csv_record *hdr, const struct mc_csv_column *cols,
                               size_t ncols, unsigned flags, size_t *index, size_t *unknown,
                               size_t *nunknown, struct mc_err *e)
{
    bool nocase = flags & MC_CSV_HEADER_NOCASE;
    unsigned long long line = (unsigned long long)hdr->first_line;
    if (nunknown)
        *nunknown = 0;
    for (size_t k = 0; k < ncols; k++)
        index[k] = MC_CSV_NO_COLUMN;
    /* Quadratic in the number of header fields, which max_fields bounds (256 by default). */
    for (size_t i = 0; i < hdr->nfields; i++) {
        struct mc_str name = mc_str_trim(hdr->fields[i]);
        if (!name.len) {
            mc_err_set(e, MC_ERR_INVALID,
                       "header field %zu has no name; name the column or remove it", i + 1);
            mc_err_where(e, "line %llu, field %zu", line, i + 1);
            return MC_ERR_INVALID;
        }
        for (size_t j = 0; j < i; j++) {
            if (name_eq(name, mc_str_trim(hdr->fields[j]), nocase)) {
                mc_err_set(e, MC_ERR_INVALID,
                           "the header names column \"%.*s\" twice (fields %zu and %zu); rename "
                           "or remove one",
                           MC_STR_FMT(name), j + 1, i + 1);
                mc_err_where(e, "line %llu, field %zu", line, i + 1);
                return MC_ERR_INVALID;
            }
        }
        size_t k = 0;
        while (k < ncols && !name_eq(name, mc_str_z(cols[k].name), nocase))
            k++;
        if (k < ncols) {
            index[k] = i;
            continue;
        }
        if (flags & MC_CSV_HEADER_STRICT) {
            mc_err_set(e, MC_ERR_INVALID,
                       "unknown column \"%.*s\" (header field %zu); remove it or correct its name",
                       MC_STR_FMT(name), i + 1);
            mc_err_where(e, "line %llu, field %zu", line, i + 1);
            return MC_ERR_INVALID;
        }
        if (unknown && nunknown)
            unknown[(*nunknown)++] = i;
    }
    for (size_t k = 0; k < ncols; k++) {
        if (cols[k].required && index[k] == MC_CSV_NO_COLUMN) {
            mc_err_set(e, MC_ERR_INVALID, "the header has no \"%s\" column, which is required",
                       cols[k].name);
            mc_err_where(e, "line %llu", line);
            return MC_ERR_INVALID;
        }
    }
    return MC_OK;
}
