# SPDX-License-Identifier: Apache-2.0
# Helpers for the end-to-end tests in tests/cli/: checks that count, a temp dir, a server.
# Sourced, not run. MC_BIN (set by ctest) is the mcred binary.
set -uo pipefail

MCRED="${MC_BIN:-build/bin/mcred}"
PASSED=0
FAILED=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mcred-cli-XXXXXX")
SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  [ -n "${MC_TEST_KEEP:-}" ] || rm -rf "$TMP"
}
trap cleanup EXIT

pass() { PASSED=$((PASSED + 1)); }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*" >&2; }

# check NAME COMMAND...: the command succeeds.
check() {
  local name="$1"; shift
  if "$@" >"$TMP/out" 2>"$TMP/err"; then pass; else fail "$name (exit $?): $(head -c 600 "$TMP/err")"; fi
}

# check_exit NAME CODE COMMAND...: the command exits with CODE.
check_exit() {
  local name="$1" want="$2"; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then pass; else fail "$name: exit $got, want $want: $(head -c 600 "$TMP/err")"; fi
}

# check_grep NAME PATTERN FILE: FILE contains the extended regex PATTERN.
check_grep() {
  if grep -Eq -- "$2" "$3"; then pass; else fail "$1: '$2' not in $3: $(head -c 600 "$3")"; fi
}

# check_json NAME FILE PYTHON-EXPR: the expression over the parsed JSON `j` is true.
check_json() {
  if python3 -c "import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if ($3) else 1)" "$2" \
      2>"$TMP/pyerr"; then
    pass
  else
    fail "$1: ($3) is false for $(head -c 800 "$2") $(cat "$TMP/pyerr")"
  fi
}

# start_server DB: serve DB on a free loopback port; sets BASE to its URL.
start_server() {
  "$MCRED" serve --db "$1" --listen 127.0.0.1:0 >"$TMP/server.out" 2>"$TMP/server.err" &
  SERVER_PID=$!
  BASE=""
  for _ in $(seq 1 100); do
    BASE=$(grep -Eo 'http://127\.0\.0\.1:[0-9]+' "$TMP/server.out" | head -1 || true)
    [ -n "$BASE" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "server did not start: $(cat "$TMP/server.err")" >&2
  exit 1
}

# get PATH [CURL-ARGS...]: GET BASE/PATH into $TMP/body; prints the status code.
get() {
  local path="$1"; shift
  curl -s -o "$TMP/body" -w '%{http_code}' "$@" "$BASE$path"
}

# check_status NAME WANT PATH [CURL-ARGS...]
check_status() {
  local name="$1" want="$2"; shift 2
  local got
  got=$(get "$@")
  if [ "$got" = "$want" ]; then pass; else fail "$name: status $got, want $want: $(head -c 400 "$TMP/body")"; fi
}

finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}
