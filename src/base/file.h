/* SPDX-License-Identifier: Apache-2.0 */
/* Reading a whole file (or standard input) with a size cap. */
#ifndef MC_BASE_FILE_H
#define MC_BASE_FILE_H

#include <stddef.h>

#include "mcred/error.h"

/*
 * Read all of `path` ("-" is standard input) into a new heap buffer that is NUL-terminated (the
 * NUL is not counted in *len); the caller frees it. Errors name the file: MC_ERR_NOT_FOUND when it
 * does not exist, MC_ERR_IO when it cannot be opened or read, MC_ERR_TOO_LARGE past `max` bytes.
 */
enum mc_rc mc_file_read(const char *path, size_t max, char **out, size_t *len, struct mc_err *e);

#endif
