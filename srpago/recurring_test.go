package srpago

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func dates(s Schedule, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s.Date(i).Format("2006-01-02 15:04 MST")
	}
	return out
}

func TestScheduleMonthEnds(t *testing.T) {
	t.Parallel()
	s := Schedule{Start: time.Date(2027, 1, 31, 9, 0, 0, 0, time.UTC), Interval: Monthly}
	assert.Equal(t, []string{
		"2027-01-31 09:00 UTC", "2027-02-28 09:00 UTC", "2027-03-31 09:00 UTC", "2027-04-30 09:00 UTC",
		"2027-05-31 09:00 UTC", "2027-06-30 09:00 UTC",
	}, dates(s, 6), "anchored on the start: February does not pull March back")

	leap := Schedule{Start: time.Date(2028, 1, 31, 0, 0, 0, 0, time.UTC), Interval: Monthly}
	assert.Equal(t, "2028-02-29", leap.Date(1).Format(time.DateOnly))

	the30th := Schedule{Start: time.Date(2027, 1, 30, 0, 0, 0, 0, time.UTC), Interval: Monthly}
	assert.Equal(t, "2027-02-28", the30th.Date(1).Format(time.DateOnly))
	assert.Equal(t, "2027-03-30", the30th.Date(2).Format(time.DateOnly))
}

func TestScheduleYearlyLeapDay(t *testing.T) {
	t.Parallel()
	s := Schedule{Start: time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC), Interval: Yearly}
	got := []string{}
	for i := 0; i < 5; i++ {
		got = append(got, s.Date(i).Format(time.DateOnly))
	}
	assert.Equal(t, []string{"2024-02-29", "2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"}, got)
}

func TestScheduleEvery(t *testing.T) {
	t.Parallel()
	q := Schedule{Start: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), Interval: Monthly, Every: 3}
	assert.Equal(t, "2027-02-28", q.Date(1).Format(time.DateOnly))
	assert.Equal(t, "2027-05-30", q.Date(2).Format(time.DateOnly))
	assert.Equal(t, "2027-11-30", q.Date(4).Format(time.DateOnly))
	b := Schedule{Start: time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC), Interval: Yearly, Every: 2}
	assert.Equal(t, "2030-03-15", b.Date(2).Format(time.DateOnly))
}

func TestScheduleTimeZones(t *testing.T) {
	t.Parallel()
	mx, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		mx = time.FixedZone("CST", -6*3600)
	}
	// Billing at 00:30 Mexico City on the 1st is still the 31st in UTC...
	s := Schedule{Start: time.Date(2026, 1, 1, 0, 30, 0, 0, mx), Interval: Monthly}
	feb := s.Date(1)
	assert.Equal(t, "2026-02-01 00:30", feb.Format("2006-01-02 15:04"), "dates keep Start's zone")
	assert.Equal(t, "2026-02-01T06:30:00Z", feb.UTC().Format(time.RFC3339))
	// ...and due decisions compare instants, whatever zone now is in.
	justBefore := feb.Add(-time.Minute).UTC()
	assert.Equal(t, 1, s.Count(justBefore))
	assert.Equal(t, 2, s.Count(feb.UTC()))

	// A zone with daylight saving: the wall clock is kept across the change.
	ny, err := time.LoadLocation("America/New_York")
	if err == nil {
		d := Schedule{Start: time.Date(2026, 1, 10, 9, 0, 0, 0, ny), Interval: Monthly}
		assert.Equal(t, "2026-04-10 09:00 EDT", d.Date(3).Format("2006-01-02 15:04 MST"))
		assert.Equal(t, "2026-01-10 09:00 EST", d.Date(0).Format("2006-01-02 15:04 MST"))
	}
}

func TestScheduleCountNextDue(t *testing.T) {
	t.Parallel()
	s := Schedule{Start: time.Date(2027, 1, 31, 9, 0, 0, 0, time.UTC), Interval: Monthly}
	at := func(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }

	assert.Equal(t, 0, s.Count(at(2027, 1, 31, 8)), "before the start")
	assert.Equal(t, 1, s.Count(at(2027, 1, 31, 9)), "the start itself is due")
	assert.Equal(t, 1, s.Count(at(2027, 2, 28, 8)))
	assert.Equal(t, 2, s.Count(at(2027, 2, 28, 9)))
	assert.Equal(t, 2, s.Count(at(2027, 3, 30, 23)))
	assert.Equal(t, 3, s.Count(at(2027, 3, 31, 9)))
	assert.Equal(t, 13, s.Count(at(2028, 1, 31, 9)))

	assert.Equal(t, at(2027, 3, 31, 9), s.Next(at(2027, 3, 1, 0)))
	assert.Equal(t, at(2027, 1, 31, 9), s.Next(at(2026, 1, 1, 0)))

	due := s.Due(at(2027, 4, 1, 0), 1)
	require.Len(t, due, 2)
	assert.Equal(t, Cycle{N: 1, Date: at(2027, 2, 28, 9)}, due[0])
	assert.Equal(t, Cycle{N: 2, Date: at(2027, 3, 31, 9)}, due[1])
	assert.Empty(t, s.Due(at(2027, 4, 1, 0), 3), "all billed")
	assert.Len(t, s.Due(at(2027, 4, 1, 0), -5), 3)
	assert.Equal(t, "mem-7-c2-a1", due[1].OrderID("mem-7", 1))
}

func TestScheduleCountMatchesDates(t *testing.T) {
	t.Parallel()
	// Exhaustive over starts on every day of a leap year and both
	// intervals: Count(Date(n)) == n+1 and Count just before is n.
	for _, iv := range []Interval{Monthly, Yearly} {
		for d := 0; d < 366; d++ {
			s := Schedule{Start: time.Date(2028, 1, 1, 15, 0, 0, 0, time.UTC).AddDate(0, 0, d), Interval: iv}
			for n := 0; n < 30; n++ {
				at := s.Date(n)
				require.Equal(t, n+1, s.Count(at), "%v %v n=%d", iv, s.Start, n)
				require.Equal(t, n, s.Count(at.Add(-time.Nanosecond)), "%v %v n=%d", iv, s.Start, n)
				if n > 0 {
					require.True(t, at.After(s.Date(n-1)))
				}
			}
		}
	}
}

func TestScheduleInvalid(t *testing.T) {
	t.Parallel()
	assert.Error(t, Schedule{}.Validate())
	assert.Error(t, Schedule{Start: time.Now()}.Validate())
	assert.Error(t, Schedule{Start: time.Now(), Interval: Monthly, Every: -1}.Validate())
	assert.NoError(t, Schedule{Start: time.Now(), Interval: Yearly}.Validate())
	var bad Schedule
	assert.True(t, bad.Date(0).IsZero())
	assert.Equal(t, 0, bad.Count(time.Now()))
	assert.True(t, bad.Next(time.Now()).IsZero())
	assert.Nil(t, bad.Due(time.Now(), 0))
	assert.Equal(t, "monthly", Monthly.String())
	assert.Equal(t, "yearly", Yearly.String())
	assert.Equal(t, "Interval(9)", Interval(9).String())
}

// TestScheduleBounds: the overflow cases a hostile or careless Every and
// far-away instants produced (a hang in Count, Count 2–5 instead of 1, a
// Date in year −2.5×10^11, Validate accepting an Every whose month count
// overflowed to 0) are refused or bounded.
func TestScheduleBounds(t *testing.T) {
	t.Parallel()
	start := time.Date(2027, 1, 31, 9, 0, 0, 0, time.UTC)
	far := time.Unix(1<<62, 0) // year ~1.5×10^11

	for _, every := range []int{MaxEvery + 1, 1 << 40, 1<<62 + 1, (1 << 63) / 12, 1<<63 - 1} {
		for _, iv := range []Interval{Monthly, Yearly} {
			s := Schedule{Start: start, Interval: iv, Every: every}
			err := s.Validate()
			require.ErrorIs(t, err, ErrInvalidParams, "Every %d %v", every, iv)
			var pe *ParamError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "Schedule.Every", pe.Field)
			done := make(chan int, 1)
			go func() { done <- s.Count(far) }()
			select {
			case n := <-done:
				assert.Equal(t, 0, n, "a refused schedule has no cycles")
			case <-time.After(5 * time.Second):
				t.Fatalf("Count hangs for Every %d", every)
			}
			assert.True(t, s.Date(1).IsZero())
			assert.True(t, s.Next(far).IsZero())
			assert.Nil(t, s.Due(far, 0))
		}
	}

	// The largest Every: a cycle every 100 years, cycles 0 to 79 before
	// MaxYear.
	s := Schedule{Start: start, Interval: Yearly, Every: MaxEvery}
	require.NoError(t, s.Validate())
	assert.Equal(t, "2127-01-31", s.Date(1).Format(time.DateOnly))
	assert.Equal(t, 9927, s.Date(79).Year())
	assert.True(t, s.Date(80).IsZero(), "after MaxYear")
	assert.Equal(t, 80, s.Count(far))
	assert.True(t, s.Next(far).IsZero(), "no date after the last one")

	m := Schedule{Start: start, Interval: Monthly}
	assert.Equal(t, MaxCycle+1, m.Count(far), "Count stops at MaxCycle")
	assert.Equal(t, 3027, m.Date(MaxCycle).Year())
	assert.True(t, m.Date(MaxCycle+1).IsZero())
	assert.True(t, m.Date(1<<62).IsZero())
	assert.True(t, m.Date(int(^uint(0)>>1)).IsZero())
	for n := 0; n <= MaxCycle; n += 997 {
		require.Equal(t, n+1, m.Count(m.Date(n)), n)
	}
	assert.Len(t, m.Due(far, MaxCycle-1), 2)

	// Starts out of range.
	assert.Error(t, Schedule{Start: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), Interval: Monthly}.Validate())
	assert.Error(t, Schedule{Start: time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC), Interval: Monthly}.Validate())
	last := Schedule{Start: time.Date(9999, 12, 1, 0, 0, 0, 0, time.UTC), Interval: Monthly}
	assert.Equal(t, 1, last.Count(far))
	assert.True(t, last.Date(1).IsZero())
}
