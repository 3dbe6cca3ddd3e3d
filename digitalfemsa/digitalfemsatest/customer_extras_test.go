package digitalfemsatest_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/digitalfemsa"
)

func TestFakePaymentSources(t *testing.T) {
	t.Parallel()
	_, c, cus := fakeWithCustomer(t)
	exp := time.Now().Add(30 * 24 * time.Hour).Truncate(time.Second)
	ps, err := c.PaymentSources.Create(bg, cus.ID, &digitalfemsa.PaymentSourceParams{ExpiresAt: exp})
	require.NoError(t, err)
	assert.Equal(t, "payment_source", ps.Object)
	assert.Equal(t, digitalfemsa.PaymentSourceCash, ps.Type)
	assert.Equal(t, cus.ID, ps.ParentID)
	assert.Len(t, ps.Reference, 14)
	assert.Equal(t, ps.Reference, ps.Barcode)
	assert.Equal(t, exp.Unix(), ps.ExpiresAt.Unix())
	assert.Equal(t, "Oxxo", ps.Provider)

	_, err = c.PaymentSources.Create(bg, cus.ID, &digitalfemsa.PaymentSourceParams{Type: "card"})
	apiErr(t, err, http.StatusUnprocessableEntity)
	_, err = c.PaymentSources.Create(bg, "cus_missing", &digitalfemsa.PaymentSourceParams{})
	apiErr(t, err, http.StatusNotFound)

	upd, err := c.PaymentSources.Update(bg, cus.ID, ps.ID, &digitalfemsa.PaymentSourceUpdateParams{Name: "Renta"})
	require.NoError(t, err)
	assert.Equal(t, ps.ID, upd.ID)
	second, err := c.PaymentSources.Create(bg, cus.ID, &digitalfemsa.PaymentSourceParams{})
	require.NoError(t, err)
	pg, err := c.PaymentSources.List(bg, cus.ID, &digitalfemsa.ListParams{Limit: 1})
	require.NoError(t, err)
	require.Len(t, pg.Data, 1)
	assert.True(t, pg.HasMore)
	var ids []string
	for p, err := range c.PaymentSources.All(bg, cus.ID, &digitalfemsa.ListParams{Limit: 1}) {
		require.NoError(t, err)
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []string{ps.ID, second.ID}, ids)

	del, err := c.PaymentSources.Delete(bg, cus.ID, ps.ID)
	require.NoError(t, err)
	assert.Equal(t, ps.ID, del.ID)
	_, err = c.PaymentSources.Delete(bg, cus.ID, ps.ID)
	apiErr(t, err, http.StatusNotFound)
	// Another customer's source is not found under this one.
	other, err := c.Customers.Create(bg, &digitalfemsa.CustomerParams{Name: "Luis", Email: "luis@example.mx"})
	require.NoError(t, err)
	_, err = c.PaymentSources.Update(bg, other.ID, second.ID, &digitalfemsa.PaymentSourceUpdateParams{Name: "x"})
	apiErr(t, err, http.StatusNotFound)
}

func TestFakeFiscalEntities(t *testing.T) {
	t.Parallel()
	_, c, cus := fakeWithCustomer(t)
	addr := digitalfemsa.FiscalAddress{Street1: "Calle 1", PostalCode: "06100", City: "CDMX", Country: "MX", ExternalNumber: "10"}
	fe, err := c.FiscalEntities.Create(bg, cus.ID, &digitalfemsa.FiscalEntityParams{Address: addr, TaxID: "XAXX010101000", Name: "Empresa SA",
		Email: "f@example.mx", Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	assert.Equal(t, cus.ID, fe.ParentID)
	assert.True(t, fe.Default, "the first one is the default")
	assert.Equal(t, addr, fe.Address)
	assert.Equal(t, "Empresa SA", fe.Name)
	assert.Equal(t, digitalfemsa.Metadata{"k": "v"}, fe.Metadata)

	fe, err = c.FiscalEntities.Update(bg, cus.ID, fe.ID, &digitalfemsa.FiscalEntityUpdateParams{CompanyName: "Empresa SA de CV", Phone: "5566982096"})
	require.NoError(t, err)
	assert.Equal(t, "Empresa SA de CV", fe.Name)
	assert.Equal(t, "5566982096", fe.Phone)
	assert.Equal(t, "XAXX010101000", fe.TaxID)

	second, err := c.FiscalEntities.Create(bg, cus.ID, &digitalfemsa.FiscalEntityParams{Address: addr})
	require.NoError(t, err)
	assert.False(t, second.Default)
	_, err = c.FiscalEntities.Update(bg, "cus_other", fe.ID, &digitalfemsa.FiscalEntityUpdateParams{Phone: "1"})
	apiErr(t, err, http.StatusNotFound)
}

func TestFakeShippingContacts(t *testing.T) {
	t.Parallel()
	_, c, cus := fakeWithCustomer(t)
	yes := true
	sc, err := c.ShippingContacts.Create(bg, cus.ID, &digitalfemsa.ShippingContactParams{Receiver: "Marvin", Phone: "+525511223344",
		BetweenStreets: "Ackerman", Default: &yes, Metadata: map[string]string{"k": "v"},
		Address: digitalfemsa.ShippingAddress{Street1: "250 Alexis St", City: "CDMX", Country: "MX", Residential: &yes}})
	require.NoError(t, err)
	assert.Equal(t, "shipping_contact", sc.Object)
	assert.Equal(t, "shipping_address", sc.Address.Object)
	assert.Equal(t, "250 Alexis St", sc.Address.Street1)
	assert.True(t, sc.Default)
	require.NotNil(t, sc.BetweenStreets)
	assert.Equal(t, "Ackerman", *sc.BetweenStreets)

	sc, err = c.ShippingContacts.Update(bg, cus.ID, sc.ID, &digitalfemsa.ShippingContactUpdateParams{Receiver: "Ana",
		Address: &digitalfemsa.ShippingAddress{PostalCode: "06100"}})
	require.NoError(t, err)
	assert.Equal(t, "Ana", sc.Receiver)
	assert.Equal(t, "06100", sc.Address.PostalCode)
	assert.Equal(t, "250 Alexis St", sc.Address.Street1, "fields not sent stay")

	del, err := c.ShippingContacts.Delete(bg, cus.ID, sc.ID)
	require.NoError(t, err)
	assert.True(t, del.Deleted)
	_, err = c.ShippingContacts.Delete(bg, cus.ID, sc.ID)
	apiErr(t, err, http.StatusNotFound)
}

// The fake refuses, as the API does, what the SDK's own checks never send:
// each of these bodies reaches the handler only over raw HTTP.
func TestFakeCustomerChildrenRefuseBadBodies(t *testing.T) {
	t.Parallel()
	srv, c, cus := fakeWithCustomer(t)
	fe, err := c.FiscalEntities.Create(bg, cus.ID, &digitalfemsa.FiscalEntityParams{
		Address: digitalfemsa.FiscalAddress{Street1: "Calle 1", PostalCode: "06100", City: "CDMX", Country: "MX"}})
	require.NoError(t, err)
	sc, err := c.ShippingContacts.Create(bg, cus.ID, &digitalfemsa.ShippingContactParams{Receiver: "Ana"})
	require.NoError(t, err)
	base := "/customers/" + cus.ID
	const address = `"address":{"street1":"Calle 1","postal_code":"06100","city":"CDMX","country":"MX"}`
	tests := []struct {
		name, method, path, body, param, code string
	}{
		{"contact update with metadata", "PUT", base + "/shipping_contacts/" + sc.ID, `{"metadata":{"k":"v"}}`,
			"metadata", "femsa.errors.parameter_validation.whitelist"},
		{"fiscal update with a partial address", "PUT", base + "/fiscal_entities/" + fe.ID, `{"address":{"street1":"x"}}`,
			"address.postal_code", "femsa.errors.parameter_validation.address.postal_code.missing"},
		{"fiscal create with company_name", "POST", base + "/fiscal_entities", `{"company_name":"x",` + address + `}`,
			"company_name", "femsa.errors.parameter_validation.whitelist"},
		{"cash source already expired", "POST", base + "/payment_sources", `{"type":"cash","expires_at":1}`,
			"expires_at", "femsa.errors.parameter_validation.expires_at.invalid"},
	}
	// The group returns once its parallel cases have run, for the check below.
	t.Run("group", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				status, body := rawCall(t, srv, tt.method, tt.path, tt.body)
				assert.Equal(t, http.StatusUnprocessableEntity, status, body)
				var e struct {
					Type    string `json:"type"`
					Details []struct {
						Param string `json:"param"`
						Code  string `json:"code"`
					} `json:"details"`
				}
				require.NoError(t, json.Unmarshal([]byte(body), &e), body)
				assert.Equal(t, "parameter_validation_error", e.Type)
				require.Len(t, e.Details, 1, body)
				assert.Equal(t, tt.param, e.Details[0].Param)
				assert.Equal(t, tt.code, e.Details[0].Code)
			})
		}
	})
	// None of the refused bodies changed what is stored.
	got, err := c.ShippingContacts.Update(bg, cus.ID, sc.ID, &digitalfemsa.ShippingContactUpdateParams{Phone: "5566982096"})
	require.NoError(t, err)
	assert.Empty(t, got.Metadata)
}
