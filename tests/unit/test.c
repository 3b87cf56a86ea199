/* SPDX-License-Identifier: Apache-2.0 */
/* The tiny unit-test helper. */
#include "test.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int passed, failed;
static char case_name[256];
static char tmpdir[512];

static void fail_header(const char *file, int line)
{
    fprintf(stderr, "FAIL %s:%d", file, line);
    if (case_name[0])
        fprintf(stderr, " [%s]", case_name);
    fprintf(stderr, ": ");
}

bool mc_test_check(bool ok, const char *expr, const char *file, int line)
{
    if (ok) {
        passed++;
        return true;
    }
    failed++;
    fail_header(file, line);
    fprintf(stderr, "%s\n", expr);
    return false;
}

bool mc_test_check_int(long long got, long long want, const char *expr, const char *file, int line)
{
    if (got == want) {
        passed++;
        return true;
    }
    failed++;
    fail_header(file, line);
    fprintf(stderr, "%s is %lld, want %lld\n", expr, got, want);
    return false;
}

bool mc_test_check_str(const char *got, const char *want, const char *expr, const char *file,
                       int line)
{
    if ((!got && !want) || (got && want && strcmp(got, want) == 0)) {
        passed++;
        return true;
    }
    failed++;
    fail_header(file, line);
    fprintf(stderr, "%s is \"%s\", want \"%s\"\n", expr, got ? got : "(null)",
            want ? want : "(null)");
    return false;
}

static void dump(const char *label, const unsigned char *p, size_t n)
{
    fprintf(stderr, "  %s (%zu bytes): ", label, n);
    for (size_t i = 0; i < n && i < 64; i++)
        fprintf(stderr, "%02x", p[i]);
    fprintf(stderr, n > 64 ? "...\n" : "\n");
}

bool mc_test_check_mem(const void *got, size_t got_len, const void *want, size_t want_len,
                       const char *expr, const char *file, int line)
{
    if (got_len == want_len && (got_len == 0 || memcmp(got, want, got_len) == 0)) {
        passed++;
        return true;
    }
    failed++;
    fail_header(file, line);
    fprintf(stderr, "%s differs\n", expr);
    dump("got", got, got ? got_len : 0);
    dump("want", want, want ? want_len : 0);
    return false;
}

void mc_test_case(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(case_name, sizeof case_name, fmt, ap);
    va_end(ap);
}

static void remove_tmpdir(void)
{
    if (!tmpdir[0] || getenv("MC_TEST_KEEP"))
        return;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
}

const char *mc_test_tmpdir(void)
{
    if (tmpdir[0])
        return tmpdir;
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/mcred-test-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        exit(1);
    }
    atexit(remove_tmpdir);
    return tmpdir;
}

const char *mc_test_source_dir(void)
{
    const char *d = getenv("MC_SOURCE_DIR");
    return d && *d ? d : ".";
}

int mc_test_done(void)
{
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
