// Package benchcmp measures what the SDK costs on top of plain net/http and
// encoding/json for the same call.
package benchcmp

import (
	"slices"
	"testing"
	"time"
)

// Compare benchmarks one call made through the SDK and the same call made
// by hand, as three sub-benchmarks:
//
//   - "sdk" and "raw" run each alone and report ns/op, B/op, allocs/op and
//     cpu-ns/op (process CPU time per call, client and in-process server
//     alike);
//   - "paired" alternates the two within one loop, switching which goes
//     first every iteration and timing each call, and reports the median
//     call time of each (sdk-ns/op, raw-ns/op) and their ratio sdk/raw;
//     and the same for the process's CPU time per call (sdk-cpu-ns/op,
//     raw-cpu-ns/op, cpu-sdk/raw).
//
// The paired ratios are the time figures to trust. Two benchmarks run one
// after the other on a shared machine see different neighbours and clock
// speeds, and their ratio moves by tens of percent from run to run; calls
// interleaved call by call see the same conditions, and medians leave out
// the calls that a pause or a neighbour's burst happened to hit, so the
// ratio holds to a few percent. With the server in another process
// (Start), the CPU time is the client's alone, and it does not count the
// time spent waiting for a busy machine's scheduler: on a loaded machine
// the CPU ratio is the steadier of the two, and the stricter, since the
// wall time also holds the server's share, the same on both sides.
//
// Each call is made once before timing starts, to open the connection.
func Compare(b *testing.B, sdk, raw func() error) {
	b.Helper()
	alone := func(name string, call func() error) {
		b.Run(name, func(b *testing.B) {
			mustCall(b, call)
			b.ReportAllocs()
			b.ResetTimer()
			start := cpuTime()
			for range b.N {
				mustCall(b, call)
			}
			b.StopTimer()
			if cpu := cpuTime() - start; cpu > 0 {
				b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
			}
		})
	}
	alone("sdk", sdk)
	alone("raw", raw)
	b.Run("paired", func(b *testing.B) {
		mustCall(b, sdk)
		mustCall(b, raw)
		inSDK, inRaw := make([]time.Duration, b.N), make([]time.Duration, b.N)
		cpuSDK, cpuRaw := make([]time.Duration, b.N), make([]time.Duration, b.N)
		b.ResetTimer()
		for i := range b.N {
			first, second, t1, t2, c1, c2 := sdk, raw, &inSDK[i], &inRaw[i], &cpuSDK[i], &cpuRaw[i]
			if i%2 == 1 {
				first, second, t1, t2, c1, c2 = raw, sdk, &inRaw[i], &inSDK[i], &cpuRaw[i], &cpuSDK[i]
			}
			cpu0, start := cpuTime(), time.Now()
			mustCall(b, first)
			cpu1, mid := cpuTime(), time.Now()
			mustCall(b, second)
			*t1, *t2 = mid.Sub(start), time.Since(mid)
			*c1, *c2 = cpu1-cpu0, cpuTime()-cpu1
		}
		b.StopTimer()
		report := func(sdkT, rawT []time.Duration, prefix string) {
			s, r := median(sdkT), median(rawT)
			b.ReportMetric(float64(s), "sdk-"+prefix+"ns/op")
			b.ReportMetric(float64(r), "raw-"+prefix+"ns/op")
			if r > 0 {
				ratio := "sdk/raw"
				if prefix != "" {
					ratio = "cpu-sdk/raw"
				}
				b.ReportMetric(float64(s)/float64(r), ratio)
			}
		}
		report(inSDK, inRaw, "")
		report(cpuSDK, cpuRaw, "cpu-")
	})
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
