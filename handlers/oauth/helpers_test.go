package oauth_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/mux"
	"github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/oauth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

const password = "a long enough password"

// env is a server under test: the whole instance (instancetest) or the
// OAuth handler alone with a movable clock and a few routes guarded by the
// auth middleware (/test/read, /test/write, /test/user).
type env struct {
	URL   string
	Site  models.Site
	Store *store.Store
	clock *clock // nil for a whole instance
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// newInstance serves a whole Stoa instance.
func newInstance(t *testing.T) *env {
	s := instancetest.New(t)
	return &env{URL: s.URL, Site: s.Site(), Store: s.Store()}
}

// newLocal serves the OAuth handler alone with a fake clock.
func newLocal(t *testing.T, limit oauth.RateLimit) *env {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e := &env{URL: "http://" + ln.Addr().String(), Store: storetest.New(t),
		clock: &clock{t: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)}}
	e.Site = models.MustSite(e.URL)
	r := mux.NewRouter()
	(&oauth.Handler{Site: e.Site, Store: e.Store, Now: e.clock.Now, RateLimit: limit}).Routes(r)
	a := auth.New(e.Store)
	echo := respond.Wrap(func(w http.ResponseWriter, r *http.Request) error {
		out := map[string]any{"scopes": auth.Scopes(r.Context())}
		if acct := auth.Account(r.Context()); acct != nil {
			out["username"] = acct.Username
		}
		return respond.JSON(w, http.StatusOK, out)
	})
	r.Handle("/test/read", a.Require("read:statuses")(echo))
	r.Handle("/test/write", a.Require("write:statuses")(echo))
	r.Handle("/test/user", a.RequireUser("read")(echo))
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: r}}
	srv.Start()
	t.Cleanup(srv.Close)
	return e
}

// createUser makes a local account with the package's password.
func (e *env) createUser(t *testing.T, username string) *models.Account {
	t.Helper()
	a, u, err := models.NewLocalAccount{Username: username, Email: username + "@example.com",
		Password: password}.Build(e.Site, time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Store.CreateLocalAccount(context.Background(), a, u); err != nil {
		t.Fatal(err)
	}
	return a
}

// registerApp registers an app through go-mastodon.
func (e *env) registerApp(t *testing.T, redirectURIs, scopes string) *mastodon.Application {
	t.Helper()
	app, err := mastodon.RegisterApp(context.Background(), &mastodon.AppConfig{
		Server: e.URL, ClientName: "Test App", RedirectURIs: redirectURIs,
		Scopes: scopes, Website: "https://app.example",
	})
	if err != nil {
		t.Fatalf("register app: %v", err)
	}
	return app
}

// client is a go-mastodon client for app.
func (e *env) client(app *mastodon.Application) *mastodon.Client {
	return mastodon.NewClient(&mastodon.Config{Server: e.URL, ClientID: app.ClientID, ClientSecret: app.ClientSecret})
}

// authorizeURL builds GET /oauth/authorize for app with extra parameters.
func (e *env) authorizeURL(app *mastodon.Application, redirectURI, scope string, extra url.Values) string {
	v := url.Values{"response_type": {"code"}, "client_id": {app.ClientID},
		"redirect_uri": {redirectURI}, "scope": {scope}}
	for k, x := range extra {
		v[k] = x
	}
	return e.URL + "/oauth/authorize?" + v.Encode()
}

// post sends form to path and decodes the JSON answer.
func (e *env) post(t *testing.T, path string, form url.Values) (int, map[string]any) {
	t.Helper()
	resp, err := http.PostForm(e.URL+path, form)
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, resp)
}

// get requests path with a bearer token and decodes the JSON answer.
func (e *env) get(t *testing.T, path, token string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.URL+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, resp)
}

func decode(t *testing.T, resp *http.Response) (int, map[string]any) {
	t.Helper()
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("decode %d answer: %v", resp.StatusCode, err)
	}
	return resp.StatusCode, out
}

// exchange trades a code for a token with a raw form, returning the answer.
func (e *env) exchange(t *testing.T, app *mastodon.Application, code, redirectURI, verifier string) (int, map[string]any) {
	t.Helper()
	f := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirectURI},
		"client_id": {app.ClientID}, "client_secret": {app.ClientSecret}}
	if verifier != "" {
		f.Set("code_verifier", verifier)
	}
	return e.post(t, "/oauth/token", f)
}
