#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian packages Microcred needs that are not installed yet: the one list of them.
#   scripts/deps.sh run    what building and running needs
#   scripts/deps.sh test   that, plus what the tests use
#   scripts/deps.sh ci     that, plus the fuzzers' and the style checks' tools
#   scripts/deps.sh bench  what building needs, plus the HTTP load generator
set -euo pipefail

run_pkgs=(
  build-essential cmake ninja-build pkg-config
  libjansson-dev      # JSON
  libsqlite3-dev      # the embedded store
  libmicrohttpd-dev   # the HTTP server
  libsodium-dev       # Ed25519, secretbox, argon2id
  libssl-dev          # SHA-2, RSA/ECDSA for VC-JWT
  zlib1g-dev          # GZIP of status lists, PNG baking
  libcurl4-openssl-dev # fetching status lists, did:web, OB 2.0 hosted assertions
  libcsv-dev          # bulk-issue CSV
  libqrencode-dev     # QR codes on credential pages
  ca-certificates
)
test_pkgs=(curl sqlite3 python3 nodejs npm qrencode) # nodejs, npm: the JavaScript reference stack for interop tests; qrencode: an independent QR encoder test-qr compares with
ci_pkgs=(clang libclang-rt-14-dev clang-format git)
bench_pkgs=(wrk nodejs npm python3) # nodejs, npm: the JavaScript reference stack in bench/jsonld-ref

what="${1:-run}"
case "$what" in
  run) want=("${run_pkgs[@]}") ;;
  test) want=("${run_pkgs[@]}" "${test_pkgs[@]}") ;;
  ci) want=("${run_pkgs[@]}" "${test_pkgs[@]}" "${ci_pkgs[@]}") ;;
  bench) want=("${run_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: scripts/deps.sh run|test|ci|bench" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  # A Node.js installed outside Debian's packages will do.
  if { [ "$p" = nodejs ] && command -v node >/dev/null; } || { [ "$p" = npm ] && command -v npm >/dev/null; }; then
    continue
  fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "scripts/deps.sh: these packages are missing and this is not root (and there is no sudo):" >&2
    echo "  ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
