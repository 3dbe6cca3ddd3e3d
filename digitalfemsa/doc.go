// Package digitalfemsa is a client for the DigitalFemsa API (Mexico): cash-out
// payout orders and orders paid in cash at the store, with every operation
// of the API's specification but API-key and company administration
// (/api_keys, /companies), left out on purpose: they manage the merchant
// account itself, and an SDK handed a payments key should not be able to
// mint or revoke keys.
//
// The Client's services, one per resource of the specification:
//
//   - Customers, and on them PaymentSources (saved cash references),
//     FiscalEntities (invoicing data) and ShippingContacts;
//   - Orders (create, update, cancel, capture, refund, cancel a refund,
//     reconcile), and on them Charges (also listed and updated on their
//     own), LineItems, ShippingLines, TaxLines and DiscountLines;
//   - Checkouts: payment links that create paid orders;
//   - PayoutOrders: cash-out references a customer withdraws at a store;
//   - Events (and their redelivery with Events.Resend), Webhooks (the
//     endpoints events go to) and WebhookKeys (the keys that sign them);
//   - Balance, Transactions (the balance's movements) and Transfers (the
//     payouts to the merchant's bank account);
//   - Logs: DigitalFemsa's record of each API request, where a merchant
//     finds what happened to a request whose answer was lost.
//
// A cash-out hands money to a customer at a store:
//
//	client, err := digitalfemsa.NewClient(os.Getenv("DIGITALFEMSA_PRIVATE_KEY"))
//	cus, err := client.Customers.Create(ctx, &digitalfemsa.CustomerParams{Name: "Ana", Email: "ana@example.mx"})
//	po, err := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{
//		Amount: 30000, CustomerID: cus.ID, Reason: "Retiro de saldo"})
//	// give po.Reference to the customer, then poll or listen for cashout.* events
//	po, err = client.PayoutOrders.Get(ctx, po.ID)
//
// Every request carries Accept: application/vnd.app-v2.1.0+json and HTTP
// Basic authentication with the private key (Bearer with WithBearerAuth);
// WithLanguage sets
// Accept-Language and WithChildCompanyID sends X-Child-Company-Id on the
// operations that declare it.
//
// # Errors
//
// Check errors.Is(err, ErrOutcomeUnknown) first: when it holds the money
// may have moved, even if a *Error is inside (errors.As with an
// *OutcomeUnknownError gives the call's reconciliation key, operation and
// start time). errors.Is(err, ErrNotFound) holds for a 404. Every error
// this package makes starts with "digitalfemsa: "; validation errors are
// *ParamError (Field, Reason), and every params type has the Validate
// method the call runs before any I/O.
//
// An error response is a *Error with the HTTP status, Type, LogID and
// Details, and so is a 2xx that carries DigitalFemsa's error object. Match
// on Type (the ErrorType constants); detail codes start with "femsa." or
// "conekta." and are opaque. A 2xx whose body is not an object with an id
// matches ErrMalformedResponse, and so does a list without its "data" array
// or with a null item: an empty page would wrongly tell a reconciliation
// that nothing exists. Validation failures before any I/O (an update that
// sets nothing among them) match ErrInvalidParams.
//
// # Retries
//
// GET, PUT and DELETE requests are retried on connection errors, 429 and
// 5xx (WithMaxRetries, default 2). Requests that move money are never
// repeated once they may have reached DigitalFemsa: PayoutOrders.Create,
// PayoutOrders.Cancel, Orders.Create, Orders.Refund, Orders.Capture,
// Orders.CancelRefund (a DELETE, yet it moves money back) and
// Charges.Create. When one of them
// fails with a timeout, a lost connection, a 408 or a 5xx, or gets a 2xx
// that is no usable answer (an api_error object, a body without an id, an
// object of another kind), the error matches ErrOutcomeUnknown: find out
// what happened before trying again. DigitalFemsa documents no idempotency
// key, so the SDK brings a reconciliation key: Orders.Create and
// PayoutOrders.Create write OrderParams.ReconcileKey /
// PayoutOrderParams.ReconcileKey (or one they generate) into the metadata
// entry "latampay_key", and the *OutcomeUnknownError carries it with the
// call's start time:
//
//	var u *digitalfemsa.OutcomeUnknownError
//	if errors.As(err, &u) {
//		po, err := client.PayoutOrders.Reconcile(ctx, u.Key, u.SentAt)
//		// found: it was created; errors.Is(err, digitalfemsa.ErrNotFound):
//		// wait and reconcile again, or create anew with a NEW key
//	}
//
// For a crash-safe flow, store the key and the time before calling Create.
// A refund, a capture or a cancellation shows on the order
// (AmountRefunded, PaymentStatus, its charges and their Refunds) or the
// payout order (Status); a charge added with Charges.Create shows in the
// order's charges. Other POSTs (customers, payment sources, line items,
// checkouts, webhooks, order cancellation, event resend ...) are retried
// only where they provably did not reach the API.
//
// # Lists
//
// List returns one page; All walks every page with the next cursor read out
// of the API's next_page_url (whose host is never followed) while has_more.
//
// # Nulls
//
// A response field the API documents as nullable is a pointer (*string,
// *bool, *OrderPaymentStatus ...), nil when the API sends null, so null
// and "" stay apart. Four keep the plain string this release's API fixes,
// and read null as "": Customer.Name, Customer.Email, Customer.Phone and
// ErrorDetail.Param (Error.Body keeps the answer as sent). Times read null
// as the zero Time.
//
// # Webhooks
//
// VerifyWebhook checks the DIGEST header (RSA PKCS#1 v1.5 over SHA-256 of the
// raw body) against one or more webhook-key PEMs and returns the Event;
// WebhookHandler wraps it in an http.Handler.
//
// # Testing
//
// Package digitalfemsatest is an in-memory fake of the API:
//
//	srv := digitalfemsatest.NewServer()
//	defer srv.Close()
//	client := srv.Client()
//
// It keeps every resource the client reaches, lets a test play what a
// customer or DigitalFemsa would do (MarkOrderPaid, MarkWithdrawn,
// PayCheckout …), delivers its events signed to DeliverWebhooks' URL and
// to the webhooks registered through the API, and shares the testing API
// of the family's fakes: Requests, named Faults, Deliveries, typed state
// (Orders, Charges, PayoutOrders …). Its Ledger counts, from the fake's
// own records, the payout orders, cancellations, orders and refunds carried
// out for a metadata entry: a test can prove that an ErrOutcomeUnknown was
// reconciled without a duplicate.
package digitalfemsa
