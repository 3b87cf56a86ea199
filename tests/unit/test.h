/* SPDX-License-Identifier: Apache-2.0 */
/* The tiny unit-test helper: checks that count, and one "N passed, N failed" line at the end. */
#ifndef MC_TEST_H
#define MC_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A test program calls CHECK* as often as it likes (each call is one check that passes or
 * fails; a failure prints the file, line and what differed and the program goes on), then
 * returns mc_test_done() from main, which prints "N passed, N failed" and gives the exit code.
 * Table tests loop over an array of {input, expected} cases and name the case with
 * mc_test_case("...") so a failure says which row it was.
 */
bool mc_test_check(bool ok, const char *expr, const char *file, int line);
bool mc_test_check_int(long long got, long long want, const char *expr, const char *file, int line);
bool mc_test_check_str(const char *got, const char *want, const char *expr, const char *file,
                       int line);
bool mc_test_check_mem(const void *got, size_t got_len, const void *want, size_t want_len,
                       const char *expr, const char *file, int line);
/* Name the case the following checks belong to (printf-style); shown with each failure. */
void mc_test_case(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the summary line and return the exit status for main. */
int mc_test_done(void);
/* A fresh empty directory under the system temp dir for this test program (removed at exit
 * unless MC_TEST_KEEP is set). Borrowed; the same path every call. */
const char *mc_test_tmpdir(void);
/* The source tree root (from MC_SOURCE_DIR, set by ctest), for reading fixtures. */
const char *mc_test_source_dir(void);

#define CHECK(cond) mc_test_check((cond), #cond, __FILE__, __LINE__)
#define CHECK_INT(got, want) \
    mc_test_check_int((long long)(got), (long long)(want), #got, __FILE__, __LINE__)
#define CHECK_STR(got, want) mc_test_check_str((got), (want), #got, __FILE__, __LINE__)
#define CHECK_MEM(got, glen, want, wlen) \
    mc_test_check_mem((got), (glen), (want), (wlen), #got, __FILE__, __LINE__)

#endif
