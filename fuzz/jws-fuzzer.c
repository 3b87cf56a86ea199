/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzzes the JWS and JWK readers. Input starting with '{' is a JWK: it is read as a public key
 * (never a crash, and a key that loads has a thumbprint). Anything else is a compact JWS: parsed,
 * and when it parses, verified against a fixed Ed25519 key (RFC 8037 A.1) and read as a VC-JWT.
 * A verified signature must survive a second check, and OpenSSL's error queue must be left empty.
 */
#include <openssl/err.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "crypto/jwk.h"
#include "vc/jws.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void fuzz_jwk(const char *text, size_t size)
{
    json_t *jwk = NULL;
    struct mc_err e;
    if (mc_json_parse(text, size, 0, NULL, &jwk, &e))
        return;
    EVP_PKEY *k = NULL;
    /* Public only: checking a private RSA key costs a modular exponentiation with d, which at
     * 16384 bits is slow enough to look like a hang; private keys come from the operator. */
    if (mc_jwk_to_pkey(jwk, false, &k, &e) == MC_OK) {
        char tp[MC_JWK_THUMBPRINT_SIZE];
        if (!k || mc_jwk_thumbprint(jwk, tp, &e) != MC_OK || strlen(tp) != 43)
            abort(); /* a key that loads has its required members */
        json_t *back = NULL;
        if (mc_jwk_from_pkey(k, false, &back, &e) != MC_OK)
            abort();
        json_decref(back);
    } else if (k) {
        abort(); /* a failure must not hand out a key */
    }
    EVP_PKEY_free(k);
    json_decref(jwk);
}

static void fuzz_jws(const char *text, size_t size)
{
    static json_t *key;
    if (!key)
        key = json_pack("{s:s, s:s, s:s}", "kty", "OKP", "crv", "Ed25519", "x",
                        "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    struct mc_jws j;
    struct mc_err e;
    if (mc_jws_parse(text, size, &j, &e) != MC_OK) {
        if (j.header || j.payload || j.sig || j.signing_input || j.kid)
            abort(); /* a failed parse leaves nothing behind */
        return;
    }
    if (!json_is_object(j.header) || !json_is_object(j.payload) || j.signing_input_len >= size ||
        memcmp(j.signing_input, text, j.signing_input_len) != 0)
        abort();
    enum mc_rc rc = mc_jws_verify(&j, key, &e);
    if (rc == MC_OK && mc_jws_verify(&j, key, &e) != MC_OK)
        abort(); /* verification is a pure function of its input */
    if (rc == MC_OK && strcmp(j.alg, "EdDSA") != 0)
        abort(); /* an Ed25519 key only ever verifies EdDSA */
    json_t *cred = NULL;
    if (mc_vcjwt_credential(&j, &cred, &e) == MC_OK && !json_is_object(cred))
        abort();
    json_decref(cred);
    mc_jws_free(&j);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *text = (const char *)data;
    if (size > 0 && text[0] == '{')
        fuzz_jwk(text, size);
    else
        fuzz_jws(text, size);
    if (ERR_peek_error() != 0)
        abort(); /* an OpenSSL error was left for the next caller to trip over */
    return 0;
}
