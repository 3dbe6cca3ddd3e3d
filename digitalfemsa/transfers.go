package digitalfemsa

import (
	"context"
	"iter"

	"github.com/latampay/latampay-go/internal/transport"
)

// Transfer is a payout of the balance to the merchant's bank account.
type Transfer struct {
	// ID is the transfer's id ("trf_...").
	ID string `json:"id"`
	// Object is "transfer".
	Object string `json:"object"`
	// Amount in cents.
	Amount int64 `json:"amount"`
	// Currency is a three-letter code.
	Currency string `json:"currency"`
	// Status is the transfer's state, for example "pending"
	// (an open set).
	Status string `json:"status"`
	// CreatedAt is when it was made.
	CreatedAt Time `json:"created_at"`
	// Livemode is false in the sandbox.
	Livemode bool `json:"livemode"`
	// StatementDescription is the text the bank statement shows.
	StatementDescription string `json:"statement_description"`
	// StatementReference is the reference the bank statement shows.
	StatementReference string `json:"statement_reference"`
	// Destination is the bank account, as GET /transfers/{id} names it.
	Destination TransferDestination `json:"destination"`
	// Method is the same bank account as GET /transfers names it in each
	// item of a list.
	Method TransferDestination `json:"method"`
}

// TransferDestination is the bank account a transfer goes to.
type TransferDestination struct {
	// ID is the account's id.
	ID string `json:"id"`
	// Object is "bank_transfer_payout_method" in the API's examples.
	Object string `json:"object"`
	// Type is the payout method type, for example "BankTransferPayoutMethod".
	Type string `json:"type"`
	// AccountHolder is the account owner's name.
	AccountHolder string `json:"account_holder"`
	// AccountNumber is the CLABE as the API shows it.
	AccountNumber string `json:"account_number"`
	// Bank is the bank's name.
	Bank string `json:"bank"`
	// PayeeID is the payee's id.
	PayeeID string `json:"payee_id"`
	// CreatedAt is when the account was added.
	CreatedAt Time `json:"created_at"`
}

// TransfersService is client.Transfers: payouts to the merchant's bank.
type TransfersService service

var transferKind = kind[Transfer]{path: "/transfers", object: "transfer", child: true,
	id: func(t *Transfer) string { return t.ID }, obj: func(t *Transfer) string { return t.Object }}

// Get fetches a transfer (GET /transfers/{id}, operation getTransfer).
func (s *TransfersService) Get(ctx context.Context, id string) (*Transfer, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	tid, err := pathID("id", id)
	if err != nil {
		return nil, err
	}
	return doObject(ctx, c, &transport.Request{Method: "GET", Path: "/transfers/" + tid, Header: transferKind.header(c)}, transferKind.check)
}

// List returns one page of transfers (GET /transfers, operation
// getTransfers).
func (s *TransfersService) List(ctx context.Context, p *ListParams) (*Page[Transfer], error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	return list(ctx, c, transferKind, p)
}

// All walks every transfer (GET /transfers).
func (s *TransfersService) All(ctx context.Context, p *ListParams) iter.Seq2[*Transfer, error] {
	c, err := use((*service)(s))
	if err != nil {
		return errSeq[Transfer](err)
	}
	return all(ctx, c, transferKind, p)
}
