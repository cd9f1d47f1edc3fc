package auth_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stoa-social/stoa/handlers/auth"
	"github.com/stoa-social/stoa/handlers/respond"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// fixture is a store with one account, an application, and a server whose
// routes are guarded in each of the ways the package offers.
type fixture struct {
	store *store.Store
	acct  *models.Account
	app   *models.Application
	url   string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	s := storetest.New(t)
	acct, _ := storetest.Account(t, s, "alice")
	app, err := models.NewApplication{Name: "Ivory", RedirectURIs: []string{models.OOBRedirectURI},
		Scopes: "read write follow"}.Build(time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateApplication(context.Background(), app); err != nil {
		t.Fatal(err)
	}
	a := auth.New(s)
	echo := respond.Wrap(func(w http.ResponseWriter, r *http.Request) error {
		ctx := r.Context()
		out := map[string]any{"scopes": auth.Scopes(ctx).String(), "anonymous": auth.Token(ctx) == nil}
		if acct := auth.Account(ctx); acct != nil {
			out["account"] = acct.Username
		}
		if u := auth.User(ctx); u != nil {
			out["email"] = u.Email
		}
		if app := auth.Application(ctx); app != nil {
			out["app"] = app.Name
		}
		return respond.JSON(w, http.StatusOK, out)
	})
	mux := http.NewServeMux()
	mux.Handle("/any", a.Require()(echo))
	mux.Handle("/read-statuses", a.Require("read:statuses")(echo))
	mux.Handle("/write-or-follow", a.Require("write:statuses", "write:follows")(echo))
	mux.Handle("/user", a.RequireUser("read:accounts")(echo))
	mux.Handle("/optional", a.Optional("read:statuses")(echo))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return &fixture{store: s, acct: acct, app: app, url: srv.URL}
}

// token stores a token; account "" makes an app-only token, withApp false
// one made on the command line.
func (f *fixture) token(t *testing.T, scopes string, account bool, withApp bool) string {
	t.Helper()
	secret := models.NewSecret()
	tok := &models.Token{ID: models.NewID(), TokenHash: models.HashSecret(secret), Scopes: scopes,
		CreatedAt: time.Now().UTC()}
	if account {
		tok.AccountID = &f.acct.ID
	}
	if withApp {
		tok.ApplicationID = &f.app.ID
	}
	if err := f.store.CreateToken(context.Background(), tok); err != nil {
		t.Fatal(err)
	}
	return secret
}

func TestGuards(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	read := f.token(t, "read", true, true)
	write := f.token(t, "write", true, true)
	follow := f.token(t, "follow", true, true)
	appOnly := f.token(t, "read", false, true)
	cli := f.token(t, "read write", true, false)
	revoked := f.token(t, "read", true, true)
	rt, err := f.store.TokenBySecret(context.Background(), revoked)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.RevokeToken(context.Background(), rt.ID); err != nil {
		t.Fatal(err)
	}
	const invalid, scope, user = auth.MsgInvalidToken, auth.MsgOutOfScope, auth.MsgNeedsUser
	cases := []struct {
		name, path, header, query string
		status                    int
		want                      map[string]any // fields of the answer
	}{
		{"no token", "/any", "", "", 401, map[string]any{"error": invalid}},
		{"unknown token", "/any", "Bearer nope", "", 401, map[string]any{"error": invalid}},
		{"revoked token", "/read-statuses", "Bearer " + revoked, "", 401, map[string]any{"error": invalid}},
		{"not bearer", "/any", "Basic " + read, "", 401, map[string]any{"error": invalid}},
		{"any valid token", "/any", "Bearer " + write, "", 200, map[string]any{"account": "alice", "email": "alice@example.com", "app": "Ivory", "scopes": "write"}},
		{"lower-case scheme", "/any", "bearer " + read, "", 200, map[string]any{"account": "alice"}},
		{"query parameter", "/read-statuses", "", read, 200, map[string]any{"account": "alice", "scopes": "read"}},
		{"read covers read:statuses", "/read-statuses", "Bearer " + read, "", 200, map[string]any{"anonymous": false}},
		{"write lacks read:statuses", "/read-statuses", "Bearer " + write, "", 403, map[string]any{"error": scope}},
		{"one of several scopes", "/write-or-follow", "Bearer " + follow, "", 200, map[string]any{"scopes": "follow"}},
		{"none of several scopes", "/write-or-follow", "Bearer " + read, "", 403, map[string]any{"error": scope}},
		{"user route, user token", "/user", "Bearer " + read, "", 200, map[string]any{"account": "alice"}},
		{"user route, app token", "/user", "Bearer " + appOnly, "", 422, map[string]any{"error": user}},
		{"user route, app token, wrong scope", "/user", "Bearer " + f.token(t, "write", false, true), "", 403, map[string]any{"error": scope}},
		{"command-line token", "/user", "Bearer " + cli, "", 200, map[string]any{"account": "alice", "app": nil}},
		{"optional, anonymous", "/optional", "", "", 200, map[string]any{"anonymous": true, "account": nil}},
		{"optional, token", "/optional", "Bearer " + read, "", 200, map[string]any{"anonymous": false, "account": "alice"}},
		{"optional, revoked token", "/optional", "Bearer " + revoked, "", 401, map[string]any{"error": invalid}},
		{"optional, wrong scope", "/optional", "Bearer " + write, "", 403, map[string]any{"error": scope}},
	}
	for _, c := range cases {
		u := f.url + c.path
		if c.query != "" {
			u += "?access_token=" + c.query
		}
		req, _ := http.NewRequest(http.MethodGet, u, nil)
		if c.header != "" {
			req.Header.Set("Authorization", c.header)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d (%v)", c.name, resp.StatusCode, c.status, body)
			continue
		}
		for k, v := range c.want {
			if body[k] != v {
				t.Errorf("%s: %s = %v, want %v", c.name, k, body[k], v)
			}
		}
		if c.status == 401 && !strings.Contains(resp.Header.Get("WWW-Authenticate"), `error="invalid_token"`) {
			t.Errorf("%s: WWW-Authenticate %q", c.name, resp.Header.Get("WWW-Authenticate"))
		}
	}
}

func TestTokenUseIsRecorded(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	secret := f.token(t, "read", true, true)
	before, _ := f.store.TokenBySecret(context.Background(), secret)
	if before.LastUsedAt != nil {
		t.Fatal("new token already used")
	}
	req, _ := http.NewRequest(http.MethodGet, f.url+"/any", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	after, _ := f.store.TokenBySecret(context.Background(), secret)
	if after.LastUsedAt == nil || time.Since(*after.LastUsedAt) > time.Minute {
		t.Errorf("last_used_at = %v", after.LastUsedAt)
	}
}

func TestBearerToken(t *testing.T) {
	t.Parallel()
	cases := []struct{ header, query, want string }{
		{"Bearer abc", "", "abc"},
		{"BEARER  abc ", "", "abc"},
		{"Basic abc", "q", "q"},
		{"", "q", "q"},
		{"Bearer h", "q", "h"},
		{"", "", ""},
	}
	for _, c := range cases {
		r := httptest.NewRequest(http.MethodGet, "/x?access_token="+c.query, nil)
		if c.header != "" {
			r.Header.Set("Authorization", c.header)
		}
		if got := auth.BearerToken(r); got != c.want {
			t.Errorf("header %q query %q: %q, want %q", c.header, c.query, got, c.want)
		}
	}
}

func TestContextHelpersWhenAnonymous(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if auth.Token(ctx) != nil || auth.Account(ctx) != nil || auth.User(ctx) != nil ||
		auth.Application(ctx) != nil || auth.Scopes(ctx) != nil {
		t.Error("anonymous context carries something")
	}
	tok := &models.Token{Scopes: "read"}
	ctx = auth.WithToken(ctx, tok)
	if auth.Token(ctx) != tok || auth.Account(ctx) != nil || auth.User(ctx) != nil || auth.Scopes(ctx).String() != "read" {
		t.Error("app-only token in context")
	}
}
