package nominapp

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/latampay/latampay-go/internal/benchcmp"
)

// BenchmarkPaymentsPaySubscription compares the SDK with the same request
// done by hand with net/http and encoding/json.
func BenchmarkPaymentsPaySubscription(b *testing.B) {
	const resp = `{"order_id":"846696993","transaction_id":"43669e18-a8e0-4d33-9e40-3e87a604818c","payment_status":"APPROVED","paid_workers":5}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, resp)
	}))
	defer srv.Close()
	ctx := context.Background()
	card := guideCard()
	params := &SubscriptionPayment{Card: card, PlanID: planID, PaidWorkers: 4, PaymentType: Monthly}

	c, err := NewClient("", "", WithAccessToken(testToken), WithBaseURL(srv.URL), WithHTTPClient(srv.Client()))
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

	hc := srv.Client()
	type info struct {
		CardNumber     string `json:"card_number"`
		ExpirationDate string `json:"expiration_date"`
		SecurityCode   string `json:"security_code"`
		PayerName      string `json:"payer_name"`
		PlanID         string `json:"plan_id"`
		PaidWorkers    int    `json:"paid_workers"`
		PaymentType    string `json:"payment_type"`
	}
	type payment struct {
		OrderID       string `json:"order_id"`
		TransactionID string `json:"transaction_id"`
		PaymentStatus string `json:"payment_status"`
		PaidWorkers   int    `json:"paid_workers"`
	}
	header := http.Header{
		"Authorization": {"Bearer " + testToken}, "Accept": {"application/json"},
		"Content-Type": {"application/json"}, "User-Agent": {"latampay-go/bench"},
	}
	raw := func() error {
		body := map[string]info{"payment_info": {
			CardNumber: card.Digits(), ExpirationDate: card.ExpiryMMYY(), SecurityCode: card.CVV, PayerName: card.HolderName,
			PlanID: params.PlanID, PaidWorkers: params.PaidWorkers, PaymentType: string(params.PaymentType),
		}}
		var p payment
		if err := benchcmp.RawPost(ctx, hc, srv.URL+"/v1/payments/credit_card", header, body, http.StatusCreated, &p); err != nil {
			return err
		}
		if p.PaymentStatus != "APPROVED" {
			return fmt.Errorf("status %q", p.PaymentStatus)
		}
		return nil
	}
	benchcmp.Compare(b, sdk, raw)
}
