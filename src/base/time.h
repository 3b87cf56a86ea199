/* SPDX-License-Identifier: Apache-2.0 */
/* RFC 3339 date-times and dates, and the clocks. */
#ifndef MC_BASE_TIME_H
#define MC_BASE_TIME_H

#include <stddef.h>
#include <stdint.h>

#include "mcred/error.h"

/* "YYYY-MM-DDTHH:MM:SSZ" plus its NUL; with milliseconds "…SS.mmmZ". */
#define MC_TIME_RFC3339_SIZE    21
#define MC_TIME_RFC3339_MS_SIZE 25

/*
 * Parse an RFC 3339 date-time (section 5.6): "T" or "t" (or a space, as section 5.6's note allows)
 * between date and time, optional fraction (up to 9 digits are kept), "Z"/"z" or a ±hh:mm offset.
 * Years 0000..9999; days checked against the month and leap years; a leap second (:60) is read as
 * :59 of the same minute. The result is Unix seconds (UTC) and nanoseconds; `nsec` may be NULL.
 * Anything else is MC_ERR_INVALID naming the offset of the problem.
 */
enum mc_rc mc_time_parse_rfc3339(const char *p, size_t len, int64_t *sec, int32_t *nsec,
                                 struct mc_err *e);
/* Parse a full-date "YYYY-MM-DD" as its midnight UTC. */
enum mc_rc mc_time_parse_date(const char *p, size_t len, int64_t *sec, struct mc_err *e);

/* Format Unix seconds as "YYYY-MM-DDTHH:MM:SSZ" (UTC). Years outside 0000..9999 are clamped. */
void mc_time_format_rfc3339(int64_t sec, char out[MC_TIME_RFC3339_SIZE]);
/* The same with milliseconds: "YYYY-MM-DDTHH:MM:SS.mmmZ". */
void mc_time_format_rfc3339_ms(int64_t sec, int32_t nsec, char out[MC_TIME_RFC3339_MS_SIZE]);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (for any int64 day count the
 * year fits in). */
int64_t mc_time_days_from_civil(int64_t y, unsigned m, unsigned d);
void mc_time_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

/* Now, as Unix seconds (CLOCK_REALTIME). */
int64_t mc_time_now(void);
/* A monotonic clock in nanoseconds, for durations. */
int64_t mc_time_mono_ns(void);

#endif
