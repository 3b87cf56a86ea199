/* SPDX-License-Identifier: Apache-2.0 */
/* A learner's recognised credit toward a program, from the store's agreements and credentials. */
#include "app/recognition.h"

#include <string.h>

#include "base/arena.h"
#include "core/credit.h"

enum mc_rc mc_recognition_credit(struct mc_store *s, int64_t user_id, const char *program_slug,
                                 int64_t now, json_t **out, struct mc_err *e)
{
    *out = NULL;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_program p;
    struct mc_org uni;
    struct mc_recognition *ag = NULL;
    struct mc_credit_row *cr = NULL;
    size_t n_ag = 0, n_cr = 0;
    enum mc_rc rc = mc_store_program_get(s, program_slug, arena, &p, e);
    if (!rc)
        rc = mc_store_org_get_by_id(s, p.institution_org_id, arena, &uni, e);
    if (!rc)
        rc = mc_store_recognitions_for(s, p.id, arena, &ag, &n_ag, e);
    if (!rc)
        rc = mc_store_credit_credentials(s, user_id, now, arena, &cr, &n_cr, e);
    struct mc_credit_agreement *a = mc_arena_calloc(arena, n_ag + 1, sizeof *a);
    for (size_t i = 0; !rc && i < n_ag; i++)
        a[i] = (struct mc_credit_agreement){
            .id = ag[i].id,
            .provider_org_id = ag[i].provider_org_id,
            .achievement_id = ag[i].achievement_id,
            .credits = ag[i].credits,
            .unit = strcmp(ag[i].unit, "hours") == 0 ? MC_CREDIT_HOURS : MC_CREDIT_ECTS,
            .max_credits = ag[i].max_credits,
            .valid_from = ag[i].valid_from,
            .valid_to = ag[i].valid_to,
        };
    struct mc_credit_credential *c = mc_arena_calloc(arena, n_cr + 1, sizeof *c);
    for (size_t i = 0; !rc && i < n_cr; i++)
        c[i] = (struct mc_credit_credential){ cr[i].id, cr[i].achievement_id, cr[i].issuer_org_id,
                                              cr[i].issued_at };
    struct mc_credit_target t = { .unit = MC_CREDIT_ECTS,
                                  .max_total = -1,
                                  .hours_per_ects = MC_RECOGNITION_HOURS_PER_ECTS };
    struct mc_credit_result *res = NULL;
    if (!rc)
        rc = mc_credit_compute(&t, a, n_ag, c, n_cr, arena, &res, e);
    struct mc_buf b;
    mc_buf_init(&b, 1u << 24);
    if (!rc)
        rc = mc_credit_result_json(res, &b);
    if (!rc) {
        json_t *j = json_loadb(b.data ? b.data : "", b.len, 0, NULL);
        if (!j) {
            rc = mc_err_set(e, MC_ERR_INTERNAL, "the credit result is not JSON");
        } else {
            json_object_set_new(j, "program", json_string(p.slug));
            json_object_set_new(j, "university", json_string(uni.slug));
            *out = j;
        }
    }
    mc_buf_free(&b);
    mc_arena_free(arena);
    return rc;
}
