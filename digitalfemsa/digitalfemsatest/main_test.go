package digitalfemsatest_test

import (
	"testing"

	"github.com/latampay/latampay-go/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }

// ptr returns a pointer to v, for the fields a null leaves nil.
func ptr[T any](v T) *T { return &v }
