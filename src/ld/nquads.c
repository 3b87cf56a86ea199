/* SPDX-License-Identifier: Apache-2.0 */
/*
 * N-Quads: the RDF 1.1 N-Quads grammar (https://www.w3.org/TR/n-quads/) in, canonical N-Quads
 * (RDF 1.2 N-Quads "Canonical N-Quads", as RDFC-1.0 uses it) out.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "base/hex.h"
#include "base/utf8.h"
#include "ld/nquads.h"
#include "mcred/rdf.h"

/* ---- parsing ---- */

struct parser {
    const char *p;
    size_t len, pos;
    struct mc_rdf_dataset *ds;
    struct mc_buf scratch; /* unescaped text of the term being read */
    struct mc_err *e;
};

/* Line and column (both from 1, the column in characters) of byte `at`. Only used for errors, so
 * it rescans from the start rather than tracking lines while parsing. CR LF is one line break. */
static void line_col(const char *p, size_t at, size_t *line, size_t *col)
{
    size_t l = 1, start = 0;
    for (size_t i = 0; i < at; i++) {
        if (p[i] == '\n' || p[i] == '\r') {
            if (p[i] == '\r' && i + 1 < at && p[i + 1] == '\n')
                i++;
            l++;
            start = i + 1;
        }
    }
    size_t c = 1;
    for (size_t i = start; i < at; i++)
        if (((unsigned char)p[i] & 0xC0) != 0x80) /* count lead bytes, not continuations */
            c++;
    *line = l;
    *col = c;
}

static enum mc_rc fail_at(struct parser *ps, size_t at, enum mc_rc rc, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static enum mc_rc fail_at(struct parser *ps, size_t at, enum mc_rc rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(ps->e, rc, fmt, ap);
    va_end(ap);
    size_t line, col;
    line_col(ps->p, at, &line, &col);
    mc_err_where(ps->e, "line %zu, column %zu", line, col);
    return rc;
}

#define FAIL(ps, at, ...) fail_at((ps), (at), MC_ERR_INVALID, __VA_ARGS__)

/* What is at `at`, for messages: "'x'", "the end of the line", "the end of the input". */
static const char *found(const struct parser *ps, size_t at, char *tmp, size_t n)
{
    if (at >= ps->len)
        return "the end of the input";
    unsigned char c = (unsigned char)ps->p[at];
    if (c == '\n' || c == '\r')
        return "the end of the line";
    if (c == ' ' || c == '\t')
        return "white space";
    if (c < 0x20 || c == 0x7F) {
        snprintf(tmp, n, "the control character U+%04X", c);
        return tmp;
    }
    size_t cl = 1;
    if (c >= 0x80)
        mc_utf8_decode(ps->p + at, ps->len - at, &cl);
    snprintf(tmp, n, "'%.*s'", (int)cl, ps->p + at);
    return tmp;
}

static bool at_eol(const struct parser *ps)
{
    return ps->pos >= ps->len || ps->p[ps->pos] == '\n' || ps->p[ps->pos] == '\r';
}

static void skip_ws(struct parser *ps)
{
    while (ps->pos < ps->len && (ps->p[ps->pos] == ' ' || ps->p[ps->pos] == '\t'))
        ps->pos++;
}

/* Read the UCHAR at ps->pos ('\' then 'u' or 'U'): the code point, and ps->pos moves past it. */
static enum mc_rc read_uchar(struct parser *ps, uint32_t *cp)
{
    size_t at = ps->pos;
    size_t digits = ps->p[at + 1] == 'u' ? 4 : 8;
    uint32_t v = 0;
    for (size_t i = 0; i < digits; i++) {
        size_t k = at + 2 + i;
        int h = k < ps->len ? mc_hex_digit(ps->p[k]) : -1;
        if (h < 0) {
            char tmp[48];
            return FAIL(ps, k, "expected %zu hex digits after '\\%c', found %s", digits,
                        ps->p[at + 1], found(ps, k, tmp, sizeof tmp));
        }
        v = v << 4 | (uint32_t)h;
    }
    if (v >= 0xD800 && v <= 0xDFFF)
        return FAIL(ps, at, "'%.*s' is a UTF-16 surrogate, not a character", (int)digits + 2,
                    ps->p + at);
    if (v > 0x10FFFF)
        return FAIL(ps, at, "'%.*s' is beyond U+10FFFF, the last Unicode character",
                    (int)digits + 2, ps->p + at);
    ps->pos = at + 2 + digits;
    *cp = v;
    return MC_OK;
}

static bool iri_forbidden(uint32_t c)
{
    /* 0x00-0x20 and <>"{}|^`\ */
    static const bool forbidden[128] = {
        [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
        [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
        [0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
        [0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
        [0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, [' '] = 1,  ['<'] = 1,  ['>'] = 1,
        ['"'] = 1,  ['{'] = 1,  ['}'] = 1,  ['|'] = 1,  ['^'] = 1,  ['`'] = 1,  ['\\'] = 1,
    };
    return c < 128 && forbidden[c];
}

/* A scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":". */
static bool has_scheme(struct mc_str s)
{
    if (s.len == 0 || !((s.p[0] | 0x20) >= 'a' && (s.p[0] | 0x20) <= 'z'))
        return false;
    for (size_t i = 1; i < s.len; i++) {
        char c = s.p[i];
        if (c == ':')
            return true;
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9') && c != '+' &&
            c != '-' && c != '.')
            return false;
    }
    return false;
}

/* IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>', and it must be absolute. */
static enum mc_rc parse_iri(struct parser *ps, const char *what, struct mc_str *out)
{
    size_t open = ps->pos++;
    size_t start = ps->pos;
    bool escaped = false;
    mc_buf_reset(&ps->scratch);
    for (;;) {
        if (ps->pos >= ps->len || ps->p[ps->pos] == '\n' || ps->p[ps->pos] == '\r') {
            char tmp[48];
            return FAIL(ps, ps->pos, "expected '>' to end the %s IRI, found %s", what,
                        found(ps, ps->pos, tmp, sizeof tmp));
        }
        unsigned char c = (unsigned char)ps->p[ps->pos];
        if (c == '>')
            break;
        if (c == '\\') {
            if (ps->pos + 1 >= ps->len || (ps->p[ps->pos + 1] != 'u' && ps->p[ps->pos + 1] != 'U'))
                return FAIL(ps, ps->pos,
                            "expected \\uXXXX or \\UXXXXXXXX after '\\' in an IRI (other escapes "
                            "are only for literals)");
            if (!escaped) {
                escaped = true;
                mc_buf_append(&ps->scratch, ps->p + start, ps->pos - start);
            }
            size_t at = ps->pos;
            uint32_t cp;
            enum mc_rc rc = read_uchar(ps, &cp);
            if (rc)
                return rc;
            if (iri_forbidden(cp))
                return FAIL(ps, at,
                            "'%.*s' stands for U+%04X, which an IRI cannot contain, escaped or not",
                            (int)(ps->pos - at), ps->p + at, (unsigned)cp);
            mc_utf8_encode(&ps->scratch, cp);
            continue;
        }
        if (iri_forbidden(c)) {
            char tmp[48];
            return FAIL(ps, ps->pos, "an IRI cannot contain %s; expected '>' to end the %s IRI",
                        found(ps, ps->pos, tmp, sizeof tmp), what);
        }
        if (escaped)
            mc_buf_putc(&ps->scratch, (char)c);
        ps->pos++;
    }
    struct mc_str v = escaped ? (struct mc_str){ ps->scratch.data, ps->scratch.len }
                              : (struct mc_str){ ps->p + start, ps->pos - start };
    ps->pos++; /* '>' */
    if (!has_scheme(v))
        return FAIL(ps, open,
                    "expected an absolute %s IRI (with a scheme, such as https:), found the "
                    "relative reference <%.*s>",
                    what, MC_STR_FMT(mc_str_sub(v, 0, 200)));
    *out = mc_rdf_dataset_strdup(ps->ds, v);
    return MC_OK;
}

/* PN_CHARS_BASE of the N-Quads grammar. */
static bool pn_chars_base(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0xD6) ||
           (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) || (c >= 0x370 && c <= 0x37D) ||
           (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
           (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) ||
           (c >= 0x3001 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
           (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}

/* PN_CHARS_U ::= PN_CHARS_BASE | '_' | ':' */
static bool pn_chars_u(uint32_t c)
{
    return pn_chars_base(c) || c == '_' || c == ':';
}

/* PN_CHARS ::= PN_CHARS_U | '-' | [0-9] | #x00B7 | [#x0300-#x036F] | [#x203F-#x2040] */
static bool pn_chars(uint32_t c)
{
    return pn_chars_u(c) || c == '-' || (c >= '0' && c <= '9') || c == 0xB7 ||
           (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}

/* The code point at `at` (the input is valid UTF-8, checked up front) and its length. */
static uint32_t cp_at(const struct parser *ps, size_t at, size_t *n)
{
    unsigned char c = (unsigned char)ps->p[at];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    return (uint32_t)mc_utf8_decode(ps->p + at, ps->len - at, n);
}

/* BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)? */
static enum mc_rc parse_blank(struct parser *ps, struct mc_str *out)
{
    size_t at = ps->pos;
    if (at + 1 >= ps->len || ps->p[at + 1] != ':') {
        char tmp[48];
        return FAIL(ps, at + 1, "expected ':' after '_' to start a blank node label, found %s",
                    found(ps, at + 1, tmp, sizeof tmp));
    }
    size_t start = at + 2, i = start, n;
    uint32_t c = i < ps->len ? cp_at(ps, i, &n) : 0;
    if (i >= ps->len || !(pn_chars_u(c) || (c >= '0' && c <= '9'))) {
        char tmp[48];
        return FAIL(ps, i,
                    "expected a blank node label after '_:' (a letter, digit or '_'), found %s",
                    found(ps, i, tmp, sizeof tmp));
    }
    i += n;
    size_t end = i; /* just past the last PN_CHARS: a label cannot end with '.' */
    while (i < ps->len) {
        c = cp_at(ps, i, &n);
        if (c == '.') {
            i += n;
            continue;
        }
        if (!pn_chars(c))
            break;
        i += n;
        end = i;
    }
    ps->pos = end;
    *out = mc_rdf_dataset_strdup(ps->ds, (struct mc_str){ ps->p + start, end - start });
    return MC_OK;
}

/* LANGTAG ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)* */
static enum mc_rc parse_lang(struct parser *ps, struct mc_str *out)
{
    size_t start = ++ps->pos, i = start;
    while (i < ps->len && ((ps->p[i] | 0x20) >= 'a' && (ps->p[i] | 0x20) <= 'z'))
        i++;
    if (i == start) {
        char tmp[48];
        return FAIL(ps, i, "expected a language tag (letters) after '@', found %s",
                    found(ps, i, tmp, sizeof tmp));
    }
    while (i < ps->len && ps->p[i] == '-') {
        size_t sub = ++i;
        while (i < ps->len && (((ps->p[i] | 0x20) >= 'a' && (ps->p[i] | 0x20) <= 'z') ||
                               (ps->p[i] >= '0' && ps->p[i] <= '9')))
            i++;
        if (i == sub) {
            char tmp[48];
            return FAIL(ps, i, "expected letters or digits after '-' in the language tag, found %s",
                        found(ps, i, tmp, sizeof tmp));
        }
    }
    ps->pos = i;
    *out = mc_rdf_dataset_strdup(ps->ds, (struct mc_str){ ps->p + start, i - start });
    return MC_OK;
}

/* literal ::= STRING_LITERAL_QUOTE ('^^' IRIREF | LANGTAG)? */
static enum mc_rc parse_literal(struct parser *ps, struct mc_rdf_term *t)
{
    size_t open = ps->pos++;
    size_t start = ps->pos;
    bool escaped = false;
    mc_buf_reset(&ps->scratch);
    for (;;) {
        if (ps->pos >= ps->len || ps->p[ps->pos] == '\n' || ps->p[ps->pos] == '\r') {
            if (ps->pos < ps->len)
                return FAIL(ps, ps->pos,
                            "expected '\"' to end the literal before the end of the line (write "
                            "a line break in a literal as \\n)");
            return FAIL(ps, open, "expected '\"' to end the literal before the end of the input");
        }
        char c = ps->p[ps->pos];
        if (c == '"')
            break;
        if (c != '\\') {
            if (escaped)
                mc_buf_putc(&ps->scratch, c);
            ps->pos++;
            continue;
        }
        if (!escaped) {
            escaped = true;
            mc_buf_append(&ps->scratch, ps->p + start, ps->pos - start);
        }
        char x = ps->pos + 1 < ps->len ? ps->p[ps->pos + 1] : '\0';
        if (x == 'u' || x == 'U') {
            uint32_t cp;
            enum mc_rc rc = read_uchar(ps, &cp);
            if (rc)
                return rc;
            mc_utf8_encode(&ps->scratch, cp);
            continue;
        }
        static const char from[] = "tbnrf\"'\\", to[] = "\t\b\n\r\f\"'\\";
        const char *k = x ? strchr(from, x) : NULL;
        if (!k) {
            char tmp[48];
            return FAIL(ps, ps->pos + 1,
                        "expected an escape after '\\' (t b n r f \" ' \\ uXXXX UXXXXXXXX), found "
                        "%s",
                        found(ps, ps->pos + 1, tmp, sizeof tmp));
        }
        mc_buf_putc(&ps->scratch, to[k - from]);
        ps->pos += 2;
    }
    struct mc_str v =
            escaped ? (struct mc_str){ ps->scratch.data ? ps->scratch.data : "", ps->scratch.len }
                    : (struct mc_str){ ps->p + start, ps->pos - start };
    ps->pos++; /* '"' */
    t->kind = MC_RDF_LITERAL;
    t->value = mc_rdf_dataset_strdup(ps->ds, v);
    t->datatype = MC_STR(MC_RDF_XSD_STRING);
    t->lang = (struct mc_str){ "", 0 };
    skip_ws(ps);
    if (ps->pos < ps->len && ps->p[ps->pos] == '@') {
        t->datatype = MC_STR(MC_RDF_LANG_STRING);
        return parse_lang(ps, &t->lang);
    }
    if (ps->pos < ps->len && ps->p[ps->pos] == '^') {
        if (ps->pos + 1 >= ps->len || ps->p[ps->pos + 1] != '^')
            return FAIL(ps, ps->pos, "expected '^^' before the datatype IRI");
        ps->pos += 2;
        skip_ws(ps);
        if (ps->pos >= ps->len || ps->p[ps->pos] != '<') {
            char tmp[48];
            return FAIL(ps, ps->pos, "expected a datatype IRI in <...> after '^^', found %s",
                        found(ps, ps->pos, tmp, sizeof tmp));
        }
        return parse_iri(ps, "datatype", &t->datatype);
    }
    return MC_OK;
}

enum term_pos { POS_SUBJECT, POS_PREDICATE, POS_OBJECT, POS_GRAPH };

static enum mc_rc parse_term(struct parser *ps, enum term_pos pos, struct mc_rdf_term *t)
{
    static const char *const names[] = { "subject", "predicate", "object", "graph" };
    static const char *const expected[] = {
        "expected a subject: an IRI in <...> or a blank node _:label",
        "expected a predicate: an IRI in <...>",
        "expected an object: an IRI in <...>, a blank node _:label or a literal \"...\"",
        ("expected a graph label (an IRI in <...> or a blank node _:label) or '.' to end the "
         "statement"),
    };
    char c = ps->pos < ps->len ? ps->p[ps->pos] : '\0';
    *t = (struct mc_rdf_term){ .kind = MC_RDF_IRI };
    if (c == '<')
        return parse_iri(ps, names[pos], &t->value);
    if (c == '_' && pos != POS_PREDICATE) {
        t->kind = MC_RDF_BLANK;
        return parse_blank(ps, &t->value);
    }
    if (c == '"' && pos == POS_OBJECT)
        return parse_literal(ps, t);
    char tmp[48];
    return FAIL(ps, ps->pos, "%s, found %s", expected[pos], found(ps, ps->pos, tmp, sizeof tmp));
}

/* statement ::= subject predicate object graphLabel? '.' */
static enum mc_rc parse_statement(struct parser *ps)
{
    struct mc_rdf_quad q;
    size_t start = ps->pos;
    enum mc_rc rc = parse_term(ps, POS_SUBJECT, &q.subject);
    if (rc)
        return rc;
    skip_ws(ps);
    rc = parse_term(ps, POS_PREDICATE, &q.predicate);
    if (rc)
        return rc;
    skip_ws(ps);
    rc = parse_term(ps, POS_OBJECT, &q.object);
    if (rc)
        return rc;
    skip_ws(ps);
    q.graph = (struct mc_rdf_term){ .kind = MC_RDF_DEFAULT };
    if (ps->pos >= ps->len || ps->p[ps->pos] != '.') {
        rc = parse_term(ps, POS_GRAPH, &q.graph);
        if (rc)
            return rc;
        skip_ws(ps);
        if (ps->pos >= ps->len || ps->p[ps->pos] != '.') {
            char tmp[48];
            return FAIL(ps, ps->pos, "expected '.' to end the statement, found %s",
                        found(ps, ps->pos, tmp, sizeof tmp));
        }
    }
    ps->pos++; /* '.' */
    skip_ws(ps);
    if (ps->pos < ps->len && ps->p[ps->pos] == '#')
        while (!at_eol(ps))
            ps->pos++;
    if (!at_eol(ps)) {
        char tmp[48];
        return FAIL(ps, ps->pos,
                    "expected the end of the line after '.' (one statement per line), found %s",
                    found(ps, ps->pos, tmp, sizeof tmp));
    }
    rc = mc_rdf_dataset_add_owned(ps->ds, &q, ps->e);
    if (rc) {
        size_t line, col;
        line_col(ps->p, start, &line, &col);
        mc_err_where(ps->e, "line %zu, column %zu", line, col);
    }
    return rc;
}

enum mc_rc mc_nquads_parse(struct mc_rdf_dataset *ds, const char *text, size_t len,
                           struct mc_err *e)
{
    struct parser ps = { .p = text, .len = len, .ds = ds, .e = e };
    size_t bad;
    if (!mc_utf8_valid(text, len, &bad))
        return FAIL(&ps, bad,
                    "expected UTF-8 text, found the byte 0x%02X that does not begin a "
                    "well-formed sequence",
                    (unsigned char)text[bad]);
    /* Decoded terms are never longer than their text, so the scratch buffer cannot overflow. */
    mc_buf_init(&ps.scratch, len + 1);
    size_t before = mc_rdf_dataset_count(ds);
    enum mc_rc rc = MC_OK;
    while (ps.pos < len) {
        skip_ws(&ps);
        if (ps.pos < len && ps.p[ps.pos] == '#')
            while (!at_eol(&ps))
                ps.pos++;
        if (!at_eol(&ps)) {
            rc = parse_statement(&ps);
            if (rc)
                break;
        }
        while (ps.pos < len && (ps.p[ps.pos] == '\n' || ps.p[ps.pos] == '\r'))
            ps.pos++;
    }
    mc_buf_free(&ps.scratch);
    if (rc)
        mc_rdf_dataset_truncate(ds, before);
    return rc;
}

/* ---- writing ---- */

static const char hex_upper[] = "0123456789ABCDEF";

static bool literal_escaped(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\' || c == 0x7F;
}

#if defined(__SSE2__)
/* A bit for each of the sixteen bytes at `p` that an IRI (`iri`) or a literal must escape. */
static inline unsigned escapes16(const char *p, bool iri)
{
    const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    const __m128i space = _mm_set1_epi8(0x20), control = _mm_set1_epi8(0x1F);
    __m128i bad = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                               _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
    if (iri) {
        static const char more[] = "<>{}|^`";
        bad = _mm_or_si128(bad, _mm_cmpeq_epi8(_mm_max_epu8(v, space), space));
        for (size_t k = 0; k < sizeof more - 1; k++)
            bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8(more[k])));
    } else {
        bad = _mm_or_si128(bad, _mm_cmpeq_epi8(_mm_min_epu8(v, control), v));
        bad = _mm_or_si128(bad, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
    }
    return (unsigned)_mm_movemask_epi8(bad);
}
#endif

/*
 * The length of the run at the start of `p` that is written as it is: up to the first byte an IRI
 * (`iri`) or a literal must escape. Almost every term is one such run, and every term of every
 * dataset canonicalized is scanned, so SSE2 looks at sixteen bytes at a step where it is there,
 * the last step ending at the end of `p` (overlapping the one before) rather than going on a byte
 * at a time.
 */
static size_t clean_run(const char *p, size_t n, bool iri)
{
    size_t i = 0;
#if defined(__SSE2__)
    for (; i + 16 <= n; i += 16) {
        unsigned m = escapes16(p + i, iri);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
    if (i < n && n >= 16) {
        unsigned m = escapes16(p + n - 16, iri) >> (16 - (n - i)); /* bytes i to n */
        return m ? i + (size_t)__builtin_ctz(m) : n;
    }
#endif
    for (; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (iri ? iri_forbidden(c) : literal_escaped(c))
            break;
    }
    return i;
}

/* The escape of byte `c` into out[0..6), its length: in an IRI a UCHAR; in a literal ECHAR for
 * \b \t \n \f \r \" \\ and \u00XX for the other C0 controls and DEL. */
static size_t escape_byte(char out[6], unsigned char c, bool iri)
{
    static const char echar_from[] = "\b\t\n\f\r\"\\", echar_to[] = "btnfr\"\\";
    const char *e = iri || !c ? NULL : memchr(echar_from, c, sizeof echar_from - 1);
    out[0] = '\\';
    if (e) {
        out[1] = echar_to[e - echar_from];
        return 2;
    }
    memcpy(out + 1, "u00", 3);
    out[4] = hex_upper[c >> 4];
    out[5] = hex_upper[c & 15];
    return 6;
}

/* Literal text or an IRI's text (without its quotes or brackets), escaped. */
static enum mc_rc put_escaped(struct mc_buf *b, struct mc_str s, bool iri)
{
    size_t i = 0;
    while (i < s.len) {
        size_t run = clean_run(s.p + i, s.len - i, iri);
        if (mc_buf_append(b, s.p + i, run))
            return MC_ERR_TOO_LARGE;
        i += run;
        if (i == s.len)
            break;
        char esc[6];
        if (mc_buf_append(b, esc, escape_byte(esc, (unsigned char)s.p[i++], iri)))
            return MC_ERR_TOO_LARGE;
    }
    return MC_OK;
}

/* IRIs are written as they are; the characters an IRI cannot hold (only possible in a dataset
 * built by code, the parser refuses them) become UCHARs so the output still parses. */
static enum mc_rc put_iri(struct mc_buf *b, struct mc_str s)
{
    if (mc_buf_putc(b, '<') || put_escaped(b, s, true))
        return MC_ERR_TOO_LARGE;
    return mc_buf_putc(b, '>');
}

static enum mc_rc put_term(struct mc_buf *b, const struct mc_rdf_term *t)
{
    switch (t->kind) {
    case MC_RDF_DEFAULT: return MC_OK;
    case MC_RDF_IRI: return put_iri(b, t->value);
    case MC_RDF_BLANK:
        if (mc_buf_append(b, "_:", 2))
            return MC_ERR_TOO_LARGE;
        return mc_buf_append(b, t->value.p, t->value.len);
    case MC_RDF_LITERAL:
        if (mc_buf_putc(b, '"') || put_escaped(b, t->value, false) || mc_buf_putc(b, '"'))
            return MC_ERR_TOO_LARGE;
        if (t->lang.len) {
            if (mc_buf_putc(b, '@'))
                return MC_ERR_TOO_LARGE;
            return mc_buf_append(b, t->lang.p, t->lang.len);
        }
        if (t->datatype.len && !mc_str_eq(t->datatype, MC_STR(MC_RDF_XSD_STRING))) {
            if (mc_buf_append(b, "^^", 2))
                return MC_ERR_TOO_LARGE;
            return put_iri(b, t->datatype);
        }
        return MC_OK;
    }
    return MC_OK;
}

/* ---- writing in place, for canonicalization ---- */

size_t ld_nquads_term_room(const struct mc_rdf_term *t)
{
    return 6 * (t->value.len + t->datatype.len) + t->lang.len + 8;
}

/* Copy n bytes in moves of a fixed size, the last two overlapping, rather than by a call to memcpy
 * with a length that changes from one term to the next. */
static inline void copy_run(char *o, const char *p, size_t n)
{
    if (n >= 16) {
        for (size_t k = 0; k + 16 < n; k += 16)
            memcpy(o + k, p + k, 16);
        memcpy(o + n - 16, p + n - 16, 16);
    } else if (n >= 8) {
        memcpy(o, p, 8);
        memcpy(o + n - 8, p + n - 8, 8);
    } else if (n >= 4) {
        memcpy(o, p, 4);
        memcpy(o + n - 4, p + n - 4, 4);
    } else if (n) {
        o[0] = p[0];
        o[n / 2] = p[n / 2];
        o[n - 1] = p[n - 1];
    }
}

static char *put_escaped_raw(char *o, struct mc_str s, bool iri)
{
    size_t i = 0;
    while (i < s.len) {
        size_t run = clean_run(s.p + i, s.len - i, iri);
        copy_run(o, s.p + i, run);
        o += run;
        i += run;
        if (i < s.len)
            o += escape_byte(o, (unsigned char)s.p[i++], iri);
    }
    return o;
}

size_t ld_nquads_put_term(char *out, const struct mc_rdf_term *t)
{
    char *o = out;
    switch (t->kind) {
    case MC_RDF_DEFAULT: break;
    case MC_RDF_IRI:
        *o++ = '<';
        o = put_escaped_raw(o, t->value, true);
        *o++ = '>';
        break;
    case MC_RDF_BLANK:
        memcpy(o, "_:", 2);
        memcpy(o + 2, t->value.p, t->value.len);
        o += 2 + t->value.len;
        break;
    case MC_RDF_LITERAL:
        *o++ = '"';
        o = put_escaped_raw(o, t->value, false);
        *o++ = '"';
        if (t->lang.len) {
            *o++ = '@';
            memcpy(o, t->lang.p, t->lang.len);
            o += t->lang.len;
        } else if (t->datatype.len && !mc_str_eq(t->datatype, MC_STR(MC_RDF_XSD_STRING))) {
            memcpy(o, "^^<", 3);
            o = put_escaped_raw(o + 3, t->datatype, true);
            *o++ = '>';
        }
        break;
    }
    return (size_t)(o - out);
}

static enum mc_rc too_large(struct mc_buf *out, struct mc_err *e)
{
    return mc_err_set(e, MC_ERR_TOO_LARGE,
                      "the N-Quads text is larger than %zu bytes, the most "
                      "allowed",
                      out->max);
}

enum mc_rc mc_nquads_write_term(struct mc_buf *out, const struct mc_rdf_term *t, struct mc_err *e)
{
    size_t len = out->len;
    if (put_term(out, t)) {
        mc_buf_truncate(out, len);
        return too_large(out, e);
    }
    return MC_OK;
}

enum mc_rc mc_nquads_write_quad(struct mc_buf *out, const struct mc_rdf_quad *q, struct mc_err *e)
{
    size_t len = out->len;
    if (put_term(out, &q->subject) || mc_buf_putc(out, ' ') || put_term(out, &q->predicate) ||
        mc_buf_putc(out, ' ') || put_term(out, &q->object) ||
        (q->graph.kind != MC_RDF_DEFAULT && (mc_buf_putc(out, ' ') || put_term(out, &q->graph))) ||
        mc_buf_append(out, " .\n", 3)) {
        mc_buf_truncate(out, len);
        return too_large(out, e);
    }
    return MC_OK;
}

enum mc_rc mc_nquads_write(struct mc_buf *out, const struct mc_rdf_dataset *ds, struct mc_err *e)
{
    const struct mc_rdf_quad *q = mc_rdf_dataset_quads(ds);
    size_t n = mc_rdf_dataset_count(ds);
    for (size_t i = 0; i < n; i++) {
        enum mc_rc rc = mc_nquads_write_quad(out, &q[i], e);
        if (rc)
            return rc;
    }
    return MC_OK;
}
