/* SPDX-License-Identifier: Apache-2.0 */
/* The mcred command: finds the subcommand in the registry and runs it. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "mcred: no command given; run 'mcred help' for the list\n");
        return MC_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
        name = "help";
    if (strcmp(name, "--version") == 0)
        name = "version";
    const struct mc_cmd *cmd = mc_cli_find(name);
    if (!cmd) {
        fprintf(stderr, "mcred: unknown command '%s'; run 'mcred help' for the list\n", name);
        return MC_EXIT_USAGE;
    }
    return cmd->run(argc - 1, argv + 1);
}
