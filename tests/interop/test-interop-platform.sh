#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Credentials the platform issues verify with the Digital Bazaar stack, given what the platform
# serves: the issuer document (Open Badges Profile and controller document) from /issuers/SLUG
# and the signed status lists from /status/...; revoked and suspended ones fail there as here,
# and a changed copy fails on both sides.
. "$(dirname "$0")/lib.sh"
need_npm @digitalbazaar/vc @digitalbazaar/vc-bitstring-status-list
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE

DB="$TMP/p.db"
PUB=https://creds.example.org
ACH=coursera-google-data-analytics
check "demo data" "$MCRED" demo --db "$DB"
check "issuer key" "$MCRED" key rotate --db "$DB" --org google
for who in ada grace alan; do
  check "issue to $who" "$MCRED" issue --db "$DB" --public-url "$PUB" --achievement $ACH \
    --email "$who@example.org" --name "$who" --result 90 --evidence-url "https://ex.org/$who"
  grep -Eo 'urn:uuid:[0-9a-f-]+' "$TMP/out" >"$TMP/$who.id"
done
check "revoke grace's" "$MCRED" revoke "$(cat "$TMP/grace.id")" --db "$DB" --reason "test"
check "suspend alan's" "$MCRED" suspend "$(cat "$TMP/alan.id")" --db "$DB" --reason "test"

# The server listens on a free port; the documents say they are under $PUB, where a proxy
# would serve them. Fetch them from the server, as a verifier would through that proxy.
start_server "$DB"
served_documents google
check_json "the issuer document is a Profile that lists the key" "$TMP/issuer.json" \
  "j['id'] == '$PUB/issuers/google' and 'Profile' in j['type'] and len(j['assertionMethod']) == 1"
for who in ada grace alan; do
  id=$(cat "$TMP/$who.id")
  check_status "$who's credential as JSON-LD" 200 "/credentials/${id#urn:uuid:}" \
    -H 'Accept: application/ld+json'
  cp "$TMP/body" "$TMP/$who.json"
done
python3 - "$TMP/ada.json" "$TMP/ada-changed.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["credentialSubject"]["result"][0]["value"] = "100"
json.dump(d, open(sys.argv[2], "w"))
PY

check_exit "the JavaScript stack checks them" 1 node "$JS/status.mjs" check "$CTX" "${DOCS[@]}" \
  "$TMP/ada.json" "$TMP/grace.json" "$TMP/alan.json" "$TMP/ada-changed.json"
grep -q '^ada.json: ok$' "$TMP/out" && pass || fail "JS: ada's should verify: $(cat "$TMP/out" "$TMP/err")"
grep -q '^grace.json: revoked$' "$TMP/out" && pass || fail "JS: grace's should be revoked: $(cat "$TMP/out")"
grep -q '^alan.json: suspended$' "$TMP/out" && pass || fail "JS: alan's should be suspended: $(cat "$TMP/out")"
grep -q '^ada-changed.json: NOT verified' "$TMP/out" && pass || fail "JS: the changed copy should fail: $(cat "$TMP/out")"

check "mcred agrees: ada's verifies" "$MCRED" verify "${MDOCS[@]}" "$TMP/ada.json"
check_exit "mcred agrees: grace's is revoked" 1 "$MCRED" verify "${MDOCS[@]}" "$TMP/grace.json"
check_grep "revoked named" "revocation" "$TMP/out"
check_exit "mcred agrees: alan's is suspended" 1 "$MCRED" verify "${MDOCS[@]}" "$TMP/alan.json"
check_exit "mcred agrees: the changed copy fails" 1 "$MCRED" verify "${MDOCS[@]}" "$TMP/ada-changed.json"
check_grep "the proof check fails" "fail proof" "$TMP/out"

finish
