/* SPDX-License-Identifier: Apache-2.0 */
/* What the OAuth endpoints and the Open Badges API resources share (oauth-common.c). */
#ifndef MC_HTTP_OAUTH_HTTP_H
#define MC_HTTP_OAUTH_HTTP_H

#include <stdbool.h>

#include "app/auth.h"
#include "app/oauth.h"
#include "http/http.h"

/* --- the Open Badges 3.0 API --- */

/* The API's base path. */
#define MC_OB3_BASE "/ims/ob/v3p0"

/*
 * Answer `status` with the Open Badges API's error document, an Imsx_StatusInfo:
 * {"imsx_codeMajor": "failure", "imsx_severity": "error", "imsx_description": description,
 *  "imsx_codeMinor": {"imsx_codeMinorField": [{"imsx_codeMinorFieldName": "TargetEndSystem",
 *  "imsx_codeMinorFieldValue": minor}]}} where `minor` is one of the spec's values
 * ("invalid_data", "unauthorizedrequest", "forbidden", "not_found", ...).
 */
enum mc_rc mc_ob3_reply_status(struct mc_http_response *res, int status, const char *minor,
                               const char *description);

/*
 * The principal of the request's bearer token, which must carry `scope`. When there is none,
 * or it is not valid, or lacks the scope, the answer (401 or 403 with WWW-Authenticate, RFC 6750
 * §3) is given and `*ok` is false. Returns only store failures. Sessions (cookies) are not
 * accepted: the API is for programs holding a token.
 */
enum mc_rc mc_ob3_principal(struct mc_http_request *req, struct mc_http_response *res,
                            struct mc_store *s, uint32_t scope, struct mc_principal *p, bool *ok,
                            struct mc_err *e);

/*
 * The user's Open Badges Profile (a new reference): {"id", "type": ["Profile"], "name",
 * "email"}. The id is the user's DID when they have one, else <public>/users/<id> (ob3-profile.c).
 */
json_t *mc_ob3_profile_json(const struct mc_http_request *req, const struct mc_user *u);

/* --- OAuth --- */

/* Answer `status` with an RFC 6749 §5.2 error {"error", "error_description"}, not cached. */
enum mc_rc mc_oauth_reply_error(struct mc_http_response *res, int status, enum mc_oauth_error err,
                                const char *description);
/* Cache-Control: no-store and Pragma: no-cache (RFC 6749 §5.1). */
void mc_oauth_no_store(struct mc_http_response *res);

/*
 * The parameters of an application/x-www-form-urlencoded body into `*out` (arena). Another
 * Content-Type is MC_ERR_UNSUPPORTED, a malformed body MC_ERR_INVALID.
 */
enum mc_rc mc_oauth_form(const struct mc_http_request *req, struct mc_http_query *out,
                         struct mc_err *e);
/*
 * The value of `name` in `q`, or NULL. A parameter sent twice sets `*repeated` (RFC 6749 §3.1:
 * parameters must not be repeated), which the caller answers with invalid_request; an empty
 * value counts as absent.
 */
const char *mc_oauth_param(const struct mc_http_query *q, const char *name, bool *repeated);

/*
 * The signed-in person of a browser request: the session cookie (mcred_session, or
 * __Host-mcred_session over https) resolved with mc_auth_session. `*signed_in` false when
 * there is no valid session. Returns only store failures.
 */
enum mc_rc mc_oauth_session(struct mc_http_request *req, struct mc_store *s, struct mc_principal *p,
                            bool *signed_in, struct mc_err *e);

/*
 * Authenticate the client of a token or revocation request: HTTP Basic (RFC 6749 §2.3.1) or
 * client_id and client_secret in the body, or a public client's client_id alone. On failure
 * the 401 invalid_client answer is given and `*ok` is false. Returns only store failures.
 */
enum mc_rc mc_oauth_http_client(struct mc_http_request *req, struct mc_http_response *res,
                                struct mc_store *s, const struct mc_http_query *form,
                                struct mc_oauth_client *client, bool *ok, struct mc_err *e);

/* The parameters of an authorization request (§4.1.1) from a query or form; strings borrowed. */
void mc_oauth_authz_params(const struct mc_http_query *q, struct mc_oauth_authz_request *r,
                           bool *repeated);

/* The host (and port) of an absolute URI, for people (arena). */
const char *mc_oauth_uri_host(struct mc_arena *a, const char *uri);

/* `uri` with the parameters `names[i]=values[i]` added to its query (values may be NULL:
 * skipped), percent-encoded (arena). */
char *mc_oauth_redirect_url(struct mc_arena *a, const char *uri, const char *const *names,
                            const char *const *values, size_t n);

#endif
