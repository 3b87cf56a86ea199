/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The OpenAPI document (data/openapi.json, embedded) stays true to the route table: every /api/
 * route is described with its method, every path and method it describes is a route, it is
 * OpenAPI 3.1.0 JSON, and every local $ref it makes resolves.
 */
#include <ctype.h>
#include <string.h>

#include "base/embed.h"
#include "http/http.h"
#include "http/resources.h"
#include "test.h"

static bool is_api(const char *pattern)
{
    return strncmp(pattern, "/api/", 5) == 0;
}

static void lower(const char *in, char *out, size_t size)
{
    size_t i = 0;
    for (; in[i] && i + 1 < size; i++)
        out[i] = (char)tolower((unsigned char)in[i]);
    out[i] = '\0';
}

/* Every "$ref": "#/..." in `v` points at something in `doc`. */
static void check_refs(const json_t *doc, const json_t *v)
{
    if (json_is_object(v)) {
        const char *k;
        const json_t *m;
        json_object_foreach ((json_t *)v, k, m) {
            if (strcmp(k, "$ref") == 0 && json_is_string(m)) {
                const char *ref = json_string_value(m);
                mc_test_case("$ref %s", ref);
                CHECK(strncmp(ref, "#/", 2) == 0);
                const json_t *at = doc;
                char part[128];
                for (const char *p = ref + 2; at && *p;) {
                    size_t n = strcspn(p, "/");
                    snprintf(part, sizeof part, "%.*s", (int)n, p);
                    at = json_object_get(at, part);
                    p += n + (p[n] == '/');
                }
                CHECK(at != NULL);
            } else {
                check_refs(doc, m);
            }
        }
    } else if (json_is_array(v)) {
        size_t i;
        const json_t *m;
        json_array_foreach (v, i, m)
            check_refs(doc, m);
    }
}

int main(void)
{
    const struct mc_embed_file *f = mc_embed_find(&mc_embed_openapi, "openapi.json");
    if (!CHECK(f != NULL))
        return mc_test_done();
    json_error_t je;
    json_t *doc = json_loadb((const char *)f->data, f->len, JSON_REJECT_DUPLICATES, &je);
    if (!CHECK(doc != NULL)) {
        fprintf(stderr, "data/openapi.json:%d:%d: %s\n", je.line, je.column, je.text);
        return mc_test_done();
    }
    CHECK_STR(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
    const json_t *paths = json_object_get(doc, "paths");
    CHECK(json_is_object(paths));
    CHECK(json_object_get(json_object_get(json_object_get(doc, "components"), "securitySchemes"),
                          "bearerToken") != NULL);

    size_t n_api = 0;
    for (size_t i = 0; i < mc_http_routes_count; i++) {
        const struct mc_http_route *r = mc_http_routes[i];
        if (!is_api(r->pattern))
            continue;
        n_api++;
        char m[16];
        lower(r->method, m, sizeof m);
        mc_test_case("route %s %s is in the document", r->method, r->pattern);
        const json_t *op = json_object_get(json_object_get(paths, r->pattern), m);
        CHECK(json_is_object(op));
        mc_test_case("%s %s documents its answers", r->method, r->pattern);
        CHECK(json_object_size(json_object_get(op, "responses")) > 0);
    }
    CHECK(n_api >= 15);

    const char *path;
    const json_t *item;
    json_object_foreach ((json_t *)paths, path, item) {
        const char *method;
        const json_t *op;
        json_object_foreach ((json_t *)item, method, op) {
            if (strcmp(method, "parameters") == 0 || strcmp(method, "summary") == 0 ||
                strcmp(method, "description") == 0)
                continue;
            mc_test_case("documented %s %s is a route", method, path);
            bool found = false;
            for (size_t i = 0; i < mc_http_routes_count && !found; i++) {
                char m[16];
                lower(mc_http_routes[i]->method, m, sizeof m);
                found = strcmp(mc_http_routes[i]->pattern, path) == 0 && strcmp(m, method) == 0;
            }
            CHECK(found);
            CHECK(json_string_value(json_object_get(op, "operationId")) != NULL);
        }
    }
    check_refs(doc, doc);
    json_decref(doc);
    return mc_test_done();
}
