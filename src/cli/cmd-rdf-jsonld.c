/* SPDX-License-Identifier: Apache-2.0 */
/* mcred rdf from-jsonld and mcred rdf canon-jsonld: JSON-LD to N-Quads, and to canonical N-Quads.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "mcred/jsonld.h"
#include "mcred/rdf.h"

#define MAX_JSONLD_INPUT (64u << 20)
#define MAX_OUTPUT       (256u << 20)
#define MAX_BATCH_DOC    (16u << 20)

enum {
    OPT_BASE = 0x2000,
    OPT_EXPAND_CONTEXT,
    OPT_MODE,
    OPT_DIRECTION,
    OPT_GENERALIZED,
    OPT_LOCAL,
    OPT_BATCH,
    OPT_CHECK,
};

static const struct option options[] = {
    { "base", required_argument, NULL, OPT_BASE },
    { "expand-context", required_argument, NULL, OPT_EXPAND_CONTEXT },
    { "processing-mode", required_argument, NULL, OPT_MODE },
    { "rdf-direction", required_argument, NULL, OPT_DIRECTION },
    { "generalized", no_argument, NULL, OPT_GENERALIZED },
    { "local", required_argument, NULL, OPT_LOCAL },
    { "batch", required_argument, NULL, OPT_BATCH },
    { "check", required_argument, NULL, OPT_CHECK },
    { NULL, 0, NULL, 0 },
};

struct jsonld_cli {
    struct mc_ld_options opt;
    struct mc_ld_loader *loader;
    const char *input;
    const char *batch;
    const char *check;
    char *expand_iri;
};

/* Parse the options both subcommands take. Returns -1 to go on, or an exit code. */
static int parse_options(int argc, char **argv, bool batch_ok, struct jsonld_cli *cli)
{
    struct mc_cli_common c;
    mc_cli_getopt_reset(&c);
    memset(cli, 0, sizeof *cli);
    cli->loader = mc_ld_loader_local_new(mc_ld_loader_bundled());
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_rdf, argc, argv, options, &c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_rdf); return MC_EXIT_OK;
        case OPT_BASE: cli->opt.base = optarg; break;
        case OPT_EXPAND_CONTEXT: {
            char *abs = realpath(optarg, NULL);
            if (!abs)
                return mc_cli_fail(&mc_cmd_rdf, "cannot open %s: %s", optarg, strerror(errno));
            free(cli->expand_iri);
            cli->expand_iri = mc_xasprintf("file://%s", abs);
            /* Only this one file is served under its file: IRI. */
            mc_ld_loader_local_add(cli->loader, cli->expand_iri, abs);
            free(abs);
            cli->opt.expand_context = cli->expand_iri;
            break;
        }
        case OPT_MODE:
            if (strcmp(optarg, "json-ld-1.1") == 0)
                cli->opt.mode = MC_LD_MODE_1_1;
            else if (strcmp(optarg, "json-ld-1.0") == 0)
                cli->opt.mode = MC_LD_MODE_1_0;
            else
                return mc_cli_usage_error(
                        &mc_cmd_rdf, "--processing-mode is json-ld-1.0 or json-ld-1.1, not '%s'",
                        optarg);
            break;
        case OPT_DIRECTION:
            if (strcmp(optarg, "i18n-datatype") == 0)
                cli->opt.rdf_direction = MC_LD_DIRECTION_I18N_DATATYPE;
            else if (strcmp(optarg, "compound-literal") == 0)
                cli->opt.rdf_direction = MC_LD_DIRECTION_COMPOUND_LITERAL;
            else
                return mc_cli_usage_error(
                        &mc_cmd_rdf,
                        "--rdf-direction is i18n-datatype or compound-literal, not '%s'", optarg);
            break;
        case OPT_GENERALIZED: cli->opt.generalized = true; break;
        case OPT_LOCAL: {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg || !eq[1])
                return mc_cli_usage_error(&mc_cmd_rdf, "--local wants IRI-PREFIX=DIR, not '%s'",
                                          optarg);
            *eq = '\0';
            mc_ld_loader_local_add(cli->loader, optarg, eq + 1);
            *eq = '=';
            break;
        }
        case OPT_BATCH:
        case OPT_CHECK:
            if (!batch_ok)
                return mc_cli_usage_error(&mc_cmd_rdf, "%s is an option of canon-jsonld",
                                          opt == OPT_BATCH ? "--batch" : "--check");
            if (opt == OPT_BATCH)
                cli->batch = optarg;
            else
                cli->check = optarg;
            break;
        default: return MC_EXIT_USAGE;
        }
    }
    if (optind < argc)
        cli->input = argv[optind++];
    if (optind < argc)
        return mc_cli_usage_error(&mc_cmd_rdf, "unexpected argument '%s'", argv[optind]);
    if (cli->batch && cli->input)
        return mc_cli_usage_error(&mc_cmd_rdf, "give either --batch FILE or an input, not both");
    if (cli->check && !cli->batch)
        return mc_cli_usage_error(&mc_cmd_rdf, "--check goes with --batch");
    if (!cli->input)
        cli->input = "-";
    return -1;
}

static void cli_free(struct jsonld_cli *cli)
{
    mc_ld_loader_local_free(cli->loader);
    free(cli->expand_iri);
}

static int fail_with(const char *what, const struct mc_err *e)
{
    if (e->where[0])
        return mc_cli_fail(&mc_cmd_rdf, "%s: %s (at %s)", what, e->msg, e->where);
    return mc_cli_fail(&mc_cmd_rdf, "%s: %s", what, e->msg);
}

static int write_out(const struct mc_buf *out)
{
    if (out->len && fwrite(out->data, 1, out->len, stdout) != out->len)
        return mc_cli_fail(&mc_cmd_rdf, "cannot write the output: %s", strerror(errno));
    return MC_EXIT_OK;
}

/* One document: JSON-LD to a dataset, then N-Quads (canonical when `canon`). */
static int one(struct jsonld_cli *cli, bool canon)
{
    char *text = NULL;
    size_t len = 0;
    int status = mc_cli_read_input(&mc_cmd_rdf, cli->input, MAX_JSONLD_INPUT, &text, &len);
    if (status)
        return status;
    struct mc_ld *ld = mc_ld_new(cli->loader);
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
    struct mc_rdfc *rc14n = canon ? mc_rdfc_new() : NULL;
    struct mc_buf out;
    mc_buf_init(&out, MAX_OUTPUT);
    struct mc_err e;
    mc_err_clear(&e);
    const char *name = strcmp(cli->input, "-") == 0 ? "standard input" : cli->input;
    if (mc_ld_to_rdf(ld, text, len, &cli->opt, ds, &e))
        status = fail_with(name, &e);
    else if (canon ? mc_rdfc_canonicalize(rc14n, ds, NULL, &out, &e)
                   : mc_nquads_write(&out, ds, &e))
        status = fail_with(name, &e);
    else
        status = write_out(&out);
    mc_buf_free(&out);
    mc_rdfc_free(rc14n);
    mc_rdf_dataset_free(ds);
    mc_ld_free(ld);
    free(text);
    return status;
}

/* --batch: one JSON-LD document per line; canonicalize each and print a summary. */
static int batch(struct jsonld_cli *cli)
{
    struct mc_cli_batch b;
    if (!mc_cli_batch_open(&b, &mc_cmd_rdf, cli->batch))
        return MC_EXIT_FAIL;
    FILE *check = NULL;
    if (cli->check && !(check = fopen(cli->check, "wb"))) {
        struct mc_cli_batch_summary ignored;
        mc_cli_batch_close(&b, &ignored);
        return mc_cli_fail(&mc_cmd_rdf, "cannot create %s: %s", cli->check, strerror(errno));
    }
    struct mc_ld *ld = mc_ld_new(cli->loader);
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
    struct mc_rdfc *c14n = mc_rdfc_new();
    struct mc_buf out;
    mc_buf_init(&out, MAX_OUTPUT);
    struct mc_err e;
    size_t docs = 0, failed = 0, quads = 0;
    const char *text;
    size_t n;
    int status = MC_EXIT_OK;
    while (mc_cli_batch_next(&b, &text, &n)) {
        if (n > MAX_BATCH_DOC) {
            fprintf(stderr, "mcred rdf: %s line %zu: longer than %u MiB, skipped\n", cli->batch,
                    b.lineno, MAX_BATCH_DOC >> 20);
            failed++;
            continue;
        }
        mc_err_clear(&e);
        mc_rdf_dataset_reset(ds);
        mc_buf_reset(&out);
        if (mc_ld_to_rdf(ld, text, n, &cli->opt, ds, &e) ||
            mc_rdfc_canonicalize(c14n, ds, NULL, &out, &e)) {
            fprintf(stderr, "mcred rdf: %s line %zu: %s%s%s\n", cli->batch, b.lineno, e.msg,
                    e.where[0] ? " at " : "", e.where);
            failed++;
            continue;
        }
        mc_cli_batch_done(&b);
        docs++;
        quads += mc_rdf_dataset_count(ds);
        if (check) {
            fprintf(check, "# doc %zu\n", b.item);
            fwrite(out.data ? out.data : "", 1, out.len, check);
        }
    }
    struct mc_cli_batch_summary sum;
    if (!mc_cli_batch_close(&b, &sum)) {
        status = MC_EXIT_FAIL;
    } else {
        printf("mcred: %zu documents in %.3f s, %.0f docs/s, median %.3f ms/doc, %zu quads, "
               "peak RSS %ld MB\n",
               docs, sum.seconds, sum.seconds > 0 ? (double)docs / sum.seconds : 0.0, sum.median_ms,
               quads, sum.peak_rss_mb);
        if (failed)
            status = mc_cli_fail(&mc_cmd_rdf, "%zu documents failed", failed);
    }
    if (check && fclose(check) != 0 && status == MC_EXIT_OK)
        status = mc_cli_fail(&mc_cmd_rdf, "cannot write %s", cli->check);
    mc_buf_free(&out);
    mc_rdfc_free(c14n);
    mc_rdf_dataset_free(ds);
    mc_ld_free(ld);
    return status;
}

int mc_cli_rdf_from_jsonld(int argc, char **argv)
{
    struct jsonld_cli cli;
    int status = parse_options(argc, argv, false, &cli);
    if (status == -1)
        status = one(&cli, false);
    cli_free(&cli);
    return status;
}

int mc_cli_rdf_canon_jsonld(int argc, char **argv)
{
    struct jsonld_cli cli;
    int status = parse_options(argc, argv, true, &cli);
    if (status == -1)
        status = cli.batch ? batch(&cli) : one(&cli, true);
    cli_free(&cli);
    return status;
}
