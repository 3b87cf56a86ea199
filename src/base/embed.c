/* SPDX-License-Identifier: Apache-2.0 */
/* Looking up files compiled into the binary. */
#include "base/embed.h"

#include <string.h>

const struct mc_embed_file *mc_embed_find(const struct mc_embed_dir *dir, const char *path)
{
    size_t lo = 0, hi = dir->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(dir->files[mid].path, path);
        if (c == 0)
            return &dir->files[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
