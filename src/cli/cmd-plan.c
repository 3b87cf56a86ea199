/* SPDX-License-Identifier: Apache-2.0 */
/* mcred plan: the programs that teach what a learner is missing, cheapest or quickest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/plan.h"
#include "base/alloc.h"
#include "base/json.h"
#include "cli/cli.h"

enum { OPT_LEARNER = 0x100, OPT_SKILLS, OPT_ROLE, OPT_BY, OPT_JSON, OPT_LIMIT };

static const struct option options[] = {
    { "learner", required_argument, NULL, OPT_LEARNER },
    { "skills", required_argument, NULL, OPT_SKILLS },
    { "role", required_argument, NULL, OPT_ROLE },
    { "by", required_argument, NULL, OPT_BY },
    { "json", no_argument, NULL, OPT_JSON },
    { "time-limit", required_argument, NULL, OPT_LIMIT },
    { NULL, 0, NULL, 0 },
};

#define MAX_SKILLS 500

static void money(int64_t cents, char *buf, size_t size)
{
    snprintf(buf, size, "$%lld", (long long)((cents + 50) / 100));
}

static void print_plan(const json_t *p)
{
    const char *status = json_string_value(json_object_get(p, "status"));
    const json_t *steps = json_object_get(p, "steps");
    if (strcmp(status, "impossible") == 0) {
        printf("No plan: %s\n", json_string_value(json_object_get(p, "reason")));
        return;
    }
    if (strcmp(status, "nothing-missing") == 0) {
        printf("Nothing to learn: the learner holds every skill of the target.\n");
        return;
    }
    printf("The %s plan, %zu program%s:\n\n",
           strcmp(json_string_value(json_object_get(p, "by")), "time") == 0 ? "quickest"
                                                                            : "cheapest",
           json_array_size(steps), json_array_size(steps) == 1 ? "" : "s");
    size_t i;
    const json_t *st;
    json_array_foreach (steps, i, st) {
        char cost[32];
        money(json_integer_value(json_object_get(st, "cost_cents")), cost, sizeof cost);
        printf("%2zu. %s (%s)\n    %s, %lld hours; teaches", i + 1,
               json_string_value(json_object_get(st, "title")),
               json_string_value(json_object_get(st, "program")), cost,
               (long long)json_integer_value(json_object_get(st, "hours")));
        size_t k;
        const json_t *sk;
        json_array_foreach (json_object_get(st, "teaches"), k, sk)
            printf("%s %s", k ? "," : "", json_string_value(sk));
        printf("\n");
    }
    const json_t *total = json_object_get(p, "total");
    char cost[32], deg[32];
    money(json_integer_value(json_object_get(total, "cost_cents")), cost, sizeof cost);
    const json_t *d = json_object_get(p, "degree");
    money(json_integer_value(json_object_get(d, "cost_cents")), deg, sizeof deg);
    printf("\nTotal: %s and %lld hours of study.\n", cost,
           (long long)json_integer_value(json_object_get(total, "hours")));
    printf("A master's degree: %s and %lld weeks full time", deg,
           (long long)json_integer_value(json_object_get(d, "weeks")));
    if (json_object_get(d, "cheaper"))
        printf(" (this plan costs %.1fx less", json_real_value(json_object_get(d, "cheaper")));
    if (json_object_get(d, "quicker"))
        printf("%s %.1fx less time", json_object_get(d, "cheaper") ? " and takes" : " (it takes",
               json_real_value(json_object_get(d, "quicker")));
    printf("%s.\n", json_object_get(d, "cheaper") || json_object_get(d, "quicker") ? ")" : "");
    if (!json_is_true(json_object_get(p, "optimal")))
        printf("Not proven the best: %s\n", json_string_value(json_object_get(p, "reason")));
}

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    const char *learner = NULL, *skills = NULL, *role = NULL, *by = "cost";
    bool as_json = false;
    int64_t limit = 0;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_plan, argc, argv, options, &c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_plan); return MC_EXIT_OK;
        case OPT_LEARNER: learner = optarg; break;
        case OPT_SKILLS: skills = optarg; break;
        case OPT_ROLE: role = optarg; break;
        case OPT_BY: by = optarg; break;
        case OPT_JSON: as_json = true; break;
        case OPT_LIMIT:
            if (mc_str_to_i64(mc_str_z(optarg), 1, 600000, &limit, "--time-limit", NULL))
                return mc_cli_usage_error(&mc_cmd_plan, "--time-limit is 1..600000 ms");
            break;
        default: return MC_EXIT_USAGE;
        }
    }
    if (optind < argc)
        return mc_cli_usage_error(&mc_cmd_plan, "unexpected argument '%s'", argv[optind]);
    if (!skills == !role)
        return mc_cli_usage_error(&mc_cmd_plan, "give --skills a,b,c or --role SLUG");
    if (strcmp(by, "cost") != 0 && strcmp(by, "time") != 0)
        return mc_cli_usage_error(&mc_cmd_plan, "--by is cost or time, not '%s'", by);

    const char *list[MAX_SKILLS];
    size_t n = 0;
    char *copy = skills ? mc_xstrdup(skills) : NULL;
    char *save = NULL;
    for (char *tok = copy ? strtok_r(copy, ",", &save) : NULL; tok;
         tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        if (!*tok)
            continue;
        if (n == MAX_SKILLS) {
            free(copy);
            return mc_cli_usage_error(&mc_cmd_plan, "at most %d skills", MAX_SKILLS);
        }
        list[n++] = tok;
    }
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_store *s = NULL;
    int status = MC_EXIT_OK;
    if (mc_store_open(c.db, 0, &s, &e)) {
        free(copy);
        return mc_cli_fail(&mc_cmd_plan, "%s", e.msg);
    }
    struct mc_plan_request req = {
        .skill_slugs = list,
        .n_skills = n,
        .role_slug = role,
        .by = strcmp(by, "time") == 0 ? MC_PLANNER_TIME : MC_PLANNER_COST,
        .time_limit_ms = limit,
    };
    struct mc_arena *arena = mc_arena_new(0);
    if (learner) {
        int64_t id = 0;
        struct mc_user u;
        if (!mc_str_to_i64(mc_str_z(learner), 1, INT64_MAX, &id, "--learner", NULL)) {
            req.learner_user_id = id;
        } else if (!mc_store_user_get_by_email(s, learner, arena, &u, &e)) {
            req.learner_user_id = u.id;
        } else {
            status = mc_cli_fail(&mc_cmd_plan, "%s", e.msg);
        }
    }
    json_t *plan = NULL;
    if (!status && mc_app_plan(s, &req, &plan, &e))
        status = e.where[0] ? mc_cli_fail(&mc_cmd_plan, "%s (%s)", e.msg, e.where)
                            : mc_cli_fail(&mc_cmd_plan, "%s", e.msg);
    if (plan && as_json) {
        struct mc_buf out;
        mc_buf_init(&out, 1 << 24);
        mc_json_dump(plan, JSON_INDENT(2), &out);
        printf("%s\n", out.data);
        mc_buf_free(&out);
    } else if (plan) {
        print_plan(plan);
    }
    if (plan && strcmp(json_string_value(json_object_get(plan, "status")), "impossible") == 0)
        status = MC_EXIT_FAIL;
    json_decref(plan);
    mc_arena_free(arena);
    mc_store_close(s);
    free(copy);
    return status;
}

const struct mc_cmd mc_cmd_plan = {
    .name = "plan",
    .summary = "the programs that teach a learner's missing skills, cheapest or quickest",
    .usage = "usage: mcred plan (--skills SLUG,SLUG... | --role SLUG) [--learner EMAIL|ID]\n"
             "                  [--by cost|time] [--time-limit MS] [--json] [--db PATH]\n"
             "\n"
             "Recommends the published programs that together teach every skill of the target\n"
             "the learner does not hold yet (the skills of their active credentials count as\n"
             "held), at the least total cost (--by cost, the default) or the least total hours\n"
             "of study (--by time), the other breaking ties. The search is exact: the plan is\n"
             "proven optimal unless the time limit (default 2,000 ms) stops the proof, which\n"
             "the answer then says. It is set beside a master's degree's cost and duration.\n"
             "A skill no published program teaches makes the target impossible: the answer\n"
             "names it and the exit status is 1.\n",
    .run = run,
};
