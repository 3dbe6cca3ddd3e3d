package cubotest

import (
	"strings"

	"github.com/latampay/latampay-go/cubo"
)

// testCardExpiry is the expiry of the cards ApprovedCard and DeclinedCard
// return: far enough ahead to stay valid.
const testCardExpiry = 2035

// ApprovedCard returns a card the fake approves: CardApproved, the card of
// Cubo's guide, with CVV 123, an expiry in the future and a holder name.
func ApprovedCard() cubo.Card { return testCard(CardApproved) }

// DeclinedCard returns a card the fake declines with code, the two
// characters before " - " in Cubo's message ("51", "15", "05"), and
// whether the fake has one for that code.
func DeclinedCard(code string) (cubo.Card, bool) {
	for number, msg := range declines {
		if strings.HasPrefix(msg, code+" - ") {
			return testCard(number), true
		}
	}
	return cubo.Card{}, false
}

func testCard(number string) cubo.Card {
	return cubo.Card{Number: number, CVV: "123", ExpMonth: 12, ExpYear: testCardExpiry, HolderName: "Ana Pérez"}
}
