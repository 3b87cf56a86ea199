/* SPDX-License-Identifier: Apache-2.0 */
/* Files compiled into the binary (migrations, templates, demo data), so it runs from anywhere. */
#ifndef MC_BASE_EMBED_H
#define MC_BASE_EMBED_H

#include <stddef.h>

/* One embedded file. `data` holds `len` bytes followed by a NUL that `len` does not count. */
struct mc_embed_file {
    const char *path; /* relative to the embedded folder, '/'-separated, e.g. "0001-init.sql" */
    const unsigned char *data;
    size_t len;
};

/* A folder of embedded files, sorted by path (byte order). */
struct mc_embed_dir {
    const char *name;
    const struct mc_embed_file *files;
    size_t count;
};

/* The file at `path`, or NULL. Borrowed, static storage. */
const struct mc_embed_file *mc_embed_find(const struct mc_embed_dir *dir, const char *path);

/* The folders the build embeds (cmake/embed.cmake writes them; see CMakeLists.txt). */
extern const struct mc_embed_dir mc_embed_sqlite_migrations; /* src/store/sqlite/migrations/ */
extern const struct mc_embed_dir mc_embed_demo;              /* data/demo/ */
extern const struct mc_embed_dir mc_embed_contexts;          /* data/contexts/ (JSON-LD) */
extern const struct mc_embed_dir mc_embed_schemas;           /* data/schemas/ (JSON Schema) */
extern const struct mc_embed_dir mc_embed_templates;         /* src/http/templates/ (http only) */

#endif
