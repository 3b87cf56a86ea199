/* SPDX-License-Identifier: Apache-2.0 */
/* Canonical N-Quads terms written in place, for canonicalization (see mc_nquads_write_term). */
#ifndef MC_LD_NQUADS_H
#define MC_LD_NQUADS_H

#include <stddef.h>

#include "mcred/rdf.h"

/* The most bytes the canonical text of `t` can take (every byte escaped). */
size_t ld_nquads_term_room(const struct mc_rdf_term *t);
/* Write the canonical text of `t` (nothing for the default graph) to `out`, which has
 * ld_nquads_term_room(t) bytes; its length. The same text mc_nquads_write_term writes. */
size_t ld_nquads_put_term(char *out, const struct mc_rdf_term *t);

#endif
