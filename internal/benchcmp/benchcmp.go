// Package benchcmp measures what the SDK costs on top of plain net/http and
// encoding/json for the same call.
package benchcmp

import (
	"os"
	"runtime"
	"slices"
	"testing"
	"time"
)

// Compare benchmarks one call made through the SDK and the same call made
// by hand, in one sub-benchmark, "paired": the two calls alternate within
// one loop, switching which goes first every iteration, and each call is
// measured on its own. It reports, for each side:
//
//   - the median wall-clock time of a call (sdk-ns/op, raw-ns/op) and the
//     ratio of the medians (sdk/raw);
//   - the median CPU time of the process during a call (sdk-cpu-ns/op,
//     raw-cpu-ns/op) and their ratio (cpu-sdk/raw);
//   - the mean heap allocations and bytes allocated by a call
//     (sdk-allocs/op, raw-allocs/op, sdk-B/op, raw-B/op), counted over a
//     run of calls of one side alone after the paired loop (a third as
//     many as b.N): net/http allocates on goroutines of its own, and in an
//     interleaved loop some of one side's allocations would land in the
//     other's window.
//
// The paired ratios are the time figures to trust. Two benchmarks run one
// after the other on a shared machine see different neighbours and clock
// speeds, and their ratio moves by tens of percent from run to run; calls
// interleaved call by call see the same conditions, and medians leave out
// the calls that a pause or a neighbour's burst happened to hit, so the
// ratio holds to a few percent. With the server in another process
// (Start), the CPU time and the allocations are the client's alone, and
// the CPU time does not count the time spent waiting for a busy machine's
// scheduler: on a loaded machine the CPU ratio is the steadier of the two,
// and the stricter, since the wall time also holds the server's share of
// the round trip, the same on both sides.
//
// Each call is made once before timing starts, to open the connection.
//
// With BENCHCMP_PROFILE=sdk (or raw) in the environment, only that side
// runs, b.N calls in a plain loop: what -cpuprofile and -memprofile then
// record is that side's alone.
func Compare(b *testing.B, sdk, raw func() error) {
	b.Helper()
	if only := os.Getenv("BENCHCMP_PROFILE"); only == "sdk" || only == "raw" {
		call := sdk
		if only == "raw" {
			call = raw
		}
		b.Run(only, func(b *testing.B) {
			mustCall(b, call)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				mustCall(b, call)
			}
		})
		return
	}
	b.Run("paired", func(b *testing.B) {
		mustCall(b, sdk)
		mustCall(b, raw)
		var sides [2]side
		for i := range sides {
			sides[i].wall = make([]time.Duration, 0, b.N)
			sides[i].cpu = make([]time.Duration, 0, b.N)
		}
		calls := [2]func() error{sdk, raw}
		b.ResetTimer()
		for i := range b.N {
			for j := range 2 {
				k := j ^ (i & 1) // sdk first on even iterations, raw first on odd ones
				sides[k].measure(b, calls[k])
			}
		}
		b.StopTimer()
		n := max(1, (b.N+2)/3)
		for k, name := range []string{"sdk", "raw"} {
			o0, by0 := heapAllocs()
			for range n {
				mustCall(b, calls[k])
			}
			o1, by1 := heapAllocs()
			s := &sides[k]
			b.ReportMetric(float64(median(s.wall)), name+"-ns/op")
			b.ReportMetric(float64(median(s.cpu)), name+"-cpu-ns/op")
			b.ReportMetric(float64(o1-o0)/float64(n), name+"-allocs/op")
			b.ReportMetric(float64(by1-by0)/float64(n), name+"-B/op")
		}
		if r := median(sides[1].wall); r > 0 {
			b.ReportMetric(float64(median(sides[0].wall))/float64(r), "sdk/raw")
		}
		if r := median(sides[1].cpu); r > 0 {
			b.ReportMetric(float64(median(sides[0].cpu))/float64(r), "cpu-sdk/raw")
		}
	})
}

// side gathers one side's paired measurements.
type side struct{ wall, cpu []time.Duration }

// measure makes one call and records its wall-clock and CPU time.
func (s *side) measure(b *testing.B, call func() error) {
	cpu0, start := cpuTime(), time.Now()
	err := call()
	wall, cpu1 := time.Since(start), cpuTime()
	if err != nil {
		b.Fatal(err)
	}
	s.wall = append(s.wall, wall)
	s.cpu = append(s.cpu, cpu1-cpu0)
}

// heapAllocs returns the objects and bytes allocated so far. ReadMemStats
// stops the world to flush every P's cached counts, which
// runtime/metrics leaves to be counted a span at a time: it is exact, and
// called twice per side and benchmark.
func heapAllocs() (objects, bytes uint64) {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.Mallocs, ms.TotalAlloc
}

// median sorts ds and returns its middle value.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

func mustCall(b *testing.B, call func() error) {
	if err := call(); err != nil {
		b.Fatal(err)
	}
}
