/* SPDX-License-Identifier: Apache-2.0 */
#include "vc/verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/json.h"
#include "base/time.h"
#include "crypto/multikey.h"
#include "ld/jv.h"
#include "vc/clr.h"
#include "vc/di.h"
#include "vc/jws.h"
#include "vc/ob2.h"
#include "vc/schema.h"
#include "vc/statuslist.h"

#define VC2_CONTEXT          "https://www.w3.org/ns/credentials/v2"
#define VC1_CONTEXT          "https://www.w3.org/2018/credentials/v1"
#define MAX_CREDENTIAL_BYTES (16u << 20)
#define MAX_DEPTH            256 /* of a credential's JSON */
#define TREE_LEVELS          8   /* nested verifications with an arena kept for them */
#define DIDKEYS              8   /* did:key verification methods remembered */
#define DIDKEY_ID_MAX        128 /* longer ones are decoded every time */

struct mc_verifier {
    struct mc_di *di; /* signatures, and the one JSON-LD processor with its context cache */
    struct mc_schema *ob3_schema; /* the Open Badges 3.0 AchievementCredential JSON Schema */
    struct mc_schema *endorsement_schema; /* the Open Badges 3.0 EndorsementCredential one */
    struct mc_arena *trees[TREE_LEVELS];  /* the credentials' jv trees, one arena per level */
    size_t trees_used;
    /* did:key verification methods met lately and their public keys: decoding the base58 key
     * costs about a microsecond, and a verifier meets the same few issuers again and again. */
    struct didkey {
        char id[DIDKEY_ID_MAX];
        size_t len;
        uint8_t pk[32];
    } didkeys[DIDKEYS];
    size_t next_didkey;
};

const char *mc_check_status_name(enum mc_check_status s)
{
    switch (s) {
    case MC_CHECK_PASS: return "pass";
    case MC_CHECK_WARN: return "warning";
    case MC_CHECK_FAIL: return "fail";
    case MC_CHECK_SKIP: return "skipped";
    }
    return "?";
}

void mc_report_init(struct mc_report *r)
{
    memset(r, 0, sizeof *r);
}

void mc_report_free(struct mc_report *r)
{
    free(r->checks);
    free(r->id);
    free(r->issuer);
    free(r->format);
    memset(r, 0, sizeof *r);
}

bool mc_report_valid(const struct mc_report *r)
{
    for (size_t i = 0; i < r->count; i++)
        if (r->checks[i].status == MC_CHECK_FAIL)
            return false;
    return true;
}

/* Does `fmt` have no conversion but %s (and %%)? Most messages are such, and formatting them by
 * hand costs a tenth of vsnprintf, which runs for every check of every credential. */
static bool only_strings(const char *fmt)
{
    for (const char *p = strchr(fmt, '%'); p; p = strchr(p + 2, '%'))
        if (p[1] != 's' && p[1] != '%')
            return false;
    return true;
}

/* As vsnprintf for a format of only %s and %%: the text cut to `cap` - 1 bytes. */
static void format_strings(char *out, size_t cap, const char *fmt, va_list ap)
{
    size_t n = 0;
    for (const char *p = fmt; *p && n + 1 < cap; p++) {
        if (*p != '%') {
            out[n++] = *p;
            continue;
        }
        if (*++p == '%') {
            out[n++] = '%';
            continue;
        }
        const char *arg = va_arg(ap, const char *);
        if (!arg)
            arg = "(null)";
        size_t len = strlen(arg);
        if (len > cap - 1 - n)
            len = cap - 1 - n;
        memcpy(out + n, arg, len);
        n += len;
    }
    out[n] = '\0';
}

void mc_report_add(struct mc_report *r, const char *name, enum mc_check_status s, const char *fmt,
                   ...)
{
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        r->checks = mc_xreallocarray(r->checks, r->cap, sizeof *r->checks);
    }
    struct mc_check *c = &r->checks[r->count++];
    c->name = name;
    c->status = s;
    va_list ap;
    va_start(ap, fmt);
    if (only_strings(fmt))
        format_strings(c->message, sizeof c->message, fmt, ap);
    else
        vsnprintf(c->message, sizeof c->message, fmt, ap);
    va_end(ap);
}

json_t *mc_report_to_json(const struct mc_report *r)
{
    json_t *checks = json_array();
    for (size_t i = 0; i < r->count; i++)
        json_array_append_new(checks, json_pack("{s:s, s:s, s:s}", "check", r->checks[i].name,
                                                "status", mc_check_status_name(r->checks[i].status),
                                                "message", r->checks[i].message));
    json_t *j = json_pack("{s:b}", "valid", mc_report_valid(r));
    if (r->id)
        json_object_set_new(j, "id", json_string(r->id));
    if (r->issuer)
        json_object_set_new(j, "issuer", json_string(r->issuer));
    json_object_set_new(j, "format", json_string(r->format ? r->format : "jsonld"));
    json_object_set_new(j, "checks", checks);
    return j;
}

struct mc_verifier *mc_verifier_new(const struct mc_ld_loader *loader)
{
    struct mc_verifier *v = mc_xcalloc(1, sizeof *v);
    v->di = mc_di_new(loader);
    struct mc_err e;
    /* Bundled and tested: a failure here is a broken build, reported by the schema check. */
    if (mc_schema_bundled("achievementcredential.json", &v->ob3_schema, &e))
        v->ob3_schema = NULL;
    if (mc_schema_bundled("endorsementcredential.json", &v->endorsement_schema, &e))
        v->endorsement_schema = NULL;
    return v;
}

void mc_verifier_free(struct mc_verifier *v)
{
    if (!v)
        return;
    mc_di_free(v->di);
    mc_schema_free(v->ob3_schema);
    mc_schema_free(v->endorsement_schema);
    for (size_t i = 0; i < TREE_LEVELS; i++)
        mc_arena_free(v->trees[i]);
    free(v);
}

/* ---- reading the credential ---- */

/*
 * Credentials are read as jv trees (ld/jv.h): a few words a value in one arena, where every check
 * (types, schema, dates, the JSON-LD walk) reads them without hashing keys or chasing a jansson
 * tree about the heap. The verifier keeps one arena for each level of nesting (a CLR's
 * credentials, a status list), reset when the level is entered again.
 */
static struct mc_arena *tree_arena(struct mc_verifier *v)
{
    if (v->trees_used == TREE_LEVELS)
        return mc_arena_new(0); /* deeper than expected: an arena of its own */
    struct mc_arena **a = &v->trees[v->trees_used++];
    if (*a)
        mc_arena_reset(*a);
    else
        *a = mc_arena_new(1 << 15);
    return *a;
}

static void tree_arena_done(struct mc_verifier *v, struct mc_arena *a)
{
    if (v->trees_used && v->trees[v->trees_used - 1] == a)
        v->trees_used--;
    else
        mc_arena_free(a);
}

/* A credential under verification: its tree, and the same credential as jansson when the caller
 * gave it so (else NULL), whence status entries are borrowed instead of copied. */
struct credential {
    const struct jv *tree;
    const json_t *json;
};

/* The member `key` of the credential as jansson: borrowed, or a copy (then also in *copy, which
 * the caller frees with json_decref). NULL when there is no such member. */
static const json_t *member_json(const struct credential *c, const char *key, json_t **copy)
{
    *copy = NULL;
    if (c->json)
        return json_object_get(c->json, key);
    const struct jv *m = jv_get(c->tree, key);
    return m ? (*copy = jv_to_jansson(m)) : NULL;
}

static const char *str_member(const struct jv *obj, const char *key)
{
    return jv_str(jv_get(obj, key));
}

/* `obj`'s type is the string `name` or an array holding it. */
static bool has_type(const struct jv *obj, const char *name)
{
    return jv_holds(jv_get(obj, "type"), name);
}

static const char *issuer_id(const struct jv *cred)
{
    const struct jv *iss = jv_get(cred, "issuer");
    if (jv_is_string(iss))
        return iss->u.str;
    return str_member(iss, "id");
}

/* ---- the checks ---- */

/*
 * A CLR 2.0 ClrCredential: a Profile issuer, a ClrSubject with an id or an identifier, included
 * credentials that are Open Badges credentials with a proof, Achievements, and Associations with
 * one of the eight associationTypes and their source and target ids. No CLR JSON Schema is
 * bundled (none is published where it could be copied from), so this is the whole shape check.
 */
static bool check_clr_types(const struct jv *cred, struct mc_report *r)
{
    const struct jv *iss = jv_get(cred, "issuer");
    const struct jv *subj = jv_get(cred, "credentialSubject");
    if (!jv_is_object(iss) || !has_type(iss, "Profile")) {
        mc_report_add(r, "types", MC_CHECK_FAIL, "/issuer of a CLR must be a Profile object");
        return false;
    }
    if (!jv_is_object(subj) || !has_type(subj, "ClrSubject")) {
        mc_report_add(r, "types", MC_CHECK_FAIL,
                      "/credentialSubject must be an object of type ClrSubject");
        return false;
    }
    if (!str_member(subj, "id") && !jv_get(subj, "identifier")) {
        mc_report_add(r, "types", MC_CHECK_FAIL,
                      "/credentialSubject needs an id or an identifier (the learner)");
        return false;
    }
    const struct jv *vcs = jv_get(subj, "verifiableCredential");
    if (jv_size(vcs) == 0) {
        mc_report_add(r, "types", MC_CHECK_FAIL,
                      "/credentialSubject/verifiableCredential must be a non-empty array");
        return false;
    }
    for (size_t i = 0; i < jv_size(vcs); i++) {
        const struct jv *x = jv_item(vcs, i);
        if (!jv_is_object(x) ||
            (!has_type(x, "OpenBadgeCredential") && !has_type(x, "AchievementCredential"))) {
            mc_report_add(r, "types", MC_CHECK_FAIL,
                          "/credentialSubject/verifiableCredential/%zu must be an "
                          "OpenBadgeCredential or AchievementCredential",
                          i);
            return false;
        }
        if (!jv_get(x, "proof")) {
            mc_report_add(r, "types", MC_CHECK_FAIL,
                          "/credentialSubject/verifiableCredential/%zu has no proof", i);
            return false;
        }
        if (has_type(x, "ClrCredential")) {
            /* Each included credential is verified too: a CLR in a CLR would nest that work. */
            mc_report_add(r, "types", MC_CHECK_FAIL,
                          "/credentialSubject/verifiableCredential/%zu is itself a CLR; a CLR "
                          "includes Open Badges credentials",
                          i);
            return false;
        }
    }
    const struct jv *achievements = jv_get(subj, "achievement");
    for (size_t i = 0; i < jv_size(achievements); i++) {
        if (!has_type(jv_item(achievements, i), "Achievement")) {
            mc_report_add(r, "types", MC_CHECK_FAIL,
                          "/credentialSubject/achievement/%zu must be of type Achievement", i);
            return false;
        }
    }
    const struct jv *assoc = jv_get(subj, "association");
    for (size_t i = 0; i < jv_size(assoc); i++) {
        const struct jv *x = jv_item(assoc, i);
        const char *at = str_member(x, "associationType");
        if (!has_type(x, "Association") || !at ||
            mc_clr_association_parse(at) == MC_CLR_ASSOC_BY_NAME || !str_member(x, "sourceId") ||
            !str_member(x, "targetId")) {
            mc_report_add(r, "types", MC_CHECK_FAIL,
                          "/credentialSubject/association/%zu must be an Association with an "
                          "associationType (exactMatchOf, isChildOf, isParentOf, isPartOf, "
                          "isPeerOf, isRelatedTo, precedes or replacedBy), a sourceId and a "
                          "targetId",
                          i);
            return false;
        }
    }
    mc_report_add(r, "types", MC_CHECK_PASS,
                  "a CLR 2.0 credential: a Profile issued %zu credential%s and %zu "
                  "association%s to a ClrSubject",
                  jv_size(vcs), jv_size(vcs) == 1 ? "" : "s", jv_size(assoc),
                  jv_size(assoc) == 1 ? "" : "s");
    return true;
}

/* An Open Badges 3.0 EndorsementCredential: a Profile endorses the thing its subject names. */
static bool check_endorsement_types(const struct jv *cred, struct mc_report *r)
{
    const struct jv *iss = jv_get(cred, "issuer");
    const struct jv *subj = jv_get(cred, "credentialSubject");
    if (!jv_is_object(iss) || !has_type(iss, "Profile")) {
        mc_report_add(r, "types", MC_CHECK_FAIL,
                      "/issuer of an EndorsementCredential must be a Profile object");
        return false;
    }
    if (!jv_is_object(subj) || !has_type(subj, "EndorsementSubject") || !str_member(subj, "id")) {
        mc_report_add(r, "types", MC_CHECK_FAIL,
                      "/credentialSubject must be an EndorsementSubject with the id of what is "
                      "endorsed");
        return false;
    }
    mc_report_add(r, "types", MC_CHECK_PASS,
                  "an Open Badges 3.0 endorsement: a Profile endorses %s", str_member(subj, "id"));
    return true;
}

/* The data model: contexts, types and the required properties (Open Badges 3.0 when typed so). */
static bool check_types(const struct jv *cred, struct mc_report *r)
{
    const struct jv *ctx = jv_get(cred, "@context");
    const char *f = jv_str(jv_is_array(ctx) ? jv_item(ctx, 0) : ctx);
    bool v1 = false;
    if (!f || (strcmp(f, VC2_CONTEXT) != 0 && strcmp(f, VC1_CONTEXT) != 0)) {
        mc_report_add(r, "types", MC_CHECK_FAIL,
                      "/@context: the first context must be %s (Verifiable Credentials 2.0)",
                      VC2_CONTEXT);
        return false;
    }
    v1 = strcmp(f, VC1_CONTEXT) == 0;
    if (!has_type(cred, "VerifiableCredential")) {
        mc_report_add(r, "types", MC_CHECK_FAIL, "/type must include VerifiableCredential");
        return false;
    }
    const struct jv *iss = jv_get(cred, "issuer");
    if (!issuer_id(cred)) {
        mc_report_add(r, "types", MC_CHECK_FAIL,
                      "/issuer must be a URL or an object with an id, and it is %s",
                      iss ? "neither" : "missing");
        return false;
    }
    const struct jv *subj = jv_get(cred, "credentialSubject");
    if (!jv_is_object(subj) && jv_size(subj) == 0) {
        mc_report_add(r, "types", MC_CHECK_FAIL, "/credentialSubject is missing");
        return false;
    }
    if (has_type(cred, "ClrCredential"))
        return check_clr_types(cred, r);
    if (has_type(cred, "EndorsementCredential"))
        return check_endorsement_types(cred, r);
    bool ob3 = has_type(cred, "OpenBadgeCredential") || has_type(cred, "AchievementCredential");
    if (!ob3) {
        mc_report_add(r, "types", v1 ? MC_CHECK_WARN : MC_CHECK_PASS,
                      "a Verifiable Credential%s with an issuer and a subject",
                      v1 ? " of the 1.1 data model (VC 2.0 is current)" : "");
        return true;
    }
    /* Open Badges 3.0: the types of the issuer, the subject, the achievement, results, evidence. */
    if (!jv_is_object(iss) || !has_type(iss, "Profile")) {
        mc_report_add(r, "types", MC_CHECK_FAIL,
                      "/issuer of an Open Badges credential must be a Profile object");
        return false;
    }
    if (!jv_is_object(subj) || !has_type(subj, "AchievementSubject")) {
        mc_report_add(r, "types", MC_CHECK_FAIL,
                      "/credentialSubject must be an object of type AchievementSubject");
        return false;
    }
    const struct jv *ach = jv_get(subj, "achievement");
    if (!jv_is_object(ach) || !has_type(ach, "Achievement")) {
        mc_report_add(r, "types", MC_CHECK_FAIL,
                      "/credentialSubject/achievement must be an object of type Achievement");
        return false;
    }
    static const char *const ach_required[] = { "id", "name", "criteria" };
    for (size_t i = 0; i < 3; i++) {
        if (!jv_get(ach, ach_required[i])) {
            mc_report_add(r, "types", MC_CHECK_FAIL,
                          "/credentialSubject/achievement/%s is required", ach_required[i]);
            return false;
        }
    }
    const struct jv *results = jv_get(subj, "result");
    for (size_t i = 0; i < jv_size(results); i++) {
        if (!has_type(jv_item(results, i), "Result")) {
            mc_report_add(r, "types", MC_CHECK_FAIL,
                          "/credentialSubject/result/%zu must be of type Result", i);
            return false;
        }
    }
    const struct jv *ev = jv_get(cred, "evidence");
    if (jv_is_object(ev) && !has_type(ev, "Evidence")) {
        mc_report_add(r, "types", MC_CHECK_FAIL, "/evidence must be of type Evidence");
        return false;
    }
    for (size_t i = 0; i < jv_size(ev); i++) {
        if (!has_type(jv_item(ev, i), "Evidence")) {
            mc_report_add(r, "types", MC_CHECK_FAIL, "/evidence/%zu must be of type Evidence", i);
            return false;
        }
    }
    mc_report_add(r, "types", MC_CHECK_PASS,
                  "an Open Badges 3.0 credential: a Profile issued an Achievement to an "
                  "AchievementSubject");
    return true;
}

/*
 * The 1EdTech JSON Schema of the credential's type: AchievementCredential for Open Badges
 * credentials, EndorsementCredential for endorsements. A CLR is skipped (the types check covers
 * it; no CLR schema is bundled); other credentials have no schema and add no check.
 */
static void check_schema(struct mc_verifier *v, const struct jv *cred, struct mc_report *r)
{
    const struct mc_schema *schema = v->ob3_schema;
    const char *what = "AchievementCredential";
    if (has_type(cred, "ClrCredential")) {
        mc_report_add(r, "schema", MC_CHECK_SKIP,
                      "no CLR 2.0 JSON Schema is bundled; the types check covers the CLR's shape");
        return;
    }
    if (has_type(cred, "EndorsementCredential")) {
        schema = v->endorsement_schema;
        what = "EndorsementCredential";
    } else if (!has_type(cred, "OpenBadgeCredential") && !has_type(cred, "AchievementCredential")) {
        return;
    }
    if (!schema) {
        mc_report_add(r, "schema", MC_CHECK_FAIL,
                      "the Open Badges 3.0 %s schema could not be loaded", what);
        return;
    }
    struct mc_err e;
    if (mc_schema_validate_jv(schema, cred, true, &e))
        mc_report_add(r, "schema", MC_CHECK_FAIL, "Open Badges 3.0 %s JSON Schema: %s", what,
                      e.msg);
    else
        mc_report_add(r, "schema", MC_CHECK_PASS, "conforms to the Open Badges 3.0 %s JSON Schema",
                      what);
}

/* Read the date-time member `key` when it is there (*text stays NULL when it is not); false, with
 * the failure reported, when it is not an RFC 3339 date-time. */
static bool read_date(const struct jv *cred, const char *key, int64_t *t, const char **text,
                      struct mc_report *r)
{
    const struct jv *v = jv_get(cred, key);
    if (!v)
        return true;
    const char *s = jv_str(v);
    int32_t ns;
    struct mc_err e;
    if (!s || mc_time_parse_rfc3339(s, strlen(s), t, &ns, &e)) {
        mc_report_add(r, "validity", MC_CHECK_FAIL,
                      "/%s is not an RFC 3339 date-time with a time zone", key);
        return false;
    }
    *text = s;
    return true;
}

static void check_validity(const struct jv *cred, int64_t now, struct mc_report *r)
{
    int64_t from = INT64_MIN, until = INT64_MAX;
    const char *from_s = NULL, *until_s = NULL;
    /* VC 2.0 names first, then VC 1.1's. */
    if (!read_date(cred, "validFrom", &from, &from_s, r) ||
        (!from_s && !read_date(cred, "issuanceDate", &from, &from_s, r)) ||
        !read_date(cred, "validUntil", &until, &until_s, r) ||
        (!until_s && !read_date(cred, "expirationDate", &until, &until_s, r)))
        return;
    char now_s[MC_TIME_RFC3339_SIZE];
    mc_time_format_rfc3339(now, now_s);
    if (from_s && until_s && from > until)
        mc_report_add(r, "validity", MC_CHECK_FAIL,
                      "the validity period ends (%s) before it begins (%s)", until_s, from_s);
    else if (now < from)
        mc_report_add(r, "validity", MC_CHECK_FAIL, "not valid yet: valid from %s (now %s)", from_s,
                      now_s);
    else if (now > until)
        mc_report_add(r, "validity", MC_CHECK_FAIL, "expired on %s (now %s)", until_s, now_s);
    else if (from_s || until_s)
        mc_report_add(r, "validity", MC_CHECK_PASS, "valid from %s until %s (now %s)",
                      from_s ? from_s : "the start", until_s ? until_s : "no end date", now_s);
    else
        mc_report_add(r, "validity", MC_CHECK_PASS, "no validity period is given");
}

/* Find the verification method `vm_id` in a controller document and its public key; checks that it
 * is listed for `purpose`. Fills *controller (borrowed from the document). */
static bool resolve_in_document(const json_t *doc, const char *doc_url, const char *vm_id,
                                const char *purpose, uint8_t pk[32], const char **controller,
                                const json_t **vm_out, struct mc_report *r)
{
    const char *doc_id = json_string_value(json_object_get(doc, "id"));
    if (!doc_id || strcmp(doc_id, doc_url) != 0) {
        mc_report_add(r, "proof", MC_CHECK_FAIL,
                      "the controller document at %s has the id %s, not its own URL", doc_url,
                      doc_id ? doc_id : "(none)");
        return false;
    }
    const json_t *found = NULL;
    size_t i;
    const json_t *m;
    json_array_foreach (json_object_get(doc, "verificationMethod"), i, m) {
        const char *id = json_string_value(json_object_get(m, "id"));
        if (id && (strcmp(id, vm_id) == 0 ||
                   (id[0] == '#' && strncmp(vm_id, doc_url, strlen(doc_url)) == 0 &&
                    strcmp(vm_id + strlen(doc_url), id) == 0)))
            found = m;
    }
    if (!found) {
        mc_report_add(r, "proof", MC_CHECK_FAIL,
                      "the controller document %s does not list the verification method %s",
                      doc_url, vm_id);
        return false;
    }
    bool listed = false;
    json_array_foreach (json_object_get(doc, purpose), i, m) {
        const char *s = json_is_string(m) ? json_string_value(m)
                                          : json_string_value(json_object_get(m, "id"));
        if (s &&
            (strcmp(s, vm_id) == 0 || (s[0] == '#' && strcmp(vm_id + strlen(doc_url), s) == 0)))
            listed = true;
    }
    if (!listed) {
        mc_report_add(r, "proof", MC_CHECK_FAIL,
                      "the controller document %s does not allow %s for %s (it is not listed "
                      "under %s)",
                      doc_url, vm_id, purpose, purpose);
        return false;
    }
    *controller = json_string_value(json_object_get(found, "controller"));
    if (!*controller)
        *controller = doc_id;
    if (vm_out && json_is_object(json_object_get(found, "publicKeyJwk"))) {
        /* A JsonWebKey method (VC-JWT issuers with RSA or P-256 keys). */
        *vm_out = found;
        return true;
    }
    const char *type = json_string_value(json_object_get(found, "type"));
    const char *pmb = json_string_value(json_object_get(found, "publicKeyMultibase"));
    if (!type ||
        (strcmp(type, "Multikey") != 0 && strcmp(type, "Ed25519VerificationKey2020") != 0) ||
        !pmb) {
        mc_report_add(r, "proof", MC_CHECK_FAIL,
                      "the verification method %s is not an Ed25519 Multikey with "
                      "publicKeyMultibase",
                      vm_id);
        return false;
    }
    struct mc_err e;
    if (mc_multikey_public_decode(pmb, pk, &e)) {
        mc_report_add(r, "proof", MC_CHECK_FAIL, "the verification method %s: %s", vm_id, e.msg);
        return false;
    }
    if (vm_out)
        *vm_out = found;
    return true;
}

/* The public key of a did:key verification method: remembered, or decoded and remembered. */
static enum mc_rc didkey_public(struct mc_verifier *v, const char *vm_id, uint8_t pk[32],
                                struct mc_err *e)
{
    size_t len = strlen(vm_id);
    for (size_t i = 0; i < DIDKEYS; i++) {
        const struct didkey *d = &v->didkeys[i];
        if (d->len == len && memcmp(d->id, vm_id, len) == 0) {
            memcpy(pk, d->pk, 32);
            return MC_OK;
        }
    }
    enum mc_rc rc = mc_didkey_public(vm_id, pk, e);
    if (rc || len >= DIDKEY_ID_MAX)
        return rc;
    struct didkey *d = &v->didkeys[v->next_didkey];
    v->next_didkey = (v->next_didkey + 1) % DIDKEYS;
    memcpy(d->id, vm_id, len + 1);
    d->len = len;
    memcpy(d->pk, pk, 32);
    return MC_OK;
}

/* Resolve the proof's verification method to a public key and its controller (heap). */
static bool resolve_vm(struct mc_verifier *v, const char *vm_id, const char *purpose,
                       const struct mc_verify_options *o, uint8_t pk[32], char **controller,
                       json_t **jwk, struct mc_report *r)
{
    struct mc_err e;
    if (strncmp(vm_id, "did:key:", 8) == 0) {
        if (didkey_public(v, vm_id, pk, &e)) {
            mc_report_add(r, "proof", MC_CHECK_FAIL, "the verification method %s: %s", vm_id,
                          e.msg);
            return false;
        }
        const char *hash = strchr(vm_id, '#');
        *controller = hash ? mc_xstrndup(vm_id, (size_t)(hash - vm_id)) : mc_xstrdup(vm_id);
        if (jwk)
            *jwk = mc_ed25519_public_jwk(pk);
        return true;
    }
    /* Any http(s) URL may name a key: the document source decides what it serves (the fetcher
     * reaches https only; a platform serves its own documents, or --doc supplies one). */
    if (strncmp(vm_id, "https://", 8) != 0 && strncmp(vm_id, "http://", 7) != 0) {
        mc_report_add(r, "proof", MC_CHECK_FAIL,
                      "the verification method %s is neither a did:key nor an http(s) URL", vm_id);
        return false;
    }
    /* A key named by a URL is trusted only when the controller document at that URL lists it. */
    const char *hash = strchr(vm_id, '#');
    char *doc_url = hash ? mc_xstrndup(vm_id, (size_t)(hash - vm_id)) : mc_xstrdup(vm_id);
    const char *why = "no documents were given";
    const json_t *doc = o->docs ? o->docs->get(o->docs->self, doc_url, &why) : NULL;
    bool ok = false;
    if (!doc) {
        mc_report_add(r, "proof", MC_CHECK_FAIL,
                      "the controller document %s for the verification method could not be "
                      "read (%s)",
                      doc_url, why);
    } else {
        const char *ctl = NULL;
        const json_t *vm = NULL;
        ok = resolve_in_document(doc, doc_url, vm_id, purpose, pk, &ctl, jwk ? &vm : NULL, r);
        if (ok) {
            *controller = mc_xstrdup(ctl);
            if (jwk) {
                const json_t *pj = json_object_get(vm, "publicKeyJwk");
                *jwk = pj ? json_deep_copy(pj) : mc_ed25519_public_jwk(pk);
            }
        }
    }
    free(doc_url);
    return ok;
}

/* One proof of the credential. */
static void check_proof(struct mc_verifier *v, const struct jv *cred, const struct jv *proof,
                        const struct mc_verify_options *o, bool *jsonld_done, struct mc_report *r)
{
    const char *vm = str_member(proof, "verificationMethod");
    const char *purpose = str_member(proof, "proofPurpose");
    enum mc_cryptosuite suite = mc_cryptosuite_of_jv(proof);
    if (suite == MC_SUITE_UNKNOWN) {
        const char *t = str_member(proof, "type");
        const char *c = str_member(proof, "cryptosuite");
        mc_report_add(r, "proof", MC_CHECK_FAIL, "unknown proof type %s / cryptosuite %s",
                      t ? t : "(none)", c ? c : "(none)");
        return;
    }
    if (!vm) {
        mc_report_add(r, "proof", MC_CHECK_FAIL, "/proof/verificationMethod is missing");
        return;
    }
    if (!purpose || strcmp(purpose, "assertionMethod") != 0) {
        mc_report_add(r, "proof", MC_CHECK_FAIL,
                      "/proof/proofPurpose is %s; a credential's proof must be an assertionMethod",
                      purpose ? purpose : "missing");
        return;
    }
    uint8_t pk[32];
    char *controller = NULL;
    if (!resolve_vm(v, vm, purpose, o, pk, &controller, NULL, r))
        return;
    struct mc_err e;
    mc_err_clear(&e);
    enum mc_rc rc = mc_di_verify_proof_jv(v->di, cred, proof, pk, &e);
    if (rc == MC_OK || rc == MC_ERR_CRYPTO) {
        if (!*jsonld_done && suite != MC_SUITE_EDDSA_JCS_2022) {
            mc_report_add(r, "jsonld", MC_CHECK_PASS,
                          "well-formed JSON-LD; every context is known");
            *jsonld_done = true;
        }
    }
    if (rc == MC_OK) {
        mc_report_add(r, "proof", suite == MC_SUITE_EDDSA_2022 ? MC_CHECK_WARN : MC_CHECK_PASS,
                      "%s signature by %s verifies%s", mc_cryptosuite_name(suite), vm,
                      suite == MC_SUITE_EDDSA_2022
                              ? " (eddsa-2022 is the draft name of eddsa-rdfc-2022)"
                              : "");
    } else if (rc == MC_ERR_CRYPTO) {
        mc_report_add(r, "proof", MC_CHECK_FAIL, "%s", e.msg);
    } else if (strncmp(e.msg, "the document: ", 14) == 0 ||
               strncmp(e.msg, "the proof configuration: ", 25) == 0) {
        /* A JSON-LD problem: the proof cannot be checked. */
        if (!*jsonld_done) {
            mc_report_add(r, "jsonld", MC_CHECK_FAIL, "%s%s%s", e.msg, e.where[0] ? " at " : "",
                          e.where);
            *jsonld_done = true;
        }
        mc_report_add(r, "proof", MC_CHECK_FAIL,
                      "could not be checked: the credential is not valid JSON-LD");
    } else {
        mc_report_add(r, "proof", MC_CHECK_FAIL, "%s", e.msg);
    }
    const char *iss = issuer_id(cred);
    if (iss && controller && strcmp(iss, controller) == 0)
        mc_report_add(r, "issuer", MC_CHECK_PASS, "the signing key belongs to the issuer %s", iss);
    else if (iss)
        mc_report_add(r, "issuer", MC_CHECK_FAIL,
                      "the signing key belongs to %s, not to the issuer %s", controller, iss);
    free(controller);
}

/* The proof, or each proof of a proof set. */
static void check_proofs(struct mc_verifier *v, const struct jv *cred,
                         const struct mc_verify_options *o, bool *jsonld_done, struct mc_report *r)
{
    const struct jv *proof = jv_get(cred, "proof");
    if (!proof) {
        mc_report_add(r, "proof", MC_CHECK_FAIL, "the credential has no proof");
    } else if (jv_is_array(proof)) {
        if (jv_size(proof) == 0)
            mc_report_add(r, "proof", MC_CHECK_FAIL, "/proof is an empty set");
        for (size_t i = 0; i < jv_size(proof); i++)
            check_proof(v, cred, jv_item(proof, i), o, jsonld_done, r);
    } else {
        check_proof(v, cred, proof, o, jsonld_done, r);
    }
}

static void finish(struct mc_verifier *v, const struct credential *c,
                   const struct mc_verify_options *o, bool jsonld_done, struct mc_report *r);

/* The first failed check of `r`, else its first warning; NULL when every check passed. */
static const struct mc_check *worst_check(const struct mc_report *r)
{
    const struct mc_check *warn = NULL;
    for (size_t i = 0; i < r->count; i++) {
        if (r->checks[i].status == MC_CHECK_FAIL)
            return &r->checks[i];
        if (r->checks[i].status == MC_CHECK_WARN && !warn)
            warn = &r->checks[i];
    }
    return warn;
}

static void verify_tree(struct mc_verifier *v, const struct credential *c,
                        const struct mc_verify_options *o, struct mc_report *r);

/*
 * CLR 2.0: the record's proof covers the text of the credentials it includes, not whether they
 * are still good. Each is verified on its own as well (its proof, issuer, validity period and
 * status), so that a record holding a revoked or expired credential is not valid. Every included
 * credential that fails or warns gets its own check, named by its place and id.
 */
static void check_included(struct mc_verifier *v, const struct credential *c,
                           const struct mc_verify_options *o, struct mc_report *r)
{
    const struct jv *vcs = jv_get(jv_get(c->tree, "credentialSubject"), "verifiableCredential");
    const json_t *vcs_json =
            c->json ? json_object_get(json_object_get(c->json, "credentialSubject"),
                                      "verifiableCredential")
                    : NULL;
    size_t flagged = 0, n = jv_size(vcs);
    for (size_t i = 0; i < n; i++) {
        struct mc_report sub;
        mc_report_init(&sub);
        struct credential included = { jv_item(vcs, i), json_array_get(vcs_json, i) };
        verify_tree(v, &included, o, &sub);
        const struct mc_check *w = worst_check(&sub);
        if (w) {
            bool failed = w->status == MC_CHECK_FAIL;
            mc_report_add(r, "included", failed ? MC_CHECK_FAIL : MC_CHECK_WARN,
                          "/credentialSubject/verifiableCredential/%zu (%s) %s: %s: %s", i,
                          sub.id ? sub.id : "no id", failed ? "is not valid" : "has a warning",
                          w->name, w->message);
            flagged++;
        }
        mc_report_free(&sub);
    }
    if (!flagged)
        mc_report_add(r, "included", MC_CHECK_PASS,
                      "the %zu included credential%s verif%s on %s own: proof, issuer, validity "
                      "and status",
                      n, n == 1 ? "" : "s", n == 1 ? "ies" : "y", n == 1 ? "its" : "their");
}

/* Every check of a JSON-LD credential. */
static void verify_tree(struct mc_verifier *v, const struct credential *c,
                        const struct mc_verify_options *o, struct mc_report *r)
{
    if (!r->format)
        r->format = mc_xstrdup("jsonld");
    const struct jv *cred = c->tree;
    if (!jv_is_object(cred)) {
        mc_report_add(r, "types", MC_CHECK_FAIL, "a credential must be a JSON object");
        return;
    }
    const char *id = str_member(cred, "id");
    const char *iss = issuer_id(cred);
    if (id && !r->id)
        r->id = mc_xstrdup(id);
    if (iss && !r->issuer)
        r->issuer = mc_xstrdup(iss);
    if (!check_types(cred, r))
        return;
    check_schema(v, cred, r);
    bool jsonld_done = false;
    check_proofs(v, cred, o, &jsonld_done, r);
    finish(v, c, o, jsonld_done, r);
    if (has_type(cred, "ClrCredential"))
        check_included(v, c, o, r);
}

void mc_verify_credential(struct mc_verifier *v, const json_t *cred,
                          const struct mc_verify_options *o, struct mc_report *r)
{
    if (!json_is_object(cred)) {
        struct credential none = { &jv_null_value, NULL };
        verify_tree(v, &none, o, r);
        return;
    }
    struct mc_arena *a = tree_arena(v);
    struct credential c = { jv_from_jansson(a, cred), cred };
    verify_tree(v, &c, o, r);
    tree_arena_done(v, a);
}

void mc_verify_tree(struct mc_verifier *v, const struct jv *cred, const struct mc_verify_options *o,
                    struct mc_report *r)
{
    struct credential c = { cred, NULL };
    verify_tree(v, &c, o, r);
}

/*
 * One credentialStatus entry: the status list credential it names must come from the documents
 * (given or fetched), be issued by the same issuer with a proof that verifies and be in its
 * validity period; then the entry's bits. Never a silent pass: a status that cannot be checked
 * fails, because it may hide a revocation.
 */
static void check_status(struct mc_verifier *v, const struct jv *cred, const json_t *entry,
                         const char *ptr, const struct mc_verify_options *o, struct mc_report *r)
{
    struct mc_status_entry se = { 0 };
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_status_entry_parse(entry, ptr, &se, &e)) {
        mc_report_add(r, "status", MC_CHECK_FAIL, "%s", e.msg);
        return;
    }
    const char *why = "no documents were given";
    const json_t *list = o->docs ? o->docs->get(o->docs->self, se.list_url, &why) : NULL;
    if (!list) {
        mc_report_add(r, "status", MC_CHECK_FAIL,
                      "the %s status could not be checked: the status list %s could not be read "
                      "(%s)",
                      se.purpose, se.list_url, why);
        mc_status_entry_free(&se);
        return;
    }
    /* The list is a credential of its own: the same issuer, a proof that verifies, in date. Its
     * report names its issuer. */
    struct mc_report lr;
    mc_report_init(&lr);
    struct mc_verify_options lo = *o;
    lo.no_status = true;
    mc_verify_credential(v, list, &lo, &lr);
    const char *iss = issuer_id(cred), *liss = lr.issuer;
    bool list_ok = mc_report_valid(&lr);
    if (!list_ok) {
        for (size_t i = 0; i < lr.count; i++) {
            if (lr.checks[i].status == MC_CHECK_FAIL) {
                mc_report_add(r, "status", MC_CHECK_FAIL, "the status list %s is not valid: %s: %s",
                              se.list_url, lr.checks[i].name, lr.checks[i].message);
                break;
            }
        }
    } else if (!iss || !liss || strcmp(iss, liss) != 0) {
        list_ok = false;
        mc_report_add(r, "status", MC_CHECK_FAIL,
                      "the status list %s was issued by %s, not by the credential's issuer %s",
                      se.list_url, liss ? liss : "(nobody)", iss ? iss : "(nobody)");
    }
    mc_report_free(&lr);
    if (list_ok) {
        unsigned value = 0;
        const char *message = NULL;
        if (mc_status_check_value(&se, list, &value, &message, &e)) {
            mc_report_add(r, "status", MC_CHECK_FAIL, "%s", e.msg);
        } else if (value == 0) {
            mc_report_add(r, "status", MC_CHECK_PASS, "not %s (entry %zu of %s)",
                          strcmp(se.purpose, "revocation") == 0   ? "revoked"
                          : strcmp(se.purpose, "suspension") == 0 ? "suspended"
                                                                  : "flagged",
                          se.index, se.list_url);
        } else if (strcmp(se.purpose, "revocation") == 0) {
            mc_report_add(r, "status", MC_CHECK_FAIL, "revoked (entry %zu of %s)", se.index,
                          se.list_url);
        } else if (strcmp(se.purpose, "suspension") == 0) {
            mc_report_add(r, "status", MC_CHECK_FAIL, "suspended (entry %zu of %s)", se.index,
                          se.list_url);
        } else {
            mc_report_add(r, "status", MC_CHECK_WARN, "%s status: %s", se.purpose,
                          message ? message : "set");
        }
    }
    mc_status_entry_free(&se);
}

/* The checks every format ends with: JSON-LD (unless a proof already canonicalized it), the
 * validity period and the status. */
static void finish(struct mc_verifier *v, const struct credential *c,
                   const struct mc_verify_options *o, bool jsonld_done, struct mc_report *r)
{
    if (!jsonld_done) {
        /* No RDF canonicalization ran (no proof, or a JCS proof): expand it to check it. */
        struct mc_err e;
        mc_err_clear(&e);
        if (mc_di_check_jsonld_jv(v->di, c->tree, &e))
            mc_report_add(r, "jsonld", MC_CHECK_FAIL, "%s%s%s", e.msg, e.where[0] ? " at " : "",
                          e.where);
        else
            mc_report_add(r, "jsonld", MC_CHECK_PASS,
                          "well-formed JSON-LD; every context is known");
    }
    check_validity(c->tree, o->now, r);
    if (o->no_status)
        return; /* a status list's own status is not followed */
    json_t *copy;
    const json_t *status = member_json(c, "credentialStatus", &copy);
    if (!status) {
        mc_report_add(r, "status", MC_CHECK_SKIP, "the credential has no credentialStatus");
    } else if (json_is_array(status)) {
        size_t i;
        const json_t *x;
        json_array_foreach (status, i, x) {
            char ptr[48];
            snprintf(ptr, sizeof ptr, "/credentialStatus/%zu", i);
            check_status(v, c->tree, x, ptr, o, r);
        }
    } else {
        check_status(v, c->tree, status, "/credentialStatus", o, r);
    }
    json_decref(copy);
}

/* A compact JWS: three base64url parts (white space around them is allowed). */
static bool looks_like_jws(const char *t, size_t len)
{
    while (len && strchr(" \t\r\n", t[len - 1]))
        len--;
    while (len && strchr(" \t\r\n", *t))
        t++, len--;
    size_t dots = 0;
    for (size_t i = 0; i < len; i++) {
        char c = t[i];
        if (c == '.')
            dots++;
        else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_'))
            return false;
    }
    return len > 0 && dots == 2;
}

/* A VC-JWT: the JWS is the proof; the key comes from kid (or a did:key issuer). */
static void verify_jwt(struct mc_verifier *v, const char *text, size_t len,
                       const struct mc_verify_options *o, struct mc_report *r)
{
    free(r->format);
    r->format = mc_xstrdup("jwt");
    while (len && strchr(" \t\r\n", text[len - 1]))
        len--;
    while (len && strchr(" \t\r\n", *text))
        text++, len--;
    struct mc_jws jws;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_jws_parse(text, len, &jws, &e)) {
        mc_report_add(r, "jwt", MC_CHECK_FAIL, "%s", e.msg);
        return;
    }
    json_t *cred = NULL;
    if (mc_vcjwt_credential(&jws, &cred, &e)) {
        mc_report_add(r, "jwt", MC_CHECK_FAIL, "%s", e.msg);
        mc_jws_free(&jws);
        return;
    }
    mc_report_add(r, "jwt", MC_CHECK_PASS, "a VC-JWT signed with %s", jws.alg);
    struct mc_arena *a = tree_arena(v);
    struct credential c = { jv_from_jansson(a, cred), cred };
    const char *id = str_member(c.tree, "id");
    const char *iss = issuer_id(c.tree);
    if (id && !r->id)
        r->id = mc_xstrdup(id);
    if (iss && !r->issuer)
        r->issuer = mc_xstrdup(iss);
    if (!check_types(c.tree, r))
        goto out;
    check_schema(v, c.tree, r);

    /* Which key: kid (relative to the issuer when it is a fragment), else a did:key issuer's. */
    char *vm = NULL;
    if (jws.kid && jws.kid[0] == '#' && iss)
        vm = mc_xasprintf("%s%s", iss, jws.kid);
    else if (jws.kid)
        vm = mc_xstrdup(jws.kid);
    else if (iss && strncmp(iss, "did:key:", 8) == 0)
        vm = mc_xasprintf("%s#%s", iss, iss + 8);
    uint8_t pk[32];
    char *controller = NULL;
    json_t *jwk = NULL;
    if (!vm) {
        mc_report_add(r, "proof", MC_CHECK_FAIL,
                      "the JWT names no key (kid) and its issuer is not a did:key");
    } else if (resolve_vm(v, vm, "assertionMethod", o, pk, &controller, &jwk, r)) {
        mc_err_clear(&e);
        if (mc_jws_verify(&jws, jwk, &e))
            mc_report_add(r, "proof", MC_CHECK_FAIL, "%s", e.msg);
        else
            mc_report_add(r, "proof", MC_CHECK_PASS, "%s signature by %s verifies", jws.alg, vm);
        if (iss && controller && strcmp(iss, controller) == 0)
            mc_report_add(r, "issuer", MC_CHECK_PASS, "the signing key belongs to the issuer %s",
                          iss);
        else
            mc_report_add(r, "issuer", MC_CHECK_FAIL,
                          "the signing key belongs to %s, not to the issuer %s", controller,
                          iss ? iss : "(none)");
    }
    json_decref(jwk);
    free(controller);
    free(vm);
    finish(v, &c, o, false, r);
out:
    tree_arena_done(v, a);
    json_decref(cred);
    mc_jws_free(&jws);
}

void mc_verify_text(struct mc_verifier *v, const char *text, size_t len,
                    const struct mc_verify_options *o, struct mc_report *r)
{
    /* Open Badges 2.0: the URL of a hosted assertion, or a JWS whose payload is an assertion. */
    if (mc_ob2_detect(text, len)) {
        mc_ob2_verify(text, len, o, r);
        return;
    }
    if (looks_like_jws(text, len)) {
        verify_jwt(v, text, len, o, r);
        return;
    }
    if (len > MAX_CREDENTIAL_BYTES) {
        mc_report_add(r, "json", MC_CHECK_FAIL, "JSON of %zu bytes is over the limit of %u", len,
                      MAX_CREDENTIAL_BYTES);
        return;
    }
    struct mc_arena *a = tree_arena(v);
    struct credential c = { NULL, NULL };
    struct mc_err e;
    if (jv_parse(a, text, len, MAX_DEPTH, (struct jv **)&c.tree, &e)) {
        mc_report_add(r, "json", MC_CHECK_FAIL, "%s", e.msg);
    } else {
        mc_report_add(r, "json", MC_CHECK_PASS, "well-formed JSON");
        if (mc_ob2_is_assertion_jv(c.tree)) {
            json_t *assertion = jv_to_jansson(c.tree);
            mc_ob2_verify_assertion(assertion, o, r);
            json_decref(assertion);
        } else {
            verify_tree(v, &c, o, r);
        }
    }
    tree_arena_done(v, a);
}
