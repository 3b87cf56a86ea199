/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the query string and request target parsers (src/http/query.c). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "http/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    struct mc_arena *a = mc_arena_new(0);
    struct mc_err e;
    struct mc_http_query q;
    if (mc_http_query_parse((const char *)data, size, a, &q, &e) == MC_OK) {
        /* Everything parsed must be NUL-terminated text of the stated length. */
        for (size_t i = 0; i < q.count; i++) {
            if (strlen(q.items[i].value) != q.items[i].value_len)
                __builtin_trap();
            (void)strlen(q.items[i].name);
        }
        static const char *const allowed[] = { "q", "limit", "offset", NULL };
        (void)mc_http_query_check(&q, allowed, NULL, &e);
        /* Encoding a parsed value and parsing it again gives it back. */
        if (q.count > 0) {
            struct mc_buf b;
            mc_buf_init(&b, 1 << 20);
            mc_buf_appendz(&b, "v=");
            if (mc_http_url_encode(&b, q.items[0].value) == MC_OK) {
                struct mc_http_query q2;
                if (mc_http_query_parse(b.data, b.len, a, &q2, &e) != MC_OK || q2.count != 1 ||
                    strcmp(q2.items[0].value, q.items[0].value) != 0)
                    __builtin_trap();
            }
            mc_buf_free(&b);
        }
    }
    char *path = NULL;
    char *query = NULL;
    (void)mc_http_target_parse((const char *)data, size, a, &path, &query, &e);
    mc_arena_free(a);
    return 0;
}
