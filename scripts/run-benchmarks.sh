#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every benchmark in BUILD_DIR and prints the machine first, so figures carry their context.
set -euo pipefail
build="${1:-build}"
echo "machine: $(uname -srm); $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "memory: $(free -h | awk '/Mem:/ {print $2}')"
found=0
for bin in "$build"/bench-*; do
  [ -x "$bin" ] || continue
  found=1
  echo "== $(basename "$bin")"
  "$bin"
done
[ $found -eq 1 ] || echo "no benchmarks built in $build"
echo "== canon-jsonld (mcred vs jsonld.js)"
MCRED="$build/bin/mcred" bash "$(dirname "$0")/../bench/canon-jsonld.sh" 1000 --check
echo "== vc (issue and verify, mcred vs the Digital Bazaar stack)"
bash "$(dirname "$0")/../bench/vc.sh" 1000 "$build"
echo "== http-load"
bash "$(dirname "$0")/../bench/http-load.sh" "$build" "${HTTP_LOAD_SECONDS:-5}"
