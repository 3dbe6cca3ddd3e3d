package srpagotest

import "github.com/latampay/latampay-go/srpago"

// ApprovedCard returns a card the fake (and, by integrators' reports, Sr.
// Pago's sandbox) approves: CardApproved with CVV 123, an expiry in the
// future and a holder name. Tokenize it with Tokens.Create.
func ApprovedCard() srpago.Card { return testCard(CardApproved) }

// DeclinedCard returns a card whose charge the fake declines with code,
// and whether it has one: a bank code of a PaymentException ("51"
// insufficient funds, "43" stolen card) or an error code of Sr. Pago's
// (srpago.CodeInvalidCard, "InvalidCardException").
func DeclinedCard(code string) (srpago.Card, bool) {
	switch code {
	case BankCodeInsufficient:
		return testCard(CardInsufficientFunds), true
	case BankCodeStolen:
		return testCard(CardStolen), true
	case srpago.CodeInvalidCard:
		return testCard(CardInvalid), true
	}
	return srpago.Card{}, false
}

func testCard(number string) srpago.Card {
	return srpago.Card{Number: number, CVV: "123", ExpMonth: 12, ExpYear: 2035, HolderName: "Ana Pérez"}
}
