/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Fuzzes the verify entry point: any text gives a report (never a crash), and a report never
 * calls a credential valid unless its proof verified. One verifier is kept across inputs, as a
 * server keeps one.
 */
#include <stdlib.h>
#include <string.h>

#include "vc/verify.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static struct mc_verifier *v;
    if (!v)
        v = mc_verifier_new(NULL);
    struct mc_verify_options o = { .now = 1700000000, .docs = NULL };
    struct mc_report r;
    mc_report_init(&r);
    mc_verify_text(v, (const char *)data, size, &o, &r);
    bool proof_passed = false;
    for (size_t i = 0; i < r.count; i++)
        if (strcmp(r.checks[i].name, "proof") == 0 && r.checks[i].status != MC_CHECK_FAIL)
            proof_passed = true;
    if (mc_report_valid(&r) && !proof_passed)
        abort(); /* valid without a verified proof */
    mc_report_free(&r);
    return 0;
}
