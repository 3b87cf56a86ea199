/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzzes jv_parse (ld/jv.c) against jansson's reader: both must refuse the same texts and read the
 * same value from the rest, numbers to the bit (-0 included). jansson reads with JSON_DECODE_ANY |
 * JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, which are jv's rules: any
 * value at the top, \u0000 in strings but not in keys, duplicate keys refused, every number a
 * double and one out of range refused. Where the two differ by design, the input is left out or
 * adjusted:
 * - a byte order mark at the start: jv skips it, jansson refuses it, so jansson is given the text
 *   after it;
 * - nesting: jv stops at its max_depth (MC_ERR_TOO_LARGE), jansson at 2048 levels; the first
 *   byte picks the limit (64 when its top bit is set, else its low four bits) and the rest is the
 *   text;
 * - a raw NUL byte: jansson skips one it reads after looking a character ahead ("[1\0]" is [1] to
 *   it), which is no JSON; jv refuses it.
 * Also checked: an error's message ends with "at line L, column C", which e->where repeats and
 * which lies within the text; objects larger than INDEX_FROM (12) members have a sorted index and
 * jv_get finds every member; and the value does not point into the text, which is overwritten
 * before the comparison.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "ld/jv.h"

#define FLAGS (JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL)

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static bool same(const struct jv *v, const json_t *j)
{
    switch (v->kind) {
    case JV_NULL: return v == &jv_null_value && json_is_null(j);
    case JV_TRUE: return v == &jv_true_value && json_is_true(j);
    case JV_FALSE: return v == &jv_false_value && json_is_false(j);
    case JV_NUMBER: {
        double d = json_number_value(j);
        return json_is_number(j) && memcmp(&d, &v->u.num, sizeof d) == 0;
    }
    case JV_STRING:
        return json_is_string(j) && json_string_length(j) == v->len &&
               memcmp(json_string_value(j), v->u.str, v->len) == 0 && v->u.str[v->len] == '\0';
    case JV_ARRAY:
        if (!json_is_array(j) || json_array_size(j) != v->len || v->cap != v->len)
            return false;
        for (uint32_t i = 0; i < v->len; i++)
            if (!same(v->u.items[i], json_array_get(j, i)))
                return false;
        return true;
    case JV_OBJECT:
        if (!json_is_object(j) || json_object_size(j) != v->len || v->cap != v->len ||
            (v->index != NULL) != (v->len > 12))
            return false;
        for (uint32_t i = 0; i < v->len; i++) {
            const char *k = v->u.members[i].key;
            const json_t *x = json_object_get(j, k);
            if (!x || !same(v->u.members[i].value, x) || jv_get(v, k) != v->u.members[i].value)
                return false;
            if (i && v->index &&
                strcmp(v->u.members[v->index[i - 1]].key, v->u.members[v->index[i]].key) >= 0)
                return false;
        }
        return true;
    }
    return false;
}

/* The decimal number at *p, moving past it (0 when there is none). */
static size_t number_at(const char **p)
{
    size_t n = 0;
    for (; **p >= '0' && **p <= '9'; (*p)++)
        n = n * 10 + (size_t)(**p - '0');
    return n;
}

/* The message ends with " at line L, column C", e->where is "line L, column C", and the place is
 * in the text: line L exists and has at least C - 1 characters. */
static bool well_placed(const struct mc_err *e, const char *text, size_t len)
{
    const char *at = strstr(e->msg, " at line "), *p = e->where + 5;
    if (!at || strcmp(at + 4, e->where) != 0 || strncmp(e->where, "line ", 5) != 0)
        return false;
    size_t line = number_at(&p);
    if (strncmp(p, ", column ", 9) != 0)
        return false;
    p += 9;
    size_t col = number_at(&p);
    if (*p || line < 1 || col < 1)
        return false;
    size_t i = 0;
    for (size_t l = 1; l < line; l++) {
        const char *nl = memchr(text + i, '\n', len - i);
        if (!nl)
            return false;
        i = (size_t)(nl - text) + 1;
    }
    size_t chars = 0;
    for (; i < len && text[i] != '\n'; i++)
        chars += ((unsigned char)text[i] & 0xC0) != 0x80;
    return col <= chars + 1;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static struct mc_arena *arena;
    if (!arena)
        arena = mc_arena_new(0);
    if (size < 1)
        return 0;
    size_t max_depth = data[0] & 0x80 ? 64 : data[0] & 0x0F;
    size_t len = size - 1;
    char *text = malloc(len ? len : 1);
    memcpy(text, data + 1, len);

    struct jv *v = NULL;
    struct mc_err e;
    enum mc_rc rc = jv_parse(arena, text, len, max_depth, &v, &e);
    if (rc && !well_placed(&e, text, len))
        abort(); /* an error without its place */
    memset(text, '#', len);
    free(text);
    const char *t = (const char *)data + 1;
    if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) {
        t += 3;
        len -= 3;
    }
    if (rc == MC_ERR_TOO_LARGE) {
        mc_arena_reset(arena);
        return 0;
    }
    json_t *j = json_loadb(t, len, FLAGS, NULL);
    if (rc && j && memchr(t, '\0', len)) {
        json_decref(j);
        mc_arena_reset(arena);
        return 0;
    }
    if ((rc == MC_OK) != (j != NULL))
        abort(); /* one reader refused what the other read */
    if (j && !same(v, j))
        abort(); /* they read different values */
    json_decref(j);
    mc_arena_reset(arena);
    return 0;
}
