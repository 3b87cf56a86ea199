#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Interop of signed credentials with the Digital Bazaar stack (@digitalbazaar/vc, data-integrity,
# eddsa-rdfc-2022 and eddsa-jcs-2022 cryptosuites, from npm, with a static loader over the same
# contexts): what mcred signs verifies there, what it signs verifies here, and changed copies fail
# on both sides.
. "$(dirname "$0")/lib.sh"
need_npm @digitalbazaar/vc @digitalbazaar/data-integrity @digitalbazaar/eddsa-rdfc-2022-cryptosuite \
  @digitalbazaar/eddsa-jcs-2022-cryptosuite

check "keygen" "$MCRED" keygen --seed 9f0e1d2c3b4a59687766554433221100ffeeddccbbaa99887766554433221100
cp "$TMP/out" "$TMP/key.json"
did=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['controller'])" "$TMP/key.json")

# Five distinct Open Badges 3.0 credentials issued by the key's DID, without a status entry or an
# end date (status lists and time are checked elsewhere).
python3 "$SRC/bench/ob3-corpus.py" --count 5 "$TMP/ob3.jsonl" >/dev/null
python3 - "$TMP/ob3.jsonl" "$did" "$TMP" <<'PY'
import json, sys
for i, line in enumerate(open(sys.argv[1])):
    d = json.loads(line)
    d["issuer"]["id"] = sys.argv[2]
    d.pop("credentialStatus", None)
    d.pop("validUntil", None)
    json.dump(d, open(f"{sys.argv[3]}/cred{i}.json", "w"))
PY

for i in 0 1 2 3 4; do
  for suite in eddsa-rdfc-2022 eddsa-jcs-2022; do
    short=${suite#eddsa-}; short=${short%-2022}
    # mcred signs, the JavaScript stack verifies.
    check "mcred signs cred$i ($suite)" "$MCRED" sign --cryptosuite "$suite" --key "$TMP/key.json" "$TMP/cred$i.json"
    cp "$TMP/out" "$TMP/m$i-$short.json"
    check "JS verifies mcred's cred$i ($suite)" node "$JS/di.mjs" verify "$CTX" "$TMP/m$i-$short.json"
    # The JavaScript stack signs, mcred verifies.
    check "JS signs cred$i ($suite)" node "$JS/di.mjs" sign "$CTX" "$TMP/key.json" "$TMP/cred$i.json" "$short"
    cp "$TMP/out" "$TMP/j$i-$short.json"
    check "mcred verifies JS's cred$i ($suite)" "$MCRED" verify "$TMP/j$i-$short.json"
    check_grep "mcred says valid" ": valid" "$TMP/out"
  done
done

# Changed copies fail on both sides.
for f in m0-rdfc j0-rdfc m1-jcs j1-jcs; do
  python3 - "$TMP/$f.json" "$TMP/$f-changed.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["credentialSubject"]["achievement"]["name"] += "!"
json.dump(d, open(sys.argv[2], "w"))
PY
  check_exit "mcred rejects changed $f" 1 "$MCRED" verify "$TMP/$f-changed.json"
  check_grep "mcred names the signature" "fail proof: the signature does not verify" "$TMP/out"
  check_exit "JS rejects changed $f" 1 node "$JS/di.mjs" verify "$CTX" "$TMP/$f-changed.json"
done

# A proof by a key that is not the issuer's.
python3 - "$TMP/j2-rdfc.json" "$TMP/other.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["issuer"]["id"] = "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp"
json.dump(d, open(sys.argv[2], "w"))
PY
check_exit "mcred rejects another issuer" 1 "$MCRED" verify "$TMP/other.json"
check_grep "the issuer check names both" "fail issuer: the signing key belongs to $did, not to the issuer" "$TMP/out"

# A learner adds what the JavaScript stack signed to their wallet on the platform: as JSON-LD
# and baked in a PNG; a changed copy is refused with the failing check named.
export MCRED_PWHASH_FAST=1
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
DB="$TMP/w.db"
check "a platform" "$MCRED" init --db "$DB"
check "a learner" "$MCRED" user add --db "$DB" --email lea@example.org --name Lea
T=$("$MCRED" token create --db "$DB" --email lea@example.org --name w \
  --scopes "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.upsert" 2>/dev/null)
python3 - "$TMP/badge.png" <<'PY'
import struct, sys, zlib
def chunk(k, d): return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d) & 0xffffffff)
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
PY
check "bake JS's credential" "$MCRED" bake --credential "$TMP/j1-jcs.json" "$TMP/badge.png" -o "$TMP/j1.png"
start_server "$DB"
wallet() { curl -s -o "$TMP/body" -w '%{http_code}' -X POST -H "Authorization: Bearer $T" \
  -H "Content-Type: $1" --data-binary "@$2" "$BASE/api/v1/wallet"; }
code=$(wallet application/json "$TMP/j0-rdfc.json")
[ "$code" = 201 ] && pass || fail "the wallet takes JS's eddsa-rdfc-2022 credential: $code $(head -c 300 "$TMP/body")"
code=$(wallet image/png "$TMP/j1.png")
[ "$code" = 201 ] && pass || fail "the wallet takes JS's eddsa-jcs-2022 credential baked in a PNG: $code $(head -c 300 "$TMP/body")"
code=$(wallet application/json "$TMP/j0-rdfc-changed.json")
[ "$code" = 422 ] && pass || fail "the wallet refuses a changed copy: $code"
check_json "naming the proof" "$TMP/body" "any(c['name'] == 'proof' and c['status'] == 'fail' for c in j['verification']['checks'])"

echo "test-interop-vc: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
