/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mcred issue: award an achievement by hand, to one recipient or to every row of a CSV file.
 *
 * Bulk issuing is built to be re-run: every row has an idempotency key (its own column, or one
 * derived from the achievement, the recipient and the issue date), so a second run of the same
 * file issues nothing twice, and rows are committed in batches, so a crash loses at most the
 * batch in flight, which the re-run then issues. Rows with errors are reported by line and
 * column and skipped; the others are issued.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/csv.h"
#include "base/hex.h"
#include "base/time.h"
#include "cli/cli.h"
#include "crypto/digest.h"

enum {
    OPT_ACH = 0x100,
    OPT_EMAIL,
    OPT_DID,
    OPT_NAME,
    OPT_RESULT,
    OPT_EVIDENCE,
    OPT_ISSUED_AT,
    OPT_KEY,
    OPT_CSV,
    OPT_MASTER,
    OPT_URL,
    OPT_BATCH,
    OPT_REPORT,
    OPT_NO_PROGRESS,
};

static const struct option options[] = {
    { "achievement", required_argument, NULL, OPT_ACH },
    { "email", required_argument, NULL, OPT_EMAIL },
    { "did", required_argument, NULL, OPT_DID },
    { "name", required_argument, NULL, OPT_NAME },
    { "result", required_argument, NULL, OPT_RESULT },
    { "evidence-url", required_argument, NULL, OPT_EVIDENCE },
    { "issued-at", required_argument, NULL, OPT_ISSUED_AT },
    { "idempotency-key", required_argument, NULL, OPT_KEY },
    { "csv", required_argument, NULL, OPT_CSV },
    { "master-key", required_argument, NULL, OPT_MASTER },
    { "public-url", required_argument, NULL, OPT_URL },
    { "batch-size", required_argument, NULL, OPT_BATCH },
    { "report", required_argument, NULL, OPT_REPORT },
    { "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
    { NULL, 0, NULL, 0 },
};

/* One award: from the options, or from a CSV row (NUL-terminated copies). */
struct row {
    const char *email, *did, *name, *result, *evidence_url, *issued_at, *key;
};

struct run {
    struct mc_cli_issuer is;
    const char *slug;
    int version;
    FILE *report;   /* JSON Lines, one per row; may be NULL */
    const char *cr; /* "\r" while a progress bar is on the line, else "" */
    size_t issued, existing, failed;
};

/* "csv:" + hex(SHA-256(slug@version NUL recipient NUL issued_at)): the same row of the same file
 * names the same award, so a re-run finds it. Email addresses compare case-insensitively. */
static void derive_key(const struct run *r, const struct row *w, char out[4 + 65])
{
    struct mc_digest d = { 0 };
    mc_digest_init(&d, MC_DIGEST_SHA256);
    char head[160];
    int n = snprintf(head, sizeof head, "%s@%d", r->slug, r->version);
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

static void report_row(struct run *r, size_t line, const char *status, const char *id,
                       const struct mc_err *e)
{
    if (!r->report)
        return;
    json_t *o = json_pack("{s:I, s:s}", "line", (json_int_t)line, "status", status);
    if (id)
        json_object_set_new(o, "id", json_string(id));
    if (e) {
        json_object_set_new(o, "error", json_string(e->msg));
        if (e->where[0])
            json_object_set_new(o, "field", json_string(e->where));
    }
    char *s = json_dumps(o, JSON_COMPACT);
    fprintf(r->report, "%s\n", s);
    free(s);
    json_decref(o);
}

/*
 * Issue one award inside the open transaction. MC_OK also for a row that was issued before.
 * Input errors (MC_ERR_INVALID, MC_ERR_NOT_FOUND for the achievement) come back before anything
 * was written, so the caller can skip the row and go on in the same transaction.
 */
static enum mc_rc issue_row(struct run *r, const struct row *w, char id_out[64], bool *existed,
                            struct mc_err *e)
{
    struct mc_issue_request req = {
        .achievement_slug = r->slug,
        .achievement_version = r->version,
        .recipient_email = w->email,
        .recipient_did = w->did,
        .recipient_name = w->name,
    };
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
    if (w->key) {
        req.idempotency_key = w->key;
    } else if (w->email || w->did) {
        derive_key(r, w, derived);
        req.idempotency_key = derived;
    }
    struct mc_issue_result res;
    enum mc_rc rc = mc_issue_credential_tx(&r->is.env, &req, &res, e);
    if (!rc) {
        snprintf(id_out, 64, "%s", res.id);
        *existed = res.existed;
    }
    return rc;
}

static bool row_error(enum mc_rc rc)
{
    return rc == MC_ERR_INVALID || rc == MC_ERR_NOT_FOUND;
}

static int issue_one(struct run *r, const struct row *w)
{
    struct mc_err e;
    mc_err_clear(&e);
    char id[64];
    bool existed = false;
    enum mc_rc rc = mc_store_begin(r->is.store, &e);
    if (!rc)
        rc = issue_row(r, w, id, &existed, &e);
    if (!rc)
        rc = mc_store_commit(r->is.store, &e);
    if (rc) {
        mc_store_rollback(r->is.store);
        if (e.where[0])
            return mc_cli_fail(&mc_cmd_issue, "%s (%s)", e.msg, e.where);
        return mc_cli_fail(&mc_cmd_issue, "%s", e.msg);
    }
    printf("%s%s\n", id, existed ? " (issued before with this idempotency key; nothing new)" : "");
    return MC_EXIT_OK;
}

/* --- CSV --- */

#define N_COLUMNS 7
static const char *const column_names[N_COLUMNS] = {
    "email", "did", "name", "result", "evidence_url", "issued_at", "idempotency_key",
};

struct progress {
    bool on;
    off_t total; /* bytes, 0 when unknown */
    uint64_t start, last;
};

static void progress_show(struct progress *p, size_t rows, off_t done, bool final)
{
    if (!p->on)
        return;
    uint64_t now = mc_time_mono_ns();
    if (!final && now - p->last < 100000000) /* ten times a second */
        return;
    p->last = now;
    double secs = (double)(now - p->start) / 1e9;
    double rate = secs > 0 ? (double)rows / secs : 0;
    char bar[31];
    int fill = p->total > 0 ? (int)(30.0 * (double)done / (double)p->total) : 0;
    if (fill > 30)
        fill = 30;
    for (int i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[30] = '\0';
    fprintf(stderr, "\r[%s] %3.0f%%  %zu rows  %.0f rows/s ", bar,
            p->total > 0 ? 100.0 * (double)done / (double)p->total : 0.0, rows, rate);
    if (final)
        fputc('\n', stderr);
    fflush(stderr);
}

/* A copy of field `col` of the record (NULL when the column is absent or the field empty). */
static const char *field(const struct mc_csv_record *rec, const size_t *index, int col,
                         char **owned)
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
    *owned = mc_xstrndup(f.p, f.len);
    return *owned;
}

/* Say what is wrong with a row, on stderr and in the report. */
static void row_failed(struct run *r, uint64_t line, const char *column, const struct mc_err *e)
{
    r->failed++;
    if (column)
        fprintf(stderr, "%sline %llu, column %s: %s\n", r->cr, (unsigned long long)line, column,
                e->msg);
    else if (strncmp(e->where, "line ", 5) == 0)
        fprintf(stderr, "%s%s: %s\n", r->cr, e->where, e->msg);
    else if (e->where[0])
        fprintf(stderr, "%sline %llu (%s): %s\n", r->cr, (unsigned long long)line, e->where,
                e->msg);
    else
        fprintf(stderr, "%sline %llu: %s\n", r->cr, (unsigned long long)line, e->msg);
    report_row(r, (size_t)line, "error", NULL, e);
}

static int issue_csv(struct run *r, const char *path, size_t batch, bool show_progress)
{
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return mc_cli_fail(&mc_cmd_issue, "cannot open %s: %s", path, strerror(errno));
    struct progress prog = { .on = show_progress, .start = mc_time_mono_ns() };
    r->cr = show_progress ? "\r" : "";
    struct stat sb;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode))
        prog.total = sb.st_size;
    struct mc_csv_opts opts = { 0 };
    struct mc_csv_reader *rd =
            mc_csv_reader_new(&opts, (struct mc_csv_source){ mc_csv_read_fd, &fd });
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_csv_record rec;
    int status = MC_EXIT_OK;
    size_t index[N_COLUMNS];
    enum mc_rc rc = mc_csv_next(rd, &rec, &e);
    if (!rc && rec.nfields == 0)
        rc = mc_err_set(&e, MC_ERR_INVALID, "the file is empty: it needs a header row");
    struct mc_csv_column cols[N_COLUMNS];
    for (int i = 0; i < N_COLUMNS; i++)
        cols[i] = (struct mc_csv_column){ column_names[i], false };
    if (!rc)
        rc = mc_csv_header_index(&rec, cols, N_COLUMNS, MC_CSV_HEADER_NOCASE | MC_CSV_HEADER_STRICT,
                                 index, NULL, NULL, &e);
    if (!rc && index[0] == MC_CSV_NO_COLUMN && index[1] == MC_CSV_NO_COLUMN)
        rc = mc_err_set(&e, MC_ERR_INVALID, "the header needs an email or a did column");
    if (rc) {
        mc_csv_reader_free(rd);
        if (fd > 0)
            close(fd);
        if (e.where[0])
            return mc_cli_fail(&mc_cmd_issue, "%s: %s (%s); nothing was issued", path, e.msg,
                               e.where);
        return mc_cli_fail(&mc_cmd_issue, "%s: %s; nothing was issued", path, e.msg);
    }

    size_t in_batch = 0, rows = 0;
    bool in_tx = false;
    for (;;) {
        mc_err_clear(&e);
        rc = mc_csv_next(rd, &rec, &e);
        if (rc == MC_ERR_INVALID || rc == MC_ERR_TOO_LARGE) {
            rows++;
            row_failed(r, rec.first_line, NULL, &e);
            continue;
        }
        if (rc) {
            status = mc_cli_fail(&mc_cmd_issue, "%s: %s", path, e.msg);
            break;
        }
        if (rec.nfields == 0)
            break;
        rows++;
        char *own[N_COLUMNS] = { 0 };
        struct row w = {
            .email = field(&rec, index, 0, &own[0]),
            .did = field(&rec, index, 1, &own[1]),
            .name = field(&rec, index, 2, &own[2]),
            .result = field(&rec, index, 3, &own[3]),
            .evidence_url = field(&rec, index, 4, &own[4]),
            .issued_at = field(&rec, index, 5, &own[5]),
            .key = field(&rec, index, 6, &own[6]),
        };
        if (!in_tx) {
            if (mc_store_begin(r->is.store, &e)) {
                status = mc_cli_fail(&mc_cmd_issue, "%s", e.msg);
                for (int i = 0; i < N_COLUMNS; i++)
                    free(own[i]);
                break;
            }
            in_tx = true;
        }
        char id[64];
        bool existed = false;
        mc_err_clear(&e);
        if (!w.email && !w.did) {
            mc_err_set(&e, MC_ERR_INVALID, "the row has neither an email nor a did");
            rc = MC_ERR_INVALID;
        } else {
            rc = issue_row(r, &w, id, &existed, &e);
        }
        for (int i = 0; i < N_COLUMNS; i++)
            free(own[i]);
        if (rc && row_error(rc)) {
            /* Nothing was written for the row: skip it, keep the batch. */
            const char *col = NULL;
            for (int i = 0; i < N_COLUMNS && e.where[0]; i++)
                if (strcmp(e.where, column_names[i]) == 0 ||
                    (i == 4 && strcmp(e.where, "evidence_url") == 0))
                    col = column_names[i];
            row_failed(r, rec.first_line, col, &e);
            continue;
        }
        if (rc) {
            mc_store_rollback(r->is.store);
            in_tx = false;
            status = mc_cli_fail(&mc_cmd_issue,
                                 "line %llu: %s; the rows of this batch were not issued, run the "
                                 "same file again to finish",
                                 (unsigned long long)rec.first_line, e.msg);
            break;
        }
        if (existed)
            r->existing++;
        else
            r->issued++;
        report_row(r, (size_t)rec.first_line, existed ? "existing" : "issued", id, NULL);
        if (++in_batch >= batch) {
            if (mc_store_commit(r->is.store, &e)) {
                mc_store_rollback(r->is.store);
                in_tx = false;
                status = mc_cli_fail(&mc_cmd_issue, "%s", e.msg);
                break;
            }
            in_tx = false;
            in_batch = 0;
        }
        progress_show(&prog, rows, (off_t)mc_csv_reader_stats(rd).bytes, false);
    }
    if (in_tx) {
        if (status) {
            mc_store_rollback(r->is.store);
        } else if (mc_store_commit(r->is.store, &e)) {
            mc_store_rollback(r->is.store);
            status = mc_cli_fail(&mc_cmd_issue, "%s", e.msg);
        }
    }
    progress_show(&prog, rows, (off_t)mc_csv_reader_stats(rd).bytes, true);
    double secs = (double)(mc_time_mono_ns() - prog.start) / 1e9;
    mc_csv_reader_free(rd);
    if (fd > 0)
        close(fd);
    printf("%zu issued, %zu issued before, %zu rows with errors skipped, in %.2f s (%.0f rows/s)\n",
           r->issued, r->existing, r->failed, secs, secs > 0 ? (double)rows / secs : 0.0);
    if (!status && r->failed)
        status = MC_EXIT_FAIL;
    return status;
}

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    struct row one = { 0 };
    const char *ach = NULL, *csv = NULL, *master = NULL, *url = NULL, *report = NULL;
    long batch = 200;
    bool no_progress = false;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_issue, argc, argv, options, &c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_issue); return MC_EXIT_OK;
        case OPT_ACH: ach = optarg; break;
        case OPT_EMAIL: one.email = optarg; break;
        case OPT_DID: one.did = optarg; break;
        case OPT_NAME: one.name = optarg; break;
        case OPT_RESULT: one.result = optarg; break;
        case OPT_EVIDENCE: one.evidence_url = optarg; break;
        case OPT_ISSUED_AT: one.issued_at = optarg; break;
        case OPT_KEY: one.key = optarg; break;
        case OPT_CSV: csv = optarg; break;
        case OPT_MASTER: master = optarg; break;
        case OPT_URL: url = optarg; break;
        case OPT_REPORT: report = optarg; break;
        case OPT_NO_PROGRESS: no_progress = true; break;
        case OPT_BATCH: {
            int64_t v = 0;
            if (mc_str_to_i64(mc_str_z(optarg), 1, 100000, &v, "--batch-size", NULL))
                return mc_cli_usage_error(&mc_cmd_issue, "--batch-size is 1..100000, not '%s'",
                                          optarg);
            batch = (long)v;
            break;
        }
        default: return MC_EXIT_USAGE;
        }
    }
    if (optind < argc)
        return mc_cli_usage_error(&mc_cmd_issue, "unexpected argument '%s'", argv[optind]);
    if (!ach)
        return mc_cli_usage_error(&mc_cmd_issue, "--achievement SLUG is required");
    bool single = one.email || one.did || one.name || one.result || one.evidence_url ||
                  one.issued_at || one.key;
    if (csv && single)
        return mc_cli_usage_error(&mc_cmd_issue,
                                  "--csv takes the recipients from the file; drop --email, --did "
                                  "and the other per-recipient options");
    if (!csv && !one.email && !one.did)
        return mc_cli_usage_error(&mc_cmd_issue, "give --email or --did, or --csv FILE");

    struct run r = { .cr = "" };
    char *slug = mc_xstrdup(ach);
    char *at = strchr(slug, '@');
    if (at) {
        *at = '\0';
        int64_t v = 0;
        if (mc_str_to_i64(mc_str_z(at + 1), 1, 1000000, &v, "version", NULL)) {
            free(slug);
            return mc_cli_usage_error(&mc_cmd_issue, "--achievement is SLUG or SLUG@VERSION");
        }
        r.version = (int)v;
    }
    r.slug = slug;
    int status = mc_cli_issuer_open(&mc_cmd_issue, c.db, master, url, &r.is);
    if (!status && report) {
        r.report = fopen(report, "w");
        if (!r.report)
            status = mc_cli_fail(&mc_cmd_issue, "cannot write the report %s: %s", report,
                                 strerror(errno));
    }
    if (!status)
        status = csv ? issue_csv(&r, csv, (size_t)batch, !no_progress && isatty(2))
                     : issue_one(&r, &one);
    if (r.report && fclose(r.report) != 0 && !status)
        status = mc_cli_fail(&mc_cmd_issue, "cannot write the report %s", report);
    if (r.is.store)
        mc_cli_issuer_close(&r.is);
    free(slug);
    return status;
}

const struct mc_cmd mc_cmd_issue = {
    .name = "issue",
    .summary = "award an achievement to one recipient, or to every row of a CSV file",
    .usage =
            "usage: mcred issue --achievement SLUG[@VERSION] (--email ADDRESS | --did DID)\n"
            "                   [--name NAME] [--result VALUE] [--evidence-url URL]\n"
            "                   [--issued-at DATE] [--idempotency-key KEY] [options]\n"
            "       mcred issue --achievement SLUG[@VERSION] --csv FILE [--report FILE.jsonl]\n"
            "                   [--batch-size N] [--no-progress] [options]\n"
            "\n"
            "Issues signed Open Badges 3.0 credentials for a published achievement (the newest\n"
            "version unless @VERSION), each with its revocation and suspension status entries,\n"
            "and stores them. The recipient's email address goes into the credential only as a\n"
            "salted hash.\n"
            "\n"
            "CSV: a header row, then one recipient per row. Columns: email or did (one of them\n"
            "per row), and optionally name, result, evidence_url, issued_at (RFC 3339 or\n"
            "YYYY-MM-DD) and idempotency_key. The file is read as a stream. Rows with errors are\n"
            "reported with their line and column and skipped; the others are issued. Each row has\n"
            "an idempotency key - its own, or one made from the achievement, the recipient and\n"
            "issued_at - so running the same file again issues nothing twice, and after a crash\n"
            "the re-run finishes the job. Rows are committed --batch-size at a time (default\n"
            "200). On a terminal a progress bar shows the rate. --report writes one JSON line\n"
            "per row: its line, status (issued, existing, error), id or error.\n"
            "\n"
            "Options:\n"
            "  --db PATH           the database (default " MC_CLI_DEFAULT_DB ")\n"
            "  --master-key FILE   the master key that unseals the issuer's signing key (see\n"
            "                      'mcred help key')\n"
            "  --public-url URL    the URL the platform is served at; stored with the database\n"
            "                      the first time (default " MC_CLI_DEFAULT_PUBLIC_URL ")\n"
            "\n"
            "Exit status: 0 when every row was issued or had been, 1 when any row failed (the\n"
            "others are issued all the same), 2 on a usage error.\n",
    .run = run,
};
