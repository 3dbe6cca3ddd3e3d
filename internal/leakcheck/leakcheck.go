// Package leakcheck fails a test binary whose tests left goroutines behind:
// a call, a page walker, a login or a fake server that outlives its test.
// It is this module's small stand-in for go.uber.org/goleak, which would
// otherwise be a dependency for one function.
package leakcheck

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Main runs the tests, then waits up to two seconds for every goroutine they
// started to end, and exits non-zero listing those that did not.
func Main(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if leaked := wait(2 * time.Second); len(leaked) > 0 {
			fmt.Fprintf(os.Stderr, "leakcheck: %d goroutine(s) outlived the tests:\n\n%s\n", len(leaked), strings.Join(leaked, "\n\n"))
			code = 1
		}
	}
	os.Exit(code)
}

func wait(limit time.Duration) []string {
	deadline := time.Now().Add(limit)
	for {
		leaked := interesting()
		if len(leaked) == 0 || time.Now().After(deadline) {
			return leaked
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// interesting lists the goroutines that are neither this one nor the
// runtime's or the testing package's own.
func interesting() []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var out []string
	for i, g := range strings.Split(string(buf), "\n\n") {
		if i == 0 || ignorable(g) { // the first is the current goroutine
			continue
		}
		out = append(out, g)
	}
	return out
}

// ignorable: goroutines of the runtime and the test framework.
var ignorable = func() func(string) bool {
	markers := []string{
		"testing.(*M).",
		"testing.tRunner",
		"testing.runFuzzing",
		"testing/internal/testdeps",
		"os/signal.signal_recv",
		"runtime.ensureSigM",
		"created by runtime.gc",
		"runtime/trace",
	}
	return func(stack string) bool {
		for _, m := range markers {
			if strings.Contains(stack, m) {
				return true
			}
		}
		return false
	}
}()
