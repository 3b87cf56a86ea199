/* SPDX-License-Identifier: Apache-2.0 */
#include "crypto/multikey.h"

#include <sodium.h>
#include <string.h>

#include "base/alloc.h"
#include "base/base58.h"
#include "base/base64.h"
#include "base/json.h"

static void encode(uint8_t h0, uint8_t h1, const uint8_t *p, size_t n,
                   char out[MC_MULTIKEY_TEXT_MAX])
{
    uint8_t raw[2 + 64];
    raw[0] = h0;
    raw[1] = h1;
    memcpy(raw + 2, p, n);
    struct mc_buf b;
    mc_buf_init(&b, MC_MULTIKEY_TEXT_MAX - 2);
    /* 66 bytes of base58 is at most 91 characters: the cap cannot be reached. */
    mc_b58_encode(&b, raw, n + 2);
    out[0] = 'z';
    memcpy(out + 1, b.data, b.len + 1);
    mc_buf_free(&b);
}

void mc_multikey_public_text(const uint8_t pk[MC_ED25519_PUBLIC_LEN],
                             char out[MC_MULTIKEY_TEXT_MAX])
{
    encode(0xed, 0x01, pk, MC_ED25519_PUBLIC_LEN, out);
}

void mc_multikey_secret_text(const uint8_t seed[MC_ED25519_SEED_LEN],
                             char out[MC_MULTIKEY_TEXT_MAX])
{
    encode(0x80, 0x26, seed, MC_ED25519_SEED_LEN, out);
}

/* Decode "z" + base58btc into b; checks the two header bytes. */
static enum mc_rc decode(const char *text, uint8_t h0, uint8_t h1, const char *what,
                         struct mc_buf *b, struct mc_err *e)
{
    size_t len = strlen(text);
    if (len == 0 || text[0] != 'z')
        return mc_err_set(e, MC_ERR_INVALID,
                          "%s must be multibase base58btc (starting with 'z'), not \"%.20s\"", what,
                          text);
    if (len > MC_MULTIKEY_TEXT_MAX)
        return mc_err_set(e, MC_ERR_INVALID, "%s is too long (%zu characters)", what, len);
    if (mc_b58_decode(b, text + 1, len - 1, e)) {
        mc_err_prefix(e, "%s", what);
        return MC_ERR_INVALID;
    }
    const uint8_t *d = (const uint8_t *)b->data;
    if (b->len < 2 || d[0] != h0 || d[1] != h1)
        return mc_err_set(e, MC_ERR_INVALID,
                          "%s has the multicodec header 0x%02x%02x, not 0x%02x%02x (Ed25519)", what,
                          b->len > 0 ? d[0] : 0, b->len > 1 ? d[1] : 0, h0, h1);
    return MC_OK;
}

enum mc_rc mc_multikey_public_decode(const char *text, uint8_t pk[MC_ED25519_PUBLIC_LEN],
                                     struct mc_err *e)
{
    struct mc_buf b;
    mc_buf_init(&b, 256);
    enum mc_rc rc = decode(text, 0xed, 0x01, "publicKeyMultibase", &b, e);
    if (!rc && b.len != 2 + MC_ED25519_PUBLIC_LEN)
        rc = mc_err_set(e, MC_ERR_INVALID, "publicKeyMultibase holds %zu key bytes, not 32",
                        b.len - 2);
    if (!rc)
        memcpy(pk, b.data + 2, MC_ED25519_PUBLIC_LEN);
    mc_buf_free(&b);
    return rc;
}

enum mc_rc mc_multikey_secret_decode(const char *text, uint8_t seed[MC_ED25519_SEED_LEN],
                                     bool *has_pk, uint8_t pk[MC_ED25519_PUBLIC_LEN],
                                     struct mc_err *e)
{
    struct mc_buf b;
    mc_buf_init(&b, 256);
    enum mc_rc rc = decode(text, 0x80, 0x26, "secretKeyMultibase", &b, e);
    *has_pk = false;
    if (!rc && b.len != 2 + 32 && b.len != 2 + 64)
        rc = mc_err_set(e, MC_ERR_INVALID,
                        "secretKeyMultibase holds %zu key bytes, not 32 (seed) or 64 (seed and "
                        "public key)",
                        b.len - 2);
    if (!rc) {
        memcpy(seed, b.data + 2, MC_ED25519_SEED_LEN);
        if (b.len == 2 + 64) {
            memcpy(pk, b.data + 2 + 32, MC_ED25519_PUBLIC_LEN);
            *has_pk = true;
        }
    }
    if (b.data)
        sodium_memzero(b.data, b.len);
    mc_buf_free(&b);
    return rc;
}

static void set_ids(struct mc_key *k, const char *id, const char *controller)
{
    char pub[MC_MULTIKEY_TEXT_MAX];
    mc_multikey_public_text(k->pk, pub);
    free(k->controller);
    free(k->id);
    k->controller = controller ? mc_xstrdup(controller) : mc_xasprintf("did:key:%s", pub);
    k->id = id ? mc_xstrdup(id) : mc_xasprintf("%s#%s", k->controller, pub);
}

void mc_key_generate(struct mc_key *k, const uint8_t *seed, const char *controller)
{
    memset(k, 0, sizeof *k);
    mc_ed25519_keypair(seed, k->pk, k->sk);
    k->has_secret = true;
    set_ids(k, NULL, controller);
}

enum mc_rc mc_key_from_json(const json_t *j, struct mc_key *k, struct mc_err *e)
{
    memset(k, 0, sizeof *k);
    if (!json_is_object(j))
        return mc_err_set(e, MC_ERR_INVALID, "a key must be a JSON object (Multikey)");
    const char *type = NULL, *pub = NULL, *sec = NULL, *id = NULL, *controller = NULL;
    enum mc_rc rc;
    if ((rc = mc_json_get_string(j, "", "type", false, &type, e)) ||
        (rc = mc_json_get_string(j, "", "publicKeyMultibase", false, &pub, e)) ||
        (rc = mc_json_get_string(j, "", "secretKeyMultibase", false, &sec, e)) ||
        (rc = mc_json_get_string(j, "", "id", false, &id, e)) ||
        (rc = mc_json_get_string(j, "", "controller", false, &controller, e)))
        return rc;
    if (!sec && (rc = mc_json_get_string(j, "", "privateKeyMultibase", false, &sec, e)))
        return rc;
    if (type && strcmp(type, "Multikey") != 0)
        return mc_err_set(e, MC_ERR_UNSUPPORTED,
                          "/type: the key type is \"%s\"; only Multikey "
                          "(Ed25519) keys are read",
                          type);
    if (!pub && !sec)
        return mc_err_set(e, MC_ERR_INVALID,
                          "the key has neither publicKeyMultibase nor secretKeyMultibase");
    if (pub && (rc = mc_multikey_public_decode(pub, k->pk, e)))
        return rc;
    if (sec) {
        uint8_t seed[MC_ED25519_SEED_LEN], pk_in[MC_ED25519_PUBLIC_LEN], pk[MC_ED25519_PUBLIC_LEN];
        bool has_pk;
        if ((rc = mc_multikey_secret_decode(sec, seed, &has_pk, pk_in, e)))
            return rc;
        mc_ed25519_keypair(seed, pk, k->sk);
        sodium_memzero(seed, sizeof seed);
        if ((has_pk && memcmp(pk, pk_in, sizeof pk) != 0) ||
            (pub && memcmp(pk, k->pk, sizeof pk) != 0)) {
            sodium_memzero(k->sk, sizeof k->sk);
            return mc_err_set(e, MC_ERR_INVALID,
                              "the secret key does not belong to the public key");
        }
        memcpy(k->pk, pk, sizeof pk);
        k->has_secret = true;
    }
    set_ids(k, id, controller);
    return MC_OK;
}

json_t *mc_key_to_json(const struct mc_key *k, bool with_secret)
{
    char pub[MC_MULTIKEY_TEXT_MAX];
    mc_multikey_public_text(k->pk, pub);
    json_t *j = json_pack("{s:s, s:s, s:s, s:s}", "type", "Multikey", "id", k->id, "controller",
                          k->controller, "publicKeyMultibase", pub);
    if (with_secret && k->has_secret) {
        char sec[MC_MULTIKEY_TEXT_MAX];
        mc_multikey_secret_text(k->sk, sec); /* the first 32 bytes are the seed */
        json_object_set_new(j, "secretKeyMultibase", json_string(sec));
        sodium_memzero(sec, sizeof sec);
    }
    return j;
}

static json_t *b64url(const uint8_t *p, size_t n)
{
    struct mc_buf b;
    mc_buf_init(&b, 128);
    mc_b64_encode(&b, MC_B64_URL, p, n); /* 32 bytes: far below the cap */
    json_t *s = json_string(b.data);
    sodium_memzero(b.data, b.len);
    mc_buf_free(&b);
    return s;
}

json_t *mc_ed25519_public_jwk(const uint8_t pk[MC_ED25519_PUBLIC_LEN])
{
    json_t *j = json_pack("{s:s, s:s}", "kty", "OKP", "crv", "Ed25519");
    json_object_set_new(j, "x", b64url(pk, MC_ED25519_PUBLIC_LEN));
    return j;
}

json_t *mc_key_to_jwk(const struct mc_key *k, bool with_secret)
{
    json_t *j = mc_ed25519_public_jwk(k->pk);
    if (with_secret && k->has_secret)
        json_object_set_new(j, "d", b64url(k->sk, MC_ED25519_SEED_LEN));
    return j;
}

void mc_key_free(struct mc_key *k)
{
    if (!k)
        return;
    sodium_memzero(k->sk, sizeof k->sk);
    free(k->id);
    free(k->controller);
    k->id = k->controller = NULL;
}

enum mc_rc mc_didkey_public(const char *did_url, uint8_t pk[MC_ED25519_PUBLIC_LEN],
                            struct mc_err *e)
{
    static const char prefix[] = "did:key:";
    if (strncmp(did_url, prefix, sizeof prefix - 1) != 0)
        return mc_err_set(e, MC_ERR_INVALID, "\"%.80s\" is not a did:key", did_url);
    const char *mb = did_url + sizeof prefix - 1;
    const char *hash = strchr(mb, '#');
    char key[MC_MULTIKEY_TEXT_MAX];
    size_t n = hash ? (size_t)(hash - mb) : strlen(mb);
    if (n == 0 || n >= sizeof key)
        return mc_err_set(e, MC_ERR_INVALID, "\"%.80s\" has no valid key in it", did_url);
    memcpy(key, mb, n);
    key[n] = '\0';
    if (hash && strcmp(hash + 1, key) != 0)
        return mc_err_set(e, MC_ERR_INVALID,
                          "the fragment of \"%.200s\" does not name the DID's own key", did_url);
    enum mc_rc rc = mc_multikey_public_decode(key, pk, e);
    if (rc)
        mc_err_prefix(e, "did:key");
    return rc;
}
