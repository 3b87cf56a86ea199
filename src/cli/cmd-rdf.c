/* SPDX-License-Identifier: Apache-2.0 */
/* mcred rdf: RDF tools; `canon` canonicalizes N-Quads (RDFC-1.0), the JSON-LD ones are elsewhere.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "mcred/rdf.h"

#define MAX_INPUT  (64u << 20)
#define MAX_OUTPUT (256u << 20)

/* The default work limit as the usage text shows it. */
#define DEFAULT_WORK_TEXT "500000"
_Static_assert(MC_RDFC_DEFAULT_MAX_WORK == 500000u, "update DEFAULT_WORK_TEXT");

enum {
    OPT_HASH = 0x2000,
    OPT_MAP,
    OPT_MAX_WORK,
};

static const struct option canon_options[] = {
    { "hash", required_argument, NULL, OPT_HASH },
    { "map", no_argument, NULL, OPT_MAP },
    { "max-work", required_argument, NULL, OPT_MAX_WORK },
    { NULL, 0, NULL, 0 },
};

/* Read all of `path` ("-" is stdin), at most MAX_INPUT bytes, into a heap buffer the caller
 * frees. Prints the error and returns MC_EXIT_FAIL when it cannot. */

/* The issued identifiers map as one compact JSON object, in issue order. Labels are N-Quads
 * blank node labels, which never need escaping in JSON, but escape anyway for safety. */
static void put_json_string(struct mc_buf *b, struct mc_str s)
{
    mc_buf_putc(b, '"');
    for (size_t i = 0; i < s.len; i++) {
        unsigned char c = (unsigned char)s.p[i];
        if (c == '"' || c == '\\')
            mc_buf_printf(b, "\\%c", c);
        else if (c < 0x20)
            mc_buf_printf(b, "\\u%04x", c);
        else
            mc_buf_putc(b, (char)c);
    }
    mc_buf_putc(b, '"');
}

static int canon(int argc, char **argv)
{
    struct mc_cli_common common;
    struct mc_rdfc_options opt = { .hash = MC_RDFC_SHA256 };
    bool map = false;
    mc_cli_getopt_reset(&common);
    for (;;) {
        int o = mc_cli_getopt(&mc_cmd_rdf, argc, argv, canon_options, &common);
        if (o == -1)
            break;
        if (o == 'h') {
            mc_cli_print_usage(&mc_cmd_rdf);
            return MC_EXIT_OK;
        }
        if (o == OPT_HASH) {
            if (strcmp(optarg, "sha256") == 0)
                opt.hash = MC_RDFC_SHA256;
            else if (strcmp(optarg, "sha384") == 0)
                opt.hash = MC_RDFC_SHA384;
            else
                return mc_cli_usage_error(&mc_cmd_rdf, "--hash is sha256 or sha384, not '%s'",
                                          optarg);
            continue;
        }
        if (o == OPT_MAP) {
            map = true;
            continue;
        }
        if (o == OPT_MAX_WORK) {
            int64_t v;
            struct mc_err e;
            if (mc_str_to_i64(mc_str_z(optarg), 1, INT64_MAX, &v, "--max-work", &e))
                return mc_cli_usage_error(&mc_cmd_rdf, "%s", e.msg);
            opt.max_work = (uint64_t)v;
            continue;
        }
        return MC_EXIT_USAGE;
    }
    if (argc - optind > 1)
        return mc_cli_usage_error(&mc_cmd_rdf, "unexpected argument '%s'", argv[optind + 1]);
    const char *path = optind < argc ? argv[optind] : "-";

    char *text = NULL;
    size_t len = 0;
    int status = mc_cli_read_input(&mc_cmd_rdf, path, MAX_INPUT, &text, &len);
    if (status)
        return status;
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
    struct mc_rdfc *c = mc_rdfc_new();
    struct mc_buf out;
    mc_buf_init(&out, MAX_OUTPUT);
    if (mc_nquads_parse(ds, text, len, &e)) {
        status = mc_cli_fail(&mc_cmd_rdf, "%s, %s: %s", strcmp(path, "-") ? path : "<stdin>",
                             e.where, e.msg);
        goto out;
    }
    if (mc_rdfc_canonicalize(c, ds, &opt, &out, &e)) {
        status = mc_cli_fail(&mc_cmd_rdf, "%s: %s", strcmp(path, "-") ? path : "<stdin>", e.msg);
        goto out;
    }
    if (map) {
        mc_buf_reset(&out);
        mc_buf_putc(&out, '{');
        for (size_t i = 0; i < mc_rdfc_map_count(c); i++) {
            struct mc_str in, cl;
            mc_rdfc_map_get(c, i, &in, &cl);
            if (i)
                mc_buf_putc(&out, ',');
            put_json_string(&out, in);
            mc_buf_putc(&out, ':');
            put_json_string(&out, cl);
        }
        if (mc_buf_append(&out, "}\n", 2)) {
            status = mc_cli_fail(&mc_cmd_rdf, "the map is larger than %u MiB", MAX_OUTPUT >> 20);
            goto out;
        }
    }
    if (out.len && (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0)) {
        status = mc_cli_fail(&mc_cmd_rdf, "cannot write the output: %s", strerror(errno));
        goto out;
    }
    status = MC_EXIT_OK;
out:
    mc_buf_free(&out);
    mc_rdfc_free(c);
    mc_rdf_dataset_free(ds);
    free(text);
    return status;
}

/* Stand-ins until cmd-rdf-jsonld.c is linked in: its definitions replace these. */
__attribute__((weak)) int mc_cli_rdf_from_jsonld(int argc, char **argv)
{
    return mc_cli_fail(&mc_cmd_rdf, "from-jsonld is not available in this build");
}

__attribute__((weak)) int mc_cli_rdf_canon_jsonld(int argc, char **argv)
{
    return mc_cli_fail(&mc_cmd_rdf, "canon-jsonld is not available in this build");
}

static int run(int argc, char **argv)
{
    if (argc >= 2) {
        const char *sub = argv[1];
        if (strcmp(sub, "canon") == 0)
            return canon(argc - 1, argv + 1);
        if (strcmp(sub, "from-jsonld") == 0)
            return mc_cli_rdf_from_jsonld(argc - 1, argv + 1);
        if (strcmp(sub, "canon-jsonld") == 0)
            return mc_cli_rdf_canon_jsonld(argc - 1, argv + 1);
        if (strcmp(sub, "help") == 0) {
            mc_cli_print_usage(&mc_cmd_rdf);
            return MC_EXIT_OK;
        }
        if (sub[0] != '-')
            return mc_cli_usage_error(&mc_cmd_rdf,
                                      "unknown subcommand '%s' (canon, from-jsonld or "
                                      "canon-jsonld)",
                                      sub);
    }
    /* Options before any subcommand: only --help, but report unknown ones the usual way. */
    struct mc_cli_common common;
    mc_cli_getopt_reset(&common);
    for (;;) {
        int o = mc_cli_getopt(&mc_cmd_rdf, argc, argv, NULL, &common);
        if (o == -1)
            break;
        if (o == 'h') {
            mc_cli_print_usage(&mc_cmd_rdf);
            return MC_EXIT_OK;
        }
        return MC_EXIT_USAGE;
    }
    return mc_cli_usage_error(&mc_cmd_rdf,
                              "no subcommand given (canon, from-jsonld or canon-jsonld)");
}

const struct mc_cmd mc_cmd_rdf = {
    .name = "rdf",
    .summary = "RDF tools: canonical N-Quads (RDFC-1.0), JSON-LD to RDF",
    .usage = "usage: mcred rdf canon [--hash sha256|sha384] [--map] [--max-work N] [FILE|-]\n"
             "       mcred rdf from-jsonld [JSON-LD OPTIONS] [FILE|-]\n"
             "       mcred rdf canon-jsonld [JSON-LD OPTIONS] [--batch FILE.jsonl [--check OUT]]\n"
             "                              [FILE|-]\n"
             "\n"
             "canon reads N-Quads from FILE (or standard input, at most 64 MiB) and prints the\n"
             "canonical N-Quads of W3C RDF Dataset Canonicalization (RDFC-1.0): blank nodes\n"
             "relabelled _:c14n0, _:c14n1, ..., one quad per line in code point order, no\n"
             "duplicates. A syntax error is reported with its line and column.\n"
             "\n"
             "  --hash ALG        the hash RDFC-1.0 uses: sha256 (default) or sha384\n"
             "  --map             print the issued identifiers map instead: one JSON object from\n"
             "                    each input blank node label (without _:) to its canonical one\n"
             "  --max-work N      give up after N units of work (default " DEFAULT_WORK_TEXT "):\n"
             "                    Hash N-Degree Quads calls, the blank nodes they relate and\n"
             "                    the permutations they try, which only datasets with many\n"
             "                    indistinguishable blank nodes need\n"
             "\n"
             "from-jsonld expands a JSON-LD document and prints its RDF as N-Quads;\n"
             "canon-jsonld prints the canonical N-Quads (RDFC-1.0, SHA-256) of that RDF.\n"
             "\n"
             "JSON-LD OPTIONS:\n"
             "  --base IRI        the document's IRI, for relative references\n"
             "  --expand-context FILE\n"
             "                    a context applied before the document's own\n"
             "  --processing-mode json-ld-1.0|json-ld-1.1\n"
             "                    the JSON-LD processing mode (default json-ld-1.1)\n"
             "  --rdf-direction i18n-datatype|compound-literal\n"
             "                    how @direction becomes RDF (default: dropped)\n"
             "  --generalized     keep triples with blank node predicates (generalized RDF),\n"
             "                    which RDFC-1.0 canonicalization refuses\n"
             "  --local IRI-PREFIX=DIR\n"
             "                    load remote documents under IRI-PREFIX from files in DIR\n"
             "                    instead (may be repeated)\n"
             "canon-jsonld also takes:\n"
             "  --batch FILE.jsonl  canonicalize one JSON-LD document per line of FILE and print\n"
             "                    a summary (documents, time, median per document)\n"
             "  --check OUT       with --batch, also write each document's canonical N-Quads\n"
             "                    to OUT\n"
             "\n"
             "Exit status: 0 on success, 1 when the input is invalid or a limit is reached,\n"
             "2 on a usage error.\n",
    .run = run,
};
