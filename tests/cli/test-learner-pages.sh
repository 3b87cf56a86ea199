#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The pages of the learning-path planner and the employer search: the plan as a list with its
# totals beside a master's degree, clear answers for unknown skills and targets no program
# teaches; the search only for employers, only finding learners who opted in.
. "$(dirname "$0")/lib.sh"
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
export MCRED_PWHASH_FAST=1
DB="$TMP/p.db"
check "demo with credentials" "$MCRED" demo --db "$DB" --with-credentials
ALEX=$(grep -Eo 'alex\.demo@example\.org +[a-z0-9]{20}' "$TMP/out" | awk '{print $2}')
HR=$(grep -Eo 'recruiter\.demo@example\.org +[a-z0-9]{20}' "$TMP/out" | awk '{print $2}')
start_server "$DB"
login() { # login JAR EMAIL PASSWORD
  curl -s -o /dev/null -w '%{http_code}' -c "$1" -X POST -H 'Content-Type: application/json' \
    --data-binary "{\"email\": \"$2\", \"password\": \"$3\"}" "$BASE/api/v1/session"; }
expect() { if [ "$3" = "$2" ]; then pass; else fail "$1: status $3, want $2"; fi; }

# The planner, anonymous: nothing is held.
check_status "the plan form" 200 /plan
check_grep "asks for skills or a role" 'name="skills"' "$TMP/body"
check_grep "suggests the catalog's skills" '<option value="machine-learning">' "$TMP/body"
check_status "a plan" 200 "/plan?skills=python,+sql,machine-learning&by=cost"
check_grep "the path as a numbered list" '<ol class="steps">' "$TMP/body"
check_grep "with its total" '<th scope="row">This path \(optimal\)</th><td>USD [0-9]+\.[0-9]{2}</td>' "$TMP/body"
check_grep "beside a master's degree" "USD 39789.00" "$TMP/body"
check_grep "and how much less it costs" "× cheaper" "$TMP/body"
check_status "by time" 200 "/plan?skills=python&by=time"
check_grep "the quickest path" "The quickest path" "$TMP/body"
check_status "an unknown skill" 400 "/plan?skills=python,pyhton"
check_grep "named" "pyhton" "$TMP/body"
check_status "an unknown role" 404 "/plan?role=astronaut"
check_status "a bad parameter" 400 "/plan?color=red"
check_status "a plan toward a job role" 200 "/plan?role=cloud-support-associate"
check_grep "the demo job roles to choose from" '<option value="junior-data-analyst">' "$TMP/body"
check_grep "the role chosen stays chosen" '<option value="cloud-support-associate" selected>' "$TMP/body"
check_grep "the program that teaches what is missing" "coursera-google-it-support" "$TMP/body"

# Signed in, what the learner's credentials show is left out.
expect "the demo learner signs in" 201 "$(login "$TMP/alex" alex.demo@example.org "$ALEX")"
check_status "a plan for the learner" 200 "/plan?skills=sql,data-analysis,python" -b "$TMP/alex"
check_grep "what they hold already" "You hold already: <code>sql</code> <code>data-analysis</code>" "$TMP/body"
check_status "a target they hold" 200 "/plan?skills=sql,data-analysis" -b "$TMP/alex"
check_grep "says so" "You hold every skill of the target already" "$TMP/body"

# The employer search.
check_status "signed out: sign in first" 303 "/talent?skills=sql"
check_status "a learner may not search" 403 "/talent?skills=sql" -b "$TMP/alex"
expect "the demo employer signs in" 201 "$(login "$TMP/hr" recruiter.demo@example.org "$HR")"
check_status "the search form" 200 /talent -b "$TMP/hr"
check_status "people with verified skills" 200 "/talent?skills=data-analysis,+sql" -b "$TMP/hr"
check_grep "the demo learner, who opted in, with their profile" 'href="[^"]*/u/alex-demo">Alex Demo' "$TMP/body"
check_status "an unknown skill" 400 "/talent?skills=sql,nosuch" -b "$TMP/hr"
check_grep "named" "unknown skill &#39;nosuch&#39;|unknown skill 'nosuch'" "$TMP/body"
check_status "people for a job role" 200 "/talent?role=junior-data-analyst&verified=false" -b "$TMP/hr"
check_grep "named for the role" "People found for the role" "$TMP/body"
check_status "people with the role's verified skills" 200 "/talent?role=cloud-support-associate" -b "$TMP/hr"
check_grep "nobody holds them all" "Nobody who opted in" "$TMP/body"
check_status "an unknown role" 404 "/talent?role=astronaut" -b "$TMP/hr"
check_status "how the learner meets a role" 200 "/talent/match?handle=alex-demo&role=cloud-support-associate" -b "$TMP/hr"
check_grep "what they hold" "<code>cloud-computing</code>" "$TMP/body"
check_grep "what is missing" "<code>networking</code>" "$TMP/body"
check_grep "and the path to it" "coursera-google-it-support" "$TMP/body"
check_status "a learner may not match" 403 "/talent/match?handle=alex-demo&role=cloud-support-associate" -b "$TMP/alex"
check_status "an unknown learner" 404 "/talent/match?handle=nobody&role=cloud-support-associate" -b "$TMP/hr"
check "the learner opts out" "$MCRED" user profile --db "$DB" --email alex.demo@example.org \
  --handle alex-demo --public yes --searchable no
check_status "search again" 200 "/talent?skills=data-analysis,+sql" -b "$TMP/hr"
check_grep "nobody is found" "Nobody who opted in holds all of these skills" "$TMP/body"
check_status "the account page links to the search" 200 /account -b "$TMP/hr"
check_grep "a link" 'href="/talent"' "$TMP/body"
finish
