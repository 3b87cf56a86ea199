/* SPDX-License-Identifier: Apache-2.0 */
/* Fuzzes the RFC 3339 parser: whatever parses in UTC without fraction formats back the same. */
#include <stdlib.h>
#include <string.h>

#include "base/time.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *s = (const char *)data;
    int64_t sec;
    int32_t nsec;
    if (mc_time_parse_rfc3339(s, size, &sec, &nsec, NULL) == MC_OK) {
        char out[MC_TIME_RFC3339_SIZE];
        mc_time_format_rfc3339(sec, out);
        int64_t back;
        /* Years past 9999 after an offset are clamped by the formatter; skip those. */
        if (sec >= -62167219200 && sec <= 253402300799 &&
            (mc_time_parse_rfc3339(out, strlen(out), &back, NULL, NULL) || back != sec))
            abort();
    }
    (void)mc_time_parse_date(s, size, &sec, NULL);
    return 0;
}
