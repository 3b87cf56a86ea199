/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mcred revoke | suspend | unsuspend ID --reason TEXT: change an issued credential's status. The
 * bit in its status list flips and the signed list is republished in the same transaction as the
 * status and the audit entry, so verifiers see the change as soon as it is committed.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

enum { OPT_REASON = 0x100, OPT_MASTER, OPT_URL };

static const struct option options[] = {
    { "reason", required_argument, NULL, OPT_REASON },
    { "master-key", required_argument, NULL, OPT_MASTER },
    { "public-url", required_argument, NULL, OPT_URL },
    { NULL, 0, NULL, 0 },
};

/* Accept the credential's id as issued ("urn:uuid:..."), its bare UUID, or its page URL. */
static const char *credential_id(const char *arg, char *buf, size_t size)
{
    const char *slash = strrchr(arg, '/');
    if (strncmp(arg, "urn:uuid:", 9) == 0)
        return arg;
    const char *uuid = slash && strstr(arg, "/credentials/") ? slash + 1 : arg;
    snprintf(buf, size, "urn:uuid:%.*s", (int)strcspn(uuid, "?#."), uuid);
    return buf;
}

static int run_change(const struct mc_cmd *cmd, enum mc_status_change change, int argc, char **argv)
{
    struct mc_cli_common c;
    const char *reason = NULL, *master = NULL, *url = NULL;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(cmd, argc, argv, options, &c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(cmd); return MC_EXIT_OK;
        case OPT_REASON: reason = optarg; break;
        case OPT_MASTER: master = optarg; break;
        case OPT_URL: url = optarg; break;
        default: return MC_EXIT_USAGE;
        }
    }
    if (optind != argc - 1)
        return mc_cli_usage_error(cmd, "give one credential id");
    if (!reason || !*reason)
        return mc_cli_usage_error(cmd, "--reason TEXT is required (it goes to the audit log)");
    char buf[128];
    const char *id = credential_id(argv[optind], buf, sizeof buf);
    struct mc_cli_issuer is;
    int status = mc_cli_issuer_open(cmd, c.db, master, url, &is);
    if (status)
        return status;
    struct mc_err e;
    mc_err_clear(&e);
    enum mc_rc rc = mc_store_begin(is.store, &e);
    if (!rc)
        rc = mc_issue_set_status_tx(&is.env, id, change, reason, 0, &e);
    if (!rc)
        rc = mc_store_commit(is.store, &e);
    if (rc) {
        mc_store_rollback(is.store);
        status = mc_cli_fail(cmd, "%s", e.msg);
    } else {
        printf("%s: %s (%s)\n", id,
               change == MC_CRED_REVOKE    ? "revoked"
               : change == MC_CRED_SUSPEND ? "suspended"
                                           : "active again",
               reason);
    }
    mc_cli_issuer_close(&is);
    return status;
}

static int run_revoke(int argc, char **argv)
{
    return run_change(&mc_cmd_revoke, MC_CRED_REVOKE, argc, argv);
}

static int run_suspend(int argc, char **argv)
{
    return run_change(&mc_cmd_suspend, MC_CRED_SUSPEND, argc, argv);
}

static int run_unsuspend(int argc, char **argv)
{
    return run_change(&mc_cmd_unsuspend, MC_CRED_UNSUSPEND, argc, argv);
}

#define COMMON_USAGE                                                                         \
    "ID is the credential's id (urn:uuid:...), its UUID or its page URL. The reason is\n"    \
    "recorded with the credential and in the audit log. The status list bit flips and the\n" \
    "signed list is republished in the same transaction, so verifiers see the change at\n"   \
    "once. --master-key FILE as for 'mcred key'.\n"

const struct mc_cmd mc_cmd_revoke = {
    .name = "revoke",
    .summary = "revoke an issued credential (permanent)",
    .usage = "usage: mcred revoke ID --reason TEXT [--db PATH] [--master-key FILE]\n"
             "\n"
             "Revokes the credential for good: verifiers report it revoked from now "
             "on.\n" COMMON_USAGE,
    .run = run_revoke,
};

const struct mc_cmd mc_cmd_suspend = {
    .name = "suspend",
    .summary = "suspend an issued credential until it is unsuspended",
    .usage = "usage: mcred suspend ID --reason TEXT [--db PATH] [--master-key FILE]\n"
             "\n"
             "Suspends the credential: verifiers report it suspended until 'mcred "
             "unsuspend'.\n" COMMON_USAGE,
    .run = run_suspend,
};

const struct mc_cmd mc_cmd_unsuspend = {
    .name = "unsuspend",
    .summary = "lift a credential's suspension",
    .usage = "usage: mcred unsuspend ID --reason TEXT [--db PATH] [--master-key FILE]\n"
             "\n"
             "Lifts a suspension: the credential verifies again.\n" COMMON_USAGE,
    .run = run_unsuspend,
};
