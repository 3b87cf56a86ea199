/* SPDX-License-Identifier: Apache-2.0 */
/* A small auto-escaping template engine for the HTML pages (mustache-like syntax). */
#ifndef MC_HTTP_TEMPLATE_H
#define MC_HTTP_TEMPLATE_H

#include <jansson.h>
#include <stddef.h>

#include "base/embed.h"
#include "mcred/buf.h"
#include "mcred/error.h"

/*
 * Syntax (docs/internals/http.md):
 *   {{name}}             the value, HTML-escaped (& < > " ' all escaped, safe in attributes)
 *   {{{name}}}           the value unescaped: only for HTML we produced ourselves
 *   {{#name}}..{{/name}} a section: once per element of an array, once with an object pushed on
 *                        the context, once for any other true value; never for a false value
 *   {{^name}}..{{/name}} an inverted section: once if the value is false
 *   {{> name}}           a partial: another template of the same set, rendered in place
 *   {{! text}}           a comment
 * Names are [A-Za-z0-9_-] parts joined by '.', or "." for the current element. A name is looked
 * up from the innermost context outwards. False values: missing, null, false, "", 0, [].
 * Strings print as they are, integers in decimal, reals with %g, true as "true".
 */

/* A set of parsed templates, looked up by name (its file name, e.g. "catalog.html"). */
struct mc_tpl_set;

/* An empty set. Free with mc_tpl_set_free(). */
struct mc_tpl_set *mc_tpl_set_new(void);
/* Free the set and its templates. NULL is allowed. */
void mc_tpl_set_free(struct mc_tpl_set *s);

/*
 * Parse `len` bytes of template text and add it to the set as `name` (both copied). A parse
 * error is MC_ERR_INVALID with a message "name:line: what is wrong" and e->where "name:line".
 * Templates longer than MC_TPL_MAX_SOURCE are MC_ERR_TOO_LARGE.
 */
#define MC_TPL_MAX_SOURCE (1u << 20)
enum mc_rc mc_tpl_set_add(struct mc_tpl_set *s, const char *name, const char *src, size_t len,
                          struct mc_err *e);

/* Parse every *.html file of an embedded folder into a new set (`*out` is the caller's). */
enum mc_rc mc_tpl_set_load_embed(const struct mc_embed_dir *dir, struct mc_tpl_set **out,
                                 struct mc_err *e);

/*
 * Render template `name` with the values of `ctx` (borrowed) onto `out`. An unknown template or
 * partial is MC_ERR_NOT_FOUND; partials nested deeper than MC_TPL_MAX_DEPTH (a partial that
 * includes itself), more than MC_TPL_MAX_STEPS nodes visited and output past the buffer's cap
 * are MC_ERR_TOO_LARGE.
 */
#define MC_TPL_MAX_DEPTH 32
#define MC_TPL_MAX_STEPS 2000000u /* nodes visited in one render */
enum mc_rc mc_tpl_render(const struct mc_tpl_set *s, const char *name, const json_t *ctx,
                         struct mc_buf *out, struct mc_err *e);

/* Append `len` bytes HTML-escaped (& < > " ' as entities). */
enum mc_rc mc_tpl_escape(struct mc_buf *out, const char *p, size_t len);

#endif
