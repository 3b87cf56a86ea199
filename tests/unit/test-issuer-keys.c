/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Signing keys at rest: sealing under the master key, master key files, and the issuer key life
 * cycle over a real database — rotate, sign, verify through the controller document, revoke,
 * reseal under a new master key.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/issuer-keys.h"
#include "base/alloc.h"
#include "base/file.h"
#include "crypto/seal.h"
#include "test.h"
#include "vc/di.h"
#include "vc/verify.h"

static void test_seal(void)
{
    struct mc_err e;
    struct mc_master_key mk, other;
    mc_master_key_generate(&mk);
    mc_master_key_generate(&other);
    const uint8_t secret[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

    mc_test_case("seal and unseal");
    struct mc_buf b;
    mc_buf_init(&b, 4096);
    CHECK_INT(mc_seal(&mk, "z6Mkctx", secret, sizeof secret, &b, &e), MC_OK);
    CHECK_INT(b.len, sizeof secret + MC_SEAL_OVERHEAD);
    CHECK(memmem(b.data, b.len, secret, sizeof secret) == NULL);
    uint8_t out[64];
    size_t n = 0;
    CHECK_INT(mc_unseal(&mk, "z6Mkctx", (uint8_t *)b.data, b.len, out, sizeof out, &n, &e), MC_OK);
    CHECK_MEM(out, n, secret, sizeof secret);

    mc_test_case("two seals of one secret differ (random nonce)");
    struct mc_buf b2;
    mc_buf_init(&b2, 4096);
    CHECK_INT(mc_seal(&mk, "z6Mkctx", secret, sizeof secret, &b2, &e), MC_OK);
    CHECK(b.len == b2.len && memcmp(b.data, b2.data, b.len) != 0);

    mc_test_case("another master key is named");
    CHECK_INT(mc_unseal(&other, "z6Mkctx", (uint8_t *)b.data, b.len, out, sizeof out, &n, &e),
              MC_ERR_CRYPTO);
    CHECK(strstr(e.msg, mk.id_hex) && strstr(e.msg, other.id_hex));

    mc_test_case("bound to its context");
    CHECK_INT(mc_unseal(&mk, "z6Mkother", (uint8_t *)b.data, b.len, out, sizeof out, &n, &e),
              MC_ERR_CRYPTO);
    CHECK(strstr(e.msg, "damaged") != NULL);

    mc_test_case("a changed byte does not open");
    b.data[b.len - 1] ^= 1;
    CHECK_INT(mc_unseal(&mk, "z6Mkctx", (uint8_t *)b.data, b.len, out, sizeof out, &n, &e),
              MC_ERR_CRYPTO);

    mc_test_case("not a blob; too small a buffer");
    CHECK_INT(mc_unseal(&mk, "z6Mkctx", (const uint8_t *)"MCS1", 4, out, sizeof out, &n, &e),
              MC_ERR_INVALID);
    CHECK_INT(mc_unseal(&mk, "z6Mkctx", (uint8_t *)b2.data, b2.len, out, 8, &n, &e),
              MC_ERR_TOO_LARGE);
    CHECK_INT(mc_seal(&mk, "", secret, sizeof secret, &b2, &e), MC_ERR_INVALID);
    mc_buf_free(&b);
    mc_buf_free(&b2);
}

static void test_master_key_files(void)
{
    struct mc_err e;
    struct mc_master_key mk, back;
    mc_master_key_generate(&mk);
    char *path = mc_xasprintf("%s/master", mc_test_tmpdir());

    mc_test_case("written with mode 0600, read back");
    CHECK_INT(mc_master_key_write_file(path, &mk, &e), MC_OK);
    struct stat sb;
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CHECK_INT(mc_master_key_read_file(path, &back, &e), MC_OK);
    CHECK_MEM(back.key, sizeof back.key, mk.key, sizeof mk.key);
    CHECK_STR(back.id_hex, mk.id_hex);

    mc_test_case("never overwritten");
    CHECK_INT(mc_master_key_write_file(path, &mk, &e), MC_ERR_CONFLICT);

    mc_test_case("readable by others: refused, saying what to run");
    chmod(path, 0644);
    CHECK_INT(mc_master_key_read_file(path, &back, &e), MC_ERR_FORBIDDEN);
    CHECK(strstr(e.msg, "chmod 600") != NULL);
    chmod(path, 0600);

    mc_test_case("from the environment, before the default file");
    char hex[65];
    for (size_t i = 0; i < 32; i++)
        snprintf(hex + 2 * i, 3, "%02x", (unsigned)(255 - mk.key[i]));
    setenv(MC_MASTER_KEY_ENV, hex, 1);
    CHECK_INT(mc_master_key_load(NULL, path, &back, &e), MC_OK);
    CHECK(back.key[0] == 255 - mk.key[0]);
    setenv(MC_MASTER_KEY_ENV, "12ab", 1);
    CHECK_INT(mc_master_key_load(NULL, path, &back, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "MCRED_MASTER_KEY") != NULL);
    unsetenv(MC_MASTER_KEY_ENV);
    CHECK_INT(mc_master_key_load(NULL, path, &back, &e), MC_OK);
    CHECK_STR(back.id_hex, mk.id_hex);

    mc_test_case("none anywhere: every place is named");
    char *missing = mc_xasprintf("%s/nothing-here", mc_test_tmpdir());
    CHECK_INT(mc_master_key_load(NULL, missing, &back, &e), MC_ERR_NOT_FOUND);
    CHECK(strstr(e.msg, "MCRED_MASTER_KEY_FILE") && strstr(e.msg, "nothing-here"));

    mc_test_case("bad text");
    CHECK_INT(mc_master_key_from_hex("zz", 2, &back, &e), MC_ERR_INVALID);
    char bad[65];
    memset(bad, 'a', 64);
    bad[10] = 'g';
    bad[64] = 0;
    CHECK_INT(mc_master_key_from_hex(bad, 64, &back, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "offset 10") != NULL);
    free(missing);
    free(path);
}

/* Serves one controller document at its URL. */
struct one_doc {
    const char *url;
    json_t *doc;
};

static const json_t *one_doc_get(void *self, const char *url, const char **why)
{
    struct one_doc *d = self;
    if (strcmp(url, d->url) == 0)
        return d->doc;
    *why = "not found";
    return NULL;
}

#define ISSUER "https://uni.example/issuers/uni"

static json_t *credential(void)
{
    return json_pack("{s:[s,s], s:s, s:[s,s], s:{s:s, s:[s], s:s}, s:s, s:s, s:{s:s, s:[s], "
                     "s:{s:s, s:[s], s:s, s:s, s:{s:s}}}}",
                     "@context", "https://www.w3.org/ns/credentials/v2",
                     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "id",
                     "urn:uuid:6a3b0c56-8a4e-4c4e-9d2b-0c0f5f1f3a11", "type",
                     "VerifiableCredential", "OpenBadgeCredential", "issuer", "id", ISSUER, "type",
                     "Profile", "name", "Example University", "validFrom", "2026-01-01T00:00:00Z",
                     "name", "Data analysis", "credentialSubject", "id", "did:example:learner",
                     "type", "AchievementSubject", "achievement", "id",
                     "https://uni.example/achievements/data", "type", "Achievement", "name",
                     "Data analysis", "description", "Analyses data.", "criteria", "narrative",
                     "Pass the project.");
}

/* Sign with the organisation's signing key and verify against its controller document. */
static bool signs_and_verifies(struct mc_store *s, const struct mc_master_key *mk, int64_t org,
                               struct mc_di *di, struct mc_verifier *v, json_t **signed_out)
{
    struct mc_err e;
    struct mc_key key;
    if (mc_issuer_key_signer(s, mk, org, ISSUER, &key, NULL, &e) != MC_OK) {
        CHECK_STR(e.msg, "");
        return false;
    }
    json_t *cred = credential(), *signed_cred = NULL;
    CHECK_INT(mc_di_sign(di, cred, &key, NULL, &signed_cred, &e), MC_OK);
    mc_key_free(&key);
    json_decref(cred);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_signing_key *keys = NULL;
    size_t n = 0;
    CHECK_INT(mc_store_signing_key_list(s, org, arena, &keys, &n, &e), MC_OK);
    struct one_doc d = { ISSUER, mc_issuer_controller_document(ISSUER, keys, n) };
    struct mc_doc_source src = { one_doc_get, &d };
    struct mc_verify_options o = { .now = 1790000000, .docs = &src };
    struct mc_report r;
    mc_report_init(&r);
    mc_verify_credential(v, signed_cred, &o, &r);
    bool ok = mc_report_valid(&r);
    for (size_t i = 0; i < r.count; i++)
        if (r.checks[i].status == MC_CHECK_FAIL)
            CHECK_STR(r.checks[i].message, "");
    mc_report_free(&r);
    json_decref(d.doc);
    mc_arena_free(arena);
    if (signed_out)
        *signed_out = signed_cred;
    else
        json_decref(signed_cred);
    return ok;
}

/* The verdict on an already signed credential against the current controller document. */
static bool still_verifies(struct mc_store *s, int64_t org, struct mc_verifier *v,
                           const json_t *signed_cred, char *why, size_t why_len)
{
    struct mc_err e;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_signing_key *keys = NULL;
    size_t n = 0;
    CHECK_INT(mc_store_signing_key_list(s, org, arena, &keys, &n, &e), MC_OK);
    struct one_doc d = { ISSUER, mc_issuer_controller_document(ISSUER, keys, n) };
    struct mc_doc_source src = { one_doc_get, &d };
    struct mc_verify_options o = { .now = 1790000000, .docs = &src };
    struct mc_report r;
    mc_report_init(&r);
    mc_verify_credential(v, signed_cred, &o, &r);
    bool ok = mc_report_valid(&r);
    why[0] = 0;
    for (size_t i = 0; i < r.count; i++)
        if (r.checks[i].status == MC_CHECK_FAIL)
            snprintf(why, why_len, "%s", r.checks[i].message);
    mc_report_free(&r);
    json_decref(d.doc);
    mc_arena_free(arena);
    return ok;
}

static void test_life_cycle(void)
{
    struct mc_err e;
    char *path = mc_xasprintf("%s/keys.db", mc_test_tmpdir());
    struct mc_store *s = NULL;
    CHECK_INT(mc_store_open(path, MC_STORE_CREATE, &s, &e), MC_OK);
    struct mc_org org = { .slug = "uni", .name = "Example University", .kind = MC_ORG_UNIVERSITY };
    CHECK_INT(mc_store_org_put(s, &org, &e), MC_OK);
    struct mc_master_key mk;
    mc_master_key_generate(&mk);
    struct mc_di *di = mc_di_new(NULL);
    struct mc_verifier *v = mc_verifier_new(NULL);
    struct mc_arena *arena = mc_arena_new(0);

    mc_test_case("no key yet");
    struct mc_key key;
    CHECK_INT(mc_issuer_key_signer(s, &mk, org.id, ISSUER, &key, NULL, &e), MC_ERR_NOT_FOUND);
    CHECK(strstr(e.msg, "mcred key rotate") != NULL);

    mc_test_case("first key: signs, verifies through the controller document");
    uint8_t seed[32];
    memset(seed, 7, sizeof seed);
    struct mc_signing_key k1;
    CHECK_INT(mc_issuer_key_rotate(s, &mk, org.id, seed, arena, &k1, &e), MC_OK);
    CHECK(strncmp(k1.key_id, "z6Mk", 4) == 0);
    json_t *by_k1 = NULL;
    CHECK(signs_and_verifies(s, &mk, org.id, di, v, &by_k1));
    CHECK_STR(json_string_value(
                      json_object_get(json_object_get(by_k1, "proof"), "verificationMethod")),
              mc_arena_printf(arena, "%s#%s", ISSUER, k1.key_id));

    mc_test_case("the secret is not in the database file in clear");
    mc_store_close(s);
    char *bytes = NULL;
    size_t len = 0;
    CHECK_INT(mc_file_read(path, 1 << 26, &bytes, &len, &e), MC_OK);
    struct mc_key probe;
    mc_key_generate(&probe, seed, NULL);
    CHECK(memmem(bytes, len, seed, sizeof seed) == NULL);
    CHECK(memmem(bytes, len, probe.sk, sizeof probe.sk) == NULL);
    mc_key_free(&probe);
    free(bytes);
    CHECK_INT(mc_store_open(path, 0, &s, &e), MC_OK);

    mc_test_case("another master key cannot sign");
    struct mc_master_key wrong;
    mc_master_key_generate(&wrong);
    CHECK_INT(mc_issuer_key_signer(s, &wrong, org.id, ISSUER, &key, NULL, &e), MC_ERR_CRYPTO);

    mc_test_case("rotation: the new key signs, what the old one signed still verifies");
    struct mc_signing_key k2;
    CHECK_INT(mc_issuer_key_rotate(s, &mk, org.id, NULL, arena, &k2, &e), MC_OK);
    CHECK(strcmp(k1.key_id, k2.key_id) != 0);
    json_t *by_k2 = NULL;
    CHECK(signs_and_verifies(s, &mk, org.id, di, v, &by_k2));
    CHECK(strstr(json_string_value(
                         json_object_get(json_object_get(by_k2, "proof"), "verificationMethod")),
                 k2.key_id) != NULL);
    char why[480];
    CHECK(still_verifies(s, org.id, v, by_k1, why, sizeof why));
    struct mc_signing_key *keys = NULL;
    size_t n = 0;
    CHECK_INT(mc_store_signing_key_list(s, org.id, arena, &keys, &n, &e), MC_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(keys[0].key_id, k2.key_id);
        CHECK(!keys[0].retired_at && keys[1].retired_at && !keys[1].revoked_at);
    }

    mc_test_case("one signing key per organisation, enforced by the store");
    struct mc_signing_key dup = k2;
    dup.key_id = "z6MkOther";
    CHECK_INT(mc_store_signing_key_put(s, &dup, &e), MC_ERR_CONFLICT);
    CHECK(strstr(e.msg, "retire it first") != NULL);

    mc_test_case("revocation: the old key's credentials stop verifying, the new one's do not");
    CHECK_INT(mc_issuer_key_revoke(s, org.id, k1.key_id, "laptop stolen", &e), MC_OK);
    CHECK(!still_verifies(s, org.id, v, by_k1, why, sizeof why));
    CHECK(strstr(why, "does not list") != NULL);
    CHECK(still_verifies(s, org.id, v, by_k2, why, sizeof why));
    CHECK_INT(mc_issuer_key_revoke(s, org.id, k1.key_id, "again", &e), MC_ERR_CONFLICT);
    CHECK_INT(mc_issuer_key_revoke(s, org.id, "z6MkNoSuchKey", "x", &e), MC_ERR_NOT_FOUND);
    struct mc_audit_entry *log = NULL;
    CHECK_INT(mc_store_audit_list(s, "signing-key", k1.key_id, 10, arena, &log, &n, &e), MC_OK);
    CHECK(n >= 1 && strcmp(log[0].action, "signing-key.revoke") == 0 &&
          strstr(log[0].detail_json, "laptop stolen"));

    mc_test_case("reseal under a new master key: all keys, then nothing left to do");
    struct mc_master_key mk2;
    mc_master_key_generate(&mk2);
    size_t count = 0;
    CHECK_INT(mc_issuer_keys_reseal(s, &mk, &mk2, &count, &e), MC_OK);
    CHECK_INT(count, 2);
    CHECK(signs_and_verifies(s, &mk2, org.id, di, v, NULL));
    CHECK_INT(mc_issuer_key_signer(s, &mk, org.id, ISSUER, &key, NULL, &e), MC_ERR_CRYPTO);
    CHECK_INT(mc_issuer_keys_reseal(s, &mk, &mk2, &count, &e), MC_OK);
    CHECK_INT(count, 0);

    mc_test_case("reseal with the wrong old key changes nothing");
    struct mc_master_key mk3;
    mc_master_key_generate(&mk3);
    CHECK_INT(mc_issuer_keys_reseal(s, &wrong, &mk3, &count, &e), MC_ERR_CRYPTO);
    CHECK(strstr(e.msg, "signing key") != NULL);
    CHECK(signs_and_verifies(s, &mk2, org.id, di, v, NULL));

    json_decref(by_k1);
    json_decref(by_k2);
    mc_arena_free(arena);
    mc_verifier_free(v);
    mc_di_free(di);
    mc_store_close(s);
    free(path);
}

int main(void)
{
    test_seal();
    test_master_key_files();
    test_life_cycle();
    return mc_test_done();
}
