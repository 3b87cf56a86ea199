/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/base/{hex,base64,base58,multibase}.c: RFC 4648 section 10 vectors, base58btc and
 * multibase vectors, round trips and the errors for bad input. */
#include <stdio.h>
#include <string.h>

#include "base/base58.h"
#include "base/base64.h"
#include "base/hex.h"
#include "base/multibase.h"
#include "test.h"

struct vec {
    const char *raw;
    size_t raw_len;
    const char *enc;
};
#define V(raw, enc)               \
    {                             \
        raw, sizeof(raw) - 1, enc \
    }

static const struct vec hex_vecs[] = {
    V("", ""),
    V("f", "66"),
    V("fo", "666f"),
    V("foobar", "666f6f626172"),
    V("\x00\xff\x10", "00ff10"),
};
static const struct vec b64_vecs[] = {
    /* RFC 4648 section 10 */
    V("", ""),
    V("f", "Zg=="),
    V("fo", "Zm8="),
    V("foo", "Zm9v"),
    V("foob", "Zm9vYg=="),
    V("fooba", "Zm9vYmE="),
    V("foobar", "Zm9vYmFy"),
    V("\xfb\xff", "+/8="),
};
static const struct vec b64url_vecs[] = {
    V("", ""),           V("f", "Zg"),          V("fo", "Zm8"),          V("foo", "Zm9v"),
    V("foob", "Zm9vYg"), V("fooba", "Zm9vYmE"), V("foobar", "Zm9vYmFy"), V("\xfb\xff", "-_8"),
};
static const struct vec b58_vecs[] = {
    V("", ""),
    V("\x00", "1"),
    V("\x00\x00", "11"),
    V("Hello World!", "2NEpo7TZRRrLZSi2U"),
    V("\x00\x00\x28\x7f\xb4\xcd", "11233QC4"),
    V("The quick brown fox jumps over the lazy dog.",
      "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"),
    V("\xff", "5Q"),
    V("\x00\x01\x02", "15T"),
};

struct bad {
    const char *in;
    enum mc_rc rc;
    const char *msg; /* part of the message */
};
static const struct bad hex_bad[] = {
    { "abc", MC_ERR_INVALID, "odd number" },
    { "0g", MC_ERR_INVALID, "offset 1" },
    { "zz", MC_ERR_INVALID, "offset 0" },
};
static const struct bad b64_bad[] = {
    { "Zg", MC_ERR_INVALID, "multiple of 4" },
    { "Zg=a", MC_ERR_INVALID, "offset 2" },
    { "Zh==", MC_ERR_INVALID, "padding bits" }, /* 'h' leaves non-zero bits */
    { "Z===", MC_ERR_INVALID, "" },
    { "Zm9v!A==", MC_ERR_INVALID, "offset 4" },
    { "-_8=", MC_ERR_INVALID, "offset 0" }, /* url characters in standard base64 */
};
static const struct bad b64url_bad[] = {
    { "Z", MC_ERR_INVALID, "cannot be complete" },
    { "Zg==", MC_ERR_INVALID, "offset 2" }, /* no padding in base64url */
    { "+/8", MC_ERR_INVALID, "offset 0" },
    { "Zh", MC_ERR_INVALID, "padding bits" },
};
static const struct bad b58_bad[] = {
    { "0", MC_ERR_INVALID, "offset 0" },
    { "1O", MC_ERR_INVALID, "offset 1" },
    { "Il", MC_ERR_INVALID, "offset 0" },
    { "abc ", MC_ERR_INVALID, "offset 3" },
};

typedef enum mc_rc (*enc_fn)(struct mc_buf *, const void *, size_t);
typedef enum mc_rc (*dec_fn)(struct mc_buf *, const char *, size_t, struct mc_err *);

static enum mc_rc b64_std_enc(struct mc_buf *b, const void *p, size_t n)
{
    return mc_b64_encode(b, MC_B64_STD, p, n);
}
static enum mc_rc b64_std_dec(struct mc_buf *b, const char *s, size_t n, struct mc_err *e)
{
    return mc_b64_decode(b, MC_B64_STD, s, n, e);
}
static enum mc_rc b64_url_enc(struct mc_buf *b, const void *p, size_t n)
{
    return mc_b64_encode(b, MC_B64_URL, p, n);
}
static enum mc_rc b64_url_dec(struct mc_buf *b, const char *s, size_t n, struct mc_err *e)
{
    return mc_b64_decode(b, MC_B64_URL, s, n, e);
}

static void run(const char *name, enc_fn enc, dec_fn dec, const struct vec *v, size_t nv,
                const struct bad *b, size_t nb)
{
    struct mc_buf buf;
    struct mc_err e;
    for (size_t i = 0; i < nv; i++) {
        mc_test_case("%s encode \"%s\"", name, v[i].enc);
        mc_buf_init(&buf, 4096);
        CHECK_INT(enc(&buf, v[i].raw, v[i].raw_len), MC_OK);
        CHECK_STR(mc_buf_cstr(&buf), v[i].enc);
        mc_buf_free(&buf);
        mc_test_case("%s decode \"%s\"", name, v[i].enc);
        mc_buf_init(&buf, 4096);
        CHECK_INT(dec(&buf, v[i].enc, strlen(v[i].enc), &e), MC_OK);
        CHECK_MEM(buf.data, buf.len, v[i].raw, v[i].raw_len);
        mc_buf_free(&buf);
    }
    for (size_t i = 0; i < nb; i++) {
        mc_test_case("%s bad \"%s\"", name, b[i].in);
        mc_buf_init(&buf, 4096);
        mc_err_clear(&e);
        CHECK_INT(dec(&buf, b[i].in, strlen(b[i].in), &e), b[i].rc);
        if (!CHECK(strstr(e.msg, b[i].msg) != NULL))
            fprintf(stderr, "  message: %s\n", e.msg);
        mc_buf_free(&buf);
    }
    /* Every length of every byte pattern round-trips. */
    mc_test_case("%s round trips", name);
    unsigned char raw[64];
    size_t wrong = 0;
    for (size_t n = 0; n <= sizeof raw; n++) {
        for (size_t k = 0; k < n; k++)
            raw[k] = (unsigned char)(k * 37 + n * 11 + (k % 3 == 0 ? 0 : 200));
        if (n > 2)
            raw[0] = 0; /* leading zeros matter for base58 */
        struct mc_buf t, r;
        mc_buf_init(&t, 4096);
        mc_buf_init(&r, 4096);
        if (enc(&t, raw, n) || dec(&r, mc_buf_cstr(&t), t.len, &e) || r.len != n ||
            (n && memcmp(r.data, raw, n)))
            wrong++;
        mc_buf_free(&t);
        mc_buf_free(&r);
    }
    CHECK_INT(wrong, 0);
}

int main(void)
{
#define N(a) (sizeof(a) / sizeof((a)[0]))
    run("hex", mc_hex_encode, mc_hex_decode, hex_vecs, N(hex_vecs), hex_bad, N(hex_bad));
    run("base64", b64_std_enc, b64_std_dec, b64_vecs, N(b64_vecs), b64_bad, N(b64_bad));
    run("base64url", b64_url_enc, b64_url_dec, b64url_vecs, N(b64url_vecs), b64url_bad,
        N(b64url_bad));
    run("base58btc", mc_b58_encode, mc_b58_decode, b58_vecs, N(b58_vecs), b58_bad, N(b58_bad));

    struct mc_buf b;
    struct mc_err e;
    mc_test_case("hex decodes upper case");
    mc_buf_init(&b, 16);
    CHECK_INT(mc_hex_decode(&b, "ABcd", 4, &e), MC_OK);
    CHECK_MEM(b.data, b.len, "\xab\xcd", 2);
    mc_buf_free(&b);

    mc_test_case("caps hold");
    mc_buf_init(&b, 3);
    CHECK_INT(mc_hex_encode(&b, "ab", 2), MC_ERR_TOO_LARGE);
    CHECK_INT(mc_b58_decode(&b, "2NEpo7TZRRrLZSi2U", 17, &e), MC_ERR_TOO_LARGE);
    mc_buf_free(&b);
    char longtext[MC_B58_MAX + 2];
    memset(longtext, '2', sizeof longtext);
    mc_buf_init(&b, 4096);
    CHECK_INT(mc_b58_decode(&b, longtext, sizeof longtext, &e), MC_ERR_TOO_LARGE);
    mc_buf_free(&b);

    /* did:key of the W3C vc-di-eddsa test vectors' public key: multicodec 0xed01 + 32 bytes. */
    mc_test_case("multibase Ed25519 public key");
    static const char pub_hex[] =
            "ed01"
            "3f3e9b5bbc4c1d5f3ed6aa1cf5bb9b9a4e9aad4c6ad1e7c3e58d6b3e0b9c3b7d";
    struct mc_buf raw;
    mc_buf_init(&raw, 64);
    CHECK_INT(mc_hex_decode(&raw, pub_hex, strlen(pub_hex), &e), MC_OK);
    mc_buf_init(&b, 128);
    CHECK_INT(mc_multibase_encode(&b, MC_MULTIBASE_BASE58BTC, raw.data, raw.len), MC_OK);
    CHECK(strncmp(mc_buf_cstr(&b), "z6Mk", 4) == 0);
    struct mc_buf back;
    mc_buf_init(&back, 64);
    enum mc_multibase base;
    CHECK_INT(mc_multibase_decode(&back, b.data, b.len, &base, &e), MC_OK);
    CHECK_INT(base, MC_MULTIBASE_BASE58BTC);
    CHECK_MEM(back.data, back.len, raw.data, raw.len);
    uint64_t codec = 0;
    size_t used = 0;
    CHECK_INT(mc_varint_decode((const unsigned char *)back.data, back.len, &codec, &used, &e),
              MC_OK);
    CHECK_INT(codec, MC_MULTICODEC_ED25519_PUB);
    CHECK_INT(used, 2);
    mc_buf_free(&raw);
    mc_buf_free(&b);
    mc_buf_free(&back);

    struct {
        enum mc_multibase base;
        const char *want;
    } mb[] = {
        { MC_MULTIBASE_BASE58BTC, "z2NEpo7TZRRrLZSi2U" },
        { MC_MULTIBASE_BASE64URL, "uSGVsbG8gV29ybGQh" },
        { MC_MULTIBASE_BASE64, "mSGVsbG8gV29ybGQh" },
        { MC_MULTIBASE_BASE16, "f48656c6c6f20576f726c6421" },
    };
    for (size_t i = 0; i < N(mb); i++) {
        mc_test_case("multibase %c", (char)mb[i].base);
        mc_buf_init(&b, 128);
        CHECK_INT(mc_multibase_encode(&b, mb[i].base, "Hello World!", 12), MC_OK);
        CHECK_STR(mc_buf_cstr(&b), mb[i].want);
        mc_buf_init(&back, 128);
        CHECK_INT(mc_multibase_decode(&back, b.data, b.len, NULL, &e), MC_OK);
        CHECK_MEM(back.data, back.len, "Hello World!", 12);
        mc_buf_free(&b);
        mc_buf_free(&back);
    }
    mc_test_case("multibase m without padding");
    mc_buf_init(&b, 16);
    CHECK_INT(mc_multibase_encode(&b, MC_MULTIBASE_BASE64, "f", 1), MC_OK);
    CHECK_STR(mc_buf_cstr(&b), "mZg");
    mc_buf_free(&b);
    mc_test_case("multibase errors");
    mc_buf_init(&b, 64);
    CHECK_INT(mc_multibase_decode(&b, "", 0, NULL, &e), MC_ERR_INVALID);
    CHECK_INT(mc_multibase_decode(&b, "Qabc", 4, NULL, &e), MC_ERR_UNSUPPORTED);
    CHECK(strstr(e.msg, "'Q'") != NULL);
    CHECK_INT(mc_multibase_decode(&b, "z0OIl", 5, NULL, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "multibase 'z'") != NULL);
    CHECK_INT(mc_multibase_decode(&b, "m-_8", 4, NULL, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "offset 0 (byte 0x2d)") != NULL);
    CHECK_INT(mc_multibase_decode(&b, "mZg==", 5, NULL, &e), MC_ERR_INVALID); /* no padding */
    CHECK(strstr(e.msg, "offset 2") != NULL);
    CHECK_INT(mc_multibase_decode(&b, "F4G", 3, NULL, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "multibase 'F'") != NULL);
    mc_buf_free(&b);

    mc_test_case("multibase F reads upper-case base16");
    mc_buf_init(&b, 64);
    enum mc_multibase got = MC_MULTIBASE_BASE58BTC;
    CHECK_INT(mc_multibase_decode(&b, "F48656C6C6F", 11, &got, &e), MC_OK);
    CHECK_INT(got, MC_MULTIBASE_BASE16);
    CHECK_MEM(b.data, b.len, "Hello", 5);
    mc_buf_free(&b);

    struct {
        uint64_t v;
        const char *bytes;
        size_t n;
    } vi[] = {
        { 0, "\x00", 1 },
        { 1, "\x01", 1 },
        { 127, "\x7f", 1 },
        { 128, "\x80\x01", 2 },
        { 0xed, "\xed\x01", 2 },
        { 0x1300, "\x80\x26", 2 },
        { 16384, "\x80\x80\x01", 3 },
        { INT64_MAX, "\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 9 }, /* the largest 9 bytes hold */
    };
    for (size_t i = 0; i < N(vi); i++) {
        mc_test_case("varint %llu", (unsigned long long)vi[i].v);
        mc_buf_init(&b, 16);
        CHECK_INT(mc_varint_encode(&b, vi[i].v), MC_OK);
        CHECK_MEM(b.data, b.len, vi[i].bytes, vi[i].n);
        uint64_t v = 99;
        size_t u = 0;
        CHECK_INT(mc_varint_decode((const unsigned char *)vi[i].bytes, vi[i].n, &v, &u, &e), MC_OK);
        CHECK_INT(v, vi[i].v);
        CHECK_INT(u, vi[i].n);
        mc_buf_free(&b);
    }
    mc_test_case("varint errors");
    uint64_t v;
    size_t u;
    CHECK_INT(mc_varint_decode((const unsigned char *)"\x80", 1, &v, &u, &e), MC_ERR_INVALID);
    CHECK_INT(mc_varint_decode((const unsigned char *)"\x81\x00", 2, &v, &u, &e), MC_ERR_INVALID);
    CHECK_INT(mc_varint_decode((const unsigned char *)"\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01",
                               10, &v, &u, &e),
              MC_ERR_INVALID);
    return mc_test_done();
}
