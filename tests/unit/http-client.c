/* SPDX-License-Identifier: Apache-2.0 */
/* The in-process HTTP tests' server and client. */
#include "http-client.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"
#include "store/store.h"
#include "test.h"

char mc_test_base[128];
const char *mc_test_public = "";

bool mc_test_server_start(const char *db, const char *public_url, const struct mc_master_key *mk,
                          struct mc_test_server *t)
{
    memset(t, 0, sizeof *t);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    struct mc_err e;
    if (!CHECK_INT(mc_store_pool_new(db, 0, 3, &t->pool, &e), MC_OK))
        return false;
    struct mc_http_config cfg;
    mc_http_config_defaults(&cfg);
    cfg.listen = "127.0.0.1:0";
    cfg.threads = 2;
    cfg.public_url = public_url;
    cfg.pool = t->pool;
    cfg.quiet = true;
    cfg.offline = true;
    cfg.master_key = mk;
    if (!CHECK_INT(mc_http_server_start(&cfg, &t->srv, &e), MC_OK)) {
        fprintf(stderr, "%s\n", e.msg);
        return false;
    }
    snprintf(mc_test_base, sizeof mc_test_base, "http://127.0.0.1:%u", mc_http_server_port(t->srv));
    mc_test_public = public_url;
    return true;
}

void mc_test_server_stop(struct mc_test_server *t)
{
    mc_http_server_stop(t->srv);
    mc_store_pool_free(t->pool);
    curl_global_cleanup();
}

static size_t on_data(char *p, size_t size, size_t n, void *ud)
{
    struct mc_buf *b = ud;
    return mc_buf_append(b, p, size * n) ? 0 : size * n;
}

void mc_test_http(const char *method, const char *path, const char *const *headers,
                  const char *body, size_t body_len, struct mc_test_reply *r)
{
    memset(r, 0, sizeof *r);
    mc_buf_init(&r->head, 1 << 20);
    mc_buf_init(&r->body, 16 << 20);
    char *url = mc_xasprintf("%s%s", mc_test_base, path);
    CURL *c = curl_easy_init();
    struct curl_slist *h = NULL;
    for (const char *const *p = headers; p && *p; p++)
        h = curl_slist_append(h, *p);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    if (body) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r->body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r->head);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    CHECK_INT(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    free(url);
    mc_buf_putc(&r->body, '\0');
    r->body.len--;
    mc_buf_putc(&r->head, '\0');
    r->head.len--;
    r->json = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, NULL);
}

void mc_test_http_text(const char *method, const char *path, const char *const *headers,
                       const char *body, struct mc_test_reply *r)
{
    mc_test_http(method, path, headers, body, body ? strlen(body) : 0, r);
}

void mc_test_get(const char *path, const char *accept, struct mc_test_reply *r)
{
    char *h = accept ? mc_xasprintf("Accept: %s", accept) : NULL;
    const char *hs[] = { h, NULL };
    mc_test_http("GET", path, h ? hs : NULL, NULL, 0, r);
    free(h);
}

void mc_test_reply_free(struct mc_test_reply *r)
{
    mc_buf_free(&r->head);
    mc_buf_free(&r->body);
    json_decref(r->json);
    r->json = NULL;
}

const char *mc_test_header(const struct mc_test_reply *r, const char *name)
{
    static char v[4096];
    v[0] = '\0';
    size_t n = strlen(name);
    const char *p = r->head.data ? r->head.data : "";
    while ((p = strchr(p, '\n')) != NULL) {
        p++;
        if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
            const char *s = p + n + 1;
            while (*s == ' ')
                s++;
            size_t l = strcspn(s, "\r\n");
            if (l >= sizeof v)
                l = sizeof v - 1;
            memcpy(v, s, l);
            v[l] = '\0';
            break;
        }
    }
    return v;
}

bool mc_test_has(const struct mc_test_reply *r, const char *s)
{
    return r->body.data && strstr(r->body.data, s) != NULL;
}

void mc_test_check_problem(const struct mc_test_reply *r, long status, const char *code,
                           const char *where)
{
    CHECK_INT(r->status, status);
    CHECK_STR(mc_test_header(r, "Content-Type"), "application/problem+json");
    json_t *j = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, NULL);
    CHECK(j != NULL);
    CHECK_STR(json_string_value(json_object_get(j, "code")), code);
    CHECK_INT(json_integer_value(json_object_get(j, "status")), status);
    CHECK(json_string_value(json_object_get(j, "title")) != NULL);
    CHECK(json_string_value(json_object_get(j, "detail")) != NULL);
    char *type = mc_xasprintf("%s/problems/%s", mc_test_public, code);
    CHECK_STR(json_string_value(json_object_get(j, "type")), type);
    free(type);
    if (where) {
        CHECK_STR(json_string_value(json_object_get(j, "where")), where);
        CHECK_STR(json_string_value(json_object_get(j, "field")), where);
    }
    json_decref(j);
}

int64_t mc_test_add_user(struct mc_store *s, const char *email, const char *password,
                         const char *org, enum mc_role role, bool admin)
{
    struct mc_err e;
    mc_err_clear(&e);
    char hash[MC_PASSWORD_HASH_SIZE];
    if (password)
        CHECK_INT(mc_auth_new_password_hash(NULL, password, strlen(password), hash, &e), MC_OK);
    struct mc_user u = { .email = email,
                         .name = email,
                         .password_hash = password ? hash : NULL,
                         .is_platform_admin = admin };
    CHECK_INT(mc_store_user_put(s, &u, &e), MC_OK);
    if (org) {
        struct mc_arena *a = mc_arena_new(0);
        struct mc_org o;
        CHECK_INT(mc_store_org_get(s, org, a, &o, &e), MC_OK);
        CHECK_INT(mc_store_membership_add(s, u.id, o.id, role, &e), MC_OK);
        mc_arena_free(a);
    }
    return u.id;
}

void mc_test_add_token(struct mc_store *s, int64_t user, const char *scopes,
                       char out[MC_AUTH_TOKEN_SIZE])
{
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_arena *a = mc_arena_new(0);
    if (!CHECK_INT(mc_auth_token_create(s, 0, user, "test", scopes, 0, 0, 0, a, out, NULL, &e),
                   MC_OK))
        fprintf(stderr, "%s\n", e.msg);
    mc_arena_free(a);
}
