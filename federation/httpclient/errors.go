package httpclient

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Errors a request can end with besides network failures (wrapped; test
// with errors.Is). ErrForbiddenAddress is in guard.go.
var (
	ErrBadURL           = errors.New("unusable URL")
	ErrTooLarge         = errors.New("response too large")
	ErrTooManyRedirects = errors.New("too many redirects")
)

// StatusError is a response whose status is not 2xx. Its Response holds the
// (possibly cut short) body and headers.
type StatusError struct {
	Response *Response
}

func (e *StatusError) Error() string {
	snippet := strings.TrimSpace(string(e.Response.Body))
	if len(snippet) > 200 {
		snippet = snippet[:200] + "…"
	}
	msg := fmt.Sprintf("%s: %d %s", e.Response.URL, e.Response.Status, http.StatusText(e.Response.Status))
	if snippet != "" {
		msg += ": " + snippet
	}
	return msg
}

// StatusOf returns the HTTP status carried by err, or 0 when err is not a
// *StatusError.
func StatusOf(err error) int {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Response.Status
	}
	return 0
}

// RetryAfter reads the response's Retry-After header, in delay-seconds or
// as an HTTP date, and returns the instant it names (never before now).
// ok is false when the header is absent or unreadable.
func (e *StatusError) RetryAfter(now time.Time) (at time.Time, ok bool) {
	return ParseRetryAfter(e.Response.Header.Get("Retry-After"), now)
}

// ParseRetryAfter reads a Retry-After value: delay-seconds or an HTTP date.
func ParseRetryAfter(v string, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return time.Time{}, false
		}
		if secs > int64(365*24*time.Hour/time.Second) {
			secs = int64(365 * 24 * time.Hour / time.Second)
		}
		return now.Add(time.Duration(secs) * time.Second), true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return time.Time{}, false
	}
	if t.Before(now) {
		return now, true
	}
	return t, true
}
