package cubo

import (
	"testing"

	"github.com/latampay/latampay-go/internal/leakcheck"
)

// TestMain fails the binary when a test leaves a goroutine behind (a call,
// a fake server or a webhook post that outlives its test).
func TestMain(m *testing.M) { leakcheck.Main(m) }
