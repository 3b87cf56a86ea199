#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Plan TARGETS (default 200) learners' 50 missing skills over a synthetic catalog of PROGRAMS
# (default 10000) programs, for least cost and for least time, and print the machine, the median,
# 95th percentile and worst time per plan, how many were proven optimal, and the median plan
# against a master's degree. Usage (from the repository root):
#   bash bench/planner.sh [BUILD_DIR] [PROGRAMS] [TARGETS]
set -euo pipefail
build="${1:-build}"
programs="${2:-10000}"
targets="${3:-200}"
bench="$build/bench-planner"
if [ ! -x "$bench" ]; then
  echo "planner.sh: $bench is missing; build with -DMC_BENCH=ON (make bench does)" >&2
  exit 2
fi
echo "memory: $(free -h | awk '/Mem:/ {print $2}'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bench" "$programs" "$targets"
