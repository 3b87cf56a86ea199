/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Context processing, term definitions and IRI expansion (JSON-LD 1.1 API §4.1, §4.2, §5.2).
 *
 * Processed contexts are cached: a context that comes from a cached remote document applied to a
 * cached context always gives the same result, so it is computed once per processor. Cached
 * contexts live in the cache arena and are never changed; a context being built is a private
 * copy until it is published.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/hash.h"
#include "ld/iri.h"
#include "ld/jsonld-internal.h"

#define MAX_CACHED_CONTEXTS    4096
#define MAX_CACHE_BYTES        (64u << 20)
#define MAX_INITIAL_CONTEXTS   64
#define MAX_TERM_WORK          200000
#define MAX_CONTEXT_PROCESSING 100000

enum mc_rc ld_error(struct mc_err *e, const char *code, const char *fmt, ...)
{
    va_list ap;
    enum mc_rc rc = MC_ERR_INVALID;
    if (strcmp(code, "context overflow") == 0)
        rc = MC_ERR_TOO_LARGE;
    else if (strcmp(code, "loading remote context failed") == 0 ||
             strcmp(code, "loading document failed") == 0)
        rc = MC_ERR_NOT_FOUND;
    va_start(ap, fmt);
    mc_err_vset(e, rc, fmt, ap);
    va_end(ap);
    mc_err_prefix(e, "%s", code);
    return rc;
}

/* The 29 keywords of JSON-LD 1.1 (§1.7) and of framing. A string that is not one is settled by its
 * first byte, its length or its second byte, the rest by one comparison: this runs for every key
 * and many values of every document. */
bool ld_is_keyword(const char *s)
{
    if (s[0] != '@')
        return false;
    size_t n = strlen(s);
    const char *k = NULL;
    switch (n) {
    case 3: k = "@id"; break;
    case 4: k = "@set"; break;
    case 5:
        switch (s[1]) {
        case 'b': k = "@base"; break;
        case 'j': k = "@json"; break;
        case 'l': k = "@list"; break;
        case 'n': k = s[2] == 'e' ? "@nest" : "@none"; break;
        case 't': k = "@type"; break;
        default: return false;
        }
        break;
    case 6:
        switch (s[1]) {
        case 'e': k = "@embed"; break;
        case 'g': k = "@graph"; break;
        case 'i': k = "@index"; break;
        case 'v': k = s[2] == 'a' ? "@value" : "@vocab"; break;
        default: return false;
        }
        break;
    case 7: k = s[1] == 'p' ? "@prefix" : "@import"; break; /* one length, two names */
    case 8:
        switch (s[1]) {
        case 'c': k = "@context"; break;
        case 'd': k = "@default"; break;
        case 'r': k = "@reverse"; break;
        case 'v': k = "@version"; break;
        default: return false;
        }
        break;
    case 9:
        switch (s[1]) {
        case 'e': k = "@explicit"; break;
        case 'i': k = "@included"; break;
        case 'l': k = "@language"; break;
        case 'p': k = "@preserve"; break;
        default: return false;
        }
        break;
    case 10:
        switch (s[1]) {
        case 'c': k = "@container"; break;
        case 'd': k = "@direction"; break;
        case 'p': k = s[4] == 'p' ? "@propagate" : "@protected"; break;
        default: return false;
        }
        break;
    case 11: k = "@requireAll"; break;
    case 12: k = "@omitDefault"; break;
    default: return false;
    }
    return memcmp(s, k, n) == 0;
}

bool ld_looks_like_keyword(const char *s)
{
    if (s[0] != '@' || !s[1])
        return false;
    for (const char *p = s + 1; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            return false;
    return true;
}

/* ---- the term table ---- */

/* Lookups outnumber insertions by far (every key and every IRI value of every document asks
 * whether it is a term), and most of them miss: the table is kept at most half full and each
 * slot keeps its name's hash, so a probe rarely needs a strcmp. */
static struct ld_slot *find_slot(const struct ld_ctx *c, const char *name, uint64_t h)
{
    if (!c->cap)
        return NULL;
    size_t mask = c->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        struct ld_slot *s = &c->slots[i];
        if (!s->name)
            return s;
        if (s->hash == h && (s->name == name || strcmp(s->name, name) == 0))
            return s;
    }
}

const struct ld_term *ld_ctx_get(const struct ld_ctx *c, const char *name)
{
    if (!c->cap)
        return NULL;
    struct ld_slot *s = find_slot(c, name, mc_hash_str(name));
    return s->name ? s->def : NULL;
}

static void ctx_grow(struct mc_arena *a, struct ld_ctx *c)
{
    size_t ncap = c->cap ? c->cap * 2 : 32;
    struct ld_slot *old = c->slots;
    size_t ocap = c->cap;
    c->slots = mc_arena_calloc(a, ncap, sizeof *c->slots);
    c->cap = ncap;
    c->used = 0;
    for (size_t i = 0; i < ocap; i++) {
        if (!old[i].name)
            continue;
        struct ld_slot *s = find_slot(c, old[i].name, old[i].hash);
        *s = old[i];
        c->used++;
    }
}

static void ctx_put(struct mc_arena *a, struct ld_ctx *c, const char *name, struct ld_term *def)
{
    if ((c->used + 1) * 2 > c->cap)
        ctx_grow(a, c);
    uint64_t h = mc_hash_str(name);
    struct ld_slot *s = find_slot(c, name, h);
    if (!s->name) {
        s->name = name;
        s->hash = h;
        c->used++;
    }
    s->def = def;
    if (def && def->protect)
        c->has_protected = true;
}

static void ctx_remove(struct ld_ctx *c, const char *name)
{
    if (!c->cap)
        return;
    struct ld_slot *s = find_slot(c, name, mc_hash_str(name));
    if (s->name)
        s->def = NULL;
}

/* A private copy of `src` to change, in the cache arena when `in_cache`. */
static struct ld_ctx *ctx_clone(struct mc_ld *ld, const struct ld_ctx *src, bool in_cache)
{
    struct mc_arena *a = in_cache ? ld->cache_arena : ld->arena;
    struct ld_ctx *c = mc_arena_alloc(a, sizeof *c);
    *c = *src;
    c->stable = false;
    c->in_cache = in_cache;
    c->kw_state = LD_KW_UNLISTED;
    c->nkw = 0;
    if (src->cap) {
        c->slots = mc_arena_alloc(a, src->cap * sizeof *c->slots);
        memcpy(c->slots, src->slots, src->cap * sizeof *c->slots);
    }
    return c;
}

static struct ld_ctx *ctx_initial(struct mc_ld *ld, bool in_cache, const char *base)
{
    struct mc_arena *a = in_cache ? ld->cache_arena : ld->arena;
    struct ld_ctx *c = mc_arena_calloc(a, 1, sizeof *c);
    c->base = base ? mc_arena_strdup(a, base) : NULL;
    c->original_base = c->base;
    c->in_cache = in_cache;
    return c;
}

struct ld_ctx *ld_initial_ctx(struct mc_ld *ld, const char *base)
{
    for (size_t i = 0; i < ld->ninitial; i++) {
        const char *b = ld->initial[i]->base;
        if ((!b && !base) || (b && base && strcmp(b, base) == 0))
            return ld->initial[i];
    }
    if (ld->ninitial >= MAX_INITIAL_CONTEXTS)
        return ctx_initial(ld, false, base);
    struct ld_ctx *c = ctx_initial(ld, true, base);
    c->stable = true;
    ld->initial = mc_xreallocarray(ld->initial, ld->ninitial + 1, sizeof *ld->initial);
    ld->initial[ld->ninitial++] = c;
    return c;
}

/* ---- the cache of processed contexts ---- */

struct ld_cache_entry {
    const struct ld_ctx *parent;
    const void *local; /* struct jv of a cached document, or a remote IRI (interned string) */
    unsigned flags;
    const struct ld_ctx *result;
};

static uint64_t cache_hash(const struct ld_ctx *parent, const void *local, unsigned flags)
{
    uint64_t h = (uint64_t)(uintptr_t)parent * 0x9E3779B97F4A7C15ull;
    h ^= (uint64_t)(uintptr_t)local * 0xC2B2AE3D27D4EB4Full;
    h ^= flags;
    return h ^ (h >> 29);
}

static const struct ld_ctx *cache_get(struct mc_ld *ld, const struct ld_ctx *parent,
                                      const void *local, unsigned flags)
{
    if (!ld->cache_cap)
        return NULL;
    size_t mask = ld->cache_cap - 1;
    for (size_t i = cache_hash(parent, local, flags) & mask;; i = (i + 1) & mask) {
        struct ld_cache_entry *c = &ld->cache[i];
        if (!c->parent)
            return NULL;
        if (c->parent == parent && c->local == local && c->flags == flags)
            return c->result;
    }
}

static bool cache_has_room(const struct mc_ld *ld)
{
    return ld->cache_used < MAX_CACHED_CONTEXTS && mc_arena_used(ld->cache_arena) < MAX_CACHE_BYTES;
}

static void cache_put(struct mc_ld *ld, const struct ld_ctx *parent, const void *local,
                      unsigned flags, const struct ld_ctx *result)
{
    if (!cache_has_room(ld))
        return;
    if ((ld->cache_used + 1) * 2 > ld->cache_cap) {
        size_t ncap = ld->cache_cap ? ld->cache_cap * 2 : 64;
        struct ld_cache_entry *old = ld->cache;
        size_t ocap = ld->cache_cap;
        ld->cache = mc_xcalloc(ncap, sizeof *ld->cache);
        ld->cache_cap = ncap;
        for (size_t i = 0; i < ocap; i++) {
            if (!old[i].parent)
                continue;
            size_t j = cache_hash(old[i].parent, old[i].local, old[i].flags) & (ncap - 1);
            while (ld->cache[j].parent)
                j = (j + 1) & (ncap - 1);
            ld->cache[j] = old[i];
        }
        free(old);
    }
    size_t mask = ld->cache_cap - 1;
    size_t i = cache_hash(parent, local, flags) & mask;
    while (ld->cache[i].parent)
        i = (i + 1) & mask;
    ld->cache[i] = (struct ld_cache_entry){ parent, local, flags, result };
    ld->cache_used++;
}

/* ---- contexts that are only IRIs, by their text ---- */

/* `local` is an IRI string or an array of a few: the strings, else 0. */
static size_t iri_list(const struct jv *local, const char *iris[LD_IRI_CONTEXT_MAX])
{
    if (jv_is_string(local)) {
        iris[0] = jv_str(local);
        return 1;
    }
    size_t n = jv_size(local);
    if (n == 0 || n > LD_IRI_CONTEXT_MAX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(iris[i] = jv_str(jv_item(local, i))))
            return 0;
    return n;
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static struct ld_iri_context *iri_context_find(struct mc_ld *ld, const struct ld_ctx *parent,
                                               unsigned flags, const char *base,
                                               const char *const *iris, size_t n)
{
    for (size_t i = 0; i < LD_IRI_CONTEXTS; i++) {
        struct ld_iri_context *c = &ld->iri_contexts[i];
        bool same = c->result && c->parent == parent && c->flags == flags &&
                    c->mode == ld->opt.mode && c->n == n && same_text(c->base, base);
        for (size_t k = 0; same && k < n; k++)
            same = strcmp(c->iris[k], iris[k]) == 0;
        if (same)
            return c;
    }
    return NULL;
}

static void iri_context_put(struct mc_ld *ld, const struct ld_ctx *parent, unsigned flags,
                            const char *base, const char *const *iris, size_t n,
                            const struct ld_ctx *result)
{
    if (!cache_has_room(ld))
        return;
    struct ld_iri_context *c = &ld->iri_contexts[ld->next_iri_context];
    ld->next_iri_context = (ld->next_iri_context + 1) % LD_IRI_CONTEXTS;
    *c = (struct ld_iri_context){ parent, result, flags, ld->opt.mode, NULL, n, { NULL } };
    c->base = base ? mc_arena_strdup(ld->cache_arena, base) : NULL;
    for (size_t k = 0; k < n; k++)
        c->iris[k] = mc_arena_strdup(ld->cache_arena, iris[k]);
}

/* ---- context processing ---- */

struct remote_list {
    const char *iri;
    const struct remote_list *next;
    size_t depth;
};

static bool remote_has(const struct remote_list *r, const char *iri)
{
    for (; r; r = r->next)
        if (strcmp(r->iri, iri) == 0)
            return true;
    return false;
}

/* The state of processing one context definition (a map): Create Term Definition runs in it. */
struct def_state {
    struct mc_ld *ld;
    struct ld_ctx *cur;
    struct jv *local;
    bool stable;
    struct mc_arena *pa;
    const char *base_url;
    bool protect_default, override_protected, validate;
    const struct remote_list *remotes;
    /* defined: name -> 1 (being defined) or 2 (defined) */
    struct {
        const char *name;
        int state;
    } * defined;
    size_t dcap;
};

static int *defined_slot(struct def_state *st, const char *name)
{
    size_t mask = st->dcap - 1;
    for (size_t i = mc_hash_str(name) & mask;; i = (i + 1) & mask) {
        if (!st->defined[i].name) {
            st->defined[i].name = name;
            return &st->defined[i].state;
        }
        if (strcmp(st->defined[i].name, name) == 0)
            return &st->defined[i].state;
    }
}

static enum mc_rc process(struct mc_ld *ld, const struct ld_ctx *active, struct jv *local,
                          bool stable, const char *base_url, const struct remote_list *remotes,
                          bool override_protected, bool propagate, bool validate,
                          const struct ld_ctx **out, struct mc_err *e);
static enum mc_rc create_term(struct def_state *st, const char *term, struct mc_err *e);

/* `a` followed by `b`, in `arena` (IRI expansion's concatenations, without printf). */
static char *concat(struct mc_arena *arena, const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *out = mc_arena_alloc(arena, la + lb + 1);
    memcpy(out, a, la);
    memcpy(out + la, b, lb + 1);
    return out;
}

static const char *pstrdup(struct def_state *st, const char *s)
{
    return s ? mc_arena_strdup(st->pa, s) : NULL;
}

/* IRI Expansion (§5.2.2) with a local context and defined map; *out may be NULL. */
static enum mc_rc expand_iri_def(struct def_state *st, const char *value, bool doc_relative,
                                 bool vocab, const char **out, struct mc_err *e)
{
    struct ld_ctx *c = st->cur;
    *out = NULL;
    if (ld_is_keyword(value)) {
        *out = value;
        return MC_OK;
    }
    if (ld_looks_like_keyword(value))
        return MC_OK;
    struct jv *lv = jv_get(st->local, value);
    if (lv && *defined_slot(st, value) != 2) {
        enum mc_rc rc = create_term(st, value, e);
        if (rc)
            return rc;
    }
    const struct ld_term *t = ld_ctx_get(c, value);
    if (t && t->iri && ld_is_keyword(t->iri)) {
        *out = t->iri;
        return MC_OK;
    }
    if (vocab && t) {
        *out = t->iri;
        return MC_OK;
    }
    const char *colon = value[0] ? strchr(value + 1, ':') : NULL;
    if (colon) {
        size_t plen = (size_t)(colon - value);
        char *prefix = mc_arena_memdupz(st->ld->arena, value, plen);
        const char *suffix = colon + 1;
        if (strcmp(prefix, "_") == 0 || strncmp(suffix, "//", 2) == 0) {
            *out = value;
            return MC_OK;
        }
        if (jv_get(st->local, prefix) && *defined_slot(st, prefix) != 2) {
            enum mc_rc rc = create_term(st, prefix, e);
            if (rc)
                return rc;
        }
        const struct ld_term *pt = ld_ctx_get(c, prefix);
        if (pt && pt->iri && pt->prefix) {
            *out = concat(st->pa, pt->iri, suffix);
            return MC_OK;
        }
        if (mc_iri_has_scheme(value)) {
            *out = value;
            return MC_OK;
        }
    }
    if (vocab && c->vocab) {
        *out = concat(st->pa, c->vocab, value);
        return MC_OK;
    }
    if (doc_relative) {
        *out = c->base ? mc_iri_resolve(st->pa, c->base, value) : value;
        return MC_OK;
    }
    *out = value;
    return MC_OK;
}

static bool str_eq_null(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Definitions equal apart from `protect` (§4.2.2 step 29.1). */
static bool term_same(const struct ld_term *a, const struct ld_term *b)
{
    return str_eq_null(a->iri, b->iri) && str_eq_null(a->type, b->type) &&
           a->has_lang == b->has_lang && str_eq_null(a->lang, b->lang) &&
           a->has_dir == b->has_dir && str_eq_null(a->dir, b->dir) &&
           str_eq_null(a->index, b->index) && str_eq_null(a->nest, b->nest) &&
           a->container == b->container && a->reverse == b->reverse && a->prefix == b->prefix &&
           a->has_context == b->has_context &&
           (!a->has_context || jv_equal(a->context, b->context) ||
            (jv_is_null(a->context) && jv_is_null(b->context)));
}

static bool gen_delim_end(const char *iri)
{
    size_t n = strlen(iri);
    return n && strchr(":/?#[]@", iri[n - 1]);
}

/* Parse a @container value into bits; false when it is not an allowed combination. */
static bool parse_container(struct jv *v, unsigned *bits, bool v10)
{
    *bits = 0;
    size_t n = 1;
    if (jv_is_array(v)) {
        if (v10)
            return false;
        n = jv_size(v);
    }
    for (size_t i = 0; i < n; i++) {
        struct jv *item = jv_is_array(v) ? jv_item(v, i) : v;
        if (!jv_is_string(item))
            return false;
        const char *s = jv_str(item);
        unsigned b = strcmp(s, "@list") == 0       ? LD_C_LIST
                     : strcmp(s, "@set") == 0      ? LD_C_SET
                     : strcmp(s, "@index") == 0    ? LD_C_INDEX
                     : strcmp(s, "@language") == 0 ? LD_C_LANGUAGE
                     : strcmp(s, "@graph") == 0    ? LD_C_GRAPH
                     : strcmp(s, "@id") == 0       ? LD_C_ID
                     : strcmp(s, "@type") == 0     ? LD_C_TYPE
                                                   : 0;
        if (!b || (*bits & b))
            return false;
        if (v10 && (b & (LD_C_GRAPH | LD_C_ID | LD_C_TYPE)))
            return false;
        *bits |= b;
    }
    unsigned c = *bits;
    if (!c)
        return false;
    if (c & LD_C_LIST)
        return c == LD_C_LIST;
    if (c & LD_C_GRAPH) {
        unsigned rest = c & ~(LD_C_GRAPH | LD_C_SET);
        return rest == 0 || rest == LD_C_ID || rest == LD_C_INDEX;
    }
    /* @set with at most one of @index, @id, @type, @language */
    unsigned rest = c & ~LD_C_SET;
    return rest == 0 || rest == LD_C_INDEX || rest == LD_C_ID || rest == LD_C_TYPE ||
           rest == LD_C_LANGUAGE;
}

static bool term_has_colon_inside(const char *term)
{
    const char *c = strchr(term + (term[0] ? 1 : 0), ':');
    return c && c[1] != '\0';
}

/* Create Term Definition (§4.2.2). */
static enum mc_rc create_term(struct def_state *st, const char *term, struct mc_err *e)
{
    struct mc_ld *ld = st->ld;
    bool v10 = ld->opt.mode == MC_LD_MODE_1_0;
    int *state = defined_slot(st, term);
    if (*state == 2)
        return MC_OK;
    if (*state == 1)
        return LD_ERR(e, "cyclic IRI mapping", "the definition of term \"%s\" depends on itself",
                      term);
    if (!term[0])
        return LD_ERR(e, "invalid term definition", "a term may not be the empty string");
    *state = 1;
    if (++ld->term_work > MAX_TERM_WORK)
        return LD_ERR(e, "context overflow",
                      "more than %d term definitions while processing one document", MAX_TERM_WORK);
    struct jv *value = jv_get(st->local, term);
    mc_err_where(e, "/%s", term);

    if (strcmp(term, "@type") == 0) {
        bool ok = !v10 && jv_members(value) > 0;
        const char *k;
        struct jv *v;
        if (ok) {
            JV_FOREACH (value, k, v) {
                if (strcmp(k, "@container") == 0)
                    ok = ok && jv_is_string(v) && strcmp(jv_str(v), "@set") == 0;
                else if (strcmp(k, "@protected") == 0)
                    ok = ok && jv_is_bool(v);
                else
                    ok = false;
            }
        }
        if (!ok)
            return LD_ERR(e, "keyword redefinition",
                          "@type may only be given @container @set "
                          "and @protected");
    } else if (ld_is_keyword(term)) {
        return LD_ERR(e, "keyword redefinition", "\"%s\" is a keyword and cannot be defined", term);
    } else if (ld_looks_like_keyword(term)) {
        /* Reserved for future keywords: ignored (with no definition). */
        *state = 2;
        return MC_OK;
    }

    const struct ld_term *previous = ld_ctx_get(st->cur, term);
    ctx_remove(st->cur, term);

    bool simple = false;
    struct jv *idv = NULL;
    if (jv_is_null(value)) {
        struct jv *tmp = jv_new_object(ld->arena);
        jv_set(ld->arena, tmp, "@id", &jv_null_value);
        value = tmp;
    } else if (jv_is_string(value)) {
        struct jv *tmp = jv_new_object(ld->arena);
        jv_set(ld->arena, tmp, "@id", value);
        value = tmp;
        simple = true;
    } else if (!jv_is_object(value)) {
        return LD_ERR(e, "invalid term definition",
                      "the definition of \"%s\" must be a string, an object or null", term);
    }
    enum mc_rc rc = MC_OK;
    struct ld_term *def = mc_arena_calloc(st->pa, 1, sizeof *def);
    def->name = pstrdup(st, term);

    struct jv *v;
    if ((v = jv_get(value, "@protected"))) {
        if (v10) {
            rc = LD_ERR(e, "invalid term definition", "@protected needs JSON-LD 1.1");
            goto out;
        }
        if (!jv_is_bool(v)) {
            rc = LD_ERR(e, "invalid @protected value", "@protected of \"%s\" must be true or false",
                        term);
            goto out;
        }
        def->protect = jv_is(v, JV_TRUE);
    } else {
        def->protect = st->protect_default;
    }

    if ((v = jv_get(value, "@type"))) {
        if (!jv_is_string(v)) {
            rc = LD_ERR(e, "invalid type mapping", "@type of \"%s\" must be a string", term);
            goto out;
        }
        const char *t;
        if ((rc = expand_iri_def(st, jv_str(v), false, true, &t, e)))
            goto out;
        if (!t || ((strcmp(t, "@json") == 0 || strcmp(t, "@none") == 0) && v10) ||
            (strcmp(t, "@id") != 0 && strcmp(t, "@json") != 0 && strcmp(t, "@none") != 0 &&
             strcmp(t, "@vocab") != 0 && (!mc_iri_has_scheme(t) || mc_iri_is_blank(t)))) {
            rc = LD_ERR(e, "invalid type mapping",
                        "@type of \"%s\" is \"%s\", not an IRI, "
                        "@id, @json, @none or @vocab",
                        term, jv_str(v));
            goto out;
        }
        def->type = pstrdup(st, t);
    }

    if ((v = jv_get(value, "@reverse"))) {
        if (jv_get(value, "@id") || jv_get(value, "@nest")) {
            rc = LD_ERR(e, "invalid reverse property",
                        "\"%s\" has @reverse together with @id or @nest", term);
            goto out;
        }
        if (!jv_is_string(v)) {
            rc = LD_ERR(e, "invalid IRI mapping", "@reverse of \"%s\" must be a string", term);
            goto out;
        }
        const char *rv = jv_str(v);
        if (ld_looks_like_keyword(rv)) {
            *state = 2; /* ignored, with a warning in other processors */
            goto out;
        }
        const char *iri;
        if ((rc = expand_iri_def(st, rv, false, true, &iri, e)))
            goto out;
        if (!iri || !mc_iri_has_scheme(iri)) {
            rc = LD_ERR(e, "invalid IRI mapping", "@reverse of \"%s\" is not an IRI", term);
            goto out;
        }
        def->iri = pstrdup(st, iri);
        if ((v = jv_get(value, "@container"))) {
            const char *cs = jv_is_string(v) ? jv_str(v) : NULL;
            if (!jv_is_null(v) && !(cs && (strcmp(cs, "@set") == 0 || strcmp(cs, "@index") == 0))) {
                rc = LD_ERR(e, "invalid reverse property",
                            "the container of reverse property \"%s\" must be @set or @index",
                            term);
                goto out;
            }
            if (cs)
                def->container = strcmp(cs, "@set") == 0 ? LD_C_SET : LD_C_INDEX;
        }
        def->reverse = true;
        goto check_rest;
    }

    if (jv_get(value, "@prefix") && (strchr(term, ':') || strchr(term, '/'))) {
        rc = LD_ERR(e, "invalid term definition",
                    "@prefix is not allowed on \"%s\" (only on terms without ':' or '/')", term);
        goto out;
    }
    idv = jv_get(value, "@id");
    if (idv && !(jv_is_string(idv) && strcmp(jv_str(idv), term) == 0)) {
        if (jv_is_null(idv)) {
            /* a null mapping: kept to detect redefinitions */
        } else {
            if (!jv_is_string(idv)) {
                rc = LD_ERR(e, "invalid IRI mapping", "@id of \"%s\" must be a string", term);
                goto out;
            }
            const char *idval = jv_str(idv);
            if (!ld_is_keyword(idval) && ld_looks_like_keyword(idval)) {
                *state = 2;
                goto out;
            }
            const char *iri;
            if ((rc = expand_iri_def(st, idval, false, true, &iri, e)))
                goto out;
            if (!iri || (!ld_is_keyword(iri) && !mc_iri_has_scheme(iri))) {
                rc = LD_ERR(e, "invalid IRI mapping",
                            "@id of \"%s\" (\"%s\") is not an IRI, a "
                            "blank node identifier or a keyword",
                            term, idval);
                goto out;
            }
            if (strcmp(iri, "@context") == 0) {
                rc = LD_ERR(e, "invalid keyword alias", "\"%s\" cannot be an alias of @context",
                            term);
                goto out;
            }
            def->iri = pstrdup(st, iri);
            if (term_has_colon_inside(term) || strchr(term, '/')) {
                *state = 2;
                const char *again;
                if ((rc = expand_iri_def(st, term, false, true, &again, e)))
                    goto out;
                if (!again || strcmp(again, def->iri) != 0) {
                    rc = LD_ERR(e, "invalid IRI mapping",
                                "term \"%s\" looks like an IRI but maps to \"%s\"", term, def->iri);
                    goto out;
                }
                *state = 1;
            }
            if (!strchr(term, ':') && !strchr(term, '/') && simple &&
                (mc_iri_is_blank(def->iri) || gen_delim_end(def->iri)))
                def->prefix = true;
        }
    } else if (strchr(term + 1, ':')) {
        const char *colon = strchr(term + 1, ':');
        char *prefix = mc_arena_memdupz(ld->arena, term, (size_t)(colon - term));
        if (jv_get(st->local, prefix) && (rc = create_term(st, prefix, e)))
            goto out;
        const struct ld_term *pt = ld_ctx_get(st->cur, prefix);
        if (pt && pt->iri)
            def->iri = concat(st->pa, pt->iri, colon + 1);
        else
            def->iri = pstrdup(st, term);
    } else if (strchr(term, '/')) {
        const char *iri;
        if ((rc = expand_iri_def(st, term, false, true, &iri, e)))
            goto out;
        if (!iri || !mc_iri_has_scheme(iri)) {
            rc = LD_ERR(e, "invalid IRI mapping", "term \"%s\" does not expand to an IRI", term);
            goto out;
        }
        def->iri = pstrdup(st, iri);
    } else if (strcmp(term, "@type") == 0) {
        def->iri = "@type";
    } else if (st->cur->vocab) {
        def->iri = concat(st->pa, st->cur->vocab, term);
    } else {
        rc = LD_ERR(e, "invalid IRI mapping",
                    "term \"%s\" has no @id and there is no @vocab to make one", term);
        goto out;
    }

    if ((v = jv_get(value, "@container"))) {
        unsigned bits;
        if (!parse_container(v, &bits, v10)) {
            rc = LD_ERR(e, "invalid container mapping",
                        "the @container of \"%s\" is not "
                        "one of the allowed combinations",
                        term);
            goto out;
        }
        def->container = bits;
        if (bits & LD_C_TYPE) {
            if (!def->type)
                def->type = "@id";
            else if (strcmp(def->type, "@id") != 0 && strcmp(def->type, "@vocab") != 0) {
                rc = LD_ERR(e, "invalid type mapping",
                            "a @type container needs @type @id or @vocab (\"%s\")", term);
                goto out;
            }
        }
    }

    if ((v = jv_get(value, "@index"))) {
        if (v10 || !(def->container & LD_C_INDEX)) {
            rc = LD_ERR(e, "invalid term definition",
                        "@index on \"%s\" needs JSON-LD 1.1 and an @index container", term);
            goto out;
        }
        const char *iri = NULL;
        if (jv_is_string(v) && (rc = expand_iri_def(st, jv_str(v), false, true, &iri, e)))
            goto out;
        if (!iri || ld_is_keyword(iri) || !mc_iri_has_scheme(iri)) {
            rc = LD_ERR(e, "invalid term definition", "@index of \"%s\" must be a property IRI",
                        term);
            goto out;
        }
        def->index = pstrdup(st, jv_str(v));
    }

    if ((v = jv_get(value, "@context"))) {
        if (v10) {
            rc = LD_ERR(e, "invalid term definition", "scoped contexts need JSON-LD 1.1");
            goto out;
        }
        const struct ld_ctx *ignored;
        struct mc_err sub;
        mc_err_clear(&sub);
        if (process(ld, st->cur, v, st->stable, st->base_url, st->remotes, true, true, false,
                    &ignored, &sub)) {
            if (sub.rc == MC_ERR_TOO_LARGE) {
                *e = sub;
                rc = sub.rc;
            } else {
                rc = LD_ERR(e, "invalid scoped context", "the @context of \"%s\": %s", term,
                            sub.msg);
            }
            goto out;
        }
        def->has_context = true;
        def->context = v;
        def->context_stable = st->stable;
        def->context_base = pstrdup(st, st->base_url);
    }

    if ((v = jv_get(value, "@language")) && !jv_get(value, "@type")) {
        if (!jv_is_null(v) && !jv_is_string(v)) {
            rc = LD_ERR(e, "invalid language mapping",
                        "@language of \"%s\" must be a string or "
                        "null",
                        term);
            goto out;
        }
        def->has_lang = true;
        def->lang = NULL;
        if (jv_is_string(v)) {
            /* Language tags are compared lower-cased, as other processors do. */
            char *l = mc_arena_strdup(st->pa, jv_str(v));
            for (char *p = l; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
            def->lang = l;
        }
    }

    if ((v = jv_get(value, "@direction")) && !jv_get(value, "@type")) {
        const char *d = jv_is_string(v) ? jv_str(v) : NULL;
        if (!jv_is_null(v) && !(d && (strcmp(d, "ltr") == 0 || strcmp(d, "rtl") == 0))) {
            rc = LD_ERR(e, "invalid base direction",
                        "@direction of \"%s\" must be \"ltr\", \"rtl\" or null", term);
            goto out;
        }
        def->has_dir = true;
        def->dir = d ? (d[0] == 'l' ? "ltr" : "rtl") : NULL;
    }

    if ((v = jv_get(value, "@nest"))) {
        const char *n = jv_is_string(v) ? jv_str(v) : NULL;
        if (v10) {
            rc = LD_ERR(e, "invalid term definition", "@nest needs JSON-LD 1.1");
            goto out;
        }
        if (!n || (ld_is_keyword(n) && strcmp(n, "@nest") != 0)) {
            rc = LD_ERR(e, "invalid @nest value", "@nest of \"%s\" must be a term or @nest", term);
            goto out;
        }
        def->nest = pstrdup(st, n);
    }

    if ((v = jv_get(value, "@prefix"))) {
        if (v10 || strchr(term, ':') || strchr(term, '/')) {
            rc = LD_ERR(e, "invalid term definition",
                        "@prefix is not allowed on \"%s\" (JSON-LD 1.1 terms without ':' or '/')",
                        term);
            goto out;
        }
        if (!jv_is_bool(v)) {
            rc = LD_ERR(e, "invalid @prefix value", "@prefix of \"%s\" must be true or false",
                        term);
            goto out;
        }
        def->prefix = jv_is(v, JV_TRUE);
        if (def->prefix && def->iri && ld_is_keyword(def->iri)) {
            rc = LD_ERR(e, "invalid term definition", "keyword alias \"%s\" cannot be a prefix",
                        term);
            goto out;
        }
    }

check_rest:;
    const char *k;
    JV_FOREACH (value, k, v) {
        static const char *const allowed[] = { "@id",        "@reverse",   "@container", "@context",
                                               "@direction", "@index",     "@language",  "@nest",
                                               "@prefix",    "@protected", "@type" };
        bool ok = false;
        for (size_t i = 0; i < sizeof allowed / sizeof allowed[0] && !ok; i++)
            ok = strcmp(k, allowed[i]) == 0;
        if (!ok) {
            rc = LD_ERR(e, "invalid term definition", "\"%s\" has an unknown entry \"%s\"", term,
                        k);
            goto out;
        }
    }

    def->iri_well_formed = def->iri && mc_iri_is_well_formed(def->iri);
    if (!st->override_protected && previous && previous->protect) {
        if (!term_same(def, previous)) {
            rc = LD_ERR(e, "protected term redefinition",
                        "\"%s\" is protected and cannot be given another meaning", term);
            goto out;
        }
        def = (struct ld_term *)previous;
    }
    ctx_put(st->pa, st->cur, def->name, def);
    *state = 2;
out:
    if (!rc)
        e->where[0] = '\0';
    return rc;
}

/* Process one context definition (a map) into *curp. */
static enum mc_rc process_definition(struct mc_ld *ld, struct ld_ctx *cur, struct jv *context,
                                     bool stable, const char *base_url,
                                     const struct remote_list *remotes, bool override_protected,
                                     bool validate, struct mc_err *e)
{
    bool v10 = ld->opt.mode == MC_LD_MODE_1_0;
    struct jv *v;
    enum mc_rc rc = MC_OK;

    if ((v = jv_get(context, "@version"))) {
        if (!jv_is(v, JV_NUMBER) || (v)->u.num != 1.1)
            return LD_ERR(e, "invalid @version value", "@version must be the number 1.1");
        if (v10)
            return LD_ERR(e, "processing mode conflict",
                          "@version 1.1 in a document processed as JSON-LD 1.0");
    }
    if ((v = jv_get(context, "@import"))) {
        if (v10)
            return LD_ERR(e, "invalid context entry", "@import needs JSON-LD 1.1");
        if (!jv_is_string(v))
            return LD_ERR(e, "invalid @import value", "@import must be a string");
        const char *iri = mc_iri_resolve(ld->arena, base_url, jv_str(v));
        struct jv *doc;
        const char *doc_iri;
        struct mc_err sub;
        mc_err_clear(&sub);
        if (ld_load_document(ld, iri, &doc, &doc_iri, &sub))
            return LD_ERR(e, "loading remote context failed", "@import of %s: %s", iri, sub.msg);
        struct jv *ic = jv_is_object(doc) ? jv_get(doc, "@context") : NULL;
        if (!jv_is_object(ic))
            return LD_ERR(e, "invalid remote context",
                          "the @import %s has no @context that is an object", iri);
        if (jv_get(ic, "@import"))
            return LD_ERR(e, "invalid context entry", "the @import %s has an @import itself", iri);
        /* The merged object lives only for this document (the caller made `cur` a
         * document-lifetime context for it). */
        struct jv *merged = jv_copy(ld->arena, ic);
        const char *mk;
        struct jv *mv;
        JV_FOREACH (context, mk, mv)
            jv_set(ld->arena, merged, mk, mv);
        context = merged;
        stable = false;
    }

    struct mc_arena *pa = cur->in_cache ? ld->cache_arena : ld->arena;

    if ((v = jv_get(context, "@base")) && !remotes) {
        if (jv_is_null(v)) {
            cur->base = NULL;
        } else if (!jv_is_string(v)) {
            rc = LD_ERR(e, "invalid base IRI", "@base must be a string or null");
            goto out;
        } else {
            const char *b = jv_str(v);
            if (mc_iri_has_scheme(b) && !mc_iri_is_blank(b))
                cur->base = mc_arena_strdup(pa, b);
            else if (cur->base)
                cur->base = mc_iri_resolve(pa, cur->base, b);
            else {
                rc = LD_ERR(e, "invalid base IRI", "relative @base \"%s\" without a base IRI", b);
                goto out;
            }
        }
    }
    if ((v = jv_get(context, "@vocab"))) {
        if (jv_is_null(v)) {
            cur->vocab = NULL;
        } else if (!jv_is_string(v)) {
            rc = LD_ERR(e, "invalid vocab mapping", "@vocab must be a string or null");
            goto out;
        } else {
            const char *s = jv_str(v);
            if (v10 && !mc_iri_has_scheme(s)) {
                rc = LD_ERR(e, "invalid vocab mapping", "@vocab must be an IRI in JSON-LD 1.0");
                goto out;
            }
            struct def_state vs = { .ld = ld, .cur = cur, .local = NULL, .pa = pa };
            const char *iri;
            /* IRI expansion of the vocabulary itself: document-relative, vocab-relative. */
            if ((rc = expand_iri_def(&vs, s, true, true, &iri, e)))
                goto out;
            if (!iri || !mc_iri_has_scheme(iri)) {
                rc = LD_ERR(e, "invalid vocab mapping", "@vocab \"%s\" is not an IRI", s);
                goto out;
            }
            cur->vocab = iri == s ? mc_arena_strdup(pa, s) : iri;
        }
    }
    if ((v = jv_get(context, "@language"))) {
        if (jv_is_null(v)) {
            cur->lang = NULL;
        } else if (!jv_is_string(v)) {
            rc = LD_ERR(e, "invalid default language", "@language must be a string or null");
            goto out;
        } else {
            char *l = mc_arena_strdup(pa, jv_str(v));
            for (char *p = l; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
            cur->lang = l;
        }
    }
    if ((v = jv_get(context, "@direction"))) {
        const char *d = jv_is_string(v) ? jv_str(v) : NULL;
        if (v10) {
            rc = LD_ERR(e, "invalid context entry", "@direction needs JSON-LD 1.1");
            goto out;
        }
        if (!jv_is_null(v) && !(d && (strcmp(d, "ltr") == 0 || strcmp(d, "rtl") == 0))) {
            rc = LD_ERR(e, "invalid base direction", "@direction must be \"ltr\", \"rtl\" or null");
            goto out;
        }
        cur->dir = d ? (d[0] == 'l' ? "ltr" : "rtl") : NULL;
    }
    if ((v = jv_get(context, "@propagate"))) {
        if (v10) {
            rc = LD_ERR(e, "invalid context entry", "@propagate needs JSON-LD 1.1");
            goto out;
        }
        if (!jv_is_bool(v)) {
            rc = LD_ERR(e, "invalid @propagate value", "@propagate must be true or false");
            goto out;
        }
    }

    struct def_state st = {
        .ld = ld,
        .cur = cur,
        .local = context,
        .stable = stable,
        .pa = pa,
        .base_url = base_url,
        .override_protected = override_protected,
        .validate = validate,
        .remotes = remotes,
    };
    struct jv *pv = jv_get(context, "@protected");
    if (pv && !jv_is_bool(pv)) {
        rc = LD_ERR(e, "invalid @protected value", "@protected must be true or false");
        goto out;
    }
    st.protect_default = jv_is(pv, JV_TRUE);
    size_t n = jv_members(context);
    st.dcap = 16;
    while (st.dcap < n * 2 + 2)
        st.dcap *= 2;
    st.defined = mc_arena_calloc(ld->arena, st.dcap, sizeof *st.defined);
    const char *k;
    JV_FOREACH (context, k, v) {
        if (strcmp(k, "@base") == 0 || strcmp(k, "@direction") == 0 || strcmp(k, "@import") == 0 ||
            strcmp(k, "@language") == 0 || strcmp(k, "@propagate") == 0 ||
            strcmp(k, "@protected") == 0 || strcmp(k, "@version") == 0 || strcmp(k, "@vocab") == 0)
            continue;
        if ((rc = create_term(&st, k, e)))
            goto out;
    }
out:
    return rc;
}

static enum mc_rc process(struct mc_ld *ld, const struct ld_ctx *active, struct jv *local,
                          bool stable, const char *base_url, const struct remote_list *remotes,
                          bool override_protected, bool propagate, bool validate,
                          const struct ld_ctx **out, struct mc_err *e)
{
    bool v10 = ld->opt.mode == MC_LD_MODE_1_0;
    if (++ld->contexts_processed > MAX_CONTEXT_PROCESSING)
        return LD_ERR(e, "context overflow", "more than %d contexts processed for one document",
                      MAX_CONTEXT_PROCESSING);
    /* Only a cached context with a context from a cached document gives a cacheable result. */
    bool cacheable = active->stable && stable && validate && cache_has_room(ld);
    unsigned flags = (override_protected ? 1u : 0u) | (propagate ? 2u : 0u);
    if (cacheable) {
        const struct ld_ctx *hit = cache_get(ld, active, local, flags);
        if (hit) {
            *out = hit;
            return MC_OK;
        }
    }
    /* A document's own @context is most often the IRIs of cached contexts: the same text in
     * every document, but a new value each time, which the cache above cannot find. Its result
     * depends only on the text, the base, the flags and the processing mode. */
    const char *iris[LD_IRI_CONTEXT_MAX];
    size_t niris = !remotes && validate && active->stable ? iri_list(local, iris) : 0;
    if (niris) {
        const struct ld_iri_context *hit =
                iri_context_find(ld, active, flags, base_url, iris, niris);
        if (hit) {
            *out = hit->result;
            return MC_OK;
        }
    }

    const struct ld_ctx *cur = active;
    struct ld_ctx *mine = NULL; /* the context this call created and may still change */
    if (jv_is_object(local)) {
        struct jv *p = jv_get(local, "@propagate");
        if (p) {
            if (v10)
                return LD_ERR(e, "invalid context entry", "@propagate needs JSON-LD 1.1");
            if (!jv_is_bool(p))
                return LD_ERR(e, "invalid @propagate value", "@propagate must be true or false");
            propagate = jv_is(p, JV_TRUE);
        }
    }
    if (!propagate && !cur->previous) {
        mine = ctx_clone(ld, cur, cacheable && cur->in_cache);
        mine->previous = active;
        cur = mine;
    }

    size_t n = jv_is_array(local) ? jv_size(local) : 1;
    for (size_t i = 0; i < n; i++) {
        struct jv *item = jv_is_array(local) ? jv_item(local, i) : local;
        if (jv_is_null(item)) {
            if (!override_protected && cur->has_protected)
                return LD_ERR(e, "invalid context nullification",
                              "a context with protected terms cannot be set to null");
            mine = ctx_initial(ld, cacheable && cur->in_cache, active->original_base);
            if (!propagate)
                mine->previous = cur;
            cur = mine;
            continue;
        }
        if (jv_is_string(item)) {
            const char *iri = mc_iri_resolve(ld->arena, base_url, jv_str(item));
            if (!mc_iri_has_scheme(iri) || mc_iri_is_blank(iri))
                return LD_ERR(e, "loading remote context failed",
                              "\"%s\" is not an IRI and there is no base IRI to resolve it", iri);
            if (!validate && remote_has(remotes, iri))
                continue;
            size_t depth = remotes ? remotes->depth + 1 : 1;
            if (depth > ld->opt.limits.max_contexts)
                return LD_ERR(e, "context overflow",
                              "more than %zu remote contexts loaded one from another",
                              ld->opt.limits.max_contexts);
            struct jv *doc;
            const char *doc_iri;
            struct mc_err sub;
            mc_err_clear(&sub);
            if (ld_load_document(ld, iri, &doc, &doc_iri, &sub))
                return LD_ERR(e, "loading remote context failed", "%s: %s", iri, sub.msg);
            struct jv *loaded = jv_is_object(doc) ? jv_get(doc, "@context") : NULL;
            if (!loaded)
                return LD_ERR(e, "invalid remote context", "%s has no top-level @context", iri);
            /* What this call built so far is final: publish it so the remote context's result
             * can be cached on top of it. */
            if (mine && mine->in_cache)
                mine->stable = true;
            mine = NULL;
            struct remote_list r = { doc_iri, remotes, depth };
            const struct ld_ctx *next;
            enum mc_rc rc = process(ld, cur, loaded, true, doc_iri, &r, override_protected, true,
                                    validate, &next, e);
            if (rc)
                return rc;
            cur = next;
            continue;
        }
        if (!jv_is_object(item))
            return LD_ERR(e, "invalid local context",
                          "a context must be an object, an IRI string, null or an array of them");
        bool import = jv_get(item, "@import") != NULL;
        if (cur != mine || (mine->in_cache && import)) {
            mine = ctx_clone(ld, cur, cacheable && cur->in_cache && !import);
            cur = mine;
        }
        enum mc_rc rc = process_definition(ld, mine, item, stable, base_url, remotes,
                                           override_protected, validate, e);
        if (rc)
            return rc;
    }
    if (mine && mine->in_cache)
        mine->stable = true;
    *out = cur;
    if (cacheable && cur->stable)
        cache_put(ld, active, local, flags, cur);
    if (niris && cur->stable)
        iri_context_put(ld, active, flags, base_url, iris, niris, cur);
    return MC_OK;
}

enum mc_rc ld_process_context(struct mc_ld *ld, const struct ld_ctx *active, struct jv *local,
                              bool stable, const char *base_url, bool override_protected,
                              bool propagate, const struct ld_ctx **out, struct mc_err *e)
{
    return process(ld, active, local, stable, base_url, NULL, override_protected, propagate, true,
                   out, e);
}

/* The memo entry for a question, and whether it holds the answer. */
static struct ld_memo *memo_slot(struct mc_ld *ld, const struct ld_ctx *c, const char *value,
                                 uint32_t kind, bool *hit)
{
    uint64_t h = ((uint64_t)(uintptr_t)c * 0x9E3779B97F4A7C15ull) ^
                 ((uint64_t)(uintptr_t)value * 0xC2B2AE3D27D4EB4Full) ^ kind;
    h ^= h >> 29;
    struct ld_memo *m = &ld->memo[(h * 0xBF58476D1CE4E5B9ull >> 40) & (LD_MEMO_SIZE - 1)];
    *hit = m->gen == ld->memo_gen && m->ctx == c && m->value == value && m->kind == kind;
    return m;
}

const struct ld_term *ld_term_get(struct mc_ld *ld, const struct ld_ctx *c, const char *name)
{
    bool hit;
    struct ld_memo *m = memo_slot(ld, c, name, 8, &hit);
    if (hit)
        return m->answer;
    const struct ld_term *t = ld_ctx_get(c, name);
    *m = (struct ld_memo){ c, name, t, ld->memo_gen, 8 };
    return t;
}

static bool keyword_term(const struct ld_term *t)
{
    return t && t->iri && t->iri[0] == '@' && ld_is_keyword(t->iri);
}

/* The list of a stable context's keyword terms. It changes nothing the context answers: a stable
 * context's terms never change, and the processor is used by one thread. */
static void list_keyword_terms(struct ld_ctx *c)
{
    c->nkw = 0;
    c->kw_state = LD_KW_LISTED;
    for (size_t i = 0; i < c->cap; i++) {
        const struct ld_slot *s = &c->slots[i];
        if (!s->name || !keyword_term(s->def))
            continue;
        if (c->nkw == LD_KW_ALIASES_MAX) {
            c->kw_state = LD_KW_TOO_MANY;
            return;
        }
        c->kw_name[c->nkw] = s->name;
        c->kw_iri[c->nkw++] = s->def->iri;
    }
}

const char *ld_key_keyword(struct mc_ld *ld, const struct ld_ctx *c, const char *key)
{
    if (key[0] == '@')
        return ld_is_keyword(key) ? key : NULL;
    if (c->stable && c->kw_state == LD_KW_UNLISTED)
        list_keyword_terms((struct ld_ctx *)c);
    if (c->stable && c->kw_state == LD_KW_LISTED) {
        for (uint8_t i = 0; i < c->nkw; i++)
            if (c->kw_name[i][0] == key[0] && strcmp(c->kw_name[i], key) == 0)
                return c->kw_iri[i];
        return NULL;
    }
    const struct ld_term *t = ld_term_get(ld, c, key);
    return keyword_term(t) ? t->iri : NULL;
}

const char *ld_expand_iri(struct mc_ld *ld, const struct ld_ctx *c, const char *value,
                          bool doc_relative, bool vocab)
{
    uint32_t kind = 1u + doc_relative + 2u * vocab;
    bool hit;
    struct ld_memo *m = memo_slot(ld, c, value, kind, &hit);
    if (hit)
        return m->answer;
    struct def_state st = { .ld = ld, .cur = (struct ld_ctx *)c, .pa = ld->arena };
    const char *out = NULL;
    struct mc_err ignored;
    /* Without a local context nothing can fail. */
    expand_iri_def(&st, value, doc_relative, vocab, &out, &ignored);
    *m = (struct ld_memo){ c, value, out, ld->memo_gen, kind };
    return out;
}
