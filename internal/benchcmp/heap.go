package benchcmp

import (
	"runtime"
	"testing"
)

// HeapProbe reads the live heap (after a collection) when a walk has seen
// a given number of items, to tell a walk whose memory stays flat from one
// that keeps state per page or per item.
type HeapProbe struct {
	first, last int
	heap        [2]uint64
}

// NewHeapProbe probes the heap after first and after last items.
func NewHeapProbe(first, last int) *HeapProbe { return &HeapProbe{first: first, last: last} }

// Seen is called with the count of items seen so far.
func (h *HeapProbe) Seen(n int) {
	if n != h.first && n != h.last {
		return
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	if n == h.first {
		h.heap[0] = ms.HeapAlloc
	} else {
		h.heap[1] = ms.HeapAlloc
	}
}

// Growth is the live heap at last minus the live heap at first, in bytes
// (negative when it shrank).
func (h *HeapProbe) Growth() float64 { return float64(h.heap[1]) - float64(h.heap[0]) }

// Report adds the growth as the metric heap-growth-B, the largest over the
// benchmark's walks.
func (h *HeapProbe) Report(b *testing.B, worst *float64) {
	if g := h.Growth(); g > *worst {
		*worst = g
	}
	b.ReportMetric(*worst, "heap-growth-B")
}
