/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Issuing over a real database with the demo catalog: a credential is built, signed with the
 * issuer's sealed key, stored verbatim with its status entries, and verifies against the
 * issuer document and status lists the platform publishes; idempotency keys issue nothing twice;
 * revoking, suspending and unsuspending flip the list bits that verifiers read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/demo.h"
#include "app/issue.h"
#include "app/issuer-keys.h"
#include "app/public-docs.h"
#include "base/alloc.h"
#include "base/embed.h"
#include "base/time.h"
#include "test.h"
#include "vc/verify.h"

#define PUBLIC "https://creds.example"

struct fixture {
    struct mc_store *s;
    struct mc_master_key mk;
    struct mc_di *di;
    struct mc_verifier *v;
    struct mc_issuer_env env;
};

static void setup(struct fixture *f)
{
    struct mc_err e;
    char *path = mc_xasprintf("%s/issue.db", mc_test_tmpdir());
    CHECK_INT(mc_store_open(path, MC_STORE_CREATE, &f->s, &e), MC_OK);
    free(path);
    CHECK_INT(mc_app_demo_load(f->s, &mc_embed_demo, NULL, &e), MC_OK);
    mc_master_key_generate(&f->mk);
    f->di = mc_di_new(NULL);
    f->v = mc_verifier_new(NULL);
    f->env = (struct mc_issuer_env){
        .store = f->s, .master_key = &f->mk, .public_url = PUBLIC, .di = f->di
    };
}

static void teardown(struct fixture *f)
{
    mc_verifier_free(f->v);
    mc_di_free(f->di);
    mc_store_close(f->s);
}

static enum mc_rc issue_tx(struct fixture *f, const struct mc_issue_request *req,
                           struct mc_issue_result *out, struct mc_err *e)
{
    enum mc_rc rc = mc_store_begin(f->s, e);
    if (rc)
        return rc;
    rc = mc_issue_credential_tx(&f->env, req, out, e);
    if (!rc)
        rc = mc_store_commit(f->s, e);
    if (rc)
        mc_store_rollback(f->s);
    return rc;
}

static enum mc_rc status_tx(struct fixture *f, const char *id, enum mc_status_change c,
                            const char *reason, struct mc_err *e)
{
    enum mc_rc rc = mc_store_begin(f->s, e);
    if (rc)
        return rc;
    rc = mc_issue_set_status_tx(&f->env, id, c, reason, 0, e);
    if (!rc)
        rc = mc_store_commit(f->s, e);
    if (rc)
        mc_store_rollback(f->s);
    return rc;
}

/* Verify the stored document; `failing` gets the name of the first failing check. */
static bool verify_stored(struct fixture *f, const char *id, char *failing, size_t n)
{
    struct mc_err e;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_credential_row row;
    CHECK_INT(mc_store_credential_get(f->s, id, arena, &row, &e), MC_OK);
    json_t *doc = json_loads(row.document ? row.document : "", 0, NULL);
    struct mc_public_docs docs;
    mc_public_docs_init(&docs, f->s, PUBLIC, NULL);
    struct mc_verify_options o = { .now = mc_time_now(), .docs = &docs.source };
    struct mc_report r;
    mc_report_init(&r);
    mc_verify_credential(f->v, doc, &o, &r);
    bool ok = mc_report_valid(&r);
    failing[0] = 0;
    for (size_t i = 0; i < r.count && !failing[0]; i++)
        if (r.checks[i].status == MC_CHECK_FAIL)
            snprintf(failing, n, "%s: %s", r.checks[i].name, r.checks[i].message);
    mc_report_free(&r);
    mc_public_docs_free(&docs);
    json_decref(doc);
    mc_arena_free(arena);
    return ok;
}

int main(void)
{
    struct fixture f;
    struct mc_err e;
    setup(&f);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_org google;
    CHECK_INT(mc_store_org_get(f.s, "google", arena, &google, &e), MC_OK);

    mc_test_case("no signing key: a clear error");
    struct mc_issue_request req = {
        .achievement_slug = "coursera-google-data-analytics",
        .recipient_email = "ada@example.org",
        .recipient_name = "Ada Lovelace",
    };
    struct mc_issue_result res;
    CHECK_INT(issue_tx(&f, &req, &res, &e), MC_ERR_NOT_FOUND);
    CHECK(strstr(e.msg, "signing key") != NULL);

    mc_test_case("issued, stored, and it verifies against what the platform publishes");
    CHECK_INT(mc_issuer_key_rotate(f.s, &f.mk, google.id, NULL, arena, NULL, &e), MC_OK);
    struct mc_ob3_result grade = { "92", "Completed" };
    struct mc_ob3_evidence ev = { "https://ex.org/projects/1", "Capstone", NULL };
    req.results = &grade;
    req.n_results = 1;
    req.evidence = &ev;
    req.n_evidence = 1;
    req.idempotency_key = "row-1";
    CHECK_INT(issue_tx(&f, &req, &res, &e), MC_OK);
    CHECK(!res.existed && strncmp(res.id, "urn:uuid:", 9) == 0);
    char why[600];
    CHECK(verify_stored(&f, res.id, why, sizeof why));
    CHECK_STR(why, "");
    struct mc_credential_row row;
    CHECK_INT(mc_store_credential_get(f.s, res.id, arena, &row, &e), MC_OK);
    CHECK_STR(row.status, "active");
    CHECK(row.revocation_index >= 0 && row.revocation_index == row.suspension_index);
    CHECK(row.recipient_email_hash && strncmp(row.recipient_email_hash, "sha256$", 7) == 0);
    CHECK(strstr(row.document, "ada@example.org") == NULL);
    CHECK(strstr(row.document, PUBLIC "/issuers/google") != NULL);
    CHECK(strstr(row.document, PUBLIC "/status/google/1/revocation") != NULL);

    mc_test_case("the same idempotency key issues nothing new");
    struct mc_issue_result again;
    CHECK_INT(issue_tx(&f, &req, &again, &e), MC_OK);
    CHECK(again.existed);
    CHECK_STR(again.id, res.id);
    int64_t count = 0;
    CHECK_INT(mc_store_credential_count(f.s, google.id, &count, &e), MC_OK);
    CHECK_INT(count, 1);

    mc_test_case("a second credential gets a different random index");
    struct mc_issue_request req2 = req;
    req2.idempotency_key = "row-2";
    req2.recipient_email = NULL;
    req2.recipient_did = "did:example:grace";
    struct mc_issue_result res2;
    CHECK_INT(issue_tx(&f, &req2, &res2, &e), MC_OK);
    struct mc_credential_row row2;
    CHECK_INT(mc_store_credential_get(f.s, res2.id, arena, &row2, &e), MC_OK);
    CHECK(row2.revocation_index != row.revocation_index);
    CHECK(verify_stored(&f, res2.id, why, sizeof why));

    mc_test_case("bad input names the field and issues nothing");
    struct mc_issue_result none;
    struct mc_issue_request bad = req;
    bad.idempotency_key = NULL;
    bad.recipient_email = "not-an-email";
    CHECK_INT(issue_tx(&f, &bad, &none, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "email");
    bad.recipient_email = NULL;
    CHECK_INT(issue_tx(&f, &bad, &none, &e), MC_ERR_INVALID);
    bad = req;
    bad.idempotency_key = NULL;
    bad.achievement_slug = "no-such-achievement";
    CHECK_INT(issue_tx(&f, &bad, &none, &e), MC_ERR_NOT_FOUND);
    CHECK_INT(mc_store_credential_count(f.s, google.id, &count, &e), MC_OK);
    CHECK_INT(count, 2);

    mc_test_case("suspend: it stops verifying; unsuspend: it verifies again");
    CHECK_INT(status_tx(&f, res.id, MC_CRED_SUSPEND, "under review", &e), MC_OK);
    CHECK(!verify_stored(&f, res.id, why, sizeof why));
    CHECK(strncmp(why, "status", 6) == 0);
    CHECK(verify_stored(&f, res2.id, why, sizeof why));
    CHECK_INT(status_tx(&f, res.id, MC_CRED_SUSPEND, "again", &e), MC_ERR_CONFLICT);
    CHECK_INT(status_tx(&f, res.id, MC_CRED_UNSUSPEND, "review done", &e), MC_OK);
    CHECK(verify_stored(&f, res.id, why, sizeof why));
    CHECK_INT(status_tx(&f, res.id, MC_CRED_UNSUSPEND, "again", &e), MC_ERR_CONFLICT);

    mc_test_case("revoke: permanent, with the reason recorded");
    CHECK_INT(status_tx(&f, res.id, MC_CRED_REVOKE, "", &e), MC_ERR_INVALID);
    CHECK_INT(status_tx(&f, res.id, MC_CRED_REVOKE, "plagiarism", &e), MC_OK);
    CHECK(!verify_stored(&f, res.id, why, sizeof why));
    CHECK(strstr(why, "revoked") != NULL);
    CHECK(verify_stored(&f, res2.id, why, sizeof why));
    CHECK_INT(status_tx(&f, res.id, MC_CRED_REVOKE, "again", &e), MC_ERR_CONFLICT);
    CHECK_INT(status_tx(&f, res.id, MC_CRED_SUSPEND, "x", &e), MC_ERR_CONFLICT);
    CHECK_INT(mc_store_credential_get(f.s, res.id, arena, &row, &e), MC_OK);
    CHECK_STR(row.status, "revoked");
    CHECK_STR(row.status_reason, "plagiarism");
    struct mc_audit_entry *log = NULL;
    size_t n = 0;
    CHECK_INT(mc_store_audit_list(f.s, "credential", res.id, 10, arena, &log, &n, &e), MC_OK);
    CHECK(n >= 4 && strcmp(log[0].action, "credential.revoke") == 0);

    mc_test_case("the issuer's figures");
    struct mc_issuer_analytics an;
    CHECK_INT(mc_store_issuer_analytics(f.s, google.id, 0, arena, &an, &e), MC_OK);
    CHECK_INT(an.n_months, 1);
    if (an.n_months == 1)
        CHECK_INT(an.months[0].issued, 2);
    CHECK(an.active == 1 && an.revoked == 1 && an.suspended == 0);
    CHECK(an.n_skills > 0 && an.skills[0].credentials == 1);
    bool found = false;
    for (size_t i = 0; i < an.n_programs; i++)
        if (strcmp(an.programs[i].slug, "coursera-google-data-analytics") == 0)
            found = an.programs[i].credentials == 2 && an.programs[i].enrolled == 0;
    CHECK(found);

    mc_test_case("the issuer document is a Profile and a controller document");
    json_t *doc = NULL;
    CHECK_INT(mc_issuer_document(f.s, PUBLIC, &google, &doc, &e), MC_OK);
    CHECK_STR(json_string_value(json_object_get(doc, "type")), "Profile");
    CHECK_INT(json_array_size(json_object_get(doc, "assertionMethod")), 1);
    CHECK_INT(mc_di_check_jsonld(f.di, doc, &e), MC_OK);
    json_decref(doc);

    mc_arena_free(arena);
    teardown(&f);
    return mc_test_done();
}
