#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A learner's public profile: shown at /u/HANDLE only after the learner opts in, listing the
# credentials issued to their account; private and unknown handles answer the same 404.
. "$(dirname "$0")/lib.sh"
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
DB="$TMP/u.db"
check "demo data" "$MCRED" demo --db "$DB"
check "learner account" "$MCRED" user add --db "$DB" --email ada@example.org --name "Ada Lovelace"
check "issuer key" "$MCRED" key rotate --db "$DB" --org google
check "a credential to her address" "$MCRED" issue --db "$DB" \
  --achievement coursera-google-data-analytics --email Ada@Example.org --result 95
id=$(grep -Eo 'urn:uuid:[0-9a-f-]+' "$TMP/out")
check "one to someone else" "$MCRED" issue --db "$DB" \
  --achievement coursera-google-data-analytics --email bob@example.org

check_exit "profile options are checked" 2 "$MCRED" user profile --db "$DB" --email ada@example.org
check_exit "a bad handle is named" 1 "$MCRED" user profile --db "$DB" --email ada@example.org \
  --handle "Ada Lovelace" --public yes
check_grep "why" "a-z, 0-9" "$TMP/err"
check "a private profile" "$MCRED" user profile --db "$DB" --email ada@example.org --handle ada \
  --public no --headline "Data analyst"

start_server "$DB"
check_status "private: 404" 404 /u/ada
cp "$TMP/body" "$TMP/private.html"
check_status "unknown: 404" 404 /u/nobody
if cmp -s "$TMP/body" "$TMP/private.html"; then pass; else fail "private and unknown answers differ"; fi

check "opt in" "$MCRED" user profile --db "$DB" --email ada@example.org --handle ada \
  --public yes --headline "Data analyst"
check_status "public: the page" 200 /u/ada
check_grep "her name" "Ada Lovelace" "$TMP/body"
check_grep "her credential, linked" "/credentials/${id#urn:uuid:}" "$TMP/body"
check_status "public: JSON" 200 /u/ada -H 'Accept: application/json'
check_json "one credential, hers" "$TMP/body" \
  "j['handle'] == 'ada' and len(j['credentials']) == 1 and j['credentials'][0]['id'] == '$id' and j['credentials'][0]['status'] == 'active'"
check "revoke it" "$MCRED" revoke "$id" --db "$DB" --reason test
check_status "the profile says so" 200 /u/ada -H 'Accept: application/json'
check_json "revoked" "$TMP/body" "j['credentials'][0]['status'] == 'revoked' and j['active'] == 0"
finish
