/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Issuing an achievement to many recipients: the rows of a CSV file (mcred issue --csv, POST
 * /api/v1/credentials/batch with text/csv) or of a JSON array (the same API), with the same
 * columns and the same rules everywhere.
 *
 * - Every row has an idempotency key: its own idempotency_key column, or one derived from the
 *   achievement, the recipient and issued_at, so issuing the same rows again issues nothing
 *   twice (those rows come back as "existing").
 * - Rows are committed in batches: a crash loses at most the batch in flight, which a second
 *   run then issues.
 * - A row with an error (a bad email, date or URL; neither email nor did) is reported with its
 *   line and column and skipped; the other rows are issued.
 */
#ifndef MC_APP_BULK_ISSUE_H
#define MC_APP_BULK_ISSUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/issue.h"
#include "base/csv.h"

/* One award, as the columns of a row say it (NUL-terminated; NULL: absent or empty). */
struct mc_bulk_row {
    const char *email;
    const char *did;
    const char *name;
    const char *result;
    const char *evidence_url;
    const char *issued_at; /* RFC 3339 date-time or YYYY-MM-DD */
    const char *idempotency_key;
};

/* The columns, in the order of struct mc_bulk_row's members. */
#define MC_BULK_N_COLUMNS 7
extern const char *const mc_bulk_columns[MC_BULK_N_COLUMNS];

/*
 * Issue one award of achievement `slug` (`version` 0: the newest published) inside the caller's
 * open transaction, with the row's key or a derived one (see above), `actor_user_id` in the audit
 * log. `*existed` says the key had been used and nothing new was issued. Input errors
 * (MC_ERR_INVALID naming the field in e->where, MC_ERR_NOT_FOUND for the achievement) come back
 * before anything is written, so the caller can go on in the same transaction.
 */
enum mc_rc mc_bulk_issue_row_tx(const struct mc_issuer_env *env, const char *slug, int version,
                                const struct mc_bulk_row *row, int64_t actor_user_id,
                                struct mc_issue_result *out, struct mc_err *e);

/* What became of one row. */
struct mc_bulk_outcome {
    uint64_t line;            /* the row's first line (CSV) or its 1-based position (JSON) */
    const char *status;       /* "issued", "existing" or "error" */
    const char *id;           /* issued or existing: the credential's id */
    const struct mc_err *err; /* error: what was wrong (err->where may name a field) */
    const char *column;       /* error: the column at fault, when it is one of mc_bulk_columns */
};

/*
 * A bulk run. Fill in the members above `issued`, then call mc_bulk_add for each row (or
 * mc_bulk_issue_csv for a whole CSV stream) and mc_bulk_finish at the end. The store in
 * `env` must not have a transaction open; the run opens and commits its own.
 */
struct mc_bulk_run {
    const struct mc_issuer_env *env; /* borrowed */
    const char *slug;                /* the achievement */
    int version;                     /* 0: the newest */
    int64_t actor_user_id;           /* for the audit log; 0: the system */
    size_t batch;                    /* rows per commit; 0: 200 */
    /* Called once per row, in order (may be NULL). Outcomes of rows whose batch later fails to
     * commit have been reported already: the caller's answer then says the batch was lost. */
    void (*on_row)(void *ctx, const struct mc_bulk_outcome *o);
    /* Called after each row with the rows seen and the bytes read so far (may be NULL). */
    void (*on_progress)(void *ctx, size_t rows, uint64_t bytes);
    void *ctx;
    /* counters */
    size_t rows, issued, existing, failed;
    bool header_read; /* mc_bulk_issue_csv accepted the header */
    /* internal */
    bool in_tx;
    size_t in_batch;
};

/*
 * Issue one row (`line` for the report). A row error is reported through on_row, counted, and
 * answered MC_OK. Anything else (the database, a missing signing key) is returned with `e` set:
 * the open batch is rolled back and the run is over.
 */
enum mc_rc mc_bulk_add(struct mc_bulk_run *r, uint64_t line, const struct mc_bulk_row *row,
                       struct mc_err *e);
/* Report and count a row that could not be read (a CSV record error, a JSON row that is not an
 * object): `e` says what, `column` may name the column. */
void mc_bulk_fail(struct mc_bulk_run *r, uint64_t line, const char *column, const struct mc_err *e);
/* Commit the open batch (if any). After an error from mc_bulk_add it only rolls back. */
enum mc_rc mc_bulk_finish(struct mc_bulk_run *r, struct mc_err *e);
/* Roll back the open batch (if any): for callers giving up. */
void mc_bulk_abort(struct mc_bulk_run *r);

/*
 * Read a CSV stream from `rd` (borrowed) and issue its rows: a header row naming columns of
 * mc_bulk_columns (in any order and case; an email or a did column is required; an unknown
 * column is an error), then one award per record. A bad header is MC_ERR_INVALID (with e->where
 * its position) and nothing is issued; record errors are row errors. Fields are trimmed of
 * spaces and tabs. Does not call mc_bulk_finish.
 */
enum mc_rc mc_bulk_issue_csv(struct mc_bulk_run *r, struct mc_csv_reader *rd, struct mc_err *e);

#endif
