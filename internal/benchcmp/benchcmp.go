// Package benchcmp measures what the SDK costs on top of plain net/http and
// encoding/json for the same call.
package benchcmp

import (
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
//     first every iteration, and reports sdk-ns/op, raw-ns/op and their
//     ratio sdk/raw.
//
// The paired ratio is the time figure to trust. Two benchmarks run one
// after the other on a shared machine see different neighbours and clock
// speeds, and their ratio moves by tens of percent from run to run; calls
// interleaved call by call see the same conditions, and their ratio holds
// to a few percent.
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
		var inSDK, inRaw time.Duration
		b.ResetTimer()
		for i := range b.N {
			first, second, t1, t2 := sdk, raw, &inSDK, &inRaw
			if i%2 == 1 {
				first, second, t1, t2 = raw, sdk, &inRaw, &inSDK
			}
			start := time.Now()
			mustCall(b, first)
			mid := time.Now()
			mustCall(b, second)
			*t1 += mid.Sub(start)
			*t2 += time.Since(mid)
		}
		b.StopTimer()
		b.ReportMetric(float64(inSDK)/float64(b.N), "sdk-ns/op")
		b.ReportMetric(float64(inRaw)/float64(b.N), "raw-ns/op")
		if inRaw > 0 {
			b.ReportMetric(float64(inSDK)/float64(inRaw), "sdk/raw")
		}
	})
}

func mustCall(b *testing.B, call func() error) {
	if err := call(); err != nil {
		b.Fatal(err)
	}
}
