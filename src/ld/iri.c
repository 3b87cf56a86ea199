/* SPDX-License-Identifier: Apache-2.0 */
#include "ld/iri.h"

#include <string.h>

bool mc_iri_has_scheme(const char *s)
{
    if (s[0] == '_' && s[1] == ':')
        return true;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return false;
    for (const char *p = s + 1; *p; p++) {
        char c = *p;
        if (c == ':')
            return true;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '-' || c == '.'))
            return false;
    }
    return false;
}

bool mc_iri_is_well_formed(const char *s)
{
    if (!mc_iri_has_scheme(s) || mc_iri_is_blank(s))
        return false;
    /* Bytes that cannot appear in an IRI written in N-Quads. */
    static const bool bad[256] = {
        [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1, [0x07] = 1,
        [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1, [0x0e] = 1,
        [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1,
        [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1, [0x1c] = 1,
        [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, [' '] = 1,  ['<'] = 1,  ['>'] = 1,  ['"'] = 1,
        ['{'] = 1,  ['}'] = 1,  ['|'] = 1,  ['\\'] = 1, ['^'] = 1,  ['`'] = 1,  [0x7f] = 1,
    };
    bool fragment = false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (bad[*p])
            return false;
        if (*p == '#') {
            if (fragment)
                return false; /* a fragment cannot contain '#' */
            fragment = true;
        }
    }
    return true;
}

/* The parts of a reference (RFC 3986 §3); a NULL pointer is an absent part. */
struct iri_parts {
    const char *scheme, *auth, *path, *query, *frag;
    size_t scheme_len, auth_len, path_len, query_len, frag_len;
};

static void split(const char *s, struct iri_parts *p)
{
    memset(p, 0, sizeof *p);
    const char *c = s;
    /* scheme: only when a ':' comes before any of "/?#" */
    const char *colon = s + strcspn(s, ":/?#");
    if (*colon == ':' && colon > s) {
        bool ok = (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z');
        for (const char *q = s; ok && q < colon; q++)
            ok = (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
                 *q == '+' || *q == '-' || *q == '.';
        if (ok) {
            p->scheme = s;
            p->scheme_len = (size_t)(colon - s);
            c = colon + 1;
        }
    }
    if (c[0] == '/' && c[1] == '/') {
        c += 2;
        size_t n = strcspn(c, "/?#");
        p->auth = c;
        p->auth_len = n;
        c += n;
    }
    size_t n = strcspn(c, "?#");
    p->path = c;
    p->path_len = n;
    c += n;
    if (*c == '?') {
        c++;
        n = strcspn(c, "#");
        p->query = c;
        p->query_len = n;
        c += n;
    }
    if (*c == '#') {
        c++;
        p->frag = c;
        p->frag_len = strlen(c);
    }
}

/* RFC 3986 §5.2.4 on in[0..n) into out (which has room for n + 1 bytes); returns the length. */
static size_t remove_dot_segments(const char *in, size_t n, char *out)
{
    size_t o = 0;
    size_t i = 0;
    while (i < n) {
        const char *r = in + i;
        size_t left = n - i;
        if (left >= 3 && memcmp(r, "../", 3) == 0) {
            i += 3;
        } else if (left >= 2 && memcmp(r, "./", 2) == 0) {
            i += 2;
        } else if (left >= 3 && memcmp(r, "/./", 3) == 0) {
            i += 2; /* "/./" -> "/" */
        } else if (left == 2 && memcmp(r, "/.", 2) == 0) {
            /* "/." at the end -> "/" */
            out[o++] = '/';
            i += 2;
        } else if ((left >= 4 && memcmp(r, "/../", 4) == 0) ||
                   (left == 3 && memcmp(r, "/..", 3) == 0)) {
            /* drop the last output segment and its preceding "/" */
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
            if (left == 3) {
                out[o++] = '/';
                i += 3;
            } else {
                i += 3; /* leaves "/" to start the next segment */
            }
        } else if ((left == 1 && r[0] == '.') || (left == 2 && memcmp(r, "..", 2) == 0)) {
            i += left;
        } else {
            /* move the first segment (with its leading "/", if any) to the output */
            size_t k = 0;
            if (r[0] == '/')
                k = 1;
            while (k < left && r[k] != '/')
                k++;
            memcpy(out + o, r, k);
            o += k;
            i += k;
        }
    }
    out[o] = '\0';
    return o;
}

const char *mc_iri_resolve(struct mc_arena *a, const char *base, const char *ref)
{
    if (!base)
        return ref;
    struct iri_parts r, b;
    split(ref, &r);
    if (r.scheme && !mc_iri_is_blank(ref)) {
        /* Already absolute: only its dot segments are removed. */
        if (!memchr(r.path, '.', r.path_len))
            return ref;
    }
    split(base, &b);
    size_t total = strlen(ref) + strlen(base) + 8;
    char *merged = mc_arena_alloc(a, total);
    char *path = mc_arena_alloc(a, total);
    const char *scheme, *auth, *query;
    size_t scheme_len, auth_len, query_len;
    size_t path_len;
    bool has_auth, has_query;
    if (r.scheme) {
        scheme = r.scheme, scheme_len = r.scheme_len;
        has_auth = r.auth != NULL, auth = r.auth, auth_len = r.auth_len;
        path_len = remove_dot_segments(r.path, r.path_len, path);
        has_query = r.query != NULL, query = r.query, query_len = r.query_len;
    } else {
        scheme = b.scheme, scheme_len = b.scheme_len;
        if (r.auth) {
            has_auth = true, auth = r.auth, auth_len = r.auth_len;
            path_len = remove_dot_segments(r.path, r.path_len, path);
            has_query = r.query != NULL, query = r.query, query_len = r.query_len;
        } else {
            has_auth = b.auth != NULL, auth = b.auth, auth_len = b.auth_len;
            if (r.path_len == 0) {
                memcpy(path, b.path, b.path_len);
                path_len = b.path_len;
                path[path_len] = '\0';
                if (r.query)
                    has_query = true, query = r.query, query_len = r.query_len;
                else
                    has_query = b.query != NULL, query = b.query, query_len = b.query_len;
            } else {
                if (r.path[0] == '/') {
                    path_len = remove_dot_segments(r.path, r.path_len, path);
                } else {
                    /* merge (§5.2.3) */
                    size_t m = 0;
                    if (b.auth && b.path_len == 0) {
                        merged[m++] = '/';
                    } else {
                        const char *slash = NULL;
                        for (size_t k = b.path_len; k > 0; k--)
                            if (b.path[k - 1] == '/') {
                                slash = b.path + k - 1;
                                break;
                            }
                        if (slash) {
                            size_t keep = (size_t)(slash - b.path) + 1;
                            memcpy(merged, b.path, keep);
                            m = keep;
                        }
                    }
                    memcpy(merged + m, r.path, r.path_len);
                    m += r.path_len;
                    path_len = remove_dot_segments(merged, m, path);
                }
                has_query = r.query != NULL, query = r.query, query_len = r.query_len;
            }
        }
    }
    char *out = mc_arena_alloc(a, total + 8);
    size_t o = 0;
    if (scheme) {
        memcpy(out + o, scheme, scheme_len);
        o += scheme_len;
        out[o++] = ':';
    }
    if (has_auth) {
        out[o++] = '/';
        out[o++] = '/';
        memcpy(out + o, auth, auth_len);
        o += auth_len;
    }
    memcpy(out + o, path, path_len);
    o += path_len;
    if (has_query) {
        out[o++] = '?';
        memcpy(out + o, query, query_len);
        o += query_len;
    }
    if (r.frag) {
        out[o++] = '#';
        memcpy(out + o, r.frag, r.frag_len);
        o += r.frag_len;
    }
    out[o] = '\0';
    return out;
}
