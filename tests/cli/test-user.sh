#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# mcred user and mcred token: accounts with passwords and roles, API tokens shown once.
. "$(dirname "$0")/lib.sh"

# Cheap password hashes: this test is about the commands, not argon2's cost.
export MCRED_PWHASH_FAST=1
DB="$TMP/u.db"
check "demo data" "$MCRED" demo --db "$DB"

printf 'correct horse battery staple\n' >"$TMP/pw"
printf 'short\n' >"$TMP/short"

check "add a user with roles" "$MCRED" user add --db "$DB" --email ada@example.org --name "Ada" \
  --password-file "$TMP/pw" --org coursera --role issuer-admin --org edx --role assessor
check_grep "added" "added user ada@example.org \(id [0-9]+\)" "$TMP/out"
check_grep "roles listed" "issuer-admin in coursera" "$TMP/out"
check_grep "second role listed" "assessor in edx" "$TMP/out"
check "password from standard input, platform administrator" bash -c \
  "printf 'another good passphrase' | '$MCRED' user add --db '$DB' --email root@example.org --name Root --password-stdin --platform-admin"
check_grep "administrator said" "platform administrator" "$TMP/out"
check "no password" "$MCRED" user add --db "$DB" --email lee@example.org --name Lee
check_grep "cannot sign in said" "no password" "$TMP/out"

# The password is stored as an argon2id hash, never as text.
if python3 - "$DB" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
h = db.execute("select password_hash from users where email = 'ada@example.org'").fetchone()[0]
roles = sorted(r for (r,) in db.execute(
    "select role from memberships m join users u on u.id = m.user_id where u.email = 'ada@example.org'"))
audit = db.execute("select count(*) from audit_log where action = 'user.create'").fetchone()[0]
dump = "\n".join(db.iterdump())
sys.exit(0 if h.startswith("$argon2id$") and roles == ["assessor", "issuer-admin"] and audit == 3
         and "horse battery" not in dump else 1)
EOF
then pass; else fail "stored user, roles, audit or a password in clear"; fi

check_exit "a password is never an argument" 2 "$MCRED" user add --db "$DB" --email x@example.org \
  --name X --password hunter2hunter2
check_exit "a stray argument" 2 "$MCRED" user add --db "$DB" --email x@example.org --name X hunter2
check_grep "says where passwords come from" "never from the command line" "$TMP/err"
check_exit "policy" 1 "$MCRED" user add --db "$DB" --email x@example.org --name X \
  --password-file "$TMP/short"
check_grep "policy message" "at least 10 characters" "$TMP/err"
check_exit "both password sources" 2 "$MCRED" user add --db "$DB" --email x@example.org --name X \
  --password-file "$TMP/pw" --password-stdin
check_exit "an --org without its --role" 2 "$MCRED" user add --db "$DB" --email x@example.org \
  --name X --org coursera
check_exit "an unknown role" 2 "$MCRED" user add --db "$DB" --email x@example.org --name X \
  --org coursera --role king
check_grep "roles listed" "owner" "$TMP/err"
check_exit "an unknown organisation" 1 "$MCRED" user add --db "$DB" --email x@example.org \
  --name X --org no-such-org --role learner
check_grep "organisation named" "no-such-org" "$TMP/err"
check_exit "the same email twice, in any case" 1 "$MCRED" user add --db "$DB" \
  --email ADA@example.org --name Ada
check_grep "conflict named" "exists already" "$TMP/err"
check_exit "no email" 2 "$MCRED" user add --db "$DB" --name X
check_exit "a missing password file" 1 "$MCRED" user add --db "$DB" --email y@example.org \
  --name Y --password-file "$TMP/nothing"
check_exit "nothing added by the failures" 1 "$MCRED" token list --db "$DB" --email x@example.org

check "set a password" "$MCRED" user set-password --db "$DB" --email lee@example.org \
  --password-file "$TMP/pw"
check_exit "set-password needs a password" 2 "$MCRED" user set-password --db "$DB" \
  --email lee@example.org

# API tokens
check "create a token" "$MCRED" token create --db "$DB" --email ada@example.org --name CI \
  --scopes "credentials:issue credentials:revoke" --org coursera --expires-days 30
tok=$(cat "$TMP/out")
if [[ "$tok" =~ ^mct_[A-Za-z0-9_-]{43}$ ]]; then pass; else fail "token text: $tok"; fi
check_grep "shown once said" "shown only this once" "$TMP/err"
prefix=${tok:0:12}
check_grep "prefix said" "$prefix" "$TMP/err"
if ! grep -q -- "${tok:12}" "$TMP/err" && ! python3 -c "
import sqlite3, sys
d = '\n'.join(sqlite3.connect(sys.argv[1]).iterdump())
sys.exit(0 if sys.argv[2] in d else 1)" "$DB" "${tok:12}"; then
  pass
else
  fail "the token's secret part was printed on stderr or stored"
fi

check "an Open Badges scope, no organisation" "$MCRED" token create --db "$DB" \
  --email ada@example.org --name wallet \
  --scopes "https://purl.imsglobal.org/spec/ob/v3p0/scope/credential.readonly"
tok2=$(cat "$TMP/out")
check "list" "$MCRED" token list --db "$DB" --email ada@example.org --json
check_json "two tokens, newest first, no secret" "$TMP/out" \
  "len(j) == 2 and j[1]['prefix'] == '$prefix' and j[1]['org'] == 'coursera' and j[1]['scopes'] == 'credentials:issue credentials:revoke' and 'expires_at' in j[1] and all(t['state'] == 'active' for t in j) and '${tok2:12}' not in json.dumps(j)"
check "list for people" "$MCRED" token list --db "$DB" --email ada@example.org
check_grep "state shown" "$prefix active \"CI\" in coursera" "$TMP/out"

check_exit "unknown scope" 1 "$MCRED" token create --db "$DB" --email ada@example.org --name x \
  --scopes "credentials:everything"
check_grep "scope named and the list given" "unknown scope 'credentials:everything'.*catalog:write" "$TMP/err"
check_exit "an organisation where the user has no role" 1 "$MCRED" token create --db "$DB" \
  --email ada@example.org --name x --scopes profile:read --org udacity
check_grep "says why" "no role in that organisation" "$TMP/err"
check "but a platform administrator may" "$MCRED" token create --db "$DB" \
  --email root@example.org --name ops --scopes org:manage --org udacity
check_exit "bad expiry" 2 "$MCRED" token create --db "$DB" --email ada@example.org --name x \
  --scopes profile:read --expires-days 0
check_exit "no scopes" 2 "$MCRED" token create --db "$DB" --email ada@example.org --name x
check_exit "unknown user" 1 "$MCRED" token create --db "$DB" --email who@example.org --name x \
  --scopes profile:read

check "revoke" "$MCRED" token revoke "$prefix" --db "$DB"
check_exit "revoke twice" 1 "$MCRED" token revoke "$prefix" --db "$DB"
check_grep "already said" "revoked already" "$TMP/err"
check_exit "revoke unknown" 1 "$MCRED" token revoke mct_nothing00 --db "$DB"
check "list after revoke" "$MCRED" token list --db "$DB" --email ada@example.org --json
check_json "revoked shown" "$TMP/out" "j[1]['state'] == 'revoked' and 'revoked_at' in j[1]"
check "no tokens" "$MCRED" token list --db "$DB" --email lee@example.org
check_grep "none said" "no API tokens" "$TMP/out"

if python3 - "$DB" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
acts = [a for (a,) in db.execute("select action from audit_log where action like 'api-token.%' order by id")]
sys.exit(0 if acts == ["api-token.create"] * 3 + ["api-token.revoke"] else 1)
EOF
then pass; else fail "token audit entries"; fi

check_exit "token without a verb" 2 "$MCRED" token --db "$DB"
check_exit "user without a verb" 2 "$MCRED" user --db "$DB"
check "help" "$MCRED" help token
check_grep "scopes listed" "credential.upsert" "$TMP/out"

# Signing in through the form returns to a path on this site, never to another site.
start_server "$DB"
check_status "the form keeps where to go next" 200 "/login?next=%2Fverify%3Fx%3D1"
check_grep "as a hidden field" 'name="next" value="/verify\?x=1"' "$TMP/body"
login_to() { # NEXT -> prints the Location of the answer
  curl -s -o /dev/null -D - --data-urlencode "email=ada@example.org" \
    --data-urlencode "password=correct horse battery staple" --data-urlencode "next=$1" \
    "$BASE/login" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p'
}
[ "$(login_to /verify)" = "/verify" ] && pass || fail "a path on this site is followed"
for bad in //evil.example/x 'https://evil.example/' '/\\evil.example' ''; do
  [ "$(login_to "$bad")" = "/account" ] && pass || fail "next '$bad' must go to /account"
done
finish
