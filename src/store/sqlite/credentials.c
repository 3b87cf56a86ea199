/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: issued credentials and the Bitstring Status Lists that carry their status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/sqlite/sqlite.h"

/* --- status lists --- */

static const char sql_list_put[] =
        "INSERT INTO status_lists (org_id, purpose, grp, size, bitstring, next_index, url, "
        "published_credential, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6, ?7, ?8)";
#define LIST_COLS                                                         \
    "SELECT id, org_id, purpose, grp, size, bitstring, next_index, url, " \
    "published_credential, updated_at FROM status_lists "
static const char sql_list_latest[] =
        LIST_COLS "WHERE org_id = ?1 AND purpose = ?2 ORDER BY grp DESC LIMIT 1";
static const char sql_list_by_id[] = LIST_COLS "WHERE id = ?1";
static const char sql_list_by_path[] = LIST_COLS "WHERE url = ?1";
static const char sql_list_taken[] =
        "SELECT 1 FROM status_list_entries WHERE list_id = ?1 AND idx = ?2";
static const char sql_list_claim[] =
        "INSERT INTO status_list_entries (list_id, idx, credential_id) VALUES (?1, ?2, ?3)";
static const char sql_list_count[] =
        "UPDATE status_lists SET next_index = next_index + 1 WHERE id = ?1";
static const char sql_list_update[] =
        "UPDATE status_lists SET bitstring = ?2, published_credential = ?3, updated_at = ?4 "
        "WHERE id = ?1";

enum mc_rc mc_sqlite_status_list_put(struct mc_store *s, struct mc_status_list_row *l,
                                     struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_list_put, &st, e);
    if (rc)
        return rc;
    if (!l->updated_at)
        l->updated_at = mc_sqlite_now();
    sqlite3_bind_int64(st, 1, l->org_id);
    mc_sqlite_bind_text(st, 2, l->purpose);
    sqlite3_bind_int64(st, 3, l->group);
    sqlite3_bind_int64(st, 4, l->size);
    sqlite3_bind_blob(st, 5, l->bits, (int)(l->size / 8), SQLITE_STATIC);
    mc_sqlite_bind_text(st, 6, l->path);
    mc_sqlite_bind_text(st, 7, l->published);
    sqlite3_bind_int64(st, 8, l->updated_at);
    rc = mc_sqlite_exec_stmt(q, st, "adding a status list", e);
    if (rc == MC_ERR_CONFLICT)
        return mc_err_set(e, rc, "status list %s exists already", l->path);
    if (rc)
        return rc;
    l->id = sqlite3_last_insert_rowid(q->db);
    l->used = 0;
    return MC_OK;
}

static enum mc_rc read_list(struct mc_sqlite *q, sqlite3_stmt *st, const char *what,
                            struct mc_arena *arena, struct mc_status_list_row *l, struct mc_err *e)
{
    memset(l, 0, sizeof *l);
    int r = sqlite3_step(st);
    if (r == SQLITE_DONE) {
        sqlite3_reset(st);
        return mc_err_set(e, MC_ERR_NOT_FOUND, "no status list %s", what);
    }
    if (r != SQLITE_ROW) {
        enum mc_rc rc = mc_sqlite_fail(q, "reading a status list", e);
        sqlite3_reset(st);
        return rc;
    }
    l->id = sqlite3_column_int64(st, 0);
    l->org_id = sqlite3_column_int64(st, 1);
    l->purpose = mc_sqlite_col_text(st, 2, arena);
    l->group = sqlite3_column_int64(st, 3);
    l->size = sqlite3_column_int64(st, 4);
    int n = sqlite3_column_bytes(st, 5);
    uint8_t *bits = mc_arena_calloc(arena, (size_t)(l->size / 8) + 1, 1);
    if (n > 0)
        memcpy(bits, sqlite3_column_blob(st, 5),
               (size_t)n < (size_t)(l->size / 8) ? (size_t)n : (size_t)(l->size / 8));
    l->bits = bits;
    l->used = sqlite3_column_int64(st, 6);
    l->path = mc_sqlite_col_text(st, 7, arena);
    l->published = mc_sqlite_col_text(st, 8, arena);
    l->updated_at = sqlite3_column_int64(st, 9);
    sqlite3_reset(st);
    return MC_OK;
}

enum mc_rc mc_sqlite_status_list_get(struct mc_store *s, int64_t org_id, const char *purpose,
                                     int64_t id, const char *path, struct mc_arena *arena,
                                     struct mc_status_list_row *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    const char *sql = purpose ? sql_list_latest : path ? sql_list_by_path : sql_list_by_id;
    enum mc_rc rc = mc_sqlite_stmt(q, sql, &st, e);
    if (rc)
        return rc;
    char what[300];
    if (purpose) {
        sqlite3_bind_int64(st, 1, org_id);
        mc_sqlite_bind_text(st, 2, purpose);
        snprintf(what, sizeof what, "for %s of organisation %lld", purpose, (long long)org_id);
    } else if (path) {
        mc_sqlite_bind_text(st, 1, path);
        snprintf(what, sizeof what, "at %.256s", path);
    } else {
        sqlite3_bind_int64(st, 1, id);
        snprintf(what, sizeof what, "with id %lld", (long long)id);
    }
    return read_list(q, st, what, arena, out, e);
}

enum mc_rc mc_sqlite_status_list_taken(struct mc_store *s, int64_t list_id, int64_t idx,
                                       bool *taken, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_list_taken, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, list_id);
    sqlite3_bind_int64(st, 2, idx);
    int r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return mc_sqlite_fail(q, "reading a status list entry", e);
    *taken = r == SQLITE_ROW;
    return MC_OK;
}

enum mc_rc mc_sqlite_status_list_claim(struct mc_store *s, int64_t list_id, int64_t idx,
                                       const char *credential_id, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_list_claim, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, list_id);
    sqlite3_bind_int64(st, 2, idx);
    mc_sqlite_bind_text(st, 3, credential_id);
    rc = mc_sqlite_exec_stmt(q, st, "handing out a status list index", e);
    if (rc == MC_ERR_CONFLICT)
        return mc_err_set(e, rc, "index %lld of status list %lld is taken", (long long)idx,
                          (long long)list_id);
    if (rc)
        return rc;
    rc = mc_sqlite_stmt(q, sql_list_count, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, list_id);
    return mc_sqlite_exec_stmt(q, st, "counting a status list index", e);
}

enum mc_rc mc_sqlite_status_list_update(struct mc_store *s, int64_t list_id, const uint8_t *bits,
                                        size_t len, const char *published, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_list_update, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, list_id);
    sqlite3_bind_blob(st, 2, bits, (int)len, SQLITE_STATIC);
    mc_sqlite_bind_text(st, 3, published);
    sqlite3_bind_int64(st, 4, mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, "updating a status list", e);
    if (!rc && sqlite3_changes(q->db) != 1)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no status list with id %lld", (long long)list_id);
    return rc;
}

/* --- credentials --- */

static const char sql_cred_put[] =
        "INSERT INTO credentials (id, achievement_id, achievement_version, issuer_org_id, "
        "signing_key_id, recipient_user_id, recipient_email_hash, recipient_did, recipient_name, "
        "issued_at, valid_from, valid_until, status, status_reason, status_changed_at, document, "
        "format, revocation_list_id, revocation_index, suspension_list_id, suspension_index, "
        "idempotency_key, enrollment_id, search_name, is_imported) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, ?8, ?9, ?10, ?11, ?12, coalesce(?13, 'active'), ?14, ?15, ?16, "
        "coalesce(?17, 'ob3-ldp'), ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)";
#define CRED_COLS                                                                           \
    "SELECT id, achievement_id, achievement_version, issuer_org_id, signing_key_id, "       \
    "recipient_user_id, recipient_email_hash, recipient_did, recipient_name, issued_at, "   \
    "valid_from, valid_until, status, status_reason, status_changed_at, document, format, " \
    "revocation_list_id, revocation_index, suspension_list_id, suspension_index, "          \
    "idempotency_key, enrollment_id, search_name, is_imported FROM credentials "
static const char sql_cred_get[] = CRED_COLS "WHERE id = ?1";
static const char sql_cred_by_key[] = CRED_COLS "WHERE issuer_org_id = ?1 AND idempotency_key = ?2";
static const char sql_cred_status[] =
        "UPDATE credentials SET status = ?2, status_reason = ?3, status_changed_at = ?4 "
        "WHERE id = ?1";
static const char sql_cred_count[] = "SELECT count(*) FROM credentials WHERE issuer_org_id = ?1";
static const char sql_cred_list[] =
        CRED_COLS "WHERE issuer_org_id = ?1 ORDER BY issued_at DESC, rowid DESC LIMIT ?2 OFFSET ?3";

static void bind_opt_index(sqlite3_stmt *st, int i, int64_t list_id, int64_t idx)
{
    if (list_id > 0 && idx >= 0)
        sqlite3_bind_int64(st, i, idx);
    else
        sqlite3_bind_null(st, i);
}

enum mc_rc mc_sqlite_credential_put(struct mc_store *s, struct mc_credential_row *c,
                                    struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_cred_put, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, c->id);
    sqlite3_bind_int64(st, 2, c->achievement_id);
    sqlite3_bind_int(st, 3, c->achievement_version);
    sqlite3_bind_int64(st, 4, c->issuer_org_id);
    mc_sqlite_bind_id(st, 5, c->signing_key_id);
    mc_sqlite_bind_id(st, 6, c->recipient_user_id);
    mc_sqlite_bind_text(st, 7, c->recipient_email_hash);
    mc_sqlite_bind_text(st, 8, c->recipient_did);
    mc_sqlite_bind_text(st, 9, c->recipient_name);
    sqlite3_bind_int64(st, 10, c->issued_at);
    sqlite3_bind_int64(st, 11, c->valid_from);
    mc_sqlite_bind_id(st, 12, c->valid_until);
    mc_sqlite_bind_text(st, 13, c->status);
    mc_sqlite_bind_text(st, 14, c->status_reason);
    mc_sqlite_bind_id(st, 15, c->status_changed_at);
    mc_sqlite_bind_text(st, 16, c->document);
    mc_sqlite_bind_text(st, 17, c->format);
    mc_sqlite_bind_id(st, 18, c->revocation_list_id);
    bind_opt_index(st, 19, c->revocation_list_id, c->revocation_index);
    mc_sqlite_bind_id(st, 20, c->suspension_list_id);
    bind_opt_index(st, 21, c->suspension_list_id, c->suspension_index);
    mc_sqlite_bind_text(st, 22, c->idempotency_key);
    mc_sqlite_bind_id(st, 23, c->enrollment_id);
    mc_sqlite_bind_text(st, 24, c->search_name);
    sqlite3_bind_int(st, 25, c->is_imported);
    rc = mc_sqlite_exec_stmt(q, st, "storing a credential", e);
    if (rc == MC_ERR_CONFLICT) {
        if (strstr(e ? e->msg : "", "idempotency_key"))
            return mc_err_set(e, rc, "the idempotency key '%.200s' was used already",
                              c->idempotency_key);
        return mc_err_set(e, rc, "a credential with id %.200s exists already", c->id);
    }
    return rc;
}

/* The columns of CRED_COLS in the current row into `c`. */
static void credential_columns(sqlite3_stmt *st, struct mc_arena *arena,
                               struct mc_credential_row *c)
{
    memset(c, 0, sizeof *c);
    c->id = mc_sqlite_col_text(st, 0, arena);
    c->achievement_id = sqlite3_column_int64(st, 1);
    c->achievement_version = sqlite3_column_int(st, 2);
    c->issuer_org_id = sqlite3_column_int64(st, 3);
    c->signing_key_id = sqlite3_column_int64(st, 4);
    c->recipient_user_id = sqlite3_column_int64(st, 5);
    c->recipient_email_hash = mc_sqlite_col_text(st, 6, arena);
    c->recipient_did = mc_sqlite_col_text(st, 7, arena);
    c->recipient_name = mc_sqlite_col_text(st, 8, arena);
    c->issued_at = sqlite3_column_int64(st, 9);
    c->valid_from = sqlite3_column_int64(st, 10);
    c->valid_until = sqlite3_column_int64(st, 11);
    c->status = mc_sqlite_col_text(st, 12, arena);
    c->status_reason = mc_sqlite_col_text(st, 13, arena);
    c->status_changed_at = sqlite3_column_int64(st, 14);
    c->document = mc_sqlite_col_text(st, 15, arena);
    c->format = mc_sqlite_col_text(st, 16, arena);
    c->revocation_list_id = sqlite3_column_int64(st, 17);
    c->revocation_index =
            sqlite3_column_type(st, 18) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 18);
    c->suspension_list_id = sqlite3_column_int64(st, 19);
    c->suspension_index =
            sqlite3_column_type(st, 20) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 20);
    c->idempotency_key = mc_sqlite_col_text(st, 21, arena);
    c->enrollment_id = sqlite3_column_int64(st, 22);
    c->search_name = mc_sqlite_col_text(st, 23, arena);
    c->is_imported = sqlite3_column_int(st, 24);
}

static enum mc_rc read_credential(struct mc_sqlite *q, sqlite3_stmt *st, const char *what,
                                  struct mc_arena *arena, struct mc_credential_row *c,
                                  struct mc_err *e)
{
    memset(c, 0, sizeof *c);
    int r = sqlite3_step(st);
    if (r == SQLITE_DONE) {
        sqlite3_reset(st);
        return mc_err_set(e, MC_ERR_NOT_FOUND, "no credential %s", what);
    }
    if (r != SQLITE_ROW) {
        enum mc_rc rc = mc_sqlite_fail(q, "reading a credential", e);
        sqlite3_reset(st);
        return rc;
    }
    credential_columns(st, arena, c);
    sqlite3_reset(st);
    return MC_OK;
}

enum mc_rc mc_sqlite_credential_get(struct mc_store *s, int64_t org_id, const char *id,
                                    const char *key, struct mc_arena *arena,
                                    struct mc_credential_row *out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, key ? sql_cred_by_key : sql_cred_get, &st, e);
    if (rc)
        return rc;
    char what[300];
    if (key) {
        sqlite3_bind_int64(st, 1, org_id);
        mc_sqlite_bind_text(st, 2, key);
        snprintf(what, sizeof what, "with idempotency key '%.200s'", key);
    } else {
        mc_sqlite_bind_text(st, 1, id);
        snprintf(what, sizeof what, "with id %.200s", id);
    }
    return read_credential(q, st, what, arena, out, e);
}

enum mc_rc mc_sqlite_credential_set_status(struct mc_store *s, const char *id, const char *status,
                                           const char *reason, int64_t at, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_cred_status, &st, e);
    if (rc)
        return rc;
    mc_sqlite_bind_text(st, 1, id);
    mc_sqlite_bind_text(st, 2, status);
    mc_sqlite_bind_text(st, 3, reason);
    sqlite3_bind_int64(st, 4, at ? at : mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, "changing a credential's status", e);
    if (!rc && sqlite3_changes(q->db) != 1)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "no credential with id %.200s", id);
    return rc;
}

enum mc_rc mc_sqlite_credential_count(struct mc_store *s, int64_t org_id, int64_t *out,
                                      struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_cred_count, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    int r = sqlite3_step(st);
    *out = r == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (r != SQLITE_ROW)
        return mc_sqlite_fail(q, "counting credentials", e);
    return MC_OK;
}

enum mc_rc mc_sqlite_credential_list(struct mc_store *s, int64_t org_id, int64_t limit,
                                     int64_t offset, struct mc_arena *arena,
                                     struct mc_credential_row **out, size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_cred_list, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, org_id);
    sqlite3_bind_int64(st, 2, limit);
    sqlite3_bind_int64(st, 3, offset);
    struct mc_credential_row *rows = mc_arena_calloc(arena, (size_t)limit, sizeof *rows);
    size_t count = 0;
    while (count < (size_t)limit) {
        int r = sqlite3_step(st);
        if (r == SQLITE_DONE)
            break;
        if (r != SQLITE_ROW) {
            rc = mc_sqlite_fail(q, "listing credentials", e);
            break;
        }
        credential_columns(st, arena, &rows[count++]);
    }
    sqlite3_reset(st);
    if (rc)
        return rc;
    *out = count ? rows : NULL;
    *n = count;
    return MC_OK;
}

/* --- skills by id (alignments of issued credentials) --- */

static const char sql_skill_by_id[] =
        "SELECT k.id, k.framework_id, k.slug, k.name, k.code, k.uri, k.description "
        "FROM skills k WHERE k.id = ?1";

enum mc_rc mc_sqlite_skills_by_id(struct mc_store *s, const int64_t *ids, size_t n,
                                  struct mc_arena *arena, struct mc_skill **out, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    struct mc_skill *list = mc_arena_calloc(arena, n ? n : 1, sizeof *list);
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *st = NULL;
        enum mc_rc rc = mc_sqlite_stmt(q, sql_skill_by_id, &st, e);
        if (rc)
            return rc;
        sqlite3_bind_int64(st, 1, ids[i]);
        int r = sqlite3_step(st);
        if (r != SQLITE_ROW) {
            sqlite3_reset(st);
            if (r == SQLITE_DONE)
                return mc_err_set(e, MC_ERR_NOT_FOUND, "no skill with id %lld", (long long)ids[i]);
            return mc_sqlite_fail(q, "reading a skill", e);
        }
        struct mc_skill *k = &list[i];
        k->id = sqlite3_column_int64(st, 0);
        k->framework_id = sqlite3_column_int64(st, 1);
        k->slug = mc_sqlite_col_text(st, 2, arena);
        k->name = mc_sqlite_col_text(st, 3, arena);
        k->code = mc_sqlite_col_text(st, 4, arena);
        k->uri = mc_sqlite_col_text(st, 5, arena);
        k->description = mc_sqlite_col_text(st, 6, arena);
        sqlite3_reset(st);
    }
    *out = list;
    return MC_OK;
}
