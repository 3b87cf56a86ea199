/* SPDX-License-Identifier: Apache-2.0 */
/* Open Badges 2.0 verification: hosted and signed assertions (see ob2.h for the checks). */
#include "vc/ob2.h"

#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/json.h"
#include "base/time.h"
#include "crypto/digest.h"
#include "crypto/jwk.h"
#include "ld/jv.h"
#include "vc/jws.h"

#define OB2_CONTEXT_OLD \
    "https://openbadgespec.org/v2/context.json" /* the 2.0 context's first home */
#define VC1_CONTEXT    "https://www.w3.org/2018/credentials/v1"
#define VC2_CONTEXT    "https://www.w3.org/ns/credentials/v2"
#define MAX_JSON_BYTES (16u << 20)
#define MAX_URL        2048   /* longer "URLs" are not fetched */
#define MAX_PEM        16384  /* a 16384-bit RSA public key is under 3 KB of PEM */
#define MAX_KEYS       4      /* publicKey entries of a Profile tried when no creator is named */
#define MAX_LIST       100000 /* revokedAssertions entries read */

enum mode { HOSTED, SIGNED };

/* One verification: the options, the report, and the documents read so far (borrowed from the
 * source), so that a URL is read once and the requests stay within MC_OB2_MAX_DOCS. */
struct ob2 {
    const struct mc_verify_options *o;
    struct mc_report *r;
    const char *url[MC_OB2_MAX_DOCS];
    const json_t *doc[MC_OB2_MAX_DOCS];
    char *owned_url[MC_OB2_MAX_DOCS];
    size_t n;     /* documents read */
    size_t asked; /* requests made of the source, read or not */
    enum mode mode;
    const struct mc_jws *jws; /* signed: the parsed JWS */
};

static void ob2_free(struct ob2 *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->owned_url[i]);
}

static void set_format(struct mc_report *r, const char *f)
{
    free(r->format);
    r->format = mc_xstrdup(f);
}

/* ---- small JSON helpers ---- */

static bool str_is(const json_t *v, const char *s)
{
    return json_is_string(v) && strcmp(json_string_value(v), s) == 0;
}

/* The string `v`, or the string member "id" of the object `v`; NULL otherwise. */
static const char *id_of(const json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    return json_string_value(json_object_get(v, "id"));
}

/* `v` is `name` or an array holding it. */
static bool has_value(const json_t *v, const char *name)
{
    if (json_is_string(v))
        return strcmp(json_string_value(v), name) == 0;
    size_t i;
    const json_t *x;
    json_array_foreach (v, i, x)
        if (str_is(x, name))
            return true;
    return false;
}

static bool has_type(const json_t *obj, const char *name)
{
    return has_value(json_object_get(obj, "type"), name);
}

/* The first type, for messages. */
static const char *type_name(const json_t *obj)
{
    const json_t *t = json_object_get(obj, "type");
    if (json_is_array(t))
        t = json_array_get(t, 0);
    return json_is_string(t) ? json_string_value(t) : "no type";
}

/* The VerificationObject: "verification", or its alias "verify". */
static const json_t *verification_of(const json_t *obj)
{
    const json_t *v = json_object_get(obj, "verification");
    return v ? v : json_object_get(obj, "verify");
}

static bool starts_with_nocase(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static bool is_http_url(const char *s)
{
    return s && (starts_with_nocase(s, "https://") || starts_with_nocase(s, "http://")) &&
           strlen(s) <= MAX_URL;
}

/* ---- versions ---- */

enum ob_version { OB_NONE = 0, OB_V1_0, OB_V1_1, OB_V2 };

/* Which Open Badges version `doc` is an assertion of, from its @context and shape. Versions are
 * told on jv trees: the verifier reads credentials as those. */
static enum ob_version version_of_jv(const struct jv *doc)
{
    if (!jv_is_object(doc))
        return OB_NONE;
    const struct jv *ctx = jv_get(doc, "@context");
    if (jv_holds(ctx, MC_OB2_CONTEXT) || jv_holds(ctx, OB2_CONTEXT_OLD))
        return OB_V2;
    if (jv_holds(ctx, MC_OB1_CONTEXT))
        return OB_V1_1;
    if (!ctx && jv_get(doc, "recipient") && jv_get(doc, "badge"))
        return OB_V1_0;
    return OB_NONE;
}

/* The same for a jansson value (the assertions this file verifies), through a jv view of it. */
static enum ob_version version_of(const json_t *doc)
{
    if (!json_is_object(doc))
        return OB_NONE;
    struct mc_arena *a = mc_arena_new(0);
    enum ob_version version = version_of_jv(jv_from_jansson(a, doc));
    mc_arena_free(a);
    return version;
}

bool mc_ob2_is_assertion_jv(const struct jv *doc)
{
    if (!jv_is_object(doc))
        return false;
    if (version_of_jv(doc) != OB_NONE)
        return true;
    const struct jv *ctx = jv_get(doc, "@context");
    if (jv_holds(ctx, VC1_CONTEXT) || jv_holds(ctx, VC2_CONTEXT))
        return false;
    return jv_holds(jv_get(doc, "type"), "Assertion");
}

bool mc_ob2_is_assertion(const json_t *doc)
{
    if (!json_is_object(doc))
        return false;
    struct mc_arena *a = mc_arena_new(0);
    bool yes = mc_ob2_is_assertion_jv(jv_from_jansson(a, doc));
    mc_arena_free(a);
    return yes;
}

/* ---- input forms ---- */

static void trim(const char **text, size_t *len)
{
    const char *t = *text;
    size_t n = *len;
    while (n && strchr(" \t\r\n", t[n - 1]))
        n--;
    while (n && strchr(" \t\r\n", *t))
        t++, n--;
    *text = t;
    *len = n;
}

/* An http(s) URL on its own: no white space or control characters inside. */
static bool looks_like_url(const char *t, size_t len)
{
    if (len < 8 || len > MAX_URL)
        return false;
    if (!starts_with_nocase(t, "https://") && !starts_with_nocase(t, "http://"))
        return false;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)t[i] <= 0x20 || t[i] == 0x7f)
            return false;
    return true;
}

/* Three base64url parts separated by dots. */
static bool looks_like_jws(const char *t, size_t len)
{
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

bool mc_ob2_detect(const char *text, size_t len)
{
    trim(&text, &len);
    if (looks_like_url(text, len))
        return true;
    if (!looks_like_jws(text, len))
        return false;
    struct mc_jws jws;
    struct mc_err e;
    if (mc_jws_parse(text, len, &jws, &e))
        return false;
    bool yes = mc_ob2_is_assertion(jws.payload);
    mc_jws_free(&jws);
    return yes;
}

/* ---- documents ---- */

/*
 * The document at `url` (borrowed from the source), or NULL with a failed `check` saying why
 * (`what` names the document for people). A URL read before is not asked again; every request
 * made of the source counts against MC_OB2_MAX_DOCS.
 */
static const json_t *get_doc(struct ob2 *v, const char *url, const char *what, const char *check)
{
    if (!is_http_url(url)) {
        mc_report_add(v->r, check, MC_CHECK_FAIL,
                      "the %s %.200s is not an http(s) URL, so it cannot be fetched", what,
                      url ? url : "(none)");
        return NULL;
    }
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->url[i], url) == 0)
            return v->doc[i];
    if (v->asked == MC_OB2_MAX_DOCS) {
        mc_report_add(v->r, check, MC_CHECK_FAIL,
                      "the %s %.200s was not fetched: one assertion may need at most %d documents",
                      what, url, MC_OB2_MAX_DOCS);
        return NULL;
    }
    const char *why = "no documents were given";
    v->asked++;
    const json_t *doc = v->o->docs ? v->o->docs->get(v->o->docs->self, url, &why) : NULL;
    if (!doc) {
        mc_report_add(v->r, check, MC_CHECK_FAIL, "the %s %.200s could not be read (%.160s)", what,
                      url, why ? why : "no reason given");
        return NULL;
    }
    if (!json_is_object(doc)) {
        mc_report_add(v->r, check, MC_CHECK_FAIL, "the %s %.200s is not a JSON object", what, url);
        return NULL;
    }
    v->owned_url[v->n] = mc_xstrdup(url);
    v->url[v->n] = v->owned_url[v->n];
    v->doc[v->n++] = doc;
    return doc;
}

/* A fetched document must say it is what it was fetched as. */
static bool check_doc_id(struct ob2 *v, const json_t *doc, const char *url, const char *what,
                         const char *check)
{
    const char *id = json_string_value(json_object_get(doc, "id"));
    if (id && strcmp(id, url) == 0)
        return true;
    mc_report_add(v->r, check, MC_CHECK_FAIL, "the %s at %.200s has the id %.200s, not its own URL",
                  what, url, id ? id : "(none)");
    return false;
}

/* ---- URLs and origins ---- */

struct origin {
    char scheme[8]; /* "http" or "https" */
    char host[256]; /* lower case; IPv6 literals keep their brackets */
    unsigned port;  /* the default port of the scheme when none is given */
};

/* The origin of an http(s) URL (RFC 6454 §4); false when it is not one or has user info. */
static bool parse_origin(const char *url, struct origin *o)
{
    const char *p;
    if (starts_with_nocase(url, "https://")) {
        snprintf(o->scheme, sizeof o->scheme, "https");
        o->port = 443;
        p = url + 8;
    } else if (starts_with_nocase(url, "http://")) {
        snprintf(o->scheme, sizeof o->scheme, "http");
        o->port = 80;
        p = url + 7;
    } else {
        return false;
    }
    size_t alen = strcspn(p, "/?#");
    if (alen == 0 || memchr(p, '@', alen))
        return false;
    size_t hlen = alen;
    const char *colon = NULL;
    if (p[0] == '[') {
        const char *close = memchr(p, ']', alen);
        if (!close)
            return false;
        hlen = (size_t)(close - p) + 1;
        if (hlen < alen) {
            if (p[hlen] != ':')
                return false;
            colon = p + hlen;
        }
    } else {
        colon = memchr(p, ':', alen);
        if (colon)
            hlen = (size_t)(colon - p);
    }
    if (hlen == 0 || hlen >= sizeof o->host)
        return false;
    for (size_t i = 0; i < hlen; i++) {
        char c = p[i];
        o->host[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    o->host[hlen] = '\0';
    if (colon) {
        const char *d = colon + 1, *end = p + alen;
        if (d < end) {
            unsigned port = 0;
            for (; d < end; d++) {
                if (*d < '0' || *d > '9' || port > 6553)
                    return false;
                port = port * 10 + (unsigned)(*d - '0');
            }
            if (port == 0 || port > 65535)
                return false;
            o->port = port;
        }
    }
    return true;
}

static bool same_origin(const struct origin *a, const struct origin *b)
{
    return strcmp(a->scheme, b->scheme) == 0 && strcmp(a->host, b->host) == 0 && a->port == b->port;
}

/* ---- dates ---- */

/*
 * An OB 2.0 DateTime: ISO 8601 with a time zone. RFC 3339 covers most; also read are times
 * without seconds ("2016-12-31T23:59Z") and offsets without a colon ("+0000").
 */
static bool parse_datetime(const char *s, int64_t *t)
{
    int32_t ns;
    struct mc_err e;
    size_t n = strlen(s);
    if (!mc_time_parse_rfc3339(s, n, t, &ns, &e))
        return true;
    if (n < 17 || n > 40)
        return false;
    char buf[64];
    size_t k = 0;
    /* "YYYY-MM-DDTHH:MM" then maybe ":SS[.f]", then the zone. */
    memcpy(buf, s, 16);
    k = 16;
    size_t i = 16;
    if (s[i] == ':') {
        while (i < n && s[i] != 'Z' && s[i] != 'z' && s[i] != '+' && s[i] != '-')
            buf[k++] = s[i++];
    } else {
        memcpy(buf + k, ":00", 3);
        k += 3;
    }
    if (i < n && (s[i] == '+' || s[i] == '-') && n - i == 5) {
        buf[k++] = s[i];
        buf[k++] = s[i + 1];
        buf[k++] = s[i + 2];
        buf[k++] = ':';
        buf[k++] = s[i + 3];
        buf[k++] = s[i + 4];
        i = n;
    }
    while (i < n && k < sizeof buf - 1)
        buf[k++] = s[i++];
    if (i < n)
        return false;
    return mc_time_parse_rfc3339(buf, k, t, &ns, &e) == MC_OK;
}

/* ---- identities ---- */

static bool hex_equal_nocase(const char *hex, const unsigned char *bin, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    if (strlen(hex) != 2 * n)
        return false;
    bool eq = true;
    for (size_t i = 0; i < n; i++) {
        char hi = (char)(hex[2 * i] | 0x20), lo = (char)(hex[2 * i + 1] | 0x20);
        eq &= hi == digits[bin[i] >> 4] && lo == digits[bin[i] & 15];
    }
    return eq;
}

static bool all_hex(const char *s, size_t want)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
            return false;
    }
    return n == want;
}

/* OB 2.0 "IdentityHash": "sha256$" or "md5$" and the hex digest of the identity and the salt. */
enum mc_rc mc_ob2_identity_check(const char *hash, const char *who, const char *salt,
                                 struct mc_err *e)
{
    bool sha = starts_with_nocase(hash, "sha256$");
    bool md5 = !sha && starts_with_nocase(hash, "md5$");
    const char *hex = sha ? hash + 7 : md5 ? hash + 4 : NULL;
    if (!hex || !all_hex(hex, sha ? 64 : 32))
        return mc_err_set(e, MC_ERR_INVALID,
                          "the identity hash must be sha256$ and 64 hex digits or md5$ and 32");
    size_t wn = strlen(who), sn = salt ? strlen(salt) : 0;
    unsigned char *msg = mc_xmalloc(wn + sn + 1);
    memcpy(msg, who, wn);
    if (sn)
        memcpy(msg + wn, salt, sn);
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outlen = 0;
    bool ok;
    if (sha) {
        mc_digest(MC_DIGEST_SHA256, msg, wn + sn, out);
        ok = hex_equal_nocase(hex, out, MC_SHA256_LEN);
    } else {
        /* MD5 is broken for signatures, but OB 2.0 allows it for identity hashes. */
        EVP_MD *md = EVP_MD_fetch(NULL, "MD5", NULL);
        if (!md || !EVP_Digest(msg, wn + sn, out, &outlen, md, NULL)) {
            EVP_MD_free(md);
            free(msg);
            ERR_clear_error();
            return mc_err_set(e, MC_ERR_UNSUPPORTED, "MD5 is not available in this OpenSSL");
        }
        EVP_MD_free(md);
        ok = hex_equal_nocase(hex, out, outlen);
    }
    free(msg);
    if (!ok)
        return mc_err_set(e, MC_ERR_CRYPTO, "the %s hash does not match", sha ? "sha256" : "md5");
    return MC_OK;
}

/* ---- the checks ---- */

/* @context: Open Badges 2.0 is verified; 1.0 and 1.1 are named and refused. */
static bool check_context(struct ob2 *v, const json_t *a)
{
    switch (version_of(a)) {
    case OB_V2:
        mc_report_add(v->r, "context", MC_CHECK_PASS, "an Open Badges 2.0 assertion");
        return true;
    case OB_V1_1:
        mc_report_add(v->r, "context", MC_CHECK_FAIL,
                      "an Open Badges 1.1 assertion (@context %s): only Open Badges 2.0 "
                      "assertions are verified; the issuer can publish it again as 2.0",
                      MC_OB1_CONTEXT);
        return false;
    case OB_V1_0:
        mc_report_add(v->r, "context", MC_CHECK_FAIL,
                      "an Open Badges 1.0 assertion (no @context): only Open Badges 2.0 "
                      "assertions are verified; the issuer can publish it again as 2.0");
        return false;
    case OB_NONE: break;
    }
    mc_report_add(v->r, "context", MC_CHECK_FAIL,
                  "/@context must be %s for an Open Badges 2.0 assertion", MC_OB2_CONTEXT);
    return false;
}

/* OB 2.0 "Assertion": type, id, recipient, badge, verification, issuedOn. */
static bool check_types(struct ob2 *v, const json_t *a)
{
    const char *why = NULL;
    if (!has_type(a, "Assertion"))
        why = "/type must be Assertion";
    else if (!json_is_string(json_object_get(a, "id")))
        why = "/id is required (the assertion's IRI)";
    else if (!json_is_object(json_object_get(a, "recipient")))
        why = "/recipient must be an IdentityObject";
    else if (!id_of(json_object_get(a, "badge")))
        why = "/badge must be the URL of a BadgeClass or a BadgeClass with an id";
    else if (!json_is_object(verification_of(a)))
        why = "/verification must be a VerificationObject";
    else if (!json_is_string(json_object_get(a, "issuedOn")))
        why = "/issuedOn is required (a date-time)";
    if (why) {
        if (!has_type(a, "Assertion"))
            mc_report_add(v->r, "types", MC_CHECK_FAIL, "%s, not %s", why, type_name(a));
        else
            mc_report_add(v->r, "types", MC_CHECK_FAIL, "%s", why);
        return false;
    }
    mc_report_add(v->r, "types", MC_CHECK_PASS,
                  "an Assertion with a recipient, a badge, a verification and issuedOn");
    return true;
}

/* The BadgeClass, embedded or at its URL; NULL (with a failed check) when it is not usable. */
static const json_t *check_badge(struct ob2 *v, const json_t *a)
{
    const json_t *b = json_object_get(a, "badge");
    const char *url = NULL;
    if (json_is_string(b)) {
        url = json_string_value(b);
        b = get_doc(v, url, "BadgeClass", "badge");
        if (!b || !check_doc_id(v, b, url, "BadgeClass", "badge"))
            return NULL;
    }
    const char *why = NULL;
    const json_t *crit = json_object_get(b, "criteria");
    if (!has_type(b, "BadgeClass"))
        why = "its type must be BadgeClass";
    else if (!json_is_string(json_object_get(b, "id")))
        why = "it has no id";
    else if (!json_is_string(json_object_get(b, "name")))
        why = "it has no name";
    else if (!json_is_string(json_object_get(b, "description")))
        why = "it has no description";
    else if (!id_of(json_object_get(b, "image")))
        why = "it has no image (a URL or an Image with an id)";
    else if (!id_of(crit) && !json_is_string(json_object_get(crit, "narrative")))
        why = "it has no criteria (a URL, or Criteria with an id or a narrative)";
    else if (!id_of(json_object_get(b, "issuer")))
        why = "it has no issuer (a URL or a Profile with an id)";
    const char *bid = json_string_value(json_object_get(b, "id"));
    if (why) {
        mc_report_add(v->r, "badge", MC_CHECK_FAIL, "the BadgeClass %.200s is not valid: %s",
                      bid   ? bid
                      : url ? url
                            : "(embedded)",
                      why);
        return NULL;
    }
    mc_report_add(v->r, "badge", MC_CHECK_PASS, "the BadgeClass %.200s (\"%.120s\")%s", bid,
                  json_string_value(json_object_get(b, "name")),
                  url ? "" : ", embedded in the assertion");
    return b;
}

/*
 * The issuer Profile, always read from its id: only the hosted Profile says which keys, origins
 * and revocation list are the issuer's (an embedded copy is not trusted for those).
 */
static const json_t *check_issuer(struct ob2 *v, const json_t *badge)
{
    const char *iss = id_of(json_object_get(badge, "issuer"));
    if (!v->r->issuer)
        v->r->issuer = mc_xstrdup(iss);
    if (!is_http_url(iss)) {
        mc_report_add(v->r, "issuer", MC_CHECK_FAIL,
                      "the issuer %.200s is not an http(s) URL: its Profile must be published at "
                      "its id for the assertion to be verified",
                      iss);
        return NULL;
    }
    const json_t *p = get_doc(v, iss, "issuer Profile", "issuer");
    if (!p || !check_doc_id(v, p, iss, "issuer Profile", "issuer"))
        return NULL;
    const char *why = NULL;
    if (!has_type(p, "Issuer") && !has_type(p, "Profile"))
        why = "its type must be Issuer or Profile";
    else if (!json_is_string(json_object_get(p, "name")))
        why = "it has no name";
    else if (!json_is_string(json_object_get(p, "url")))
        why = "it has no url";
    if (why) {
        mc_report_add(v->r, "issuer", MC_CHECK_FAIL, "the issuer Profile %.200s is not valid: %s",
                      iss, why);
        return NULL;
    }
    if (!json_is_string(json_object_get(p, "email")))
        mc_report_add(v->r, "issuer", MC_CHECK_WARN,
                      "the issuer Profile %.200s (\"%.120s\") has no email, which OB 2.0 asks "
                      "of issuers",
                      iss, json_string_value(json_object_get(p, "name")));
    else
        mc_report_add(v->r, "issuer", MC_CHECK_PASS, "issued by %.200s (\"%.120s\")", iss,
                      json_string_value(json_object_get(p, "name")));
    return p;
}

/*
 * OB 2.0 "HostedBadge Verification": the assertion's id must be within the scope the issuer
 * Profile's VerificationObject declares (startsWith, allowedOrigins), by default the origin of
 * the issuer's id.
 */
static void check_origin(struct ob2 *v, const char *id, const char *iss, const json_t *profile)
{
    struct origin ao, io;
    if (!parse_origin(id, &ao)) {
        mc_report_add(v->r, "origin", MC_CHECK_FAIL,
                      "the assertion id %.200s is not an http(s) URL with a host", id);
        return;
    }
    const json_t *pv = verification_of(profile);
    const json_t *prop = json_object_get(pv, "verificationProperty");
    if (prop && !str_is(prop, "id") && !str_is(prop, "@id")) {
        mc_report_add(v->r, "origin", MC_CHECK_FAIL,
                      "the issuer's verificationProperty is not id, the only one OB 2.0 defines");
        return;
    }
    const json_t *starts = json_object_get(pv, "startsWith");
    const json_t *allowed = json_object_get(pv, "allowedOrigins");
    if (starts) {
        bool ok = false;
        if (json_is_string(starts))
            ok = strncmp(id, json_string_value(starts), json_string_length(starts)) == 0;
        size_t i;
        const json_t *x;
        json_array_foreach (starts, i, x)
            if (json_is_string(x) && strncmp(id, json_string_value(x), json_string_length(x)) == 0)
                ok = true;
        if (!ok) {
            mc_report_add(v->r, "origin", MC_CHECK_FAIL,
                          "the assertion id %.200s does not start with what the issuer allows "
                          "(startsWith)",
                          id);
            return;
        }
    }
    if (allowed) {
        char hostport[270];
        snprintf(hostport, sizeof hostport, "%s:%u", ao.host, ao.port);
        bool ok = false;
        const json_t *one = allowed;
        size_t i = 0;
        if (json_is_array(allowed))
            one = json_array_get(allowed, 0);
        while (one) {
            const char *h = json_string_value(one);
            if (h && (strcasecmp(h, ao.host) == 0 || strcasecmp(h, hostport) == 0))
                ok = true;
            one = json_is_array(allowed) ? json_array_get(allowed, ++i) : NULL;
        }
        if (!ok) {
            mc_report_add(v->r, "origin", MC_CHECK_FAIL,
                          "the assertion id %.200s is on %s, which is not one of the issuer's "
                          "allowedOrigins",
                          id, ao.host);
            return;
        }
    }
    if (starts || allowed) {
        mc_report_add(v->r, "origin", MC_CHECK_PASS,
                      "the assertion id is within the issuer's verification policy (%s%s%s)",
                      starts ? "startsWith" : "", starts && allowed ? ", " : "",
                      allowed ? "allowedOrigins" : "");
        return;
    }
    if (!parse_origin(iss, &io) || !same_origin(&ao, &io)) {
        mc_report_add(v->r, "origin", MC_CHECK_FAIL,
                      "the assertion id %.200s is not on the origin of its issuer %.200s, and the "
                      "issuer's Profile allows no other (verification.allowedOrigins)",
                      id, iss);
        return;
    }
    mc_report_add(v->r, "origin", MC_CHECK_PASS,
                  "the assertion is hosted on its issuer's origin %s://%s", ao.scheme, ao.host);
}

/* An RSA public key in PEM (SubjectPublicKeyInfo or PKCS #1) as a public JWK (new). */
static enum mc_rc pem_to_jwk(const char *pem, json_t **jwk, struct mc_err *e)
{
    size_t n = strlen(pem);
    if (n > MAX_PEM)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "publicKeyPem is larger than %u bytes", MAX_PEM);
    EVP_PKEY *pkey = NULL;
    OSSL_DECODER_CTX *dctx = OSSL_DECODER_CTX_new_for_pkey(&pkey, "PEM", NULL, "RSA",
                                                           EVP_PKEY_PUBLIC_KEY, NULL, NULL);
    const unsigned char *p = (const unsigned char *)pem;
    size_t left = n;
    bool ok = dctx && OSSL_DECODER_from_data(dctx, &p, &left) && pkey;
    OSSL_DECODER_CTX_free(dctx);
    ERR_clear_error();
    if (!ok) {
        EVP_PKEY_free(pkey);
        return mc_err_set(e, MC_ERR_INVALID, "publicKeyPem is not an RSA public key in PEM");
    }
    enum mc_rc rc = mc_jwk_from_pkey(pkey, false, jwk, e);
    EVP_PKEY_free(pkey);
    return rc;
}

enum key_result {
    KEY_BAD,      /* the key is not usable: a failed "key" check says why */
    KEY_NO_MATCH, /* the key is the issuer's, but the signature does not verify with it */
    KEY_OK,       /* the key is the issuer's and the signature verifies */
};

/*
 * One candidate key: its CryptographicKey document must be at its URL, owned by the issuer, and
 * hold an RSA publicKeyPem; then the JWS is checked with it. Adds the "key" check (and "proof"
 * when it verifies).
 */
static enum key_result try_key(struct ob2 *v, const char *key_url, const char *iss)
{
    const json_t *k = get_doc(v, key_url, "CryptographicKey", "key");
    if (!k || !check_doc_id(v, k, key_url, "CryptographicKey", "key"))
        return KEY_BAD;
    const char *owner = id_of(json_object_get(k, "owner"));
    const char *pem = json_string_value(json_object_get(k, "publicKeyPem"));
    if (!has_type(k, "CryptographicKey") && json_object_get(k, "type")) {
        mc_report_add(v->r, "key", MC_CHECK_FAIL, "the key %.200s is a %s, not a CryptographicKey",
                      key_url, type_name(k));
        return KEY_BAD;
    }
    if (!owner || strcmp(owner, iss) != 0) {
        mc_report_add(v->r, "key", MC_CHECK_FAIL,
                      "the key %.200s belongs to %.200s, not to the issuer %.200s", key_url,
                      owner ? owner : "nobody (it has no owner)", iss);
        return KEY_BAD;
    }
    if (!pem) {
        mc_report_add(v->r, "key", MC_CHECK_FAIL, "the key %.200s has no publicKeyPem", key_url);
        return KEY_BAD;
    }
    json_t *jwk = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    if (pem_to_jwk(pem, &jwk, &e)) {
        mc_report_add(v->r, "key", MC_CHECK_FAIL, "the key %.200s: %s", key_url, e.msg);
        return KEY_BAD;
    }
    mc_err_clear(&e);
    enum mc_rc rc = mc_jws_verify(v->jws, jwk, &e);
    json_decref(jwk);
    if (rc && rc != MC_ERR_CRYPTO) {
        /* The key does not fit RS256 (too short, for one). */
        mc_report_add(v->r, "key", MC_CHECK_FAIL, "the key %.200s: %s", key_url, e.msg);
        return KEY_BAD;
    }
    mc_report_add(v->r, "key", MC_CHECK_PASS,
                  "the key %.200s is the issuer's: listed in its Profile, and owned by it",
                  key_url);
    if (rc)
        return KEY_NO_MATCH;
    mc_report_add(v->r, "proof", MC_CHECK_PASS, "the RS256 signature by %.200s verifies", key_url);
    return KEY_OK;
}

static void report_append(struct mc_report *to, const struct mc_report *from)
{
    for (size_t i = 0; i < from->count; i++)
        mc_report_add(to, from->checks[i].name, from->checks[i].status, "%s",
                      from->checks[i].message);
}

/*
 * OB 2.0 "SignedBadge Verification" steps 4 to 6: the trusted keys are those the hosted issuer
 * Profile lists under publicKey; verification.creator, when given, picks one of them. With
 * several candidates, the checks of the one that verifies are reported, else those of the first.
 */
static void check_signature(struct ob2 *v, const json_t *a, const char *iss, const json_t *profile)
{
    const json_t *listed = json_object_get(profile, "publicKey");
    const json_t *creator = json_object_get(verification_of(a), "creator");
    const char *cid = id_of(creator);
    if (creator && !cid) {
        mc_report_add(v->r, "key", MC_CHECK_FAIL,
                      "/verification/creator must be the URL of a CryptographicKey");
        return;
    }
    const char *cand[MAX_KEYS];
    size_t nc = 0;
    bool in_profile = false;
    if (id_of(listed)) {
        cand[nc++] = id_of(listed);
        in_profile = cid && strcmp(cid, id_of(listed)) == 0;
    } else {
        size_t i;
        const json_t *x;
        json_array_foreach (listed, i, x) {
            if (id_of(x) && nc < MAX_KEYS)
                cand[nc++] = id_of(x);
            in_profile = in_profile || (cid && id_of(x) && strcmp(id_of(x), cid) == 0);
        }
    }
    if (cid && !in_profile) {
        mc_report_add(v->r, "key", MC_CHECK_FAIL,
                      "the signing key %.200s is not listed in the issuer Profile's publicKey, so "
                      "it is not trusted to be the issuer's",
                      cid);
        return;
    }
    if (cid) {
        cand[0] = cid;
        nc = 1;
    } else if (nc == 0) {
        mc_report_add(v->r, "key", MC_CHECK_FAIL,
                      "the issuer Profile lists no publicKey and the assertion names no "
                      "verification.creator: there is no key to check the signature with");
        return;
    }
    struct mc_report first, *outer = v->r;
    enum key_result first_result = KEY_BAD;
    mc_report_init(&first);
    for (size_t i = 0; i < nc; i++) {
        struct mc_report tmp;
        mc_report_init(&tmp);
        v->r = &tmp;
        enum key_result kr = try_key(v, cand[i], iss);
        v->r = outer;
        if (kr == KEY_OK) {
            report_append(outer, &tmp);
            mc_report_free(&tmp);
            mc_report_free(&first);
            return;
        }
        if (i == 0) {
            first = tmp;
            first_result = kr;
        } else {
            mc_report_free(&tmp);
        }
    }
    report_append(outer, &first);
    mc_report_free(&first);
    if (first_result == KEY_NO_MATCH)
        mc_report_add(outer, "proof", MC_CHECK_FAIL,
                      "the RS256 signature does not verify with %s%.200s: the assertion was "
                      "changed after it was signed, or signed with another key",
                      nc == 1 ? "the key " : "any key of the issuer, such as ", cand[0]);
    else
        mc_report_add(outer, "proof", MC_CHECK_FAIL,
                      "the signature could not be checked: no usable key of the issuer");
}

/* OB 2.0 "IdentityObject" and, when the caller names the recipient, that it is them. */
static void check_recipient(struct ob2 *v, const json_t *a)
{
    const json_t *rec = json_object_get(a, "recipient");
    const char *type = json_string_value(json_object_get(rec, "type"));
    const char *identity = json_string_value(json_object_get(rec, "identity"));
    const json_t *hashed = json_object_get(rec, "hashed");
    const json_t *salt = json_object_get(rec, "salt");
    const char *want = v->o->expected_recipient;
    if (!type || (strcmp(type, "email") != 0 && strcmp(type, "url") != 0 &&
                  strcmp(type, "telephone") != 0)) {
        mc_report_add(v->r, "recipient", MC_CHECK_FAIL,
                      "/recipient/type must be email, url or telephone (it is %.60s)",
                      type ? type : "missing");
        return;
    }
    if (!identity) {
        mc_report_add(v->r, "recipient", MC_CHECK_FAIL, "/recipient/identity is missing");
        return;
    }
    if (!json_is_boolean(hashed)) {
        mc_report_add(v->r, "recipient", MC_CHECK_FAIL, "/recipient/hashed must be true or false");
        return;
    }
    if (salt && !json_is_string(salt)) {
        mc_report_add(v->r, "recipient", MC_CHECK_FAIL, "/recipient/salt must be a string");
        return;
    }
    struct mc_err e;
    mc_err_clear(&e);
    if (json_is_true(hashed)) {
        const char *s = json_string_value(salt);
        /* The form first, with a name no one has: only MC_ERR_INVALID means a bad hash. */
        if (mc_ob2_identity_check(identity, "", s, &e) == MC_ERR_INVALID) {
            mc_report_add(v->r, "recipient", MC_CHECK_FAIL, "/recipient/identity: %s", e.msg);
            return;
        }
        const char *alg = starts_with_nocase(identity, "md5$") ? "md5" : "sha256";
        if (!want) {
            mc_report_add(v->r, "recipient", MC_CHECK_PASS,
                          "awarded to a%s %s hash of %s %s; no recipient was given to compare it "
                          "with",
                          s ? " salted" : "n unsalted", alg,
                          strcmp(type, "email") == 0 ? "an" : "a",
                          strcmp(type, "email") == 0 ? "email address" : type);
            return;
        }
        mc_err_clear(&e);
        enum mc_rc rc = mc_ob2_identity_check(identity, want, s, &e);
        if (rc == MC_ERR_CRYPTO && strcmp(type, "email") == 0) {
            /* Email addresses are often hashed in lower case. */
            char *lower = mc_xstrdup(want);
            for (char *c = lower; *c; c++)
                if (*c >= 'A' && *c <= 'Z')
                    *c = (char)(*c + 32);
            rc = mc_ob2_identity_check(identity, lower, s, &e);
            free(lower);
        }
        if (rc == MC_OK)
            mc_report_add(v->r, "recipient", MC_CHECK_PASS,
                          "awarded to %.200s (the %s hash of the %s matches)", want, alg, type);
        else if (rc == MC_ERR_CRYPTO)
            mc_report_add(v->r, "recipient", MC_CHECK_FAIL,
                          "not awarded to %.200s: the %s hash of that %s%s does not match "
                          "/recipient/identity",
                          want, alg, type, s ? " with the salt" : "");
        else
            mc_report_add(v->r, "recipient", MC_CHECK_FAIL, "%s", e.msg);
        return;
    }
    if (!want) {
        mc_report_add(v->r, "recipient", MC_CHECK_PASS, "awarded to the %s %.200s", type, identity);
        return;
    }
    bool same = strcmp(type, "email") == 0 ? strcasecmp(want, identity) == 0
                                           : strcmp(want, identity) == 0;
    if (same)
        mc_report_add(v->r, "recipient", MC_CHECK_PASS, "awarded to %.200s", want);
    else
        mc_report_add(v->r, "recipient", MC_CHECK_FAIL,
                      "not awarded to %.200s: it was awarded to the %s %.200s", want, type,
                      identity);
}

/* issuedOn and expires (OB 2.0 "Assertion", DateTime). */
static void check_validity(struct ob2 *v, const json_t *a)
{
    const char *issued = json_string_value(json_object_get(a, "issuedOn"));
    const json_t *exp = json_object_get(a, "expires");
    int64_t it, et = 0;
    if (!parse_datetime(issued, &it)) {
        mc_report_add(v->r, "validity", MC_CHECK_FAIL,
                      "/issuedOn is not an ISO 8601 date-time with a time zone: %.60s", issued);
        return;
    }
    if (exp && (!json_is_string(exp) || !parse_datetime(json_string_value(exp), &et))) {
        mc_report_add(v->r, "validity", MC_CHECK_FAIL,
                      "/expires is not an ISO 8601 date-time with a time zone");
        return;
    }
    char now_s[MC_TIME_RFC3339_SIZE];
    mc_time_format_rfc3339(v->o->now, now_s);
    if (exp && v->o->now > et)
        mc_report_add(v->r, "validity", MC_CHECK_FAIL, "expired on %.60s (now %s)",
                      json_string_value(exp), now_s);
    else if (exp && et < it)
        mc_report_add(v->r, "validity", MC_CHECK_FAIL,
                      "expires (%.60s) before it was issued (%.60s)", json_string_value(exp),
                      issued);
    else if (it > v->o->now)
        mc_report_add(v->r, "validity", MC_CHECK_WARN, "issued in the future: %.60s (now %s)",
                      issued, now_s);
    else
        mc_report_add(v->r, "validity", MC_CHECK_PASS, "issued on %.60s, %s%.60s (now %s)", issued,
                      exp ? "expires " : "", exp ? json_string_value(exp) : "does not expire",
                      now_s);
}

/* OB 2.0 "Revoking a Signed Badge": the issuer's RevocationList must not name the assertion. */
static void check_revocation_list(struct ob2 *v, const json_t *a, const char *iss,
                                  const json_t *profile)
{
    const json_t *rl = json_object_get(profile, "revocationList");
    if (!rl) {
        mc_report_add(v->r, "revocation", MC_CHECK_SKIP, "the issuer publishes no revocation list");
        return;
    }
    const char *url = id_of(rl);
    const json_t *list = get_doc(v, url, "revocation list", "revocation");
    if (!list || !check_doc_id(v, list, url, "revocation list", "revocation"))
        return;
    const char *liss = id_of(json_object_get(list, "issuer"));
    const json_t *revoked = json_object_get(list, "revokedAssertions");
    if (!has_type(list, "RevocationList")) {
        mc_report_add(v->r, "revocation", MC_CHECK_FAIL,
                      "the revocation list %.200s is a %s, not a RevocationList", url,
                      type_name(list));
        return;
    }
    if (liss && strcmp(liss, iss) != 0) {
        mc_report_add(v->r, "revocation", MC_CHECK_FAIL,
                      "the revocation list %.200s belongs to %.200s, not to the issuer", url, liss);
        return;
    }
    if (revoked && !json_is_array(revoked) && !json_is_string(revoked) &&
        !json_is_object(revoked)) {
        mc_report_add(v->r, "revocation", MC_CHECK_FAIL,
                      "the revocation list %.200s: revokedAssertions must be a list", url);
        return;
    }
    const char *id = json_string_value(json_object_get(a, "id"));
    const char *uid = json_string_value(json_object_get(a, "uid"));
    size_t n = json_is_array(revoked) ? json_array_size(revoked) : revoked ? 1 : 0;
    if (n > MAX_LIST)
        n = MAX_LIST;
    for (size_t i = 0; i < n; i++) {
        const json_t *x = json_is_array(revoked) ? json_array_get(revoked, i) : revoked;
        const char *xid = id_of(x);
        const char *xuid = json_string_value(json_object_get(x, "uid"));
        bool hit = (xid && id && strcmp(xid, id) == 0) || (xuid && uid && strcmp(xuid, uid) == 0);
        if (!hit || json_is_false(json_object_get(x, "revoked")))
            continue;
        const char *reason = json_string_value(json_object_get(x, "revocationReason"));
        mc_report_add(v->r, "revocation", MC_CHECK_FAIL,
                      "revoked by the issuer (listed in %.200s): %.200s", url,
                      reason ? reason : "no reason given");
        return;
    }
    mc_report_add(v->r, "revocation", MC_CHECK_PASS, "not revoked (not in %.200s)", url);
}

/* Everything after the form: the data, the issuer's policy or key, the recipient, the dates and
 * the revocation, for the authoritative assertion `a` (the served copy, or the JWS payload). */
static void verify_body(struct ob2 *v, const json_t *a)
{
    if (!check_types(v, a))
        return;
    const char *id = json_string_value(json_object_get(a, "id"));
    if (!v->r->id)
        v->r->id = mc_xstrdup(id);
    const json_t *badge = check_badge(v, a);
    if (!badge)
        return;
    const json_t *profile = check_issuer(v, badge);
    if (!profile)
        return;
    const char *iss = json_string_value(json_object_get(profile, "id"));
    if (v->mode == HOSTED)
        check_origin(v, id, iss, profile);
    else
        check_signature(v, a, iss, profile);
    check_recipient(v, a);
    check_validity(v, a);
    if (v->mode == HOSTED)
        mc_report_add(v->r, "revocation", MC_CHECK_PASS,
                      "not revoked: the hosted copy does not say revoked");
    else
        check_revocation_list(v, a, iss, profile);
}

/* The verification type: "hosted", "signed", or NULL for anything else (*name says what). */
static const char *verification_type(const json_t *a, const char **name)
{
    const json_t *t = json_object_get(verification_of(a), "type");
    *name = json_is_array(t) ? "a list of types" : json_is_string(t) ? json_string_value(t) : NULL;
    if (has_value(t, "hosted") || has_value(t, "HostedBadge"))
        return "hosted";
    if (has_value(t, "signed") || has_value(t, "SignedBadge"))
        return "signed";
    return NULL;
}

/*
 * OB 2.0 "HostedBadge Verification": the served copy at the assertion's URL is the truth; the
 * input (if any) only names that URL.
 */
static void verify_hosted(struct ob2 *v, const json_t *given, const char *url)
{
    v->mode = HOSTED;
    set_format(v->r, "ob2-hosted");
    if (url && !v->r->id)
        v->r->id = mc_xstrdup(url);
    if (!is_http_url(url)) {
        mc_report_add(v->r, "hosted", MC_CHECK_FAIL,
                      "a hosted assertion's id must be the http(s) URL it is hosted at, not "
                      "%.200s",
                      url ? url : "missing");
        return;
    }
    const json_t *h = get_doc(v, url, "hosted assertion", "hosted");
    if (!h || !check_doc_id(v, h, url, "hosted assertion", "hosted"))
        return;
    if (json_is_true(json_object_get(h, "revoked"))) {
        const char *reason = json_string_value(json_object_get(h, "revocationReason"));
        mc_report_add(v->r, "hosted", MC_CHECK_PASS, "the assertion is hosted at %.200s", url);
        mc_report_add(v->r, "revocation", MC_CHECK_FAIL, "revoked by the issuer: %.200s",
                      reason ? reason : "no reason given");
        return;
    }
    if (!given)
        mc_report_add(v->r, "hosted", MC_CHECK_PASS, "the assertion is hosted at %.200s", url);
    else if (json_equal(given, h))
        mc_report_add(v->r, "hosted", MC_CHECK_PASS,
                      "the assertion is hosted at %.200s, and the copy given is the same", url);
    else
        mc_report_add(v->r, "hosted", MC_CHECK_WARN,
                      "the copy given differs from the one hosted at %.200s; the hosted copy is "
                      "the one verified",
                      url);
    /* The given copy's context was checked; the served one is reported only when it differs. */
    if ((!given || version_of(h) != OB_V2) && !check_context(v, h))
        return;
    const char *name = NULL;
    const char *vt = verification_type(h, &name);
    if (!vt || strcmp(vt, "hosted") != 0) {
        mc_report_add(v->r, "hosted", MC_CHECK_FAIL,
                      "the copy hosted at %.200s declares %.60s verification, not hosted", url,
                      name ? name : "no");
        return;
    }
    verify_body(v, h);
}

/* OB 2.0 "SignedBadge Verification": the JWS payload is the assertion. */
static void verify_signed(struct ob2 *v, const char *text, size_t len)
{
    v->mode = SIGNED;
    set_format(v->r, "ob2-signed");
    struct mc_jws jws;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_jws_parse(text, len, &jws, &e)) {
        mc_report_add(v->r, "jws", MC_CHECK_FAIL, "%s", e.msg);
        return;
    }
    v->jws = &jws;
    if (strcmp(jws.alg, "RS256") != 0) {
        mc_report_add(v->r, "jws", MC_CHECK_FAIL,
                      "the JWS is signed with %s; Open Badges 2.0 signed assertions use RS256",
                      jws.alg);
        goto out;
    }
    mc_report_add(v->r, "jws", MC_CHECK_PASS, "a compact JWS signed with RS256");
    if (!check_context(v, jws.payload))
        goto out;
    const char *name = NULL;
    const char *vt = verification_type(jws.payload, &name);
    if (!vt || strcmp(vt, "signed") != 0) {
        mc_report_add(v->r, "types", MC_CHECK_FAIL,
                      "the signed assertion declares %.60s verification, not signed",
                      name ? name : "no");
        goto out;
    }
    verify_body(v, jws.payload);
out:
    v->jws = NULL;
    mc_jws_free(&jws);
}

static void verify_json(struct ob2 *v, const json_t *a)
{
    if (!v->r->format)
        set_format(v->r, "ob2");
    if (!json_is_object(a)) {
        mc_report_add(v->r, "types", MC_CHECK_FAIL, "an assertion must be a JSON object");
        return;
    }
    if (!check_context(v, a))
        return;
    if (!has_type(a, "Assertion")) {
        mc_report_add(v->r, "types", MC_CHECK_FAIL,
                      "/type must be Assertion, not %s: only assertions are verified",
                      type_name(a));
        return;
    }
    const char *name = NULL;
    const char *vt = verification_type(a, &name);
    if (vt && strcmp(vt, "hosted") == 0) {
        verify_hosted(v, a, json_string_value(json_object_get(a, "id")));
    } else if (vt) {
        set_format(v->r, "ob2-signed");
        mc_report_add(v->r, "jws", MC_CHECK_FAIL,
                      "a signed assertion is verified from its JWS, which carries the signature; "
                      "this is its bare JSON");
    } else {
        mc_report_add(v->r, "types", MC_CHECK_FAIL,
                      "/verification/type must be hosted (HostedBadge) or signed (SignedBadge), "
                      "not %.60s",
                      name ? name : "missing");
    }
}

void mc_ob2_verify_assertion(const json_t *assertion, const struct mc_verify_options *o,
                             struct mc_report *r)
{
    struct ob2 v = { .o = o, .r = r };
    verify_json(&v, assertion);
    ob2_free(&v);
}

void mc_ob2_verify(const char *text, size_t len, const struct mc_verify_options *o,
                   struct mc_report *r)
{
    struct ob2 v = { .o = o, .r = r };
    trim(&text, &len);
    if (looks_like_url(text, len)) {
        char *url = mc_xstrndup(text, len);
        verify_hosted(&v, NULL, url);
        free(url);
    } else if (looks_like_jws(text, len)) {
        verify_signed(&v, text, len);
    } else {
        json_t *a = NULL;
        struct mc_err e;
        struct mc_json_limits lim = { MAX_JSON_BYTES, 256 };
        if (mc_json_parse(text, len, JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL, &lim, &a, &e)) {
            set_format(r, "ob2");
            mc_report_add(r, "json", MC_CHECK_FAIL, "%s", e.msg);
        } else {
            mc_report_add(r, "json", MC_CHECK_PASS, "well-formed JSON");
            verify_json(&v, a);
            json_decref(a);
        }
    }
    ob2_free(&v);
}
