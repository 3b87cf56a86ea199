/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: universities' recognition agreements, and what a learner holds to count. */
#include <string.h>

#include "store/sqlite/sqlite.h"

#define MAX_ROWS 10000
#define NEWEST(col)                                                                            \
    "(SELECT a2.id FROM achievements a2 WHERE a2.slug = (SELECT a1.slug FROM achievements a1 " \
    "WHERE a1.id = " col ") ORDER BY a2.version DESC LIMIT 1)"

static const char sql_put[] =
        "INSERT INTO recognition_agreements (university_org_id, provider_org_id, achievement_id, "
        "target_program_id, credits, credit_unit, max_credits, valid_from, valid_to, note, "
        "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char sql_for[] = "SELECT r.id, r.university_org_id, r.provider_org_id, " NEWEST(
        "r.achievement_id") ", r.target_program_id, r.credits, r.credit_unit, "
                            "coalesce(r.max_credits, -1), "
                            "r.valid_from, coalesce(r.valid_to, 0), r.note FROM "
                            "recognition_agreements r "
                            "JOIN programs p ON p.id = r.target_program_id "
                            "WHERE r.target_program_id = ?1 AND r.university_org_id = "
                            "p.institution_org_id "
                            "ORDER BY r.id LIMIT ?2";
static const char sql_creds[] =
        "SELECT c.id, " NEWEST("c.achievement_id") ", c.issuer_org_id, c.issued_at "
                                                   "FROM credentials c WHERE c.recipient_user_id = "
                                                   "?1 AND c.status = 'active' "
                                                   "AND c.valid_from <= ?2 AND (c.valid_until IS "
                                                   "NULL OR c.valid_until > ?2) "
                                                   "ORDER BY c.issued_at, c.id LIMIT ?3";

enum mc_rc mc_sqlite_recognition_put(struct mc_store *s, struct mc_recognition *r, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_put, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, r->university_org_id);
    sqlite3_bind_int64(st, 2, r->provider_org_id);
    sqlite3_bind_int64(st, 3, r->achievement_id);
    sqlite3_bind_int64(st, 4, r->target_program_id);
    sqlite3_bind_double(st, 5, r->credits);
    mc_sqlite_bind_text(st, 6, r->unit);
    mc_sqlite_bind_opt_double(st, 7, r->max_credits);
    sqlite3_bind_int64(st, 8, r->valid_from);
    mc_sqlite_bind_id(st, 9, r->valid_to);
    mc_sqlite_bind_text(st, 10, r->note);
    sqlite3_bind_int64(st, 11, mc_sqlite_now());
    rc = mc_sqlite_exec_stmt(q, st, "adding a recognition agreement", e);
    if (rc == MC_ERR_INVALID)
        return mc_err_set(e, rc, "the university, provider, achievement or program does not exist");
    if (!rc)
        r->id = sqlite3_last_insert_rowid(q->db);
    return rc;
}

enum mc_rc mc_sqlite_recognitions_for(struct mc_store *s, int64_t program_id,
                                      struct mc_arena *arena, struct mc_recognition **out,
                                      size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_for, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, program_id);
    sqlite3_bind_int(st, 2, MAX_ROWS);
    size_t cap = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        *out = mc_arena_grow(arena, *out, *n, 1, &cap, sizeof **out);
        struct mc_recognition *a = &(*out)[(*n)++];
        a->id = sqlite3_column_int64(st, 0);
        a->university_org_id = sqlite3_column_int64(st, 1);
        a->provider_org_id = sqlite3_column_int64(st, 2);
        a->achievement_id = sqlite3_column_int64(st, 3);
        a->target_program_id = sqlite3_column_int64(st, 4);
        a->credits = sqlite3_column_double(st, 5);
        a->unit = mc_sqlite_col_text(st, 6, arena);
        a->max_credits = sqlite3_column_double(st, 7);
        a->valid_from = sqlite3_column_int64(st, 8);
        a->valid_to = sqlite3_column_int64(st, 9);
        a->note = mc_sqlite_col_text(st, 10, arena);
    }
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MC_OK : mc_sqlite_fail(q, "reading recognition agreements", e);
}

enum mc_rc mc_sqlite_credit_credentials(struct mc_store *s, int64_t user_id, int64_t now,
                                        struct mc_arena *arena, struct mc_credit_row **out,
                                        size_t *n, struct mc_err *e)
{
    struct mc_sqlite *q = mc_sqlite_of(s);
    sqlite3_stmt *st = NULL;
    *out = NULL;
    *n = 0;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_creds, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, user_id);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int(st, 3, MAX_ROWS);
    size_t cap = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        *out = mc_arena_grow(arena, *out, *n, 1, &cap, sizeof **out);
        struct mc_credit_row *c = &(*out)[(*n)++];
        c->id = mc_sqlite_col_text(st, 0, arena);
        c->achievement_id = sqlite3_column_int64(st, 1);
        c->issuer_org_id = sqlite3_column_int64(st, 2);
        c->issued_at = sqlite3_column_int64(st, 3);
    }
    sqlite3_reset(st);
    return r == SQLITE_DONE ? MC_OK : mc_sqlite_fail(q, "reading a learner's credentials", e);
}
