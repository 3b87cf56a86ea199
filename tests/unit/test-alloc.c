/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/alloc.c: copies are exact, and overflow aborts instead of returning NULL. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/alloc.h"
#include "test.h"

/* Run `fn` in a child process; true if it died of SIGABRT. */
static bool aborts(void (*fn)(void))
{
    pid_t pid = fork();
    if (pid == 0) {
        /* Keep the expected crash report out of the test output. */
        if (!freopen("/dev/null", "w", stderr))
            _exit(2);
        fn();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void calloc_overflow(void)
{
    volatile size_t n = SIZE_MAX / 2 + 2;
    free(mc_xcalloc(n, 2));
}

static void reallocarray_overflow(void)
{
    volatile size_t n = SIZE_MAX / 8 + 1;
    free(mc_xreallocarray(NULL, n, 8));
}

static void memdupz_overflow(void)
{
    free(mc_xmemdupz("", SIZE_MAX));
}

int main(void)
{
    mc_test_case("copies");
    char *s = mc_xstrdup("hello");
    CHECK_STR(s, "hello");
    free(s);
    s = mc_xstrndup("hello", 3);
    CHECK_STR(s, "hel");
    free(s);
    s = mc_xstrndup("hi", 10);
    CHECK_STR(s, "hi");
    free(s);
    s = mc_xmemdupz("a\0b", 3);
    CHECK_MEM(s, 4, "a\0b\0", 4);
    free(s);
    s = mc_xasprintf("%s-%d", "x", 42);
    CHECK_STR(s, "x-42");
    free(s);

    mc_test_case("zero sizes give usable pointers");
    void *p = mc_xmalloc(0);
    CHECK(p != NULL);
    free(p);
    p = mc_xcalloc(0, 8);
    CHECK(p != NULL);
    free(p);

    mc_test_case("growth keeps contents");
    int *a = mc_xreallocarray(NULL, 4, sizeof *a);
    for (int i = 0; i < 4; i++)
        a[i] = i;
    a = mc_xreallocarray(a, 100000, sizeof *a);
    CHECK(a[0] == 0 && a[3] == 3);
    free(a);

    mc_test_case("overflow aborts");
    CHECK(aborts(calloc_overflow));
    CHECK(aborts(reallocarray_overflow));
    CHECK(aborts(memdupz_overflow));
    return mc_test_done();
}
