//go:build race

package transport

// raceEnabled: the race detector adds allocations of its own, so
// allocation counts are not compared under it.
const raceEnabled = true
