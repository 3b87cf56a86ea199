/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mcred token: API tokens that let programs act as a user with a chosen set of scopes — create
 * (the token is printed once and never again), list, revoke.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "base/alloc.h"
#include "base/json.h"
#include "base/time.h"
#include "cli/cli.h"

enum {
    OPT_EMAIL = 0x100,
    OPT_NAME,
    OPT_SCOPES,
    OPT_ORG,
    OPT_EXPIRES_DAYS,
    OPT_JSON,
};

static const struct option options[] = {
    { "email", required_argument, NULL, OPT_EMAIL },
    { "name", required_argument, NULL, OPT_NAME },
    { "scopes", required_argument, NULL, OPT_SCOPES },
    { "org", required_argument, NULL, OPT_ORG },
    { "expires-days", required_argument, NULL, OPT_EXPIRES_DAYS },
    { "json", no_argument, NULL, OPT_JSON },
    { NULL, 0, NULL, 0 },
};

struct args {
    struct mc_cli_common c;
    const char *email, *name, *scopes, *org, *expires_days;
    bool json;
    const char *operand;
};

static int fail_err(const struct mc_err *e)
{
    if (e->where[0])
        return mc_cli_fail(&mc_cmd_token, "%s (at %s)", e->msg, e->where);
    return mc_cli_fail(&mc_cmd_token, "%s", e->msg);
}

static int cmd_create(const struct args *a)
{
    if (!a->email)
        return mc_cli_usage_error(&mc_cmd_token, "create needs --email ADDRESS (whose token)");
    if (!a->name)
        return mc_cli_usage_error(&mc_cmd_token, "create needs --name NAME (what it is for)");
    if (!a->scopes)
        return mc_cli_usage_error(&mc_cmd_token, "create needs --scopes \"SCOPE ...\"");
    int64_t days = 0;
    struct mc_err e;
    mc_err_clear(&e);
    if (a->expires_days &&
        mc_str_to_i64(mc_str_z(a->expires_days), 1, 3650, &days, "--expires-days", &e))
        return mc_cli_usage_error(&mc_cmd_token, "%s", e.msg);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_store *s = NULL;
    struct mc_user u;
    struct mc_org org = { 0 };
    int rc = MC_EXIT_OK;
    if (mc_store_open(a->c.db, 0, &s, &e) ||
        mc_store_user_get_by_email(s, a->email, arena, &u, &e) ||
        (a->org && mc_store_org_get(s, a->org, arena, &org, &e)))
        rc = fail_err(&e);
    char token[MC_AUTH_TOKEN_SIZE];
    struct mc_api_token row;
    int64_t now = mc_time_now();
    if (!rc && mc_auth_token_create(s, 0, u.id, a->name, a->scopes, org.id,
                                    days ? now + days * 24 * 3600 : 0, now, arena, token, &row, &e))
        rc = fail_err(&e);
    if (!rc) {
        /* The token alone on stdout, so a script can capture it; the rest for people. */
        printf("%s\n", token);
        fflush(stdout);
        fprintf(stderr,
                "mcred token: created API token %s (\"%s\") for %s%s%s with scopes: %s\n"
                "mcred token: it is shown only this once; store it now. Send it as "
                "'Authorization: Bearer TOKEN'.\n",
                row.prefix, row.name, u.email, a->org ? " in " : "", a->org ? org.slug : "",
                row.scopes);
        sodium_memzero(token, sizeof token);
    }
    mc_store_close(s);
    mc_arena_free(arena);
    return rc;
}

static const char *token_state(const struct mc_api_token *t, int64_t now)
{
    if (t->revoked_at)
        return "revoked";
    if (t->expires_at && t->expires_at <= now)
        return "expired";
    return "active";
}

static void print_time(const char *label, int64_t t)
{
    char buf[MC_TIME_RFC3339_SIZE];
    if (!t) {
        printf("  %-9s never\n", label);
        return;
    }
    mc_time_format_rfc3339(t, buf);
    printf("  %-9s %s\n", label, buf);
}

static int cmd_list(const struct args *a)
{
    if (!a->email)
        return mc_cli_usage_error(&mc_cmd_token, "list needs --email ADDRESS");
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_store *s = NULL;
    struct mc_user u;
    struct mc_api_token *list = NULL;
    size_t n = 0;
    struct mc_err e;
    mc_err_clear(&e);
    int rc = MC_EXIT_OK;
    if (mc_store_open(a->c.db, MC_STORE_READONLY, &s, &e) ||
        mc_store_user_get_by_email(s, a->email, arena, &u, &e) ||
        mc_store_api_token_list(s, u.id, arena, &list, &n, &e))
        rc = fail_err(&e);
    int64_t now = mc_time_now();
    if (!rc && a->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            const struct mc_api_token *t = &list[i];
            json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:I}", "prefix", t->prefix, "name", t->name,
                                  "state", token_state(t, now), "scopes", t->scopes, "created_at",
                                  (json_int_t)t->created_at);
            if (t->org_slug)
                json_object_set_new(o, "org", json_string(t->org_slug));
            if (t->expires_at)
                json_object_set_new(o, "expires_at", json_integer(t->expires_at));
            if (t->last_used_at)
                json_object_set_new(o, "last_used_at", json_integer(t->last_used_at));
            if (t->revoked_at)
                json_object_set_new(o, "revoked_at", json_integer(t->revoked_at));
            json_array_append_new(arr, o);
        }
        struct mc_buf out;
        mc_buf_init(&out, 1 << 24);
        mc_json_dump(arr, JSON_INDENT(2), &out);
        printf("%s\n", out.data);
        mc_buf_free(&out);
        json_decref(arr);
    } else if (!rc) {
        if (!n)
            printf("%s has no API tokens; 'mcred token create --email %s ...' makes one\n", u.email,
                   u.email);
        for (size_t i = 0; i < n; i++) {
            const struct mc_api_token *t = &list[i];
            printf("%s %s \"%s\"%s%s\n", t->prefix, token_state(t, now), t->name,
                   t->org_slug ? " in " : "", t->org_slug ? t->org_slug : "");
            printf("  scopes    %s\n", t->scopes);
            print_time("created", t->created_at);
            if (t->expires_at)
                print_time("expires", t->expires_at);
            print_time("last used", t->last_used_at);
            if (t->revoked_at)
                print_time("revoked", t->revoked_at);
        }
    }
    mc_store_close(s);
    mc_arena_free(arena);
    return rc;
}

static int cmd_revoke(const struct args *a)
{
    if (!a->operand)
        return mc_cli_usage_error(&mc_cmd_token, "revoke needs the token's PREFIX (mct_...)");
    struct mc_store *s = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    int rc = MC_EXIT_OK;
    if (mc_store_open(a->c.db, 0, &s, &e) ||
        mc_auth_token_revoke(s, 0, a->operand, mc_time_now(), &e))
        rc = fail_err(&e);
    else
        printf("revoked API token %s; requests with it are refused from now on\n", a->operand);
    mc_store_close(s);
    return rc;
}

static int run(int argc, char **argv)
{
    struct args a = { 0 };
    mc_cli_getopt_reset(&a.c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_token, argc, argv, options, &a.c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_token); return MC_EXIT_OK;
        case OPT_EMAIL: a.email = optarg; break;
        case OPT_NAME: a.name = optarg; break;
        case OPT_SCOPES: a.scopes = optarg; break;
        case OPT_ORG: a.org = optarg; break;
        case OPT_EXPIRES_DAYS: a.expires_days = optarg; break;
        case OPT_JSON: a.json = true; break;
        default: return MC_EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return mc_cli_usage_error(&mc_cmd_token, "say what to do: create, list or revoke");
    const char *verb = argv[optind++];
    if (optind < argc)
        a.operand = argv[optind++];
    if (optind < argc)
        return mc_cli_usage_error(&mc_cmd_token, "unexpected argument '%s'", argv[optind]);
    if (a.operand && strcmp(verb, "revoke") != 0)
        return mc_cli_usage_error(&mc_cmd_token, "unexpected argument '%s'", a.operand);
    if (strcmp(verb, "create") == 0)
        return cmd_create(&a);
    if (strcmp(verb, "list") == 0)
        return cmd_list(&a);
    if (strcmp(verb, "revoke") == 0)
        return cmd_revoke(&a);
    return mc_cli_usage_error(&mc_cmd_token, "unknown token command '%s'", verb);
}

const struct mc_cmd mc_cmd_token = {
    .name = "token",
    .summary = "API tokens for programs: create (shown once), list, revoke",
    .usage = "usage: mcred token create --email ADDRESS --name NAME --scopes \"SCOPE ...\"\n"
             "                          [--org SLUG] [--expires-days N] [--db PATH]\n"
             "       mcred token list --email ADDRESS [--json] [--db PATH]\n"
             "       mcred token revoke PREFIX [--db PATH]\n"
             "\n"
             "A token lets a program act as the user, limited to its scopes (and, with --org,\n"
             "to one organisation, where the user must hold a role). Programs send it as\n"
             "'Authorization: Bearer TOKEN'. Only its SHA-256 is stored: create prints it on\n"
             "standard output once, and it cannot be shown again. list and revoke name tokens\n"
             "by their prefix, the first 12 characters (mct_xxxxxxxx).\n"
             "\n"
             "Scopes: credentials:read credentials:issue credentials:revoke catalog:write\n"
             "        learners:read assessments:grade profile:read profile:write org:manage\n"
             "        and the Open Badges 3.0 API's\n"
             "        https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly\n"
             "        https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert\n"
             "        https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.readonly\n"
             "        https://purl.imsglobal.org/spec/ob/v3p0/scope/profile.update\n"
             "\n"
             "  --expires-days N  the token stops working after N days (1..3650); without it,\n"
             "                    it works until revoked.\n",
    .run = run,
};
