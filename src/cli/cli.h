/* SPDX-License-Identifier: Apache-2.0 */
/* The mcred command's subcommands: one file each, one descriptor each, one registry table. */
#ifndef MC_CLI_CLI_H
#define MC_CLI_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "app/issue.h"
#include "crypto/seal.h"

/* Exit codes of every subcommand. */
enum {
    MC_EXIT_OK = 0,
    MC_EXIT_FAIL = 1,  /* the command ran and failed: the message says why */
    MC_EXIT_USAGE = 2, /* the command line was wrong */
};

/* The database every command opens unless given --db. */
#define MC_CLI_DEFAULT_DB "./mcred.db"

/*
 * A subcommand. `run` gets the arguments from the subcommand's name on (argv[0] is the name)
 * and returns an exit code. `usage` is the full text `mcred help NAME` prints.
 */
struct mc_cmd {
    const char *name;
    const char *summary; /* one line for the command list */
    const char *usage;
    int (*run)(int argc, char **argv);
};

/* The registry (commands.c): every subcommand, in the order `mcred help` lists them, ending with
 * NULL. Adding a command is one new cmd-<name>.c and one line there. */
extern const struct mc_cmd *const mc_cli_commands[];
/* The command called `name`, or NULL. */
const struct mc_cmd *mc_cli_find(const char *name);

extern const struct mc_cmd mc_cmd_init;
extern const struct mc_cmd mc_cmd_demo;
extern const struct mc_cmd mc_cmd_serve;
extern const struct mc_cmd mc_cmd_user;
extern const struct mc_cmd mc_cmd_org;
extern const struct mc_cmd mc_cmd_token;
extern const struct mc_cmd mc_cmd_rdf;
extern const struct mc_cmd mc_cmd_keygen;
extern const struct mc_cmd mc_cmd_key;
extern const struct mc_cmd mc_cmd_sign;
extern const struct mc_cmd mc_cmd_verify;
extern const struct mc_cmd mc_cmd_issue;
extern const struct mc_cmd mc_cmd_plan;
extern const struct mc_cmd mc_cmd_record;
extern const struct mc_cmd mc_cmd_role;
extern const struct mc_cmd mc_cmd_revoke;
extern const struct mc_cmd mc_cmd_suspend;
extern const struct mc_cmd mc_cmd_unsuspend;
extern const struct mc_cmd mc_cmd_status_list;
extern const struct mc_cmd mc_cmd_bake;
extern const struct mc_cmd mc_cmd_extract;
extern const struct mc_cmd mc_cmd_version;
extern const struct mc_cmd mc_cmd_help;

/*
 * The JSON-LD subcommands of `mcred rdf` (cmd-rdf-jsonld.c): argv[0] is the subcommand's name
 * ("from-jsonld", "canon-jsonld"); they return an exit code and report errors as `mcred rdf`.
 */
int mc_cli_rdf_from_jsonld(int argc, char **argv);
int mc_cli_rdf_canon_jsonld(int argc, char **argv);

/*
 * Options every command takes: --db PATH and -h/--help. mc_cli_getopt wraps getopt_long with
 * those added to `longopts` (which may be NULL): it returns the next option like getopt_long,
 * handles --db itself (into *db) and returns 'h' for help; on an unknown option or a missing
 * argument it prints what was wrong and returns '?'. Call mc_cli_getopt_reset() first.
 */
struct mc_cli_common {
    const char *db;
};
void mc_cli_getopt_reset(struct mc_cli_common *c);
int mc_cli_getopt(const struct mc_cmd *cmd, int argc, char **argv, const struct option *longopts,
                  struct mc_cli_common *c);

/* Print the usage of `cmd` to stdout (for --help). */
void mc_cli_print_usage(const struct mc_cmd *cmd);
/* Print "mcred NAME: MESSAGE" and the hint to see `mcred help NAME` to stderr; returns
 * MC_EXIT_USAGE. */
int mc_cli_usage_error(const struct mc_cmd *cmd, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* Read all of `path` ("-" is standard input, at most `max` bytes) for `cmd`; on failure print why
 * and return MC_EXIT_FAIL. The caller frees *text (NUL-terminated). */
int mc_cli_read_input(const struct mc_cmd *cmd, const char *path, size_t max, char **text,
                      size_t *len);

/*
 * --batch: a JSON Lines file ("-" is standard input) read one non-empty line at a time, each item
 * timed from mc_cli_batch_next to mc_cli_batch_done for the median of the summary.
 */
struct mc_cli_batch {
    const struct mc_cmd *cmd;
    const char *path;
    FILE *in;
    char *line;
    size_t cap;
    size_t lineno; /* of the current item */
    size_t item;   /* non-empty lines so far, the current one included */
    uint64_t start, t0;
    uint64_t *times;
    size_t ntimes, tcap;
};
struct mc_cli_batch_summary {
    double seconds, median_ms;
    long peak_rss_mb;
};
/* Open the file; false (with the reason printed) when it cannot be opened. */
bool mc_cli_batch_open(struct mc_cli_batch *b, const struct mc_cmd *cmd, const char *path);
/* The next non-empty line, without its line end; false at the end of the file. */
bool mc_cli_batch_next(struct mc_cli_batch *b, const char **text, size_t *len);
/* The current item is done: its time counts toward the median. */
void mc_cli_batch_done(struct mc_cli_batch *b);
/* Close and fill the summary; false (with the reason printed) when reading failed. */
bool mc_cli_batch_close(struct mc_cli_batch *b, struct mc_cli_batch_summary *s);

/*
 * The master key that seals the issuers' signing keys of database `db` (crypto/seal.h): from
 * `path` (--master-key) when given, else $MCRED_MASTER_KEY, $MCRED_MASTER_KEY_FILE, or the file
 * DB.master-key beside the database. With `create`, when there is none, a new DB.master-key is
 * written (mode 0600) and said so on stderr. Returns an exit code; on failure the reason is
 * printed.
 */
int mc_cli_master_key(const struct mc_cmd *cmd, const char *db, const char *path, bool create,
                      struct mc_master_key *mk);
/* "DB.master-key" (heap). */
char *mc_cli_master_key_default_path(const char *db);

/* The public URL a database issues under until it is given one. */
#define MC_CLI_DEFAULT_PUBLIC_URL "http://127.0.0.1:8080"

/*
 * What issuing from the command line needs (issuer-env.c): the store at `db` (which must exist),
 * the master key (as mc_cli_master_key, created when missing), the database's public URL (the
 * stored one; `public_url` when none is stored yet, then stored; a different `public_url` than
 * the stored one is refused) and a signer. Returns an exit code, printing why on failure.
 */
struct mc_cli_issuer {
    struct mc_store *store;
    struct mc_master_key master_key;
    char *public_url;
    struct mc_di *di;
    struct mc_issuer_env env;
};
int mc_cli_issuer_open(const struct mc_cmd *cmd, const char *db, const char *master_key_path,
                       const char *public_url, struct mc_cli_issuer *out);
void mc_cli_issuer_close(struct mc_cli_issuer *c);

/* Print "mcred NAME: MESSAGE" to stderr and return MC_EXIT_FAIL. */
int mc_cli_fail(const struct mc_cmd *cmd, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

#endif
