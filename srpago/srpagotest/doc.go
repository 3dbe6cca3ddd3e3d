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
// the funds and POSTs Sr. Pago's notification (the operation object) to
// every URL set with PUT /v1/webhook/{id}. The account info is fixed; the
// web-checkout (ECOMMERCE) list is empty, since the fake has no web
// checkout. Faults (status, delay, dropped connection, truncated body, the
// fault after the work is done) are injected with InjectFault.
//
// Test cards (Sr. Pago's documented sandbox behaviour, plus one of the fake's own):
//
//	4242 4242 4242 4242  approved
//	4111 1111 1111 1111  declined: PaymentException, bank code 51 (insufficient funds)
//	5504 1744 0145 8735  InvalidCardException at charge time
//	4000 0000 0000 9979  declined: PaymentException, bank code 43 (stolen card) — fake only
//
// Any other valid card is approved.
package srpagotest
