package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/latampay/latampay-go/internal/leakcheck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

const sample = `goos: linux
pkg: github.com/latampay/latampay-go/cubo
BenchmarkTransactionsCreate/sdk-2         	    3000	     61267 ns/op	     60908 cpu-ns/op	   10163 B/op	     117 allocs/op
BenchmarkTransactionsCreate/raw-2         	    3000	     44702 ns/op	     44806 cpu-ns/op	    8674 B/op	     103 allocs/op
BenchmarkTransactionsCreate/paired-2      	    3000	     89676 ns/op	     41484 raw-ns/op	     48096 sdk-ns/op	         1.159 sdk/raw
BenchmarkTransactionsCreate/paired-2      	    3000	     89676 ns/op	     41484 raw-ns/op	     48096 sdk-ns/op	         1.300 sdk/raw
BenchmarkTransactionsCreate/paired-2      	    3000	     89676 ns/op	     41484 raw-ns/op	     48096 sdk-ns/op	         1.100 sdk/raw
PASS
pkg: github.com/latampay/latampay-go/srpago
BenchmarkEnvelope/2048-test-key    	    3000	     50400 ns/op	    2976 B/op	      16 allocs/op
BenchmarkChargesCreate/sdk         	    3000	    179786 ns/op	    179714 cpu-ns/op	   30000 B/op	     180 allocs/op
BenchmarkChargesCreate/raw         	    3000	    172855 ns/op	    171720 cpu-ns/op	   19957 B/op	     204 allocs/op
BenchmarkChargesCreate/paired      	    3000	    359410 ns/op	    171567 raw-ns/op	    187679 sdk-ns/op	         1.094 sdk/raw
`

func TestReportUsesMediansAndFlagsOverBudget(t *testing.T) {
	t.Parallel()
	calls, err := parse(strings.NewReader(sample))
	require.NoError(t, err)
	require.Len(t, calls, 2, "Envelope has no sdk/raw sides and is left out")
	var out bytes.Buffer
	over := report(&out, calls, budget)
	assert.Contains(t, out.String(), "| cubo BenchmarkTransactionsCreate | 48.1 | 41.5 | 1.16× | 117 | 103 | 1.14× |")
	assert.Equal(t, []string{"srpago BenchmarkChargesCreate: bytes 1.50× raw (budget 1.30×)"}, over)
}

func TestReportNamesACallWithMissingSides(t *testing.T) {
	t.Parallel()
	calls, err := parse(strings.NewReader("pkg: x\nBenchmarkA/sdk 10 5 ns/op 1 B/op 1 allocs/op\n"))
	require.NoError(t, err)
	over := report(&bytes.Buffer{}, calls, budget)
	require.Len(t, over, 1)
	assert.Contains(t, over[0], "x BenchmarkA: missing")
}

func TestParseRejectsGarbledFigures(t *testing.T) {
	t.Parallel()
	_, err := parse(strings.NewReader("BenchmarkA/sdk 10 five ns/op\n"))
	assert.ErrorContains(t, err, `"five" is not a number`)
}
