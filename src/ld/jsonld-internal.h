/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The JSON-LD processor's insides, shared by context.c (context processing, term definitions,
 * IRI expansion), expand.c (the expansion algorithm) and tordf.c (expanded form to RDF). Names
 * of steps in comments follow the JSON-LD 1.1 Processing Algorithms and API recommendation.
 */
#ifndef MC_LD_JSONLD_INTERNAL_H
#define MC_LD_JSONLD_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "ld/jv.h"
#include "mcred/buf.h"
#include "mcred/jsonld.h"

/* Container mapping bits. */
enum {
    LD_C_LIST = 1 << 0,
    LD_C_SET = 1 << 1,
    LD_C_INDEX = 1 << 2,
    LD_C_LANGUAGE = 1 << 3,
    LD_C_GRAPH = 1 << 4,
    LD_C_ID = 1 << 5,
    LD_C_TYPE = 1 << 6,
};

/* A term definition; immutable once it is in a context, shared between contexts. */
struct ld_term {
    const char *name;
    const char *iri;  /* IRI, blank node identifier or keyword; NULL for a null mapping */
    const char *type; /* type mapping: "@id", "@vocab", "@json", "@none", an IRI, or NULL */
    const char *lang; /* language mapping when has_lang (NULL: explicitly none) */
    const char *dir;  /* direction mapping when has_dir (NULL: explicitly none) */
    const char *index;
    const char *nest;
    struct jv *context; /* scoped context (borrowed from a document that outlives the term) */
    const char *context_base;
    unsigned container;
    bool has_lang, has_dir, has_context;
    bool reverse, prefix, protect;
    bool context_stable;  /* `context` belongs to a cached remote document */
    bool iri_well_formed; /* `iri` is an absolute IRI N-Quads can hold (checked once, here) */
};

struct ld_slot {
    const char *name;
    struct ld_term *def; /* NULL: removed */
    uint64_t hash;       /* mc_hash_str(name): most probes are settled without a strcmp */
};

#define LD_KW_ALIASES_MAX 8

/* An active context. Contexts in the processor's cache are never changed again. */
struct ld_ctx {
    const char *base; /* NULL: none */
    const char *original_base;
    const char *vocab;
    const char *lang;
    const char *dir;
    const struct ld_ctx *previous;
    struct ld_slot *slots; /* open addressing, power-of-two size */
    size_t cap, used;
    bool has_protected;
    bool in_cache; /* it and all it points to live as long as the processor */
    bool stable;   /* in_cache and final: may be a cache key or a cached result */
    /* A stable context's terms defined as keywords (such as "id" for @id), listed the first time
     * they are asked for (ld_key_keyword); kw_state says whether they are. */
    enum { LD_KW_UNLISTED, LD_KW_LISTED, LD_KW_TOO_MANY } kw_state;
    uint8_t nkw;
    const char *kw_name[LD_KW_ALIASES_MAX], *kw_iri[LD_KW_ALIASES_MAX];
};

struct ld_doc_entry;
struct ld_cache_entry;

/* A context that is one or a few IRIs (a document's own @context, most often), by their text. */
#define LD_IRI_CONTEXTS    16
#define LD_IRI_CONTEXT_MAX 4
struct ld_iri_context {
    const struct ld_ctx *parent, *result; /* result NULL: the entry is empty */
    unsigned flags;
    enum mc_ld_mode mode;
    const char *base; /* NULL: none */
    size_t n;
    const char *iris[LD_IRI_CONTEXT_MAX];
};

/*
 * A remembered answer of ld_expand_iri or ld_term_get for one document: expansion asks the same
 * question of the same key several times (steps 7, 11 and 13 of §5.1.2 each expand every key).
 * Contexts do not change once made, and the strings asked about (keys and values of the document
 * or of its contexts) neither, so within one document the pair of pointers is the question.
 */
#define LD_MEMO_SIZE 1024
struct ld_memo {
    const struct ld_ctx *ctx;
    const char *value;
    const void *answer;
    uint32_t gen;
    uint32_t kind; /* 1 + doc_relative + 2 * vocab for IRI expansion; 8 for a term */
};

/* The processor. */
struct mc_ld {
    const struct mc_ld_loader *loader;
    /* Loaded remote documents (parsed once, kept for the processor's life). */
    struct ld_doc_entry *docs;
    size_t ndocs, docs_cap;
    /* Processed contexts: (parent, local context, flags) -> result. */
    struct ld_cache_entry *cache;
    size_t cache_cap, cache_used;
    struct mc_arena *cache_arena;
    struct ld_iri_context iri_contexts[LD_IRI_CONTEXTS];
    size_t next_iri_context;
    /* Initial contexts per base IRI. */
    struct ld_ctx **initial;
    size_t ninitial;

    /* Documents of plain node objects go straight to RDF (direct.c); tests turn this off to
     * compare that way with the full one, and count the documents that went straight. */
    bool direct;
    size_t direct_docs;

    /* Per document. */
    struct mc_arena *arena;
    struct mc_ld_options opt;
    size_t contexts_processed;
    size_t term_work;
    size_t depth;
    uint64_t bnode_counter;
    uint32_t memo_gen; /* the document's generation: older memo entries are stale */
    struct ld_memo memo[LD_MEMO_SIZE];
};

/* JSON-LD error codes of the specification; the message starts with the code. */
#define LD_ERR(e, code, ...) ld_error((e), (code), __VA_ARGS__)
enum mc_rc ld_error(struct mc_err *e, const char *code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

bool ld_is_keyword(const char *s);
/* `s` (may be NULL) is the keyword `kw`. Keywords start with '@' and expanded keys mostly with a
 * scheme, so the first byte settles most. */
static inline bool ld_is_kw(const char *s, const char *kw)
{
    return s && s[0] == kw[0] && strcmp(s, kw) == 0;
}
/* "@" followed by one or more ALPHA only: reserved for future keywords, ignored. */
bool ld_looks_like_keyword(const char *s);

/* Terms. */
const struct ld_term *ld_ctx_get(const struct ld_ctx *c, const char *name);
/* The same for a finished context and a string that lives as long as the document, remembered
 * for the document. */
const struct ld_term *ld_term_get(struct mc_ld *ld, const struct ld_ctx *c, const char *name);

/* The keyword `key` expands to in `c` (IRI expansion's answer for keywords), or NULL: a keyword
 * itself, or a term defined as one. Steps 7 and 11 of §5.1.2 ask it of every key of every node in
 * up to three contexts; a stable context answers from its short list of such terms. */
const char *ld_key_keyword(struct mc_ld *ld, const struct ld_ctx *c, const char *key);

/* The initial active context for `base` (cached per base). */
struct ld_ctx *ld_initial_ctx(struct mc_ld *ld, const char *base);

/*
 * Context Processing (§4.1.2). `stable` says `local` belongs to a cached document, so the result
 * may be cached when `active` is cached too.
 */
enum mc_rc ld_process_context(struct mc_ld *ld, const struct ld_ctx *active, struct jv *local,
                              bool stable, const char *base_url, bool override_protected,
                              bool propagate, const struct ld_ctx **out, struct mc_err *e);

/*
 * IRI Expansion (§5.2.2) outside context processing. Returns a keyword, an IRI (absolute or,
 * when it cannot be made so, the value as it is), or NULL for a null mapping or a value that
 * looks like a keyword. Allocates in ld->arena. `c` must be finished and `value` live as long as
 * the document: answers are remembered for the document.
 */
const char *ld_expand_iri(struct mc_ld *ld, const struct ld_ctx *c, const char *value,
                          bool doc_relative, bool vocab);

/* Loaded documents: the parsed JSON of a remote document, or an error with the JSON-LD code. */
/* `*doc_iri` is the document's IRI as kept by the cache (stable for the processor's life). */
enum mc_rc ld_load_document(struct mc_ld *ld, const char *iri, struct jv **doc,
                            const char **doc_iri, struct mc_err *e);

/* Expansion (§5.1.2): returns a new reference to the expanded array (never NULL on success). */
enum mc_rc ld_expand(struct mc_ld *ld, struct jv *doc, const char *base, struct jv **out,
                     struct mc_err *e);

/* Deserialize JSON-LD to RDF (§8.2) from the expanded form. */
enum mc_rc ld_expanded_to_rdf(struct mc_ld *ld, struct jv *expanded, struct mc_rdf_dataset *ds,
                              struct mc_err *e);

/*
 * The same RDF straight from a compacted document (direct.c), for documents made of plain node
 * objects: ids, types, properties whose values are strings, numbers, booleans or node objects,
 * contexts of any kind. Anything else (value, list, set and graph objects, @reverse, @nest,
 * @included, containers other than @set, languages, directions, JSON literals, nested arrays,
 * errors) returns false with the dataset and the processor as they were, and the document takes
 * the full path: expansion, then ld_expanded_to_rdf. The quads are the same either way.
 */
bool ld_direct_to_rdf(struct mc_ld *ld, struct jv *doc, struct mc_rdf_dataset *ds);

/* Writing RDF terms and quads (tordf.c), for both ways to RDF. */
struct ld_rdf_bnode {
    const char *input;
    const char *label;
};

/* Whether a string is a well-formed IRI, remembered per pointer for the document. */
struct ld_rdf_checked_iri {
    const char *p; /* NULL: an empty slot */
    bool well_formed;
};

struct ld_rdf_writer {
    struct mc_ld *ld;
    struct mc_rdf_dataset *ds;
    struct mc_err *e;
    struct ld_rdf_bnode *bnodes; /* input blank node identifier -> generated label */
    size_t bcap, bused;
    struct ld_rdf_checked_iri *iris; /* open addressing on the pointer, in the document's arena */
    size_t iris_cap, iris_used;
    struct mc_buf scratch;
};

/* A graph to write into; `ok` false when its name is not a well-formed IRI (nothing is written). */
struct ld_rdf_graph {
    struct mc_rdf_term name;
    bool ok;
};

void ld_rdf_writer_init(struct ld_rdf_writer *w, struct mc_ld *ld, struct mc_rdf_dataset *ds,
                        struct mc_err *e);
void ld_rdf_writer_free(struct ld_rdf_writer *w);
/* `s` must live as long as the document (the answer is remembered by pointer). */
bool ld_rdf_well_formed_iri(struct ld_rdf_writer *w, const char *s);
struct mc_rdf_term ld_rdf_fresh_bnode(struct ld_rdf_writer *w);
/* A term for a node identifier or IRI; false when it cannot be one (a relative IRI). */
bool ld_rdf_id_term(struct ld_rdf_writer *w, const char *id, struct mc_rdf_term *t);
enum mc_rc ld_rdf_emit(struct ld_rdf_writer *w, const struct ld_rdf_graph *g, struct mc_rdf_term s,
                       struct mc_rdf_term p, struct mc_rdf_term o);
/* Object to RDF Conversion (§8.3) of a value object's parts; *ok false when it makes no term. */
enum mc_rc ld_rdf_literal(struct ld_rdf_writer *w, struct jv *value, const char *datatype,
                          const char *lang, const char *dir, const struct ld_rdf_graph *g,
                          struct mc_rdf_term *o, bool *ok);

#endif
