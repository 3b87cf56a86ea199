/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/error.c and src/base/embed.c. */
#include <string.h>

#include "base/embed.h"
#include "mcred/error.h"
#include "test.h"

static const struct mc_embed_file files[] = {
    { "a.json", (const unsigned char *)"A", 1 },
    { "b/c.sql", (const unsigned char *)"C", 1 },
    { "z.txt", (const unsigned char *)"", 0 },
};
static const struct mc_embed_dir dir = { "t", files, 3 };

int main(void)
{
    mc_test_case("set and clear");
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(e.rc, MC_OK);
    CHECK_STR(e.msg, "");
    CHECK_INT(mc_err_set(&e, MC_ERR_INVALID, "bad %s at %d", "value", 7), MC_ERR_INVALID);
    CHECK_STR(e.msg, "bad value at 7");
    mc_err_where(&e, "row %d, column %d", 3, 4);
    CHECK_STR(e.where, "row 3, column 4");
    mc_err_prefix(&e, "%s", "file.csv");
    CHECK_STR(e.msg, "file.csv: bad value at 7");
    CHECK_INT(e.rc, MC_ERR_INVALID);
    mc_err_clear(&e);
    CHECK_STR(e.where, "");

    mc_test_case("NULL error structs are allowed");
    CHECK_INT(mc_err_set(NULL, MC_ERR_IO, "x"), MC_ERR_IO);
    mc_err_where(NULL, "x");
    mc_err_prefix(NULL, "x");
    mc_err_clear(NULL);

    mc_test_case("long messages are cut, never overflow");
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    mc_err_set(&e, MC_ERR_INVALID, "%s", big);
    CHECK_INT(strlen(e.msg), MC_ERR_MSG_MAX - 1);
    mc_err_prefix(&e, "%s", big);
    CHECK_INT(strlen(e.msg), MC_ERR_MSG_MAX - 1);
    mc_err_where(&e, "%s", big);
    CHECK_INT(strlen(e.where), MC_ERR_WHERE_MAX - 1);

    mc_test_case("names");
    CHECK_STR(mc_rc_name(MC_OK), "ok");
    CHECK_STR(mc_rc_name(MC_ERR_NOT_FOUND), "not_found");
    CHECK_STR(mc_rc_name(MC_ERR_TOO_LARGE), "too_large");
    CHECK_STR(mc_rc_name((enum mc_rc)999), "unknown");
    for (int rc = MC_OK; rc <= MC_ERR_INTERNAL; rc++)
        CHECK(strcmp(mc_rc_name((enum mc_rc)rc), "unknown") != 0);

    mc_test_case("embed lookup");
    CHECK(mc_embed_find(&dir, "a.json") == &files[0]);
    CHECK(mc_embed_find(&dir, "b/c.sql") == &files[1]);
    CHECK(mc_embed_find(&dir, "z.txt") == &files[2]);
    CHECK(mc_embed_find(&dir, "b") == NULL);
    CHECK(mc_embed_find(&dir, "") == NULL);
    CHECK(mc_embed_find(&dir, "zz") == NULL);

    mc_test_case("the built-in folders");
    CHECK(mc_embed_sqlite_migrations.count >= 1);
    CHECK(mc_embed_find(&mc_embed_demo, "orgs.json") != NULL);
    for (size_t i = 0; i + 1 < mc_embed_demo.count; i++)
        CHECK(strcmp(mc_embed_demo.files[i].path, mc_embed_demo.files[i + 1].path) < 0);
    const struct mc_embed_file *f = mc_embed_find(&mc_embed_demo, "orgs.json");
    if (f)
        CHECK_INT(f->data[f->len], 0); /* NUL after the content */
    return mc_test_done();
}
