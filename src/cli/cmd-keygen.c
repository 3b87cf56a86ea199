/* SPDX-License-Identifier: Apache-2.0 */
/* mcred keygen: a new Ed25519 key as Multikey JSON, with its secret key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/hex.h"
#include "base/json.h"
#include "cli/cli.h"
#include "crypto/jwk.h"
#include "crypto/multikey.h"

static const struct option options[] = {
    { "seed", required_argument, NULL, 's' },
    { "controller", required_argument, NULL, 'c' },
    { "jwk", required_argument, NULL, 'j' },
    { NULL, 0, NULL, 0 },
};

/* --jwk ALG: a JWK for VC-JWTs; its kid is <controller>#<RFC 7638 thumbprint>. */
static int jwk_key(const char *alg, bool seeded, const char *controller)
{
    if (strcmp(alg, "RS256") != 0 && strcmp(alg, "ES256") != 0 && strcmp(alg, "EdDSA") != 0)
        return mc_cli_usage_error(&mc_cmd_keygen, "--jwk is RS256, ES256 or EdDSA, not '%s'", alg);
    if (seeded)
        return mc_cli_usage_error(&mc_cmd_keygen, "--seed makes Multikeys only, not --jwk keys");
    json_t *jwk = NULL;
    struct mc_err e;
    char thumb[MC_JWK_THUMBPRINT_SIZE];
    if (mc_jwk_generate(alg, &jwk, &e) || mc_jwk_thumbprint(jwk, thumb, &e)) {
        json_decref(jwk);
        return mc_cli_fail(&mc_cmd_keygen, "%s", e.msg);
    }
    if (controller) {
        char *kid = mc_xasprintf("%s#%s", controller, thumb);
        json_object_set_new(jwk, "kid", json_string(kid));
        free(kid);
    }
    struct mc_buf out;
    mc_buf_init(&out, 1 << 16);
    mc_json_dump(jwk, JSON_INDENT(2), &out);
    printf("%s\n", out.data);
    mc_buf_free(&out);
    json_decref(jwk);
    return MC_EXIT_OK;
}

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    const char *seed_hex = NULL, *controller = NULL, *jwk_alg = NULL;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_keygen, argc, argv, options, &c);
        if (opt == -1)
            break;
        if (opt == 'h') {
            mc_cli_print_usage(&mc_cmd_keygen);
            return MC_EXIT_OK;
        }
        if (opt == 's')
            seed_hex = optarg;
        else if (opt == 'c')
            controller = optarg;
        else if (opt == 'j')
            jwk_alg = optarg;
        else
            return MC_EXIT_USAGE;
    }
    if (optind < argc)
        return mc_cli_usage_error(&mc_cmd_keygen, "unexpected argument '%s'", argv[optind]);
    uint8_t seed[MC_ED25519_SEED_LEN];
    if (seed_hex) {
        struct mc_buf b;
        struct mc_err e;
        mc_buf_init(&b, 64);
        enum mc_rc rc = mc_hex_decode(&b, seed_hex, strlen(seed_hex), &e);
        if (!rc && b.len != sizeof seed)
            rc = mc_err_set(&e, MC_ERR_INVALID, "it is %zu bytes, not 32", b.len);
        if (!rc)
            memcpy(seed, b.data, sizeof seed);
        mc_buf_free(&b);
        if (rc)
            return mc_cli_usage_error(&mc_cmd_keygen, "--seed must be 64 hex digits: %s", e.msg);
    }
    if (controller && strncmp(controller, "https://", 8) != 0 &&
        strncmp(controller, "did:", 4) != 0)
        return mc_cli_usage_error(
                &mc_cmd_keygen, "--controller must be an https URL or a DID, not '%s'", controller);
    if (jwk_alg)
        return jwk_key(jwk_alg, seed_hex != NULL, controller);
    struct mc_key k;
    mc_key_generate(&k, seed_hex ? seed : NULL, controller);
    json_t *j = mc_key_to_json(&k, true);
    struct mc_buf out;
    mc_buf_init(&out, 1 << 16);
    mc_json_dump(j, JSON_INDENT(2), &out);
    printf("%s\n", out.data);
    mc_buf_free(&out);
    json_decref(j);
    mc_key_free(&k);
    return MC_EXIT_OK;
}

const struct mc_cmd mc_cmd_keygen = {
    .name = "keygen",
    .summary = "make an Ed25519 signing key (Multikey JSON with its secret key)",
    .usage = "usage: mcred keygen [--seed HEX] [--controller ID] [--jwk RS256|ES256|EdDSA]\n"
             "\n"
             "Prints a new Ed25519 key as Multikey JSON: type, id, controller,\n"
             "publicKeyMultibase (z6Mk...) and secretKeyMultibase (z3u2...). Keep the file\n"
             "secret: it signs credentials.\n"
             "\n"
             "  --seed HEX         derive the key from these 32 bytes (64 hex digits) instead of\n"
             "                     fresh random bytes (for tests and reproducible examples)\n"
             "  --controller ID    the issuer that controls the key: an https URL (its controller\n"
             "                     document must then list the key) or a DID; without it the key\n"
             "                     is a did:key, its id did:key:z6Mk...#z6Mk...\n"
             "  --jwk ALG          make a JWK instead, for VC-JWTs (mcred sign --format jwt):\n"
             "                     RS256 (RSA 2048), ES256 (P-256) or EdDSA (Ed25519); its kid is\n"
             "                     the controller's URL with the key's thumbprint as fragment\n",
    .run = run,
};
