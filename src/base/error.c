/* SPDX-License-Identifier: Apache-2.0 */
/* Result code names and the error message struct. */
#include "mcred/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void mc_err_clear(struct mc_err *e)
{
    if (!e)
        return;
    e->rc = MC_OK;
    e->msg[0] = '\0';
    e->where[0] = '\0';
}

enum mc_rc mc_err_vset(struct mc_err *e, enum mc_rc rc, const char *fmt, va_list ap)
{
    if (!e)
        return rc;
    e->rc = rc;
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    return rc;
}

enum mc_rc mc_err_set(struct mc_err *e, enum mc_rc rc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    mc_err_vset(e, rc, fmt, ap);
    va_end(ap);
    return rc;
}

void mc_err_where(struct mc_err *e, const char *fmt, ...)
{
    if (!e)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->where, sizeof e->where, fmt, ap);
    va_end(ap);
}

void mc_err_prefix(struct mc_err *e, const char *fmt, ...)
{
    if (!e)
        return;
    char old[MC_ERR_MSG_MAX];
    memcpy(old, e->msg, sizeof old);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    size_t used = n < 0 ? 0 : (size_t)n;
    if (used > sizeof e->msg - 1)
        used = sizeof e->msg - 1;
    /* Append ": " and the old message, cut to fit. */
    const char *parts[2] = { ": ", old };
    for (int i = 0; i < 2; i++) {
        size_t len = strnlen(parts[i], sizeof old);
        size_t room = sizeof e->msg - 1 - used;
        if (len > room)
            len = room;
        memcpy(e->msg + used, parts[i], len);
        used += len;
    }
    e->msg[used] = '\0';
}

const char *mc_rc_name(enum mc_rc rc)
{
    switch (rc) {
    case MC_OK: return "ok";
    case MC_ERR_INVALID: return "invalid";
    case MC_ERR_NOT_FOUND: return "not_found";
    case MC_ERR_CONFLICT: return "conflict";
    case MC_ERR_TOO_LARGE: return "too_large";
    case MC_ERR_UNSUPPORTED: return "unsupported";
    case MC_ERR_IO: return "io";
    case MC_ERR_DB: return "database";
    case MC_ERR_AUTH: return "unauthenticated";
    case MC_ERR_FORBIDDEN: return "forbidden";
    case MC_ERR_CRYPTO: return "crypto";
    case MC_ERR_INTERNAL: return "internal";
    }
    return "unknown";
}
