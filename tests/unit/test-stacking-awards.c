/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Stacked awards over a real database: a learner who earns the three micro-credentials of a
 * nano-degree receives the nano-degree in the same transaction as the third; it verifies; when
 * one of the three is revoked, the nano-degree is suspended with the reason recorded; a learner
 * with two of three gets nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "app/demo.h"
#include "app/issue.h"
#include "app/issuer-keys.h"
#include "app/public-docs.h"
#include "app/records.h"
#include "app/stacking-awards.h"
#include "base/alloc.h"
#include "base/embed.h"
#include "base/time.h"
#include "test.h"
#include "vc/verify.h"

#define PUBLIC "https://creds.example"

static const char *const parts[3] = { "coursera-google-data-analytics",
                                      "coursera-google-it-support",
                                      "coursera-google-project-management" };

static enum mc_rc issue_tx(struct mc_issuer_env *env, const char *slug, const char *email,
                           char id[64], struct mc_err *e)
{
    struct mc_issue_request req = { .achievement_slug = slug, .recipient_email = email };
    struct mc_issue_result res;
    enum mc_rc rc = mc_store_begin(env->store, e);
    if (!rc)
        rc = mc_issue_credential_tx(env, &req, &res, e);
    if (!rc)
        rc = mc_store_commit(env->store, e);
    if (rc)
        mc_store_rollback(env->store);
    else if (id)
        memcpy(id, res.id, sizeof res.id);
    return rc;
}

/* The user's credential of achievement `slug`, or NULL. */
static const struct mc_credential_summary *find(struct mc_store *s, int64_t user, const char *name,
                                                struct mc_arena *arena)
{
    struct mc_credential_summary *list = NULL;
    size_t n = 0;
    if (mc_store_credential_list_for_user(s, user, 100, arena, &list, &n, NULL))
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (list[i].name && strcmp(list[i].name, name) == 0)
            return &list[i];
    return NULL;
}

/* The user's active credential of achievement `name`, or NULL. */
static const struct mc_credential_summary *find_active(struct mc_store *s, int64_t user,
                                                       const char *name, struct mc_arena *arena)
{
    struct mc_credential_summary *list = NULL;
    size_t n = 0;
    if (mc_store_credential_list_for_user(s, user, 100, arena, &list, &n, NULL))
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (list[i].name && strcmp(list[i].name, name) == 0 &&
            strcmp(list[i].status, "active") == 0)
            return &list[i];
    return NULL;
}

static enum mc_rc set_status(struct mc_issuer_env *env, const char *id,
                             enum mc_status_change change, const char *why, struct mc_err *e)
{
    enum mc_rc rc = mc_store_begin(env->store, e);
    if (!rc)
        rc = mc_issue_set_status_tx(env, id, change, why, 0, e);
    if (!rc)
        rc = mc_store_commit(env->store, e);
    if (rc)
        mc_store_rollback(env->store);
    return rc;
}

static size_t count(struct mc_store *s, int64_t user, struct mc_arena *arena)
{
    struct mc_credential_summary *list = NULL;
    size_t n = 0;
    mc_store_credential_list_for_user(s, user, 100, arena, &list, &n, NULL);
    return n;
}

int main(void)
{
    struct mc_err e;
    char *path = mc_xasprintf("%s/stack.db", mc_test_tmpdir());
    struct mc_store *s = NULL;
    CHECK_INT(mc_store_open(path, MC_STORE_CREATE, &s, &e), MC_OK);
    free(path);
    CHECK_INT(mc_app_demo_load(s, &mc_embed_demo, NULL, &e), MC_OK);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_master_key mk;
    mc_master_key_generate(&mk);
    struct mc_di *di = mc_di_new(NULL);
    struct mc_issuer_env env = { .store = s, .master_key = &mk, .public_url = PUBLIC, .di = di };
    struct mc_org google;
    CHECK_INT(mc_store_org_get(s, "google", arena, &google, &e), MC_OK);
    CHECK_INT(mc_issuer_key_rotate(s, &mk, google.id, NULL, arena, NULL, &e), MC_OK);

    mc_test_case("a nano-degree of three micro-credentials");
    struct mc_achievement nano = {
        .slug = "google-data-nanodegree",
        .version = 1,
        .issuer_org_id = google.id,
        .name = "Data Nano-degree",
        .description = "Three Google certificates together.",
        .criteria = "Hold the three certificates.",
        .achievement_type = "MicroCredential",
        .workload_hours = -1,
        .ects = -1,
        .participation = MC_PARTICIPATION_ONLINE,
        .supervision = MC_SUPERVISION_NONE,
        .language = "en",
        .status = MC_STATUS_PUBLISHED,
    };
    CHECK_INT(mc_store_achievement_put(s, &nano, &e), MC_OK);
    char rule[400];
    snprintf(rule, sizeof rule,
             "{\"all-of\": [{\"achievement\": \"%s\"}, {\"achievement\": \"%s\"}, "
             "{\"achievement\": \"%s\"}]}",
             parts[0], parts[1], parts[2]);
    struct mc_program prog = {
        .slug = "google-data-nanodegree",
        .type = MC_PROG_NANO_DEGREE,
        .title = "Data Nano-degree",
        .summary = "Stack three certificates.",
        .platform_org_id = google.id,
        .institution_org_id = google.id,
        .achievement_id = nano.id,
        .language = "en",
        .price_model = MC_PRICE_FREE,
        .stacking_rule = rule,
        .status = MC_STATUS_PUBLISHED,
    };
    CHECK_INT(mc_store_program_put(s, &prog, &e), MC_OK);
    struct mc_user ada = { .email = "ada@example.org", .name = "Ada" };
    struct mc_user bob = { .email = "bob@example.org", .name = "Bob" };
    CHECK_INT(mc_store_user_put(s, &ada, &e), MC_OK);
    CHECK_INT(mc_store_user_put(s, &bob, &e), MC_OK);

    mc_test_case("two of three: nothing stacked");
    char ids[3][64];
    CHECK_INT(issue_tx(&env, parts[0], "ada@example.org", ids[0], &e), MC_OK);
    CHECK_INT(issue_tx(&env, parts[1], "ada@example.org", ids[1], &e), MC_OK);
    CHECK_INT(issue_tx(&env, parts[0], "bob@example.org", NULL, &e), MC_OK);
    CHECK_INT(issue_tx(&env, parts[2], "bob@example.org", NULL, &e), MC_OK);
    CHECK(find(s, ada.id, "Data Nano-degree", arena) == NULL);
    CHECK(find(s, bob.id, "Data Nano-degree", arena) == NULL);
    CHECK_INT(count(s, ada.id, arena), 2);

    mc_test_case("the third: the nano-degree comes with it, and verifies");
    CHECK_INT(issue_tx(&env, parts[2], "ada@example.org", ids[2], &e), MC_OK);
    const struct mc_credential_summary *stacked = find(s, ada.id, "Data Nano-degree", arena);
    CHECK(stacked != NULL);
    CHECK_INT(count(s, ada.id, arena), 4);
    CHECK(find(s, bob.id, "Data Nano-degree", arena) == NULL);
    if (stacked) {
        struct mc_credential_row row;
        CHECK_INT(mc_store_credential_get(s, stacked->id, arena, &row, &e), MC_OK);
        CHECK(row.idempotency_key && strncmp(row.idempotency_key, "stack:", 6) == 0);
        json_t *doc = json_loads(row.document, 0, NULL);
        struct mc_public_docs docs;
        mc_public_docs_init(&docs, s, PUBLIC, NULL);
        struct mc_verifier *v = mc_verifier_new(NULL);
        struct mc_verify_options o = { .now = mc_time_now(), .docs = &docs.source };
        struct mc_report r;
        mc_report_init(&r);
        mc_verify_credential(v, doc, &o, &r);
        CHECK(mc_report_valid(&r));
        mc_report_free(&r);
        mc_verifier_free(v);
        mc_public_docs_free(&docs);
        json_decref(doc);
    }

    mc_test_case("issuing a part again stacks nothing twice");
    CHECK_INT(issue_tx(&env, parts[0], "ada@example.org", NULL, &e), MC_OK);
    CHECK_INT(count(s, ada.id, arena), 5);

    mc_test_case("the learner's record as a signed CLR, with how the credentials stack");
    json_t *clr = NULL;
    CHECK_INT(mc_records_export_clr(&env, ada.id, google.id, &clr, &e), MC_OK);
    if (clr) {
        const json_t *subj = json_object_get(clr, "credentialSubject");
        CHECK_INT(json_array_size(json_object_get(subj, "verifiableCredential")), 5);
        const json_t *assoc = json_object_get(subj, "association");
        CHECK_INT(json_array_size(assoc), 3);
        size_t i;
        const json_t *a;
        json_array_foreach (assoc, i, a) {
            CHECK_STR(json_string_value(json_object_get(a, "associationType")), "isPartOf");
            CHECK(strstr(json_string_value(json_object_get(a, "targetId")),
                         "/achievements/google-data-nanodegree/v1") != NULL);
        }
        struct mc_public_docs docs;
        mc_public_docs_init(&docs, s, PUBLIC, NULL);
        struct mc_verifier *v = mc_verifier_new(NULL);
        struct mc_verify_options o = { .now = mc_time_now(), .docs = &docs.source };
        struct mc_report r;
        mc_report_init(&r);
        mc_verify_credential(v, clr, &o, &r);
        CHECK(mc_report_valid(&r));
        for (size_t k = 0; k < r.count; k++)
            if (r.checks[k].status == MC_CHECK_FAIL)
                CHECK_STR(r.checks[k].message, "");
        mc_report_free(&r);
        mc_verifier_free(v);
        mc_public_docs_free(&docs);
        json_decref(clr);
    }
    CHECK_INT(mc_records_export_clr(&env, bob.id + 1000, google.id, &clr, &e), MC_ERR_NOT_FOUND);

    mc_test_case("revoking a part suspends the nano-degree, with the reason");
    CHECK_INT(mc_store_begin(s, &e), MC_OK);
    CHECK_INT(mc_issue_set_status_tx(&env, ids[1], MC_CRED_REVOKE, "exam fraud", 0, &e), MC_OK);
    CHECK_INT(mc_store_commit(s, &e), MC_OK);
    stacked = find(s, ada.id, "Data Nano-degree", arena);
    CHECK(stacked && strcmp(stacked->status, "suspended") == 0);
    if (stacked) {
        struct mc_credential_row row;
        CHECK_INT(mc_store_credential_get(s, stacked->id, arena, &row, &e), MC_OK);
        CHECK(row.status_reason && strstr(row.status_reason, "exam fraud") &&
              strstr(row.status_reason, "google-data-nanodegree"));
    }
    char first_stack[200] = "";
    if (stacked)
        snprintf(first_stack, sizeof first_stack, "%s", stacked->id);

    mc_test_case("earning the part again reinstates the same nano-degree");
    CHECK_INT(issue_tx(&env, parts[1], "ada@example.org", ids[1], &e), MC_OK);
    stacked = find(s, ada.id, "Data Nano-degree", arena);
    CHECK(stacked && strcmp(stacked->status, "active") == 0 && !strcmp(stacked->id, first_stack));

    mc_test_case("a suspension of the issuer's own is not lifted by the rule");
    CHECK_INT(set_status(&env, first_stack, MC_CRED_SUSPEND, "under review", &e), MC_OK);
    CHECK_INT(issue_tx(&env, parts[2], "ada@example.org", NULL, &e), MC_OK);
    stacked = find(s, ada.id, "Data Nano-degree", arena);
    CHECK(stacked && strcmp(stacked->status, "suspended") == 0);
    CHECK_INT(set_status(&env, first_stack, MC_CRED_UNSUSPEND, "reviewed", &e), MC_OK);

    mc_test_case("a program that revokes on loss, and awards anew when the rule holds again");
    CHECK_INT(mc_store_begin(s, &e), MC_OK);
    CHECK_INT(mc_stacking_save_rule_tx(s, "google-data-nanodegree", rule, strlen(rule), true, NULL,
                                       &e),
              MC_OK);
    CHECK_INT(mc_store_commit(s, &e), MC_OK);
    CHECK_INT(set_status(&env, ids[1], MC_CRED_REVOKE, "issued in error", &e), MC_OK);
    stacked = find(s, ada.id, "Data Nano-degree", arena);
    CHECK(stacked && strcmp(stacked->status, "revoked") == 0);
    CHECK_INT(issue_tx(&env, parts[1], "ada@example.org", NULL, &e), MC_OK);
    /* Two credentials of the nano-degree now, maybe issued in the same second: the new one is
     * the active one. */
    stacked = find_active(s, ada.id, "Data Nano-degree", arena);
    CHECK(stacked && strcmp(stacked->id, first_stack));
    struct mc_credential_row old;
    CHECK_INT(mc_store_credential_get(s, first_stack, arena, &old, &e), MC_OK);
    CHECK_STR(old.status, "revoked");
    if (stacked) {
        struct mc_credential_row row;
        CHECK_INT(mc_store_credential_get(s, stacked->id, arena, &row, &e), MC_OK);
        CHECK(row.idempotency_key && strstr(row.idempotency_key, ":2") != NULL);
    }

    mc_arena_free(arena);
    mc_di_free(di);
    mc_store_close(s);
    return mc_test_done();
}
