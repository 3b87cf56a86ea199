/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Keys and Data Integrity proofs against the official vectors: did:key (w3c-ccg seeds 0-4), the
 * vc-di-eddsa key pair, and every intermediate of eddsa-rdfc-2022, eddsa-jcs-2022 and
 * Ed25519Signature2020; then tampering, wrong keys and malformed proofs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/json.h"
#include "crypto/multikey.h"
#include "test.h"
#include "vc/di.h"

#define FX "tests/fixtures/vc-di-eddsa/"

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
    if (fread(buf, 1, (size_t)n, f) != (size_t)n)
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

/* The text of a vector file without its trailing white space. */
static char *text(const char *rel)
{
    size_t n;
    char *t = slurp(rel, &n);
    while (n && (t[n - 1] == '\n' || t[n - 1] == ' '))
        t[--n] = '\0';
    return t;
}

static void did_key_vectors(void)
{
    json_t *v = load("tests/fixtures/ed25519-did-key-vectors.json");
    size_t i;
    json_t *x;
    json_array_foreach (json_object_get(v, "vectors"), i, x) {
        mc_test_case("did:key vector %zu", i);
        struct mc_buf seed;
        mc_buf_init(&seed, 64);
        const char *hex = json_string_value(json_object_get(x, "seed_hex"));
        CHECK_INT(mc_hex_decode(&seed, hex, strlen(hex), NULL), MC_OK);
        struct mc_key k;
        mc_key_generate(&k, (const uint8_t *)seed.data, NULL);
        char pub[MC_MULTIKEY_TEXT_MAX], sec[MC_MULTIKEY_TEXT_MAX];
        mc_multikey_public_text(k.pk, pub);
        mc_multikey_secret_text(k.sk, sec);
        CHECK_STR(pub, json_string_value(json_object_get(x, "publicKeyMultibase")));
        CHECK_STR(sec, json_string_value(json_object_get(x, "secretKeyMultibase")));
        CHECK_STR(k.controller, json_string_value(json_object_get(x, "did")));
        uint8_t pk[32];
        CHECK_INT(mc_didkey_public(k.id, pk, NULL), MC_OK);
        CHECK(memcmp(pk, k.pk, 32) == 0);
        mc_key_free(&k);
        mc_buf_free(&seed);
    }
    json_decref(v);
}

static void key_json(void)
{
    mc_test_case("the vc-di-eddsa key pair");
    json_t *kp = load(FX "keyPair.json");
    struct mc_key k;
    struct mc_err e;
    CHECK_INT(mc_key_from_json(kp, &k, &e), MC_OK);
    CHECK(k.has_secret);
    CHECK_STR(k.id, "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
                    "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
    json_t *back = mc_key_to_json(&k, true);
    CHECK_STR(json_string_value(json_object_get(back, "secretKeyMultibase")),
              json_string_value(json_object_get(kp, "privateKeyMultibase")));
    CHECK_STR(json_string_value(json_object_get(back, "type")), "Multikey");
    json_decref(back);
    mc_key_free(&k);

    mc_test_case("bad keys");
    json_object_set_new(kp, "publicKeyMultibase",
                        json_string("z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"));
    CHECK_INT(mc_key_from_json(kp, &k, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "does not belong") != NULL);
    json_decref(kp);
    uint8_t pk[32];
    CHECK_INT(
            mc_multikey_public_decode("zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", pk, &e),
            MC_ERR_INVALID); /* a secp256k1 key */
    CHECK(strstr(e.msg, "multicodec") != NULL);
    CHECK_INT(mc_multikey_public_decode("u7QE", pk, &e), MC_ERR_INVALID);
    CHECK_INT(mc_multikey_public_decode("z6Mk0OIl", pk, &e), MC_ERR_INVALID);
    CHECK_INT(mc_didkey_public("did:web:example.org", pk, &e), MC_ERR_INVALID);
    CHECK_INT(mc_didkey_public("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#other", pk,
                               &e),
              MC_ERR_INVALID);
}

struct suite_files {
    enum mc_cryptosuite suite;
    const char *dir, *tag;
    bool can_sign;
};

static void vectors(struct mc_di *di, const struct suite_files *s)
{
    char path[256], path2[256];
    struct mc_err e;
    json_t *doc = load(FX "unsigned.json");
    snprintf(path, sizeof path, FX "%s/proofConfig%s.json", s->dir, s->tag);
    json_t *config = load(path);

    mc_test_case("%s: intermediates", s->dir);
    uint8_t hash[64];
    struct mc_buf cc, cd;
    mc_buf_init(&cc, 1 << 20);
    mc_buf_init(&cd, 1 << 20);
    CHECK_INT(mc_di_hash_data(di, s->suite, doc, config, hash, &cc, &cd, &e), MC_OK);
    snprintf(path, sizeof path, FX "%s/proofCanon%s.txt", s->dir, s->tag);
    snprintf(path2, sizeof path2, FX "%s/canonDoc%s.txt", s->dir, s->tag);
    char *want_cc = text(path), *want_cd = text(path2);
    while (cc.len && cc.data[cc.len - 1] == '\n')
        cc.data[--cc.len] = '\0';
    while (cd.len && cd.data[cd.len - 1] == '\n')
        cd.data[--cd.len] = '\0';
    CHECK_STR(cc.data, want_cc);
    CHECK_STR(cd.data, want_cd);
    struct mc_buf hex;
    mc_buf_init(&hex, 256);
    mc_hex_encode(&hex, hash, 64);
    snprintf(path, sizeof path, FX "%s/combinedHash%s.txt", s->dir, s->tag);
    char *want_hash = text(path);
    CHECK_STR(hex.data, want_hash);

    mc_test_case("%s: signature", s->dir);
    json_t *kp = load(FX "keyPair.json");
    struct mc_key k;
    CHECK_INT(mc_key_from_json(kp, &k, &e), MC_OK);
    snprintf(path, sizeof path, FX "%s/sigBTC58%s.txt", s->dir, s->tag);
    char *want_sig = text(path);
    if (s->can_sign) {
        struct mc_proof_options o = { s->suite, "2023-02-24T23:36:38Z", NULL };
        json_t *signed_doc = NULL;
        CHECK_INT(mc_di_sign(di, doc, &k, &o, &signed_doc, &e), MC_OK);
        const char *pv = json_string_value(
                json_object_get(json_object_get(signed_doc, "proof"), "proofValue"));
        CHECK_STR(pv, want_sig);
        json_decref(signed_doc);
    }

    mc_test_case("%s: the signed vector verifies", s->dir);
    snprintf(path, sizeof path, FX "%s/signed%s.json", s->dir, s->tag);
    json_t *signed_vec = load(path);
    json_t *proof = json_object_get(signed_vec, "proof");
    CHECK_STR(json_string_value(json_object_get(proof, "proofValue")), want_sig);
    CHECK_INT(mc_di_verify_proof(di, signed_vec, proof, k.pk, &e), MC_OK);

    mc_test_case("%s: tampering is caught", s->dir);
    json_t *t = json_copy(signed_vec);
    json_object_set_new(t, "name", json_string("Alumni CredentiaL"));
    CHECK_INT(mc_di_verify_proof(di, t, json_object_get(t, "proof"), k.pk, &e), MC_ERR_CRYPTO);
    json_decref(t);
    t = json_deep_copy(signed_vec);
    json_object_set_new(json_object_get(t, "proof"), "created",
                        json_string("2023-02-24T23:36:39Z"));
    CHECK_INT(mc_di_verify_proof(di, t, json_object_get(t, "proof"), k.pk, &e), MC_ERR_CRYPTO);
    json_decref(t);
    uint8_t other[32];
    memcpy(other, k.pk, 32);
    other[0] ^= 1;
    CHECK(mc_di_verify_proof(di, signed_vec, proof, other, &e) != MC_OK);

    json_decref(signed_vec);
    free(want_sig);
    json_decref(kp);
    mc_key_free(&k);
    free(want_hash);
    mc_buf_free(&hex);
    free(want_cc);
    free(want_cd);
    mc_buf_free(&cc);
    mc_buf_free(&cd);
    json_decref(config);
    json_decref(doc);
}

static void malformed(struct mc_di *di)
{
    struct mc_err e;
    json_t *doc = load(FX "eddsa-rdfc-2022/signedDataInt.json");
    json_t *proof = json_object_get(doc, "proof");
    uint8_t pk[32];
    CHECK_INT(mc_didkey_public(json_string_value(json_object_get(proof, "verificationMethod")), pk,
                               &e),
              MC_OK);
    static const struct {
        const char *key, *value;
        enum mc_rc rc;
        const char *msg;
    } cases[] = {
        { "proofValue", "u2YwC8", MC_ERR_INVALID, "base58btc" },
        { "proofValue", "z2YwC8z3ap7yx1nZYCg4L3j3", MC_ERR_INVALID, "64-byte" },
        { "proofValue", "z0OIl", MC_ERR_INVALID, "" },
        { "cryptosuite", "ecdsa-rdfc-2019", MC_ERR_UNSUPPORTED, "unknown proof" },
        { "type", "Ed25519Signature2018", MC_ERR_UNSUPPORTED, "unknown proof" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("malformed proof: %s = %s", cases[i].key, cases[i].value);
        json_t *p = json_copy(proof);
        json_object_set_new(p, cases[i].key, json_string(cases[i].value));
        CHECK_INT(mc_di_verify_proof(di, doc, p, pk, &e), cases[i].rc);
        CHECK(strstr(e.msg, cases[i].msg) != NULL);
        json_decref(p);
    }
    mc_test_case("unknown context");
    json_t *d = json_copy(doc);
    json_object_set_new(d, "@context",
                        json_pack("[s, s]", "https://www.w3.org/ns/credentials/v2",
                                  "https://example.org/unknown-context"));
    CHECK_INT(mc_di_verify_proof(di, d, proof, pk, &e), MC_ERR_NOT_FOUND);
    CHECK(strstr(e.msg, "loading remote context failed") != NULL);
    json_decref(d);
    json_decref(doc);
}

/* The bytes to sign for `proof` with `di` (warm: its templates in use) and with a new mc_di. */
static bool same_as_fresh(struct mc_di *di, enum mc_cryptosuite suite, const json_t *doc,
                          const json_t *proof)
{
    uint8_t got[64], want[64];
    struct mc_err e;
    struct mc_buf config_text;
    mc_buf_init(&config_text, 1 << 16);
    struct mc_di *fresh = mc_di_new(NULL);
    bool ok = mc_di_hash_data(di, suite, doc, proof, got, &config_text, NULL, &e) == MC_OK &&
              mc_di_hash_data(fresh, suite, doc, proof, want, NULL, NULL, &e) == MC_OK &&
              memcmp(got, want, sizeof got) == 0 && config_text.len > 0;
    mc_di_free(fresh);
    mc_buf_free(&config_text);
    return ok;
}

/*
 * Proof configurations are kept as templates of their shape, with `created` written in: whether
 * from a template or made anew, the bytes to sign are the same. Each shape is met often enough to
 * be kept and used, with values of `created` that need escaping, and with shapes that cannot be
 * templates: a second value on the predicate of `created` (the line's place among the sorted
 * lines then depends on the value), a second blank node (the labels then depend on the hashes,
 * which hold the value), a `created` that is not a string.
 */
static void config_cache(struct mc_di *di)
{
    json_t *doc = load(FX "eddsa-rdfc-2022/signedDataInt.json");
    json_t *proof = json_copy(json_object_get(doc, "proof"));
    json_object_del(proof, "proofValue");
    json_object_del(doc, "proof");
    static const char *const created[] = {
        "2031-01-01T00:00:00Z",
        "2031-01-01T00:00:01Z",
        "2019-06-01T00:00:00Z",
        "2020-01-01",
        "with \"quotes\" and a \\ backslash",
        "line\nbreak\ttab\rreturn",
        "\x01\x1f\x7f",
        "",
        "\xc3\xa9 \xe2\x88\x91 \xf0\x9d\x84\x9e",
        "mcred-created-stand-in-7c1e9a",
    };
    const size_t n = sizeof created / sizeof *created;
    json_t *shapes[3];
    shapes[0] = json_copy(proof);
    shapes[1] = json_copy(proof);
    json_object_set_new(shapes[1], "http://purl.org/dc/terms/created", json_string("2020-01-01"));
    shapes[2] = json_copy(proof);
    json_object_set_new(shapes[2], "https://example.org/extra",
                        json_pack("{s:s}", "https://example.org/p", "x"));
    for (size_t k = 0; k < 3; k++) {
        mc_test_case(k == 0 ? "template" : k == 1 ? "shared predicate" : "two blank nodes");
        bool same = true;
        for (size_t round = 0; round < 2; round++)
            for (size_t i = 0; i < n; i++) {
                json_object_set_new(shapes[k], "created", json_string(created[i]));
                same = same && same_as_fresh(di, MC_SUITE_EDDSA_RDFC_2022, doc, shapes[k]);
            }
        CHECK(same);
    }
    mc_test_case("other suite and members");
    json_t *other = json_copy(proof);
    json_object_set_new(other, "proofPurpose", json_string("authentication"));
    CHECK(same_as_fresh(di, MC_SUITE_EDDSA_JCS_2022, doc, shapes[0]));
    CHECK(same_as_fresh(di, MC_SUITE_EDDSA_RDFC_2022, doc, other));
    CHECK(same_as_fresh(di, MC_SUITE_EDDSA_RDFC_2022, doc, other));
    CHECK(same_as_fresh(di, MC_SUITE_EDDSA_RDFC_2022, doc, shapes[0]));
    json_object_set_new(other, "created", json_integer(2031));
    CHECK(same_as_fresh(di, MC_SUITE_EDDSA_RDFC_2022, doc, other));
    CHECK(same_as_fresh(di, MC_SUITE_EDDSA_RDFC_2022, doc, other));
    json_decref(other);
    for (size_t k = 0; k < 3; k++)
        json_decref(shapes[k]);
    json_decref(proof);
    json_decref(doc);
}

int main(void)
{
    did_key_vectors();
    key_json();
    struct mc_di *di = mc_di_new(NULL);
    static const struct suite_files suites[] = {
        { MC_SUITE_EDDSA_RDFC_2022, "eddsa-rdfc-2022", "DataInt", true },
        { MC_SUITE_EDDSA_JCS_2022, "eddsa-jcs-2022", "JCS", true },
        { MC_SUITE_ED25519_SIGNATURE_2020, "Ed25519Signature2020", "EdSig", false },
    };
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
        vectors(di, &suites[i]);
    malformed(di);
    config_cache(di);
    mc_di_free(di);
    return mc_test_done();
}
