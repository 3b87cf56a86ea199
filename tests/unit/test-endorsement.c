/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Open Badges 3.0 EndorsementCredentials: built for a Profile, an Achievement and a credential,
 * they conform to the 1EdTech EndorsementCredential schema, sign and verify (the verifier picks
 * that schema for them); wrong inputs are refused naming their field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/multikey.h"
#include "test.h"
#include "vc/di.h"
#include "vc/endorsement.h"
#include "vc/schema.h"
#include "vc/verify.h"

#define VALID_FROM  1735689600 /* 2025-01-01 */
#define VALID_UNTIL 1798761600 /* 2027-01-01 */
#define NOW         1748736000 /* 2025-06-01 */

static const char *str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static const struct mc_check *find(const struct mc_report *r, const char *name)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->checks[i].name, name) == 0)
            return &r->checks[i];
    return NULL;
}

static int status(const struct mc_report *r, const char *name)
{
    const struct mc_check *c = find(r, name);
    return c ? (int)c->status : -1;
}

static void print_report(const struct mc_report *r)
{
    for (size_t i = 0; i < r->count; i++)
        fprintf(stderr, "  %s: %s: %s\n", r->checks[i].name,
                mc_check_status_name(r->checks[i].status), r->checks[i].message);
}

static json_t *load(const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", mc_test_source_dir(), rel);
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (!j) {
        fprintf(stderr, "%s: %s\n", path, je.text);
        exit(1);
    }
    return j;
}

static void build_sign_verify(struct mc_di *di, struct mc_verifier *v, const struct mc_key *k)
{
    static const struct {
        const char *what, *subject_id;
    } subjects[] = {
        { "an issuer Profile", "https://provider.example/issuers/1" },
        { "an Achievement", "https://provider.example/achievements/data-science/3" },
        { "a credential", "urn:uuid:0f4ad5d4-2b55-4f2d-9a0c-7c1e5b6d0a11" },
    };
    struct mc_ob3_issuer iss = { k->controller, "Quality Agency", "https://agency.example",
                                 "contact@agency.example", NULL };
    for (size_t i = 0; i < sizeof subjects / sizeof subjects[0]; i++) {
        struct mc_endorsement en = {
            .credential_id = i == 0 ? "https://agency.example/endorsements/1" : NULL,
            .issuer = &iss,
            .subject_id = subjects[i].subject_id,
            .comment = i == 2 ? NULL : "Meets the agency's quality criteria for online programs.",
            .name = "Quality endorsement",
            .description = i == 0 ? "The agency's yearly review." : NULL,
            .valid_from = VALID_FROM,
            .valid_until = i == 1 ? 0 : VALID_UNTIL,
        };
        struct mc_err e;
        json_t *cred = NULL;
        mc_test_case("build: endorsing %s", subjects[i].what);
        if (!CHECK_INT(mc_endorsement_build(&en, &cred, &e), MC_OK)) {
            fprintf(stderr, "%s at %s\n", e.msg, e.where);
            continue;
        }
        json_t *ctx = json_pack("[s, s, s]", "https://www.w3.org/ns/credentials/v2",
                                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                                "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json");
        CHECK(json_equal(json_object_get(cred, "@context"), ctx));
        json_decref(ctx);
        json_t *type = json_pack("[s, s]", "VerifiableCredential", "EndorsementCredential");
        CHECK(json_equal(json_object_get(cred, "type"), type));
        json_decref(type);
        if (i == 0)
            CHECK_STR(str(cred, "id"), "https://agency.example/endorsements/1");
        else
            CHECK(strncmp(str(cred, "id"), "urn:uuid:", 9) == 0);
        json_t *subj = json_object_get(cred, "credentialSubject");
        CHECK_STR(str(subj, "id"), subjects[i].subject_id);
        CHECK_STR(json_string_value(json_array_get(json_object_get(subj, "type"), 0)),
                  "EndorsementSubject");
        CHECK((str(subj, "endorsementComment") != NULL) == (en.comment != NULL));
        json_t *iss_j = json_object_get(cred, "issuer");
        CHECK_STR(str(iss_j, "id"), k->controller);
        CHECK_STR(json_string_value(json_array_get(json_object_get(iss_j, "type"), 0)), "Profile");
        CHECK_STR(str(iss_j, "email"), "contact@agency.example");
        CHECK_STR(str(cred, "validFrom"), "2025-01-01T00:00:00Z");
        if (en.valid_until)
            CHECK_STR(str(cred, "validUntil"), "2027-01-01T00:00:00Z");
        else
            CHECK(json_object_get(cred, "validUntil") == NULL);
        CHECK((str(cred, "description") != NULL) == (en.description != NULL));
        json_t *cs = json_object_get(cred, "credentialSchema");
        CHECK_INT(json_array_size(cs), 1);
        CHECK_STR(str(json_array_get(cs, 0), "id"), MC_ENDORSEMENT_SCHEMA);
        CHECK_STR(str(json_array_get(cs, 0), "type"), "1EdTechJsonSchemaValidator2019");

        mc_test_case("the 1EdTech schema, strictly: endorsing %s", subjects[i].what);
        struct mc_schema *s = NULL;
        CHECK_INT(mc_schema_bundled("endorsementcredential.json", &s, &e), MC_OK);
        if (!CHECK_INT(mc_schema_validate(s, cred, &e), MC_OK))
            fprintf(stderr, "%s at %s\n", e.msg, e.where);
        mc_schema_free(s);

        mc_test_case("signed, it verifies: endorsing %s", subjects[i].what);
        json_t *signed_cred = NULL;
        CHECK_INT(mc_di_sign(di, cred, k, NULL, &signed_cred, &e), MC_OK);
        struct mc_verify_options o = { .now = NOW };
        struct mc_report r;
        mc_report_init(&r);
        mc_verify_credential(v, signed_cred, &o, &r);
        bool ok = CHECK(mc_report_valid(&r));
        ok &= CHECK_INT(status(&r, "types"), MC_CHECK_PASS);
        ok &= CHECK_INT(status(&r, "schema"), MC_CHECK_PASS);
        const struct mc_check *sc = find(&r, "schema");
        ok &= CHECK(sc && strstr(sc->message, "EndorsementCredential") != NULL);
        ok &= CHECK_INT(status(&r, "jsonld"), MC_CHECK_PASS);
        ok &= CHECK_INT(status(&r, "proof"), MC_CHECK_PASS);
        ok &= CHECK_INT(status(&r, "issuer"), MC_CHECK_PASS);
        ok &= CHECK_INT(status(&r, "validity"), MC_CHECK_PASS);
        if (!ok)
            print_report(&r);
        mc_report_free(&r);

        if (i == 0) {
            mc_test_case("expired");
            o.now = VALID_UNTIL + 1;
            mc_report_init(&r);
            mc_verify_credential(v, signed_cred, &o, &r);
            CHECK_INT(status(&r, "validity"), MC_CHECK_FAIL);
            mc_report_free(&r);

            mc_test_case("the schema check catches a missing name");
            json_t *t = json_copy(cred);
            json_object_del(t, "name");
            o.now = NOW;
            mc_report_init(&r);
            mc_verify_credential(v, t, &o, &r);
            CHECK_INT(status(&r, "types"), MC_CHECK_PASS);
            CHECK_INT(status(&r, "schema"), MC_CHECK_FAIL);
            sc = find(&r, "schema");
            CHECK(sc && strstr(sc->message, "name") != NULL);
            mc_report_free(&r);
            json_decref(t);

            mc_test_case("the types check wants an EndorsementSubject");
            t = json_deep_copy(cred);
            json_object_set_new(json_object_get(t, "credentialSubject"), "type",
                                json_pack("[s]", "AchievementSubject"));
            mc_report_init(&r);
            mc_verify_credential(v, t, &o, &r);
            CHECK_INT(status(&r, "types"), MC_CHECK_FAIL);
            mc_report_free(&r);
            json_decref(t);
        }
        json_decref(signed_cred);
        json_decref(cred);
    }
}

/* The specification's own example passes the types and schema checks (it is not signed, and
 * its status list is of a kind not checked here). */
static void official_example(struct mc_verifier *v)
{
    mc_test_case("the specification's endorsement example");
    json_t *ex = load("tests/fixtures/ob3-vectors/endorsement-example.json");
    struct mc_verify_options o = { .now = NOW, .no_status = true };
    struct mc_report r;
    mc_report_init(&r);
    mc_verify_credential(v, ex, &o, &r);
    bool ok = CHECK_INT(status(&r, "types"), MC_CHECK_PASS);
    ok &= CHECK_INT(status(&r, "schema"), MC_CHECK_PASS);
    ok &= CHECK_INT(status(&r, "jsonld"), MC_CHECK_PASS);
    ok &= CHECK_INT(status(&r, "proof"), MC_CHECK_FAIL); /* no proof */
    if (!ok)
        print_report(&r);
    mc_report_free(&r);
    json_decref(ex);
}

static void errors(const struct mc_key *k)
{
    struct mc_ob3_issuer iss = { k->controller, "Quality Agency", NULL, NULL, NULL };
    struct mc_ob3_issuer no_name = { k->controller, NULL, NULL, NULL, NULL };
    struct mc_ob3_issuer relative = { "issuers/1", "Quality Agency", NULL, NULL, NULL };
    const struct mc_endorsement good = {
        .issuer = &iss,
        .subject_id = "https://provider.example/issuers/1",
        .name = "Quality endorsement",
        .valid_from = VALID_FROM,
    };
    struct {
        const char *name;
        struct mc_endorsement en;
        const char *msg, *where;
    } cases[] = {
        { "no issuer", good, "issuer: its id and name", "/issuer" },
        { "an issuer without a name", good, "issuer: its id and name", "/issuer" },
        { "a relative issuer id", good, "issuer.id: \"issuers/1\" is not an absolute IRI",
          "/issuer/id" },
        { "nothing endorsed", good, "subject_id: the id of the endorsed", "/credentialSubject/id" },
        { "a relative subject id", good, "subject_id: \"issuers/1\" is not an absolute IRI",
          "/credentialSubject/id" },
        { "no name", good, "name: an endorsement needs a name", "/name" },
        { "a relative credential id", good, "credential_id: \"e/1\" is not an absolute IRI",
          "/id" },
        { "ends before it begins", good, "valid_until: the endorsement ends before it begins",
          "/validUntil" },
        { "a comment that is not UTF-8", good, "comment: the text is not valid UTF-8",
          "/credentialSubject/endorsementComment" },
    };
    cases[0].en.issuer = NULL;
    cases[1].en.issuer = &no_name;
    cases[2].en.issuer = &relative;
    cases[3].en.subject_id = NULL;
    cases[4].en.subject_id = "issuers/1";
    cases[5].en.name = NULL;
    cases[6].en.credential_id = "e/1";
    cases[7].en.valid_until = VALID_FROM - 1;
    cases[8].en.comment = "caf\xe9";
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("refused: %s", cases[i].name);
        json_t *out = (json_t *)1;
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_endorsement_build(&cases[i].en, &out, &e), MC_ERR_INVALID);
        CHECK(out == NULL);
        if (!CHECK(strstr(e.msg, cases[i].msg) != NULL))
            fprintf(stderr, "  message: %s\n", e.msg);
        CHECK_STR(e.where, cases[i].where);
    }
}

int main(void)
{
    struct mc_key k;
    uint8_t seed[32] = { 9, 8, 7 };
    mc_key_generate(&k, seed, NULL);
    struct mc_di *di = mc_di_new(NULL);
    struct mc_verifier *v = mc_verifier_new(NULL);
    build_sign_verify(di, v, &k);
    official_example(v);
    errors(&k);
    mc_verifier_free(v);
    mc_di_free(di);
    mc_key_free(&k);
    return mc_test_done();
}
