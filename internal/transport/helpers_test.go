package transport

import (
	"crypto/tls"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"
)

const testBase = "https://api.example.com"

// setup returns a client on a per-test mock transport with millisecond
// backoffs.
func setup(t *testing.T, cfg Config, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	base := []Option{WithHTTPClient(&http.Client{Transport: mt}), WithRetryWait(time.Millisecond, 2*time.Millisecond)}
	s, err := NewSettings(append(base, opts...)...)
	require.NoError(t, err)
	if cfg.Provider == "" {
		cfg.Provider = "test"
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = testBase
	}
	c, err := New(cfg, s)
	require.NoError(t, err)
	return c, mt
}

var tlsCertError = tls.CertificateVerificationError{Err: errors.New("x509: certificate signed by unknown authority")}

func urlValues(m map[string][]string) url.Values { return url.Values(m) }
