#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# VC-JWT interop with jose, an independent JOSE implementation from npm: the RS256, ES256 and
# EdDSA VC-JWTs mcred signs verify there as VC-JOSE-COSE (typ vc+jwt, the payload is the
# credential); those jose signs, in the VC 2.0 and the VC 1.1 forms, verify here with keys from an
# https controller document or a did:key; changed JWTs fail on both sides; alg "none", HS256 and a
# key of the wrong type are refused.
. "$(dirname "$0")/lib.sh"
need_npm jose
NOW=2025-06-01T00:00:00Z
ISS=https://issuer.example/issuers/mcred
JISS=https://issuer.example/issuers/jose

# Payload surgery: change the credential's name in a compact JWS, keeping header and signature.
change_payload() {
  python3 - "$1" "$2" <<'PY'
import base64, json, sys
h, p, s = open(sys.argv[1]).read().strip().split(".")
d = json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
(d["vc"] if "vc" in d else d)["name"] += "!"
p2 = base64.urlsafe_b64encode(json.dumps(d).encode()).decode().rstrip("=")
open(sys.argv[2], "w").write(".".join([h, p2, s]) + "\n")
PY
}

# Open Badges 3.0 credentials without a status entry or an end date: cred-mcred.json issued by
# $ISS, cred-jose.json by $JISS; the did:key ones get their issuer below.
python3 "$SRC/bench/ob3-corpus.py" --count 4 "$TMP/ob3.jsonl" >/dev/null
python3 - "$TMP/ob3.jsonl" "$TMP" "$ISS" "$JISS" <<'PY'
import json, sys
names = ["cred-mcred", "cred-jose", "cred-mcred-didkey", "cred-jose-didkey"]
issuers = [sys.argv[3], sys.argv[4], None, None]
for line, name, iss in zip(open(sys.argv[1]), names, issuers):
    d = json.loads(line)
    d.pop("credentialStatus", None)
    d.pop("validUntil", None)
    if iss:
        d["issuer"]["id"] = iss
    json.dump(d, open(f"{sys.argv[2]}/{name}.json", "w"))
PY

# ---- mcred signs, jose verifies ----
for alg in RS256 ES256 EdDSA; do
  check "mcred keygen --jwk $alg" "$MCRED" keygen --jwk "$alg" --controller "$ISS"
  cp "$TMP/out" "$TMP/m-$alg.json"
  python3 -c "import json,sys; k=json.load(open(sys.argv[1])); json.dump({x: k[x] for x in k if x not in ('d','p','q','dp','dq','qi')}, open(sys.argv[2],'w'))" \
    "$TMP/m-$alg.json" "$TMP/m-$alg.pub.json"
  check "mcred signs $alg" "$MCRED" sign --format jwt --key "$TMP/m-$alg.json" "$TMP/cred-mcred.json"
  cp "$TMP/out" "$TMP/m-$alg.jwt"
  check "jose verifies mcred's $alg VC-JWT" node "$JS/jwt.mjs" verify "$TMP/m-$alg.jwt" "$TMP/m-$alg.pub.json" "$alg" "$TMP/cred-mcred.json"
  check_grep "jose sees typ vc+jwt and the kid" "^verified: $alg, kid $ISS#[A-Za-z0-9_-]{43}, typ vc\+jwt$" "$TMP/out"
  change_payload "$TMP/m-$alg.jwt" "$TMP/m-$alg-changed.jwt"
  check_exit "jose rejects mcred's changed $alg VC-JWT" 1 node "$JS/jwt.mjs" verify "$TMP/m-$alg-changed.jwt" "$TMP/m-$alg.pub.json" "$alg" "$TMP/cred-mcred.json"
  check_grep "jose names the signature" "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" "$TMP/err"
done
# Another key of the same type does not verify it.
"$MCRED" keygen --jwk ES256 --controller "$ISS" \
  | python3 -c "import json,sys; k=json.load(sys.stdin); k.pop('d'); print(json.dumps(k))" >"$TMP/other-ES256.pub.json"
check_exit "jose rejects mcred's ES256 VC-JWT with another key" 1 node "$JS/jwt.mjs" verify "$TMP/m-ES256.jwt" "$TMP/other-ES256.pub.json" ES256 "$TMP/cred-mcred.json"
# The same JWTs verify in mcred through the issuer's controller document (publicKeyJwk).
python3 - "$TMP" "$ISS" <<'PY'
import json, sys
t, iss = sys.argv[1], sys.argv[2]
vms = []
for alg in ("RS256", "ES256", "EdDSA"):
    k = json.load(open(f"{t}/m-{alg}.pub.json"))
    vms.append({"id": k["kid"], "type": "JsonWebKey", "controller": iss, "publicKeyJwk": k})
doc = {"@context": ["https://www.w3.org/ns/did/v1"], "id": iss, "verificationMethod": vms,
       "assertionMethod": [v["id"] for v in vms]}
json.dump(doc, open(f"{t}/m-controller.json", "w"))
PY
check "mcred verifies its own three VC-JWTs" "$MCRED" verify --offline --now "$NOW" --doc "$ISS=$TMP/m-controller.json" "$TMP/m-RS256.jwt" "$TMP/m-ES256.jwt" "$TMP/m-EdDSA.jwt"
# A Multikey (did:key) signs EdDSA; jose takes the public key from the did:key.
check "mcred keygen (did:key)" "$MCRED" keygen --seed 4f1c0d2e3b4a59687766554433221100ffeeddccbbaa99887766554433221100
cp "$TMP/out" "$TMP/m-didkey.json"
mdid=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['controller'])" "$TMP/m-didkey.json")
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['issuer']['id']=sys.argv[2]; json.dump(d, open(sys.argv[1],'w'))" "$TMP/cred-mcred-didkey.json" "$mdid"
check "mcred signs EdDSA with a did:key" "$MCRED" sign --format jwt --key "$TMP/m-didkey.json" "$TMP/cred-mcred-didkey.json"
cp "$TMP/out" "$TMP/m-didkey.jwt"
check "jose verifies mcred's did:key VC-JWT" node "$JS/jwt.mjs" verify "$TMP/m-didkey.jwt" "$mdid" EdDSA "$TMP/cred-mcred-didkey.json"
check_grep "the kid is the did:key's key" "kid $mdid#${mdid#did:key:}," "$TMP/out"

# ---- jose signs, mcred verifies ----
for alg in RS256 ES256 EdDSA; do
  check "jose keygen $alg" node "$JS/jwt.mjs" keygen "$alg" "$TMP/j-$alg"
done
python3 - "$TMP" "$JISS" <<'PY'
import json, sys
t, iss = sys.argv[1], sys.argv[2]
vms = [{"id": f"{iss}#key-{alg}", "type": "JsonWebKey", "controller": iss,
        "publicKeyJwk": json.load(open(f"{t}/j-{alg}.public.json"))} for alg in ("RS256", "ES256", "EdDSA")]
doc = {"@context": ["https://www.w3.org/ns/did/v1"], "id": iss, "verificationMethod": vms,
       "assertionMethod": [v["id"] for v in vms]}
json.dump(doc, open(f"{t}/j-controller.json", "w"))
PY
DOC=(--offline --now "$NOW" --doc "$JISS=$TMP/j-controller.json")
for alg in RS256 ES256 EdDSA; do
  for form in vc2 vc11; do
    check "jose signs $alg ($form)" node "$JS/jwt.mjs" sign "$TMP/j-$alg.private.json" "$alg" "$JISS#key-$alg" "$TMP/cred-jose.json" "$form"
    cp "$TMP/out" "$TMP/j-$alg-$form.jwt"
    check "mcred verifies jose's $alg VC-JWT ($form)" "$MCRED" verify --json "${DOC[@]}" "$TMP/j-$alg-$form.jwt"
    check_json "mcred's report for jose's $alg ($form)" "$TMP/out" \
      "j[0]['valid'] and j[0]['format'] == 'jwt' and j[0]['issuer'] == '$JISS' and any(c['check'] == 'proof' and c['status'] == 'pass' and c['message'].startswith('$alg signature by $JISS#key-$alg') for c in j[0]['checks']) and any(c['check'] == 'issuer' and c['status'] == 'pass' for c in j[0]['checks'])"
    change_payload "$TMP/j-$alg-$form.jwt" "$TMP/j-$alg-$form-changed.jwt"
    check_exit "mcred rejects jose's changed $alg VC-JWT ($form)" 1 "$MCRED" verify "${DOC[@]}" "$TMP/j-$alg-$form-changed.jwt"
    check_grep "mcred names the signature" "fail proof: .*signature does not verify" "$TMP/out"
  done
  check_exit "jose itself rejects the changed $alg VC-JWT" 1 node "$JS/jwt.mjs" verify "$TMP/j-$alg-vc2-changed.jwt" "$TMP/j-$alg.public.json" "$alg" "$TMP/cred-jose.json"
done
# EdDSA with a did:key issuer: mcred needs no document.
jdid=$(cat "$TMP/j-EdDSA.didkey")
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); d['issuer']['id']=sys.argv[2]; json.dump(d, open(sys.argv[1],'w'))" "$TMP/cred-jose-didkey.json" "$jdid"
check "jose signs EdDSA as a did:key" node "$JS/jwt.mjs" sign "$TMP/j-EdDSA.private.json" EdDSA "$jdid#${jdid#did:key:}" "$TMP/cred-jose-didkey.json" vc2
cp "$TMP/out" "$TMP/j-didkey.jwt"
check "mcred verifies jose's did:key VC-JWT offline" "$MCRED" verify --offline --now "$NOW" "$TMP/j-didkey.jwt"
check_grep "valid" ": valid" "$TMP/out"
# A key that belongs to another issuer.
check_exit "mcred rejects a did:key JWT whose issuer is $JISS" 1 "$MCRED" verify "${DOC[@]}" <(
  node "$JS/jwt.mjs" sign "$TMP/j-EdDSA.private.json" EdDSA "$jdid#${jdid#did:key:}" "$TMP/cred-jose.json" vc2)
check_grep "the issuer check names both" "fail issuer: the signing key belongs to $jdid, not to the issuer $JISS" "$TMP/out"
# An EdDSA signature presented under the RSA key's kid: the key does not fit the alg.
check "jose signs EdDSA under the RS256 kid" node "$JS/jwt.mjs" sign "$TMP/j-EdDSA.private.json" EdDSA "$JISS#key-RS256" "$TMP/cred-jose.json" vc2
cp "$TMP/out" "$TMP/j-mismatch.jwt"
check_exit "mcred rejects a key that does not fit the alg" 1 "$MCRED" verify "${DOC[@]}" "$TMP/j-mismatch.jwt"
check_grep "the misfit is named" "fail proof: " "$TMP/out"
# Unsecured and shared-secret JWTs are refused before any key is looked at.
check "jose makes an alg none JWT" node "$JS/jwt.mjs" unsecured "$TMP/cred-jose.json"
cp "$TMP/out" "$TMP/none.jwt"
check_exit "mcred refuses alg none" 1 "$MCRED" verify "${DOC[@]}" "$TMP/none.jwt"
check_grep "alg none is named" "fail jwt: JWS alg \"none\" \(an unsecured JWS, with no signature\) is refused" "$TMP/out"
check "jose makes an HS256 JWT" node "$JS/jwt.mjs" hs256 "a shared secret of thirty-two bytes!" "$TMP/cred-jose.json"
cp "$TMP/out" "$TMP/hs256.jwt"
check_exit "mcred refuses HS256" 1 "$MCRED" verify "${DOC[@]}" "$TMP/hs256.jwt"
check_grep "HS256 is named" "fail jwt: JWS alg \"HS256\" is not supported" "$TMP/out"

echo "test-interop-jwt: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
