/* SPDX-License-Identifier: Apache-2.0 */
/* Content negotiation: which of the media types a resource offers the client prefers. */
#include <string.h>
#include <strings.h>

#include "http/http.h"

/* q-values are compared in thousandths, as RFC 9110 §12.4.2 allows three decimals. */
static int parse_q(const char *p, size_t len)
{
    /* p points at the value after "q=" */
    int q = 0;
    size_t i = 0;
    if (i < len && (p[i] == '0' || p[i] == '1')) {
        q = (p[i] - '0') * 1000;
        i++;
    } else {
        return -1;
    }
    if (i < len && p[i] == '.') {
        i++;
        int scale = 100;
        while (i < len && p[i] >= '0' && p[i] <= '9' && scale > 0) {
            q += (p[i] - '0') * scale;
            scale /= 10;
            i++;
        }
    }
    return q > 1000 ? 1000 : q;
}

static size_t trim(const char **p, size_t len)
{
    while (len && (**p == ' ' || **p == '\t')) {
        (*p)++;
        len--;
    }
    while (len && ((*p)[len - 1] == ' ' || (*p)[len - 1] == '\t'))
        len--;
    return len;
}

/* How well range r[0..rlen) matches `offer`: 3 exact, 2 "type/" wildcard, 1 any, 0 not. */
static int match(const char *r, size_t rlen, const char *offer)
{
    size_t olen = strlen(offer);
    if (rlen == 3 && memcmp(r, "*/*", 3) == 0)
        return 1;
    if (rlen == olen && strncasecmp(r, offer, olen) == 0)
        return 3;
    const char *slash = memchr(offer, '/', olen);
    size_t tlen = slash ? (size_t)(slash - offer) + 1 : 0;
    if (tlen && rlen == tlen + 1 && r[rlen - 1] == '*' && strncasecmp(r, offer, tlen) == 0)
        return 2;
    return 0;
}

int mc_http_negotiate(const struct mc_http_request *req, const char *const *offers)
{
    const char *accept = mc_http_header(req, "Accept");
    if (!accept || !*accept)
        return offers[0] ? 0 : -1;
    int best = -1, best_q = 0, best_spec = 0;
    for (int i = 0; offers[i]; i++) {
        /* The most specific range matching this offer sets its q (RFC 9110 §12.5.1). */
        int q = -1, spec = 0;
        const char *p = accept;
        while (*p) {
            size_t elen = strcspn(p, ",");
            const char *el = p;
            p += elen;
            if (*p == ',')
                p++;
            size_t rlen = strcspn(el, ";");
            if (rlen > elen)
                rlen = elen;
            const char *r = el;
            rlen = trim(&r, rlen);
            int m = match(r, rlen, offers[i]);
            if (m == 0 || m < spec)
                continue;
            int eq = 1000;
            /* parameters: only q matters here */
            const char *par = el + strcspn(el, ";");
            while (par < el + elen && *par == ';') {
                par++;
                size_t plen = strcspn(par, ";");
                if (par + plen > el + elen)
                    plen = (size_t)(el + elen - par);
                const char *pp = par;
                size_t tl = trim(&pp, plen);
                if (tl >= 2 && (pp[0] == 'q' || pp[0] == 'Q') && pp[1] == '=') {
                    int v = parse_q(pp + 2, tl - 2);
                    eq = v < 0 ? 0 : v;
                }
                par += plen;
            }
            if (m > spec || (m == spec && eq > q)) {
                spec = m;
                q = eq;
            }
        }
        if (q > best_q || (q == best_q && q > 0 && spec > best_spec)) {
            best = i;
            best_q = q;
            best_spec = spec;
        }
    }
    return best;
}

bool mc_http_media_is(const char *ct, const char *type)
{
    size_t n = strlen(type);
    return ct && strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}
