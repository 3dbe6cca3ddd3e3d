// Package culqi is a client for the Culqi API v2 (Peru): card tokens,
// charges, refunds, customers, saved cards, recurring plans and
// subscriptions, orders (PagoEfectivo CIP, wallets, Cuotéalo), events and
// webhooks.
//
//	client, err := culqi.NewClient("sk_test_…", culqi.WithPublicKey("pk_test_…"))
//	tok, err := client.Tokens.Create(ctx, &culqi.TokenParams{Card: card, Email: "ana@example.pe"})
//	ch, err := client.Charges.Create(ctx, &culqi.ChargeParams{Amount: 10000, CurrencyCode: culqi.CurrencyPEN,
//		Email: "ana@example.pe", SourceID: tok.ID})
//
// # Keys and hosts
//
// The secret key is the Bearer credential of every call on
// https://api.culqi.com/v2. The public key (WithPublicKey) is used to create
// tokens on https://secure.culqi.com/v2 and to confirm orders; without it
// those calls fail with ErrInvalidParams before any I/O. WithBaseURL points
// both hosts at one origin.
//
// # Outcomes of a charge
//
// Charges.Create has three outcomes. HTTP 201: the charge (check Outcome).
// HTTP 200 with action_code "REVIEW": 3-D Secure is required; the charge is
// returned together with an error matching ErrAuthenticationRequired, and
// nothing was charged — run Culqi's 3DS library in the browser and send the
// same params again with Authentication3DS. Otherwise an error: a decline is
// an *Error (HTTP 402; 400 when saving a card) with Type "card_error", a
// DeclineCode and the ChargeID of the declined charge, which exists. Culqi
// documents HTTP 200 only for the REVIEW answer: any other 200 matches
// ErrOutcomeUnknown. Cards.Create behaves the same way.
//
// # Errors
//
// Every error message starts with "culqi: ". Check errors.Is(err,
// ErrOutcomeUnknown) first: when it holds the money may have moved, even
// if a *Error is inside (a 502/503/504 from Culqi's gateway, an api_error);
// errors.As gives the *OutcomeUnknownError with the call's Key, Operation
// and SentAt for Reconcile. Validation refuses params before any I/O with a
// *ParamError (ErrInvalidParams) naming the field; each params type has a
// Validate method running the same check. errors.Is(err, ErrNotFound)
// holds for Culqi's 404 answers. Declines: (*Error).Declined and
// SoftDecline (a later attempt may succeed), and the same two methods on a
// fetched *Charge.
//
// Every error answer is an *Error (errors.As), whichever of Culqi's three
// shapes it came in: Culqi's error object, the gateway's {"message": …} or
// a raw Spring Boot error — under a 2xx status too. RequestID is the
// X-Culqi-Tracking-Id to give Culqi support. A 2xx answer that holds no
// object (null, {}, an object without an id, a list without "data") is
// ErrMalformedResponse; on a charge, refund, capture or any other request
// that is not repeated it also matches ErrOutcomeUnknown. Validation before I/O fails with ErrInvalidParams naming
// the field: positive amounts, PEN or USD, emails of 5–50 characters,
// descriptions of 5–80, a source, metadata of at most 20 keys (keys up to
// 30 characters, values up to 200), the card rules, an order expiration in
// the future.
//
// # What is retried
//
// GETs, DELETEs and metadata-only PATCHes are retried (WithMaxRetries,
// default 2) on connection errors, 429 and 5xx, with jittered backoff. An
// update that sets anything besides metadata (a customer's fields, a
// plan's name or status, a subscription's card, an order's expiration, a
// card's token) is a PATCH that is not repeated once it may have reached
// Culqi. Requests that move money or create billable state —
// Charges.Create, Charges.Capture, Refunds.Create, Cards.Create (a
// validation charge), Subscriptions.Create, Orders.Confirm — and every other
// POST, Tokens.Create included, are never repeated once they may have
// reached Culqi; Culqi has no idempotency keys.
// When such a request times out, loses its connection or gets a 5xx that
// names no definite outcome (a 502/503/504, an api_error), the error
// matches ErrOutcomeUnknown: find out what happened before trying again.
//
// # Reconciling an unknown outcome
//
// Charges.Create, Refunds.Create and Orders.Create send a reconciliation
// key (ReconcileKey: your own id, or 128 random bits the SDK generates) in
// the object's metadata under ReconcileMetadataKey, "latampay_key". Their
// unknown outcome is an *OutcomeUnknownError carrying that Key, the
// Operation ("charges.create") and SentAt; one call answers the question:
//
//	var u *culqi.OutcomeUnknownError
//	if errors.As(err, &u) {
//		ch, err := client.Charges.Reconcile(ctx, u.Key, u.SentAt)
//		// ch: it happened (check ch.Declined()); errors.Is(err, culqi.ErrNotFound): not (yet)
//	}
//
// Reconcile lists the objects created since SentAt less ReconcileClockSkew
// (Culqi's creation_date_from filter) and matches the key in their
// metadata. To survive a crash, store the key and the time before calling.
// Culqi does not document how soon a new object shows in its lists: on
// ErrNotFound right after the call, wait a minute and reconcile again; once
// you give up, start anew with a NEW key. For a capture or an order
// confirmation, Get the object; Cards.Create and Subscriptions.Create have
// no key: list the customer's cards or the plan's subscriptions and match
// the metadata you set.
//
// # Timestamps, lists, metadata
//
// Timestamps are Time values (embedding time.Time): Culqi sends
// milliseconds on most objects and seconds on orders; both decode. Lists
// return a Page with Data and HasMore, newest first; All walks every page
// lazily on paging.cursors.after, toward older objects, and stops on an
// empty page, a page shorter than Limit, or remaining_items == 0 (Culqi
// leaves a next link on its last page). With Before set, All walks the
// other way: the first page holds objects newer than Before, and it follows
// paging.cursors.before (Culqi's previous link) toward newer ones until a
// page is empty or short. Response metadata keeps non-string values as
// their JSON text.
//
// # Webhooks
//
// ParseWebhook decodes a webhook body; its data arrives as an object or as a
// JSON string, and Event.Data holds the JSON either way. Culqi signs
// nothing: protect the endpoint with the panel's optional Basic Auth and
// fetch the object again before acting on it.
//
// # Testing
//
// Package culqitest is a stateful fake of this API on httptest, with
// Culqi's test cards and decline codes and fault injection:
//
//	srv := culqitest.NewServer()
//	defer srv.Close()
//	client := srv.Client()
//
// Its Find and Count read the fake's own records — what it really carried
// out, even behind an injected fault — to test reconciliation code.
package culqi
