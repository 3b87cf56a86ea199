/* SPDX-License-Identifier: Apache-2.0 */
/* mcred verify: verify credentials and print a verdict with the checks that failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/json.h"
#include "base/time.h"
#include "cli/cli.h"
#include "vc/bake.h"
#include "vc/fetch.h"
#include "vc/verify.h"

#define MAX_FILE (16u << 20)
#define MAX_DOCS 64

enum { OPT_JSON = 0x3000, OPT_NOW, OPT_OFFLINE, OPT_DOC, OPT_BATCH, OPT_RECIPIENT };

static const struct option options[] = {
    { "json", no_argument, NULL, OPT_JSON },
    { "now", required_argument, NULL, OPT_NOW },
    { "offline", no_argument, NULL, OPT_OFFLINE },
    { "doc", required_argument, NULL, OPT_DOC },
    { "batch", required_argument, NULL, OPT_BATCH },
    { "recipient", required_argument, NULL, OPT_RECIPIENT },
    { NULL, 0, NULL, 0 },
};

/* Documents given with --doc URL=FILE. */
struct docs {
    const char *url[MAX_DOCS];
    json_t *doc[MAX_DOCS];
    char *fetched[MAX_DOCS]; /* URLs of fetched documents (heap) */
    size_t n;
    bool offline;
    struct mc_err err; /* why the last fetch failed */
};

static const json_t *docs_get(void *self, const char *url, const char **why)
{
    struct docs *d = self;
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->url[i], url) == 0)
            return d->doc[i];
    if (d->offline) {
        *why = "offline, and it was not given with --doc URL=FILE";
        return NULL;
    }
    if (d->n == MAX_DOCS) {
        *why = "too many documents fetched";
        return NULL;
    }
    /* Fetched once per run (https only, bounded, never a private address) and kept. */
    struct mc_buf body;
    mc_buf_init(&body, 1u << 20);
    json_t *j = NULL;
    if (mc_fetch(url, NULL, &body, &d->err) ||
        mc_json_parse(body.data ? body.data : "", body.len, JSON_DECODE_INT_AS_REAL, NULL, &j,
                      &d->err)) {
        mc_buf_free(&body);
        *why = d->err.msg;
        return NULL;
    }
    mc_buf_free(&body);
    d->fetched[d->n] = mc_xstrdup(url);
    d->url[d->n] = d->fetched[d->n];
    d->doc[d->n++] = j;
    return j;
}

static void print_report(const char *name, const struct mc_report *r)
{
    bool valid = mc_report_valid(r);
    printf("%s: %s", name, valid ? "valid" : "INVALID");
    if (r->id || r->issuer)
        printf(" (%s%s%s)", r->id ? r->id : "", r->id && r->issuer ? ", issuer " : "",
               r->issuer ? r->issuer : "");
    putchar('\n');
    for (size_t i = 0; i < r->count; i++) {
        const struct mc_check *c = &r->checks[i];
        if (c->status == MC_CHECK_FAIL || c->status == MC_CHECK_WARN)
            printf("  %s %s: %s\n", mc_check_status_name(c->status), c->name, c->message);
    }
}

/* A file may be a credential (JSON-LD or a VC-JWT), an Open Badges 2.0 assertion (JSON, a JWS or
 * the URL of a hosted one) or an image with either baked in. */
static void verify_input(struct mc_verifier *v, const char *text, size_t len,
                         const struct mc_verify_options *o, struct mc_report *r)
{
    enum mc_image_kind kind;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_image_detect(text, len, &kind, &e) != MC_OK) {
        mc_verify_text(v, text, len, o, r);
        return;
    }
    const char *what = kind == MC_IMAGE_PNG ? "PNG" : "SVG";
    struct mc_baked b = { 0 };
    if (mc_bake_extract(text, len, &b, &e)) {
        mc_report_add(r, "baked", MC_CHECK_FAIL, "%s", e.msg);
    } else if (b.version == 2) {
        mc_report_add(r, "baked", MC_CHECK_PASS, "an Open Badges 2.0 assertion baked in a %s",
                      what);
        mc_verify_text(v, b.text, b.len, o, r);
    } else {
        mc_report_add(r, "baked", MC_CHECK_PASS, "an Open Badges 3.0 credential baked in a %s",
                      what);
        mc_verify_text(v, b.text, b.len, o, r);
    }
    mc_baked_free(&b);
}

static int batch(struct mc_verifier *v, const char *path, const struct mc_verify_options *o,
                 bool as_json)
{
    struct mc_cli_batch b;
    if (!mc_cli_batch_open(&b, &mc_cmd_verify, path))
        return MC_EXIT_USAGE;
    size_t valid = 0, invalid = 0;
    const char *text;
    size_t len;
    while (mc_cli_batch_next(&b, &text, &len)) {
        struct mc_report r;
        mc_report_init(&r);
        mc_verify_text(v, text, len, o, &r);
        mc_cli_batch_done(&b);
        if (mc_report_valid(&r)) {
            valid++;
        } else if (as_json) {
            invalid++;
            json_t *j = mc_report_to_json(&r);
            json_object_set_new(j, "line", json_integer((json_int_t)b.lineno));
            char *out = json_dumps(j, JSON_COMPACT);
            printf("%s\n", out);
            free(out);
            json_decref(j);
        } else {
            invalid++;
            char name[64];
            snprintf(name, sizeof name, "%s line %zu", path, b.lineno);
            print_report(name, &r);
        }
        mc_report_free(&r);
    }
    struct mc_cli_batch_summary sum;
    if (!mc_cli_batch_close(&b, &sum))
        return MC_EXIT_USAGE;
    size_t total = valid + invalid;
    fprintf(as_json ? stderr : stdout,
            "mcred verify: %zu credentials, %zu valid, %zu invalid, in %.3f s, %.0f "
            "credentials/s, median %.3f ms, peak RSS %ld MB\n",
            total, valid, invalid, sum.seconds, sum.seconds > 0 ? (double)total / sum.seconds : 0,
            sum.median_ms, sum.peak_rss_mb);
    return invalid ? MC_EXIT_FAIL : MC_EXIT_OK;
}

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    bool as_json = false;
    const char *batch_path = NULL;
    struct docs docs = { .n = 0 };
    struct mc_verify_options o = { .now = mc_time_now(), .docs = NULL };
    struct mc_doc_source source = { docs_get, &docs };
    int status = MC_EXIT_USAGE;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_verify, argc, argv, options, &c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h':
            mc_cli_print_usage(&mc_cmd_verify);
            status = MC_EXIT_OK;
            goto out;
        case OPT_JSON: as_json = true; break;
        case OPT_OFFLINE: docs.offline = true; break;
        case OPT_BATCH: batch_path = optarg; break;
        case OPT_RECIPIENT: o.expected_recipient = optarg; break;
        case OPT_NOW: {
            int32_t ns;
            struct mc_err e;
            if (mc_time_parse_rfc3339(optarg, strlen(optarg), &o.now, &ns, &e)) {
                mc_cli_usage_error(&mc_cmd_verify, "--now: %s", e.msg);
                goto out;
            }
            break;
        }
        case OPT_DOC: {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg || !eq[1] || docs.n == MAX_DOCS) {
                mc_cli_usage_error(&mc_cmd_verify, "--doc wants URL=FILE (at most %d), not '%s'",
                                   MAX_DOCS, optarg);
                goto out;
            }
            char *text = NULL;
            size_t len = 0;
            if (mc_cli_read_input(&mc_cmd_verify, eq + 1, MAX_FILE, &text, &len))
                goto out;
            json_t *j = NULL;
            struct mc_err e;
            if (mc_json_parse(text, len, JSON_DECODE_INT_AS_REAL, NULL, &j, &e)) {
                mc_cli_fail(&mc_cmd_verify, "--doc %s: %s", eq + 1, e.msg);
                free(text);
                goto out;
            }
            free(text);
            *eq = '\0';
            docs.url[docs.n] = optarg;
            docs.doc[docs.n++] = j;
            break;
        }
        default: goto out;
        }
    }
    if (batch_path && optind < argc) {
        mc_cli_usage_error(&mc_cmd_verify, "give either --batch FILE.jsonl or files, not both");
        goto out;
    }
    if (!batch_path && optind >= argc) {
        mc_cli_usage_error(&mc_cmd_verify, "give the credentials to verify (files, or -)");
        goto out;
    }
    o.docs = &source;
    struct mc_verifier *v = mc_verifier_new(NULL);
    if (batch_path) {
        status = batch(v, batch_path, &o, as_json);
    } else {
        json_t *all = as_json ? json_array() : NULL;
        bool any_invalid = false, unreadable = false;
        for (int i = optind; i < argc; i++) {
            char *text = NULL;
            size_t len = 0;
            if (mc_cli_read_input(&mc_cmd_verify, argv[i], MAX_FILE, &text, &len)) {
                unreadable = true;
                continue;
            }
            struct mc_report r;
            mc_report_init(&r);
            verify_input(v, text, len, &o, &r);
            free(text);
            any_invalid = any_invalid || !mc_report_valid(&r);
            if (as_json) {
                json_t *j = mc_report_to_json(&r);
                json_object_set_new(j, "file", json_string(argv[i]));
                json_array_append_new(all, j);
            } else {
                print_report(strcmp(argv[i], "-") == 0 ? "standard input" : argv[i], &r);
            }
            mc_report_free(&r);
        }
        if (as_json) {
            struct mc_buf out;
            mc_buf_init(&out, 64u << 20);
            mc_json_dump(all, JSON_INDENT(2), &out);
            printf("%s\n", out.data);
            mc_buf_free(&out);
            json_decref(all);
        }
        status = unreadable ? MC_EXIT_USAGE : any_invalid ? MC_EXIT_FAIL : MC_EXIT_OK;
    }
    mc_verifier_free(v);
out:
    for (size_t i = 0; i < docs.n; i++) {
        json_decref(docs.doc[i]);
        free(docs.fetched[i]);
    }
    return status;
}

const struct mc_cmd mc_cmd_verify = {
    .name = "verify",
    .summary = "verify credentials: proof, issuer, types, validity period, status",
    .usage = "usage: mcred verify [--json] [--now RFC3339] [--offline] [--doc URL=FILE]...\n"
             "                    [--recipient IDENTITY] (FILE... | --batch FILE.jsonl)\n"
             "\n"
             "Verifies each credential (JSON-LD with an embedded proof, a VC-JWT, or a PNG or\n"
             "SVG image with one baked in; - is standard input)\n"
             "and prints a verdict, with every check that failed or warned: well-formed JSON\n"
             "and JSON-LD with known contexts, the data model and Open Badges 3.0 types, the\n"
             "Open Badges 3.0 JSON Schema, the proof (eddsa-rdfc-2022, eddsa-jcs-2022,\n"
             "Ed25519Signature2020, or the JWS of a VC-JWT), that the signing key belongs to\n"
             "the issuer, the validity period, and revocation and suspension in the issuer's\n"
             "Bitstring Status Lists.\n"
             "\n"
             "Open Badges 2.0 assertions are verified too: hosted ones (JSON, or the URL they\n"
             "are hosted at) against the copy at their id and the issuer's allowed origins,\n"
             "signed ones (a JWS) with the issuer's RS256 CryptographicKey and RevocationList;\n"
             "with the BadgeClass, the issuer Profile, the recipient and the expiry date.\n"
             "Open Badges 1.0 and 1.1 assertions are recognised and reported as not verified.\n"
             "\n"
             "  --json             print the whole report of every credential as JSON\n"
             "  --now TIME         check the validity period against TIME (default: now)\n"
             "  --offline          never fetch anything; otherwise documents not given with --doc\n"
             "                     are fetched: https only, at most 1 MiB, 5 s, never from a\n"
             "                     loopback or private address\n"
             "  --doc URL=FILE     use FILE as the document at URL: the controller document of\n"
             "                     an issuer whose keys are https URLs, or a status list\n"
             "                     credential, or an Open Badges 2.0 badge object (may be\n"
             "                     repeated)\n"
             "  --recipient ID     Open Badges 2.0: check the assertion was awarded to ID (an\n"
             "                     email address, URL or telephone number; hashed or plain)\n"
             "  --batch FILE       verify one credential per line and print a summary with the\n"
             "                     counts and the rate; only invalid ones are reported\n"
             "\n"
             "Exit status: 0 when every credential is valid (warnings allowed), 1 when one is\n"
             "invalid, 2 on a usage error or an unreadable file.\n",
    .run = run,
};
