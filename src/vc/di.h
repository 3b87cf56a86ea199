/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Data Integrity proofs with Ed25519: eddsa-rdfc-2022 and eddsa-jcs-2022 (create and verify),
 * and the older Ed25519Signature2020 and eddsa-2022 (verify). W3C vc-di-eddsa §3.
 *
 * Every suite hashes two canonical texts, the proof configuration first and then the document,
 * and signs the 64 bytes (SHA-256 || SHA-256) with Ed25519; the proofValue is "z" + base58btc.
 */
#ifndef MC_VC_DI_H
#define MC_VC_DI_H

#include <jansson.h>
#include <stdint.h>

#include "crypto/multikey.h"
#include "mcred/buf.h"
#include "mcred/jsonld.h"

enum mc_cryptosuite {
    MC_SUITE_UNKNOWN = 0,
    MC_SUITE_EDDSA_RDFC_2022,
    MC_SUITE_EDDSA_JCS_2022,
    MC_SUITE_ED25519_SIGNATURE_2020, /* verify only */
    MC_SUITE_EDDSA_2022,             /* verify only: the draft name of eddsa-rdfc-2022 */
};

/* "eddsa-rdfc-2022", ...; NULL for UNKNOWN. */
const char *mc_cryptosuite_name(enum mc_cryptosuite s);
/* The suite of a proof object (its type and cryptosuite), or UNKNOWN. */
enum mc_cryptosuite mc_cryptosuite_of(const json_t *proof);
struct jv;
enum mc_cryptosuite mc_cryptosuite_of_jv(const struct jv *proof);

/* A reusable signer/verifier: a JSON-LD processor, a canonicalizer and buffers. One thread. */
struct mc_di;

struct mc_di *mc_di_new(const struct mc_ld_loader *loader);
void mc_di_free(struct mc_di *di);

struct mc_proof_options {
    enum mc_cryptosuite suite; /* eddsa-rdfc-2022 (default) or eddsa-jcs-2022 */
    const char *created;       /* RFC 3339 date-time; NULL: now, to the second */
    const char *proof_purpose; /* NULL: "assertionMethod" */
};

/*
 * Sign `doc` (a credential without a proof) with `key` (which must have its secret): a new
 * reference to a copy with `proof` added.
 */
enum mc_rc mc_di_sign(struct mc_di *di, const json_t *doc, const struct mc_key *key,
                      const struct mc_proof_options *opt, json_t **signed_doc, struct mc_err *e);

/*
 * Check one proof of `doc` against the public key `pk`: the document is `doc` without its
 * `proof`; MC_ERR_CRYPTO when the signature does not verify, MC_ERR_INVALID for a malformed
 * proof, MC_ERR_UNSUPPORTED for an unknown suite. JSON-LD errors (unknown contexts...) pass through
 * with their codes.
 */
enum mc_rc mc_di_verify_proof(struct mc_di *di, const json_t *doc, const json_t *proof,
                              const uint8_t pk[MC_ED25519_PUBLIC_LEN], struct mc_err *e);

/* Check that `doc` is JSON-LD that expands with known contexts (for credentials whose proof did
 * not canonicalize them already); the JSON-LD error code and place otherwise. */
enum mc_rc mc_di_check_jsonld(struct mc_di *di, const json_t *doc, struct mc_err *e);

/*
 * The same two for a document held as a jv tree (ld/jv.h), the form the verifier reads
 * credentials in; `proof` is one of its proofs. Nothing is copied: the JSON-LD walk reads the tree
 * as it is, and the proof configuration is a view of the proof.
 */
struct jv;
enum mc_rc mc_di_verify_proof_jv(struct mc_di *di, const struct jv *doc, const struct jv *proof,
                                 const uint8_t pk[MC_ED25519_PUBLIC_LEN], struct mc_err *e);
enum mc_rc mc_di_check_jsonld_jv(struct mc_di *di, const struct jv *doc, struct mc_err *e);

/*
 * The bytes a suite signs: SHA-256 of the canonical proof configuration, then of the canonical
 * document. `proof_config` is the proof without proofValue; the canonical texts are appended to
 * `canon_config` and `canon_doc` when they are not NULL (for tests and tracing).
 */
enum mc_rc mc_di_hash_data(struct mc_di *di, enum mc_cryptosuite suite, const json_t *doc,
                           const json_t *proof_config, uint8_t out[64], struct mc_buf *canon_config,
                           struct mc_buf *canon_doc, struct mc_err *e);

#endif
