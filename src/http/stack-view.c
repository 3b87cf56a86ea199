/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A learner's progress toward their stacks (mc_stacking_progress_all) as the pages show it: a
 * fraction done for a progress bar, a sentence saying how far along the rule is, and what is
 * still missing.
 */
#include <stdlib.h>
#include <string.h>

#include "http/resources.h"

#define DEPTH_MAX 64

static int by_fraction_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* How much of a progress node is done, 0..1: a met node is done; n-of averages its n most
 * advanced parts; all-of averages all of them; credits-at-least is the share of credits. */
static double fraction(const json_t *node, int depth)
{
    if (!node || depth > DEPTH_MAX)
        return 0;
    if (json_is_true(json_object_get(node, "met")))
        return 1;
    const char *kind = json_string_value(json_object_get(node, "kind"));
    if (!kind || strcmp(kind, "achievement") == 0)
        return 0;
    if (strcmp(kind, "program") == 0)
        return fraction(json_object_get(node, "rule"), depth + 1);
    if (strcmp(kind, "credits-at-least") == 0) {
        double need = json_number_value(json_object_get(node, "required"));
        double have = json_number_value(json_object_get(node, "credits"));
        return need > 0 ? (have >= need ? 1 : have / need) : 1;
    }
    const json_t *children = json_object_get(node, "children");
    size_t n = json_array_size(children);
    if (!n)
        return 0;
    double *f = malloc(n * sizeof *f);
    if (!f)
        return 0;
    for (size_t i = 0; i < n; i++)
        f[i] = fraction(json_array_get(children, i), depth + 1);
    size_t want = n;
    if (strcmp(kind, "n-of") == 0) {
        json_int_t k = json_integer_value(json_object_get(node, "n"));
        want = k > 0 && (size_t)k < n ? (size_t)k : n;
        qsort(f, n, sizeof *f, by_fraction_desc);
    }
    double sum = 0;
    for (size_t i = 0; i < want; i++)
        sum += f[i];
    free(f);
    return sum / (double)want;
}

/* "2 of 3 parts", "12 of 30 ECTS credits", ... for the rule's root. */
static const char *summary(struct mc_arena *a, const json_t *node, int depth)
{
    const char *kind = json_string_value(json_object_get(node, "kind"));
    if (!kind || depth > DEPTH_MAX)
        return "";
    if (strcmp(kind, "program") == 0)
        return summary(a, json_object_get(node, "rule"), depth + 1);
    json_int_t met = json_integer_value(json_object_get(node, "parts_met"));
    if (strcmp(kind, "n-of") == 0)
        return mc_arena_printf(a, "%lld of the %lld parts needed (any %lld of %lld)",
                               (long long)met,
                               (long long)json_integer_value(json_object_get(node, "n")),
                               (long long)json_integer_value(json_object_get(node, "n")),
                               (long long)json_integer_value(json_object_get(node, "parts")));
    if (strcmp(kind, "all-of") == 0)
        return mc_arena_printf(a, "%lld of %lld parts", (long long)met,
                               (long long)json_integer_value(json_object_get(node, "parts")));
    if (strcmp(kind, "credits-at-least") == 0) {
        const char *unit = json_string_value(json_object_get(node, "unit"));
        bool ects = unit && strcmp(unit, "ects") == 0;
        return mc_arena_printf(a, "%g of %g %s",
                               json_number_value(json_object_get(node, "credits")),
                               json_number_value(json_object_get(node, "required")),
                               ects ? "ECTS credits" : "hours");
    }
    return json_is_true(json_object_get(node, "met")) ? "held" : "not held yet";
}

/* A missing part by name: an achievement's (newest version) or a program's title. */
static json_t *missing_part(struct mc_store *s, struct mc_arena *a, const json_t *m)
{
    const char *slug = json_string_value(json_object_get(m, "achievement"));
    const char *name = NULL;
    if (slug) {
        struct mc_achievement ach;
        if (mc_store_achievement_get(s, slug, 0, a, &ach, NULL) == MC_OK)
            name = ach.name;
    } else if ((slug = json_string_value(json_object_get(m, "program")))) {
        struct mc_program p;
        if (mc_store_program_get(s, slug, a, &p, NULL) == MC_OK)
            name = p.title;
    }
    return slug ? json_pack("{s:s, s:s?}", "slug", slug, "name", name) : NULL;
}

/* What the missing parts must add up to: "any 1 of these", "all of these", "12 more ECTS
 * credits from these". */
static const char *needed(struct mc_arena *a, const json_t *node, int depth)
{
    const char *kind = json_string_value(json_object_get(node, "kind"));
    if (!kind || depth > DEPTH_MAX)
        return "";
    if (strcmp(kind, "program") == 0)
        return needed(a, json_object_get(node, "rule"), depth + 1);
    if (strcmp(kind, "n-of") == 0)
        return mc_arena_printf(a, "any %lld of these",
                               (long long)json_integer_value(json_object_get(node, "needed")));
    if (strcmp(kind, "credits-at-least") == 0) {
        const char *unit = json_string_value(json_object_get(node, "unit"));
        return mc_arena_printf(a, "%g more %s from these",
                               json_number_value(json_object_get(node, "remaining")),
                               unit && !strcmp(unit, "ects") ? "ECTS credits" : "hours");
    }
    return "all of these";
}

json_t *mc_http_stack_view(struct mc_store *s, struct mc_arena *a, const json_t *items)
{
    json_t *out = json_array();
    size_t i;
    const json_t *item;
    json_array_foreach (items, i, item) {
        const json_t *progress = json_object_get(item, "progress");
        const json_t *root = json_object_get(progress, "rule");
        bool met = json_is_true(json_object_get(item, "met"));
        int percent = met ? 100 : (int)(fraction(root, 0) * 100.0);
        if (!met && percent > 99)
            percent = 99; /* not complete until the rule holds */
        json_t *missing = json_array();
        size_t k;
        const json_t *m;
        json_array_foreach (json_object_get(progress, "missing"), k, m) {
            json_t *part = missing_part(s, a, m);
            if (part)
                json_array_append_new(missing, part);
        }
        json_t *o = json_pack("{s:O?, s:O?, s:b, s:i, s:s, s:s, s:o, s:b}", "program",
                              json_object_get(item, "program"), "title",
                              json_object_get(item, "title"), "met", met, "percent", percent,
                              "summary", summary(a, root, 0), "summary_needed", needed(a, root, 0),
                              "missing", missing, "has_missing", json_array_size(missing) > 0);
        if (o)
            json_array_append_new(out, o);
    }
    return out;
}
