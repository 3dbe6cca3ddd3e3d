// Package nominapptest is an in-memory fake of Nominapp's (Aleluya's)
// subscription payment API for tests, on net/http/httptest. It depends only
// on the standard library and this module.
//
// What it does, as Nominapp's payment guide describes the wire:
//
//   - POST /v1/sessions?auth_type=bearer with HTTP Basic TestEmail:TestAPIToken
//     answers {"data": {"api_access_token": …, "user": {…}}}; a token is valid
//     for 8 hours of the fake's clock (SetClock) or until ExpireSessions.
//     Other credentials get 401 with the error list.
//   - POST /v1/payments/credit_card runs the four payment cases, told apart by
//     their keys exactly as the guide shows them: a subscription payment
//     (plan_id, paid_workers, payment_type and the card), extra workers in a
//     yearly plan (extra_workers_number, payment_type "year"), a subscription
//     change (subscription_to_pay, no top-level plan_id) and a payment with the
//     stored card (action "reuse", no card keys). A missing key is a 422 "0002"
//     item, a key the case does not have a 422 CodeNotAllowed item.
//   - PUT /v1/payments/credit_card with action "update" replaces the stored
//     card and answers {"message": "La tarjeta de crédito ha sido actualizada."}.
//   - Test cards decide a payment's outcome (see Test cards below). An
//     approved or pending payment with a new card stores it for "reuse".
//   - Payments answer bare, as the guide shows; SetWrapData(true) wraps them
//     in {"data": …}.
//
// Error codes: "0002" (blank) is Nominapp's documented code; the others
// (the Code* constants) are the fake's own, since Nominapp publishes no list.
//
// # Test cards
//
// Nominapp publishes no sandbox cards: its guide shows one card,
// 5368220692926495 (06/27, CVV 537), without saying what it does. Nominapp
// documents neither the status code of a payment nor the shape of a
// decline, so the fake gives both shapes. Any future expiry, any 3-4 digit
// CVV:
//
//	Constant          Number            On Nominapp              On this fake
//	CardApproved      5368220692926495  the guide's card         201, payment_status "APPROVED"
//	CardApprovedVisa  4672226263441073  the card-update example  201, "APPROVED"
//	CardDeclined      4000000000000002  (not published)          201, "DECLINED" (Payment.Declined)
//	CardPending       4000000000000044  (not published)          201, "PENDING"
//	CardRejected      4000000000000028  (not published)          422, error item CodeRejected, object "credit_card" (Error.Declined)
//
// Any other valid card is approved. ApprovedCard, DeclinedCard("DECLINED")
// and DeclinedCard(CodeRejected) return ready-made nominapp.Card values.
//
// # Inspecting the fake
//
// Payments lists every payment processed (PaymentRecord, with the case
// and the card's last four digits); PaymentRecord.Payment and
// Payment(id) give them as the nominapp package's own type;
// PaymentsForPlan, StoredCard and Subscription are the older views.
// Requests, Reset and the faults (InjectFault with a Fault of a named
// Kind) are the five fakes' shared testing API.
//
// # Webhooks
//
// Nominapp documents no webhooks or callbacks. DeliverWebhooks is kept so
// that code written for the five fakes runs here, and means nothing is
// emitted: Deliveries stays empty.
//
// # The same scenarios against Nominapp's API
//
// The fake's main flow (log in, pay a subscription, pay again with the
// stored card, update the card, a decline) is written once in this
// package's scenario_test.go, as functions taking a client. They run
// against the fake, and against Nominapp when NOMINAPP_EMAIL and
// NOMINAPP_API_TOKEN are set (at NOMINAPP_BASE_URL, default
// nominapp.StageURL, the guide's stage host). Nominapp has no sandbox and
// no published test cards, so there only the steps that cannot move money
// run (a login refused for a wrong token, so no payment is sent); the
// payment steps are skipped:
//
//	NOMINAPP_EMAIL=... NOMINAPP_API_TOKEN=... go test -run TestScenarios github.com/latampay/latampay-go/nominapp/nominapptest
package nominapptest
