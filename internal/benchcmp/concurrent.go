package benchcmp

import (
	"slices"
	"sync"
	"testing"
	"time"
)

// Burst is the outcome of one concurrent run: goroutines callers each
// making the same number of calls at once.
type Burst struct {
	Goroutines, Calls int
	Elapsed           time.Duration
	P50, P99          time.Duration
	// Handshakes and Conns are the server's counts for the run;
	// LaterHandshakes counts the handshakes after every goroutine's first
	// call.
	Handshakes, LaterHandshakes, Conns int64
}

// Throughput is calls per second.
func (r Burst) Throughput() float64 { return float64(r.Calls) / r.Elapsed.Seconds() }

// ExtraHandshakes is the share of calls beyond each goroutine's first that
// cost a TLS handshake: 0 when every goroutine kept using the connections
// the first calls opened.
func (r Burst) ExtraHandshakes() float64 {
	beyond := r.Calls - r.Goroutines
	if beyond <= 0 {
		return 0
	}
	return float64(r.LaterHandshakes) / float64(beyond)
}

// RunBurst starts goroutines callers that each make calls calls of call,
// all released at once, and reports throughput, latency percentiles and
// what the server counted. Every goroutine makes its first call, then
// waits for all the others' first calls to end before going on: the
// handshakes of the first calls (LaterHandshakes excludes them) include
// those of connections that several callers raced to dial at once, which
// a client then keeps; the handshakes after are the connections a client
// failed to keep.
func RunBurst(tb testing.TB, srv *Server, goroutines, calls int, call func() error) Burst {
	tb.Helper()
	srv.Reset(tb)
	lat := make([][]time.Duration, goroutines)
	errs := make([]error, goroutines)
	var ready, firstDone, done sync.WaitGroup
	release, releaseRest := make(chan struct{}), make(chan struct{})
	ready.Add(goroutines)
	firstDone.Add(goroutines)
	done.Add(goroutines)
	for g := range goroutines {
		go func() {
			defer done.Done()
			mine := make([]time.Duration, 0, calls)
			ready.Done()
			<-release
			for i := range calls {
				start := time.Now()
				err := call()
				mine = append(mine, time.Since(start))
				if i == 0 {
					firstDone.Done()
					<-releaseRest
				}
				if err != nil {
					errs[g] = err
					return
				}
			}
			lat[g] = mine
		}()
	}
	ready.Wait()
	start := time.Now()
	close(release)
	firstDone.Wait()
	afterFirst := srv.Stats(tb).Handshakes
	close(releaseRest)
	done.Wait()
	elapsed := time.Since(start)
	for _, err := range errs {
		if err != nil {
			tb.Fatal(err)
		}
	}
	all := slices.Concat(lat...)
	slices.Sort(all)
	st := srv.Stats(tb)
	return Burst{Goroutines: goroutines, Calls: len(all), Elapsed: elapsed,
		P50: all[len(all)/2], P99: all[len(all)*99/100], Handshakes: st.Handshakes, LaterHandshakes: st.Handshakes - afterFirst, Conns: st.Conns}
}

// Side makes one concurrent run's caller: a fresh client (call) and what
// releases it afterwards (done, may be nil).
type Side func(tb testing.TB) (call func() error, done func())

// CompareConcurrent runs bursts of goroutines×calls through the SDK and
// through a raw client, rounds of each, alternating which goes first (run
// it with -benchtime 1x: b.N repeats the whole); each burst starts from a
// fresh client and from no open connection. It
// reports the medians over the rounds: sdk-calls/s, raw-calls/s, their
// paired ratio tput-sdk/raw (the ratio within each round), p50 and p99
// latencies, and the share of calls beyond each goroutine's first that
// needed a TLS handshake (sdk-extra-hs, raw-extra-hs).
func CompareConcurrent(b *testing.B, srv *Server, goroutines, calls, rounds int, sdk, raw Side) {
	b.Helper()
	var sdkRuns, rawRuns []Burst
	var ratio []float64
	run := func(side Side) Burst {
		srv.CloseConns(b)
		call, done := side(b)
		r := RunBurst(b, srv, goroutines, calls, call)
		if done != nil {
			done()
		}
		return r
	}
	b.ResetTimer()
	for i := range b.N * rounds {
		var s, r Burst
		if i%2 == 0 {
			s, r = run(sdk), run(raw)
		} else {
			r, s = run(raw), run(sdk)
		}
		sdkRuns, rawRuns = append(sdkRuns, s), append(rawRuns, r)
		ratio = append(ratio, s.Throughput()/r.Throughput())
	}
	b.StopTimer()
	srv.CloseConns(b)
	med := func(runs []Burst, f func(Burst) float64) float64 {
		vs := make([]float64, len(runs))
		for i, r := range runs {
			vs[i] = f(r)
		}
		return medianFloat(vs)
	}
	for _, side := range []struct {
		name string
		runs []Burst
	}{{"sdk", sdkRuns}, {"raw", rawRuns}} {
		b.ReportMetric(med(side.runs, Burst.Throughput), side.name+"-calls/s")
		b.ReportMetric(med(side.runs, func(r Burst) float64 { return float64(r.P50) }), side.name+"-p50-ns")
		b.ReportMetric(med(side.runs, func(r Burst) float64 { return float64(r.P99) }), side.name+"-p99-ns")
		b.ReportMetric(med(side.runs, Burst.ExtraHandshakes), side.name+"-extra-hs")
		b.ReportMetric(med(side.runs, func(r Burst) float64 { return float64(r.Handshakes) }), side.name+"-handshakes")
	}
	b.ReportMetric(medianFloat(ratio), "tput-sdk/raw")
}

func medianFloat(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	vs = slices.Clone(vs)
	slices.Sort(vs)
	return vs[len(vs)/2]
}
