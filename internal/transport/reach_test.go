package transport

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
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
	var serving sync.WaitGroup
	serving.Add(1)
	go func() {
		defer serving.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			serving.Add(1)
			go func() {
				defer serving.Done()
				defer c.Close()
				serve(c, cfg)
			}()
		}
	}()
	t.Cleanup(func() { ln.Close(); serving.Wait() })
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

// h2ResetServer speaks just enough HTTP/2 to take a whole request and then
// reset its stream with PROTOCOL_ERROR, the reset after which net/http's
// HTTP/2 transport resends a request on its own. It counts the requests it
// read in full.
func h2ResetServer(t *testing.T) (string, *http.Client, *atomic.Int32) {
	t.Helper()
	var received atomic.Int32
	base, hc, _ := rawTLSServer(t, func(raw net.Conn, cfg *tls.Config) {
		_ = raw.SetDeadline(time.Now().Add(5 * time.Second))
		cfg = cfg.Clone()
		cfg.NextProtos = []string{"h2"}
		tc := tls.Server(raw, cfg)
		if tc.Handshake() != nil {
			return
		}
		if _, err := io.ReadFull(tc, make([]byte, len("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"))); err != nil {
			return
		}
		const frameData, frameHeaders, frameRSTStream, frameSettings = 0, 1, 3, 4
		const flagEndStream, flagAck = 1, 1
		writeFrame := func(typ, flags byte, stream uint32, payload []byte) {
			f := []byte{byte(len(payload) >> 16), byte(len(payload) >> 8), byte(len(payload)), typ, flags, 0, 0, 0, 0}
			binary.BigEndian.PutUint32(f[5:], stream)
			_, _ = tc.Write(append(f, payload...))
		}
		writeFrame(frameSettings, 0, 0, nil)
		head := make([]byte, 9)
		for {
			if _, err := io.ReadFull(tc, head); err != nil {
				return
			}
			size := int(head[0])<<16 | int(head[1])<<8 | int(head[2])
			typ, flags, stream := head[3], head[4], binary.BigEndian.Uint32(head[5:])&0x7fffffff
			if _, err := io.CopyN(io.Discard, tc, int64(size)); err != nil {
				return
			}
			switch {
			case typ == frameSettings && flags&flagAck == 0:
				writeFrame(frameSettings, flagAck, 0, nil)
			case (typ == frameHeaders || typ == frameData) && flags&flagEndStream != 0:
				received.Add(1)
				writeFrame(frameRSTStream, 0, stream, []byte{0, 0, 0, 1}) // PROTOCOL_ERROR
			}
		}
	})
	hc.Transport.(*http.Transport).ForceAttemptHTTP2 = true
	hc.Transport.(*http.Transport).TLSClientConfig.NextProtos = []string{"h2"}
	t.Cleanup(hc.CloseIdleConnections) // runs first: frees the server's read
	return base, hc, &received
}

// net/http's HTTP/2 transport resends a request after a PROTOCOL_ERROR
// reset, below the SDK's retry rules; a charge the server read must not be
// sent again that way.
func TestMoneyNotResentByHTTP2AfterStreamReset(t *testing.T) {
	t.Parallel()
	base, hc, received := h2ResetServer(t)
	s, err := NewSettings(WithBaseURL(base), WithHTTPClient(hc), WithRetryWait(time.Millisecond, 2*time.Millisecond))
	require.NoError(t, err)
	c, err := New(Config{Provider: "test"}, s)
	require.NoError(t, err)
	_, err = c.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", Body: map[string]int{"amount": 1}, MovesMoney: true}, nil)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, int32(1), received.Load(), "sent exactly once")
}

// An attempt that never obtained a connection reached nobody, whatever
// the error: a charge that failed that way is not an unknown outcome.
func TestMoneyNotUnknownWithoutAConnection(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	t.Cleanup(srv.Close)
	charge := &Request{Method: "POST", Path: "/v1/charges", Body: map[string]int{"amount": 1}, MovesMoney: true}

	t.Run("certificate refused", func(t *testing.T) {
		// net/http's own Transport, trusting only the system roots.
		s, err := NewSettings(WithBaseURL(srv.URL), WithHTTPClient(&http.Client{Transport: &http.Transport{}}))
		require.NoError(t, err)
		c, err := New(Config{Provider: "test"}, s)
		require.NoError(t, err)
		_, err = c.Do(context.Background(), charge, nil)
		var certErr *tls.CertificateVerificationError
		require.ErrorAs(t, err, &certErr)
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	})
	t.Run("context ended before sending", func(t *testing.T) {
		s, err := NewSettings(WithBaseURL(srv.URL), WithHTTPClient(srv.Client()))
		require.NoError(t, err)
		c, err := New(Config{Provider: "test"}, s)
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err = c.Do(ctx, charge, nil)
		assert.ErrorIs(t, err, context.Canceled)
		assert.NotErrorIs(t, err, ErrOutcomeUnknown)
	})
	assert.Zero(t, hits.Load())
}

// A RoundTripper other than net/http's cannot say whether it sent
// anything: its failures on a charge are unknown outcomes.
func TestMoneyUnknownThroughAnUntracedTransport(t *testing.T) {
	t.Parallel()
	client, mt := setup(t, Config{})
	mt.RegisterResponder("POST", testBase+"/v1/charges", httpmock.NewErrorResponder(&tlsCertError))
	_, err := client.Do(context.Background(), &Request{Method: "POST", Path: "/v1/charges", Body: map[string]int{"amount": 1}, MovesMoney: true}, nil)
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// cancelAfter returns the response it got, then ends the call's context:
// the caller gave up just as the answer arrived.
type cancelAfter struct {
	next   http.RoundTripper
	cancel context.CancelFunc
}

func (c cancelAfter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := c.next.RoundTrip(r)
	c.cancel()
	return resp, err
}

// A charge answered before the caller's context ended reports its outcome,
// not the cancellation.
func TestAnswerArrivedBeforeCancelIsTheOutcome(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"id":"chr_1"}`)
	}))
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := NewSettings(WithBaseURL(srv.URL), WithHTTPClient(&http.Client{Transport: cancelAfter{srv.Client().Transport, cancel}}))
	require.NoError(t, err)
	c, err := New(Config{Provider: "test"}, s)
	require.NoError(t, err)
	var out struct{ ID string }
	_, err = c.Do(ctx, &Request{Method: "POST", Path: "/v1/charges", Body: map[string]int{"amount": 1}, MovesMoney: true}, &out)
	require.NoError(t, err)
	assert.Equal(t, "chr_1", out.ID)
}
