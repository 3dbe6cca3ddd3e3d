// Package campaign drives a provider client against its fake server under
// random faults and checks, from the fake's own ledger, that no
// money-moving call was carried out twice, that every call ended as a
// success, a typed error or ErrOutcomeUnknown, and that every unknown
// outcome can be reconciled through the provider's read APIs. Each
// provider's fault-campaign test supplies only its operations.
package campaign

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/internal/transport"
)

// Op is one kind of call the campaign makes.
type Op struct {
	Name string
	// Repeatable says the SDK may retry the call (reads, PUTs, DELETEs).
	// A repeatable op must make exactly one request (one page of a list,
	// not All), since its attempts are checked against the retry budget.
	Repeatable bool
	// Run makes one call. key is unique to the call: a money-moving op puts
	// it where Executed and Reconcile can find it (a description, an order
	// id, metadata).
	Run func(ctx context.Context, key string) error
	// Reconcile says, through the provider's read APIs, whether the call
	// made with key took effect. Required for ops that are not Repeatable.
	Reconcile func(ctx context.Context, key string) (happened bool, err error)
}

// Config describes a campaign.
type Config struct {
	Ops     []Op
	Calls   int // default 500
	Workers int // default 8
	Seed    uint64
	// FaultRate is the share of calls preceded by an injected fault
	// (default 0.5; a negative rate injects none).
	FaultRate float64
	// Fake is the provider's fake server.
	Fake *fakeapi.Server
	// Executed reports how many times the fake carried out the non-repeatable
	// call made with key.
	Executed func(key string) int
	// StatusOf returns the HTTP status of the provider's *Error in err's
	// chain, and whether there is one.
	StatusOf func(err error) (status int, ok bool)
	// MaxRetries is the client's WithMaxRetries.
	MaxRetries int
	// AttemptTimeout is the client's WithTimeout; slow faults exceed it.
	AttemptTimeout time.Duration
}

// Report is what a campaign counted.
type Report struct {
	Calls, Faults, Attempts, Retries            int
	Succeeded, TypedErrors, Unknown, Reconciled int
	ReconciledDone                              int
}

func (r Report) String() string {
	return fmt.Sprintf("calls=%d faults=%d attempts=%d retries=%d ok=%d typed-errors=%d unknown=%d reconciled=%d (of which carried out: %d)",
		r.Calls, r.Faults, r.Attempts, r.Retries, r.Succeeded, r.TypedErrors, r.Unknown, r.Reconciled, r.ReconciledDone)
}

type attemptsKey struct{}

// CountAttempts wraps a client transport so the campaign can count the
// attempts of each call.
func CountAttempts(next http.RoundTripper) http.RoundTripper {
	return roundTripper(func(r *http.Request) (*http.Response, error) {
		if n, ok := r.Context().Value(attemptsKey{}).(*atomic.Int32); ok {
			n.Add(1)
		}
		return next.RoundTrip(r)
	})
}

// AttemptTimeout and MaxRetries are what ClientOptions gives the client
// under test; pass them on in Config.
const (
	AttemptTimeout = 80 * time.Millisecond
	MaxRetries     = transport.DefaultMaxRetries
)

// ClientOptions point a provider client at the fake for a campaign: attempts
// counted per call, a short per-attempt timeout that the slow faults exceed,
// millisecond retry waits. Pass them last to the fake's Client.
func ClientOptions(fake *fakeapi.Server) []transport.Option {
	return []transport.Option{
		transport.WithHTTPClient(&http.Client{Transport: CountAttempts(fake.HTTPClient().Transport)}),
		transport.WithTimeout(AttemptTimeout),
		transport.WithRetryWait(time.Millisecond, 3*time.Millisecond),
		transport.WithMaxRetries(MaxRetries),
	}
}

// StatusOfError builds Config.StatusOf for a provider's error type E.
func StatusOfError[E error](status func(E) int) func(error) (int, bool) {
	return func(err error) (int, bool) {
		var e E
		if errors.As(err, &e) {
			return status(e), true
		}
		return 0, false
	}
}

// Check asserts what every campaign must show: all calls made, unknown
// outcomes that the faults produced, every one reconciled, some of them in
// fact carried out, and retries spent.
func (r Report) Check(t *testing.T, calls int) {
	t.Helper()
	if r.Calls != calls {
		t.Errorf("campaign made %d calls, want %d", r.Calls, calls)
	}
	if r.Unknown == 0 || r.Unknown != r.Reconciled {
		t.Errorf("unknown outcomes %d, reconciled %d: want some, all reconciled", r.Unknown, r.Reconciled)
	}
	if r.ReconciledDone == 0 {
		t.Error("no unknown outcome had in fact been carried out: the faults after the work did not bite")
	}
	if r.Retries == 0 {
		t.Error("no retries: the faults before the work did not bite")
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// faults are the failures the campaign injects; slow ones exceed the
// attempt timeout.
func faults(attemptTimeout time.Duration) []fakeapi.Fault {
	slow := attemptTimeout + attemptTimeout/2
	return []fakeapi.Fault{
		{Status: http.StatusTooManyRequests, RetryAfter: "0"},
		{Status: http.StatusInternalServerError},
		{Status: http.StatusBadGateway, Body: "<html><body>502 Bad Gateway</body></html>", ContentType: "text/html"},
		{Status: http.StatusServiceUnavailable},
		{Status: http.StatusGatewayTimeout, After: true},
		{Status: http.StatusOK, Body: "<html>maintenance</html>", ContentType: "text/html"},
		{Drop: true},
		{Drop: true, After: true},
		{Delay: slow},
		{Delay: slow, After: true},
		{Truncate: true},
	}
}

type outcome struct {
	op       Op
	key      string
	err      error
	attempts int
}

// Run runs the campaign and fails t on any broken rule.
func Run(t *testing.T, cfg Config) Report {
	t.Helper()
	if cfg.Calls == 0 {
		cfg.Calls = 500
	}
	if cfg.Workers == 0 {
		cfg.Workers = 8
	}
	if cfg.FaultRate == 0 {
		cfg.FaultRate = 0.5
	}
	menu := faults(cfg.AttemptTimeout)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x1a7a))
	type job struct {
		op    Op
		key   string
		fault *fakeapi.Fault
	}
	jobs := make([]job, cfg.Calls)
	var rep Report
	for i := range jobs {
		jobs[i] = job{op: cfg.Ops[rng.IntN(len(cfg.Ops))], key: fmt.Sprintf("cmp%05d", i)}
		if rng.Float64() < cfg.FaultRate {
			f := menu[rng.IntN(len(menu))]
			jobs[i].fault = &f
		}
	}

	faultsBefore := cfg.Fake.Stats().Faults
	results := make([]outcome, cfg.Calls)
	var next atomic.Int32
	var wg sync.WaitGroup
	for w := 0; w < cfg.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				j := jobs[i]
				if j.fault != nil {
					cfg.Fake.InjectFault(*j.fault)
				}
				var attempts atomic.Int32
				ctx, cancel := context.WithTimeout(context.WithValue(context.Background(), attemptsKey{}, &attempts), 20*time.Second)
				err := j.op.Run(ctx, j.key)
				cancel()
				results[i] = outcome{op: j.op, key: j.key, err: err, attempts: int(attempts.Load())}
			}
		}()
	}
	wg.Wait()
	cfg.Fake.ClearFaults()
	// Count the faults the fake applied, not those queued: with eight
	// workers a queued fault may meet another worker's request.
	rep.Faults = cfg.Fake.Stats().Faults - faultsBefore

	ctx := context.Background()
	for _, r := range results {
		rep.Calls++
		rep.Attempts += r.attempts
		if r.attempts > 1 {
			rep.Retries += r.attempts - 1
		}
		if !r.op.Repeatable {
			if n := cfg.Executed(r.key); n > 1 {
				t.Errorf("%s %s: carried out %d times by the fake for one call", r.op.Name, r.key, n)
			}
		}
		switch {
		case r.err == nil:
			rep.Succeeded++
			if !r.op.Repeatable && cfg.Executed(r.key) != 1 {
				t.Errorf("%s %s: succeeded, yet the fake's ledger counts %d executions", r.op.Name, r.key, cfg.Executed(r.key))
			}
		case errors.Is(r.err, transport.ErrOutcomeUnknown):
			rep.Unknown++
			if r.op.Repeatable {
				t.Errorf("%s %s: a repeatable call reported ErrOutcomeUnknown: %v", r.op.Name, r.key, r.err)
				continue
			}
			// Earlier attempts may have been refused (429) or never
			// connected; the ledger above proves none was carried out twice.
			happened, err := r.op.Reconcile(ctx, r.key)
			if err != nil {
				t.Errorf("%s %s: reconciling: %v", r.op.Name, r.key, err)
				continue
			}
			rep.Reconciled++
			if happened {
				rep.ReconciledDone++
			}
			if want := cfg.Executed(r.key) > 0; happened != want {
				t.Errorf("%s %s: reconciliation says carried out=%v, the fake's ledger says %v", r.op.Name, r.key, happened, want)
			}
		case typed(cfg, r.err):
			rep.TypedErrors++
			if r.op.Repeatable && r.attempts != cfg.MaxRetries+1 && !retryEndedEarly(cfg, r.err) {
				t.Errorf("%s %s: a repeatable call failed after %d of %d attempts: %v", r.op.Name, r.key, r.attempts, cfg.MaxRetries+1, r.err)
			}
			if !r.op.Repeatable && cfg.Executed(r.key) != 0 {
				t.Errorf("%s %s: a known failure, yet the fake carried it out: %v", r.op.Name, r.key, r.err)
			}
		default:
			t.Errorf("%s %s: an untyped error: %T %v", r.op.Name, r.key, r.err, r.err)
		}
	}
	t.Logf("fault campaign (%s): %s", t.Name(), rep)
	return rep
}

// retryEndedEarly: errors a retry cannot mend end a repeatable call before
// its retries are spent (the provider's 4xx, an oversized or unreadable
// body, a context that ended).
func retryEndedEarly(cfg Config, err error) bool {
	if s, ok := cfg.StatusOf(err); ok {
		return s < 500 && s != http.StatusTooManyRequests
	}
	return errors.Is(err, transport.ErrMalformedResponse) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// typed: the provider's *Error or one of the transport's documented errors.
func typed(cfg Config, err error) bool {
	if _, ok := cfg.StatusOf(err); ok {
		return true
	}
	var re *transport.RequestError
	var me *transport.MalformedResponseError
	var pe *transport.ParamError
	var le *transport.LoginError
	return errors.As(err, &re) || errors.As(err, &me) || errors.As(err, &pe) || errors.As(err, &le) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
