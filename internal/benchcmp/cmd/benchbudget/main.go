// Command benchbudget reads the output of go test -bench for benchmarks
// written with benchcmp.Compare, prints each call's sdk/raw ratios as a
// Markdown table, and exits 1 when one is over budget: time (the paired
// ratio) 1.20, allocations 1.25, bytes 1.30.
//
//	go test -run '^$' -bench . -benchtime 3000x -cpu 1 ./... | go run ./internal/benchcmp/cmd/benchbudget
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// Budget is the most the SDK may cost, as a multiple of raw net/http.
var budget = limits{time: 1.20, allocs: 1.25, bytes: 1.30}

type limits struct{ time, allocs, bytes float64 }

// call gathers the figures of one Compare: metrics by side ("sdk", "raw",
// "paired"), each by unit ("ns/op", "allocs/op", "sdk/raw"...), one value
// per run.
type call map[string]map[string][]float64

// median of one side's metric over the runs, 0 if never reported.
func (c call) median(side, unit string) float64 {
	vs := append([]float64(nil), c[side][unit]...)
	if len(vs) == 0 {
		return 0
	}
	sort.Float64s(vs)
	return vs[len(vs)/2]
}

func main() {
	calls, err := parse(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchbudget:", err)
		os.Exit(2)
	}
	if len(calls) == 0 {
		fmt.Fprintln(os.Stderr, "benchbudget: no sdk/raw/paired benchmarks in the input")
		os.Exit(2)
	}
	if over := report(os.Stdout, calls, budget); len(over) > 0 {
		fmt.Fprintln(os.Stderr, "over budget:", strings.Join(over, "; "))
		os.Exit(1)
	}
}

// parse reads benchmark lines such as
//
//	BenchmarkX/paired-2   3000   99788 ns/op   48065 raw-ns/op   51616 sdk-ns/op   1.074 sdk/raw
//
// keyed by package (from the "pkg:" lines) and benchmark name. With
// -count above 1 every run is kept, and the report uses medians.
func parse(r io.Reader) (map[string]call, error) {
	calls := map[string]call{}
	pkg := ""
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name := fields[0]
		if i := strings.LastIndexByte(name, '-'); i > strings.LastIndexByte(name, '/') {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i] // the -cpu suffix
			}
		}
		slash := strings.LastIndexByte(name, '/')
		if slash < 0 {
			continue
		}
		side := name[slash+1:]
		if side != "sdk" && side != "raw" && side != "paired" {
			continue
		}
		key := strings.TrimPrefix(pkg, "github.com/latampay/latampay-go/") + " " + name[:slash]
		if calls[key] == nil {
			calls[key] = call{}
		}
		if calls[key][side] == nil {
			calls[key][side] = map[string][]float64{}
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: %q is not a number", fields[0], fields[i])
			}
			calls[key][side][fields[i+1]] = append(calls[key][side][fields[i+1]], v)
		}
	}
	return calls, sc.Err()
}

// report writes the table and returns what is over budget, or incomplete.
func report(w io.Writer, calls map[string]call, max limits) (over []string) {
	keys := make([]string, 0, len(calls))
	for k := range calls {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintln(w, "| call | sdk µs | raw µs | time (paired) | sdk allocs | raw allocs | allocs | sdk B | raw B | bytes |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, k := range keys {
		c := calls[k]
		rawAllocs, rawBytes := c.median("raw", "allocs/op"), c.median("raw", "B/op")
		if c.median("paired", "sdk/raw") == 0 || rawAllocs == 0 || rawBytes == 0 {
			over = append(over, k+": missing sdk, raw or paired figures")
			continue
		}
		sdkAllocs, sdkBytes := c.median("sdk", "allocs/op"), c.median("sdk", "B/op")
		ratios := limits{time: c.median("paired", "sdk/raw"), allocs: sdkAllocs / rawAllocs, bytes: sdkBytes / rawBytes}
		fmt.Fprintf(w, "| %s | %.1f | %.1f | %.2f× | %.0f | %.0f | %.2f× | %.0f | %.0f | %.2f× |\n", k,
			c.median("paired", "sdk-ns/op")/1e3, c.median("paired", "raw-ns/op")/1e3, ratios.time,
			sdkAllocs, rawAllocs, ratios.allocs, sdkBytes, rawBytes, ratios.bytes)
		for _, check := range []struct {
			what       string
			got, limit float64
		}{{"time", ratios.time, max.time}, {"allocations", ratios.allocs, max.allocs}, {"bytes", ratios.bytes, max.bytes}} {
			if check.got == 0 || check.got > check.limit {
				over = append(over, fmt.Sprintf("%s: %s %.2f× raw (budget %.2f×)", k, check.what, check.got, check.limit))
			}
		}
	}
	return over
}
