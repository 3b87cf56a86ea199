/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Issuing credentials and changing their status: the one place where an award becomes a signed
 * Open Badges 3.0 credential with its status list entries, stored verbatim, and where revoking,
 * suspending and unsuspending flip a status list bit and republish the signed list.
 *
 * Everything here runs inside a transaction the caller opened (mc_store_begin), so an award can
 * commit together with the change that earned it and nothing is announced before it is
 * committed. The mc_issue_*_tx names say so; the CLI and the API wrap them in a transaction.
 *
 * Public URLs: the issuer is <public>/issuers/<org slug> (its Profile and controller document),
 * the status lists of a group are <public>/status/<org slug>/<group>/{revocation,suspension},
 * and a credential is shown at <public>/credentials/<uuid> (its id stays urn:uuid:<uuid>).
 */
#ifndef MC_APP_ISSUE_H
#define MC_APP_ISSUE_H

#include <stdbool.h>
#include <stdint.h>

#include "crypto/seal.h"
#include "store/store.h"
#include "vc/build.h"
#include "vc/di.h"

/* What issuing needs besides the request: the store (with a transaction open), the master key
 * that unseals the signing keys, the public URL (no trailing slash) and a signer (one thread). */
struct mc_issuer_env {
    struct mc_store *store;
    const struct mc_master_key *master_key;
    const char *public_url;
    struct mc_di *di;
    int64_t now; /* 0: the clock */
    /* Do not follow awards and revocations into stacked credentials (app/stacking-awards.h);
     * set while that module issues and suspends them itself. */
    bool no_stacking;
};

struct mc_issue_request {
    /* The achievement: by id, or by slug (version 0: the newest). It must be published. */
    int64_t achievement_id;
    const char *achievement_slug;
    int achievement_version;
    /* The recipient: a platform user, an email address (hashed into the credential), or a DID or
     * URL. At least one of email and did. */
    int64_t recipient_user_id;
    const char *recipient_email;
    const char *recipient_did;
    const char *recipient_name; /* optional */
    const struct mc_ob3_result *results;
    size_t n_results;
    const struct mc_ob3_evidence *evidence;
    size_t n_evidence;
    int64_t issued_at; /* 0: now; validFrom */
    /* Optional; the same key for the same issuer gives back the credential issued the first
     * time instead of a second one. */
    const char *idempotency_key;
    int64_t enrollment_id;
    int64_t actor_user_id; /* for the audit log; 0: the system */
};

struct mc_issue_result {
    char id[64];  /* "urn:uuid:..." */
    bool existed; /* the idempotency key had been used: nothing new was issued */
};

/*
 * Issue a credential (inside the caller's transaction). MC_ERR_NOT_FOUND for an unknown
 * achievement, MC_ERR_INVALID naming the field for bad input (an unpublished achievement, no
 * recipient, an email that is not one), MC_ERR_NOT_FOUND when the issuer has no signing key.
 */
enum mc_rc mc_issue_credential_tx(const struct mc_issuer_env *env,
                                  const struct mc_issue_request *req, struct mc_issue_result *out,
                                  struct mc_err *e);

enum mc_status_change {
    MC_CRED_REVOKE,    /* permanent */
    MC_CRED_SUSPEND,   /* until unsuspended */
    MC_CRED_UNSUSPEND, /* lift a suspension */
};

/* "revoke", "suspend", "unsuspend" */
const char *mc_status_change_name(enum mc_status_change c);

/*
 * Change a credential's status (inside the caller's transaction): set or clear its bit in the
 * list for the purpose, re-sign and store the list, record the status with the reason and an
 * audit entry. A reason is required. Revoking a revoked credential, suspending a suspended or
 * revoked one, or unsuspending one that is not suspended is MC_ERR_CONFLICT saying its state.
 */
enum mc_rc mc_issue_set_status_tx(const struct mc_issuer_env *env, const char *credential_id,
                                  enum mc_status_change change, const char *reason,
                                  int64_t actor_user_id, struct mc_err *e);

/* "<public>/achievements/<slug>/v<version>": the id credentials give their achievement (arena). */
const char *mc_achievement_url(struct mc_arena *arena, const char *public_url, const char *slug,
                               int version);

/* "<public>/issuers/<slug>" (heap). */
char *mc_issuer_url(const char *public_url, const char *org_slug);

#endif
