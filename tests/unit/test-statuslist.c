/* SPDX-License-Identifier: Apache-2.0 */
/* Bitstring Status List: the spec's and 1EdTech's lists, bit order, encoding, every decoding and
 * entry error, allocation (complete, never a used index, random, uniform) and checking. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/base64.h"
#include "base/json.h"
#include "base/time.h"
#include "test.h"
#include "vc/statuslist.h"

/* Bitstring Status List v1.0, Example 3 (and appendix A): 131,072 entries, none set. */
#define SPEC_LIST "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
/* The 1EdTech validator's ob30/bit-string-list/testlist: 131,072 entries, only index 23 set. */
#define OB_LIST  "uH4sIAAAAAAAA_-3BMQEAAAzDoMy_6cnoA9QFAAAAAAAAAAAAAAAAAAAAbD3uPa2cAEAAAA"
#define LIST_URL "https://example.com/credentials/status/3"

static size_t count_set(const struct mc_status_list *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->nbits; i++)
        n += mc_status_list_get(l, i);
    return n;
}

/* Compress p[0..n) with zlib: `window_bits` 31 is GZIP, 15 zlib; then 'u' + base64url. */
static char *pack(const void *p, size_t n, int window_bits)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 9, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY);
    uLong bound = deflateBound(&zs, (uLong)n);
    unsigned char *gz = malloc(bound);
    zs.next_in = (Bytef *)(uintptr_t)p;
    zs.avail_in = (uInt)n;
    zs.next_out = gz;
    zs.avail_out = (uInt)bound;
    deflate(&zs, Z_FINISH);
    size_t len = zs.total_out;
    deflateEnd(&zs);
    struct mc_buf b;
    mc_buf_init(&b, 1 << 26);
    mc_buf_putc(&b, 'u');
    mc_b64_encode(&b, MC_B64_URL, gz, len);
    free(gz);
    return mc_buf_steal(&b, NULL);
}

/* Raw bytes as 'u' + base64url. */
static char *pack_raw(const void *p, size_t n)
{
    struct mc_buf b;
    mc_buf_init(&b, 1 << 26);
    mc_buf_putc(&b, 'u');
    mc_b64_encode(&b, MC_B64_URL, p, n);
    return mc_buf_steal(&b, NULL);
}

/* The GZIP bytes of p[0..n). */
static unsigned char *gzip_bytes(const void *p, size_t n, size_t *len)
{
    char *text = pack(p, n, 31);
    struct mc_buf b;
    mc_buf_init(&b, 1 << 26);
    mc_b64_decode(&b, MC_B64_URL, text + 1, strlen(text) - 1, NULL);
    free(text);
    return (unsigned char *)mc_buf_steal(&b, len);
}

static enum mc_rc decode_z(const char *s, struct mc_status_list *l, struct mc_err *e)
{
    return mc_status_list_decode(s, strlen(s), l, e);
}

static json_t *parse(const char *text)
{
    json_t *v = NULL;
    if (mc_json_parse(text, strlen(text), 0, NULL, &v, NULL))
        fprintf(stderr, "bad test JSON: %s\n", text);
    return v;
}

/* A list credential for `encoded` with `purposes` (JSON text of a string or array). */
static json_t *list_cred(const char *encoded, const char *purposes)
{
    char text[4096];
    snprintf(text, sizeof text,
             "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"id\": \"" LIST_URL "\","
             " \"type\": [\"VerifiableCredential\", \"BitstringStatusListCredential\"],"
             " \"issuer\": \"did:example:12345\", \"validFrom\": \"2021-04-05T14:27:40Z\","
             " \"credentialSubject\": {\"id\": \"" LIST_URL "#list\", \"type\": "
             "\"BitstringStatusList\", \"statusPurpose\": %s, \"encodedList\": \"%s\"}}",
             purposes, encoded);
    return parse(text);
}

static void test_spec_lists(void)
{
    struct mc_err e;
    struct mc_status_list l;
    mc_test_case("the spec's example list: 131,072 entries, none set");
    CHECK_INT(decode_z(SPEC_LIST, &l, &e), MC_OK);
    CHECK_INT(l.nbits, 131072);
    CHECK_INT(count_set(&l), 0);
    mc_status_list_free(&l);

    mc_test_case("the 1EdTech list: only index 23");
    CHECK_INT(decode_z(OB_LIST, &l, &e), MC_OK);
    CHECK_INT(l.nbits, 131072);
    CHECK_INT(count_set(&l), 1);
    CHECK(mc_status_list_get(&l, 23));
    CHECK_INT(l.bits[2], 0x01); /* index 23 is the right-most bit of byte 2 */
    mc_status_list_free(&l);

    mc_test_case("a legacy value without the 'u' prefix");
    CHECK_INT(decode_z(&SPEC_LIST[1], &l, &e), MC_OK);
    CHECK_INT(l.nbits, 131072);
    mc_status_list_free(&l);
}

static void test_bits(void)
{
    struct mc_err e;
    struct mc_status_list l;
    mc_test_case("init");
    CHECK_INT(mc_status_list_init(&l, MC_STATUS_LIST_MIN_BITS - 8, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "131072") != NULL);
    CHECK(l.bits == NULL);
    CHECK_INT(mc_status_list_init(&l, MC_STATUS_LIST_MIN_BITS + 1, &e), MC_ERR_INVALID);
    CHECK_INT(mc_status_list_init(&l, (size_t)MC_STATUS_LIST_MAX_BYTES * 8 + 8, &e),
              MC_ERR_TOO_LARGE);

    mc_test_case("bit order: index 0 is the most significant bit of byte 0");
    CHECK_INT(mc_status_list_init(&l, MC_STATUS_LIST_MIN_BITS, &e), MC_OK);
    CHECK_INT(count_set(&l), 0);
    CHECK_INT(mc_status_list_set(&l, 0, true, &e), MC_OK);
    CHECK_INT(l.bits[0], 0x80);
    CHECK_INT(mc_status_list_set(&l, 7, true, &e), MC_OK);
    CHECK_INT(l.bits[0], 0x81);
    CHECK_INT(mc_status_list_set(&l, 8, true, &e), MC_OK);
    CHECK_INT(l.bits[1], 0x80);
    CHECK_INT(mc_status_list_set(&l, 131071, true, &e), MC_OK);
    CHECK_INT(l.bits[16383], 0x01);
    CHECK(mc_status_list_get(&l, 7));
    CHECK(!mc_status_list_get(&l, 6));
    CHECK_INT(mc_status_list_set(&l, 0, false, &e), MC_OK);
    CHECK_INT(l.bits[0], 0x01);

    mc_test_case("out of range");
    CHECK_INT(mc_status_list_set(&l, 131072, true, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "131072") != NULL);
    CHECK(!mc_status_list_get(&l, 131072));
    CHECK(!mc_status_list_get(&l, SIZE_MAX));

    mc_test_case("multi-bit values: left to right, most significant first");
    memset(l.bits, 0, l.nbits / 8);
    CHECK_INT(mc_status_list_set_value(&l, 0, 2, 2, &e), MC_OK);
    CHECK_INT(l.bits[0], 0x80);
    CHECK_INT(mc_status_list_set_value(&l, 1, 2, 1, &e), MC_OK);
    CHECK_INT(l.bits[0], 0x90);
    CHECK_INT(mc_status_list_set_value(&l, 1, 3, 5, &e), MC_OK); /* bits 3, 4, 5: 101 */
    CHECK_INT(l.bits[0], 0x94);
    unsigned v = 99;
    CHECK_INT(mc_status_list_get_value(&l, 0, 2, &v, &e), MC_OK);
    CHECK_INT(v, 2);
    CHECK_INT(mc_status_list_get_value(&l, 1, 3, &v, &e), MC_OK);
    CHECK_INT(v, 5);
    CHECK_INT(mc_status_list_get_value(&l, 0, 8, &v, &e), MC_OK);
    CHECK_INT(v, 0x94);
    CHECK_INT(mc_status_list_set_value(&l, 0, 2, 4, &e), MC_ERR_INVALID);
    CHECK_INT(mc_status_list_get_value(&l, 65536, 2, &v, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "RANGE_ERROR") != NULL);
    CHECK_INT(mc_status_list_get_value(&l, 65535, 2, &v, &e), MC_OK);
    CHECK_INT(mc_status_list_get_value(&l, 0, 9, &v, &e), MC_ERR_UNSUPPORTED);
    CHECK_INT(mc_status_list_get_value(&l, 0, 0, &v, &e), MC_ERR_UNSUPPORTED);
    CHECK_INT(mc_status_list_get_value(&l, SIZE_MAX, 8, &v, &e), MC_ERR_INVALID);
    mc_status_list_free(&l);
    mc_status_list_free(&l); /* twice is harmless */
}

static void test_round_trip(void)
{
    struct mc_err e;
    struct mc_status_list l, back;
    struct mc_buf out, again;
    mc_buf_init(&out, 1 << 24);
    mc_buf_init(&again, 1 << 24);

    mc_test_case("an empty list encodes like the spec's");
    CHECK_INT(mc_status_list_init(&l, MC_STATUS_LIST_MIN_BITS, &e), MC_OK);
    CHECK_INT(mc_status_list_encode(&l, &out, &e), MC_OK);
    CHECK(strncmp(mc_buf_cstr(&out), "uH4sI", 5) == 0);
    CHECK(out.len < 200);
    CHECK_INT(decode_z(mc_buf_cstr(&out), &back, &e), MC_OK);
    CHECK_INT(back.nbits, l.nbits);
    CHECK_INT(count_set(&back), 0);
    mc_status_list_free(&back);

    mc_test_case("index 23, as the 1EdTech list");
    mc_buf_reset(&out);
    CHECK_INT(mc_status_list_set(&l, 23, true, &e), MC_OK);
    CHECK_INT(mc_status_list_encode(&l, &out, &e), MC_OK);
    CHECK_INT(decode_z(mc_buf_cstr(&out), &back, &e), MC_OK);
    CHECK(mc_status_list_get(&back, 23));
    CHECK_INT(count_set(&back), 1);
    mc_status_list_free(&back);
    mc_status_list_free(&l);

    mc_test_case("random bits in a larger list, and the same text twice");
    CHECK_INT(mc_status_list_init(&l, 4 * MC_STATUS_LIST_MIN_BITS, &e), MC_OK);
    for (size_t i = 0; i < l.nbits; i += 1 + (size_t)rand() % 997)
        mc_status_list_set(&l, i, true, NULL);
    mc_buf_reset(&out);
    CHECK_INT(mc_status_list_encode(&l, &out, &e), MC_OK);
    CHECK_INT(mc_status_list_encode(&l, &again, &e), MC_OK);
    CHECK_MEM(again.data, again.len, out.data, out.len);
    CHECK_INT(decode_z(mc_buf_cstr(&out), &back, &e), MC_OK);
    CHECK_MEM(back.bits, back.nbits / 8, l.bits, l.nbits / 8);
    mc_status_list_free(&back);

    mc_test_case("the output cap");
    struct mc_buf small;
    mc_buf_init(&small, 16);
    CHECK_INT(mc_status_list_encode(&l, &small, &e), MC_ERR_TOO_LARGE);
    CHECK_INT(small.len, 0);
    mc_buf_free(&small);
    mc_status_list_free(&l);
    mc_buf_free(&out);
    mc_buf_free(&again);
}

static void test_decode_errors(void)
{
    struct mc_err e;
    struct mc_status_list l;
    unsigned char *zeros = calloc(1, (size_t)17 << 20);

    mc_test_case("empty");
    CHECK_INT(mc_status_list_decode("", 0, &l, &e), MC_ERR_INVALID);
    CHECK_INT(decode_z("u", &l, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "GZIP") != NULL);

    mc_test_case("wrong multibase prefix");
    CHECK_INT(decode_z("zH4sIAAAAAAAAA", &l, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "'u'") != NULL);
    CHECK(strstr(e.msg, "'z'") != NULL);
    CHECK_INT(decode_z("mH4sIAAAAAAAAA", &l, &e), MC_ERR_INVALID);
    CHECK(l.bits == NULL);

    mc_test_case("bad base64url");
    CHECK_INT(decode_z("uH4sI+AAAAAAA", &l, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "base64url") != NULL);
    CHECK(strstr(e.msg, "offset 4") != NULL);
    CHECK_INT(decode_z("uH4sIAAAAA", &l, &e), MC_ERR_INVALID); /* a length none has */
    CHECK_INT(decode_z("uH4sIAAAAAAAAA==", &l, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "padding") != NULL);

    mc_test_case("not GZIP");
    char *text = pack_raw("hello, world", 12);
    CHECK_INT(decode_z(text, &l, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "not GZIP") != NULL);
    free(text);
    text = pack(zeros, 16384, 15); /* zlib, not GZIP */
    CHECK_INT(decode_z(text, &l, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "zlib") != NULL);
    free(text);
    text = pack(zeros, 16384, -15); /* raw deflate */
    CHECK_INT(decode_z(text, &l, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "not GZIP") != NULL);
    free(text);

    mc_test_case("truncated and corrupt GZIP");
    size_t gz_len;
    unsigned char *gz = gzip_bytes(zeros, 16384, &gz_len);
    for (size_t cut = 2; cut < gz_len; cut += (cut < 30 ? 1 : 7)) {
        text = pack_raw(gz, cut);
        CHECK_INT(decode_z(text, &l, &e), MC_ERR_INVALID);
        free(text);
    }
    text = pack_raw(gz, gz_len - 4);
    CHECK_INT(decode_z(text, &l, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "truncated") != NULL);
    free(text);
    gz[gz_len - 6] ^= 1; /* the CRC-32 */
    text = pack_raw(gz, gz_len);
    CHECK_INT(decode_z(text, &l, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "corrupt") != NULL);
    free(text);
    gz[gz_len - 6] ^= 1;
    gz[gz_len - 2] ^= 1; /* ISIZE */
    text = pack_raw(gz, gz_len);
    CHECK_INT(decode_z(text, &l, &e), MC_ERR_INVALID);
    free(text);
    gz[gz_len - 2] ^= 1;
    gz[2] = 7; /* not deflate */
    text = pack_raw(gz, gz_len);
    CHECK_INT(decode_z(text, &l, &e), MC_ERR_INVALID);
    free(text);
    gz[2] = 8;

    mc_test_case("members after members, and what is not one");
    unsigned char *two = malloc(2 * gz_len + 4);
    memcpy(two, gz, gz_len);
    memcpy(two + gz_len, gz, gz_len);
    text = pack_raw(two, 2 * gz_len);
    CHECK_INT(decode_z(text, &l, &e), MC_OK);
    CHECK_INT(l.nbits, 2 * 131072);
    mc_status_list_free(&l);
    free(text);
    memset(two + gz_len, 0, 4);
    text = pack_raw(two, gz_len + 4);
    CHECK_INT(decode_z(text, &l, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "followed by 4 bytes") != NULL);
    free(text);
    free(two);
    free(gz);

    mc_test_case("too short: STATUS_LIST_LENGTH_ERROR");
    text = pack(zeros, 16383, 31);
    CHECK_INT(decode_z(text, &l, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "STATUS_LIST_LENGTH_ERROR") != NULL);
    CHECK(strstr(e.msg, "131064") != NULL);
    free(text);
    text = pack(zeros, 0, 31);
    CHECK_INT(decode_z(text, &l, &e), MC_ERR_INVALID);
    free(text);

    mc_test_case("a GZIP bomb stops at the cap");
    text = pack(zeros, (size_t)17 << 20, 31);
    CHECK(strlen(text) < 40000);
    int64_t t0 = mc_time_mono_ns();
    CHECK_INT(decode_z(text, &l, &e), MC_ERR_TOO_LARGE);
    CHECK(strstr(e.msg, "inflates to more than") != NULL);
    CHECK(mc_time_mono_ns() - t0 < 5000000000LL);
    CHECK(l.bits == NULL);
    free(text);
    text = pack(zeros, MC_STATUS_LIST_MAX_BYTES, 31); /* exactly the cap is fine */
    CHECK_INT(decode_z(text, &l, &e), MC_OK);
    CHECK_INT(l.nbits, (size_t)MC_STATUS_LIST_MAX_BYTES * 8);
    mc_status_list_free(&l);
    free(text);
    free(zeros);
}

/* A list of `nbits` (any size) built by hand, for allocation on small lists. */
static struct mc_status_list small_list(size_t nbits)
{
    struct mc_status_list l = { calloc(1, (nbits + 7) / 8), nbits };
    return l;
}

static void test_allocate(void)
{
    struct mc_err e;
    size_t idx;

    mc_test_case("a small list fills completely, never twice the same index");
    struct mc_status_list used = small_list(64);
    for (int i = 0; i < 64; i++) {
        CHECK_INT(mc_status_list_allocate(&used, &idx, &e), MC_OK);
        CHECK(idx < 64);
        CHECK(!mc_status_list_get(&used, idx));
        mc_status_list_set(&used, idx, true, NULL);
    }
    CHECK_INT(count_set(&used), 64);
    CHECK_INT(mc_status_list_allocate(&used, &idx, &e), MC_ERR_CONFLICT);
    CHECK(strstr(e.msg, "64") != NULL);
    mc_status_list_free(&used);

    mc_test_case("a list that is not whole bytes");
    used = small_list(13);
    for (int i = 0; i < 13; i++) {
        CHECK_INT(mc_status_list_allocate(&used, &idx, &e), MC_OK);
        CHECK(idx < 13);
        CHECK(!mc_status_list_get(&used, idx));
        mc_status_list_set(&used, idx, true, NULL);
    }
    CHECK_INT(mc_status_list_allocate(&used, &idx, &e), MC_ERR_CONFLICT);
    mc_status_list_free(&used);

    mc_test_case("a full-size list with five free indexes");
    CHECK_INT(mc_status_list_init(&used, MC_STATUS_LIST_MIN_BITS, &e), MC_OK);
    memset(used.bits, 0xff, used.nbits / 8);
    static const size_t free_ones[] = { 0, 9, 65536, 100001, 131071 };
    for (size_t i = 0; i < 5; i++)
        mc_status_list_set(&used, free_ones[i], false, NULL);
    for (size_t i = 0; i < 5; i++) {
        CHECK_INT(mc_status_list_allocate(&used, &idx, &e), MC_OK);
        bool was_free = false;
        for (size_t j = 0; j < 5; j++)
            was_free |= idx == free_ones[j];
        CHECK(was_free);
        CHECK(!mc_status_list_get(&used, idx));
        mc_status_list_set(&used, idx, true, NULL);
    }
    CHECK_INT(mc_status_list_allocate(&used, &idx, &e), MC_ERR_CONFLICT);

    mc_test_case("random, not sequential");
    memset(used.bits, 0, used.nbits / 8);
    size_t got[10];
    bool sequential = true, all_same = true;
    for (int i = 0; i < 10; i++) {
        CHECK_INT(mc_status_list_allocate(&used, &got[i], &e), MC_OK);
        mc_status_list_set(&used, got[i], true, NULL);
        if (i > 0) {
            sequential &= got[i] == got[i - 1] + 1;
            all_same &= got[i] == got[0];
        }
    }
    CHECK(!sequential);
    CHECK(!all_same);
    CHECK(got[0] != got[1]); /* fails once in 131,071 runs */
    mc_status_list_free(&used);

    mc_test_case("uniform over the free indexes");
    used = small_list(256);
    memset(used.bits, 0xff, 32);
    static const size_t open[] = { 0, 7, 8, 100, 200, 255 };
    for (size_t i = 0; i < 6; i++)
        mc_status_list_set(&used, open[i], false, NULL);
    int hits[256] = { 0 };
    for (int i = 0; i < 6000; i++) {
        if (mc_status_list_allocate(&used, &idx, &e) == MC_OK && idx < 256)
            hits[idx]++;
    }
    for (size_t i = 0; i < 6; i++) {
        mc_test_case("uniform: index %zu was picked %d times of 6000", open[i], hits[open[i]]);
        CHECK(hits[open[i]] > 800 && hits[open[i]] < 1200); /* about 7 standard deviations */
        hits[open[i]] = 0;
    }
    mc_test_case("uniform: never a used index");
    int others = 0;
    for (size_t i = 0; i < 256; i++)
        others += hits[i];
    CHECK_INT(others, 0);
    mc_status_list_free(&used);

    mc_test_case("an empty list");
    struct mc_status_list none = { NULL, 0 };
    CHECK_INT(mc_status_list_allocate(&none, &idx, &e), MC_ERR_INVALID);
}

static void test_credential(void)
{
    struct mc_err e;
    struct mc_status_list l, back;
    char purposes[MC_STATUS_PURPOSES_SIZE];

    mc_test_case("build and read back a list credential");
    CHECK_INT(mc_status_list_init(&l, MC_STATUS_LIST_MIN_BITS, &e), MC_OK);
    mc_status_list_set(&l, 94567, true, NULL);
    int64_t t;
    mc_time_parse_rfc3339("2024-04-05T14:27:40Z", 20, &t, NULL, NULL);
    json_t *cred = mc_status_list_credential(LIST_URL, "did:example:12345", "revocation", (time_t)t,
                                             &l, &e);
    CHECK(cred != NULL);
    CHECK_STR(json_string_value(json_array_get(json_object_get(cred, "@context"), 0)),
              "https://www.w3.org/ns/credentials/v2");
    CHECK_STR(json_string_value(json_object_get(cred, "id")), LIST_URL);
    CHECK_STR(json_string_value(json_array_get(json_object_get(cred, "type"), 1)),
              "BitstringStatusListCredential");
    CHECK_STR(json_string_value(json_object_get(cred, "issuer")), "did:example:12345");
    CHECK_STR(json_string_value(json_object_get(cred, "validFrom")), "2024-04-05T14:27:40Z");
    json_t *subject = json_object_get(cred, "credentialSubject");
    CHECK_STR(json_string_value(json_object_get(subject, "id")), LIST_URL "#list");
    CHECK_STR(json_string_value(json_object_get(subject, "type")), "BitstringStatusList");
    CHECK_STR(json_string_value(json_object_get(subject, "statusPurpose")), "revocation");
    CHECK(strncmp(json_string_value(json_object_get(subject, "encodedList")), "uH4sI", 5) == 0);
    CHECK_INT(mc_status_list_from_credential(cred, &back, purposes, &e), MC_OK);
    CHECK_STR(purposes, "revocation");
    CHECK_MEM(back.bits, back.nbits / 8, l.bits, l.nbits / 8);
    mc_status_list_free(&back);
    json_decref(cred);

    mc_test_case("bad arguments to the builder");
    CHECK(!mc_status_list_credential("urn:uuid:1", "did:example:1", "revocation", 0, &l, &e));
    CHECK_STR(e.where, "/id");
    CHECK(!mc_status_list_credential(NULL, "did:example:1", "revocation", 0, &l, &e));
    CHECK(!mc_status_list_credential(LIST_URL, "", "revocation", 0, &l, &e));
    CHECK_STR(e.where, "/issuer");
    CHECK(!mc_status_list_credential(LIST_URL, "did:example:1", "", 0, &l, &e));
    CHECK_STR(e.where, "/credentialSubject/statusPurpose");
    CHECK(!mc_status_list_credential(LIST_URL, "did:example:1", "two words", 0, &l, &e));
    CHECK_INT(e.rc, MC_ERR_UNSUPPORTED);
    CHECK(!mc_status_list_credential(LIST_URL, "did:example:1", NULL, 0, &l, &e));
    CHECK(!mc_status_list_credential(LIST_URL, "did:\xff", "revocation", 0, &l, &e));
    struct mc_status_list tiny = small_list(64);
    CHECK(!mc_status_list_credential(LIST_URL, "did:example:1", "revocation", 0, &tiny, &e));
    CHECK(strstr(e.msg, "131072") != NULL);
    mc_status_list_free(&tiny);
    mc_status_list_free(&l);

    mc_test_case("the spec's example credential, and several purposes");
    cred = list_cred(SPEC_LIST, "\"revocation\"");
    CHECK_INT(mc_status_list_from_credential(cred, &back, NULL, &e), MC_OK);
    CHECK_INT(back.nbits, 131072);
    mc_status_list_free(&back);
    json_decref(cred);
    cred = list_cred(SPEC_LIST, "[\"revocation\", \"suspension\"]");
    CHECK_INT(mc_status_list_from_credential(cred, &back, purposes, &e), MC_OK);
    CHECK_STR(purposes, "revocation suspension");
    mc_status_list_free(&back);
    json_decref(cred);

    static const struct {
        const char *json, *where;
        enum mc_rc rc;
    } bad[] = {
        { "[]", "/", MC_ERR_INVALID },
        { "{\"type\": \"VerifiableCredential\"}", "/type", MC_ERR_INVALID },
        { "{\"type\": [\"VerifiableCredential\", \"StatusList2021Credential\"]}", "/type",
          MC_ERR_UNSUPPORTED },
        { "{\"type\": \"BitstringStatusListCredential\"}", "/credentialSubject", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListCredential\", \"credentialSubject\": {\"type\": \"X\"}}",
          "/credentialSubject/type", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListCredential\", \"credentialSubject\": "
          "{\"type\": \"BitstringStatusList\", \"encodedList\": \"" SPEC_LIST "\"}}",
          "/credentialSubject/statusPurpose", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListCredential\", \"credentialSubject\": "
          "{\"type\": \"BitstringStatusList\", \"statusPurpose\": [], \"encodedList\": \"x\"}}",
          "/credentialSubject/statusPurpose", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListCredential\", \"credentialSubject\": "
          "{\"type\": \"BitstringStatusList\", \"statusPurpose\": [\"a\", 3], \"encodedList\": "
          "\"x\"}}",
          "/credentialSubject/statusPurpose/1", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListCredential\", \"credentialSubject\": "
          "{\"type\": \"BitstringStatusList\", \"statusPurpose\": \"revocation\"}}",
          "/credentialSubject/encodedList", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListCredential\", \"credentialSubject\": "
          "[{\"type\": \"BitstringStatusList\", \"statusPurpose\": \"revocation\", "
          "\"encodedList\": \"zzz\"}]}",
          "/credentialSubject/0/encodedList", MC_ERR_INVALID },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("bad list credential %zu: %s", i, bad[i].json);
        cred = parse(bad[i].json);
        mc_err_clear(&e);
        CHECK_INT(mc_status_list_from_credential(cred, &back, purposes, &e), bad[i].rc);
        CHECK_STR(e.where, bad[i].where);
        CHECK(strncmp(e.msg, bad[i].where, strlen(bad[i].where)) == 0);
        CHECK(back.bits == NULL);
        json_decref(cred);
    }
}

/* Parse entry JSON text at "/credentialStatus". */
static enum mc_rc entry_z(const char *text, struct mc_status_entry *s, struct mc_err *e)
{
    json_t *v = parse(text);
    mc_err_clear(e);
    enum mc_rc rc = mc_status_entry_parse(v, "/credentialStatus", s, e);
    json_decref(v);
    return rc;
}

#define ENTRY(extra)                                                            \
    "{\"id\": \"" LIST_URL "#94567\", \"type\": \"BitstringStatusListEntry\", " \
    "\"statusPurpose\": \"revocation\", \"statusListCredential\": \"" LIST_URL "\"" extra "}"

static void test_entry(void)
{
    struct mc_err e;
    struct mc_status_entry s;

    mc_test_case("the spec's example entry");
    CHECK_INT(entry_z(ENTRY(", \"statusListIndex\": \"94567\""), &s, &e), MC_OK);
    CHECK_STR(s.purpose, "revocation");
    CHECK_INT(s.index, 94567);
    CHECK_INT(s.size, 1);
    CHECK_STR(s.list_url, LIST_URL);
    CHECK(s.messages == NULL);
    mc_status_entry_free(&s);
    mc_status_entry_free(&s);

    mc_test_case("lenient: a number, and a type array");
    CHECK_INT(entry_z(ENTRY(", \"statusListIndex\": 23"), &s, &e), MC_OK);
    CHECK_INT(s.index, 23);
    mc_status_entry_free(&s);
    CHECK_INT(entry_z("{\"type\": [\"BitstringStatusListEntry\"], \"statusPurpose\": \"x\", "
                      "\"statusListIndex\": \"0\", \"statusListCredential\": \"http://a.b/c\"}",
                      &s, &e),
              MC_OK);
    CHECK_INT(s.index, 0);
    mc_status_entry_free(&s);
    CHECK_INT(entry_z(ENTRY(", \"statusListIndex\": \"18446744073709551615\""), &s, &e), MC_OK);
    CHECK(s.index == SIZE_MAX);
    mc_status_entry_free(&s);

    static const char *bad_index[] = {
        "\"-1\"",
        "\"01\"",
        "\"1e3\"",
        "\"99999999999999999999\"",
        "\"18446744073709551616\"",
        "\"\"",
        "\" 1\"",
        "\"1 \"",
        "\"+1\"",
        "\"0x10\"",
        "\"1.0\"",
        "-1",
        "1.5",
        "true",
        "[1]",
        "null",
    };
    for (size_t i = 0; i < sizeof bad_index / sizeof bad_index[0]; i++) {
        mc_test_case("bad statusListIndex %s", bad_index[i]);
        char text[1024];
        snprintf(text, sizeof text, ENTRY(", \"statusListIndex\": %s"), bad_index[i]);
        CHECK_INT(entry_z(text, &s, &e), MC_ERR_INVALID);
        CHECK_STR(e.where, "/credentialStatus/statusListIndex");
        CHECK(s.list_url == NULL);
    }

    static const struct {
        const char *json, *where;
        enum mc_rc rc;
    } bad[] = {
        { "[]", "/credentialStatus", MC_ERR_INVALID },
        { "{\"statusPurpose\": \"revocation\"}", "/credentialStatus/type", MC_ERR_INVALID },
        { "{\"type\": 7}", "/credentialStatus/type", MC_ERR_INVALID },
        { "{\"type\": \"StatusList2021Entry\"}", "/credentialStatus/type", MC_ERR_UNSUPPORTED },
        { "{\"type\": \"1EdTechRevocationList\"}", "/credentialStatus/type", MC_ERR_UNSUPPORTED },
        { "{\"type\": \"BitstringStatusListEntry\", \"statusListIndex\": \"1\"}",
          "/credentialStatus/statusPurpose", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListEntry\", \"statusPurpose\": 1}",
          "/credentialStatus/statusPurpose", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListEntry\", \"statusPurpose\": \"\"}",
          "/credentialStatus/statusPurpose", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListEntry\", \"statusPurpose\": "
          "\"a-purpose-that-is-far-too-long-to-keep\"}",
          "/credentialStatus/statusPurpose", MC_ERR_UNSUPPORTED },
        { "{\"type\": \"BitstringStatusListEntry\", \"statusPurpose\": \"revocation\"}",
          "/credentialStatus/statusListIndex", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListEntry\", \"statusPurpose\": \"revocation\", "
          "\"statusListIndex\": \"1\"}",
          "/credentialStatus/statusListCredential", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListEntry\", \"statusPurpose\": \"revocation\", "
          "\"statusListIndex\": \"1\", \"statusListCredential\": \"ftp://example.com/x\"}",
          "/credentialStatus/statusListCredential", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListEntry\", \"statusPurpose\": \"revocation\", "
          "\"statusListIndex\": \"1\", \"statusListCredential\": \"https://\"}",
          "/credentialStatus/statusListCredential", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListEntry\", \"statusPurpose\": \"revocation\", "
          "\"statusListIndex\": \"1\", \"statusListCredential\": \"example.com/status\"}",
          "/credentialStatus/statusListCredential", MC_ERR_INVALID },
        { "{\"type\": \"BitstringStatusListEntry\", \"statusPurpose\": \"revocation\", "
          "\"statusListIndex\": \"1\", \"statusListCredential\": \"https://exa mple.com/\"}",
          "/credentialStatus/statusListCredential", MC_ERR_INVALID },
        { "{\"id\": \"" LIST_URL "\", \"type\": \"BitstringStatusListEntry\", \"statusPurpose\": "
          "\"revocation\", \"statusListIndex\": \"1\", \"statusListCredential\": \"" LIST_URL "\"}",
          "/credentialStatus/id", MC_ERR_INVALID },
        { ENTRY(", \"statusListIndex\": \"1\", \"statusSize\": 0"), "/credentialStatus/statusSize",
          MC_ERR_INVALID },
        { ENTRY(", \"statusListIndex\": \"1\", \"statusSize\": \"2\""),
          "/credentialStatus/statusSize", MC_ERR_INVALID },
        { ENTRY(", \"statusListIndex\": \"1\", \"statusSize\": 9"), "/credentialStatus/statusSize",
          MC_ERR_UNSUPPORTED },
        { ENTRY(", \"statusListIndex\": \"1\", \"statusSize\": 2"),
          "/credentialStatus/statusMessage", MC_ERR_INVALID },
        { ENTRY(", \"statusListIndex\": \"1\", \"statusSize\": 2, \"statusMessage\": {}"),
          "/credentialStatus/statusMessage", MC_ERR_INVALID },
        { ENTRY(", \"statusListIndex\": \"1\", \"statusSize\": 2, \"statusMessage\": "
                "[{\"status\": \"0x0\", \"message\": \"a\"}]"),
          "/credentialStatus/statusMessage", MC_ERR_INVALID },
        { ENTRY(", \"statusListIndex\": \"1\", \"statusMessage\": "
                "[{\"status\": \"0x0\", \"message\": \"a\"}, {\"status\": \"0x0\", "
                "\"message\": \"b\"}]"),
          "/credentialStatus/statusMessage/1/status", MC_ERR_INVALID },
        { ENTRY(", \"statusListIndex\": \"1\", \"statusMessage\": "
                "[{\"status\": \"0x0\", \"message\": \"a\"}, {\"status\": \"0x2\", "
                "\"message\": \"b\"}]"),
          "/credentialStatus/statusMessage/1/status", MC_ERR_INVALID },
        { ENTRY(", \"statusListIndex\": \"1\", \"statusMessage\": "
                "[{\"status\": \"1\", \"message\": \"a\"}, {\"status\": \"0x0\", "
                "\"message\": \"b\"}]"),
          "/credentialStatus/statusMessage/0/status", MC_ERR_INVALID },
        { ENTRY(", \"statusListIndex\": \"1\", \"statusMessage\": "
                "[{\"status\": \"0xg\", \"message\": \"a\"}, {\"status\": \"0x0\", "
                "\"message\": \"b\"}]"),
          "/credentialStatus/statusMessage/0/status", MC_ERR_INVALID },
        { ENTRY(", \"statusListIndex\": \"1\", \"statusMessage\": "
                "[{\"status\": \"0x1\", \"message\": \"a\"}, {\"status\": \"0x0\"}]"),
          "/credentialStatus/statusMessage/1/message", MC_ERR_INVALID },
        { ENTRY(", \"statusListIndex\": \"1\", \"statusMessage\": "
                "[{\"status\": \"0x1000000000000000000\", \"message\": \"a\"}, "
                "{\"status\": \"0x0\", \"message\": \"b\"}]"),
          "/credentialStatus/statusMessage/0/status", MC_ERR_INVALID },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mc_test_case("bad entry %zu: %s", i, bad[i].json);
        CHECK_INT(entry_z(bad[i].json, &s, &e), bad[i].rc);
        CHECK_STR(e.where, bad[i].where);
        CHECK(strncmp(e.msg, bad[i].where, strlen(bad[i].where)) == 0);
        CHECK(s.list_url == NULL && s.messages == NULL);
    }

    mc_test_case("without a pointer");
    json_t *v = parse("{\"type\": \"X\"}");
    CHECK_INT(mc_status_entry_parse(v, NULL, &s, &e), MC_ERR_UNSUPPORTED);
    CHECK_STR(e.where, "/type");
    json_decref(v);
}

static void test_check(void)
{
    struct mc_err e;
    struct mc_status_entry s;
    bool set = true;
    unsigned value;
    const char *message;

    mc_test_case("the 1EdTech list: index 23 is revoked");
    json_t *cred = list_cred(OB_LIST, "\"revocation\"");
    CHECK_INT(entry_z(ENTRY(", \"statusListIndex\": \"23\""), &s, &e), MC_OK);
    CHECK_INT(mc_status_check(&s, cred, &set, &e), MC_OK);
    CHECK(set);
    CHECK_INT(mc_status_check_value(&s, cred, &value, &message, &e), MC_OK);
    CHECK_INT(value, 1);
    CHECK_STR(message, "set");
    s.index = 22;
    CHECK_INT(mc_status_check(&s, cred, &set, &e), MC_OK);
    CHECK(!set);
    CHECK_INT(mc_status_check_value(&s, cred, &value, &message, &e), MC_OK);
    CHECK_STR(message, "unset");
    s.index = 131071;
    CHECK_INT(mc_status_check(&s, cred, &set, &e), MC_OK);
    CHECK(!set);

    mc_test_case("RANGE_ERROR");
    s.index = 131072;
    CHECK_INT(mc_status_check(&s, cred, &set, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "RANGE_ERROR") != NULL);
    CHECK(strstr(e.msg, LIST_URL) != NULL);
    s.index = SIZE_MAX;
    CHECK_INT(mc_status_check(&s, cred, &set, &e), MC_ERR_INVALID);

    mc_test_case("purpose mismatch: STATUS_VERIFICATION_ERROR");
    s.index = 23;
    memcpy(s.purpose, "suspension", 11);
    CHECK_INT(mc_status_check(&s, cred, &set, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "STATUS_VERIFICATION_ERROR") != NULL);
    CHECK(strstr(e.msg, "suspension") != NULL);
    memcpy(s.purpose, "revocatio", 10); /* a prefix is not a match */
    CHECK_INT(mc_status_check(&s, cred, &set, &e), MC_ERR_INVALID);
    json_decref(cred);

    mc_test_case("a list with two purposes");
    cred = list_cred(OB_LIST, "[\"revocation\", \"suspension\"]");
    memcpy(s.purpose, "suspension", 11);
    CHECK_INT(mc_status_check(&s, cred, &set, &e), MC_OK);
    CHECK(set);
    json_decref(cred);

    mc_test_case("a bad list credential");
    cred = list_cred("uH4sIAAAAAAAAA", "\"revocation\"");
    CHECK_INT(mc_status_check(&s, cred, &set, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "status list " LIST_URL) == e.msg);
    CHECK_STR(e.where, "/credentialSubject/encodedList");
    json_decref(cred);
    mc_status_entry_free(&s);

    mc_test_case("statusSize 2 with messages (the spec's Example 2)");
    struct mc_status_list l;
    struct mc_buf enc;
    mc_buf_init(&enc, 1 << 20);
    CHECK_INT(mc_status_list_init(&l, 2 * MC_STATUS_LIST_MIN_BITS, &e), MC_OK);
    CHECK_INT(mc_status_list_set_value(&l, 92847, 2, 2, &e), MC_OK);
    CHECK_INT(mc_status_list_set_value(&l, 92848, 2, 3, &e), MC_OK);
    CHECK_INT(mc_status_list_encode(&l, &enc, &e), MC_OK);
    cred = list_cred(mc_buf_cstr(&enc), "\"message\"");
    CHECK_INT(entry_z("{\"type\": \"BitstringStatusListEntry\", \"statusPurpose\": \"message\", "
                      "\"statusListIndex\": \"92847\", \"statusSize\": 2, "
                      "\"statusListCredential\": \"" LIST_URL "\", \"statusMessage\": ["
                      "{\"status\": \"0x0\", \"message\": \"pending_review\"}, "
                      "{\"status\": \"0x1\", \"message\": \"accepted\"}, "
                      "{\"status\": \"0x3\", \"message\": \"undefined\"}, "
                      "{\"status\": \"0x2\", \"message\": \"rejected\"}]}",
                      &s, &e),
              MC_OK);
    CHECK_INT(s.size, 2);
    CHECK(s.messages != NULL);
    CHECK_INT(mc_status_check_value(&s, cred, &value, &message, &e), MC_OK);
    CHECK_INT(value, 2);
    CHECK_STR(message, "rejected");
    s.index = 92848;
    CHECK_INT(mc_status_check_value(&s, cred, &value, &message, &e), MC_OK);
    CHECK_INT(value, 3);
    CHECK_STR(message, "undefined");
    s.index = 0;
    CHECK_INT(mc_status_check_value(&s, cred, &value, NULL, &e), MC_OK);
    CHECK_INT(value, 0);
    CHECK_INT(mc_status_check(&s, cred, &set, &e), MC_OK);
    CHECK(!set);
    s.index = 131072;
    CHECK_INT(mc_status_check(&s, cred, &set, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "RANGE_ERROR") != NULL);
    json_decref(cred);
    mc_status_list_free(&l);

    mc_test_case("statusSize 2 on a list of 131,072 bits: STATUS_LIST_LENGTH_ERROR");
    cred = list_cred(SPEC_LIST, "\"message\"");
    s.index = 0;
    CHECK_INT(mc_status_check(&s, cred, &set, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "STATUS_LIST_LENGTH_ERROR") != NULL);
    json_decref(cred);
    mc_status_entry_free(&s);
    mc_buf_free(&enc);
}

int main(void)
{
    test_spec_lists();
    test_bits();
    test_round_trip();
    test_decode_errors();
    test_allocate();
    test_credential();
    test_entry();
    test_check();
    return mc_test_done();
}
