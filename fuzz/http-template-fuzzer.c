/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the template parser and renderer (src/http/template.c). */
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "http/template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    /* The input is a template; it may include itself as "t" and a fixed partial "p". */
    struct mc_tpl_set *s = mc_tpl_set_new();
    struct mc_err e;
    static const char partial[] = "<p>{{name}}{{#items}}[{{.}}]{{/items}}</p>";
    mc_tpl_set_add(s, "p", partial, sizeof partial - 1, &e);
    if (mc_tpl_set_add(s, "t", (const char *)data, size, &e) == MC_OK) {
        json_t *ctx = json_pack("{s:s, s:[i,s,b], s:{s:s}, s:b, s:n, s:[{s:s},{s:[]}], s:f}",
                                "name", "<&\"'>", "items", 1, "two", 1, "obj", "name", "inner",
                                "flag", 0, "none", "list", "name", "x", "items", "real", 1.5);
        struct mc_buf b;
        mc_buf_init(&b, 1 << 20);
        /* Any result is fine; what must not happen is a crash, a leak or unbounded work. */
        (void)mc_tpl_render(s, "t", ctx, &b, &e);
        mc_buf_free(&b);
        json_decref(ctx);
    }
    mc_tpl_set_free(s);
    return 0;
}
