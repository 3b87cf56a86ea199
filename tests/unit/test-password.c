/* SPDX-License-Identifier: Apache-2.0 */
/* Passwords: the policy, argon2id hashes at the test and the interactive cost, rehash checks. */
#include <stdio.h>
#include <string.h>

#include "crypto/password.h"
#include "test.h"

static void test_policy(void)
{
    static const struct {
        const char *name;
        const char *pw;
        size_t len; /* 0: strlen */
        enum mc_rc rc;
        const char *msg;
    } cases[] = {
        { "ten ASCII characters", "abcdefghij", 0, MC_OK, NULL },
        { "a passphrase", "correct horse battery staple", 0, MC_OK, NULL },
        { "UTF-8 letters", "pässwörd-ñ", 0, MC_OK, NULL },
        { "nine characters", "abcdefghi", 0, MC_ERR_INVALID, "at least 10 characters" },
        { "empty", "", 0, MC_ERR_INVALID, "at least 10" },
        { "one character repeated", "aaaaaaaaaaaa", 0, MC_ERR_INVALID, "one character repeated" },
        { "one multibyte character repeated", "éééééééééé", 0, MC_ERR_INVALID,
          "one character repeated" },
        { "nearly repeated", "aaaaaaaaaab", 0, MC_OK, NULL },
        { "not UTF-8", "abcdefghij\xff", 0, MC_ERR_INVALID, "byte 11 is not" },
        { "an overlong form", "abcdefghij\xc0\xaf", 0, MC_ERR_INVALID, "UTF-8" },
        { "a NUL inside", "abcde\0fghijk", 12, MC_ERR_INVALID, "NUL" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("policy: %s", cases[i].name);
        struct mc_err e;
        mc_err_clear(&e);
        size_t len = cases[i].len ? cases[i].len : strlen(cases[i].pw);
        CHECK_INT(mc_password_check_policy(cases[i].pw, len, &e), cases[i].rc);
        if (cases[i].msg)
            CHECK(strstr(e.msg, cases[i].msg) != NULL);
        if (cases[i].rc)
            CHECK(strlen(cases[i].pw) < 3 || strstr(e.msg, cases[i].pw) == NULL);
    }

    mc_test_case("policy: the length bounds are bytes");
    char big[MC_PASSWORD_MAX + 2];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (char)('a' + i % 26);
    struct mc_err e;
    CHECK_INT(mc_password_check_policy(big, MC_PASSWORD_MAX, &e), MC_OK);
    CHECK_INT(mc_password_check_policy(big, MC_PASSWORD_MAX + 1, &e), MC_ERR_INVALID);
    CHECK(strstr(e.msg, "at most 1024 bytes") != NULL);
}

static void test_hash_verify(void)
{
    struct mc_err e;
    char h[MC_PASSWORD_HASH_SIZE], h2[MC_PASSWORD_HASH_SIZE];
    mc_password_use_test_cost(true);
    CHECK(mc_password_test_cost());

    mc_test_case("hash and verify at the test cost");
    const char *pw = "correct horse battery staple";
    CHECK_INT(mc_password_hash(pw, strlen(pw), h, &e), MC_OK);
    CHECK(strncmp(h, "$argon2id$v=19$m=8,t=1,p=1$", 27) == 0);
    CHECK_INT(mc_password_verify(h, pw, strlen(pw), &e), MC_OK);
    CHECK_INT(mc_password_verify(h, "correct horse battery stapler", 29, &e), MC_ERR_AUTH);
    CHECK_STR(e.msg, "wrong password");
    CHECK_INT(mc_password_verify(h, pw, strlen(pw) - 1, &e), MC_ERR_AUTH);

    mc_test_case("two hashes of one password differ (random salt), both verify");
    CHECK_INT(mc_password_hash(pw, strlen(pw), h2, &e), MC_OK);
    CHECK(strcmp(h, h2) != 0);
    CHECK_INT(mc_password_verify(h2, pw, strlen(pw), &e), MC_OK);

    mc_test_case("a password with bytes past a NUL is all compared");
    CHECK_INT(mc_password_hash("abc\0def", 7, h2, &e), MC_OK);
    CHECK_INT(mc_password_verify(h2, "abc\0def", 7, &e), MC_OK);
    CHECK_INT(mc_password_verify(h2, "abc\0xyz", 7, &e), MC_ERR_AUTH);

    mc_test_case("not a hash");
    CHECK_INT(mc_password_verify("$2b$10$abcdefghijklmnopqrstuv", pw, strlen(pw), &e),
              MC_ERR_INVALID);
    CHECK(strstr(e.msg, "argon2id") != NULL);
    CHECK_INT(mc_password_verify(NULL, pw, strlen(pw), &e), MC_ERR_INVALID);
    CHECK_INT(mc_password_verify("$argon2id$garbage", pw, strlen(pw), &e), MC_ERR_AUTH);

    mc_test_case("too long to hash");
    static char big[MC_PASSWORD_MAX + 1];
    memset(big, 'x', sizeof big);
    CHECK_INT(mc_password_hash(big, sizeof big, h2, &e), MC_ERR_TOO_LARGE);
    CHECK_INT(mc_password_verify(h, big, sizeof big, &e), MC_ERR_AUTH);

    mc_test_case("needs rehash: the test cost against the interactive cost");
    CHECK(!mc_password_needs_rehash(h));
    mc_password_use_test_cost(false);
    CHECK(mc_password_needs_rehash(h));
    CHECK(mc_password_needs_rehash("not a hash"));
    CHECK(mc_password_needs_rehash(NULL));

    mc_test_case("the interactive cost: argon2id, 64 MiB, 2 passes");
    CHECK_INT(mc_password_hash(pw, strlen(pw), h2, &e), MC_OK);
    CHECK(strncmp(h2, "$argon2id$v=19$m=65536,t=2,p=1$", 31) == 0);
    CHECK(!mc_password_needs_rehash(h2));
    CHECK_INT(mc_password_verify(h2, pw, strlen(pw), &e), MC_OK);
    /* verify reads the cost from the hash, so an old cheap hash still verifies */
    CHECK_INT(mc_password_verify(h, pw, strlen(pw), &e), MC_OK);

    mc_test_case("the dummy verify runs at either cost and returns");
    mc_password_verify_dummy(pw, strlen(pw));
    mc_password_use_test_cost(true);
    mc_password_verify_dummy(pw, strlen(pw));
    mc_password_verify_dummy(big, sizeof big);
    CHECK(1);
}

int main(void)
{
    test_policy();
    test_hash_verify();
    return mc_test_done();
}
