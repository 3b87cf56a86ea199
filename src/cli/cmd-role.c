/* SPDX-License-Identifier: Apache-2.0 */
/* mcred role add: a job role with the skills (and levels) it requires, for employers' matching
 * and for learning paths (mcred plan --role). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "cli/cli.h"

enum { OPT_TITLE = 0x100, OPT_SKILLS, OPT_ORG, OPT_DESCRIPTION };

static const struct option options[] = {
    { "title", required_argument, NULL, OPT_TITLE },
    { "skills", required_argument, NULL, OPT_SKILLS },
    { "org", required_argument, NULL, OPT_ORG },
    { "description", required_argument, NULL, OPT_DESCRIPTION },
    { NULL, 0, NULL, 0 },
};

#define MAX_SKILLS 100

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    const char *title = NULL, *skills = NULL, *org_slug = NULL, *description = NULL;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_role, argc, argv, options, &c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_role); return MC_EXIT_OK;
        case OPT_TITLE: title = optarg; break;
        case OPT_SKILLS: skills = optarg; break;
        case OPT_ORG: org_slug = optarg; break;
        case OPT_DESCRIPTION: description = optarg; break;
        default: return MC_EXIT_USAGE;
        }
    }
    if (optind + 2 != argc || strcmp(argv[optind], "add") != 0)
        return mc_cli_usage_error(&mc_cmd_role,
                                  "usage: mcred role add SLUG --title ... --skills ...");
    if (!title || !skills)
        return mc_cli_usage_error(&mc_cmd_role,
                                  "add needs --title TEXT and --skills a,b:LEVEL,...");
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_store *s = NULL;
    if (mc_store_open(c.db, 0, &s, &e))
        return mc_cli_fail(&mc_cmd_role, "%s", e.msg);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_job_role_skill list[MAX_SKILLS];
    size_t n = 0;
    int status = MC_EXIT_OK;
    char *copy = mc_xstrdup(skills), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok && !status; tok = strtok_r(NULL, ",", &save)) {
        char *colon = strchr(tok, ':');
        int64_t level = 1;
        if (colon) {
            *colon = '\0';
            if (mc_str_to_i64(mc_str_z(colon + 1), 1, 5, &level, "level", NULL)) {
                status = mc_cli_usage_error(&mc_cmd_role, "skill %s: a level is 1 to 5", tok);
                break;
            }
        }
        struct mc_skill k;
        if (n == MAX_SKILLS)
            status = mc_cli_usage_error(&mc_cmd_role, "at most %d skills", MAX_SKILLS);
        else if (mc_store_skill_get(s, tok, arena, &k, &e))
            status = mc_cli_fail(&mc_cmd_role, "%s", e.msg);
        else
            list[n++] = (struct mc_job_role_skill){ .skill_id = k.id, .level = (int)level };
    }
    struct mc_job_role role = {
        .slug = argv[optind + 1],
        .title = title,
        .description = description,
        .skills = list,
        .n_skills = n,
    };
    if (!status && org_slug) {
        struct mc_org org;
        if (mc_store_org_get(s, org_slug, arena, &org, &e))
            status = mc_cli_fail(&mc_cmd_role, "%s", e.msg);
        else
            role.org_id = org.id;
    }
    if (!status && !n)
        status = mc_cli_usage_error(&mc_cmd_role, "a role needs at least one skill");
    if (!status && mc_store_job_role_put(s, &role, &e))
        status = mc_cli_fail(&mc_cmd_role, "%s", e.msg);
    if (!status)
        printf("job role %s: %s, %zu skill%s\n", role.slug, role.title, n, n == 1 ? "" : "s");
    free(copy);
    mc_arena_free(arena);
    mc_store_close(s);
    return status;
}

const struct mc_cmd mc_cmd_role = {
    .name = "role",
    .summary = "job roles and the skills they require (for matching and learning paths)",
    .usage = "usage: mcred role add SLUG --title TEXT --skills SKILL[:LEVEL],...\n"
             "                  [--description TEXT] [--org SLUG] [--db PATH]\n"
             "\n"
             "Adds a job role: the skills it requires, each with a level from 1 to 5 (1 when\n"
             "not given), optionally an employer's own (--org). Employers match learners to it\n"
             "(GET /api/v1/talent/match), and 'mcred plan --role SLUG' plans the way to it.\n",
    .run = run,
};
