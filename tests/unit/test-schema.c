/* SPDX-License-Identifier: Apache-2.0 */
/* The JSON Schema validator on the Open Badges 3.0 schema: the specification's examples pass,
 * and each kind of violation is named with its place. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "ld/jv.h"
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

/*
 * Cases run twice, on a jansson tree through mc_schema_validate(_jsonld) and on a jv tree through
 * mc_schema_validate_jv: both must give `where` and `msg` (NULL where: the value is valid).
 */
struct vcase {
    const char *what, *schema, *value;
    bool jsonld;
    const char *where, *msg;
};

static const struct vcase vcases[] = {
    { "const: an object with its members in another order",
      "{\"const\": {\"a\": 1, \"b\": [1, \"x\"]}}", "{\"b\": [1, \"x\"], \"a\": 1}", false, NULL,
      NULL },
    { "const: arrays keep their order", "{\"const\": {\"a\": 1, \"b\": [1, \"x\"]}}",
      "{\"b\": [\"x\", 1], \"a\": 1}", false, "/", "the credential: must be a fixed value" },
    { "const: a member too many", "{\"const\": {\"a\": 1, \"b\": [1, \"x\"]}}",
      "{\"a\": 1, \"b\": [1, \"x\"], \"c\": null}", false, "/",
      "the credential: must be a fixed value" },
    { "const: a number by its value", "{\"const\": 2}", "2.0", false, NULL, NULL },
    { "enum: objects in another order", "{\"enum\": [{\"x\": \"1\"}, {\"y\": 2, \"z\": null}]}",
      "{\"z\": null, \"y\": 2}", false, NULL, NULL },
    { "enum: an object with another value", "{\"enum\": [{\"x\": \"1\"}, {\"y\": 2, \"z\": null}]}",
      "{\"z\": null, \"y\": 2.5}", false, "/", "the credential: is not one of the allowed values" },
    { "maxLength counts the bytes after an embedded NUL",
      "{\"properties\": {\"s\": {\"type\": \"string\", \"maxLength\": 3}}}",
      "{\"s\": \"ab\\u0000cd\"}", false, "/s", "/s: is longer than 3 characters" },
    { "maxLength counts code points",
      "{\"properties\": {\"s\": {\"type\": \"string\", \"maxLength\": 3}}}",
      "{\"s\": \"\u00e9\u20acx\"}", false, NULL, NULL },
    { "enum: a string with an embedded NUL is not its prefix",
      "{\"properties\": {\"s\": {\"enum\": [\"ab\", \"cd\"]}}}", "{\"s\": \"ab\\u0000cd\"}", false,
      "/s", "/s: \"ab\" is not one of the allowed values" },
    { "const: a string with an embedded NUL is not its prefix", "{\"const\": \"ab\"}",
      "\"ab\\u0000\"", false, "/", "the credential: must be ab" },
    { "const: a single value is an array of one in JSON-LD",
      "{\"properties\": {\"t\": {\"type\": \"array\", \"const\": [\"a\"]}}}", "{\"t\": \"a\"}",
      true, NULL, NULL },
    { "const: a single value that is not the one item",
      "{\"properties\": {\"t\": {\"type\": \"array\", \"const\": [\"a\"]}}}", "{\"t\": \"b\"}",
      true, "/t", "/t: must be a fixed value" },
    { "const: a single value is not an array outside JSON-LD",
      "{\"properties\": {\"t\": {\"type\": \"array\", \"const\": [\"a\"]}}}", "{\"t\": \"a\"}",
      false, "/t", "/t: must be an array, not a string" },
    { "enum: a single value against arrays",
      "{\"properties\": {\"t\": {\"type\": \"array\", \"enum\": [[\"a\"], [\"b\", \"c\"]]}}}",
      "{\"t\": \"a\"}", true, NULL, NULL },
    { "enum: a single value is not a longer array",
      "{\"properties\": {\"t\": {\"type\": \"array\", \"enum\": [[\"a\"], [\"b\", \"c\"]]}}}",
      "{\"t\": \"b\"}", true, "/t", "/t: \"b\" is not one of the allowed values" },
    { "enum: a single value's array of one is not a string",
      "{\"type\": \"array\", \"enum\": [\"a\"]}", "\"a\"", true, "/",
      "the credential: \"a\" is not one of the allowed values" },
    { "type integer: a whole number", "{\"type\": \"integer\"}", "3.0", false, NULL, NULL },
    { "type integer: a fraction", "{\"type\": \"integer\"}", "3.5", false, "/",
      "the credential: must be an integer, not a number" },
    { "the place of an item under an escaped key",
      "{\"properties\": {\"a/b\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}}}",
      "{\"a/b\": [\"x\", 1]}", false, "/a~1b/1", "/a~1b/1: must be a string, not a number" },
    { "a required property the schema does not describe", "{\"required\": [\"z\"]}", "{\"a\": 1}",
      false, "/", "the credential: the required property z is missing" },
    { "a pattern and a date-time",
      "{\"properties\": {\"p\": {\"pattern\": \"^x\"}, \"d\": {\"format\": \"date-time\"}}}",
      "{\"p\": \"xy\", \"d\": \"2024-01-02\"}", false, "/d",
      "/d: \"2024-01-02\" is not an RFC 3339 date-time with a time zone" },
};

/* Validate `text` under `s` as a jansson tree and as a jv tree; both must give the case's answer.
 */
static void check_both(const struct mc_schema *s, const char *text, bool jsonld, const char *where,
                       const char *msg)
{
    enum mc_rc want = where ? MC_ERR_INVALID : MC_OK;
    struct mc_err e;
    json_t *j = json_loads(text, JSON_DECODE_INT_AS_REAL | JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    if (!CHECK(j != NULL))
        return;
    CHECK_INT(jsonld ? mc_schema_validate_jsonld(s, j, &e) : mc_schema_validate(s, j, &e), want);
    if (where) {
        CHECK_STR(e.where, where);
        CHECK_STR(e.msg, msg);
    }
    json_decref(j);

    struct mc_arena *a = mc_arena_new(0);
    struct jv *v = NULL;
    CHECK_INT(jv_parse(a, text, strlen(text), 64, &v, &e), MC_OK);
    CHECK_INT(mc_schema_validate_jv(s, v, jsonld, &e), want);
    if (where) {
        CHECK_STR(e.where, where);
        CHECK_STR(e.msg, msg);
    }
    mc_arena_free(a);
}

static void jv_cases(void)
{
    for (size_t i = 0; i < sizeof vcases / sizeof *vcases; i++) {
        const struct vcase *c = &vcases[i];
        mc_test_case("jansson and jv: %s", c->what);
        struct mc_schema *s = NULL;
        struct mc_err e;
        if (!CHECK_INT(mc_schema_new(c->schema, strlen(c->schema), &s, &e), MC_OK))
            continue;
        check_both(s, c->value, c->jsonld, c->where, c->msg);
        mc_schema_free(s);
    }
}

/* An object of more members than are looked up in one pass (and than jv_parse indexes). */
static void large_object(void)
{
    mc_test_case("jansson and jv: an object of many members");
    static const char schema[] = "{\"properties\": {\"k39\": {\"type\": \"string\"}}, "
                                 "\"required\": [\"k0\", \"k39\"]}";
    struct mc_schema *s = NULL;
    struct mc_err e;
    CHECK_INT(mc_schema_new(schema, strlen(schema), &s, &e), MC_OK);
    char text[1024];
    size_t len = 0;
    for (int i = 0; i < 40; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%s\"k%d\": %d", i ? ", " : "{", i,
                                i);
    snprintf(text + len, sizeof text - len, "}");
    check_both(s, text, false, "/k39", "/k39: must be a string, not a number");
    text[2] = 'x'; /* the first member, "k0", becomes "x0" */
    check_both(s, text, false, "/", "the credential: the required property k0 is missing");
    mc_schema_free(s);
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

    jv_cases();
    large_object();
    return mc_test_done();
}
