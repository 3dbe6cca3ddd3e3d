#!/bin/sh
# stripe-go measured the way latampay-go's calls are, for context beside
# their figures (issue 19): the same harness, the same paired comparison
# with raw net/http + encoding/json, the same table.
#
#   internal/benchcmp/stripebench/run.sh            # measure and print the table
#   internal/benchcmp/stripebench/run.sh check      # what CI can run: tidy, vet, tests, each benchmark once
#
# Measuring runs
#
#   go test -run '^$' -bench . -benchtime 300x -count 3 -cpu 1   (in this folder)
#
# and hands the output to benchbudget (from the repository root) with
# budgets of 9× so that it prints the table and fails on nothing: stripe-go
# is not held to latampay-go's budget. BENCH_OUT=file keeps the raw go test
# output. This module is not latampay-go's: go test ./... at the root does
# not reach it.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)

if [ "${1:-}" = check ]; then
	cd "$here"
	go mod tidy -diff || { echo "stripebench: go.mod/go.sum are not tidy"; exit 1; }
	go vet ./...
	go test -race -count=1 ./...
	go test -run '^$' -bench . -benchtime 1x -count 1 ./...
	exit 0
fi

out=$(mktemp)
trap 'rm -f "$out"' EXIT
start=$(date +%s)
(cd "$here" && go test -run '^$' -bench . -benchtime 300x -count 3 -cpu 1 .) >"$out" 2>&1 || { cat "$out"; exit 1; }
echo "(measured in $(( $(date +%s) - start )) s)"
[ -z "${BENCH_OUT:-}" ] || cp "$out" "$BENCH_OUT"
cd "$root"
go run ./internal/benchcmp/cmd/benchbudget -time 9 -cpu 9 -allocs 9 -bytes 9 <"$out"
