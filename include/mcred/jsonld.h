/* SPDX-License-Identifier: Apache-2.0 */
/* JSON-LD 1.1: context processing, expansion and deserialization to RDF. */
#ifndef MCRED_JSONLD_H
#define MCRED_JSONLD_H

#include <stdbool.h>
#include <stddef.h>

#include "mcred/error.h"
#include "mcred/rdf.h"
#include "mcred/str.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Errors carry the JSON-LD error code of the specification at the start of the message
 * ("invalid @id value: ...", "protected term redefinition: ...", "loading remote context
 * failed: ..."), the rc MC_ERR_INVALID (or MC_ERR_TOO_LARGE for a limit, MC_ERR_NOT_FOUND for a
 * document that cannot be loaded) and, where it helps, the JSON pointer of the place in e->where.
 */

/*
 * A document loader: fetches the JSON text of a remote document (a context). On success it sets
 * *text and *len to memory that stays valid for the loader's lifetime. It returns MC_ERR_NOT_FOUND
 * for an IRI it does not serve. Nothing in microcred fetches over the network: the default loader
 * serves the contexts bundled in the binary.
 */
struct mc_ld_loader {
    enum mc_rc (*load)(void *self, const char *iri, const char **text, size_t *len,
                       struct mc_err *e);
    void *self;
};

/* The loader of the bundled contexts (data/contexts/ and its index.json). */
const struct mc_ld_loader *mc_ld_loader_bundled(void);

/*
 * A loader that serves IRIs starting with a prefix from files under a directory (prefix + "a/b"
 * is DIR/a/b; the prefix itself is DIR, which may then be a file), trying each mapping in order,
 * then `next` (may be NULL). Files are read on first use and kept. Free with
 * mc_ld_loader_local_free().
 */
struct mc_ld_loader *mc_ld_loader_local_new(const struct mc_ld_loader *next);
void mc_ld_loader_local_add(struct mc_ld_loader *l, const char *prefix, const char *dir);
void mc_ld_loader_local_free(struct mc_ld_loader *l);

enum mc_ld_mode {
    MC_LD_MODE_1_1 = 0,
    MC_LD_MODE_1_0,
};

enum mc_ld_rdf_direction {
    MC_LD_DIRECTION_NONE = 0, /* @direction is dropped when producing RDF */
    MC_LD_DIRECTION_I18N_DATATYPE,
    MC_LD_DIRECTION_COMPOUND_LITERAL,
};

/* Limits; zero fields pick the defaults. */
struct mc_ld_limits {
    size_t max_document_bytes; /* default 16 MiB */
    size_t max_depth;          /* nesting of arrays and objects, default 256 */
    size_t max_contexts;       /* remote contexts loaded one from another, default 256 */
};

struct mc_ld_options {
    const char *base;           /* the document's IRI, for relative references; may be NULL */
    const char *expand_context; /* IRI of a context applied before the document's own; or NULL */
    enum mc_ld_mode mode;
    enum mc_ld_rdf_direction rdf_direction;
    bool generalized; /* produce generalized RDF (blank node predicates) */
    /* The quads' strings are not copied into the dataset but point into the document and the
     * processor: they stay valid until the processor's next call and while the document is
     * unchanged. For quads used at once (canonicalization), which then find a term that occurs
     * again by the address of its strings. */
    bool borrow_strings;
    struct mc_ld_limits limits;
};

/*
 * A JSON-LD processor: a loader plus caches of loaded documents and processed contexts, so that
 * documents using the same contexts are cheap after the first. Not thread-safe: one per thread.
 * `loader` may be NULL for the bundled contexts only; it must outlive the processor.
 */
struct mc_ld;

struct mc_ld *mc_ld_new(const struct mc_ld_loader *loader);
void mc_ld_free(struct mc_ld *ld);

/*
 * Expand the JSON-LD document `json` (UTF-8 text of `len` bytes) and deserialize it to RDF,
 * appending the quads to `out`. `opt` may be NULL for the defaults.
 */
enum mc_rc mc_ld_to_rdf(struct mc_ld *ld, const char *json, size_t len,
                        const struct mc_ld_options *opt, struct mc_rdf_dataset *out,
                        struct mc_err *e);

#ifdef __cplusplus
}
#endif

#endif
