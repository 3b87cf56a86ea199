#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# HTTP throughput and latency of a running `mcred serve` on the demo catalog, measured with wrk
# from a second process on loopback: /healthz, the catalog API and the catalog page, a few
# seconds each, bounded in time. Prints requests per second and latency percentiles.
#   bench/http-load.sh BUILD_DIR [SECONDS]
set -euo pipefail
build="${1:-build}"
seconds="${2:-5}"
mcred="$build/bin/mcred"
if ! command -v wrk >/dev/null; then
  echo "http-load: wrk is not installed (apt-get install wrk); skipped"
  exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mcred-load-XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
"$mcred" demo --db "$tmp/load.db" >/dev/null
"$mcred" serve --db "$tmp/load.db" --listen 127.0.0.1:0 --quiet >"$tmp/out" 2>"$tmp/err" &
pid=$!
base=""
for _ in $(seq 1 100); do
  base=$(grep -Eo 'http://127\.0\.0\.1:[0-9]+' "$tmp/out" | head -1 || true)
  [ -n "$base" ] && break
  sleep 0.1
done
[ -n "$base" ] || { echo "http-load: the server did not start: $(cat "$tmp/err")"; exit 1; }
echo "server: $(nproc) cores shared by server and load generator; wrk -t2 -c32 for ${seconds}s each"
printf '%-40s %12s %10s %10s %10s\n' "path" "requests/s" "p50" "p90" "p99"
for path in /healthz "/api/v1/catalog?type=nano-degree" "/api/v1/catalog?q=data&limit=20" \
    "/catalog?provider=edx"; do
  out=$(wrk -t2 -c32 -d"${seconds}s" --latency "$base$path" 2>&1)
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p90=$(echo "$out" | awk '$1 == "90%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errs=$(echo "$out" | grep -E 'Non-2xx|Socket errors' || true)
  printf '%-40s %12s %10s %10s %10s %s\n' "$path" "$rps" "$p50" "$p90" "$p99" "$errs"
done
rss=$(awk '/VmHWM/ {print $2, $3}' "/proc/$pid/status")
echo "server peak memory (VmHWM): $rss"
