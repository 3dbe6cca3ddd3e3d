package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/latampay/latampay-go/nominapp"
	"github.com/latampay/latampay-go/nominapp/nominapptest"
)

// runNominapp pays a payroll-plan subscription on the Nominapp fake: a
// monthly payment with a new card, extra people in a yearly plan, a plan
// change, a payment with the stored card after the session expired, and one
// deliberate rejection shown with its typed error.
func runNominapp(ctx context.Context, w io.Writer) (summary string, err error) {
	srv := nominapptest.NewServer()
	defer srv.Close()
	client := srv.Client()
	card := nominapp.Card{Number: nominapptest.CardApproved, CVV: "537", ExpMonth: 6, ExpYear: time.Now().Year() + 3, HolderName: "Van Nelson"}

	// 1. A monthly subscription for 4 people.
	pay, err := client.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
		Card: card, PlanID: nominapptest.PlanBasic, PaidWorkers: 4, PaymentType: nominapp.Monthly})
	if err != nil {
		return "", fmt.Errorf("subscription payment: %w", err)
	}
	fmt.Fprintf(w, "subscription paid with %s: order %s, status %s, %d people (logged in %d time)\n",
		card, pay.OrderID, pay.Status, pay.PaidWorkers, srv.Logins())
	if pay.Status != nominapp.StatusApproved {
		return "", fmt.Errorf("subscription payment: status %s, want APPROVED", pay.Status)
	}

	// 2. Five extra people in a yearly plan.
	srv.SetSubscription(nominapptest.Subscription{PlanID: nominapptest.PlanBasic, PaymentType: "year", PaidWorkers: 4})
	extra, err := client.Payments.PayExtraWorkers(ctx, &nominapp.ExtraWorkersPayment{
		Card: card, PlanID: nominapptest.PlanBasic, ExtraWorkers: 5})
	if err != nil {
		return "", fmt.Errorf("extra people: %w", err)
	}
	fmt.Fprintf(w, "5 extra people for the year: order %s, %s, status %s, now %d people\n",
		extra.OrderID, nominappCOP(extra.Value), extra.Status, extra.PaidWorkers)
	if extra.Value != 396900 {
		return "", fmt.Errorf("extra people: value %d, want 396900", extra.Value)
	}

	// 3. An upgrade to the Pro plan, yearly.
	change, err := client.Payments.ChangeSubscription(ctx, &nominapp.SubscriptionChange{
		Card: card, PaymentType: nominapp.Yearly, ExtraWorkers: 0, NewPlanID: nominapptest.PlanPro, NewPaymentType: nominapp.Yearly})
	if err != nil {
		return "", fmt.Errorf("plan change: %w", err)
	}
	fmt.Fprintf(w, "upgrade to Pro (yearly): order %s, %s, status %s, %d people\n",
		change.OrderID, nominappCOP(change.Value), change.Status, change.PaidWorkers)

	// 4. The session expires; the next payment uses the stored card and the
	// client logs in again by itself.
	srv.ExpireSessions()
	reuse, err := client.Payments.PayWithStoredCard(ctx, &nominapp.StoredCardPayment{
		PlanID: nominapptest.PlanPro, PaidWorkers: 9, PaymentType: nominapp.Yearly})
	if err != nil {
		return "", fmt.Errorf("stored-card payment: %w", err)
	}
	fmt.Fprintf(w, "renewal with the stored card after the session expired: order %s, status %s (logins so far: %d)\n",
		reuse.OrderID, reuse.Status, srv.Logins())
	if srv.Logins() != 2 {
		return "", fmt.Errorf("stored-card payment: %d logins, want 2", srv.Logins())
	}

	// 5. A deliberate rejection: the fake's rejected card.
	bad := card
	bad.Number = nominapptest.CardRejected
	_, err = client.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
		Card: bad, PlanID: nominapptest.PlanBasic, PaidWorkers: 1, PaymentType: nominapp.Monthly})
	var e *nominapp.Error
	if !errors.As(err, &e) || len(e.Items) == 0 {
		return "", fmt.Errorf("rejected card: got %v, want *nominapp.Error with items", err)
	}
	it := e.Items[0]
	fmt.Fprintf(w, "rejected as expected with %s: HTTP %d, code %s, object %s: %s\n",
		bad, e.StatusCode, it.Code, it.Object, it.Message)

	return fmt.Sprintf("%d payments (%s + %s), 1 re-login, 1 rejection (code %s)",
		len(srv.Payments()), nominappCOP(extra.Value), nominappCOP(change.Value), it.Code), nil
}

// nominappCOP formats whole Colombian pesos, e.g. "$396.900 COP".
func nominappCOP(pesos int64) string {
	s := strconv.FormatInt(pesos, 10)
	neg := false
	if pesos < 0 {
		neg, s = true, s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-$" + string(out) + " COP"
	}
	return "$" + string(out) + " COP"
}
