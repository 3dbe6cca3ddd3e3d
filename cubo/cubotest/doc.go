// Package cubotest is an in-memory fake of the Cubo Pago API for tests and
// offline examples. It speaks Cubo's wire format: the X-API-KEY header,
// amounts in cents on requests, the NestJS error envelope
// {"statusCode","message"} with a "NN - TEXT" message for declines and a
// list of messages for validation errors, and 422 for any unknown field.
//
//	srv := cubotest.NewServer()
//	defer srv.Close()
//	client := srv.Client()
//
// # Test cards
//
// Cubo publishes no table of test cards: its guide shows one card,
// 4000000000000416, without saying what it does in the sandbox. The fake
// approves that card and adds three decline cards of its own, one per
// decline code Cubo's guide and exports show (any future expiry, any 3-4
// digit CVV):
//
//	Constant               Number            On Cubo                  On this fake
//	CardApproved           4000000000000416  the guide's card         201 SUCCEEDED
//	CardInsufficientFunds  4000000000000051  (not published)          400 "51 - FONDOS INSUFICIENTES" (soft decline)
//	CardIssuerUnavailable  4000000000000150  (not published)          400 "15 - EMISOR NO DISPONIBLE" (soft decline)
//	CardSuspectedFraud     4000000000000507  (not published)          400 "05 - SOSPECHA DE FRAUDE" (hard decline)
//
// Any other number that passes the Luhn check is approved; one that fails
// it is refused by the SDK before I/O (sent raw, the fake answers a 400
// validation error). ApprovedCard and DeclinedCard("51")
// return ready-made cubo.Card values. On a payment link the decline cards
// give a REJECTED transaction and webhook instead of a 400.
//
// # Inspecting the fake
//
// Transactions, Transaction(id) and TransactionsWithMetadata return what
// the fake holds as cubo.Transaction values; Link(token) a cubo.Link.
// Direct payments get no payment intent token (Cubo returns none), so
// Transactions.Get cannot find them; Payments lists them for assertions and
// PaymentsByDescription finds them the way a merchant searches Cubo Admin
// (Cubo documents no list endpoint). LinksByMetadata does the same for links
// whose token the client never saw. These older helpers stay.
//
// # Webhooks
//
// Payment links are kept with their transactions: Transactions.Get answers
// status "PENDING" (StatusPending, an assumption of this fake: Cubo does not
// document the status of an unpaid link) until PayLink plays the customer's
// part, which settles the transaction and emits the webhook Cubo would post
// (unsigned: Cubo signs nothing). DeliverWebhooks(url) (or its older name
// SetWebhookURL) makes the fake POST it there; Deliveries records every
// try, with Event EventSucceeded or EventRejected (the fake's labels: Cubo's
// body names no event). PayLink waits for its delivery and reports a failed
// one. A browser can pay on the link's RedirectURL, the fake's checkout
// page; there the webhook is posted in the background after the browser is
// answered, as Cubo notifies the merchant apart from the customer's visit.
// Cubo retries a webhook its receiver answers with a 5xx, on a schedule it
// does not publish; the fake tries DefaultWebhookPolicy.Attempts times, any
// non-2xx answer counting as a failure, milliseconds apart. A try gives up
// after a few seconds without an answer, and at Close.
//
// # The same scenarios against Cubo's sandbox
//
// The fake's main flow (a link created, read and paid; a payment approved
// and declined; an unknown token) is written once in this package's
// scenario_test.go, as functions taking a client. They run against the
// fake, and against Cubo's sandbox when CUBO_API_KEY is set (CUBO_BASE_URL
// overrides the host); steps only the fake can do are skipped there:
//
//	CUBO_API_KEY=... go test -run TestScenarios github.com/latampay/latampay-go/cubo/cubotest
//
// Where Cubo's behaviour is undocumented the fake makes a choice and says so:
// payments and links answer 201; cardHolder, cardNumber, cvv, month, year
// and amount are required on payments (the client fields are optional);
// amounts are in the currency Currency; the webhook's paymentType is "LINK".
package cubotest
