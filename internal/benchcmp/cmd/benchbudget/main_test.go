package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/latampay/latampay-go/internal/leakcheck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

const sample = `goos: linux
pkg: github.com/latampay/latampay-go/cubo
BenchmarkTransactionsCreate/paired-2 3000 89676 ns/op 1.033 cpu-sdk/raw 6624 raw-B/op 103 raw-allocs/op 30000 raw-cpu-ns/op 41484 raw-ns/op 7649 sdk-B/op 108 sdk-allocs/op 31000 sdk-cpu-ns/op 48096 sdk-ns/op 1.059 sdk/raw
BenchmarkTransactionsCreate/paired-2 3000 89676 ns/op 1.080 cpu-sdk/raw 6624 raw-B/op 103 raw-allocs/op 30000 raw-cpu-ns/op 41484 raw-ns/op 7649 sdk-B/op 108 sdk-allocs/op 31000 sdk-cpu-ns/op 48096 sdk-ns/op 1.300 sdk/raw
BenchmarkTransactionsCreate/paired-2 3000 89676 ns/op 1.020 cpu-sdk/raw 6624 raw-B/op 103 raw-allocs/op 30000 raw-cpu-ns/op 41484 raw-ns/op 7649 sdk-B/op 108 sdk-allocs/op 31000 sdk-cpu-ns/op 48096 sdk-ns/op 1.010 sdk/raw
PASS
pkg: github.com/latampay/latampay-go/srpago
BenchmarkEnvelope/2048-test-key    	    3000	     50400 ns/op	    2976 B/op	      16 allocs/op
BenchmarkChargesCreate/paired 3000 359410 ns/op 1.130 cpu-sdk/raw 19957 raw-B/op 204 raw-allocs/op 100000 raw-cpu-ns/op 171567 raw-ns/op 30000 sdk-B/op 180 sdk-allocs/op 113000 sdk-cpu-ns/op 187679 sdk-ns/op 1.094 sdk/raw
pkg: github.com/latampay/latampay-go/culqi
BenchmarkChargesAll     	       1	 517108700 ns/op	     65656 heap-growth-B
BenchmarkTLSConcurrency/g=64         	       1	 803281992 ns/op	      8591 raw-calls/s	         0.008013 raw-extra-hs	        84.00 raw-handshakes	   5421356 raw-p50-ns	  59401385 raw-p99-ns	      5123 sdk-calls/s	         0.02204 sdk-extra-hs	       119.0 sdk-handshakes	  10784897 sdk-p50-ns	  52384347 sdk-p99-ns	         0.5964 tput-sdk/raw
BenchmarkTLSConcurrency/g=256-2        	       1	3671580830 ns/op	      4099 raw-calls/s	         0.01480 raw-extra-hs	       328.0 raw-handshakes	  36335147 raw-p50-ns	 469281290 raw-p99-ns	      2128 sdk-calls/s	         0.5701 sdk-extra-hs	      3029 sdk-handshakes	 101612294 sdk-p50-ns	 255357197 sdk-p99-ns	         0.5192 tput-sdk/raw
BenchmarkClientsClosed               	       1	2497164267 ns/op	         1 open-conns
`

func TestReportUsesMediansAndFlagsOverBudget(t *testing.T) {
	t.Parallel()
	benches, err := parse(strings.NewReader(sample))
	require.NoError(t, err)
	var out bytes.Buffer
	over := report(&out, benches, issue19)
	s := out.String()
	assert.Contains(t, s, "| cubo BenchmarkTransactionsCreate | 31.0 | 30.0 | 1.03× | 48.1 | 41.5 | 1.06× | 108 | 103 | 1.05× |", "the median of three paired runs")
	assert.Contains(t, s, "| culqi BenchmarkChargesAll | 65656 |")
	assert.Contains(t, s, "| culqi BenchmarkTLSConcurrency/g=64 | 5123 | 8591 | 0.60× |", "reported, not judged at 64")
	assert.Contains(t, s, "| culqi BenchmarkTLSConcurrency/g=256 | 2128 | 4099 | 0.52× ✗ |")
	assert.Contains(t, s, "culqi BenchmarkClientsClosed: 1 connections open after 1,000 clients were used and closed (budget ≤ 10)\n")
	assert.Equal(t, []string{
		"srpago BenchmarkChargesCreate: bytes ×raw 1.503 (budget ≤ 1.3)",
		"culqi BenchmarkTLSConcurrency/g=256: throughput ×raw 0.5192 (budget ≥ 0.9)",
		"culqi BenchmarkTLSConcurrency/g=256: extra handshakes share over raw's 0.5553 (budget ≤ 0.01)",
	}, over)
}

func TestReportJudgesHandshakesBeyondRaw(t *testing.T) {
	t.Parallel()
	line := "pkg: p\nBenchmarkT/g=256 1 1 ns/op 100 sdk-calls/s 100 raw-calls/s 1 tput-sdk/raw 0.035 sdk-extra-hs 0.03 raw-extra-hs\n"
	benches, err := parse(strings.NewReader(line))
	require.NoError(t, err)
	assert.Empty(t, report(&bytes.Buffer{}, benches, issue19), "0.5 points more than raw's 3%")
	abs := issue19
	abs.hsAbs = true
	assert.Equal(t, []string{"p BenchmarkT/g=256: extra handshakes share 0.035 (budget ≤ 0.01)"}, report(&bytes.Buffer{}, benches, abs))
	benches["p BenchmarkT/g=256"]["sdk-extra-hs"] = []float64{0.041}
	assert.Equal(t, []string{"p BenchmarkT/g=256: extra handshakes share over raw's 0.011 (budget ≤ 0.01)"}, report(&bytes.Buffer{}, benches, issue19))
}

func TestReportFlagsEachBudget(t *testing.T) {
	t.Parallel()
	benches, err := parse(strings.NewReader(sample + strings.Repeat("BenchmarkClientsClosed 1 5 ns/op 11 open-conns\n", 2)))
	require.NoError(t, err)
	tight := issue19
	tight.timeBy = "wall"
	tight.time, tight.allocs, tight.heap, tight.tput, tight.handshakes, tight.goroutines = 1.05, 1.04, 60000, 0.5, 0.6, 256
	over := report(&bytes.Buffer{}, benches, tight)
	assert.Equal(t, []string{
		"cubo BenchmarkTransactionsCreate: wall time ×raw 1.059 (budget ≤ 1.05)",
		"cubo BenchmarkTransactionsCreate: allocations ×raw 1.049 (budget ≤ 1.04)",
		"srpago BenchmarkChargesCreate: wall time ×raw 1.094 (budget ≤ 1.05)",
		"srpago BenchmarkChargesCreate: bytes ×raw 1.503 (budget ≤ 1.3)",
		"culqi BenchmarkChargesAll: heap growth B 6.566e+04 (budget ≤ 6e+04)",
		"culqi BenchmarkClientsClosed: connections open 11 (budget ≤ 10)",
	}, over, "judged on the median of runs leaving 1, 11 and 11 open")
}

// Judged by wall time, the CPU time can be held to a budget of its own.
func TestReportJudgesCPUBesideWallTime(t *testing.T) {
	t.Parallel()
	benches, err := parse(strings.NewReader(sample))
	require.NoError(t, err)
	b := issue19
	b.timeBy, b.time, b.cpu, b.bytes, b.tput, b.handshakes = "wall", 1.10, 1.05, 2, 0.5, 0.6
	var out bytes.Buffer
	over := report(&out, benches, b)
	assert.Equal(t, []string{
		"srpago BenchmarkChargesCreate: cpu time ×raw 1.13 (budget ≤ 1.05)",
	}, over, "cubo's CPU median 1.033 and both wall medians are within budget")
	assert.Contains(t, out.String(), "wall time ≤ 1.10×, cpu time ≤ 1.05×")
	b.cpu = 0
	assert.Empty(t, report(&bytes.Buffer{}, benches, b), "no CPU budget: not judged")
}

func TestReportNamesACallWithMissingSides(t *testing.T) {
	t.Parallel()
	benches, err := parse(strings.NewReader("pkg: x\nBenchmarkA/paired 10 5 ns/op 1.1 sdk/raw 1.0 cpu-sdk/raw 1 sdk-allocs/op\n"))
	require.NoError(t, err)
	over := report(&bytes.Buffer{}, benches, issue19)
	require.Len(t, over, 1)
	assert.Contains(t, over[0], "x BenchmarkA: missing")
}

func TestParseRejectsGarbledFigures(t *testing.T) {
	t.Parallel()
	_, err := parse(strings.NewReader("BenchmarkA/sdk 10 five ns/op\n"))
	assert.ErrorContains(t, err, `"five" is not a number`)
}

func TestFailedListAndLaterFilesReplaceEarlierOnes(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "culqi BenchmarkTLSConcurrency\ninternal/transport BenchmarkJSONPost\n", failedList([]string{
		"culqi BenchmarkTLSConcurrency/g=256: throughput ×raw 0.25 (budget ≥ 0.9)",
		"culqi BenchmarkTLSConcurrency/g=256: extra handshakes share 0.4 (budget ≤ 0.01)",
		"internal/transport BenchmarkJSONPost: cpu time ×raw 1.2 (budget ≤ 1.1)",
	}))

	dir := t.TempDir()
	first, second := filepath.Join(dir, "1"), filepath.Join(dir, "2")
	require.NoError(t, os.WriteFile(first, []byte(sample), 0o600))
	require.NoError(t, os.WriteFile(second, []byte("pkg: github.com/latampay/latampay-go/srpago\n"+
		"BenchmarkChargesCreate/paired 3000 1 ns/op 1.05 cpu-sdk/raw 100 raw-B/op 204 raw-allocs/op 1 raw-cpu-ns/op 1 raw-ns/op 110 sdk-B/op 180 sdk-allocs/op 1 sdk-cpu-ns/op 1 sdk-ns/op 1.0 sdk/raw\n"), 0o600))
	benches, err := parseAll([]string{first, second})
	require.NoError(t, err)
	assert.Equal(t, []float64{1.05}, benches["srpago BenchmarkChargesCreate/paired"]["cpu-sdk/raw"], "measured again: the first figures are gone")
	assert.Len(t, benches["cubo BenchmarkTransactionsCreate/paired"]["cpu-sdk/raw"], 3, "not measured again: kept")
	over := report(&bytes.Buffer{}, benches, issue19)
	assert.NotContains(t, strings.Join(over, "\n"), "srpago")
}
