package srpagotest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/latampay/latampay-go/internal/card"
	"github.com/latampay/latampay-go/internal/fakeapi"
	"github.com/latampay/latampay-go/internal/wire"
	"github.com/latampay/latampay-go/srpago"
	"github.com/latampay/latampay-go/srpago/internal/envelope"
)

// Test credentials accepted by the fake.
const (
	AppKey    = "srpago_test_app_key"
	AppSecret = "srpago_test_app_secret"
)

// Test card numbers.
const (
	CardApproved           = "4242424242424242"
	CardInsufficientFunds  = "4111111111111111"
	CardInvalid            = "5504174401458735"
	CardStolen             = "4000000000009979"
	BankCodeInsufficient   = "51"
	BankCodeStolen         = "43"
	firstOperationSequence = 471856
)

// mexico is Mexico City time (UTC-6 all year since 2022): the API's
// timestamps and its "same day" for reversals.
var mexico = time.FixedZone("CST", -6*60*60)

const tsLayout = "2006-01-02T15:04:05-07:00"

var (
	keyOnce sync.Once
	keyPriv *rsa.PrivateKey
	keyPEM  string
)

// testKey generates the fake's RSA key pair once per process: a test key
// that protects nothing, never Sr. Pago's.
func testKey() (*rsa.PrivateKey, string) {
	keyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic("srpagotest: generating the test key: " + err.Error())
		}
		der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
		if err != nil {
			panic("srpagotest: encoding the test key: " + err.Error())
		}
		keyPriv = k
		keyPEM = string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	})
	return keyPriv, keyPEM
}

// Server is the fake Sr. Pago API. URL, Close, InjectFault, SetClock,
// Handled, Stats, Requests, Reset and the webhook methods (DeliverWebhooks,
// Deliveries, WaitWebhooks, SetWebhookPolicy, EmitWebhook) come from the
// embedded scaffold.
type Server struct {
	// Server is the shared fake scaffold: the HTTP server, faults, clock.
	*fakeapi.Server

	priv   *rsa.PrivateKey
	pubPEM string

	// Objects change only inside their store's Update, so a request that
	// reads a single store needs no other lock. mu serializes the requests
	// that read or change several objects together (a customer and its
	// cards; a charge's order id, token and operation), making each one
	// atomic; it is always released with defer, so a handler that fails
	// cannot leave the fake locked.
	mu        sync.Mutex
	customers *fakeapi.Store[customer]
	tokens    *fakeapi.Store[tokenRec]
	cards     *fakeapi.Store[cardRec]
	ops       *fakeapi.Store[operation] // by transaction id, in charge order
	orders    map[string]bool           // order ids taken; under mu
	seq       int                       // last operation number; under mu
	reqSeq    atomic.Int64

	sessions *fakeapi.Store[session]   // connection tokens, by token
	refs     *fakeapi.Store[reference] // cash and SPEI references, by reference number
	hooks    *fakeapi.Store[webhook]   // notification URLs, by webhook id
}

type customer struct {
	ID         string
	Name       string
	Email      string
	DateCreate time.Time
	Metadata   map[string]any
	Cards      []string
	Deleted    int
}

type cardInfo struct {
	HolderName string
	Number     string
	Expiration string
}

type tokenRec struct {
	card cardInfo
	used bool
}

type cardRec struct {
	token      string
	customerID string
	card       cardInfo
}

type operation struct {
	ID         string
	OrderID    string
	Reference  string
	Desc       string
	Amount     int64
	Time       time.Time
	AuthCode   string
	Card       cardInfo
	Reversed   bool
	Reversals  int
	InternalID string
}

// NewServer starts a fake. Close it when done.
func NewServer() *Server {
	priv, pubPEM := testKey()
	s := &Server{
		priv: priv, pubPEM: pubPEM,
		customers: fakeapi.NewStore[customer](), tokens: fakeapi.NewStore[tokenRec](),
		cards: fakeapi.NewStore[cardRec](), ops: fakeapi.NewStore[operation](),
		orders: map[string]bool{}, seq: firstOperationSequence - 1,
		sessions: fakeapi.NewStore[session](), refs: fakeapi.NewStore[reference](),
		hooks: fakeapi.NewStore[webhook](),
	}
	s.Server = fakeapi.New(fakeapi.Config{
		// HTTP Basic application key and secret, or a live connection
		// token from the login.
		Authenticate: s.authenticate,
		// The code of a refused credential is not documented (GUESS).
		Unauthorized: func(w http.ResponseWriter, r *http.Request) {
			s.fail(w, http.StatusUnauthorized, "InvalidCredentialsException", "Credenciales inválidas", nil)
		},
		// Sr. Pago's message for an unknown route; its code is not documented.
		NotFound: func(w http.ResponseWriter, r *http.Request) {
			s.fail(w, http.StatusNotFound, "InvalidServiceException", "El servicio no existe", nil)
		},
	})
	s.Handle("POST /v1/customer", s.createCustomer)
	s.Handle("GET /v1/customer", s.listCustomers)
	s.Handle("GET /v1/customer/{id}", s.getCustomer)
	s.Handle("PUT /v1/customer/{id}", s.updateCustomer)
	s.Handle("DELETE /v1/customer/{id}", s.deleteCustomer)
	s.Handle("POST /v1/customer/{id}/cards", s.addCard)
	s.Handle("GET /v1/customer/{id}/cards", s.listCards)
	s.Handle("GET /v1/customer/{id}/cards/{crd}", s.getCard)
	s.Handle("DELETE /v1/customer/{id}/cards/{crd}", s.deleteCard)
	s.Handle("POST /v1/token", s.createToken)
	s.Handle("POST /v1/payment/card", s.charge)
	s.Handle("GET /v1/operations/apply-reversal/{tx}", s.reverse)
	s.Handle("GET /v1/operations", s.listOperations)
	s.Handle("GET /v1/operations/{tx}", s.getOperation)
	s.Handle("POST /v1/auth/login/application", s.login)
	s.Handle("POST /v1/payment/convenience-store", s.createCashReference)
	s.Handle("POST /v1/payment/spei", s.createSPEIReference)
	s.Handle("GET /v1/payment", s.listPayments)
	s.Handle("GET /v1/account/info", s.accountInfo)
	s.Handle("GET /v1/funds", s.funds)
	s.Handle("PUT /v1/webhook/{id}", s.updateWebhook)
	s.SetWebhookPolicy(DefaultWebhookPolicy)
	return s
}

// Client returns a client for the fake: its test credentials and public
// key, its URL and HTTP client, millisecond retry waits; opts apply after.
func (s *Server) Client(opts ...srpago.Option) *srpago.Client {
	all := append([]srpago.Option{
		srpago.WithBaseURL(s.URL),
		srpago.WithHTTPClient(s.HTTPClient()),
		srpago.WithRetryWait(time.Millisecond, 5*time.Millisecond),
		srpago.WithEncryptionKey([]byte(s.pubPEM)),
	}, opts...)
	c, err := srpago.NewClient(AppKey, AppSecret, all...)
	if err != nil {
		panic("srpagotest: " + err.Error())
	}
	return c
}

// PublicKeyPEM is the fake's public key, for srpago.WithEncryptionKey.
func (s *Server) PublicKeyPEM() string { return s.pubPEM }

// Charges counts the approved charges the fake recorded (reversed ones
// included): what reconciliation tests compare against.
func (s *Server) Charges() int { return s.ops.Len() }

// ChargesWithOrderID counts the approved charges the fake carried out with
// this order id (srpago.ChargeParams.OrderID), reversed ones included. It is
// the fake's ledger, the ground truth to check a reconciliation against
// after ErrOutcomeUnknown: 0 when the charge never happened, 1 when it did,
// more only if something charged twice.
func (s *Server) ChargesWithOrderID(orderID string) int {
	return len(s.ops.List(func(op *operation) bool { return op.OrderID == orderID }))
}

// Reversals counts the reversals the fake carried out on the operation
// transactionID (srpago.Charge.TransactionID): 0 or 1, since the fake
// refuses to reverse an operation twice.
func (s *Server) Reversals(transactionID string) int {
	op, _ := s.ops.Snapshot(transactionID)
	return op.Reversals
}

// CustomersWithEmail counts the customers the fake holds (deleted ones
// excepted) with this e-mail address: the ledger for a Customers.Create
// whose outcome was unknown.
func (s *Server) CustomersWithEmail(email string) int {
	// The e-mail is read inside List, under the store's lock, which an
	// Update changing it also holds.
	return len(s.customers.List(func(c *customer) bool { return c.Email == email }))
}

// --- responses ---

func (s *Server) requestID() string {
	return "req" + strconv.FormatInt(s.reqSeq.Add(1), 10) + "/fake"
}

func (s *Server) ok(w http.ResponseWriter, result any) {
	w.Header().Set(srpago.RequestIDHeader, s.requestID())
	fakeapi.WriteJSON(w, http.StatusOK, map[string]any{"success": true, "result": result})
}

type detail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Status  int    `json:"http_status_code"`
}

// fail answers the error envelope. Sr. Pago sends business errors
// (declines, validation) with HTTP 500.
func (s *Server) fail(w http.ResponseWriter, status int, code, msg string, d *detail) {
	e := map[string]any{"code": code, "message": msg, "description": msg}
	if d != nil {
		e["detail"] = d
	}
	w.Header().Set(srpago.RequestIDHeader, s.requestID())
	fakeapi.WriteJSON(w, status, map[string]any{"success": false, "error": e})
}

func (s *Server) invalidParam(w http.ResponseWriter, msg string) {
	s.fail(w, http.StatusInternalServerError, srpago.CodeInvalidParam, msg, nil)
}

// notFound: the API's answer for an unknown id is not documented (GUESS).
func (s *Server) notFound(w http.ResponseWriter, what string) {
	s.fail(w, http.StatusNotFound, "NotFoundException", what+" no encontrado", nil)
}

func (s *Server) now() time.Time { return s.Now().In(mexico) }

// --- customers ---

// wire is the customer as the API shows it; s.mu is held.
func (c *customer) wire(s *Server, active any) map[string]any {
	cards := make([]any, 0, len(c.Cards))
	for _, t := range c.Cards {
		if cr, ok := s.cards.Get(t); ok {
			cards = append(cards, cr.wire())
		}
	}
	md := c.Metadata
	if md == nil {
		md = map[string]any{}
	}
	return map[string]any{
		"id": c.ID, "name": c.Name, "email": c.Email, "active": active,
		"date_create": c.DateCreate.Format(tsLayout), "sources": []any{}, "cards": cards,
		"metadata": md, "deactivated_cards": c.Deleted,
	}
}

type customerBody struct {
	Name     *string        `json:"name"`
	Email    *string        `json:"email"`
	Metadata map[string]any `json:"metadata"`
}

func (s *Server) createCustomer(w http.ResponseWriter, r *http.Request) {
	var b customerBody
	if err := fakeapi.ReadJSON(r, &b, false); err != nil {
		s.invalidParam(w, "JSON inválido")
		return
	}
	if b.Name == nil || *b.Name == "" || b.Email == nil || !strings.Contains(*b.Email, "@") {
		s.invalidParam(w, "name y email son obligatorios")
		return
	}
	c := &customer{ID: "cus_" + uniqid(), Name: *b.Name, Email: *b.Email, Metadata: b.Metadata, DateCreate: s.now()}
	out := c.wire(s, 1) // active is 1 on create, true elsewhere
	s.customers.Put(c.ID, c)
	s.ok(w, out)
}

// customer finds the path's customer, answering 404 when there is none. s.mu
// is held.
func (s *Server) customer(w http.ResponseWriter, r *http.Request) *customer {
	c, ok := s.customers.Get(r.PathValue("id"))
	if !ok {
		s.notFound(w, "Cliente")
	}
	return c
}

func (s *Server) getCustomer(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.customer(w, r); c != nil {
		s.ok(w, c.wire(s, true))
	}
}

func (s *Server) updateCustomer(w http.ResponseWriter, r *http.Request) {
	var b customerBody
	if err := fakeapi.ReadJSON(r, &b, false); err != nil {
		s.invalidParam(w, "JSON inválido")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.customer(w, r)
	if c == nil {
		return
	}
	_, _ = s.customers.Update(c.ID, func(c *customer) error {
		if b.Name != nil && *b.Name != "" {
			c.Name = *b.Name
		}
		if b.Email != nil && *b.Email != "" {
			c.Email = *b.Email
		}
		if b.Metadata != nil {
			c.Metadata = b.Metadata
		}
		return nil
	})
	s.ok(w, c.wire(s, true))
}

func (s *Server) deleteCustomer(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.customers.Remove(r.PathValue("id"))
	if !ok {
		s.notFound(w, "Cliente")
		return
	}
	for _, t := range c.Cards {
		s.cards.Delete(t)
	}
	s.ok(w, map[string]any{"id": c.ID})
}

func pageParams(r *http.Request) (limit, offset int, ok bool) {
	q := r.URL.Query()
	var err error
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 0 {
			return 0, 0, false
		}
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, false
		}
	}
	return limit, offset, true
}

// listCustomers answers a bare array (the list's shape is undocumented).
func (s *Server) listCustomers(w http.ResponseWriter, r *http.Request) {
	limit, offset, ok := pageParams(r)
	if !ok {
		s.invalidParam(w, "limit y offset deben ser enteros positivos")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	page, _ := fakeapi.Offset(s.customers.List(nil), offset, limit)
	out := make([]any, 0, len(page))
	for _, c := range page {
		out = append(out, c.wire(s, true))
	}
	s.ok(w, out)
}

// --- cards and tokens ---

func masked(number string) string {
	if len(number) < 10 {
		return number
	}
	return number[:6] + strings.Repeat("X", len(number)-10) + number[len(number)-4:]
}

func cardType(number string) string {
	switch {
	case strings.HasPrefix(number, "4"):
		return "VISA"
	case strings.HasPrefix(number, "34"), strings.HasPrefix(number, "37"):
		return "AMEX"
	case len(number) > 1 && number[0] == '5' || strings.HasPrefix(number, "2"):
		return "MAST"
	}
	return "CRNT"
}

func (c *cardRec) wire() map[string]any {
	return map[string]any{
		"token": c.token, "holder_name": c.card.HolderName, "type": cardType(c.card.Number),
		"number": masked(c.card.Number), "cvv": "XXXX", "expiration": c.card.Expiration,
		"country_code": "MX", "bank_name": "VISA TEST", "funding": "CREDIT", "status": "chargeable",
	}
}

func (s *Server) addCard(w http.ResponseWriter, r *http.Request) {
	var b struct {
		Token string `json:"token"`
	}
	if err := fakeapi.ReadJSON(r, &b, false); err != nil {
		s.invalidParam(w, "JSON inválido")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.customer(w, r)
	if c == nil {
		return
	}
	info, code, msg := s.useToken(b.Token)
	if code != "" {
		s.fail(w, http.StatusInternalServerError, code, msg, nil)
		return
	}
	cr := &cardRec{token: "crd_" + fakeapi.NewHex(20), customerID: c.ID, card: info}
	s.cards.Put(cr.token, cr)
	_, _ = s.customers.Update(c.ID, func(c *customer) error {
		c.Cards = append(c.Cards, cr.token)
		return nil
	})
	s.ok(w, cr.wire())
}

// useToken spends a single-use token, answering its card, or the error
// code and message when it is unknown or spent.
func (s *Server) useToken(id string) (info cardInfo, code, msg string) {
	found, _ := s.tokens.Update(id, func(tok *tokenRec) error {
		if tok.used {
			code, msg = srpago.CodeTokenAlreadyUsed, "El token ya fue utilizado"
			return nil
		}
		tok.used = true
		info = tok.card
		return nil
	})
	if !found {
		code, msg = srpago.CodeInvalidParam, "El token no existe"
	}
	return info, code, msg
}

func (s *Server) listCards(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.customer(w, r)
	if c == nil {
		return
	}
	out := make([]any, 0, len(c.Cards))
	for _, t := range c.Cards {
		if cr, ok := s.cards.Get(t); ok {
			out = append(out, cr.wire())
		}
	}
	s.ok(w, out)
}

func (s *Server) card(w http.ResponseWriter, r *http.Request) *cardRec {
	c := s.customer(w, r)
	if c == nil {
		return nil
	}
	cr, ok := s.cards.Get(r.PathValue("crd"))
	if !ok || cr.customerID != c.ID {
		s.notFound(w, "Tarjeta")
		return nil
	}
	return cr
}

func (s *Server) getCard(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cr := s.card(w, r); cr != nil {
		s.ok(w, cr.wire())
	}
}

func (s *Server) deleteCard(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cr := s.card(w, r)
	if cr == nil {
		return
	}
	_, _ = s.customers.Update(cr.customerID, func(c *customer) error {
		for i, t := range c.Cards {
			if t == cr.token {
				c.Cards = append(c.Cards[:i], c.Cards[i+1:]...)
				break
			}
		}
		c.Deleted++
		return nil
	})
	s.cards.Delete(cr.token)
	s.ok(w, map[string]any{"token": cr.token})
}

// open reads and decrypts an envelope body into plain; it answers the
// error itself and returns false when it cannot.
func (s *Server) open(w http.ResponseWriter, r *http.Request, plain any) (metadata json.RawMessage, ok bool) {
	var b struct {
		Key      string          `json:"key"`
		Data     string          `json:"data"`
		Metadata json.RawMessage `json:"metadata"`
	}
	if err := fakeapi.ReadJSON(r, &b, false); err != nil || b.Key == "" || b.Data == "" {
		s.invalidParam(w, "key y data son obligatorios")
		return nil, false
	}
	text, err := envelope.Open(s.priv, b.Key, b.Data)
	if err != nil || json.Unmarshal(text, plain) != nil {
		s.fail(w, http.StatusInternalServerError, srpago.CodeInvalidEncryption, "Incorrect data encryption", nil)
		return nil, false
	}
	return b.Metadata, true
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	var p struct {
		HolderName string `json:"cardholder_name"`
		Number     string `json:"number"`
		CVV        string `json:"cvv"`
		Expiration string `json:"expiration"`
	}
	if _, ok := s.open(w, r, &p); !ok {
		return
	}
	if !validCard(p.HolderName, p.Number, p.CVV, p.Expiration, s.now()) {
		s.invalidParam(w, "Datos de tarjeta inválidos")
		return
	}
	id := "tok_" + uniqid()
	s.tokens.Put(id, &tokenRec{card: cardInfo{HolderName: p.HolderName, Number: p.Number, Expiration: p.Expiration}})
	s.ok(w, map[string]any{"token": id})
}

// --- charges and operations ---

type chargePlain struct {
	Recurrent string `json:"recurrent"`
	// Card is a raw card, what Sr. Pago's documentation and its PHP SDK
	// send instead of recurrent for a card that was not tokenized;
	// Ecommerce is the same object with the buyer's ip.
	Card      *rawCard `json:"card"`
	Ecommerce *rawCard `json:"ecommerce"`
	Payment   struct {
		External struct {
			Transaction string `json:"transaction"`
		} `json:"external"`
		Reference struct {
			Number      string `json:"number"`
			Description string `json:"description"`
		} `json:"reference"`
		Total struct {
			Amount   wire.Decimal `json:"amount"`
			Currency string       `json:"currency"`
			Months   int          `json:"months"`
		} `json:"total"`
	} `json:"payment"`
}

// rawCard is the card object of a raw-card charge: number, cvv,
// holder_name and expiration (YYMM), plus raw and type, which the fake
// ignores.
type rawCard struct {
	Number     string `json:"number"`
	CVV        string `json:"cvv"`
	HolderName string `json:"holder_name"`
	Expiration string `json:"expiration"`
}

func (s *Server) charge(w http.ResponseWriter, r *http.Request) {
	var p chargePlain
	metadata, ok := s.open(w, r, &p)
	if !ok {
		return
	}
	pay := p.Payment
	raw := p.Card
	if raw == nil {
		raw = p.Ecommerce
	}
	switch m := pay.Total.Months; {
	case raw == nil && !strings.HasPrefix(p.Recurrent, "tok_") && !strings.HasPrefix(p.Recurrent, "crd_"):
		s.invalidParam(w, "recurrent o card es obligatorio")
		return
	case raw != nil && !validCard(raw.HolderName, raw.Number, raw.CVV, raw.Expiration, s.now()):
		s.invalidParam(w, "Datos de tarjeta inválidos")
		return
	// The documentation marks the description required in both languages.
	// payment.external.application_key is not checked: the English
	// reference marks it optional and Sr. Pago's own PHP SDK never sends it.
	case strings.TrimSpace(pay.Reference.Description) == "":
		s.invalidParam(w, "payment.reference.description es obligatorio")
		return
	case !isObject(metadata):
		s.invalidParam(w, "metadata es obligatorio")
		return
	case pay.Total.Amount.Cents() < 100:
		s.invalidParam(w, "total total must be greater than 1.00")
		return
	case pay.Total.Currency != "MXN":
		s.invalidParam(w, "currency must be MXN")
		return
	case m != 0 && m != 3 && m != 6 && m != 9 && m != 12:
		s.invalidParam(w, "months must be 3, 6, 9 or 12")
		return
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	var info cardInfo
	var code, msg string
	switch {
	case pay.External.Transaction != "" && s.orders[pay.External.Transaction]:
		code, msg = srpago.CodeSwitch, "Ya existe una transacción con el mismo identificador"
	case raw != nil:
		info = cardInfo{HolderName: raw.HolderName, Number: raw.Number, Expiration: raw.Expiration}
	case strings.HasPrefix(p.Recurrent, "tok_"):
		info, code, msg = s.useToken(p.Recurrent)
	default:
		if cr, ok := s.cards.Snapshot(p.Recurrent); ok {
			info = cr.card
		} else {
			code, msg = srpago.CodeCardInformationNotFound, "No se encontró la información de la tarjeta"
		}
	}
	if code != "" {
		s.fail(w, http.StatusInternalServerError, code, msg, nil)
		return
	}
	// The order id is taken once the charge reaches the switch, approved
	// or not.
	if pay.External.Transaction != "" {
		s.orders[pay.External.Transaction] = true
	}
	var d *detail
	switch info.Number {
	case CardInsufficientFunds:
		d = &detail{Code: BankCodeInsufficient, Message: "Tarjeta declinada por el banco, fondos insuficientes", Status: 500}
	case CardStolen:
		d = &detail{Code: BankCodeStolen, Message: "Tarjeta declinada por el banco, tarjeta robada", Status: 500}
	case CardInvalid:
		s.fail(w, http.StatusInternalServerError, srpago.CodeInvalidCard, "Tarjeta inválida", nil)
		return
	}
	if d != nil {
		s.fail(w, http.StatusInternalServerError, srpago.CodePayment, "No se pudo procesar el cobro", d)
		return
	}
	s.seq++
	op := &operation{
		ID:         base64.StdEncoding.EncodeToString([]byte(strconv.Itoa(s.seq))),
		OrderID:    pay.External.Transaction,
		Reference:  pay.Reference.Number,
		Desc:       pay.Reference.Description,
		Amount:     pay.Total.Amount.Cents(),
		Time:       s.now(),
		AuthCode:   strconv.Itoa(2000000000 + s.seq*7919%999999937),
		Card:       info,
		InternalID: fakeapi.NewUUID(),
	}
	// Encoded before it is stored: from then on a reversal may change it.
	out := map[string]any{
		"token": op.InternalID, "status": true, "method": "CARD", "transaction": op.OrderID,
		"autorization_code": op.AuthCode, "card": masked(info.Number), "card_type": cardType(info.Number),
		"recipe": op.wire(),
	}
	s.ops.Put(op.ID, op)
	s.ok(w, out)
}

func (o *operation) wire() map[string]any {
	n := o.Card.Number
	return map[string]any{
		"transaction": o.ID, "timestamp": o.Time.Format(tsLayout), "payment_method": "POS",
		"authorization_code": o.AuthCode, "status": "N",
		"reference":   map[string]any{"description": o.Desc, "number": o.Reference},
		"card":        map[string]any{"holder_name": o.Card.HolderName, "type": cardType(n), "number": n[len(n)-4:], "label": ""},
		"total":       map[string]any{"amount": wire.FormatCents(o.Amount), "currency": "MXN"},
		"tip":         map[string]any{"amount": "0.00", "currency": "MXN"},
		"origin":      map[string]any{"location": map[string]any{"latitude": 0, "longitude": 0}},
		"affiliation": "7209434", "transaction_type": "E",
		"url":           "https://sandbox-connect.srpago.com/recipe/" + o.InternalID,
		"hasDevolution": o.Reversed,
	}
}

func (s *Server) reverse(w http.ResponseWriter, r *http.Request) {
	today := s.now().Format(time.DateOnly)
	var code, msg string
	var out map[string]any
	// Checked and changed in one Update, so that two reversals of one
	// operation cannot both pass the check.
	found, _ := s.ops.Update(r.PathValue("tx"), func(op *operation) error {
		switch {
		case op.Reversed:
			code, msg = srpago.CodeInvalidTransaction, "La transacción ya fue cancelada"
		case op.Time.Format(time.DateOnly) != today:
			code, msg = srpago.CodeInvalidAuthCode, "Solo se pueden cancelar movimientos realizados el mismo dia"
		default:
			op.Reversed = true
			op.Reversals++
			out = map[string]any{
				"token": fakeapi.NewUUID(), "transaction": op.OrderID, "status": true, "method": "Reversal",
				"autorization_code": op.AuthCode, "card": masked(op.Card.Number), "card_type": cardType(op.Card.Number),
			}
		}
		return nil
	})
	if !found {
		code, msg = srpago.CodeInvalidTransaction, "La transacción no existe"
	}
	if code != "" {
		s.fail(w, http.StatusInternalServerError, code, msg, nil)
		return
	}
	s.ok(w, out)
}

func (s *Server) getOperation(w http.ResponseWriter, r *http.Request) {
	tx := r.PathValue("tx")
	op, ok := s.ops.Snapshot(tx)
	if !ok {
		// A paid cash or SPEI reference is an operation too.
		if paid := s.refs.List(func(ref *reference) bool { return ref.Paid && ref.Transaction == tx }); len(paid) == 1 {
			s.ok(w, paid[0].operation())
			return
		}
		s.fail(w, http.StatusInternalServerError, srpago.CodeInvalidTransaction, "La transacción no existe", nil)
		return
	}
	s.ok(w, op.wire())
}

// listOperations answers {"total", "operations"} for the approved card
// operations matching the filters, dates compared in Mexico City time.
func (s *Server) listOperations(w http.ResponseWriter, r *http.Request) {
	limit, offset, ok := pageParams(r)
	q := r.URL.Query()
	var start, end string
	for _, k := range []string{"start_date", "end_date"} {
		if v := q.Get(k); v != "" {
			if _, err := time.Parse(time.DateOnly, v); err != nil {
				ok = false
			}
		}
	}
	start, end = q.Get("start_date"), q.Get("end_date")
	if !ok {
		s.invalidParam(w, "Parámetros de búsqueda inválidos")
		return
	}
	// Copies taken inside List, under the store's lock: a reversal may
	// change an operation while the page is encoded.
	var match []*operation
	s.ops.List(func(op *operation) bool {
		day := op.Time.Format(time.DateOnly)
		switch {
		case start != "" && day < start, end != "" && day > end:
		case q.Get("card_type") != "" && q.Get("card_type") != cardType(op.Card.Number):
		case q.Get("charge_method") != "" && q.Get("charge_method") != "CARD":
		default:
			cp := *op
			match = append(match, &cp)
		}
		return false
	})
	page, _ := fakeapi.Offset(match, offset, limit)
	out := make([]any, 0, len(page))
	for _, op := range page {
		out = append(out, op.wire())
	}
	s.ok(w, map[string]any{"total": len(match), "operations": out})
}

// --- helpers ---

// isObject reports whether raw is a JSON object ({} included).
func isObject(raw json.RawMessage) bool {
	var obj map[string]json.RawMessage
	return json.Unmarshal(raw, &obj) == nil && obj != nil
}

// uniqid returns 13 hex digits, the shape of Sr. Pago's cus_ and tok_ ids
// (PHP's uniqid()).
func uniqid() string { return fakeapi.NewHex(7)[:13] }

// validCard applies the API's card checks: holder name, Luhn, CVV and a
// YYMM expiration that has not passed.
func validCard(holder, number, cvv, expiration string, now time.Time) bool {
	if holder == "" || len(expiration) != 4 {
		return false
	}
	yy, err1 := strconv.Atoi(expiration[:2])
	mm, err2 := strconv.Atoi(expiration[2:])
	if err1 != nil || err2 != nil || strings.ContainsAny(number, " -") {
		return false
	}
	return card.Card{Number: number, CVV: cvv, ExpMonth: mm, ExpYear: 2000 + yy}.Validate(now) == nil
}
