package spectest

import (
	"context"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"

	df "github.com/latampay/latampay-go/digitalfemsa"
)

// exclusion says why an operation of DigitalFemsa's spec is left out of
// coverage, or "" when it is not.
func exclusion(op Operation) string {
	switch {
	case strings.HasPrefix(op.Path, "/api_keys"):
		return "API-key administration (left out of the SDK by design)"
	case strings.HasPrefix(op.Path, "/companies"):
		return "company administration (left out of the SDK by design)"
	case op.Deprecated:
		return "deprecated in the spec"
	}
	return ""
}

func newClient(t *testing.T, srv *Server, opts ...df.Option) *df.Client {
	t.Helper()
	c, err := df.NewClient("key_spectest", append([]df.Option{df.WithBaseURL(srv.URL), df.WithMaxRetries(0)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// clientMethods lists "Service.Method" for every exported method of every
// service on *digitalfemsa.Client.
func clientMethods() []string {
	var out []string
	ct := reflect.TypeOf(df.Client{})
	for i := 0; i < ct.NumField(); i++ {
		f := ct.Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Pointer {
			continue
		}
		for j := 0; j < f.Type.NumMethod(); j++ {
			out = append(out, f.Name+"."+f.Type.Method(j).Name)
		}
	}
	sort.Strings(out)
	return out
}

// TestRequests drives every public method against the recording server and
// validates each request. A violation on a covered operation fails; gaps
// (uncovered operations, untested methods, undeclared headers) are reported.
func TestRequests(t *testing.T) {
	c := loadChecker(t)
	t.Parallel()
	ctx := context.Background()
	srv := NewServer(c)
	defer srv.Close()
	client := newClient(t, srv, df.WithLanguage("en"))

	covered := map[string]bool{} // "spec METHOD /path"
	tested := map[string]bool{}
	requests, violations, excused := 0, 0, 0
	defer func() {
		note(t, "requests: %d validated from %d calls, %d violations, %d excused as known spec errors", requests, len(calls), violations, excused)
	}()
	for _, k := range calls {
		tested[k.name] = true
		_, err := k.do(ctx, client)
		exs := srv.Take()
		if len(exs) == 0 {
			violations++
			violation(t, "call %s sent no request: %v", k.name, err)
			continue
		}
		for _, ex := range exs {
			requests++
			if ex.Spec == "" {
				violations++
				violation(t, "request violation %s %s (%s): no such operation in the spec", ex.Method, ex.URL, k.name)
				continue
			}
			covered[ex.Spec+" "+ex.Op.Key()] = true
			for _, v := range ex.Problems.Violations {
				if why := KnownSpecError(ex.Op.ID, v); why != "" {
					excused++
					note(t, "known spec error %s (%s, %s): %s: %s", ex.Op.Key(), ex.Op.ID, k.name, v, why)
					continue
				}
				violations++
				violation(t, "request violation %s (%s, %s): %s", ex.Op.Key(), ex.Op.ID, k.name, v)
			}
			for _, h := range ex.Problems.UndeclaredHeaders {
				gap(t, "header violation %s (%s, %s): %s", ex.Op.Key(), ex.Op.ID, k.name, h)
			}
		}
		if err != nil {
			gap(t, "call error %s against a schema-valid answer: %v", k.name, err)
		}
	}

	// Only the required params: reported, since where the SDK leaves a
	// field optional that a spec requires, the evidence decides.
	for _, k := range minimalCalls {
		_, err := k.do(ctx, client)
		exs := srv.Take()
		if len(exs) == 0 {
			violation(t, "minimal call %s sent no request: %v", k.name, err)
		}
		for _, ex := range exs {
			for _, v := range ex.Problems.Violations {
				if why := OptionalBySDKReason(ex.Op.ID, v); why != "" {
					note(t, "optional by the SDK with minimal params %s (%s, %s): %s: %s", ex.Op.Key(), ex.Op.ID, k.name, v, why)
					continue
				}
				gap(t, "request violation with minimal params %s (%s, %s): %s", ex.Op.Key(), ex.Op.ID, k.name, v)
			}
		}
	}

	// Again with X-Child-Company-Id, which the spec leaves off some
	// operations.
	child := newClient(t, srv, df.WithChildCompanyID("6441b6376b60c3a638da80af"))
	headerGaps := map[string]bool{}
	for _, k := range calls {
		_, _ = k.do(ctx, child)
		for _, ex := range srv.Take() {
			for _, h := range ex.Problems.UndeclaredHeaders {
				line := ex.Op.Key() + " (" + ex.Op.ID + "): " + h + " (WithChildCompanyID)"
				if !headerGaps[line] {
					headerGaps[line] = true
					gap(t, "header violation %s", line)
				}
			}
		}
	}

	for _, m := range clientMethods() {
		// Reconcile only walks List (in the table), and against answers
		// that carry no key its right answer is "not found".
		if !tested[m] && !strings.HasSuffix(m, ".Reconcile") {
			gap(t, "untested method %s: add a line to calls", m)
		}
	}

	reportCoverage(t, c, covered)
}

func reportCoverage(t *testing.T, c *Checker, covered map[string]bool) {
	t.Helper()
	ops := c.DF.Operations()
	n, nIn, in := 0, 0, 0
	var uncovered []Operation
	for _, op := range ops {
		ok := covered[c.DF.Name+" "+op.Key()]
		if ok {
			n++
		}
		if why := exclusion(op); why != "" {
			note(t, "excluded %s %s: %s", op.ID, op.Key(), why)
			continue
		}
		in++
		if ok {
			nIn++
		} else {
			uncovered = append(uncovered, op)
		}
	}
	note(t, "covered %d/%d operations", n, len(ops))
	note(t, "covered %d/%d operations outside the exclusions", nIn, in)
	for _, op := range uncovered {
		gap(t, "uncovered operation %s %s", op.ID, op.Key())
	}
	// Payout orders: Conekta's /payout_orders operations.
	pn, ptotal := 0, 0
	for _, op := range c.CK.Operations() {
		if !PayoutPath(strings.SplitN(op.Path, "?", 2)[0]) {
			continue
		}
		ptotal++
		if covered[c.CK.Name+" "+op.Key()] {
			pn++
		} else {
			gap(t, "uncovered payout-order operation %s %s (Conekta's spec)", op.ID, op.Key())
		}
	}
	note(t, "covered %d/%d payout-order operations (Conekta's spec)", pn, ptotal)
}

// pathOf returns the escaped path of a recorded URL.
func pathOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.EscapedPath()
}
