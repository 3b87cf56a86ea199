/* SPDX-License-Identifier: Apache-2.0 */
/* A small auto-escaping template engine for the HTML pages (mustache-like syntax). */
#include "http/template.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "mcred/str.h"

#define MAX_NESTING   64  /* open sections in one template */
#define MAX_CTX_STACK 256 /* contexts pushed while rendering */

enum node_kind { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL };

/* A template is a tree: text and tags, sections holding their children. */
struct node {
    enum node_kind kind;
    char *text; /* N_TEXT: the text; otherwise the tag's name (owned) */
    size_t len;
    int line;
    struct node *kids;
    size_t n_kids;
    size_t cap_kids;
};

struct tpl {
    char *name;
    struct node root;
};

struct mc_tpl_set {
    struct tpl *items;
    size_t n;
    size_t cap;
};

static void node_free(struct node *n)
{
    for (size_t i = 0; i < n->n_kids; i++)
        node_free(&n->kids[i]);
    free(n->kids);
    free(n->text);
}

/* A new child of `parent`; the pointer is valid until the next child is added to `parent`. */
static struct node *node_add(struct node *parent, enum node_kind kind, const char *text, size_t len,
                             int line)
{
    if (parent->n_kids == parent->cap_kids) {
        parent->cap_kids = parent->cap_kids ? parent->cap_kids * 2 : 8;
        parent->kids = mc_xreallocarray(parent->kids, parent->cap_kids, sizeof *parent->kids);
    }
    struct node *n = &parent->kids[parent->n_kids++];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->text = mc_xmemdupz(text, len);
    n->len = len;
    n->line = line;
    return n;
}

struct mc_tpl_set *mc_tpl_set_new(void)
{
    return mc_xcalloc(1, sizeof(struct mc_tpl_set));
}

void mc_tpl_set_free(struct mc_tpl_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        node_free(&s->items[i].root);
        free(s->items[i].name);
    }
    free(s->items);
    free(s);
}

static bool name_ok(const char *p, size_t len)
{
    if (len == 1 && p[0] == '.')
        return true;
    if (len == 0 || p[0] == '.' || p[len - 1] == '.')
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-' || (c == '.' && p[i + 1] != '.');
        if (!ok)
            return false;
    }
    return true;
}

static int count_lines(const char *p, size_t len)
{
    int n = 0;
    for (size_t i = 0; i < len; i++)
        if (p[i] == '\n')
            n++;
    return n;
}

static enum mc_rc parse_error(struct mc_err *e, const char *name, int line, const char *what,
                              const char *arg, size_t arg_len)
{
    int alen = arg_len > 60 ? 60 : (int)arg_len;
    mc_err_set(e, MC_ERR_INVALID, "%s:%d: %s%s%.*s%s", name, line, what, arg ? " '" : "", alen,
               arg ? arg : "", arg ? "'" : "");
    mc_err_where(e, "%s:%d", name, line);
    return MC_ERR_INVALID;
}

/* Parse `src` into `root`. On error `root` holds what was parsed so far (freed by the caller). */
static enum mc_rc parse(const char *name, const char *src, size_t len, struct node *root,
                        struct mc_err *e)
{
    struct node *stack[MAX_NESTING + 1];
    size_t depth = 0;
    stack[0] = root;
    size_t pos = 0;
    int line = 1;
    while (pos < len) {
        const char *open = memmem(src + pos, len - pos, "{{", 2);
        size_t text_end = open ? (size_t)(open - src) : len;
        if (text_end > pos) {
            node_add(stack[depth], N_TEXT, src + pos, text_end - pos, line);
            line += count_lines(src + pos, text_end - pos);
        }
        if (!open)
            break;
        size_t tag = text_end;
        bool triple = tag + 2 < len && src[tag + 2] == '{';
        const char *closer = triple ? "}}}" : "}}";
        size_t open_len = triple ? 3 : 2;
        const char *close =
                memmem(src + tag + open_len, len - tag - open_len, closer, triple ? 3 : 2);
        if (!close)
            return parse_error(e, name, line,
                               triple ? "a '{{{' tag is not closed with '}}}'"
                                      : "a '{{' tag is not closed with '}}'",
                               NULL, 0);
        const char *in = src + tag + open_len;
        size_t in_len = (size_t)(close - in);
        int tag_line = line;
        line += count_lines(in, in_len);
        pos = (size_t)(close - src) + (triple ? 3 : 2);

        char sigil = triple ? '{' : (in_len ? in[0] : '\0');
        if (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '>' || sigil == '!' ||
            sigil == '&') {
            in++;
            in_len--;
        }
        if (sigil == '!')
            continue;
        struct mc_str nm = mc_str_trim((struct mc_str){ in, in_len });
        if (!name_ok(nm.p, nm.len))
            return parse_error(e, name, tag_line,
                               nm.len ? "a tag name may only hold letters, digits, '_', '-' and "
                                        "'.', not"
                                      : "a tag has no name",
                               nm.len ? nm.p : NULL, nm.len);
        switch (sigil) {
        case '#':
        case '^':
            if (depth == MAX_NESTING)
                return parse_error(e, name, tag_line, "sections nest too deeply at", nm.p, nm.len);
            stack[depth + 1] = node_add(stack[depth], sigil == '#' ? N_SECTION : N_INVERTED, nm.p,
                                        nm.len, tag_line);
            depth++;
            break;
        case '/':
            if (depth == 0)
                return parse_error(e, name, tag_line,
                                   "a closing tag without an open section:", nm.p, nm.len);
            if (stack[depth]->len != nm.len || memcmp(stack[depth]->text, nm.p, nm.len) != 0) {
                char what[200];
                snprintf(what, sizeof what, "section '%.60s' (opened on line %d) is closed by",
                         stack[depth]->text, stack[depth]->line);
                return parse_error(e, name, tag_line, what, nm.p, nm.len);
            }
            depth--;
            break;
        case '>': node_add(stack[depth], N_PARTIAL, nm.p, nm.len, tag_line); break;
        case '{':
        case '&': node_add(stack[depth], N_RAW, nm.p, nm.len, tag_line); break;
        default: node_add(stack[depth], N_VAR, nm.p, nm.len, tag_line); break;
        }
    }
    if (depth > 0) {
        char what[200];
        snprintf(what, sizeof what, "section '%.60s' opened on line %d is never closed",
                 stack[depth]->text, stack[depth]->line);
        return parse_error(e, name, line, what, NULL, 0);
    }
    return MC_OK;
}

static struct tpl *set_find(const struct mc_tpl_set *s, const char *name, size_t len)
{
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->items[i].name) == len && memcmp(s->items[i].name, name, len) == 0)
            return &s->items[i];
    return NULL;
}

enum mc_rc mc_tpl_set_add(struct mc_tpl_set *s, const char *name, const char *src, size_t len,
                          struct mc_err *e)
{
    if (len > MC_TPL_MAX_SOURCE)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "%s: the template is larger than %u bytes", name,
                          MC_TPL_MAX_SOURCE);
    if (set_find(s, name, strlen(name)))
        return mc_err_set(e, MC_ERR_CONFLICT, "%s: a template of that name exists already", name);
    struct node root;
    memset(&root, 0, sizeof root);
    enum mc_rc rc = parse(name, src, len, &root, e);
    if (rc) {
        node_free(&root);
        return rc;
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->items = mc_xreallocarray(s->items, s->cap, sizeof *s->items);
    }
    s->items[s->n].name = mc_xstrdup(name);
    s->items[s->n].root = root;
    s->n++;
    return MC_OK;
}

enum mc_rc mc_tpl_set_load_embed(const struct mc_embed_dir *dir, struct mc_tpl_set **out,
                                 struct mc_err *e)
{
    struct mc_tpl_set *s = mc_tpl_set_new();
    enum mc_rc rc = MC_OK;
    for (size_t i = 0; i < dir->count; i++) {
        const struct mc_embed_file *f = &dir->files[i];
        if (!mc_str_ends(mc_str_z(f->path), ".html"))
            continue;
        rc = mc_tpl_set_add(s, f->path, (const char *)f->data, f->len, e);
        if (rc)
            goto out;
    }
out:
    if (rc) {
        mc_tpl_set_free(s);
        s = NULL;
    }
    *out = s;
    return rc;
}

/* --- rendering --- */

struct render {
    const struct mc_tpl_set *set;
    const json_t *ctx[MAX_CTX_STACK];
    size_t n_ctx;
    struct mc_buf *out;
    struct mc_err *e;
    int depth;    /* partials */
    size_t steps; /* nodes visited, against MC_TPL_MAX_STEPS */
    const char *tpl_name;
};

enum mc_rc mc_tpl_escape(struct mc_buf *out, const char *p, size_t len)
{
    enum mc_rc rc = MC_OK;
    size_t run = 0; /* start of the bytes not yet copied */
    for (size_t i = 0; i < len; i++) {
        const char *ent = NULL;
        switch (p[i]) {
        case '&': ent = "&amp;"; break;
        case '<': ent = "&lt;"; break;
        case '>': ent = "&gt;"; break;
        case '"': ent = "&quot;"; break;
        case '\'': ent = "&#39;"; break;
        default: continue;
        }
        rc = mc_buf_append(out, p + run, i - run);
        if (rc)
            return rc;
        rc = mc_buf_appendz(out, ent);
        if (rc)
            return rc;
        run = i + 1;
    }
    return mc_buf_append(out, p + run, len - run);
}

/* Look `name` up from the innermost context outwards, then follow its dotted parts. */
static const json_t *lookup(const struct render *r, const char *name)
{
    if (strcmp(name, ".") == 0)
        return r->n_ctx ? r->ctx[r->n_ctx - 1] : NULL;
    size_t first = strcspn(name, ".");
    const json_t *v = NULL;
    for (size_t i = r->n_ctx; i-- > 0;) {
        const json_t *c = r->ctx[i];
        if (json_is_object(c)) {
            v = json_object_getn(c, name, first);
            if (v)
                break;
        }
    }
    const char *rest = name + first;
    while (v && *rest == '.') {
        rest++;
        size_t part = strcspn(rest, ".");
        v = json_is_object(v) ? json_object_getn(v, rest, part) : NULL;
        rest += part;
    }
    return v;
}

static bool truthy(const json_t *v)
{
    if (!v || json_is_null(v) || json_is_false(v))
        return false;
    if (json_is_string(v))
        return json_string_length(v) > 0;
    if (json_is_integer(v))
        return json_integer_value(v) != 0;
    if (json_is_real(v))
        return json_real_value(v) != 0.0;
    if (json_is_array(v))
        return json_array_size(v) > 0;
    return true;
}

static enum mc_rc put_value(struct render *r, const json_t *v, bool escape)
{
    char num[64];
    const char *p = NULL;
    size_t len = 0;
    if (json_is_string(v)) {
        p = json_string_value(v);
        len = json_string_length(v);
    } else if (json_is_integer(v)) {
        len = (size_t)snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        p = num;
    } else if (json_is_real(v)) {
        len = (size_t)snprintf(num, sizeof num, "%g", json_real_value(v));
        p = num;
    } else if (json_is_true(v)) {
        p = "true";
        len = 4;
    } else {
        return MC_OK;
    }
    enum mc_rc rc = escape ? mc_tpl_escape(r->out, p, len) : mc_buf_append(r->out, p, len);
    if (rc)
        return mc_err_set(r->e, rc, "%s: the page is larger than %zu bytes", r->tpl_name,
                          r->out->max);
    return MC_OK;
}

static enum mc_rc render_nodes(struct render *r, const struct node *parent);

static enum mc_rc push_render(struct render *r, const json_t *ctx, const struct node *n)
{
    if (r->n_ctx == MAX_CTX_STACK)
        return mc_err_set(r->e, MC_ERR_TOO_LARGE, "%s:%d: contexts nest too deeply", r->tpl_name,
                          n->line);
    r->ctx[r->n_ctx++] = ctx;
    enum mc_rc rc = render_nodes(r, n);
    r->n_ctx--;
    return rc;
}

static enum mc_rc render_nodes(struct render *r, const struct node *parent)
{
    enum mc_rc rc = MC_OK;
    for (size_t i = 0; i < parent->n_kids; i++) {
        const struct node *n = &parent->kids[i];
        /* Nested sections over arrays multiply: bound the work, not only the output. */
        if (++r->steps > MC_TPL_MAX_STEPS)
            return mc_err_set(r->e, MC_ERR_TOO_LARGE,
                              "%s:%d: rendering takes more than %u steps (sections nested over "
                              "large lists?)",
                              r->tpl_name, n->line, MC_TPL_MAX_STEPS);
        switch (n->kind) {
        case N_TEXT:
            rc = mc_buf_append(r->out, n->text, n->len);
            if (rc)
                return mc_err_set(r->e, rc, "%s: the page is larger than %zu bytes", r->tpl_name,
                                  r->out->max);
            break;
        case N_VAR:
        case N_RAW: rc = put_value(r, lookup(r, n->text), n->kind == N_VAR); break;
        case N_INVERTED:
            if (!truthy(lookup(r, n->text)))
                rc = render_nodes(r, n);
            break;
        case N_SECTION: {
            const json_t *v = lookup(r, n->text);
            if (!truthy(v))
                break;
            if (json_is_array(v)) {
                for (size_t k = 0; k < json_array_size(v) && !rc; k++)
                    rc = push_render(r, json_array_get(v, k), n);
            } else if (json_is_object(v)) {
                rc = push_render(r, v, n);
            } else {
                rc = render_nodes(r, n);
            }
            break;
        }
        case N_PARTIAL: {
            const struct tpl *t = set_find(r->set, n->text, n->len);
            if (!t)
                return mc_err_set(r->e, MC_ERR_NOT_FOUND, "%s:%d: there is no template '%s'",
                                  r->tpl_name, n->line, n->text);
            if (r->depth >= MC_TPL_MAX_DEPTH)
                return mc_err_set(r->e, MC_ERR_TOO_LARGE,
                                  "%s:%d: partials nest more than %d deep (does '%s' include "
                                  "itself?)",
                                  r->tpl_name, n->line, MC_TPL_MAX_DEPTH, n->text);
            const char *saved = r->tpl_name;
            r->depth++;
            r->tpl_name = t->name;
            rc = render_nodes(r, &t->root);
            r->tpl_name = saved;
            r->depth--;
            break;
        }
        }
        if (rc)
            return rc;
    }
    return rc;
}

enum mc_rc mc_tpl_render(const struct mc_tpl_set *s, const char *name, const json_t *ctx,
                         struct mc_buf *out, struct mc_err *e)
{
    const struct tpl *t = set_find(s, name, strlen(name));
    if (!t)
        return mc_err_set(e, MC_ERR_NOT_FOUND, "there is no template '%s'", name);
    struct render r = { .set = s, .out = out, .e = e, .tpl_name = t->name };
    r.ctx[0] = ctx;
    r.n_ctx = 1;
    return render_nodes(&r, &t->root);
}
