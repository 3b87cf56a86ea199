/* SPDX-License-Identifier: Apache-2.0 */
/* CLR 2.0 ClrCredentials: a learner's signed credentials, achievements and associations. */
#include "vc/clr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/random.h"
#include "base/time.h"
#include "ld/iri.h"

#define VC2_CONTEXT      "https://www.w3.org/ns/credentials/v2"
#define OB3_EXTENSIONS   "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
#define SCHEMA_VALIDATOR "1EdTechJsonSchemaValidator2019"
#define SUBJECT          "/credentialSubject"
#define ASSOCIATION_NAMES \
    "exactMatchOf, isChildOf, isParentOf, isPartOf, isPeerOf, isRelatedTo, precedes, replacedBy"

/* CLR 2.0 §AssociationType. */
static const char *const association_names[] = {
    [MC_CLR_ASSOC_EXACT_MATCH_OF] = "exactMatchOf", [MC_CLR_ASSOC_IS_CHILD_OF] = "isChildOf",
    [MC_CLR_ASSOC_IS_PARENT_OF] = "isParentOf",     [MC_CLR_ASSOC_IS_PART_OF] = "isPartOf",
    [MC_CLR_ASSOC_IS_PEER_OF] = "isPeerOf",         [MC_CLR_ASSOC_IS_RELATED_TO] = "isRelatedTo",
    [MC_CLR_ASSOC_PRECEDES] = "precedes",           [MC_CLR_ASSOC_REPLACED_BY] = "replacedBy",
};
#define N_ASSOCIATION_NAMES (sizeof association_names / sizeof association_names[0])

const char *mc_clr_association_name(enum mc_clr_association_type t)
{
    if ((size_t)t >= N_ASSOCIATION_NAMES)
        return NULL;
    return association_names[t];
}

enum mc_clr_association_type mc_clr_association_parse(const char *name)
{
    for (size_t i = 1; name && i < N_ASSOCIATION_NAMES; i++)
        if (strcmp(name, association_names[i]) == 0)
            return (enum mc_clr_association_type)i;
    return MC_CLR_ASSOC_BY_NAME;
}

/* A failure naming the record field (msg) and the place in the CLR (where). */
static enum mc_rc invalid(struct mc_err *e, const char *where, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static enum mc_rc invalid(struct mc_err *e, const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(e, MC_ERR_INVALID, fmt, ap);
    va_end(ap);
    mc_err_where(e, "%s", where);
    return MC_ERR_INVALID;
}

static bool absolute_iri(const char *s)
{
    return s && !mc_iri_is_blank(s) && mc_iri_is_well_formed(s);
}

/* `obj`'s type is the string `name` or an array holding it. */
static bool has_type(const json_t *obj, const char *name)
{
    const json_t *t = json_object_get(obj, "type");
    if (json_is_string(t))
        return strcmp(json_string_value(t), name) == 0;
    size_t i;
    const json_t *x;
    json_array_foreach (t, i, x)
        if (json_is_string(x) && strcmp(json_string_value(x), name) == 0)
            return true;
    return false;
}

/* Each included credential: an Open Badges credential that keeps its proof. */
static enum mc_rc check_credentials(const json_t *creds, struct mc_err *e)
{
    if (!json_is_array(creds) || json_array_size(creds) == 0)
        return invalid(e, SUBJECT "/verifiableCredential",
                       "credentials: a CLR needs a non-empty array of signed credentials");
    size_t i;
    const json_t *c;
    json_array_foreach (creds, i, c) {
        char where[64];
        snprintf(where, sizeof where, SUBJECT "/verifiableCredential/%zu", i);
        if (!json_is_object(c))
            return invalid(e, where, "credentials[%zu]: a credential must be a JSON object", i);
        if (!has_type(c, "OpenBadgeCredential") && !has_type(c, "AchievementCredential"))
            return invalid(e, where,
                           "credentials[%zu]: type must include OpenBadgeCredential or "
                           "AchievementCredential",
                           i);
        const json_t *proof = json_object_get(c, "proof");
        if (!json_is_object(proof) && !(json_is_array(proof) && json_array_size(proof) > 0))
            return invalid(e, where,
                           "credentials[%zu]: the credential has no proof; a CLR includes "
                           "credentials as they were signed",
                           i);
    }
    return MC_OK;
}

static enum mc_rc check_achievements(const json_t *achs, struct mc_err *e)
{
    if (!achs)
        return MC_OK;
    if (!json_is_array(achs))
        return invalid(e, SUBJECT "/achievement", "achievements: must be an array");
    size_t i;
    const json_t *a;
    json_array_foreach (achs, i, a) {
        char where[64];
        snprintf(where, sizeof where, SUBJECT "/achievement/%zu", i);
        if (!json_is_object(a) || !has_type(a, "Achievement"))
            return invalid(e, where, "achievements[%zu]: must be an object of type Achievement", i);
        if (!absolute_iri(json_string_value(json_object_get(a, "id"))))
            return invalid(e, where, "achievements[%zu].id: an absolute IRI is required", i);
    }
    return MC_OK;
}

/* The Association objects, each checked: a known associationType and absolute IRIs. */
static enum mc_rc associations(const struct mc_clr_record *r, json_t **out, struct mc_err *e)
{
    json_t *list = json_array();
    for (size_t i = 0; i < r->n_associations; i++) {
        const struct mc_clr_association *a = &r->associations[i];
        char where[96];
        snprintf(where, sizeof where, SUBJECT "/association/%zu/associationType", i);
        const char *type = NULL;
        if (a->type == MC_CLR_ASSOC_BY_NAME) {
            if (!a->type_name) {
                json_decref(list);
                return invalid(e, where, "associations[%zu].type_name: missing; use one of %s", i,
                               ASSOCIATION_NAMES);
            }
            type = mc_clr_association_name(mc_clr_association_parse(a->type_name));
            if (!type) {
                json_decref(list);
                return invalid(e, where,
                               "associations[%zu].type_name: \"%.64s\" is not a CLR 2.0 "
                               "associationType; use one of %s",
                               i, a->type_name, ASSOCIATION_NAMES);
            }
        } else {
            type = mc_clr_association_name(a->type);
            if (!type) {
                json_decref(list);
                return invalid(e, where, "associations[%zu].type: %d is not an associationType", i,
                               (int)a->type);
            }
        }
        if (!absolute_iri(a->source_id) || !absolute_iri(a->target_id)) {
            bool src = !absolute_iri(a->source_id);
            snprintf(where, sizeof where, SUBJECT "/association/%zu/%s", i,
                     src ? "sourceId" : "targetId");
            const char *v = src ? a->source_id : a->target_id;
            json_decref(list);
            return invalid(e, where, "associations[%zu].%s: \"%.64s\" is not an absolute IRI", i,
                           src ? "source_id" : "target_id", v ? v : "(missing)");
        }
        if (json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s}", "type", "Association",
                                                  "associationType", type, "sourceId", a->source_id,
                                                  "targetId", a->target_id))) {
            json_decref(list);
            snprintf(where, sizeof where, SUBJECT "/association/%zu", i);
            return invalid(e, where, "associations[%zu]: the text is not valid UTF-8", i);
        }
    }
    *out = list;
    return MC_OK;
}

/* The issuer's Profile (new reference), or NULL when a text is not valid UTF-8. */
static json_t *profile(const struct mc_ob3_issuer *iss)
{
    json_t *p = json_pack("{s:s, s:[s], s:s}", "id", iss->id, "type", "Profile", "name", iss->name);
    if (!p)
        return NULL;
    if ((iss->url && json_object_set_new(p, "url", json_string(iss->url))) ||
        (iss->email && json_object_set_new(p, "email", json_string(iss->email))) ||
        (iss->image &&
         json_object_set_new(p, "image",
                             json_pack("{s:s, s:s}", "id", iss->image, "type", "Image")))) {
        json_decref(p);
        return NULL;
    }
    return p;
}

/* The ClrSubject: the learner, the credentials, the achievements and the associations. */
static enum mc_rc subject(const struct mc_clr_record *r, json_t **out, struct mc_err *e)
{
    json_t *assoc = NULL;
    enum mc_rc rc = associations(r, &assoc, e);
    if (rc)
        return rc;
    json_t *s = json_pack("{s:[s]}", "type", "ClrSubject");
    if (r->learner_id && json_object_set_new(s, "id", json_string(r->learner_id))) {
        json_decref(assoc);
        json_decref(s);
        return invalid(e, SUBJECT "/id", "learner_id: the text is not valid UTF-8");
    }
    if (r->learner_email) {
        char salt_buf[MC_RANDOM_ID_SIZE], hash[7 + 65];
        const char *salt = r->salt;
        if (!salt) {
            mc_random_id(salt_buf);
            salt = salt_buf;
        }
        mc_ob3_hash_identity(r->learner_email, salt, hash);
        json_t *ids =
                json_pack("[{s:s, s:b, s:s, s:s, s:s}]", "type", "IdentityObject", "hashed", 1,
                          "identityHash", hash, "identityType", "emailAddress", "salt", salt);
        if (json_object_set_new(s, "identifier", ids)) {
            json_decref(assoc);
            json_decref(s);
            return invalid(e, SUBJECT "/identifier", "salt: the text is not valid UTF-8");
        }
    }
    json_object_set_new(s, "verifiableCredential", json_deep_copy(r->credentials));
    if (json_array_size(r->achievements))
        json_object_set_new(s, "achievement", json_deep_copy(r->achievements));
    if (json_array_size(assoc))
        json_object_set_new(s, "association", assoc);
    else
        json_decref(assoc);
    *out = s;
    return MC_OK;
}

enum mc_rc mc_clr_build(const struct mc_clr_record *r, json_t **out, struct mc_err *e)
{
    const struct mc_ob3_issuer *iss = r->issuer;
    enum mc_rc rc;
    *out = NULL;
    if (!iss || !iss->id || !iss->name)
        return invalid(e, "/issuer", "issuer: its id and name are required");
    if (!absolute_iri(iss->id))
        return invalid(e, "/issuer/id", "issuer.id: \"%.64s\" is not an absolute IRI", iss->id);
    if (!r->name)
        return invalid(e, "/name", "name: a CLR needs a name (e.g. \"Transcript\")");
    if (!r->learner_id && !r->learner_email)
        return invalid(e, SUBJECT,
                       "learner_id, learner_email: the learner needs an id (DID or URL) or an "
                       "email");
    if (r->learner_id && !absolute_iri(r->learner_id))
        return invalid(e, SUBJECT "/id", "learner_id: \"%.64s\" is not an absolute IRI",
                       r->learner_id);
    if (r->credential_id && !absolute_iri(r->credential_id))
        return invalid(e, "/id", "credential_id: \"%.64s\" is not an absolute IRI",
                       r->credential_id);
    rc = check_credentials(r->credentials, e);
    if (!rc)
        rc = check_achievements(r->achievements, e);
    if (rc)
        return rc;
    json_t *subj = NULL;
    rc = subject(r, &subj, e);
    if (rc)
        return rc;

    char id[MC_URN_UUID_SIZE], from[MC_TIME_RFC3339_SIZE];
    if (!r->credential_id)
        mc_random_urn_uuid(id);
    mc_time_format_rfc3339(r->valid_from, from);
    json_t *issuer = profile(iss);
    json_t *clr =
            json_pack("{s:[s, s, s, s], s:s, s:[s, s], s:o, s:s, s:s}", "@context", VC2_CONTEXT,
                      MC_CLR_CONTEXT, MC_OB3_CONTEXT, OB3_EXTENSIONS, "id",
                      r->credential_id ? r->credential_id : id, "type", "VerifiableCredential",
                      "ClrCredential", "issuer", issuer, "validFrom", from, "name", r->name);
    if (!clr) {
        json_decref(subj);
        return invalid(e, "", "name, issuer: the text is not valid UTF-8");
    }
    json_object_set_new(clr, "credentialSubject", subj);
    if (r->description && json_object_set_new(clr, "description", json_string(r->description))) {
        json_decref(clr);
        return invalid(e, "/description", "description: the text is not valid UTF-8");
    }
    if (r->has_partial)
        json_object_set_new(clr, "partial", json_boolean(r->partial));
    json_object_set_new(clr, "credentialSchema",
                        json_pack("[{s:s, s:s}]", "id", MC_CLR_SCHEMA, "type", SCHEMA_VALIDATOR));
    *out = clr;
    return MC_OK;
}
