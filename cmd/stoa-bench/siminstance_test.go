package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// simGet fetches path from in and decodes the JSON answer.
func simGet(t *testing.T, in *simInstance, path string) (map[string]any, string) {
	t.Helper()
	resp, err := http.Get(in.Base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	var doc map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	return doc, resp.Header.Get("Content-Type")
}

func TestSimulatedActor(t *testing.T) {
	t.Parallel()
	in, err := startInstance("127.0.0.1:0", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer in.close()
	a := in.addActor("r1", testKeys(t)[0], true)
	follower := in.addActor("f1", testKeys(t)[1], false)

	jrd, ctype := simGet(t, in, "/.well-known/webfinger?"+url.Values{"resource": {"acct:r1@" + in.Host}}.Encode())
	links, _ := jrd["links"].([]any)
	if ctype != "application/jrd+json" || jrd["subject"] != "acct:r1@"+in.Host || len(links) != 1 ||
		links[0].(map[string]any)["href"] != a.ID || links[0].(map[string]any)["type"] != apMediaType {
		t.Errorf("webfinger %s: %v", ctype, jrd)
	}

	doc, ctype := simGet(t, in, "/users/r1")
	key, _ := doc["publicKey"].(map[string]any)
	endpoints, _ := doc["endpoints"].(map[string]any)
	if ctype != apMediaType || doc["id"] != a.ID || doc["type"] != "Person" || doc["preferredUsername"] != "r1" ||
		doc["inbox"] != a.ID+"/inbox" || doc["outbox"] != a.ID+"/outbox" || doc["followers"] != a.ID+"/followers" ||
		endpoints["sharedInbox"] != in.Base+"/inbox" || key["id"] != a.ID+"#main-key" || key["owner"] != a.ID {
		t.Errorf("actor document %s: %v", ctype, doc)
	}
	pub, err := parseRSAPublicKey(key["publicKeyPem"].(string))
	if err != nil || pub.N.BitLen() != 2048 || !pub.Equal(&a.key.priv.PublicKey) {
		t.Errorf("publicKeyPem: %v", err)
	}
	if fdoc, _ := simGet(t, in, "/users/f1"); fdoc["endpoints"] != nil || fdoc["inbox"] != follower.Inbox {
		t.Errorf("a fanout follower publishes %v, inbox %v", fdoc["endpoints"], fdoc["inbox"])
	}

	noteID, create := a.note(7, "hello marker", time.Now())
	in.publish(a, noteID, create)
	outbox, _ := simGet(t, in, "/users/r1/outbox")
	items, _ := outbox["orderedItems"].([]any)
	if outbox["type"] != "OrderedCollection" || outbox["totalItems"] != 1.0 || len(items) != 1 || items[0].(map[string]any)["id"] != noteID+"/activity" {
		t.Errorf("outbox %v", outbox)
	}
	note, _ := simGet(t, in, strings.TrimPrefix(noteID, in.Base))
	if note["type"] != "Note" || note["attributedTo"] != a.ID || note["content"] != "<p>hello marker</p>" ||
		note["to"].([]any)[0] != asPublic || note["cc"].([]any)[0] != a.ID+"/followers" {
		t.Errorf("note %v", note)
	}
	if obj := create["object"].(map[string]any); create["type"] != "Create" || create["actor"] != a.ID || obj["id"] != noteID {
		t.Errorf("create %v", create)
	}
}

func TestSimulatedInstanceStaysOnLoopback(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"0.0.0.0:0", "10.0.0.1:0", "example.com:0", "nonsense"} {
		if in, err := startInstance(addr, nil); err == nil {
			in.close()
			t.Errorf("startInstance(%q) listened", addr)
		}
	}
}

func TestToolTalksOnlyToTheServer(t *testing.T) {
	t.Parallel()
	a, err := newAPI("http://127.0.0.1:8080", 1)
	if err != nil {
		t.Fatal(err)
	}
	f := newFed(a)
	from := newActor("http://127.0.0.1:9", "r", testKeys(t)[0], "")
	for _, target := range []string{"http://127.0.0.2:8080/inbox", "https://127.0.0.1:8080/inbox", "http://example.com/inbox"} {
		if _, err := f.signPost(from, target, []byte("{}"), time.Now()); err == nil {
			t.Errorf("signed a post to %s", target)
		}
	}
	if _, err := f.signPost(from, "http://127.0.0.1:8080/inbox", []byte("{}"), time.Now()); err != nil {
		t.Errorf("refused the server's own inbox: %v", err)
	}
}
