/* SPDX-License-Identifier: Apache-2.0 */
/* Bulk issuing: rows of awards with idempotency keys, batched commits, per-row errors. */
#include "app/bulk-issue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/time.h"
#include "crypto/digest.h"

#define DEFAULT_BATCH 200

const char *const mc_bulk_columns[MC_BULK_N_COLUMNS] = {
    "email", "did", "name", "result", "evidence_url", "issued_at", "idempotency_key",
};

/* "csv:" + hex(SHA-256(slug@version NUL recipient NUL issued_at)): the same row names the same
 * award, so issuing it again finds it. Email addresses compare case-insensitively. The prefix
 * stays "csv:" whatever the rows came from, so a row keeps its key between the CLI and the API. */
static void derive_key(const char *slug, int version, const struct mc_bulk_row *w, char out[4 + 65])
{
    struct mc_digest d = { 0 };
    mc_digest_init(&d, MC_DIGEST_SHA256);
    char head[160];
    int n = snprintf(head, sizeof head, "%s@%d", slug, version);
    if (n < 0 || (size_t)n >= sizeof head)
        n = (int)sizeof head - 1;
    mc_digest_update(&d, head, (size_t)n + 1);
    if (w->did) {
        mc_digest_update(&d, "did:", 4);
        mc_digest_update(&d, w->did, strlen(w->did) + 1);
    } else {
        mc_digest_update(&d, "email:", 6);
        for (const char *p = w->email; *p; p++) {
            char c = *p >= 'A' && *p <= 'Z' ? (char)(*p + 32) : *p;
            mc_digest_update(&d, &c, 1);
        }
        mc_digest_update(&d, "", 1);
    }
    if (w->issued_at)
        mc_digest_update(&d, w->issued_at, strlen(w->issued_at));
    uint8_t h[32];
    mc_digest_final(&d, h);
    mc_digest_release(&d);
    static const char digits[] = "0123456789abcdef";
    memcpy(out, "csv:", 4);
    for (size_t i = 0; i < 32; i++) {
        out[4 + 2 * i] = digits[h[i] >> 4];
        out[5 + 2 * i] = digits[h[i] & 15];
    }
    out[68] = '\0';
}

enum mc_rc mc_bulk_issue_row_tx(const struct mc_issuer_env *env, const char *slug, int version,
                                const struct mc_bulk_row *w, int64_t actor_user_id,
                                struct mc_issue_result *out, struct mc_err *e)
{
    struct mc_issue_request req = {
        .achievement_slug = slug,
        .achievement_version = version,
        .recipient_email = w->email,
        .recipient_did = w->did,
        .recipient_name = w->name,
        .actor_user_id = actor_user_id,
    };
    if (!w->email && !w->did) {
        mc_err_set(e, MC_ERR_INVALID, "the row has neither an email nor a did");
        return MC_ERR_INVALID;
    }
    if (w->issued_at) {
        int32_t ns = 0;
        if (mc_time_parse_rfc3339(w->issued_at, strlen(w->issued_at), &req.issued_at, &ns, e) &&
            mc_time_parse_date(w->issued_at, strlen(w->issued_at), &req.issued_at, e)) {
            mc_err_set(e, MC_ERR_INVALID,
                       "issued_at '%.60s' is not an RFC 3339 date-time or a YYYY-MM-DD date",
                       w->issued_at);
            mc_err_where(e, "issued_at");
            return MC_ERR_INVALID;
        }
    }
    struct mc_ob3_result result = { w->result, NULL };
    if (w->result) {
        req.results = &result;
        req.n_results = 1;
    }
    struct mc_ob3_evidence evidence = { w->evidence_url, "Evidence", NULL };
    if (w->evidence_url) {
        req.evidence = &evidence;
        req.n_evidence = 1;
    }
    char derived[4 + 65];
    if (w->idempotency_key) {
        req.idempotency_key = w->idempotency_key;
    } else {
        derive_key(slug, version, w, derived);
        req.idempotency_key = derived;
    }
    return mc_issue_credential_tx(env, &req, out, e);
}

static bool row_error(enum mc_rc rc)
{
    return rc == MC_ERR_INVALID || rc == MC_ERR_NOT_FOUND;
}

static void report(struct mc_bulk_run *r, const struct mc_bulk_outcome *o)
{
    if (r->on_row)
        r->on_row(r->ctx, o);
}

void mc_bulk_fail(struct mc_bulk_run *r, uint64_t line, const char *column, const struct mc_err *e)
{
    r->rows++;
    r->failed++;
    struct mc_bulk_outcome o = { .line = line, .status = "error", .err = e, .column = column };
    report(r, &o);
}

/* The column a field error names ("evidence_url", "issued_at", ...), or NULL. */
static const char *column_of(const struct mc_err *e)
{
    for (size_t i = 0; i < MC_BULK_N_COLUMNS && e->where[0]; i++)
        if (strcmp(e->where, mc_bulk_columns[i]) == 0)
            return mc_bulk_columns[i];
    return NULL;
}

void mc_bulk_abort(struct mc_bulk_run *r)
{
    if (r->in_tx)
        mc_store_rollback(r->env->store);
    r->in_tx = false;
    r->in_batch = 0;
}

enum mc_rc mc_bulk_add(struct mc_bulk_run *r, uint64_t line, const struct mc_bulk_row *row,
                       struct mc_err *e)
{
    struct mc_store *s = r->env->store;
    enum mc_rc rc = MC_OK;
    if (!r->in_tx) {
        rc = mc_store_begin(s, e);
        if (rc)
            return rc;
        r->in_tx = true;
    }
    struct mc_err re;
    mc_err_clear(&re);
    struct mc_issue_result res;
    rc = mc_bulk_issue_row_tx(r->env, r->slug, r->version, row, r->actor_user_id, &res, &re);
    if (rc && row_error(rc)) {
        /* Nothing was written for the row: skip it, keep the batch. */
        mc_bulk_fail(r, line, column_of(&re), &re);
        return MC_OK;
    }
    if (rc) {
        mc_bulk_abort(r);
        return mc_err_set(e, rc,
                          "line %llu: %s; the rows of this batch were not issued: issue the same "
                          "rows again to finish",
                          (unsigned long long)line, re.msg);
    }
    r->rows++;
    if (res.existed)
        r->existing++;
    else
        r->issued++;
    struct mc_bulk_outcome o = { .line = line,
                                 .status = res.existed ? "existing" : "issued",
                                 .id = res.id };
    report(r, &o);
    size_t batch = r->batch ? r->batch : DEFAULT_BATCH;
    if (++r->in_batch >= batch) {
        r->in_tx = false;
        r->in_batch = 0;
        rc = mc_store_commit(s, e);
        if (rc) {
            mc_store_rollback(s);
            return rc;
        }
    }
    return MC_OK;
}

enum mc_rc mc_bulk_finish(struct mc_bulk_run *r, struct mc_err *e)
{
    if (!r->in_tx)
        return MC_OK;
    r->in_tx = false;
    r->in_batch = 0;
    enum mc_rc rc = mc_store_commit(r->env->store, e);
    if (rc)
        mc_store_rollback(r->env->store);
    return rc;
}

/* A copy of field `col` of the record, trimmed of spaces and tabs (NULL when the column is
 * absent or the field empty); the caller frees it. */
static char *field(const struct mc_csv_record *rec, const size_t *index, size_t col)
{
    if (index[col] == MC_CSV_NO_COLUMN)
        return NULL;
    struct mc_str f = mc_csv_field(rec, index[col]);
    while (f.len && (f.p[0] == ' ' || f.p[0] == '\t'))
        f.p++, f.len--;
    while (f.len && (f.p[f.len - 1] == ' ' || f.p[f.len - 1] == '\t'))
        f.len--;
    if (!f.len)
        return NULL;
    return mc_xstrndup(f.p, f.len);
}

enum mc_rc mc_bulk_issue_csv(struct mc_bulk_run *r, struct mc_csv_reader *rd, struct mc_err *e)
{
    struct mc_csv_record rec;
    size_t index[MC_BULK_N_COLUMNS];
    enum mc_rc rc = mc_csv_next(rd, &rec, e);
    if (!rc && rec.nfields == 0)
        rc = mc_err_set(e, MC_ERR_INVALID, "the file is empty: it needs a header row");
    struct mc_csv_column cols[MC_BULK_N_COLUMNS];
    for (size_t i = 0; i < MC_BULK_N_COLUMNS; i++)
        cols[i] = (struct mc_csv_column){ mc_bulk_columns[i], false };
    if (!rc)
        rc = mc_csv_header_index(&rec, cols, MC_BULK_N_COLUMNS,
                                 MC_CSV_HEADER_NOCASE | MC_CSV_HEADER_STRICT, index, NULL, NULL, e);
    if (!rc && index[0] == MC_CSV_NO_COLUMN && index[1] == MC_CSV_NO_COLUMN)
        rc = mc_err_set(e, MC_ERR_INVALID, "the header needs an email or a did column");
    if (rc)
        return rc == MC_ERR_TOO_LARGE ? MC_ERR_INVALID : rc;
    r->header_read = true;

    for (;;) {
        struct mc_err re;
        mc_err_clear(&re);
        rc = mc_csv_next(rd, &rec, &re);
        if (rc == MC_ERR_INVALID || rc == MC_ERR_TOO_LARGE) {
            mc_bulk_fail(r, rec.first_line, NULL, &re);
            continue;
        }
        if (rc) {
            mc_bulk_abort(r);
            mc_err_set(e, rc, "%s", re.msg);
            return rc;
        }
        if (rec.nfields == 0)
            break;
        char *own[MC_BULK_N_COLUMNS];
        for (size_t i = 0; i < MC_BULK_N_COLUMNS; i++)
            own[i] = field(&rec, index, i);
        struct mc_bulk_row w = {
            .email = own[0],
            .did = own[1],
            .name = own[2],
            .result = own[3],
            .evidence_url = own[4],
            .issued_at = own[5],
            .idempotency_key = own[6],
        };
        rc = mc_bulk_add(r, rec.first_line, &w, e);
        for (size_t i = 0; i < MC_BULK_N_COLUMNS; i++)
            free(own[i]);
        if (rc)
            return rc;
        if (r->on_progress)
            r->on_progress(r->ctx, r->rows, mc_csv_reader_stats(rd).bytes);
    }
    return MC_OK;
}
