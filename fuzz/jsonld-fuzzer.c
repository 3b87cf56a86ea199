/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzzes JSON-LD to RDF and canonicalization: any input must give a dataset or a JSON-LD error,
 * and a dataset must canonicalize (or hit the work limit) without crashing. One processor is kept
 * across inputs, as a server keeps one, so the context cache is fuzzed too.
 *
 * A document that goes straight to RDF (ld/direct.c) is also taken the full way, through the
 * expanded form, by a second processor that copies its strings into the dataset: the canonical
 * N-Quads of the two must be the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ld/jsonld-internal.h"
#include "mcred/jsonld.h"
#include "mcred/rdf.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static bool canonical(struct mc_rdfc *c14n, struct mc_rdf_dataset *ds, struct mc_buf *out)
{
    struct mc_err e;
    struct mc_rdfc_options ro = { MC_RDFC_SHA256, 2000 };
    return mc_rdfc_canonicalize(c14n, ds, &ro, out, &e) == MC_OK;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static struct mc_ld *ld, *full;
    static struct mc_rdfc *c14n;
    if (!ld) {
        ld = mc_ld_new(NULL);
        full = mc_ld_new(NULL);
        full->direct = false;
        c14n = mc_rdfc_new();
    }
    struct mc_ld_options opt = {
        .base = "https://example.org/doc",
        .limits = { .max_document_bytes = 1 << 16, .max_depth = 64 },
    };
    if (size && data[0] & 1)
        opt.rdf_direction = MC_LD_DIRECTION_COMPOUND_LITERAL;
    /* Lent strings (found again by address in canonicalization) or copied ones; the second
     * processor always copies, so the two are compared too. */
    opt.borrow_strings = size && data[0] & 2;
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(10000);
    struct mc_err e;
    size_t direct_before = ld->direct_docs;
    if (mc_ld_to_rdf(ld, (const char *)data, size, &opt, ds, &e) == MC_OK) {
        struct mc_buf out;
        mc_buf_init(&out, 1 << 24);
        bool done = canonical(c14n, ds, &out);
        if (done && ld->direct_docs != direct_before) {
            struct mc_rdf_dataset *fds = mc_rdf_dataset_new(10000);
            struct mc_buf fout;
            mc_buf_init(&fout, 1 << 24);
            opt.borrow_strings = false;
            if (mc_ld_to_rdf(full, (const char *)data, size, &opt, fds, &e) != MC_OK) {
                fprintf(stderr, "the full way fails (%s) where the direct way succeeds\n", e.msg);
                abort();
            }
            if (!canonical(c14n, fds, &fout) || fout.len != out.len ||
                (out.len && memcmp(fout.data, out.data, out.len) != 0)) {
                fprintf(stderr, "the two ways to RDF differ:\ndirect:\n%.*s\nfull:\n%.*s\n",
                        (int)out.len, out.data ? out.data : "", (int)fout.len,
                        fout.data ? fout.data : "");
                abort();
            }
            mc_buf_free(&fout);
            mc_rdf_dataset_free(fds);
        }
        mc_buf_free(&out);
    }
    mc_rdf_dataset_free(ds);
    return 0;
}
