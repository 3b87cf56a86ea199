/* SPDX-License-Identifier: Apache-2.0 */
/* The resources' descriptors (one per file) and helpers the catalog API and page share. */
#ifndef MC_HTTP_RESOURCES_H
#define MC_HTTP_RESOURCES_H

#include <jansson.h>

#include "app/issue.h"
#include "base/embed.h"
#include "core/catalog.h"
#include "http/http.h"

extern const struct mc_http_route mc_route_root;                 /* root.c */
extern const struct mc_http_route mc_route_healthz;              /* healthz.c */
extern const struct mc_http_route mc_route_api_catalog;          /* api-catalog.c */
extern const struct mc_http_route mc_route_page_catalog;         /* page-catalog.c */
extern const struct mc_http_route mc_route_static;               /* static.c */
extern const struct mc_http_route mc_route_api_verify;           /* api-verify.c */
extern const struct mc_http_route mc_route_page_credential;      /* page-credential.c */
extern const struct mc_http_route mc_route_page_issuer;          /* page-issuer.c */
extern const struct mc_http_route mc_route_status_list;          /* status-list.c */
extern const struct mc_http_route mc_route_page_profile;         /* page-profile.c */
extern const struct mc_http_route mc_route_api_enroll;           /* api-enroll.c */
extern const struct mc_http_route mc_route_api_enrollments;      /* api-enrollments.c */
extern const struct mc_http_route mc_route_api_attempt;          /* api-attempt.c */
extern const struct mc_http_route mc_route_api_work;             /* api-work.c */
extern const struct mc_http_route mc_route_api_grade;            /* api-grade.c */
extern const struct mc_http_route mc_route_api_analytics;        /* api-analytics.c */
extern const struct mc_http_route mc_route_api_course;           /* api-course.c */
extern const struct mc_http_route mc_route_api_plan;             /* api-plan.c */
extern const struct mc_http_route mc_route_api_achievement_edit; /* api-achievement-edit.c */
extern const struct mc_http_route mc_route_api_talent;           /* api-talent.c */
extern const struct mc_http_route mc_route_api_talent_match;     /* api-talent-match.c */
extern const struct mc_http_route mc_route_api_program_rule;     /* api-program-rule.c */
extern const struct mc_http_route mc_route_api_progress;         /* api-progress.c */
extern const struct mc_http_route mc_route_api_assign;           /* api-assign.c */
extern const struct mc_http_route mc_route_api_team;             /* api-team.c */
extern const struct mc_http_route mc_route_api_agreement;        /* api-agreement.c */
extern const struct mc_http_route mc_route_api_credit;           /* api-credit.c */
extern const struct mc_http_route mc_route_page_verify;          /* page-verify.c */
extern const struct mc_http_route mc_route_page_verify_submit;   /* page-verify-submit.c */
extern const struct mc_http_route mc_route_page_login;           /* page-login.c */
extern const struct mc_http_route mc_route_page_login_submit;    /* page-login-submit.c */
extern const struct mc_http_route mc_route_page_logout;          /* page-logout.c */
extern const struct mc_http_route mc_route_page_account;         /* page-account.c */
extern const struct mc_http_route mc_route_page_wallet_add;      /* page-wallet-add.c */
/* api-wallet.c: list and add */
extern const struct mc_http_route mc_route_api_wallet_list;
extern const struct mc_http_route mc_route_api_wallet_add;
extern const struct mc_http_route mc_route_api_record;            /* api-record.c */
extern const struct mc_http_route mc_route_page_plan;             /* page-plan.c */
extern const struct mc_http_route mc_route_page_talent;           /* page-talent.c */
extern const struct mc_http_route mc_route_page_talent_match;     /* page-talent-match.c */
extern const struct mc_http_route mc_route_api_session;           /* api-session.c */
extern const struct mc_http_route mc_route_api_session_end;       /* api-session-end.c */
extern const struct mc_http_route mc_route_api_credential_issue;  /* api-credential-issue.c */
extern const struct mc_http_route mc_route_api_credential_batch;  /* api-credential-batch.c */
extern const struct mc_http_route mc_route_api_credential_list;   /* api-credential-list.c */
extern const struct mc_http_route mc_route_api_credential_status; /* api-credential-status.c */
/* api-credential-change.c: one route per status change */
extern const struct mc_http_route mc_route_api_credential_revoke;
extern const struct mc_http_route mc_route_api_credential_suspend;
extern const struct mc_http_route mc_route_api_credential_unsuspend;
extern const struct mc_http_route mc_route_api_programs; /* api-programs.c */
/* api-program-publish.c: publish and unpublish */
extern const struct mc_http_route mc_route_api_program_publish;
extern const struct mc_http_route mc_route_api_program_unpublish;
extern const struct mc_http_route mc_route_api_org_trust; /* api-org-trust.c */
extern const struct mc_http_route mc_route_api_openapi;   /* api-openapi.c */

/* The largest CSV body of POST /api/v1/credentials/batch (mc_http_body_limits). */
#define MC_HTTP_BATCH_MAX_CSV (64u << 20)
/* The largest credential or badge image added to a wallet (API and page). */
#define MC_HTTP_WALLET_MAX (8u << 20)

/* The OpenAPI document, data/openapi.json (cmake/embed.cmake; embedded with the HTTP layer). */
extern const struct mc_embed_dir mc_embed_openapi;
extern const struct mc_http_route mc_route_ob3_discovery;          /* ob3-discovery.c */
extern const struct mc_http_route mc_route_ob3_credentials;        /* ob3-credentials.c */
extern const struct mc_http_route mc_route_ob3_credentials_upsert; /* ob3-credentials-upsert.c */
extern const struct mc_http_route mc_route_ob3_profile;            /* ob3-profile.c */
extern const struct mc_http_route mc_route_ob3_profile_put;        /* ob3-profile-put.c */
extern const struct mc_http_route mc_route_oauth_register;         /* oauth-register.c */
extern const struct mc_http_route mc_route_oauth_authorize;        /* oauth-authorize.c */
extern const struct mc_http_route mc_route_oauth_authorize_post;   /* oauth-authorize-post.c */
extern const struct mc_http_route mc_route_oauth_token;            /* oauth-token.c */
extern const struct mc_http_route mc_route_oauth_revoke;           /* oauth-revoke.c */
extern const struct mc_http_route mc_route_api_roles;              /* api-roles.c */
extern const struct mc_http_route mc_route_api_role;               /* api-role.c */
extern const struct mc_http_route mc_route_api_role_add;           /* api-role-add.c */

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
 * is offline. _json takes a parsed credential (borrowed), _tree one read with jv_parse (ld/jv.h);
 * _bytes takes what a client sent: JSON, a VC-JWT, or a PNG or SVG with a credential baked in
 * (then a "baked" check comes first).
 */
void mc_http_verify_json(const struct mc_http_request *req, struct mc_store *s, const json_t *cred,
                         struct mc_report *r);
struct jv;
void mc_http_verify_tree(const struct mc_http_request *req, struct mc_store *s,
                         const struct jv *cred, struct mc_report *r);
void mc_http_verify_bytes(const struct mc_http_request *req, struct mc_store *s, const char *data,
                          size_t len, struct mc_report *r);
/* The API's answer (new reference): {"verified", "id"?, "issuer"?, "format"?, "checks": [{"name",
 * "status": "pass"|"fail"|"warning"|"skipped", "message"}]}. */
json_t *mc_http_report_json(const struct mc_report *r);
/* The same for page templates (new reference): each check also has booleans pass, fail,
 * warning and skipped, and "failing" lists the failed checks. */
json_t *mc_http_report_view(const struct mc_report *r);
/* The same from an API answer (borrowed; mc_http_report_json). */
json_t *mc_http_report_view_of_json(const json_t *report);

/* Render the verify page (page-verify.c) with `status`: the form, and the report of what was
 * verified when `report` is not NULL (borrowed, from mc_http_report_view), or an error message
 * for people when `error` is not NULL. */
enum mc_rc mc_http_verify_page(const struct mc_http_request *req, struct mc_http_response *res,
                               int status, const json_t *report, const char *error,
                               struct mc_err *e);

/* Who may search learners by skill (the talent API and page): employers, and issuers looking
 * for their own alumni. A mask of MC_ROLE_BIT. */
#define MC_HTTP_TALENT_SEARCHERS \
    (MC_ROLE_BIT(MC_ROLE_EMPLOYER) | MC_ROLE_BIT(MC_ROLE_ISSUER_ADMIN) | MC_ROLE_BIT(MC_ROLE_OWNER))

/* --- questions the API and the pages both ask (api-plan.c, api-talent*.c) --- */

/* What a question came to: its answer (status 200; `doc` a new reference), or a problem with the
 * request (400 or 404) with a message for its asker and the parameter it concerns. */
struct mc_http_answer {
    json_t *doc;
    int status;
    const char *message, *where;
};
/* Answer an API request with `a`: its document (200), or its refusal as a problem
 * ("not_found" for 404, "invalid_parameter" otherwise). Releases the document. */
enum mc_rc mc_http_reply_answer(struct mc_http_response *res, struct mc_http_answer *a);
/* Set `out` to a refusal; MC_OK, for `return mc_http_refuse(...)`. */
enum mc_rc mc_http_refuse(struct mc_http_answer *out, int status, const char *message,
                          const char *where);

/* A plan (app/plan.h) from the query parameters skills (comma- or space-separated), role and
 * by, for the signed-in learner when there is one. Errors are store failures only. */
enum mc_rc mc_http_plan_query(struct mc_http_request *req, struct mc_http_answer *out,
                              struct mc_err *e);
/* A plan dressed for a page (page-plan.c): amounts as text, the steps numbered, the ratios to a
 * degree in words, what the learner holds of the target, and a boolean per status. */
void mc_http_plan_view(struct mc_arena *a, json_t *plan);
/* Every job role for a form's select (new reference): [{"slug", "title", "selected"}], the one
 * whose slug is `selected` (may be NULL) marked. Empty when the store fails. */
json_t *mc_http_role_options(struct mc_http_request *req, struct mc_store *s, const char *selected);

/* --- a learner's stacks on pages (stack-view.c) --- */

/* The items of mc_stacking_progress_all (borrowed) for a page (new reference): [{"program",
 * "title", "met", "percent" (0..100, 100 only when met), "summary", "missing": [{"slug",
 * "name"}] (names read from `s`), "has_missing"}]. Strings in `a`. */
json_t *mc_http_stack_view(struct mc_store *s, struct mc_arena *a, const json_t *items);

/* --- a learner's wallet (wallet.c) --- */

/* What became of a credential sent to a wallet. */
struct mc_http_wallet_result {
    int status;          /* 201 added; 200 replaced, or issued here already; 400 nothing sent;
                          * 422 does not verify (or cannot be kept) */
    bool added;          /* kept in the wallet now */
    const char *message; /* what happened, for people (static or arena) */
    const char *id, *issuer, *format; /* the credential's, once verified (arena) */
    json_t *report; /* the verification (mc_http_report_json; new reference), NULL for 400 */
};

/*
 * Add what `data[0..len)` holds — a credential as JSON, a VC-JWT, or a PNG or SVG badge with
 * one baked in — to the wallet of user `user_id`, once it verifies with the platform's verifier
 * (mc_http_verify_bytes). The caller frees out->report. An error is returned only when the store
 * fails; every answer about the credential itself is in `out`.
 */
enum mc_rc mc_http_wallet_add(struct mc_http_request *req, struct mc_store *s, int64_t user_id,
                              const char *data, size_t len, struct mc_http_wallet_result *out,
                              struct mc_err *e);
/* The wallet (new reference), newest first: [{"id", "name"?, "issuer"?, "issuer_name"?,
 * "format", "issued"?, "added"}]. */
enum mc_rc mc_http_wallet_list(struct mc_http_request *req, struct mc_store *s, int64_t user_id,
                               json_t **out, struct mc_err *e);
/* When a credential (JSON, borrowed) was issued: validFrom, awardedDate, issuanceDate (VC 1.1)
 * or issuedOn (OB 2.0), in Unix seconds; 0 if it says none. */
int64_t mc_http_credential_issued_at(const json_t *cred);

/* --- signing in (auth.c, page-login-submit.c) --- */

/* The status of a refused sign-in (429 with Retry-After for a lockout, 503 with Retry-After: 1
 * when the hashing pool is busy, 401 for a wrong password, 400 for a missing field), or 0 when
 * `rc` is not a refusal. */
int mc_http_login_status(struct mc_http_request *req, struct mc_http_response *res, enum mc_rc rc,
                         int64_t retry_after);
/* `next` when it is a path on this site to go to after signing in, else NULL. */
const char *mc_http_login_next(const char *next);
/* The problem code of such a status ("too_many_attempts", "busy", "unauthorized", ...). */
const char *mc_http_login_code(int status);
/* Render the sign-in form with `status`, the email typed (may be NULL) and an error message for
 * people (may be NULL). */
enum mc_rc mc_http_login_page(struct mc_http_request *req, struct mc_http_response *res, int status,
                              const char *email, const char *error, struct mc_err *e);

/* --- the issuer API (issuer-api.c) --- */

struct mc_principal;
struct mc_credential_row;

/* Whether the body is application/json (or application/ld+json). */
bool mc_http_is_json(const struct mc_http_request *req);
/* The JSON object of the body (new reference), or NULL after answering 415 or 400. */
json_t *mc_http_json_body(struct mc_http_request *req, struct mc_http_response *res);
/* The string member `name` of `o` into `*out` (NULL when absent, null or ""). false after
 * answering 400 when it is another type. */
bool mc_http_json_string(struct mc_http_response *res, const json_t *o, const char *name,
                         const char **out);
/* false after answering 400 when `o` has a member not in `allowed` (NULL-terminated). */
bool mc_http_json_known(struct mc_http_response *res, const json_t *o, const char *const *allowed);
/* Answer an app or store refusal as a problem (400 invalid_field, 404, 409 conflict, 403, 401,
 * 413) and return MC_OK, or return `rc` with its message in `e` for outages and bugs. */
enum mc_rc mc_http_reply_rc(struct mc_http_response *res, enum mc_rc rc, const struct mc_err *err,
                            struct mc_err *e);
/* What issuing needs, for this request and thread: `s` borrowed from the pool. */
void mc_http_issuer_env(struct mc_http_request *req, const struct mc_master_key *mk,
                        struct mc_store *s, struct mc_issuer_env *env);
/* "urn:uuid:<uuid>" (arena) for a path's UUID in the platform's lower-case form, else NULL. */
const char *mc_http_credential_id(struct mc_http_request *req, const char *uuid);
/* A credential row as the API lists it (new reference; no document). */
json_t *mc_http_credential_json(const struct mc_http_request *req,
                                const struct mc_credential_row *c);
/*
 * The credential of path parameter {uuid} that `p` may act for as an issuer-admin, into `row`.
 * Unknown, malformed and other organisations' credentials get the same 404 (`*answered`).
 */
enum mc_rc mc_http_credential_lookup(struct mc_http_request *req, struct mc_http_response *res,
                                     struct mc_store *s, const struct mc_principal *p,
                                     struct mc_credential_row *row, bool *answered,
                                     struct mc_err *e);
/*
 * The organisation a request acts for: `slug` (404 when unknown or when `p` holds none of
 * `role_mask` there), else the token's organisation, else the only one where `p` holds such a
 * role (400 asking for ?org= otherwise). > 0: its id; 0: answered; -1: `e` set (an outage).
 */
int64_t mc_http_acting_org(struct mc_http_request *req, struct mc_http_response *res,
                           struct mc_store *s, const struct mc_principal *p, const char *slug,
                           uint32_t role_mask, struct mc_err *e);

/*
 * The achievement a body names, "slug" or "slug@version" (`text`), when `p` may issue it (an
 * issuer-admin of its organisation): `*slug` (arena) and `*version` (0: the newest). Unknown,
 * malformed and other organisations' achievements get the same 404 (`*answered`).
 */
enum mc_rc mc_http_achievement_lookup(struct mc_http_request *req, struct mc_http_response *res,
                                      struct mc_store *s, const struct mc_principal *p,
                                      const char *text, const char **slug, int *version,
                                      bool *answered, struct mc_err *e);

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

/* --- learning (learning-view.c) --- */

struct mc_learning_outcome;
/* Path parameter `name` as a positive id, or 0 when it is not one. */
int64_t mc_http_path_id(struct mc_http_request *req, const char *name);
/* A submission's outcome as the learning API answers it (new reference): its grade, the
 * course standing, the enrollments it completed and the credentials it issued, with their pages. */
json_t *mc_http_outcome_json(const struct mc_http_request *req,
                             const struct mc_learning_outcome *o);

/* --- employers (api-talent.c) --- */

/* Learners found by skill `skills` (comma- or space-separated slugs; NULL: the query parameter)
 * and the query parameters verified and limit: {"items":
 * [{"name", "handle"?, "profile"?, "verified_skills", "declared_skills", "credentials"}],
 * "verified_only"}. The caller checked who asks. Errors are store failures only. */
enum mc_rc mc_http_talent_query(struct mc_http_request *req, const char *skills,
                                struct mc_http_answer *out, struct mc_err *e);
/* How the learner with public handle `handle`, who opted in to be found, meets job role `role`
 * (api-talent-match.c): {"learner", "handle", "role", "role_title", "covered", "missing",
 * "plan"}; 404 naming the parameter for an unknown role or a learner not to be found. */
enum mc_rc mc_http_talent_match(struct mc_http_request *req, const char *handle, const char *role,
                                struct mc_http_answer *out, struct mc_err *e);
/* The gate of the talent API routes: the query names only `allowed`, the token has learners:read
 * and its holder is one of MC_HTTP_TALENT_SEARCHERS. False after answering (403 with `refusal`). */
bool mc_http_talent_api_gate(struct mc_http_request *req, struct mc_http_response *res,
                             const char *const *allowed, const char *refusal);
/* The same for the talent pages, with a signed-in session instead of a token: false after
 * answering (a 400 or 403 page, or the way to sign in), with *rc what the handler returns. */
bool mc_http_talent_page_gate(struct mc_http_request *req, struct mc_http_response *res,
                              const char *const *allowed, const char *refusal, enum mc_rc *rc,
                              struct mc_err *e);

/* --- job roles (api-roles.c) --- */

/* A job role as the API answers it (new reference): {"slug", "title", "description" (null when
 * none), "organisation": {"slug", "name"} or null, "skills": [{"skill", "name", "level"}],
 * "demo", "url"}. */
json_t *mc_http_job_role_json(const struct mc_http_request *req, const struct mc_job_role *r);

#endif
