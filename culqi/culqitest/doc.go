// Package culqitest is an in-memory, stateful fake of the Culqi API v2 for
// tests and offline examples. It speaks Culqi's wire format — ids like
// chr_test_ + 16 characters, millisecond timestamps (seconds on orders),
// paging with cursors and remaining_items, 201 on creation, 402 on a
// declined charge and 400 on a declined card, 204 on an order delete — keeps
// what is created, applies Culqi's documented test cards, and injects faults
// on demand.
//
//	srv := culqitest.NewServer()
//	defer srv.Close()
//	client := srv.Client()
//	tok, _ := client.Tokens.Create(ctx, &culqi.TokenParams{Card: culqitest.CardVisa, Email: "ana@example.pe"})
//
// Where Culqi's recorded answers differ from what its documents suggest,
// the fake answers as recorded: every answer is labelled
// "application/json;charset=UTF-8"; a used token still reads active: true
// (it is refused a second use all the same); capture_date is null in the
// answers to a charge's creation and capture and set when read later (the
// creation's time for a charge captured at once); a declined charge keeps
// its fraud_score, reference and authorization codes and the installments
// as sent, with no email, fees, statement_descriptor or
// installments_amount; remaining_items is null on customer, refund and IIN
// lists and 0 on token lists; the test cards' IINs are Culqi's (brand
// "MasterCard"; installments only on the Visa and Mastercard success
// cards; the success Mastercard and Diners cards and the
// insufficient-funds Visa are debit cards). The retired /v2/plans and
// /v2/subscriptions API is served with its Spanish intervals and statuses
// and its billing dates. A deletion answers the recorded message ("Se
// eliminó la tarjeta con ID … exitosamente.").
//
// Rules it enforces: a token is single use; a saved card needs an existing
// customer and an unused token; a charge's installments must be among its
// card's IIN installments_allowed (0 and 1 mean a single payment; a Yape
// token allows none); a refund cannot exceed what remains of the charge;
// an order needs a description of 5 to 80 characters, an order_number of
// at most 36 and every client_details field (first_name, last_name, email,
// phone_number); a plan needs interval_count and initial_cycles, whose
// count is at least 1 with has_initial_charge; an order expiration must be
// in the future. A deleted customer is 404, and the deletion cancels what
// hangs on it, as Culqi documents: its saved cards turn inactive and are
// refused as charge sources (404 resource_error), and the subscriptions on
// them are cancelled (gone, as after Subscriptions.Cancel).
//
// A card saved for a customer_id that names no customer is answered 401
// authentication_error "Petición invalida, verifica los parámetros del
// payload", without a param: the only report of that case (an
// integration guide of low-to-medium reliability) gives that status and
// message, and nothing says otherwise. Other ids that name nothing
// (token_id, card_id, plan_id, charge_id, source_id) stay 404
// resource_error, Culqi's documented "not found". Decline cards (DeclineCards) give their decline_code: 402 on a
// charge, 400 on card creation, and the declined charge is stored. With the
// email ReviewEmail, the 3-D Secure cards (Card3DS…) answer HTTP 200 with
// action_code REVIEW until the request carries authentication_3DS; then
// Card3DSTimeout and Card3DSAuthError, whose authentication fails, are
// declined with ThreeDSFailedDeclineCode, and the others succeed. A Yape
// token (Tokens.CreateYape) is a single-use charge source. /v2/iins knows
// the BINs of the test cards and of every card tokenized; /v2/transfers
// lists nothing, since the fake settles nothing.
//
// Encrypted bodies: RSAKey gives the id and public key of the fake's RSA
// key, for culqi.WithRSAEncryption. A request with the X-Culqi-Rsa-Id
// header and a body is decrypted before any rule runs, on every route, as
// leniently as Culqi's server must be (a 12- or 16-byte nonce, the GCM tag
// dropped or appended); one that cannot be decrypted is answered 400
// crypto_error "Ocurrieron problemas al desencriptar" and nothing is done.
//
// # Test cards
//
// Culqi's published test cards, and what each does on this fake (as on
// Culqi's integration environment; any future expiry works, the helpers
// give December five years ahead). ApprovedCard and DeclinedCard(code)
// return a card for the outcome wanted.
//
//	Card                              CVV   Brand       On this fake
//	4111 1111 1111 1111 (CardVisa)    123   Visa        approved (201)
//	5111 1111 1111 1118               039   Mastercard  approved
//	3712 1212 1212 122                2841  Amex        approved
//	3600 1212 1212 10                 964   Diners      approved
//	4000 0200 0000 0000               354   Visa        declined stolen_card (charge 402, card 400)
//	4000 0300 0000 0009               836   Visa        declined lost_card
//	4000 0400 0000 0008               295   Visa        declined insufficient_funds
//	5400 0000 0000 0005               492   Mastercard  declined contact_issuer
//	5400 0200 0000 0003               203   Mastercard  declined incorrect_cvv
//	3700 0100 0000 000                2511  Amex        declined issuer_not_available
//	3700 0200 0000 008                1810  Amex        declined issuer_decline_operation
//	3600 0000 0000 08                 683   Diners      declined invalid_card
//	3600 0100 0000 07                 820   Diners      declined processing_error
//	3600 0200 0000 06                 230   Diners      declined fraudulent
//	4456 5300 0000 1096               111   Visa        3-D Secure with challenge, then approved
//	4456 5300 0000 1005               111   Visa        3-D Secure without challenge, then approved
//	4456 5300 0000 1070               111   Visa        3-D Secure times out: declined issuer_decline_operation
//	4456 5300 0000 1013               111   Visa        3-D Secure fails: declined issuer_decline_operation
//
// The 3-D Secure cards ask for authentication (HTTP 200, action_code
// REVIEW) only with the email ReviewEmail. Any other number that passes
// the Luhn check is approved; one that does not is refused when tokenized
// (422, param card_number).
// Culqi publishes no card for expired_card, invalid_cvv,
// too_many_attempts_cvv, culqi_card or soft_block.
//
// # Webhooks
//
// After DeliverWebhooks(url), each change of state is POSTed to url as
// Culqi's event: charge.creation.succeeded and charge.creation.failed (a
// decline), charge.capture.succeeded, refund.creation.succeeded,
// customer.creation.succeeded, card.creation.succeeded,
// subscription.creation.succeeded, and order.status.changed when PayOrder
// or ExpireOrder stand in for the payer. The body is the event envelope
// (object "event", id evt_test_…, type, creation_date in milliseconds)
// whose data is the object encoded as a JSON string, as Culqi sends it;
// culqi.ParseWebhook reads it. Culqi signs nothing: SetWebhookAuth adds
// the Basic Auth its panel can set. Culqi publishes no retry schedule, only
// that a 2xx answer ends a delivery; the fake tries three times
// (CulqiWebhookPolicy), and Deliveries records each try.
//
// # Inspection
//
// Charges, Charge, ChargesWithMetadata, Customers, Refunds, Cards, Tokens,
// Orders, Plans, Subscriptions, Events (and their by-id and metadata
// lookups) return what the fake stored as the culqi package's types;
// Requests lists what it received. Find and Count, the older untyped
// inspection, match by id, description, order_number or metadata value:
// a test asks them how many times a call was really carried out, whatever
// its client saw.
package culqitest
