#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make install` gives a usable library: install into a temporary prefix, then build and run a
# program against it with the installed pkg-config file, statically and dynamically.
. "$(dirname "$0")/lib.sh"

build_dir=$(dirname "$(dirname "$MCRED")")
prefix="$TMP/prefix"
check "cmake --install" cmake --install "$build_dir" --prefix "$prefix"
for f in bin/mcred include/mcred/mcred.h include/mcred/version.h include/mcred/buf.h; do
  if [ -e "$prefix/$f" ]; then pass; else fail "$f is not installed"; fi
done
pc=$(find "$prefix" -name mcred.pc | head -1)
if [ -n "$pc" ]; then pass; else fail "mcred.pc is not installed"; fi
export PKG_CONFIG_PATH="$(dirname "$pc")"
# The .pc file was written for the configured prefix; point it at the temporary one.
sed -i "s|^prefix=.*|prefix=$prefix|" "$pc"

cat >"$TMP/use.c" <<'C'
#include <mcred/mcred.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    struct mc_buf b;
    mc_buf_init(&b, 64);
    if (mc_buf_printf(&b, "mcred %s", mc_version()) != MC_OK)
        return 1;
    puts(mc_buf_cstr(&b));
    mc_buf_free(&b);
    return strcmp(mc_version(), MC_VERSION) != 0;
}
C
check "compile against the shared library" \
  sh -c "cc -o '$TMP/use' '$TMP/use.c' \$(pkg-config --cflags --libs mcred)"
check "run it" env LD_LIBRARY_PATH="$(pkg-config --variable=libdir mcred)" "$TMP/use"
check_grep "it prints the version" "^mcred [0-9]" "$TMP/out"
check "compile against the static library" \
  sh -c "cc -o '$TMP/use-static' '$TMP/use.c' \$(pkg-config --cflags mcred) \
         \$(pkg-config --variable=libdir mcred)/libmcred.a \$(pkg-config --static --libs-only-l mcred | sed 's/-lmcred//')"
check "run the static one" "$TMP/use-static"
finish
