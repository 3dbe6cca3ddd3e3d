// Package srpago is a client for the Sr. Pago API (Mexico): customers,
// saved cards, encrypted card tokenization and charges, reversals and
// operations, cash (OXXO) and SPEI payment references, payment listings,
// the merchant account and its funds, the notification URL, plus Schedule,
// the billing calendar Sr. Pago leaves to the merchant.
//
// # Authentication
//
// By default every call carries HTTP Basic application key and secret.
// WithBearerLogin logs in once (POST /v1/auth/login/application) and sends
// the connection token it gets as a Bearer token instead, renewing it
// before it expires and once after a 401.
//
// # Memberships on Sr. Pago
//
// Sr. Pago has no plans or subscriptions. A merchant creates a customer,
// tokenizes a card (tok_, single use), attaches the token to the customer
// to get a permanent saved card (crd_), and charges that crd_ on its own
// calendar:
//
//	c, err := srpago.NewClient(appKey, appSecret, srpago.WithBaseURL(srpago.SandboxURL))
//	cus, err := c.Customers.Create(ctx, &srpago.CustomerParams{Name: "Ana", Email: "ana@example.mx"})
//	tok, err := c.Tokens.Create(ctx, &srpago.TokenParams{Card: card})
//	saved, err := c.Cards.Add(ctx, cus.ID, tok.ID)
//	ch, err := c.Charges.Create(ctx, &srpago.ChargeParams{Source: saved.Token, Amount: 29900,
//		Description: "Membresía oro", ReconcileKey: cycle.OrderID("mem-42", 1)})
//
// Schedule computes the billing dates (anchored on the start date: 31
// January, 28/29 February, 31 March) and which cycles are due at an
// instant; examples/srpago/recurring bills every due membership.
//
// # Encryption
//
// Tokens.Create and Charges.Create send the {"key", "data"} envelope Sr.
// Pago requires: a fresh 32-character key from crypto/rand, encrypted with
// Sr. Pago's published 4096-bit RSA key (PKCS #1 v1.5, embedded; see
// PublicKeyPEM and PublicKeySHA256), and the JSON body encrypted with that
// key in AES-256-ECB with PKCS #7 padding. WithEncryptionKey replaces the
// key.
// The anti-fraud ChargeMetadata travels in plaintext beside the envelope.
//
// # Money
//
// Amounts are int64 centavos on the Go side and decimal pesos on the wire
// ("123.45"), converted exactly both ways. The minimum charge is $1.00.
//
// # Errors, retries and reconciliation
//
// Every response is the {"success": …} envelope; success: false is an
// *Error whatever the HTTP status (Sr. Pago answers declines and
// validation errors with HTTP 500). Error.Code names the failure
// (PaymentException, SwitchException, TokenAlreadyUsedException, …) and
// BankCode the issuer's response code ("51"); Declined says the bank or
// anti-fraud refused the payment, SoftDecline that a later attempt with the
// same card may succeed. Refused params are a *ParamError (Field, Reason)
// matching ErrInvalidParams, sent nowhere; Sr. Pago's not-found answers (a
// 404, or the InvalidTransactionException of Operations.Get) match
// ErrNotFound. A money-moving call whose outcome is unknown returns an
// *OutcomeUnknownError (Key, Operation, SentAt) matching ErrOutcomeUnknown.
// Check errors.Is(err, ErrOutcomeUnknown) first: when it holds the money may
// have moved, even if a *Error is inside.
//
// Reads, customer updates and deletes are retried on connection errors,
// 429 and 5xx. Charges.Create, Charges.Reverse (a GET that moves money) and
// the cash and SPEI references are never repeated once they may have
// reached Sr. Pago, not even by net/http, which on its own resends a
// body-less GET whose reused connection broke (the SDK sends reversals so
// that it cannot): a timeout, a lost connection, a 502/503/504 or a 5xx
// without a known error code is an *OutcomeUnknownError.
//
// # Reconciling an unknown outcome
//
// Every charge carries a reconciliation key: ChargeParams.ReconcileKey, or
// one the SDK generates, sent as the order id (payment.external.transaction)
// and reported back by Operations as the reference number (or, when
// ChargeParams.Reference is set, at the end of the description). Store the
// key and the time before calling; after a crash or an unknown outcome,
// one call settles it:
//
//	ch, err := c.Charges.Create(ctx, &srpago.ChargeParams{..., ReconcileKey: orderKey})
//	var u *srpago.OutcomeUnknownError
//	if errors.As(err, &u) {
//		ch, err = c.Charges.Reconcile(ctx, u.Key, u.SentAt)
//		// errors.Is(err, srpago.ErrNotFound): not charged (yet); reconcile
//		// again later, or charge anew with a NEW key.
//	}
//
// Integrators report that Sr. Pago refuses an order id it has already seen
// with SwitchException (its documentation does not say so); that refusal
// proves only that the id was used, not that the first charge went through,
// since a declined attempt may use it up too. Reconcile either way.
//
// # Testing
//
// Package srpagotest is a stateful fake of the API with its own RSA key
// pair; srpagotest.NewServer().Client() returns a client for it. It applies
// Sr. Pago's sandbox test cards (4242… approves, 4111… declines with bank
// code 51) and injects faults. Its ChargesWithOrderID, Reversals and
// CustomersWithEmail methods are its ledger, for checking a reconciliation.
package srpago
