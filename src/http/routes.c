/* SPDX-License-Identifier: Apache-2.0 */
/* The route registry: every resource's descriptor, one line each, in matching order. */
#include "http/http.h"
#include "http/resources.h"

const struct mc_http_route *const mc_http_routes[] = {
    &mc_route_root,
    &mc_route_healthz,
    &mc_route_api_catalog,
    &mc_route_page_catalog,
    &mc_route_static,
    &mc_route_api_verify,
    &mc_route_page_credential,
    &mc_route_page_issuer,
    &mc_route_status_list,
    &mc_route_page_profile,
    &mc_route_page_verify,
    &mc_route_page_verify_submit,
};

const size_t mc_http_routes_count = sizeof mc_http_routes / sizeof mc_http_routes[0];
