/* SPDX-License-Identifier: Apache-2.0 */
#include "vc/fetch.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

bool mc_fetch_address_is_private(int family, const void *addr)
{
    if (family == AF_INET) {
        const uint8_t *a = addr;
        return a[0] == 0 || a[0] == 10 || a[0] == 127 ||  /* this, private, loopback */
               (a[0] == 100 && (a[1] & 0xC0) == 64) ||    /* 100.64/10 shared */
               (a[0] == 169 && a[1] == 254) ||            /* link-local */
               (a[0] == 172 && (a[1] & 0xF0) == 16) ||    /* 172.16/12 */
               (a[0] == 192 && a[1] == 168) ||            /* 192.168/16 */
               (a[0] == 192 && a[1] == 0 && a[2] == 0) || /* 192.0.0/24 */
               (a[0] == 198 && (a[1] & 0xFE) == 18) ||    /* 198.18/15 benchmarking */
               a[0] >= 224;                               /* multicast, reserved */
    }
    if (family == AF_INET6) {
        const uint8_t *a = addr;
        static const uint8_t zero[16];
        if (memcmp(a, zero, 15) == 0 && (a[15] == 0 || a[15] == 1))
            return true; /* :: and ::1 */
        if (memcmp(a, zero, 10) == 0 && a[10] == 0xff && a[11] == 0xff)
            return mc_fetch_address_is_private(AF_INET, a + 12); /* IPv4-mapped */
        return (a[0] & 0xFE) == 0xFC ||                          /* fc00::/7 unique local */
               (a[0] == 0xFE && (a[1] & 0xC0) == 0x80) ||        /* fe80::/10 link-local */
               a[0] == 0xFF;                                     /* multicast */
    }
    return true;
}

struct fetch_state {
    struct mc_buf *out;
    bool too_large;
    bool refused;
    bool allow_private;
};

static size_t on_data(char *p, size_t size, size_t n, void *userdata)
{
    struct fetch_state *st = userdata;
    if (mc_buf_append(st->out, p, size * n)) {
        st->too_large = true;
        return 0;
    }
    return size * n;
}

/* Checked on every connection, redirects included, with the address DNS gave. */
static curl_socket_t on_open(void *userdata, curlsocktype purpose, struct curl_sockaddr *a)
{
    struct fetch_state *st = userdata;
    (void)purpose;
    const void *addr = NULL;
    if (a->family == AF_INET)
        addr = &((const struct sockaddr_in *)&a->addr)->sin_addr;
    else if (a->family == AF_INET6)
        addr = &((const struct sockaddr_in6 *)&a->addr)->sin6_addr;
    if (!addr || (!st->allow_private && mc_fetch_address_is_private(a->family, addr))) {
        st->refused = true;
        return CURL_SOCKET_BAD;
    }
    return socket(a->family, a->socktype, a->protocol);
}

enum mc_rc mc_fetch(const char *url, const struct mc_fetch_options *o, struct mc_buf *out,
                    struct mc_err *e)
{
    static const struct mc_fetch_options defaults;
    if (!o)
        o = &defaults;
    if (strncmp(url, "https://", 8) != 0)
        return mc_err_set(e, MC_ERR_FORBIDDEN, "%.200s: only https URLs are fetched", url);
    pthread_once(&init_once, init);
    CURL *c = curl_easy_init();
    if (!c)
        return mc_err_set(e, MC_ERR_INTERNAL, "cannot start a transfer");
    size_t max = o->max_bytes ? o->max_bytes : 1u << 20;
    struct mc_buf body;
    mc_buf_init(&body, max);
    struct fetch_state st = { &body, false, false, o->allow_private };
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, o->timeout_ms ? o->timeout_ms : 5000L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 3000L);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &st);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, on_open);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &st);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "mcred");
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    CURLcode cc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(c);
    enum mc_rc rc = MC_OK;
    if (st.refused)
        rc = mc_err_set(e, MC_ERR_FORBIDDEN,
                        "%.200s: refused to connect to a loopback or private address", url);
    else if (st.too_large || cc == CURLE_FILESIZE_EXCEEDED)
        rc = mc_err_set(e, MC_ERR_TOO_LARGE, "%.200s: the document is larger than %zu bytes", url,
                        max);
    else if (cc == CURLE_UNSUPPORTED_PROTOCOL)
        rc = mc_err_set(e, MC_ERR_FORBIDDEN, "%.200s: redirected to a URL that is not https", url);
    else if (cc != CURLE_OK)
        rc = mc_err_set(e, MC_ERR_IO, "%.200s: %s", url,
                        errbuf[0] ? errbuf : curl_easy_strerror(cc));
    else if (status < 200 || status > 299)
        rc = mc_err_set(e, MC_ERR_IO, "%.200s: the server answered HTTP %ld", url, status);
    if (!rc && mc_buf_append(out, body.data ? body.data : "", body.len))
        rc = mc_err_set(e, MC_ERR_TOO_LARGE, "%.200s: the document does not fit", url);
    mc_buf_free(&body);
    return rc;
}
