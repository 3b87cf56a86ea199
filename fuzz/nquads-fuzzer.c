/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzes the N-Quads parser and writer: what parses writes out as N-Quads that parse to the same
 * quads, and writing is a fixed point. */
#include <stdlib.h>
#include <string.h>

#include "mcred/rdf.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(4096);
    struct mc_err e;
    mc_err_clear(&e);
    enum mc_rc rc = mc_nquads_parse(ds, (const char *)data, size, &e);
    if (rc) {
        /* A refusal always says where, and leaves nothing behind. */
        if (!e.where[0] || !e.msg[0] || mc_rdf_dataset_count(ds) != 0)
            abort();
        mc_rdf_dataset_free(ds);
        return 0;
    }
    struct mc_buf a, b;
    mc_buf_init(&a, 1 << 22);
    mc_buf_init(&b, 1 << 22);
    if (mc_nquads_write(&a, ds, NULL) != MC_OK)
        abort();
    struct mc_rdf_dataset *again = mc_rdf_dataset_new(4096);
    if (mc_nquads_parse(again, a.data ? a.data : "", a.len, &e) != MC_OK)
        abort(); /* our output must be N-Quads */
    if (mc_rdf_dataset_count(again) != mc_rdf_dataset_count(ds))
        abort();
    if (mc_nquads_write(&b, again, NULL) != MC_OK || a.len != b.len ||
        (a.len && memcmp(a.data, b.data, a.len) != 0))
        abort(); /* and read back it is the same */
    mc_buf_free(&a);
    mc_buf_free(&b);
    mc_rdf_dataset_free(again);
    mc_rdf_dataset_free(ds);
    return 0;
}
