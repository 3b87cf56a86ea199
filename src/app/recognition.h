/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Credit toward a university's program from credentials earned elsewhere, under the
 * university's recognition agreements (core/credit.h does the counting and explains each
 * decision). Programs state no credit unit of their own yet: they count in ECTS, with 25 hours
 * of workload to one ECTS credit when an agreement grants hours, and no overall cap.
 */
#ifndef MC_APP_RECOGNITION_H
#define MC_APP_RECOGNITION_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

#define MC_RECOGNITION_HOURS_PER_ECTS 25.0

/* The learner's credit toward program `program_slug` (new reference): the counting's JSON
 * (total, unit, and a line per credential saying what counted and why), with "program" and
 * "university" added. MC_ERR_NOT_FOUND for an unknown program. */
enum mc_rc mc_recognition_credit(struct mc_store *s, int64_t user_id, const char *program_slug,
                                 int64_t now, json_t **out, struct mc_err *e);

#endif
