/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Open Badges 2.0 verification: hosted assertions (served copy, revocation, the issuer's origins),
 * signed ones (RS256 JWS, the CryptographicKey and its owner, the RevocationList), the badge
 * objects, recipients, dates, missing documents, the routing from mc_verify_text, and inputs cut
 * or changed anywhere giving a report and never a crash. Fixtures: tests/fixtures/ob2/.
 */
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/jwk.h"
#include "mcred/buf.h"
#include "test.h"
#include "vc/jws.h"
#include "vc/ob2.h"
#include "vc/verify.h"

#define FX  "tests/fixtures/ob2/"
#define NOW 1735689600 /* 2025-01-01T00:00:00Z */
#define ISS "https://issuer.example/ob2/"

static char *slurp(const char *name, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/" FX "%s", mc_test_source_dir(), name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
        exit(1);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

static json_t *load(const char *name)
{
    char *t = slurp(name, NULL);
    json_t *j = json_loads(t, 0, NULL);
    free(t);
    if (!j) {
        fprintf(stderr, "%s is not JSON\n", name);
        exit(1);
    }
    return j;
}

/* ---- a document source: URL -> JSON, counting what is asked ---- */

#define MAX_DOCS 16

struct docs {
    const char *url[MAX_DOCS];
    json_t *doc[MAX_DOCS];
    size_t n;
    size_t asked;
};

static const json_t *docs_get(void *self, const char *url, const char **why)
{
    struct docs *d = self;
    d->asked++;
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->url[i], url) == 0)
            return d->doc[i];
    *why = "not found";
    return NULL;
}

/* Add or replace the document at `url` (takes the reference); NULL removes it. */
static void docs_put(struct docs *d, const char *url, json_t *doc)
{
    for (size_t i = 0; i < d->n; i++) {
        if (strcmp(d->url[i], url) == 0) {
            json_decref(d->doc[i]);
            if (doc) {
                d->doc[i] = doc;
            } else {
                d->url[i] = d->url[d->n - 1];
                d->doc[i] = d->doc[--d->n];
            }
            return;
        }
    }
    if (doc && d->n < MAX_DOCS) {
        d->url[d->n] = url;
        d->doc[d->n++] = doc;
    }
}

/* What the issuer publishes. */
static void docs_base(struct docs *d)
{
    memset(d, 0, sizeof *d);
    docs_put(d, ISS "issuer.json", load("issuer.json"));
    docs_put(d, ISS "badge.json", load("badge.json"));
    docs_put(d, ISS "key.json", load("key.json"));
    docs_put(d, ISS "revocations.json", load("revocations.json"));
    docs_put(d, ISS "assertions/1.json", load("hosted.json"));
    docs_put(d, ISS "assertions/2.json", load("hosted-revoked-served.json"));
    docs_put(d, "https://other.example/ob2/assertions/3.json", load("hosted-other-origin.json"));
    docs_put(d, ISS "assertions/4.json", load("hosted-expired.json"));
}

static void docs_free(struct docs *d)
{
    for (size_t i = 0; i < d->n; i++)
        json_decref(d->doc[i]);
    d->n = 0;
}

/* ---- report helpers ---- */

static const struct mc_check *find(const struct mc_report *r, const char *name)
{
    const struct mc_check *last = NULL;
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->checks[i].name, name) == 0)
            last = &r->checks[i];
    return last;
}

static void dump(const struct mc_report *r)
{
    for (size_t i = 0; i < r->count; i++)
        fprintf(stderr, "    %s %s: %s\n", mc_check_status_name(r->checks[i].status),
                r->checks[i].name, r->checks[i].message);
}

/* ---- the cases ---- */

struct swap {
    const char *url;
    const char *file; /* NULL: the document is not there */
};

struct vcase {
    const char *name;
    const char *input; /* a fixture file, or "=text" for the text itself */
    struct swap swaps[3];
    const char *recipient;
    bool valid;
    const char *format;
    const char *check; /* this check has `status` and its message contains `msg` */
    enum mc_check_status status;
    const char *msg;
};

static const struct vcase cases[] = {
    { "valid hosted",
      "hosted.json",
      { { 0 } },
      NULL,
      true,
      "ob2-hosted",
      "origin",
      MC_CHECK_PASS,
      "hosted on its issuer's origin https://issuer.example" },
    { "hosted, given as its URL",
      "=  " ISS "assertions/1.json\n",
      { { 0 } },
      NULL,
      true,
      "ob2-hosted",
      "hosted",
      MC_CHECK_PASS,
      "hosted at " ISS "assertions/1.json" },
    { "hosted and revoked",
      "hosted-revoked-given.json",
      { { 0 } },
      NULL,
      false,
      "ob2-hosted",
      "revocation",
      MC_CHECK_FAIL,
      "revoked by the issuer: Academic misconduct" },
    { "hosted outside the issuer's origin",
      "hosted-other-origin.json",
      { { 0 } },
      NULL,
      false,
      "ob2-hosted",
      "origin",
      MC_CHECK_FAIL,
      "https://other.example/ob2/assertions/3.json is not on the origin of its issuer" },
    { "hosted within allowedOrigins and startsWith",
      "hosted-allowed-origin.json",
      { { ISS "issuer.json", "issuer-allowed-origins.json" },
        { "https://badges.issuer.example/ob2/assertions/5.json", "hosted-allowed-origin.json" } },
      NULL,
      true,
      "ob2-hosted",
      "origin",
      MC_CHECK_PASS,
      "(startsWith, allowedOrigins)" },
    { "hosted on the issuer's origin, which its policy does not allow",
      "hosted.json",
      { { ISS "issuer.json", "issuer-allowed-origins.json" } },
      NULL,
      false,
      "ob2-hosted",
      "origin",
      MC_CHECK_FAIL,
      "does not start with" },
    { "hosted copy missing",
      "hosted.json",
      { { ISS "assertions/1.json", NULL } },
      NULL,
      false,
      "ob2-hosted",
      "hosted",
      MC_CHECK_FAIL,
      "the hosted assertion " ISS "assertions/1.json could not be read (not found)" },
    { "hosted copy at another URL",
      "hosted.json",
      { { ISS "assertions/1.json", "hosted-expired.json" } },
      NULL,
      false,
      "ob2-hosted",
      "hosted",
      MC_CHECK_FAIL,
      "has the id " ISS "assertions/4.json, not its own URL" },
    { "BadgeClass missing",
      "hosted.json",
      { { ISS "badge.json", NULL } },
      NULL,
      false,
      "ob2-hosted",
      "badge",
      MC_CHECK_FAIL,
      "the BadgeClass " ISS "badge.json could not be read" },
    { "issuer Profile missing",
      "hosted.json",
      { { ISS "issuer.json", NULL } },
      NULL,
      false,
      "ob2-hosted",
      "issuer",
      MC_CHECK_FAIL,
      "the issuer Profile " ISS "issuer.json could not be read (not found)" },
    { "a BadgeClass where the issuer Profile should be",
      "hosted.json",
      { { ISS "issuer.json", "badge.json" } },
      NULL,
      false,
      "ob2-hosted",
      "issuer",
      MC_CHECK_FAIL,
      "has the id " ISS "badge.json" },
    { "expired",
      "hosted-expired.json",
      { { 0 } },
      NULL,
      false,
      "ob2-hosted",
      "validity",
      MC_CHECK_FAIL,
      "expired on 2024-09-01T00:00:00Z (now 2025-01-01T00:00:00Z)" },
    { "the expected recipient",
      "hosted.json",
      { { 0 } },
      "learner@example.org",
      true,
      "ob2-hosted",
      "recipient",
      MC_CHECK_PASS,
      "awarded to learner@example.org" },
    { "the expected recipient in other case",
      "hosted.json",
      { { 0 } },
      "Learner@Example.ORG",
      true,
      "ob2-hosted",
      "recipient",
      MC_CHECK_PASS,
      "(the sha256 hash of the email matches)" },
    { "a wrong hashed recipient",
      "hosted.json",
      { { 0 } },
      "someone@example.org",
      false,
      "ob2-hosted",
      "recipient",
      MC_CHECK_FAIL,
      "not awarded to someone@example.org: the sha256 hash of that email with the salt" },
    { "valid signed",
      "signed.jws",
      { { 0 } },
      NULL,
      true,
      "ob2-signed",
      "proof",
      MC_CHECK_PASS,
      "the RS256 signature by " ISS "key.json verifies" },
    { "signed, the key found through the Profile",
      "signed-nocreator.jws",
      { { 0 } },
      NULL,
      true,
      "ob2-signed",
      "key",
      MC_CHECK_PASS,
      "is the issuer's" },
    { "signed, right recipient",
      "signed.jws",
      { { 0 } },
      "learner@example.org",
      true,
      "ob2-signed",
      "recipient",
      MC_CHECK_PASS,
      "awarded to learner@example.org" },
    { "signed with a tampered payload",
      "signed-tampered.jws",
      { { 0 } },
      NULL,
      false,
      "ob2-signed",
      "proof",
      MC_CHECK_FAIL,
      "does not verify with the key " ISS "key.json" },
    { "signed, the key's owner is not the issuer",
      "signed.jws",
      { { ISS "key.json", "key-other-owner.json" } },
      NULL,
      false,
      "ob2-signed",
      "key",
      MC_CHECK_FAIL,
      "belongs to https://other.example/ob2/issuer.json, not to the issuer" },
    { "signed, the key is not in the Profile",
      "signed.jws",
      { { ISS "issuer.json", "issuer-allowed-origins.json" } },
      NULL,
      false,
      "ob2-signed",
      "key",
      MC_CHECK_FAIL,
      "is not listed in the issuer Profile's publicKey" },
    { "signed and revoked",
      "signed-revoked.jws",
      { { 0 } },
      NULL,
      false,
      "ob2-signed",
      "revocation",
      MC_CHECK_FAIL,
      "revoked by the issuer (listed in " ISS "revocations.json): "
      "Awarded in error" },
    { "signed, the key document missing",
      "signed.jws",
      { { ISS "key.json", NULL } },
      NULL,
      false,
      "ob2-signed",
      "key",
      MC_CHECK_FAIL,
      "the CryptographicKey " ISS "key.json could not be read" },
    { "signed, the revocation list missing",
      "signed.jws",
      { { ISS "revocations.json", NULL } },
      NULL,
      false,
      "ob2-signed",
      "revocation",
      MC_CHECK_FAIL,
      "the revocation list " ISS "revocations.json could not be read (not found)" },
    { "signed, a Profile where the revocation list should be",
      "signed.jws",
      { { ISS "revocations.json", "issuer.json" } },
      NULL,
      false,
      "ob2-signed",
      "revocation",
      MC_CHECK_FAIL,
      "has the id " ISS "issuer.json" },
    { "a signed assertion without its JWS",
      "signed-assertion.json",
      { { 0 } },
      NULL,
      false,
      "ob2-signed",
      "jws",
      MC_CHECK_FAIL,
      "this is its bare JSON" },
    { "Open Badges 1.1",
      "={\"@context\": \"https://w3id.org/openbadges/v1\", \"type\": "
      "\"Assertion\", \"id\": \"https://issuer.example/a/1\"}",
      { { 0 } },
      NULL,
      false,
      "ob2",
      "context",
      MC_CHECK_FAIL,
      "only Open Badges 2.0" },
    { "Open Badges 1.0",
      "={\"uid\": \"abc\", \"recipient\": \"sha256$00\", \"badge\": "
      "\"https://issuer.example/badge\", \"verify\": {\"type\": \"hosted\"}}",
      { { 0 } },
      NULL,
      false,
      "ob2",
      "context",
      MC_CHECK_FAIL,
      "an Open Badges 1.0 assertion" },
    { "a BadgeClass is not an assertion",
      "={\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"BadgeClass\", "
      "\"id\": \"https://issuer.example/b\"}",
      { { 0 } },
      NULL,
      false,
      "ob2",
      "types",
      MC_CHECK_FAIL,
      "/type must be Assertion, not BadgeClass: only assertions are verified" },
    { "no verification type",
      "={\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": "
      "\"Assertion\", \"id\": \"urn:uuid:1\"}",
      { { 0 } },
      NULL,
      false,
      "ob2",
      "types",
      MC_CHECK_FAIL,
      "must be hosted (HostedBadge)" },
    { "a hosted assertion whose id is not a URL",
      "={\"@context\": "
      "\"https://w3id.org/openbadges/v2\", \"type\": \"Assertion\", \"id\": \"urn:uuid:1\", "
      "\"verification\": {\"type\": \"hosted\"}}",
      { { 0 } },
      NULL,
      false,
      "ob2-hosted",
      "hosted",
      MC_CHECK_FAIL,
      "must be the http(s) URL it is hosted at, not urn:uuid:1" },
};

/* Run one case's input through mc_verify_text, as the CLI and the server do. */
static void run_case(struct mc_verifier *vf, const struct vcase *c)
{
    mc_test_case("%s", c->name);
    struct docs d;
    docs_base(&d);
    for (size_t i = 0; i < 3 && c->swaps[i].url; i++)
        docs_put(&d, c->swaps[i].url, c->swaps[i].file ? load(c->swaps[i].file) : NULL);
    struct mc_doc_source src = { docs_get, &d };
    struct mc_verify_options o = { .now = NOW, .docs = &src, .expected_recipient = c->recipient };
    char *text = c->input[0] == '=' ? strdup(c->input + 1) : slurp(c->input, NULL);
    struct mc_report r;
    mc_report_init(&r);
    mc_verify_text(vf, text, strlen(text), &o, &r);
    bool ok = CHECK_INT(mc_report_valid(&r), c->valid);
    ok &= CHECK_STR(r.format, c->format);
    const struct mc_check *k = find(&r, c->check);
    ok &= CHECK(k != NULL);
    if (k) {
        ok &= CHECK_STR(mc_check_status_name(k->status), mc_check_status_name(c->status));
        ok &= CHECK(strstr(k->message, c->msg) != NULL);
    }
    ok &= CHECK(d.asked <= MC_OB2_MAX_DOCS);
    if (!ok)
        dump(&r);
    mc_report_free(&r);
    free(text);
    docs_free(&d);
}

/* The copy given differs from the hosted one: a warning, and the hosted copy is what counts. */
static void hosted_copy_differs(void)
{
    mc_test_case("the given copy differs from the hosted one");
    struct docs d;
    docs_base(&d);
    struct mc_doc_source src = { docs_get, &d };
    struct mc_verify_options o = { .now = NOW, .docs = &src };
    json_t *given = load("hosted.json");
    json_object_set_new(given, "expires", json_string("2024-06-01T00:00:00Z"));
    struct mc_report r;
    mc_report_init(&r);
    mc_ob2_verify_assertion(given, &o, &r);
    CHECK(mc_report_valid(&r)); /* the hosted copy does not expire */
    const struct mc_check *k = find(&r, "hosted");
    CHECK(k && k->status == MC_CHECK_WARN && strstr(k->message, "the hosted copy is the one"));
    mc_report_free(&r);
    /* And the other way round: an expired hosted copy fails whatever was given. */
    mc_test_case("the hosted copy is expired, the given one is not");
    json_t *served = load("hosted.json");
    json_object_set_new(served, "expires", json_string("2024-06-01T00:00:00Z"));
    docs_put(&d, ISS "assertions/1.json", served);
    json_object_del(given, "expires");
    mc_report_init(&r);
    mc_ob2_verify_assertion(given, &o, &r);
    CHECK(!mc_report_valid(&r));
    k = find(&r, "validity");
    CHECK(k && k->status == MC_CHECK_FAIL && strstr(k->message, "expired on 2024-06-01"));
    mc_report_free(&r);
    json_decref(given);
    docs_free(&d);
}

/* OB 2.0 DateTimes: RFC 3339, and ISO 8601 without seconds or with a +hhmm offset. */
static void dates(void)
{
    static const struct {
        const char *issued, *expires;
        enum mc_check_status want;
    } dc[] = {
        { "2024-03-01T09:00:00Z", NULL, MC_CHECK_PASS },
        { "2024-03-01T09:00:00.123456+01:00", "2026-01-01T00:00:00Z", MC_CHECK_PASS },
        { "2024-03-01T09:00Z", NULL, MC_CHECK_PASS },
        { "2024-03-01T09:00:00+0000", "2025-06-30T23:59+0200", MC_CHECK_PASS },
        { "2024-03-01", NULL, MC_CHECK_FAIL },
        { "2024-03-01T09:00:00", NULL, MC_CHECK_FAIL },
        { "yesterday", NULL, MC_CHECK_FAIL },
        { "2024-03-01T09:00:00Z", "2024-12-31T23:59:59Z", MC_CHECK_FAIL },
        { "2024-03-01T09:00:00Z", "2023-01-01T00:00:00Z", MC_CHECK_FAIL },
        { "2026-03-01T09:00:00Z", NULL, MC_CHECK_WARN },
        { "2024-03-01T09:00:00Z", "2024-02-30T00:00:00Z", MC_CHECK_FAIL },
    };
    for (size_t i = 0; i < sizeof dc / sizeof dc[0]; i++) {
        mc_test_case("dates: issuedOn %s, expires %s", dc[i].issued,
                     dc[i].expires ? dc[i].expires : "-");
        struct docs d;
        docs_base(&d);
        json_t *a = load("hosted.json");
        json_object_set_new(a, "issuedOn", json_string(dc[i].issued));
        if (dc[i].expires)
            json_object_set_new(a, "expires", json_string(dc[i].expires));
        docs_put(&d, ISS "assertions/1.json", json_incref(a));
        struct mc_doc_source src = { docs_get, &d };
        struct mc_verify_options o = { .now = NOW, .docs = &src };
        struct mc_report r;
        mc_report_init(&r);
        mc_ob2_verify_assertion(a, &o, &r);
        const struct mc_check *k = find(&r, "validity");
        if (!CHECK(k != NULL) || !CHECK_INT(k->status, dc[i].want))
            dump(&r);
        mc_report_free(&r);
        json_decref(a);
        docs_free(&d);
    }
}

/* IdentityHash: sha256 and md5 of identity + salt, hex in either case. */
static void identity_hashes(void)
{
    static const struct {
        const char *hash, *who, *salt;
        enum mc_rc want;
    } ic[] = {
        { "sha256$bdbff416bbdc189c0b98f4f025ccc3df7a6f2a11bcea2313776110c867a910d1",
          "learner@example.org", "seasalt", MC_OK },
        { "SHA256$BDBFF416BBDC189C0B98F4F025CCC3DF7A6F2A11BCEA2313776110C867A910D1",
          "learner@example.org", "seasalt", MC_OK },
        { "md5$a3f677d8a7d1d5d600a8d3983b8715d5", "learner@example.org", "seasalt", MC_OK },
        /* sha256("mayze"), the specification's example, unsalted */
        { "sha256$7a1a1b3f7d40552e4299180e346e3add12bf9a751a43d9c4ca4518febc2c60c6", "mayze", NULL,
          MC_OK },
        { "sha256$bdbff416bbdc189c0b98f4f025ccc3df7a6f2a11bcea2313776110c867a910d1",
          "learner@example.org", NULL, MC_ERR_CRYPTO },
        { "md5$a3f677d8a7d1d5d600a8d3983b8715d5", "learner@example.com", "seasalt", MC_ERR_CRYPTO },
        { "sha1$2fd4e1c67a2d28fced849ee1bb76e7391b93eb12", "x", NULL, MC_ERR_INVALID },
        { "sha256$bdbf", "x", NULL, MC_ERR_INVALID },
        { "sha256$zzbff416bbdc189c0b98f4f025ccc3df7a6f2a11bcea2313776110c867a910d1", "x", NULL,
          MC_ERR_INVALID },
        { "learner@example.org", "learner@example.org", NULL, MC_ERR_INVALID },
        { "", "", NULL, MC_ERR_INVALID },
    };
    for (size_t i = 0; i < sizeof ic / sizeof ic[0]; i++) {
        mc_test_case("identity hash %zu (%s)", i, ic[i].hash);
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_ob2_identity_check(ic[i].hash, ic[i].who, ic[i].salt, &e), ic[i].want);
    }
}

/* A plain (not hashed) recipient, and IdentityObjects that are not valid. */
static void recipients(void)
{
    static const struct {
        const char *json, *expected;
        enum mc_check_status want;
    } rc[] = {
        { "{\"type\": \"email\", \"hashed\": false, \"identity\": \"learner@example.org\"}", NULL,
          MC_CHECK_PASS },
        { "{\"type\": \"email\", \"hashed\": false, \"identity\": \"learner@example.org\"}",
          "LEARNER@example.org", MC_CHECK_PASS },
        { "{\"type\": \"url\", \"hashed\": false, \"identity\": \"https://learner.example\"}",
          "https://learner.example/", MC_CHECK_FAIL },
        { "{\"type\": \"telephone\", \"hashed\": true, \"identity\": "
          "\"md5$a3f677d8a7d1d5d600a8d3983b8715d5\", \"salt\": \"seasalt\"}",
          "learner@example.org", MC_CHECK_PASS },
        { "{\"type\": \"email\", \"hashed\": true, \"identity\": \"learner@example.org\"}", NULL,
          MC_CHECK_FAIL },
        { "{\"type\": \"email\", \"identity\": \"learner@example.org\"}", NULL, MC_CHECK_FAIL },
        { "{\"type\": \"nickname\", \"hashed\": false, \"identity\": \"ace\"}", NULL,
          MC_CHECK_FAIL },
        { "{\"type\": \"email\", \"hashed\": false}", NULL, MC_CHECK_FAIL },
        { "{\"type\": \"email\", \"hashed\": true, \"salt\": 5, \"identity\": "
          "\"md5$a3f677d8a7d1d5d600a8d3983b8715d5\"}",
          NULL, MC_CHECK_FAIL },
    };
    for (size_t i = 0; i < sizeof rc / sizeof rc[0]; i++) {
        mc_test_case("recipient %zu: %s", i, rc[i].json);
        struct docs d;
        docs_base(&d);
        json_t *a = load("hosted.json");
        json_object_set_new(a, "recipient", json_loads(rc[i].json, 0, NULL));
        docs_put(&d, ISS "assertions/1.json", json_incref(a));
        struct mc_doc_source src = { docs_get, &d };
        struct mc_verify_options o = { .now = NOW,
                                       .docs = &src,
                                       .expected_recipient = rc[i].expected };
        struct mc_report r;
        mc_report_init(&r);
        mc_ob2_verify_assertion(a, &o, &r);
        const struct mc_check *k = find(&r, "recipient");
        if (!CHECK(k != NULL) || !CHECK_INT(k->status, rc[i].want))
            dump(&r);
        mc_report_free(&r);
        json_decref(a);
        docs_free(&d);
    }
}

/* A signed assertion with another algorithm than RS256 is refused, even when it verifies. */
static void not_rs256(void)
{
    mc_test_case("an ES256 JWS");
    json_t *jwk = NULL;
    struct mc_err e;
    CHECK_INT(mc_jwk_generate("ES256", &jwk, &e), MC_OK);
    json_t *payload = load("signed-assertion.json");
    struct mc_buf out;
    mc_buf_init(&out, 1u << 20);
    CHECK_INT(mc_jws_sign(NULL, payload, jwk, NULL, &out, &e), MC_OK);
    struct docs d;
    docs_base(&d);
    struct mc_doc_source src = { docs_get, &d };
    struct mc_verify_options o = { .now = NOW, .docs = &src };
    struct mc_report r;
    mc_report_init(&r);
    CHECK(mc_ob2_detect(out.data, out.len));
    mc_ob2_verify(out.data, out.len, &o, &r);
    CHECK(!mc_report_valid(&r));
    const struct mc_check *k = find(&r, "jws");
    CHECK(k && k->status == MC_CHECK_FAIL && strstr(k->message, "use RS256"));
    mc_report_free(&r);
    mc_buf_free(&out);
    json_decref(payload);
    json_decref(jwk);
    docs_free(&d);
}

/* No document source at all: every fetch fails and says so. */
static void no_docs(void)
{
    mc_test_case("no document source");
    struct mc_verify_options o = { .now = NOW };
    char *t = slurp("signed.jws", NULL);
    struct mc_report r;
    mc_report_init(&r);
    mc_ob2_verify(t, strlen(t), &o, &r);
    CHECK(!mc_report_valid(&r));
    const struct mc_check *k = find(&r, "badge");
    CHECK(k && strstr(k->message, "could not be read (no documents were given)"));
    mc_report_free(&r);
    free(t);
}

/* Which inputs are routed to Open Badges 2.0. */
static void detection(void)
{
    static const struct {
        const char *json;
        bool want;
    } dc[] = {
        { "{\"@context\": \"https://w3id.org/openbadges/v2\", \"type\": \"Assertion\"}", true },
        { "{\"@context\": [\"https://w3id.org/openbadges/v2\", {\"x\": \"y\"}]}", true },
        { "{\"@context\": \"https://w3id.org/openbadges/v1\"}", true },
        { "{\"type\": \"Assertion\"}", true },
        { "{\"recipient\": \"a@b\", \"badge\": \"https://b.example\"}", true },
        { "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"type\": "
          "[\"VerifiableCredential\", \"Assertion\"]}",
          false },
        { "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\", "
          "\"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json\"], \"type\": "
          "[\"VerifiableCredential\", \"OpenBadgeCredential\"]}",
          false },
        { "{}", false },
        { "[]", false },
    };
    for (size_t i = 0; i < sizeof dc / sizeof dc[0]; i++) {
        mc_test_case("is an assertion: %s", dc[i].json);
        json_t *j = json_loads(dc[i].json, 0, NULL);
        CHECK_INT(mc_ob2_is_assertion(j), dc[i].want);
        json_decref(j);
    }
    static const struct {
        const char *text;
        bool want;
    } tc[] = {
        { " https://issuer.example/ob2/assertions/1.json\n", true },
        { "HTTP://issuer.example/a", true },
        { "https://issuer.example/a b", false },
        { "ftp://issuer.example/a", false },
        { "{\"type\": \"Assertion\"}", false }, /* JSON is routed after parsing */
        { "eyJhbGciOiJub25lIn0.e30.", false },
        { "a.b.c", false },
        { "", false },
    };
    for (size_t i = 0; i < sizeof tc / sizeof tc[0]; i++) {
        mc_test_case("detect: '%s'", tc[i].text);
        CHECK_INT(mc_ob2_detect(tc[i].text, strlen(tc[i].text)), tc[i].want);
    }
    mc_test_case("detect: the signed fixture");
    char *t = slurp("signed.jws", NULL);
    CHECK(mc_ob2_detect(t, strlen(t)));
    free(t);
}

/* Every prefix of the inputs and every byte changed in a few ways: a report, never a crash, and
 * never valid unless the input was left whole. */
static void mangled(struct mc_verifier *vf)
{
    static const char *const inputs[] = { "hosted.json", "signed.jws" };
    struct docs d;
    docs_base(&d);
    struct mc_doc_source src = { docs_get, &d };
    struct mc_verify_options o = { .now = NOW, .docs = &src };
    for (size_t f = 0; f < 2; f++) {
        size_t len;
        char *t = slurp(inputs[f], &len);
        while (len && (t[len - 1] == '\n' || t[len - 1] == ' '))
            len--;
        size_t bad = 0, valid_prefix = 0;
        for (size_t n = 0; n < len; n++) {
            struct mc_report r;
            mc_report_init(&r);
            mc_verify_text(vf, t, n, &o, &r);
            if (r.count == 0)
                bad++;
            if (mc_report_valid(&r))
                valid_prefix++;
            mc_report_free(&r);
        }
        mc_test_case("prefixes of %s", inputs[f]);
        CHECK_INT(bad, 0);
        CHECK_INT(valid_prefix, 0);
        static const char subst[] = { 'A', '"', '.', '\0' };
        size_t step = f == 1 ? 7 : 1; /* RSA verifications cost more: every 7th byte */
        size_t valid_changed = 0;
        for (size_t i = 0; i < len; i += step) {
            for (size_t s = 0; s < sizeof subst; s++) {
                if (t[i] == subst[s])
                    continue;
                char keep = t[i];
                t[i] = subst[s];
                struct mc_report r;
                mc_report_init(&r);
                mc_verify_text(vf, t, len, &o, &r);
                /* A JSON change may leave it valid (white space, the given copy); a JWS must not.
                 */
                if (f == 1 && mc_report_valid(&r))
                    valid_changed++;
                if (r.count == 0)
                    bad++;
                mc_report_free(&r);
                t[i] = keep;
            }
        }
        mc_test_case("bytes changed in %s", inputs[f]);
        CHECK_INT(bad, 0);
        CHECK_INT(valid_changed, 0);
        free(t);
    }
    docs_free(&d);
}

/* The test issuer's private key as a JWK (new), to sign changed assertions. */
static json_t *private_jwk(void)
{
    char *pem = slurp("key-private.pem", NULL);
    BIO *bio = BIO_new_mem_buf(pem, -1);
    EVP_PKEY *k = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
    json_t *jwk = NULL;
    struct mc_err e;
    if (!k || mc_jwk_from_pkey(k, true, &jwk, &e)) {
        fprintf(stderr, "cannot read key-private.pem\n");
        exit(1);
    }
    EVP_PKEY_free(k);
    BIO_free(bio);
    free(pem);
    return jwk;
}

static void verify_signed_payload(const json_t *payload, const json_t *jwk,
                                  const struct mc_verify_options *o, size_t *bad)
{
    struct mc_buf jws;
    mc_buf_init(&jws, 1u << 20);
    struct mc_err e;
    json_t *hdr = json_pack("{s:n}", "typ");
    if (mc_jws_sign(hdr, payload, jwk, "RS256", &jws, &e) == MC_OK) {
        struct mc_report r;
        mc_report_init(&r);
        mc_ob2_verify(jws.data, jws.len, o, &r);
        if (r.count == 0)
            (*bad)++;
        mc_report_free(&r);
    }
    json_decref(hdr);
    mc_buf_free(&jws);
}

/*
 * Every member of every badge object (the assertion, its recipient and verification, and the
 * documents fetched) given a value of another type: the verifier reads what the issuer (or
 * anyone on the way) serves, so none of it may crash it, and the signed assertion is re-signed so
 * that the checks after the signature run too.
 */
static void type_confusion(void)
{
    static const char *const values[] = {
        "null",
        "5",
        "[]",
        "{}",
        "\"\"",
        "true",
        "[\"x\", 5, null]",
        "{\"id\": 5}",
        "\"" ISS "key.json\"",
        "[{\"id\": \"" ISS "key.json\"}, \"urn:x\"]",
        "{\"type\": [\"hosted\", \"signed\"], \"creator\": {\"id\": null}}",
    };
    static const char *const doc_urls[] = { ISS "issuer.json", ISS "badge.json", ISS "key.json",
                                            ISS "revocations.json" };
    size_t nv = sizeof values / sizeof values[0];
    json_t *jwk = private_jwk();
    json_t *hosted = load("hosted.json");
    json_t *signed_a = load("signed-assertion.json");
    size_t bad = 0;
    /* The assertion's members, and those of its recipient and verification. */
    static const char *const parts[] = { NULL, "recipient", "verification" };
    for (size_t p = 0; p < 3; p++) {
        for (size_t w = 0; w < 2; w++) {
            json_t *base = w ? signed_a : hosted;
            const json_t *obj = parts[p] ? json_object_get(base, parts[p]) : base;
            const char *key;
            const json_t *val;
            json_object_foreach ((json_t *)obj, key, val) {
                for (size_t i = 0; i < nv; i++) {
                    json_t *a = json_deep_copy(base);
                    json_t *target = parts[p] ? json_object_get(a, parts[p]) : a;
                    json_object_set_new(target, key, json_loads(values[i], 0, NULL));
                    struct docs d;
                    docs_base(&d);
                    struct mc_doc_source src = { docs_get, &d };
                    struct mc_verify_options o = { .now = NOW,
                                                   .docs = &src,
                                                   .expected_recipient = "learner@example.org" };
                    if (w) {
                        verify_signed_payload(a, jwk, &o, &bad);
                    } else {
                        docs_put(&d, ISS "assertions/1.json", json_incref(a));
                        struct mc_report r;
                        mc_report_init(&r);
                        mc_ob2_verify_assertion(a, &o, &r);
                        bad += r.count == 0;
                        mc_report_free(&r);
                    }
                    json_decref(a);
                    docs_free(&d);
                }
            }
        }
    }
    /* The fetched documents' members, and each document replaced by another type. */
    for (size_t u = 0; u < 4; u++) {
        json_t *doc = load(u == 0   ? "issuer.json"
                           : u == 1 ? "badge.json"
                           : u == 2 ? "key.json"
                                    : "revocations.json");
        const char *key;
        const json_t *val;
        json_object_foreach (doc, key, val) {
            for (size_t i = 0; i < nv; i++) {
                struct docs d;
                docs_base(&d);
                json_t *changed = json_deep_copy(doc);
                json_object_set_new(changed, key, json_loads(values[i], 0, NULL));
                docs_put(&d, doc_urls[u], changed);
                struct mc_doc_source src = { docs_get, &d };
                struct mc_verify_options o = { .now = NOW, .docs = &src };
                verify_signed_payload(signed_a, jwk, &o, &bad);
                struct mc_report r;
                mc_report_init(&r);
                mc_ob2_verify_assertion(hosted, &o, &r);
                bad += r.count == 0;
                mc_report_free(&r);
                docs_free(&d);
            }
        }
        for (size_t i = 0; i < nv; i++) {
            struct docs d;
            docs_base(&d);
            docs_put(&d, doc_urls[u], json_loads(values[i], 0, NULL));
            struct mc_doc_source src = { docs_get, &d };
            struct mc_verify_options o = { .now = NOW, .docs = &src };
            verify_signed_payload(signed_a, jwk, &o, &bad);
            docs_free(&d);
        }
        json_decref(doc);
    }
    mc_test_case("type confusion in every badge object");
    CHECK_INT(bad, 0);
    json_decref(hosted);
    json_decref(signed_a);
    json_decref(jwk);
}

int main(void)
{
    struct mc_verifier *vf = mc_verifier_new(NULL);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(vf, &cases[i]);
    hosted_copy_differs();
    dates();
    identity_hashes();
    recipients();
    not_rs256();
    no_docs();
    detection();
    mangled(vf);
    type_confusion();
    mc_verifier_free(vf);
    return mc_test_done();
}
