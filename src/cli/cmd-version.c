/* SPDX-License-Identifier: Apache-2.0 */
/* mcred version: this build's version and those of the libraries it runs on. */
#include <jansson.h>
#include <microhttpd.h>
#include <sqlite3.h>
#include <stdio.h>

#include "cli/cli.h"
#include "mcred/version.h"
#include "store/store.h"

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_version, argc, argv, NULL, &c);
        if (opt == -1)
            break;
        if (opt == 'h') {
            mc_cli_print_usage(&mc_cmd_version);
            return MC_EXIT_OK;
        }
        return MC_EXIT_USAGE;
    }
    if (optind < argc)
        return mc_cli_usage_error(&mc_cmd_version, "unexpected argument '%s'", argv[optind]);
    printf("mcred %s\n", mc_version());
    printf("schema version %d\n", mc_store_schema_latest());
    printf("sqlite %s, jansson %s, libmicrohttpd %s\n", sqlite3_libversion(), jansson_version_str(),
           MHD_get_version());
    return MC_EXIT_OK;
}

const struct mc_cmd mc_cmd_version = {
    .name = "version",
    .summary = "print the version of mcred and its libraries",
    .usage = "usage: mcred version\n"
             "\n"
             "Prints the version of mcred, the database schema version it creates, and the\n"
             "versions of SQLite, jansson and libmicrohttpd it runs on.\n",
    .run = run,
};
