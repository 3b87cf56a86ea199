/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fetching documents a verifier needs (controller documents, status lists) over the network,
 * safely: https only (redirects too), a size cap, timeouts, and never an address on this machine or
 * a private network (checked on the address actually connected to, so DNS cannot be used to get
 * around it).
 */
#ifndef MC_VC_FETCH_H
#define MC_VC_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "mcred/buf.h"
#include "mcred/error.h"

struct mc_fetch_options {
    size_t max_bytes;   /* 0: 1 MiB */
    long timeout_ms;    /* whole transfer; 0: 5000 */
    bool allow_private; /* tests only: allow loopback and private addresses */
};

/* GET `url` into `out`. Errors name the URL: MC_ERR_FORBIDDEN for a refused scheme or address,
 * MC_ERR_TOO_LARGE past the cap, MC_ERR_IO for network errors and non-2xx answers. */
enum mc_rc mc_fetch(const char *url, const struct mc_fetch_options *o, struct mc_buf *out,
                    struct mc_err *e);

/* Is this IPv4/IPv6 address (network byte order) loopback, private, link-local or otherwise not
 * on the public internet? */
bool mc_fetch_address_is_private(int family, const void *addr);

#endif
