#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The running platform: init, demo, serve; health, the catalog API and page, bad requests, and a
# graceful shutdown.
. "$(dirname "$0")/lib.sh"

DB="$TMP/serve.db"
"$MCRED" init --db "$DB" >/dev/null && "$MCRED" demo --db "$DB" >/dev/null || {
  echo "could not make the demo database" >&2; exit 1; }
start_server "$DB"
check_grep "serve prints its URL" "http://127\.0\.0\.1:[0-9]+" "$TMP/server.out"

check_status "the root sends people to the catalog" 302 /
check_status "healthz" 200 /healthz
check_json "healthz says ok" "$TMP/body" "j['status'] == 'ok'"

check_status "nano-degrees" 200 "/api/v1/catalog?type=nano-degree"
check_json "nano-degrees are listed" "$TMP/body" "j['total'] >= 2 and len(j['items']) >= 2"
check_json "they are Udacity's" "$TMP/body" \
  "all(i['provider']['slug'] == 'udacity' and i['type'] == 'nano-degree' for i in j['items'])"
for p in coursera edx udacity futurelearn kadenze; do
  check_status "provider=$p" 200 "/api/v1/catalog?provider=$p"
  check_json "provider=$p finds programs" "$TMP/body" "j['total'] > 0"
done
check_status "skill filter" 200 "/api/v1/catalog?skill=machine-learning"
check_json "skill filter finds programs" "$TMP/body" "j['total'] > 0"
check_status "price filter" 200 "/api/v1/catalog?max_price=600&limit=100"
check_json "price filter holds" "$TMP/body" \
  "j['total'] > 0 and all(float(i['price']['amount']) <= 600 for i in j['items'])"
check_status "Tiny Machine Learning" 200 "/api/v1/catalog?q=tiny+machine+learning"
check_json "costs 537" "$TMP/body" "any(i['price']['amount'] in ('537', '537.00') for i in j['items'])"
check_status "paging" 200 "/api/v1/catalog?limit=2&offset=2"
check_json "a page of two" "$TMP/body" "len(j['items']) == 2 and j['offset'] == 2"

check_status "catalog page" 200 "/catalog?type=nano-degree"
check_grep "the page lists nanodegrees" "Nanodegree" "$TMP/body"
check_grep "the page is HTML" "<html" "$TMP/body"

# Bad input: a 4xx JSON error naming the problem, and the server keeps serving.
check_status "unknown parameter" 400 "/api/v1/catalog?colour=blue"
check_grep "it is named" "colour" "$TMP/body"
check_status "bad type" 400 "/api/v1/catalog?type=spaceship"
check_grep "the type is named" "type" "$TMP/body"
check_status "non-UTF-8 query" 400 "/api/v1/catalog?q=%ff%fe"
check_status "malformed percent-encoding" 400 "/api/v1/catalog?q=%zz"
check_status "bad limit" 400 "/api/v1/catalog?limit=100000"
check_status "unknown path" 404 "/no/such/page"
long=$(head -c 40000 /dev/zero | tr '\0' 'a')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Long: $long" "$BASE/healthz")
if [ "${code:0:1}" = "4" ]; then pass; else fail "over-long header: status $code, want 4xx"; fi
code=$(head -c 3000000 /dev/zero | curl -s -o /dev/null -w '%{http_code}' --data-binary @- \
  -H 'Content-Type: application/octet-stream' "$BASE/api/v1/catalog")
if [ "${code:0:1}" = "4" ]; then pass; else fail "over-large body: status $code, want 4xx"; fi
check_status "still serving" 200 /healthz

# Keep-alive: curl reuses one connection for two URLs.
curl -sv -o /dev/null -o /dev/null "$BASE/healthz" "$BASE/healthz" 2>"$TMP/keepalive"
check_grep "keep-alive reuses the connection" "Re-using existing connection" "$TMP/keepalive"

# Graceful shutdown on SIGTERM.
kill -TERM "$SERVER_PID"
wait "$SERVER_PID"
code=$?
SERVER_PID=""
if [ "$code" -eq 0 ]; then pass; else fail "serve exited $code on SIGTERM"; fi
finish
