/* SPDX-License-Identifier: Apache-2.0 */
/* mcred demo: load the demo catalog into the database. */
#include <stdio.h>

#include "app/demo.h"
#include "base/embed.h"
#include "cli/cli.h"
#include "store/store.h"

static const struct option options[] = {
    { "from", required_argument, NULL, 'f' },
    { NULL, 0, NULL, 0 },
};

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    const char *from = NULL;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_demo, argc, argv, options, &c);
        if (opt == -1)
            break;
        if (opt == 'h') {
            mc_cli_print_usage(&mc_cmd_demo);
            return MC_EXIT_OK;
        }
        if (opt == 'f') {
            from = optarg;
            continue;
        }
        return MC_EXIT_USAGE;
    }
    if (optind < argc)
        return mc_cli_usage_error(&mc_cmd_demo, "unexpected argument '%s'", argv[optind]);

    struct mc_err e;
    mc_err_clear(&e);
    struct mc_store *s = NULL;
    int status = MC_EXIT_FAIL;
    enum mc_rc rc = mc_store_open(c.db, MC_STORE_CREATE, &s, &e);
    if (rc) {
        mc_cli_fail(&mc_cmd_demo, "%s", e.msg);
        goto out;
    }
    bool loaded = false;
    rc = mc_app_demo_is_loaded(s, &loaded, &e);
    if (rc) {
        mc_cli_fail(&mc_cmd_demo, "%s", e.msg);
        goto out;
    }
    if (loaded) {
        printf("%s already has the demo data; nothing loaded\n", c.db);
        status = MC_EXIT_OK;
        goto out;
    }
    struct mc_demo_stats st = { 0 };
    if (from)
        rc = mc_app_demo_load_dir(s, from, &st, &e);
    else
        rc = mc_app_demo_load(s, &mc_embed_demo, &st, &e);
    if (rc) {
        /* The loader's message starts with the file and JSON pointer already. */
        mc_cli_fail(&mc_cmd_demo, "%s", e.msg);
        goto out;
    }
    printf("Loaded the demo catalog into %s: %zu organisations, %zu skills, %zu achievements, "
           "%zu programs, %zu courses, %zu assessments (all marked as demo data)\n",
           c.db, st.orgs, st.skills, st.achievements, st.programs, st.courses, st.assessments);
    status = MC_EXIT_OK;
out:
    mc_store_close(s);
    return status;
}

const struct mc_cmd mc_cmd_demo = {
    .name = "demo",
    .summary = "load the demo catalog (providers, programs, courses, assessments, skills)",
    .usage = "usage: mcred demo [--db PATH] [--from DIR]\n"
             "\n"
             "Loads the demo catalog into the database at PATH (default " MC_CLI_DEFAULT_DB "),\n"
             "creating it if needed: the providers, programs, courses, assessments and skills\n"
             "that the documents describing micro-credentials name, all marked as demo data.\n"
             "Everything is loaded in one transaction; if the demo data is already there,\n"
             "nothing changes.\n"
             "\n"
             "  --from DIR   load the JSON files in DIR instead of the built-in demo data\n"
             "               (same format; see docs/demo-data.md)\n",
    .run = run,
};
