package srpago

import (
	"testing"

	"github.com/latampay/latampay-go/internal/leakcheck"
)

func TestMain(m *testing.M) { leakcheck.Main(m) }
