/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/buf.c: the cap holds, content is always NUL-terminated, steal and truncate. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mcred/buf.h"
#include "test.h"

struct append_case {
    size_t max;
    const char *parts[4];
    const char *want;
    enum mc_rc last_rc; /* of the last append */
};

static const struct append_case cases[] = {
    { 100, { "a", "b", "c", NULL }, "abc", MC_OK },
    { 3, { "ab", "c", NULL }, "abc", MC_OK },            /* exactly at the cap */
    { 3, { "ab", "cd", NULL }, "ab", MC_ERR_TOO_LARGE }, /* past it: nothing appended */
    { 0, { "x", NULL }, "", MC_ERR_TOO_LARGE },
    { 0, { "", NULL }, "", MC_OK },
    { 1000, { "", "", NULL }, "", MC_OK },
};

int main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct append_case *c = &cases[i];
        mc_test_case("append #%zu", i);
        struct mc_buf b;
        mc_buf_init(&b, c->max);
        enum mc_rc rc = MC_OK;
        for (size_t j = 0; c->parts[j]; j++)
            rc = mc_buf_appendz(&b, c->parts[j]);
        CHECK_INT(rc, c->last_rc);
        CHECK_STR(mc_buf_cstr(&b), c->want);
        CHECK_INT(b.len, strlen(c->want));
        CHECK(b.len <= b.max);
        mc_buf_free(&b);
    }

    mc_test_case("growth keeps content and the NUL");
    struct mc_buf b;
    mc_buf_init(&b, 1 << 20);
    for (int i = 0; i < 10000; i++)
        CHECK_INT(mc_buf_putc(&b, (char)('a' + i % 26)), MC_OK);
    CHECK_INT(b.len, 10000);
    CHECK_INT(b.data[10000], 0);
    CHECK_INT(b.data[9999], 'a' + 9999 % 26);
    CHECK(b.cap <= b.max + 1);

    mc_test_case("printf");
    mc_buf_reset(&b);
    CHECK_INT(b.len, 0);
    CHECK_INT(mc_buf_printf(&b, "%d-%s-%.2f", 42, "x", 1.5), MC_OK);
    CHECK_STR(mc_buf_cstr(&b), "42-x-1.50");
    mc_buf_free(&b);

    mc_test_case("printf past the cap leaves the buffer as it was");
    mc_buf_init(&b, 8);
    CHECK_INT(mc_buf_appendz(&b, "abc"), MC_OK);
    CHECK_INT(mc_buf_printf(&b, "%s", "too long!"), MC_ERR_TOO_LARGE);
    CHECK_STR(mc_buf_cstr(&b), "abc");

    mc_test_case("truncate");
    mc_buf_truncate(&b, 1);
    CHECK_STR(mc_buf_cstr(&b), "a");
    mc_buf_truncate(&b, 5);
    CHECK_STR(mc_buf_cstr(&b), "a");

    mc_test_case("steal");
    size_t len = 0;
    char *s = mc_buf_steal(&b, &len);
    CHECK_STR(s, "a");
    CHECK_INT(len, 1);
    CHECK(b.data == NULL && b.len == 0);
    free(s);
    s = mc_buf_steal(&b, NULL);
    CHECK_STR(s, "");
    free(s);

    mc_test_case("empty buffer");
    struct mc_buf empty;
    mc_buf_init(&empty, 10);
    CHECK_STR(mc_buf_cstr(&empty), "");
    mc_buf_free(&empty);
    mc_buf_free(&empty); /* twice is harmless */

    mc_test_case("binary content");
    mc_buf_init(&b, 16);
    CHECK_INT(mc_buf_append(&b, "a\0b", 3), MC_OK);
    CHECK_MEM(b.data, b.len, "a\0b", 3);
    mc_buf_free(&b);

    mc_test_case("no cap at all (SIZE_MAX)");
    mc_buf_init(&b, SIZE_MAX);
    for (int i = 0; i < 100; i++)
        CHECK_INT(mc_buf_append(&b, "0123456789", 10), MC_OK);
    CHECK_INT(b.len, 1000);
    CHECK_INT(b.data[1000], 0);
    mc_buf_free(&b);
    return mc_test_done();
}
