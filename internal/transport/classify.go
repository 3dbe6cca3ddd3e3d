package transport

import "net/http"

// This file is where the fate of every attempt is decided: classify is a
// pure function of what is known after one attempt, and its verdict is the
// only thing the pipeline acts on (return the value, return a definite
// error, wait and send again, report an unknown outcome, or log in again).
// README.md's "Retries" section states the same rules in prose; keep both
// in step, and classify_test.go lists every case.

// verdict is what happens after an attempt.
type verdict uint8

const (
	// verdictSuccess: return the decoded value.
	verdictSuccess verdict = iota
	// verdictFail: return the error; the outcome is known (nothing was
	// done, or the provider said what it did).
	verdictFail
	// verdictRetry: wait and send again (when attempts remain; otherwise
	// it is verdictFail).
	verdictRetry
	// verdictUnknown: return the error wrapped in *OutcomeUnknownError: the
	// request may have been carried out and must not be sent again.
	verdictUnknown
	// verdictReauth: the session expired before the provider did anything;
	// log in again and send once more.
	verdictReauth
)

func (v verdict) String() string {
	return [...]string{"success", "fail", "retry", "unknown", "reauth"}[v]
}

// facts is everything classify needs about one attempt.
type facts struct {
	// Repeatable: the request may be sent again after it may have reached
	// the provider (a read, a PUT, a DELETE, a metadata update); false for
	// everything that moves money and every other POST.
	Repeatable bool

	// Failed: the attempt got no complete answer (Err of the attempt).
	Failed bool
	// Reached: a connection carried the request, so a byte may have
	// reached the provider (always true through a RoundTripper that
	// cannot tell, and when net/http's own resend was refused).
	Reached bool
	// TooLarge: an answer came but was over the size cap.
	TooLarge bool
	// Permanent: a failure no retry mends (a refused certificate).
	Permanent bool
	// CtxDone: the caller's context has ended.
	CtxDone bool

	// Status of the answer (when !Failed).
	Status int
	// ProviderError: the provider's decoder found an error in the answer;
	// Definite: that error names an outcome (a decline, a validation
	// failure) rather than leaving it open (an internal error).
	ProviderError, Definite bool
	// BadBody: a 2xx answer that is not the answer asked for (empty, a
	// 204/205 where an object was due, not JSON, or not the expected type).
	BadBody bool
	// CanReauth: a 401 to a request sent with a session token that has
	// not been renewed yet during this call.
	CanReauth bool
}

// classify decides one attempt's fate. Summary:
//
//	no answer:       unknown if it may have reached the provider and must not be
//	                 repeated; otherwise retried, unless permanent or the
//	                 caller gave up
//	over the cap:    unknown if it must not be repeated; otherwise failed
//	1xx, 3xx:        never followed: unknown if it must not be repeated, else failed
//	401 (session):   one new login and one more send
//	429:             retried (a refusal: nothing was done)
//	provider error:  definite → failed; otherwise retried (reads, on
//	                 500/502/503/504), unknown (2xx, 5xx or 408 to what must not
//	                 be repeated) or failed
//	2xx, bad body:   unknown if it must not be repeated, else retried
//	2xx:             success
//
// and a retry is never decided once the caller's context has ended: an
// answer that arrived is the outcome.
func classify(f facts) verdict {
	v := classifyAttempt(f)
	if v == verdictRetry && f.CtxDone {
		return verdictFail
	}
	return v
}

func classifyAttempt(f facts) verdict {
	if f.Failed {
		switch {
		case f.TooLarge:
			// The provider answered, with too much: it acted on the request.
			if f.Repeatable {
				return verdictFail
			}
			return verdictUnknown
		case f.Reached && !f.Repeatable:
			return verdictUnknown
		case f.Permanent || f.CtxDone:
			return verdictFail
		}
		return verdictRetry
	}
	s := f.Status
	switch {
	case s < 200 || (s >= 300 && s < 400):
		// An informational status as the final answer, or a redirect: a
		// payment API answers neither, and following one could replay a
		// charge (or send a card) elsewhere.
		if f.Repeatable {
			return verdictFail
		}
		return verdictUnknown
	case s == http.StatusUnauthorized && f.CanReauth:
		return verdictReauth
	case s == http.StatusTooManyRequests:
		return verdictRetry
	case f.ProviderError:
		switch {
		case f.Definite:
			return verdictFail
		case f.Repeatable && retryableStatus(s):
			return verdictRetry
		case !f.Repeatable && (s < 300 || unknownStatus(s)):
			return verdictUnknown
		}
		return verdictFail
	case s >= 300:
		// A non-2xx the decoder did not call an error: still not a success.
		if !f.Repeatable && unknownStatus(s) {
			return verdictUnknown
		}
		return verdictFail
	case f.BadBody:
		if f.Repeatable {
			return verdictRetry
		}
		return verdictUnknown
	}
	return verdictSuccess
}

// retryableStatus: the statuses after which a read is worth another try.
func retryableStatus(s int) bool {
	return s == http.StatusInternalServerError || s == http.StatusBadGateway ||
		s == http.StatusServiceUnavailable || s == http.StatusGatewayTimeout
}

// unknownStatus: after these, a request that was sent may or may not have
// been carried out (a 408 is a request cut off in flight). A 429 is not
// among them: it says the request was refused.
func unknownStatus(s int) bool {
	return s >= 500 || s == http.StatusRequestTimeout
}
