#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# mcred status-list: create, update and show signed Bitstring Status List credentials; credentials
# pointing into them verify as revoked, suspended or not; every wrong input is named.
. "$(dirname "$0")/lib.sh"
SRC="${MC_SOURCE_DIR:-.}"
V="$SRC/tests/fixtures/vc-di-eddsa"
URL=https://issuer.example/status/3
NOW=2025-06-01T00:00:00Z

check "keygen" "$MCRED" keygen --seed 0000000000000000000000000000000000000000000000000000000000000007
cp "$TMP/out" "$TMP/key.json"
did=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['controller'])" "$TMP/key.json")

# create: a signed list of the minimum size with the given entries set.
check "create" "$MCRED" status-list create --key "$TMP/key.json" --url "$URL" --set 3,10-12 --set 131071 \
  --valid-from 2025-01-01T00:00:00Z --created 2025-01-01T00:00:00Z
cp "$TMP/out" "$TMP/list.json"
check_json "the list credential" "$TMP/list.json" \
  "j['id'] == '$URL' and j['issuer'] == '$did' and j['type'] == ['VerifiableCredential', 'BitstringStatusListCredential'] and j['validFrom'] == '2025-01-01T00:00:00Z' and 'validUntil' not in j"
check_json "its subject" "$TMP/list.json" \
  "j['credentialSubject'] == {'id': '$URL#list', 'type': 'BitstringStatusList', 'statusPurpose': 'revocation', 'encodedList': j['credentialSubject']['encodedList']} and j['credentialSubject']['encodedList'].startswith('uH4sI')"
check_json "its proof" "$TMP/list.json" \
  "j['proof']['cryptosuite'] == 'eddsa-rdfc-2022' and j['proof']['created'] == '2025-01-01T00:00:00Z' and j['proof']['verificationMethod'].startswith('$did#')"
check "the list verifies as a credential" "$MCRED" verify --offline --now "$NOW" "$TMP/list.json"
check_json "the bits decode as set" "$TMP/list.json" "(lambda b: [i for i in range(len(b) * 8) if b[i // 8] >> (7 - i % 8) & 1])(__import__('gzip').decompress(__import__('base64').urlsafe_b64decode(j['credentialSubject']['encodedList'][1:] + '==='))) == [3, 10, 11, 12, 131071]"

# show: text, --get, --json, standard input.
check "show" "$MCRED" status-list show "$TMP/list.json"
check_grep "show names the list" "^list: +$URL$" "$TMP/out"
check_grep "show names the issuer" "^issuer: +$did$" "$TMP/out"
check_grep "show names the purpose" "^purpose: revocation$" "$TMP/out"
check_grep "show gives the size" "^size: +131072 entries$" "$TMP/out"
check_grep "show lists the set entries as ranges" "^set: +5: 3, 10-12, 131071$" "$TMP/out"
check "show --get a set entry" "$MCRED" status-list show --get 11 "$TMP/list.json"
check_grep "set" "^11: set$" "$TMP/out"
check "show --get a clear entry" "$MCRED" status-list show --get 13 "$TMP/list.json"
check_grep "unset" "^13: unset$" "$TMP/out"
check "show --json" "$MCRED" status-list show --json "$TMP/list.json"
check_json "the JSON summary" "$TMP/out" "j == {'id': '$URL', 'issuer': '$did', 'statusPurpose': ['revocation'], 'size': 131072, 'setCount': 5, 'set': [3, 10, 11, 12, 131071]}"
check "show --json --get" "$MCRED" status-list show --json --get 3 "$TMP/list.json"
check_json "index and value" "$TMP/out" "j['index'] == 3 and j['value'] is True and 'set' not in j"
check "show from standard input" bash -c "'$MCRED' status-list show - < '$TMP/list.json'"
check_grep "the same set" "^set: +5:" "$TMP/out"

# A suspension list: a larger size, eddsa-jcs-2022, an end date, nothing set.
check "create a suspension list" "$MCRED" status-list create --key "$TMP/key.json" --url "$URL/s" --purpose suspension \
  --size 262144 --cryptosuite eddsa-jcs-2022 --valid-from 2025-01-01T00:00:00Z --valid-until 2025-12-31T00:00:00Z
cp "$TMP/out" "$TMP/susp.json"
check_json "suspension, jcs, validUntil" "$TMP/susp.json" \
  "j['credentialSubject']['statusPurpose'] == 'suspension' and j['proof']['cryptosuite'] == 'eddsa-jcs-2022' and j['validUntil'] == '2025-12-31T00:00:00Z'"
check "show the suspension list" "$MCRED" status-list show "$TMP/susp.json"
check_grep "its size" "^size: +262144 entries$" "$TMP/out"
check_grep "nothing set" "^set: +0: none$" "$TMP/out"
check "it verifies before its end" "$MCRED" verify --offline --now "$NOW" "$TMP/susp.json"
check_exit "and not after" 1 "$MCRED" verify --offline --now 2026-01-01T00:00:00Z "$TMP/susp.json"

# Credentials pointing into the lists.
python3 - "$V/unsigned.json" "$did" "$URL" "$TMP" <<'PY'
import json, sys
base, did, url, t = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4]
for name, rev, sus in (("c-revoked", 11, 1), ("c-good", 13, 2)):
    d = dict(base, issuer=did)
    d["credentialStatus"] = [
        {"id": f"{url}#{rev}", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
         "statusListIndex": str(rev), "statusListCredential": url},
        {"id": f"{url}/s#{sus}", "type": "BitstringStatusListEntry", "statusPurpose": "suspension",
         "statusListIndex": str(sus), "statusListCredential": f"{url}/s"}]
    json.dump(d, open(f"{t}/{name}.json", "w"))
PY
for c in c-revoked c-good; do
  "$MCRED" sign --key "$TMP/key.json" "$TMP/$c.json" >"$TMP/$c-signed.json" || fail "sign $c"
done
DOCS=(--offline --now "$NOW" --doc "$URL=$TMP/list.json" --doc "$URL/s=$TMP/susp.json")
check_exit "a revoked credential" 1 "$MCRED" verify "${DOCS[@]}" "$TMP/c-revoked-signed.json"
check_grep "revoked named" "fail status: revoked \(entry 11 of $URL\)" "$TMP/out"
check "a credential in good standing" "$MCRED" verify "${DOCS[@]}" "$TMP/c-good-signed.json"

# update: suspend c-good, reinstate c-revoked; a new validFrom and proof, the rest kept.
check "update: suspend" "$MCRED" status-list update --key "$TMP/key.json" --set 2 --valid-from 2025-02-01T00:00:00Z "$TMP/susp.json"
cp "$TMP/out" "$TMP/susp2.json"
check_json "the update keeps the list and its end date" "$TMP/susp2.json" \
  "j['id'] == '$URL/s' and j['validFrom'] == '2025-02-01T00:00:00Z' and j['validUntil'] == '2025-12-31T00:00:00Z' and j['proof']['cryptosuite'] == 'eddsa-rdfc-2022'"
check "update: reinstate" "$MCRED" status-list update --key "$TMP/key.json" --clear 10-11 --valid-from 2025-02-01T00:00:00Z "$TMP/list.json"
cp "$TMP/out" "$TMP/list2.json"
check "show the updated list" "$MCRED" status-list show "$TMP/list2.json"
check_grep "the cleared entries are gone" "^set: +3: 3, 12, 131071$" "$TMP/out"
DOCS2=(--offline --now "$NOW" --doc "$URL=$TMP/list2.json" --doc "$URL/s=$TMP/susp2.json")
check "the reinstated credential" "$MCRED" verify "${DOCS2[@]}" "$TMP/c-revoked-signed.json"
check_exit "the suspended credential" 1 "$MCRED" verify "${DOCS2[@]}" "$TMP/c-good-signed.json"
check_grep "suspension named" "fail status: suspended \(entry 2 of $URL/s\)" "$TMP/out"
check_exit "update past the list's end date" 2 "$MCRED" status-list update --key "$TMP/key.json" --valid-from 2026-01-01T00:00:00Z "$TMP/susp.json"
check_grep "the stale end date is named" "validUntil \(2025-12-31T00:00:00Z\) is not after the new validFrom; give a new --valid-until" "$TMP/err"
check "update with a new end date" "$MCRED" status-list update --key "$TMP/key.json" --valid-from 2026-01-01T00:00:00Z --valid-until 2027-01-01T00:00:00Z "$TMP/susp.json"

# Keys that cannot sign the list.
"$MCRED" keygen >"$TMP/other.json"
check_exit "update with another issuer's key" 1 "$MCRED" status-list update --key "$TMP/other.json" --set 1 "$TMP/list.json"
check_grep "both issuers named" "was issued by $did, but the key .* belongs to did:key:" "$TMP/err"
"$MCRED" keygen --jwk ES256 >"$TMP/jwk.json"
check_exit "a JWK" 1 "$MCRED" status-list create --key "$TMP/jwk.json" --url "$URL"
check_grep "JWK named" "is a JWK; status lists carry a Data Integrity proof" "$TMP/err"
python3 -c "import json,sys; k=json.load(open(sys.argv[1])); k.pop('secretKeyMultibase'); json.dump(k, open(sys.argv[2],'w'))" "$TMP/key.json" "$TMP/public.json"
check_exit "a public key only" 1 "$MCRED" status-list create --key "$TMP/public.json" --url "$URL"
check_grep "no secret named" "has no secretKeyMultibase" "$TMP/err"

# Usage errors: each names what is wrong.
usage() { # usage NAME PATTERN ARGS...
  local name="$1" pattern="$2"; shift 2
  check_exit "$name" 2 "$MCRED" status-list "$@"
  check_grep "$name is named" "$pattern" "$TMP/err"
}
usage "no subcommand" "give a subcommand: create, update or show"
usage "unknown subcommand" "unknown subcommand 'publish'" publish
usage "create without a key" "--key KEY.json is required" create --url "$URL"
usage "create without a URL" "--url URL is required" create --key "$TMP/key.json"
usage "a URL that is not http(s)" "--url must be the http\(s\) URL .* not 'ftp://x/l'" create --key "$TMP/key.json" --url ftp://x/l
usage "a URL with a fragment" "without a #fragment" create --key "$TMP/key.json" --url "$URL#list"
usage "a bad purpose" "--purpose is revocation or suspension, not 'message'" create --key "$TMP/key.json" --url "$URL" --purpose message
usage "a small size" "--size is the number of entries, a multiple of 8 from 131072" create --key "$TMP/key.json" --url "$URL" --size 1024
usage "a size not a multiple of 8" "a multiple of 8" create --key "$TMP/key.json" --url "$URL" --size 131073
usage "a bad index" "--set: 'x1' is not an index \(a whole number from 0 to 131071\)" create --key "$TMP/key.json" --url "$URL" --set 1,x1
usage "an index past the end" "--set: index 131072 is outside the list, which has 131072 entries" create --key "$TMP/key.json" --url "$URL" --set 131072
usage "a backwards range" "--set: the range 9-3 runs backwards" create --key "$TMP/key.json" --url "$URL" --set 9-3
usage "a bad date" "--valid-from wants an RFC 3339 date-time" create --key "$TMP/key.json" --url "$URL" --valid-from tomorrow
usage "an end before the start" "--valid-until 2024-01-01T00:00:00Z is not after the list's validFrom" create --key "$TMP/key.json" --url "$URL" --valid-from 2025-01-01T00:00:00Z --valid-until 2024-01-01T00:00:00Z
usage "a bad cryptosuite" "--cryptosuite is eddsa-rdfc-2022 or eddsa-jcs-2022" create --key "$TMP/key.json" --url "$URL" --cryptosuite ed25519
usage "create with a file" "create: unexpected argument" create --key "$TMP/key.json" --url "$URL" "$TMP/list.json"
usage "update without a file" "update: give exactly one LIST.json" update --key "$TMP/key.json"
usage "update: clear past the end" "--clear: index 200000 is outside the list" update --key "$TMP/key.json" --clear 200000 "$TMP/list.json"
usage "show without a file" "show: give exactly one LIST.json" show
usage "show --get past the end" "--get: index 131072 is outside the list" show --get 131072 "$TMP/list.json"
usage "an unknown option" "unknown option '--bits'" show --bits "$TMP/list.json"
check_exit "show a file that is not a list" 1 "$MCRED" status-list show "$TMP/key.json"
check_grep "not a list named" "key.json: /type: a status list credential's type must include BitstringStatusListCredential" "$TMP/err"
check_exit "show a missing file" 1 "$MCRED" status-list show "$TMP/none.json"
check "help status-list" "$MCRED" help status-list
check_grep "the usage names the subcommands" "mcred status-list create --key KEY.json --url URL" "$TMP/out"
check "status-list --help" "$MCRED" status-list --help
check "create --help" "$MCRED" status-list create --help

echo "test-status-list: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
