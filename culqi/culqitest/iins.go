package culqitest

import (
	"strings"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// declareIINs declares /v2/iins, read and listed by BIN. The fake knows
// the BINs of Culqi's test cards from the start and adds each card's as
// it is tokenized.
func (s *Server) declareIINs() {
	s.iins = s.declare(fakeapi.Resource[object]{
		Name: "iin", Label: "el IIN", Path: "/v2/iins",
		ID:      func(o *object) string { return str(*o, "bin") },
		Serve:   fakeapi.OpGet | fakeapi.OpList,
		Filters: filters(),
	})
}

// iinInfo is what Culqi says about a BIN in a token's iin and in /v2/iins.
type iinInfo struct {
	brand, cardType string
	category        any // a string, or nil where Culqi sends null
	issuer          string
	installments    []int
}

// iinTable holds the BINs of Culqi's test cards as its test environment
// answered them in the recorded traffic (in the tokens made of them; the
// brand spelt "MasterCard" there and in the /v2/iins list). Only the Visa and Mastercard success cards
// allow installments, each in the order Culqi lists them; the success
// Mastercard and Diners cards, and the insufficient-funds Visa, are debit
// cards. The issuer country is Peru, as in most recordings.
var iinTable = map[string]iinInfo{
	"411111": {"Visa", "credito", "Clásica", "BBVA", []int{2, 4, 6, 8, 10, 12, 3, 5, 7, 9, 24, 48}},
	"511111": {"MasterCard", "debito", "Clásica", "INTERBANK", []int{24, 2, 3, 4, 5, 6, 7, 8, 9, 12, 48}},
	"371212": {"Amex", "credito", nil, "AMERICAN EXPRESS COMPANY", []int{}},
	"360012": {"Diners", "debito", nil, "BERLINER BANK AG", []int{}},
	"400002": {"Visa", "credito", "Clásica", "RIVER VALLEY C.U.", []int{}},
	"400003": {"Visa", "credito", nil, "", []int{}},
	"400004": {"Visa", "debito", nil, "", []int{}},
	"540000": {"MasterCard", "credito", "Oro", "SAMBA FINANCIAL GROUP", []int{}},
	"540002": {"MasterCard", "credito", nil, "BARCLAYS BANK PLC", []int{}},
	"370001": {"Amex", "credito", nil, "AMERICAN EXPRESS COMPANY", []int{}},
	"370002": {"Amex", "credito", nil, "AMERICAN EXPRESS COMPANY", []int{}},
	"360000": {"Diners", "credito", nil, "", []int{}},
	"360001": {"Diners", "credito", nil, "", []int{}},
	"360002": {"Diners", "credito", nil, "", []int{}},
}

// brand names a card's network by its leading digits, spelt as Culqi does.
func brand(pan string) string {
	switch {
	case strings.HasPrefix(pan, "4"):
		return "Visa"
	case strings.HasPrefix(pan, "5"), strings.HasPrefix(pan, "2"):
		return "MasterCard"
	case strings.HasPrefix(pan, "34"), strings.HasPrefix(pan, "37"):
		return "Amex"
	case strings.HasPrefix(pan, "36"), strings.HasPrefix(pan, "30"), strings.HasPrefix(pan, "38"):
		return "Diners"
	}
	return "Visa"
}

// iinOf is the IIN object of a card number: the recorded one for a test
// card's BIN, else a credit card of its network, of an unnamed Peruvian
// issuer, without installments (as most recorded BINs).
func iinOf(pan string) object {
	bin := pan[:6]
	info, ok := iinTable[bin]
	if !ok {
		info = iinInfo{brand: brand(pan), cardType: "credito", installments: []int{}}
	}
	return object{"object": "iin", "bin": bin, "card_brand": info.brand, "card_type": info.cardType,
		"card_category": info.category,
		"issuer":        object{"name": info.issuer, "country": "PERU", "country_code": "PE", "website": nil, "phone_number": nil},
		// A copy: the stored objects are cloned map by map, not slices.
		"installments_allowed": append([]int{}, info.installments...)}
}

// addIIN records the IIN of a card number for /v2/iins and returns a copy.
func (s *Server) addIIN(pan string) object {
	iin := iinOf(pan)
	return s.iins.Put(&iin)
}
