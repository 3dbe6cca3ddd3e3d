// Command quickstart runs a short, real flow for each of the five providers
// against its in-memory fake server (no network, no credentials) and prints
// what happened at each step: ids, amounts, statuses and one deliberate
// decline per provider with its typed error. It exits non-zero when a flow
// did not behave as documented.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// flow is one provider's walk-through.
type flow struct {
	provider string
	run      func(ctx context.Context, w io.Writer) (summary string, err error)
}

func main() {
	os.Exit(runAll(os.Stdout))
}

func runAll(w io.Writer) int {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	fmt.Fprintln(w, "latampay-go quickstart: every flow runs against an in-memory fake of the provider")
	if len(flows) == 0 {
		fmt.Fprintln(w, "no provider flows are built into this version yet")
		return 0
	}
	type result struct {
		provider, summary string
		err               error
	}
	var results []result
	for _, f := range flows {
		fmt.Fprintf(w, "\n== %s %s\n", f.provider, strings.Repeat("=", 60-len(f.provider)))
		summary, err := f.run(ctx, w)
		results = append(results, result{f.provider, summary, err})
		if err != nil {
			fmt.Fprintf(w, "!! %s flow failed: %v\n", f.provider, err)
		}
	}
	fmt.Fprintln(w, "\n== summary "+strings.Repeat("=", 53))
	failed := 0
	for _, r := range results {
		mark := "ok  "
		text := r.summary
		if r.err != nil {
			mark, text = "FAIL", r.err.Error()
			failed++
		}
		fmt.Fprintf(w, "%s %-13s %s\n", mark, r.provider, text)
	}
	if failed > 0 {
		return 1
	}
	return 0
}
