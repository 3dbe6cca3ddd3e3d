package culqi

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// webhookPAN is a Luhn-valid card number that must never appear in an
// error, in any of the spellings below.
const webhookPAN = "4000020000000000"

// panSpellings are the ways a body may carry webhookPAN.
var panSpellings = []string{
	webhookPAN,
	"4000 0200 0000 0000",
	"4000-0200-0000-0000",
	`\u0034000020000000000`, // a JSON escape that decodes to the plain number
}

// assertNoPAN fails when s holds webhookPAN once spaces and dashes are
// dropped.
func assertNoPAN(t *testing.T, s, name string) {
	t.Helper()
	plain := strings.NewReplacer(" ", "", "-", "").Replace(s)
	assert.NotContains(t, plain, webhookPAN, "%s: %s", name, s)
}

// ParseWebhook's errors (and DecodeData's) describe the body without
// quoting a card number it carries, however it is spelled.
func TestParseWebhookNeverQuotesAPAN(t *testing.T) {
	t.Parallel()
	for _, pan := range panSpellings {
		bodies := map[string]string{
			"object":        `{"object":"` + pan + `","type":"charge.creation.succeeded"}`,
			"creation date": `{"object":"event","type":"charge.creation.succeeded","creation_date":"` + pan + `"}`,
			"data string":   `{"object":"event","type":"charge.creation.succeeded","data":"` + pan + ` {"}`,
			"syntax":        `{"object":"event","type":"x",` + pan + `}`,
			"type number":   `{"object":"event","type":` + strings.ReplaceAll(pan, `\u0034`, "4") + `}`,
		}
		for name, body := range bodies {
			ev, err := ParseWebhook([]byte(body))
			require.Error(t, err, name)
			assert.Nil(t, ev, name)
			assert.ErrorIs(t, err, ErrMalformedResponse, name)
			assert.True(t, strings.HasPrefix(err.Error(), "culqi: "), err.Error())
			assertNoPAN(t, err.Error(), name)
			assertNoPAN(t, fmt.Sprintf("%+v", err), name)
			// The deprecated name behaves the same.
			_, old := ParseEvent([]byte(body))
			require.Error(t, old, name)
			assertNoPAN(t, old.Error(), name)
		}
		// A webhook whose object holds a card number in a field that does
		// not decode into the caller's type.
		ev, err := ParseWebhook([]byte(`{"object":"event","type":"charge.creation.succeeded",
			"data":{"object":"charge","id":"chr_1","creation_date":"` + pan + `x"}}`))
		require.NoError(t, err)
		var ch Charge
		err = ev.DecodeData(&ch)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrMalformedResponse)
		assertNoPAN(t, err.Error(), "decode data")
	}
}

func TestEventNilSafe(t *testing.T) {
	t.Parallel()
	var e *Event
	assert.Empty(t, e.DataObject())
	assert.Empty(t, e.DataID())
	assert.Error(t, e.DecodeData(&Charge{}))
}

func TestEventsAndParseWebhook(t *testing.T) {
	t.Parallel()
	c, mt := setup(t)
	on(mt, "GET", "https://api.culqi.com/v2/events/evt_test_1", 200,
		`{"object":"event","id":"evt_test_1","type":"charge.creation.succeeded","creation_date":1507073604156,"data":{"object":"charge","id":"chr_test_1","amount":500}}`)
	ev, err := c.Events.Get(ctx, "evt_test_1")
	require.NoError(t, err)
	assert.Equal(t, EventChargeCreationSucceeded, ev.Type)
	assert.Equal(t, ms(1507073604156), ev.CreationDate.Time)
	var ch Charge
	require.NoError(t, ev.DecodeData(&ch))
	assert.Equal(t, int64(500), ch.Amount)
	ls := on(mt, "GET", "https://api.culqi.com/v2/events", 200, `{"data":[],"paging":{"previous":null,"next":null,"cursors":{"before":null,"after":null},"remaining_items":0}}`)
	p, err := c.Events.List(ctx, &EventListParams{Type: EventOrderStatusChanged})
	require.NoError(t, err)
	assert.Empty(t, p.Data)
	r, _ := ls.Last(t)
	assert.Equal(t, "type=order.status.changed", r.URL.RawQuery)

	for _, body := range []string{
		`{"object":"event","id":"evt_1","type":"order.status.changed","creation_date":1507073604156,"data":{"object":"order","id":"ord_1"}}`,
		`{"object":"event","id":"evt_1","type":"order.status.changed","creation_date":1507073604156,"data":"{\"object\":\"order\",\"id\":\"ord_1\"}"}`,
	} {
		ev, err := ParseWebhook([]byte(body))
		require.NoError(t, err)
		assert.Equal(t, "order", ev.DataObject())
		assert.Equal(t, "ord_1", ev.DataID())
		var o Order
		require.NoError(t, ev.DecodeData(&o))
		assert.Equal(t, "ord_1", o.ID)
		b, err := json.Marshal(ev)
		require.NoError(t, err)
		assert.Contains(t, string(b), `"data":{"object":"order"`)
	}
	for _, bad := range []string{``, `nope`, `{"object":"charge","id":"chr_1"}`, `{"object":"event"}`, `{"type":"x","data":"{not json"}`} {
		_, err := ParseWebhook([]byte(bad))
		assert.ErrorIs(t, err, ErrMalformedResponse, bad)
	}
}
