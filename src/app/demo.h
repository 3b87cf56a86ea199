/* SPDX-License-Identifier: Apache-2.0 */
/* Loading the demo catalog (the JSON files of data/demo) or an operator's seed data into the store.
 */
#ifndef MC_APP_DEMO_H
#define MC_APP_DEMO_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "base/embed.h"
#include "mcred/error.h"
#include "store/store.h"

/* What a load wrote. */
struct mc_demo_stats {
    size_t orgs;
    size_t frameworks;
    size_t skills;
    size_t achievements;
    size_t programs;
    size_t courses;
    size_t assessments;
    size_t questions;
    size_t roles; /* job roles */
};

/* Whether demo data is in the database (any organisation marked as demo). */
enum mc_rc mc_app_demo_is_loaded(struct mc_store *s, bool *loaded, struct mc_err *e);

/*
 * Load every *.json file of `dir` in one transaction: all of it or, on any error, none of it.
 * The files are read in the order orgs.json, skills.json, then the rest by name; within a file,
 * organisations, frameworks, skills, programs, then job roles (see
 * docs/demo-data.md for the format). Demo data already present is MC_ERR_CONFLICT. A bad file
 * is MC_ERR_INVALID with the file and the JSON pointer of the bad field in the message and in
 * e->where ("udacity.json: /programs/2/price/amount"). `stats` may be NULL.
 */
enum mc_rc mc_app_demo_load(struct mc_store *s, const struct mc_embed_dir *dir,
                            struct mc_demo_stats *stats, struct mc_err *e);

/* The same for the *.json files of a directory on disk (each at most 16 MiB). */
enum mc_rc mc_app_demo_load_dir(struct mc_store *s, const char *path, struct mc_demo_stats *stats,
                                struct mc_err *e);

/*
 * Add one program of a provider, written in the same format as a program of the demo files
 * (docs/demo-data.md: the program with its achievement, courses and their assessments), inside
 * the caller's transaction. Its institution must be `institution_org_id`; skills and the
 * platform must exist. Nothing is marked as demo data. Errors are MC_ERR_INVALID with the JSON
 * pointer of the bad field in e->where ("program: /courses/0/title"), or the store's
 * (MC_ERR_CONFLICT for a slug in use).
 */
enum mc_rc mc_app_catalog_add_program(struct mc_store *s, const json_t *program,
                                      int64_t institution_org_id, int64_t *program_id,
                                      struct mc_err *e);

/*
 * Edit a provider's achievement (the same format as a program's "achievement"), inside the
 * caller's transaction. The edit is stored as a new version (the newest + 1): credentials issued
 * under earlier versions keep theirs, and the courses and programs that awarded the newest
 * version award the new one from now on. MC_ERR_NOT_FOUND for an achievement that is not
 * `institution_org_id`'s (as if it did not exist); MC_ERR_INVALID with the JSON pointer for a
 * bad field.
 */
enum mc_rc mc_app_catalog_edit_achievement(struct mc_store *s, const json_t *achievement,
                                           int64_t institution_org_id, int64_t *new_id,
                                           int *new_version, struct mc_err *e);

#endif
