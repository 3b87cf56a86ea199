#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# mcred plan over the demo catalog: plans cover the target, are proven optimal, shrink when the
# learner holds credentials, and name what cannot be learned. (The planner's optimality itself
# is checked against brute force in tests/unit/test-planner.c.)
. "$(dirname "$0")/lib.sh"
unset MCRED_MASTER_KEY MCRED_MASTER_KEY_FILE
DB="$TMP/plan.db"
check "demo data" "$MCRED" demo --db "$DB"
TARGET=data-analysis,sql,python,machine-learning,project-management

for by in cost time; do
  check "plan by $by" "$MCRED" plan --db "$DB" --skills "$TARGET" --by "$by" --json
  cp "$TMP/out" "$TMP/plan-$by.json"
  check_json "by $by: optimal and covering" "$TMP/plan-$by.json" \
    "j['status'] == 'optimal' and j['optimal'] and set(s for st in j['steps'] for s in st['teaches']) >= set('$TARGET'.split(',')) and j['total']['cost_cents'] == sum(st['cost_cents'] for st in j['steps'])"
done
check_json "the cheapest is no dearer than the quickest" "$TMP/plan-cost.json" \
  "j['total']['cost_cents'] <= json.load(open('$TMP/plan-time.json'))['total']['cost_cents']"
check_json "the quickest is no longer than the cheapest" "$TMP/plan-time.json" \
  "j['total']['hours'] <= json.load(open('$TMP/plan-cost.json'))['total']['hours']"
check_json "set beside a master's degree" "$TMP/plan-cost.json" \
  "j['degree']['cost_cents'] == 3978900 and j['degree']['cheaper'] > 1"
check "the plan for people" "$MCRED" plan --db "$DB" --skills "$TARGET"
check_grep "totals" '^Total: [$][0-9]+ and [0-9]+ hours of study' "$TMP/out"
check_grep "the comparison" "A master's degree: [$]39789" "$TMP/out"

# A learner who holds a credential needs less.
check "learner" "$MCRED" user add --db "$DB" --email ada@example.org --name Ada
check "issuer key" "$MCRED" key rotate --db "$DB" --org ibm
ach=$(python3 -c "
import json, sqlite3
db = sqlite3.connect('$DB')
print(db.execute(\"SELECT a.slug FROM programs p JOIN achievements a ON a.id = p.achievement_id WHERE p.slug = 'coursera-ibm-data-science'\").fetchone()[0])")
check "her credential" "$MCRED" issue --db "$DB" --achievement "$ach" --email ada@example.org
check "her plan" "$MCRED" plan --db "$DB" --skills "$TARGET" --learner ada@example.org --json
check_json "what she holds is not planned again" "$TMP/out" \
  "'python' in j['held'] and 'python' not in j['missing'] and j['total']['cost_cents'] < json.load(open('$TMP/plan-cost.json'))['total']['cost_cents']"

check_exit "an unknown skill" 1 "$MCRED" plan --db "$DB" --skills sql,nosuch
check_grep "named" "unknown skill 'nosuch'" "$TMP/err"
check_exit "an impossible target" 1 "$MCRED" plan --db "$DB" --skills sql,bioinformatics
check_grep "says which skill" "bioinformatics|skill" "$TMP/out"
check_exit "no target" 2 "$MCRED" plan --db "$DB"
check_exit "an unknown role" 1 "$MCRED" plan --db "$DB" --role astronaut
check_grep "role named" "no job role 'astronaut'" "$TMP/err"
finish
