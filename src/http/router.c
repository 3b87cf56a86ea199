/* SPDX-License-Identifier: Apache-2.0 */
/* Matching a method and a decoded path against the route table. */
#include "http/router.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Match `path` against `pattern` segment by segment, collecting "{name}" values. */
static bool pattern_match(const char *pattern, const char *path, struct mc_arena *a,
                          struct mc_route_match *m)
{
    const char *pp = pattern;
    const char *sp = path;
    m->n_params = 0;
    for (;;) {
        if (*pp == '\0' || *sp == '\0')
            return *pp == '\0' && *sp == '\0';
        if (*pp == '{') {
            const char *close = strchr(pp, '}');
            if (!close)
                return false;
            size_t seg = strcspn(sp, "/");
            if (seg == 0 || m->n_params == MC_HTTP_MAX_PATH_PARAMS)
                return false;
            struct mc_http_param *prm = &m->params[m->n_params++];
            prm->name = mc_arena_memdupz(a, pp + 1, (size_t)(close - pp - 1));
            prm->value = mc_arena_memdupz(a, sp, seg);
            prm->value_len = seg;
            pp = close + 1;
            sp += seg;
            continue;
        }
        if (*pp != *sp)
            return false;
        pp++;
        sp++;
    }
}

static void allow_add(char *allow, size_t size, const char *method)
{
    /* Each method once. */
    size_t mlen = strlen(method);
    const char *p = strstr(allow, method);
    while (p) {
        bool start = p == allow || p[-1] == ' ';
        bool end = p[mlen] == '\0' || p[mlen] == ',';
        if (start && end)
            return;
        p = strstr(p + mlen, method);
    }
    size_t used = strlen(allow);
    snprintf(allow + used, size - used, "%s%s", used ? ", " : "", method);
}

enum mc_route_result mc_http_route_find(const struct mc_http_route *const *routes, size_t n,
                                        const char *method, const char *path, struct mc_arena *a,
                                        struct mc_route_match *m)
{
    memset(m, 0, sizeof *m);
    bool path_seen = false;
    struct mc_route_match scratch;
    for (size_t i = 0; i < n; i++) {
        const struct mc_http_route *r = routes[i];
        memset(&scratch, 0, sizeof scratch);
        if (!pattern_match(r->pattern, path, a, &scratch))
            continue;
        path_seen = true;
        bool same = strcmp(r->method, method) == 0 ||
                    (strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0);
        if (same) {
            *m = scratch;
            m->route = r;
            return MC_ROUTE_FOUND;
        }
        allow_add(m->allow, sizeof m->allow, r->method);
        if (strcmp(r->method, "GET") == 0)
            allow_add(m->allow, sizeof m->allow, "HEAD");
    }
    return path_seen ? MC_ROUTE_METHOD_MISMATCH : MC_ROUTE_NOT_FOUND;
}
