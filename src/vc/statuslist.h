/* SPDX-License-Identifier: Apache-2.0 */
/*
 * W3C Bitstring Status List v1.0: the bitstring (index 0 is the most significant bit of byte 0),
 * its encodedList form (GZIP, RFC 1952, then multibase base64url 'u'), random index allocation,
 * the unsigned BitstringStatusListCredential, and reading and checking BitstringStatusListEntry
 * values. No signing or signature checks here: the caller secures and verifies list credentials.
 */
#ifndef MC_VC_STATUSLIST_H
#define MC_VC_STATUSLIST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "mcred/buf.h"
#include "mcred/error.h"

/* The spec's minimum number of entries (16 KiB of bits), for herd privacy (§2.2, §6.1). */
#define MC_STATUS_LIST_MIN_BITS 131072u
/* The most a list may inflate to (16 MiB, 134 million bits): a larger one is refused as a bomb. */
#define MC_STATUS_LIST_MAX_BYTES (16u << 20)
/* The widest statusSize we read; statusMessage then has 256 entries. */
#define MC_STATUS_SIZE_MAX 8u
/* One statusPurpose and its NUL. */
#define MC_STATUS_PURPOSE_SIZE 32
/* The statusPurpose values of a list, separated by single spaces, and the NUL. */
#define MC_STATUS_PURPOSES_SIZE 128

/* A bitstring of `nbits` bits (a multiple of 8); `bits` is the list's, freed by
 * mc_status_list_free. Index i is bit (7 - i % 8) of byte i / 8. */
struct mc_status_list {
    uint8_t *bits;
    size_t nbits;
};

/* An all-zero list of `nbits` bits: at least MC_STATUS_LIST_MIN_BITS, a multiple of 8, at most
 * MC_STATUS_LIST_MAX_BYTES * 8 (MC_ERR_INVALID / MC_ERR_TOO_LARGE otherwise). */
enum mc_rc mc_status_list_init(struct mc_status_list *l, size_t nbits, struct mc_err *e);
/* Free the bits and empty the struct. Safe on a zeroed or already freed list. */
void mc_status_list_free(struct mc_status_list *l);

/* Bit `index`; false past the end (callers that care check the range first). */
bool mc_status_list_get(const struct mc_status_list *l, size_t index);
/* Set or clear bit `index`. MC_ERR_INVALID if it is past the end. */
enum mc_rc mc_status_list_set(struct mc_status_list *l, size_t index, bool value, struct mc_err *e);

/*
 * Multi-bit entries (statusSize > 1): entry `index` is the `size` bits from index * size, read
 * left to right, the first being the most significant bit of the value. `size` is 1..8.
 * MC_ERR_INVALID (naming RANGE_ERROR) if the entry does not fit in the list.
 */
enum mc_rc mc_status_list_get_value(const struct mc_status_list *l, size_t index, unsigned size,
                                    unsigned *value, struct mc_err *e);
enum mc_rc mc_status_list_set_value(struct mc_status_list *l, size_t index, unsigned size,
                                    unsigned value, struct mc_err *e);

/* Append the encodedList of `l`: GZIP (RFC 1952, mtime 0, so the same bits give the same text),
 * then 'u' and base64url without padding (§3.3). MC_ERR_TOO_LARGE past the buffer's cap. */
enum mc_rc mc_status_list_encode(const struct mc_status_list *l, struct mc_buf *out,
                                 struct mc_err *e);

/*
 * Decode an encodedList (§3.4) into `out` (which the caller frees with mc_status_list_free; it is
 * left empty on failure). Checked, each with its own error: the 'u' prefix, base64url, that the
 * bytes are GZIP (not zlib or raw deflate) and complete with a good CRC, that they inflate to at
 * most MC_STATUS_LIST_MAX_BYTES (a bomb stops there, MC_ERR_TOO_LARGE) and to at least
 * MC_STATUS_LIST_MIN_BITS bits. Concatenated GZIP members are read as one stream, as RFC 1952
 * says. A legacy value without the prefix that starts "H4sI" (the GZIP magic) is read too.
 */
enum mc_rc mc_status_list_decode(const char *encoded, size_t len, struct mc_status_list *out,
                                 struct mc_err *e);

/*
 * Pick an index not set in `used` (the bitmap of indexes already handed out, as long as the list)
 * uniformly at random among the free ones, so an index tells nothing about when or in what order
 * a credential was issued (§2.1, statusListIndex). MC_ERR_CONFLICT when every index is used.
 * The caller marks the index used. Works on a list of any size.
 */
enum mc_rc mc_status_list_allocate(const struct mc_status_list *used, size_t *index,
                                   struct mc_err *e);

/*
 * The unsigned BitstringStatusListCredential (§2.2) of `l`, new reference: VC 2.0 context, `id`,
 * type [VerifiableCredential, BitstringStatusListCredential], `issuer` (a URL or DID), validFrom,
 * and credentialSubject {id: id + "#list", type BitstringStatusList, statusPurpose,
 * encodedList}. NULL with `e` set if an argument is missing or malformed.
 */
json_t *mc_status_list_credential(const char *id, const char *issuer, const char *purpose,
                                  time_t valid_from, const struct mc_status_list *l,
                                  struct mc_err *e);

/*
 * Read a status list credential (already signature-checked by the caller; `cred` borrowed): its
 * type includes BitstringStatusListCredential, credentialSubject (an object, or an array of one)
 * has type BitstringStatusList, one or more statusPurpose strings and an encodedList, which is
 * decoded into `out` (freed by the caller). `purposes` (may be NULL) gets the purposes separated
 * by spaces. validFrom / validUntil are the caller's to check, as for any credential.
 */
enum mc_rc mc_status_list_from_credential(const json_t *cred, struct mc_status_list *out,
                                          char purposes[MC_STATUS_PURPOSES_SIZE], struct mc_err *e);

/* One credentialStatus entry of type BitstringStatusListEntry (§2.1). */
struct mc_status_entry {
    char purpose[MC_STATUS_PURPOSE_SIZE];
    size_t index;     /* statusListIndex */
    unsigned size;    /* statusSize: 1 unless given, at most MC_STATUS_SIZE_MAX */
    char *list_url;   /* statusListCredential; heap, the entry's */
    json_t *messages; /* statusMessage (checked: 2^size distinct "0x…" statuses), own reference,
                       * or NULL */
};

/*
 * Parse `entry` (borrowed; the caller passes each element of a credentialStatus array, `ptr` being
 * its JSON pointer, e.g. "/credentialStatus/1", for the errors). type BitstringStatusListEntry;
 * statusPurpose a string; statusListIndex a decimal string without sign, spaces or leading zeros
 * that fits a size_t (a non-negative JSON integer is read too, as some issuers write one);
 * statusListCredential an absolute http(s) URL, which an `id` must not repeat; statusSize an
 * integer 1..8 (wider is MC_ERR_UNSUPPORTED) and, above 1, statusMessage. Another status type is
 * MC_ERR_UNSUPPORTED. On success free `out` with mc_status_entry_free.
 */
enum mc_rc mc_status_entry_parse(const json_t *entry, const char *ptr, struct mc_status_entry *out,
                                 struct mc_err *e);
/* Free what the entry holds and zero it. Safe on a zeroed entry. */
void mc_status_entry_free(struct mc_status_entry *s);

/*
 * Validate an entry against the list credential it names (§3.2; `list_cred` borrowed, already
 * fetched from entry->list_url and its proofs verified by the caller). The entry's purpose must be
 * one of the list's (STATUS_VERIFICATION_ERROR otherwise), the list must hold at least
 * MC_STATUS_LIST_MIN_BITS entries of entry->size bits (STATUS_LIST_LENGTH_ERROR) and the index
 * must be inside it (RANGE_ERROR); each is MC_ERR_INVALID with the spec's code in the message.
 * `*set` is whether the entry's status is not 0: revoked, suspended, refresh available, ...
 */
enum mc_rc mc_status_check(const struct mc_status_entry *entry, const json_t *list_cred, bool *set,
                           struct mc_err *e);
/*
 * The same, with the status value (0 .. 2^size - 1) and its message: the matching statusMessage
 * "message", or "unset" / "set" for a 1-bit entry without statusMessage (§2.1). `message` may be
 * NULL; the string is borrowed from the entry.
 */
enum mc_rc mc_status_check_value(const struct mc_status_entry *entry, const json_t *list_cred,
                                 unsigned *value, const char **message, struct mc_err *e);

#endif
