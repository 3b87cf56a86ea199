/* SPDX-License-Identifier: Apache-2.0 */
/* RDF datasets: a growable array of quads whose strings live in the dataset's arena. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "mcred/rdf.h"

struct mc_rdf_dataset {
    struct mc_arena *arena; /* every string of every quad */
    struct mc_rdf_quad *quads;
    size_t n, cap, max;
};

/* Big enough that a typical credential's strings fit in the first block, which reset keeps. */
#define ARENA_BLOCK 16384

struct mc_rdf_dataset *mc_rdf_dataset_new(size_t max_quads)
{
    struct mc_rdf_dataset *ds = mc_xcalloc(1, sizeof *ds);
    ds->arena = mc_arena_new(ARENA_BLOCK);
    ds->max = max_quads ? max_quads : MC_RDF_DEFAULT_MAX_QUADS;
    return ds;
}

void mc_rdf_dataset_free(struct mc_rdf_dataset *ds)
{
    if (!ds)
        return;
    mc_arena_free(ds->arena);
    free(ds->quads);
    free(ds);
}

void mc_rdf_dataset_reset(struct mc_rdf_dataset *ds)
{
    mc_arena_reset(ds->arena);
    ds->n = 0;
}

size_t mc_rdf_dataset_count(const struct mc_rdf_dataset *ds)
{
    return ds->n;
}

const struct mc_rdf_quad *mc_rdf_dataset_quads(const struct mc_rdf_dataset *ds)
{
    return ds->quads;
}

void mc_rdf_dataset_truncate(struct mc_rdf_dataset *ds, size_t n)
{
    if (n < ds->n)
        ds->n = n;
}

struct mc_str mc_rdf_dataset_strdup(struct mc_rdf_dataset *ds, struct mc_str s)
{
    if (s.len == 0)
        return (struct mc_str){ "", 0 };
    /* The two datatypes almost every literal has are shared instead of copied. */
    if (s.len == sizeof MC_RDF_XSD_STRING - 1 && mc_str_eq(s, MC_STR(MC_RDF_XSD_STRING)))
        return MC_STR(MC_RDF_XSD_STRING);
    if (s.len == sizeof MC_RDF_LANG_STRING - 1 && mc_str_eq(s, MC_STR(MC_RDF_LANG_STRING)))
        return MC_STR(MC_RDF_LANG_STRING);
    char *p = mc_arena_alloc(ds->arena, s.len);
    memcpy(p, s.p, s.len);
    return (struct mc_str){ p, s.len };
}

static struct mc_rdf_term term_dup(struct mc_rdf_dataset *ds, const struct mc_rdf_term *t)
{
    struct mc_rdf_term r = { .kind = t->kind };
    r.value = mc_rdf_dataset_strdup(ds, t->value);
    r.datatype = mc_rdf_dataset_strdup(ds, t->datatype);
    r.lang = mc_rdf_dataset_strdup(ds, t->lang);
    return r;
}

enum mc_rc mc_rdf_dataset_add_owned(struct mc_rdf_dataset *ds, const struct mc_rdf_quad *q,
                                    struct mc_err *e)
{
    if (ds->n >= ds->max)
        return mc_err_set(e, MC_ERR_TOO_LARGE,
                          "the dataset has more than %zu quads, the most allowed", ds->max);
    if (ds->n == ds->cap) {
        size_t cap = ds->cap ? ds->cap * 2 : 64;
        if (cap > ds->max)
            cap = ds->max;
        ds->quads = mc_xreallocarray(ds->quads, cap, sizeof *ds->quads);
        ds->cap = cap;
    }
    ds->quads[ds->n++] = *q;
    return MC_OK;
}

enum mc_rc mc_rdf_dataset_add(struct mc_rdf_dataset *ds, const struct mc_rdf_quad *q,
                              struct mc_err *e)
{
    /* Check first, so that a refused quad leaves no strings behind. */
    if (ds->n >= ds->max)
        return mc_rdf_dataset_add_owned(ds, q, e);
    struct mc_rdf_quad c = {
        .subject = term_dup(ds, &q->subject),
        .predicate = term_dup(ds, &q->predicate),
        .object = term_dup(ds, &q->object),
        .graph = term_dup(ds, &q->graph),
    };
    return mc_rdf_dataset_add_owned(ds, &c, e);
}
