/* SPDX-License-Identifier: Apache-2.0 */
/* Passwords: the policy people's passwords must meet, and argon2id hashes of them (libsodium). */
#ifndef MC_CRYPTO_PASSWORD_H
#define MC_CRYPTO_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "mcred/error.h"

/* Policy: a password is 10..1024 bytes of well-formed UTF-8, without U+0000, and not one
 * character repeated. Long passphrases are welcome; the upper bound keeps a hash's input (and
 * a login request) bounded. */
#define MC_PASSWORD_MIN 10
#define MC_PASSWORD_MAX 1024

/*
 * An encoded hash ("$argon2id$v=19$m=65536,t=2,p=1$salt$hash") fits in this many bytes with its
 * NUL (libsodium's crypto_pwhash_STRBYTES).
 */
#define MC_PASSWORD_HASH_SIZE 128

/*
 * The cost of a hash, for interactive logins: argon2id with t = 2 passes over m = 64 MiB
 * (libsodium's OPSLIMIT_INTERACTIVE and MEMLIMIT_INTERACTIVE), about 50-100 ms on a server
 * core. Memory is the lever that makes guessing on GPUs expensive; the time keeps a login
 * responsive. Each hash or verify in flight holds 64 MiB, which is why the server runs them on a
 * small fixed pool of threads (app/hash-pool.h) rather than on request threads.
 */
#define MC_PASSWORD_OPSLIMIT 2u
#define MC_PASSWORD_MEMLIMIT (64u * 1024 * 1024)

/*
 * The cheap cost (t = 1, m = 8 KiB) that tests use so that hundreds of hashes take no time:
 * selected by mc_password_use_test_cost(true), or by MCRED_PWHASH_FAST=1 in the environment
 * (read once, at the first hash). Never for a real deployment: hashes made with it are
 * reported by mc_password_needs_rehash once the normal cost is back, so they are replaced at
 * the next login.
 */
void mc_password_use_test_cost(bool fast);
/* Whether the test cost is in use. */
bool mc_password_test_cost(void);

/*
 * Check `pw[0..len)` against the policy. MC_ERR_INVALID with a message for the person choosing
 * it ("a password needs at least 10 characters", ...); the message never quotes the password.
 */
enum mc_rc mc_password_check_policy(const char *pw, size_t len, struct mc_err *e);

/*
 * Hash `pw[0..len)` (at most MC_PASSWORD_MAX bytes; the policy is not checked here) with a
 * random salt at the current cost, into `out` (NUL-terminated). MC_ERR_TOO_LARGE for a longer
 * password; MC_ERR_INTERNAL when libsodium cannot (out of memory for the 64 MiB).
 */
enum mc_rc mc_password_hash(const char *pw, size_t len, char out[MC_PASSWORD_HASH_SIZE],
                            struct mc_err *e);

/*
 * Whether `pw[0..len)` is the password `hash` was made from: MC_OK when it is, MC_ERR_AUTH when
 * it is not ("wrong password"), MC_ERR_INVALID when `hash` is not an argon2id hash. The time
 * taken depends on the hash's cost, not on how much of the password matched.
 */
enum mc_rc mc_password_verify(const char *hash, const char *pw, size_t len, struct mc_err *e);

/*
 * Spend the time of a verify at the current cost against a hash no password matches, for a
 * login to an account that does not exist (or has no password): both answers then take as long,
 * so timing does not tell which email addresses have accounts.
 */
void mc_password_verify_dummy(const char *pw, size_t len);

/* Whether `hash` was made at a different cost (or algorithm) than the current one and should be
 * replaced by a new hash of the password, which the caller has at a successful login. A hash
 * that cannot be parsed also needs one. */
bool mc_password_needs_rehash(const char *hash);

#endif
