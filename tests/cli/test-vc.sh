#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# mcred keygen, sign and verify: did:key and https issuers, controller documents, tampering,
# validity periods, batches, reports and exit codes.
. "$(dirname "$0")/lib.sh"
SRC="${MC_SOURCE_DIR:-.}"
V="$SRC/tests/fixtures/vc-di-eddsa"

# keygen: the did:key vector for seed 1; a controller makes an https key.
check "keygen --seed" "$MCRED" keygen --seed 0000000000000000000000000000000000000000000000000000000000000001
check_json "did:key from the seed" "$TMP/out" "j['controller'] == 'did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG' and j['secretKeyMultibase'].startswith('z3u2')"
cp "$TMP/out" "$TMP/didkey.json"
check "keygen random" "$MCRED" keygen
check_json "random keys are Multikeys" "$TMP/out" "j['type'] == 'Multikey' and j['publicKeyMultibase'].startswith('z6Mk')"
check_exit "keygen short seed" 2 "$MCRED" keygen --seed 00ff
check_exit "keygen bad controller" 2 "$MCRED" keygen --controller issuer.example
check "keygen --controller" "$MCRED" keygen --controller https://issuer.example/issuers/1
cp "$TMP/out" "$TMP/https-key.json"
check_json "an https key's id is under its controller" "$TMP/https-key.json" "j['id'].startswith('https://issuer.example/issuers/1#z6Mk')"

# The official vectors verify as signatures, but their issuer is not the key's controller.
check_exit "vc-di-eddsa vector" 1 "$MCRED" verify "$V/eddsa-rdfc-2022/signedDataInt.json"
if grep -q "fail proof" "$TMP/out"; then fail "the vector's proof should verify"; else pass; fi
check_grep "the issuer check fails" "fail issuer: the signing key belongs to did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2, not to the issuer https://vc.example/issuers/5678" "$TMP/out"

# A credential issued by the did:key.
python3 - "$V/unsigned.json" "$TMP/didkey.json" "$TMP/cred.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); k = json.load(open(sys.argv[2]))
d["issuer"] = k["controller"]
d["validUntil"] = "2030-01-01T00:00:00Z"
json.dump(d, open(sys.argv[3], "w"))
PY
check "sign" "$MCRED" sign --key "$TMP/didkey.json" --created 2024-05-01T10:00:00Z "$TMP/cred.json"
cp "$TMP/out" "$TMP/signed.json"
check_json "the proof" "$TMP/signed.json" "j['proof']['cryptosuite'] == 'eddsa-rdfc-2022' and j['proof']['created'] == '2024-05-01T10:00:00Z' and j['proof']['proofValue'].startswith('z')"
check "verify" "$MCRED" verify --now 2025-01-01T00:00:00Z "$TMP/signed.json"
check_grep "valid" ": valid" "$TMP/out"
check "verify --json" "$MCRED" verify --json --now 2025-01-01T00:00:00Z "$TMP/signed.json"
check_json "the report" "$TMP/out" "j[0]['valid'] and [c['check'] for c in j[0]['checks']] == ['json', 'types', 'jsonld', 'proof', 'issuer', 'validity', 'status']"
check_exit "expired" 1 "$MCRED" verify --now 2031-01-01T00:00:00Z "$TMP/signed.json"
check_grep "expired is named" "fail validity: expired on 2030-01-01T00:00:00Z" "$TMP/out"
check_exit "not yet valid" 1 "$MCRED" verify --now 2020-01-01T00:00:00Z "$TMP/signed.json"
check_grep "not valid yet" "fail validity: not valid yet" "$TMP/out"
check "sign with eddsa-jcs-2022" "$MCRED" sign --cryptosuite eddsa-jcs-2022 --key "$TMP/didkey.json" "$TMP/cred.json"
cp "$TMP/out" "$TMP/signed-jcs.json"
check "verify eddsa-jcs-2022" "$MCRED" verify --now 2025-01-01T00:00:00Z "$TMP/signed-jcs.json"

# Tampering, a broken proof value, an unknown context, a missing proof.
sed 's/Alumni Credential/Alumni Credentia1/' "$TMP/signed.json" > "$TMP/t1.json"
check_exit "tampered" 1 "$MCRED" verify --now 2025-01-01T00:00:00Z "$TMP/t1.json"
check_grep "tampering named" "fail proof: the signature does not verify" "$TMP/out"
python3 - "$TMP/signed.json" "$TMP" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
b = json.loads(json.dumps(d)); b["proof"]["proofValue"] = "zNot0Base58"; json.dump(b, open(sys.argv[2] + "/t2.json", "w"))
c = json.loads(json.dumps(d)); c["@context"].append("https://example.org/unknown"); json.dump(c, open(sys.argv[2] + "/t3.json", "w"))
n = json.loads(json.dumps(d)); del n["proof"]; json.dump(n, open(sys.argv[2] + "/t4.json", "w"))
PY
check_exit "broken proofValue" 1 "$MCRED" verify "$TMP/t2.json"
check_grep "base58 named" "fail proof: .*base58" "$TMP/out"
check_exit "unknown context" 1 "$MCRED" verify "$TMP/t3.json"
check_grep "context named" "fail jsonld: .*loading remote context failed.*https://example.org/unknown" "$TMP/out"
check_exit "no proof" 1 "$MCRED" verify "$TMP/t4.json"
check_grep "no proof named" "fail proof: the credential has no proof" "$TMP/out"
printf 'not json' > "$TMP/t5.json"
check_exit "not JSON" 1 "$MCRED" verify "$TMP/t5.json"
check_grep "json named" "fail json: " "$TMP/out"
check_exit "missing file" 2 "$MCRED" verify "$TMP/none.json"

# An https issuer: its key is trusted only through the controller document at the issuer's URL.
python3 - "$V/unsigned.json" "$TMP/https-key.json" "$TMP" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); k = json.load(open(sys.argv[2])); t = sys.argv[3]
d["issuer"] = k["controller"]
json.dump(d, open(t + "/hcred.json", "w"))
vm = {"id": k["id"], "type": "Multikey", "controller": k["controller"], "publicKeyMultibase": k["publicKeyMultibase"]}
doc = {"@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
       "id": k["controller"], "verificationMethod": [vm], "assertionMethod": [k["id"]]}
json.dump(doc, open(t + "/controller.json", "w"))
doc2 = dict(doc); doc2["assertionMethod"] = []
json.dump(doc2, open(t + "/controller-unlisted.json", "w"))
PY
check "sign for an https issuer" "$MCRED" sign --key "$TMP/https-key.json" "$TMP/hcred.json"
cp "$TMP/out" "$TMP/hsigned.json"
check "verify with the controller document" "$MCRED" verify --offline --doc "https://issuer.example/issuers/1=$TMP/controller.json" "$TMP/hsigned.json"
check_exit "offline without it" 1 "$MCRED" verify --offline "$TMP/hsigned.json"
check_grep "the missing document is named" "controller document https://issuer.example/issuers/1 .*could not be read \(offline" "$TMP/out"
check_exit "key not listed for assertions" 1 "$MCRED" verify --offline --doc "https://issuer.example/issuers/1=$TMP/controller-unlisted.json" "$TMP/hsigned.json"
check_grep "not listed named" "not listed under assertionMethod" "$TMP/out"

# VC-JWT: EdDSA with the did:key; RS256 and ES256 JWKs of an https issuer, through its controller
# document (publicKeyJwk); a changed payload fails.
check "sign --format jwt" "$MCRED" sign --format jwt --key "$TMP/didkey.json" "$TMP/cred.json"
cp "$TMP/out" "$TMP/cred.jwt"
check_grep "a compact JWS" "^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$" "$TMP/cred.jwt"
check "verify a VC-JWT" "$MCRED" verify --now 2025-01-01T00:00:00Z "$TMP/cred.jwt"
check "verify --json of a VC-JWT" "$MCRED" verify --json --now 2025-01-01T00:00:00Z "$TMP/cred.jwt"
check_json "the JWT report" "$TMP/out" "j[0]['format'] == 'jwt' and j[0]['valid'] and j[0]['checks'][0]['check'] == 'jwt'"
for alg in RS256 ES256; do
  check "keygen --jwk $alg" "$MCRED" keygen --jwk "$alg" --controller https://issuer.example/issuers/2
  cp "$TMP/out" "$TMP/$alg.json"
  python3 - "$V/unsigned.json" "$TMP/$alg.json" "$TMP" "$alg" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); k = json.load(open(sys.argv[2])); t, alg = sys.argv[3], sys.argv[4]
d["issuer"] = "https://issuer.example/issuers/2"
json.dump(d, open(f"{t}/{alg}-cred.json", "w"))
pub = {x: k[x] for x in k if x not in ("d", "p", "q", "dp", "dq", "qi")}
vm = {"id": k["kid"], "type": "JsonWebKey", "controller": d["issuer"], "publicKeyJwk": pub}
doc = {"@context": ["https://www.w3.org/ns/did/v1"], "id": d["issuer"],
       "verificationMethod": [vm], "assertionMethod": [k["kid"]]}
json.dump(doc, open(f"{t}/{alg}-controller.json", "w"))
PY
  check "sign --format jwt with $alg" "$MCRED" sign --format jwt --key "$TMP/$alg.json" "$TMP/$alg-cred.json"
  cp "$TMP/out" "$TMP/$alg.jwt"
  check "verify $alg" "$MCRED" verify --offline --doc "https://issuer.example/issuers/2=$TMP/$alg-controller.json" "$TMP/$alg.jwt"
  check_exit "verify $alg offline without the document" 1 "$MCRED" verify --offline "$TMP/$alg.jwt"
done
python3 - "$TMP/cred.jwt" "$TMP/changed.jwt" <<'PY'
import base64, json, sys
h, p, s = open(sys.argv[1]).read().strip().split(".")
pad = lambda x: x + "=" * (-len(x) % 4)
d = json.loads(base64.urlsafe_b64decode(pad(p)))
d["name"] = "Changed"
p2 = base64.urlsafe_b64encode(json.dumps(d).encode()).decode().rstrip("=")
open(sys.argv[2], "w").write(".".join([h, p2, s]))
PY
check_exit "a changed VC-JWT" 1 "$MCRED" verify --now 2025-01-01T00:00:00Z "$TMP/changed.jwt"
check_grep "the JWT signature is named" "fail proof: .*signature does not verify" "$TMP/out"
printf 'eyJhbGciOiJub25lIn0.e30.' > "$TMP/none.jwt"
check_exit "alg none" 1 "$MCRED" verify "$TMP/none.jwt"
check_grep "alg none refused" "fail jwt: " "$TMP/out"

# Status lists: a revocation entry checked against a signed BitstringStatusListCredential.
python3 - "$V/unsigned.json" "$TMP/didkey.json" "$TMP" <<'PY'
import base64, gzip, json, sys
d = json.load(open(sys.argv[1])); k = json.load(open(sys.argv[2])); t = sys.argv[3]
d["issuer"] = k["controller"]
d["credentialStatus"] = {"id": "https://issuer.example/status/1#94567", "type": "BitstringStatusListEntry",
                         "statusPurpose": "revocation", "statusListIndex": "94567",
                         "statusListCredential": "https://issuer.example/status/1"}
json.dump(d, open(t + "/scred.json", "w"))
for name, bit in (("list-clear", None), ("list-revoked", 94567)):
    bits = bytearray(131072 // 8)
    if bit is not None:
        bits[bit // 8] |= 0x80 >> (bit % 8)
    enc = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits))).decode().rstrip("=")
    lst = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "https://issuer.example/status/1",
           "type": ["VerifiableCredential", "BitstringStatusListCredential"], "issuer": k["controller"],
           "validFrom": "2024-01-01T00:00:00Z",
           "credentialSubject": {"id": "https://issuer.example/status/1#list", "type": "BitstringStatusList",
                                 "statusPurpose": "revocation", "encodedList": enc}}
    json.dump(lst, open(f"{t}/{name}.json", "w"))
PY
check "sign a credential with a status" "$MCRED" sign --key "$TMP/didkey.json" "$TMP/scred.json"
cp "$TMP/out" "$TMP/ssigned.json"
for l in list-clear list-revoked; do
  check "sign the status list $l" "$MCRED" sign --key "$TMP/didkey.json" "$TMP/$l.json"
  cp "$TMP/out" "$TMP/$l-signed.json"
done
check "not revoked" "$MCRED" verify --offline --now 2025-01-01T00:00:00Z --doc "https://issuer.example/status/1=$TMP/list-clear-signed.json" "$TMP/ssigned.json"
check "not revoked, in the report" "$MCRED" verify --json --offline --now 2025-01-01T00:00:00Z --doc "https://issuer.example/status/1=$TMP/list-clear-signed.json" "$TMP/ssigned.json"
check_json "status passes" "$TMP/out" "[c for c in j[0]['checks'] if c['check'] == 'status'][0]['status'] == 'pass'"
check_exit "revoked" 1 "$MCRED" verify --offline --now 2025-01-01T00:00:00Z --doc "https://issuer.example/status/1=$TMP/list-revoked-signed.json" "$TMP/ssigned.json"
check_grep "revoked is named" "fail status: revoked \(entry 94567 of https://issuer.example/status/1\)" "$TMP/out"
check_exit "no status list" 1 "$MCRED" verify --offline --now 2025-01-01T00:00:00Z "$TMP/ssigned.json"
check_grep "the missing list is named" "fail status: the revocation status could not be checked" "$TMP/out"
check_exit "an unsigned status list" 1 "$MCRED" verify --offline --now 2025-01-01T00:00:00Z --doc "https://issuer.example/status/1=$TMP/list-clear.json" "$TMP/ssigned.json"
check_grep "the list's proof is named" "fail status: the status list https://issuer.example/status/1 is not valid: proof" "$TMP/out"
"$MCRED" keygen > "$TMP/other-key.json"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); k=json.load(open(sys.argv[2])); d['issuer']=k['controller']; json.dump(d, open(sys.argv[3],'w'))" "$TMP/list-clear.json" "$TMP/other-key.json" "$TMP/list-other.json"
"$MCRED" sign --key "$TMP/other-key.json" "$TMP/list-other.json" > "$TMP/list-other-signed.json"
check_exit "a list by another issuer" 1 "$MCRED" verify --offline --now 2025-01-01T00:00:00Z --doc "https://issuer.example/status/1=$TMP/list-other-signed.json" "$TMP/ssigned.json"
check_grep "the other issuer is named" "fail status: the status list .* was issued by did:key:" "$TMP/out"

# Baked badges: the signed credential and the VC-JWT in a PNG and an SVG verify; broken images fail.
python3 - "$TMP" <<'PY'
import struct, sys, zlib
t = sys.argv[1]
def chunk(k, d): return struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) \
      + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")
open(t + "/badge.png", "wb").write(png)
open(t + "/badge.svg", "w").write('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9" height="9"/></svg>\n')
PY
check "bake into a PNG" "$MCRED" bake --credential "$TMP/signed.json" "$TMP/badge.png" -o "$TMP/baked.png"
check "verify the baked PNG" "$MCRED" verify --now 2025-01-01T00:00:00Z "$TMP/baked.png"
check "verify --json of the baked PNG" "$MCRED" verify --json --now 2025-01-01T00:00:00Z "$TMP/baked.png"
check_json "the baked check comes first" "$TMP/out" "j[0]['valid'] and j[0]['checks'][0]['check'] == 'baked'"
check "extract from the PNG" "$MCRED" extract "$TMP/baked.png"
check_json "extract gives the credential" "$TMP/out" "j['proof']['cryptosuite'] == 'eddsa-rdfc-2022'"
check "bake a VC-JWT into an SVG" "$MCRED" bake --credential "$TMP/cred.jwt" "$TMP/badge.svg" -o "$TMP/baked.svg"
check "verify the baked SVG" "$MCRED" verify --now 2025-01-01T00:00:00Z "$TMP/baked.svg"
head -c 60 "$TMP/baked.png" > "$TMP/truncated.png"
check_exit "a truncated PNG" 1 "$MCRED" verify "$TMP/truncated.png"
check_grep "the truncation is named" "fail baked: " "$TMP/out"
check_exit "an image with nothing baked" 1 "$MCRED" verify "$TMP/badge.png"
check_exit "extract from an image with nothing baked" 1 "$MCRED" extract "$TMP/badge.png"

# Batches.
{ python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))" "$TMP/signed.json"
  python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))" "$TMP/t1.json"
  python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))))" "$TMP/signed-jcs.json"; } > "$TMP/batch.jsonl"
check_exit "batch with one bad" 1 "$MCRED" verify --now 2025-01-01T00:00:00Z --batch "$TMP/batch.jsonl"
check_grep "batch summary" "^mcred verify: 3 credentials, 2 valid, 1 invalid, in .* credentials/s" "$TMP/out"
check_grep "batch names the line" "batch.jsonl line 2: INVALID" "$TMP/out"

# Usage errors.
check_exit "sign without a key" 2 "$MCRED" sign "$TMP/cred.json"
check_exit "sign with a bad suite" 2 "$MCRED" sign --key "$TMP/didkey.json" --cryptosuite rsa "$TMP/cred.json"
check_exit "sign with a public key only" 1 "$MCRED" sign --key <(python3 -c "import json,sys; k=json.load(open(sys.argv[1])); k.pop('secretKeyMultibase'); print(json.dumps(k))" "$TMP/didkey.json") "$TMP/cred.json"
check_exit "verify nothing" 2 "$MCRED" verify
check_exit "verify bad --now" 2 "$MCRED" verify --now yesterday "$TMP/signed.json"
check_exit "verify bad --doc" 2 "$MCRED" verify --doc nothing "$TMP/signed.json"

echo "test-vc: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
