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

# served_documents ORG: what a verifier needs for the credentials of organisation ORG, fetched from
# the running server (start_server) while the documents say they live under $PUB: the issuer
# document, its verification method with a context of its own (the JavaScript stack's loader asks
# for it by its id) and the revocation and suspension lists. Sets DOCS (URL=FILE pairs, as
# status.mjs takes them) and MDOCS (the same as options of an offline `mcred verify`).
served_documents() {
  local org="$1" vm d p
  check_status "the issuer document" 200 "/issuers/$org" -H 'Accept: application/ld+json'
  cp "$TMP/body" "$TMP/issuer.json"
  vm=$(python3 - "$TMP/issuer.json" "$TMP/vm.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
vm = dict(doc["verificationMethod"][0])
vm["@context"] = "https://w3id.org/security/multikey/v1"
json.dump(vm, open(sys.argv[2], "w"))
print(doc["assertionMethod"][0])
PY
  )
  for p in revocation suspension; do
    check_status "the $p list" 200 "/status/$org/1/$p"
    cp "$TMP/body" "$TMP/$p.json"
  done
  DOCS=("$PUB/issuers/$org=$TMP/issuer.json" "$vm=$TMP/vm.json"
        "$PUB/status/$org/1/revocation=$TMP/revocation.json"
        "$PUB/status/$org/1/suspension=$TMP/suspension.json")
  MDOCS=(--offline)
  for d in "${DOCS[@]}"; do MDOCS+=(--doc "$d"); done
}
