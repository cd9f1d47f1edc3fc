package oauth

import (
	"net/http"
	"testing"
	"time"
)

func TestClientKey(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"192.0.2.7:5555":             "192.0.2.7",
		"[2001:db8:1:2:aaaa::1]:443": "2001:db8:1:2::/64",
		"[2001:db8:1:2:bbbb::9]:1":   "2001:db8:1:2::/64",
		"[::ffff:192.0.2.7]:80":      "192.0.2.7",
		"not-an-address":             "not-an-address",
		"[2001:db8:1:3::1]:443":      "2001:db8:1:3::/64",
	}
	for remote, want := range cases {
		r := &http.Request{RemoteAddr: remote}
		if got := clientKey(r); got != want {
			t.Errorf("clientKey(%q) = %q, want %q", remote, got, want)
		}
	}
}

func TestLimiterEvictsEndedWindows(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newLimiter(RateLimit{Requests: 2, Window: time.Minute}, func() time.Time { return now })
	for _, k := range []string{"a", "b", "c"} {
		if ok, rem, reset := l.take(k); !ok || rem != 1 || !reset.Equal(now.Add(time.Minute)) {
			t.Fatalf("%s: %v %d %v", k, ok, rem, reset)
		}
	}
	l.take("a")
	if ok, rem, _ := l.take("a"); ok || rem != 0 {
		t.Fatalf("third request of a: ok=%v remaining=%d", ok, rem)
	}
	now = now.Add(time.Minute)
	if ok, _, _ := l.take("a"); !ok {
		t.Fatal("a still limited in a new window")
	}
	if len(l.windows) != 1 {
		t.Errorf("windows kept: %d, want only a's", len(l.windows))
	}
}
