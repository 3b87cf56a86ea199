/* SPDX-License-Identifier: Apache-2.0 */
/* mcred role add, mcred role list: job roles with the skills (and levels) they require, for
 * employers' matching and for learning paths (mcred plan --role). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/job-roles.h"
#include "base/alloc.h"
#include "base/arena.h"
#include "base/json.h"
#include "cli/cli.h"

enum { OPT_TITLE = 0x100, OPT_SKILLS, OPT_ORG, OPT_DESCRIPTION, OPT_JSON };

static const struct option options[] = {
    { "title", required_argument, NULL, OPT_TITLE },
    { "skills", required_argument, NULL, OPT_SKILLS },
    { "org", required_argument, NULL, OPT_ORG },
    { "description", required_argument, NULL, OPT_DESCRIPTION },
    { "json", no_argument, NULL, OPT_JSON },
    { NULL, 0, NULL, 0 },
};

#define MAX_SKILLS MC_JOB_ROLE_SKILLS_MAX

struct args {
    struct mc_cli_common c;
    const char *title, *skills, *org_slug, *description;
    bool json;
};

/* mcred role list: every role by title, its skills as SLUG:LEVEL (what --skills takes). */
static int cmd_list(const struct args *a)
{
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_store *s = NULL;
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_job_role *roles = NULL;
    size_t n = 0;
    int status = MC_EXIT_OK;
    if (mc_store_open(a->c.db, MC_STORE_READONLY, &s, &e) ||
        mc_store_job_role_list(s, arena, &roles, &n, &e))
        status = mc_cli_fail(&mc_cmd_role, "%s", e.msg);
    if (!status && a->json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, mc_job_role_json(&roles[i]));
        struct mc_buf out;
        mc_buf_init(&out, 1 << 26);
        if (mc_json_dump(arr, JSON_INDENT(2), &out))
            status = mc_cli_fail(&mc_cmd_role, "the list of job roles is too large to print");
        else
            printf("%s\n", out.data);
        mc_buf_free(&out);
        json_decref(arr);
    } else if (!status) {
        if (!n)
            printf("no job roles; 'mcred role add SLUG --title TEXT --skills a,b:LEVEL' adds "
                   "one\n");
        for (size_t i = 0; i < n; i++) {
            const struct mc_job_role *r = &roles[i];
            printf("%s \"%s\"%s%s%s\n", r->slug, r->title, r->org_slug ? " of " : "",
                   r->org_slug ? r->org_slug : "", r->is_demo ? " (demo)" : "");
            printf("  skills ");
            for (size_t k = 0; k < r->n_skills; k++)
                printf("%s%s:%d", k ? "," : "", r->skills[k].skill_slug, r->skills[k].level);
            printf("\n");
        }
    }
    mc_store_close(s);
    mc_arena_free(arena);
    return status;
}

/* mcred role add SLUG: the role with its skills (each SLUG[:LEVEL]). */
static int cmd_add(const struct args *a, const char *slug)
{
    const char *title = a->title, *skills = a->skills, *org_slug = a->org_slug,
               *description = a->description;
    if (!title || !skills)
        return mc_cli_usage_error(&mc_cmd_role,
                                  "add needs --title TEXT and --skills a,b:LEVEL,...");
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_store *s = NULL;
    if (mc_store_open(a->c.db, 0, &s, &e))
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
        .slug = slug,
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

static int run(int argc, char **argv)
{
    struct args a = { 0 };
    mc_cli_getopt_reset(&a.c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_role, argc, argv, options, &a.c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_role); return MC_EXIT_OK;
        case OPT_TITLE: a.title = optarg; break;
        case OPT_SKILLS: a.skills = optarg; break;
        case OPT_ORG: a.org_slug = optarg; break;
        case OPT_DESCRIPTION: a.description = optarg; break;
        case OPT_JSON: a.json = true; break;
        default: return MC_EXIT_USAGE;
        }
    }
    const char *sub = optind < argc ? argv[optind] : "";
    if (strcmp(sub, "list") == 0) {
        if (optind + 1 != argc)
            return mc_cli_usage_error(&mc_cmd_role, "unexpected argument '%s'", argv[optind + 1]);
        if (a.title || a.skills || a.org_slug || a.description)
            return mc_cli_usage_error(&mc_cmd_role, "list takes only --json (and --db)");
        return cmd_list(&a);
    }
    if (strcmp(sub, "add") == 0) {
        if (optind + 2 != argc)
            return mc_cli_usage_error(&mc_cmd_role,
                                      "usage: mcred role add SLUG --title ... --skills ...");
        if (a.json)
            return mc_cli_usage_error(&mc_cmd_role, "--json goes with list, not add");
        return cmd_add(&a, argv[optind + 1]);
    }
    if (!*sub)
        return mc_cli_usage_error(&mc_cmd_role, "say what to do: 'mcred role add SLUG ...' or "
                                                "'mcred role list'");
    return mc_cli_usage_error(&mc_cmd_role,
                              "unknown subcommand '%s': use 'mcred role add SLUG ...' or "
                              "'mcred role list'",
                              sub);
}

const struct mc_cmd mc_cmd_role = {
    .name = "role",
    .summary = "job roles and the skills they require (for matching and learning paths)",
    .usage = "usage: mcred role add SLUG --title TEXT --skills SKILL[:LEVEL],...\n"
             "                  [--description TEXT] [--org SLUG] [--db PATH]\n"
             "       mcred role list [--json] [--db PATH]\n"
             "\n"
             "add: a job role, the skills it requires, each with a level from 1 to 5 (1 when\n"
             "not given), optionally an employer's own (--org). Employers match learners to it\n"
             "(GET /api/v1/talent/match), and 'mcred plan --role SLUG' plans the way to it.\n"
             "list: every job role by title with its organisation and its skills as\n"
             "SKILL:LEVEL (as --skills takes them); --json prints them as a JSON array.\n"
             "Organisations define roles through the API too (POST\n"
             "/api/v1/organisations/{slug}/roles); anyone reads them (GET /api/v1/roles).\n",
    .run = run,
};
