/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JSON values in an arena, for the JSON-LD processor. JSON-LD turns every document into many
 * small maps and arrays; building them with a general JSON library (a malloc and a hash table
 * per object) costs more than the algorithms themselves. Here a value is a few words in an arena,
 * freed with the document; objects keep their members in order and look keys up by a linear scan,
 * or by binary search over a sorted index when they are large (contexts).
 */
#ifndef MC_LD_JV_H
#define MC_LD_JV_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "mcred/error.h"

enum jv_kind {
    JV_NULL = 0,
    JV_FALSE,
    JV_TRUE,
    JV_NUMBER,
    JV_STRING,
    JV_ARRAY,
    JV_OBJECT,
};

struct jv;

struct jv_member {
    const char *key;
    struct jv *value;
};

struct jv {
    enum jv_kind kind;
    uint32_t len; /* string bytes, array items or object members */
    uint32_t cap; /* room in items/members (builders) */
    union {
        double num;
        const char *str; /* NUL-terminated; may contain NUL (then len counts past it) */
        struct jv **items;
        struct jv_member *members;
    } u;
    uint32_t *index; /* objects: member indices sorted by key, or NULL */
};

/* Shared constants; never changed. */
extern struct jv jv_null_value, jv_true_value, jv_false_value;

/*
 * Parse JSON text (RFC 8259, UTF-8, no duplicate keys, at most `max_depth` levels of nesting)
 * into `a`. Errors are MC_ERR_INVALID with "line L, column C" in e->where (MC_ERR_TOO_LARGE for
 * the depth).
 */
enum mc_rc jv_parse(struct mc_arena *a, const char *text, size_t len, size_t max_depth,
                    struct jv **out, struct mc_err *e);

static inline bool jv_is(const struct jv *v, enum jv_kind k)
{
    return v && v->kind == k;
}
static inline bool jv_is_string(const struct jv *v)
{
    return jv_is(v, JV_STRING);
}
static inline bool jv_is_object(const struct jv *v)
{
    return jv_is(v, JV_OBJECT);
}
static inline bool jv_is_array(const struct jv *v)
{
    return jv_is(v, JV_ARRAY);
}
static inline bool jv_is_null(const struct jv *v)
{
    return jv_is(v, JV_NULL);
}
static inline bool jv_is_bool(const struct jv *v)
{
    return v && (v->kind == JV_TRUE || v->kind == JV_FALSE);
}
static inline bool jv_is_scalar(const struct jv *v)
{
    return v && v->kind != JV_ARRAY && v->kind != JV_OBJECT;
}
/* The string of a string value, or NULL. */
static inline const char *jv_str(const struct jv *v)
{
    return jv_is_string(v) ? v->u.str : NULL;
}
/* Number of items of an array (0 for anything else). */
static inline size_t jv_size(const struct jv *v)
{
    return jv_is_array(v) ? v->len : 0;
}
/* Number of members of an object (0 for anything else). */
static inline size_t jv_members(const struct jv *v)
{
    return jv_is_object(v) ? v->len : 0;
}
/* Item i of an array, or NULL when there is none. */
static inline struct jv *jv_item(const struct jv *v, size_t i)
{
    return jv_is_array(v) && i < v->len ? v->u.items[i] : NULL;
}

/* for each member (k, v) of an object (nothing for other values). */
#define JV_CAT2(a, b) a##b
#define JV_CAT(a, b)  JV_CAT2(a, b)
#define JV_FOREACH(obj, k, v)                                          \
    for (uint32_t JV_CAT(jv_i_, __LINE__) = 0;                         \
         jv_is_object(obj) && JV_CAT(jv_i_, __LINE__) < (obj)->len &&  \
         ((k) = (obj)->u.members[JV_CAT(jv_i_, __LINE__)].key,         \
         (v) = (obj)->u.members[JV_CAT(jv_i_, __LINE__)].value, true); \
         JV_CAT(jv_i_, __LINE__)++)

/* for each key of an object */
#define JV_FOREACH_KEY(obj, k)                                        \
    for (uint32_t JV_CAT(jv_i_, __LINE__) = 0;                        \
         jv_is_object(obj) && JV_CAT(jv_i_, __LINE__) < (obj)->len && \
         ((k) = (obj)->u.members[JV_CAT(jv_i_, __LINE__)].key, true); \
         JV_CAT(jv_i_, __LINE__)++)

/* The member `key` of an object, or NULL (also when `obj` is not an object). */
struct jv *jv_get(const struct jv *obj, const char *key);

/* Builders: new values in `a`. Strings are referenced, not copied: they must live as long. */
struct jv *jv_new_string(struct mc_arena *a, const char *s);
struct jv *jv_new_array(struct mc_arena *a);
struct jv *jv_new_object(struct mc_arena *a);
void jv_push(struct mc_arena *a, struct jv *arr, struct jv *v);
void jv_extend(struct mc_arena *a, struct jv *arr, const struct jv *other);
/* Set obj[key] (replacing a member with that key, or appending one). */
void jv_set(struct mc_arena *a, struct jv *obj, const char *key, struct jv *v);
/* A shallow copy of an object or array (members shared). */
struct jv *jv_copy(struct mc_arena *a, const struct jv *v);
/* A shallow copy of object `obj` without its member `key`, with room to add one (jv_set). */
struct jv *jv_without(struct mc_arena *a, const struct jv *obj, const char *key);
/* `v` if it is an array, otherwise a new array holding `v` (or nothing, for NULL). */
struct jv *jv_as_array(struct mc_arena *a, struct jv *v);

/* `v` is the string `s`, or an array holding that string (as a "type" or "@context" often is). */
bool jv_holds(const struct jv *v, const char *s);

/* Deep equality (object members compared regardless of order). */
bool jv_equal(const struct jv *x, const struct jv *y);

/* A jv view of a jansson value, in `a`: strings are shared with `j`, which must outlive it. */
struct jv *jv_from_jansson(struct mc_arena *a, const json_t *j);
/* The same without the member `omit` of `j` itself, when `j` is an object (NULL: none). */
struct jv *jv_from_jansson_omit(struct mc_arena *a, const json_t *j, const char *omit);

/* A jansson copy of `v` (new reference), for code that works on jansson (JCS). */
json_t *jv_to_jansson(const struct jv *v);

#endif
