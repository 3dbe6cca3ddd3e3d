package digitalfemsa

import (
	"context"
	"iter"

	"github.com/latampay/latampay-go/internal/transport"
)

// TransactionType is what moved the balance; an open set.
type TransactionType string

// Some transaction types the API documents.
const (
	TransactionCapture             TransactionType = "capture"
	TransactionCaptureReversal     TransactionType = "capture_reversal"
	TransactionLiquidation         TransactionType = "liquidation"
	TransactionPayout              TransactionType = "payout"
	TransactionRefund              TransactionType = "refund"
	TransactionTransfer            TransactionType = "transfer"
	TransactionCashoutRetention    TransactionType = "cashout_retention"
	TransactionCashoutConfirmation TransactionType = "cashout_confirmation"
	TransactionCashoutCancelation  TransactionType = "cashout_cancelation"
)

// TransactionStatus is where a transaction's money is; an open set.
type TransactionStatus string

// Some transaction statuses the API documents.
const (
	TransactionPending   TransactionStatus = "pending"
	TransactionAvailable TransactionStatus = "available"
	TransactionPaidOut   TransactionStatus = "paid_out"
	TransactionRetained  TransactionStatus = "retained"
	TransactionVoided    TransactionStatus = "voided"
)

// Transaction is one movement of the account's balance.
type Transaction struct {
	// ID is the transaction's id.
	ID string `json:"id"`
	// Object is "transaction".
	Object string `json:"object"`
	// Amount is the gross amount in cents; negative for money leaving the
	// balance (a refund, a payout).
	Amount int64 `json:"amount"`
	// Fee is DigitalFemsa's fee in cents.
	Fee int64 `json:"fee"`
	// Net is Amount minus Fee, in cents.
	Net int64 `json:"net"`
	// Currency is a three-letter code.
	Currency string `json:"currency"`
	// Status is where the money is (pending, available, paid_out, ...).
	Status TransactionStatus `json:"status"`
	// Type is what moved it (capture, refund, payout, ...).
	Type TransactionType `json:"type"`
	// CreatedAt is when it happened.
	CreatedAt Time `json:"created_at"`
	// Livemode is false in the sandbox.
	Livemode bool `json:"livemode"`
	// Charge is the id of the charge it belongs to; nil when none (null).
	Charge *string `json:"charge"`
	// Transfer is the id of the transfer that paid it out; nil when none
	// (null).
	Transfer *string `json:"transfer"`
	// TransferredAt is when it was paid out; zero when not yet (null).
	TransferredAt Time `json:"transferred_at"`
	// Formula explains how Fee was computed; nil when null.
	Formula *string `json:"formula"`
}

// TransactionListParams selects a page of transactions. The API has no
// free-text search here; it filters by the fields below.
type TransactionListParams struct {
	// Limit is the page size, 1 to 250; 0 leaves the API default (20).
	Limit int `url:"limit,omitempty"`
	// Next is a cursor (the id of the last item of the previous page):
	// the page after it.
	Next string `url:"next,omitempty"`
	// Previous is a cursor: the page before it.
	Previous string `url:"previous,omitempty"`
	// ID keeps one transaction.
	ID string `url:"id,omitempty"`
	// ChargeID keeps the transactions of one charge.
	ChargeID string `url:"charge_id,omitempty"`
	// Type keeps one type of transaction.
	Type TransactionType `url:"type,omitempty"`
	// Currency keeps one currency (three letters).
	Currency string `url:"currency,omitempty"`
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check List and All run before any request. nil is valid.
func (p *TransactionListParams) Validate() error {
	if p == nil {
		return nil
	}
	if err := checkList(&ListParams{Limit: p.Limit, Next: p.Next, Previous: p.Previous}); err != nil {
		return err
	}
	if p.Currency != "" {
		return opsCurrency("Currency", p.Currency)
	}
	return nil
}

// TransactionsService is client.Transactions: the movements of the
// balance.
type TransactionsService struct{ c *transport.Client }

func (s *TransactionsService) tc() *transport.Client {
	if s == nil {
		return nil
	}
	return s.c
}

// Get fetches a transaction (GET /transactions/{id}, operation
// getTransaction).
func (s *TransactionsService) Get(ctx context.Context, id string) (*Transaction, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	tid, err := escapeID("id", id)
	if err != nil {
		return nil, err
	}
	return callObject(ctx, s.tc(), &transport.Request{Method: "GET", Path: "/transactions/" + tid}, "transaction", transactionIdent)
}

// List returns one page of transactions (GET /transactions, operation
// getTransactions).
func (s *TransactionsService) List(ctx context.Context, p *TransactionListParams) (*Page[Transaction], error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	q := transactionQuery(p, "")
	return fetchPage(ctx, s.tc(), "/transactions", &q, q.Limit, transactionKey)
}

// All walks every transaction from p forward (GET /transactions).
func (s *TransactionsService) All(ctx context.Context, p *TransactionListParams) iter.Seq2[*Transaction, error] {
	if err := opsReady(s.tc()); err != nil {
		return failedWalk[Transaction](err)
	}
	if err := p.Validate(); err != nil {
		return failedWalk[Transaction](err)
	}
	q := transactionQuery(p, "")
	return walkPages(ctx, s.tc(), "/transactions", q.Limit, func(cursor string) any { q := transactionQuery(p, cursor); return &q }, transactionKey)
}

func transactionQuery(p *TransactionListParams, cursor string) TransactionListParams {
	var q TransactionListParams
	if p != nil {
		q = *p
	}
	if cursor != "" {
		q.Next, q.Previous = cursor, ""
	}
	return q
}

func transactionIdent(t *Transaction) (string, string) { return t.ID, t.Object }
func transactionKey(t *Transaction) string             { return t.ID }
