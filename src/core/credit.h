/* SPDX-License-Identifier: Apache-2.0 */
/* Recognition of credit: a learner's credentials counted toward a university program. */
#ifndef MC_CORE_CREDIT_H
#define MC_CORE_CREDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "mcred/buf.h"
#include "mcred/error.h"
#include "mcred/str.h"

/*
 * A university recognises other providers' micro-credentials for credit toward one of its
 * programs through recognition agreements (the `recognition_agreements` table): "achievement X
 * from provider P counts N credits of unit U toward program T, at most M under this agreement,
 * for credentials issued between these dates". mc_credit_compute() applies a university's
 * agreements for one target program to a learner's credentials and explains every decision:
 * which credentials counted and for how much, which did not and why. Pure logic over plain
 * structs; docs/internals/core.md, "Recognition credit", has the rules.
 */

/* The unit credits are counted in; the names are the `credit_unit` values of the schema. */
enum mc_credit_unit {
    MC_CREDIT_ECTS,  /* European Credit Transfer and Accumulation System credits */
    MC_CREDIT_HOURS, /* notional workload hours */
    MC_CREDIT_UNIT_COUNT
};

/* "ects", "hours"; "?" out of range. */
const char *mc_credit_unit_name(enum mc_credit_unit u);
/* Exact match of a name; MC_ERR_INVALID naming the accepted ones otherwise. */
enum mc_rc mc_credit_unit_parse(struct mc_str s, enum mc_credit_unit *out, struct mc_err *e);

/* One recognition agreement, as the store reads it. Strings are borrowed. */
struct mc_credit_agreement {
    int64_t id;
    int64_t provider_org_id; /* whose credentials it recognises */
    int64_t achievement_id;  /* which achievement */
    double credits;          /* granted per credential, > 0 */
    enum mc_credit_unit unit;
    double max_credits; /* at most this much under the agreement in all; < 0: no cap */
    int64_t valid_from; /* Unix seconds: credentials issued at or after this count */
    int64_t valid_to;   /* Unix seconds: ... and at or before this; 0: open-ended */
};

/* The program credit is counted toward. */
struct mc_credit_target {
    enum mc_credit_unit unit; /* the program's unit */
    double max_total;         /* the program's overall cap on recognised credit; < 0: none */
    double hours_per_ects;    /* converts between units when > 0; 0: a unit mismatch is refused */
};

/* One of the learner's credentials: valid and not revoked or suspended (the caller filters). */
struct mc_credit_credential {
    const char *id; /* the credential's id ("urn:uuid:..."), for the explanation; may be NULL */
    int64_t achievement_id;
    int64_t issuer_org_id;
    int64_t issued_at; /* Unix seconds */
};

/* Why a credential counted or not. Names ("counted", "no-agreement", ...) are stable. */
enum mc_credit_reason {
    MC_CREDIT_COUNTED,        /* counted, fully or (capped) in part */
    MC_CREDIT_NO_AGREEMENT,   /* no agreement names its achievement */
    MC_CREDIT_WRONG_PROVIDER, /* agreements name its achievement, from another provider */
    MC_CREDIT_NOT_YET_VALID,  /* issued before the agreement took effect */
    MC_CREDIT_EXPIRED,        /* issued after the agreement ended */
    MC_CREDIT_WRONG_UNIT,     /* the agreement's unit is not the program's, and no conversion */
    MC_CREDIT_DUPLICATE,      /* the same credential, or its achievement already counted */
    MC_CREDIT_AGREEMENT_CAP,  /* the agreement's max_credits is used up */
    MC_CREDIT_PROGRAM_CAP,    /* the program's overall cap is reached */
    MC_CREDIT_REASON_COUNT
};

const char *mc_credit_reason_name(enum mc_credit_reason r);

/* The decision on one credential. */
struct mc_credit_line {
    struct mc_credit_credential credential; /* a copy, strings in the result's arena */
    enum mc_credit_reason reason;
    int64_t agreement_id; /* the agreement applied (or the closest that failed); 0 if none */
    double offered;       /* what the agreement grants it, in the program's unit; 0 if none */
    double credits;       /* what counted, in the program's unit: offered, less if capped */
    /* MC_CREDIT_COUNTED with credits < offered: the cap that cut it (AGREEMENT_CAP or
     * PROGRAM_CAP); MC_CREDIT_COUNTED otherwise. */
    enum mc_credit_reason capped_by;
    const char *duplicate_of; /* MC_CREDIT_DUPLICATE: the credential counted before; may be NULL */
    const char *detail;       /* a sentence for people, never NULL */
};

struct mc_credit_result {
    enum mc_credit_unit unit;
    double total;     /* the sum of the lines' credits, at most max_total */
    double max_total; /* the program's cap, < 0 if none */
    bool capped;      /* the program's cap cut something */
    /* Every credential once, in the order they were considered: issue date, then id. */
    struct mc_credit_line *lines;
    size_t n_lines;
    size_t n_counted;
};

/* At most this many agreements and credentials per call (MC_ERR_TOO_LARGE beyond). */
#define MC_CREDIT_MAX_ITEMS 10000

/*
 * Count `creds` toward the program described by `t` under `agreements` (the university's
 * agreements for that program). Credentials are considered in issue order (then by id), so the
 * earliest ones use the caps first. For each credential the agreements naming its achievement are
 * tried; the one that applies (right provider, issued inside its window, a usable unit) with the
 * most credits is used, ties going to the lowest agreement id. Without max_credits an agreement
 * counts one credential per achievement (a later one is a duplicate); with max_credits it counts
 * repeated credentials until the cap is used up, the last one in part. The program's max_total
 * then caps the sum the same way.
 *
 * MC_ERR_INVALID names a malformed agreement ("agreement 7: credits must be > 0") or target;
 * MC_ERR_TOO_LARGE past MC_CREDIT_MAX_ITEMS. On success `*out` and everything it points to live
 * in `a` (the inputs may be freed afterwards).
 */
enum mc_rc mc_credit_compute(const struct mc_credit_target *t,
                             const struct mc_credit_agreement *agreements, size_t n_agreements,
                             const struct mc_credit_credential *creds, size_t n_creds,
                             struct mc_arena *a, struct mc_credit_result **out, struct mc_err *e);

/*
 * Append the result as compact JSON:
 * {"unit":"ects","total":12.5,"max_total":30,"capped":false,"counted":[{"credential":...,
 *  "achievement_id":..,"issuer_id":..,"issued_at":"...","agreement":..,"offered":..,"credits":..,
 *  "capped_by":"agreement-cap"?,"detail":...}],"not_counted":[{... "reason":"agreement-expired"}]}
 * "max_total" is null without a cap. Deterministic: the same result gives the same bytes.
 * MC_ERR_TOO_LARGE past the buffer's cap.
 */
enum mc_rc mc_credit_result_json(const struct mc_credit_result *r, struct mc_buf *out);

#endif
