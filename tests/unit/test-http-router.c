/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/http/router.c: patterns, path parameters, 404 and 405 with Allow. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "http/router.h"
#include "test.h"

static enum mc_rc dummy(struct mc_http_request *req, struct mc_http_response *res, struct mc_err *e)
{
    return MC_OK;
}

static const struct mc_http_route r_health = { "GET", "/healthz", MC_HTTP_API, dummy };
static const struct mc_http_route r_list = { "GET", "/api/v1/credentials", MC_HTTP_API, dummy };
static const struct mc_http_route r_issue = { "POST", "/api/v1/credentials", MC_HTTP_API, dummy };
static const struct mc_http_route r_one = { "GET", "/credentials/{id}", MC_HTTP_PAGE, dummy };
static const struct mc_http_route r_del = { "DELETE", "/credentials/{id}", MC_HTTP_API, dummy };
static const struct mc_http_route r_two = { "GET", "/orgs/{org}/programs/{slug}", MC_HTTP_PAGE,
                                            dummy };
static const struct mc_http_route r_root = { "GET", "/", MC_HTTP_PAGE, dummy };

static const struct mc_http_route *const table[] = {
    &r_health, &r_list, &r_issue, &r_one, &r_del, &r_two, &r_root,
};

struct route_case {
    const char *method;
    const char *path;
    enum mc_route_result result;
    const struct mc_http_route *route;
    const char *params; /* "name=value|..." */
    const char *allow;
};

static const struct route_case cases[] = {
    { "GET", "/healthz", MC_ROUTE_FOUND, &r_health, "", "" },
    { "HEAD", "/healthz", MC_ROUTE_FOUND, &r_health, "", "" },
    { "POST", "/healthz", MC_ROUTE_METHOD_MISMATCH, NULL, "", "GET, HEAD" },
    { "GET", "/healthz/", MC_ROUTE_NOT_FOUND, NULL, "", "" },
    { "GET", "/healthzz", MC_ROUTE_NOT_FOUND, NULL, "", "" },
    { "GET", "/health", MC_ROUTE_NOT_FOUND, NULL, "", "" },
    { "GET", "/api/v1/credentials", MC_ROUTE_FOUND, &r_list, "", "" },
    { "POST", "/api/v1/credentials", MC_ROUTE_FOUND, &r_issue, "", "" },
    { "PUT", "/api/v1/credentials", MC_ROUTE_METHOD_MISMATCH, NULL, "", "GET, HEAD, POST" },
    { "GET", "/credentials/abc", MC_ROUTE_FOUND, &r_one, "id=abc", "" },
    { "GET", "/credentials/urn:uuid:1 2", MC_ROUTE_FOUND, &r_one, "id=urn:uuid:1 2", "" },
    { "DELETE", "/credentials/abc", MC_ROUTE_FOUND, &r_del, "id=abc", "" },
    { "POST", "/credentials/abc", MC_ROUTE_METHOD_MISMATCH, NULL, "", "GET, HEAD, DELETE" },
    { "GET", "/credentials/", MC_ROUTE_NOT_FOUND, NULL, "", "" },
    { "GET", "/credentials", MC_ROUTE_NOT_FOUND, NULL, "", "" },
    { "GET", "/credentials/a/b", MC_ROUTE_NOT_FOUND, NULL, "", "" },
    { "GET", "/orgs/mit/programs/ai", MC_ROUTE_FOUND, &r_two, "org=mit|slug=ai", "" },
    { "GET", "/orgs//programs/ai", MC_ROUTE_NOT_FOUND, NULL, "", "" },
    { "GET", "/", MC_ROUTE_FOUND, &r_root, "", "" },
    { "GET", "", MC_ROUTE_NOT_FOUND, NULL, "", "" },
    { "get", "/", MC_ROUTE_METHOD_MISMATCH, NULL, "", "GET, HEAD" },
};

int main(void)
{
    struct mc_arena *a = mc_arena_new(0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct route_case *c = &cases[i];
        mc_test_case("%s %s", c->method, c->path);
        struct mc_route_match m;
        enum mc_route_result r = mc_http_route_find(table, sizeof table / sizeof table[0],
                                                    c->method, c->path, a, &m);
        CHECK_INT(r, c->result);
        CHECK(m.route == c->route);
        CHECK_STR(m.allow, c->allow);
        char params[256] = "";
        size_t used = 0;
        for (size_t k = 0; r == MC_ROUTE_FOUND && k < m.n_params; k++)
            used += (size_t)snprintf(params + used, sizeof params - used, "%s%s=%s", k ? "|" : "",
                                     m.params[k].name, m.params[k].value);
        CHECK_STR(params, c->params);
    }

    mc_test_case("the registry: every route is well formed");
    for (size_t i = 0; i < mc_http_routes_count; i++) {
        const struct mc_http_route *r = mc_http_routes[i];
        CHECK(r->pattern[0] == '/');
        CHECK(r->handler != NULL);
        struct mc_route_match m;
        /* A pattern without parameters finds itself. */
        if (!strchr(r->pattern, '{'))
            CHECK_INT(mc_http_route_find(mc_http_routes, mc_http_routes_count, r->method,
                                         r->pattern, a, &m),
                      MC_ROUTE_FOUND);
    }
    mc_arena_free(a);
    return mc_test_done();
}
