package cubotest

import "github.com/latampay/latampay-go/internal/fakeapi"

// The testing API below is the same in the five latampay-go fakes
// (culqitest, digitalfemsatest, srpagotest, cubotest, nominapptest).

// Fault makes the next matching requests fail; queue one with
// Server.InjectFault. Its fields:
//
//	Kind        FaultKind     // a named failure (FaultStatus, FaultDropAfter, …); FaultCustom applies the fields below as set
//	Match       string        // only requests whose "METHOD /path" starts with this ("POST /v2/charges"); empty: all
//	Times       int           // how many requests it applies to (0: one)
//	Status      int           // answer this status instead of the API...
//	Body        string        // ...with this body ("{}" when empty)...
//	ContentType string        // ...and this Content-Type
//	RetryAfter  string        // sent as Retry-After with Status
//	Delay       time.Duration // wait this long before answering
//	Drop        bool          // close the connection without an answer
//	Truncate    bool          // send the first half of the real body
//	After       bool          // run the real handler first: the operation happens, the client sees only the fault (an unknown outcome)
//	Location    string        // a redirect's target (FaultRedirect)
//
// Server.ClearFaults drops the queued ones; Server.PendingFaults counts
// them.
type Fault = fakeapi.Fault

// FaultKind names a way to fail: see the Fault… constants.
type FaultKind = fakeapi.FaultKind

// The named failures of a Fault.
const (
	// FaultCustom applies the Fault's fields as they are set.
	FaultCustom = fakeapi.FaultCustom
	// FaultStatus answers Status (503 when zero) with RetryAfter, before
	// the request is processed (after it, with After).
	FaultStatus = fakeapi.FaultStatus
	// FaultDelay waits Delay (1 s when zero), then answers for real.
	FaultDelay = fakeapi.FaultDelay
	// FaultDropBefore closes the connection before processing: nothing
	// happened.
	FaultDropBefore = fakeapi.FaultDropBefore
	// FaultDropAfter processes the request, then closes the connection
	// without an answer: it happened, and the client cannot know.
	FaultDropAfter = fakeapi.FaultDropAfter
	// FaultHTML answers a proxy's HTML page with a 200, before processing.
	FaultHTML = fakeapi.FaultHTML
	// FaultTruncated processes the request and cuts its JSON answer in half.
	FaultTruncated = fakeapi.FaultTruncated
	// FaultRedirect processes the request and answers a 307 to Location.
	FaultRedirect = fakeapi.FaultRedirect
	// FaultEmpty processes the request and answers 204 with no body.
	FaultEmpty = fakeapi.FaultEmpty
)

// Request is one request the fake received, from Server.Requests (oldest
// first; Server.Reset forgets them). Its fields: Method, Path string; Query
// url.Values; Header http.Header (credential values read "[REDACTED]");
// Body any (the JSON body decoded, card numbers masked); RawBody []byte
// (masked); Time time.Time; Status int (the answer's; 0 for a dropped
// connection).
type Request = fakeapi.Request

// Delivery is one try to deliver an event to the URL given to
// Server.DeliverWebhooks, from Server.Deliveries. Its fields: URL, Event
// string; Body []byte; Header http.Header; Attempt int (from 1); Status int
// (the receiver's answer; 0 when unreachable, Err says why); Err string;
// Time time.Time. Server.WaitWebhooks waits for pending deliveries;
// Server.LastDelivery(body) gives the last try of one event.
type Delivery = fakeapi.Delivery

// WebhookPolicy is how the fake retries an event its receiver did not
// answer 2xx; pass one to Server.SetWebhookPolicy. Its fields:
//
//	Attempts int           // tries per event (at least 1)
//	Backoff  time.Duration // wait before the second try; it doubles after each
type WebhookPolicy = fakeapi.WebhookPolicy
