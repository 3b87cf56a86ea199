/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzzes JSON-LD to RDF and canonicalization: any input must give a dataset or a JSON-LD error,
 * and a dataset must canonicalize (or hit the work limit) without crashing. One processor is kept
 * across inputs, as a server keeps one, so the context cache is fuzzed too.
 */
#include <stdlib.h>

#include "mcred/jsonld.h"
#include "mcred/rdf.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static struct mc_ld *ld;
    static struct mc_rdfc *c14n;
    if (!ld) {
        ld = mc_ld_new(NULL);
        c14n = mc_rdfc_new();
    }
    struct mc_ld_options opt = {
        .base = "https://example.org/doc",
        .limits = { .max_document_bytes = 1 << 16, .max_depth = 64 },
    };
    if (size && data[0] & 1)
        opt.rdf_direction = MC_LD_DIRECTION_COMPOUND_LITERAL;
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(10000);
    struct mc_err e;
    if (mc_ld_to_rdf(ld, (const char *)data, size, &opt, ds, &e) == MC_OK) {
        struct mc_buf out;
        mc_buf_init(&out, 1 << 24);
        struct mc_rdfc_options ro = { MC_RDFC_SHA256, 2000 };
        (void)mc_rdfc_canonicalize(c14n, ds, &ro, &out, &e);
        mc_buf_free(&out);
    }
    mc_rdf_dataset_free(ds);
    return 0;
}
