package fedtest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/storetest"
)

// User is a local account of a Server with a go-mastodon client signed in
// as it.
type User struct {
	Account *models.Account
	Token   string
	C       *gomasto.Client
	Server  *Server
}

// Handle is the user's full handle, "name@a.test".
func (u *User) Handle() string { return u.Account.Handle(u.Server.Site().Host()) }

// CreateAccount makes a local account with password "correct horse
// battery" (and a real RSA key, for signatures).
func (s *Server) CreateAccount(t testing.TB, username string) *models.Account {
	t.Helper()
	a, _ := storetest.AccountAt(t, s.Store(), s.Site(), username, "correct horse battery")
	return a
}

// Token creates an access token for a local account.
func (s *Server) Token(t testing.TB, accountID, scopes string) string {
	t.Helper()
	return storetest.Token(t, s.Store(), accountID, scopes)
}

// NewUser creates a local account with a "read write follow push" token
// and a go-mastodon client.
func (s *Server) NewUser(t testing.TB, username string) *User {
	t.Helper()
	a := s.CreateAccount(t, username)
	tok := s.Token(t, a.ID, "read write follow push")
	return &User{Account: a, Token: tok, C: s.Mastodon(tok), Server: s}
}

// Mastodon returns a go-mastodon client of this server using token (""
// for none), over the Fediverse's Client.
func (s *Server) Mastodon(token string) *gomasto.Client {
	c := gomasto.NewClient(&gomasto.Config{Server: s.URL, AccessToken: token})
	c.Client = *s.Client
	return c
}

// Resolve returns this server's account for handle ("bob@b.test"),
// found as the server finds remote accounts: stored, or through WebFinger
// and the actor document.
func (s *Server) Resolve(t testing.TB, handle string) *models.Account {
	t.Helper()
	a, err := s.Federator().Deref().AccountByHandle(context.Background(), handle)
	if err != nil {
		t.Fatalf("%s: resolve %s: %v", s.Name, handle, err)
	}
	return a
}

// SignedGet fetches url (on any server of the Fediverse) as an ActivityPub
// client would, through s.Client, with a GET signed by signer (a local
// account of any server; nil sends it unsigned). It returns the response
// (body closed) and the body.
func (s *Server) SignedGet(t testing.TB, url string, signer *models.Account) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept", httpclient.AcceptActivity)
	if signer != nil {
		key, err := httpclient.ParsePrivateKey(signer.PrivateKeyPEM)
		if err != nil {
			t.Fatal(err)
		}
		if err := httpclient.SignGET(req, signer.PublicKeyURI, key); err != nil {
			t.Fatal(err)
		}
	}
	return s.do(t, req)
}

// SignedPost posts body to url (an inbox on any server of the Fediverse)
// through s.Client, signed by signer as Stoa signs deliveries. It returns
// the response (body closed) and the body.
func (s *Server) SignedPost(t testing.TB, url string, body []byte, signer *models.Account) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", httpclient.ContentType)
	key, err := httpclient.ParsePrivateKey(signer.PrivateKeyPEM)
	if err != nil {
		t.Fatal(err)
	}
	if err := httpclient.SignPOST(req, body, signer.PublicKeyURI, key); err != nil {
		t.Fatal(err)
	}
	return s.do(t, req)
}

// do sends req with s.Client and reads the whole answer.
func (s *Server) do(t testing.TB, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := s.Client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}
