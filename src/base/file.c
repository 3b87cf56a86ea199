/* SPDX-License-Identifier: Apache-2.0 */
#include "base/file.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "mcred/buf.h"

enum mc_rc mc_file_read(const char *path, size_t max, char **out, size_t *len, struct mc_err *e)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "the standard input" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return mc_err_set(e, errno == ENOENT ? MC_ERR_NOT_FOUND : MC_ERR_IO, "cannot open %s: %s",
                          path, strerror(errno));
    struct mc_buf b;
    mc_buf_init(&b, max);
    char chunk[65536];
    enum mc_rc rc = MC_OK;
    for (;;) {
        size_t got = fread(chunk, 1, sizeof chunk, f);
        if (got && mc_buf_append(&b, chunk, got)) {
            rc = mc_err_set(e, MC_ERR_TOO_LARGE, "%s is larger than %zu bytes, the most allowed",
                            name, max);
            break;
        }
        if (got < sizeof chunk) {
            if (ferror(f))
                rc = mc_err_set(e, MC_ERR_IO, "cannot read %s: %s", name, strerror(errno));
            break;
        }
    }
    if (!is_stdin)
        fclose(f);
    if (rc) {
        mc_buf_free(&b);
        return rc;
    }
    *out = mc_buf_steal(&b, len);
    return MC_OK;
}
