/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/ld/rdfc.c (RDFC-1.0); the whole W3C suite runs in tests/conformance/rdf-canon.c. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "mcred/rdf.h"
#include "test.h"

#define V "<http://example.org/vocab#"

/* W3C rdf-canon test020 ("blank node - diamond") and test075 (the same with SHA-384). */
static const char diamond_in[] = "<http://example.org/vocab#test> " V "A> _:e0 .\n"
                                 "<http://example.org/vocab#test> " V "B> _:e1 .\n"
                                 "_:e0 " V "next> _:e2 .\n"
                                 "_:e1 " V "next> _:e2 .\n";
static const char diamond_sha256[] = "<http://example.org/vocab#test> " V "A> _:c14n2 .\n"
                                     "<http://example.org/vocab#test> " V "B> _:c14n0 .\n"
                                     "_:c14n0 " V "next> _:c14n1 .\n"
                                     "_:c14n2 " V "next> _:c14n1 .\n";
static const char diamond_sha384[] = "<http://example.org/vocab#test> " V "A> _:c14n0 .\n"
                                     "<http://example.org/vocab#test> " V "B> _:c14n2 .\n"
                                     "_:c14n0 " V "next> _:c14n1 .\n"
                                     "_:c14n2 " V "next> _:c14n1 .\n";

/* Parse `in` and canonicalize it with `c`: the result code, the output in `out`. */
static enum mc_rc canon(struct mc_rdfc *c, const char *in, enum mc_rdfc_hash hash,
                        uint64_t max_work, struct mc_buf *out, struct mc_err *e)
{
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
    enum mc_rc rc = mc_nquads_parse(ds, in, strlen(in), e);
    CHECK_INT(rc, MC_OK);
    struct mc_rdfc_options opt = { .hash = hash, .max_work = max_work };
    mc_buf_reset(out);
    if (!rc)
        rc = mc_rdfc_canonicalize(c, ds, &opt, out, e);
    mc_rdf_dataset_free(ds);
    return rc;
}

static void check_map(const struct mc_rdfc *c, const char *const *pairs, size_t n)
{
    CHECK_INT(mc_rdfc_map_count(c), n);
    for (size_t i = 0; i < n && i < mc_rdfc_map_count(c); i++) {
        struct mc_str from, to;
        mc_rdfc_map_get(c, i, &from, &to);
        CHECK(mc_str_eqz(from, pairs[2 * i]));
        CHECK(mc_str_eqz(to, pairs[2 * i + 1]));
    }
}

static void test_diamond(void)
{
    struct mc_rdfc *c = mc_rdfc_new();
    struct mc_buf out;
    mc_buf_init(&out, 1 << 20);
    struct mc_err e;
    mc_test_case("diamond, SHA-256");
    CHECK_INT(canon(c, diamond_in, MC_RDFC_SHA256, 0, &out, &e), MC_OK);
    CHECK_STR(mc_buf_cstr(&out), diamond_sha256);
    static const char *const map256[] = { "e1", "c14n0", "e2", "c14n1", "e0", "c14n2" };
    check_map(c, map256, 3);
    mc_test_case("diamond, SHA-384");
    CHECK_INT(canon(c, diamond_in, MC_RDFC_SHA384, 0, &out, &e), MC_OK);
    CHECK_STR(mc_buf_cstr(&out), diamond_sha384);
    static const char *const map384[] = { "e0", "c14n0", "e2", "c14n1", "e1", "c14n2" };
    check_map(c, map384, 3);
    mc_test_case("%s", "");
    mc_buf_free(&out);
    mc_rdfc_free(c);
}

/* Datasets and their canonical form. */
struct canon_case {
    const char *name;
    const char *in;
    const char *want;
};

static const struct canon_case canon_cases[] = {
    { "empty", "", "" },
    { "no blank nodes, sorted", "<urn:x:b> <urn:x:p> \"2\" .\n<urn:x:a> <urn:x:p> \"1\" .\n",
      "<urn:x:a> <urn:x:p> \"1\" .\n<urn:x:b> <urn:x:p> \"2\" .\n" },
    { "duplicates removed", "<urn:x:a> <urn:x:p> _:x .\n<urn:x:a> <urn:x:p> _:x .\n",
      "<urn:x:a> <urn:x:p> _:c14n0 .\n" },
    { "literal forms",
      "<urn:x:a> <urn:x:p> \"x\"^^<http://www.w3.org/2001/XMLSchema#string> .\n"
      "<urn:x:a> <urn:x:p> \"x\" .\n<urn:x:a> <urn:x:p> \"x\"@en .\n",
      "<urn:x:a> <urn:x:p> \"x\" .\n<urn:x:a> <urn:x:p> \"x\"@en .\n" },
    /* W3C rdf-canon test021: a cycle of two. */
    { "circle of 2", "_:e0 " V "next> _:e1 .\n_:e1 " V "next> _:e0 .\n",
      "_:c14n0 " V "next> _:c14n1 .\n_:c14n1 " V "next> _:c14n0 .\n" },
    { "same node in subject and object", "_:a <urn:x:p> _:a .\n", "_:c14n0 <urn:x:p> _:c14n0 .\n" },
    { "blank graph name", "_:s <urn:x:p> \"o\" _:g .\n_:g <urn:x:label> \"graph\" .\n",
      "_:c14n0 <urn:x:label> \"graph\" .\n_:c14n1 <urn:x:p> \"o\" _:c14n0 .\n" },
};

static void test_cases(void)
{
    struct mc_rdfc *c = mc_rdfc_new();
    struct mc_buf out;
    mc_buf_init(&out, 1 << 20);
    for (size_t i = 0; i < sizeof canon_cases / sizeof *canon_cases; i++) {
        mc_test_case("%s", canon_cases[i].name);
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(canon(c, canon_cases[i].in, MC_RDFC_SHA256, 0, &out, &e), MC_OK);
        CHECK_STR(mc_buf_cstr(&out), canon_cases[i].want);
    }
    mc_test_case("%s", "");
    mc_buf_free(&out);
    mc_rdfc_free(c);
}

/* Shuffle p[0..n) with a small deterministic generator. */
static void shuffle(size_t *p, size_t n, unsigned *s)
{
    for (size_t i = n; i > 1; i--) {
        *s = *s * 1103515245u + 12345u;
        size_t j = (*s >> 8) % i;
        size_t t = p[i - 1];
        p[i - 1] = p[j];
        p[j] = t;
    }
}

/* A ring of `n` blank nodes, every third one marked, its labels and quad order scrambled by
 * `seed`. */
static char *ring(size_t n, unsigned seed)
{
    size_t *label = mc_xcalloc(n, sizeof *label), *order = mc_xcalloc(n, sizeof *order);
    for (size_t i = 0; i < n; i++)
        label[i] = order[i] = i;
    unsigned s = seed * 2654435761u + 1;
    shuffle(label, n, &s);
    shuffle(order, n, &s);
    struct mc_buf b;
    mc_buf_init(&b, 1 << 20);
    for (size_t k = 0; k < n; k++) {
        size_t i = order[k];
        mc_buf_printf(&b, "_:n%zu <urn:x:next> _:n%zu .\n", label[i], label[(i + 1) % n]);
        if (i % 3 == 0)
            mc_buf_printf(&b, "_:n%zu <urn:x:mark> \"m\" .\n", label[i]);
    }
    free(label);
    free(order);
    return mc_buf_steal(&b, NULL);
}

/* Lines of `s` (each ending in '\n') strictly increasing in byte order: the order the output must
 * have, checked without the canonicalizer's own comparisons. */
static bool lines_sorted(const char *s, size_t len)
{
    const char *prev = NULL;
    size_t prev_len = 0;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(s + i, '\n', len - i);
        if (!nl)
            return false;
        size_t n = (size_t)(nl - (s + i)) + 1;
        if (prev) {
            int r = memcmp(prev, s + i, n < prev_len ? n : prev_len);
            if (r > 0 || (r == 0 && prev_len >= n))
                return false;
        }
        prev = s + i;
        prev_len = n;
        i += n;
    }
    return true;
}

/* Lines are sorted term by term (ranks of subjects and predicates, then the rest), which must give
 * the order of the whole lines' bytes: each case's lines are in that order, and are shuffled before
 * canonicalizing. */
static const char *const order_cases[][8] = {
    /* A space inside a literal comes before its closing quote; a literal comes before the same
     * literal with a language or a datatype, a language before its longer forms. */
    { "<urn:x:s> <urn:x:p> \"x y\" .\n", "<urn:x:s> <urn:x:p> \"x\" .\n",
      "<urn:x:s> <urn:x:p> \"x\"@en .\n", "<urn:x:s> <urn:x:p> \"x\"@en-us .\n",
      "<urn:x:s> <urn:x:p> \"x\"^^<urn:x:dt> .\n", "<urn:x:s> <urn:x:p> \"x\\\"\" .\n", NULL },
    /* IRIs that extend others: the closing '>' decides, after '2' and before 'b'. */
    { "<urn:a> <urn:p2> <urn:o> .\n", "<urn:a> <urn:p> <urn:o> .\n", "<urn:a> <urn:p> <urn:oo> .\n",
      "<urn:ab> <urn:p> <urn:o> .\n", "<urn:b> <urn:p> \"z\" .\n", NULL },
    /* The default graph first; IRIs before blank nodes. */
    { "<urn:s> <urn:p> <urn:o> .\n", "<urn:s> <urn:p> <urn:o> <urn:g2> .\n",
      "<urn:s> <urn:p> <urn:o> <urn:g> .\n", "<urn:s> <urn:p> <urn:o> _:c14n0 .\n",
      "<urn:s> <urn:p> _:c14n0 .\n", "_:c14n0 <urn:p> <urn:o> .\n", NULL },
};

static void test_order(void)
{
    struct mc_rdfc *c = mc_rdfc_new();
    struct mc_buf in, out;
    mc_buf_init(&in, 1 << 20);
    mc_buf_init(&out, 1 << 20);
    for (size_t i = 0; i < sizeof order_cases / sizeof *order_cases; i++) {
        const char *const *lines = order_cases[i];
        size_t n = 0, order[8];
        mc_buf_reset(&in);
        for (; lines[n]; n++)
            order[n] = n;
        for (unsigned seed = 0; seed < 6; seed++) {
            mc_test_case("order %zu, shuffle %u", i, seed);
            unsigned s = seed * 2654435761u + 7;
            shuffle(order, n, &s);
            mc_buf_reset(&in);
            for (size_t k = 0; k < n; k++)
                mc_buf_appendz(&in, lines[order[k]]);
            struct mc_err e;
            mc_err_clear(&e);
            CHECK_INT(canon(c, mc_buf_cstr(&in), MC_RDFC_SHA256, 0, &out, &e), MC_OK);
            mc_buf_reset(&in);
            for (size_t k = 0; k < n; k++)
                mc_buf_appendz(&in, lines[k]);
            CHECK_STR(mc_buf_cstr(&out), mc_buf_cstr(&in));
        }
    }
    mc_test_case("%s", "");
    mc_buf_free(&in);
    mc_buf_free(&out);
    mc_rdfc_free(c);
}

/* Language tags are written as they are, so a dataset built by code can have one with a space or a
 * control character in it: then a literal's line is no longer ordered by the literal alone. */
static void test_order_odd_language(void)
{
    struct mc_rdfc *c = mc_rdfc_new();
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
    struct mc_rdf_term s = { .kind = MC_RDF_IRI, .value = MC_STR("urn:x:s") };
    struct mc_rdf_term p = { .kind = MC_RDF_IRI, .value = MC_STR("urn:x:p") };
    struct mc_rdf_term g = { .kind = MC_RDF_IRI, .value = MC_STR("urn:x:g") };
    struct mc_rdf_term none = { .kind = MC_RDF_DEFAULT };
    static const char *const langs[] = { "en x", "en", "en\x01", "en y" };
    for (int graph = 0; graph < 2; graph++)
        for (size_t i = 0; i < sizeof langs / sizeof *langs; i++) {
            struct mc_rdf_term o = { .kind = MC_RDF_LITERAL,
                                     .value = MC_STR("x"),
                                     .datatype = MC_STR(MC_RDF_LANG_STRING),
                                     .lang = { langs[i], strlen(langs[i]) } };
            struct mc_rdf_quad q = { s, p, o, graph ? g : none };
            CHECK_INT(mc_rdf_dataset_add(ds, &q, NULL), MC_OK);
        }
    struct mc_buf out;
    mc_buf_init(&out, 1 << 20);
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_rdfc_canonicalize(c, ds, NULL, &out, &e), MC_OK);
#define L "<urn:x:s> <urn:x:p> \"x\"@"
    CHECK_STR(mc_buf_cstr(&out),
              L "en\x01 .\n" L "en\x01 <urn:x:g> .\n" L "en .\n" L "en <urn:x:g> .\n" L "en x .\n" L
                "en x <urn:x:g> .\n" L "en y .\n" L "en y <urn:x:g> .\n");
#undef L
    CHECK(lines_sorted(out.data, out.len));
    mc_buf_free(&out);
    mc_rdf_dataset_free(ds);
    mc_rdfc_free(c);
}

/* Canonical identifiers sort as text: _:c14n1, _:c14n10, _:c14n11, _:c14n2. */
static void test_order_many_blank_nodes(void)
{
    struct mc_rdfc *c = mc_rdfc_new();
    struct mc_buf in, out;
    mc_buf_init(&in, 1 << 20);
    mc_buf_init(&out, 1 << 20);
    static const size_t sizes[] = { 2, 10, 11, 12, 99, 100, 101, 120 };
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        mc_test_case("%zu blank nodes", sizes[k]);
        mc_buf_reset(&in);
        for (size_t i = 0; i < sizes[k]; i++)
            mc_buf_printf(&in, "<urn:x:s> <urn:x:p> _:n%zu .\n_:n%zu <urn:x:v> \"%zu\" .\n", i, i,
                          i);
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(canon(c, mc_buf_cstr(&in), MC_RDFC_SHA256, 0, &out, &e), MC_OK);
        CHECK_INT(mc_rdfc_map_count(c), sizes[k]);
        CHECK(lines_sorted(out.data, out.len));
        CHECK(strstr(mc_buf_cstr(&out), "_:c14n1 <urn:x:v>") != NULL);
    }
    mc_test_case("%s", "");
    mc_buf_free(&in);
    mc_buf_free(&out);
    mc_rdfc_free(c);
}

/* Relabelling blank nodes and reordering quads changes nothing. */
static void test_isomorphic(void)
{
    struct mc_rdfc *c = mc_rdfc_new();
    struct mc_buf first, out;
    mc_buf_init(&first, 1 << 20);
    mc_buf_init(&out, 1 << 20);
    for (size_t n = 2; n <= 12; n++) {
        mc_test_case("ring of %zu", n);
        for (unsigned seed = 0; seed < 4; seed++) {
            char *in = ring(n, seed);
            struct mc_err e;
            mc_err_clear(&e);
            CHECK_INT(canon(c, in, MC_RDFC_SHA256, 0, seed ? &out : &first, &e), MC_OK);
            if (seed)
                CHECK_MEM(out.data, out.len, first.data, first.len);
            CHECK_INT(mc_rdfc_map_count(c), n);
            free(in);
        }
    }
    mc_test_case("%s", "");
    mc_buf_free(&first);
    mc_buf_free(&out);
    mc_rdfc_free(c);
}

/* One canonicalizer for many datasets gives what a fresh one gives, and the canonical form is a
 * fixed point. */
static void test_reuse(void)
{
    struct mc_rdfc *shared = mc_rdfc_new();
    struct mc_buf a, b;
    mc_buf_init(&a, 1 << 20);
    mc_buf_init(&b, 1 << 20);
    for (int round = 0; round < 50; round++) {
        char *in = ring((size_t)(round % 9) + 2, (unsigned)round);
        const char *inputs[] = { diamond_in, in, canon_cases[6].in };
        for (size_t i = 0; i < 3; i++) {
            struct mc_rdfc *fresh = mc_rdfc_new();
            enum mc_rdfc_hash h = round % 2 ? MC_RDFC_SHA384 : MC_RDFC_SHA256;
            CHECK_INT(canon(shared, inputs[i], h, 0, &a, NULL), MC_OK);
            CHECK_INT(canon(fresh, inputs[i], h, 0, &b, NULL), MC_OK);
            CHECK_MEM(a.data, a.len, b.data, b.len);
            char *again = mc_xmemdupz(a.data ? a.data : "", a.len);
            CHECK_INT(canon(fresh, again, h, 0, &b, NULL), MC_OK);
            CHECK_MEM(a.data, a.len, b.data, b.len);
            free(again);
            mc_rdfc_free(fresh);
        }
        free(in);
    }
    mc_buf_free(&a);
    mc_buf_free(&b);
    mc_rdfc_free(shared);
}

/* Predicates are ranked by a vocabulary kept between calls: datasets whose predicates are new, in
 * between known ones, too many (over 256) or too long (over 16 KiB) to keep give with one
 * canonicalizer what they give with a fresh one, and the lines stay sorted. */
static void test_vocabulary(void)
{
    struct mc_rdfc *shared = mc_rdfc_new();
    struct mc_buf in, a, b;
    mc_buf_init(&in, 1 << 22);
    mc_buf_init(&a, 1 << 22);
    mc_buf_init(&b, 1 << 22);
    static const struct {
        unsigned first, count, step, pad;
    } sets[] = { { 10, 5, 20, 0 }, { 20, 5, 20, 0 },  { 0, 12, 10, 0 }, { 5, 300, 1, 0 },
                 { 10, 5, 20, 0 }, { 0, 40, 7, 600 }, { 0, 12, 10, 0 }, { 3, 4, 2, 0 } };
    char pad[601];
    memset(pad, 'x', sizeof pad);
    for (int round = 0; round < 2; round++)
        for (size_t k = 0; k < sizeof sets / sizeof *sets; k++) {
            mc_test_case("round %d, predicate set %zu", round, k);
            mc_buf_reset(&in);
            for (unsigned i = 0; i < sets[k].count; i++) {
                unsigned p = sets[k].first + i * sets[k].step;
                mc_buf_printf(&in, "_:s%u <urn:x:p%u%.*s> \"%u\" .\n", i % 3, p, (int)sets[k].pad,
                              pad, p);
                mc_buf_printf(&in, "<urn:x:s> <urn:x:p%u> _:s%u .\n", p, i % 3);
            }
            struct mc_rdfc *fresh = mc_rdfc_new();
            CHECK_INT(canon(shared, mc_buf_cstr(&in), MC_RDFC_SHA256, 0, &a, NULL), MC_OK);
            CHECK_INT(canon(fresh, mc_buf_cstr(&in), MC_RDFC_SHA256, 0, &b, NULL), MC_OK);
            CHECK_MEM(a.data, a.len, b.data, b.len);
            CHECK(lines_sorted(a.data, a.len));
            mc_rdfc_free(fresh);
        }
    mc_test_case("%s", "");
    mc_buf_free(&in);
    mc_buf_free(&a);
    mc_buf_free(&b);
    mc_rdfc_free(shared);
}

/* The W3C suite's poison graph (test074): a clique of blank nodes stops at the work limit. */
static void test_work_limit(void)
{
    struct mc_buf in;
    mc_buf_init(&in, 1 << 20);
    for (int i = 0; i < 10; i++)
        for (int j = 0; j < 10; j++)
            mc_buf_printf(&in, "_:e%d <http:/example.com/p> _:e%d .\n", i, j);
    struct mc_rdfc *c = mc_rdfc_new();
    struct mc_buf out;
    mc_buf_init(&out, 1 << 20);
    mc_buf_appendz(&out, "keep");
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
    CHECK_INT(mc_nquads_parse(ds, in.data, in.len, NULL), MC_OK);
    struct mc_rdfc_options opt = { .max_work = 500 };
    CHECK_INT(mc_rdfc_canonicalize(c, ds, &opt, &out, &e), MC_ERR_TOO_LARGE);
    CHECK(strstr(e.msg, "RDFC-1.0 work limit reached (500 ") != NULL);
    CHECK(strstr(e.msg, "too many indistinguishable blank nodes") != NULL);
    CHECK(mc_rdfc_work(c) > 500 && mc_rdfc_work(c) < 600);
    CHECK_STR(mc_buf_cstr(&out), "keep");
    CHECK_INT(mc_rdfc_map_count(c), 0);
    /* The default limit stops it too. */
    mc_err_clear(&e);
    CHECK_INT(mc_rdfc_canonicalize(c, ds, NULL, &out, &e), MC_ERR_TOO_LARGE);
    CHECK(mc_rdfc_work(c) > MC_RDFC_DEFAULT_MAX_WORK);
    /* A failure leaves the canonicalizer usable. */
    CHECK_INT(canon(c, diamond_in, MC_RDFC_SHA256, 0, &out, &e), MC_OK);
    CHECK_STR(mc_buf_cstr(&out), diamond_sha256);
    /* A ring needs work; a limit just above what it needs is enough. */
    char *r = ring(8, 1);
    CHECK_INT(canon(c, r, MC_RDFC_SHA256, 0, &out, &e), MC_OK);
    uint64_t need = mc_rdfc_work(c);
    CHECK(need > 8);
    CHECK_INT(canon(c, r, MC_RDFC_SHA256, need, &out, &e), MC_OK);
    CHECK_INT(canon(c, r, MC_RDFC_SHA256, need - 1, &out, &e), MC_ERR_TOO_LARGE);
    free(r);
    mc_rdf_dataset_free(ds);
    mc_buf_free(&out);
    mc_buf_free(&in);
    mc_rdfc_free(c);
}

/* Datasets built by code that are not RDF, and a capped output buffer. */
static void test_errors(void)
{
    struct mc_rdfc *c = mc_rdfc_new();
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
    struct mc_rdf_term iri = { .kind = MC_RDF_IRI, .value = MC_STR("urn:x:a") };
    struct mc_rdf_term blank = { .kind = MC_RDF_BLANK, .value = MC_STR("b") };
    struct mc_rdf_term lit = { .kind = MC_RDF_LITERAL,
                               .value = MC_STR("l"),
                               .datatype = MC_STR(MC_RDF_XSD_STRING) };
    struct mc_rdf_term dflt = { .kind = MC_RDF_DEFAULT };
    const struct {
        struct mc_rdf_quad q;
        const char *msg;
    } bad[] = {
        { { iri, blank, iri, dflt }, "its predicate is a blank node (generalized RDF" },
        { { lit, iri, iri, dflt }, "its subject is a literal" },
        { { iri, iri, iri, lit }, "its graph is a literal" },
        { { dflt, iri, iri, dflt }, "its subject is missing" },
        { { iri, iri, dflt, dflt }, "its object is missing" },
    };
    struct mc_buf out;
    mc_buf_init(&out, 1 << 20);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        mc_test_case("invalid %zu", i);
        mc_rdf_dataset_reset(ds);
        struct mc_rdf_quad ok = { blank, iri, lit, dflt };
        CHECK_INT(mc_rdf_dataset_add(ds, &ok, NULL), MC_OK);
        CHECK_INT(mc_rdf_dataset_add(ds, &bad[i].q, NULL), MC_OK);
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_rdfc_canonicalize(c, ds, NULL, &out, &e), MC_ERR_INVALID);
        CHECK(strstr(e.msg, "quad 2 is not valid RDF") != NULL);
        if (!CHECK(strstr(e.msg, bad[i].msg) != NULL))
            fprintf(stderr, "  message: %s\n", e.msg);
        CHECK_INT(out.len, 0);
    }
    mc_test_case("%s", "");
    mc_buf_free(&out);

    struct mc_buf small;
    mc_buf_init(&small, 40);
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(canon(c, diamond_in, MC_RDFC_SHA256, 0, &small, &e), MC_ERR_TOO_LARGE);
    CHECK_INT(small.len, 0);
    CHECK(strstr(e.msg, "larger than 40 bytes") != NULL);
    mc_buf_free(&small);
    mc_rdf_dataset_free(ds);
    mc_rdfc_free(c);
}

int main(void)
{
    test_diamond();
    test_cases();
    test_isomorphic();
    test_order();
    test_order_odd_language();
    test_order_many_blank_nodes();
    test_reuse();
    test_vocabulary();
    test_work_limit();
    test_errors();
    return mc_test_done();
}
