#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Issue and verify COUNT (default 1000) distinct Open Badges 3.0 credentials (eddsa-rdfc-2022)
# with mcred and with the Digital Bazaar JavaScript stack in the same run; print both rates, the
# ratios and peak memory. Usage (from the repository root): bash bench/vc.sh [COUNT] [BUILD_DIR]
# ROUNDS (default 3) sets how many times the two stacks take turns.
set -euo pipefail
count="${1:-1000}"
build="${2:-build}"
case "$count" in ''|*[!0-9]*) echo "vc.sh: COUNT must be a number" >&2; exit 2 ;; esac
bench="$build/bench-vc"
if [ ! -x "$bench" ]; then
  echo "vc.sh: $bench is missing; build with -DMC_BENCH=ON (make bench does)" >&2
  exit 2
fi
echo "machine: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
mkdir -p "$build/bench"
corpus="$build/bench/ob3-$count.jsonl"
[ -f "$corpus" ] || python3 bench/ob3-corpus.py --count "$count" "$corpus" >/dev/null
if [ ! -d tests/interop/node_modules/@digitalbazaar/vc ]; then
  npm ci --prefix tests/interop --no-audit --no-fund --silent
fi
signed="$build/bench/ob3-$count.signed.jsonl"
# The machines here change pace from one moment to the next, and each side's pass lasts seconds at
# most: the two stacks take turns ROUNDS times, and each round's ratios compare passes run next to
# each other. The median of the rounds is the figure.
rounds="${ROUNDS:-3}"
rate() { grep "$1" <<<"$2" | sed -E 's/.* ([0-9.]+)\/s.*/\1/'; }
ratios=""
for round in $(seq "$rounds"); do
  echo "-- round $round of $rounds"
  c_out=$("$bench" "$corpus" "$signed")
  echo "$c_out"
  js_out=$(node tests/interop/di.mjs bench data/contexts "$corpus" "$signed")
  echo "$js_out"
  ci=$(rate "mcred issue" "$c_out"); cv=$(rate "mcred verify" "$c_out")
  ji=$(rate "JS issue" "$js_out"); jv=$(rate "JS verify" "$js_out")
  tree_raw=$(grep "verify / raw" <<<"$c_out" | sed -E 's/.* = ([0-9.]+)x.*/\1/')
  text_raw=$(grep "verify from text" <<<"$c_out" | sed -E 's/.* ratio ([0-9.]+)x.*/\1/')
  ratios+="$(awk -v ci="$ci" -v cv="$cv" -v ji="$ji" -v jv="$jv" -v tr="$tree_raw" -v xr="$text_raw" \
    'BEGIN { printf "%.1f %.1f %.2f %.2f", ci / ji, cv / jv, tr, xr }')"$'\n'
done
# median COLUMN DIGITS TEXT: the median of one column of the rounds' ratios, then every round's.
median() {
  sort -n -k"$1,$1" <<<"${ratios%$'\n'}" | awk -v col="$1" -v d="$2" -v text="$3" '{ a[NR] = $col } END {
    printf "%s: %.*fx (median of %d rounds;", text, d, a[int((NR + 1) / 2)], NR
    for (i = 1; i <= NR; i++) printf " %.*fx", d, a[i]
    print ")" }'
}
median 1 1 "ratio issue  mcred/JS"
median 2 1 "ratio verify mcred/JS"
median 3 2 "verify / raw Ed25519, trees read beforehand"
median 4 2 "verify / raw Ed25519, from text"
