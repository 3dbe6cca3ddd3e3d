//go:build !unix

package benchcmp

import "time"

// cpuTime is not measured here; Compare then reports no cpu-ns/op.
func cpuTime() time.Duration { return 0 }
