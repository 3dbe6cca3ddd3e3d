package digitalfemsa

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/latampay/latampay-go/internal/transport"
)

// Balance is the account balance; every field lists one amount per
// currency (cents; usually a single MXN entry, empty when the API sends
// none).
type Balance struct {
	// Available is what can be paid out or withdrawn now.
	Available []Money `json:"available"`
	// Pending is collected but not yet settled.
	Pending []Money `json:"pending"`
	// Retained is held by DigitalFemsa.
	Retained []Money `json:"retained"`
	// RetentionAmount is the retention applied.
	RetentionAmount []Money `json:"retention_amount"`
	// TargetRetentionAmount is the retention DigitalFemsa aims to hold.
	TargetRetentionAmount []Money `json:"target_retention_amount"`
	// TemporarilyRetained is held for a while (for example a review).
	TemporarilyRetained []Money `json:"temporarily_retained"`
	// Gateway is the gateway balance.
	Gateway []Money `json:"gateway"`
	// CashoutRetentionAmount is held for payout-order references not yet
	// withdrawn or cancelled.
	CashoutRetentionAmount []Money `json:"cashout_retention_amount"`
	// FemsaRetention is FEMSA's own retention: "conekta_retention" on the
	// wire (the specification's name, inherited from Conekta). An answer
	// that names it "femsa_retention" instead is read too.
	FemsaRetention []Money `json:"conekta_retention"`
	// TargetCollateralAmount is an object of undocumented shape, kept raw
	// (nil when absent).
	TargetCollateralAmount json.RawMessage `json:"target_collateral_amount"`

	// present says the answer held at least one of the fields above.
	present bool
}

// AvailableIn returns the available amount in currency (0 when absent).
func (b *Balance) AvailableIn(currency string) int64 { return sumIn(b.Available, currency) }

func sumIn(ms []Money, currency string) int64 {
	var n int64
	for _, m := range ms {
		if m.Currency == currency {
			n += m.Amount
		}
	}
	return n
}

// UnmarshalJSON accepts both names of the FEMSA retention; the
// specification's conekta_retention wins when both are sent.
func (b *Balance) UnmarshalJSON(data []byte) error {
	type plain Balance
	var w struct {
		plain
		AltRetention []Money `json:"femsa_retention"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*b = Balance(w.plain)
	if b.FemsaRetention == nil {
		b.FemsaRetention = w.AltRetention
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(data, &fields) == nil {
		for _, k := range []string{"available", "pending", "retained", "retention_amount", "target_retention_amount",
			"temporarily_retained", "gateway", "cashout_retention_amount", "femsa_retention", "conekta_retention", "target_collateral_amount"} {
			if _, ok := fields[k]; ok {
				b.present = true
				break
			}
		}
	}
	return nil
}

// BalanceService is client.Balance: the account's funds.
type BalanceService service

// Get sends GET /balance. The specification declares no
// X-Child-Company-Id here, so the header is never sent: the balance is the
// holding company's own. An answer that is no balance object (a 204 or an
// empty body, null, {} without any of the balance's fields) is an error
// matching ErrMalformedResponse, never a zero balance.
//
// DigitalFemsa API docs: https://developers.digitalfemsa.io/reference/getbalance
func (s *BalanceService) Get(ctx context.Context) (*Balance, error) {
	c, err := use((*service)(s))
	if err != nil {
		return nil, err
	}
	var out Balance
	resp, err := c.Do(ctx, &transport.Request{Method: "GET", Path: "/balance"}, &out)
	if err != nil {
		return nil, err
	}
	if !out.present {
		return nil, resp.Malformed(errors.New("no balance object in the answer"))
	}
	return &out, nil
}
