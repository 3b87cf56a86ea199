/* SPDX-License-Identifier: Apache-2.0 */
/* mcred help [COMMAND]: the command list, or one command's usage. */
#include <stdio.h>

#include "cli/cli.h"

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_help, argc, argv, NULL, &c);
        if (opt == -1)
            break;
        if (opt == 'h') {
            mc_cli_print_usage(&mc_cmd_help);
            return MC_EXIT_OK;
        }
        return MC_EXIT_USAGE;
    }
    if (argc - optind > 1)
        return mc_cli_usage_error(&mc_cmd_help, "give at most one command name");
    if (optind < argc) {
        const struct mc_cmd *cmd = mc_cli_find(argv[optind]);
        if (!cmd)
            return mc_cli_usage_error(&mc_cmd_help, "unknown command '%s'", argv[optind]);
        mc_cli_print_usage(cmd);
        return MC_EXIT_OK;
    }
    printf("Microcred: micro-credentials as signed, verifiable Open Badges 3.0.\n\n"
           "usage: mcred COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; mc_cli_commands[i]; i++)
        printf("  %-12s %s\n", mc_cli_commands[i]->name, mc_cli_commands[i]->summary);
    printf("\nEvery command takes --db PATH (default %s) and --help.\n"
           "Run 'mcred help COMMAND' for a command's options.\n",
           MC_CLI_DEFAULT_DB);
    return MC_EXIT_OK;
}

const struct mc_cmd mc_cmd_help = {
    .name = "help",
    .summary = "list the commands, or show how to use one",
    .usage = "usage: mcred help [COMMAND]\n"
             "\n"
             "Without COMMAND, lists the commands; with it, prints that command's usage\n"
             "(the same as 'mcred COMMAND --help').\n",
    .run = run,
};
