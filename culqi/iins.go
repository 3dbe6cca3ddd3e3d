package culqi

import (
	"context"
	"encoding/json"
	"iter"
)

// IinService is the /v2/iins API (BIN lookup). Its list cursors are BINs.
type IinService struct{ c *Client }

// Get looks up a six-digit BIN.
func (s *IinService) Get(ctx context.Context, bin string) (*IIN, error) {
	return get[IIN](ctx, s.c, "bin", bin, "iins")
}

// List fetches one page of IINs. Nil params list without filters.
func (s *IinService) List(ctx context.Context, p *ListParams) (*Page[IIN], error) {
	var q ListParams
	if p != nil {
		q = *p
	}
	return list[IIN](ctx, s.c, "/v2/iins", &q, q.Limit, q.Before != "")
}

// All walks every IIN, fetching pages lazily.
func (s *IinService) All(ctx context.Context, p *ListParams) iter.Seq2[*IIN, error] {
	return walkSimple(ctx, p, s.List)
}

// Transfer is a settlement from Culqi to the merchant. Culqi has not
// published its shape: ID and Object are read, and the whole object is kept
// in Raw.
type Transfer struct {
	// Object is Culqi's object name for a transfer.
	Object string `json:"object"`
	// ID is the transfer's id.
	ID string `json:"id"`
	// Raw is the transfer as Culqi sent it.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole object in Raw.
func (t *Transfer) UnmarshalJSON(b []byte) error {
	type plain Transfer
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*t = Transfer(p)
	t.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// TransferService is the /v2/transfers API.
type TransferService struct{ c *Client }

// Get fetches a transfer.
func (s *TransferService) Get(ctx context.Context, id string) (*Transfer, error) {
	return get[Transfer](ctx, s.c, "id", id, "transfers")
}

// List fetches one page of transfers. Nil params list without filters.
func (s *TransferService) List(ctx context.Context, p *ListParams) (*Page[Transfer], error) {
	var q ListParams
	if p != nil {
		q = *p
	}
	return list[Transfer](ctx, s.c, "/v2/transfers", &q, q.Limit, q.Before != "")
}

// All walks every transfer, fetching pages lazily.
func (s *TransferService) All(ctx context.Context, p *ListParams) iter.Seq2[*Transfer, error] {
	return walkSimple(ctx, p, s.List)
}
