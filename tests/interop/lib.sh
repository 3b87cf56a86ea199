# SPDX-License-Identifier: Apache-2.0
# Sourced by the interop tests: tests/cli/lib.sh (mcred, a temporary directory, check and fail),
# SRC (the source tree), JS (this directory, with the npm packages) and CTX (the bundled contexts).
# need_npm PACKAGE... installs the packages of tests/interop/package-lock.json on first use, once,
# under a lock shared by the tests running in parallel. A fresh tree gets `npm ci`; a tree
# installed before a package was added gets the missing ones with `npm install --no-save`, which
# leaves the installed ones in place for tests using them.
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"
SRC="${MC_SOURCE_DIR:-.}"
JS="$SRC/tests/interop"
CTX="$SRC/data/contexts"

need_npm() {
  local js="$JS" p missing=""
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    fail "node and npm are needed for the interop tests (scripts/deps.sh test installs them)"
    exit 1
  fi
  for p in "$@"; do [ -d "$js/node_modules/$p" ] || missing="$missing $p"; done
  [ -z "$missing" ] && return 0
  (
    flock 9
    missing=""
    for p in "$@"; do [ -d "$js/node_modules/$p" ] || missing="$missing $p"; done
    [ -z "$missing" ] && exit 0
    if [ -d "$js/node_modules/@digitalbazaar/vc" ]; then
      npm install --prefix "$js" --no-save --no-audit --no-fund --silent
    else
      npm ci --prefix "$js" --no-audit --no-fund --silent
    fi
  ) 9>"$js/.install-lock" || { fail "installing the npm packages in tests/interop failed"; exit 1; }
}
