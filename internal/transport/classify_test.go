package transport

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestClassify lists every case of the decision table (README.md
// "Retries" states the same rules). Each row names the facts of one
// attempt and the verdict for a request that may be repeated (a read) and
// for one that must not be (a charge).
func TestClassify(t *testing.T) {
	t.Parallel()
	type row struct {
		name       string
		f          facts
		read, move verdict
	}
	const (
		S = verdictSuccess
		F = verdictFail
		R = verdictRetry
		U = verdictUnknown
		A = verdictReauth
	)
	rows := []row{
		// No answer.
		{"dial/DNS/TLS-handshake failure (no connection)", facts{Failed: true}, R, R},
		{"reset or timeout after a connection carried it", facts{Failed: true, Reached: true}, R, U},
		{"refused certificate, no connection", facts{Failed: true, Permanent: true}, F, F},
		{"refused certificate through a RoundTripper that cannot tell", facts{Failed: true, Permanent: true, Reached: true}, F, U},
		{"context ended before sending", facts{Failed: true, CtxDone: true}, F, F},
		{"context ended after sending", facts{Failed: true, CtxDone: true, Reached: true}, F, U},
		{"answer over the size cap", facts{Failed: true, TooLarge: true, Reached: true}, F, U},
		// Informational and redirect statuses as final answers.
		{"101 as a final answer", facts{Status: 101}, F, U},
		{"103 as a final answer", facts{Status: 103}, F, U},
		{"301", facts{Status: 301}, F, U},
		{"302", facts{Status: 302}, F, U},
		{"303", facts{Status: 303}, F, U},
		{"304", facts{Status: 304}, F, U},
		{"307", facts{Status: 307}, F, U},
		{"308", facts{Status: 308}, F, U},
		// Success.
		{"200 with the object", facts{Status: 200}, S, S},
		{"201 with the object", facts{Status: 201}, S, S},
		{"204 where nothing was due", facts{Status: 204}, S, S},
		{"204/205 or empty body where an object was due", facts{Status: 204, BadBody: true}, R, U},
		{"205 where an object was due", facts{Status: 205, BadBody: true}, R, U},
		{"200 with HTML or cut-off JSON", facts{Status: 200, BadBody: true}, R, U},
		{"200 with a definite error envelope", facts{Status: 200, ProviderError: true, Definite: true}, F, F},
		{"200 with an error envelope that names no outcome", facts{Status: 200, ProviderError: true}, F, U},
		// Client errors.
		{"400 validation error", facts{Status: 400, ProviderError: true, Definite: true}, F, F},
		{"401 with a fixed key", facts{Status: 401, ProviderError: true, Definite: true}, F, F},
		{"401 to an expired session", facts{Status: 401, ProviderError: true, Definite: true, CanReauth: true}, A, A},
		{"402 decline", facts{Status: 402, ProviderError: true, Definite: true}, F, F},
		{"404", facts{Status: 404, ProviderError: true, Definite: true}, F, F},
		{"408 request timeout", facts{Status: 408, ProviderError: true}, F, U},
		{"409", facts{Status: 409, ProviderError: true, Definite: true}, F, F},
		{"422", facts{Status: 422, ProviderError: true, Definite: true}, F, F},
		{"429", facts{Status: 429, ProviderError: true, Definite: true}, R, R},
		// Server errors.
		{"500 without a definite error", facts{Status: 500, ProviderError: true}, R, U},
		{"500 with a definite error (Sr. Pago decline)", facts{Status: 500, ProviderError: true, Definite: true}, F, F},
		{"501", facts{Status: 501, ProviderError: true}, F, U},
		{"502", facts{Status: 502, ProviderError: true}, R, U},
		{"503", facts{Status: 503, ProviderError: true}, R, U},
		{"504", facts{Status: 504, ProviderError: true}, R, U},
		{"504 with a definite decline (Cubo)", facts{Status: 504, ProviderError: true, Definite: true}, F, F},
		{"5xx the decoder did not call an error", facts{Status: 500}, F, U},
		{"4xx the decoder did not call an error", facts{Status: 418}, F, F},
	}
	for _, r := range rows {
		for _, repeatable := range []bool{true, false} {
			f := r.f
			f.Repeatable = repeatable
			want := r.move
			if repeatable {
				want = r.read
			}
			name := fmt.Sprintf("%s/repeatable=%v", r.name, repeatable)
			assert.Equal(t, want, classify(f), name)
			// A retry is never decided once the caller has given up: the
			// answer that arrived is the outcome.
			f.CtxDone = true
			if want == verdictRetry {
				want = verdictFail
			}
			assert.Equal(t, want, classify(f), name+"/context ended")
		}
	}
}

func TestVerdictNames(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "success fail retry unknown reauth",
		fmt.Sprint(verdictSuccess, " ", verdictFail, " ", verdictRetry, " ", verdictUnknown, " ", verdictReauth))
}
