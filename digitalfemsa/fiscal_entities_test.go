package digitalfemsa

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const fiscalEntityJSON = `{"id":"fis_ent_2tQ8HkkfbauaKP9Ho","object":"fiscal_entities","created_at":1675715413,"parent_id":"cus_2tKcHxhTz7xU5SymF","default":true,
"address":{"street1":"Calle 123","street2":"Col. Centro","postal_code":"06100","city":"CDMX","state":"CDMX","country":"MX","residential":true,"external_number":"123"},
"tax_id":"XAXX010101000","name":"Empresa SA","email":"facturas@example.mx","phone":"5566982096","metadata":{"k":"v"}}`

var wantFiscalEntity = FiscalEntity{ID: "fis_ent_2tQ8HkkfbauaKP9Ho", Object: "fiscal_entities", CreatedAt: unixTime(1675715413), ParentID: "cus_2tKcHxhTz7xU5SymF",
	Default: true, Address: FiscalAddress{Street1: "Calle 123", Street2: "Col. Centro", PostalCode: "06100", City: "CDMX", State: "CDMX", Country: "MX",
		Residential: true, ExternalNumber: "123"}, TaxID: "XAXX010101000", Name: "Empresa SA", Email: "facturas@example.mx", Phone: "5566982096", Metadata: Metadata{"k": "v"}}

func TestFiscalEntities(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	base := "/customers/cus_2tKcHxhTz7xU5SymF/fiscal_entities"
	addr := FiscalAddress{Street1: "Calle 123", PostalCode: "06100", City: "CDMX", Country: "MX", ExternalNumber: "123"}
	rec := respond(mt, "POST", base, 200, fiscalEntityJSON)
	fe, err := c.FiscalEntities.Create(ctx, "cus_2tKcHxhTz7xU5SymF", &FiscalEntityParams{Address: addr, TaxID: "XAXX010101000", Name: "Empresa SA",
		Email: "facturas@example.mx", Phone: "5566982096", Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	checkRequest(t, rec, "POST", base, "", `{"address":{"street1":"Calle 123","postal_code":"06100","city":"CDMX","country":"MX","external_number":"123"},
		"tax_id":"XAXX010101000","name":"Empresa SA","email":"facturas@example.mx","phone":"5566982096","metadata":{"k":"v"}}`)
	assert.Equal(t, wantFiscalEntity, *fe)

	rec = respond(mt, "PUT", base+"/fis_ent_2tQ8HkkfbauaKP9Ho", 200, fiscalEntityJSON)
	fe, err = c.FiscalEntities.Update(ctx, "cus_2tKcHxhTz7xU5SymF", "fis_ent_2tQ8HkkfbauaKP9Ho", &FiscalEntityUpdateParams{CompanyName: "Empresa SA de CV", Address: &addr})
	require.NoError(t, err)
	checkRequest(t, rec, "PUT", base+"/fis_ent_2tQ8HkkfbauaKP9Ho", "", `{"company_name":"Empresa SA de CV",
		"address":{"street1":"Calle 123","postal_code":"06100","city":"CDMX","country":"MX","external_number":"123"}}`)
	assert.Equal(t, wantFiscalEntity, *fe)

	n := mt.GetTotalCallCount()
	for field, p := range map[string]*FiscalEntityParams{
		"FiscalEntityParams": nil,
		"Address.Street1":    {},
		"Address.PostalCode": {Address: FiscalAddress{Street1: "s"}},
		"Address.City":       {Address: FiscalAddress{Street1: "s", PostalCode: "1"}},
		"Address.Country":    {Address: FiscalAddress{Street1: "s", PostalCode: "1", City: "c"}},
		"Email":              {Address: addr, Email: "nope"},
	} {
		assertParamField(t, p.Validate(), field)
		_, err := c.FiscalEntities.Create(ctx, "cus_1", p)
		assertParamField(t, err, field)
	}
	for field, p := range map[string]*FiscalEntityUpdateParams{
		"FiscalEntityUpdateParams": {},
		"Address.City":             {Address: &FiscalAddress{Street1: "s", PostalCode: "1", Country: "MX"}},
		"Email":                    {Email: "x"},
	} {
		assertParamField(t, p.Validate(), field)
		_, err := c.FiscalEntities.Update(ctx, "cus_1", "fe_1", p)
		assertParamField(t, err, field)
	}
	assert.Equal(t, n, mt.GetTotalCallCount())
}
