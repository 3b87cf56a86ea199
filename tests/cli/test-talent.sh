#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The employer side: job roles, search of learners by verified skill (only those who opted in),
# and matching a learner to a role with the path to what is missing.
. "$(dirname "$0")/lib.sh"
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
export MCRED_PWHASH_FAST=1
DB="$TMP/t.db"
check "demo with credentials" "$MCRED" demo --db "$DB" --with-credentials
check "an employer" "$MCRED" user add --db "$DB" --email hr@acme.example --name "HR" --org google --role employer
check "a learner only" "$MCRED" user add --db "$DB" --email sam@example.org --name "Sam"
# The demo learner opted in to employer search; this test starts from a learner who has not.
check "the demo learner opts out" "$MCRED" user profile --db "$DB" --email alex.demo@example.org \
  --handle alex-demo --public yes --searchable no
T=$("$MCRED" token create --db "$DB" --email hr@acme.example --name t --scopes "learners:read" 2>/dev/null)
TS=$("$MCRED" token create --db "$DB" --email sam@example.org --name t --scopes "learners:read" 2>/dev/null)
check "a job role" "$MCRED" role add data-analyst --db "$DB" --title "Data analyst" --skills data-analysis:3,sql:2,python
check_exit "an unknown skill in a role" 1 "$MCRED" role add x --db "$DB" --title X --skills nosuch
check_exit "a role twice" 1 "$MCRED" role add data-analyst --db "$DB" --title Y --skills sql
start_server "$DB"
api() { curl -s -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $1" "$BASE$2"; }
expect() { if [ "$3" = "$2" ]; then pass; else fail "$1: status $3, want $2: $(head -c 400 "$TMP/body")"; fi; }

expect "search before the learner opts in" 200 "$(api "$T" '/api/v1/talent?skills=data-analysis,sql')"
check_json "nobody is found" "$TMP/body" "j['items'] == []"
expect "matching before opt-in: as if there were none" 404 "$(api "$T" '/api/v1/talent/match?handle=alex-demo&role=data-analyst')"
check "the learner opts in" "$MCRED" user profile --db "$DB" --email alex.demo@example.org \
  --handle alex-demo --public yes --searchable yes
expect "search" 200 "$(api "$T" '/api/v1/talent?skills=data-analysis,sql')"
check_json "found, with verified skills and the profile" "$TMP/body" \
  "len(j['items']) == 1 and j['items'][0]['handle'] == 'alex-demo' and j['items'][0]['verified_skills'] == 2 and j['items'][0]['profile'].endswith('/u/alex-demo')"
expect "a skill nobody holds" 200 "$(api "$T" '/api/v1/talent?skills=data-analysis,bioinformatics')"
check_json "nobody" "$TMP/body" "j['items'] == []"
expect "an unknown skill is named" 400 "$(api "$T" '/api/v1/talent?skills=nosuch')"
expect "a learner cannot search learners" 403 "$(api "$TS" '/api/v1/talent?skills=sql')"
expect "match to the role" 200 "$(api "$T" '/api/v1/talent/match?handle=alex-demo&role=data-analyst')"
check_json "covered, missing and the path to it" "$TMP/body" \
  "set(j['covered']) == {'data-analysis', 'sql'} and j['missing'] == ['python'] and j['plan']['status'] == 'optimal' and any('python' in s['teaches'] for s in j['plan']['steps'])"
expect "an unknown role" 404 "$(api "$T" '/api/v1/talent/match?handle=alex-demo&role=astronaut')"
check "the learner opts out" "$MCRED" user profile --db "$DB" --email alex.demo@example.org \
  --handle alex-demo --public yes --searchable no
expect "search after opting out" 200 "$(api "$T" '/api/v1/talent?skills=data-analysis')"
check_json "gone" "$TMP/body" "j['items'] == []"
check "plan to the role from the command line" "$MCRED" plan --db "$DB" --role data-analyst --learner alex.demo@example.org --json
check_json "only python is left" "$TMP/out" "j['missing'] == ['python']"
# Corporate training: the employer assigns a program to its people and sees the skill matrix.
check "an employee of the organisation" "$MCRED" user add --db "$DB" \
  --email worker@example.org --name Worker --org google --role learner
expect "assign a program" 201 "$(curl -s -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $T" \
  -H 'Content-Type: application/json' --data-binary '{"email": "worker@example.org", "program": "udacity-data-analyst", "due": "2027-06-30"}' \
  "$BASE/api/v1/organisations/google/assignments")"
expect "someone outside the organisation" 404 "$(curl -s -o "$TMP/body" -w '%{http_code}' -H "Authorization: Bearer $T" \
  -H 'Content-Type: application/json' --data-binary '{"email": "sam@example.org", "program": "udacity-data-analyst"}' \
  "$BASE/api/v1/organisations/google/assignments")"
expect "another organisation's team" 404 "$(api "$T" /api/v1/organisations/ibm/team)"
expect "the team matrix" 200 "$(api "$T" /api/v1/organisations/google/team)"
check_json "the worker with the assignment, not enrolled yet" "$TMP/body" \
  "any(p['email'] == 'worker@example.org' and p['assigned'][0]['program'] == 'udacity-data-analyst' and p['assigned'][0]['enrollment'] is None and p['skills'] == [] for p in j['people'])"
finish
