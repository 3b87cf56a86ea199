#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Bitstring Status List interop with the Digital Bazaar stack (@digitalbazaar/vc-bitstring-status-list
# and @digitalbazaar/vc, from npm, with a static loader over the same contexts and the lists given as
# documents): revocation and suspension lists mcred publishes (mcred status-list) verify there and
# mark the same credentials revoked or suspended as mcred does; lists the JavaScript stack publishes
# are read and checked the same way by mcred; a list whose encodedList changed after signing fails
# on both sides, and with it every credential that points into it.
. "$(dirname "$0")/lib.sh"
need_npm @digitalbazaar/vc @digitalbazaar/vc-bitstring-status-list
MURL=https://status.example/mcred
JURL=https://status.example/js
FROM=2025-01-01T00:00:00Z

# credentials ISSUER PREFIX URL REV1,SUS1 REV2,SUS2 ...: Open Badges 3.0 credentials
# $TMP/PREFIX-N.json issued by ISSUER (no end date), each with a revocation entry into URL/revocation
# and a suspension entry into URL/suspension at the given indexes.
credentials() {
  local issuer="$1" prefix="$2" url="$3"; shift 3
  python3 "$SRC/bench/ob3-corpus.py" --count "$#" "$TMP/$prefix.jsonl" >/dev/null
  python3 - "$TMP/$prefix.jsonl" "$TMP/$prefix" "$issuer" "$url" "$@" <<'PY'
import json, sys
src, prefix, issuer, url, pairs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
for n, (line, pair) in enumerate(zip(open(src), pairs)):
    d = json.loads(line)
    d["issuer"]["id"] = issuer
    d.pop("validUntil", None)
    d["credentialStatus"] = [
        {"id": f"{url}/{purpose}#{index}", "type": "BitstringStatusListEntry",
         "statusPurpose": purpose, "statusListIndex": index,
         "statusListCredential": f"{url}/{purpose}"}
        for purpose, index in zip(("revocation", "suspension"), pair.split(","))]
    json.dump(d, open(f"{prefix}-{n}.json", "w"))
PY
}

# expect_js NAME VERDICT... : the lines of the last `status.mjs check`, in order.
expect_js() {
  local name="$1"; shift
  local want
  want=$(printf '%s\n' "$@")
  if [ "$(cat "$TMP/out")" = "$want" ]; then pass; else fail "$name: got $(cat "$TMP/out") $(head -c 600 "$TMP/err"), want $want"; fi
}

# ---- (a) mcred publishes the lists and issues the credentials ----
check "mcred keygen" "$MCRED" keygen --seed 5a0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100
cp "$TMP/out" "$TMP/mkey.json"
mdid=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['controller'])" "$TMP/mkey.json")
check "mcred creates the revocation list" "$MCRED" status-list create --key "$TMP/mkey.json" --url "$MURL/revocation" --set 5,1000-1002,94567 --valid-from "$FROM"
cp "$TMP/out" "$TMP/m-rev.json"
check "mcred creates the suspension list" "$MCRED" status-list create --key "$TMP/mkey.json" --url "$MURL/suspension" --purpose suspension --set 77 --valid-from "$FROM" --cryptosuite eddsa-jcs-2022
cp "$TMP/out" "$TMP/m-sus.json"
check "JS verifies mcred's revocation list" node "$JS/status.mjs" verify-list "$CTX" "$TMP/m-rev.json"
check_grep "JS decodes the same bits" "^verified: revocation, 131072 entries, set: 5,1000,1001,1002,94567$" "$TMP/out"
check "JS verifies mcred's suspension list (eddsa-jcs-2022)" node "$JS/status.mjs" verify-list "$CTX" "$TMP/m-sus.json"
check_grep "JS decodes the suspension bit" "^verified: suspension, 131072 entries, set: 77$" "$TMP/out"

# m-0 revoked, m-1 suspended, m-2 good, m-3 revoked (index 94567), m-4 good (the last entries).
credentials "$mdid" m "$MURL" 5,6 6,77 7,8 94567,94568 131071,0
for n in 0 1 2 3 4; do
  "$MCRED" sign --key "$TMP/mkey.json" "$TMP/m-$n.json" >"$TMP/ms-$n.json" || fail "mcred signs m-$n"
done
MDOCS=(--offline --doc "$MURL/revocation=$TMP/m-rev.json" --doc "$MURL/suspension=$TMP/m-sus.json")
JMDOCS=("$MURL/revocation=$TMP/m-rev.json" "$MURL/suspension=$TMP/m-sus.json")
check_exit "JS checks mcred's credentials" 1 node "$JS/status.mjs" check "$CTX" "${JMDOCS[@]}" "$TMP"/ms-{0,1,2,3,4}.json
expect_js "JS finds the revoked and suspended ones" "ms-0.json: revoked" "ms-1.json: suspended" "ms-2.json: ok" "ms-3.json: revoked" "ms-4.json: ok"
check_exit "mcred: ms-0 revoked" 1 "$MCRED" verify "${MDOCS[@]}" "$TMP/ms-0.json"
check_grep "revocation named" "fail status: revoked \(entry 5 of $MURL/revocation\)" "$TMP/out"
check_exit "mcred: ms-1 suspended" 1 "$MCRED" verify "${MDOCS[@]}" "$TMP/ms-1.json"
check_grep "suspension named" "fail status: suspended \(entry 77 of $MURL/suspension\)" "$TMP/out"
check "mcred: ms-2 and ms-4 valid" "$MCRED" verify "${MDOCS[@]}" "$TMP/ms-2.json" "$TMP/ms-4.json"
check_exit "mcred: ms-3 revoked" 1 "$MCRED" verify "${MDOCS[@]}" "$TMP/ms-3.json"
check_grep "index 94567 named" "fail status: revoked \(entry 94567 of" "$TMP/out"

# Revoking one more and lifting the suspension: mcred status-list update, then both sides agree.
check "mcred revokes ms-2" "$MCRED" status-list update --key "$TMP/mkey.json" --set 7 "$TMP/m-rev.json"
cp "$TMP/out" "$TMP/m-rev2.json"
check "mcred lifts the suspension" "$MCRED" status-list update --key "$TMP/mkey.json" --clear 77 "$TMP/m-sus.json"
cp "$TMP/out" "$TMP/m-sus2.json"
check_exit "JS checks against the updated lists" 1 node "$JS/status.mjs" check "$CTX" "$MURL/revocation=$TMP/m-rev2.json" "$MURL/suspension=$TMP/m-sus2.json" "$TMP"/ms-{1,2}.json
expect_js "JS sees the updates" "ms-1.json: ok" "ms-2.json: revoked"
check "mcred: ms-1 valid again" "$MCRED" verify --offline --doc "$MURL/revocation=$TMP/m-rev2.json" --doc "$MURL/suspension=$TMP/m-sus2.json" "$TMP/ms-1.json"
check_exit "mcred: ms-2 now revoked" 1 "$MCRED" verify --offline --doc "$MURL/revocation=$TMP/m-rev2.json" --doc "$MURL/suspension=$TMP/m-sus2.json" "$TMP/ms-2.json"

# ---- (b) the JavaScript stack publishes the lists and issues the credentials ----
check "JS keygen" node "$JS/status.mjs" keygen 0badc0de3b4a59687766554433221100ffeeddccbbaa99887766554433221100
cp "$TMP/out" "$TMP/jkey.json"
jdid=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['controller'])" "$TMP/jkey.json")
check "JS creates the revocation list" node "$JS/status.mjs" create "$CTX" "$TMP/jkey.json" "$JURL/revocation" revocation 3,9,65536,131071 "$FROM"
cp "$TMP/out" "$TMP/j-rev.json"
check "JS creates the suspension list" node "$JS/status.mjs" create "$CTX" "$TMP/jkey.json" "$JURL/suspension" suspension 4 "$FROM"
cp "$TMP/out" "$TMP/j-sus.json"
check "mcred status-list show reads JS's list" "$MCRED" status-list show "$TMP/j-rev.json"
check_grep "the same bits" "^set: +4: 3, 9, 65536, 131071$" "$TMP/out"
check_grep "the same purpose" "^purpose: revocation$" "$TMP/out"
check "mcred verifies JS's list as a credential" "$MCRED" verify --offline "$TMP/j-rev.json"

# j-0 revoked, j-1 suspended, j-2 good, j-3 revoked (the last entry), j-4 good.
credentials "$jdid" j "$JURL" 3,5 10,4 11,12 131071,0 65535,131071
for n in 0 1 2 3 4; do
  node "$JS/di.mjs" sign "$CTX" "$TMP/jkey.json" "$TMP/j-$n.json" >"$TMP/js-$n.json" || fail "JS signs j-$n"
done
JDOCS=(--offline --doc "$JURL/revocation=$TMP/j-rev.json" --doc "$JURL/suspension=$TMP/j-sus.json")
check_exit "mcred: js-0 revoked" 1 "$MCRED" verify "${JDOCS[@]}" "$TMP/js-0.json"
check_grep "revocation named" "fail status: revoked \(entry 3 of $JURL/revocation\)" "$TMP/out"
check_exit "mcred: js-1 suspended" 1 "$MCRED" verify "${JDOCS[@]}" "$TMP/js-1.json"
check_grep "suspension named" "fail status: suspended \(entry 4 of $JURL/suspension\)" "$TMP/out"
check "mcred: js-2 and js-4 valid" "$MCRED" verify "${JDOCS[@]}" "$TMP/js-2.json" "$TMP/js-4.json"
check "mcred: js-2's status in the report" "$MCRED" verify --json "${JDOCS[@]}" "$TMP/js-2.json"
check_json "both entries pass" "$TMP/out" "[c['status'] for c in j[0]['checks'] if c['check'] == 'status'] == ['pass', 'pass']"
check_exit "mcred: js-3 revoked" 1 "$MCRED" verify "${JDOCS[@]}" "$TMP/js-3.json"
check_grep "the last entry named" "fail status: revoked \(entry 131071 of" "$TMP/out"
check_exit "JS agrees" 1 node "$JS/status.mjs" check "$CTX" "$JURL/revocation=$TMP/j-rev.json" "$JURL/suspension=$TMP/j-sus.json" "$TMP"/js-{0,1,2,3,4}.json
expect_js "JS's verdicts" "js-0.json: revoked" "js-1.json: suspended" "js-2.json: ok" "js-3.json: revoked" "js-4.json: ok"
# mcred updates JS's list with the same issuer key; JS reads the result.
check "mcred updates JS's list" "$MCRED" status-list update --key "$TMP/jkey.json" --set 11 --clear 3 "$TMP/j-rev.json"
cp "$TMP/out" "$TMP/j-rev2.json"
check "JS verifies the updated list" node "$JS/status.mjs" verify-list "$CTX" "$TMP/j-rev2.json"
check_grep "JS sees the new bits" "^verified: revocation, 131072 entries, set: 9,11,65536,131071$" "$TMP/out"
check_exit "JS: js-0 back, js-2 revoked" 1 node "$JS/status.mjs" check "$CTX" "$JURL/revocation=$TMP/j-rev2.json" "$JURL/suspension=$TMP/j-sus.json" "$TMP"/js-{0,2}.json
expect_js "JS's verdicts after the update" "js-0.json: ok" "js-2.json: revoked"

# ---- (c) an encodedList changed after signing: every bit cleared, which would un-revoke ----
for l in m-rev j-rev; do
  python3 - "$TMP/$l.json" "$TMP/$l-changed.json" <<'PY'
import base64, gzip, json, sys
d = json.load(open(sys.argv[1]))
z = gzip.compress(bytes(131072 // 8), mtime=0)
d["credentialSubject"]["encodedList"] = "u" + base64.urlsafe_b64encode(z).decode().rstrip("=")
json.dump(d, open(sys.argv[2], "w"))
PY
  check_exit "JS rejects the changed $l" 1 node "$JS/status.mjs" verify-list "$CTX" "$TMP/$l-changed.json"
  check_exit "mcred rejects the changed $l" 1 "$MCRED" verify --offline "$TMP/$l-changed.json"
  check_grep "mcred names the list's signature" "fail proof: the signature does not verify" "$TMP/out"
done
check_exit "JS: mcred's credentials fail against the changed list" 1 node "$JS/status.mjs" check "$CTX" "$MURL/revocation=$TMP/m-rev-changed.json" "$MURL/suspension=$TMP/m-sus.json" "$TMP"/ms-{0,2}.json
check_grep "JS: the revoked one is not let through" "^ms-0.json: NOT verified: status: .*not verified" "$TMP/out"
check_grep "JS: nor the good one" "^ms-2.json: NOT verified: status: " "$TMP/out"
check_exit "mcred: a revoked credential with the changed list" 1 "$MCRED" verify --offline --doc "$MURL/revocation=$TMP/m-rev-changed.json" --doc "$MURL/suspension=$TMP/m-sus.json" "$TMP/ms-0.json"
check_grep "mcred names the list" "fail status: the status list $MURL/revocation is not valid: proof: the signature does not verify" "$TMP/out"
check_exit "mcred: a good credential with the changed list" 1 "$MCRED" verify --offline --doc "$MURL/revocation=$TMP/m-rev-changed.json" --doc "$MURL/suspension=$TMP/m-sus.json" "$TMP/ms-2.json"
check_exit "mcred: JS's revoked credential with JS's changed list" 1 "$MCRED" verify --offline --doc "$JURL/revocation=$TMP/j-rev-changed.json" --doc "$JURL/suspension=$TMP/j-sus.json" "$TMP/js-0.json"
check_grep "mcred names JS's list" "fail status: the status list $JURL/revocation is not valid: proof: the signature does not verify" "$TMP/out"
check_exit "JS: its revoked credential with its changed list" 1 node "$JS/status.mjs" check "$CTX" "$JURL/revocation=$TMP/j-rev-changed.json" "$JURL/suspension=$TMP/j-sus.json" "$TMP/js-0.json"
check_grep "JS: not verified" "^js-0.json: NOT verified: status: " "$TMP/out"

echo "test-interop-status: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
