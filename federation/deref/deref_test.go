package deref_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stoa-social/stoa/federation/deref"
	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/models"
	"github.com/stoa-social/stoa/models/store"
	"github.com/stoa-social/stoa/models/storetest"
)

// remote is a fake server: documents by path, {{base}} replaced by its URL.
type remote struct {
	srv  *httptest.Server
	docs map[string]string
	hits atomic.Int32
	// signed records whether every GET of a document was signed.
	unsigned atomic.Int32
}

func newRemote(t *testing.T, docs map[string]string) *remote {
	t.Helper()
	r := &remote{docs: docs}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		doc, ok := r.docs[req.URL.Path]
		if !ok {
			http.NotFound(w, req)
			return
		}
		r.hits.Add(1)
		if req.Header.Get("Signature") == "" && !strings.HasPrefix(req.URL.Path, "/.well-known/") {
			r.unsigned.Add(1)
		}
		w.Header().Set("Content-Type", "application/activity+json")
		w.Write([]byte(strings.ReplaceAll(doc, "{{base}}", r.srv.URL)))
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *remote) url(path string) string { return r.srv.URL + path }

func newFetcher(t *testing.T, allowHTTP bool, now func() time.Time) (*deref.Fetcher, *store.Store) {
	t.Helper()
	st := storetest.New(t)
	client := httpclient.New(httpclient.Config{AllowPrivateNetwork: true, MaxRedirects: -1})
	return deref.New(deref.Config{Site: models.MustSite("https://stoa.test"), Store: st, Client: client,
		AllowHTTP: allowHTTP, Now: now}), st
}

func actorDoc(name, keyID, displayName string) string {
	b, _ := json.Marshal(map[string]any{
		"@context": []any{"https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"},
		"id":       "{{base}}/users/" + name, "type": "Person", "preferredUsername": name, "name": displayName,
		"inbox": "{{base}}/users/" + name + "/inbox", "followers": "{{base}}/users/" + name + "/followers",
		"manuallyApprovesFollowers": true,
		"endpoints":                 map[string]any{"sharedInbox": "{{base}}/inbox"},
		"publicKey":                 map[string]any{"id": keyID, "owner": "{{base}}/users/" + name, "publicKeyPem": testPEM},
	})
	return string(b)
}

const testPEM = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n"

func TestSplitHandle(t *testing.T) {
	t.Parallel()
	cases := []struct{ in, user, host string }{
		{"alice@example.org", "alice", "example.org"},
		{"@alice@Example.ORG", "alice", "example.org"},
		{"acct:alice@127.0.0.1:8080", "alice", "127.0.0.1:8080"},
		{"alice", "", ""},
		{"@alice@", "", ""},
		{"a@b@c", "", ""},
		{"a b@c", "", ""},
	}
	for _, c := range cases {
		u, h, err := deref.SplitHandle(c.in)
		if u != c.user || h != c.host || (err != nil) != (c.user == "") {
			t.Errorf("SplitHandle(%q) = %q %q %v", c.in, u, h, err)
		}
	}
}

// TestAccountByHandle: WebFinger over http only when allowed, then the
// actor, fetched signed and stored with its key and handle (host:port).
func TestAccountByHandle(t *testing.T) {
	t.Parallel()
	r := newRemote(t, map[string]string{
		"/.well-known/webfinger": `{"subject":"acct:dan","links":[{"rel":"self","type":"application/activity+json","href":"{{base}}/users/dan"}]}`,
		"/users/dan":             actorDoc("dan", "{{base}}/users/dan#main-key", "Dan"),
	})
	handle := "dan@" + strings.TrimPrefix(r.srv.URL, "http://")
	strict, _ := newFetcher(t, false, nil)
	if _, err := strict.AccountByHandle(t.Context(), handle); err == nil {
		t.Fatal("WebFinger over plain http without AllowHTTP")
	}
	f, st := newFetcher(t, true, nil)
	a, err := f.AccountByHandle(t.Context(), handle)
	if err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(r.srv.URL, "http://")
	if a.Username != "dan" || a.Domain != host || a.URI != r.url("/users/dan") || a.DisplayName != "Dan" ||
		!a.Locked || a.SharedInboxURI != r.url("/inbox") || a.PublicKeyPEM != testPEM || a.ID == "" {
		t.Fatalf("account: %+v", a)
	}
	if r.unsigned.Load() != 0 {
		t.Fatal("an actor document was fetched unsigned")
	}
	if got, err := st.AccountByKeyURI(t.Context(), r.url("/users/dan#main-key")); err != nil || got.ID != a.ID {
		t.Fatalf("key not cached: %v", err)
	}
	hits := r.hits.Load()
	if b, err := f.AccountByHandle(t.Context(), handle); err != nil || b.ID != a.ID || r.hits.Load() != hits {
		t.Fatalf("second lookup fetched again or differs: %v", err)
	}
}

// TestKeyOwner: GoToSocial publishes keys at their own URL; the owner is
// then fetched and must list the key. Mismatches store nothing.
func TestKeyOwner(t *testing.T) {
	t.Parallel()
	r := newRemote(t, map[string]string{
		"/users/gts/main-key": `{"@context":"https://w3id.org/security/v1","id":"{{base}}/users/gts/main-key","owner":"{{base}}/users/gts","publicKeyPem":"x"}`,
		"/users/gts":          actorDoc("gts", "{{base}}/users/gts/main-key", "GTS"),
		"/users/liar":         actorDoc("liar", "{{base}}/users/other#main-key", "Liar"),
		"/users/elsewhere":    strings.ReplaceAll(actorDoc("elsewhere", "{{base}}/users/elsewhere#main-key", ""), `"id":"{{base}}/users/elsewhere"`, `"id":"https://other.example/users/elsewhere"`),
	})
	f, st := newFetcher(t, true, nil)
	a, err := f.KeyOwner(t.Context(), r.url("/users/gts/main-key"))
	if err != nil || a.URI != r.url("/users/gts") || a.PublicKeyURI != r.url("/users/gts/main-key") {
		t.Fatalf("key owner: %+v %v", a, err)
	}
	for _, key := range []string{r.url("/users/liar#main-key"), r.url("/users/elsewhere#main-key")} {
		if _, err := f.KeyOwner(t.Context(), key); !errors.Is(err, deref.ErrMismatch) {
			t.Errorf("%s: %v, want ErrMismatch", key, err)
		}
	}
	for _, uri := range []string{r.url("/users/liar"), "https://other.example/users/elsewhere"} {
		if _, err := st.AccountByURI(t.Context(), uri); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("%s stored: %v", uri, err)
		}
	}
	if _, err := f.KeyOwner(t.Context(), "https://stoa.test/users/nobody#main-key"); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("local unknown key: %v", err)
	}
}

// TestRefreshKey: a refetch that finds the key unchanged is not repeated
// within MinRefetchInterval; a changed key is reported.
func TestRefreshKey(t *testing.T) {
	t.Parallel()
	r := newRemote(t, map[string]string{"/users/dan": actorDoc("dan", "{{base}}/users/dan#main-key", "Dan")})
	f, _ := newFetcher(t, true, nil)
	key := r.url("/users/dan#main-key")
	if _, err := f.KeyOwner(t.Context(), key); err != nil {
		t.Fatal(err)
	}
	if _, changed, err := f.RefreshKey(t.Context(), key); changed || err != nil {
		t.Fatalf("unchanged key: changed=%v %v", changed, err)
	}
	hits := r.hits.Load()
	if _, changed, _ := f.RefreshKey(t.Context(), key); changed || r.hits.Load() != hits {
		t.Fatal("refetched an unchanged key at once")
	}
}

// TestStaleActorRefreshed: an account fetched more than StaleAfter ago is
// fetched again on use.
func TestStaleActorRefreshed(t *testing.T) {
	t.Parallel()
	r := newRemote(t, map[string]string{"/users/dan": actorDoc("dan", "{{base}}/users/dan#main-key", "Dan")})
	now := time.Now()
	f, _ := newFetcher(t, true, func() time.Time { return now })
	if _, err := f.Actor(t.Context(), r.url("/users/dan")); err != nil {
		t.Fatal(err)
	}
	r.docs["/users/dan"] = actorDoc("dan", "{{base}}/users/dan#main-key", "Dan Renamed")
	if a, _ := f.Actor(t.Context(), r.url("/users/dan")); a.DisplayName != "Dan" {
		t.Fatalf("fresh account refetched: %q", a.DisplayName)
	}
	now = now.Add(25 * time.Hour)
	if a, _ := f.Actor(t.Context(), r.url("/users/dan")); a.DisplayName != "Dan Renamed" {
		t.Fatalf("stale account not refetched: %q", a.DisplayName)
	}
}

// TestNote: a status must be on the host that served it, by an author on
// that host; local URLs are never fetched.
func TestNote(t *testing.T) {
	t.Parallel()
	r := newRemote(t, map[string]string{
		"/notes/1":  `{"@context":"https://www.w3.org/ns/activitystreams","id":"{{base}}/notes/1","type":"Note","attributedTo":"{{base}}/users/dan","content":"<p>hi</p>","to":"https://www.w3.org/ns/activitystreams#Public"}`,
		"/notes/2":  `{"@context":"https://www.w3.org/ns/activitystreams","id":"{{base}}/notes/2","type":"Note","attributedTo":"https://other.example/users/x","content":"x"}`,
		"/notes/3":  `{"@context":"https://www.w3.org/ns/activitystreams","id":"https://other.example/notes/3","type":"Note","attributedTo":"https://other.example/users/x","content":"x"}`,
		"/users/x1": actorDoc("x1", "{{base}}/users/x1#main-key", ""),
	})
	f, _ := newFetcher(t, true, nil)
	n, err := f.Note(t.Context(), r.url("/notes/1"))
	if err != nil || n.Content != "<p>hi</p>" || n.AttributedTo != r.url("/users/dan") {
		t.Fatalf("note: %+v %v", n, err)
	}
	for _, p := range []string{"/notes/2", "/notes/3"} {
		if _, err := f.Note(t.Context(), r.url(p)); !errors.Is(err, deref.ErrMismatch) {
			t.Errorf("%s: %v, want ErrMismatch", p, err)
		}
	}
	if _, err := f.Note(t.Context(), r.url("/users/x1")); err == nil {
		t.Error("an actor read as a note")
	}
	if _, err := f.Note(t.Context(), "https://stoa.test/users/a/statuses/1"); !errors.Is(err, deref.ErrNotAllowed) {
		t.Errorf("local URL: %v", err)
	}
}
