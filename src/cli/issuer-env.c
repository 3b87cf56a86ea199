/* SPDX-License-Identifier: Apache-2.0 */
/* What the commands that issue or change credentials open: the store, the master key, the public
 * URL the database's credentials live under, and a signer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "cli/cli.h"

int mc_cli_issuer_open(const struct mc_cmd *cmd, const char *db, const char *master_key_path,
                       const char *public_url, struct mc_cli_issuer *out)
{
    memset(out, 0, sizeof *out);
    struct mc_err e;
    mc_err_clear(&e);
    if (public_url && strncmp(public_url, "https://", 8) != 0 &&
        strncmp(public_url, "http://", 7) != 0)
        return mc_cli_usage_error(cmd, "--public-url must start with https:// or http://");
    if (mc_store_open(db, 0, &out->store, &e))
        return mc_cli_fail(cmd, "%s", e.msg);
    /* The public URL is the database's: credentials name their issuer and status lists under
     * it, so every command must use the one they were issued under. */
    struct mc_arena *arena = mc_arena_new(0);
    const char *stored = NULL;
    enum mc_rc rc = mc_store_setting_get(out->store, "public_url", arena, &stored, &e);
    int status = MC_EXIT_OK;
    if (rc && rc != MC_ERR_NOT_FOUND) {
        status = mc_cli_fail(cmd, "%s", e.msg);
    } else if (stored && public_url && strcmp(stored, public_url) != 0) {
        status = mc_cli_fail(cmd,
                             "this database issues under %s, not %s: its credentials name their "
                             "issuer and status lists there (serve it at that URL)",
                             stored, public_url);
    } else {
        const char *url = stored ? stored : public_url ? public_url : MC_CLI_DEFAULT_PUBLIC_URL;
        size_t len = strlen(url);
        while (len && url[len - 1] == '/')
            len--;
        out->public_url = mc_xstrndup(url, len);
        if (!stored && mc_store_setting_set(out->store, "public_url", out->public_url, &e))
            status = mc_cli_fail(cmd, "%s", e.msg);
    }
    mc_arena_free(arena);
    if (!status)
        status = mc_cli_master_key(cmd, db, master_key_path, true, &out->master_key);
    if (status) {
        mc_cli_issuer_close(out);
        return status;
    }
    out->di = mc_di_new(NULL);
    out->env = (struct mc_issuer_env){ .store = out->store,
                                       .master_key = &out->master_key,
                                       .public_url = out->public_url,
                                       .di = out->di };
    return MC_EXIT_OK;
}

void mc_cli_issuer_close(struct mc_cli_issuer *c)
{
    mc_di_free(c->di);
    mc_store_close(c->store);
    free(c->public_url);
    mc_master_key_wipe(&c->master_key);
    memset(c, 0, sizeof *c);
}
