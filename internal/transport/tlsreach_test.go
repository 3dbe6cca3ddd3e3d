package transport

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawTLSServer accepts connections on a real socket and hands each to
// serve. It also returns an *http.Client that trusts its certificate.
func rawTLSServer(t *testing.T, serve func(raw net.Conn, cfg *tls.Config)) (string, *http.Client, *atomic.Int32) {
	t.Helper()
	ref := httptest.NewUnstartedServer(http.NotFoundHandler())
	ref.StartTLS() // only for its certificate and a client that trusts it
	t.Cleanup(ref.Close)
	cfg := ref.TLS.Clone()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var conns atomic.Int32
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			serve(c, cfg)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close(); <-done })
	hc := *ref.Client()
	return "https://" + ln.Addr().String(), &hc, &conns
}

// A TLS handshake that fails provably sent nothing: a charge is retried.
func TestMoneyRetriedWhenTLSHandshakeFails(t *testing.T) {
	t.Parallel()
	base, hc, conns := rawTLSServer(t, func(raw net.Conn, _ *tls.Config) {
		_ = raw.SetDeadline(time.Now().Add(2 * time.Second))
		_, _ = raw.Read(make([]byte, 512)) // the ClientHello
		_, _ = io.WriteString(raw, "no TLS spoken here\r\n")
	})
	s, err := NewSettings(WithBaseURL(base), WithHTTPClient(hc), WithRetryWait(time.Millisecond, 2*time.Millisecond))
	require.NoError(t, err)
	c, err := New(Config{Provider: "test"}, s)
	require.NoError(t, err)
	_, err = c.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", Body: map[string]int{"amount": 1}, MovesMoney: true}, nil)
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "nothing was sent: %v", err)
	var rhe tls.RecordHeaderError
	assert.True(t, errors.As(err, &rhe), "%v", err)
	assert.Equal(t, int32(3), conns.Load(), "a failed handshake is retried like a failed dial")
}

// A TLS failure once the request went out may hide a charge the provider
// carried out: the money-moving request is sent once and reported as an
// unknown outcome, whatever its method (Sr. Pago reverses with a GET).
func TestMoneyNotRetriedWhenTLSBreaksAfterSending(t *testing.T) {
	t.Parallel()
	for _, method := range []string{"POST", "GET"} {
		t.Run(method, func(t *testing.T) {
			t.Parallel()
			var received atomic.Int32
			base, hc, _ := rawTLSServer(t, func(raw net.Conn, cfg *tls.Config) {
				_ = raw.SetDeadline(time.Now().Add(2 * time.Second))
				tc := tls.Server(raw, cfg)
				if tc.Handshake() != nil {
					return
				}
				req, err := http.ReadRequest(bufio.NewReader(tc))
				if err != nil {
					return
				}
				_, _ = io.Copy(io.Discard, req.Body)
				received.Add(1)
				// A proxy answering in clear text on the TLS connection.
				_, _ = io.WriteString(raw, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
			})
			s, err := NewSettings(WithBaseURL(base), WithHTTPClient(hc), WithRetryWait(time.Millisecond, 2*time.Millisecond))
			require.NoError(t, err)
			c, err := New(Config{Provider: "test"}, s)
			require.NoError(t, err)
			req := &Request{Method: method, Path: "/v1/charges/chr_1/reverse", MovesMoney: true}
			if method == "POST" {
				req.Body = map[string]int{"amount": 1}
			}
			_, err = c.Do(context.Background(), req, nil)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.Equal(t, int32(1), received.Load(), "sent exactly once")
		})
	}
}
