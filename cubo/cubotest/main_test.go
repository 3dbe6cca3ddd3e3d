package cubotest_test

import (
	"testing"

	"github.com/latampay/latampay-go/internal/leakcheck"
)

// TestMain fails the binary when a test leaves a goroutine behind.
func TestMain(m *testing.M) { leakcheck.Main(m) }
