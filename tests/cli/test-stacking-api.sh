#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Stacking rules through the API: checked on save (unknown parts and cycles named by their JSON
# pointer), stored canonical, and a learner's progress toward every stack.
. "$(dirname "$0")/lib.sh"
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
export MCRED_PWHASH_FAST=1
DB="$TMP/s.db"
check "demo with credentials" "$MCRED" demo --db "$DB" --with-credentials
check "a provider" "$MCRED" user add --db "$DB" --email admin@google.example --name A --org google --role issuer-admin
check "another provider" "$MCRED" user add --db "$DB" --email admin@ibm.example --name B --org ibm --role issuer-admin
T=$("$MCRED" token create --db "$DB" --email admin@google.example --name t --scopes "catalog:write" 2>/dev/null)
TO=$("$MCRED" token create --db "$DB" --email admin@ibm.example --name t --scopes "catalog:write" 2>/dev/null)
TL=$("$MCRED" token create --db "$DB" --email alex.demo@example.org --name t --scopes "profile:read" 2>/dev/null)
start_server "$DB"
put() { curl -s -o "$TMP/body" -w '%{http_code}' -X PUT -H "Authorization: Bearer $1" \
  -H 'Content-Type: application/json' --data-binary "$3" "$BASE$2"; }
get() { curl -s -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $1" "$BASE$2"; }
expect() { if [ "$3" = "$2" ]; then pass; else fail "$1: status $3, want $2: $(head -c 400 "$TMP/body")"; fi; }
P=/api/v1/programs/coursera-google-it-support/rule

expect "an unknown achievement" 400 "$(put "$T" $P '{"all-of": [{"achievement": "coursera-google-data-analytics"}, {"achievement": "pyhton-basics"}]}')"
check_json "named with its pointer" "$TMP/body" "j['where'] == '/all-of/1/achievement' and 'pyhton-basics' in j['detail']"
expect "a program that nests itself" 400 "$(put "$T" $P '{"all-of": [{"program": "coursera-google-it-support"}]}')"
check_json "the cycle is named" "$TMP/body" "'cycle' in j['detail']"
expect "another organisation's program" 404 "$(put "$TO" $P '{"achievement": "ibm-blockchain-essentials"}')"
expect "a good rule" 200 "$(put "$T" $P '{"n-of": 2, "of": [{"achievement": "coursera-google-data-analytics"}, {"achievement": "ibm-blockchain-essentials"}, {"achievement": "microsoft-azure-fundamentals"}]}')"
check_json "stored canonical" "$TMP/body" "j['rule']['n-of'] == 2 and len(j['rule']['of']) == 3"
check_json "suspend on loss by default" "$TMP/body" "j['on_loss'] == 'suspend'"
expect "the rule with revoke on loss" 200 "$(put "$T" $P '{"rule": {"n-of": 2, "of": [{"achievement": "coursera-google-data-analytics"}, {"achievement": "ibm-blockchain-essentials"}, {"achievement": "microsoft-azure-fundamentals"}]}, "on_loss": "revoke"}')"
check_json "revoke on loss" "$TMP/body" "j['on_loss'] == 'revoke' and j['rule']['n-of'] == 2"
expect "a bad on_loss" 400 "$(put "$T" $P '{"rule": {"achievement": "coursera-google-data-analytics"}, "on_loss": "delete"}')"
check_json "named" "$TMP/body" "j['field'] == 'on_loss'"
expect "an unknown member beside the rule" 400 "$(put "$T" $P '{"rule": {"achievement": "coursera-google-data-analytics"}, "when": "now"}')"
expect "the learner's progress" 200 "$(get "$TL" /api/v1/progress)"
check_json "met, two of three counted" "$TMP/body" \
  "any(i['program'] == 'coursera-google-it-support' and i['met'] for i in j['items'])"
expect "a rule out of reach" 200 "$(put "$T" $P '{"all-of": [{"achievement": "coursera-google-data-analytics"}, {"achievement": "coursera-google-project-management"}]}')"
expect "progress again" 200 "$(get "$TL" /api/v1/progress)"
check_json "not met, and what is missing" "$TMP/body" \
  "any(i['program'] == 'coursera-google-it-support' and not i['met'] and 'coursera-google-project-management' in json.dumps(i['progress']) for i in j['items'])"
finish
