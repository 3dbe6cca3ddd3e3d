#!/bin/sh
# Checks package digitalfemsa and its fake against DigitalFemsa's OpenAPI
# spec (Conekta's for payout orders) and prints the findings, one per line,
# each starting with "spec: ".
#
#   internal/spectest/run.sh                          # report gaps, fail on request violations
#   LATAMPAY_SPEC_STRICT=1 internal/spectest/run.sh   # fail on any gap too
#
# DIGITALFEMSA_OPENAPI may name openapi.yaml (conekta-openapi.yaml beside
# it); the default is ../shared/fixtures/digitalfemsa-openapi/ beside the
# repository. This module needs Go 1.25 or newer (kin-openapi's minimum).
set -u
cd "$(dirname "$0")" || exit 1

go mod tidy -diff || { echo "spec: go.mod/go.sum of internal/spectest are not tidy"; exit 1; }
go vet ./... || exit 1

out=$(mktemp)
trap 'rm -f "$out"' EXIT
go test -count=1 -v ./... >"$out" 2>&1
rc=$?
grep -o 'spec: .*' "$out"
echo "--- summary"
grep -o 'spec: covered .*\|spec: requests: .*\|spec: dropped [0-9]* .*\|spec: null lost [0-9]* .*\|spec: null exceptions .*\|spec:   null kept .*\|spec: stale null .*\|spec: fake: .*\|spec: SKIP.*' "$out"
if [ "$rc" -ne 0 ]; then
	grep -E '^(--- FAIL|FAIL|panic:)' "$out"
fi
exit "$rc"
