// Package digitalfemsatest is an in-memory, stateful fake of the DigitalFemsa
// API for tests and offline examples. It speaks the wire as the API does:
// HTTP Basic (or Bearer) with PrivateKey, the versioned Accept header, 200 on
// creates, cursor lists with has_more and next_page_url, the error object
// with type/log_id/details, 422 for any body field the API does not know,
// at any depth (checkout, fiscal_entity, tax_lines ... are typed after the
// spec), and for a value of the wrong type or size (unit_price is an
// int32); only a body that is not JSON is the 400 malformed request. It
// signs its events with its own RSA key (WebhookPublicKeyPEM) so
// VerifyWebhook can be tested end to end, and logs every request it
// answers for GET /logs.
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
// spec's charge payment_method shape (object "cash_payment", the one its
// discriminator allows, with type "card").
//
// List search (the search query parameter) matches, case-insensitively and
// as a substring: customers by id, name and email; payout orders by id,
// reference, customer id and email, and metadata values; orders by id,
// customer id and email.
//
// # Test cards
//
// DigitalFemsa takes cash only and publishes no test cards; the fake's
// equivalents are charges (digitalfemsa.ChargeParams in an order, or
// OrderChargeParams for Charges.Create), and its declines are its own
// triggers, payment source ids (the fake's choice):
//
//	charge                                                  on this fake
//	ApprovedCard(): type cash, no payment source            pending OXXO reference; MarkOrderPaid / MarkChargePaid pay it
//	type cash, PaymentSourceID DeclinedPaymentSource        402 processing_error CodeDeclined: Declined, not SoftDecline
//	type cash, PaymentSourceID UnavailablePaymentSource     402 processing_error CodeTryAgain: Declined and SoftDecline
//	type "card" (deprecated), PaymentSourceID any other     paid at once
//	type "card" (deprecated), DeclinedPaymentSource         402 processing_error CodeCardDeclined
//
// DeclinedCard(code) returns the charge of a decline row. A refused
// charge creates nothing. The real API's definite refusal that a test can
// provoke anywhere is an order for an unknown customer (404, ErrNotFound).
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
// # Webhooks
//
// Each event (customer.created, order.created, order.paid, order.canceled,
// order.refunded, charge.created, charge.paid, cashout.confirmed,
// cashout.canceled …) is recorded (GET /events) and delivered, as
// DigitalFemsa delivers it, signed (DIGEST header) with the fake's key: to
// the URL of DeliverWebhooks (every event), and to each webhook registered
// with POST /webhooks (client.Webhooks) that subscribes to its type; the
// event's webhook_logs show each delivery. Deliveries run in the
// background through the shared testing API: Deliveries records every try,
// WaitWebhooks waits for them, and a receiver that does not answer 2xx is
// retried per SetWebhookPolicy (DefaultWebhookPolicy: DigitalFemsa
// documents no schedule). SetWebhookURL, the older name, is DeliverWebhooks
// whose deliveries end before the call that emits the event returns
// (Notification.DeliveryErr), and Notifications lists every event emitted;
// SignWebhook signs a body you build yourself. Unlike the real API, which
// refuses a webhook URL on localhost or 127.0.0.1, the fake accepts one,
// so that a test's httptest server can receive events.
//
// # State
//
// Customers, Orders, Charges, PayoutOrders, Events, Checkouts and Webhooks
// (with Customer, Order, Charge … by id, and CustomersWithMetadata,
// OrdersWithMetadata, PayoutOrdersWithMetadata) return the fake's state in
// the digitalfemsa package's own types, as a GET would answer it. Ledger
// counts what the fake carried out for a metadata entry (payout orders,
// cancellations, orders, refunds), to check a test's reconciliation after
// an injected fault.
//
// # Scenarios against the sandbox
//
// The package's scenario tests (scenario_test.go) run the main flow against
// the fake, and against DigitalFemsa's sandbox too when
// DIGITALFEMSA_PRIVATE_KEY holds a sandbox private key:
//
//	DIGITALFEMSA_PRIVATE_KEY=key_... go test -run Scenarios ./digitalfemsa/digitalfemsatest
//
// Steps only the fake can play (paying at the store, a decline, a dropped
// answer) are skipped there.
//
// Behaviour the real API does not document and the fake had to choose is
// marked as such: the withdrawn and expired statuses, the event sent on
// expiry, the balance rule, the 428 on cancelling a finished reference,
// the decline payment sources and the webhook retry policy.
package digitalfemsatest
