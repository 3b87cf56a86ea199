/* SPDX-License-Identifier: Apache-2.0 */
/* mcred init: create the database, or bring its schema up to date. */
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/store.h"

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_init, argc, argv, NULL, &c);
        if (opt == -1)
            break;
        if (opt == 'h') {
            mc_cli_print_usage(&mc_cmd_init);
            return MC_EXIT_OK;
        }
        return MC_EXIT_USAGE;
    }
    if (optind < argc)
        return mc_cli_usage_error(&mc_cmd_init, "unexpected argument '%s'", argv[optind]);

    bool existed = access(c.db, F_OK) == 0;
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_store *s = NULL;
    int version = 0;
    enum mc_rc rc = mc_store_open(c.db, MC_STORE_CREATE, &s, &e);
    if (rc)
        return mc_cli_fail(&mc_cmd_init, "%s", e.msg);
    rc = mc_store_schema_version(s, &version, &e);
    mc_store_close(s);
    if (rc)
        return mc_cli_fail(&mc_cmd_init, "%s", e.msg);
    printf("%s %s (schema version %d)\n", existed ? "Up to date:" : "Created", c.db, version);
    return MC_EXIT_OK;
}

const struct mc_cmd mc_cmd_init = {
    .name = "init",
    .summary = "create the database, or migrate it to this version's schema",
    .usage = "usage: mcred init [--db PATH]\n"
             "\n"
             "Creates the database at PATH (default " MC_CLI_DEFAULT_DB ") with the current\n"
             "schema, or runs the migrations an older database has not had yet. Safe to run\n"
             "again. If the database cannot be created, nothing is left behind.\n",
    .run = run,
};
