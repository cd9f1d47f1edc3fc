package oauth_test

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stoa-social/stoa/handlers/oauth"
)

// The default limit, through the whole instance: the 31st token request
// from one IP in five minutes is refused.
func TestTokenRateLimit(t *testing.T) {
	t.Parallel()
	e := newInstance(t)
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {"x"}, "client_secret": {"y"}}
	for i := 1; i <= oauth.DefaultRateLimitRequests+1; i++ {
		resp, err := http.PostForm(e.URL+"/oauth/token", form)
		if err != nil {
			t.Fatal(err)
		}
		status, body := decode(t, resp)
		h := resp.Header
		reset, err := time.Parse(time.RFC3339, h.Get("X-RateLimit-Reset"))
		if err != nil || h.Get("X-RateLimit-Limit") != strconv.Itoa(oauth.DefaultRateLimitRequests) ||
			time.Until(reset) > oauth.DefaultRateLimitWindow || time.Until(reset) < 0 {
			t.Fatalf("request %d: headers %v (%v)", i, h, err)
		}
		wantRemaining := max(oauth.DefaultRateLimitRequests-i, 0)
		if h.Get("X-RateLimit-Remaining") != strconv.Itoa(wantRemaining) {
			t.Errorf("request %d: remaining %s, want %d", i, h.Get("X-RateLimit-Remaining"), wantRemaining)
		}
		if i <= oauth.DefaultRateLimitRequests && status != 401 {
			t.Fatalf("request %d: %d %v", i, status, body)
		}
		if i > oauth.DefaultRateLimitRequests && (status != 429 || body["error"] != "Too many requests" || h.Get("Retry-After") == "") {
			t.Fatalf("request %d: %d %v, want 429", i, status, body)
		}
	}
}

// The sign-in form has its own counter, and windows end on the clock.
func TestSignInRateLimitWindow(t *testing.T) {
	t.Parallel()
	e := newLocal(t, oauth.RateLimit{Requests: 3, Window: time.Minute})
	app := e.registerApp(t, callback, "read")
	b := newBrowser(t)
	_, page := b.do(http.MethodGet, e.authorizeURL(app, callback, "read", nil), nil)
	action, vals := form(t, page, "sign-in")
	vals.Set("login", "nobody")
	vals.Set("password", "whatever it is")
	statuses := func(n int) []int {
		var out []int
		for range n {
			resp, _ := b.do(http.MethodPost, action, vals)
			out = append(out, resp.StatusCode)
		}
		return out
	}
	if got := statuses(4); got[2] != 422 || got[3] != 429 {
		t.Fatalf("statuses %v, want 3×422 then 429", got)
	}
	// The token endpoint is counted apart.
	if status, _ := e.post(t, "/oauth/token", url.Values{"grant_type": {"password"}}); status != 401 {
		t.Errorf("token endpoint after sign-in limit: %d, want 401", status)
	}
	e.clock.Advance(time.Minute)
	if got := statuses(1); got[0] != 422 {
		t.Errorf("after the window: %v, want 422", got)
	}
}
