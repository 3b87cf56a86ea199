#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A stacked credential end to end: a provider sets a program's stacking rule through the API; a
# learner earns its three micro-credentials (from two issuers); the program's credential is
# issued with the third, and verifies with mcred and with the Digital Bazaar stack (given the
# issuer document and status lists the server serves); revoking one part suspends it, and both
# verifiers then say so.
. "$(dirname "$0")/lib.sh"
need_npm @digitalbazaar/vc @digitalbazaar/vc-bitstring-status-list
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
export MCRED_PWHASH_FAST=1

DB="$TMP/s.db"
PUB=https://creds.example.org
PROGRAM=edx-ibm-microbachelors-programming-data
check "demo data" "$MCRED" demo --db "$DB"
check "google's key" "$MCRED" key rotate --db "$DB" --org google
check "ibm's key" "$MCRED" key rotate --db "$DB" --org ibm
check "a learner" "$MCRED" user add --db "$DB" --email lea@example.org --name Lea
check "ibm's catalog admin" "$MCRED" user add --db "$DB" --email cat@ibm.example --name C --org ibm --role issuer-admin
TA=$("$MCRED" token create --db "$DB" --email cat@ibm.example --name t --scopes "catalog:write" 2>/dev/null)
TL=$("$MCRED" token create --db "$DB" --email lea@example.org --name t \
  --scopes "profile:read https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly" 2>/dev/null)
issue() { # issue ACHIEVEMENT: the id of the credential issued to lea
  "$MCRED" issue --db "$DB" --public-url "$PUB" --achievement "$1" --email lea@example.org \
    --name Lea >"$TMP/out" 2>"$TMP/err" && grep -Eo 'urn:uuid:[0-9a-f-]+' "$TMP/out" | head -1; }
ID1=$(issue coursera-google-data-analytics)
[ -n "$ID1" ] && pass || fail "the first part: $(cat "$TMP/err")"

start_server "$DB"
code=$(curl -s -o "$TMP/body" -w '%{http_code}' -X PUT -H "Authorization: Bearer $TA" \
  -H 'Content-Type: application/json' "$BASE/api/v1/programs/$PROGRAM/rule" --data-binary \
  '{"all-of": [{"achievement": "coursera-ibm-data-science"}, {"achievement": "ibm-blockchain-essentials"}, {"achievement": "coursera-google-data-analytics"}]}')
[ "$code" = 200 ] && pass || fail "the rule: $code $(head -c 300 "$TMP/body")"

ID2=$(issue coursera-ibm-data-science)
[ -n "$ID2" ] && pass || fail "the second part: $(cat "$TMP/err")"
check_status "two of three: progress" 200 /api/v1/progress -H "Authorization: Bearer $TL"
check_json "not met yet, one part missing" "$TMP/body" \
  "any(i['program'] == '$PROGRAM' and not i['met'] and i['progress']['rule']['parts_met'] == 2 for i in j['items'])"
ID3=$(issue ibm-blockchain-essentials)
[ -n "$ID3" ] && pass || fail "the third part: $(cat "$TMP/err")"
check_status "the learner's credentials" 200 /ims/ob/v3p0/credentials -H "Authorization: Bearer $TL"
python3 - "$TMP/body" "$TMP/stacked.json" <<'PY'
import json, sys
creds = json.load(open(sys.argv[1]))["credential"]
stacked = [c for c in creds if "MicroBachelors" in c["credentialSubject"]["achievement"]["name"]]
if len(creds) == 4 and len(stacked) == 1:
    json.dump(stacked[0], open(sys.argv[2], "w"))
PY
[ -s "$TMP/stacked.json" ] && pass || fail "the stacked credential came with the third part: $(head -c 600 "$TMP/body")"
check_status "progress: met" 200 /api/v1/progress -H "Authorization: Bearer $TL"
check_json "the stack is met" "$TMP/body" "any(i['program'] == '$PROGRAM' and i['met'] for i in j['items'])"

served_documents ibm
check "the JavaScript stack verifies the stacked credential" node "$JS/status.mjs" check "$CTX" "${DOCS[@]}" "$TMP/stacked.json"
check_grep "ok there" "^stacked.json: ok$" "$TMP/out"
check "mcred verifies it" "$MCRED" verify "${MDOCS[@]}" "$TMP/stacked.json"

check "one part is revoked" "$MCRED" revoke "$ID3" --db "$DB" --reason "issued in error"
served_documents ibm
check_exit "the JavaScript stack finds the stacked credential suspended" 1 node "$JS/status.mjs" check "$CTX" "${DOCS[@]}" "$TMP/stacked.json"
check_grep "suspended there" "^stacked.json: suspended$" "$TMP/out"
check_exit "mcred finds it suspended" 1 "$MCRED" verify "${MDOCS[@]}" "$TMP/stacked.json"
check_grep "the suspension named" "suspend" "$TMP/out"
finish
