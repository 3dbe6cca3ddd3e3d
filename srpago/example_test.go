package srpago_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/srpagotest"
)

func testCard(number string) srpago.Card {
	return srpago.Card{Number: number, CVV: "123", ExpMonth: 12, ExpYear: time.Now().Year() + 2, HolderName: "Ana López"}
}

// A membership: customer, card token, saved card, then a charge on it.
func Example() {
	ctx := context.Background()
	srv := srpagotest.NewServer() // offline; use srpago.NewClient(appKey, appSecret) for the API
	defer srv.Close()
	client := srv.Client()

	cus, err := client.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	if err != nil {
		fmt.Println(err)
		return
	}
	tok, err := client.Tokens.Create(ctx, &srpago.TokenParams{Card: testCard("4242424242424242")})
	if err != nil {
		fmt.Println(err)
		return
	}
	saved, err := client.Cards.Add(ctx, cus.ID, tok.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	ch, err := client.Charges.Create(ctx, &srpago.ChargeParams{
		Source: saved.Token, Amount: 29900, Description: "Membresía oro", OrderID: "mem-42-c0-a1",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(saved.Type, saved.Number)
	fmt.Printf("approved %v: $%d.%02d MXN, order %s\n", ch.Approved, ch.Amount/100, ch.Amount%100, ch.OrderID)
	// Output:
	// VISA 424242XXXXXX4242
	// approved true: $299.00 MXN, order mem-42-c0-a1
}

// A decline carries the bank's response code and says whether to try the
// same card again later.
func ExampleError() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	tok, _ := client.Tokens.Create(ctx, &srpago.TokenParams{Card: testCard("4111111111111111")})
	_, err := client.Charges.Create(ctx, &srpago.ChargeParams{Source: tok.ID, Amount: 10000, Description: "Pedido 1"})
	var e *srpago.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code, e.BankCode, e.BankMessage)
		fmt.Println("retry later:", e.RetryLater(), "- do not retry:", e.DoNotRetry())
	}
	// Output:
	// PaymentException 51 Tarjeta declinada por el banco, fondos insuficientes
	// retry later: true - do not retry: false
}

// Reversal cancels a same-day charge in full.
func ExampleChargeService_Reverse() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	tok, _ := client.Tokens.Create(ctx, &srpago.TokenParams{Card: testCard("4242424242424242")})
	ch, _ := client.Charges.Create(ctx, &srpago.ChargeParams{Source: tok.ID, Amount: 5000, Description: "Pedido 2"})
	rev, err := client.Charges.Reverse(ctx, ch.TransactionID)
	if err != nil {
		fmt.Println(err)
		return
	}
	op, _ := client.Operations.Get(ctx, ch.TransactionID)
	fmt.Println(rev.Method, rev.Approved, op.Reversed)
	// Output: Reversal true true
}

// Billing dates anchored on the start date, and what is due at an instant.
func ExampleSchedule() {
	mx := time.FixedZone("CST", -6*3600) // or time.LoadLocation("America/Mexico_City")
	s := srpago.Schedule{Start: time.Date(2028, 1, 31, 9, 0, 0, 0, mx), Interval: srpago.Monthly}
	for n := 0; n < 4; n++ {
		fmt.Println(s.Date(n).Format("Mon 2 Jan 2006"))
	}
	now := time.Date(2028, 3, 31, 12, 0, 0, 0, mx)
	for _, c := range s.Due(now, 1) { // cycle 0 already billed
		fmt.Println("due:", c.N, c.Date.Format(time.DateOnly), c.OrderID("mem-42", 1))
	}
	// Output:
	// Mon 31 Jan 2028
	// Tue 29 Feb 2028
	// Fri 31 Mar 2028
	// Sun 30 Apr 2028
	// due: 1 2028-02-29 mem-42-c1-a1
	// due: 2 2028-03-31 mem-42-c2-a1
}

// Walking every operation of a day, page by page.
func ExampleOperationService_All() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	for i := 1; i <= 3; i++ {
		tok, _ := client.Tokens.Create(ctx, &srpago.TokenParams{Card: testCard("4242424242424242")})
		_, _ = client.Charges.Create(ctx, &srpago.ChargeParams{Source: tok.ID, Amount: int64(i) * 1000, Description: "x"})
	}
	var total int64
	for op, err := range client.Operations.All(ctx, &srpago.OperationListParams{Limit: 2}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		total += op.Amount
	}
	fmt.Printf("$%d.%02d\n", total/100, total%100)
	// Output: $60.00
}

// A customer (cus_…) owns the saved cards a membership is charged on.
func ExampleCustomerService_Create() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	cus, err := client.Customers.Create(ctx, &srpago.CustomerParams{
		Name: "Ana López", Email: "ana@example.mx", Metadata: map[string]string{"plan": "oro"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(cus.ID[:4], cus.Name, cus.Email, cus.Active)
	fmt.Println("saved cards:", len(cus.Cards))
	// Output:
	// cus_ Ana López ana@example.mx true
	// saved cards: 0
}

// A card token (tok_…) is single use: a second charge on it is refused.
func ExampleTokenService_Create() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	tok, err := client.Tokens.Create(ctx, &srpago.TokenParams{Card: srpago.Card{
		Number: srpagotest.CardApproved, CVV: "123", ExpMonth: 12, ExpYear: time.Now().Year() + 2, HolderName: "Ana López",
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok.ID[:4])
	_, err = client.Charges.Create(ctx, &srpago.ChargeParams{Source: tok.ID, Amount: 10000, Description: "Pedido 3"})
	fmt.Println("first charge:", err)
	_, err = client.Charges.Create(ctx, &srpago.ChargeParams{Source: tok.ID, Amount: 10000, Description: "Pedido 4"})
	var e *srpago.Error
	fmt.Println("second charge:", errors.As(err, &e) && e.Code == srpago.CodeTokenAlreadyUsed)
	// Output:
	// tok_
	// first charge: <nil>
	// second charge: true
}

// Attaching a token to a customer turns it into a permanent saved card (crd_…).
func ExampleCardService_Add() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	cus, _ := client.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	tok, _ := client.Tokens.Create(ctx, &srpago.TokenParams{Card: testCard(srpagotest.CardApproved)})
	saved, err := client.Cards.Add(ctx, cus.ID, tok.ID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(saved.Token[:4], saved.Type, saved.Number, saved.HolderName, saved.Status)
	cards, _ := client.Cards.List(ctx, cus.ID)
	fmt.Println("cards on file:", len(cards))
	// Output:
	// crd_ VISA 424242XXXXXX4242 Ana López chargeable
	// cards on file: 1
}

// Charging a saved card with your own OrderID, the key to find the charge
// again if its outcome is ever unknown. The fake, like integrators report
// of Sr. Pago, refuses the id a second time.
func ExampleChargeService_Create() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	cus, _ := client.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana López", Email: "ana@example.mx"})
	tok, _ := client.Tokens.Create(ctx, &srpago.TokenParams{Card: testCard(srpagotest.CardApproved)})
	saved, _ := client.Cards.Add(ctx, cus.ID, tok.ID)
	p := &srpago.ChargeParams{Source: saved.Token, Amount: 29900, Description: "Membresía oro", OrderID: "mem-42-c1-a1"}
	ch, err := client.Charges.Create(ctx, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s approved %v: $%d.%02d %s, card %s\n", ch.Method, ch.Approved, ch.Amount/100, ch.Amount%100, ch.Currency, ch.Card)
	_, err = client.Charges.Create(ctx, p) // same OrderID: refused
	var e *srpago.Error
	fmt.Println("repeat refused:", errors.As(err, &e) && e.Code == srpago.CodeSwitch, "- charges:", srv.ChargesWithOrderID(p.OrderID))
	// Output:
	// CARD approved true: $299.00 MXN, card 424242XXXXXX4242
	// repeat refused: true - charges: 1
}

// Looking a charge up by its transaction id, e.g. to answer a webhook.
func ExampleOperationService_Get() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	tok, _ := client.Tokens.Create(ctx, &srpago.TokenParams{Card: testCard(srpagotest.CardApproved)})
	ch, _ := client.Charges.Create(ctx, &srpago.ChargeParams{Source: tok.ID, Amount: 12345, Description: "Pedido 5", OrderID: "pedido-5"})
	op, err := client.Operations.Get(ctx, ch.TransactionID)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("status %s (approved %v): $%d.%02d %s\n", op.Status, op.IsApproved(), op.Amount/100, op.Amount%100, op.Currency)
	fmt.Println("reference:", op.Reference, "- reversed:", op.Reversed)
	// Output:
	// status N (approved true): $123.45 MXN
	// reference: pedido-5 - reversed: false
}

// Log in once and use the connection token on every call.
func ExampleWithBearerLogin() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client(srpago.WithBearerLogin())

	funds, err := client.Account.Funds(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("available:", funds.Available, funds.Currency, "logins:", srv.Logins())
	// Output:
	// available: 0 MXN logins: 1
}

// A cash reference for OXXO, paid at the till (simulated by the fake),
// notified to the merchant and listed among the store payments.
func ExampleReferencesService_CreateCash() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	ref, err := client.References.CreateCash(ctx, &srpago.CashReferenceParams{Amount: 25050, Description: "Pedido 77"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ref.Store, ref.Amount, len(ref.Reference) > 0)

	if _, err := srv.PayReference(ctx, ref.Reference); err != nil {
		fmt.Println(err)
		return
	}
	page, err := client.Payments.List(ctx, &srpago.PaymentListParams{Type: srpago.TypeStore})
	if err != nil {
		fmt.Println(err)
		return
	}
	op := page.Data[0]
	fmt.Println(op.PaymentMethod, op.Amount, op.Description, op.Reference == ref.Reference)
	// Output:
	// oxxo 25050 true
	// OXX 25050 Pedido 77 true
}

// A SPEI reference: the CLABE the buyer transfers to.
func ExampleReferencesService_CreateSPEI() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	ref, err := client.References.CreateSPEI(ctx, &srpago.SPEIReferenceParams{Amount: 100000, Description: "Factura 12"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(ref.CLABE), ref.BankName, ref.Amount, ref.Currency)
	// Output:
	// 18 STP 100000 MXN
}

// Every store payment (cash and SPEI), page by page.
func ExamplePaymentsService_All() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()
	for _, amount := range []int64{1000, 2000, 3000} {
		ref, _ := client.References.CreateCash(ctx, &srpago.CashReferenceParams{Amount: amount, Description: "x"})
		_, _ = srv.PayReference(ctx, ref.Reference)
	}
	var total int64
	for op, err := range client.Payments.All(ctx, &srpago.PaymentListParams{Type: srpago.TypeStore, Limit: 2}) {
		if err != nil {
			fmt.Println(err)
			return
		}
		total += op.Amount
	}
	fmt.Println("collected:", total)
	// Output:
	// collected: 6000
}

// The merchant account and where notifications go.
func ExampleWebhooksService_Update() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	client := srv.Client()

	acct, err := client.Webhooks.Update(ctx, "MQ==", &srpago.WebhookParams{URL: "https://shop.example.mx/srpago"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(acct.Email, srv.NotificationURL("MQ=="))
	// Output:
	// pruebas@example.mx https://shop.example.mx/srpago
}

// The account's profile.
func ExampleAccountService_Get() {
	ctx := context.Background()
	srv := srpagotest.NewServer()
	defer srv.Close()
	acct, err := srv.Client().Account.Get(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(acct.Username, acct.Active, acct.HoursReversal)
	// Output:
	// pruebas true 24
}
