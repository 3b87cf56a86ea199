/* SPDX-License-Identifier: Apache-2.0 */
/* mcred serve: run the web server until SIGINT or SIGTERM, then stop gracefully. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "crypto/seal.h"
#include "http/http.h"
#include "mcred/str.h"
#include "store/store.h"

enum { OPT_PUBLIC_URL = 0x2000, OPT_ACCESS_LOG, OPT_THREADS, OPT_MASTER_KEY };

static const struct option options[] = {
    { "listen", required_argument, NULL, 'l' },
    { "public-url", required_argument, NULL, OPT_PUBLIC_URL },
    { "threads", required_argument, NULL, OPT_THREADS },
    { "access-log", required_argument, NULL, OPT_ACCESS_LOG },
    { "quiet", no_argument, NULL, 'q' },
    { "master-key", required_argument, NULL, OPT_MASTER_KEY },
    { NULL, 0, NULL, 0 },
};

/* HOST:PORT with a port in 0..65535 (0 picks a free one) and HOST an IPv4 address, a name, or
 * an IPv6 address in brackets. The server checks the address itself; this only catches a
 * command line that cannot be one. */
static bool listen_shape_ok(const char *listen)
{
    struct mc_str s = mc_str_z(listen);
    size_t colon = SIZE_MAX;
    for (size_t i = 0; i < s.len; i++)
        if (s.p[i] == ':')
            colon = i;
    if (colon == SIZE_MAX || colon == 0)
        return false;
    if (s.p[0] == '[' && s.p[colon - 1] != ']')
        return false;
    int64_t port;
    return mc_str_to_i64(mc_str_sub(s, colon + 1, SIZE_MAX), 0, 65535, &port, "port", NULL) ==
           MC_OK;
}

/*
 * The database's public URL is where its credentials say their issuers and status lists are, so
 * the server must be reached there: --public-url is stored the first time, a different one later
 * is refused, and without it the stored one is used (or, when none is stored, the listening
 * address, which is not stored). `*owned` keeps the copy cfg->public_url points to.
 */
static bool settle_public_url(struct mc_store_pool *pool, const char **url, char **owned)
{
    struct mc_store *s = mc_store_pool_acquire(pool);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_err e;
    mc_err_clear(&e);
    const char *stored = NULL;
    enum mc_rc rc = mc_store_setting_get(s, "public_url", arena, &stored, &e);
    bool ok = true;
    if (rc && rc != MC_ERR_NOT_FOUND) {
        mc_cli_fail(&mc_cmd_serve, "%s", e.msg);
        ok = false;
    } else if (*url) {
        size_t len = strlen(*url);
        while (len && (*url)[len - 1] == '/')
            len--;
        *owned = mc_xstrndup(*url, len);
        *url = *owned;
        if (stored && strcmp(stored, *owned) != 0) {
            mc_cli_fail(&mc_cmd_serve,
                        "this database's credentials live under %s, not %s: serve it at %s", stored,
                        *owned, stored);
            ok = false;
        } else if (!stored && mc_store_setting_set(s, "public_url", *owned, &e)) {
            mc_cli_fail(&mc_cmd_serve, "%s", e.msg);
            ok = false;
        }
    } else if (stored) {
        *owned = mc_xstrdup(stored);
        *url = *owned;
    }
    mc_arena_free(arena);
    mc_store_pool_release(pool, s);
    return ok;
}

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    struct mc_http_config cfg;
    mc_http_config_defaults(&cfg);
    const char *access_log = NULL;
    const char *master_key_path = NULL;
    bool quiet = false;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_serve, argc, argv, options, &c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_serve); return MC_EXIT_OK;
        case 'l': cfg.listen = optarg; continue;
        case 'q': quiet = true; continue;
        case OPT_PUBLIC_URL: cfg.public_url = optarg; continue;
        case OPT_ACCESS_LOG: access_log = optarg; continue;
        case OPT_MASTER_KEY: master_key_path = optarg; continue;
        case OPT_THREADS: {
            int64_t n;
            struct mc_err e;
            if (mc_str_to_i64(mc_str_z(optarg), 1, 256, &n, "--threads", &e))
                return mc_cli_usage_error(&mc_cmd_serve, "%s", e.msg);
            cfg.threads = (unsigned)n;
            continue;
        }
        default: return MC_EXIT_USAGE;
        }
    }
    if (optind < argc)
        return mc_cli_usage_error(&mc_cmd_serve, "unexpected argument '%s'", argv[optind]);
    if (!listen_shape_ok(cfg.listen))
        return mc_cli_usage_error(
                &mc_cmd_serve,
                "--listen must be HOST:PORT (like 127.0.0.1:8080 or [::1]:8080), not '%s'",
                cfg.listen);
    if (cfg.public_url && strncmp(cfg.public_url, "http://", 7) != 0 &&
        strncmp(cfg.public_url, "https://", 8) != 0)
        return mc_cli_usage_error(&mc_cmd_serve,
                                  "--public-url must start with https:// or http://");

    int status = MC_EXIT_FAIL;
    FILE *log = NULL;
    struct mc_store_pool *pool = NULL;
    struct mc_http_server *srv = NULL;
    struct mc_master_key mk;
    bool have_mk = false;
    char *public_url = NULL;
    struct mc_err e;
    mc_err_clear(&e);

    if (access_log && strcmp(access_log, "-") != 0) {
        log = fopen(access_log, "a");
        if (!log) {
            mc_cli_fail(&mc_cmd_serve, "cannot open the access log %s: %s", access_log,
                        strerror(errno));
            goto out;
        }
        cfg.access_log = log;
    } else if (access_log) {
        cfg.access_log = stdout;
    }
    cfg.quiet = quiet;

    if (cfg.threads == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        cfg.threads = cores > 1 ? (unsigned)(2 * cores) : 2;
    }
    /* One connection per server thread, plus a spare. */
    enum mc_rc rc = mc_store_pool_new(c.db, 0, cfg.threads + 1, &pool, &e);
    if (rc == MC_ERR_NOT_FOUND) {
        mc_cli_fail(&mc_cmd_serve,
                    "there is no database at %s; create one with 'mcred init --db %s'"
                    " (and 'mcred demo --db %s' for the demo catalog)",
                    c.db, c.db, c.db);
        goto out;
    }
    if (rc) {
        mc_cli_fail(&mc_cmd_serve, "%s", e.msg);
        goto out;
    }
    cfg.pool = pool;
    if (!settle_public_url(pool, &cfg.public_url, &public_url))
        goto out;
    /* The master key unseals the issuers' signing keys, so the server can issue. */
    if (mc_cli_master_key(&mc_cmd_serve, c.db, master_key_path, true, &mk) != MC_EXIT_OK)
        goto out;
    have_mk = true;
    cfg.master_key = &mk;

    /* Block the stop signals before the server starts its threads, so they inherit the mask
     * and only this thread receives them, in sigwait below. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    rc = mc_http_server_start(&cfg, &srv, &e);
    if (rc) {
        mc_cli_fail(&mc_cmd_serve, "%s", e.msg);
        goto out;
    }
    char host[256], pub[256];
    mc_http_server_listen_url(srv, host, sizeof host);
    mc_http_server_url(srv, pub, sizeof pub);
    printf("Microcred is serving %s on %s\n", c.db, host);
    if (strcmp(host, pub) != 0)
        printf("Its public URL is %s: links and credentials name that address\n", pub);
    printf("Open %s/catalog  (Ctrl-C stops it)\n", host);
    fflush(stdout);

    int sig = 0;
    sigwait(&stop, &sig);
    if (!quiet)
        fprintf(stderr, "mcred serve: %s received, finishing requests in flight\n",
                sig == SIGINT ? "SIGINT" : "SIGTERM");
    mc_http_server_stop(srv);
    srv = NULL;
    status = MC_EXIT_OK;
out:
    free(public_url);
    mc_http_server_stop(srv);
    mc_store_pool_free(pool);
    if (have_mk)
        mc_master_key_wipe(&mk);
    if (log)
        fclose(log);
    return status;
}

const struct mc_cmd mc_cmd_serve = {
    .name = "serve",
    .summary = "serve the platform over HTTP",
    .usage = "usage: mcred serve [--db PATH] [--listen HOST:PORT] [--public-url URL]\n"
             "                   [--threads N] [--access-log FILE|-] [--quiet]\n"
             "                   [--master-key FILE]\n"
             "\n"
             "Serves the platform from the database at PATH (default " MC_CLI_DEFAULT_DB "):\n"
             "the catalog page at /catalog, the JSON API under /api/v1/, credentials at\n"
             "/credentials/ID, issuers at /issuers/SLUG, the verify page at /verify, and\n"
             "/healthz.\n"
             "SIGINT or SIGTERM stops it after the requests in flight are answered.\n"
             "\n"
             "  --listen HOST:PORT  where to listen (default 127.0.0.1:8080; port 0 picks a\n"
             "                      free one, and the URL printed says which)\n"
             "  --public-url URL    the address people reach it at, for links and issuer ids;\n"
             "                      stored with the database the first time (its credentials\n"
             "                      name their issuer and status lists under it), and a\n"
             "                      different one later is refused (default: the stored one,\n"
             "                      else http://HOST:PORT)\n"
             "  --threads N         worker threads (default: two per core)\n"
             "  --access-log FILE   append the access log to FILE ('-' for stdout; default\n"
             "                      stderr)\n"
             "  --quiet             no access log\n"
             "  --master-key FILE   the master key that unseals the issuers' signing keys\n"
             "                      (default: $MCRED_MASTER_KEY, $MCRED_MASTER_KEY_FILE, or\n"
             "                      PATH.master-key, created when there is none)\n",
    .run = run,
};
