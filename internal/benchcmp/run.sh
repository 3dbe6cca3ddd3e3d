#!/usr/bin/env bash
# The performance budget of issue 19, as .ci/run runs it:
#
#   internal/benchcmp/run.sh [benchbudget flags...]
#
# Measures every benchcmp benchmark (each group with an iteration count
# that fits its cost, about 2 minutes in all on a 2-core machine) and
# hands the output to benchbudget, which prints the tables of BENCHMARKS.md
# and fails when a figure is over budget. A failure is measured once more
# before it fails the build: the time ratios are paired medians, stable to
# a few percent, but a neighbour's burst can still land on one side.
#
# Flags are passed to benchbudget (e.g. -time 1.2 -tput 0.5 to see today's
# figures against another budget). BENCH_OUT=file keeps the raw output of
# the last attempt.
set -euo pipefail
cd "$(dirname "$0")/../.."

pkgs_calls="./internal/transport ./culqi ./digitalfemsa ./srpago ./cubo ./nominapp"
pkgs_lists="./culqi ./digitalfemsa ./srpago"

measure() {
  # One call each: create and get (-cpu 1: the client on one P, as a
  # request handler would be; the server is another process).
  go test -run '^$' -bench 'Create|Get$|JSONPost|PaySubscription' -benchtime 300x -count 3 -cpu 1 $pkgs_calls
  # One page of 100.
  go test -run '^$' -bench 'List$' -benchtime 30x -count 3 -cpu 1 $pkgs_lists
  # One 5 MiB page.
  go test -run '^$' -bench 'Page5MiB$' -benchtime 4x -count 3 -cpu 1 ./culqi ./digitalfemsa
  # All over 100,000 items: heap growth from 10k to 100k.
  go test -run '^$' -bench 'All$' -benchtime 1x -count 1 -cpu 1 $pkgs_lists
  # 64 and 256 goroutines over TLS, three rounds a side; 1,000 clients
  # used and closed. Alone in their binary run: the TLS benchmark needs to
  # be the first to read the system certificate pool.
  go test -run '^$' -bench 'TLSConcurrency|ClientsClosed' -benchtime 1x -count 1 ./culqi
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for try in 1 2; do
  start=$(date +%s)
  measure >"$log" 2>&1 || { cat "$log"; exit 1; }
  [ -n "${BENCH_OUT:-}" ] && cp "$log" "$BENCH_OUT"
  echo "(measured in $(( $(date +%s) - start )) s)"
  if go run ./internal/benchcmp/cmd/benchbudget "$@" <"$log"; then
    exit 0
  fi
  if [ "$try" = 2 ]; then
    echo "--- benchmark output"; cat "$log"
    exit 1
  fi
  echo "(over budget once; measuring again)"
done
