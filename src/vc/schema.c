/* SPDX-License-Identifier: Apache-2.0 */
#include "vc/schema.h"

#include <math.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/embed.h"
#include "base/json.h"
#include "base/time.h"
#include "base/utf8.h"

#define MAX_DEPTH 128
#define PTR_MAX   400

struct pattern {
    const char *source; /* borrowed from the schema */
    regex_t re;
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

struct node {
    const json_t *schema;
    const json_t *kw[K_COUNT];
    const json_t *ref_target; /* what $ref points at, resolved once */
    const regex_t *re;        /* the compiled pattern */
};

struct mc_schema {
    json_t *root;
    struct pattern *patterns;
    size_t npatterns;
    struct node *nodes; /* open addressing on the schema object's address */
    size_t ncap;
};

/* ---- ECMAScript patterns as POSIX extended regular expressions ---- */

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

static const struct node *node_of(const struct mc_schema *s, const json_t *schema)
{
    for (size_t i = node_slot(s, schema);; i = (i + 1) & (s->ncap - 1)) {
        if (s->nodes[i].schema == schema)
            return &s->nodes[i];
        if (!s->nodes[i].schema)
            return NULL;
    }
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

static const json_t *resolve_ref(const struct mc_schema *s, const char *ref);

/* Every object in the schema document gets a node: most are schemas, the rest cost a slot. */
static void compile_nodes(struct mc_schema *s, const json_t *v)
{
    const char *k;
    json_t *x;
    size_t i;
    if (json_is_array(v)) {
        json_array_foreach (v, i, x)
            compile_nodes(s, x);
        return;
    }
    if (!json_is_object(v))
        return;
    size_t slot = node_slot(s, v);
    while (s->nodes[slot].schema)
        slot = (slot + 1) & (s->ncap - 1);
    struct node *n = &s->nodes[slot];
    n->schema = v;
    for (int kw = 0; kw < K_COUNT; kw++)
        n->kw[kw] = json_object_get(v, kw_names[kw]);
    if (json_is_string(n->kw[K_REF]))
        n->ref_target = resolve_ref(s, json_string_value(n->kw[K_REF]));
    for (size_t p = 0; p < s->npatterns && json_is_string(n->kw[K_PATTERN]); p++)
        if (s->patterns[p].source == json_string_value(n->kw[K_PATTERN]))
            n->re = &s->patterns[p].re;
    json_object_foreach ((json_t *)v, k, x)
        compile_nodes(s, x);
}

enum mc_rc mc_schema_new(const char *text, size_t len, struct mc_schema **out, struct mc_err *e)
{
    json_t *root = NULL;
    enum mc_rc rc = mc_json_parse(text, len, JSON_DECODE_INT_AS_REAL, NULL, &root, e);
    if (rc)
        return rc;
    struct mc_schema *s = mc_xcalloc(1, sizeof *s);
    s->root = root;
    if ((rc = compile_patterns(s, root, e))) {
        mc_schema_free(s);
        return rc;
    }
    size_t n = count_objects(root);
    s->ncap = 16;
    while (s->ncap < 2 * n)
        s->ncap *= 2;
    s->nodes = mc_xcalloc(s->ncap, sizeof *s->nodes);
    compile_nodes(s, root);
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
    json_decref(s->root);
    free(s);
}

/* ---- validation ---- */

struct vstate {
    const struct mc_schema *s;
    struct mc_err *e;
    char ptr[PTR_MAX];
    size_t ptr_len;
    bool jsonld; /* a single value stands for an array of one, as JSON-LD compaction writes it */
    int quiet;   /* inside anyOf/oneOf/not branches: failures are not reported */
    int depth;
    bool failed;
};

static bool fail(struct vstate *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static bool fail(struct vstate *st, const char *fmt, ...)
{
    if (st->quiet || st->failed)
        return false;
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(st->e, MC_ERR_INVALID, fmt, ap);
    va_end(ap);
    mc_err_prefix(st->e, "%s", st->ptr_len ? st->ptr : "the credential");
    mc_err_where(st->e, "%s", st->ptr_len ? st->ptr : "/");
    st->failed = true;
    return false;
}

static size_t push(struct vstate *st, const char *key)
{
    size_t saved = st->ptr_len;
    if (st->ptr_len + 2 >= PTR_MAX)
        return saved;
    st->ptr[st->ptr_len++] = '/';
    st->ptr_len += mc_json_pointer_escape(key, st->ptr + st->ptr_len, PTR_MAX - st->ptr_len);
    return saved;
}

static size_t push_index(struct vstate *st, size_t i)
{
    char k[24];
    snprintf(k, sizeof k, "%zu", i);
    return push(st, k);
}

static void pop(struct vstate *st, size_t saved)
{
    st->ptr_len = saved;
    st->ptr[saved] = '\0';
}

static bool validate(struct vstate *st, const json_t *schema, const json_t *v);
static bool validate_as(struct vstate *st, const json_t *schema, const json_t *v, bool single);

static const json_t *resolve_ref(const struct mc_schema *s, const char *ref)
{
    if (strncmp(ref, "#/$defs/", 8) != 0)
        return NULL;
    return json_object_get(json_object_get(s->root, "$defs"), ref + 8);
}

static bool type_is(const json_t *v, const char *t)
{
    if (strcmp(t, "string") == 0)
        return json_is_string(v);
    if (strcmp(t, "object") == 0)
        return json_is_object(v);
    if (strcmp(t, "array") == 0)
        return json_is_array(v);
    if (strcmp(t, "boolean") == 0)
        return json_is_boolean(v);
    if (strcmp(t, "null") == 0)
        return json_is_null(v);
    if (strcmp(t, "number") == 0)
        return json_is_number(v);
    if (strcmp(t, "integer") == 0)
        return json_is_number(v) && json_number_value(v) == floor(json_number_value(v));
    return false;
}

static const char *kind_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "?";
}

/* Does a "type" keyword allow arrays? */
static bool check_type_allows_array(const json_t *t)
{
    if (json_is_string(t))
        return strcmp(json_string_value(t), "array") == 0;
    size_t i;
    const json_t *x;
    json_array_foreach (t, i, x)
        if (json_is_string(x) && strcmp(json_string_value(x), "array") == 0)
            return true;
    return false;
}

static bool check_type(struct vstate *st, const json_t *t, const json_t *v)
{
    if (json_is_string(t)) {
        if (type_is(v, json_string_value(t)))
            return true;
        return fail(st, "must be %s %s, not %s",
                    strchr("aeiou", json_string_value(t)[0]) ? "an" : "a", json_string_value(t),
                    kind_name(v));
    }
    size_t i;
    const json_t *x;
    json_array_foreach (t, i, x)
        if (json_is_string(x) && type_is(v, json_string_value(x)))
            return true;
    return fail(st, "is %s, which is not one of the allowed types", kind_name(v));
}

static bool check_string(struct vstate *st, const struct node *n, const json_t *v)
{
    const char *str = json_string_value(v);
    const json_t *x;
    const json_t *minl = n->kw[K_MIN_LEN];
    const json_t *maxl = n->kw[K_MAX_LEN];
    if (minl || maxl) {
        size_t chars = 0; /* code points, as JSON Schema counts */
        for (size_t i = 0; i < json_string_length(v); i++)
            chars += ((unsigned char)str[i] & 0xC0) != 0x80;
        if (minl && chars < json_number_value(minl))
            return fail(st, "is shorter than %.0f characters", json_number_value(minl));
        if (maxl && chars > json_number_value(maxl))
            return fail(st, "is longer than %.0f characters", json_number_value(maxl));
    }
    if ((x = n->kw[K_PATTERN]) && json_is_string(x) && n->re &&
        regexec(n->re, str, 0, NULL, 0) != 0)
        return fail(st, "\"%.80s\" does not match the pattern %s", str, json_string_value(x));
    if ((x = n->kw[K_FORMAT]) && json_is_string(x)) {
        const char *f = json_string_value(x);
        int64_t sec;
        int32_t ns;
        struct mc_err ignored;
        if (strcmp(f, "date-time") == 0 &&
            mc_time_parse_rfc3339(str, strlen(str), &sec, &ns, &ignored))
            return fail(st, "\"%.80s\" is not an RFC 3339 date-time with a time zone", str);
        if (strcmp(f, "date") == 0 && mc_time_parse_date(str, strlen(str), &sec, &ignored))
            return fail(st, "\"%.80s\" is not a date (YYYY-MM-DD)", str);
    }
    return true;
}

static bool check_object(struct vstate *st, const struct node *n, const json_t *v)
{
    const json_t *req = n->kw[K_REQUIRED];
    size_t i;
    const json_t *x;
    json_array_foreach (req, i, x) {
        if (json_is_string(x) && !json_object_get(v, json_string_value(x)))
            return fail(st, "the required property %s is missing", json_string_value(x));
    }
    const json_t *props = n->kw[K_PROPERTIES];
    const json_t *addl = n->kw[K_ADDL_PROPS];
    const char *k;
    json_t *val;
    json_object_foreach ((json_t *)v, k, val) {
        const json_t *ps = json_object_get(props, k);
        if (!ps && json_is_false(addl))
            return fail(st, "the property %s is not allowed here", k);
        if (!ps && json_is_object(addl))
            ps = addl;
        if (ps) {
            size_t saved = push(st, k);
            bool ok = validate(st, ps, val);
            pop(st, saved);
            if (!ok)
                return false;
        }
    }
    return true;
}

/* Item i of an array, or the value itself when it stands for an array of one. */
static const json_t *item_at(const json_t *v, bool single, size_t i)
{
    return single ? v : json_array_get(v, i);
}

static bool check_array(struct vstate *st, const struct node *n, const json_t *v, bool single)
{
    size_t count = single ? 1 : json_array_size(v);
    const json_t *x;
    if ((x = n->kw[K_MIN_ITEMS]) && count < json_number_value(x))
        return fail(st, "must have at least %.0f item%s", json_number_value(x),
                    json_number_value(x) == 1 ? "" : "s");
    if ((x = n->kw[K_MAX_ITEMS]) && count > json_number_value(x))
        return fail(st, "must have at most %.0f items", json_number_value(x));
    const json_t *items = n->kw[K_ITEMS];
    const json_t *addl = n->kw[K_ADDL_ITEMS];
    for (size_t i = 0; i < count; i++) {
        const json_t *is = NULL;
        if (json_is_array(items))
            is = i < json_array_size(items) ? json_array_get(items, i)
                                            : (json_is_object(addl) ? addl : NULL);
        else if (json_is_object(items))
            is = items;
        if (json_is_array(items) && i >= json_array_size(items) && json_is_false(addl))
            return fail(st, "must have at most %zu items", json_array_size(items));
        if (is) {
            size_t saved = push_index(st, i);
            bool ok = validate(st, is, item_at(v, single, i));
            pop(st, saved);
            if (!ok)
                return false;
        }
    }
    const json_t *contains = n->kw[K_CONTAINS];
    if (contains) {
        bool found = false;
        st->quiet++;
        for (size_t i = 0; i < count && !found; i++)
            found = validate(st, contains, item_at(v, single, i));
        st->quiet--;
        if (!found) {
            const json_t *en = json_object_get(contains, "enum");
            if (json_array_size(en) == 1 && json_is_string(json_array_get(en, 0)))
                return fail(st, "must contain %s", json_string_value(json_array_get(en, 0)));
            return fail(st, "has no item of the required kind");
        }
    }
    return true;
}

static bool validate(struct vstate *st, const json_t *schema, const json_t *v)
{
    return validate_as(st, schema, v, false);
}

/* With `single`, `v` stands for an array holding only it (JSON-LD compaction), without building
 * that array. */
static bool validate_as(struct vstate *st, const json_t *schema, const json_t *v, bool single)
{
    if (json_is_true(schema) || !schema)
        return true;
    if (json_is_false(schema))
        return fail(st, "is not allowed");
    if (!json_is_object(schema))
        return true;
    const struct node *n = node_of(st->s, schema);
    if (!n)
        return fail(st, "the schema is not compiled");
    const json_t *t = n->kw[K_TYPE];
    const char *ref = json_string_value(n->kw[K_REF]);
    /* JSON-LD lets an image be just its URL, where the schema wants an Image object. */
    if (st->jsonld && json_is_string(v) && ref && strcmp(ref, "#/$defs/Image") == 0)
        return true;
    /* VC 2.0 §4.10 lets credentialStatus hold several entries (a revocation and a suspension
     * one, as mc_ob3_build writes); the Open Badges schema describes one: each must fit it. */
    if (st->jsonld && json_is_array(v) && json_array_size(v) > 0 && ref &&
        strcmp(ref, "#/$defs/CredentialStatus") == 0) {
        size_t i;
        const json_t *entry;
        json_array_foreach (v, i, entry) {
            size_t saved = push_index(st, i);
            bool ok = validate_as(st, schema, entry, false);
            pop(st, saved);
            if (!ok)
                return false;
        }
        return true;
    }
    if (st->jsonld && !single && !json_is_array(v) && json_is_string(t) &&
        strcmp(json_string_value(t), "array") == 0)
        single = true;
    if (++st->depth > MAX_DEPTH) {
        st->depth--;
        return fail(st, "nested too deeply to validate");
    }
    bool ok = true;
    const json_t *x;
    if ((x = n->kw[K_REF]) && json_is_string(x)) {
        const json_t *target = n->ref_target;
        ok = target ? validate_as(st, target, v, single)
                    : fail(st, "the schema refers to %s, which it does not define",
                           json_string_value(x));
    }
    /* The rare checks on a whole array that was written as one value get the real array. */
    json_t *whole = NULL;
    if (single && (n->kw[K_CONST] || n->kw[K_ENUM]))
        whole = json_pack("[O]", (json_t *)v);
    const json_t *as = whole ? whole : v;
    if (ok && (x = n->kw[K_TYPE]) && !single)
        ok = check_type(st, x, v);
    if (ok && single && x && !check_type_allows_array(x))
        ok = check_type(st, x, v);
    if (ok && (x = n->kw[K_CONST]) && !json_equal(x, (json_t *)as))
        ok = fail(st, "must be %s", json_is_string(x) ? json_string_value(x) : "a fixed value");
    if (ok && (x = n->kw[K_ENUM])) {
        bool in = false;
        size_t i;
        const json_t *y;
        json_array_foreach (x, i, y)
            in = in || json_equal(y, (json_t *)as);
        if (!in) {
            if (json_is_string(v))
                ok = fail(st, "\"%.80s\" is not one of the allowed values", json_string_value(v));
            else
                ok = fail(st, "is not one of the allowed values");
        }
    }
    json_decref(whole);
    if (ok && !single && json_is_string(v))
        ok = check_string(st, n, v);
    if (ok && !single && json_is_object(v))
        ok = check_object(st, n, v);
    if (ok && (single || json_is_array(v)))
        ok = check_array(st, n, v, single);
    if (ok && (x = n->kw[K_ALL_OF])) {
        size_t i;
        const json_t *y;
        json_array_foreach (x, i, y) {
            if (ok)
                ok = validate_as(st, y, v, single);
        }
    }
    if (ok && (x = n->kw[K_ANY_OF])) {
        bool any = false;
        size_t i;
        const json_t *y;
        st->quiet++;
        json_array_foreach (x, i, y)
            any = any || validate_as(st, y, v, single);
        st->quiet--;
        if (!any)
            ok = fail(st, "does not match any of the allowed forms");
    }
    if (ok && (x = n->kw[K_ONE_OF])) {
        size_t matches = 0;
        size_t i;
        const json_t *y;
        st->quiet++;
        json_array_foreach (x, i, y)
            matches += validate_as(st, y, v, single);
        st->quiet--;
        if (matches != 1)
            ok = fail(st, matches ? "matches more than one of the allowed forms"
                                  : "does not match any of the allowed forms");
    }
    if (ok && (x = n->kw[K_NOT])) {
        st->quiet++;
        bool matched = validate_as(st, x, v, single);
        st->quiet--;
        if (matched)
            ok = fail(st, "matches a form that is not allowed");
    }
    st->depth--;
    return ok;
}

enum mc_rc mc_schema_validate(const struct mc_schema *s, const json_t *v, struct mc_err *e)
{
    struct vstate st = { .s = s, .e = e };
    return validate(&st, s->root, v) ? MC_OK : MC_ERR_INVALID;
}

enum mc_rc mc_schema_validate_jsonld(const struct mc_schema *s, const json_t *v, struct mc_err *e)
{
    struct vstate st = { .s = s, .e = e, .jsonld = true };
    return validate(&st, s->root, v) ? MC_OK : MC_ERR_INVALID;
}
