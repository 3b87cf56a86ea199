/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: what the per-area files share for reading rows and checking references. */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "store/sqlite/sqlite.h"

void *mc_sqlite_vec_push(struct mc_sqlite_vec *v)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 8;
        v->data = mc_xreallocarray(v->data, v->cap, v->size);
    }
    void *p = v->data + v->n * v->size;
    memset(p, 0, v->size);
    v->n++;
    return p;
}

void *mc_sqlite_vec_to_arena(struct mc_sqlite_vec *v, struct mc_arena *arena)
{
    if (v->n == 0)
        return NULL;
    void *p = mc_arena_alloc(arena, v->n * v->size);
    memcpy(p, v->data, v->n * v->size);
    return p;
}

void *mc_sqlite_vec_finish(struct mc_sqlite *q, sqlite3_stmt *st, int r, struct mc_sqlite_vec *v,
                           struct mc_arena *arena, size_t *n, enum mc_rc *rc, const char *what,
                           struct mc_err *e)
{
    if (*rc == MC_OK && r != SQLITE_DONE)
        *rc = mc_sqlite_fail(q, what, e);
    sqlite3_reset(st);
    void *rows = NULL;
    size_t count = 0;
    if (*rc == MC_OK) {
        rows = mc_sqlite_vec_to_arena(v, arena);
        count = v->n;
    }
    free(v->data);
    v->data = NULL;
    *n = count;
    return rows;
}

enum mc_rc mc_sqlite_read_ids(struct mc_sqlite *q, sqlite3_stmt *st, struct mc_arena *arena,
                              int64_t **out, size_t *n, struct mc_err *e)
{
    struct mc_sqlite_vec v = { .size = sizeof(int64_t) };
    enum mc_rc rc = MC_OK;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW)
        *(int64_t *)mc_sqlite_vec_push(&v) = sqlite3_column_int64(st, 0);
    *out = mc_sqlite_vec_finish(q, st, r, &v, arena, n, &rc, "reading ids", e);
    return rc;
}

enum mc_rc mc_sqlite_ref_exists(struct mc_sqlite *q, const char *sql, int64_t id, const char *field,
                                struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r == SQLITE_ROW)
        return MC_OK;
    if (r != SQLITE_DONE)
        return mc_sqlite_fail(q, "checking a reference", e);
    mc_err_set(e, MC_ERR_INVALID, "%s: %lld does not exist", field, (long long)id);
    mc_err_where(e, "%s", field);
    return MC_ERR_INVALID;
}

enum mc_rc mc_sqlite_bad_column(struct mc_sqlite *q, const char *column, struct mc_err *e)
{
    return mc_err_set(e, MC_ERR_DB, "database '%s': %s holds a value this build does not know",
                      q->path, column);
}
