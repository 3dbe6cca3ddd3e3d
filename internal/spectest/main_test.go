package spectest

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// specDir is the fixtures folder, relative to this module's directory.
const specDir = "../../../shared/fixtures/digitalfemsa-openapi"

// strict makes every gap fail (LATAMPAY_SPEC_STRICT=1).
var strict = os.Getenv("LATAMPAY_SPEC_STRICT") == "1"

var (
	loadOnce sync.Once
	checker  *Checker
	loadErr  error
	skipMsg  string
)

// loadChecker loads both specs once. DIGITALFEMSA_OPENAPI names
// DigitalFemsa's openapi.yaml; Conekta's conekta-openapi.yaml is read from
// the same folder. Without the files the test is skipped, saying why.
func loadChecker(t *testing.T) *Checker {
	t.Helper()
	loadOnce.Do(func() {
		df := os.Getenv("DIGITALFEMSA_OPENAPI")
		if df == "" {
			df = filepath.Join(specDir, "openapi.yaml")
		}
		ck := filepath.Join(filepath.Dir(df), "conekta-openapi.yaml")
		for _, f := range []string{df, ck} {
			if _, err := os.Stat(f); err != nil {
				skipMsg = "spec: SKIP: " + f + " not found (set DIGITALFEMSA_OPENAPI to DigitalFemsa's openapi.yaml, with conekta-openapi.yaml beside it)"
				return
			}
		}
		c := &Checker{}
		if c.DF, loadErr = LoadSpec("digitalfemsa", df, false); loadErr != nil {
			return
		}
		if c.CK, loadErr = LoadSpec("conekta", ck, true); loadErr != nil {
			return
		}
		checker = c
	})
	if skipMsg != "" {
		t.Skip(skipMsg)
	}
	if loadErr != nil {
		t.Fatalf("spec: cannot load: %v", loadErr)
	}
	return checker
}

// gap reports something the SDK or the fake does not match yet: a log line
// by default, a failure with LATAMPAY_SPEC_STRICT=1.
func gap(t *testing.T, format string, args ...any) {
	t.Helper()
	report(t, strict, format, args...)
}

// reporter is the part of testing.TB the reports use.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Logf(format string, args ...any)
}

func report(r reporter, fail bool, format string, args ...any) {
	r.Helper()
	if fail {
		r.Errorf("spec: "+format, args...)
		return
	}
	r.Logf("spec: "+format, args...)
}

// note reports a fact (coverage, exclusions) that never fails.
func note(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Logf("spec: "+format, args...)
}

// violation reports a broken request of a covered operation: it always
// fails.
func violation(t *testing.T, format string, args ...any) {
	t.Helper()
	t.Errorf("spec: "+format, args...)
}
