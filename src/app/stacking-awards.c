/* SPDX-License-Identifier: Apache-2.0 */
/* Issuing and suspending stacked credentials as a learner's credentials change. */
#include "app/stacking-awards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/time.h"

#define MAX_PASSES 8   /* nested programs completing one another */
#define MAX_AWARDS 100 /* times one learner can be awarded one stack after revocations */

/* How the reason for a suspension or revocation made here starts, so that it can be told from
 * an issuer's own. */
#define LOSS_REASON "the requirements of "

static enum mc_rc lookup(void *ctx, const struct mc_stacking_ref *ref,
                         struct mc_stacking_entity *out, struct mc_err *e)
{
    struct mc_store_stacking_catalog *c = ctx;
    char *slug = ref->slug.len ? mc_arena_strz(c->arena, ref->slug) : NULL;
    struct mc_err quiet;
    enum mc_rc rc;
    switch (ref->kind) {
    case MC_STACKING_REF_ACHIEVEMENT: {
        struct mc_achievement a;
        if (slug) {
            rc = mc_store_achievement_get(c->store, slug, 0, c->arena, &a, &quiet);
        } else {
            rc = mc_store_achievement_get_by_id(c->store, ref->id, c->arena, &a, &quiet);
            /* an older version's id names the achievement by its newest version */
            if (!rc)
                rc = mc_store_achievement_get(c->store, a.slug, 0, c->arena, &a, &quiet);
        }
        if (rc)
            break;
        struct mc_org org;
        rc = mc_store_org_get_by_id(c->store, a.issuer_org_id, c->arena, &org, &quiet);
        if (rc)
            break;
        out->id = a.id;
        out->slug = a.slug;
        out->issuer_id = org.id;
        out->issuer_slug = org.slug;
        out->ects = a.ects;
        out->hours = a.workload_hours;
        return MC_OK;
    }
    case MC_STACKING_REF_PROGRAM: {
        struct mc_program p;
        rc = slug ? mc_store_program_get(c->store, slug, c->arena, &p, &quiet)
                  : mc_store_program_get_by_id(c->store, ref->id, c->arena, &p, &quiet);
        if (rc)
            break;
        out->id = p.id;
        out->slug = p.slug;
        out->rule = p.stacking_rule;
        out->rule_len = p.stacking_rule ? strlen(p.stacking_rule) : 0;
        return MC_OK;
    }
    case MC_STACKING_REF_ISSUER: {
        struct mc_org org;
        rc = slug ? mc_store_org_get(c->store, slug, c->arena, &org, &quiet)
                  : mc_store_org_get_by_id(c->store, ref->id, c->arena, &org, &quiet);
        if (rc)
            break;
        out->id = org.id;
        out->slug = org.slug;
        return MC_OK;
    }
    default: return mc_err_set(e, MC_ERR_INTERNAL, "unknown kind of catalog reference");
    }
    if (rc == MC_ERR_NOT_FOUND || rc == MC_ERR_INVALID)
        return MC_ERR_NOT_FOUND;
    return mc_err_set(e, rc, "%s", quiet.msg);
}

void mc_store_stacking_catalog_init(struct mc_store_stacking_catalog *c, struct mc_store *s,
                                    struct mc_arena *arena)
{
    c->cat.ctx = c;
    c->cat.lookup = lookup;
    c->store = s;
    c->arena = arena;
}

/* The user's held achievements as the evaluator takes them. */
static enum mc_rc held(struct mc_store *s, int64_t user_id, int64_t now, struct mc_arena *arena,
                       struct mc_held_achievement **rows, struct mc_stacking_held **out, size_t *n,
                       struct mc_err *e)
{
    enum mc_rc rc = mc_store_held_achievements(s, user_id, now, arena, rows, n, e);
    if (rc)
        return rc;
    struct mc_stacking_held *h = mc_arena_calloc(arena, *n ? *n : 1, sizeof *h);
    for (size_t i = 0; i < *n; i++)
        h[i] = (struct mc_stacking_held){ (*rows)[i].achievement_id, (*rows)[i].issuer_org_id,
                                          (*rows)[i].ects, (*rows)[i].hours,
                                          (*rows)[i].credential_id };
    *out = h;
    return MC_OK;
}

/* Whether the user holds an active credential of `achievement_id` (any version's row). */
static const struct mc_held_achievement *holding(const struct mc_held_achievement *rows, size_t n,
                                                 int64_t achievement_id)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].achievement_id == achievement_id)
            return &rows[i];
    return NULL;
}

/* Compile and evaluate a program's rule for the held achievements; *met false when the rule
 * no longer compiles. */
static enum mc_rc rule_met(const struct mc_issuer_env *env, const struct mc_stacked_program *p,
                           const struct mc_stacking_held *h, size_t n_held, struct mc_arena *arena,
                           bool *met, struct mc_err *e)
{
    struct mc_store_stacking_catalog cat;
    mc_store_stacking_catalog_init(&cat, env->store, arena);
    struct mc_stacking_rule *rule = NULL;
    struct mc_err err;
    mc_err_clear(&err);
    enum mc_rc rc = mc_stacking_compile(p->rule, strlen(p->rule), p->id, p->slug, &cat.cat, NULL,
                                        arena, &rule, &err);
    *met = false;
    if (rc == MC_ERR_INVALID || rc == MC_ERR_TOO_LARGE)
        return MC_OK;
    if (rc)
        return mc_err_set(e, rc, "program %s: %s", p->slug, err.msg);
    struct mc_stacking_progress *pr = NULL;
    rc = mc_stacking_evaluate(rule, h, n_held, arena, &pr, &err);
    if (rc)
        return mc_err_set(e, rc, "program %s: %s", p->slug, err.msg);
    *met = pr->met;
    return MC_OK;
}

/* The achievement id as the held list names it (the newest version of its slug). */
static int64_t newest_id(struct mc_store *s, int64_t achievement_id, struct mc_arena *arena)
{
    struct mc_achievement a;
    if (mc_store_achievement_get_by_id(s, achievement_id, arena, &a, NULL) ||
        mc_store_achievement_get(s, a.slug, 0, arena, &a, NULL))
        return achievement_id;
    return a.id;
}

/*
 * The stacked credential `id` of program `p` was issued before: when it is suspended because
 * the rule had failed (its reason is ours), the rule holds again, so unsuspend it. A suspension
 * for any other reason is the issuer's and stays. `*revoked`: it was revoked because the rule
 * had failed, so the learner, meeting the rule again, is due a new one.
 */
static enum mc_rc reinstate(const struct mc_issuer_env *env, const struct mc_stacked_program *p,
                            const char *id, struct mc_arena *arena, bool *back, bool *revoked,
                            struct mc_err *e)
{
    *back = *revoked = false;
    struct mc_credential_row c;
    enum mc_rc rc = mc_store_credential_get(env->store, id, arena, &c, e);
    if (rc)
        return rc;
    bool ours = c.status_reason && strncmp(c.status_reason, LOSS_REASON, strlen(LOSS_REASON)) == 0;
    *revoked = ours && strcmp(c.status, "revoked") == 0;
    if (strcmp(c.status, "suspended") != 0 || !ours)
        return MC_OK;
    char reason[300];
    snprintf(reason, sizeof reason, "the requirements of %s hold again", p->slug);
    rc = mc_issue_set_status_tx(env, id, MC_CRED_UNSUSPEND, reason, 0, e);
    *back = rc == MC_OK;
    return rc;
}

enum mc_rc mc_stacking_after_award_tx(const struct mc_issuer_env *env, int64_t user_id,
                                      size_t *issued, struct mc_err *e)
{
    if (issued)
        *issued = 0;
    /* The passes below look for further rules themselves: the issues they make must not. */
    struct mc_issuer_env inner = *env;
    inner.no_stacking = true;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_stacked_program *progs = NULL;
    size_t n_progs = 0;
    enum mc_rc rc = mc_store_stacked_programs(env->store, arena, &progs, &n_progs, e);
    struct mc_user user;
    if (!rc && n_progs)
        rc = mc_store_user_get(env->store, user_id, arena, &user, e);
    for (int pass = 0; !rc && n_progs && pass < MAX_PASSES; pass++) {
        struct mc_held_achievement *rows = NULL;
        struct mc_stacking_held *h = NULL;
        size_t n_held = 0, before = issued ? *issued : 0, fresh = 0;
        rc = held(env->store, user_id, env->now ? env->now : mc_time_now(), arena, &rows, &h,
                  &n_held, e);
        for (size_t i = 0; !rc && i < n_progs; i++) {
            const struct mc_stacked_program *p = &progs[i];
            if (!p->achievement_id ||
                holding(rows, n_held, newest_id(env->store, p->achievement_id, arena)))
                continue;
            bool met = false;
            rc = rule_met(env, p, h, n_held, arena, &met, e);
            if (rc || !met)
                continue;
            /* One idempotency key per award: the first is user:program, and after a revocation
             * for a failed rule the next is user:program:2, and so on. */
            struct mc_issue_result res = { .existed = false };
            bool back = false, revoked = true;
            for (int award = 1; !rc && revoked && award <= MAX_AWARDS; award++) {
                char key[96];
                if (award == 1)
                    snprintf(key, sizeof key, MC_STACKED_KEY_PREFIX "%lld:%lld", (long long)user_id,
                             (long long)p->id);
                else
                    snprintf(key, sizeof key, MC_STACKED_KEY_PREFIX "%lld:%lld:%d",
                             (long long)user_id, (long long)p->id, award);
                struct mc_issue_request req = {
                    .achievement_id = p->achievement_id,
                    .recipient_user_id = user_id,
                    .recipient_email = user.email,
                    .recipient_did = user.did,
                    .recipient_name = user.name,
                    .idempotency_key = key,
                };
                rc = mc_issue_credential_tx(&inner, &req, &res, e);
                revoked = false;
                if (!rc && res.existed)
                    rc = reinstate(&inner, p, res.id, arena, &back, &revoked, e);
            }
            if (rc) {
                mc_err_prefix(e, "stacked credential of program %s", p->slug);
                break;
            }
            if (!res.existed || back)
                fresh++;
        }
        if (issued)
            *issued = before + fresh;
        if (!fresh)
            break;
    }
    mc_arena_free(arena);
    return rc;
}

enum mc_rc mc_stacking_after_loss_tx(const struct mc_issuer_env *env, int64_t user_id,
                                     const char *why, size_t *suspended, struct mc_err *e)
{
    if (suspended)
        *suspended = 0;
    struct mc_issuer_env inner = *env;
    inner.no_stacking = true;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_stacked_program *progs = NULL;
    size_t n_progs = 0;
    enum mc_rc rc = mc_store_stacked_programs(env->store, arena, &progs, &n_progs, e);
    /* A suspension can unmet a rule that nests this one: repeat until nothing changes. */
    for (int pass = 0; !rc && n_progs && pass < MAX_PASSES; pass++) {
        struct mc_held_achievement *rows = NULL;
        struct mc_stacking_held *h = NULL;
        size_t n_held = 0, changed = 0;
        rc = held(env->store, user_id, env->now ? env->now : mc_time_now(), arena, &rows, &h,
                  &n_held, e);
        for (size_t i = 0; !rc && i < n_progs; i++) {
            const struct mc_stacked_program *p = &progs[i];
            if (!p->achievement_id)
                continue;
            const struct mc_held_achievement *stacked =
                    holding(rows, n_held, newest_id(env->store, p->achievement_id, arena));
            if (!stacked || !stacked->idempotency_key ||
                strncmp(stacked->idempotency_key, MC_STACKED_KEY_PREFIX,
                        strlen(MC_STACKED_KEY_PREFIX)) != 0)
                continue;
            bool met = true;
            rc = rule_met(env, p, h, n_held, arena, &met, e);
            if (rc || met)
                continue;
            char reason[300];
            snprintf(reason, sizeof reason, LOSS_REASON "%s no longer hold: %s", p->slug,
                     why && *why ? why : "a credential it stacks on was withdrawn");
            rc = mc_issue_set_status_tx(&inner, stacked->credential_id,
                                        p->revoke_on_loss ? MC_CRED_REVOKE : MC_CRED_SUSPEND,
                                        reason, 0, e);
            if (!rc) {
                changed++;
                if (suspended)
                    (*suspended)++;
            }
        }
        if (!changed)
            break;
    }
    mc_arena_free(arena);
    return rc;
}

enum mc_rc mc_stacking_save_rule_tx(struct mc_store *s, const char *program_slug, const char *text,
                                    size_t len, bool revoke_on_loss, char **canonical,
                                    struct mc_err *e)
{
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_program p;
    enum mc_rc rc = mc_store_program_get(s, program_slug, arena, &p, e);
    struct mc_store_stacking_catalog cat;
    mc_store_stacking_catalog_init(&cat, s, arena);
    struct mc_stacking_rule *rule = NULL;
    if (!rc)
        rc = mc_stacking_compile(text, len, p.id, p.slug, &cat.cat, NULL, arena, &rule, e);
    struct mc_buf out;
    mc_buf_init(&out, 1u << 20);
    if (!rc)
        rc = mc_stacking_rule_json(rule, &out);
    if (!rc)
        rc = mc_store_program_set_rule(s, p.id, out.data, revoke_on_loss, e);
    if (!rc && canonical)
        *canonical = mc_buf_steal(&out, NULL);
    mc_buf_free(&out);
    mc_arena_free(arena);
    return rc;
}

enum mc_rc mc_stacking_progress_all(struct mc_store *s, int64_t user_id, int64_t now, json_t **out,
                                    struct mc_err *e)
{
    *out = NULL;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_stacked_program *progs = NULL;
    size_t n_progs = 0;
    enum mc_rc rc = mc_store_stacked_programs(s, arena, &progs, &n_progs, e);
    struct mc_held_achievement *rows = NULL;
    struct mc_stacking_held *h = NULL;
    size_t n_held = 0;
    if (!rc)
        rc = held(s, user_id, now, arena, &rows, &h, &n_held, e);
    json_t *arr = json_array();
    for (size_t i = 0; !rc && i < n_progs; i++) {
        struct mc_store_stacking_catalog cat;
        mc_store_stacking_catalog_init(&cat, s, arena);
        struct mc_stacking_rule *rule = NULL;
        struct mc_stacking_progress *pr = NULL;
        struct mc_err quiet;
        if (mc_stacking_compile(progs[i].rule, strlen(progs[i].rule), progs[i].id, progs[i].slug,
                                &cat.cat, NULL, arena, &rule, &quiet) ||
            mc_stacking_evaluate(rule, h, n_held, arena, &pr, &quiet))
            continue;
        struct mc_buf b;
        mc_buf_init(&b, 1u << 20);
        json_t *pj = NULL;
        if (!mc_stacking_progress_json(pr, &b))
            pj = json_loadb(b.data ? b.data : "", b.len, 0, NULL);
        mc_buf_free(&b);
        struct mc_program p;
        const char *title =
                mc_store_program_get_by_id(s, progs[i].id, arena, &p, NULL) ? NULL : p.title;
        json_array_append_new(arr, json_pack("{s:s, s:s?, s:b, s:o*}", "program", progs[i].slug,
                                             "title", title, "met", pr->met, "progress", pj));
    }
    if (rc)
        json_decref(arr);
    else
        *out = arr;
    mc_arena_free(arena);
    return rc;
}
