/* SPDX-License-Identifier: Apache-2.0 */
/* JSON-LD to RDF from a document already parsed: a jansson value, or a jv tree (ld/jv.h) as the
 * verifier reads credentials. */
#ifndef MC_LD_LD_JSON_H
#define MC_LD_LD_JSON_H

#include <jansson.h>

#include "mcred/jsonld.h"

/* As mc_ld_to_rdf, for a jansson value (borrowed; it must not change during the call) without
 * its top-level member `omit` (NULL: none), as a secured document is without its proof, and
 * without copying the document to take the member out. */
enum mc_rc mc_ld_to_rdf_jansson(struct mc_ld *ld, const json_t *doc, const char *omit,
                                const struct mc_ld_options *opt, struct mc_rdf_dataset *out,
                                struct mc_err *e);

/* The same for a jv tree (borrowed; it must not change during the call), which the walk reads as
 * it is: no copy is made. */
struct jv;
enum mc_rc mc_ld_to_rdf_jv(struct mc_ld *ld, const struct jv *doc, const char *omit,
                           const struct mc_ld_options *opt, struct mc_rdf_dataset *out,
                           struct mc_err *e);

#endif
