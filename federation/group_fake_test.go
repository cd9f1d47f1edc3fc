package federation_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stoa-social/stoa/federation/fedtest"
	"github.com/stoa-social/stoa/federation/httpclient"
	"github.com/stoa-social/stoa/models"
)

// fakeLemmy is a small Lemmy-shaped server on loopback (plain http): it
// answers WebFinger for its community, serves the community's Group actor
// (with an RSA key), a member's Person and whatever documents a test puts,
// records what arrives in its inboxes, and posts activities signed as the
// community into a Stoa inbox.
type fakeLemmy struct {
	t     *testing.T
	srv   *httptest.Server
	base  string // http://127.0.0.1:port
	key   string // the group's private key, PEM
	pub   string // and its public key
	gpath string // the group's path, /c/libraries unless a test serves another Group

	mu   sync.Mutex
	docs map[string]any // path → document served on GET
	gone map[string]bool
	got  []map[string]any // inbox POSTs, in order
}

func newFakeLemmy(t *testing.T) *fakeLemmy {
	t.Helper()
	l := &fakeLemmy{t: t, docs: map[string]any{}, gone: map[string]bool{}, gpath: "/c/libraries"}
	l.srv = httptest.NewServer(http.HandlerFunc(l.serve))
	t.Cleanup(l.srv.Close)
	l.base = l.srv.URL
	pub, priv, err := models.NewKeyPair()
	if err != nil {
		t.Fatal(err)
	}
	l.key, l.pub = priv, pub
	// The Group, in the shape of lemmy_group.json.
	l.put("/c/libraries", map[string]any{
		"@context": []any{"https://join-lemmy.org/context.json", "https://www.w3.org/ns/activitystreams"},
		"type":     "Group", "id": l.group(), "preferredUsername": "libraries", "name": "Libraries",
		"inbox": l.group() + "/inbox", "followers": l.group() + "/followers", "outbox": l.group() + "/outbox",
		"moderators": l.group() + "/moderators", "attributedTo": l.group() + "/moderators",
		"featured": l.group() + "/featured", "postingRestrictedToMods": false,
		"endpoints": map[string]any{"sharedInbox": l.base + "/inbox"},
		"publicKey": map[string]any{"id": l.group() + "#main-key", "owner": l.group(), "publicKeyPem": pub},
		"summary":   "<p>All about libraries</p>", "published": "2023-06-01T00:00:00Z",
	})
	l.person(l.base + "/u/frank")
	return l
}

// person serves a member's Person at id (on the fake).
func (l *fakeLemmy) person(id string) {
	l.t.Helper()
	pub, _, err := models.NewKeyPair()
	if err != nil {
		l.t.Fatal(err)
	}
	name := id[strings.LastIndex(id, "/")+1:]
	l.put(strings.TrimPrefix(id, l.base), map[string]any{
		"@context": []any{"https://join-lemmy.org/context.json", "https://www.w3.org/ns/activitystreams"},
		"type":     "Person", "id": id, "preferredUsername": name, "inbox": id + "/inbox", "outbox": id + "/outbox",
		"endpoints": map[string]any{"sharedInbox": l.base + "/inbox"},
		"publicKey": map[string]any{"id": id + "#main-key", "owner": id, "publicKeyPem": pub},
	})
}

// fixture reads a payload of astype's testdata/in with its host moved to
// the fake.
func (l *fakeLemmy) fixture(name, host string) map[string]any {
	l.t.Helper()
	b, err := os.ReadFile(filepath.Join("astype", "testdata", "in", name))
	if err != nil {
		l.t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(strings.ReplaceAll(string(b), host, l.base)), &m); err != nil {
		l.t.Fatal(err)
	}
	return m
}

// serveGroup makes a Group fixture (host moved to the fake) the group the
// fake speaks for, with the fake's key.
func (l *fakeLemmy) serveGroup(name, host string) {
	l.t.Helper()
	g := l.fixture(name, host)
	g["publicKey"] = map[string]any{"id": g["id"].(string) + "#main-key", "owner": g["id"], "publicKeyPem": l.pub}
	l.gpath = strings.TrimPrefix(g["id"].(string), l.base)
	l.put(l.gpath, g)
}

func (l *fakeLemmy) group() string  { return l.base + l.gpath }
func (l *fakeLemmy) handle() string { return "libraries@" + strings.TrimPrefix(l.base, "http://") }

// put serves doc at path; setGone makes path answer 410 Gone.
func (l *fakeLemmy) put(path string, doc map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.docs[path] = doc
	delete(l.gone, path)
}

func (l *fakeLemmy) setGone(path string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.gone[path] = true
}

func (l *fakeLemmy) serve(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPost: // an inbox: Friendica's are /inbox/<name>
		body, _ := io.ReadAll(r.Body)
		var m map[string]any
		if json.Unmarshal(body, &m) != nil || r.Header.Get("Signature") == "" {
			http.Error(w, "bad", http.StatusBadRequest)
			return
		}
		l.mu.Lock()
		l.got = append(l.got, m)
		l.mu.Unlock()
		w.WriteHeader(http.StatusOK)
	case r.URL.Path == "/.well-known/webfinger":
		if r.URL.Query().Get("resource") != "acct:"+l.handle() {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/jrd+json")
		json.NewEncoder(w).Encode(map[string]any{"subject": "acct:" + l.handle(), "links": []any{
			map[string]any{"rel": "self", "type": "application/activity+json", "href": l.group()}}})
	default:
		l.mu.Lock()
		doc, ok := l.docs[r.URL.Path]
		gone := l.gone[r.URL.Path]
		l.mu.Unlock()
		switch {
		case gone:
			http.Error(w, "gone", http.StatusGone)
		case !ok:
			http.NotFound(w, r)
		default:
			w.Header().Set("Content-Type", "application/activity+json")
			json.NewEncoder(w).Encode(doc)
		}
	}
}

// received returns the activities of type typ posted to the fake so far.
func (l *fakeLemmy) received(typ string) []map[string]any {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, m := range l.got {
		if m["type"] == typ {
			out = append(out, m)
		}
	}
	return out
}

// send posts doc to the Stoa server's shared inbox signed with the
// group's key, as Lemmy delivers, and returns the HTTP status.
func (l *fakeLemmy) send(s *fedtest.Server, doc map[string]any) int {
	l.t.Helper()
	doc["@context"] = []any{"https://join-lemmy.org/context.json", "https://www.w3.org/ns/activitystreams"}
	body, err := json.Marshal(doc)
	if err != nil {
		l.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, s.URL+"/inbox", bytes.NewReader(body))
	if err != nil {
		l.t.Fatal(err)
	}
	req.Header.Set("Content-Type", httpclient.ContentType)
	key, err := httpclient.ParsePrivateKey(l.key)
	if err != nil {
		l.t.Fatal(err)
	}
	if err := httpclient.SignPOST(req, body, l.group()+"#main-key", key); err != nil {
		l.t.Fatal(err)
	}
	resp, err := s.Client.Do(req)
	if err != nil {
		l.t.Fatal(err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		l.t.Logf("%s %s: %d %s", doc["type"], doc["id"], resp.StatusCode, msg)
	}
	return resp.StatusCode
}

// page is a Lemmy post (lemmy_page.json's shape) by frank in the group.
func (l *fakeLemmy) page(id int, name, content string) map[string]any {
	return map[string]any{
		"type": "Page", "id": l.base + "/post/" + itoa(id), "attributedTo": l.base + "/u/frank",
		"to": []any{l.group(), "https://www.w3.org/ns/activitystreams#Public"}, "cc": []any{},
		"name": name, "content": content, "mediaType": "text/html",
		"attachment": []any{map[string]any{"href": "https://news.example/" + itoa(id), "type": "Link"}},
		"sensitive":  false, "published": "2026-11-01T12:00:00Z", "audience": l.group(),
	}
}

// announce wraps an activity of frank's about object in the group's
// Announce, as announce_create_page.json does.
func (l *fakeLemmy) announce(typ, name string, object any) map[string]any {
	inner := map[string]any{"type": typ, "id": l.base + "/activities/" + strings.ToLower(typ) + "/" + name,
		"actor": l.base + "/u/frank", "to": []any{"https://www.w3.org/ns/activitystreams#Public"},
		"cc": []any{l.group()}, "object": object, "audience": l.group()}
	return map[string]any{"type": "Announce", "id": l.base + "/activities/announce/" + name, "actor": l.group(),
		"to": []any{"https://www.w3.org/ns/activitystreams#Public"}, "cc": []any{l.group() + "/followers"},
		"object": inner}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
