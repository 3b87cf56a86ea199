/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzzes the Bitstring Status List readers. The input is decoded as an encodedList: a list that
 * decodes is at least the minimum size and encodes and decodes back to the same bits. It is also
 * parsed as JSON and read as a credentialStatus entry (whose fields must then hold what the parser
 * promises) and as a status list credential, checked against fixed entries.
 */
#include <stdlib.h>
#include <string.h>

#include "base/json.h"
#include "vc/statuslist.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check_decode(const char *s, size_t n)
{
    struct mc_err e;
    struct mc_status_list l, back;
    if (mc_status_list_decode(s, n, &l, &e) != MC_OK) {
        if (l.bits || e.msg[0] == '\0')
            abort(); /* a failure leaves nothing behind and says why */
        return;
    }
    if (l.nbits < MC_STATUS_LIST_MIN_BITS || l.nbits % 8 || l.nbits / 8 > MC_STATUS_LIST_MAX_BYTES)
        abort();
    struct mc_buf text;
    mc_buf_init(&text, (size_t)MC_STATUS_LIST_MAX_BYTES * 4);
    if (mc_status_list_encode(&l, &text, &e) != MC_OK)
        abort();
    if (mc_status_list_decode(text.data, text.len, &back, &e) != MC_OK)
        abort();
    if (back.nbits != l.nbits || memcmp(back.bits, l.bits, l.nbits / 8) != 0)
        abort();
    mc_status_list_free(&back);
    mc_buf_free(&text);
    mc_status_list_free(&l);
}

static void check_entry(const json_t *v)
{
    struct mc_err e;
    struct mc_status_entry s;
    if (mc_status_entry_parse(v, "/credentialStatus", &s, &e) != MC_OK) {
        if (s.list_url || s.messages || e.msg[0] == '\0')
            abort();
        return;
    }
    size_t len = strlen(s.purpose);
    if (!s.list_url || len == 0 || len >= MC_STATUS_PURPOSE_SIZE || s.size < 1 ||
        s.size > MC_STATUS_SIZE_MAX)
        abort();
    if (s.size > 1 && json_array_size(s.messages) != (size_t)1 << s.size)
        abort();
    mc_status_entry_free(&s);
}

static void check_list(const json_t *v)
{
    struct mc_err e;
    char purposes[MC_STATUS_PURPOSES_SIZE];
    struct mc_status_list l;
    if (mc_status_list_from_credential(v, &l, purposes, &e) == MC_OK) {
        if (l.nbits < MC_STATUS_LIST_MIN_BITS || purposes[0] == '\0')
            abort();
        mc_status_list_free(&l);
    } else if (l.bits) {
        abort();
    }
    /* Fixed entries against whatever the input is, as a verifier meets them. */
    static const unsigned sizes[] = { 1, 2, 8 };
    static const size_t indexes[] = { 0, 23, 131071, 131072, SIZE_MAX };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        struct mc_status_entry s = { .purpose = "revocation",
                                     .index = indexes[i + 1],
                                     .size = sizes[i],
                                     .list_url = (char *)"https://example.com/status/1" };
        unsigned value = 0;
        const char *message = NULL;
        if (mc_status_check_value(&s, v, &value, &message, &e) == MC_OK &&
            (value >> s.size || (s.size == 1 && !message)))
            abort();
    }
    struct mc_status_entry any = { .purpose = "suspension", .index = indexes[0], .size = 1 };
    bool set;
    (void)mc_status_check(&any, v, &set, &e);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *s = (const char *)data;
    check_decode(s, size);
    json_t *v = NULL;
    if (mc_json_parse(s, size, 0, NULL, &v, NULL) != MC_OK)
        return 0;
    check_entry(v);
    if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach (v, i, item) {
            check_entry(item);
        }
    }
    check_list(v);
    json_decref(v);
    return 0;
}
