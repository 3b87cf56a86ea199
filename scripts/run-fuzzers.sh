#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every fuzzer built in BUILD_DIR for SECONDS each, with its dictionary and a corpus kept in
# fuzz/corpus-<name>/ (ignored by git). Fails if any fuzzer finds a crash.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build-fuzz}"
seconds="${2:-30}"
status=0
count=0
for bin in "$build"/*-fuzzer; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin" -fuzzer)
  corpus="fuzz/corpus-$name"
  mkdir -p "$corpus"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=0)
  [ -f "fuzz/$name.dict" ] && args+=(-dict="fuzz/$name.dict")
  [ -d "fuzz/seeds/$name" ] && seeds=("fuzz/seeds/$name") || seeds=()
  echo "fuzz: $name for ${seconds}s"
  if ! "$bin" "${args[@]}" "$corpus" "${seeds[@]}" > "$build/$name.log" 2>&1; then
    echo "fuzz: $name FAILED; see $build/$name.log" >&2
    tail -40 "$build/$name.log" >&2
    status=1
  fi
  count=$((count + 1))
done
echo "fuzz: ran $count fuzzers"
exit $status
