#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fails if a C file differs from what clang-format (with the checked-in .clang-format) makes of it.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.c' '*.h' '*.h.in' 2>/dev/null | grep -v '\.h\.in$' || true)
[ -z "$files" ] && files=$(find src include tests fuzz bench -name '*.[ch]')
bad=0
for f in $files; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "check-format: $f is not formatted; run 'make format'" >&2
    bad=$((bad + 1))
  fi
done
if [ $bad -ne 0 ]; then
  echo "check-format: $bad file(s) need formatting" >&2
  exit 1
fi
echo "check-format: $(echo "$files" | wc -w) files formatted"
