package digitalfemsatest

import (
	"errors"
	"fmt"
	"net/http"
	"sort"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// transaction is spec "transaction_response". The fake derives its
// transactions from what it did: a capture per paid charge, a refund per
// refund, a cashout retention per payout order, a transfer per transfer.
type transaction struct {
	ID            string  `json:"id"`
	Object        string  `json:"object"`
	Amount        int64   `json:"amount"`
	Fee           int64   `json:"fee"`
	Net           int64   `json:"net"`
	Currency      string  `json:"currency"`
	Status        string  `json:"status"`
	Type          string  `json:"type"`
	CreatedAt     int64   `json:"created_at"`
	Livemode      bool    `json:"livemode"`
	Charge        *string `json:"charge"`
	Transfer      *string `json:"transfer"`
	TransferredAt *int64  `json:"transferred_at"`
	Formula       *string `json:"formula"`
}

// captureFee is the fake's fee on a paid charge: 3.6% plus 3.00, in cents.
func captureFee(amount int64) int64 { return amount*36/1000 + 300 }

const captureFormula = "3.6% + 3.00 MXN"

func (x *extras) transactions() []*transaction {
	var out []*transaction
	for _, o := range x.s.orders.All() {
		for _, c := range o.Charges.Data {
			if c.PaidAt == nil {
				continue
			}
			chID, formula, fee := c.ID, captureFormula, captureFee(c.Amount)
			out = append(out, &transaction{ID: "txn_" + c.ID, Object: "transaction", Amount: c.Amount, Fee: fee, Net: c.Amount - fee,
				Currency: c.Currency, Status: "available", Type: "capture", CreatedAt: *c.PaidAt, Charge: &chID, Formula: &formula})
			for _, rf := range c.Refunds.Data {
				if rf.Status == "canceled" {
					continue
				}
				out = append(out, &transaction{ID: "txn_" + rf.ID, Object: "transaction", Amount: -rf.Amount, Net: -rf.Amount,
					Currency: rf.Currency, Status: "available", Type: "refund", CreatedAt: rf.CreatedAt, Charge: &chID})
			}
		}
	}
	for _, p := range x.s.payouts.All() {
		out = append(out, &transaction{ID: "txn_" + p.ID, Object: "transaction", Amount: -p.Amount, Net: -p.Amount, Currency: p.Currency,
			Status: "retained", Type: "cashout_retention", CreatedAt: p.CreatedAt})
	}
	for _, t := range x.transfers.All() {
		trID, at := t.ID, t.CreatedAt
		out = append(out, &transaction{ID: "txn_" + t.ID, Object: "transaction", Amount: -t.Amount, Net: -t.Amount, Currency: t.Currency,
			Status: "paid_out", Type: "transfer", CreatedAt: t.CreatedAt, Transfer: &trID, TransferredAt: &at})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt < out[j].CreatedAt })
	return out
}

func (x *extras) listTransactions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var out []*transaction
	for _, t := range x.transactions() {
		if (q.Get("id") == "" || t.ID == q.Get("id")) && (q.Get("charge_id") == "" || (t.Charge != nil && *t.Charge == q.Get("charge_id"))) &&
			(q.Get("type") == "" || t.Type == q.Get("type")) && (q.Get("currency") == "" || t.Currency == q.Get("currency")) {
			out = append(out, t)
		}
	}
	listDerived(w, r, out, func(t **transaction) string { return (*t).ID })
}

func (x *extras) getTransaction(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	for _, t := range x.transactions() {
		if t.ID == id {
			writeJSON(w, http.StatusOK, t)
			return
		}
	}
	notFound(w, r, "transaction", id)
}

// transfer is spec "transfer_response".
type transfer struct {
	transferFields
	Destination transferDestination `json:"destination"`
}

// transferFields are what a transfer and a listed one share.
type transferFields struct {
	ID                   string `json:"id"`
	Object               string `json:"object"`
	Amount               int64  `json:"amount"`
	Currency             string `json:"currency"`
	Status               string `json:"status"`
	CreatedAt            int64  `json:"created_at"`
	Livemode             bool   `json:"livemode"`
	StatementDescription string `json:"statement_description"`
	StatementReference   string `json:"statement_reference"`
}

type transferDestination struct {
	ID            string `json:"id"`
	Object        string `json:"object"`
	Type          string `json:"type"`
	AccountHolder string `json:"account_holder"`
	AccountNumber string `json:"account_number"`
	Bank          string `json:"bank"`
	PayeeID       string `json:"payee_id"`
	CreatedAt     int64  `json:"created_at"`
}

// BankAccount is the CLABE of the fake merchant's bank account, where
// Transfer sends the balance.
const BankAccount = "012180023547896764"

// declareTransfers declares /transfers, read only: Transfer makes them.
// A listed transfer names its bank account "method" (listedTransfer).
func (x *extras) declareTransfers(d *fakeapi.Dialect) {
	x.transfers = fakeapi.Declare(x.s.Server, d, fakeapi.Resource[transfer]{
		Name: "transfer", Path: "/transfers", IDPrefix: "trf_", IDLength: 17,
		ID:      func(t *transfer) string { return t.ID },
		Serve:   fakeapi.OpGet | fakeapi.OpList,
		Filters: search(func(t *transfer) []string { return []string{t.ID, t.StatementReference} }),
		View: func(op fakeapi.Ops, t transfer) any {
			if op == fakeapi.OpList {
				return listedTransfer{transferFields: t.transferFields, Method: t.Destination}
			}
			return t
		},
	})
}

// listedTransfer is a transfer as GET /transfers lists it (spec
// "transfers_response"): the bank account is "method" there.
type listedTransfer struct {
	transferFields
	Method transferDestination `json:"method"`
}

// Transfer pays amount cents of the available balance in currency out to
// the merchant's bank account (BankAccount), as DigitalFemsa's scheduled
// payouts do, and returns the transfer's id. It fails when the available
// balance is short.
func (s *Server) Transfer(currency string, amount int64) (string, error) {
	x := s.x
	if x == nil {
		return "", errors.New("digitalfemsatest: Transfer: the Server was not made by NewServer")
	}
	if amount < 1 {
		return "", fmt.Errorf("digitalfemsatest: Transfer: amount %d is not positive", amount)
	}
	s.mu.Lock()
	if s.available[currency] < amount {
		have := s.available[currency]
		s.mu.Unlock()
		return "", fmt.Errorf("digitalfemsatest: Transfer: %d %s available, %d asked", have, currency, amount)
	}
	s.available[currency] -= amount
	s.mu.Unlock()
	now := s.Now().Unix()
	ref := fakeapi.NewDigits(4)
	t := &transfer{transferFields: transferFields{ID: x.transfers.NewID(), Object: "transfer", Amount: amount, Currency: currency,
		Status: "pending", CreatedAt: now, StatementDescription: "DigitalFemsa " + ref, StatementReference: ref},
		Destination: transferDestination{ID: "pytmtd_2ide3qwTdDvNBosEC", Object: "bank_transfer_payout_method", Type: "BankTransferPayoutMethod",
			AccountHolder: "Comercio de prueba", AccountNumber: BankAccount, Bank: "BBVA Bancomer", PayeeID: "payee_2icdDewRxDENBos85", CreatedAt: now}}
	x.transfers.Put(t)
	return t.ID, nil
}
