/* SPDX-License-Identifier: Apache-2.0 */
#include "vc/di.h"

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/base58.h"
#include "base/hash.h"
#include "base/jcs.h"
#include "base/time.h"
#include "crypto/digest.h"
#include "ld/jv.h"
#include "ld/ld-json.h"
#include "mcred/rdf.h"

#define ED25519_2020_CONTEXT "https://w3id.org/security/suites/ed25519-2020/v1"
/* Canonical forms of one credential stay far below this. */
#define MAX_CANONICAL (16u << 20)
/*
 * Proof configurations by shape. The proofs made with one key differ in `created` alone, and the
 * canonical form of a configuration is a function of its JSON value (the processor's loader is
 * fixed and the documents it loaded are cached for its lifetime; RDFC-1.0 does not depend on the
 * order of members). So a configuration is kept as a template: its canonical text made with a
 * stand-in for `created`, cut around that literal. A configuration equal to it but for `created`
 * (a string) has the template's text with its own `created` written in, because:
 *   - the configuration has at most one blank node, whose label is then _:c14n0 whatever the hash
 *     of its quads (which holds `created`) is;
 *   - `created` is a literal (plain, typed or tagged, not rdf:JSON), whose text is its value
 *     escaped, while an IRI would be resolved and checked;
 *   - no other line begins as the line of `created` does up to the literal, so its place among
 *     the sorted lines is settled before the value.
 * A template must also give back the text of the configuration it was made from before it is
 * kept. Making one costs a second canonicalization, so a shape is kept when it is met a second
 * time (a ring of fingerprints remembers the first sightings, another the shapes that cannot be
 * templates): a verifier meets the same few shapes again and again, one per issuer key and suite.
 */
#define TEMPLATES 16
#define SEEN_RING 16
#define STAND_IN  "mcred-created-stand-in-7c1e9a"
#define TEXT_MAX  8192

struct config_template {
    uint64_t fingerprint;   /* of the configuration without `created` */
    struct jv *rest;        /* a copy of the configuration without `created`; NULL: empty */
    struct mc_arena *arena; /* holds `rest` */
    char *text;             /* the canonical text before the literal's quotes, then after them */
    size_t before, after;
};

struct mc_di {
    struct mc_ld *ld;
    struct mc_rdf_dataset *ds;
    struct mc_rdfc *c14n;
    struct mc_buf text;
    struct mc_digest digest; /* kept: a digest context costs allocations to make */
    struct mc_arena
            *scratch; /* the call's jv trees: the proof configuration, and what came as jansson */
    struct config_template templates[TEMPLATES];
    size_t next_template;        /* the one replaced next */
    uint64_t seen[SEEN_RING];    /* fingerprints of shapes met once (0: none) */
    uint64_t refused[SEEN_RING]; /* and of shapes that cannot be templates */
    size_t next_seen, next_refused;
};

const char *mc_cryptosuite_name(enum mc_cryptosuite s)
{
    switch (s) {
    case MC_SUITE_EDDSA_RDFC_2022: return "eddsa-rdfc-2022";
    case MC_SUITE_EDDSA_JCS_2022: return "eddsa-jcs-2022";
    case MC_SUITE_ED25519_SIGNATURE_2020: return "Ed25519Signature2020";
    case MC_SUITE_EDDSA_2022: return "eddsa-2022";
    case MC_SUITE_UNKNOWN: break;
    }
    return NULL;
}

/* The suite a proof's type and cryptosuite name. */
static enum mc_cryptosuite suite_named(const char *type, const char *suite)
{
    if (!type)
        return MC_SUITE_UNKNOWN;
    if (strcmp(type, "Ed25519Signature2020") == 0)
        return MC_SUITE_ED25519_SIGNATURE_2020;
    if (strcmp(type, "DataIntegrityProof") != 0 || !suite)
        return MC_SUITE_UNKNOWN;
    if (strcmp(suite, "eddsa-rdfc-2022") == 0)
        return MC_SUITE_EDDSA_RDFC_2022;
    if (strcmp(suite, "eddsa-jcs-2022") == 0)
        return MC_SUITE_EDDSA_JCS_2022;
    if (strcmp(suite, "eddsa-2022") == 0)
        return MC_SUITE_EDDSA_2022;
    return MC_SUITE_UNKNOWN;
}

enum mc_cryptosuite mc_cryptosuite_of(const json_t *proof)
{
    return suite_named(json_string_value(json_object_get(proof, "type")),
                       json_string_value(json_object_get(proof, "cryptosuite")));
}

enum mc_cryptosuite mc_cryptosuite_of_jv(const struct jv *proof)
{
    return suite_named(jv_str(jv_get(proof, "type")), jv_str(jv_get(proof, "cryptosuite")));
}

struct mc_di *mc_di_new(const struct mc_ld_loader *loader)
{
    struct mc_di *di = mc_xcalloc(1, sizeof *di);
    di->ld = mc_ld_new(loader);
    di->ds = mc_rdf_dataset_new(0);
    di->c14n = mc_rdfc_new();
    mc_buf_init(&di->text, MAX_CANONICAL);
    di->scratch = mc_arena_new(1 << 15); /* a credential read from jansson fits one block */
    return di;
}

void mc_di_free(struct mc_di *di)
{
    if (!di)
        return;
    mc_ld_free(di->ld);
    mc_rdf_dataset_free(di->ds);
    mc_rdfc_free(di->c14n);
    mc_buf_free(&di->text);
    mc_digest_release(&di->digest);
    for (size_t i = 0; i < TEMPLATES; i++) {
        free(di->templates[i].text);
        mc_arena_free(di->templates[i].arena);
    }
    mc_arena_free(di->scratch);
    free(di);
}

/* The canonical text of `doc` without its member `omit` (NULL: none) into di->text: RDFC-1.0
 * N-Quads, or JCS for eddsa-jcs-2022. */
static enum mc_rc canonicalize(struct mc_di *di, bool jcs, const struct jv *doc, const char *omit,
                               struct mc_err *e)
{
    mc_buf_reset(&di->text);
    if (jcs) {
        json_t *without = jv_to_jansson(doc);
        if (omit)
            json_object_del(without, omit);
        enum mc_rc rc = mc_jcs_serialize(without, &di->text, e);
        json_decref(without);
        return rc;
    }
    mc_rdf_dataset_reset(di->ds);
    static const struct mc_ld_options borrow = { .borrow_strings = true };
    enum mc_rc rc = mc_ld_to_rdf_jv(di->ld, doc, omit, &borrow, di->ds, e);
    return rc ? rc : mc_rdfc_canonicalize(di->c14n, di->ds, NULL, &di->text, e);
}

/* SHA-256 of di->text; the text is appended to `copy` too. */
static enum mc_rc hash_text(struct mc_di *di, uint8_t out[32], struct mc_buf *copy,
                            struct mc_err *e)
{
    const char *text = di->text.data ? di->text.data : "";
    mc_digest_init(&di->digest, MC_DIGEST_SHA256);
    mc_digest_update(&di->digest, text, di->text.len);
    mc_digest_final(&di->digest, out);
    if (copy && mc_buf_append(copy, text, di->text.len))
        return mc_err_set(e, MC_ERR_TOO_LARGE, "the canonical form is too large to keep");
    return MC_OK;
}

/* SHA-256 of the canonical text of `doc` without `omit`; the text is appended to `copy` too. */
static enum mc_rc hash_canonical(struct mc_di *di, bool jcs, const struct jv *doc, const char *omit,
                                 uint8_t out[32], struct mc_buf *copy, struct mc_err *e)
{
    enum mc_rc rc = canonicalize(di, jcs, doc, omit, e);
    return rc ? rc : hash_text(di, out, copy, e);
}

/* Equal for values jv_equal finds equal (object members in any order); never 0. An object's
 * member `omit` (NULL: none) is left out. */
static uint64_t fingerprint(const struct jv *v, const char *omit)
{
    uint64_t h = 0;
    switch (v->kind) {
    case JV_OBJECT:
        h = 1;
        for (uint32_t i = 0; i < v->len; i++) {
            const struct jv_member *m = &v->u.members[i];
            if (!omit || strcmp(m->key, omit) != 0)
                h += mc_hash_mix(mc_hash_str(m->key) ^ (fingerprint(m->value, NULL) << 1));
        }
        break;
    case JV_ARRAY:
        h = 2;
        for (uint32_t i = 0; i < v->len; i++)
            h = mc_hash_mix(h ^ fingerprint(v->u.items[i], NULL));
        break;
    case JV_STRING: h = mc_hash_bytes(MC_HASH_SEED, v->u.str, v->len); break;
    case JV_NUMBER: {
        double d = v->u.num == 0 ? 0 : v->u.num; /* -0.0 equals 0.0 */
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        h = mc_hash_mix(bits ^ 4);
        break;
    }
    case JV_TRUE: h = 5; break;
    case JV_FALSE: h = 6; break;
    case JV_NULL: h = 7; break;
    }
    return h ? h : 8;
}

/* `config` is the configuration `rest` with a member `created` besides. */
static bool same_but_created(const struct jv *rest, const struct jv *config)
{
    if (config->len != rest->len + 1)
        return false;
    for (uint32_t i = 0; i < rest->len; i++) {
        const struct jv *y = jv_get(config, rest->u.members[i].key);
        if (!y || !jv_equal(rest->u.members[i].value, y))
            return false;
    }
    return true;
}

/* A copy of `v` in `a`, strings included: a template outlives the proof it was made from. */
static struct jv *copy_tree(struct mc_arena *a, const struct jv *v)
{
    switch (v->kind) {
    case JV_NULL: return &jv_null_value;
    case JV_TRUE: return &jv_true_value;
    case JV_FALSE: return &jv_false_value;
    case JV_NUMBER:
    case JV_STRING: {
        struct jv *c = mc_arena_alloc(a, sizeof *c);
        *c = (struct jv){ .kind = v->kind, .len = v->len, .u = v->u };
        if (v->kind == JV_STRING)
            c->u.str = mc_arena_memdupz(a, v->u.str, v->len);
        return c;
    }
    case JV_ARRAY: {
        struct jv *c = jv_new_array(a);
        c->u.items = mc_arena_alloc(a, (v->len ? v->len : 1) * sizeof *c->u.items);
        for (uint32_t i = 0; i < v->len; i++)
            c->u.items[c->len++] = copy_tree(a, v->u.items[i]);
        c->cap = c->len;
        return c;
    }
    case JV_OBJECT: {
        struct jv *c = jv_new_object(a);
        c->u.members = mc_arena_alloc(a, (v->len ? v->len : 1) * sizeof *c->u.members);
        for (uint32_t i = 0; i < v->len; i++)
            c->u.members[c->len++] = (struct jv_member){ mc_arena_strdup(a, v->u.members[i].key),
                                                         copy_tree(a, v->u.members[i].value) };
        c->cap = c->len;
        return c;
    }
    }
    return &jv_null_value;
}

/* The canonical text of the template's shape with `created` written in, into `out`. */
static enum mc_rc fill_template(const struct config_template *t, const struct jv *created,
                                struct mc_buf *out, struct mc_err *e)
{
    const struct mc_rdf_term lit = {
        .kind = MC_RDF_LITERAL,
        .value = { created->u.str, created->len },
        .datatype = MC_STR(MC_RDF_XSD_STRING),
    };
    mc_buf_reset(out);
    if (mc_buf_append(out, t->text, t->before) || mc_nquads_write_term(out, &lit, e) ||
        mc_buf_append(out, t->text + t->before, t->after))
        return mc_err_set(e, MC_ERR_TOO_LARGE, "the canonical form is too large");
    return MC_OK;
}

/* Where the literal of `created` is in the canonical text of a configuration whose `created` is
 * the stand-in: [*open, *close) is the literal's quoted lexical form. False unless the stand-in is
 * there once, as the lexical form of a literal other than rdf:JSON, on a line that no other line
 * begins as up to that literal. */
static bool find_stand_in(const char *text, size_t len, size_t *open, size_t *close)
{
    const size_t n = sizeof STAND_IN - 1;
    const char *end = text + len;
    const char *s = memmem(text, len, STAND_IN, n);
    if (!s || s - text < 2 || s[-1] != '"' || s[-2] != ' ' || end - (s + n) < 2 || s[n] != '"' ||
        memmem(s + n, (size_t)(end - (s + n)), STAND_IN, n))
        return false;
    const char *after = s + n + 1;
    static const char json[] = "^^<" MC_RDF_NS "JSON>";
    if ((*after != ' ' && *after != '^' && *after != '@') ||
        ((size_t)(end - after) >= sizeof json - 1 && !memcmp(after, json, sizeof json - 1)))
        return false;
    const char *line = s - 1;
    while (line > text && line[-1] != '\n')
        line--;
    size_t plen = (size_t)(s - line);
    for (const char *l = text; l < end;) {
        if (l != line && (size_t)(end - l) >= plen && !memcmp(l, line, plen))
            return false;
        const char *nl = memchr(l, '\n', (size_t)(end - l));
        if (!nl)
            break;
        l = nl + 1;
    }
    *open = (size_t)(s - 1 - text);
    *close = (size_t)(after - text);
    return true;
}

/* Keep `config`, whose canonical text (in di->text) has the SHA-256 `hash`, as a template; false
 * when it cannot be one. */
static bool keep_template(struct mc_di *di, const struct jv *config, uint64_t fp,
                          const uint8_t hash[32])
{
    if (di->text.len > TEXT_MAX)
        return false;
    struct jv *probe = jv_copy(di->scratch, config);
    jv_set(di->scratch, probe, "created", jv_new_string(di->scratch, STAND_IN));
    struct mc_err ignored;
    size_t open, close;
    if (canonicalize(di, false, probe, NULL, &ignored) != MC_OK ||
        mc_rdfc_map_count(di->c14n) > 1 ||
        !find_stand_in(di->text.data, di->text.len, &open, &close))
        return false;
    struct config_template t = { .fingerprint = fp, .before = open, .after = di->text.len - close };
    t.text = mc_xmalloc(t.before + t.after + 1);
    memcpy(t.text, di->text.data, t.before);
    memcpy(t.text + t.before, di->text.data + close, t.after);
    /* The template must give back the text the configuration itself was given. */
    uint8_t again[32];
    if (fill_template(&t, jv_get(config, "created"), &di->text, &ignored) ||
        hash_text(di, again, NULL, &ignored) || memcmp(again, hash, sizeof again) != 0) {
        free(t.text);
        return false;
    }
    struct config_template *slot = &di->templates[di->next_template];
    di->next_template = (di->next_template + 1) % TEMPLATES;
    free(slot->text);
    t.arena = slot->arena ? slot->arena : mc_arena_new(1 << 10);
    mc_arena_reset(t.arena);
    t.rest = copy_tree(t.arena, jv_without(di->scratch, config, "created"));
    *slot = t;
    return true;
}

/* Is `fp` in `ring`? */
static bool in_ring(const uint64_t ring[SEEN_RING], uint64_t fp)
{
    for (size_t i = 0; i < SEEN_RING; i++)
        if (ring[i] == fp)
            return true;
    return false;
}

/* The SHA-256 of the canonical proof configuration (its text appended to `copy` too), from a
 * template when one of its shape was kept. */
static enum mc_rc hash_config(struct mc_di *di, bool jcs, const struct jv *config, uint8_t out[32],
                              struct mc_buf *copy, struct mc_err *e)
{
    /* A `created` with a NUL in it is not written in; such a configuration is never valid. */
    const struct jv *created = jv_get(config, "created");
    if (jcs || !jv_is_string(created) || strlen(created->u.str) != created->len)
        return hash_canonical(di, jcs, config, NULL, out, copy, e);
    uint64_t fp = fingerprint(config, "created");
    for (size_t i = 0; i < TEMPLATES; i++) {
        const struct config_template *t = &di->templates[i];
        if (!t->rest || t->fingerprint != fp || !same_but_created(t->rest, config))
            continue;
        enum mc_rc rc = fill_template(t, created, &di->text, e);
        return rc ? rc : hash_text(di, out, copy, e);
    }
    enum mc_rc rc = hash_canonical(di, false, config, NULL, out, copy, e);
    if (rc)
        return rc;
    if (!in_ring(di->seen, fp)) {
        di->seen[di->next_seen] = fp;
        di->next_seen = (di->next_seen + 1) % SEEN_RING;
    } else if (!in_ring(di->refused, fp) && !keep_template(di, config, fp, out)) {
        di->refused[di->next_refused] = fp;
        di->next_refused = (di->next_refused + 1) % SEEN_RING;
    }
    return MC_OK;
}

/* A jv view of a value given as jansson, in di->scratch (reset first by the entry points). */
static const struct jv *scratch_view(struct mc_di *di, const json_t *v)
{
    return v ? jv_from_jansson(di->scratch, v) : &jv_null_value;
}

enum mc_rc mc_di_check_jsonld(struct mc_di *di, const json_t *doc, struct mc_err *e)
{
    mc_arena_reset(di->scratch);
    return mc_di_check_jsonld_jv(di, scratch_view(di, doc), e);
}

enum mc_rc mc_di_check_jsonld_jv(struct mc_di *di, const struct jv *doc, struct mc_err *e)
{
    mc_rdf_dataset_reset(di->ds);
    return mc_ld_to_rdf_jv(di->ld, doc, NULL, NULL, di->ds, e);
}

/* Does array `whole` start with the items of `prefix` (a string or an array)? */
static bool context_starts_with(const struct jv *whole, const struct jv *prefix)
{
    if (jv_equal(whole, prefix))
        return true;
    if (!jv_is_array(whole))
        return false;
    if (!jv_is_array(prefix))
        return jv_size(whole) > 0 && jv_equal(jv_item(whole, 0), prefix);
    if (jv_size(prefix) > jv_size(whole))
        return false;
    for (size_t i = 0; i < jv_size(prefix); i++)
        if (!jv_equal(jv_item(whole, i), jv_item(prefix, i)))
            return false;
    return true;
}

/* The proof configuration a suite canonicalizes, in di->scratch: the proof without proofValue,
 * with the document's @context `ctx` (NULL when it has none). */
static enum mc_rc proof_config(struct mc_di *di, enum mc_cryptosuite suite, const struct jv *ctx,
                               const struct jv *proof, const struct jv **out, struct mc_err *e)
{
    if (!ctx)
        return mc_err_set(e, MC_ERR_INVALID, "/@context: the document has no @context");
    if (!jv_is_object(proof))
        return mc_err_set(e, MC_ERR_INVALID, "/proof: a proof must be an object");
    struct mc_arena *a = di->scratch;
    struct jv *config = jv_without(a, proof, "proofValue");
    switch (suite) {
    case MC_SUITE_EDDSA_RDFC_2022:
    case MC_SUITE_EDDSA_2022: jv_set(a, config, "@context", (struct jv *)ctx); break;
    case MC_SUITE_ED25519_SIGNATURE_2020: {
        /* The suite's own context comes after the document's, unless it is there already. */
        struct jv *c = jv_as_array(a, jv_copy(a, ctx));
        bool has = false;
        for (size_t i = 0; i < jv_size(c); i++) {
            const char *ci = jv_str(jv_item(c, i));
            has = has || (ci && strcmp(ci, ED25519_2020_CONTEXT) == 0);
        }
        if (!has)
            jv_push(a, c, jv_new_string(a, ED25519_2020_CONTEXT));
        jv_set(a, config, "@context", c);
        break;
    }
    case MC_SUITE_EDDSA_JCS_2022: {
        const struct jv *pc = jv_get(proof, "@context");
        if (pc && !context_starts_with(ctx, pc))
            return mc_err_set(e, MC_ERR_INVALID,
                              "/proof/@context: the proof's @context is not "
                              "the start of the document's @context");
        if (!pc)
            jv_set(a, config, "@context", (struct jv *)ctx);
        break;
    }
    case MC_SUITE_UNKNOWN:
        return mc_err_set(e, MC_ERR_UNSUPPORTED, "unknown proof type or cryptosuite");
    }
    *out = config;
    return MC_OK;
}

/* mc_di_hash_data for a document and a proof read as jv trees. */
static enum mc_rc hash_data(struct mc_di *di, enum mc_cryptosuite suite, const struct jv *doc,
                            const struct jv *proof, uint8_t out[64], struct mc_buf *canon_config,
                            struct mc_buf *canon_doc, struct mc_err *e)
{
    const struct jv *config = NULL;
    enum mc_rc rc = proof_config(di, suite, jv_get(doc, "@context"), proof, &config, e);
    if (rc)
        return rc;
    bool jcs = suite == MC_SUITE_EDDSA_JCS_2022;
    rc = hash_config(di, jcs, config, out, canon_config, e);
    if (rc) {
        mc_err_prefix(e, "the proof configuration");
    } else {
        rc = hash_canonical(di, jcs, doc, "proof", out + 32, canon_doc, e);
        if (rc)
            mc_err_prefix(e, "the document");
    }
    return rc;
}

enum mc_rc mc_di_hash_data(struct mc_di *di, enum mc_cryptosuite suite, const json_t *doc,
                           const json_t *proof, uint8_t out[64], struct mc_buf *canon_config,
                           struct mc_buf *canon_doc, struct mc_err *e)
{
    mc_arena_reset(di->scratch);
    return hash_data(di, suite, scratch_view(di, doc), scratch_view(di, proof), out, canon_config,
                     canon_doc, e);
}

enum mc_rc mc_di_sign(struct mc_di *di, const json_t *doc, const struct mc_key *key,
                      const struct mc_proof_options *opt, json_t **signed_doc, struct mc_err *e)
{
    static const struct mc_proof_options defaults = { MC_SUITE_EDDSA_RDFC_2022, NULL, NULL };
    if (!opt)
        opt = &defaults;
    enum mc_cryptosuite suite = opt->suite ? opt->suite : MC_SUITE_EDDSA_RDFC_2022;
    if (suite != MC_SUITE_EDDSA_RDFC_2022 && suite != MC_SUITE_EDDSA_JCS_2022)
        return mc_err_set(e, MC_ERR_UNSUPPORTED, "%s is only verified, not used for signing",
                          mc_cryptosuite_name(suite));
    if (!key->has_secret)
        return mc_err_set(e, MC_ERR_INVALID, "the key has no secret key to sign with");
    if (!json_is_object(doc))
        return mc_err_set(e, MC_ERR_INVALID, "a credential must be a JSON object");
    char created[MC_TIME_RFC3339_SIZE];
    if (opt->created) {
        int64_t sec;
        int32_t nsec;
        if (mc_time_parse_rfc3339(opt->created, strlen(opt->created), &sec, &nsec, e))
            return MC_ERR_INVALID;
    } else {
        mc_time_format_rfc3339(mc_time_now(), created);
    }
    json_t *proof =
            json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "DataIntegrityProof", "cryptosuite",
                      mc_cryptosuite_name(suite), "created", opt->created ? opt->created : created,
                      "verificationMethod", key->id, "proofPurpose",
                      opt->proof_purpose ? opt->proof_purpose : "assertionMethod");
    if (suite == MC_SUITE_EDDSA_JCS_2022 && json_object_get(doc, "@context"))
        json_object_set(proof, "@context", json_object_get(doc, "@context"));
    uint8_t hash[64], sig[MC_ED25519_SIG_LEN];
    enum mc_rc rc = mc_di_hash_data(di, suite, doc, proof, hash, NULL, NULL, e);
    if (rc) {
        json_decref(proof);
        return rc;
    }
    mc_ed25519_sign(key->sk, hash, sizeof hash, sig);
    struct mc_buf pv;
    mc_buf_init(&pv, 256);
    mc_buf_putc(&pv, 'z');
    mc_b58_encode(&pv, sig, sizeof sig);
    json_object_set_new(proof, "proofValue", json_string(pv.data));
    mc_buf_free(&pv);

    json_t *out = json_copy((json_t *)doc);
    json_t *old = json_object_get(out, "proof");
    if (old) {
        /* A proof set: the new proof joins the ones already there. */
        json_t *set = json_is_array(old) ? json_copy(old) : json_pack("[O]", old);
        json_array_append_new(set, proof);
        json_object_set_new(out, "proof", set);
    } else {
        json_object_set_new(out, "proof", proof);
    }
    *signed_doc = out;
    return MC_OK;
}

/* mc_di_verify_proof for a document and a proof read as jv trees. */
static enum mc_rc verify_proof(struct mc_di *di, const struct jv *doc, const struct jv *proof,
                               const uint8_t pk[MC_ED25519_PUBLIC_LEN], struct mc_err *e)
{
    enum mc_cryptosuite suite = mc_cryptosuite_of_jv(proof);
    if (suite == MC_SUITE_UNKNOWN) {
        const char *t = jv_str(jv_get(proof, "type"));
        const char *c = jv_str(jv_get(proof, "cryptosuite"));
        return mc_err_set(e, MC_ERR_UNSUPPORTED, "unknown proof: type %s, cryptosuite %s",
                          t ? t : "(none)", c ? c : "(none)");
    }
    const char *pv = jv_str(jv_get(proof, "proofValue"));
    if (!pv)
        return mc_err_set(e, MC_ERR_INVALID, "/proof/proofValue: the proof has no proofValue");
    if (pv[0] != 'z')
        return mc_err_set(e, MC_ERR_INVALID,
                          "/proof/proofValue: must be multibase base58btc (starting with 'z')");
    struct mc_buf sig;
    mc_buf_init(&sig, 128);
    size_t pvlen = strlen(pv);
    enum mc_rc rc = pvlen > 120 ? mc_err_set(e, MC_ERR_INVALID, "/proof/proofValue is too long")
                                : mc_b58_decode(&sig, pv + 1, pvlen - 1, e);
    if (!rc && sig.len != MC_ED25519_SIG_LEN)
        rc = mc_err_set(e, MC_ERR_INVALID,
                        "/proof/proofValue holds %zu bytes, not a 64-byte Ed25519 signature",
                        sig.len);
    uint8_t hash[64];
    if (!rc)
        rc = hash_data(di, suite, doc, proof, hash, NULL, NULL, e);
    if (!rc && !mc_ed25519_verify(pk, hash, sizeof hash, (const uint8_t *)sig.data))
        rc = mc_err_set(e, MC_ERR_CRYPTO,
                        "the signature does not verify: the credential was changed after it was "
                        "signed, or it was signed with another key");
    mc_buf_free(&sig);
    return rc;
}

enum mc_rc mc_di_verify_proof(struct mc_di *di, const json_t *doc, const json_t *proof,
                              const uint8_t pk[MC_ED25519_PUBLIC_LEN], struct mc_err *e)
{
    mc_arena_reset(di->scratch);
    return verify_proof(di, scratch_view(di, doc), scratch_view(di, proof), pk, e);
}

enum mc_rc mc_di_verify_proof_jv(struct mc_di *di, const struct jv *doc, const struct jv *proof,
                                 const uint8_t pk[MC_ED25519_PUBLIC_LEN], struct mc_err *e)
{
    mc_arena_reset(di->scratch);
    return verify_proof(di, doc, proof, pk, e);
}
