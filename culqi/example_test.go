package culqi_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/latampay/latampay-go/culqi"
	"github.com/latampay/latampay-go/culqi/culqitest"
)

// A charge from a card token, then a partial refund.
func Example() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client() // culqi.NewClient("sk_…", culqi.WithPublicKey("pk_…")) for the real API
	ctx := context.Background()

	tok, err := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
	if err != nil {
		fmt.Println(err)
		return
	}
	ch, err := client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 10000, CurrencyCode: culqi.CurrencyPEN,
		Email: "ana@example.pe", SourceID: tok.ID, Description: "Polo talla M"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ch.Outcome.Type, ch.Amount, ch.CurrencyCode)
	ref, err := client.Refunds.Create(ctx, &culqi.RefundParams{Amount: 2500, ChargeID: ch.ID, Reason: culqi.ReasonCustomerRequest})
	if err != nil {
		fmt.Println(err)
		return
	}
	ch, _ = client.Charges.Get(ctx, ch.ID)
	fmt.Println(ref.Amount, ch.CurrentAmount)
	// Output:
	// venta_exitosa 10000 PEN
	// 2500 7500
}

// A declined card is an *Error with its decline code and the id of the
// declined charge.
func ExampleChargesService_Create_decline() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	card, _ := culqitest.DeclinedCard(culqi.DeclineInsufficientFunds)
	tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: card, Email: "ana@example.pe"})
	_, err := client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 10000, CurrencyCode: culqi.CurrencyPEN,
		Email: "ana@example.pe", SourceID: tok.ID})
	var ce *culqi.Error
	if errors.As(err, &ce) {
		fmt.Println(ce.StatusCode, ce.Type, ce.DeclineCode, ce.ChargeID != "")
	}
	// Output: 402 card_error insufficient_funds true
}

// A 200 answer means 3-D Secure is required: not a success.
func ExampleChargesService_Create_threeDSecure() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.Card3DSChallenge, Email: culqitest.ReviewEmail})
	params := &culqi.ChargeParams{Amount: 10000, CurrencyCode: culqi.CurrencyPEN, Email: culqitest.ReviewEmail, SourceID: tok.ID}
	ch, err := client.Charges.Create(ctx, params)
	fmt.Println(errors.Is(err, culqi.ErrAuthenticationRequired), ch.ActionCode)

	// After Culqi3DS.initAuthentication in the browser:
	params.Authentication3DS = &culqi.Authentication3DS{ECI: "05", XID: "x", CAVV: "c", ProtocolVersion: "2.1.0"}
	ch, err = client.Charges.Create(ctx, params)
	fmt.Println(err, ch.Outcome.Type)
	// Output:
	// true REVIEW
	// <nil> venta_exitosa
}

// Walking every charge lazily, page by page.
// After an unknown outcome (here the fake processes the charge, then drops
// the connection), Reconcile answers the question "was I charged?" from
// what the error carries.
func ExampleChargesService_Reconcile() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tok, err := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Store your own key and the time before calling: after a crash they
	// are all Reconcile needs.
	key, started := "pedido-1042", time.Now()
	srv.InjectFault(culqitest.Fault{Match: "POST /v2/charges", Drop: true, After: true})
	_, err = client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 5000, CurrencyCode: culqi.CurrencyPEN,
		Email: "ana@example.pe", SourceID: tok.ID, ReconcileKey: key})
	var u *culqi.OutcomeUnknownError
	if !errors.As(err, &u) {
		fmt.Println("not an unknown outcome:", err)
		return
	}
	fmt.Println(u.Operation, u.Key, !u.SentAt.Before(started))

	ch, err := client.Charges.Reconcile(ctx, u.Key, u.SentAt)
	switch {
	case errors.Is(err, culqi.ErrNotFound):
		fmt.Println("not charged yet: reconcile again in a minute, or charge anew with a NEW key")
	case err != nil:
		fmt.Println("try reconciling again:", err)
	case ch.Declined():
		fmt.Println("declined:", ch.Outcome.DeclineCode)
	default:
		fmt.Println("charged", ch.Amount, ch.CurrencyCode)
	}
	// Output:
	// charges.create pedido-1042 true
	// charged 5000 PEN
}

func ExampleChargesService_All() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()
	for i := range 5 {
		tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
		_, _ = client.Charges.Create(ctx, &culqi.ChargeParams{Amount: int64(1000 * (i + 1)), CurrencyCode: culqi.CurrencyPEN,
			Email: "ana@example.pe", SourceID: tok.ID})
	}
	var total int64
	n := 0
	for ch, err := range client.Charges.All(ctx, &culqi.ChargeListParams{Limit: 2, Email: "ana@example.pe"}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		total += ch.Amount
		n++
	}
	fmt.Println(n, total)
	// Output: 5 15000
}

// A customer, a saved card, a plan and a subscription.
func ExampleSubscriptionsService_Create() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	cus, _ := client.Customers.Create(ctx, &culqi.CustomerParams{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe",
		Address: "Av. Larco 123", AddressCity: "Lima", CountryCode: "PE", PhoneNumber: "987654321"})
	tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardMastercard, Email: "ana@example.pe"})
	card, _ := client.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: tok.ID})
	plan, _ := client.Plans.Create(ctx, &culqi.PlanParams{Name: "Plan mensual", ShortName: "plan-mensual",
		Description: "Suscripción mensual", Amount: 2990, Currency: culqi.CurrencyPEN,
		IntervalUnitTime: culqi.IntervalMonthly, IntervalCount: 1})
	sub, err := client.Subscriptions.Create(ctx, &culqi.SubscriptionParams{CardID: card.ID, PlanID: plan.ID, TermsAccepted: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(sub.ID[:9], sub.Plan.Amount)
	// Output: sxn_test_ 2990
}

// Parsing a webhook whose data arrives as a JSON string.
func ExampleParseWebhook() {
	body := []byte(`{"object":"event","id":"evt_test_bV7SE39fcGodMPn4","type":"charge.creation.succeeded",
		"creation_date":1507073604156,"data":"{\"object\":\"charge\",\"id\":\"chr_test_WYfqyKDstbtAQc95\"}"}`)
	ev, err := culqi.ParseWebhook(body)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ev.Type, ev.DataObject(), ev.DataID(), ev.CreationDate.UTC().Format(time.DateOnly))
	// Output: charge.creation.succeeded charge chr_test_WYfqyKDstbtAQc95 2017-10-03
}

// Tokenizing a card: Culqi masks the number and describes its BIN.
func ExampleTokensService_Create() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client() // tokens need the public key: culqi.WithPublicKey("pk_…")
	ctx := context.Background()

	tok, err := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok.CardNumber, tok.LastFour, tok.IIN.CardBrand, tok.Active)
	// Output: 411111******1111 1111 Visa true
}

// A partial refund, then a second one that exceeds what remains.
func ExampleRefundsService_Create() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
	ch, _ := client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 5000, CurrencyCode: culqi.CurrencyPEN,
		Email: "ana@example.pe", SourceID: tok.ID})
	ref, err := client.Refunds.Create(ctx, &culqi.RefundParams{Amount: 3000, ChargeID: ch.ID, Reason: culqi.ReasonDuplicate})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ref.Amount, ref.ChargeID == ch.ID)
	_, err = client.Refunds.Create(ctx, &culqi.RefundParams{Amount: 3000, ChargeID: ch.ID, Reason: culqi.ReasonDuplicate})
	var ce *culqi.Error
	if errors.As(err, &ce) {
		fmt.Println(ce.StatusCode, ce.Code)
	}
	// Output:
	// 3000 true
	// 422 invalid_amount
}

// Creating a customer: Culqi requires every field but Metadata.
func ExampleCustomersService_Create() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	cus, err := client.Customers.Create(ctx, &culqi.CustomerParams{FirstName: "Ana", LastName: "Quispe",
		Email: "ana@example.pe", Address: "Av. Larco 123", AddressCity: "Lima", CountryCode: "PE",
		PhoneNumber: "987654321", Metadata: map[string]string{"crm_id": "1042"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cus.Email, cus.AntifraudDetails.FirstName, cus.Metadata["crm_id"])
	// Output: ana@example.pe Ana 1042
}

// Saving a card on a customer, then charging it without a new token.
func ExampleCardsService_Create() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	cus, _ := client.Customers.Create(ctx, &culqi.CustomerParams{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe",
		Address: "Av. Larco 123", AddressCity: "Lima", CountryCode: "PE", PhoneNumber: "987654321"})
	tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardMastercard, Email: "ana@example.pe"})
	card, err := client.Cards.Create(ctx, &culqi.CardParams{CustomerID: cus.ID, TokenID: tok.ID})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(card.Active, card.CustomerID == cus.ID, card.Source.LastFour)
	ch, err := client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 4990, CurrencyCode: culqi.CurrencyPEN,
		Email: "ana@example.pe", SourceID: card.ID, Recurrent: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ch.Outcome.Type, ch.Amount)
	// Output:
	// true true 1118
	// venta_exitosa 4990
}

// A monthly plan of the recurrent API; amounts are in céntimos.
func ExamplePlansService_Create() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	plan, err := client.Plans.Create(ctx, &culqi.PlanParams{Name: "Plan mensual", ShortName: "plan-mensual",
		Description: "Suscripción mensual", Amount: 2990, Currency: culqi.CurrencyPEN,
		IntervalUnitTime: culqi.IntervalMonthly, IntervalCount: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(plan.Amount, plan.Currency, plan.Status == culqi.PlanStatusActive, plan.TotalSubscriptions)
	// Output: 2990 PEN true 0
}

// An order created unconfirmed, then confirmed: it gets its CIP (PaymentCode).
func ExampleOrdersService_Create() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client() // Confirm needs the public key: culqi.WithPublicKey("pk_…")
	ctx := context.Background()

	confirm := false
	ord, err := client.Orders.Create(ctx, &culqi.OrderParams{Amount: 15000, CurrencyCode: culqi.CurrencyPEN,
		Description: "Pedido 1001", OrderNumber: "pedido-1001", ExpirationDate: time.Now().Add(24 * time.Hour),
		ClientDetails: culqi.ClientDetails{FirstName: "Ana", LastName: "Quispe", Email: "ana@example.pe", PhoneNumber: "987654321"},
		Confirm:       &confirm})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ord.State, ord.PaymentCode == "")
	ord, err = client.Orders.Confirm(ctx, ord.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ord.State, ord.PaymentCode != "", ord.Amount)
	// Output:
	// created true
	// pending true 15000
}

// Listing the events of one type, which the webhooks also receive.
func ExampleEventsService_List() {
	srv := culqitest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	for _, amount := range []int64{1000, 2000} {
		tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
		_, _ = client.Charges.Create(ctx, &culqi.ChargeParams{Amount: amount, CurrencyCode: culqi.CurrencyPEN,
			Email: "ana@example.pe", SourceID: tok.ID})
	}
	page, err := client.Events.List(ctx, &culqi.EventListParams{Type: culqi.EventChargeCreationSucceeded})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ev := range page.Data {
		var ch culqi.Charge
		_ = ev.DecodeData(&ch)
		fmt.Println(ev.Type, ev.DataObject(), ch.Amount)
	}
	// Output:
	// charge.creation.succeeded charge 2000
	// charge.creation.succeeded charge 1000
}
