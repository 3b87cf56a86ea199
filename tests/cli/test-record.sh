#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# mcred record export: a learner's record as a signed CLR 2.0 credential whose own proof verifies;
# the credentials it includes are verified too, each needing its issuer's documents.
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
# The included credentials are verified too, each against its issuer's document and status lists.
DOCS=(--doc "http://127.0.0.1:8080/issuers/google=$TMP/google.json")
for org in microsoft ibm; do
  check "$org's controller document" "$MCRED" key controller --db "$DB" --org "$org" \
    --issuer-url "http://127.0.0.1:8080/issuers/$org"
  cp "$TMP/out" "$TMP/$org.json"
  DOCS+=(--doc "http://127.0.0.1:8080/issuers/$org=$TMP/$org.json")
done
check_exit "offline, without the included credentials' status lists, it is not valid" 1 \
  "$MCRED" verify --json --offline "${DOCS[@]}" "$TMP/clr.json"
check_json "the record's own proof and issuer pass" "$TMP/out" \
  "[c['status'] for c in j[0]['checks'] if c['check'] in ('proof', 'issuer')] == ['pass', 'pass']"
check_json "each included credential fails on its status list only, named by place and id" "$TMP/out" \
  "[c['message'].split(': ')[1] for c in j[0]['checks'] if c['check'] == 'included'] == ['status'] * 3 and all(c['message'].startswith('/credentialSubject/verifiableCredential/%d (urn:uuid:' % i) and 'could not be read (offline' in c['message'] for i, c in enumerate(x for x in j[0]['checks'] if x['check'] == 'included'))"
python3 - "$TMP/clr.json" "$TMP/changed.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["credentialSubject"]["verifiableCredential"][0]["credentialSubject"]["result"][0]["value"] = "100"
json.dump(j, open(sys.argv[2], "w"))
PY
check_exit "a changed inner credential breaks it" 1 "$MCRED" verify --json --offline "${DOCS[@]}" \
  "$TMP/changed.json"
check_json "the record's proof fails, and so does the changed credential's own" "$TMP/out" \
  "any(c['check'] == 'proof' and c['status'] == 'fail' for c in j[0]['checks']) and any(c['check'] == 'included' and ': proof: ' in c['message'] for c in j[0]['checks'])"
check_exit "an unknown learner" 1 "$MCRED" record export --db "$DB" --email nobody@example.org --issuer google
check_exit "an issuer without a key" 1 "$MCRED" record export --db "$DB" --email alex.demo@example.org --issuer edx
check_grep "says so" "signing key" "$TMP/err"
finish
