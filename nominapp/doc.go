// Package nominapp is a client for Nominapp's (now Aleluya's) subscription
// payment API: card payments for payroll-plan subscriptions, extra people in
// a yearly plan, plan changes, payments with the stored card, and replacing
// the stored card.
//
//	client, err := nominapp.NewClient("ana@example.co", apiToken)
//	pay, err := client.Payments.PaySubscription(ctx, &nominapp.SubscriptionPayment{
//		Card:        nominapp.Card{Number: "5368220692926495", CVV: "537", ExpMonth: 6, ExpYear: 2027, HolderName: "Van Nelson"},
//		PlanID:      "585030db-a698-4ce9-9e78-17d4009fb9f3",
//		PaidWorkers: 4,
//		PaymentType: nominapp.Monthly,
//	})
//	if err == nil && pay.Status == nominapp.StatusApproved { ... }
//
// # Authentication
//
// The client logs in lazily with POST /v1/sessions?auth_type=bearer (HTTP
// Basic email:api_token), shares one login among concurrent callers, keeps
// the api_access_token for 8 hours less a few minutes, and after a 401 logs
// in once more and re-sends the request once. WithAccessToken uses a token
// you already have instead, and then returns a 401 as *Error.
//
// # Responses and errors
//
// Responses are accepted bare or wrapped in {"data": …}. Payment.Value is
// whole Colombian pesos as the server computed it. A payment can come back
// with a 2xx and Status StatusDeclined or StatusPending: only StatusApproved
// means paid. An error response ({"error": [{message, code, object,
// index}]}, also when sent with a 2xx) is a *Error with Items; codes keep
// their leading zeros.
//
// # What is retried
//
// Payments (every POST) are never repeated once they may have reached
// Nominapp: a timeout, a lost connection or a 5xx gives an error matching
// ErrOutcomeUnknown, and you must find out whether the payment was made
// before paying again. They are retried only when no connection was made or
// on a 429, and re-sent once after the re-login that follows a 401. The
// login and the card update (a PUT) are retried on connection errors, 429
// and 500/502/503/504, up to WithMaxRetries. A failed login is never
// ErrOutcomeUnknown: the payment waiting for it was not sent (the error
// wraps the login's own error, a *Error for a refused login).
//
// # Errors
//
// One rule first: check errors.Is(err, ErrOutcomeUnknown) before anything
// else. When it holds, the payment may have been made, even if a *Error is
// inside. Otherwise a *Error carries Nominapp's error list; Error.Declined
// and Payment.Declined (with SoftDecline, the decline API of every
// latampay-go package) tell a refused card from a malformed request;
// errors.Is(err, ErrNotFound) holds for a 404. Every error the package
// makes starts with "nominapp: "; a refused login never shows the email and
// API token, nor the Basic header made of them.
//
// # Reconciling after ErrOutcomeUnknown
//
// Nominapp keeps nothing the merchant sets on a payment, and its API has no
// way to read a payment back: no payment lookup, no payment history, no GET
// of the subscription. So the params have no ReconcileKey and there is no
// Reconcile: check the payment in Nominapp's dashboard or ask its support
// (the company's plan, OutcomeUnknownError.SentAt and the amount identify
// it). In tests, nominapptest's PaymentsForPlan stands in for that check.
//
// A Client not made by NewClient (a zero Client, a nil pointer) returns an
// error from every method; Close releases a client, and String shows only
// its origin.
//
// Params are validated before any I/O (a *ParamError naming the field, the
// same check as each params type's Validate method):
// plan ids are UUIDs, payment types are Monthly or Yearly, worker counts are
// positive, and cards pass the family's card rules and carry a holder name.
//
// # Testing
//
// Package nominapptest is an in-memory fake of the API (login, token expiry,
// the stored card, the five payment cases, the error list, fault injection):
//
//	srv := nominapptest.NewServer()
//	defer srv.Close()
//	client := srv.Client()
package nominapp
