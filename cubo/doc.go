// Package cubo is a client for the Cubo Pago REST API (El Salvador, USD;
// Guatemala, GTQ).
//
//	client, err := cubo.NewClient(os.Getenv("CUBO_API_KEY"), cubo.WithBaseURL(cubo.SandboxURL))
//	tx, err := client.Transactions.Create(ctx, &cubo.PaymentParams{
//		ClientName: "Ana", ClientEmail: "ana@example.com", Description: "Order 1001",
//		Amount: 1000, // cents: $10.00
//		Card: cubo.Card{Number: "4000000000000416", CVV: "123", ExpMonth: 12, ExpYear: 2030, HolderName: "Ana"},
//	})
//
// # What the package covers
//
//   - Transactions.Create and Transactions.CreateSubscription charge a card
//     directly (POST /api/v1/transactions[/subscription]); Transactions.Get
//     reads a payment link's transaction by its payment intent token.
//   - Links.Create and Links.CreateSubscription create hosted payment links,
//     which keep card data off your server.
//   - ParseWebhook decodes Cubo's notifications, which are NOT signed:
//     always re-fetch the transaction (Transactions.VerifyWebhook) before
//     acting on one.
//
// Cubo documents no refund, void, list or subscription-cancel endpoint;
// refunds are made in Cubo Admin.
//
// # Host and credentials
//
// Requests carry the API key generated in Cubo Admin as X-API-KEY. Cubo gives
// each merchant its base URL; ProductionURL (the default) and SandboxURL are
// the hosts integrators report, and WithBaseURL sets any other.
//
// # The wire
//
// Amounts are int64 cents on the Go side and on Cubo's requests; the
// decimal string Transactions.Get returns ("10.00") is converted exactly.
// Cubo answers 422 to any JSON field it does not know, so every request
// carries exactly the fields Cubo documents and leaves out empty optional
// ones. The card goes out as cardHolder, cardNumber, cvv, month ("MM") and
// year ("YY"); it never appears in logs, errors or fmt output.
//
// # Errors, declines and retries
//
// One rule first: check errors.Is(err, ErrOutcomeUnknown) before anything
// else. When it holds, the payment may have gone through, even if a *Error
// is inside (a 502 from a gateway decodes as one).
//
// Cubo's errors arrive as *Error: {"statusCode":400,"message":"51 - FONDOS
// INSUFICIENTES"} gives Code "51" and Message "FONDOS INSUFICIENTES"; a list
// of validation messages lands in Messages. A decline is a definite outcome:
// no money moved. Error.Declined and Error.SoftDecline (the decline API of
// every latampay-go package) classify it without touching Cubo's text; a
// REJECTED transaction answered with a 2xx reports Transaction.Declined.
// errors.Is(err, ErrNotFound) holds for an unknown payment intent token.
// Invalid params are a *ParamError (ErrInvalidParams) before any I/O; each
// params type has the same check as a Validate method. Every error the
// package makes starts with "cubo: ".
//
// Payments are never repeated once they may have reached Cubo: after a
// timeout, a lost connection or a 502/503/504 the error is an
// *OutcomeUnknownError (Operation and SentAt say which call and when) and
// the caller must reconcile. Nothing the merchant sends on a direct payment
// can be read back through Cubo's API (no list, no search, no reference
// field), so there is no ReconcileKey and no Reconcile here: search Cubo
// Admin by description, amount and time before charging again. A payment is
// retried only when no connection was made, or on a 429. Lookups (GET) are
// retried on connection errors, 429 and 5xx. Cubo processes a payment for
// up to three minutes, hence the default per-attempt timeout of
// DefaultTimeout.
//
// A Client not made by NewClient (a zero Client, a nil pointer) returns an
// error from every method; Close releases a client, and String shows only
// its origin, never the API key.
//
// # Gaps in Cubo's documentation
//
// Cubo documents only the two direct payment endpoints. The links API, the
// transaction lookup, the webhook body and the hosts come from working
// integrations, and the SDK takes the conservative reading of each gap:
// links send only the fields integrators send (no cart items, whose price
// type is unconfirmed, and no expiry); an amount whose unit is unclear is
// left 0 rather than guessed (Transaction.Raw and WebhookEvent.Raw keep the
// JSON); any decline code other than 15 and 51 counts as hard; a 2xx payment
// answer without a status is an unknown outcome; no idempotency header is
// sent (Cubo has not named one), so payments are never retried after they
// may have arrived. Subscriptions "sin vencimiento", cancelling a
// subscription, refunds and 3-D Secure are not documented and not supported.
//
// # Testing
//
// Package cubotest is an in-memory fake of Cubo's API for your own tests:
//
//	srv := cubotest.NewServer()
//	defer srv.Close()
//	client := srv.Client()
//
// It approves the documentation's card 4000000000000416, declines
// cubotest.CardInsufficientFunds with "51 - FONDOS INSUFICIENTES", answers
// 422 to unknown fields like Cubo, lets you pay its links (Server.PayLink)
// and injects faults (Server.InjectFault). Since Cubo has no API to list
// payments or links, Server.PaymentsByDescription and Server.LinksByMetadata
// stand in for the search in Cubo Admin that reconciles an unknown outcome.
package cubo
