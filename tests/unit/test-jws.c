/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JWS and VC-JWT: round trips for RS256, ES256 and EdDSA with fresh keys, the RFC 7515 A.2 / A.3
 * and RFC 8037 A.4 examples, tampering, the inputs we refuse, JWK checks and the VC 1.1 claims.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/base64.h"
#include "crypto/jwk.h"
#include "test.h"
#include "vc/jws.h"

/* RFC 7515 Appendix A.2.1: the RSA key (2048 bits). */
static const char rfc7515_rsa[] =
        "{\"kty\":\"RSA\","
        "\"n\":\"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-"
        "4qPCJrcS2mJPMEz"
        "P1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-"
        "bSf63kpaSHSX"
        "ndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_"
        "I5IhlJ"
        "H7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ\","
        "\"e\":\"AQAB\","
        "\"d\":\"Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-"
        "7Y"
        "wVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-"
        "GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn43"
        "9X0M_V51gfpRLI9JYanrC4D4qAdGcopV_"
        "0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl"
        "_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ\","
        "\"p\":\"4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_"
        "5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB"
        "0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc\","
        "\"q\":\"uQPEfgmVtjL0Uyyx88GZFF1fOunH3-"
        "7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul"
        "7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc\","
        "\"dp\":\"BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_"
        "PI7Y"
        "z-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_"
        "YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0\","
        "\"dq\":\"h_96-mK1R_"
        "7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N"
        "3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_"
        "pbLBSp3nssTdlqvd0tIiTHU\","
        "\"qi\":\"IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_"
        "QJQ"
        "3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-"
        "ZQwVK0JKSHuLFkuQ3U\"}";

/* RFC 7515 A.2 and A.3 share this payload: {"iss":"joe",\r\n "exp":1300819380,\r\n "http://..."} */
#define RFC7515_PAYLOAD                                                                            \
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVl" \
    "fQ"

static const char rfc7515_a2[] =
        "eyJhbGciOiJSUzI1NiJ9." RFC7515_PAYLOAD "."
        "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_"
        "O8W2Fp"
        "5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_"
        "nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHl"
        "b1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-"
        "eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9Q"
        "OYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

/* RFC 7515 Appendix A.3.1: the P-256 key, and the A.3 JWS. */
static const char rfc7515_ec[] = "{\"kty\":\"EC\",\"crv\":\"P-256\","
                                 "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                                 "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\","
                                 "\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}";
static const char rfc7515_a3[] =
        "eyJhbGciOiJFUzI1NiJ9." RFC7515_PAYLOAD "."
        "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

/* RFC 8037 Appendix A.1 (key), A.3 (its thumbprint) and A.4 (a JWS over a non-JSON payload). */
static const char rfc8037_okp[] = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                                  "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
                                  "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}";
static const char rfc8037_input[] = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
static const char rfc8037_sig[] =
        "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

static json_t *js(const char *text)
{
    json_error_t je;
    json_t *j = json_loads(text, 0, &je);
    if (!j)
        fprintf(stderr, "bad test JSON: %s\n", je.text);
    return j;
}

/* base64url of a string, into a heap string. */
static char *b64(const void *p, size_t n)
{
    struct mc_buf b;
    mc_buf_init(&b, 1u << 20);
    mc_b64_encode(&b, MC_B64_URL, p, n);
    return mc_buf_steal(&b, NULL);
}

/* A compact JWS over the given header and payload texts, signed with `jwk`. Heap string. */
static char *make_jws(const char *header, const char *payload, const json_t *jwk, const char *alg)
{
    struct mc_buf out, sig;
    mc_buf_init(&out, 1u << 20);
    mc_buf_init(&sig, 4096);
    mc_b64_encode(&out, MC_B64_URL, header, strlen(header));
    mc_buf_putc(&out, '.');
    mc_b64_encode(&out, MC_B64_URL, payload, strlen(payload));
    struct mc_err e;
    if (mc_jws_sign_bytes(alg, out.data, out.len, jwk, &sig, &e))
        fprintf(stderr, "make_jws: %s\n", e.msg);
    mc_buf_putc(&out, '.');
    mc_b64_encode(&out, MC_B64_URL, sig.data, sig.len);
    mc_buf_free(&sig);
    return mc_buf_steal(&out, NULL);
}

/* Parse and verify; the result code of whichever failed. */
static enum mc_rc parse_verify(const char *text, const json_t *jwk, struct mc_err *e)
{
    struct mc_jws j;
    enum mc_rc rc = mc_jws_parse(text, strlen(text), &j, e);
    if (!rc)
        rc = mc_jws_verify(&j, jwk, e);
    mc_jws_free(&j);
    return rc;
}

static bool has(const struct mc_err *e, const char *s)
{
    bool ok = strstr(e->msg, s) != NULL;
    if (!ok)
        fprintf(stderr, "  message \"%s\" lacks \"%s\"\n", e->msg, s);
    return ok;
}

/* Replace part `which` (0 header, 1 payload, 2 signature) of a compact JWS. Heap string. */
static char *replace_part(const char *jws, int which, const char *part)
{
    const char *d1 = strchr(jws, '.'), *d2 = strchr(d1 + 1, '.');
    struct mc_buf b;
    mc_buf_init(&b, 1u << 20);
    mc_buf_append(&b, jws, which == 0 ? 0 : (size_t)((which == 1 ? d1 : d2) - jws) + 1);
    mc_buf_appendz(&b, part);
    if (which < 2)
        mc_buf_appendz(&b, which == 0 ? d1 : d2);
    return mc_buf_steal(&b, NULL);
}

static void round_trips(void)
{
    static const char *const algs[] = { "RS256", "ES256", "EdDSA" };
    json_t *payload = js("{\"iss\":\"https://example.edu\",\"n\":1,\"s\":\"caf\\u00e9\"}");
    for (size_t i = 0; i < 3; i++) {
        mc_test_case("round trip %s", algs[i]);
        struct mc_err e;
        json_t *priv = NULL, *other = NULL;
        CHECK_INT(mc_jwk_generate(algs[i], &priv, &e), MC_OK);
        CHECK_INT(mc_jwk_generate(algs[i], &other, &e), MC_OK);
        CHECK_STR(json_string_value(json_object_get(priv, "alg")), algs[i]);
        CHECK(json_object_get(priv, "d") != NULL);
        json_t *pub = mc_jwk_public(priv);
        CHECK(json_object_get(pub, "d") == NULL);
        if (i == 0)
            CHECK(json_object_get(pub, "p") == NULL && json_object_get(priv, "qi") != NULL);

        /* JWK -> EVP_PKEY -> JWK gives the same members. */
        EVP_PKEY *k = NULL;
        json_t *back = NULL;
        CHECK_INT(mc_jwk_to_pkey(priv, true, &k, &e), MC_OK);
        CHECK_INT(mc_jwk_from_pkey(k, true, &back, &e), MC_OK);
        json_object_del(back, "alg");
        json_t *want = json_deep_copy(priv);
        json_object_del(want, "alg");
        CHECK(json_equal(back, want));
        json_decref(back);
        json_decref(want);
        EVP_PKEY_free(k);

        json_t *extra = json_pack("{s:s}", "kid", "https://example.edu/keys/1");
        struct mc_buf out;
        mc_buf_init(&out, MC_JWS_MAX_BYTES);
        mc_buf_appendz(&out, "prefix:"); /* sign appends */
        CHECK_INT(mc_jws_sign(extra, payload, priv, NULL, &out, &e), MC_OK);
        const char *text = out.data + 7;
        CHECK(strncmp(out.data, "prefix:", 7) == 0);
        struct mc_jws j;
        CHECK_INT(mc_jws_parse(text, strlen(text), &j, &e), MC_OK);
        CHECK_STR(j.alg, algs[i]);
        CHECK_STR(j.kid, "https://example.edu/keys/1");
        CHECK_STR(json_string_value(json_object_get(j.header, "typ")), "JWT");
        CHECK(json_equal(j.payload, payload));
        CHECK_INT(mc_jws_verify(&j, pub, &e), MC_OK);
        CHECK_INT(mc_jws_verify(&j, priv, &e), MC_OK); /* private members are ignored */
        CHECK_INT(mc_jws_verify(&j, other, &e), MC_ERR_CRYPTO);
        CHECK(has(&e, "signature does not verify"));
        mc_jws_free(&j);
        mc_jws_free(&j); /* harmless twice */

        /* Tampering with any part breaks the signature. */
        const char *evil = "{\"iss\":\"https://evil.example\",\"n\":1}";
        char *p2 = b64(evil, strlen(evil));
        char *t = replace_part(text, 1, p2);
        CHECK_INT(parse_verify(t, pub, &e), MC_ERR_CRYPTO);
        free(t);
        free(p2);
        char hdr[128];
        snprintf(hdr, sizeof hdr, "{\"alg\":\"%s\",\"typ\":\"JWT\",\"kid\":\"x\"}", algs[i]);
        char *h2 = b64(hdr, strlen(hdr));
        t = replace_part(text, 0, h2);
        CHECK_INT(parse_verify(t, pub, &e), MC_ERR_CRYPTO);
        free(t);
        free(h2);
        CHECK_INT(mc_jws_parse(text, strlen(text), &j, &e), MC_OK);
        j.sig[j.sig_len / 2] ^= 0x01;
        CHECK_INT(mc_jws_verify(&j, pub, &e), MC_ERR_CRYPTO);
        j.sig[j.sig_len / 2] ^= 0x01;
        j.signing_input[j.signing_input_len - 1] ^= 0x01; /* still base64url, other bytes */
        CHECK_INT(mc_jws_verify(&j, pub, &e), MC_ERR_CRYPTO);
        mc_jws_free(&j);

        /* An extra alg that disagrees, or a private jwk in the header, is refused. */
        json_t *bad = json_pack("{s:s}", "alg", i == 2 ? "ES256" : "EdDSA");
        size_t before = out.len;
        CHECK_INT(mc_jws_sign(bad, payload, priv, algs[i], &out, &e), MC_ERR_INVALID);
        CHECK_INT(out.len, before);
        json_decref(bad);
        bad = json_pack("{s:O}", "jwk", priv);
        CHECK_INT(mc_jws_sign(bad, payload, priv, algs[i], &out, &e), MC_ERR_INVALID);
        json_decref(bad);
        /* typ: null drops typ. */
        bad = json_pack("{s:n}", "typ");
        mc_buf_reset(&out);
        CHECK_INT(mc_jws_sign(bad, payload, priv, NULL, &out, &e), MC_OK);
        CHECK_INT(mc_jws_parse(out.data, out.len, &j, &e), MC_OK);
        CHECK(json_object_get(j.header, "typ") == NULL);
        CHECK_INT(json_object_size(j.header), 1);
        mc_jws_free(&j);
        json_decref(bad);

        mc_buf_free(&out);
        json_decref(extra);
        json_decref(pub);
        json_decref(other);
        json_decref(priv);
    }
    json_decref(payload);
}

static void rfc_examples(void)
{
    struct mc_err e;
    struct mc_jws j;

    mc_test_case("RFC 7515 A.2 (RS256)");
    json_t *rsa = js(rfc7515_rsa);
    json_t *rsa_pub = mc_jwk_public(rsa);
    CHECK_INT(mc_jws_parse(rfc7515_a2, strlen(rfc7515_a2), &j, &e), MC_OK);
    CHECK_STR(j.alg, "RS256");
    CHECK(j.kid == NULL);
    CHECK_INT(json_integer_value(json_object_get(j.payload, "exp")), 1300819380);
    CHECK_INT(mc_jws_verify(&j, rsa_pub, &e), MC_OK);
    /* PKCS#1 v1.5 is deterministic: signing again gives the RFC's bytes. */
    struct mc_buf sig;
    mc_buf_init(&sig, 4096);
    CHECK_INT(mc_jws_sign_bytes("RS256", j.signing_input, j.signing_input_len, rsa, &sig, &e),
              MC_OK);
    CHECK_MEM(sig.data, sig.len, j.sig, j.sig_len);
    /* The same key without the CRT members still signs. */
    json_t *no_crt = json_deep_copy(rsa);
    static const char *const crt[] = { "p", "q", "dp", "dq", "qi" };
    for (int i = 0; i < 5; i++)
        json_object_del(no_crt, crt[i]);
    mc_buf_reset(&sig);
    CHECK_INT(mc_jws_sign_bytes("RS256", j.signing_input, j.signing_input_len, no_crt, &sig, &e),
              MC_OK);
    CHECK_MEM(sig.data, sig.len, j.sig, j.sig_len);
    json_object_del(no_crt, "dq");
    json_object_set_new(no_crt, "p", json_string("4BzEEOtIpmVdVEZN"));
    CHECK_INT(mc_jws_sign_bytes("RS256", "x", 1, no_crt, &sig, &e), MC_ERR_INVALID);
    CHECK(has(&e, "all of p, q, dp, dq, qi or none"));
    json_decref(no_crt);
    mc_jws_free(&j);

    mc_test_case("RFC 7515 A.3 (ES256)");
    json_t *ec = js(rfc7515_ec);
    json_t *ec_pub = mc_jwk_public(ec);
    CHECK_INT(mc_jws_parse(rfc7515_a3, strlen(rfc7515_a3), &j, &e), MC_OK);
    CHECK_STR(j.alg, "ES256");
    CHECK_INT(j.sig_len, 64);
    CHECK_INT(mc_jws_verify(&j, ec_pub, &e), MC_OK);
    mc_buf_reset(&sig);
    CHECK_INT(mc_jws_sign_bytes("ES256", j.signing_input, j.signing_input_len, ec, &sig, &e),
              MC_OK);
    CHECK_INT(sig.len, 64);
    CHECK_INT(mc_jws_verify_bytes("ES256", j.signing_input, j.signing_input_len,
                                  (unsigned char *)sig.data, sig.len, ec_pub, &e),
              MC_OK);
    /* An RS256 key for an ES256 JWS, and the other way round. */
    CHECK_INT(mc_jws_verify(&j, rsa_pub, &e), MC_ERR_INVALID);
    CHECK(has(&e, "ES256 needs a key of kty EC"));
    mc_jws_free(&j);
    CHECK_INT(parse_verify(rfc7515_a2, ec_pub, &e), MC_ERR_INVALID);
    CHECK(has(&e, "RS256 needs a key of kty RSA"));

    mc_test_case("RFC 8037 A.4 (EdDSA)");
    json_t *okp = js(rfc8037_okp);
    json_t *okp_pub = mc_jwk_public(okp);
    struct mc_buf raw;
    mc_buf_init(&raw, 128);
    CHECK_INT(mc_b64_decode(&raw, MC_B64_URL, rfc8037_sig, strlen(rfc8037_sig), &e), MC_OK);
    CHECK_INT(mc_jws_verify_bytes("EdDSA", rfc8037_input, strlen(rfc8037_input),
                                  (unsigned char *)raw.data, raw.len, okp_pub, &e),
              MC_OK);
    mc_buf_reset(&sig);
    CHECK_INT(mc_jws_sign_bytes("EdDSA", rfc8037_input, strlen(rfc8037_input), okp, &sig, &e),
              MC_OK);
    CHECK_MEM(sig.data, sig.len, raw.data, raw.len);
    char tp[MC_JWK_THUMBPRINT_SIZE];
    CHECK_INT(mc_jwk_thumbprint(okp, tp, &e), MC_OK);
    CHECK_STR(tp, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    /* Its payload is not JSON, so the compact form is refused here. */
    char full[256];
    snprintf(full, sizeof full, "%s.%s", rfc8037_input, rfc8037_sig);
    CHECK_INT(mc_jws_parse(full, strlen(full), &j, &e), MC_ERR_INVALID);
    CHECK(has(&e, "JWS payload"));
    CHECK_STR(e.where, "payload");
    /* An EdDSA signature checked with an EC key, and with the wrong alg. */
    CHECK_INT(mc_jws_verify_bytes("EdDSA", "x", 1, (unsigned char *)raw.data, raw.len, ec_pub, &e),
              MC_ERR_INVALID);
    CHECK(has(&e, "EdDSA needs a key of kty OKP"));
    CHECK_INT(mc_jws_verify_bytes("ES256", "x", 1, (unsigned char *)raw.data, raw.len, okp_pub, &e),
              MC_ERR_INVALID);
    mc_buf_free(&raw);

    mc_buf_free(&sig);
    json_decref(okp_pub);
    json_decref(okp);
    json_decref(ec_pub);
    json_decref(ec);
    json_decref(rsa_pub);
    json_decref(rsa);
}

struct parse_case {
    const char *name;
    const char *text; /* NULL: built in the loop */
    enum mc_rc rc;
    const char *msg;
};

static void refusals(void)
{
    struct mc_err e;
    struct mc_jws j;
    json_t *okp = js(rfc8037_okp);
    char *good = make_jws("{\"alg\":\"EdDSA\"}", "{\"a\":1}", okp, "EdDSA");
    char *crit = make_jws("{\"alg\":\"EdDSA\",\"crit\":[\"exp\"],\"exp\":1}", "{}", okp, "EdDSA");
    char *crit_empty = make_jws("{\"alg\":\"EdDSA\",\"crit\":[]}", "{}", okp, "EdDSA");
    char *b64false =
            make_jws("{\"alg\":\"EdDSA\",\"b64\":false,\"crit\":[\"b64\"]}", "{}", okp, "EdDSA");
    char *b64false_nocrit = make_jws("{\"alg\":\"EdDSA\",\"b64\":false}", "{}", okp, "EdDSA");
    char *jwk_priv = make_jws("{\"alg\":\"EdDSA\",\"jwk\":{\"kty\":\"OKP\",\"d\":\"AA\"}}", "{}",
                              okp, "EdDSA");
    char *arr = make_jws("{\"alg\":\"EdDSA\"}", "[1,2]", okp, "EdDSA");
    char *str = make_jws("{\"alg\":\"EdDSA\"}", "\"vc\"", okp, "EdDSA");
    char *badjson = make_jws("{\"alg\":\"EdDSA\"}", "{\"a\":}", okp, "EdDSA");
    char *dup = make_jws("{\"alg\":\"EdDSA\",\"alg\":\"EdDSA\"}", "{}", okp, "EdDSA");
    char *noalg = make_jws("{\"typ\":\"JWT\"}", "{}", okp, "EdDSA");
    char *numalg = make_jws("{\"alg\":5}", "{}", okp, "EdDSA");
    char *hdr_arr = make_jws("[\"EdDSA\"]", "{}", okp, "EdDSA");
    char *kid_num = make_jws("{\"alg\":\"EdDSA\",\"kid\":7}", "{}", okp, "EdDSA");

    /* The 1024-bit "alg none" example and others are built from known parts. */
    const char *none = "eyJhbGciOiJub25lIn0." RFC7515_PAYLOAD ".";
    const char *none_sig = "eyJhbGciOiJOb25lIn0." RFC7515_PAYLOAD ".AAAA";
    /* RFC 7515 A.1: HS256, an alg we do not implement (and must not confuse with RS256). */
    const char *hs256 = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." RFC7515_PAYLOAD
                        ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    char *padded = NULL, *plus = NULL, *space = NULL, *nosig = NULL, *bits = NULL;
    {
        const char *d1 = strchr(good, '.');
        size_t hl = (size_t)(d1 - good);
        struct mc_buf b;
        mc_buf_init(&b, 1u << 20);
        /* "eyJhbGciOiJFZERTQSJ9" is 20 characters: add '=' padding. */
        mc_buf_append(&b, good, hl);
        mc_buf_appendz(&b, "==");
        mc_buf_appendz(&b, d1);
        padded = mc_buf_steal(&b, NULL);
        plus = mc_xstrdup(good);
        plus[3] = '+';
        space = mc_xstrdup(good);
        space[strlen(space) - 5] = ' ';
        nosig = mc_xstrdup(good);
        *strrchr(nosig, '.') = '\0';
        mc_buf_append(&b, nosig, strlen(nosig));
        mc_buf_putc(&b, '.');
        free(nosig);
        nosig = mc_buf_steal(&b, NULL);
        /* A last character with non-zero spare bits ("B"): a second spelling of the signature. */
        bits = mc_xstrdup(good);
        bits[strlen(bits) - 1] = 'B';
    }

    size_t big_len = MC_JWS_MAX_BYTES + 1;
    char *big = malloc(big_len + 1);
    memset(big, 'A', big_len);
    big[10] = '.';
    big[20] = '.';
    big[big_len] = '\0';

    const struct parse_case cases[] = {
        { "good", good, MC_OK, NULL },
        { "alg none", none, MC_ERR_INVALID, "\"none\" (an unsecured JWS" },
        { "alg None with a signature", none_sig, MC_ERR_INVALID, "unsecured" },
        { "alg HS256", hs256, MC_ERR_UNSUPPORTED, "\"HS256\" is not supported" },
        { "no alg", noalg, MC_ERR_INVALID, "has no alg" },
        { "alg a number", numalg, MC_ERR_INVALID, "alg is not a string" },
        { "header an array", hdr_arr, MC_ERR_INVALID, "JWS header: not a JSON object" },
        { "duplicate header member", dup, MC_ERR_INVALID, "duplicate" },
        { "kid a number", kid_num, MC_ERR_INVALID, "kid is not a string" },
        { "crit", crit, MC_ERR_UNSUPPORTED, "\"exp\" critical" },
        { "crit empty", crit_empty, MC_ERR_INVALID, "non-empty array" },
        { "b64 false", b64false, MC_ERR_UNSUPPORTED, "crit" },
        { "b64 false without crit", b64false_nocrit, MC_ERR_UNSUPPORTED, "b64: false" },
        { "private jwk header", jwk_priv, MC_ERR_INVALID, "private key" },
        { "payload an array", arr, MC_ERR_INVALID, "JWS payload: not a JSON object" },
        { "payload a string", str, MC_ERR_INVALID, "JWS payload: not a JSON object" },
        { "payload bad JSON", badjson, MC_ERR_INVALID, "JWS payload: JSON syntax error" },
        { "padding", padded, MC_ERR_INVALID, "JWS header: not a base64url character" },
        { "plus", plus, MC_ERR_INVALID, "JWS header: not a base64url character at offset 3" },
        { "space", space, MC_ERR_INVALID, "JWS signature: not a base64url character" },
        { "spare bits", bits, MC_ERR_INVALID, "non-zero padding bits" },
        { "no signature", nosig, MC_ERR_INVALID, "JWS signature: empty" },
        { "one dot", "eyJhbGciOiJFZERTQSJ9.e30", MC_ERR_INVALID, "has 1 dot" },
        { "no dot", "eyJhbGciOiJFZERTQSJ9", MC_ERR_INVALID, "has 0 dots" },
        { "three dots", "a.b.c.d", MC_ERR_INVALID, "has 3 dots" },
        { "JWE", "a.b.c.d.e", MC_ERR_UNSUPPORTED, "JWE" },
        { "empty", "", MC_ERR_INVALID, "empty" },
        { "empty header", ".e30.AAAA", MC_ERR_INVALID, "JWS header: empty" },
        { "oversize", big, MC_ERR_TOO_LARGE, "JWT is larger than 256 KiB" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("parse: %s", cases[i].name);
        mc_err_clear(&e);
        CHECK_INT(mc_jws_parse(cases[i].text, strlen(cases[i].text), &j, &e), cases[i].rc);
        if (cases[i].msg)
            CHECK(has(&e, cases[i].msg));
        if (cases[i].rc)
            CHECK(j.header == NULL && j.payload == NULL && j.sig == NULL && j.kid == NULL);
        mc_jws_free(&j);
    }

    mc_test_case("an oversize payload is refused when signing");
    json_t *huge = json_object();
    json_object_set_new(huge, "image", json_stringn(big, MC_JWS_MAX_BYTES - 1000));
    struct mc_buf out;
    mc_buf_init(&out, 4 * MC_JWS_MAX_BYTES);
    CHECK_INT(mc_jws_sign(NULL, huge, okp, "EdDSA", &out, &e), MC_ERR_TOO_LARGE);
    CHECK(has(&e, "JWT would be larger than 256 KiB"));
    CHECK_INT(out.len, 0);
    json_decref(huge);
    mc_test_case("a small output buffer");
    mc_buf_free(&out);
    mc_buf_init(&out, 40);
    json_t *small = js("{\"a\":1}");
    CHECK_INT(mc_jws_sign(NULL, small, okp, "EdDSA", &out, &e), MC_ERR_TOO_LARGE);
    CHECK_INT(out.len, 0);
    mc_test_case("sign: bad alg and payload");
    CHECK_INT(mc_jws_sign(NULL, small, okp, "none", &out, &e), MC_ERR_INVALID);
    CHECK_INT(mc_jws_sign(NULL, small, okp, "HS256", &out, &e), MC_ERR_UNSUPPORTED);
    json_t *arrp = js("[1]");
    CHECK_INT(mc_jws_sign(NULL, arrp, okp, "EdDSA", &out, &e), MC_ERR_INVALID);
    json_decref(arrp);
    json_decref(small);
    mc_buf_free(&out);

    free(big);
    free(bits);
    free(nosig);
    free(space);
    free(plus);
    free(padded);
    free(kid_num);
    free(hdr_arr);
    free(numalg);
    free(noalg);
    free(dup);
    free(badjson);
    free(str);
    free(arr);
    free(jwk_priv);
    free(b64false_nocrit);
    free(b64false);
    free(crit_empty);
    free(crit);
    free(good);
    json_decref(okp);
}

struct jwk_case {
    const char *name;
    const char *jwk;
    bool priv;
    enum mc_rc rc;
    const char *msg;
};

static void jwk_checks(void)
{
    struct mc_err e;
    mc_test_case("a small RSA key");
    EVP_PKEY *small = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024);
    json_t *small_jwk = NULL;
    CHECK_INT(mc_jwk_from_pkey(small, true, &small_jwk, &e), MC_OK);
    EVP_PKEY *k = NULL;
    CHECK_INT(mc_jwk_to_pkey(small_jwk, false, &k, &e), MC_ERR_INVALID);
    CHECK(has(&e, "the RSA key has 1024 bits; at least 2048 are required"));
    CHECK_STR(e.where, "/n");
    CHECK(k == NULL);
    struct mc_buf sig;
    mc_buf_init(&sig, 4096);
    CHECK_INT(mc_jws_sign_bytes("RS256", "x", 1, small_jwk, &sig, &e), MC_ERR_INVALID);
    CHECK_INT(sig.len, 0);
    json_decref(small_jwk);
    EVP_PKEY_free(small);

    mc_test_case("from_pkey without a private part");
    json_t *okp = js(rfc8037_okp);
    CHECK_INT(mc_jwk_to_pkey(okp, false, &k, &e), MC_OK);
    json_t *j = NULL;
    CHECK_INT(mc_jwk_from_pkey(k, true, &j, &e), MC_ERR_INVALID);
    CHECK(j == NULL);
    CHECK_INT(mc_jwk_from_pkey(k, false, &j, &e), MC_OK);
    CHECK_STR(json_string_value(json_object_get(j, "x")),
              "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    json_decref(j);
    EVP_PKEY_free(k);
    CHECK_INT(mc_jwk_generate("HS256", &j, &e), MC_ERR_UNSUPPORTED);
    CHECK_INT(mc_jwk_generate("Ed25519", &j, &e), MC_OK);
    CHECK_STR(json_string_value(json_object_get(j, "alg")), "EdDSA");
    json_decref(j);

    const struct jwk_case cases[] = {
        { "not an object", "[1]", false, MC_ERR_INVALID, "JSON object" },
        { "no kty", "{\"x\":\"AA\"}", false, MC_ERR_INVALID, "\"kty\": required" },
        { "kty oct", "{\"kty\":\"oct\",\"k\":\"AA\"}", false, MC_ERR_UNSUPPORTED, "\"oct\"" },
        { "Ed448", "{\"kty\":\"OKP\",\"crv\":\"Ed448\",\"x\":\"AA\"}", false, MC_ERR_UNSUPPORTED,
          "Ed448" },
        { "P-384", "{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"AA\",\"y\":\"AA\"}", false,
          MC_ERR_UNSUPPORTED, "P-384" },
        { "OKP x short", "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}", false,
          MC_ERR_INVALID, "\"x\": is 3 bytes long, not 32" },
        { "OKP x padded",
          "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_"
          "7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"}",
          false, MC_ERR_INVALID, "not a base64url character at offset 43" },
        { "OKP no d",
          "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_"
          "7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
          true, MC_ERR_INVALID, "\"d\": required, and missing" },
        { "OKP d of another key",
          "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_"
          "7TyWQHOg7hcvPapiMlrwIaaPcHURo\","
          "\"d\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
          true, MC_ERR_INVALID, "not the public key of d" },
        { "EC point off the curve",
          "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
          "\"y\":\"y_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}",
          false, MC_ERR_INVALID, "not make a valid EC key (OpenSSL: point is not on curve)" },
        { "EC d of another key",
          "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
          "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\","
          "\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LA\"}",
          true, MC_ERR_INVALID, "d is not the private key" },
        { "EC x a number", "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":1,\"y\":\"AA\"}", false,
          MC_ERR_INVALID, "\"x\": expected a base64url string" },
        { "RSA tiny", "{\"kty\":\"RSA\",\"n\":\"AQ\",\"e\":\"AQAB\"}", false, MC_ERR_INVALID,
          "1 bits" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("jwk: %s", cases[i].name);
        json_t *jwk = js(cases[i].jwk);
        mc_err_clear(&e);
        k = NULL;
        CHECK_INT(mc_jwk_to_pkey(jwk, cases[i].priv, &k, &e), cases[i].rc);
        CHECK(has(&e, cases[i].msg));
        CHECK(k == NULL);
        EVP_PKEY_free(k);
        json_decref(jwk);
    }

    mc_test_case("RSA d of another key");
    json_t *rsa = js(rfc7515_rsa);
    json_t *wrong = NULL;
    CHECK_INT(mc_jwk_generate("RS256", &wrong, &e), MC_OK);
    json_object_set(wrong, "n", json_object_get(rsa, "n"));
    json_object_del(wrong, "alg");
    CHECK_INT(mc_jwk_to_pkey(wrong, true, &k, &e), MC_ERR_INVALID);
    CHECK(has(&e, "not the private exponent"));
    CHECK_INT(mc_jwk_to_pkey(wrong, false, &k, &e), MC_OK); /* its public part is fine */
    EVP_PKEY_free(k);
    json_decref(wrong);

    mc_test_case("the JWK's own alg and use");
    json_t *tagged = json_deep_copy(okp);
    json_object_set_new(tagged, "alg", json_string("ES256"));
    CHECK_INT(mc_jwk_check_alg(tagged, "EdDSA", &e), MC_ERR_INVALID);
    CHECK(has(&e, "the JWK is for alg \"ES256\", not EdDSA"));
    json_object_set_new(tagged, "alg", json_string("EdDSA"));
    json_object_set_new(tagged, "use", json_string("enc"));
    CHECK_INT(mc_jwk_check_alg(tagged, "EdDSA", &e), MC_ERR_INVALID);
    CHECK(has(&e, "use"));
    json_object_set_new(tagged, "use", json_string("sig"));
    CHECK_INT(mc_jwk_check_alg(tagged, "EdDSA", &e), MC_OK);
    CHECK_INT(mc_jwk_check_alg(tagged, "none", &e), MC_ERR_UNSUPPORTED);
    json_decref(tagged);

    mc_test_case("thumbprints");
    char tp[MC_JWK_THUMBPRINT_SIZE];
    /* RFC 7638 §3.1's example key is RFC 7515 A.2's public key... not quite: it has another n.
     * Check instead that private members and extras do not change the thumbprint. */
    char tp2[MC_JWK_THUMBPRINT_SIZE];
    json_t *rsa_pub = mc_jwk_public(rsa);
    json_object_set_new(rsa_pub, "kid", json_string("2011-04-29"));
    CHECK_INT(mc_jwk_thumbprint(rsa, tp, &e), MC_OK);
    CHECK_INT(mc_jwk_thumbprint(rsa_pub, tp2, &e), MC_OK);
    CHECK_STR(tp, tp2);
    CHECK_INT(strlen(tp), 43);
    json_object_del(rsa_pub, "e");
    CHECK_INT(mc_jwk_thumbprint(rsa_pub, tp2, &e), MC_ERR_INVALID);
    json_decref(rsa_pub);
    json_decref(rsa);
    mc_buf_free(&sig);
    json_decref(okp);
}

/* Sign a payload text with the RFC 8037 key, parse it and return the credential (or NULL). */
static json_t *credential_of(const char *header, const char *payload, enum mc_rc want,
                             struct mc_err *e)
{
    json_t *okp = js(rfc8037_okp);
    char *text = make_jws(header, payload, okp, "EdDSA");
    struct mc_jws j;
    json_t *cred = NULL;
    CHECK_INT(mc_jws_parse(text, strlen(text), &j, e), MC_OK);
    CHECK_INT(mc_jws_verify(&j, okp, e), MC_OK);
    CHECK_INT(mc_vcjwt_credential(&j, &cred, e), want);
    if (want)
        CHECK(cred == NULL);
    mc_jws_free(&j);
    free(text);
    json_decref(okp);
    return cred;
}

static void vc_jwt(void)
{
    struct mc_err e;
    const char *h = "{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}";

    mc_test_case("VC 1.1 claims are mapped into the credential");
    json_t *c = credential_of(
            h,
            "{\"iss\":\"https://example.edu/issuers/14\",\"sub\":\"did:example:ebfeb1f712eb\","
            "\"jti\":\"http://example.edu/credentials/3732\",\"nbf\":1262304000,"
            "\"exp\":1893456000,\"aud\":\"x\",\"vc\":{\"@context\":["
            "\"https://www.w3.org/2018/credentials/v1\"],\"type\":[\"VerifiableCredential\"],"
            "\"credentialSubject\":{\"degree\":{\"name\":\"BSc\"}}}}",
            MC_OK, &e);
    json_t *want = js("{\"@context\":[\"https://www.w3.org/2018/credentials/v1\"],"
                      "\"type\":[\"VerifiableCredential\"],"
                      "\"credentialSubject\":{\"degree\":{\"name\":\"BSc\"},"
                      "\"id\":\"did:example:ebfeb1f712eb\"},"
                      "\"issuer\":\"https://example.edu/issuers/14\","
                      "\"id\":\"http://example.edu/credentials/3732\","
                      "\"issuanceDate\":\"2010-01-01T00:00:00Z\","
                      "\"expirationDate\":\"2030-01-01T00:00:00Z\"}");
    CHECK(json_equal(c, want));
    json_decref(want);
    json_decref(c);

    mc_test_case("VC 1.1 claims with a VC 2.0 context and an issuer object");
    c = credential_of(h,
                      "{\"iss\":\"did:example:issuer\",\"nbf\":1262304000.9,\"exp\":1893456000,"
                      "\"vc\":{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],"
                      "\"issuer\":{\"name\":\"U\"},\"credentialSubject\":[{\"id\":\"did:a\"}],"
                      "\"validUntil\":\"2030-01-01T00:00:00.250Z\"}}",
                      MC_OK, &e);
    CHECK_STR(json_string_value(json_object_get(json_object_get(c, "issuer"), "id")),
              "did:example:issuer");
    CHECK_STR(json_string_value(json_object_get(c, "validFrom")), "2010-01-01T00:00:00Z");
    CHECK(json_object_get(c, "issuanceDate") == NULL);
    CHECK_STR(json_string_value(json_object_get(c, "validUntil")), "2030-01-01T00:00:00.250Z");
    json_decref(c);

    struct {
        const char *name, *payload, *msg;
        enum mc_rc rc;
    } bad[] = {
        { "iss differs", "{\"iss\":\"did:a\",\"vc\":{\"issuer\":\"did:b\"}}",
          "JWT claim iss \"did:a\" does not match the credential's issuer \"did:b\"",
          MC_ERR_INVALID },
        { "issuer.id differs", "{\"iss\":\"did:a\",\"vc\":{\"issuer\":{\"id\":\"did:b\"}}}",
          "issuer.id", MC_ERR_INVALID },
        { "sub differs", "{\"sub\":\"did:a\",\"vc\":{\"credentialSubject\":{\"id\":\"did:b\"}}}",
          "credentialSubject.id", MC_ERR_INVALID },
        { "sub in none of two",
          "{\"sub\":\"did:a\",\"vc\":{\"credentialSubject\":[{\"id\":\"did:b\"},{}]}}",
          "none of the credential's 2 subjects", MC_ERR_INVALID },
        { "jti differs", "{\"jti\":\"urn:a\",\"vc\":{\"id\":\"urn:b\"}}", "jti", MC_ERR_INVALID },
        { "nbf differs", "{\"nbf\":1262304000,\"vc\":{\"issuanceDate\":\"2010-01-01T00:00:01Z\"}}",
          "JWT claim nbf (2010-01-01T00:00:00Z) does not match the credential's issuanceDate",
          MC_ERR_INVALID },
        { "exp differs", "{\"exp\":1262304000,\"vc\":{\"validUntil\":\"2011-01-01T00:00:00Z\"}}",
          "validUntil", MC_ERR_INVALID },
        { "nbf not a number", "{\"nbf\":\"2010\",\"vc\":{}}", "NumericDate", MC_ERR_INVALID },
        { "nbf negative", "{\"nbf\":-1,\"vc\":{}}", "NumericDate", MC_ERR_INVALID },
        { "iss a number", "{\"iss\":1,\"vc\":{}}", "iss must be a string", MC_ERR_INVALID },
        { "validFrom not a date", "{\"nbf\":1,\"vc\":{\"validFrom\":\"soon\"}}", "RFC 3339",
          MC_ERR_INVALID },
        { "vc not an object", "{\"vc\":[1]}", "vc must be a JSON object", MC_ERR_INVALID },
        { "a presentation", "{\"vp\":{}}", "presentation", MC_ERR_UNSUPPORTED },
        { "OB style, iss differs",
          "{\"iss\":\"did:a\",\"issuer\":\"did:b\",\"@context\":[\"https://www.w3.org/ns/"
          "credentials/v2\"]}",
          "iss", MC_ERR_INVALID },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("vc-jwt: %s", bad[i].name);
        mc_err_clear(&e);
        c = credential_of(h, bad[i].payload, bad[i].rc, &e);
        CHECK(has(&e, bad[i].msg));
        json_decref(c);
    }

    mc_test_case("typ");
    c = credential_of("{\"alg\":\"EdDSA\",\"typ\":\"at+jwt\"}", "{}", MC_ERR_INVALID, &e);
    CHECK(has(&e, "JWS typ \"at+jwt\" is not a credential"));
    c = credential_of("{\"alg\":\"EdDSA\",\"typ\":\"application/VC+LD+JSON+JWT\"}", "{}", MC_OK,
                      &e);
    json_decref(c);
    c = credential_of("{\"alg\":\"EdDSA\"}", "{}", MC_OK, &e);
    json_decref(c);

    mc_test_case("VC 2.0: issue, parse, verify, read back");
    json_t *cred = js("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\","
                      "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"],"
                      "\"id\":\"urn:uuid:1\",\"type\":[\"VerifiableCredential\","
                      "\"OpenBadgeCredential\"],\"issuer\":{\"id\":\"https://example.edu\","
                      "\"type\":[\"Profile\"]},\"validFrom\":\"2010-01-01T00:00:00Z\","
                      "\"credentialSubject\":{\"id\":\"did:example:s\",\"type\":["
                      "\"AchievementSubject\"]}}");
    static const char *const algs[] = { "ES256", "EdDSA", "RS256" };
    for (int i = 0; i < 3; i++) {
        mc_test_case("VC 2.0 round trip %s", algs[i]);
        json_t *priv = NULL;
        CHECK_INT(mc_jwk_generate(algs[i], &priv, &e), MC_OK);
        json_t *pub = mc_jwk_public(priv);
        struct mc_buf out;
        mc_buf_init(&out, MC_JWS_MAX_BYTES);
        CHECK_INT(mc_vcjwt_issue(cred, priv, NULL, "https://example.edu#key-1", &out, &e), MC_OK);
        struct mc_jws j;
        CHECK_INT(mc_jws_parse(out.data, out.len, &j, &e), MC_OK);
        CHECK_STR(json_string_value(json_object_get(j.header, "typ")), "vc+jwt");
        CHECK_STR(j.kid, "https://example.edu#key-1");
        CHECK_STR(j.alg, algs[i]);
        CHECK_INT(mc_jws_verify(&j, pub, &e), MC_OK);
        c = NULL;
        CHECK_INT(mc_vcjwt_credential(&j, &c, &e), MC_OK);
        CHECK(json_equal(c, cred));
        json_decref(c);
        mc_jws_free(&j);
        mc_buf_free(&out);
        json_decref(pub);
        json_decref(priv);
    }

    mc_test_case("Open Badges 3.0 style: the credential with JWT claims beside it");
    json_t *ob = json_deep_copy(cred);
    json_object_set_new(ob, "iss", json_string("https://example.edu"));
    json_object_set_new(ob, "jti", json_string("urn:uuid:1"));
    json_object_set_new(ob, "sub", json_string("did:example:s"));
    json_object_set_new(ob, "nbf", json_integer(1262304000));
    char *payload = json_dumps(ob, JSON_COMPACT);
    c = credential_of(h, payload, MC_OK, &e);
    CHECK(json_equal(c, cred));
    json_decref(c);
    free(payload);
    json_object_set_new(ob, "nbf", json_integer(1262304001));
    payload = json_dumps(ob, JSON_COMPACT);
    c = credential_of(h, payload, MC_ERR_INVALID, &e);
    CHECK(has(&e, "validFrom"));
    free(payload);
    json_decref(ob);
    json_decref(cred);
}

int main(void)
{
    round_trips();
    rfc_examples();
    refusals();
    jwk_checks();
    vc_jwt();
    return mc_test_done();
}
