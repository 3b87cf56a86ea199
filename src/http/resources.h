/* SPDX-License-Identifier: Apache-2.0 */
/* The resources' descriptors (one per file) and helpers the catalog API and page share. */
#ifndef MC_HTTP_RESOURCES_H
#define MC_HTTP_RESOURCES_H

#include <jansson.h>

#include "core/catalog.h"
#include "http/http.h"

extern const struct mc_http_route mc_route_root;               /* root.c */
extern const struct mc_http_route mc_route_healthz;            /* healthz.c */
extern const struct mc_http_route mc_route_api_catalog;        /* api-catalog.c */
extern const struct mc_http_route mc_route_page_catalog;       /* page-catalog.c */
extern const struct mc_http_route mc_route_static;             /* static.c */
extern const struct mc_http_route mc_route_api_verify;         /* api-verify.c */
extern const struct mc_http_route mc_route_page_credential;    /* page-credential.c */
extern const struct mc_http_route mc_route_page_issuer;        /* page-issuer.c */
extern const struct mc_http_route mc_route_status_list;        /* status-list.c */
extern const struct mc_http_route mc_route_page_profile;       /* page-profile.c */
extern const struct mc_http_route mc_route_page_verify;        /* page-verify.c */
extern const struct mc_http_route mc_route_page_verify_submit; /* page-verify-submit.c */

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

/* --- verifying (verifying.c) --- */

struct mc_store;
struct mc_report;

/*
 * Verify a credential with the calling thread's verifier into `r` (initialised by the caller):
 * the issuer documents and status lists this platform publishes are read from `s` (borrowed),
 * other documents are fetched (https only, bounded, never a private address) unless the server
 * is offline. _json takes a parsed credential (borrowed); _bytes takes what a client sent: JSON,
 * a VC-JWT, or a PNG or SVG with a credential baked in (then a "baked" check comes first).
 */
void mc_http_verify_json(const struct mc_http_request *req, struct mc_store *s, const json_t *cred,
                         struct mc_report *r);
void mc_http_verify_bytes(const struct mc_http_request *req, struct mc_store *s, const char *data,
                          size_t len, struct mc_report *r);
/* The API's answer (new reference): {"verified", "id"?, "issuer"?, "format"?, "checks": [{"name",
 * "status": "pass"|"fail"|"warning"|"skipped", "message"}]}. */
json_t *mc_http_report_json(const struct mc_report *r);
/* The same for page templates (new reference): each check also has booleans pass, fail,
 * warning and skipped, and "failing" lists the failed checks. */
json_t *mc_http_report_view(const struct mc_report *r);

/* Render the verify page (page-verify.c) with `status`: the form, and the report of what was
 * verified when `report` is not NULL (borrowed, from mc_http_report_view), or an error message
 * for people when `error` is not NULL. */
enum mc_rc mc_http_verify_page(const struct mc_http_request *req, struct mc_http_response *res,
                               int status, const json_t *report, const char *error,
                               struct mc_err *e);

/* --- badges (badge.c) --- */

/*
 * A badge image for a credential whose achievement has no image of its own, with the credential
 * baked in (vc/bake.h), appended to `out`: a PNG medal (256 x 256) with a QR code of `page_url`
 * in its middle, or an SVG medal with the achievement's and issuer's names and the QR code.
 * `cred` is the credential text (JSON or compact JWS), baked in verbatim.
 */
enum mc_rc mc_http_badge_png(const char *page_url, const char *cred, size_t clen,
                             struct mc_buf *out, struct mc_err *e);
enum mc_rc mc_http_badge_svg(const char *title, const char *issuer, const char *page_url,
                             const char *cred, size_t clen, struct mc_buf *out, struct mc_err *e);

/* An inline SVG QR code of `url` for pages (an arena string), or NULL if it does not fit. */
char *mc_http_qr_svg(struct mc_arena *a, const char *url, const char *label);

#endif
