package delivery

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/httpclient"
)

func statusErr(status int, retryAfter string) error {
	h := http.Header{}
	if retryAfter != "" {
		h.Set("Retry-After", retryAfter)
	}
	return fmt.Errorf("post: %w", &httpclient.StatusError{Response: &httpclient.Response{Status: status, Header: h}})
}

func TestJudge(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name string
		err  error
		want outcome
	}{
		{"ok", nil, outcome{verdict: delivered}},
		{"gone", statusErr(410, ""), outcome{verdict: gone, status: 410}},
		{"not found", statusErr(404, ""), outcome{verdict: permanent, status: 404}},
		{"unauthorized", statusErr(401, ""), outcome{verdict: permanent, status: 401}},
		{"unfollowed redirect", statusErr(302, ""), outcome{verdict: permanent, status: 302}},
		{"request timeout", statusErr(408, ""), outcome{verdict: retry, status: 408}},
		{"rate limited", statusErr(429, "60"), outcome{verdict: retry, status: 429, retryAt: now.Add(time.Minute)}},
		{"unavailable", statusErr(503, ""), outcome{verdict: retry, status: 503, hostFault: true}},
		{"server error", statusErr(500, "60"), outcome{verdict: retry, status: 500, hostFault: true}},
		{"network", errors.New("connection refused"), outcome{verdict: retry, hostFault: true}},
		{"private", fmt.Errorf("dial: %w", httpclient.ErrForbiddenAddress), outcome{verdict: permanent}},
		{"bad url", httpclient.ErrBadURL, outcome{verdict: permanent}},
		{"redirect loop", httpclient.ErrTooManyRedirects, outcome{verdict: permanent}},
	}
	for _, tt := range tests {
		if got := judge(tt.err, now); got != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestSchedules(t *testing.T) {
	t.Parallel()
	c := Config{Jitter: func() float64 { return 0.5 }}.withDefaults()
	retries := map[int]time.Duration{
		1: 30 * time.Second, 2: time.Minute, 3: 2 * time.Minute, 10: 256 * time.Minute, 11: 6 * time.Hour, 50: 6 * time.Hour,
	}
	for n, want := range retries {
		if got := c.retryDelay(n); got != want {
			t.Errorf("retryDelay(%d) = %v, want %v", n, got, want)
		}
	}
	var total time.Duration
	attempts := 0
	for total < c.MaxAge {
		attempts++
		total += c.retryDelay(attempts)
	}
	if attempts < 12 || attempts > 20 {
		t.Errorf("%d attempts fit in MaxAge; want about 15", attempts)
	}
	c.Jitter = func() float64 { return 0 }
	if got := c.retryDelay(1); got != 22500*time.Millisecond {
		t.Errorf("low jitter: %v", got)
	}
	pauses := map[int]time.Duration{1: 0, 7: 0, 8: time.Minute, 9: 2 * time.Minute, 20: 6 * time.Hour}
	for n, want := range pauses {
		if got := c.hostPause(n); got != want {
			t.Errorf("hostPause(%d) = %v, want %v", n, got, want)
		}
	}
}
