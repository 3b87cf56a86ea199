/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /ims/ob/v3p0/discovery: the Service Description Document of the Open Badges 3.0 API
 * (getServiceDescription): a profile of the 1EdTech OpenAPI 3.0 file with this server's URLs,
 * the OAuth 2.0 authorization code flow with its registration URL, and the operations served.
 */
#include <stdio.h>

#include "http/oauth-http.h"
#include "http/resources.h"

/* One operation: its id, summary, the scope it needs (NULL: none) and its answers (0-ended). */
static json_t *operation(const char *id, const char *summary, uint32_t scope, const int *codes)
{
    json_t *op =
            json_pack("{s:[s], s:s, s:s}", "tags", scope ? "OpenBadgeCredentials" : "Discovery",
                      "summary", summary, "operationId", id);
    json_t *responses = json_object();
    for (; *codes; codes++) {
        char code[8];
        snprintf(code, sizeof code, "%d", *codes);
        json_object_set_new(responses, code,
                            json_pack("{s:s}", "description", mc_http_reason(*codes)));
    }
    json_object_set_new(op, "responses", responses);
    if (scope)
        json_object_set_new(op, "security",
                            json_pack("[{s:[s]}]", "OAuth2ACG", mc_scope_name(scope)));
    return op;
}

static const char *url(struct mc_http_request *req, const char *path)
{
    return mc_arena_printf(req->arena, "%s%s", req->base_url, path);
}

static enum mc_rc ob3_discovery(struct mc_http_request *req, struct mc_http_response *res,
                                struct mc_err *e)
{
    static const char *const allowed[] = { NULL };
    const char *code = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    if (mc_http_query_check(&req->query, allowed, &code, &err))
        return mc_ob3_reply_status(res, 400, "invalid_query_parameter", err.msg);
    static const int get_codes[] = { 200, 400, 401, 403, 405, 500, 0 };
    static const int post_codes[] = { 200, 201, 400, 401, 403, 405, 500, 0 };
    static const int profile_codes[] = { 200, 400, 401, 403, 404, 405, 500, 0 };
    static const int discovery_codes[] = { 200, 0 };

    json_t *scopes = json_object();
    static const struct {
        uint32_t scope;
        const char *text;
    } texts[] = {
        { MC_SCOPE_OB_CREDENTIAL_READONLY,
          "Permission to read AchievementCredentials for the authenticated entity." },
        { MC_SCOPE_OB_CREDENTIAL_UPSERT,
          "Permission to create or update AchievementCredentials for the authenticated entity." },
        { MC_SCOPE_OB_PROFILE_READONLY,
          "Permission to read the profile for the authenticated entity." },
        { MC_SCOPE_OB_PROFILE_UPDATE,
          "Permission to update the profile for the authenticated entity." },
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        json_object_set_new(scopes, mc_scope_name(texts[i].scope), json_string(texts[i].text));
    json_t *flow = json_pack("{s:s, s:s, s:s, s:o}", "authorizationUrl",
                             url(req, "/oauth/authorize"), "tokenUrl", url(req, "/oauth/token"),
                             "refreshUrl", url(req, "/oauth/token"), "scopes", scopes);
    json_t *scheme = json_pack(
            "{s:s, s:s, s:s, s:{s:o}}", "type", "oauth2", "description",
            "OAuth 2.0 authorization code grant with PKCE (S256); revocation at /oauth/revoke",
            "x-imssf-registrationUrl", url(req, "/oauth/register"), "flows", "authorizationCode",
            flow);

    json_t *paths = json_object();
    json_object_set_new(
            paths, "/credentials",
            json_pack("{s:o, s:o}", "get",
                      operation("getCredentials",
                                "The REST GET operation for the getCredentials() API call.",
                                MC_SCOPE_OB_CREDENTIAL_READONLY, get_codes),
                      "post",
                      operation("upsertCredential",
                                "The REST POST operation for the upsertCredential() API call.",
                                MC_SCOPE_OB_CREDENTIAL_UPSERT, post_codes)));
    json_object_set_new(paths, "/profile",
                        json_pack("{s:o, s:o}", "get",
                                  operation("getProfile",
                                            "The REST GET operation for the getProfile() API call.",
                                            MC_SCOPE_OB_PROFILE_READONLY, profile_codes),
                                  "put",
                                  operation("putProfile",
                                            "The REST PUT operation for the putProfile() API call.",
                                            MC_SCOPE_OB_PROFILE_UPDATE, profile_codes)));
    json_object_set_new(
            paths, "/discovery",
            json_pack("{s:o}", "get",
                      operation("getServiceDescription",
                                "The REST GET operation for the getServiceDescription() API call.",
                                0, discovery_codes)));

    json_t *doc = json_pack(
            "{s:s, s:{s:s, s:s, s:s, s:s, s:s}, s:[{s:s}], s:[{s:s, s:s}, {s:s}], s:o, "
            "s:{s:{s:o}}}",
            "openapi", "3.0.1", "info", "title", "Microcred", "description",
            "Open Badges 3.0 API of this Microcred platform", "version", "3.0", "termsOfService",
            url(req, "/terms"), "x-imssf-privacyPolicyUrl", url(req, "/privacy"), "servers", "url",
            url(req, MC_OB3_BASE), "tags", "name", "OpenBadgeCredentials", "description",
            "Exchange OpenBadgeCredentials and Profile information.", "name", "Discovery", "paths",
            paths, "components", "securitySchemes", "OAuth2ACG", scheme);
    if (!doc)
        return mc_err_set(e, MC_ERR_INTERNAL, "building the service description failed");
    mc_http_response_header(res, "Cache-Control", "public, max-age=300");
    enum mc_rc rc = mc_http_reply_json(res, 200, doc);
    json_decref(doc);
    return rc;
}

const struct mc_http_route mc_route_ob3_discovery = {
    .method = "GET",
    .pattern = MC_OB3_BASE "/discovery",
    .kind = MC_HTTP_API,
    .handler = ob3_discovery,
};
