package digitalfemsa

import (
	"context"
	"encoding/json"

	"github.com/latampay/latampay-go/internal/transport"
)

// Balance is the account balance; every field lists one amount per
// currency.
type Balance struct {
	Available              []Money `json:"available"`
	Pending                []Money `json:"pending"`
	Retained               []Money `json:"retained"`
	RetentionAmount        []Money `json:"retention_amount"`
	TargetRetentionAmount  []Money `json:"target_retention_amount"`
	TemporarilyRetained    []Money `json:"temporarily_retained"`
	Gateway                []Money `json:"gateway"`
	CashoutRetentionAmount []Money `json:"cashout_retention_amount"`
	// FemsaRetention is "femsa_retention" on the wire, or its Conekta name
	// "conekta_retention".
	FemsaRetention []Money `json:"femsa_retention"`
	// TargetCollateralAmount is an object of undocumented shape, kept raw.
	TargetCollateralAmount json.RawMessage `json:"target_collateral_amount"`
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

// UnmarshalJSON accepts both names of the FEMSA retention.
func (b *Balance) UnmarshalJSON(data []byte) error {
	type plain Balance
	var w struct {
		plain
		ConektaRetention []Money `json:"conekta_retention"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	*b = Balance(w.plain)
	if b.FemsaRetention == nil {
		b.FemsaRetention = w.ConektaRetention
	}
	return nil
}

// BalanceService is client.Balance.
type BalanceService struct{ c *transport.Client }

// Get reads the balance (GET /balance).
func (s *BalanceService) Get(ctx context.Context) (*Balance, error) {
	var out Balance
	if _, err := s.c.Do(ctx, &transport.Request{Method: "GET", Path: "/balance"}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
