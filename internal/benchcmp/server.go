package benchcmp

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The benchmarks' loopback server runs in a second process, so that its
// allocations and CPU time do not count on either side of a comparison:
// what is counted is the client's alone. That process is the package's
// own test binary started again with childEnv set; an init
// function in the package's benchmark file calls ServeIfChild, which then
// serves instead of running tests. No program is compiled for it and the
// handlers live beside the benchmarks that use them.
//
// The alternative the issue allows, a canned-response RoundTripper, would
// measure no socket, TLS or connection pool at all, and the SDK takes other
// paths with a RoundTripper that is not an *http.Transport; a re-executed
// binary starts in milliseconds and needs nothing CI does not already have.
const (
	childEnv = "LATAMPAY_BENCH_SERVER" // set in the child: serve instead of testing
	certEnv  = "LATAMPAY_BENCH_CERT"   // the child's TLS certificate and key, PEM
	tmpEnv   = "LATAMPAY_BENCH_TMP"    // the parent's temporary directory, removed by the child on exit
)

// ServeIfChild makes this process the benchmark server when it was started
// by Start, and never returns then; otherwise it returns at once. Call it
// from an init function of the package's benchmark file with the package's
// canned API:
//
//	func init() { benchcmp.ServeIfChild(benchAPI) }
//
// The child serves plain HTTP/1.1 and TLS (HTTP/1.1 only, so that each
// concurrent call needs a connection of its own, as with most payment
// APIs), counts connections and TLS handshakes, remembers the last request,
// and exits when its standard input closes, that is, when the benchmark
// process ends for whatever reason.
func ServeIfChild(api func() http.Handler) {
	if os.Getenv(childEnv) != "1" {
		return
	}
	err := serveChild(api(), os.Stdout, os.Stdin)
	// The parent has ended (or failed to start us properly): nothing of
	// its temporary files is needed any more.
	if dir := os.Getenv(tmpEnv); strings.Contains(filepath.Base(dir), "benchcmp") {
		os.RemoveAll(dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchcmp server:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// Stats is what the server counted since the last Reset.
type Stats struct {
	// Handshakes counts TLS handshakes begun (one per ClientHello).
	Handshakes int64 `json:"handshakes"`
	// Conns counts connections accepted, on both listeners.
	Conns int64 `json:"conns"`
	// Open counts connections open now (not reset by Reset).
	Open int64 `json:"open"`
	// Requests counts requests served (the control listener's excluded).
	Requests int64 `json:"requests"`
}

// Captured is a request as the server received it.
type Captured struct {
	Method string      `json:"method"`
	URI    string      `json:"uri"`
	Header http.Header `json:"header"`
	Body   []byte      `json:"body"`
}

type childState struct {
	handshakes, conns, open, requests atomic.Int64

	mu   sync.Mutex
	last Captured
	live map[net.Conn]struct{}
}

func serveChild(api http.Handler, out io.Writer, parent io.Reader) error {
	st := &childState{live: map[net.Conn]struct{}{}}
	capture := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		st.requests.Add(1)
		st.mu.Lock()
		st.last = Captured{Method: r.Method, URI: r.RequestURI, Header: r.Header.Clone(), Body: body}
		st.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		api.ServeHTTP(w, r)
	})
	connState := func(c net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			st.conns.Add(1)
			st.open.Add(1)
			st.mu.Lock()
			st.live[c] = struct{}{}
			st.mu.Unlock()
		case http.StateClosed, http.StateHijacked:
			st.open.Add(-1)
			st.mu.Lock()
			delete(st.live, c)
			st.mu.Unlock()
		}
	}
	plainLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	tlsLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ctlLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	pair, err := tls.X509KeyPair([]byte(os.Getenv(certEnv)), []byte(os.Getenv(certEnv)))
	if err != nil {
		return fmt.Errorf("certificate: %w", err)
	}
	tlsConf := &tls.Config{
		Certificates: []tls.Certificate{pair},
		NextProtos:   []string{"http/1.1"},
		GetConfigForClient: func(*tls.ClientHelloInfo) (*tls.Config, error) {
			st.handshakes.Add(1)
			return nil, nil
		},
	}
	plain := &http.Server{Handler: capture, ConnState: connState, ReadHeaderTimeout: time.Minute}
	secure := &http.Server{Handler: capture, ConnState: connState, ReadHeaderTimeout: time.Minute, TLSConfig: tlsConf,
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){}} // no HTTP/2
	ctl := &http.Server{Handler: st.control(), ReadHeaderTimeout: time.Minute}
	go func() { _ = plain.Serve(plainLn) }()
	go func() { _ = secure.Serve(tls.NewListener(tlsLn, tlsConf)) }()
	go func() { _ = ctl.Serve(ctlLn) }()
	if _, err := fmt.Fprintf(out, "benchcmp-server http://%s https://%s http://%s\n", plainLn.Addr(), tlsLn.Addr(), ctlLn.Addr()); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, parent) // until the parent goes away
	return nil
}

func (st *childState) control() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(Stats{Handshakes: st.handshakes.Load(), Conns: st.conns.Load(),
			Open: st.open.Load(), Requests: st.requests.Load()})
	})
	mux.HandleFunc("POST /reset", func(w http.ResponseWriter, _ *http.Request) {
		st.handshakes.Store(0)
		st.conns.Store(0)
		st.requests.Store(0)
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("GET /last", func(w http.ResponseWriter, _ *http.Request) {
		st.mu.Lock()
		last := st.last
		st.mu.Unlock()
		_ = json.NewEncoder(w).Encode(last)
	})
	mux.HandleFunc("POST /close", func(w http.ResponseWriter, _ *http.Request) {
		st.mu.Lock()
		for c := range st.live {
			_ = c.Close()
		}
		st.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	return mux
}

// Server is the parent's handle on the benchmark server process.
type Server struct {
	// URL is the plain HTTP/1.1 origin, http://127.0.0.1:port.
	URL string
	// TLSURL is the TLS origin, https://127.0.0.1:port, with a certificate
	// that RootCAs and, once TrustForProcess ran, the system pool trust.
	TLSURL string
	// RootCAs trusts the TLS origin's certificate.
	RootCAs *x509.CertPool

	ctl      string
	certFile string
	ctlHTTP  *http.Client
}

var (
	startOnce sync.Once
	started   *Server
	startErr  error
)

// Start returns the benchmark server of this process, starting it on the
// first call. The package's benchmark file must call ServeIfChild from an
// init function.
func Start(tb testing.TB) *Server {
	tb.Helper()
	startOnce.Do(func() { started, startErr = start() })
	if startErr != nil {
		tb.Fatal("benchmark server:", startErr)
	}
	return started
}

func start() (*Server, error) {
	certPEM, keyPEM, err := selfSigned()
	if err != nil {
		return nil, err
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "benchcmp")
	if err != nil {
		return nil, err
	}
	certFile := filepath.Join(dir, "cert.pem")
	if err := os.WriteFile(certFile, certPEM, 0o600); err != nil {
		return nil, err
	}
	// Plain *os.File ends on both pipes: exec starts no copying goroutine,
	// so nothing outlives the tests for leakcheck to report.
	stdinR, stdinW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	stdoutR, stdoutW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), childEnv+"=1", certEnv+"="+string(certPEM)+string(keyPEM), tmpEnv+"="+dir)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdinR, stdoutW, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	stdinR.Close()
	stdoutW.Close()
	// stdinW stays open for the life of this process: the child exits when
	// it closes.
	keepAlive = append(keepAlive, stdinW)
	line, err := bufio.NewReader(stdoutR).ReadString('\n')
	stdoutR.Close()
	if err != nil {
		return nil, fmt.Errorf("no address from the server process: %w", err)
	}
	f := strings.Fields(line)
	if len(f) != 4 || f[0] != "benchcmp-server" {
		return nil, fmt.Errorf("unexpected first line from the server process: %q", line)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(certPEM)
	return &Server{URL: f[1], TLSURL: f[2], ctl: f[3], RootCAs: pool, certFile: certFile,
		ctlHTTP: &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 10 * time.Second}}, nil
}

// keepAlive holds the write ends of the server processes' stdin: while
// this process lives, they stay open.
var keepAlive []*os.File

// TrustForProcess makes the system certificate pool of this process trust
// the TLS origin, so that a client built with no http.Client of its own
// (the SDK's default transport) can reach it. Go reads SSL_CERT_FILE once,
// on the first verification against the system pool: it reports false
// when that already happened without this certificate.
func (s *Server) TrustForProcess() bool {
	os.Setenv("SSL_CERT_FILE", s.certFile)
	pool, err := x509.SystemCertPool()
	if err != nil {
		return false
	}
	certPEM, err := os.ReadFile(s.certFile)
	if err != nil {
		return false
	}
	der, _ := pem.Decode(certPEM)
	if der == nil {
		return false
	}
	cert, err := x509.ParseCertificate(der.Bytes)
	if err != nil {
		return false
	}
	_, err = cert.Verify(x509.VerifyOptions{Roots: pool})
	return err == nil
}

// Stats returns what the server counted since the last Reset.
func (s *Server) Stats(tb testing.TB) Stats {
	tb.Helper()
	var st Stats
	s.control(tb, http.MethodGet, "/stats", &st)
	return st
}

// Reset zeroes the handshake, connection and request counters.
func (s *Server) Reset(tb testing.TB) {
	tb.Helper()
	s.control(tb, http.MethodPost, "/reset", nil)
}

// CloseConns makes the server close every connection it holds, so that no
// client's idle connection (and its goroutines) outlives a benchmark.
func (s *Server) CloseConns(tb testing.TB) {
	tb.Helper()
	s.control(tb, http.MethodPost, "/close", nil)
}

// Last returns the last request the server received.
func (s *Server) Last(tb testing.TB) Captured {
	tb.Helper()
	var c Captured
	s.control(tb, http.MethodGet, "/last", &c)
	return c
}

func (s *Server) control(tb testing.TB, method, path string, out any) {
	tb.Helper()
	req, err := http.NewRequest(method, s.ctl+path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	resp, err := s.ctlHTTP.Do(req)
	if err != nil {
		tb.Fatal("benchmark server:", err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			tb.Fatal("benchmark server:", err)
		}
	}
}

// Client returns an http.Client for one benchmark, over its own transport
// that trusts the TLS origin; its idle connections are closed when the
// benchmark ends.
func (s *Server) Client(tb testing.TB) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.TLSClientConfig = &tls.Config{RootCAs: s.RootCAs}
	tb.Cleanup(t.CloseIdleConnections)
	return &http.Client{Transport: t}
}

// SameRequest calls sdk and then raw once each and fails tb unless the
// server received the same method, URI, headers and body from both
// (bodies after normalize, when not nil: for a body with random parts,
// such as an encrypted envelope). It is what makes a comparison fair: the
// raw side must send what the SDK sends, byte for byte.
func (s *Server) SameRequest(tb testing.TB, sdk, raw func() error, normalize func([]byte) ([]byte, error)) {
	tb.Helper()
	if err := sdk(); err != nil {
		tb.Fatal("sdk:", err)
	}
	a := s.Last(tb)
	if err := raw(); err != nil {
		tb.Fatal("raw:", err)
	}
	b := s.Last(tb)
	if err := sameRequest(a, b, normalize); err != nil {
		tb.Fatal("unfair comparison: ", err)
	}
}

// UserAgentOf makes call once and returns the User-Agent the server
// received, for a raw side to send the SDK's own.
func (s *Server) UserAgentOf(tb testing.TB, call func() error) string {
	tb.Helper()
	if err := call(); err != nil {
		tb.Fatal(err)
	}
	return s.Last(tb).Header.Get("User-Agent")
}

// OpenAfter waits up to two seconds for the server's open connections to
// fall to at most limit, and returns how many are open then.
func (s *Server) OpenAfter(tb testing.TB, limit int64) int64 {
	tb.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		open := s.Stats(tb).Open
		if open <= limit || time.Now().After(deadline) {
			return open
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TLSConfig trusts the server's TLS origin.
func TLSConfig(s *Server) *tls.Config { return &tls.Config{RootCAs: s.RootCAs} }

func sameRequest(sdk, raw Captured, normalize func([]byte) ([]byte, error)) error {
	if sdk.Method != raw.Method || sdk.URI != raw.URI {
		return fmt.Errorf("sdk sent %s %s, raw %s %s", sdk.Method, sdk.URI, raw.Method, raw.URI)
	}
	a, b := sdk.Body, raw.Body
	if normalize != nil {
		var err error
		if a, err = normalize(a); err != nil {
			return fmt.Errorf("sdk body: %w", err)
		}
		if b, err = normalize(b); err != nil {
			return fmt.Errorf("raw body: %w", err)
		}
	}
	if !bytes.Equal(a, b) {
		return fmt.Errorf("bodies differ:\nsdk %s\nraw %s", a, b)
	}
	var diff []string
	for k := range sdk.Header {
		if !slices.Equal(sdk.Header[k], raw.Header[k]) {
			diff = append(diff, fmt.Sprintf("%s: sdk %q, raw %q", k, sdk.Header[k], raw.Header[k]))
		}
	}
	for k := range raw.Header {
		if _, ok := sdk.Header[k]; !ok {
			diff = append(diff, fmt.Sprintf("%s: sdk none, raw %q", k, raw.Header[k]))
		}
	}
	if len(diff) > 0 {
		slices.Sort(diff)
		return fmt.Errorf("headers differ: %s", strings.Join(diff, "; "))
	}
	return nil
}

// selfSigned makes a certificate for 127.0.0.1 valid for a day.
func selfSigned() (certPEM, keyPEM []byte, err error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "latampay-go benchmarks"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), nil
}
