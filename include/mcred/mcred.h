/* SPDX-License-Identifier: Apache-2.0 */
/* The public API of libmcred: include this one header. */
#ifndef MCRED_MCRED_H
#define MCRED_MCRED_H

#include "mcred/buf.h"
#include "mcred/error.h"
#include "mcred/str.h"
#include "mcred/version.h"

#endif
