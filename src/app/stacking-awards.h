/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Stacked awards: when a learner's credentials make a program's stacking rule hold (three
 * micro-credentials of a nano-degree, say), the program's credential is issued in the same
 * transaction as the award that completed it; when a revocation or suspension makes the rule
 * fail, the stacked credential is suspended with the reason recorded. Only credentials of
 * platform users count (an email address alone names no learner to follow).
 */
#ifndef MC_APP_STACKING_AWARDS_H
#define MC_APP_STACKING_AWARDS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "app/issue.h"
#include "core/stacking.h"
#include "store/store.h"

/* The idempotency keys of stacked credentials start with this. */
#define MC_STACKED_KEY_PREFIX "stack:"

/*
 * A catalog for mc_stacking_compile over the store: achievements by slug (newest version) or
 * id, programs by slug or id with their rule, organisations by slug or id. `arena` keeps what
 * the lookups return.
 */
struct mc_store_stacking_catalog {
    struct mc_stacking_catalog cat;
    struct mc_store *store;
    struct mc_arena *arena;
};
void mc_store_stacking_catalog_init(struct mc_store_stacking_catalog *c, struct mc_store *s,
                                    struct mc_arena *arena);

/*
 * After a credential was issued to platform user `user_id` (inside the caller's transaction):
 * issue every program credential whose rule now holds and that the user does not hold yet,
 * repeating while new ones make further rules hold (nested programs); a stacked credential that
 * was suspended because its rule had failed is reinstated (unsuspended) instead, while one an
 * issuer suspended for another reason stays suspended. `*issued` (may be NULL) counts both. A
 * program whose stored rule no longer compiles is skipped (its rule is checked when saved; the
 * catalog may have changed since).
 */
enum mc_rc mc_stacking_after_award_tx(const struct mc_issuer_env *env, int64_t user_id,
                                      size_t *issued, struct mc_err *e);

/*
 * After a credential of user `user_id` was revoked or suspended (inside the caller's
 * transaction): suspend each stacked credential of the user whose rule no longer holds — or
 * revoke it, when its program says so — giving `why` in the reason. `*suspended` (may be NULL)
 * counts them.
 */
enum mc_rc mc_stacking_after_loss_tx(const struct mc_issuer_env *env, int64_t user_id,
                                     const char *why, size_t *suspended, struct mc_err *e);

/*
 * Check and save program `program_slug`'s stacking rule (JSON text) inside the caller's
 * transaction: compiled against the catalog (unknown achievements, programs and issuers, cycles
 * through nested programs are MC_ERR_INVALID with e->where the JSON pointer), then stored in its
 * canonical form, which is also returned in `*canonical` (may be NULL; heap, the caller frees).
 * With `revoke_on_loss`, a stacked credential whose rule fails is revoked instead of suspended.
 */
enum mc_rc mc_stacking_save_rule_tx(struct mc_store *s, const char *program_slug, const char *text,
                                    size_t len, bool revoke_on_loss, char **canonical,
                                    struct mc_err *e);

/*
 * The learner's progress toward every program with a stacking rule (new reference): an array of
 * {"program", "title", "met", "progress"} where progress is the evaluator's JSON (the rule's
 * tree with what is met, the credits so far and what is missing). Programs whose rule no longer
 * compiles are left out.
 */
enum mc_rc mc_stacking_progress_all(struct mc_store *s, int64_t user_id, int64_t now, json_t **out,
                                    struct mc_err *e);

#endif
