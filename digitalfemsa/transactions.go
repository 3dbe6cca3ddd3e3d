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
	if err := p.paging().Validate(); err != nil {
		return err
	}
	if p.Currency != "" {
		return checkCurrency("Currency", p.Currency)
	}
	return nil
}

// TransactionsService is client.Transactions: the movements of the
// balance.
type TransactionsService service

var transactionKind = kind[Transaction]{path: "/transactions", object: "transaction", child: true,
	id: func(t *Transaction) string { return t.ID }, obj: func(t *Transaction) string { return t.Object }}

// Get fetches a transaction (GET /transactions/{id}, operation
// getTransaction).
func (s *TransactionsService) Get(ctx context.Context, id string) (*Transaction, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	tid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	return doObject(ctx, c, &transport.Request{Method: "GET", Path: "/transactions/" + tid, Header: transactionKind.header(c)}, transactionKind.check)
}

// List returns one page of transactions (GET /transactions, operation
// getTransactions).
func (s *TransactionsService) List(ctx context.Context, p *TransactionListParams) (*Page[Transaction], error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return listQuery(ctx, c, transactionKind, p.paging(), p.query)
}

// All walks every transaction from p forward, sending GET /transactions
// once per page, lazily.
func (s *TransactionsService) All(ctx context.Context, p *TransactionListParams) iter.Seq2[*Transaction, error] {
	c, err := use((*service)(s))
	if err != nil {
		return errSeq[Transaction](err)
	}
	if err := p.Validate(); err != nil {
		return errSeq[Transaction](err)
	}
	return allQuery(ctx, c, transactionKind, p.paging(), p.query)
}

// paging is p's paging params (nil for a nil p).
func (p *TransactionListParams) paging() *ListParams {
	if p == nil {
		return nil
	}
	return &ListParams{Limit: p.Limit, Next: p.Next, Previous: p.Previous}
}

// query is the query of one page: a copy of p's filters with that page's
// paging params.
func (p *TransactionListParams) query(lp ListParams) any {
	var q TransactionListParams
	if p != nil {
		q = *p
	}
	q.Limit, q.Next, q.Previous = lp.Limit, lp.Next, lp.Previous
	return &q
}
