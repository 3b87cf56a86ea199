/* SPDX-License-Identifier: Apache-2.0 */
/* Finding the master key that seals the database's secrets, for the commands that need it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/alloc.h"
#include "cli/cli.h"

char *mc_cli_master_key_default_path(const char *db)
{
    return mc_xasprintf("%s.master-key", db);
}

int mc_cli_master_key(const struct mc_cmd *cmd, const char *db, const char *path, bool create,
                      struct mc_master_key *mk)
{
    char *def = mc_cli_master_key_default_path(db);
    struct mc_err e;
    mc_err_clear(&e);
    enum mc_rc rc = mc_master_key_load(path, def, mk, &e);
    if (rc == MC_ERR_NOT_FOUND && create && !path) {
        mc_master_key_generate(mk);
        rc = mc_master_key_write_file(def, mk, &e);
        if (!rc)
            fprintf(stderr,
                    "mcred %s: created the master key %s (mode 0600); keep a copy apart from the "
                    "database: without it the issuers' signing keys cannot be used\n",
                    cmd->name, def);
    }
    free(def);
    if (rc) {
        mc_master_key_wipe(mk);
        return mc_cli_fail(cmd, "%s", e.msg);
    }
    return MC_EXIT_OK;
}
