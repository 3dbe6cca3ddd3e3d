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
type TransfersService struct{ c *transport.Client }

func (s *TransfersService) tc() *transport.Client {
	if s == nil {
		return nil
	}
	return s.c
}

// Get fetches a transfer (GET /transfers/{id}, operation getTransfer).
func (s *TransfersService) Get(ctx context.Context, id string) (*Transfer, error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	tid, err := escapeID("id", id)
	if err != nil {
		return nil, err
	}
	return callObject(ctx, s.tc(), &transport.Request{Method: "GET", Path: "/transfers/" + tid}, "transfer", transferIdent)
}

// List returns one page of transfers (GET /transfers, operation
// getTransfers).
func (s *TransfersService) List(ctx context.Context, p *ListParams) (*Page[Transfer], error) {
	if err := opsReady(s.tc()); err != nil {
		return nil, err
	}
	if err := checkList(p); err != nil {
		return nil, err
	}
	q := listCopy(p, "")
	return fetchPage(ctx, s.tc(), "/transfers", &q, q.Limit, transferKey)
}

// All walks every transfer (GET /transfers).
func (s *TransfersService) All(ctx context.Context, p *ListParams) iter.Seq2[*Transfer, error] {
	if err := opsReady(s.tc()); err != nil {
		return failedWalk[Transfer](err)
	}
	if err := checkList(p); err != nil {
		return failedWalk[Transfer](err)
	}
	return walkPages(ctx, s.tc(), "/transfers", limitOf(p), func(cursor string) any { q := listCopy(p, cursor); return &q }, transferKey)
}

func transferIdent(t *Transfer) (string, string) { return t.ID, t.Object }
func transferKey(t *Transfer) string             { return t.ID }
