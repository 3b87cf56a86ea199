/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mcred user: people's accounts — add one (with a password, platform administration and roles
 * in organisations) and set a new password. Passwords are read from a file or standard input,
 * never from the command line, where `ps` would show them.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "base/alloc.h"
#include "base/time.h"
#include "cli/cli.h"

enum {
    OPT_EMAIL = 0x100,
    OPT_NAME,
    OPT_PASSWORD_FILE,
    OPT_PASSWORD_STDIN,
    OPT_PLATFORM_ADMIN,
    OPT_ORG,
    OPT_ROLE,
    OPT_HANDLE,
    OPT_HEADLINE,
    OPT_PUBLIC,
    OPT_SEARCHABLE,
};

static const struct option options[] = {
    { "email", required_argument, NULL, OPT_EMAIL },
    { "name", required_argument, NULL, OPT_NAME },
    { "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
    { "password-stdin", no_argument, NULL, OPT_PASSWORD_STDIN },
    { "platform-admin", no_argument, NULL, OPT_PLATFORM_ADMIN },
    { "org", required_argument, NULL, OPT_ORG },
    { "role", required_argument, NULL, OPT_ROLE },
    { "handle", required_argument, NULL, OPT_HANDLE },
    { "headline", required_argument, NULL, OPT_HEADLINE },
    { "public", required_argument, NULL, OPT_PUBLIC },
    { "searchable", required_argument, NULL, OPT_SEARCHABLE },
    { NULL, 0, NULL, 0 },
};

#define MAX_ROLES 32

struct args {
    struct mc_cli_common c;
    const char *email, *name, *password_file;
    bool password_stdin, platform_admin;
    const char *orgs[MAX_ROLES], *roles[MAX_ROLES];
    size_t n_orgs, n_roles;
    const char *handle, *headline, *public_opt, *searchable;
};

static int fail_err(const struct mc_err *e)
{
    if (e->where[0])
        return mc_cli_fail(&mc_cmd_user, "%s (at %s)", e->msg, e->where);
    return mc_cli_fail(&mc_cmd_user, "%s", e->msg);
}

/*
 * Read the password from --password-file or standard input into a heap buffer the caller wipes
 * and frees; one line end at the end is not part of it. `*pw` stays NULL when neither was
 * given.
 */
static int read_password(const struct args *a, char **pw, size_t *len, size_t *raw)
{
    *pw = NULL;
    *len = *raw = 0;
    if (!a->password_file && !a->password_stdin)
        return MC_EXIT_OK;
    int rc = mc_cli_read_input(&mc_cmd_user, a->password_stdin ? "-" : a->password_file,
                               MC_PASSWORD_MAX + 2, pw, len);
    if (rc)
        return rc;
    *raw = *len;
    if (*len && (*pw)[*len - 1] == '\n')
        (*len)--;
    if (*len && (*pw)[*len - 1] == '\r')
        (*len)--;
    return MC_EXIT_OK;
}

static void wipe(char *pw, size_t cap)
{
    if (pw) {
        sodium_memzero(pw, cap);
        free(pw);
    }
}

/* Check the policy and hash; on failure print why. */
static int password_hash(const struct args *a, char out[MC_PASSWORD_HASH_SIZE], bool *have)
{
    char *pw = NULL;
    size_t len = 0, raw = 0;
    *have = false;
    int rc = read_password(a, &pw, &len, &raw);
    if (rc || !pw)
        return rc;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_auth_new_password_hash(NULL, pw, len, out, &e))
        rc = mc_cli_fail(&mc_cmd_user, "%s: %s",
                         a->password_stdin ? "standard input" : a->password_file, e.msg);
    else
        *have = true;
    wipe(pw, raw);
    return rc;
}

static enum mc_rc add_in_tx(struct mc_store *s, const struct args *a, struct mc_user *u,
                            const struct mc_org *orgs, const enum mc_role *roles, struct mc_err *e)
{
    enum mc_rc rc = mc_store_user_put(s, u, e);
    json_t *granted = json_array();
    for (size_t i = 0; !rc && i < a->n_orgs; i++) {
        rc = mc_store_membership_add(s, u->id, orgs[i].id, roles[i], e);
        json_array_append_new(granted, json_pack("{s:s, s:s}", "org", orgs[i].slug, "role",
                                                 mc_role_name(roles[i])));
    }
    if (!rc) {
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)u->id);
        json_t *d = json_pack("{s:b, s:b, s:o}", "platform_admin", u->is_platform_admin, "password",
                              u->password_hash != NULL, "roles", granted);
        granted = NULL;
        char *text = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(d);
        struct mc_audit_entry entry = {
            .action = "user.create", .target_type = "user", .target_id = id, .detail_json = text
        };
        rc = mc_store_audit_append(s, &entry, e);
        free(text);
    }
    json_decref(granted);
    return rc;
}

static int cmd_add(const struct args *a)
{
    if (!a->email)
        return mc_cli_usage_error(&mc_cmd_user, "add needs --email ADDRESS");
    if (!a->name)
        return mc_cli_usage_error(&mc_cmd_user, "add needs --name NAME");
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_org orgs[MAX_ROLES];
    enum mc_role roles[MAX_ROLES];
    struct mc_err e;
    mc_err_clear(&e);
    for (size_t i = 0; i < a->n_roles; i++) {
        if (mc_role_parse(mc_str_z(a->roles[i]), &roles[i], &e)) {
            mc_arena_free(arena);
            return mc_cli_usage_error(&mc_cmd_user, "--role %s: %s", a->roles[i], e.msg);
        }
    }
    char hash[MC_PASSWORD_HASH_SIZE];
    bool have_password = false;
    int rc = password_hash(a, hash, &have_password);
    struct mc_store *s = NULL;
    if (!rc && mc_store_open(a->c.db, 0, &s, &e))
        rc = fail_err(&e);
    for (size_t i = 0; !rc && i < a->n_orgs; i++)
        if (mc_store_org_get(s, a->orgs[i], arena, &orgs[i], &e))
            rc = fail_err(&e);
    struct mc_user u = {
        .email = a->email,
        .name = a->name,
        .password_hash = have_password ? hash : NULL,
        .is_platform_admin = a->platform_admin,
    };
    if (!rc && mc_store_begin(s, &e))
        rc = fail_err(&e);
    if (!rc) {
        if (add_in_tx(s, a, &u, orgs, roles, &e) || mc_store_commit(s, &e)) {
            mc_store_rollback(s);
            rc = fail_err(&e);
        }
    }
    if (!rc) {
        printf("added user %s (id %lld)%s%s\n", u.email, (long long)u.id,
               u.is_platform_admin ? ", platform administrator" : "",
               have_password ? "" : ", no password: cannot sign in until one is set");
        for (size_t i = 0; i < a->n_orgs; i++)
            printf("  %s in %s\n", mc_role_name(roles[i]), orgs[i].slug);
    }
    sodium_memzero(hash, sizeof hash);
    mc_store_close(s);
    mc_arena_free(arena);
    return rc;
}

static int cmd_set_password(const struct args *a)
{
    if (!a->email)
        return mc_cli_usage_error(&mc_cmd_user, "set-password needs --email ADDRESS");
    if (!a->password_file && !a->password_stdin)
        return mc_cli_usage_error(&mc_cmd_user,
                                  "set-password needs --password-file FILE or --password-stdin");
    char *pw = NULL;
    size_t len = 0, raw = 0;
    int rc = read_password(a, &pw, &len, &raw);
    if (rc)
        return rc;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_store *s = NULL;
    struct mc_user u;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_store_open(a->c.db, 0, &s, &e) ||
        mc_store_user_get_by_email(s, a->email, arena, &u, &e) ||
        mc_auth_set_password(s, NULL, 0, u.id, pw, len, &e))
        rc = fail_err(&e);
    else
        printf("set a new password for %s; their sessions were signed out\n", u.email);
    wipe(pw, raw);
    mc_store_close(s);
    mc_arena_free(arena);
    return rc;
}

/* mcred user profile: the learner's public profile page, shown only when they opt in. */
static int cmd_profile(const struct args *a)
{
    if (!a->email || !a->handle || !a->public_opt)
        return mc_cli_usage_error(&mc_cmd_user,
                                  "profile needs --email ADDRESS, --handle HANDLE and --public "
                                  "yes|no");
    bool pub = strcmp(a->public_opt, "yes") == 0;
    if (!pub && strcmp(a->public_opt, "no") != 0)
        return mc_cli_usage_error(&mc_cmd_user, "--public is yes or no, not '%s'", a->public_opt);
    bool searchable = a->searchable && strcmp(a->searchable, "yes") == 0;
    if (a->searchable && !searchable && strcmp(a->searchable, "no") != 0)
        return mc_cli_usage_error(&mc_cmd_user, "--searchable is yes or no, not '%s'",
                                  a->searchable);
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_store *s = NULL;
    if (mc_store_open(a->c.db, 0, &s, &e))
        return fail_err(&e);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_user u;
    int status = MC_EXIT_OK;
    if (mc_store_user_get_by_email(s, a->email, arena, &u, &e)) {
        status = fail_err(&e);
    } else {
        struct mc_learner_profile p = {
            .user_id = u.id, .handle = a->handle, .headline = a->headline, .public_profile = pub
        };
        if (mc_store_profile_set(s, &p, &e) ||
            (a->searchable && mc_store_user_set_search_opt_in(s, u.id, searchable, &e)))
            status = fail_err(&e);
        else
            printf("%s: profile /u/%s is %s\n", a->email, a->handle,
                   pub ? "public" : "private (only its owner sees it)");
    }
    mc_arena_free(arena);
    mc_store_close(s);
    return status;
}

static int run(int argc, char **argv)
{
    struct args a = { 0 };
    mc_cli_getopt_reset(&a.c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_user, argc, argv, options, &a.c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_user); return MC_EXIT_OK;
        case OPT_EMAIL: a.email = optarg; break;
        case OPT_NAME: a.name = optarg; break;
        case OPT_PASSWORD_FILE: a.password_file = optarg; break;
        case OPT_PASSWORD_STDIN: a.password_stdin = true; break;
        case OPT_PLATFORM_ADMIN: a.platform_admin = true; break;
        case OPT_ORG:
            if (a.n_orgs == MAX_ROLES)
                return mc_cli_usage_error(&mc_cmd_user, "at most %d --org options", MAX_ROLES);
            a.orgs[a.n_orgs++] = optarg;
            break;
        case OPT_HANDLE: a.handle = optarg; break;
        case OPT_HEADLINE: a.headline = optarg; break;
        case OPT_PUBLIC: a.public_opt = optarg; break;
        case OPT_SEARCHABLE: a.searchable = optarg; break;
        case OPT_ROLE:
            if (a.n_roles == MAX_ROLES)
                return mc_cli_usage_error(&mc_cmd_user, "at most %d --role options", MAX_ROLES);
            a.roles[a.n_roles++] = optarg;
            break;
        default: return MC_EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return mc_cli_usage_error(&mc_cmd_user, "say what to do: add, set-password or profile");
    const char *verb = argv[optind++];
    if (optind < argc)
        return mc_cli_usage_error(&mc_cmd_user, "unexpected argument '%s'%s", argv[optind],
                                  strcmp(verb, "add") == 0 || strcmp(verb, "set-password") == 0
                                          ? " (passwords are read from --password-file or "
                                            "--password-stdin, never from the command line)"
                                          : "");
    if (a.password_file && a.password_stdin)
        return mc_cli_usage_error(&mc_cmd_user,
                                  "give --password-file or --password-stdin, not both");
    if (a.n_orgs != a.n_roles)
        return mc_cli_usage_error(&mc_cmd_user,
                                  "each --org SLUG needs its --role ROLE (%zu --org, %zu --role)",
                                  a.n_orgs, a.n_roles);
    if ((a.handle || a.headline || a.public_opt || a.searchable) && strcmp(verb, "profile") != 0)
        return mc_cli_usage_error(&mc_cmd_user, "--handle, --headline and --public are for "
                                                "'mcred user profile'");
    if (strcmp(verb, "add") == 0)
        return cmd_add(&a);
    if (strcmp(verb, "profile") == 0)
        return cmd_profile(&a);
    if (strcmp(verb, "set-password") == 0) {
        if (a.name || a.platform_admin || a.n_orgs)
            return mc_cli_usage_error(&mc_cmd_user,
                                      "set-password takes only --email and the password");
        return cmd_set_password(&a);
    }
    return mc_cli_usage_error(&mc_cmd_user, "unknown user command '%s'", verb);
}

const struct mc_cmd mc_cmd_user = {
    .name = "user",
    .summary = "people's accounts: add one with roles in organisations, set a password, a profile",
    .usage = "usage: mcred user add --email ADDRESS --name NAME\n"
             "                      [--password-file FILE | --password-stdin]\n"
             "                      [--platform-admin] [--org SLUG --role ROLE]... [--db PATH]\n"
             "       mcred user set-password --email ADDRESS\n"
             "                      (--password-file FILE | --password-stdin) [--db PATH]\n"
             "       mcred user profile --email ADDRESS --handle HANDLE --public yes|no\n"
             "                      [--headline TEXT] [--searchable yes|no] [--db PATH]\n"
             "\n"
             "  add           create an account. The password is read from FILE or standard\n"
             "                input (one line end at the end is dropped); it is never taken\n"
             "                on the command line, where other users could see it. Without\n"
             "                one the account cannot sign in until a password is set. A\n"
             "                password has 10 to 1024 bytes of UTF-8 and is not one character\n"
             "                repeated; it is stored as an argon2id hash.\n"
             "                --platform-admin: the user administers the whole platform.\n"
             "                --org SLUG --role ROLE (repeatable, in pairs): a role in an\n"
             "                organisation: owner, issuer-admin, assessor, learner or employer.\n"
             "                An owner can do all an issuer-admin can, who can do all an\n"
             "                assessor can. Everything is added in one transaction.\n"
             "  set-password  replace the password; every session of the user is signed out.\n"
             "  profile       the learner's public page /u/HANDLE (2 to 40 of a-z, 0-9, '-'),\n"
             "                listing their credentials. It is shown only with --public yes;\n"
             "                otherwise the address answers as if it did not exist.\n"
             "                --searchable yes lets employers find the learner by skill\n"
             "                (GET /api/v1/talent); no learner is found without it.\n",
    .run = run,
};
