/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The W3C JSON-LD 1.1 toRdf test suite (json-ld-api tests/toRdf-manifest.jsonld), run through
 * mc_ld_to_rdf:
 *   PositiveEvaluationTest  the dataset must be isomorphic to the expected N-Quads (both sides
 *                           are canonicalized with RDFC-1.0 and compared as text);
 *   NegativeEvaluationTest  processing must fail with the expected JSON-LD error code;
 *   PositiveSyntaxTest      processing must succeed.
 * The summary counts the documents that went straight to RDF (ld/direct.c) rather than through
 * the expanded form: both ways are held to the same expectations.
 * Usage: json-ld-to-rdf SUITE-DIR [TEST-ID...]. Prints each failure and a summary; exits 1 when a
 * test fails.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld/jsonld-internal.h"
#include "mcred/jsonld.h"
#include "mcred/rdf.h"

/*
 * Tests this processor does not run, with the reason. Everything else must pass.
 */
static const struct {
    const char *id;
    const char *reason;
} skips[] = {
    { "#t0118", "expects generalized RDF (a blank node predicate), which N-Quads cannot express" },
    { "#te075", "expects generalized RDF (a blank node predicate), which N-Quads cannot express" },
};

static const char *skip_reason(const char *id)
{
    for (size_t i = 0; i < sizeof skips / sizeof skips[0]; i++)
        if (strcmp(skips[i].id, id) == 0)
            return skips[i].reason;
    return NULL;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static bool has_type(json_t *t, const char *type)
{
    size_t i;
    json_t *v;
    if (json_is_string(t))
        return strcmp(json_string_value(t), type) == 0;
    json_array_foreach (t, i, v)
        if (json_is_string(v) && strcmp(json_string_value(v), type) == 0)
            return true;
    return false;
}

/* Canonical N-Quads of a dataset, or NULL with the error in *e. */
static char *canon(struct mc_rdfc *c, struct mc_rdf_dataset *ds, struct mc_err *e)
{
    struct mc_buf out;
    mc_buf_init(&out, 64u << 20);
    struct mc_rdfc_options o = { MC_RDFC_SHA256, 0 };
    if (mc_rdfc_canonicalize(c, ds, &o, &out, e)) {
        mc_buf_free(&out);
        return NULL;
    }
    if (!out.data)
        return calloc(1, 1);
    return mc_buf_steal(&out, NULL);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: json-ld-to-rdf SUITE-DIR [TEST-ID...]\n");
        return 2;
    }
    const char *dir = argv[1];
    char path[2048];
    snprintf(path, sizeof path, "%s/toRdf-manifest.jsonld", dir);
    json_error_t je;
    json_t *manifest = json_load_file(path, 0, &je);
    if (!manifest) {
        fprintf(stderr, "json-ld-to-rdf: %s: %s\n", path, je.text);
        return 2;
    }
    const char *base_iri = json_string_value(json_object_get(manifest, "baseIri"));
    json_t *seq = json_object_get(manifest, "sequence");

    struct mc_ld_loader *loader = mc_ld_loader_local_new(NULL);
    mc_ld_loader_local_add(loader, base_iri, dir);
    struct mc_ld *ld = mc_ld_new(loader);
    struct mc_rdfc *c14n = mc_rdfc_new();
    size_t passed = 0, failed = 0, skipped = 0, total = 0;

    size_t i;
    json_t *t;
    json_array_foreach (seq, i, t) {
        const char *id = json_string_value(json_object_get(t, "@id"));
        if (argc > 2) {
            bool wanted = false;
            for (int a = 2; a < argc; a++)
                wanted = wanted || strcmp(argv[a], id) == 0;
            if (!wanted)
                continue;
        }
        total++;
        json_t *type = json_object_get(t, "@type");
        json_t *opt = json_object_get(t, "option");
        const char *spec = json_string_value(json_object_get(opt, "specVersion"));
        const char *why = skip_reason(id);
        if (!why && spec && strcmp(spec, "json-ld-1.0") == 0 && !getenv("MC_TORDF_1_0"))
            why = "a JSON-LD 1.0-only test; this is a 1.1 processor";
        if (why) {
            printf("skip %s: %s\n", id, why);
            skipped++;
            continue;
        }

        const char *input = json_string_value(json_object_get(t, "input"));
        struct mc_ld_options o = { 0 };
        char *doc_iri = NULL, *ec_iri = NULL;
        if (asprintf(&doc_iri, "%s%s", base_iri, input) < 0)
            return 2;
        o.base = doc_iri;
        const char *b = json_string_value(json_object_get(opt, "base"));
        if (b)
            o.base = b;
        const char *pm = json_string_value(json_object_get(opt, "processingMode"));
        if (pm && strcmp(pm, "json-ld-1.0") == 0)
            o.mode = MC_LD_MODE_1_0;
        const char *ec = json_string_value(json_object_get(opt, "expandContext"));
        if (ec) {
            if (asprintf(&ec_iri, "%s%s", base_iri, ec) < 0)
                return 2;
            o.expand_context = ec_iri;
        }
        o.generalized = json_is_true(json_object_get(opt, "produceGeneralizedRdf"));
        const char *rd = json_string_value(json_object_get(opt, "rdfDirection"));
        if (rd && strcmp(rd, "i18n-datatype") == 0)
            o.rdf_direction = MC_LD_DIRECTION_I18N_DATATYPE;
        else if (rd && strcmp(rd, "compound-literal") == 0)
            o.rdf_direction = MC_LD_DIRECTION_COMPOUND_LITERAL;

        snprintf(path, sizeof path, "%s/%s", dir, input);
        size_t len = 0;
        char *text = read_file(path, &len);
        struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
        struct mc_err e;
        mc_err_clear(&e);
        enum mc_rc rc = text ? mc_ld_to_rdf(ld, text, len, &o, ds, &e) : MC_ERR_IO;
        if (!text)
            snprintf(e.msg, sizeof e.msg, "cannot read %.400s", path);
        bool ok = false;
        char detail[8192] = "";
        if (has_type(type, "jld:NegativeEvaluationTest")) {
            const char *code = json_string_value(json_object_get(t, "expectErrorCode"));
            size_t cl = strlen(code);
            ok = rc != MC_OK && strncmp(e.msg, code, cl) == 0 && e.msg[cl] == ':';
            if (!ok)
                snprintf(detail, sizeof detail, "expected error \"%s\", got %s", code,
                         rc ? e.msg : "success");
        } else if (has_type(type, "jld:PositiveSyntaxTest")) {
            ok = rc == MC_OK;
            if (!ok)
                snprintf(detail, sizeof detail, "%s", e.msg);
        } else if (rc) {
            snprintf(detail, sizeof detail, "%s (at %s)", e.msg, e.where);
        } else {
            snprintf(path, sizeof path, "%s/%s", dir,
                     json_string_value(json_object_get(t, "expect")));
            size_t elen = 0;
            char *etext = read_file(path, &elen);
            struct mc_rdf_dataset *eds = mc_rdf_dataset_new(0);
            char *got = canon(c14n, ds, &e);
            char *want = NULL;
            if (!etext)
                snprintf(detail, sizeof detail, "cannot read %s", path);
            else if (mc_nquads_parse(eds, etext, elen, &e))
                snprintf(detail, sizeof detail, "expected output: %s at %s", e.msg, e.where);
            else if (!got)
                snprintf(detail, sizeof detail, "canonicalizing the result: %s", e.msg);
            else if (!(want = canon(c14n, eds, &e)))
                snprintf(detail, sizeof detail, "canonicalizing the expected output: %s", e.msg);
            else if (strcmp(got, want) != 0)
                snprintf(detail, sizeof detail, "got:\n%s\nwant:\n%s", got, want);
            else
                ok = true;
            free(got);
            free(want);
            free(etext);
            mc_rdf_dataset_free(eds);
        }
        if (ok) {
            passed++;
        } else {
            failed++;
            printf("FAIL %s (%s): %s\n", id, json_string_value(json_object_get(t, "name")), detail);
        }
        mc_rdf_dataset_free(ds);
        free(text);
        free(doc_iri);
        free(ec_iri);
    }
    printf("json-ld-toRdf: %zu/%zu passed, %zu failed, %zu skipped (%zu went straight to RDF)\n",
           passed, total, failed, skipped, ld->direct_docs);
    mc_rdfc_free(c14n);
    mc_ld_free(ld);
    mc_ld_loader_local_free(loader);
    json_decref(manifest);
    return failed ? 1 : 0;
}
