/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/ld/nquads.c (the N-Quads grammar, canonical output) and src/ld/dataset.c. */
#include <stdio.h>
#include <string.h>

#include "ld/nquads.h"
#include "mcred/rdf.h"
#include "test.h"

#define S "<http://a.example/s> "
#define P "<http://a.example/p> "
#define O "<http://a.example/o> "
#define G "<http://a.example/g> "

/* Input that parses, and what writing it back gives. */
struct ok_case {
    const char *name;
    const char *in;
    size_t len; /* 0: strlen(in) */
    const char *want;
};

static const struct ok_case ok_cases[] = {
    { "empty", "", 0, "" },
    { "blank lines and comments", "\n\n# comment\n   \t\n#\r\n", 0, "" },
    { "triple", S P O ".\n", 0, S P O ".\n" },
    { "quad", S P O G ".\n", 0, S P O G ".\n" },
    { "blank graph", S P O "_:g .\n", 0, S P O "_:g .\n" },
    { "no final line break", S P O ".", 0, S P O ".\n" },
    { "CR LF", S P O ".\r\n" S P O G ".\r\n", 0, S P O ".\n" S P O G ".\n" },
    { "CR", S P O ".\r" S P O G ".\r", 0, S P O ".\n" S P O G ".\n" },
    { "tabs and runs of spaces", "\t<http://a.example/s>  \t<http://a.example/p>\t\"x\"\t.  \n", 0,
      S P "\"x\" .\n" },
    { "no space between terms", "<http://a.example/s><http://a.example/p><http://a.example/o>.", 0,
      S P O ".\n" },
    { "comment after the statement", S P O ". # a comment\n", 0, S P O ".\n" },
    { "comment with no space", S P O ".#c", 0, S P O ".\n" },
    { "duplicates are kept", S P O ".\n" S P O ".\n", 0, S P O ".\n" S P O ".\n" },
    { "blank nodes", "_:s " P "_:o .\n", 0, "_:s " P "_:o .\n" },
    { "label: digit first", "_:0 " P "_:9a .", 0, "_:0 " P "_:9a .\n" },
    { "label: underscore and colon", "_:_a:b " P O ".", 0, "_:_a:b " P O ".\n" },
    { "label: dots inside", "_:a.b.c " P O ".", 0, "_:a.b.c " P O ".\n" },
    { "label: the final dot ends the statement", S P "_:o.", 0, S P "_:o .\n" },
    { "label: hyphen and middle dot",
      "_:a-b\xc2\xb7"
      "c " P O ".",
      0,
      "_:a-b\xc2\xb7"
      "c " P O ".\n" },
    { "label: non-ASCII", "_:\xc3\xa9t\xc3\xa9 " P O ".", 0, "_:\xc3\xa9t\xc3\xa9 " P O ".\n" },
    { "label: combining mark inside", "_:a\xcc\x81 " P O ".", 0, "_:a\xcc\x81 " P O ".\n" },
    { "plain literal", S P "\"hello\" .", 0, S P "\"hello\" .\n" },
    { "empty literal", S P "\"\" .", 0, S P "\"\" .\n" },
    { "xsd:string is dropped", S P "\"x\"^^<http://www.w3.org/2001/XMLSchema#string> .", 0,
      S P "\"x\" .\n" },
    { "datatype", S P "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .", 0,
      S P "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n" },
    { "datatype after spaces", S P "\"1\" ^^ <http://x.example/dt> .", 0,
      S P "\"1\"^^<http://x.example/dt> .\n" },
    { "language", S P "\"chat\"@fr .", 0, S P "\"chat\"@fr .\n" },
    { "language with subtags", S P "\"x\"@en-GB-oed .", 0, S P "\"x\"@en-GB-oed .\n" },
    { "language case is kept", S P "\"x\"@EN-us .", 0, S P "\"x\"@EN-us .\n" },
    { "literal in a graph", S P "\"x\"@en " G ".", 0, S P "\"x\"@en " G ".\n" },
    { "ECHAR", S P "\"\\t\\b\\n\\r\\f\\\"\\'\\\\\" .", 0, S P "\"\\t\\b\\n\\r\\f\\\"'\\\\\" .\n" },
    { "UCHAR in a literal", S P "\"\\u00e9\\U0001F600\\u0041\" .", 0,
      S P "\"\xc3\xa9\xf0\x9f\x98\x80"
          "A\" .\n" },
    { "UCHAR for controls", S P "\"\\u0000\\u0001\\u001f\\u007f\\u0080\" .", 0,
      S P "\"\\u0000\\u0001\\u001F\\u007F\xc2\x80\" .\n" },
    { "UCHAR for ECHAR characters", S P "\"\\u0022\\u005C\\u000A\\u000d\\u0009\\u0008\\u000C\" .",
      0, S P "\"\\\"\\\\\\n\\r\\t\\b\\f\" .\n" },
    { "raw control characters", S P "\"a\tb\x01\x7f\" .", 0, S P "\"a\\tb\\u0001\\u007F\" .\n" },
    { "NUL in a literal", S P "\"a\0b\" .", sizeof(S P "\"a\0b\" .") - 1, S P "\"a\\u0000b\" .\n" },
    { "UCHAR in IRIs", "<http://a.example/\\u00e9> " P "<urn:x:\\U0001F600> .", 0,
      "<http://a.example/\xc3\xa9> " P "<urn:x:\xf0\x9f\x98\x80> .\n" },
    { "raw non-ASCII IRI", "<http://\xc3\xa9.example/> " P O ".", 0,
      "<http://\xc3\xa9.example/> " P O ".\n" },
    { "odd but absolute IRIs", "<a:b> <x+y-z.w:> <http:/example.com/p> .", 0,
      "<a:b> <x+y-z.w:> <http:/example.com/p> .\n" },
    { "literal that looks like a comment", S P "\"# not a comment\" .", 0,
      S P "\"# not a comment\" .\n" },
};

/* Input that does not parse: where and what the message says. */
struct bad_case {
    const char *name;
    const char *in;
    size_t len;
    const char *where;
    const char *msg; /* a part of the message */
    enum mc_rc rc;
};

static const struct bad_case bad_cases[] = {
    { "no dot", S P O, 0, "line 1, column 64", "or '.' to end the statement", MC_ERR_INVALID },
    { "no dot after graph", S P O G, 0, "line 1, column 85", "expected '.' to end the statement",
      MC_ERR_INVALID },
    { "two statements on a line", S P O ". " S P O ".", 0, "line 1, column 66",
      "expected the end of the line after '.'", MC_ERR_INVALID },
    { "relative subject", "<s> " P O ".", 0, "line 1, column 1", "absolute subject IRI",
      MC_ERR_INVALID },
    { "relative predicate", S "<#p> " O ".", 0, "line 1, column 22", "absolute predicate IRI",
      MC_ERR_INVALID },
    { "relative object", S P "<../o> .", 0, "line 1, column 43", "relative reference <../o>",
      MC_ERR_INVALID },
    { "relative graph", S P O "<g> .", 0, "line 1, column 64", "absolute graph IRI",
      MC_ERR_INVALID },
    { "relative datatype", S P "\"x\"^^<dt> .", 0, "line 1, column 48", "absolute datatype IRI",
      MC_ERR_INVALID },
    { "empty IRI", "<> " P O ".", 0, "line 1, column 1", "absolute subject IRI", MC_ERR_INVALID },
    { "scheme starting with a digit", "<1a:b> " P O ".", 0, "line 1, column 1", "relative",
      MC_ERR_INVALID },
    { "blank predicate", S "_:p " O ".", 0, "line 1, column 22", "expected a predicate",
      MC_ERR_INVALID },
    { "literal subject", "\"s\" " P O ".", 0, "line 1, column 1", "expected a subject",
      MC_ERR_INVALID },
    { "literal predicate", S "\"p\" " O ".", 0, "line 1, column 22", "expected a predicate",
      MC_ERR_INVALID },
    { "literal graph", S P O "\"g\" .", 0, "line 1, column 64", "expected a graph label",
      MC_ERR_INVALID },
    { "missing object", S P ".", 0, "line 1, column 43", "expected an object", MC_ERR_INVALID },
    { "prefixed name", "ex:s " P O ".", 0, "line 1, column 1", "found 'e'", MC_ERR_INVALID },
    { "space in an IRI", "<http://a.example/a b> " P O ".", 0, "line 1, column 20",
      "an IRI cannot contain white space", MC_ERR_INVALID },
    { "brace in an IRI", "<http://a.example/{a}> " P O ".", 0, "line 1, column 19",
      "an IRI cannot contain '{'", MC_ERR_INVALID },
    { "escaped space in an IRI", "<http://a.example/a\\u0020b> " P O ".", 0, "line 1, column 20",
      "which an IRI cannot contain", MC_ERR_INVALID },
    { "ECHAR in an IRI", "<http://a.example/a\\nb> " P O ".", 0, "line 1, column 20",
      "other escapes are only for literals", MC_ERR_INVALID },
    { "unterminated IRI", "<http://a.example/s", 0, "line 1, column 20", "expected '>'",
      MC_ERR_INVALID },
    { "IRI cut by a line break", "<http://a.example/s\n> " P O ".", 0, "line 1, column 20",
      "found the end of the line", MC_ERR_INVALID },
    { "bad UCHAR", S P "\"\\u00ZZ\" .", 0, "line 1, column 48", "expected 4 hex digits after '\\u'",
      MC_ERR_INVALID },
    { "short \\U", S P "\"\\U0001F60\" .", 0, "line 1, column 53",
      "expected 8 hex digits after '\\U'", MC_ERR_INVALID },
    { "surrogate", S P "\"\\uD83D\\uDE00\" .", 0, "line 1, column 44", "surrogate",
      MC_ERR_INVALID },
    { "beyond U+10FFFF", S P "\"\\U00110000\" .", 0, "line 1, column 44", "beyond U+10FFFF",
      MC_ERR_INVALID },
    { "bad ECHAR", S P "\"a\\x\" .", 0, "line 1, column 46", "expected an escape after '\\'",
      MC_ERR_INVALID },
    { "unterminated literal", S P "\"abc", 0, "line 1, column 43", "before the end of the input",
      MC_ERR_INVALID },
    { "line break in a literal", S P "\"ab\nc\" .", 0, "line 1, column 46",
      "before the end of the line", MC_ERR_INVALID },
    { "single-quoted literal", S P "'x' .", 0, "line 1, column 43", "expected an object",
      MC_ERR_INVALID },
    { "long literal", S P "\"\"\"x\"\"\" .", 0, "line 1, column 45", "found '\"'", MC_ERR_INVALID },
    { "empty language", S P "\"x\"@ .", 0, "line 1, column 47", "expected a language tag",
      MC_ERR_INVALID },
    { "language ends with '-'", S P "\"x\"@en- .", 0, "line 1, column 50",
      "expected letters or digits after '-'", MC_ERR_INVALID },
    { "language starting with a digit", S P "\"x\"@1 .", 0, "line 1, column 47",
      "expected a language tag", MC_ERR_INVALID },
    { "single caret", S P "\"x\"^<http://a.example/d> .", 0, "line 1, column 46", "expected '^^'",
      MC_ERR_INVALID },
    { "caret caret without IRI", S P "\"x\"^^ex:d .", 0, "line 1, column 48",
      "expected a datatype IRI", MC_ERR_INVALID },
    { "language and datatype", S P "\"x\"@en^^<http://a.example/d> .", 0, "line 1, column 49",
      "or '.' to end the statement", MC_ERR_INVALID },
    { "underscore without colon", "_a " P O ".", 0, "line 1, column 2", "expected ':' after '_'",
      MC_ERR_INVALID },
    { "empty label", "_: " P O ".", 0, "line 1, column 3", "expected a blank node label",
      MC_ERR_INVALID },
    { "label starting with '-'", "_:-a " P O ".", 0, "line 1, column 3",
      "expected a blank node label", MC_ERR_INVALID },
    { "label starting with '.'", "_:.a " P O ".", 0, "line 1, column 3",
      "expected a blank node label", MC_ERR_INVALID },
    { "label followed by junk", "_:a! " P O ".", 0, "line 1, column 4", "found '!'",
      MC_ERR_INVALID },
    { "label then two dots", S P "_:o..", 0, "line 1, column 47", "expected the end of the line",
      MC_ERR_INVALID },
    { "line numbers", "# one\n\n" S P O ".\n" S "<p> " O ".\n", 0, "line 4, column 22",
      "absolute predicate IRI", MC_ERR_INVALID },
    { "CR LF is one line break", "# one\r\n\r\n" S "<p> " O ".\n", 0, "line 3, column 22",
      "absolute predicate IRI", MC_ERR_INVALID },
    { "columns count characters", "<http://\xc3\xa9.example/> <p> " O ".", 0, "line 1, column 21",
      "absolute predicate IRI", MC_ERR_INVALID },
    { "invalid UTF-8", "# ok\n" S P "\"a\xff\" .", 0, "line 2, column 45", "expected UTF-8 text",
      MC_ERR_INVALID },
    { "overlong UTF-8", S P "\"\xc0\xaf\" .", 0, "line 1, column 44", "0xC0", MC_ERR_INVALID },
    { "UTF-8 surrogate", S P "\"\xed\xa0\x80\" .", 0, "line 1, column 44", "expected UTF-8 text",
      MC_ERR_INVALID },
    { "NUL outside a literal", S P O ".\0", sizeof(S P O ".\0") - 1, "line 1, column 65",
      "expected the end of the line", MC_ERR_INVALID },
    { "control character", "\x01", 0, "line 1, column 1", "the control character U+0001",
      MC_ERR_INVALID },
};

static void test_ok(void)
{
    for (size_t i = 0; i < sizeof ok_cases / sizeof *ok_cases; i++) {
        const struct ok_case *c = &ok_cases[i];
        mc_test_case("ok: %s", c->name);
        struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
        struct mc_err e;
        mc_err_clear(&e);
        size_t len = c->len ? c->len : strlen(c->in);
        if (!CHECK_INT(mc_nquads_parse(ds, c->in, len, &e), MC_OK)) {
            fprintf(stderr, "  %s: %s\n", e.where, e.msg);
            mc_rdf_dataset_free(ds);
            continue;
        }
        struct mc_buf out;
        mc_buf_init(&out, 1 << 20);
        CHECK_INT(mc_nquads_write(&out, ds, &e), MC_OK);
        CHECK_STR(mc_buf_cstr(&out), c->want);
        /* The output is N-Quads that reads back to itself. */
        struct mc_rdf_dataset *again = mc_rdf_dataset_new(0);
        struct mc_buf out2;
        mc_buf_init(&out2, 1 << 20);
        CHECK_INT(mc_nquads_parse(again, out.data ? out.data : "", out.len, &e), MC_OK);
        CHECK_INT(mc_rdf_dataset_count(again), mc_rdf_dataset_count(ds));
        CHECK_INT(mc_nquads_write(&out2, again, &e), MC_OK);
        CHECK_MEM(out2.data, out2.len, out.data, out.len);
        mc_buf_free(&out);
        mc_buf_free(&out2);
        mc_rdf_dataset_free(again);
        mc_rdf_dataset_free(ds);
    }
    mc_test_case("%s", "");
}

static void test_bad(void)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof *bad_cases; i++) {
        const struct bad_case *c = &bad_cases[i];
        mc_test_case("bad: %s", c->name);
        struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
        /* A quad from before must survive a failed parse. */
        const char *first = S P O ".\n";
        CHECK_INT(mc_nquads_parse(ds, first, strlen(first), NULL), MC_OK);
        struct mc_err e;
        mc_err_clear(&e);
        size_t len = c->len ? c->len : strlen(c->in);
        CHECK_INT(mc_nquads_parse(ds, c->in, len, &e), c->rc);
        CHECK_STR(e.where, c->where);
        if (!CHECK(strstr(e.msg, c->msg) != NULL))
            fprintf(stderr, "  message: %s\n", e.msg);
        CHECK_INT(mc_rdf_dataset_count(ds), 1);
        mc_rdf_dataset_free(ds);
    }
    mc_test_case("%s", "");
}

/* The parsed terms themselves, not only their text. */
static void test_terms(void)
{
    const char *in =
            "_:b1 " P "\"v\"@en " G ".\n" S P "\"7\"^^<http://x.example/int> .\n" S P "\"s\" .\n";
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
    CHECK_INT(mc_nquads_parse(ds, in, strlen(in), NULL), MC_OK);
    CHECK_INT(mc_rdf_dataset_count(ds), 3);
    const struct mc_rdf_quad *q = mc_rdf_dataset_quads(ds);
    CHECK_INT(q[0].subject.kind, MC_RDF_BLANK);
    CHECK(mc_str_eqz(q[0].subject.value, "b1"));
    CHECK_INT(q[0].predicate.kind, MC_RDF_IRI);
    CHECK(mc_str_eqz(q[0].predicate.value, "http://a.example/p"));
    CHECK_INT(q[0].object.kind, MC_RDF_LITERAL);
    CHECK(mc_str_eqz(q[0].object.value, "v"));
    CHECK(mc_str_eqz(q[0].object.lang, "en"));
    CHECK(mc_str_eqz(q[0].object.datatype, MC_RDF_LANG_STRING));
    CHECK_INT(q[0].graph.kind, MC_RDF_IRI);
    CHECK(mc_str_eqz(q[1].object.datatype, "http://x.example/int"));
    CHECK_INT(q[1].object.lang.len, 0);
    CHECK_INT(q[1].graph.kind, MC_RDF_DEFAULT);
    CHECK(mc_str_eqz(q[2].object.datatype, MC_RDF_XSD_STRING));
    mc_rdf_dataset_reset(ds);
    CHECK_INT(mc_rdf_dataset_count(ds), 0);
    CHECK_INT(mc_nquads_parse(ds, in, strlen(in), NULL), MC_OK);
    CHECK_INT(mc_rdf_dataset_count(ds), 3);
    mc_rdf_dataset_free(ds);
}

static void test_limit(void)
{
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(2);
    const char *in = S P "\"1\" .\n" S P "\"2\" .\n" S P "\"3\" .\n";
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_nquads_parse(ds, in, strlen(in), &e), MC_ERR_TOO_LARGE);
    CHECK(strstr(e.msg, "more than 2 quads") != NULL);
    CHECK_STR(e.where, "line 3, column 1");
    CHECK_INT(mc_rdf_dataset_count(ds), 0);
    CHECK_INT(mc_nquads_parse(ds, in, strlen(S P "\"1\" .\n") * 2, &e), MC_OK);
    CHECK_INT(mc_rdf_dataset_count(ds), 2);
    struct mc_rdf_quad q = mc_rdf_dataset_quads(ds)[0];
    CHECK_INT(mc_rdf_dataset_add(ds, &q, &e), MC_ERR_TOO_LARGE);
    CHECK_INT(mc_rdf_dataset_count(ds), 2);
    mc_rdf_dataset_truncate(ds, 1);
    CHECK_INT(mc_rdf_dataset_count(ds), 1);
    CHECK_INT(mc_rdf_dataset_add(ds, &q, &e), MC_OK);
    mc_rdf_dataset_free(ds);
}

/* mc_rdf_dataset_add copies; terms built by code are written with the same escaping. */
static void test_add_and_write(void)
{
    char s[] = "http://a.example/s", lit[] = "a\"b\\c\nd\re\tf\bg\fh\x01i\x7fj\xc3\xa9";
    struct mc_rdf_quad q = {
        .subject = { .kind = MC_RDF_IRI, .value = { s, sizeof s - 1 } },
        .predicate = { .kind = MC_RDF_IRI, .value = MC_STR("http://a.example/p") },
        .object = { .kind = MC_RDF_LITERAL,
                    .value = { lit, sizeof lit - 1 },
                    .datatype = MC_STR(MC_RDF_XSD_STRING) },
        .graph = { .kind = MC_RDF_BLANK, .value = MC_STR("g1") },
    };
    struct mc_rdf_dataset *ds = mc_rdf_dataset_new(0);
    CHECK_INT(mc_rdf_dataset_add(ds, &q, NULL), MC_OK);
    memset(s, 'x', sizeof s - 1);
    memset(lit, 'x', sizeof lit - 1);
    struct mc_buf out;
    mc_buf_init(&out, 1 << 20);
    CHECK_INT(mc_nquads_write(&out, ds, NULL), MC_OK);
    CHECK_STR(mc_buf_cstr(&out),
              S P "\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u007Fj\xc3\xa9\" _:g1 .\n");

    /* An IRI no parser would give still comes out as N-Quads that parse. */
    struct mc_rdf_term bad = { .kind = MC_RDF_IRI, .value = MC_STR("http://a.example/a b<>") };
    mc_buf_reset(&out);
    CHECK_INT(mc_nquads_write_term(&out, &bad, NULL), MC_OK);
    CHECK_STR(mc_buf_cstr(&out), "<http://a.example/a\\u0020b\\u003C\\u003E>");
    struct mc_rdf_term dflt = { .kind = MC_RDF_DEFAULT };
    mc_buf_reset(&out);
    CHECK_INT(mc_nquads_write_term(&out, &dflt, NULL), MC_OK);
    CHECK_INT(out.len, 0);
    struct mc_rdf_term lang = { .kind = MC_RDF_LITERAL,
                                .value = MC_STR("x"),
                                .datatype = MC_STR(MC_RDF_LANG_STRING),
                                .lang = MC_STR("de") };
    CHECK_INT(mc_nquads_write_term(&out, &lang, NULL), MC_OK);
    CHECK_STR(mc_buf_cstr(&out), "\"x\"@de");
    mc_buf_free(&out);

    /* A capped buffer: MC_ERR_TOO_LARGE and nothing half-written. */
    struct mc_buf small;
    mc_buf_init(&small, 30);
    mc_buf_appendz(&small, "keep");
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_nquads_write(&small, ds, &e), MC_ERR_TOO_LARGE);
    CHECK_STR(mc_buf_cstr(&small), "keep");
    CHECK(strstr(e.msg, "larger than 30 bytes") != NULL);
    mc_buf_free(&small);
    mc_rdf_dataset_free(ds);
}

/* The escaping of one byte (not NUL), as the canonical form wants it, written plainly. */
static void reference_escape(struct mc_buf *b, unsigned char c, bool iri)
{
    static const char from[] = "\b\t\n\f\r\"\\", to[] = "btnfr\"\\";
    bool forbidden = iri ? c <= 0x20 || strchr("<>\"{}|^`\\", (char)c)
                         : c < 0x20 || c == '"' || c == '\\' || c == 0x7F;
    const char *echar = iri ? NULL : strchr(from, (char)c);
    if (!forbidden) {
        mc_buf_putc(b, (char)c);
    } else if (echar) {
        mc_buf_putc(b, '\\');
        mc_buf_putc(b, to[echar - from]);
    } else {
        mc_buf_printf(b, "\\u00%c%c", "0123456789ABCDEF"[c >> 4], "0123456789ABCDEF"[c & 15]);
    }
}

/* Terms are scanned many bytes at a step: every byte value, at every place of a term longer than
 * a step, is escaped exactly as a byte-at-a-time writer would. */
static void test_escape_everywhere(void)
{
    struct mc_buf got, want;
    mc_buf_init(&got, 1 << 20);
    mc_buf_init(&want, 1 << 20);
    char text[40];
    size_t bad = 0;
    for (int iri = 0; iri < 2; iri++)
        for (unsigned c = 1; c < 256; c++)
            for (size_t at = 0; at < sizeof text; at += 3) {
                memset(text, 'a', sizeof text);
                text[at] = (char)c;
                struct mc_rdf_term t = { .kind = iri ? MC_RDF_IRI : MC_RDF_LITERAL,
                                         .value = { text, sizeof text },
                                         .datatype = MC_STR(MC_RDF_XSD_STRING) };
                mc_buf_reset(&got);
                mc_buf_reset(&want);
                mc_nquads_write_term(&got, &t, NULL);
                mc_buf_putc(&want, iri ? '<' : '"');
                for (size_t i = 0; i < sizeof text; i++)
                    reference_escape(&want, (unsigned char)text[i], iri);
                mc_buf_putc(&want, iri ? '>' : '"');
                if (got.len != want.len || memcmp(got.data, want.data, got.len))
                    bad++;
                /* Canonicalization writes terms in place, the same text. */
                char in_place[6 * (sizeof text + sizeof MC_RDF_XSD_STRING) + 8];
                if (ld_nquads_term_room(&t) > sizeof in_place) {
                    bad++;
                    continue;
                }
                size_t n = ld_nquads_put_term(in_place, &t);
                if (n != want.len || memcmp(in_place, want.data, n))
                    bad++;
            }
    CHECK_INT(bad, 0);
    mc_buf_free(&got);
    mc_buf_free(&want);
}

int main(void)
{
    test_ok();
    test_bad();
    test_terms();
    test_limit();
    test_add_and_write();
    test_escape_everywhere();
    return mc_test_done();
}
