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
TW=$("$MCRED" token create --db "$DB" --email hr@acme.example --name w --scopes "catalog:write" 2>/dev/null)
check "a job role" "$MCRED" role add data-analyst --db "$DB" --title "Data analyst" --skills data-analysis:3,sql:2,python
check_exit "an unknown skill in a role" 1 "$MCRED" role add x --db "$DB" --title X --skills nosuch
check_exit "a role twice" 1 "$MCRED" role add data-analyst --db "$DB" --title Y --skills sql
check "list the roles" "$MCRED" role list --db "$DB"
check_grep "the demo roles and the new one" '^junior-data-analyst "Junior data analyst" of google \(demo\)$' "$TMP/out"
check_grep "a role's skills as --skills takes them" '^  skills data-analysis:3,sql:2,python:1$' "$TMP/out"
check "list the roles as JSON" "$MCRED" role list --db "$DB" --json
check_json "by title, with organisations and skills" "$TMP/out" \
  "[r['slug'] for r in j] == ['cloud-support-associate', 'data-analyst', 'junior-data-analyst', 'machine-learning-engineer'] and j[1]['organisation'] is None and j[1]['demo'] is False and j[1]['skills'][0] == {'skill': 'data-analysis', 'name': 'Data analysis', 'level': 3} and j[2]['organisation']['slug'] == 'google' and j[2]['demo'] is True"
check_exit "list takes no operands" 2 "$MCRED" role list extra --db "$DB"
check_exit "add takes no --json" 2 "$MCRED" role add y --db "$DB" --title Y --skills sql --json
check_exit "an unknown subcommand" 2 "$MCRED" role remove data-analyst --db "$DB"
check_grep "is named" "unknown subcommand 'remove'" "$TMP/err"
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
expect "a demo role: the cloud support associate" 200 "$(api "$T" '/api/v1/talent/match?handle=alex-demo&role=cloud-support-associate')"
check_json "covered by the Azure credential, the rest in one program" "$TMP/body" \
  "set(j['covered']) == {'cloud-computing', 'cybersecurity'} and set(j['missing']) == {'it-support', 'networking'} and [s['program'] for s in j['plan']['steps']] == ['coursera-google-it-support']"
expect "the public list of roles" 200 "$(curl -s -o "$TMP/body" -w '%{http_code}' "$BASE/api/v1/roles")"
check_json "four roles" "$TMP/body" "j['total'] == 4 and any(r['slug'] == 'data-analyst' for r in j['items'])"
expect "an employer defines a role through the API" 201 "$(curl -s -o "$TMP/body" -w '%{http_code}' \
  -H "Authorization: Bearer $TW" -H 'Content-Type: application/json' \
  --data-binary '{"slug": "sql-analyst", "title": "SQL analyst", "skills": [{"skill": "sql", "level": 4}, "data-analysis"]}' \
  "$BASE/api/v1/organisations/google/roles")"
expect "and matches learners to it" 200 "$(api "$T" '/api/v1/talent/match?handle=alex-demo&role=sql-analyst')"
check_json "everything covered" "$TMP/body" "set(j['covered']) == {'sql', 'data-analysis'} and j['missing'] == []"
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
