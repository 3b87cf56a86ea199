/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Issuing and verifying Open Badges 3.0 credentials (eddsa-rdfc-2022), against the raw cost of
 * one Ed25519 signature check. Usage: bench-vc CORPUS.jsonl [SIGNED-OUT.jsonl]: every line of the
 * corpus is issued by a fixed did:key (its issuer id is set to the key's DID, its validUntil
 * removed), then every signed credential is verified. Each proof is created a second after the
 * one before, as proofs issued one by one are: their configurations differ in `created` only, as
 * a batch from one issuer does. Verification is timed twice: on jansson trees read beforehand (as
 * the JavaScript side verifies objects it parsed before timing), and from the signed text,
 * reading the JSON included. bench/vc.sh runs it beside the JavaScript stack on the same corpus.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "base/json.h"
#include "base/time.h"
#include "crypto/multikey.h"
#include "vc/di.h"
#include "vc/verify.h"

#define MAX_PASSES 20

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static double median_us(uint64_t *t, size_t n)
{
    qsort(t, n, sizeof *t, cmp_u64);
    return n ? (double)t[n / 2] / 1e3 : 0;
}

/* The raw check beside each verification: one Ed25519 verify of a 64-byte message, its time in
 * nanoseconds (0: the signature did not check out, which it always should). */
static uint64_t timed_raw_check(const uint8_t pk[32], const uint8_t msg[64], const uint8_t sig[64])
{
    uint64_t a = mc_time_mono_ns();
    if (!mc_ed25519_verify(pk, msg, 64, sig))
        return 0;
    uint64_t t = mc_time_mono_ns() - a;
    return t ? t : 1;
}

/* What the verification passes share: the verifier, the credentials in both forms, and the
 * messages and signatures of the raw checks. */
struct bench {
    struct mc_verifier *v;
    struct mc_verify_options vo;
    json_t **trees;
    char **texts;
    size_t *text_lens;
    const uint8_t *pk;
    uint8_t (*msgs)[64], (*sigs)[64];
    size_t n;
};

/* The figures of one form of verification over all passes. */
struct passes {
    size_t passes, invalid;
    double seconds, median_us, raw_median_us;
};

/*
 * Verify every credential (from its text when `from_text`, else its tree), each followed by its
 * raw check, pass after pass until the passes span a second (at least 3, at most MAX_PASSES): the
 * JavaScript side's single pass takes seconds, and the pace of the machines here changes over
 * seconds. `vt` and `raw` have room for n * MAX_PASSES times. Returns false if a raw check fails.
 */
static bool run_passes(const struct bench *b, bool from_text, uint64_t *vt, uint64_t *raw,
                       struct passes *out)
{
    size_t invalid = 0, passes = 0;
    uint64_t total = 0;
    while (passes < 3 || (passes < MAX_PASSES && total < 1000000000u)) {
        for (size_t i = 0; i < b->n; i++) {
            size_t k = passes * b->n + i;
            uint64_t a = mc_time_mono_ns();
            struct mc_report r;
            mc_report_init(&r);
            if (from_text)
                mc_verify_text(b->v, b->texts[i], b->text_lens[i], &b->vo, &r);
            else
                mc_verify_credential(b->v, b->trees[i], &b->vo, &r);
            if (!mc_report_valid(&r))
                invalid++;
            mc_report_free(&r);
            vt[k] = mc_time_mono_ns() - a;
            if (!(raw[k] = timed_raw_check(b->pk, b->msgs[i], b->sigs[i])))
                return false;
            total += vt[k];
        }
        passes++;
    }
    *out = (struct passes){ passes, invalid, (double)total / 1e9, median_us(vt, b->n * passes),
                            median_us(raw, b->n * passes) };
    return true;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench-vc CORPUS.jsonl [SIGNED-OUT.jsonl]\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        fprintf(stderr, "bench-vc: cannot open %s (bench/vc.sh makes it)\n", argv[1]);
        return 2;
    }
    uint8_t seed[32] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    struct mc_key key;
    mc_key_generate(&key, seed, NULL);
    json_t **creds = NULL, **signed_creds = NULL;
    size_t n = 0, cap = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    while ((len = getline(&line, &lcap, in)) > 0) {
        json_t *j = json_loadb(line, (size_t)len, JSON_DECODE_INT_AS_REAL, NULL);
        if (!j)
            continue;
        json_object_set_new(json_object_get(j, "issuer"), "id", json_string(key.controller));
        json_object_del(j, "validUntil");
        json_object_del(j, "credentialStatus");
        if (n == cap) {
            cap = cap ? cap * 2 : 1024;
            creds = realloc(creds, cap * sizeof *creds);
        }
        creds[n++] = j;
    }
    free(line);
    fclose(in);
    signed_creds = calloc(n, sizeof *signed_creds);
    uint64_t *t = calloc(n, sizeof *t);

    struct mc_di *di = mc_di_new(NULL);
    struct mc_err e;
    const int64_t first_created = 1767225600; /* 2026-01-01T00:00:00Z */
    uint64_t t0 = mc_time_mono_ns();
    for (size_t i = 0; i < n; i++) {
        char created[MC_TIME_RFC3339_SIZE];
        mc_time_format_rfc3339(first_created + (int64_t)i, created);
        struct mc_proof_options po = { MC_SUITE_EDDSA_RDFC_2022, created, NULL };
        uint64_t a = mc_time_mono_ns();
        if (mc_di_sign(di, creds[i], &key, &po, &signed_creds[i], &e)) {
            fprintf(stderr, "bench-vc: credential %zu: %s\n", i + 1, e.msg);
            return 1;
        }
        t[i] = mc_time_mono_ns() - a;
    }
    double sign_s = (double)(mc_time_mono_ns() - t0) / 1e9;
    double sign_med = median_us(t, n);

    /* The floor: one Ed25519 verification of a 64-byte message (the size eddsa-rdfc-2022 signs),
     * a distinct message and signature for each credential. Each raw check runs right after the
     * credential's own verification, so that both are timed in the same moments: on a shared
     * machine whose pace changes, timing them in two passes moved the ratio by a fifth. */
    uint8_t(*msgs)[64] = calloc(n, sizeof *msgs), (*sigs)[64] = calloc(n, sizeof *sigs);
    for (size_t i = 0; i < n; i++) {
        memcpy(msgs[i], &i, sizeof i);
        mc_ed25519_sign(key.sk, msgs[i], sizeof msgs[i], sigs[i]);
    }
    /* A verifier receives credentials as text: verify trees parsed from the signed credentials'
     * JSON, as the JavaScript side does with the signed file. */
    json_t **received = calloc(n, sizeof *received);
    char **texts = calloc(n, sizeof *texts);
    size_t *text_lens = calloc(n, sizeof *text_lens);
    for (size_t i = 0; i < n; i++) {
        texts[i] = json_dumps(signed_creds[i], JSON_COMPACT);
        text_lens[i] = strlen(texts[i]);
        if (mc_json_parse(texts[i], text_lens[i], JSON_DECODE_INT_AS_REAL, NULL, &received[i],
                          &e)) {
            fprintf(stderr, "bench-vc: signed credential %zu does not parse again: %s\n", i + 1,
                    e.msg);
            return 1;
        }
    }
    /* Reading the JSON: mc_json_parse against jansson's own json_loadb, both on each text in
     * turn. */
    uint64_t *read_ours = calloc(n, sizeof *read_ours),
             *read_jansson = calloc(n, sizeof *read_jansson);
    for (size_t i = 0; i < n; i++) {
        json_t *a = NULL;
        uint64_t t1 = mc_time_mono_ns();
        mc_json_parse(texts[i], text_lens[i], JSON_DECODE_INT_AS_REAL, NULL, &a, &e);
        uint64_t t2 = mc_time_mono_ns();
        json_t *b = json_loadb(texts[i], text_lens[i],
                               JSON_DECODE_INT_AS_REAL | JSON_REJECT_DUPLICATES, NULL);
        uint64_t t3 = mc_time_mono_ns();
        if (!a || !b || !json_equal(a, b)) {
            fprintf(stderr, "bench-vc: signed credential %zu reads differently\n", i + 1);
            return 1;
        }
        json_decref(a);
        json_decref(b);
        read_ours[i] = t2 - t1;
        read_jansson[i] = t3 - t2;
    }
    double read_med = median_us(read_ours, n), read_jansson_med = median_us(read_jansson, n);

    /* Two forms: trees read beforehand, as the JavaScript side verifies objects it parsed before
     * timing, and the text a verifier receives, through mc_verify_text (reading the JSON into the
     * tree the checks read is then part of the time). */
    uint64_t *raw = calloc(n * MAX_PASSES, sizeof *raw);
    uint64_t *vt = calloc(n * MAX_PASSES, sizeof *vt);
    struct bench b = { mc_verifier_new(NULL),
                       { .now = mc_time_now() },
                       received,
                       texts,
                       text_lens,
                       key.pk,
                       msgs,
                       sigs,
                       n };
    struct passes tree, text;
    if (!run_passes(&b, false, vt, raw, &tree) || !run_passes(&b, true, vt, raw, &text))
        return 1;

    if (argc > 2) {
        FILE *out = fopen(argv[2], "w");
        for (size_t i = 0; out && i < n; i++)
            fprintf(out, "%s\n", texts[i]);
        if (out)
            fclose(out);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("mcred issue:  %zu credentials in %.3f s, %.0f/s, median %.1f us\n", n, sign_s,
           n / sign_s, sign_med);
    printf("mcred verify: %zu credentials x %zu passes in %.3f s, %.0f/s, median %.1f us, %zu "
           "invalid\n",
           n, tree.passes, tree.seconds, (double)(n * tree.passes) / tree.seconds, tree.median_us,
           tree.invalid);
    printf("raw Ed25519 verify: median %.1f us; verify / raw = %.2fx\n", tree.raw_median_us,
           tree.raw_median_us > 0 ? tree.median_us / tree.raw_median_us : 0);
    printf("verify from text (JSON read included): %zu passes, median %.1f us; raw Ed25519 beside "
           "it %.1f us; ratio %.2fx, %zu invalid\n",
           text.passes, text.median_us, text.raw_median_us,
           text.raw_median_us > 0 ? text.median_us / text.raw_median_us : 0, text.invalid);
    printf("JSON read (mc_json_parse): median %.1f us per credential; jansson's json_loadb %.1f us "
           "(%.1fx)\n",
           read_med, read_jansson_med, read_med > 0 ? read_jansson_med / read_med : 0);
    printf("peak RSS %ld MB\n", ru.ru_maxrss / 1024);
    for (size_t i = 0; i < n; i++) {
        json_decref(creds[i]);
        json_decref(signed_creds[i]);
        json_decref(received[i]);
        free(texts[i]);
    }
    free(texts);
    free(text_lens);
    free(creds);
    free(signed_creds);
    free(received);
    free(t);
    free(raw);
    free(vt);
    free(read_ours);
    free(read_jansson);
    free(msgs);
    free(sigs);
    mc_verifier_free(b.v);
    mc_di_free(di);
    mc_key_free(&key);
    return tree.invalid || text.invalid ? 1 : 0;
}
