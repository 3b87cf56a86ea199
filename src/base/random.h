/* SPDX-License-Identifier: Apache-2.0 */
/* Random bytes from the kernel, and the random identifiers built on them. */
#ifndef MC_BASE_RANDOM_H
#define MC_BASE_RANDOM_H

#include <stddef.h>
#include <stdint.h>

/* Fill p[0..n) from getrandom(2). Aborts if the kernel cannot give randomness: nothing we issue
 * may rest on a weak id or key. */
void mc_random_bytes(void *p, size_t n);
/* A uniform integer in [0, bound) without modulo bias; bound must be at least 1 (0 aborts). */
uint64_t mc_random_below(uint64_t bound);

#define MC_UUID_SIZE     37 /* "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" and NUL */
#define MC_URN_UUID_SIZE (9 + MC_UUID_SIZE)
/* A random (version 4) UUID in lower case. */
void mc_random_uuid(char out[MC_UUID_SIZE]);
/* The same as "urn:uuid:…", as credential ids use it. */
void mc_random_urn_uuid(char out[MC_URN_UUID_SIZE]);

#define MC_RANDOM_ID_SIZE 24 /* base58 of 16 bytes is at most 22 characters, and NUL */
/* A short URL-safe id: base58btc of 16 random bytes (128 bits). */
void mc_random_id(char out[MC_RANDOM_ID_SIZE]);

#endif
