/* SPDX-License-Identifier: Apache-2.0 */
#include "ld/jv.h"

#include <float.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && !defined(MC_JV_SWAR)
#include <emmintrin.h>
#endif

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

struct jv *jv_without(struct mc_arena *a, const struct jv *obj, const char *key)
{
    struct jv *c = jv_new_object(a);
    c->u.members = mc_arena_alloc(a, (obj->len + 1) * sizeof *c->u.members);
    for (uint32_t i = 0; i < obj->len; i++)
        if (strcmp(obj->u.members[i].key, key) != 0)
            c->u.members[c->len++] = obj->u.members[i];
    c->cap = c->len + 1;
    return c;
}

bool jv_holds(const struct jv *v, const char *s)
{
    if (jv_is_string(v))
        return strcmp(v->u.str, s) == 0;
    for (size_t i = 0; i < jv_size(v); i++) {
        const char *x = jv_str(jv_item(v, i));
        if (x && strcmp(x, s) == 0)
            return true;
    }
    return false;
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

/*
 * Recursive descent over the bytes, at most max_depth levels deep. Every credential the verifier
 * receives is read here, so the common path is kept short:
 * - UTF-8 is checked only in strings that have a byte above 0x7F: outside strings the grammar is
 *   ASCII, so any other byte there is an error anyway. When parsing fails, the whole text is
 *   checked once, so that invalid UTF-8 is the error reported wherever it is (as when the text
 *   was checked before parsing).
 * - Strings are scanned sixteen bytes at a time (eight without SSE2), and short ones without an
 *   escape are copied a word at a time.
 * - Nodes, strings and the arrays of containers are cut from chunks taken from the arena.
 * - An error keeps its place as a pointer; lines and columns are counted only to report it.
 */

/* A member or item being collected; the stack of them is shared by all levels. */
struct slot {
    const char *key; /* NULL for array items */
    struct jv *value;
    uint64_t tag; /* key length, first and last byte: unequal keys nearly always differ here */
};

struct parser {
    struct mc_arena *a;
    const char *text, *p, *end;
    size_t depth, max_depth;
    struct slot *stack;
    size_t sp, scap;
    char *pool, *pool_end; /* the chunk being cut */
    const char *err_at, *err_what;
};

/* Parsed values are cut at this alignment (and size multiple), enough for nodes, members, items
 * and indexes, and for the eight-byte words read_string() copies. */
#define CUT_ALIGN 8
/* At most a quarter of the arena's default block, so a chunk never needs a block of its own. */
#define CHUNK 2048

_Static_assert(_Alignof(struct jv) <= CUT_ALIGN && _Alignof(struct jv_member) <= CUT_ALIGN &&
                       sizeof(struct jv) % CUT_ALIGN == 0,
               "parsed values fit the cut alignment");

static enum mc_rc fail(struct parser *ps, enum mc_rc rc, const char *at, const char *what)
{
    ps->err_at = at;
    ps->err_what = what;
    return rc;
}

/* Report the error recorded by fail() with its line and column; or invalid UTF-8, wherever it is
 * in the text, since that is the first thing wrong with such a text. */
static enum mc_rc report(const struct parser *ps, enum mc_rc rc, struct mc_err *e)
{
    size_t len = (size_t)(ps->end - ps->text), pos = (size_t)(ps->err_at - ps->text), bad;
    const char *what = ps->err_what;
    if (!mc_utf8_valid(ps->text, len, &bad)) {
        rc = MC_ERR_INVALID;
        pos = bad;
        what = "invalid UTF-8";
    }
    size_t line = 1, col = 1;
    for (size_t i = 0; i < pos && i < len; i++) {
        if (ps->text[i] == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)ps->text[i] & 0xC0) != 0x80) {
            col++;
        }
    }
    mc_err_set(e, rc, "%s at line %zu, column %zu", what, line, col);
    mc_err_where(e, "line %zu, column %zu", line, col);
    return rc;
}

static inline const char *skip_ws(const char *p, const char *end)
{
    /* Compact JSON has no white space: one test for the usual case. */
    if (p < end && (unsigned char)*p > ' ')
        return p;
    while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
        p++;
    return p;
}

/* A new chunk sized to what the rest of the text can use (about four times its length at
 * most), so a small document leaves little of its chunk unused. */
static void *take_slow(struct parser *ps, size_t n)
{
    if (n > CHUNK / 2)
        return mc_arena_alloc(ps->a, n);
    size_t rest = (size_t)(ps->end - ps->p);
    size_t want = rest < CHUNK / 4 ? 4 * rest + 256 : CHUNK;
    if (want > CHUNK)
        want = CHUNK;
    if (want < n)
        want = n;
    ps->pool = mc_arena_alloc(ps->a, want);
    ps->pool_end = ps->pool + want;
    void *r = ps->pool;
    ps->pool += n;
    return r;
}

/* `n` bytes for the parsed value, aligned for any of its parts. */
static inline void *take(struct parser *ps, size_t n)
{
    n = (n + CUT_ALIGN - 1) & ~(size_t)(CUT_ALIGN - 1);
    if ((size_t)(ps->pool_end - ps->pool) < n)
        return take_slow(ps, n);
    void *r = ps->pool;
    ps->pool += n;
    return r;
}

/* The stack grows in the arena (doubling), so parsing does not call malloc once the arena has its
 * blocks; it starts in jv_parse's frame. */
static void push(struct parser *ps, const char *key, uint64_t tag, struct jv *v)
{
    if (ps->sp == ps->scap) {
        size_t ncap = ps->scap * 2;
        struct slot *n = mc_arena_alloc(ps->a, ncap * sizeof *n);
        memcpy(n, ps->stack, ps->sp * sizeof *n);
        ps->stack = n;
        ps->scap = ncap;
    }
    ps->stack[ps->sp++] = (struct slot){ key, v, tag };
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

#define ONES  0x0101010101010101u
#define HIGHS 0x8080808080808080u

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The first byte of a word loaded from memory whose top bit is set in m (not 0). */
#define FIRST_MARKED(m) ((size_t)__builtin_ctzll(m) / 8)
#endif

static inline bool ends_run(unsigned char c)
{
    return c == '"' || c == '\\' || c < 0x20;
}

/* plain_run()'s last bytes, one at a time. */
static inline const char *plain_tail(const char *q, const char *end, bool *high)
{
    unsigned char all = 0;
    while (q < end && !ends_run((unsigned char)*q))
        all |= (unsigned char)*q++;
    *high |= all >= 0x80;
    return q;
}

/*
 * The first byte from q that ends a run of plain string bytes ('"', '\' or below 0x20), or `end`.
 * *high is set when a byte passed over is above 0x7F (then the string needs a UTF-8 check).
 */
#if defined(__SSE2__) && !defined(MC_JV_SWAR)
/* Sixteen bytes at a time with SSE2, which every x86-64 has. */
static inline const char *plain_run(const char *q, const char *end, bool *high)
{
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    const __m128i ctl = _mm_set1_epi8(0x1F);
    unsigned top = 0; /* top bits of the bytes passed over */
    for (; end - q >= 16; q += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
        __m128i stop = _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash));
        stop = _mm_or_si128(stop, _mm_cmpeq_epi8(_mm_max_epu8(x, ctl), ctl));
        unsigned m = (unsigned)_mm_movemask_epi8(stop);
        unsigned t = (unsigned)_mm_movemask_epi8(x);
        if (m) {
            *high |= (top | (t & ((m & -m) - 1))) != 0;
            return q + __builtin_ctz(m);
        }
        top |= t;
    }
    *high |= top != 0;
    return plain_tail(q, end, high);
}
#else
/* The bytes of x that end a run of plain string bytes get their top bit set. Borrows can also
 * mark bytes above a marked one, never below. */
static inline uint64_t run_ends(uint64_t x)
{
    uint64_t q = x ^ (ONES * '"'), b = x ^ (ONES * '\\');
    return (((q - ONES) & ~q) | ((b - ONES) & ~b) | ((x - ONES * 0x20) & ~x)) & HIGHS;
}

/* Eight bytes at a time; the word where the run ends is looked at byte by byte. */
static inline const char *plain_run(const char *q, const char *end, bool *high)
{
    uint64_t all = 0;
    for (; end - q >= 8; q += 8) {
        uint64_t x;
        memcpy(&x, q, 8);
        if (run_ends(x))
            break;
        all |= x;
    }
    *high |= (all & HIGHS) != 0;
    return plain_tail(q, end, high);
}
#endif

/* Whether s[0..n) is UTF-8 as mc_utf8_valid() says; ASCII is passed over a word at a time. */
static bool utf8_ok(const char *s, size_t n)
{
    const char *end = s + n;
    while (s < end) {
        uint64_t x, h;
        if (end - s >= 8 && (memcpy(&x, s, 8), h = x & HIGHS, true)) {
            if (!h) {
                s += 8;
                continue;
            }
#ifdef FIRST_MARKED
            s += FIRST_MARKED(h);
#endif
        }
        if ((unsigned char)*s < 0x80) {
            s++;
            continue;
        }
        size_t k;
        if (mc_utf8_decode(s, (size_t)(end - s), &k) < 0)
            return false;
        s += k;
    }
    return true;
}

/* The escapes of the string r[0..close) decoded into o; *len gets the length and *nul whether a
 * \u0000 was among them. Errors point at the escape's backslash. */
static enum mc_rc unescape(struct parser *ps, const char *r, const char *close, char *o,
                           size_t *len, bool *nul)
{
    size_t w = 0;
    for (;;) {
        const char *bs = memchr(r, '\\', (size_t)(close - r));
        const char *stop = bs ? bs : close;
        memcpy(o + w, r, (size_t)(stop - r));
        w += (size_t)(stop - r);
        if (!bs)
            break;
        r = bs + 2; /* the scan saw to it that the escaped byte is before the close */
        switch (bs[1]) {
        case '"': o[w++] = '"'; break;
        case '\\': o[w++] = '\\'; break;
        case '/': o[w++] = '/'; break;
        case 'b': o[w++] = '\b'; break;
        case 'f': o[w++] = '\f'; break;
        case 'n': o[w++] = '\n'; break;
        case 'r': o[w++] = '\r'; break;
        case 't': o[w++] = '\t'; break;
        case 'u': {
            int cp = close - r >= 4 ? hex4(r) : -1;
            if (cp < 0)
                return fail(ps, MC_ERR_INVALID, bs, "invalid \\u escape");
            r += 4;
            uint32_t u = (uint32_t)cp;
            if (u >= 0xD800 && u <= 0xDBFF) {
                int lo = close - r >= 6 && r[0] == '\\' && r[1] == 'u' ? hex4(r + 2) : -1;
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return fail(ps, MC_ERR_INVALID, bs, "unpaired surrogate in a \\u escape");
                r += 6;
                u = 0x10000 + ((u - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                return fail(ps, MC_ERR_INVALID, bs, "unpaired surrogate in a \\u escape");
            }
            *nul |= u == 0;
            w += put_utf8(o + w, u);
            break;
        }
        default: return fail(ps, MC_ERR_INVALID, bs, "invalid escape in a string");
        }
    }
    *len = w;
    return MC_OK;
}

/*
 * The rest of read_string() from q, where plain_run() stopped: escapes, bytes above 0x7F and
 * errors. The text is scanned to the closing quote before the escapes are decoded, so an
 * unterminated string or a control character is reported before a bad escape in it.
 */
static enum mc_rc __attribute__((noinline))
read_string_slow(struct parser *ps, const char *q, bool high, size_t head, char **out, uint32_t *n,
                 bool *nul)
{
    const char *s = ps->p + 1, *end = ps->end;
    bool esc = false;
    for (;;) {
        if (q == end)
            return fail(ps, MC_ERR_INVALID, s - 1, "unterminated string");
        if (*q == '"')
            break;
        if (*q != '\\')
            return fail(ps, MC_ERR_INVALID, q, "control character in a string");
        if (end - q <= 2)
            return fail(ps, MC_ERR_INVALID, s - 1, "unterminated string");
        esc = true;
        q = plain_run(q + 2, end, &high); /* the escaped byte is the escape's, even a quote */
    }
    size_t raw = (size_t)(q - s), w = raw;
    if (raw > UINT32_MAX / 2)
        return fail(ps, MC_ERR_TOO_LARGE, s, "string too long");
    /* The place is refined by report(), which checks the whole text. */
    if (high && !utf8_ok(s, raw))
        return fail(ps, MC_ERR_INVALID, s, "invalid UTF-8");
    char *mem = take(ps, head + raw + 1), *o = mem + head;
    *nul = false;
    if (!esc) {
        memcpy(o, s, raw);
    } else {
        enum mc_rc rc = unescape(ps, s, q, o, &w, nul);
        if (rc)
            return rc;
    }
    o[w] = '\0';
    *out = mem;
    *n = (uint32_t)w;
    ps->p = q + 1;
    return MC_OK;
}

/* Short strings are copied a word at a time, without a call: take() rounds sizes up to CUT_ALIGN,
 * so the words fit, and the caller sees to it that the text can be read that far. */
#define WORD_COPY_MAX 64

/*
 * The string whose opening quote is at ps->p, into `head` + length + 1 bytes cut for it: the
 * first `head` bytes are the caller's, the string follows, NUL-terminated. *out gets the bytes,
 * *n the string's length and *nul whether it holds a NUL (from \u0000); ps->p moves past the
 * closing quote. Here only plain ASCII strings, most of them.
 */
static inline enum mc_rc read_string(struct parser *ps, size_t head, char **out, uint32_t *n,
                                     bool *nul)
{
    const char *s = ps->p + 1, *end = ps->end;
    bool high = false;
    const char *q = plain_run(s, end, &high);
    if (q == end || *q != '"' || high || (size_t)(q - s) > UINT32_MAX / 2)
        return read_string_slow(ps, q, high, head, out, n, nul);
    size_t raw = (size_t)(q - s);
    char *mem = take(ps, head + raw + 1), *o = mem + head;
    if (raw <= WORD_COPY_MAX && (size_t)(end - s) >= raw + 8) {
        for (size_t i = 0; i < raw; i += 8) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            memcpy(o + i, &x, 8);
        }
    } else {
        memcpy(o, s, raw);
    }
    o[raw] = '\0';
    *out = mem;
    *n = (uint32_t)raw;
    *nul = false;
    ps->p = q + 1;
    return MC_OK;
}

static enum mc_rc parse_string(struct parser *ps, struct jv **out)
{
    char *mem;
    uint32_t n;
    bool nul;
    enum mc_rc rc = read_string(ps, sizeof(struct jv), &mem, &n, &nul);
    if (rc)
        return rc;
    struct jv *v = (struct jv *)(void *)mem;
    *v = (struct jv){ .kind = JV_STRING, .len = n, .u.str = mem + sizeof *v };
    *out = v;
    return MC_OK;
}

static bool is_digit(const char *q, const char *end)
{
    return q < end && *q >= '0' && *q <= '9';
}

/* Powers of ten a double holds exactly. */
static const double exact_pow10[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                      1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

/*
 * m * 10^e10 into *d when one rounding gives it, so the nearest double, as strtod gives: m and the
 * power are exact and IEEE multiplication and division round correctly (Clinger's fast path). It
 * needs double arithmetic without wider intermediates.
 */
static bool exact_double(uint64_t m, long e10, bool neg, double *d)
{
    if (m > (UINT64_C(1) << 53))
        return false;
    double x = (double)m;
    if (m == 0 || e10 == 0) {
        /* nothing to round */
    } else if (FLT_EVAL_METHOD == 0 && e10 > 0 && e10 <= 22) {
        x *= exact_pow10[e10];
    } else if (FLT_EVAL_METHOD == 0 && e10 < 0 && e10 >= -22) {
        x /= exact_pow10[-e10];
    } else {
        return false;
    }
    *d = neg ? -x : x;
    return true;
}

/* The number at ps->p: the JSON grammar, then its value as the nearest double. */
static enum mc_rc parse_number(struct parser *ps, struct jv **out)
{
    const char *s = ps->p, *q = s, *end = ps->end;
    bool neg = *q == '-';
    uint64_t m = 0; /* the first 19 significant digits */
    int sig = 0;    /* significant digits seen */
    long e10 = 0;   /* the exponent of m's last digit */
    q += neg;
    if (q < end && *q == '0') {
        q++;
    } else if (q < end && *q >= '1' && *q <= '9') {
        for (; is_digit(q, end); q++, sig++)
            if (sig < 19)
                m = m * 10 + (uint64_t)(*q - '0');
            else
                e10++;
    } else {
        return fail(ps, MC_ERR_INVALID, s, "invalid number");
    }
    if (q < end && *q == '.') {
        if (!is_digit(++q, end))
            return fail(ps, MC_ERR_INVALID, q, "a digit must follow the decimal point");
        for (; is_digit(q, end); q++) {
            if (sig < 19) {
                m = m * 10 + (uint64_t)(*q - '0');
                e10--;
            }
            sig += m != 0;
        }
    }
    if (q < end && (*q == 'e' || *q == 'E')) {
        q++;
        bool eneg = q < end && *q == '-';
        if (q < end && (*q == '+' || *q == '-'))
            q++;
        if (!is_digit(q, end))
            return fail(ps, MC_ERR_INVALID, q, "a digit must follow the exponent");
        long x = 0;
        for (; is_digit(q, end); q++)
            if (x < 100000)
                x = x * 10 + (*q - '0');
        e10 += eneg ? -x : x;
    }
    double d;
    if (sig > 19 || !exact_double(m, e10, neg, &d)) {
        char buf[64];
        const char *z = buf;
        size_t n = (size_t)(q - s);
        if (n < sizeof buf) {
            memcpy(buf, s, n);
            buf[n] = '\0';
        } else {
            z = mc_arena_memdupz(ps->a, s, n);
        }
        /* The grammar was checked above, so strtod reads all of it; overflow gives ±HUGE_VAL. In
         * the C locale, whatever LC_NUMERIC the program that links us has set: JSON's decimal
         * point is '.'. glibc answers "C" with its built-in locale, allocating nothing. */
        locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        if (!c_locale)
            return fail(ps, MC_ERR_INVALID, s, "no C locale to read the number with");
        d = strtod_l(z, NULL, c_locale);
        freelocale(c_locale);
        if (d > DBL_MAX || d < -DBL_MAX)
            return fail(ps, MC_ERR_INVALID, s, "number out of range");
    }
    struct jv *v = take(ps, sizeof *v);
    *v = (struct jv){ .kind = JV_NUMBER, .u.num = d };
    *out = v;
    ps->p = q;
    return MC_OK;
}

static int member_cmp(const void *x, const void *y, void *ctx)
{
    const struct jv_member *m = ctx;
    return strcmp(m[*(const uint32_t *)x].key, m[*(const uint32_t *)y].key);
}

/* The members collected since `base` into an object cut in one piece (its index after them). */
static enum mc_rc end_object(struct parser *ps, size_t base, struct jv **out)
{
    const struct slot *st = ps->stack + base;
    size_t n = ps->sp - base;
    bool indexed = n > INDEX_FROM;
    struct jv *v = take(ps, sizeof *v + n * sizeof(struct jv_member) +
                                    (indexed ? n * sizeof(uint32_t) : 0));
    struct jv_member *m = (struct jv_member *)(void *)(v + 1);
    for (size_t i = 0; i < n; i++)
        m[i] = (struct jv_member){ st[i].key, st[i].value };
    ps->sp = base;
    *v = (struct jv){ .kind = JV_OBJECT, .len = (uint32_t)n, .cap = (uint32_t)n, .u.members = m };
    *out = v;
    /* Duplicate keys: a scan for small objects, the sorted index for large ones. */
    if (indexed) {
        uint32_t *idx = (uint32_t *)(void *)(m + n);
        for (size_t i = 0; i < n; i++)
            idx[i] = (uint32_t)i;
        qsort_r(idx, n, sizeof *idx, member_cmp, m);
        for (size_t i = 1; i < n; i++)
            if (strcmp(m[idx[i - 1]].key, m[idx[i]].key) == 0)
                return fail(ps, MC_ERR_INVALID, ps->p, "duplicate key in an object");
        v->index = idx;
        return MC_OK;
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (st[i].tag == st[j].tag && memcmp(st[i].key, st[j].key, st[i].tag >> 16) == 0)
                return fail(ps, MC_ERR_INVALID, ps->p, "duplicate key in an object");
    return MC_OK;
}

static enum mc_rc parse_value(struct parser *ps, struct jv **out);

/* A member's value or an array's item: a string, the most common, without a call. */
static inline enum mc_rc parse_item(struct parser *ps, struct jv **out)
{
    if (ps->p < ps->end && *ps->p == '"')
        return parse_string(ps, out);
    return parse_value(ps, out);
}

/* The object whose '{' is at ps->p. */
static enum mc_rc parse_object(struct parser *ps, struct jv **out)
{
    const char *p = skip_ws(ps->p + 1, ps->end);
    if (p < ps->end && *p == '}') {
        struct jv *v = take(ps, sizeof *v);
        *v = (struct jv){ .kind = JV_OBJECT };
        *out = v;
        ps->p = p + 1;
        return MC_OK;
    }
    size_t base = ps->sp;
    for (;;) {
        p = skip_ws(p, ps->end);
        if (p >= ps->end || *p != '"')
            return fail(ps, MC_ERR_INVALID, p, "expected a string key");
        ps->p = p;
        char *key;
        uint32_t kl;
        bool nul;
        enum mc_rc rc = read_string(ps, 0, &key, &kl, &nul);
        if (rc)
            return rc;
        if (nul)
            return fail(ps, MC_ERR_INVALID, ps->p, "a key cannot contain \\u0000");
        p = skip_ws(ps->p, ps->end);
        if (p >= ps->end || *p != ':')
            return fail(ps, MC_ERR_INVALID, p, "expected ':' after a key");
        ps->p = p + 1;
        struct jv *val;
        if ((rc = parse_item(ps, &val)))
            return rc;
        uint64_t tag = (uint64_t)kl << 16;
        if (kl)
            tag |= (uint64_t)(unsigned char)key[0] << 8 | (unsigned char)key[kl - 1];
        push(ps, key, tag, val);
        p = skip_ws(ps->p, ps->end);
        if (p < ps->end && *p == ',') {
            p++;
            continue;
        }
        if (p < ps->end && *p == '}')
            break;
        return fail(ps, MC_ERR_INVALID, p, "expected ',' or '}' in an object");
    }
    ps->p = p + 1;
    return end_object(ps, base, out);
}

/* The array whose '[' is at ps->p. */
static enum mc_rc parse_array(struct parser *ps, struct jv **out)
{
    const char *p = skip_ws(ps->p + 1, ps->end);
    struct jv *v;
    if (p < ps->end && *p == ']') {
        v = take(ps, sizeof *v);
        *v = (struct jv){ .kind = JV_ARRAY };
        *out = v;
        ps->p = p + 1;
        return MC_OK;
    }
    size_t base = ps->sp;
    ps->p = p;
    for (;;) {
        struct jv *item;
        enum mc_rc rc = parse_item(ps, &item);
        if (rc)
            return rc;
        push(ps, NULL, 0, item);
        p = skip_ws(ps->p, ps->end);
        if (p < ps->end && *p == ',') {
            ps->p = p + 1;
            continue;
        }
        if (p < ps->end && *p == ']')
            break;
        return fail(ps, MC_ERR_INVALID, p, "expected ',' or ']' in an array");
    }
    ps->p = p + 1;
    size_t n = ps->sp - base;
    v = take(ps, sizeof *v + n * sizeof(struct jv *));
    struct jv **items = (struct jv **)(void *)(v + 1);
    for (size_t i = 0; i < n; i++)
        items[i] = ps->stack[base + i].value;
    ps->sp = base;
    *v = (struct jv){ .kind = JV_ARRAY, .len = (uint32_t)n, .cap = (uint32_t)n, .u.items = items };
    *out = v;
    return MC_OK;
}

/* null, true or false at ps->p: the shared constant `v` when the word is there. */
static enum mc_rc literal(struct parser *ps, const char *word, size_t n, struct jv *v,
                          struct jv **out)
{
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail(ps, MC_ERR_INVALID, ps->p, "expected a JSON value");
    ps->p += n;
    *out = v;
    return MC_OK;
}

static enum mc_rc parse_value(struct parser *ps, struct jv **out)
{
    const char *p = skip_ws(ps->p, ps->end);
    ps->p = p;
    if (p >= ps->end)
        return fail(ps, MC_ERR_INVALID, p, "unexpected end of the document");
    switch (*p) {
    case '"': return parse_string(ps, out);
    case '{':
    case '[': {
        if (++ps->depth > ps->max_depth)
            return fail(ps, MC_ERR_TOO_LARGE, p, "nested too deeply");
        enum mc_rc rc = *p == '{' ? parse_object(ps, out) : parse_array(ps, out);
        ps->depth--;
        return rc;
    }
    case 'n': return literal(ps, "null", 4, &jv_null_value, out);
    case 't': return literal(ps, "true", 4, &jv_true_value, out);
    case 'f': return literal(ps, "false", 5, &jv_false_value, out);
    case '-':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9': return parse_number(ps, out);
    default: return fail(ps, MC_ERR_INVALID, p, "expected a JSON value");
    }
}

/* Room for the members and items of typical documents without growing the stack. */
#define STACK_START 64

enum mc_rc jv_parse(struct mc_arena *a, const char *text, size_t len, size_t max_depth,
                    struct jv **out, struct mc_err *e)
{
    struct slot start[STACK_START];
    struct parser ps = { .a = a,
                         .text = text,
                         .p = text,
                         .end = text + len,
                         .max_depth = max_depth,
                         .stack = start,
                         .scap = STACK_START };
    /* A byte order mark is not JSON, but editors write it; skip it. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        ps.p += 3;
    enum mc_rc rc = parse_value(&ps, out);
    if (!rc) {
        ps.p = skip_ws(ps.p, ps.end);
        if (ps.p != ps.end)
            rc = fail(&ps, MC_ERR_INVALID, ps.p, "text after the JSON value");
    }
    return rc ? report(&ps, rc, e) : MC_OK;
}
