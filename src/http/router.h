/* SPDX-License-Identifier: Apache-2.0 */
/* Matching a method and a decoded path against the route table. */
#ifndef MC_HTTP_ROUTER_H
#define MC_HTTP_ROUTER_H

#include <stddef.h>

#include "base/arena.h"
#include "http/http.h"

enum mc_route_result {
    MC_ROUTE_FOUND,
    MC_ROUTE_NOT_FOUND,       /* no pattern matches the path: 404 */
    MC_ROUTE_METHOD_MISMATCH, /* a pattern matches, not with this method: 405 with `allow` */
};

struct mc_route_match {
    const struct mc_http_route *route;
    struct mc_http_param params[MC_HTTP_MAX_PATH_PARAMS]; /* values point into the arena */
    size_t n_params;
    char allow[128]; /* for 405: "GET, HEAD, POST" */
};

/*
 * Find the route for `method` and `path` among `n` routes. A pattern is literal segments and
 * "{name}" segments, each of which matches one non-empty segment (no '/'); the first matching
 * route in table order wins. GET routes also match HEAD. Parameter values are copied into `a`.
 */
enum mc_route_result mc_http_route_find(const struct mc_http_route *const *routes, size_t n,
                                        const char *method, const char *path, struct mc_arena *a,
                                        struct mc_route_match *m);

#endif
