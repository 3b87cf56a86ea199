/* SPDX-License-Identifier: Apache-2.0 */
/* IRI resolution (RFC 3986 §5.4's whole example table) and the IRI checks JSON-LD uses. */
#include "base/arena.h"
#include "ld/iri.h"
#include "test.h"

static const struct {
    const char *ref, *want;
} rfc3986[] = {
    /* §5.4.1 normal examples */
    { "g:h", "g:h" },
    { "g", "http://a/b/c/g" },
    { "./g", "http://a/b/c/g" },
    { "g/", "http://a/b/c/g/" },
    { "/g", "http://a/g" },
    { "//g", "http://g" },
    { "?y", "http://a/b/c/d;p?y" },
    { "g?y", "http://a/b/c/g?y" },
    { "#s", "http://a/b/c/d;p?q#s" },
    { "g#s", "http://a/b/c/g#s" },
    { "g?y#s", "http://a/b/c/g?y#s" },
    { ";x", "http://a/b/c/;x" },
    { "g;x", "http://a/b/c/g;x" },
    { "g;x?y#s", "http://a/b/c/g;x?y#s" },
    { "", "http://a/b/c/d;p?q" },
    { ".", "http://a/b/c/" },
    { "./", "http://a/b/c/" },
    { "..", "http://a/b/" },
    { "../", "http://a/b/" },
    { "../g", "http://a/b/g" },
    { "../..", "http://a/" },
    { "../../", "http://a/" },
    { "../../g", "http://a/g" },
    /* §5.4.2 abnormal examples */
    { "../../../g", "http://a/g" },
    { "../../../../g", "http://a/g" },
    { "/./g", "http://a/g" },
    { "/../g", "http://a/g" },
    { "g.", "http://a/b/c/g." },
    { ".g", "http://a/b/c/.g" },
    { "g..", "http://a/b/c/g.." },
    { "..g", "http://a/b/c/..g" },
    { "./../g", "http://a/b/g" },
    { "./g/.", "http://a/b/c/g/" },
    { "g/./h", "http://a/b/c/g/h" },
    { "g/../h", "http://a/b/c/h" },
    { "g;x=1/./y", "http://a/b/c/g;x=1/y" },
    { "g;x=1/../y", "http://a/b/c/y" },
    { "g?y/./x", "http://a/b/c/g?y/./x" },
    { "g?y/../x", "http://a/b/c/g?y/../x" },
    { "g#s/./x", "http://a/b/c/g#s/./x" },
    { "g#s/../x", "http://a/b/c/g#s/../x" },
    { "http:g", "http:g" },
};

int main(void)
{
    struct mc_arena *a = mc_arena_new(0);
    for (size_t i = 0; i < sizeof rfc3986 / sizeof rfc3986[0]; i++) {
        mc_test_case("resolve \"%s\"", rfc3986[i].ref);
        CHECK_STR(mc_iri_resolve(a, "http://a/b/c/d;p?q", rfc3986[i].ref), rfc3986[i].want);
    }
    mc_test_case("other bases");
    CHECK_STR(mc_iri_resolve(a, NULL, "g"), "g");
    CHECK_STR(mc_iri_resolve(a, "http://a", "g"), "http://a/g");
    CHECK_STR(mc_iri_resolve(a, "http://a/b/", "../../../x"), "http://a/x");
    CHECK_STR(mc_iri_resolve(a, "urn:ex:a", "#frag"), "urn:ex:a#frag");
    CHECK_STR(mc_iri_resolve(a, "https://w3id.org/x/y", "//h/p"), "https://h/p");

    mc_test_case("schemes and well-formedness");
    CHECK(mc_iri_has_scheme("http://x"));
    CHECK(mc_iri_has_scheme("_:b0"));
    CHECK(mc_iri_has_scheme("urn:uuid:1"));
    CHECK(!mc_iri_has_scheme("relative/path"));
    CHECK(!mc_iri_has_scheme(":x"));
    CHECK(!mc_iri_has_scheme("1a:x"));
    CHECK(mc_iri_is_well_formed("did:key:z6Mk#z6Mk"));
    CHECK(!mc_iri_is_well_formed("_:b0"));
    CHECK(!mc_iri_is_well_formed("http://x/a b"));
    CHECK(!mc_iri_is_well_formed("http://x/<a>"));
    CHECK(!mc_iri_is_well_formed("relative"));
    mc_arena_free(a);
    return mc_test_done();
}
