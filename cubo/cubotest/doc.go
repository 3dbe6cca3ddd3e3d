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
// Test cards (any expiry in the future, any 3-4 digit CVV):
//
//	CardApproved           4000000000000416  SUCCEEDED (the card of Cubo's guide)
//	CardInsufficientFunds  4000000000000051  400 "51 - FONDOS INSUFICIENTES" (soft decline)
//	CardIssuerUnavailable  4000000000000150  400 "15 - EMISOR NO DISPONIBLE" (soft decline)
//	CardSuspectedFraud     4000000000000507  400 "05 - SOSPECHA DE FRAUDE" (hard decline)
//
// Any other number that passes the Luhn check is approved. The decline
// cards are this fake's own: Cubo publishes no test-card table.
//
// Direct payments get no payment intent token (Cubo returns none), so
// Transactions.Get cannot find them; Payments lists them for assertions and
// PaymentsByDescription finds them the way a merchant searches Cubo Admin
// (Cubo documents no list endpoint). LinksByMetadata does the same for links
// whose token the client never saw.
// Payment links are kept with their transactions: Transactions.Get answers
// status "PENDING" (StatusPending, an assumption of this fake: Cubo does not
// document the status of an unpaid link) until PayLink plays the customer's
// part, which settles the transaction and produces the webhook Cubo would
// post (and posts it before returning, when SetWebhookURL was called). A
// browser can do the same on the link's RedirectURL, the fake's checkout
// page; there the webhook is posted in the background after the browser is
// answered, as Cubo notifies the merchant apart from the customer's visit.
// A delivery gives up after a few seconds without an answer, and at Close.
//
// Where Cubo's behaviour is undocumented the fake makes a choice and says so:
// payments and links answer 201; cardHolder, cardNumber, cvv, month, year
// and amount are required on payments (the client fields are optional);
// amounts are in the currency Currency; the webhook's paymentType is "LINK".
package cubotest
