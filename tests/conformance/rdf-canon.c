/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Runs the W3C RDF Dataset Canonicalization (RDFC-1.0) test suite against src/ld/rdfc.c with the
 * default options: usage `rdf-canon SUITE-DIR [--bench N]`, where SUITE-DIR holds manifest.jsonld.
 * Eval tests compare the canonical N-Quads byte for byte, map tests the issued identifiers map,
 * negative tests must fail. --bench N canonicalizes every input N times and prints the median time.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/time.h"
#include "mcred/rdf.h"

#define MAX_FILE (16u << 20)

static char *read_file(const char *dir, const char *name, size_t *len)
{
    char *path = mc_xasprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "rdf-canon: cannot open %s: %s\n", path, strerror(errno));
        free(path);
        return NULL;
    }
    size_t cap = 1 << 14, n = 0;
    char *buf = mc_xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (cap >= MAX_FILE)
                break;
            cap *= 2;
            buf = mc_xrealloc(buf, cap + 1);
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    free(path);
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* The first line where `got` and `want` differ, both versions. */
static void print_diff(const char *got, size_t glen, const char *want, size_t wlen)
{
    size_t line = 1, gs = 0, ws = 0;
    size_t i = 0;
    while (i < glen && i < wlen && got[i] == want[i]) {
        if (got[i] == '\n') {
            line++;
            gs = ws = i + 1;
        }
        i++;
    }
    const char *ge = memchr(got + gs, '\n', glen - gs);
    const char *we = memchr(want + ws, '\n', wlen - ws);
    int gl = (int)(ge ? (size_t)(ge - got) - gs : glen - gs);
    int wl = (int)(we ? (size_t)(we - want) - ws : wlen - ws);
    fprintf(stderr, "  line %zu\n  want: %.*s\n  got:  %.*s\n", line, wl, want + ws, gl, got + gs);
}

struct stats {
    uint64_t max_work;
    const char *max_work_id;
    double neg_ms;
};

/* Run one entry; true if it passed. */
static bool run_entry(const char *dir, json_t *entry, struct mc_rdfc *c, struct mc_rdf_dataset *ds,
                      struct stats *st)
{
    const char *id = json_string_value(json_object_get(entry, "id"));
    const char *type = json_string_value(json_object_get(entry, "type"));
    const char *action = json_string_value(json_object_get(entry, "action"));
    const char *result = json_string_value(json_object_get(entry, "result"));
    const char *alg = json_string_value(json_object_get(entry, "hashAlgorithm"));
    if (!id || !type || !action) {
        fprintf(stderr, "FAIL %s: entry without id, type or action\n", id ? id : "?");
        return false;
    }
    bool negative = strcmp(type, "rdfc:RDFC10NegativeEvalTest") == 0;
    bool map = strcmp(type, "rdfc:RDFC10MapTest") == 0;
    if (!negative && !map && strcmp(type, "rdfc:RDFC10EvalTest") != 0) {
        fprintf(stderr, "FAIL %s: unknown test type %s\n", id, type);
        return false;
    }
    if (!negative && !result) {
        fprintf(stderr, "FAIL %s: no result\n", id);
        return false;
    }
    struct mc_rdfc_options opt = { .hash = MC_RDFC_SHA256 };
    if (alg && strcmp(alg, "SHA384") == 0)
        opt.hash = MC_RDFC_SHA384;
    else if (alg && strcmp(alg, "SHA256") != 0) {
        fprintf(stderr, "FAIL %s: unknown hash algorithm %s\n", id, alg);
        return false;
    }

    size_t len;
    char *in = read_file(dir, action, &len);
    if (!in)
        return false;
    bool ok = false;
    char *want = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_buf out;
    mc_buf_init(&out, 64u << 20);
    mc_rdf_dataset_reset(ds);
    if (mc_nquads_parse(ds, in, len, &e)) {
        fprintf(stderr, "FAIL %s: %s: %s: %s\n", id, action, e.where, e.msg);
        goto out;
    }
    int64_t t0 = mc_time_mono_ns();
    enum mc_rc rc = mc_rdfc_canonicalize(c, ds, &opt, &out, &e);
    double ms = (double)(mc_time_mono_ns() - t0) / 1e6;
    if (negative) {
        ok = rc != MC_OK;
        st->neg_ms = ms;
        if (ok)
            printf("rdf-canon: %s rejected in %.1f ms after %llu units of work: %s\n", id, ms,
                   (unsigned long long)mc_rdfc_work(c), e.msg);
        else
            fprintf(stderr, "FAIL %s: canonicalized a dataset that must be refused\n", id);
        goto out;
    }
    if (rc) {
        fprintf(stderr, "FAIL %s: %s\n", id, e.msg);
        goto out;
    }
    if (mc_rdfc_work(c) > st->max_work) {
        st->max_work = mc_rdfc_work(c);
        st->max_work_id = id;
    }
    size_t wlen;
    want = read_file(dir, result, &wlen);
    if (!want)
        goto out;
    if (!map) {
        ok = out.len == wlen && memcmp(out.data ? out.data : "", want, wlen) == 0;
        if (!ok) {
            fprintf(stderr, "FAIL %s: the canonical N-Quads differ from %s\n", id, result);
            print_diff(out.data ? out.data : "", out.len, want, wlen);
        }
        goto out;
    }
    json_error_t jerr;
    json_t *exp = json_loadb(want, wlen, 0, &jerr);
    if (!json_is_object(exp)) {
        fprintf(stderr, "FAIL %s: %s is not a JSON object\n", id, result);
        json_decref(exp);
        goto out;
    }
    ok = json_object_size(exp) == mc_rdfc_map_count(c);
    if (!ok)
        fprintf(stderr, "FAIL %s: %zu identifiers issued, %zu expected\n", id, mc_rdfc_map_count(c),
                json_object_size(exp));
    for (size_t i = 0; ok && i < mc_rdfc_map_count(c); i++) {
        struct mc_str from, to;
        mc_rdfc_map_get(c, i, &from, &to);
        char *key = mc_str_dupz(from);
        const char *w = json_string_value(json_object_get(exp, key));
        if (!w || !mc_str_eqz(to, w)) {
            fprintf(stderr, "FAIL %s: _:%s became _:%.*s, expected _:%s\n", id, key, MC_STR_FMT(to),
                    w ? w : "(nothing)");
            ok = false;
        }
        free(key);
    }
    json_decref(exp);
out:
    mc_buf_free(&out);
    free(in);
    free(want);
    return ok;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Canonicalize every positive test's input `rounds` times: the median time per dataset. */
static int bench(const char *dir, json_t *entries, long rounds)
{
    struct mc_rdfc *c = mc_rdfc_new();
    size_t n = json_array_size(entries), ndone = 0;
    struct mc_rdf_dataset **sets = mc_xcalloc(n, sizeof *sets);
    struct mc_rdfc_options *opts = mc_xcalloc(n, sizeof *opts);
    for (size_t i = 0; i < n; i++) {
        json_t *en = json_array_get(entries, i);
        const char *type = json_string_value(json_object_get(en, "type"));
        const char *alg = json_string_value(json_object_get(en, "hashAlgorithm"));
        if (!type || strcmp(type, "rdfc:RDFC10EvalTest") != 0)
            continue;
        size_t len;
        char *in = read_file(dir, json_string_value(json_object_get(en, "action")), &len);
        if (!in)
            continue;
        sets[ndone] = mc_rdf_dataset_new(0);
        opts[ndone].hash = alg && strcmp(alg, "SHA384") == 0 ? MC_RDFC_SHA384 : MC_RDFC_SHA256;
        if (mc_nquads_parse(sets[ndone], in, len, NULL) == MC_OK)
            ndone++;
        else
            mc_rdf_dataset_free(sets[ndone]);
        free(in);
    }
    int64_t *times = mc_xcalloc((size_t)rounds * ndone, sizeof *times);
    struct mc_buf out;
    mc_buf_init(&out, 64u << 20);
    int64_t start = mc_time_mono_ns();
    for (long r = 0; r < rounds; r++)
        for (size_t i = 0; i < ndone; i++) {
            mc_buf_reset(&out);
            int64_t t0 = mc_time_mono_ns();
            mc_rdfc_canonicalize(c, sets[i], &opts[i], &out, NULL);
            times[(size_t)r * ndone + i] = mc_time_mono_ns() - t0;
        }
    double total = (double)(mc_time_mono_ns() - start) / 1e9;
    size_t nt = (size_t)rounds * ndone;
    qsort(times, nt, sizeof *times, cmp_i64);
    printf("rdf-canon: bench: %zu datasets x %ld rounds in %.3f s; per dataset median %.2f us, "
           "p90 %.2f us, max %.2f us\n",
           ndone, rounds, total, (double)times[nt / 2] / 1e3, (double)times[nt * 9 / 10] / 1e3,
           (double)times[nt - 1] / 1e3);
    mc_buf_free(&out);
    free(times);
    for (size_t i = 0; i < ndone; i++)
        mc_rdf_dataset_free(sets[i]);
    free(sets);
    free(opts);
    mc_rdfc_free(c);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2 && !(argc == 4 && strcmp(argv[2], "--bench") == 0)) {
        fprintf(stderr, "usage: rdf-canon SUITE-DIR [--bench ROUNDS]\n");
        return 2;
    }
    const char *dir = argv[1];
    size_t len;
    char *text = read_file(dir, "manifest.jsonld", &len);
    if (!text)
        return 1;
    json_error_t jerr;
    json_t *manifest = json_loadb(text, len, 0, &jerr);
    free(text);
    json_t *entries = json_object_get(manifest, "entries");
    if (!json_is_array(entries)) {
        fprintf(stderr, "rdf-canon: %s/manifest.jsonld has no entries: %s\n", dir, jerr.text);
        json_decref(manifest);
        return 1;
    }
    if (argc == 4) {
        int64_t rounds = 0;
        if (mc_str_to_i64(mc_str_z(argv[3]), 1, 1000000, &rounds, "ROUNDS", NULL)) {
            fprintf(stderr, "rdf-canon: ROUNDS is a number from 1 to 1000000\n");
            json_decref(manifest);
            return 2;
        }
        int status = bench(dir, entries, (long)rounds);
        json_decref(manifest);
        return status;
    }

    struct mc_rdfc *c = mc_rdfc_new(); /* one for the whole suite: reuse is part of the test */
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
    struct stats st = { 0 };
    size_t n = json_array_size(entries), passed = 0;
    for (size_t i = 0; i < n; i++)
        passed += run_entry(dir, json_array_get(entries, i), c, ds, &st);
    printf("rdf-canon: most work for a passing test: %llu (%s; the default limit is %llu)\n",
           (unsigned long long)st.max_work, st.max_work_id ? st.max_work_id : "none",
           (unsigned long long)MC_RDFC_DEFAULT_MAX_WORK);
    printf("rdf-canon: %zu/%zu passed\n", passed, n);
    mc_rdf_dataset_free(ds);
    mc_rdfc_free(c);
    json_decref(manifest);
    return passed == n && n > 0 ? 0 : 1;
}
