/* SPDX-License-Identifier: Apache-2.0 */
/* W3C Bitstring Status List v1.0: the bits, encodedList, allocation, list credentials, entries. */
#include "vc/statuslist.h"

#define ZLIB_CONST
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "base/alloc.h"
#include "base/base64.h"
#include "base/json.h"
#include "base/multibase.h"
#include "base/random.h"
#include "base/time.h"

#define VC2_CONTEXT   "https://www.w3.org/ns/credentials/v2"
#define MAX_URL_BYTES 2048
/* GZIP text this long cannot hold a list we accept (deflate grows incompressible data by well
 * under 1%), so it is refused before decoding. */
#define MAX_GZIP_BYTES ((size_t)MC_STATUS_LIST_MAX_BYTES * 2)
/* Random picks before allocation counts the free indexes instead (a nearly full list). */
#define ALLOC_TRIES 32

/* An error at the JSON pointer `ptr` (plus "/key" if `key` is not NULL; keys here need no
 * escaping): the place into e->where and at the head of the message. */
static enum mc_rc fail_at(struct mc_err *e, enum mc_rc rc, const char *ptr, const char *key,
                          const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static enum mc_rc fail_at(struct mc_err *e, enum mc_rc rc, const char *ptr, const char *key,
                          const char *fmt, ...)
{
    if (!e)
        return rc;
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(e, rc, fmt, ap);
    va_end(ap);
    if (key)
        mc_err_where(e, "%s/%s", ptr, key);
    else
        mc_err_where(e, "%s", ptr[0] ? ptr : "/");
    mc_err_prefix(e, "%s", e->where);
    return rc;
}

/* A byte for a message: itself if printable ASCII, else '?' (the hex goes beside it). */
static char shown(unsigned char c)
{
    return c >= 0x20 && c < 0x7f ? (char)c : '?';
}

/* ---- The bitstring (§2.2 encodedList, §7.1): index 0 is the left-most bit of byte 0. ---- */

enum mc_rc mc_status_list_init(struct mc_status_list *l, size_t nbits, struct mc_err *e)
{
    memset(l, 0, sizeof *l);
    if (nbits < MC_STATUS_LIST_MIN_BITS)
        return mc_err_set(e, MC_ERR_INVALID,
                          "a status list needs at least %u entries for herd privacy, not %zu",
                          MC_STATUS_LIST_MIN_BITS, nbits);
    if (nbits % 8)
        return mc_err_set(e, MC_ERR_INVALID,
                          "a status list is whole bytes: %zu entries is not a multiple of 8",
                          nbits);
    if (nbits / 8 > MC_STATUS_LIST_MAX_BYTES)
        return mc_err_set(e, MC_ERR_TOO_LARGE,
                          "a status list of %zu entries is larger than the %u bytes allowed", nbits,
                          MC_STATUS_LIST_MAX_BYTES);
    l->bits = mc_xcalloc(nbits / 8, 1);
    l->nbits = nbits;
    return MC_OK;
}

void mc_status_list_free(struct mc_status_list *l)
{
    free(l->bits);
    l->bits = NULL;
    l->nbits = 0;
}

bool mc_status_list_get(const struct mc_status_list *l, size_t index)
{
    if (!l->bits || index >= l->nbits)
        return false;
    return (l->bits[index / 8] >> (7 - index % 8)) & 1;
}

enum mc_rc mc_status_list_set(struct mc_status_list *l, size_t index, bool value, struct mc_err *e)
{
    if (!l->bits || index >= l->nbits)
        return mc_err_set(e, MC_ERR_INVALID, "index %zu is outside the status list (0 to %zu)",
                          index, l->nbits ? l->nbits - 1 : 0);
    uint8_t mask = (uint8_t)(0x80u >> (index % 8));
    if (value)
        l->bits[index / 8] |= mask;
    else
        l->bits[index / 8] &= (uint8_t)~mask;
    return MC_OK;
}

/* Does entry `index` of `size` bits lie inside the list? (index * size cannot overflow then.) */
static enum mc_rc entry_in_range(const struct mc_status_list *l, size_t index, unsigned size,
                                 struct mc_err *e)
{
    if (size < 1 || size > MC_STATUS_SIZE_MAX)
        return mc_err_set(e, MC_ERR_UNSUPPORTED, "statusSize %u is not between 1 and %u", size,
                          MC_STATUS_SIZE_MAX);
    if (!l->bits || index >= l->nbits / size)
        return mc_err_set(e, MC_ERR_INVALID,
                          "statusListIndex %zu is outside the status list, which has %zu "
                          "entries of %u bit%s (RANGE_ERROR)",
                          index, l->nbits / size, size, size == 1 ? "" : "s");
    return MC_OK;
}

enum mc_rc mc_status_list_get_value(const struct mc_status_list *l, size_t index, unsigned size,
                                    unsigned *value, struct mc_err *e)
{
    enum mc_rc rc = entry_in_range(l, index, size, e);
    if (rc)
        return rc;
    unsigned v = 0;
    for (unsigned i = 0; i < size; i++)
        v = (v << 1) | (unsigned)mc_status_list_get(l, index * size + i);
    *value = v;
    return MC_OK;
}

enum mc_rc mc_status_list_set_value(struct mc_status_list *l, size_t index, unsigned size,
                                    unsigned value, struct mc_err *e)
{
    enum mc_rc rc = entry_in_range(l, index, size, e);
    if (rc)
        return rc;
    if (value >> size)
        return mc_err_set(e, MC_ERR_INVALID, "status value %u does not fit in %u bit%s", value,
                          size, size == 1 ? "" : "s");
    for (unsigned i = 0; i < size; i++)
        (void)mc_status_list_set(l, index * size + i, (value >> (size - 1 - i)) & 1, NULL);
    return MC_OK;
}

/* ---- encodedList: GZIP (RFC 1952) and multibase base64url (§3.3, §3.4) ---- */

enum mc_rc mc_status_list_encode(const struct mc_status_list *l, struct mc_buf *out,
                                 struct mc_err *e)
{
    if (!l->bits || l->nbits % 8 || l->nbits / 8 > MC_STATUS_LIST_MAX_BYTES)
        return mc_err_set(e, MC_ERR_INVALID,
                          "cannot encode a status list of %zu bits: it must be whole bytes, at "
                          "most %u",
                          l->nbits, MC_STATUS_LIST_MAX_BYTES);
    size_t n = l->nbits / 8;
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    /* windowBits 16 + 15 asks zlib for the GZIP wrapper; its header has mtime 0, so encoding is
     * deterministic. */
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY))
        return mc_err_set(e, MC_ERR_INTERNAL, "zlib could not start compressing");
    uLong bound = deflateBound(&zs, (uLong)n);
    unsigned char *gz = mc_xmalloc(bound);
    zs.next_in = l->bits;
    zs.avail_in = (uInt)n;
    zs.next_out = gz;
    zs.avail_out = (uInt)bound;
    int zr = deflate(&zs, Z_FINISH);
    size_t gz_len = zs.total_out;
    deflateEnd(&zs);
    enum mc_rc rc = MC_OK;
    if (zr != Z_STREAM_END)
        rc = mc_err_set(e, MC_ERR_INTERNAL, "zlib could not compress the status list (%d)", zr);
    else if (mc_multibase_encode(out, MC_MULTIBASE_BASE64URL, gz, gz_len))
        rc = mc_err_set(e, MC_ERR_TOO_LARGE,
                        "the encodedList (%zu bytes of GZIP) does not fit in the output buffer",
                        gz_len);
    free(gz);
    return rc;
}

/*
 * Inflate the GZIP data p[0..n) into `out`, whose cap bounds the work: a bomb stops at the cap.
 * Concatenated members are one stream (RFC 1952 §2.2); anything else after the data is an error.
 */
static enum mc_rc gunzip(const unsigned char *p, size_t n, struct mc_buf *out, struct mc_err *e)
{
    if (n < 2 || p[0] != 0x1f || p[1] != 0x8b) {
        /* Name the usual mistake: zlib's own wrapper (RFC 1950) instead of GZIP. */
        if (n >= 2 && (p[0] & 0x0f) == 8 && ((p[0] << 8) | p[1]) % 31 == 0)
            return mc_err_set(e, MC_ERR_INVALID,
                              "the encodedList holds zlib (RFC 1950) data; it must be GZIP "
                              "(RFC 1952), which starts with the bytes 1f 8b");
        return mc_err_set(e, MC_ERR_INVALID,
                          "the encodedList is not GZIP (RFC 1952) data: it does not start with "
                          "the bytes 1f 8b");
    }
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 16 + MAX_WBITS)) /* GZIP only: no zlib, no raw deflate */
        return mc_err_set(e, MC_ERR_INTERNAL, "zlib could not start decompressing");
    zs.next_in = p;
    zs.avail_in = (uInt)n;
    unsigned char chunk[65536];
    enum mc_rc rc = MC_OK;
    for (;;) {
        zs.next_out = chunk;
        zs.avail_out = sizeof chunk;
        int zr = inflate(&zs, Z_NO_FLUSH);
        size_t got = sizeof chunk - zs.avail_out;
        if (got && mc_buf_append(out, chunk, got)) {
            rc = mc_err_set(e, MC_ERR_TOO_LARGE,
                            "the encodedList inflates to more than %zu bytes, the most a status "
                            "list may have",
                            out->max);
            break;
        }
        if (zr == Z_OK)
            continue;
        if (zr == Z_STREAM_END) {
            if (zs.avail_in == 0)
                break;
            if (zs.avail_in < 2 || zs.next_in[0] != 0x1f || zs.next_in[1] != 0x8b) {
                rc = mc_err_set(e, MC_ERR_INVALID,
                                "the GZIP data in the encodedList is followed by %u bytes that "
                                "are not GZIP (at byte %zu)",
                                zs.avail_in, n - zs.avail_in);
                break;
            }
            inflateReset(&zs);
            continue;
        }
        if (zr == Z_BUF_ERROR && zs.avail_in == 0)
            rc = mc_err_set(e, MC_ERR_INVALID,
                            "the GZIP data in the encodedList is truncated: it ends after %zu "
                            "bytes, before the end of its compressed stream",
                            n);
        else if (zr == Z_DATA_ERROR)
            rc = mc_err_set(e, MC_ERR_INVALID,
                            "the GZIP data in the encodedList is corrupt near byte %zu: %s",
                            n - zs.avail_in, zs.msg ? zs.msg : "invalid data");
        else if (zr == Z_MEM_ERROR)
            mc_oom("inflate", sizeof chunk);
        else
            rc = mc_err_set(e, MC_ERR_INTERNAL, "zlib failed to decompress (%d)", zr);
        break;
    }
    inflateEnd(&zs);
    return rc;
}

enum mc_rc mc_status_list_decode(const char *encoded, size_t len, struct mc_status_list *out,
                                 struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    if (len == 0)
        return mc_err_set(e, MC_ERR_INVALID, "the encodedList is empty");
    const char *text = encoded;
    size_t text_len = len;
    if (encoded[0] == 'u') {
        text++;
        text_len--;
    } else if (!(len >= 4 && memcmp(encoded, "H4sI", 4) == 0)) {
        /* Without the prefix, only the legacy form (base64url GZIP, "H4sI") is read. */
        return mc_err_set(e, MC_ERR_INVALID,
                          "the encodedList must start with 'u' (multibase base64url), not '%c' "
                          "(0x%02x)",
                          shown((unsigned char)encoded[0]), (unsigned char)encoded[0]);
    }
    if (text_len / 4 * 3 > MAX_GZIP_BYTES)
        return mc_err_set(e, MC_ERR_TOO_LARGE,
                          "the encodedList of %zu characters is too long to be a status list of "
                          "at most %u bytes",
                          len, MC_STATUS_LIST_MAX_BYTES);
    if (memchr(text, '=', text_len))
        return mc_err_set(e, MC_ERR_INVALID,
                          "the encodedList has '=' padding; it must be base64url without padding");

    struct mc_buf gz, bits;
    mc_buf_init(&gz, MAX_GZIP_BYTES + 3);
    mc_buf_init(&bits, MC_STATUS_LIST_MAX_BYTES);
    enum mc_rc rc = mc_b64_decode(&gz, MC_B64_URL, text, text_len, e);
    if (rc) {
        mc_err_prefix(e, "the encodedList after its 'u' is not base64url");
        goto out;
    }
    rc = gunzip((const unsigned char *)gz.data, gz.len, &bits, e);
    if (rc)
        goto out;
    if (bits.len < MC_STATUS_LIST_MIN_BITS / 8) {
        rc = mc_err_set(e, MC_ERR_INVALID,
                        "the status list has %zu entries; at least %u are required "
                        "(STATUS_LIST_LENGTH_ERROR)",
                        bits.len * 8, MC_STATUS_LIST_MIN_BITS);
        goto out;
    }
    size_t n;
    out->bits = (uint8_t *)mc_buf_steal(&bits, &n);
    out->nbits = n * 8;
out:
    mc_buf_free(&gz);
    mc_buf_free(&bits);
    return rc;
}

/* ---- Allocation (§2.1 statusListIndex: "assign indexes randomly") ---- */

/* The mask of the bits of byte `i` that lie inside the list (all but the tail of the last). */
static unsigned byte_mask(const struct mc_status_list *l, size_t i)
{
    size_t valid = l->nbits - i * 8;
    return valid >= 8 ? 0xffu : (0xffu << (8 - valid)) & 0xffu;
}

enum mc_rc mc_status_list_allocate(const struct mc_status_list *used, size_t *index,
                                   struct mc_err *e)
{
    if (!used->bits || used->nbits == 0)
        return mc_err_set(e, MC_ERR_INVALID, "cannot allocate from an empty status list");
    /* Each pick is uniform over all indexes, so the first free one is uniform over the free. */
    for (int t = 0; t < ALLOC_TRIES; t++) {
        size_t i = (size_t)mc_random_below(used->nbits);
        if (!mc_status_list_get(used, i)) {
            *index = i;
            return MC_OK;
        }
    }
    /* Nearly full: count the free indexes and take the k-th, k uniform, so still uniform. */
    size_t nbytes = (used->nbits + 7) / 8, free_count = 0;
    for (size_t i = 0; i < nbytes; i++)
        free_count += (size_t)__builtin_popcount(~used->bits[i] & byte_mask(used, i));
    if (free_count == 0)
        return mc_err_set(e, MC_ERR_CONFLICT,
                          "all %zu indexes of the status list are in use; start a new list",
                          used->nbits);
    size_t k = (size_t)mc_random_below(free_count);
    for (size_t i = 0; i < nbytes; i++) {
        unsigned free_bits = ~used->bits[i] & byte_mask(used, i);
        size_t here = (size_t)__builtin_popcount(free_bits);
        if (k >= here) {
            k -= here;
            continue;
        }
        for (unsigned b = 0; b < 8; b++) {
            if (!(free_bits & (0x80u >> b)))
                continue;
            if (k-- == 0) {
                *index = i * 8 + b;
                return MC_OK;
            }
        }
    }
    return mc_err_set(e, MC_ERR_INTERNAL, "status list allocation lost count of free indexes");
}

/* ---- Credentials and entries (§2.1, §2.2, §3.2) ---- */

/* Is `v` the string `name`, or an array holding it? (JSON-LD may compact a one-type array.) */
static bool has_type(const json_t *v, const char *name)
{
    if (json_is_string(v))
        return strcmp(json_string_value(v), name) == 0;
    size_t i;
    json_t *t;
    json_array_foreach (v, i, t) {
        if (json_is_string(t) && strcmp(json_string_value(t), name) == 0)
            return true;
    }
    return false;
}

/* The first type name in `v` (a string or an array), for messages. */
static const char *first_type(const json_t *v)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_array(v) && json_is_string(json_array_get(v, 0)))
        return json_string_value(json_array_get(v, 0));
    return "(none)";
}

/*
 * A statusPurpose value: not empty, shorter than MC_STATUS_PURPOSE_SIZE, and without spaces or
 * control characters (purposes are kept separated by spaces). `ptr`/`key` name it for errors.
 */
static enum mc_rc check_purpose(const char *s, size_t len, const char *ptr, const char *key,
                                struct mc_err *e)
{
    if (len == 0)
        return fail_at(e, MC_ERR_INVALID, ptr, key, "a statusPurpose must not be empty");
    if (len >= MC_STATUS_PURPOSE_SIZE)
        return fail_at(e, MC_ERR_UNSUPPORTED, ptr, key,
                       "statusPurpose \"%.40s...\" is %zu bytes long; at most %d are read", s, len,
                       MC_STATUS_PURPOSE_SIZE - 1);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
            return fail_at(e, MC_ERR_UNSUPPORTED, ptr, key,
                           "statusPurpose \"%s\" has a space or control character; only "
                           "single words are read",
                           s);
    return MC_OK;
}

/* An absolute http or https URL with a host and no spaces or control characters. */
static bool is_http_url(const char *s, size_t len)
{
    size_t skip;
    if (len >= 8 && strncasecmp(s, "https://", 8) == 0)
        skip = 8;
    else if (len >= 7 && strncasecmp(s, "http://", 7) == 0)
        skip = 7;
    else
        return false;
    if (skip == len || strchr("/?#", s[skip]))
        return false;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
            return false;
    return true;
}

/* The list's statusPurpose (a string or a non-empty array of strings) joined with spaces. */
static enum mc_rc read_purposes(const json_t *subject, const char *ptr,
                                char out[MC_STATUS_PURPOSES_SIZE], struct mc_err *e)
{
    json_t *v = json_object_get(subject, "statusPurpose");
    if (!v || json_is_null(v))
        return fail_at(e, MC_ERR_INVALID, ptr, "statusPurpose", "required, and missing");
    size_t count = json_is_array(v) ? json_array_size(v) : 1;
    if (!json_is_string(v) && !(json_is_array(v) && count > 0))
        return fail_at(e, MC_ERR_INVALID, ptr, "statusPurpose",
                       "expected a string or a non-empty array of strings");
    size_t used = 0;
    for (size_t i = 0; i < count; i++) {
        const json_t *p = json_is_array(v) ? json_array_get(v, i) : v;
        char key[48];
        if (json_is_array(v))
            snprintf(key, sizeof key, "statusPurpose/%zu", i);
        else
            snprintf(key, sizeof key, "statusPurpose");
        if (!json_is_string(p))
            return fail_at(e, MC_ERR_INVALID, ptr, key, "expected a string");
        size_t len = json_string_length(p);
        enum mc_rc rc = check_purpose(json_string_value(p), len, ptr, key, e);
        if (rc)
            return rc;
        if (used + (used > 0) + len >= MC_STATUS_PURPOSES_SIZE)
            return fail_at(e, MC_ERR_UNSUPPORTED, ptr, "statusPurpose",
                           "the list has more statusPurpose values than are read (%d bytes)",
                           MC_STATUS_PURPOSES_SIZE - 1);
        if (used > 0)
            out[used++] = ' ';
        memcpy(out + used, json_string_value(p), len);
        used += len;
    }
    out[used] = '\0';
    return MC_OK;
}

/* Is `purpose` one of the space-separated `purposes`? */
static bool has_purpose(const char *purposes, const char *purpose)
{
    size_t n = strlen(purpose);
    for (const char *p = purposes; *p;) {
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && memcmp(p, purpose, n) == 0)
            return true;
        p += len + (end != NULL);
    }
    return false;
}

json_t *mc_status_list_credential(const char *id, const char *issuer, const char *purpose,
                                  time_t valid_from, const struct mc_status_list *l,
                                  struct mc_err *e)
{
    if (!id || !is_http_url(id, strlen(id))) {
        fail_at(e, MC_ERR_INVALID, "/id", NULL,
                "a status list credential's id must be the http(s) URL it is published at");
        return NULL;
    }
    if (!issuer || !*issuer) {
        fail_at(e, MC_ERR_INVALID, "/issuer", NULL, "a status list credential needs an issuer");
        return NULL;
    }
    if (!purpose) {
        fail_at(e, MC_ERR_INVALID, "/credentialSubject/statusPurpose", NULL,
                "required, and missing");
        return NULL;
    }
    if (check_purpose(purpose, strlen(purpose), "/credentialSubject", "statusPurpose", e))
        return NULL;
    if (l->nbits < MC_STATUS_LIST_MIN_BITS) {
        mc_err_set(e, MC_ERR_INVALID, "a published status list needs at least %u entries, not %zu",
                   MC_STATUS_LIST_MIN_BITS, l->nbits);
        return NULL;
    }
    struct mc_buf enc;
    mc_buf_init(&enc, 2 * MAX_GZIP_BYTES);
    if (mc_status_list_encode(l, &enc, e)) {
        mc_buf_free(&enc);
        return NULL;
    }
    char from[MC_TIME_RFC3339_SIZE];
    mc_time_format_rfc3339((int64_t)valid_from, from);
    char *subject_id = mc_xasprintf("%s#list", id);
    json_t *cred = json_pack("{s:[s], s:s, s:[s,s], s:s, s:s, s:{s:s, s:s, s:s, s:s}}", "@context",
                             VC2_CONTEXT, "id", id, "type", "VerifiableCredential",
                             "BitstringStatusListCredential", "issuer", issuer, "validFrom", from,
                             "credentialSubject", "id", subject_id, "type", "BitstringStatusList",
                             "statusPurpose", purpose, "encodedList", mc_buf_cstr(&enc));
    free(subject_id);
    mc_buf_free(&enc);
    if (!cred)
        mc_err_set(e, MC_ERR_INVALID,
                   "the status list credential's id, issuer and statusPurpose must be UTF-8");
    return cred;
}

enum mc_rc mc_status_list_from_credential(const json_t *cred, struct mc_status_list *out,
                                          char purposes[MC_STATUS_PURPOSES_SIZE], struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    if (purposes)
        purposes[0] = '\0';
    if (!json_is_object(cred))
        return fail_at(e, MC_ERR_INVALID, "", NULL,
                       "a status list credential must be a JSON object");
    const json_t *type = json_object_get(cred, "type");
    if (!has_type(type, "BitstringStatusListCredential")) {
        if (has_type(type, "StatusList2021Credential") ||
            has_type(type, "RevocationList2020Credential"))
            return fail_at(e, MC_ERR_UNSUPPORTED, "", "type",
                           "%s lists are not read; only BitstringStatusListCredential",
                           first_type(type));
        return fail_at(e, MC_ERR_INVALID, "", "type",
                       "a status list credential's type must include "
                       "BitstringStatusListCredential");
    }
    const json_t *subject = json_object_get(cred, "credentialSubject");
    const char *ptr = "/credentialSubject";
    if (json_is_array(subject) && json_array_size(subject) == 1) {
        subject = json_array_get(subject, 0);
        ptr = "/credentialSubject/0";
    }
    if (!json_is_object(subject))
        return fail_at(e, MC_ERR_INVALID, ptr, NULL,
                       "expected the status list: an object of type BitstringStatusList");
    if (!has_type(json_object_get(subject, "type"), "BitstringStatusList"))
        return fail_at(e, MC_ERR_INVALID, ptr, "type",
                       "the credentialSubject of a status list credential must have the type "
                       "BitstringStatusList");
    char found[MC_STATUS_PURPOSES_SIZE];
    enum mc_rc rc = read_purposes(subject, ptr, found, e);
    if (rc)
        return rc;
    const char *encoded;
    rc = mc_json_get_string(subject, ptr, "encodedList", true, &encoded, e);
    if (rc)
        return rc;
    json_t *ev = json_object_get(subject, "encodedList");
    rc = mc_status_list_decode(encoded, json_string_length(ev), out, e);
    if (rc) {
        mc_err_where(e, "%s/encodedList", ptr);
        mc_err_prefix(e, "%s/encodedList", ptr);
        return rc;
    }
    if (purposes)
        memcpy(purposes, found, strlen(found) + 1);
    return MC_OK;
}

/* statusListIndex: decimal digits, "0" or no leading zero, no sign, within size_t. */
static bool parse_index(const char *s, size_t len, size_t *out)
{
    if (len == 0 || (len > 1 && s[0] == '0'))
        return false;
    size_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        size_t d = (size_t)(s[i] - '0');
        if (v > (SIZE_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

/* statusMessage (§2.1): 2^size objects, each with a "0x…" status below 2^size, every value once,
 * and a message string. */
static enum mc_rc check_messages(const json_t *msgs, unsigned size, const char *ptr,
                                 struct mc_err *e)
{
    char base[MC_ERR_WHERE_MAX];
    snprintf(base, sizeof base, "%s/statusMessage", ptr);
    if (!json_is_array(msgs))
        return fail_at(e, MC_ERR_INVALID, base, NULL, "expected an array");
    size_t want = (size_t)1 << size;
    if (json_array_size(msgs) != want)
        return fail_at(e, MC_ERR_INVALID, base, NULL,
                       "statusSize %u gives %zu possible values, so statusMessage needs %zu "
                       "entries, not %zu",
                       size, want, want, json_array_size(msgs));
    uint8_t seen[(1u << MC_STATUS_SIZE_MAX) / 8] = { 0 };
    size_t i;
    json_t *m;
    json_array_foreach (msgs, i, m) {
        char at[sizeof base + 24];
        snprintf(at, sizeof at, "%s/%zu", base, i);
        const char *status, *message;
        enum mc_rc rc = mc_json_get_string(m, at, "status", true, &status, e);
        if (!rc)
            rc = mc_json_get_string(m, at, "message", true, &message, e);
        if (rc)
            return rc;
        size_t len = json_string_length(json_object_get(m, "status"));
        unsigned v = 0;
        bool ok = len > 2 && status[0] == '0' && status[1] == 'x';
        for (size_t k = 2; ok && k < len; k++) {
            char c = status[k];
            int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
            ok = d >= 0 && v < want; /* stop before v can overflow */
            v = v * 16 + (unsigned)(d < 0 ? 0 : d);
        }
        if (!ok || v >= want)
            return fail_at(e, MC_ERR_INVALID, at, "status",
                           "expected a hexadecimal status from 0x0 to 0x%zx, not \"%.40s\"",
                           want - 1, status);
        if (seen[v / 8] & (0x80u >> (v % 8)))
            return fail_at(e, MC_ERR_INVALID, at, "status",
                           "status 0x%x appears twice in statusMessage", v);
        seen[v / 8] |= (uint8_t)(0x80u >> (v % 8));
    }
    return MC_OK;
}

enum mc_rc mc_status_entry_parse(const json_t *entry, const char *ptr, struct mc_status_entry *out,
                                 struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    out->size = 1;
    if (!ptr)
        ptr = "";
    if (!json_is_object(entry))
        return fail_at(e, MC_ERR_INVALID, ptr, NULL, "a credentialStatus entry must be an object");

    const json_t *type = json_object_get(entry, "type");
    if (!type || json_is_null(type))
        return fail_at(e, MC_ERR_INVALID, ptr, "type", "required, and missing");
    if (!json_is_string(type) && !json_is_array(type))
        return fail_at(e, MC_ERR_INVALID, ptr, "type", "expected a string or an array of strings");
    if (!has_type(type, "BitstringStatusListEntry"))
        return fail_at(e, MC_ERR_UNSUPPORTED, ptr, "type",
                       "status type %s is not supported; this reads BitstringStatusListEntry",
                       first_type(type));

    const char *purpose;
    enum mc_rc rc = mc_json_get_string(entry, ptr, "statusPurpose", true, &purpose, e);
    if (rc)
        return rc;
    size_t purpose_len = json_string_length(json_object_get(entry, "statusPurpose"));
    rc = check_purpose(purpose, purpose_len, ptr, "statusPurpose", e);
    if (rc)
        return rc;

    const json_t *iv = json_object_get(entry, "statusListIndex");
    if (!iv || json_is_null(iv))
        return fail_at(e, MC_ERR_INVALID, ptr, "statusListIndex", "required, and missing");
    size_t index = 0;
    if (json_is_string(iv)) {
        if (!parse_index(json_string_value(iv), json_string_length(iv), &index))
            return fail_at(e, MC_ERR_INVALID, ptr, "statusListIndex",
                           "expected a base-10 integer of at most %zu as a string, without sign "
                           "or leading zeros (such as \"94567\"), not \"%.40s\"",
                           (size_t)SIZE_MAX, json_string_value(iv));
    } else if (json_is_integer(iv)) {
        /* Lenient: the spec wants a string, but some issuers write a number. */
        json_int_t i = json_integer_value(iv);
        if (i < 0 || (uint64_t)i > SIZE_MAX)
            return fail_at(e, MC_ERR_INVALID, ptr, "statusListIndex",
                           "expected an index of 0 or more, not %lld", (long long)i);
        index = (size_t)i;
    } else {
        return fail_at(e, MC_ERR_INVALID, ptr, "statusListIndex",
                       "expected a base-10 integer as a string (such as \"94567\")");
    }

    const char *url;
    rc = mc_json_get_string(entry, ptr, "statusListCredential", true, &url, e);
    if (rc)
        return rc;
    size_t url_len = json_string_length(json_object_get(entry, "statusListCredential"));
    if (url_len > MAX_URL_BYTES || !is_http_url(url, url_len))
        return fail_at(e, MC_ERR_INVALID, ptr, "statusListCredential",
                       "expected the absolute http or https URL of the status list credential "
                       "(at most %d bytes), not \"%.80s\"",
                       MAX_URL_BYTES, url);
    const char *id = NULL;
    rc = mc_json_get_string(entry, ptr, "id", false, &id, e);
    if (rc)
        return rc;
    if (id && strcmp(id, url) == 0)
        return fail_at(e, MC_ERR_INVALID, ptr, "id",
                       "the entry's id must not be the status list's URL (statusListCredential)");

    int64_t size = 1;
    rc = mc_json_get_int(entry, ptr, "statusSize", false, 1, INT64_MAX, &size, e);
    if (rc)
        return rc;
    if (size > (int64_t)MC_STATUS_SIZE_MAX)
        return fail_at(e, MC_ERR_UNSUPPORTED, ptr, "statusSize",
                       "statusSize %lld is wider than %u bits, the most read", (long long)size,
                       MC_STATUS_SIZE_MAX);
    json_t *msgs = json_object_get(entry, "statusMessage");
    if (json_is_null(msgs))
        msgs = NULL;
    if (!msgs && size > 1)
        return fail_at(e, MC_ERR_INVALID, ptr, "statusMessage",
                       "required when statusSize is more than 1, and missing");
    if (msgs) {
        rc = check_messages(msgs, (unsigned)size, ptr, e);
        if (rc)
            return rc;
    }

    memcpy(out->purpose, purpose, purpose_len + 1);
    out->index = index;
    out->size = (unsigned)size;
    out->list_url = mc_xmemdupz(url, url_len);
    out->messages = msgs ? json_incref(msgs) : NULL;
    return MC_OK;
}

void mc_status_entry_free(struct mc_status_entry *s)
{
    free(s->list_url);
    json_decref(s->messages);
    memset(s, 0, sizeof *s);
    s->size = 1;
}

/* The message of status `value`: from statusMessage, else "unset"/"set" (§2.1). */
static const char *message_of(const struct mc_status_entry *entry, unsigned value)
{
    if (!entry->messages)
        return entry->size == 1 ? (value ? "set" : "unset") : NULL;
    size_t i;
    json_t *m;
    json_array_foreach (entry->messages, i, m) {
        const char *status = json_string_value(json_object_get(m, "status"));
        /* Checked at parse time: "0x" and hex digits, so this reads the same value. */
        unsigned v = 0;
        for (const char *c = status ? status + 2 : ""; *c; c++)
            v = v * 16 + (unsigned)(*c <= '9' ? *c - '0' : (*c | 0x20) - 'a' + 10);
        if (v == value)
            return json_string_value(json_object_get(m, "message"));
    }
    return NULL;
}

/* §3.2 Validate Algorithm, steps 5 to 13 (the caller has dereferenced the list and checked its
 * proofs). */
enum mc_rc mc_status_check_value(const struct mc_status_entry *entry, const json_t *list_cred,
                                 unsigned *value, const char **message, struct mc_err *e)
{
    const char *url = entry->list_url ? entry->list_url : "(no URL)";
    struct mc_status_list l;
    char purposes[MC_STATUS_PURPOSES_SIZE];
    enum mc_rc rc = mc_status_list_from_credential(list_cred, &l, purposes, e);
    if (rc) {
        mc_err_prefix(e, "status list %s", url);
        return rc;
    }
    if (!has_purpose(purposes, entry->purpose)) {
        rc = mc_err_set(e, MC_ERR_INVALID,
                        "status list %s is for %s, not for the entry's statusPurpose \"%s\" "
                        "(STATUS_VERIFICATION_ERROR)",
                        url, purposes, entry->purpose);
        goto out;
    }
    if (entry->size < 1 || entry->size > MC_STATUS_SIZE_MAX) {
        rc = mc_err_set(e, MC_ERR_UNSUPPORTED, "statusSize %u is not between 1 and %u", entry->size,
                        MC_STATUS_SIZE_MAX);
        goto out;
    }
    if (l.nbits / entry->size < MC_STATUS_LIST_MIN_BITS) {
        rc = mc_err_set(e, MC_ERR_INVALID,
                        "status list %s has %zu entries of %u bits; at least %u are required "
                        "(STATUS_LIST_LENGTH_ERROR)",
                        url, l.nbits / entry->size, entry->size, MC_STATUS_LIST_MIN_BITS);
        goto out;
    }
    unsigned v;
    rc = mc_status_list_get_value(&l, entry->index, entry->size, &v, e);
    if (rc) {
        mc_err_prefix(e, "status list %s", url);
        goto out;
    }
    *value = v;
    if (message)
        *message = message_of(entry, v);
out:
    mc_status_list_free(&l);
    return rc;
}

enum mc_rc mc_status_check(const struct mc_status_entry *entry, const json_t *list_cred, bool *set,
                           struct mc_err *e)
{
    unsigned v = 0;
    enum mc_rc rc = mc_status_check_value(entry, list_cred, &v, NULL, e);
    if (!rc)
        *set = v != 0;
    return rc;
}
