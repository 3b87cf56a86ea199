/* SPDX-License-Identifier: Apache-2.0 */
/* Stacking rules: the JSON form compiled against the catalog, evaluated, and written back. */
#include "core/stacking.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/json.h"

#define DEFAULT_MAX_BYTES (64u * 1024u)
#define DEFAULT_MAX_DEPTH 16u
#define DEFAULT_MAX_NODES 1000u
#define MAX_NAME          200u /* bytes of a slug in a rule */
#define MAX_CREDITS       1e9  /* one award's credits are clamped to this */
#define CREDIT_EPSILON    1e-9 /* sums of decimal fractions are not exact */
#define POINTER_MAX       512u /* bytes of a JSON pointer we build */

static const char *const kind_names[MC_STACKING_KIND_COUNT] = {
    "all-of", "n-of", "credits-at-least", "achievement", "program",
};

const char *mc_stacking_kind_name(enum mc_stacking_kind k)
{
    return (int)k >= 0 && k < MC_STACKING_KIND_COUNT ? kind_names[k] : "?";
}

/* ------------------------------------------------------------------------------------------ */
/* Compiling                                                                                  */
/* ------------------------------------------------------------------------------------------ */

struct frame {
    int64_t id;
    const char *slug;
};

/* A nested program's rule, parsed once per compilation. */
struct parsed {
    int64_t id;
    json_t *doc; /* new reference, released at the end of the compilation */
};

struct compiler {
    const struct mc_stacking_catalog *cat;
    struct mc_arena *a;
    size_t max_bytes, max_depth, max_nodes;
    size_t n_nodes;
    struct frame *stack; /* the programs being compiled, outermost first */
    size_t n_stack;
    /* nested programs' rules, parsed once per compilation however often they are nested */
    struct parsed *parsed; /* heap array */
    size_t n_parsed, cap_parsed;
    size_t bytes_parsed; /* JSON text parsed in all, at most 16 × max_bytes */
};

/* Root pointers read "/" in messages, as in base/json.c. */
static const char *shown(const char *ptr)
{
    return ptr[0] ? ptr : "/";
}

static enum mc_rc fail(struct mc_err *e, enum mc_rc rc, const char *ptr, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

/* Fail at `ptr` (a JSON pointer): e->where gets it and the message starts with it. */
static enum mc_rc fail(struct mc_err *e, enum mc_rc rc, const char *ptr, const char *fmt, ...)
{
    if (!e)
        return rc;
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(e, rc, fmt, ap);
    va_end(ap);
    mc_err_where(e, "%s", shown(ptr));
    mc_err_prefix(e, "%s", shown(ptr));
    return rc;
}

static const char *child_ptr(struct compiler *c, const char *ptr, const char *key)
{
    char esc[POINTER_MAX];
    mc_json_pointer_escape(key, esc, sizeof esc);
    return mc_arena_printf(c->a, "%s/%s", ptr, esc);
}

static const char *index_ptr(struct compiler *c, const char *ptr, size_t i)
{
    return mc_arena_printf(c->a, "%s/%zu", ptr, i);
}

/* Members a node of each kind may have besides its kind member. */
static const char *const companions[MC_STACKING_KIND_COUNT][3] = {
    [MC_STACKING_ALL_OF] = { NULL },
    [MC_STACKING_N_OF] = { "of", NULL },
    [MC_STACKING_CREDITS] = { "unit", "of", NULL },
    [MC_STACKING_ACHIEVEMENT] = { "recognized-from", NULL },
    [MC_STACKING_PROGRAM] = { NULL },
};

static bool is_companion(enum mc_stacking_kind k, const char *key)
{
    for (int i = 0; companions[k][i]; i++) {
        if (strcmp(companions[k][i], key) == 0)
            return true;
    }
    return false;
}

/* The smallest member name (bytewise) that a node of `kind` (-1: none found) may not have, so
 * errors do not depend on hash order; NULL if there is none. */
static const char *first_unknown(json_t *obj, int kind)
{
    const char *best = NULL, *key;
    json_t *v;
    json_object_foreach (obj, key, v) {
        bool known = kind >= 0 && (strcmp(key, kind_names[kind]) == 0 ||
                                   is_companion((enum mc_stacking_kind)kind, key));
        if (!known && (!best || strcmp(key, best) < 0))
            best = key;
    }
    return best;
}

/* A name in a rule: a slug or a row id. */
static enum mc_rc read_ref(json_t *v, const char *ptr, enum mc_stacking_ref_kind kind,
                           struct mc_stacking_ref *ref, struct mc_err *e)
{
    static const char *const what[] = { "an achievement", "a program", "an issuer" };
    memset(ref, 0, sizeof *ref);
    ref->kind = kind;
    if (json_is_string(v)) {
        size_t n = json_string_length(v);
        if (n == 0 || n > MAX_NAME)
            return fail(e, MC_ERR_INVALID, ptr, "a slug has 1 to %u bytes, not %zu", MAX_NAME, n);
        ref->slug = (struct mc_str){ json_string_value(v), n };
        return MC_OK;
    }
    if (json_is_integer(v) && json_integer_value(v) >= 1) {
        ref->id = json_integer_value(v);
        return MC_OK;
    }
    return fail(e, MC_ERR_INVALID, ptr, "expected %s's slug (a string) or id (a whole number >= 1)",
                what[kind]);
}

/* The name as a person reads it in a message: 'slug' or 'id 12'. */
static const char *ref_text(struct compiler *c, const struct mc_stacking_ref *ref)
{
    if (ref->slug.len)
        return mc_arena_printf(c->a, "'%.*s'", MC_STR_FMT(mc_str_sub(ref->slug, 0, 64)));
    return mc_arena_printf(c->a, "with id %lld", (long long)ref->id);
}

/* Ask the catalog; MC_ERR_NOT_FOUND becomes a message naming the thing at `ptr`. */
static enum mc_rc resolve(struct compiler *c, const struct mc_stacking_ref *ref, const char *ptr,
                          struct mc_stacking_entity *ent, struct mc_err *e)
{
    static const char *const what[] = { "achievement", "program", "issuer" };
    memset(ent, 0, sizeof *ent);
    ent->ects = -1;
    ent->hours = -1;
    if (!c->cat || !c->cat->lookup)
        return fail(e, MC_ERR_INTERNAL, ptr, "no catalog to look names up in");
    enum mc_rc rc = c->cat->lookup(c->cat->ctx, ref, ent, e);
    if (rc == MC_ERR_NOT_FOUND)
        return fail(e, MC_ERR_INVALID, ptr, "unknown %s %s", what[ref->kind], ref_text(c, ref));
    if (rc) {
        mc_err_where(e, "%s", shown(ptr));
        return rc;
    }
    if (ent->id <= 0)
        return fail(e, MC_ERR_INTERNAL, ptr, "the catalog gave %s %s no id", what[ref->kind],
                    ref_text(c, ref));
    return MC_OK;
}

static const char *dup_or_null(struct compiler *c, const char *s)
{
    return s ? mc_arena_strdup(c->a, s) : NULL;
}

static double stated(double v)
{
    return isfinite(v) && v >= 0 ? v : -1;
}

static enum mc_rc compile_node(struct compiler *c, json_t *v, const char *ptr, size_t depth,
                               struct mc_stacking_node *n, struct mc_err *e);

/* Two parts of one list that name the same achievement or program would count one award
 * twice. */
static enum mc_rc check_siblings(struct compiler *c, const struct mc_stacking_node *parts,
                                 size_t count, const char *ptr, struct mc_err *e)
{
    for (size_t i = 1; i < count; i++) {
        const struct mc_stacking_node *x = &parts[i];
        if (x->kind != MC_STACKING_ACHIEVEMENT && x->kind != MC_STACKING_PROGRAM)
            continue;
        for (size_t j = 0; j < i; j++) {
            if (parts[j].kind == x->kind && parts[j].id == x->id)
                return fail(e, MC_ERR_INVALID, index_ptr(c, ptr, i),
                            "%s '%s' is already part %zu of this list",
                            mc_stacking_kind_name(x->kind), x->slug, j);
        }
    }
    return MC_OK;
}

/* The parts of a node: a non-empty array of nodes at `ptr`. */
static enum mc_rc compile_parts(struct compiler *c, json_t *arr, const char *ptr, size_t depth,
                                struct mc_stacking_node *n, struct mc_err *e)
{
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return fail(e, MC_ERR_INVALID, ptr, "expected a non-empty array of rule nodes");
    size_t count = json_array_size(arr);
    if (count > c->max_nodes)
        return fail(e, MC_ERR_TOO_LARGE, ptr, "a rule has at most %zu nodes", c->max_nodes);
    n->children = mc_arena_calloc(c->a, count, sizeof *n->children);
    n->n_children = count;
    for (size_t i = 0; i < count; i++) {
        enum mc_rc rc = compile_node(c, json_array_get(arr, i), index_ptr(c, ptr, i), depth + 1,
                                     &n->children[i], e);
        if (rc)
            return rc;
    }
    return check_siblings(c, n->children, count, ptr, e);
}

/* Sum of the distinct achievements' catalog credits under `n` into `ids`/`sum`. */
static void reachable_credits(const struct mc_stacking_node *n, enum mc_credit_unit unit,
                              int64_t *ids, size_t *n_ids, double *sum)
{
    if (n->kind == MC_STACKING_ACHIEVEMENT) {
        for (size_t i = 0; i < *n_ids; i++) {
            if (ids[i] == n->id)
                return;
        }
        ids[(*n_ids)++] = n->id;
        double v = unit == MC_CREDIT_ECTS ? n->ects : n->hours;
        if (v > 0)
            *sum += v > MAX_CREDITS ? MAX_CREDITS : v;
        return;
    }
    for (size_t i = 0; i < n->n_children; i++)
        reachable_credits(&n->children[i], unit, ids, n_ids, sum);
}

static enum mc_rc compile_credits(struct compiler *c, json_t *obj, const char *ptr, size_t depth,
                                  struct mc_stacking_node *n, struct mc_err *e)
{
    const char *aptr = child_ptr(c, ptr, "credits-at-least");
    json_t *amount = json_object_get(obj, "credits-at-least");
    if (!json_is_number(amount))
        return fail(e, MC_ERR_INVALID, aptr, "expected a number of credits");
    double v = json_number_value(amount);
    if (!isfinite(v) || v <= 0)
        return fail(e, MC_ERR_INVALID, aptr, "the credits must be more than 0, not %g", v);
    if (v > MC_STACKING_MAX_AMOUNT)
        return fail(e, MC_ERR_INVALID, aptr, "the credits must be at most %g, not %g",
                    MC_STACKING_MAX_AMOUNT, v);
    n->amount = v;

    const char *uptr = child_ptr(c, ptr, "unit");
    json_t *unit = json_object_get(obj, "unit");
    if (!unit)
        return fail(e, MC_ERR_INVALID, uptr, "required, and missing: \"ects\" or \"hours\"");
    if (!json_is_string(unit))
        return fail(e, MC_ERR_INVALID, uptr, "expected \"ects\" or \"hours\"");
    struct mc_str us = { json_string_value(unit), json_string_length(unit) };
    if (mc_credit_unit_parse(us, &n->unit, e))
        return fail(e, MC_ERR_INVALID, uptr, "unknown unit '%.*s': use ects or hours",
                    MC_STR_FMT(mc_str_sub(us, 0, 32)));

    json_t *of = json_object_get(obj, "of");
    enum mc_rc rc = compile_parts(c, of, child_ptr(c, ptr, "of"), depth, n, e);
    if (rc)
        return rc;

    /* A rule that no learner can meet is a mistake to catch on save. */
    int64_t *ids = mc_arena_calloc(c->a, c->n_nodes + 1, sizeof *ids);
    size_t n_ids = 0;
    double sum = 0;
    for (size_t i = 0; i < n->n_children; i++)
        reachable_credits(&n->children[i], n->unit, ids, &n_ids, &sum);
    if (sum + CREDIT_EPSILON < n->amount)
        return fail(e, MC_ERR_INVALID, aptr, "needs %g %s but its parts carry at most %g %s",
                    n->amount, mc_credit_unit_name(n->unit), sum, mc_credit_unit_name(n->unit));
    return MC_OK;
}

static enum mc_rc compile_n_of(struct compiler *c, json_t *obj, const char *ptr, size_t depth,
                               struct mc_stacking_node *n, struct mc_err *e)
{
    const char *nptr = child_ptr(c, ptr, "n-of");
    json_t *nv = json_object_get(obj, "n-of");
    if (!json_is_integer(nv))
        return fail(e, MC_ERR_INVALID, nptr, "expected a whole number");
    json_int_t want = json_integer_value(nv);
    if (want < 1)
        return fail(e, MC_ERR_INVALID, nptr, "n must be at least 1, not %lld", (long long)want);
    enum mc_rc rc =
            compile_parts(c, json_object_get(obj, "of"), child_ptr(c, ptr, "of"), depth, n, e);
    if (rc)
        return rc;
    if ((uint64_t)want > n->n_children)
        return fail(e, MC_ERR_INVALID, nptr, "n is %lld but the list has only %zu part%s",
                    (long long)want, n->n_children, n->n_children == 1 ? "" : "s");
    n->n = (size_t)want;
    return MC_OK;
}

static enum mc_rc compile_recognized(struct compiler *c, json_t *arr, const char *ptr,
                                     struct mc_stacking_node *n, struct mc_err *e)
{
    if (!json_is_array(arr) || json_array_size(arr) == 0)
        return fail(e, MC_ERR_INVALID, ptr, "expected a non-empty array of issuers");
    size_t count = json_array_size(arr);
    if (count > MC_STACKING_MAX_RECOGNIZED)
        return fail(e, MC_ERR_TOO_LARGE, ptr, "at most %d issuers, not %zu",
                    MC_STACKING_MAX_RECOGNIZED, count);
    n->recognized = mc_arena_calloc(c->a, count, sizeof *n->recognized);
    for (size_t i = 0; i < count; i++) {
        const char *iptr = index_ptr(c, ptr, i);
        struct mc_stacking_ref ref;
        struct mc_stacking_entity ent;
        enum mc_rc rc = read_ref(json_array_get(arr, i), iptr, MC_STACKING_REF_ISSUER, &ref, e);
        if (rc)
            return rc;
        rc = resolve(c, &ref, iptr, &ent, e);
        if (rc)
            return rc;
        if (ent.id == n->issuer.id)
            return fail(e, MC_ERR_INVALID, iptr, "issuer %s issues the achievement itself",
                        ref_text(c, &ref));
        for (size_t j = 0; j < n->n_recognized; j++) {
            if (n->recognized[j].id == ent.id)
                return fail(e, MC_ERR_INVALID, iptr, "issuer %s is listed twice",
                            ref_text(c, &ref));
        }
        n->recognized[n->n_recognized].id = ent.id;
        n->recognized[n->n_recognized].slug = dup_or_null(c, ent.slug);
        n->n_recognized++;
    }
    return MC_OK;
}

static enum mc_rc compile_achievement(struct compiler *c, json_t *obj, const char *ptr,
                                      struct mc_stacking_node *n, struct mc_err *e)
{
    const char *aptr = child_ptr(c, ptr, "achievement");
    struct mc_stacking_ref ref;
    struct mc_stacking_entity ent;
    enum mc_rc rc = read_ref(json_object_get(obj, "achievement"), aptr, MC_STACKING_REF_ACHIEVEMENT,
                             &ref, e);
    if (rc)
        return rc;
    rc = resolve(c, &ref, aptr, &ent, e);
    if (rc)
        return rc;
    n->id = ent.id;
    n->slug = ent.slug ? mc_arena_strdup(c->a, ent.slug)
                       : mc_arena_printf(c->a, "%lld", (long long)ent.id);
    n->issuer.id = ent.issuer_id;
    n->issuer.slug = dup_or_null(c, ent.issuer_slug);
    n->ects = stated(ent.ects);
    n->hours = stated(ent.hours);
    json_t *rec = json_object_get(obj, "recognized-from");
    if (rec)
        return compile_recognized(c, rec, child_ptr(c, ptr, "recognized-from"), n, e);
    return MC_OK;
}

/* Parse a rule's text with the limits, counting it against the total. */
static enum mc_rc parse_rule(struct compiler *c, const char *p, size_t len, json_t **doc,
                             struct mc_err *e)
{
    if (len > c->max_bytes)
        return fail(e, MC_ERR_TOO_LARGE, "", "a rule has at most %zu bytes of JSON, not %zu",
                    c->max_bytes, len);
    if (c->bytes_parsed + len > 16 * c->max_bytes)
        return fail(e, MC_ERR_TOO_LARGE, "",
                    "the rules nested in this one have more than %zu bytes of JSON in all",
                    16 * c->max_bytes);
    c->bytes_parsed += len;
    /* Each level of nodes is an object in an array; allow a little more than that for the
     * JSON so that our own depth error, with its pointer, comes first. */
    struct mc_json_limits jl = { c->max_bytes, 2 * c->max_depth + 8 };
    enum mc_rc rc = mc_json_parse(p, len, 0, &jl, doc, e);
    if (rc && e && !e->where[0])
        mc_err_where(e, "/"); /* too large or too deep: the rule as a whole */
    return rc;
}

/* A nested program's rule, parsed once per compilation (borrowed from the cache). */
static enum mc_rc parse_nested(struct compiler *c, int64_t id, const char *p, size_t len,
                               json_t **doc, struct mc_err *e)
{
    for (size_t i = 0; i < c->n_parsed; i++) {
        if (c->parsed[i].id == id) {
            *doc = c->parsed[i].doc;
            return MC_OK;
        }
    }
    json_t *v = NULL;
    enum mc_rc rc = parse_rule(c, p, len, &v, e);
    if (rc)
        return rc;
    if (c->n_parsed == c->cap_parsed) {
        c->cap_parsed = c->cap_parsed ? 2 * c->cap_parsed : 8;
        c->parsed = mc_xreallocarray(c->parsed, c->cap_parsed, sizeof *c->parsed);
    }
    c->parsed[c->n_parsed++] = (struct parsed){ id, v };
    *doc = v;
    return MC_OK;
}

static bool same_program(const struct frame *f, int64_t id, const char *slug)
{
    if (f->id && id)
        return f->id == id;
    return f->slug && slug && strcmp(f->slug, slug) == 0;
}

static enum mc_rc compile_program(struct compiler *c, json_t *obj, const char *ptr, size_t depth,
                                  struct mc_stacking_node *n, struct mc_err *e)
{
    const char *pptr = child_ptr(c, ptr, "program");
    struct mc_stacking_ref ref;
    struct mc_stacking_entity ent;
    enum mc_rc rc =
            read_ref(json_object_get(obj, "program"), pptr, MC_STACKING_REF_PROGRAM, &ref, e);
    if (rc)
        return rc;
    rc = resolve(c, &ref, pptr, &ent, e);
    if (rc)
        return rc;
    n->id = ent.id;
    n->slug = ent.slug ? mc_arena_strdup(c->a, ent.slug)
                       : mc_arena_printf(c->a, "%lld", (long long)ent.id);

    for (size_t i = 0; i < c->n_stack; i++) {
        if (!same_program(&c->stack[i], n->id, n->slug))
            continue;
        struct mc_buf path;
        mc_buf_init(&path, MC_ERR_MSG_MAX);
        for (size_t j = i; j < c->n_stack; j++)
            mc_buf_printf(&path, "%s → ", c->stack[j].slug);
        mc_buf_printf(&path, "%s", n->slug);
        rc = fail(e, MC_ERR_INVALID, pptr, "programs nest in a cycle: program %s",
                  mc_buf_cstr(&path));
        mc_buf_free(&path);
        return rc;
    }
    if (!ent.rule)
        return fail(e, MC_ERR_INVALID, pptr, "program '%s' has no stacking rule to nest", n->slug);
    if (depth + 1 > c->max_depth)
        return fail(e, MC_ERR_TOO_LARGE, pptr, "rules nest deeper than %zu levels", c->max_depth);

    /* The rule text is only borrowed until the next lookup: parse it now. */
    json_t *doc = NULL;
    rc = parse_nested(c, n->id, ent.rule, ent.rule_len, &doc, e);
    if (!rc) {
        n->children = mc_arena_calloc(c->a, 1, sizeof *n->children);
        n->n_children = 1;
        c->stack[c->n_stack++] = (struct frame){ n->id, n->slug };
        rc = compile_node(c, doc, "", depth + 1, &n->children[0], e);
        c->n_stack--;
    }
    if (rc && e) {
        mc_err_prefix(e, "in program '%s'", n->slug);
        mc_err_where(e, "%s", pptr);
        mc_err_prefix(e, "%s", pptr);
    }
    return rc;
}

/*
 * One node at `ptr`, `depth` levels down (the root is level 1, a nested program's root one level
 * below its "program" node).
 */
static enum mc_rc compile_node(struct compiler *c, json_t *v, const char *ptr, size_t depth,
                               struct mc_stacking_node *n, struct mc_err *e)
{
    if (depth > c->max_depth)
        return fail(e, MC_ERR_TOO_LARGE, ptr, "rules nest deeper than %zu levels", c->max_depth);
    if (++c->n_nodes > c->max_nodes)
        return fail(e, MC_ERR_TOO_LARGE, ptr,
                    "a rule has at most %zu nodes, nested programs'"
                    " included",
                    c->max_nodes);
    if (!json_is_object(v))
        return fail(e, MC_ERR_INVALID, ptr, "expected a rule node (a JSON object)");
    n->pointer = ptr;

    int kind = -1;
    for (int k = 0; k < MC_STACKING_KIND_COUNT; k++) {
        if (!json_object_get(v, kind_names[k]))
            continue;
        if (kind >= 0)
            return fail(e, MC_ERR_INVALID, ptr, "a node has one kind, not both '%s' and '%s'",
                        kind_names[kind], kind_names[k]);
        kind = k;
    }
    const char *unknown = first_unknown(v, kind);
    if (kind < 0 && !unknown)
        return fail(e, MC_ERR_INVALID, ptr,
                    "empty node: give one of all-of, n-of, credits-at-least, achievement, program");
    if (kind < 0)
        return fail(e, MC_ERR_INVALID, child_ptr(c, ptr, unknown),
                    "unknown node kind '%.64s': use one of all-of, n-of, credits-at-least, "
                    "achievement, program",
                    unknown);
    if (unknown)
        return fail(e, MC_ERR_INVALID, child_ptr(c, ptr, unknown),
                    "unknown member '%.64s' in a%s %s node", unknown,
                    kind == MC_STACKING_ALL_OF || kind == MC_STACKING_ACHIEVEMENT ? "n" : "",
                    kind_names[kind]);
    n->kind = (enum mc_stacking_kind)kind;

    switch (n->kind) {
    case MC_STACKING_ALL_OF:
        return compile_parts(c, json_object_get(v, "all-of"), child_ptr(c, ptr, "all-of"), depth, n,
                             e);
    case MC_STACKING_N_OF: return compile_n_of(c, v, ptr, depth, n, e);
    case MC_STACKING_CREDITS: return compile_credits(c, v, ptr, depth, n, e);
    case MC_STACKING_ACHIEVEMENT: return compile_achievement(c, v, ptr, n, e);
    case MC_STACKING_PROGRAM: return compile_program(c, v, ptr, depth, n, e);
    default: break;
    }
    return fail(e, MC_ERR_INTERNAL, ptr, "unhandled node kind");
}

enum mc_rc mc_stacking_compile(const char *p, size_t len, int64_t program_id,
                               const char *program_slug, const struct mc_stacking_catalog *cat,
                               const struct mc_stacking_limits *limits, struct mc_arena *a,
                               struct mc_stacking_rule **out, struct mc_err *e)
{
    *out = NULL;
    struct compiler c = { .cat = cat, .a = a };
    c.max_bytes = limits && limits->max_bytes ? limits->max_bytes : DEFAULT_MAX_BYTES;
    c.max_depth = limits && limits->max_depth ? limits->max_depth : DEFAULT_MAX_DEPTH;
    c.max_nodes = limits && limits->max_nodes ? limits->max_nodes : DEFAULT_MAX_NODES;
    c.stack = mc_arena_calloc(a, c.max_depth + 1, sizeof *c.stack);
    const char *slug = program_slug ? mc_arena_strdup(a, program_slug)
                                    : mc_arena_printf(a, "%lld", (long long)program_id);
    c.stack[c.n_stack++] = (struct frame){ program_id, slug };

    struct mc_stacking_node *root = mc_arena_calloc(a, 1, sizeof *root);
    json_t *doc = NULL;
    enum mc_rc rc = parse_rule(&c, p, len, &doc, e);
    if (!rc)
        rc = compile_node(&c, doc, "", 1, root, e);
    json_decref(doc);
    for (size_t i = 0; i < c.n_parsed; i++)
        json_decref(c.parsed[i].doc);
    free(c.parsed);
    if (rc)
        return rc;
    struct mc_stacking_rule *r = mc_arena_calloc(a, 1, sizeof *r);
    r->program_id = program_id;
    r->program_slug = slug;
    r->root = root;
    r->n_nodes = c.n_nodes;
    *out = r;
    return MC_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Writing JSON                                                                               */
/* ------------------------------------------------------------------------------------------ */

/* A writer that remembers the first failure and then does nothing, so callers write straight
 * through and check once. */
struct writer {
    struct mc_buf *b;
    enum mc_rc rc;
};

static void w_raw(struct writer *w, const char *s)
{
    if (!w->rc)
        w->rc = mc_buf_appendz(w->b, s);
}

static void w_str(struct writer *w, const char *s)
{
    if (w->rc)
        return;
    if (!s) {
        w->rc = mc_buf_appendz(w->b, "null");
        return;
    }
    w->rc = mc_json_put_string(w->b, s, strlen(s));
}

/* Numbers with up to 15 significant digits: 0.1 + 0.2 reads 0.3, whole numbers have no point. */
static void w_num(struct writer *w, double v)
{
    if (w->rc)
        return;
    if (!isfinite(v)) {
        w->rc = mc_buf_appendz(w->b, "null");
        return;
    }
    if (v == 0)
        v = 0; /* no "-0" */
    w->rc = mc_buf_printf(w->b, "%.15g", v);
}

static void w_int(struct writer *w, long long v)
{
    if (!w->rc)
        w->rc = mc_buf_printf(w->b, "%lld", v);
}

/* ,"key": — `first` says whether a comma goes before. */
static void w_key(struct writer *w, bool first, const char *key)
{
    if (!first)
        w_raw(w, ",");
    w_str(w, key);
    w_raw(w, ":");
}

static enum mc_rc w_end(struct writer *w, size_t start)
{
    if (w->rc)
        mc_buf_truncate(w->b, start);
    return w->rc;
}

static void write_issuer(struct writer *w, const struct mc_stacking_issuer *i)
{
    if (i->slug)
        w_str(w, i->slug);
    else
        w_int(w, (long long)i->id);
}

static void write_rule_node(struct writer *w, const struct mc_stacking_node *n)
{
    w_raw(w, "{");
    switch (n->kind) {
    case MC_STACKING_ALL_OF: w_key(w, true, "all-of"); break;
    case MC_STACKING_N_OF:
        w_key(w, true, "n-of");
        w_int(w, (long long)n->n);
        w_key(w, false, "of");
        break;
    case MC_STACKING_CREDITS:
        w_key(w, true, "credits-at-least");
        w_num(w, n->amount);
        w_key(w, false, "unit");
        w_str(w, mc_credit_unit_name(n->unit));
        w_key(w, false, "of");
        break;
    case MC_STACKING_ACHIEVEMENT:
        w_key(w, true, "achievement");
        w_str(w, n->slug);
        if (n->n_recognized) {
            w_key(w, false, "recognized-from");
            w_raw(w, "[");
            for (size_t i = 0; i < n->n_recognized; i++) {
                w_raw(w, i ? "," : "");
                write_issuer(w, &n->recognized[i]);
            }
            w_raw(w, "]");
        }
        w_raw(w, "}");
        return;
    case MC_STACKING_PROGRAM:
        w_key(w, true, "program");
        w_str(w, n->slug);
        w_raw(w, "}");
        return;
    default: break;
    }
    w_raw(w, "[");
    for (size_t i = 0; i < n->n_children; i++) {
        w_raw(w, i ? "," : "");
        write_rule_node(w, &n->children[i]);
    }
    w_raw(w, "]}");
}

enum mc_rc mc_stacking_rule_json(const struct mc_stacking_rule *r, struct mc_buf *out)
{
    struct writer w = { out, MC_OK };
    size_t start = out->len;
    write_rule_node(&w, r->root);
    return w_end(&w, start);
}

/* ------------------------------------------------------------------------------------------ */
/* Evaluating                                                                                 */
/* ------------------------------------------------------------------------------------------ */

struct evaluator {
    struct mc_arena *a;
    struct mc_stacking_held *held; /* sorted */
    size_t n_held;
    /* per award: the catalog's credits from the node it met, for awards that state none */
    double *fallback_ects, *fallback_hours;
    /* per award: the first node it met, and through which issuer */
    const struct mc_stacking_node **met_node;
    bool *met_recognized;
};

static int cmp_i64(int64_t a, int64_t b)
{
    return a < b ? -1 : a > b;
}

static int cmp_dbl(double a, double b)
{
    return a < b ? -1 : a > b;
}

static int cmp_held(const void *pa, const void *pb)
{
    const struct mc_stacking_held *a = pa, *b = pb;
    int c = cmp_i64(a->achievement_id, b->achievement_id);
    if (!c)
        c = cmp_i64(a->issuer_id, b->issuer_id);
    if (!c && (a->credential_id || b->credential_id)) {
        if (!a->credential_id || !b->credential_id)
            c = a->credential_id ? 1 : -1;
        else
            c = strcmp(a->credential_id, b->credential_id);
    }
    if (!c)
        c = cmp_dbl(a->ects, b->ects);
    if (!c)
        c = cmp_dbl(a->hours, b->hours);
    return c;
}

/* The first award of `achievement` from `issuer` (0: any issuer), or SIZE_MAX. */
static size_t find_award(const struct evaluator *ev, int64_t achievement, int64_t issuer)
{
    size_t lo = 0, hi = ev->n_held;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ev->held[mid].achievement_id < achievement)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < ev->n_held && ev->held[i].achievement_id == achievement; i++) {
        if (!issuer || ev->held[i].issuer_id == issuer)
            return i;
    }
    return SIZE_MAX;
}

static double award_credits(const struct evaluator *ev, size_t i, enum mc_credit_unit unit)
{
    double v = unit == MC_CREDIT_ECTS ? ev->held[i].ects : ev->held[i].hours;
    if (!(isfinite(v) && v >= 0))
        v = unit == MC_CREDIT_ECTS ? ev->fallback_ects[i] : ev->fallback_hours[i];
    if (!(isfinite(v) && v >= 0))
        return 0;
    return v > MAX_CREDITS ? MAX_CREDITS : v;
}

/* The union of the met children's counted awards, ascending and distinct. */
static void union_counted(struct evaluator *ev, struct mc_stacking_progress_node *p)
{
    size_t total = 0;
    for (size_t i = 0; i < p->n_children; i++) {
        if (p->children[i].met)
            total += p->children[i].n_counted;
    }
    if (!total)
        return;
    size_t *acc = mc_arena_calloc(ev->a, total, sizeof *acc);
    size_t *tmp = mc_arena_calloc(ev->a, total, sizeof *tmp);
    size_t n = 0;
    for (size_t i = 0; i < p->n_children; i++) {
        const struct mc_stacking_progress_node *ch = &p->children[i];
        if (!ch->met)
            continue;
        size_t x = 0, y = 0, m = 0;
        while (x < n || y < ch->n_counted) {
            size_t v;
            if (y >= ch->n_counted || (x < n && acc[x] < ch->counted[y]))
                v = acc[x++];
            else if (x >= n || ch->counted[y] < acc[x])
                v = ch->counted[y++];
            else {
                v = acc[x++];
                y++;
            }
            tmp[m++] = v;
        }
        memcpy(acc, tmp, m * sizeof *acc);
        n = m;
    }
    p->counted = acc;
    p->n_counted = n;
}

static void eval_node(struct evaluator *ev, const struct mc_stacking_node *n,
                      struct mc_stacking_progress_node *p)
{
    p->rule = n;
    p->held = SIZE_MAX;
    p->n_children = n->n_children;
    if (n->n_children)
        p->children = mc_arena_calloc(ev->a, n->n_children, sizeof *p->children);
    for (size_t i = 0; i < n->n_children; i++) {
        eval_node(ev, &n->children[i], &p->children[i]);
        if (p->children[i].met)
            p->children_met++;
    }

    switch (n->kind) {
    case MC_STACKING_ACHIEVEMENT: {
        size_t i = find_award(ev, n->id, n->issuer.id);
        for (size_t k = 0; i == SIZE_MAX && k < n->n_recognized; k++) {
            i = find_award(ev, n->id, n->recognized[k].id);
            p->recognized = i != SIZE_MAX;
        }
        if (i == SIZE_MAX)
            return;
        p->met = true;
        p->held = i;
        p->counted = mc_arena_calloc(ev->a, 1, sizeof *p->counted);
        p->counted[0] = i;
        p->n_counted = 1;
        if (!ev->met_node[i]) {
            ev->met_node[i] = n;
            ev->met_recognized[i] = p->recognized;
            ev->fallback_ects[i] = n->ects;
            ev->fallback_hours[i] = n->hours;
        }
        return;
    }
    case MC_STACKING_PROGRAM:
        p->met = p->children[0].met;
        union_counted(ev, p);
        return;
    case MC_STACKING_ALL_OF:
        p->met = p->children_met == p->n_children;
        union_counted(ev, p);
        return;
    case MC_STACKING_N_OF:
        p->met = p->children_met >= n->n;
        union_counted(ev, p);
        return;
    case MC_STACKING_CREDITS:
        union_counted(ev, p);
        for (size_t i = 0; i < p->n_counted; i++)
            p->credits += award_credits(ev, p->counted[i], n->unit);
        p->met = p->credits + CREDIT_EPSILON >= n->amount;
        return;
    default: return;
    }
}

struct missing_list {
    struct mc_stacking_missing *items;
    size_t n, cap;
    size_t found; /* entries offered, listed or already there */
};

static void add_missing(struct missing_list *m, const char *slug,
                        const struct mc_stacking_progress_node *p)
{
    m->found++;
    if (p->rule->kind == MC_STACKING_ACHIEVEMENT) {
        for (size_t i = 0; i < m->n; i++) {
            const struct mc_stacking_node *x = m->items[i].node;
            if (x->kind == MC_STACKING_ACHIEVEMENT && x->id == p->rule->id)
                return;
        }
    }
    if (m->n < m->cap)
        m->items[m->n++] = (struct mc_stacking_missing){ slug, p->rule, p };
}

/* Every unmet achievement under `p`, met or not: under a credits node, earning one inside a
 * part already met still adds credits. */
static void collect_unmet_leaves(struct missing_list *m, const char *slug,
                                 const struct mc_stacking_progress_node *p)
{
    if (p->rule->kind == MC_STACKING_ACHIEVEMENT) {
        if (!p->met)
            add_missing(m, slug, p);
        return;
    }
    if (p->rule->kind == MC_STACKING_PROGRAM)
        slug = p->rule->slug;
    for (size_t i = 0; i < p->n_children; i++)
        collect_unmet_leaves(m, slug, &p->children[i]);
}

/* What is left under the unmet node `p` of program `slug`'s rule. */
static void collect_missing(struct missing_list *m, const char *slug,
                            const struct mc_stacking_progress_node *p)
{
    if (p->met)
        return;
    switch (p->rule->kind) {
    case MC_STACKING_ACHIEVEMENT: add_missing(m, slug, p); return;
    case MC_STACKING_PROGRAM: collect_missing(m, p->rule->slug, &p->children[0]); return;
    case MC_STACKING_CREDITS: {
        size_t before = m->found;
        for (size_t i = 0; i < p->n_children; i++) {
            if (p->children[i].met)
                collect_unmet_leaves(m, slug, &p->children[i]);
            else
                collect_missing(m, slug, &p->children[i]);
        }
        if (m->found == before)
            add_missing(m, slug, p); /* credits still short, nothing left to earn */
        return;
    }
    default:
        for (size_t i = 0; i < p->n_children; i++)
            collect_missing(m, slug, &p->children[i]);
        return;
    }
}

enum mc_rc mc_stacking_evaluate(const struct mc_stacking_rule *r,
                                const struct mc_stacking_held *held, size_t n_held,
                                struct mc_arena *a, struct mc_stacking_progress **out,
                                struct mc_err *e)
{
    *out = NULL;
    if (n_held > MC_STACKING_MAX_HELD)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "at most %d held achievements, not %zu",
                          MC_STACKING_MAX_HELD, n_held);
    struct evaluator ev = { .a = a, .n_held = n_held };
    size_t cells = n_held ? n_held : 1;
    ev.held = mc_arena_calloc(a, cells, sizeof *ev.held);
    for (size_t i = 0; i < n_held; i++) {
        ev.held[i] = held[i];
        ev.held[i].credential_id =
                held[i].credential_id ? mc_arena_strdup(a, held[i].credential_id) : NULL;
    }
    if (n_held > 1)
        qsort(ev.held, n_held, sizeof *ev.held, cmp_held);
    ev.fallback_ects = mc_arena_calloc(a, cells, sizeof *ev.fallback_ects);
    ev.fallback_hours = mc_arena_calloc(a, cells, sizeof *ev.fallback_hours);
    ev.met_node = mc_arena_calloc(a, cells, sizeof *ev.met_node);
    ev.met_recognized = mc_arena_calloc(a, cells, sizeof *ev.met_recognized);
    for (size_t i = 0; i < n_held; i++) {
        ev.fallback_ects[i] = -1;
        ev.fallback_hours[i] = -1;
    }

    struct mc_stacking_progress *p = mc_arena_calloc(a, 1, sizeof *p);
    p->rule = r;
    p->held = ev.held;
    p->n_held = n_held;
    p->root = mc_arena_calloc(a, 1, sizeof *p->root);
    eval_node(&ev, r->root, p->root);
    p->met = p->root->met;

    struct missing_list m = { mc_arena_calloc(a, r->n_nodes + 1, sizeof *m.items), 0,
                              r->n_nodes + 1, 0 };
    collect_missing(&m, r->program_slug, p->root);
    p->missing = m.items;
    p->n_missing = m.n;

    /* Kept for the JSON writer: which node each award met first. */
    p->met_node = ev.met_node;
    p->met_recognized = ev.met_recognized;
    *out = p;
    return MC_OK;
}

/* The issuer an award came from, as a person reads it. */
static void write_award_issuer(struct writer *w, const struct mc_stacking_node *n,
                               const struct mc_stacking_held *h)
{
    if (n && h->issuer_id == n->issuer.id && n->issuer.slug) {
        w_str(w, n->issuer.slug);
        return;
    }
    for (size_t k = 0; n && k < n->n_recognized; k++) {
        if (n->recognized[k].id == h->issuer_id && n->recognized[k].slug) {
            w_str(w, n->recognized[k].slug);
            return;
        }
    }
    w_int(w, (long long)h->issuer_id);
}

static void write_counted_slugs(struct writer *w, const struct mc_stacking_progress *pr,
                                const struct mc_stacking_progress_node *p)
{
    w_raw(w, "[");
    for (size_t i = 0; i < p->n_counted; i++) {
        w_raw(w, i ? "," : "");
        const struct mc_stacking_node *n = pr->met_node[p->counted[i]];
        w_str(w, n ? n->slug : NULL);
    }
    w_raw(w, "]");
}

static void write_progress_node(struct writer *w, const struct mc_stacking_progress *pr,
                                const struct mc_stacking_progress_node *p)
{
    const struct mc_stacking_node *n = p->rule;
    w_raw(w, "{");
    w_key(w, true, "kind");
    w_str(w, mc_stacking_kind_name(n->kind));
    w_key(w, false, "pointer");
    w_str(w, n->pointer);
    w_key(w, false, "met");
    w_raw(w, p->met ? "true" : "false");
    switch (n->kind) {
    case MC_STACKING_ACHIEVEMENT:
        w_key(w, false, "achievement");
        w_str(w, n->slug);
        if (p->met) {
            const struct mc_stacking_held *h = &pr->held[p->held];
            w_key(w, false, "credential");
            w_str(w, h->credential_id);
            w_key(w, false, "issuer");
            write_award_issuer(w, n, h);
            w_key(w, false, "recognized");
            w_raw(w, p->recognized ? "true" : "false");
        }
        w_raw(w, "}");
        return;
    case MC_STACKING_PROGRAM:
        w_key(w, false, "program");
        w_str(w, n->slug);
        w_key(w, false, "rule");
        write_progress_node(w, pr, &p->children[0]);
        w_raw(w, "}");
        return;
    case MC_STACKING_N_OF:
        w_key(w, false, "n");
        w_int(w, (long long)n->n);
        break;
    case MC_STACKING_CREDITS:
        w_key(w, false, "unit");
        w_str(w, mc_credit_unit_name(n->unit));
        w_key(w, false, "required");
        w_num(w, n->amount);
        w_key(w, false, "credits");
        w_num(w, p->credits);
        w_key(w, false, "remaining");
        w_num(w, p->met ? 0 : n->amount - p->credits);
        w_key(w, false, "counted");
        write_counted_slugs(w, pr, p);
        break;
    default: break;
    }
    size_t want = n->kind == MC_STACKING_N_OF ? n->n : p->n_children;
    w_key(w, false, "parts_met");
    w_int(w, (long long)p->children_met);
    w_key(w, false, "parts");
    w_int(w, (long long)p->n_children);
    if (n->kind != MC_STACKING_CREDITS) {
        w_key(w, false, "needed");
        w_int(w, (long long)(p->children_met >= want ? 0 : want - p->children_met));
    }
    w_key(w, false, "children");
    w_raw(w, "[");
    for (size_t i = 0; i < p->n_children; i++) {
        w_raw(w, i ? "," : "");
        write_progress_node(w, pr, &p->children[i]);
    }
    w_raw(w, "]}");
}

enum mc_rc mc_stacking_progress_json(const struct mc_stacking_progress *pr, struct mc_buf *out)
{
    struct writer w = { out, MC_OK };
    size_t start = out->len;
    w_raw(&w, "{");
    w_key(&w, true, "program");
    w_str(&w, pr->rule->program_slug);
    w_key(&w, false, "met");
    w_raw(&w, pr->met ? "true" : "false");
    w_key(&w, false, "rule");
    write_progress_node(&w, pr, pr->root);

    w_key(&w, false, "counted");
    w_raw(&w, "[");
    bool first = true;
    for (size_t i = 0; i < pr->n_held; i++) {
        const struct mc_stacking_node *n = pr->met_node[i];
        if (!n)
            continue;
        const struct mc_stacking_held *h = &pr->held[i];
        w_raw(&w, first ? "{" : ",{");
        first = false;
        w_key(&w, true, "achievement");
        w_str(&w, n->slug);
        w_key(&w, false, "issuer");
        write_award_issuer(&w, n, h);
        w_key(&w, false, "credential");
        w_str(&w, h->credential_id);
        w_key(&w, false, "recognized");
        w_raw(&w, pr->met_recognized[i] ? "true" : "false");
        double ects = isfinite(h->ects) && h->ects >= 0 ? h->ects : n->ects;
        double hours = isfinite(h->hours) && h->hours >= 0 ? h->hours : n->hours;
        if (ects >= 0) {
            w_key(&w, false, "ects");
            w_num(&w, ects > MAX_CREDITS ? MAX_CREDITS : ects);
        }
        if (hours >= 0) {
            w_key(&w, false, "hours");
            w_num(&w, hours > MAX_CREDITS ? MAX_CREDITS : hours);
        }
        w_raw(&w, "}");
    }
    w_raw(&w, "]");

    w_key(&w, false, "missing");
    w_raw(&w, "[");
    for (size_t i = 0; i < pr->n_missing; i++) {
        const struct mc_stacking_missing *m = &pr->missing[i];
        w_raw(&w, i ? ",{" : "{");
        w_key(&w, true, "program");
        w_str(&w, m->program_slug);
        w_key(&w, false, "pointer");
        w_str(&w, m->node->pointer);
        w_key(&w, false, "kind");
        w_str(&w, mc_stacking_kind_name(m->node->kind));
        if (m->node->kind == MC_STACKING_ACHIEVEMENT) {
            w_key(&w, false, "achievement");
            w_str(&w, m->node->slug);
        } else if (m->node->kind == MC_STACKING_CREDITS) {
            w_key(&w, false, "unit");
            w_str(&w, mc_credit_unit_name(m->node->unit));
            w_key(&w, false, "remaining");
            w_num(&w, m->node->amount - m->progress->credits);
        }
        w_raw(&w, "}");
    }
    w_raw(&w, "]}");
    return w_end(&w, start);
}

enum mc_stacking_change mc_stacking_change(const struct mc_stacking_progress *before,
                                           const struct mc_stacking_progress *after)
{
    bool was = before && before->met;
    bool is = after && after->met;
    if (!was && is)
        return MC_STACKING_NOW_MET;
    if (was && !is)
        return MC_STACKING_NOW_UNMET;
    return MC_STACKING_UNCHANGED;
}
