#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# mcred issue (one recipient, and bulk from CSV: streamed, idempotent, resumable after a kill),
# and revoke / suspend / unsuspend, checked with mcred verify against the documents the
# database publishes.
. "$(dirname "$0")/lib.sh"
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
DB="$TMP/i.db"
ACH=coursera-google-data-analytics
check "demo data" "$MCRED" demo --db "$DB"

check_exit "no signing key yet" 1 "$MCRED" issue --db "$DB" --achievement $ACH --email a@example.org
check_grep "says how to make one" "mcred key rotate" "$TMP/err"
check "signing key" "$MCRED" key rotate --db "$DB" --org google
check_exit "achievement required" 2 "$MCRED" issue --db "$DB" --email a@example.org
check_exit "recipient required" 2 "$MCRED" issue --db "$DB" --achievement $ACH
check_exit "unknown achievement" 1 "$MCRED" issue --db "$DB" --achievement nope --email a@example.org
check_exit "bad email" 1 "$MCRED" issue --db "$DB" --achievement $ACH --email not-an-email
check_grep "bad email named" "not an email address" "$TMP/err"

check "one credential" "$MCRED" issue --db "$DB" --achievement $ACH --email ada@example.org \
  --name "Ada Lovelace" --result 92 --evidence-url https://ex.org/p/1 --idempotency-key one-1
id=$(grep -Eo 'urn:uuid:[0-9a-f-]+' "$TMP/out")
check "the same idempotency key" "$MCRED" issue --db "$DB" --achievement $ACH \
  --email ada@example.org --idempotency-key one-1
check_grep "nothing new" "$id \(issued before" "$TMP/out"
check_exit "another public URL is refused" 1 "$MCRED" issue --db "$DB" --achievement $ACH \
  --email b@example.org --public-url https://elsewhere.example
check_grep "names the stored URL" "issues under http://127.0.0.1:8080" "$TMP/err"

# The documents a verifier fetches, as the database publishes them.
export_docs() {
  "$MCRED" key controller --db "$DB" --org google --issuer-url http://127.0.0.1:8080/issuers/google \
    >"$TMP/issuer.json"
  python3 - "$DB" "$TMP" "$1" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for url, doc in db.execute("SELECT url, published_credential FROM status_lists"):
    open(sys.argv[2] + "/" + url.strip("/").replace("/", "_") + ".json", "w").write(doc)
row = db.execute("SELECT document FROM credentials WHERE id = ?", (sys.argv[3],)).fetchone()
open(sys.argv[2] + "/cred.json", "w").write(row[0])
PY
}
verify_cred() {
  "$MCRED" verify --offline --doc "http://127.0.0.1:8080/issuers/google=$TMP/issuer.json" \
    --doc "http://127.0.0.1:8080/status/google/1/revocation=$TMP/status_google_1_revocation.json" \
    --doc "http://127.0.0.1:8080/status/google/1/suspension=$TMP/status_google_1_suspension.json" \
    "$TMP/cred.json"
}
# The verifier refuses plain-http documents when fetching, but --doc supplies them.
export_docs "$id"
check "the issued credential verifies" verify_cred
check_grep "valid" "valid" "$TMP/out"

check_exit "suspend needs a reason" 2 "$MCRED" suspend "$id" --db "$DB"
check "suspend" "$MCRED" suspend "$id" --db "$DB" --reason "under review"
export_docs "$id"
check_exit "a suspended credential fails" 1 verify_cred
check_grep "suspended" "suspension" "$TMP/out"
check "unsuspend" "$MCRED" unsuspend "${id#urn:uuid:}" --db "$DB" --reason "review done"
export_docs "$id"
check "it verifies again" verify_cred
check "revoke by page URL" "$MCRED" revoke "http://127.0.0.1:8080/credentials/${id#urn:uuid:}" \
  --db "$DB" --reason "plagiarism"
export_docs "$id"
check_exit "a revoked credential fails" 1 verify_cred
check_grep "revoked" "revocation" "$TMP/out"
check_exit "revoked stays revoked" 1 "$MCRED" unsuspend "$id" --db "$DB" --reason x
check_grep "says its state" "is revoked" "$TMP/err"
check_json "the reason is in the audit log" <(python3 -c "
import json, sqlite3, sys
db = sqlite3.connect('$DB')
print(json.dumps([r[0] for r in db.execute(\"SELECT detail FROM audit_log WHERE action = 'credential.revoke'\")]))") \
  "any('plagiarism' in d for d in j)"

# Bulk: 2,000 rows with three bad ones.
python3 - "$TMP/rows.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("email,name,result,evidence_url,issued_at\r\n")
    for i in range(2000):
        if i == 5:
            f.write("bad-email,X,1,,\r\n")
        elif i == 11:
            f.write('p%d@example.org,"Name, with comma",1,notaurl,\r\n' % i)
        elif i == 17:
            f.write("p%d@example.org,Y,1,,yesterday\r\n" % i)
        else:
            f.write('p%d@example.org,"Person ""%d""",%d,https://ex.org/e/%d,2026-03-01\r\n'
                    % (i, i, 50 + i % 50, i))
PY
count() { python3 -c "import sqlite3; print(sqlite3.connect('$DB').execute('SELECT count(*) FROM credentials').fetchone()[0])"; }
before=$(count)
check_exit "bulk: bad rows are reported and skipped" 1 "$MCRED" issue --db "$DB" \
  --achievement $ACH --csv "$TMP/rows.csv" --report "$TMP/report.jsonl"
check_grep "summary" "^1997 issued, 0 issued before, 3 rows with errors skipped" "$TMP/out"
check_grep "bad email by line and column" "^line 7, column email: 'bad-email' is not an email" "$TMP/err"
check_grep "bad evidence URL" "^line 13, column evidence_url:" "$TMP/err"
check_grep "bad date" "^line 19, column issued_at:" "$TMP/err"
after=$(count)
if [ $((after - before)) -eq 1997 ]; then pass; else fail "bulk stored $((after - before)), want 1997"; fi
check_json "the report has a line per row" <(python3 -c "
import json
rows = [json.loads(l) for l in open('$TMP/report.jsonl')]
print(json.dumps({'n': len(rows), 'issued': sum(r['status'] == 'issued' for r in rows)}))") \
  "j['n'] == 2000 and j['issued'] == 1997"
check_exit "re-run: nothing issued twice" 1 "$MCRED" issue --db "$DB" --achievement $ACH \
  --csv "$TMP/rows.csv"
check_grep "all known" "^0 issued, 1997 issued before" "$TMP/out"
if [ "$(count)" -eq "$after" ]; then pass; else fail "the re-run stored more credentials"; fi

# Killed midway: what was committed stays, the re-run finishes, nothing is doubled.
python3 - "$TMP/big.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("did,name\n")
    for i in range(3000):
        f.write("did:example:learner%d,L%d\n" % (i, i))
PY
"$MCRED" issue --db "$DB" --achievement $ACH --csv "$TMP/big.csv" --batch-size 50 \
  >"$TMP/out" 2>"$TMP/err" &
pid=$!
for _ in $(seq 1 200); do
  n=$(count); [ "$n" -gt $((after + 300)) ] && break; sleep 0.02
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
mid=$(count)
if [ "$mid" -lt $((after + 3000)) ]; then pass; else fail "the kill came too late to test anything ($mid)"; fi
check "re-run after the kill" "$MCRED" issue --db "$DB" --achievement $ACH --csv "$TMP/big.csv"
if [ "$(count)" -eq $((after + 3000)) ]; then pass; else fail "after the re-run: $(count), want $((after + 3000))"; fi
check_grep "the re-run issued the rest" "^$((after + 3000 - mid)) issued, $((mid - after)) issued before" "$TMP/out"

check_exit "a header without email or did" 1 "$MCRED" issue --db "$DB" --achievement $ACH \
  --csv <(printf 'name\nx\n')
check_grep "named" "email or a did column" "$TMP/err"
check_exit "an unknown column" 1 "$MCRED" issue --db "$DB" --achievement $ACH \
  --csv <(printf 'email,colour\na@example.org,red\n')
check_grep "names it" "colour" "$TMP/err"

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
