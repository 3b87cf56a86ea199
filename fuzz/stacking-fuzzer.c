/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzes the stacking rule compiler and evaluator over a fake catalog: never a crash, errors
 * always placed, the canonical form compiles to itself, and progress is consistent: each node's
 * "met" follows from its parts, more awards never un-meet a rule, holding every achievement meets
 * any rule that compiled, and the output does not depend on the order of the awards. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "base/arena.h"
#include "core/stacking.h"
#include "mcred/buf.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/*
 * Input: three control bytes (held awards as a 16-bit mask, then flags), then rules separated by
 * lines "----": the first is the rule being saved (program "p0"), the next ones are the stored
 * rules of programs p1 .. p7. The catalog has achievements a0 .. a15 (ids 1 .. 16), issuers i1
 * .. i3 and those programs.
 */
#define N_ACH  16
#define N_PROG 8

struct fake {
    const char *rules[N_PROG];
    size_t lens[N_PROG];
    char names[N_ACH + N_PROG + 4][8];
};

static double ach_ects(int k)
{
    return k % 5 == 4 ? -1 : (double)(k % 7) + 0.5 * (k % 2);
}

static double ach_hours(int k)
{
    return k % 6 == 5 ? -1 : 10.0 * (k + 1);
}

static int64_t ach_issuer(int k)
{
    return 1 + k % 3;
}

/* "a12" -> 12, within [0, count); -1 otherwise. */
static int parse_name(struct mc_str s, char prefix, int count)
{
    if (s.len < 2 || s.len > 3 || s.p[0] != prefix)
        return -1;
    int v = 0;
    for (size_t i = 1; i < s.len; i++) {
        if (s.p[i] < '0' || s.p[i] > '9')
            return -1;
        v = v * 10 + (s.p[i] - '0');
    }
    if (s.len == 3 && s.p[1] == '0')
        return -1;
    return v < count ? v : -1;
}

static enum mc_rc lookup(void *ctx, const struct mc_stacking_ref *ref,
                         struct mc_stacking_entity *out, struct mc_err *e)
{
    struct fake *f = ctx;
    int k = -1;
    switch (ref->kind) {
    case MC_STACKING_REF_ACHIEVEMENT:
        k = ref->slug.len ? parse_name(ref->slug, 'a', N_ACH)
                          : (ref->id >= 1 && ref->id <= N_ACH ? (int)ref->id - 1 : -1);
        if (k < 0)
            return MC_ERR_NOT_FOUND;
        out->id = k + 1;
        out->slug = f->names[k];
        out->issuer_id = ach_issuer(k);
        out->issuer_slug = f->names[N_ACH + N_PROG + ach_issuer(k)];
        out->ects = ach_ects(k);
        out->hours = ach_hours(k);
        return MC_OK;
    case MC_STACKING_REF_PROGRAM:
        k = ref->slug.len ? parse_name(ref->slug, 'p', N_PROG)
                          : (ref->id >= 100 && ref->id < 100 + N_PROG ? (int)ref->id - 100 : -1);
        if (k < 0)
            return MC_ERR_NOT_FOUND;
        out->id = 100 + k;
        out->slug = f->names[N_ACH + k];
        out->rule = f->rules[k];
        out->rule_len = f->lens[k];
        return MC_OK;
    case MC_STACKING_REF_ISSUER:
        k = ref->slug.len ? parse_name(ref->slug, 'i', 4)
                          : (ref->id >= 1 && ref->id <= 3 ? (int)ref->id : -1);
        if (k < 1)
            return MC_ERR_NOT_FOUND;
        out->id = k;
        out->slug = f->names[N_ACH + N_PROG + k];
        return MC_OK;
    }
    (void)e;
    return MC_ERR_NOT_FOUND;
}

/* Each node's "met" follows from its parts; counts and credits are in range. */
static void check_node(const struct mc_stacking_progress *p,
                       const struct mc_stacking_progress_node *n)
{
    const struct mc_stacking_node *r = n->rule;
    if (!r || n->n_children != r->n_children)
        abort();
    size_t met = 0;
    for (size_t i = 0; i < n->n_children; i++) {
        if (n->children[i].rule != &r->children[i])
            abort();
        check_node(p, &n->children[i]);
        met += n->children[i].met;
    }
    for (size_t i = 0; i < n->n_counted; i++) {
        if (n->counted[i] >= p->n_held || (i && n->counted[i] <= n->counted[i - 1]))
            abort();
    }
    switch (r->kind) {
    case MC_STACKING_ACHIEVEMENT:
        if (n->met != (n->held != SIZE_MAX) || n->n_counted != (n->met ? 1u : 0u))
            abort();
        if (n->met && p->held[n->held].achievement_id != r->id)
            abort();
        break;
    case MC_STACKING_PROGRAM:
        if (n->n_children != 1 || n->met != n->children[0].met)
            abort();
        break;
    case MC_STACKING_ALL_OF:
        if (n->children_met != met || n->met != (met == r->n_children))
            abort();
        break;
    case MC_STACKING_N_OF:
        if (n->children_met != met || n->met != (met >= r->n) || r->n < 1 || r->n > r->n_children)
            abort();
        break;
    case MC_STACKING_CREDITS:
        if (n->children_met != met || !isfinite(n->credits) || n->credits < 0)
            abort();
        if (n->met != (n->credits + 1e-9 >= r->amount))
            abort();
        break;
    default: abort();
    }
}

static struct mc_stacking_progress *evaluate(const struct mc_stacking_rule *r,
                                             const struct mc_stacking_held *h, size_t n,
                                             struct mc_arena *a)
{
    struct mc_stacking_progress *p = NULL;
    struct mc_err e;
    if (mc_stacking_evaluate(r, h, n, a, &p, &e) != MC_OK || !p)
        abort();
    check_node(p, p->root);
    if (p->met != p->root->met || (p->met != (p->n_missing == 0)))
        abort();
    return p;
}

static void to_json(const struct mc_stacking_progress *p, struct mc_buf *b)
{
    mc_buf_reset(b);
    if (mc_stacking_progress_json(p, b) != MC_OK)
        abort();
    json_error_t je;
    json_t *v = json_loadb(b->data, b->len, 0, &je);
    if (!v)
        abort();
    json_decref(v);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size < 3 || size > 64 * 1024)
        return 0;
    unsigned mask = data[0] | (unsigned)data[1] << 8;
    unsigned flags = data[2];
    const char *text = (const char *)data + 3;
    size_t len = size - 3;

    struct fake f;
    memset(&f, 0, sizeof f);
    for (int k = 0; k < N_ACH; k++)
        snprintf(f.names[k], sizeof f.names[k], "a%d", k);
    for (int k = 0; k < N_PROG; k++)
        snprintf(f.names[N_ACH + k], sizeof f.names[k], "p%d", k);
    for (int k = 1; k <= 3; k++)
        snprintf(f.names[N_ACH + N_PROG + k], sizeof f.names[k], "i%d", k);
    /* Split into rules at "\n----\n". */
    const char *p = text, *end = text + len;
    for (int k = 0; k < N_PROG; k++) {
        const char *sep = NULL;
        for (const char *q = p; q + 6 <= end; q++) {
            if (memcmp(q, "\n----\n", 6) == 0) {
                sep = q;
                break;
            }
        }
        f.rules[k] = p;
        f.lens[k] = (size_t)((sep ? sep : end) - p);
        if (!sep) {
            for (int j = k + 1; j < N_PROG; j++)
                f.rules[j] = NULL; /* programs without a rule */
            break;
        }
        p = sep + 6;
    }

    struct mc_stacking_catalog cat = { &f, lookup };
    struct mc_stacking_limits lim = { 0, 0, 0 };
    if (flags & 1) {
        lim.max_depth = 1 + (flags >> 4);
        lim.max_nodes = 1 + (flags >> 1) * 3;
    }
    struct mc_arena *a = mc_arena_new(0);
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_stacking_rule *r = NULL;
    enum mc_rc rc = mc_stacking_compile(f.rules[0], f.lens[0], 100, "p0", &cat, &lim, a, &r, &e);
    if (rc) {
        if ((rc != MC_ERR_INVALID && rc != MC_ERR_TOO_LARGE) || r || e.rc != rc || !e.msg[0] ||
            !e.where[0])
            abort();
        if (e.where[0] != '/' && strncmp(e.where, "line ", 5) != 0 &&
            strncmp(e.where, "byte ", 5) != 0)
            abort();
        mc_arena_free(a);
        return 0;
    }
    size_t max_nodes = lim.max_nodes ? lim.max_nodes : 1000;
    if (!r || r->n_nodes < 1 || r->n_nodes > max_nodes)
        abort();

    /* The canonical form compiles to the same canonical form. */
    struct mc_buf c1, c2, j1, j2;
    mc_buf_init(&c1, 1 << 22);
    mc_buf_init(&c2, 1 << 22);
    mc_buf_init(&j1, 1 << 24);
    mc_buf_init(&j2, 1 << 24);
    if (mc_stacking_rule_json(r, &c1) != MC_OK)
        abort();
    struct mc_stacking_rule *r2 = NULL;
    struct mc_stacking_limits roomy = { 1 << 22, lim.max_depth, lim.max_nodes };
    if (mc_stacking_compile(c1.data, c1.len, 100, "p0", &cat, &roomy, a, &r2, &e) != MC_OK)
        abort();
    if (mc_stacking_rule_json(r2, &c2) != MC_OK || c1.len != c2.len ||
        memcmp(c1.data, c2.data, c1.len) != 0 || r2->n_nodes != r->n_nodes)
        abort();

    /* Held awards from the mask: own issuer, or the next one when the flag says so. */
    struct mc_stacking_held held[N_ACH], rev[N_ACH], all[N_ACH];
    size_t n = 0;
    for (int k = 0; k < N_ACH; k++) {
        all[k] = (struct mc_stacking_held){ k + 1, ach_issuer(k), -1, -1, NULL };
        if (!(mask >> k & 1))
            continue;
        int64_t issuer = (flags & 2) && k % 4 == 0 ? 1 + (ach_issuer(k) % 3) : ach_issuer(k);
        double ects = (flags & 4) ? (double)(k % 3) : -1;
        held[n++] = (struct mc_stacking_held){ k + 1, issuer, ects, -1, f.names[k] };
    }
    for (size_t i = 0; i < n; i++)
        rev[i] = held[n - 1 - i];

    struct mc_stacking_progress *pa = evaluate(r, held, n, a);
    struct mc_stacking_progress *pb = evaluate(r, rev, n, a);
    to_json(pa, &j1);
    to_json(pb, &j2);
    if (j1.len != j2.len || memcmp(j1.data, j2.data, j1.len) != 0)
        abort();

    /* Fewer awards never meet more; every achievement held meets any rule that compiled. */
    if (n) {
        struct mc_stacking_progress *less = evaluate(r, held + 1, n - 1, a);
        if (less->met && !pa->met && !(flags & 4))
            abort();
        if (mc_stacking_change(less, pa) == MC_STACKING_NOW_UNMET && !(flags & 4))
            abort();
    }
    struct mc_stacking_progress *pall = evaluate(r, all, N_ACH, a);
    if (!pall->met)
        abort();

    mc_buf_free(&c1);
    mc_buf_free(&c2);
    mc_buf_free(&j1);
    mc_buf_free(&j2);
    mc_arena_free(a);
    return 0;
}
