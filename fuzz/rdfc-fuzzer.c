/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzzes RDFC-1.0: N-Quads in, canonicalized with a small work limit; the canonical output must
 * parse, be sorted without duplicates, and canonicalize to itself. One canonicalizer serves every
 * input, so reuse is fuzzed too.
 */
#include <stdlib.h>
#include <string.h>

#include "mcred/rdf.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static struct mc_rdfc *canon;

/* Lines of `s` strictly increasing in byte order. */
static int sorted_unique(const char *s, size_t len)
{
    const char *prev = NULL;
    size_t prev_len = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        if (!nl)
            return 0;
        size_t n = (size_t)(nl - (s + i)) + 1;
        if (prev) {
            size_t m = n < prev_len ? n : prev_len;
            int r = memcmp(prev, s + i, m);
            if (r > 0 || (r == 0 && prev_len >= n))
                return 0;
        }
        prev = s + i;
        prev_len = n;
        i += n;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size > 1 << 14)
        return 0;
    if (!canon)
        canon = mc_rdfc_new();
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(512);
    if (mc_nquads_parse(ds, (const char *)data, size, NULL) != MC_OK) {
        mc_rdf_dataset_free(ds);
        return 0;
    }
    const struct mc_rdfc_options opt = {
        .hash = size % 2 ? MC_RDFC_SHA384 : MC_RDFC_SHA256,
        .max_work = 2000,
    };
    struct mc_buf a, b;
    mc_buf_init(&a, 1 << 22);
    mc_buf_init(&b, 1 << 22);
    struct mc_err e;
    mc_err_clear(&e);
    enum mc_rc rc = mc_rdfc_canonicalize(canon, ds, &opt, &a, &e);
    if (rc) {
        if (rc != MC_ERR_TOO_LARGE || a.len != 0)
            abort(); /* parsed N-Quads are valid RDF: only the work limit may stop it */
        goto out;
    }
    if (!sorted_unique(a.data ? a.data : "", a.len))
        abort();
    size_t labels = mc_rdfc_map_count(canon);
    struct mc_rdf_dataset *again = mc_rdf_dataset_new(512);
    if (mc_nquads_parse(again, a.data ? a.data : "", a.len, NULL) != MC_OK)
        abort();
    /* Relabelled, the same graph may take more work (the order of permutations follows the
     * labels), so the second run gets more room; only a fixed point is a pass. */
    const struct mc_rdfc_options more = { .hash = opt.hash, .max_work = 200000 };
    rc = mc_rdfc_canonicalize(canon, again, &more, &b, &e);
    if (rc == MC_OK && (a.len != b.len || (a.len && memcmp(a.data, b.data, a.len) != 0)))
        abort();
    if (rc != MC_OK && rc != MC_ERR_TOO_LARGE)
        abort();
    if (rc == MC_OK && mc_rdfc_map_count(canon) != labels)
        abort();
    mc_rdf_dataset_free(again);
out:
    mc_buf_free(&a);
    mc_buf_free(&b);
    mc_rdf_dataset_free(ds);
    return 0;
}
