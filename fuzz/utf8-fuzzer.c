/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzes mc_utf8_valid and mc_utf8_decode: they must agree, and never read out of bounds. */
#include <stdlib.h>

#include "base/utf8.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *p = (const char *)data;
    size_t bad = 0;
    bool ok = mc_utf8_valid(p, size, &bad);
    /* Walking with decode must find the same first bad offset. */
    size_t i = 0;
    while (i < size) {
        size_t n;
        if (mc_utf8_decode(p + i, size - i, &n) < 0)
            break;
        i += n;
    }
    if (ok != (i == size) || (!ok && bad != i))
        abort();
    return 0;
}
