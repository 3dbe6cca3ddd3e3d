package srpago

import (
	"errors"
	"strconv"
	"time"
)

// Sr. Pago has no plans or subscriptions: the merchant keeps the calendar
// and charges a saved card (crd_) on it. Schedule is that calendar, without
// a scheduler: ask it which cycles are due and charge them.

// Interval is the length of a billing cycle.
type Interval int

// Billing intervals.
const (
	// Monthly bills on the start date's day of the month, or on the last
	// day of shorter months (31 Jan → 28/29 Feb → 31 Mar).
	Monthly Interval = iota + 1
	// Yearly bills on the start date's month and day, or on 28 February
	// in common years for a 29 February start.
	Yearly
)

// String returns "monthly" or "yearly".
func (i Interval) String() string {
	switch i {
	case Monthly:
		return "monthly"
	case Yearly:
		return "yearly"
	}
	return "Interval(" + strconv.Itoa(int(i)) + ")"
}

// Schedule computes the billing dates of a membership. Every date is
// derived from Start (never from the previous date), so a short month does
// not move the later ones: a 31 January start bills on 28 or 29 February
// and again on 31 March. Dates keep Start's wall-clock time in Start's
// time.Location, so load the merchant's zone (America/Mexico_City) into
// Start. A wall-clock time skipped by a daylight-saving change moves
// forward as time.Date normalises it.
type Schedule struct {
	// Start is the first billing date (cycle 0) and the anchor of all
	// later ones.
	Start time.Time
	// Interval is Monthly or Yearly.
	Interval Interval
	// Every bills every that many intervals (3 with Monthly is
	// quarterly); 0 means 1.
	Every int
}

// Cycle is one billing date.
type Cycle struct {
	// N numbers the cycles from 0 (the Start date).
	N int
	// Date is when the cycle is due.
	Date time.Time
}

// OrderID returns a deterministic order id for this cycle of a membership
// and a numbered attempt at charging it: prefix-c<N>-a<attempt>. Sent as
// ChargeParams.OrderID, it makes a biller that runs twice get
// SwitchException from Sr. Pago instead of charging twice; that refusal
// does not say whether the first attempt was approved, so reconcile it
// through Operations.
func (c Cycle) OrderID(prefix string, attempt int) string {
	return prefix + "-c" + strconv.Itoa(c.N) + "-a" + strconv.Itoa(attempt)
}

// Validate reports a schedule the other methods cannot use.
func (s Schedule) Validate() error {
	switch {
	case s.Start.IsZero():
		return errors.New("srpago: Schedule: Start is required")
	case s.Interval != Monthly && s.Interval != Yearly:
		return errors.New("srpago: Schedule: Interval must be Monthly or Yearly")
	case s.Every < 0:
		return errors.New("srpago: Schedule: Every must not be negative")
	}
	return nil
}

// months is the cycle length in months, 0 for an invalid schedule.
func (s Schedule) months() int {
	every := max(s.Every, 1)
	switch s.Interval {
	case Monthly:
		return every
	case Yearly:
		return 12 * every
	}
	return 0
}

// Date returns the date of cycle n (n ≥ 0); the zero time for a negative
// n or an invalid schedule.
func (s Schedule) Date(n int) time.Time {
	m := s.months()
	if n < 0 || m == 0 || s.Start.IsZero() {
		return time.Time{}
	}
	y, mon, d := s.Start.Date()
	hh, mm, ss := s.Start.Clock()
	total := int(mon) - 1 + n*m
	ty, tm := y+total/12, time.Month(total%12+1)
	if last := daysIn(ty, tm); d > last {
		d = last
	}
	return time.Date(ty, tm, d, hh, mm, ss, s.Start.Nanosecond(), s.Start.Location())
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Count returns how many cycles are due at instant now: the number of
// billing dates at or before it.
func (s Schedule) Count(now time.Time) int {
	m := s.months()
	if m == 0 || s.Start.IsZero() || now.Before(s.Start) {
		return 0
	}
	local := now.In(s.Start.Location())
	sy, sm, _ := s.Start.Date()
	ny, nm, _ := local.Date()
	k := ((ny-sy)*12 + int(nm-sm)) / m // a cycle near now
	for k > 0 && s.Date(k).After(now) {
		k--
	}
	for !s.Date(k + 1).After(now) {
		k++
	}
	return k + 1
}

// Next returns the first billing date after now.
func (s Schedule) Next(now time.Time) time.Time {
	if s.months() == 0 || s.Start.IsZero() {
		return time.Time{}
	}
	return s.Date(s.Count(now))
}

// Due returns the cycles due at now that are not yet billed: those numbered
// from billed (the count of cycles already charged) whose date is at or
// before now, oldest first. A membership three cycles behind gets three;
// charging only the last one, or none after a grace period, is the
// caller's policy.
func (s Schedule) Due(now time.Time, billed int) []Cycle {
	n := s.Count(now)
	if billed < 0 {
		billed = 0
	}
	if billed >= n {
		return nil
	}
	out := make([]Cycle, 0, n-billed)
	for i := billed; i < n; i++ {
		out = append(out, Cycle{N: i, Date: s.Date(i)})
	}
	return out
}
