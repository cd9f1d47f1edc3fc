package serve_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	gomasto "github.com/mattn/go-mastodon"

	"github.com/stoa-social/stoa/federation/fedtest"
)

const public = "https://www.w3.org/ns/activitystreams#Public"

// TestNoteDocument: a local status is served as Mastodon's Note at its id,
// its Create at <id>/activity; browsers go to a web page.
func TestNoteDocument(t *testing.T) {
	t.Parallel()
	w := newSvWorld(t)
	st := post(t, w.alice, "Hello @"+w.bob.Handle()+" #Stoa", "public")
	alice := w.alice.Account

	code, n := w.get(t, st.URI, w.bob)
	if code != 200 {
		t.Fatalf("note: %d %v", code, n)
	}
	checks := map[string]bool{
		"id":           n["id"] == st.URI,
		"type":         n["type"] == "Note",
		"attributedTo": n["attributedTo"] == alice.URI,
		"to":           slices.Equal(strs(n["to"]), []string{public}),
		"cc":           slices.Equal(strs(n["cc"]), []string{alice.FollowersURI, w.bobOnA.URI}),
		"content":      strings.Contains(n["content"].(string), "Hello"),
		"url":          n["url"] == st.URL,
		"published":    n["published"] != nil,
		"inReplyTo":    n["inReplyTo"] == nil,
		"sensitive":    n["sensitive"] == false,
		"@context":     n["@context"] != nil,
	}
	tags, _ := n["tag"].([]any)
	checks["tag"] = len(tags) == 2
	replies, _ := n["replies"].(map[string]any)
	checks["replies"] = replies["id"] == st.URI+"/replies"
	src, _ := n["source"].(map[string]any)
	checks["source"] = src["content"] == "Hello @"+w.bob.Handle()+" #Stoa"
	for field, ok := range checks {
		if !ok {
			t.Errorf("note %s wrong: %v", field, n[field])
		}
	}

	code, c := w.get(t, st.URI+"/activity", w.bob)
	obj, _ := c["object"].(map[string]any)
	if code != 200 || c["type"] != "Create" || c["id"] != st.URI+"/activity" || c["actor"] != alice.URI || obj["id"] != st.URI {
		t.Errorf("activity: %d %v", code, c)
	}
	if code, _ := w.get(t, st.URI+"/nope", w.bob); code != 404 {
		t.Errorf("unknown sub-path: %d", code)
	}
	wrong := strings.Replace(st.URI, "/users/alice/", "/users/nobody/", 1)
	if code, _ := w.get(t, wrong, w.bob); code != 404 {
		t.Errorf("status under another name: %d", code)
	}

	req, _ := http.NewRequest(http.MethodGet, st.URI, nil)
	req.Header.Set("Accept", "text/html")
	resp, err := w.a.Client.Transport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != alice.URL {
		t.Errorf("browser: %d to %q, want 302 to %s", resp.StatusCode, resp.Header.Get("Location"), alice.URL)
	}
}

// TestWhoMaySeeWhat: authorized fetch, private and direct statuses.
func TestWhoMaySeeWhat(t *testing.T) {
	t.Parallel()
	w := newSvWorld(t)
	ctx := t.Context()
	// carol follows alice; bob does not.
	if _, err := w.carol.C.AccountFollow(ctx, gomasto.ID(w.b.Resolve(t, w.alice.Handle()).ID)); err != nil {
		t.Fatal(err)
	}
	w.f.Settle(t)
	pub := post(t, w.alice, "for all", "public")
	priv := post(t, w.alice, "for followers", "private")
	dm := post(t, w.alice, "for bob @"+w.bob.Handle(), "direct")
	doraPub := post(t, w.dora, "open server", "public")
	doraPriv := post(t, w.dora, "closed", "private")
	cases := []struct {
		name   string
		url    string
		signer *fedtest.User
		want   int
	}{
		{"public, unsigned, authorized fetch", pub.URI, nil, 401},
		{"public, signed", pub.URI, w.bob, 200},
		{"private, unsigned", priv.URI, nil, 401},
		{"private, signed by a non-follower", priv.URI, w.bob, 404},
		{"private, signed by a follower", priv.URI, w.carol, 200},
		{"private activity, signed by a non-follower", priv.URI + "/activity", w.bob, 404},
		{"direct, signed by the mentioned", dm.URI, w.bob, 200},
		{"direct, signed by a follower not mentioned", dm.URI, w.carol, 404},
		{"public, unsigned, no authorized fetch", doraPub.URI, nil, 200},
		{"private, unsigned, no authorized fetch", doraPriv.URI, nil, 404},
		{"outbox, unsigned", w.alice.Account.OutboxURI, nil, 401},
		{"followers, unsigned", w.alice.Account.FollowersURI, nil, 401},
		{"outbox, unsigned, no authorized fetch", w.dora.Account.OutboxURI, nil, 200},
	}
	for _, tc := range cases {
		code, body := w.get(t, tc.url, tc.signer)
		if code != tc.want {
			t.Errorf("%s: %d %v, want %d", tc.name, code, body, tc.want)
		}
		if code == 200 && body["id"] != tc.url {
			t.Errorf("%s: id %v", tc.name, body["id"])
		}
		if code != 200 && body["error"] == nil {
			t.Errorf("%s: no error message: %v", tc.name, body)
		}
	}
}

// TestOpenDocumentsNeedNoSignature: actor documents, WebFinger and
// NodeInfo are served unsigned even with authorized fetch.
func TestOpenDocumentsNeedNoSignature(t *testing.T) {
	t.Parallel()
	w := newSvWorld(t)
	alice := w.alice.Account
	if code, doc := w.get(t, alice.URI, nil); code != 200 || doc["id"] != alice.URI || doc["publicKey"] == nil {
		t.Errorf("actor: %d %v", code, doc)
	}
	for _, path := range []string{"/.well-known/webfinger?resource=acct:" + w.alice.Handle(), "/.well-known/nodeinfo"} {
		resp, err := w.f.Client.Get(w.a.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
}

// TestBadSignatures are refused with 401 whatever the object.
func TestBadSignatures(t *testing.T) {
	t.Parallel()
	w := newSvWorld(t)
	st := post(t, w.alice, "public", "public")
	// bob's keyId with carol's key.
	impostor := *w.carol.Account
	impostor.PublicKeyURI = w.bob.Account.PublicKeyURI
	resp, body := w.a.SignedGet(t, st.URI, &impostor)
	if resp.StatusCode != 401 || !strings.Contains(string(body), "Signature verification failed") {
		t.Errorf("wrong key: %d %s", resp.StatusCode, body)
	}
	// A key nobody publishes.
	ghost := *w.carol.Account
	ghost.PublicKeyURI = w.b.URL + "/users/ghost#main-key"
	if resp, body := w.a.SignedGet(t, st.URI, &ghost); resp.StatusCode != 401 {
		t.Errorf("unknown key: %d %s", resp.StatusCode, body)
	}
}
