/* SPDX-License-Identifier: Apache-2.0 */
/* Issuers' signing keys: rotation, unsealing the one that signs, revocation, resealing. */
#include "app/issuer-keys.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"

/* Append an audit entry about a key, with a JSON detail built from one string field. */
static enum mc_rc audit(struct mc_store *s, int64_t org_id, const char *action, const char *key_id,
                        const char *field, const char *value, struct mc_err *e)
{
    char *detail = NULL;
    if (field) {
        json_t *d = json_pack("{s:s}", field, value);
        detail = json_dumps(d, JSON_COMPACT);
        json_decref(d);
    }
    struct mc_audit_entry a = {
        .org_id = org_id,
        .action = action,
        .target_type = "signing-key",
        .target_id = key_id,
        .detail_json = detail,
    };
    enum mc_rc rc = mc_store_audit_append(s, &a, e);
    free(detail);
    return rc;
}

/* The key that signs in a list (neither retired nor revoked), or NULL. */
static const struct mc_signing_key *active_key(const struct mc_signing_key *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!keys[i].retired_at && !keys[i].revoked_at)
            return &keys[i];
    return NULL;
}

static enum mc_rc rotate_in_tx(struct mc_store *s, const struct mc_master_key *mk, int64_t org_id,
                               const uint8_t *seed, struct mc_arena *arena,
                               struct mc_signing_key *out, struct mc_err *e)
{
    struct mc_signing_key *keys = NULL;
    size_t n = 0;
    enum mc_rc rc = mc_store_signing_key_list(s, org_id, arena, &keys, &n, e);
    if (rc)
        return rc;
    const struct mc_signing_key *old = active_key(keys, n);
    int64_t now = (int64_t)time(NULL);
    if (old) {
        rc = mc_store_signing_key_retire(s, old->id, now, e);
        if (!rc)
            rc = audit(s, org_id, "signing-key.retire", old->key_id, NULL, NULL, e);
        if (rc)
            return rc;
    }

    struct mc_key k;
    mc_key_generate(&k, seed, NULL);
    char pub[MC_MULTIKEY_TEXT_MAX];
    mc_multikey_public_text(k.pk, pub);
    struct mc_buf sealed;
    mc_buf_init(&sealed, 1024);
    rc = mc_seal(mk, pub, k.sk, MC_ED25519_SEED_LEN, &sealed, e);
    mc_key_free(&k);
    if (rc) {
        mc_buf_free(&sealed);
        return rc;
    }
    struct mc_signing_key row = {
        .org_id = org_id,
        .key_id = mc_arena_strdup(arena, pub),
        .algorithm = "Ed25519",
        .public_multibase = mc_arena_strdup(arena, pub),
        .secret_sealed = (const uint8_t *)sealed.data,
        .secret_sealed_len = sealed.len,
        .created_at = now,
    };
    rc = mc_store_signing_key_put(s, &row, e);
    if (!rc)
        rc = audit(s, org_id, "signing-key.create", pub, old ? "replaces" : NULL,
                   old ? old->key_id : NULL, e);
    if (!rc && out) {
        uint8_t *copy = mc_arena_alloc(arena, sealed.len);
        memcpy(copy, sealed.data, sealed.len);
        row.secret_sealed = copy;
        *out = row;
    }
    mc_buf_free(&sealed);
    return rc;
}

enum mc_rc mc_issuer_key_rotate(struct mc_store *s, const struct mc_master_key *mk, int64_t org_id,
                                const uint8_t *seed, struct mc_arena *arena,
                                struct mc_signing_key *out, struct mc_err *e)
{
    enum mc_rc rc = mc_store_begin(s, e);
    if (rc)
        return rc;
    rc = rotate_in_tx(s, mk, org_id, seed, arena, out, e);
    if (!rc)
        rc = mc_store_commit(s, e);
    if (rc)
        mc_store_rollback(s);
    return rc;
}

enum mc_rc mc_issuer_key_signer(struct mc_store *s, const struct mc_master_key *mk, int64_t org_id,
                                const char *controller, struct mc_key *out, int64_t *row_id,
                                struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_signing_key *keys = NULL;
    size_t n = 0;
    enum mc_rc rc = mc_store_signing_key_list(s, org_id, arena, &keys, &n, e);
    const struct mc_signing_key *k = rc ? NULL : active_key(keys, n);
    if (!rc && !k)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND,
                        "organisation %lld has no signing key; create one with 'mcred key rotate'",
                        (long long)org_id);
    if (!rc && strcmp(k->algorithm, "Ed25519") != 0)
        rc = mc_err_set(e, MC_ERR_UNSUPPORTED, "signing key %s is %s; only Ed25519 signs here",
                        k->key_id, k->algorithm);
    uint8_t seed[MC_ED25519_SEED_LEN];
    size_t len = 0;
    if (!rc)
        rc = mc_unseal(mk, k->key_id, k->secret_sealed, k->secret_sealed_len, seed, sizeof seed,
                       &len, e);
    if (!rc && len != sizeof seed)
        rc = mc_err_set(e, MC_ERR_CRYPTO, "signing key %s: the sealed secret is %zu bytes, not %zu",
                        k->key_id, len, sizeof seed);
    if (!rc) {
        mc_key_generate(out, seed, controller);
        char pub[MC_MULTIKEY_TEXT_MAX];
        mc_multikey_public_text(out->pk, pub);
        if (strcmp(pub, k->public_multibase) != 0) {
            mc_key_free(out);
            rc = mc_err_set(e, MC_ERR_CRYPTO,
                            "signing key %s: the secret does not belong to the stored public key",
                            k->key_id);
        } else if (strcmp(k->key_id, pub) != 0) {
            /* the id follows the stored fragment, whatever it is */
            free(out->id);
            out->id = mc_xasprintf("%s#%s", controller, k->key_id);
        }
        if (!rc && row_id)
            *row_id = k->id;
    }
    sodium_memzero(seed, sizeof seed);
    mc_arena_free(arena);
    return rc;
}

enum mc_rc mc_issuer_key_revoke(struct mc_store *s, int64_t org_id, const char *key_id,
                                const char *reason, struct mc_err *e)
{
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_signing_key *keys = NULL;
    size_t n = 0;
    enum mc_rc rc = mc_store_begin(s, e);
    if (!rc)
        rc = mc_store_signing_key_list(s, org_id, arena, &keys, &n, e);
    const struct mc_signing_key *k = NULL;
    for (size_t i = 0; !rc && i < n && !k; i++)
        if (strcmp(keys[i].key_id, key_id) == 0)
            k = &keys[i];
    if (!rc && !k)
        rc = mc_err_set(e, MC_ERR_NOT_FOUND, "organisation %lld has no signing key %s",
                        (long long)org_id, key_id);
    if (!rc)
        rc = mc_store_signing_key_revoke(s, k->id, (int64_t)time(NULL), reason, e);
    if (!rc)
        rc = audit(s, org_id, "signing-key.revoke", key_id, "reason", reason, e);
    if (!rc)
        rc = mc_store_commit(s, e);
    if (rc)
        mc_store_rollback(s);
    mc_arena_free(arena);
    return rc;
}

enum mc_rc mc_issuer_keys_reseal(struct mc_store *s, const struct mc_master_key *old_mk,
                                 const struct mc_master_key *new_mk, size_t *count,
                                 struct mc_err *e)
{
    *count = 0;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_signing_key *keys = NULL;
    size_t n = 0, done = 0;
    struct mc_buf sealed;
    mc_buf_init(&sealed, 4096);
    enum mc_rc rc = mc_store_begin(s, e);
    if (!rc)
        rc = mc_store_signing_key_list_all(s, arena, &keys, &n, e);
    for (size_t i = 0; !rc && i < n; i++) {
        const struct mc_signing_key *k = &keys[i];
        /* Already under the new key (a repeated run): nothing to do. */
        if (k->secret_sealed_len >= MC_SEAL_OVERHEAD &&
            memcmp(k->secret_sealed + 4, new_mk->id, MC_MASTER_KEY_ID_LEN) == 0)
            continue;
        uint8_t secret[512];
        size_t len = 0;
        rc = mc_unseal(old_mk, k->key_id, k->secret_sealed, k->secret_sealed_len, secret,
                       sizeof secret, &len, e);
        if (rc) {
            mc_err_prefix(e, "signing key %s", k->key_id);
            break;
        }
        mc_buf_reset(&sealed);
        rc = mc_seal(new_mk, k->key_id, secret, len, &sealed, e);
        sodium_memzero(secret, sizeof secret);
        if (!rc)
            rc = mc_store_signing_key_reseal(s, k->id, (const uint8_t *)sealed.data, sealed.len, e);
        if (!rc)
            done++;
    }
    if (!rc && done)
        rc = audit(s, 0, "signing-key.reseal", NULL, "master_key", new_mk->id_hex, e);
    if (!rc)
        rc = mc_store_commit(s, e);
    if (rc)
        mc_store_rollback(s);
    else
        *count = done;
    mc_buf_free(&sealed);
    mc_arena_free(arena);
    return rc;
}

void mc_issuer_controller_add_keys(json_t *doc, const char *controller,
                                   const struct mc_signing_key *keys, size_t n)
{
    if (!json_object_get(doc, "id"))
        json_object_set_new(doc, "id", json_string(controller));
    json_t *vms = json_array(), *assertion = json_array();
    for (size_t i = 0; i < n; i++) {
        if (keys[i].revoked_at || strcmp(keys[i].algorithm, "Ed25519") != 0)
            continue;
        char *id = mc_xasprintf("%s#%s", controller, keys[i].key_id);
        json_array_append_new(vms, json_pack("{s:s, s:s, s:s, s:s}", "id", id, "type", "Multikey",
                                             "controller", controller, "publicKeyMultibase",
                                             keys[i].public_multibase));
        json_array_append_new(assertion, json_string(id));
        free(id);
    }
    json_object_set_new(doc, "verificationMethod", vms);
    json_object_set_new(doc, "assertionMethod", assertion);
}

json_t *mc_issuer_controller_document(const char *controller, const struct mc_signing_key *keys,
                                      size_t n)
{
    json_t *doc = json_pack("{s:[s,s], s:s}", "@context", "https://www.w3.org/ns/did/v1",
                            "https://w3id.org/security/multikey/v1", "id", controller);
    mc_issuer_controller_add_keys(doc, controller, keys, n);
    return doc;
}
