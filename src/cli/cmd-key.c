/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mcred key: the issuers' signing keys in the database — rotate (create), list, revoke, the
 * controller document — and the master key that seals them (new-master-key, reseal).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/issuer-keys.h"
#include "base/alloc.h"
#include "base/hex.h"
#include "base/json.h"
#include "base/time.h"
#include "cli/cli.h"

enum {
    OPT_ORG = 0x100,
    OPT_MASTER,
    OPT_NEW_MASTER,
    OPT_SEED,
    OPT_REASON,
    OPT_URL,
    OPT_JSON,
};

static const struct option options[] = {
    { "org", required_argument, NULL, OPT_ORG },
    { "master-key", required_argument, NULL, OPT_MASTER },
    { "new-master-key", required_argument, NULL, OPT_NEW_MASTER },
    { "seed", required_argument, NULL, OPT_SEED },
    { "reason", required_argument, NULL, OPT_REASON },
    { "issuer-url", required_argument, NULL, OPT_URL },
    { "json", no_argument, NULL, OPT_JSON },
    { NULL, 0, NULL, 0 },
};

struct args {
    struct mc_cli_common c;
    const char *org, *master, *new_master, *seed_hex, *reason, *url;
    bool json;
    const char *verb;
    const char *operand; /* the key id of revoke, the file of new-master-key */
};

static int fail_err(const struct mc_err *e)
{
    if (e->where[0])
        return mc_cli_fail(&mc_cmd_key, "%s (at %s)", e->msg, e->where);
    return mc_cli_fail(&mc_cmd_key, "%s", e->msg);
}

/* Open the database (it must exist) and look up --org. */
static int open_org(const struct args *a, struct mc_store **s, struct mc_arena *arena,
                    struct mc_org *org)
{
    if (!a->org)
        return mc_cli_usage_error(&mc_cmd_key, "%s needs --org SLUG", a->verb);
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_store_open(a->c.db, 0, s, &e))
        return fail_err(&e);
    if (mc_store_org_get(*s, a->org, arena, org, &e)) {
        mc_store_close(*s);
        *s = NULL;
        return fail_err(&e);
    }
    return MC_EXIT_OK;
}

static const char *key_state(const struct mc_signing_key *k)
{
    return k->revoked_at ? "revoked" : k->retired_at ? "retired" : "signing";
}

static void print_time(const char *label, int64_t t)
{
    char buf[MC_TIME_RFC3339_SIZE];
    mc_time_format_rfc3339(t, buf);
    printf("  %s %s\n", label, buf);
}

static int cmd_rotate(const struct args *a)
{
    uint8_t seed[MC_ED25519_SEED_LEN];
    if (a->seed_hex) {
        struct mc_buf b;
        mc_buf_init(&b, 64);
        struct mc_err e;
        mc_err_clear(&e);
        if (mc_hex_decode(&b, a->seed_hex, strlen(a->seed_hex), &e) || b.len != sizeof seed) {
            mc_buf_free(&b);
            return mc_cli_usage_error(&mc_cmd_key, "--seed is 64 hex digits (32 bytes)");
        }
        memcpy(seed, b.data, sizeof seed);
        mc_buf_free(&b);
    }
    struct mc_store *s = NULL;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_org org;
    int rc = open_org(a, &s, arena, &org);
    struct mc_master_key mk;
    if (!rc)
        rc = mc_cli_master_key(&mc_cmd_key, a->c.db, a->master, true, &mk);
    if (!rc) {
        struct mc_err e;
        mc_err_clear(&e);
        struct mc_signing_key k;
        if (mc_issuer_key_rotate(s, &mk, org.id, a->seed_hex ? seed : NULL, arena, &k, &e))
            rc = fail_err(&e);
        else
            printf("%s: new signing key %s (sealed under master key %s)\n", org.slug, k.key_id,
                   mk.id_hex);
        mc_master_key_wipe(&mk);
    }
    mc_store_close(s);
    mc_arena_free(arena);
    return rc;
}

static int cmd_list(const struct args *a)
{
    struct mc_store *s = NULL;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_org org;
    int rc = open_org(a, &s, arena, &org);
    struct mc_signing_key *keys = NULL;
    size_t n = 0;
    struct mc_err e;
    mc_err_clear(&e);
    if (!rc && mc_store_signing_key_list(s, org.id, arena, &keys, &n, &e))
        rc = fail_err(&e);
    if (!rc && a->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_pack("{s:s, s:s, s:s, s:I}", "key_id", keys[i].key_id, "algorithm",
                                  keys[i].algorithm, "state", key_state(&keys[i]), "created_at",
                                  (json_int_t)keys[i].created_at);
            if (keys[i].retired_at)
                json_object_set_new(o, "retired_at", json_integer(keys[i].retired_at));
            if (keys[i].revoked_at) {
                json_object_set_new(o, "revoked_at", json_integer(keys[i].revoked_at));
                json_object_set_new(o, "revoked_reason", json_string(keys[i].revoked_reason));
            }
            json_array_append_new(arr, o);
        }
        struct mc_buf out;
        mc_buf_init(&out, 1 << 20);
        mc_json_dump(arr, JSON_INDENT(2), &out);
        printf("%s\n", out.data);
        mc_buf_free(&out);
        json_decref(arr);
    } else if (!rc) {
        if (!n)
            printf("%s has no signing keys; 'mcred key rotate --org %s' creates one\n", org.slug,
                   org.slug);
        for (size_t i = 0; i < n; i++) {
            printf("%s %s %s\n", keys[i].key_id, keys[i].algorithm, key_state(&keys[i]));
            print_time("created", keys[i].created_at);
            if (keys[i].retired_at && !keys[i].revoked_at)
                print_time("retired", keys[i].retired_at);
            if (keys[i].revoked_at) {
                print_time("revoked", keys[i].revoked_at);
                printf("  reason  %s\n", keys[i].revoked_reason);
            }
        }
    }
    mc_store_close(s);
    mc_arena_free(arena);
    return rc;
}

static int cmd_revoke(const struct args *a)
{
    if (!a->operand)
        return mc_cli_usage_error(&mc_cmd_key, "revoke needs the KEY_ID to revoke");
    if (!a->reason || !*a->reason)
        return mc_cli_usage_error(&mc_cmd_key, "revoke needs --reason TEXT (it is recorded)");
    struct mc_store *s = NULL;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_org org;
    int rc = open_org(a, &s, arena, &org);
    struct mc_err e;
    mc_err_clear(&e);
    if (!rc && mc_issuer_key_revoke(s, org.id, a->operand, a->reason, &e))
        rc = fail_err(&e);
    if (!rc)
        printf("%s: revoked signing key %s; credentials it signed no longer verify\n", org.slug,
               a->operand);
    mc_store_close(s);
    mc_arena_free(arena);
    return rc;
}

static int cmd_controller(const struct args *a)
{
    if (!a->url)
        return mc_cli_usage_error(&mc_cmd_key, "controller needs --issuer-url URL");
    struct mc_store *s = NULL;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_org org;
    int rc = open_org(a, &s, arena, &org);
    struct mc_signing_key *keys = NULL;
    size_t n = 0;
    struct mc_err e;
    mc_err_clear(&e);
    if (!rc && mc_store_signing_key_list(s, org.id, arena, &keys, &n, &e))
        rc = fail_err(&e);
    if (!rc) {
        json_t *doc = mc_issuer_controller_document(a->url, keys, n);
        struct mc_buf out;
        mc_buf_init(&out, 1 << 20);
        mc_json_dump(doc, JSON_INDENT(2), &out);
        printf("%s\n", out.data);
        mc_buf_free(&out);
        json_decref(doc);
    }
    mc_store_close(s);
    mc_arena_free(arena);
    return rc;
}

static int cmd_new_master_key(const struct args *a)
{
    if (!a->operand)
        return mc_cli_usage_error(&mc_cmd_key, "new-master-key needs the FILE to write");
    struct mc_master_key mk;
    mc_master_key_generate(&mk);
    struct mc_err e;
    mc_err_clear(&e);
    enum mc_rc r = mc_master_key_write_file(a->operand, &mk, &e);
    mc_master_key_wipe(&mk);
    if (r)
        return fail_err(&e);
    printf("wrote a new master key to %s (mode 0600)\n", a->operand);
    return MC_EXIT_OK;
}

static int cmd_reseal(const struct args *a)
{
    if (!a->new_master)
        return mc_cli_usage_error(&mc_cmd_key, "reseal needs --new-master-key FILE");
    struct mc_master_key old_mk, new_mk;
    int rc = mc_cli_master_key(&mc_cmd_key, a->c.db, a->master, false, &old_mk);
    if (rc)
        return rc;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_master_key_read_file(a->new_master, &new_mk, &e)) {
        mc_master_key_wipe(&old_mk);
        return fail_err(&e);
    }
    struct mc_store *s = NULL;
    size_t count = 0;
    if (mc_store_open(a->c.db, 0, &s, &e) || mc_issuer_keys_reseal(s, &old_mk, &new_mk, &count, &e))
        rc = fail_err(&e);
    else
        printf("resealed %zu signing key%s from master key %s to %s; use the new master key from "
               "now on\n",
               count, count == 1 ? "" : "s", old_mk.id_hex, new_mk.id_hex);
    mc_store_close(s);
    mc_master_key_wipe(&old_mk);
    mc_master_key_wipe(&new_mk);
    return rc;
}

static int run(int argc, char **argv)
{
    struct args a = { 0 };
    mc_cli_getopt_reset(&a.c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_key, argc, argv, options, &a.c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_key); return MC_EXIT_OK;
        case OPT_ORG: a.org = optarg; break;
        case OPT_MASTER: a.master = optarg; break;
        case OPT_NEW_MASTER: a.new_master = optarg; break;
        case OPT_SEED: a.seed_hex = optarg; break;
        case OPT_REASON: a.reason = optarg; break;
        case OPT_URL: a.url = optarg; break;
        case OPT_JSON: a.json = true; break;
        default: return MC_EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return mc_cli_usage_error(&mc_cmd_key, "say what to do: rotate, list, revoke, controller, "
                                               "new-master-key or reseal");
    a.verb = argv[optind++];
    if (optind < argc)
        a.operand = argv[optind++];
    if (optind < argc)
        return mc_cli_usage_error(&mc_cmd_key, "unexpected argument '%s'", argv[optind]);
    static const struct {
        const char *name;
        int (*fn)(const struct args *);
        bool operand;
    } verbs[] = {
        { "rotate", cmd_rotate, false },
        { "list", cmd_list, false },
        { "revoke", cmd_revoke, true },
        { "controller", cmd_controller, false },
        { "new-master-key", cmd_new_master_key, true },
        { "reseal", cmd_reseal, false },
    };
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        if (strcmp(verbs[i].name, a.verb) != 0)
            continue;
        if (a.operand && !verbs[i].operand)
            return mc_cli_usage_error(&mc_cmd_key, "unexpected argument '%s'", a.operand);
        return verbs[i].fn(&a);
    }
    return mc_cli_usage_error(&mc_cmd_key, "unknown key command '%s'", a.verb);
}

const struct mc_cmd mc_cmd_key = {
    .name = "key",
    .summary = "issuers' signing keys: rotate, list, revoke; the master key that seals them",
    .usage = "usage: mcred key rotate --org SLUG [--master-key FILE] [--seed HEX] [--db PATH]\n"
             "       mcred key list --org SLUG [--json] [--db PATH]\n"
             "       mcred key revoke KEY_ID --org SLUG --reason TEXT [--db PATH]\n"
             "       mcred key controller --org SLUG --issuer-url URL [--db PATH]\n"
             "       mcred key new-master-key FILE\n"
             "       mcred key reseal --new-master-key FILE [--master-key FILE] [--db PATH]\n"
             "\n"
             "An issuing organisation signs with one Ed25519 key at a time. Its secret is stored\n"
             "sealed (XSalsa20-Poly1305) under the master key, which is kept outside the\n"
             "database: --master-key FILE, else $MCRED_MASTER_KEY (64 hex digits), else\n"
             "$MCRED_MASTER_KEY_FILE, else PATH.master-key beside the database. The file must\n"
             "be readable by its owner only.\n"
             "\n"
             "  rotate          create a new signing key; the one that signed until now is\n"
             "                  retired: it signs nothing new but stays in the issuer's\n"
             "                  controller document, so what it signed still verifies. The\n"
             "                  first rotate creates PATH.master-key if there is no master key.\n"
             "                  --seed makes the key from 32 bytes of hex (for tests only).\n"
             "  list            the organisation's keys, newest first, each signing, retired or\n"
             "                  revoked.\n"
             "  revoke          a compromised key: it is left out of the controller document,\n"
             "                  so credentials it signed stop verifying. The reason goes to the\n"
             "                  audit log. Rotate first so the issuer can still sign.\n"
             "  controller      print the controller document verifiers fetch from the issuer's\n"
             "                  URL: every key that is not revoked, under assertionMethod.\n"
             "  new-master-key  write a new random master key to FILE (mode 0600; an existing\n"
             "                  file is never overwritten).\n"
             "  reseal          seal every signing key under the master key in FILE instead, in\n"
             "                  one transaction; an interrupted run can be repeated.\n",
    .run = run,
};
