/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Job roles through the JSON API over a live server on the demo catalog: the public list and
 * one role, an organisation defining its own (201 with Location), and every refusal — 400
 * naming the field, 401, 403 for a token without catalog:write, 404 for an organisation the
 * caller cannot act for, 409 for a slug in use, 415 — with nothing stored by a refused request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "app/demo.h"
#include "base/alloc.h"
#include "base/embed.h"
#include "crypto/password.h"
#include "http-client.h"
#include "http/http.h"
#include "store/store.h"
#include "test.h"

#define PUBLIC "https://creds.example"

static struct mc_master_key mk;

/* Tokens: an employer of google (with and without catalog:write), a learner member of google,
 * an issuer-admin of ibm, the owner of sap, and a platform administrator. */
static char tok_emp[MC_AUTH_TOKEN_SIZE], tok_emp_read[MC_AUTH_TOKEN_SIZE],
        tok_learner[MC_AUTH_TOKEN_SIZE], tok_ibm[MC_AUTH_TOKEN_SIZE], tok_sap[MC_AUTH_TOKEN_SIZE],
        tok_root[MC_AUTH_TOKEN_SIZE];

static char *make_db(void)
{
    char *path = mc_xasprintf("%s/roles.db", mc_test_tmpdir());
    struct mc_store *s = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_store_open(path, MC_STORE_CREATE, &s, &e), MC_OK);
    CHECK_INT(mc_app_demo_load(s, &mc_embed_demo, NULL, &e), MC_OK);
    int64_t emp = mc_test_add_user(s, "hr@example.org", NULL, "google", MC_ROLE_EMPLOYER, false);
    int64_t learner =
            mc_test_add_user(s, "sam@example.org", NULL, "google", MC_ROLE_LEARNER, false);
    int64_t ibm = mc_test_add_user(s, "bob@example.org", NULL, "ibm", MC_ROLE_ISSUER_ADMIN, false);
    int64_t sap = mc_test_add_user(s, "owner@example.org", NULL, "sap", MC_ROLE_OWNER, false);
    int64_t root = mc_test_add_user(s, "root@example.org", NULL, NULL, MC_ROLE_OWNER, true);
    mc_test_add_token(s, emp, "catalog:write", tok_emp);
    mc_test_add_token(s, emp, "learners:read", tok_emp_read);
    mc_test_add_token(s, learner, "catalog:write", tok_learner);
    mc_test_add_token(s, ibm, "catalog:write", tok_ibm);
    mc_test_add_token(s, sap, "catalog:write", tok_sap);
    mc_test_add_token(s, root, "catalog:write", tok_root);
    mc_store_close(s);
    return path;
}

/* A request with a bearer token (may be NULL) and a JSON body (may be NULL). */
static void api(const char *method, const char *path, const char *token, const char *json,
                struct mc_test_reply *r)
{
    char *auth = token ? mc_xasprintf("Authorization: Bearer %s", token) : NULL;
    const char *hs[3] = { 0 };
    size_t n = 0;
    if (auth)
        hs[n++] = auth;
    if (json)
        hs[n++] = "Content-Type: application/json";
    mc_test_http(method, path, hs, json, json ? strlen(json) : 0, r);
    free(auth);
}

/* The role of slug `slug` in a list reply, borrowed from it; NULL if absent. */
static const json_t *find_role(const json_t *doc, const char *slug)
{
    size_t i;
    const json_t *v;
    json_array_foreach (json_object_get(doc, "items"), i, v) {
        if (strcmp(json_string_value(json_object_get(v, "slug")), slug) == 0)
            return v;
    }
    return NULL;
}

static void test_list_and_get(void)
{
    struct mc_test_reply r;
    mc_test_case("the list: public, the demo roles by title, each with its skills");
    mc_test_get("/api/v1/roles", NULL, &r);
    CHECK_INT(r.status, 200);
    CHECK(strncmp(mc_test_header(&r, "Content-Type"), "application/json", 16) == 0);
    if (CHECK(r.json != NULL)) {
        const json_t *items = json_object_get(r.json, "items");
        CHECK_INT(json_array_size(items), 3);
        CHECK_INT(json_integer_value(json_object_get(r.json, "total")), 3);
        static const char *const by_title[] = { "cloud-support-associate", "junior-data-analyst",
                                                "machine-learning-engineer" };
        for (size_t i = 0; i < 3; i++)
            CHECK_STR(json_string_value(json_object_get(json_array_get(items, i), "slug")),
                      by_title[i]);
        const json_t *da = find_role(r.json, "junior-data-analyst");
        if (CHECK(da != NULL)) {
            CHECK_STR(json_string_value(json_object_get(da, "title")), "Junior data analyst");
            CHECK(json_is_string(json_object_get(da, "description")));
            const json_t *org = json_object_get(da, "organisation");
            CHECK_STR(json_string_value(json_object_get(org, "slug")), "google");
            CHECK_STR(json_string_value(json_object_get(org, "name")), "Google");
            CHECK(json_is_true(json_object_get(da, "demo")));
            CHECK_STR(json_string_value(json_object_get(da, "url")),
                      PUBLIC "/api/v1/roles/junior-data-analyst");
            const json_t *sk = json_object_get(da, "skills");
            CHECK_INT(json_array_size(sk), 5);
            /* Highest level first, then by slug. */
            CHECK_STR(json_string_value(json_object_get(json_array_get(sk, 0), "skill")),
                      "data-analysis");
            CHECK_INT(json_integer_value(json_object_get(json_array_get(sk, 0), "level")), 3);
            CHECK_STR(json_string_value(json_object_get(json_array_get(sk, 1), "skill")), "sql");
            CHECK(json_is_string(json_object_get(json_array_get(sk, 0), "name")));
        }
        const json_t *ml = find_role(r.json, "machine-learning-engineer");
        if (CHECK(ml != NULL))
            CHECK(json_is_null(json_object_get(ml, "organisation")));
    }
    mc_test_reply_free(&r);

    mc_test_case("the list takes no query parameters");
    mc_test_get("/api/v1/roles?org=google", NULL, &r);
    mc_test_check_problem(&r, 400, "unknown_parameter", "org");
    mc_test_reply_free(&r);

    mc_test_case("one role, public");
    mc_test_get("/api/v1/roles/cloud-support-associate", NULL, &r);
    CHECK_INT(r.status, 200);
    if (CHECK(r.json != NULL)) {
        CHECK_STR(json_string_value(json_object_get(r.json, "slug")), "cloud-support-associate");
        CHECK_STR(
                json_string_value(json_object_get(json_object_get(r.json, "organisation"), "slug")),
                "microsoft");
        CHECK_INT(json_array_size(json_object_get(r.json, "skills")), 4);
    }
    mc_test_reply_free(&r);

    mc_test_case("an unknown role is 404 naming it");
    static const char *const unknown[] = { "/api/v1/roles/astronaut",
                                           "/api/v1/roles/Not%20A%20Slug" };
    for (size_t i = 0; i < 2; i++) {
        mc_test_get(unknown[i], NULL, &r);
        mc_test_check_problem(&r, 404, "not_found", "slug");
        CHECK(i || mc_test_has(&r, "astronaut"));
        mc_test_reply_free(&r);
    }

    mc_test_case("the list is read-only");
    api("POST", "/api/v1/roles", tok_root, "{}", &r);
    CHECK_INT(r.status, 405);
    mc_test_reply_free(&r);
}

static void test_create(void)
{
    struct mc_test_reply r;
    mc_test_case("an employer defines a role for its organisation: 201 with Location");
    api("POST", "/api/v1/organisations/google/roles", tok_emp,
        "{\"slug\": \"bi-developer\", \"title\": \"BI developer\", \"description\": \"Builds "
        "dashboards\", \"skills\": [{\"skill\": \"sql\", \"level\": 4}, \"data-visualization\", "
        "{\"skill\": \"python\"}]}",
        &r);
    CHECK_INT(r.status, 201);
    CHECK_STR(mc_test_header(&r, "Location"), PUBLIC "/api/v1/roles/bi-developer");
    if (CHECK(r.json != NULL)) {
        CHECK_STR(json_string_value(json_object_get(r.json, "slug")), "bi-developer");
        CHECK_STR(json_string_value(json_object_get(r.json, "description")), "Builds dashboards");
        CHECK_STR(
                json_string_value(json_object_get(json_object_get(r.json, "organisation"), "slug")),
                "google");
        CHECK(json_is_false(json_object_get(r.json, "demo")));
        const json_t *sk = json_object_get(r.json, "skills");
        if (CHECK_INT(json_array_size(sk), 3)) {
            CHECK_STR(json_string_value(json_object_get(json_array_get(sk, 0), "skill")), "sql");
            CHECK_INT(json_integer_value(json_object_get(json_array_get(sk, 0), "level")), 4);
            /* A bare slug and an object without a level are level 1. */
            CHECK_INT(json_integer_value(json_object_get(json_array_get(sk, 1), "level")), 1);
            CHECK_INT(json_integer_value(json_object_get(json_array_get(sk, 2), "level")), 1);
            CHECK_STR(json_string_value(json_object_get(json_array_get(sk, 1), "skill")),
                      "data-visualization");
        }
    }
    mc_test_reply_free(&r);
    mc_test_get("/api/v1/roles/bi-developer", NULL, &r);
    CHECK_INT(r.status, 200);
    mc_test_reply_free(&r);
    mc_test_get("/api/v1/roles", NULL, &r);
    CHECK(r.json && find_role(r.json, "bi-developer") != NULL);
    CHECK_INT(json_integer_value(json_object_get(r.json, "total")), 4);
    mc_test_reply_free(&r);

    mc_test_case("an issuer-admin, an owner and a platform administrator may too");
    api("POST", "/api/v1/organisations/ibm/roles", tok_ibm,
        "{\"slug\": \"ledger-analyst\", \"title\": \"Ledger analyst\", \"skills\": "
        "[\"blockchain\"]}",
        &r);
    CHECK_INT(r.status, 201);
    mc_test_reply_free(&r);
    api("POST", "/api/v1/organisations/sap/roles", tok_sap,
        "{\"slug\": \"erp-consultant\", \"title\": \"ERP consultant\", \"skills\": [\"erp\"]}", &r);
    CHECK_INT(r.status, 201);
    mc_test_reply_free(&r);
    api("POST", "/api/v1/organisations/microsoft/roles", tok_root,
        "{\"slug\": \"azure-admin\", \"title\": \"Azure administrator\", \"skills\": "
        "[{\"skill\": \"cloud-computing\", \"level\": 5}]}",
        &r);
    CHECK_INT(r.status, 201);
    if (CHECK(r.json != NULL))
        CHECK_STR(
                json_string_value(json_object_get(json_object_get(r.json, "organisation"), "name")),
                "Microsoft");
    mc_test_reply_free(&r);

    mc_test_case("a slug in use is 409, a demo role's or a new one's");
    static const char *const taken[] = {
        "{\"slug\": \"junior-data-analyst\", \"title\": \"X\", \"skills\": [\"sql\"]}",
        "{\"slug\": \"bi-developer\", \"title\": \"Y\", \"skills\": [\"sql\"]}",
    };
    for (size_t i = 0; i < 2; i++) {
        api("POST", "/api/v1/organisations/google/roles", tok_emp, taken[i], &r);
        mc_test_check_problem(&r, 409, "conflict", "/slug");
        CHECK(mc_test_has(&r, "exists already"));
        mc_test_reply_free(&r);
    }
}

/* A body refused with 400: its code and the field it names. */
#define A10 "aaaaaaaaaa"
static const struct {
    const char *name, *body, *code, *where;
} bad_bodies[] = {
    { "not JSON", "{\"slug\": ", "invalid_body", "body" },
    { "not an object", "[1]", "invalid_body", "body" },
    { "an unknown member", "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [\"sql\"], \"pay\": 1}",
      "invalid_body", "pay" },
    { "no slug", "{\"title\": \"X\", \"skills\": [\"sql\"]}", "invalid_field", "/slug" },
    { "a bad slug", "{\"slug\": \"Data Analyst\", \"title\": \"X\", \"skills\": [\"sql\"]}",
      "invalid_field", "/slug" },
    { "a slug too long",
      "{\"slug\": \"" A10 A10 A10 A10 A10 A10 A10 A10 A10 A10 "a\", \"title\": \"X\", "
      "\"skills\": [\"sql\"]}",
      "invalid_field", "/slug" },
    { "a slug not a string", "{\"slug\": 7, \"title\": \"X\", \"skills\": [\"sql\"]}",
      "invalid_body", "slug" },
    { "no title", "{\"slug\": \"x\", \"skills\": [\"sql\"]}", "invalid_field", "/title" },
    { "an empty title", "{\"slug\": \"x\", \"title\": \"\", \"skills\": [\"sql\"]}",
      "invalid_field", "/title" },
    { "a description not a string",
      "{\"slug\": \"x\", \"title\": \"X\", \"description\": [], \"skills\": [\"sql\"]}",
      "invalid_body", "description" },
    { "no skills", "{\"slug\": \"x\", \"title\": \"X\"}", "invalid_field", "/skills" },
    { "empty skills", "{\"slug\": \"x\", \"title\": \"X\", \"skills\": []}", "invalid_field",
      "/skills" },
    { "skills not an array", "{\"slug\": \"x\", \"title\": \"X\", \"skills\": \"sql\"}",
      "invalid_field", "/skills" },
    { "an unknown skill", "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [\"sql\", \"cobol\"]}",
      "invalid_field", "/skills/1" },
    { "an unknown skill in an object",
      "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [{\"skill\": \"cobol\", \"level\": 2}]}",
      "invalid_field", "/skills/0/skill" },
    { "an empty skill", "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [\"\"]}", "invalid_field",
      "/skills/0" },
    { "a level of 0",
      "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [{\"skill\": \"sql\", \"level\": 0}]}",
      "invalid_field", "/skills/0/level" },
    { "a level of 6",
      "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [\"python\", {\"skill\": \"sql\", "
      "\"level\": "
      "6}]}",
      "invalid_field", "/skills/1/level" },
    { "a level as text",
      "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [{\"skill\": \"sql\", \"level\": \"3\"}]}",
      "invalid_field", "/skills/0/level" },
    { "a fractional level",
      "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [{\"skill\": \"sql\", \"level\": 2.5}]}",
      "invalid_field", "/skills/0/level" },
    { "a skill without its slug",
      "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [{\"level\": 2}]}", "invalid_field",
      "/skills/0/skill" },
    { "an unknown member of a skill",
      "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [{\"skill\": \"sql\", \"weight\": 2}]}",
      "invalid_field", "/skills/0/weight" },
    { "a skill that is a number", "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [42]}",
      "invalid_field", "/skills/0" },
    { "a skill twice",
      "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [\"sql\", {\"skill\": \"sql\", \"level\": "
      "3}]}",
      "invalid_field", "/skills/1" },
};

static void test_refusals(void)
{
    struct mc_test_reply r;
    for (size_t i = 0; i < sizeof bad_bodies / sizeof bad_bodies[0]; i++) {
        mc_test_case("400: %s", bad_bodies[i].name);
        api("POST", "/api/v1/organisations/google/roles", tok_emp, bad_bodies[i].body, &r);
        mc_test_check_problem(&r, 400, bad_bodies[i].code, bad_bodies[i].where);
        mc_test_reply_free(&r);
    }

    mc_test_case("400: a title or a description too long");
    char *long_title =
            mc_xasprintf("{\"slug\": \"x\", \"title\": \"%0201d\", \"skills\": [\"sql\"]}", 0);
    api("POST", "/api/v1/organisations/google/roles", tok_emp, long_title, &r);
    mc_test_check_problem(&r, 400, "invalid_field", "/title");
    mc_test_reply_free(&r);
    free(long_title);
    char *long_desc = mc_xasprintf("{\"slug\": \"x\", \"title\": \"X\", \"description\": "
                                   "\"%04001d\", \"skills\": [\"sql\"]}",
                                   0);
    api("POST", "/api/v1/organisations/google/roles", tok_emp, long_desc, &r);
    mc_test_check_problem(&r, 400, "invalid_field", "/description");
    mc_test_reply_free(&r);
    free(long_desc);

    mc_test_case("400: more than 100 skills");
    struct mc_buf b;
    mc_buf_init(&b, 1 << 20);
    mc_buf_appendz(&b, "{\"slug\": \"x\", \"title\": \"X\", \"skills\": [");
    for (int i = 0; i < MC_JOB_ROLE_SKILLS_MAX + 1; i++)
        mc_buf_printf(&b, "%s\"sql\"", i ? ", " : "");
    mc_buf_appendz(&b, "]}");
    api("POST", "/api/v1/organisations/google/roles", tok_emp, mc_buf_cstr(&b), &r);
    mc_test_check_problem(&r, 400, "invalid_field", "/skills");
    CHECK(mc_test_has(&r, "at most 100"));
    mc_test_reply_free(&r);
    mc_buf_free(&b);

    mc_test_case("nothing refused was stored");
    mc_test_get("/api/v1/roles/x", NULL, &r);
    mc_test_check_problem(&r, 404, "not_found", "slug");
    mc_test_reply_free(&r);

    static const char ok[] = "{\"slug\": \"y\", \"title\": \"Y\", \"skills\": [\"sql\"]}";
    mc_test_case("401 without a token");
    api("POST", "/api/v1/organisations/google/roles", NULL, ok, &r);
    mc_test_check_problem(&r, 401, "unauthorized", NULL);
    mc_test_reply_free(&r);
    mc_test_case("403 for a token without catalog:write");
    api("POST", "/api/v1/organisations/google/roles", tok_emp_read, ok, &r);
    mc_test_check_problem(&r, 403, "insufficient_scope", "scope");
    CHECK(strstr(mc_test_header(&r, "WWW-Authenticate"), "catalog:write") != NULL);
    mc_test_reply_free(&r);
    mc_test_case("404 for an organisation the caller cannot act for");
    static const struct {
        const char *org, *token, *who;
    } no_org[] = {
        { "ibm", tok_emp, "google's employer in ibm" },
        { "google", tok_learner, "a learner member of google" },
        { "nosuch", tok_root, "no such organisation" },
    };
    for (size_t i = 0; i < sizeof no_org / sizeof no_org[0]; i++) {
        mc_test_case("404: %s", no_org[i].who);
        char *path = mc_xasprintf("/api/v1/organisations/%s/roles", no_org[i].org);
        api("POST", path, no_org[i].token, ok, &r);
        mc_test_check_problem(&r, 404, "not_found", "org");
        mc_test_reply_free(&r);
        free(path);
    }
    mc_test_case("415 for a body that is not JSON");
    char *auth = mc_xasprintf("Authorization: Bearer %s", tok_emp);
    const char *hs[] = { auth, "Content-Type: text/plain", NULL };
    mc_test_http("POST", "/api/v1/organisations/google/roles", hs, ok, strlen(ok), &r);
    mc_test_check_problem(&r, 415, "unsupported_media_type", "Content-Type");
    mc_test_reply_free(&r);
    free(auth);
    mc_test_get("/api/v1/roles/y", NULL, &r);
    CHECK_INT(r.status, 404);
    mc_test_reply_free(&r);
}

int main(void)
{
    mc_password_use_test_cost(true);
    mc_master_key_generate(&mk);
    char *db = make_db();
    struct mc_test_server ts;
    if (!mc_test_server_start(db, PUBLIC, &mk, &ts))
        return mc_test_done();
    test_list_and_get();
    test_create();
    test_refusals();
    mc_test_server_stop(&ts);
    free(db);
    return mc_test_done();
}
