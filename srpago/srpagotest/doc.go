// Package srpagotest is an in-memory, stateful fake of the Sr. Pago API for
// tests and offline examples. It speaks the wire as Sr. Pago does: HTTP
// Basic credentials or the connection token of its login (POST
// /v1/auth/login/application, tokens living SessionLifetime; ExpireSessions
// ends them so that the next call gets a 401), the {"success": …,
// "result": …} envelope, business errors with HTTP 500, the {key, data}
// encryption envelope on tokens and charges (it holds its own RSA key pair:
// Server.Client configures the client with its public key), single-use tok_
// tokens, saved crd_ cards, raw-card charges (the card or ecommerce object
// Sr. Pago's documentation and PHP SDK send instead of recurrent),
// duplicate order ids refused with SwitchException, same-day reversals and
// limit/offset operation listings filtered by date. It holds only the
// requirements Sr. Pago's references support: a charge needs
// payment.reference.description and the anti-fraud metadata object, not
// payment.external.application_key (optional in the English reference, and
// never sent by Sr. Pago's own SDK).
//
// Cash (OXXO) and SPEI references are kept until paid: PayReference pays
// one as a buyer would, which lists it among the STORE payments, adds it to
// the funds and emits Sr. Pago's notification (the operation object). The
// account info is fixed; the web-checkout (ECOMMERCE) list is empty, since
// the fake has no web checkout.
//
// # Webhooks
//
// Sr. Pago's notifications are unsigned operation objects with no event
// name, posted to the URL set in the dashboard or with PUT
// /v1/webhook/{id}; its documentation shows one for a paid OXXO reference
// and documents no retries. The fake emits one when a reference is paid
// (Delivery.Event EventOperationPaid, the fake's label) to the URL set
// last, with Webhooks.Update or DeliverWebhooks (SetWebhookPolicy and
// DefaultWebhookPolicy: 3 tries milliseconds apart). Deliveries records every
// try; PayReference waits for them and reports a failed one. Card charges
// and reversals send nothing: Sr. Pago documents no notification for them.
//
// # Inspecting the fake
//
// Charges and Charge(transactionID) (each charge as ChargesService.Create
// returned it); Customers, Customer(id) and CustomersWithMetadata;
// SavedCards and SavedCard(token); Operations, Operation(transactionID)
// and OperationsWithOrderID return what the fake holds as the srpago
// package's types. ChargeCount (what Charges returned before v0.2.0),
// ChargesWithOrderID, Reversals and CustomersWithEmail are counting views.
// Requests, Reset and the faults (InjectFault with a Fault of a named
// Kind) are the five fakes' shared testing API.
//
// # Test cards
//
// Sr. Pago publishes no test-card page; the first three rows come from
// integrations that ran against its sandbox. Any expiry in the future, any
// 3-4 digit CVV:
//
//	Number               Constant               On Sr. Pago's sandbox                      On this fake
//	4242 4242 4242 4242  CardApproved           approved                                   approved
//	4111 1111 1111 1111  CardInsufficientFunds  PaymentException, bank code 51             the same (soft decline)
//	5504 1744 0145 8735  CardInvalid            tokenizes, charge: InvalidCardException    the same
//	4242 4242 4242 4241  (bad Luhn)             PaymentException, bank code 14             refused by the SDK before I/O; the fake answers InvalidParamException
//	4000 0000 0000 9979  CardStolen             (not a Sr. Pago card)                      PaymentException, bank code 43 (hard decline)
//
// Any other valid card is approved. ApprovedCard and DeclinedCard("51"),
// DeclinedCard("43") and DeclinedCard(srpago.CodeInvalidCard) return
// ready-made srpago.Card values.
//
// # The same scenarios against Sr. Pago's sandbox
//
// The fake's main flow (customer created, read and listed, a card saved
// and charged, reversed, a decline) is written once in this package's
// scenario_test.go, as functions taking a client. They run against the
// fake, and against Sr. Pago's sandbox when SRPAGO_APP_KEY and
// SRPAGO_APP_SECRET are set (SRPAGO_BASE_URL overrides the host); steps
// only the fake can do are skipped there:
//
//	SRPAGO_APP_KEY=... SRPAGO_APP_SECRET=... go test -run TestScenarios github.com/latampay/latampay-go/srpago/srpagotest
package srpagotest
