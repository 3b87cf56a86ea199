/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JSON-LD to RDF beyond the W3C suite (tests/conformance runs that): the eddsa-rdfc-2022 test
 * vectors end to end, errors with their codes and places, limits, loaders and the context cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/json.h"
#include "ld/jsonld-internal.h"
#include "ld/jv.h"
#include "ld/ld-json.h"
#include "mcred/jsonld.h"
#include "mcred/rdf.h"
#include "test.h"

static char *slurp(const char *rel, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", mc_test_source_dir(), rel);
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    *len = n;
    char *copy = malloc(n + 1);
    memcpy(copy, buf, n + 1);
    return copy;
}

/* JSON-LD text to canonical N-Quads; NULL and *e on error. */
static char *canon(struct mc_ld *ld, const char *json, const struct mc_ld_options *o,
                   struct mc_err *e)
{
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
    struct mc_rdfc *c = mc_rdfc_new();
    struct mc_buf out;
    mc_buf_init(&out, 1 << 22);
    char *r = NULL;
    mc_err_clear(e);
    if (mc_ld_to_rdf(ld, json, strlen(json), o, ds, e) == MC_OK &&
        mc_rdfc_canonicalize(c, ds, NULL, &out, e) == MC_OK)
        r = out.data ? mc_buf_steal(&out, NULL) : calloc(1, 1);
    mc_buf_free(&out);
    mc_rdfc_free(c);
    mc_rdf_dataset_free(ds);
    return r;
}

static void vectors(void)
{
    static const char *const pairs[][2] = {
        { "tests/fixtures/vc-di-eddsa/unsigned.json",
          "tests/fixtures/vc-di-eddsa/eddsa-rdfc-2022/canonDocDataInt.txt" },
        { "tests/fixtures/vc-di-eddsa/eddsa-rdfc-2022/proofConfigDataInt.json",
          "tests/fixtures/vc-di-eddsa/eddsa-rdfc-2022/proofCanonDataInt.txt" },
    };
    struct mc_ld *ld = mc_ld_new(NULL);
    for (size_t i = 0; i < 2; i++) {
        mc_test_case("vector %s", pairs[i][0]);
        size_t n1, n2;
        char *in = slurp(pairs[i][0], &n1);
        char *want = slurp(pairs[i][1], &n2);
        CHECK(in && want);
        if (!in || !want)
            continue;
        /* The vectors' files end without a newline after the last quad. */
        struct mc_err e;
        for (int round = 0; round < 3; round++) { /* cached contexts give the same result */
            char *got = canon(ld, in, NULL, &e);
            CHECK(got != NULL);
            if (got) {
                size_t gl = strlen(got);
                while (gl && got[gl - 1] == '\n')
                    gl--;
                while (n2 && want[n2 - 1] == '\n')
                    n2--;
                CHECK_MEM(got, gl, want, n2);
            }
            free(got);
        }
        free(in);
        free(want);
    }
    mc_ld_free(ld);
}

static void errors(void)
{
    static const struct {
        const char *json;
        const char *code;
        const char *where;
    } cases[] = {
        { "{\"@id\": 5}", "invalid @id value", "/@id" },
        { "{\"@context\": {\"@version\": 1.0}}", "invalid @version value", "/@context" },
        { "{\"@context\": \"https://example.org/nowhere\"}", "loading remote context failed",
          "/@context" },
        { "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\", {\"id\": \"http://x/\"}]}",
          "protected term redefinition", "/@context" },
        { "{\"@context\": {\"a\": {\"@id\": \"http://x/a\", \"@container\": \"@bogus\"}}}",
          "invalid container mapping", "/@context" },
        { "{\"http://x/p\": {\"@value\": \"x\", \"@language\": 5}}",
          "invalid language-tagged string", "/http:~1~1x~1p/@language" },
        { "{\"@context\": {\"@vocab\": \"http://x/\"}, \"a\": [{\"b\": {\"@list\": 1, \"@id\": "
          "\"x\"}}]}",
          "invalid set or list object", "/a/0/b" },
        { "[1, 2", "loading document failed", NULL },
    };
    struct mc_ld *ld = mc_ld_new(NULL);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("error %s", cases[i].json);
        struct mc_err e;
        char *got = canon(ld, cases[i].json, NULL, &e);
        CHECK(got == NULL);
        free(got);
        CHECK(strncmp(e.msg, cases[i].code, strlen(cases[i].code)) == 0);
        if (cases[i].where)
            CHECK(strncmp(e.where, cases[i].where, strlen(cases[i].where)) == 0);
    }
    mc_ld_free(ld);
}

static void limits(void)
{
    struct mc_ld *ld = mc_ld_new(NULL);
    struct mc_ld_options o = { .limits = { .max_depth = 20 } };
    struct mc_err e;
    mc_test_case("depth");
    char deep[512];
    size_t off = 0;
    for (int i = 0; i < 30; i++)
        off += (size_t)snprintf(deep + off, sizeof deep - off, "{\"http://x/p\":");
    off += (size_t)snprintf(deep + off, sizeof deep - off, "1");
    for (int i = 0; i < 30; i++)
        off += (size_t)snprintf(deep + off, sizeof deep - off, "}");
    char *got = canon(ld, deep, &o, &e);
    CHECK(got == NULL);
    CHECK_INT(e.rc, MC_ERR_TOO_LARGE);
    free(got);

    mc_test_case("document size");
    o.limits.max_document_bytes = 16;
    got = canon(ld, "{\"http://example.org/p\": \"long enough\"}", &o, &e);
    CHECK(got == NULL);
    CHECK_INT(e.rc, MC_ERR_TOO_LARGE);
    free(got);

    mc_test_case("quads");
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(2);
    mc_err_clear(&e);
    const char *three = "{\"http://x/p\": [1, 2, 3]}";
    CHECK(mc_ld_to_rdf(ld, three, strlen(three), NULL, ds, &e) != MC_OK);
    CHECK_INT(e.rc, MC_ERR_TOO_LARGE);
    mc_rdf_dataset_free(ds);
    mc_ld_free(ld);
}

static void values(void)
{
    struct mc_ld *ld = mc_ld_new(NULL);
    struct mc_err e;
    static const struct {
        const char *json;
        const char *want;
    } cases[] = {
        { "{\"@id\": \"http://x/s\", \"http://x/p\": 1.5}",
          "<http://x/s> <http://x/p> \"1.5E0\"^^<http://www.w3.org/2001/XMLSchema#double> .\n" },
        { "{\"@id\": \"http://x/s\", \"http://x/p\": 36.0}",
          "<http://x/s> <http://x/p> \"36\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n" },
        { "{\"@id\": \"http://x/s\", \"http://x/p\": 1e21}",
          "<http://x/s> <http://x/p> \"1.0E21\"^^<http://www.w3.org/2001/XMLSchema#double> .\n" },
        { "{\"@id\": \"http://x/s\", \"http://x/p\": -0.000001}",
          "<http://x/s> <http://x/p> \"-1.0E-6\"^^<http://www.w3.org/2001/XMLSchema#double> .\n" },
        { "{\"@id\": \"http://x/s\", \"http://x/p\": true}",
          "<http://x/s> <http://x/p> \"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n" },
        { "{\"@id\": \"http://x/s\", \"http://x/p\": {\"@value\": \"Hi\", \"@language\": "
          "\"EN-gb\"}}",
          "<http://x/s> <http://x/p> \"Hi\"@en-gb .\n" },
        { "{\"@context\": {\"j\": {\"@id\": \"http://x/j\", \"@type\": \"@json\"}}, "
          "\"@id\": \"http://x/s\", \"j\": {\"b\": [1.0, 2e0], \"a\": null}}",
          "<http://x/s> <http://x/j> \"{\\\"a\\\":null,\\\"b\\\":[1,2]}\"^^"
          "<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> .\n" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("value %s", cases[i].json);
        char *got = canon(ld, cases[i].json, NULL, &e);
        CHECK_STR(got ? got : e.msg, cases[i].want);
        free(got);
    }
    mc_ld_free(ld);
}

static void loaders(void)
{
    struct mc_err e;
    const char *text;
    size_t len;
    const struct mc_ld_loader *b = mc_ld_loader_bundled();
    mc_test_case("bundled loader");
    CHECK_INT(b->load(b->self, "https://www.w3.org/ns/credentials/v2", &text, &len, &e), MC_OK);
    CHECK(len > 1000);
    CHECK_INT(b->load(b->self, "https://evil.example/ctx", &text, &len, &e), MC_ERR_NOT_FOUND);
    CHECK(strstr(e.msg, "bundled") != NULL);

    mc_test_case("local loader");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/tests/fixtures", mc_test_source_dir());
    struct mc_ld_loader *l = mc_ld_loader_local_new(b);
    mc_ld_loader_local_add(l, "https://local.test/", dir);
    CHECK_INT(l->load(l->self, "https://local.test/vc-di-eddsa/unsigned.json", &text, &len, &e),
              MC_OK);
    CHECK(len > 100);
    CHECK_INT(l->load(l->self, "https://local.test/../etc/passwd", &text, &len, &e),
              MC_ERR_NOT_FOUND);
    CHECK_INT(l->load(l->self, "https://local.test/nothing.json", &text, &len, &e),
              MC_ERR_NOT_FOUND);
    /* Falls through to the bundled contexts. */
    CHECK_INT(l->load(l->self, "https://w3id.org/security/data-integrity/v2", &text, &len, &e),
              MC_OK);
    mc_ld_loader_local_free(l);
}

/* The canonical N-Quads of `ds`, or NULL. */
static char *canon_of(struct mc_rdf_dataset *ds)
{
    struct mc_rdfc *c = mc_rdfc_new();
    struct mc_buf out;
    mc_buf_init(&out, 1 << 22);
    struct mc_err e;
    char *r =
            mc_rdfc_canonicalize(c, ds, NULL, &out, &e) == MC_OK ? mc_buf_steal(&out, NULL) : NULL;
    mc_buf_free(&out);
    mc_rdfc_free(c);
    return r;
}

/*
 * A jv tree is walked as it is, without a copy (the verifier reads credentials so): the walk must
 * give what the jansson entry gives, leave out the member `omit`, and change nothing in the tree,
 * both on the direct walk and on the full one through the expanded form.
 */
static void jv_trees(void)
{
    static const char *const files[] = {
        "tests/fixtures/ob3-vectors/ob-signed.json",
        "tests/fixtures/ob3-vectors/clr-signed.json",
        "tests/fixtures/ob3/examples_fullOpenBadge-00.json",
    };
    for (int direct = 1; direct >= 0; direct--) {
        struct mc_ld *ld = mc_ld_new(NULL);
        ld->direct = direct;
        for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
            mc_test_case("jv tree %s, %s walk", files[i], direct ? "direct" : "full");
            size_t len;
            char *text = slurp(files[i], &len);
            CHECK(text != NULL);
            if (!text)
                continue;
            struct mc_arena *a = mc_arena_new(0);
            struct jv *doc;
            struct mc_err e;
            json_t *j = NULL;
            CHECK(jv_parse(a, text, len, 256, &doc, &e) == MC_OK);
            CHECK(mc_json_parse(text, len, JSON_DECODE_INT_AS_REAL, NULL, &j, &e) == MC_OK);
            json_t *before = jv_to_jansson(doc);
            struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
            CHECK(mc_ld_to_rdf_jv(ld, doc, "proof", NULL, ds, &e) == MC_OK);
            char *from_tree = canon_of(ds);
            mc_rdf_dataset_reset(ds);
            CHECK(mc_ld_to_rdf_jansson(ld, j, "proof", NULL, ds, &e) == MC_OK);
            char *from_json = canon_of(ds);
            CHECK(from_tree && from_json && strcmp(from_tree, from_json) == 0);
            const struct jv *proof = jv_get(doc, "proof");
            const char *pv =
                    jv_str(jv_get(jv_is_array(proof) ? jv_item(proof, 0) : proof, "proofValue"));
            CHECK(from_tree && (!pv || !strstr(from_tree, pv)));
            json_t *after = jv_to_jansson(doc);
            CHECK(json_equal(before, after));
            free(from_tree);
            free(from_json);
            json_decref(after);
            json_decref(before);
            json_decref(j);
            mc_rdf_dataset_free(ds);
            mc_arena_free(a);
            free(text);
        }
        mc_ld_free(ld);
    }
}

int main(void)
{
    vectors();
    errors();
    limits();
    values();
    loaders();
    jv_trees();
    return mc_test_done();
}
