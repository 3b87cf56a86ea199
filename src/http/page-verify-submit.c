/* SPDX-License-Identifier: Apache-2.0 */
/*
 * POST /verify: the verify page's form: a pasted credential (JSON or VC-JWT), an uploaded file
 * (JSON, JWT, or a PNG or SVG badge), or the https URL of one, verified and shown as a report.
 */
#include <string.h>
#include <strings.h>

#include "http/multipart.h"
#include "http/query.h"
#include "http/resources.h"
#include "store/store.h"
#include "vc/fetch.h"
#include "vc/verify.h"

#define FETCH_MAX (1u << 20)

/* The form's three fields, whichever way the browser sent them. */
struct form {
    const char *text;
    size_t text_len;
    const char *file;
    size_t file_len;
    const char *url;
};

static bool blank(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return false;
    return true;
}

static enum mc_rc read_form(struct mc_http_request *req, struct form *f, struct mc_err *e)
{
    memset(f, 0, sizeof *f);
    const char *ct = mc_http_header(req, "Content-Type");
    if (ct && strncasecmp(ct, "multipart/form-data", 19) == 0) {
        struct mc_multipart_part parts[MC_MULTIPART_MAX_PARTS];
        size_t n = 0;
        enum mc_rc rc = mc_multipart_parse(ct, req->body, req->body_len, req->arena, parts,
                                           MC_MULTIPART_MAX_PARTS, &n, e);
        if (rc)
            return rc;
        const struct mc_multipart_part *p = mc_multipart_find(parts, n, "credential");
        if (p) {
            f->text = p->data;
            f->text_len = p->len;
        }
        p = mc_multipart_find(parts, n, "file");
        if (p) {
            f->file = p->data;
            f->file_len = p->len;
        }
        p = mc_multipart_find(parts, n, "url");
        if (p)
            f->url = mc_arena_memdupz(req->arena, p->data, p->len);
        return MC_OK;
    }
    if (ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
        struct mc_http_query q;
        enum mc_rc rc = mc_http_query_parse(req->body, req->body_len, req->arena, &q, e);
        if (rc)
            return rc;
        f->text = mc_http_query_get(&q, "credential");
        f->text_len = f->text ? strlen(f->text) : 0;
        f->url = mc_http_query_get(&q, "url");
        return MC_OK;
    }
    return mc_err_set(e, MC_ERR_INVALID,
                      "the form was not sent as multipart/form-data or "
                      "application/x-www-form-urlencoded");
}

static enum mc_rc verify_submit(struct mc_http_request *req, struct mc_http_response *res,
                                struct mc_err *e)
{
    struct form f;
    struct mc_err err;
    mc_err_clear(&err);
    if (read_form(req, &f, &err))
        return mc_http_verify_page(req, res, 400, NULL, err.msg, e);
    const char *data = NULL;
    size_t len = 0;
    struct mc_buf fetched;
    mc_buf_init(&fetched, FETCH_MAX);
    enum mc_rc rc = MC_OK;
    if (f.file && !blank(f.file, f.file_len)) {
        data = f.file;
        len = f.file_len;
    } else if (f.text && !blank(f.text, f.text_len)) {
        data = f.text;
        len = f.text_len;
    } else if (f.url && !blank(f.url, strlen(f.url))) {
        const char *url = f.url;
        while (*url == ' ')
            url++;
        if (strncmp(url, "https://", 8) != 0) {
            rc = mc_http_verify_page(req, res, 400, NULL, "Only https:// addresses can be fetched.",
                                     e);
            goto out;
        }
        if (req->config && req->config->offline) {
            rc = mc_http_verify_page(req, res, 400, NULL,
                                     "This server does not fetch from other hosts: download the "
                                     "credential and upload the file instead.",
                                     e);
            goto out;
        }
        struct mc_fetch_options o = { .max_bytes = FETCH_MAX };
        if (mc_fetch(url, &o, &fetched, &err)) {
            rc = mc_http_verify_page(req, res, 400, NULL, err.msg, e);
            goto out;
        }
        data = fetched.data ? fetched.data : "";
        len = fetched.len;
    } else {
        rc = mc_http_verify_page(req, res, 400, NULL,
                                 "Paste a credential, choose a file, or give its https address.",
                                 e);
        goto out;
    }
    if (!req->pool) {
        rc = mc_err_set(e, MC_ERR_DB, "the server has no database");
        goto out;
    }
    struct mc_report r;
    mc_report_init(&r);
    struct mc_store *s = mc_store_pool_acquire(req->pool);
    mc_http_verify_bytes(req, s, data, len, &r);
    mc_store_pool_release(req->pool, s);
    json_t *view = mc_http_report_view(&r);
    mc_report_free(&r);
    rc = mc_http_verify_page(req, res, 200, view, NULL, e);
    json_decref(view);
out:
    mc_buf_free(&fetched);
    return rc;
}

const struct mc_http_route mc_route_page_verify_submit = {
    .method = "POST",
    .pattern = "/verify",
    .kind = MC_HTTP_PAGE,
    .handler = verify_submit,
};
