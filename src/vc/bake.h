/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Baked badges: an Open Badges credential carried inside its PNG or SVG image (OB 3.0 §5.3 "Baked
 * Badge"; OB 2.0 "Badge Baking" for reading older badges).
 *
 *   PNG  an iTXt chunk with keyword "openbadgecredential", not compressed, empty language tag and
 *        translated keyword; its text is the credential JSON or the compact JWS (VC-JWT).
 *        OB 2.0: keyword "openbadges" in iTXt, or tEXt holding the URL of a hosted assertion.
 *   SVG  <openbadges:credential> right after the root <svg> start tag, which declares
 *        xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"; a VC-JWT goes in its verify
 *        attribute, JSON in its body inside <![CDATA[...]]>.
 *        OB 2.0: <openbadges:assertion verify="URL or JWS">, JSON in its body inside CDATA.
 *
 * Baking is byte-preserving: everything but the credential and the namespace declaration is
 * copied as it was, and baking again replaces the credential, so bake(bake(x, a), b) is
 * bake(x, b). Images are checked before anything is written (every PNG chunk's length, type and
 * CRC; the SVG's tags nest), and the same checks run when extracting.
 */
#ifndef MC_VC_BAKE_H
#define MC_VC_BAKE_H

#include <stddef.h>

#include "mcred/buf.h"
#include "mcred/error.h"

#define MC_BAKE_MAX_IMAGE  (64u << 20) /* the largest image read */
#define MC_BAKE_MAX_TEXT   (16u << 20) /* the largest credential baked or extracted (inflated) */
#define MC_BAKE_MAX_CHUNKS 100000      /* PNG chunks in one image */
#define MC_BAKE_MAX_DEPTH  1000        /* SVG element nesting */

#define MC_BAKE_OB3_NS "https://purl.imsglobal.org/ob/v3p0"
#define MC_BAKE_OB2_NS "http://openbadges.org"

enum mc_image_kind {
    MC_IMAGE_PNG = 1,
    MC_IMAGE_SVG,
};

/*
 * What the bytes are: PNG (the 8-byte signature; the chunks are checked later) or SVG (XML in an
 * ASCII-compatible encoding whose root element is svg, with or without a prefix, possibly after a
 * UTF-8 byte order mark, an XML declaration, comments, processing instructions and a doctype).
 * MC_ERR_UNSUPPORTED otherwise, saying what was seen.
 */
enum mc_rc mc_image_detect(const void *data, size_t len, enum mc_image_kind *kind,
                           struct mc_err *e);

/*
 * Bake an Open Badges 3.0 credential, cred[0..clen), into image[0..len) and append the baked image
 * to `out`. The credential is a JSON object or a compact JWS; white space around it is dropped.
 * Any credential already baked in (OB 3.0 or OB 2.0) is removed. The PNG chunk goes right after
 * IHDR (see bake.c for why). A broken image is MC_ERR_INVALID naming the byte offset (and the PNG
 * chunk) in the message and in e->where; past the limits above MC_ERR_TOO_LARGE; past the cap of
 * `out` MC_ERR_TOO_LARGE. On failure `out` is left as it was.
 */
enum mc_rc mc_bake(const void *image, size_t len, const char *cred, size_t clen, struct mc_buf *out,
                   struct mc_err *e);

/* A credential found in an image. */
struct mc_baked {
    int version; /* 3 (openbadgecredential) or 2 (openbadges) */
    char *text;  /* heap, NUL-terminated, trimmed: JSON, compact JWS, or a URL (OB 2.0 hosted) */
    size_t len;
    enum mc_image_kind kind;
};

/*
 * Find the credential baked into image[0..len): the first OB 3.0 one, else the first OB 2.0 one.
 * PNG text chunks may be compressed (iTXt or zTXt; at most MC_BAKE_MAX_TEXT inflated, else
 * MC_ERR_TOO_LARGE); tEXt and zTXt text is Latin-1 and comes out as UTF-8. For an OB 2.0 SVG
 * assertion the JSON body wins over the verify attribute. MC_ERR_NOT_FOUND when the image has no
 * credential; MC_ERR_INVALID for a broken image or credential container, naming the byte offset.
 * On success the caller frees `out` with mc_baked_free; on failure it holds nothing.
 */
enum mc_rc mc_bake_extract(const void *image, size_t len, struct mc_baked *out, struct mc_err *e);

/* Free what `b` holds and zero it. NULL is allowed. */
void mc_baked_free(struct mc_baked *b);

#endif
