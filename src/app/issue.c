/* SPDX-License-Identifier: Apache-2.0 */
/* Issuing credentials, their status list entries, and status changes. */
#include "app/issue.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/issuer-keys.h"
#include "app/stacking-awards.h"
#include "base/alloc.h"
#include "base/arena.h"
#include "base/json.h"
#include "base/random.h"
#include "base/time.h"
#include "vc/statuslist.h"

/* Entries per status list: the spec's minimum, 16 KiB of bits. A group is full when half its
 * indexes are handed out, so a random pick rarely needs a second try. */
#define LIST_SIZE  MC_STATUS_LIST_MIN_BITS
#define PICK_TRIES 64

char *mc_issuer_url(const char *public_url, const char *org_slug)
{
    return mc_xasprintf("%s/issuers/%s", public_url, org_slug);
}

const char *mc_achievement_url(struct mc_arena *arena, const char *public_url, const char *slug,
                               int version)
{
    return mc_arena_printf(arena, "%s/achievements/%s/v%d", public_url, slug, version);
}

const char *mc_status_change_name(enum mc_status_change c)
{
    switch (c) {
    case MC_CRED_REVOKE: return "revoke";
    case MC_CRED_SUSPEND: return "suspend";
    case MC_CRED_UNSUSPEND: return "unsuspend";
    }
    return "?";
}

static int64_t env_now(const struct mc_issuer_env *env)
{
    return env->now ? env->now : mc_time_now();
}

static char *dump(const json_t *j)
{
    return json_dumps(j, JSON_COMPACT);
}

/* Sign and serialise the list credential of `l` (bits of `row`) under the issuer's key. */
static enum mc_rc publish_list(const struct mc_issuer_env *env, const struct mc_key *key,
                               const char *issuer_url, const char *path, const char *purpose,
                               const struct mc_status_list *l, char **out, struct mc_err *e)
{
    char *url = mc_xasprintf("%s%s", env->public_url, path);
    json_t *cred = mc_status_list_credential(url, issuer_url, purpose, (time_t)env_now(env), l, e);
    free(url);
    if (!cred)
        return e ? e->rc : MC_ERR_INVALID;
    json_t *signed_cred = NULL;
    enum mc_rc rc = mc_di_sign(env->di, cred, key, NULL, &signed_cred, e);
    json_decref(cred);
    if (rc)
        return rc;
    *out = dump(signed_cred);
    json_decref(signed_cred);
    return MC_OK;
}

/* The organisation's current group of status lists (revocation, suspension) with room for one
 * more credential, made (and published) when there is none or the last is half full. */
static enum mc_rc current_group(const struct mc_issuer_env *env, const struct mc_org *org,
                                const struct mc_key *key, const char *issuer_url,
                                struct mc_arena *arena, struct mc_status_list_row lists[2],
                                struct mc_err *e)
{
    struct mc_store *s = env->store;
    enum mc_rc rc = mc_store_status_list_latest(s, org->id, "revocation", arena, &lists[0], e);
    if (rc && rc != MC_ERR_NOT_FOUND)
        return rc;
    if (!rc && lists[0].used * 2 < lists[0].size) {
        char *path = mc_arena_printf(arena, "/status/%s/%lld/suspension", org->slug,
                                     (long long)lists[0].group);
        return mc_store_status_list_get(s, 0, path, arena, &lists[1], e);
    }
    int64_t group = rc ? 1 : lists[0].group + 1;
    static const char *const purposes[2] = { "revocation", "suspension" };
    struct mc_status_list bits = { 0 };
    rc = mc_status_list_init(&bits, LIST_SIZE, e);
    for (int i = 0; !rc && i < 2; i++) {
        char *path = mc_arena_printf(arena, "/status/%s/%lld/%s", org->slug, (long long)group,
                                     purposes[i]);
        char *published = NULL;
        rc = publish_list(env, key, issuer_url, path, purposes[i], &bits, &published, e);
        if (rc)
            break;
        lists[i] = (struct mc_status_list_row){
            .org_id = org->id,
            .purpose = purposes[i],
            .group = group,
            .size = LIST_SIZE,
            .bits = bits.bits,
            .path = path,
            .published = mc_arena_strdup(arena, published),
        };
        free(published);
        rc = mc_store_status_list_put(s, &lists[i], e);
        lists[i].bits = NULL; /* the row keeps no pointer into `bits` */
    }
    mc_status_list_free(&bits);
    return rc;
}

/* A random index free in the group (same index in both lists). */
static enum mc_rc pick_index(struct mc_store *s, const struct mc_status_list_row lists[2],
                             int64_t *idx, struct mc_err *e)
{
    for (int t = 0; t < PICK_TRIES; t++) {
        int64_t i = (int64_t)mc_random_below((uint64_t)lists[0].size);
        bool taken0 = false, taken1 = false;
        enum mc_rc rc = mc_store_status_list_taken(s, lists[0].id, i, &taken0, e);
        if (!rc)
            rc = mc_store_status_list_taken(s, lists[1].id, i, &taken1, e);
        if (rc)
            return rc;
        if (!taken0 && !taken1) {
            *idx = i;
            return MC_OK;
        }
    }
    return mc_err_set(e, MC_ERR_INTERNAL, "no free status list index found in %d tries",
                      PICK_TRIES);
}

static bool plausible_email(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || !at[1] || strchr(at + 1, '@') || strlen(s) > 254)
        return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == '"' || *p == ',')
            return false;
    return strchr(at + 1, '.') != NULL;
}

static bool plausible_did_or_url(const char *s)
{
    if (strncmp(s, "did:", 4) == 0)
        return strlen(s) > 6 && strchr(s + 4, ':') != NULL && !strpbrk(s, " \t\r\n");
    return (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) &&
           !strpbrk(s, " \t\r\n");
}

__attribute__((format(printf, 3, 4))) static enum mc_rc
invalid_field(struct mc_err *e, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(e, MC_ERR_INVALID, fmt, ap);
    va_end(ap);
    mc_err_where(e, "%s", field);
    return MC_ERR_INVALID;
}

static enum mc_rc check_request(const struct mc_issue_request *req, struct mc_err *e)
{
    if (!req->recipient_email && !req->recipient_did)
        return invalid_field(e, "email", "%s", "a recipient needs an email address or a DID");
    if (req->recipient_email && !plausible_email(req->recipient_email))
        return invalid_field(e, "email", "'%.254s' is not an email address", req->recipient_email);
    if (req->recipient_did && !plausible_did_or_url(req->recipient_did))
        return invalid_field(e, "did", "'%.254s' is not a DID or an http(s) URL",
                             req->recipient_did);
    if (req->idempotency_key && (!*req->idempotency_key || strlen(req->idempotency_key) > 200))
        return invalid_field(e, "idempotency_key", "%s",
                             "an idempotency key is 1 to 200 characters");
    for (size_t i = 0; i < req->n_evidence; i++)
        if (!req->evidence[i].id || !plausible_did_or_url(req->evidence[i].id))
            return invalid_field(e, "evidence_url", "evidence URL '%.254s' is not an http(s) URL",
                                 req->evidence[i].id ? req->evidence[i].id : "");
    return MC_OK;
}

static enum mc_rc audit(struct mc_store *s, int64_t actor, int64_t org, const char *action,
                        const char *credential_id, json_t *detail, struct mc_err *e)
{
    char *text = detail ? dump(detail) : NULL;
    json_decref(detail);
    struct mc_audit_entry a = {
        .actor_user_id = actor,
        .org_id = org,
        .action = action,
        .target_type = "credential",
        .target_id = credential_id,
        .detail_json = text,
    };
    enum mc_rc rc = mc_store_audit_append(s, &a, e);
    free(text);
    return rc;
}

static enum mc_rc issue(const struct mc_issuer_env *env, const struct mc_issue_request *req,
                        struct mc_arena *arena, struct mc_key *key, struct mc_issue_result *out,
                        struct mc_err *e)
{
    struct mc_store *s = env->store;
    struct mc_achievement ach;
    enum mc_rc rc;
    if (req->achievement_slug)
        rc = mc_store_achievement_get(s, req->achievement_slug, req->achievement_version, arena,
                                      &ach, e);
    else
        rc = mc_store_achievement_get_by_id(s, req->achievement_id, arena, &ach, e);
    if (rc)
        return rc;
    if (ach.status != MC_STATUS_PUBLISHED)
        return invalid_field(e, "achievement", "achievement '%.100s' is not published", ach.slug);
    struct mc_org org;
    rc = mc_store_org_get_by_id(s, ach.issuer_org_id, arena, &org, e);
    if (rc)
        return rc;

    if (req->idempotency_key) {
        struct mc_credential_row prior;
        rc = mc_store_credential_by_key(s, org.id, req->idempotency_key, arena, &prior, e);
        if (!rc) {
            snprintf(out->id, sizeof out->id, "%s", prior.id);
            out->existed = true;
            return MC_OK;
        }
        if (rc != MC_ERR_NOT_FOUND)
            return rc;
        mc_err_clear(e);
    }
    rc = check_request(req, e);
    if (rc)
        return rc;

    /* An email address of a platform account links the credential to it (the learner's pages
     * and records list it); the credential itself still holds only the hash. */
    int64_t recipient_user = req->recipient_user_id;
    if (!recipient_user && req->recipient_email) {
        struct mc_user u;
        rc = mc_store_user_get_by_email(s, req->recipient_email, arena, &u, e);
        if (!rc)
            recipient_user = u.id;
        else if (rc != MC_ERR_NOT_FOUND)
            return rc;
        mc_err_clear(e);
    }
    char *issuer_url = mc_issuer_url(env->public_url, org.slug);
    int64_t key_row = 0;
    rc = mc_issuer_key_signer(s, env->master_key, org.id, issuer_url, key, &key_row, e);
    struct mc_status_list_row lists[2];
    if (!rc)
        rc = current_group(env, &org, key, issuer_url, arena, lists, e);
    int64_t idx = 0;
    if (!rc)
        rc = pick_index(s, lists, &idx, e);
    struct mc_skill *skills = NULL;
    if (!rc && ach.n_skills)
        rc = mc_store_skills_by_id(s, ach.skill_ids, ach.n_skills, arena, &skills, e);
    if (rc) {
        free(issuer_url);
        return rc;
    }

    struct mc_ob3_alignment *al = mc_arena_calloc(arena, ach.n_skills + 1, sizeof *al);
    for (size_t i = 0; i < ach.n_skills; i++) {
        al[i].name = skills[i].name;
        al[i].url = skills[i].uri ? skills[i].uri
                                  : mc_arena_printf(arena, "%s/skills/%s", env->public_url,
                                                    skills[i].slug);
        al[i].code = skills[i].code;
    }
    char cred_id[MC_URN_UUID_SIZE];
    mc_random_urn_uuid(cred_id);
    int64_t issued_at = req->issued_at ? req->issued_at : env_now(env);
    struct mc_ob3_issuer profile = {
        .id = issuer_url,
        .name = org.name,
        .url = org.url,
        .email = org.email,
    };
    struct mc_ob3_award award = {
        .credential_id = cred_id,
        .achievement_url = mc_achievement_url(arena, env->public_url, ach.slug, ach.version),
        .achievement = &ach,
        .issuer = &profile,
        .recipient_id = req->recipient_did,
        .recipient_email = req->recipient_did ? NULL : req->recipient_email,
        .recipient_name = req->recipient_name,
        .alignments = al,
        .n_alignments = ach.n_skills,
        .results = req->results,
        .n_results = req->n_results,
        .evidence = req->evidence,
        .n_evidence = req->n_evidence,
        .valid_from = issued_at,
        .status_list_url = mc_arena_printf(arena, "%s/status/%s/%lld", env->public_url, org.slug,
                                           (long long)lists[0].group),
        .revocation_index = (size_t)idx,
        .suspension_index = (size_t)idx,
    };
    json_t *cred = NULL, *signed_cred = NULL;
    rc = mc_ob3_build(&award, &cred, e);
    if (!rc)
        rc = mc_di_sign(env->di, cred, key, NULL, &signed_cred, e);
    json_decref(cred);
    char *document = signed_cred ? dump(signed_cred) : NULL;
    /* The hashed identity as written in the credential, to find it by email later. */
    const char *email_hash = NULL;
    json_t *identity =
            json_object_get(json_object_get(signed_cred, "credentialSubject"), "identifier");
    for (size_t i = 0; i < json_array_size(identity); i++) {
        json_t *id = json_array_get(identity, i);
        const char *t = json_string_value(json_object_get(id, "identityType"));
        if (t && strcmp(t, "emailAddress") == 0)
            email_hash = json_string_value(json_object_get(id, "identityHash"));
    }
    struct mc_credential_row row = {
        .id = cred_id,
        .achievement_id = ach.id,
        .achievement_version = ach.version,
        .issuer_org_id = org.id,
        .signing_key_id = key_row,
        .recipient_user_id = recipient_user,
        .recipient_email_hash = email_hash,
        .recipient_did = req->recipient_did,
        .recipient_name = req->recipient_name,
        .issued_at = env_now(env),
        .valid_from = issued_at,
        .valid_until = ach.validity_days ? issued_at + (int64_t)ach.validity_days * 86400 : 0,
        .document = document,
        .revocation_list_id = lists[0].id,
        .revocation_index = idx,
        .suspension_list_id = lists[1].id,
        .suspension_index = idx,
        .idempotency_key = req->idempotency_key,
        .enrollment_id = req->enrollment_id,
        .search_name = ach.name,
    };
    if (!rc && !row.recipient_email_hash && !row.recipient_did && !row.recipient_user_id)
        rc = mc_err_set(e, MC_ERR_INTERNAL, "the built credential has no recipient identity");
    if (!rc)
        rc = mc_store_credential_put(s, &row, e);
    if (!rc)
        rc = mc_store_status_list_claim(s, lists[0].id, idx, cred_id, e);
    if (!rc)
        rc = mc_store_status_list_claim(s, lists[1].id, idx, cred_id, e);
    if (!rc)
        rc = audit(s, req->actor_user_id, org.id, "credential.issue", cred_id,
                   json_pack("{s:s, s:i}", "achievement", ach.slug, "version", ach.version), e);
    /* A learner's new credential may complete a stack (a nano-degree of micro-credentials). */
    if (!rc && recipient_user && !env->no_stacking)
        rc = mc_stacking_after_award_tx(env, recipient_user, NULL, e);
    if (!rc) {
        snprintf(out->id, sizeof out->id, "%s", cred_id);
        out->existed = false;
    }
    free(document);
    json_decref(signed_cred);
    free(issuer_url);
    return rc;
}

enum mc_rc mc_issue_credential_tx(const struct mc_issuer_env *env,
                                  const struct mc_issue_request *req, struct mc_issue_result *out,
                                  struct mc_err *e)
{
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_key key = { 0 };
    memset(out, 0, sizeof *out);
    enum mc_rc rc = issue(env, req, arena, &key, out, e);
    mc_key_free(&key);
    mc_arena_free(arena);
    return rc;
}

/* --- status changes --- */

static enum mc_rc flip(const struct mc_issuer_env *env, const struct mc_org *org, int64_t list_id,
                       int64_t idx, bool value, struct mc_arena *arena, struct mc_err *e)
{
    struct mc_status_list_row row;
    enum mc_rc rc = mc_store_status_list_get(env->store, list_id, NULL, arena, &row, e);
    if (rc)
        return rc;
    struct mc_status_list l = { 0 };
    rc = mc_status_list_init(&l, (size_t)row.size, e);
    if (rc)
        return rc;
    memcpy(l.bits, row.bits, (size_t)row.size / 8);
    rc = mc_status_list_set(&l, (size_t)idx, value, e);
    char *issuer_url = mc_issuer_url(env->public_url, org->slug);
    struct mc_key key = { 0 };
    if (!rc)
        rc = mc_issuer_key_signer(env->store, env->master_key, org->id, issuer_url, &key, NULL, e);
    char *published = NULL;
    if (!rc)
        rc = publish_list(env, &key, issuer_url, row.path, row.purpose, &l, &published, e);
    if (!rc)
        rc = mc_store_status_list_update(env->store, list_id, l.bits, l.nbits / 8, published, e);
    free(published);
    mc_key_free(&key);
    free(issuer_url);
    mc_status_list_free(&l);
    return rc;
}

enum mc_rc mc_issue_set_status_tx(const struct mc_issuer_env *env, const char *credential_id,
                                  enum mc_status_change change, const char *reason,
                                  int64_t actor_user_id, struct mc_err *e)
{
    if (!reason || !*reason) {
        mc_err_set(e, MC_ERR_INVALID, "a reason is required to %s a credential",
                   mc_status_change_name(change));
        mc_err_where(e, "reason");
        return MC_ERR_INVALID;
    }
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_credential_row c;
    struct mc_org org;
    enum mc_rc rc = mc_store_credential_get(env->store, credential_id, arena, &c, e);
    if (!rc)
        rc = mc_store_org_get_by_id(env->store, c.issuer_org_id, arena, &org, e);
    const char *now_status = c.status;
    if (!rc) {
        bool revoked = strcmp(now_status, "revoked") == 0;
        bool suspended = strcmp(now_status, "suspended") == 0;
        if (revoked || (change == MC_CRED_SUSPEND && suspended) ||
            (change == MC_CRED_UNSUSPEND && !suspended))
            rc = mc_err_set(e, MC_ERR_CONFLICT, "credential %s is %s; it cannot be %s", c.id,
                            now_status,
                            change == MC_CRED_REVOKE    ? "revoked again"
                            : change == MC_CRED_SUSPEND ? "suspended"
                                                        : "unsuspended");
    }
    if (!rc && c.is_imported)
        rc = mc_err_set(e, MC_ERR_CONFLICT, "credential %s was imported; only its issuer can %s it",
                        c.id, mc_status_change_name(change));
    int64_t list = change == MC_CRED_REVOKE ? c.revocation_list_id : c.suspension_list_id;
    int64_t idx = change == MC_CRED_REVOKE ? c.revocation_index : c.suspension_index;
    if (!rc && (!list || idx < 0))
        rc = mc_err_set(e, MC_ERR_CONFLICT, "credential %s has no %s status entry", c.id,
                        change == MC_CRED_REVOKE ? "revocation" : "suspension");
    if (!rc)
        rc = flip(env, &org, list, idx, change != MC_CRED_UNSUSPEND, arena, e);
    const char *new_status = change == MC_CRED_REVOKE    ? "revoked"
                             : change == MC_CRED_SUSPEND ? "suspended"
                                                         : "active";
    if (!rc)
        rc = mc_store_credential_set_status(env->store, c.id, new_status, reason, env_now(env), e);
    /* Losing a credential may undo a stack built on it. */
    if (!rc && change != MC_CRED_UNSUSPEND && c.recipient_user_id && !env->no_stacking) {
        char why[300];
        snprintf(why, sizeof why, "%s %s: %s", c.search_name ? c.search_name : c.id,
                 change == MC_CRED_REVOKE ? "was revoked" : "was suspended", reason);
        rc = mc_stacking_after_loss_tx(env, c.recipient_user_id, why, NULL, e);
    }
    if (!rc) {
        char action[40];
        snprintf(action, sizeof action, "credential.%s", mc_status_change_name(change));
        rc = audit(env->store, actor_user_id, org.id, action, c.id,
                   json_pack("{s:s, s:s}", "reason", reason, "was", now_status), e);
    }
    mc_arena_free(arena);
    return rc;
}
