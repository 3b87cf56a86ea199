#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fails if C sources call a banned function (docs: CONTRIBUTING.md, "Banned functions").
# strtol and friends are allowed only on a line that also says "checked:" in a comment.
set -euo pipefail
cd "$(dirname "$0")/.."

banned='strcpy|strcat|sprintf|vsprintf|strncpy|strtok|gets|atoi|atol|atoll|sscanf'
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find src include tests fuzz bench -name '*.[ch]')
status=0
# A call is the name, not preceded by an identifier character or '.', followed by '('.
if grep -nE "(^|[^A-Za-z0-9_.>])($banned)[[:space:]]*\(" $files; then
  echo "check-banned: the calls above use banned functions; see CONTRIBUTING.md" >&2
  status=1
fi
if grep -nE "(^|[^A-Za-z0-9_.>])(strtol|strtoll|strtoul|strtoull)[[:space:]]*\(" $files \
    | grep -v 'checked:'; then
  echo "check-banned: strtol-family calls must check errno and the end pointer and say" \
       "'checked:' in a comment on the line (or use mc_str_to_i64)" >&2
  status=1
fi
[ $status -eq 0 ] && echo "check-banned: no banned functions in $(echo "$files" | wc -w) files"
exit $status
