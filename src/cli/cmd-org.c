/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mcred org: the operator's view of organisations. `trust` sets the trust registry's flags that
 * issuer pages and verification reports show: verified (the operator checked the organisation
 * is who it says) and accredited (a recognised quality-assurance body accredits it).
 */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "cli/cli.h"

enum {
    OPT_VERIFIED = 0x100,
    OPT_ACCREDITED,
};

static const struct option options[] = {
    { "verified", required_argument, NULL, OPT_VERIFIED },
    { "accredited", required_argument, NULL, OPT_ACCREDITED },
    { NULL, 0, NULL, 0 },
};

/* "yes" or "no" into *v (1 or 0); -1 for anything else. */
static int yes_no(const char *s)
{
    if (strcmp(s, "yes") == 0)
        return 1;
    if (strcmp(s, "no") == 0)
        return 0;
    return -1;
}

static int trust(const char *db, const char *slug, int verified, int accredited)
{
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_store *s = NULL;
    struct mc_arena *a = mc_arena_new(0);
    struct mc_org org;
    int status = MC_EXIT_OK;
    enum mc_rc rc = mc_store_open(db, 0, &s, &e);
    if (!rc)
        rc = mc_store_org_get(s, slug, a, &org, &e);
    if (!rc) {
        bool v = verified < 0 ? org.verified : verified == 1;
        bool acc = accredited < 0 ? org.accredited : accredited == 1;
        char detail[64];
        snprintf(detail, sizeof detail, "{\"verified\":%s,\"accredited\":%s}", v ? "true" : "false",
                 acc ? "true" : "false");
        struct mc_audit_entry entry = { .org_id = org.id,
                                        .action = "org.trust",
                                        .target_type = "organisation",
                                        .target_id = org.slug,
                                        .detail_json = detail };
        rc = mc_store_begin(s, &e);
        if (!rc)
            rc = mc_store_org_set_trust(s, org.id, v, acc, &e);
        if (!rc)
            rc = mc_store_audit_append(s, &entry, &e);
        if (!rc)
            rc = mc_store_commit(s, &e);
        if (rc)
            mc_store_rollback(s);
        else
            printf("%s: verified %s, accredited %s\n", org.slug, v ? "yes" : "no",
                   acc ? "yes" : "no");
    }
    if (rc)
        status = mc_cli_fail(&mc_cmd_org, "%s", e.msg);
    mc_store_close(s);
    mc_arena_free(a);
    return status;
}

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    int verified = -1, accredited = -1;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_org, argc, argv, options, &c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_org); return MC_EXIT_OK;
        case OPT_VERIFIED:
            verified = yes_no(optarg);
            if (verified < 0)
                return mc_cli_usage_error(&mc_cmd_org, "--verified is yes or no, not '%s'", optarg);
            break;
        case OPT_ACCREDITED:
            accredited = yes_no(optarg);
            if (accredited < 0)
                return mc_cli_usage_error(&mc_cmd_org, "--accredited is yes or no, not '%s'",
                                          optarg);
            break;
        default: return MC_EXIT_USAGE;
        }
    }
    if (optind >= argc)
        return mc_cli_usage_error(&mc_cmd_org, "say what to do: trust SLUG");
    const char *verb = argv[optind++];
    if (strcmp(verb, "trust") != 0)
        return mc_cli_usage_error(&mc_cmd_org, "unknown org command '%s'", verb);
    if (optind >= argc)
        return mc_cli_usage_error(&mc_cmd_org, "trust needs the organisation's SLUG");
    const char *slug = argv[optind++];
    if (optind < argc)
        return mc_cli_usage_error(&mc_cmd_org, "unexpected argument '%s'", argv[optind]);
    if (verified < 0 && accredited < 0)
        return mc_cli_usage_error(&mc_cmd_org, "give --verified yes|no, --accredited yes|no, "
                                               "or both");
    return trust(c.db, slug, verified, accredited);
}

const struct mc_cmd mc_cmd_org = {
    .name = "org",
    .summary = "organisations: set the trust registry's verified and accredited flags",
    .usage = "usage: mcred org trust SLUG [--verified yes|no] [--accredited yes|no] [--db PATH]\n"
             "\n"
             "  trust   set an organisation's trust flags, shown on its issuer page and in\n"
             "          verification reports: --verified (the operator checked it is who it\n"
             "          says) and --accredited (a recognised quality-assurance body accredits\n"
             "          it). A flag not given keeps its value. Audited as org.trust.\n"
             "          The API's POST /api/v1/organisations/SLUG/trust does the same for\n"
             "          platform administrators.\n",
    .run = run,
};
