/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Building Open Badges 3.0 credentials from catalog achievements: the EU standard elements land
 * where docs/ob3-eu-mapping.md says, the result conforms to the 1EdTech schema, is valid JSON-LD,
 * and signs and verifies.
 */
#include <stdlib.h>
#include <string.h>

#include "base/time.h"
#include "crypto/multikey.h"
#include "test.h"
#include "vc/build.h"
#include "vc/di.h"
#include "vc/schema.h"
#include "vc/verify.h"

int main(void)
{
    static const char *outcomes[] = { "Builds a data pipeline in Python",
                                      "Explains the trade-offs of columnar storage" };
    int64_t skills[] = { 1 };
    struct mc_achievement ach = {
        .name = "Data Engineering Foundations",
        .description = "A micro-credential in data engineering.",
        .criteria = "Pass three graded projects.",
        .achievement_type = "MicroCredential",
        .outcomes = outcomes,
        .n_outcomes = 2,
        .workload_hours = 125,
        .ects = 5,
        .eqf_level = 6,
        .assessment_type = "three graded projects and a proctored exam",
        .participation = MC_PARTICIPATION_ONLINE,
        .quality_assurance = "Accredited by the university's QA office",
        .language = "en",
        .supervision = MC_SUPERVISION_ID_VERIFIED,
        .stackable = true,
        .validity_days = 730,
        .version = 2,
        .skill_ids = skills,
        .n_skills = 1,
    };
    struct mc_key key;
    uint8_t seed[32] = { 7 };
    mc_key_generate(&key, seed, NULL);
    struct mc_ob3_issuer iss = { key.controller, "Example University", "https://uni.example", NULL,
                                 NULL };
    struct mc_ob3_alignment al[] = { { "data engineering", "http://data.europa.eu/esco/skill/abc",
                                       "ESCO", "abc" } };
    struct mc_ob3_result res[] = { { "92", "Completed" } };
    struct mc_ob3_evidence ev[] = { { "https://uni.example/projects/42", "Capstone", NULL } };
    struct mc_ob3_award a = {
        .achievement_url = "https://uni.example/achievements/def/2",
        .achievement = &ach,
        .issuer = &iss,
        .recipient_email = "ada@example.org",
        .salt = "pepper",
        .alignments = al,
        .n_alignments = 1,
        .results = res,
        .n_results = 1,
        .evidence = ev,
        .n_evidence = 1,
        .valid_from = 1735689600, /* 2025-01-01 */
    };
    json_t *cred = NULL;
    struct mc_err e;
    mc_test_case("build");
    CHECK_INT(mc_ob3_build(&a, &cred, &e), MC_OK);
    json_t *subj = json_object_get(cred, "credentialSubject");
    json_t *achj = json_object_get(subj, "achievement");
    CHECK_STR(json_string_value(json_object_get(cred, "validUntil")), "2027-01-01T00:00:00Z");
    CHECK(strncmp(json_string_value(json_object_get(cred, "id")), "urn:uuid:", 9) == 0);
    json_t *idobj = json_array_get(json_object_get(subj, "identifier"), 0);
    char want_hash[7 + 65];
    mc_ob3_hash_identity("ada@example.org", "pepper", want_hash);
    CHECK_STR(json_string_value(json_object_get(idobj, "identityHash")), want_hash);
    char *text = json_dumps(cred, 0);
    CHECK(strstr(text, "ada@example.org") == NULL); /* only its hash */
    free(text);
    const char *nar =
            json_string_value(json_object_get(json_object_get(achj, "criteria"), "narrative"));
    CHECK(strstr(nar, "- Builds a data pipeline in Python") != NULL);
    CHECK(strstr(nar, "Notional workload: 125 hours") != NULL);
    CHECK(strstr(nar, "EQF level: 6") != NULL);
    CHECK(strstr(nar, "Form of participation: online") != NULL);
    CHECK(json_number_value(json_object_get(achj, "creditsAvailable")) == 5);
    json_t *eqf = json_array_get(json_object_get(achj, "alignment"), 1);
    CHECK_STR(json_string_value(json_object_get(eqf, "targetUrl")),
              "http://data.europa.eu/snb/eqf/6");

    mc_test_case("the 1EdTech schema, strictly");
    struct mc_schema *s = NULL;
    CHECK_INT(mc_schema_bundled("achievementcredential.json", &s, &e), MC_OK);
    CHECK_INT(mc_schema_validate(s, cred, &e), MC_OK);
    mc_schema_free(s);

    mc_test_case("signed, it verifies");
    struct mc_di *di = mc_di_new(NULL);
    json_t *signed_cred = NULL;
    CHECK_INT(mc_di_sign(di, cred, &key, NULL, &signed_cred, &e), MC_OK);
    struct mc_verifier *v = mc_verifier_new(NULL);
    struct mc_verify_options o = { .now = 1740000000 };
    struct mc_report r;
    mc_report_init(&r);
    mc_verify_credential(v, signed_cred, &o, &r);
    CHECK(mc_report_valid(&r));
    for (size_t i = 0; i < r.count; i++)
        if (r.checks[i].status == MC_CHECK_FAIL)
            CHECK_STR(r.checks[i].message, "");
    mc_report_free(&r);

    mc_test_case("status entries");
    a.status_list_url = "https://uni.example/status/7";
    a.revocation_index = 1234;
    a.suspension_index = 99;
    json_t *with_status = NULL;
    CHECK_INT(mc_ob3_build(&a, &with_status, &e), MC_OK);
    json_t *st = json_object_get(with_status, "credentialStatus");
    CHECK_INT(json_array_size(st), 2);
    CHECK_STR(json_string_value(json_object_get(json_array_get(st, 0), "statusListIndex")), "1234");
    CHECK_STR(json_string_value(json_object_get(json_array_get(st, 1), "statusListCredential")),
              "https://uni.example/status/7/suspension");

    mc_test_case("required inputs");
    struct mc_ob3_award bad = a;
    bad.recipient_email = NULL;
    json_t *none = NULL;
    CHECK_INT(mc_ob3_build(&bad, &none, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "recipient") != NULL);

    json_decref(with_status);
    json_decref(signed_cred);
    json_decref(cred);
    mc_verifier_free(v);
    mc_di_free(di);
    mc_key_free(&key);
    return mc_test_done();
}
