/* SPDX-License-Identifier: Apache-2.0 */
/* Stacking rules: what a program requires, parsed from JSON, and a learner's progress toward it. */
#ifndef MC_CORE_STACKING_H
#define MC_CORE_STACKING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "core/credit.h"
#include "mcred/buf.h"
#include "mcred/error.h"
#include "mcred/str.h"

/*
 * A program's stacking rule (programs.stacking_rule) is a tree of requirements: all of some
 * parts, n of them, at least so many credits from them, an achievement (with the issuers whose
 * awards of it are recognised), or a nested program whose own rule must be met. The JSON form is
 * in docs/internals/core.md, "Stacking rules", for example
 *
 *   {"all-of": [{"achievement": "python-basics"},
 *               {"n-of": 2, "of": [{"achievement": "sql"}, {"achievement": "r"},
 *                                  {"achievement": "excel"}]},
 *               {"credits-at-least": 10, "unit": "ects", "of": [...]},
 *               {"program": "data-analyst-nanodegree"}]}
 *
 * mc_stacking_compile() checks a rule as it is saved and resolves its names through the
 * caller's catalog; mc_stacking_evaluate() measures a learner's held achievements against the
 * compiled rule; mc_stacking_progress_json() writes the result for the API;
 * mc_stacking_change() tells an award or a revocation that flipped the rule.
 *
 * Ownership: everything compiled or evaluated lives in the arena the caller passes and is freed
 * with it. Nothing here keeps a pointer to the caller's input after a call returns.
 */

enum mc_stacking_kind {
    MC_STACKING_ALL_OF,      /* "all-of": every part */
    MC_STACKING_N_OF,        /* "n-of": at least n parts */
    MC_STACKING_CREDITS,     /* "credits-at-least": credits summed over the parts that are met */
    MC_STACKING_ACHIEVEMENT, /* "achievement": hold it */
    MC_STACKING_PROGRAM,     /* "program": meet a nested program's rule */
    MC_STACKING_KIND_COUNT
};

/* "all-of", "n-of", "credits-at-least", "achievement", "program"; "?" out of range. */
const char *mc_stacking_kind_name(enum mc_stacking_kind k);

/* An issuer whose award of an achievement is accepted. */
struct mc_stacking_issuer {
    int64_t id;
    const char *slug; /* may be NULL if the catalog gave none */
};

/* A node of a compiled rule. */
struct mc_stacking_node {
    enum mc_stacking_kind kind;
    const char *pointer; /* JSON pointer of the node in its program's rule; "" for the root */
    /* all-of, n-of, credits-at-least: the parts, in order (at least one). program: exactly one,
     * the root of the nested program's compiled rule. achievement: none. */
    struct mc_stacking_node *children;
    size_t n_children;
    size_t n;                 /* n-of: 1..n_children */
    double amount;            /* credits-at-least: > 0 */
    enum mc_credit_unit unit; /* credits-at-least */
    /* achievement, program: the catalog's id and slug */
    int64_t id;
    const char *slug;
    /* achievement: its issuer and stated credits (< 0: not stated), from the catalog */
    struct mc_stacking_issuer issuer;
    double ects;
    double hours;
    /* achievement: other issuers whose awards of it are recognised ("recognized-from") */
    struct mc_stacking_issuer *recognized;
    size_t n_recognized;
};

/* A compiled rule: the program it belongs to and its tree, nested programs included. */
struct mc_stacking_rule {
    int64_t program_id; /* 0 for a program not saved yet */
    const char *program_slug;
    struct mc_stacking_node *root;
    size_t n_nodes; /* all nodes, nested programs' included */
};

/* --- the catalog the compiler resolves names through --- */

enum mc_stacking_ref_kind {
    MC_STACKING_REF_ACHIEVEMENT,
    MC_STACKING_REF_PROGRAM,
    MC_STACKING_REF_ISSUER, /* an organisation, in "recognized-from" */
};

/* A name in a rule: a slug (a JSON string) or a row id (a JSON integer, then slug.len == 0). */
struct mc_stacking_ref {
    enum mc_stacking_ref_kind kind;
    struct mc_str slug;
    int64_t id;
};

/* What the catalog says about a name. Strings are borrowed until the next callback call. */
struct mc_stacking_entity {
    int64_t id;       /* > 0 */
    const char *slug; /* the canonical slug */
    /* achievement: its issuer and credits (< 0: not stated) */
    int64_t issuer_id;
    const char *issuer_slug;
    double ects;
    double hours;
    /* program: its stacking rule as JSON text, NULL if it has none */
    const char *rule;
    size_t rule_len;
};

/*
 * The caller's catalog. `lookup` fills `out` (zeroed beforehand) and returns MC_OK, or
 * MC_ERR_NOT_FOUND when there is no such thing (the compiler then names it in its own error), or
 * any other code for a failure of its own (with `e` set), which the compiler passes on.
 */
struct mc_stacking_catalog {
    void *ctx;
    enum mc_rc (*lookup)(void *ctx, const struct mc_stacking_ref *ref,
                         struct mc_stacking_entity *out, struct mc_err *e);
};

/* Bounds on the cost of a rule; 0 in a field picks the default. */
struct mc_stacking_limits {
    size_t max_bytes; /* JSON text of one rule: 64 KiB */
    size_t max_depth; /* levels of nodes, through nested programs: 16 */
    size_t max_nodes; /* nodes in all, nested programs' expanded: 1000 */
};

#define MC_STACKING_MAX_RECOGNIZED 16  /* issuers in one "recognized-from" */
#define MC_STACKING_MAX_AMOUNT     1e6 /* largest credits-at-least amount */

/*
 * Parse and check the rule text p[0..len) of the program (`program_id`, `program_slug`; id 0
 * for one not saved yet), resolving every achievement, program and issuer through `cat` and
 * compiling nested programs' rules in (their rules come from the lookup). On success `*out` lives
 * in `a`.
 *
 * MC_ERR_INVALID for a rule that breaks the schema, names something the catalog does not have,
 * or nests programs in a cycle; MC_ERR_TOO_LARGE past a limit. e->where is the JSON pointer of
 * the problem in this program's rule ("/" for the root) and the message starts with it:
 *   "/all-of/1/n-of: n is 3 but the list has only 2 parts"
 *   "/all-of/0/achievement: unknown achievement 'pyhton-basics'"
 *   "/all-of/2/program: programs nest in a cycle: program a → b → a"
 * A problem inside a nested program's rule is placed at the "program" member that nests it and
 * the message says where inside: "/of/0/program: in program 'b': /all-of/3: ...".
 * Errors from the callback are passed on unchanged but for the place.
 */
enum mc_rc mc_stacking_compile(const char *p, size_t len, int64_t program_id,
                               const char *program_slug, const struct mc_stacking_catalog *cat,
                               const struct mc_stacking_limits *limits, struct mc_arena *a,
                               struct mc_stacking_rule **out, struct mc_err *e);

/*
 * Append the rule in its canonical JSON form: slugs for names, members in the documented order,
 * nested programs by slug only (not expanded). Compiling the output gives the same rule; this is
 * the form to store in programs.stacking_rule. MC_ERR_TOO_LARGE past the buffer's cap.
 */
enum mc_rc mc_stacking_rule_json(const struct mc_stacking_rule *r, struct mc_buf *out);

/* --- evaluation --- */

/* An achievement the learner holds: from a valid credential, not revoked or suspended (the
 * caller filters). Credits as the credential's achievement version states them, < 0 if not
 * stated (then the catalog's figure from the rule is used). */
struct mc_stacking_held {
    int64_t achievement_id;
    int64_t issuer_id;
    double ects;
    double hours;
    const char *credential_id; /* for the progress JSON; may be NULL */
};

/* Progress on one node, mirroring the rule tree. */
struct mc_stacking_progress_node {
    const struct mc_stacking_node *rule;
    bool met;
    size_t children_met; /* all-of, n-of, credits-at-least: parts met */
    double credits;      /* credits-at-least: credits of the counted achievements, in its unit */
    size_t held;         /* achievement: index in progress->held of the award that met it;
                            SIZE_MAX if unmet */
    bool recognized;     /* achievement: met through a "recognized-from" issuer */
    /* Indices in progress->held of the distinct awards counted: for an achievement the one that
     * met it; for the others those counted by their met parts. Ascending. */
    size_t *counted;
    size_t n_counted;
    struct mc_stacking_progress_node *children; /* as rule->children */
    size_t n_children;
};

/* A requirement still to fulfil, for "what's left" displays. */
struct mc_stacking_missing {
    const char *program_slug;            /* whose rule the node is in */
    const struct mc_stacking_node *node; /* an unmet achievement; or an unmet node none of whose
                                            parts is left to earn (credits still short) */
    const struct mc_stacking_progress_node *progress;
};

struct mc_stacking_progress {
    const struct mc_stacking_rule *rule;
    bool met;
    struct mc_stacking_progress_node *root;
    /* the held achievements, sorted (achievement, issuer, credential id, credits) */
    struct mc_stacking_held *held;
    size_t n_held;
    /* unmet achievements under unmet nodes, in rule order, each achievement once; and unmet
     * nodes with nothing left to earn under them */
    struct mc_stacking_missing *missing;
    size_t n_missing;
    /* per award in `held`: the first achievement node it met (NULL: it met none) and whether
     * through a recognised issuer; the progress JSON's "counted" lists those that met one */
    const struct mc_stacking_node **met_node;
    bool *met_recognized;
};

#define MC_STACKING_MAX_HELD 100000

/*
 * Measure `held` against the rule. An achievement node is met by an award of its achievement
 * from its issuer or a recognised one (its own issuer preferred, then the recognised ones in
 * order). all-of needs every part, n-of at least n, credits-at-least at least `amount` credits
 * summed over the distinct awards counted by its met parts (each award once, however many parts
 * name it), a program node its nested rule. Deterministic: the order of `held` does not matter.
 * MC_ERR_TOO_LARGE past MC_STACKING_MAX_HELD. On success `*out` lives in `a` (the input may be
 * freed afterwards; `r` must live as long as the progress).
 */
enum mc_rc mc_stacking_evaluate(const struct mc_stacking_rule *r,
                                const struct mc_stacking_held *held, size_t n_held,
                                struct mc_arena *a, struct mc_stacking_progress **out,
                                struct mc_err *e);

/*
 * Append the progress as compact JSON (format in docs/internals/core.md): the program, whether
 * it is met, the node tree with what each node has and needs, the awards counted and what is
 * missing. Deterministic. MC_ERR_TOO_LARGE past the buffer's cap.
 */
enum mc_rc mc_stacking_progress_json(const struct mc_stacking_progress *p, struct mc_buf *out);

/* --- change detection --- */

enum mc_stacking_change {
    MC_STACKING_UNCHANGED,
    MC_STACKING_NOW_MET,   /* unmet before, met after: issue the stacked credential */
    MC_STACKING_NOW_UNMET, /* met before, unmet after: suspend it */
};

/* Compare progress before and after an award or a revocation. NULL counts as unmet (no rule
 * evaluated yet). */
enum mc_stacking_change mc_stacking_change(const struct mc_stacking_progress *before,
                                           const struct mc_stacking_progress *after);

#endif
