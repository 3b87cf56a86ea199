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
    &mc_route_api_enroll,
    &mc_route_api_enrollments,
    &mc_route_api_attempt,
    &mc_route_api_work,
    &mc_route_api_grade,
    &mc_route_api_analytics,
    &mc_route_api_course,
    &mc_route_api_plan,
    &mc_route_api_achievement_edit,
    &mc_route_api_talent_match,
    &mc_route_api_talent,
    &mc_route_api_program_rule,
    &mc_route_api_progress,
    &mc_route_api_assign,
    &mc_route_api_team,
    &mc_route_api_agreement,
    &mc_route_api_credit,
    &mc_route_page_verify,
    &mc_route_page_verify_submit,
    &mc_route_page_login,
    &mc_route_page_login_submit,
    &mc_route_page_logout,
    &mc_route_page_account,
    &mc_route_api_session,
    &mc_route_api_session_end,
    &mc_route_api_credential_issue,
    &mc_route_api_credential_list,
    &mc_route_api_credential_batch,
    &mc_route_api_credential_status,
    &mc_route_api_credential_revoke,
    &mc_route_api_credential_suspend,
    &mc_route_api_credential_unsuspend,
    &mc_route_api_programs,
    &mc_route_api_program_publish,
    &mc_route_api_program_unpublish,
    &mc_route_api_org_trust,
    &mc_route_api_openapi,
    &mc_route_ob3_discovery,
    &mc_route_ob3_credentials,
    &mc_route_ob3_credentials_upsert,
    &mc_route_ob3_profile,
    &mc_route_ob3_profile_put,
    &mc_route_oauth_register,
    &mc_route_oauth_authorize,
    &mc_route_oauth_authorize_post,
    &mc_route_oauth_token,
    &mc_route_oauth_revoke,
};

const size_t mc_http_routes_count = sizeof mc_http_routes / sizeof mc_http_routes[0];

const struct mc_http_body_limit mc_http_body_limits[] = {
    { &mc_route_api_credential_batch, MC_HTTP_BATCH_MAX_CSV },
};

const size_t mc_http_body_limits_count = sizeof mc_http_body_limits / sizeof mc_http_body_limits[0];
