package mastodon_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/instance/instancetest"
	"github.com/stoa-social/stoa/models"
)

// user is a local account with a go-mastodon client signed in as it.
type user struct {
	Account *models.Account
	Token   string
	C       *gomasto.Client
	s       *instancetest.Server
}

// newUser creates a local account and a token with scopes (default
// "read write follow push"), and a go-mastodon client using it.
func newUser(t *testing.T, s *instancetest.Server, username string, scopes ...string) *user {
	t.Helper()
	a, _ := s.CreateAccount(t, username)
	sc := "read write follow push"
	if len(scopes) > 0 {
		sc = scopes[0]
	}
	tok := s.Token(t, a.ID, sc)
	c := gomasto.NewClient(&gomasto.Config{Server: s.URL, AccessToken: tok})
	c.Client = *s.Client
	return &user{Account: a, Token: tok, C: c, s: s}
}

// do sends a raw request as u (body is JSON-encoded when not nil) and
// returns the status, headers and decoded JSON body.
func (u *user) do(t *testing.T, method, path string, body any) (int, http.Header, any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, u.s.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if u.Token != "" {
		req.Header.Set("Authorization", "Bearer "+u.Token)
	}
	resp, err := u.s.Client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var v any
	if len(raw) > 0 {
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("%s %s: %d, not JSON: %s", method, path, resp.StatusCode, raw)
		}
	}
	return resp.StatusCode, resp.Header, v
}
