/* SPDX-License-Identifier: Apache-2.0 */
/*
 * CLR 2.0 ClrCredentials: two Open Badges credentials signed here go into a CLR with the program
 * they stack into and the associations between them; the CLR signs and verifies, its canonical
 * form keeps each included credential's proof in a graph of its own, and every wrong input is
 * refused naming its field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/multikey.h"
#include "mcred/rdf.h"
#include "test.h"
#include "vc/build.h"
#include "vc/clr.h"
#include "vc/di.h"
#include "vc/verify.h"

#define ISSUER_SITE "https://uni.example"
#define PROGRAM     ISSUER_SITE "/achievements/data-engineering"
#define COURSE1     ISSUER_SITE "/achievements/python-pipelines/1"
#define COURSE2     ISSUER_SITE "/achievements/columnar-storage/1"
#define LEARNER     "did:example:learner-7"
#define CREATED     "2025-03-01T12:00:00Z"
#define VALID_FROM  1740830400 /* 2025-03-01T12:00:00Z */
#define NOW         1748736000 /* 2025-06-01 */

static const char *str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

static int check_status(const struct mc_report *r, const char *name)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->checks[i].name, name) == 0)
            return (int)r->checks[i].status;
    return -1;
}

static const char *check_message(const struct mc_report *r, const char *name)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->checks[i].name, name) == 0)
            return r->checks[i].message;
    return "";
}

static void print_report(const struct mc_report *r)
{
    for (size_t i = 0; i < r->count; i++)
        fprintf(stderr, "  %s: %s: %s\n", r->checks[i].name,
                mc_check_status_name(r->checks[i].status), r->checks[i].message);
}

/* A signed OpenBadgeCredential for one course. */
static json_t *course_credential(struct mc_di *di, const struct mc_key *k,
                                 const struct mc_ob3_issuer *iss, const char *url, const char *name)
{
    struct mc_achievement ach = {
        .name = name,
        .description = name,
        .criteria = "Pass the graded project.",
        .achievement_type = "Course",
        .workload_hours = 40,
        .ects = -1,
        .participation = MC_PARTICIPATION_ONLINE,
        .supervision = MC_SUPERVISION_ID_VERIFIED,
        .stackable = true,
    };
    struct mc_ob3_award a = {
        .achievement_url = url,
        .achievement = &ach,
        .issuer = iss,
        .recipient_id = LEARNER,
        .valid_from = VALID_FROM,
    };
    json_t *cred = NULL, *signed_cred = NULL;
    struct mc_err e;
    struct mc_proof_options po = { MC_SUITE_EDDSA_RDFC_2022, CREATED, NULL };
    if (mc_ob3_build(&a, &cred, &e) || mc_di_sign(di, cred, k, &po, &signed_cred, &e)) {
        fprintf(stderr, "cannot make the course credential: %s\n", e.msg);
        exit(1);
    }
    json_decref(cred);
    return signed_cred;
}

static void association_names(void)
{
    static const char *const names[] = {
        "exactMatchOf", "isChildOf",   "isParentOf", "isPartOf",
        "isPeerOf",     "isRelatedTo", "precedes",   "replacedBy"
    };
    mc_test_case("association types");
    for (size_t i = 0; i < 8; i++) {
        enum mc_clr_association_type t = mc_clr_association_parse(names[i]);
        CHECK(t != MC_CLR_ASSOC_BY_NAME);
        CHECK_STR(mc_clr_association_name(t), names[i]);
    }
    CHECK_INT(mc_clr_association_parse("ispartof"), MC_CLR_ASSOC_BY_NAME);
    CHECK_INT(mc_clr_association_parse(NULL), MC_CLR_ASSOC_BY_NAME);
    CHECK(mc_clr_association_name(MC_CLR_ASSOC_BY_NAME) == NULL);
    CHECK(mc_clr_association_name((enum mc_clr_association_type)42) == NULL);
}

/* How many quads of the N-Quads `nq` with `predicate` are in a graph named by a blank node, and
 * in how many distinct such graphs. */
static size_t blank_graph_quads(const char *nq, const char *predicate, size_t *n_graphs)
{
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
    struct mc_err e;
    size_t n = 0;
    char labels[8][32];
    *n_graphs = 0;
    if (!CHECK_INT(mc_nquads_parse(ds, nq, strlen(nq), &e), MC_OK))
        fprintf(stderr, "%s at %s\n", e.msg, e.where);
    const struct mc_rdf_quad *q = mc_rdf_dataset_quads(ds);
    for (size_t i = 0; i < mc_rdf_dataset_count(ds); i++) {
        if (q[i].graph.kind != MC_RDF_BLANK || q[i].predicate.value.len != strlen(predicate) ||
            memcmp(q[i].predicate.value.p, predicate, strlen(predicate)) != 0)
            continue;
        n++;
        int len = (int)q[i].graph.value.len;
        char label[32];
        snprintf(label, sizeof label, "%.*s", len, q[i].graph.value.p);
        bool seen = false;
        for (size_t j = 0; j < *n_graphs; j++)
            seen = seen || strcmp(labels[j], label) == 0;
        if (!seen && *n_graphs < 8)
            memcpy(labels[(*n_graphs)++], label, sizeof label);
    }
    mc_rdf_dataset_free(ds);
    return n;
}

struct fixture {
    struct mc_key key;
    struct mc_ob3_issuer issuer;
    json_t *creds;   /* the two signed course credentials */
    json_t *program; /* [the program Achievement] */
    struct mc_clr_association assoc[3];
    struct mc_clr_record rec;
};

static void fixture_init(struct fixture *f, struct mc_di *di)
{
    uint8_t seed[32] = { 42, 1, 2, 3 };
    mc_key_generate(&f->key, seed, NULL);
    f->issuer = (struct mc_ob3_issuer){ f->key.controller, "Example University", ISSUER_SITE, NULL,
                                        NULL };
    f->creds = json_array();
    json_array_append_new(f->creds, course_credential(di, &f->key, &f->issuer, COURSE1,
                                                      "Building Data Pipelines in Python"));
    json_array_append_new(f->creds,
                          course_credential(di, &f->key, &f->issuer, COURSE2, "Columnar Storage"));
    f->program = json_pack("[{s:s, s:[s], s:s, s:s, s:s, s:{s:s}}]", "id", PROGRAM, "type",
                           "Achievement", "achievementType", "Certificate", "name",
                           "Data Engineering", "description", "A two-course program.", "criteria",
                           "narrative", "Earn both course credentials.");
    f->assoc[0] = (struct mc_clr_association){ MC_CLR_ASSOC_IS_PART_OF, NULL, COURSE1, PROGRAM };
    f->assoc[1] = (struct mc_clr_association){ MC_CLR_ASSOC_BY_NAME, "isPartOf", COURSE2, PROGRAM };
    f->assoc[2] = (struct mc_clr_association){ MC_CLR_ASSOC_PRECEDES, NULL, COURSE1, COURSE2 };
    f->rec = (struct mc_clr_record){
        .credential_id = ISSUER_SITE "/clr/7",
        .issuer = &f->issuer,
        .learner_id = LEARNER,
        .learner_email = "ada@example.org",
        .salt = "pepper",
        .name = "Data Engineering transcript",
        .description = "The credentials of the Data Engineering program.",
        .valid_from = VALID_FROM,
        .credentials = f->creds,
        .achievements = f->program,
        .associations = f->assoc,
        .n_associations = 3,
    };
}

static void fixture_free(struct fixture *f)
{
    json_decref(f->creds);
    json_decref(f->program);
    mc_key_free(&f->key);
}

static void build_sign_verify(struct mc_di *di, struct mc_verifier *v, struct fixture *f)
{
    struct mc_err e;
    json_t *clr = NULL;
    mc_test_case("build");
    if (!CHECK_INT(mc_clr_build(&f->rec, &clr, &e), MC_OK)) {
        fprintf(stderr, "%s at %s\n", e.msg, e.where);
        return;
    }
    json_t *want_ctx = json_pack("[s, s, s, s]", "https://www.w3.org/ns/credentials/v2",
                                 "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
                                 "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                                 "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json");
    CHECK(json_equal(json_object_get(clr, "@context"), want_ctx));
    json_decref(want_ctx);
    CHECK_STR(str(clr, "id"), ISSUER_SITE "/clr/7");
    CHECK_STR(json_string_value(json_array_get(json_object_get(clr, "type"), 1)), "ClrCredential");
    CHECK_STR(str(json_object_get(clr, "issuer"), "id"), f->key.controller);
    CHECK_STR(str(clr, "validFrom"), CREATED);
    CHECK(json_object_get(clr, "partial") == NULL);
    json_t *schema = json_array_get(json_object_get(clr, "credentialSchema"), 0);
    CHECK_STR(str(schema, "id"), MC_CLR_SCHEMA);
    CHECK_STR(str(schema, "type"), "1EdTechJsonSchemaValidator2019");
    json_t *subj = json_object_get(clr, "credentialSubject");
    CHECK_STR(str(subj, "id"), LEARNER);
    CHECK_STR(json_string_value(json_array_get(json_object_get(subj, "type"), 0)), "ClrSubject");
    char hash[7 + 65];
    mc_ob3_hash_identity("ada@example.org", "pepper", hash);
    json_t *idobj = json_array_get(json_object_get(subj, "identifier"), 0);
    CHECK_STR(str(idobj, "identityHash"), hash);
    CHECK_STR(str(idobj, "identityType"), "emailAddress");
    json_t *vcs = json_object_get(subj, "verifiableCredential");
    CHECK_INT(json_array_size(vcs), 2);
    CHECK(json_equal(vcs, f->creds)); /* verbatim, proofs and all */
    CHECK(vcs != f->creds);           /* a copy */
    CHECK(json_equal(json_object_get(subj, "achievement"), f->program));
    json_t *assoc = json_object_get(subj, "association");
    CHECK_INT(json_array_size(assoc), 3);
    CHECK_STR(str(json_array_get(assoc, 0), "associationType"), "isPartOf");
    CHECK_STR(str(json_array_get(assoc, 1), "associationType"), "isPartOf");
    CHECK_STR(str(json_array_get(assoc, 2), "associationType"), "precedes");
    CHECK_STR(str(json_array_get(assoc, 2), "sourceId"), COURSE1);
    CHECK_STR(str(json_array_get(assoc, 2), "targetId"), COURSE2);
    CHECK_STR(str(json_array_get(assoc, 0), "type"), "Association");
    char *text = json_dumps(clr, 0);
    CHECK(strstr(text, "ada@example.org") == NULL); /* only its hash */
    free(text);

    mc_test_case("signed, it verifies");
    json_t *signed_clr = NULL;
    struct mc_proof_options po = { MC_SUITE_EDDSA_RDFC_2022, CREATED, NULL };
    CHECK_INT(mc_di_sign(di, clr, &f->key, &po, &signed_clr, &e), MC_OK);
    struct mc_verify_options o = { .now = NOW };
    struct mc_report r;
    mc_report_init(&r);
    mc_verify_credential(v, signed_clr, &o, &r);
    bool ok = CHECK(mc_report_valid(&r));
    ok &= CHECK_INT(check_status(&r, "types"), MC_CHECK_PASS);
    ok &= CHECK(strstr(check_message(&r, "types"), "CLR 2.0") != NULL);
    ok &= CHECK_INT(check_status(&r, "schema"), MC_CHECK_SKIP);
    ok &= CHECK_INT(check_status(&r, "jsonld"), MC_CHECK_PASS);
    ok &= CHECK_INT(check_status(&r, "proof"), MC_CHECK_PASS);
    ok &= CHECK_INT(check_status(&r, "issuer"), MC_CHECK_PASS);
    ok &= CHECK_INT(check_status(&r, "validity"), MC_CHECK_PASS);
    ok &= CHECK_INT(check_status(&r, "included"), MC_CHECK_PASS);
    ok &= CHECK_STR(check_message(&r, "included"),
                    "the 2 included credentials verify on their own: proof, issuer, validity and "
                    "status");
    if (!ok)
        print_report(&r);
    mc_report_free(&r);

    mc_test_case("a record signed over a changed credential is not valid, naming it");
    json_t *changed = json_deep_copy(clr);
    json_t *first = json_array_get(
            json_object_get(json_object_get(changed, "credentialSubject"), "verifiableCredential"),
            0);
    json_object_set_new(first, "name", json_string("Changed after it was signed"));
    json_t *signed_changed = NULL;
    CHECK_INT(mc_di_sign(di, changed, &f->key, &po, &signed_changed, &e), MC_OK);
    mc_report_init(&r);
    mc_verify_credential(v, signed_changed, &o, &r);
    CHECK(!mc_report_valid(&r));
    CHECK_INT(check_status(&r, "proof"), MC_CHECK_PASS); /* the record's own */
    CHECK_INT(check_status(&r, "included"), MC_CHECK_FAIL);
    CHECK(strncmp(check_message(&r, "included"), "/credentialSubject/verifiableCredential/0 (",
                  43) == 0);
    CHECK(strstr(check_message(&r, "included"), ") is not valid: proof: ") != NULL);
    mc_report_free(&r);

    mc_test_case("a CLR inside a CLR's credentials is refused, even typed as a badge too");
    json_t *inner_clr = json_deep_copy(signed_clr);
    json_array_append_new(json_object_get(inner_clr, "type"), json_string("OpenBadgeCredential"));
    json_array_append_new(
            json_object_get(json_object_get(changed, "credentialSubject"), "verifiableCredential"),
            inner_clr);
    json_t *nested = NULL;
    CHECK_INT(mc_di_sign(di, changed, &f->key, &po, &nested, &e), MC_OK);
    mc_report_init(&r);
    mc_verify_credential(v, nested, &o, &r);
    CHECK_INT(check_status(&r, "types"), MC_CHECK_FAIL);
    CHECK(strstr(check_message(&r, "types"), "/verifiableCredential/2 is itself a CLR") != NULL);
    CHECK_INT(check_status(&r, "included"), -1);
    mc_report_free(&r);
    json_decref(nested);
    json_decref(signed_changed);
    json_decref(changed);

    mc_test_case("the included credentials still verify alone");
    json_t *svcs = json_object_get(json_object_get(signed_clr, "credentialSubject"),
                                   "verifiableCredential");
    for (size_t i = 0; i < json_array_size(svcs); i++) {
        mc_report_init(&r);
        mc_verify_credential(v, json_array_get(svcs, i), &o, &r);
        if (!CHECK(mc_report_valid(&r)))
            print_report(&r);
        CHECK_INT(check_status(&r, "schema"), MC_CHECK_PASS);
        mc_report_free(&r);
    }

    mc_test_case("the canonical form keeps each included proof in its own graph");
    struct mc_buf canon;
    mc_buf_init(&canon, 1 << 22);
    uint8_t data[64];
    json_t *proof = json_object_get(signed_clr, "proof");
    CHECK_INT(mc_di_hash_data(di, MC_SUITE_EDDSA_RDFC_2022, signed_clr, proof, data, NULL, &canon,
                              &e),
              MC_OK);
    size_t n_graphs = 0;
    size_t n = blank_graph_quads(canon.data ? canon.data : "",
                                 "https://w3id.org/security#proofValue", &n_graphs);
    CHECK_INT(n, 2);
    CHECK_INT(n_graphs, 2);
    for (size_t i = 0; i < json_array_size(f->creds); i++) {
        const char *pv = str(json_object_get(json_array_get(f->creds, i), "proof"), "proofValue");
        CHECK(pv && strstr(canon.data, pv) != NULL);
    }
    /* Each credential links to its proof graph; the CLR's own proof is not in the document. */
    CHECK(strstr(canon.data, str(proof, "proofValue")) == NULL);
    CHECK_INT(blank_graph_quads(canon.data, "https://w3id.org/security#verificationMethod",
                                &n_graphs),
              2);
    CHECK_INT(n_graphs, 2);
    CHECK(strstr(canon.data, "<https://purl.imsglobal.org/spec/vc/clr/vocab.html#AssociationType> "
                             "\"precedes\"") != NULL);
    mc_buf_free(&canon);

    mc_test_case("changing an included credential breaks the CLR's proof");
    json_t *t = json_deep_copy(signed_clr);
    json_t *inner = json_array_get(
            json_object_get(json_object_get(t, "credentialSubject"), "verifiableCredential"), 1);
    json_object_set_new(inner, "name", json_string("Columnar Storage (honours)"));
    mc_report_init(&r);
    mc_verify_credential(v, t, &o, &r);
    CHECK(!mc_report_valid(&r));
    CHECK_INT(check_status(&r, "proof"), MC_CHECK_FAIL);
    mc_report_free(&r);
    json_decref(t);

    mc_test_case("the verifier's types check: an unknown associationType");
    t = json_deep_copy(clr);
    json_object_set_new(
            json_array_get(json_object_get(json_object_get(t, "credentialSubject"), "association"),
                           2),
            "associationType", json_string("isSiblingOf"));
    mc_report_init(&r);
    mc_verify_credential(v, t, &o, &r);
    CHECK_INT(check_status(&r, "types"), MC_CHECK_FAIL);
    CHECK(strstr(check_message(&r, "types"), "/credentialSubject/association/2") != NULL);
    mc_report_free(&r);
    json_decref(t);

    mc_test_case("the verifier's types check: an included credential without its proof");
    t = json_deep_copy(clr);
    json_object_del(json_array_get(json_object_get(json_object_get(t, "credentialSubject"),
                                                   "verifiableCredential"),
                                   0),
                    "proof");
    mc_report_init(&r);
    mc_verify_credential(v, t, &o, &r);
    CHECK_INT(check_status(&r, "types"), MC_CHECK_FAIL);
    CHECK(strstr(check_message(&r, "types"), "/credentialSubject/verifiableCredential/0") != NULL);
    mc_report_free(&r);
    json_decref(t);

    json_decref(signed_clr);
    json_decref(clr);
}

/* A partial CLR for a learner known only by email, without achievements or associations. */
static void partial(struct mc_di *di, struct mc_verifier *v, struct fixture *f)
{
    mc_test_case("partial, email only, a random id");
    struct mc_clr_record rec = f->rec;
    rec.credential_id = NULL;
    rec.learner_id = NULL;
    rec.salt = NULL;
    rec.achievements = NULL;
    rec.n_associations = 0;
    rec.has_partial = true;
    rec.partial = true;
    rec.description = NULL;
    json_t *clr = NULL, *signed_clr = NULL;
    struct mc_err e;
    CHECK_INT(mc_clr_build(&rec, &clr, &e), MC_OK);
    CHECK(strncmp(str(clr, "id"), "urn:uuid:", 9) == 0);
    CHECK(json_is_true(json_object_get(clr, "partial")));
    json_t *subj = json_object_get(clr, "credentialSubject");
    CHECK(json_object_get(subj, "id") == NULL);
    CHECK(json_object_get(subj, "association") == NULL);
    CHECK(json_object_get(subj, "achievement") == NULL);
    const char *salt = str(json_array_get(json_object_get(subj, "identifier"), 0), "salt");
    CHECK(salt && strlen(salt) >= 16);
    CHECK_INT(mc_di_sign(di, clr, &f->key, NULL, &signed_clr, &e), MC_OK);

    struct mc_buf canon;
    mc_buf_init(&canon, 1 << 22);
    uint8_t data[64];
    CHECK_INT(mc_di_hash_data(di, MC_SUITE_EDDSA_RDFC_2022, signed_clr,
                              json_object_get(signed_clr, "proof"), data, NULL, &canon, &e),
              MC_OK);
    /* The CLR context types partial as xsd:boolean with an undefined xsd prefix, which JSON-LD
     * processors keep as the IRI "xsd:boolean". */
    CHECK(canon.data && strstr(canon.data, "<https://purl.imsglobal.org/spec/vc/clr/vocab.html#"
                                           "partial> \"true\"^^<xsd:boolean>") != NULL);
    mc_buf_free(&canon);

    struct mc_verify_options o = { .now = NOW };
    struct mc_report r;
    mc_report_init(&r);
    mc_verify_credential(v, signed_clr, &o, &r);
    if (!CHECK(mc_report_valid(&r)))
        print_report(&r);
    mc_report_free(&r);
    json_decref(signed_clr);
    json_decref(clr);
}

struct bad_case {
    const char *name;
    void (*spoil)(struct mc_clr_record *rec, json_t *creds);
    const char *msg;   /* in e.msg */
    const char *where; /* e.where */
};

static void no_issuer(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    rec->issuer = NULL;
}
static void no_name(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    rec->name = NULL;
}
static void no_learner(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    rec->learner_id = NULL;
    rec->learner_email = NULL;
}
static void relative_learner(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    rec->learner_id = "learners/7";
}
static void no_credentials(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    rec->credentials = NULL;
}
static void empty_credentials(struct mc_clr_record *rec, json_t *creds)
{
    json_array_clear(creds);
    rec->credentials = creds;
}
static void credential_not_object(struct mc_clr_record *rec, json_t *creds)
{
    json_array_set_new(creds, 0, json_string("eyJhbGciOi..."));
    rec->credentials = creds;
}
static void credential_wrong_type(struct mc_clr_record *rec, json_t *creds)
{
    json_object_set_new(json_array_get(creds, 1), "type",
                        json_pack("[s, s]", "VerifiableCredential", "EndorsementCredential"));
    rec->credentials = creds;
}
static void credential_unsigned(struct mc_clr_record *rec, json_t *creds)
{
    json_object_del(json_array_get(creds, 0), "proof");
    rec->credentials = creds;
}
static void credential_empty_proof_set(struct mc_clr_record *rec, json_t *creds)
{
    json_object_set_new(json_array_get(creds, 1), "proof", json_array());
    rec->credentials = creds;
}
static struct mc_clr_association bad_assoc;
static void assoc_unknown_name(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    bad_assoc =
            (struct mc_clr_association){ MC_CLR_ASSOC_BY_NAME, "isSiblingOf", COURSE1, COURSE2 };
    rec->associations = &bad_assoc;
    rec->n_associations = 1;
}
static void assoc_no_name(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    bad_assoc = (struct mc_clr_association){ MC_CLR_ASSOC_BY_NAME, NULL, COURSE1, COURSE2 };
    rec->associations = &bad_assoc;
    rec->n_associations = 1;
}
static void assoc_bad_enum(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    bad_assoc =
            (struct mc_clr_association){ (enum mc_clr_association_type)99, NULL, COURSE1, COURSE2 };
    rec->associations = &bad_assoc;
    rec->n_associations = 1;
}
static void assoc_relative_source(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    bad_assoc = (struct mc_clr_association){ MC_CLR_ASSOC_PRECEDES, NULL, "courses/1", COURSE2 };
    rec->associations = &bad_assoc;
    rec->n_associations = 1;
}
static void assoc_blank_target(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    bad_assoc = (struct mc_clr_association){ MC_CLR_ASSOC_PRECEDES, NULL, COURSE1, "_:b0" };
    rec->associations = &bad_assoc;
    rec->n_associations = 1;
}
static void assoc_no_target(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    bad_assoc = (struct mc_clr_association){ MC_CLR_ASSOC_IS_PART_OF, NULL, COURSE1, NULL };
    rec->associations = &bad_assoc;
    rec->n_associations = 1;
}
static void achievements_not_array(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    rec->achievements = json_array_get(rec->achievements, 0);
}
static json_t *untyped_achievements;
static void achievement_untyped(struct mc_clr_record *rec, json_t *creds)
{
    (void)creds;
    untyped_achievements = json_pack("[{s:s, s:s}]", "id", PROGRAM, "name", "Data Engineering");
    rec->achievements = untyped_achievements;
}

static void errors(struct fixture *f)
{
    static const struct bad_case cases[] = {
        { "no issuer", no_issuer, "issuer", "/issuer" },
        { "no name", no_name, "name", "/name" },
        { "no learner", no_learner, "learner_id, learner_email", "/credentialSubject" },
        { "relative learner id", relative_learner, "learner_id: \"learners/7\"",
          "/credentialSubject/id" },
        { "no credentials", no_credentials, "credentials: a CLR needs",
          "/credentialSubject/verifiableCredential" },
        { "empty credentials", empty_credentials, "credentials: a CLR needs",
          "/credentialSubject/verifiableCredential" },
        { "a credential that is not an object", credential_not_object,
          "credentials[0]: a credential must be a JSON object",
          "/credentialSubject/verifiableCredential/0" },
        { "a credential of another type", credential_wrong_type,
          "credentials[1]: type must include OpenBadgeCredential",
          "/credentialSubject/verifiableCredential/1" },
        { "an unsigned credential", credential_unsigned,
          "credentials[0]: the credential has no proof",
          "/credentialSubject/verifiableCredential/0" },
        { "an empty proof set", credential_empty_proof_set,
          "credentials[1]: the credential has no proof",
          "/credentialSubject/verifiableCredential/1" },
        { "unknown associationType", assoc_unknown_name,
          "associations[0].type_name: \"isSiblingOf\" is not a CLR 2.0 associationType",
          "/credentialSubject/association/0/associationType" },
        { "no associationType", assoc_no_name, "associations[0].type_name: missing",
          "/credentialSubject/association/0/associationType" },
        { "associationType out of range", assoc_bad_enum, "associations[0].type: 99",
          "/credentialSubject/association/0/associationType" },
        { "relative sourceId", assoc_relative_source,
          "associations[0].source_id: \"courses/1\" is not an absolute IRI",
          "/credentialSubject/association/0/sourceId" },
        { "blank node targetId", assoc_blank_target,
          "associations[0].target_id: \"_:b0\" is not an absolute IRI",
          "/credentialSubject/association/0/targetId" },
        { "no targetId", assoc_no_target, "associations[0].target_id: \"(missing)\"",
          "/credentialSubject/association/0/targetId" },
        { "achievements not an array", achievements_not_array, "achievements: must be an array",
          "/credentialSubject/achievement" },
        { "an achievement without its type", achievement_untyped,
          "achievements[0]: must be an object of type Achievement",
          "/credentialSubject/achievement/0" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("refused: %s", cases[i].name);
        struct mc_clr_record rec = f->rec;
        json_t *creds = json_deep_copy(f->creds);
        cases[i].spoil(&rec, creds);
        json_t *out = (json_t *)1;
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_clr_build(&rec, &out, &e), MC_ERR_INVALID);
        CHECK(out == NULL);
        if (!CHECK(strstr(e.msg, cases[i].msg) != NULL))
            fprintf(stderr, "  message: %s\n", e.msg);
        CHECK_STR(e.where, cases[i].where);
        json_decref(creds);
    }
    json_decref(untyped_achievements);
}

int main(void)
{
    struct mc_di *di = mc_di_new(NULL);
    struct mc_verifier *v = mc_verifier_new(NULL);
    struct fixture f;
    fixture_init(&f, di);
    association_names();
    build_sign_verify(di, v, &f);
    partial(di, v, &f);
    errors(&f);
    fixture_free(&f);
    mc_verifier_free(v);
    mc_di_free(di);
    return mc_test_done();
}
