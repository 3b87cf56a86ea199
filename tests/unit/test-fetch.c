/* SPDX-License-Identifier: Apache-2.0 */
/* mc_fetch refuses what it must before any byte is sent: other schemes, loopback and private
 * addresses (also behind a name); and the address classification itself. */
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "test.h"
#include "vc/fetch.h"

static bool priv4(const char *s)
{
    struct in_addr a;
    inet_pton(AF_INET, s, &a);
    return mc_fetch_address_is_private(AF_INET, &a);
}

static bool priv6(const char *s)
{
    struct in6_addr a;
    inet_pton(AF_INET6, s, &a);
    return mc_fetch_address_is_private(AF_INET6, &a);
}

int main(void)
{
    mc_test_case("addresses");
    static const char *const private4[] = { "127.0.0.1",      "10.1.2.3",    "172.16.0.1",
                                            "172.31.255.255", "192.168.1.1", "169.254.169.254",
                                            "100.64.0.1",     "0.0.0.0",     "224.0.0.1" };
    for (size_t i = 0; i < sizeof private4 / sizeof private4[0]; i++) {
        mc_test_case("private %s", private4[i]);
        CHECK(priv4(private4[i]));
    }
    static const char *const public4[] = { "8.8.8.8", "172.32.0.1", "192.169.0.1", "1.1.1.1" };
    for (size_t i = 0; i < sizeof public4 / sizeof public4[0]; i++) {
        mc_test_case("public %s", public4[i]);
        CHECK(!priv4(public4[i]));
    }
    CHECK(priv6("::1"));
    CHECK(priv6("::"));
    CHECK(priv6("fe80::1"));
    CHECK(priv6("fd00::1"));
    CHECK(priv6("::ffff:127.0.0.1"));
    CHECK(!priv6("2001:4860:4860::8888"));

    struct mc_buf out;
    mc_buf_init(&out, 1 << 20);
    struct mc_err e;
    mc_test_case("schemes");
    CHECK_INT(mc_fetch("http://example.org/", NULL, &out, &e), MC_ERR_FORBIDDEN);
    CHECK(strstr(e.msg, "only https") != NULL);
    CHECK_INT(mc_fetch("file:///etc/passwd", NULL, &out, &e), MC_ERR_FORBIDDEN);
    mc_test_case("loopback and private addresses are never connected to");
    CHECK_INT(mc_fetch("https://127.0.0.1:9/x", NULL, &out, &e), MC_ERR_FORBIDDEN);
    CHECK(strstr(e.msg, "private address") != NULL);
    CHECK_INT(mc_fetch("https://localhost:9/x", NULL, &out, &e), MC_ERR_FORBIDDEN);
    CHECK_INT(mc_fetch("https://[::1]:9/x", NULL, &out, &e), MC_ERR_FORBIDDEN);
    CHECK_INT(mc_fetch("https://10.0.0.1:9/x", NULL, &out, &e), MC_ERR_FORBIDDEN);
    mc_test_case("allowed for tests: then the connection itself fails");
    struct mc_fetch_options o = { .allow_private = true, .timeout_ms = 2000 };
    CHECK_INT(mc_fetch("https://127.0.0.1:9/x", &o, &out, &e), MC_ERR_IO);
    CHECK_INT(out.len, 0);
    mc_buf_free(&out);
    return mc_test_done();
}
