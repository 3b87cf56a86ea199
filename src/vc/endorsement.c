/* SPDX-License-Identifier: Apache-2.0 */
/* Open Badges 3.0 EndorsementCredentials. */
#include "vc/endorsement.h"

#include <stdarg.h>

#include "base/random.h"
#include "base/time.h"
#include "ld/iri.h"

#define VC2_CONTEXT      "https://www.w3.org/ns/credentials/v2"
#define OB3_EXTENSIONS   "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
#define SCHEMA_VALIDATOR "1EdTechJsonSchemaValidator2019"

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

/* Set `key` to the text `value` when it is given; false when it is not valid UTF-8. */
static bool set_text(json_t *obj, const char *key, const char *value)
{
    return !value || json_object_set_new(obj, key, json_string(value)) == 0;
}

enum mc_rc mc_endorsement_build(const struct mc_endorsement *en, json_t **out, struct mc_err *e)
{
    const struct mc_ob3_issuer *iss = en->issuer;
    *out = NULL;
    if (!iss || !iss->id || !iss->name)
        return invalid(e, "/issuer", "issuer: its id and name are required");
    if (!absolute_iri(iss->id))
        return invalid(e, "/issuer/id", "issuer.id: \"%.64s\" is not an absolute IRI", iss->id);
    if (!en->subject_id)
        return invalid(e, "/credentialSubject/id",
                       "subject_id: the id of the endorsed Profile, Achievement or credential is "
                       "required");
    if (!absolute_iri(en->subject_id))
        return invalid(e, "/credentialSubject/id", "subject_id: \"%.64s\" is not an absolute IRI",
                       en->subject_id);
    if (!en->name)
        return invalid(e, "/name", "name: an endorsement needs a name");
    if (en->credential_id && !absolute_iri(en->credential_id))
        return invalid(e, "/id", "credential_id: \"%.64s\" is not an absolute IRI",
                       en->credential_id);
    if (en->valid_until && en->valid_until < en->valid_from)
        return invalid(e, "/validUntil", "valid_until: the endorsement ends before it begins");

    json_t *subject = json_pack("{s:s, s:[s]}", "id", en->subject_id, "type", "EndorsementSubject");
    if (!subject || !set_text(subject, "endorsementComment", en->comment)) {
        json_decref(subject);
        return invalid(e, "/credentialSubject/endorsementComment",
                       "comment: the text is not valid UTF-8");
    }
    json_t *profile =
            json_pack("{s:s, s:[s], s:s}", "id", iss->id, "type", "Profile", "name", iss->name);
    if (!profile || !set_text(profile, "url", iss->url) ||
        !set_text(profile, "email", iss->email) ||
        (iss->image &&
         json_object_set_new(profile, "image",
                             json_pack("{s:s, s:s}", "id", iss->image, "type", "Image")))) {
        json_decref(subject);
        json_decref(profile);
        return invalid(e, "/issuer", "issuer: the text is not valid UTF-8");
    }

    char id[MC_URN_UUID_SIZE], from[MC_TIME_RFC3339_SIZE];
    if (!en->credential_id)
        mc_random_urn_uuid(id);
    mc_time_format_rfc3339(en->valid_from, from);
    json_t *cred =
            json_pack("{s:[s, s, s], s:s, s:[s, s], s:s}", "@context", VC2_CONTEXT, MC_OB3_CONTEXT,
                      OB3_EXTENSIONS, "id", en->credential_id ? en->credential_id : id, "type",
                      "VerifiableCredential", "EndorsementCredential", "name", en->name);
    if (!cred || !set_text(cred, "description", en->description)) {
        json_decref(cred);
        json_decref(subject);
        json_decref(profile);
        return invalid(e, "/name", "name, description: the text is not valid UTF-8");
    }
    json_object_set_new(cred, "issuer", profile);
    json_object_set_new(cred, "validFrom", json_string(from));
    if (en->valid_until) {
        char until[MC_TIME_RFC3339_SIZE];
        mc_time_format_rfc3339(en->valid_until, until);
        json_object_set_new(cred, "validUntil", json_string(until));
    }
    json_object_set_new(cred, "credentialSubject", subject);
    json_object_set_new(
            cred, "credentialSchema",
            json_pack("[{s:s, s:s}]", "id", MC_ENDORSEMENT_SCHEMA, "type", SCHEMA_VALIDATOR));
    *out = cred;
    return MC_OK;
}
