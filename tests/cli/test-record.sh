#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# mcred record export: a learner's record as a signed CLR 2.0 credential that verifies.
. "$(dirname "$0")/lib.sh"
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
DB="$TMP/r.db"
check "demo with credentials" "$MCRED" demo --db "$DB" --with-credentials
check "export" "$MCRED" record export --db "$DB" --email alex.demo@example.org --issuer google
cp "$TMP/out" "$TMP/clr.json"
check_json "a ClrCredential with the learner's three credentials, each with its proof" \
  "$TMP/clr.json" \
  "'ClrCredential' in j['type'] and len(j['credentialSubject']['verifiableCredential']) == 3 and all('proof' in c for c in j['credentialSubject']['verifiableCredential'])"
check_json "the learner is a hashed identity, never the address in clear" "$TMP/clr.json" \
  "'alex.demo@example.org' not in json.dumps(j) and j['credentialSubject']['identifier'][0]['hashed']"
check "the issuer's controller document" "$MCRED" key controller --db "$DB" --org google \
  --issuer-url http://127.0.0.1:8080/issuers/google
cp "$TMP/out" "$TMP/google.json"
check "it verifies" "$MCRED" verify --offline --doc "http://127.0.0.1:8080/issuers/google=$TMP/google.json" "$TMP/clr.json"
python3 - "$TMP/clr.json" "$TMP/changed.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["credentialSubject"]["verifiableCredential"][0]["credentialSubject"]["result"][0]["value"] = "100"
json.dump(j, open(sys.argv[2], "w"))
PY
check_exit "a changed inner credential breaks it" 1 "$MCRED" verify --offline \
  --doc "http://127.0.0.1:8080/issuers/google=$TMP/google.json" "$TMP/changed.json"
check_exit "an unknown learner" 1 "$MCRED" record export --db "$DB" --email nobody@example.org --issuer google
check_exit "an issuer without a key" 1 "$MCRED" record export --db "$DB" --email alex.demo@example.org --issuer edx
check_grep "says so" "signing key" "$TMP/err"
finish
