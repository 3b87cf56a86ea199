/* SPDX-License-Identifier: Apache-2.0 */
/* Recognition of credit: agreements applied to a learner's credentials, every decision explained.
 */
#include "core/credit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/json.h"
#include "base/time.h"

#define EPSILON 1e-9 /* sums of decimal fractions are not exact */

static const char *const unit_names[MC_CREDIT_UNIT_COUNT] = { "ects", "hours" };

const char *mc_credit_unit_name(enum mc_credit_unit u)
{
    return (int)u >= 0 && u < MC_CREDIT_UNIT_COUNT ? unit_names[u] : "?";
}

enum mc_rc mc_credit_unit_parse(struct mc_str s, enum mc_credit_unit *out, struct mc_err *e)
{
    for (int i = 0; i < MC_CREDIT_UNIT_COUNT; i++) {
        if (mc_str_eqz(s, unit_names[i])) {
            *out = (enum mc_credit_unit)i;
            return MC_OK;
        }
    }
    return mc_err_set(e, MC_ERR_INVALID, "unknown credit unit '%.*s': use one of ects, hours",
                      MC_STR_FMT(mc_str_sub(s, 0, 64)));
}

static const char *const reason_names[MC_CREDIT_REASON_COUNT] = {
    "counted",           "no-agreement", "wrong-provider", "agreement-not-yet-valid",
    "agreement-expired", "wrong-unit",   "duplicate",      "agreement-cap",
    "program-cap",
};

const char *mc_credit_reason_name(enum mc_credit_reason r)
{
    return (int)r >= 0 && r < MC_CREDIT_REASON_COUNT ? reason_names[r] : "?";
}

/* --- small hash maps in the arena: achievement id -> line, credential id -> line --- */

struct slot {
    bool used;
    int64_t key;
    const char *skey;
    size_t line;
};

struct map {
    struct slot *slots;
    size_t mask;
};

static void map_init(struct map *m, struct mc_arena *a, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    m->slots = mc_arena_calloc(a, cap, sizeof *m->slots);
    m->mask = cap - 1;
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return x;
}

/* The slot of `key` (an int) or `skey` (a string, when not NULL): the one holding it, or the
 * empty one where it goes. The map never fills past half. */
static struct slot *map_find(struct map *m, int64_t key, const char *skey)
{
    size_t i = (size_t)(skey ? mc_hash_str(skey) : mix((uint64_t)key)) & m->mask;
    for (;; i = (i + 1) & m->mask) {
        struct slot *s = &m->slots[i];
        if (!s->used)
            return s;
        if (skey ? strcmp(s->skey, skey) == 0 : s->key == key)
            return s;
    }
}

/* --- checking the input --- */

static enum mc_rc check_input(const struct mc_credit_target *t,
                              const struct mc_credit_agreement *ag, size_t n_ag, size_t n_creds,
                              struct mc_err *e)
{
    if (n_ag > MC_CREDIT_MAX_ITEMS || n_creds > MC_CREDIT_MAX_ITEMS)
        return mc_err_set(e, MC_ERR_TOO_LARGE,
                          "at most %d agreements and %d credentials, not %zu and %zu",
                          MC_CREDIT_MAX_ITEMS, MC_CREDIT_MAX_ITEMS, n_ag, n_creds);
    if ((int)t->unit < 0 || t->unit >= MC_CREDIT_UNIT_COUNT)
        return mc_err_set(e, MC_ERR_INVALID, "the program's credit unit is not ects or hours");
    if (!isfinite(t->max_total) || !isfinite(t->hours_per_ects) || t->hours_per_ects < 0)
        return mc_err_set(e, MC_ERR_INVALID,
                          "the program's cap and hours per ECTS must be finite,"
                          " hours per ECTS >= 0");
    for (size_t i = 0; i < n_ag; i++) {
        const struct mc_credit_agreement *g = &ag[i];
        const char *bad = NULL;
        if (!isfinite(g->credits) || g->credits <= 0)
            bad = "credits must be more than 0";
        else if ((int)g->unit < 0 || g->unit >= MC_CREDIT_UNIT_COUNT)
            bad = "the credit unit is not ects or hours";
        else if (!isfinite(g->max_credits) || (g->max_credits >= 0 && g->max_credits < g->credits))
            bad = "max_credits must be at least credits (or < 0 for no cap)";
        else if (g->valid_to && g->valid_to < g->valid_from)
            bad = "valid_to is before valid_from";
        if (bad) {
            mc_err_where(e, "agreements[%zu]", i);
            return mc_err_set(e, MC_ERR_INVALID, "agreement %lld: %s", (long long)g->id, bad);
        }
    }
    return MC_OK;
}

/* --- the computation --- */

struct state {
    const struct mc_credit_target *t;
    const struct mc_credit_agreement *ag;
    size_t n_ag;
    size_t *by_achievement; /* agreement indices sorted by (achievement, id) */
    double *used;           /* per agreement: credits granted, in its own unit */
    struct map counted;     /* achievement id -> the line that counted it first */
    struct map seen;        /* credential id -> its first line */
    double total;
    struct mc_arena *a;
};

static int cmp_agreement(const void *pa, const void *pb, const struct mc_credit_agreement *ag)
{
    const struct mc_credit_agreement *a = &ag[*(const size_t *)pa], *b = &ag[*(const size_t *)pb];
    if (a->achievement_id != b->achievement_id)
        return a->achievement_id < b->achievement_id ? -1 : 1;
    if (a->id != b->id)
        return a->id < b->id ? -1 : 1;
    return *(const size_t *)pa < *(const size_t *)pb ? -1 : 1;
}

/* qsort has no context argument in C17: the agreements being sorted, thread-local and set only
 * around the call. */
static _Thread_local const struct mc_credit_agreement *sort_ag;

static int cmp_agreement_q(const void *pa, const void *pb)
{
    return cmp_agreement(pa, pb, sort_ag);
}

static int cmp_cred(const void *pa, const void *pb)
{
    const struct mc_credit_line *a = pa, *b = pb;
    const struct mc_credit_credential *x = &a->credential, *y = &b->credential;
    if (x->issued_at != y->issued_at)
        return x->issued_at < y->issued_at ? -1 : 1;
    if (x->id || y->id) {
        if (!x->id || !y->id)
            return x->id ? 1 : -1;
        int c = strcmp(x->id, y->id);
        if (c)
            return c;
    }
    if (x->achievement_id != y->achievement_id)
        return x->achievement_id < y->achievement_id ? -1 : 1;
    if (x->issuer_org_id != y->issuer_org_id)
        return x->issuer_org_id < y->issuer_org_id ? -1 : 1;
    return 0;
}

/* Credits of `g` in the program's unit; < 0 if they cannot be converted. */
static double convert(const struct state *s, double v, enum mc_credit_unit from)
{
    if (from == s->t->unit)
        return v;
    if (s->t->hours_per_ects <= 0)
        return -1;
    return s->t->unit == MC_CREDIT_HOURS ? v * s->t->hours_per_ects : v / s->t->hours_per_ects;
}

static bool in_window(const struct mc_credit_agreement *g, int64_t at)
{
    return at >= g->valid_from && (!g->valid_to || at <= g->valid_to);
}

static const char *date(struct mc_arena *a, int64_t sec)
{
    char buf[MC_TIME_RFC3339_SIZE];
    mc_time_format_rfc3339(sec, buf);
    return mc_arena_strdup(a, buf);
}

static const char *unit_of(const struct state *s)
{
    return mc_credit_unit_name(s->t->unit);
}

/* How far a credential got through the checks, to report the agreement that came closest. */
static int stage(enum mc_credit_reason r)
{
    switch (r) {
    case MC_CREDIT_WRONG_PROVIDER: return 0;
    case MC_CREDIT_NOT_YET_VALID:
    case MC_CREDIT_EXPIRED: return 1;
    case MC_CREDIT_WRONG_UNIT: return 2;
    default: return 3;
    }
}

/* Decide one line. Checks go from the coarsest to the finest, and the line reports the first
 * that fails for the agreement that came closest. */
static void decide(struct state *s, struct mc_credit_line *l, size_t index)
{
    const struct mc_credit_credential *c = &l->credential;
    struct mc_arena *a = s->a;
    l->capped_by = MC_CREDIT_COUNTED;

    if (c->id) {
        struct slot *seen = map_find(&s->seen, 0, c->id);
        if (seen->used) {
            l->reason = MC_CREDIT_DUPLICATE;
            l->duplicate_of = c->id;
            l->detail = "the same credential was given twice; it is considered once";
            return;
        }
        *seen = (struct slot){ true, 0, c->id, index };
    }

    /* The agreements naming the achievement: a run in by_achievement. */
    size_t lo = 0, hi = s->n_ag;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->ag[s->by_achievement[mid]].achievement_id < c->achievement_id)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < s->n_ag && s->ag[s->by_achievement[end]].achievement_id == c->achievement_id)
        end++;
    if (lo == end) {
        l->reason = MC_CREDIT_NO_AGREEMENT;
        l->detail = mc_arena_printf(a, "no agreement recognises achievement %lld",
                                    (long long)c->achievement_id);
        return;
    }

    /* Closest failure so far, by stage: provider, window, unit. */
    enum mc_credit_reason reason = MC_CREDIT_WRONG_PROVIDER;
    const struct mc_credit_agreement *closest = &s->ag[s->by_achievement[lo]];
    const struct mc_credit_agreement *best = NULL;
    double best_offer = 0;
    struct slot *prior = map_find(&s->counted, c->achievement_id, NULL);
    bool repeat = prior->used;
    const struct mc_credit_agreement *full = NULL; /* usable, but its cap is used up */

    for (size_t k = lo; k < end; k++) {
        size_t gi = s->by_achievement[k];
        const struct mc_credit_agreement *g = &s->ag[gi];
        if (g->provider_org_id != c->issuer_org_id)
            continue;
        if (!in_window(g, c->issued_at)) {
            if (stage(reason) < 1) {
                reason = c->issued_at < g->valid_from ? MC_CREDIT_NOT_YET_VALID : MC_CREDIT_EXPIRED;
                closest = g;
            }
            continue;
        }
        double offer = convert(s, g->credits, g->unit);
        if (offer < 0) {
            if (stage(reason) < 2) {
                reason = MC_CREDIT_WRONG_UNIT;
                closest = g;
            }
            continue;
        }
        bool repeatable = g->max_credits >= 0;
        if (repeat && !repeatable) {
            if (stage(reason) < 3) {
                reason = MC_CREDIT_DUPLICATE;
                closest = g;
            }
            continue;
        }
        if (repeatable && s->used[gi] + EPSILON >= g->max_credits) {
            full = g;
            continue;
        }
        if (!best || offer > best_offer + EPSILON) {
            best = g;
            best_offer = offer;
        }
    }

    if (!best && full) {
        l->reason = MC_CREDIT_AGREEMENT_CAP;
        l->agreement_id = full->id;
        l->offered = convert(s, full->credits, full->unit);
        l->detail =
                mc_arena_printf(a, "agreement %lld's cap of %g %s is used up", (long long)full->id,
                                full->max_credits, mc_credit_unit_name(full->unit));
        return;
    }
    if (!best) {
        l->reason = reason;
        l->agreement_id = closest->id;
        switch (reason) {
        case MC_CREDIT_WRONG_PROVIDER:
            l->detail = mc_arena_printf(a,
                                        "agreement %lld recognises achievement %lld from provider "
                                        "%lld, not from issuer %lld",
                                        (long long)closest->id, (long long)c->achievement_id,
                                        (long long)closest->provider_org_id,
                                        (long long)c->issuer_org_id);
            break;
        case MC_CREDIT_NOT_YET_VALID:
            l->detail = mc_arena_printf(a, "issued %s, before agreement %lld took effect on %s",
                                        date(a, c->issued_at), (long long)closest->id,
                                        date(a, closest->valid_from));
            break;
        case MC_CREDIT_EXPIRED:
            l->detail = mc_arena_printf(a, "issued %s, after agreement %lld ended on %s",
                                        date(a, c->issued_at), (long long)closest->id,
                                        date(a, closest->valid_to));
            break;
        case MC_CREDIT_WRONG_UNIT:
            l->detail = mc_arena_printf(a,
                                        "agreement %lld counts %s and the program counts %s, "
                                        "with no conversion between them",
                                        (long long)closest->id, mc_credit_unit_name(closest->unit),
                                        unit_of(s));
            break;
        default:
            l->duplicate_of = prior->skey;
            l->detail = mc_arena_printf(
                    a, "achievement %lld already counted%s%s", (long long)c->achievement_id,
                    prior->skey ? " through credential " : "", prior->skey ? prior->skey : "");
            break;
        }
        return;
    }

    /* Counted: the agreement's cap, then the program's. */
    size_t gi = (size_t)(best - s->ag);
    double native = best->credits;
    l->agreement_id = best->id;
    l->offered = best_offer;
    l->reason = MC_CREDIT_COUNTED;
    if (best->max_credits >= 0 && s->used[gi] + native > best->max_credits) {
        native = best->max_credits - s->used[gi];
        l->capped_by = MC_CREDIT_AGREEMENT_CAP;
    }
    double granted = convert(s, native, best->unit);
    if (s->t->max_total >= 0) {
        double room = s->t->max_total - s->total;
        if (room <= EPSILON) {
            l->reason = MC_CREDIT_PROGRAM_CAP;
            l->capped_by = MC_CREDIT_COUNTED;
            l->detail = mc_arena_printf(a, "the program's cap of %g %s is reached", s->t->max_total,
                                        unit_of(s));
            return;
        }
        if (granted > room) {
            native *= room / granted; /* the same share of it, in the agreement's unit */
            granted = room;
            l->capped_by = MC_CREDIT_PROGRAM_CAP;
        }
    }
    l->credits = granted;
    s->used[gi] += native;
    s->total += granted;
    if (!prior->used)
        *prior = (struct slot){ true, c->achievement_id, c->id, index };
    if (l->capped_by == MC_CREDIT_AGREEMENT_CAP)
        l->detail = mc_arena_printf(a,
                                    "agreement %lld counts %g of its %g %s: its cap of %g %s "
                                    "is reached",
                                    (long long)best->id, granted, best_offer, unit_of(s),
                                    best->max_credits, mc_credit_unit_name(best->unit));
    else if (l->capped_by == MC_CREDIT_PROGRAM_CAP)
        l->detail = mc_arena_printf(a,
                                    "agreement %lld counts %g of its %g %s: the program's cap "
                                    "of %g %s is reached",
                                    (long long)best->id, granted, best_offer, unit_of(s),
                                    s->t->max_total, unit_of(s));
    else
        l->detail = mc_arena_printf(a, "agreement %lld counts it for %g %s", (long long)best->id,
                                    granted, unit_of(s));
}

enum mc_rc mc_credit_compute(const struct mc_credit_target *t,
                             const struct mc_credit_agreement *agreements, size_t n_agreements,
                             const struct mc_credit_credential *creds, size_t n_creds,
                             struct mc_arena *a, struct mc_credit_result **out, struct mc_err *e)
{
    *out = NULL;
    enum mc_rc rc = check_input(t, agreements, n_agreements, n_creds, e);
    if (rc)
        return rc;

    struct state s = { .t = t, .ag = agreements, .n_ag = n_agreements, .a = a };
    s.by_achievement = mc_arena_calloc(a, n_agreements + 1, sizeof *s.by_achievement);
    s.used = mc_arena_calloc(a, n_agreements + 1, sizeof *s.used);
    for (size_t i = 0; i < n_agreements; i++)
        s.by_achievement[i] = i;
    sort_ag = agreements;
    qsort(s.by_achievement, n_agreements, sizeof *s.by_achievement, cmp_agreement_q);
    sort_ag = NULL;
    map_init(&s.counted, a, n_creds);
    map_init(&s.seen, a, n_creds);

    struct mc_credit_result *r = mc_arena_calloc(a, 1, sizeof *r);
    r->unit = t->unit;
    r->max_total = t->max_total >= 0 ? t->max_total : -1;
    r->lines = mc_arena_calloc(a, n_creds + 1, sizeof *r->lines);
    r->n_lines = n_creds;
    for (size_t i = 0; i < n_creds; i++) {
        r->lines[i].credential = creds[i];
        r->lines[i].credential.id = creds[i].id ? mc_arena_strdup(a, creds[i].id) : NULL;
    }
    qsort(r->lines, n_creds, sizeof *r->lines, cmp_cred);

    for (size_t i = 0; i < n_creds; i++) {
        decide(&s, &r->lines[i], i);
        if (r->lines[i].reason == MC_CREDIT_COUNTED)
            r->n_counted++;
        if (r->lines[i].reason == MC_CREDIT_PROGRAM_CAP ||
            r->lines[i].capped_by == MC_CREDIT_PROGRAM_CAP)
            r->capped = true;
    }
    r->total = s.total;
    *out = r;
    return MC_OK;
}

/* --- JSON --- */

static enum mc_rc put_num(struct mc_buf *b, double v)
{
    if (!isfinite(v))
        return mc_buf_appendz(b, "null");
    if (v == 0)
        v = 0; /* no "-0" */
    return mc_buf_printf(b, "%.15g", v);
}

static enum mc_rc put_strz(struct mc_buf *b, const char *s)
{
    if (!s)
        return mc_buf_appendz(b, "null");
    return mc_json_put_string(b, s, strlen(s));
}

static enum mc_rc put_line(struct mc_buf *b, const struct mc_credit_line *l)
{
    char when[MC_TIME_RFC3339_SIZE];
    mc_time_format_rfc3339(l->credential.issued_at, when);
    enum mc_rc rc = mc_buf_appendz(b, "{\"credential\":");
    if (!rc)
        rc = put_strz(b, l->credential.id);
    if (!rc)
        rc = mc_buf_printf(b, ",\"achievement_id\":%lld,\"issuer_id\":%lld,\"issued_at\":\"%s\"",
                           (long long)l->credential.achievement_id,
                           (long long)l->credential.issuer_org_id, when);
    if (!rc && l->reason != MC_CREDIT_COUNTED)
        rc = mc_buf_printf(b, ",\"reason\":\"%s\"", mc_credit_reason_name(l->reason));
    if (!rc && l->agreement_id)
        rc = mc_buf_printf(b, ",\"agreement\":%lld", (long long)l->agreement_id);
    else if (!rc)
        rc = mc_buf_appendz(b, ",\"agreement\":null");
    if (!rc)
        rc = mc_buf_appendz(b, ",\"offered\":");
    if (!rc)
        rc = put_num(b, l->offered);
    if (!rc)
        rc = mc_buf_appendz(b, ",\"credits\":");
    if (!rc)
        rc = put_num(b, l->credits);
    if (!rc && l->reason == MC_CREDIT_COUNTED && l->capped_by != MC_CREDIT_COUNTED)
        rc = mc_buf_printf(b, ",\"capped_by\":\"%s\"", mc_credit_reason_name(l->capped_by));
    if (!rc && l->duplicate_of) {
        rc = mc_buf_appendz(b, ",\"duplicate_of\":");
        if (!rc)
            rc = put_strz(b, l->duplicate_of);
    }
    if (!rc)
        rc = mc_buf_appendz(b, ",\"detail\":");
    if (!rc)
        rc = put_strz(b, l->detail);
    if (!rc)
        rc = mc_buf_putc(b, '}');
    return rc;
}

enum mc_rc mc_credit_result_json(const struct mc_credit_result *r, struct mc_buf *out)
{
    size_t start = out->len;
    enum mc_rc rc = mc_buf_printf(out, "{\"unit\":\"%s\",\"total\":", mc_credit_unit_name(r->unit));
    if (!rc)
        rc = put_num(out, r->total);
    if (!rc)
        rc = mc_buf_appendz(out, ",\"max_total\":");
    if (!rc)
        rc = r->max_total >= 0 ? put_num(out, r->max_total) : mc_buf_appendz(out, "null");
    if (!rc)
        rc = mc_buf_printf(out, ",\"capped\":%s", r->capped ? "true" : "false");
    for (int pass = 0; pass < 2 && !rc; pass++) {
        rc = mc_buf_appendz(out, pass ? "],\"not_counted\":[" : ",\"counted\":[");
        bool first = true;
        for (size_t i = 0; i < r->n_lines && !rc; i++) {
            bool counted = r->lines[i].reason == MC_CREDIT_COUNTED;
            if (counted != (pass == 0))
                continue;
            if (!first)
                rc = mc_buf_putc(out, ',');
            first = false;
            if (!rc)
                rc = put_line(out, &r->lines[i]);
        }
    }
    if (!rc)
        rc = mc_buf_appendz(out, "]}");
    if (rc)
        mc_buf_truncate(out, start);
    return rc;
}
