#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# mcred rdf: JSON-LD to N-Quads, canonical N-Quads, batches, loaders, and every kind of error.
. "$(dirname "$0")/lib.sh"
SRC="${MC_SOURCE_DIR:-.}"
V="$SRC/tests/fixtures/vc-di-eddsa"; R="$V/eddsa-rdfc-2022"

# The eddsa-rdfc-2022 vectors: JSON-LD in, the canonical N-Quads the proof hashes out.
check "canon-jsonld of the VC vector" "$MCRED" rdf canon-jsonld "$V/unsigned.json"
if diff "$TMP/out" "$R/canonDocDataInt.txt" >/dev/null; then pass; else
  fail "canon-jsonld output differs from canonDocDataInt.txt"; fi
check "canon-jsonld from stdin" "$MCRED" rdf canon-jsonld - < "$R/proofConfigDataInt.json"
if diff "$TMP/out" "$R/proofCanonDataInt.txt" >/dev/null; then pass; else
  fail "canon-jsonld output differs from proofCanonDataInt.txt"; fi
check "from-jsonld" "$MCRED" rdf from-jsonld "$V/unsigned.json"
check_grep "from-jsonld writes N-Quads" '^<urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://schema.org/name> "Alumni Credential" \.$' "$TMP/out"

# The N-Quads side: canon reads what from-jsonld writes; --map gives the blank node labels.
"$MCRED" rdf from-jsonld "$V/unsigned.json" > "$TMP/u.nq"
check "canon of N-Quads" "$MCRED" rdf canon "$TMP/u.nq"
if diff "$TMP/out" "$R/canonDocDataInt.txt" >/dev/null; then pass; else
  fail "canon of from-jsonld output differs from canon-jsonld"; fi
printf '_:x <http://e/p> _:y .\n_:y <http://e/q> "v" .\n' > "$TMP/b.nq"
check "canon --map" "$MCRED" rdf canon --map "$TMP/b.nq"
check_json "map has both labels" "$TMP/out" "sorted(j) == ['x', 'y'] and sorted(j.values()) == ['c14n0', 'c14n1']"
check "canon --hash sha384" "$MCRED" rdf canon --hash sha384 "$TMP/b.nq"
check_exit "canon of bad N-Quads" 1 "$MCRED" rdf canon - <<< '<http://e/s> <http://e/p> .'
check_grep "the N-Quads error has a place" "line 1" "$TMP/err"

# Options and loaders.
mkdir -p "$TMP/ctx"
printf '{"@context": {"name": "http://schema.org/name"}}\n' > "$TMP/ctx/c.jsonld"
printf '{"@context": "https://contexts.test/c.jsonld", "@id": "http://e/a", "name": "A"}\n' > "$TMP/local.json"
check_exit "an unknown context is not fetched" 1 "$MCRED" rdf from-jsonld "$TMP/local.json"
check_grep "the error code is the spec's" "loading remote context failed" "$TMP/err"
check "--local serves a directory" "$MCRED" rdf from-jsonld --local "https://contexts.test/=$TMP/ctx" "$TMP/local.json"
check_grep "--local context applied" '^<http://e/a> <http://schema.org/name> "A" \.$' "$TMP/out"
printf '{"@id": "http://e/a", "name": "B"}\n' > "$TMP/bare.json"
check "--expand-context" "$MCRED" rdf from-jsonld --expand-context "$TMP/ctx/c.jsonld" "$TMP/bare.json"
check_grep "--expand-context applied" '"B"' "$TMP/out"
printf '{"@id": "rel", "http://e/p": "x"}\n' > "$TMP/rel.json"
check "--base" "$MCRED" rdf from-jsonld --base https://base.test/dir/ "$TMP/rel.json"
check_grep "--base resolves @id" '^<https://base.test/dir/rel> ' "$TMP/out"
printf '{"@context": {"@version": 1.1}, "http://e/p": "x"}\n' > "$TMP/v11.json"
check_exit "1.1 context in 1.0 mode" 1 "$MCRED" rdf from-jsonld --processing-mode json-ld-1.0 "$TMP/v11.json"
check_grep "processing mode conflict" "processing mode conflict" "$TMP/err"
printf '{"http://e/p": {"@value": "x", "@language": "ar", "@direction": "rtl"}}\n' > "$TMP/dir.json"
check "--rdf-direction i18n-datatype" "$MCRED" rdf from-jsonld --rdf-direction i18n-datatype "$TMP/dir.json"
check_grep "i18n datatype" 'https://www.w3.org/ns/i18n#ar_rtl' "$TMP/out"
check "--rdf-direction compound-literal" "$MCRED" rdf from-jsonld --rdf-direction compound-literal "$TMP/dir.json"
check_grep "compound literal" 'rdf-syntax-ns#direction> "rtl"' "$TMP/out"

# Errors: JSON-LD error codes, the place, exit 1.
printf '{"@context": ["https://www.w3.org/ns/credentials/v2", {"id": "http://e/id"}]}\n' > "$TMP/prot.json"
check_exit "protected term" 1 "$MCRED" rdf from-jsonld "$TMP/prot.json"
check_grep "protected term redefinition" "protected term redefinition" "$TMP/err"
printf '{"@id": 5}\n' > "$TMP/id.json"
check_exit "bad @id" 1 "$MCRED" rdf from-jsonld "$TMP/id.json"
check_grep "invalid @id value at /@id" "invalid @id value.*/@id" "$TMP/err"
printf '{"a": [1, \n' > "$TMP/broken.json"
check_exit "not JSON" 1 "$MCRED" rdf from-jsonld "$TMP/broken.json"
check_grep "loading document failed with a line" "loading document failed.*line 2" "$TMP/err"
check_exit "missing file" 1 "$MCRED" rdf from-jsonld "$TMP/none.json"

# Usage errors exit 2.
check_exit "bad processing mode" 2 "$MCRED" rdf from-jsonld --processing-mode json-ld-2.0 "$TMP/id.json"
check_exit "bad rdf direction" 2 "$MCRED" rdf from-jsonld --rdf-direction sideways "$TMP/id.json"
check_exit "--local without =" 2 "$MCRED" rdf from-jsonld --local nowhere "$TMP/id.json"
check_exit "--batch on from-jsonld" 2 "$MCRED" rdf from-jsonld --batch "$TMP/id.json"
check_exit "--check without --batch" 2 "$MCRED" rdf canon-jsonld --check "$TMP/x.nq" "$TMP/id.json"
check_exit "two inputs" 2 "$MCRED" rdf canon-jsonld "$TMP/id.json" "$TMP/id.json"

# Batches: a summary with the count and rate; a bad line is reported by number, the rest done.
{ tr -d '\n' < "$V/unsigned.json"; echo; echo '{"@id": 5}'; tr -d '\n' < "$R/proofConfigDataInt.json"; echo; } > "$TMP/batch.jsonl"
check_exit "batch with a bad line" 1 "$MCRED" rdf canon-jsonld --batch "$TMP/batch.jsonl" --check "$TMP/batch.nq"
check_grep "summary" "^mcred: 2 documents in .* docs/s" "$TMP/out"
check_grep "the bad line is named" "line 2: invalid @id value" "$TMP/err"
check_grep "check output has doc 1" "^# doc 1$" "$TMP/batch.nq"
check_grep "check output has doc 3" "^# doc 3$" "$TMP/batch.nq"
head -1 "$TMP/batch.jsonl" > "$TMP/one.jsonl"
check "batch of one" "$MCRED" rdf canon-jsonld --batch "$TMP/one.jsonl"

echo "test-rdf: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
