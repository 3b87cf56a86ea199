/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzzes the JSON reader against jansson's own: both must refuse the same texts and read the same
 * value from the rest (texts nesting past the reader's depth limit aside). The first byte picks
 * the decoding flags. One difference is allowed: jansson skips a raw NUL byte it reads after
 * looking one character ahead ("[1\0]" is [1] to it), which is no JSON; this reader refuses it.
 */
#include <stdlib.h>
#include <string.h>

#include "base/json.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t flags = (data[0] & 1 ? JSON_DECODE_ANY : 0) |
                   (data[0] & 2 ? JSON_DECODE_INT_AS_REAL : 0) | (data[0] & 4 ? JSON_ALLOW_NUL : 0);
    const char *text = (const char *)data + 1;
    size--;
    struct mc_json_limits lim = { .max_bytes = 1 << 16, .max_depth = 64 };
    json_t *ours = NULL;
    enum mc_rc rc = mc_json_parse(text, size, flags, &lim, &ours, NULL);
    if (rc == MC_ERR_TOO_LARGE)
        return 0;
    json_t *theirs = json_loadb(text, size, flags | JSON_REJECT_DUPLICATES, NULL);
    if (!ours && theirs && memchr(text, '\0', size)) {
        json_decref(theirs);
        return 0;
    }
    if ((ours == NULL) != (theirs == NULL))
        abort(); /* one reader refused what the other read */
    if (ours && !json_equal(ours, theirs))
        abort(); /* they read different values */
    json_decref(ours);
    json_decref(theirs);
    return 0;
}
