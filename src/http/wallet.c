/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A learner's wallet: credentials from other issuers that the learner adds to their record —
 * JSON-LD, a VC-JWT, or a PNG or SVG badge with an Open Badges 3.0 or 2.0 credential baked in.
 * What is added is verified first, exactly as the verify page verifies it; only a credential
 * that verifies is kept, as the credential text itself (the baked text for an image). Shared by
 * the API (api-wallet.c) and the account page's form (page-wallet-add.c).
 */
#include <string.h>

#include "base/json.h"
#include "base/time.h"
#include "http/resources.h"
#include "vc/bake.h"
#include "vc/jws.h"
#include "vc/verify.h"

#define LISTED_MAX 200

static bool space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The credential as JSON: a JSON text parsed, a VC-JWT's credential, else NULL (an OB 2.0
 * hosted assertion's URL, or a signed assertion's JWS). New reference. */
static json_t *credential_json(const char *text, size_t len)
{
    struct mc_err e;
    mc_err_clear(&e);
    json_t *doc = NULL;
    if (len && text[0] == '{') {
        struct mc_json_limits lim = { len + 1, 256 };
        if (mc_json_parse(text, len, 0, &lim, &doc, &e) || !json_is_object(doc)) {
            json_decref(doc);
            return NULL;
        }
        return doc;
    }
    struct mc_jws jws;
    memset(&jws, 0, sizeof jws);
    if (mc_jws_parse(text, len, &jws, &e) == MC_OK)
        mc_vcjwt_credential(&jws, &doc, &e);
    mc_jws_free(&jws);
    return doc;
}

int64_t mc_http_credential_issued_at(const json_t *cred)
{
    static const char *const keys[] = { "validFrom", "awardedDate", "issuanceDate", "issuedOn" };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const json_t *v = json_object_get(cred, keys[i]);
        if (json_is_integer(v)) /* OB 2.0 allows Unix seconds in issuedOn */
            return json_integer_value(v);
        const char *t = json_string_value(v);
        int64_t sec = 0;
        int32_t ns = 0;
        if (t && mc_time_parse_rfc3339(t, strlen(t), &sec, &ns, NULL) == MC_OK)
            return sec;
    }
    return 0;
}

/* The wallet's format for the verifier's: JSON-LD and VC-JWT are Open Badges 3.0; every OB 2.0
 * form ("ob2", "ob2-hosted", "ob2-signed") is kept as "ob2". NULL: not a kind a wallet keeps. */
static const char *wallet_format(const char *verified_as)
{
    if (!verified_as || strcmp(verified_as, "jsonld") == 0)
        return "ob3-ldp";
    if (strcmp(verified_as, "jwt") == 0)
        return "ob3-jwt";
    if (strncmp(verified_as, "ob2", 3) == 0)
        return "ob2";
    return NULL;
}

enum mc_rc mc_http_wallet_add(struct mc_http_request *req, struct mc_store *s, int64_t user_id,
                              const char *data, size_t len, struct mc_http_wallet_result *out,
                              struct mc_err *e)
{
    memset(out, 0, sizeof *out);
    struct mc_report r;
    mc_report_init(&r);
    struct mc_baked baked = { 0 };
    json_t *doc = NULL;
    enum mc_rc rc = MC_OK;
    struct mc_err err;
    mc_err_clear(&err);

    /* What is kept: the text sent (trimmed), or the text baked in the image. */
    enum mc_image_kind kind;
    const char *text = data;
    size_t text_len = len;
    if (mc_image_detect(data, len, &kind, &err) == MC_OK) {
        if (mc_bake_extract(data, len, &baked, &err) == MC_OK) {
            text = baked.text;
            text_len = baked.len;
        }
    } else {
        while (text_len && space(*text)) {
            text++;
            text_len--;
        }
        while (text_len && space(text[text_len - 1]))
            text_len--;
    }
    if (!text_len) {
        out->status = 400;
        out->message = "nothing was sent: give a credential (JSON or a VC-JWT) or a badge image";
        goto done;
    }

    mc_http_verify_bytes(req, s, data, len, &r);
    out->report = mc_http_report_json(&r);
    if (!mc_report_valid(&r)) {
        out->status = 422;
        out->message = "the credential does not verify, so it was not added";
        goto done;
    }
    const char *format = wallet_format(r.format);
    const char *id = r.id;
    if (!format) {
        out->status = 422;
        out->message =
                mc_arena_printf(req->arena, "a %s credential cannot be kept in a wallet", r.format);
        goto done;
    }
    if (!id || !*id) {
        out->status = 422;
        out->message = "the credential has no id, so it could not be found again or replaced";
        goto done;
    }
    out->id = mc_arena_strdup(req->arena, id);
    out->issuer = r.issuer ? mc_arena_strdup(req->arena, r.issuer) : NULL;
    out->format = format;

    /* A credential this platform issued to the user is in their record already. */
    struct mc_credential_row own;
    if (mc_store_credential_get(s, id, req->arena, &own, &err) == MC_OK &&
        own.recipient_user_id == user_id) {
        out->status = 200;
        out->message = "it was issued to you here, so it is in your record already";
        goto done;
    }
    doc = credential_json(text, text_len);
    struct mc_imported_credential c = {
        .user_id = user_id,
        .credential_id = id,
        .issuer = r.issuer,
        .document = mc_arena_memdupz(req->arena, text, text_len),
        .format = format,
        .issued_at = doc ? mc_http_credential_issued_at(doc) : 0,
    };
    bool created = false;
    rc = mc_store_imported_credential_put(s, &c, &created, e);
    if (!rc) {
        out->status = created ? 201 : 200;
        out->added = true;
        out->message = created ? "added to your wallet" : "it was in your wallet; it is replaced";
    }
done:
    json_decref(doc);
    mc_baked_free(&baked);
    mc_report_free(&r);
    return rc;
}

/* The name and issuer a person would recognise a credential by, from the JSON credential. */
static void describe(const json_t *doc, const char **name, const char **issuer)
{
    const json_t *subject = json_object_get(doc, "credentialSubject");
    const json_t *achievement = json_object_get(subject, "achievement");
    *name = json_string_value(json_object_get(achievement, "name"));
    if (!*name)
        *name = json_string_value(json_object_get(doc, "name"));
    const json_t *badge = json_object_get(doc, "badge"); /* OB 2.0, when embedded */
    if (!*name)
        *name = json_string_value(json_object_get(badge, "name"));
    const json_t *iss = json_object_get(doc, "issuer");
    if (!iss)
        iss = json_object_get(badge, "issuer");
    *issuer = json_string_value(json_object_get(iss, "name"));
}

enum mc_rc mc_http_wallet_list(struct mc_http_request *req, struct mc_store *s, int64_t user_id,
                               json_t **out, struct mc_err *e)
{
    *out = NULL;
    struct mc_imported_credential *rows = NULL;
    size_t n = 0;
    enum mc_rc rc =
            mc_store_imported_credential_list(s, user_id, LISTED_MAX, req->arena, &rows, &n, e);
    if (rc)
        return rc;
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct mc_imported_credential *c = &rows[i];
        json_t *doc = credential_json(c->document, strlen(c->document));
        const char *name = NULL, *issuer_name = NULL;
        describe(doc, &name, &issuer_name);
        char issued[MC_TIME_RFC3339_SIZE], added[MC_TIME_RFC3339_SIZE];
        mc_time_format_rfc3339(c->at, added);
        json_t *o = json_pack("{s:s, s:s?, s:s?, s:s?, s:s, s:s}", "id", c->credential_id, "name",
                              name, "issuer", c->issuer, "issuer_name", issuer_name, "format",
                              c->format, "added", added);
        if (o && c->issued_at) {
            mc_time_format_rfc3339(c->issued_at, issued);
            json_object_set_new(o, "issued", json_string(issued));
        }
        json_decref(doc);
        if (o)
            json_array_append_new(list, o);
    }
    *out = list;
    return MC_OK;
}
