package entity

import (
	"fmt"
	"time"
)

// TimeFormat is how Mastodon renders a datetime: UTC with milliseconds.
const TimeFormat = "2006-01-02T15:04:05.000Z"

// DateFormat is how Mastodon renders a calendar date (last_status_at).
const DateFormat = "2006-01-02"

// Time is a datetime that marshals as TimeFormat, always in UTC.
type Time struct{ time.Time }

// NewTime wraps t.
func NewTime(t time.Time) Time { return Time{t} }

// TimePtr wraps t, or returns nil (rendered as null) for a nil or zero time.
func TimePtr(t *time.Time) *Time {
	if t == nil || t.IsZero() {
		return nil
	}
	return &Time{*t}
}

// MarshalJSON renders the time as a JSON string in TimeFormat (appended
// in place: every rendered status has a few times).
func (t Time) MarshalJSON() ([]byte, error) {
	b := append(make([]byte, 0, len(TimeFormat)+2), '"')
	return append(t.UTC().AppendFormat(b, TimeFormat), '"'), nil
}

// UnmarshalJSON accepts any RFC 3339 datetime.
func (t *Time) UnmarshalJSON(b []byte) error {
	s, err := unquote(b)
	if err != nil {
		return err
	}
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("entity.Time: %w", err)
	}
	t.Time = v.UTC()
	return nil
}

// Date is a calendar date in UTC that marshals as DateFormat.
type Date struct{ time.Time }

// DatePtr wraps t, or returns nil (rendered as null) for a nil or zero time.
func DatePtr(t *time.Time) *Date {
	if t == nil || t.IsZero() {
		return nil
	}
	return &Date{*t}
}

// MarshalJSON renders the date as a JSON string in DateFormat.
func (d Date) MarshalJSON() ([]byte, error) {
	b := append(make([]byte, 0, len(DateFormat)+2), '"')
	return append(d.UTC().AppendFormat(b, DateFormat), '"'), nil
}

// UnmarshalJSON accepts DateFormat.
func (d *Date) UnmarshalJSON(b []byte) error {
	s, err := unquote(b)
	if err != nil {
		return err
	}
	v, err := time.Parse(DateFormat, s)
	if err != nil {
		return fmt.Errorf("entity.Date: %w", err)
	}
	d.Time = v
	return nil
}

// Midnight is t's calendar day at 00:00 UTC: Mastodon reports an account's
// created_at at that resolution.
func Midnight(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func unquote(b []byte) (string, error) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", fmt.Errorf("entity: want a JSON string, got %s", b)
	}
	return string(b[1 : len(b)-1]), nil
}
