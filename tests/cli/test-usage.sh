#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The command line: help, usage errors, init and demo on good and bad database paths.
. "$(dirname "$0")/lib.sh"

check "help lists commands" "$MCRED" help
cp "$TMP/out" "$TMP/help"
for c in init demo serve keygen sign verify bake extract rdf version help; do
  check_grep "help lists $c" "^  $c " "$TMP/help"
  check "help $c" "$MCRED" help "$c"
  check_grep "help $c is usage" "usage: mcred $c" "$TMP/out"
  check "$c --help" "$MCRED" "$c" --help
  check_grep "$c --help is usage" "usage: mcred $c" "$TMP/out"
  check_exit "$c with an unknown option" 2 "$MCRED" "$c" --no-such-option
  check_grep "$c names the bad option" "unknown option '--no-such-option'" "$TMP/err"
done
check_exit "no command" 2 "$MCRED"
check_exit "unknown command" 2 "$MCRED" frobnicate
check_grep "unknown command is named" "unknown command 'frobnicate'" "$TMP/err"
check_exit "help for an unknown command" 2 "$MCRED" help frobnicate
check_exit "--db without a value" 2 "$MCRED" init --db
check_grep "missing value is named" "needs a value" "$TMP/err"
check "version" "$MCRED" version
check_grep "version prints it" "^mcred [0-9]+\.[0-9]+\.[0-9]+" "$TMP/out"

# init: creates, then is a no-op.
check "init creates" "$MCRED" init --db "$TMP/a.db"
check_grep "init says created" "Created" "$TMP/out"
check "init again" "$MCRED" init --db "$TMP/a.db"
check_grep "init again is up to date" "Up to date" "$TMP/out"

# A path that cannot be written: a clear message, non-zero exit, no file left.
check_exit "init in a missing directory" 1 "$MCRED" init --db "$TMP/no/such/dir/x.db"
check_grep "the message names the path" "no/such/dir" "$TMP/err"
if [ -e "$TMP/no" ]; then fail "a directory was created"; else pass; fi
mkdir "$TMP/ro" && chmod 555 "$TMP/ro"
if [ "$(id -u)" -ne 0 ]; then
  check_exit "init in a read-only directory" 1 "$MCRED" init --db "$TMP/ro/x.db"
  if [ -e "$TMP/ro/x.db" ]; then fail "a file was left in the read-only directory"; else pass; fi
fi
printf 'this is not a database, just some text that is long enough to look like a header....' \
  >"$TMP/junk.db"
check_exit "init on a file that is not a database" 1 "$MCRED" init --db "$TMP/junk.db"
check_grep "says it is not a database" "database" "$TMP/err"
check_exit "serve a missing database" 1 "$MCRED" serve --db "$TMP/missing.db" --listen 127.0.0.1:0
if [ -e "$TMP/missing.db" ]; then fail "serve created a database"; else pass; fi

# demo: loads, and loading again changes nothing.
check "demo loads" "$MCRED" demo --db "$TMP/d.db"
check "demo again" "$MCRED" demo --db "$TMP/d.db"
check_grep "demo again says so" "already" "$TMP/out"
check_exit "serve with a bad listen address" 2 "$MCRED" serve --db "$TMP/d.db" --listen nonsense
finish
