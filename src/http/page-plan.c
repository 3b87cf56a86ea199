/* SPDX-License-Identifier: Apache-2.0 */
/*
 * GET /plan[?skills=a,b,c | ?role=SLUG][&by=cost|time]: the learning-path planner for people.
 * The form asks for a target (skills, or a job role's) and whether to save money or time; the
 * answer is the plan as a numbered list with its totals, set beside a master's degree. Signed
 * in, what the learner holds is left out of the path.
 */
#include <string.h>

#include "app/auth.h"
#include "app/plan.h"
#include "http/resources.h"

/* "USD 195.00" (arena). */
static const char *money(struct mc_arena *a, json_int_t cents, const char *currency)
{
    char amount[40];
    mc_http_format_amount((int64_t)cents, amount, sizeof amount);
    return mc_arena_printf(a, "%s %s", currency ? currency : "USD", amount);
}

/* "3.4×" for a ratio, "—" when there is none. */
static const char *times(struct mc_arena *a, const json_t *ratio)
{
    double r = json_number_value(ratio);
    if (!json_is_number(ratio) || r <= 0)
        return NULL;
    return mc_arena_printf(a, r >= 10 ? "%.0f×" : "%.1f×", r);
}

void mc_http_plan_view(struct mc_arena *a, json_t *plan)
{
    const char *status = json_string_value(json_object_get(plan, "status"));
    json_t *steps = json_object_get(plan, "steps");
    size_t i;
    json_t *step;
    const char *currency = NULL;
    json_array_foreach (steps, i, step) {
        const char *cur = json_string_value(json_object_get(step, "currency"));
        currency = currency ? currency : cur;
        json_object_set_new(step, "n", json_integer((json_int_t)i + 1));
        json_object_set_new(
                step, "cost",
                json_string(
                        money(a, json_integer_value(json_object_get(step, "cost_cents")), cur)));
    }
    const json_t *total = json_object_get(plan, "total");
    const json_t *degree = json_object_get(plan, "degree");
    json_object_set_new(
            plan, "total_cost",
            json_string(
                    money(a, json_integer_value(json_object_get(total, "cost_cents")), currency)));
    json_object_set_new(plan, "total_hours", json_deep_copy(json_object_get(total, "hours")));
    json_object_set_new(
            plan, "degree_cost",
            json_string(
                    money(a, json_integer_value(json_object_get(degree, "cost_cents")), "USD")));
    json_object_set_new(plan, "degree_weeks", json_deep_copy(json_object_get(degree, "weeks")));
    const char *cheaper = times(a, json_object_get(degree, "cheaper"));
    const char *quicker = times(a, json_object_get(degree, "quicker"));
    if (cheaper)
        json_object_set_new(plan, "cheaper_text", json_string(cheaper));
    if (quicker)
        json_object_set_new(plan, "quicker_text", json_string(quicker));
    json_object_set_new(plan, "has_steps", json_boolean(json_array_size(steps) > 0));
    /* What the learner holds of the target (the plan lists all they hold). */
    json_t *held = json_array();
    const json_t *target = json_object_get(plan, "target");
    json_t *h;
    json_array_foreach (json_object_get(plan, "held"), i, h) {
        size_t k;
        const json_t *t;
        json_array_foreach (target, k, t)
            if (json_equal(h, (json_t *)t))
                json_array_append(held, h);
    }
    json_object_set_new(plan, "held_of_target", held);
    json_object_set_new(plan, "has_held", json_boolean(json_array_size(held) > 0));
    json_object_set_new(plan, "is_optimal", json_boolean(status && !strcmp(status, "optimal")));
    json_object_set_new(plan, "is_best_found",
                        json_boolean(status && !strcmp(status, "best-found")));
    json_object_set_new(plan, "is_impossible",
                        json_boolean(status && !strcmp(status, "impossible")));
    json_object_set_new(plan, "is_nothing_missing",
                        json_boolean(status && !strcmp(status, "nothing-missing")));
    const char *by = json_string_value(json_object_get(plan, "by"));
    json_object_set_new(plan, "by_time", json_boolean(by && !strcmp(by, "time")));
}

json_t *mc_http_role_options(struct mc_http_request *req, struct mc_store *s, const char *selected)
{
    struct mc_job_role *roles = NULL;
    size_t n = 0;
    json_t *out = json_array();
    if (mc_store_job_role_list(s, req->arena, &roles, &n, NULL))
        return out; /* the form still works without the list */
    for (size_t i = 0; i < n; i++)
        json_array_append_new(out, json_pack("{s:s, s:s, s:b}", "slug", roles[i].slug, "title",
                                             roles[i].title, "selected",
                                             selected && !strcmp(selected, roles[i].slug)));
    return out;
}

/* The skills for the form's suggestions. */
static json_t *skill_options(struct mc_http_request *req, struct mc_store *s, struct mc_err *e)
{
    struct mc_skill *skills = NULL;
    size_t n = 0;
    json_t *out = json_array();
    if (mc_store_skill_list(s, req->arena, &skills, &n, e))
        return out; /* the form still works without suggestions */
    for (size_t i = 0; i < n; i++)
        json_array_append_new(
                out, json_pack("{s:s, s:s?}", "slug", skills[i].slug, "name", skills[i].name));
    return out;
}

static enum mc_rc page_plan(struct mc_http_request *req, struct mc_http_response *res,
                            struct mc_err *e)
{
    static const char *const allowed[] = { "skills", "role", "by", NULL };
    struct mc_err err;
    mc_err_clear(&err);
    enum mc_rc query_rc;
    if (!mc_http_page_query_ok(req, res, allowed, &query_rc))
        return query_rc;
    const char *skills = mc_http_query_get(&req->query, "skills");
    const char *role = mc_http_query_get(&req->query, "role");
    const char *by = mc_http_query_get(&req->query, "by");
    bool asked = (skills && *skills) || (role && *role);
    int status = 200;
    json_t *ctx = json_pack("{s:s, s:s, s:s, s:b}", "title", "Plan what to learn", "skills_value",
                            skills ? skills : "", "role_value", role ? role : "", "by_time",
                            by && !strcmp(by, "time"));
    if (asked) {
        struct mc_http_answer a;
        enum mc_rc rc = mc_http_plan_query(req, &a, e);
        if (rc) {
            json_decref(ctx);
            return rc;
        }
        status = a.status;
        if (a.doc) {
            mc_http_plan_view(req->arena, a.doc);
            json_object_set_new(ctx, "plan", a.doc);
        } else {
            json_object_set_new(ctx, "error", json_string(a.message));
        }
    }
    const struct mc_principal *p = NULL;
    if (mc_http_header(req, "Cookie"))
        mc_http_principal(req, &p);
    json_object_set_new(ctx, "signed_in", json_boolean(p != NULL));
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    json_object_set_new(ctx, "skill_options", skill_options(req, s, &err));
    json_t *roles = mc_http_role_options(req, s, role);
    json_object_set_new(ctx, "has_roles", json_boolean(json_array_size(roles) > 0));
    json_object_set_new(ctx, "role_options", roles);
    mc_store_pool_release(req->pool, s);
    mc_http_response_header(res, "Cache-Control", "no-store");
    enum mc_rc rc = mc_http_reply_page(req, res, status, "plan.html", ctx, e);
    json_decref(ctx);
    return rc;
}

const struct mc_http_route mc_route_page_plan = {
    .method = "GET",
    .pattern = "/plan",
    .kind = MC_HTTP_PAGE,
    .handler = page_plan,
};
