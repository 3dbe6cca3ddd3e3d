package culqi

import (
	"context"
	"encoding/json"
	"iter"
)

// IinsService is the /v2/iins API (BIN lookup). Its list cursors are BINs.
type IinsService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *IinsService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// IinService is the former name of IinsService.
//
// Deprecated: use IinsService.
type IinService = IinsService

// Get looks up a six-digit BIN.
//
// Get sends GET /v2/iins/{bin}.
// Culqi reference: https://apidocs.culqi.com/ (section IINs)
func (s *IinsService) Get(ctx context.Context, bin string) (*IIN, error) {
	return get[IIN](ctx, s.client(), "bin", bin, "iins")
}

// List fetches one page of IINs. Nil params list without filters.
//
// List sends GET /v2/iins.
// Culqi reference: https://apidocs.culqi.com/ (section IINs)
func (s *IinsService) List(ctx context.Context, p *ListParams) (*Page[IIN], error) {
	var q ListParams
	if p != nil {
		q = *p
	}
	return list[IIN](ctx, s.client(), "/v2/iins", &q, q.Limit, q.Before != "")
}

// All walks every IIN, fetching pages lazily.
//
// All sends GET /v2/iins, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section IINs)
func (s *IinsService) All(ctx context.Context, p *ListParams) iter.Seq2[*IIN, error] {
	return walkSimple[IIN](ctx, s.client(), "/v2/iins", p)
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

// TransfersService is the /v2/transfers API.
type TransfersService struct{ c *Client }

// client is the service's Client; nil for a nil or zero service, which
// every method then reports as errNoClient.
func (s *TransfersService) client() *Client {
	if s == nil {
		return nil
	}
	return s.c
}

// TransferService is the former name of TransfersService.
//
// Deprecated: use TransfersService.
type TransferService = TransfersService

// Get fetches a transfer.
//
// Get sends GET /v2/transfers/{id}.
// Culqi reference: https://apidocs.culqi.com/ (section Transferencias)
func (s *TransfersService) Get(ctx context.Context, id string) (*Transfer, error) {
	return get[Transfer](ctx, s.client(), "id", id, "transfers")
}

// List fetches one page of transfers. Nil params list without filters.
//
// List sends GET /v2/transfers.
// Culqi reference: https://apidocs.culqi.com/ (section Transferencias)
func (s *TransfersService) List(ctx context.Context, p *ListParams) (*Page[Transfer], error) {
	var q ListParams
	if p != nil {
		q = *p
	}
	return list[Transfer](ctx, s.client(), "/v2/transfers", &q, q.Limit, q.Before != "")
}

// All walks every transfer, fetching pages lazily.
//
// All sends GET /v2/transfers, once per page.
// Culqi reference: https://apidocs.culqi.com/ (section Transferencias)
func (s *TransfersService) All(ctx context.Context, p *ListParams) iter.Seq2[*Transfer, error] {
	return walkSimple[Transfer](ctx, s.client(), "/v2/transfers", p)
}
