/* SPDX-License-Identifier: Apache-2.0 */
/* mcred sign: add a Data Integrity proof to a credential. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "cli/cli.h"
#include "crypto/multikey.h"
#include "vc/di.h"
#include "vc/jws.h"

#define MAX_FILE (16u << 20)

static const struct option options[] = {
    { "key", required_argument, NULL, 'k' },
    { "cryptosuite", required_argument, NULL, 'c' },
    { "created", required_argument, NULL, 't' },
    { "format", required_argument, NULL, 'f' },
    { NULL, 0, NULL, 0 },
};

/* Read and parse a JSON file; prints why not and returns NULL. */
static json_t *read_json(const char *path, const char *what)
{
    char *text = NULL;
    size_t len = 0;
    if (mc_cli_read_input(&mc_cmd_sign, path, MAX_FILE, &text, &len))
        return NULL;
    json_t *j = NULL;
    struct mc_err e;
    if (mc_json_parse(text, len, JSON_DECODE_INT_AS_REAL, NULL, &j, &e))
        mc_cli_fail(&mc_cmd_sign, "%s %s: %s", what, path, e.msg);
    free(text);
    return j;
}

/* --format jwt: a VC-JWT. The key is a JWK (RS256, ES256 or EdDSA; its "kid" names the
 * verification method) or a Multikey (EdDSA, kid = the key's id). */
static int sign_jwt(const json_t *kj, const char *key_path, const json_t *cred, const char *name)
{
    struct mc_err e;
    mc_err_clear(&e);
    json_t *jwk = NULL;
    const char *kid = NULL;
    struct mc_key key = { 0 };
    if (json_object_get(kj, "kty")) {
        jwk = json_incref((json_t *)kj);
        kid = json_string_value(json_object_get(kj, "kid"));
    } else if (mc_key_from_json(kj, &key, &e) == MC_OK && key.has_secret) {
        jwk = mc_key_to_jwk(&key, true);
        kid = key.id;
    } else {
        mc_key_free(&key);
        return mc_cli_fail(&mc_cmd_sign, "key %s: %s", key_path,
                           e.msg[0] ? e.msg : "it has no secret key to sign with");
    }
    struct mc_buf out;
    mc_buf_init(&out, 1u << 20);
    int status = MC_EXIT_OK;
    if (mc_vcjwt_issue(cred, jwk, NULL, kid, &out, &e))
        status = mc_cli_fail(&mc_cmd_sign, "%s: %s", name, e.msg);
    else
        printf("%s\n", out.data);
    mc_buf_free(&out);
    json_decref(jwk);
    mc_key_free(&key);
    return status;
}

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    const char *key_path = NULL, *created = NULL, *format = "jsonld";
    struct mc_proof_options po = { MC_SUITE_EDDSA_RDFC_2022, NULL, NULL };
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_sign, argc, argv, options, &c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_sign); return MC_EXIT_OK;
        case 'k': key_path = optarg; break;
        case 't': created = optarg; break;
        case 'f': format = optarg; break;
        case 'c':
            if (strcmp(optarg, "eddsa-rdfc-2022") == 0)
                po.suite = MC_SUITE_EDDSA_RDFC_2022;
            else if (strcmp(optarg, "eddsa-jcs-2022") == 0)
                po.suite = MC_SUITE_EDDSA_JCS_2022;
            else
                return mc_cli_usage_error(&mc_cmd_sign,
                                          "--cryptosuite is eddsa-rdfc-2022 or eddsa-jcs-2022, "
                                          "not '%s'",
                                          optarg);
            break;
        default: return MC_EXIT_USAGE;
        }
    }
    if (!key_path)
        return mc_cli_usage_error(&mc_cmd_sign, "--key KEY.json is required");
    if (optind != argc - 1)
        return mc_cli_usage_error(&mc_cmd_sign, "give exactly one CREDENTIAL.json (or -)");
    bool jwt = strcmp(format, "jwt") == 0;
    if (!jwt && strcmp(format, "jsonld") != 0)
        return mc_cli_usage_error(&mc_cmd_sign, "--format is jsonld or jwt, not '%s'", format);
    po.created = created;

    int status = MC_EXIT_FAIL;
    struct mc_key key = { 0 };
    json_t *kj = read_json(key_path, "key");
    json_t *cred = kj ? read_json(argv[optind], "credential") : NULL;
    struct mc_di *di = NULL;
    json_t *signed_doc = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    if (!cred)
        goto out;
    if (jwt) {
        status = sign_jwt(kj, key_path, cred, argv[optind]);
        goto out;
    }
    if (json_object_get(kj, "kty")) {
        mc_cli_fail(&mc_cmd_sign, "key %s is a JWK, which signs only --format jwt", key_path);
        goto out;
    }
    if (mc_key_from_json(kj, &key, &e)) {
        mc_cli_fail(&mc_cmd_sign, "key %s: %s", key_path, e.msg);
        goto out;
    }
    if (!key.has_secret) {
        mc_cli_fail(&mc_cmd_sign, "key %s has no secretKeyMultibase to sign with", key_path);
        goto out;
    }
    di = mc_di_new(NULL);
    if (mc_di_sign(di, cred, &key, &po, &signed_doc, &e)) {
        mc_cli_fail(&mc_cmd_sign, "%s: %s%s%s", argv[optind], e.msg, e.where[0] ? " at " : "",
                    e.where);
        goto out;
    }
    struct mc_buf out;
    mc_buf_init(&out, 64u << 20);
    mc_json_dump(signed_doc, JSON_INDENT(2), &out);
    printf("%s\n", out.data);
    mc_buf_free(&out);
    status = MC_EXIT_OK;
out:
    json_decref(signed_doc);
    mc_di_free(di);
    mc_key_free(&key);
    json_decref(kj);
    json_decref(cred);
    return status;
}

const struct mc_cmd mc_cmd_sign = {
    .name = "sign",
    .summary = "sign a credential (Data Integrity proof, eddsa-rdfc-2022)",
    .usage =
            "usage: mcred sign --key KEY.json [--cryptosuite eddsa-rdfc-2022|eddsa-jcs-2022]\n"
            "                  [--created RFC3339] [--format jsonld|jwt] CREDENTIAL.json\n"
            "\n"
            "Prints CREDENTIAL.json (or standard input, -) with a DataIntegrityProof added,\n"
            "signed with the Ed25519 key in KEY.json (from mcred keygen). The proof's\n"
            "verificationMethod is the key's id, its purpose assertionMethod.\n"
            "\n"
            "  --key KEY.json     the Multikey with its secretKeyMultibase\n"
            "  --cryptosuite S    eddsa-rdfc-2022 (default: RDF canonicalization, what Open\n"
            "                     Badges 3.0 requires) or eddsa-jcs-2022 (JSON canonicalization)\n"
            "  --created TIME     the proof's created date-time (default: now)\n"
            "  --format FORMAT    jsonld (default): the credential with an embedded proof;\n"
            "                     jwt: a VC-JWT (compact JWS) signed with EdDSA by a Multikey, or\n"
            "                     with RS256, ES256 or EdDSA by a JWK key file (its kid names the\n"
            "                     verification method)\n",
    .run = run,
};
