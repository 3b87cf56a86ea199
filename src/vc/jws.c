/* SPDX-License-Identifier: Apache-2.0 */
/* JWS compact serialization and VC-JWT (RFC 7515, RFC 7518, RFC 8037, VC-JOSE-COSE, VCDM 1.1). */
#ifndef OPENSSL_NO_DEPRECATED
#define OPENSSL_NO_DEPRECATED /* the compiler proves we use none of the old key APIs */
#endif
#include "vc/jws.h"

#include <math.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/base64.h"
#include "base/json.h"
#include "base/time.h"
#include "crypto/jwk.h"

#define ES256_HALF      32 /* R and S are each 32 bytes (RFC 7518 §3.4) */
#define ED25519_SIG_LEN 64
/* The longest signature: RS256 with the largest modulus we accept. */
#define SIG_MAX_BYTES (MC_JWK_RSA_MAX_BITS / 8)

enum jws_alg {
    ALG_RS256,
    ALG_ES256,
    ALG_EDDSA,
    ALG_UNKNOWN,
};

static const struct {
    const char *name;
    const char *md; /* OpenSSL digest name; NULL for EdDSA, which hashes inside */
} alg_info[] = {
    [ALG_RS256] = { "RS256", "SHA256" },
    [ALG_ES256] = { "ES256", "SHA256" },
    [ALG_EDDSA] = { "EdDSA", NULL },
};

static enum jws_alg alg_of(const char *name)
{
    for (int i = 0; i < ALG_UNKNOWN; i++)
        if (strcmp(alg_info[i].name, name) == 0)
            return (enum jws_alg)i;
    return ALG_UNKNOWN;
}

/* An alg we refuse or do not know. "none" is refused in any case spelling: an unsecured JWS
 * must never pass for a signed one (RFC 8725 §3.1). */
static enum mc_rc bad_alg(const char *name, struct mc_err *e)
{
    if (strcasecmp(name, "none") == 0)
        return mc_err_set(e, MC_ERR_INVALID,
                          "JWS alg \"%.20s\" (an unsecured JWS, with no signature) is refused",
                          name);
    return mc_err_set(e, MC_ERR_UNSUPPORTED,
                      "JWS alg \"%.40s\" is not supported: use RS256, ES256 or EdDSA", name);
}

static enum mc_rc not_verified(struct mc_err *e, const char *why)
{
    ERR_clear_error();
    if (why)
        return mc_err_set(e, MC_ERR_CRYPTO, "signature does not verify: %s", why);
    return mc_err_set(e, MC_ERR_CRYPTO, "signature does not verify");
}

/* ES256 signatures are R || S, 32 bytes each (RFC 7518 §3.4); OpenSSL reads and writes the DER
 * ECDSA-Sig-Value. Both directions go through ECDSA_SIG. */
static bool es256_raw_to_der(const unsigned char *raw, unsigned char *der, size_t cap,
                             size_t *der_len)
{
    ECDSA_SIG *s = ECDSA_SIG_new();
    BIGNUM *r = BN_bin2bn(raw, ES256_HALF, NULL);
    BIGNUM *sv = BN_bin2bn(raw + ES256_HALF, ES256_HALF, NULL);
    if (!s || !r || !sv || ECDSA_SIG_set0(s, r, sv) != 1)
        mc_oom("ECDSA signature", 2 * ES256_HALF);
    bool ok = false;
    int n = i2d_ECDSA_SIG(s, NULL);
    if (n > 0 && (size_t)n <= cap) {
        unsigned char *p = der;
        ok = i2d_ECDSA_SIG(s, &p) == n;
        *der_len = (size_t)n;
    }
    ECDSA_SIG_free(s);
    return ok;
}

static bool es256_der_to_raw(const unsigned char *der, size_t len, unsigned char *raw)
{
    const unsigned char *p = der;
    ECDSA_SIG *s = d2i_ECDSA_SIG(NULL, &p, (long)len);
    if (!s)
        return false;
    const BIGNUM *r = NULL, *sv = NULL;
    ECDSA_SIG_get0(s, &r, &sv);
    bool ok = BN_bn2binpad(r, raw, ES256_HALF) == ES256_HALF &&
              BN_bn2binpad(sv, raw + ES256_HALF, ES256_HALF) == ES256_HALF;
    ECDSA_SIG_free(s);
    return ok;
}

enum mc_rc mc_jws_verify_bytes(const char *alg, const void *input, size_t len,
                               const unsigned char *sig, size_t sig_len, const json_t *public_jwk,
                               struct mc_err *e)
{
    enum jws_alg a = alg_of(alg);
    if (a == ALG_UNKNOWN)
        return bad_alg(alg, e);
    enum mc_rc rc = mc_jwk_check_alg(public_jwk, alg, e);
    if (rc)
        return rc;
    EVP_PKEY *k = NULL;
    rc = mc_jwk_to_pkey(public_jwk, false, &k, e);
    if (rc)
        return rc;
    unsigned char der[80]; /* DER of two 33-byte INTEGERs is at most 72 bytes */
    const unsigned char *check = sig;
    size_t check_len = sig_len;
    EVP_MD_CTX *ctx = NULL;
    if (a == ALG_RS256 && sig_len != (size_t)EVP_PKEY_get_size(k)) {
        rc = not_verified(e, "an RS256 signature is as long as the key's modulus");
        goto out;
    }
    if (a == ALG_ES256) {
        if (sig_len != 2 * ES256_HALF) {
            rc = not_verified(e, "an ES256 signature is 64 bytes (R || S)");
            goto out;
        }
        if (!es256_raw_to_der(sig, der, sizeof der, &check_len)) {
            rc = not_verified(e, NULL);
            goto out;
        }
        check = der;
    }
    if (a == ALG_EDDSA && sig_len != ED25519_SIG_LEN) {
        rc = not_verified(e, "an EdDSA (Ed25519) signature is 64 bytes");
        goto out;
    }
    ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    if (!ctx || EVP_DigestVerifyInit_ex(ctx, &pctx, alg_info[a].md, NULL, NULL, k, NULL) != 1 ||
        (a == ALG_RS256 && EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1)) {
        ERR_clear_error();
        rc = mc_err_set(e, MC_ERR_INTERNAL, "cannot set up %s verification", alg);
        goto out;
    }
    if (EVP_DigestVerify(ctx, check, check_len, input, len) != 1)
        rc = not_verified(e, NULL);
out:
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(k);
    return rc;
}

enum mc_rc mc_jws_sign_bytes(const char *alg, const void *input, size_t len,
                             const json_t *private_jwk, struct mc_buf *sig_out, struct mc_err *e)
{
    enum jws_alg a = alg_of(alg);
    if (a == ALG_UNKNOWN)
        return bad_alg(alg, e);
    enum mc_rc rc = mc_jwk_check_alg(private_jwk, alg, e);
    if (rc)
        return rc;
    EVP_PKEY *k = NULL;
    rc = mc_jwk_to_pkey(private_jwk, true, &k, e);
    if (rc)
        return rc;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    unsigned char *sig = NULL;
    size_t sig_len = 0;
    if (!ctx || EVP_DigestSignInit_ex(ctx, &pctx, alg_info[a].md, NULL, NULL, k, NULL) != 1 ||
        (a == ALG_RS256 && EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1) ||
        EVP_DigestSign(ctx, NULL, &sig_len, input, len) != 1) {
        ERR_clear_error();
        rc = mc_err_set(e, MC_ERR_INTERNAL, "cannot set up %s signing", alg);
        goto out;
    }
    sig = mc_xmalloc(sig_len);
    if (EVP_DigestSign(ctx, sig, &sig_len, input, len) != 1) {
        ERR_clear_error();
        rc = mc_err_set(e, MC_ERR_CRYPTO, "%s signing failed", alg);
        goto out;
    }
    if (a == ALG_ES256) {
        unsigned char raw[2 * ES256_HALF];
        if (!es256_der_to_raw(sig, sig_len, raw)) {
            rc = mc_err_set(e, MC_ERR_INTERNAL, "ES256: OpenSSL gave a malformed signature");
            goto out;
        }
        rc = mc_buf_append(sig_out, raw, sizeof raw);
    } else {
        rc = mc_buf_append(sig_out, sig, sig_len);
    }
    if (rc)
        mc_err_set(e, rc, "the signature does not fit in the output buffer");
out:
    free(sig);
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(k);
    return rc;
}

void mc_jws_free(struct mc_jws *j)
{
    if (!j)
        return;
    json_decref(j->header);
    json_decref(j->payload);
    free(j->signing_input);
    free(j->sig);
    free(j->kid);
    memset(j, 0, sizeof *j);
}

/* A failure in one part of the compact form: the part goes first in the message and into
 * e->where. */
static enum mc_rc part_fail(struct mc_err *e, enum mc_rc rc, const char *part)
{
    mc_err_prefix(e, "JWS %s", part);
    mc_err_where(e, "%s", part);
    return rc;
}

/* Decode a base64url part into `b` and, for header and payload, parse it as a JSON object. */
static enum mc_rc decode_part(const char *p, size_t len, const char *part, struct mc_buf *b,
                              json_t **json, struct mc_err *e)
{
    if (len == 0)
        return part_fail(e, mc_err_set(e, MC_ERR_INVALID, "empty"), part);
    enum mc_rc rc = mc_b64_decode(b, MC_B64_URL, p, len, e);
    if (rc)
        return part_fail(e, rc, part);
    if (!json)
        return MC_OK;
    struct mc_json_limits lim = { .max_bytes = MC_JWS_MAX_BYTES, .max_depth = 0 };
    rc = mc_json_parse(b->data ? b->data : "", b->len, JSON_DECODE_ANY, &lim, json, e);
    if (rc)
        return part_fail(e, rc, part);
    if (!json_is_object(*json)) {
        json_decref(*json);
        *json = NULL;
        return part_fail(e, mc_err_set(e, MC_ERR_INVALID, "not a JSON object"), part);
    }
    return MC_OK;
}

/* RFC 7515 §4.1: the header members we act on. Others (x5c, jku, cty, ...) pass to the caller. */
static enum mc_rc check_header(struct mc_jws *j, struct mc_err *e)
{
    const json_t *h = j->header;
    const json_t *alg = json_object_get(h, "alg");
    if (!alg)
        return mc_err_set(e, MC_ERR_INVALID, "JWS header has no alg");
    if (!json_is_string(alg))
        return mc_err_set(e, MC_ERR_INVALID, "JWS header alg is not a string");
    const char *name = json_string_value(alg);
    enum jws_alg a = alg_of(name);
    if (a == ALG_UNKNOWN)
        return bad_alg(name, e);
    memcpy(j->alg, alg_info[a].name, strlen(alg_info[a].name) + 1);

    /* §4.1.11: every crit name must be understood, and we understand no extension. */
    const json_t *crit = json_object_get(h, "crit");
    if (crit) {
        if (!json_is_array(crit) || json_array_size(crit) == 0)
            return mc_err_set(e, MC_ERR_INVALID,
                              "JWS header crit must be a non-empty array of header names");
        const json_t *c = json_array_get(crit, 0);
        if (!json_is_string(c))
            return mc_err_set(e, MC_ERR_INVALID, "JWS header crit holds a non-string");
        return mc_err_set(e, MC_ERR_UNSUPPORTED,
                          "JWS header marks \"%.40s\" critical (crit), and it is not understood "
                          "here",
                          json_string_value(c));
    }
    /* RFC 7797: an unencoded payload changes the signing input; we only sign and read b64. */
    const json_t *b64 = json_object_get(h, "b64");
    if (b64 && !json_is_boolean(b64))
        return mc_err_set(e, MC_ERR_INVALID, "JWS header b64 is not a boolean");
    if (b64 && json_is_false(b64))
        return mc_err_set(e, MC_ERR_UNSUPPORTED,
                          "JWS unencoded payloads (b64: false, RFC 7797) are not supported");
    static const char *const strings[] = { "kid", "typ", "cty" };
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        const json_t *v = json_object_get(h, strings[i]);
        if (v && !json_is_string(v))
            return mc_err_set(e, MC_ERR_INVALID, "JWS header %s is not a string", strings[i]);
    }
    /* A jwk header is a public key (§4.1.3); one with "d" leaks a private key. */
    const json_t *jwk = json_object_get(h, "jwk");
    if (jwk && !json_is_object(jwk))
        return mc_err_set(e, MC_ERR_INVALID, "JWS header jwk is not a JSON object");
    if (jwk && json_object_get(jwk, "d"))
        return mc_err_set(e, MC_ERR_INVALID,
                          "JWS header jwk holds a private key (d); a header may only carry a "
                          "public key");
    const char *kid = json_string_value(json_object_get(h, "kid"));
    if (kid)
        j->kid = mc_xstrdup(kid);
    return MC_OK;
}

enum mc_rc mc_jws_parse(const char *compact, size_t len, struct mc_jws *out, struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    if (len > MC_JWS_MAX_BYTES)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "JWT is larger than %u KiB (%zu bytes)",
                          MC_JWS_MAX_BYTES / 1024, len);
    if (len == 0)
        return mc_err_set(e, MC_ERR_INVALID, "a JWS cannot be empty");
    size_t dots[2] = { 0, 0 }, ndots = 0;
    for (size_t i = 0; i < len; i++) {
        if (compact[i] != '.')
            continue;
        if (ndots < 2)
            dots[ndots] = i;
        ndots++;
    }
    if (ndots == 4)
        return mc_err_set(e, MC_ERR_UNSUPPORTED,
                          "this is a JWE (five parts): encrypted JWTs are not supported");
    if (ndots != 2)
        return mc_err_set(e, MC_ERR_INVALID,
                          "a compact JWS is three base64url parts joined by two dots; this text "
                          "has %zu dot%s",
                          ndots, ndots == 1 ? "" : "s");
    struct mc_buf b;
    mc_buf_init(&b, MC_JWS_MAX_BYTES);
    enum mc_rc rc = decode_part(compact, dots[0], "header", &b, &out->header, e);
    if (!rc) {
        rc = check_header(out, e);
        if (rc)
            mc_err_where(e, "header");
    }
    if (!rc) {
        mc_buf_reset(&b);
        rc = decode_part(compact + dots[0] + 1, dots[1] - dots[0] - 1, "payload", &b, &out->payload,
                         e);
    }
    if (!rc) {
        mc_buf_reset(&b);
        rc = decode_part(compact + dots[1] + 1, len - dots[1] - 1, "signature", &b, NULL, e);
    }
    if (!rc && b.len > SIG_MAX_BYTES)
        rc = part_fail(e,
                       mc_err_set(e, MC_ERR_INVALID, "%zu bytes, longer than any %s signature",
                                  b.len, out->alg),
                       "signature");
    if (!rc) {
        out->sig_len = b.len;
        out->sig = (unsigned char *)mc_buf_steal(&b, NULL);
        out->signing_input = mc_xmemdupz(compact, dots[1]);
        out->signing_input_len = dots[1];
    }
    mc_buf_free(&b);
    if (rc)
        mc_jws_free(out);
    return rc;
}

enum mc_rc mc_jws_verify(const struct mc_jws *jws, const json_t *public_jwk, struct mc_err *e)
{
    if (!jws->signing_input)
        return mc_err_set(e, MC_ERR_INVALID, "no parsed JWS to verify");
    return mc_jws_verify_bytes(jws->alg, jws->signing_input, jws->signing_input_len, jws->sig,
                               jws->sig_len, public_jwk, e);
}

/* The alg a JWK implies when the caller names none: its own "alg", else its kty's. */
static const char *default_alg(const json_t *jwk)
{
    const char *own = json_string_value(json_object_get(jwk, "alg"));
    if (own)
        return own;
    const char *kty = json_string_value(json_object_get(jwk, "kty"));
    if (kty && strcmp(kty, "RSA") == 0)
        return "RS256";
    if (kty && strcmp(kty, "EC") == 0)
        return "ES256";
    if (kty && strcmp(kty, "OKP") == 0)
        return "EdDSA";
    return "(none)";
}

/* The header: {alg, typ: "JWT"} with `extra` merged in (null members remove). New reference. */
static enum mc_rc make_header(const json_t *extra, const char *alg, json_t **out, struct mc_err *e)
{
    *out = NULL;
    if (extra && !json_is_object(extra))
        return mc_err_set(e, MC_ERR_INVALID, "JWS header members must be a JSON object");
    const json_t *x_alg = json_object_get(extra, "alg");
    if (x_alg && (!json_is_string(x_alg) || strcmp(json_string_value(x_alg), alg) != 0))
        return mc_err_set(e, MC_ERR_INVALID,
                          "JWS header alg \"%.40s\" differs from the signing alg %s",
                          json_is_string(x_alg) ? json_string_value(x_alg) : "?", alg);
    if (json_object_get(extra, "crit"))
        return mc_err_set(e, MC_ERR_UNSUPPORTED, "JWS header crit is not supported");
    const json_t *jwk = json_object_get(extra, "jwk");
    if (jwk && (!json_is_object(jwk) || json_object_get(jwk, "d")))
        return mc_err_set(e, MC_ERR_INVALID,
                          "JWS header jwk must be a public key object (without d)");
    json_t *h = json_object();
    json_object_set_new(h, "alg", json_string(alg));
    json_object_set_new(h, "typ", json_string("JWT"));
    const char *key;
    json_t *v;
    json_object_foreach ((json_t *)extra, key, v) {
        if (json_is_null(v))
            json_object_del(h, key);
        else
            json_object_set(h, key, v);
    }
    *out = h;
    return MC_OK;
}

enum mc_rc mc_jws_sign(const json_t *header_extra, const json_t *payload, const json_t *private_jwk,
                       const char *alg, struct mc_buf *out, struct mc_err *e)
{
    if (!json_is_object(payload))
        return mc_err_set(e, MC_ERR_INVALID, "a JWS payload here must be a JSON object");
    if (!alg)
        alg = default_alg(private_jwk);
    if (alg_of(alg) == ALG_UNKNOWN)
        return bad_alg(alg, e);
    json_t *header = NULL;
    enum mc_rc rc = make_header(header_extra, alg, &header, e);
    if (rc)
        return rc;
    size_t start = out->len;
    struct mc_buf json, sig;
    mc_buf_init(&json, MC_JWS_MAX_BYTES);
    mc_buf_init(&sig, SIG_MAX_BYTES);
    rc = mc_json_dump(header, 0, &json);
    if (!rc)
        rc = mc_b64_encode(out, MC_B64_URL, json.data, json.len);
    if (!rc)
        rc = mc_buf_putc(out, '.');
    if (!rc) {
        mc_buf_reset(&json);
        rc = mc_json_dump(payload, 0, &json);
    }
    if (!rc)
        rc = mc_b64_encode(out, MC_B64_URL, json.data, json.len);
    if (rc) {
        mc_err_set(e, rc, "the JWS does not fit: the payload or the output buffer is too large");
        goto out;
    }
    rc = mc_jws_sign_bytes(alg, out->data + start, out->len - start, private_jwk, &sig, e);
    if (rc)
        goto out;
    rc = mc_buf_putc(out, '.');
    if (!rc)
        rc = mc_b64_encode(out, MC_B64_URL, sig.data, sig.len);
    if (rc) {
        mc_err_set(e, rc, "the JWS does not fit in the output buffer");
        goto out;
    }
    if (out->len - start > MC_JWS_MAX_BYTES)
        rc = mc_err_set(e, MC_ERR_TOO_LARGE, "JWT would be larger than %u KiB (%zu bytes)",
                        MC_JWS_MAX_BYTES / 1024, out->len - start);
out:
    if (rc)
        mc_buf_truncate(out, start);
    mc_buf_free(&sig);
    mc_buf_free(&json);
    json_decref(header);
    return rc;
}

enum mc_rc mc_vcjwt_issue(const json_t *credential, const json_t *private_jwk, const char *alg,
                          const char *kid, struct mc_buf *out, struct mc_err *e)
{
    if (!json_is_object(credential))
        return mc_err_set(e, MC_ERR_INVALID, "a credential must be a JSON object");
    json_t *extra = json_object();
    json_object_set_new(extra, "typ", json_string("vc+jwt"));
    if (kid)
        json_object_set_new(extra, "kid", json_string(kid));
    if (kid && !json_object_get(extra, "kid")) {
        json_decref(extra);
        return mc_err_set(e, MC_ERR_INVALID, "the kid is not valid UTF-8");
    }
    enum mc_rc rc = mc_jws_sign(extra, credential, private_jwk, alg, out, e);
    json_decref(extra);
    return rc;
}

/* -- VC-JWT claims ---------------------------------------------------------------------------- */

/* The typ values that mean "a credential" (VC-JOSE-COSE, Open Badges 3.0 "VC-JWT", VCDM 1.1).
 * RFC 7515 §4.1.9: compare without case, and "application/" may be left out. */
static bool typ_is_credential(const char *typ)
{
    if (strncasecmp(typ, "application/", 12) == 0)
        typ += 12;
    static const char *const ok[] = { "vc+jwt", "vc+ld+json+jwt", "vc+ld+jwt", "JWT" };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (strcasecmp(typ, ok[i]) == 0)
            return true;
    return false;
}

/* Whether the credential's @context includes the VC 2.0 context (so validFrom, not
 * issuanceDate). */
static bool is_v2(const json_t *cred)
{
    static const char v2[] = "https://www.w3.org/ns/credentials/v2";
    const json_t *ctx = json_object_get(cred, "@context");
    if (json_is_string(ctx))
        return strcmp(json_string_value(ctx), v2) == 0;
    size_t i;
    const json_t *c;
    json_array_foreach (ctx, i, c) {
        if (json_is_string(c) && strcmp(json_string_value(c), v2) == 0)
            return true;
    }
    return false;
}

/* A string claim; absent: NULL and MC_OK. */
static enum mc_rc string_claim(const json_t *payload, const char *claim, const char **out,
                               struct mc_err *e)
{
    *out = NULL;
    const json_t *v = json_object_get(payload, claim);
    if (!v)
        return MC_OK;
    if (!json_is_string(v)) {
        mc_err_where(e, "payload/%s", claim);
        return mc_err_set(e, MC_ERR_INVALID, "JWT claim %s must be a string", claim);
    }
    *out = json_string_value(v);
    return MC_OK;
}

/* `obj`.`key` against claim value `want`: equal, or (with `fill`) absent and then set. */
static enum mc_rc agree_member(json_t *obj, const char *key, const char *where, const char *claim,
                               const char *want, bool fill, struct mc_err *e)
{
    const json_t *have = json_object_get(obj, key);
    if (!have) {
        if (fill)
            json_object_set_new(obj, key, json_string(want));
        return MC_OK;
    }
    if (!json_is_string(have)) {
        mc_err_where(e, "%s", where);
        return mc_err_set(e, MC_ERR_INVALID, "credential %s is not a string", where);
    }
    if (strcmp(json_string_value(have), want) != 0) {
        mc_err_where(e, "%s", where);
        return mc_err_set(e, MC_ERR_INVALID,
                          "JWT claim %s \"%.150s\" does not match the credential's %s \"%.150s\"",
                          claim, want, where, json_string_value(have));
    }
    return MC_OK;
}

/* iss -> issuer, a URL string or an object with id (VCDM 1.1 §6.3.1). */
static enum mc_rc map_iss(const json_t *payload, json_t *cred, bool fill, struct mc_err *e)
{
    const char *iss;
    enum mc_rc rc = string_claim(payload, "iss", &iss, e);
    if (rc || !iss)
        return rc;
    json_t *issuer = json_object_get(cred, "issuer");
    if (json_is_object(issuer))
        return agree_member(issuer, "id", "issuer.id", "iss", iss, fill, e);
    if (issuer && !json_is_string(issuer)) {
        mc_err_where(e, "/issuer");
        return mc_err_set(e, MC_ERR_INVALID, "credential issuer is neither a URL nor an object");
    }
    return agree_member(cred, "issuer", "issuer", "iss", iss, fill, e);
}

/* sub -> credentialSubject.id. With several subjects, one of them must have that id. */
static enum mc_rc map_sub(const json_t *payload, json_t *cred, bool fill, struct mc_err *e)
{
    const char *sub;
    enum mc_rc rc = string_claim(payload, "sub", &sub, e);
    if (rc || !sub)
        return rc;
    json_t *cs = json_object_get(cred, "credentialSubject");
    if (json_is_array(cs) && json_array_size(cs) == 1)
        cs = json_array_get(cs, 0);
    if (!cs) {
        if (fill)
            json_object_set_new(cred, "credentialSubject", json_pack("{s:s}", "id", sub));
        return MC_OK;
    }
    if (json_is_object(cs))
        return agree_member(cs, "id", "credentialSubject.id", "sub", sub, fill, e);
    if (json_is_array(cs)) {
        size_t i;
        json_t *s;
        json_array_foreach (cs, i, s) {
            const char *id = json_string_value(json_object_get(s, "id"));
            if (id && strcmp(id, sub) == 0)
                return MC_OK;
        }
        mc_err_where(e, "/credentialSubject");
        return mc_err_set(e, MC_ERR_INVALID,
                          "JWT claim sub \"%.150s\" is the id of none of the credential's %zu "
                          "subjects",
                          sub, json_array_size(cs));
    }
    mc_err_where(e, "/credentialSubject");
    return mc_err_set(e, MC_ERR_INVALID, "credentialSubject is not an object");
}

/* The latest second RFC 3339 writes with four-digit years: 9999-12-31T23:59:59Z. */
#define NUMERIC_DATE_MAX 253402300799.0

/*
 * A NumericDate claim (RFC 7519 §2) against the credential's date-time `names[0]` and
 * `names[1]`: each present one must name the same second; with `fill` and neither present,
 * names[v2 ? 1 : 0] is set.
 */
static enum mc_rc map_time(const json_t *payload, const char *claim, json_t *cred,
                           const char *const names[2], bool v2, bool fill, struct mc_err *e)
{
    const json_t *v = json_object_get(payload, claim);
    if (!v)
        return MC_OK;
    double d = json_number_value(v);
    if (!json_is_number(v) || !isfinite(d) || d < 0 || d > NUMERIC_DATE_MAX) {
        mc_err_where(e, "payload/%s", claim);
        return mc_err_set(e, MC_ERR_INVALID,
                          "JWT claim %s must be a NumericDate (seconds since 1970, up to year "
                          "9999)",
                          claim);
    }
    int64_t sec = json_is_integer(v) ? (int64_t)json_integer_value(v) : (int64_t)floor(d);
    char text[MC_TIME_RFC3339_SIZE];
    mc_time_format_rfc3339(sec, text);
    bool seen = false;
    for (int i = 0; i < 2; i++) {
        const json_t *have = json_object_get(cred, names[i]);
        if (!have)
            continue;
        seen = true;
        const char *s = json_string_value(have);
        int64_t t = 0;
        struct mc_err sub;
        if (!s || mc_time_parse_rfc3339(s, json_string_length(have), &t, NULL, &sub)) {
            mc_err_where(e, "/%s", names[i]);
            return mc_err_set(e, MC_ERR_INVALID, "credential %s is not an RFC 3339 date-time",
                              names[i]);
        }
        if (t != sec) {
            mc_err_where(e, "/%s", names[i]);
            return mc_err_set(e, MC_ERR_INVALID,
                              "JWT claim %s (%s) does not match the credential's %s (%.40s)", claim,
                              text, names[i], s);
        }
    }
    if (!seen && fill)
        json_object_set_new(cred, names[v2 ? 1 : 0], json_string(text));
    return MC_OK;
}

enum mc_rc mc_vcjwt_credential(const struct mc_jws *jws, json_t **credential, struct mc_err *e)
{
    *credential = NULL;
    if (!json_is_object(jws->header) || !json_is_object(jws->payload))
        return mc_err_set(e, MC_ERR_INVALID, "no parsed JWS");
    const char *typ = json_string_value(json_object_get(jws->header, "typ"));
    if (typ && !typ_is_credential(typ)) {
        mc_err_where(e, "header/typ");
        return mc_err_set(e, MC_ERR_INVALID,
                          "JWS typ \"%.60s\" is not a credential (vc+jwt, vc+ld+json+jwt or JWT)",
                          typ);
    }
    const json_t *p = jws->payload;
    if (json_object_get(p, "vp"))
        return mc_err_set(e, MC_ERR_UNSUPPORTED,
                          "this JWT holds a presentation (vp claim), not a credential");
    const json_t *vc = json_object_get(p, "vc");
    bool v11 = vc != NULL;
    json_t *cred;
    if (v11) {
        if (!json_is_object(vc)) {
            mc_err_where(e, "payload/vc");
            return mc_err_set(e, MC_ERR_INVALID, "JWT claim vc must be a JSON object");
        }
        cred = json_deep_copy(vc);
    } else {
        /* The registered claims are the JWT's, not the credential's (Open Badges 3.0, "VC-JWT"). */
        static const char *const claims[] = { "iss", "sub", "jti", "nbf", "exp", "iat", "aud" };
        cred = json_deep_copy(p);
        for (size_t i = 0; i < sizeof claims / sizeof claims[0]; i++)
            json_object_del(cred, claims[i]);
    }
    if (!cred)
        mc_oom("credential copy", 0);
    static const char *const from[2] = { "issuanceDate", "validFrom" };
    static const char *const until[2] = { "expirationDate", "validUntil" };
    bool v2 = is_v2(cred);
    enum mc_rc rc = map_iss(p, cred, v11, e);
    if (!rc)
        rc = map_sub(p, cred, v11, e);
    if (!rc) {
        const char *jti;
        rc = string_claim(p, "jti", &jti, e);
        if (!rc && jti)
            rc = agree_member(cred, "id", "id", "jti", jti, v11, e);
    }
    if (!rc)
        rc = map_time(p, "nbf", cred, from, v2, v11, e);
    if (!rc)
        rc = map_time(p, "exp", cred, until, v2, v11, e);
    if (rc) {
        json_decref(cred);
        return rc;
    }
    *credential = cred;
    return MC_OK;
}
