/* SPDX-License-Identifier: Apache-2.0 */
/* The JSON Schema validator on the Open Badges 3.0 schema: the specification's examples pass,
 * and each kind of violation is named with its place. */
#include <stdio.h>
#include <string.h>

#include "test.h"
#include "vc/schema.h"

static json_t *load(const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", mc_test_source_dir(), rel);
    json_t *j = json_load_file(path, JSON_DECODE_INT_AS_REAL, NULL);
    if (!j)
        fprintf(stderr, "cannot load %s\n", path);
    return j;
}

/* Apply a change to a copy of `base`, validate, and check the error. */
static void violation(struct mc_schema *s, const json_t *base, const char *what,
                      void (*change)(json_t *), const char *where, const char *msg)
{
    mc_test_case("violation: %s", what);
    json_t *c = json_deep_copy(base);
    change(c);
    struct mc_err e;
    CHECK_INT(mc_schema_validate_jsonld(s, c, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, where);
    CHECK(strstr(e.msg, msg) != NULL);
    json_decref(c);
}

static json_t *ach(json_t *c)
{
    return json_object_get(json_object_get(c, "credentialSubject"), "achievement");
}
static void no_criteria(json_t *c)
{
    json_object_del(ach(c), "criteria");
}
static void bad_type_enum(json_t *c)
{
    json_object_set_new(ach(c), "achievementType", json_string("Module"));
}
static void bad_date(json_t *c)
{
    json_object_set_new(c, "validFrom", json_string("2010-01-01"));
}
static void no_vc_type(json_t *c)
{
    json_object_set_new(c, "type", json_pack("[s]", "OpenBadgeCredential"));
}
static void bad_context(json_t *c)
{
    json_object_set_new(c, "@context",
                        json_pack("[s, s]", "https://www.w3.org/ns/credentials/v2",
                                  "https://example.org/ob.json"));
}
static void number_name(json_t *c)
{
    json_object_set_new(ach(c), "name", json_real(42));
}
static void extra_issuer(json_t *c)
{
    json_object_set_new(c, "issuer", json_pack("{s:s}", "id", "https://example.org/issuer"));
}

int main(void)
{
    struct mc_schema *s = NULL;
    struct mc_err e;
    mc_test_case("the bundled schema compiles");
    struct mc_schema *none = NULL;
    CHECK_INT(mc_schema_bundled("nothing.json", &none, &e), MC_ERR_NOT_FOUND);
    CHECK_INT(mc_schema_bundled("achievementcredential.json", &s, &e), MC_OK);

    static const char *const examples[] = {
        "tests/fixtures/ob3/examples_basicOpenBadgeCredential-00.json",
        "tests/fixtures/ob3/examples_fullOpenBadge-00.json",
        "tests/fixtures/ob3/examples_skillAssertionCase-00.json",
    };
    for (size_t i = 0; i < 3; i++) {
        mc_test_case("example %s", examples[i]);
        json_t *j = load(examples[i]);
        CHECK(j != NULL);
        CHECK_INT(mc_schema_validate_jsonld(s, j, &e), MC_OK);
        json_decref(j);
    }

    json_t *base = load("tests/fixtures/ob3/examples_basicOpenBadgeCredential-00.json");
    mc_test_case("compacted single values count as arrays only in JSON-LD mode");
    json_t *c = json_deep_copy(base);
    json_object_set_new(ach(c), "type", json_string("Achievement"));
    CHECK_INT(mc_schema_validate_jsonld(s, c, &e), MC_OK);
    CHECK_INT(mc_schema_validate(s, c, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "/credentialSubject/achievement/type");
    json_object_set_new(ach(c), "image", json_string("https://example.org/badge.png"));
    CHECK_INT(mc_schema_validate_jsonld(s, c, &e), MC_OK);
    json_decref(c);

    mc_test_case("several credentialStatus entries, each a CredentialStatus, in JSON-LD mode");
    c = json_deep_copy(base);
    json_object_set_new(c, "credentialStatus",
                        json_pack("[{s:s, s:s, s:s}, {s:s, s:s, s:s}]", "id",
                                  "https://example.org/s/r#7", "type", "BitstringStatusListEntry",
                                  "statusPurpose", "revocation", "id", "https://example.org/s/s#7",
                                  "type", "BitstringStatusListEntry", "statusPurpose",
                                  "suspension"));
    CHECK_INT(mc_schema_validate_jsonld(s, c, &e), MC_OK);
    CHECK_INT(mc_schema_validate(s, c, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "/credentialStatus");
    json_object_del(json_array_get(json_object_get(c, "credentialStatus"), 1), "type");
    CHECK_INT(mc_schema_validate_jsonld(s, c, &e), MC_ERR_INVALID);
    CHECK_STR(e.where, "/credentialStatus/1");
    CHECK(strstr(e.msg, "required property type") != NULL);
    json_object_set_new(c, "credentialStatus", json_array());
    CHECK_INT(mc_schema_validate_jsonld(s, c, &e), MC_ERR_INVALID);
    json_decref(c);

    violation(s, base, "missing criteria", no_criteria, "/credentialSubject/achievement",
              "required property criteria");
    violation(s, base, "achievementType", bad_type_enum,
              "/credentialSubject/achievement/achievementType", "allowed forms");
    violation(s, base, "validFrom", bad_date, "/validFrom", "date-time");
    violation(s, base, "type", no_vc_type, "/type", "VerifiableCredential");
    violation(s, base, "context", bad_context, "/@context/1", "pattern");
    violation(s, base, "name", number_name, "/credentialSubject/achievement/name",
              "must be a string");
    violation(s, base, "issuer", extra_issuer, "/issuer", "allowed forms");
    json_decref(base);
    mc_schema_free(s);

    /* Answers of patterns are remembered per pattern: the same string, tried again and again
     * under two patterns and under a schema made after the first is gone, gets each one's own. */
    mc_test_case("pattern answers are each pattern's own");
    static const char two[] = "{\"type\": \"object\", \"properties\": {"
                              "\"a\": {\"type\": \"string\", \"pattern\": \"^ext:\"},"
                              "\"b\": {\"type\": \"string\", \"pattern\": \"^x\"}}}";
    static const char flipped[] = "{\"type\": \"object\", \"properties\": {"
                                  "\"a\": {\"type\": \"string\", \"pattern\": \"^x\"}}}";
    struct mc_schema *t = NULL;
    CHECK_INT(mc_schema_new(two, strlen(two), &t, &e), MC_OK);
    json_t *v = json_pack("{s:s, s:s}", "a", "ext:X", "b", "xyz");
    json_t *w = json_pack("{s:s, s:s}", "a", "ext:X", "b", "ext:X");
    for (int round = 0; round < 3; round++) {
        CHECK_INT(mc_schema_validate(t, v, &e), MC_OK);
        CHECK_INT(mc_schema_validate(t, w, &e), MC_ERR_INVALID);
        CHECK_STR(e.where, "/b");
    }
    mc_schema_free(t);
    CHECK_INT(mc_schema_new(flipped, strlen(flipped), &t, &e), MC_OK);
    for (int round = 0; round < 2; round++) {
        CHECK_INT(mc_schema_validate(t, w, &e), MC_ERR_INVALID);
        CHECK_STR(e.where, "/a");
    }
    json_decref(v);
    json_decref(w);
    mc_schema_free(t);
    return mc_test_done();
}
