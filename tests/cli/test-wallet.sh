#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A learner's wallet and record: credentials from another issuer (JSON-LD, VC-JWT, baked in a PNG
# or an SVG) are verified, then kept; ones that do not verify are refused with the report; the
# account page adds them through its form and shows progress toward stacks; the learner's
# record downloads as a signed CLR that verifies.
. "$(dirname "$0")/lib.sh"
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
export MCRED_PWHASH_FAST=1
SRC="${MC_SOURCE_DIR:-.}"
OB3="$SRC/tests/fixtures/ob3/examples_basicOpenBadgeCredential-00.json"
DB="$TMP/w.db"
check "demo with credentials" "$MCRED" demo --db "$DB" --with-credentials
PW=$(grep -Eo 'alex\.demo@example\.org +[a-z0-9]{20}' "$TMP/out" | awk '{print $2}')
if [ -n "$PW" ]; then pass; else fail "the demo printed no password for the demo learner"; fi
T=$("$MCRED" token create --db "$DB" --email alex.demo@example.org --name w \
  --scopes "profile:read https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly" 2>/dev/null)

# Another issuer's credential, signed with a did:key, as JSON-LD, a VC-JWT and baked badges.
"$MCRED" keygen > "$TMP/key.json"
python3 - "$OB3" "$TMP/key.json" "$TMP/cred.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); k = json.load(open(sys.argv[2]))
d["issuer"]["id"] = k["controller"]
d["id"] = "urn:uuid:0b8ac4a2-5b43-4d0a-9b54-6b6f1f4c2d11"
d["validFrom"] = "2024-05-01T10:00:00Z"
json.dump(d, open(sys.argv[3], "w"))
PY
check "sign" "$MCRED" sign --key "$TMP/key.json" "$TMP/cred.json"
cp "$TMP/out" "$TMP/signed.json"
python3 - "$TMP/cred.json" "$TMP/cred2.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); d["id"] = "urn:uuid:5c0d8f0e-2f4b-4b7e-8d38-0f5d1c6a9e42"
json.dump(d, open(sys.argv[2], "w"))
PY
check "sign as a VC-JWT" "$MCRED" sign --format jwt --key "$TMP/key.json" "$TMP/cred2.json"
cp "$TMP/out" "$TMP/signed.jwt"
python3 - "$TMP" <<'PY'
import json, struct, sys, zlib
t = sys.argv[1]
def chunk(k, d): return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) \
      + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")
open(t + "/badge.png", "wb").write(png)
open(t + "/badge.svg", "w").write('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9" height="9"/></svg>\n')
j = json.load(open(t + "/signed.json"))
j["credentialSubject"]["achievement"]["name"] = "Changed after signing"
json.dump(j, open(t + "/changed.json", "w"))
PY
check "bake into a PNG" "$MCRED" bake --credential "$TMP/signed.json" "$TMP/badge.png" -o "$TMP/baked.png"
check "bake the JWT into an SVG" "$MCRED" bake --credential "$TMP/signed.jwt" "$TMP/badge.svg" -o "$TMP/baked.svg"
check "bake a changed credential" "$MCRED" bake --credential "$TMP/changed.json" "$TMP/badge.png" -o "$TMP/changed.png"

start_server "$DB"
post() { curl -s -o "$TMP/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $T" \
  -H "Content-Type: $1" --data-binary "@$2" "$BASE/api/v1/wallet"; }
expect() { if [ "$3" = "$2" ]; then pass; else fail "$1: status $3, want $2: $(head -c 400 "$TMP/body")"; fi; }

# The API.
expect "a baked PNG is added" 201 "$(post image/png "$TMP/baked.png")"
check_json "verified and kept as JSON-LD" "$TMP/body" \
  "j['added'] and j['format'] == 'ob3-ldp' and j['id'] == 'urn:uuid:0b8ac4a2-5b43-4d0a-9b54-6b6f1f4c2d11' and j['verification']['verified'] and j['verification']['checks'][0]['name'] == 'baked'"
expect "the same credential again replaces it" 200 "$(post application/json "$TMP/signed.json")"
expect "a VC-JWT baked in an SVG" 201 "$(post image/svg+xml "$TMP/baked.svg")"
check_json "kept as a JWT" "$TMP/body" "j['format'] == 'ob3-jwt'"
expect "a changed credential is refused" 422 "$(post image/png "$TMP/changed.png")"
check_json "with the report naming the proof" "$TMP/body" \
  "j['code'] == 'not_verified' and any(c['name'] == 'proof' and c['status'] == 'fail' for c in j['verification']['checks'])"
printf 'not a credential' > "$TMP/junk.txt"
expect "text that is no credential" 422 "$(post text/plain "$TMP/junk.txt")"
: > "$TMP/empty"
expect "nothing" 400 "$(post application/json "$TMP/empty")"
check_json "says what to send" "$TMP/body" "j['field'] == 'body'"
expect "an unknown media type" 415 "$(post application/pdf "$TMP/signed.json")"
check_json "names the header" "$TMP/body" "j['field'] == 'Content-Type'"
OWN=$(curl -s -H "Authorization: Bearer $T" "$BASE/ims/ob/v3p0/credentials" | python3 -c \
  "import json,sys; j=json.load(sys.stdin); print(next(json.dumps(c) for c in j['credential'] if 'Changed' not in json.dumps(c) and c.get('id','').startswith('urn:uuid:') and c['id'] not in ('urn:uuid:0b8ac4a2-5b43-4d0a-9b54-6b6f1f4c2d11',)))" 2>/dev/null || true)
printf '%s' "$OWN" > "$TMP/own.json"
expect "a credential issued here to the learner" 200 "$(post application/json "$TMP/own.json")"
check_json "is in the record already, not added twice" "$TMP/body" "not j['added'] and 'already' in j['message']"
check_status "the wallet" 200 /api/v1/wallet -H "Authorization: Bearer $T"
check_json "lists the two credentials, named" "$TMP/body" \
  "len(j['credentials']) == 2 and {c['format'] for c in j['credentials']} == {'ob3-ldp', 'ob3-jwt'} and all(c['name'] for c in j['credentials'])"
check_status "without a token" 401 /api/v1/wallet

# The pages: sign in, see progress toward the demo stack, add a badge through the form.
code=$(curl -s -o "$TMP/body" -w '%{http_code}' -c "$TMP/jar" -X POST -H 'Content-Type: application/json' \
  --data-binary "{\"email\": \"alex.demo@example.org\", \"password\": \"$PW\"}" "$BASE/api/v1/session")
expect "the demo learner signs in with the printed password" 201 "$code"
CSRF=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['csrf_token'])" "$TMP/body")
check_status "the account page" 200 /account -b "$TMP/jar"
check_grep "a progress bar toward the MicroBachelors" '<progress max="100" value="66"' "$TMP/body"
check_grep "how far along" "2 of the 3 parts needed" "$TMP/body"
check_grep "what is still open, by name" "Still open, any 1 of these:</p><ul><li>IBM Data Science Professional Certificate" "$TMP/body"
check_grep "the wallet's credentials by name" "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['credentialSubject']['achievement']['name'])" "$TMP/signed.json")" "$TMP/body"
check_grep "a record to download" 'href="/api/v1/record\?issuer=google"' "$TMP/body"
check_status "the form without the session's token" 403 /account/wallet -b "$TMP/jar" -F "file=@$TMP/baked.png"
check_status "the form adds a badge" 200 /account/wallet -b "$TMP/jar" -F "csrf_token=$CSRF" -F "file=@$TMP/baked.png"
check_grep "says it is in the wallet" "In your wallet" "$TMP/body"
check_status "the form refuses a changed badge" 422 /account/wallet -b "$TMP/jar" -F "csrf_token=$CSRF" -F "file=@$TMP/changed.png"
check_grep "and shows the failing check" "<strong>proof</strong>" "$TMP/body"
check_status "signed out, the form sends to sign-in" 303 /account/wallet -F "file=@$TMP/baked.png"

# The record as a signed CLR through the API.
check_status "the record signed by Google" 200 "/api/v1/record?issuer=google" -H "Authorization: Bearer $T"
cp "$TMP/body" "$TMP/clr.json"
check_json "a ClrCredential with the three credentials issued here" "$TMP/clr.json" \
  "'ClrCredential' in j['type'] and len(j['credentialSubject']['verifiableCredential']) == 3"
check_status "Google's issuer document" 200 /issuers/google -H 'Accept: application/json'
cp "$TMP/body" "$TMP/google.json"
# Every document a verifier of the record needs, from the server: the issuers' documents and the
# status lists of the included credentials.
served_docs() {
  python3 - "$TMP/clr.json" > "$TMP/urls" <<'PY'
import json, sys
from urllib.parse import urlparse
j = json.load(open(sys.argv[1]))
urls = {j["issuer"]["id"]}
for c in j["credentialSubject"]["verifiableCredential"]:
    urls.add(c["issuer"]["id"] if isinstance(c["issuer"], dict) else c["issuer"])
    status = c.get("credentialStatus", [])
    for e in status if isinstance(status, list) else [status]:
        urls.add(e["statusListCredential"])
for u in sorted(urls):
    print(u, urlparse(u).path)
PY
  DOCS=()
  local n=0 url path
  while read -r url path; do
    n=$((n + 1))
    get "$path" -H 'Accept: application/json' >/dev/null
    cp "$TMP/body" "$TMP/doc$n.json"
    DOCS+=(--doc "$url=$TMP/doc$n.json")
  done < "$TMP/urls"
}
served_docs
check "three issuers and six status lists" test "$(wc -l < "$TMP/urls")" -eq 9
check "it verifies, the included credentials too" "$MCRED" verify --json --offline "${DOCS[@]}" "$TMP/clr.json"
check_json "the included credentials pass, with their status" "$TMP/out" \
  "j[0]['valid'] and [c['status'] for c in j[0]['checks'] if c['check'] == 'included'] == ['pass'] and 'the 3 included credentials verify' in json.dumps(j)"
REVOKED=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['credentialSubject']['verifiableCredential'][1]['id'])" "$TMP/clr.json")
check "revoke one of them" "$MCRED" revoke "$REVOKED" --reason "issued in error" --db "$DB"
served_docs
check_exit "the record no longer verifies" 1 "$MCRED" verify --offline "${DOCS[@]}" "$TMP/clr.json"
check_grep "and says which credential is revoked" "fail included: /credentialSubject/verifiableCredential/1 \\($REVOKED\\) is not valid: status: revoked" "$TMP/out"
check_status "an organisation that issued the learner nothing" 403 "/api/v1/record?issuer=harvard" -H "Authorization: Bearer $T"
check_status "an unknown organisation" 404 "/api/v1/record?issuer=nosuch" -H "Authorization: Bearer $T"
check_status "no issuer" 400 /api/v1/record -H "Authorization: Bearer $T"
finish
