/* SPDX-License-Identifier: Apache-2.0 */
/*
 * RDF Dataset Canonicalization, RDFC-1.0 (https://www.w3.org/TR/rdf-canon/). Section numbers in
 * comments are those of the recommendation (4.4 the canonicalization algorithm, 4.6 Hash First
 * Degree Quads, 4.7 Hash Related Blank Node, 4.8 Hash N-Degree Quads).
 *
 * Blank nodes are numbered in order of first appearance and everything works on those numbers:
 * the blank node to quads map is one array of quad numbers per node, issuers are arrays of node
 * numbers in issue order, and each quad keeps the canonical N-Quads text of its other terms, so
 * that the lines hashed and written are built by copying. Lines are sorted by the ranks of their
 * subjects' and predicates' texts (struct span); the predicates of earlier calls are kept in order
 * (struct vocab), so that most calls sort only their subjects. All memory lives in struct mc_rdfc
 * and is kept between calls.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/hash.h"
#include "crypto/digest.h"
#include "ld/nquads.h"
#include "mcred/rdf.h"

#define NONE UINT32_MAX
/*
 * Deepest recursion of Hash N-Degree Quads. Each level is a small C stack frame plus issuers of up
 * to `depth` identifiers, so memory grows with depth^2 (about 14 MB at this depth). Only a chain of
 * indistinguishable blank nodes goes this deep, and canonicalizing one that long takes about
 * 10 * depth^2 units of work, far past the default limit, so the limit refuses nothing that
 * the work limit would let through.
 */
#define MAX_DEPTH 1024
#define HASH_MAX  MC_SHA384_LEN
/* Zero bytes after the terms' text, which is read eight bytes at a time (cmp_text). */
#define TEXT_SLACK 8

/* A growable byte string for scratch text (no cap: its size follows the dataset's). */
struct sbuf {
    char *p;
    size_t len, cap;
};

static void sb_grow(struct sbuf *b, size_t n)
{
    if (b->cap - b->len >= n)
        return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap - b->len < n)
        cap *= 2;
    b->p = mc_xrealloc(b->p, cap);
    b->cap = cap;
}

static inline void sb_put(struct sbuf *b, const void *p, size_t n)
{
    if (n == 0)
        return;
    sb_grow(b, n);
    memcpy(b->p + b->len, p, n);
    b->len += n;
}

/* Write `prefix` (at most 8 bytes) then the decimal `v` ("_:c14n12", "_:b3") to `out`, which has
 * room for 24 bytes; returns the length. Not snprintf: this is on the hot path. */
static size_t format_id(char *out, const char *prefix, size_t plen, uint32_t v)
{
    char tmp[12];
    size_t n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    memcpy(out, prefix, plen);
    memcpy(out + plen, tmp + sizeof tmp - n, n);
    return plen + n;
}

/* Append `prefix` then the decimal `v`. */
static void sb_put_id(struct sbuf *b, const char *prefix, size_t plen, uint32_t v)
{
    sb_grow(b, 24);
    b->len += format_id(b->p + b->len, prefix, plen, v);
}

/* Negative, zero or positive as a is before, equal to or after b in code point order (UTF-8
 * byte order is code point order). */
static int cmp_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
    int r = memcmp(a, b, alen < blen ? alen : blen);
    if (r)
        return r;
    return alen < blen ? -1 : alen > blen;
}

static void to_hex(const uint8_t *h, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[h[i] >> 4];
        out[2 * i + 1] = digits[h[i] & 15];
    }
}

/* A quad of the dataset (duplicates removed). The canonical text of its subject, predicate, object
 * and graph is at off[k] in the term text (a term that occurs again shares the text written the
 * first time; the default graph has none); blank nodes have no text and are node numbers in `b`
 * instead (s, o, g; NONE when not blank). id[k] names the term: the number of its text + 1,
 * BLANK_ID | node for a blank node, 0 for the default graph; equal ids are equal terms. */
struct cquad {
    uint32_t off[4], len[4];
    uint32_t b[3];
    uint32_t id[4];
    bool has_graph;
};

#define BLANK_ID 0x80000000u

/*
 * A line to sort: its quad, and `key`, the rank of its subject's text among the subjects (high
 * half) and of its predicate's text among the predicates (low half). Lines in code point order are
 * lines in key order, then in the order of the rest of their text (object, graph): the text of a
 * subject or predicate holds no byte at or below the ' ' that follows it (IRIs escape them; blank
 * nodes are _:a, _:z or _:c14n<n>), so the first differing subject or predicate decides the order
 * as it does alone, a shorter text being first.
 */
struct span {
    uint64_t key;
    uint32_t q;
};

/* A term whose text was written: for the table that shares it between quads. */
struct tterm {
    const struct mc_rdf_term *t;
    uint64_t hash;
    uint32_t off, len;
    uint32_t rank;  /* of the text among the subjects (NONE: not one) */
    uint32_t prank; /* of the text among the predicates (NONE: not one) */
};

/*
 * A term already met, found again by its strings' addresses: a quad that holds the same strings
 * as an earlier one holds the same term, without hashing or comparing the text. The quads JSON-LD
 * deserialization writes share strings that way (a node's subject, a property's IRI). `val` is the
 * term's number (IRIs and literals) or node number (blank nodes); `gen` marks entries of the
 * current call, so the table is not cleared each time.
 */
struct pentry {
    const struct mc_rdf_term *t;
    uint32_t tag; /* high bits of the addresses' hash: most probes end without reading `t` */
    uint32_t val, gen;
};

struct node {
    struct mc_str label;
    uint32_t first, count; /* its quads: adj[first .. first + count) */
    uint32_t rank;         /* place in code point order of labels */
    uint32_t ckey;         /* sort key of its canonical identifier as a subject (struct span) */
    int32_t canon;         /* canonical number, or -1 */
    uint8_t clen;          /* length of ctext */
    char ctext[24];        /* its canonical identifier, "_:c14n<canon>", once issued */
    uint8_t hash[HASH_MAX];
    char hex[2 * HASH_MAX]; /* first degree hash, once Hash N-Degree Quads needs it */
};

/*
 * An identifier issuer (4.5): the nodes it issued, in order (node order[i] has identifier "b<i>").
 * Small issuers are searched linearly; from LINEAR_MAX nodes on, `tab` (open addressing, node
 * number + 1 -> identifier + 1) answers. Issuers are pooled by capacity.
 */
#define LINEAR_MAX 16
struct issuer {
    uint32_t n, cap, tcap;
    struct issuer *next_free;
    uint32_t *tab;
    uint32_t order[];
};

/* One entry of the related hash to blank nodes map of 4.8.3 step 3. Hashes are zero-padded so
 * that comparing all HASH_MAX bytes is right for both algorithms. */
struct related {
    uint8_t hash[HASH_MAX];
    uint32_t node, rank;
};

/* Scratch of one level of Hash N-Degree Quads recursion, kept between calls. */
struct frame {
    struct related *rel;
    size_t rel_cap;
    uint32_t *perm, *rec;
    size_t perm_cap, rec_cap;
    struct sbuf path, chosen;
    struct mc_digest d;
};

/* A result of 4.4.3 step 5.2: the hash and issuer from Hash N-Degree Quads. */
struct ndresult {
    uint8_t hash[HASH_MAX];
    struct issuer *issuer;
    size_t seq;
};

struct map_entry {
    size_t in_off, in_len, c_off, c_len;
};

/*
 * Predicates of earlier calls, in code point order of their text, kept from call to call: the
 * credentials verified one after another mostly use the same few dozen predicates, and a predicate
 * found here is ranked without comparing its text with others. A call with a predicate not here
 * ranks its predicates itself and adds them; when all would pass VOCAB_MAX predicates or
 * VOCAB_TEXT bytes, the vocabulary starts again from that call's.
 */
#define VOCAB_MAX  256
#define VOCAB_TEXT 16384

struct vword {
    uint64_t hash;     /* the IRI's term_hash */
    uint32_t off, len; /* its text in struct vocab */
};

struct vocab {
    struct sbuf text;
    struct vword w[VOCAB_MAX], merged[VOCAB_MAX];
    size_t n;
    uint32_t tab[2 * VOCAB_MAX]; /* by hash: word number + 1 */
};

struct mc_rdfc {
    enum mc_digest_alg alg;
    size_t hlen;
    uint64_t max_work, work;
    struct mc_err *e;

    struct cquad *quads;
    size_t nq, quads_cap;
    struct sbuf text; /* the terms' text of every quad */
    uint32_t *qtab;   /* duplicate check: quad number + 1 */
    size_t qtab_cap;
    uint32_t *ttab; /* terms already written: term number + 1 */
    size_t ttab_cap;
    struct tterm *terms;
    size_t nterms, terms_cap;
    struct pentry *ptab; /* terms by the addresses of their strings */
    size_t ptab_cap;
    uint32_t pgen;
    uint32_t nranks;  /* subject IRIs; blank subjects' keys come after them */
    uint32_t npranks; /* predicate ranks are below it */
    uint32_t *preds;  /* the predicates' term numbers, being ranked */
    size_t preds_cap;

    struct node *nodes;
    size_t nb, nodes_cap;
    uint32_t *ltab; /* label -> node number + 1 */
    size_t ltab_cap;
    uint32_t *adj;
    size_t adj_cap;
    uint32_t *sorted; /* node numbers by first degree hash */
    size_t sorted_cap;
    uint32_t *by_label; /* node numbers by label */
    size_t by_label_cap;

    struct sbuf line;    /* the canonical lines, sorted */
    struct sbuf joined;  /* a node's first degree lines, sorted */
    struct sbuf scratch; /* two lines being compared */
    struct span *spans, *spans_tmp;
    size_t spans_cap, spans_tmp_cap;
    uint32_t *counts; /* counting sort of the canonical lines */
    size_t counts_cap;
    struct mc_digest d; /* first degree and related hashes */

    struct frame **frames;
    size_t frames_cap;
    struct issuer *free_issuers[32];
    struct ndresult *results;
    size_t results_cap;

    uint32_t *canon_order; /* canonical issuer: nodes in issue order */
    size_t ncanon, canon_cap;

    struct vocab vocab;

    struct sbuf map; /* the issued identifiers map: labels and canonical labels */
    struct map_entry *map_ent;
    size_t map_cap;
};

/* Grow the array `*p` of `*cap` elements of `size` bytes to hold at least `n`. */
static void grow(void *pp, size_t *cap, size_t n, size_t size)
{
    if (n <= *cap)
        return;
    size_t c = *cap ? *cap : 16;
    while (c < n)
        c *= 2;
    void **p = pp;
    *p = mc_xreallocarray(*p, c, size);
    *cap = c;
}

struct mc_rdfc *mc_rdfc_new(void)
{
    return mc_xcalloc(1, sizeof(struct mc_rdfc));
}

void mc_rdfc_free(struct mc_rdfc *c)
{
    if (!c)
        return;
    free(c->quads);
    free(c->text.p);
    free(c->qtab);
    free(c->nodes);
    free(c->ltab);
    free(c->adj);
    free(c->sorted);
    free(c->by_label);
    free(c->canon_order);
    free(c->line.p);
    free(c->joined.p);
    free(c->scratch.p);
    free(c->spans);
    free(c->spans_tmp);
    free(c->counts);
    free(c->ttab);
    free(c->terms);
    free(c->ptab);
    mc_digest_release(&c->d);
    for (size_t i = 0; i < c->frames_cap; i++) {
        struct frame *f = c->frames[i];
        if (!f)
            continue;
        free(f->rel);
        free(f->perm);
        free(f->rec);
        free(f->path.p);
        free(f->chosen.p);
        mc_digest_release(&f->d);
        free(f);
    }
    free(c->frames);
    for (size_t i = 0; i < 32; i++) {
        struct issuer *is = c->free_issuers[i];
        while (is) {
            struct issuer *next = is->next_free;
            free(is);
            is = next;
        }
    }
    free(c->results);
    free(c->map.p);
    free(c->map_ent);
    free(c->preds);
    free(c->vocab.text.p);
    free(c);
}

static uint64_t term_hash(uint64_t h, const struct mc_rdf_term *t)
{
    h = (h ^ (uint64_t)t->kind) * 0x9E3779B97F4A7C15ull;
    h = mc_hash_bytes(h, t->value.p, t->value.len);
    if (t->kind == MC_RDF_LITERAL) {
        h = mc_hash_bytes(h, t->datatype.p, t->datatype.len);
        h = mc_hash_bytes(h, t->lang.p, t->lang.len);
    }
    return h;
}

static inline bool str_eq(struct mc_str a, struct mc_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

static bool term_eq(const struct mc_rdf_term *a, const struct mc_rdf_term *b)
{
    if (a->kind != b->kind || !str_eq(a->value, b->value))
        return false;
    return a->kind != MC_RDF_LITERAL ||
           (str_eq(a->datatype, b->datatype) && str_eq(a->lang, b->lang));
}

/* A zeroed power-of-two table of at least 2n entries. */
static size_t table_reset(uint32_t **tab, size_t *cap, size_t n)
{
    size_t want = 16;
    while (want < 2 * n)
        want *= 2;
    if (want > *cap) {
        free(*tab);
        *tab = mc_xcalloc(want, sizeof **tab);
        *cap = want;
    } else {
        memset(*tab, 0, want * sizeof **tab);
    }
    return want;
}

/* ---- building the quad and blank node tables (4.4.3 steps 1 and 2) ---- */

static uint32_t node_of(struct mc_rdfc *c, size_t mask, struct mc_str label)
{
    uint64_t h = mc_hash_bytes(MC_HASH_SEED, label.p, label.len);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t v = c->ltab[i];
        if (!v) {
            grow(&c->nodes, &c->nodes_cap, c->nb + 1, sizeof *c->nodes);
            struct node *n = &c->nodes[c->nb];
            *n = (struct node){ .label = label, .canon = -1 };
            c->ltab[i] = (uint32_t)++c->nb;
            return (uint32_t)(c->nb - 1);
        }
        if (mc_str_eq(c->nodes[v - 1].label, label))
            return v - 1;
    }
}

static enum mc_rc check_term(struct mc_rdfc *c, size_t i, const struct mc_rdf_term *t,
                             const char *what, unsigned allowed)
{
    if ((unsigned)t->kind < 4 && (allowed & (1u << t->kind)))
        return MC_OK;
    static const char *const kinds[] = { "missing", "an IRI", "a blank node", "a literal" };
    const char *k = (unsigned)t->kind < 4 ? kinds[t->kind] : "not a term";
    return mc_err_set(c->e, MC_ERR_INVALID, "quad %zu is not valid RDF: its %s is %s%s", i + 1,
                      what, k,
                      t->kind == MC_RDF_BLANK && !strcmp(what, "predicate")
                              ? " (generalized RDF cannot be canonicalized with RDFC-1.0)"
                              : "");
}

/* The number of the canonical text of term `t` in c->terms: written when the term is first met,
 * shared by every later quad that holds it (most IRIs occur several times). */
static enum mc_rc term_text(struct mc_rdfc *c, size_t mask, const struct mc_rdf_term *t,
                            uint32_t *num)
{
    uint64_t h = term_hash(MC_HASH_SEED, t);
    size_t i = h & mask;
    for (; c->ttab[i]; i = (i + 1) & mask) {
        const struct tterm *x = &c->terms[c->ttab[i] - 1];
        if (x->hash == h && term_eq(x->t, t)) {
            *num = c->ttab[i] - 1;
            return MC_OK;
        }
    }
    size_t room = ld_nquads_term_room(t);
    if (room >= UINT32_MAX - c->text.len)
        return mc_err_set(c->e, MC_ERR_TOO_LARGE, "the dataset's text is too large");
    sb_grow(&c->text, room);
    uint32_t off = (uint32_t)c->text.len;
    size_t len = ld_nquads_put_term(c->text.p + off, t);
    c->text.len += len;
    grow(&c->terms, &c->terms_cap, c->nterms + 1, sizeof *c->terms);
    c->terms[c->nterms] = (struct tterm){ t, h, off, (uint32_t)len, NONE, NONE };
    *num = (uint32_t)c->nterms++;
    c->ttab[i] = (uint32_t)c->nterms;
    return MC_OK;
}

static inline bool same_strings(const struct mc_rdf_term *a, const struct mc_rdf_term *b)
{
    return a->kind == b->kind && a->value.p == b->value.p && a->value.len == b->value.len &&
           a->datatype.p == b->datatype.p && a->datatype.len == b->datatype.len &&
           a->lang.p == b->lang.p && a->lang.len == b->lang.len;
}

/* Room for `n` terms in the address table, each entry of an older call counting as empty. */
static size_t ptab_reset(struct mc_rdfc *c, size_t n)
{
    size_t want = 16;
    while (want < 2 * n)
        want *= 2;
    if (want > c->ptab_cap || ++c->pgen == 0) {
        free(c->ptab);
        c->ptab = mc_xcalloc(want > c->ptab_cap ? want : c->ptab_cap, sizeof *c->ptab);
        c->ptab_cap = want > c->ptab_cap ? want : c->ptab_cap;
        c->pgen = 1;
    }
    return want - 1;
}

/* The id (struct cquad) of an IRI, literal or blank node: by the addresses of its strings when
 * they were met before, else by its text or label. */
static enum mc_rc term_id(struct mc_rdfc *c, const size_t mask[3], const struct mc_rdf_term *t,
                          uint32_t *id)
{
    uint64_t h = ((uint64_t)(uintptr_t)t->value.p ^ ((uint64_t)t->value.len << 48) ^
                  (uint64_t)(uintptr_t)t->datatype.p) *
                 0x9E3779B97F4A7C15ull;
    uint32_t tag = (uint32_t)(h >> 32);
    size_t i = (size_t)(h >> 20) & mask[0];
    for (; c->ptab[i].gen == c->pgen; i = (i + 1) & mask[0])
        if (c->ptab[i].tag == tag && same_strings(c->ptab[i].t, t)) {
            uint32_t v = c->ptab[i].val;
            *id = t->kind == MC_RDF_BLANK ? BLANK_ID | v : v + 1;
            return MC_OK;
        }
    uint32_t v = 0;
    if (t->kind == MC_RDF_BLANK) {
        v = node_of(c, mask[1], t->value);
        *id = BLANK_ID | v;
    } else {
        enum mc_rc rc = term_text(c, mask[2], t, &v);
        if (rc)
            return rc;
        *id = v + 1;
    }
    c->ptab[i] = (struct pentry){ t, tag, v, c->pgen };
    return MC_OK;
}

static inline uint64_t quad_hash(const uint32_t id[4])
{
    uint64_t h = ((uint64_t)id[0] << 32 | id[1]) * 0x9E3779B97F4A7C15ull;
    h ^= ((uint64_t)id[2] << 32 | id[3]) * 0xC2B2AE3D27D4EB4Full;
    return h ^ (h >> 29);
}

static enum mc_rc load(struct mc_rdfc *c, const struct mc_rdf_dataset *ds)
{
    const struct mc_rdf_quad *qs = mc_rdf_dataset_quads(ds);
    size_t n = mc_rdf_dataset_count(ds);
    if (n >= UINT32_MAX / 8)
        return mc_err_set(c->e, MC_ERR_TOO_LARGE, "the dataset has too many quads (%zu)", n);
    const unsigned IRI = 1u << MC_RDF_IRI, BLANK = 1u << MC_RDF_BLANK;
    const unsigned LIT = 1u << MC_RDF_LITERAL, DEF = 1u << MC_RDF_DEFAULT;
    size_t qmask = table_reset(&c->qtab, &c->qtab_cap, n) - 1;
    const size_t masks[3] = {
        ptab_reset(c, 4 * n),
        table_reset(&c->ltab, &c->ltab_cap, 3 * n) - 1,
        table_reset(&c->ttab, &c->ttab_cap, 3 * n) - 1,
    };
    c->nterms = 0;
    grow(&c->quads, &c->quads_cap, n, sizeof *c->quads);
    c->nq = c->nb = 0;
    c->text.len = 0;
    enum mc_rc rc = MC_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        const struct mc_rdf_quad *q = &qs[i];
        rc = check_term(c, i, &q->subject, "subject", IRI | BLANK);
        if (!rc)
            rc = check_term(c, i, &q->predicate, "predicate", IRI);
        if (!rc)
            rc = check_term(c, i, &q->object, "object", IRI | BLANK | LIT);
        if (!rc)
            rc = check_term(c, i, &q->graph, "graph", IRI | BLANK | DEF);
        if (rc)
            break;
        const struct mc_rdf_term *terms[4] = { &q->subject, &q->predicate, &q->object, &q->graph };
        uint32_t id[4] = { 0, 0, 0, 0 };
        for (int k = 0; k < 4 && !rc; k++)
            if (terms[k]->kind != MC_RDF_DEFAULT)
                rc = term_id(c, masks, terms[k], &id[k]);
        if (rc)
            break;
        /* An RDF dataset is a set: a repeated quad is the same quad. */
        size_t slot = quad_hash(id) & qmask;
        bool dup = false;
        for (; c->qtab[slot]; slot = (slot + 1) & qmask)
            if (!memcmp(c->quads[c->qtab[slot] - 1].id, id, sizeof id)) {
                dup = true;
                break;
            }
        if (dup)
            continue;
        c->qtab[slot] = (uint32_t)(c->nq + 1);
        struct cquad *cq = &c->quads[c->nq++];
        memcpy(cq->id, id, sizeof id);
        cq->has_graph = q->graph.kind != MC_RDF_DEFAULT;
        for (int k = 0; k < 4; k++) {
            uint32_t b = id[k] & BLANK_ID ? id[k] & ~BLANK_ID : NONE;
            if (k != 1)
                cq->b[k == 0 ? 0 : k - 1] = b;
            const struct tterm *tt = b == NONE && id[k] ? &c->terms[id[k] - 1] : NULL;
            cq->off[k] = tt ? tt->off : 0;
            cq->len[k] = tt ? tt->len : 0;
        }
    }
    if (rc)
        return rc;

    sb_grow(&c->text, TEXT_SLACK);
    memset(c->text.p + c->text.len, 0, TEXT_SLACK);

    /* The blank node to quads map (4.4.3 step 2) as one array: count, then fill. */
    for (size_t i = 0; i < c->nb; i++)
        c->nodes[i].count = 0;
    size_t total = 0;
    for (size_t i = 0; i < c->nq; i++) {
        const uint32_t *b = c->quads[i].b;
        for (int k = 0; k < 3; k++)
            if (b[k] != NONE && (k == 0 || b[k] != b[0]) && (k < 2 || b[k] != b[1])) {
                c->nodes[b[k]].count++;
                total++;
            }
    }
    grow(&c->adj, &c->adj_cap, total, sizeof *c->adj);
    uint32_t at = 0;
    for (size_t i = 0; i < c->nb; i++) {
        c->nodes[i].first = at;
        at += c->nodes[i].count;
        c->nodes[i].count = 0;
    }
    for (size_t i = 0; i < c->nq; i++) {
        const uint32_t *b = c->quads[i].b;
        for (int k = 0; k < 3; k++)
            if (b[k] != NONE && (k == 0 || b[k] != b[0]) && (k < 2 || b[k] != b[1])) {
                struct node *nd = &c->nodes[b[k]];
                c->adj[nd->first + nd->count++] = (uint32_t)i;
            }
    }
    return MC_OK;
}

/* ---- lines ---- */

enum line_mode {
    LINE_FIRST_DEGREE, /* the reference node is _:a, other blank nodes _:z (4.6.3 step 2) */
    LINE_CANONICAL,    /* blank nodes get their canonical identifiers (4.4.3 step 6) */
};

/* The text term k (0 subject, 1 predicate, 2 object, 3 graph) of `q` has in a line of `mode`;
 * empty for the default graph. */
static inline struct mc_str term_at(const struct mc_rdfc *c, const struct cquad *q, int k,
                                    enum line_mode mode, uint32_t ref)
{
    uint32_t b = k == 1 ? NONE : q->b[k == 0 ? 0 : k - 1];
    if (b == NONE)
        return (struct mc_str){ c->text.p + q->off[k], q->len[k] };
    if (mode == LINE_FIRST_DEGREE)
        return b == ref ? MC_STR("_:a") : MC_STR("_:z");
    return (struct mc_str){ c->nodes[b].ctext, c->nodes[b].clen };
}

static void put_line(struct mc_rdfc *c, struct sbuf *b, const struct cquad *q, enum line_mode mode,
                     uint32_t ref)
{
    sb_grow(b, (size_t)q->len[0] + q->len[1] + q->len[2] + q->len[3] + 4 * sizeof c->nodes->ctext);
    for (int k = 0; k < 4; k++) {
        if (k == 3 && !q->has_graph)
            break;
        struct mc_str t = term_at(c, q, k, mode, ref);
        memcpy(b->p + b->len, t.p, t.len);
        b->p[b->len + t.len] = ' ';
        b->len += t.len + 1;
    }
    memcpy(b->p + b->len, ".\n", 2);
    b->len += 2;
}

/* What a sort of spans orders: lines, with blank nodes written as `mode` says, or terms by their
 * text (`texts`). */
struct sorting {
    struct mc_rdfc *c;
    enum line_mode mode;
    uint32_t ref;
    bool texts;
};

/* Eight bytes of `p` as a number whose order is theirs. */
static inline uint64_t load_be64(const char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    return w;
}

/* The first eight bytes of the text of term t, zero-padded: keys in the order of the texts, but for
 * texts that share their first eight bytes. */
static inline uint64_t text_key(const struct mc_rdfc *c, uint32_t t)
{
    const struct tterm *x = &c->terms[t];
    uint64_t w = load_be64(c->text.p + x->off); /* the text has TEXT_SLACK bytes after it */
    return x->len >= 8 ? w : w & ~(~0ull >> (8 * x->len));
}

/* The texts of terms t and u in code point order, compared eight bytes at a step; a step may read
 * past the end of the shorter text, which is masked off. */
static int cmp_text(const struct mc_rdfc *c, uint32_t t, uint32_t u)
{
    const struct tterm *x = &c->terms[t], *y = &c->terms[u];
    const char *p = c->text.p + x->off, *q = c->text.p + y->off;
    size_t n = x->len < y->len ? x->len : y->len;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t v = load_be64(p + i), w = load_be64(q + i);
        if (v == w)
            continue;
        if (n - i < 8) {
            uint64_t keep = ~(~0ull >> (8 * (n - i)));
            if ((v & keep) == (w & keep))
                break;
        }
        return v < w ? -1 : 1;
    }
    return (x->len > y->len) - (x->len < y->len);
}

static void sort_spans(const struct sorting *s, struct span *a, struct span *tmp, size_t n);

/* The place of the text of term t (a predicate) in the vocabulary, or NONE. */
static uint32_t vocab_find(const struct mc_rdfc *c, uint32_t t)
{
    const struct vocab *v = &c->vocab;
    const struct tterm *x = &c->terms[t];
    const size_t mask = 2 * VOCAB_MAX - 1;
    for (size_t i = x->hash & mask; v->tab[i]; i = (i + 1) & mask) {
        const struct vword *w = &v->w[v->tab[i] - 1];
        if (w->hash == x->hash && w->len == x->len &&
            memcmp(v->text.p + w->off, c->text.p + x->off, x->len) == 0)
            return v->tab[i] - 1;
    }
    return NONE;
}

/* The vocabulary's table by hash, made again after a change. */
static void vocab_index(struct vocab *v)
{
    const size_t mask = 2 * VOCAB_MAX - 1;
    memset(v->tab, 0, sizeof v->tab);
    for (size_t k = 0; k < v->n; k++) {
        size_t i = v->w[k].hash & mask;
        while (v->tab[i])
            i = (i + 1) & mask;
        v->tab[i] = (uint32_t)k + 1;
    }
}

/* Whether the predicates p that are not in the vocabulary (prank NONE) fit in it. */
static bool vocab_room(const struct mc_rdfc *c, const uint32_t *p, size_t n)
{
    size_t count = c->vocab.n, bytes = c->vocab.text.len;
    for (size_t j = 0; j < n; j++)
        if (c->terms[p[j]].prank == NONE) {
            count++;
            bytes += c->terms[p[j]].len;
        }
    return count <= VOCAB_MAX && bytes <= VOCAB_TEXT;
}

/*
 * Add the n predicates p, in the order of their text, each with its place in the vocabulary or
 * NONE as its prank, and give each its new place: a merge, where a new word goes before the first
 * old one whose text is above its own.
 */
static void vocab_add(struct mc_rdfc *c, const uint32_t *p, size_t n)
{
    struct vocab *v = &c->vocab;
    if (!vocab_room(c, p, n)) {
        v->n = v->text.len = 0;
        for (size_t j = 0; j < n; j++)
            c->terms[p[j]].prank = NONE;
        if (!vocab_room(c, p, n)) {
            vocab_index(v);
            for (size_t j = 0; j < n; j++)
                c->terms[p[j]].prank = (uint32_t)j; /* ranked for this call only */
            c->npranks = (uint32_t)n;
            return;
        }
    }
    size_t i = 0, m = 0;
    for (size_t j = 0; j < n; j++) {
        struct tterm *t = &c->terms[p[j]];
        if (t->prank == NONE) {
            while (i < v->n &&
                   cmp_bytes(v->text.p + v->w[i].off, v->w[i].len, c->text.p + t->off, t->len) < 0)
                v->merged[m++] = v->w[i++];
            v->merged[m] = (struct vword){ t->hash, (uint32_t)v->text.len, t->len };
            sb_put(&v->text, c->text.p + t->off, t->len);
        } else {
            while (i < t->prank)
                v->merged[m++] = v->w[i++];
            v->merged[m] = v->w[i++];
        }
        t->prank = (uint32_t)m++;
    }
    while (i < v->n)
        v->merged[m++] = v->w[i++];
    memcpy(v->w, v->merged, m * sizeof *v->w);
    v->n = m;
    vocab_index(v);
    c->npranks = (uint32_t)m;
}

/* The n terms in c->spans, with their text keys, in the order of their text. */
static void sort_by_text(struct mc_rdfc *c, size_t n)
{
    const struct sorting s = { c, LINE_CANONICAL, NONE, true };
    sort_spans(&s, c->spans, c->spans_tmp, n);
}

/*
 * The ranks of the texts of the subject IRIs and of the predicates (struct span): places in their
 * order, as distinct IRIs have distinct texts (escaping is one to one). Subjects are sorted; a
 * predicate's rank is its place in the vocabulary, when they are all there.
 */
static void rank_terms(struct mc_rdfc *c)
{
    grow(&c->spans, &c->spans_cap, c->nterms, sizeof *c->spans);
    grow(&c->spans_tmp, &c->spans_tmp_cap, c->nterms / 2 + 1, sizeof *c->spans_tmp);
    grow(&c->preds, &c->preds_cap, c->nterms, sizeof *c->preds);
    size_t n = 0, np = 0;
    for (size_t i = 0; i < c->nq; i++) {
        const struct cquad *q = &c->quads[i];
        struct tterm *t = q->b[0] == NONE ? &c->terms[q->id[0] - 1] : NULL;
        if (t && t->rank == NONE) {
            t->rank = 0;
            c->spans[n++] = (struct span){ text_key(c, q->id[0] - 1), q->id[0] - 1 };
        }
        t = &c->terms[q->id[1] - 1];
        if (t->prank == NONE) {
            t->prank = 0;
            c->preds[np++] = q->id[1] - 1;
        }
    }
    sort_by_text(c, n);
    for (size_t i = 0; i < n; i++)
        c->terms[c->spans[i].q].rank = (uint32_t)i;
    c->nranks = (uint32_t)n;

    bool all = true;
    for (size_t j = 0; j < np; j++) {
        uint32_t k = vocab_find(c, c->preds[j]);
        c->terms[c->preds[j]].prank = k;
        all = all && k != NONE;
    }
    c->npranks = (uint32_t)c->vocab.n;
    if (all)
        return;
    for (size_t j = 0; j < np; j++)
        c->spans[j] = (struct span){ text_key(c, c->preds[j]), c->preds[j] };
    sort_by_text(c, np);
    for (size_t j = 0; j < np; j++)
        c->preds[j] = c->spans[j].q;
    vocab_add(c, c->preds, np);
}

/*
 * The keys of canonical identifiers as subjects, after every subject IRI: in the order of their
 * text, "_:c14n0", "_:c14n1", "_:c14n10", "_:c14n11", ..., "_:c14n2", ..., that is the numbers
 * below ncanon in the order of their decimals, made by counting in that order.
 */
static void key_canonical(struct mc_rdfc *c)
{
    uint64_t n = c->ncanon, v = 1;
    uint32_t key = c->nranks;
    if (n)
        c->nodes[c->canon_order[0]].ckey = key++;
    for (uint64_t i = 1; i < n; i++) {
        c->nodes[c->canon_order[v]].ckey = key++;
        if (v * 10 < n) {
            v *= 10; /* "1" then "10" */
            continue;
        }
        while (v % 10 == 9 || v + 1 >= n)
            v /= 10; /* "19" or the last number: up to the next prefix */
        v++;
    }
}

static inline uint64_t line_key(const struct mc_rdfc *c, const struct cquad *q, enum line_mode mode,
                                uint32_t ref)
{
    uint32_t subject, b = q->b[0];
    if (b == NONE)
        subject = c->terms[q->id[0] - 1].rank;
    else if (mode == LINE_FIRST_DEGREE)
        subject = c->nranks + (b != ref); /* _:a, then _:z */
    else
        subject = c->nodes[b].ckey;
    return (uint64_t)subject << 32 | c->terms[q->id[1] - 1].prank;
}

/* Two whole lines written out and compared. */
static int cmp_written(const struct sorting *s, const struct cquad *a, const struct cquad *b)
{
    struct sbuf *t = &s->c->scratch;
    t->len = 0;
    put_line(s->c, t, a, s->mode, s->ref);
    size_t alen = t->len;
    put_line(s->c, t, b, s->mode, s->ref);
    return cmp_bytes(t->p, alen, t->p + alen, t->len - alen);
}

/*
 * Two lines whose subjects and predicates have the same text, in the order of the rest of their
 * text: "<object> [<graph> ].\n". Object texts decide alone unless one is a prefix of the other:
 * then the shorter one's line goes on with ' ', and the longer one's next byte is above it (after
 * a literal's closing quote come '@' or '^', a language tag's letters or '-') except in a language
 * tag holding a space, only possible in a dataset built by code, where the whole lines are
 * compared. A graph name's text, like a subject's, holds no byte at or below ' '.
 */
static int cmp_tail(const struct sorting *s, uint32_t qa, uint32_t qb)
{
    const struct cquad *a = &s->c->quads[qa], *b = &s->c->quads[qb];
    struct mc_str oa = term_at(s->c, a, 2, s->mode, s->ref);
    struct mc_str ob = term_at(s->c, b, 2, s->mode, s->ref);
    int r = memcmp(oa.p, ob.p, oa.len < ob.len ? oa.len : ob.len);
    if (r)
        return r;
    if (oa.len != ob.len) {
        unsigned char next = (unsigned char)(oa.len < ob.len ? ob.p[oa.len] : oa.p[ob.len]);
        if (next == ' ')
            return cmp_written(s, a, b);
        return (next > ' ') == (oa.len < ob.len) ? -1 : 1;
    }
    /* The same object: ".\n" in the default graph comes before any graph name. */
    if (!a->has_graph || !b->has_graph)
        return (int)a->has_graph - (int)b->has_graph;
    struct mc_str ga = term_at(s->c, a, 3, s->mode, s->ref);
    struct mc_str gb = term_at(s->c, b, 3, s->mode, s->ref);
    return cmp_bytes(ga.p, ga.len, gb.p, gb.len);
}

/* Spans by key, then by the rest of their lines or by their texts. */
static inline int cmp_span(const struct sorting *s, const struct span *x, const struct span *y)
{
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return s->texts ? cmp_text(s->c, x->q, y->q) : cmp_tail(s, x->q, y->q);
}

/* Merge sort of spans (stable; `tmp` has room for n / 2 + 1), with insertion sort for short runs:
 * a comparison inline instead of through qsort's function pointer, and no element copies by
 * memcpy. Lines are sorted once per blank node and once for the output, so this is hot. */
static void sort_spans(const struct sorting *s, struct span *a, struct span *tmp, size_t n)
{
    if (n <= 12) {
        for (size_t i = 1; i < n; i++) {
            struct span x = a[i];
            size_t j = i;
            for (; j > 0 && cmp_span(s, &a[j - 1], &x) > 0; j--)
                a[j] = a[j - 1];
            a[j] = x;
        }
        return;
    }
    size_t mid = n / 2;
    sort_spans(s, a, tmp, mid);
    sort_spans(s, a + mid, tmp, n - mid);
    if (cmp_span(s, &a[mid - 1], &a[mid]) <= 0)
        return; /* already in order */
    memcpy(tmp, a, mid * sizeof *a);
    size_t i = 0, j = mid, k = 0;
    while (i < mid && j < n)
        a[k++] = cmp_span(s, &a[j], &tmp[i]) < 0 ? a[j++] : tmp[i++];
    while (i < mid)
        a[k++] = tmp[i++];
}

/* The n quads numbered in `which` into c->spans, in the order of their lines. */
static void sort_quads(const struct sorting *s, const uint32_t *which, size_t n)
{
    struct mc_rdfc *c = s->c;
    grow(&c->spans, &c->spans_cap, n, sizeof *c->spans);
    grow(&c->spans_tmp, &c->spans_tmp_cap, n / 2 + 1, sizeof *c->spans_tmp);
    for (size_t i = 0; i < n; i++)
        c->spans[i] = (struct span){ line_key(c, &c->quads[which[i]], s->mode, s->ref), which[i] };
    sort_spans(s, c->spans, c->spans_tmp, n);
}

/* in[0..n) into out by the half of their keys at `shift`, keeping the order of equal ones (a
 * counting sort; the halves are below nkeys). */
static void count_sort(const struct span *in, struct span *out, size_t n, uint32_t *count,
                       size_t nkeys, int shift)
{
    memset(count, 0, (nkeys + 1) * sizeof *count);
    for (size_t i = 0; i < n; i++)
        count[(uint32_t)(in[i].key >> shift) + 1]++;
    for (size_t k = 1; k < nkeys; k++)
        count[k] += count[k - 1];
    for (size_t i = 0; i < n; i++)
        out[count[(uint32_t)(in[i].key >> shift)]++] = in[i];
}

/* All the quads into c->spans in the order of their canonical lines: keys are small numbers, so
 * two counting sorts (by predicate, then by subject) order them, and the few lines that share a
 * key (an IRI's several types) are sorted among themselves by the rest of their text. */
static void sort_canonical(struct mc_rdfc *c)
{
    const struct sorting s = { c, LINE_CANONICAL, NONE, false };
    size_t n = c->nq, nkeys = (size_t)c->nranks + c->nb; /* the keys' halves are below it */
    if (nkeys < c->npranks)
        nkeys = c->npranks;
    grow(&c->spans, &c->spans_cap, n, sizeof *c->spans);
    grow(&c->spans_tmp, &c->spans_tmp_cap, n, sizeof *c->spans_tmp);
    grow(&c->counts, &c->counts_cap, nkeys + 1, sizeof *c->counts);
    for (size_t i = 0; i < n; i++)
        c->spans[i] = (struct span){ line_key(c, &c->quads[i], LINE_CANONICAL, NONE), (uint32_t)i };
    count_sort(c->spans, c->spans_tmp, n, c->counts, nkeys, 0);
    count_sort(c->spans_tmp, c->spans, n, c->counts, nkeys, 32);
    for (size_t g = 0; g < n;) {
        size_t end = g + 1;
        while (end < n && c->spans[end].key == c->spans[g].key)
            end++;
        if (end - g > 1)
            sort_spans(&s, c->spans + g, c->spans_tmp, end - g);
        g = end;
    }
}

/* ---- 4.6 Hash First Degree Quads ---- */

static void hash_first_degree(struct mc_rdfc *c, uint32_t ref)
{
    struct node *nd = &c->nodes[ref];
    const struct sorting s = { c, LINE_FIRST_DEGREE, ref, false };
    sort_quads(&s, c->adj + nd->first, nd->count);
    /* One digest update of the joined lines: each update call costs more than a short line. */
    c->joined.len = 0;
    for (uint32_t i = 0; i < nd->count; i++)
        put_line(c, &c->joined, &c->quads[c->spans[i].q], LINE_FIRST_DEGREE, ref);
    mc_digest_init(&c->d, c->alg);
    mc_digest_update(&c->d, c->joined.p, c->joined.len);
    memset(nd->hash, 0, sizeof nd->hash);
    mc_digest_final(&c->d, nd->hash);
}

/* ---- issuers (4.5) ---- */

static unsigned cap_class(uint32_t cap)
{
    unsigned k = 0;
    while ((1u << k) < cap)
        k++;
    return k;
}

static struct issuer *issuer_get(struct mc_rdfc *c, uint32_t cap)
{
    unsigned k = cap_class(cap < 8 ? 8 : cap);
    struct issuer *is = c->free_issuers[k];
    if (is) {
        c->free_issuers[k] = is->next_free;
    } else {
        uint32_t ncap = 1u << k;
        uint32_t tcap = ncap > LINEAR_MAX ? 2 * ncap : 0;
        is = mc_xmalloc(sizeof *is + ((size_t)ncap + tcap) * sizeof(uint32_t));
        is->cap = ncap;
        is->tcap = tcap;
        is->tab = is->order + ncap;
    }
    is->n = 0;
    if (is->tcap)
        memset(is->tab, 0, is->tcap * sizeof(uint32_t));
    return is;
}

static void issuer_put(struct mc_rdfc *c, struct issuer *is)
{
    if (!is)
        return;
    unsigned k = cap_class(is->cap);
    is->next_free = c->free_issuers[k];
    c->free_issuers[k] = is;
}

static struct issuer *issuer_clone(struct mc_rdfc *c, const struct issuer *src)
{
    struct issuer *is = issuer_get(c, src->cap);
    is->n = src->n;
    memcpy(is->order, src->order, src->n * sizeof(uint32_t));
    if (is->tcap)
        memcpy(is->tab, src->tab, is->tcap * sizeof(uint32_t));
    return is;
}

static inline uint32_t slot_of(uint32_t node, uint32_t tcap)
{
    return (node * 2654435761u) & (tcap - 1);
}

/* The identifier number `is` issued for `node`, or NONE. */
static uint32_t issuer_find(const struct issuer *is, uint32_t node)
{
    if (!is->tcap) {
        for (uint32_t i = 0; i < is->n; i++)
            if (is->order[i] == node)
                return i;
        return NONE;
    }
    for (uint32_t s = slot_of(node, is->tcap);; s = (s + 1) & (is->tcap - 1)) {
        uint32_t v = is->tab[s];
        if (!v)
            return NONE;
        if (is->order[v - 1] == node)
            return v - 1;
    }
}

/* Issue Identifier (4.5.3): the existing identifier, or a new one (which may move the issuer). */
static uint32_t issuer_issue(struct mc_rdfc *c, struct issuer **pis, uint32_t node)
{
    struct issuer *is = *pis;
    uint32_t id = issuer_find(is, node);
    if (id != NONE)
        return id;
    if (is->n == is->cap) {
        struct issuer *big = issuer_get(c, is->cap * 2);
        big->n = is->n;
        memcpy(big->order, is->order, is->n * sizeof(uint32_t));
        for (uint32_t i = 0; big->tcap && i < big->n; i++) {
            uint32_t s = slot_of(big->order[i], big->tcap);
            while (big->tab[s])
                s = (s + 1) & (big->tcap - 1);
            big->tab[s] = i + 1;
        }
        issuer_put(c, is);
        is = *pis = big;
    }
    id = is->n++;
    is->order[id] = node;
    if (is->tcap) {
        uint32_t s = slot_of(node, is->tcap);
        while (is->tab[s])
            s = (s + 1) & (is->tcap - 1);
        is->tab[s] = id + 1;
    }
    return id;
}

static void canon_issue(struct mc_rdfc *c, uint32_t node)
{
    struct node *n = &c->nodes[node];
    if (n->canon >= 0)
        return;
    n->canon = (int32_t)c->ncanon;
    n->clen = (uint8_t)format_id(n->ctext, "_:c14n", 6, (uint32_t)c->ncanon);
    c->canon_order[c->ncanon++] = node;
}

/* ---- 4.7 Hash Related Blank Node ---- */

static void hash_related(struct mc_rdfc *c, uint32_t related, const struct cquad *q, char position,
                         const struct issuer *is, uint8_t *out)
{
    char id[24];
    size_t idlen;
    const char *idp = id;
    const struct node *nd = &c->nodes[related];
    if (nd->canon >= 0) {
        idp = nd->ctext;
        idlen = nd->clen;
    } else {
        uint32_t t = issuer_find(is, related);
        if (t != NONE) {
            idlen = format_id(id, "_:b", 3, t);
        } else {
            idp = nd->hex;
            idlen = 2 * c->hlen;
        }
    }
    mc_digest_init(&c->d, c->alg);
    mc_digest_update(&c->d, &position, 1);
    if (position != 'g') /* the predicate's text is "<iri>" already */
        mc_digest_update(&c->d, c->text.p + q->off[1], q->len[1]);
    mc_digest_update(&c->d, idp, idlen);
    memset(out, 0, HASH_MAX);
    mc_digest_final(&c->d, out);
}

/* ---- 4.8 Hash N-Degree Quads ---- */

static struct frame *frame_at(struct mc_rdfc *c, size_t depth)
{
    if (depth >= c->frames_cap) {
        size_t old = c->frames_cap;
        grow(&c->frames, &c->frames_cap, depth + 1, sizeof *c->frames);
        memset(c->frames + old, 0, (c->frames_cap - old) * sizeof *c->frames);
    }
    if (!c->frames[depth])
        c->frames[depth] = mc_xcalloc(1, sizeof(struct frame));
    return c->frames[depth];
}

static int cmp_related(const void *a, const void *b)
{
    const struct related *x = a, *y = b;
    int r = memcmp(x->hash, y->hash, HASH_MAX);
    if (r)
        return r;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

/* The next permutation of p[0..n) in the order of the nodes' ranks; false after the last. Equal
 * entries (a node related twice by the same hash) give each distinct arrangement once, which
 * changes nothing: identical permutations give identical paths. */
static bool next_perm(const struct mc_rdfc *c, uint32_t *p, size_t n)
{
    if (n < 2)
        return false;
    size_t i = n - 1;
    while (i > 0 && c->nodes[p[i - 1]].rank >= c->nodes[p[i]].rank)
        i--;
    if (i == 0)
        return false;
    size_t j = n - 1;
    while (c->nodes[p[j]].rank <= c->nodes[p[i - 1]].rank)
        j--;
    uint32_t t = p[i - 1];
    p[i - 1] = p[j];
    p[j] = t;
    for (size_t a = i, b = n - 1; a < b; a++, b--) {
        t = p[a];
        p[a] = p[b];
        p[b] = t;
    }
    return true;
}

static enum mc_rc work_limit(struct mc_rdfc *c)
{
    return mc_err_set(c->e, MC_ERR_TOO_LARGE,
                      "RDFC-1.0 work limit reached (%llu units of Hash N-Degree Quads calls, "
                      "related blank nodes and permutations); the dataset has too many "
                      "indistinguishable blank nodes",
                      (unsigned long long)c->max_work);
}

/*
 * `path` > `chosen` in the sense of 4.8.3 steps 5.4.4.3 and 5.4.5.5: skip to the next permutation.
 * A path found to be smaller stays smaller however it grows, which *smaller remembers, so each
 * permutation compares whole paths at most once.
 */
static bool worse(const struct sbuf *path, const struct sbuf *chosen, bool *smaller)
{
    if (*smaller || !chosen->len || path->len < chosen->len)
        return false;
    int r = cmp_bytes(path->p, path->len, chosen->p, chosen->len);
    *smaller = r < 0;
    return r > 0;
}

/*
 * Hash N-Degree Quads for `node` with the issuer *pis, which the caller owns. On success the hash
 * goes to `out` and *pis becomes the resulting issuer (the old one is released if it changed); on
 * failure *pis is left as it was.
 */
static enum mc_rc hash_n_degree(struct mc_rdfc *c, uint32_t node, struct issuer **pis, size_t depth,
                                uint8_t *out)
{
    if (++c->work > c->max_work)
        return work_limit(c);
    if (depth >= MAX_DEPTH)
        return mc_err_set(c->e, MC_ERR_TOO_LARGE,
                          "RDFC-1.0 recursion limit reached (Hash N-Degree Quads nested %d deep); "
                          "the dataset has too many indistinguishable blank nodes",
                          MAX_DEPTH);
    struct frame *f = frame_at(c, depth);
    struct issuer *const input = *pis;
    struct issuer *cur = input, *chosen_is = NULL, *copy = NULL;
    enum mc_rc rc = MC_OK;

    /* Step 3: the related hash to blank nodes map, as a sorted array. */
    const struct node *nd = &c->nodes[node];
    size_t nrel = 0;
    for (uint32_t i = 0; i < nd->count; i++) {
        const struct cquad *q = &c->quads[c->adj[nd->first + i]];
        static const char positions[3] = { 's', 'o', 'g' };
        for (int k = 0; k < 3; k++) {
            uint32_t r = q->b[k];
            if (r == NONE || r == node)
                continue;
            grow(&f->rel, &f->rel_cap, nrel + 1, sizeof *f->rel);
            struct related *rl = &f->rel[nrel++];
            hash_related(c, r, q, positions[k], cur, rl->hash);
            rl->node = r;
            rl->rank = c->nodes[r].rank;
        }
    }
    /* Charge the related hashes just made: a node with many quads costs that much per call. */
    c->work += nrel;
    if (c->work > c->max_work)
        return work_limit(c);
    if (nrel > 1)
        qsort(f->rel, nrel, sizeof *f->rel, cmp_related);

    mc_digest_init(&f->d, c->alg); /* step 4: data to hash, fed as it is made */
    for (size_t g = 0; g < nrel;) {
        size_t end = g + 1;
        while (end < nrel && memcmp(f->rel[end].hash, f->rel[g].hash, HASH_MAX) == 0)
            end++;
        char hex[2 * HASH_MAX];
        to_hex(f->rel[g].hash, c->hlen, hex);
        mc_digest_update(&f->d, hex, 2 * c->hlen); /* step 5.1 */

        /* Step 5.4: every permutation of the nodes with this hash, starting sorted. */
        size_t k = end - g;
        grow(&f->perm, &f->perm_cap, k, sizeof *f->perm);
        for (size_t i = 0; i < k; i++)
            f->perm[i] = f->rel[g + i].node;
        f->chosen.len = 0;
        do {
            /* A permutation costs its path and a copy of the issuer. */
            c->work += 1 + k + cur->n / 64;
            if (c->work > c->max_work) {
                rc = work_limit(c);
                goto out;
            }
            copy = issuer_clone(c, cur);
            f->path.len = 0;
            size_t nrec = 0;
            bool skip = false, smaller = false;
            for (size_t i = 0; i < k && !skip; i++) {
                uint32_t r = f->perm[i];
                if (c->nodes[r].canon >= 0) {
                    sb_put(&f->path, c->nodes[r].ctext, c->nodes[r].clen);
                } else {
                    if (issuer_find(copy, r) == NONE) {
                        grow(&f->rec, &f->rec_cap, nrec + 1, sizeof *f->rec);
                        f->rec[nrec++] = r;
                    }
                    sb_put_id(&f->path, "_:b", 3, issuer_issue(c, &copy, r));
                }
                skip = worse(&f->path, &f->chosen, &smaller);
            }
            for (size_t i = 0; i < nrec && !skip; i++) {
                uint32_t r = f->rec[i];
                uint8_t h[HASH_MAX];
                rc = hash_n_degree(c, r, &copy, depth + 1, h);
                if (rc)
                    goto out;
                sb_put_id(&f->path, "_:b", 3, issuer_issue(c, &copy, r));
                char hh[2 * HASH_MAX];
                to_hex(h, c->hlen, hh);
                sb_put(&f->path, "<", 1);
                sb_put(&f->path, hh, 2 * c->hlen);
                sb_put(&f->path, ">", 1);
                skip = worse(&f->path, &f->chosen, &smaller);
            }
            if (!skip && (f->chosen.len == 0 || smaller ||
                          cmp_bytes(f->path.p, f->path.len, f->chosen.p, f->chosen.len) < 0)) {
                struct sbuf t = f->chosen;
                f->chosen = f->path;
                f->path = t;
                issuer_put(c, chosen_is);
                chosen_is = copy;
            } else {
                issuer_put(c, copy);
            }
            copy = NULL;
        } while (next_perm(c, f->perm, k));

        mc_digest_update(&f->d, f->chosen.p, f->chosen.len); /* step 5.5 */
        if (cur != input)
            issuer_put(c, cur);
        cur = chosen_is; /* step 5.6 */
        chosen_is = NULL;
        g = end;
    }
    memset(out, 0, HASH_MAX);
    mc_digest_final(&f->d, out);
    if (cur != input)
        issuer_put(c, input);
    *pis = cur;
    return MC_OK;
out:
    issuer_put(c, copy);
    issuer_put(c, chosen_is);
    if (cur != input)
        issuer_put(c, cur);
    return rc;
}

/* ---- 4.4 the canonicalization algorithm ---- */

static int cmp_label(const void *a, const void *b, const struct node *nodes)
{
    struct mc_str x = nodes[*(const uint32_t *)a].label, y = nodes[*(const uint32_t *)b].label;
    return cmp_bytes(x.p, x.len, y.p, y.len);
}

/* qsort has no context argument; the node array being sorted is set here first. */
static _Thread_local const struct node *sort_nodes;

static int cmp_by_label(const void *a, const void *b)
{
    return cmp_label(a, b, sort_nodes);
}

static int cmp_by_hash(const void *a, const void *b)
{
    const struct node *x = &sort_nodes[*(const uint32_t *)a],
                      *y = &sort_nodes[*(const uint32_t *)b];
    int r = memcmp(x->hash, y->hash, HASH_MAX);
    if (r)
        return r;
    /* Equal hashes keep the order of first appearance, as the map of 4.4.3 step 3 does. */
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    return (i > j) - (i < j);
}

static int cmp_result(const void *a, const void *b)
{
    const struct ndresult *x = a, *y = b;
    int r = memcmp(x->hash, y->hash, HASH_MAX);
    if (r)
        return r;
    return (x->seq > y->seq) - (x->seq < y->seq); /* a stable sort */
}

static void release_results(struct mc_rdfc *c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        issuer_put(c, c->results[i].issuer);
}

/* What Hash N-Degree Quads needs and most datasets never use: the ranks of labels, for the order
 * of permutations, and the first degree hashes in hex. */
static void prepare_n_degree(struct mc_rdfc *c)
{
    size_t nb = c->nb;
    grow(&c->by_label, &c->by_label_cap, nb, sizeof *c->by_label);
    for (size_t i = 0; i < nb; i++) {
        c->by_label[i] = (uint32_t)i;
        to_hex(c->nodes[i].hash, c->hlen, c->nodes[i].hex);
    }
    sort_nodes = c->nodes;
    qsort(c->by_label, nb, sizeof *c->by_label, cmp_by_label);
    for (size_t i = 0; i < nb; i++)
        c->nodes[c->by_label[i]].rank = (uint32_t)i;
}

static enum mc_rc issue_all(struct mc_rdfc *c)
{
    size_t nb = c->nb;
    grow(&c->sorted, &c->sorted_cap, nb, sizeof *c->sorted);
    grow(&c->canon_order, &c->canon_cap, nb, sizeof *c->canon_order);
    c->ncanon = 0;
    if (nb == 1) {
        /* One blank node is issued c14n0 whatever its hash (a proof configuration has one). */
        canon_issue(c, 0);
        return MC_OK;
    }

    /* Step 3: first degree hashes; the hash to blank nodes map is the nodes sorted by hash. */
    for (size_t i = 0; i < nb; i++) {
        hash_first_degree(c, (uint32_t)i);
        c->sorted[i] = (uint32_t)i;
    }
    sort_nodes = c->nodes;
    if (nb > 1)
        qsort(c->sorted, nb, sizeof *c->sorted, cmp_by_hash);

    /* Step 4: nodes with a unique first degree hash, in hash order. */
    for (size_t g = 0; g < nb;) {
        size_t end = g + 1;
        while (end < nb &&
               memcmp(c->nodes[c->sorted[end]].hash, c->nodes[c->sorted[g]].hash, HASH_MAX) == 0)
            end++;
        if (end - g == 1)
            canon_issue(c, c->sorted[g]);
        g = end;
    }

    /* Step 5: the groups that share a hash, in hash order. */
    bool ready = false;
    for (size_t g = 0; g < nb;) {
        size_t end = g + 1;
        while (end < nb &&
               memcmp(c->nodes[c->sorted[end]].hash, c->nodes[c->sorted[g]].hash, HASH_MAX) == 0)
            end++;
        if (end - g == 1) {
            g = end;
            continue;
        }
        if (!ready) {
            prepare_n_degree(c);
            ready = true;
        }
        size_t nres = 0;
        for (size_t i = g; i < end; i++) {
            uint32_t n = c->sorted[i];
            if (c->nodes[n].canon >= 0)
                continue;
            struct issuer *is = issuer_get(c, 8);
            issuer_issue(c, &is, n); /* step 5.2.3 */
            grow(&c->results, &c->results_cap, nres + 1, sizeof *c->results);
            struct ndresult *r = &c->results[nres];
            enum mc_rc rc = hash_n_degree(c, n, &is, 0, r->hash);
            if (rc) {
                issuer_put(c, is);
                release_results(c, nres);
                return rc;
            }
            r->issuer = is;
            r->seq = nres++;
        }
        if (nres > 1)
            qsort(c->results, nres, sizeof *c->results, cmp_result);
        for (size_t i = 0; i < nres; i++) {
            const struct issuer *is = c->results[i].issuer;
            for (uint32_t j = 0; j < is->n; j++)
                canon_issue(c, is->order[j]);
        }
        release_results(c, nres);
        g = end;
    }
    return MC_OK;
}

/* Step 6 and 7: the quads with canonical labels, sorted, without duplicates. */
static enum mc_rc write_out(struct mc_rdfc *c, struct mc_buf *out)
{
    key_canonical(c);
    sort_canonical(c);
    const struct sorting s = { c, LINE_CANONICAL, NONE, false };
    c->line.len = 0;
    for (size_t i = 0; i < c->nq; i++) {
        /* Distinct terms can have the same text (a literal with and without xsd:string). */
        if (i && cmp_span(&s, &c->spans[i], &c->spans[i - 1]) == 0)
            continue;
        put_line(c, &c->line, &c->quads[c->spans[i].q], LINE_CANONICAL, NONE);
    }
    if (c->line.len && mc_buf_append(out, c->line.p, c->line.len))
        return mc_err_set(c->e, MC_ERR_TOO_LARGE,
                          "the canonical N-Quads are larger than %zu bytes, the most allowed",
                          out->max);
    return MC_OK;
}

/* A copy of the map, so that it stays valid when the dataset goes. */
static void make_map(struct mc_rdfc *c)
{
    c->map.len = 0;
    grow(&c->map_ent, &c->map_cap, c->ncanon, sizeof *c->map_ent);
    for (size_t i = 0; i < c->ncanon; i++) {
        struct map_entry *m = &c->map_ent[i];
        const struct node *n = &c->nodes[c->canon_order[i]];
        m->in_off = c->map.len;
        m->in_len = n->label.len;
        sb_put(&c->map, n->label.p, n->label.len);
        m->c_off = c->map.len;
        m->c_len = n->clen - 2u; /* without "_:" */
        sb_put(&c->map, n->ctext + 2, m->c_len);
    }
}

enum mc_rc mc_rdfc_canonicalize(struct mc_rdfc *c, const struct mc_rdf_dataset *ds,
                                const struct mc_rdfc_options *opt, struct mc_buf *out,
                                struct mc_err *e)
{
    c->e = e;
    c->alg = opt && opt->hash == MC_RDFC_SHA384 ? MC_DIGEST_SHA384 : MC_DIGEST_SHA256;
    c->hlen = mc_digest_len(c->alg);
    c->max_work = opt && opt->max_work ? opt->max_work : MC_RDFC_DEFAULT_MAX_WORK;
    c->work = 0;
    c->ncanon = 0;
    c->map.len = 0;
    enum mc_rc rc = load(c, ds);
    if (!rc) {
        rank_terms(c);
        rc = issue_all(c);
    }
    if (!rc)
        rc = write_out(c, out);
    if (rc) {
        c->ncanon = 0;
        return rc;
    }
    make_map(c);
    return MC_OK;
}

size_t mc_rdfc_map_count(const struct mc_rdfc *c)
{
    return c->ncanon;
}

void mc_rdfc_map_get(const struct mc_rdfc *c, size_t i, struct mc_str *input,
                     struct mc_str *canonical)
{
    const struct map_entry *m = &c->map_ent[i];
    *input = (struct mc_str){ c->map.p + m->in_off, m->in_len };
    *canonical = (struct mc_str){ c->map.p + m->c_off, m->c_len };
}

uint64_t mc_rdfc_work(const struct mc_rdfc *c)
{
    return c->work;
}
