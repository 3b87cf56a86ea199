/* SPDX-License-Identifier: Apache-2.0 */
/* SQLite backend: the public catalog search (struct mc_catalog_filter, see core/catalog.h). */
#include <string.h>

#include "base/alloc.h"
#include "mcred/buf.h"
#include "store/sqlite/sqlite.h"

/*
 * Two fixed statements (the count and one page) serve every combination of filters: a filter
 * whose parameter is NULL is switched off by "?n IS NULL OR ...". The skill filter is a set of
 * program ids found through the skill indices. The words of q are ?6..?13, each tested with LIKE
 * (ASCII case-insensitive) against one text made of the title, summary, description, both org
 * names and the names of the program's and its achievement's skills, kept in program_search
 * by mc_sqlite_program_search_refresh; it is only read when there are words (?6 is not NULL). The
 * words are bound with '%', '_' and '\' escaped and wrapped in '%'. ?14 and ?15 are LIMIT and
 * OFFSET.
 */
#define SKILL_IDS_OF_P                                                               \
    "SELECT ps.skill_id FROM program_skills ps WHERE ps.program_id = p.id "          \
    "UNION SELECT ak.skill_id FROM achievement_skills ak WHERE ak.achievement_id = " \
    "p.achievement_id"

#define WORD(n) "AND (?" #n " IS NULL OR hay LIKE ?" #n " ESCAPE '\\') "

/* The filters need no join: the provider's slug is looked up once, and a covering index
 * (programs_catalog_filter, migration 0002) answers the rest without reading program rows. */
#define FILTERS                                                                               \
    "p.status = 'published' "                                                                 \
    "AND (?1 IS NULL OR p.type = ?1) "                                                        \
    "AND (?2 IS NULL OR p.platform_org_id = (SELECT id FROM organisations WHERE slug = ?2) "  \
    "OR p.institution_org_id = (SELECT id FROM organisations WHERE slug = ?2)) "              \
    "AND (?3 IS NULL OR p.id IN (SELECT ps.program_id FROM program_skills ps "                \
    "JOIN skills k ON k.id = ps.skill_id WHERE k.slug = ?3) OR p.achievement_id IN (SELECT "  \
    "ak.achievement_id FROM achievement_skills ak JOIN skills k ON k.id = ak.skill_id WHERE " \
    "k.slug = ?3)) "                                                                          \
    "AND (?4 IS NULL OR p.price_cents <= ?4) "                                                \
    "AND (?5 IS NULL OR p.duration_weeks <= ?5) "

#define FROM_WHERE "FROM programs p WHERE " FILTERS

/* The ids of the matching programs; the words are matched against program_search.text
 * (migration 0002) only for rows that passed the cheap filters. */
#define MATCHES                                                                                  \
    "WITH m AS MATERIALIZED (SELECT p.id AS id, CASE WHEN ?6 IS NULL THEN '' ELSE (SELECT "      \
    "text FROM program_search WHERE program_id = p.id) END AS hay " FROM_WHERE "), "             \
    "w AS (SELECT id FROM m WHERE 1 " WORD(6) WORD(7) WORD(8) WORD(9) WORD(10) WORD(11) WORD(12) \
            WORD(13) ") "

static const char sql_count[] = MATCHES "SELECT count(*) FROM w";

static const char sql_page[] =
        MATCHES "SELECT " MC_SQLITE_PROGRAM_COLS ", pl.slug, pl.name, ins.slug, ins.name, "
                "a.slug, (SELECT count(*) FROM program_parts pp WHERE pp.program_id = p.id AND "
                "pp.course_id IS NOT NULL) "
                "FROM w JOIN programs p ON p.id = w.id "
                "JOIN organisations pl ON pl.id = p.platform_org_id "
                "JOIN organisations ins ON ins.id = p.institution_org_id "
                "LEFT JOIN achievements a ON a.id = p.achievement_id "
                "ORDER BY p.title, p.id LIMIT ?14 OFFSET ?15";

/* Without words the filters go straight to the programs, so the title index serves the order. */
#define PAGE_COLS                                                                                \
    "SELECT " MC_SQLITE_PROGRAM_COLS ", pl.slug, pl.name, ins.slug, ins.name, a.slug, "          \
    "(SELECT count(*) FROM program_parts pp WHERE pp.program_id = p.id AND pp.course_id IS NOT " \
    "NULL) "

static const char sql_count_plain[] = "SELECT count(*) " FROM_WHERE;

static const char sql_page_plain[] =
        PAGE_COLS "FROM programs p JOIN organisations pl ON pl.id = p.platform_org_id "
                  "JOIN organisations ins ON ins.id = p.institution_org_id "
                  "LEFT JOIN achievements a ON a.id = p.achievement_id "
                  "WHERE " FILTERS "ORDER BY p.title, p.id LIMIT ?14 OFFSET ?15";

static const char sql_item_skills[] =
        "SELECT k.slug, k.name FROM skills k WHERE k.id IN ("
        "SELECT skill_id FROM program_skills WHERE program_id = ?1 "
        "UNION SELECT skill_id FROM achievement_skills WHERE achievement_id = ?2) "
        "ORDER BY k.name, k.slug";

/* "%word%" with LIKE's special characters escaped by '\'. */
static const char *like_pattern(const char *word, struct mc_arena *arena)
{
    size_t n = strlen(word);
    char *p = mc_arena_alloc(arena, 2 * n + 3);
    size_t j = 0;
    p[j++] = '%';
    for (size_t i = 0; i < n; i++) {
        if (word[i] == '%' || word[i] == '_' || word[i] == '\\')
            p[j++] = '\\';
        p[j++] = word[i];
    }
    p[j++] = '%';
    p[j] = '\0';
    return p;
}

static void bind_filter(sqlite3_stmt *st, const struct mc_catalog_query *q,
                        const char *const *patterns)
{
    mc_sqlite_bind_text(st, 1, q->type);
    mc_sqlite_bind_text(st, 2, q->provider);
    mc_sqlite_bind_text(st, 3, q->skill);
    if (q->max_price_cents >= 0)
        sqlite3_bind_int64(st, 4, q->max_price_cents);
    if (q->max_weeks >= 0)
        sqlite3_bind_int64(st, 5, q->max_weeks);
    for (size_t i = 0; i < q->n_words; i++)
        mc_sqlite_bind_text(st, 6 + (int)i, patterns[i]);
}

static enum mc_rc item_skills(struct mc_sqlite *db, struct mc_catalog_item *it,
                              struct mc_arena *arena, struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(db, sql_item_skills, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, it->program.id);
    mc_sqlite_bind_id(st, 2, it->program.achievement_id);
    size_t cap = 0;
    int r;
    for (;;) {
        r = sqlite3_step(st);
        if (r != SQLITE_ROW)
            break;
        if (it->n_skills == cap) {
            /* Arena arrays cannot grow in place: copy into a bigger one (few skills each). */
            size_t ncap = cap ? cap * 2 : 8;
            struct mc_catalog_skill *bigger = mc_arena_calloc(arena, ncap, sizeof *bigger);
            if (it->n_skills)
                memcpy(bigger, it->skills, it->n_skills * sizeof *bigger);
            it->skills = bigger;
            cap = ncap;
        }
        struct mc_catalog_skill *k = &it->skills[it->n_skills++];
        k->slug = mc_sqlite_col_text(st, 0, arena);
        k->name = mc_sqlite_col_text(st, 1, arena);
    }
    if (r != SQLITE_DONE)
        rc = mc_sqlite_fail(db, "reading catalog skills", e);
    sqlite3_reset(st);
    return rc;
}

enum mc_rc mc_sqlite_catalog_search(struct mc_store *s, const struct mc_catalog_query *q,
                                    struct mc_arena *arena, struct mc_catalog_page *out,
                                    struct mc_err *e)
{
    struct mc_sqlite *db = mc_sqlite_of(s);
    const char *patterns[MC_CATALOG_WORDS_MAX];
    for (size_t i = 0; i < q->n_words; i++)
        patterns[i] = like_pattern(q->words[i], arena);

    sqlite3_stmt *st = NULL;
    bool words = q->n_words > 0;
    enum mc_rc rc = mc_sqlite_stmt(db, words ? sql_count : sql_count_plain, &st, e);
    if (rc)
        return rc;
    bind_filter(st, q, patterns);
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = mc_sqlite_fail(db, "counting catalog matches", e);
        goto out;
    }
    out->total = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    if (out->total <= q->offset)
        goto out;

    rc = mc_sqlite_stmt(db, words ? sql_page : sql_page_plain, &st, e);
    if (rc)
        goto out;
    bind_filter(st, q, patterns);
    sqlite3_bind_int64(st, 14, q->limit);
    sqlite3_bind_int64(st, 15, q->offset);
    out->items = mc_arena_calloc(arena, (size_t)q->limit, sizeof *out->items);
    int r;
    for (;;) {
        r = sqlite3_step(st);
        if (r != SQLITE_ROW || out->count == (size_t)q->limit)
            break;
        struct mc_catalog_item *it = &out->items[out->count];
        rc = mc_sqlite_read_program(st, arena, &it->program, e);
        if (rc)
            goto out;
        int c = MC_SQLITE_PROGRAM_NCOLS;
        it->platform_slug = mc_sqlite_col_text(st, c, arena);
        it->platform_name = mc_sqlite_col_text(st, c + 1, arena);
        it->institution_slug = mc_sqlite_col_text(st, c + 2, arena);
        it->institution_name = mc_sqlite_col_text(st, c + 3, arena);
        it->achievement_slug = mc_sqlite_col_text(st, c + 4, arena);
        it->n_courses = (size_t)sqlite3_column_int64(st, c + 5);
        out->count++;
    }
    if (r != SQLITE_DONE && r != SQLITE_ROW) {
        rc = mc_sqlite_fail(db, "reading the catalog", e);
        goto out;
    }
    sqlite3_reset(st);
    st = NULL;
    for (size_t i = 0; i < out->count; i++) {
        rc = item_skills(db, &out->items[i], arena, e);
        if (rc)
            goto out;
    }
out:
    mc_sqlite_reset(st);
    if (rc) {
        out->items = NULL;
        out->count = 0;
    }
    return rc;
}

/* The same text as migration 0002 computes, for one program. */
static const char sql_search_refresh[] =
        "INSERT OR REPLACE INTO program_search (program_id, text) "
        "SELECT p.id, p.title || ' ' || p.summary || ' ' || coalesce(p.description, '') || ' ' || "
        "pl.name || ' ' || ins.name || ' ' || coalesce((SELECT group_concat(k.name, ' ') FROM "
        "skills k WHERE k.id IN (" SKILL_IDS_OF_P ")), '') "
        "FROM programs p JOIN organisations pl ON pl.id = p.platform_org_id "
        "JOIN organisations ins ON ins.id = p.institution_org_id WHERE p.id = ?1";

enum mc_rc mc_sqlite_program_search_refresh(struct mc_sqlite *q, int64_t program_id,
                                            struct mc_err *e)
{
    sqlite3_stmt *st = NULL;
    enum mc_rc rc = mc_sqlite_stmt(q, sql_search_refresh, &st, e);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, program_id);
    return mc_sqlite_exec_stmt(q, st, "indexing a program for search", e);
}
