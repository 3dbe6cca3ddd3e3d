package nominapp

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcmp"
)

// The benchmark talks to a server in another process (benchcmp.Start), so
// allocations and CPU time counted are the client's alone. The raw side is
// plain net/http + encoding/json with the SDK's own wire structs
// (paymentRequest, paymentWire), and benchcmp.SameRequest checks before
// timing that both sides send the same request.

func init() { benchcmp.ServeIfChild(benchAPI) }

const benchPayment = `{"order_id":"846696993","transaction_id":"43669e18-a8e0-4d33-9e40-3e87a604818c","payment_status":"APPROVED","paid_workers":5}`

// benchAPI is the canned Nominapp API of the benchmark.
func benchAPI() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/payments/credit_card", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(benchPayment))
	})
	return mux
}

// BenchmarkPaymentsPaySubscription compares Payments.PaySubscription with
// the same request done by hand with net/http and encoding/json.
func BenchmarkPaymentsPaySubscription(b *testing.B) {
	srv := benchcmp.Start(b)
	hc := srv.Client(b)
	ctx := context.Background()
	card := guideCard()
	params := &SubscriptionPayment{Card: card, PlanID: planID, PaidWorkers: 4, PaymentType: Monthly}
	c, err := NewClient("", "", WithAccessToken(testToken), WithBaseURL(srv.URL), WithHTTPClient(hc))
	if err != nil {
		b.Fatal(err)
	}
	sdk := func() error {
		pay, err := c.Payments.PaySubscription(ctx, params)
		if err == nil && pay.Status != StatusApproved {
			err = fmt.Errorf("status %q", pay.Status)
		}
		return err
	}
	ua := srv.UserAgentOf(b, sdk)
	header := http.Header{
		"Authorization": {"Bearer " + testToken}, "Accept": {"application/json"},
		"Content-Type": {"application/json"}, "User-Agent": {ua},
	}
	raw := func() error {
		body := paymentRequest{PaymentInfo: paymentInfo{
			CardNumber: card.Digits(), ExpirationDate: card.ExpiryMMYY(), SecurityCode: card.CVV, PayerName: strings.TrimSpace(card.HolderName),
			PlanID: params.PlanID, PaidWorkers: params.PaidWorkers, PaymentType: params.PaymentType,
		}}
		var p paymentWire
		if err := benchcmp.RawPost(ctx, hc, srv.URL+"/v1/payments/credit_card", header, body, http.StatusCreated, &p); err != nil {
			return err
		}
		if p.PaymentStatus != StatusApproved {
			return fmt.Errorf("status %q", p.PaymentStatus)
		}
		return nil
	}
	srv.SameRequest(b, sdk, raw, nil)
	benchcmp.Compare(b, sdk, raw)
}
