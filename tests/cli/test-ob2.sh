#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# mcred verify on Open Badges 2.0 assertions: hosted (JSON and URL) and signed (JWS), baked in PNG
# and SVG images, with the issuer's documents given by --doc; revocation, origins, tampering,
# recipients, expiry, missing documents, reports and exit codes.
. "$(dirname "$0")/lib.sh"
SRC="${MC_SOURCE_DIR:-.}"
F="$SRC/tests/fixtures/ob2"
I="https://issuer.example/ob2"
NOW=(--now 2025-01-01T00:00:00Z)
DOCS=(--offline --doc "$I/issuer.json=$F/issuer.json" --doc "$I/badge.json=$F/badge.json"
      --doc "$I/key.json=$F/key.json" --doc "$I/revocations.json=$F/revocations.json"
      --doc "$I/assertions/1.json=$F/hosted.json"
      --doc "$I/assertions/2.json=$F/hosted-revoked-served.json"
      --doc "https://other.example/ob2/assertions/3.json=$F/hosted-other-origin.json"
      --doc "$I/assertions/4.json=$F/hosted-expired.json")

# Hosted: JSON, the URL alone, revoked, outside the issuer's origin, expired.
check "hosted JSON" "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$F/hosted.json"
check_grep "valid" "hosted.json: valid \($I/assertions/1.json, issuer $I/issuer.json\)" "$TMP/out"
check "hosted JSON --json" "$MCRED" verify --json "${NOW[@]}" "${DOCS[@]}" "$F/hosted.json"
check_json "the hosted report" "$TMP/out" "j[0]['valid'] and j[0]['format'] == 'ob2-hosted' and [c['check'] for c in j[0]['checks']] == ['json', 'context', 'hosted', 'types', 'badge', 'issuer', 'origin', 'recipient', 'validity', 'revocation']"
printf '%s\n' "$I/assertions/1.json" > "$TMP/url.txt"
check "hosted URL" "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$TMP/url.txt"
check_exit "hosted URL offline without the document" 1 "$MCRED" verify "${NOW[@]}" --offline "$TMP/url.txt"
check_grep "the missing document is named" "fail hosted: the hosted assertion $I/assertions/1.json could not be read \(offline, and it was not given with --doc URL=FILE\)" "$TMP/out"
check_exit "hosted and revoked" 1 "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$F/hosted-revoked-given.json"
check_grep "the revocation reason" "fail revocation: revoked by the issuer: Academic misconduct" "$TMP/out"
check_exit "hosted on another origin" 1 "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$F/hosted-other-origin.json"
check_grep "the origin is named" "fail origin: the assertion id https://other.example/ob2/assertions/3.json is not on the origin of its issuer" "$TMP/out"
check_exit "expired" 1 "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$F/hosted-expired.json"
check_grep "expiry named" "fail validity: expired on 2024-09-01T00:00:00Z" "$TMP/out"
check "not yet expired" "$MCRED" verify --now 2024-06-01T00:00:00Z "${DOCS[@]}" "$F/hosted-expired.json"

# Recipients.
check "the right recipient" "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" --recipient learner@example.org "$F/hosted.json"
check_exit "a wrong recipient" 1 "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" --recipient someone@example.org "$F/hosted.json"
check_grep "the recipient is named" "fail recipient: not awarded to someone@example.org" "$TMP/out"

# Signed: valid, tampered, revoked, a key owned by someone else, the key document missing.
check "signed" "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$F/signed.jws"
check "signed --json" "$MCRED" verify --json "${NOW[@]}" "${DOCS[@]}" "$F/signed.jws"
check_json "the signed report" "$TMP/out" "j[0]['valid'] and j[0]['format'] == 'ob2-signed' and [c['check'] for c in j[0]['checks']] == ['jws', 'context', 'types', 'badge', 'issuer', 'key', 'proof', 'recipient', 'validity', 'revocation']"
check_exit "tampered" 1 "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$F/signed-tampered.jws"
check_grep "tampering named" "fail proof: the RS256 signature does not verify with the key $I/key.json" "$TMP/out"
check_exit "revoked in the list" 1 "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$F/signed-revoked.jws"
check_grep "revocation named" "fail revocation: revoked by the issuer \(listed in $I/revocations.json\): Awarded in error" "$TMP/out"
# (the first --doc given for a URL is the one used)
check_exit "the key is someone else's" 1 "$MCRED" verify "${NOW[@]}" --doc "$I/key.json=$F/key-other-owner.json" "${DOCS[@]}" "$F/signed.jws"
check_grep "the owner named" "fail key: the key $I/key.json belongs to https://other.example/ob2/issuer.json, not to the issuer $I/issuer.json" "$TMP/out"
check_exit "the key document missing" 1 "$MCRED" verify "${NOW[@]}" --offline --doc "$I/issuer.json=$F/issuer.json" --doc "$I/badge.json=$F/badge.json" "$F/signed.jws"
check_grep "the key document named" "fail key: the CryptographicKey $I/key.json could not be read \(offline" "$TMP/out"
check_exit "the bare JSON of a signed assertion" 1 "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$F/signed-assertion.json"
check_grep "the JWS is asked for" "fail jws: a signed assertion is verified from its JWS" "$TMP/out"

# Older versions are named.
printf '{"@context": "https://w3id.org/openbadges/v1", "type": "Assertion", "id": "%s/old"}' "$I" > "$TMP/v1.json"
check_exit "Open Badges 1.1" 1 "$MCRED" verify "$TMP/v1.json"
check_grep "1.1 named" "fail context: an Open Badges 1.1 assertion .*only Open Badges 2.0 assertions are verified" "$TMP/out"

# Baked: a PNG with the JWS (iTXt "openbadges"), a PNG with the hosted URL (tEXt), an SVG with the
# hosted assertion's JSON and one with the JWS in its verify attribute.
python3 - "$F" "$TMP" "$I" <<'PY'
import struct, sys, zlib
f, t, iss = sys.argv[1], sys.argv[2], sys.argv[3]
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
def png(extra):
    ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    idat = chunk(b"IDAT", zlib.compress(b"\x00\x00"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + extra + idat + chunk(b"IEND", b"")
jws = open(f + "/signed.jws").read().strip()
hosted = open(f + "/hosted.json").read()
open(t + "/signed.png", "wb").write(png(chunk(b"iTXt", b"openbadges\x00\x00\x00\x00\x00" + jws.encode())))
open(t + "/hosted-url.png", "wb").write(png(chunk(b"tEXt", b"openbadges\x00" + (iss + "/assertions/1.json").encode())))
open(t + "/revoked-url.png", "wb").write(png(chunk(b"tEXt", b"openbadges\x00" + (iss + "/assertions/2.json").encode())))
open(t + "/tampered.png", "wb").write(png(chunk(b"iTXt", b"openbadges\x00\x00\x00\x00\x00" + open(f + "/signed-tampered.jws").read().strip().encode())))
svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="%s"><![CDATA[%s]]></openbadges:assertion><rect width="1" height="1"/></svg>'
open(t + "/hosted.svg", "w").write(svg % (iss + "/assertions/1.json", hosted))
open(t + "/signed.svg", "w").write('<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="%s"></openbadges:assertion></svg>' % jws)
PY
check "baked PNG, signed" "$MCRED" verify --json "${NOW[@]}" "${DOCS[@]}" "$TMP/signed.png"
check_json "the baked signed report" "$TMP/out" "j[0]['valid'] and j[0]['format'] == 'ob2-signed' and j[0]['checks'][0]['check'] == 'baked' and 'Open Badges 2.0 assertion baked in a PNG' in j[0]['checks'][0]['message']"
check "baked PNG, hosted URL" "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$TMP/hosted-url.png"
check_grep "valid" "hosted-url.png: valid" "$TMP/out"
check_exit "baked PNG, revoked hosted URL" 1 "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$TMP/revoked-url.png"
check_grep "revoked named" "fail revocation: revoked by the issuer: Academic misconduct" "$TMP/out"
check_exit "baked PNG, tampered" 1 "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$TMP/tampered.png"
check_grep "tampering named" "fail proof: the RS256 signature does not verify" "$TMP/out"
check "baked SVG, hosted JSON" "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$TMP/hosted.svg"
check "baked SVG, signed" "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" "$TMP/signed.svg"
check_exit "baked PNG without its documents" 1 "$MCRED" verify "${NOW[@]}" --offline "$TMP/signed.png"
check_grep "the BadgeClass named" "fail badge: the BadgeClass $I/badge.json could not be read \(offline" "$TMP/out"

# Batches route Open Badges 2.0 lines too.
{ tr -d '\n' < "$F/hosted.json"; echo; cat "$F/signed.jws"; cat "$F/signed-revoked.jws"; } > "$TMP/batch.jsonl"
check_exit "batch" 1 "$MCRED" verify "${NOW[@]}" "${DOCS[@]}" --batch "$TMP/batch.jsonl"
check_grep "the batch summary" "3 credentials, 2 valid, 1 invalid" "$TMP/out"

finish
