package leakcheck

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Not parallel: it counts the goroutines of the whole process.
func TestWaitFindsALeakAndItsEnd(t *testing.T) {
	stop := make(chan struct{})
	go func() { <-stop }() // a goroutine that outlives its caller
	leaked := wait(50 * time.Millisecond)
	assert.NotEmpty(t, leaked)
	assert.True(t, strings.Contains(strings.Join(leaked, "\n"), "TestWaitFindsALeakAndItsEnd"))
	close(stop)
	assert.Empty(t, wait(time.Second), "the goroutine ended")
}
