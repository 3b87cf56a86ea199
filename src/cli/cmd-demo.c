/* SPDX-License-Identifier: Apache-2.0 */
/* mcred demo: load the demo catalog into the database. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/auth.h"
#include "app/issuer-keys.h"
#include "app/stacking-awards.h"
#include "base/arena.h"

#include "app/demo.h"
#include "base/embed.h"
#include "cli/cli.h"
#include "store/store.h"

static const struct option options[] = {
    { "from", required_argument, NULL, 'f' },
    { "with-credentials", no_argument, NULL, 'w' },
    { NULL, 0, NULL, 0 },
};

/* What --with-credentials awards the demo learner: three achievements of the demo catalog, by
 * three issuers, each with a grade and a piece of evidence. */
static const struct {
    const char *achievement, *result, *evidence;
} demo_awards[] = {
    { "coursera-google-data-analytics", "94", "https://portfolio.example.org/alex/data-capstone" },
    { "ibm-blockchain-essentials", "88", "https://portfolio.example.org/alex/ledger" },
    { "microsoft-azure-fundamentals", "91", "https://portfolio.example.org/alex/azure-lab" },
};

/* A stack the demo learner is on: the IBM MicroBachelors counts three of four data
 * credentials from several providers; the learner holds two of them, so their account page shows
 * a stack two-thirds done (and a third award would issue the MicroBachelors credential). */
static const char demo_stack_program[] = "edx-ibm-microbachelors-programming-data";
static const char demo_stack_rule[] =
        "{\"n-of\": 3, \"of\": [{\"achievement\": \"coursera-ibm-data-science\"}, "
        "{\"achievement\": \"coursera-google-data-analytics\"}, "
        "{\"achievement\": \"ibm-blockchain-essentials\"}, "
        "{\"achievement\": \"edx-harvard-data-science\"}]}";

/* A random password for a demo account, shown once: 20 characters that read unambiguously. */
static void demo_password(char out[21])
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
    for (int i = 0; i < 20; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[20] = '\0';
}

/* A demo account that can sign in (a random password, printed once). */
static enum mc_rc demo_account(struct mc_store *s, struct mc_user *u, char password[21],
                               struct mc_err *e)
{
    char hash[MC_PASSWORD_HASH_SIZE];
    demo_password(password);
    enum mc_rc rc = mc_auth_new_password_hash(NULL, password, strlen(password), hash, e);
    if (rc)
        return rc;
    u->password_hash = hash;
    rc = mc_store_user_put(s, u, e);
    u->password_hash = NULL;
    return rc;
}

/* A demo learner with a public profile and signed credentials to look at, issued by the demo
 * issuers with signing keys made for them (sealed under the database's master key). */
static int add_credentials(const char *db)
{
    struct mc_cli_issuer is;
    int status = mc_cli_issuer_open(&mc_cmd_demo, db, NULL, NULL, &is);
    if (status)
        return status;
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_user alex = { .email = "alex.demo@example.org",
                            .name = "Alex Demo (demo learner)",
                            .search_opt_in = true };
    struct mc_user recruiter = { .email = "recruiter.demo@example.org",
                                 .name = "Riley Recruiter (demo employer at Google)" };
    char alex_pw[21], recruiter_pw[21];
    enum mc_rc rc = demo_account(is.store, &alex, alex_pw, &e);
    if (!rc)
        rc = demo_account(is.store, &recruiter, recruiter_pw, &e);
    struct mc_org google;
    if (!rc)
        rc = mc_store_org_get(is.store, "google", arena, &google, &e);
    if (!rc)
        rc = mc_store_membership_add(is.store, recruiter.id, google.id, MC_ROLE_EMPLOYER, &e);
    if (!rc)
        rc = mc_store_begin(is.store, &e);
    if (!rc) {
        rc = mc_stacking_save_rule_tx(is.store, demo_stack_program, demo_stack_rule,
                                      strlen(demo_stack_rule), false, NULL, &e);
        if (!rc)
            rc = mc_store_commit(is.store, &e);
        if (rc)
            mc_store_rollback(is.store);
    }
    struct mc_learner_profile prof = { .user_id = alex.id,
                                       .handle = "alex-demo",
                                       .headline = "Demo learner: data analysis, blockchain, cloud",
                                       .public_profile = true };
    if (!rc)
        rc = mc_store_profile_set(is.store, &prof, &e);
    char first[64] = "";
    for (size_t i = 0; !rc && i < sizeof demo_awards / sizeof demo_awards[0]; i++) {
        struct mc_achievement a;
        rc = mc_store_achievement_get(is.store, demo_awards[i].achievement, 0, arena, &a, &e);
        if (!rc)
            rc = mc_issuer_key_rotate(is.store, &is.master_key, a.issuer_org_id, NULL, arena, NULL,
                                      &e);
        struct mc_ob3_result result = { demo_awards[i].result, "Completed" };
        struct mc_ob3_evidence ev = { demo_awards[i].evidence, "Capstone project", NULL };
        struct mc_issue_request req = {
            .achievement_id = a.id,
            .recipient_user_id = alex.id,
            .recipient_email = alex.email,
            .recipient_name = alex.name,
            .results = &result,
            .n_results = 1,
            .evidence = &ev,
            .n_evidence = 1,
        };
        struct mc_issue_result res;
        if (!rc)
            rc = mc_store_begin(is.store, &e);
        if (!rc) {
            rc = mc_issue_credential_tx(&is.env, &req, &res, &e);
            if (!rc)
                rc = mc_store_commit(is.store, &e);
            if (rc)
                mc_store_rollback(is.store);
        }
        if (!rc && !first[0])
            snprintf(first, sizeof first, "%s", res.id + 9);
    }
    if (rc) {
        status = mc_cli_fail(&mc_cmd_demo, "demo credentials: %s", e.msg);
    } else {
        printf("Issued %zu demo credentials to %s; see %s/u/alex-demo and "
               "%s/credentials/%s\n",
               sizeof demo_awards / sizeof demo_awards[0], alex.email, is.public_url, is.public_url,
               first);
        printf("Sign in at %s/login (these passwords are shown only now):\n"
               "  the demo learner   %s  %s\n"
               "  the demo employer  %s  %s\n",
               is.public_url, alex.email, alex_pw, recruiter.email, recruiter_pw);
    }
    mc_arena_free(arena);
    mc_cli_issuer_close(&is);
    return status;
}

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    const char *from = NULL;
    bool with_credentials = false;
    bool loaded = false; /* before this run */
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
        if (opt == 'w') {
            with_credentials = true;
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
           "%zu programs, %zu courses, %zu assessments, %zu job roles (all marked as demo "
           "data)\n",
           c.db, st.orgs, st.skills, st.achievements, st.programs, st.courses, st.assessments,
           st.roles);
    status = MC_EXIT_OK;
out:
    mc_store_close(s);
    if (status == MC_EXIT_OK && with_credentials && !loaded)
        status = add_credentials(c.db);
    return status;
}

const struct mc_cmd mc_cmd_demo = {
    .name = "demo",
    .summary = "load the demo catalog (providers, programs, courses, assessments, skills, job "
               "roles)",
    .usage = "usage: mcred demo [--db PATH] [--from DIR] [--with-credentials]\n"
             "\n"
             "Loads the demo catalog into the database at PATH (default " MC_CLI_DEFAULT_DB "),\n"
             "creating it if needed: the providers, programs, courses, assessments and skills\n"
             "that the documents describing micro-credentials name, and job roles built from\n"
             "those skills, all marked as demo data.\n"
             "Everything is loaded in one transaction; if the demo data is already there,\n"
             "nothing changes.\n"
             "\n"
             "  --from DIR   load the JSON files in DIR instead of the built-in demo data\n"
             "               (same format; see docs/demo-data.md)\n"
             "  --with-credentials\n"
             "               also give three demo issuers signing keys (sealed under the master\n"
             "               key, PATH.master-key when there is none) and issue three signed\n"
             "               credentials to a demo learner with a public profile, /u/alex-demo\n",
    .run = run,
};
