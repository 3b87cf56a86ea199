/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /api/v1/credentials/batch: issue an achievement to many recipients, as `mcred issue
 * --csv` does (app/bulk-issue.h): a text/csv body with a header row (email or did, name,
 * result, evidence_url, issued_at, idempotency_key) and ?achievement=slug[@version], or an
 * application/json body {"achievement", "rows": [{"email", ...}, ...]}. Every row has an
 * idempotency key (given or derived), so posting the same rows again issues nothing twice;
 * rows with errors are reported by line and field and skipped; rows are committed in batches.
 *
 * The answer lists what became of each row: {"issued", "existing", "failed", "rows": [{"line",
 * "status", "id" | "error", "field"}]}; rows past MC_BATCH_LISTED are counted but not listed
 * ("truncated": true), so the answer stays under the response cap.
 */
#include <string.h>
#include <strings.h>

#include "app/auth.h"
#include "app/bulk-issue.h"
#include "http/resources.h"

#define MC_BATCH_MAX_JSON (8u << 20) /* bytes of a JSON body (CSV: MC_HTTP_BATCH_MAX_CSV) */
#define MC_BATCH_LISTED   20000      /* rows listed in the answer */

struct listing {
    json_t *rows;
    bool truncated;
};

static void on_row(void *ctx, const struct mc_bulk_outcome *o)
{
    struct listing *l = ctx;
    if (json_array_size(l->rows) >= MC_BATCH_LISTED) {
        l->truncated = true;
        return;
    }
    json_t *r = json_pack("{s:I, s:s}", "line", (json_int_t)o->line, "status", o->status);
    if (o->id)
        json_object_set_new(r, "id", json_string(o->id));
    if (o->err) {
        json_t *msg = json_string(o->err->msg);
        json_object_set_new(r, "error", msg ? msg : json_string("the row is not valid"));
        const char *field = o->column ? o->column : o->err->where[0] ? o->err->where : NULL;
        json_t *f = field ? json_string(field) : NULL;
        if (f)
            json_object_set_new(r, "field", f);
    }
    json_array_append_new(l->rows, r);
}

static bool is_csv(const struct mc_http_request *req)
{
    const char *ct = mc_http_header(req, "Content-Type");
    return ct && strncasecmp(ct, "text/csv", 8) == 0 &&
           (ct[8] == '\0' || ct[8] == ';' || ct[8] == ' ');
}

/* One JSON row into `w` (strings borrowed from `row`); false with `e` naming the member when it
 * is not an object of string members. */
static bool json_row(const json_t *row, struct mc_bulk_row *w, const char **column,
                     struct mc_err *e)
{
    memset(w, 0, sizeof *w);
    *column = NULL;
    if (!json_is_object(row)) {
        mc_err_set(e, MC_ERR_INVALID, "a row must be an object with the columns as members");
        return false;
    }
    const char **slots[MC_BULK_N_COLUMNS] = { &w->email,          &w->did,          &w->name,
                                              &w->result,         &w->evidence_url, &w->issued_at,
                                              &w->idempotency_key };
    const char *key;
    const json_t *v;
    json_object_foreach ((json_t *)row, key, v) {
        size_t i = 0;
        while (i < MC_BULK_N_COLUMNS && strcmp(mc_bulk_columns[i], key) != 0)
            i++;
        if (i == MC_BULK_N_COLUMNS) {
            mc_err_set(e, MC_ERR_INVALID, "unknown member '%.100s'", key);
            mc_err_where(e, "%.100s", key);
            return false;
        }
        if (json_is_null(v))
            continue;
        if (!json_is_string(v)) {
            mc_err_set(e, MC_ERR_INVALID, "%s must be a string", key);
            *column = mc_bulk_columns[i];
            return false;
        }
        *slots[i] = json_string_length(v) ? json_string_value(v) : NULL;
    }
    return true;
}

static enum mc_rc api_credential_batch(struct mc_http_request *req, struct mc_http_response *res,
                                       struct mc_err *e)
{
    static const char *const allowed[] = { "achievement", NULL };
    static const char *const members[] = { "achievement", "rows", NULL };
    struct mc_err err;
    mc_err_clear(&err);
    if (!mc_http_api_query_ok(req, res, allowed))
        return MC_OK;
    const struct mc_principal *p = mc_http_authenticate(req, res, MC_SCOPE_CREDENTIALS_ISSUE);
    if (!p)
        return MC_OK;
    const struct mc_master_key *mk = mc_http_master_key(req, res);
    if (!mk)
        return MC_OK;
    bool csv = is_csv(req);
    if (!csv && !mc_http_is_json(req))
        return mc_http_reply_error(res, 415, "unsupported_media_type",
                                   "send the rows as text/csv (with ?achievement=) or as "
                                   "application/json {\"achievement\", \"rows\"}",
                                   "Content-Type");
    if (!csv && req->body_len > MC_BATCH_MAX_JSON)
        return mc_http_reply_error(res, 413, "body_too_large",
                                   "a JSON batch is at most 8 MiB; send larger batches as "
                                   "text/csv (up to 64 MiB)",
                                   "body");
    const char *ach = mc_http_query_get(&req->query, "achievement");
    json_t *body = NULL;
    const json_t *rows = NULL;
    if (!csv) {
        body = mc_http_json_body(req, res);
        if (!body)
            return MC_OK;
        const char *bach = NULL;
        if (!mc_http_json_known(res, body, members) ||
            !mc_http_json_string(res, body, "achievement", &bach)) {
            json_decref(body);
            return MC_OK;
        }
        if (bach)
            ach = bach;
        rows = json_object_get(body, "rows");
        if (!json_is_array(rows)) {
            json_decref(body);
            return mc_http_reply_error(res, 400, "invalid_body", "rows must be an array of objects",
                                       "rows");
        }
    }
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    const char *slug = NULL;
    int version = 0;
    bool answered = false;
    enum mc_rc rc = mc_http_achievement_lookup(req, res, s, p, ach, &slug, &version, &answered, e);
    if (rc || answered)
        goto out;
    struct mc_issuer_env env;
    mc_http_issuer_env(req, mk, s, &env);
    struct listing l = { json_array(), false };
    struct mc_bulk_run b = {
        .env = &env,
        .slug = slug,
        .version = version,
        .actor_user_id = p->user_id,
        .on_row = on_row,
        .ctx = &l,
    };
    if (csv) {
        struct mc_csv_mem mem = { req->body, req->body_len, 0 };
        struct mc_csv_reader *rd =
                mc_csv_reader_new(NULL, (struct mc_csv_source){ mc_csv_read_mem, &mem });
        rc = mc_bulk_issue_csv(&b, rd, &err);
        mc_csv_reader_free(rd);
    } else {
        size_t i;
        const json_t *row;
        json_array_foreach (rows, i, row) {
            struct mc_bulk_row w;
            const char *column = NULL;
            struct mc_err re;
            mc_err_clear(&re);
            if (!json_row(row, &w, &column, &re)) {
                mc_bulk_fail(&b, i + 1, column, &re);
                continue;
            }
            rc = mc_bulk_add(&b, i + 1, &w, &err);
            if (rc)
                break;
        }
    }
    if (!rc)
        rc = mc_bulk_finish(&b, &err);
    if (rc && !b.header_read && csv && rc == MC_ERR_INVALID) {
        rc = mc_http_reply_error(res, 400, "invalid_body",
                                 mc_arena_printf(req->arena, "%s; nothing was issued", err.msg),
                                 err.where[0] ? err.where : "body");
    } else if (rc) {
        mc_bulk_abort(&b);
        rc = mc_err_set(e, rc, "%s", err.msg);
    } else {
        json_t *o =
                json_pack("{s:I, s:I, s:I, s:O}", "issued", (json_int_t)b.issued, "existing",
                          (json_int_t)b.existing, "failed", (json_int_t)b.failed, "rows", l.rows);
        if (l.truncated)
            json_object_set_new(o, "truncated", json_true());
        mc_http_response_header(res, "Cache-Control", "no-store");
        rc = mc_http_reply_json(res, 200, o);
        json_decref(o);
    }
    json_decref(l.rows);
out:
    mc_store_pool_release(req->pool, s);
    json_decref(body);
    return rc;
}

const struct mc_http_route mc_route_api_credential_batch = {
    .method = "POST",
    .pattern = "/api/v1/credentials/batch",
    .kind = MC_HTTP_API,
    .handler = api_credential_batch,
};
