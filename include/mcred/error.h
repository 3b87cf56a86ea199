/* SPDX-License-Identifier: Apache-2.0 */
/* Result codes and the error message struct every fallible function fills in. */
#ifndef MCRED_ERROR_H
#define MCRED_ERROR_H

#include <stdarg.h>

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Result codes. 0 is success; every fallible function returns one of these and, when it fails,
 * describes the failure for people in a struct mc_err the caller passed in (which may be NULL).
 */
enum mc_rc {
    MC_OK = 0,
    MC_ERR_INVALID,     /* the input is malformed or breaks a rule */
    MC_ERR_NOT_FOUND,   /* the thing asked for does not exist */
    MC_ERR_CONFLICT,    /* it exists already, or the change clashes with stored state */
    MC_ERR_TOO_LARGE,   /* a size, count, depth or work limit was reached */
    MC_ERR_UNSUPPORTED, /* well-formed, but not something we implement */
    MC_ERR_IO,          /* reading or writing a file or socket failed */
    MC_ERR_DB,          /* the database failed */
    MC_ERR_AUTH,        /* not authenticated */
    MC_ERR_FORBIDDEN,   /* authenticated, but not allowed */
    MC_ERR_CRYPTO,      /* a signature or key did not check out */
    MC_ERR_INTERNAL,    /* a bug or an impossible state */
};

#define MC_ERR_MSG_MAX   512
#define MC_ERR_WHERE_MAX 160

/*
 * What went wrong, for a person: `msg` says what and what to do; `where` names the place
 * (file:line:column, JSON pointer, CSV row and column, query parameter, ...). Both are always
 * NUL-terminated; an empty `where` means no particular place.
 */
struct mc_err {
    enum mc_rc rc;
    char msg[MC_ERR_MSG_MAX];
    char where[MC_ERR_WHERE_MAX];
};

/* Reset `e` to "no error". `e` may be NULL. */
void mc_err_clear(struct mc_err *e);

/*
 * Record a failure in `e` (which may be NULL) with a printf-style message and return `rc`, so a
 * caller can write `return mc_err_set(e, MC_ERR_INVALID, "bad %s", what);`. The message is cut
 * to fit. The place is left as it was.
 */
enum mc_rc mc_err_set(struct mc_err *e, enum mc_rc rc, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* The same with a va_list, for a module's own printf-style failure helper. */
enum mc_rc mc_err_vset(struct mc_err *e, enum mc_rc rc, const char *fmt, va_list ap)
        __attribute__((format(printf, 3, 0)));

/* Set the place of an error (printf-style), keeping its code and message. `e` may be NULL. */
void mc_err_where(struct mc_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Put `prefix: ` before the current message, e.g. to say which file a parse error came from.
 * `e` may be NULL.
 */
void mc_err_prefix(struct mc_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A stable lower-case name for a result code ("invalid", "not_found", ...), for logs and JSON. */
const char *mc_rc_name(enum mc_rc rc);

#ifdef __cplusplus
}
#endif

#endif
