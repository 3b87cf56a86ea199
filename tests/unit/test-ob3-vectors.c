/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The Linked Data proof test vectors of the Open Badges 3.0 specification (an OpenBadgeCredential
 * and a ClrCredential signed with eddsa-rdfc-2022): every intermediate reproduced byte for byte
 * (canonical proof configuration and document, both hashes, the signature, the proofValue), and
 * the signed credentials verify through the verifier with the issuer's controller document.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base58.h"
#include "base/hex.h"
#include "crypto/multikey.h"
#include "test.h"
#include "vc/di.h"
#include "vc/verify.h"

#define FX "tests/fixtures/ob3-vectors/"
/* 2024-01-01T00:00:00Z: after the vectors' validFrom. */
#define NOW 1704067200

static char *slurp(const char *rel, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", mc_test_source_dir(), rel);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
        exit(1);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

static json_t *load(const char *rel)
{
    char *t = slurp(rel, NULL);
    json_t *j = json_loads(t, 0, NULL);
    free(t);
    if (!j) {
        fprintf(stderr, "%s is not JSON\n", rel);
        exit(1);
    }
    return j;
}

static const char *str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* Lower-case hex of `n` bytes into `out` (reset first). */
static const char *hex(struct mc_buf *out, const void *p, size_t n)
{
    mc_buf_reset(out);
    mc_hex_encode(out, p, n);
    return out->data;
}

/* A controller document served at the key's controller URL, listing the key for assertions. */
struct docs {
    json_t *controller_doc;
    const char *url;
};

static const json_t *docs_get(void *self, const char *url, const char **why)
{
    struct docs *d = self;
    if (strcmp(url, d->url) == 0)
        return d->controller_doc;
    *why = "not found";
    return NULL;
}

static json_t *controller_document(const struct mc_key *k)
{
    json_t *vm = mc_key_to_json(k, false);
    return json_pack("{s:[s, s], s:s, s:[o], s:[s], s:[s]}", "@context",
                     "https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1", "id",
                     k->controller, "verificationMethod", vm, "assertionMethod", k->id,
                     "authentication", k->id);
}

/* The status of the first check called `name` in the report, or -1. */
static int check_status(const struct mc_report *r, const char *name)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->checks[i].name, name) == 0)
            return (int)r->checks[i].status;
    return -1;
}

static void print_report(const struct mc_report *r)
{
    for (size_t i = 0; i < r->count; i++)
        fprintf(stderr, "  %s: %s: %s\n", r->checks[i].name,
                mc_check_status_name(r->checks[i].status), r->checks[i].message);
}

static void key(struct mc_key *k)
{
    mc_test_case("the vectors' key pair");
    json_t *kj = load(FX "key.json");
    struct mc_err e;
    if (!CHECK_INT(mc_key_from_json(kj, k, &e), MC_OK)) {
        fprintf(stderr, "%s\n", e.msg);
        exit(1);
    }
    struct mc_buf h;
    mc_buf_init(&h, 512);
    CHECK(k->has_secret);
    CHECK_STR(hex(&h, k->pk, sizeof k->pk), str(kj, "publicKeyHex"));
    CHECK_STR(hex(&h, k->sk, sizeof k->sk), str(kj, "secretKeyHex"));
    CHECK_STR(k->id, str(kj, "id"));
    CHECK_STR(k->controller, str(kj, "controller"));
    char pub[MC_MULTIKEY_TEXT_MAX];
    mc_multikey_public_text(k->pk, pub);
    CHECK_STR(pub, str(kj, "publicKeyMultibase"));
    mc_buf_free(&h);
    json_decref(kj);
}

/* The verifier's report on `cred`: valid, with every check that must run passing. */
static void verify_ok(struct mc_verifier *v, const json_t *cred, const struct mc_doc_source *src,
                      bool with_schema)
{
    struct mc_verify_options o = { .now = NOW, .docs = src };
    struct mc_report r;
    mc_report_init(&r);
    mc_verify_credential(v, cred, &o, &r);
    bool ok = CHECK(mc_report_valid(&r));
    ok &= CHECK_INT(check_status(&r, "types"), MC_CHECK_PASS);
    ok &= CHECK_INT(check_status(&r, "jsonld"), MC_CHECK_PASS);
    ok &= CHECK_INT(check_status(&r, "proof"), MC_CHECK_PASS);
    ok &= CHECK_INT(check_status(&r, "issuer"), MC_CHECK_PASS);
    ok &= CHECK_INT(check_status(&r, "validity"), MC_CHECK_PASS);
    if (with_schema)
        ok &= CHECK_INT(check_status(&r, "schema"), MC_CHECK_PASS);
    if (!ok)
        print_report(&r);
    mc_report_free(&r);
}

static void vector(struct mc_di *di, struct mc_verifier *v, const struct mc_key *k,
                   const struct mc_doc_source *src, const char *tag)
{
    char path[256];
    struct mc_err e;
    mc_err_clear(&e);
#define LOAD(name) (snprintf(path, sizeof path, FX "%s-" name, tag), load(path))
#define TEXT(name) (snprintf(path, sizeof path, FX "%s-" name, tag), slurp(path, NULL))
    json_t *cred = LOAD("credential.json");
    json_t *opts = LOAD("proof-options.json");
    json_t *want = LOAD("expected.json");
    json_t *signed_vec = LOAD("signed.json");
    char *want_doc = TEXT("document-canon.txt");
    char *want_proof = TEXT("proof-canon.txt");
#undef LOAD
#undef TEXT
    struct mc_buf cc, cd, h, pv;
    mc_buf_init(&cc, 1 << 20);
    mc_buf_init(&cd, 1 << 20);
    mc_buf_init(&h, 512);
    mc_buf_init(&pv, 256);

    mc_test_case("%s: canonical proof configuration and document", tag);
    uint8_t data[64];
    if (!CHECK_INT(mc_di_hash_data(di, MC_SUITE_EDDSA_RDFC_2022, cred, opts, data, &cc, &cd, &e),
                   MC_OK))
        fprintf(stderr, "%s at %s\n", e.msg, e.where);
    CHECK_STR(cc.data ? cc.data : "", want_proof);
    CHECK_STR(cd.data ? cd.data : "", want_doc);

    mc_test_case("%s: hashes", tag);
    CHECK_STR(hex(&h, data, 32), str(want, "proofHash"));
    CHECK_STR(hex(&h, data + 32, 32), str(want, "documentHash"));
    CHECK_STR(hex(&h, data, 64), str(want, "dataToSign"));

    mc_test_case("%s: signature and proofValue", tag);
    uint8_t sig[MC_ED25519_SIG_LEN];
    mc_ed25519_sign(k->sk, data, sizeof data, sig);
    CHECK_STR(hex(&h, sig, sizeof sig), str(want, "signature"));
    mc_buf_putc(&pv, 'z');
    mc_b58_encode(&pv, sig, sizeof sig);
    CHECK_STR(pv.data, str(want, "proofValue"));

    mc_test_case("%s: signing gives the signed vector", tag);
    struct mc_proof_options po = { MC_SUITE_EDDSA_RDFC_2022, str(opts, "created"), NULL };
    json_t *ours = NULL;
    if (CHECK_INT(mc_di_sign(di, cred, k, &po, &ours, &e), MC_OK)) {
        json_t *proof = json_object_get(ours, "proof");
        json_t *vproof = json_object_get(signed_vec, "proof");
        if (json_is_array(vproof))
            vproof = json_array_get(vproof, 0);
        CHECK_STR(str(proof, "proofValue"), str(want, "proofValue"));
        CHECK(json_equal(proof, vproof));
        /* Everything but the proof is the credential unchanged. */
        json_t *a = json_copy(ours), *b = json_copy(signed_vec);
        json_object_del(a, "proof");
        json_object_del(b, "proof");
        CHECK(json_equal(a, b));
        json_decref(a);
        json_decref(b);
    }
    json_decref(ours);

    mc_test_case("%s: the signed vector verifies", tag);
    verify_ok(v, signed_vec, src, strcmp(tag, "ob") == 0);

    mc_test_case("%s: a changed credential does not verify", tag);
    json_t *t = json_copy(signed_vec);
    json_object_set_new(t, "name", json_string("Teamwork Badge!"));
    struct mc_verify_options o = { .now = NOW, .docs = src };
    struct mc_report r;
    mc_report_init(&r);
    mc_verify_credential(v, t, &o, &r);
    CHECK(!mc_report_valid(&r));
    CHECK_INT(check_status(&r, "proof"), MC_CHECK_FAIL);
    mc_report_free(&r);
    json_decref(t);

    mc_test_case("%s: without the controller document the key is not trusted", tag);
    o.docs = NULL;
    mc_report_init(&r);
    mc_verify_credential(v, signed_vec, &o, &r);
    CHECK(!mc_report_valid(&r));
    CHECK_INT(check_status(&r, "proof"), MC_CHECK_FAIL);
    mc_report_free(&r);

    mc_buf_free(&pv);
    mc_buf_free(&h);
    mc_buf_free(&cd);
    mc_buf_free(&cc);
    free(want_proof);
    free(want_doc);
    json_decref(signed_vec);
    json_decref(want);
    json_decref(opts);
    json_decref(cred);
}

/*
 * The CLR's canonical form keeps the nested credential's proof in a graph of its own: quads
 * whose graph name is a blank node, and the nested credential links to that graph with
 * sec:proof. The nested AchievementCredential is signed by the same key and verifies alone.
 */
static void clr_nested(struct mc_di *di, struct mc_verifier *v, const struct mc_doc_source *src)
{
    mc_test_case("clr: the nested proof graph");
    char *doc = slurp(FX "clr-document-canon.txt", NULL);
    CHECK(strstr(doc, "<urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> "
                      "<https://w3id.org/security#proof> _:c14n1 .\n") != NULL);
    CHECK(strstr(doc,
                 "_:c14n0 <https://w3id.org/security#proofValue> "
                 "\"z45QnLySMt2mWuW787G6cf3SLkP97ZkMZxLeXH5yaaTQPCtTup4GCV95tU8HEnQJSyGCokSj3"
                 "AvUhmJtvveTmN4Vu\"^^<https://w3id.org/security#multibase> _:c14n1 .\n") != NULL);
    free(doc);

    mc_test_case("clr: the nested credential verifies on its own");
    json_t *clr = load(FX "clr-signed.json");
    json_t *inner = json_array_get(
            json_object_get(json_object_get(clr, "credentialSubject"), "verifiableCredential"), 0);
    verify_ok(v, inner, src, true);

    mc_test_case("clr: changing the nested credential breaks the outer proof");
    json_t *t = json_deep_copy(clr);
    json_t *tin = json_array_get(
            json_object_get(json_object_get(t, "credentialSubject"), "verifiableCredential"), 0);
    json_t *tproof = json_array_get(json_object_get(tin, "proof"), 0);
    json_object_set_new(tproof, "created", json_string("2010-01-01T19:23:25Z"));
    struct mc_err e;
    uint8_t pk[32];
    memset(pk, 0, sizeof pk);
    json_t *kj = load(FX "key.json");
    CHECK_INT(mc_multikey_public_decode(str(kj, "publicKeyMultibase"), pk, &e), MC_OK);
    json_t *outer = json_array_get(json_object_get(clr, "proof"), 0);
    CHECK_INT(mc_di_verify_proof(di, clr, outer, pk, &e), MC_OK);
    CHECK_INT(mc_di_verify_proof(di, t, outer, pk, &e), MC_ERR_CRYPTO);
    json_decref(kj);
    json_decref(t);
    json_decref(clr);
}

/* Report messages: formats of only %s are written by hand, others by vsnprintf; both the same,
 * both cut to the message's size. */
static void report_messages(void)
{
    struct mc_report r;
    mc_report_init(&r);
    char long_text[600];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    mc_report_add(&r, "a", MC_CHECK_PASS, "plain, 100%% sure");
    mc_report_add(&r, "b", MC_CHECK_PASS, "%s signed by %s%s", "eddsa-rdfc-2022", "did:key:z6Mk",
                  "");
    mc_report_add(&r, "c", MC_CHECK_FAIL, "%zu of %d, %.3s", (size_t)2, 3, "abcdef");
    mc_report_add(&r, "d", MC_CHECK_FAIL, "starts %s ends", long_text);
    CHECK_STR(r.checks[0].message, "plain, 100% sure");
    CHECK_STR(r.checks[1].message, "eddsa-rdfc-2022 signed by did:key:z6Mk");
    CHECK_STR(r.checks[2].message, "2 of 3, abc");
    CHECK_INT(strlen(r.checks[3].message), sizeof r.checks[3].message - 1);
    CHECK(strncmp(r.checks[3].message, "starts xxx", 10) == 0);
    mc_report_free(&r);
}

int main(void)
{
    report_messages();
    struct mc_key k;
    key(&k);
    json_t *cdoc = controller_document(&k);
    struct docs d = { cdoc, k.controller };
    struct mc_doc_source src = { docs_get, &d };
    struct mc_di *di = mc_di_new(NULL);
    struct mc_verifier *v = mc_verifier_new(NULL);
    vector(di, v, &k, &src, "ob");
    vector(di, v, &k, &src, "clr");
    clr_nested(di, v, &src);
    mc_verifier_free(v);
    mc_di_free(di);
    json_decref(cdoc);
    mc_key_free(&k);
    return mc_test_done();
}
