package srpago

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/latampay/latampay-go/internal/transport"
)

// AccountService reads the merchant account: its profile and its funds.
// Its methods on a nil service return an error matching ErrNoClient.
type AccountService service

// Account is the merchant account as GET /v1/account/info shows it. Sr.
// Pago documents the field names but few of their types: each field is
// read from a string, a number or a boolean alike, and is empty when
// absent.
type Account struct {
	// FirstName, LastName and Surname are the owner's names.
	FirstName, LastName, Surname string
	// Email is the account's e-mail address.
	Email string
	// Username is the account's login name.
	Username string
	// Active says whether the account is active.
	Active bool
	// RFC is the Mexican tax id.
	RFC string
	// CreatedAt is create_time.
	CreatedAt Time
	// CLABE is the account's 18-digit bank account for withdrawals.
	CLABE string
	// HoursReversal is the window in hours within which a charge may be
	// reversed (hoursReversal, e.g. 10000).
	HoursReversal int
	// FixedCommission and VariableCommission are the account's fees as Sr.
	// Pago writes them (units undocumented).
	FixedCommission, VariableCommission string
	// AutomaticWithdrawal says whether funds are paid out automatically.
	AutomaticWithdrawal bool
	// TrustLevel is Sr. Pago's trust level of the account (trustLevel).
	TrustLevel string
	// Raw is the whole result object, for the members not decoded here
	// (address, phones, company, thirdparty_accounts…).
	Raw json.RawMessage
}

type wireAccount struct {
	FirstName           flexString `json:"first_name"`
	LastName            flexString `json:"last_name"`
	Surname             flexString `json:"surname"`
	Email               flexString `json:"email"`
	Username            flexString `json:"username"`
	Active              flexBool   `json:"active"`
	RFC                 flexString `json:"rfc"`
	CreateTime          Time       `json:"create_time"`
	CLABE               flexString `json:"clabe"`
	HoursReversal       flexInt    `json:"hoursReversal"`
	FixedCommission     flexString `json:"fixedCommission"`
	VariableCommission  flexString `json:"variableCommission"`
	AutomaticWithdrawal flexBool   `json:"automatic_withdrawal"`
	TrustLevel          flexString `json:"trustLevel"`
}

// UnmarshalJSON decodes the account object; anything but an object is an
// error.
func (a *Account) UnmarshalJSON(b []byte) error {
	if b = bytes.TrimSpace(b); len(b) == 0 || b[0] != '{' {
		return errNotObject
	}
	var w wireAccount
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*a = Account{FirstName: string(w.FirstName), LastName: string(w.LastName), Surname: string(w.Surname),
		Email: string(w.Email), Username: string(w.Username), Active: bool(w.Active), RFC: string(w.RFC),
		CreatedAt: w.CreateTime, CLABE: string(w.CLABE), HoursReversal: int(w.HoursReversal),
		FixedCommission: string(w.FixedCommission), VariableCommission: string(w.VariableCommission),
		AutomaticWithdrawal: bool(w.AutomaticWithdrawal), TrustLevel: string(w.TrustLevel),
		Raw: append(json.RawMessage(nil), b...)}
	return nil
}

// Get returns the merchant account: GET /v1/account/info.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/account/account-info/
func (s *AccountService) Get(ctx context.Context) (*Account, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	return call[Account](ctx, c, &transport.Request{Method: http.MethodGet, Path: "/v1/account/info"})
}

// Funds is the account's balance as GET /v1/funds shows it. Amounts are
// centavos, read from strings ("239037.25") or numbers.
type Funds struct {
	// Total is total_funds.
	Total int64
	// Available is available_funds: what can be withdrawn now.
	Available int64
	// Withdrawn is total_withdrawal.
	Withdrawn int64
	// Pending is pending_funds: collected but not yet available.
	Pending int64
	// Commission is Sr. Pago's commission: amount, its IVA (VAT) and their
	// total, in centavos.
	Commission FundsCommission
	// Currency is "MXN".
	Currency string
	// Timestamp is when Sr. Pago computed the figures.
	Timestamp Time
}

// FundsCommission is the commission part of Funds, in centavos.
type FundsCommission struct {
	// Amount is the commission before tax.
	Amount int64
	// IVA is the value-added tax on it.
	IVA int64
	// Total is Amount plus IVA.
	Total int64
}

type wireFunds struct {
	Total      json.RawMessage `json:"total_funds"`
	Available  json.RawMessage `json:"available_funds"`
	Withdrawal json.RawMessage `json:"total_withdrawal"`
	Pending    json.RawMessage `json:"pending_funds"`
	Commission struct {
		Amount json.RawMessage `json:"amount"`
		IVA    json.RawMessage `json:"iva"`
		Total  json.RawMessage `json:"total"`
	} `json:"commission"`
	Currency  flexString `json:"currency"`
	Timestamp Time       `json:"timestamp"`
}

// UnmarshalJSON decodes the funds object; anything but an object, or one
// without total_funds and available_funds, is an error: a balance read as
// zero must not pass for a real one.
func (f *Funds) UnmarshalJSON(b []byte) error {
	if b = bytes.TrimSpace(b); len(b) == 0 || b[0] != '{' {
		return errNotObject
	}
	var w wireFunds
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	total, _, okT := money(w.Total)
	avail, _, okA := money(w.Available)
	if !okT && !okA {
		return errNoFunds
	}
	cents := func(raw json.RawMessage) int64 { c, _, _ := money(raw); return c }
	*f = Funds{Total: total, Available: avail, Withdrawn: cents(w.Withdrawal), Pending: cents(w.Pending),
		Commission: FundsCommission{Amount: cents(w.Commission.Amount), IVA: cents(w.Commission.IVA),
			Total: cents(w.Commission.Total)},
		Currency: string(w.Currency), Timestamp: w.Timestamp}
	return nil
}

// Funds returns the account's balance: GET /v1/funds.
//
// Reference: https://devcenter.srpago.com/docs/referencia-api/account/funds
func (s *AccountService) Funds(ctx context.Context) (*Funds, error) {
	c, err := (*service)(s).client()
	if err != nil {
		return nil, err
	}
	return call[Funds](ctx, c, &transport.Request{Method: http.MethodGet, Path: "/v1/funds"})
}

var errNoFunds = errors.New(`no "total_funds" or "available_funds" in the result`)
