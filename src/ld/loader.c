/* SPDX-License-Identifier: Apache-2.0 */
/* Document loaders: the bundled contexts, and local directories standing in for IRI prefixes. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/embed.h"
#include "base/file.h"
#include "base/json.h"
#include "mcred/jsonld.h"

/* Largest local document read. */
#define MAX_LOCAL_FILE (16u << 20)

/* ---- bundled contexts: data/contexts/index.json maps each IRI to a file ---- */

struct bundled_entry {
    const char *iri;
    const struct mc_embed_file *file;
};

static struct bundled_entry *bundled;
static size_t nbundled;
static pthread_once_t bundled_once = PTHREAD_ONCE_INIT;

static void bundled_init(void)
{
    const struct mc_embed_file *idx = mc_embed_find(&mc_embed_contexts, "index.json");
    json_t *j = NULL;
    struct mc_err e;
    /* The index is part of the build; a broken one is a build error the tests catch. */
    if (!idx || mc_json_parse((const char *)idx->data, idx->len, 0, NULL, &j, &e))
        return;
    bundled = mc_xcalloc(json_object_size(j) + 1, sizeof *bundled);
    const char *iri;
    json_t *v;
    json_object_foreach (j, iri, v) {
        const char *file = json_string_value(json_object_get(v, "file"));
        const struct mc_embed_file *f = file ? mc_embed_find(&mc_embed_contexts, file) : NULL;
        if (!f)
            continue;
        bundled[nbundled].iri = mc_xstrdup(iri);
        bundled[nbundled].file = f;
        nbundled++;
    }
    json_decref(j);
}

static enum mc_rc bundled_load(void *self, const char *iri, const char **text, size_t *len,
                               struct mc_err *e)
{
    (void)self;
    pthread_once(&bundled_once, bundled_init);
    for (size_t i = 0; i < nbundled; i++) {
        if (strcmp(bundled[i].iri, iri) == 0) {
            *text = (const char *)bundled[i].file->data;
            *len = bundled[i].file->len;
            return MC_OK;
        }
    }
    return mc_err_set(e, MC_ERR_NOT_FOUND,
                      "%s is not one of the bundled contexts (no document is fetched from the "
                      "network)",
                      iri);
}

static const struct mc_ld_loader bundled_loader = { bundled_load, NULL };

const struct mc_ld_loader *mc_ld_loader_bundled(void)
{
    return &bundled_loader;
}

/* ---- local directories ---- */

struct local_map {
    char *prefix;
    char *dir;
};

struct local_file {
    char *iri;
    char *text;
    size_t len;
};

struct local_loader {
    struct mc_ld_loader base; /* first: the public handle points here */
    const struct mc_ld_loader *next;
    struct local_map *maps;
    size_t nmaps;
    struct local_file *files;
    size_t nfiles;
};

static enum mc_rc local_load(void *self, const char *iri, const char **text, size_t *len,
                             struct mc_err *e)
{
    struct local_loader *l = self;
    for (size_t i = 0; i < l->nfiles; i++) {
        if (strcmp(l->files[i].iri, iri) == 0) {
            *text = l->files[i].text;
            *len = l->files[i].len;
            return MC_OK;
        }
    }
    for (size_t i = 0; i < l->nmaps; i++) {
        size_t pl = strlen(l->maps[i].prefix);
        if (strncmp(iri, l->maps[i].prefix, pl) != 0)
            continue;
        const char *rest = iri + pl;
        /* Stay inside the directory: no "..", no query or fragment games. */
        if (strstr(rest, "..") || strpbrk(rest, "?#\\"))
            return mc_err_set(e, MC_ERR_NOT_FOUND, "%s: not a plain path under %s", iri,
                              l->maps[i].prefix);
        char *path =
                rest[0] ? mc_xasprintf("%s/%s", l->maps[i].dir, rest) : mc_xstrdup(l->maps[i].dir);
        char *buf = NULL;
        size_t n = 0;
        enum mc_rc rc = mc_file_read(path, MAX_LOCAL_FILE, &buf, &n, e);
        free(path);
        if (rc)
            return rc;
        l->files = mc_xreallocarray(l->files, l->nfiles + 1, sizeof *l->files);
        l->files[l->nfiles++] = (struct local_file){ mc_xstrdup(iri), buf, n };
        *text = buf;
        *len = n;
        return MC_OK;
    }
    if (l->next)
        return l->next->load(l->next->self, iri, text, len, e);
    return mc_err_set(e, MC_ERR_NOT_FOUND, "%s is not served by any local mapping", iri);
}

struct mc_ld_loader *mc_ld_loader_local_new(const struct mc_ld_loader *next)
{
    struct local_loader *l = mc_xcalloc(1, sizeof *l);
    l->base.load = local_load;
    l->base.self = l;
    l->next = next;
    return &l->base;
}

void mc_ld_loader_local_add(struct mc_ld_loader *base, const char *prefix, const char *dir)
{
    struct local_loader *l = base->self;
    l->maps = mc_xreallocarray(l->maps, l->nmaps + 1, sizeof *l->maps);
    l->maps[l->nmaps++] = (struct local_map){ mc_xstrdup(prefix), mc_xstrdup(dir) };
}

void mc_ld_loader_local_free(struct mc_ld_loader *base)
{
    if (!base)
        return;
    struct local_loader *l = base->self;
    for (size_t i = 0; i < l->nmaps; i++) {
        free(l->maps[i].prefix);
        free(l->maps[i].dir);
    }
    for (size_t i = 0; i < l->nfiles; i++) {
        free(l->files[i].iri);
        free(l->files[i].text);
    }
    free(l->maps);
    free(l->files);
    free(l);
}
