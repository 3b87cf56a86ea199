/* SPDX-License-Identifier: Apache-2.0 */
/* The JSON-LD 1.1 Expansion Algorithm (§5.1.2) and Value Expansion (§5.3.2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "ld/iri.h"
#include "ld/jsonld-internal.h"

/* Prepend "/key" (or "/index") to the JSON pointer of an error's place, as the error unwinds. */
static void where_prepend(struct mc_err *e, const char *key)
{
    char buf[sizeof e->where];
    char esc[96];
    size_t el = mc_json_pointer_escape(key, esc, sizeof esc);
    size_t wl = strnlen(e->where, sizeof e->where - 1);
    if (1 + el + wl >= sizeof buf)
        return; /* too deep to say exactly; keep the innermost part */
    buf[0] = '/';
    memcpy(buf + 1, esc, el);
    memcpy(buf + 1 + el, e->where, wl + 1);
    memcpy(e->where, buf, sizeof buf);
}

static void where_prepend_index(struct mc_err *e, size_t i)
{
    char k[24];
    snprintf(k, sizeof k, "%zu", i);
    where_prepend(e, k);
}

static const struct ld_term *term_of(struct mc_ld *ld, const struct ld_ctx *c, const char *prop)
{
    return prop ? ld_term_get(ld, c, prop) : NULL;
}

static const char *expand_key(struct mc_ld *ld, const struct ld_ctx *c, const char *key)
{
    return ld_expand_iri(ld, c, key, false, true);
}

/* Add `value` to the array at obj[key] (Add Value with as array). Steals `value`. */
static void add_value(struct mc_arena *a, struct jv *obj, const char *key, struct jv *value)
{
    struct jv *arr = jv_get(obj, key);
    if (!arr) {
        arr = jv_new_array(a);
        jv_set(a, obj, key, arr);
    } else if (!jv_is_array(arr)) {
        struct jv *wrap = jv_new_array(a);
        jv_push(a, wrap, arr);
        jv_set(a, obj, key, wrap);
        arr = wrap;
    }
    if (jv_is_array(value))
        jv_extend(a, arr, value);
    else
        jv_push(a, arr, value);
}

static struct jv *as_array(struct mc_arena *a, struct jv *v)
{
    if (!v)
        return jv_new_array(a);
    if (jv_is_array(v))
        return v;
    struct jv *wrap = jv_new_array(a);
    jv_push(a, wrap, v);
    return wrap;
}

static bool is_value_object(struct jv *v)
{
    return jv_is_object(v) && jv_get(v, "@value");
}

static bool is_list_object(struct jv *v)
{
    return jv_is_object(v) && jv_get(v, "@list");
}

static bool is_graph_object(struct jv *v)
{
    if (!jv_is_object(v) || !jv_get(v, "@graph"))
        return false;
    const char *k;
    JV_FOREACH_KEY (v, k)
        if (strcmp(k, "@graph") != 0 && strcmp(k, "@id") != 0 && strcmp(k, "@index") != 0 &&
            strcmp(k, "@context") != 0)
            return false;
    return true;
}

/* {"@id": iri} */
static struct jv *ld_id_object(struct mc_ld *ld, const char *iri)
{
    struct jv *o = jv_new_object(ld->arena);
    jv_set(ld->arena, o, "@id", iri ? jv_new_string(ld->arena, iri) : &jv_null_value);
    return o;
}

/* Value Expansion (§5.3.2). */
static struct jv *expand_value(struct mc_ld *ld, const struct ld_ctx *active, const char *prop,
                               struct jv *value)
{
    const struct ld_term *t = term_of(ld, active, prop);
    const char *type = t ? t->type : NULL;
    if (type && jv_is_string(value)) {
        if (strcmp(type, "@id") == 0)
            return ld_id_object(ld, ld_expand_iri(ld, active, jv_str(value), true, false));
        if (strcmp(type, "@vocab") == 0)
            return ld_id_object(ld, ld_expand_iri(ld, active, jv_str(value), true, true));
    }
    struct jv *r = jv_new_object(ld->arena);
    jv_set(ld->arena, r, "@value", value);
    if (type && strcmp(type, "@id") != 0 && strcmp(type, "@vocab") != 0 &&
        strcmp(type, "@none") != 0) {
        jv_set(ld->arena, r, "@type", jv_new_string(ld->arena, type));
    } else if (jv_is_string(value)) {
        const char *lang = t && t->has_lang ? t->lang : active->lang;
        const char *dir = t && t->has_dir ? t->dir : active->dir;
        if (lang)
            jv_set(ld->arena, r, "@language", jv_new_string(ld->arena, lang));
        if (dir)
            jv_set(ld->arena, r, "@direction", jv_new_string(ld->arena, dir));
    }
    return r;
}

static enum mc_rc expand(struct mc_ld *ld, const struct ld_ctx *active, const char *prop,
                         struct jv *element, const char *base_url, bool from_map, struct jv **out,
                         struct mc_err *e);

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of an object, sorted (code point order, which is byte order in UTF-8). */
static const char **sorted_keys(struct mc_ld *ld, struct jv *obj, size_t *n)
{
    *n = jv_members(obj);
    const char **keys = mc_arena_alloc(ld->arena, (*n ? *n : 1) * sizeof *keys);
    size_t i = 0;
    const char *k;
    JV_FOREACH_KEY (obj, k)
        keys[i++] = k;
    qsort(keys, *n, sizeof *keys, cmp_str);
    return keys;
}

/* Apply a term's scoped context (property-scoped or type-scoped). */
static enum mc_rc apply_scoped(struct mc_ld *ld, const struct ld_ctx **active,
                               const struct ld_term *t, bool override_protected, bool propagate,
                               struct mc_err *e)
{
    return ld_process_context(ld, *active, t->context, t->context_stable, t->context_base,
                              override_protected, propagate, active, e);
}

struct entries {
    struct jv *result;
    struct jv *nests; /* array of nesting keys (strings) */
    const char *input_type;
};

static enum mc_rc expand_entries(struct mc_ld *ld, const struct ld_ctx *active,
                                 const struct ld_ctx *type_scoped, const char *prop,
                                 struct jv *element, const char *base_url, struct entries *en,
                                 struct mc_err *e);

/* The map forms of @language, @index, @id and @type containers (§5.1.2 steps 13.7, 13.8). */
static enum mc_rc expand_language_map(struct mc_ld *ld, const struct ld_ctx *active,
                                      const struct ld_term *t, struct jv *value, struct jv **out,
                                      struct mc_err *e)
{
    struct jv *result = jv_new_array(ld->arena);
    const char *dir = t && t->has_dir ? t->dir : active->dir;
    size_t n;
    const char **keys = sorted_keys(ld, value, &n);
    for (size_t i = 0; i < n; i++) {
        const char *lang = keys[i];
        struct jv *lv = jv_get(value, lang);
        size_t m = jv_is_array(lv) ? jv_size(lv) : 1;
        for (size_t j = 0; j < m; j++) {
            struct jv *item = jv_is_array(lv) ? jv_item(lv, j) : lv;
            if (jv_is_null(item))
                continue;
            if (!jv_is_string(item)) {
                where_prepend(e, lang);
                return LD_ERR(e, "invalid language map value",
                              "the values of a language map must be strings");
            }
            struct jv *v = jv_new_object(ld->arena);
            jv_set(ld->arena, v, "@value", item);
            if (strcmp(lang, "@none") != 0 && !ld_is_kw(expand_key(ld, active, lang), "@none")) {
                char *l = mc_arena_strdup(ld->arena, lang);
                for (char *p = l; *p; p++)
                    if (*p >= 'A' && *p <= 'Z')
                        *p = (char)(*p - 'A' + 'a');
                jv_set(ld->arena, v, "@language", jv_new_string(ld->arena, l));
            }
            if (dir)
                jv_set(ld->arena, v, "@direction", jv_new_string(ld->arena, dir));
            jv_push(ld->arena, result, v);
        }
    }
    *out = result;
    return MC_OK;
}

static enum mc_rc expand_index_map(struct mc_ld *ld, const struct ld_ctx *active, const char *key,
                                   const struct ld_term *t, struct jv *value, const char *base_url,
                                   struct jv **out, struct mc_err *e)
{
    unsigned c = t->container;
    const char *index_key = t->index ? t->index : "@index";
    struct jv *result = jv_new_array(ld->arena);
    size_t n;
    const char **keys = sorted_keys(ld, value, &n);
    enum mc_rc rc = MC_OK;
    for (size_t i = 0; i < n; i++) {
        const char *index = keys[i];
        struct jv *iv = jv_get(value, index);
        const struct ld_ctx *map_ctx = active;
        if (c & (LD_C_ID | LD_C_TYPE))
            map_ctx = active->previous ? active->previous : active;
        if (c & LD_C_TYPE) {
            const struct ld_term *it = ld_ctx_get(map_ctx, index);
            if (it && it->has_context && (rc = apply_scoped(ld, &map_ctx, it, false, true, e)))
                goto fail;
        } else {
            map_ctx = active;
        }
        const char *expanded_index = expand_key(ld, active, index);
        struct jv *items = NULL;
        struct jv *wrapped = jv_is_array(iv) ? iv : jv_as_array(ld->arena, iv);
        rc = expand(ld, map_ctx, key, wrapped, base_url, true, &items, e);
        if (rc)
            goto fail;
        items = as_array(ld->arena, items);
        size_t m = jv_size(items);
        for (size_t j = 0; j < m; j++) {
            struct jv *item = jv_item(items, j);
            if ((c & LD_C_GRAPH) && !is_graph_object(item)) {
                struct jv *g = jv_new_object(ld->arena);
                jv_set(ld->arena, g, "@graph", as_array(ld->arena, item));
                item = g;
            }
            if ((c & LD_C_INDEX) && strcmp(index_key, "@index") != 0 &&
                !ld_is_kw(expanded_index, "@none")) {
                struct jv *idx = jv_new_string(ld->arena, index);
                struct jv *re = expand_value(ld, active, index_key, idx);
                const char *eik = expand_key(ld, active, index_key);
                if (!eik || ld_is_keyword(eik)) {
                    rc = LD_ERR(e, "invalid term definition",
                                "the index property of \"%s\" is not a property IRI", key);
                    goto fail;
                }
                struct jv *vals = jv_new_array(ld->arena);
                jv_push(ld->arena, vals, re);
                struct jv *old = jv_get(item, eik);
                if (old) {
                    if (jv_is_array(old))
                        jv_extend(ld->arena, vals, old);
                    else
                        jv_push(ld->arena, vals, old);
                }
                jv_set(ld->arena, item, eik, vals);
                if (is_value_object(item)) {
                    rc = LD_ERR(e, "invalid value object",
                                "a value in an index map with a property index cannot be a "
                                "value object");
                    goto fail;
                }
            } else if ((c & LD_C_INDEX) && !jv_get(item, "@index") &&
                       !ld_is_kw(expanded_index, "@none")) {
                jv_set(ld->arena, item, "@index", jv_new_string(ld->arena, index));
            } else if ((c & LD_C_ID) && !jv_get(item, "@id") &&
                       !ld_is_kw(expanded_index, "@none")) {
                const char *id = ld_expand_iri(ld, active, index, true, false);
                jv_set(ld->arena, item, "@id", id ? jv_new_string(ld->arena, id) : &jv_null_value);
            } else if ((c & LD_C_TYPE) && !ld_is_kw(expanded_index, "@none")) {
                struct jv *types = jv_new_array(ld->arena);
                jv_push(ld->arena, types,
                        jv_new_string(ld->arena, expanded_index ? expanded_index : index));
                struct jv *old = jv_get(item, "@type");
                if (old) {
                    if (jv_is_array(old))
                        jv_extend(ld->arena, types, old);
                    else
                        jv_push(ld->arena, types, old);
                }
                jv_set(ld->arena, item, "@type", types);
            }
            jv_push(ld->arena, result, item);
        }
    }
    *out = result;
    return MC_OK;
fail:
    return rc;
}

/* Step 13.4: an entry whose key expands to a keyword. `done` is set when the entry was fully
 * handled (or dropped); otherwise *expanded is what goes into result[kw]. */
static enum mc_rc expand_keyword(struct mc_ld *ld, const struct ld_ctx *active,
                                 const struct ld_ctx *type_scoped, const char *prop,
                                 const char *key, const char *kw, struct jv *value,
                                 const char *base_url, struct entries *en, struct mc_err *e)
{
    bool v10 = ld->opt.mode == MC_LD_MODE_1_0;
    struct jv *result = en->result;
    struct jv *ev = NULL;
    enum mc_rc rc = MC_OK;

    if (ld_is_kw(prop, "@reverse"))
        return LD_ERR(e, "invalid reverse property map",
                      "a keyword (\"%s\") cannot be used in a @reverse map", key);
    if (jv_get(result, kw) && (v10 || (strcmp(kw, "@included") != 0 && strcmp(kw, "@type") != 0)))
        return LD_ERR(e, "colliding keywords", "%s is given twice (\"%s\")", kw, key);

    if (strcmp(kw, "@id") == 0) {
        if (!jv_is_string(value))
            return LD_ERR(e, "invalid @id value", "@id must be a string");
        const char *id = ld_expand_iri(ld, active, jv_str(value), true, false);
        /* A value that looks like a keyword expands to null; the node then has no usable id
         * and nothing refers to it in RDF. */
        jv_set(ld->arena, result, "@id", id ? jv_new_string(ld->arena, id) : &jv_null_value);
        return MC_OK;
    }
    if (strcmp(kw, "@type") == 0) {
        bool ok = jv_is_string(value);
        if (jv_is_array(value)) {
            ok = true;
            for (size_t i = 0; i < jv_size(value); i++)
                ok = ok && jv_is_string(jv_item(value, i));
        }
        if (!ok)
            return LD_ERR(e, "invalid type value", "@type must be a string or an array of strings");
        if (jv_is_string(value)) {
            const char *t = ld_expand_iri(ld, type_scoped, jv_str(value), true, true);
            ev = t ? jv_new_string(ld->arena, t) : jv_new_array(ld->arena);
        } else {
            ev = jv_new_array(ld->arena);
            for (size_t i = 0; i < jv_size(value); i++) {
                const char *t =
                        ld_expand_iri(ld, type_scoped, jv_str(jv_item(value, i)), true, true);
                if (t)
                    jv_push(ld->arena, ev, jv_new_string(ld->arena, t));
            }
        }
        struct jv *old = jv_get(result, "@type");
        if (old) {
            struct jv *all = jv_new_array(ld->arena);
            if (jv_is_array(old))
                jv_extend(ld->arena, all, old);
            else
                jv_push(ld->arena, all, old);
            if (jv_is_array(ev))
                jv_extend(ld->arena, all, ev);
            else
                jv_push(ld->arena, all, ev);
            ev = all;
        }
        jv_set(ld->arena, result, "@type", ev);
        return MC_OK;
    }
    if (strcmp(kw, "@graph") == 0) {
        if ((rc = expand(ld, active, "@graph", value, base_url, false, &ev, e)))
            return rc;
        ev = as_array(ld->arena, ev);
        jv_set(ld->arena, result, "@graph", ev);
        return MC_OK;
    }
    if (strcmp(kw, "@included") == 0) {
        if (v10)
            return MC_OK;
        /* Expanded as a property's value, so that strings, values and lists stay visible
         * to the check below instead of being dropped as free-floating. */
        if ((rc = expand(ld, active, "@included", value, base_url, false, &ev, e)))
            return rc;
        ev = as_array(ld->arena, ev);
        for (size_t i = 0; i < jv_size(ev); i++) {
            struct jv *x = jv_item(ev, i);
            if (!jv_is_object(x) || jv_get(x, "@value") || jv_get(x, "@list") ||
                jv_get(x, "@set")) {
                return LD_ERR(e, "invalid @included value", "@included must hold node objects");
            }
        }
        struct jv *old = jv_get(result, "@included");
        if (old) {
            struct jv *all = jv_copy(ld->arena, old);
            jv_extend(ld->arena, all, ev);
            ev = all;
        }
        jv_set(ld->arena, result, "@included", ev);
        return MC_OK;
    }
    if (strcmp(kw, "@value") == 0) {
        if (ld_is_kw(en->input_type, "@json")) {
            if (v10)
                return LD_ERR(e, "invalid value object value", "@json needs JSON-LD 1.1");
            jv_set(ld->arena, result, "@value", value);
            return MC_OK;
        }
        if (jv_is_object(value) || jv_is_array(value))
            return LD_ERR(e, "invalid value object value",
                          "@value must be a string, number, boolean or null");
        jv_set(ld->arena, result, "@value", value);
        return MC_OK;
    }
    if (strcmp(kw, "@language") == 0) {
        if (!jv_is_string(value))
            return LD_ERR(e, "invalid language-tagged string", "@language must be a string");
        char *l = mc_arena_strdup(ld->arena, jv_str(value));
        for (char *p = l; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        jv_set(ld->arena, result, "@language", jv_new_string(ld->arena, l));
        return MC_OK;
    }
    if (strcmp(kw, "@direction") == 0) {
        if (v10)
            return MC_OK;
        const char *d = jv_is_string(value) ? jv_str(value) : "";
        if (strcmp(d, "ltr") != 0 && strcmp(d, "rtl") != 0)
            return LD_ERR(e, "invalid base direction", "@direction must be \"ltr\" or \"rtl\"");
        jv_set(ld->arena, result, "@direction", value);
        return MC_OK;
    }
    if (strcmp(kw, "@index") == 0) {
        if (!jv_is_string(value))
            return LD_ERR(e, "invalid @index value", "@index must be a string");
        jv_set(ld->arena, result, "@index", value);
        return MC_OK;
    }
    if (strcmp(kw, "@list") == 0) {
        if (!prop || strcmp(prop, "@graph") == 0)
            return MC_OK;
        if ((rc = expand(ld, active, prop, value, base_url, false, &ev, e)))
            return rc;
        jv_set(ld->arena, result, "@list", as_array(ld->arena, ev));
        return MC_OK;
    }
    if (strcmp(kw, "@set") == 0) {
        if ((rc = expand(ld, active, prop, value, base_url, false, &ev, e)))
            return rc;
        jv_set(ld->arena, result, "@set", ev ? ev : &jv_null_value);
        return MC_OK;
    }
    if (strcmp(kw, "@reverse") == 0) {
        if (!jv_is_object(value))
            return LD_ERR(e, "invalid @reverse value", "@reverse must be an object");
        if ((rc = expand(ld, active, "@reverse", value, base_url, false, &ev, e)))
            return rc;
        if (!jv_is_object(ev)) {
            return MC_OK;
        }
        struct jv *rr = jv_get(ev, "@reverse");
        if (rr) {
            const char *p;
            struct jv *items;
            JV_FOREACH (rr, p, items)
                add_value(ld->arena, result, p, items);
        }
        const char *p;
        struct jv *items;
        struct jv *rmap = NULL;
        JV_FOREACH (ev, p, items) {
            if (strcmp(p, "@reverse") == 0)
                continue;
            if (!rmap) {
                rmap = jv_get(result, "@reverse");
                if (!rmap) {
                    rmap = jv_new_object(ld->arena);
                    jv_set(ld->arena, result, "@reverse", rmap);
                }
            }
            for (size_t i = 0; i < jv_size(items); i++) {
                struct jv *item = jv_item(items, i);
                if (is_value_object(item) || is_list_object(item)) {
                    return LD_ERR(e, "invalid reverse property value",
                                  "a reverse property cannot hold a value or a list");
                }
                add_value(ld->arena, rmap, p, item);
            }
        }
        return MC_OK;
    }
    if (strcmp(kw, "@nest") == 0) {
        jv_push(ld->arena, en->nests, jv_new_string(ld->arena, key));
        return MC_OK;
    }
    /* Other keywords (@context handled by the caller; framing keywords) are dropped. */
    return MC_OK;
}

/* Steps 13 and 14 of the expansion algorithm. */
static enum mc_rc expand_entries(struct mc_ld *ld, const struct ld_ctx *active,
                                 const struct ld_ctx *type_scoped, const char *prop,
                                 struct jv *element, const char *base_url, struct entries *en,
                                 struct mc_err *e)
{
    struct jv *result = en->result;
    const char *key;
    struct jv *value;
    enum mc_rc rc;
    size_t first_nest = jv_size(en->nests);
    JV_FOREACH (element, key, value) {
        if (key[0] == '@' && strcmp(key, "@context") == 0)
            continue;
        const char *ep = expand_key(ld, active, key);
        if (!ep || (!strchr(ep, ':') && !ld_is_keyword(ep)))
            continue;
        if (ld_is_keyword(ep)) {
            if ((rc = expand_keyword(ld, active, type_scoped, prop, key, ep, value, base_url, en,
                                     e))) {
                where_prepend(e, key);
                return rc;
            }
            continue;
        }
        const struct ld_term *t = ld_term_get(ld, active, key);
        unsigned c = t ? t->container : 0;
        struct jv *ev = NULL;
        rc = MC_OK;
        if (t && ld_is_kw(t->type, "@json")) {
            ev = jv_new_object(ld->arena);
            jv_set(ld->arena, ev, "@value", value);
            jv_set(ld->arena, ev, "@type", jv_new_string(ld->arena, "@json"));
        } else if ((c & LD_C_LANGUAGE) && jv_is_object(value)) {
            rc = expand_language_map(ld, active, t, value, &ev, e);
        } else if ((c & (LD_C_INDEX | LD_C_TYPE | LD_C_ID)) && jv_is_object(value)) {
            rc = expand_index_map(ld, active, key, t, value, base_url, &ev, e);
        } else {
            rc = expand(ld, active, key, value, base_url, false, &ev, e);
        }
        if (rc) {
            where_prepend(e, key);
            return rc;
        }
        if (!ev)
            continue;
        if ((c & LD_C_LIST) && !is_list_object(ev)) {
            struct jv *l = jv_new_object(ld->arena);
            jv_set(ld->arena, l, "@list", as_array(ld->arena, ev));
            ev = l;
        }
        if ((c & LD_C_GRAPH) && !(c & (LD_C_ID | LD_C_INDEX))) {
            ev = as_array(ld->arena, ev);
            struct jv *conv = jv_new_array(ld->arena);
            for (size_t i = 0; i < jv_size(ev); i++) {
                struct jv *g = jv_new_object(ld->arena);
                jv_set(ld->arena, g, "@graph", as_array(ld->arena, jv_item(ev, i)));
                jv_push(ld->arena, conv, g);
            }
            ev = conv;
        }
        if (t && t->reverse) {
            struct jv *rmap = jv_get(result, "@reverse");
            if (!rmap) {
                rmap = jv_new_object(ld->arena);
                jv_set(ld->arena, result, "@reverse", rmap);
            }
            ev = as_array(ld->arena, ev);
            for (size_t i = 0; i < jv_size(ev); i++) {
                struct jv *item = jv_item(ev, i);
                if (is_value_object(item) || is_list_object(item)) {
                    where_prepend(e, key);
                    return LD_ERR(e, "invalid reverse property value",
                                  "reverse property \"%s\" cannot hold a value or a list", key);
                }
            }
            add_value(ld->arena, rmap, ep, ev);
        } else {
            add_value(ld->arena, result, ep, ev);
        }
    }

    /* Step 14: nested properties. */
    size_t nn = jv_size(en->nests);
    for (size_t i = first_nest; i < nn; i++) {
        const char *nk = jv_str(jv_item(en->nests, i));
        struct jv *nv = jv_get(element, nk);
        size_t m = jv_is_array(nv) ? jv_size(nv) : 1;
        const struct ld_ctx *nest_ctx = active;
        const struct ld_term *nt = ld_ctx_get(active, nk);
        if (nt && nt->has_context && (rc = apply_scoped(ld, &nest_ctx, nt, true, true, e)))
            return rc;
        for (size_t j = 0; j < m; j++) {
            struct jv *x = jv_is_array(nv) ? jv_item(nv, j) : nv;
            bool bad = !jv_is_object(x);
            const char *k2;
            if (!bad)
                JV_FOREACH_KEY (x, k2)
                    if (ld_is_kw(expand_key(ld, nest_ctx, k2), "@value"))
                        bad = true;
            if (bad) {
                where_prepend(e, nk);
                return LD_ERR(e, "invalid @nest value",
                              "a nested value must be an object without @value");
            }
            if ((rc = expand_entries(ld, nest_ctx, type_scoped, prop, x, base_url, en, e))) {
                where_prepend(e, nk);
                return rc;
            }
        }
    }
    return MC_OK;
}

static enum mc_rc expand_object(struct mc_ld *ld, const struct ld_ctx *active, const char *prop,
                                struct jv *element, const char *base_url, bool from_map,
                                struct jv **out, struct mc_err *e)
{
    enum mc_rc rc;
    const struct ld_term *pt = term_of(ld, active, prop);
    /* Step 7: a term-scoped context does not apply to new node objects. */
    if (active->previous && !from_map) {
        bool has_value = false;
        bool only_id = jv_members(element) == 1;
        const char *k;
        JV_FOREACH_KEY (element, k) {
            const char *x = expand_key(ld, active, k);
            if (ld_is_kw(x, "@value"))
                has_value = true;
            if (!ld_is_kw(x, "@id"))
                only_id = false;
        }
        if (!has_value && !only_id)
            active = active->previous;
    }
    if (pt && pt->has_context && (rc = apply_scoped(ld, &active, pt, true, true, e)))
        return rc;
    struct jv *lc = jv_get(element, "@context");
    if (lc) {
        if ((rc = ld_process_context(ld, active, lc, false, base_url, false, true, &active, e))) {
            where_prepend(e, "@context");
            return rc;
        }
    }
    const struct ld_ctx *type_scoped = active;

    /* Steps 11, 12: type-scoped contexts, in the order of the sorted @type keys and values. */
    /* Only the keys that expand to @type are sorted: most objects have one or none. */
    size_t nk = 0;
    const char **keys = mc_arena_alloc(ld->arena, (jv_members(element) + 1) * sizeof *keys);
    const char *key;
    JV_FOREACH_KEY (element, key)
        if (ld_is_kw(expand_key(ld, active, key), "@type"))
            keys[nk++] = key;
    if (nk > 1)
        qsort(keys, nk, sizeof *keys, cmp_str);
    const char *input_type = NULL;
    bool first_type = true;
    for (size_t i = 0; i < nk; i++) {
        struct jv *tv = jv_get(element, keys[i]);
        size_t m = jv_is_array(tv) ? jv_size(tv) : 1;
        const char **terms = mc_arena_alloc(ld->arena, (m ? m : 1) * sizeof *terms);
        size_t nt = 0;
        for (size_t j = 0; j < m; j++) {
            struct jv *x = jv_is_array(tv) ? jv_item(tv, j) : tv;
            if (jv_is_string(x))
                terms[nt++] = jv_str(x);
        }
        qsort(terms, nt, sizeof *terms, cmp_str);
        for (size_t j = 0; j < nt; j++) {
            const struct ld_term *tt = ld_term_get(ld, type_scoped, terms[j]);
            if (tt && tt->has_context && (rc = apply_scoped(ld, &active, tt, false, false, e))) {
                where_prepend(e, keys[i]);
                return rc;
            }
        }
        if (first_type) {
            first_type = false;
            struct jv *last = jv_is_array(tv) ? jv_item(tv, m ? m - 1 : 0) : tv;
            if (jv_is_string(last))
                input_type = ld_expand_iri(ld, active, jv_str(last), true, true);
        }
    }

    struct entries en = { jv_new_object(ld->arena), jv_new_array(ld->arena), input_type };
    rc = expand_entries(ld, active, type_scoped, prop, element, base_url, &en, e);
    struct jv *result = en.result;
    if (rc) {
        return rc;
    }

    struct jv *v;
    if ((v = jv_get(result, "@value"))) {
        const char *k;
        struct jv *type = jv_get(result, "@type");
        JV_FOREACH_KEY (result, k) {
            if (strcmp(k, "@direction") != 0 && strcmp(k, "@index") != 0 &&
                strcmp(k, "@language") != 0 && strcmp(k, "@type") != 0 &&
                strcmp(k, "@value") != 0) {
                rc = LD_ERR(e, "invalid value object", "a value object cannot have \"%s\"", k);
                return rc;
            }
        }
        if (type && (jv_get(result, "@language") || jv_get(result, "@direction"))) {
            return LD_ERR(e, "invalid value object",
                          "a value object cannot have both @type and @language or @direction");
        }
        if (type && jv_is_string(type) && strcmp(jv_str(type), "@json") == 0) {
            /* a JSON literal: any value */
        } else if (jv_is_null(v) || (jv_is_array(v) && jv_size(v) == 0)) {
            *out = NULL;
            return MC_OK;
        } else if (!jv_is_string(v) && jv_get(result, "@language")) {
            return LD_ERR(e, "invalid language-tagged value",
                          "a value with @language must be a string");
        } else if (type && (!jv_is_string(type) || !mc_iri_is_well_formed(jv_str(type)))) {
            return LD_ERR(e, "invalid typed value", "the @type of a value must be an IRI");
        }
    } else if ((v = jv_get(result, "@type")) && !jv_is_array(v)) {
        jv_set(ld->arena, result, "@type", jv_as_array(ld->arena, v));
    } else if (jv_get(result, "@set") || jv_get(result, "@list")) {
        size_t n = jv_members(result);
        if (n > 2 || (n == 2 && !jv_get(result, "@index"))) {
            return LD_ERR(e, "invalid set or list object",
                          "a @set or @list object may only have @index besides it");
        }
        if ((v = jv_get(result, "@set"))) {
            struct jv *inner = v;
            result = jv_is_null(inner) ? NULL : inner;
            *out = result;
            return MC_OK;
        }
    }
    if (jv_members(result) == 1 && jv_get(result, "@language")) {
        *out = NULL;
        return MC_OK;
    }
    if (!prop || strcmp(prop, "@graph") == 0) {
        size_t n = jv_members(result);
        if (n == 0 || jv_get(result, "@value") || jv_get(result, "@list") ||
            (n == 1 && jv_get(result, "@id"))) {
            *out = NULL;
            return MC_OK;
        }
    }
    *out = result;
    return MC_OK;
}

static enum mc_rc expand(struct mc_ld *ld, const struct ld_ctx *active, const char *prop,
                         struct jv *element, const char *base_url, bool from_map, struct jv **out,
                         struct mc_err *e)
{
    *out = NULL;
    if (!element || jv_is_null(element))
        return MC_OK;
    if (++ld->depth > ld->opt.limits.max_depth) {
        ld->depth--;
        return LD_ERR(e, "context overflow", "nesting deeper than %zu levels",
                      ld->opt.limits.max_depth);
    }
    enum mc_rc rc = MC_OK;
    if (jv_is_array(element)) {
        const struct ld_term *pt = term_of(ld, active, prop);
        bool list = pt && (pt->container & LD_C_LIST);
        struct jv *result = jv_new_array(ld->arena);
        for (size_t i = 0; i < jv_size(element); i++) {
            struct jv *item = NULL;
            if ((rc = expand(ld, active, prop, jv_item(element, i), base_url, from_map, &item,
                             e))) {
                where_prepend_index(e, i);
                goto out;
            }
            if (list && jv_is_array(item)) {
                struct jv *l = jv_new_object(ld->arena);
                jv_set(ld->arena, l, "@list", item);
                item = l;
            }
            if (!item)
                continue;
            if (jv_is_array(item)) {
                jv_extend(ld->arena, result, item);
            } else {
                jv_push(ld->arena, result, item);
            }
        }
        *out = result;
    } else if (jv_is_object(element)) {
        rc = expand_object(ld, active, prop, element, base_url, from_map, out, e);
    } else {
        /* A scalar. */
        if (!prop || strcmp(prop, "@graph") == 0)
            goto out;
        const struct ld_term *pt = term_of(ld, active, prop);
        if (pt && pt->has_context && (rc = apply_scoped(ld, &active, pt, true, true, e)))
            goto out;
        *out = expand_value(ld, active, prop, element);
    }
out:
    ld->depth--;
    return rc;
}

enum mc_rc ld_expand(struct mc_ld *ld, struct jv *doc, const char *base, struct jv **out,
                     struct mc_err *e)
{
    const struct ld_ctx *active = ld_initial_ctx(ld, base);
    enum mc_rc rc;
    if (ld->opt.expand_context) {
        struct jv *ec;
        const char *ec_iri;
        struct mc_err sub;
        mc_err_clear(&sub);
        if (ld_load_document(ld, ld->opt.expand_context, &ec, &ec_iri, &sub))
            return LD_ERR(e, "loading remote context failed", "the expand context %s: %s",
                          ld->opt.expand_context, sub.msg);
        struct jv *c = jv_is_object(ec) && jv_get(ec, "@context") ? jv_get(ec, "@context") : ec;
        if ((rc = ld_process_context(ld, active, c, true, ec_iri, false, true, &active, e)))
            return rc;
    }
    struct jv *r = NULL;
    if ((rc = expand(ld, active, NULL, doc, base, false, &r, e)))
        return rc;
    if (jv_members(r) == 1 && jv_get(r, "@graph")) {
        struct jv *g = jv_get(r, "@graph");
        r = g;
    }
    *out = as_array(ld->arena, r);
    return MC_OK;
}
