/* SPDX-License-Identifier: Apache-2.0 */
/* A streaming RFC 4180 CSV reader with exact error positions, limits and resynchronisation. */
#ifndef MC_BASE_CSV_H
#define MC_BASE_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcred/error.h"
#include "mcred/str.h"

/*
 * The format (RFC 4180 section 2, with the usual relaxations):
 *  - fields are separated by commas and records end with CRLF or LF (both accepted, mixed too);
 *    the last record may have no line end;
 *  - a field that starts with '"' is quoted: it may hold commas, CR and LF, a quote is written
 *    "", and after the closing quote comes a comma, a line end or the end of the input;
 *  - a UTF-8 byte order mark (EF BB BF) at the very start is skipped;
 *  - an empty line (nothing before its LF or CRLF) is skipped and counted in the stats, not
 *    returned as a record; a line holding only spaces is a record of one field;
 *  - the text must be UTF-8 (RFC 3629) without NUL bytes; a CR outside quotes must be followed
 *    by LF. Spaces are part of fields: nothing is trimmed.
 *
 * Positions: lines count from 1 and end at LF. Columns count from 1 in Unicode characters (code
 * points) from the start of the line, not bytes; the byte order mark is not counted, a tab is one
 * character. Every error's `where` is "line L, column C" of the offending byte (for a quoted field
 * left open at the end of the input: of its opening quote).
 */

/* Limits; a zero member picks its default, and a max_field above max_record counts as
 * max_record. */
#define MC_CSV_DEFAULT_MAX_FIELD  (64u * 1024)   /* bytes of one field's value */
#define MC_CSV_DEFAULT_MAX_RECORD (1024u * 1024) /* bytes of one record, as read */
#define MC_CSV_DEFAULT_MAX_FIELDS 256u           /* fields in one record */
#define MC_CSV_MAX_RECORD_CEILING \
    (1024u * 1024 * 1024) /* larger max_record values are cut to this */

struct mc_csv_opts {
    /* Bytes of a field's value (after removing its quotes and undoubling ""). */
    size_t max_field;
    /* Bytes of a record as it stands in the input, quotes and commas included, its line end not. */
    size_t max_record;
    /* Fields in a record. */
    size_t max_fields;
};

/*
 * Where the bytes come from. `read` puts up to `cap` (at least 1) bytes into `buf` and their
 * number in *got; *got = 0 means the end of the input. On failure it returns an error code
 * (MC_ERR_IO) with `e` filled in, and the reader stops.
 */
struct mc_csv_source {
    enum mc_rc (*read)(void *ctx, char *buf, size_t cap, size_t *got, struct mc_err *e);
    void *ctx;
};

/* A source reading a file descriptor: ctx points to the int. Retries on EINTR. */
enum mc_rc mc_csv_read_fd(void *ctx, char *buf, size_t cap, size_t *got, struct mc_err *e);

/* A source over bytes in memory: ctx points to a struct mc_csv_mem (p and len set, off 0). */
struct mc_csv_mem {
    const char *p;
    size_t len;
    size_t off;
};
enum mc_rc mc_csv_read_mem(void *ctx, char *buf, size_t cap, size_t *got, struct mc_err *e);

/*
 * One record. On MC_OK, `fields` holds `nfields` (at least 1) views into the reader's buffer,
 * valid until the next call on the reader; nfields == 0 means the end of the input. On a
 * record-level error, `nfields` is 0 and the numbers say which record failed.
 */
struct mc_csv_record {
    const struct mc_str *fields; /* borrowed */
    size_t nfields;
    uint64_t number;     /* 1-based; refused records count too, empty lines do not */
    uint64_t first_line; /* the line of its first byte */
    uint64_t last_line;  /* the line of its last byte (for a refused record: of the error) */
    uint64_t offset;     /* byte offset of its first byte in the input (the BOM counts) */
};

struct mc_csv_stats {
    uint64_t records;     /* records returned */
    uint64_t refused;     /* records refused with an error and skipped */
    uint64_t blank_lines; /* empty lines skipped */
    uint64_t bytes;       /* bytes read from the source */
};

struct mc_csv_reader;

/*
 * A reader pulling from `src` with the limits in `o` (NULL for the defaults). Memory stays
 * bounded by the longest record (max_record plus a few bytes), whatever the size of the input.
 * Free it with mc_csv_reader_free().
 */
struct mc_csv_reader *mc_csv_reader_new(const struct mc_csv_opts *o, struct mc_csv_source src);
void mc_csv_reader_free(struct mc_csv_reader *r);

/*
 * The next record into *rec. Returns:
 *  - MC_OK with rec->nfields > 0: a record; with rec->nfields == 0: the end of the input (and
 *    every later call says so again);
 *  - MC_ERR_INVALID (bad UTF-8, a NUL byte, a quote inside an unquoted field, characters after
 *    a closing quote, a CR without LF, a quoted field open at the end of the input) or
 *    MC_ERR_TOO_LARGE (a limit passed): this record is refused; `e` names the problem, the record's
 *    first line and the limit, `e->where` the position. The next call skips the rest of the record
 *    (up to the next line end outside quotes, keeping track of quotes as well as the broken record
 *    allows) and goes on with the following one; after an open quote at the end of the input the
 *    next call returns the end;
 *  - anything else (MC_ERR_IO from the source, MC_ERR_INTERNAL): the reader has stopped and
 *    every later call returns the same.
 */
enum mc_rc mc_csv_next(struct mc_csv_reader *r, struct mc_csv_record *rec, struct mc_err *e);

/* Counters so far. */
struct mc_csv_stats mc_csv_reader_stats(const struct mc_csv_reader *r);

/* Field `i` of `rec`, or the empty view when `i` is MC_CSV_NO_COLUMN or past the last field. */
struct mc_str mc_csv_field(const struct mc_csv_record *rec, size_t i);

#define MC_CSV_NO_COLUMN SIZE_MAX

/* A column the caller looks for in a header record. */
struct mc_csv_column {
    const char *name; /* compared with the header's names after trimming those */
    bool required;    /* absent is an error */
};

/* Flags of mc_csv_header_index(). */
#define MC_CSV_HEADER_NOCASE 1u /* compare names ignoring ASCII case (default: case-sensitive) */
#define MC_CSV_HEADER_STRICT 2u /* a header name not in `cols` is an error */

/*
 * Map the header record `hdr` to column indexes: index[k] gets the field index of cols[k].name,
 * or MC_CSV_NO_COLUMN when the header lacks it and it is not required. Header names are trimmed
 * of ASCII white space and compared case-sensitively unless MC_CSV_HEADER_NOCASE. `unknown`
 * (room for hdr->nfields entries, or NULL) gets the indexes of the header fields that match no
 * column, *nunknown their number, so the caller can report or refuse them.
 * MC_ERR_INVALID, naming the column and with `where` "line L, field F" (F 1-based), for an empty
 * header name, a name given twice (by the comparison in use), a required column missing, or
 * with MC_CSV_HEADER_STRICT an unknown name. The names in `cols` must be distinct.
 */
enum mc_rc mc_csv_header_index(const struct mc_csv_record *hdr, const struct mc_csv_column *cols,
                               size_t ncols, unsigned flags, size_t *index, size_t *unknown,
                               size_t *nunknown, struct mc_err *e);

#endif
