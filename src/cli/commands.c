/* SPDX-License-Identifier: Apache-2.0 */
/* The registry of subcommands and the option handling they share. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/file.h"
#include "cli/cli.h"

const struct mc_cmd *const mc_cli_commands[] = {
    &mc_cmd_init,    &mc_cmd_demo,      &mc_cmd_serve,       &mc_cmd_user, &mc_cmd_token,
    &mc_cmd_org,     &mc_cmd_key,       &mc_cmd_keygen,      &mc_cmd_sign, &mc_cmd_verify,
    &mc_cmd_issue,   &mc_cmd_plan,      &mc_cmd_record,      &mc_cmd_role, &mc_cmd_revoke,
    &mc_cmd_suspend, &mc_cmd_unsuspend, &mc_cmd_status_list, &mc_cmd_bake, &mc_cmd_extract,
    &mc_cmd_rdf,     &mc_cmd_version,   &mc_cmd_help,        NULL,
};

const struct mc_cmd *mc_cli_find(const char *name)
{
    for (size_t i = 0; mc_cli_commands[i]; i++)
        if (strcmp(mc_cli_commands[i]->name, name) == 0)
            return mc_cli_commands[i];
    return NULL;
}

void mc_cli_print_usage(const struct mc_cmd *cmd)
{
    fputs(cmd->usage, stdout);
}

int mc_cli_usage_error(const struct mc_cmd *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "mcred %s: ", cmd->name);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nrun 'mcred help %s' for usage\n", cmd->name);
    va_end(ap);
    return MC_EXIT_USAGE;
}

int mc_cli_fail(const struct mc_cmd *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "mcred %s: ", cmd->name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return MC_EXIT_FAIL;
}

void mc_cli_getopt_reset(struct mc_cli_common *c)
{
    c->db = MC_CLI_DEFAULT_DB;
    optind = 0; /* 0 makes glibc reinitialise, as a fresh process would */
    opterr = 0; /* we print our own messages */
}

/* The long options of a command plus the common ones; built per call, freed at the end of the
 * parse. Commands have few options, so a fixed bound is plenty. */
#define MAX_OPTS 32
#define OPT_DB   0x1000

int mc_cli_getopt(const struct mc_cmd *cmd, int argc, char **argv, const struct option *longopts,
                  struct mc_cli_common *c)
{
    struct option all[MAX_OPTS + 3];
    size_t n = 0;
    char shortopts[2 * MAX_OPTS + 4] = ":h";
    size_t sl = 2;
    for (; longopts && longopts[n].name && n < MAX_OPTS; n++) {
        all[n] = longopts[n];
        if (!longopts[n].flag && longopts[n].val > 0 && longopts[n].val < 128) {
            shortopts[sl++] = (char)longopts[n].val;
            if (longopts[n].has_arg == required_argument)
                shortopts[sl++] = ':';
        }
    }
    shortopts[sl] = '\0';
    all[n++] = (struct option){ "db", required_argument, NULL, OPT_DB };
    all[n++] = (struct option){ "help", no_argument, NULL, 'h' };
    all[n] = (struct option){ NULL, 0, NULL, 0 };

    for (;;) {
        int prev = optind ? optind : 1;
        int opt = getopt_long(argc, argv, shortopts, all, NULL);
        if (opt == OPT_DB) {
            if (!optarg[0]) {
                mc_cli_usage_error(cmd, "--db needs a path, not an empty string");
                return '?';
            }
            c->db = optarg;
            continue;
        }
        if (opt == ':') {
            mc_cli_usage_error(cmd, "option '%s' needs a value",
                               argv[prev < argc ? prev : argc - 1]);
            return '?';
        }
        if (opt == '?') {
            const char *bad = prev < argc ? argv[prev] : "?";
            if (optopt && optopt < 128 && !strchr(bad, '='))
                mc_cli_usage_error(cmd, "unknown option '-%c'", optopt);
            else
                mc_cli_usage_error(cmd, "unknown option '%s'", bad);
            return '?';
        }
        return opt;
    }
}

int mc_cli_read_input(const struct mc_cmd *cmd, const char *path, size_t max, char **text,
                      size_t *len)
{
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_file_read(path, max, text, len, &e))
        return mc_cli_fail(cmd, "%s", e.msg);
    return MC_EXIT_OK;
}
