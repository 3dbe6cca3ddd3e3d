package srpago

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReferencesCreateCash(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := reply(mt, http.MethodPost, testBase+"/v1/payment/convenience-store", 200, ok(`{
	  "reference":"93000262210913","barcode":"93000262210913001234","barcode_url":"https://sandbox-api.srpago.com/barcode/x.png",
	  "transaction":"NDcxODU3","store":"oxxo","total":{"amount":"123.45","currency":"MXN"},
	  "expiration":"2026-12-10T23:59:59-06:00","url":"https://sandbox-connect.srpago.com/recipe/x"}`))
	ref, err := c.References.CreateCash(ctx, &CashReferenceParams{Amount: 12345, Description: "Pedido 77"})
	require.NoError(t, err)
	r, body := rec.Last(t)
	assertHeaders(t, r, true)
	assert.JSONEq(t, `{"payment":{"reference":{"description":"Pedido 77"}},"total":123.45,"store":"oxxo"}`, body)
	assert.Equal(t, &CashReference{
		Reference: "93000262210913", Barcode: "93000262210913001234", BarcodeURL: "https://sandbox-api.srpago.com/barcode/x.png",
		TransactionID: "NDcxODU3", Store: "oxxo", Amount: 12345, Currency: "MXN",
		ExpiresAt: ref.ExpiresAt, URL: "https://sandbox-connect.srpago.com/recipe/x",
	}, ref)
	assert.True(t, ref.ExpiresAt.Equal(time.Date(2026, 12, 11, 5, 59, 59, 0, time.UTC)), ref.ExpiresAt)
}

func TestReferencesCashLenientShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, result string
		want         CashReference
	}{
		{"reference object, bare total", `{"reference":{"number":"123","description":"x"},"total":100,"expires":"2026-12-10T10:00:00-06:00"}`,
			CashReference{Reference: "123", Store: "oxxo", Amount: 10000, Currency: "MXN"}},
		{"barcode only, amount string", `{"barcode":"4455","amount":"99.90"}`,
			CashReference{Reference: "4455", Barcode: "4455", Store: "oxxo", Amount: 9990, Currency: "MXN"}},
		{"numeric reference, no amount", `{"reference":93000262210913}`,
			CashReference{Reference: "93000262210913", Store: "oxxo", Amount: 500, Currency: "MXN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			reply(mt, http.MethodPost, testBase+"/v1/payment/convenience-store", 200, ok(tt.result))
			ref, err := c.References.CreateCash(ctx, &CashReferenceParams{Amount: 500, Description: "d"})
			require.NoError(t, err)
			ref.ExpiresAt = Time{}
			assert.Equal(t, tt.want, *ref)
		})
	}
}

func TestReferencesCreateSPEI(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	rec := reply(mt, http.MethodPost, testBase+"/v1/payment/spei", 200, ok(`{
	  "clabe":"646180157000000004","reference":"1234567","bank_name":"STP","name":"Comercio SA",
	  "transaction":"NDcxODU4","total":100,"expiration_date":"2026-12-10"}`))
	ref, err := c.References.CreateSPEI(ctx, &SPEIReferenceParams{Amount: 10000, Description: "-"})
	require.NoError(t, err)
	r, body := rec.Last(t)
	assertHeaders(t, r, true)
	assert.JSONEq(t, `{"payment":{"reference":{"description":"-"}},"total":100.00}`, body)
	assert.Equal(t, "646180157000000004", ref.CLABE)
	assert.Equal(t, "1234567", ref.Reference)
	assert.Equal(t, "STP", ref.BankName)
	assert.Equal(t, "Comercio SA", ref.Holder)
	assert.Equal(t, "NDcxODU4", ref.TransactionID)
	assert.Equal(t, int64(10000), ref.Amount)
	assert.Equal(t, "MXN", ref.Currency)
	assert.Equal(t, "2026-12-10", ref.ExpiresAt.Format(time.DateOnly))

	c2, mt2 := setup(t)
	reply(mt2, http.MethodPost, testBase+"/v1/payment/spei", 200, ok(`{"clabe":"646180157000000004","bank":"STP","holder":"H"}`))
	ref, err = c2.References.CreateSPEI(ctx, &SPEIReferenceParams{Amount: 250, Description: "x"})
	require.NoError(t, err)
	assert.Equal(t, "STP", ref.BankName)
	assert.Equal(t, "H", ref.Holder)
	assert.Equal(t, int64(250), ref.Amount, "the amount asked for when the answer has none")
}

// TestReferencesNeverRepeated: both calls move money later, so a 5xx or an
// answer without a reference is sent once and ends in ErrOutcomeUnknown
// naming the call; a decoded refusal is a plain *Error.
func TestReferencesNeverRepeated(t *testing.T) {
	t.Parallel()
	calls := []struct {
		op, path string
		call     func(c *Client) error
	}{
		{"references.cash", "/v1/payment/convenience-store", func(c *Client) error {
			_, err := c.References.CreateCash(ctx, &CashReferenceParams{Amount: 100, Description: "d"})
			return err
		}},
		{"references.spei", "/v1/payment/spei", func(c *Client) error {
			_, err := c.References.CreateSPEI(ctx, &SPEIReferenceParams{Amount: 100, Description: "d"})
			return err
		}},
	}
	answers := []struct {
		name    string
		status  int
		body    string
		unknown bool
	}{
		{"503", 503, `<html>down</html>`, true},
		{"500 internal error", 500, `{"success":false,"error":{"code":"InternalErrorException","message":"x"}}`, true},
		{"200 without reference", 200, ok(`{"total":100}`), true},
		{"200 array", 200, ok(`[]`), true},
		{"500 invalid param", 500, `{"success":false,"error":{"code":"InvalidParamException","message":"total"}}`, false},
	}
	for _, cl := range calls {
		for _, a := range answers {
			t.Run(cl.op+"/"+a.name, func(t *testing.T) {
				t.Parallel()
				c, mt := setup(t, WithMaxRetries(3))
				rec := reply(mt, http.MethodPost, testBase+cl.path, a.status, a.body)
				err := cl.call(c)
				require.Error(t, err)
				assert.Equal(t, 1, rec.Count(), "sent once")
				assert.Equal(t, a.unknown, errors.Is(err, ErrOutcomeUnknown), err.Error())
				var u *OutcomeUnknownError
				if a.unknown {
					require.ErrorAs(t, err, &u)
					assert.Equal(t, cl.op, u.Operation)
					assert.False(t, u.SentAt.IsZero())
				} else {
					var e *Error
					require.ErrorAs(t, err, &e)
					assert.Equal(t, CodeInvalidParam, e.Code)
				}
			})
		}
	}
}

func TestReferencesValidate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	tests := []struct {
		field string
		err   error
	}{
		{"CashReferenceParams", (*CashReferenceParams)(nil).Validate()},
		{"Amount", (&CashReferenceParams{Amount: 99, Description: "d"}).Validate()},
		{"Description", (&CashReferenceParams{Amount: 100, Description: " "}).Validate()},
		{"Store", (&CashReferenceParams{Amount: 100, Description: "d", Store: "ox xo"}).Validate()},
		{"SPEIReferenceParams", (*SPEIReferenceParams)(nil).Validate()},
		{"Amount", (&SPEIReferenceParams{Amount: 0, Description: "d"}).Validate()},
		{"Description", (&SPEIReferenceParams{Amount: 100}).Validate()},
	}
	for _, tt := range tests {
		var pe *ParamError
		require.ErrorAs(t, tt.err, &pe, tt.field)
		assert.Equal(t, tt.field, pe.Field)
	}
	assert.NoError(t, (&CashReferenceParams{Amount: 100, Description: "d", Store: "oxxo"}).Validate())
	_, err := c.References.CreateCash(ctx, &CashReferenceParams{Amount: 1, Description: "d"})
	assert.ErrorIs(t, err, ErrInvalidParams)
	_, err = c.References.CreateSPEI(ctx, nil)
	assert.ErrorIs(t, err, ErrInvalidParams)
	assert.Zero(t, calls(mt))
}
