/* SPDX-License-Identifier: Apache-2.0 */
/* A bounded multipart/form-data parser over a body already in memory (RFC 7578, RFC 2046 §5.1). */
#include "http/multipart.h"

#include <string.h>
#include <strings.h>

#define MAX_BOUNDARY 70

static enum mc_rc bad(struct mc_err *e, const char *what)
{
    enum mc_rc rc =
            mc_err_set(e, MC_ERR_INVALID, "the multipart/form-data body is not valid: %s", what);
    mc_err_where(e, "body");
    return rc;
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t';
}

/*
 * The value of parameter `pname` in a header value like `form-data; name="x"; filename="y"`,
 * unquoted (backslash escapes are taken literally but for \" and \\), as an arena string; NULL
 * if absent. `v` is v[0..vlen).
 */
static char *param(const char *v, size_t vlen, const char *pname, struct mc_arena *a)
{
    size_t plen = strlen(pname);
    size_t i = 0;
    /* skip the first token (the disposition type or media type) */
    while (i < vlen && v[i] != ';')
        i++;
    while (i < vlen) {
        i++; /* past ';' */
        while (i < vlen && is_ws(v[i]))
            i++;
        size_t ks = i;
        while (i < vlen && v[i] != '=' && v[i] != ';')
            i++;
        size_t kl = i - ks;
        while (kl && is_ws(v[ks + kl - 1]))
            kl--;
        if (i >= vlen || v[i] == ';') {
            continue; /* a parameter without a value */
        }
        i++; /* past '=' */
        while (i < vlen && is_ws(v[i]))
            i++;
        char *val;
        if (i < vlen && v[i] == '"') {
            i++;
            char *tmp = mc_arena_alloc(a, vlen - i + 1);
            size_t o = 0;
            while (i < vlen && v[i] != '"') {
                if (v[i] == '\\' && i + 1 < vlen && (v[i + 1] == '"' || v[i + 1] == '\\'))
                    i++;
                tmp[o++] = v[i++];
            }
            tmp[o] = '\0';
            if (i < vlen)
                i++; /* closing quote */
            val = tmp;
            while (i < vlen && v[i] != ';')
                i++;
        } else {
            size_t vs = i;
            while (i < vlen && v[i] != ';')
                i++;
            size_t vl = i - vs;
            while (vl && is_ws(v[vs + vl - 1]))
                vl--;
            val = mc_arena_memdupz(a, v + vs, vl);
        }
        if (kl == plen && strncasecmp(v + ks, pname, plen) == 0)
            return val;
    }
    return NULL;
}

/* Parse one part's header block h[0..hlen) (lines separated by CRLF, no final blank line). */
static enum mc_rc part_headers(const char *h, size_t hlen, struct mc_arena *a,
                               struct mc_multipart_part *p, struct mc_err *e)
{
    bool disposition = false;
    size_t i = 0;
    while (i < hlen) {
        const char *line = h + i;
        const char *end = memchr(line, '\r', hlen - i);
        size_t llen = end ? (size_t)(end - line) : hlen - i;
        i += llen + 2;
        const char *colon = memchr(line, ':', llen);
        if (!colon)
            return bad(e, "a part header line has no ':'");
        size_t nlen = (size_t)(colon - line);
        const char *v = colon + 1;
        size_t vlen = llen - nlen - 1;
        while (vlen && is_ws(*v)) {
            v++;
            vlen--;
        }
        while (vlen && is_ws(v[vlen - 1]))
            vlen--;
        if (nlen == 19 && strncasecmp(line, "Content-Disposition", 19) == 0) {
            if (vlen < 9 || strncasecmp(v, "form-data", 9) != 0 ||
                (vlen > 9 && v[9] != ';' && !is_ws(v[9])))
                return bad(e, "a part's Content-Disposition is not form-data");
            disposition = true;
            char *name = param(v, vlen, "name", a);
            p->name = name ? name : "";
            p->filename = param(v, vlen, "filename", a);
        } else if (nlen == 12 && strncasecmp(line, "Content-Type", 12) == 0) {
            p->content_type = mc_arena_memdupz(a, v, vlen);
        }
    }
    if (!disposition)
        return bad(e, "a part has no Content-Disposition: form-data header");
    return MC_OK;
}

static const char *find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
    return memmem(hay, hlen, needle, nlen);
}

enum mc_rc mc_multipart_parse(const char *content_type, const char *body, size_t len,
                              struct mc_arena *a, struct mc_multipart_part *parts, size_t max,
                              size_t *n, struct mc_err *e)
{
    *n = 0;
    if (max > MC_MULTIPART_MAX_PARTS)
        max = MC_MULTIPART_MAX_PARTS;
    if (!content_type || strncasecmp(content_type, "multipart/form-data", 19) != 0)
        return bad(e, "the Content-Type is not multipart/form-data");
    const char *b = param(content_type, strlen(content_type), "boundary", a);
    size_t blen = b ? strlen(b) : 0;
    if (blen == 0 || blen > MAX_BOUNDARY)
        return bad(e, "the Content-Type has no boundary of 1 to 70 characters");

    /* The delimiter is CRLF "--" boundary; the first one may start the body without the CRLF. */
    char delim[MAX_BOUNDARY + 4];
    delim[0] = '\r';
    delim[1] = '\n';
    delim[2] = '-';
    delim[3] = '-';
    memcpy(delim + 4, b, blen);
    size_t dlen = blen + 4;
    size_t pos;
    if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0) {
        pos = dlen - 2;
    } else {
        const char *d = find(body, len, delim, dlen);
        if (!d)
            return bad(e, "the boundary of the Content-Type never appears");
        pos = (size_t)(d - body) + dlen;
    }
    for (;;) {
        /* after a delimiter: "--" ends the body; else optional white space and CRLF */
        if (len - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-')
            return MC_OK;
        while (pos < len && is_ws(body[pos]))
            pos++;
        if (len - pos < 2 || body[pos] != '\r' || body[pos + 1] != '\n')
            return bad(e, "a boundary line does not end with CRLF");
        pos += 2;
        if (*n == max)
            return bad(e, "it has too many parts");
        struct mc_multipart_part *p = &parts[*n];
        memset(p, 0, sizeof *p);
        const char *hend;
        if (len - pos >= 2 && body[pos] == '\r' && body[pos + 1] == '\n') {
            hend = body + pos; /* no headers at all */
        } else {
            size_t window = len - pos;
            if (window > MC_MULTIPART_MAX_HEADER + 4)
                window = MC_MULTIPART_MAX_HEADER + 4;
            hend = find(body + pos, window, "\r\n\r\n", 4);
            if (!hend)
                return bad(e, len - pos > MC_MULTIPART_MAX_HEADER
                                      ? "a part's headers are longer than 8 KiB"
                                      : "a part's headers do not end with a blank line");
            hend += 2; /* keep the last header line's CRLF out of the block */
        }
        enum mc_rc rc = part_headers(body + pos, (size_t)(hend - (body + pos)), a, p, e);
        if (rc)
            return rc;
        size_t data = (size_t)(hend - body) + 2;
        const char *d = find(body + data, len - data, delim, dlen);
        if (!d)
            return bad(e, "a part does not end with the boundary");
        p->data = body + data;
        p->len = (size_t)(d - (body + data));
        (*n)++;
        pos = (size_t)(d - body) + dlen;
    }
}

const struct mc_multipart_part *mc_multipart_find(const struct mc_multipart_part *parts, size_t n,
                                                  const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(parts[i].name, name) == 0)
            return &parts[i];
    return NULL;
}
