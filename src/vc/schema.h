/* SPDX-License-Identifier: Apache-2.0 */
/*
 * JSON Schema (draft 2019-09) validation, for the subset the Open Badges 3.0 and CLR 2.0 schemas
 * use: type, enum, const, properties, required, additionalProperties, items (one schema or a
 * tuple), additionalItems, minItems, maxItems, contains, minLength, maxLength, pattern (ECMAScript
 * patterns of the kind those schemas use), format (date-time, date), allOf, anyOf, oneOf, not,
 * and $ref to "#/$defs/..." in the same document. Other keywords are annotations and ignored.
 */
#ifndef MC_VC_SCHEMA_H
#define MC_VC_SCHEMA_H

#include <jansson.h>
#include <stdbool.h>

#include "mcred/error.h"

struct jv;

/* A compiled schema; thread-safe to use once made. */
struct mc_schema;

/* A schema from JSON text (its $defs are resolved within it). */
enum mc_rc mc_schema_new(const char *text, size_t len, struct mc_schema **out, struct mc_err *e);
/* A bundled schema from data/schemas/ by file name ("achievementcredential.json"). */
enum mc_rc mc_schema_bundled(const char *name, struct mc_schema **out, struct mc_err *e);
void mc_schema_free(struct mc_schema *s);

/*
 * Validate `v`. On failure: MC_ERR_INVALID, the JSON pointer of the deepest failing value in
 * e->where, and a message that names the rule ("/credentialSubject/achievement: the required
 * property criteria is missing").
 */
enum mc_rc mc_schema_validate(const struct mc_schema *s, const json_t *v, struct mc_err *e);
/* The same, reading the value as JSON-LD compaction may write it: where the schema wants an
 * array, a single value counts as an array of one (a `type` string, one `proof` object), and an
 * image may be just its URL. */
enum mc_rc mc_schema_validate_jsonld(const struct mc_schema *s, const json_t *v, struct mc_err *e);
/*
 * Validate a value held as a jv tree (ld/jv.h), the form the verifier reads credentials in.
 * `jsonld` as in mc_schema_validate_jsonld (a single value stands for an array of one, an image
 * may be its URL, credentialStatus may be an array of entries); otherwise as mc_schema_validate.
 * Errors and their places are the same as those functions give.
 */
enum mc_rc mc_schema_validate_jv(const struct mc_schema *s, const struct jv *v, bool jsonld,
                                 struct mc_err *e);

#endif
