/* SPDX-License-Identifier: Apache-2.0 */
/* RDF datasets, N-Quads and RDF Dataset Canonicalization (RDFC-1.0). */
#ifndef MCRED_RDF_H
#define MCRED_RDF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mcred/buf.h"
#include "mcred/error.h"
#include "mcred/str.h"

#ifdef __cplusplus
extern "C" {
#endif

#define MC_RDF_XSD         "http://www.w3.org/2001/XMLSchema#"
#define MC_RDF_NS          "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define MC_RDF_XSD_STRING  MC_RDF_XSD "string"
#define MC_RDF_LANG_STRING MC_RDF_NS "langString"

/* What a term is. MC_RDF_DEFAULT only appears as the graph of a quad in the default graph. */
enum mc_rdf_kind {
    MC_RDF_DEFAULT = 0,
    MC_RDF_IRI,
    MC_RDF_BLANK,
    MC_RDF_LITERAL,
};

/*
 * One term. Strings are views into storage owned by the dataset (or by the caller before a term is
 * added); they are not NUL-terminated and literals may contain NUL.
 *   IRI:     value is the IRI.
 *   BLANK:   value is the label without "_:".
 *   LITERAL: value is the lexical form; datatype is always set (xsd:string for plain literals,
 *            rdf:langString when lang is not empty); lang is the language tag or empty.
 */
struct mc_rdf_term {
    enum mc_rdf_kind kind;
    struct mc_str value;
    struct mc_str datatype;
    struct mc_str lang;
};

/* A quad; graph.kind == MC_RDF_DEFAULT for the default graph. */
struct mc_rdf_quad {
    struct mc_rdf_term subject, predicate, object, graph;
};

/*
 * A dataset: a list of quads whose strings live in the dataset's own arena. Adding checks the
 * count against `max_quads`; duplicates are kept here (the canonical form drops them).
 */
struct mc_rdf_dataset;

/* A new empty dataset holding at most `max_quads` quads (0 picks MC_RDF_DEFAULT_MAX_QUADS). */
#define MC_RDF_DEFAULT_MAX_QUADS 1000000u
struct mc_rdf_dataset *mc_rdf_dataset_new(size_t max_quads);
void mc_rdf_dataset_free(struct mc_rdf_dataset *ds);
/* Remove every quad, keeping memory for reuse. */
void mc_rdf_dataset_reset(struct mc_rdf_dataset *ds);
size_t mc_rdf_dataset_count(const struct mc_rdf_dataset *ds);
/* The quads, in the order they were added; valid until the next add or reset. */
const struct mc_rdf_quad *mc_rdf_dataset_quads(const struct mc_rdf_dataset *ds);
/* Add a copy of `q`: its strings are copied into the dataset. MC_ERR_TOO_LARGE past max_quads. */
enum mc_rc mc_rdf_dataset_add(struct mc_rdf_dataset *ds, const struct mc_rdf_quad *q,
                              struct mc_err *e);
/* Add `q` whose strings already live as long as the dataset (from mc_rdf_dataset_strdup). */
enum mc_rc mc_rdf_dataset_add_owned(struct mc_rdf_dataset *ds, const struct mc_rdf_quad *q,
                                    struct mc_err *e);
/* A copy of `s` in the dataset's storage. */
struct mc_str mc_rdf_dataset_strdup(struct mc_rdf_dataset *ds, struct mc_str s);
/* Drop every quad after the first `n` (no change if there are fewer), e.g. to undo a failed parse.
 * Their strings stay in the dataset's storage until the next reset. */
void mc_rdf_dataset_truncate(struct mc_rdf_dataset *ds, size_t n);

/*
 * N-Quads (RDF 1.1). Parsing appends to `ds`; errors are MC_ERR_INVALID with "line L, column C"
 * in e->where and a message that names what was expected (on error `ds` is left as it was).
 * Writing uses the canonical form RDFC-1.0 requires (the canonical N-Quads of RDF 1.2, which the
 * W3C test suite checks): in literals ECHAR for \b \t \n \f \r \" \\, \u00XX (upper-case hex) for
 * the other characters U+0000..U+001F and U+007F, everything else as UTF-8; no "^^xsd:string";
 * "@lang" for rdf:langString; one space between terms; " .\n" at the end.
 */
enum mc_rc mc_nquads_parse(struct mc_rdf_dataset *ds, const char *text, size_t len,
                           struct mc_err *e);
enum mc_rc mc_nquads_write_quad(struct mc_buf *out, const struct mc_rdf_quad *q, struct mc_err *e);
enum mc_rc mc_nquads_write(struct mc_buf *out, const struct mc_rdf_dataset *ds, struct mc_err *e);
/* One term in the same canonical form (nothing for MC_RDF_DEFAULT). */
enum mc_rc mc_nquads_write_term(struct mc_buf *out, const struct mc_rdf_term *t, struct mc_err *e);

/* RDFC-1.0 canonicalization. */
enum mc_rdfc_hash {
    MC_RDFC_SHA256 = 0,
    MC_RDFC_SHA384,
};

/*
 * The work limit bounds the part of RDFC-1.0 whose cost can grow exponentially, Hash N-Degree
 * Quads, in units of about the same cost: 1 per call, 1 per related blank node it hashes, and per
 * permutation tried 1 + its length (+ 1 per 64 identifiers in the issuer it copies). Everything
 * else is linear in the dataset. The default is about 50 times what the heaviest test of the W3C
 * suite needs (test044c, 9516) and stops the suite's poison clique (test074c) in well under a
 * second (about 0.1 s).
 */
#define MC_RDFC_DEFAULT_MAX_WORK 500000u

struct mc_rdfc_options {
    enum mc_rdfc_hash hash;
    uint64_t max_work; /* 0 picks MC_RDFC_DEFAULT_MAX_WORK */
};

/* A canonicalizer; reusable, so that steady-state work does not allocate. One thread at a time. */
struct mc_rdfc;

struct mc_rdfc *mc_rdfc_new(void);
void mc_rdfc_free(struct mc_rdfc *c);

/*
 * Canonicalize `ds` and append the canonical N-Quads (sorted in code point order, duplicates
 * removed) to `out`. `opt` may be NULL for the defaults. Errors: MC_ERR_TOO_LARGE with a message
 * that says the work limit was reached; MC_ERR_INVALID for a dataset that is not valid RDF.
 */
enum mc_rc mc_rdfc_canonicalize(struct mc_rdfc *c, const struct mc_rdf_dataset *ds,
                                const struct mc_rdfc_options *opt, struct mc_buf *out,
                                struct mc_err *e);

/*
 * The issued identifiers map of the last successful canonicalization: for i in [0, count), the
 * input blank node label (without "_:") and its canonical label ("c14n0", ...), in the order the
 * canonical labels were issued. Valid until the next call on `c`.
 */
size_t mc_rdfc_map_count(const struct mc_rdfc *c);
void mc_rdfc_map_get(const struct mc_rdfc *c, size_t i, struct mc_str *input,
                     struct mc_str *canonical);

/* The work the last call on `c` did, successful or not, in the units of max_work. */
uint64_t mc_rdfc_work(const struct mc_rdfc *c);

#ifdef __cplusplus
}
#endif

#endif
