/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The documents the platform publishes for verifiers, read from the store: an issuer's Profile
 * with its controller document (<public>/issuers/<slug>) and the signed status lists
 * (<public>/status/...). The HTTP server serves them; the verifier inside the platform reads
 * them through mc_public_docs as a struct mc_doc_source, without going through the network,
 * and falls back to another source (a fetcher) for anything else.
 */
#ifndef MC_APP_PUBLIC_DOCS_H
#define MC_APP_PUBLIC_DOCS_H

#include <jansson.h>

#include "store/store.h"
#include "vc/verify.h"

/*
 * The issuer document of `org` (new reference): an Open Badges 3.0 Profile (id, type, name, url,
 * email, description) that is also its controller document (verificationMethod and
 * assertionMethod listing every signing key that is not revoked), with the DID, Multikey and
 * Open Badges contexts.
 */
enum mc_rc mc_issuer_document(struct mc_store *s, const char *public_url, const struct mc_org *org,
                              json_t **out, struct mc_err *e);

/* A document source over the store for URLs under `public_url`, and `fallback` (may be NULL)
 * for the others. Documents handed out live until mc_public_docs_free. */
struct mc_public_docs {
    struct mc_doc_source source; /* pass &docs.source to the verifier */
    struct mc_store *store;
    const char *public_url;
    const struct mc_doc_source *fallback;
    json_t *held; /* documents handed out */
};

void mc_public_docs_init(struct mc_public_docs *d, struct mc_store *s, const char *public_url,
                         const struct mc_doc_source *fallback);
void mc_public_docs_free(struct mc_public_docs *d);

#endif
