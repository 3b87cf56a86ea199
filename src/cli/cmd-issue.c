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

#include "app/bulk-issue.h"
#include "base/alloc.h"
#include "base/csv.h"
#include "base/time.h"
#include "cli/cli.h"

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

struct run {
    struct mc_cli_issuer is;
    const char *slug;
    int version;
    FILE *report;   /* JSON Lines, one per row; may be NULL */
    const char *cr; /* "\r" while a progress bar is on the line, else "" */
};

static int issue_one(struct run *r, const struct mc_bulk_row *w)
{
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_issue_result res;
    enum mc_rc rc = mc_store_begin(r->is.store, &e);
    if (!rc)
        rc = mc_bulk_issue_row_tx(&r->is.env, r->slug, r->version, w, 0, &res, &e);
    if (!rc)
        rc = mc_store_commit(r->is.store, &e);
    if (rc) {
        mc_store_rollback(r->is.store);
        if (e.where[0])
            return mc_cli_fail(&mc_cmd_issue, "%s (%s)", e.msg, e.where);
        return mc_cli_fail(&mc_cmd_issue, "%s", e.msg);
    }
    printf("%s%s\n", res.id,
           res.existed ? " (issued before with this idempotency key; nothing new)" : "");
    return MC_EXIT_OK;
}

/* --- CSV --- */

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

struct csv_ctx {
    struct run *r;
    struct progress prog;
};

/* One row's outcome: errors on stderr, every row in the report. */
static void on_row(void *ctx, const struct mc_bulk_outcome *o)
{
    struct run *r = ((struct csv_ctx *)ctx)->r;
    const struct mc_err *e = o->err;
    unsigned long long line = (unsigned long long)o->line;
    if (e) {
        if (o->column)
            fprintf(stderr, "%sline %llu, column %s: %s\n", r->cr, line, o->column, e->msg);
        else if (strncmp(e->where, "line ", 5) == 0)
            fprintf(stderr, "%s%s: %s\n", r->cr, e->where, e->msg);
        else if (e->where[0])
            fprintf(stderr, "%sline %llu (%s): %s\n", r->cr, line, e->where, e->msg);
        else
            fprintf(stderr, "%sline %llu: %s\n", r->cr, line, e->msg);
    }
    if (!r->report)
        return;
    json_t *j = json_pack("{s:I, s:s}", "line", (json_int_t)o->line, "status", o->status);
    if (o->id)
        json_object_set_new(j, "id", json_string(o->id));
    if (e) {
        json_object_set_new(j, "error", json_string(e->msg));
        if (e->where[0])
            json_object_set_new(j, "field", json_string(e->where));
    }
    char *s = json_dumps(j, JSON_COMPACT);
    fprintf(r->report, "%s\n", s);
    free(s);
    json_decref(j);
}

static void on_progress(void *ctx, size_t rows, uint64_t bytes)
{
    progress_show(&((struct csv_ctx *)ctx)->prog, rows, (off_t)bytes, false);
}

static int issue_csv(struct run *r, const char *path, size_t batch, bool show_progress)
{
    int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return mc_cli_fail(&mc_cmd_issue, "cannot open %s: %s", path, strerror(errno));
    struct csv_ctx cx = { .r = r, .prog = { .on = show_progress, .start = mc_time_mono_ns() } };
    r->cr = show_progress ? "\r" : "";
    struct stat sb;
    if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode))
        cx.prog.total = sb.st_size;
    struct mc_csv_opts opts = { 0 };
    struct mc_csv_reader *rd =
            mc_csv_reader_new(&opts, (struct mc_csv_source){ mc_csv_read_fd, &fd });
    struct mc_bulk_run b = {
        .env = &r->is.env,
        .slug = r->slug,
        .version = r->version,
        .batch = batch,
        .on_row = on_row,
        .on_progress = on_progress,
        .ctx = &cx,
    };
    struct mc_err e;
    mc_err_clear(&e);
    int status = MC_EXIT_OK;
    enum mc_rc rc = mc_bulk_issue_csv(&b, rd, &e);
    if (rc && !b.header_read) {
        mc_csv_reader_free(rd);
        if (fd > 0)
            close(fd);
        if (e.where[0])
            return mc_cli_fail(&mc_cmd_issue, "%s: %s (%s); nothing was issued", path, e.msg,
                               e.where);
        return mc_cli_fail(&mc_cmd_issue, "%s: %s; nothing was issued", path, e.msg);
    }
    if (rc)
        status = mc_cli_fail(&mc_cmd_issue, "%s: %s", path, e.msg);
    else if (mc_bulk_finish(&b, &e))
        status = mc_cli_fail(&mc_cmd_issue, "%s", e.msg);
    progress_show(&cx.prog, b.rows, (off_t)mc_csv_reader_stats(rd).bytes, true);
    double secs = (double)(mc_time_mono_ns() - cx.prog.start) / 1e9;
    mc_csv_reader_free(rd);
    if (fd > 0)
        close(fd);
    printf("%zu issued, %zu issued before, %zu rows with errors skipped, in %.2f s (%.0f rows/s)\n",
           b.issued, b.existing, b.failed, secs, secs > 0 ? (double)b.rows / secs : 0.0);
    if (!status && b.failed)
        status = MC_EXIT_FAIL;
    return status;
}

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    struct mc_bulk_row one = { 0 };
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
        case OPT_KEY: one.idempotency_key = optarg; break;
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
                  one.issued_at || one.idempotency_key;
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
