/* SPDX-License-Identifier: Apache-2.0 */
/* --batch: reading JSON Lines one item at a time, timing each item, and the summary figures. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "base/alloc.h"
#include "base/time.h"
#include "cli/cli.h"

bool mc_cli_batch_open(struct mc_cli_batch *b, const struct mc_cmd *cmd, const char *path)
{
    memset(b, 0, sizeof *b);
    b->cmd = cmd;
    b->path = path;
    b->in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!b->in) {
        mc_cli_fail(cmd, "cannot open %s: %s", path, strerror(errno));
        return false;
    }
    b->start = mc_time_mono_ns();
    return true;
}

bool mc_cli_batch_next(struct mc_cli_batch *b, const char **text, size_t *len)
{
    ssize_t n;
    while ((n = getline(&b->line, &b->cap, b->in)) > 0) {
        b->lineno++;
        while (n > 0 && (b->line[n - 1] == '\n' || b->line[n - 1] == '\r'))
            n--;
        if (n == 0)
            continue;
        b->item++;
        *text = b->line;
        *len = (size_t)n;
        b->t0 = mc_time_mono_ns();
        return true;
    }
    return false;
}

void mc_cli_batch_done(struct mc_cli_batch *b)
{
    if (b->ntimes == b->tcap) {
        b->tcap = b->tcap ? b->tcap * 2 : 1024;
        b->times = mc_xreallocarray(b->times, b->tcap, sizeof *b->times);
    }
    b->times[b->ntimes++] = mc_time_mono_ns() - b->t0;
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, c = *(const uint64_t *)y;
    return a < c ? -1 : a > c;
}

bool mc_cli_batch_close(struct mc_cli_batch *b, struct mc_cli_batch_summary *s)
{
    s->seconds = (double)(mc_time_mono_ns() - b->start) / 1e9;
    qsort(b->times, b->ntimes, sizeof *b->times, cmp_u64);
    s->median_ms = b->ntimes ? (double)b->times[b->ntimes / 2] / 1e6 : 0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    s->peak_rss_mb = ru.ru_maxrss / 1024;
    bool ok = !ferror(b->in);
    if (!ok)
        mc_cli_fail(b->cmd, "cannot read %s", b->path);
    if (b->in != stdin)
        fclose(b->in);
    free(b->line);
    free(b->times);
    return ok;
}
