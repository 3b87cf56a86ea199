/* SPDX-License-Identifier: Apache-2.0 */
/* A learner's record as a signed CLR 2.0 credential. */
#include "app/records.h"

#include <stdlib.h>
#include <string.h>

#include "app/issuer-keys.h"
#include "app/stacking-awards.h"
#include "base/arena.h"
#include "base/json.h"
#include "base/time.h"
#include "vc/clr.h"

#define MAX_CREDENTIALS 1000

/* An achievement the learner holds: its slug and the id its credential names (the version
 * issued), looked up once. */
struct held_row {
    const char *slug;
    const char *url;
};

/* The id of the held version of achievement `slug`, or NULL when the learner does not hold it. */
static const char *held_url(const struct held_row *h, size_t n, const char *slug)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(h[i].slug, slug) == 0)
            return h[i].url;
    return NULL;
}

static void add_assoc(struct mc_clr_association **list, size_t *n, size_t *cap,
                      struct mc_arena *arena, const char *source, const char *target)
{
    if (!source || !target || strcmp(source, target) == 0)
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*list)[i].source_id, source) == 0 && strcmp((*list)[i].target_id, target) == 0)
            return;
    *list = mc_arena_grow(arena, *list, *n, 1, cap, sizeof **list);
    (*list)[(*n)++] = (struct mc_clr_association){ .type = MC_CLR_ASSOC_IS_PART_OF,
                                                   .source_id = source,
                                                   .target_id = target };
}

/* Collect the `achievement` slugs a stacking rule names (walking its JSON). */
static void rule_slugs(const json_t *node, const char **out, size_t *n, size_t max)
{
    if (json_is_array(node)) {
        size_t i;
        const json_t *v;
        json_array_foreach (node, i, v)
            rule_slugs(v, out, n, max);
        return;
    }
    if (!json_is_object(node))
        return;
    const char *slug = json_string_value(json_object_get(node, "achievement"));
    if (slug && *n < max)
        out[(*n)++] = slug;
    const char *k;
    const json_t *v;
    json_object_foreach ((json_t *)node, k, v)
        if (json_is_array(v) || json_is_object(v))
            rule_slugs(v, out, n, max);
}

enum mc_rc mc_records_export_clr(const struct mc_issuer_env *env, int64_t user_id,
                                 int64_t issuer_org_id, json_t **out, struct mc_err *e)
{
    *out = NULL;
    struct mc_store *s = env->store;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_user user;
    struct mc_org org;
    enum mc_rc rc = mc_store_user_get(s, user_id, arena, &user, e);
    if (!rc)
        rc = mc_store_org_get_by_id(s, issuer_org_id, arena, &org, e);
    struct mc_credential_summary *list = NULL;
    size_t n = 0;
    if (!rc)
        rc = mc_store_credential_list_for_user(s, user_id, MAX_CREDENTIALS, arena, &list, &n, e);
    json_t *creds = json_array();
    struct held_row *held = mc_arena_calloc(arena, n + 1, sizeof *held);
    size_t n_held = 0;
    for (size_t i = 0; !rc && i < n; i++) {
        if (strcmp(list[i].status, "active") != 0 || list[i].is_imported)
            continue;
        struct mc_credential_row row;
        rc = mc_store_credential_get(s, list[i].id, arena, &row, e);
        json_t *doc = NULL;
        if (!rc)
            mc_json_parse(row.document, strlen(row.document), 0, NULL, &doc, NULL);
        if (!doc)
            continue;
        json_array_append_new(creds, doc);
        struct mc_achievement a;
        if (!mc_store_achievement_get_by_id(s, row.achievement_id, arena, &a, NULL))
            held[n_held++] = (struct held_row){ a.slug, mc_achievement_url(arena, env->public_url,
                                                                           a.slug, a.version) };
    }
    if (!rc && json_array_size(creds) == 0)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "%s holds no active credential to put in a record",
                        user.email);

    /* Associations: a program's courses and parts, and a stack's parts, are part of the
     * program's achievement, when the learner holds both. */
    struct mc_clr_association *assoc = NULL;
    size_t n_assoc = 0, cap = 0;
    struct mc_plan_offering *progs = NULL;
    size_t n_progs = 0;
    if (!rc)
        rc = mc_store_plan_offerings(s, arena, &progs, &n_progs, e);
    for (size_t i = 0; !rc && i < n_progs; i++) {
        if (!progs[i].achievement_id)
            continue;
        struct mc_achievement pa;
        const char *target = NULL;
        if (mc_store_achievement_get_by_id(s, progs[i].achievement_id, arena, &pa, NULL) ||
            !(target = held_url(held, n_held, pa.slug)))
            continue;
        struct mc_program p;
        if (mc_store_program_get_by_id(s, progs[i].id, arena, &p, NULL))
            continue;
        for (size_t k = 0; k < p.n_parts; k++) {
            int64_t part = p.parts[k].achievement_id;
            if (p.parts[k].course_id) {
                struct mc_course c;
                if (!mc_store_course_get_by_id(s, p.parts[k].course_id, arena, &c, NULL))
                    part = c.achievement_id;
            }
            struct mc_achievement ca;
            if (part && !mc_store_achievement_get_by_id(s, part, arena, &ca, NULL))
                add_assoc(&assoc, &n_assoc, &cap, arena, held_url(held, n_held, ca.slug), target);
        }
        if (p.stacking_rule) {
            json_t *rule = json_loads(p.stacking_rule, 0, NULL);
            const char *slugs[256];
            size_t ns = 0;
            rule_slugs(rule, slugs, &ns, 256);
            for (size_t k = 0; k < ns; k++)
                add_assoc(&assoc, &n_assoc, &cap, arena, held_url(held, n_held, slugs[k]), target);
            json_decref(rule);
        }
    }

    json_t *clr = NULL;
    if (!rc) {
        char *issuer_url = mc_issuer_url(env->public_url, org.slug);
        struct mc_ob3_issuer profile = {
            .id = issuer_url, .name = org.name, .url = org.url, .email = org.email
        };
        struct mc_clr_record rec = {
            .issuer = &profile,
            .learner_id = user.did,
            .learner_email = user.email,
            .name = mc_arena_printf(arena, "Learner record of %s", user.name),
            .description =
                    "The credentials this learner holds on the platform, and how they stack.",
            .valid_from = env->now ? env->now : mc_time_now(),
            .credentials = creds,
            .associations = assoc,
            .n_associations = n_assoc,
        };
        rc = mc_clr_build(&rec, &clr, e);
        struct mc_key key = { 0 };
        if (!rc)
            rc = mc_issuer_key_signer(s, env->master_key, org.id, issuer_url, &key, NULL, e);
        if (!rc)
            rc = mc_di_sign(env->di, clr, &key, NULL, out, e);
        mc_key_free(&key);
        free(issuer_url);
    }
    json_decref(clr);
    json_decref(creds);
    mc_arena_free(arena);
    return rc;
}
