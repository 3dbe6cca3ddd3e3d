package nominapptest_test

import (
	"testing"

	"github.com/latampay/latampay-go/internal/leakcheck"
)

// TestMain fails the binary when a test leaves a goroutine behind (a call, a
// login or a fake server that outlives its test).
func TestMain(m *testing.M) { leakcheck.Main(m) }
