/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Secrets at rest: issuers' signing keys are stored sealed under a master key that lives outside
 * the database (a file or the environment), so a copy of the database alone signs nothing.
 *
 * A sealed blob is "MCS1" || master key id (8 bytes) || nonce (24) || secretbox(secret) (n + 16),
 * with XSalsa20-Poly1305 (libsodium crypto_secretbox) under a subkey derived from the master key
 * and a context string (the row's key id): a blob copied onto another row does not open there.
 * The master key id is a hash of the master key; it says which master key a blob needs without
 * revealing it, so "wrong master key" and "damaged blob" are told apart.
 */
#ifndef MC_CRYPTO_SEAL_H
#define MC_CRYPTO_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include "mcred/buf.h"
#include "mcred/error.h"

#define MC_MASTER_KEY_LEN    32
#define MC_MASTER_KEY_ID_LEN 8
/* Bytes a sealed blob adds to its secret. */
#define MC_SEAL_OVERHEAD (4 + MC_MASTER_KEY_ID_LEN + 24 + 16)
/* The environment variables read by mc_master_key_load: the key as 64 hex digits, or a file
 * holding it. */
#define MC_MASTER_KEY_ENV      "MCRED_MASTER_KEY"
#define MC_MASTER_KEY_FILE_ENV "MCRED_MASTER_KEY_FILE"

struct mc_master_key {
    uint8_t key[MC_MASTER_KEY_LEN];
    uint8_t id[MC_MASTER_KEY_ID_LEN];
    char id_hex[2 * MC_MASTER_KEY_ID_LEN + 1]; /* for messages */
};

/* A new random master key. */
void mc_master_key_generate(struct mc_master_key *mk);
/* A master key from 64 hex digits (surrounding white space is ignored). */
enum mc_rc mc_master_key_from_hex(const char *text, size_t len, struct mc_master_key *mk,
                                  struct mc_err *e);
/*
 * Read a master key file: 64 hex digits and an optional newline. The file must not be readable
 * or writable by group or others (MC_ERR_FORBIDDEN says which mode it has and what to run).
 */
enum mc_rc mc_master_key_read_file(const char *path, struct mc_master_key *mk, struct mc_err *e);
/* Write a new master key file with mode 0600; an existing file is MC_ERR_CONFLICT (never
 * overwritten: it may be the only copy of a key that opens the database's secrets). */
enum mc_rc mc_master_key_write_file(const char *path, const struct mc_master_key *mk,
                                    struct mc_err *e);
/*
 * The master key of a deployment, from the first of: `path` (when not NULL), $MCRED_MASTER_KEY,
 * $MCRED_MASTER_KEY_FILE, `default_path` (when not NULL). MC_ERR_NOT_FOUND names all the places
 * looked at when there is none.
 */
enum mc_rc mc_master_key_load(const char *path, const char *default_path, struct mc_master_key *mk,
                              struct mc_err *e);
/* Wipe the key from memory. */
void mc_master_key_wipe(struct mc_master_key *mk);

/* Append the sealed blob of secret[0..n) bound to `context` (a non-empty string). */
enum mc_rc mc_seal(const struct mc_master_key *mk, const char *context, const uint8_t *secret,
                   size_t n, struct mc_buf *out, struct mc_err *e);
/*
 * Open a sealed blob into secret[0..cap); *n gets its length. MC_ERR_INVALID for a blob that is
 * not one (too short, bad header); MC_ERR_CRYPTO when it was sealed under another master key
 * (naming both ids) or does not authenticate (damaged, or bound to another context);
 * MC_ERR_TOO_LARGE when the secret does not fit in `cap`. Nothing is written on failure.
 */
enum mc_rc mc_unseal(const struct mc_master_key *mk, const char *context, const uint8_t *blob,
                     size_t len, uint8_t *secret, size_t cap, size_t *n, struct mc_err *e);

#endif
