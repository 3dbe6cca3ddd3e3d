// Package digitalfemsatest is an in-memory, stateful fake of the DigitalFemsa
// API for tests and offline examples. It speaks the wire as the API does:
// HTTP Basic (or Bearer) with PrivateKey, the versioned Accept header, 200 on
// creates, cursor lists with has_more and next_page_url, the error object
// with type/log_id/details, 422 for any body field the API does not know,
// at any depth (checkout, fiscal_entity, tax_lines ... are typed after the
// spec), and for a value of the wrong type or size (unit_price is an
// int32); only a body that is not JSON is the 400 malformed request. It
// signs cashout.* events with its own RSA key so VerifyWebhook can be
// tested end to end.
//
// Typical use in a test:
//
//	srv := digitalfemsatest.NewServer()
//	defer srv.Close()
//	client := srv.Client() // a *digitalfemsa.Client pointed at the fake
//	po, _ := client.PayoutOrders.Create(ctx, &digitalfemsa.PayoutOrderParams{...})
//	n, _ := srv.MarkWithdrawn(po.ID) // status StatusWithdrawn + signed cashout.confirmed
//	ev, err := digitalfemsa.VerifyWebhook(n.Body, n.Digest, srv.WebhookPublicKeyPEM())
//	srv.InjectFault(digitalfemsatest.Fault{Match: "POST /payout_orders", Status: 503, After: true})
//
// Orders follow the spec's only payment method, cash: a cash charge is a
// pending OXXO reference until MarkOrderPaid records the payment at the
// store (auth_code, cashier_id, store; the order turns paid, refundable,
// and order.paid is signed and delivered). An order with a pending charge
// can be updated (the spec lists no 428 there). The SDK's deprecated card
// type is still served for one release, paid at once and answered in the
// spec's charge payment_method shape (object "payment_source", type
// "card"); DeclinedPaymentSource declines it.
//
// Helpers move the fake's state the way a customer or DigitalFemsa would,
// emitting the events the real API sends:
//
//   - MarkOrderPaid: every pending cash charge of an order paid at the store;
//   - MarkChargePaid: one charge paid (charge.paid, then order.paid once the
//     order owes nothing);
//   - PreAuthorize: an order's pending charges put on hold, so that
//     Orders.Capture has something to capture;
//   - PayCheckout: a customer pays a payment link (Checkouts), creating its
//     paid order;
//   - MarkWithdrawn, MarkExpired: a payout order withdrawn at the store or
//     expired (cashout.* events);
//   - Transfer: part of the available balance paid out to the merchant's
//     bank account (Transfers, Transactions); SetBalance sets the balance.
//
// SetWebhookURL makes the fake POST each event to your handler with its
// DIGEST header; SignWebhook signs any body you build yourself. Ledger
// counts what the fake carried out for a metadata entry (payout orders,
// cancellations, orders, refunds), to check a test's reconciliation after
// an injected fault.
//
// List search (the search query parameter) matches, case-insensitively and
// as a substring: customers by id, name and email; payout orders by id,
// reference, customer id and email, and metadata values; orders by id,
// customer id and email.
//
// Behaviour the real API does not document and the fake had to choose is
// marked as such: the withdrawn and expired statuses, the event sent on
// expiry, the balance rule, the 428 on cancelling a finished reference and
// the declined payment source.
package digitalfemsatest
