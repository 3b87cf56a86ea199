/* SPDX-License-Identifier: Apache-2.0 */
#include "ld/jv.h"

#include <stdlib.h>
#include <string.h>

#include "base/hex.h"
#include "base/utf8.h"

/* Objects with more members than this get a sorted index for lookups. */
#define INDEX_FROM 12

struct jv jv_null_value = { .kind = JV_NULL };
struct jv jv_true_value = { .kind = JV_TRUE };
struct jv jv_false_value = { .kind = JV_FALSE };

/* ---- builders ---- */

struct jv *jv_new_string(struct mc_arena *a, const char *s)
{
    struct jv *v = mc_arena_alloc(a, sizeof *v);
    *v = (struct jv){ .kind = JV_STRING, .len = (uint32_t)strlen(s), .u.str = s };
    return v;
}

struct jv *jv_new_array(struct mc_arena *a)
{
    struct jv *v = mc_arena_alloc(a, sizeof *v);
    *v = (struct jv){ .kind = JV_ARRAY };
    return v;
}

struct jv *jv_new_object(struct mc_arena *a)
{
    struct jv *v = mc_arena_alloc(a, sizeof *v);
    *v = (struct jv){ .kind = JV_OBJECT };
    return v;
}

static void grow(struct mc_arena *a, struct jv *v, size_t want, size_t elem)
{
    if (want <= v->cap)
        return;
    size_t ncap = v->cap ? v->cap * 2 : 4;
    while (ncap < want)
        ncap *= 2;
    void *n = mc_arena_alloc(a, ncap * elem);
    if (v->len)
        memcpy(n, v->kind == JV_ARRAY ? (void *)v->u.items : (void *)v->u.members, v->len * elem);
    if (v->kind == JV_ARRAY)
        v->u.items = n;
    else
        v->u.members = n;
    v->cap = (uint32_t)ncap;
}

void jv_push(struct mc_arena *a, struct jv *arr, struct jv *v)
{
    grow(a, arr, arr->len + 1, sizeof *arr->u.items);
    arr->u.items[arr->len++] = v;
}

void jv_extend(struct mc_arena *a, struct jv *arr, const struct jv *other)
{
    if (!jv_is_array(other) || !other->len)
        return;
    grow(a, arr, arr->len + other->len, sizeof *arr->u.items);
    memcpy(arr->u.items + arr->len, other->u.items, other->len * sizeof *arr->u.items);
    arr->len += other->len;
}

static int index_cmp_key(const struct jv *obj, uint32_t i, const char *key)
{
    return strcmp(obj->u.members[i].key, key);
}

struct jv *jv_get(const struct jv *obj, const char *key)
{
    if (!jv_is_object(obj))
        return NULL;
    if (obj->index) {
        size_t lo = 0, hi = obj->len;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            int c = index_cmp_key(obj, obj->index[mid], key);
            if (c == 0)
                return obj->u.members[obj->index[mid]].value;
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return NULL;
    }
    /* Keys of expanded objects are often the very string looked for (IRI expansion gives the
     * same pointer for the same question), and most others differ in their first two bytes
     * (keywords all start with '@'). */
    for (uint32_t i = 0; i < obj->len; i++) {
        const char *k = obj->u.members[i].key;
        if (k == key || (k[0] == key[0] && (!k[0] || k[1] == key[1]) && strcmp(k, key) == 0))
            return obj->u.members[i].value;
    }
    return NULL;
}

void jv_set(struct mc_arena *a, struct jv *obj, const char *key, struct jv *v)
{
    for (uint32_t i = 0; i < obj->len; i++) {
        const char *k = obj->u.members[i].key;
        if (k == key || (k[0] == key[0] && (!k[0] || k[1] == key[1]) && strcmp(k, key) == 0)) {
            obj->u.members[i].value = v;
            return;
        }
    }
    obj->index = NULL; /* built objects are small; lookups scan */
    grow(a, obj, obj->len + 1, sizeof *obj->u.members);
    obj->u.members[obj->len++] = (struct jv_member){ key, v };
}

struct jv *jv_copy(struct mc_arena *a, const struct jv *v)
{
    struct jv *c = mc_arena_alloc(a, sizeof *c);
    *c = *v;
    if (v->kind == JV_ARRAY || v->kind == JV_OBJECT) {
        size_t elem = v->kind == JV_ARRAY ? sizeof *v->u.items : sizeof *v->u.members;
        c->cap = v->len;
        c->index = NULL;
        if (v->len) {
            void *n = mc_arena_alloc(a, v->len * elem);
            memcpy(n, v->kind == JV_ARRAY ? (void *)v->u.items : (void *)v->u.members,
                   v->len * elem);
            if (v->kind == JV_ARRAY)
                c->u.items = n;
            else
                c->u.members = n;
        }
    }
    return c;
}

struct jv *jv_as_array(struct mc_arena *a, struct jv *v)
{
    if (jv_is_array(v))
        return v;
    struct jv *r = jv_new_array(a);
    if (v)
        jv_push(a, r, v);
    return r;
}

bool jv_equal(const struct jv *x, const struct jv *y)
{
    if (x == y)
        return true;
    if (!x || !y || x->kind != y->kind)
        return false;
    switch (x->kind) {
    case JV_NULL:
    case JV_TRUE:
    case JV_FALSE: return true;
    case JV_NUMBER: return x->u.num == y->u.num;
    case JV_STRING: return x->len == y->len && memcmp(x->u.str, y->u.str, x->len) == 0;
    case JV_ARRAY:
        if (x->len != y->len)
            return false;
        for (uint32_t i = 0; i < x->len; i++)
            if (!jv_equal(x->u.items[i], y->u.items[i]))
                return false;
        return true;
    case JV_OBJECT:
        if (x->len != y->len)
            return false;
        for (uint32_t i = 0; i < x->len; i++)
            if (!jv_equal(x->u.members[i].value, jv_get(y, x->u.members[i].key)))
                return false;
        return true;
    }
    return false;
}

json_t *jv_to_jansson(const struct jv *v)
{
    switch (v->kind) {
    case JV_NULL: return json_null();
    case JV_TRUE: return json_true();
    case JV_FALSE: return json_false();
    case JV_NUMBER: return json_real(v->u.num);
    case JV_STRING: return json_stringn_nocheck(v->u.str, v->len);
    case JV_ARRAY: {
        json_t *a = json_array();
        for (uint32_t i = 0; i < v->len; i++)
            json_array_append_new(a, jv_to_jansson(v->u.items[i]));
        return a;
    }
    case JV_OBJECT: {
        json_t *o = json_object();
        for (uint32_t i = 0; i < v->len; i++)
            json_object_set_new_nocheck(o, v->u.members[i].key,
                                        jv_to_jansson(v->u.members[i].value));
        return o;
    }
    }
    return json_null();
}

struct jv *jv_from_jansson(struct mc_arena *a, const json_t *j)
{
    return jv_from_jansson_omit(a, j, NULL);
}

struct jv *jv_from_jansson_omit(struct mc_arena *a, const json_t *j, const char *omit)
{
    switch (json_typeof(j)) {
    case JSON_NULL: return &jv_null_value;
    case JSON_TRUE: return &jv_true_value;
    case JSON_FALSE: return &jv_false_value;
    case JSON_INTEGER:
    case JSON_REAL: {
        struct jv *v = mc_arena_alloc(a, sizeof *v);
        *v = (struct jv){ .kind = JV_NUMBER, .u.num = json_number_value(j) };
        return v;
    }
    case JSON_STRING: {
        struct jv *v = mc_arena_alloc(a, sizeof *v);
        *v = (struct jv){ .kind = JV_STRING,
                          .len = (uint32_t)json_string_length(j),
                          .u.str = json_string_value(j) };
        return v;
    }
    case JSON_ARRAY: {
        struct jv *v = jv_new_array(a);
        size_t i;
        json_t *x;
        json_array_foreach (j, i, x)
            jv_push(a, v, jv_from_jansson(a, x));
        return v;
    }
    case JSON_OBJECT: {
        struct jv *v = jv_new_object(a);
        const char *k;
        json_t *x;
        /* Keys are unique in a jansson object: append without a lookup. */
        v->cap = (uint32_t)json_object_size(j);
        v->u.members = mc_arena_alloc(a, (v->cap ? v->cap : 1) * sizeof *v->u.members);
        json_object_foreach ((json_t *)j, k, x)
            if (!omit || strcmp(k, omit) != 0)
                v->u.members[v->len++] = (struct jv_member){ k, jv_from_jansson(a, x) };
        return v;
    }
    }
    return &jv_null_value;
}

/* ---- the parser ---- */

struct parser {
    struct mc_arena *a;
    const char *p;
    size_t len, pos, depth, max_depth;
    struct mc_err *e;
    /* scratch stack of members/items being collected, shared by all levels */
    void **stack;
    size_t sp, scap;
};

static enum mc_rc fail(struct parser *ps, enum mc_rc rc, const char *what)
{
    size_t line = 1, col = 1;
    for (size_t i = 0; i < ps->pos && i < ps->len; i++) {
        if (ps->p[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)ps->p[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    mc_err_set(ps->e, rc, "%s at line %zu, column %zu", what, line, col);
    mc_err_where(ps->e, "line %zu, column %zu", line, col);
    return rc;
}

static void skip_ws(struct parser *ps)
{
    while (ps->pos < ps->len) {
        char c = ps->p[ps->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        ps->pos++;
    }
}

/* The stack grows in the arena too (doubling, so at most twice its final size is used), so that
 * parsing does not call malloc once the arena has its blocks. */
static void push(struct parser *ps, void *x)
{
    if (ps->sp == ps->scap) {
        size_t ncap = ps->scap ? ps->scap * 2 : 256;
        void **n = mc_arena_alloc(ps->a, ncap * sizeof *n);
        if (ps->sp)
            memcpy(n, ps->stack, ps->sp * sizeof *n);
        ps->stack = n;
        ps->scap = ncap;
    }
    ps->stack[ps->sp++] = x;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int d = mc_hex_digit(p[i]);
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A string at ps->pos (the opening quote); *out is NUL-terminated, *n its length. */
static enum mc_rc parse_string(struct parser *ps, const char **out, uint32_t *n)
{
    size_t start = ++ps->pos;
    size_t i = start;
    bool escapes = false;
    while (i < ps->len && ps->p[i] != '"') {
        unsigned char c = (unsigned char)ps->p[i];
        if (c < 0x20) {
            ps->pos = i;
            return fail(ps, MC_ERR_INVALID, "control character in a string");
        }
        if (c == '\\') {
            escapes = true;
            i++;
        }
        i++;
    }
    if (i >= ps->len) {
        ps->pos = start - 1;
        return fail(ps, MC_ERR_INVALID, "unterminated string");
    }
    size_t raw = i - start;
    if (raw > UINT32_MAX / 2) {
        ps->pos = start;
        return fail(ps, MC_ERR_TOO_LARGE, "string too long");
    }
    if (!escapes) {
        /* Point into a NUL-terminated copy: the input is not terminated after the quote. */
        *out = mc_arena_memdupz(ps->a, ps->p + start, raw);
        *n = (uint32_t)raw;
        ps->pos = i + 1;
        return MC_OK;
    }
    char *o = mc_arena_alloc(ps->a, raw + 1);
    size_t w = 0;
    for (size_t r = start; r < i;) {
        char c = ps->p[r];
        if (c != '\\') {
            o[w++] = c;
            r++;
            continue;
        }
        char x = ps->p[r + 1];
        r += 2;
        switch (x) {
        case '"': o[w++] = '"'; break;
        case '\\': o[w++] = '\\'; break;
        case '/': o[w++] = '/'; break;
        case 'b': o[w++] = '\b'; break;
        case 'f': o[w++] = '\f'; break;
        case 'n': o[w++] = '\n'; break;
        case 'r': o[w++] = '\r'; break;
        case 't': o[w++] = '\t'; break;
        case 'u': {
            int cp = r + 4 <= i ? hex4(ps->p + r) : -1;
            if (cp < 0) {
                ps->pos = r - 2;
                return fail(ps, MC_ERR_INVALID, "invalid \\u escape");
            }
            r += 4;
            uint32_t u = (uint32_t)cp;
            if (u >= 0xD800 && u <= 0xDBFF) {
                int lo = r + 6 <= i && ps->p[r] == '\\' && ps->p[r + 1] == 'u' ? hex4(ps->p + r + 2)
                                                                               : -1;
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    ps->pos = r - 6;
                    return fail(ps, MC_ERR_INVALID, "unpaired surrogate in a \\u escape");
                }
                r += 6;
                u = 0x10000 + ((u - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                ps->pos = r - 6;
                return fail(ps, MC_ERR_INVALID, "unpaired surrogate in a \\u escape");
            }
            w += put_utf8(o + w, u);
            break;
        }
        default: ps->pos = r - 2; return fail(ps, MC_ERR_INVALID, "invalid escape in a string");
        }
    }
    o[w] = '\0';
    *out = o;
    *n = (uint32_t)w;
    ps->pos = i + 1;
    return MC_OK;
}

static enum mc_rc parse_number(struct parser *ps, struct jv *v)
{
    size_t s = ps->pos, i = s;
    const char *p = ps->p;
    if (i < ps->len && p[i] == '-')
        i++;
    if (i < ps->len && p[i] == '0') {
        i++;
    } else if (i < ps->len && p[i] >= '1' && p[i] <= '9') {
        while (i < ps->len && p[i] >= '0' && p[i] <= '9')
            i++;
    } else {
        return fail(ps, MC_ERR_INVALID, "invalid number");
    }
    if (i < ps->len && p[i] == '.') {
        i++;
        if (!(i < ps->len && p[i] >= '0' && p[i] <= '9')) {
            ps->pos = i;
            return fail(ps, MC_ERR_INVALID, "a digit must follow the decimal point");
        }
        while (i < ps->len && p[i] >= '0' && p[i] <= '9')
            i++;
    }
    if (i < ps->len && (p[i] == 'e' || p[i] == 'E')) {
        i++;
        if (i < ps->len && (p[i] == '+' || p[i] == '-'))
            i++;
        if (!(i < ps->len && p[i] >= '0' && p[i] <= '9')) {
            ps->pos = i;
            return fail(ps, MC_ERR_INVALID, "a digit must follow the exponent");
        }
        while (i < ps->len && p[i] >= '0' && p[i] <= '9')
            i++;
    }
    char buf[64];
    const char *z = buf;
    size_t n = i - s;
    if (n < sizeof buf) {
        memcpy(buf, p + s, n);
        buf[n] = '\0';
    } else {
        z = mc_arena_memdupz(ps->a, p + s, n);
    }
    /* The grammar was checked above, so strtod reads all of it; overflow gives ±HUGE_VAL. */
    double d = strtod(z, NULL);
    if (d > 1.7976931348623157e308 || d < -1.7976931348623157e308)
        return fail(ps, MC_ERR_INVALID, "number out of range");
    *v = (struct jv){ .kind = JV_NUMBER, .u.num = d };
    ps->pos = i;
    return MC_OK;
}

static int member_cmp(const void *x, const void *y, void *ctx)
{
    const struct jv_member *m = ctx;
    return strcmp(m[*(const uint32_t *)x].key, m[*(const uint32_t *)y].key);
}

static enum mc_rc parse_value(struct parser *ps, struct jv **out);

static enum mc_rc parse_object(struct parser *ps, struct jv *v)
{
    size_t base = ps->sp;
    ps->pos++;
    skip_ws(ps);
    if (ps->pos < ps->len && ps->p[ps->pos] == '}') {
        ps->pos++;
        *v = (struct jv){ .kind = JV_OBJECT };
        return MC_OK;
    }
    for (;;) {
        skip_ws(ps);
        if (ps->pos >= ps->len || ps->p[ps->pos] != '"')
            return fail(ps, MC_ERR_INVALID, "expected a string key");
        const char *key;
        uint32_t kl;
        enum mc_rc rc = parse_string(ps, &key, &kl);
        if (rc)
            return rc;
        if (strlen(key) != kl)
            return fail(ps, MC_ERR_INVALID, "a key cannot contain \\u0000");
        skip_ws(ps);
        if (ps->pos >= ps->len || ps->p[ps->pos] != ':')
            return fail(ps, MC_ERR_INVALID, "expected ':' after a key");
        ps->pos++;
        struct jv *val;
        if ((rc = parse_value(ps, &val)))
            return rc;
        push(ps, (void *)key);
        push(ps, val);
        skip_ws(ps);
        if (ps->pos < ps->len && ps->p[ps->pos] == ',') {
            ps->pos++;
            continue;
        }
        if (ps->pos < ps->len && ps->p[ps->pos] == '}') {
            ps->pos++;
            break;
        }
        return fail(ps, MC_ERR_INVALID, "expected ',' or '}' in an object");
    }
    size_t n = (ps->sp - base) / 2;
    struct jv_member *m = mc_arena_alloc(ps->a, n * sizeof *m);
    for (size_t i = 0; i < n; i++)
        m[i] = (struct jv_member){ ps->stack[base + 2 * i], ps->stack[base + 2 * i + 1] };
    ps->sp = base;
    *v = (struct jv){ .kind = JV_OBJECT, .len = (uint32_t)n, .cap = (uint32_t)n, .u.members = m };
    /* Duplicate keys: a scan for small objects, the sorted index for large ones. */
    if (n > INDEX_FROM) {
        uint32_t *idx = mc_arena_alloc(ps->a, n * sizeof *idx);
        for (size_t i = 0; i < n; i++)
            idx[i] = (uint32_t)i;
        qsort_r(idx, n, sizeof *idx, member_cmp, m);
        for (size_t i = 1; i < n; i++)
            if (strcmp(m[idx[i - 1]].key, m[idx[i]].key) == 0)
                return fail(ps, MC_ERR_INVALID, "duplicate key in an object");
        v->index = idx;
    } else {
        for (size_t i = 1; i < n; i++)
            for (size_t j = 0; j < i; j++)
                if (strcmp(m[i].key, m[j].key) == 0)
                    return fail(ps, MC_ERR_INVALID, "duplicate key in an object");
    }
    return MC_OK;
}

static enum mc_rc parse_array(struct parser *ps, struct jv *v)
{
    size_t base = ps->sp;
    ps->pos++;
    skip_ws(ps);
    if (ps->pos < ps->len && ps->p[ps->pos] == ']') {
        ps->pos++;
        *v = (struct jv){ .kind = JV_ARRAY };
        return MC_OK;
    }
    for (;;) {
        struct jv *item;
        enum mc_rc rc = parse_value(ps, &item);
        if (rc)
            return rc;
        push(ps, item);
        skip_ws(ps);
        if (ps->pos < ps->len && ps->p[ps->pos] == ',') {
            ps->pos++;
            continue;
        }
        if (ps->pos < ps->len && ps->p[ps->pos] == ']') {
            ps->pos++;
            break;
        }
        return fail(ps, MC_ERR_INVALID, "expected ',' or ']' in an array");
    }
    size_t n = ps->sp - base;
    struct jv **items = mc_arena_alloc(ps->a, n * sizeof *items);
    memcpy(items, ps->stack + base, n * sizeof *items);
    ps->sp = base;
    *v = (struct jv){ .kind = JV_ARRAY, .len = (uint32_t)n, .cap = (uint32_t)n, .u.items = items };
    return MC_OK;
}

static bool literal(struct parser *ps, const char *word)
{
    size_t n = strlen(word);
    if (ps->len - ps->pos >= n && memcmp(ps->p + ps->pos, word, n) == 0) {
        ps->pos += n;
        return true;
    }
    return false;
}

static enum mc_rc parse_value(struct parser *ps, struct jv **out)
{
    skip_ws(ps);
    if (ps->pos >= ps->len)
        return fail(ps, MC_ERR_INVALID, "unexpected end of the document");
    char c = ps->p[ps->pos];
    if (c == 'n' && literal(ps, "null")) {
        *out = &jv_null_value;
        return MC_OK;
    }
    if (c == 't' && literal(ps, "true")) {
        *out = &jv_true_value;
        return MC_OK;
    }
    if (c == 'f' && literal(ps, "false")) {
        *out = &jv_false_value;
        return MC_OK;
    }
    struct jv *v = mc_arena_alloc(ps->a, sizeof *v);
    enum mc_rc rc;
    if (c == '"') {
        const char *s;
        uint32_t n;
        rc = parse_string(ps, &s, &n);
        *v = (struct jv){ .kind = JV_STRING, .len = n, .u.str = s };
    } else if (c == '{' || c == '[') {
        if (++ps->depth > ps->max_depth)
            return fail(ps, MC_ERR_TOO_LARGE, "nested too deeply");
        rc = c == '{' ? parse_object(ps, v) : parse_array(ps, v);
        ps->depth--;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        rc = parse_number(ps, v);
    } else {
        return fail(ps, MC_ERR_INVALID, "expected a JSON value");
    }
    if (rc)
        return rc;
    v->index = v->kind == JV_OBJECT ? v->index : NULL;
    *out = v;
    return MC_OK;
}

enum mc_rc jv_parse(struct mc_arena *a, const char *text, size_t len, size_t max_depth,
                    struct jv **out, struct mc_err *e)
{
    size_t bad;
    struct parser ps = { .a = a, .p = text, .len = len, .max_depth = max_depth, .e = e };
    if (!mc_utf8_valid(text, len, &bad)) {
        ps.pos = bad;
        return fail(&ps, MC_ERR_INVALID, "invalid UTF-8");
    }
    /* A byte order mark is not JSON, but editors write it; skip it. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        ps.pos = 3;
    enum mc_rc rc = parse_value(&ps, out);
    if (!rc) {
        skip_ws(&ps);
        if (ps.pos != ps.len)
            rc = fail(&ps, MC_ERR_INVALID, "text after the JSON value");
    }
    return rc;
}
