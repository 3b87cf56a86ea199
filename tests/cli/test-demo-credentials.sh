#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# mcred demo --with-credentials (what make run loads): a demo learner's public profile with three
# signed credentials that the server verifies when it shows them.
. "$(dirname "$0")/lib.sh"
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
DB="$TMP/d.db"
check "demo with credentials" "$MCRED" demo --db "$DB" --with-credentials
check_grep "says where to look" "/u/alex-demo" "$TMP/out"
check "again: nothing changes" "$MCRED" demo --db "$DB" --with-credentials
check_grep "already there" "already has the demo data" "$TMP/out"
start_server "$DB"
check_status "the learner's profile" 200 /u/alex-demo -H 'Accept: application/json'
check_json "three active credentials" "$TMP/body" \
  "len(j['credentials']) == 3 and all(c['status'] == 'active' for c in j['credentials'])"
url=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['credentials'][0]['url'])" "$TMP/body")
check_status "a credential page" 200 "/credentials/${url##*/credentials/}"
check_grep "verified when shown" "[Vv]erified" "$TMP/body"
check_status "its JSON-LD" 200 "/credentials/${url##*/credentials/}" -H 'Accept: application/ld+json'
curl -s -o "$TMP/v.json" -H 'Content-Type: application/json' --data-binary @"$TMP/body" \
  "$BASE/api/v1/credentials/verify"
check_json "the verify API agrees" "$TMP/v.json" "j['verified'] is True"
finish
