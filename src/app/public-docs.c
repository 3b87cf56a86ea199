/* SPDX-License-Identifier: Apache-2.0 */
/* Issuer documents and status lists from the store, as published and as a verifier's source. */
#include "app/public-docs.h"

#include <string.h>

#include "app/issuer-keys.h"
#include "base/alloc.h"
#include "base/arena.h"
#include "base/json.h"
#include "vc/build.h"

enum mc_rc mc_issuer_document(struct mc_store *s, const char *public_url, const struct mc_org *org,
                              json_t **out, struct mc_err *e)
{
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_signing_key *keys = NULL;
    size_t n = 0;
    enum mc_rc rc = mc_store_signing_key_list(s, org->id, arena, &keys, &n, e);
    if (!rc) {
        char *id = mc_xasprintf("%s/issuers/%s", public_url, org->slug);
        json_t *doc =
                json_pack("{s:[s,s,s], s:s, s:s, s:s}", "@context", "https://www.w3.org/ns/did/v1",
                          "https://w3id.org/security/multikey/v1", MC_OB3_CONTEXT, "id", id, "type",
                          "Profile", "name", org->name);
        if (org->url)
            json_object_set_new(doc, "url", json_string(org->url));
        if (org->email)
            json_object_set_new(doc, "email", json_string(org->email));
        if (org->description)
            json_object_set_new(doc, "description", json_string(org->description));
        mc_issuer_controller_add_keys(doc, id, keys, n);
        free(id);
        *out = doc;
    }
    mc_arena_free(arena);
    return rc;
}

static const json_t *hold(struct mc_public_docs *d, json_t *doc)
{
    json_array_append_new(d->held, doc);
    return doc;
}

static const json_t *get(void *self, const char *url, const char **why)
{
    struct mc_public_docs *d = self;
    size_t plen = strlen(d->public_url);
    if (strncmp(url, d->public_url, plen) != 0 || url[plen] != '/') {
        if (d->fallback)
            return d->fallback->get(d->fallback->self, url, why);
        *why = "not published by this platform, and fetching is off";
        return NULL;
    }
    const char *path = url + plen;
    struct mc_arena *arena = mc_arena_new(0);
    const json_t *found = NULL;
    *why = "not found";
    if (strncmp(path, "/issuers/", 9) == 0) {
        const char *slug = path + 9;
        size_t len = strcspn(slug, "#?/");
        char *s = mc_arena_memdupz(arena, slug, len);
        struct mc_org org;
        json_t *doc = NULL;
        if (!mc_store_org_get(d->store, s, arena, &org, NULL) &&
            !mc_issuer_document(d->store, d->public_url, &org, &doc, NULL))
            found = hold(d, doc);
    } else if (strncmp(path, "/status/", 8) == 0) {
        struct mc_status_list_row row;
        if (!mc_store_status_list_get(d->store, 0, path, arena, &row, NULL) && row.published) {
            json_t *doc = NULL;
            mc_json_parse(row.published, strlen(row.published), 0, NULL, &doc, NULL);
            if (doc)
                found = hold(d, doc);
            else
                *why = "the stored list does not parse";
        }
    }
    mc_arena_free(arena);
    return found;
}

void mc_public_docs_init(struct mc_public_docs *d, struct mc_store *s, const char *public_url,
                         const struct mc_doc_source *fallback)
{
    d->source.get = get;
    d->source.self = d;
    d->store = s;
    d->public_url = public_url;
    d->fallback = fallback;
    d->held = json_array();
}

void mc_public_docs_free(struct mc_public_docs *d)
{
    json_decref(d->held);
    d->held = NULL;
}
