/* SPDX-License-Identifier: Apache-2.0 */
#include "vc/schema.h"

#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/embed.h"
#include "base/hash.h"
#include "base/json.h"
#include "base/time.h"
#include "base/utf8.h"
#include "ld/jv.h"

#define MAX_DEPTH 128
#define NO_SLOT   UINT32_MAX
/* Objects with at most this many members, under a schema with at most PROP_SLOTS_MAX property
 * slots, are checked in one pass over their members (see check_object). */
#define MEMBERS_MAX    32
#define PROP_SLOTS_MAX 256
#define PTR_MAX        400

struct pattern {
    const char *source; /* borrowed from the schema */
    regex_t re;
    uint64_t id; /* unique in the process, for the memo of answers */
};

/* The keywords the validator reads, looked up once per schema object when the schema is made. */
enum kw {
    K_REF,
    K_TYPE,
    K_CONST,
    K_ENUM,
    K_PROPERTIES,
    K_REQUIRED,
    K_ADDL_PROPS,
    K_ITEMS,
    K_ADDL_ITEMS,
    K_CONTAINS,
    K_MIN_ITEMS,
    K_MAX_ITEMS,
    K_MIN_LEN,
    K_MAX_LEN,
    K_PATTERN,
    K_FORMAT,
    K_ALL_OF,
    K_ANY_OF,
    K_ONE_OF,
    K_NOT,
    K_COUNT
};

static const char *const kw_names[K_COUNT] = {
    "$ref",
    "type",
    "const",
    "enum",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "additionalItems",
    "contains",
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "pattern",
    "format",
    "allOf",
    "anyOf",
    "oneOf",
    "not",
};

/* What a schema position holds: nothing to check, a false schema, or a schema object. */
enum node_kind {
    N_TRUE = 0, /* true, absent, or not an object: everything passes */
    N_FALSE,
    N_OBJECT,
};

enum type_bit {
    T_STRING = 1 << 0,
    T_OBJECT = 1 << 1,
    T_ARRAY = 1 << 2,
    T_BOOLEAN = 1 << 3,
    T_NULL = 1 << 4,
    T_NUMBER = 1 << 5,
    T_INTEGER = 1 << 6,
};

enum format { F_NONE = 0, F_DATE_TIME, F_DATE };

struct prop {
    const char *name; /* borrowed from the schema; NULL: an empty slot */
    size_t len;
    uint64_t hash;
    const struct node *schema;
};

/*
 * One schema object compiled: its keywords read once into plain fields, every subschema a
 * pointer to its node ($ref targets included), property names in a hash table, the type as a
 * bit set. Validation reads only these and the value, never the schema's JSON.
 */
struct node {
    const json_t *schema; /* the schema object (the key of the node table) */
    enum node_kind kind;
    /* Nothing but a type that is not "array": a leaf of the schema, checked in one step. */
    bool type_only;
    /* Which kinds of keywords the node has, so that a visit skips the others' checks; beside
     * `kind`, so that a visit to a small node reads few cache lines. */
    bool string_checks, object_checks, array_checks, combinators;
    /* $ref: the target's node, or NULL with ref_name set when the schema does not define it */
    const struct node *ref;
    const char *ref_name;
    bool ref_image, ref_status; /* "#/$defs/Image", "#/$defs/CredentialStatus" */
    /* type */
    bool has_type;
    unsigned types;        /* the allowed types as type_bit */
    const char *type_name; /* the type when it is one string, for messages */
    bool type_is_array;    /* the type is the string "array" */
    bool type_allows_array;
    const json_t *const_v, *enum_v;
    /* an enum of strings only, as C strings: most enums are lists of names, checked often */
    const char **enum_strs;
    size_t *enum_lens, nenum_strs;
    /* strings */
    bool has_min_len, has_max_len;
    double min_len, max_len;
    const struct pattern *re;
    const char *pattern;
    enum format format;
    /* objects */
    const char **required;
    uint32_t *required_slot; /* each one's slot in `props`, or NO_SLOT */
    size_t nrequired;
    struct prop *props; /* open addressing, power-of-two size; NULL: no properties */
    size_t props_mask;
    bool addl_false;
    const struct node *addl; /* additionalProperties when it is a schema object */
    /* arrays */
    bool has_min_items, has_max_items;
    double min_items, max_items;
    const struct node *items;  /* items as one schema */
    const struct node **tuple; /* items as a tuple */
    size_t ntuple;
    bool items_tuple;
    bool addl_items_false;
    const struct node *addl_items; /* additionalItems when it is a schema object */
    const struct node *contains;
    const char *contains_one; /* the one string of contains' enum, for the message */
    /* combinators */
    const struct node **all_of, **any_of, **one_of;
    size_t nall_of, nany_of, none_of;
    const struct node * not ;
};

struct mc_schema {
    json_t *root;
    struct pattern *patterns;
    size_t npatterns;
    struct node *nodes; /* open addressing on the schema object's address */
    size_t ncap;
    const struct node *root_node;
    struct mc_arena *arena; /* the nodes' lists and property tables */
};

static const struct node node_true = { .kind = N_TRUE };
static const struct node node_false = { .kind = N_FALSE };

/* ---- ECMAScript patterns as POSIX extended regular expressions ---- */

static atomic_uint_fast64_t next_pattern_id = 1;

/*
 * Answers of patterns remembered per thread: the strings a pattern is tried on come back from one
 * credential to the next (the context URLs, achievement and alignment types, language tags), and
 * regexec costs about a microsecond. Direct-mapped on the pattern's id and the string, with room
 * for the hundred or so pairs a corpus of credentials from many issuers brings; strings
 * longer than MEMO_TEXT are not kept.
 */
#define MEMO_SLOTS 256
#define MEMO_TEXT  95

struct memo_slot {
    uint64_t id; /* 0: empty */
    uint64_t hash;
    uint8_t len;
    bool match;
    char text[MEMO_TEXT];
};

static _Thread_local struct memo_slot memo[MEMO_SLOTS];

/* Does `str` match the pattern (anywhere, as ECMAScript's test() does)? */
static bool matches(const struct pattern *p, const char *str)
{
    size_t len = strlen(str); /* regexec reads up to the first NUL */
    if (len > MEMO_TEXT)
        return regexec(&p->re, str, 0, NULL, 0) == 0;
    uint64_t h = mc_hash_bytes(MC_HASH_SEED ^ p->id, str, len);
    struct memo_slot *m = &memo[h % MEMO_SLOTS];
    if (m->id == p->id && m->hash == h && m->len == len && !memcmp(m->text, str, len))
        return m->match;
    bool match = regexec(&p->re, str, 0, NULL, 0) == 0;
    *m = (struct memo_slot){ .id = p->id, .hash = h, .len = (uint8_t)len, .match = match };
    memcpy(m->text, str, len);
    return match;
}

static char *translate(const char *p)
{
    size_t n = strlen(p);
    char *out = mc_xmalloc(n * 12 + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\' && i + 1 < n) {
            char c = p[++i];
            const char *rep = c == 'd'   ? "[0-9]"
                              : c == 'w' ? "[A-Za-z0-9_]"
                              : c == 's' ? "[[:space:]]"
                                         : NULL;
            if (rep) {
                memcpy(out + o, rep, strlen(rep));
                o += strlen(rep);
            } else if (strchr(".^$|?*+()[]{}\\", c)) {
                out[o++] = '\\';
                out[o++] = c;
            } else {
                out[o++] = c; /* "\/" and other identity escapes */
            }
            continue;
        }
        out[o++] = p[i];
    }
    out[o] = '\0';
    return out;
}

static enum mc_rc compile_patterns(struct mc_schema *s, const json_t *v, struct mc_err *e)
{
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach ((json_t *)v, k, x) {
            if (strcmp(k, "pattern") == 0 && json_is_string(x)) {
                char *ere = translate(json_string_value(x));
                s->patterns = mc_xreallocarray(s->patterns, s->npatterns + 1, sizeof *s->patterns);
                struct pattern *p = &s->patterns[s->npatterns];
                int rc = regcomp(&p->re, ere, REG_EXTENDED | REG_NOSUB);
                free(ere);
                if (rc)
                    return mc_err_set(e, MC_ERR_UNSUPPORTED,
                                      "the schema pattern %s is not supported",
                                      json_string_value(x));
                p->source = json_string_value(x);
                p->id = atomic_fetch_add(&next_pattern_id, 1);
                s->npatterns++;
            } else {
                enum mc_rc rc = compile_patterns(s, x, e);
                if (rc)
                    return rc;
            }
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach (v, i, x) {
            enum mc_rc rc = compile_patterns(s, x, e);
            if (rc)
                return rc;
        }
    }
    return MC_OK;
}

static size_t node_slot(const struct mc_schema *s, const json_t *schema)
{
    uintptr_t h = (uintptr_t)schema;
    h ^= h >> 17;
    h *= 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 7) & (s->ncap - 1);
}

static struct node *node_find(const struct mc_schema *s, const json_t *schema)
{
    for (size_t i = node_slot(s, schema);; i = (i + 1) & (s->ncap - 1)) {
        if (s->nodes[i].schema == schema)
            return &s->nodes[i];
        if (!s->nodes[i].schema)
            return NULL;
    }
}

/* The node of a subschema: every object has one; true, false and anything else are shared. */
static const struct node *node_of(const struct mc_schema *s, const json_t *schema)
{
    if (json_is_false(schema))
        return &node_false;
    if (!json_is_object(schema))
        return &node_true;
    const struct node *n = node_find(s, schema);
    return n ? n : &node_true;
}

static size_t count_objects(const json_t *v)
{
    size_t n = json_is_object(v) ? 1 : 0;
    const char *k;
    json_t *x;
    size_t i;
    if (json_is_object(v))
        json_object_foreach ((json_t *)v, k, x)
            n += count_objects(x);
    else if (json_is_array(v))
        json_array_foreach (v, i, x)
            n += count_objects(x);
    return n;
}

static const json_t *resolve_ref(const struct mc_schema *s, const char *ref)
{
    if (strncmp(ref, "#/$defs/", 8) != 0)
        return NULL;
    return json_object_get(json_object_get(s->root, "$defs"), ref + 8);
}

static unsigned type_bit(const char *t)
{
    static const char *const names[] = { "string", "object", "array",  "boolean",
                                         "null",   "number", "integer" };
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(t, names[i]) == 0)
            return 1u << i;
    return 0; /* an unknown type name allows nothing */
}

/* The nodes of the schemas in array `a` (an allOf, anyOf or oneOf), in the arena. */
static const struct node **node_list(struct mc_schema *s, const json_t *a, size_t *n)
{
    *n = json_array_size(a);
    const struct node **list = mc_arena_calloc(s->arena, *n ? *n : 1, sizeof *list);
    for (size_t i = 0; i < *n; i++)
        list[i] = node_of(s, json_array_get(a, i));
    return list;
}

static void compile_props(struct mc_schema *s, struct node *n, const json_t *props)
{
    if (!json_is_object(props))
        return;
    size_t cap = 8;
    while (cap < 2 * json_object_size(props))
        cap *= 2;
    n->props = mc_arena_calloc(s->arena, cap, sizeof *n->props);
    n->props_mask = cap - 1;
    const char *k;
    json_t *x;
    json_object_foreach ((json_t *)props, k, x) {
        size_t len = strlen(k);
        uint64_t h = mc_hash_bytes(MC_HASH_SEED, k, len);
        size_t i = h & n->props_mask;
        while (n->props[i].name)
            i = (i + 1) & n->props_mask;
        n->props[i] = (struct prop){ k, len, h, node_of(s, x) };
    }
}

/* The slot of property `key` in n->props, or NO_SLOT. */
static uint32_t prop_slot(const struct node *n, const char *key)
{
    if (!n->props)
        return NO_SLOT;
    size_t len = strlen(key);
    uint64_t h = mc_hash_bytes(MC_HASH_SEED, key, len);
    for (size_t i = h & n->props_mask; n->props[i].name; i = (i + 1) & n->props_mask)
        if (n->props[i].hash == h && n->props[i].len == len &&
            memcmp(n->props[i].name, key, len) == 0)
            return (uint32_t)i;
    return NO_SLOT;
}

static void compile_type(struct node *n, const json_t *t)
{
    if (!t)
        return;
    n->has_type = true;
    if (json_is_string(t)) {
        n->type_name = json_string_value(t);
        n->types = type_bit(n->type_name);
        n->type_is_array = n->types == T_ARRAY;
        n->type_allows_array = n->type_is_array;
        return;
    }
    size_t i;
    const json_t *x;
    json_array_foreach (t, i, x)
        if (json_is_string(x))
            n->types |= type_bit(json_string_value(x));
    n->type_allows_array = n->types & T_ARRAY;
}

/* Read the keywords of the schema object `v` into its node (whose subschemas all have nodes). */
static void compile_string_enum(struct mc_schema *s, struct node *n)
{
    size_t count = json_array_size(n->enum_v), i;
    const json_t *y;
    json_array_foreach (n->enum_v, i, y)
        if (!json_is_string(y))
            return;
    if (!count)
        return;
    n->enum_strs = mc_arena_alloc(s->arena, count * sizeof *n->enum_strs);
    n->enum_lens = mc_arena_alloc(s->arena, count * sizeof *n->enum_lens);
    json_array_foreach (n->enum_v, i, y) {
        n->enum_strs[i] = json_string_value(y);
        n->enum_lens[i] = json_string_length(y);
    }
    n->nenum_strs = count;
}

static void compile_node(struct mc_schema *s, struct node *n, const json_t *v)
{
    const json_t *kw[K_COUNT];
    for (int i = 0; i < K_COUNT; i++)
        kw[i] = json_object_get(v, kw_names[i]);
    n->kind = N_OBJECT;
    if (json_is_string(kw[K_REF])) {
        const char *ref = json_string_value(kw[K_REF]);
        const json_t *target = resolve_ref(s, ref);
        n->ref = target ? node_of(s, target) : NULL;
        n->ref_name = ref;
        n->ref_image = strcmp(ref, "#/$defs/Image") == 0;
        n->ref_status = strcmp(ref, "#/$defs/CredentialStatus") == 0;
    }
    compile_type(n, kw[K_TYPE]);
    n->const_v = kw[K_CONST];
    n->enum_v = kw[K_ENUM];
    compile_string_enum(s, n);
    n->has_min_len = kw[K_MIN_LEN] != NULL;
    n->min_len = json_number_value(kw[K_MIN_LEN]);
    n->has_max_len = kw[K_MAX_LEN] != NULL;
    n->max_len = json_number_value(kw[K_MAX_LEN]);
    if (json_is_string(kw[K_PATTERN])) {
        n->pattern = json_string_value(kw[K_PATTERN]);
        for (size_t p = 0; p < s->npatterns; p++)
            if (s->patterns[p].source == n->pattern)
                n->re = &s->patterns[p];
    }
    const char *f = json_string_value(kw[K_FORMAT]);
    n->format = !f                            ? F_NONE
                : strcmp(f, "date-time") == 0 ? F_DATE_TIME
                : strcmp(f, "date") == 0      ? F_DATE
                                              : F_NONE;
    size_t i;
    const json_t *x;
    n->required = mc_arena_calloc(s->arena, json_array_size(kw[K_REQUIRED]) + 1, sizeof(char *));
    json_array_foreach (kw[K_REQUIRED], i, x)
        if (json_is_string(x))
            n->required[n->nrequired++] = json_string_value(x);
    compile_props(s, n, kw[K_PROPERTIES]);
    n->required_slot = mc_arena_alloc(s->arena, (n->nrequired + 1) * sizeof *n->required_slot);
    for (size_t r = 0; r < n->nrequired; r++)
        n->required_slot[r] = prop_slot(n, n->required[r]);
    n->addl_false = json_is_false(kw[K_ADDL_PROPS]);
    n->addl = json_is_object(kw[K_ADDL_PROPS]) ? node_of(s, kw[K_ADDL_PROPS]) : NULL;
    n->has_min_items = kw[K_MIN_ITEMS] != NULL;
    n->min_items = json_number_value(kw[K_MIN_ITEMS]);
    n->has_max_items = kw[K_MAX_ITEMS] != NULL;
    n->max_items = json_number_value(kw[K_MAX_ITEMS]);
    if (json_is_array(kw[K_ITEMS])) {
        n->items_tuple = true;
        n->tuple = node_list(s, kw[K_ITEMS], &n->ntuple);
    } else if (json_is_object(kw[K_ITEMS])) {
        n->items = node_of(s, kw[K_ITEMS]);
    }
    n->addl_items_false = json_is_false(kw[K_ADDL_ITEMS]);
    n->addl_items = json_is_object(kw[K_ADDL_ITEMS]) ? node_of(s, kw[K_ADDL_ITEMS]) : NULL;
    if (kw[K_CONTAINS]) {
        n->contains = node_of(s, kw[K_CONTAINS]);
        const json_t *en = json_object_get(kw[K_CONTAINS], "enum");
        if (json_array_size(en) == 1 && json_is_string(json_array_get(en, 0)))
            n->contains_one = json_string_value(json_array_get(en, 0));
    }
    if (kw[K_ALL_OF])
        n->all_of = node_list(s, kw[K_ALL_OF], &n->nall_of);
    if (kw[K_ANY_OF])
        n->any_of = node_list(s, kw[K_ANY_OF], &n->nany_of);
    if (kw[K_ONE_OF])
        n->one_of = node_list(s, kw[K_ONE_OF], &n->none_of);
    n->not = kw[K_NOT] ? node_of(s, kw[K_NOT]) : NULL;
    n->type_only = n->has_type && !n->type_allows_array && !n->ref_name && !n->const_v &&
                   !n->enum_v && !n->has_min_len && !n->has_max_len && !n->pattern &&
                   n->format == F_NONE && !n->nrequired && !n->props && !n->addl_false &&
                   !n->addl && !n->has_min_items && !n->has_max_items && !n->items &&
                   !n->items_tuple && !n->addl_items_false && !n->addl_items && !n->contains &&
                   !n->all_of && !n->any_of && !n->one_of && !n->not ;
    n->string_checks = n->has_min_len || n->has_max_len || n->re || n->format != F_NONE;
    n->object_checks = n->nrequired || n->props || n->addl || n->addl_false;
    n->array_checks =
            n->has_min_items || n->has_max_items || n->items || n->items_tuple || n->contains;
    n->combinators = n->all_of || n->any_of || n->one_of || n->not ;
}

/* Every object in the schema document gets a node: most are schemas, the rest cost a slot. */
static void place_nodes(struct mc_schema *s, const json_t *v)
{
    const char *k;
    json_t *x;
    size_t i;
    if (json_is_array(v)) {
        json_array_foreach (v, i, x)
            place_nodes(s, x);
        return;
    }
    if (!json_is_object(v))
        return;
    size_t slot = node_slot(s, v);
    while (s->nodes[slot].schema)
        slot = (slot + 1) & (s->ncap - 1);
    s->nodes[slot].schema = v;
    json_object_foreach ((json_t *)v, k, x)
        place_nodes(s, x);
}

enum mc_rc mc_schema_new(const char *text, size_t len, struct mc_schema **out, struct mc_err *e)
{
    json_t *root = NULL;
    enum mc_rc rc = mc_json_parse(text, len, JSON_DECODE_INT_AS_REAL, NULL, &root, e);
    if (rc)
        return rc;
    struct mc_schema *s = mc_xcalloc(1, sizeof *s);
    s->root = root;
    s->arena = mc_arena_new(0);
    if ((rc = compile_patterns(s, root, e))) {
        mc_schema_free(s);
        return rc;
    }
    size_t n = count_objects(root);
    s->ncap = 16;
    while (s->ncap < 2 * n)
        s->ncap *= 2;
    s->nodes = mc_xcalloc(s->ncap, sizeof *s->nodes);
    /* Two passes: every object has its node before any node points at others ($ref cycles). */
    place_nodes(s, root);
    for (size_t i = 0; i < s->ncap; i++)
        if (s->nodes[i].schema)
            compile_node(s, &s->nodes[i], s->nodes[i].schema);
    s->root_node = node_of(s, root);
    *out = s;
    return MC_OK;
}

enum mc_rc mc_schema_bundled(const char *name, struct mc_schema **out, struct mc_err *e)
{
    const struct mc_embed_file *f = mc_embed_find(&mc_embed_schemas, name);
    if (!f)
        return mc_err_set(e, MC_ERR_NOT_FOUND, "no bundled schema %s", name);
    return mc_schema_new((const char *)f->data, f->len, out, e);
}

void mc_schema_free(struct mc_schema *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->npatterns; i++)
        regfree(&s->patterns[i].re);
    free(s->patterns);
    free(s->nodes);
    mc_arena_free(s->arena);
    json_decref(s->root);
    free(s);
}

/* ---- validation ---- */

/* The place being validated is a stack of steps, made into a JSON pointer only when a failure is
 * reported: most values pass, and escaping every key on the way down costs more than checking. */
#define PATH_STEPS 64

struct step {
    const char *key; /* NULL: an array index */
    size_t index;
};

struct vstate {
    struct mc_err *e;
    struct step path[PATH_STEPS];
    size_t depth_path; /* steps taken; those past PATH_STEPS are not kept */
    bool jsonld; /* a single value stands for an array of one, as JSON-LD compaction writes it */
    int quiet;   /* inside anyOf/oneOf/not branches: failures are not reported */
    int depth;
    bool failed;
};

/* The JSON pointer of the place (at most PTR_MAX - 1 bytes; "" for the whole value). */
static void place(const struct vstate *st, char out[PTR_MAX])
{
    size_t len = 0, steps = st->depth_path < PATH_STEPS ? st->depth_path : PATH_STEPS;
    out[0] = '\0';
    for (size_t i = 0; i < steps && len + 2 < PTR_MAX; i++) {
        char k[24];
        const char *key = st->path[i].key;
        if (!key) {
            snprintf(k, sizeof k, "%zu", st->path[i].index);
            key = k;
        }
        out[len++] = '/';
        len += mc_json_pointer_escape(key, out + len, PTR_MAX - len);
    }
}

static bool fail(struct vstate *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool fail(struct vstate *st, const char *fmt, ...)
{
    if (st->quiet || st->failed)
        return false;
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(st->e, MC_ERR_INVALID, fmt, ap);
    va_end(ap);
    char ptr[PTR_MAX];
    place(st, ptr);
    mc_err_prefix(st->e, "%s", ptr[0] ? ptr : "the credential");
    mc_err_where(st->e, "%s", ptr[0] ? ptr : "/");
    st->failed = true;
    return false;
}

static size_t push(struct vstate *st, const char *key)
{
    size_t saved = st->depth_path;
    if (saved < PATH_STEPS)
        st->path[saved] = (struct step){ key, 0 };
    st->depth_path++;
    return saved;
}

static size_t push_index(struct vstate *st, size_t i)
{
    size_t saved = st->depth_path;
    if (saved < PATH_STEPS)
        st->path[saved] = (struct step){ NULL, i };
    st->depth_path++;
    return saved;
}

static void pop(struct vstate *st, size_t saved)
{
    st->depth_path = saved;
}

static bool validate_as(struct vstate *st, const struct node *n, const struct jv *v, bool single);

static bool validate(struct vstate *st, const struct node *n, const struct jv *v)
{
    return validate_as(st, n, v, false);
}

static unsigned type_of(const struct jv *v)
{
    switch (v->kind) {
    case JV_OBJECT: return T_OBJECT;
    case JV_ARRAY: return T_ARRAY;
    case JV_STRING: return T_STRING;
    case JV_NUMBER: return v->u.num == floor(v->u.num) ? T_NUMBER | T_INTEGER : T_NUMBER;
    case JV_TRUE:
    case JV_FALSE: return T_BOOLEAN;
    case JV_NULL: return T_NULL;
    }
    return 0;
}

static const char *kind_name(const struct jv *v)
{
    switch (v->kind) {
    case JV_OBJECT: return "an object";
    case JV_ARRAY: return "an array";
    case JV_STRING: return "a string";
    case JV_NUMBER: return "a number";
    case JV_TRUE:
    case JV_FALSE: return "a boolean";
    case JV_NULL: return "null";
    }
    return "?";
}

static bool check_type(struct vstate *st, const struct node *n, const struct jv *v)
{
    if (type_of(v) & n->types)
        return true;
    if (n->type_name)
        return fail(st, "must be %s %s, not %s", strchr("aeiou", n->type_name[0]) ? "an" : "a",
                    n->type_name, kind_name(v));
    return fail(st, "is %s, which is not one of the allowed types", kind_name(v));
}

/* Patterns and formats read a string up to its first NUL, as regexec and the time parsers did
 * when the value was a jansson string. */
static bool check_string(struct vstate *st, const struct node *n, const struct jv *v)
{
    const char *str = v->u.str;
    if (n->has_min_len || n->has_max_len) {
        size_t chars = 0; /* code points, as JSON Schema counts */
        for (size_t i = 0; i < v->len; i++)
            chars += ((unsigned char)str[i] & 0xC0) != 0x80;
        if (n->has_min_len && chars < n->min_len)
            return fail(st, "is shorter than %.0f characters", n->min_len);
        if (n->has_max_len && chars > n->max_len)
            return fail(st, "is longer than %.0f characters", n->max_len);
    }
    if (n->re && !matches(n->re, str))
        return fail(st, "\"%.80s\" does not match the pattern %s", str, n->pattern);
    if (n->format != F_NONE) {
        int64_t sec;
        int32_t ns;
        struct mc_err ignored;
        size_t len = strlen(str);
        if (n->format == F_DATE_TIME && mc_time_parse_rfc3339(str, len, &sec, &ns, &ignored))
            return fail(st, "\"%.80s\" is not an RFC 3339 date-time with a time zone", str);
        if (n->format == F_DATE && mc_time_parse_date(str, len, &sec, &ignored))
            return fail(st, "\"%.80s\" is not a date (YYYY-MM-DD)", str);
    }
    return true;
}

/* A member against its property's schema (at `slot`, or NO_SLOT), additionalProperties, or
 * nothing. */
static bool check_member(struct vstate *st, const struct node *n, const struct jv_member *m,
                         uint32_t slot)
{
    const struct node *ps = slot != NO_SLOT ? n->props[slot].schema : NULL;
    if (!ps && n->addl_false)
        return fail(st, "the property %s is not allowed here", m->key);
    if (!ps)
        ps = n->addl;
    if (!ps || ps->kind == N_TRUE)
        return true;
    size_t saved = push(st, m->key);
    bool ok = validate(st, ps, m->value);
    pop(st, saved);
    return ok;
}

/*
 * Required properties first, then each member. The members' property slots are found in one pass
 * that also tells which required properties are there, so the object's members are only searched
 * for required names the schema does not list as properties.
 */
static bool check_object(struct vstate *st, const struct node *n, const struct jv *v)
{
    uint32_t slots[MEMBERS_MAX];
    uint64_t seen[PROP_SLOTS_MAX / 64] = { 0 };
    const struct jv_member *m = v->u.members;
    bool one_pass = n->props && v->len <= MEMBERS_MAX && n->props_mask < PROP_SLOTS_MAX;
    for (uint32_t i = 0; one_pass && i < v->len; i++) {
        slots[i] = prop_slot(n, m[i].key);
        if (slots[i] != NO_SLOT)
            seen[slots[i] / 64] |= 1ull << (slots[i] % 64);
    }
    for (size_t i = 0; i < n->nrequired; i++) {
        uint32_t slot = n->required_slot[i];
        bool there = one_pass && slot != NO_SLOT ? (seen[slot / 64] >> (slot % 64)) & 1
                                                 : jv_get(v, n->required[i]) != NULL;
        if (!there)
            return fail(st, "the required property %s is missing", n->required[i]);
    }
    if (!n->props && !n->addl && !n->addl_false)
        return true;
    for (uint32_t i = 0; i < v->len; i++)
        if (!check_member(st, n, &m[i], one_pass ? slots[i] : prop_slot(n, m[i].key)))
            return false;
    return true;
}

/* Item i of an array, or the value itself when it stands for an array of one. */
static const struct jv *item_at(const struct jv *v, bool single, size_t i)
{
    return single ? v : v->u.items[i];
}

static bool check_array(struct vstate *st, const struct node *n, const struct jv *v, bool single)
{
    size_t count = single ? 1 : v->len;
    if (n->has_min_items && count < n->min_items)
        return fail(st, "must have at least %.0f item%s", n->min_items,
                    n->min_items == 1 ? "" : "s");
    if (n->has_max_items && count > n->max_items)
        return fail(st, "must have at most %.0f items", n->max_items);
    for (size_t i = 0; i < count && (n->items || n->items_tuple); i++) {
        const struct node *is = n->items;
        if (n->items_tuple) {
            if (i >= n->ntuple && n->addl_items_false)
                return fail(st, "must have at most %zu items", n->ntuple);
            is = i < n->ntuple ? n->tuple[i] : n->addl_items;
        }
        if (is) {
            size_t saved = push_index(st, i);
            bool ok = validate(st, is, item_at(v, single, i));
            pop(st, saved);
            if (!ok)
                return false;
        }
    }
    if (n->contains) {
        bool found = false;
        st->quiet++;
        for (size_t i = 0; i < count && !found; i++)
            found = validate(st, n->contains, item_at(v, single, i));
        st->quiet--;
        if (!found) {
            if (n->contains_one)
                return fail(st, "must contain %s", n->contains_one);
            return fail(st, "has no item of the required kind");
        }
    }
    return true;
}

/*
 * Is the instance value `v` equal to the schema's value `j`, as JSON Schema compares for const and
 * enum? Objects regardless of member order (a jv object has no duplicate keys), arrays in order,
 * strings by their bytes, numbers by value.
 */
static bool equal(const struct jv *v, const json_t *j)
{
    switch (v->kind) {
    case JV_NULL: return json_is_null(j);
    case JV_FALSE: return json_is_false(j);
    case JV_TRUE: return json_is_true(j);
    case JV_NUMBER: return json_is_number(j) && json_number_value(j) == v->u.num;
    case JV_STRING:
        return json_is_string(j) && json_string_length(j) == v->len &&
               memcmp(json_string_value(j), v->u.str, v->len) == 0;
    case JV_ARRAY:
        if (!json_is_array(j) || json_array_size(j) != v->len)
            return false;
        for (uint32_t i = 0; i < v->len; i++)
            if (!equal(v->u.items[i], json_array_get(j, i)))
                return false;
        return true;
    case JV_OBJECT:
        if (!json_is_object(j) || json_object_size(j) != v->len)
            return false;
        for (uint32_t i = 0; i < v->len; i++) {
            const json_t *y = json_object_get(j, v->u.members[i].key);
            if (!y || !equal(v->u.members[i].value, y))
                return false;
        }
        return true;
    }
    return false;
}

/* `equal` for `v`, or for the array of one it stands for. */
static bool equal_as(const struct jv *v, bool single, const json_t *j)
{
    if (!single)
        return equal(v, j);
    return json_array_size(j) == 1 && equal(v, json_array_get(j, 0));
}

static bool check_enum(struct vstate *st, const struct node *n, const struct jv *v, bool single)
{
    if (n->nenum_strs) {
        /* Only strings are allowed: an array of one never is one. */
        for (size_t i = 0; !single && v->kind == JV_STRING && i < n->nenum_strs; i++)
            if (n->enum_lens[i] == v->len && memcmp(n->enum_strs[i], v->u.str, v->len) == 0)
                return true;
    } else {
        size_t i;
        const json_t *y;
        json_array_foreach (n->enum_v, i, y)
            if (equal_as(v, single, y))
                return true;
    }
    if (v->kind == JV_STRING)
        return fail(st, "\"%.80s\" is not one of the allowed values", v->u.str);
    return fail(st, "is not one of the allowed values");
}

/* allOf, anyOf, oneOf and not. */
static bool check_combinators(struct vstate *st, const struct node *n, const struct jv *v,
                              bool single)
{
    for (size_t i = 0; i < n->nall_of; i++)
        if (!validate_as(st, n->all_of[i], v, single))
            return false;
    if (n->any_of) {
        bool any = false;
        st->quiet++;
        for (size_t i = 0; i < n->nany_of && !any; i++)
            any = validate_as(st, n->any_of[i], v, single);
        st->quiet--;
        if (!any)
            return fail(st, "does not match any of the allowed forms");
    }
    if (n->one_of) {
        size_t matches = 0;
        st->quiet++;
        for (size_t i = 0; i < n->none_of; i++)
            matches += validate_as(st, n->one_of[i], v, single);
        st->quiet--;
        if (matches != 1)
            return fail(st, matches ? "matches more than one of the allowed forms"
                                    : "does not match any of the allowed forms");
    }
    if (n->not ) {
        st->quiet++;
        bool matched = validate_as(st, n->not, v, single);
        st->quiet--;
        if (matched)
            return fail(st, "matches a form that is not allowed");
    }
    return true;
}

/* Every keyword of a schema object but $ref, on `v` (or the array of one it stands for). */
static bool check_keywords(struct vstate *st, const struct node *n, const struct jv *v, bool single)
{
    if (n->has_type &&
        (single ? !n->type_allows_array && !check_type(st, n, v) : !check_type(st, n, v)))
        return false;
    if (n->const_v && !equal_as(v, single, n->const_v))
        return fail(st, "must be %s",
                    json_is_string(n->const_v) ? json_string_value(n->const_v) : "a fixed value");
    if (n->enum_v && !check_enum(st, n, v, single))
        return false;
    if (n->string_checks && !single && v->kind == JV_STRING && !check_string(st, n, v))
        return false;
    if (n->object_checks && !single && v->kind == JV_OBJECT && !check_object(st, n, v))
        return false;
    if (n->array_checks && (single || v->kind == JV_ARRAY) && !check_array(st, n, v, single))
        return false;
    return !n->combinators || check_combinators(st, n, v, single);
}

/* With `single`, `v` stands for an array holding only it (JSON-LD compaction), without building
 * that array. */
static bool validate_as(struct vstate *st, const struct node *n, const struct jv *v, bool single)
{
    if (n->kind == N_TRUE)
        return true;
    if (n->kind == N_FALSE)
        return fail(st, "is not allowed");
    if (n->type_only) /* what check_keywords would do for it, single or not */
        return check_type(st, n, v);
    /* JSON-LD lets an image be just its URL, where the schema wants an Image object. */
    if (st->jsonld && n->ref_image && v->kind == JV_STRING)
        return true;
    /* VC 2.0 §4.10 lets credentialStatus hold several entries (a revocation and a suspension
     * one, as mc_ob3_build writes); the Open Badges schema describes one: each must fit it. */
    if (st->jsonld && n->ref_status && v->kind == JV_ARRAY && v->len > 0) {
        for (uint32_t i = 0; i < v->len; i++) {
            size_t saved = push_index(st, i);
            bool ok = validate_as(st, n, v->u.items[i], false);
            pop(st, saved);
            if (!ok)
                return false;
        }
        return true;
    }
    if (st->jsonld && !single && n->type_is_array && v->kind != JV_ARRAY)
        single = true;
    if (++st->depth > MAX_DEPTH) {
        st->depth--;
        return fail(st, "nested too deeply to validate");
    }
    bool ok = true;
    if (n->ref_name)
        ok = n->ref ? validate_as(st, n->ref, v, single)
                    : fail(st, "the schema refers to %s, which it does not define", n->ref_name);
    if (ok)
        ok = check_keywords(st, n, v, single);
    st->depth--;
    return ok;
}

enum mc_rc mc_schema_validate_jv(const struct mc_schema *s, const struct jv *v, bool jsonld,
                                 struct mc_err *e)
{
    struct vstate st = { .e = e, .jsonld = jsonld };
    return validate(&st, s->root_node, v) ? MC_OK : MC_ERR_INVALID;
}

/* A jv view of `v` in an arena of the call (its strings stay jansson's), validated as such. */
static enum mc_rc validate_jansson(const struct mc_schema *s, const json_t *v, bool jsonld,
                                   struct mc_err *e)
{
    struct mc_arena *a = mc_arena_new(0);
    enum mc_rc rc = mc_schema_validate_jv(s, jv_from_jansson(a, v), jsonld, e);
    mc_arena_free(a);
    return rc;
}

enum mc_rc mc_schema_validate(const struct mc_schema *s, const json_t *v, struct mc_err *e)
{
    return validate_jansson(s, v, false, e);
}

enum mc_rc mc_schema_validate_jsonld(const struct mc_schema *s, const json_t *v, struct mc_err *e)
{
    return validate_jansson(s, v, true, e);
}
