/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzes JSON parsing and JCS: canonical output must parse again and canonicalize to itself. */
#include <stdlib.h>
#include <string.h>

#include "base/jcs.h"
#include "base/json.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const size_t flags = JSON_DECODE_INT_AS_REAL | JSON_DECODE_ANY | JSON_ALLOW_NUL;
    struct mc_json_limits lim = { .max_bytes = 1 << 16, .max_depth = 64 };
    json_t *v = NULL;
    if (mc_json_parse((const char *)data, size, flags, &lim, &v, NULL) != MC_OK)
        return 0;
    struct mc_buf a, b;
    mc_buf_init(&a, 1 << 20);
    mc_buf_init(&b, 1 << 20);
    if (mc_jcs_serialize(v, &a, NULL) == MC_OK) {
        json_t *w = NULL;
        if (mc_json_parse(a.data, a.len, flags, &lim, &w, NULL) != MC_OK)
            abort(); /* canonical JSON must be JSON */
        if (mc_jcs_serialize(w, &b, NULL) != MC_OK || a.len != b.len ||
            memcmp(a.data, b.data, a.len) != 0)
            abort(); /* and a fixed point */
        json_decref(w);
    }
    mc_buf_free(&a);
    mc_buf_free(&b);
    json_decref(v);
    return 0;
}
