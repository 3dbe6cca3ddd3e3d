package checkout

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

func TestPayAgainstTheFake(t *testing.T) {
	t.Parallel()
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tok, err := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
	if err != nil {
		t.Fatal(err)
	}
	id, err := Pay(ctx, client.Charges, "A-1", "ana@example.pe", tok.ID, 4990)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := client.Charges.Get(ctx, id)
	if err != nil || ch.Metadata["order_id"] != "A-1" {
		t.Fatalf("charge %v, %v", ch, err)
	}
}

func TestPayWithHttpmock(t *testing.T) {
	t.Parallel()
	mock := httpmock.NewMockTransport() // per test: safe with t.Parallel
	mock.RegisterResponder("POST", "https://api.culqi.com/v2/charges",
		httpmock.NewStringResponder(402, `{"object":"error","type":"card_error","code":"card_declined",
			"decline_code":"stolen_card","merchant_message":"Tarjeta robada","charge_id":"chr_test_1"}`))
	client, err := culqi.NewClient("sk_test_x", culqi.WithHTTPClient(&http.Client{Transport: mock}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Pay(context.Background(), client.Charges, "A-2", "ana@example.pe", "tkn_test_1", 4990)
	var e *culqi.Error
	if !errors.As(err, &e) || e.DeclineCode != culqi.DeclineStolenCard {
		t.Fatalf("want a stolen-card decline, got %v", err)
	}
}
