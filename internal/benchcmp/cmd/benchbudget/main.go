// Command benchbudget reads the output of go test -bench for the benchmarks
// written with internal/benchcmp, prints their figures as Markdown tables
// and exits 1 when one is over budget:
//
//   - every call compared with benchcmp.Compare (create, get, list, the
//     5 MiB page): time at most -time × raw, allocations at most -allocs ×
//     raw, bytes at most -bytes × raw. Time is the paired median ratio of
//     wall-clock time per call (-timeby wall, the default: the time a
//     caller waits) or of the client's CPU time per call (-timeby cpu:
//     steady on a loaded machine, and not diluted by the server's share of
//     a round trip); with -timeby wall, -cpu holds the CPU time to a
//     budget of its own too;
//   - every walk reporting heap-growth-B: at most -heap bytes;
//   - every concurrency run at -goroutines goroutines (benchcmp.CompareConcurrent):
//     SDK throughput at least -tput × raw, and TLS handshakes on at most
//     -handshakes of the calls beyond each goroutine's first, beyond the
//     share the tuned raw client needed in the same rounds (-hs-abs judges
//     the SDK's share alone). net/http returns a connection to its pool
//     from another goroutine, after the caller may already have asked for
//     its next one, so even a client whose pool is larger than its callers
//     dials a few extra connections at first: some tenths of a connection
//     per caller, a few percent of the calls when each caller makes 20;
//   - the closed-clients run: at most -conns connections left open
//     (reported as skipped while the clients have no Close method).
//
// Medians over the runs (-count) are used throughout. Thresholds are flags,
// so the current figures can be seen against any budget:
//
//	go test -run '^$' -bench . -benchtime 300x -cpu 1 ./culqi | go run ./internal/benchcmp/cmd/benchbudget
//
// The output is read from the files named as arguments, or from standard
// input. A benchmark found in a later file replaces its figures from the
// earlier ones: a second measurement of what was over budget
// (-failed writes the package and name of each such benchmark, one a
// line) replaces the first.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// limits is the budget: ratios to raw net/http, and absolute figures.
type limits struct {
	time, allocs, bytes float64 // at most, × raw
	timeBy              string  // "cpu" or "wall": which paired ratio is judged
	cpu                 float64 // with timeBy "wall": at most this CPU time × raw too (0: not judged)
	heap                float64 // at most, bytes of heap growth over a walk
	tput                float64 // at least, × raw throughput
	handshakes          float64 // at most, share of calls beyond each goroutine's first
	hsAbs               bool    // judge the SDK's handshake share alone, not its excess over raw's
	goroutines          int     // the concurrency the throughput and handshake budget applies to
	conns               float64 // at most, connections open after the closed clients
}

// issue19 is the budget of issue 19.
// The time is the paired wall-clock median, the figure the issue states;
// the client's CPU time is held to a guard beside it (the per-attempt
// timeout, which the raw side does not have, costs about 5% of a small
// call's CPU time: BENCHMARKS.md).
var issue19 = limits{timeBy: "wall", time: 1.10, cpu: 1.20, allocs: 1.10, bytes: 1.30, heap: 1 << 20, tput: 0.9, handshakes: 0.01, goroutines: 256, conns: 10}

// bench gathers one benchmark's figures by unit, one value per run.
type bench map[string][]float64

// median of a metric over the runs, and whether it was reported at all.
func (b bench) median(unit string) (float64, bool) {
	vs := append([]float64(nil), b[unit]...)
	if len(vs) == 0 {
		return 0, false
	}
	sort.Float64s(vs)
	return vs[len(vs)/2], true
}

func (b bench) m(unit string) float64 { v, _ := b.median(unit); return v }

func main() {
	max := issue19
	flag.Float64Var(&max.time, "time", max.time, "most SDK time per call, × raw (paired median)")
	flag.StringVar(&max.timeBy, "timeby", max.timeBy, `the time judged: "cpu" (the client's CPU time per call) or "wall"`)
	flag.Float64Var(&max.cpu, "cpu", max.cpu, `with -timeby wall: most SDK CPU time per call too, × raw (0: not judged)`)
	flag.Float64Var(&max.allocs, "allocs", max.allocs, "most SDK allocations per call, × raw")
	flag.Float64Var(&max.bytes, "bytes", max.bytes, "most SDK bytes allocated per call, × raw")
	flag.Float64Var(&max.heap, "heap", max.heap, "most heap growth over a walk, bytes")
	flag.Float64Var(&max.tput, "tput", max.tput, "least SDK throughput, × the tuned raw client")
	flag.Float64Var(&max.handshakes, "handshakes", max.handshakes, "most TLS handshakes, share of calls beyond each goroutine's first")
	flag.BoolVar(&max.hsAbs, "hs-abs", max.hsAbs, "judge the SDK's handshake share alone (default: its excess over the raw client's)")
	flag.IntVar(&max.goroutines, "goroutines", max.goroutines, "the concurrency -tput and -handshakes apply to")
	flag.Float64Var(&max.conns, "conns", max.conns, "most connections open after 1,000 clients were used and closed")
	failed := flag.String("failed", "", "write the package and name of each benchmark over budget to this file")
	flag.Parse()
	if max.timeBy != "cpu" && max.timeBy != "wall" {
		fmt.Fprintln(os.Stderr, `benchbudget: -timeby is "cpu" or "wall"`)
		os.Exit(2)
	}
	benches, err := parseAll(flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchbudget:", err)
		os.Exit(2)
	}
	if len(benches) == 0 {
		fmt.Fprintln(os.Stderr, "benchbudget: no benchmarks in the input")
		os.Exit(2)
	}
	over := report(os.Stdout, benches, max)
	if *failed != "" {
		if err := os.WriteFile(*failed, []byte(failedList(over)), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "benchbudget:", err)
			os.Exit(2)
		}
	}
	if len(over) > 0 {
		fmt.Fprintln(os.Stderr, "over budget:\n  "+strings.Join(over, "\n  "))
		os.Exit(1)
	}
}

// parseAll reads each named file (standard input when there is none); a
// benchmark in a later file replaces the figures of the same benchmark in
// the earlier ones.
func parseAll(names []string) (map[string]bench, error) {
	if len(names) == 0 {
		return parse(os.Stdin)
	}
	all := map[string]bench{}
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		benches, err := parse(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for k, b := range benches {
			all[k] = b
		}
	}
	return all, nil
}

// failedList turns report's findings ("pkg BenchmarkX/sub: what") into
// the top-level benchmarks to measure again, "pkg BenchmarkX" a line.
func failedList(over []string) string {
	seen := map[string]bool{}
	var out strings.Builder
	for _, o := range over {
		key, _, _ := strings.Cut(o, ": ")
		pkg, name, ok := strings.Cut(key, " ")
		if !ok {
			continue
		}
		name, _, _ = strings.Cut(name, "/")
		if line := pkg + " " + name; !seen[line] {
			seen[line] = true
			out.WriteString(line + "\n")
		}
	}
	return out.String()
}

// parse reads benchmark lines such as
//
//	BenchmarkX/paired-2   3000   99788 ns/op   48065 raw-ns/op   51616 sdk-ns/op   1.074 sdk/raw
//
// keyed by package (from the "pkg:" lines) and benchmark name without its
// -cpu suffix. With -count above 1 every run is kept.
func parse(r io.Reader) (map[string]bench, error) {
	out := map[string]bench{}
	pkg := ""
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimPrefix(strings.TrimSpace(p), "github.com/latampay/latampay-go/")
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name := fields[0]
		if i := strings.LastIndexByte(name, '-'); i > strings.LastIndexByte(name, '/') && i > strings.LastIndexByte(name, '=') {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i] // the -cpu suffix
			}
		}
		key := pkg + " " + name
		if out[key] == nil {
			out[key] = bench{}
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: %q is not a number", fields[0], fields[i])
			}
			out[key][fields[i+1]] = append(out[key][fields[i+1]], v)
		}
	}
	return out, sc.Err()
}

// report writes the tables and returns what is over budget or incomplete.
func report(w io.Writer, benches map[string]bench, max limits) (over []string) {
	keys := make([]string, 0, len(benches))
	for k := range benches {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	check := func(name, what string, got, limit float64, atLeast bool) string {
		bad := (!atLeast && got > limit) || (atLeast && got < limit)
		if bad {
			over = append(over, fmt.Sprintf("%s: %s %.4g (budget %s %.4g)", name, what, got, map[bool]string{true: "≥", false: "≤"}[atLeast], limit))
			return " ✗"
		}
		return ""
	}

	// Calls: a Compare leaves one sub-benchmark, paired.
	var calls []string
	for _, k := range keys {
		if base, ok := strings.CutSuffix(k, "/paired"); ok {
			calls = append(calls, base)
		}
	}
	if len(calls) > 0 {
		cpuToo := ""
		if max.timeBy == "wall" && max.cpu > 0 {
			cpuToo = fmt.Sprintf(", cpu time ≤ %.2f×", max.cpu)
		}
		fmt.Fprintf(w, "Calls (budget: %s time ≤ %.2f×%s, allocations ≤ %.2f×, bytes ≤ %.2f× raw; paired medians)\n\n", max.timeBy, max.time, cpuToo, max.allocs, max.bytes)
		fmt.Fprintln(w, "| call | sdk cpu µs | raw cpu µs | cpu | sdk wall µs | raw wall µs | wall | sdk allocs | raw allocs | allocs | sdk B | raw B | bytes |")
		fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
		for _, base := range calls {
			p := benches[base+"/paired"]
			wall, okW := p.median("sdk/raw")
			cpu, okC := p.median("cpu-sdk/raw")
			rawAllocs, okA := p.median("raw-allocs/op")
			rawBytes, okB := p.median("raw-B/op")
			judged, okJ := cpu, okC
			if max.timeBy == "wall" {
				judged, okJ = wall, okW
			}
			if !okJ || !okA || !okB || judged == 0 || rawAllocs == 0 || rawBytes == 0 {
				over = append(over, base+": missing figures (a time ratio, raw-allocs/op or raw-B/op)")
				continue
			}
			markCPU, markWall := "", ""
			if max.timeBy == "cpu" {
				markCPU = check(base, "cpu time ×raw", cpu, max.time, false)
			} else {
				markWall = check(base, "wall time ×raw", wall, max.time, false)
				if max.cpu > 0 && okC {
					markCPU = check(base, "cpu time ×raw", cpu, max.cpu, false)
				}
			}
			sdkAllocs, sdkBytes := p.m("sdk-allocs/op"), p.m("sdk-B/op")
			allocs, bytes := sdkAllocs/rawAllocs, sdkBytes/rawBytes
			fmt.Fprintf(w, "| %s | %.1f | %.1f | %.2f×%s | %.1f | %.1f | %.2f×%s | %.0f | %.0f | %.2f×%s | %.0f | %.0f | %.2f×%s |\n", base,
				p.m("sdk-cpu-ns/op")/1e3, p.m("raw-cpu-ns/op")/1e3, cpu, markCPU,
				p.m("sdk-ns/op")/1e3, p.m("raw-ns/op")/1e3, wall, markWall,
				sdkAllocs, rawAllocs, allocs, check(base, "allocations ×raw", allocs, max.allocs, false),
				sdkBytes, rawBytes, bytes, check(base, "bytes ×raw", bytes, max.bytes, false))
		}
		fmt.Fprintln(w)
	}

	// Walks: heap-growth-B.
	first := true
	for _, k := range keys {
		growth, ok := benches[k].median("heap-growth-B")
		if !ok {
			continue
		}
		if first {
			fmt.Fprintf(w, "Walks (budget: heap growth from 10k to 100k items ≤ %.0f B)\n\n| walk | heap growth B |\n|---|---:|\n", max.heap)
			first = false
		}
		fmt.Fprintf(w, "| %s | %.0f%s |\n", k, growth, check(k, "heap growth B", growth, max.heap, false))
	}
	if !first {
		fmt.Fprintln(w)
	}

	// Concurrency: tput-sdk/raw.
	first = true
	for _, k := range keys {
		b := benches[k]
		ratio, ok := b.median("tput-sdk/raw")
		if !ok {
			continue
		}
		if first {
			over := " more than the raw client's"
			if max.hsAbs {
				over = ""
			}
			fmt.Fprintf(w, "Concurrency over TLS (budget at %d goroutines: throughput ≥ %.2f× the tuned raw client, handshakes beyond each goroutine's first on ≤ %.2g%% of calls%s)\n\n",
				max.goroutines, max.tput, 100*max.handshakes, over)
			fmt.Fprintln(w, "| run | sdk calls/s | raw calls/s | throughput | sdk p50 ms | raw p50 ms | sdk p99 ms | raw p99 ms | sdk handshakes | raw handshakes | sdk extra hs | raw extra hs |")
			fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
			first = false
		}
		mark1, mark2 := "", ""
		if strings.HasSuffix(k, fmt.Sprintf("g=%d", max.goroutines)) {
			mark1 = check(k, "throughput ×raw", ratio, max.tput, true)
			if max.hsAbs {
				mark2 = check(k, "extra handshakes share", b.m("sdk-extra-hs"), max.handshakes, false)
			} else {
				mark2 = check(k, "extra handshakes share over raw's", b.m("sdk-extra-hs")-b.m("raw-extra-hs"), max.handshakes, false)
			}
		}
		fmt.Fprintf(w, "| %s | %.0f | %.0f | %.2f×%s | %.2f | %.2f | %.2f | %.2f | %.0f | %.0f | %.2f%%%s | %.2f%% |\n", k,
			b.m("sdk-calls/s"), b.m("raw-calls/s"), ratio, mark1, b.m("sdk-p50-ns")/1e6, b.m("raw-p50-ns")/1e6,
			b.m("sdk-p99-ns")/1e6, b.m("raw-p99-ns")/1e6, b.m("sdk-handshakes"), b.m("raw-handshakes"),
			100*b.m("sdk-extra-hs"), mark2, 100*b.m("raw-extra-hs"))
	}
	if !first {
		fmt.Fprintln(w)
	}

	// Closed clients: open-conns.
	for _, k := range keys {
		open, ok := benches[k].median("open-conns")
		if !ok {
			continue
		}
		fmt.Fprintf(w, "%s: %.0f connections open after 1,000 clients were used and closed (budget ≤ %.0f)%s\n", k, open, max.conns,
			check(k, "connections open", open, max.conns, false))
	}
	return over
}
