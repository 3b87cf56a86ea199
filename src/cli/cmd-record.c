/* SPDX-License-Identifier: Apache-2.0 */
/* mcred record: a learner's record exported as a signed CLR 2.0 credential. */
#include <stdio.h>
#include <string.h>

#include "app/records.h"
#include "base/arena.h"
#include "base/json.h"
#include "cli/cli.h"

enum { OPT_EMAIL = 0x100, OPT_ISSUER, OPT_MASTER };

static const struct option options[] = {
    { "email", required_argument, NULL, OPT_EMAIL },
    { "issuer", required_argument, NULL, OPT_ISSUER },
    { "master-key", required_argument, NULL, OPT_MASTER },
    { NULL, 0, NULL, 0 },
};

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    const char *email = NULL, *issuer = NULL, *master = NULL;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_record, argc, argv, options, &c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_record); return MC_EXIT_OK;
        case OPT_EMAIL: email = optarg; break;
        case OPT_ISSUER: issuer = optarg; break;
        case OPT_MASTER: master = optarg; break;
        default: return MC_EXIT_USAGE;
        }
    }
    if (optind >= argc || strcmp(argv[optind], "export") != 0)
        return mc_cli_usage_error(&mc_cmd_record, "say what to do: export");
    if (optind + 1 < argc)
        return mc_cli_usage_error(&mc_cmd_record, "unexpected argument '%s'", argv[optind + 1]);
    if (!email || !issuer)
        return mc_cli_usage_error(&mc_cmd_record, "export needs --email ADDRESS and --issuer SLUG");
    struct mc_cli_issuer is;
    int status = mc_cli_issuer_open(&mc_cmd_record, c.db, master, NULL, &is);
    if (status)
        return status;
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_user u;
    struct mc_org org;
    json_t *clr = NULL;
    if (mc_store_user_get_by_email(is.store, email, arena, &u, &e) ||
        mc_store_org_get(is.store, issuer, arena, &org, &e) ||
        mc_records_export_clr(&is.env, u.id, org.id, &clr, &e)) {
        status = mc_cli_fail(&mc_cmd_record, "%s", e.msg);
    } else {
        struct mc_buf out;
        mc_buf_init(&out, 1 << 26);
        mc_json_dump(clr, JSON_INDENT(2), &out);
        printf("%s\n", out.data);
        mc_buf_free(&out);
    }
    json_decref(clr);
    mc_arena_free(arena);
    mc_cli_issuer_close(&is);
    return status;
}

const struct mc_cmd mc_cmd_record = {
    .name = "record",
    .summary = "export a learner's record as a signed CLR 2.0 credential",
    .usage = "usage: mcred record export --email ADDRESS --issuer SLUG [--db PATH]\n"
             "                           [--master-key FILE]\n"
             "\n"
             "Prints the learner's record as a ClrCredential (CLR 2.0) signed by the\n"
             "organisation SLUG (it needs a signing key: 'mcred key rotate'). It holds every\n"
             "active credential issued to the learner's account, verbatim with its own proof,\n"
             "and an isPartOf association from each achievement to the program achievement it\n"
             "counts toward (a program's courses and parts, a stack's rule), where the learner\n"
             "holds both.\n",
    .run = run,
};
