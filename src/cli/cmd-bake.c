/* SPDX-License-Identifier: Apache-2.0 */
/* mcred bake: put a credential into a PNG or SVG badge image. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "vc/bake.h"

/* Also in cli.h once the command is registered; declared here so this file stands alone. */

/* The SVG form may grow a credential (each "]]>" takes 15 bytes), so leave room. */
#define MAX_OUTPUT ((size_t)MC_BAKE_MAX_IMAGE + 5 * (size_t)MC_BAKE_MAX_TEXT + 4096)

static const struct option options[] = {
    { "credential", required_argument, NULL, 'c' },
    { "output", required_argument, NULL, 'o' },
    { NULL, 0, NULL, 0 },
};

/* Write the baked image to `path`, or to standard output for NULL or "-". */
static int write_output(const char *path, const struct mc_buf *b, enum mc_image_kind kind)
{
    bool to_stdout = !path || strcmp(path, "-") == 0;
    if (to_stdout && kind == MC_IMAGE_PNG && isatty(STDOUT_FILENO))
        return mc_cli_fail(&mc_cmd_bake, "not writing a PNG to a terminal: give -o FILE or "
                                         "redirect standard output");
    FILE *f = to_stdout ? stdout : fopen(path, "wb");
    if (!f)
        return mc_cli_fail(&mc_cmd_bake, "cannot create %s: %s", path, strerror(errno));
    bool ok = fwrite(b->data, 1, b->len, f) == b->len;
    ok = (to_stdout ? fflush(f) : fclose(f)) == 0 && ok;
    if (!ok)
        return mc_cli_fail(&mc_cmd_bake, "cannot write %s: %s",
                           to_stdout ? "standard output" : path, strerror(errno));
    return MC_EXIT_OK;
}

static int run(int argc, char **argv)
{
    struct mc_cli_common c;
    const char *cred_path = NULL, *out_path = NULL;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(&mc_cmd_bake, argc, argv, options, &c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(&mc_cmd_bake); return MC_EXIT_OK;
        case 'c': cred_path = optarg; break;
        case 'o': out_path = optarg; break;
        default: return MC_EXIT_USAGE;
        }
    }
    if (!cred_path)
        return mc_cli_usage_error(&mc_cmd_bake, "--credential CREDENTIAL.json|.jwt is required");
    if (optind != argc - 1)
        return mc_cli_usage_error(&mc_cmd_bake, "give exactly one IMAGE.png or IMAGE.svg");
    const char *image_path = argv[optind];
    if (strcmp(cred_path, "-") == 0 && strcmp(image_path, "-") == 0)
        return mc_cli_usage_error(&mc_cmd_bake,
                                  "the credential and the image cannot both be standard input");

    char *cred = NULL, *image = NULL;
    size_t clen = 0, ilen = 0;
    int status = mc_cli_read_input(&mc_cmd_bake, cred_path, MC_BAKE_MAX_TEXT, &cred, &clen);
    if (!status)
        status = mc_cli_read_input(&mc_cmd_bake, image_path, MC_BAKE_MAX_IMAGE, &image, &ilen);
    if (status)
        goto out;
    struct mc_err e;
    mc_err_clear(&e);
    enum mc_image_kind kind;
    struct mc_buf baked;
    mc_buf_init(&baked, MAX_OUTPUT);
    if (mc_image_detect(image, ilen, &kind, &e) || mc_bake(image, ilen, cred, clen, &baked, &e)) {
        /* Say which file: the credential's problems do not mention a byte of the image. */
        bool cred_problem = strncmp(e.msg, "the credential", 14) == 0;
        status = mc_cli_fail(&mc_cmd_bake, "%s: %s", cred_problem ? cred_path : image_path, e.msg);
    } else {
        status = write_output(out_path, &baked, kind);
    }
    mc_buf_free(&baked);
out:
    free(image);
    free(cred);
    return status;
}

const struct mc_cmd mc_cmd_bake = {
    .name = "bake",
    .summary = "bake a credential into a PNG or SVG badge image",
    .usage = "usage: mcred bake --credential CREDENTIAL.json|CREDENTIAL.jwt [-o FILE]\n"
             "                  IMAGE.png|IMAGE.svg\n"
             "\n"
             "Writes IMAGE with the credential baked in, as Open Badges 3.0 says: a PNG gets an\n"
             "iTXt chunk \"openbadgecredential\" right after its header, an SVG an\n"
             "<openbadges:credential> element right after its <svg> start tag (JSON in a CDATA\n"
             "section, a compact JWS in its verify attribute). A credential already baked in,\n"
             "Open Badges 3.0 or 2.0, is replaced; every other byte of the image is kept.\n"
             "Either file may be standard input (-), not both. `mcred extract` reads it back.\n"
             "\n"
             "  -c, --credential FILE  the credential: JSON with an embedded proof, or the\n"
             "                         compact JWS of a VC-JWT\n"
             "  -o, --output FILE      write the baked image to FILE (default: standard output,\n"
             "                         which must not be a terminal for a PNG)\n",
    .run = run,
};
