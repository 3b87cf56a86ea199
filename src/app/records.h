/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A learner's record exported as a signed CLR 2.0 ClrCredential: every active credential issued
 * to the learner's account, included verbatim with its own proof, and the associations between
 * their achievements that the catalog knows — a course's or a stack's part `isPartOf` the
 * program's achievement it counts toward — so a reader sees how micro-credentials stack.
 */
#ifndef MC_APP_RECORDS_H
#define MC_APP_RECORDS_H

#include <jansson.h>
#include <stdint.h>

#include "app/issue.h"

/*
 * Build and sign the record of platform user `user_id`, issued by organisation `issuer_org_id`
 * (which needs a signing key), inside the caller's transaction or none. `*out` is the signed
 * ClrCredential (new reference). MC_ERR_NOT_FOUND when the learner has no active credential to
 * put in it (or does not exist).
 */
enum mc_rc mc_records_export_clr(const struct mc_issuer_env *env, int64_t user_id,
                                 int64_t issuer_org_id, json_t **out, struct mc_err *e);

#endif
