package srpago

import (
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
	// quarterly); 0 means 1, at most MaxEvery.
	Every int
}

// Bounds of a Schedule: Validate refuses an Every above MaxEvery, and no
// schedule has a cycle numbered above MaxCycle or dated after the year
// MaxYear (Date gives the zero time for one, Count and Due stop before it).
// They keep every computation exact: no count or date overflows.
const (
	// MaxEvery is the largest Every: 100 months, or 100 years.
	MaxEvery = 100
	// MaxCycle is the largest cycle number (1,000 years of monthly
	// billing).
	MaxCycle = 12000
	// MaxYear is the last year a billing date may fall in.
	MaxYear = 9999
)

// Cycle is one billing date.
type Cycle struct {
	// N numbers the cycles from 0 (the Start date).
	N int
	// Date is when the cycle is due.
	Date time.Time
}

// OrderID returns a deterministic order id for this cycle of a membership
// and a numbered attempt at charging it: prefix-c<N>-a<attempt>. Sent as
// ChargeParams.ReconcileKey (keep prefix to A-Z a-z 0-9 . _ : - and short
// enough for the 64-character limit), it makes a biller that runs twice get
// SwitchException from Sr. Pago instead of charging twice; that refusal
// does not say whether the first attempt was approved, so settle it with
// Charges.Reconcile.
func (c Cycle) OrderID(prefix string, attempt int) string {
	return prefix + "-c" + strconv.Itoa(c.N) + "-a" + strconv.Itoa(attempt)
}

// Validate reports a schedule the other methods cannot use: no Start, a
// Start outside the years 1 to MaxYear, an Interval other than Monthly or
// Yearly, an Every below 0 or above MaxEvery. The other methods treat such
// a schedule as having no dates.
func (s Schedule) Validate() error {
	switch {
	case s.Start.IsZero():
		return invalidParams("Schedule.Start", "is required")
	case s.Start.Year() < 1 || s.Start.Year() > MaxYear:
		return invalidParams("Schedule.Start", "must fall in the years 1 to "+strconv.Itoa(MaxYear))
	case s.Interval != Monthly && s.Interval != Yearly:
		return invalidParams("Schedule.Interval", "must be Monthly or Yearly")
	case s.Every < 0:
		return invalidParams("Schedule.Every", "must not be negative")
	case s.Every > MaxEvery:
		return invalidParams("Schedule.Every", "must be at most "+strconv.Itoa(MaxEvery))
	}
	return nil
}

// months is the cycle length in months (at most 12 × MaxEvery), 0 for a
// schedule Validate refuses.
func (s Schedule) months() int64 {
	if s.Validate() != nil {
		return 0
	}
	every := int64(max(s.Every, 1))
	if s.Interval == Yearly {
		return 12 * every
	}
	return every
}

// lastCycle is the number of the last cycle within MaxCycle and MaxYear, -1
// when there is none; m is months().
func (s Schedule) lastCycle(m int64) int64 {
	if m == 0 {
		return -1
	}
	y, mon, _ := s.Start.Date()
	// Months from Start's month to December of MaxYear: a few hundred
	// thousand at most, since Validate bounds Start's year.
	left := int64(MaxYear-y)*12 + int64(12-mon)
	return min(left/m, MaxCycle)
}

// Date returns the date of cycle n; the zero time for a negative n, an n
// past the last cycle (above MaxCycle, or dated after MaxYear) or a
// schedule Validate refuses.
func (s Schedule) Date(n int) time.Time {
	m := s.months()
	if n < 0 || int64(n) > s.lastCycle(m) {
		return time.Time{}
	}
	return s.date(int64(n), m)
}

// date is Date for a cycle known to be in range: every product stays far
// below int64's range (MaxCycle × 12 × MaxEvery months).
func (s Schedule) date(n, m int64) time.Time {
	y, mon, d := s.Start.Date()
	hh, mm, ss := s.Start.Clock()
	total := int64(mon) - 1 + n*m
	ty, tm := y+int(total/12), time.Month(total%12+1)
	if last := daysIn(ty, tm); d > last {
		d = last
	}
	return time.Date(ty, tm, d, hh, mm, ss, s.Start.Nanosecond(), s.Start.Location())
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Count returns how many cycles are due at instant now: the number of
// billing dates at or before it, at most MaxCycle + 1; 0 for a schedule
// Validate refuses.
func (s Schedule) Count(now time.Time) int {
	m := s.months()
	last := s.lastCycle(m)
	if last < 0 || now.Before(s.Start) {
		return 0
	}
	local := now.In(s.Start.Location())
	sy, sm, _ := s.Start.Date()
	ny, nm, _ := local.Date()
	// Months between the two dates in int64: now may be any year time.Time
	// holds. The estimate is within a cycle of the answer; each loop below
	// takes a step or two.
	k := ((int64(ny)-int64(sy))*12 + int64(nm) - int64(sm)) / m
	k = min(max(k, 0), last)
	for k > 0 && s.date(k, m).After(now) {
		k--
	}
	for k < last && !s.date(k+1, m).After(now) {
		k++
	}
	return int(k) + 1
}

// Next returns the first billing date after now; the zero time when there
// is none (past the last cycle, or a schedule Validate refuses).
func (s Schedule) Next(now time.Time) time.Time {
	if s.months() == 0 {
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
