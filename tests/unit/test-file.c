/* SPDX-License-Identifier: Apache-2.0 */
/* mc_file_read: whole files, the empty file, the cap, and files that are not there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "test.h"

int main(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/f.txt", mc_test_tmpdir());
    struct mc_err e;
    char *text = NULL;
    size_t len = 0;

    mc_test_case("a file");
    FILE *f = fopen(path, "wb");
    fwrite("hello\0world", 1, 11, f);
    fclose(f);
    CHECK_INT(mc_file_read(path, 100, &text, &len, &e), MC_OK);
    CHECK_MEM(text, len, "hello\0world", 11);
    CHECK_INT(text[len], 0);
    free(text);

    mc_test_case("the cap");
    CHECK_INT(mc_file_read(path, 11, &text, &len, &e), MC_OK);
    free(text);
    CHECK_INT(mc_file_read(path, 10, &text, &len, &e), MC_ERR_TOO_LARGE);
    CHECK(strstr(e.msg, path) != NULL);

    mc_test_case("an empty file");
    f = fopen(path, "wb");
    fclose(f);
    CHECK_INT(mc_file_read(path, 10, &text, &len, &e), MC_OK);
    CHECK_INT(len, 0);
    CHECK_STR(text, "");
    free(text);

    mc_test_case("missing and unreadable");
    snprintf(path, sizeof path, "%s/none.txt", mc_test_tmpdir());
    CHECK_INT(mc_file_read(path, 10, &text, &len, &e), MC_ERR_NOT_FOUND);
    CHECK(strstr(e.msg, "none.txt") != NULL);
    CHECK_INT(mc_file_read(mc_test_tmpdir(), 10, &text, &len, &e), MC_ERR_IO);
    return mc_test_done();
}
