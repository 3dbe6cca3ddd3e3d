package digitalfemsa

import (
	"context"
	"iter"

	"github.com/latampay/latampay-go/internal/transport"
)

// validator is the Validate every params type has; a nil params pointer
// still answers it (with its "is nil" error).
type validator interface{ Validate() error }

// subresource is a resource nested under an order or a customer (an
// order's lines, a customer's payment sources). Its operations share one
// shape: the service's connection, the escaped path ids, the params'
// check, then the request; in that order, so the first refusal is the
// same for all of them.
type subresource[T any] struct {
	kind kind[T]
	// parent is the parent's collection ("/orders/"), field the name its
	// id goes by in errors ("OrderID"), and name the nested collection
	// ("/line_items").
	parent, field, name string
}

// orderSub and customerSub are the resources of k nested at name under an
// order and under a customer.
func orderSub[T any](k kind[T], name string) subresource[T] {
	return subresource[T]{kind: k, parent: "/orders/", field: "OrderID", name: "/" + name}
}

func customerSub[T any](k kind[T], name string) subresource[T] {
	return subresource[T]{kind: k, parent: "/customers/", field: "CustomerID", name: "/" + name}
}

// create sends POST {parent}/{pid}/{name} with the body build makes once p
// is valid (build may then read p).
func (r subresource[T]) create(ctx context.Context, s *service, pid string, p validator, build func() any) (*T, error) {
	c, path, err := r.under(s, pid)
	if err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return doObject(ctx, c, &transport.Request{Method: "POST", Path: path, Body: build(),
		Header: r.kind.header(c)}, r.kind.check)
}

// under is s's connection and the path of the items under pid
// ({parent}/{pid}/{name}).
func (r subresource[T]) under(s *service, pid string) (*conn, string, error) {
	c, err := use(s)
	if err != nil {
		return nil, "", err
	}
	id, err := pathID(r.field, pid)
	if err != nil {
		return nil, "", err
	}
	return c, r.parent + id + r.name, nil
}

// update sends PUT {parent}/{pid}/{name}/{id} with the body build makes
// once p is valid.
func (r subresource[T]) update(ctx context.Context, s *service, pid, id string, p validator, build func() any) (*T, error) {
	return r.item(ctx, s, "PUT", pid, id, p, build)
}

// get and delete send GET and DELETE {parent}/{pid}/{name}/{id}, with no
// body.
func (r subresource[T]) get(ctx context.Context, s *service, pid, id string) (*T, error) {
	return r.item(ctx, s, "GET", pid, id, nil, nil)
}

func (r subresource[T]) delete(ctx context.Context, s *service, pid, id string) (*T, error) {
	return r.item(ctx, s, "DELETE", pid, id, nil, nil)
}

// item sends method to one item; p, when not nil, is checked and build
// makes the body.
func (r subresource[T]) item(ctx context.Context, s *service, method, pid, id string, p validator, build func() any) (*T, error) {
	c, err := use(s)
	if err != nil {
		return nil, err
	}
	ids, err := pathIDs(r.field, pid, "id", id)
	if err != nil {
		return nil, err
	}
	req := &transport.Request{Method: method, Path: r.parent + ids[0] + r.name + "/" + ids[1], Header: r.kind.header(c)}
	if p != nil {
		if err := p.Validate(); err != nil {
			return nil, err
		}
		req.Body = build()
	}
	return doObject(ctx, c, req, r.kind.check)
}

// page fetches one page of the items under pid.
func (r subresource[T]) page(ctx context.Context, s *service, pid string, p *ListParams) (*Page[T], error) {
	c, path, err := r.under(s, pid)
	if err != nil {
		return nil, err
	}
	return list(ctx, c, r.kind.at(path), p)
}

// walk walks every item under pid.
func (r subresource[T]) walk(ctx context.Context, s *service, pid string, p *ListParams) iter.Seq2[*T, error] {
	c, path, err := r.under(s, pid)
	if err != nil {
		return errSeq[T](err)
	}
	return all(ctx, c, r.kind.at(path), p)
}
