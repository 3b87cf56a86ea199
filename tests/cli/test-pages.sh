#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The public pages of a running server with a signing key: the issuer document and page, the
# verify page and API, problem details for bad input. (Pages of issued credentials are tested
# in-process by tests/unit/test-http-credentials.c.)
. "$(dirname "$0")/lib.sh"

DB="$TMP/pages.db"
"$MCRED" init --db "$DB" >/dev/null && "$MCRED" demo --db "$DB" >/dev/null &&
  "$MCRED" key rotate --org google --db "$DB" >/dev/null 2>&1 || {
  echo "could not make the database with a signing key" >&2; exit 1; }
start_server "$DB"

check_status "issuer document" 200 /issuers/google -H 'Accept: application/ld+json'
check_json "it is a Profile with its signing key" "$TMP/body" \
  "j['type'] == 'Profile' and j['id'].endswith('/issuers/google') and len(j['assertionMethod']) == 1"
check_status "issuer page" 200 /issuers/google -H 'Accept: text/html'
check_grep "the page shows the trust status" "Trust status" "$TMP/body"
check_status "unknown issuer" 404 /issuers/nobody -H 'Accept: application/json'
check_json "a problem naming it" "$TMP/body" "j['code'] == 'not_found' and j['status'] == 404"

check_status "verify page" 200 /verify -H 'Accept: text/html'
check_grep "it has the upload form" 'enctype="multipart/form-data"' "$TMP/body"

code=$(curl -s -o "$TMP/body" -w '%{http_code}' -H 'Content-Type: application/json' \
  --data '{"credential": {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"]}}' \
  "$BASE/api/v1/credentials/verify")
if [ "$code" = 200 ]; then pass; else fail "verify API: status $code"; fi
check_json "an unsigned credential is not verified" "$TMP/body" \
  "j['verified'] is False and any(c['status'] == 'fail' for c in j['checks'])"
ctype=$(curl -s -o "$TMP/body" -w '%{content_type}' -H 'Content-Type: application/json' \
  --data '{"credential": ' "$BASE/api/v1/credentials/verify")
if [ "$ctype" = "application/problem+json" ]; then pass; else fail "bad JSON: $ctype"; fi
check_json "a problem with its fields" "$TMP/body" \
  "j['status'] == 400 and j['type'].endswith('/problems/invalid_body') and j['title'] and j['detail']"

check_status "unknown credential" 404 /credentials/00000000-0000-4000-8000-000000000000.json
check_status "no status list yet" 404 /status/google/1/revocation

kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
SERVER_PID=""
finish
