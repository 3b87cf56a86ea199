/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the multipart/form-data parser (src/http/multipart.c). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "http/multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The input is a Content-Type line, a newline, then the body; with no newline the boundary is
 * fixed, so the fuzzer spends its time on bodies.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1 << 20))
        return 0;
    const char *p = (const char *)data;
    const char *nl = memchr(p, '\n', size < 200 ? size : 200);
    struct mc_arena *a = mc_arena_new(0);
    const char *ct = "multipart/form-data; boundary=XyZ";
    const char *body = p;
    size_t len = size;
    if (nl) {
        ct = mc_arena_memdupz(a, p, (size_t)(nl - p));
        body = nl + 1;
        len = size - (size_t)(nl - p) - 1;
    }
    /* A copy of exactly the body's length, so reading past it is caught. */
    char *copy = mc_arena_memdupz(a, body, len);
    struct mc_multipart_part parts[MC_MULTIPART_MAX_PARTS];
    size_t n = 0;
    struct mc_err e;
    if (mc_multipart_parse(ct, copy, len, a, parts, MC_MULTIPART_MAX_PARTS, &n, &e) == MC_OK) {
        if (n > MC_MULTIPART_MAX_PARTS)
            __builtin_trap();
        for (size_t i = 0; i < n; i++) {
            /* every part lies inside the body, in order */
            if (parts[i].data < copy || parts[i].data + parts[i].len > copy + len)
                __builtin_trap();
            if (i > 0 && parts[i].data < parts[i - 1].data + parts[i - 1].len)
                __builtin_trap();
            (void)strlen(parts[i].name);
            if (parts[i].filename)
                (void)strlen(parts[i].filename);
            if (parts[i].content_type)
                (void)strlen(parts[i].content_type);
        }
        (void)mc_multipart_find(parts, n, "file");
    }
    mc_arena_free(a);
    return 0;
}
