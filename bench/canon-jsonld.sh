#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# JSON-LD -> RDFC-1.0 canonicalization benchmark: microcred (C) vs jsonld.js.
#
# usage (from the repository root):
#   bash bench/canon-jsonld.sh [COUNT] [--check]
#
#   COUNT    number of Open Badges 3.0 credentials (default 1000); the corpus
#            is generated once into build/bench/ob3-COUNT.jsonl by
#            bench/ob3-corpus.py (deterministic, fixed seed).
#   --check  also canonicalize every document with both implementations in
#            "# doc N" batch format and compare the outputs byte for byte;
#            exit non-zero if they differ.
#
# The C side is `build/bin/mcred rdf canon-jsonld --batch FILE`, run 3 times
# (median docs/s).  The JS side is bench/jsonld-ref/canon.mjs (jsonld.js with
# a static document loader over data/contexts), run once, or 3 times if one
# run takes under 20 s.  Environment: MCRED (path of the mcred binary),
# NODE (node binary), PYTHON (python3 binary).
set -euo pipefail

count=1000
check=0
for arg in "$@"; do
    case "$arg" in
        --check) check=1 ;;
        -h|--help)
            sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
            exit 0 ;;
        ''|*[!0-9]*)
            echo "canon-jsonld.sh: bad argument '$arg' (usage: bash bench/canon-jsonld.sh [COUNT] [--check])" >&2
            exit 2 ;;
        *) count=$((10#$arg)) ;;
    esac
done
if [ "$count" -lt 1 ]; then
    echo "canon-jsonld.sh: COUNT must be at least 1" >&2
    exit 2
fi

if [ ! -f bench/ob3-corpus.py ] || [ ! -d data/contexts ]; then
    echo "canon-jsonld.sh: run me from the repository root (bash bench/canon-jsonld.sh)" >&2
    exit 2
fi

MCRED=${MCRED:-build/bin/mcred}
NODE=${NODE:-node}
PYTHON=${PYTHON:-python3}
contexts=data/contexts
refdir=bench/jsonld-ref
outdir=build/bench
corpus=$outdir/ob3-$count.jsonl

if [ ! -x "$MCRED" ]; then
    echo "canon-jsonld.sh: $MCRED not found; run 'make' first" >&2
    exit 1
fi
for tool in "$NODE" npm "$PYTHON"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "canon-jsonld.sh: '$tool' is required but not installed" >&2
        exit 1
    fi
done

# ------------------------------------------------------------------ machine
cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
[ -n "$cpu" ] || cpu=$(sed -n 's/^\(Hardware\|cpu model\|Model\)[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
[ -n "$cpu" ] || cpu=unknown
cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')
echo "machine: $(uname -m), $cpu, $cores cores"
echo "node $("$NODE" --version), $("$PYTHON" --version 2>&1)"

# ------------------------------------------------------------------- corpus
mkdir -p "$outdir"
if [ ! -s "$corpus" ]; then
    echo "generating $corpus ($count documents)"
    "$PYTHON" bench/ob3-corpus.py --count "$count" "$corpus.tmp"
    mv "$corpus.tmp" "$corpus"
fi
echo "corpus: $corpus, $(wc -l < "$corpus") documents, $(wc -c < "$corpus") bytes"

if [ ! -d "$refdir/node_modules/jsonld" ]; then
    echo "installing jsonld.js (npm ci --prefix $refdir)"
    npm ci --prefix "$refdir" --no-audit --no-fund --loglevel=error
fi

# ------------------------------------------------------------------ helpers
tmp=$(mktemp -d "${TMPDIR:-/tmp}/canon-jsonld.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# rate LINE -> the number before "docs/s" (tolerates "20000", "2.0e4", commas)
rate_of() {
    sed -n 's/.*[^0-9.eE+-]\([0-9][0-9,]*\(\.[0-9]*\)\{0,1\}\([eE][+-]\{0,1\}[0-9]*\)\{0,1\}\)[[:space:]]*docs\{0,1\}\/s.*/\1/p' <<<" $1" |
        tr -d , | head -n 1
}
# rss LINE -> peak RSS in MB (accepts kB / KB / KiB / MB / MiB / GB / GiB)
rss_of() {
    local v u
    read -r v u < <(sed -n 's/.*peak[ _-]\{0,1\}RSS[^0-9]*\([0-9][0-9.]*\)[[:space:]]*\([KkMmGg]i\{0,1\}B\).*/\1 \2/p' <<<"$1" | head -n 1)
    [ -n "${v:-}" ] || { echo "?"; return; }
    case "$u" in
        [Kk]*) awk -v v="$v" 'BEGIN { printf "%.0f", v / 1024 }' ;;
        [Gg]*) awk -v v="$v" 'BEGIN { printf "%.0f", v * 1024 }' ;;
        *) awk -v v="$v" 'BEGIN { printf "%.0f", v }' ;;
    esac
}
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) exit; print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
maxnum() { awk 'BEGIN { m = "" } $1 ~ /^[0-9.]+$/ { if (m == "" || $1 + 0 > m + 0) m = $1 } END { print (m == "" ? "?" : m) }'; }

status=0

# ------------------------------------------------------------------- C side
c_rates=()
c_rss=()
c_ok=1
for run in 1 2 3; do
    if ! "$MCRED" rdf canon-jsonld --batch "$corpus" >"$tmp/c.out" 2>"$tmp/c.err"; then
        echo "mcred run $run failed:" >&2
        sed 's/^/  /' "$tmp/c.err" "$tmp/c.out" | tail -n 20 >&2
        c_ok=0
        break
    fi
    line=$(grep -i 'docs\{0,1\}/s' "$tmp/c.out" "$tmp/c.err" -h | tail -n 1 || true)
    r=$(rate_of "$line")
    if [ -z "$r" ]; then
        echo "mcred run $run: no 'docs/s' summary line in its output:" >&2
        sed 's/^/  /' "$tmp/c.out" "$tmp/c.err" | tail -n 20 >&2
        c_ok=0
        break
    fi
    echo "  C   run $run: $line"
    c_rates+=("$r")
    c_rss+=("$(rss_of "$line")")
done

# ------------------------------------------------------------------ JS side
js_rates=()
js_rss=()
js_ok=1
for run in 1 2 3; do
    start=$(date +%s.%N)
    if ! "$NODE" "$refdir/canon.mjs" "$contexts" "$corpus" >"$tmp/js.out" 2>"$tmp/js.err"; then
        echo "jsonld.js run $run failed:" >&2
        sed 's/^/  /' "$tmp/js.err" "$tmp/js.out" | tail -n 20 >&2
        js_ok=0
        break
    fi
    elapsed=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    line=$(grep 'docs/s' "$tmp/js.out" | tail -n 1)
    echo "  JS  run $run: $line"
    js_rates+=("$(rate_of "$line")")
    js_rss+=("$(rss_of "$line")")
    if [ "$run" -eq 1 ] && awk -v e="$elapsed" 'BEGIN { exit !(e >= 20) }'; then
        break
    fi
done

# ------------------------------------------------------------------ summary
echo
echo "== $count Open Badges 3.0 credentials, JSON-LD -> canonical N-Quads (RDFC-1.0) =="
c_rate=
js_rate=
if [ "$c_ok" -eq 1 ]; then
    c_rate=$(printf '%s\n' "${c_rates[@]}" | median)
    printf 'microcred (C): %12.1f docs/s  (median of %d runs), peak RSS %s MB\n' \
        "$c_rate" "${#c_rates[@]}" "$(printf '%s\n' "${c_rss[@]}" | maxnum)"
else
    echo "microcred (C): n/a (mcred rdf canon-jsonld failed; see above)"
    status=1
fi
if [ "$js_ok" -eq 1 ]; then
    js_rate=$(printf '%s\n' "${js_rates[@]}" | median)
    printf 'jsonld.js    : %12.1f docs/s  (median of %d run%s), peak RSS %s MB\n' \
        "$js_rate" "${#js_rates[@]}" "$([ ${#js_rates[@]} -eq 1 ] || echo s)" \
        "$(printf '%s\n' "${js_rss[@]}" | maxnum)"
else
    echo "jsonld.js    : n/a (see above)"
    status=1
fi
if [ -n "$c_rate" ] && [ -n "$js_rate" ]; then
    awk -v c="$c_rate" -v j="$js_rate" 'BEGIN { if (j > 0) printf "ratio C/JS   : %.1fx\n", c / j }'
fi

# ------------------------------------------------------------------- check
if [ "$check" -eq 1 ]; then
    echo
    c_nq=$outdir/ob3-$count.c.nq
    js_nq=$outdir/ob3-$count.js.nq
    rm -f "$c_nq" "$js_nq"
    if [ "$c_ok" -ne 1 ]; then
        echo "check: skipped (C side failed)"
    elif ! "$MCRED" rdf canon-jsonld --batch "$corpus" --check "$c_nq" >"$tmp/cc.out" 2>"$tmp/cc.err" &&
         { [ ! -s "$c_nq" ] || grep -qiE "unknown|unrecogni[sz]ed|invalid option|usage" "$tmp/cc.err" "$tmp/cc.out"; }; then
        echo "check: skipped, 'mcred rdf canon-jsonld --batch FILE --check OUT.nq' is not available yet:"
        sed 's/^/  /' "$tmp/cc.err" "$tmp/cc.out" | tail -n 5
    elif [ ! -s "$c_nq" ]; then
        echo "check: skipped, mcred wrote no $c_nq (is --check implemented?)"
    else
        # Failing documents are reported by the harness; still compare.
        "$NODE" "$refdir/canon.mjs" "$contexts" "$corpus" --check "$js_nq" >/dev/null 2>"$tmp/jc.err" ||
            { echo "check: jsonld.js reported errors:"; sed 's/^/  /' "$tmp/jc.err" | tail -n 10; }
        if cmp -s "$c_nq" "$js_nq"; then
            echo "check: OK, canonical N-Quads identical for all $count documents ($c_nq)"
        else
            status=1
            echo "check: FAILED, canonical outputs differ ($c_nq vs $js_nq)"
            "$PYTHON" - "$c_nq" "$js_nq" <<'PY'
import difflib, sys

def split(path):
    docs, cur, key = {}, [], None
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            if line.startswith("# doc "):
                if key is not None:
                    docs[key] = cur
                key, cur = line[6:].strip(), []
            else:
                cur.append(line)
    if key is not None:
        docs[key] = cur
    return docs

c, js = split(sys.argv[1]), split(sys.argv[2])
keys = sorted(set(c) | set(js), key=lambda k: int(k) if k.isdigit() else 0)
bad = [k for k in keys if c.get(k) != js.get(k)]
print("  %d of %d documents differ: %s%s" % (
    len(bad), len(keys), " ".join(bad[:20]), " ..." if len(bad) > 20 else ""))
if bad:
    k = bad[0]
    print("  first difference, doc %s (--- mcred, +++ jsonld.js):" % k)
    for line in list(difflib.unified_diff(c.get(k, []), js.get(k, []),
                                          "mcred", "jsonld.js", n=1))[:40]:
        print("    " + line.rstrip("\n"))
PY
        fi
    fi
fi

exit "$status"
