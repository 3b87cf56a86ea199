/* SPDX-License-Identifier: Apache-2.0 */
/* The library's version string. */
#include "mcred/version.h"

const char *mc_version(void)
{
    return MC_VERSION;
}
