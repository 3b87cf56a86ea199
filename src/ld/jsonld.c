/* SPDX-License-Identifier: Apache-2.0 */
/* The JSON-LD processor: its caches, the document cache, and the to-RDF entry point. */
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "ld/iri.h"
#include "ld/jsonld-internal.h"
#include "ld/ld-json.h"

/* Remote documents kept per processor; more than this and new ones are parsed per document. */
#define MAX_CACHED_DOCS 256

struct ld_doc_entry {
    char *iri;
    struct jv *doc; /* in the cache arena */
};

struct mc_ld *mc_ld_new(const struct mc_ld_loader *loader)
{
    struct mc_ld *ld = mc_xcalloc(1, sizeof *ld);
    ld->memo_gen = 1;
    ld->direct = true;
    ld->loader = loader ? loader : mc_ld_loader_bundled();
    ld->cache_arena = mc_arena_new(1 << 16);
    /* Large enough for a credential with its expansion, so that steady state does not malloc. */
    ld->arena = mc_arena_new(1 << 18);
    return ld;
}

void mc_ld_free(struct mc_ld *ld)
{
    if (!ld)
        return;
    for (size_t i = 0; i < ld->ndocs; i++)
        free(ld->docs[i].iri);
    free(ld->docs);
    free(ld->cache);
    free(ld->initial);
    mc_arena_free(ld->cache_arena);
    mc_arena_free(ld->arena);
    free(ld);
}

enum mc_rc ld_load_document(struct mc_ld *ld, const char *iri, struct jv **doc,
                            const char **doc_iri, struct mc_err *e)
{
    for (size_t i = 0; i < ld->ndocs; i++) {
        if (strcmp(ld->docs[i].iri, iri) == 0) {
            *doc = ld->docs[i].doc;
            *doc_iri = ld->docs[i].iri;
            return MC_OK;
        }
    }
    /* Fragments never reach a server: the document is the one without it. */
    const char *text = NULL;
    size_t len = 0;
    enum mc_rc rc = ld->loader->load(ld->loader->self, iri, &text, &len, e);
    if (rc)
        return rc;
    if (ld->ndocs >= MAX_CACHED_DOCS)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "more than %d distinct remote documents",
                          MAX_CACHED_DOCS);
    if (len > ld->opt.limits.max_document_bytes)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "%s is larger than %zu bytes", iri,
                          ld->opt.limits.max_document_bytes);
    /* Parsed once into the cache arena: contexts processed from it can be cached too. */
    struct jv *parsed;
    if ((rc = jv_parse(ld->cache_arena, text, len, ld->opt.limits.max_depth, &parsed, e))) {
        mc_err_prefix(e, "%s", iri);
        return rc;
    }
    if (ld->ndocs == ld->docs_cap) {
        ld->docs_cap = ld->docs_cap ? ld->docs_cap * 2 : 16;
        ld->docs = mc_xreallocarray(ld->docs, ld->docs_cap, sizeof *ld->docs);
    }
    ld->docs[ld->ndocs].iri = mc_xstrdup(iri);
    ld->docs[ld->ndocs].doc = parsed;
    *doc = parsed;
    *doc_iri = ld->docs[ld->ndocs].iri;
    ld->ndocs++;
    return MC_OK;
}

static void apply_defaults(struct mc_ld_options *o)
{
    if (!o->limits.max_document_bytes)
        o->limits.max_document_bytes = 16u << 20;
    if (!o->limits.max_depth)
        o->limits.max_depth = 256;
    if (!o->limits.max_contexts)
        o->limits.max_contexts = 256;
}

/* Options and per-document state for a new document. */
static void start(struct mc_ld *ld, const struct mc_ld_options *opt, struct mc_err *e)
{
    /* Error places are built up as the error unwinds, so they must start empty. */
    mc_err_clear(e);
    static const struct mc_ld_options defaults;
    ld->opt = opt ? *opt : defaults;
    apply_defaults(&ld->opt);
    mc_arena_reset(ld->arena);
    ld->contexts_processed = 0;
    ld->term_work = 0;
    ld->depth = 0;
    ld->bnode_counter = 0;
    /* A new generation makes every remembered answer stale; at the wrap, clear them. */
    if (++ld->memo_gen == 0) {
        memset(ld->memo, 0, sizeof ld->memo);
        ld->memo_gen = 1;
    }
}

static enum mc_rc to_rdf(struct mc_ld *ld, struct jv *doc, struct mc_rdf_dataset *out,
                         struct mc_err *e);

enum mc_rc mc_ld_to_rdf(struct mc_ld *ld, const char *json, size_t len,
                        const struct mc_ld_options *opt, struct mc_rdf_dataset *out,
                        struct mc_err *e)
{
    start(ld, opt, e);

    if (len > ld->opt.limits.max_document_bytes)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "the document is larger than %zu bytes",
                          ld->opt.limits.max_document_bytes);
    struct jv *doc;
    enum mc_rc rc = jv_parse(ld->arena, json, len, ld->opt.limits.max_depth, &doc, e);
    if (rc) {
        if (rc == MC_ERR_INVALID)
            mc_err_prefix(e, "loading document failed: not JSON");
        return rc;
    }
    return to_rdf(ld, doc, out, e);
}

enum mc_rc mc_ld_to_rdf_jansson(struct mc_ld *ld, const json_t *doc, const char *omit,
                                const struct mc_ld_options *opt, struct mc_rdf_dataset *out,
                                struct mc_err *e)
{
    start(ld, opt, e);
    return to_rdf(ld, jv_from_jansson_omit(ld->arena, doc, omit), out, e);
}

enum mc_rc mc_ld_to_rdf_jv(struct mc_ld *ld, const struct jv *doc, const char *omit,
                           const struct mc_ld_options *opt, struct mc_rdf_dataset *out,
                           struct mc_err *e)
{
    start(ld, opt, e);
    /* Only the top-level member list is copied to leave `omit` out: the walk reads the rest. */
    if (omit && jv_get(doc, omit))
        doc = jv_without(ld->arena, doc, omit);
    return to_rdf(ld, (struct jv *)doc, out, e);
}

static enum mc_rc to_rdf(struct mc_ld *ld, struct jv *doc, struct mc_rdf_dataset *out,
                         struct mc_err *e)
{
    if (ld->direct && ld_direct_to_rdf(ld, doc, out)) {
        ld->direct_docs++;
        return MC_OK;
    }
    enum mc_rc rc;
    struct jv *expanded = NULL;
    rc = ld_expand(ld, doc, ld->opt.base, &expanded, e);
    if (!rc)
        rc = ld_expanded_to_rdf(ld, expanded, out, e);
    return rc;
}
