package nominapp_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/latampay/latampay-go/nominapp"
	"github.com/latampay/latampay-go/nominapp/nominapptest"
)

// The guide's card, with an expiry still in the future.
var guideCard = nominapp.Card{Number: nominapptest.CardApproved, CVV: "537", ExpMonth: 6, ExpYear: 2031, HolderName: "Van Nelson"}

func ExamplePaymentsService_PaySubscription() {
	srv := nominapptest.NewServer() // an in-memory Nominapp; use nominapp.NewClient(email, apiToken) for the real one
	defer srv.Close()
	client := srv.Client()

	pay, err := client.Payments.PaySubscription(context.Background(), &nominapp.SubscriptionPayment{
		Card:        guideCard,
		PlanID:      nominapptest.PlanBasic,
		PaidWorkers: 4,
		PaymentType: nominapp.Monthly,
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(pay.Status, pay.PaidWorkers, "people")
	// Output: APPROVED 4 people
}

func ExamplePaymentsService_PayExtraWorkers() {
	srv := nominapptest.NewServer()
	defer srv.Close()
	client := srv.Client()

	pay, err := client.Payments.PayExtraWorkers(context.Background(), &nominapp.ExtraWorkersPayment{
		Card:         guideCard,
		PlanID:       nominapptest.PlanBasic,
		ExtraWorkers: 5,
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Printf("%s: COP %d for 5 more people\n", pay.Status, pay.Value)
	// Output: APPROVED: COP 396900 for 5 more people
}

func ExamplePaymentsService_ChangeSubscription() {
	srv := nominapptest.NewServer()
	defer srv.Close()
	srv.SetSubscription(nominapptest.Subscription{PlanID: nominapptest.PlanBasic, PaymentType: "month", PaidWorkers: 4})
	client := srv.Client()

	pay, err := client.Payments.ChangeSubscription(context.Background(), &nominapp.SubscriptionChange{
		Card:           guideCard,
		PaymentType:    nominapp.Monthly, // the current period
		ExtraWorkers:   1,
		NewPlanID:      nominapptest.PlanPro,
		NewPaymentType: nominapp.Yearly,
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(pay.Status, pay.PaidWorkers, "people, COP", pay.Value)
	// Output: APPROVED 5 people, COP 594000
}

func ExamplePaymentsService_PayWithStoredCard() {
	srv := nominapptest.NewServer()
	defer srv.Close()
	client := srv.Client()
	ctx := context.Background()

	// Store a card first (any approved payment stores it too).
	if err := client.Payments.UpdateCard(ctx, &nominapp.CardUpdate{Card: guideCard, PaymentType: nominapp.Monthly}); err != nil {
		fmt.Println("error:", err)
		return
	}
	pay, err := client.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{
		PlanID:      nominapptest.PlanPlus,
		PaidWorkers: 10,
		PaymentType: nominapp.Monthly,
	})
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(pay.Status, pay.PaidWorkers, "people")
	// Output: APPROVED 10 people
}

func ExamplePaymentsService_UpdateCard() {
	srv := nominapptest.NewServer()
	defer srv.Close()
	client := srv.Client()

	err := client.Payments.UpdateCard(context.Background(), &nominapp.CardUpdate{
		Card:        nominapp.Card{Number: "4672 2262 6344 1073", CVV: "513", ExpMonth: 6, ExpYear: 2031, HolderName: "payer example"},
		PaymentType: nominapp.Yearly,
	})
	fmt.Println("updated:", err == nil)
	// Output: updated: true
}

func ExampleError() {
	srv := nominapptest.NewServer()
	defer srv.Close()
	client := srv.Client()

	// No card is stored yet, so reusing it fails.
	_, err := client.Payments.PayWithStoredCard(context.Background(), &nominapp.StoredCardPayment{
		PlanID: nominapptest.PlanBasic, PaidWorkers: 1, PaymentType: nominapp.Monthly})
	var e *nominapp.Error
	if errors.As(err, &e) {
		fmt.Println(e.StatusCode)
		for _, it := range e.Items {
			fmt.Printf("%s %s: %s\n", it.Code, it.Object, it.Message)
		}
	}
	// Output:
	// 422
	// 0002 credit_card: no puede estar en blanco
}

func ExampleNewClient() {
	srv := nominapptest.NewServer()
	defer srv.Close()

	// Logs in lazily with email and api_token; WithBaseURL(nominapp.StageURL) for the stage host.
	client, err := nominapp.NewClient(nominapptest.TestEmail, nominapptest.TestAPIToken,
		nominapp.WithBaseURL(srv.URL), nominapp.WithHTTPClient(srv.HTTPClient()))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = client.Payments.PaySubscription(context.Background(), &nominapp.SubscriptionPayment{
		Card: guideCard, PlanID: nominapptest.PlanBasic, PaidWorkers: 1, PaymentType: nominapp.Yearly})
	fmt.Println(err, srv.Logins())

	// Validation happens before any I/O.
	_, err = client.Payments.PaySubscription(context.Background(), &nominapp.SubscriptionPayment{
		Card: guideCard, PlanID: "basic", PaidWorkers: 1, PaymentType: nominapp.Yearly})
	fmt.Println(errors.Is(err, nominapp.ErrInvalidParams), err)
	// Output:
	// <nil> 1
	// true nominapp: invalid params: PlanID: must be a UUID (8-4-4-4-12 hexadecimal digits)
}

func ExampleWithAccessToken() {
	srv := nominapptest.NewServer()
	defer srv.Close()

	// A token that is no longer valid: no login, the 401 comes back as *Error.
	client, _ := nominapp.NewClient("", "", nominapp.WithAccessToken("expired-token"),
		nominapp.WithBaseURL(srv.URL), nominapp.WithHTTPClient(srv.HTTPClient()))
	_, err := client.Payments.PayWithStoredCard(context.Background(), &nominapp.StoredCardPayment{
		PlanID: nominapptest.PlanBasic, PaidWorkers: 1, PaymentType: nominapp.Monthly})
	var e *nominapp.Error
	fmt.Println(errors.As(err, &e), e.StatusCode, srv.Logins())
	// Output: true 401 0
}
