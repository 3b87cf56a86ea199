/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Verifying a credential: a report of named checks, each passed, failed, a warning or skipped,
 * with a message a person understands. A credential is valid when no check failed.
 */
#ifndef MC_VC_VERIFY_H
#define MC_VC_VERIFY_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "mcred/jsonld.h"

enum mc_check_status {
    MC_CHECK_PASS = 0,
    MC_CHECK_WARN,
    MC_CHECK_FAIL,
    MC_CHECK_SKIP,
};

const char *mc_check_status_name(enum mc_check_status s); /* "pass", "warning", ... */

struct mc_check {
    const char *name; /* static: "json", "jsonld", "type", "proof", "issuer", "validity", ... */
    enum mc_check_status status;
    char message[480];
};

struct mc_report {
    struct mc_check *checks;
    size_t count, cap;
    char *id;     /* the credential's id, when it has one (heap) */
    char *issuer; /* issuer id (heap) */
    char *format; /* "jsonld" */
};

void mc_report_init(struct mc_report *r);
void mc_report_free(struct mc_report *r);
/* No check failed. */
bool mc_report_valid(const struct mc_report *r);
/* Add a check (printf-style message). */
void mc_report_add(struct mc_report *r, const char *name, enum mc_check_status s, const char *fmt,
                   ...) __attribute__((format(printf, 4, 5)));
/* {"valid": bool, "id", "issuer", "format", "checks": [{"check", "status", "message"}]} */
json_t *mc_report_to_json(const struct mc_report *r);

/*
 * Documents a verifier may need besides the credential (controller documents of https issuers,
 * status list credentials): looked up by URL. Returns a borrowed JSON document, or NULL when it is
 * not available (then *why says why: "offline", "not found", ...).
 */
struct mc_doc_source {
    const json_t *(*get)(void *self, const char *url, const char **why);
    void *self;
};

struct mc_verify_options {
    int64_t now;                      /* Unix seconds the validity period is checked against */
    const struct mc_doc_source *docs; /* may be NULL: nothing but did:key resolves */
    bool no_status; /* do not check credentialStatus (used for status lists themselves) */
    /* Open Badges 2.0: the recipient's identity (an email address, URL or telephone number) the
     * assertion must be awarded to; NULL: the recipient is only checked for form. */
    const char *expected_recipient;
};

struct mc_verifier;

struct mc_verifier *mc_verifier_new(const struct mc_ld_loader *loader);
void mc_verifier_free(struct mc_verifier *v);

/* Verify a JSON-LD credential (a parsed JSON value) into `r` (which the caller initialised). */
void mc_verify_credential(struct mc_verifier *v, const json_t *cred,
                          const struct mc_verify_options *o, struct mc_report *r);
/* Verify a JSON-LD credential already read as a jv tree (ld/jv.h), the form every check reads:
 * for callers that read the JSON themselves (with jv_parse). The tree must not change during the
 * call. */
struct jv;
void mc_verify_tree(struct mc_verifier *v, const struct jv *cred, const struct mc_verify_options *o,
                    struct mc_report *r);
/* Verify JSON text: adds the "json" check first. */
void mc_verify_text(struct mc_verifier *v, const char *text, size_t len,
                    const struct mc_verify_options *o, struct mc_report *r);

#endif
