/* SPDX-License-Identifier: Apache-2.0 */
/* Random bytes from getrandom(2) and ids made of them. */
#include "base/random.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "base/base58.h"

void mc_random_bytes(void *p, size_t n)
{
    unsigned char *b = p;
    while (n > 0) {
        ssize_t got = getrandom(b, n, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            fprintf(stderr, "mcred: the kernel's random generator failed: %s\n", strerror(errno));
            abort();
        }
        b += got;
        n -= (size_t)got;
    }
}

uint64_t mc_random_below(uint64_t bound)
{
    if (bound == 0) {
        fprintf(stderr, "mcred: mc_random_below(0) has no answer\n");
        abort(); /* a programmer error: no caller passes a bound from outside unchecked */
    }
    /* Reject the top of the range that does not divide evenly by bound. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    for (;;) {
        uint64_t x;
        mc_random_bytes(&x, sizeof x);
        if (x < limit)
            return x % bound;
    }
}

void mc_random_uuid(char out[MC_UUID_SIZE])
{
    unsigned char b[16];
    mc_random_bytes(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    static const char hex[] = "0123456789abcdef";
    size_t j = 0;
    for (size_t i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[j++] = '-';
        out[j++] = hex[b[i] >> 4];
        out[j++] = hex[b[i] & 15];
    }
    out[j] = '\0';
}

void mc_random_urn_uuid(char out[MC_URN_UUID_SIZE])
{
    memcpy(out, "urn:uuid:", 9);
    mc_random_uuid(out + 9);
}

void mc_random_id(char out[MC_RANDOM_ID_SIZE])
{
    unsigned char b[16];
    mc_random_bytes(b, sizeof b);
    struct mc_buf buf;
    mc_buf_init(&buf, MC_RANDOM_ID_SIZE - 1);
    if (mc_b58_encode(&buf, b, sizeof b)) {
        fprintf(stderr, "mcred: base58 of 16 bytes did not fit\n");
        abort();
    }
    memcpy(out, buf.data, buf.len + 1);
    mc_buf_free(&buf);
}
