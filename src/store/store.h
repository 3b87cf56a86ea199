/* SPDX-License-Identifier: Apache-2.0 */
/* The store: one interface to the domain's persistent state, whatever database is behind it. */
#ifndef MC_STORE_STORE_H
#define MC_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "core/catalog.h"
#include "mcred/error.h"

/*
 * A struct mc_store is one connection to the database. It is not thread-safe: a thread uses its
 * own, or borrows one from a struct mc_store_pool. Functions speak of the domain (organisations,
 * programs, credentials), never of SQL; each backend (SQLite now, PostgreSQL later) implements
 * the same operations (store-backend.h). Results point into an arena the caller passes.
 */
struct mc_store;

enum mc_store_flags {
    MC_STORE_CREATE = 1 << 0,   /* create the database if it does not exist */
    MC_STORE_READONLY = 1 << 1, /* open for reading only (no migrations are run) */
};

/*
 * Open the database at `location` (a file path for SQLite) and bring its schema up to date by
 * running the numbered migrations it has not had yet. Without MC_STORE_CREATE a missing
 * database is MC_ERR_NOT_FOUND. If the database cannot be created or migrated, nothing is left
 * behind that was not there before (a new file is removed). On success `*out` is the caller's,
 * closed with mc_store_close().
 */
enum mc_rc mc_store_open(const char *location, unsigned flags, struct mc_store **out,
        struct mc_err *e);
/* Close and free. NULL is allowed. */
void mc_store_close(struct mc_store *s);

/* The schema version: the number of the last migration applied. */
enum mc_rc mc_store_schema_version(struct mc_store *s, int *out, struct mc_err *e);
/* The schema version this build's migrations reach. */
int mc_store_schema_latest(void);

/* Transactions: begin, then commit or roll back. They do not nest. */
enum mc_rc mc_store_begin(struct mc_store *s, struct mc_err *e);
enum mc_rc mc_store_commit(struct mc_store *s, struct mc_err *e);
void mc_store_rollback(struct mc_store *s);

/*
 * The public catalog: published programs matching `f`, ordered by title then id, one page of
 * them. Invalid filter values (an unknown type, a limit out of range) are MC_ERR_INVALID with a
 * message naming the field. The page points into `arena`.
 */
enum mc_rc mc_store_catalog_search(struct mc_store *s, const struct mc_catalog_filter *f,
        struct mc_arena *arena, struct mc_catalog_page *out, struct mc_err *e);

/*
 * A fixed set of connections to one database, shared by threads (the HTTP server's pool).
 * acquire blocks until one is free; release gives it back.
 */
struct mc_store_pool;

enum mc_rc mc_store_pool_new(const char *location, unsigned flags, size_t size,
        struct mc_store_pool **out, struct mc_err *e);
void mc_store_pool_free(struct mc_store_pool *p);
struct mc_store *mc_store_pool_acquire(struct mc_store_pool *p);
void mc_store_pool_release(struct mc_store_pool *p, struct mc_store *s);

/* Entity operations (organisations, skills, achievements, programs, courses, assessments,
 * users, audit log, ...) follow below. */

#endif
