/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Deserialize JSON-LD to RDF (JSON-LD 1.1 API §8.2), straight from the expanded form.
 *
 * The specification goes through a node map first; that only merges the descriptions of the same
 * node, which in RDF terms means the same triples may be produced twice. A dataset is a set, and
 * the canonical form drops duplicates, so walking the expanded tree gives the same dataset
 * without building the map.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/hash.h"
#include "base/jcs.h"
#include "ld/iri.h"
#include "ld/jsonld-internal.h"

#define XSD_BOOLEAN MC_RDF_XSD "boolean"
#define XSD_DOUBLE  MC_RDF_XSD "double"
#define XSD_INTEGER MC_RDF_XSD "integer"
#define RDF_TYPE    MC_RDF_NS "type"
#define RDF_FIRST   MC_RDF_NS "first"
#define RDF_REST    MC_RDF_NS "rest"
#define RDF_NIL     MC_RDF_NS "nil"
#define RDF_JSON    MC_RDF_NS "JSON"
#define RDF_VALUE   MC_RDF_NS "value"
#define RDF_LANG    MC_RDF_NS "language"
#define RDF_DIR     MC_RDF_NS "direction"
#define I18N        "https://www.w3.org/ns/i18n#"

void ld_rdf_writer_init(struct ld_rdf_writer *st, struct mc_ld *ld, struct mc_rdf_dataset *ds,
                        struct mc_err *e)
{
    *st = (struct ld_rdf_writer){ .ld = ld, .ds = ds, .e = e };
    mc_buf_init(&st->scratch, ld->opt.limits.max_document_bytes * 2 + 1024);
}

void ld_rdf_writer_free(struct ld_rdf_writer *st)
{
    mc_buf_free(&st->scratch);
}

static size_t iri_slot(const char *p, size_t mask)
{
    return (size_t)(((uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull) >> 20) & mask;
}

bool ld_rdf_well_formed_iri(struct ld_rdf_writer *st, const char *s)
{
    if ((st->iris_used + 1) * 2 > st->iris_cap) {
        size_t ncap = st->iris_cap ? st->iris_cap * 2 : 256;
        struct ld_rdf_checked_iri *n = mc_arena_calloc(st->ld->arena, ncap, sizeof *n);
        for (size_t i = 0; i < st->iris_cap; i++) {
            if (!st->iris[i].p)
                continue;
            size_t j = iri_slot(st->iris[i].p, ncap - 1);
            while (n[j].p)
                j = (j + 1) & (ncap - 1);
            n[j] = st->iris[i];
        }
        st->iris = n;
        st->iris_cap = ncap;
    }
    size_t mask = st->iris_cap - 1;
    size_t i = iri_slot(s, mask);
    for (; st->iris[i].p; i = (i + 1) & mask)
        if (st->iris[i].p == s)
            return st->iris[i].well_formed;
    st->iris[i] = (struct ld_rdf_checked_iri){ s, mc_iri_is_well_formed(s) };
    st->iris_used++;
    return st->iris[i].well_formed;
}

static struct mc_rdf_term iri_term(const char *s)
{
    return (struct mc_rdf_term){ .kind = MC_RDF_IRI, .value = mc_str_z(s) };
}

struct mc_rdf_term ld_rdf_fresh_bnode(struct ld_rdf_writer *st)
{
    /* "b" and the counter in decimal; not printf, which costs more than the rest of a node. */
    char digits[24];
    size_t n = 0;
    uint64_t v = st->ld->bnode_counter++;
    do
        digits[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    char *label = mc_arena_alloc(st->ld->arena, n + 2);
    label[0] = 'b';
    for (size_t i = 0; i < n; i++)
        label[1 + i] = digits[n - 1 - i];
    label[n + 1] = '\0';
    return (struct mc_rdf_term){ .kind = MC_RDF_BLANK, .value = { label, n + 1 } };
}

/* The generated label for an input blank node identifier ("_:x"). */
static struct mc_rdf_term mapped_bnode(struct ld_rdf_writer *st, const char *id)
{
    if ((st->bused + 1) * 2 > st->bcap) {
        size_t ncap = st->bcap ? st->bcap * 2 : 32;
        struct ld_rdf_bnode *nb = mc_arena_calloc(st->ld->arena, ncap, sizeof *nb);
        for (size_t i = 0; i < st->bcap; i++) {
            if (!st->bnodes[i].input)
                continue;
            size_t j = mc_hash_str(st->bnodes[i].input) & (ncap - 1);
            while (nb[j].input)
                j = (j + 1) & (ncap - 1);
            nb[j] = st->bnodes[i];
        }
        st->bnodes = nb;
        st->bcap = ncap;
    }
    size_t mask = st->bcap - 1;
    size_t i = mc_hash_str(id) & mask;
    for (; st->bnodes[i].input; i = (i + 1) & mask)
        if (strcmp(st->bnodes[i].input, id) == 0)
            return (struct mc_rdf_term){ .kind = MC_RDF_BLANK,
                                         .value = mc_str_z(st->bnodes[i].label) };
    struct mc_rdf_term t = ld_rdf_fresh_bnode(st);
    st->bnodes[i].input = id;
    st->bnodes[i].label = t.value.p;
    st->bused++;
    return t;
}

/* A term for a node identifier or IRI; false when it cannot be one (a relative IRI). */
bool ld_rdf_id_term(struct ld_rdf_writer *st, const char *id, struct mc_rdf_term *t)
{
    if (mc_iri_is_blank(id)) {
        *t = mapped_bnode(st, id);
        return true;
    }
    if (!ld_rdf_well_formed_iri(st, id))
        return false;
    *t = iri_term(id);
    return true;
}

enum mc_rc ld_rdf_emit(struct ld_rdf_writer *st, const struct ld_rdf_graph *g, struct mc_rdf_term s,
                       struct mc_rdf_term p, struct mc_rdf_term o)
{
    if (!g->ok)
        return MC_OK;
    struct mc_rdf_quad q = { s, p, o, g->name };
    /* Every string of a term lives in the document, the processor's arena for it or a context. */
    if (st->ld->opt.borrow_strings)
        return mc_rdf_dataset_add_owned(st->ds, &q, st->e);
    return mc_rdf_dataset_add(st->ds, &q, st->e);
}

static bool well_formed_language(const char *s)
{
    size_t run = 0;
    bool first = true;
    for (const char *p = s;; p++) {
        char c = *p;
        if (c == '-' || c == '\0') {
            if (run < 1 || run > 8)
                return false;
            if (c == '\0')
                return true;
            run = 0;
            first = false;
            continue;
        }
        bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        bool digit = c >= '0' && c <= '9';
        if (!(alpha || (!first && digit)))
            return false;
        run++;
    }
}

/* The canonical xsd:double form: d.dddE[-]n, as JSON-LD (after ECMAScript toExponential). */
static void format_double(double d, char out[64])
{
    if (d == 0)
        d = 0; /* no "-0" */
    char tmp[40];
    snprintf(tmp, sizeof tmp, "%.15E", d);
    char *ep = strchr(tmp, 'E');
    *ep = '\0';
    const char *x = ep + 1;
    bool neg = *x == '-';
    if (*x == '-' || *x == '+')
        x++;
    int exp = 0;
    for (; *x; x++)
        exp = exp * 10 + (*x - '0');
    size_t n = strlen(tmp);
    while (n > 0 && tmp[n - 1] == '0')
        n--;
    if (tmp[n - 1] == '.')
        tmp[n++] = '0';
    tmp[n] = '\0';
    snprintf(out, 64, "%sE%s%d", tmp, neg && exp ? "-" : "", exp);
}

static enum mc_rc node_to_rdf(struct ld_rdf_writer *st, struct jv *node,
                              const struct ld_rdf_graph *g, struct mc_rdf_term *subject,
                              bool *has_subject);
static enum mc_rc object_to_rdf(struct ld_rdf_writer *st, struct jv *item,
                                const struct ld_rdf_graph *g, struct mc_rdf_term *o, bool *ok);

static enum mc_rc list_to_rdf(struct ld_rdf_writer *st, struct jv *list,
                              const struct ld_rdf_graph *g, struct mc_rdf_term *head)
{
    size_t n = jv_size(list);
    if (n == 0) {
        *head = iri_term(RDF_NIL);
        return MC_OK;
    }
    struct mc_rdf_term cur = ld_rdf_fresh_bnode(st);
    *head = cur;
    for (size_t i = 0; i < n; i++) {
        struct mc_rdf_term o;
        bool ok;
        enum mc_rc rc = object_to_rdf(st, jv_item(list, i), g, &o, &ok);
        if (rc)
            return rc;
        if (ok && (rc = ld_rdf_emit(st, g, cur, iri_term(RDF_FIRST), o)))
            return rc;
        struct mc_rdf_term next = i + 1 < n ? ld_rdf_fresh_bnode(st) : iri_term(RDF_NIL);
        if ((rc = ld_rdf_emit(st, g, cur, iri_term(RDF_REST), next)))
            return rc;
        cur = next;
    }
    return MC_OK;
}

enum mc_rc ld_rdf_literal(struct ld_rdf_writer *st, struct jv *value, const char *datatype,
                          const char *lang, const char *dir, const struct ld_rdf_graph *g,
                          struct mc_rdf_term *o, bool *ok)
{
    struct mc_ld *ld = st->ld;
    *ok = false;
    if (datatype && strcmp(datatype, "@json") != 0 && !ld_rdf_well_formed_iri(st, datatype))
        return MC_OK;
    if (lang && !well_formed_language(lang))
        return MC_OK;

    struct mc_str lex;
    char num[64];
    if (datatype && strcmp(datatype, "@json") == 0) {
        mc_buf_reset(&st->scratch);
        /* JSON literals are rare: JCS runs on a jansson copy. */
        json_t *j = jv_to_jansson(value);
        enum mc_rc rc = mc_jcs_serialize(j, &st->scratch, st->e);
        json_decref(j);
        if (rc)
            return rc;
        lex = mc_str_z(mc_arena_memdupz(ld->arena, st->scratch.data ? st->scratch.data : "",
                                        st->scratch.len));
        datatype = RDF_JSON;
    } else if (jv_is_bool(value)) {
        lex = jv_is(value, JV_TRUE) ? MC_STR("true") : MC_STR("false");
        if (!datatype)
            datatype = XSD_BOOLEAN;
    } else if (jv_is(value, JV_NUMBER)) {
        double d = (value)->u.num;
        bool integral = isfinite(d) && d == floor(d) && fabs(d) < 1e21;
        if (!integral || (datatype && strcmp(datatype, XSD_DOUBLE) == 0)) {
            format_double(d, num);
            if (!datatype)
                datatype = XSD_DOUBLE;
        } else {
            snprintf(num, sizeof num, "%.0f", d == 0 ? 0.0 : d);
            if (!datatype)
                datatype = XSD_INTEGER;
        }
        lex = mc_str_z(mc_arena_strdup(ld->arena, num));
    } else if (jv_is_string(value)) {
        lex = (struct mc_str){ value->u.str, value->len };
        if (!datatype)
            datatype = lang ? MC_RDF_LANG_STRING : MC_RDF_XSD_STRING;
    } else {
        return MC_OK;
    }

    if (dir && ld->opt.rdf_direction == MC_LD_DIRECTION_I18N_DATATYPE) {
        char *l = mc_arena_strdup(ld->arena, lang ? lang : "");
        for (char *p = l; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        const char *dt = mc_arena_printf(ld->arena, I18N "%s_%s", l, dir);
        *o = (struct mc_rdf_term){ .kind = MC_RDF_LITERAL, .value = lex, .datatype = mc_str_z(dt) };
        *ok = true;
        return MC_OK;
    }
    if (dir && ld->opt.rdf_direction == MC_LD_DIRECTION_COMPOUND_LITERAL) {
        struct mc_rdf_term b = ld_rdf_fresh_bnode(st);
        struct mc_rdf_term lit = { .kind = MC_RDF_LITERAL,
                                   .value = lex,
                                   .datatype = MC_STR(MC_RDF_XSD_STRING) };
        enum mc_rc rc = ld_rdf_emit(st, g, b, iri_term(RDF_VALUE), lit);
        if (!rc && lang) {
            struct mc_rdf_term lt = { .kind = MC_RDF_LITERAL,
                                      .value = mc_str_z(lang),
                                      .datatype = MC_STR(MC_RDF_XSD_STRING) };
            rc = ld_rdf_emit(st, g, b, iri_term(RDF_LANG), lt);
        }
        if (!rc) {
            struct mc_rdf_term dt = { .kind = MC_RDF_LITERAL,
                                      .value = mc_str_z(dir),
                                      .datatype = MC_STR(MC_RDF_XSD_STRING) };
            rc = ld_rdf_emit(st, g, b, iri_term(RDF_DIR), dt);
        }
        if (rc)
            return rc;
        *o = b;
        *ok = true;
        return MC_OK;
    }
    *o = (struct mc_rdf_term){ .kind = MC_RDF_LITERAL,
                               .value = lex,
                               .datatype = mc_str_z(datatype) };
    if (lang && strcmp(datatype, MC_RDF_LANG_STRING) == 0)
        o->lang = mc_str_z(lang);
    *ok = true;
    return MC_OK;
}

/* Object to RDF Conversion (§8.3) for a value object. */
static enum mc_rc value_to_rdf(struct ld_rdf_writer *st, struct jv *item,
                               const struct ld_rdf_graph *g, struct mc_rdf_term *o, bool *ok)
{
    struct jv *jt = jv_get(item, "@type");
    struct jv *jl = jv_get(item, "@language");
    struct jv *jd = jv_get(item, "@direction");
    return ld_rdf_literal(st, jv_get(item, "@value"), jv_is_string(jt) ? jv_str(jt) : NULL,
                          jv_is_string(jl) ? jv_str(jl) : NULL,
                          jv_is_string(jd) ? jv_str(jd) : NULL, g, o, ok);
}

static enum mc_rc object_to_rdf(struct ld_rdf_writer *st, struct jv *item,
                                const struct ld_rdf_graph *g, struct mc_rdf_term *o, bool *ok)
{
    *ok = false;
    if (!jv_is_object(item))
        return MC_OK;
    if (jv_get(item, "@value"))
        return value_to_rdf(st, item, g, o, ok);
    struct jv *list = jv_get(item, "@list");
    if (list) {
        *ok = true;
        return list_to_rdf(st, list, g, o);
    }
    return node_to_rdf(st, item, g, o, ok);
}

static enum mc_rc predicate_term(struct ld_rdf_writer *st, const char *p, struct mc_rdf_term *t,
                                 bool *ok)
{
    *ok = false;
    if (mc_iri_is_blank(p)) {
        if (st->ld->opt.generalized) {
            *t = mapped_bnode(st, p);
            *ok = true;
        }
        return MC_OK;
    }
    if (ld_rdf_well_formed_iri(st, p)) {
        *t = iri_term(p);
        *ok = true;
    }
    return MC_OK;
}

/* Writes the triples of a node object (and of the nodes in it) and gives its subject. */
static enum mc_rc node_to_rdf(struct ld_rdf_writer *st, struct jv *node,
                              const struct ld_rdf_graph *g, struct mc_rdf_term *subject,
                              bool *has_subject)
{
    enum mc_rc rc;
    struct jv *jid = jv_get(node, "@id");
    struct mc_rdf_term s;
    bool s_ok = true;
    if (jv_is_string(jid))
        s_ok = ld_rdf_id_term(st, jv_str(jid), &s);
    else if (jid)
        s_ok = false; /* null: an id that was dropped */
    else
        s = ld_rdf_fresh_bnode(st);
    /* A node whose id is not an IRI writes nothing of its own; nodes in it still count. */
    struct ld_rdf_graph own = *g;
    if (!s_ok)
        own.ok = false;

    const char *key;
    struct jv *values;
    JV_FOREACH (node, key, values) {
        bool kw = key[0] == '@'; /* most keys are IRIs: no keyword comparisons for them */
        if (kw && strcmp(key, "@type") == 0) {
            for (size_t i = 0; i < jv_size(values); i++) {
                struct jv *t = jv_item(values, i);
                struct mc_rdf_term tt;
                if (jv_is_string(t) && ld_rdf_id_term(st, jv_str(t), &tt) &&
                    (rc = ld_rdf_emit(st, &own, s, iri_term(RDF_TYPE), tt)))
                    return rc;
            }
            continue;
        }
        if (kw && strcmp(key, "@graph") == 0) {
            /* A named graph: its name is the node, whatever graph the node is in. */
            struct ld_rdf_graph inner = { s, s_ok };
            for (size_t i = 0; i < jv_size(values); i++) {
                struct mc_rdf_term ignored;
                bool iok;
                if ((rc = object_to_rdf(st, jv_item(values, i), &inner, &ignored, &iok)))
                    return rc;
            }
            continue;
        }
        if (kw && strcmp(key, "@included") == 0) {
            for (size_t i = 0; i < jv_size(values); i++) {
                struct mc_rdf_term ignored;
                bool iok;
                if ((rc = node_to_rdf(st, jv_item(values, i), g, &ignored, &iok)))
                    return rc;
            }
            continue;
        }
        if (kw && strcmp(key, "@reverse") == 0) {
            const char *rp;
            struct jv *rv;
            JV_FOREACH (values, rp, rv) {
                struct mc_rdf_term p;
                bool p_ok;
                predicate_term(st, rp, &p, &p_ok);
                for (size_t i = 0; i < jv_size(rv); i++) {
                    struct mc_rdf_term rs;
                    bool rs_ok;
                    if ((rc = node_to_rdf(st, jv_item(rv, i), g, &rs, &rs_ok)))
                        return rc;
                    if (p_ok && rs_ok && s_ok && (rc = ld_rdf_emit(st, g, rs, p, s)))
                        return rc;
                }
            }
            continue;
        }
        if (kw)
            continue;
        struct mc_rdf_term p;
        bool p_ok;
        predicate_term(st, key, &p, &p_ok);
        for (size_t i = 0; i < jv_size(values); i++) {
            struct mc_rdf_term o;
            bool o_ok;
            if ((rc = object_to_rdf(st, jv_item(values, i), &own, &o, &o_ok)))
                return rc;
            if (p_ok && o_ok && (rc = ld_rdf_emit(st, &own, s, p, o)))
                return rc;
        }
    }
    *subject = s;
    *has_subject = s_ok;
    return MC_OK;
}

enum mc_rc ld_expanded_to_rdf(struct mc_ld *ld, struct jv *expanded, struct mc_rdf_dataset *ds,
                              struct mc_err *e)
{
    struct ld_rdf_writer st;
    ld_rdf_writer_init(&st, ld, ds, e);
    struct ld_rdf_graph dflt = { { .kind = MC_RDF_DEFAULT }, true };
    enum mc_rc rc = MC_OK;
    for (size_t i = 0; i < jv_size(expanded) && !rc; i++) {
        struct jv *item = jv_item(expanded, i);
        struct mc_rdf_term ignored;
        bool ok;
        if (jv_is_object(item) && !jv_get(item, "@value") && !jv_get(item, "@list"))
            rc = node_to_rdf(&st, item, &dflt, &ignored, &ok);
    }
    ld_rdf_writer_free(&st);
    return rc;
}
