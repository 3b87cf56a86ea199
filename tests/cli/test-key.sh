#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# mcred key: issuers' signing keys sealed under a master key; rotation, revocation, resealing.
. "$(dirname "$0")/lib.sh"

DB="$TMP/k.db"
check "demo data" "$MCRED" demo --db "$DB"
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE

check_exit "no organisation given" 2 "$MCRED" key rotate --db "$DB"
check_exit "unknown organisation" 1 "$MCRED" key rotate --db "$DB" --org no-such-org
check_grep "unknown organisation named" "no-such-org" "$TMP/err"

check "first key" "$MCRED" key rotate --db "$DB" --org coursera \
  --seed 0707070707070707070707070707070707070707070707070707070707070707
check_grep "new key printed" "new signing key z6Mk" "$TMP/out"
check_grep "master key created and said so" "created the master key .*k.db.master-key" "$TMP/err"
k1=$(grep -Eo 'z6Mk[1-9A-HJ-NP-Za-km-z]+' "$TMP/out")
mode=$(stat -c %a "$DB.master-key")
if [ "$mode" = 600 ]; then pass; else fail "master key file mode $mode, want 600"; fi

check "rotate" "$MCRED" key rotate --db "$DB" --org coursera
k2=$(grep -Eo 'z6Mk[1-9A-HJ-NP-Za-km-z]+' "$TMP/out")
if [ -n "$k2" ] && [ "$k1" != "$k2" ]; then pass; else fail "rotation gave the same key"; fi

check "list" "$MCRED" key list --db "$DB" --org coursera --json
check_json "newest first, one signing, one retired" "$TMP/out" \
  "[k['state'] for k in j] == ['signing', 'retired'] and j[1]['key_id'] == '$k1'"

check "controller document" "$MCRED" key controller --db "$DB" --org coursera \
  --issuer-url https://creds.example/issuers/coursera
check_json "both keys under assertionMethod" "$TMP/out" \
  "j['id'] == 'https://creds.example/issuers/coursera' and len(j['assertionMethod']) == 2 and all(v['type'] == 'Multikey' and v['controller'] == j['id'] for v in j['verificationMethod'])"

check_exit "revoke needs a reason" 2 "$MCRED" key revoke "$k1" --db "$DB" --org coursera
check "revoke" "$MCRED" key revoke "$k1" --db "$DB" --org coursera --reason "laptop stolen"
check "controller after revoke" "$MCRED" key controller --db "$DB" --org coursera \
  --issuer-url https://creds.example/issuers/coursera
check_json "the revoked key is gone" "$TMP/out" \
  "j['assertionMethod'] == ['https://creds.example/issuers/coursera#$k2']"
check "list after revoke" "$MCRED" key list --db "$DB" --org coursera
check_grep "reason shown" "reason +laptop stolen" "$TMP/out"

check_exit "a readable master key is refused" 1 bash -c \
  "chmod 644 '$DB.master-key' && '$MCRED' key rotate --db '$DB' --org edx"
check_grep "says what to run" "chmod 600" "$TMP/err"
chmod 600 "$DB.master-key"

check "new master key" "$MCRED" key new-master-key "$TMP/new.key"
check_exit "never overwritten" 1 "$MCRED" key new-master-key "$TMP/new.key"
check "reseal" "$MCRED" key reseal --db "$DB" --new-master-key "$TMP/new.key"
check_grep "two keys resealed" "resealed 2 signing keys" "$TMP/out"
check_exit "the old master key no longer opens them" 1 "$MCRED" key reseal --db "$DB" \
  --new-master-key "$TMP/new.key" --master-key "$TMP/nothing"
check "repeated reseal is a no-op" "$MCRED" key reseal --db "$DB" --master-key "$TMP/new.key" \
  --new-master-key "$TMP/new.key"
check_grep "nothing to do" "resealed 0 signing keys" "$TMP/out"
check "rotate with the new master key from the environment" env \
  MCRED_MASTER_KEY_FILE="$TMP/new.key" "$MCRED" key rotate --db "$DB" --org coursera
check_exit "bad master key text" 1 env MCRED_MASTER_KEY=abc "$MCRED" key rotate --db "$DB" \
  --org coursera
check_grep "names the variable" "MCRED_MASTER_KEY" "$TMP/err"
check_exit "unknown verb" 2 "$MCRED" key frobnicate

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
