package srpago

import (
	"context"
	"iter"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/latampay/latampay-go/internal/transport"
)

var ctx = context.Background()

const customerCreated = `{"id":"cus_5f7b769b43b3e","name":"here the name2","email":"ana@example.mx","active":1,
 "date_create":"2020-10-05T14:40:11-05:00","sources":[],"cards":[],"metadata":{"algo":"value","n":3},"deactivated_cards":0}`

const customerDetail = `{"id":"cus_rb98a47da","name":"CUSTOMER NAME","email":"c@example.mx","active":true,
 "date_create":"2016-10-08T01:29:57-05:00",
 "sources":[{"id":"spe_5a502b421852e","type":"spei","name":"clabe_nombre","clabe":"646320125500000105","reference":"","bank_name":"STP"}],
 "cards":[{"token":"crd_4030d0ef71c4668c6a6da41a897dd305717f7901","holder_name":"Ana","type":"VISA",
  "number":"441104XXXXXX000000","expiration":"1807","country_code":"MX","bank_name":"JPMORGAN CHASE BANK N.A.","funding":"DEBIT"}],
 "deactivated_cards":"2"}`

func TestCustomersCreate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := reply(mt, http.MethodPost, testBase+"/v1/customer", 200, ok(customerCreated))

	cus, err := c.Customers.Create(ctx, &CustomerParams{Name: "here the name2", Email: "ana@example.mx", Metadata: map[string]string{"algo": "value"}})
	require.NoError(t, err)
	r, body := cap.Last(t)
	assertHeaders(t, r, true)
	assert.JSONEq(t, `{"name":"here the name2","email":"ana@example.mx","metadata":{"algo":"value"}}`, body)

	assert.Equal(t, "cus_5f7b769b43b3e", cus.ID)
	assert.Equal(t, "here the name2", cus.Name)
	assert.Equal(t, "ana@example.mx", cus.Email)
	assert.True(t, cus.Active, "active: 1")
	assert.Equal(t, time.Date(2020, 10, 5, 19, 40, 11, 0, time.UTC), cus.CreatedAt.UTC())
	assert.Equal(t, Metadata{"algo": "value", "n": "3"}, cus.Metadata)
	assert.Empty(t, cus.Cards)
	assert.Empty(t, cus.Sources)
	assert.Equal(t, 0, cus.DeactivatedCards)
}

func TestCustomersGet(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := reply(mt, http.MethodGet, testBase+"/v1/customer/cus_rb98a47da", 200, ok(customerDetail))
	cus, err := c.Customers.Get(ctx, "cus_rb98a47da")
	require.NoError(t, err)
	r, body := cap.Last(t)
	assertHeaders(t, r, false)
	assert.Empty(t, body)

	assert.Equal(t, "cus_rb98a47da", cus.ID)
	assert.True(t, cus.Active, "active: true")
	assert.Equal(t, 2, cus.DeactivatedCards)
	require.Len(t, cus.Sources, 1)
	assert.Equal(t, Source{ID: "spe_5a502b421852e", Type: "spei", Name: "clabe_nombre", CLABE: "646320125500000105", BankName: "STP"}, *cus.Sources[0])
	require.Len(t, cus.Cards, 1)
	assert.Equal(t, SavedCard{Token: "crd_4030d0ef71c4668c6a6da41a897dd305717f7901", HolderName: "Ana", Type: CardTypeVisa,
		Number: "441104XXXXXX000000", Expiration: "1807", CountryCode: "MX", BankName: "JPMORGAN CHASE BANK N.A.", Funding: "DEBIT"}, *cus.Cards[0])
}

func TestCustomersActiveShapes(t *testing.T) {
	t.Parallel()
	for raw, want := range map[string]bool{`1`: true, `true`: true, `"1"`: true, `0`: false, `false`: false, `null`: false} {
		var cus Customer
		require.NoError(t, cus.UnmarshalJSON([]byte(`{"id":"cus_1","active":`+raw+`}`)), raw)
		assert.Equal(t, want, cus.Active, raw)
	}
}

func TestCustomersUpdate(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := reply(mt, http.MethodPut, testBase+"/v1/customer/cus_1", 200, ok(`{"id":"cus_1","name":"Ana María","email":"ana@example.mx","active":true}`))
	cus, err := c.Customers.Update(ctx, "cus_1", &CustomerParams{Name: "Ana María", Metadata: map[string]string{"k": "v"}})
	require.NoError(t, err)
	r, body := cap.Last(t)
	assertHeaders(t, r, true)
	assert.JSONEq(t, `{"name":"Ana María","metadata":{"k":"v"}}`, body)
	assert.Equal(t, "Ana María", cus.Name)
	assert.True(t, cus.Active)
}

func TestCustomersDelete(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	cap := reply(mt, http.MethodDelete, testBase+"/v1/customer/cus_1", 200, ok(`{"id":"cus_1"}`))
	require.NoError(t, c.Customers.Delete(ctx, "cus_1"))
	r, _ := cap.Last(t)
	assertHeaders(t, r, false)
}

func TestCustomersListShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, result string
		wantN        int
		wantTotal    int
		wantMore     bool
	}{
		{"array, full page", `[{"id":"cus_1","active":true},{"id":"cus_2","active":1}]`, 2, 0, true},
		{"array, short page", `[{"id":"cus_1"}]`, 1, 0, false},
		{"object with total", `{"total":5,"customers":[{"id":"cus_1"},{"id":"cus_2"}]}`, 2, 5, true},
		{"object, total reached", `{"total":"4","customers":[{"id":"cus_1"},{"id":"cus_2"}]}`, 2, 4, false},
		{"object, total 0 not trusted", `{"total":0,"customers":[{"id":"cus_1"},{"id":"cus_2"}]}`, 2, 0, true},
		{"object, empty list", `{"customers":[]}`, 0, 0, false},
		// The API ignored the limit and sent everything: All stops there
		// too (transport.OffsetPages).
		{"array, longer than the limit", `[{"id":"cus_1"},{"id":"cus_2"},{"id":"cus_3"}]`, 3, 0, false},
		{"empty", `[]`, 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			cap := reply(mt, http.MethodGet, testBase+"/v1/customer", 200, ok(tt.result))
			page, err := c.Customers.List(ctx, &CustomerListParams{Limit: 2, Offset: 2})
			require.NoError(t, err)
			r, _ := cap.Last(t)
			assert.Equal(t, "limit=2&offset=2", r.URL.RawQuery)
			assert.Len(t, page.Data, tt.wantN)
			assert.Equal(t, tt.wantTotal, page.Total)
			assert.Equal(t, tt.wantMore, page.HasMore)
		})
	}
}

func TestCustomersAll(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	mt.RegisterResponderWithQuery(http.MethodGet, testBase+"/v1/customer", "limit=2",
		httpmockString(ok(`[{"id":"cus_1"},{"id":"cus_2"}]`)))
	mt.RegisterResponderWithQuery(http.MethodGet, testBase+"/v1/customer", "limit=2&offset=2",
		httpmockString(ok(`[{"id":"cus_3"},{"id":"cus_4"}]`)))
	mt.RegisterResponderWithQuery(http.MethodGet, testBase+"/v1/customer", "limit=2&offset=4",
		httpmockString(ok(`[{"id":"cus_5"}]`)))
	p := &CustomerListParams{Limit: 2}
	var ids []string
	for cus, err := range c.Customers.All(ctx, p) {
		require.NoError(t, err)
		ids = append(ids, cus.ID)
	}
	assert.Equal(t, []string{"cus_1", "cus_2", "cus_3", "cus_4", "cus_5"}, ids)
	assert.Equal(t, 3, calls(mt))
	assert.Equal(t, CustomerListParams{Limit: 2}, *p, "params not mutated")

	// Breaking early stops fetching.
	for range c.Customers.All(ctx, p) {
		break
	}
	assert.Equal(t, 4, calls(mt))
}

// A list answer without a list is not an empty page: reconciliation would
// read "nothing there" from it.
func TestListWithoutListIsMalformed(t *testing.T) {
	t.Parallel()
	lists := []struct {
		name, url string
		call      func(c *Client) error
	}{
		{"customers", testBase + "/v1/customer", func(c *Client) error { _, err := c.Customers.List(ctx, nil); return err }},
		{"operations", testBase + "/v1/operations", func(c *Client) error { _, err := c.Operations.List(ctx, nil); return err }},
		{"cards", testBase + "/v1/customer/cus_1/cards", func(c *Client) error { _, err := c.Cards.List(ctx, "cus_1"); return err }},
	}
	results := []string{`{}`, `{"total":3}`, `{"items":[{"id":"cus_1"}]}`}
	for _, l := range lists {
		for _, result := range results {
			t.Run(l.name+" "+result, func(t *testing.T) {
				t.Parallel()
				c, mt := setup(t)
				reply(mt, http.MethodGet, l.url, 200, ok(result))
				err := l.call(c)
				require.ErrorIs(t, err, ErrMalformedResponse)
				var me *transport.MalformedResponseError
				require.ErrorAs(t, err, &me)
				assert.Equal(t, 200, me.StatusCode)
				assert.Contains(t, err.Error(), "no list in the result")
				assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a read, safe to repeat")
			})
		}
	}
}

// Without a limit the API's page size is unknown: a non-empty page reports
// HasMore unless a total says the list is complete, and All walks on until
// an empty page, as HasMore says.
func TestCustomersListWithoutLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, result string
		wantMore     bool
	}{
		{"page, no total", `[{"id":"cus_1"},{"id":"cus_2"}]`, true},
		{"page, total reached", `{"total":2,"customers":[{"id":"cus_1"},{"id":"cus_2"}]}`, false},
		{"page, total beyond", `{"total":3,"customers":[{"id":"cus_1"},{"id":"cus_2"}]}`, true},
		{"empty", `[]`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			cap := reply(mt, http.MethodGet, testBase+"/v1/customer", 200, ok(tt.result))
			page, err := c.Customers.List(ctx, nil)
			require.NoError(t, err)
			r, _ := cap.Last(t)
			assert.Empty(t, r.URL.RawQuery)
			assert.Equal(t, tt.wantMore, page.HasMore)
		})
	}

	c, mt := setup(t)
	mt.RegisterResponderWithQuery(http.MethodGet, testBase+"/v1/customer", "",
		httpmockString(ok(`[{"id":"cus_1"},{"id":"cus_2"}]`)))
	mt.RegisterResponderWithQuery(http.MethodGet, testBase+"/v1/customer", "offset=2",
		httpmockString(ok(`[]`)))
	var ids []string
	for cus, err := range c.Customers.All(ctx, nil) {
		require.NoError(t, err)
		ids = append(ids, cus.ID)
	}
	assert.Equal(t, []string{"cus_1", "cus_2"}, ids)
	assert.Equal(t, 2, calls(mt))
}

// TestAllRefusesWhatListRefuses: every All checks its params once, before
// any request, and yields the error List returns for them; a zero client
// is reported first, as List reports it.
func TestAllRefusesWhatListRefuses(t *testing.T) {
	t.Parallel()
	first := func(seq iter.Seq2[*Operation, error]) error {
		for _, err := range seq {
			return err
		}
		return nil
	}
	cases := []struct {
		name string
		list func(c *Client) error
		all  func(c *Client) error
	}{
		{"Customers Limit", func(c *Client) error { _, err := c.Customers.List(ctx, &CustomerListParams{Limit: -1}); return err },
			func(c *Client) error {
				for _, err := range c.Customers.All(ctx, &CustomerListParams{Limit: -1}) {
					return err
				}
				return nil
			}},
		{"Customers Offset", func(c *Client) error { _, err := c.Customers.List(ctx, &CustomerListParams{Offset: -2}); return err },
			func(c *Client) error {
				for _, err := range c.Customers.All(ctx, &CustomerListParams{Offset: -2}) {
					return err
				}
				return nil
			}},
		{"Operations EndDate", func(c *Client) error {
			_, err := c.Operations.List(ctx, &OperationListParams{StartDate: time.Unix(1700000000, 0), EndDate: time.Unix(1600000000, 0)})
			return err
		}, func(c *Client) error {
			return first(c.Operations.All(ctx, &OperationListParams{StartDate: time.Unix(1700000000, 0), EndDate: time.Unix(1600000000, 0)}))
		}},
		{"Operations Offset", func(c *Client) error { _, err := c.Operations.List(ctx, &OperationListParams{Offset: -1}); return err },
			func(c *Client) error { return first(c.Operations.All(ctx, &OperationListParams{Offset: -1})) }},
		{"Payments Type", func(c *Client) error { _, err := c.Payments.List(ctx, &PaymentListParams{}); return err },
			func(c *Client) error { return first(c.Payments.All(ctx, nil)) }},
		{"Payments Limit", func(c *Client) error {
			_, err := c.Payments.List(ctx, &PaymentListParams{Type: TypeStore, Limit: -1})
			return err
		}, func(c *Client) error {
			return first(c.Payments.All(ctx, &PaymentListParams{Type: TypeStore, Limit: -1}))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mt := setup(t)
			want := tc.list(c)
			require.ErrorIs(t, want, ErrInvalidParams)
			got := tc.all(c)
			require.ErrorIs(t, got, ErrInvalidParams)
			assert.Equal(t, want.Error(), got.Error())
			assert.Zero(t, calls(mt), "refused params send nothing")

			var zero Client
			assert.ErrorIs(t, tc.all(&zero), ErrNoClient)
		})
	}
}
