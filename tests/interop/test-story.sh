#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The platform's main story, end to end over HTTP on a fresh server: a provider creates and
# publishes a program; a learner enrolls, fails a test, passes it, hands in a project; an
# assessor of another organisation cannot see it, the provider's assessor grades it; the
# credential is issued at that moment, verifies with mcred and with the Digital Bazaar stack
# (given the issuer document and status lists the server serves); the provider revokes it and
# both verifiers then refuse it.
. "$(dirname "$0")/lib.sh"
need_npm @digitalbazaar/vc @digitalbazaar/vc-bitstring-status-list
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
export MCRED_PWHASH_FAST=1

DB="$TMP/story.db"
check "demo organisations and skills" "$MCRED" demo --db "$DB"
printf 'correct horse battery staple\n' >"$TMP/pw"
add_user() { # EMAIL NAME [ORG ROLE]
  local args=(user add --db "$DB" --email "$1" --name "$2" --password-file "$TMP/pw")
  [ $# -gt 2 ] && args+=(--org "$3" --role "$4")
  check "user $1" "$MCRED" "${args[@]}"
}
token() { # EMAIL SCOPES -> prints the token
  "$MCRED" token create --db "$DB" --email "$1" --name story --scopes "$2" 2>/dev/null
}
add_user admin@google.example "Grace Provider" google issuer-admin
add_user assessor@google.example "Alan Assessor" google assessor
add_user assessor@ibm.example "Ibm Assessor" ibm assessor
add_user learner@example.org "Ada Learner"
T_ADMIN=$(token admin@google.example "catalog:write credentials:read credentials:revoke learners:read")
T_ASSESSOR=$(token assessor@google.example "assessments:grade")
T_OTHER=$(token assessor@ibm.example "assessments:grade catalog:write learners:read")
T_LEARNER=$(token learner@example.org "profile:read profile:write")
[ -n "$T_ADMIN" ] && [ -n "$T_LEARNER" ] && pass || fail "tokens were not created"
check "the provider's signing key" "$MCRED" key rotate --db "$DB" --org google

start_server "$DB"
api() { # METHOD PATH TOKEN [JSON]: the answer in $TMP/body, prints the status
  local args=(-s -o "$TMP/body" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $3")
  [ $# -gt 3 ] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
  curl "${args[@]}" "$BASE$2"
}
expect() { # NAME WANT-STATUS GOT-STATUS
  if [ "$3" = "$2" ]; then pass; else fail "$1: status $3, want $2: $(head -c 500 "$TMP/body")"; fi
}

PROGRAM='{"slug": "story-data-basics", "type": "micro-credential", "title": "Data Basics",
 "summary": "Clean data and explain it.", "platform": "coursera", "institution": "google",
 "duration_weeks": 2, "language": "en", "price": {"amount": 49, "currency": "USD", "model": "fee"},
 "skills": ["data-analysis"],
 "achievement": {"slug": "story-data-basics", "name": "Data Basics", "description": "Cleans data and explains what it shows.",
  "criteria": "Pass the test and the graded project.", "type": "MicroCredential",
  "outcomes": ["Clean a data set", "Explain a finding"], "workload_hours": 20, "ects": 1, "eqf_level": 4,
  "assessment": "A test and a project graded against a rubric", "participation": "online",
  "quality_assurance": "Reviewed by the provider", "language": "en", "supervision": "none",
  "skills": ["data-analysis"]},
 "courses": [{"slug": "story-data-basics-1", "title": "Cleaning data", "description": "Course 1 of 1.",
  "duration_weeks": 2, "assessments": [
   {"kind": "test", "title": "Quiz", "instructions": "Answer both.", "pass_mark": 70, "max_attempts": 3, "weight": 0.5,
    "questions": [{"kind": "single", "prompt": "Which clause filters groups?", "points": 1,
      "options": [{"text": "HAVING", "correct": true}, {"text": "WHERE", "correct": false}]},
     {"kind": "numeric", "prompt": "Mean of 2, 4, 6, 8?", "points": 1, "answer": 5, "tolerance": 0}]},
   {"kind": "project", "title": "Project", "instructions": "Clean the data set and explain.", "pass_mark": 60,
    "max_attempts": 2, "weight": 0.5, "rubric": [{"name": "Correctness", "description": "It works", "max_points": 60},
     {"name": "Communication", "description": "It is clear", "max_points": 40}]}]}]}'

expect "the provider adds the program" 201 "$(api POST /api/v1/programs "$T_ADMIN" "$PROGRAM")"
expect "another organisation cannot add it" 404 \
  "$(api POST /api/v1/programs "$T_OTHER" "${PROGRAM/story-data-basics/story-x}")"
expect "the provider publishes it" 200 "$(api POST /api/v1/programs/story-data-basics/publish "$T_ADMIN" '{}')"
expect "the learner reads the course" 200 "$(api GET /api/v1/courses/story-data-basics-1 "$T_LEARNER")"
cp "$TMP/body" "$TMP/course.json"
check_json "answers are not given away" "$TMP/course.json" "'correct' not in json.dumps(j) and 'answer' not in json.dumps(j['assessments'][0]['questions'][1])"
TEST=$(python3 -c "import json,sys; print([a['id'] for a in json.load(open(sys.argv[1]))['assessments'] if a['kind']=='test'][0])" "$TMP/course.json")
PROJECT=$(python3 -c "import json,sys; print([a['id'] for a in json.load(open(sys.argv[1]))['assessments'] if a['kind']=='project'][0])" "$TMP/course.json")

expect "the learner enrolls" 201 "$(api POST /api/v1/enrollments "$T_LEARNER" '{"program": "story-data-basics"}')"
check_json "the price model is recorded" "$TMP/body" "j['price_model'] == 'fee' and j['price_cents'] == 4900"
expect "enrolling twice is a conflict" 409 "$(api POST /api/v1/enrollments "$T_LEARNER" '{"program": "story-data-basics"}')"
expect "a failed attempt" 201 "$(api POST /api/v1/assessments/$TEST/attempts "$T_LEARNER" '{"answers": [[1], 7]}')"
check_json "graded at once: failed" "$TMP/body" "j['graded'] and not j['passed'] and j['credentials'] == []"
expect "a malformed answer names the question" 400 \
  "$(api POST /api/v1/assessments/$TEST/attempts "$T_LEARNER" '{"answers": [[9], 5]}')"
expect "a passing attempt" 201 "$(api POST /api/v1/assessments/$TEST/attempts "$T_LEARNER" '{"answers": [[0], 5]}')"
check_json "passed, course not complete yet" "$TMP/body" "j['passed'] and not j['course']['complete'] and j['credentials'] == []"
expect "the project is handed in" 201 \
  "$(api POST /api/v1/assessments/$PROJECT/submissions "$T_LEARNER" '{"url": "https://github.example/ada/cleaning"}')"
SUB=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['submission'])" "$TMP/body")
GRADE='{"scores": [{"points": 50, "comment": "Works"}, {"points": 30}], "feedback": "Good work."}'
expect "another organisation's assessor cannot see it" 404 "$(api POST /api/v1/submissions/$SUB/grade "$T_OTHER" "$GRADE")"
expect "the learner cannot grade it" 403 "$(api POST /api/v1/submissions/$SUB/grade "$T_LEARNER" "$GRADE")"
expect "the provider's assessor grades it" 200 "$(api POST /api/v1/submissions/$SUB/grade "$T_ASSESSOR" "$GRADE")"
check_json "the credential is issued with the grade" "$TMP/body" "j['passed'] and j['course']['complete'] and len(j['credentials']) == 1"
CRED_URL=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['credentials'][0]['url'])" "$TMP/body")
CRED_PATH=/credentials/${CRED_URL##*/credentials/}
expect "grading again issues nothing new" 200 "$(api POST /api/v1/submissions/$SUB/grade "$T_ASSESSOR" "$GRADE")"
check_json "no second credential" "$TMP/body" "j['credentials'] == []"

check_status "the credential as JSON-LD" 200 "$CRED_PATH" -H 'Accept: application/ld+json'
cp "$TMP/body" "$TMP/cred.json"
check_json "it carries the result and the evidence" "$TMP/cred.json" \
  "j['credentialSubject']['result'][0]['value'] and 'github.example' in json.dumps(j.get('evidence', []))"
curl -s -o "$TMP/verify.json" -H 'Content-Type: application/json' --data-binary @"$TMP/cred.json" \
  "$BASE/api/v1/credentials/verify"
check_json "the platform verifies it" "$TMP/verify.json" "j['verified'] is True"
check_json "the issuer is not verified in the trust registry yet: a warning" "$TMP/verify.json" \
  "any(c['name'] == 'trust' and c['status'] == 'warning' for c in j['checks'])"
check "the operator verifies the issuer" "$MCRED" org trust google --db "$DB" --verified yes
curl -s -o "$TMP/verify.json" -H 'Content-Type: application/json' --data-binary @"$TMP/cred.json" \
  "$BASE/api/v1/credentials/verify"
check_json "the report says so" "$TMP/verify.json" \
  "j['verified'] is True and any(c['name'] == 'trust' and c['status'] == 'pass' for c in j['checks'])"

PUB=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['issuer']['id'].rsplit('/issuers/',1)[0])" "$TMP/cred.json")
served_documents google
check "the JavaScript stack verifies it" node "$JS/status.mjs" check "$CTX" "${DOCS[@]}" "$TMP/cred.json"
check_grep "ok there" "cred.json: ok" "$TMP/out"

ACH_EDIT=$(python3 -c "
import json, sys
p = json.loads(sys.argv[1])['achievement']
p['name'] = 'Data Basics (2027 edition)'
print(json.dumps(p))" "$PROGRAM")
expect "another organisation cannot edit the achievement" 404 \
  "$(api PUT /api/v1/achievements/story-data-basics "$T_OTHER" "$ACH_EDIT")"
expect "the provider edits the achievement after the award" 200 \
  "$(api PUT /api/v1/achievements/story-data-basics "$T_ADMIN" "$ACH_EDIT")"
check_json "a new version" "$TMP/body" "j['version'] == 2 and j['previous_version'] == 1"
check_json "the credential issued keeps its version" "$TMP/cred.json" \
  "j['credentialSubject']['achievement']['id'].endswith('/v1') and j['credentialSubject']['achievement']['name'] == 'Data Basics'"
curl -s -o "$TMP/verify.json" -H 'Content-Type: application/json' --data-binary @"$TMP/cred.json" \
  "$BASE/api/v1/credentials/verify"
check_json "and still verifies" "$TMP/verify.json" "j['verified'] is True"
expect "the provider revokes it" 200 \
  "$(api POST "/api/v1${CRED_PATH}/revoke" "$T_ADMIN" '{"reason": "academic misconduct"}')"
curl -s -o "$TMP/verify.json" -H 'Content-Type: application/json' --data-binary @"$TMP/cred.json" \
  "$BASE/api/v1/credentials/verify"
check_json "the platform now refuses it, naming the status check" "$TMP/verify.json" \
  "j['verified'] is False and any(c['name'] == 'status' and c['status'] == 'fail' for c in j['checks'])"
served_documents google
check_exit "the JavaScript stack finds it revoked" 1 node "$JS/status.mjs" check "$CTX" "${DOCS[@]}" "$TMP/cred.json"
check_grep "revoked there" "cred.json: revoked" "$TMP/out"

expect "the issuer's analytics" 200 "$(api GET /api/v1/organisations/google/analytics "$T_ADMIN")"
check_json "they count the enrolment, the completion and the revocation" "$TMP/body" \
  "j['credentials']['revoked'] == 1 and any(p['slug'] == 'story-data-basics' and p['enrolled'] == 1 and p['completed'] == 1 for p in j['programs'])"
expect "another organisation cannot read them" 404 "$(api GET /api/v1/organisations/google/analytics "$T_OTHER")"
expect "a learning path for the learner" 200 "$(api GET '/api/v1/plan?skills=data-analysis,sql,machine-learning&by=time' "$T_LEARNER")"
check_json "an optimal plan that covers what is missing" "$TMP/body" \
  "j['status'] == 'optimal' and set(j['missing']) <= set(s for st in j['steps'] for s in st['teaches'])"
expect "an unknown skill is named" 400 "$(api GET '/api/v1/plan?skills=nosuch' "$T_LEARNER")"
finish
