package main

import (
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fakeServer is a minimal Mastodon-compatible server for the inbox and
// fanout scenarios' tests, written independently of the tool (it checks
// signatures with go-fed/httpsig): the client API calls the tool makes,
// WebFinger and actor documents, a shared and personal inboxes that
// verify signatures, resolve-by-search, outgoing Follows, Accepts of
// incoming Follows, and delivery of new statuses to followers. It can
// misbehave on purpose: drop every n-th Create, or sign deliveries with
// the wrong key.
type fakeServer struct {
	t    *testing.T
	srv  *httptest.Server
	host string

	dropEvery   int  // answer 202 to every n-th Create but do not store it
	wrongKey    bool // sign deliveries with a key other than the published one
	mu          sync.Mutex
	locals      map[string]*fakeLocal  // by token
	remotes     map[string]*fakeRemote // by server account id
	byURI       map[string]*fakeRemote // by actor URI
	creates     int
	nextID      int
	deliveries  sync.WaitGroup
	wrongKeyPEM *rsa.PrivateKey
}

type fakeLocal struct {
	id, username string
	key          *rsa.PrivateKey
	pem          string
	followers    map[string]*fakeRemote // by actor URI
}

type fakeRemote struct {
	id, uri, acct, inbox, keyID string
	key                         *rsa.PublicKey
	statuses                    []mStatus
	followedBy                  map[string]string // local id -> "requested" or "accepted"
}

// newFakeServer starts a fake server with local accounts bench0..n-1 and
// returns it with their tokens.
func newFakeServer(t *testing.T, n int) (*fakeServer, []string) {
	t.Helper()
	keys := testKeys(t)
	f := &fakeServer{t: t, locals: map[string]*fakeLocal{}, remotes: map[string]*fakeRemote{},
		byURI: map[string]*fakeRemote{}, wrongKeyPEM: keys[1].priv}
	f.srv = httptest.NewServer(f.routes())
	f.host = strings.TrimPrefix(f.srv.URL, "http://")
	var tokens []string
	for i := range n {
		tok := fmt.Sprintf("token-%d", i)
		f.locals[tok] = &fakeLocal{id: fmt.Sprint(1000 + i), username: fmt.Sprintf("bench%d", i),
			key: keys[0].priv, pem: keys[0].pem, followers: map[string]*fakeRemote{}}
		tokens = append(tokens, tok)
	}
	t.Cleanup(func() {
		f.deliveries.Wait()
		f.srv.Close()
	})
	return f, tokens
}

func (f *fakeServer) routes() http.Handler {
	m := http.NewServeMux()
	m.HandleFunc("GET /api/v1/accounts/verify_credentials", f.authed(func(w http.ResponseWriter, r *http.Request, l *fakeLocal) {
		fakeJSON(w, mAccount{ID: l.id, Username: l.username, Acct: l.username})
	}))
	m.HandleFunc("GET /api/v2/instance", func(w http.ResponseWriter, r *http.Request) {
		fakeJSON(w, map[string]string{"domain": f.host})
	})
	m.HandleFunc("GET /.well-known/webfinger", f.webfinger)
	m.HandleFunc("GET /users/{name}", f.actorDoc)
	m.HandleFunc("GET /api/v2/search", f.authed(f.search))
	m.HandleFunc("POST /api/v1/accounts/{id}/follow", f.authed(f.follow))
	m.HandleFunc("GET /api/v1/accounts/relationships", f.authed(f.relationships))
	m.HandleFunc("GET /api/v1/accounts/{id}", f.authed(f.account))
	m.HandleFunc("GET /api/v1/accounts/{id}/statuses", f.authed(f.statuses))
	m.HandleFunc("POST /api/v1/statuses", f.authed(f.postStatus))
	m.HandleFunc("POST /inbox", f.inbox)
	m.HandleFunc("POST /users/{name}/inbox", f.inbox)
	return m
}

// authed passes the token's local account to h, or answers 401.
func (f *fakeServer) authed(h func(http.ResponseWriter, *http.Request, *fakeLocal)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		l := f.locals[strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")]
		f.mu.Unlock()
		if l == nil {
			http.Error(w, `{"error":"The access token is invalid"}`, http.StatusUnauthorized)
			return
		}
		h(w, r, l)
	}
}

func (f *fakeServer) local(username string) *fakeLocal {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, l := range f.locals {
		if l.username == username {
			return l
		}
	}
	return nil
}

func (f *fakeServer) actorURI(l *fakeLocal) string { return f.srv.URL + "/users/" + l.username }

func (f *fakeServer) webfinger(w http.ResponseWriter, r *http.Request) {
	user, _ := strings.CutSuffix(strings.TrimPrefix(r.URL.Query().Get("resource"), "acct:"), "@"+f.host)
	l := f.local(user)
	if l == nil {
		http.NotFound(w, r)
		return
	}
	fakeJSON(w, map[string]any{"subject": "acct:" + user + "@" + f.host,
		"links": []any{map[string]string{"rel": "self", "type": apMediaType, "href": f.actorURI(l)}}})
}

func (f *fakeServer) actorDoc(w http.ResponseWriter, r *http.Request) {
	l := f.local(r.PathValue("name"))
	if l == nil {
		http.NotFound(w, r)
		return
	}
	id := f.actorURI(l)
	fakeJSON(w, map[string]any{"id": id, "type": "Person", "inbox": id + "/inbox",
		"endpoints": map[string]string{"sharedInbox": f.srv.URL + "/inbox"},
		"publicKey": map[string]string{"id": id + "#main-key", "owner": id, "publicKeyPem": l.pem}})
}

func (f *fakeServer) account(w http.ResponseWriter, r *http.Request, _ *fakeLocal) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, l := range f.locals {
		if l.id == r.PathValue("id") {
			fakeJSON(w, mAccount{ID: l.id, Username: l.username, Acct: l.username, FollowersCount: len(l.followers)})
			return
		}
	}
	http.NotFound(w, r)
}

func fakeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
