/* SPDX-License-Identifier: Apache-2.0 */
/* The resources' descriptors (one per file) and helpers the catalog API and page share. */
#ifndef MC_HTTP_RESOURCES_H
#define MC_HTTP_RESOURCES_H

#include <jansson.h>

#include "core/catalog.h"
#include "http/http.h"

extern const struct mc_http_route mc_route_root;         /* root.c */
extern const struct mc_http_route mc_route_healthz;      /* healthz.c */
extern const struct mc_http_route mc_route_api_catalog;  /* api-catalog.c */
extern const struct mc_http_route mc_route_page_catalog; /* page-catalog.c */
extern const struct mc_http_route mc_route_static;       /* static.c */

/* The query parameters of the catalog search, NULL-terminated. */
extern const char *const mc_http_catalog_params[];

/*
 * Fill `f` from the request's query (catalog-view.c): type, provider, skill, max_price (a
 * decimal amount, "600" or "536.50", to cents), max_weeks, q, limit (default 20, 1..100),
 * offset (>= 0). Unknown or repeated parameters and bad values are MC_ERR_INVALID with e->where
 * naming the parameter and `*code` set to a stable error code ("unknown_parameter",
 * "repeated_parameter", "invalid_parameter"). Strings point into the request.
 */
enum mc_rc mc_http_catalog_filter(const struct mc_http_request *req, struct mc_catalog_filter *f,
                                  const char **code, struct mc_err *e);

/* Parse a decimal amount with at most two decimals ("600", "536.5", "536.50") into cents. */
enum mc_rc mc_http_parse_amount(const char *s, int64_t *cents, const char *what, struct mc_err *e);

/* Format cents as a decimal amount: 53650 -> "536.50", 60000 -> "600.00". */
void mc_http_format_amount(int64_t cents, char *buf, size_t size);

/* One catalog item as JSON (a new reference). */
json_t *mc_http_catalog_item_json(const struct mc_catalog_item *it);

/*
 * The URL (an arena string) of the catalog page at `offset` with the request's other filters:
 * `base` is "/api/v1/catalog" or "/catalog"; with `absolute`, the server's base URL goes first.
 */
char *mc_http_catalog_page_url(const struct mc_http_request *req, const char *base, bool absolute,
                               int64_t offset);

#endif
