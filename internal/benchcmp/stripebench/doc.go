// Package stripebench measures stripe-go (github.com/stripe/stripe-go/v82)
// with the harness that measures latampay-go's own calls
// (internal/benchcmp): the same loopback server in another process, the
// same check that both sides send byte-identical requests, the same paired
// comparison against plain net/http + encoding/json decoding into the SDK's
// own types. Its figures are context for latampay-go's: what a widely used
// payment SDK costs over raw code when measured the same way.
//
// It is a module of its own so that stripe-go never enters the go.mod and
// go.sum that users of latampay-go download. It has benchmarks and tests
// only; run.sh in this folder measures and prints the table.
package stripebench
