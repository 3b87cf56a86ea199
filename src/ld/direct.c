/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JSON-LD to RDF in one walk over the compacted document, for the documents credentials are:
 * node objects with ids, types and properties whose values are strings, numbers, booleans or
 * more node objects. The steps are those of the Expansion Algorithm (§5.1.2: contexts, the
 * revert of type-scoped contexts, property-scoped and type-scoped contexts, IRI and value
 * expansion, through the same functions expand.c calls) and of Object to RDF Conversion (§8.3,
 * through tordf.c's writer); what is skipped is the expanded tree between them, which costs more
 * than the rest. Anything this walk does not handle makes it give up without a trace, and the
 * document takes the full path, which also reports every error.
 */
#include <stdlib.h>
#include <string.h>

#include "ld/iri.h"
#include "ld/jsonld-internal.h"

#define RDF_TYPE  MC_RDF_NS "type"
#define RDF_FIRST MC_RDF_NS "first"
#define RDF_REST  MC_RDF_NS "rest"
#define RDF_NIL   MC_RDF_NS "nil"

/* Give up well before the depth at which the full path reports an error (it counts arrays and
 * scalars as levels too). */
#define DEPTH_MARGIN 8
/* Keys of a node whose expansion node() keeps between its two loops over the members. */
#define KEPT_EXPANSIONS 32

struct direct {
    struct mc_ld *ld;
    struct ld_rdf_writer w;
    struct mc_err err; /* errors are never reported from here: the full path does that */
    size_t depth;
};

/*
 * A key expanded as a property (IRI expansion with vocab). For a term that is its IRI mapping
 * (§5.2.2 steps 3 and 4), so the term lookup the property needs anyway answers it; only other
 * keys (compact IRIs, keywords, IRIs) go through the whole algorithm.
 */
static const char *expand_key(struct mc_ld *ld, const struct ld_ctx *c, const char *key)
{
    if (key[0] == '@')
        return ld_expand_iri(ld, c, key, false, true);
    const struct ld_term *t = ld_term_get(ld, c, key);
    return t ? t->iri : ld_expand_iri(ld, c, key, false, true);
}

/* Keys that expand to nothing, or to a relative IRI, are dropped by expansion. */
static inline bool dropped(const char *ep)
{
    return !ep || (ep[0] != '@' && !strchr(ep, ':'));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool apply_scoped(struct direct *d, const struct ld_ctx **active, const struct ld_term *t,
                         bool override_protected, bool propagate)
{
    return ld_process_context(d->ld, *active, t->context, t->context_stable, t->context_base,
                              override_protected, propagate, active, &d->err) == MC_OK;
}

static bool node(struct direct *d, const struct ld_ctx *active, const char *prop,
                 struct jv *element, const struct ld_rdf_graph *g, struct mc_rdf_term *subject,
                 bool *has_subject);

/* A string, number or boolean value of property `key` (Value Expansion, §5.3.2). */
static bool scalar(struct direct *d, const struct ld_ctx *active, const char *key,
                   const struct ld_term *t, struct jv *value, const struct ld_rdf_graph *g,
                   struct mc_rdf_term *o, bool *o_ok)
{
    struct mc_ld *ld = d->ld;
    if (t && t->has_context) {
        if (!apply_scoped(d, &active, t, true, true))
            return false;
        t = ld_term_get(ld, active, key);
    }
    const char *type = t ? t->type : NULL;
    if (type && jv_is_string(value) && (ld_is_kw(type, "@id") || ld_is_kw(type, "@vocab"))) {
        const char *id = ld_expand_iri(ld, active, jv_str(value), true, type[1] == 'v');
        *o_ok = id && ld_rdf_id_term(&d->w, id, o);
        return true;
    }
    const char *datatype = NULL;
    if (type && !ld_is_kw(type, "@id") && !ld_is_kw(type, "@vocab") && !ld_is_kw(type, "@none")) {
        datatype = type;
    } else if (jv_is_string(value)) {
        const char *lang = t && t->has_lang ? t->lang : active->lang;
        const char *dir = t && t->has_dir ? t->dir : active->dir;
        if (lang || dir)
            return false;
    }
    return ld_rdf_literal(&d->w, value, datatype, NULL, NULL, g, o, o_ok) == MC_OK;
}

/* The items of a property's value (an array's, or the value itself), nulls left out. */
struct items {
    struct jv *value;
    size_t next, n;
};

static struct items items_of(struct jv *value)
{
    return (struct items){ value, 0, jv_is_array(value) ? jv_size(value) : 1 };
}

static struct jv *next_item(struct items *it)
{
    while (it->next < it->n) {
        size_t i = it->next++;
        struct jv *item = jv_is_array(it->value) ? jv_item(it->value, i) : it->value;
        if (!jv_is_null(item))
            return item;
    }
    return NULL;
}

/* The RDF term of one item of a property's value: a node object or a scalar. */
static bool item_term(struct direct *d, const struct ld_ctx *active, const char *key,
                      const struct ld_term *t, struct jv *item, const struct ld_rdf_graph *own,
                      struct mc_rdf_term *o, bool *o_ok)
{
    *o_ok = false;
    if (jv_is_array(item))
        return false; /* an array in an array: a list of lists, or flattened */
    if (jv_is_object(item))
        return node(d, active, key, item, own, o, o_ok);
    return scalar(d, active, key, t, item, own, o, o_ok);
}

/* A @list container's value as an RDF collection (§8.4); *head is its first node or rdf:nil. */
static bool list(struct direct *d, const struct ld_ctx *active, const char *key,
                 const struct ld_term *t, struct jv *value, const struct ld_rdf_graph *own,
                 struct mc_rdf_term *head)
{
    static const struct mc_rdf_term first = { .kind = MC_RDF_IRI, .value = MC_STR(RDF_FIRST) };
    static const struct mc_rdf_term rest = { .kind = MC_RDF_IRI, .value = MC_STR(RDF_REST) };
    static const struct mc_rdf_term nil = { .kind = MC_RDF_IRI, .value = MC_STR(RDF_NIL) };
    size_t left = 0;
    struct items it = items_of(value);
    while (next_item(&it))
        left++;
    if (left == 0) {
        *head = nil;
        return true;
    }
    struct mc_rdf_term cell = ld_rdf_fresh_bnode(&d->w);
    *head = cell;
    it = items_of(value);
    for (struct jv *item; (item = next_item(&it));) {
        struct mc_rdf_term o;
        bool o_ok;
        if (!item_term(d, active, key, t, item, own, &o, &o_ok))
            return false;
        if (o_ok && ld_rdf_emit(&d->w, own, cell, first, o))
            return false;
        struct mc_rdf_term next = --left ? ld_rdf_fresh_bnode(&d->w) : nil;
        if (ld_rdf_emit(&d->w, own, cell, rest, next))
            return false;
        cell = next;
    }
    return true;
}

/* The triples of one property of a node whose subject is `s` (written into `own`). */
static bool property(struct direct *d, const struct ld_ctx *active, const char *key, const char *ep,
                     struct jv *value, struct mc_rdf_term s, const struct ld_rdf_graph *own)
{
    struct mc_ld *ld = d->ld;
    if (mc_iri_is_blank(ep))
        return false; /* a blank node predicate: generalized RDF or nothing */
    const struct ld_term *t = ld_term_get(ld, active, key);
    unsigned c = t ? t->container : 0;
    if (t && (t->reverse || (c & ~(unsigned)(LD_C_SET | LD_C_LIST)) || ld_is_kw(t->type, "@json")))
        return false;
    struct mc_rdf_term p = { .kind = MC_RDF_IRI, .value = mc_str_z(ep) };
    /* Most predicates are a term's IRI, checked when the term was defined. */
    bool p_ok = (t && t->iri == ep && t->iri_well_formed) || ld_rdf_well_formed_iri(&d->w, ep);
    if (c & LD_C_LIST) {
        struct mc_rdf_term head;
        if (jv_is_null(value))
            return true;
        return list(d, active, key, t, value, own, &head) &&
               !(p_ok && ld_rdf_emit(&d->w, own, s, p, head));
    }
    struct items it = items_of(value);
    for (struct jv *item; (item = next_item(&it));) {
        struct mc_rdf_term o;
        bool o_ok;
        if (!item_term(d, active, key, t, item, own, &o, &o_ok))
            return false;
        if (p_ok && o_ok && ld_rdf_emit(&d->w, own, s, p, o))
            return false;
    }
    return true;
}

/* Step 7 of §5.1.2: a type-scoped context is left behind by a new node object. */
static const struct ld_ctx *revert_type_scoped(struct direct *d, const struct ld_ctx *active,
                                               struct jv *element, bool *value_object)
{
    bool has_value = false;
    bool only_id = jv_members(element) == 1;
    const char *k;
    JV_FOREACH_KEY (element, k) {
        const char *x = ld_key_keyword(d->ld, active, k);
        if (ld_is_kw(x, "@value"))
            has_value = true;
        if (!ld_is_kw(x, "@id"))
            only_id = false;
    }
    *value_object = has_value;
    return has_value || only_id ? active : active->previous;
}

/* Steps 11 and 12: the type-scoped contexts, in the order of the sorted @type keys and values. */
static bool apply_type_scoped(struct direct *d, const struct ld_ctx **active,
                              const struct ld_ctx *type_scoped, struct jv *element)
{
    struct mc_ld *ld = d->ld;
    const char *keys[8];
    size_t nk = 0;
    const char *key;
    JV_FOREACH_KEY (element, key) {
        if (!ld_is_kw(ld_key_keyword(ld, *active, key), "@type"))
            continue;
        if (nk == sizeof keys / sizeof *keys)
            return false;
        keys[nk++] = key;
    }
    if (nk > 1)
        qsort(keys, nk, sizeof *keys, cmp_str);
    for (size_t i = 0; i < nk; i++) {
        struct jv *tv = jv_get(element, keys[i]);
        bool many = jv_is_array(tv);
        size_t m = many ? jv_size(tv) : 1;
        const char *terms[16];
        size_t nt = 0;
        for (size_t j = 0; j < m; j++) {
            struct jv *x = many ? jv_item(tv, j) : tv;
            if (!jv_is_string(x) || nt == sizeof terms / sizeof *terms)
                return false; /* not a string: an error the full path reports */
            terms[nt++] = jv_str(x);
        }
        if (nt > 1)
            qsort(terms, nt, sizeof *terms, cmp_str);
        for (size_t j = 0; j < nt; j++) {
            const struct ld_term *tt = ld_term_get(ld, type_scoped, terms[j]);
            if (tt && tt->has_context && !apply_scoped(d, active, tt, false, false))
                return false;
        }
    }
    return true;
}

/* A node object: its subject, its types, its properties, and the nodes in them. */
static bool node(struct direct *d, const struct ld_ctx *active, const char *prop,
                 struct jv *element, const struct ld_rdf_graph *g, struct mc_rdf_term *subject,
                 bool *has_subject)
{
    struct mc_ld *ld = d->ld;
    if (++d->depth + DEPTH_MARGIN > ld->opt.limits.max_depth)
        return false;
    const struct ld_term *pt = prop ? ld_term_get(ld, active, prop) : NULL;
    if (active->previous) {
        bool value_object;
        active = revert_type_scoped(d, active, element, &value_object);
        if (value_object)
            return false;
    }
    if (pt && pt->has_context && !apply_scoped(d, &active, pt, true, true))
        return false;
    struct jv *lc = jv_get(element, "@context");
    if (lc &&
        ld_process_context(ld, active, lc, false, ld->opt.base, false, true, &active, &d->err))
        return false;
    const struct ld_ctx *type_scoped = active;
    if (!apply_type_scoped(d, &active, type_scoped, element))
        return false;

    /* The keywords first: the subject must be known before any triple is written. Each key's
     * expansion is kept for the second loop (nodes of more members expand the rest again). */
    const char *id = NULL;
    bool has_id = false;
    const char *expanded[KEPT_EXPANSIONS];
    uint32_t members = jv_members(element);
    for (uint32_t m = 0; m < members; m++) {
        const char *key = element->u.members[m].key;
        struct jv *value = element->u.members[m].value;
        if (key[0] == '@' && strcmp(key, "@context") == 0)
            continue;
        const char *ep = expand_key(ld, active, key);
        if (m < KEPT_EXPANSIONS)
            expanded[m] = ep;
        if (dropped(ep) || ep[0] != '@')
            continue;
        if (ld_is_kw(ep, "@id")) {
            if (has_id || !jv_is_string(value))
                return false;
            has_id = true;
            id = ld_expand_iri(ld, active, jv_str(value), true, false);
        } else if (ld_is_kw(ep, "@type")) {
            for (size_t i = 0; i < jv_size(value); i++)
                if (!jv_is_string(jv_item(value, i)))
                    return false;
            if (!jv_is_string(value) && !jv_is_array(value))
                return false;
        } else {
            return false; /* values, lists, sets, graphs, @reverse, @nest, @included... */
        }
    }
    struct mc_rdf_term s;
    bool s_ok = true;
    if (!has_id)
        s = ld_rdf_fresh_bnode(&d->w);
    else
        s_ok = id && ld_rdf_id_term(&d->w, id, &s);
    /* A node whose id is not an IRI writes nothing of its own; nodes in it still count. */
    struct ld_rdf_graph own = *g;
    own.ok = own.ok && s_ok;

    for (uint32_t m = 0; m < members; m++) {
        const char *key = element->u.members[m].key;
        struct jv *value = element->u.members[m].value;
        if (key[0] == '@' && strcmp(key, "@context") == 0)
            continue;
        const char *ep = m < KEPT_EXPANSIONS ? expanded[m] : expand_key(ld, active, key);
        if (dropped(ep) || ld_is_kw(ep, "@id"))
            continue;
        if (!ld_is_kw(ep, "@type")) {
            if (!property(d, active, key, ep, value, s, &own))
                return false;
            continue;
        }
        bool many = jv_is_array(value);
        size_t n = many ? jv_size(value) : 1;
        struct mc_rdf_term rdf_type = { .kind = MC_RDF_IRI, .value = MC_STR(RDF_TYPE) };
        for (size_t i = 0; i < n; i++) {
            const char *v = jv_str(many ? jv_item(value, i) : value);
            const char *t = ld_expand_iri(ld, type_scoped, v, true, true);
            if (!t)
                continue;
            /* Most types are a term's IRI, checked when the term was defined. */
            const struct ld_term *tdef = v[0] == '@' ? NULL : ld_term_get(ld, type_scoped, v);
            struct mc_rdf_term tt = { .kind = MC_RDF_IRI, .value = mc_str_z(t) };
            bool ok = (tdef && tdef->iri == t && tdef->iri_well_formed) ||
                      ld_rdf_id_term(&d->w, t, &tt);
            if (ok && ld_rdf_emit(&d->w, &own, s, rdf_type, tt))
                return false;
        }
    }
    d->depth--;
    *subject = s;
    *has_subject = s_ok;
    return true;
}

bool ld_direct_to_rdf(struct mc_ld *ld, struct jv *doc, struct mc_rdf_dataset *ds)
{
    if (!jv_is_object(doc) || ld->opt.expand_context || ld->opt.mode != MC_LD_MODE_1_1)
        return false;
    /* What the full path needs as it was, should this walk give up. */
    size_t quads = mc_rdf_dataset_count(ds);
    uint64_t bnodes = ld->bnode_counter;
    size_t contexts = ld->contexts_processed, term_work = ld->term_work;

    struct direct d = { .ld = ld };
    ld_rdf_writer_init(&d.w, ld, ds, &d.err);
    struct ld_rdf_graph dflt = { { .kind = MC_RDF_DEFAULT }, true };
    struct mc_rdf_term s;
    bool s_ok;
    bool ok = node(&d, ld_initial_ctx(ld, ld->opt.base), NULL, doc, &dflt, &s, &s_ok);
    ld_rdf_writer_free(&d.w);
    if (!ok) {
        mc_rdf_dataset_truncate(ds, quads);
        ld->bnode_counter = bnodes;
        ld->contexts_processed = contexts;
        ld->term_work = term_work;
    }
    return ok;
}
