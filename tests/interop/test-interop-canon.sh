#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Interop: mcred and the JavaScript reference stack (jsonld.js + rdf-canonize, from npm, with a
# static loader over the same bundled contexts) must give byte-identical canonical N-Quads for a
# corpus of distinct Open Badges 3.0 credentials. The npm packages are installed on first use.
. "$(dirname "$0")/../cli/lib.sh"
SRC="${MC_SOURCE_DIR:-.}"
REF="$SRC/bench/jsonld-ref"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  fail "node and npm are needed for the interop test (scripts/deps.sh test installs them)"
  echo "test-interop-canon: $PASSED passed, $FAILED failed"
  exit 1
fi
if [ ! -d "$REF/node_modules/jsonld" ]; then
  # A lock so that parallel test runs (plain and sanitizer builds) install once.
  ( flock 9; [ -d "$REF/node_modules/jsonld" ] || npm ci --prefix "$REF" --no-audit --no-fund --silent ) \
    9>"$REF/.install-lock" || { fail "npm ci in bench/jsonld-ref failed"; exit 1; }
fi

check "corpus" python3 "$SRC/bench/ob3-corpus.py" --count 300 "$TMP/ob3.jsonl"
check "mcred canonicalizes the corpus" "$MCRED" rdf canon-jsonld --batch "$TMP/ob3.jsonl" --check "$TMP/c.nq"
check_grep "mcred did all 300" "^mcred: 300 documents" "$TMP/out"
check "jsonld.js canonicalizes the corpus" node "$REF/canon.mjs" "$SRC/data/contexts" "$TMP/ob3.jsonl" --warmup 0 --check "$TMP/js.nq"
if cmp -s "$TMP/c.nq" "$TMP/js.nq"; then
  pass
else
  fail "canonical N-Quads differ from jsonld.js: $(diff "$TMP/c.nq" "$TMP/js.nq" | head -20)"
fi
# And the other way: the N-Quads jsonld.js produced are a fixed point of mcred's canonicalizer.
for n in 1 2 3 50 300; do
  awk -v want="$n" '/^# doc /{d++; next} d==want' "$TMP/js.nq" > "$TMP/js1.nq"
  check "mcred re-canonicalizes jsonld.js output for doc $n" "$MCRED" rdf canon "$TMP/js1.nq"
  if cmp -s "$TMP/out" "$TMP/js1.nq"; then pass; else fail "jsonld.js doc $n is not canonical for mcred"; fi
done

echo "test-interop-canon: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
