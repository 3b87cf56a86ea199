/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Issuers' signing keys over the store: creating and rotating Ed25519 keys sealed under the
 * master key, loading the one that signs, revoking a compromised one, resealing every secret
 * under a new master key, and the controller document that lets verifiers resolve the keys.
 *
 * A key's verification method id is "<issuer URL>#<publicKeyMultibase>", so it follows the
 * issuer's public URL and the database keeps only the fragment (key_id).
 */
#ifndef MC_APP_ISSUER_KEYS_H
#define MC_APP_ISSUER_KEYS_H

#include <jansson.h>
#include <stdint.h>

#include "base/arena.h"
#include "crypto/multikey.h"
#include "crypto/seal.h"
#include "store/store.h"

/*
 * Give the organisation a new signing key (from `seed` when not NULL, for tests and fixtures;
 * else random), retiring the one that signed until now, in one transaction (so the caller must
 * not have one open). The retired key stays resolvable. `*out` (may be NULL) gets the new key's
 * row, in `arena`.
 */
enum mc_rc mc_issuer_key_rotate(struct mc_store *s, const struct mc_master_key *mk, int64_t org_id,
                                const uint8_t *seed, struct mc_arena *arena,
                                struct mc_signing_key *out, struct mc_err *e);

/*
 * The key that signs for the organisation, with its secret unsealed, its id
 * "<controller>#<key_id>" and its controller `controller` (the issuer's URL). MC_ERR_NOT_FOUND
 * when it has none (rotate to create one); MC_ERR_CRYPTO when the secret does not open under
 * `mk` or does not match the stored public key. The caller frees it with mc_key_free.
 * `*row_id` (may be NULL) gets the key's row id, for the credentials it signs.
 */
enum mc_rc mc_issuer_key_signer(struct mc_store *s, const struct mc_master_key *mk, int64_t org_id,
                                const char *controller, struct mc_key *out, int64_t *row_id,
                                struct mc_err *e);

/*
 * Revoke the organisation's key `key_id` (compromised): it no longer signs and is left out of the
 * controller document, so what it signed stops verifying. The reason is recorded with the key
 * and in the audit log.
 */
enum mc_rc mc_issuer_key_revoke(struct mc_store *s, int64_t org_id, const char *key_id,
                                const char *reason, struct mc_err *e);

/*
 * Reseal every stored secret from `old_mk` to `new_mk` in one transaction: all or none.
 * *count gets the number of keys resealed. Secrets already under `new_mk` are left alone, so a
 * run that was interrupted can be repeated.
 */
enum mc_rc mc_issuer_keys_reseal(struct mc_store *s, const struct mc_master_key *old_mk,
                                 const struct mc_master_key *new_mk, size_t *count,
                                 struct mc_err *e);

/*
 * Add the keys of `keys[0..n)` that are not revoked to `doc` as a controller document
 * (W3C Controlled Identifiers): "verificationMethod" (Multikey, with "controller") and
 * "assertionMethod" listing their ids. `doc` gets "id" = controller when it has none.
 */
void mc_issuer_controller_add_keys(json_t *doc, const char *controller,
                                   const struct mc_signing_key *keys, size_t n);
/* A standalone controller document (new reference) with the DID and Multikey contexts. */
json_t *mc_issuer_controller_document(const char *controller, const struct mc_signing_key *keys,
                                      size_t n);

#endif
