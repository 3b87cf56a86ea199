#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Recognition credit: a university records agreements, and a learner's credit toward its
# program counts what they hold, explaining every decision.
. "$(dirname "$0")/lib.sh"
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
export MCRED_PWHASH_FAST=1
DB="$TMP/c.db"
check "demo with credentials" "$MCRED" demo --db "$DB" --with-credentials
check "a registrar" "$MCRED" user add --db "$DB" --email registrar@harvard.example --name R --org harvard --role issuer-admin
check "another university's" "$MCRED" user add --db "$DB" --email registrar@imperial.example --name I --org imperial --role issuer-admin
T=$("$MCRED" token create --db "$DB" --email registrar@harvard.example --name t --scopes "catalog:write" 2>/dev/null)
TI=$("$MCRED" token create --db "$DB" --email registrar@imperial.example --name t --scopes "catalog:write" 2>/dev/null)
TL=$("$MCRED" token create --db "$DB" --email alex.demo@example.org --name t --scopes "profile:read" 2>/dev/null)
start_server "$DB"
post() { curl -s -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $1" \
  -H 'Content-Type: application/json' --data-binary "$3" "$BASE$2"; }
get() { curl -s -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $1" "$BASE$2"; }
expect() { if [ "$3" = "$2" ]; then pass; else fail "$1: status $3, want $2: $(head -c 400 "$TMP/body")"; fi; }
A=/api/v1/organisations/harvard/agreements
PROG=edx-harvard-data-science
expect "5 ECTS for Google's data analytics certificate" 201 \
  "$(post "$T" $A '{"provider": "google", "achievement": "coursera-google-data-analytics", "program": "'$PROG'", "credits": 5}')"
expect "50 hours for IBM's blockchain badge" 201 \
  "$(post "$T" $A '{"provider": "ibm", "achievement": "ibm-blockchain-essentials", "program": "'$PROG'", "credits": 50, "unit": "hours"}')"
expect "Azure, but from the wrong provider" 201 \
  "$(post "$T" $A '{"provider": "ibm", "achievement": "microsoft-azure-fundamentals", "program": "'$PROG'", "credits": 3}')"
expect "another university's program is refused" 400 \
  "$(post "$T" $A '{"provider": "google", "achievement": "coursera-google-data-analytics", "program": "coursera-imperial-mathematics-for-ml", "credits": 5}')"
expect "another university cannot record for Harvard" 404 \
  "$(post "$TI" $A '{"provider": "google", "achievement": "coursera-google-data-analytics", "program": "'$PROG'", "credits": 5}')"
expect "a cap below the credits" 400 \
  "$(post "$T" $A '{"provider": "google", "achievement": "coursera-google-data-analytics", "program": "'$PROG'", "credits": 5, "max_credits": 2}')"
expect "the learner's credit" 200 "$(get "$TL" "/api/v1/credit?program=$PROG")"
check_json "5 + 50/25 = 7 ECTS, the Azure one explained" "$TMP/body" \
  "abs(j['total'] - 7.0) < 1e-9 and j['unit'] == 'ects' and len(j['counted']) == 2 and any(l['reason'] == 'wrong-provider' for l in j['not_counted'])"
expect "an unknown program" 404 "$(get "$TL" "/api/v1/credit?program=nosuch")"
finish
