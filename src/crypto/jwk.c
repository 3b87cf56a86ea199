/* SPDX-License-Identifier: Apache-2.0 */
/* JWK <-> EVP_PKEY over the OpenSSL 3 parameter API (RFC 7517, RFC 7518 §6, RFC 8037 §2). */
#ifndef OPENSSL_NO_DEPRECATED
#define OPENSSL_NO_DEPRECATED /* the compiler proves we use none of the old key APIs */
#endif
#include "crypto/jwk.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/base64.h"
#include "base/json.h"
#include "crypto/digest.h"

#define EC_P256_LEN 32
#define ED25519_LEN 32
/* The longest base64url text of a member we read: an RSA modulus of MC_JWK_RSA_MAX_BITS. */
#define MEMBER_MAX_BYTES (MC_JWK_RSA_MAX_BITS / 8 + 1)

/* A failure at member `name` of the JWK: "JWK member "x": <what>", with "/x" as the place. */
__attribute__((format(printf, 4, 5))) static enum mc_rc
fail_member(struct mc_err *e, enum mc_rc rc, const char *name, const char *fmt, ...)
{
    if (!e)
        return rc;
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(e, rc, fmt, ap);
    va_end(ap);
    mc_err_prefix(e, "JWK member \"%s\"", name);
    mc_err_where(e, "/%s", name);
    return rc;
}

/* An OpenSSL call failed: say what we were doing and OpenSSL's reason, and empty its queue so
 * the next error does not report this one. */
static enum mc_rc ossl_fail(struct mc_err *e, enum mc_rc rc, const char *what)
{
    unsigned long code = ERR_peek_last_error();
    const char *reason = code ? ERR_reason_error_string(code) : NULL;
    ERR_clear_error();
    if (reason)
        return mc_err_set(e, rc, "%s (OpenSSL: %s)", what, reason);
    return mc_err_set(e, rc, "%s", what);
}

/* Free a buffer that may have held private key bytes. */
static void wipe_free(struct mc_buf *b)
{
    if (b->data)
        OPENSSL_cleanse(b->data, b->cap);
    mc_buf_free(b);
}

/* Free the builder's parameters after wiping them: some are private key material, and OpenSSL
 * 3.0 has no OSSL_PARAM_clear_free. */
static void params_wipe_free(OSSL_PARAM *params)
{
    for (OSSL_PARAM *p = params; p && p->key; p++)
        if (p->data && p->data_size)
            OPENSSL_cleanse(p->data, p->data_size);
    OSSL_PARAM_free(params);
}

/*
 * Decode the base64url member `name` into `b` (emptied first). Absent or null: "required, and
 * missing" when `required`, else MC_OK with *present false. The decoded length must be in
 * [min, max].
 */
static enum mc_rc get_b64(const json_t *jwk, const char *name, bool required, size_t min,
                          size_t max, struct mc_buf *b, bool *present, struct mc_err *e)
{
    if (present)
        *present = false;
    mc_buf_reset(b);
    const json_t *v = json_object_get(jwk, name);
    if (!v || json_is_null(v)) {
        if (required)
            return fail_member(e, MC_ERR_INVALID, name, "required, and missing");
        return MC_OK;
    }
    if (!json_is_string(v))
        return fail_member(e, MC_ERR_INVALID, name, "expected a base64url string");
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    if (len == 0)
        return fail_member(e, MC_ERR_INVALID, name, "is empty");
    if (len > (MEMBER_MAX_BYTES + 2) / 3 * 4)
        return fail_member(e, MC_ERR_TOO_LARGE, name, "is too long (%zu characters)", len);
    struct mc_err sub;
    mc_err_clear(&sub);
    if (mc_b64_decode(b, MC_B64_URL, s, len, &sub))
        return fail_member(e, MC_ERR_INVALID, name, "%s", sub.msg);
    if (b->len < min || b->len > max) {
        if (min == max)
            return fail_member(e, MC_ERR_INVALID, name, "is %zu bytes long, not %zu", b->len, min);
        return fail_member(e, MC_ERR_INVALID, name, "is %zu bytes long, outside %zu..%zu", b->len,
                           min, max);
    }
    if (present)
        *present = true;
    return MC_OK;
}

/* EVP_PKEY_fromdata for key type `type` ("RSA", "EC", "ED25519"). */
static enum mc_rc fromdata(const char *type, int selection, OSSL_PARAM *params, EVP_PKEY **out,
                           struct mc_err *e)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
    bool ok = ctx && EVP_PKEY_fromdata_init(ctx) == 1 &&
              EVP_PKEY_fromdata(ctx, out, selection, params) == 1;
    EVP_PKEY_CTX_free(ctx);
    if (!ok) {
        *out = NULL;
        char what[64];
        snprintf(what, sizeof what, "JWK: the members do not make a valid %s key",
                 strcmp(type, "ED25519") == 0 ? "Ed25519" : type);
        return ossl_fail(e, MC_ERR_INVALID, what);
    }
    return MC_OK;
}

/* Run OpenSSL's own key check: the public key (a point on the curve, not the identity) and, for
 * private keys, the scalar's range and that it belongs to the public key. */
static enum mc_rc check_key(EVP_PKEY *k, bool priv, struct mc_err *e)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
    bool ok = ctx && (priv ? EVP_PKEY_check(ctx) : EVP_PKEY_public_check(ctx)) == 1;
    EVP_PKEY_CTX_free(ctx);
    if (!ok)
        return ossl_fail(e, MC_ERR_INVALID,
                         priv ? "JWK: d is not the private key of the public point x, y"
                              : "JWK: x, y is not a valid P-256 public key");
    return MC_OK;
}

/*
 * RSA (RFC 7518 §6.3). The private exponent is checked against n and e by a round trip
 * (2^e)^d mod n == 2, and p q against n, so a mixed-up key fails here rather than signing
 * credentials nobody can verify.
 */
static enum mc_rc rsa_to_pkey(const json_t *jwk, bool priv, EVP_PKEY **out, struct mc_err *e)
{
    static const char *const crt_names[5] = { "p", "q", "dp", "dq", "qi" };
    static const char *const crt_params[5] = {
        OSSL_PKEY_PARAM_RSA_FACTOR1,      OSSL_PKEY_PARAM_RSA_FACTOR2,
        OSSL_PKEY_PARAM_RSA_EXPONENT1,    OSSL_PKEY_PARAM_RSA_EXPONENT2,
        OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
    };
    BIGNUM *n = NULL, *ev = NULL, *d = NULL, *crt[5] = { NULL };
    BN_CTX *bn_ctx = NULL;
    OSSL_PARAM_BLD *bld = NULL;
    OSSL_PARAM *params = NULL;
    struct mc_buf b;
    mc_buf_init(&b, MEMBER_MAX_BYTES);
    enum mc_rc rc = get_b64(jwk, "n", true, 1, MEMBER_MAX_BYTES, &b, NULL, e);
    if (rc)
        goto out;
    n = BN_bin2bn((const unsigned char *)b.data, (int)b.len, NULL);
    rc = get_b64(jwk, "e", true, 1, 8, &b, NULL, e);
    if (rc)
        goto out;
    ev = BN_bin2bn((const unsigned char *)b.data, (int)b.len, NULL);
    if (!n || !ev)
        mc_oom("RSA key", b.len);
    int bits = BN_num_bits(n);
    if (bits < MC_JWK_RSA_MIN_BITS) {
        rc = fail_member(e, MC_ERR_INVALID, "n",
                         "the RSA key has %d bits; at least %d are required (RFC 7518 §3.3)", bits,
                         MC_JWK_RSA_MIN_BITS);
        goto out;
    }
    if (bits > MC_JWK_RSA_MAX_BITS) {
        rc = fail_member(e, MC_ERR_TOO_LARGE, "n", "the RSA key has %d bits; at most %d are read",
                         bits, MC_JWK_RSA_MAX_BITS);
        goto out;
    }
    if (!BN_is_odd(n)) {
        rc = fail_member(e, MC_ERR_INVALID, "n", "an RSA modulus is odd");
        goto out;
    }
    if (!BN_is_odd(ev) || BN_is_one(ev)) {
        rc = fail_member(e, MC_ERR_INVALID, "e", "an RSA public exponent is odd and above 1");
        goto out;
    }
    if (json_object_get(jwk, "oth")) {
        rc = fail_member(e, MC_ERR_UNSUPPORTED, "oth", "multi-prime RSA keys are not supported");
        goto out;
    }
    int ncrt = 0;
    if (priv) {
        size_t nbytes = (size_t)BN_num_bytes(n);
        rc = get_b64(jwk, "d", true, 1, nbytes, &b, NULL, e);
        if (rc)
            goto out;
        d = BN_bin2bn((const unsigned char *)b.data, (int)b.len, NULL);
        if (!d)
            mc_oom("RSA key", b.len);
        BN_set_flags(d, BN_FLG_CONSTTIME);
        for (int i = 0; i < 5; i++) {
            bool present;
            rc = get_b64(jwk, crt_names[i], false, 1, nbytes, &b, &present, e);
            if (rc)
                goto out;
            if (!present)
                continue;
            crt[i] = BN_bin2bn((const unsigned char *)b.data, (int)b.len, NULL);
            if (!crt[i])
                mc_oom("RSA key", b.len);
            BN_set_flags(crt[i], BN_FLG_CONSTTIME);
            ncrt++;
        }
        if (ncrt != 0 && ncrt != 5) {
            rc = mc_err_set(e, MC_ERR_INVALID,
                            "JWK: an RSA private key has all of p, q, dp, dq, qi or none of them");
            goto out;
        }
        bn_ctx = BN_CTX_new();
        if (bn_ctx)
            BN_CTX_start(bn_ctx);
        BIGNUM *t = bn_ctx ? BN_CTX_get(bn_ctx) : NULL;
        BIGNUM *two = bn_ctx ? BN_CTX_get(bn_ctx) : NULL;
        if (!t || !two || !BN_set_word(two, 2))
            mc_oom("RSA key check", 0);
        bool agree = BN_cmp(d, n) < 0 && !BN_is_zero(d) && BN_mod_exp(t, two, ev, n, bn_ctx) &&
                     BN_mod_exp(t, t, d, n, bn_ctx) && BN_cmp(t, two) == 0;
        if (!agree) {
            ERR_clear_error();
            rc = fail_member(e, MC_ERR_INVALID, "d",
                             "not the private exponent of this n and e (a key from another pair?)");
            goto out;
        }
        if (ncrt && (!BN_mul(t, crt[0], crt[1], bn_ctx) || BN_cmp(t, n) != 0)) {
            ERR_clear_error();
            rc = fail_member(e, MC_ERR_INVALID, "p", "p times q is not n");
            goto out;
        }
    }
    bld = OSSL_PARAM_BLD_new();
    if (!bld || !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) ||
        !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, ev) ||
        (d && !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_D, d)))
        mc_oom("RSA key parameters", 0);
    for (int i = 0; i < ncrt; i++)
        if (!OSSL_PARAM_BLD_push_BN(bld, crt_params[i], crt[i]))
            mc_oom("RSA key parameters", 0);
    params = OSSL_PARAM_BLD_to_param(bld);
    if (!params)
        mc_oom("RSA key parameters", 0);
    rc = fromdata("RSA", priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params, out, e);
out:
    params_wipe_free(params);
    OSSL_PARAM_BLD_free(bld);
    if (bn_ctx)
        BN_CTX_end(bn_ctx);
    BN_CTX_free(bn_ctx);
    for (int i = 0; i < 5; i++)
        BN_clear_free(crt[i]);
    BN_clear_free(d);
    BN_free(ev);
    BN_free(n);
    wipe_free(&b);
    return rc;
}

/* The "crv" member, which must be `want`; another curve is MC_ERR_UNSUPPORTED. */
static enum mc_rc check_crv(const json_t *jwk, const char *want, const char *kty, struct mc_err *e)
{
    const json_t *crv = json_object_get(jwk, "crv");
    if (!crv || json_is_null(crv))
        return fail_member(e, MC_ERR_INVALID, "crv", "required, and missing");
    if (!json_is_string(crv))
        return fail_member(e, MC_ERR_INVALID, "crv", "expected a string");
    if (strcmp(json_string_value(crv), want) != 0)
        return fail_member(e, MC_ERR_UNSUPPORTED, "crv",
                           "curve \"%.40s\" is not supported for kty %s; only %s is",
                           json_string_value(crv), kty, want);
    return MC_OK;
}

/* EC P-256 (RFC 7518 §6.2): x and y are each exactly 32 bytes, d too. */
static enum mc_rc ec_to_pkey(const json_t *jwk, bool priv, EVP_PKEY **out, struct mc_err *e)
{
    unsigned char point[1 + 2 * EC_P256_LEN];
    BIGNUM *d = NULL;
    OSSL_PARAM_BLD *bld = NULL;
    OSSL_PARAM *params = NULL;
    struct mc_buf b;
    mc_buf_init(&b, MEMBER_MAX_BYTES);
    enum mc_rc rc = check_crv(jwk, "P-256", "EC", e);
    if (rc)
        goto out;
    point[0] = 0x04; /* uncompressed: 04 || x || y (SEC 1 §2.3.3) */
    rc = get_b64(jwk, "x", true, EC_P256_LEN, EC_P256_LEN, &b, NULL, e);
    if (rc)
        goto out;
    memcpy(point + 1, b.data, EC_P256_LEN);
    rc = get_b64(jwk, "y", true, EC_P256_LEN, EC_P256_LEN, &b, NULL, e);
    if (rc)
        goto out;
    memcpy(point + 1 + EC_P256_LEN, b.data, EC_P256_LEN);
    if (priv) {
        rc = get_b64(jwk, "d", true, EC_P256_LEN, EC_P256_LEN, &b, NULL, e);
        if (rc)
            goto out;
        d = BN_bin2bn((const unsigned char *)b.data, (int)b.len, NULL);
        if (!d)
            mc_oom("EC key", b.len);
        BN_set_flags(d, BN_FLG_CONSTTIME);
    }
    bld = OSSL_PARAM_BLD_new();
    if (!bld ||
        !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) ||
        !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point) ||
        (d && !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d)))
        mc_oom("EC key parameters", 0);
    params = OSSL_PARAM_BLD_to_param(bld);
    if (!params)
        mc_oom("EC key parameters", 0);
    rc = fromdata("EC", priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params, out, e);
    if (rc)
        goto out;
    rc = check_key(*out, priv, e);
    if (rc) {
        EVP_PKEY_free(*out);
        *out = NULL;
    }
out:
    params_wipe_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_clear_free(d);
    wipe_free(&b);
    return rc;
}

/*
 * OKP Ed25519 (RFC 8037 §2). A private key is built from d alone, so OpenSSL derives the public
 * key, which must then equal x: OpenSSL would otherwise take both as given and sign with a
 * public key that is not d's.
 */
static enum mc_rc okp_to_pkey(const json_t *jwk, bool priv, EVP_PKEY **out, struct mc_err *e)
{
    unsigned char x[ED25519_LEN], derived[ED25519_LEN];
    OSSL_PARAM params[2];
    struct mc_buf b;
    mc_buf_init(&b, MEMBER_MAX_BYTES);
    enum mc_rc rc = check_crv(jwk, "Ed25519", "OKP", e);
    if (rc)
        goto out;
    rc = get_b64(jwk, "x", true, ED25519_LEN, ED25519_LEN, &b, NULL, e);
    if (rc)
        goto out;
    memcpy(x, b.data, ED25519_LEN);
    if (!priv) {
        params[0] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, x, ED25519_LEN);
        params[1] = OSSL_PARAM_construct_end();
        rc = fromdata("ED25519", EVP_PKEY_PUBLIC_KEY, params, out, e);
        goto out;
    }
    rc = get_b64(jwk, "d", true, ED25519_LEN, ED25519_LEN, &b, NULL, e);
    if (rc)
        goto out;
    params[0] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PRIV_KEY, b.data, ED25519_LEN);
    params[1] = OSSL_PARAM_construct_end();
    rc = fromdata("ED25519", EVP_PKEY_KEYPAIR, params, out, e);
    if (rc)
        goto out;
    size_t len = 0;
    if (EVP_PKEY_get_octet_string_param(*out, OSSL_PKEY_PARAM_PUB_KEY, derived, sizeof derived,
                                        &len) != 1 ||
        len != ED25519_LEN || memcmp(derived, x, ED25519_LEN) != 0) {
        ERR_clear_error();
        EVP_PKEY_free(*out);
        *out = NULL;
        rc = fail_member(e, MC_ERR_INVALID, "x", "not the public key of d");
    }
out:
    wipe_free(&b);
    return rc;
}

enum mc_rc mc_jwk_to_pkey(const json_t *jwk, bool want_private, EVP_PKEY **out, struct mc_err *e)
{
    *out = NULL;
    if (!json_is_object(jwk))
        return mc_err_set(e, MC_ERR_INVALID, "a JWK must be a JSON object");
    const json_t *kty = json_object_get(jwk, "kty");
    if (!json_is_string(kty))
        return fail_member(e, MC_ERR_INVALID, "kty",
                           kty ? "expected a string" : "required, and missing");
    const char *t = json_string_value(kty);
    if (strcmp(t, "RSA") == 0)
        return rsa_to_pkey(jwk, want_private, out, e);
    if (strcmp(t, "EC") == 0)
        return ec_to_pkey(jwk, want_private, out, e);
    if (strcmp(t, "OKP") == 0)
        return okp_to_pkey(jwk, want_private, out, e);
    return fail_member(e, MC_ERR_UNSUPPORTED, "kty",
                       "key type \"%.40s\" is not supported (RSA, EC or OKP)", t);
}

/* Set member `name` of `o` to the base64url of p[0..n). */
static void put_b64(json_t *o, const char *name, const void *p, size_t n)
{
    struct mc_buf b;
    mc_buf_init(&b, 4 * MEMBER_MAX_BYTES); /* base64url of the largest member, with room */
    if (mc_b64_encode(&b, MC_B64_URL, p, n))
        mc_oom("JWK member", n);
    json_object_set_new(o, name, json_stringn(mc_buf_cstr(&b), b.len));
    wipe_free(&b);
}

/* Set member `name` to the big-endian bytes of BIGNUM parameter `param` of `k`, left-padded to
 * `pad` bytes (0: the minimum). False when `k` has no such parameter. */
static bool put_bn(json_t *o, const char *name, EVP_PKEY *k, const char *param, int pad)
{
    BIGNUM *bn = NULL;
    if (EVP_PKEY_get_bn_param(k, param, &bn) != 1) {
        ERR_clear_error();
        return false;
    }
    int len = pad ? pad : BN_num_bytes(bn);
    if (len == 0)
        len = 1;
    unsigned char *p = mc_xmalloc((size_t)len);
    bool ok = BN_bn2binpad(bn, p, len) == len;
    if (ok)
        put_b64(o, name, p, (size_t)len);
    OPENSSL_cleanse(p, (size_t)len);
    free(p);
    BN_clear_free(bn);
    return ok;
}

enum mc_rc mc_jwk_from_pkey(EVP_PKEY *k, bool include_private, json_t **out, struct mc_err *e)
{
    *out = NULL;
    json_t *o = json_object();
    enum mc_rc rc = MC_OK;
    if (EVP_PKEY_is_a(k, "RSA")) {
        json_object_set_new(o, "kty", json_string("RSA"));
        if (!put_bn(o, "n", k, OSSL_PKEY_PARAM_RSA_N, 0) ||
            !put_bn(o, "e", k, OSSL_PKEY_PARAM_RSA_E, 0)) {
            rc = mc_err_set(e, MC_ERR_INVALID, "the RSA key has no public part");
            goto out;
        }
        if (include_private) {
            if (!put_bn(o, "d", k, OSSL_PKEY_PARAM_RSA_D, 0)) {
                rc = mc_err_set(e, MC_ERR_INVALID, "the RSA key has no private part");
                goto out;
            }
            /* The CRT members go in only all together, as RFC 7518 §6.3.2 wants. */
            static const char *const names[5] = { "p", "q", "dp", "dq", "qi" };
            static const char *const params[5] = {
                OSSL_PKEY_PARAM_RSA_FACTOR1,      OSSL_PKEY_PARAM_RSA_FACTOR2,
                OSSL_PKEY_PARAM_RSA_EXPONENT1,    OSSL_PKEY_PARAM_RSA_EXPONENT2,
                OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
            };
            bool all = true;
            for (int i = 0; i < 5 && all; i++)
                all = put_bn(o, names[i], k, params[i], 0);
            if (!all)
                for (int i = 0; i < 5; i++)
                    json_object_del(o, names[i]);
        }
    } else if (EVP_PKEY_is_a(k, "EC")) {
        char group[64];
        size_t glen = 0;
        if (EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                           &glen) != 1) {
            rc = ossl_fail(e, MC_ERR_UNSUPPORTED, "the EC key has no named curve");
            goto out;
        }
        if (strcmp(group, "prime256v1") != 0 && strcmp(group, "P-256") != 0) {
            rc = mc_err_set(e, MC_ERR_UNSUPPORTED, "EC curve %s is not supported; only P-256 is",
                            group);
            goto out;
        }
        json_object_set_new(o, "kty", json_string("EC"));
        json_object_set_new(o, "crv", json_string("P-256"));
        if (!put_bn(o, "x", k, OSSL_PKEY_PARAM_EC_PUB_X, EC_P256_LEN) ||
            !put_bn(o, "y", k, OSSL_PKEY_PARAM_EC_PUB_Y, EC_P256_LEN)) {
            rc = mc_err_set(e, MC_ERR_INVALID, "the EC key has no public point");
            goto out;
        }
        if (include_private && !put_bn(o, "d", k, OSSL_PKEY_PARAM_PRIV_KEY, EC_P256_LEN)) {
            rc = mc_err_set(e, MC_ERR_INVALID, "the EC key has no private part");
            goto out;
        }
    } else if (EVP_PKEY_is_a(k, "ED25519")) {
        unsigned char raw[ED25519_LEN];
        size_t len = 0;
        json_object_set_new(o, "kty", json_string("OKP"));
        json_object_set_new(o, "crv", json_string("Ed25519"));
        if (EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PUB_KEY, raw, sizeof raw, &len) !=
                    1 ||
            len != ED25519_LEN) {
            rc = ossl_fail(e, MC_ERR_INVALID, "the Ed25519 key has no public part");
            goto out;
        }
        put_b64(o, "x", raw, len);
        if (include_private) {
            if (EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PRIV_KEY, raw, sizeof raw,
                                                &len) != 1 ||
                len != ED25519_LEN) {
                rc = ossl_fail(e, MC_ERR_INVALID, "the Ed25519 key has no private part");
                goto out;
            }
            put_b64(o, "d", raw, len);
            OPENSSL_cleanse(raw, sizeof raw);
        }
    } else {
        const char *name = EVP_PKEY_get0_type_name(k);
        rc = mc_err_set(e, MC_ERR_UNSUPPORTED,
                        "key type %s has no JWK form here (RSA, EC P-256 or Ed25519)",
                        name ? name : "(unknown)");
    }
out:
    if (rc)
        json_decref(o);
    else
        *out = o;
    return rc;
}

/* The JWS algorithms and the keys they take (RFC 7518 §3.1, RFC 8037 §3.1). */
static const struct {
    const char *alg, *kty, *crv;
} algs[] = {
    { "RS256", "RSA", NULL },
    { "ES256", "EC", "P-256" },
    { "EdDSA", "OKP", "Ed25519" },
};

enum mc_rc mc_jwk_generate(const char *kty_or_alg, json_t **private_jwk, struct mc_err *e)
{
    *private_jwk = NULL;
    static const char *const aliases[][2] = {
        { "RSA", "RS256" }, { "EC", "ES256" }, { "OKP", "EdDSA" }, { "Ed25519", "EdDSA" }
    };
    const char *alg = kty_or_alg ? kty_or_alg : "";
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(alg, aliases[i][0]) == 0)
            alg = aliases[i][1];
    EVP_PKEY *k = NULL;
    if (strcmp(alg, "RS256") == 0)
        k = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)MC_JWK_RSA_MIN_BITS);
    else if (strcmp(alg, "ES256") == 0)
        k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
    else if (strcmp(alg, "EdDSA") == 0)
        k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
    else
        return mc_err_set(e, MC_ERR_UNSUPPORTED,
                          "cannot generate a key for \"%.40s\": use RS256, ES256 or EdDSA", alg);
    if (!k)
        return ossl_fail(e, MC_ERR_INTERNAL, "key generation failed");
    enum mc_rc rc = mc_jwk_from_pkey(k, true, private_jwk, e);
    EVP_PKEY_free(k);
    if (!rc)
        json_object_set_new(*private_jwk, "alg", json_string(alg));
    return rc;
}

enum mc_rc mc_jwk_check_alg(const json_t *jwk, const char *alg, struct mc_err *e)
{
    size_t i = 0;
    while (i < sizeof algs / sizeof algs[0] && strcmp(algs[i].alg, alg) != 0)
        i++;
    if (i == sizeof algs / sizeof algs[0])
        return mc_err_set(e, MC_ERR_UNSUPPORTED,
                          "JWS alg \"%.40s\" is not supported: use RS256, ES256 or EdDSA", alg);
    if (!json_is_object(jwk))
        return mc_err_set(e, MC_ERR_INVALID, "a JWK must be a JSON object");
    const char *kty = json_string_value(json_object_get(jwk, "kty"));
    if (!kty)
        return fail_member(e, MC_ERR_INVALID, "kty", "required, and missing");
    if (strcmp(kty, algs[i].kty) != 0)
        return fail_member(e, MC_ERR_INVALID, "kty",
                           "JWS alg %s needs a key of kty %s, but this JWK is kty \"%.40s\"", alg,
                           algs[i].kty, kty);
    if (algs[i].crv) {
        const char *crv = json_string_value(json_object_get(jwk, "crv"));
        if (!crv || strcmp(crv, algs[i].crv) != 0)
            return fail_member(e, MC_ERR_INVALID, "crv",
                               "JWS alg %s needs curve %s, but this JWK's curve is \"%.40s\"", alg,
                               algs[i].crv, crv ? crv : "(none)");
    }
    const json_t *own = json_object_get(jwk, "alg");
    if (own && !json_is_null(own) &&
        (!json_is_string(own) || strcmp(json_string_value(own), alg) != 0))
        return fail_member(e, MC_ERR_INVALID, "alg", "the JWK is for alg \"%.40s\", not %s",
                           json_is_string(own) ? json_string_value(own) : "?", alg);
    const json_t *use = json_object_get(jwk, "use");
    if (use && !json_is_null(use) &&
        (!json_is_string(use) || strcmp(json_string_value(use), "sig") != 0))
        return fail_member(e, MC_ERR_INVALID, "use",
                           "the JWK's use is \"%.40s\"; signing keys have use \"sig\"",
                           json_is_string(use) ? json_string_value(use) : "?");
    return MC_OK;
}

json_t *mc_jwk_public(const json_t *jwk)
{
    if (!json_is_object(jwk))
        return NULL;
    static const char *const private_members[] = { "d", "p", "q", "dp", "dq", "qi", "oth", "k" };
    json_t *copy = json_deep_copy(jwk);
    for (size_t i = 0; i < sizeof private_members / sizeof private_members[0]; i++)
        json_object_del(copy, private_members[i]);
    return copy;
}

enum mc_rc mc_jwk_thumbprint(const json_t *jwk, char out[MC_JWK_THUMBPRINT_SIZE], struct mc_err *e)
{
    /* RFC 7638 §3.2: the required members of each kty, already in lexicographic order. */
    static const char *const rsa[] = { "e", "kty", "n", NULL };
    static const char *const ec[] = { "crv", "kty", "x", "y", NULL };
    static const char *const okp[] = { "crv", "kty", "x", NULL };
    out[0] = '\0';
    if (!json_is_object(jwk))
        return mc_err_set(e, MC_ERR_INVALID, "a JWK must be a JSON object");
    const char *kty = json_string_value(json_object_get(jwk, "kty"));
    const char *const *members = NULL;
    if (kty && strcmp(kty, "RSA") == 0)
        members = rsa;
    else if (kty && strcmp(kty, "EC") == 0)
        members = ec;
    else if (kty && strcmp(kty, "OKP") == 0)
        members = okp;
    if (!members)
        return fail_member(e, kty ? MC_ERR_UNSUPPORTED : MC_ERR_INVALID, "kty",
                           "no thumbprint for kty \"%.40s\"", kty ? kty : "(none)");
    struct mc_buf b;
    mc_buf_init(&b, 1u << 16);
    enum mc_rc rc = mc_buf_putc(&b, '{');
    for (size_t i = 0; members[i] && !rc; i++) {
        const json_t *v = json_object_get(jwk, members[i]);
        if (!json_is_string(v)) {
            rc = fail_member(e, MC_ERR_INVALID, members[i], "required for the thumbprint");
            break;
        }
        if (i)
            rc = mc_buf_putc(&b, ',');
        if (!rc)
            rc = mc_json_put_string(&b, members[i], strlen(members[i]));
        if (!rc)
            rc = mc_buf_putc(&b, ':');
        if (!rc)
            rc = mc_json_put_string(&b, json_string_value(v), json_string_length(v));
    }
    if (!rc)
        rc = mc_buf_putc(&b, '}');
    if (rc == MC_ERR_TOO_LARGE)
        mc_err_set(e, rc, "JWK is too large for a thumbprint");
    if (!rc) {
        uint8_t hash[MC_SHA256_LEN];
        mc_digest(MC_DIGEST_SHA256, b.data, b.len, hash);
        struct mc_buf t;
        mc_buf_init(&t, MC_JWK_THUMBPRINT_SIZE - 1);
        rc = mc_b64_encode(&t, MC_B64_URL, hash, sizeof hash);
        if (!rc)
            memcpy(out, mc_buf_cstr(&t), t.len + 1);
        mc_buf_free(&t);
    }
    mc_buf_free(&b);
    return rc;
}
