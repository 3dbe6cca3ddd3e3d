// Package srpagotest is an in-memory, stateful fake of the Sr. Pago API for
// tests and offline examples. It speaks the wire as Sr. Pago does: HTTP
// Basic credentials, the {"success": …, "result": …} envelope, business
// errors with HTTP 500, the {key, data} encryption envelope on tokens and
// charges (it holds its own RSA key pair: Server.Client configures the
// client with its public key), single-use tok_ tokens, saved crd_ cards,
// duplicate order ids refused with SwitchException, same-day reversals and
// limit/offset operation listings. Faults (status, delay, dropped
// connection, truncated body) are injected with InjectFault.
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
