package nominapptest

import "github.com/latampay/latampay-go/nominapp"

// ApprovedCard returns a card the fake approves: CardApproved, the card of
// Nominapp's guide, with its CVV 537, an expiry in the future and a payer
// name.
func ApprovedCard() nominapp.Card { return testCard(CardApproved) }

// DeclinedCard returns a card the fake declines with code, and whether it
// has one: "DECLINED" (nominapp.StatusDeclined, a 201 answer whose
// payment_status says so) or CodeRejected ("0701", a 422 error list with
// object "credit_card"). Nominapp documents neither shape; the fake gives
// both.
func DeclinedCard(code string) (nominapp.Card, bool) {
	switch code {
	case string(nominapp.StatusDeclined):
		return testCard(CardDeclined), true
	case CodeRejected:
		return testCard(CardRejected), true
	}
	return nominapp.Card{}, false
}

func testCard(number string) nominapp.Card {
	return nominapp.Card{Number: number, CVV: "537", ExpMonth: 6, ExpYear: 2035, HolderName: "Ana Gómez"}
}
