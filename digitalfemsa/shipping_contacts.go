package digitalfemsa

import (
	"context"
)

// ShippingAddress is where a shipping contact receives parcels. The API
// requires none of its fields.
type ShippingAddress struct {
	// Object is "shipping_address" on what the API returns; never sent.
	Object string `json:"object,omitempty"`
	// Street1 is the street and number.
	Street1 string `json:"street1,omitempty"`
	// Street2 is the neighbourhood or second line.
	Street2 string `json:"street2,omitempty"`
	// PostalCode is the postal code.
	PostalCode string `json:"postal_code,omitempty"`
	// City is the city.
	City string `json:"city,omitempty"`
	// State is the state or province.
	State string `json:"state,omitempty"`
	// Country is the country, for example "MX".
	Country string `json:"country,omitempty"`
	// Residential, when not nil, says whether it is a home; the API may
	// answer null.
	Residential *bool `json:"residential,omitempty"`
}

// ShippingContactParams adds a shipping contact to a customer.
type ShippingContactParams struct {
	// Address is where parcels go; required by the API (its fields are
	// all optional).
	Address ShippingAddress
	// Phone of the receiver.
	Phone string
	// Receiver is the person who receives the parcel.
	Receiver string
	// BetweenStreets helps the carrier find the address.
	BetweenStreets string
	// Default, when not nil, makes (or unmakes) the customer's default
	// shipping contact.
	Default *bool
	// Metadata holds at most 100 keys.
	Metadata map[string]string
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check ShippingContacts.Create runs before any request.
func (p *ShippingContactParams) Validate() error {
	if p == nil {
		return invalidParams("ShippingContactParams", "is nil")
	}
	if p.Address.Object != "" {
		return invalidParams("Address.Object", "is set by the API; leave it empty")
	}
	if err := checkLen("Phone", p.Phone, 0, maxPhone); err != nil {
		return err
	}
	return checkMetadata("Metadata", p.Metadata)
}

// ShippingContactUpdateParams changes a shipping contact; empty fields are
// left unchanged, and at least one must be set.
type ShippingContactUpdateParams struct {
	// Address, when not nil, replaces the address.
	Address *ShippingAddress
	// Phone replaces the receiver's phone.
	Phone string
	// Receiver replaces the receiver.
	Receiver string
	// BetweenStreets replaces the directions.
	BetweenStreets string
	// Default, when not nil, sets whether this is the default contact.
	Default *bool
}

// Validate reports the first problem of p (ErrInvalidParams, naming the
// field): the check ShippingContacts.Update runs before any request.
func (p *ShippingContactUpdateParams) Validate() error {
	if p == nil {
		return invalidParams("ShippingContactUpdateParams", "is nil")
	}
	if p.Address == nil && p.Phone+p.Receiver+p.BetweenStreets == "" && p.Default == nil {
		return invalidParams("ShippingContactUpdateParams", "sets nothing")
	}
	if p.Address != nil && p.Address.Object != "" {
		return invalidParams("Address.Object", "is set by the API; leave it empty")
	}
	return checkLen("Phone", p.Phone, 0, maxPhone)
}

// ShippingContact is a customer's shipping address and receiver.
type ShippingContact struct {
	// ID is the contact's id ("ship_cont_...").
	ID string `json:"id"`
	// Object is "shipping_contact".
	Object string `json:"object"`
	// CreatedAt is when it was added.
	CreatedAt Time `json:"created_at"`
	// ParentID is the customer's id.
	ParentID string `json:"parent_id"`
	// Default marks the customer's default shipping contact.
	Default bool `json:"default"`
	// Deleted is true on the contact Delete returns.
	Deleted bool `json:"deleted"`
	// Phone is the receiver's phone.
	Phone string `json:"phone"`
	// Receiver is the person who receives parcels.
	Receiver string `json:"receiver"`
	// BetweenStreets helps the carrier; nil when the API sends null.
	BetweenStreets *string `json:"between_streets"`
	// Address is where parcels go.
	Address ShippingAddress `json:"address"`
	// Metadata is as sent.
	Metadata Metadata `json:"metadata"`
}

type shippingContactWire struct {
	Phone          string            `json:"phone,omitempty"`
	Receiver       string            `json:"receiver,omitempty"`
	BetweenStreets string            `json:"between_streets,omitempty"`
	Address        *ShippingAddress  `json:"address,omitempty"`
	Default        *bool             `json:"default,omitempty"`
	Metadata       map[string]string `json:"metadata,omitempty"`
}

// ShippingContactsService is client.ShippingContacts: customers' shipping
// addresses.
type ShippingContactsService service

var shippingContacts = customerSub(kind[ShippingContact]{object: "shipping_contact", child: true,
	id: func(s *ShippingContact) string { return s.ID }, obj: func(s *ShippingContact) string { return s.Object }}, "shipping_contacts")

// Create adds a shipping contact to a customer (POST
// /customers/{id}/shipping_contacts, operation
// CreateCustomerShippingContacts).
func (s *ShippingContactsService) Create(ctx context.Context, customerID string, p *ShippingContactParams) (*ShippingContact, error) {
	return shippingContacts.create(ctx, (*service)(s), customerID, p, func() any {
		return &shippingContactWire{Phone: p.Phone, Receiver: p.Receiver, BetweenStreets: p.BetweenStreets,
			Address: copyAddress(&p.Address), Default: copyBool(p.Default), Metadata: copyMetadata(p.Metadata)}
	})
}

// Update changes a shipping contact (PUT
// /customers/{id}/shipping_contacts/{shipping_contacts_id}, operation
// UpdateCustomerShippingContacts).
func (s *ShippingContactsService) Update(ctx context.Context, customerID, id string, p *ShippingContactUpdateParams) (*ShippingContact, error) {
	return shippingContacts.update(ctx, (*service)(s), customerID, id, p, func() any {
		return &shippingContactWire{Phone: p.Phone, Receiver: p.Receiver, BetweenStreets: p.BetweenStreets,
			Address: copyAddress(p.Address), Default: copyBool(p.Default)}
	})
}

// Delete removes a shipping contact (DELETE
// /customers/{id}/shipping_contacts/{shipping_contacts_id}, operation
// DeleteCustomerShippingContacts) and returns it.
func (s *ShippingContactsService) Delete(ctx context.Context, customerID, id string) (*ShippingContact, error) {
	return shippingContacts.delete(ctx, (*service)(s), customerID, id)
}

func copyAddress(a *ShippingAddress) *ShippingAddress {
	if a == nil {
		return nil
	}
	c := *a
	c.Residential = copyBool(a.Residential)
	return &c
}
