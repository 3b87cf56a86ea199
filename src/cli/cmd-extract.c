/* SPDX-License-Identifier: Apache-2.0 */
/* mcred extract: print the credential baked into a PNG or SVG badge image. */
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "vc/bake.h"

/* Also in cli.h once the command is registered; declared here so this file stands alone. */

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_extract, argc, argv, NULL, &c);
        if (opt == -1)
            break;
        if (opt == 'h') {
            mc_cli_print_usage(&mc_cmd_extract);
            return MC_EXIT_OK;
        }
        return MC_EXIT_USAGE;
    }
    if (optind != argc - 1)
        return mc_cli_usage_error(&mc_cmd_extract, "give exactly one IMAGE.png or IMAGE.svg");
    const char *path = argv[optind];

    char *image = NULL;
    size_t len = 0;
    int status = mc_cli_read_input(&mc_cmd_extract, path, MC_BAKE_MAX_IMAGE, &image, &len);
    if (status)
        return status;
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_baked b;
    if (mc_bake_extract(image, len, &b, &e)) {
        status = mc_cli_fail(&mc_cmd_extract, "%s: %s", path, e.msg);
    } else {
        fwrite(b.text, 1, b.len, stdout);
        putchar('\n');
        if (fflush(stdout) != 0)
            status = mc_cli_fail(&mc_cmd_extract, "cannot write standard output");
        mc_baked_free(&b);
    }
    free(image);
    return status;
}

const struct mc_cmd mc_cmd_extract = {
    .name = "extract",
    .summary = "print the credential baked into a PNG or SVG badge image",
    .usage = "usage: mcred extract IMAGE.png|IMAGE.svg\n"
             "\n"
             "Prints the credential baked into IMAGE (or standard input, -) and a newline: the\n"
             "JSON or compact JWS of an Open Badges 3.0 credential (PNG iTXt\n"
             "\"openbadgecredential\", SVG <openbadges:credential>), or else the Open Badges 2.0\n"
             "assertion (PNG \"openbadges\" text chunk, SVG <openbadges:assertion>): its JSON,\n"
             "its JWS, or the URL of a hosted assertion. Fails if the image has none.\n",
    .run = run,
};
