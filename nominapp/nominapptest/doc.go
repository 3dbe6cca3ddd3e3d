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
//   - The guide's card 5368220692926495 (CardApproved) and any other valid
//     card approve; CardDeclined answers 201, like every payment the fake
//     accepts, with payment_status "DECLINED", CardPending 201 with
//     "PENDING", CardRejected a 422 error list. Nominapp documents neither
//     the status code of a payment nor the shape of a decline, so the fake
//     gives both shapes. An approved or pending payment with a new card
//     stores it for "reuse".
//   - Payments answer bare, as the guide shows; SetWrapData(true) wraps them
//     in {"data": …}.
//
// Error codes: "0002" (blank) is Nominapp's documented code; the others
// (the Code* constants) are the fake's own, since Nominapp publishes no list.
//
// Fault injection is the shared scaffold's (InjectFault with a Fault).
package nominapptest
