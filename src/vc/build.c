/* SPDX-License-Identifier: Apache-2.0 */
#include "vc/build.h"

#include <stdio.h>
#include <string.h>

#include "base/hex.h"
#include "base/random.h"
#include "base/time.h"
#include "crypto/digest.h"

#define VC2_CONTEXT "https://www.w3.org/ns/credentials/v2"
#define EQF_URL     "http://data.europa.eu/snb/eqf/"

void mc_ob3_hash_identity(const char *text, const char *salt, char out[7 + 65])
{
    struct mc_digest d = { 0 };
    uint8_t h[MC_SHA256_LEN];
    mc_digest_init(&d, MC_DIGEST_SHA256);
    mc_digest_update(&d, text, strlen(text));
    if (salt)
        mc_digest_update(&d, salt, strlen(salt));
    mc_digest_final(&d, h);
    mc_digest_release(&d);
    static const char digits[] = "0123456789abcdef";
    memcpy(out, "sha256$", 7);
    for (size_t i = 0; i < sizeof h; i++) {
        out[7 + 2 * i] = digits[h[i] >> 4];
        out[7 + 2 * i + 1] = digits[h[i] & 15];
    }
    out[7 + 64] = '\0';
}

static json_t *identity(const char *type, const char *value, const char *salt)
{
    char hash[7 + 65];
    mc_ob3_hash_identity(value, salt, hash);
    return json_pack("{s:s, s:b, s:s, s:s, s:s}", "type", "IdentityObject", "hashed", 1,
                     "identityHash", hash, "identityType", type, "salt", salt);
}

/* Append a line "LABEL VALUE" to the narrative. */
static void md_line(struct mc_buf *b, const char *label, const char *value)
{
    mc_buf_printf(b, "%s%s\n", label, value);
}

/*
 * The EU standard elements the Open Badges vocabulary has no field for go into the criteria
 * narrative, which a person reads, and into tags, which a machine can search
 * (docs/ob3-eu-mapping.md).
 */
static json_t *achievement(const struct mc_ob3_award *a, struct mc_err *e)
{
    const struct mc_achievement *ach = a->achievement;
    struct mc_buf nar;
    mc_buf_init(&nar, 1 << 20);
    if (ach->criteria && ach->criteria[0])
        mc_buf_printf(&nar, "%s\n\n", ach->criteria);
    if (ach->n_outcomes) {
        mc_buf_appendz(&nar, "Learning outcomes:\n\n");
        for (size_t i = 0; i < ach->n_outcomes; i++)
            md_line(&nar, "- ", ach->outcomes[i]);
        mc_buf_putc(&nar, '\n');
    }
    char num[64];
    if (ach->workload_hours >= 0) {
        snprintf(num, sizeof num, "%g hours", ach->workload_hours);
        md_line(&nar, "Notional workload: ", num);
    }
    if (ach->ects >= 0) {
        snprintf(num, sizeof num, "%g", ach->ects);
        md_line(&nar, "ECTS credits: ", num);
    }
    if (ach->eqf_level > 0) {
        snprintf(num, sizeof num, "%d", ach->eqf_level);
        md_line(&nar, "EQF level: ", num);
    }
    if (ach->assessment_type)
        md_line(&nar, "Assessment: ", ach->assessment_type);
    md_line(&nar, "Form of participation: ", mc_participation_name(ach->participation));
    md_line(&nar, "Supervision and identity verification: ", mc_supervision_name(ach->supervision));
    if (ach->quality_assurance)
        md_line(&nar, "Quality assurance: ", ach->quality_assurance);
    if (ach->prerequisites)
        md_line(&nar, "Prerequisites: ", ach->prerequisites);
    md_line(&nar, "Stackable: ", ach->stackable ? "yes, toward larger credentials" : "no");
    if (ach->validity_days > 0) {
        snprintf(num, sizeof num, "%d days from the award", ach->validity_days);
        md_line(&nar, "Valid for ", num);
    }
    if (nar.len && nar.data[nar.len - 1] == '\n')
        mc_buf_truncate(&nar, nar.len - 1);

    json_t *j = json_pack("{s:s, s:[s], s:s, s:s, s:{s:s}}", "id", a->achievement_url, "type",
                          "Achievement", "name", ach->name, "description",
                          ach->description ? ach->description : ach->name, "criteria", "narrative",
                          nar.data ? nar.data : "");
    mc_buf_free(&nar);
    if (!j) {
        mc_err_set(e, MC_ERR_INVALID, "the achievement's name or text is not valid UTF-8");
        return NULL;
    }
    if (ach->achievement_type)
        json_object_set_new(j, "achievementType", json_string(ach->achievement_type));
    if (ach->image_url)
        json_object_set_new(j, "image",
                            json_pack("{s:s, s:s}", "id", ach->image_url, "type", "Image"));
    if (ach->ects >= 0)
        json_object_set_new(j, "creditsAvailable", json_real(ach->ects));
    if (ach->language)
        json_object_set_new(j, "inLanguage", json_string(ach->language));
    if (ach->version > 0) {
        snprintf(num, sizeof num, "%d", ach->version);
        json_object_set_new(j, "version", json_string(num));
    }
    json_t *align = json_array();
    for (size_t i = 0; i < a->n_alignments; i++) {
        const struct mc_ob3_alignment *al = &a->alignments[i];
        json_t *x = json_pack("{s:[s], s:s, s:s}", "type", "Alignment", "targetName", al->name,
                              "targetUrl", al->url);
        if (al->framework)
            json_object_set_new(x, "targetFramework", json_string(al->framework));
        if (al->code)
            json_object_set_new(x, "targetCode", json_string(al->code));
        json_array_append_new(align, x);
    }
    if (ach->eqf_level > 0) {
        char url[64], code[8], name[32];
        snprintf(url, sizeof url, EQF_URL "%d", ach->eqf_level);
        snprintf(code, sizeof code, "%d", ach->eqf_level);
        snprintf(name, sizeof name, "EQF level %d", ach->eqf_level);
        json_array_append_new(align,
                              json_pack("{s:[s], s:s, s:s, s:s, s:s}", "type", "Alignment",
                                        "targetName", name, "targetUrl", url, "targetFramework",
                                        "European Qualifications Framework", "targetCode", code));
    }
    if (json_array_size(align))
        json_object_set_new(j, "alignment", align);
    else
        json_decref(align);
    json_t *tags = json_array();
    json_array_append_new(
            tags, json_sprintf("participation:%s", mc_participation_name(ach->participation)));
    if (ach->eqf_level > 0)
        json_array_append_new(tags, json_sprintf("eqf:%d", ach->eqf_level));
    if (ach->workload_hours >= 0)
        json_array_append_new(tags, json_sprintf("workload-hours:%g", ach->workload_hours));
    if (ach->stackable)
        json_array_append_new(tags, json_string("stackable"));
    json_object_set_new(j, "tag", tags);
    return j;
}

enum mc_rc mc_ob3_build(const struct mc_ob3_award *a, json_t **out, struct mc_err *e)
{
    const struct mc_ob3_issuer *iss = a->issuer;
    if (!a->achievement || !a->achievement->name || !a->achievement_url)
        return mc_err_set(e, MC_ERR_INVALID, "the achievement, its name and its URL are required");
    if (!iss || !iss->id || !iss->name)
        return mc_err_set(e, MC_ERR_INVALID, "the issuer's id and name are required");
    if (!a->recipient_id && !a->recipient_email)
        return mc_err_set(e, MC_ERR_INVALID, "the recipient needs an id (DID or URL) or an email");
    char id[MC_URN_UUID_SIZE];
    if (!a->credential_id)
        mc_random_urn_uuid(id);
    json_t *ach = achievement(a, e);
    if (!ach)
        return MC_ERR_INVALID;

    json_t *profile =
            json_pack("{s:s, s:[s], s:s}", "id", iss->id, "type", "Profile", "name", iss->name);
    if (iss->url)
        json_object_set_new(profile, "url", json_string(iss->url));
    if (iss->email)
        json_object_set_new(profile, "email", json_string(iss->email));
    if (iss->image)
        json_object_set_new(profile, "image",
                            json_pack("{s:s, s:s}", "id", iss->image, "type", "Image"));

    json_t *subject = json_pack("{s:[s], s:o}", "type", "AchievementSubject", "achievement", ach);
    if (a->recipient_id)
        json_object_set_new(subject, "id", json_string(a->recipient_id));
    char salt_buf[MC_RANDOM_ID_SIZE];
    const char *salt = a->salt;
    if (!salt) {
        mc_random_id(salt_buf);
        salt = salt_buf;
    }
    json_t *ids = json_array();
    if (a->recipient_email)
        json_array_append_new(ids, identity("emailAddress", a->recipient_email, salt));
    if (a->recipient_name)
        json_array_append_new(ids, identity("name", a->recipient_name, salt));
    if (json_array_size(ids))
        json_object_set_new(subject, "identifier", ids);
    else
        json_decref(ids);
    if (a->n_results) {
        json_t *res = json_array();
        for (size_t i = 0; i < a->n_results; i++) {
            json_t *x = json_pack("{s:[s]}", "type", "Result");
            if (a->results[i].value)
                json_object_set_new(x, "value", json_string(a->results[i].value));
            if (a->results[i].status)
                json_object_set_new(x, "status", json_string(a->results[i].status));
            json_array_append_new(res, x);
        }
        json_object_set_new(subject, "result", res);
    }

    char from[MC_TIME_RFC3339_SIZE];
    mc_time_format_rfc3339(a->valid_from, from);
    json_t *cred =
            json_pack("{s:[s, s], s:s, s:[s, s], s:s, s:o, s:s, s:o}", "@context", VC2_CONTEXT,
                      MC_OB3_CONTEXT, "id", a->credential_id ? a->credential_id : id, "type",
                      "VerifiableCredential", "OpenBadgeCredential", "name", a->achievement->name,
                      "issuer", profile, "validFrom", from, "credentialSubject", subject);
    if (!cred)
        return mc_err_set(e, MC_ERR_INVALID, "the credential's text is not valid UTF-8");
    if (a->achievement->validity_days > 0) {
        char until[MC_TIME_RFC3339_SIZE];
        mc_time_format_rfc3339(a->valid_from + (int64_t)a->achievement->validity_days * 86400,
                               until);
        json_object_set_new(cred, "validUntil", json_string(until));
    }
    if (a->n_evidence) {
        json_t *ev = json_array();
        for (size_t i = 0; i < a->n_evidence; i++) {
            json_t *x = json_pack("{s:s, s:[s]}", "id", a->evidence[i].id, "type", "Evidence");
            if (a->evidence[i].name)
                json_object_set_new(x, "name", json_string(a->evidence[i].name));
            if (a->evidence[i].narrative)
                json_object_set_new(x, "narrative", json_string(a->evidence[i].narrative));
            json_array_append_new(ev, x);
        }
        json_object_set_new(cred, "evidence", ev);
    }
    if (a->status_list_url) {
        json_t *st = json_array();
        const char *purposes[2] = { "revocation", "suspension" };
        size_t idx[2] = { a->revocation_index, a->suspension_index };
        for (int i = 0; i < 2; i++) {
            char eid[1200], sidx[32];
            snprintf(eid, sizeof eid, "%s#%s-%zu", a->status_list_url, purposes[i], idx[i]);
            snprintf(sidx, sizeof sidx, "%zu", idx[i]);
            /* Each purpose has its own list: <url>/revocation and <url>/suspension. */
            char list[1100];
            snprintf(list, sizeof list, "%s/%s", a->status_list_url, purposes[i]);
            json_array_append_new(st, json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", eid, "type",
                                                "BitstringStatusListEntry", "statusPurpose",
                                                purposes[i], "statusListIndex", sidx,
                                                "statusListCredential", list));
        }
        json_object_set_new(cred, "credentialStatus", st);
    }
    *out = cred;
    return MC_OK;
}
