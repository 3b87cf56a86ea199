/* SPDX-License-Identifier: Apache-2.0 */
/* IRIs as JSON-LD uses them: absolute or not, RFC 3986 reference resolution. */
#ifndef MC_LD_IRI_H
#define MC_LD_IRI_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"

/* Has a scheme ("ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ':'"): an absolute IRI or a
 * blank node identifier ("_:"), in the loose sense JSON-LD uses while expanding. */
bool mc_iri_has_scheme(const char *s);

/* An absolute IRI that is well-formed enough to become an RDF term: a scheme and no space,
 * control character or one of <>"{}|\^` anywhere. */
bool mc_iri_is_well_formed(const char *s);

/* A blank node identifier: starts with "_:". */
static inline bool mc_iri_is_blank(const char *s)
{
    return s[0] == '_' && s[1] == ':';
}

/*
 * Resolve `ref` against `base` (RFC 3986 §5.2, with dot-segment removal). `base` may be NULL,
 * then `ref` is returned as it is. The result is allocated in `a` unless it is `ref` itself.
 */
const char *mc_iri_resolve(struct mc_arena *a, const char *base, const char *ref);

#endif
