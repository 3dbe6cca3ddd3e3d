// Package benchcpu reports the CPU time a benchmark iteration costs.
package benchcpu

import (
	"syscall"
	"testing"
	"time"
)

// PerOp reports, when the returned func runs, the process CPU time (user
// and system, client and in-process test server alike) per iteration as
// "cpu-ns/op". On a small shared machine wall time swings with scheduling;
// CPU time is the steadier measure of what a call costs. Use it as
//
//	b.ResetTimer()
//	defer benchcpu.PerOp(b)()
func PerOp(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
